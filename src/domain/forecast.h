/* forecast: the states of the placement sufficiency forecast, and the rates
 * between them estimated from a care history as it was known on an origin
 * date (docs/forecast.md).
 *
 * A child looked after full time (the DfE's way: short breaks, legal status
 * V3/V4, apart; domain/care.h) is in one of 320 states: an age band from the
 * exact date of birth (under 1, 1 to 4, 5 to 9, 10 to 15, 16 and 17), a
 * placement type (fostering, residential, supported, other), the distance
 * of the placement from home (within the council, up to 20 miles, over 20
 * miles, not known) and the legal status group (care order, placement
 * order, section 20, other). Age bands change on birthdays, which are certain; the
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
    FORECAST_LEGAL_GROUPS = 4,
    /* The states of one age band: moves keep the age band (birthdays are
     * not rates), so a destination is one of these or leaving care. */
    FORECAST_BAND_STATES = FORECAST_PLACEMENTS * FORECAST_DISTANCES * FORECAST_LEGAL_GROUPS,
    FORECAST_STATES = FORECAST_AGE_BANDS * FORECAST_BAND_STATES,
    FORECAST_OUT = FORECAST_BAND_STATES, /* the destination "leaves care" */
    FORECAST_DESTS = FORECAST_BAND_STATES + 1,
    /* The collection years a Rates' yearly tallies can hold (end years). */
    FORECAST_FIRST_YEAR = 1980,
    FORECAST_YEAR_SLOTS = 100,
    /* Time in the current period of care: under 1 year, 1 to 3, 3 and over
     * (a year here is 365 days, three 1096, in the estimate and the
     * simulation alike). */
    FORECAST_TIC_BANDS = 3,
    FORECAST_TIC_1_YEAR = 365,
    FORECAST_TIC_3_YEARS = 1096,
    /* What each time-in-care band needs for its own factor: exits, and
     * child-days (a year of 365.25). */
    FORECAST_TIC_MIN_EXITS = 50,
    FORECAST_TIC_MIN_CHILD_DAYS = 100 * 365,
};

/* The groups of the breakdowns, for their own year-to-year drift: each age
 * band, placement type, distance and legal status group. A state is in one
 * group of each of the FORECAST_GROUP_DIMS breakdowns. */
enum {
    FORECAST_GROUP_DIMS = 4,
    FORECAST_GROUPS =
        FORECAST_AGE_BANDS + FORECAST_PLACEMENTS + FORECAST_DISTANCES + FORECAST_LEGAL_GROUPS,
};
/* The kinds of rate that drift: entrants, exits before 18, moves out of a group. */
typedef enum ForecastDriftKind {
    FORECAST_DRIFT_ENTRIES,
    FORECAST_DRIFT_EXITS,
    FORECAST_DRIFT_MOVES,
    FORECAST_DRIFT_KINDS
} ForecastDriftKind;

/* The time-in-care band of a child `days` into a period of care. */
static inline int forecast_tic_band(double days)
{
    return days < FORECAST_TIC_1_YEAR ? 0 : days < FORECAST_TIC_3_YEARS ? 1 : 2;
}
const char *forecast_tic_name(int band); /* "under_1_year", "1_to_3_years", "3_years_plus" */

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

/* The legal status groups of the DfE's national tables of children looked
 * after ("Children looked after in England", table A1): care orders
 * (interim C1 and full C2), placement orders (E1, and the freeing orders D1
 * before it), voluntary agreements under CA89 s20 (V2), and the rest (police
 * protection, emergency protection and assessment orders L1-L3, youth
 * justice J1-J3), too few and too short in a council to be rates of
 * their own. */
typedef enum ForecastLegal {
    FORECAST_CARE_ORDER,
    FORECAST_PLACEMENT_ORDER,
    FORECAST_SECTION_20,
    FORECAST_OTHER_LEGAL,
} ForecastLegal;

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
/* The legal status group of a 903 LS code of any year (D1 goes with E1);
 * short breaks (V3, V4) are not care and never reach here. */
ForecastLegal forecast_legal_of(const char *ls);

static inline int forecast_state(int age, int placement, int distance, int legal)
{
    return ((age * FORECAST_PLACEMENTS + placement) * FORECAST_DISTANCES + distance) *
               FORECAST_LEGAL_GROUPS +
           legal;
}
static inline int forecast_state_age(int s)
{
    return s / FORECAST_BAND_STATES;
}
static inline int forecast_state_placement(int s)
{
    return s / (FORECAST_DISTANCES * FORECAST_LEGAL_GROUPS) % FORECAST_PLACEMENTS;
}
static inline int forecast_state_distance(int s)
{
    return s / FORECAST_LEGAL_GROUPS % FORECAST_DISTANCES;
}
static inline int forecast_state_legal(int s)
{
    return s % FORECAST_LEGAL_GROUPS;
}
/* The group of state s in breakdown `dim` (0 age, 1 placement, 2 distance,
 * 3 legal status): an index into the FORECAST_GROUPS. */
