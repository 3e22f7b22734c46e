/* forecast: the states of the placement sufficiency forecast, and the rates
 * between them estimated from a care history as it was known on an origin
 * date (docs/forecast.md).
 *
 * A child looked after full time (the DfE's way: short breaks, legal status
 * V3/V4, apart; domain/care.h) is in one of 80 states: an age band from the
 * exact date of birth (under 1, 1 to 4, 5 to 9, 10 to 15, 16 and 17), a
 * placement type (fostering, residential, supported, other) and the distance
 * of the placement from home (within the council, up to 20 miles, over 20
 * miles, not known). Age bands change on birthdays, which are certain; the
 * 18th birthday ends care (CA89 s105(1): a child is a person under 18). The
 * other changes (placement moves and leaving care before 18) and entries
 * are estimated as rates: transitions over child-days at risk. Pure: reads a
 * Dataset (with its EpisodePlace fields derived, when distance is wanted). */
#ifndef CAREPLEDGE_FORECAST_H
#define CAREPLEDGE_FORECAST_H

#include "domain/dataset.h"

#include <stdint.h>

enum {
    FORECAST_AGE_BANDS = 5,
    FORECAST_PLACEMENTS = 4,
    FORECAST_DISTANCES = 4,
    FORECAST_STATES = FORECAST_AGE_BANDS * FORECAST_PLACEMENTS * FORECAST_DISTANCES,
    FORECAST_OUT = FORECAST_STATES, /* the destination "leaves care" */
    FORECAST_DESTS = FORECAST_STATES + 1,
    /* The collection years a Rates' yearly tallies can hold (end years). */
    FORECAST_FIRST_YEAR = 1980,
    FORECAST_YEAR_SLOTS = 100,
};

typedef enum ForecastPlacement {
    FORECAST_FOSTERING,
    FORECAST_RESIDENTIAL,
    FORECAST_SUPPORTED,
    FORECAST_OTHER_PLACEMENT,
} ForecastPlacement;

typedef enum ForecastDistance {
    FORECAST_WITHIN_COUNCIL,
    FORECAST_UP_TO_20_MILES,
    FORECAST_OVER_20_MILES,
    FORECAST_DISTANCE_UNKNOWN,
} ForecastDistance;

/* The age band on d of a child born on dob: 0..4, or -1 when the date of
 * birth is not known, d is before it, or the child is 18 or over. */
int forecast_age_band(Date dob, Date d);
/* The birthday on which band `band` ends: the 1st, 5th, 10th, 16th or 18th. */
Date forecast_band_end(Date dob, int band);
/* The age at which band `band` ends: 1, 5, 10, 16 or 18. */
int forecast_band_end_age(int band);
/* The placement type of a 903 PLACE code of any year (codes_current maps the
 * older codes: F1-F6 and Q1-Q2 are fostering, H3/H4 residential, H5 and P2
 * supported). */
ForecastPlacement forecast_placement_of(const char *place);
/* The distance band of an episode's place (NULL: not known): within the
 * council when PL_LOCATION is IN, else by PL_DISTANCE (903: tenths of a mile,
 * 20 miles = 200 as the scorecard's placed_over_20_miles counts it). */
ForecastDistance forecast_distance_of(const EpisodePlace *pl);

static inline int forecast_state(int age, int placement, int distance)
{
    return (age * FORECAST_PLACEMENTS + placement) * FORECAST_DISTANCES + distance;
}
static inline int forecast_state_age(int s)
{
    return s / (FORECAST_PLACEMENTS * FORECAST_DISTANCES);
}
static inline int forecast_state_placement(int s)
{
    return s / FORECAST_DISTANCES % FORECAST_PLACEMENTS;
}
static inline int forecast_state_distance(int s)
{
    return s % FORECAST_DISTANCES;
}

/* Who provides a placement (903 PLACE_PROVIDER): the council itself (PR1),
 * someone it commissions (PR2-PR5), or neither (PR0 parents, not recorded). */
typedef enum ForecastProvider {
    FORECAST_IN_HOUSE,
    FORECAST_COMMISSIONED,
    FORECAST_NO_PROVIDER,
    FORECAST_PROVIDERS
} ForecastProvider;

ForecastProvider forecast_provider_of(const char *place_provider);
const char *forecast_provider_name(int provider); /* "in_house", "commissioned", "none" */

/* Names for output: "under_1", "1_to_4", ...; "fostering", ...; "within_council", ... */
const char *forecast_age_name(int band);
const char *forecast_placement_name(int placement);
const char *forecast_distance_name(int distance);

