/* test_calendar: the England and Wales working-day calendar (base/calendar.c).
 *
 * Known dates come from the computus, BFDA 1971 Sch 1, the yearly
 * proclamations and the announced one-off holidays (docs/calendar.md lists
 * where each was checked). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

static Date ymd(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static int setup_default(void **state)
{
    Calendar *cal = malloc(sizeof *cal);
    Err err = {0};
    if (calendar_load_default(cal, &err) != 0) {
        err_print(&err, stderr);
        calendar_free(cal);
        free(cal);
        return -1;
    }
    *state = cal;
    return 0;
}

static int teardown_default(void **state)
{
    calendar_free(*state);
    free(*state);
    return 0;
}

static void assert_holiday(const Calendar *cal, Date d, const char *name)
{
    char iso[DATE_FMT_LEN];
    const char *got = calendar_holiday_name(cal, d);
    if (!got || strcmp(got, name) != 0)
        fail_msg("%s: expected holiday '%s', got '%s'", date_format_iso(d, iso), name,
                 got ? got : "(none)");
    assert_false(calendar_is_working_day(cal, d));
}

static void assert_working(const Calendar *cal, Date d)
{
    char iso[DATE_FMT_LEN];
    if (!calendar_is_working_day(cal, d))
        fail_msg("%s: expected a working day, it is '%s'", date_format_iso(d, iso),
                 calendar_holiday_name(cal, d) ? calendar_holiday_name(cal, d) : "weekend");
    assert_null(calendar_holiday_name(cal, d));
}

/* ---- Easter ---- */

