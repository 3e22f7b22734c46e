/* forecast_sim: simulated futures of the children looked after, from the
 * rates of domain/forecast.h (docs/forecast.md, "Simulation").
 *
 * Each run draws its own rates from their posterior (a gamma distribution
 * for each rate, given its count and its child-days), its own year-by-year
 * drift in the entry and exit rates, and then lets chance play: every child
 * moves, leaves or ages in continuous time (competing exponential hazards,
 * with birthdays and year ends as fixed points), and entrants arrive as a
 * Poisson process with ages drawn from those who entered in the window. A
 * run is a function of the seed and its own index, so the futures are the
 * same whichever thread runs them. Pure: no I/O. */
#ifndef CAREPLEDGE_FORECAST_SIM_H
#define CAREPLEDGE_FORECAST_SIM_H

#include "domain/forecast.h"

#include <stdbool.h>
#include <stdint.h>

enum { FORECAST_MAX_YEARS = 10 };

/* Flows during each forecast year, and care-leaver stocks at its end. */
typedef enum ForecastFlow {
    FORECAST_FLOW_ENTRANTS,
    FORECAST_FLOW_LEAVERS,         /* every exit, at 18 or before */
    FORECAST_FLOW_LEFT_AT_18,      /* exits on the 18th birthday */
    FORECAST_FLOW_RELEVANT,        /* care leavers aged 16-17 at the year end (CA89 s23A) */
    FORECAST_FLOW_FORMER_RELEVANT, /* aged 18-20 at the year end (s23C) */
    /* Former relevant aged 21-24: a personal adviser on request to 25 (s23CZB). */
    FORECAST_FLOW_FORMER_RELEVANT_TO_25,
    /* Left care at 16 or over without the 13 weeks, aged 16-20 (s24(1B)). */
    FORECAST_FLOW_QUALIFYING,
    FORECAST_FLOWS
} ForecastFlow;

const char *forecast_flow_name(int flow);

/* A scenario: multipliers of the rates out of each state (exits before 18,
 * moves) and of the entrants into each state, and entrants added a year. */
typedef struct ForecastAdjust {
    double entry_mult[FORECAST_STATES], entry_add[FORECAST_STATES];
    double exit_mult[FORECAST_STATES], move_mult[FORECAST_STATES];
} ForecastAdjust;

/* Sets every multiplier to 1 and every addition to 0. */
void forecast_adjust_none(ForecastAdjust *a);

/* What a care leaver is entitled to as the years go by: one who was
 * eligible on leaving (13 weeks from 14, CPPCR 2010 reg 40) is relevant to
 * 18, former relevant to 21 and may ask for a personal adviser to 25; one
 * who left after 16 without the 13 weeks is qualifying to 21. */
typedef enum ForecastLeaverKind {
    FORECAST_LEAVER_ELIGIBLE,
    FORECAST_LEAVER_QUALIFYING
} ForecastLeaverKind;

/* A young person who was already a care leaver at the origin (domain/leaver:
 * relevant, former relevant or qualifying under 21, or former relevant on
 * the eve of the 21st birthday and now under 25), counted in the stocks. */
typedef struct ForecastLeaver {
    Date dob;
    uint8_t kind; /* ForecastLeaverKind */
} ForecastLeaver;

/* The birthdays the simulation needs, worked out once a date of birth. */
typedef struct ForecastClocks ForecastClocks;

typedef struct ForecastSimSpec {
    const ForecastRates *rates;
    const ForecastPopulation *population;
    const ForecastLeaver *leavers;
    long n_leavers;
    const ForecastAdjust *adjust; /* NULL: none */
    int years;                    /* 1..FORECAST_MAX_YEARS */
    uint64_t seed;
    bool fixed_rates;             /* chance only: the rates at their estimates, no drift */
    const ForecastClocks *clocks; /* forecast_sim_prepare's, or NULL: worked out in each run */
} ForecastSimSpec;

/* The birthdays of every date of birth the spec's runs can meet (set
 * spec->clocks to them before the runs, so that no run works them out
 * again); forecast_sim_release frees them. */
ForecastClocks *forecast_sim_prepare(const ForecastSimSpec *spec);
void forecast_sim_release(ForecastClocks *clocks);

/* One future: counts[h][series] on the (h+1)th anniversary of the origin,
 * flows[h][flow] and days[h][placement] during the year up to it. */
typedef struct ForecastRun {
    long counts[FORECAST_MAX_YEARS][FORECAST_SERIES];
    long flows[FORECAST_MAX_YEARS][FORECAST_FLOWS];
    double days[FORECAST_MAX_YEARS][FORECAST_PLACEMENTS]; /* child-days in each placement type */
} ForecastRun;

/* Runs future number `index` of the spec into *out. Allocates nothing that
 * outlives the call. */
void forecast_sim_run(const ForecastSimSpec *spec, long index, ForecastRun *out);

/* The fan of one figure over the runs. */
enum { FORECAST_QUANTILES = 7 };
extern const double forecast_quantile_levels[FORECAST_QUANTILES]; /* 2.5% .. 97.5% */
typedef struct ForecastFan {
    double q[FORECAST_QUANTILES]; /* 2.5, 10, 25, 50, 75, 90, 97.5% */
    double mean;
} ForecastFan;

/* Quantiles of values[0..n-1] (sorted in place), linear between order statistics. */
ForecastFan forecast_fan(double *values, long n);

/* fans[h][series] and flow_fans[h][flow] of runs[0..n-1] for the first `years` years. */
void forecast_sim_fans(const ForecastRun *runs, long n, int years,
                       ForecastFan fans[][FORECAST_SERIES],
                       ForecastFan flow_fans[][FORECAST_FLOWS]);

#endif
