/* Hand-worked boundary cases of the Episodes rules of rules_episodes.c not
 * re-read before, session 9 part C, read from the DfE's rule text
 * (shared/reference/903/rules-2026-27.csv). For each rule a case that must
 * fail and one just inside that must pass, naming exactly the rows that fail
 * (every rule here lists only Episodes, and names the episode whose cells
 * break it). Year 2027 = 2026/27: 1 April 2026 to 31 March 2027.
 * docs/validation.md, "Checked against the rule text (session 9, part C)",
 * lists what each case settles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"

/* An Episodes row in full: child, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER,
 * DEC, REC, REASON_PLACE_CHANGE, PL_POST, URN (HOME_POST blank). */
#define EF(child, decom, rne, ls, cin, place, prov, dec, rec, why, post, urn)                   \
    child "," decom "," rne "," ls "," cin "," place "," prov "," dec "," rec "," why ",," post \
          "," urn "\n"
/* An Episodes row with CIN N1 and no reason for placement change, postcode
 * or URN. */
#define EP(child, decom, rne, ls, place, prov, dec, rec) \
    EF(child, decom, rne, ls, "N1", place, prov, dec, rec, "", "", "")
/* ... with a reason for placement change. */
#define EW(child, decom, rne, ls, place, dec, rec, why) \
    EF(child, decom, rne, ls, "N1", place, "PR1", dec, rec, why, "", "")
/* One open episode starting 1 May 2026 with placement and provider. */
#define PP(place, prov) EPI EP("1", "01/05/2026", "S", "C2", place, prov, "", "")
/* One open episode starting 1 May 2026 with legal status and placement. */
#define LP(ls, place) EPI EP("1", "01/05/2026", "S", ls, place, "PR1", "", "")

