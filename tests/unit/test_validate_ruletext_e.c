/* Hand-worked boundary cases of 903 rules, part E (session 9): the rules of
 * rules_oc.c, rules_header.c, rules_ages.c and rules_providers.c not re-read
 * in sessions 7 and 8, read from the DfE's rule text
 * (shared/reference/903/rules-2026-27.csv). For each, a case that must fail
 * and one just inside that must pass, naming exactly the rows that fail.
 * Year 2027 = 2026/27: 1 April 2026 to 31 March 2027. docs/validation.md,
 * "Checked against the rule text (session 9, part E)", lists what each case
 * settles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"

/* Header: child, sex, DOB, UPN, MOTHER, MC_DOB (ethnicity WBRI). */
#define H(child, sex, dob, upn, mother, mcdob) \
    child "," sex "," dob ",WBRI," upn "," mother "," mcdob "\n"
/* Header with an ethnicity: a girl born 01/06/2010, UPN UN1. */
#define HE(child, ethnic) child ",F,01/06/2010," ethnic ",UN1,0,\n"
/* A child's Header row with only the date of birth of interest. */
#define HD(child, dob) H(child, "F", dob, "UN1", "0", "")
/* Episodes: child, DECOM, RNE, LS, PLACE, DEC, REC (CIN N1, PR1). */
#define EP(child, decom, rne, ls, place, dec, rec) \
    child "," decom "," rne "," ls ",N1," place ",PR1," dec "," rec ",,,,\n"
#define RV(child, dob, date, code) child "," dob "," date "," code "\n"
/* OC3 (DOB 01/01/2007). */
#define O3(child, touch, activ, accom) child ",01/01/2007," touch "," activ "," accom "\n"
/* OC2: child, SDQ score, SDQ reason, then CONVICTED, HEALTH_CHECK,
 * IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT, SUBSTANCE_MISUSE,
 * INTERVENTION_RECEIVED, INTERVENTION_OFFERED as one string (DOB 01/01/2014). */
#define O2(child, score, reason, flags) child ",01/01/2014," score "," reason "," flags "\n"
#define UA(child, duc)                  child ",F,01/06/2010," duc "\n"

