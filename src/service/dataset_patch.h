/* dataset_patch: a snapshot of the whole history brought up to date after a
 * change of one child's rows (a record or a correction through the web API),
 * by reading that child's rows again instead of every child's.
 *
 * A server holds one Dataset of every child (web/app.h) and used to load it
 * all again after each change: seconds on a region's history, for one
 * record. A record or a correction writes one commit that touches one
 * child's rows alone (and, at most, the counts of marked values), so the
 * Dataset after it is the one before with that child's slice of each array
 * replaced: the child's rows are read in one read transaction that also
 * reads the commit, and they are used only when that commit is the one
 * right after the snapshot's. Otherwise something else was committed
 * meanwhile (an import, another server) and the caller loads the whole
 * history as before. docs/web.md, "What a save costs". */
#ifndef CAREPLEDGE_DATASET_PATCH_H
#define CAREPLEDGE_DATASET_PATCH_H

#include "base/err.h"
#include "domain/dataset.h"

/* Builds in *out (its own copy: base is left as it is, and may be freed
 * before or after out) the Dataset a full load of db_path would give, from
 * base and child's rows read again, provided the database is now at
 * base->commit + 1: the caller made that one commit, and it changed no
 * child's rows but child's. Returns 1 when *out is built; 0 when it is not
 * and the caller must load the whole history: the database is at another
 * commit, the child is not in base or no longer in the database, or base
 * holds the episodes' places (never loaded by a server); or an error, *out
 * empty either way but 1. */
int service_patch_child(const char *db_path, const Dataset *base, const char *child, Dataset *out,
                        Err *err);

/* The splice alone (for the tests): *out is base with the slice of the
 * child one->children[0] replaced by one's rows, its marks and commit one's.
 * Returns 0, or -1 (out empty) when base has no such child, one holds other
 * than one child, or base holds places. */
int service_splice_child(const Dataset *base, const Dataset *one, Dataset *out);

#endif
