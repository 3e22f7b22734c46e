/* disclosure: see disclosure.h.
 *
 * The rules follow DfE statistics practice for children looked after (counts of
 * 1 to 5 replaced by "c", true zeros published, secondary suppression "so that
 * totals cannot be used to work out a suppressed figure"; statutory.md A3, EES
 * methodology "children looked after", data guidance) and the general ONS
 * guidance on disclosure control of tables: a threshold rule for primary
 * suppression, complementary (secondary) suppression in each row and column, and
 * a check that no suppressed cell can be recovered from the published margins by
 * differencing. The audit here is that check: it solves the table's linear
 * equations exactly as an attacker would (reduced row echelon form) and narrows
 * each suppressed figure with interval reasoning (a suppressed figure is at least
 * 1 because zeros are published), and any figure it can pin down gets another
 * cell suppressed beside it. */
#include "domain/disclosure.h"

#include "domain/disclosure_system.h"

#include "base/mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void disc_table_init(DiscTable *t, int n_rows, int n_cols, bool row_totals, bool col_totals)
{
    memset(t, 0, sizeof *t);
    t->n_rows = n_rows;
    t->n_cols = n_cols;
    t->row_totals = row_totals;
    t->col_totals = col_totals;
    size_t n = (size_t)(n_rows + 1) * (size_t)(n_cols + 1);
    t->value = xcalloc(n, sizeof *t->value);
    t->state = xcalloc(n, sizeof *t->state);
}

void disc_list_init(DiscTable *t, int n)
{
    disc_table_init(t, 1, n, true, false);
}

void disc_table_free(DiscTable *t)
{
    free(t->value);
    free(t->state);
    t->value = NULL;
    t->state = NULL;
}

void disc_set(DiscTable *t, int r, int c, long v)
{
    t->value[disc_at(t, r, c)] = v;
}

long disc_get(const DiscTable *t, int r, int c)
{
    return t->value[disc_at(t, r, c)];
}

DiscState disc_state(const DiscTable *t, int r, int c)
{
    return (DiscState)t->state[disc_at(t, r, c)];
}

bool disc_suppressed(const DiscTable *t, int r, int c)
{
    return t->state[disc_at(t, r, c)] != DISC_SHOWN;
}

/* --- the table's lines -------------------------------------------------------
 * Line i <= n_rows is row i (row n_rows is the totals line); line n_rows + 1 + j
 * is column j (column n_cols is the totals column). Each line says: the sum of
 * its cells equals its total, the last slot of the line. */

static int n_lines(const DiscTable *t)
{
    return t->n_rows + 1 + t->n_cols + 1;
}

static bool line_exists(const DiscTable *t, int line)
{
    bool both = t->row_totals && t->col_totals;
    if (line < t->n_rows) return t->row_totals;
    if (line == t->n_rows) return both;
    int j = line - t->n_rows - 1;
    if (j < t->n_cols) return t->col_totals;
    return both;
}

/* Whether a slot is part of the table at all. */
static bool slot_exists(const DiscTable *t, int r, int c)
{
    if (r < t->n_rows && c < t->n_cols) return true;
    if (r < t->n_rows) return t->row_totals;
    if (c < t->n_cols) return t->col_totals;
    return t->row_totals && t->col_totals;
}

/* The slots of a line, the total last; returns how many. */
static int line_slots(const DiscTable *t, int line, int *slots)
{
    int n = 0;
    if (line <= t->n_rows) {
        for (int c = 0; c <= t->n_cols; c++) slots[n++] = disc_at(t, line, c);
    } else {
        int j = line - t->n_rows - 1;
        for (int r = 0; r <= t->n_rows; r++) slots[n++] = disc_at(t, r, j);
    }
    return n;
}

static int count_suppressed(const DiscTable *t, const int *slots, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++) k += t->state[slots[i]] != DISC_SHOWN;
    return k;
}

/* The lines through a slot (at most two); returns how many. */
static int slot_lines(const DiscTable *t, int slot, int *lines)
{
    int r = slot / (t->n_cols + 1), c = slot % (t->n_cols + 1);
    int n = 0;
    if (line_exists(t, r)) lines[n++] = r;
    if (line_exists(t, t->n_rows + 1 + c)) lines[n++] = t->n_rows + 1 + c;
    return n;
}

/* How many lines through slot hold exactly one suppressed figure: choosing it
 * protects them all at once. */
