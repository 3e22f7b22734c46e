/* Unit tests of the exact audit (disclosure_system): the integer program's
 * ranges, protection of counts shared between tables, and the threshold rule.
 *
 * The library's audit is checked against an attacker written separately: for a
 * table with full margins, a withheld count can take another value exactly when
 * an alternating cycle of withheld cells lets it move by one (any difference of
 * two whole-number tables is a sum of such cycles, each of which can be applied
 * on its own), with every count that goes down at least 2 (a withheld count is
 * at least 1, as zeros are published). So "no cycle either way" is exactly
 * "pinned", found by search over the table's rows and columns rather than by
 * any linear program. */
#include "domain/disclosure.h"
#include "domain/disclosure_system.h"
#include "domain/publication.h"

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

enum { GRID = 8 };

/* A table with full margins as the attacker sees it: (rows + 1) x (cols + 1)
 * counts, which are withheld. A move changes y = x for interior cells and the
 * grand total, y = -x for the other margins; then every line of y sums to 0. */
typedef struct Grid {
    int rows, cols; /* with margins */
    long x[GRID][GRID];
    bool withheld[GRID][GRID];
    bool row_used[GRID], col_used[GRID];
} Grid;

static int sign_of(const Grid *g, int r, int c)
{
    bool row_margin = r == g->rows - 1, col_margin = c == g->cols - 1;
    return row_margin != col_margin ? -1 : 1;
}

/* Whether cell (r, c) may change y by dy: x must stay at least 1. */
static bool may_move(const Grid *g, int r, int c, int dy)
{
    int dx = dy * sign_of(g, r, c);
    return g->withheld[r][c] && (dx > 0 || g->x[r][c] >= 2);
}

/* From column c (entered with a change of dy), continue the cycle back to row
 * r0: a cell of column c changes by -dy, then a cell of its row by +dy. */
static bool close_from_column(Grid *g, int c, int dy, int r0, int c0)
{
    for (int r = 0; r < g->rows; r++) {
        if ((r == r0 && c == c0) || !may_move(g, r, c, -dy)) continue;
        if (r == r0) return true;
        if (g->row_used[r]) continue;
        g->row_used[r] = true;
        for (int c2 = 0; c2 < g->cols; c2++) {
            if (c2 == c || g->col_used[c2] || !may_move(g, r, c2, dy)) continue;
            g->col_used[c2] = true;
            bool found = close_from_column(g, c2, dy, r0, c0);
            g->col_used[c2] = false;
            if (found) {
                g->row_used[r] = false;
                return true;
            }
        }
        g->row_used[r] = false;
    }
    return false;
}

/* Whether x[r0][c0] can change by dx (+1 or -1) keeping every line. */
static bool can_move(Grid *g, int r0, int c0, int dx)
{
    int dy = dx * sign_of(g, r0, c0);
    if (!may_move(g, r0, c0, dy)) return false;
    memset(g->row_used, 0, sizeof g->row_used);
    memset(g->col_used, 0, sizeof g->col_used);
    g->row_used[r0] = g->col_used[c0] = true;
    /* Row r0 must be balanced by the closing cell, so search from column c0. */
    return close_from_column(g, c0, dy, r0, c0);
}

static void grid_of(const DiscTable *t, Grid *g)
{
    memset(g, 0, sizeof *g);
    g->rows = t->n_rows + 1;
    g->cols = t->n_cols + 1;
    for (int r = 0; r < g->rows; r++)
        for (int c = 0; c < g->cols; c++) {
            g->x[r][c] = disc_get(t, r, c);
            g->withheld[r][c] = disc_suppressed(t, r, c);
        }
}

/* The same table as a DiscSystem, with the given marks. */
static void system_of(const DiscTable *t, DiscSystem *s, int var[GRID][GRID])
{
    disc_sys_init(s);
    for (int r = 0; r <= t->n_rows; r++)
        for (int c = 0; c <= t->n_cols; c++) {
            var[r][c] = disc_sys_var(s, disc_get(t, r, c), false);
            s->state[var[r][c]] = (unsigned char)disc_state(t, r, c);
        }
    Err err;
    int line[GRID];
    for (int r = 0; r <= t->n_rows; r++) {
        for (int c = 0; c < t->n_cols; c++) line[c] = var[r][c];
        assert_int_equal(disc_sys_sum(s, t->n_cols, line, var[r][t->n_cols], &err), 0);
    }
    for (int c = 0; c <= t->n_cols; c++) {
        for (int r = 0; r < t->n_rows; r++) line[r] = var[r][c];
        assert_int_equal(disc_sys_sum(s, t->n_rows, line, var[t->n_rows][c], &err), 0);
    }
}