static const VCase cases[] = {
    /* --- Code and date validity (141, 143-149, 1009): the year's code list
     * (data/903-codes.csv), codes without regard to case; a blank mandatory
     * item (DECOM, RNE, LS, CIN) is not a valid value, a blank optional one
     * (PLACE, DEC, REC, REASON_PLACE_CHANGE) passes. --- */
    {"141", 0, {EPI EP("1", "31/04/2026", "S", "C2", "U1", "PR1", "", "")}, {0}, "Episodes:0"},
    {"141", 0, {EPI EP("1", "", "S", "C2", "U1", "PR1", "", "")}, {0}, "Episodes:0"},
    {"141", 0, {EPI EP("1", "30/04/2026", "S", "C2", "U1", "PR1", "", "")}, {0}, ""},
    /* 147: 29 February 2027 is no date; 28 February is; blank passes */
    {"147",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "29/02/2027", "E13")},
     {0},
     "Episodes:0"},
    {"147",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "28/02/2027", "E13")
          EP("2", "01/05/2026", "S", "C2", "U1", "PR1", "", "")},
     {0},
     ""},
    {"143", 0, {EPI EP("1", "01/05/2026", "X", "C2", "U1", "PR1", "", "")}, {0}, "Episodes:0"},
    {"143", 0, {EPI EP("1", "01/05/2026", "", "C2", "U1", "PR1", "", "")}, {0}, "Episodes:0"},
    {"143", 0, {EPI EP("1", "01/05/2026", "s", "C2", "U1", "PR1", "", "")}, {0}, ""},
    /* 144: V1 left the list after 2021/22; blank fails */
    {"144", 0, {LP("V1", "U1")}, {0}, "Episodes:0"},
    {"144", 0, {LP("", "U1")}, {0}, "Episodes:0"},
    {"144", 0, {LP("J3", "U1")}, {0}, ""},
    {"145",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N9", "U1", "PR1", "", "", "", "", "")
          EF("2", "01/05/2026", "S", "C2", "", "U1", "PR1", "", "", "", "", "")},
     {0},
     "Episodes:0 Episodes:1"},
    {"145",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N8", "U1", "PR1", "", "", "", "", "")},
     {0},
     ""},
    /* 146: from 2025/26 Z1 and H5 are gone, Z11-Z14 and K3 came in; to
     * 2024/25 the other way round */
    {"146",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "Z1", "PR1", "", "")
          EP("2", "01/05/2026", "S", "C2", "H5", "PR1", "", "")
              EP("3", "01/05/2026", "S", "C2", "Z11", "", "", "")
                  EP("4", "01/05/2026", "S", "C2", "K3", "PR4", "", "")
                      EP("5", "01/05/2026", "S", "C2", "", "PR4", "", "")},
     {0},
     "Episodes:0 Episodes:1"},
    {"146",
     2025,
     {EPI EP("1", "01/05/2024", "S", "C2", "Z11", "", "", "")
          EP("2", "01/05/2024", "S", "C2", "Z1", "", "", "")},
     {0},
     "Episodes:0"},
    {"146", 2025, {EPI EP("1", "01/05/2024", "S", "C2", "H5", "PR4", "", "")}, {0}, ""},
    /* 149: E4 left the list in 2015; blank passes */
    {"149",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E4")},
     {0},
     "Episodes:0"},
    {"149",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E4A")
          EP("2", "01/05/2026", "S", "C2", "U1", "PR1", "", "")},
     {0},
     ""},
    {"1009",
     0,
     {EPI EW("1", "01/05/2026", "S", "C2", "U1", "01/06/2026", "X1", "MOVED")
          EW("1", "01/06/2026", "P", "C2", "U2", "", "", "")},
     {0},
     "Episodes:0"},
    {"1009",
     0,
     {EPI EW("1", "01/05/2026", "S", "C2", "U1", "01/06/2026", "X1", "custod")
          EW("1", "01/06/2026", "P", "C2", "U2", "", "", "")},
     {0},
     ""},
    /* 148: DEC and REC both or neither */
    {"148",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "")
          EP("2", "01/05/2026", "S", "C2", "U1", "PR1", "", "E13")},
     {0},
     "Episodes:0 Episodes:1"},
    {"148",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E13")
          EP("2", "01/05/2026", "S", "C2", "U1", "PR1", "", "")},
     {0},
     ""},

    /* --- Placement providers (178, 213, 526-531, 550) --- */
    /* 178 from 2025/26: PR0-PR5, not for T0-T3 or Z11-Z14; T4 may have one */
    {"178", 0, {PP("U1", "PR6")}, {0}, "Episodes:0"},
    {"178", 0, {PP("T3", "PR1")}, {0}, "Episodes:0"},
    {"178", 0, {PP("Z12", "PR4")}, {0}, "Episodes:0"},
    {"178", 0, {PP("T4", "PR1")}, {0}, ""},
    {"178", 0, {PP("T1", "")}, {0}, ""},
    /* ... to 2024/25: not for T0-T4 or Z1 */
    {"178", 2025, {EPI EP("1", "01/05/2024", "S", "C2", "T4", "PR1", "", "")}, {0}, "Episodes:0"},
    {"178", 2025, {EPI EP("1", "01/05/2024", "S", "C2", "H5", "PR4", "", "")}, {0}, ""},
    /* 213 from 2025/26: T0-T4 and Z11-Z14 need no provider */
    {"213", 0, {PP("T4", "PR4")}, {0}, "Episodes:0"},
    {"213", 0, {PP("Z13", "PR1")}, {0}, "Episodes:0"},
    {"213", 0, {PP("U1", "PR1")}, {0}, ""},
    {"213", 0, {PP("T1", "")}, {0}, ""},
    {"213", 2025, {EPI EP("1", "01/05/2024", "S", "C2", "Z1", "PR1", "", "")}, {0}, "Episodes:0"},
    {"213", 2025, {EPI EP("1", "01/05/2024", "S", "C2", "Z1", "", "", "")}, {0}, ""},
    /* 526: every placement but T0-T4 and Z11-Z14 has a provider; a blank
     * PLACE is none of those */
    {"526", 0, {PP("U1", "")}, {0}, "Episodes:0"},
    {"526", 0, {PP("", "")}, {0}, "Episodes:0"},
    {"526", 0, {PP("T4", "")}, {0}, ""},
    {"526", 0, {PP("Z14", "")}, {0}, ""},
    {"526", 2025, {EPI EP("1", "01/05/2024", "S", "C2", "Z11", "", "", "")}, {0}, "Episodes:0"},
    {"526", 2025, {EPI EP("1", "01/05/2024", "S", "C2", "Z1", "", "", "")}, {0}, ""},
    {"527", 0, {PP("R2", "PR1")}, {0}, "Episodes:0"},
    {"527", 0, {PP("U1", "PR1")}, {0}, ""},
    {"528", 0, {PP("R5", "PR2")}, {0}, "Episodes:0"},
    {"528", 0, {PP("R1", "PR2")}, {0}, ""},
    {"529", 0, {PP("K2", "PR3")}, {0}, "Episodes:0"},
    {"529", 0, {PP("a4", "pr3")}, {0}, "Episodes:0"},
    {"529", 0, {PP("R2", "PR3")}, {0}, ""},
    {"530", 0, {PP("P1", "PR4")}, {0}, "Episodes:0"},
    {"530", 0, {PP("K2", "PR4")}, {0}, ""},
    {"531", 0, {PP("P1", "PR5")}, {0}, "Episodes:0"},
    {"531", 0, {PP("U4", "PR5")}, {0}, ""},
    /* 550: PR0 only with P1; a blank PLACE is not P1 */
    {"550", 0, {PP("U1", "PR0")}, {0}, "Episodes:0"},
    {"550", 0, {PP("", "PR0")}, {0}, "Episodes:0"},
    {"550", 0, {PP("P1", "PR0")}, {0}, ""},

    /* --- Placement details that go with a placement or legal status --- */
    /* 214: no placement postcode or URN for short breaks (V3, V4) */
    {"214",
     0,
     {EPI EF("1", "01/05/2026", "S", "V3", "N2", "U6", "PR1", "", "", "", "ZZ1 1AB", "")
          EF("2", "01/05/2026", "S", "V4", "N2", "K2", "PR1", "", "", "", "", "SC000001")},
     {0},
     "Episodes:0 Episodes:1"},
    {"214",
     0,
     {EPI EF("1", "01/05/2026", "S", "V3", "N2", "U6", "PR1", "", "", "", "", "")
          EF("2", "01/05/2026", "S", "C2", "N2", "U6", "PR1", "", "", "", "ZZ1 1AB", "")},
     {0},
     ""},
    /* 222: no URN other than XXXXXXX for placements Ofsted does not register */
    {"222",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "R1", "PR1", "", "", "", "", "SC000001")
          EF("2", "01/05/2026", "S", "C2", "N1", "Z11", "", "", "", "", "", "SC000001")},
     {0},
     "Episodes:0 Episodes:1"},
    {"222",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "R1", "PR1", "", "", "", "", "XXXXXXX")
          EF("2", "01/05/2026", "S", "C2", "N1", "K2", "PR4", "", "", "", "", "SC000001")},
     {0},
     ""},
    /* 217: A3/A5 episodes starting on or after 1 April 2015 start with S, T
     * or U */
    {"217", 0, {EPI EP("1", "01/04/2015", "P", "E1", "A5", "PR1", "", "")}, {0}, "Episodes:0"},
    {"217", 0, {EPI EP("1", "31/03/2015", "P", "E1", "A5", "PR1", "", "")}, {0}, ""},
    {"217", 0, {EPI EP("1", "01/05/2026", "T", "E1", "A3", "PR1", "", "")}, {0}, ""},
    /* 378: placed with parents (P1) under V2 */
    {"378", 0, {LP("V2", "P1")}, {0}, "Episodes:0"},
    {"378", 0, {LP("C2", "P1")}, {0}, ""},
    /* 382: short breaks in a temporary placement; 384: in long-term
     * fostering (U1, U4) */
    {"382", 0, {LP("V4", "T0")}, {0}, "Episodes:0"},
    {"382", 0, {LP("V4", "U6")}, {0}, ""},
    {"384", 0, {LP("V3", "U4")}, {0}, "Episodes:0"},
    {"384", 0, {LP("V3", "U5")}, {0}, ""},
    /* 390: adopted (E11, E12) from a placement other than A3-A6 */
    {"390",
     0,
     {EPI EP("1", "01/05/2026", "S", "E1", "U1", "PR1", "01/06/2026", "E12")},
     {0},
     "Episodes:0"},
    {"390", 0, {EPI EP("1", "01/05/2026", "S", "E1", "A4", "PR1", "01/06/2026", "E12")}, {0}, ""},
    /* 408: A5/A6 need the placement order (E1), or the freeing order (D1)
     * the codes name ("or with a freeing order where consent was dispensed
     * with") */
    {"408", 0, {LP("C2", "A6")}, {0}, "Episodes:0"},
    {"408", 0, {LP("E1", "A6")}, {0}, ""},
    {"408", 0, {LP("D1", "A5")}, {0}, ""},
    /* 516: E45/E46 end a foster placement (U1-U6); a blank PLACE is none */
    {"516",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "R1", "PR1", "01/06/2026", "E46")
          EP("2", "01/05/2026", "S", "C2", "", "PR1", "01/06/2026", "E45")},
     {0},
     "Episodes:0 Episodes:1"},
    {"516", 0, {EPI EP("1", "01/05/2026", "S", "C2", "U3", "PR1", "01/06/2026", "E45")}, {0}, ""},

    /* --- Reasons for placement change (225, 226, 233) --- */
    /* 225: ended X1 into a new placement (P), neither temporary: the ending
     * episode records the reason */
    {"225",
     0,
     {EPI EW("1", "01/05/2026", "S", "C2", "U1", "01/06/2026", "X1", "")
          EW("1", "01/06/2026", "P", "C2", "U2", "", "", "")},
     {0},
     "Episodes:0"},
    {"225",
     0,
     {EPI EW("1", "01/05/2026", "S", "C2", "U1", "01/06/2026", "X1", "CARPL")
          EW("1", "01/06/2026", "P", "C2", "U2", "", "", "")},
     {0},
     ""},
    /* ... a move into a temporary placement, or a change of legal status
     * only (L), needs none */
    {"225",
     0,
     {EPI EW("1", "01/05/2026", "S", "C2", "U1", "01/06/2026", "X1", "")
          EW("1", "01/06/2026", "P", "C2", "T1", "03/06/2026", "X1", "")
              EW("1", "03/06/2026", "P", "C2", "U1", "", "", "")},
     {0},
     ""},
    /* 226: a temporary placement records no reason, nor does the episode
     * before it (the move into it); the episode whose cell is given */
    {"226",
     0,
     {EPI EW("1", "01/05/2026", "S", "C2", "U1", "01/06/2026", "X1", "")
          EW("1", "01/06/2026", "P", "C2", "T2", "03/06/2026", "X1", "CARPL")
              EW("1", "03/06/2026", "P", "C2", "U1", "", "", "")},
     {0},
     "Episodes:1"},
    {"226",
     0,
     {EPI EW("1", "01/05/2026", "S", "C2", "U1", "01/06/2026", "X1", "OTHER")
          EW("1", "01/06/2026", "P", "C2", "T2", "03/06/2026", "X1", "")
              EW("1", "03/06/2026", "P", "C2", "U1", "", "", "")},
     {0},
     "Episodes:0"},
    {"226",
     0,
     {EPI EW("1", "01/05/2026", "S", "C2", "U1", "01/06/2026", "X1", "")
          EW("1", "01/06/2026", "P", "C2", "T2", "03/06/2026", "X1", "")
              EW("1", "03/06/2026", "P", "C2", "U1", "", "", "")},
     {0},
     ""},
    /* 233: no reason while the episode has not ceased */
    {"233", 0, {EPI EW("1", "01/05/2026", "S", "C2", "U1", "", "", "CARPL")}, {0}, "Episodes:0"},
    {"233",
     0,
     {EPI EW("1", "01/05/2026", "S", "C2", "U1", "01/06/2026", "X1", "CARPL")
          EW("1", "01/06/2026", "P", "C2", "U2", "", "", "")},
     {0},
     ""},

    /* --- Dates and lengths of one episode (355, 356, 365, 446) --- */
    /* 355: ending the day it began */
    {"355",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/05/2026", "E13")},
     {0},
     "Episodes:0"},
    {"355", 0, {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "02/05/2026", "E13")}, {0}, ""},
    /* 356: ending the day before it began; the same day is 355's */
    {"356",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "30/04/2026", "E13")},
     {0},
     "Episodes:0"},
    {"356", 0, {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/05/2026", "E13")}, {0}, ""},
    /* 365: one short break (V3) over 17 days: 1 to 19 May (18 days) fails, 1
     * to 18 May passes */
    {"365",
     0,
     {EPI EP("1", "01/05/2026", "S", "V3", "U6", "PR1", "19/05/2026", "E13")},
     {0},
     "Episodes:0"},
    {"365", 0, {EPI EP("1", "01/05/2026", "S", "V3", "U6", "PR1", "18/05/2026", "E13")}, {0}, ""},
    /* ... an open one runs to 31 March: from 13 March 18 days, 14 March 17 */
    {"365", 0, {EPI EP("1", "13/03/2027", "S", "V3", "U6", "PR1", "", "")}, {0}, "Episodes:0"},
    {"365", 0, {EPI EP("1", "14/03/2027", "S", "V3", "U6", "PR1", "", "")}, {0}, ""},
    /* 446: E1 on an episode starting before 1 December 2005 */
    {"446", 0, {EPI EP("1", "30/11/2005", "S", "E1", "U1", "PR1", "", "")}, {0}, "Episodes:0"},
    {"446", 0, {EPI EP("1", "01/12/2005", "S", "E1", "U1", "PR1", "", "")}, {0}, ""},

    /* --- Short breaks (366, 377, 426) --- */
    /* 366: a V3 episode is its own period of care (RNE S); blank is not S */
    {"366",
     0,
     {EPI EP("1", "01/05/2026", "P", "V3", "U6", "PR1", "03/05/2026", "E13")
          EP("2", "01/05/2026", "", "V3", "U6", "PR1", "03/05/2026", "E13")},
     {0},
     "Episodes:0 Episodes:1"},
    {"366", 0, {EPI EP("1", "01/05/2026", "S", "V3", "U6", "PR1", "03/05/2026", "E13")}, {0}, ""},
    /* 377: three T3 episodes in the return, one begun before 1 April: all
     * three; two pass */
    {"377",
     0,
     {EPI EP("1", "01/01/2026", "S", "C2", "U4", "PR1", "20/03/2026", "X1")
          EP("1", "20/03/2026", "P", "C2", "T3", "", "03/04/2026", "X1")
              EP("1", "03/04/2026", "P", "C2", "U4", "PR1", "01/08/2026", "X1")
                  EP("1", "01/08/2026", "P", "C2", "T3", "", "10/08/2026", "X1")
                      EP("1", "10/08/2026", "P", "C2", "U4", "PR1", "20/12/2026", "X1")
                          EP("1", "20/12/2026", "P", "C2", "T3", "", "27/12/2026", "X1")
                              EP("1", "27/12/2026", "P", "C2", "U4", "PR1", "", "")},
     {0},
     "Episodes:1 Episodes:3 Episodes:5"},
    {"377",
     0,
     {EPI EP("1", "03/04/2026", "S", "C2", "U4", "PR1", "01/08/2026", "X1")
          EP("1", "01/08/2026", "P", "C2", "T3", "", "10/08/2026", "X1")
              EP("1", "10/08/2026", "P", "C2", "U4", "PR1", "20/12/2026", "X1")
                  EP("1", "20/12/2026", "P", "C2", "T3", "", "27/12/2026", "X1")
                      EP("1", "27/12/2026", "P", "C2", "U4", "PR1", "", "")},
     {0},
     ""},
    /* 426: V3 and V4 in the year: every V3 and V4 episode */
    {"426",
     0,
     {EPI EP("1", "01/05/2026", "S", "V3", "U6", "PR1", "03/05/2026", "E13")
          EP("1", "01/06/2026", "S", "V4", "U6", "PR1", "", "")},
     {0},
     "Episodes:0 Episodes:1"},
    {"426",
     0,
     {EPI EP("1", "01/05/2026", "S", "V3", "U6", "PR1", "03/05/2026", "E13")
          EP("1", "01/06/2026", "S", "V3", "U6", "PR1", "03/06/2026", "E13")},
     {0},
     ""},

    /* --- Temporary placements (380, 381, 383) --- */
    /* 380: a period of care starting (RNE S) in a temporary placement */
    {"380", 0, {EPI EP("1", "01/05/2026", "S", "C2", "T4", "", "", "")}, {0}, "Episodes:0"},
    {"380",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "P", "C2", "T4", "", "", "")},
     {0},
     ""},
    /* 381: a period of care ending (REC other than X1) in one */
    {"381",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "P", "C2", "T1", "", "05/06/2026", "E4A")},
     {0},
     "Episodes:1"},
    {"381",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "P", "C2", "T1", "", "05/06/2026", "X1")
              EP("1", "05/06/2026", "P", "C2", "U1", "PR1", "", "")},
     {0},
     ""},
    /* 383 from 2025/26: the episode after a temporary placement returns (P) to
     * the placement type and postcode before it; that episode */
    {"383",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "U4", "PR1", "01/06/2026", "X1", "", "ZZ1 1AA", "")
          EF("1", "01/06/2026", "P", "C2", "N1", "T3", "", "08/06/2026", "X1", "", "", "")
              EF("1", "08/06/2026", "P", "C2", "N1", "U4", "PR1", "", "", "", "ZZ1 1AB", "")},
     {0},
     "Episodes:2"},
    {"383",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "U4", "PR1", "01/06/2026", "X1", "", "ZZ1 1AA", "")
          EF("1", "01/06/2026", "P", "C2", "N1", "T3", "", "08/06/2026", "X1", "", "", "")
              EF("1", "08/06/2026", "B", "C2", "N1", "U4", "PR1", "", "", "", "ZZ1 1AA", "")},
     {0},
     "Episodes:2"},
    {"383",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "U4", "PR1", "01/06/2026", "X1", "", "zz1 1aa", "")
          EF("1", "01/06/2026", "P", "C2", "N1", "T3", "", "08/06/2026", "X1", "", "", "")
              EF("1", "08/06/2026", "P", "C2", "N1", "U4", "PR1", "", "", "", "ZZ1 1AA", "")},
     {0},
     ""},
    /* ... to 2024/25: the temporary episode itself, when the next is not a
     * return (P) to the placement type before it */
    {"383",
     2025,
     {EPI EP("1", "01/05/2024", "S", "C2", "U4", "PR1", "01/06/2024", "X1")
          EP("1", "01/06/2024", "P", "C2", "T3", "", "08/06/2024", "X1")
              EP("1", "08/06/2024", "P", "C2", "U6", "PR1", "", "")},
     {0},
     "Episodes:1"},
    {"383",
     2025,
     {EPI EP("1", "01/05/2024", "S", "C2", "U4", "PR1", "01/06/2024", "X1")
          EP("1", "01/06/2024", "P", "C2", "T3", "", "08/06/2024", "X1")
              EP("1", "08/06/2024", "P", "C2", "U4", "PR1", "", "")},
     {0},
     ""},

    /* --- The sequence of a child's episodes (357, 388, 431-437, 504) --- */
    /* 357: the first episode, in the year with no episode last year, starts
     * with S: 1 April 2026 with P fails, 31 March 2026 is before the year */
    {"357", 0, {EPI EP("1", "01/04/2026", "P", "C2", "U1", "PR1", "", "")}, {0}, "Episodes:0"},
    {"357", 0, {EPI EP("1", "31/03/2026", "P", "C2", "U1", "PR1", "", "")}, {0}, ""},
    {"357",
     0,
     {EPI EP("1", "01/04/2026", "P", "C2", "U1", "PR1", "", "")},
     {EPI EP("1", "01/01/2026", "S", "C2", "U2", "PR1", "01/04/2026", "X1")},
     ""},
    /* ... only the first: a later episode with P is no first episode */
    {"357",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "P", "C2", "U2", "PR1", "", "")},
     {0},
     ""},
    /* 388: X1 with no episode starting that day */
    {"388",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1")
          EP("1", "02/06/2026", "P", "C2", "U2", "PR1", "", "")},
     {0},
     "Episodes:0"},
    {"388",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1")},
     {0},
     "Episodes:0"},
    {"388",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "P", "C2", "U2", "PR1", "", "")},
     {0},
     ""},
    /* ... and the DfE's other half: a coded reason other than X1 while an
     * episode starts that day; a blank REC is not coded (148 reports it) */
    {"388",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E13")
          EP("1", "01/06/2026", "P", "C2", "U2", "PR1", "", "")},
     {0},
     "Episodes:0"},
    {"388",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "")
          EP("1", "01/06/2026", "P", "C2", "U2", "PR1", "", "")},
     {0},
     ""},
    /* 431: RNE S starting the day the previous episode ended (or before);
     * the day after passes */
    {"431",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E13")
          EP("1", "01/06/2026", "S", "C2", "U2", "PR1", "", "")},
     {0},
     "Episodes:1"},
    {"431",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E13")
          EP("1", "31/05/2026", "S", "C2", "U2", "PR1", "", "")},
     {0},
     "Episodes:1"},
    {"431",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E13")
          EP("1", "02/06/2026", "S", "C2", "U2", "PR1", "", "")},
     {0},
     ""},
    /* 432: care ended (REC other than X1), the next episode's RNE not S; a
     * blank RNE is not S */
    {"432",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E13")
          EP("1", "01/08/2026", "B", "C2", "U2", "PR1", "", "")},
     {0},
     "Episodes:1"},
    {"432",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E4A")
          EP("1", "01/08/2026", "", "C2", "U2", "PR1", "", "")},
     {0},
     "Episodes:1"},
    {"432",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E13")
          EP("1", "01/08/2026", "S", "C2", "U2", "PR1", "", "")},
     {0},
     ""},
    /* 433: a continuation (P, L, T, U, B) not starting the day the previous
     * episode ended: a day later, or after an open one */
    {"433",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1")
          EP("1", "02/06/2026", "L", "C1", "U1", "PR1", "", "")},
     {0},
     "Episodes:1"},
    {"433",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "", "")
          EP("1", "01/06/2026", "T", "C2", "U2", "PR1", "", "")},
     {0},
     "Episodes:1"},
    {"433",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "L", "C1", "U1", "PR1", "", "")},
     {0},
     ""},
    /* 434: L: the legal status changed and none of PLACE, PL_POST, URN,
     * PLACE_PROVIDER */
    {"434",
     0,
     {EPI EF("1", "01/05/2026", "S", "C1", "N1", "U1", "PR1", "01/06/2026", "X1", "", "ZZ1 1AA", "")
          EF("1", "01/06/2026", "L", "C1", "N1", "U1", "PR1", "", "", "", "ZZ1 1AA", "")},
     {0},
     "Episodes:1"},
    {"434",
     0,
     {EPI EF("1", "01/05/2026", "S", "C1", "N1", "U1", "PR1", "01/06/2026", "X1", "", "ZZ1 1AA", "")
          EF("1", "01/06/2026", "L", "C2", "N1", "U1", "PR1", "", "", "", "ZZ1 1AB", "")},
     {0},
     "Episodes:1"},
    {"434",
     0,
     {EPI EF("1", "01/05/2026", "S", "C1", "N1", "U1", "PR1", "01/06/2026", "X1", "", "ZZ1 1AA", "")
          EF("1", "01/06/2026", "L", "C2", "N1", "U1", "PR1", "", "", "", "zz1 1aa", "")},
     {0},
     ""},
    /* 435: P or T: the placement changed (here only the URN) and the legal
     * status did not */
    {"435",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "K2", "PR4", "01/06/2026", "X1", "", "ZZ1 1AA",
             "SC000001")
          EF("1", "01/06/2026", "P", "C1", "N1", "K2", "PR4", "", "", "", "ZZ1 1AA", "SC000002")},
     {0},
     "Episodes:1"},
    {"435",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "K2", "PR4", "01/06/2026", "X1", "", "ZZ1 1AA",
             "SC000001")
          EF("1", "01/06/2026", "T", "C2", "N1", "K2", "PR4", "", "", "", "ZZ1 1AA", "SC000001")},
     {0},
     "Episodes:1"},
    {"435",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "K2", "PR4", "01/06/2026", "X1", "", "ZZ1 1AA",
             "SC000001")
          EF("1", "01/06/2026", "P", "C2", "N1", "K2", "PR4", "", "", "", "ZZ1 1AA", "SC000002")},
     {0},
     ""},
    /* 436: U or B: both changed */
    {"436",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "B", "C2", "U2", "PR1", "", "")},
     {0},
     "Episodes:1"},
    {"436",
     0,
     {EPI EP("1", "01/05/2026", "S", "C1", "U1", "PR1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "U", "C2", "U1", "PR1", "", "")},
     {0},
     "Episodes:1"},
    {"436",
     0,
     {EPI EP("1", "01/05/2026", "S", "C1", "U1", "PR1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "U", "C2", "U1", "PR2", "", "")},
     {0},
     ""},
    /* 437: a death (E2) or an age assessment of 18 or over (E15) followed by a
     * further episode: the episode so ended; one starting before it ended is
     * a further episode too */
    {"437",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E15")
          EP("1", "01/09/2026", "S", "C2", "U2", "PR1", "", "")},
     {0},
     "Episodes:0"},
    {"437",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "E2")
          EP("1", "20/05/2026", "S", "C2", "U2", "PR1", "", "")},
     {0},
     "Episodes:0"},
    {"437",
     0,
     {EPI EP("1", "01/05/2026", "S", "C2", "U1", "PR1", "01/06/2026", "X1")
          EP("1", "01/06/2026", "P", "C2", "U2", "PR1", "01/09/2026", "E2")},
     {0},
     ""},
    /* 504: a continuation (previous ended X1 that day) with another CIN; a new
     * period of care may have another */
    {"504",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "U1", "PR1", "01/06/2026", "X1", "", "", "")
          EF("1", "01/06/2026", "P", "C2", "N4", "U2", "PR1", "", "", "", "", "")},
     {0},
     "Episodes:1"},
    /* ... compared with the start of the period (the text), not with the
     * previous episode: N1, N2, N2 fails both later episodes; N1, N2, N1 only
     * the second */
    {"504",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "U1", "PR1", "01/06/2026", "X1", "", "", "")
          EF("1", "01/06/2026", "P", "C2", "N2", "U2", "PR1", "01/07/2026", "X1", "", "", "")
              EF("1", "01/07/2026", "P", "C2", "N2", "U3", "PR1", "", "", "", "", "")},
     {0},
     "Episodes:1 Episodes:2"},
    {"504",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "U1", "PR1", "01/06/2026", "X1", "", "", "")
          EF("1", "01/06/2026", "P", "C2", "N2", "U2", "PR1", "01/07/2026", "X1", "", "", "")
              EF("1", "01/07/2026", "P", "C2", "N1", "U3", "PR1", "", "", "", "", "")},
     {0},
     "Episodes:1"},
    /* ... a period begun before this year's episodes, from its first here */
    {"504",
     0,
     {EPI EF("1", "01/05/2025", "P", "C2", "N3", "U1", "PR1", "01/06/2026", "X1", "", "", "")
          EF("1", "01/06/2026", "P", "C2", "N3", "U2", "PR1", "", "", "", "", "")},
     {0},
     ""},
    {"504",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "U1", "PR1", "01/06/2026", "E13", "", "", "")
          EF("1", "01/08/2026", "S", "C2", "N4", "U2", "PR1", "", "", "", "", "")},
     {0},
     ""},
    {"504",
     0,
     {EPI EF("1", "01/05/2026", "S", "C2", "N1", "U1", "PR1", "01/06/2026", "X1", "", "", "")
          EF("1", "01/06/2026", "P", "C2", "n1", "U2", "PR1", "", "", "", "", "")},
     {0},
     ""},
};

