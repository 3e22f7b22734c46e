/* forecast: see forecast.h and docs/forecast.md.
 *
 * The estimate walks each child's full-time care as pieces of constant state:
 * each full-time episode, clipped at the origin and at the 18th birthday, cut
 * at the birthdays that change the age band. A piece that follows another
 * with no gap is a move when its placement type or distance differs; one
 * with a gap before it is an entry, and the piece before the gap ended in an
 * exit (certain at 18, a rate before). Rates are occurrence/exposure:
 * transitions divided by the child-days at risk, the maximum-likelihood
 * estimate of a constant hazard (Chiang, "The Life Table and its
 * Applications", 1984, ch. 10; the same estimator as the Poisson model of
 * counts with an exposure offset). This module must not do I/O. */
#include "domain/forecast.h"

#include "base/mem.h"
#include "domain/care.h"
#include "domain/codes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int band_end_age[FORECAST_AGE_BANDS] = {1, 5, 10, 16, 18};
/* Later than any date a history holds (an open episode's end). */
static const Date forever = 1 << 29;

int forecast_age_band(Date dob, Date d)
{
    if (dob == DATE_NONE || d < dob) return -1;
    for (int b = 0; b < FORECAST_AGE_BANDS; b++)
        if (d < date_birthday(dob, band_end_age[b])) return b;
    return -1;
}

Date forecast_band_end(Date dob, int band)
{
    return date_birthday(dob, band_end_age[band]);
}

int forecast_band_end_age(int band)
{
    return band_end_age[band];
}

ForecastPlacement forecast_placement_of(const char *place)
{
    /* The four groups of the regional demand models (issue 15), by 903 PLACE
     * codes of today's list; codes_current maps the older codes into it. */
    const char *p = codes_current("PLACE", place);
    if (p[0] == 'U' && p[1] >= '1' && p[1] <= '6' && !p[2]) return FORECAST_FOSTERING;
    if (code_is(p, "K2") || code_is(p, "R1") || code_is(p, "P3") || code_is(p, "S1"))
        return FORECAST_RESIDENTIAL;
    if (code_is(p, "K3") || code_is(p, "H5") || code_is(p, "P2")) return FORECAST_SUPPORTED;
    return FORECAST_OTHER_PLACEMENT;
}

ForecastDistance forecast_distance_of(const EpisodePlace *pl)
{
    if (!pl) return FORECAST_DISTANCE_UNKNOWN;
    if (pl->location == 'I') return FORECAST_WITHIN_COUNCIL;
    if (pl->distance < 0) return FORECAST_DISTANCE_UNKNOWN;
    return pl->distance <= 200 ? FORECAST_UP_TO_20_MILES : FORECAST_OVER_20_MILES;
}

ForecastLegal forecast_legal_of(const char *ls)
{
    /* The DfE's groups (forecast.h); the freeing order D1 (Adoption Act 1976
     * s18) goes with its successor, the placement order E1 (ACA 2002 s21). */
    if (code_is(ls, "C1") || code_is(ls, "C2")) return FORECAST_CARE_ORDER;
    if (code_is(ls, "E1") || code_is(ls, "D1")) return FORECAST_PLACEMENT_ORDER;
    if (code_is(ls, "V2")) return FORECAST_SECTION_20;
    return FORECAST_OTHER_LEGAL;
}

ForecastProvider forecast_provider_of(const char *pp)
{
    if (code_is(pp, "PR1")) return FORECAST_IN_HOUSE;
    if (pp[0] == 'P' && pp[1] == 'R' && pp[2] >= '2' && pp[2] <= '5' && !pp[3])
        return FORECAST_COMMISSIONED;
    return FORECAST_NO_PROVIDER;
}

static const char *const provider_names[FORECAST_PROVIDERS] = {"in_house", "commissioned", "none"};
const char *forecast_provider_name(int provider)
{
    return provider_names[provider];
}

static const char *const age_names[FORECAST_AGE_BANDS] = {"under_1", "1_to_4", "5_to_9", "10_to_15",
                                                          "16_to_17"};
static const char *const placement_names[FORECAST_PLACEMENTS] = {"fostering", "residential",
                                                                 "supported", "other"};
