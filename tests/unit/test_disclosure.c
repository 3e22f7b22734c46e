/* Unit tests of disclosure control: the suppression rules, and a reader who
 * tries to work out each suppressed figure from what is published.
 *
 * The attacker here is written separately from the library's own audit: it sees
 * only the published text ("c" or a number) and tries (1) interval reasoning on
 * each row and column equation, which includes the simple case of a line with
 * one unknown, using the fact that a suppressed figure is at least 1 because
 * zeros are published, and (2) exact integer Gauss-Jordan elimination over all
 * the equations together, which finds any figure fixed by a combination of
 * lines. Every published table must defeat both. */
#include "domain/disclosure.h"

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

enum { MAX_SLOTS = 16 * 16, MAX_LINES = 40 };

typedef struct View {
    int rows, cols; /* with margins: (n_rows + 1) x (n_cols + 1) */
    bool known[MAX_SLOTS];
    long val[MAX_SLOTS];
    bool exists[MAX_SLOTS];
    int n_lines;
    int line_n[MAX_LINES];
    int line_slot[MAX_LINES][17]; /* the total last */
} View;

/* What a reader of the published table sees. */
static void make_view(const DiscTable *t, View *v)
{
    memset(v, 0, sizeof *v);
    v->rows = t->n_rows + 1;
    v->cols = t->n_cols + 1;
    bool both = t->row_totals && t->col_totals;
    for (int r = 0; r <= t->n_rows; r++)
        for (int c = 0; c <= t->n_cols; c++) {
            int s = r * v->cols + c;
            bool interior = r < t->n_rows && c < t->n_cols;
            v->exists[s] = interior || (r < t->n_rows && c == t->n_cols && t->row_totals) ||
                           (r == t->n_rows && c < t->n_cols && t->col_totals) ||
                           (r == t->n_rows && c == t->n_cols && both);
            if (!v->exists[s]) continue;
            char buf[DISC_TEXT_LEN];
            const char *text = disc_text(t, r, c, buf);
            v->known[s] = strcmp(text, "c") != 0;
            if (v->known[s]) v->val[s] = atol(text);
        }
    for (int r = 0; r <= t->n_rows; r++) {
        if (!(r < t->n_rows ? t->row_totals : both)) continue;
        int *l = v->line_slot[v->n_lines];
        for (int c = 0; c <= t->n_cols; c++) l[c] = r * v->cols + c;
        v->line_n[v->n_lines++] = t->n_cols + 1;
    }
    for (int c = 0; c <= t->n_cols; c++) {
        if (!(c < t->n_cols ? t->col_totals : both)) continue;
        int *l = v->line_slot[v->n_lines];
        for (int r = 0; r <= t->n_rows; r++) l[r] = r * v->cols + c;
        v->line_n[v->n_lines++] = t->n_rows + 1;
    }
}

/* Attack 1: bounds from each line in turn until nothing moves. Returns the
 * number of suppressed figures pinned down. */
static int attack_intervals(const View *v)
{
    long lo[MAX_SLOTS], hi[MAX_SLOTS];
    const long BIG = LONG_MAX / 4;
    for (int s = 0; s < v->rows * v->cols; s++) {
        lo[s] = v->known[s] ? v->val[s] : 1;
        hi[s] = v->known[s] ? v->val[s] : BIG;
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (int l = 0; l < v->n_lines; l++) {
            int n = v->line_n[l];
            const int *sl = v->line_slot[l];
            int total = sl[n - 1];
            for (int k = 0; k < n; k++) {
                long nlo, nhi;
                if (k == n - 1) { /* total = sum of cells */
                    nlo = 0, nhi = 0;
                    for (int i = 0; i < n - 1; i++) {
                        nlo += lo[sl[i]];
                        nhi = (nhi >= BIG || hi[sl[i]] >= BIG) ? BIG : nhi + hi[sl[i]];
                    }
                } else { /* cell = total - other cells */
                    long olo = 0, ohi = 0;
                    for (int i = 0; i < n - 1; i++) {
                        if (i == k) continue;
                        olo += lo[sl[i]];
                        ohi = (ohi >= BIG || hi[sl[i]] >= BIG) ? BIG : ohi + hi[sl[i]];
                    }
                    nlo = ohi >= BIG ? lo[sl[k]] : lo[total] - ohi;
                    nhi = hi[total] >= BIG ? BIG : hi[total] - olo;
                }
                int s = sl[k];
                if (nlo > lo[s]) {
                    lo[s] = nlo;
                    changed = true;
                }
                if (nhi < hi[s]) {
                    hi[s] = nhi;
                    changed = true;
                }
            }
        }
    }
    int recovered = 0;
    for (int s = 0; s < v->rows * v->cols; s++)
        if (v->exists[s] && !v->known[s] && lo[s] == hi[s]) recovered++;
    return recovered;
}