static void test_easter_known_years(void **state)
{
    (void)state;
    static const int known[][3] = {
        {2008, 3, 23}, {2011, 4, 24}, {2019, 4, 21}, {2024, 3, 31}, {2025, 4, 20},
        {2038, 4, 25}, {1818, 3, 22}, {2285, 3, 22}, {1943, 4, 25}, {2000, 4, 23},
        {1970, 3, 29}, {2022, 4, 17}, {2026, 4, 5},  {2027, 3, 28}, {2100, 3, 28},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        assert_int_equal(calendar_easter_sunday(known[i][0]),
                         ymd(known[i][0], known[i][1], known[i][2]));
}

static void test_easter_always_sunday_in_window(void **state)
{
    (void)state;
    for (int y = 1583; y <= 4099; y++) {
        Date e = calendar_easter_sunday(y);
        assert_int_equal(date_weekday(e), 6);
        assert_in_range(e, ymd(y, 3, 22), ymd(y, 4, 25));
    }
}

static void test_good_friday_and_easter_monday(void **state)
{
    const Calendar *cal = *state;
    assert_holiday(cal, ymd(2025, 4, 18), "Good Friday");
    assert_holiday(cal, ymd(2025, 4, 21), "Easter Monday");
    assert_holiday(cal, ymd(2024, 3, 29), "Good Friday");
    assert_holiday(cal, ymd(2024, 4, 1), "Easter Monday");
    assert_working(cal, ymd(2025, 4, 17));
    assert_working(cal, ymd(2025, 4, 22));
}

/* ---- Christmas, Boxing Day and New Year substitutes ---- */

static void test_christmas_on_saturday(void **state)
{
    const Calendar *cal = *state;
    static const int years[] = {2004, 2010, 2021, 2027};
    for (size_t i = 0; i < sizeof years / sizeof years[0]; i++) {
        int y = years[i];
        assert_holiday(cal, ymd(y, 12, 25), "Christmas Day");
        assert_holiday(cal, ymd(y, 12, 26), "Boxing Day");
        assert_holiday(cal, ymd(y, 12, 27), "Christmas Day (substitute day)");
        assert_holiday(cal, ymd(y, 12, 28), "Boxing Day (substitute day)");
        assert_working(cal, ymd(y, 12, 29));
    }
}

static void test_christmas_on_sunday(void **state)
{
    const Calendar *cal = *state;
    static const int years[] = {2011, 2016, 2022};
    for (size_t i = 0; i < sizeof years / sizeof years[0]; i++) {
        int y = years[i];
        assert_holiday(cal, ymd(y, 12, 26), "Boxing Day");
        assert_holiday(cal, ymd(y, 12, 27), "Christmas Day (substitute day)");
        assert_working(cal, ymd(y, 12, 28));
    }
}

static void test_boxing_day_on_saturday(void **state)
{
    const Calendar *cal = *state;
    assert_holiday(cal, ymd(2020, 12, 25), "Christmas Day");
    assert_holiday(cal, ymd(2020, 12, 28), "Boxing Day (substitute day)");
    assert_working(cal, ymd(2020, 12, 29));
    assert_holiday(cal, ymd(2026, 12, 28), "Boxing Day (substitute day)");
}

static void test_new_year_substitutes(void **state)
{
    const Calendar *cal = *state;
    assert_holiday(cal, ymd(2011, 1, 3), "New Year's Day (substitute day)"); /* Sat */
    assert_holiday(cal, ymd(2012, 1, 2), "New Year's Day (substitute day)"); /* Sun */
    assert_holiday(cal, ymd(2017, 1, 2), "New Year's Day (substitute day)"); /* Sun */
    assert_holiday(cal, ymd(2022, 1, 3), "New Year's Day (substitute day)"); /* Sat */
    assert_holiday(cal, ymd(2023, 1, 2), "New Year's Day (substitute day)"); /* Sun */
    assert_holiday(cal, ymd(2028, 1, 3), "New Year's Day (substitute day)"); /* Sat */
    assert_working(cal, ymd(2012, 1, 3));
    assert_working(cal, ymd(2022, 1, 4));
    assert_holiday(cal, ymd(2026, 1, 1), "New Year's Day");
    assert_working(cal, ymd(2026, 1, 2));
}

static void test_rules_start_years(void **state)
{
    const Calendar *cal = *state;
    assert_working(cal, ymd(1973, 1, 1)); /* New Year's Day from 1974 */
    assert_holiday(cal, ymd(1974, 1, 1), "New Year's Day");
    assert_working(cal, ymd(1977, 5, 2)); /* early May from 1978 */
    assert_holiday(cal, ymd(1978, 5, 1), "Early May bank holiday");
}

/* England and Wales have eight holidays a year (New Year's Day, Good Friday,
 * Easter Monday, early May, spring, summer, Christmas Day, Boxing Day), and
 * with substitute days all eight fall on weekdays. The one-off years have more. */
static void test_weekday_holidays_per_year(void **state)
{
    const Calendar *cal = *state;
    static const int special[][2] = {{1981, 9}, {1999, 9},  {2002, 9}, {2011, 9},
                                     {2012, 9}, {2022, 10}, {2023, 9}};
    for (int y = 1978; y <= CAL_LAST_YEAR; y++) {
        int want = 8;
        for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
            if (special[i][0] == y) want = special[i][1];
        int n = 0;
        for (Date d = ymd(y, 1, 1); d <= ymd(y, 12, 31); d++)
            n += date_weekday(d) < 5 && !calendar_is_working_day(cal, d);
        if (n != want) fail_msg("%d has %d weekday holidays, expected %d", y, n, want);
    }
}

/* ---- One-off and moved holidays (data/bank-holidays.csv) ---- */

static void test_one_off_holidays(void **state)
{
    const Calendar *cal = *state;
    assert_holiday(cal, ymd(1999, 12, 31), "Millennium bank holiday");
    assert_holiday(cal, ymd(2002, 6, 3), "Golden Jubilee bank holiday");
    assert_holiday(cal, ymd(2011, 4, 29), "Royal wedding (Prince William)");
    assert_holiday(cal, ymd(2012, 6, 5), "Diamond Jubilee bank holiday");
    assert_holiday(cal, ymd(2022, 6, 3), "Platinum Jubilee bank holiday");
    assert_holiday(cal, ymd(2022, 9, 19), "State Funeral of Queen Elizabeth II");
    assert_holiday(cal, ymd(2023, 5, 8), "Coronation of King Charles III");
    assert_holiday(cal, ymd(1977, 6, 7), "Silver Jubilee bank holiday");
    assert_holiday(cal, ymd(1981, 7, 29), "Royal wedding (Prince of Wales)");
    assert_holiday(cal, ymd(1973, 11, 14), "Royal wedding (Princess Anne)");
}

static void test_moved_spring_holidays(void **state)
{
    const Calendar *cal = *state;
    assert_working(cal, ymd(2002, 5, 27));
    assert_holiday(cal, ymd(2002, 6, 4), "Spring bank holiday");
    assert_working(cal, ymd(2012, 5, 28));
    assert_holiday(cal, ymd(2012, 6, 4), "Spring bank holiday");
    assert_working(cal, ymd(2022, 5, 30));
    assert_holiday(cal, ymd(2022, 6, 2), "Spring bank holiday");
    assert_working(cal, ymd(1977, 5, 30));
    assert_holiday(cal, ymd(1977, 6, 6), "Spring bank holiday");
}

static void test_moved_early_may_holidays(void **state)
{
    const Calendar *cal = *state;
    assert_working(cal, ymd(2020, 5, 4));
    assert_holiday(cal, ymd(2020, 5, 8), "Early May bank holiday (VE Day)");
    assert_working(cal, ymd(1995, 5, 1));
    assert_holiday(cal, ymd(1995, 5, 8), "Early May bank holiday (VE Day)");
    /* The coronation holiday was added in 2023; early May stayed put. */
    assert_holiday(cal, ymd(2023, 5, 1), "Early May bank holiday");
}

/* ---- Adding and counting working days ---- */

static void test_add_across_easter(void **state)
{
    const Calendar *cal = *state;
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 4, 16), 1), ymd(2025, 4, 17));
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 4, 16), 2), ymd(2025, 4, 22));
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 4, 17), 1), ymd(2025, 4, 22));
    /* CPPCR reg 33(1): first review within 20 working days of 1 April 2025. */
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 4, 1), 20), ymd(2025, 5, 1));
}

