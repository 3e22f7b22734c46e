/* Each year's Header (exchange/ssda903_header_years.h): the interval map's
 * merge at its edges (the first year, the last year, a year in between
 * imported again, the same Header again, a new year, an old year imported
 * after a later one), and a year's return built with its own Header
 * (ssda903_return_build). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "exchange/ssda903_header_years.h"
#include "exchange/ssda903_return.h"

#include <string.h>

/* Headers of one girl that differ in MOTHER only (0, blank, 1). */
static const char *const MOTHER_0[] = {"G1", "F", "2007-01-13", "WBRI", "UPN1", "0", NULL};
static const char *const NO_MOTHER[] = {"G1", "F", "2007-01-13", "WBRI", "UPN1", NULL, NULL};
static const char *const MOTHER_1[] = {"G1", "F", "2007-01-13", "WBRI", "UPN1", "1", "2024-05-02"};
/* MOTHER_0 with SEX in the form before 2024/25. */
static const char *const MOTHER_0_OLD_SEX[] = {"G1", "2", "2007-01-13", "WBRI", "UPN1", "0", NULL};

static const HeaderYear NONE = {0, NULL};
enum { MAX_OUT = 16 };

static int merge(HeaderYear current, const HeaderYear *entries, int n_entries,
                 const HeaderYear *given, int n_given, HeaderYear *out)
{
    assert_true(n_entries + 2 * n_given <= MAX_OUT);
    return ssda903_header_years_merge(current, entries, n_entries, given, n_given, out);
}

static void assert_entry(HeaderYear e, int year, const char *const *cells)
{
    assert_int_equal(e.year, year);
    assert_true(ssda903_header_same(e.cells, cells));
}

static void test_the_same_header_every_year_keeps_nothing(void **state)
{
    (void)state;
    HeaderYear given[] = {
        {2022, MOTHER_0_OLD_SEX}, {2023, MOTHER_0_OLD_SEX}, {2024, MOTHER_0}, {2025, MOTHER_0}};
    HeaderYear out[MAX_OUT];
    assert_int_equal(merge(NONE, NULL, 0, given, 4, out), 0);
    /* And again, over the stored Header: still nothing. */
    assert_int_equal(merge((HeaderYear){2025, MOTHER_0}, NULL, 0, given, 4, out), 0);
}

static void test_the_first_year_differs(void **state)
{
    (void)state;
    HeaderYear given[] = {{2022, NO_MOTHER}, {2023, MOTHER_0}, {2024, MOTHER_0}};
    HeaderYear out[MAX_OUT];
    assert_int_equal(merge(NONE, NULL, 0, given, 3, out), 1);
    assert_entry(out[0], 2022, NO_MOTHER);
    assert_int_equal(ssda903_header_years_find(out, 1, 2021), 0);
    assert_int_equal(ssda903_header_years_find(out, 1, 2022), 0);
    assert_int_equal(ssda903_header_years_find(out, 1, 2023), -1); /* the current one */
}

static void test_the_last_year_differs(void **state)
{
    (void)state;
    /* The C000048 case: MOTHER 0 up to 2023/24, blank in 2024/25. */
    HeaderYear given[] = {{2023, MOTHER_0}, {2024, MOTHER_0}, {2025, NO_MOTHER}};
    HeaderYear out[MAX_OUT];
    assert_int_equal(merge(NONE, NULL, 0, given, 3, out), 1);
    assert_entry(out[0], 2024, MOTHER_0);
    assert_int_equal(ssda903_header_years_find(out, 1, 2024), 0);
    assert_int_equal(ssda903_header_years_find(out, 1, 2025), -1);
}

