/* Unit tests of render/json, the one JSON writer: the bytes it writes for
 * quotes, control characters, non-ASCII and invalid UTF-8, how figures written
 * as text become numbers, and the layout of a streamed document. Every output
 * is also parsed back with jansson, so none can be invalid JSON. */
#include "render/format.h"
#include "render/json.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* What render_json_write writes for v (reference taken), without the newline;
 * asserts it parses. Caller frees. */
static char *written(json_t *v)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    render_json_write(out, v);
    json_decref(v);
    fclose(out);
    assert_true(len > 0 && buf[len - 1] == '\n');
    buf[len - 1] = '\0';
    json_error_t error;
    json_t *back = json_loads(buf, JSON_DECODE_ANY, &error);
    if (!back) fail_msg("not valid JSON: %s (%s)", buf, error.text);
    json_decref(back);
    return buf;
}

static void expect_written(json_t *v, const char *expected)
{
    char *got = written(v);
    assert_string_equal(got, expected);
    free(got);
}

static void test_quotes_and_backslash(void **state)
{
    (void)state;
    expect_written(render_json_text("say \"hi\" C:\\dir"), "\"say \\\"hi\\\" C:\\\\dir\"");
    expect_written(render_json_text("a/b"), "\"a/b\""); /* the slash is left alone */
}

static void test_control_characters(void **state)
{
    (void)state;
    /* \r and \t as their short escapes, like \n; the rest as \u00XX */
    expect_written(render_json_text("a\nb\rc\td"), "\"a\\nb\\rc\\td\"");
    expect_written(render_json_text("\x01\x1f\x7f"), "\"\\u0001\\u001F\x7f\"");
    expect_written(render_json_text("\b\f"), "\"\\b\\f\"");
}

static void test_non_ascii_kept(void **state)
{
    (void)state;
    /* é, ✓ and a character outside the Basic Multilingual Plane, as UTF-8 */
    const char *s = "Zo\xC3\xA9 \xE2\x9C\x93 \xF0\x9D\x84\x9E";
    char expected[64];
    snprintf(expected, sizeof expected, "\"%s\"", s);
    expect_written(render_json_text(s), expected);
}

