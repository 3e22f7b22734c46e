/* Tests of the Ofsted provider list loader (vproviders.c) and the URN rules
 * (rules_providers.c), written from the DfE's rule descriptions. The lists are
 * synthetic (made-up URNs and postcodes). Year 2027 = 2026/27. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"
#include "validate/vctx.h"
#include "validate/vfamilies.h"

/* A social care providers list as saved from the spreadsheet: SC100001 is a
 * children's home and school, SC100002 a fostering agency, SC100003 a home
 * that closed on 31 May 2026. */
#define PROVIDERS                                                                             \
    "URN,Local authority,Placement code,Placement provider code,Deregistration date,Setting " \
    "postcode\r\n"                                                                            \
    "SC100001,Dorset,K2/S1,PR4,,ZZ1 1AB\r\n"                                                  \
    "SC100002,Dorset,\"U4,U5,U6\",PR4,,ZZ2 2BB\r\n"                                           \
    "SC100003,Dorset,K2,PR1,31/05/2026,ZZ2 2BB\r\n"
#define EP(child, decom, place, prov, dec, rec, post, urn) \
    child "," decom ",S,C2,N1," place "," prov "," dec "," rec ",,ZZ1 1AA," post "," urn "\n"

static const VCase cases[] = {
    {"1008",
     0,
     {EPI EP("1", "01/05/2026", "K2", "PR4", "", "", "ZZ1 1AB", "SC999999")
          EP("2", "01/05/2026", "K2", "PR4", "", "", "ZZ1 1AB", "sc100001")
              EP("3", "01/05/2026", "P1", "PR0", "", "", "ZZ1 1AB", "XXXXXXX")
                  EP("4", "01/05/2026", "P1", "PR0", "", "", "ZZ1 1AB", "")},
     {0},
     "Episodes:0"},
    {"1008", 0, {EPI EP("2", "01/05/2026", "K2", "PR4", "", "", "ZZ1 1AB", "SC100001")}, {0}, ""},
    {"219",
     0,
     {EPI EP("1", "01/05/2026", "U1", "PR4", "", "", "ZZ1 1AB", "SC100001")
          EP("2", "01/05/2026", "K2", "PR4", "", "", "ZZ1 1AB", "SC100001")
              EP("3", "01/05/2026", "S1", "PR4", "", "", "ZZ1 1AB", "SC100001")
                  EP("4", "01/05/2026", "U5", "PR4", "", "", "ZZ2 2BB", "SC100002")},
     {0},
     "Episodes:0"},
    {"219", 0, {EPI EP("4", "01/05/2026", "u6", "PR4", "", "", "ZZ2 2BB", "SC100002")}, {0}, ""},
    {"224",
     0,
     {EPI EP("1", "01/05/2026", "K2", "PR1", "", "", "ZZ1 1AB", "SC100001")
          EP("2", "01/05/2026", "K2", "PR4", "", "", "ZZ1 1AB", "SC100001")},
     {0},
     "Episodes:0"},
    {"224", 0, {EPI EP("2", "01/05/2026", "K2", "PR4", "", "", "ZZ1 1AB", "SC100001")}, {0}, ""},
    {"221",
     0,
     {EPI EP("1", "01/05/2026", "K2", "PR4", "", "", "ZZ2 2BB", "SC100001")
          EP("2", "01/05/2026", "K2", "PR4", "", "", "zz11ab", "SC100001")},
     {0},
     "Episodes:0"},
    {"221", 0, {EPI EP("2", "01/05/2026", "K2", "PR4", "", "", "zz11ab", "SC100001")}, {0}, ""},
    {"227",
     0,
     {EPI EP("1", "01/06/2026", "K2", "PR1", "", "", "ZZ2 2BB", "SC100003")
          EP("2", "01/05/2026", "K2", "PR1", "30/05/2026", "E13", "ZZ2 2BB", "SC100003")},
     {0},
     "Episodes:0"},
    {"227",
     0,
     {EPI EP("2", "01/05/2026", "K2", "PR1", "30/05/2026", "E13", "ZZ2 2BB", "SC100003")},
     {0},
     ""},
    {"228",
     0,
     {EPI EP("1", "01/05/2026", "K2", "PR1", "", "", "ZZ2 2BB", "SC100003")
          EP("2", "01/05/2026", "K2", "PR1", "30/05/2026", "E13", "ZZ2 2BB", "SC100003")},
     {0},
     "Episodes:0"},
    {"228",
     0,
     {EPI EP("2", "01/05/2026", "K2", "PR1", "30/05/2026", "E13", "ZZ2 2BB", "SC100003")},
     {0},
     ""},
    /* own authority X06000001 (the home postcodes); SC100001 is in it, SC100002 not */
    {"229",
     0,
     {EPI EP("1", "01/05/2026", "K2", "PR2", "", "", "ZZ1 1AB", "SC100001")
          EP("2", "01/05/2026", "U4", "PR1", "", "", "ZZ2 2BB", "SC100002")
              EP("3", "01/05/2026", "K2", "PR1", "", "", "ZZ1 1AB", "SC100001")
                  EP("4", "01/05/2026", "U4", "PR4", "", "", "ZZ2 2BB", "SC100002")},
     {0},
     "Episodes:0 Episodes:1"},
    {"229", 0, {EPI EP("3", "01/05/2026", "K2", "PR1", "", "", "ZZ1 1AB", "SC100001")}, {0}, ""},
    /* ... from 2025/26 the DfE's condition leaves out placements such as
     * P1; to 2024/25 it did not */
    {"229", 0, {EPI EP("2", "01/05/2026", "P1", "PR1", "", "", "ZZ2 2BB", "SC100002")}, {0}, ""},
    {"229",
     2025,
     {EPI EP("2", "01/05/2024", "P1", "PR1", "", "", "ZZ2 2BB", "SC100002")},
     {0},
     "Episodes:0"},
    {"229", 2025, {EPI EP("3", "01/05/2024", "K2", "PR1", "", "", "ZZ1 1AB", "SC100001")}, {0}, ""},
};