/* 357 with the stored history (validate --db): the DfE's check sees only the
 * two returns, so the first episode this year still fails; an earlier stored
 * episode gives the advisory, never a pass. */
static const VHistoryCase history_cases[] = {
    {{"357",
      0,
      {EPI EP("1", "01/04/2026", "P", "C2", "U1", "PR1", "", "")},
      {0},
      "Episodes:0(advised)"},
     EPI EP("1", "01/01/2024", "S", "C2", "U1", "PR1", "01/03/2024", "E13")
         EP("1", "01/04/2026", "P", "C2", "U1", "PR1", "", ""),
     0},
    {{"357", 0, {EPI EP("1", "01/04/2026", "P", "C2", "U1", "PR1", "", "")}, {0}, "Episodes:0"},
     EPI EP("1", "01/04/2026", "P", "C2", "U1", "PR1", "", ""),
     0},
};

/* The rules this file covers: each needs a failing and a passing case. */
static const char *const covered[] = {
    "1009", "141", "143", "144", "145", "146", "147", "148", "149", "178", "213", "214", "217",
    "222",  "225", "226", "233", "355", "356", "357", "365", "366", "377", "378", "380", "381",
    "382",  "383", "384", "388", "390", "408", "426", "431", "432", "433", "434", "435", "436",
    "437",  "446", "504", "516", "526", "527", "528", "529", "530", "531", "550"};

static void test_rule_text_cases(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    assert_int_equal(vharness_run(cases, n, NULL, 0), 0);
}

static void test_history_keeps_two_year_flags(void **state)
{
    (void)state;
    int n = (int)(sizeof history_cases / sizeof history_cases[0]);
    assert_int_equal(vharness_run_history(history_cases, n), 0);
}

static void test_every_rule_fails_and_passes(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]), missing = 0;
    for (size_t r = 0; r < sizeof covered / sizeof covered[0]; r++) {
        bool fails = false, passes = false;
        for (int i = 0; i < n; i++) {
            if (strcmp(cases[i].rule, covered[r]) != 0) continue;
            if (cases[i].expect[0])
                fails = true;
            else
                passes = true;
        }
        if (!fails || !passes) {
            fprintf(stderr, "rule %s needs a %s case\n", covered[r], fails ? "passing" : "failing");
            missing++;
        }
    }
    assert_int_equal(missing, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_rule_text_cases),
                                       cmocka_unit_test(test_history_keeps_two_year_flags),
                                       cmocka_unit_test(test_every_rule_fails_and_passes)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
