/* Unit tests for domain/forecast, forecast_sim and forecast_backtest: the
 * states at their edges (birthdays, 29 February, the 18th birthday, the
 * placement codes of every era, 20 miles), the walk of a history as known at
 * an origin (short breaks, open episodes, moves, certain exits at 18), rates
 * recovered from histories made from known rates, and the intervals of the
 * simulated futures holding what happened about as often as they say. All
 * data is made up here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/forecast.h"
#include "domain/forecast_backtest.h"
#include "domain/forecast_plan.h"
#include "domain/forecast_sim.h"
#include "test_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_ep(Dataset *ds, Date decom, Date dec, const char *ls, const char *place)
{
    fixture_episode(ds, (FixtureEpisode){decom, dec, .ls = ls, .place = place});
}

static void test_age_bands_at_birthdays(void **state)
{
    (void)state;
    Date dob = D(2010, 6, 15);
    assert_int_equal(forecast_age_band(dob, D(2010, 6, 14)), -1);
    assert_int_equal(forecast_age_band(dob, dob), 0);
    assert_int_equal(forecast_age_band(dob, D(2011, 6, 14)), 0);
    assert_int_equal(forecast_age_band(dob, D(2011, 6, 15)), 1);
    assert_int_equal(forecast_age_band(dob, D(2015, 6, 15)), 2);
    assert_int_equal(forecast_age_band(dob, D(2020, 6, 14)), 2);
    assert_int_equal(forecast_age_band(dob, D(2020, 6, 15)), 3);
    assert_int_equal(forecast_age_band(dob, D(2026, 6, 15)), 4);
    assert_int_equal(forecast_age_band(dob, D(2028, 6, 14)), 4);
    assert_int_equal(forecast_age_band(dob, D(2028, 6, 15)), -1); /* 18: out of care */
    assert_int_equal(forecast_age_band(DATE_NONE, D(2020, 1, 1)), -1);
    /* 29 February: the birthday of a common year is 1 March */
    Date leap = D(2012, 2, 29);
    assert_int_equal(forecast_age_band(leap, D(2017, 2, 28)), 1);
    assert_int_equal(forecast_age_band(leap, D(2017, 3, 1)), 2);
    assert_int_equal(forecast_band_end(leap, 4), D(2030, 3, 1));
}

static void test_placement_groups_of_every_era(void **state)
{
    (void)state;
    const char *fostering[] = {"U1", "U3", "U6", "Q1", "Q2", "F1", "F6"};
    for (size_t i = 0; i < sizeof fostering / sizeof *fostering; i++)
        assert_int_equal(forecast_placement_of(fostering[i]), FORECAST_FOSTERING);
    const char *residential[] = {"K2", "R1", "P3", "S1", "H3", "H4"};
    for (size_t i = 0; i < sizeof residential / sizeof *residential; i++)
        assert_int_equal(forecast_placement_of(residential[i]), FORECAST_RESIDENTIAL);
    const char *supported[] = {"H5", "K3", "P2"};
    for (size_t i = 0; i < sizeof supported / sizeof *supported; i++)
        assert_int_equal(forecast_placement_of(supported[i]), FORECAST_SUPPORTED);
    const char *other[] = {"K1", "A4", "P1", "R2", "T4", "Z1", "U7", ""};
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        assert_int_equal(forecast_placement_of(other[i]), FORECAST_OTHER_PLACEMENT);
}

static void test_distance_bands(void **state)
{
    (void)state;
    EpisodePlace pl = {.distance = 200};
    assert_int_equal(forecast_distance_of(&pl), FORECAST_UP_TO_20_MILES);
    pl.distance = 201;
    assert_int_equal(forecast_distance_of(&pl), FORECAST_OVER_20_MILES);
    pl.location = 'I'; /* within the council whatever the distance */
    assert_int_equal(forecast_distance_of(&pl), FORECAST_WITHIN_COUNCIL);
    pl.location = 'O';
    pl.distance = -1;
    assert_int_equal(forecast_distance_of(&pl), FORECAST_DISTANCE_UNKNOWN);
    assert_int_equal(forecast_distance_of(NULL), FORECAST_DISTANCE_UNKNOWN);
}

