/* Tests of the rules comparing this year's episodes with last year's
 * (rules_lastyear.c), written from the DfE's rule descriptions. Year 2027 =
 * 2026/27: 1 April 2026 to 31 March 2027. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"
#include "validate/vfamilies.h"

#define EL(child, decom, rne, ls, cin, place, prov, dec, rec, urn) \
    child "," decom "," rne "," ls "," cin "," place "," prov "," dec "," rec ",,,," urn "\n"
/* Last year: child 1's episode open at 31 March 2026; child 2's closed. */
#define LAST                                                                    \
    EPI EL("1", "01/01/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC123456") \
        EL("2", "01/01/2025", "S", "C2", "N1", "U1", "PR1", "01/03/2026", "E13", "")
/* An episode with home and placement postcodes (see VHARNESS_ONSPD). */
#define EP(child, decom, rne, home, pl) \
    child "," decom "," rne ",C2,N1,U1,PR1,,,," home "," pl ",\n"
/* Last year: child 1 open from 1 January 2026, placed 6.2 miles from home in
 * another authority (X10000001). */
#define LASTP EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ2 2BB")
/* This year's first episode of child 1 continuing last year's. */
#define CONT EL("1", "01/01/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC123456")

static const VCase cases[] = {
    {"502",
     0,
     {EPI EL("1", "02/01/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC123456")
          EL("2", "01/05/2026", "S", "C2", "N1", "U1", "PR1", "", "", "")},
     {LAST},
     "Episodes:0"},
    {"502", 0, {EPI CONT}, {LAST}, ""},
    {"502", 0, {EPI CONT}, {0}, "SKIP"},
    {"503A",
     0,
     {EPI EL("1", "01/01/2026", "P", "C2", "N1", "U1", "PR1", "", "", "SC123456")},
     {LAST},
     "Episodes:0"},
    {"503A", 0, {EPI CONT}, {LAST}, ""},
    {"503B",
     0,
     {EPI EL("1", "01/01/2026", "S", "C1", "N1", "U1", "PR1", "", "", "SC123456")},
     {LAST},
     "Episodes:0"},
    {"503B",
     0,
     {EPI EL("1", "01/01/2026", "S", "c2", "N1", "U1", "PR1", "", "", "SC123456")},
     {LAST},
     ""},
    {"503C",
     0,
     {EPI EL("1", "01/01/2026", "S", "C2", "N2", "U1", "PR1", "", "", "SC123456")},
     {LAST},
     "Episodes:0"},
    {"503C", 0, {EPI CONT}, {LAST}, ""},
    /* last year's open episode starts on another day: the DfE compares all
     * the same (flag with Carepledge's advisory), as for 503A-F */
    {"503C",
     0,
     {EPI EL("1", "01/02/2026", "S", "C2", "N2", "U1", "PR1", "", "", "SC123456")},
     {LAST},
     "Episodes:0(advised)"},
    {"503C",
     0,
     {EPI EL("1", "01/02/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC123456")},
     {LAST},
     ""},
    {"503B",
     0,
     {EPI EL("1", "01/02/2026", "S", "C1", "N1", "U1", "PR1", "", "", "SC123456")},
     {LAST},
     "Episodes:0(advised)"},
    {"503D",
     0,
     {EPI EL("1", "01/01/2026", "S", "C2", "N1", "U4", "PR1", "", "", "SC123456")},
     {LAST},
     "Episodes:0"},
    {"503D", 0, {EPI CONT}, {LAST}, ""},
    /* H5 last year continues as K3: the DfE flags it (codes differ); Carepledge
     * too, with its advisory */
    {"503D",
     0,
     {EPI EL("1", "01/01/2026", "S", "C2", "N1", "K3", "PR1", "", "", "SC123456")},
     {EPI EL("1", "01/01/2026", "S", "C2", "N1", "H5", "PR1", "", "", "SC123456")},
     "Episodes:0(advised)"},
    {"503E",
     0,
     {EPI EL("1", "01/01/2026", "S", "C2", "N1", "U1", "PR2", "", "", "SC123456")},
     {LAST},
     "Episodes:0"},
    {"503E", 0, {EPI CONT}, {LAST}, ""},
    {"503E",
     0,
     {EPI EL("1", "01/02/2026", "S", "C2", "N1", "U1", "PR2", "", "", "SC123456")},
     {LAST},
     "Episodes:0(advised)"},
    {"503E",
     0,
     {EPI EL("1", "01/02/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC123456")},
     {LAST},
     ""},
    {"503F",
     0,
     {EPI EL("1", "01/01/2026", "S", "C2", "N1", "U1", "PR1", "", "", "SC654321")},
     {LAST},
     "Episodes:0"},
    {"503F",
     0,
     {EPI CONT EL("2", "01/01/2025", "P", "C2", "N1", "U1", "PR1", "", "", "SC1")},
     {LAST},
     ""},
    /* 1 started before 1 April on a day last year does not show; 3 was not in
     * last year's return at all */
    {"562",
     0,
     {EPI EL("1", "15/03/2026", "S", "C2", "N1", "U1", "PR1", "", "", "")
          EL("3", "15/03/2026", "S", "C2", "N1", "U1", "PR1", "", "", "")
              EL("2", "01/05/2026", "S", "C2", "N1", "U1", "PR1", "", "", "")},
     {LAST},
     "Episodes:0 Episodes:1"},
    {"562", 0, {EPI CONT}, {LAST}, ""},
    {"NoE",
     0,
     {EPI EL("3", "15/03/2026", "S", "C2", "N1", "U1", "PR1", "", "", "")
          EL("4", "01/05/2026", "S", "C2", "N1", "U1", "PR1", "", "", "") CONT},
     {LAST},
     "Episodes:0"},
    {"NoE", 0, {EPI CONT}, {LAST}, ""},
    /* ---- the postcode-derived fields (with the directory) ---- */
    {"452", 0, {EPI EP("1", "01/03/2026", "S", "ZZ1 1AA", "ZZ3 3CC")}, {LASTP}, "Episodes:0"},
    {"452", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "zz22bb")}, {LASTP}, ""},
    {"452", 0, {EPI EP("1", "01/03/2026", "P", "ZZ1 1AA", "ZZ3 3CC")}, {LASTP}, ""},
    {"453", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ1 1AB")}, {LASTP}, "Episodes:0"},
    {"453", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ2 2BB")}, {LASTP}, ""},
    {"503G", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ1 1AB")}, {LASTP}, "Episodes:0"},
    {"503G", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ2 2BB")}, {LASTP}, ""},
    {"503H", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ3 3CC")}, {LASTP}, "Episodes:0"},
    {"503H", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AB", "ZZ2 2BB")}, {LASTP}, ""},
    {"503J", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ1 1AB")}, {LASTP}, "Episodes:0"},
    {"503J", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ2 2BB")}, {LASTP}, ""},
};

static void test_lastyear_rules(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    assert_int_equal(
        vharness_run_with(cases, n, vrules_lastyear, vrules_lastyear_n, VHARNESS_ONSPD, NULL), 0);
}

/* Without the directory the rules on derived fields are skipped. */
static void test_lastyear_without_postcodes(void **state)
{
    (void)state;
    static const VCase skipped[] = {
        {"452", 0, {EPI EP("1", "01/03/2026", "S", "ZZ1 1AA", "ZZ3 3CC")}, {LASTP}, "SKIP"},
        {"503J", 0, {EPI EP("1", "01/01/2026", "S", "ZZ1 1AA", "ZZ1 1AB")}, {LASTP}, "SKIP"},
    };
    assert_int_equal(vharness_run(skipped, 2, NULL, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_lastyear_rules),
                                       cmocka_unit_test(test_lastyear_without_postcodes)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
