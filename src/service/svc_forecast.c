/* svc_forecast: see svc_forecast.h and docs/forecast.md.
 *
 * Two kinds of work run on every processor (service/parallel): the passes
 * over the children (rates, the starting population, the counts on a date),
 * split into shares whose tallies add up in share order, and the simulated
 * futures, split into ranges of run numbers; a future depends only on the
 * seed and its number, so the figures never depend on the threads. */
#include "service/svc_forecast.h"

#include "base/mem.h"
#include "domain/forecast_plan.h"
#include "domain/leaver.h"
#include "service/parallel.h"
#include "service/places.h"
#include "store/store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int check_request(const ForecastRequest *req, Err *err)
{
    if (req->from == DATE_NONE) return service_invalid(err, "from", "is needed: the origin date");
    if (req->years < 1 || req->years > FORECAST_MAX_YEARS)
        return service_invalid(err, "years", "must be a whole number from 1 to %d",
                               FORECAST_MAX_YEARS);
    if (req->window < 1 || req->window > FORECAST_MAX_WINDOW)
        return service_invalid(err, "window", "must be a whole number of years from 1 to %d",
                               FORECAST_MAX_WINDOW);
    if (req->runs < 1 || req->runs > FORECAST_MAX_RUNS)
        return service_invalid(err, "runs", "must be a whole number from 1 to %d",
                               FORECAST_MAX_RUNS);
    if (req->backtest_runs < 0 || req->backtest_runs > FORECAST_MAX_RUNS)
        return service_invalid(err, "backtest-runs", "must be a whole number from 0 to %d",
                               FORECAST_MAX_RUNS);
    char own_la[10];
    return req->la ? places_check_la(req->la, own_la, err) : 0;
}

static bool at_or_after_21(Date dob, Date at)
{
    return at >= date_birthday(dob, 21);
}

static bool at_or_after_25(Date dob, Date at)
{
    return at >= date_birthday(dob, 25);
}

static long sysconf_processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n;
}

/* ---- passes over the children ---- */

typedef struct ChildJob {
    const Dataset *view;
    Date at;
    int window;
    bool rates_too, leavers_too;
    ForecastRates *rates;
    ForecastPopulation population;
    ForecastLeaver *leavers;
    long n_leavers, cap_leavers;
} ChildJob;

/* The care leavers on `at`, as domain/leaver classifies them: relevant,
 * former relevant (CA89 s23A, s23C) and qualifying (s24) under 21, and
 * those of 21 to 24 who were former relevant on the eve of the 21st
 * birthday, who may ask for a personal adviser to 25 (s23CZB). */
static void add_leavers(ChildJob *job)
{
    const Dataset *ds = job->view;
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        if (c->dob == DATE_NONE || at_or_after_25(c->dob, job->at)) continue;
        bool over_21 = at_or_after_21(c->dob, job->at);
        Date on = over_21 ? date_birthday(c->dob, 21) - 1 : job->at;
        LeaverCategory cat = leaver_category(ds, c, on, LEAVER_RULES_CURRENT);
        ForecastLeaverKind kind;
        if (cat == LEAVER_RELEVANT || cat == LEAVER_FORMER_RELEVANT)
            kind = FORECAST_LEAVER_ELIGIBLE;
        else if (cat == LEAVER_QUALIFYING && !over_21)
            kind = FORECAST_LEAVER_QUALIFYING;
        else
            continue;
        if (over_21 && cat != LEAVER_FORMER_RELEVANT) continue;
        MEM_GROW(job->leavers, job->n_leavers, job->cap_leavers);
        job->leavers[job->n_leavers++] = (ForecastLeaver){c->dob, (uint8_t)kind};
    }
}

static void child_job(void *arg)
{
    ChildJob *job = arg;
    if (job->rates_too) {
        forecast_rates_init(job->rates, job->at, job->window);
        forecast_rates_add(job->rates, job->view);
    }
    forecast_population_add(&job->population, job->view, job->at);
    if (job->leavers_too) add_leavers(job);
}

/* What the history says at `at`: the rates (when rates is not NULL), the
 * population looked after then, and (when leavers is not NULL) the care
 * leavers. Every output is the caller's to free. */