static int st(int age, ForecastPlacement p)
{
    return forecast_state(age, p, FORECAST_DISTANCE_UNKNOWN, FORECAST_CARE_ORDER);
}

/* A move's column in ForecastRates.transitions. */
static int to(int age, ForecastPlacement p)
{
    return forecast_band_index(st(age, p));
}

/* The rates, with the factors of time in care where the data supports them. */
static ForecastRates *estimate(const Dataset *ds, Date origin, int window)
{
    ForecastRates *r = malloc(sizeof *r);
    forecast_rates_init(r, origin, window);
    r->tic_wanted = true;
    forecast_rates_add(r, ds);
    forecast_rates_finish(r);
    return r;
}

static void drop(ForecastRates *r)
{
    forecast_rates_free(r);
    free(r);
}

/* One child, every edge at once: enters fostering on 1 June 2020 aged 9,
 * has a 10th birthday in care (no transition), moves to residential on 1 Jan
 * 2021 (a move), leaves on 1 March 2021 (an exit), has short breaks (not
 * care) from 1 April 2021, comes back full time on 1 July 2021 (an entry)
 * into an episode still open on the origin (censored) and whose placement
 * after the origin is not yet known. */
static void test_walk_of_one_history(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "1", D(2011, 1, 1) - 200, "WBRI"); /* 10 on 15 June 2020 */
    Date dob = ds.children[0].dob;
    add_ep(&ds, D(2020, 6, 1), D(2021, 1, 1), "C2", "U4");
    add_ep(&ds, D(2021, 1, 1), D(2021, 3, 1), "C2", "K2");
    add_ep(&ds, D(2021, 4, 1), D(2021, 6, 1), "V3", "U4");
    add_ep(&ds, D(2021, 7, 1), D(2022, 6, 1), "C2", "U4");
    add_ep(&ds, D(2022, 6, 1), NONE, "C2", "K2");
    Date origin = D(2022, 3, 31);
    ForecastRates *r = estimate(&ds, origin, 3); /* the window starts 31/03/2019 */
    Date tenth = date_birthday(dob, 10);
    assert_true(tenth > D(2020, 6, 1) && tenth < D(2021, 1, 1));
    assert_int_equal(r->entries[st(2, FORECAST_FOSTERING)], 1);
    assert_int_equal(r->entries[st(3, FORECAST_FOSTERING)], 1);
    assert_int_equal(r->transitions[st(3, FORECAST_FOSTERING)][to(3, FORECAST_RESIDENTIAL)], 1);
    assert_int_equal(r->transitions[st(3, FORECAST_RESIDENTIAL)][FORECAST_OUT], 1);
    assert_int_equal(r->transitions[st(3, FORECAST_FOSTERING)][FORECAST_OUT], 0); /* censored */
    assert_int_equal(r->transitions[st(2, FORECAST_FOSTERING)][to(3, FORECAST_FOSTERING)], 0);
    assert_true(r->exposure[st(2, FORECAST_FOSTERING)] == (double)(tenth - D(2020, 6, 1)));
    double fostering_10 = (double)(D(2021, 1, 1) - tenth) + (double)(origin - D(2021, 7, 1));
    assert_true(r->exposure[st(3, FORECAST_FOSTERING)] == fostering_10);
    assert_true(r->exposure[st(3, FORECAST_RESIDENTIAL)] ==
                (double)(D(2021, 3, 1) - D(2021, 1, 1)));
    assert_int_equal(r->exits_at_18, 0);
    assert_int_equal(r->n_entrants, 2);
    /* a later origin sees the move on 1 June 2022 */
    ForecastRates *later = estimate(&ds, D(2023, 3, 31), 3);
    assert_int_equal(later->transitions[st(3, FORECAST_FOSTERING)][to(3, FORECAST_RESIDENTIAL)], 2);
    drop(r);
    drop(later);
    dataset_free(&ds);
}

