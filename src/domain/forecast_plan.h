/* forecast_plan: what a council plans with a forecast, read from its CSV
 * templates (docs/templates.md, "Forecast templates"): a scenario of
 * adjustments to the rates and entrants, the placements it has by type, area
 * and provider, and what a week of each costs with the yearly inflation.
 * Each row's problems are reported as file:line:column: FIELD: message. Pure:
 * reads the records of a CsvReader it is given, opens no file. */
#ifndef CAREPLEDGE_FORECAST_PLAN_H
#define CAREPLEDGE_FORECAST_PLAN_H

#include "base/csv.h"
#include "base/err.h"
#include "domain/forecast.h"
#include "domain/forecast_sim.h"

#include <stdbool.h>

typedef enum ForecastAdjustWhat {
    FORECAST_ADJUST_ENTRANTS,
    FORECAST_ADJUST_LEAVING, /* leaving care before 18 */
    FORECAST_ADJUST_MOVES,
} ForecastAdjustWhat;

/* One row of the scenario: the states it matches (-1: every value; legal:
 * the legal status group, as `--by legal_status` groups them) and what it
 * does to them. */
typedef struct ForecastAdjustRow {
    ForecastAdjustWhat what;
    int age, placement, distance, legal;
    double multiply; /* 1: unchanged */
    double add;      /* entrants a year, shared among the states matched */
} ForecastAdjustRow;

typedef struct ForecastPlan {
    ForecastAdjustRow *adjust;
    int n_adjust, cap_adjust;
    bool has_capacity, has_costs;
    double capacity[FORECAST_PLACEMENTS][FORECAST_DISTANCES][FORECAST_PROVIDERS]; /* places */
    double weekly_cost[FORECAST_PLACEMENTS][FORECAST_PROVIDERS];                  /* pounds */
    double inflation[FORECAST_PLACEMENTS][FORECAST_PROVIDERS]; /* a year, 0.03 = 3% */
} ForecastPlan;

/* Read the templates' records (header first) into p. Return 0 or ERR_INPUT
 * with the file, line, column and field of the first problem. */
int forecast_plan_read_adjust(ForecastPlan *p, CsvReader *r, Err *err);
int forecast_plan_read_capacity(ForecastPlan *p, CsvReader *r, Err *err);
int forecast_plan_read_costs(ForecastPlan *p, CsvReader *r, Err *err);

/* The scenario's multipliers and additions over the states, given the rates
 * (an addition is shared among the states it matches in proportion to their
 * entrants in the window, equally when none entered any). Rows apply in
 * order: multipliers multiply, additions add. */
void forecast_plan_adjust(const ForecastPlan *p, const ForecastRates *rates, ForecastAdjust *out);

void forecast_plan_free(ForecastPlan *p);

#endif