static void test_provider_rules(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    assert_int_equal(vharness_run_full(cases, n, vrules_providers, vrules_providers_n,
                                       VHARNESS_ONSPD, NULL, PROVIDERS),
                     0);
    static const VCase skipped[] = {
        {"1008",
         0,
         {EPI EP("1", "01/05/2026", "K2", "PR4", "", "", "ZZ1 1AB", "SC999999")},
         {0},
         "SKIP"},
        {"221",
         0,
         {EPI EP("1", "01/05/2026", "K2", "PR4", "", "", "ZZ2 2BB", "SC100001")},
         {0},
         "SKIP"},
    };
    assert_int_equal(vharness_run(skipped, 2, NULL, 0), 0);
    static const VCase no_directory[] = {
        {"229",
         0,
         {EPI EP("1", "01/05/2026", "K2", "PR2", "", "", "ZZ1 1AB", "SC100001")},
         {0},
         "SKIP"},
    };
    assert_int_equal(vharness_run_full(no_directory, 1, NULL, 0, NULL, NULL, PROVIDERS), 0);
}

/* The children's homes list keeps postcodes on another sheet: rows of a URN
 * merge across files, and a file without a URN column is refused. */
static void test_provider_lists(void **state)
{
    (void)state;
    VReturn r;
    Err err;
    vreturn_init(&r, 2027);
    const char *setting = "URN,Local Authority,Provider Code,Provider Placement Code,Closed Date\n"
                          "SC200001,Dorset,PR4,K2/K1,\n";
    const char *address = "URN,Setting Postcode\nSC200001,zz1 1ab\n";
    assert_int_equal(vreturn_load_providers_buffer(&r, "ch.csv", setting, strlen(setting), &err),
                     0);
    assert_int_equal(vreturn_load_providers_buffer(&r, "addr.csv", address, strlen(address), &err),
                     0);
    VCtx c = {.r = &r};
    const VProvider *p = vctx_provider(&c, "sc200001");
    assert_non_null(p);
    assert_string_equal(p->places, "K2;K1");
    assert_string_equal(p->providers, "PR4");
    assert_string_equal(p->postcode, "ZZ11AB");
    assert_true(p->closed == DATE_NONE);
    assert_null(vctx_provider(&c, "SC999999"));
    const char *no_urn = "Provider,Postcode\nX,ZZ1 1AB\n";
    assert_int_equal(vreturn_load_providers_buffer(&r, "bad.csv", no_urn, strlen(no_urn), &err),
                     ERR_INPUT);
    assert_int_equal(vreturn_load_providers(&r, "/nonexistent/providers.csv", &err), ERR_IO);
    vreturn_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_provider_rules),
                                       cmocka_unit_test(test_provider_lists)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