/* The DfE's legal status groups, and a change of group is a move while a
 * change within one (interim to full care order) is not. */
static void test_legal_status_groups_and_moves(void **state)
{
    (void)state;
    const char *care[] = {"C1", "C2"}, *placement[] = {"E1", "D1"},
               *other[] = {"J1", "J3", "L1", "L3", "W1", ""};
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(forecast_legal_of(care[i]), FORECAST_CARE_ORDER);
        assert_int_equal(forecast_legal_of(placement[i]), FORECAST_PLACEMENT_ORDER);
    }
    assert_int_equal(forecast_legal_of("V2"), FORECAST_SECTION_20);
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        assert_int_equal(forecast_legal_of(other[i]), FORECAST_OTHER_LEGAL);
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "1", D(2013, 1, 1), "WBRI"); /* 5 to 9 throughout */
    add_ep(&ds, D(2020, 6, 1), D(2020, 9, 1), "V2", "U4");
    add_ep(&ds, D(2020, 9, 1), D(2021, 1, 1), "C1", "U4");
    add_ep(&ds, D(2021, 1, 1), D(2021, 6, 1), "C2", "U4");
    add_ep(&ds, D(2021, 6, 1), NONE, "E1", "A5");
    ForecastRates *r = estimate(&ds, D(2022, 3, 31), 3);
    int u = FORECAST_DISTANCE_UNKNOWN;
    int s20 = forecast_state(2, FORECAST_FOSTERING, u, FORECAST_SECTION_20);
    int co = forecast_state(2, FORECAST_FOSTERING, u, FORECAST_CARE_ORDER);
    int po = forecast_state(2, FORECAST_OTHER_PLACEMENT, u, FORECAST_PLACEMENT_ORDER);
    assert_int_equal(r->entries[s20], 1);
    assert_int_equal(r->transitions[s20][forecast_band_index(co)], 1);
    assert_int_equal(r->transitions[co][forecast_band_index(po)], 1);
    assert_int_equal(r->transitions[co][forecast_band_index(co)], 0); /* C1 to C2 */
    assert_true(r->exposure[co] == (double)(D(2021, 6, 1) - D(2020, 9, 1)));
    assert_int_equal(forecast_state_legal(po), FORECAST_PLACEMENT_ORDER);
    assert_int_equal(forecast_state_placement(po), FORECAST_OTHER_PLACEMENT);
    assert_int_equal(forecast_state_distance(po), u);
    assert_int_equal(forecast_state_age(po), 2);
    ForecastPopulation pop = {0};
    forecast_population_add(&pop, &ds, D(2022, 3, 31));
    long counts[FORECAST_SERIES] = {0};
    forecast_count_state(counts, pop.children[0].state);
    assert_int_equal(counts[FORECAST_SERIES_LEGAL + FORECAST_PLACEMENT_ORDER], 1);
    assert_int_equal(counts[FORECAST_SERIES_LEGAL + FORECAST_CARE_ORDER], 0);
    char name[64];
    assert_string_equal(
        forecast_series_name(FORECAST_SERIES_LEGAL + FORECAST_SECTION_20, name, sizeof name),
        "legal_status:section_20");
    forecast_population_free(&pop);
    drop(r);
    dataset_free(&ds);
}

/* Care ends on the 18th birthday: certain, not a rate; leaving the day
 * before is a rate. */