static const char *const distance_names[FORECAST_DISTANCES] = {"within_council", "up_to_20_miles",
                                                               "over_20_miles", "unknown"};
static const char *const legal_names[FORECAST_LEGAL_GROUPS] = {"care_order", "placement_order",
                                                               "section_20", "other"};

const char *forecast_age_name(int band)
{
    return age_names[band];
}
const char *forecast_placement_name(int placement)
{
    return placement_names[placement];
}
const char *forecast_distance_name(int distance)
{
    return distance_names[distance];
}
const char *forecast_legal_name(int legal)
{
    return legal_names[legal];
}

void forecast_rates_init(ForecastRates *r, Date origin, int window_years)
{
    memset(r, 0, sizeof *r);
    r->origin = origin;
    r->window_start = date_add_months(origin, -12 * window_years);
}

long forecast_window_days(const ForecastRates *r)
{
    return (long)(r->origin - r->window_start);
}

static int year_slot(Date d)
{
    int slot = date_collection_year(d) - FORECAST_FIRST_YEAR;
    return slot < 0 ? 0 : slot >= FORECAST_YEAR_SLOTS ? FORECAST_YEAR_SLOTS - 1 : slot;
}

/* A transition on day t (the new state holds from t) is in the window when
 * the day before it was: window_start <= t - 1 < origin. */
static bool in_window(const ForecastRates *r, Date t)
{
    return t > r->window_start && t <= r->origin;
}

static Date min_date(Date a, Date b)
{
    return a < b ? a : b;
}
static Date max_date(Date a, Date b)
{
    return a > b ? a : b;
}

static void tally_exposure(ForecastRates *r, int s, Date a, Date b)
{
    Date lo = max_date(a, r->window_start), hi = min_date(b, r->origin);
    if (hi > lo) r->exposure[s] += hi - lo;
    Date end = min_date(b, r->origin);
    for (Date t = a; t < end;) {
        Date year_end = date_collection_year_end(date_collection_year(t)) + 1;
        Date e = min_date(year_end, end);
        r->year_exposure[year_slot(t)] += e - t;
        for (int dim = 0; dim < FORECAST_GROUP_DIMS; dim++)
            r->group_year_exposure[forecast_state_group(s, dim)][year_slot(t)] += e - t;
        t = e;
    }
}

/* The child-days of [a, b) in the window, by time since the period of care
 * began on `start`. */
static void tally_tic(ForecastRates *r, int s, Date a, Date b, Date start)
{
    Date lo = max_date(a, r->window_start), hi = min_date(b, r->origin);
    static const int ends[FORECAST_TIC_BANDS] = {FORECAST_TIC_1_YEAR, FORECAST_TIC_3_YEARS,
                                                 1 << 29};
    for (int k = 0; k < FORECAST_TIC_BANDS && lo < hi; k++) {
        Date end = min_date(hi, start + ends[k]);
        if (end > lo) {
            r->tic_exposure[s][k] += end - lo;
            lo = end;
        }
    }
}

static void add_entrant(ForecastRates *r, ForecastEntrant e)
{
    MEM_GROW(r->entrants, r->n_entrants, r->cap_entrants);
    r->entrants[r->n_entrants++] = e;
}

/* One child's walk: the piece before the one being added, the period of
 * care it belongs to and the days in care from the 14th birthday so far. */
typedef struct Walk {
    ForecastRates *r;
    Date dob, fourteen, eighteen;
    bool have_prev;
    int prev_state;
    Date prev_end, period_start;
    long since_14;
} Walk;

static void tally_groups(ForecastRates *r, ForecastDriftKind kind, int s, int other, int slot);

static void close_prev(Walk *w)
{
    ForecastRates *r = w->r;
    Date t = w->prev_end;
    if (t > r->origin) return; /* still looked after at the origin: censored */
    if (t == w->eighteen) {
        if (in_window(r, t)) r->exits_at_18++;
        return;
    }
    if (in_window(r, t)) {
        r->transitions[w->prev_state][FORECAST_OUT]++;
        r->tic_exits[w->prev_state][forecast_tic_band((double)(t - 1 - w->period_start))]++;
    }
    r->year_exits[year_slot(t - 1)]++;
    tally_groups(r, FORECAST_DRIFT_EXITS, w->prev_state, -1, year_slot(t - 1));
}

