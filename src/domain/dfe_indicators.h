/* dfe_indicators: the scorecard's figures, computed from a Dataset for one
 * collection year (1 April to 31 March, named by the year it ends in).
 *
 * The DfE indicators follow shared/reference/statutory.md section A3 exactly
 * (placement stability short and long term, the OC2 outcomes of children looked
 * after for 12 months, the OC3 care-leaver measures by age, Staying Put, missing
 * children, adoption A1 and A2, review participation); a few local indicators of
 * the catalogue that the same records answer are computed alongside (children
 * who returned home, planned placement moves, care leavers in higher education).
 * Short breaks (legal status V3/V4) are left out wherever the DfE leaves them
 * out. The definitions, and the choices the DfE text leaves open (what "the same
 * placement" is, how placements in the year are counted), are in
 * docs/scorecard.md.
 *
 * Each indicator is a walk over the children: for every child in its cohort it
 * reports the child's part of the numerator and the denominator (a child counts
 * 1 in the denominator, except review_participation, which counts reviews, and
 * the averages, whose numerator is a sum of days or scores). The scorecard adds
 * these up, in total or by group. An indicator whose records are not in the
 * Dataset is "not available", with the reason, and is never given a figure.
 * placed_over_20_miles and placed_outside_la read the 903 fields the DfE
 * derives from the postcodes (PL_DISTANCE, PL_LOCATION) in Dataset.places,
 * which the caller sets with the ONS Postcode Directory (service/places);
 * without them they are not available.
 * Pure: no I/O, no allocation. */
#ifndef CAREPLEDGE_DFE_INDICATORS_H
#define CAREPLEDGE_DFE_INDICATORS_H

#include "domain/dataset.h"

#include <stdbool.h>

typedef enum DfeUnit {
    DFE_PERCENT, /* numerator / denominator * 100 */
    DFE_MEAN,    /* numerator / denominator: an average of days or scores */
} DfeUnit;

/* One child's part of an indicator: called for every child in the cohort. */
typedef void (*DfeTally)(void *ctx, const Child *c, long num, long den);

typedef struct DfeIndicator {
    const char *id; /* as in the catalogue (data/indicators.csv) */
    DfeUnit unit;
    const char *unit_name; /* "%", "days" or "score" */
    int decimals;          /* how the value is written */
} DfeIndicator;

enum { DFE_REASON_LEN = 200 };

/* The indicator computed here under this catalogue id, or NULL. */
const DfeIndicator *dfe_find(const char *id);

/* Walks the cohort of indicator id for the collection year (end year: 2026 is
 * 2025/26), calling fn for each child in it. Returns 1 when computed, 0 when
 * the indicator is not available from this Dataset (reason says why, in plain
 * words), or -1 when id is not an indicator of this module. */
int dfe_tally(const Dataset *ds, const char *id, int year, DfeTally fn, void *ctx, char *reason);

/* One child's part of the k-th of several indicators computed together. */
typedef void (*DfeTallyMany)(void *ctx, int k, const Child *c, long num, long den);

/* Computes n indicators for the year in one pass over the children (what the
 * scorecard does: much faster than n calls of dfe_tally on a large history).
 * status[k] is 1 when ids[k] was computed, 0 when not available (reasons[k]
 * says why), -1 when ids[k] is not an indicator of this module. At most 64
 * indicators. Returns 0. */
int dfe_tally_many(const Dataset *ds, int year, const char *const *ids, int n, DfeTallyMany fn,
                   void *ctx, int *status, char (*reasons)[DFE_REASON_LEN]);

typedef struct DfeFigure {
    bool available;
    char reason[DFE_REASON_LEN]; /* why not available */
    long num, den;
} DfeFigure;

/* The indicator in total. Returns 0, or -1 when id is unknown. */
int dfe_compute(const Dataset *ds, const char *id, int year, DfeFigure *out);

/* The value of num/den in the indicator's unit (a percentage or an average);
 * NAN when den is 0. */
double dfe_value(const DfeIndicator *ind, long num, long den);

/* Helpers the definitions rest on, exposed for tests and other indicators. */

/* The first day of the continuous full-time care (episodes other than V3/V4
 * following one another with no gap) that covers d; DATE_NONE when the child is
 * not looked after full time on d. */
Date dfe_care_run_start(const Dataset *ds, const Child *c, Date d);
/* The day the child's placement on d began: going back from the full-time
 * episode open on d through episodes that began with a change of legal status
 * only (RNE L) or of placement type with the same carer (T, U), to the episode
 * that began a new placement (RNE S, P or B, or the start of care). DATE_NONE
 * when not looked after full time on d. */
Date dfe_placement_start(const Dataset *ds, const Child *c, Date d);
/* Placements during the collection year: the one the child was in on 1 April
 * (when it began before then) plus each new placement (full-time episode with
 * RNE S, P or B) begun in the year. */
int dfe_placements_in_year(const Dataset *ds, const Child *c, int year);
/* The DfE's derived field "looked after continuously for 12 months at 31
 * March" over one child's episodes (in any order) in the collection year
 * (end year): true when an episode runs during the year and none of them
 *   - begins a period of care (RNE S) after 1 April,
 *   - ends within the year for a reason other than X1 (a change within care),
 *   - is a short break (LS V3 or V4) running during the year.
 * A DATE_NONE date implies nothing. The one definition of the OC2 cohort:
 * the indicators (dfe_in_oc2_cohort) and the 903 validator
 * (vreturn_derive_cla12) both ask it. */
bool dfe_oc2_continuously_looked_after(const Episode *eps, int n_eps, int year);
/* In the OC2 cohort: looked after full time on 31 March and continuously for
 * the 12 months before (dfe_oc2_continuously_looked_after). */
bool dfe_in_oc2_cohort(const Dataset *ds, const Child *c, int year);
/* In the OC3 care-leaver cohort of the year: the OC3 record of the year, or
 * NULL when the young person is not in it (see docs/scorecard.md); *age is the
 * age on the birthday in the year (which is the age on 31 March). */
const Oc3 *dfe_oc3_cohort(const Dataset *ds, const Child *c, int year, int *age);

#endif