static void test_eighteenth_birthday(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "1", D(2003, 5, 10), "WBRI");
    add_ep(&ds, D(2019, 1, 1), NONE, "C2", "U4"); /* never closed: clipped at 18 */
    dataset_add_child(&ds, "B", "2", D(2003, 5, 10), "WBRI");
    add_ep(&ds, D(2019, 1, 1), D(2021, 5, 9), "C2", "U4"); /* left the day before */
    ForecastRates *r = estimate(&ds, D(2022, 3, 31), 3);
    assert_int_equal(r->exits_at_18, 1);
    assert_int_equal(r->transitions[st(4, FORECAST_FOSTERING)][FORECAST_OUT], 1);
    double a = (double)(D(2021, 5, 10) - D(2019, 5, 10)), b = a - 1;
    assert_true(r->exposure[st(4, FORECAST_FOSTERING)] == a + b);
    ForecastPopulation pop = {0};
    forecast_population_add(&pop, &ds, D(2021, 5, 9));
    assert_int_equal(pop.n, 1); /* A on the eve of 18; B has left */
    forecast_population_free(&pop);
    forecast_population_add(&pop, &ds, D(2021, 5, 10));
    assert_int_equal(pop.n, 0);
    forecast_population_free(&pop);
    drop(r);
    dataset_free(&ds);
}

/* ---- histories made from known rates ---- */

typedef struct Gen {
    uint64_t s;
} Gen;

static double gen_uniform(Gen *g)
{
    g->s = g->s * 6364136223846793005ULL + 1442695040888963407ULL;
    return ((double)(g->s >> 11) + 0.5) / 9007199254740992.0;
}

static double gen_exp(Gen *g, double rate)
{
    return -log(gen_uniform(g)) / rate;
}

typedef struct Truth {
    double entry_per_day, foster_exit, foster_to_residential, residential_exit; /* per day */
} Truth;

static const Truth truth = {0.25, 1.0 / 400, 1.0 / 900, 1.0 / 250};

/* Children enter fostering aged 10 as a Poisson process from `start` to
 * `end`; in fostering they leave or move to residential, in residential
 * they leave, at constant hazards. Episodes still going on `end` are open. */
static void make_history(Dataset *ds, uint64_t seed, Date start, Date end)
{
    Gen g = {seed * 2654435761u + 1};
    int n = 0;
    for (double t = start + gen_exp(&g, truth.entry_per_day); t < end;
         t += gen_exp(&g, truth.entry_per_day)) {
        char id[16];
        snprintf(id, sizeof id, "C%06d", n++);
        Date in = (Date)t;
        Date dob = date_birthday(in - 3653 - (Date)(gen_uniform(&g) * 300), 0);
        dataset_add_child(ds, id, "1", dob, "WBRI");
        double rate = truth.foster_exit + truth.foster_to_residential;
        double leave = t + gen_exp(&g, rate);
        bool moves = gen_uniform(&g) * rate < truth.foster_to_residential;
        Date out = leave < end ? (Date)leave : NONE;
        if (out != NONE && out <= in) out = in + 1;
        add_ep(ds, in, out, "C2", "U4");
        if (!moves || out == NONE) continue;
        double gone = leave + gen_exp(&g, truth.residential_exit);
        Date out2 = gone < end ? (Date)gone : NONE;
        if (out2 != NONE && out2 <= out) out2 = out + 1;
        add_ep(ds, out, out2, "C2", "K2");
    }
}

/* |estimate - truth| within four standard deviations of the gamma posterior */
static void assert_recovered(long count, double exposure, double rate)
{
    assert_true(count > 100);
    double est = (double)count / exposure, sd = sqrt((double)count) / exposure;
    if (fabs(est - rate) > 4 * sd)
        fail_msg("estimate %.6f, truth %.6f, sd %.6f (%ld in %.0f days)", est, rate, sd, count,
                 exposure);
}