static long gcdl(long a, long b)
{
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b) {
        long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Attack 2: exact integer Gauss-Jordan over all equations at once. A reduced
 * row with one unknown left fixes that unknown. Returns how many it fixes. */
static int attack_linear(const View *v)
{
    int unk[MAX_SLOTS], n_unk = 0;
    for (int s = 0; s < v->rows * v->cols; s++)
        if (v->exists[s] && !v->known[s]) unk[n_unk++] = s;
    if (n_unk == 0) return 0;
    static long m[MAX_LINES][MAX_SLOTS + 1];
    memset(m, 0, sizeof m);
    for (int l = 0; l < v->n_lines; l++) {
        int n = v->line_n[l];
        for (int i = 0; i < n; i++) {
            int s = v->line_slot[l][i];
            long coef = i == n - 1 ? -1 : 1;
            int u = -1;
            for (int j = 0; j < n_unk; j++)
                if (unk[j] == s) u = j;
            if (u >= 0) {
                m[l][u] += coef;
            } else {
                m[l][n_unk] -= coef * v->val[s];
            }
        }
    }
    int rank = 0;
    for (int col = 0; col < n_unk && rank < v->n_lines; col++) {
        int piv = -1;
        for (int i = rank; i < v->n_lines; i++)
            if (m[i][col] != 0) piv = piv < 0 ? i : piv;
        if (piv < 0) continue;
        for (int k = 0; k <= n_unk; k++) {
            long t = m[piv][k];
            m[piv][k] = m[rank][k];
            m[rank][k] = t;
        }
        for (int i = 0; i < v->n_lines; i++) {
            if (i == rank || m[i][col] == 0) continue;
            long p = m[rank][col], f = m[i][col], g = 0;
            for (int k = 0; k <= n_unk; k++) {
                m[i][k] = m[i][k] * p - m[rank][k] * f;
                g = gcdl(g, m[i][k]);
            }
            if (g > 1)
                for (int k = 0; k <= n_unk; k++) m[i][k] /= g;
        }
        rank++;
    }
    int fixed = 0;
    for (int i = 0; i < rank; i++) {
        int nz = 0;
        for (int k = 0; k < n_unk; k++) nz += m[i][k] != 0;
        fixed += nz == 1;
    }
    return fixed;
}

/* Every published table must hold these. */
static void check_published(const DiscTable *t, int threshold)
{
    View v;
    make_view(t, &v);
    assert_int_equal(attack_intervals(&v), 0);
    assert_int_equal(attack_linear(&v), 0);
    for (int r = 0; r <= t->n_rows; r++)
        for (int c = 0; c <= t->n_cols; c++) {
            if (!v.exists[r * v.cols + c]) continue;
            long x = disc_get(t, r, c);
            if (x >= 1 && x <= threshold) assert_int_equal(disc_state(t, r, c), DISC_PRIMARY);
            if (x == 0) assert_false(disc_suppressed(t, r, c));
        }
    /* No line is left with exactly one suppressed figure. */
    for (int l = 0; l < v.n_lines; l++) {
        int k = 0;
        for (int i = 0; i < v.line_n[l]; i++) k += !v.known[v.line_slot[l][i]];
        assert_true(k != 1);
    }
}

static void table_from(DiscTable *t, int rows, int cols, const long *cells)
{
    disc_table_init(t, rows, cols, true, true);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) disc_set(t, r, c, cells[r * cols + c]);
    disc_fill_totals(t);
}

