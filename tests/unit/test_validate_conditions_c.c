/* The comparison harness, part C (issue 13): for each rule of the families
 * rules_lastyear.c, rules_adoption.c, rules_adopted.c, rules_cla12.c,
 * rules_sw.c, rules_integrity.c, rules_postcodes.c and rules_providers.c (the
 * rules already in test_validate_conditions.c aside), the DfE's text (the
 * rule's description), Carepledge's condition in words, and a case for each
 * branch of that condition, each saying which rows fail. Run with --list to
 * print the side-by-side table (Markdown); as a test, every case must behave
 * as stated and every rule must have a failing and a passing branch.
 * Year 0 = 2026/27: 1 April 2026 to 31 March 2027. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"

/* Episodes: child, start, RNE, LS, placement, provider, end, REC, reason for change. */
#define E(child, decom, rne, ls, place, prov, dec, rec, rpc) \
    child "," decom "," rne "," ls ",N1," place "," prov "," dec "," rec "," rpc ",,,\n"
/* Episodes with CIN and URN. */
#define EL(child, decom, rne, ls, cin, place, prov, dec, rec, urn) \
    child "," decom "," rne "," ls "," cin "," place "," prov "," dec "," rec ",,,," urn "\n"
/* Episodes with home and placement postcodes (see VHARNESS_ONSPD). */
#define EP(child, decom, rne, home, pl) \
    child "," decom "," rne ",C2,N1,U1,PR1,,,," home "," pl ",\n"
#define H(child, dob) child ",F," dob ",WBRI,A123456789012,,\n"
#define A(child, dint, dmatch, fc, nb, sex, ls) \
    child ",01/01/2015," dint "," dmatch "," fc "," nb "," sex "," ls "\n"
#define OKA                               A("1", "01/05/2026", "01/06/2026", "1", "2", "MF", "L11")
#define PA(child, placed, ceased, reason) child ",01/01/2015," placed "," ceased "," reason "\n"
#define PP(child, perm, la, date)         child ",01/01/2015," perm "," la "," date "\n"

/* Last year: child 1's episode open at 31 March 2026 (from 1 January 2026). */
#define LAST EPI EL("1", "01/01/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC123456")
/* Last year: child 1 open from 1 January 2026, placed 6.2 miles from home in
 * another authority (X10000001). */
#define LASTP EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ2 2BB")

/* A synthetic Ofsted social care providers list (made-up URNs; the postcodes
 * of VHARNESS_ONSPD): SC100001 is a children's home and school (K2, S1; PR4)
 * in ZZ1 1AB, SC100002 a fostering agency (U4-U6; PR4) in ZZ2 2BB, SC100003 a
 * home (K2; PR1) in ZZ2 2BB that closed on 31 May 2026. */
#define PROVIDERS                                                                             \
    "URN,Local authority,Placement code,Placement provider code,Deregistration date,Setting " \
    "postcode\r\n"                                                                            \
    "SC100001,Dorset,K2/S1,PR4,,ZZ1 1AB\r\n"                                                  \
    "SC100002,Dorset,\"U4,U5,U6\",PR4,,ZZ2 2BB\r\n"                                           \
    "SC100003,Dorset,K2,PR1,31/05/2026,ZZ2 2BB\r\n"

typedef struct VBranch {
    const char *what; /* the branch of the condition, in words */
    VCase c;          /* expect "" when the rows pass */
} VBranch;

typedef struct VCondition {
    const char *code;
    int year; /* the form compared (0 = 2026/27) */
    const char *condition;
    VBranch branches[6];
} VCondition;

