/* Helpers for unit tests that build made-up histories: a small deterministic
 * random number generator (a 64-bit linear congruential generator; each test
 * keeps its own state, so its histories never change) and the order of a
 * child's records (date, then kind) for sorting hand-made CareRecords. */
#ifndef CAREPLEDGE_TEST_MADE_UP_H
#define CAREPLEDGE_TEST_MADE_UP_H

#include "domain/dataset.h"

/* A number in 0..n-1 from *state, which it advances. */
static inline int made_up_below(unsigned long *state, int n)
{
    *state = *state * 6364136223846793005ul + 1442695040888963407ul;
    return (int)((*state >> 33) % (unsigned long)n);
}

/* qsort order of CareRecords: by date, then kind (dataset.h). */
static inline int made_up_record_order(const void *a, const void *b)
{
    const CareRecord *x = a, *y = b;
    return x->date != y->date ? (x->date > y->date) - (x->date < y->date) : x->kind - y->kind;
}

#endif