/* Counts an event of state s in the year tallies of each of its groups
 * (with `other` >= 0, only the groups `other` is not in: a move out). */
static void tally_groups(ForecastRates *r, ForecastDriftKind kind, int s, int other, int slot)
{
    for (int dim = 0; dim < FORECAST_GROUP_DIMS; dim++) {
        int g = forecast_state_group(s, dim);
        if (other < 0 || g != forecast_state_group(other, dim)) r->group_year[kind][g][slot]++;
    }
}

static void emit(Walk *w, int s, Date a, Date b)
{
    ForecastRates *r = w->r;
    if (w->have_prev && w->prev_end == a) {
        int from = w->prev_state;
        /* a change of placement type, distance or legal status group; the
         * destination keeps the age band it left: birthdays are not rates */
        if (forecast_band_index(s) != forecast_band_index(from)) {
            if (in_window(r, a)) r->transitions[from][forecast_band_index(s)]++;
            tally_groups(r, FORECAST_DRIFT_MOVES, from, s, year_slot(a - 1));
        }
    } else {
        if (w->have_prev) close_prev(w);
        w->period_start = a;
        if (in_window(r, a)) {
            r->entries[s]++;
            add_entrant(r, (ForecastEntrant){(uint16_t)s, a - w->dob, (int32_t)w->since_14});
        }
        r->year_entries[year_slot(a)]++;
        tally_groups(r, FORECAST_DRIFT_ENTRIES, s, -1, year_slot(a));
    }
    tally_exposure(r, s, a, b);
    tally_tic(r, s, a, b, w->period_start);
    if (b > w->fourteen) w->since_14 += b - max_date(a, w->fourteen);
    w->have_prev = true;
    w->prev_state = s;
    w->prev_end = b;
}

/* `index`: the episode's state within an age band (forecast_band_index). */
static void walk_episode(Walk *w, const Episode *e, int index, Date cut)
{
    Date a = max_date(e->decom, w->dob);
    Date b = e->dec == DATE_NONE ? cut : min_date(e->dec, cut);
    b = min_date(b, w->eighteen);
    if (w->have_prev && a < w->prev_end) a = w->prev_end; /* overlapping episodes */
    while (a < b) {
        int band = forecast_age_band(w->dob, a);
        if (band < 0) return;
        Date seg = min_date(b, forecast_band_end(w->dob, band));
        emit(w, forecast_state_in_band(band, index), a, seg);
        a = seg;
    }
}

static void walk_child(ForecastRates *r, const Dataset *ds, const Child *c)
{
    if (c->dob == DATE_NONE) return;
    Walk w = {.r = r,
              .dob = c->dob,
              .fourteen = date_birthday(c->dob, 14),
              .eighteen = date_birthday(c->dob, 18)};
    Date cut = r->origin + 1;
    const Episode *eps = child_episodes(ds, c);
    for (int i = 0; i < c->n_episodes; i++) {
        const Episode *e = &eps[i];
        if (e->decom == DATE_NONE || care_is_short_break_ls(e->ls)) continue;
        if (e->decom > r->origin) break; /* not yet known at the origin */
        int index = forecast_band_index(
            forecast_state(0, forecast_placement_of(e->place),
                           forecast_distance_of(dataset_episode_place(ds, e - ds->episodes)),
                           forecast_legal_of(e->ls)));
        walk_episode(&w, e, index, cut);
    }
    if (w.have_prev) close_prev(&w);
}

void forecast_rates_add(ForecastRates *r, const Dataset *ds)
{
    for (int i = 0; i < ds->n_children; i++) walk_child(r, ds, &ds->children[i]);
}

