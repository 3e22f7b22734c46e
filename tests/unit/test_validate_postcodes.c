/* Tests of the ONS Postcode Directory loader and the derived fields PL_DISTANCE,
 * PL_LA, PL_LOCATION (vpostcodes.c), and of the postcode rules
 * (rules_postcodes.c), written from the DfE's rule descriptions and the DfE's
 * distance formula. The directory is synthetic (VHARNESS_ONSPD and
 * tests/fixtures/validate/postcodes/onspd.csv). Year 2027 = 2026/27. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#define EP(child, ls, place, prov, home, pl) \
    child ",01/05/2026,S," ls ",N1," place "," prov ",,,," home "," pl ",\n"
#define OKP(child)  EP(child, "C2", "U1", "PR1", "ZZ1 1AA", "ZZ1 1AB")
#define UASC3       UASC "3,M,01/01/2010,\n"
#define UASC_ROW(c) c ",M,01/01/2010,\n"

static const VCase cases[] = {
    {"164",
     0,
     {EPI EP("1", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ4 4DD")
          EP("2", "V3", "U1", "PR1", "ZZ1 1AA", "ZZ4 4DD")
              EP("3", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ4 4DD"),
      UASC3},
     {0},
     "Episodes:0"},
    {"164", 0, {EPI EP("1", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ3 3CC")}, {0}, ""},
    {"169",
     0,
     {EPI EP("1", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ9 9ZZ") EP("2", "C2", "U1", "PR1", "ZZ1 1AA", "")
          EP("3", "V4", "U1", "PR1", "", "") EP("4", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ2 2BB")},
     {0},
     "Episodes:0 Episodes:1"},
    {"169", 0, {EPI EP("4", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ2 2BB")}, {0}, ""},
    {"179",
     0,
     {EPI EP("1", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ9 9ZZ") EP("2", "C2", "U1", "PR1", "ZZ1 1AA", "")
          EP("3", "V3", "U1", "PR1", "ZZ1 1AA", "ZZ9 9ZZ")},
     {0},
     "Episodes:0 Episodes:1"},
    {"179", 0, {EPI OKP("1")}, {0}, ""},
    {"392a",
     0,
     {EPI EP("1", "C2", "U1", "PR1", "ZZ5 5EE", "ZZ1 1AB") EP("2", "C2", "U1", "PR1", "", "ZZ1 1AB")
          EP("3", "C2", "U1", "PR1", "", "ZZ1 1AB") EP("4", "V3", "U1", "PR1", "", "") OKP("5"),
      UASC3},
     {0},
     "Episodes:0 Episodes:1"},
    {"392a", 0, {EPI OKP("5")}, {0}, ""},
    {"392b",
     0,
     {EPI EP("1", "C2", "U1", "PR1", "", "ZZ1 1AB") EP("2", "C2", "U1", "PR1", "ZZ1 1AA", "")
          EP("3", "C2", "U1", "PR1", "", "ZZ1 1AB") EP("4", "V4", "U1", "PR1", "", ""),
      UASC3},
     {0},
     "Episodes:0 Episodes:1"},
    {"392b", 0, {EPI OKP("1")}, {0}, ""},
    {"392c",
     0,
     {EPI EP("1", "C2", "U1", "PR1", "ZZ9 9ZZ", "ZZ1 1AB")
          EP("2", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ99 9ZZ")
              EP("3", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ6 6FF")
                  EP("4", "C2", "U1", "PR1", "", "ZZ1 1AB")},
     {0},
     "Episodes:0 Episodes:1"},
    {"392c", 0, {EPI EP("3", "C2", "U1", "PR1", "zz1 1aa", "ZZ66FF")}, {0}, ""},
    {"392d",
     0,
     {EPI EP("1", "C2", "U1", "PR1", "ZZ1 1AA", "zz11aa")
          EP("2", "C2", "P1", "PR0", "ZZ1 1AA", "ZZ1 1AA") EP("3", "V3", "U1", "PR1", "", "")},
     {0},
     "Episodes:0"},
    {"392d", 0, {EPI EP("2", "C2", "P1", "PR0", "ZZ1 1AA", "ZZ1 1AA")}, {0}, ""},
    {"398",
     0,
     {EPI EP("1", "V3", "U1", "PR1", "ZZ1 1AA", "ZZ1 1AB")
          EP("2", "V4", "U1", "PR1", "ZZ1 1AA", "ZZ9 9ZZ") OKP("3")},
     {0},
     "Episodes:0"},
    {"398", 0, {EPI OKP("3")}, {0}, ""},
    {"406",
     0,
     {EPI OKP("1") EP("2", "C2", "U1", "PR1", "", "ZZ1 1AB") OKP("3"),
      UASC UASC_ROW("1") UASC_ROW("2")},
     {UASC UASC_ROW("3")},
     "Episodes:0 Episodes:2"},
    {"406", 0, {EPI EP("2", "C2", "U1", "PR1", "", "ZZ1 1AB"), UASC UASC_ROW("2")}, {0}, ""},
    {"420",
     0,
     {EPI EP("1", "V3", "U1", "PR1", "", "ZZ2 2BB") EP("2", "V3", "U1", "PR1", "", "")},
     {0},
     "Episodes:0"},
    {"420", 0, {EPI EP("2", "V3", "U1", "PR1", "", "")}, {0}, ""},
    {"454",
     0,
     {EPI EP("1", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ3 3CC")
          EP("2", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ2 2BB")
              EP("3", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ3 3CC"),
      UASC3},
     {0},
     "Episodes:0"},
    {"454", 0, {EPI EP("2", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ2 2BB")}, {0}, ""},
    /* the authority is inferred from the home postcodes: X06000001 */
    {"1015",
     0,
     {EPI EP("1", "C2", "K2", "PR1", "ZZ1 1AA", "ZZ2 2BB")
          EP("2", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ2 2BB")
              EP("3", "C2", "K2", "PR1", "ZZ1 1AA", "ZZ1 1AB")
                  EP("4", "C2", "K2", "PR2", "ZZ1 1AA", "ZZ2 2BB")
                      EP("5", "V3", "K2", "PR1", "ZZ1 1AA", "ZZ2 2BB")},
     {0},
     "Episodes:0"},
    {"1015", 0, {EPI EP("3", "C2", "K2", "PR1", "ZZ1 1AA", "ZZ1 1AB")}, {0}, ""},
    /* K3 (from 2025/26) is exempt like foster placements */
    {"1015", 0, {EPI EP("1", "C2", "K3", "PR1", "ZZ1 1AA", "ZZ2 2BB")}, {0}, ""},
    {"1015", 2025, {EPI EP("1", "C2", "H5", "PR1", "ZZ1 1AA", "ZZ2 2BB")}, {0}, "Episodes:0"},
    {"218",
     0,
     {EPI EP("1", "C2", "K2", "PR1", "ZZ1 1AA", "ZZ1 1AB")
          EP("2", "C2", "K2", "PR1", "ZZ1 1AA", "ZZ7 7GG")
              EP("3", "C2", "P1", "PR0", "ZZ1 1AA",
                 "ZZ1 1AB") "4,01/01/2025,S,C2,N1,K2,PR1,01/03/2026,E13,,ZZ1 1AA,ZZ1 1AB,\n"
                            "5,01/01/2025,S,C2,N1,K2,PR1,,,,ZZ1 1AA,ZZ1 1AB,SC123456\n"},
     {0},
     "Episodes:0"},
    {"218", 0, {EPI EP("2", "C2", "K2", "PR1", "ZZ1 1AA", "ZZ7 7GG")}, {0}, ""},
    /* 230, 2023/24 only: English H5 running on or after 29 October 2023 */
    {"230",
     2024,
     {EPI "1,01/05/2023,S,C2,N1,H5,PR1,,,,ZZ1 1AA,ZZ1 1AB,\n"
          "2,01/05/2023,S,C2,N1,H5,PR1,29/10/2023,E13,,ZZ1 1AA,ZZ1 1AB,XXXXXXX\n"
          "3,01/05/2023,S,C2,N1,H5,PR1,28/10/2023,E13,,ZZ1 1AA,ZZ1 1AB,\n"
          "4,01/05/2023,S,C2,N1,H5,PR1,,,,ZZ1 1AA,ZZ7 7GG,\n"
          "5,01/05/2023,S,C2,N1,H5,PR1,,,,ZZ1 1AA,ZZ1 1AB,SC123456\n"},
     {0},
     "Episodes:0 Episodes:1"},
    {"230", 2024, {EPI "5,01/05/2023,S,C2,N1,H5,PR1,,,,ZZ1 1AA,ZZ1 1AB,SC123456\n"}, {0}, ""},
    /* H5 needs a URN from 2024/25; the 2022/23 form exempts it, and Z1 until 2024/25 */
    {"218",
     2025,
     {EPI EP("1", "C2", "H5", "PR1", "ZZ1 1AA", "ZZ1 1AB")
          EP("2", "C2", "Z1", "PR1", "ZZ1 1AA", "ZZ1 1AB")},
     {0},
     "Episodes:0"},
    {"218",
     2023,
     {EPI EP("1", "C2", "H5", "PR1", "ZZ1 1AA", "ZZ1 1AB")
          EP("2", "C2", "K2", "PR1", "ZZ1 1AA", "ZZ1 1AB")},
     {0},
     "Episodes:1"},
};

