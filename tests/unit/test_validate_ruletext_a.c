/* Hand-worked boundary cases of 903 rules, read from the DfE's rule text
 * (shared/reference/903/rules-2026-27.csv), session 8 part A: the families
 * rules_cla12.c (the OC2 cohort), rules_child.c and rules_header.c (Header),
 * rules_ages.c, rules_episodes.c and rules_lastyear.c. For each rule a case
 * that must fail and one just inside that must pass, naming exactly the rows
 * that fail (the validation report highlights those cells). Year 2027 =
 * 2026/27: 1 April 2026 to 31 March 2027. docs/validation.md, "Checked
 * against the rule text (session 8, part A)", lists what each case settles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"

/* An Episodes row: child, DECOM, RNE, LS, PLACE, DEC, REC (CIN N1, PR1). */
#define EP(child, decom, rne, ls, place, dec, rec) \
    child "," decom "," rne "," ls ",N1," place ",PR1," dec "," rec ",,,,\n"
/* An Episodes row with REASON_PLACE_CHANGE. */
#define EPR(child, decom, rne, ls, place, dec, rec, why) \
    child "," decom "," rne "," ls ",N1," place ",PR1," dec "," rec "," why ",,,\n"
/* A Header row: child, sex, DOB, UPN, MOTHER, MC_DOB (ethnicity WBRI). */
#define HD(child, sex, dob, upn, mother, mc) \
    child "," sex "," dob ",WBRI," upn "," mother "," mc "\n"
/* An OC2 row: child, DOB, SDQ_SCORE, SDQ_REASON, CONVICTED, HEALTH_CHECK, and
 * one value for IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and
 * SUBSTANCE_MISUSE (the interventions blank). */
#define O2(child, dob, score, reason, conv, hc, imm) \
    child "," dob "," score "," reason "," conv "," hc "," imm "," imm "," imm "," imm ",,\n"
/* An OC3 row, a UASC row. */
#define LV(child, dob, touch, activ, accom) child "," dob "," touch "," activ "," accom "\n"
#define UA(child, dob, duc)                 child ",F," dob "," duc "\n"

/* Child 1 in care since 1 January 2025 (before the year) with a placement
 * change on 1 June 2026, still looked after at 31 March 2027: in the OC2
 * cohort. */
#define IN_COHORT                                                  \
    EPI EP("1", "01/01/2025", "S", "C2", "U1", "01/06/2026", "X1") \
        EP("1", "01/06/2026", "P", "C2", "U2", "", "")
/* The same child, but care ends on 1 September 2026 (E4A) and begins again on
 * 1 December 2026: the episode ending E4A (row 1) keeps them out of it. */
#define OUT_COHORT                                                  \
    EPI EP("1", "01/01/2025", "S", "C2", "U1", "01/06/2026", "X1")  \
        EP("1", "01/06/2026", "P", "C2", "U2", "01/09/2026", "E4A") \
            EP("1", "01/12/2026", "S", "C2", "U3", "", "")

/* A girl born 01/06/2010 with UPN, MOTHER and MC_DOB as given. */
#define GIRL(upn, mother, mc) HDR HD("1", "F", "01/06/2010", upn, mother, mc)