static void test_rates_recovered(void **state)
{
    (void)state;
    Dataset ds = {0};
    make_history(&ds, 7, D(2010, 4, 1), D(2020, 3, 31));
    ForecastRates *r = estimate(&ds, D(2020, 3, 31), 6);
    long fexit = 0, fmove = 0, rexit = 0;
    double fexp = 0, rexp = 0;
    for (int a = 0; a < FORECAST_AGE_BANDS; a++) {
        fexit += r->transitions[st(a, FORECAST_FOSTERING)][FORECAST_OUT];
        fmove += r->transitions[st(a, FORECAST_FOSTERING)][to(a, FORECAST_RESIDENTIAL)];
        rexit += r->transitions[st(a, FORECAST_RESIDENTIAL)][FORECAST_OUT];
        fexp += r->exposure[st(a, FORECAST_FOSTERING)];
        rexp += r->exposure[st(a, FORECAST_RESIDENTIAL)];
    }
    assert_recovered(fexit, fexp, truth.foster_exit);
    assert_recovered(fmove, fexp, truth.foster_to_residential);
    assert_recovered(rexit, rexp, truth.residential_exit);
    long entries = 0;
    for (int s = 0; s < FORECAST_STATES; s++) entries += r->entries[s];
    assert_recovered(entries, (double)forecast_window_days(r), truth.entry_per_day);
    /* a stationary history: no drift beyond chance */
    assert_true(r->entry_drift_sd < 0.1);
    drop(r);
    dataset_free(&ds);
}

/* Exit hazards by time in the period of care (per day): under 1 year, 1 to
 * 3 years, 3 years and over. */
static const double tic_hazard[FORECAST_TIC_BANDS] = {1.0 / 250, 1.0 / 700, 1.0 / 2000};

/* The time to leaving of one who entered at 0 under tic_hazard. */
static double tic_stay(Gen *g)
{
    static const double ends[FORECAST_TIC_BANDS] = {FORECAST_TIC_1_YEAR, FORECAST_TIC_3_YEARS,
                                                    INFINITY};
    double unit = gen_exp(g, 1), t = 0;
    for (int k = 0; k < FORECAST_TIC_BANDS; k++) {
        double used = (ends[k] - t) * tic_hazard[k];
        if (unit < used) return t + unit / tic_hazard[k];
        unit -= used;
        t = ends[k];
    }
    return t;
}

/* Children aged 5 enter fostering at 1 a day and leave by tic_hazard. */
static void make_tic_history(Dataset *ds, uint64_t seed, Date start, Date end)
{
    Gen g = {seed * 2654435761u + 3};
    int n = 0;
    for (double t = start + gen_exp(&g, 1); t < end; t += gen_exp(&g, 1)) {
        char id[16];
        snprintf(id, sizeof id, "T%06d", n++);
        Date in = (Date)t;
        dataset_add_child(ds, id, "1", in - 1826 - (Date)(gen_uniform(&g) * 300), "WBRI");
        double leave = t + tic_stay(&g);
        Date out = leave < end ? (Date)leave : NONE;
        if (out != NONE && out <= in) out = in + 1;
        add_ep(ds, in, out, "C2", "U4");
    }
}

/* The factors of time in care come back as they were made, relative to the
 * last band, within four standard deviations (the variance of a log ratio
 * of counts about 1/n1 + 1/n2); the simulation follows them: of children
 * just come into care, as many are still there a year on as the first
 * band's rate says. */
