/* forecast_plan: see forecast_plan.h. This module must not open files. */
#include "domain/forecast_plan.h"

#include "base/mem.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { PLAN_MAX_COLUMNS = 8 };

/* A template's header: where each of its columns is (-1: absent). */
typedef struct Header {
    const char *const *names;
    int n;
    int at[PLAN_MAX_COLUMNS];
} Header;

static int bad(const CsvReader *r, const CsvField *f, const char *field, Err *err, const char *what,
               const char *text)
{
    return err_at(err, ERR_INPUT, r->path, f ? f->line : r->record_line, f ? f->column : 1, field,
                  "%s, not '%s'", what, text);
}

static int read_header(CsvReader *r, Header *h, int required, Err *err)
{
    int rc = csv_next(r, err);
    if (rc < 0) return rc;
    if (rc == 0) return err_at(err, ERR_INPUT, r->path, 1, 1, NULL, "is empty: it needs a header");
    for (int i = 0; i < h->n; i++) h->at[i] = -1;
    for (int k = 0; k < r->n_fields; k++) {
        const CsvField *f = &r->fields[k];
        int i = 0;
        while (i < h->n && strcmp(f->text, h->names[i]) != 0) i++;
        if (i == h->n) return bad(r, f, NULL, err, "an unknown column", f->text);
        h->at[i] = k;
    }
    for (int i = 0; i < required; i++)
        if (h->at[i] < 0)
            return err_at(err, ERR_INPUT, r->path, r->record_line, 1, h->names[i],
                          "the header has no column %s", h->names[i]);
    return 0;
}

static const CsvField *field(const CsvReader *r, const Header *h, int i)
{
    return h->at[i] >= 0 && h->at[i] < r->n_fields ? &r->fields[h->at[i]] : NULL;
}

static const char *text(const CsvReader *r, const Header *h, int i)
{
    const CsvField *f = field(r, h, i);
    return f ? f->text : "";
}

/* A name of names[0..n-1], or "all"/"" for -1 when allowed. */
static int read_choice(const CsvReader *r, const Header *h, int i, const char *(*name)(int), int n,
                       bool all_allowed, int *out, Err *err)
{
    const char *t = text(r, h, i);
    if (all_allowed && (!*t || strcmp(t, "all") == 0)) {
        *out = -1;
        return 0;
    }
    for (int k = 0; k < n; k++)
        if (strcmp(t, name(k)) == 0) {
            *out = k;
            return 0;
        }
    char want[256] = "";
    for (int k = 0; k < n; k++) {
        strncat(want, k ? ", " : "one of ", sizeof want - strlen(want) - 1);
        strncat(want, name(k), sizeof want - strlen(want) - 1);
    }
    if (all_allowed) strncat(want, " or all", sizeof want - strlen(want) - 1);
    return bad(r, field(r, h, i), h->names[i], err, want, t);
}

static int read_number(const CsvReader *r, const Header *h, int i, double fallback, double min,
                       double *out, Err *err)
{
    const char *t = text(r, h, i);
    if (!*t) {
        *out = fallback;
        return 0;
    }
    char *end;
    errno = 0;
    double v = strtod(t, &end);
    if (errno || end == t || *end || !isfinite(v) || v < min) {
        char want[64];
        snprintf(want, sizeof want, "a number from %g", min);
        return bad(r, field(r, h, i), h->names[i], err, want, t);
    }
    *out = v;
    return 0;
}

static const char *what_name(int w)
{
    static const char *const names[] = {"entrants", "leaving", "moves"};
    return names[w];
}

/* The columns of each template; the required ones first. */
static const char *const adjust_columns[] = {"what",     "age", "placement",   "distance",
                                             "multiply", "add", "legal_status"};
static const char *const capacity_columns[] = {"placement", "distance", "provider", "places"};
static const char *const cost_columns[] = {"placement", "provider", "weekly_cost",
                                           "inflation_percent"};

static int adjust_row(ForecastPlan *p, const CsvReader *r, const Header *h, Err *err)
{
    ForecastAdjustRow row = {0};
    int what = 0;
    int rc = read_choice(r, h, 0, what_name, 3, false, &what, err);
    if (rc == 0)
        rc = read_choice(r, h, 1, forecast_age_name, FORECAST_AGE_BANDS, true, &row.age, err);
    if (rc == 0)
        rc = read_choice(r, h, 2, forecast_placement_name, FORECAST_PLACEMENTS, true,
                         &row.placement, err);
    if (rc == 0)
        rc = read_choice(r, h, 3, forecast_distance_name, FORECAST_DISTANCES, true, &row.distance,
                         err);
    if (rc == 0)
        rc =
            read_choice(r, h, 6, forecast_legal_name, FORECAST_LEGAL_GROUPS, true, &row.legal, err);
    if (rc == 0) rc = read_number(r, h, 4, 1, 0, &row.multiply, err);
    if (rc == 0) rc = read_number(r, h, 5, 0, -1e9, &row.add, err);
    if (rc < 0) return rc;
    row.what = (ForecastAdjustWhat)what;
    if (row.add != 0 && row.what != FORECAST_ADJUST_ENTRANTS)
        return bad(r, field(r, h, 5), "add", err, "an addition of entrants (what = entrants)",
                   text(r, h, 5));
    MEM_GROW(p->adjust, p->n_adjust, p->cap_adjust);
    p->adjust[p->n_adjust++] = row;
    return 0;
}