static unsigned next_random(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

static void random_table(DiscTable *t, unsigned *seed)
{
    int rows = 1 + (int)(next_random(seed) % 6), cols = 1 + (int)(next_random(seed) % 6);
    disc_table_init(t, rows, cols, true, true);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            unsigned k = next_random(seed) % 10;
            disc_set(t, r, c,
                     k < 2   ? 0
                     : k < 6 ? 1 + (long)(next_random(seed) % 5)
                             : 1 + (long)(next_random(seed) % 30));
        }
    disc_fill_totals(t);
}

/* The library's exact range says "pinned" exactly when the cycle attacker
 * finds no move, on random tables up to 6 x 6 with random withheld cells. */
static void test_audit_matches_cycle_attacker(void **state)
{
    (void)state;
    unsigned seed = 17;
    int pinned_seen = 0, free_seen = 0;
    for (int trial = 0; trial < 400; trial++) {
        DiscTable t;
        random_table(&t, &seed);
        for (int r = 0; r <= t.n_rows; r++)
            for (int c = 0; c <= t.n_cols; c++)
                if (disc_get(&t, r, c) > 0 && next_random(&seed) % 3 == 0)
                    t.state[disc_at(&t, r, c)] = DISC_PRIMARY;
        Grid g;
        grid_of(&t, &g);
        DiscSystem s;
        int var[GRID][GRID];
        system_of(&t, &s, var);
        for (int r = 0; r < g.rows; r++)
            for (int c = 0; c < g.cols; c++) {
                if (!g.withheld[r][c]) continue;
                bool attacker_pins = !can_move(&g, r, c, 1) && !can_move(&g, r, c, -1);
                long lo, hi;
                disc_sys_range(&s, var[r][c], &lo, &hi);
                assert_true(lo <= g.x[r][c] && g.x[r][c] <= hi);
                if (attacker_pins != (lo == hi))
                    fail_msg("trial %d cell (%d,%d) = %ld: attacker %s, audit [%ld, %ld]", trial, r,
                             c, g.x[r][c], attacker_pins ? "pins it" : "moves it", lo, hi);
                pinned_seen += attacker_pins;
                free_seen += !attacker_pins;
            }
        disc_sys_free(&s);
        disc_table_free(&t);
    }
    assert_true(pinned_seen > 50); /* both answers occur often enough to mean something */
    assert_true(free_seen > 50);
}

/* --- an exact integer program by brute force --------------------------------
 * Every whole-number table consistent with what is published, enumerated: the
 * withheld interior cells from 1 up, row by row, each bounded by what its row,
 * column or the grand total leaves; margins follow from the cells. The
 * smallest and largest value each withheld count takes over all of them is its
 * exact range, found without any linear program. */
enum { BRUTE_NODES = 3000000 };

typedef struct Brute {
    const Grid *g;
    long cur[GRID][GRID];
    long lo[GRID][GRID], hi[GRID][GRID];
    long nodes;
    int solutions;
} Brute;

/* What is left of a published total (or -1: withheld) after partial. */
static long room(const Grid *g, int r, int c, long partial)
{
    return g->withheld[r][c] ? -1 : g->x[r][c] - partial;
}

/* Margins of a complete table: each as published, or withheld and at least 1. */
static bool margins_fit(Brute *b)
{
    const Grid *g = b->g;
    int R = g->rows - 1, C = g->cols - 1;
    long grand = 0;
    for (int r = 0; r <= R; r++) {
        long sum = 0;
        for (int c = 0; c < C; c++) {
            long col = 0;
            if (r == R) {
                for (int k = 0; k < R; k++) col += b->cur[k][c];
                b->cur[R][c] = col;
            }
            sum += b->cur[r][c];
        }
        b->cur[r][C] = sum;
        if (r < R) grand += sum;
    }
    for (int r = 0; r <= R; r++)
        for (int c = 0; c <= C; c++) {
            if (r < R && c < C) continue;
            long v = b->cur[r][c];
            if (g->withheld[r][c] ? v < 1 : v != g->x[r][c]) return false;
        }
    return grand == b->cur[R][C];
}

static void record(Brute *b)
{
    const Grid *g = b->g;
    for (int r = 0; r < g->rows; r++)
        for (int c = 0; c < g->cols; c++) {
            long v = b->cur[r][c];
            if (b->solutions == 0 || v < b->lo[r][c]) b->lo[r][c] = v;
            if (b->solutions == 0 || v > b->hi[r][c]) b->hi[r][c] = v;
        }
    b->solutions++;
}

