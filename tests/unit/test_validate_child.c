/* Tests of the rules on the child's Header fields against their episodes
 * (rules_child.c), written from the DfE's rule descriptions. Year 2027 =
 * 2026/27: 1 April 2026 to 31 March 2027. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"
#include "validate/vfamilies.h"

#define H(child, sex, upn, mother, mc_dob) \
    child "," sex ",01/01/2008,WBRI," upn "," mother "," mc_dob "\n"
#define EC(child, ls, dec, rec) child ",01/01/2025,S," ls ",N1,U1,PR1," dec "," rec ",,,,\n"
#define UPN                     "A123456789012"
#define RV(child)               child ",01/01/2008,01/05/2026,PN1\n"
#define HD(child, dob)          child ",M," dob ",WBRI,A123456789012,,\n"
#define U(child, dob, duc)      child ",M," dob "," duc "\n"
#define O3(child)               child ",01/01/2008,YES,F1,D1\n"

static const VCase cases[] = {
    {"207",
     0,
     {HDR H("1", "F", UPN, "0", "") H("2", "F", UPN, "1", "01/01/2025") H("3", "F", UPN, "0", ""),
      EPI EC("1", "C2", "", "") EC("2", "C2", "", "")},
     {HDR H("1", "F", UPN, "1", "01/01/2025") H("2", "F", UPN, "1", "01/01/2025")
          H("3", "F", UPN, "1", "01/01/2025")},
     "Header:0 Episodes:0 Header_last:0"},
    {"207",
     0,
     {HDR H("2", "F", UPN, "1", "01/01/2025"), EPI EC("2", "C2", "", "")},
     {HDR H("2", "F", UPN, "1", "01/01/2025")},
     ""},
    {"393",
     0,
     {HDR H("1", "F", UPN, "", "") H("2", "2", UPN, "", "") H("3", "M", UPN, "", "")
          H("4", "F", UPN, "0", ""),
      EPI EC("1", "C2", "", "") EC("2", "V3", "", "") EC("3", "C2", "", "") EC("4", "C2", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"393", 0, {HDR H("4", "F", UPN, "0", ""), EPI EC("4", "C2", "", "")}, {0}, ""},
    {"399",
     0,
     {HDR H("1", "F", UPN, "0", "") H("2", "F", UPN, "0", ""),
      EPI EC("1", "V3", "03/01/2025", "E13") EC("2", "C2", "", ""), REV RV("1") RV("2")},
     {0},
     "Header:0 Episodes:0 Reviews:0"},
    {"399",
     0,
     {HDR H("1", "F", UPN, "", "") H("2", "F", UPN, "0", ""),
      EPI EC("1", "V4", "", "") EC("2", "C2", "", ""), REV RV("2")},
     {0},
     ""},
    {"442",
     0,
     {HDR H("1", "M", "", "", "") H("2", "M", "", "", "") H("3", "M", "UN1", "", ""),
      EPI EC("1", "C2", "", "") EC("2", "V4", "", "") EC("3", "C2", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"442", 0, {HDR H("3", "M", "UN1", "", ""), EPI EC("3", "C2", "", "")}, {0}, ""},
    {"607",
     0,
     {HDR H("1", "F", UPN, "", "") H("2", "F", UPN, "", "") H("3", "F", UPN, "", ""),
      EPI EC("1", "C2", "01/06/2026", "E13") EC("2", "C2", "01/06/2026", "X1")
          EC("3", "C2", "01/06/2025", "E13")},
     {0},
     "Header:0 Episodes:0"},
    {"607", 0, {HDR H("1", "F", UPN, "0", ""), EPI EC("1", "C2", "01/06/2026", "E13")}, {0}, ""},
    {"625",
     0,
     {HDR H("1", "F", UPN, "1", "01/04/2027") H("2", "F", UPN, "1", "01/07/2026")
          H("3", "F", UPN, "1", "01/05/2026"),
      EPI EC("2", "C2", "01/06/2026", "E13") EC("3", "C2", "01/06/2026", "E13")},
     {0},
     "Header:0 Header:1 Episodes:0"},
    {"625",
     0,
     {HDR H("3", "F", UPN, "1", "01/05/2026"), EPI EC("3", "C2", "01/06/2026", "E13")},
     {0},
     ""},
    {"626",
     0,
     {HDR H("1", "F", UPN, "1", "01/01/2026") H("2", "F", UPN, "1", "01/05/2026")
          H("3", "F", UPN, "1", "01/01/2026")},
     {HDR H("1", "F", UPN, "0", "") H("2", "F", UPN, "0", "") H("3", "F", UPN, "1", "01/01/2026")},
     "Header:0 Header_last:0"},
    {"626", 0, {HDR H("2", "F", UPN, "1", "01/05/2026")}, {HDR H("2", "F", UPN, "0", "")}, ""},
    {"628",
     0,
     {HDR H("1", "F", UPN, "0", "") H("2", "F", UPN, "0", "") H("3", "F", UPN, "0", ""),
      EPI EC("2", "C2", "", "") EC("3", "C2", "", ""), OC3 O3("1") O3("2")},
     {0},
     "Header:0 OC3:0"},
    {"628", 0, {HDR H("2", "F", UPN, "0", ""), EPI EC("2", "C2", "", ""), OC3 O3("2")}, {0}, ""},
    {"EPI",
     0,
     {HDR H("1", "F", UPN, "0", "") H("2", "F", UPN, "", "") H("3", "M", UPN, "", ""),
      EPI EC("1", "C2", "", ""), OC3 O3("2")},
     {0},
     "Header:2"},
    {"EPI", 0, {HDR H("1", "F", UPN, "0", ""), EPI EC("1", "C2", "", "")}, {0}, ""},
    {"165",
     0,
     {HDR H("1", "F", UPN, "2", "") H("2", "M", UPN, "0", "") H("3", "F", UPN, "", "")
          H("4", "F", UPN, "0", "") H("5", "F", UPN, "0", "") H("6", "M", UPN, "", ""),
      EPI EC("1", "C2", "", "") EC("2", "C2", "", "") EC("3", "C2", "", "") EC("5", "C2", "", "")
          EC("6", "C2", "", ""),
      OC3 O3("4")},
     {0},
     "Header:0 Header:1 Header:2 Header:3 Episodes:2 OC3:0"},
    {"165",
     0,
     {HDR H("5", "F", UPN, "0", "") H("6", "M", UPN, "", ""),
      EPI EC("5", "C2", "", "") EC("6", "C2", "", ""), OC3 O3("7")},
     {0},
     ""},
    {"205A",
     0,
     {HDR HD("1", "01/06/2007") HD("2", "01/06/2008") HD("3", "01/06/2008"),
      UASC U("3", "01/06/2008", "01/06/2026")},
     {HDR HD("1", "01/06/2007") HD("2", "01/06/2008") HD("3", "01/06/2008"),
      UASC U("1", "01/06/2007", "01/06/2025") U("2", "01/06/2008", "01/06/2026")
          U("3", "01/06/2008", "01/06/2026")},
     "Header:1 Header_last:1 UASC_last:1"},
    {"205A",
     0,
     {HDR HD("1", "01/06/2007"), UASC U("9", "01/06/2008", "01/06/2026")},
     {HDR HD("1", "01/06/2007"), UASC U("1", "01/06/2007", "01/06/2025")},
     ""},
    {"205A", 0, {HDR HD("1", "01/06/2007"), UASC U("9", "01/06/2008", "01/06/2026")}, {0}, "SKIP"},
    {"205B",
     0,
     {HDR HD("3", "01/06/2008") HD("4", "01/06/2008"),
      UASC U("3", "01/06/2008", "01/06/2026") U("4", "01/06/2008", "01/06/2026")},
     {HDR HD("3", "01/06/2008") HD("4", "01/06/2008"),
      UASC U("3", "01/06/2008", "01/06/2026") U("4", "01/06/2008", "01/01/2026")},
     "Header:1 UASC:1 Header_last:1 UASC_last:1"},
    {"205B",
     0,
     {HDR HD("3", "01/06/2008"), UASC U("3", "01/06/2008", "01/06/2026")},
     {HDR HD("3", "01/06/2008"), UASC U("3", "01/06/2008", "01/06/2026")},
     ""},
    {"205D",
     0,
     {HDR HD("3", "01/06/2008") HD("5", "01/06/2008"),
      UASC U("3", "01/06/2008", "01/06/2026") U("5", "01/06/2008", "01/06/2026")},
     {HDR HD("3", "01/06/2008") HD("5", "01/06/2008"), UASC U("3", "01/06/2008", "01/06/2026")},
     "Header:1 UASC:1 Header_last:1"},
    {"205D",
     0,
     {HDR HD("3", "01/06/2008"), UASC U("3", "01/06/2008", "01/06/2026")},
     {HDR HD("3", "01/06/2008"), UASC U("3", "01/06/2008", "01/06/2026")},
     ""},
    {"231",
     0,
     {HDR HD("1", "01/04/2016") HD("2", "31/03/2016") HD("3", "01/04/2020"),
      UASC U("1", "01/04/2016", "01/04/2034") U("2", "31/03/2016", "31/03/2034")},
     {0},
     "Header:0"},
    {"231", 0, {HDR HD("2", "31/03/2016"), UASC U("2", "31/03/2016", "31/03/2034")}, {0}, ""},
};

static void test_child_rules(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    assert_int_equal(vharness_run(cases, n, vrules_child, vrules_child_n), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_child_rules)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
