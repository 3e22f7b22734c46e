/* Hand-worked boundary cases of 903 rules, read from the DfE's rule text
 * (shared/reference/903/rules-2026-27.csv): for each, a case that must fail
 * and one just inside that must pass, and — where the rule's text is about one
 * episode or one period of a child with several — exactly which rows the
 * failure names (the validation report highlights those cells). Year 2027 =
 * 2026/27: 1 April 2026 to 31 March 2027. The table in docs/validation.md,
 * "Checked against the rule text", lists what each case settles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"

/* An Episodes row: child, DECOM, RNE, LS, PLACE, DEC, REC (CIN N1, PR1). */
#define EP(child, decom, rne, ls, place, dec, rec) \
    child "," decom "," rne "," ls ",N1," place ",PR1," dec "," rec ",,,,\n"
/* A Missing row (DOB 01/01/2010), an OC3 row, a PrevPerm row, a DoLo row. */
#define MS(child, start, end)               child ",01/01/2010,M," start "," end "\n"
#define LV(child, dob, touch, activ, accom) child "," dob "," touch "," activ "," accom "\n"
#define PP(child, prev, la, date)           child ",01/01/2010," prev "," la "," date "\n"
#define DL(child, start, end)               child ",01/01/2010," start "," end "\n"
#define H1(dob)                             HDR "1,F," dob ",WBRI,A123456789012,,\n"
/* Child 1 in one episode from 1 April 2026 ending on dec with rec. */
#define ONE_ENDED(dec, rec)               EPI EP("1", "01/04/2026", "S", "C2", "U1", dec, rec)
#define PA(child, placed, ceased, reason) child ",01/01/2010," placed "," ceased "," reason "\n"

/* Child 1's three episodes: a placement change on 1 May and on 1 July, the
 * last open. */
#define THREE_OPEN                                                 \
    EPI EP("1", "01/04/2026", "S", "C2", "U1", "01/05/2026", "X1") \
        EP("1", "01/05/2026", "P", "C2", "U2", "01/07/2026", "X1") \
            EP("1", "01/07/2026", "P", "C2", "U3", "", "")
/* The same, the last ending on 1 September 2026 with REC rec. */
#define THREE_ENDED(rec)                                           \
    EPI EP("1", "01/04/2026", "S", "C2", "U1", "01/05/2026", "X1") \
        EP("1", "01/05/2026", "P", "C2", "U2", "01/07/2026", "X1") \
            EP("1", "01/07/2026", "P", "C2", "U3", "01/09/2026", rec)

