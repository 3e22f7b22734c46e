/* Unit tests for building a year's 903 return from the stored history
 * (exchange/ssda903_return.c), on a hand-made history at the edges of the
 * year: which rows each table holds, what is blank because it happened after
 * 31 March, SEX in the year's form, and the whole history of episodes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "exchange/ssda903_return.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Adds a row; the values are the table's columns (then the year of a table
 * kept once a year), NULL for not recorded. */
#define ADD(h, table, ...)                                                                       \
    do {                                                                                         \
        const char *row_[] = {__VA_ARGS__};                                                      \
        Err err_;                                                                                \
        assert_int_equal(                                                                        \
            ssda903_history_add((h), (table), row_, (int)(sizeof row_ / sizeof row_[0]), &err_), \
            0);                                                                                  \
    } while (0)

/* A is in care across the end of 2024/25; B left care in 2024/25 and is a
 * care leaver with an OC3 row in 2025/26; C left before 2024/25 began. */
static void made_up_history(Ssda903History *h)
{
    *h = (Ssda903History){0};
    ADD(h, T903_HEADER, "A", "M", "2010-05-01", "WBRI", "UPN1", "1", "2025-06-01");
    ADD(h, T903_HEADER, "B", "2", "2006-07-01", "WBRI", NULL, NULL, NULL);
    ADD(h, T903_HEADER, "C", "F", "2008-01-01", "WBRI", NULL, NULL, NULL);
    ADD(h, T903_EPISODES, "A", "2023-01-10", "S", "C2", "N1", "U1", "PR1", "2024-06-01", "X1",
        "CHILD", "AB1 2CD", "EF3 4GH", NULL);
    ADD(h, T903_EPISODES, "A", "2024-06-01", "P", "C2", "N1", "U1", "PR1", "2025-05-01", "E11",
        "CARPL", "AB1 2CD", "EF3 4GH", NULL);
    ADD(h, T903_EPISODES, "A", "2025-05-01", "P", "C2", "N1", "U3", "PR1", NULL, NULL, NULL,
        "AB1 2CD", "IJ5 6KL", NULL);
    ADD(h, T903_EPISODES, "B", "2022-01-01", "S", "C2", "N1", "U1", "PR1", "2024-04-01", "E4A",
        NULL, NULL, NULL, NULL);
    ADD(h, T903_EPISODES, "C", "2021-01-01", "S", "C2", "N1", "U1", "PR1", "2024-03-31", "E11",
        NULL, NULL, NULL, NULL);
    ADD(h, T903_REVIEWS, "A", "2010-05-01", "2024-04-01", "PN1");
    ADD(h, T903_REVIEWS, "A", "2010-05-01", "2025-03-31", "PN1");
    ADD(h, T903_REVIEWS, "A", "2010-05-01", "2025-04-01", "PN1");
    ADD(h, T903_UASC, "A", "M", "2010-05-01", "2028-05-01");
    ADD(h, T903_UASC, "C", "F", "2008-01-01", "2026-01-01");
    ADD(h, T903_OC3, "B", "2006-07-01", "Y", "F2", "B", "2025");
    ADD(h, T903_OC3, "C", "2008-01-01", "Y", "F2", "B", "2026");
    ADD(h, T903_PLACED_ADOPTION, "A", "2010-05-01", "2024-09-01", "2025-06-01", "E1");
    ADD(h, T903_PLACED_ADOPTION, "C", "2008-01-01", "2023-09-01", NULL, NULL);
    ADD(h, T903_PREV_PERM, "A", "2010-05-01", "Z1", "NUK", "zz/zz/2020", "2025");
    ADD(h, T903_MISSING, "A", "2010-05-01", "M", "2025-03-30", "2025-04-02");
}

static const char *at(const Ssda903Rows *rows, int row, int col)
{
    assert_true(row < rows->n_rows && col < rows->n_columns);
    return rows->cells[(size_t)row * (size_t)rows->n_columns + (size_t)col];
}

