/* parallel: work over the children of a Dataset on several threads.
 *
 * The domain's functions are pure over a read-only Dataset, so a command can
 * split the children into consecutive shares, work each out on a thread of
 * its own into its own tallies, and add the tallies up: sums of counts, the
 * same whatever the split. A share is a view of the Dataset holding a slice
 * of ds->children and the Dataset's own other arrays: each child reaches its
 * rows through its own first_* indexes, so the slice holds (an array kept by
 * child index, c - ds->children, would not; there is none). */
#ifndef CAREPLEDGE_PARALLEL_H
#define CAREPLEDGE_PARALLEL_H

#include "domain/dataset.h"

#include <stddef.h>

enum { PARALLEL_MAX_SHARES = 8 };

/* How many shares: `asked`, or one per processor when asked <= 0; at most
 * PARALLEL_MAX_SHARES, never more than there are children, at least 1. */
int parallel_share_count(const Dataset *ds, int asked);

/* Splits ds's children into n consecutive shares holding about as many
 * episodes, reviews and records each; views[s] is share s (not to be freed). */
void parallel_split(const Dataset *ds, int n, Dataset *views);

/* Calls fn(arg + s * arg_size) for s in 0..n-1: share 0 on this thread, the
 * others on threads of their own, and returns when all are done. A share
 * whose thread cannot start is worked out on this thread after share 0. */
void parallel_run(int n, void (*fn)(void *), void *arg, size_t arg_size);

#endif