static void read_history(const Dataset *ds, Date at, int window, int threads, bool time_in_care,
                         ForecastRates *rates, ForecastPopulation *pop, ForecastLeaver **leavers,
                         long *n_leavers)
{
    int n = parallel_share_count(ds, threads);
    Dataset views[PARALLEL_MAX_SHARES];
    ChildJob jobs[PARALLEL_MAX_SHARES];
    parallel_split(ds, n, views);
    for (int s = 0; s < n; s++)
        jobs[s] = (ChildJob){.view = &views[s],
                             .at = at,
                             .window = window,
                             .rates_too = rates != NULL,
                             .leavers_too = leavers != NULL,
                             .rates = rates ? xmalloc(sizeof(ForecastRates)) : NULL};
    parallel_run(n, child_job, jobs, sizeof jobs[0]);
    if (rates) {
        forecast_rates_init(rates, at, window);
        rates->tic_wanted = time_in_care;
    }
    memset(pop, 0, sizeof *pop);
    if (leavers) *leavers = NULL, *n_leavers = 0;
    long cap_leavers = 0;
    for (int s = 0; s < n; s++) {
        if (rates) {
            forecast_rates_merge(rates, jobs[s].rates);
            forecast_rates_free(jobs[s].rates);
            free(jobs[s].rates);
        }
        for (long i = 0; i < jobs[s].population.n; i++) {
            MEM_GROW(pop->children, pop->n, pop->cap);
            pop->children[pop->n++] = jobs[s].population.children[i];
        }
        forecast_population_free(&jobs[s].population);
        for (long i = 0; leavers && i < jobs[s].n_leavers; i++) {
            MEM_GROW(*leavers, *n_leavers, cap_leavers);
            (*leavers)[(*n_leavers)++] = jobs[s].leavers[i];
        }
        free(jobs[s].leavers);
    }
    if (rates) forecast_rates_finish(rates);
}

static void count_population(const ForecastPopulation *pop, long *counts)
{
    memset(counts, 0, FORECAST_SERIES * sizeof *counts);
    for (long i = 0; i < pop->n; i++) forecast_count_state(counts, pop->children[i].state);
}

static void counts_on(const Dataset *ds, Date at, int threads, long *counts)
{
    ForecastPopulation pop;
    read_history(ds, at, 1, threads, false, NULL, &pop, NULL, NULL);
    count_population(&pop, counts);
    forecast_population_free(&pop);
}

/* ---- simulated futures ---- */

typedef struct SimJob {
    const ForecastSimSpec *spec;
    ForecastRun *runs;
    long first, end;
} SimJob;

static void sim_job(void *arg)
{
    SimJob *job = arg;
    for (long i = job->first; i < job->end; i++) forecast_sim_run(job->spec, i, &job->runs[i]);
}

/* runs[0..n-1] of spec; the caller frees the array. */
static ForecastRun *simulate(const ForecastSimSpec *spec, long n, int threads)
{
    ForecastRun *runs = xmalloc((size_t)n * sizeof *runs);
    ForecastSimSpec prepared = *spec;
    ForecastClocks *clocks = forecast_sim_prepare(spec);
    prepared.clocks = clocks;
    spec = &prepared;
    int shares = threads > 0 ? threads : (int)sysconf_processors();
    if (shares > PARALLEL_MAX_SHARES) shares = PARALLEL_MAX_SHARES;
    if (shares > n) shares = (int)n;
    SimJob jobs[PARALLEL_MAX_SHARES];
    for (int s = 0; s < shares; s++)
        jobs[s] = (SimJob){spec, runs, n * s / shares, n * (s + 1) / shares};
    parallel_run(shares, sim_job, jobs, sizeof jobs[0]);
    forecast_sim_release(clocks);
    return runs;
}

/* ---- the history ---- */

/* The history to read, as svc_scorecard does: deriving the postcode fields
 * writes into the places, and a snapshot is shared and never written, so the
 * service works on a copy of its header with places of its own. */
typedef struct History {
    Dataset owned;
    EpisodePlace *places_copy;
    bool borrowed;
} History;

static int load_history(const ServiceData *data, const ForecastRequest *req, History *h,
                        Dataset **ds, Err *err)
{
    unsigned parts = STORE_LOAD_EPISODES | STORE_LOAD_OC3 | STORE_LOAD_PA_REQUESTS |
                     (req->postcodes ? STORE_LOAD_POSTCODES : 0);
    const Dataset *read;
    int rc = service_dataset(data, parts, &h->owned, &read, err);
    if (rc < 0) return rc;
    *ds = &h->owned;
    if (read == &h->owned) return 0;
    h->owned = *read;
    h->borrowed = true;
    if (read->places) {
        size_t size = (size_t)read->n_places * sizeof *read->places;
        h->places_copy = xmalloc(size + 1);
        memcpy(h->places_copy, read->places, size);
        h->owned.places = h->places_copy;
    }
    return 0;
}

