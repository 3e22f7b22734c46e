/* Unit tests of the 903 code lists: validity by collection year. */
#include "domain/codes.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

static void test_shipped_lists(void **state)
{
    (void)state;
    CodeLists *cl;
    Err err;
    assert_int_equal(codes_load_default(&cl, &err), 0);
    assert_true(codes_has_list(cl, "LS"));
    assert_false(codes_has_list(cl, "CHILD"));
    assert_true(codes_valid(cl, "LS", "V2", 2010));
    assert_false(codes_valid(cl, "LS", "v2", 2010)); /* callers upper-case first */
    assert_false(codes_valid(cl, "LS", "X9", 2010));
    assert_string_equal(codes_meaning(cl, "LS", "C2"), "Full care order");
    codes_free(cl);
}

static void test_years_of_validity(void **state)
{
    (void)state;
    CodeLists *cl;
    Err err;
    assert_int_equal(codes_load_default(&cl, &err), 0);
    /* Supported accommodation: H5 until 2024/25, K3 from 2025/26. */
    assert_true(codes_valid(cl, "PLACE", "H5", 2025));
    assert_false(codes_valid(cl, "PLACE", "H5", 2026));
    assert_false(codes_valid(cl, "PLACE", "K3", 2025));
    assert_true(codes_valid(cl, "PLACE", "K3", 2026));
    codes_free(cl);
}

/* The codes of the strategy's years and of the years between (sources:
 * data/903-codes-sources.md). */
static void test_codes_of_each_era(void **state)
{
    (void)state;
    CodeLists *cl;
    Err err;
    assert_int_equal(codes_load_default(&cl, &err), 0);
    /* Foster codes: F1-F6 to 2008/09, Q1/Q2 to 2013/14, U1-U6 from 2014/15. */
    assert_true(codes_valid(cl, "PLACE", "F3", 2001));
    assert_true(codes_valid(cl, "PLACE", "F6", 2009));
    assert_false(codes_valid(cl, "PLACE", "F6", 2010));
    assert_false(codes_valid(cl, "PLACE", "Q2", 2009));
    assert_true(codes_valid(cl, "PLACE", "Q2", 2010));
    assert_true(codes_valid(cl, "PLACE", "Q1", 2014));
    assert_false(codes_valid(cl, "PLACE", "Q1", 2015));
    assert_false(codes_valid(cl, "PLACE", "U4", 2014));
    assert_true(codes_valid(cl, "PLACE", "U4", 2015));
    /* P2 and Z1 to 2024/25, Z11-Z14 from 2025/26. */
    assert_true(codes_valid(cl, "PLACE", "P2", 2017));
    assert_true(codes_valid(cl, "PLACE", "Z1", 2017));
    assert_true(codes_valid(cl, "PLACE", "Z1", 2025));
    assert_false(codes_valid(cl, "PLACE", "Z1", 2026));
    assert_false(codes_valid(cl, "PLACE", "Z11", 2025));
    assert_true(codes_valid(cl, "PLACE", "Z14", 2026));
    /* Placement orders exist from 2005/06 (ACA 2002 s21). */
    assert_false(codes_valid(cl, "LS", "E1", 2005));
    assert_true(codes_valid(cl, "LS", "E1", 2006));
    assert_true(codes_valid(cl, "LS", "D1", 2005));
    /* Secure units and homes inside/outside the boundary, then K1/K2; adoption
     * placements before and after the Adoption and Children Act 2002. */
    assert_true(codes_valid(cl, "PLACE", "H4", 2009));
    assert_false(codes_valid(cl, "PLACE", "H4", 2010));
    assert_false(codes_valid(cl, "PLACE", "K2", 2009));
    assert_true(codes_valid(cl, "PLACE", "K2", 2010));
    assert_true(codes_valid(cl, "PLACE", "A2", 2006));
    assert_false(codes_valid(cl, "PLACE", "A2", 2007));
    assert_false(codes_valid(cl, "PLACE", "A5", 2005));
    assert_true(codes_valid(cl, "PLACE", "A5", 2006));
    /* REC E4 and the SGO codes split in 2015/16. */
    assert_true(codes_valid(cl, "REC", "E4", 2015));
    assert_false(codes_valid(cl, "REC", "E4", 2016));
    assert_false(codes_valid(cl, "REC", "E4A", 2015));
    assert_true(codes_valid(cl, "REC", "E4B", 2016));
    assert_true(codes_valid(cl, "REC", "E43", 2010));
    assert_false(codes_valid(cl, "REC", "E46", 2010));
    /* ACTIV: F3/P3 before the apprenticeship codes. */
    assert_true(codes_valid(cl, "ACTIV", "F3", 2010));
    assert_true(codes_valid(cl, "ACTIV", "P3", 2019));
    assert_false(codes_valid(cl, "ACTIV", "F3", 2020));
    assert_false(codes_valid(cl, "ACTIV", "F4", 2015));
    assert_true(codes_valid(cl, "ACTIV", "P5", 2016));
    /* SEX 1/2 to 2025/26, M/F/U from 2024/25 (both accepted in between). */
    assert_true(codes_valid(cl, "SEX", "1", 2001));
    assert_false(codes_valid(cl, "SEX", "M", 2010));
    assert_true(codes_valid(cl, "SEX", "2", 2025));
    assert_true(codes_valid(cl, "SEX", "F", 2025));
    assert_false(codes_valid(cl, "SEX", "2", 2027));
    /* Reasons for a placement change from 2015/16; social workers from 2023/24. */
    assert_false(codes_valid(cl, "REASON_PLACE_CHANGE", "CARPL", 2015));
    assert_true(codes_valid(cl, "REASON_PLACE_CHANGE", "CARPL", 2016));
    assert_false(codes_valid(cl, "SW_REASON", "MANAGE", 2023));
    assert_true(codes_valid(cl, "SW_REASON", "MANAGE", 2024));
    codes_free(cl);
}