static void test_single_small_cell_in_a_row(void **state)
{
    (void)state;
    const long cells[] = {3, 20, 30, 12, 25, 40, 18, 22, 35};
    DiscTable t;
    Err err;
    table_from(&t, 3, 3, cells);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    assert_int_equal(disc_state(&t, 0, 0), DISC_PRIMARY);
    /* Primary suppression alone is undone by the row equation. */
    DiscTable naive;
    table_from(&naive, 3, 3, cells);
    naive.state[disc_at(&naive, 0, 0)] = DISC_PRIMARY;
    View v;
    make_view(&naive, &v);
    assert_int_equal(attack_intervals(&v), 1);
    assert_int_equal(attack_linear(&v), 1);
    disc_table_free(&naive);
    /* The next-smallest cell in row 1 is 20; in column 1, 12. */
    assert_int_equal(disc_state(&t, 0, 1), DISC_SECONDARY);
    assert_int_equal(disc_state(&t, 1, 0), DISC_SECONDARY);
    /* A fourth cell closes the rectangle; the totals stay published. */
    assert_int_equal(disc_state(&t, 1, 1), DISC_SECONDARY);
    assert_int_equal(disc_count(&t, DISC_SECONDARY), 3);
    assert_false(disc_suppressed(&t, 0, 3));
    assert_false(disc_suppressed(&t, 3, 3));
    char buf[DISC_TEXT_LEN];
    assert_string_equal(disc_text(&t, 0, 0, buf), "c");
    assert_string_equal(disc_text(&t, 0, 2, buf), "30");
    check_published(&t, DISC_DEFAULT_THRESHOLD);
    disc_table_free(&t);
}

static void test_two_small_cells(void **state)
{
    (void)state;
    /* Two small cells in one row protect each other there, but each column
     * still needs a partner. */
    const long cells[] = {2, 4, 30, 15, 25, 40, 18, 22, 35};
    DiscTable t;
    Err err;
    table_from(&t, 3, 3, cells);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    assert_int_equal(disc_count(&t, DISC_PRIMARY), 2);
    assert_true(disc_count(&t, DISC_SECONDARY) >= 2);
    check_published(&t, DISC_DEFAULT_THRESHOLD);
    disc_table_free(&t);
}

static void test_small_cell_in_a_total(void **state)
{
    (void)state;
    /* Column 2 adds up to 4: its total is small as well as its cells. */
    const long cells[] = {10, 1, 12, 20, 0, 30, 15, 3, 8};
    DiscTable t;
    Err err;
    table_from(&t, 3, 3, cells);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    assert_int_equal(disc_state(&t, 3, 1), DISC_PRIMARY);
    assert_int_equal(disc_state(&t, 0, 1), DISC_PRIMARY);
    assert_int_equal(disc_state(&t, 2, 1), DISC_PRIMARY);
    assert_false(disc_suppressed(&t, 1, 1)); /* a true zero */
    check_published(&t, DISC_DEFAULT_THRESHOLD);
    disc_table_free(&t);
}

static void test_zeros(void **state)
{
    (void)state;
    /* Row 1: 4, 0, 0, 10. Suppressing a zero would protect nothing (zeros are
     * published), so the partner is 10. A row of zeros stays as it is. */
    const long cells[] = {4, 0, 0, 10, 0, 0, 0, 0, 9, 12, 14, 20};
    DiscTable t;
    Err err;
    table_from(&t, 3, 4, cells);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    assert_int_equal(disc_state(&t, 0, 0), DISC_PRIMARY);
    assert_int_equal(disc_state(&t, 0, 3), DISC_SECONDARY);
    for (int c = 0; c <= 4; c++) assert_false(disc_suppressed(&t, 1, c));
    assert_false(disc_suppressed(&t, 0, 1));
    check_published(&t, DISC_DEFAULT_THRESHOLD);
    disc_table_free(&t);
}

static void test_all_cells_small(void **state)
{
    (void)state;
    const long cells[] = {1, 2, 3, 4};
    DiscTable t;
    Err err;
    table_from(&t, 2, 2, cells);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    for (int r = 0; r < 2; r++)
        for (int c = 0; c < 2; c++) assert_int_equal(disc_state(&t, r, c), DISC_PRIMARY);
    /* Row totals 3 and 7, column totals 4 and 6, grand total 10: the reader
     * must not be able to recover any of them either. */
    assert_true(disc_suppressed(&t, 0, 2));
    assert_true(disc_suppressed(&t, 1, 2));
    assert_true(disc_suppressed(&t, 2, 0));
    assert_true(disc_suppressed(&t, 2, 1));
    check_published(&t, DISC_DEFAULT_THRESHOLD);
    disc_table_free(&t);
}