static void brute_cell(Brute *b, int idx, long total_so_far)
{
    const Grid *g = b->g;
    int R = g->rows - 1, C = g->cols - 1;
    if (++b->nodes > BRUTE_NODES) return;
    if (idx == R * C) {
        if (margins_fit(b)) record(b);
        return;
    }
    int r = idx / C, c = idx % C;
    long row = 0, col = 0;
    for (int k = 0; k < c; k++) row += b->cur[r][k];
    for (int k = 0; k < r; k++) col += b->cur[k][c];
    if (!g->withheld[r][c]) {
        b->cur[r][c] = g->x[r][c];
        brute_cell(b, idx + 1, total_so_far + g->x[r][c]);
        return;
    }
    long limits[3] = {room(g, r, C, row), room(g, R, c, col), room(g, R, C, total_so_far)};
    long most = -1;
    for (int k = 0; k < 3; k++)
        if (limits[k] >= 0 && (most < 0 || limits[k] < most)) most = limits[k];
    for (long v = 1; v <= most; v++) {
        b->cur[r][c] = v;
        brute_cell(b, idx + 1, total_so_far + v);
    }
}

/* The exact range of every withheld count of g: true when the enumeration
 * finished (the grand total is published, so every count is bounded). */
static bool brute_ranges(const Grid *g, Brute *b)
{
    memset(b, 0, sizeof *b);
    b->g = g;
    if (g->withheld[g->rows - 1][g->cols - 1]) return false;
    brute_cell(b, 0, 0);
    return b->nodes <= BRUTE_NODES;
}

/* The library's range of every withheld count equals the brute-force range,
 * on random tables up to 6 x 6 with random withheld cells: so the audit finds
 * exactly the pinned cells (and the narrowed ones) an exact integer program
 * finds. */
static void test_audit_matches_brute_force(void **state)
{
    (void)state;
    unsigned seed = 906;
    int compared = 0, pinned = 0, tables = 0, six = 0;
    for (int trial = 0; trial < 3000 && tables < 300; trial++) {
        DiscTable t;
        random_table(&t, &seed);
        for (int r = 0; r <= t.n_rows; r++)
            for (int c = 0; c <= t.n_cols; c++)
                if (disc_get(&t, r, c) > 0 && disc_get(&t, r, c) <= 8 &&
                    next_random(&seed) % 3 != 0)
                    t.state[disc_at(&t, r, c)] = DISC_PRIMARY;
        Grid g;
        grid_of(&t, &g);
        Brute b;
        if (brute_ranges(&g, &b)) {
            tables++;
            six += t.n_rows == 6 || t.n_cols == 6;
            assert_true(b.solutions > 0); /* the true table is one */
            DiscSystem s;
            int var[GRID][GRID];
            system_of(&t, &s, var);
            for (int r = 0; r < g.rows; r++)
                for (int c = 0; c < g.cols; c++) {
                    if (!g.withheld[r][c]) continue;
                    long lo, hi;
                    disc_sys_range(&s, var[r][c], &lo, &hi);
                    if (lo != b.lo[r][c] || hi != b.hi[r][c])
                        fail_msg("trial %d cell (%d,%d) = %ld: brute force [%ld, %ld], audit "
                                 "[%ld, %ld]",
                                 trial, r, c, g.x[r][c], b.lo[r][c], b.hi[r][c], lo, hi);
                    compared++;
                    pinned += lo == hi;
                }
            disc_sys_free(&s);
        }
        disc_table_free(&t);
    }
    print_message("%d tables (%d with 6 rows or columns), %d withheld counts, %d pinned\n", tables,
                  six, compared, pinned);
    assert_true(tables >= 200 && six >= 20 && pinned >= 50 && compared - pinned >= 50);
}

/* Protected tables: the attacker pins nothing, and no withheld count's exact
 * range is narrowed inside 1..threshold. */
static void test_protected_tables_resist_exact_attack(void **state)
{
    (void)state;
    unsigned seed = 2026;
    for (int trial = 0; trial < 300; trial++) {
        DiscTable t;
        random_table(&t, &seed);
        int threshold = trial % 3 == 0 ? 10 : 5;
        Err err;
        assert_int_equal(disc_apply(&t, threshold, &err), 0);
        Grid g;
        grid_of(&t, &g);
        DiscSystem s;
        int var[GRID][GRID];
        system_of(&t, &s, var);
        for (int r = 0; r < g.rows; r++)
            for (int c = 0; c < g.cols; c++) {
                if (!g.withheld[r][c]) continue;
                assert_true(can_move(&g, r, c, 1) || can_move(&g, r, c, -1));
                long lo, hi;
                disc_sys_range(&s, var[r][c], &lo, &hi);
                assert_true(lo < hi);
                assert_true(hi > threshold || (hi == threshold && lo == 1));
            }
        disc_sys_free(&s);
        disc_table_free(&t);
    }
}

