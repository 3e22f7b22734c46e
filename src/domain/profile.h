/* profile: section 4 of the strategy, "Profile of children and young people in
 * care and care leavers", computed from a Dataset on a date.
 *
 * Four tables, each row with the strategy's own label (without its '*'). How
 * each row is derived is in docs/profile.md. Pure. */
#ifndef CAREPLEDGE_PROFILE_H
#define CAREPLEDGE_PROFILE_H

#include "domain/dataset.h"
#include "domain/leaver.h"

typedef struct ProfileRow {
    const char *table; /* e.g. "All children and young people" */
    const char *row;   /* e.g. "In care full time" */
    long count;
} ProfileRow;

enum { PROFILE_N_ROWS = 30 };

/* Fills rows[PROFILE_N_ROWS] in the strategy's order. */
void profile_compute(const Dataset *ds, Date at, LeaverRules rules, ProfileRow *rows);

#endif