static void test_list_with_total(void **state)
{
    (void)state;
    DiscTable t;
    Err err;
    disc_list_init(&t, 4);
    const long counts[] = {3, 12, 20, 7};
    for (int i = 0; i < 4; i++) disc_set(&t, 0, i, counts[i]);
    disc_fill_totals(&t);
    assert_int_equal(disc_get(&t, 0, 4), 42);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    assert_int_equal(disc_state(&t, 0, 0), DISC_PRIMARY);
    assert_int_equal(disc_state(&t, 0, 3), DISC_SECONDARY); /* the next smallest */
    assert_false(disc_suppressed(&t, 0, 4));
    assert_int_equal(disc_count(&t, DISC_SECONDARY), 1);
    check_published(&t, DISC_DEFAULT_THRESHOLD);
    disc_table_free(&t);

    /* Only one non-zero count: the total has to go too (it is small anyway). */
    disc_list_init(&t, 3);
    disc_set(&t, 0, 2, 3);
    disc_fill_totals(&t);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    assert_true(disc_suppressed(&t, 0, 3));
    check_published(&t, DISC_DEFAULT_THRESHOLD);
    disc_table_free(&t);

    /* One small count and one large one: the partner is the large one. */
    disc_list_init(&t, 2);
    disc_set(&t, 0, 0, 2);
    disc_set(&t, 0, 1, 40);
    disc_fill_totals(&t);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    assert_int_equal(disc_state(&t, 0, 1), DISC_SECONDARY);
    check_published(&t, DISC_DEFAULT_THRESHOLD);
    disc_table_free(&t);
}

static void test_two_ones_are_not_enough(void **state)
{
    (void)state;
    /* 1, 1, 30 of 32: publishing 30 and 32 would say the two c's add up to 2,
     * and as a suppressed figure is never 0, both would be 1. */
    DiscTable t;
    Err err;
    disc_list_init(&t, 3);
    disc_set(&t, 0, 0, 1);
    disc_set(&t, 0, 1, 1);
    disc_set(&t, 0, 2, 30);
    disc_fill_totals(&t);
    t.state[disc_at(&t, 0, 0)] = t.state[disc_at(&t, 0, 1)] = DISC_PRIMARY;
    View v;
    make_view(&t, &v);
    assert_int_equal(attack_intervals(&v), 2); /* both recovered if left so */
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    assert_true(disc_suppressed(&t, 0, 2) || disc_suppressed(&t, 0, 3));
    check_published(&t, DISC_DEFAULT_THRESHOLD);
    disc_table_free(&t);
}

static void test_combination_of_lines(void **state)
{
    (void)state;
    /* Two blocks of small cells joined by one small cell at (0, 2): every row
     * and column has two or more c's, yet rows 0 and 1 minus columns 0 and 1
     * give (0, 2) exactly. The audit must see it. */
    const long cells[] = {
        2,  3,  4,  40, 50, /* */
        3,  2,  60, 70, 80, /* */
        45, 55, 2,  3,  65, /* */
        35, 25, 3,  2,  75, /* */
        90, 85, 95, 99, 11,
    };
    DiscTable t;
    Err err;
    table_from(&t, 5, 5, cells);
    /* The attacker is not toothless: with the small cells alone suppressed
     * (the line rule adds nothing here) it recovers the joining cell. */
    for (int r = 0; r < 5; r++)
        for (int c = 0; c < 5; c++)
            if (disc_get(&t, r, c) <= 5) t.state[disc_at(&t, r, c)] = DISC_PRIMARY;
    View v;
    make_view(&t, &v);
    assert_int_equal(attack_intervals(&v), 0);
    assert_int_equal(attack_linear(&v), 1);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    assert_true(disc_count(&t, DISC_SECONDARY) > 0);
    check_published(&t, DISC_DEFAULT_THRESHOLD);
    disc_table_free(&t);
}

static void test_threshold_is_configurable(void **state)
{
    (void)state;
    DiscTable t;
    Err err;
    disc_list_init(&t, 3);
    disc_set(&t, 0, 0, 8);
    disc_set(&t, 0, 1, 30);
    disc_set(&t, 0, 2, 50);
    disc_fill_totals(&t);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    assert_int_equal(disc_count(&t, DISC_PRIMARY) + disc_count(&t, DISC_SECONDARY), 0);
    assert_int_equal(disc_apply(&t, 10, &err), 0);
    assert_int_equal(disc_state(&t, 0, 0), DISC_PRIMARY);
    assert_int_equal(disc_state(&t, 0, 1), DISC_SECONDARY);
    check_published(&t, 10);
    disc_table_free(&t);
}

static void test_bad_margins_are_refused(void **state)
{
    (void)state;
    DiscTable t;
    Err err;
    const long cells[] = {1, 2, 3, 4};
    table_from(&t, 2, 2, cells);
    disc_set(&t, 1, 2, 8); /* row 2 adds up to 7 */
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), ERR_INPUT);
    assert_string_equal(err.msg, "the total of row 2 is 8 but its cells add up to 7");
    disc_fill_totals(&t);
    disc_set(&t, 0, 0, -1);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), ERR_INPUT);
    disc_table_free(&t);
}