static void history_free(History *h)
{
    if (h->borrowed)
        free(h->places_copy);
    else
        dataset_free(&h->owned);
}

/* The collection year (end year) of the latest date the history records. */
static int last_recorded_year(const Dataset *ds)
{
    Date last = DATE_NONE;
    for (int i = 0; i < ds->n_episodes; i++) {
        const Episode *e = &ds->episodes[i];
        if (e->decom != DATE_NONE && e->decom > last) last = e->decom;
        if (e->dec != DATE_NONE && e->dec > last) last = e->dec;
    }
    return last == DATE_NONE ? 0 : date_collection_year(last);
}

/* ---- the back-test ---- */

typedef struct YearCounts {
    int first, n;
    long (*counts)[FORECAST_SERIES]; /* on 31 March of first + i */
} YearCounts;

static const long *year_counts(const YearCounts *yc, int year)
{
    return year >= yc->first && year < yc->first + yc->n ? yc->counts[year - yc->first] : NULL;
}

/* One origin: forecast with only what was known then, and score each series
 * of each horizon whose outcome is known. */
static void backtest_origin(const Dataset *ds, const ForecastRequest *req, int year, int horizons,
                            const YearCounts *yc, ForecastBacktest *bt)
{
    Date origin = date_collection_year_end(year);
    ForecastRates rates;
    ForecastPopulation pop;
    read_history(ds, origin, req->window, req->threads, req->time_in_care, &rates, &pop, NULL,
                 NULL);
    ForecastSimSpec spec = {.rates = &rates,
                            .population = &pop,
                            .adjust = NULL,
                            .years = horizons,
                            .seed = req->seed ^ ((uint64_t)year * 1000003u)};
    ForecastRun *runs = simulate(&spec, bt->runs, req->threads);
    ForecastFan(*f)[FORECAST_SERIES] = xmalloc(FORECAST_MAX_YEARS * sizeof *f);
    ForecastFan(*flows)[FORECAST_FLOWS] = xmalloc(FORECAST_MAX_YEARS * sizeof *flows);
    forecast_sim_fans(runs, bt->runs, horizons, f, flows);
    double past[FORECAST_MAX_WINDOW + 1];
    for (int i = 0; i <= req->window; i++) past[i] = 0;
    for (int h = 1; h <= horizons; h++) {
        const long *actual = year_counts(yc, year + h);
        for (int sr = 0; sr < FORECAST_SERIES && actual; sr++) {
            for (int i = 0; i <= req->window; i++) {
                const long *c = year_counts(yc, year - req->window + i);
                past[i] = c ? (double)c[sr] : 0;
            }
            const ForecastFan *fan = &f[h - 1][sr];
            MEM_GROW(bt->points, bt->n_points, bt->cap_points);
            bt->points[bt->n_points++] =
                (ForecastPoint){.origin_year = year,
                                .horizon = h,
                                .series = sr,
                                .actual = (double)actual[sr],
                                .median = fan->q[3],
                                .lo80 = fan->q[1],
                                .hi80 = fan->q[5],
                                .lo95 = fan->q[0],
                                .hi95 = fan->q[6],
                                .no_change = past[req->window],
                                .trend = forecast_linear_trend(past, req->window + 1, h)};
        }
    }
    free(f);
    free(flows);
    free(runs);
    forecast_rates_free(&rates);
    forecast_population_free(&pop);
}

/* Every 31 March whose window lies in the complete history and whose next
 * year end is known by the forecast's origin. */