static const VCase cases[] = {
    /* --- The OC2 cohort (185-198, 543-546): the OC2 row, and the one episode
     * the cohort turns on, not every episode of the child. --- */
    /* 185: SDQ score outside the cohort: the OC2 row and the episode that
     * ended care (E4A), not the other two. */
    {"185",
     0,
     {OUT_COHORT, OC2 O2("1", "01/06/2015", "10", "", "", "", "")},
     {0},
     "Episodes:1 OC2:0"},
    {"185", 0, {IN_COHORT, OC2 O2("1", "01/06/2015", "10", "", "", "", "")}, {0}, ""},
    /* care ending on 31 March itself: not looked after at 31 March */
    {"185",
     0,
     {EPI EP("1", "01/01/2025", "S", "C2", "U1", "31/03/2027", "E4A"),
      OC2 O2("1", "01/06/2015", "10", "", "", "", "")},
     {0},
     "Episodes:0 OC2:0"},
    /* ... ending 31 March with X1 (care continues): in the cohort */
    {"185",
     0,
     {EPI EP("1", "01/01/2025", "S", "C2", "U1", "31/03/2027", "X1")
          EP("1", "31/03/2027", "P", "C2", "U2", "", ""),
      OC2 O2("1", "01/06/2015", "10", "", "", "", "")},
     {0},
     ""},
    /* a period of care beginning on 1 April itself is 12 months at 31 March;
     * one beginning on 2 April is not */
    {"185",
     0,
     {EPI EP("1", "01/04/2026", "S", "C2", "U1", "", ""),
      OC2 O2("1", "01/06/2015", "10", "", "", "", "")},
     {0},
     ""},
    {"185",
     0,
     {EPI EP("1", "02/04/2026", "S", "C2", "U1", "", ""),
      OC2 O2("1", "01/06/2015", "10", "", "", "", "")},
     {0},
     "Episodes:0 OC2:0"},
    /* a short break running during the year keeps the child out */
    {"185",
     0,
     {EPI EP("1", "01/01/2025", "S", "V3", "U1", "", ""),
      OC2 O2("1", "01/06/2015", "10", "", "", "", "")},
     {0},
     "Episodes:0 OC2:0"},
    /* 198 (SDQ_REASON) and 190 (a 12-month item) outside the cohort */
    {"198",
     0,
     {OUT_COHORT, OC2 O2("1", "01/06/2015", "", "SDQ2", "", "", "")},
     {0},
     "Episodes:1 OC2:0"},
    {"198", 0, {IN_COHORT, OC2 O2("1", "01/06/2015", "", "SDQ2", "", "", "")}, {0}, ""},
    {"190",
     0,
     {OUT_COHORT, OC2 O2("1", "01/06/2015", "", "", "0", "", "")},
     {0},
     "Episodes:1 OC2:0"},
    {"190", 0, {IN_COHORT, OC2 O2("1", "01/06/2015", "", "", "0", "", "")}, {0}, ""},
    /* 186: in the cohort, 4 or over on 1 April 2026 and under 17 on 31 March
     * 2027, no score: the OC2 row and the episode running at 31 March.
     * Born 01/04/2022 is 4 on 1 April; born 02/04/2022 is 3. */
    {"186",
     0,
     {IN_COHORT, OC2 O2("1", "01/04/2022", "", "", "", "1", "1")},
     {0},
     "Episodes:1 OC2:0"},
    {"186", 0, {IN_COHORT, OC2 O2("1", "02/04/2022", "", "", "", "1", "1")}, {0}, ""},
    /* born 01/04/2010 is 16 on 31 March 2027: fails; born 31/03/2010 is 17 */
    {"186",
     0,
     {IN_COHORT, OC2 O2("1", "01/04/2010", "", "", "0", "", "1")},
     {0},
     "Episodes:1 OC2:0"},
    {"186", 0, {IN_COHORT, OC2 O2("1", "31/03/2010", "", "", "0", "", "1")}, {0}, ""},
    /* 157: SDQ1 (under 4 or over 16) for a child 4 on 1 April: fails */
    {"157",
     0,
     {IN_COHORT, OC2 O2("1", "01/04/2022", "", "SDQ1", "", "1", "1")},
     {0},
     "Episodes:1 OC2:0"},
    {"157", 0, {IN_COHORT, OC2 O2("1", "02/04/2022", "", "SDQ1", "", "1", "1")}, {0}, ""},
    /* 197B: 17 on 31 March 2027 (born 01/04/2009: 18 on 1 April 2027) with
     * neither score nor reason fails; born 31/03/2009 is 18 and passes */
    {"197B",
     0,
     {IN_COHORT, OC2 O2("1", "01/04/2009", "", "", "0", "", "1")},
     {0},
     "Episodes:1 OC2:0"},
    {"197B", 0, {IN_COHORT, OC2 O2("1", "31/03/2009", "", "", "0", "", "1")}, {0}, ""},
    /* ... 4 on 31 March 2027 (born 31/03/2023) fails; born 01/04/2023 is 3 */
    {"197B",
     0,
     {IN_COHORT, OC2 O2("1", "31/03/2023", "", "", "", "1", "1")},
     {0},
     "Episodes:1 OC2:0"},
    {"197B", 0, {IN_COHORT, OC2 O2("1", "01/04/2023", "", "", "", "1", "1")}, {0}, ""},
    /* 543: 10 or over on 31 March (born 31/03/2017) with no CONVICTED */
    {"543",
     0,
     {IN_COHORT, OC2 O2("1", "31/03/2017", "5", "", "", "", "1")},
     {0},
     "Episodes:1 OC2:0"},
    {"543", 0, {IN_COHORT, OC2 O2("1", "01/04/2017", "5", "", "", "", "1")}, {0}, ""},
    /* 545 (OC2 only): under 5 on 31 March (born 01/04/2022) with no
     * HEALTH_CHECK; born 31/03/2022 is 5 */
    {"545", 0, {IN_COHORT, OC2 O2("1", "01/04/2022", "5", "", "", "", "1")}, {0}, "OC2:0"},
    {"545", 0, {IN_COHORT, OC2 O2("1", "31/03/2022", "5", "", "", "", "1")}, {0}, ""},
    /* 546: 5 or over on 31 March with HEALTH_CHECK */
    {"546",
     0,
     {IN_COHORT, OC2 O2("1", "31/03/2022", "5", "", "", "1", "1")},
     {0},
     "Episodes:1 OC2:0"},
    {"546", 0, {IN_COHORT, OC2 O2("1", "01/04/2022", "5", "", "", "1", "1")}, {0}, ""},
    /* 191: an item left blank in the cohort: the OC2 row and the current
     * episode; a child of the cohort with no OC2 row: their first episode */
    {"191",
     0,
     {IN_COHORT, OC2 O2("1", "01/06/2015", "5", "", "0", "", "")},
     {0},
     "Episodes:1 OC2:0"},
    {"191", 0, {OUT_COHORT, OC2 O2("1", "01/06/2015", "", "", "", "", "")}, {0}, ""},
    {"191", 0, {IN_COHORT, OC2 O2("2", "01/06/2015", "5", "", "0", "", "1")}, {0}, "Episodes:0"},
    /* 187: a child of the cohort with care leaver data: the OC3 row and the
     * current episode */
    {"187",
     0,
     {IN_COHORT, AD1, OC3 LV("1", "01/06/2008", "YES", "F1", "D1")},
     {0},
     "Episodes:1 OC3:0"},
    {"187", 0, {OUT_COHORT, AD1, OC3 LV("1", "01/06/2008", "YES", "F1", "D1")}, {0}, ""},

    /* --- Header rules whose condition reads the episodes --- */
    /* 393: a looked after girl with no MOTHER: the Header row and her latest
     * episode other than a short break (not every episode) */
    {"393",
     0,
     {GIRL("A123456789012", "", ""), EPI EP("1", "01/04/2026", "S", "C2", "U1", "01/06/2026", "X1")
                                         EP("1", "01/06/2026", "P", "C2", "U2", "", "")},
     {0},
     "Header:0 Episodes:1"},
    /* ... short breaks only: passes */
    {"393",
     0,
     {GIRL("A123456789012", "", ""),
      EPI EP("1", "01/04/2026", "S", "V3", "U1", "03/04/2026", "E13")},
     {0},
     ""},
    /* 442: a looked after child with no UPN */
    {"442",
     0,
     {GIRL("", "0", ""), EPI EP("1", "01/04/2026", "S", "C2", "U1", "01/06/2026", "X1")
                             EP("1", "01/06/2026", "P", "C2", "U2", "", "")},
     {0},
     "Header:0 Episodes:1"},
    {"442", 0, {GIRL("UN1", "0", ""), EPI EP("1", "01/04/2026", "S", "C2", "U1", "", "")}, {0}, ""},
    /* 207: a mother last year is not one this year: both Header rows and the
     * current episode */
    {"207",
     0,
     {GIRL("A123456789012", "0", ""), EPI EP("1", "01/04/2026", "S", "C2", "U1", "01/06/2026", "X1")
                                          EP("1", "01/06/2026", "P", "C2", "U2", "", "")},
     {GIRL("A123456789012", "1", "01/01/2025")},
     "Header:0 Episodes:1 Header_last:0"},
    {"207",
     0,
     {GIRL("A123456789012", "1", "01/01/2025"), EPI EP("1", "01/04/2026", "S", "C2", "U1", "", "")},
     {GIRL("A123456789012", "1", "01/01/2025")},
     ""},
    /* 165: a girl looked after this year with no MOTHER: Header and her latest
     * episode running in the year */
    {"165",
     0,
     {GIRL("A123456789012", "", ""),
      EPI EP("1", "01/04/2026", "S", "C2", "U1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "P", "C2", "U2", "", ""),
      OC3},
     {0},
     "Header:0 Episodes:1"},
    /* ... her only care in the year is a short break; the full-time episode
     * ended before 1 April: not looked after this year (as the DfE counts
     * episodes: short breaks dropped, then those in the year) */
    {"165",
     0,
     {GIRL("A123456789012", "", ""),
      EPI EP("1", "01/01/2026", "S", "C2", "U1", "31/03/2026", "E4A")
          EP("1", "01/05/2026", "S", "V3", "U2", "03/05/2026", "E13"),
      OC3},
     {0},
     ""},
    /* ... a boy with MOTHER given: the Header row alone */
    {"165",
     0,
     {HDR HD("1", "M", "01/06/2010", "A123456789012", "0", ""),
      EPI EP("1", "01/04/2026", "S", "C2", "U1", "", ""), OC3},
     {0},
     "Header:0"},
    /* 628: a care leaver not looked after this year with mother details: the
     * Header and OC3 rows and the episode that ended before the year */
    {"628",
     0,
     {GIRL("A123456789012", "1", "01/01/2025"),
      EPI EP("1", "01/01/2026", "S", "C2", "U1", "31/03/2026", "E4A"),
      OC3 LV("1", "01/06/2010", "YES", "F1", "D1")},
     {0},
     "Header:0 Episodes:0 OC3:0"},
    /* ... care ending on 1 April 2026 is care during the year: passes */
    {"628",
     0,
     {GIRL("A123456789012", "1", "01/01/2025"),
      EPI EP("1", "01/01/2026", "S", "C2", "U1", "01/04/2026", "E4A"),
      OC3 LV("1", "01/06/2010", "YES", "F1", "D1")},
     {0},
     ""},
    /* 210: UN4 for a child whose period of care began before 24 March 2027
     * (23 March): the Header row and the episode that began the period */
    {"210",
     0,
     {GIRL("UN4", "0", ""), EPI EP("1", "23/03/2027", "S", "C2", "U1", "26/03/2027", "X1")
                                EP("1", "26/03/2027", "P", "C2", "U2", "", "")},
     {0},
     "Header:0 Episodes:0"},
    /* ... began 24 March: within the last week, passes */
    {"210",
     0,
     {GIRL("UN4", "0", ""), EPI EP("1", "24/03/2027", "S", "C2", "U1", "26/03/2027", "X1")
                                EP("1", "26/03/2027", "P", "C2", "U2", "", "")},
     {0},
     ""},
    /* ... the period of care began after a gap: its start, not the first
     * episode's, is compared; only that episode is named */
    {"210",
     0,
     {GIRL("UN4", "0", ""), EPI EP("1", "01/05/2026", "S", "C2", "U1", "01/06/2026", "E4A")
                                EP("1", "01/03/2027", "S", "C2", "U2", "", "")},
     {0},
     "Header:0 Episodes:1"},

    /* --- Header dates against the collection year --- */
    /* 209: UN1 for a child 4 by 31 August 2025 (born 31/08/2021) */
    {"209", 0, {HDR HD("1", "F", "31/08/2021", "UN1", "", "")}, {0}, "Header:0"},
    {"209", 0, {HDR HD("1", "F", "01/09/2021", "UN1", "", "")}, {0}, ""},
    /* 301: born after 31 March 2027 */
    {"301", 0, {HDR HD("1", "F", "01/04/2027", "UN1", "", "")}, {0}, "Header:0"},
    {"301", 0, {HDR HD("1", "F", "31/03/2027", "UN1", "", "")}, {0}, ""},
    /* 351: over 25 on 1 April 2026 (25th birthday 31/03/2026); one whose 25th
     * birthday is 1 April is 25, not over */
    {"351", 0, {HDR HD("1", "F", "31/03/2001", "UN1", "", "")}, {0}, "Header:0"},
    {"351", 0, {HDR HD("1", "F", "01/04/2001", "UN1", "", "")}, {0}, ""},
    /* 620: a mother under 11 on 1 April 2026 (born 02/04/2015) */
    {"620", 0, {HDR HD("1", "F", "02/04/2015", "UN1", "1", "01/01/2027")}, {0}, "Header:0"},
    {"620", 0, {HDR HD("1", "F", "01/04/2015", "UN1", "1", "01/01/2027")}, {0}, ""},
    /* 621: the mother is younger than her child (her child born the day
     * before her); born the same day, she is not younger (the text; the
     * open-source validator flags the same day too) */
    {"621", 0, {HDR HD("1", "F", "01/06/2010", "UN1", "1", "31/05/2010")}, {0}, "Header:0"},
    {"621", 0, {HDR HD("1", "F", "01/06/2010", "UN1", "1", "01/06/2010")}, {0}, ""},
    /* 304: UASC ceased after the 18th birthday (01/06/2026) */
    {"304", 0, {UASC UA("1", "01/06/2008", "02/06/2026")}, {0}, "UASC:0"},
    {"304", 0, {UASC UA("1", "01/06/2008", "01/06/2026")}, {0}, ""},
    /* 168: a UPN is a letter other than I, O or S, then 12 digits, or 11
     * digits and a letter; or UN1-UN5 */
    {"168", 0, {HDR HD("1", "F", "01/06/2010", "I12345678901A", "", "")}, {0}, "Header:0"},
    {"168", 0, {HDR HD("1", "F", "01/06/2010", "A12345678901B", "", "")}, {0}, ""},
    {"168", 0, {HDR HD("1", "F", "01/06/2010", "A1234567890", "", "")}, {0}, "Header:0"},
    {"168", 0, {HDR HD("1", "F", "01/06/2010", "UN6", "", "")}, {0}, "Header:0"},
    {"168", 0, {HDR HD("1", "F", "01/06/2010", "UN5", "", "")}, {0}, ""},

    /* 231: a UASC child under 11 on 31 March 2027 (born 01/04/2016); one 11
     * that day (born 31/03/2016) passes */
    {"231",
     0,
     {HDR HD("1", "F", "01/04/2016", "UN1", "", ""), UASC UA("1", "01/04/2016", "")},
     {0},
     "Header:0"},
    {"231",
     0,
     {HDR HD("1", "F", "31/03/2016", "UN1", "", ""), UASC UA("1", "31/03/2016", "")},
     {0},
     ""},

    /* --- Episode dates against the collection year --- */
    /* 353: before 14 October 1991 */
    {"353", 0, {EPI EP("1", "13/10/1991", "S", "C2", "U1", "", "")}, {0}, "Episodes:0"},
    {"353", 0, {EPI EP("1", "14/10/1991", "S", "C2", "U1", "", "")}, {0}, ""},
    /* 354 (DECOM) and 385 (DEC) after 31 March 2027 */
    {"354", 0, {EPI EP("1", "01/04/2027", "S", "C2", "U1", "", "")}, {0}, "Episodes:0"},
    {"354", 0, {EPI EP("1", "31/03/2027", "S", "C2", "U1", "", "")}, {0}, ""},
    {"385",
     0,
     {EPI EP("1", "01/04/2026", "S", "C2", "U1", "01/04/2027", "E4A")},
     {0},
     "Episodes:0"},
    {"385", 0, {EPI EP("1", "01/04/2026", "S", "C2", "U1", "31/03/2027", "E4A")}, {0}, ""},
    /* 367: short breaks (V3) in the year, clipped to 1 April: 20 March to 15
     * June 2026 counts 75 days from 1 April and passes; to 16 June, 76 days,
     * fails */
    {"367",
     0,
     {EPI EP("1", "20/03/2026", "S", "V3", "U1", "16/06/2026", "E13")},
     {0},
     "Episodes:0"},
    {"367", 0, {EPI EP("1", "20/03/2026", "S", "V3", "U1", "15/06/2026", "E13")}, {0}, ""},
    /* ... two breaks add up: 40 + 36 days; both fail */
    {"367",
     0,
     {EPI EP("1", "01/05/2026", "S", "V3", "U1", "10/06/2026", "E13")
          EP("1", "01/09/2026", "S", "V3", "U1", "07/10/2026", "E13")},
     {0},
     "Episodes:0 Episodes:1"},

    /* --- Ages and lengths of episodes --- */
    /* 234: custody (CUSTOD) at a placement change under 10: born 01/06/2016,
     * the episode ending 31/05/2026 fails; on the 10th birthday passes */
    {"234",
     0,
     {HDR HD("1", "F", "01/06/2016", "UN1", "", ""),
      EPI EPR("1", "01/04/2026", "S", "C2", "U1", "31/05/2026", "X1", "CUSTOD")
          EP("1", "31/05/2026", "P", "C2", "R5", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"234",
     0,
     {HDR HD("1", "F", "01/06/2016", "UN1", "", ""),
      EPI EPR("1", "01/04/2026", "S", "C2", "U1", "01/06/2026", "X1", "CUSTOD")
          EP("1", "01/06/2026", "P", "C2", "R5", "", "")},
     {0},
     ""},
    /* 358: youth justice status under 10 on DECOM */
    {"358",
     0,
     {HDR HD("1", "F", "01/06/2016", "UN1", "", ""),
      EPI EP("1", "31/05/2026", "S", "J1", "R5", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"358",
     0,
     {HDR HD("1", "F", "01/06/2016", "UN1", "", ""),
      EPI EP("1", "01/06/2026", "S", "J1", "R5", "", "")},
     {0},
     ""},
    /* 371 (from 2025/26): supported accommodation (K3) under 16 on DECOM:
     * born 01/06/2010, a start on 31/05/2026 fails, on the 16th birthday
     * passes */
    {"371",
     0,
     {HDR HD("1", "F", "01/06/2010", "UN1", "", ""),
      EPI EP("1", "31/05/2026", "S", "V2", "K3", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"371",
     0,
     {HDR HD("1", "F", "01/06/2010", "UN1", "", ""),
      EPI EP("1", "01/06/2026", "S", "V2", "K3", "", "")},
     {0},
     ""},
    /* 375: hospital (T1) over six weeks: 43 days fails, 42 passes */
    {"375",
     0,
     {HDR HD("1", "F", "01/06/2010", "UN1", "", ""),
      EPI EP("1", "01/04/2026", "S", "C2", "T1", "14/05/2026", "E4A")},
     {0},
     "Header:0 Episodes:0"},
    {"375",
     0,
     {HDR HD("1", "F", "01/06/2010", "UN1", "", ""),
      EPI EP("1", "01/04/2026", "S", "C2", "T1", "13/05/2026", "E4A")},
     {0},
     ""},
    /* ... an open T1 runs to 31 March: from 17 February 2027 is 42 days */
    {"375",
     0,
     {HDR HD("1", "F", "01/06/2010", "UN1", "", ""),
      EPI EP("1", "16/02/2027", "S", "C2", "T1", "", "")},
     {0},
     "Header:0 Episodes:0"},
    {"375",
     0,
     {HDR HD("1", "F", "01/06/2010", "UN1", "", ""),
      EPI EP("1", "17/02/2027", "S", "C2", "T1", "", "")},
     {0},
     ""},
    /* 361: police protection (L1) over 72 hours across two episodes of one
     * spell: 1 to 5 June fails (both episodes), 1 to 4 June passes */
    {"361",
     0,
     {EPI EP("1", "01/06/2026", "S", "L1", "U1", "03/06/2026", "X1")
          EP("1", "03/06/2026", "P", "L1", "U2", "05/06/2026", "E4A")},
     {0},
     "Episodes:0 Episodes:1"},
    {"361",
     0,
     {EPI EP("1", "01/06/2026", "S", "L1", "U1", "03/06/2026", "X1")
          EP("1", "03/06/2026", "P", "L1", "U2", "04/06/2026", "E4A")},
     {0},
     ""},
    /* 362: EPO (L2) open from 10 March 2027 runs to 31 March: 21 days passes,
     * from 9 March 22 days fails */
    {"362", 0, {EPI EP("1", "09/03/2027", "S", "L2", "U1", "", "")}, {0}, "Episodes:0"},
    {"362", 0, {EPI EP("1", "10/03/2027", "S", "L2", "U1", "", "")}, {0}, ""},

    /* 501: an episode starting (31 May) before the previous one ended (1
     * June): the new episode; starting on the day it ended passes */
    {"501",
     0,
     {EPI EP("1", "01/04/2026", "S", "C2", "U1", "01/06/2026", "X1")
          EP("1", "31/05/2026", "P", "C2", "U2", "", "")},
     {0},
     "Episodes:1"},
    {"501",
     0,
     {EPI EP("1", "01/04/2026", "S", "C2", "U1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "P", "C2", "U2", "", "")},
     {0},
     ""},
    /* 142: a new episode has started but the previous one has no end: the
     * previous one */
    {"142",
     0,
     {EPI EP("1", "01/04/2026", "S", "C2", "U1", "", "")
          EP("1", "01/06/2026", "P", "C2", "U2", "", "")},
     {0},
     "Episodes:0"},
    {"142",
     0,
     {EPI EP("1", "01/04/2026", "S", "C2", "U1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "P", "C2", "U2", "", "")},
     {0},
     ""},

    /* --- Last year's return --- */
    /* 562: this year's first episode began before 1 April but last year's
     * latest episode began on another day: this year's row and last year's */
    {"562",
     0,
     {EPI EP("1", "01/03/2026", "S", "C2", "U1", "", "")},
     {EPI EP("1", "01/02/2026", "S", "C2", "U1", "", "")},
     "Episodes:0 Episodes_last:0"},
    {"562",
     0,
     {EPI EP("1", "01/03/2026", "S", "C2", "U1", "", "")},
     {EPI EP("1", "01/03/2026", "S", "C2", "U1", "", "")},
     ""},
    /* ... a first episode starting on 1 April is in the year: passes */
    {"562",
     0,
     {EPI EP("1", "01/04/2026", "S", "C2", "U1", "", "")},
     {EPI EP("1", "01/02/2026", "S", "C2", "U1", "01/03/2026", "E4A")},
     ""},
    /* NoE: started before 1 April, no episodes last year */
    {"NoE",
     0,
     {EPI EP("1", "31/03/2026", "S", "C2", "U1", "", "")},
     {EPI EP("2", "01/02/2026", "S", "C2", "U1", "", "")},
     "Episodes:0"},
    {"NoE",
     0,
     {EPI EP("1", "01/04/2026", "S", "C2", "U1", "", "")},
     {EPI EP("2", "01/02/2026", "S", "C2", "U1", "", "")},
     ""},
    /* 502: last year's open episode and this year's first start on different
     * days: both rows */
    {"502",
     0,
     {EPI EP("1", "02/03/2026", "S", "C2", "U1", "", "")},
     {EPI EP("1", "01/03/2026", "S", "C2", "U1", "", "")},
     "Episodes:0 Episodes_last:0"},
    /* ... last year's latest episode ended: passes */
    {"502",
     0,
     {EPI EP("1", "02/04/2026", "S", "C2", "U1", "", "")},
     {EPI EP("1", "01/03/2026", "S", "C2", "U1", "31/03/2026", "E4A")},
     ""},
};

/* With the stored history (validate --db): no rule drops a flag the two-year
 * view raises. */
static const VHistoryCase history_cases[] = {
    /* 199: last year's return shows child 1 adopted (E11) and this year has a
     * further episode; the stored history (loaded for the children of the
     * year's Header) holds only child 2. The two-year flag stands. */
    {{"199",
      0,
      {EPI EP("1", "01/05/2026", "S", "C2", "U1", "", "")},
      {EPI EP("1", "01/05/2025", "S", "E1", "A5", "01/03/2026", "E11")},
      "Episodes:0"},
     EPI EP("2", "01/05/2025", "S", "C2", "U1", "", ""),
     0},
    /* ... an adoption found only in the history still counts */
    {{"199", 0, {EPI EP("1", "01/05/2026", "S", "C2", "U1", "", "")}, {0}, "Episodes:0"},
     EPI EP("1", "01/05/2024", "S", "E1", "A5", "01/03/2025", "E12"),
     0},
    /* 361: a police protection spell running across 1 April counts from its
     * true start in the history: longer, never shorter, than the two-year
     * view's (31 March to 3 April: 3 days, passes; from 30 March: fails) */
    {{"361",
      0,
      {EPI EP("1", "01/04/2026", "P", "L1", "U2", "03/04/2026", "E4A")},
      {0},
      "Episodes:0"},
     EPI EP("1", "30/03/2026", "S", "L1", "U1", "01/04/2026", "X1")
         EP("1", "01/04/2026", "P", "L1", "U2", "03/04/2026", "E4A"),
     0},
    {{"361", 0, {EPI EP("1", "01/04/2026", "P", "L1", "U2", "03/04/2026", "E4A")}, {0}, ""},
     EPI EP("1", "31/03/2026", "S", "L1", "U1", "01/04/2026", "X1")
         EP("1", "01/04/2026", "P", "L1", "U2", "03/04/2026", "E4A"),
     0},
};

static void test_rule_text_cases(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    /* no family: each rule here has its failing and passing cases above */
    assert_int_equal(vharness_run(cases, n, NULL, 0), 0);
}

static void test_history_keeps_two_year_flags(void **state)
{
    (void)state;
    int n = (int)(sizeof history_cases / sizeof history_cases[0]);
    assert_int_equal(vharness_run_history(history_cases, n), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_rule_text_cases),
                                       cmocka_unit_test(test_history_keeps_two_year_flags)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