static inline int forecast_state_group(int s, int dim)
{
    return dim == 0   ? forecast_state_age(s)
           : dim == 1 ? FORECAST_AGE_BANDS + forecast_state_placement(s)
           : dim == 2 ? FORECAST_AGE_BANDS + FORECAST_PLACEMENTS + forecast_state_distance(s)
                      : FORECAST_AGE_BANDS + FORECAST_PLACEMENTS + FORECAST_DISTANCES +
                            forecast_state_legal(s);
}

/* A state's place within its age band: the index of a move into it in
 * ForecastRates.transitions (the move keeps the band it left). */
static inline int forecast_band_index(int s)
{
    return s % FORECAST_BAND_STATES;
}
/* The state of age band `band` at place `index` within it. */
static inline int forecast_state_in_band(int band, int index)
{
    return band * FORECAST_BAND_STATES + index;
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
const char *forecast_legal_name(int legal); /* "care_order", "placement_order", ... */

/* Observed entry into care: the state entered, the child's age in days, and
 * the days the child had been looked after full time from the 14th birthday
 * before (re-entrants bring their earlier care to the 13 weeks of CPPCR
 * 2010 reg 40). */
typedef struct ForecastEntrant {
    uint16_t state;
    int32_t age_days;
    int32_t days_since_14;
} ForecastEntrant;

/* What the history up to the origin says. Counts and child-days are tallies
 * that add up over shares of the children (forecast_rates_merge). */
typedef struct ForecastRates {
    Date origin, window_start;        /* the window is the days window_start..origin */
    double exposure[FORECAST_STATES]; /* child-days at risk in the window */
    /* transitions[s][forecast_band_index(t)]: moves from s to t (of s's age
     * band); transitions[s][FORECAST_OUT]: leaving care before 18. */
    long transitions[FORECAST_STATES][FORECAST_DESTS];
    long entries[FORECAST_STATES]; /* entries into care in the window */
    long exits_at_18;              /* certain exits, not rates */
    ForecastEntrant *entrants;     /* every entry in the window; sorted by forecast_rates_finish */
    long n_entrants, cap_entrants;
    long first_entrant[FORECAST_STATES + 1]; /* after finish: state s's are first..first[s+1] */
    /* By collection year before the origin, for the year-to-year variation. */
    long year_entries[FORECAST_YEAR_SLOTS], year_exits[FORECAST_YEAR_SLOTS];
    double year_exposure[FORECAST_YEAR_SLOTS];
    /* After finish: the standard deviation of the yearly change in log entry
     * and log exit rates beyond what chance explains (docs/forecast.md). */
    double entry_drift_sd, exit_drift_sd;
    /* The same tallies for each group (forecast_state_group), moves counting
     * those that leave the group; after finish, each group's drift beyond the
     * drift of them all (entries and exits) or beyond chance (moves). */
    long group_year[FORECAST_DRIFT_KINDS][FORECAST_GROUPS][FORECAST_YEAR_SLOTS];
    double group_year_exposure[FORECAST_GROUPS][FORECAST_YEAR_SLOTS];
    double group_drift_sd[FORECAST_DRIFT_KINDS][FORECAST_GROUPS];
    /* Exposure and exits before 18 by time in the period of care. */
    double tic_exposure[FORECAST_STATES][FORECAST_TIC_BANDS];
    long tic_exits[FORECAST_STATES][FORECAST_TIC_BANDS];
    /* After finish: whether every band had enough for a factor of its own;
     * then the exit rate in state s, time-in-care band k, is a base rate of
     * s times tic_factor[k] (a log-linear Poisson model fitted by iterative
     * proportional fitting), the base rate's posterior being
     * Gamma(exits of s, tic_child_days[s]) and the factor's
     * Gamma(exits of k, tic_expected[k]). Unused: every factor is 1. */
    bool tic_wanted; /* set before finish: fit the factors when the data supports them */
    bool tic_used;
    double tic_factor[FORECAST_TIC_BANDS];
    double tic_child_days[FORECAST_STATES];  /* sum over k of exposure x factor */
    double tic_expected[FORECAST_TIC_BANDS]; /* sum over s of exposure x base rate */
    long tic_band_exits[FORECAST_TIC_BANDS];
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
    uint16_t state;
    uint8_t provider;      /* ForecastProvider of the placement */
    int32_t days_since_14; /* days looked after full time from the 14th birthday */
    int32_t days_in_care;  /* days of the current period of full-time care before the date */
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
 * band, placement type, distance, legal status group, and placement type by
 * distance. */
enum {
    FORECAST_SERIES_TOTAL = 0,
    FORECAST_SERIES_AGE = 1,
    FORECAST_SERIES_PLACEMENT = FORECAST_SERIES_AGE + FORECAST_AGE_BANDS,
    FORECAST_SERIES_DISTANCE = FORECAST_SERIES_PLACEMENT + FORECAST_PLACEMENTS,
    FORECAST_SERIES_LEGAL = FORECAST_SERIES_DISTANCE + FORECAST_DISTANCES,
    FORECAST_SERIES_CROSS =
        FORECAST_SERIES_LEGAL + FORECAST_LEGAL_GROUPS, /* placement x distance */
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
 * "legal_status:care_order", ...,
 * "placement_distance:fostering/within_council". */
const char *forecast_series_name(int i, char *buf, size_t size);

#endif