static void backtest(const Dataset *ds, const ForecastRequest *req, const ForecastRates *rates,
                     ForecastBacktest *bt)
{
    int first = forecast_first_complete_year(rates);
    int last = last_recorded_year(ds), origin_year = date_collection_year(req->from);
    if (date_collection_year_end(origin_year) != req->from) origin_year--;
    if (last > origin_year) last = origin_year;
    if (first == 0 || last == 0) return;
    int from = first + req->window - 1;
    if (from < last - FORECAST_BACKTEST_MAX_ORIGINS) from = last - FORECAST_BACKTEST_MAX_ORIGINS;
    YearCounts yc = {.first = from - req->window, .n = last - (from - req->window) + 1};
    if (yc.n <= 0) return;
    yc.counts = xcalloc((size_t)yc.n, sizeof *yc.counts);
    for (int i = 0; i < yc.n; i++)
        counts_on(ds, date_collection_year_end(yc.first + i), req->threads, yc.counts[i]);
    bt->runs = req->backtest_runs;
    for (int year = from; year < last; year++) {
        int horizons =
            last - year < FORECAST_BACKTEST_HORIZONS ? last - year : FORECAST_BACKTEST_HORIZONS;
        bt->origin_years[bt->n_origins++] = year;
        backtest_origin(ds, req, year, horizons, &yc, bt);
    }
    for (int h = 1; h <= FORECAST_BACKTEST_HORIZONS; h++) {
        bt->scores[0][h - 1] = forecast_score(bt->points, bt->n_points, h, false);
        bt->scores[1][h - 1] = forecast_score(bt->points, bt->n_points, h, true);
    }
    free(yc.counts);
}

/* ---- the council's templates ---- */

/* A template from its file, or else from its text (named `name` in the
 * problems it has), or nothing when neither is given. */
static int read_template(const char *path, const char *text, const char *name, ForecastPlan *plan,
                         int (*read)(ForecastPlan *, CsvReader *, Err *), Err *err)
{
    if (!path && !text) return 0;
    CsvReader r;
    int rc =
        path ? csv_open_file(&r, path, err) : csv_open_buffer(&r, name, text, strlen(text), err);
    if (rc < 0) return rc;
    rc = read(plan, &r, err);
    csv_close(&r);
    return rc;
}

static int read_plan(const ForecastRequest *req, ForecastPlan *plan, Err *err)
{
    int rc = read_template(req->adjust, req->adjust_text, "adjust", plan, forecast_plan_read_adjust,
                           err);
    if (rc == 0)
        rc = read_template(req->capacity, req->capacity_text, "capacity", plan,
                           forecast_plan_read_capacity, err);
    if (rc == 0)
        rc = read_template(req->costs, req->costs_text, "costs", plan, forecast_plan_read_costs,
                           err);
    return rc;
}

static void provider_mix(const ForecastPopulation *pop, ForecastReport *out)
{
    long n[FORECAST_PLACEMENTS][FORECAST_PROVIDERS] = {{0}}, all[FORECAST_PLACEMENTS] = {0};
    for (long i = 0; i < pop->n; i++) {
        int p = forecast_state_placement(pop->children[i].state);
        n[p][pop->children[i].provider]++;
        all[p]++;
    }
    for (int p = 0; p < FORECAST_PLACEMENTS; p++)
        for (int v = 0; v < FORECAST_PROVIDERS; v++)
            out->provider_mix[p][v] = all[p] ? (double)n[p][v] / (double)all[p]
                                      : v == FORECAST_COMMISSIONED ? 1
                                                                   : 0;
}

/* The cost of one future's year h: its child-days in each placement type at
 * the template's weekly costs, mixed by provider as on the origin, inflated
 * once for each year after the first. placement -1: every type. */
static double run_cost(const ForecastRun *run, int h, int placement, const ForecastPlan *plan,
                       const ForecastReport *out)
{
    double cost = 0;
    for (int p = 0; p < FORECAST_PLACEMENTS; p++) {
        if (placement >= 0 && p != placement) continue;
        for (int v = 0; v < FORECAST_NO_PROVIDER; v++)
            cost += run->days[h][p] / 7 * out->provider_mix[p][v] * plan->weekly_cost[p][v] *
                    pow(1 + plan->inflation[p][v], h);
    }
    return cost;
}

static double run_share_within_20(const ForecastRun *run, int h)
{
    const long *c = run->counts[h];
    long near = c[FORECAST_SERIES_DISTANCE + FORECAST_WITHIN_COUNCIL] +
                c[FORECAST_SERIES_DISTANCE + FORECAST_UP_TO_20_MILES];
    long known = near + c[FORECAST_SERIES_DISTANCE + FORECAST_OVER_20_MILES];
    return known ? 100.0 * (double)near / (double)known : 0;
}

