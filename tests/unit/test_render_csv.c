/* Unit tests of render/csv: cells a spreadsheet would run as a formula get a
 * quote in front (OWASP's advice on CSV injection); numbers, plain text and
 * raw output are written as they are. */
#include "render/csv.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* The row as render_csv_row writes it, in buf. */
static void row_text(const char *const *cells, int n, char *buf, size_t size)
{
    FILE *f = fmemopen(buf, size, "w");
    assert_non_null(f);
    render_csv_row(f, cells, n);
    fclose(f);
}

static void test_formulas_are_neutralised(void **state)
{
    (void)state;
    render_csv_set_raw(false);
    char buf[256];
    const char *cells[] = {"=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "=\"a\",b"};
    row_text(cells, 7, buf, sizeof buf);
    assert_string_equal(buf, "\"'=1+1\",\"'+SUM(A1)\",\"'-2+3\",\"'@cmd\",\"'\tx\",\"'\rx\","
                             "\"'=\"\"a\"\",b\"\n");
}

static void test_numbers_and_text_unchanged(void **state)
{
    (void)state;
    render_csv_set_raw(false);
    char buf[256];
    const char *cells[] = {"-3", "+12", "-0.5", "C000001", "a,b", "", NULL, "x=1", "-", "-."};
    row_text(cells, 10, buf, sizeof buf);
    /* "-" and "-." are not numbers: a spreadsheet reads them as the start of one. */
    assert_string_equal(buf, "-3,+12,-0.5,C000001,\"a,b\",,,x=1,\"'-\",\"'-.\"\n");
    assert_false(render_csv_is_formula("-3"));
    assert_false(render_csv_is_formula("12"));
    assert_true(render_csv_is_formula("-3-4"));
    assert_false(render_csv_is_formula("1.2.3"));
}

static void test_raw_output_as_it_is(void **state)
{
    (void)state;
    render_csv_set_raw(true);
    char buf[256];
    const char *cells[] = {"=1+1", "@cmd", "a,b"};
    row_text(cells, 3, buf, sizeof buf);
    render_csv_set_raw(false);
    assert_string_equal(buf, "=1+1,@cmd,\"a,b\"\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formulas_are_neutralised),
        cmocka_unit_test(test_numbers_and_text_unchanged),
        cmocka_unit_test(test_raw_output_as_it_is),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