static void test_time_in_care_recovered(void **state)
{
    (void)state;
    Dataset ds = {0};
    make_tic_history(&ds, 5, D(2008, 4, 1), D(2020, 3, 31));
    ForecastRates *r = estimate(&ds, D(2020, 3, 31), 6);
    assert_true(r->tic_used);
    for (int k = 0; k < 2; k++) {
        double got = log(r->tic_factor[k] / r->tic_factor[2]);
        double want = log(tic_hazard[k] / tic_hazard[2]);
        double sd = sqrt(1.0 / (double)r->tic_band_exits[k] + 1.0 / (double)r->tic_band_exits[2]);
        if (fabs(got - want) > 4 * sd)
            fail_msg("band %d: log ratio %.3f, truth %.3f, sd %.3f", k, got, want, sd);
    }
    int s = st(2, FORECAST_FOSTERING);
    double first_year =
        (double)r->transitions[s][FORECAST_OUT] / r->tic_child_days[s] * r->tic_factor[0];
    enum { CHILDREN = 2000, RUNS = 20 };
    ForecastPopulation pop = {0};
    for (long i = 0; i < CHILDREN; i++) {
        MEM_GROW(pop.children, pop.n, pop.cap);
        /* aged 6, in care a day: still 5 to 9 a year on */
        pop.children[pop.n++] = (ForecastChild){D(2014, 1, 1), (uint16_t)s, 0, 0, 1};
    }
    ForecastAdjust none;
    forecast_adjust_none(&none);
    for (int k = 0; k < FORECAST_STATES; k++) none.entry_mult[k] = 0;
    ForecastSimSpec spec = {.rates = r,
                            .population = &pop,
                            .adjust = &none,
                            .years = 1,
                            .seed = 3,
                            .fixed_rates = true};
    double still = 0;
    for (long i = 0; i < RUNS; i++) {
        ForecastRun run;
        forecast_sim_run(&spec, i, &run);
        still += (double)run.counts[0][FORECAST_SERIES_TOTAL];
    }
    double p = exp(-first_year * 365), n = (double)CHILDREN * RUNS;
    double sd = sqrt(n * p * (1 - p));
    if (fabs(still - n * p) > 4 * sd)
        fail_msg("%.0f still in care, %.0f expected (sd %.1f)", still, n * p, sd);
    /* without enough exits in a band, no factors */
    Dataset few = {0};
    make_tic_history(&few, 6, D(2018, 4, 1), D(2020, 3, 31));
    ForecastRates *f = estimate(&few, D(2020, 3, 31), 2);
    assert_false(f->tic_used);
    assert_true(f->tic_factor[0] == 1 && f->tic_factor[2] == 1);
    drop(f);
    dataset_free(&few);
    forecast_population_free(&pop);
    drop(r);
    dataset_free(&ds);
}

/* Forecasts from histories made from known rates, one year ahead: the 80%
 * and 95% intervals of the total hold what happened about as often as they
 * say (binomial bounds at some three standard deviations over 40 histories). */
static void test_intervals_near_nominal(void **state)
{
    (void)state;
    enum { HISTORIES = 40, RUNS = 200 };
    int in80 = 0, in95 = 0;
    Date origin = D(2016, 3, 31), then = D(2017, 3, 31);
    ForecastRun *runs = malloc(RUNS * sizeof *runs);
    double values[RUNS];
    for (int k = 0; k < HISTORIES; k++) {
        Dataset ds = {0};
        make_history(&ds, 100 + (uint64_t)k, D(2010, 4, 1), D(2018, 3, 31));
        ForecastRates *r = estimate(&ds, origin, 3);
        ForecastPopulation pop = {0};
        forecast_population_add(&pop, &ds, origin);
        ForecastSimSpec spec = {.rates = r, .population = &pop, .years = 1, .seed = 5};
        for (long i = 0; i < RUNS; i++) {
            forecast_sim_run(&spec, i, &runs[i]);
            values[i] = (double)runs[i].counts[0][FORECAST_SERIES_TOTAL];
        }
        ForecastFan fan = forecast_fan(values, RUNS);
        ForecastPopulation actual = {0};
        forecast_population_add(&actual, &ds, then);
        double a = (double)actual.n;
        in80 += a >= fan.q[1] && a <= fan.q[5];
        in95 += a >= fan.q[0] && a <= fan.q[6];
        forecast_population_free(&actual);
        forecast_population_free(&pop);
        drop(r);
        dataset_free(&ds);
    }
    free(runs);
    printf("intervals: 80%%: %d, 95%%: %d of %d\n", in80, in95, HISTORIES);
    if (in80 < 24 || in80 > 39 || in95 < 33)
        fail_msg("80%% interval held %d of %d, 95%% held %d", in80, HISTORIES, in95);
}