/* The fans the templates and the postcodes add to the forecast's own. */
static void planning_fans(const ForecastRun *runs, long n, const ForecastPlan *plan,
                          ForecastReport *out)
{
    double *v = xmalloc((size_t)n * sizeof *v);
    for (int h = 0; h < out->years; h++) {
        if (out->distance_known) {
            for (long i = 0; i < n; i++) v[i] = run_share_within_20(&runs[i], h);
            out->share_within_20[h] = forecast_fan(v, n);
        }
        for (int p = -1; out->has_costs && p < FORECAST_PLACEMENTS; p++) {
            for (long i = 0; i < n; i++) v[i] = run_cost(&runs[i], h, p, plan, out);
            out->costs[h][p + 1] = forecast_fan(v, n);
        }
        for (int p = 0; out->has_capacity && p < FORECAST_PLACEMENTS; p++)
            for (int d = -1; d < FORECAST_DISTANCES; d++) {
                double places = 0;
                for (int dd = 0; dd < FORECAST_DISTANCES; dd++)
                    if (d < 0 || dd == d) places += out->capacity[p][dd];
                for (long i = 0; i < n; i++)
                    v[i] = (double)(d < 0 ? runs[i].counts[h][FORECAST_SERIES_PLACEMENT + p]
                                          : runs[i].counts[h][forecast_series_cross(p, d)]) -
                           places;
                out->gap[h][p][d + 1] = forecast_fan(v, n);
            }
    }
    free(v);
}

/* ---- the forecast ---- */

static void history_counts(const Dataset *ds, const ForecastRequest *req, ForecastReport *out)
{
    int year = date_collection_year(req->from);
    if (date_collection_year_end(year) != req->from) year--;
    for (int y = year - req->window; y <= year; y++) {
        int i = out->n_history++;
        out->history_years[i] = y;
        counts_on(ds, date_collection_year_end(y), req->threads, out->history[i]);
    }
}

static void forecast(const Dataset *ds, const ForecastRequest *req, const ForecastPlan *plan,
                     ForecastReport *out)
{
    ForecastPopulation pop;
    ForecastLeaver *leavers;
    long n_leavers;
    read_history(ds, req->from, req->window, req->threads, req->time_in_care, &out->rates, &pop,
                 &leavers, &n_leavers);
    count_population(&pop, out->at_origin);
    out->leavers_at_origin = n_leavers;
    ForecastAdjust adjust;
    forecast_plan_adjust(plan, &out->rates, &adjust);
    provider_mix(&pop, out);
    ForecastSimSpec spec = {.rates = &out->rates,
                            .population = &pop,
                            .leavers = leavers,
                            .n_leavers = n_leavers,
                            .adjust = &adjust,
                            .years = req->years,
                            .seed = req->seed};
    ForecastRun *runs = simulate(&spec, req->runs, req->threads);
    forecast_sim_fans(runs, req->runs, req->years, out->fans, out->flow_fans);
    planning_fans(runs, req->runs, plan, out);
    free(runs);
    free(leavers);
    forecast_population_free(&pop);
}

int svc_forecast_run(const AppContext *ctx, const ServiceData *data, const ForecastRequest *req,
                     const Actor *actor, ForecastResult *result, Err *err)
{
    (void)ctx;
    memset(result, 0, sizeof *result);
    ForecastReport *out = &result->report;
    out->origin = req->from;
    out->years = req->years;
    out->window = req->window;
    out->runs = req->runs;
    out->seed = req->seed;
    out->distance_known = req->postcodes != NULL;
    out->la_known = req->postcodes && req->la;
    History h = {0};
    Dataset *ds = NULL;
    ForecastPlan plan = {0};
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = check_request(req, err);
    if (rc == 0) rc = read_plan(req, &plan, err);
    out->has_adjust = plan.n_adjust > 0;
    out->has_capacity = plan.has_capacity;
    out->has_costs = plan.has_costs;
    for (int p = 0; p < FORECAST_PLACEMENTS; p++)
        for (int d = 0; d < FORECAST_DISTANCES; d++)
            for (int v = 0; v < FORECAST_PROVIDERS; v++)
                out->capacity[p][d] += plan.capacity[p][d][v];
    if (rc == 0) rc = load_history(data, req, &h, &ds, err);
    if (rc == 0)
        rc = places_derive(ds, req->postcodes, req->la, date_from_ymd(1980, 4, 1), req->from, err);
    if (rc == 0) forecast(ds, req, &plan, out);
    if (rc == 0) history_counts(ds, req, out);
    if (rc == 0 && req->backtest_runs > 0) backtest(ds, req, &out->rates, &out->backtest);
    history_free(&h);
    forecast_plan_free(&plan);
    return rc;
}

void svc_forecast_free(ForecastResult *result)
{
    ForecastReport *r = &result->report;
    forecast_rates_free(&r->rates);
    free(r->backtest.points);
    memset(result, 0, sizeof *result);
}