void forecast_rates_merge(ForecastRates *dst, const ForecastRates *src)
{
    for (int s = 0; s < FORECAST_STATES; s++) {
        dst->exposure[s] += src->exposure[s];
        dst->entries[s] += src->entries[s];
        for (int t = 0; t < FORECAST_DESTS; t++) dst->transitions[s][t] += src->transitions[s][t];
        for (int k = 0; k < FORECAST_TIC_BANDS; k++) {
            dst->tic_exposure[s][k] += src->tic_exposure[s][k];
            dst->tic_exits[s][k] += src->tic_exits[s][k];
        }
    }
    dst->exits_at_18 += src->exits_at_18;
    for (int y = 0; y < FORECAST_YEAR_SLOTS; y++) {
        dst->year_entries[y] += src->year_entries[y];
        dst->year_exits[y] += src->year_exits[y];
        dst->year_exposure[y] += src->year_exposure[y];
        for (int g = 0; g < FORECAST_GROUPS; g++) {
            dst->group_year_exposure[g][y] += src->group_year_exposure[g][y];
            for (int k = 0; k < FORECAST_DRIFT_KINDS; k++)
                dst->group_year[k][g][y] += src->group_year[k][g][y];
        }
    }
    for (long i = 0; i < src->n_entrants; i++) add_entrant(dst, src->entrants[i]);
}

static int cmp_entrant(const void *a, const void *b)
{
    const ForecastEntrant *x = a, *y = b;
    if (x->state != y->state) return x->state < y->state ? -1 : 1;
    return (x->age_days > y->age_days) - (x->age_days < y->age_days);
}

/* The last slot of a year wholly before the origin. */
static int last_full_slot(const ForecastRates *r)
{
    bool year_end = date_collection_year_end(date_collection_year(r->origin)) == r->origin;
    return year_slot(r->origin) - (year_end ? 0 : 1);
}

static int first_full_slot(const ForecastRates *r)
{
    int last = last_full_slot(r);
    long most = 0;
    for (int y = 0; y <= last; y++)
        if (r->year_exits[y] > most) most = r->year_exits[y];
    int first = 0;
    while (first <= last && r->year_exits[first] * 4 < most) first++;
    return first;
}

int forecast_first_complete_year(const ForecastRates *r)
{
    int first = first_full_slot(r);
    return first <= last_full_slot(r) ? FORECAST_FIRST_YEAR + first : 0;
}

/* The variance of the yearly changes of a log rate, less the share chance
 * explains: a method-of-moments estimate of the random walk's step squared
 * (docs/forecast.md), which may come out below 0. rate(y) = count[y] /
 * exposure[y] (exposure NULL: the count itself), over the complete years
 * before the origin. *pairs: the pairs of years it comes from. */
static double drift_var(const ForecastRates *r, const long *count, const double *exposure,
                        int *pairs_out)
{
    int last = last_full_slot(r), first = first_full_slot(r);
    double sum = 0, noise = 0;
    int pairs = 0;
    for (int y = first + 1; y <= last; y++) {
        if (count[y] <= 0 || count[y - 1] <= 0) continue;
        double now = (double)count[y], before = (double)count[y - 1];
        double v = log(now / before);
        if (exposure) v -= log(exposure[y] / exposure[y - 1]);
        sum += v * v;
        noise += 1 / now + 1 / before;
        pairs++;
    }
    *pairs_out = pairs;
    return pairs > 0 ? (sum - noise) / pairs : 0;
}

/* The drift's standard deviation: 0 with fewer than two pairs of years or
 * no variation beyond chance. */
static double drift_sd(const ForecastRates *r, const long *count, const double *exposure)
{
    int pairs;
    double var = drift_var(r, count, exposure, &pairs);
    return pairs >= 2 && var > 0 ? sqrt(var) : 0;
}

/* Each group's drift beyond that of all children: a group's yearly change
 * is the common change plus its own, independent of it, so its own variance
 * is what is left of the group's after the common's. Moves have no common
 * drift. */
static void group_drift(ForecastRates *r)
{
    for (int k = 0; k < FORECAST_DRIFT_KINDS; k++)
        for (int g = 0; g < FORECAST_GROUPS; g++) {
            int pairs;
            double var =
                drift_var(r, r->group_year[k][g],
                          k == FORECAST_DRIFT_ENTRIES ? NULL : r->group_year_exposure[g], &pairs);
            double common = k == FORECAST_DRIFT_ENTRIES ? r->entry_drift_sd
                            : k == FORECAST_DRIFT_EXITS ? r->exit_drift_sd
                                                        : 0;
            var -= common * common;
            r->group_drift_sd[k][g] = pairs >= 2 && var > 0 ? sqrt(var) : 0;
        }
}

