/* Tests of the care leaver rules (rules_leavers.c), written from the DfE's
 * rule descriptions. Year 2027 = 2026/27: 1 April 2026 to 31 March 2027; last
 * year's return covers 1 April 2025 to 31 March 2026. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"
#include "validate/vfamilies.h"

#define EC(child, decom, ls, dec, rec) child "," decom ",S," ls ",N1,U1,PR1," dec "," rec ",,,,\n"
#define O3(child, dob, accom)          child "," dob ",YES,F1," accom "\n"
#define LEAVER(child, dob)             O3(child, dob, "D1")
#define OT(child, dob, touch)          child "," dob "," touch ",,\n"
#define AD(child, date_int)            child ",01/06/2008," date_int ",,,,,\n"
#define RV(child)                      child ",01/06/2009,01/05/2026,PN1\n"
#define O2(child)                      child ",01/06/2009,,,,,1,1,1,0,,\n"
/* 17 on 1 June 2026 (16 on 1 June 2025, within last year); 18 on 1 June 2026;
 * 21 on 1 June 2026. */
#define AGE17 "01/06/2009"
#define AGE18 "01/06/2008"
#define AGE21 "01/06/2005"

static const VCase cases[] = {
    {"1000",
     0,
     {EPI EC("1", "01/01/2024", "C2", "01/05/2026", "E2")
          EC("2", "01/01/2024", "C2", "01/05/2026", "E13"),
      OC3 LEAVER("1", AGE17) LEAVER("2", AGE17) O3("3", AGE17, "")},
     {0},
     "Episodes:0 OC3:0"},
    {"1000",
     0,
     {EPI EC("2", "01/01/2024", "C2", "01/05/2026", "E13"), OC3 LEAVER("3", AGE17)},
     {EPI EC("3", "01/01/2024", "C2", "01/05/2025", "E2")},
     "OC3:0"},
    {"1000",
     0,
     {EPI EC("2", "01/01/2024", "C2", "01/05/2026", "E13"), OC3 LEAVER("2", AGE17)},
     {0},
     ""},
    /* The DfE's two-year reading of 1001, with Carepledge's advisory where
     * the two years do not prove it: 1 left care before 16 (16th birthday
     * within the two years: plain); 2 was in care after 16 (passes); 3 was
     * adopted (plain); 4 (21) had 30 days last year (DfE: under 91 days;
     * advised, care after 16 would be before the two years); 5 has no
     * episodes (rule 1002); 6 (17) had 30 days after 16 (advised: care
     * between 14 and last year unseen); 7's open episode of last year is in
     * both returns and counts once: 59 + 19 days, under 91 (advised). */
    {"1001",
     0,
     {EPI EC("9", "01/01/2024", "C2", "", "") EC("7", "01/02/2026", "C2", "20/04/2026", "E13"),
      OC3 LEAVER("1", AGE17) LEAVER("2", AGE17) LEAVER("3", AGE21) LEAVER("4", AGE21)
          LEAVER("5", AGE17) LEAVER("6", AGE17) LEAVER("7", AGE17)},
     {EPI EC("1", "01/01/2024", "C2", "01/05/2025", "E13") EC("2", "01/01/2024", "C2", "01/07/2025",
                                                              "E13")
          EC("3", "01/01/2024", "E1", "01/07/2025", "E11") EC("4", "01/06/2025", "C2", "01/07/2025",
                                                              "E13")
              EC("6", "01/06/2025", "C2", "01/07/2025", "E13") EC("7", "01/02/2026", "C2", "", "")},
     "Episodes:1(advised) OC3:0 OC3:2 OC3:3(advised) OC3:5(advised) OC3:6(advised) Episodes_last:0 "
     "Episodes_last:2 Episodes_last:3(advised) Episodes_last:4(advised) Episodes_last:5(advised)"},
    /* over 91 days since 14 and some after 16: passes at 17 and 21 */
    {"1001",
     0,
     {EPI EC("9", "01/01/2024", "C2", "", "") EC("7", "01/02/2026", "C2", "15/05/2026", "E13"),
      OC3 LEAVER("2", AGE17) LEAVER("4", AGE21) LEAVER("7", AGE17)},
     {EPI EC("2", "01/01/2024", "C2", "01/07/2025", "E13")
          EC("4", "01/01/2024", "C2", "01/07/2025", "E13") EC("7", "01/02/2026", "C2", "", "")},
     ""},
    {"1001", 0, {EPI EC("9", "01/01/2024", "C2", "", ""), OC3 LEAVER("1", AGE17)}, {0}, "SKIP"},
    /* no episode in either year: 1 (17) plainly, 2 (21) with the advisory
     * (may have left care before the two years); 3 has one last year */
    {"1002",
     0,
     {EPI EC("9", "01/01/2024", "C2", "", ""),
      OC3 LEAVER("1", AGE17) LEAVER("2", AGE21) LEAVER("3", AGE17)},
     {EPI EC("3", "01/01/2024", "C2", "01/07/2025", "E13")},
     "OC3:0 OC3:1(advised)"},
    {"1002",
     0,
     {EPI EC("9", "01/01/2024", "C2", "", ""), OC3 LEAVER("3", AGE17)},
     {EPI EC("3", "01/01/2024", "C2", "01/07/2025", "E13")},
     ""},
    /* looked after on the birthday: 1 and 4 still, 2 until after it; 3 left
     * before it; 5 is 16 */
    {"1007",
     0,
     {EPI EC("1", "01/01/2024", "C2", "", "") EC("2", "01/01/2024", "C2", "01/07/2026", "E5")
          EC("3", "01/01/2024", "C2", "01/05/2026", "E5") EC("4", "01/01/2024", "C2", "", "")
              EC("5", "01/01/2024", "C2", "", ""),
      OC3 LEAVER("1", AGE17) LEAVER("2", AGE17) LEAVER("3", AGE17) LEAVER("4", AGE18)
          LEAVER("5", "01/06/2010")},
     {0},
     "Episodes:0 Episodes:3 OC3:0 OC3:3"},
    {"1007",
     0,
     {EPI EC("3", "01/01/2024", "C2", "01/05/2026", "E5"), OC3 LEAVER("3", AGE17)},
     {0},
     ""},
    {"1016",
     0,
     {EPI EC("1", "01/01/2024", "C2", "", "") EC("2", "01/01/2024", "C2", "01/07/2026", "E5")
          EC("3", "01/01/2024", "C2", "01/05/2026", "E5"),
      OC3 LEAVER("1", AGE17) LEAVER("2", AGE17) LEAVER("3", AGE17)},
     {0},
     "Episodes:1 OC3:1"},
    {"1016",
     0,
     {EPI EC("3", "01/01/2024", "C2", "01/05/2026", "E5"), OC3 LEAVER("3", AGE17)},
     {0},
     ""},
    /* the episode need not run on the birthday: one starting and ending after it
     * fails; one ending on the birthday passes */
    {"1016",
     0,
     {EPI EC("1", "01/07/2026", "C2", "01/08/2026", "E5")
          EC("2", "01/01/2024", "C2", "01/06/2026", "E5"),
      OC3 LEAVER("1", AGE17) LEAVER("2", AGE17)},
     {0},
     "Episodes:0 OC3:0"},
    {"1016",
     2023,
     {EPI EC("2", "01/01/2020", "C2", "01/07/2022", "E5"), OC3 LEAVER("2", "01/06/2005")},
     {0},
     "(rule not in force)"},
    {"1010",
     0,
     {EPI EC("3", "01/01/2024", "C2", "", ""),
      OC3 LEAVER("1", AGE18) LEAVER("2", AGE18) LEAVER("3", AGE18)},
     {EPI EC("1", "01/01/2024", "C2", "", "") EC("2", "01/01/2024", "C2", "01/07/2025", "E13")
          EC("3", "01/01/2024", "C2", "", "")},
     "OC3:0 Episodes_last:0"},
    {"1010",
     0,
     {EPI EC("3", "01/01/2024", "C2", "", ""), OC3 LEAVER("2", AGE18)},
     {EPI EC("2", "01/01/2024", "C2", "01/07/2025", "E13")},
     ""},
    {"1011",
     0,
     {EPI EC("1", "01/01/2024", "C2", "01/05/2026", "E3")
          EC("2", "01/01/2024", "C2", "01/05/2026", "E13"),
      OC3 LEAVER("1", AGE18) LEAVER("2", AGE18)},
     {0},
     "Episodes:0 OC3:0"},
    {"1011",
     0,
     {EPI EC("2", "01/01/2024", "C2", "01/05/2026", "E13"), OC3 LEAVER("2", AGE18)},
     {0},
     ""},
    {"1012",
     0,
     {EPI EC("2", "01/01/2024", "C2", "", ""), OC3 LEAVER("1", AGE18) LEAVER("2", AGE18),
      REV RV("1") RV("2") RV("3"), OC2 O2("1")},
     {0},
     "Reviews:0 OC2:0"},
    {"1012",
     0,
     {EPI EC("2", "01/01/2024", "C2", "", ""), OC3 LEAVER("2", AGE18), REV RV("2") RV("3")},
     {0},
     ""},
    {"1014",
     0,
     {EPI EC("1", "01/01/2024", "C2", "01/05/2025", "E13")
          EC("2", "01/01/2024", "C2", "01/05/2026", "E13"),
      OC3 LEAVER("1", AGE18) LEAVER("2", AGE18), UASC "1,M," AGE18 ",\n2,M," AGE18 ",\n"},
     {0},
     "Episodes:0 UASC:0 OC3:0"},
    {"1014",
     0,
     {EPI EC("2", "01/01/2024", "C2", "01/05/2026", "E13"),
      OC3 LEAVER("2", AGE18) LEAVER("3", AGE18), UASC "2,M," AGE18 ",\n"},
     {0},
     ""},
    {"3001", 0, {OC3 O3("1", AGE17, "Z1") O3("2", AGE18, "z2") O3("3", AGE17, "D1")}, {0}, "OC3:0"},
    {"3001", 0, {OC3 O3("2", AGE18, "Z1")}, {0}, ""},
    {"134",
     0,
     {OC3 LEAVER("1", AGE18), AD1 AD("1", "01/02/2026") AD("2", "01/02/2026")},
     {0},
     "OC3:0 AD1:0"},
    {"134",
     0,
     {OC3 LEAVER("1", AGE18) OT("2", AGE18, ""), AD1 AD("2", "01/02/2026") AD("1", "")},
     {0},
     ""},
    {"215", 0, {OC3 LEAVER("1", AGE18), OC2 O2("1") O2("2")}, {0}, "OC2:0 OC3:0"},
    {"215", 0, {OC3 LEAVER("1", AGE18), OC2 O2("2")}, {0}, ""},
    {"347", 0, {OC3 O3("1", AGE17, "T1") O3("2", AGE18, "T2")}, {0}, "OC3:0"},
    {"347", 0, {OC3 O3("2", AGE18, "T2")}, {0}, ""},
    {"348",
     0,
     {OC3 LEAVER("1", AGE18) OT("2", AGE18, "DIED")},
     {OC3 OT("1", AGE18, "DIED") OT("2", AGE18, "DIED")},
     "OC3:0"},
    {"348", 0, {OC3 OT("2", AGE18, "DIED")}, {OC3 OT("2", AGE18, "DIED")}, ""},
    {"348", 0, {OC3 OT("2", AGE18, "DIED")}, {0}, "SKIP"},
    {"391",
     0,
     {OC3 LEAVER("1", "01/06/2004") LEAVER("2", "01/03/2004") LEAVER("3", "01/06/2010")},
     {0},
     "OC3:1 OC3:2"},
    {"391", 0, {OC3 LEAVER("1", AGE17)}, {0}, ""},
    /* only the care leaver fields are forbidden: an under-17 row without them
     * passes, one with any of them fails */
    {"391",
     0,
     {OC3 OT("1", "01/06/2010", "") OT("2", "01/06/2010", "YES") OT("3", "01/06/2003", "")},
     {0},
     "OC3:1"},
};

