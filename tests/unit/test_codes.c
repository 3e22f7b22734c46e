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
        cmocka_unit_test(test_bad_list_is_located),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