static void test_a_new_year_that_differs_keeps_the_stored_one(void **state)
{
    (void)state;
    /* Stored from 2023/24; 2024/25's return alone gives another Header. */
    HeaderYear given[] = {{2025, NO_MOTHER}};
    HeaderYear out[MAX_OUT];
    assert_int_equal(merge((HeaderYear){2024, MOTHER_0}, NULL, 0, given, 1, out), 1);
    assert_entry(out[0], 2024, MOTHER_0);
    /* Then 2025/26 with a third: both earlier ones kept. */
    HeaderYear stored[] = {out[0]}, later[] = {{2026, MOTHER_1}};
    assert_int_equal(merge((HeaderYear){2025, NO_MOTHER}, stored, 1, later, 1, out), 2);
    assert_entry(out[0], 2024, MOTHER_0);
    assert_entry(out[1], 2025, NO_MOTHER);
}

static void test_a_year_in_between_imported_again(void **state)
{
    (void)state;
    /* 2022/23 to 2024/25 said MOTHER 0 (stored as one Header); 2023/24 is
     * imported again, corrected to blank: the years around it keep 0. */
    HeaderYear given[] = {{2024, NO_MOTHER}};
    HeaderYear out[MAX_OUT];
    int n = merge((HeaderYear){2025, MOTHER_0}, NULL, 0, given, 1, out);
    assert_int_equal(n, 2);
    assert_entry(out[0], 2023, MOTHER_0);
    assert_entry(out[1], 2024, NO_MOTHER);
    /* Imported again as it was first: back to no entry at all. */
    HeaderYear stored[2] = {out[0], out[1]}, again[] = {{2024, MOTHER_0}};
    assert_int_equal(merge((HeaderYear){2025, MOTHER_0}, stored, 2, again, 1, out), 0);
}

static void test_the_same_header_again_changes_nothing(void **state)
{
    (void)state;
    HeaderYear stored[] = {{2024, MOTHER_0}};
    HeaderYear out[MAX_OUT];
    /* An earlier year, the entry's year, and the current year, each as stored. */
    HeaderYear earlier[] = {{2023, MOTHER_0}}, same[] = {{2024, MOTHER_0_OLD_SEX}},
               latest[] = {{2025, NO_MOTHER}};
    HeaderYear current = {2025, NO_MOTHER};
    int n = merge(current, stored, 1, earlier, 1, out);
    assert_true(ssda903_header_years_equal(out, n, stored, 1));
    n = merge(current, stored, 1, same, 1, out);
    assert_true(ssda903_header_years_equal(out, n, stored, 1));
    n = merge(current, stored, 1, latest, 1, out);
    assert_true(ssda903_header_years_equal(out, n, stored, 1));
}

static void test_an_old_year_after_a_later_one(void **state)
{
    (void)state;
    /* 2024/25 (blank) imported first, then 2023/24 (0): the stored Header
     * stays 2024/25's, 2023/24 keeps its own. */
    HeaderYear given[] = {{2024, MOTHER_0}};
    HeaderYear out[MAX_OUT];
    int n = merge((HeaderYear){2025, NO_MOTHER}, NULL, 0, given, 1, out);
    assert_int_equal(n, 2);
    assert_entry(out[0], 2023, NO_MOTHER); /* what the stored map said of the years before */
    assert_entry(out[1], 2024, MOTHER_0);
    assert_int_equal(ssda903_header_years_find(out, n, 2024), 1);
    assert_int_equal(ssda903_header_years_find(out, n, 2025), -1);
}

static void test_headers_compare_every_column_but_the_child(void **state)
{
    (void)state;
    const char *const other_child[] = {"G2", "F", "2007-01-13", "WBRI", "UPN1", "0", NULL};
    const char *const boy[] = {"G1", "1", "2007-01-13", "WBRI", "UPN1", "0", NULL};
    const char *const empty_upn[] = {"G1", "F", "2007-01-13", "WBRI", "", "0", NULL};
    assert_true(ssda903_header_same(MOTHER_0, other_child));
    assert_true(ssda903_header_same(MOTHER_0, MOTHER_0_OLD_SEX));
    assert_false(ssda903_header_same(MOTHER_0, boy));
    assert_false(ssda903_header_same(MOTHER_0, NO_MOTHER));
    assert_false(ssda903_header_same(MOTHER_0, empty_upn)); /* "" is not NULL */
}