static const VCondition conditions[] = {
    /* ---- rules_lastyear.c: this year's first episode against last year's ---- */
    {"502",
     0,
     "last year's latest episode open and this year's first episode (by start) starting on "
     "another day",
     {{"starts a day later",
       {"502",
        0,
        {EPI EL("1", "02/01/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC123456")},
        {LAST},
        "Episodes:0"}},
      {"same start",
       {"502",
        0,
        {EPI EL("1", "01/01/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC123456")},
        {LAST},
        ""}},
      {"last year's latest episode closed",
       {"502",
        0,
        {EPI E("1", "01/05/2026", "S", "C2", "U1", "PR1", "", "", "")},
        {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR1", "01/03/2026", "E13", "")},
        ""}},
      {"no last year's return: skipped",
       {"502", 0, {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR1", "", "", "")}, {0}, "SKIP"}}}},
    {"503A",
     0,
     "last year's latest episode open and RNE of this year's first differs (without case), "
     "whatever its start; advisory when the two start on different days",
     {{"same start, RNE differs",
       {"503A",
        0,
        {EPI EL("1", "01/01/2026", "P", "C2", "N1", "U1", "PR1", "", "", "SC123456")},
        {LAST},
        "Episodes:0"}},
      {"different start, RNE differs (advised)",
       {"503A",
        0,
        {EPI EL("1", "01/02/2026", "P", "C2", "N1", "U1", "PR1", "", "", "SC123456")},
        {LAST},
        "Episodes:0(advised)"}},
      {"same RNE in lower case",
       {"503A",
        0,
        {EPI EL("1", "01/01/2026", "s", "C2", "N1", "U1", "PR1", "", "", "SC123456")},
        {LAST},
        ""}}}},
    {"503B",
     0,
     "last year's latest episode open and LS of this year's first differs (without case), "
     "whatever its start; advisory when the two start on different days",
     {{"same start, LS differs",
       {"503B",
        0,
        {EPI EL("1", "01/01/2026", "S", "C1", "N1", "U1", "PR1", "", "", "SC123456")},
        {LAST},
        "Episodes:0"}},
      {"different start, LS differs (advised)",
       {"503B",
        0,
        {EPI EL("1", "01/02/2026", "S", "C1", "N1", "U1", "PR1", "", "", "SC123456")},
        {LAST},
        "Episodes:0(advised)"}},
      {"same LS",
       {"503B",
        0,
        {EPI EL("1", "01/02/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC123456")},
        {LAST},
        ""}}}},
    {"503D",
     0,
     "last year's latest episode open and PLACE of this year's first differs (without case), "
     "whatever its start; advisory when the two start on different days, or for H5 then K3 "
     "(Z1 then Z11-Z14)",
     {{"same start, placement differs",
       {"503D",
        0,
        {EPI EL("1", "01/01/2026", "S", "C2", "N1", "U4", "PR1", "", "", "SC123456")},
        {LAST},
        "Episodes:0"}},
      {"different start, placement differs (advised)",
       {"503D",
        0,
        {EPI EL("1", "01/02/2026", "S", "C2", "N1", "U4", "PR1", "", "", "SC123456")},
        {LAST},
        "Episodes:0(advised)"}},
      {"H5 last year, K3 now (advised)",
       {"503D",
        0,
        {EPI EL("1", "01/01/2026", "S", "C2", "N1", "K3", "PR1", "", "", "SC123456")},
        {EPI EL("1", "01/01/2026", "S", "C2", "N1", "H5", "PR1", "", "", "SC123456")},
        "Episodes:0(advised)"}},
      {"same placement",
       {"503D",
        0,
        {EPI EL("1", "01/01/2026", "S", "C2", "N1", "u1", "PR1", "", "", "SC123456")},
        {LAST},
        ""}}}},
    {"503F",
     0,
     "last year's latest episode open and URN of this year's first differs (without case), "
     "whatever its start; advisory when the two start on different days",
     {{"same start, URN differs",
       {"503F",
        0,
        {EPI EL("1", "01/01/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC654321")},
        {LAST},
        "Episodes:0"}},
      {"different start, URN differs (advised)",
       {"503F",
        0,
        {EPI EL("1", "01/02/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC654321")},
        {LAST},
        "Episodes:0(advised)"}},
      {"same URN",
       {"503F",
        0,
        {EPI EL("1", "01/01/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC123456")},
        {LAST},
        ""}}}},
    {"562",
     0,
     "this year's first episode starts before 1 April and last year's latest episode does not "
     "start that day (or there is none)",
     {{"31 March, last year's latest started on another day",
       {"562",
        0,
        {EPI E("1", "31/03/2026", "S", "C2", "U1", "PR1", "", "", "")},
        {LAST},
        "Episodes:0"}},
      {"started before 1 April, no episode last year",
       {"562",
        0,
        {EPI E("2", "15/03/2026", "S", "C2", "U1", "PR1", "", "", "")},
        {LAST},
        "Episodes:0"}},
      {"same start as last year's latest",
       {"562", 0, {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR1", "", "", "")}, {LAST}, ""}},
      {"1 April",
       {"562", 0, {EPI E("2", "01/04/2026", "S", "C2", "U1", "PR1", "", "", "")}, {LAST}, ""}}}},
    {"NoE",
     0,
     "an episode starting before 1 April of a child with no episode in last year's return",
     {{"31 March, not in last year's return",
       {"NoE",
        0,
        {EPI E("3", "31/03/2026", "S", "C2", "U1", "PR1", "", "", "")},
        {LAST},
        "Episodes:0"}},
      {"1 April, not in last year's return",
       {"NoE", 0, {EPI E("3", "01/04/2026", "S", "C2", "U1", "PR1", "", "", "")}, {LAST}, ""}},
      {"before 1 April, in last year's return",
       {"NoE", 0, {EPI E("1", "01/01/2026", "S", "C2", "U1", "PR1", "", "", "")}, {LAST}, ""}}}},
    {"452",
     0,
     "last year's latest episode open, the same RNE, and the placement authorities (from the "
     "directory) both known and different; skipped without the directory",
     {{"another authority",
       {"452", 0, {EPI EP("1", "01/03/2026", "S", "ZZ1 1AA", "ZZ3 3CC")}, {LASTP}, "Episodes:0"}},
      {"same authority (postcode without a space)",
       {"452", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "zz22bb")}, {LASTP}, ""}},
      {"another authority, RNE differs",
       {"452", 0, {EPI EP("1", "01/03/2026", "P", "ZZ1 1AA", "ZZ3 3CC")}, {LASTP}, ""}}}},
    {"453",
     0,
     "last year's latest episode open, the same RNE, and the distances both known and 0.2 miles "
     "or more apart",
     {{"6.2 then 0.6 miles",
       {"453", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ1 1AB")}, {LASTP}, "Episodes:0"}},
      {"same distance",
       {"453", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ2 2BB")}, {LASTP}, ""}},
      {"distance unknown now (no grid reference)",
       {"453", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ5 5EE")}, {LASTP}, ""}}}},
    {"503G",
     0,
     "last year's latest episode open, starting the same day as this year's first, and the "
     "distances differ",
     {{"same start, distance differs",
       {"503G", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ1 1AB")}, {LASTP}, "Episodes:0"}},
      {"same distance",
       {"503G", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ2 2BB")}, {LASTP}, ""}}}},
    {"503H",
     0,
     "last year's latest episode open, starting the same day as this year's first, and the "
     "placement authorities differ",
     {{"same start, authority differs",
       {"503H", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ3 3CC")}, {LASTP}, "Episodes:0"}},
      {"same authority, other home",
       {"503H", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AB", "ZZ2 2BB")}, {LASTP}, ""}}}},
    {"503J",
     0,
     "last year's latest episode open, starting the same day as this year's first, and the "
     "placement location (in or out of the authority) differs",
     {{"out of the authority, then in",
       {"503J", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ1 1AB")}, {LASTP}, "Episodes:0"}},
      {"out both years",
       {"503J", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ2 2BB")}, {LASTP}, ""}}}},
    /* ---- rules_adoption.c: AD1, PlacedAdoption and PrevPerm on their own ---- */
    {"112",
     0,
     "DATE_INT given and not a valid dd/mm/yyyy date",
     {{"31 September", {"112", 0, {AD1 A("1", "31/09/2026", "", "", "", "", "")}, {0}, "AD1:0"}},
      {"29 February in a leap year",
       {"112", 0, {AD1 A("1", "29/02/2024", "", "", "", "", "")}, {0}, ""}},
      {"blank", {"112", 0, {AD1 A("1", "", "", "", "", "", "")}, {0}, ""}}}},
    {"113",
     0,
     "DATE_MATCH given and not a valid dd/mm/yyyy date",
     {{"29 February in a common year",
       {"113", 0, {AD1 A("1", "", "29/02/2026", "", "", "", "")}, {0}, "AD1:0"}},
      {"ISO form", {"113", 0, {AD1 A("1", "", "2026-10-01", "", "", "", "")}, {0}, "AD1:0"}},
      {"valid", {"113", 0, {AD1 OKA}, {0}, ""}}}},
    {"114",
     0,
     "FOSTER_CARE given and not 0 or 1",
     {{"2", {"114", 0, {AD1 A("1", "", "", "2", "", "", "")}, {0}, "AD1:0"}},
      {"0", {"114", 0, {AD1 A("1", "", "", "0", "", "", "")}, {0}, ""}}}},
    {"115",
     0,
     "DATE_PLACED given and not a valid dd/mm/yyyy date",
     {{"no leading zeros", {"115", 0, {PLA PA("1", "1/5/2026", "", "")}, {0}, "PlacedAdoption:0"}},
      {"valid", {"115", 0, {PLA PA("1", "01/05/2026", "", "")}, {0}, ""}}}},
    {"116",
     0,
     "DATE_PLACED_CEASED given and not a valid dd/mm/yyyy date",
     {{"day 00",
       {"116", 0, {PLA PA("1", "01/05/2026", "00/06/2026", "RD1")}, {0}, "PlacedAdoption:0"}},
      {"valid", {"116", 0, {PLA PA("1", "01/05/2026", "01/06/2026", "RD1")}, {0}, ""}}}},
    {"119",
     0,
     "one of DATE_PLACED_CEASED and REASON_PLACED_CEASED given without the other",
     {{"date without reason",
       {"119", 0, {PLA PA("1", "01/05/2026", "01/06/2026", "")}, {0}, "PlacedAdoption:0"}},
      {"reason without date",
       {"119", 0, {PLA PA("1", "01/05/2026", "", "RD1")}, {0}, "PlacedAdoption:0"}},
      {"both", {"119", 0, {PLA PA("1", "01/05/2026", "01/06/2026", "RD1")}, {0}, ""}},
      {"neither", {"119", 0, {PLA PA("1", "01/05/2026", "", "")}, {0}, ""}}}},
    {"120",
     0,
     "REASON_PLACED_CEASED given and not a valid code (without case)",
     {{"RD5",
       {"120", 0, {PLA PA("1", "01/05/2026", "01/06/2026", "RD5")}, {0}, "PlacedAdoption:0"}},
      {"rd4", {"120", 0, {PLA PA("1", "01/05/2026", "01/06/2026", "rd4")}, {0}, ""}}}},
    {"151",
     0,
     "some but not all of the six AD1 items given",
     {{"no DATE_MATCH",
       {"151", 0, {AD1 A("1", "01/09/2026", "", "1", "2", "MF", "L11")}, {0}, "AD1:0"}},
      {"only LS_ADOPTR", {"151", 0, {AD1 A("1", "", "", "", "", "", "L11")}, {0}, "AD1:0"}},
      {"all six", {"151", 0, {AD1 OKA}, {0}, ""}},
      {"none", {"151", 0, {AD1 A("1", "", "", "", "", "", "")}, {0}, ""}}}},
    {"175",
     0,
     "NB_ADOPTR given and not 1 or 2",
     {{"3", {"175", 0, {AD1 A("1", "", "", "", "3", "", "")}, {0}, "AD1:0"}},
      {"1", {"175", 0, {AD1 A("1", "", "", "", "1", "", "")}, {0}, ""}}}},
    {"176",
     0,
     "SEX_ADOPTR given and not a valid code",
     {{"XY", {"176", 0, {AD1 A("1", "", "", "", "", "XY", "")}, {0}, "AD1:0"}},
      {"F1", {"176", 0, {AD1 A("1", "", "", "", "", "F1", "")}, {0}, ""}}}},
    {"177",
     0,
     "LS_ADOPTR given and not a valid code",
     {{"L1 (not a code)", {"177", 0, {AD1 A("1", "", "", "", "", "", "L1")}, {0}, "AD1:0"}},
      {"L12", {"177", 0, {AD1 A("1", "", "", "", "", "", "L12")}, {0}, ""}}}},
    {"184",
     0,
     "DATE_PLACED before the DOB in Header",
     {{"the day before birth",
       {"184",
        0,
        {HDR H("1", "01/01/2015"), PLA PA("1", "31/12/2014", "", "")},
        {0},
        "Header:0 PlacedAdoption:0"}},
      {"the day of birth",
       {"184", 0, {HDR H("1", "01/01/2015"), PLA PA("1", "01/01/2015", "", "")}, {0}, ""}},
      {"no date of birth",
       {"184", 0, {HDR H("1", ""), PLA PA("1", "31/12/2014", "", "")}, {0}, ""}}}},
    {"511",
     0,
     "NB_ADOPTR 2 and SEX_ADOPTR not MM, FF or MF (blank included)",
     {{"two adopters, M1",
       {"511", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "M1", "L11")}, {0}, "AD1:0"}},
      {"two adopters, blank sex",
       {"511", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "", "L11")}, {0}, "AD1:0"}},
      {"two adopters, MF", {"511", 0, {AD1 OKA}, {0}, ""}},
      {"one adopter, F1",
       {"511", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "1", "F1", "L0")}, {0}, ""}}}},
    {"514",
     0,
     "LS_ADOPTR L0 (single adopter) and SEX_ADOPTR not M1 or F1 (blank included)",
     {{"L0, FF",
       {"514", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "1", "FF", "L0")}, {0}, "AD1:0"}},
      {"L0, blank sex",
       {"514", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "1", "", "L0")}, {0}, "AD1:0"}},
      {"L0, invalid sex",
       {"514", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "1", "XX", "L0")}, {0}, "AD1:0"}},
      {"L0, F1",
       {"514", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "1", "f1", "L0")}, {0}, ""}}}},
    {"517",
     0,
     "LS_ADOPTR L3 and SEX_ADOPTR not MF (blank included)",
     {{"L3, FF",
       {"517", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "FF", "L3")}, {0}, "AD1:0"}},
      {"L3, mf",
       {"517", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "mf", "L3")}, {0}, ""}}}},
    {"518",
     0,
     "LS_ADOPTR L4 and SEX_ADOPTR not MM or FF (blank included)",
     {{"L4, MF",
       {"518", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "MF", "L4")}, {0}, "AD1:0"}},
      {"L4, FF",
       {"518", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "FF", "L4")}, {0}, ""}}}},
    {"519",
     0,
     "LS_ADOPTR L2 and SEX_ADOPTR not MM, FF or MF (blank included)",
     {{"L2, F1",
       {"519", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "F1", "L2")}, {0}, "AD1:0"}},
      {"L2, blank sex",
       {"519", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "", "L2")}, {0}, "AD1:0"}},
      {"L2, FF",
       {"519", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "FF", "L2")}, {0}, ""}}}},
    {"520",
     0,
     "LS_ADOPTR L11 and SEX_ADOPTR not MF (blank included)",
     {{"L11, MM",
       {"520", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "MM", "L11")}, {0}, "AD1:0"}},
      {"L11, M1",
       {"520", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "M1", "L11")}, {0}, "AD1:0"}},
      {"L11, MF", {"520", 0, {AD1 OKA}, {0}, ""}}}},
    {"522",
     0,
     "DATE_PLACED after DATE_PLACED_CEASED",
     {{"a day after",
       {"522", 0, {PLA PA("1", "02/06/2026", "01/06/2026", "RD1")}, {0}, "PlacedAdoption:0"}},
      {"the same day", {"522", 0, {PLA PA("1", "01/06/2026", "01/06/2026", "RD1")}, {0}, ""}}}},
    {"524",
     0,
     "LS_ADOPTR L12 and SEX_ADOPTR not MM or FF (blank included)",
     {{"L12, MF",
       {"524", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "MF", "L12")}, {0}, "AD1:0"}},
      {"L12, MM",
       {"524", 0, {AD1 A("1", "01/05/2026", "01/06/2026", "1", "2", "MM", "L12")}, {0}, ""}}}},
    {"563",
     0,
     "DATE_PLACED blank and DATE_PLACED_CEASED or REASON_PLACED_CEASED given",
     {{"ceased date only",
       {"563", 0, {PLA PA("1", "", "01/06/2026", "RD1")}, {0}, "PlacedAdoption:0"}},
      {"reason only", {"563", 0, {PLA PA("1", "", "", "RD1")}, {0}, "PlacedAdoption:0"}},
      {"all blank", {"563", 0, {PLA PA("1", "", "", "")}, {0}, ""}}}},
    {"579",
     0,
     "a decision (by DATE_PLACED) after one that is open, or dated before the previous one ceased",
     {{"the previous still open",
       {"579",
        0,
        {PLA PA("1", "01/05/2026", "", "") PA("1", "01/07/2026", "", "")},
        {0},
        "PlacedAdoption:1"}},
      {"the day before the previous ceased",
       {"579",
        0,
        {PLA PA("1", "01/05/2026", "01/08/2026", "RD1") PA("1", "31/07/2026", "", "")},
        {0},
        "PlacedAdoption:1"}},
      {"the day the previous ceased",
       {"579",
        0,
        {PLA PA("1", "01/05/2026", "01/08/2026", "RD1") PA("1", "01/08/2026", "", "")},
        {0},
        ""}}}},
    {"631",
     0,
     "PREV_PERM given and not a valid code",
     {{"P5", {"631", 0, {PREV PP("1", "P5", "", "")}, {0}, "PrevPerm:0"}},
      {"blank", {"631", 0, {PREV PP("1", "", "", "")}, {0}, ""}},
      {"P1", {"631", 0, {PREV PP("1", "P1", "800", "zz/zz/2020")}, {0}, ""}}}},
    {"633",
     0,
     "LA_PERM given and not a valid code",
     {{"123", {"633", 0, {PREV PP("1", "P1", "123", "")}, {0}, "PrevPerm:0"}},
      {"wal (Wales, lower case)", {"633", 0, {PREV PP("1", "P1", "wal", "")}, {0}, ""}}}},
    {"635",
     0,
     "PREV_PERM Z1 and LA_PERM or DATE_PERM given",
     {{"Z1 with a date", {"635", 0, {PREV PP("1", "Z1", "", "01/01/2020")}, {0}, "PrevPerm:0"}},
      {"Z1 with an authority", {"635", 0, {PREV PP("1", "Z1", "800", "")}, {0}, "PrevPerm:0"}},
      {"Z1 alone", {"635", 0, {PREV PP("1", "Z1", "", "")}, {0}, ""}},
      {"P1 with both", {"635", 0, {PREV PP("1", "P1", "800", "01/01/2020")}, {0}, ""}}}},
};