/* A 4 x 4 table at threshold 10 that the earlier audit (row echelon form plus
 * interval bounds) passed with these cells withheld: every line holds two or
 * more, yet the 1 at the top right can only move against cells already at 1
 * (found by the cycle attacker on random tables). The exact audit pins it,
 * and disc_apply now withholds enough that nothing can be pinned or shown to
 * be 10 or less. */
static void test_four_by_four_at_ten(void **state)
{
    (void)state;
    static const long cells[4][4] = {{7, 14, 15, 1}, {39, 9, 25, 1}, {7, 10, 1, 0}, {0, 39, 1, 2}};
    static const char *const marks[5] = {"cc.c.", ".c.c.", "ccc..", "..cc.", "..cc."};
    DiscTable t;
    disc_table_init(&t, 4, 4, true, true);
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 4; c++) disc_set(&t, r, c, cells[r][c]);
    disc_fill_totals(&t);
    for (int r = 0; r <= 4; r++)
        for (int c = 0; c <= 4; c++)
            if (marks[r][c] == 'c') t.state[disc_at(&t, r, c)] = DISC_SECONDARY;
    Grid g;
    grid_of(&t, &g);
    assert_false(can_move(&g, 0, 3, 1) || can_move(&g, 0, 3, -1));
    DiscSystem s;
    int var[GRID][GRID];
    system_of(&t, &s, var);
    long lo, hi;
    disc_sys_range(&s, var[0][3], &lo, &hi);
    assert_int_equal(lo, 1);
    assert_int_equal(hi, 1);
    assert_true(disc_sys_exposed(&s, 10) >= 0);
    disc_sys_free(&s);
    Err err;
    assert_int_equal(disc_apply(&t, 10, &err), 0);
    grid_of(&t, &g);
    system_of(&t, &s, var);
    for (int r = 0; r < g.rows; r++)
        for (int c = 0; c < g.cols; c++) {
            if (!g.withheld[r][c]) continue;
            assert_true(can_move(&g, r, c, 1) || can_move(&g, r, c, -1));
            disc_sys_range(&s, var[r][c], &lo, &hi);
            assert_true(lo < hi && (hi > 10 || (hi == 10 && lo == 1)));
        }
    assert_int_equal(disc_sys_exposed(&s, 10), -1);
    disc_sys_free(&s);
    disc_table_free(&t);
}

/* The example: the care-leaver cohort of 12 is 1 aged 17-18 and 11 aged
 * 19-21, and a second indicator's denominator is the same 11. Protected table
 * by table, the 11 was shown there and withheld here; as one publication the
 * 11 is one count, withheld everywhere or nowhere. */
static void test_shared_count_is_one_variable(void **state)
{
    (void)state;
    DiscSystem s;
    disc_sys_init(&s);
    int young = disc_sys_var(&s, 1, false), old = disc_sys_var(&s, 11, false);
    int all = disc_sys_var(&s, 12, false);
    int parts[2] = {young, old};
    Err err;
    assert_int_equal(disc_sys_sum(&s, 2, parts, all, &err), 0);
    assert_int_equal(disc_sys_protect(&s, 5, &err), 0);
    assert_true(disc_sys_withheld(&s, young));
    assert_true(disc_sys_withheld(&s, old)); /* and so the higher-education denominator */
    long lo, hi;
    disc_sys_range(&s, young, &lo, &hi);
    assert_int_equal(lo, 1);
    assert_int_equal(hi, 11);
    disc_sys_free(&s);
}

/* A hidden count (never published) takes part in the equations: the sides of
 * a gap and the children on neither side add up to the base figure. */
static void test_hidden_count(void **state)
{
    (void)state;
    DiscSystem s;
    disc_sys_init(&s);
    int a = disc_sys_var(&s, 40, false), b = disc_sys_var(&s, 3, false);
    int rest = disc_sys_var(&s, 0, true), base = disc_sys_var(&s, 43, false);
    int parts[3] = {a, b, rest};
    Err err;
    assert_int_equal(disc_sys_sum(&s, 3, parts, base, &err), 0);
    assert_int_equal(disc_sys_protect(&s, 5, &err), 0);
    /* b = 3 is withheld; with rest unknown from 0 up, b could be 1..(43-40) at
     * most if a is shown: a must be withheld too. */
    assert_true(disc_sys_withheld(&s, b));
    long lo, hi;
    disc_sys_range(&s, b, &lo, &hi);
    assert_true(hi > 5);
    disc_sys_free(&s);
}

