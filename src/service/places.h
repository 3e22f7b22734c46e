/* places: the 903 fields the DfE derives from an episode's postcodes —
 * PL_DISTANCE, PL_LA and PL_LOCATION — set in a loaded Dataset from the ONS
 * Postcode Directory (exchange/onspd), for the indicators that read them
 * (placed_over_20_miles, placed_outside_la). The same derivation as the
 * validator's (shared/reference/903/README.md). */
#ifndef CAREPLEDGE_PLACES_H
#define CAREPLEDGE_PLACES_H

#include "base/err.h"
#include "domain/dataset.h"

/* Checks a council's own authority code as the 903's PL_LA holds it: an ONS
 * code of the upper tier (a letter and 8 digits: a county E10, a unitary
 * E06, a metropolitan district E08, a London borough E09, ...), not a shire
 * district (E07), whose placements the 903 puts under its county. Writes the
 * code upper-cased into out. Returns 0 or ERR_USAGE with the reason (err->param
 * "la": the message names no flag). */
int places_check_la(const char *code, char out[10], Err *err);

/* With the directory at onspd_path (NULL: none), reads it in one streaming pass
 * for the postcodes of the episodes in ds->places (loaded with
 * STORE_LOAD_POSTCODES) that run at some time from `from` to `to` (the first
 * and last 31 March a command reads), and sets their PL_DISTANCE and PL_LA;
 * with own_la too (NULL: none) their PL_LOCATION. Other episodes keep none
 * (distance -1). Records in ds->places_derived what is set. Returns 0,
 * ERR_USAGE (own_la is not a code places_check_la takes), ERR_IO or ERR_INPUT
 * (the directory cannot be read). */
int places_derive(Dataset *ds, const char *onspd_path, const char *own_la, Date from, Date to,
                  Err *err);

#endif
