/* Tests of the social worker episode rules (rules_sw.c), written from the
 * DfE's rule descriptions. Year 2027 = 2026/27: 1 April 2026 to 31 March 2027;
 * the social worker reporting period starts on 1 April 2025. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"
#include "validate/vfamilies.h"

#define S(child, id, decom, dec, reason) child ",01/01/2010," id "," decom "," dec "," reason "\n"
#define OKS(child)                       S(child, "SW123", "01/05/2026", "", "MANAGE")
/* Children 1 and 2 are looked after at 31 March; child 3 left care. */
#define LAC                                   \
    EPI "1,01/01/2025,S,C2,N1,U1,PR1,,,,,,\n" \
        "2,01/01/2025,S,C2,N1,U1,PR1,,,,,,\n" \
        "3,01/01/2025,S,C2,N1,U1,PR1,01/03/2027,E13,,,,\n"

/* The same in 2023/24 (year 2024: 1 April 2023 to 31 March 2024). */
#define LAC24                                 \
    EPI "1,01/01/2023,S,C2,N1,U1,PR1,,,,,,\n" \
        "2,01/01/2023,S,C2,N1,U1,PR1,,,,,,\n" \
        "3,01/01/2023,S,C2,N1,U1,PR1,01/03/2024,E13,,,,\n"