static const VCase cases[] = {
    /* 575: the placement the child went missing from ended, so the missing
     * period needs an end date. Only that placement's episode is named. */
    {"575", 0, {THREE_OPEN, MIS MS("1", "10/06/2026", "")}, {0}, "Episodes:1 Missing:0"},
    /* ... the placement they went missing from is still open: passes */
    {"575", 0, {THREE_OPEN, MIS MS("1", "02/07/2026", "")}, {0}, ""},
    /* ... the missing period has an end: passes */
    {"575", 0, {THREE_OPEN, MIS MS("1", "10/06/2026", "11/06/2026")}, {0}, ""},
    /* ... on the day of a placement change (episode 1 ends, 2 starts 1 July)
     * the period began in the placement that ended that day (as the DfE's
     * check takes it: MIS_START within DECOM..DEC of an ended episode) */
    {"575", 0, {THREE_OPEN, MIS MS("1", "01/07/2026", "")}, {0}, "Episodes:1 Missing:0"},

    /* 577: ceased to be looked after (final episode ended, not X1) with a
     * missing period open: the period and the final episode, not the earlier
     * ones. */
    {"577", 0, {THREE_ENDED("E4A"), MIS MS("1", "10/08/2026", "")}, {0}, "Episodes:2 Missing:0"},
    {"577", 0, {THREE_ENDED("E4A"), MIS MS("1", "10/08/2026", "01/09/2026")}, {0}, ""},
    /* still looked after: passes */
    {"577", 0, {THREE_OPEN, MIS MS("1", "10/08/2026", "")}, {0}, ""},

    /* 578: missing starts after the child ceased to be looked after (1 Sept):
     * the day after fails, the day itself passes. */
    {"578",
     0,
     {THREE_ENDED("E4A"), MIS MS("1", "02/09/2026", "03/09/2026")},
     {0},
     "Episodes:2 Missing:0"},
    {"578", 0, {THREE_ENDED("E4A"), MIS MS("1", "01/09/2026", "03/09/2026")}, {0}, ""},

    /* 580: missing on the day care ended but REC not E8: the final episode
     * and the missing period running that day; an earlier period is not
     * named. */
    {"580",
     0,
     {THREE_ENDED("E4A"),
      MIS MS("1", "01/05/2026", "02/05/2026") MS("1", "25/08/2026", "01/09/2026")},
     {0},
     "Episodes:2 Missing:1"},
    /* ... the period ended the day before care ended: passes */
    {"580", 0, {THREE_ENDED("E4A"), MIS MS("1", "25/08/2026", "31/08/2026")}, {0}, ""},
    /* ... REC E8: passes */
    {"580", 0, {THREE_ENDED("E8"), MIS MS("1", "25/08/2026", "")}, {0}, ""},

    /* 581: missing before the child started to be looked after (1 April 2026):
     * the period and the first episode. The day care starts passes. */
    {"581", 0, {THREE_OPEN, MIS MS("1", "31/03/2026", "02/04/2026")}, {0}, "Episodes:0 Missing:0"},
    {"581", 0, {THREE_OPEN, MIS MS("1", "01/04/2026", "02/04/2026")}, {0}, ""},

    /* 576: last year's open period (from 1 March 2026) has no corresponding
     * period at the start of this year: last year's row and this year's first
     * period (not the later one). */
    {"576",
     0,
     {MIS MS("1", "05/04/2026", "06/04/2026") MS("1", "10/05/2026", "")},
     {MIS MS("1", "01/03/2026", "")},
     "Missing:0 Missing_last:0"},
    {"576",
     0,
     {MIS MS("1", "01/03/2026", "03/04/2026") MS("1", "10/05/2026", "")},
     {MIS MS("1", "01/03/2026", "")},
     ""},
    /* 706: the same for a DoLO. */
    {"706",
     0,
     {DOLO DL("1", "05/04/2026", "06/04/2026") DL("1", "10/05/2026", "")},
     {DOLO DL("1", "01/03/2026", "")},
     "DoLo:0 DoLo_last:0"},
    {"706",
     0,
     {DOLO DL("1", "01/03/2026", "06/04/2026") DL("1", "10/05/2026", "")},
     {DOLO DL("1", "01/03/2026", "")},
     ""},

    /* ... the corresponding period must be this year's first: a DoLO of this
     * year before it (recorded in error) leaves it not "at the start" */
    {"706",
     0,
     {DOLO DL("1", "20/02/2026", "25/02/2026") DL("1", "01/03/2026", "")},
     {DOLO DL("1", "01/03/2026", "")},
     "DoLo:0 DoLo_last:0"},

    /* 710: a DoLO (both dates) overlapping a K1 episode that starts on its
     * last day fails, with that episode only; one ending the day before
     * passes */
    {"710",
     0,
     {EPI EP("1", "01/04/2026", "S", "C2", "U1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "P", "C2", "K1", "", ""),
      DOLO DL("1", "01/05/2026", "01/06/2026")},
     {0},
     "Episodes:1 DoLo:0"},
    {"710",
     0,
     {EPI EP("1", "01/04/2026", "S", "C2", "U1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "P", "C2", "K1", "", ""),
      DOLO DL("1", "01/05/2026", "31/05/2026")},
     {0},
     ""},

    /* 707: ceased to be looked after with a DoLO open: the DoLO and the final
     * episode. */
    {"707", 0, {THREE_ENDED("E4A"), DOLO DL("1", "10/08/2026", "")}, {0}, "Episodes:2 DoLo:0"},
    {"707", 0, {THREE_ENDED("E4A"), DOLO DL("1", "10/08/2026", "01/09/2026")}, {0}, ""},

    /* 1000: died in care (E2): the OC3 row and the episode that ended E2. */
    {"1000",
     0,
     {THREE_ENDED("E2"), OC3 LV("1", "01/06/2008", "DIED", "0", "0")},
     {0},
     "Episodes:2 OC3:0"},
    {"1000", 0, {THREE_ENDED("E4A"), OC3 LV("1", "01/06/2008", "YES", "F1", "D1")}, {0}, ""},

    /* 1011: final episode ended E3 (care transferred): the OC3 row and that
     * episode. */
    {"1011",
     0,
     {THREE_ENDED("E3"), OC3 LV("1", "01/06/2008", "YES", "F1", "D1")},
     {0},
     "Episodes:2 OC3:0"},
    {"1011", 0, {THREE_ENDED("E4A"), OC3 LV("1", "01/06/2008", "YES", "F1", "D1")}, {0}, ""},

    /* 1007: aged 17 or 18 on 31 March 2027 and still looked after: the OC3 row
     * and the current (open) episode. Born 31/03/2010 is 17 on 31 March 2027;
     * born 01/04/2010 is 16 and passes. */
    {"1007",
     0,
     {THREE_OPEN, OC3 LV("1", "31/03/2010", "YES", "F1", "D1")},
     {0},
     "Episodes:2 OC3:0"},
    {"1007", 0, {THREE_OPEN, OC3 LV("1", "01/04/2010", "YES", "F1", "D1")}, {0}, ""},
    /* born 01/04/2008: 18 on 31 March 2027 fails; born 31/03/2008: 19, passes */
    {"1007",
     0,
     {THREE_OPEN, OC3 LV("1", "01/04/2008", "YES", "F1", "D1")},
     {0},
     "Episodes:2 OC3:0"},
    {"1007", 0, {THREE_OPEN, OC3 LV("1", "31/03/2008", "YES", "F1", "D1")}, {0}, ""},

    /* 1016: aged 17 or 18 and ceased to be looked after after the birthday in
     * the year. Born 31/08/2008: 18th birthday 31/08/2026, care ends 1 Sept:
     * the OC3 row and the final episode. */
    {"1016",
     0,
     {THREE_ENDED("E4A"), OC3 LV("1", "31/08/2008", "YES", "F1", "D1")},
     {0},
     "Episodes:2 OC3:0"},
    /* ... ceasing on the birthday itself is not after it: passes */
    {"1016", 0, {THREE_ENDED("E4A"), OC3 LV("1", "01/09/2008", "YES", "F1", "D1")}, {0}, ""},
    /* ... an episode ending after the birthday with care continuing (X1,
     * current episode open) is not ceasing: passes (rule 1007 applies) */
    {"1016", 0, {THREE_OPEN, OC3 LV("1", "30/04/2008", "YES", "F1", "D1")}, {0}, ""},

    /* 634: previous permanence, but the period of care started before 1 April
     * 2016: the PrevPerm row and the episode that started the period. */
    {"634",
     0,
     {EPI EP("1", "31/03/2016", "S", "C2", "U1", "01/05/2026", "X1")
          EP("1", "01/05/2026", "P", "C2", "U2", "", ""),
      PREV PP("1", "P1", "800", "01/01/2015")},
     {0},
     "Episodes:0 PrevPerm:0"},
    {"634",
     0,
     {EPI EP("1", "01/04/2016", "S", "C2", "U1", "01/05/2026", "X1")
          EP("1", "01/05/2026", "P", "C2", "U2", "", ""),
      PREV PP("1", "P1", "800", "01/01/2015")},
     {0},
     ""},
    /* ... no episode this year starts the period (begun before, RNE P
     * first): the earliest episode stands for it, and is the one named */
    {"634",
     0,
     {EPI EP("1", "01/01/2015", "P", "C2", "U1", "01/05/2026", "X1")
          EP("1", "01/05/2026", "P", "C2", "U2", "", ""),
      PREV PP("1", "P1", "800", "01/01/2014")},
     {0},
     "Episodes:0 PrevPerm:0"},
    /* 557: left care other than by adoption with a decision to place not
     * ended: the decision and the final episode (where the child left). */
    {"557",
     0,
     {THREE_ENDED("E4A"), PLA PA("1", "01/05/2026", "", "")},
     {0},
     "Episodes:2 PlacedAdoption:0"},
    {"557", 0, {THREE_ENDED("E11"), PLA PA("1", "01/05/2026", "", "")}, {0}, ""},
    {"557", 0, {THREE_ENDED("E4A"), PLA PA("1", "01/05/2026", "01/08/2026", "RD1")}, {0}, ""},

    /* 560: the decision in force last year (1 March 2025) is dated otherwise
     * this year: this year's row and that decision of last year, not the
     * earlier reversed one. */
    {"560",
     0,
     {PLA PA("1", "05/03/2025", "", "")},
     {PLA PA("1", "01/01/2025", "01/02/2025", "RD1") PA("1", "01/03/2025", "", "")},
     "PlacedAdoption:0 PlacedAdoption_last:1"},
    {"560",
     0,
     {PLA PA("1", "01/03/2025", "", "")},
     {PLA PA("1", "01/01/2025", "01/02/2025", "RD1") PA("1", "01/03/2025", "", "")},
     ""},

    /* 561: this year's decision has the date of one last year showed as
     * ended: this year's row and that row of last year. */
    {"561",
     0,
     {PLA PA("1", "01/03/2025", "", "")},
     {PLA PA("1", "01/01/2025", "", "") PA("1", "01/03/2025", "01/03/2026", "RD1")},
     "PlacedAdoption:0 PlacedAdoption_last:1"},
    {"561",
     0,
     {PLA PA("1", "01/01/2025", "", "")},
     {PLA PA("1", "01/01/2025", "", "") PA("1", "01/03/2025", "01/03/2026", "RD1")},
     ""},

    /* 584: last year's latest reversed decision is of 1 March 2025; a
     * decision in force this year dated on it fails (with that row of last
     * year), the day after passes. */
    {"584",
     0,
     {PLA PA("1", "01/03/2025", "", "")},
     {PLA PA("1", "01/01/2025", "01/02/2025", "RD1") PA("1", "01/03/2025", "01/03/2026", "RD1")},
     "PlacedAdoption:0 PlacedAdoption_last:1"},
    {"584",
     0,
     {PLA PA("1", "02/03/2025", "", "")},
     {PLA PA("1", "01/01/2025", "01/02/2025", "RD1") PA("1", "01/03/2025", "01/03/2026", "RD1")},
     ""},

    /* 1010: an open episode at the end of last year, none this year, care
     * leaver information: the OC3 row and that open episode of last year. */
    {"1010",
     0,
     {EPI, OC3 LV("1", "01/06/2008", "YES", "F1", "D1")},
     {EPI EP("1", "01/04/2025", "S", "C2", "U1", "01/06/2025", "X1")
          EP("1", "01/06/2025", "P", "C2", "U2", "", "")},
     "OC3:0 Episodes_last:1"},
    {"1010",
     0,
     {EPI, OC3 LV("1", "01/06/2008", "YES", "F1", "D1")},
     {EPI EP("1", "01/04/2025", "S", "C2", "U1", "01/06/2025", "X1")
          EP("1", "01/06/2025", "P", "C2", "U2", "01/03/2026", "E4A")},
     ""},
    /* Ages on a day: a person attains an age on the birthday itself. Child 1
     * born 01/06/2008 is 18 on 01/06/2026. */
    /* 352: started to be looked after aged 18 or over */
    {"352",
     0,
     {H1("01/06/2008"), EPI EP("1", "01/06/2026", "S", "V2", "K2", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"352", 0, {H1("01/06/2008"), EPI EP("1", "31/05/2026", "S", "V2", "K2", "", "")}, {0}, ""},
    /* 359: looked after following the 18th birthday (open at 31 March 2027):
     * a birthday on 31 March itself is not "following" it */
    {"359",
     0,
     {H1("30/03/2009"), EPI EP("1", "01/04/2026", "S", "C2", "U1", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"359", 0, {H1("31/03/2009"), EPI EP("1", "01/04/2026", "S", "C2", "U1", "", "")}, {0}, ""},
    /* 386, 407: adopted / special guardianship on reaching 18 */
    {"386", 0, {H1("01/06/2008"), ONE_ENDED("01/06/2026", "E11")}, {0}, "Header:0 Episodes:0"},
    {"386", 0, {H1("01/06/2008"), ONE_ENDED("31/05/2026", "E11")}, {0}, ""},
    {"407", 0, {H1("01/06/2008"), ONE_ENDED("01/06/2026", "E45")}, {0}, "Header:0 Episodes:0"},
    {"407", 0, {H1("01/06/2008"), ONE_ENDED("31/05/2026", "E48")}, {0}, ""},
    /* 387 (under 14), 389 (under 16), 460 (under 18) on the day before the
     * birthday fail, on it pass */
    {"387", 0, {H1("01/06/2012"), ONE_ENDED("31/05/2026", "E5")}, {0}, "Header:0 Episodes:0"},
    {"387", 0, {H1("01/06/2012"), ONE_ENDED("01/06/2026", "E6")}, {0}, ""},
    {"389", 0, {H1("01/06/2010"), ONE_ENDED("31/05/2026", "E7")}, {0}, "Header:0 Episodes:0"},
    {"389", 0, {H1("01/06/2010"), ONE_ENDED("01/06/2026", "E7")}, {0}, ""},
    {"460", 0, {H1("01/06/2008"), ONE_ENDED("31/05/2026", "E17")}, {0}, "Header:0 Episodes:0"},
    {"460", 0, {H1("01/06/2008"), ONE_ENDED("01/06/2026", "E17")}, {0}, ""},
    /* a birthday on 29 February falls on 1 March in a year without one (the
     * choice docs/validation.md explains): born 29/02/2008, 18 on 01/03/2026
     * (2025/26) */
    {"386",
     2026,
     {H1("29/02/2008"), EPI EP("1", "01/04/2025", "S", "C2", "U1", "01/03/2026", "E11")},
     {0},
     "Header:0 Episodes:0"},
    {"386",
     2026,
     {H1("29/02/2008"), EPI EP("1", "01/04/2025", "S", "C2", "U1", "28/02/2026", "E11")},
     {0},
     ""},
};

static void test_rule_text_cases(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    /* no family: each rule here has its failing and passing cases above */
    assert_int_equal(vharness_run(cases, n, NULL, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_rule_text_cases)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