static void test_add_across_christmas(void **state)
{
    const Calendar *cal = *state;
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 12, 24), 1), ymd(2025, 12, 29));
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 12, 1), 20), ymd(2025, 12, 31));
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 12, 1), 21), ymd(2026, 1, 2));
    /* 2022: Boxing Day Monday, Christmas substitute Tuesday. */
    assert_int_equal(calendar_add_working_days(cal, ymd(2022, 12, 23), 1), ymd(2022, 12, 28));
}

static void test_add_zero_and_negative(void **state)
{
    const Calendar *cal = *state;
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 12, 25), 0), ymd(2025, 12, 25));
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 6, 4), 0), ymd(2025, 6, 4));
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 12, 29), -1), ymd(2025, 12, 24));
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 4, 22), -2), ymd(2025, 4, 16));
}

static void test_start_on_holiday_or_weekend(void **state)
{
    const Calendar *cal = *state;
    /* The start day is never counted, working day or not. */
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 12, 25), 1), ymd(2025, 12, 29));
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 12, 27), 1), ymd(2025, 12, 29));
    assert_int_equal(calendar_add_working_days(cal, ymd(2025, 8, 25), 5), ymd(2025, 9, 1));
}

static void test_working_days_between(void **state)
{
    const Calendar *cal = *state;
    assert_int_equal(calendar_working_days_between(cal, ymd(2025, 12, 1), ymd(2025, 12, 31)), 20);
    assert_int_equal(calendar_working_days_between(cal, ymd(2025, 12, 31), ymd(2025, 12, 1)), -20);
    assert_int_equal(calendar_working_days_between(cal, ymd(2025, 12, 25), ymd(2025, 12, 25)), 0);
    /* 2022 had 250 working days (365 - 105 weekend days - 10 weekday holidays). */
    assert_int_equal(calendar_working_days_between(cal, ymd(2021, 12, 31), ymd(2022, 12, 31)), 250);
}

static void test_add_and_between_agree(void **state)
{
    const Calendar *cal = *state;
    for (Date d = ymd(1999, 11, 1); d <= ymd(2024, 1, 31); d += 3) {
        for (int n = 0; n <= 45; n += 3) {
            Date e = calendar_add_working_days(cal, d, n);
            assert_int_equal(calendar_working_days_between(cal, d, e), n);
            if (n != 0) assert_true(calendar_is_working_day(cal, e));
            /* Backwards from a working day the count is mirrored. */
            if (n != 0 && calendar_is_working_day(cal, d)) {
                Date b = calendar_add_working_days(cal, d, -n);
                assert_int_equal(calendar_working_days_between(cal, b, d), n);
                assert_true(calendar_is_working_day(cal, b));
            }
        }
    }
}

/* ---- Dates outside the cached years use the rules directly ---- */

