/* forecast_report: what a placement sufficiency forecast reports, as data:
 * the fans of the simulated futures, the counts they start from and the
 * back-test of the method (docs/forecast.md). The service fills it
 * (service/svc_forecast), render/ writes it. Types only. */
#ifndef CAREPLEDGE_FORECAST_REPORT_H
#define CAREPLEDGE_FORECAST_REPORT_H

#include "domain/forecast.h"
#include "domain/forecast_backtest.h"
#include "domain/forecast_sim.h"

#include <stdint.h>

enum {
    FORECAST_MAX_RUNS = 100000,
    FORECAST_MAX_WINDOW = 10,
    FORECAST_BACKTEST_HORIZONS = 3,
    FORECAST_BACKTEST_MAX_ORIGINS = 40,
    /* Futures a back-test origin gets by default when the back-test only
     * accompanies a forecast. */
    FORECAST_BACKTEST_QUICK_RUNS = 200,
};

typedef struct ForecastBacktest {
    int n_origins;
    int origin_years[FORECAST_BACKTEST_MAX_ORIGINS]; /* 31 March of each */
    long runs;                                       /* per origin; 0: the back-test was not run */
    ForecastPoint *points;
    long n_points, cap_points;
    /* [0] every series, [1] the total alone; by horizon 1..3 */
    ForecastScore scores[2][FORECAST_BACKTEST_HORIZONS];
} ForecastBacktest;

typedef struct ForecastReport {
    Date origin;
    int years, window;
    long runs;
    uint64_t seed;
    bool distance_known; /* the directory was given */
    bool la_known;       /* and the council's own code: "within the council" */
    ForecastRates rates;
    long at_origin[FORECAST_SERIES]; /* children looked after full time on the origin */
    long leavers_at_origin;          /* relevant and former relevant care leavers under 21 */
    /* The same counts on each 31 March of the history window before the origin. */
    int n_history;
    int history_years[FORECAST_MAX_WINDOW + 1];
    long history[FORECAST_MAX_WINDOW + 1][FORECAST_SERIES];
    ForecastFan fans[FORECAST_MAX_YEARS][FORECAST_SERIES];
    ForecastFan flow_fans[FORECAST_MAX_YEARS][FORECAST_FLOWS];
    ForecastBacktest backtest;
    /* With the council's templates (domain/forecast_plan). */
    bool has_adjust, has_capacity, has_costs;
    /* Percent of those whose distance is known placed within the council or
     * up to 20 miles from home (distance_known only). */
    ForecastFan share_within_20[FORECAST_MAX_YEARS];
    double capacity[FORECAST_PLACEMENTS][FORECAST_DISTANCES]; /* places, every provider */
    /* Demand less capacity (a shortfall when above 0) by placement type, for
     * every area ([0]) and each ([1 + distance]). */
    ForecastFan gap[FORECAST_MAX_YEARS][FORECAST_PLACEMENTS][FORECAST_DISTANCES + 1];
    /* Shares of each placement type's children by provider on the origin. */
    double provider_mix[FORECAST_PLACEMENTS][FORECAST_PROVIDERS];
    /* Pounds spent in each year: every type ([0]) and each ([1 + placement]). */
    ForecastFan costs[FORECAST_MAX_YEARS][FORECAST_PLACEMENTS + 1];
} ForecastReport;

/* The breakdown a forecast is shown by. */
typedef enum ForecastBy {
    FORECAST_BY_AGE,
    FORECAST_BY_PLACEMENT,
    FORECAST_BY_DISTANCE,
    FORECAST_BY_LEGAL
} ForecastBy;

/* The first series of a breakdown and how many there are (domain/forecast.h). */
static inline int forecast_by_first(ForecastBy by)
{
    return by == FORECAST_BY_AGE         ? FORECAST_SERIES_AGE
           : by == FORECAST_BY_PLACEMENT ? FORECAST_SERIES_PLACEMENT
           : by == FORECAST_BY_DISTANCE  ? FORECAST_SERIES_DISTANCE
                                         : FORECAST_SERIES_LEGAL;
}
static inline int forecast_by_count(ForecastBy by)
{
    return by == FORECAST_BY_AGE         ? FORECAST_AGE_BANDS
           : by == FORECAST_BY_PLACEMENT ? FORECAST_PLACEMENTS
           : by == FORECAST_BY_DISTANCE  ? FORECAST_DISTANCES
                                         : FORECAST_LEGAL_GROUPS;
}

#endif
