/* Tests of the Header and UASC rules (rules_header.c), written from the DfE's
 * rule descriptions. Year 2027 = 2026/27: 1 April 2026 to 31 March 2027. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"
#include "validate/vfamilies.h"

/* A valid Header row for child id N, to pad cases. */
#define OKH(id) id ",F,01/06/2012,WBRI,A123456789012,,\n"

static const VCase cases[] = {
    {"101",
     2024,
     {HDR "1,1,01/01/2010,WBRI,,,\n2,3,01/01/2010,WBRI,,,\n3,,01/01/2010,WBRI,,,\n"},
     {0},
     "Header:1 Header:2"},
    {"101", 2024, {HDR "1,2,01/01/2010,WBRI,,,\n"}, {0}, ""},
    {"101",
     0,
     {HDR "1,m,01/01/2010,WBRI,,,\n2,F,01/01/2010,WBRI,,,\n3,U,01/01/2010,WBRI,,,\n"},
     {0},
     ""},
    {"101",
     0,
     {HDR "1,1,01/01/2010,WBRI,,,\n2,X,01/01/2010,WBRI,,,\n3,,01/01/2010,WBRI,,,\n"},
     {0},
     "Header:0 Header:1 Header:2"},
    {"102",
     0,
     {HDR "1,M,31/02/2010,WBRI,,,\n2,M,2010-01-01,WBRI,,,\n3,M,,WBRI,,,\n" OKH("4")},
     {0},
     "Header:0 Header:1 Header:2"},
    {"102", 0, {HDR OKH("1")}, {0}, ""},
    {"103",
     0,
     {HDR "1,M,01/01/2010,wbri,,,\n2,M,01/01/2010,XXXX,,,\n3,M,01/01/2010,,,,\n"},
     {0},
     "Header:1 Header:2"},
    {"103", 0, {HDR OKH("1")}, {0}, ""},
    {"104",
     0,
     {UASC "1,M,01/01/2010,01/13/2025\n2,M,01/01/2010,\n3,M,01/01/2010,01/01/2025\n"},
     {0},
     "UASC:0"},
    {"104", 0, {UASC "1,M,01/01/2010,\n"}, {0}, ""},
    {"104", 0, {HDR OKH("1")}, {0}, "SKIP"},
    {"168",
     0,
     {HDR "1,M,01/01/2010,WBRI,UN3,,\n2,M,01/01/2010,WBRI,UN7,,\n3,M,01/01/2010,WBRI,I07227272958"
          "8,,\n4,M,01/01/2010,WBRI,X06805040829A,,\n5,M,01/01/2010,WBRI,5035247309594,,\n6,M,"
          "01/01/2010,WBRI,,,\n7,M,01/01/2010,WBRI,A12345,,\n"},
     {0},
     "Header:1 Header:2 Header:4 Header:6"},
    {"168", 0, {HDR OKH("1")}, {0}, ""},
    {"171",
     0,
     {HDR "1,F,01/01/2000,WBRI,,1,30/02/2020\n2,F,01/01/2000,WBRI,,1,01/02/2020\n"},
     {0},
     "Header:0"},
    {"171", 0, {HDR OKH("1")}, {0}, ""},
    {"174",
     0,
     {HDR "1,M,01/01/2000,WBRI,,1,01/02/2020\n2,F,01/01/2000,WBRI,,1,01/02/2020\n"},
     {0},
     "Header:0"},
    {"174",
     2024,
     {HDR "1,1,01/01/2000,WBRI,,1,01/02/2020\n2,2,01/01/2000,WBRI,,1,01/02/2020\n"},
     {0},
     "Header:0"},
    {"174", 0, {HDR "1,M,01/01/2000,WBRI,,0,\n"}, {0}, ""},
    {"202",
     0,
     {HDR "1,M,01/01/2010,WBRI,,,\n2,F,01/01/2010,WBRI,,,\n3,F,01/01/2010,WBRI,,,\n"},
     {HDR "1,F,01/01/2010,WBRI,,,\n2,f,01/01/2010,WBRI,,,\n"},
     "Header:0 Header_last:0"},
    {"202", 0, {HDR OKH("1")}, {HDR OKH("1")}, ""},
    {"202", 0, {HDR OKH("1")}, {0}, "SKIP"},
    {"203",
     0,
     {HDR "1,M,01/01/2010,WBRI,,,\n2,M,01/01/2010,WBRI,,,\n"},
     {HDR "1,M,02/01/2010,WBRI,,,\n2,M,01/01/2010,WBRI,,,\n"},
     "Header:0 Header_last:0"},
    {"203", 0, {HDR OKH("1")}, {HDR OKH("1") OKH("2")}, ""},
    {"204",
     0,
     {HDR "1,M,01/01/2010,WBRI,,,\n2,M,01/01/2010,WBRI,,,\n"},
     {HDR "1,M,01/01/2010,WIRI,,,\n2,M,01/01/2010,,,,\n"},
     "Header:0 Header_last:0"},
    {"204", 0, {HDR OKH("1")}, {HDR OKH("1")}, ""},
    {"208",
     0,
     {HDR "1,M,01/01/2010,WBRI,A123456789012,,\n2,M,01/01/2010,WBRI,UN1,,\n3,M,01/01/2010,WBRI,"
          "A123456789012,,\n4,M,01/01/2010,WBRI,,,\n"},
     {HDR "1,M,01/01/2010,WBRI,B123456789012,,\n2,M,01/01/2010,WBRI,UN2,,\n3,M,01/01/2010,WBRI,"
          "a123456789012,,\n4,M,01/01/2010,WBRI,A123456789012,,\n"},
     "Header:0 Header:3 Header_last:0 Header_last:3"},
    {"208", 0, {HDR OKH("1")}, {HDR OKH("1")}, ""},
    /* 2026/27: school age from 4 on 31/08/2025, i.e. born on or before 31/08/2021 */
    {"209",
     0,
     {HDR "1,M,31/08/2021,WBRI,UN1,,\n2,M,01/09/2021,WBRI,UN1,,\n3,M,01/01/2015,WBRI,UN2,,\n"},
     {0},
     "Header:0"},
    {"209", 0, {HDR OKH("1")}, {0}, ""},
    {"232", 0, {HDR "1,u,01/01/2010,WBRI,,,\n" OKH("2")}, {0}, "Header:0"},
    {"232", 0, {HDR OKH("1")}, {0}, ""},
    {"232", 2024, {HDR "1,u,01/01/2010,WBRI,,,\n"}, {0}, "(rule not in force)"},
    {"301", 0, {HDR "1,M,01/04/2027,WBRI,,,\n2,M,31/03/2027,WBRI,,,\n"}, {0}, "Header:0"},
    {"301", 0, {HDR OKH("1")}, {0}, ""},
    {"304",
     0,
     {UASC "1,M,01/06/2000,05/06/2018\n2,M,01/06/2000,01/06/2018\n3,M,,01/06/2018\n4,M,01/06/"
           "2000,\n"},
     {0},
     "UASC:0"},
    {"304", 0, {UASC "1,M,01/06/2008,01/06/2024\n"}, {0}, ""},
    /* 25th birthday before 1 April 2026 */
    {"351", 0, {HDR "1,M,31/03/2001,WBRI,,,\n2,M,01/04/2001,WBRI,,,\n"}, {0}, "Header:0"},
    {"351", 0, {HDR OKH("1")}, {0}, ""},
    {"444",
     0,
     {HDR "1,M,01/01/2010,WBRI,A123456789012,,\n2,M,01/01/2010,WBRI,a123456789012,,\n3,M,01/01/"
          "2010,WBRI,UN1,,\n4,M,01/01/2010,WBRI,UN1,,\n5,M,01/01/2010,WBRI,,,\n6,M,01/01/2010,"
          "WBRI,,,\n"},
     {0},
     "Header:0 Header:1"},
    {"444", 0, {HDR OKH("1") "2,M,01/01/2010,WBRI,B123456789012,,\n"}, {0}, ""},
    {"611",
     0,
     {HDR "1,F,01/01/2005,WBRI,,1,\n2,F,01/01/2005,WBRI,,1,01/01/2024\n"},
     {0},
     "Header:0"},
    {"611", 0, {HDR OKH("1")}, {0}, ""},
    {"612",
     0,
     {HDR "1,F,01/01/2005,WBRI,,0,01/01/2024\n2,F,01/01/2005,WBRI,,,01/01/2024\n3,F,01/01/2005,"
          "WBRI,,1,01/01/2024\n"},
     {0},
     "Header:0 Header:1"},
    {"612", 0, {HDR OKH("1")}, {0}, ""},
    /* under 11 on 1 April 2026: born after 01/04/2015 */
    {"620",
     0,
     {HDR "1,F,02/04/2015,WBRI,,1,\n2,F,01/04/2015,WBRI,,1,\n3,F,02/04/2015,WBRI,,0,\n"},
     {0},
     "Header:0"},
    {"620", 0, {HDR OKH("1")}, {0}, ""},
    {"621",
     0,
     {HDR "1,F,01/01/2010,WBRI,,1,01/01/2009\n2,F,01/01/2010,WBRI,,1,01/01/2010\n3,F,01/01/2008,"
          "WBRI,,1,01/01/2025\n"},
     {0},
     "Header:0"},
    {"621", 0, {HDR OKH("1")}, {0}, ""},
    {"624",
     0,
     {HDR "1,F,01/01/2005,WBRI,,1,01/01/2024\n2,F,01/01/2005,WBRI,,1,01/01/2024\n"},
     {HDR "1,F,01/01/2005,WBRI,,1,02/01/2024\n2,F,01/01/2005,WBRI,,1,01/01/2024\n"},
     "Header:0 Header_last:0"},
    {"624", 0, {HDR OKH("1")}, {HDR OKH("1")}, ""},
};

static void test_header_rules(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    assert_int_equal(vharness_run(cases, n, vrules_header, vrules_header_n), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_header_rules)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