static void test_outside_cached_years(void **state)
{
    const Calendar *cal = *state;
    assert_holiday(cal, ymd(2100, 12, 27), "Christmas Day (substitute day)");
    assert_holiday(cal, ymd(2100, 12, 28), "Boxing Day (substitute day)");
    assert_holiday(cal, ymd(2101, 1, 1), "New Year's Day"); /* a Saturday */
    assert_holiday(cal, ymd(2101, 1, 3), "New Year's Day (substitute day)");
    assert_holiday(cal, ymd(1969, 12, 25), "Christmas Day");
    assert_working(cal, ymd(1969, 12, 24));
    /* From Friday 24 Dec 2100: 29, 30, 31 Dec, then Tuesday 4 Jan 2101. */
    Date e = calendar_add_working_days(cal, ymd(2100, 12, 24), 4);
    assert_int_equal(e, ymd(2101, 1, 4));
    assert_int_equal(calendar_working_days_between(cal, ymd(2100, 12, 24), e), 4);
    assert_int_equal(calendar_add_working_days(cal, ymd(2101, 1, 4), -4), ymd(2100, 12, 24));
}

/* Outside 1970-2100 the count follows the rules a year at a time: it agrees
 * with asking day by day across both edges of the cached years. */
static void test_between_outside_agrees_day_by_day(void **state)
{
    const Calendar *cal = *state;
    const Date spans[][2] = {{ymd(1960, 3, 1), ymd(1971, 2, 1)},
                             {ymd(2098, 11, 5), ymd(2112, 6, 30)},
                             {ymd(1965, 1, 1), ymd(1969, 12, 31)},
                             {ymd(2101, 1, 1), ymd(2101, 1, 7)}};
    for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
        int by_day = 0;
        for (Date d = spans[i][0] + 1; d <= spans[i][1]; d++)
            by_day += calendar_is_working_day(cal, d);
        assert_int_equal(calendar_working_days_between(cal, spans[i][0], spans[i][1]), by_day);
        assert_int_equal(calendar_working_days_between(cal, spans[i][1], spans[i][0]), -by_day);
    }
}

/* Issue 12: `scorecard --year 9999/00` counted working days one by one from
 * the start of care to the year 10000 and ran for minutes. A hundred counts
 * over eight thousand years must take well under a few seconds of CPU. */
static void test_between_far_future_is_fast(void **state)
{
    const Calendar *cal = *state;
    clock_t start = clock();
    int n = 0;
    for (int i = 0; i < 100; i++)
        n = calendar_working_days_between(cal, ymd(2000, 1, 1), ymd(9999, 12, 31));
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    assert_true(seconds < 5.0);
    /* About 261 weekdays a year less 8 holidays on weekdays. */
    assert_in_range(n, 8000 * 250, 8000 * 256);
}

/* ---- Override files ---- */

