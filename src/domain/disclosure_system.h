/* disclosure_system: one publication as a reader sees it, and its exact audit.
 *
 * A DiscSystem holds every count one publication (a scorecard, a profile, or a
 * pack of them) puts out, each once: a count published in two places is one
 * variable, so it is shown or withheld everywhere alike. Equations tie the
 * counts together (a total and its parts, a denominator and its numerator and
 * complement, the groups of a breakdown and their total), each as
 * sum(coef * count) = 0. Hidden variables are counts the reader knows exist but
 * which are never published (the children on neither side of a gap).
 *
 * The audit is exact: for each withheld count it finds the smallest and largest
 * whole numbers consistent with everything published (an integer program,
 * solved by branch and bound over a simplex on these small systems of 0/1
 * coefficients). A withheld count is exposed when that range is one value
 * (pinned) or is narrowed inside the protected range 1..threshold: it lies
 * within it and is not all of it. disc_sys_protect suppresses more counts
 * until none is.
 *
 * The rules, what a reader is assumed to know, and their sources are in
 * docs/disclosure.md. Pure: no I/O. */
#ifndef CAREPLEDGE_DISCLOSURE_SYSTEM_H
#define CAREPLEDGE_DISCLOSURE_SYSTEM_H

#include "base/err.h"

#include <stdbool.h>

enum { DISC_HIDDEN = 3 }; /* a DiscState beyond disclosure.h's: never published */

typedef struct DiscSystem {
    int n_vars, cap_vars;
    long *value;          /* the true counts */
    unsigned char *state; /* DiscState or DISC_HIDDEN */
    unsigned char *fixed; /* nonzero: the count keeps its mark (disc_sys_fix) */
    int failed_var;       /* the count disc_sys_protect could not protect, or -1 */
    int n_eqs, cap_eqs, n_terms, cap_terms;
    int *eq_start; /* n_eqs + 1 offsets into term_var / term_coef */
    int *term_var;
    int *term_coef;
    /* Which equations hold each count: a cache for finding a count's linked
     * counts, rebuilt when counts or equations have been added since. */
    struct DiscIncidence *incidence;
} DiscSystem;

void disc_sys_init(DiscSystem *s);
void disc_sys_free(DiscSystem *s);
/* Adds a count (published unless hidden); returns its index. */
int disc_sys_var(DiscSystem *s, long value, bool hidden);
/* Adds sum(coef[i] * count[var[i]]) = 0. Returns ERR_INPUT when the true
 * counts do not satisfy it. */
int disc_sys_eq(DiscSystem *s, int n, const int *var, const int *coef, Err *err);
/* The common case: parts add up to total. */
int disc_sys_sum(DiscSystem *s, int n_parts, const int *parts, int total, Err *err);

bool disc_sys_withheld(const DiscSystem *s, int var);

/* The withheld or hidden counts linked to var through equations (the counts
 * its range depends on), var first, into members[n_vars]; returns how many. */
int disc_sys_linked(const DiscSystem *s, int var, int *members);

/* The exact range [*lo, *hi] of a withheld or hidden count over every whole-
 * number solution consistent with what is published (*hi = DISC_UNBOUNDED when
 * no published figure bounds it). A published count's range is its value. */
enum { DISC_UNBOUNDED = 1 << 30 };
void disc_sys_range(const DiscSystem *s, int var, long *lo, long *hi);

/* Whether a withheld count's range [lo, hi] exposes it (see above). */
bool disc_range_exposed(long lo, long hi, int threshold);

/* Whether withheld (or hidden, from 1 up) count var's range exposes it: the
 * same answer as disc_range_exposed on disc_sys_range, searching no further
 * than needed. */
bool disc_sys_var_exposed(const DiscSystem *s, int var, int threshold);

/* The first withheld count (or hidden one from 1 up) whose range exposes it;
 * -1 when there is none. */
int disc_sys_exposed(const DiscSystem *s, int threshold);

/* Primary suppression of 1..threshold, then more counts withheld (a shown
 * non-zero count that shares an equation with an exposed one, smallest first;
 * when none is left, every one linked to it) until the audit finds nothing.
 * Zeros stay published. Counts already marked withheld stay withheld; fixed
 * counts are never chosen. A count above the threshold that stays pinned with
 * nothing left to withhold is published (a reader has it anyway). Returns 0,
 * or ERR_INPUT when a count from 1 to the threshold cannot be protected. */
int disc_sys_protect(DiscSystem *s, int threshold, Err *err);

/* Fixes the marks of every count so far: a later disc_sys_protect withholds
 * only counts added after, so that what was published before stays as it was
 * (the totals of a year, whatever breakdown is added to them). */
void disc_sys_fix(DiscSystem *s);
/* Fixes one count's mark (a count a reader has from elsewhere, say). */
void disc_sys_fix_var(DiscSystem *s, int var);

/* A threshold as the command line gives it: 1 to 100 and only with --publish.
 * text may be NULL (not given: the default). Returns 0 with *threshold set, or
 * ERR_USAGE with a message naming the option. */
enum { DISC_MAX_THRESHOLD = 100 };
int disc_threshold_option(const char *text, bool publish, int *threshold, Err *err);

#endif