static void test_rows_of_the_year_with_later_dates_blank(void **state)
{
    (void)state;
    Ssda903History h;
    made_up_history(&h);
    Ssda903Return r;
    ssda903_return_build(&h, 2025, &r);
    /* Episodes running at some time in 2024/25: A's three that had begun by
     * its end (not the one from 1 May 2025) and B's, ending on 1 April. */
    const Ssda903Rows *eps = &r.tables[T903_EPISODES];
    assert_int_equal(eps->n_rows, 3);
    assert_string_equal(at(eps, 0, 1), "10/01/2023");
    assert_string_equal(at(eps, 0, 7), "01/06/2024");
    assert_string_equal(at(eps, 0, 8), "X1");
    /* Ending after 31 March 2025: DEC, REC and REASON_PLACE_CHANGE blank. */
    assert_string_equal(at(eps, 1, 1), "01/06/2024");
    assert_string_equal(at(eps, 1, 7), "");
    assert_string_equal(at(eps, 1, 8), "");
    assert_string_equal(at(eps, 1, 9), "");
    assert_string_equal(at(eps, 1, 11), "EF3 4GH");
    assert_string_equal(at(eps, 2, 0), "B");
    assert_string_equal(at(eps, 2, 7), "01/04/2024");
    /* Header: A and B (episodes), not C; SEX 1/2 up to 2023/24 becomes M/F
     * from 2024/25; A's child was born after 31 March, so MOTHER 0, MC_DOB
     * blank. */
    const Ssda903Rows *hd = &r.tables[T903_HEADER];
    assert_int_equal(hd->n_rows, 2);
    assert_string_equal(at(hd, 0, 1), "M");
    assert_string_equal(at(hd, 0, 2), "01/05/2010");
    assert_string_equal(at(hd, 0, 5), "0");
    assert_string_equal(at(hd, 0, 6), "");
    assert_string_equal(at(hd, 1, 1), "F");
    assert_string_equal(at(hd, 1, 5), "");
    /* Reviews on the first and last day of the year, not the day after. */
    assert_int_equal(r.tables[T903_REVIEWS].n_rows, 2);
    assert_string_equal(at(&r.tables[T903_REVIEWS], 1, 2), "31/03/2025");
    /* UASC of the children in care in the year only. */
    assert_int_equal(r.tables[T903_UASC].n_rows, 1);
    assert_string_equal(at(&r.tables[T903_UASC], 0, 3), "01/05/2028");
    /* OC3 and PrevPerm of the year, without the year column; DATE_PERM is
     * text as given. */
    assert_int_equal(r.tables[T903_OC3].n_rows, 1);
    assert_int_equal(r.tables[T903_OC3].n_columns, 5);
    assert_string_equal(at(&r.tables[T903_PREV_PERM], 0, 4), "zz/zz/2020");
    /* PlacedAdoption: A's ceases after the year (blank with its reason); C's
     * is open but C is not in care in the year. */
    const Ssda903Rows *pa = &r.tables[T903_PLACED_ADOPTION];
    assert_int_equal(pa->n_rows, 1);
    assert_string_equal(at(pa, 0, 2), "01/09/2024");
    assert_string_equal(at(pa, 0, 3), "");
    assert_string_equal(at(pa, 0, 4), "");
    assert_string_equal(at(&r.tables[T903_MISSING], 0, 4), "");
    ssda903_return_free(&r);
    ssda903_history_free(&h);
}

static void test_the_next_year_sees_what_closed(void **state)
{
    (void)state;
    Ssda903History h;
    made_up_history(&h);
    Ssda903Return r;
    ssda903_return_build(&h, 2026, &r);
    const Ssda903Rows *eps = &r.tables[T903_EPISODES];
    assert_int_equal(eps->n_rows, 2); /* A's last two */
    assert_string_equal(at(eps, 0, 7), "01/05/2025");
    assert_string_equal(at(eps, 0, 8), "E11");
    assert_string_equal(at(eps, 0, 9), "CARPL");
    /* Header: A (in care) and C (an OC3 row of 2025/26, no episode). */
    const Ssda903Rows *hd = &r.tables[T903_HEADER];
    assert_int_equal(hd->n_rows, 2);
    assert_string_equal(at(hd, 0, 5), "1");
    assert_string_equal(at(hd, 0, 6), "01/06/2025");
    assert_string_equal(at(hd, 1, 0), "C");
    assert_int_equal(r.tables[T903_UASC].n_rows, 1); /* C has no episode in the year */
    assert_string_equal(at(&r.tables[T903_PLACED_ADOPTION], 0, 4), "E1");
    assert_int_equal(r.tables[T903_PREV_PERM].n_rows, 0);
    /* The whole history of the Header children's episodes begun by the year's
     * end: A's three and C's one, as the year's return writes them. */
    const Ssda903Rows *hist = &r.history_episodes;
    assert_int_equal(hist->n_rows, 4);
    assert_string_equal(at(hist, 0, 1), "10/01/2023");
    assert_string_equal(at(hist, 3, 0), "C");
    ssda903_return_free(&r);
    ssda903_history_free(&h);
}

