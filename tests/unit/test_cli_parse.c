/* Unit tests of the command line's one option parser: typed checks, required
 * options, flags and operands, the messages for each mistake, the help it
 * writes from the same table, and how a service's error is said with the
 * option's name. */
#include "cli/cli.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static const char *const colours[] = {"red", "green", NULL};

static const CliOption options[] = {
    {"db", "FILE", "the database", NULL, true, 0, 0, NULL},
    {"at", "DATE", "the date", cli_check_date, false, 0, 0, NULL},
    {"year", "YYYY/YY", "the collection year", cli_check_year, false, 0, 0, NULL},
    {"n", "N", "a number", cli_check_number, false, 1, 100, NULL},
    {"colour", NULL, "a colour", cli_check_choice, false, 0, 0, colours},
    {"quiet", NULL, "say less", NULL, false, 0, 0, NULL},
};

static int never_run(const CliArgs *a, const AppContext *ctx, const Actor *actor, Err *err)
{
    (void)a, (void)ctx, (void)actor, (void)err;
    return -1;
}

static const CliCommand with_paths = {
    "try", "a command for the tests", options, 6, "PATH...", true, never_run, 0,
};
static const CliCommand no_paths = {
    "plain", "a command without operands", options, 6, NULL, false, never_run, 0,
};

/* Parses the words (NULL-terminated) after the command name. */
static int parse(const CliCommand *cmd, CliArgs *a, Err *err, ...)
{
    char *argv[32] = {(char *)cmd->name};
    int argc = 1;
    va_list ap;
    va_start(ap, err);
    for (char *w; (w = va_arg(ap, char *)) != NULL;) argv[argc++] = w;
    va_end(ap);
    return cli_parse(cmd, argc, argv, a, err);
}

static void test_typed_values(void **state)
{
    (void)state;
    CliArgs a;
    Err err;
    assert_int_equal(parse(&with_paths, &a, &err, "--db", "x.db", "--at=31/03/2010", "--year",
                           "2009/10", "--n", "7", "--colour", "green", "--quiet", "p1", "p2", NULL),
                     0);
    assert_string_equal(cli_text(&a, "db"), "x.db");
    assert_int_equal(cli_value(&a, "at")->date, date_from_ymd(2010, 3, 31));
    assert_int_equal(cli_value(&a, "year")->year, 2010);
    assert_int_equal(cli_value(&a, "n")->number, 7);
    assert_int_equal(cli_value(&a, "colour")->choice, 1);
    assert_true(cli_flag(&a, "quiet"));
    assert_int_equal(a.n_operands, 2);
    assert_string_equal(a.operands[1], "p2");
    cli_args_free(&a);

    /* Absent options are not given; an option the table lacks never is. */
    assert_int_equal(parse(&with_paths, &a, &err, "p", "--db", "x.db", NULL), 0);
    assert_false(cli_flag(&a, "quiet"));
    assert_null(cli_text(&a, "at"));
    assert_false(cli_value(&a, "no-such")->given);
    assert_string_equal(a.operands[0], "p");
    cli_args_free(&a);
}

/* Parses and expects ERR_USAGE with exactly the message want. */
#define EXPECT_MESSAGE(cmd, want, ...)                                          \
    do {                                                                        \
        CliArgs a_;                                                             \
        Err err_;                                                               \
        assert_int_equal(parse(cmd, &a_, &err_, __VA_ARGS__, NULL), ERR_USAGE); \
        assert_string_equal(err_.msg, want);                                    \
        cli_args_free(&a_);                                                     \
    } while (0)

