/* Unit tests of the PostgreSQL array literal (store/pg_array.h): what a value
 * holding the literal's own punctuation becomes, NULL against the text
 * "NULL", the empty array, and a literal built again after a clear. */
#include "store/pg_array.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

static void test_elements_are_quoted_and_escaped(void **state)
{
    (void)state;
    PgArray a = {0};
    pg_array_add(&a, "C001");
    pg_array_add(&a, "say \"no\"");
    pg_array_add(&a, "back\\slash");
    pg_array_add(&a, "a,b}{");
    assert_string_equal(pg_array_end(&a),
                        "{\"C001\",\"say \\\"no\\\"\",\"back\\\\slash\",\"a,b}{\"}");
    assert_int_equal(a.n, 4);
    pg_array_free(&a);
}

static void test_null_is_the_bare_word_and_the_text_is_quoted(void **state)
{
    (void)state;
    PgArray a = {0};
    pg_array_add(&a, NULL);
    pg_array_add(&a, "NULL");
    pg_array_add(&a, "");
    assert_string_equal(pg_array_end(&a), "{NULL,\"NULL\",\"\"}");
    pg_array_free(&a);
}

static void test_empty_and_cleared(void **state)
{
    (void)state;
    PgArray a = {0};
    assert_string_equal(pg_array_end(&a), "{}");
    pg_array_clear(&a);
    for (int i = 0; i < 1000; i++) pg_array_add(&a, "0123456789");
    pg_array_end(&a);
    pg_array_clear(&a);
    assert_int_equal(a.n, 0);
    pg_array_add(&a, "x");
    assert_string_equal(pg_array_end(&a), "{\"x\"}");
    pg_array_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_elements_are_quoted_and_escaped),
        cmocka_unit_test(test_null_is_the_bare_word_and_the_text_is_quoted),
        cmocka_unit_test(test_empty_and_cleared),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