static char *write_temp(const char *text)
{
    char *path = strdup("/tmp/test_calendar_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_override_file_add_and_remove(void **state)
{
    (void)state;
    Calendar cal;
    Err err = {0};
    assert_int_equal(calendar_load_default(&cal, &err), 0);
    char *path = write_temp("date,action,name\n"
                            "2026-12-24,add,Council closure\n"
                            "2026-08-31,remove,Summer bank holiday (worked locally)\n");
    assert_int_equal(calendar_load_overrides_file(&cal, path, &err), 0);
    assert_holiday(&cal, ymd(2026, 12, 24), "Council closure");
    assert_working(&cal, ymd(2026, 8, 31));
    assert_int_equal(calendar_add_working_days(&cal, ymd(2026, 12, 23), 1), ymd(2026, 12, 29));
    unlink(path);
    free(path);
    calendar_free(&cal);
}

static void expect_override_error(const char *text, long line, int column, const char *field,
                                  const char *msg_part)
{
    Calendar cal;
    Err err = {0};
    calendar_init(&cal);
    int before = calendar_working_days_between(&cal, ymd(2026, 1, 1), ymd(2026, 12, 31));
    assert_int_equal(calendar_load_overrides_buffer(&cal, "local.csv", text, strlen(text), &err),
                     ERR_INPUT);
    assert_string_equal(err.file, "local.csv");
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_string_equal(err.field, field);
    if (!strstr(err.msg, msg_part)) fail_msg("message '%s' lacks '%s'", err.msg, msg_part);
    /* All or nothing: the good rows before the bad one were not applied. */
    assert_int_equal(calendar_working_days_between(&cal, ymd(2026, 1, 1), ymd(2026, 12, 31)),
                     before);
    calendar_free(&cal);
}

static void test_override_bad_date(void **state)
{
    (void)state;
    expect_override_error("date,action,name\n2026-12-24,add,Closure\n2026-02-30,add,Nothing\n", 3,
                          1, "date", "not a date");
    expect_override_error("date,action,name\n24/12/2026,add,Closure\n", 2, 1, "date", "YYYY-MM-DD");
    expect_override_error("date,action,name\n2026-12-24,add,Closure\n2101-01-04,add,Far\n", 3, 1,
                          "date", "outside");
}

static void test_override_unknown_action(void **state)
{
    (void)state;
    expect_override_error("date,action,name\n2026-12-24,add,Closure\n2026-05-04,move,Early\n", 3,
                          12, "action", "unknown action 'move'");
}

static void test_override_other_errors(void **state)
{
    (void)state;
    expect_override_error("date,action,name\n2026-12-24,add,\n", 2, 16, "name", "needs a name");
    expect_override_error("date,action,name\n2026-06-10,remove,Not a holiday\n", 2, 1, "date",
                          "not a holiday");
    expect_override_error("date,action,name\n2026-12-25,remove,Christmas\n", 2, 1, "date",
                          "never a working day");
    expect_override_error("date,action,name\n2026-04-03,remove,Good Friday\n", 2, 1, "date",
                          "never a working day");
    expect_override_error("date,action,name\n2026-12-24,add\n", 2, 1, "", "expected 3 fields");
    expect_override_error("day,what,name\n2026-12-24,add,Closure\n", 1, 1, "", "header");
    expect_override_error("", 1, 0, "", "empty");
}

static void test_override_missing_file(void **state)
{
    (void)state;
    Calendar cal;
    Err err = {0};
    calendar_init(&cal);
    assert_int_equal(calendar_load_overrides_file(&cal, "/nonexistent/holidays.csv", &err), ERR_IO);
    assert_string_equal(err.file, "/nonexistent/holidays.csv");
    calendar_free(&cal);
}

static void test_override_rename_existing(void **state)
{
    (void)state;
    Calendar cal;
    Err err = {0};
    calendar_init(&cal);
    const char *text = "date,action,name\n2026-05-25,add,Whit Monday\n";
    assert_int_equal(calendar_load_overrides_buffer(&cal, "x.csv", text, strlen(text), &err), 0);
    assert_holiday(&cal, ymd(2026, 5, 25), "Whit Monday");
    calendar_free(&cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_easter_known_years),
        cmocka_unit_test(test_easter_always_sunday_in_window),
        cmocka_unit_test(test_good_friday_and_easter_monday),
        cmocka_unit_test(test_christmas_on_saturday),
        cmocka_unit_test(test_christmas_on_sunday),
        cmocka_unit_test(test_boxing_day_on_saturday),
        cmocka_unit_test(test_new_year_substitutes),
        cmocka_unit_test(test_rules_start_years),
        cmocka_unit_test(test_weekday_holidays_per_year),
        cmocka_unit_test(test_one_off_holidays),
        cmocka_unit_test(test_moved_spring_holidays),
        cmocka_unit_test(test_moved_early_may_holidays),
        cmocka_unit_test(test_add_across_easter),
        cmocka_unit_test(test_add_across_christmas),
        cmocka_unit_test(test_add_zero_and_negative),
        cmocka_unit_test(test_start_on_holiday_or_weekend),
        cmocka_unit_test(test_working_days_between),
        cmocka_unit_test(test_add_and_between_agree),
        cmocka_unit_test(test_outside_cached_years),
        cmocka_unit_test(test_between_outside_agrees_day_by_day),
        cmocka_unit_test(test_between_far_future_is_fast),
        cmocka_unit_test(test_override_file_add_and_remove),
        cmocka_unit_test(test_override_bad_date),
        cmocka_unit_test(test_override_unknown_action),
        cmocka_unit_test(test_override_other_errors),
        cmocka_unit_test(test_override_missing_file),
        cmocka_unit_test(test_override_rename_existing),
    };
    return cmocka_run_group_tests(tests, setup_default, teardown_default);
}