static int lines_helped(const DiscTable *t, int slot, int *buf)
{
    int lines[2], helped = 0;
    int nl = slot_lines(t, slot, lines);
    for (int i = 0; i < nl; i++) {
        int n = line_slots(t, lines[i], buf);
        helped += count_suppressed(t, buf, n) == 1;
    }
    return helped;
}

/* The best shown cell of a line to suppress next: a non-zero one, first one
 * that also protects its crossing line (fewer cells lost in all), then the
 * smallest; the total when no other cell is left. Returns the slot or -1. */
static int pick_in_line(const DiscTable *t, const int *slots, int n, int *buf)
{
    int best = -1, best_help = -1;
    for (int i = 0; i < n - 1; i++) {
        int s = slots[i];
        if (t->state[s] != DISC_SHOWN || t->value[s] <= 0) continue;
        int help = lines_helped(t, s, buf);
        if (best < 0 || help > best_help || (help == best_help && t->value[s] < t->value[best])) {
            best = s;
            best_help = help;
        }
    }
    int total = slots[n - 1];
    if (best < 0 && t->state[total] == DISC_SHOWN && t->value[total] > 0) best = total;
    return best;
}

/* The line rule, until stable. Returns how many cells it suppressed. */
static int secondary_by_lines(DiscTable *t, int *slots, int *buf)
{
    int added = 0;
    for (bool changed = true; changed;) {
        changed = false;
        for (int line = 0; line < n_lines(t); line++) {
            if (!line_exists(t, line)) continue;
            int n = line_slots(t, line, slots);
            if (count_suppressed(t, slots, n) != 1) continue;
            int s = pick_in_line(t, slots, n, buf);
            if (s < 0) continue;
            t->state[s] = DISC_SECONDARY;
            added++;
            changed = true;
        }
    }
    return added;
}

/* --- the audit: what a reader can work out ----------------------------------
 * The table as a system of counts and line equations, audited exactly
 * (disclosure_system.h): a withheld figure is exposed when a reader can pin it
 * down or tell that it is from 1 to the threshold. */

static int audit_exposed(const DiscTable *t, int threshold, int *slots)
{
    int n_slots = (t->n_rows + 1) * (t->n_cols + 1);
    int *var = xcalloc((size_t)n_slots, sizeof *var);
    DiscSystem sys;
    disc_sys_init(&sys);
    for (int s = 0; s < n_slots; s++) {
        int r = s / (t->n_cols + 1), c = s % (t->n_cols + 1);
        var[s] = -1;
        if (!slot_exists(t, r, c)) continue;
        var[s] = disc_sys_var(&sys, t->value[s], false);
        sys.state[var[s]] = t->state[s];
    }
    Err ignored; /* check_input has already seen that every line adds up */
    int *vars = xcalloc((size_t)(t->n_rows + t->n_cols + 2), sizeof *vars);
    for (int line = 0; line < n_lines(t); line++) {
        if (!line_exists(t, line)) continue;
        int n = line_slots(t, line, slots);
        for (int i = 0; i < n; i++) vars[i] = var[slots[i]];
        disc_sys_sum(&sys, n - 1, vars, vars[n - 1], &ignored);
    }
    int exposed_var = disc_sys_exposed(&sys, threshold), exposed = -1;
    for (int s = 0; s < n_slots && exposed_var >= 0; s++)
        if (var[s] == exposed_var) exposed = s;
    disc_sys_free(&sys);
    free(vars);
    free(var);
    return exposed;
}

/* Suppresses one more cell next to an exposed one. Returns false when nothing
 * is left that could be suppressed. */
static bool protect(DiscTable *t, int exposed, int *slots, int *buf)
{
    int lines[2], best = -1;
    int nl = slot_lines(t, exposed, lines);
    for (int i = 0; i < nl; i++) {
        int n = line_slots(t, lines[i], slots);
        int s = pick_in_line(t, slots, n, buf);
        if (s >= 0 && (best < 0 || t->value[s] < t->value[best])) best = s;
    }
    if (best < 0) { /* its lines are used up: the smallest shown figure anywhere */
        for (int r = 0; r <= t->n_rows; r++)
            for (int c = 0; c <= t->n_cols; c++) {
                int s = disc_at(t, r, c);
                if (!slot_exists(t, r, c) || t->state[s] != DISC_SHOWN || t->value[s] <= 0)
                    continue;
                if (best < 0 || t->value[s] < t->value[best]) best = s;
            }
    }
    if (best < 0) return false;
    t->state[best] = DISC_SECONDARY;
    return true;
}