static void test_counts_that_do_not_add_up_are_refused(void **state)
{
    (void)state;
    DiscSystem s;
    disc_sys_init(&s);
    int a = disc_sys_var(&s, 4, false), b = disc_sys_var(&s, 5, false);
    int total = disc_sys_var(&s, 10, false);
    int parts[2] = {a, b};
    Err err;
    assert_int_equal(disc_sys_sum(&s, 2, parts, total, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "off by"));
    disc_sys_free(&s);
}

static void test_threshold_option(void **state)
{
    (void)state;
    int th;
    Err err;
    assert_int_equal(disc_threshold_option(NULL, false, &th, &err), 0);
    assert_int_equal(th, DISC_DEFAULT_THRESHOLD);
    assert_int_equal(disc_threshold_option("3", true, &th, &err), 0);
    assert_int_equal(th, 3);
    assert_int_equal(disc_threshold_option("3", false, &th, &err), ERR_USAGE);
    assert_non_null(strstr(err.msg, "--publish"));
    assert_int_equal(disc_threshold_option("0", true, &th, &err), ERR_USAGE);
    assert_int_equal(disc_threshold_option("101", true, &th, &err), ERR_USAGE);
    assert_int_equal(disc_threshold_option("5x", true, &th, &err), ERR_USAGE);
    assert_int_equal(disc_threshold_option("100", true, &th, &err), 0);
}

static void test_what_a_range_gives_away(void **state)
{
    (void)state;
    assert_true(disc_range_exposed(7, 7, 5));  /* pinned, even above the threshold */
    assert_true(disc_range_exposed(1, 3, 5));  /* known to be at most 3 */
    assert_true(disc_range_exposed(2, 5, 5));  /* known not to be 1 */
    assert_false(disc_range_exposed(1, 5, 5)); /* only that it may be small: what c says */
    assert_false(disc_range_exposed(3, 6, 5));
}

/* A publication in layers: a later table never changes an earlier one's
 * marks, a count equal to an earlier layer's cohort takes its mark, and the
 * audit of the whole finds nothing exposed. */
static void test_publication_layers(void **state)
{
    (void)state;
    Publication pub;
    publication_init(&pub, 5);
    Err err;
    long first[3] = {2, 10, 15}, second[2] = {20, 7}, third[2] = {3, 24};
    int a[4], b[3], c[3];
    assert_int_equal(publication_table(&pub, first, 1, 3, true, false, 7, a, &err), 4);
    assert_int_equal(publication_layer(&pub, &err), 0);
    bool marks[4];
    for (int k = 0; k < 4; k++) marks[k] = publication_withheld(&pub, a[k]);
    assert_true(marks[0] && marks[1]); /* the 2 and the smallest other count */
    assert_false(marks[3]);
    assert_int_equal(publication_table(&pub, second, 1, 2, true, false, 7, b, &err), 3);
    assert_int_equal(publication_table(&pub, third, 1, 2, true, false, -1, c, &err), 3);
    assert_int_equal(publication_same_as(&pub, c[2], 7, &err), 0);
    assert_int_equal(publication_layer(&pub, &err), 0);
    for (int k = 0; k < 4; k++) assert_int_equal(publication_withheld(&pub, a[k]), marks[k]);
    assert_false(publication_withheld(&pub, b[2])); /* 27: shown in the first table */
    assert_true(publication_withheld(&pub, c[0]) && publication_withheld(&pub, c[1]));
    assert_int_equal(disc_sys_exposed(&pub.sys, 5), -1);
    /* A table whose cells do not add up to what its margin is given as. */
    long bad[2] = {1, 2};
    int d[3];
    assert_true(publication_table(&pub, bad, 1, 2, true, false, -1, d, &err) == 3);
    int parts[2] = {d[0], d[1]};
    assert_int_equal(publication_sum(&pub, 2, parts, a[3], &err), ERR_INPUT);
    publication_free(&pub);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_audit_matches_cycle_attacker),
        cmocka_unit_test(test_audit_matches_brute_force),
        cmocka_unit_test(test_publication_layers),
        cmocka_unit_test(test_protected_tables_resist_exact_attack),
        cmocka_unit_test(test_four_by_four_at_ten),
        cmocka_unit_test(test_shared_count_is_one_variable),
        cmocka_unit_test(test_hidden_count),
        cmocka_unit_test(test_counts_that_do_not_add_up_are_refused),
        cmocka_unit_test(test_threshold_option),
        cmocka_unit_test(test_what_a_range_gives_away),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
