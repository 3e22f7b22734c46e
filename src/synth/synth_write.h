/* synth_write: writes a SynthWorld as one folder of 903 CSV files per
 * collection year (DIR/2009-10/episodes.csv, ...), each holding what that
 * year's return holds.
 *
 * Rows come out in child order, then date order; the records not stored in
 * the world (reviews, OC2, adoption, missing, social worker episodes, DoLo,
 * previous permanence) are drawn here from streams seeded by the child and
 * the period of care, so every year that shows a record shows the same one.
 * Buffered stdio, no allocation per row. */
#ifndef CAREPLEDGE_SYNTH_WRITE_H
#define CAREPLEDGE_SYNTH_WRITE_H

#include "base/err.h"
#include "exchange/ssda903.h"
#include "synth/synth_model.h"

typedef struct SynthCounts {
    long rows[TABLE_COUNT]; /* data rows written per table and template, over all years */
    int n_years;
} SynthCounts;

/* Creates dir (and parents) and writes every year of the world's window.
 * Returns 0, or ERR_IO with err naming the file. */
int synth_write(const SynthWorld *w, const char *dir, SynthCounts *counts, Err *err);

#endif