static const VCase cases[] = {
    {"SW01aSTG1",
     0,
     {SWE S("1", "", "01/05/2026", "", "MANAGE") S("2", "SW1", "", "", "MANAGE") OKS("3")},
     {0},
     "SWEpisodes:0 SWEpisodes:1"},
    {"SW01aSTG1", 0, {SWE S("3", "SW123", "01/05/2026", "", "")}, {0}, ""},
    {"SW01aSTG1", 2024, {SWE S("1", "", "01/05/2023", "", "")}, {0}, "(rule not in force)"},
    /* the reason is why this social worker was assigned: every episode from 1
     * April 2023 has one, the open one too */
    {"SW01bSTG1",
     0,
     {SWE S("1", "SW1", "01/05/2026", "01/06/2026", "") S("1", "SW2", "01/06/2026", "", "")
          S("2", "SW1", "01/05/2026", "", "") S("3", "", "01/05/2026", "01/06/2026", "LEFTRL")
              S("4", "SW1", "", "", "") S("5", "SW1", "01/03/2023", "01/06/2023", "")},
     {0},
     "SWEpisodes:0 SWEpisodes:1 SWEpisodes:2 SWEpisodes:3 SWEpisodes:4"},
    {"SW01bSTG1",
     0,
     {SWE S("1", "SW1", "01/05/2026", "01/06/2026", "FCONTA")
          S("1", "SW2", "01/06/2026", "", "LEFTRL")},
     {0},
     ""},
    {"SW02STG1",
     0,
     {SWE S("1", "AB123", "01/05/2026", "", "") S("2", "sw123", "01/05/2026", "", "")
          S("3", "SW", "01/05/2026", "", "") S("4", "XX12", "01/05/2026", "", "")},
     {0},
     "SWEpisodes:0 SWEpisodes:1 SWEpisodes:2"},
    {"SW02STG1", 0, {SWE S("4", "XX12", "01/05/2026", "", "")}, {0}, ""},
    {"SW02STG1",
     2025,
     {SWE S("1", "AB123", "01/05/2024", "", "") S("3", "SW", "01/05/2024", "", "")},
     {0},
     "SWEpisodes:0"},
    {"SW02STG1", 2025, {SWE S("3", "SW", "01/05/2024", "", "")}, {0}, ""},
    {"SW04STG1", 0, {SWE S("1", "SW123", "31/04/2026", "", "") OKS("2")}, {0}, "SWEpisodes:0"},
    {"SW04STG1", 0, {SWE OKS("2")}, {0}, ""},
    {"SW05STG1",
     0,
     {SWE S("1", "SW123", "01/05/2026", "2026-06-01", "") OKS("2")},
     {0},
     "SWEpisodes:0"},
    {"SW05STG1", 0, {SWE S("1", "SW123", "01/05/2026", "01/06/2026", "")}, {0}, ""},
    {"SW06STG2", 0, {SWE S("1", "SW123", "01/04/2027", "", "") OKS("2")}, {0}, "SWEpisodes:0"},
    {"SW06STG2", 0, {SWE S("1", "SW123", "31/03/2027", "", "")}, {0}, ""},
    {"SW07STG2",
     0,
     {SWE S("1", "SW123", "01/01/2025", "31/03/2025", "")
          S("2", "SW123", "01/01/2026", "01/04/2027", "")
              S("3", "SW123", "01/01/2025", "01/04/2025", "")},
     {0},
     "SWEpisodes:0 SWEpisodes:1"},
    {"SW07STG2", 0, {SWE S("3", "SW123", "01/01/2025", "01/04/2025", "")}, {0}, ""},
    {"SW07STG2", 2024, {SWE S("3", "SW123", "01/01/2023", "31/03/2023", "")}, {0}, "SWEpisodes:0"},
    {"SW07STG2", 2024, {SWE S("3", "SW123", "01/01/2023", "01/04/2023", "")}, {0}, ""},
    {"SW08STG2",
     0,
     {SWE S("1", "SW1", "01/05/2026", "", "") S("1", "SW2", "01/06/2026", "", "CHCHAN")
          S("2", "SW1", "01/05/2026", "01/06/2026", "") S("2", "SW2", "01/06/2026", "", "CHCHAN")},
     {0},
     "SWEpisodes:0"},
    {"SW08STG2",
     0,
     {SWE S("2", "SW1", "01/05/2026", "01/06/2026", "") S("2", "SW2", "01/06/2026", "", "CHCHAN")},
     {0},
     ""},
    {"SW09STG2",
     0,
     {SWE S("1", "SW1", "01/05/2026", "01/05/2026", "") OKS("2")},
     {0},
     "SWEpisodes:0"},
    {"SW09STG2", 0, {SWE S("1", "SW1", "01/05/2026", "02/05/2026", "")}, {0}, ""},
    {"SW10STG2",
     0,
     {SWE S("1", "SW1", "01/05/2026", "10/06/2026", "") S("1", "SW2", "01/06/2026", "", "CHCHAN")},
     {0},
     "SWEpisodes:1"},
    {"SW10STG2",
     0,
     {SWE S("2", "SW1", "01/05/2026", "01/06/2026", "") S("2", "SW2", "01/06/2026", "", "CHCHAN")},
     {0},
     ""},
    {"SW11bSTG2",
     0,
     {SWE S("1", "SW1", "01/05/2026", "01/03/2027", "")
          S("2", "SW1", "01/05/2026", "01/03/2027", "") S("2", "SW2", "01/03/2027", "", "CHCHAN")
              S("3", "SW1", "01/05/2026", "01/03/2027", ""),
      LAC},
     {0},
     "SWEpisodes:0 SWEpisodes:3(advised)"},
    {"SW11bSTG2", 0, {SWE S("1", "SW1", "01/05/2026", "31/03/2027", ""), LAC}, {0}, ""},
    /* the DfE lists SWEpisodes only: it runs without Episodes */
    {"SW11bSTG2", 0, {SWE S("1", "SW1", "01/05/2026", "01/03/2027", "")}, {0}, "SWEpisodes:0"},
    {"SW13STG1",
     0,
     {SWE S("1", "SW1", "01/05/2026", "", "BORED") S("2", "SW1", "01/05/2026", "", "")},
     {0},
     "SWEpisodes:0"},
    {"SW13STG1", 0, {SWE S("1", "SW1", "01/05/2026", "", "swdied")}, {0}, ""},
    {"SW17STG2",
     0,
     {SWE S("1", "SW1", "01/05/2026", "31/03/2027", "")
          S("2", "SW1", "01/05/2026", "01/03/2027", "") S("2", "SW2", "01/03/2027", "", "CHCHAN")
              S("3", "SW1", "01/05/2026", "01/03/2027", ""),
      LAC},
     {0},
     "SWEpisodes:0"},
    {"SW17STG2", 0, {SWE OKS("1"), LAC}, {0}, ""},
    /* SW12: from 1 April, or from birth for a baby born in the year */
    {"SW12STG2",
     0,
     {SWE S("1", "SW1", "01/05/2026", "", "") S("2", "SW1", "01/03/2026", "", "")
          S("3", "SW1", "01/05/2026", "", "") "4,01/06/2026,SW1,01/06/2026,,\n"
                                              "5,01/06/2026,SW1,01/07/2026,,\n",
      LAC "4,01/06/2026,S,C2,N1,U1,PR1,,,,,,\n"
          "5,01/06/2026,S,C2,N1,U1,PR1,,,,,,\n"},
     {0},
     /* 4, born in the year with a social worker from birth: the DfE's flag
      * with the advisory; 5's social worker starts after the birth: plain */
     "Episodes:0 Episodes:3(advised) Episodes:4 SWEpisodes:0 SWEpisodes:3(advised) SWEpisodes:4"},
    {"SW12STG2", 0, {SWE S("2", "SW1", "01/04/2026", "", ""), LAC}, {0}, ""},
    /* the episode open at 31 March is marked beside the social worker
     * episode, not the child's earlier episode */
    {"SW12STG2",
     0,
     {SWE S("6", "SW1", "01/05/2026", "", ""), EPI "6,01/05/2026,S,C2,N1,U1,PR1,01/08/2026,X1,,,,\n"
                                                   "6,01/08/2026,P,C2,N1,U4,PR1,,,,,,\n"},
     {0},
     "Episodes:1 SWEpisodes:0"},
    {"SW12STG2",
     2024,
     {SWE S("1", "SW1", "02/04/2023", "", ""), LAC24},
     {0},
     "Episodes:0 SWEpisodes:0"},
    {"SW12STG2", 2023, {SWE S("1", "SW1", "02/04/2022", "", "")}, {0}, "(rule not in force)"},
    /* 2023/24 only */
    {"SW01STG1",
     2024,
     {SWE S("1", "SW1", "01/05/2023", "", "") S("2", "SW1", "01/05/2023", "01/06/2023", "CHCHAN")
          S("2", "SW2", "01/06/2023", "", ""),
      LAC24},
     {0},
     "Episodes:0 SWEpisodes:0"},
    {"SW01STG1",
     2024,
     {SWE S("1", "SW1", "01/05/2023", "", "MANAGE") S("2", "SW1", "01/05/2023", "", "MANAGE"),
      LAC24},
     {0},
     ""},
    {"SW01STG1", 2025, {SWE S("1", "SW1", "01/05/2024", "", ""), LAC}, {0}, "(rule not in force)"},
    {"SW03STG1",
     2024,
     {SWE S("1", "", "01/05/2023", "", "MANAGE") S("2", "SW1", "01/05/2023", "", "")
          S("3", "SW1", "01/05/2023", "", "MANAGE")},
     {0},
     "SWEpisodes:0 SWEpisodes:1"},
    {"SW03STG1", 2024, {SWE S("3", "SW1", "01/05/2023", "", "MANAGE")}, {0}, ""},
    {"SW11aSTG2",
     2024,
     {SWE S("1", "SW1", "01/05/2023", "01/06/2023", "CHCHAN") S("1", "SW2", "10/06/2023", "", "")
          S("2", "SW1", "01/05/2023", "01/06/2023", "CHCHAN") S("2", "SW2", "29/05/2023", "", "")
              S("3", "SW1", "01/05/2023", "30/03/2024", "CHCHAN")},
     {0},
     "SWEpisodes:1"},
    {"SW11aSTG2",
     2024,
     {SWE S("2", "SW1", "01/05/2023", "01/06/2023", "CHCHAN") S("2", "SW2", "06/06/2023", "", "")},
     {0},
     ""},
    {"SW14STG2",
     2024,
     {SWE S("1", "SW1", "01/05/2023", "", "") S("1", "SW2", "01/06/2023", "", "")
          S("2", "SW1", "01/05/2023", "01/06/2023", "") S("2", "SW2", "01/06/2023", "", "")},
     {0},
     "SWEpisodes:0"},
    {"SW14STG2",
     2024,
     {SWE S("2", "SW1", "01/05/2023", "01/06/2023", "") S("2", "SW2", "01/06/2023", "", "")},
     {0},
     ""},
    /* an episode with no start date sorts last: it is the "next" episode (with
     * no start date, SW11a fails it) and the latest (SW14 marks the open dated
     * one before it, not the undated one) */
    {"SW11aSTG2",
     2024,
     {SWE S("1", "SW2", "", "", "") S("1", "SW1", "01/05/2023", "01/06/2023", "CHCHAN")},
     {0},
     "SWEpisodes:0"},
    {"SW14STG2",
     2024,
     {SWE S("1", "SW2", "", "", "") S("1", "SW1", "01/05/2023", "", "")},
     {0},
     "SWEpisodes:1"},
};

static void test_sw_rules(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    assert_int_equal(vharness_run(cases, n, vrules_sw, vrules_sw_n), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_sw_rules)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
