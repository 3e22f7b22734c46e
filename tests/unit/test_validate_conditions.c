/* The comparison harness (issue 13): for each rule, the DfE's text (the rule's
 * description, checked against the DfE's list by test_validate_engine),
 * Carepledge's condition in words, and a case for each branch of that
 * condition, each saying whether the row fails. Run with --list to print the
 * side-by-side table (Markdown) for comparing with the DfE's checks or another
 * validator; as a test, every case must behave as stated and every rule must
 * have a failing and a passing branch. So far the rules of issue 13. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"

/* Episodes: child, start, RNE, LS, placement, provider, end, REC, reason for change. */
#define E(child, decom, rne, ls, place, prov, dec, rec, rpc) \
    child "," decom "," rne "," ls ",N1," place "," prov "," dec "," rec "," rpc ",,,\n"
#define H(child, dob)                       child ",F," dob ",WBRI,A123456789012,,\n"
#define O3(child, dob, touch, activ, accom) child "," dob "," touch "," activ "," accom "\n"
#define AD(child, dint, dmatch)             child ",01/01/2015," dint "," dmatch ",1,2,MF,L11\n"
#define PA(child, placed, ceased, reason)   child ",01/01/2020," placed "," ceased "," reason "\n"
#define PP(child, perm, la, date)           child ",01/01/2020," perm "," la "," date "\n"
#define MS(child, start, end)               child ",01/01/2010,M," start "," end "\n"
#define SW(child, decom, dec, reason)       child ",01/01/2010,SW1," decom "," dec "," reason "\n"

typedef struct VBranch {
    const char *what; /* the branch of the condition, in words */
    VCase c;          /* expect "" when the row passes */
} VBranch;

typedef struct VCondition {
    const char *code;
    int year; /* the form compared (0 = 2026/27) */
    const char *condition;
    VBranch branches[5];
} VCondition;