static const VCase cases[] = {
    /* ---- rules_oc.c ---- */

    /* 131, 132, 133: a code of the list, or blank (rule 153 is about blanks) */
    {"131", 0, {OC3 O3("1", "MAYBE", "F1", "Z1")}, {0}, "OC3:0"},
    {"131", 0, {OC3 O3("1", "yes", "F1", "Z1") O3("2", "", "", "")}, {0}, ""},
    /* ... F3 ended in 2018/19 */
    {"132", 0, {OC3 O3("1", "YES", "F3", "Z1")}, {0}, "OC3:0"},
    {"132", 0, {OC3 O3("1", "YES", "F4", "Z1") O3("2", "DIED", "0", "0")}, {0}, ""},
    {"133", 0, {OC3 O3("1", "YES", "F1", "X1")}, {0}, "OC3:0"},
    {"133", 0, {OC3 O3("1", "YES", "F1", "X2") O3("2", "RHOM", "0", "0")}, {0}, ""},

    /* 153: one or two of the three blank fail; none or all three pass */
    {"153", 0, {OC3 O3("1", "YES", "F1", "") O3("2", "NO", "", "")}, {0}, "OC3:0 OC3:1"},
    {"153", 0, {OC3 O3("1", "YES", "F1", "Z1") O3("2", "", "", "")}, {0}, ""},

    /* 158: an intervention received (1), and "offered" not left blank */
    {"158", 0, {OC2 O2("1", "", "", "0,0,1,1,1,1,1,0")}, {0}, "OC2:0"},
    {"158", 0, {OC2 O2("1", "", "", "0,0,1,1,1,1,1,")}, {0}, ""},
    /* 159: misuse (1), no intervention received (0), "offered" blank */
    {"159", 0, {OC2 O2("1", "", "", "0,0,1,1,1,1,0,")}, {0}, "OC2:0"},
    {"159", 0, {OC2 O2("1", "", "", "0,0,1,1,1,1,0,1")}, {0}, ""},

    /* 166: blank, or not a date (29 February 2027 is not one) */
    {"166",
     0,
     {REV RV("1", "01/01/2014", "", "PN1") RV("1", "01/01/2014", "29/02/2027", "PN1")},
     {0},
     "Reviews:0 Reviews:1"},
    {"166", 0, {REV RV("1", "01/01/2014", "28/02/2027", "PN1")}, {0}, ""},

    /* 167 (settled): "invalid or blank" whatever the date: a row with the
     * date and the code both blank fails too (the reference validator passes
     * it; rule 166 flags its date). */
    {"167", 0, {REV RV("1", "01/01/2014", "", "")}, {0}, "Reviews:0"},
    {"167",
     0,
     {REV RV("1", "01/01/2014", "01/05/2026", "") RV("1", "01/01/2014", "01/06/2026", "PN8")},
     {0},
     "Reviews:0 Reviews:1"},
    {"167", 0, {REV RV("1", "01/01/2014", "01/05/2026", "pn7")}, {0}, ""},

    /* 180: a whole number 0..40 */
    {"180",
     0,
     {OC2 O2("1", "41", "", ",,,,,,,") O2("2", "-1", "", ",,,,,,,") O2("3", "7.5", "", ",,,,,,,")},
     {0},
     "OC2:0 OC2:1 OC2:2"},
    {"180", 0, {OC2 O2("1", "40", "", ",,,,,,,") O2("2", "0", "", ",,,,,,,")}, {0}, ""},

    /* 181: each of the eight items 0, 1 or blank */
    {"181", 0, {OC2 O2("1", "", "", "2,0,1,1,1,0,,")}, {0}, "OC2:0"},
    {"181", 0, {OC2 O2("1", "", "", "1,0,1,1,1,0,,") O2("2", "", "", ",,,,,,,")}, {0}, ""},

    /* 182: the four core items complete, or every item blank. Immunisations
     * alone given fails (the text: "completed or all ... left blank"; the
     * reference validator looks only at the other four items). */
    {"182",
     0,
     {OC2 O2("1", "", "", ",,1,,,,,") O2("2", "", "", "0,,1,1,1,,,")},
     {0},
     "OC2:0 OC2:1"},
    {"182", 0, {OC2 O2("1", "", "", ",,,,,,,") O2("2", "", "", ",,1,1,1,0,,")}, {0}, ""},

    /* 192: misuse (1) and "received" blank */
    {"192", 0, {OC2 O2("1", "", "", "0,0,1,1,1,1,,")}, {0}, "OC2:0"},
    {"192", 0, {OC2 O2("1", "", "", "0,0,1,1,1,1,1,")}, {0}, ""},
    /* 193: misuse not identified (0 or blank) and an intervention item given */
    {"193",
     0,
     {OC2 O2("1", "", "", "0,0,1,1,1,0,0,") O2("2", "", "", "0,0,1,1,1,,,1")},
     {0},
     "OC2:0 OC2:1"},
    {"193", 0, {OC2 O2("1", "", "", "0,0,1,1,1,0,,")}, {0}, ""},

    /* 196: SDQ1-SDQ5 or blank */
    {"196", 0, {OC2 O2("1", "", "SDQ6", ",,,,,,,")}, {0}, "OC2:0"},
    {"196", 0, {OC2 O2("1", "", "sdq5", ",,,,,,,") O2("2", "", "", ",,,,,,,")}, {0}, ""},
    /* 197a: a score and a reason */
    {"197a", 0, {OC2 O2("1", "12", "SDQ4", ",,,,,,,")}, {0}, "OC2:0"},
    {"197a", 0, {OC2 O2("1", "12", "", ",,,,,,,") O2("2", "", "SDQ4", ",,,,,,,")}, {0}, ""},

    /* 344: died or returned home with an activity or accommodation; 0 and
     * blank are not "completed" */
    {"344", 0, {OC3 O3("1", "DIED", "F1", "0") O3("2", "RHOM", "0", "Z1")}, {0}, "OC3:0 OC3:1"},
    {"344", 0, {OC3 O3("1", "DIED", "0", "0") O3("2", "RHOM", "", "")}, {0}, ""},
    /* 345: in touch (YES) with an activity or accommodation of 0 */
    {"345", 0, {OC3 O3("1", "YES", "F1", "0")}, {0}, "OC3:0"},
    {"345", 0, {OC3 O3("1", "YES", "F1", "Z1") O3("2", "NO", "0", "0")}, {0}, ""},

    /* 440: PN0 (under 4) on or after the 4th birthday (10/05/2026) fails,
     * the day before passes (the reference validator passes the birthday
     * itself; on it the child is 4 "or over") */
    {"440", 0, {REV RV("1", "10/05/2022", "10/05/2026", "PN0")}, {0}, "Reviews:0"},
    {"440", 0, {REV RV("1", "10/05/2022", "09/05/2026", "PN0")}, {0}, ""},
    /* 441: PN1-PN7 (4 or over) before the 4th birthday fails; on it passes;
     * a code that is none of them indicates no age (167 flags it) */
    {"441", 0, {REV RV("1", "10/05/2022", "09/05/2026", "PN1")}, {0}, "Reviews:0"},
    {"441",
     0,
     {REV RV("1", "10/05/2022", "10/05/2026", "PN7") RV("2", "10/05/2022", "09/05/2026", "PN9")
          RV("3", "10/05/2022", "09/05/2026", "")},
     {0},
     ""},

    /* 544: conviction information completed (0 or 1) with a core item blank */
    {"544", 0, {OC2 O2("1", "", "", "0,,1,,1,1,,")}, {0}, "OC2:0"},
    {"544", 0, {OC2 O2("1", "", "", "1,,1,1,1,0,,") O2("2", "", "", ",,1,,,,,")}, {0}, ""},
    /* 547: health promotion (HEALTH_CHECK) completed with a core item blank */
    {"547", 0, {OC2 O2("1", "", "", ",0,1,1,1,,,")}, {0}, "OC2:0"},
    {"547", 0, {OC2 O2("1", "", "", ",0,1,1,1,0,,") O2("2", "", "", ",,1,,,,,")}, {0}, ""},

    /* ---- rules_header.c ---- */

    /* 101: M, F or U from 2024/25 (1 and 2 no longer), required; 1 or 2 to
     * 2023/24 */
    {"101",
     0,
     {HDR H("1", "1", "01/06/2010", "UN1", "", "") H("2", "", "01/06/2010", "UN1", "", "")},
     {0},
     "Header:0 Header:1"},
    {"101", 0, {HDR H("1", "u", "01/06/2010", "UN1", "", "")}, {0}, ""},
    {"101", 2024, {HDR H("1", "M", "01/06/2010", "UN1", "", "")}, {0}, "Header:0"},
    {"101", 2024, {HDR H("1", "2", "01/06/2010", "UN1", "0", "")}, {0}, ""},
    /* 102: required, a real date (no 29 February in 2010) */
    {"102", 0, {HDR HD("1", "29/02/2010") HD("2", "")}, {0}, "Header:0 Header:1"},
    {"102", 0, {HDR HD("1", "28/02/2010")}, {0}, ""},
    /* 103: required, of the list */
    {"103", 0, {HDR HE("1", "WXYZ") HE("2", "")}, {0}, "Header:0 Header:1"},
    {"103", 0, {HDR HE("1", "wbri")}, {0}, ""},
    /* 104: DUC a date or blank */
    {"104", 0, {UASC UA("1", "32/01/2026")}, {0}, "UASC:0"},
    {"104", 0, {UASC UA("1", "31/01/2026") UA("2", "")}, {0}, ""},
    /* 105, 205C, 303 cannot fail on a CSV return: reported as skipped */
    {"105", 0, {HDR HD("1", "01/06/2010"), UASC UA("1", "")}, {0}, "SKIP"},
    {"205C",
     0,
     {HDR HD("1", "01/06/2010"), UASC UA("1", "01/01/2027")},
     {HDR HD("1", "01/06/2010"), UASC UA("1", "")},
     "SKIP"},
    {"303", 0, {HDR HD("1", "01/06/2010"), UASC UA("1", "01/01/2027")}, {0}, "SKIP"},
    /* 171: MC_DOB a date or blank */
    {"171", 0, {HDR H("1", "F", "01/06/2008", "UN1", "1", "30/02/2025")}, {0}, "Header:0"},
    {"171",
     0,
     {HDR H("1", "F", "01/06/2008", "UN1", "1", "28/02/2025") HD("2", "01/06/2010")},
     {0},
     ""},
    /* 174: a boy with MC_DOB recorded (even invalid); in 2024/25 a "1"
     * (last year's code, which rule 101 flags) still shows a boy */
    {"174",
     0,
     {HDR H("1", "M", "01/06/2008", "UN1", "", "01/02/2026")
          H("2", "m", "01/06/2008", "UN1", "", "xx")},
     {0},
     "Header:0 Header:1"},
    {"174", 0, {HDR H("1", "F", "01/06/2008", "UN1", "1", "01/02/2026")}, {0}, ""},
    {"174", 2025, {HDR H("1", "1", "01/06/2007", "UN1", "", "01/02/2025")}, {0}, "Header:0"},
    {"174", 2025, {HDR H("1", "M", "01/06/2007", "UN1", "", "")}, {0}, ""},
    /* 202: the sex differs from last year's (both given) ... */
    {"202",
     0,
     {HDR H("1", "M", "01/06/2010", "UN1", "", "")},
     {HDR H("1", "F", "01/06/2010", "UN1", "0", "")},
     "Header:0 Header_last:0"},
    {"202",
     0,
     {HDR H("1", "f", "01/06/2010", "UN1", "0", "")},
     {HDR H("1", "F", "01/06/2010", "UN1", "0", "")},
     ""},
    /* ... in 2024/25, the first year of M/F, last year's 1 is M and 2 is F
     * ("the gender already recorded"): 1 then M passes, 2 then M fails */
    {"202",
     2025,
     {HDR H("1", "M", "01/06/2010", "UN1", "", "") H("2", "F", "01/06/2010", "UN1", "0", "")},
     {HDR H("1", "1", "01/06/2010", "UN1", "", "") H("2", "2", "01/06/2010", "UN1", "0", "")},
     ""},
    {"202",
     2025,
     {HDR H("1", "M", "01/06/2010", "UN1", "", "")},
     {HDR H("1", "2", "01/06/2010", "UN1", "0", "")},
     "Header:0 Header_last:0"},
    /* 203: DOB a day apart fails; a blank DOB this year does not disagree
     * (rule 102 flags it) */
    {"203", 0, {HDR HD("1", "02/06/2010")}, {HDR HD("1", "01/06/2010")}, "Header:0 Header_last:0"},
    {"203",
     0,
     {HDR HD("1", "01/06/2010") HD("2", "")},
     {HDR HD("1", "01/06/2010") HD("2", "01/06/2010")},
     ""},
    /* 204: ethnicity differs (without case) */
    {"204", 0, {HDR HE("1", "WIRI")}, {HDR HE("1", "WBRI")}, "Header:0 Header_last:0"},
    {"204", 0, {HDR HE("1", "wbri")}, {HDR HE("1", "WBRI")}, ""},
    /* 208: last year's real UPN changed, to another, an unknown code or blank */
    {"208",
     0,
     {HDR H("1", "F", "01/06/2010", "A12345678901B", "0", "")
          H("2", "F", "01/06/2010", "UN1", "0", "")},
     {HDR H("1", "F", "01/06/2010", "A123456789012", "0", "")
          H("2", "F", "01/06/2010", "B123456789012", "0", "")},
     "Header:0 Header:1 Header_last:0 Header_last:1"},
    {"208",
     0,
     {HDR H("1", "F", "01/06/2010", "a123456789012", "0", "")
          H("2", "F", "01/06/2010", "B123456789012", "0", "")},
     {HDR H("1", "F", "01/06/2010", "A123456789012", "0", "")
          H("2", "F", "01/06/2010", "UN4", "0", "")},
     ""},
    /* 232: sex unknown (from 2024/25) */
    {"232", 0, {HDR H("1", "u", "01/06/2010", "UN1", "", "")}, {0}, "Header:0"},
    {"232", 0, {HDR H("1", "M", "01/06/2010", "UN1", "", "")}, {0}, ""},
    /* 444 (from 2025/26): the same real UPN twice, without case: both rows */
    {"444",
     0,
     {HDR H("1", "F", "01/06/2010", "A123456789012", "0", "")
          H("2", "F", "01/06/2011", "a123456789012", "0", "")},
     {0},
     "Header:0 Header:1"},
    {"444",
     0,
     {HDR H("1", "F", "01/06/2010", "UN2", "0", "") H("2", "F", "01/06/2011", "UN2", "0", "")},
     {0},
     ""},
    /* 611: a mother with MC_DOB blank; an invalid one is 171's */
    {"611", 0, {HDR H("1", "F", "01/06/2008", "UN1", "1", "")}, {0}, "Header:0"},
    {"611", 0, {HDR H("1", "F", "01/06/2008", "UN1", "1", "31/02/2025")}, {0}, ""},
    /* 612: a girl with MC_DOB whose MOTHER is not 1 (0 or blank) */
    {"612",
     0,
     {HDR H("1", "F", "01/06/2008", "UN1", "0", "01/02/2026")
          H("2", "F", "01/06/2008", "UN1", "", "01/02/2026")},
     {0},
     "Header:0 Header:1"},
    {"612",
     0,
     {HDR H("1", "F", "01/06/2008", "UN1", "1", "01/02/2026")
          H("2", "M", "01/06/2008", "UN1", "0", "01/02/2026")},
     {0},
     ""},
    /* 624: MC_DOB differs from last year's (both dates) */
    {"624",
     0,
     {HDR H("1", "F", "01/06/2008", "UN1", "1", "02/02/2026")},
     {HDR H("1", "F", "01/06/2008", "UN1", "1", "01/02/2026")},
     "Header:0 Header_last:0"},
    {"624",
     0,
     {HDR H("1", "F", "01/06/2008", "UN1", "1", "02/02/2026")},
     {HDR H("1", "F", "01/06/2008", "UN1", "0", "")},
     ""},

    /* ---- rules_ages.c ---- */

    /* 302: the first episode starts before the birth (10/05/2026); on the
     * day of birth passes */
    {"302",
     0,
     {HDR HD("1", "10/05/2026"), EPI EP("1", "09/05/2026", "S", "C2", "U1", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"302",
     0,
     {HDR HD("1", "10/05/2026"), EPI EP("1", "10/05/2026", "S", "C2", "U1", "", "")},
     {0},
     ""},
    /* 352: a period of care (S) begun on the 18th birthday fails, the day
     * before passes; born 29/02/2008, 18 on 1 March 2026 (not a leap year) */
    {"352",
     0,
     {HDR HD("1", "29/02/2008"), EPI EP("1", "01/03/2026", "S", "V2", "K2", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"352",
     0,
     {HDR HD("1", "29/02/2008") HD("2", "01/01/2000"),
      EPI EP("1", "28/02/2026", "S", "V2", "K2", "", "")
          EP("2", "01/05/2026", "P", "V2", "K2", "", "")},
     {0},
     ""},
    /* 359: looked after at 31 March after the 18th birthday (30/03/2027)
     * other than V2 in K2; the birthday on 31 March, an episode ended before
     * 31 March and V2/K2 pass */
    {"359",
     0,
     {HDR HD("1", "30/03/2009") HD("2", "30/03/2009"),
      EPI EP("1", "01/05/2026", "S", "C2", "U1", "", "")
          EP("2", "01/05/2026", "S", "V2", "K1", "", "")},
     {0},
     "Header:0 Header:1 Episodes:0 Episodes:1"},
    {"359",
     0,
     {HDR HD("1", "31/03/2009") HD("2", "30/03/2009") HD("3", "30/03/2009"),
      EPI EP("1", "01/05/2026", "S", "C2", "U1", "", "")
          EP("2", "01/05/2026", "S", "V2", "K2", "", "")
              EP("3", "01/05/2026", "S", "C2", "U1", "30/03/2027", "E17")},
     {0},
     ""},
    /* 372 (R5, 10), 373 (S1, 4), 374 (P3, 14): the age on DECOM; the
     * birthday itself passes; an open episode is judged too */
    {"372",
     0,
     {HDR HD("1", "01/06/2016"), EPI EP("1", "31/05/2026", "S", "J2", "R5", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"372",
     0,
     {HDR HD("1", "01/06/2016"), EPI EP("1", "01/06/2026", "S", "J2", "R5", "", "")},
     {0},
     ""},
    {"373",
     0,
     {HDR HD("1", "01/06/2022"), EPI EP("1", "31/05/2026", "S", "C2", "S1", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"373",
     0,
     {HDR HD("1", "01/06/2022"), EPI EP("1", "01/06/2026", "S", "C2", "S1", "", "")},
     {0},
     ""},
    {"374",
     0,
     {HDR HD("1", "01/06/2012"), EPI EP("1", "31/05/2026", "S", "C2", "P3", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"374",
     0,
     {HDR HD("1", "01/06/2012"), EPI EP("1", "01/06/2026", "S", "C2", "P3", "", "")},
     {0},
     ""},
    /* 376: T3 more than 21 days (an open one runs to 31 March) */
    {"376",
     0,
     {EPI EP("1", "01/05/2026", "P", "C2", "T3", "23/05/2026", "X1")
          EP("2", "09/03/2027", "P", "C2", "T3", "", "")},
     {0},
     "Episodes:0 Episodes:1"},
    {"376",
     0,
     {EPI EP("1", "01/05/2026", "P", "C2", "T3", "22/05/2026", "X1")
          EP("2", "10/03/2027", "P", "C2", "T3", "", "")},
     {0},
     ""},
    /* 379: T4 more than 7 days */
    {"379",
     0,
     {EPI EP("1", "01/05/2026", "P", "C2", "T4", "09/05/2026", "X1")
          EP("2", "23/03/2027", "P", "C2", "T4", "", "")},
     {0},
     "Episodes:0 Episodes:1"},
    {"379",
     0,
     {EPI EP("1", "01/05/2026", "P", "C2", "T4", "08/05/2026", "X1")
          EP("2", "24/03/2027", "P", "C2", "T4", "", "")},
     {0},
     ""},
    /* 386 (E11/E12) and 407 (E45-E48): ended on or after the 18th birthday
     * (01/06/2026) fails ("has reached age 18"), the day before passes */
    {"386",
     0,
     {HDR HD("1", "01/06/2008"), EPI EP("1", "01/01/2026", "S", "E1", "A5", "01/06/2026", "E11")},
     {0},
     "Header:0 Episodes:0"},
    {"386",
     0,
     {HDR HD("1", "01/06/2008"), EPI EP("1", "01/01/2026", "S", "E1", "A5", "31/05/2026", "E12")},
     {0},
     ""},
    {"407",
     0,
     {HDR HD("1", "01/06/2008"), EPI EP("1", "01/01/2026", "S", "C2", "U1", "01/06/2026", "E45")},
     {0},
     "Header:0 Episodes:0"},
    {"407",
     0,
     {HDR HD("1", "01/06/2008"), EPI EP("1", "01/01/2026", "S", "C2", "U1", "31/05/2026", "E48")},
     {0},
     ""},
    /* 387 (E5/E6, 14), 389 (E7, 16), 460 (E17, 18): ended before the
     * birthday fails, on it passes */
    {"387",
     0,
     {HDR HD("1", "01/06/2012"), EPI EP("1", "01/01/2026", "S", "C2", "U1", "31/05/2026", "E6")},
     {0},
     "Header:0 Episodes:0"},
    {"387",
     0,
     {HDR HD("1", "01/06/2012"), EPI EP("1", "01/01/2026", "S", "C2", "U1", "01/06/2026", "E5")},
     {0},
     ""},
    {"389",
     0,
     {HDR HD("1", "01/06/2010"), EPI EP("1", "01/01/2026", "S", "C2", "U1", "31/05/2026", "E7")},
     {0},
     "Header:0 Episodes:0"},
    {"389",
     0,
     {HDR HD("1", "01/06/2010"), EPI EP("1", "01/01/2026", "S", "C2", "U1", "01/06/2026", "E7")},
     {0},
     ""},
    {"460",
     0,
     {HDR HD("1", "01/06/2008"), EPI EP("1", "01/01/2026", "S", "C2", "U1", "31/05/2026", "E17")},
     {0},
     "Header:0 Episodes:0"},
    {"460",
     0,
     {HDR HD("1", "01/06/2008"), EPI EP("1", "01/01/2026", "S", "C2", "U1", "01/06/2026", "E17")},
     {0},
     ""},
};

/* Ofsted's provider lists (made up): SC100001 a children's home and school
 * at ZZ1 1AB (in X06000001, the authority of the home postcodes ZZ1 1AA);
 * SC100002 a fostering agency at ZZ2 2BB (another authority); SC100003 a home
 * at ZZ2 2BB that closed on 31 May 2026. */
#define PROVIDERS                                                                             \
    "URN,Local authority,Placement code,Placement provider code,Deregistration date,Setting " \
    "postcode\r\n"                                                                            \
    "SC100001,Dorset,K2/S1,PR4,,ZZ1 1AB\r\n"                                                  \
    "SC100002,Dorset,\"U4,U5,U6,P1\",PR1,,ZZ2 2BB\r\n"                                        \
    "SC100003,Dorset,K2,PR1,31/05/2026,ZZ2 2BB\r\n"
/* Episodes: child, DECOM, LS, PLACE, provider, DEC, REC, PL_POST, URN (home
 * ZZ1 1AA). */
#define EU(child, decom, ls, place, prov, dec, rec, post, urn) \
    child "," decom ",S," ls ",N1," place "," prov "," dec "," rec ",,ZZ1 1AA," post "," urn "\n"

static const VCase provider_cases[] = {
    /* 1008: a URN not in the lists; XXXXXXX and blank are not looked up */
    {"1008",
     0,
     {EPI EU("1", "01/05/2026", "C2", "K2", "PR4", "", "", "ZZ1 1AB", "SC999999")
          EU("2", "01/05/2026", "C2", "P1", "PR0", "", "", "ZZ1 1AB", "XXXXXXX")
              EU("3", "01/05/2026", "C2", "P1", "PR0", "", "", "ZZ1 1AB", "")},
     {0},
     "Episodes:0"},
    {"1008",
     0,
     {EPI EU("1", "01/05/2026", "C2", "K2", "PR4", "", "", "ZZ1 1AB", "sc100001")},
     {0},
     ""},
    /* 219: the placement type among the URN's */
    {"219",
     0,
     {EPI EU("1", "01/05/2026", "C2", "U1", "PR4", "", "", "ZZ1 1AB", "SC100001")},
     {0},
     "Episodes:0"},
    {"219",
     0,
     {EPI EU("1", "01/05/2026", "C2", "s1", "PR4", "", "", "ZZ1 1AB", "SC100001")},
     {0},
     ""},
    /* 224: the provider code among the URN's */
    {"224",
     0,
     {EPI EU("1", "01/05/2026", "C2", "K2", "PR1", "", "", "ZZ1 1AB", "SC100001")},
     {0},
     "Episodes:0"},
    {"224",
     0,
     {EPI EU("1", "01/05/2026", "C2", "K2", "PR4", "", "", "ZZ1 1AB", "SC100001")},
     {0},
     ""},
    /* 221: PL_POST the URN's postcode, for K1, K2, R3, S1 outside short
     * breaks (the DfE's condition): a foster placement (the agency's
     * postcode is its office) and a short break pass */
    {"221",
     0,
     {EPI EU("1", "01/05/2026", "C2", "K2", "PR4", "", "", "ZZ2 2BB", "SC100001")},
     {0},
     "Episodes:0"},
    {"221",
     0,
     {EPI EU("1", "01/05/2026", "C2", "K2", "PR4", "", "", "zz11ab", "SC100001")
          EU("2", "01/05/2026", "C2", "U4", "PR1", "", "", "ZZ1 1AB", "SC100002")
              EU("3", "01/05/2026", "V3", "K2", "PR4", "", "", "ZZ2 2BB", "SC100001")},
     {0},
     ""},
    /* 227: starting on or after the day the provider closed (31/05/2026:
     * "DECOM must be before" it, the DfE's condition) */
    {"227",
     0,
     {EPI EU("1", "31/05/2026", "C2", "K2", "PR1", "", "", "ZZ2 2BB", "SC100003")},
     {0},
     "Episodes:0"},
    {"227",
     0,
     {EPI EU("1", "30/05/2026", "C2", "K2", "PR1", "31/05/2026", "E13", "ZZ2 2BB", "SC100003")},
     {0},
     ""},
    /* 228: ending after the provider closed; an open episode runs to 31
     * March; ending on the day it closed passes */
    {"228",
     0,
     {EPI EU("1", "01/05/2026", "C2", "K2", "PR1", "01/06/2026", "E13", "ZZ2 2BB", "SC100003")
          EU("2", "01/05/2026", "C2", "K2", "PR1", "", "", "ZZ2 2BB", "SC100003")},
     {0},
     "Episodes:0 Episodes:1"},
    {"228",
     0,
     {EPI EU("1", "01/05/2026", "C2", "K2", "PR1", "31/05/2026", "E13", "ZZ2 2BB", "SC100003")},
     {0},
     ""},
    /* 229: own provision (PR1) outside the authority, another authority's
     * (PR2) inside it; from 2025/26 placements such as P1 are left out */
    {"229",
     0,
     {EPI EU("1", "01/05/2026", "C2", "K2", "PR2", "", "", "ZZ1 1AB", "SC100001")
          EU("2", "01/05/2026", "C2", "U4", "PR1", "", "", "ZZ2 2BB", "SC100002")},
     {0},
     "Episodes:0 Episodes:1"},
    {"229",
     0,
     {EPI EU("1", "01/05/2026", "C2", "P1", "PR1", "", "", "ZZ2 2BB", "SC100002")},
     {0},
     ""},
    {"229",
     2025,
     {EPI EU("1", "01/05/2024", "C2", "P1", "PR1", "", "", "ZZ2 2BB", "SC100002")},
     {0},
     "Episodes:0"},
};

static void test_rule_text_cases(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    /* no family: each rule here has its failing and passing cases above */
    assert_int_equal(vharness_run(cases, n, NULL, 0), 0);
}

static void test_provider_rule_text_cases(void **state)
{
    (void)state;
    int n = (int)(sizeof provider_cases / sizeof provider_cases[0]);
    assert_int_equal(vharness_run_full(provider_cases, n, NULL, 0, VHARNESS_ONSPD, NULL, PROVIDERS),
                     0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_rule_text_cases),
                                       cmocka_unit_test(test_provider_rule_text_cases)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
