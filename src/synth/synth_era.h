/* synth_era: the codes a year's return is written with. The generator draws
 * every episode and care leaver with today's codes; a year before one of them
 * existed gets the code of its own lists instead (data/903-codes.csv, years and
 * sources in data/903-codes-sources.md), the one that codes_current reads back
 * as the same kind of placement, legal status, ending or activity.
 * Internal to src/synth/; pure. */
#ifndef CAREPLEDGE_SYNTH_ERA_H
#define CAREPLEDGE_SYNTH_ERA_H

#include "base/date.h"

#include <stdbool.h>
#include <stdint.h>

/* year is the collection year (its end year: 2010 = 2009/10). */
/* pl_post: the placement's made-up postcode, which tells inside from outside
 * the council's boundary for the codes before 2009/10. */
const char *synth_era_place(int place, int provider, uint32_t pl_post, int year);
const char *synth_era_ls(int ls, int year);
const char *synth_era_rec(int rec, int year);
/* REASON_PLACE_CHANGE, "" in the years before it was collected. */
const char *synth_era_rpc(int rpc, int year);
/* Whether the last return to carry an episode ending on dec (exclusive; later
 * than the history for one still open) records long-term fostering (U1/U4):
 * the codes before 2014/15 did not. to_year: the last year written. */
bool synth_era_records_long_term(Date dec, int to_year);
/* An OC3 ACTIV code (synth_activ_codes). */
const char *synth_era_activ(int activ, int year);

#endif