/* The rules whose cases run with the harness's ONS Postcode Directory, and
 * those run with the Ofsted provider list PROVIDERS. */
static const char with_onspd[] = ";452;453;503G;503H;503J;"
                                 "164;169;179;218;230;411;392a;392b;392c;392d;398;406;420;454;1015;"
                                 "219;221;224;227;228;229;1008;";
static const char with_providers[] = ";219;221;224;227;228;229;1008;";

static bool listed(const char *list, const char *code)
{
    char key[32];
    snprintf(key, sizeof key, ";%s;", code);
    return strstr(list, key) != NULL;
}

/* Runs a branch's case with what its rule needs beside the return. */
static int run_branch(const VCondition *k, const VBranch *b)
{
    return vharness_case(&b->c, listed(with_onspd, k->code) ? VHARNESS_ONSPD : NULL, NULL,
                         listed(with_providers, k->code) ? PROVIDERS : NULL);
}

static void list(void)
{
    printf("| rule | year | DfE text | Carepledge's condition | cases |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < sizeof conditions / sizeof conditions[0]; i++) {
        const VCondition *k = &conditions[i];
        int year = k->year ? k->year : 2027;
        const VRule *rule = vrules_find(k->code, year);
        printf("| %s | %d/%02d | %s | %s | ", k->code, year - 1, year % 100,
               rule ? rule->description : "(not in force)", k->condition);
        for (int b = 0; b < 6 && k->branches[b].what; b++) {
            const char *expect = k->branches[b].c.expect;
            printf("%s%s: %s", b ? "; " : "", k->branches[b].what,
                   strcmp(expect, "SKIP") == 0 ? "skipped"
                   : expect[0]                 ? "fails"
                                               : "passes");
        }
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
        for (int b = 0; b < 6 && k->branches[b].what; b++) {
            const char *expect = k->branches[b].c.expect;
            problems += run_branch(k, &k->branches[b]);
            if (strcmp(expect, "SKIP") == 0) continue;
            fails |= expect[0] != '\0';
            passes |= expect[0] == '\0';
        }
        if (!fails || !passes) {
            fprintf(stderr, "rule %s: needs a failing and a passing branch\n", k->code);
            problems++;
        }
    }
    assert_int_equal(problems, 0);
}

/* Each rule appears once: a second entry would hide which condition is meant. */
static void test_each_rule_once(void **state)
{
    (void)state;
    size_t n = sizeof conditions / sizeof conditions[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(conditions[i].code, conditions[j].code) == 0 &&
                conditions[i].year == conditions[j].year)
                fail_msg("rule %s listed twice", conditions[i].code);
}

int main(int argc, char **argv)
{
    (void)vharness_run; /* the family runner, not used here */
    if (argc > 1 && strcmp(argv[1], "--list") == 0) {
        list();
        return 0;
    }
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_conditions),
                                       cmocka_unit_test(test_each_rule_once)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