#define ADD(h, table, ...)                                                                       \
    do {                                                                                         \
        const char *row_[] = {__VA_ARGS__};                                                      \
        Err err_;                                                                                \
        assert_int_equal(                                                                        \
            ssda903_history_add((h), (table), row_, (int)(sizeof row_ / sizeof row_[0]), &err_), \
            0);                                                                                  \
    } while (0)

static void add_entry(Ssda903History *h, const char *const *cells, const char *until)
{
    const char *row[SSDA903_HEADER_COLUMNS + 1];
    memcpy(row, cells, sizeof(const char *) * SSDA903_HEADER_COLUMNS);
    row[SSDA903_HEADER_COLUMNS] = until;
    Err err;
    assert_int_equal(ssda903_history_add_header_year(h, row, SSDA903_HEADER_COLUMNS + 1, &err), 0);
}

/* The MOTHER each year's return gives G1 (and H2, who has no entry). */
static const char *mother_in(const Ssda903History *h, int year, const char *child)
{
    static char mother[8];
    Ssda903Return r;
    ssda903_return_build(h, year, &r);
    const Ssda903Rows *hr = &r.tables[T903_HEADER];
    snprintf(mother, sizeof mother, "?");
    for (int row = 0; row < hr->n_rows; row++)
        if (strcmp(hr->cells[(size_t)row * (size_t)hr->n_columns], child) == 0)
            snprintf(mother, sizeof mother, "%s",
                     hr->cells[(size_t)row * (size_t)hr->n_columns + 5]);
    ssda903_return_free(&r);
    return mother;
}

static void test_each_year_s_return_has_its_own_header(void **state)
{
    (void)state;
    Ssda903History h = {0};
    ADD(&h, T903_HEADER, "A1", "M", "2008-01-01", "WBRI", "UPN2", NULL, NULL);
    ADD(&h, T903_HEADER, "G1", "F", "2007-01-13", "WBRI", "UPN1", NULL, NULL);
    ADD(&h, T903_HEADER, "H2", "F", "2006-01-13", "WBRI", "UPN3", "0", NULL);
    ADD(&h, T903_EPISODES, "A1", "2020-01-10", "S", "C2", "N1", "U1", "PR1", NULL, NULL, NULL, NULL,
        NULL, NULL);
    ADD(&h, T903_EPISODES, "G1", "2020-01-10", "S", "C2", "N1", "U1", "PR1", NULL, NULL, NULL, NULL,
        NULL, NULL);
    ADD(&h, T903_EPISODES, "H2", "2020-01-10", "S", "C2", "N1", "U1", "PR1", NULL, NULL, NULL, NULL,
        NULL, NULL);
    add_entry(&h, NO_MOTHER, "2021"); /* up to 2020/21: blank */
    add_entry(&h, MOTHER_0, "2024");  /* 2021/22 to 2023/24: 0; then the stored one, blank */
    assert_string_equal(mother_in(&h, 2020, "G1"), "");
    assert_string_equal(mother_in(&h, 2021, "G1"), "");
    assert_string_equal(mother_in(&h, 2022, "G1"), "0");
    assert_string_equal(mother_in(&h, 2024, "G1"), "0");
    assert_string_equal(mother_in(&h, 2025, "G1"), "");
    assert_string_equal(mother_in(&h, 2024, "H2"), "0");
    assert_string_equal(mother_in(&h, 2024, "A1"), "");
    ssda903_history_free(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_same_header_every_year_keeps_nothing),
        cmocka_unit_test(test_the_first_year_differs),
        cmocka_unit_test(test_the_last_year_differs),
        cmocka_unit_test(test_a_new_year_that_differs_keeps_the_stored_one),
        cmocka_unit_test(test_a_year_in_between_imported_again),
        cmocka_unit_test(test_the_same_header_again_changes_nothing),
        cmocka_unit_test(test_an_old_year_after_a_later_one),
        cmocka_unit_test(test_headers_compare_every_column_but_the_child),
        cmocka_unit_test(test_each_year_s_return_has_its_own_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