/* The same seed gives the same future; another seed another one. */
static void test_runs_are_deterministic(void **state)
{
    (void)state;
    Dataset ds = {0};
    make_history(&ds, 3, D(2010, 4, 1), D(2016, 3, 31));
    ForecastRates *r = estimate(&ds, D(2016, 3, 31), 3);
    ForecastPopulation pop = {0};
    forecast_population_add(&pop, &ds, D(2016, 3, 31));
    ForecastSimSpec spec = {.rates = r, .population = &pop, .years = 3, .seed = 11};
    ForecastRun a, b, c;
    forecast_sim_run(&spec, 4, &a);
    forecast_sim_run(&spec, 4, &b);
    forecast_sim_run(&spec, 5, &c);
    assert_memory_equal(&a, &b, sizeof a);
    assert_memory_not_equal(&a, &c, sizeof a);
    /* the birthdays prepared once a forecast give the same future as those
     * worked out in the run */
    ForecastClocks *clocks = forecast_sim_prepare(&spec);
    spec.clocks = clocks;
    forecast_sim_run(&spec, 4, &b);
    assert_memory_equal(&a, &b, sizeof a);
    spec.clocks = NULL;
    forecast_sim_release(clocks);
    /* a scenario that stops every entrant and every exit before 18 leaves the
     * starting children in care until their 18th birthdays */
    ForecastAdjust adj;
    forecast_adjust_none(&adj);
    for (int s = 0; s < FORECAST_STATES; s++) adj.entry_mult[s] = adj.exit_mult[s] = 0;
    spec.adjust = &adj;
    forecast_sim_run(&spec, 0, &a);
    long still = 0;
    for (long i = 0; i < pop.n; i++)
        still += date_birthday(pop.children[i].dob, 18) > D(2017, 3, 31);
    assert_int_equal(a.counts[0][FORECAST_SERIES_TOTAL], still);
    assert_int_equal(a.flows[0][FORECAST_FLOW_ENTRANTS], 0);
    forecast_population_free(&pop);
    drop(r);
    dataset_free(&ds);
}

static void test_trend_and_scores(void **state)
{
    (void)state;
    double y[] = {100, 110, 120};
    assert_true(fabs(forecast_linear_trend(y, 3, 1) - 130) < 1e-9);
    assert_true(fabs(forecast_linear_trend(y, 1, 2) - 100) < 1e-9);
    double down[] = {30, 10};
    assert_true(forecast_linear_trend(down, 2, 2) == 0); /* never below 0 */
    ForecastPoint p[] = {
        {.horizon = 1,
         .series = 0,
         .actual = 100,
         .median = 110,
         .lo80 = 101,
         .hi80 = 115,
         .lo95 = 80,
         .hi95 = 120,
         .no_change = 100,
         .trend = 90},
        {.horizon = 1,
         .series = 1,
         .actual = 50,
         .median = 45,
         .lo80 = 40,
         .hi80 = 60,
         .lo95 = 30,
         .hi95 = 70,
         .no_change = 40,
         .trend = 50},
        {.horizon = 1, .series = 2, .actual = 0, .median = 3}, /* not scored: no percentage */
        {.horizon = 2, .series = 0, .actual = 10, .median = 10},
    };
    ForecastScore all = forecast_score(p, 4, 1, false);
    assert_int_equal(all.n, 2);
    assert_true(fabs(all.bias - 0) < 1e-9);  /* +10% and -10% */
    assert_true(fabs(all.mape - 10) < 1e-9); /* 10% and 10% */
    assert_true(fabs(all.cover80 - 50) < 1e-9);
    assert_true(fabs(all.cover95 - 100) < 1e-9);
    assert_true(fabs(all.no_change_mape - 10) < 1e-9);
    assert_true(fabs(all.trend_bias - -5) < 1e-9);
    ForecastScore total = forecast_score(p, 4, 1, true);
    assert_int_equal(total.n, 1);
    assert_true(fabs(total.bias - 10) < 1e-9);
}

