/* Unit tests of the CSV reader: what councils' files look like, and the
 * located errors for what is malformed. */
#include "base/csv.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static int open_text(CsvReader *r, const char *text, Err *err)
{
    return csv_open_buffer(r, "t.csv", text, strlen(text), err);
}

static void test_plain_crlf_and_bom(void **state)
{
    (void)state;
    CsvReader r;
    Err err;
    assert_int_equal(open_text(&r,
                               "\xEF\xBB\xBF"
                               "A,B\r\n1,2\r\n",
                               &err),
                     0);
    assert_int_equal(csv_next(&r, &err), 1);
    assert_int_equal(r.n_fields, 2);
    assert_string_equal(r.fields[0].text, "A"); /* the BOM is not part of the name */
    assert_int_equal(csv_next(&r, &err), 1);
    assert_string_equal(r.fields[1].text, "2"); /* no stray CR */
    assert_int_equal(r.fields[1].line, 2);
    assert_int_equal(r.fields[1].column, 3);
    assert_int_equal(csv_next(&r, &err), 0);
    csv_close(&r);
}

static void test_quoted_fields(void **state)
{
    (void)state;
    CsvReader r;
    Err err;
    assert_int_equal(open_text(&r, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\nx,y,z,w", &err),
                     0);
    assert_int_equal(csv_next(&r, &err), 1);
    assert_int_equal(r.n_fields, 4);
    assert_string_equal(r.fields[0].text, "a,b");
    assert_string_equal(r.fields[1].text, "say \"hi\"");
    assert_string_equal(r.fields[2].text, "two\nlines");
    assert_string_equal(r.fields[3].text, "");
    assert_int_equal(csv_next(&r, &err), 1); /* last line without a newline */
    assert_int_equal(r.record_line, 3);
    assert_string_equal(r.fields[3].text, "w");
    csv_close(&r);
}

static void test_blank_lines_and_empty_fields(void **state)
{
    (void)state;
    CsvReader r;
    Err err;
    assert_int_equal(open_text(&r, "a,,c\n\n\r\n,,\n", &err), 0);
    assert_int_equal(csv_next(&r, &err), 1);
    assert_string_equal(r.fields[1].text, "");
    assert_int_equal(csv_next(&r, &err), 1);
    assert_int_equal(r.record_line, 4);
    assert_int_equal(r.n_fields, 3);
    assert_int_equal(csv_next(&r, &err), 0);
    csv_close(&r);
}

static void test_column_counts_characters(void **state)
{
    (void)state;
    CsvReader r;
    Err err;
    assert_int_equal(open_text(&r, "\xC3\xA9t\xC3\xA9,x\n", &err), 0); /* "été" */
    assert_int_equal(csv_next(&r, &err), 1);
    assert_int_equal(r.fields[1].column, 5);
    csv_close(&r);
}

static void test_errors_are_located(void **state)
{
    (void)state;
    CsvReader r;
    Err err;
    assert_int_equal(open_text(&r, "a,b\nc,d\"e\n", &err), 0);
    assert_int_equal(csv_next(&r, &err), 1);
    assert_int_equal(csv_next(&r, &err), ERR_INPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 4);
    csv_close(&r);

    assert_int_equal(open_text(&r, "a,\"open\n", &err), 0);
    assert_int_equal(csv_next(&r, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "not closed"));
    assert_int_equal(err.column, 3);
    csv_close(&r);

    assert_int_equal(open_text(&r, "\"a\"b\n", &err), 0);
    assert_int_equal(csv_next(&r, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "closing quote"));
    csv_close(&r);
}

static void test_utf16_and_binary_refused(void **state)
{
    (void)state;
    CsvReader r;
    Err err;
    const char utf16[] = "\xFF\xFE"
                         "A\0,\0B\0";
    assert_int_equal(csv_open_buffer(&r, "u.csv", utf16, sizeof utf16 - 1, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "UTF-8"));
    csv_close(&r);
    const char bare16[] = "A\0,\0B\0\n\0";
    assert_int_equal(csv_open_buffer(&r, "u.csv", bare16, sizeof bare16 - 1, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "UTF-16"));
    csv_close(&r);
    const char binary[] = "abc,def\nxyz\0more";
    assert_int_equal(csv_open_buffer(&r, "b.csv", binary, sizeof binary - 1, &err), ERR_INPUT);
    assert_int_equal(err.line, 2);
    csv_close(&r);
}

static void test_writer_quotes_when_needed(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    const char *row[] = {"plain", "a,b", "say \"hi\"", NULL};
    csv_write_row(out, row, 4);
    fclose(out);
    assert_string_equal(buf, "plain,\"a,b\",\"say \"\"hi\"\"\",\n");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_crlf_and_bom),
        cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_blank_lines_and_empty_fields),
        cmocka_unit_test(test_column_counts_characters),
        cmocka_unit_test(test_errors_are_located),
        cmocka_unit_test(test_utf16_and_binary_refused),
        cmocka_unit_test(test_writer_quotes_when_needed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
