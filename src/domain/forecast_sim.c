/* forecast_sim: see forecast_sim.h and docs/forecast.md.
 *
 * Uncertainty in a rate: with n transitions in E child-days and a constant
 * hazard, the likelihood is proportional to r^n e^(-rE), so under the
 * reference prior 1/r the posterior is Gamma(n, E) (shape n, rate E), whose
 * mean is the estimate n/E (Gelman et al., "Bayesian Data Analysis", 3rd ed.,
 * section 2.6, the Poisson model with exposure). A transition never seen
 * gets no rate: only what happened can happen again. This module must not
 * do I/O. */
#include "domain/forecast_sim.h"

#include "base/mem.h"
#include "base/date.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers: xoshiro256** seeded through splitmix64 ---- */

typedef struct Ziggurat Ziggurat;

typedef struct Rng {
    uint64_t s[4];
    const Ziggurat *zig; /* the tables of rng_exp */
} Rng;

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_seed(Rng *g, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);
    for (int i = 0; i < 4; i++) g->s[i] = splitmix(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(Rng *g)
{
    uint64_t *s = g->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform on (0, 1): never 0, so its logarithm is finite. */
static double rng_uniform(Rng *g)
{
    return ((double)(rng_next(g) >> 11) + 0.5) * 0x1.0p-53;
}

/* ---- exponential draws by the ziggurat method (Marsaglia and Tsang, "The
 * Ziggurat Method for Generating Random Variables", J. Stat. Software 5(8),
 * 2000): 256 layers of equal area under e^-x, so that about 99% of draws
 * cost one random number and a multiplication, without a logarithm. The
 * layer comes from the low 8 bits of a draw, the point in it from the top
 * 53 bits: disjoint bits, so the two are independent. ---- */

enum { ZIG_LAYERS = 256 };
static const double zig_r = 7.69711747013104972;     /* where the base strip's tail begins */
static const double zig_area = 3.949659822581572e-3; /* the area of each layer */

struct Ziggurat {
    double x[ZIG_LAYERS + 1];  /* x[0]: the base strip's width; x[1] = r; x[256] = 0 */
    double fx[ZIG_LAYERS + 1]; /* e^-x[i] (fx[0] unused; fx[256] = 1) */
    /* 2^53 x[i+1]/x[i]: below it, a point of layer i is under the curve */
    uint64_t inside[ZIG_LAYERS];
    double scale[ZIG_LAYERS]; /* x[i] / 2^53 */
};

/* Built at the start of each run (a few microseconds beside milliseconds):
 * the domain layer keeps no shared state, so threads need no lock. */
static void zig_build(Ziggurat *z)
{
    z->x[1] = zig_r;
    z->fx[1] = exp(-zig_r);
    z->x[0] = zig_area / z->fx[1];
    for (int i = 1; i < ZIG_LAYERS - 1; i++) {
        z->fx[i + 1] = z->fx[i] + zig_area / z->x[i];
        z->x[i + 1] = -log(z->fx[i + 1]);
    }
    z->x[ZIG_LAYERS] = 0;
    z->fx[ZIG_LAYERS] = 1;
    for (int i = 0; i < ZIG_LAYERS; i++) {
        z->inside[i] = (uint64_t)(z->x[i + 1] / z->x[i] * 0x1.0p53);
        z->scale[i] = z->x[i] * 0x1.0p-53;
    }
}

static double rng_exp(Rng *g)
{
    const Ziggurat *zig = g->zig;
    for (;;) {
        uint64_t bits = rng_next(g);
        int layer = (int)(bits & (ZIG_LAYERS - 1));
        uint64_t j = bits >> 11;
        double x = (double)j * zig->scale[layer];
        if (j < zig->inside[layer]) return x;
        if (layer == 0) return zig_r - log(rng_uniform(g)); /* the tail, memoryless */
        double y = zig->fx[layer] + rng_uniform(g) * (zig->fx[layer + 1] - zig->fx[layer]);
        if (y < exp(-x)) return x;
    }
}

static double rng_normal(Rng *g)
{
    return sqrt(-2 * log(rng_uniform(g))) * cos(6.283185307179586 * rng_uniform(g));
}

/* Gamma(shape, 1) for shape >= 1: Marsaglia and Tsang, "A simple method for
 * generating gamma variables", ACM TOMS 26(3), 2000. */
static double rng_gamma(Rng *g, double shape)
{
    double d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double x, v;
        do {
            x = rng_normal(g);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = rng_uniform(g);
        if (u < 1 - 0.0331 * x * x * x * x) return d * v;
        if (log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
    }
}

/* ---- one run's rates ---- */

typedef struct RunRates {
    int n_dest[FORECAST_STATES];
    uint8_t dest[FORECAST_STATES][FORECAST_DESTS];
    double rate[FORECAST_STATES][FORECAST_DESTS]; /* FORECAST_OUT: before the year's drift */
    double move_total[FORECAST_STATES], exit_rate[FORECAST_STATES];
    double entry_rate[FORECAST_STATES]; /* entrants a day */
    double entry_drift[FORECAST_MAX_YEARS], exit_drift[FORECAST_MAX_YEARS];
    /* Each state's own drift in each year: the product of its groups'
     * (ForecastRates.group_drift_sd), times the common drift above for
     * entries and exits. */
    float drift[FORECAST_DRIFT_KINDS][FORECAST_MAX_YEARS][FORECAST_STATES];
    bool tic_used;
    double tic_factor[FORECAST_TIC_BANDS]; /* exit rates by time in care (all 1: not used) */
} RunRates;

static double draw_rate(Rng *g, long count, double exposure, bool fixed)
{
    return fixed ? (double)count / exposure : rng_gamma(g, (double)count) / exposure;
}

static void add_dest(RunRates *rr, int s, int dest, double rate)
{
    int k = rr->n_dest[s]++;
    rr->dest[s][k] = (uint8_t)dest;
    rr->rate[s][k] = rate;
    if (dest == FORECAST_OUT)
        rr->exit_rate[s] = rate;
    else
        rr->move_total[s] += rate;
}

/* A state never seen in the window borrows the rates of its age band as a
 * whole: a child can reach it (by a birthday) though nobody was in it. The
 * band's pooled rates are drawn once a run, shared by every such state of
 * the band. */
typedef struct BandRates {
    bool drawn;
    double rate[FORECAST_DESTS]; /* 0: no such transition in the band */
} BandRates;

static void draw_band(const ForecastRates *r, int band, Rng *g, bool fixed, BandRates *out)
{
    int first = forecast_state_in_band(band, 0);
    double exposure = 0, exit_days = 0;
    long to[FORECAST_DESTS] = {0};
    for (int from = first; from < first + FORECAST_BAND_STATES; from++) {
        exposure += r->exposure[from];
        exit_days += r->tic_child_days[from];
        for (int t = 0; t < FORECAST_DESTS; t++) to[t] += r->transitions[from][t];
    }
    out->drawn = true;
    for (int t = 0; t < FORECAST_DESTS; t++)
        out->rate[t] = to[t] == 0 || exposure <= 0
                           ? 0
                           : draw_rate(g, to[t], t == FORECAST_OUT ? exit_days : exposure, fixed);
}

static void band_rates(const ForecastRates *r, const ForecastAdjust *adj, int s, Rng *g, bool fixed,
                       BandRates *bands, RunRates *rr)
{
    BandRates *b = &bands[forecast_state_age(s)];
    if (!b->drawn) draw_band(r, forecast_state_age(s), g, fixed, b);
    for (int t = 0; t < FORECAST_DESTS; t++) {
        if (b->rate[t] == 0 || t == forecast_band_index(s)) continue;
        double mult = t == FORECAST_OUT ? adj->exit_mult[s] : adj->move_mult[s];
        add_dest(rr, s, t, b->rate[t] * mult);
    }
}

static void drift_path(Rng *g, double sd, int years, bool fixed, double *out)
{
    double level = 0;
    for (int h = 0; h < years; h++) {
        if (!fixed && sd > 0) level += sd * rng_normal(g) - sd * sd / 2;
        out[h] = exp(level);
    }
}

/* A random walk for each group and kind of rate, and each state's year by
 * year product of its groups' walks (the common drift included). */
static void group_drift_paths(const ForecastRates *r, Rng *g, int years, bool fixed, RunRates *rr)
{
    double path[FORECAST_DRIFT_KINDS][FORECAST_GROUPS][FORECAST_MAX_YEARS];
    for (int k = 0; k < FORECAST_DRIFT_KINDS; k++)
        for (int grp = 0; grp < FORECAST_GROUPS; grp++)
            drift_path(g, r->group_drift_sd[k][grp], years, fixed, path[k][grp]);
    for (int k = 0; k < FORECAST_DRIFT_KINDS; k++)
        for (int h = 0; h < years; h++) {
            double common = k == FORECAST_DRIFT_ENTRIES ? rr->entry_drift[h]
                            : k == FORECAST_DRIFT_EXITS ? rr->exit_drift[h]
                                                        : 1;
            for (int s = 0; s < FORECAST_STATES; s++) {
                double m = common;
                for (int dim = 0; dim < FORECAST_GROUP_DIMS; dim++)
                    m *= path[k][forecast_state_group(s, dim)][h];
                rr->drift[k][h][s] = (float)m;
            }
        }
}

static void draw_rates(const ForecastSimSpec *spec, Rng *g, RunRates *rr)
{
    const ForecastRates *r = spec->rates;
    const ForecastAdjust *adj = spec->adjust;
    bool fixed = spec->fixed_rates;
    memset(rr, 0, sizeof *rr);
    BandRates bands[FORECAST_AGE_BANDS] = {{0}};
    double window = (double)forecast_window_days(r);
    for (int s = 0; s < FORECAST_STATES; s++) {
        if (r->exposure[s] <= 0) {
            band_rates(r, adj, s, g, fixed, bands, rr);
        } else {
            for (int t = 0; t < FORECAST_DESTS; t++) {
                if (r->transitions[s][t] == 0) continue;
                bool out = t == FORECAST_OUT;
                double mult = out ? adj->exit_mult[s] : adj->move_mult[s];
                /* an exit's child-days are weighted by the time-in-care factors */
                double days = out ? r->tic_child_days[s] : r->exposure[s];
                add_dest(rr, s, t, draw_rate(g, r->transitions[s][t], days, fixed) * mult);
            }
        }
        double entry =
            r->entries[s] > 0 && window > 0 ? draw_rate(g, r->entries[s], window, fixed) : 0;
        rr->entry_rate[s] = entry * adj->entry_mult[s] + adj->entry_add[s] / 365.25;
        if (rr->entry_rate[s] < 0) rr->entry_rate[s] = 0;
    }
    drift_path(g, r->entry_drift_sd, spec->years, fixed, rr->entry_drift);
    drift_path(g, r->exit_drift_sd, spec->years, fixed, rr->exit_drift);
    group_drift_paths(r, g, spec->years, fixed, rr);
    rr->tic_used = r->tic_used;
    for (int k = 0; k < FORECAST_TIC_BANDS; k++)
        rr->tic_factor[k] = !r->tic_used ? 1
                            : fixed      ? r->tic_factor[k]
                                    : draw_rate(g, r->tic_band_exits[k], r->tic_expected[k], false);
}

/* ---- one future ---- */

/* A child's birthdays that matter here, as days from the origin: the ends of
 * the age bands, 14 (the start of the 13 weeks of CPPCR 2010 reg 40), 16, 18
 * and 21. Worked out once a child (once a forecast for those there at the
 * forecast for every date of birth: forecast_sim_prepare), never at each
 * event. */
enum { CLOCK_1, CLOCK_5, CLOCK_10, CLOCK_14, CLOCK_16, CLOCK_18, CLOCK_21, CLOCK_25, CLOCK_AGES };
static const int clock_age[CLOCK_AGES] = {1, 5, 10, 14, 16, 18, 21, 25};
static const int band_end_clock[FORECAST_AGE_BANDS] = {CLOCK_1, CLOCK_5, CLOCK_10, CLOCK_16,
                                                       CLOCK_18};

typedef struct ForecastClock {
    double at[CLOCK_AGES];
} ForecastClock;

/* The birthdays of someone born on dob, 29 February falling on 1 March in
 * common years as date_birthday does, with the date taken apart once. From
 * 1901 to 2099 every fourth year is a leap year (2000 is one, being divisible
 * by 400), so the a-th birthday is 365a days on plus the 29 Februaries
 * between: those of the years y..y+a-1 when born by February, y+1..y+a when
 * born after. Other years take the general route. */
static ForecastClock clock_of(Date dob, Date origin)
{
    int y, m, d;
    date_to_ymd(dob, &y, &m, &d);
    ForecastClock c;
    bool leapling = m == 2 && d == 29;
    if (!leapling && y >= 1901 && y + 25 <= 2099) {
        int first = y + (m > 2); /* leap years are counted from here */
        for (int k = 0; k < CLOCK_AGES; k++) {
            int a = clock_age[k], leaps = (first + a - 1) / 4 - (first - 1) / 4;
            c.at[k] = (double)(dob + 365 * a + leaps - origin);
        }
        return c;
    }
    for (int k = 0; k < CLOCK_AGES; k++) {
        int year = y + clock_age[k];
        Date day = leapling && !date_is_leap_year(year) ? date_from_ymd(year, 3, 1)
                                                        : date_from_ymd(year, m, d);
        c.at[k] = (double)(day - origin);
    }
    return c;
}

static double band_end(const ForecastClock *c, int band)
{
    return c->at[band_end_clock[band]];
}

typedef struct Sim {
    const ForecastSimSpec *spec;
    Rng rng;
    /* The entrants' arrival times and who each is like: a stream of their
     * own, so that a state's arrivals are drawn before any is followed and
     * the entrant and birthdays each needs are fetched ahead (entrants()). */
    Rng arrivals;
    RunRates rates;
    double year_end[FORECAST_MAX_YEARS + 1]; /* days from the origin: 0, then each anniversary */
    ForecastRun *out;
} Sim;

/* Day 0 and each anniversary of the origin, as days from it. */
static void set_year_ends(Sim *sim)
{
    Date origin = sim->spec->rates->origin;
    for (int h = 0; h <= sim->spec->years; h++)
        sim->year_end[h] = (double)(date_add_months(origin, 12 * h) - origin);
}

/* The category on a day (from the origin) of a care leaver of this kind,
 * or -1: none (docs/care-leavers.md). */
static int leaver_flow(const ForecastClock *c, ForecastLeaverKind kind, double at)
{
    if (at < c->at[CLOCK_16]) return -1;
    if (kind == FORECAST_LEAVER_QUALIFYING)
        return at < c->at[CLOCK_21] ? FORECAST_FLOW_QUALIFYING : -1;
    return at < c->at[CLOCK_18]   ? FORECAST_FLOW_RELEVANT
           : at < c->at[CLOCK_21] ? FORECAST_FLOW_FORMER_RELEVANT
           : at < c->at[CLOCK_25] ? FORECAST_FLOW_FORMER_RELEVANT_TO_25
                                  : -1;
}

/* Counts a care leaver in the stocks of the year ends from `from_year` on. */
static void count_leaver_stock(Sim *sim, const ForecastClock *c, ForecastLeaverKind kind,
                               double left, int from_year)
{
    for (int k = from_year; k < sim->spec->years; k++) {
        double at = sim->year_end[k + 1];
        int flow = at < left ? -1 : leaver_flow(c, kind, at);
        if (flow >= 0) sim->out->flows[k][flow]++;
    }
}

/* CPPCR 2010 reg 40 and CA89 s23A/s23C: looked after for 13 weeks from the
 * 14th birthday and after the 16th: eligible, so relevant or former relevant
 * once out of care; looked after after 16 without them: qualifying (s24(1B)). */
static void leave(Sim *sim, const ForecastClock *c, double t, int h, double since_14, bool at_18)
{
    sim->out->flows[h][FORECAST_FLOW_LEAVERS]++;
    if (at_18) sim->out->flows[h][FORECAST_FLOW_LEFT_AT_18]++;
    if (t < c->at[CLOCK_16]) return;
    count_leaver_stock(
        sim, c, since_14 >= 91 ? FORECAST_LEAVER_ELIGIBLE : FORECAST_LEAVER_QUALIFYING, t, h);
}

static int choose_dest(Sim *sim, int s, double exit_rate, double move_drift, double total)
{
    const RunRates *rr = &sim->rates;
    double u = rng_uniform(&sim->rng) * total;
    for (int k = 0; k < rr->n_dest[s]; k++) {
        int d = rr->dest[s][k];
        double rate = d == FORECAST_OUT ? exit_rate : rr->rate[s][k] * move_drift;
        if (u < rate) return d;
        u -= rate;
    }
    return rr->dest[s][rr->n_dest[s] - 1];
}

/* When the time-in-care band of a period of care that began on `start`
 * (days from the origin) ends, band `tic` being the one it is in. */
static double tic_end(double start, int tic)
{
    return tic == 0   ? start + FORECAST_TIC_1_YEAR
           : tic == 1 ? start + FORECAST_TIC_3_YEARS
                      : INFINITY;
}

/* Follows one child from time t (days from the origin) in state s, in a
 * period of care that began on care_start, until it leaves care or the
 * forecast ends. The time to the next event is drawn as a unit of hazard (an
 * exponential with mean 1) used up at the total rate of each stretch between
 * fixed points (birthdays, year ends, the ends of time-in-care bands): the
 * same law as a fresh draw at each (the exponential has no memory), with one
 * draw an event. */
static void follow(Sim *sim, int s, double t, const ForecastClock *c, double since_14,
                   double care_start)
{
    const RunRates *rr = &sim->rates;
    int years = sim->spec->years, h = 0;
    while (h < years && sim->year_end[h + 1] <= t) h++;
    int band = forecast_state_age(s);
    int tic = rr->tic_used ? forecast_tic_band(t - care_start) : FORECAST_TIC_BANDS - 1;
    double tic_ends = rr->tic_used ? tic_end(care_start, tic) : INFINITY;
    double band_ends = band_end(c, band), fourteen = c->at[CLOCK_14];
    double hazard = rng_exp(&sim->rng);
    while (h < years) {
        double next_year = sim->year_end[h + 1];
        double boundary = band_ends <= next_year ? band_ends : next_year;
        if (tic_ends < boundary) boundary = tic_ends;
        double exit_rate =
            rr->exit_rate[s] * rr->tic_factor[tic] * rr->drift[FORECAST_DRIFT_EXITS][h][s];
        double move_drift = rr->drift[FORECAST_DRIFT_MOVES][h][s];
        double total = rr->move_total[s] * move_drift + exit_rate;
        bool event = total > 0 && t + hazard / total < boundary;
        double until = event ? t + hazard / total : boundary;
        if (until > fourteen) since_14 += until - (t > fourteen ? t : fourteen);
        sim->out->days[h][forecast_state_placement(s)] += until - t;
        if (!event) {
            hazard -= (until - t) * total;
            t = until;
            if (tic_ends <= t) {
                tic++;
                tic_ends = tic_end(care_start, tic);
            } else if (band_ends <= next_year) {
                if (band == FORECAST_AGE_BANDS - 1) { /* CA89 s105(1): care ends at 18 */
                    leave(sim, c, t, h, since_14, true);
                    return;
                }
                band++;
                s = forecast_state_in_band(band, forecast_band_index(s));
                band_ends = band_end(c, band);
            } else {
                forecast_count_state(sim->out->counts[h], s);
                h++;
            }
            continue;
        }
        t = until;
        hazard = rng_exp(&sim->rng);
        int d = choose_dest(sim, s, exit_rate, move_drift, total);
        if (d == FORECAST_OUT) {
            leave(sim, c, t, h, since_14, false);
            return;
        }
        s = forecast_state_in_band(band, d);
    }
}

struct ForecastClocks {
    Date first; /* the earliest date of birth in the table */
    long n;
    ForecastClock *by_dob; /* by_dob[dob - first] */
    /* The clock of each child of the population, in its order: read in
     * turn by every run, not looked up by date. */
    ForecastClock *children;
    /* The care leavers of the origin in the stocks of each year end: the
     * same in every run (no chance in it), so counted once. */
    long leaver_stocks[FORECAST_MAX_YEARS][FORECAST_FLOWS];
};

/* An entrant to state s: one who entered it in the window, at random, with
 * the earlier care that one had; or (a scenario's added entrants into a
 * state nobody entered) an age anywhere in its age band and no earlier care.
 * *pick is the one entrant's index, or -1 with *made the made-up one. */
static long entrant_pick(Sim *sim, int s, ForecastEntrant *made)
{
    const ForecastRates *r = sim->spec->rates;
    long first = r->first_entrant[s], n = r->first_entrant[s + 1] - first;
    if (n > 0) return first + (long)(rng_uniform(&sim->arrivals) * (double)n);
    static const double band_years[FORECAST_AGE_BANDS + 1] = {0, 1, 5, 10, 16, 18};
    int b = forecast_state_age(s);
    double lo = band_years[b] * 365.25, hi = band_years[b + 1] * 365.25 - 1;
    *made =
        (ForecastEntrant){(uint16_t)s, (int32_t)(lo + rng_uniform(&sim->arrivals) * (hi - lo)), 0};
    return -1;
}

/* Whether someone with these birthdays is in age band `band` on `day` (days
 * from the origin). */
static bool in_band(const ForecastClock *c, double day, int band)
{
    return (band == 0 || band_end(c, band - 1) <= day) && day < band_end(c, band);
}

static const ForecastClock *clock_for(const Sim *sim, Date dob, ForecastClock *own);

/* The entrants of every state and year are drawn into a batch, then
 * followed. Who an entrant is like (an entry of the window, at random) and
 * the birthdays of its date of birth (the prepared table, by date) are two
 * reads from large tables in no order, each a cache miss when taken in turn
 * (the 100,000-child bench: about half of the time of the runs); in a batch
 * the entrants are asked for all together, then the birthdays, so the
 * misses overlap instead of following one another. */
enum { ARRIVAL_BATCH = 64 };

typedef struct Arrival {
    double t;  /* days from the origin */
    long pick; /* index into the rates' entrants, or -1: made */
    ForecastEntrant made;
    Date dob;
    uint16_t state;
    uint8_t year;
} Arrival;

typedef struct Arrivals {
    Arrival items[ARRIVAL_BATCH];
    int n;
} Arrivals;

static const ForecastEntrant *arrival_entrant(const Sim *sim, const Arrival *a)
{
    return a->pick >= 0 ? &sim->spec->rates->entrants[a->pick] : &a->made;
}

static void follow_arrivals(Sim *sim, Arrivals *q)
{
    const ForecastRates *r = sim->spec->rates;
    const ForecastClocks *clocks = sim->spec->clocks;
    for (int i = 0; i < q->n; i++)
        if (q->items[i].pick >= 0) __builtin_prefetch(&r->entrants[q->items[i].pick]);
    for (int i = 0; i < q->n; i++) {
        Arrival *a = &q->items[i];
        a->dob = r->origin + (Date)a->t - arrival_entrant(sim, a)->age_days;
        if (clocks && a->dob >= clocks->first && a->dob - clocks->first < clocks->n)
            __builtin_prefetch(&clocks->by_dob[a->dob - clocks->first]);
    }
    for (int i = 0; i < q->n; i++) {
        const Arrival *a = &q->items[i];
        ForecastClock own;
        const ForecastClock *c = clock_for(sim, a->dob, &own);
        if (!in_band(c, (double)(Date)a->t, forecast_state_age(a->state)))
            continue; /* a leap-day edge */
        sim->out->flows[a->year][FORECAST_FLOW_ENTRANTS]++;
        follow(sim, a->state, a->t, c, arrival_entrant(sim, a)->days_since_14, a->t);
    }
    q->n = 0;
}

/* Draws the entrants to state s in year h into the batch q. */
static void entrants(Sim *sim, int s, int h, Arrivals *q)
{
    double rate = sim->rates.entry_rate[s] * sim->rates.drift[FORECAST_DRIFT_ENTRIES][h][s];
    if (rate <= 0) return;
    for (double t = sim->year_end[h] + rng_exp(&sim->arrivals) / rate; t < sim->year_end[h + 1];
         t += rng_exp(&sim->arrivals) / rate) {
        Arrival *a = &q->items[q->n];
        a->t = t;
        a->pick = entrant_pick(sim, s, &a->made);
        a->state = (uint16_t)s;
        a->year = (uint8_t)h;
        if (++q->n == ARRIVAL_BATCH) follow_arrivals(sim, q);
    }
}

/* Everyone the forecast follows was born between 26 years before the origin
 * (care leavers under 25) and its end (entrants born during it). */
ForecastClocks *forecast_sim_prepare(const ForecastSimSpec *spec)
{
    Date origin = spec->rates->origin;
    ForecastClocks *t = xmalloc(sizeof *t);
    t->first = date_add_months(origin, -12 * 26);
    t->n = (long)(date_add_months(origin, 12 * spec->years) - t->first) + 1;
    t->by_dob = xmalloc((size_t)t->n * sizeof *t->by_dob);
    for (long i = 0; i < t->n; i++) t->by_dob[i] = clock_of(t->first + (Date)i, origin);
    const ForecastPopulation *pop = spec->population;
    t->children = xmalloc((size_t)(pop->n > 0 ? pop->n : 1) * sizeof *t->children);
    for (long i = 0; i < pop->n; i++) t->children[i] = clock_of(pop->children[i].dob, origin);
    /* a run without the stocks, whose tallies are the stocks alone */
    ForecastRun *run = xcalloc(1, sizeof *run);
    Sim sim = {.spec = spec, .out = run};
    set_year_ends(&sim);
    for (long i = 0; i < spec->n_leavers; i++) {
        ForecastClock c = clock_of(spec->leavers[i].dob, origin);
        count_leaver_stock(&sim, &c, (ForecastLeaverKind)spec->leavers[i].kind, 0, 0);
    }
    memcpy(t->leaver_stocks, run->flows, sizeof t->leaver_stocks);
    free(run);
    return t;
}

void forecast_sim_release(ForecastClocks *clocks)
{
    if (!clocks) return;
    free(clocks->by_dob);
    free(clocks->children);
    free(clocks);
}

/* The clock of someone born on dob: from the prepared table, or worked out
 * now into *own. */
static const ForecastClock *clock_for(const Sim *sim, Date dob, ForecastClock *own)
{
    const ForecastClocks *t = sim->spec->clocks;
    if (t && dob >= t->first && dob - t->first < t->n) return &t->by_dob[dob - t->first];
    *own = clock_of(dob, sim->spec->rates->origin);
    return own;
}

/* Where the arrivals' stream starts, apart from the run's own. */
static const uint64_t arrivals_stream = 0x5851f42d4c957f2dULL;

void forecast_sim_run(const ForecastSimSpec *spec, long index, ForecastRun *out)
{
    memset(out, 0, sizeof *out);
    Sim sim = {.spec = spec, .out = out};
    rng_seed(&sim.rng, spec->seed, (uint64_t)index);
    rng_seed(&sim.arrivals, spec->seed ^ arrivals_stream, (uint64_t)index);
    Ziggurat zig;
    zig_build(&zig);
    sim.rng.zig = sim.arrivals.zig = &zig;
    set_year_ends(&sim);
    ForecastAdjust none;
    ForecastSimSpec local = *spec;
    if (!spec->adjust) {
        forecast_adjust_none(&none);
        local.adjust = &none;
        sim.spec = &local;
    }
    draw_rates(sim.spec, &sim.rng, &sim.rates);
    const ForecastPopulation *pop = spec->population;
    const ForecastClocks *clocks = spec->clocks;
    ForecastClock own;
    for (long i = 0; i < pop->n; i++) {
        const ForecastChild *child = &pop->children[i];
        const ForecastClock *c = clocks ? &clocks->children[i] : clock_for(&sim, child->dob, &own);
        follow(&sim, child->state, 0, c, child->days_since_14, -(double)child->days_in_care);
    }
    Arrivals batch = {.n = 0};
    for (int h = 0; h < spec->years; h++)
        for (int s = 0; s < FORECAST_STATES; s++) entrants(&sim, s, h, &batch);
    follow_arrivals(&sim, &batch);
    if (clocks) {
        for (int h = 0; h < spec->years; h++)
            for (int f = 0; f < FORECAST_FLOWS; f++)
                out->flows[h][f] += clocks->leaver_stocks[h][f];
        return;
    }
    for (long i = 0; i < spec->n_leavers; i++)
        count_leaver_stock(&sim, clock_for(&sim, spec->leavers[i].dob, &own),
                           (ForecastLeaverKind)spec->leavers[i].kind, 0, 0);
}

void forecast_adjust_none(ForecastAdjust *a)
{
    for (int s = 0; s < FORECAST_STATES; s++) {
        a->entry_mult[s] = a->exit_mult[s] = a->move_mult[s] = 1;
        a->entry_add[s] = 0;
    }
}

static const char *const flow_names[FORECAST_FLOWS] = {"entrants",
                                                       "leavers",
                                                       "left_at_18",
                                                       "relevant_care_leavers",
                                                       "former_relevant_care_leavers",
                                                       "former_relevant_21_to_24",
                                                       "qualifying_care_leavers"};

const char *forecast_flow_name(int flow)
{
    return flow_names[flow];
}

const double forecast_quantile_levels[FORECAST_QUANTILES] = {0.025, 0.10, 0.25, 0.5,
                                                             0.75,  0.90, 0.975};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

ForecastFan forecast_fan(double *values, long n)
{
    ForecastFan fan = {{0}, 0};
    if (n <= 0) return fan;
    qsort(values, (size_t)n, sizeof *values, cmp_double);
    double sum = 0;
    for (long i = 0; i < n; i++) sum += values[i];
    fan.mean = sum / (double)n;
    for (int k = 0; k < FORECAST_QUANTILES; k++) {
        double pos = forecast_quantile_levels[k] * (double)(n - 1);
        long lo = (long)pos;
        double frac = pos - (double)lo;
        fan.q[k] = lo + 1 < n ? values[lo] + frac * (values[lo + 1] - values[lo]) : values[lo];
    }
    return fan;
}

void forecast_sim_fans(const ForecastRun *runs, long n, int years,
                       ForecastFan fans[][FORECAST_SERIES], ForecastFan flow_fans[][FORECAST_FLOWS])
{
    double *v = xmalloc((size_t)(n > 0 ? n : 1) * sizeof *v);
    for (int h = 0; h < years; h++) {
        for (int i = 0; i < FORECAST_SERIES; i++) {
            for (long r = 0; r < n; r++) v[r] = (double)runs[r].counts[h][i];
            fans[h][i] = forecast_fan(v, n);
        }
        for (int f = 0; f < FORECAST_FLOWS; f++) {
            for (long r = 0; r < n; r++) v[r] = (double)runs[r].flows[h][f];
            flow_fans[h][f] = forecast_fan(v, n);
        }
    }
    free(v);
}
