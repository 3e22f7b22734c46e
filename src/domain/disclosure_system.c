/* disclosure_system: see disclosure_system.h.
 *
 * The audit answers, for one withheld count, "what values could it take, given
 * everything published?" exactly, as the ONS guidance on tables asks (check
 * that no suppressed cell can be recovered, here from all the tables of one
 * publication together, not each on its own). It is an integer program: the
 * counts are whole numbers, a withheld one is at least 1 (zeros are published),
 * a hidden one at least 0, and every equation holds. Only the counts linked to
 * the one asked about through equations take part (its component), which keeps
 * each program small. Branch and bound over a simplex (Bland's rule, so it
 * cannot cycle) finds the extremes; the coefficients are small whole numbers,
 * and a vertex is read as whole when within 1e-6 of one. */
#include "domain/disclosure_system.h"

#include "domain/disclosure.h"

#include "base/mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The equations of each count, for component(): walking every equation for
 * every count reached made the audit quadratic in the size of a publication
 * (issue 17: most of the attack test's time). */
typedef struct DiscIncidence {
    int n_vars, n_eqs; /* what it was built for */
    int *start;        /* n_vars + 1 offsets into eq */
    int *eq;
} DiscIncidence;

void disc_sys_init(DiscSystem *s)
{
    memset(s, 0, sizeof *s);
    s->failed_var = -1;
    s->eq_start = xcalloc(1, sizeof *s->eq_start);
    s->cap_eqs = 1;
    s->incidence = xcalloc(1, sizeof *s->incidence);
    s->incidence->n_vars = -1;
}

/* The cache of s brought up to date (the struct it points to is not part of
 * the system's value, so a const system may refresh it). */
static const DiscIncidence *incidence(const DiscSystem *s)
{
    DiscIncidence *in = s->incidence;
    if (in->n_vars == s->n_vars && in->n_eqs == s->n_eqs) return in;
    free(in->start);
    free(in->eq);
    in->start = xcalloc((size_t)s->n_vars + 1, sizeof *in->start);
    in->eq = xcalloc((size_t)s->n_terms + 1, sizeof *in->eq);
    for (int t = 0; t < s->n_terms; t++) in->start[s->term_var[t] + 1]++;
    for (int v = 0; v < s->n_vars; v++) in->start[v + 1] += in->start[v];
    int *next = xcalloc((size_t)s->n_vars + 1, sizeof *next);
    memcpy(next, in->start, (size_t)s->n_vars * sizeof *next);
    for (int e = 0; e < s->n_eqs; e++)
        for (int t = s->eq_start[e]; t < s->eq_start[e + 1]; t++)
            in->eq[next[s->term_var[t]]++] = e;
    free(next);
    in->n_vars = s->n_vars;
    in->n_eqs = s->n_eqs;
    return in;
}

void disc_sys_free(DiscSystem *s)
{
    free(s->value);
    free(s->state);
    free(s->fixed);
    free(s->eq_start);
    free(s->term_var);
    free(s->term_coef);
    if (s->incidence) {
        free(s->incidence->start);
        free(s->incidence->eq);
        free(s->incidence);
    }
    memset(s, 0, sizeof *s);
}

int disc_sys_var(DiscSystem *s, long value, bool hidden)
{
    if (s->n_vars == s->cap_vars) {
        s->cap_vars = s->cap_vars ? 2 * s->cap_vars : 32;
        s->value = xrealloc(s->value, (size_t)s->cap_vars * sizeof *s->value);
        s->state = xrealloc(s->state, (size_t)s->cap_vars * sizeof *s->state);
        s->fixed = xrealloc(s->fixed, (size_t)s->cap_vars * sizeof *s->fixed);
    }
    s->fixed[s->n_vars] = 0;
    s->value[s->n_vars] = value;
    s->state[s->n_vars] = hidden ? DISC_HIDDEN : DISC_SHOWN;
    return s->n_vars++;
}

int disc_sys_eq(DiscSystem *s, int n, const int *var, const int *coef, Err *err)
{
    long sum = 0;
    for (int i = 0; i < n; i++) sum += coef[i] * s->value[var[i]];
    if (sum != 0)
        return err_set(err, ERR_INPUT, "published counts do not add up (off by %ld)", sum);
    if (s->n_eqs + 2 > s->cap_eqs) {
        s->cap_eqs *= 2;
        s->eq_start = xrealloc(s->eq_start, (size_t)s->cap_eqs * sizeof *s->eq_start);
    }
    if (s->n_terms + n > s->cap_terms) {
        s->cap_terms = 2 * (s->n_terms + n) + 16;
        s->term_var = xrealloc(s->term_var, (size_t)s->cap_terms * sizeof *s->term_var);
        s->term_coef = xrealloc(s->term_coef, (size_t)s->cap_terms * sizeof *s->term_coef);
    }
    memcpy(s->term_var + s->n_terms, var, (size_t)n * sizeof *var);
    memcpy(s->term_coef + s->n_terms, coef, (size_t)n * sizeof *coef);
    s->n_terms += n;
    s->eq_start[++s->n_eqs] = s->n_terms;
    return 0;
}

int disc_sys_sum(DiscSystem *s, int n_parts, const int *parts, int total, Err *err)
{
    int *var = xcalloc((size_t)n_parts + 1, sizeof *var);
    int *coef = xcalloc((size_t)n_parts + 1, sizeof *coef);
    for (int i = 0; i < n_parts; i++) {
        var[i] = parts[i];
        coef[i] = 1;
    }
    var[n_parts] = total;
    coef[n_parts] = -1;
    int rc = disc_sys_eq(s, n_parts + 1, var, coef, err);
    free(var);
    free(coef);
    return rc;
}

bool disc_sys_withheld(const DiscSystem *s, int var)
{
    return s->state[var] != DISC_SHOWN;
}

/* --- a dense simplex: min c.x, A x = b, x >= 0 ------------------------------ */

enum { LP_OPTIMAL, LP_INFEASIBLE, LP_UNBOUNDED };
#define LP_EPS 1e-9

typedef struct Tableau {
    int m, n, w; /* rows, structural columns, width (n + m artificials + rhs) */
    double *t;   /* (m + 1) x w; row m is the objective */
    int *basis;
} Tableau;

static double *cell(Tableau *tb, int r, int c)
{
    return tb->t + (size_t)r * (size_t)tb->w + (size_t)c;
}

static void pivot(Tableau *tb, int r, int c)
{
    double d = *cell(tb, r, c);
    for (int k = 0; k < tb->w; k++) *cell(tb, r, k) /= d;
    for (int i = 0; i <= tb->m; i++) {
        if (i == r) continue;
        double f = *cell(tb, i, c);
        if (fabs(f) < 1e-15) continue;
        for (int k = 0; k < tb->w; k++) *cell(tb, i, k) -= f * *cell(tb, r, k);
    }
    tb->basis[r] = c;
}

/* Pivots until optimal over columns < n_cols (Bland's rule). */
static int simplex_run(Tableau *tb, int n_cols)
{
    for (int iter = 0; iter < 100000; iter++) {
        int enter = -1;
        for (int j = 0; j < n_cols && enter < 0; j++)
            if (*cell(tb, tb->m, j) < -LP_EPS) enter = j;
        if (enter < 0) return LP_OPTIMAL;
        int leave = -1;
        double best = 0;
        for (int i = 0; i < tb->m; i++) {
            double a = *cell(tb, i, enter);
            if (a <= LP_EPS) continue;
            double ratio = *cell(tb, i, tb->w - 1) / a;
            if (leave < 0 || ratio < best - LP_EPS ||
                (ratio < best + LP_EPS && tb->basis[i] < tb->basis[leave])) {
                leave = i;
                best = ratio;
            }
        }
        if (leave < 0) return LP_UNBOUNDED;
        pivot(tb, leave, enter);
    }
    return LP_UNBOUNDED; /* cannot happen with Bland's rule; treated as no answer */
}

/* Solves min c.x subject to A x = b, x >= 0 (A is m x n, row-major); x gets the
 * solution. Two phases: artificial variables find a feasible basis first. */
static int lp_solve(int m, int n, const double *a, const double *b, const double *c, double *x)
{
    Tableau tb = {m, n, n + m + 1, NULL, NULL};
    tb.t = xcalloc((size_t)(m + 1) * (size_t)tb.w, sizeof *tb.t);
    tb.basis = xcalloc((size_t)m + 1, sizeof *tb.basis);
    for (int i = 0; i < m; i++) {
        double sign = b[i] < 0 ? -1 : 1;
        for (int j = 0; j < n; j++) *cell(&tb, i, j) = sign * a[(size_t)i * (size_t)n + j];
        *cell(&tb, i, n + i) = 1;
        *cell(&tb, i, tb.w - 1) = sign * b[i];
        tb.basis[i] = n + i;
        for (int j = 0; j < n; j++) *cell(&tb, m, j) -= *cell(&tb, i, j);
        *cell(&tb, m, tb.w - 1) -= *cell(&tb, i, tb.w - 1);
    }
    int status = simplex_run(&tb, n);
    if (status == LP_OPTIMAL && -*cell(&tb, m, tb.w - 1) > 1e-7) status = LP_INFEASIBLE;
    if (status == LP_OPTIMAL) {
        for (int i = 0; i < m; i++) { /* drive artificials out where a column allows */
            if (tb.basis[i] < n) continue;
            for (int j = 0; j < n; j++)
                if (fabs(*cell(&tb, i, j)) > 1e-7) {
                    pivot(&tb, i, j);
                    break;
                }
        }
        for (int k = 0; k < tb.w; k++) *cell(&tb, m, k) = k < n ? c[k] : 0;
        for (int i = 0; i < m; i++) {
            int j = tb.basis[i];
            if (j >= n || c[j] == 0) continue;
            double f = c[j];
            for (int k = 0; k < tb.w; k++) *cell(&tb, m, k) -= f * *cell(&tb, i, k);
        }
        status = simplex_run(&tb, n);
    }
    if (status == LP_OPTIMAL) {
        memset(x, 0, (size_t)n * sizeof *x);
        for (int i = 0; i < m; i++)
            if (tb.basis[i] < n) x[tb.basis[i]] = *cell(&tb, i, tb.w - 1);
    }
    free(tb.t);
    free(tb.basis);
    return status;
}

/* --- the integer program of one component ----------------------------------- */

typedef struct Program {
    int n;           /* unknowns of the component */
    int m;           /* its equations */
    double *a, *b;   /* m x n coefficients; right-hand sides (shown counts moved over) */
    double *lo, *hi; /* current bounds, whole numbers */
    double cap;      /* hi at or above it: no upper bound */
    long nodes;
} Program;

enum { MAX_NODES = 200000 };

/* The LP relaxation with the current bounds: x = lo + y, and y + s = hi - lo
 * only for the counts that have an upper bound below the cap (from branching);
 * without them the relaxation may be unbounded. */
static int relax(const Program *p, const double *cost, double *x)
{
    int n = p->n, n_upper = 0;
    int *upper = xcalloc((size_t)n + 1, sizeof *upper);
    for (int j = 0; j < n; j++)
        if (p->hi[j] < p->cap) upper[n_upper++] = j;
    int m = p->m + n_upper, cols = n + n_upper;
    double *a = xcalloc((size_t)m * (size_t)cols, sizeof *a);
    double *b = xcalloc((size_t)m, sizeof *b);
    double *c = xcalloc((size_t)cols, sizeof *c);
    double *y = xcalloc((size_t)cols, sizeof *y);
    for (int e = 0; e < p->m; e++) {
        b[e] = p->b[e];
        for (int j = 0; j < n; j++) {
            double v = p->a[(size_t)e * (size_t)n + j];
            a[(size_t)e * (size_t)cols + j] = v;
            b[e] -= v * p->lo[j];
        }
    }
    for (int u = 0; u < n_upper; u++) {
        int j = upper[u];
        a[(size_t)(p->m + u) * (size_t)cols + j] = 1;
        a[(size_t)(p->m + u) * (size_t)cols + n + u] = 1;
        b[p->m + u] = p->hi[j] - p->lo[j];
    }
    for (int j = 0; j < n; j++) c[j] = cost[j];
    int status = lp_solve(m, cols, a, b, c, y);
    for (int j = 0; j < n && status == LP_OPTIMAL; j++) x[j] = p->lo[j] + y[j];
    free(upper);
    free(a);
    free(b);
    free(c);
    free(y);
    return status;
}

/* Depth-first branch and bound for the extreme of unknown k in direction sense
 * (+1 largest, -1 smallest); *best holds a whole value known to be reachable. */
static void branch(Program *p, int k, int sense, long *best)
{
    if (++p->nodes > MAX_NODES) return; /* keep what is proven reachable */
    double *cost = xcalloc((size_t)p->n, sizeof *cost);
    double *x = xcalloc((size_t)p->n, sizeof *x);
    cost[k] = -sense;
    int status = relax(p, cost, x);
    free(cost);
    /* Unbounded at the root, where the true counts are a whole solution: with
     * whole-number data the integer program is unbounded too. Below the root
     * a branch may hold no whole solution, so it proves nothing (kept: what is
     * proven reachable). */
    if (status == LP_UNBOUNDED && p->nodes == 1 && sense > 0) *best = (long)p->cap;
    if (status == LP_OPTIMAL) {
        double bound = sense > 0 ? floor(x[k] + 1e-6) : ceil(x[k] - 1e-6);
        if (sense * bound > sense * (double)*best) {
            int frac = -1;
            for (int j = 0; j < p->n && frac < 0; j++)
                if (fabs(x[j] - floor(x[j] + 0.5)) > 1e-6) frac = j;
            if (frac < 0) {
                *best = (long)floor(x[k] + 0.5);
            } else {
                double v = x[frac], save_lo = p->lo[frac], save_hi = p->hi[frac];
                p->hi[frac] = floor(v);
                branch(p, k, sense, best);
                p->hi[frac] = save_hi;
                p->lo[frac] = ceil(v);
                branch(p, k, sense, best);
                p->lo[frac] = save_lo;
            }
        }
    }
    free(x);
}

/* The unknowns linked to var through equations (withheld or hidden counts). */
static int component(const DiscSystem *s, int var, int *member, int *index)
{
    for (int v = 0; v < s->n_vars; v++) index[v] = -1;
    int n = 0;
    member[n] = var;
    index[var] = n++;
    const DiscIncidence *in = incidence(s);
    for (int head = 0; head < n; head++) {
        int u = member[head];
        for (int k = in->start[u]; k < in->start[u + 1]; k++) {
            int e = in->eq[k];
            for (int t = s->eq_start[e]; t < s->eq_start[e + 1]; t++) {
                int v = s->term_var[t];
                if (index[v] < 0 && disc_sys_withheld(s, v)) {
                    index[v] = n;
                    member[n++] = v;
                }
            }
        }
    }
    return n;
}

int disc_sys_linked(const DiscSystem *s, int var, int *members)
{
    int *index = xcalloc((size_t)s->n_vars, sizeof *index);
    int n = component(s, var, members, index);
    free(index);
    return n;
}

/* The program over var's component: its equations with the shown counts moved
 * to the right-hand side; bounds from 1 (withheld) or 0 (hidden) to a cap far
 * above anything in the system, so that every relaxation is bounded. */
static void program_build(const DiscSystem *s, int var, Program *p, int *member, double *cap)
{
    int *index = xcalloc((size_t)s->n_vars, sizeof *index);
    memset(p, 0, sizeof *p);
    p->n = component(s, var, member, index);
    double total = 0;
    for (int v = 0; v < s->n_vars; v++) total += (double)labs(s->value[v]);
    *cap = 2 * total + 4 * DISC_MAX_THRESHOLD + 10;
    p->a = xcalloc((size_t)s->n_eqs * (size_t)p->n, sizeof *p->a);
    p->b = xcalloc((size_t)s->n_eqs, sizeof *p->b);
    for (int e = 0; e < s->n_eqs; e++) {
        double *row = p->a + (size_t)p->m * (size_t)p->n;
        bool has = false;
        double rhs = 0;
        for (int t = s->eq_start[e]; t < s->eq_start[e + 1]; t++) {
            int v = s->term_var[t];
            if (index[v] >= 0) {
                row[index[v]] += s->term_coef[t];
                has = true;
            } else {
                rhs -= s->term_coef[t] * (double)s->value[v];
            }
        }
        if (!has) continue;
        p->b[p->m++] = rhs;
    }
    p->lo = xcalloc((size_t)p->n, sizeof *p->lo);
    p->hi = xcalloc((size_t)p->n, sizeof *p->hi);
    p->cap = *cap;
    for (int j = 0; j < p->n; j++) {
        /* A withheld count is at least 1 because zeros are published; one
         * withheld all the same (a caller's choice) is at least 0. */
        bool from_zero = s->state[member[j]] == DISC_HIDDEN || s->value[member[j]] == 0;
        p->lo[j] = from_zero ? 0 : 1;
        p->hi[j] = *cap;
    }
    free(index);
}

static void program_free(Program *p)
{
    free(p->a);
    free(p->b);
    free(p->lo);
    free(p->hi);
}

/* The extreme of var in direction sense, starting from a value known to be
 * reachable or a level to beat; DISC_UNBOUNDED when it reaches the cap. */
static long extreme(const DiscSystem *s, int var, int sense, long start)
{
    int *member = xcalloc((size_t)s->n_vars, sizeof *member);
    Program p;
    double cap;
    program_build(s, var, &p, member, &cap);
    long best = start;
    branch(&p, 0, sense, &best);
    program_free(&p);
    free(member);
    if (sense > 0 && (double)best >= cap) return DISC_UNBOUNDED;
    return best;
}

void disc_sys_range(const DiscSystem *s, int var, long *lo, long *hi)
{
    long v = s->value[var];
    if (!disc_sys_withheld(s, var)) {
        *lo = *hi = v;
        return;
    }
    *lo = extreme(s, var, -1, v);
    *hi = extreme(s, var, 1, v);
}

/* Whether the range [lo, hi] of a withheld count gives it away: one value
 * (pinned), or a part of 1..threshold narrower than all of it (a reader
 * learns more than that it may be a small count). */
bool disc_range_exposed(long lo, long hi, int threshold)
{
    if (lo == hi) return true;
    if (hi > threshold) return false;
    return hi < threshold || lo > 1;
}

/* disc_range_exposed, searching no further than needed: anything above
 * max(value, threshold) settles it at once. */
static bool exposed(const DiscSystem *s, int var, int threshold)
{
    long v = s->value[var];
    long level = v > threshold ? v : threshold;
    if (extreme(s, var, 1, level) > level) return false;
    long hi = v > threshold ? v : extreme(s, var, 1, v);
    return disc_range_exposed(extreme(s, var, -1, v), hi, threshold);
}

/* Whether var needs the audit: withheld, and not a hidden zero. */
static bool audited(const DiscSystem *s, int var)
{
    return disc_sys_withheld(s, var) && !(s->state[var] == DISC_HIDDEN && s->value[var] == 0);
}

bool disc_sys_var_exposed(const DiscSystem *s, int var, int threshold)
{
    return audited(s, var) && exposed(s, var, threshold);
}

int disc_sys_exposed(const DiscSystem *s, int threshold)
{
    for (int v = 0; v < s->n_vars; v++) {
        if (audited(s, v) && exposed(s, v, threshold)) return v;
    }
    return -1;
}

/* The smallest shown non-zero count of equation e, or -1. */
static int smallest_shown(const DiscSystem *s, int e)
{
    int best = -1;
    for (int t = s->eq_start[e]; t < s->eq_start[e + 1]; t++) {
        int v = s->term_var[t];
        if (s->fixed[v] || s->state[v] != DISC_SHOWN || s->value[v] <= 0) continue;
        if (best < 0 || s->value[v] < s->value[best]) best = v;
    }
    return best;
}

static int withheld_terms(const DiscSystem *s, int e)
{
    int n = 0;
    for (int t = s->eq_start[e]; t < s->eq_start[e + 1]; t++)
        n += disc_sys_withheld(s, s->term_var[t]);
    return n;
}

/* The shown non-zero count to withhold next for an exposed one: from the
 * equations through it, the one with the fewest unknowns first (the one that
 * most likely pins it), its smallest count; failing that the smallest in any
 * equation of its component. The choice depends only on that component, so the
 * same counts are withheld the same way in every publication that holds them.
 * Returns -1 when none is left. */
static int pick_partner(const DiscSystem *s, int var)
{
    int best = -1, best_unknowns = 0;
    for (int e = 0; e < s->n_eqs; e++) {
        bool has = false;
        for (int t = s->eq_start[e]; t < s->eq_start[e + 1] && !has; t++)
            has = s->term_var[t] == var;
        int v = has ? smallest_shown(s, e) : -1;
        if (v < 0) continue;
        int unknowns = withheld_terms(s, e);
        if (best < 0 || unknowns < best_unknowns ||
            (unknowns == best_unknowns && s->value[v] < s->value[best])) {
            best = v;
            best_unknowns = unknowns;
        }
    }
    if (best >= 0) return best;
    int *member = xcalloc((size_t)s->n_vars, sizeof *member);
    int *index = xcalloc((size_t)s->n_vars, sizeof *index);
    component(s, var, member, index);
    for (int e = 0; e < s->n_eqs; e++) {
        bool linked = false;
        for (int t = s->eq_start[e]; t < s->eq_start[e + 1] && !linked; t++)
            linked = index[s->term_var[t]] >= 0;
        int v = linked ? smallest_shown(s, e) : -1;
        if (v >= 0 && (best < 0 || s->value[v] < s->value[best])) best = v;
    }
    free(member);
    free(index);
    return best;
}

void disc_sys_fix(DiscSystem *s)
{
    if (s->n_vars) memset(s->fixed, 1, (size_t)s->n_vars);
}

void disc_sys_fix_var(DiscSystem *s, int var)
{
    s->fixed[var] = 1;
}

/* When no single count is left to withhold beside an exposed one: every shown
 * non-zero count linked to it that may still change. Returns how many. */
static int withhold_linked(DiscSystem *s, int var)
{
    int *member = xcalloc((size_t)s->n_vars, sizeof *member);
    int *index = xcalloc((size_t)s->n_vars, sizeof *index);
    component(s, var, member, index);
    int n = 0;
    for (int e = 0; e < s->n_eqs; e++) {
        bool linked = false;
        for (int t = s->eq_start[e]; t < s->eq_start[e + 1] && !linked; t++)
            linked = index[s->term_var[t]] >= 0;
        for (int v; linked && (v = smallest_shown(s, e)) >= 0; n++) s->state[v] = DISC_SECONDARY;
    }
    free(member);
    free(index);
    return n;
}

/* Protects one count: withholds partners until it is safe. Returns 0, or
 * ERR_INPUT when a count from 1 to the threshold stays exposed. */
static int protect_one(DiscSystem *s, int v, int threshold, bool *changed, Err *err)
{
    while (exposed(s, v, threshold)) {
        int partner = pick_partner(s, v);
        if (partner >= 0) {
            s->state[partner] = DISC_SECONDARY;
        } else if (withhold_linked(s, v) == 0) {
            /* Nothing left: a count above the threshold that a reader can work
             * out from what is shown is published (withholding it would hide
             * nothing); one within the threshold, or one whose mark is fixed
             * (published before), cannot be protected. */
            if (s->value[v] > threshold && s->state[v] != DISC_HIDDEN && !s->fixed[v]) {
                s->state[v] = DISC_SHOWN;
                return 0;
            }
            s->failed_var = v;
            return err_set(err, ERR_INPUT,
                           "a withheld count of %ld cannot be protected: nothing linked to it is "
                           "left to withhold",
                           s->value[v]);
        }
        *changed = true;
    }
    return 0;
}

int disc_sys_protect(DiscSystem *s, int threshold, Err *err)
{
    for (int v = 0; v < s->n_vars; v++)
        if (!s->fixed[v] && s->state[v] == DISC_SHOWN && s->value[v] >= 1 &&
            s->value[v] <= threshold)
            s->state[v] = DISC_PRIMARY;
    /* Withholding more only ever widens a range (a known count becomes one
     * more unknown), so a count found safe stays safe: each is audited until
     * it is, and the pass repeats for counts withheld along the way. */
    s->failed_var = -1;
    bool *safe = xcalloc((size_t)s->n_vars, sizeof *safe);
    int rc = 0;
    for (bool changed = true; changed && rc == 0;) {
        changed = false;
        for (int v = 0; v < s->n_vars && rc == 0; v++) {
            if (safe[v] || !audited(s, v)) continue;
            rc = protect_one(s, v, threshold, &changed, err);
            safe[v] = rc == 0;
        }
    }
    free(safe);
    return rc;
}

int disc_threshold_option(const char *text, bool publish, int *threshold, Err *err)
{
    *threshold = DISC_DEFAULT_THRESHOLD;
    if (!text) return 0;
    if (!publish) return err_set(err, ERR_USAGE, "--threshold goes with --publish");
    char *end;
    long v = strtol(text, &end, 10);
    if (*end || end == text || v < 1 || v > DISC_MAX_THRESHOLD)
        return err_set(err, ERR_USAGE, "--threshold must be a whole number from 1 to %d, not %s",
                       DISC_MAX_THRESHOLD, text);
    *threshold = (int)v;
    return 0;
}