/* Observed entry into care: the state entered and the child's age in days. */
typedef struct ForecastEntrant {
    uint8_t state;
    int32_t age_days;
} ForecastEntrant;

/* What the history up to the origin says. Counts and child-days are tallies
 * that add up over shares of the children (forecast_rates_merge). */
typedef struct ForecastRates {
    Date origin, window_start;        /* the window is the days window_start..origin */
    double exposure[FORECAST_STATES]; /* child-days at risk in the window */
    long transitions[FORECAST_STATES][FORECAST_DESTS]; /* moves, and leaving care before 18 */
    long entries[FORECAST_STATES];                     /* entries into care in the window */
    long exits_at_18;                                  /* certain exits, not rates */
    ForecastEntrant *entrants; /* every entry in the window; sorted by forecast_rates_finish */
    long n_entrants, cap_entrants;
    long first_entrant[FORECAST_STATES + 1]; /* after finish: state s's are first..first[s+1] */
    /* By collection year before the origin, for the year-to-year variation. */
    long year_entries[FORECAST_YEAR_SLOTS], year_exits[FORECAST_YEAR_SLOTS];
    double year_exposure[FORECAST_YEAR_SLOTS];
    /* After finish: the standard deviation of the yearly change in log entry
     * and log exit rates beyond what chance explains (docs/forecast.md). */
    double entry_drift_sd, exit_drift_sd;
} ForecastRates;

/* Empties r for the window of `window_years` years ending on origin. */
void forecast_rates_init(ForecastRates *r, Date origin, int window_years);
/* Adds the children of ds (a whole Dataset or a share of one) to r, using
 * only what was recorded by the origin: episodes starting after it are
 * ignored and those open then are taken as open. */
void forecast_rates_add(ForecastRates *r, const Dataset *ds);
/* Adds src's tallies to dst (same origin and window). */
void forecast_rates_merge(ForecastRates *dst, const ForecastRates *src);
/* Sorts the entrants by state and age and works out the drift. */
void forecast_rates_finish(ForecastRates *r);
/* The first collection year (end year) the history holds in full: the
 * first whose exits reach a quarter of the largest year's. Before a
 * council's first return only children still in care later appear, so
 * those years are incomplete. 0 when there are no exits at all. */
int forecast_first_complete_year(const ForecastRates *r);
/* Days of the window (origin - window_start). */
long forecast_window_days(const ForecastRates *r);
void forecast_rates_free(ForecastRates *r);

/* A child looked after full time on a date: the starting population. */
typedef struct ForecastChild {
    Date dob;
    uint8_t state;
    uint8_t provider;      /* ForecastProvider of the placement */
    int32_t days_since_14; /* days looked after full time from the 14th birthday */
} ForecastChild;

typedef struct ForecastPopulation {
    ForecastChild *children;
    long n, cap;
} ForecastPopulation;

/* Appends every child of ds looked after full time on `at` (and under 18,
 * with a known date of birth). */
void forecast_population_add(ForecastPopulation *p, const Dataset *ds, Date at);
void forecast_population_free(ForecastPopulation *p);

/* The series a forecast reports for each year: all children, then by age
 * band, placement type and distance. */
enum {
    FORECAST_SERIES_TOTAL = 0,
    FORECAST_SERIES_AGE = 1,
    FORECAST_SERIES_PLACEMENT = FORECAST_SERIES_AGE + FORECAST_AGE_BANDS,
    FORECAST_SERIES_DISTANCE = FORECAST_SERIES_PLACEMENT + FORECAST_PLACEMENTS,
    FORECAST_SERIES_CROSS =
        FORECAST_SERIES_DISTANCE + FORECAST_DISTANCES, /* placement x distance */
    FORECAST_SERIES = FORECAST_SERIES_CROSS + FORECAST_PLACEMENTS * FORECAST_DISTANCES,
};
/* Adds one child in state s to counts[FORECAST_SERIES]. */
void forecast_count_state(long *counts, int s);
/* The series of placement type p at distance d. */
static inline int forecast_series_cross(int p, int d)
{
    return FORECAST_SERIES_CROSS + p * FORECAST_DISTANCES + d;
}
/* The name of series i: "total", "age:under_1", "placement:fostering", ...,
 * "placement_distance:fostering/within_council". */
const char *forecast_series_name(int i, char *buf, size_t size);

#endif