static void test_sex_takes_the_form_of_the_year(void **state)
{
    (void)state;
    Ssda903History h;
    made_up_history(&h);
    Ssda903Return r;
    ssda903_return_build(&h, 2024, &r); /* 2023/24: 1 and 2 */
    const Ssda903Rows *hd = &r.tables[T903_HEADER];
    assert_int_equal(hd->n_rows, 3);
    assert_string_equal(at(hd, 0, 1), "1");
    assert_string_equal(at(hd, 1, 1), "2");
    assert_string_equal(at(hd, 2, 1), "2");
    assert_string_equal(at(&r.tables[T903_UASC], 0, 1), "1");
    ssda903_return_free(&r);
    ssda903_history_free(&h);
}

static void test_the_csv_is_a_903_file(void **state)
{
    (void)state;
    Ssda903History h;
    made_up_history(&h);
    Ssda903Return r;
    ssda903_return_build(&h, 2025, &r);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    ssda903_rows_write_csv(&r.tables[T903_REVIEWS], ssda903_table(T903_REVIEWS), out);
    fclose(out);
    assert_string_equal(text, "CHILD,DOB,REVIEW,REVIEW_CODE\n"
                              "A,01/05/2010,01/04/2024,PN1\n"
                              "A,01/05/2010,31/03/2025,PN1\n");
    free(text);
    ssda903_return_free(&r);
    ssda903_history_free(&h);
}

static void assert_same_rows(const Ssda903Rows *a, const Ssda903Rows *b)
{
    assert_int_equal(a->n_rows, b->n_rows);
    assert_int_equal(a->n_columns, b->n_columns);
    for (int i = 0; i < a->n_rows * a->n_columns; i++)
        assert_string_equal(a->cells[i], b->cells[i]);
}

/* A history loaded for some years only keeps fewer rows and builds the same
 * returns of those years. */
static void test_a_history_for_some_years_builds_the_same(void **state)
{
    (void)state;
    Ssda903History all, some;
    made_up_history(&all);
    ssda903_history_for_years(&some, 2025, 2025);
    /* The rows of made_up_history, added again to the narrowed history. */
    for (int t = 0; t < T903_COUNT; t++) {
        const Ssda903StoredRows *rows = &all.tables[t];
        for (int r = 0; r < rows->n_rows; r++) {
            const char *cells[SSDA903_MAX_COLUMNS + 1];
            for (int c = 0; c < rows->n_columns; c++) {
                cells[c] = ssda903_history_text(
                    &all, rows->cells[(size_t)r * (size_t)rows->n_columns + (size_t)c]);
            }
            Err err;
            assert_int_equal(ssda903_history_add(&some, t, cells, rows->n_columns, &err), 0);
        }
    }
    /* Not kept: the review and A's episode after 31 March 2025, C's OC3 row
     * of 2025/26; kept: every Header and UASC row, B's and C's early episodes. */
    assert_int_equal(some.tables[T903_REVIEWS].n_rows, 2);
    assert_int_equal(some.tables[T903_EPISODES].n_rows, 4);
    assert_int_equal(some.tables[T903_OC3].n_rows, 1);
    assert_int_equal(some.tables[T903_HEADER].n_rows, 3);
    assert_int_equal(some.tables[T903_UASC].n_rows, 2);
    Ssda903Return a, b;
    ssda903_return_build(&all, 2025, &a);
    ssda903_return_build(&some, 2025, &b);
    for (int t = 0; t < T903_COUNT; t++) assert_same_rows(&a.tables[t], &b.tables[t]);
    assert_same_rows(&a.history_episodes, &b.history_episodes);
    ssda903_return_free(&b);
    ssda903_return_free(&a);
    ssda903_history_free(&some);
    ssda903_history_free(&all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_of_the_year_with_later_dates_blank),
        cmocka_unit_test(test_the_next_year_sees_what_closed),
        cmocka_unit_test(test_sex_takes_the_form_of_the_year),
        cmocka_unit_test(test_the_csv_is_a_903_file),
        cmocka_unit_test(test_a_history_for_some_years_builds_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