static int check_input(const DiscTable *t, Err *err)
{
    for (int r = 0; r <= t->n_rows; r++)
        for (int c = 0; c <= t->n_cols; c++)
            if (slot_exists(t, r, c) && disc_get(t, r, c) < 0)
                return err_set(err, ERR_INPUT, "count at row %d, column %d is negative (%ld)",
                               r + 1, c + 1, disc_get(t, r, c));
    int *slots = xcalloc((size_t)(t->n_rows + t->n_cols + 2), sizeof *slots);
    int rc = 0;
    for (int line = 0; line < n_lines(t) && rc == 0; line++) {
        if (!line_exists(t, line)) continue;
        int n = line_slots(t, line, slots);
        long sum = 0;
        for (int i = 0; i < n - 1; i++) sum += t->value[slots[i]];
        if (sum != t->value[slots[n - 1]]) {
            char what[32];
            if (line < t->n_rows) {
                snprintf(what, sizeof what, "row %d", line + 1);
            } else if (line == t->n_rows) {
                snprintf(what, sizeof what, "the totals line");
            } else if (line - t->n_rows - 1 < t->n_cols) {
                snprintf(what, sizeof what, "column %d", line - t->n_rows);
            } else {
                snprintf(what, sizeof what, "the totals column");
            }
            rc = err_set(err, ERR_INPUT, "the total of %s is %ld but its cells add up to %ld", what,
                         t->value[slots[n - 1]], sum);
        }
    }
    free(slots);
    return rc;
}

int disc_apply(DiscTable *t, int threshold, Err *err)
{
    int n_slots = (t->n_rows + 1) * (t->n_cols + 1);
    memset(t->state, DISC_SHOWN, (size_t)n_slots);
    int rc = check_input(t, err);
    if (rc < 0) return rc;
    /* Primary: 1..threshold, in every published figure, totals included. */
    for (int r = 0; r <= t->n_rows; r++)
        for (int c = 0; c <= t->n_cols; c++) {
            long v = disc_get(t, r, c);
            if (slot_exists(t, r, c) && v >= 1 && v <= threshold)
                t->state[disc_at(t, r, c)] = DISC_PRIMARY;
        }
    int len = t->n_rows + t->n_cols + 2;
    int *slots = xcalloc((size_t)len, sizeof *slots);
    int *buf = xcalloc((size_t)len, sizeof *buf);
    for (;;) {
        secondary_by_lines(t, slots, buf);
        int exposed = audit_exposed(t, threshold, slots);
        if (exposed < 0 || !protect(t, exposed, slots, buf)) break;
    }
    free(slots);
    free(buf);
    return 0;
}

int disc_count(const DiscTable *t, DiscState kind)
{
    int n = 0;
    for (int r = 0; r <= t->n_rows; r++)
        for (int c = 0; c <= t->n_cols; c++)
            n += slot_exists(t, r, c) && disc_state(t, r, c) == kind;
    return n;
}

void disc_fill_totals(DiscTable *t)
{
    long grand = 0;
    for (int r = 0; r < t->n_rows; r++) {
        long sum = 0;
        for (int c = 0; c < t->n_cols; c++) sum += disc_get(t, r, c);
        disc_set(t, r, t->n_cols, sum);
        grand += sum;
    }
    for (int c = 0; c < t->n_cols; c++) {
        long sum = 0;
        for (int r = 0; r < t->n_rows; r++) sum += disc_get(t, r, c);
        disc_set(t, t->n_rows, c, sum);
    }
    disc_set(t, t->n_rows, t->n_cols, grand);
}

const char *disc_text(const DiscTable *t, int r, int c, char *buf)
{
    if (disc_suppressed(t, r, c)) {
        snprintf(buf, DISC_TEXT_LEN, "c");
    } else {
        snprintf(buf, DISC_TEXT_LEN, "%ld", disc_get(t, r, c));
    }
    return buf;
}

const char *disc_percent_text(long num, bool num_suppressed, long den, bool den_suppressed,
                              char *buf)
{
    if (num_suppressed || den_suppressed) {
        snprintf(buf, DISC_TEXT_LEN, "c");
    } else if (den == 0) {
        snprintf(buf, DISC_TEXT_LEN, "z");
    } else {
        /* Whole percentages, half up (DfE publishes whole numbers). */
        long pct = (200 * num + den) / (2 * den);
        snprintf(buf, DISC_TEXT_LEN, "%ld", pct);
    }
    return buf;
}