static int capacity_row(ForecastPlan *p, const CsvReader *r, const Header *h, Err *err)
{
    int placement = 0, distance = 0, provider = 0;
    double places = 0;
    int rc =
        read_choice(r, h, 0, forecast_placement_name, FORECAST_PLACEMENTS, false, &placement, err);
    if (rc == 0)
        rc =
            read_choice(r, h, 1, forecast_distance_name, FORECAST_DISTANCES, false, &distance, err);
    if (rc == 0)
        rc = read_choice(r, h, 2, forecast_provider_name, FORECAST_NO_PROVIDER, false, &provider,
                         err);
    if (rc == 0) rc = read_number(r, h, 3, -1, 0, &places, err);
    if (rc == 0 && places < 0) rc = bad(r, field(r, h, 3), "places", err, "a number of places", "");
    if (rc < 0) return rc;
    p->capacity[placement][distance][provider] += places;
    p->has_capacity = true;
    return 0;
}

static int cost_row(ForecastPlan *p, const CsvReader *r, const Header *h, Err *err)
{
    int placement = 0, provider = 0;
    double weekly = 0, inflation = 0;
    int rc =
        read_choice(r, h, 0, forecast_placement_name, FORECAST_PLACEMENTS, false, &placement, err);
    if (rc == 0)
        rc = read_choice(r, h, 1, forecast_provider_name, FORECAST_NO_PROVIDER, false, &provider,
                         err);
    if (rc == 0) rc = read_number(r, h, 2, -1, 0, &weekly, err);
    if (rc == 0 && weekly < 0)
        rc = bad(r, field(r, h, 2), "weekly_cost", err, "a weekly cost in pounds", "");
    if (rc == 0) rc = read_number(r, h, 3, 0, -50, &inflation, err);
    if (rc < 0) return rc;
    p->weekly_cost[placement][provider] = weekly;
    p->inflation[placement][provider] = inflation / 100;
    p->has_costs = true;
    return 0;
}

static int read_rows(ForecastPlan *p, CsvReader *r, Header *h, int required,
                     int (*row)(ForecastPlan *, const CsvReader *, const Header *, Err *), Err *err)
{
    int rc = read_header(r, h, required, err);
    while (rc == 0 && (rc = csv_next(r, err)) == 1) rc = row(p, r, h, err);
    return rc < 0 ? rc : 0;
}

int forecast_plan_read_adjust(ForecastPlan *p, CsvReader *r, Err *err)
{
    Header h = {adjust_columns, 7, {0}};
    return read_rows(p, r, &h, 1, adjust_row, err);
}

int forecast_plan_read_capacity(ForecastPlan *p, CsvReader *r, Err *err)
{
    Header h = {capacity_columns, 4, {0}};
    return read_rows(p, r, &h, 4, capacity_row, err);
}

int forecast_plan_read_costs(ForecastPlan *p, CsvReader *r, Err *err)
{
    Header h = {cost_columns, 4, {0}};
    return read_rows(p, r, &h, 3, cost_row, err);
}

static bool matches(const ForecastAdjustRow *row, int s)
{
    return (row->age < 0 || row->age == forecast_state_age(s)) &&
           (row->placement < 0 || row->placement == forecast_state_placement(s)) &&
           (row->distance < 0 || row->distance == forecast_state_distance(s)) &&
           (row->legal < 0 || row->legal == forecast_state_legal(s));
}

static void add_entrants(const ForecastAdjustRow *row, const ForecastRates *rates,
                         ForecastAdjust *out)
{
    long observed = 0;
    int n = 0;
    for (int s = 0; s < FORECAST_STATES; s++)
        if (matches(row, s)) observed += rates->entries[s], n++;
    for (int s = 0; s < FORECAST_STATES; s++) {
        if (!matches(row, s)) continue;
        double share = observed > 0 ? (double)rates->entries[s] / (double)observed : 1.0 / n;
        out->entry_add[s] += row->add * share;
    }
}

void forecast_plan_adjust(const ForecastPlan *p, const ForecastRates *rates, ForecastAdjust *out)
{
    forecast_adjust_none(out);
    for (int i = 0; i < p->n_adjust; i++) {
        const ForecastAdjustRow *row = &p->adjust[i];
        for (int s = 0; s < FORECAST_STATES; s++) {
            if (!matches(row, s)) continue;
            double *m = row->what == FORECAST_ADJUST_ENTRANTS  ? out->entry_mult
                        : row->what == FORECAST_ADJUST_LEAVING ? out->exit_mult
                                                               : out->move_mult;
            m[s] *= row->multiply;
        }
        if (row->add != 0) add_entrants(row, rates, out);
    }
}

void forecast_plan_free(ForecastPlan *p)
{
    free(p->adjust);
    memset(p, 0, sizeof *p);
}