/* Whether every time-in-care band has enough exits and child-days for a
 * factor of its own. */
static bool tic_supported(const ForecastRates *r, long *exits, double *days)
{
    bool enough = true;
    for (int k = 0; k < FORECAST_TIC_BANDS; k++) {
        exits[k] = 0;
        days[k] = 0;
        for (int s = 0; s < FORECAST_STATES; s++) {
            exits[k] += r->tic_exits[s][k];
            days[k] += r->tic_exposure[s][k];
        }
        enough =
            enough && exits[k] >= FORECAST_TIC_MIN_EXITS && days[k] >= FORECAST_TIC_MIN_CHILD_DAYS;
    }
    return enough;
}

/* The multiplicative model exit(s, k) = base(s) x factor(k), fitted to the
 * exits and child-days of each state and time-in-care band by iterative
 * proportional fitting: each step sets the base rates to match each state's
 * exits, then the factors to match each band's, which converges to the
 * maximum-likelihood estimate of the Poisson log-linear model (Breslow and
 * Day, "Statistical Methods in Cancer Research" vol. II, 1987, ch. 4). The
 * factors are scaled to an exposure-weighted mean of 1. */
static void fit_tic(ForecastRates *r, const double *band_days)
{
    double base[FORECAST_STATES] = {0};
    for (int k = 0; k < FORECAST_TIC_BANDS; k++) r->tic_factor[k] = 1;
    for (int iter = 0; iter < 100; iter++) {
        for (int s = 0; s < FORECAST_STATES; s++) {
            double days = 0;
            for (int k = 0; k < FORECAST_TIC_BANDS; k++)
                days += r->tic_exposure[s][k] * r->tic_factor[k];
            r->tic_child_days[s] = days;
            base[s] = days > 0 ? (double)r->transitions[s][FORECAST_OUT] / days : 0;
        }
        double change = 0;
        for (int k = 0; k < FORECAST_TIC_BANDS; k++) {
            double expected = 0;
            for (int s = 0; s < FORECAST_STATES; s++) expected += r->tic_exposure[s][k] * base[s];
            r->tic_expected[k] = expected;
            double f = expected > 0 ? (double)r->tic_band_exits[k] / expected : 1;
            change = fmax(change, fabs(f - r->tic_factor[k]));
            r->tic_factor[k] = f;
        }
        if (change < 1e-10) break;
    }
    double all = 0, weighted = 0;
    for (int k = 0; k < FORECAST_TIC_BANDS; k++) {
        all += band_days[k];
        weighted += band_days[k] * r->tic_factor[k];
    }
    double scale = weighted > 0 ? all / weighted : 1;
    for (int k = 0; k < FORECAST_TIC_BANDS; k++) r->tic_factor[k] *= scale;
    /* factor x c and base / c: the same rates */
    for (int s = 0; s < FORECAST_STATES; s++) r->tic_child_days[s] *= scale;
    for (int k = 0; k < FORECAST_TIC_BANDS; k++) r->tic_expected[k] /= scale;
}

static void finish_tic(ForecastRates *r)
{
    double band_days[FORECAST_TIC_BANDS];
    r->tic_used = tic_supported(r, r->tic_band_exits, band_days) && r->tic_wanted;
    if (r->tic_used) {
        fit_tic(r, band_days);
        return;
    }
    for (int k = 0; k < FORECAST_TIC_BANDS; k++) r->tic_factor[k] = 1;
    for (int s = 0; s < FORECAST_STATES; s++) r->tic_child_days[s] = r->exposure[s];
}

static const char *const tic_names[FORECAST_TIC_BANDS] = {"under_1_year", "1_to_3_years",
                                                          "3_years_plus"};
const char *forecast_tic_name(int band)
{
    return tic_names[band];
}