/* Reads a scenario from text into p; returns the error code. */
static int read_scenario(ForecastPlan *p, const char *csv, Err *err)
{
    CsvReader r;
    int rc = csv_open_buffer(&r, "scenario.csv", csv, strlen(csv), err);
    if (rc == 0) rc = forecast_plan_read_adjust(p, &r, err);
    csv_close(&r);
    return rc;
}

/* A scenario's rows keyed by legal status group apply to the states of that
 * group only, with the other columns as before; an addition of entrants is
 * shared among the group's states by their entrants in the window. */
static void test_adjust_by_legal_status(void **state)
{
    (void)state;
    ForecastPlan plan = {0};
    Err err = {0};
    assert_int_equal(read_scenario(&plan,
                                   "what,age,legal_status,multiply,add\n"
                                   "entrants,,section_20,0.5,\n"
                                   "leaving,10_to_15,placement_order,2,\n"
                                   "entrants,all,care_order,,30\n",
                                   &err),
                     0);
    assert_int_equal(plan.n_adjust, 3);
    ForecastRates *rates = xcalloc(1, sizeof *rates);
    int s20 = forecast_state(1, FORECAST_FOSTERING, FORECAST_DISTANCE_UNKNOWN, FORECAST_SECTION_20);
    int co_a =
        forecast_state(1, FORECAST_FOSTERING, FORECAST_DISTANCE_UNKNOWN, FORECAST_CARE_ORDER);
    int co_b =
        forecast_state(3, FORECAST_RESIDENTIAL, FORECAST_DISTANCE_UNKNOWN, FORECAST_CARE_ORDER);
    rates->entries[co_a] = 30;
    rates->entries[co_b] = 10;
    rates->entries[s20] = 50; /* not a care order: gets none of the addition */
    ForecastAdjust adj;
    forecast_plan_adjust(&plan, rates, &adj);
    for (int s = 0; s < FORECAST_STATES; s++) {
        int legal = forecast_state_legal(s);
        assert_true(adj.entry_mult[s] == (legal == FORECAST_SECTION_20 ? 0.5 : 1));
        bool doubled = legal == FORECAST_PLACEMENT_ORDER && forecast_state_age(s) == 3;
        assert_true(adj.exit_mult[s] == (doubled ? 2 : 1));
        assert_true(adj.move_mult[s] == 1);
        if (s != co_a && s != co_b) assert_true(adj.entry_add[s] == 0);
    }
    assert_true(fabs(adj.entry_add[co_a] - 22.5) < 1e-9);
    assert_true(fabs(adj.entry_add[co_b] - 7.5) < 1e-9);
    free(rates);
    forecast_plan_free(&plan);
    /* a group that does not exist is named by line, column and field */
    assert_int_equal(read_scenario(&plan, "what,legal_status\nmoves,care\n", &err), ERR_INPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 7);
    assert_string_equal(err.field, "legal_status");
    forecast_plan_free(&plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_age_bands_at_birthdays),
        cmocka_unit_test(test_placement_groups_of_every_era),
        cmocka_unit_test(test_distance_bands),
        cmocka_unit_test(test_walk_of_one_history),
        cmocka_unit_test(test_legal_status_groups_and_moves),
        cmocka_unit_test(test_eighteenth_birthday),
        cmocka_unit_test(test_rates_recovered),
        cmocka_unit_test(test_time_in_care_recovered),
        cmocka_unit_test(test_intervals_near_nominal),
        cmocka_unit_test(test_runs_are_deterministic),
        cmocka_unit_test(test_trend_and_scores),
        cmocka_unit_test(test_adjust_by_legal_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