/* Cases with the stored history (validate --db, where last year's Episodes
 * are always there; the history holds the episodes of every year). */
static const VHistoryCase history_cases[] = {
    /* 1 left care at 15 (no care after 16); 2 had 30 days after 16 and
     * nothing before (under 13 weeks since 14); 3 was adopted in an earlier
     * year; 4 had six months from 15 to past 16; 5 is 21 and left care at 15,
     * but the history (from 2022/23) does not reach back to their 14th
     * birthday, so only adoption is judged. */
    {{"1001",
      0,
      {EPI EC("9", "01/01/2024", "C2", "", ""),
       OC3 LEAVER("1", AGE17) LEAVER("2", AGE17) LEAVER("3", AGE17) LEAVER("4", AGE17)
           LEAVER("5", AGE21)},
      {EPI},
      "OC3:0 OC3:1 OC3:2"},
     EPI EC("1", "01/01/2024", "C2", "01/05/2025", "E13")
         EC("2", "01/06/2025", "C2", "01/07/2025", "E13")
             EC("3", "01/01/2023", "E1", "01/07/2023", "E11")
                 EC("4", "01/01/2025", "C2", "01/07/2025", "E13")
                     EC("5", "01/01/2021", "C2", "01/07/2021", "E13")
                         EC("9", "01/01/2024", "C2", "", ""),
     2023},
    {{"1001", 0, {EPI EC("9", "01/01/2024", "C2", "", ""), OC3 LEAVER("4", AGE17)}, {EPI}, ""},
     EPI EC("4", "01/01/2025", "C2", "01/07/2025", "E13") EC("9", "01/01/2024", "C2", "", ""),
     0},
    /* the two years show 30 days (the DfE flags it); the history shows nine
     * months from 15 and care after 16: advised */
    {{"1001",
      0,
      {EPI EC("9", "01/01/2024", "C2", "", ""), OC3 LEAVER("4", AGE17)},
      {EPI EC("4", "01/06/2025", "C2", "01/07/2025", "E13")},
      "OC3:0(advised) Episodes_last:0(advised)"},
     EPI EC("4", "01/06/2024", "C2", "01/03/2025", "E13")
         EC("4", "01/06/2025", "C2", "01/07/2025", "E13") EC("9", "01/01/2024", "C2", "", ""),
     2023},
    /* 1 was never looked after (plain); 2 was, from 14 to past 16 (the DfE
     * flags it, advised: the history shows a care leaver); 3 (21) was 14 before the history begins
     * (2022/23) and has no stored episode: the DfE's flag, advised (the care
     * may predate the history, as it may predate the two returns without it;
     * session 9). */
    {{"1002",
      0,
      {EPI EC("9", "01/01/2024", "C2", "", ""),
       OC3 LEAVER("1", AGE18) LEAVER("2", AGE18) LEAVER("3", AGE21)},
      {EPI},
      "OC3:0 OC3:1(advised) OC3:2(advised)"},
     EPI EC("2", "01/01/2023", "C2", "01/07/2024", "E13") EC("9", "01/01/2024", "C2", "", ""),
     2023},
    {{"1002",
      0,
      {EPI EC("9", "01/01/2024", "C2", "", ""), OC3 LEAVER("2", AGE18)},
      {EPI EC("2", "01/01/2025", "C2", "01/07/2025", "E13")},
      ""},
     EPI EC("2", "01/01/2025", "C2", "01/07/2025", "E13") EC("9", "01/01/2024", "C2", "", ""),
     0},
};
static void test_leaver_rules(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    assert_int_equal(vharness_run(cases, n, vrules_leavers, vrules_leavers_n), 0);
    assert_int_equal(
        vharness_run_history(history_cases, (int)(sizeof history_cases / sizeof history_cases[0])),
        0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_leaver_rules)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