static void test_invalid_utf8_replaced(void **state)
{
    (void)state;
    /* a stray byte, a Latin-1 é (as a Windows file might hold) */
    expect_written(render_json_text("a\xFF"
                                    "b"),
                   "\"a\xEF\xBF\xBD"
                   "b\"");
    expect_written(render_json_text("Zo\xE9"), "\"Zo\xEF\xBF\xBD\"");
    /* a sequence cut short at the end: each byte replaced */
    expect_written(render_json_text("x\xE2\x82"), "\"x\xEF\xBF\xBD\xEF\xBF\xBD\"");
    /* an overlong "/" and a UTF-16 surrogate are not UTF-8 either */
    expect_written(render_json_text("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    expect_written(render_json_text("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    /* above U+10FFFF */
    expect_written(render_json_text("\xF4\x90\x80\x80"),
                   "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    expect_written(render_json_text(NULL), "null");
}

static void test_invalid_utf8_key(void **state)
{
    (void)state;
    json_t *obj = json_object();
    render_json_set(obj, "k\xFF", json_integer(1));
    expect_written(obj, "{\"k\xEF\xBF\xBD\": 1}");
}

static void test_numbers_from_text(void **state)
{
    (void)state;
    json_t *v = render_json_number_text("12");
    assert_true(json_is_integer(v));
    expect_written(v, "12");
    expect_written(render_json_number_text("-3"), "-3");
    /* a difference rounded to "-0" keeps its sign (jq, too, reads -0.0 as -0) */
    expect_written(render_json_number_text("-0"), "-0.0");
    expect_written(render_json_number_text("0"), "0");
    v = render_json_number_text("12.5");
    assert_true(json_is_real(v));
    expect_written(v, "12.5");
    /* a decimal keeps its digits: not 33.299999999999997 */
    expect_written(render_json_number_text("33.3"), "33.3");
    expect_written(render_json_number_text("0.1"), "0.1");
    expect_written(render_json_number_text("0.0"), "0.0");
    expect_written(render_json_number_text("100.0"), "100.0");
    /* too big for an integer: a real, still a number */
    v = render_json_number_text("99999999999999999999"); /* json_is_real reads v twice */
    assert_true(json_is_real(v));
    json_decref(v);
    /* not numbers by the JSON grammar: kept as text */
    expect_written(render_json_number_text("c"), "\"c\"");
    expect_written(render_json_number_text("z"), "\"z\"");
    expect_written(render_json_number_text("007"), "\"007\"");
    expect_written(render_json_number_text(" 1"), "\" 1\"");
    expect_written(render_json_number_text("1."), "\"1.\"");
    expect_written(render_json_number_text("0x10"), "\"0x10\"");
    expect_written(render_json_number_text("nan"), "\"nan\"");
    expect_written(render_json_number_text("1e400"), "\"1e400\"");
    /* no figure at all */
    expect_written(render_json_number_text(""), "null");
    expect_written(render_json_number_text(NULL), "null");
}

static void test_numbers_from_double(void **state)
{
    (void)state;
    json_t *v = render_json_double(80.0);
    assert_true(json_is_integer(v)); /* a target of 80 is written 80, not 80.0 */
    expect_written(v, "80");
    expect_written(render_json_double(12.5), "12.5");
    expect_written(render_json_double(-0.25), "-0.25");
    expect_written(render_json_double(-0.0), "-0.0");
    expect_written(render_json_double(NAN), "null");
    expect_written(render_json_double(INFINITY), "null");
}

/* What a streamed document writes. Caller frees. */
static char *stream_example(void (*write)(RenderJson *))
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    RenderJson w;
    render_json_start(&w, out);
    write(&w);
    fclose(out);
    json_error_t error;
    json_t *back = json_loads(buf, 0, &error);
    if (!back) fail_msg("not valid JSON: %s (%s)", buf, error.text);
    json_decref(back);
    return buf;
}

static void write_report(RenderJson *w)
{
    render_json_open_object(w, NULL);
    render_json_put(w, "year", render_json_text("2025/26"));
    json_t *summary = json_object();
    render_json_set(summary, "rules", json_integer(2));
    render_json_set(summary, "ok", json_true());
    render_json_put(w, "summary", summary);
    render_json_open_array(w, "rows");
    json_t *row = json_object();
    render_json_set(row, "b", render_json_text("x"));
    render_json_set(row, "a", render_json_number_text("1.5"));
    render_json_put(w, NULL, row);
    render_json_put(w, NULL, json_integer(2));
    render_json_close(w);
    render_json_open_array(w, "none");
    render_json_close(w);
    render_json_close(w);
}

static void test_stream_layout(void **state)
{
    (void)state;
    char *got = stream_example(write_report);
    /* a member or element per line; keys in the order they were set */
    assert_string_equal(got, "{\n"
                             "  \"year\": \"2025/26\",\n"
                             "  \"summary\": {\"rules\": 2, \"ok\": true},\n"
                             "  \"rows\": [\n"
                             "    {\"b\": \"x\", \"a\": 1.5},\n"
                             "    2\n"
                             "  ],\n"
                             "  \"none\": []\n"
                             "}\n");
    free(got);
}

static void write_empty_array(RenderJson *w)
{
    render_json_open_array(w, NULL);
    render_json_close(w);
}

static void test_stream_empty(void **state)
{
    (void)state;
    char *got = stream_example(write_empty_array);
    assert_string_equal(got, "[]\n");
    free(got);
}

static void test_format_parse(void **state)
{
    (void)state;
    OutputFormat f;
    Err err;
    assert_int_equal(render_format_parse(NULL, RENDER_FORMATS_TABLE, &f, &err), 0);
    assert_int_equal(f, FORMAT_TEXT);
    assert_int_equal(render_format_parse("json", RENDER_FORMATS_TABLE, &f, &err), 0);
    assert_int_equal(f, FORMAT_JSON);
    unsigned card = RENDER_FORMATS_TABLE | RENDER_FORMAT_BIT(FORMAT_PDF);
    assert_int_equal(render_format_parse("pdf", card, &f, &err), 0);
    assert_int_equal(f, FORMAT_PDF);
    /* a format the command does not write is refused, naming those it does */
    assert_int_equal(render_format_parse("pdf", RENDER_FORMATS_TABLE, &f, &err), ERR_USAGE);
    assert_string_equal(err.msg, "format 'pdf' is not one of text, csv, json");
    assert_int_equal(render_format_parse("JSON", card, &f, &err), ERR_USAGE);
    assert_string_equal(err.msg, "format 'JSON' is not one of text, csv, json, pdf");
    assert_string_equal(render_format_name(FORMAT_MARKDOWN), "markdown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quotes_and_backslash), cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_non_ascii_kept),       cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_invalid_utf8_key),     cmocka_unit_test(test_numbers_from_text),
        cmocka_unit_test(test_numbers_from_double),  cmocka_unit_test(test_stream_layout),
        cmocka_unit_test(test_stream_empty),         cmocka_unit_test(test_format_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
