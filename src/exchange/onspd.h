/* onspd: the ONS Postcode Directory, read for the postcodes a caller wants.
 *
 * The 903 derives three fields from the home and placement postcodes of an
 * episode with the directory: PL_DISTANCE (the straight line between their grid
 * references, in miles), PL_LA (the placement's authority) and PL_LOCATION (IN
 * or OUT of the responsible authority). The validator and the scorecard both
 * need them; this module is the one reader.
 *
 * The directory is large (some 2.7 million rows, over a gigabyte), so it is not
 * loaded whole: the caller names the postcodes it wants (onspd_want) first, then
 * one streaming pass over the file keeps only those rows. Memory is that of the
 * wanted postcodes; time is one read of the file.
 *
 * Columns are read by name from the header line (any order, quoted or not): pcd
 * (or pcds), oseast1m, osnrth1m, oslaua and, when present, oscty. A postcode's
 * authority is its county (oscty) where it has one, else its local authority
 * (oslaua): the upper tier, as the 903's PL_LA. ONS pseudo codes (E99999999 and
 * the like) count as none. Postcodes compare without spaces or case. This
 * module reads the directory file and nothing else; it prints nothing. */
#ifndef CAREPLEDGE_ONSPD_H
#define CAREPLEDGE_ONSPD_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

/* ONSPD_FAR_TENTHS: the largest distance returned, 100 million miles, for grid
 * references far off any map (the DfE's own limit, rule 164, is 999.9). */
enum { ONSPD_LA_LEN = 16, ONSPD_FAR_TENTHS = 1000000000 };

typedef struct Onspd Onspd;

/* What the directory says of one postcode. */
typedef struct OnspdEntry {
    long east, north;      /* oseast1m, osnrth1m: metres on the National Grid */
    bool has_grid;         /* false when the directory gives no grid reference */
    char la[ONSPD_LA_LEN]; /* upper-tier authority (oscty, else oslaua); "" none */
} OnspdEntry;

/* An empty set of wanted postcodes. Free with onspd_free. */
Onspd *onspd_new(void);
void onspd_free(Onspd *p);

/* Adds a postcode to those wanted (once however often it is wanted) and
 * returns its handle for onspd_entry, or -1 for a blank or text that cannot be
 * a postcode (passed over). Call before reading the directory. */
long onspd_want(Onspd *p, const char *postcode);

/* Reads the directory CSV at path in one streaming pass, keeping the rows of
 * the wanted postcodes. Returns 0, ERR_IO (cannot open or read) or ERR_INPUT
 * (empty, or a required column missing; err names it). */
int onspd_read_file(Onspd *p, const char *path, Err *err);
/* The same from text in memory (tests); name is used in messages. */
int onspd_read_buffer(Onspd *p, const char *name, const char *text, size_t len, Err *err);

/* The directory's entry for a wanted postcode, or NULL when it was not
 * wanted, not in the directory, or the directory has not been read. */
const OnspdEntry *onspd_lookup(const Onspd *p, const char *postcode);
/* The same by the handle onspd_want returned (no second look-up); NULL for -1. */
const OnspdEntry *onspd_entry(const Onspd *p, long handle);

/* DfE 903 derived field PL_DISTANCE: sqrt((E_home - E_pl)^2 + (N_home - N_pl)^2)
 * / 1000 / 1.6093 miles, to one decimal place (half away from zero), returned
 * in tenths of a mile, at most ONSPD_FAR_TENTHS; -1 when either entry is NULL
 * or has no grid reference (shared/reference/903/README.md; statutory.md A3). */
long onspd_distance_tenths(const OnspdEntry *home, const OnspdEntry *pl);

/* DfE 903 derived field PL_LOCATION: 'I' (IN) when the placement's authority
 * (PL_LA, pl->la) is the responsible authority own_la, 'O' (OUT) when it is
 * another, 0 when either is unknown (pl NULL or without an authority, own_la
 * NULL or ""). The one definition: the validator and the scorecard both ask it. */
char onspd_location(const OnspdEntry *pl, const char *own_la);

#endif