/* Every renamed code maps to a code of the current lists (valid in 2026/27),
 * and every code valid in 2026/27 maps to itself. */
static void test_old_codes_read_as_current(void **state)
{
    (void)state;
    CodeLists *cl;
    Err err;
    assert_int_equal(codes_load_default(&cl, &err), 0);
    static const char *const old[][2] = {
        {"PLACE", "F1"}, {"PLACE", "F2"}, {"PLACE", "F3"}, {"PLACE", "F4"}, {"PLACE", "F5"},
        {"PLACE", "F6"}, {"PLACE", "Q1"}, {"PLACE", "Q2"}, {"PLACE", "H1"}, {"PLACE", "H2"},
        {"PLACE", "H3"}, {"PLACE", "H4"}, {"PLACE", "H5"}, {"PLACE", "P2"}, {"REC", "E4"},
        {"REC", "E43"},  {"REC", "E44"},  {"ACTIV", "F3"}, {"ACTIV", "P3"},
    };
    for (size_t i = 0; i < sizeof old / sizeof old[0]; i++) {
        const char *now = codes_current(old[i][0], old[i][1]);
        assert_string_not_equal(now, old[i][1]);
        assert_false(codes_valid(cl, old[i][0], old[i][1], 2027));
        assert_true(codes_valid(cl, old[i][0], now, 2027));
    }
    /* Older foster codes never become long-term fostering (U1, U4), which
     * they did not record; relatives and friends stay relatives and friends. */
    assert_string_equal(codes_current("PLACE", "F1"), "U3");
    assert_string_equal(codes_current("PLACE", "F4"), "U3");
    assert_string_equal(codes_current("PLACE", "F5"), "U6");
    assert_string_equal(codes_current("PLACE", "Q2"), "U6");
    assert_string_equal(codes_current("PLACE", "H2"), "K1");
    assert_string_equal(codes_current("PLACE", "H3"), "K2");
    assert_string_equal(codes_current("REC", "E4"), "E4A");
    assert_string_equal(codes_current("ACTIV", "F3"), "F5");
    /* Current codes, and a code of another field with the same letters. */
    assert_string_equal(codes_current("PLACE", "U4"), "U4");
    assert_string_equal(codes_current("PLACE", "K3"), "K3");
    assert_string_equal(codes_current("ACTIV", "F4"), "F4");
    assert_string_equal(codes_current("PREV_PERM", "P2"), "P2");
    assert_string_equal(codes_current("ACCOM", "Z1"), "Z1");
    assert_string_equal(codes_current("PLACE", ""), "");
    codes_free(cl);
}

static void test_bad_list_is_located(void **state)
{
    (void)state;
    CodeLists *cl = NULL;
    Err err;
    const char *text = "field,code,meaning,from_year,to_year\nLS,C2,Care order,,\nLS,C1\n";
    assert_int_equal(codes_load_text("c.csv", text, strlen(text), &cl, &err), ERR_INPUT);
    assert_int_equal(err.line, 3);
    assert_null(cl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_lists),
        cmocka_unit_test(test_years_of_validity),
        cmocka_unit_test(test_codes_of_each_era),
        cmocka_unit_test(test_old_codes_read_as_current),
        cmocka_unit_test(test_bad_list_is_located),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