void forecast_rates_finish(ForecastRates *r)
{
    finish_tic(r);
    if (r->n_entrants > 1)
        qsort(r->entrants, (size_t)r->n_entrants, sizeof *r->entrants, cmp_entrant);
    long i = 0;
    for (int s = 0; s <= FORECAST_STATES; s++) {
        while (i < r->n_entrants && r->entrants[i].state < s) i++;
        r->first_entrant[s] = i;
    }
    r->entry_drift_sd = drift_sd(r, r->year_entries, NULL);
    r->exit_drift_sd = drift_sd(r, r->year_exits, r->year_exposure);
    group_drift(r);
}

void forecast_rates_free(ForecastRates *r)
{
    free(r->entrants);
    r->entrants = NULL;
    r->n_entrants = r->cap_entrants = 0;
}

/* The first day of the period of full-time care a child looked after on
 * `at` is in: full-time episodes with no gap between them (short breaks
 * apart, as the walk of the rates reads them). */
static Date period_start_on(const Dataset *ds, const Child *c, Date at)
{
    const Episode *eps = child_episodes(ds, c);
    Date start = DATE_NONE, end = DATE_NONE;
    for (int i = 0; i < c->n_episodes; i++) {
        const Episode *e = &eps[i];
        if (e->decom == DATE_NONE || care_is_short_break_ls(e->ls)) continue;
        if (e->decom > at) break;
        Date dec = e->dec == DATE_NONE ? forever : e->dec;
        if (start == DATE_NONE || e->decom > end) {
            start = e->decom;
            end = dec;
        } else {
            end = max_date(end, dec);
        }
    }
    return start == DATE_NONE ? at : max_date(start, c->dob);
}

void forecast_population_add(ForecastPopulation *p, const Dataset *ds, Date at)
{
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        int band = forecast_age_band(c->dob, at);
        if (band < 0) continue;
        const Episode *e = care_full_time_episode_on(ds, c, at);
        if (!e) continue;
        int s = forecast_state(band, forecast_placement_of(e->place),
                               forecast_distance_of(dataset_episode_place(ds, e - ds->episodes)),
                               forecast_legal_of(e->ls));
        Date fourteen = date_birthday(c->dob, 14);
        long since_14 = at >= fourteen ? care_days_full_time(ds, c, fourteen, at + 1) : 0;
        MEM_GROW(p->children, p->n, p->cap);
        p->children[p->n++] =
            (ForecastChild){c->dob, (uint16_t)s, (uint8_t)forecast_provider_of(e->place_provider),
                            (int32_t)since_14, (int32_t)(at - period_start_on(ds, c, at))};
    }
}

void forecast_population_free(ForecastPopulation *p)
{
    free(p->children);
    memset(p, 0, sizeof *p);
}

void forecast_count_state(long *counts, int s)
{
    counts[FORECAST_SERIES_TOTAL]++;
    counts[FORECAST_SERIES_AGE + forecast_state_age(s)]++;
    counts[FORECAST_SERIES_PLACEMENT + forecast_state_placement(s)]++;
    counts[FORECAST_SERIES_DISTANCE + forecast_state_distance(s)]++;
    counts[FORECAST_SERIES_LEGAL + forecast_state_legal(s)]++;
    counts[forecast_series_cross(forecast_state_placement(s), forecast_state_distance(s))]++;
}

const char *forecast_series_name(int i, char *buf, size_t size)
{
    if (i == FORECAST_SERIES_TOTAL)
        snprintf(buf, size, "total");
    else if (i < FORECAST_SERIES_PLACEMENT)
        snprintf(buf, size, "age:%s", age_names[i - FORECAST_SERIES_AGE]);
    else if (i < FORECAST_SERIES_DISTANCE)
        snprintf(buf, size, "placement:%s", placement_names[i - FORECAST_SERIES_PLACEMENT]);
    else if (i < FORECAST_SERIES_LEGAL)
        snprintf(buf, size, "distance:%s", distance_names[i - FORECAST_SERIES_DISTANCE]);
    else if (i < FORECAST_SERIES_CROSS)
        snprintf(buf, size, "legal_status:%s", legal_names[i - FORECAST_SERIES_LEGAL]);
    else
        snprintf(buf, size, "placement_distance:%s/%s",
                 placement_names[(i - FORECAST_SERIES_CROSS) / FORECAST_DISTANCES],
                 distance_names[(i - FORECAST_SERIES_CROSS) % FORECAST_DISTANCES]);
    return buf;
}