static void test_percentages(void **state)
{
    (void)state;
    char buf[DISC_TEXT_LEN];
    assert_string_equal(disc_percent_text(9, false, 20, false, buf), "45");
    assert_string_equal(disc_percent_text(1, false, 8, false, buf), "13"); /* 12.5 up */
    assert_string_equal(disc_percent_text(3, true, 20, false, buf), "c");
    assert_string_equal(disc_percent_text(30, false, 40, true, buf), "c");
    assert_string_equal(disc_percent_text(0, false, 0, false, buf), "z");
    assert_string_equal(disc_percent_text(0, false, 12, false, buf), "0");
}

static void test_indicator_by_group(void **state)
{
    (void)state;
    /* Health assessments: disabled children 3 of 20, other children 40 of 60.
     * Columns: in the numerator, not in it; row totals are the denominators. */
    const long cells[] = {3, 17, 40, 20};
    DiscTable t;
    Err err;
    char buf[DISC_TEXT_LEN];
    table_from(&t, 2, 2, cells);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    assert_string_equal(disc_percent_text(disc_get(&t, 0, 0), disc_suppressed(&t, 0, 0),
                                          disc_get(&t, 0, 2), disc_suppressed(&t, 0, 2), buf),
                        "c");
    /* 3 could be read off 43 - 40 otherwise: the other row's numerator goes too,
     * and so does its percentage. */
    assert_true(disc_suppressed(&t, 1, 0));
    assert_string_equal(disc_percent_text(disc_get(&t, 1, 0), disc_suppressed(&t, 1, 0),
                                          disc_get(&t, 1, 2), disc_suppressed(&t, 1, 2), buf),
                        "c");
    check_published(&t, DISC_DEFAULT_THRESHOLD);
    disc_table_free(&t);

    /* One figure, no breakdown: 2 of 4. Everything is small. */
    disc_table_init(&t, 1, 2, true, false);
    disc_set(&t, 0, 0, 2);
    disc_set(&t, 0, 1, 2);
    disc_fill_totals(&t);
    assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
    assert_int_equal(disc_count(&t, DISC_PRIMARY), 3);
    check_published(&t, DISC_DEFAULT_THRESHOLD);
    disc_table_free(&t);
}

/* A small deterministic generator, so the random tables are the same each run. */
static unsigned long lcg(unsigned long *s)
{
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return *s >> 33;
}

static void test_random_tables_resist_back_solving(void **state)
{
    (void)state;
    unsigned long seed = 20261123;
    for (int round = 0; round < 1000; round++) {
        int rows = 1 + (int)(lcg(&seed) % 6), cols = 1 + (int)(lcg(&seed) % 6);
        unsigned long shape = lcg(&seed) % 8;
        DiscTable t;
        Err err;
        if (shape == 0) { /* a list with its total */
            disc_list_init(&t, cols);
            rows = 1;
        } else if (shape == 1) { /* row totals only */
            disc_table_init(&t, rows, cols, true, false);
        } else if (shape == 2) { /* column totals only */
            disc_table_init(&t, rows, cols, false, true);
        } else {
            disc_table_init(&t, rows, cols, true, true);
        }
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) {
                unsigned long k = lcg(&seed) % 10;
                long v = k < 2 ? 0 : k < 6 ? 1 + (long)(lcg(&seed) % 5) : (long)(lcg(&seed) % 60);
                disc_set(&t, r, c, v);
            }
        disc_fill_totals(&t);
        assert_int_equal(disc_apply(&t, DISC_DEFAULT_THRESHOLD, &err), 0);
        check_published(&t, DISC_DEFAULT_THRESHOLD);
        disc_table_free(&t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_small_cell_in_a_row),
        cmocka_unit_test(test_two_small_cells),
        cmocka_unit_test(test_small_cell_in_a_total),
        cmocka_unit_test(test_zeros),
        cmocka_unit_test(test_all_cells_small),
        cmocka_unit_test(test_list_with_total),
        cmocka_unit_test(test_two_ones_are_not_enough),
        cmocka_unit_test(test_combination_of_lines),
        cmocka_unit_test(test_threshold_is_configurable),
        cmocka_unit_test(test_bad_margins_are_refused),
        cmocka_unit_test(test_percentages),
        cmocka_unit_test(test_indicator_by_group),
        cmocka_unit_test(test_random_tables_resist_back_solving),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
