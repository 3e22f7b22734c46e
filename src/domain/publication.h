/* publication: several outputs published together, protected as one (issue 17).
 *
 * A publication is one DiscSystem (domain/disclosure_system.h) that every
 * output of it puts its counts into: the scorecard, the profile, and later the
 * quarterly pack's sections. Outputs are added in layers. Each layer is
 * protected with everything before it fixed, so a later layer withholds only
 * its own counts and never changes what an earlier one publishes: the
 * scorecard's figures in a publication are those of `scorecard --publish`
 * alone, and its totals of a year are the same whatever breakdown or output
 * is added after them (docs/disclosure.md, "One publication").
 *
 * Counts of children may be the same children in two outputs (the children in
 * care on 31 March are a scorecard denominator and a profile row). A reader is
 * assumed to know which: every two "cohort" counts of one key (a date, say)
 * and equal value are treated as one count. A cohort count equal to a shown
 * count of an earlier layer is published (the reader has it anyway); one
 * equal to a withheld count is withheld with it.
 *
 * Pure: no I/O. */
#ifndef CAREPLEDGE_PUBLICATION_H
#define CAREPLEDGE_PUBLICATION_H

#include "base/err.h"
#include "domain/disclosure_system.h"

#include <stdbool.h>

typedef struct Publication {
    DiscSystem sys;
    int threshold;
    int n_cohorts, cap_cohorts;
    int *cohort_var, *cohort_key;
} Publication;

void publication_init(Publication *p, int threshold);
void publication_free(Publication *p);

/* A count the publication prints (withheld later if need be); its index. */
int publication_count(Publication *p, long value);
/* A count a reader knows exists but that is never printed (the children on
 * neither side of a gap, a list's unlisted rest); at least 0. */
int publication_hidden(Publication *p, long value);
/* parts[0..n) add up to total. ERR_INPUT when the true counts do not. */
int publication_sum(Publication *p, int n, const int *parts, int total, Err *err);
/* var may count the same children as any other cohort count of the same key
 * and value (see above). */
int publication_cohort(Publication *p, int var, int key, Err *err);
/* var is the same children as the first cohort count of key and equal value,
 * if there is one; var itself is not a cohort of key (two of its kind are not
 * linked with each other). */
int publication_same_as(Publication *p, int var, int key, Err *err);

/* A table of counts with its margins, for outputs that publish one (a pack's
 * survey results, participation figures): cells[rows * cols] row by row; with
 * row_totals each row's total is published too, with col_totals each
 * column's and the grand total. vars gets the index of every count: the
 * cells row by row, then the row totals, the column totals and the grand
 * total as asked. Each count is a cohort of key when key >= 0. Returns the
 * number of counts written to vars, or ERR_INPUT. */
int publication_table(Publication *p, const long *cells, int rows, int cols, bool row_totals,
                      bool col_totals, int key, int *vars, Err *err);

/* Protects the counts added since the last layer with the earlier ones fixed,
 * then fixes them. Returns 0, or ERR_INPUT when a count from 1 to the
 * threshold cannot be protected (the message says so). */
int publication_layer(Publication *p, Err *err);

/* Whether count var is printed as c. */
bool publication_withheld(const Publication *p, int var);

#endif