static void test_postcode_rules(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    assert_int_equal(
        vharness_run_with(cases, n, vrules_postcodes, vrules_postcodes_n, VHARNESS_ONSPD, NULL), 0);
}

/* Without the directory the rules on derived fields are skipped, never passed;
 * 392b and 392d need only the postcodes themselves. With --la the authority is
 * the one given. */
static void test_without_directory_and_given_authority(void **state)
{
    (void)state;
    static const VCase skipped[] = {
        {"164", 0, {EPI EP("1", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ4 4DD")}, {0}, "SKIP"},
        {"392a", 0, {EPI EP("1", "C2", "U1", "PR1", "", "ZZ1 1AB")}, {0}, "SKIP"},
        {"1015", 0, {EPI EP("1", "C2", "K2", "PR1", "ZZ1 1AA", "ZZ2 2BB")}, {0}, "SKIP"},
        {"392b", 0, {EPI EP("1", "C2", "U1", "PR1", "", "ZZ1 1AB")}, {0}, "Episodes:0"},
        {"392d", 0, {EPI EP("1", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ1 1AA")}, {0}, "Episodes:0"},
    };
    assert_int_equal(vharness_run(skipped, 5, NULL, 0), 0);
    static const VCase given[] = {
        {"1015",
         0,
         {EPI EP("1", "C2", "K2", "PR1", "ZZ1 1AA", "ZZ2 2BB")
              EP("3", "C2", "K2", "PR1", "ZZ1 1AA", "ZZ1 1AB")},
         {0},
         "Episodes:1"},
    };
    assert_int_equal(vharness_run_with(given, 1, NULL, 0, VHARNESS_ONSPD, "X10000001"), 0);
}

/* The fixture file, found next to this source file. */
static void fixture_path(char *buf, size_t size)
{
    const char *here = __FILE__, *cut = strstr(here, "unit/test_validate_postcodes.c");
    assert_non_null(cut);
    snprintf(buf, size, "%.*sfixtures/validate/postcodes/onspd.csv", (int)(cut - here), here);
}

static void load_episodes(VReturn *r, const char *text)
{
    const char *texts[] = {text, NULL};
    vreturn_init(r, 2027);
    vharness_load(r, texts, false);
}

/* The DfE formula: sqrt(dE^2 + dN^2) / 1000 / 1.6093 miles, one decimal place;
 * PL_LA is the county where there is one, else the local authority. */
static void test_derived_fields(void **state)
{
    (void)state;
    VReturn r;
    Err err;
    char path[4096];
    load_episodes(&r, EPI OKP("1") EP("2", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ2 2BB")
                          EP("3", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ4 4DD")
                              EP("4", "C2", "U1", "PR1", "zz11aa", "ZZ5 5EE")
                                  EP("5", "C2", "U1", "PR1", "ZZ1 1AA", "ZZ9 9ZZ")
                                      EP("6", "C2", "U1", "PR1", "", ""));
    fixture_path(path, sizeof path);
    assert_int_equal(vreturn_load_postcodes(&r, path, &err), 0);
    vreturn_prepare(&r);
    VPostFields *f[2];
    vpostcodes_derive(&r, f);
    assert_non_null(f[0]);
    assert_null(f[1]);
    assert_int_equal(f[0][0].distance, 6);     /* 1 km: 0.62 miles */
    assert_int_equal(f[0][1].distance, 62);    /* 10 km: 6.21 miles */
    assert_int_equal(f[0][2].distance, 10564); /* 1700 km: 1056.36 miles */
    assert_int_equal(f[0][3].distance, -1);    /* no grid reference */
    assert_int_equal(f[0][4].distance, -1);    /* not in the directory */
    assert_int_equal(f[0][5].distance, -1);    /* no postcodes */
    assert_string_equal(f[0][0].la, "X06000001");
    assert_string_equal(f[0][1].la, "X10000001"); /* the county, not the district */
    assert_string_equal(f[0][3].la, "X06000001");
    assert_string_equal(f[0][4].la, "");
    assert_int_equal(f[0][0].location, 'I');
    assert_int_equal(f[0][1].location, 'O');
    assert_int_equal(f[0][4].location, 0);
    assert_true(f[0][3].home_known && f[0][3].pl_known);
    assert_false(f[0][4].pl_known);
    free(f[0]);
    vreturn_set_la(&r, "X10000001");
    vpostcodes_derive(&r, f);
    assert_int_equal(f[0][0].location, 'O');
    assert_int_equal(f[0][1].location, 'I');
    free(f[0]);
    vreturn_free(&r);
}

static void test_directory_errors(void **state)
{
    (void)state;
    VReturn r;
    Err err;
    load_episodes(&r, EPI OKP("1"));
    const char *no_north = "pcd,oseast1m,oslaua\nZZ1 1AA,400000,X06000001\n";
    assert_int_equal(vreturn_load_postcodes_buffer(&r, "bad.csv", no_north, strlen(no_north), &err),
                     ERR_INPUT);
    assert_string_equal(err.field, "osnrth1m");
    assert_null(r.postcodes);
    assert_int_equal(vreturn_load_postcodes_buffer(&r, "empty.csv", "", 0, &err), ERR_INPUT);
    assert_int_equal(vreturn_load_postcodes(&r, "/nonexistent/onspd.csv", &err), ERR_IO);
    /* pcds, unquoted, in another order, with a byte-order mark */
    const char *pcds =
        "\xEF\xBB\xBFoslaua,osnrth1m,pcds,oseast1m\nX06000001,100000,ZZ1 1AB,401000\n"
        "X06000001,100000,ZZ1 1AA,400000\n";
    assert_int_equal(vreturn_load_postcodes_buffer(&r, "pcds.csv", pcds, strlen(pcds), &err), 0);
    vreturn_prepare(&r);
    VPostFields *f[2];
    vpostcodes_derive(&r, f);
    assert_int_equal(f[0][0].distance, 6);
    free(f[0]);
    vreturn_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_postcode_rules),
        cmocka_unit_test(test_without_directory_and_given_authority),
        cmocka_unit_test(test_derived_fields),
        cmocka_unit_test(test_directory_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
