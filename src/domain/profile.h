/* profile: section 4 of the strategy, "Profile of children and young people in
 * care and care leavers", computed from a Dataset on a date.
 *
 * Four tables, each row with the strategy's own label (without its '*'). How
 * each row is derived is in docs/profile.md. Pure. */
#ifndef CAREPLEDGE_PROFILE_H
#define CAREPLEDGE_PROFILE_H

#include "domain/dataset.h"
#include "base/err.h"
#include "domain/leaver.h"

typedef struct ProfileRow {
    const char *table; /* e.g. "All children and young people" */
    const char *row;   /* e.g. "In care full time" */
    long count;
} ProfileRow;

enum { PROFILE_N_ROWS = 30 };

/* Fills rows[PROFILE_N_ROWS] in the strategy's order. */
void profile_compute(const Dataset *ds, Date at, LeaverRules rules, ProfileRow *rows);

/* Which rows may not be published (docs/disclosure.md, docs/profile.md):
 * counts from 1 to threshold, and with them whatever else would let a reader
 * work one out from the rows that add up (see profile.c). Fills
 * suppressed[PROFILE_N_ROWS]. Returns 0, or ERR_INPUT when the rows do not add
 * up as they must (a bug, not an input problem). */
int profile_publish(const ProfileRow *rows, int threshold, bool *suppressed, Err *err);

/* The same as one layer of a publication (domain/publication.h) protected with
 * the outputs before it fixed, its threshold pub's. The totals of
 * tables 1 to 3 (in care full time, through short breaks, care leavers) above
 * the threshold are the same children as a cohort of key of equal value, if any
 * (service/svc_publish: the scorecard's denominators of the year whose 31
 * March is the profile's date); key < 0: none. */
struct Publication;
int profile_publish_layer(const ProfileRow *rows, struct Publication *pub, int key,
                          bool *suppressed, Err *err);

#endif