static const VCondition conditions[] = {
    {"178",
     0,
     "PLACE_PROVIDER given and (not PR0-PR5, or PLACE is T0-T3 or Z11-Z14; to 2024/25 T0-T4 or Z1)",
     {{"valid provider, placement with a provider",
       {"178", 0, {EPI E("1", "01/05/2026", "S", "C2", "U1", "PR1", "", "", "")}, {0}, ""}},
      {"code not in the list",
       {"178",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "U1", "PR9", "", "", "")},
        {0},
        "Episodes:0"}},
      {"provider for a temporary placement",
       {"178",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "T0", "PR1", "", "", "")},
        {0},
        "Episodes:0"}},
      {"2024/25: provider for Z1",
       {"178",
        2025,
        {EPI E("1", "01/05/2024", "S", "C2", "Z1", "PR1", "", "", "")},
        {0},
        "Episodes:0"}}}},
    {"226",
     0,
     "REASON_PLACE_CHANGE given on a T0-T4 episode, or on the episode before one",
     {{"temporary episode with a reason",
       {"226",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "T1", "", "01/06/2026", "X1", "CARPL")},
        {0},
        "Episodes:0"}},
      {"episode before a temporary one with a reason",
       {"226",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1", "CARPL")
             E("1", "01/06/2026", "P", "C2", "T1", "", "", "", "")},
        {0},
        "Episodes:0"}},
      {"reason before a placement that is not temporary",
       {"226",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1", "CARPL")
             E("1", "01/06/2026", "P", "C2", "U2", "PR1", "", "", "")},
        {0},
        ""}}}},
    {"344",
     0,
     "IN_TOUCH DIED or RHOM and ACTIV or ACCOM given other than 0",
     {{"died, activity and accommodation 0",
       {"344", 0, {OC3 O3("1", "01/06/2008", "DIED", "0", "0")}, {0}, ""}},
      {"returned home, accommodation given",
       {"344", 0, {OC3 O3("1", "01/06/2008", "RHOM", "0", "B1")}, {0}, "OC3:0"}}}},
    {"370",
     2023,
     "P2 episode starting before the 15th birthday (2022/23; 16th in 2023/24) or before birth",
     {{"2022/23, aged 14",
       {"370",
        2023,
        {HDR H("1", "01/06/2008"), EPI E("1", "01/05/2022", "S", "C2", "P2", "PR1", "", "", "")},
        {0},
        "Header:0 Episodes:0"}},
      {"2022/23, aged 15",
       {"370",
        2023,
        {HDR H("1", "01/06/2007"), EPI E("1", "01/06/2022", "S", "C2", "P2", "PR1", "", "", "")},
        {0},
        ""}},
      {"2023/24, aged 15",
       {"370",
        2024,
        {HDR H("1", "01/06/2007"), EPI E("1", "31/05/2023", "S", "C2", "P2", "PR1", "", "", "")},
        {0},
        "Header:0 Episodes:0"}}}},
    {"371",
     0,
     "K3 episode starting before the 16th birthday or before birth (H5: from 14 in 2022/23, 16 to "
     "2024/25)",
     {{"aged 15",
       {"371",
        0,
        {HDR H("1", "01/06/2010"), EPI E("1", "31/05/2026", "S", "C2", "K3", "PR1", "", "", "")},
        {0},
        "Header:0 Episodes:0"}},
      {"aged 16",
       {"371",
        0,
        {HDR H("1", "01/06/2010"), EPI E("1", "01/06/2026", "S", "C2", "K3", "PR1", "", "", "")},
        {0},
        ""}},
      {"before birth",
       {"371",
        0,
        {HDR H("1", "01/06/2026"), EPI E("1", "01/05/2025", "S", "C2", "K3", "PR1", "", "", "")},
        {0},
        "Header:0 Episodes:0"}},
      {"2022/23, H5 aged 14",
       {"371",
        2023,
        {HDR H("1", "01/06/2008"), EPI E("1", "01/06/2022", "S", "C2", "H5", "PR1", "", "", "")},
        {0},
        ""}}}},
    {"333",
     0,
     "DATE_MATCH given and DATE_INT blank or after it",
     {{"decision before the match", {"333", 0, {AD1 AD("1", "01/05/2026", "01/06/2026")}, {0}, ""}},
      {"decision after the match",
       {"333", 0, {AD1 AD("1", "02/06/2026", "01/06/2026")}, {0}, "AD1:0"}},
      {"match, no decision", {"333", 0, {AD1 AD("1", "", "01/06/2026")}, {0}, "AD1:0"}},
      {"neither", {"333", 0, {AD1 AD("1", "", "")}, {0}, ""}}}},
    {"388",
     0,
     "an ended episode whose REC is X1 and no episode starts that day, or is not X1 and one does",
     {{"X1 and a continuation",
       {"388",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1", "")
             E("1", "01/06/2026", "P", "C2", "U2", "PR1", "", "", "")},
        {0},
        ""}},
      {"X1 and none",
       {"388",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1", "")},
        {0},
        "Episodes:0"}},
      {"not X1 and a continuation",
       {"388",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E4A", "")
             E("1", "01/06/2026", "P", "C2", "U2", "PR1", "", "", "")},
        {0},
        "Episodes:0"}}}},
    {"580",
     0,
     "missing on the day care ended (started by then, open or ending that day or later) and REC "
     "not E8",
     {{"missing period ends the day care ends",
       {"580",
        0,
        {EPI E("1", "01/04/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E11", ""),
         MIS MS("1", "25/05/2026", "01/06/2026")},
        {0},
        "Episodes:0"}},
      {"missing period ended the day before",
       {"580",
        0,
        {EPI E("1", "01/04/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E11", ""),
         MIS MS("1", "25/05/2026", "31/05/2026")},
        {0},
        ""}}}},
    {"437",
     0,
     "an episode ending E2 or E15 followed by another (undated episodes sort last)",
     {{"undated episode after a death",
       {"437",
        0,
        {EPI E("1", "", "S", "C2", "U1", "PR1", "", "", "")
             E("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E2", "")},
        {0},
        "Episodes:1"}},
      {"nothing after",
       {"437",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E2", "")},
        {0},
        ""}}}},
    {"446",
     0,
     "LS E1 on an episode starting before 1 December 2005",
     {{"30 November 2005",
       {"446",
        0,
        {EPI E("1", "30/11/2005", "S", "E1", "U1", "PR1", "", "", "")},
        {0},
        "Episodes:0"}},
      {"1 December 2005",
       {"446", 0, {EPI E("1", "01/12/2005", "S", "E1", "U1", "PR1", "", "", "")}, {0}, ""}}}},
    {"217",
     0,
     "A3 or A5 episode starting on or after 1 April 2015 with RNE not S, T or U",
     {{"2015, RNE P",
       {"217",
        0,
        {EPI E("1", "01/04/2015", "P", "E1", "A5", "PR1", "", "", "")},
        {0},
        "Episodes:0"}},
      {"2013, RNE P",
       {"217", 0, {EPI E("1", "01/05/2013", "P", "E1", "A5", "PR1", "", "", "")}, {0}, ""}},
      {"RNE T",
       {"217", 0, {EPI E("1", "01/05/2026", "T", "E1", "A5", "PR1", "", "", "")}, {0}, ""}}}},
    {"391",
     0,
     "not 17-21 at some time in the year and IN_TOUCH, ACTIV or ACCOM given",
     {{"aged 16, in touch", {"391", 0, {OC3 O3("1", "01/06/2010", "YES", "", "")}, {0}, "OC3:0"}},
      {"aged 16, nothing given", {"391", 0, {OC3 O3("1", "01/06/2010", "", "", "")}, {0}, ""}},
      {"aged 17, in touch", {"391", 0, {OC3 O3("1", "01/06/2009", "YES", "F1", "D1")}, {0}, ""}}}},
    {"561",
     0,
     "this year's DATE_PLACED is that of a decision last year recorded as ceased (ceased or not "
     "now)",
     {{"same decision, ceased both years",
       {"561",
        0,
        {PLA PA("1", "01/03/2025", "01/06/2025", "RD1")},
        {PLA PA("1", "01/03/2025", "01/06/2025", "RD1")},
        "PlacedAdoption:0"}},
      {"a new decision",
       {"561",
        0,
        {PLA PA("1", "01/09/2026", "", "")},
        {PLA PA("1", "01/03/2025", "01/06/2025", "RD1")},
        ""}}}},
    {"552",
     0,
     "a placement for adoption (A3-A6 run) this year with no decision to place dated on or before "
     "it",
     {{"decision after a disrupted first placement",
       {"552",
        0,
        {EPI E("1", "01/05/2026", "S", "E1", "A5", "PR1", "01/06/2026", "X1", "")
             E("1", "01/06/2026", "P", "E1", "U4", "PR1", "01/08/2026", "X1", "")
                 E("1", "01/08/2026", "P", "E1", "A4", "PR1", "", "", ""),
         PLA PA("1", "01/07/2026", "", "")},
        {0},
        "Episodes:0 PlacedAdoption:0"}},
      {"a decision before each",
       {"552",
        0,
        {EPI E("1", "01/05/2026", "S", "E1", "A5", "PR1", "", "", ""),
         PLA PA("1", "01/04/2026", "", "")},
        {0},
        ""}}}},
    {"1016",
     0,
     "care leaver information, a 17th or 18th birthday in the year and an episode ending after it",
     {{"episode after the birthday",
       {"1016",
        0,
        {EPI E("1", "01/07/2026", "S", "C2", "U1", "PR1", "01/08/2026", "E5", ""),
         OC3 O3("1", "01/06/2009", "YES", "F1", "D1")},
        {0},
        "OC3:0"}},
      {"episode ended on the birthday",
       {"1016",
        0,
        {EPI E("1", "01/01/2024", "S", "C2", "U1", "PR1", "01/06/2026", "E5", ""),
         OC3 O3("1", "01/06/2009", "YES", "F1", "D1")},
        {0},
        ""}}}},
    {"630",
     0,
     "an episode starting a period of care this year (not V3/V4) without PREV_PERM, or not Z1 and "
     "LA_PERM or DATE_PERM blank",
     {{"P4 with no date",
       {"630",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "U4", "PR1", "", "", ""),
         PREV PP("1", "P4", "800", "")},
        {0},
        "Episodes:0 PrevPerm:0"}},
      {"P4 with an unknown date",
       {"630",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "U4", "PR1", "", "", ""),
         PREV PP("1", "P4", "800", "ZZ/ZZ/ZZZZ")},
        {0},
        ""}},
      {"Z1",
       {"630",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "U4", "PR1", "", "", ""), PREV PP("1", "Z1", "", "")},
        {0},
        ""}}}},
    {"1001",
     0,
     "care leaver information, an episode in either year, and the latest episode an adoption "
     "(E11/E12), or under 91 days of care (not V3/V4) since the 14th birthday in the two years, or "
     "none after the 16th; advisory unless the two years prove it (adoption, or no care after a "
     "16th birthday within them) or, with --db, when the history shows a care leaver",
     {{"left care before a 16th birthday within the two years",
       {"1001",
        0,
        {EPI E("9", "01/01/2024", "S", "C2", "U1", "PR1", "", "", ""),
         OC3 O3("1", "01/06/2009", "YES", "F1", "D1")},
        {EPI E("1", "01/01/2024", "S", "C2", "U1", "PR1", "01/05/2025", "E13", "")},
        "OC3:0"}},
      {"30 days of care, 16th birthday before the two years (advised)",
       {"1001",
        0,
        {EPI E("9", "01/01/2024", "S", "C2", "U1", "PR1", "", "", ""),
         OC3 O3("1", "01/06/2005", "YES", "F1", "D1")},
        {EPI E("1", "01/06/2025", "S", "C2", "U1", "PR1", "01/07/2025", "E13", "")},
        "OC3:0(advised)"}},
      {"adopted",
       {"1001",
        0,
        {EPI E("9", "01/01/2024", "S", "C2", "U1", "PR1", "", "", ""),
         OC3 O3("1", "01/06/2005", "YES", "F1", "D1")},
        {EPI E("1", "01/01/2024", "S", "E1", "U1", "PR1", "01/07/2025", "E11", "")},
        "OC3:0"}},
      {"18 months of care from 14, after the 16th birthday too",
       {"1001",
        0,
        {EPI E("9", "01/01/2024", "S", "C2", "U1", "PR1", "", "", ""),
         OC3 O3("1", "01/06/2009", "YES", "F1", "D1")},
        {EPI E("1", "01/01/2024", "S", "C2", "U1", "PR1", "01/07/2025", "E13", "")},
        ""}}}},
    {"1002",
     0,
     "care leaver information and no episode in this year's or last year's return; advisory when "
     "the 16th birthday is before last year's collection year or, with --db, the history shows "
     "a care leaver",
     {{"no episode, 16th birthday within the two years",
       {"1002",
        0,
        {EPI E("9", "01/01/2024", "S", "C2", "U1", "PR1", "", "", ""),
         OC3 O3("1", "01/06/2009", "YES", "F1", "D1")},
        {EPI},
        "OC3:0"}},
      {"no episode, 16th birthday before the two years (advised)",
       {"1002",
        0,
        {EPI E("9", "01/01/2024", "S", "C2", "U1", "PR1", "", "", ""),
         OC3 O3("1", "01/06/2005", "YES", "F1", "D1")},
        {EPI},
        "OC3:0(advised)"}},
      {"an episode last year",
       {"1002",
        0,
        {EPI E("9", "01/01/2024", "S", "C2", "U1", "PR1", "", "", ""),
         OC3 O3("1", "01/06/2005", "YES", "F1", "D1")},
        {EPI E("1", "01/01/2024", "S", "C2", "U1", "PR1", "01/07/2025", "E13", "")},
        ""}}}},
    {"503C",
     0,
     "last year's latest episode open and CIN of this year's first differs (without case); "
     "advisory when the two start on different days",
     {{"same start, CIN differs",
       {"503C",
        0,
        {EPI "1,01/01/2026,S,C2,N2,U1,PR1,,,,,,\n"},
        {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR1", "", "", "")},
        "Episodes:0"}},
      {"different start, CIN differs (advised)",
       {"503C",
        0,
        {EPI "1,01/02/2026,S,C2,N2,U1,PR1,,,,,,\n"},
        {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR1", "", "", "")},
        "Episodes:0(advised)"}},
      {"last year's latest episode closed",
       {"503C",
        0,
        {EPI "1,01/02/2026,S,C2,N2,U1,PR1,,,,,,\n"},
        {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR1", "15/01/2026", "E13", "")},
        ""}},
      {"same CIN",
       {"503C",
        0,
        {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR1", "", "", "")},
        {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR1", "", "", "")},
        ""}}}},
    {"503E",
     0,
     "last year's latest episode open and PLACE_PROVIDER of this year's first differs (without "
     "case); advisory when the two start on different days",
     {{"same start, provider differs",
       {"503E",
        0,
        {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR2", "", "", "")},
        {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR1", "", "", "")},
        "Episodes:0"}},
      {"different start, provider differs (advised)",
       {"503E",
        0,
        {EPI E("1", "01/02/2026", "S", "C2", "U1", "PR2", "", "", "")},
        {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR1", "", "", "")},
        "Episodes:0(advised)"}},
      {"same provider, other case",
       {"503E",
        0,
        {EPI E("1", "01/01/2026", "S", "C2", "U1", "pr1", "", "", "")},
        {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR1", "", "", "")},
        ""}}}},
    {"SW12STG2",
     0,
     "looked after at 31 March (latest episode open, not V3/V4) and the earliest social worker "
     "episode starts after 1 April; advisory for a baby born in the year whose social worker "
     "starts by the birth",
     {{"social worker from 1 May",
       {"SW12STG2",
        0,
        {SWE SW("1", "01/05/2026", "", ""),
         EPI E("1", "01/01/2025", "S", "C2", "U1", "PR1", "", "", "")},
        {0},
        "SWEpisodes:0"}},
      {"baby with a social worker from birth (advised)",
       {"SW12STG2",
        0,
        {SWE "1,01/06/2026,SW1,01/06/2026,,\n",
         EPI E("1", "01/06/2026", "S", "C2", "U1", "PR1", "", "", "")},
        {0},
        "SWEpisodes:0(advised)"}},
      {"social worker from 1 April",
       {"SW12STG2",
        0,
        {SWE SW("1", "01/04/2026", "", ""),
         EPI E("1", "01/01/2025", "S", "C2", "U1", "PR1", "", "", "")},
        {0},
        ""}},
      {"left care in the year",
       {"SW12STG2",
        0,
        {SWE SW("1", "01/05/2026", "", ""),
         EPI E("1", "01/01/2025", "S", "C2", "U1", "PR1", "01/03/2027", "E13", "")},
        {0},
        ""}}}},
};

static void list(void)
{
    printf("| rule | year | DfE text | Carepledge's condition | cases |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < sizeof conditions / sizeof conditions[0]; i++) {
        const VCondition *k = &conditions[i];
        int year = k->year ? k->year : 2027;
        const VRule *rule = vrules_find(k->code, year);
        printf("| %s | %d/%02d | %s | %s | ", k->code, year - 1, year % 100,
               rule ? rule->description : "(not in force)", k->condition);
        for (int b = 0; b < 5 && k->branches[b].what; b++)
            printf("%s%s: %s", b ? "; " : "", k->branches[b].what,
                   k->branches[b].c.expect[0] ? "fails" : "passes");
        printf(" |\n");
    }
}

static void test_conditions(void **state)
{
    (void)state;
    int problems = 0;
    for (size_t i = 0; i < sizeof conditions / sizeof conditions[0]; i++) {
        const VCondition *k = &conditions[i];
        bool fails = false, passes = false;
        if (!vrules_find(k->code, k->year ? k->year : 2027) || !k->condition[0]) {
            fprintf(stderr, "rule %s: not in force or no condition\n", k->code);
            problems++;
        }
        for (int b = 0; b < 5 && k->branches[b].what; b++) {
            problems += vharness_case(&k->branches[b].c, NULL, NULL, NULL);
            fails |= k->branches[b].c.expect[0] != '\0';
            passes |= k->branches[b].c.expect[0] == '\0';
        }
        if (!fails || !passes) {
            fprintf(stderr, "rule %s: needs a failing and a passing branch\n", k->code);
            problems++;
        }
    }
    assert_int_equal(problems, 0);
}

int main(int argc, char **argv)
{
    (void)vharness_run; /* the family runner, not used here */
    if (argc > 1 && strcmp(argv[1], "--list") == 0) {
        list();
        return 0;
    }
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_conditions)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
