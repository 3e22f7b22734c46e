/* local_indicators: the catalogue's computed indicators that are the council's
 * own rather than the DfE's, and need the due-date engine, the working-day
 * calendar or the local record templates: reviews and visits on time (CPPCR
 * regs 33 and 28, through domain/compliance), children visited in the last 6
 * weeks, care plans in place, care leavers' pathway plans up to date.
 *
 * Same shape as dfe_indicators: for a collection year, each child's part of the
 * numerator and denominator, reported through a DfeTallyMany; an indicator whose
 * records are not in the Dataset is not available, with the reason. The
 * definitions are in docs/scorecard.md. Pure: the only allocations are the
 * compliance replay's, freed before returning. */
#ifndef CAREPLEDGE_LOCAL_INDICATORS_H
#define CAREPLEDGE_LOCAL_INDICATORS_H

#include "base/calendar.h"
#include "domain/dfe_indicators.h"

/* The indicator computed here under this catalogue id, or NULL. */
const DfeIndicator *local_indicators_find(const char *id);

/* Like dfe_tally_many, for this module's indicators; cal gives working days
 * (calendar_load_default). */
int local_indicators_tally_many(const Dataset *ds, const Calendar *cal, int year,
                                const char *const *ids, int n, DfeTallyMany fn, void *ctx,
                                int *status, char (*reasons)[DFE_REASON_LEN]);

enum { LOCAL_MAX_YEARS = 32 };

/* One child's part of the k-th indicator in the y-th year (0: first_year). */
typedef void (*LocalTallyYears)(void *ctx, int y, int k, const Child *c, long num, long den);

/* Like local_indicators_tally_many for each of n_years collection years from
 * first_year (end year; at most LOCAL_MAX_YEARS), in one pass over the
 * children: the figures of each year are those of local_indicators_tally_many
 * for it, but each child's history is replayed once for all the years
 * (compliance_init_years). For each child, fn is called year by year. Whether
 * an indicator is available does not depend on the year. */
int local_indicators_tally_years(const Dataset *ds, const Calendar *cal, int first_year,
                                 int n_years, const char *const *ids, int n, LocalTallyYears fn,
                                 void *ctx, int *status, char (*reasons)[DFE_REASON_LEN]);

#endif