static void test_mistakes_named(void **state)
{
    (void)state;
    EXPECT_MESSAGE(&with_paths, "unknown option --dbx", "--dbx", "y", "p");
    EXPECT_MESSAGE(&with_paths, "option --quiet takes no value", "--db", "d", "--quiet=yes", "p");
    EXPECT_MESSAGE(&with_paths, "option --at needs a value", "--db", "d", "p", "--at");
    EXPECT_MESSAGE(&with_paths, "--db FILE is required", "p");
    EXPECT_MESSAGE(&with_paths, "give at least one PATH", "--db", "d");
    EXPECT_MESSAGE(&no_paths, "unexpected argument 'p'", "--db", "d", "p");
    EXPECT_MESSAGE(&with_paths, "--at: '2010-02-30' is not a date (use YYYY-MM-DD or dd/mm/yyyy)",
                   "--db", "d", "--at", "2010-02-30", "p");
    EXPECT_MESSAGE(&with_paths, "--year: '2010-2012' is not a collection year such as 2025/26",
                   "--db", "d", "--year", "2010-2012", "p");
    EXPECT_MESSAGE(&with_paths, "--n: '0' is not a whole number from 1 to 100", "--db", "d", "--n",
                   "0", "p");
    EXPECT_MESSAGE(&with_paths, "--n: '5x' is not a whole number from 1 to 100", "--db", "d", "--n",
                   "5x", "p");
    EXPECT_MESSAGE(&with_paths, "--colour: 'blue' is not one of red, green", "--db", "d",
                   "--colour", "blue", "p");
}

static void test_help_from_the_table(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    cli_print_help(out, &with_paths);
    fclose(out);
    const char *usage = "usage: carepledge try --db FILE [--at DATE] [--year YYYY/YY] [--n N] "
                        "[--colour red|green] [--quiet] PATH...\n\na command for the tests\n";
    assert_memory_equal(text, usage, strlen(usage));
    for (int k = 0; k < 6; k++) assert_non_null(strstr(text, options[k].help));
    assert_non_null(strstr(text, "\n  --colour red|green"));
    free(text);
}

static void test_service_errors_said_with_the_option(void **state)
{
    (void)state;
    Err err;
    err_set(&err, ERR_USAGE, "'E07000001' is a shire district");
    err_param(&err, "at");
    Err said = cli_error_said(&with_paths, &err);
    assert_string_equal(said.msg, "--at 'E07000001' is a shire district");

    /* Located: the option and its argument follow the message. */
    err_at(&err, ERR_INPUT, "h.csv", 0, 0, NULL, "cannot tell the year");
    err_param(&err, "year");
    said = cli_error_said(&with_paths, &err);
    assert_string_equal(said.msg, "cannot tell the year (--year YYYY/YY)");
    assert_string_equal(said.file, "h.csv");

    /* A parameter the command has no option for is left as the service said it. */
    err_set(&err, ERR_NOT_FOUND, "'X' is not in the database");
    err_param(&err, "child");
    said = cli_error_said(&with_paths, &err);
    assert_string_equal(said.msg, "'X' is not in the database");
    /* err_set forgets an earlier parameter. */
    err_set(&err, ERR_USAGE, "plain");
    assert_string_equal(err.param, "");
}

static void test_error_kinds(void **state)
{
    (void)state;
    assert_int_equal(err_kind(0), ERR_KIND_NONE);
    assert_int_equal(err_kind(ERR_USAGE), ERR_KIND_INVALID);
    assert_int_equal(err_kind(ERR_INPUT), ERR_KIND_INVALID);
    assert_int_equal(err_kind(ERR_NOT_FOUND), ERR_KIND_NOT_FOUND);
    assert_int_equal(err_kind(ERR_STATE), ERR_KIND_CONFLICT);
    assert_int_equal(err_kind(ERR_FORBIDDEN), ERR_KIND_FORBIDDEN);
    assert_int_equal(err_kind(ERR_IO), ERR_KIND_UNAVAILABLE);
    assert_int_equal(err_kind(ERR_DB), ERR_KIND_UNAVAILABLE);
    assert_int_equal(err_kind(-99), ERR_KIND_INTERNAL);
    assert_string_equal(err_kind_name(ERR_KIND_NOT_FOUND), "not_found");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_values),
        cmocka_unit_test(test_mistakes_named),
        cmocka_unit_test(test_help_from_the_table),
        cmocka_unit_test(test_service_errors_said_with_the_option),
        cmocka_unit_test(test_error_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
