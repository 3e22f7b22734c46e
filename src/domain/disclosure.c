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

/* --- the audit: what a reader can work out ---------------------------------- */

typedef struct Audit {
    int n_unknown, n_eq, width; /* width = n_unknown + 1 (right-hand side) */
    int *unknown_slot;          /* unknown index -> slot */
    int *slot_unknown;          /* slot -> unknown index or -1 */
    double *eq;                 /* n_eq rows of width: coefficients, then the constant */
    double *lo, *hi;            /* what the reader knows of each unknown */
} Audit;

static void audit_free(Audit *a)
{
    free(a->unknown_slot);
    free(a->slot_unknown);
    free(a->eq);
    free(a->lo);
    free(a->hi);
}

/* Builds the equations over the suppressed figures: each line's equation with
 * the published figures moved to the right, then the same again reduced to row
 * echelon form (linear combinations a reader could form by differencing). */
static void audit_build(const DiscTable *t, Audit *a, int *slots)
{
    int n_slots = (t->n_rows + 1) * (t->n_cols + 1);
    memset(a, 0, sizeof *a);
    a->unknown_slot = xcalloc((size_t)n_slots, sizeof *a->unknown_slot);
    a->slot_unknown = xcalloc((size_t)n_slots, sizeof *a->slot_unknown);
    for (int s = 0; s < n_slots; s++) {
        a->slot_unknown[s] = -1;
        int r = s / (t->n_cols + 1), c = s % (t->n_cols + 1);
        if (slot_exists(t, r, c) && t->state[s] != DISC_SHOWN) {
            a->slot_unknown[s] = a->n_unknown;
            a->unknown_slot[a->n_unknown++] = s;
        }
    }
    a->width = a->n_unknown + 1;
    int lines = n_lines(t);
    a->eq = xcalloc((size_t)(2 * lines) * (size_t)a->width, sizeof *a->eq);
    int n_orig = 0;
    for (int line = 0; line < lines; line++) {
        if (!line_exists(t, line)) continue;
        double *row = a->eq + (size_t)n_orig * (size_t)a->width;
        int n = line_slots(t, line, slots);
        for (int i = 0; i < n; i++) {
            double coef = i == n - 1 ? -1.0 : 1.0;
            int u = a->slot_unknown[slots[i]];
            if (u >= 0) {
                row[u] += coef;
            } else {
                row[a->n_unknown] -= coef * (double)t->value[slots[i]];
            }
        }
        n_orig++;
    }
    /* The reduced copy. */
    double *red = a->eq + (size_t)n_orig * (size_t)a->width;
    memcpy(red, a->eq, (size_t)n_orig * (size_t)a->width * sizeof *red);
    int rank = 0;
    for (int col = 0; col < a->n_unknown && rank < n_orig; col++) {
        int piv = -1;
        double best = 1e-9;
        for (int i = rank; i < n_orig; i++) {
            double v = fabs(red[(size_t)i * (size_t)a->width + (size_t)col]);
            if (v > best) {
                best = v;
                piv = i;
            }
        }
        if (piv < 0) continue;
        double *p = red + (size_t)piv * (size_t)a->width;
        double *q = red + (size_t)rank * (size_t)a->width;
        for (int k = 0; k < a->width; k++) {
            double tmp = p[k];
            p[k] = q[k];
            q[k] = tmp;
        }
        double d = q[col];
        for (int k = 0; k < a->width; k++) q[k] /= d;
        for (int i = 0; i < n_orig; i++) {
            if (i == rank) continue;
            double *o = red + (size_t)i * (size_t)a->width;
            double f = o[col];
            if (fabs(f) < 1e-12) continue;
            for (int k = 0; k < a->width; k++) o[k] -= f * q[k];
        }
        rank++;
    }
    a->n_eq = n_orig + rank;
    a->lo = xcalloc((size_t)a->n_unknown + 1, sizeof *a->lo);
    a->hi = xcalloc((size_t)a->n_unknown + 1, sizeof *a->hi);
    for (int u = 0; u < a->n_unknown; u++) {
        a->lo[u] = 1; /* zeros are published, so a suppressed figure is at least 1 */
        a->hi[u] = INFINITY;
    }
}

/* A side of a sum of bounded terms: the finite part and how many terms are
 * infinite, so that one term can be taken out again. */
typedef struct Side {
    double sum;
    int n_inf;
} Side;

static void side_add(Side *s, double term)
{
    if (isinf(term)) {
        s->n_inf++;
    } else {
        s->sum += term;
    }
}

/* The side without one of its terms; infinite (sign) when another infinite
 * term remains. */
static double side_without(const Side *s, double term, double sign)
{
    int n_inf = s->n_inf - (isinf(term) ? 1 : 0);
    if (n_inf > 0) return sign * INFINITY;
    return isinf(term) ? s->sum : s->sum - term;
}

/* Tightens a bound to a whole number, allowing for rounding in the elimination. */
static bool tighten(double *bound, double v, bool lower)
{
    if (isnan(v) || isinf(v)) return false;
    double eps = 1e-7 * (1 + fabs(v));
    double w = lower ? ceil(v - eps) : floor(v + eps);
    if (lower ? w <= *bound : w >= *bound) return false;
    *bound = w;
    return true;
}

/* Narrows each unknown's bounds with each equation until nothing changes. */
static void audit_bounds(Audit *a)
{
    int *nz = xcalloc((size_t)a->n_unknown + 1, sizeof *nz);
    for (int pass = 0; pass < 200; pass++) {
        bool changed = false;
        for (int e = 0; e < a->n_eq; e++) {
            const double *row = a->eq + (size_t)e * (size_t)a->width;
            double b = row[a->n_unknown];
            int n = 0;
            Side lo = {0, 0}, hi = {0, 0};
            for (int u = 0; u < a->n_unknown; u++) {
                double c = row[u];
                if (fabs(c) < 1e-9) continue;
                nz[n++] = u;
                side_add(&lo, c > 0 ? c * a->lo[u] : c * a->hi[u]);
                side_add(&hi, c > 0 ? c * a->hi[u] : c * a->lo[u]);
            }
            for (int i = 0; i < n; i++) {
                int k = nz[i];
                double c = row[k];
                /* c x_k = b - (the rest of the row). */
                double olo = side_without(&lo, c > 0 ? c * a->lo[k] : c * a->hi[k], -1);
                double ohi = side_without(&hi, c > 0 ? c * a->hi[k] : c * a->lo[k], 1);
                double x1 = (b - ohi) / c, x2 = (b - olo) / c;
                changed |= tighten(&a->lo[k], c > 0 ? x1 : x2, true);
                changed |= tighten(&a->hi[k], c > 0 ? x2 : x1, false);
            }
        }
        if (!changed) break;
    }
    free(nz);
}

/* A suppressed slot a reader can pin down exactly, or -1. */
static int audit_exposed(const DiscTable *t, int *slots)
{
    Audit a;
    audit_build(t, &a, slots);
    audit_bounds(&a);
    int exposed = -1;
    for (int u = 0; u < a.n_unknown && exposed < 0; u++)
        if (a.lo[u] >= a.hi[u]) exposed = a.unknown_slot[u];
    audit_free(&a);
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
        int exposed = audit_exposed(t, slots);
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
