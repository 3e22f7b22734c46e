/* forecast_write: see forecast_write.h. */
#include "render/forecast_write.h"

#include "base/csv.h"
#include "render/json.h"

#include <string.h>

static Date anniversary(const ForecastReport *r, int h)
{
    return date_add_months(r->origin, 12 * h);
}

static const char *distance_note(const ForecastReport *r)
{
    if (!r->distance_known) return "not known: no postcode directory was given";
    if (!r->la_known)
        return "from the postcode directory; \"within the council\" needs its own code";
    return "from the postcode directory and the council's own code";
}

/* ---- text ---- */

static void text_counts(FILE *out, const ForecastReport *r, ForecastBy by)
{
    char date[DATE_FMT_LEN], name[48];
    fprintf(out,
            "\nChildren looked after full time on each date: the history, then the median "
            "of the futures [80%% interval]\n%-28s",
            "");
    for (int i = 0; i < r->n_history; i++)
        fprintf(out, " %10s", date_format_dmy(date_collection_year_end(r->history_years[i]), date));
    for (int h = 1; h <= r->years; h++)
        fprintf(out, " %22s", date_format_dmy(anniversary(r, h), date));
    fputc('\n', out);
    int first = forecast_by_first(by), n = forecast_by_count(by);
    for (int k = -1; k < n; k++) {
        int sr = k < 0 ? FORECAST_SERIES_TOTAL : first + k;
        fprintf(out, "%-28s", forecast_series_name(sr, name, sizeof name));
        for (int i = 0; i < r->n_history; i++) fprintf(out, " %10ld", r->history[i][sr]);
        for (int h = 0; h < r->years; h++) {
            const ForecastFan *f = &r->fans[h][sr];
            char cell[40];
            snprintf(cell, sizeof cell, "%.0f [%.0f-%.0f]", f->q[3], f->q[1], f->q[5]);
            fprintf(out, " %22s", cell);
        }
        fputc('\n', out);
    }
}

static void text_flows(FILE *out, const ForecastReport *r)
{
    char date[DATE_FMT_LEN];
    fprintf(out,
            "\nIn the year to each date (care leavers: aged 16 to 24 on it), median [80%% "
            "interval]\n%-30s",
            "");
    for (int h = 1; h <= r->years; h++)
        fprintf(out, " %22s", date_format_dmy(anniversary(r, h), date));
    fputc('\n', out);
    for (int fl = 0; fl < FORECAST_FLOWS; fl++) {
        fprintf(out, "%-30s", forecast_flow_name(fl));
        for (int h = 0; h < r->years; h++) {
            const ForecastFan *f = &r->flow_fans[h][fl];
            char cell[40];
            snprintf(cell, sizeof cell, "%.0f [%.0f-%.0f]", f->q[3], f->q[1], f->q[5]);
            fprintf(out, " %22s", cell);
        }
        fputc('\n', out);
    }
}

static void text_fan_row(FILE *out, const char *label, const ForecastFan *fans, int years,
                         size_t stride, const char *fmt)
{
    fprintf(out, "%-30s", label);
    for (int h = 0; h < years; h++) {
        const ForecastFan *f = (const ForecastFan *)((const char *)fans + stride * (size_t)h);
        char lo[24], mid[24], hi[24], cell[80];
        snprintf(lo, sizeof lo, fmt, f->q[1]);
        snprintf(mid, sizeof mid, fmt, f->q[3]);
        snprintf(hi, sizeof hi, fmt, f->q[5]);
        snprintf(cell, sizeof cell, "%s [%s-%s]", mid, lo, hi);
        fprintf(out, " %28s", cell);
    }
    fputc('\n', out);
}

static void text_dates(FILE *out, const ForecastReport *r, const char *title)
{
    char date[DATE_FMT_LEN];
    fprintf(out, "\n%s, median [80%% interval]\n%-30s", title, "");
    for (int h = 1; h <= r->years; h++)
        fprintf(out, " %28s", date_format_dmy(anniversary(r, h), date));
    fputc('\n', out);
}

static void text_planning(FILE *out, const ForecastReport *r)
{
    if (r->distance_known) {
        text_dates(out, r,
                   "Placed within the council or up to 20 miles from home (percent of "
                   "those whose distance is known)");
        text_fan_row(out, "share_within_20_miles", r->share_within_20, r->years,
                     sizeof r->share_within_20[0], "%.1f");
    }
    if (r->has_capacity) {
        text_dates(out, r,
                   "Sufficiency gap: children forecast less the places the council has "
                   "(a shortfall above 0)");
        for (int p = 0; p < FORECAST_PLACEMENTS; p++)
            for (int d = -1; d < FORECAST_DISTANCES; d++) {
                double places = 0;
                for (int dd = 0; dd < FORECAST_DISTANCES; dd++)
                    if (d < 0 || dd == d) places += r->capacity[p][dd];
                if (d >= 0 && places == 0) continue;
                char label[64];
                snprintf(label, sizeof label, "%s%s%s (%.0f)", forecast_placement_name(p),
                         d < 0 ? "" : "/", d < 0 ? "" : forecast_distance_name(d), places);
                text_fan_row(out, label, &r->gap[0][p][d + 1], r->years, sizeof r->gap[0], "%.0f");
            }
    }
    if (r->has_costs) {
        text_dates(out, r,
                   "Cost in each year, pounds (the template's weekly costs, providers "
                   "mixed as on the origin, inflated yearly)");
        for (int p = -1; p < FORECAST_PLACEMENTS; p++)
            text_fan_row(out, p < 0 ? "every placement" : forecast_placement_name(p),
                         &r->costs[0][p + 1], r->years, sizeof r->costs[0], "%.0f");
    }
}

static void text_backtest(FILE *out, const ForecastReport *r)
{
    const ForecastBacktest *bt = &r->backtest;
    if (bt->runs == 0) {
        fputs("\nBack-test: not run.\n", out);
        return;
    }
    if (bt->n_origins == 0) {
        fputs("\nBack-test: no earlier 31 March has both a full window of history before it and "
              "a known outcome after it.\n",
              out);
        return;
    }
    fprintf(out,
            "\nBack-test: the same method from each 31 March %d to %d, with only what was "
            "known then (%ld futures each)\n",
            bt->origin_years[0], bt->origin_years[bt->n_origins - 1], bt->runs);
    fprintf(out, "%-8s %-10s %6s %8s %8s %9s %9s %15s %15s\n", "horizon", "figures", "points",
            "bias %", "MAPE %", "in 80% %", "in 95% %", "no change MAPE", "trend MAPE");
    for (int scope = 1; scope >= 0; scope--)
        for (int h = 0; h < FORECAST_BACKTEST_HORIZONS; h++) {
            const ForecastScore *s = &bt->scores[scope][h];
            if (s->n == 0) continue;
            fprintf(out, "%-8d %-10s %6ld %8.1f %8.1f %9.0f %9.0f %15.1f %15.1f\n", s->horizon,
                    scope ? "total" : "all", s->n, s->bias, s->mape, s->cover80, s->cover95,
                    s->no_change_mape, s->trend_mape);
        }
}

static void text_rates(FILE *out, const ForecastReport *r)
{
    const ForecastRates *rt = &r->rates;
    fputs("\nRates by age band (a year = 365.25 child-days)\n", out);
    fprintf(out, "%-10s %12s %10s %16s %10s %16s %14s\n", "age", "child-years", "left care",
            "left per year", "moves", "moves per year", "entrants/year");
    double years = (double)forecast_window_days(rt) / 365.25;
    for (int a = 0; a < FORECAST_AGE_BANDS; a++) {
        double exposure = 0;
        long exits = 0, moves = 0, entries = 0;
        for (int s = 0; s < FORECAST_STATES; s++) {
            if (forecast_state_age(s) != a) continue;
            exposure += rt->exposure[s];
            exits += rt->transitions[s][FORECAST_OUT];
            entries += rt->entries[s];
            for (int t = 0; t < FORECAST_BAND_STATES; t++) moves += rt->transitions[s][t];
        }
        double cy = exposure / 365.25;
        fprintf(out, "%-10s %12.0f %10ld %16.3f %10ld %16.3f %14.1f\n", forecast_age_name(a), cy,
                exits, cy > 0 ? (double)exits / cy : 0, moves, cy > 0 ? (double)moves / cy : 0,
                years > 0 ? (double)entries / years : 0);
    }
    fprintf(out,
            "left care at 18: %ld; year-to-year drift (sd of log rate): entrants %.3f, "
            "leaving %.3f\n",
            rt->exits_at_18, rt->entry_drift_sd, rt->exit_drift_sd);
    if (!rt->tic_used) {
        fputs("time in care: not a factor (a band of time in care has too few exits or "
              "child-days)\n",
              out);
        return;
    }
    fputs("time in care, factor of the exit rate:", out);
    for (int k = 0; k < FORECAST_TIC_BANDS; k++)
        fprintf(out, "%s %s %.2f (%ld exits)", k ? "," : "", forecast_tic_name(k),
                rt->tic_factor[k], rt->tic_band_exits[k]);
    fputc('\n', out);
}

void forecast_write_text(FILE *out, const ForecastReport *r, ForecastBy by)
{
    char from[DATE_FMT_LEN], start[DATE_FMT_LEN];
    fprintf(out, "Placement sufficiency forecast from %s, %d year%s ahead\n",
            date_format_dmy(r->origin, from), r->years, r->years == 1 ? "" : "s");
    fprintf(out,
            "Children looked after full time (short breaks, V3/V4, apart); rates from %s to "
            "%s; %ld simulated futures, seed %llu\n",
            date_format_dmy(r->rates.window_start, start), from, r->runs,
            (unsigned long long)r->seed);
    fprintf(out, "Distance from home: %s\n", distance_note(r));
    fprintf(out,
            "On %s: %ld looked after full time, %ld care leavers (relevant, former relevant "
            "or qualifying under 21, former relevant 21 to 24)\n",
            from, r->at_origin[FORECAST_SERIES_TOTAL], r->leavers_at_origin);
    if (r->at_origin[FORECAST_SERIES_TOTAL] == 0 && r->rates.n_entrants == 0)
        fputs("No child was looked after full time in the window or on the origin: every figure "
              "ahead is 0.\n",
              out);
    text_counts(out, r, by);
    text_flows(out, r);
    if (r->has_adjust) fputs("\nThese futures follow the scenario's adjustments.\n", out);
    text_planning(out, r);
    text_backtest(out, r);
    text_rates(out, r);
}

/* ---- CSV ---- */

static void csv_number(FILE *out, double v)
{
    fprintf(out, ",%.6g", v);
}

static void csv_fan(FILE *out, const ForecastFan *f)
{
    csv_number(out, f->mean);
    for (int k = 0; k < FORECAST_QUANTILES; k++) csv_number(out, f->q[k]);
    fputc('\n', out);
}

static void csv_points(FILE *out, const ForecastReport *r)
{
    fputs("origin,horizon,date,series,actual,median,lo80,hi80,lo95,hi95,no_change,trend\n", out);
    char date[DATE_FMT_LEN], at[DATE_FMT_LEN], name[48];
    for (long i = 0; i < r->backtest.n_points; i++) {
        const ForecastPoint *p = &r->backtest.points[i];
        fprintf(out, "%s,%d,%s,%s", date_format_iso(date_collection_year_end(p->origin_year), date),
                p->horizon,
                date_format_iso(date_collection_year_end(p->origin_year + p->horizon), at),
                forecast_series_name(p->series, name, sizeof name));
        double v[] = {p->actual, p->median, p->lo80,      p->hi80,
                      p->lo95,   p->hi95,   p->no_change, p->trend};
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) csv_number(out, v[k]);
        fputc('\n', out);
    }
}

void forecast_write_csv(FILE *out, const ForecastReport *r, ForecastBy by, bool points)
{
    if (points) {
        csv_points(out, r);
        return;
    }
    fputs("section,date,series,actual,mean,p2_5,p10,p25,p50,p75,p90,p97_5\n", out);
    char date[DATE_FMT_LEN], name[48];
    int first = forecast_by_first(by), n = forecast_by_count(by);
    for (int k = -1; k < n; k++) {
        int sr = k < 0 ? FORECAST_SERIES_TOTAL : first + k;
        forecast_series_name(sr, name, sizeof name);
        for (int i = 0; i < r->n_history; i++)
            fprintf(out, "history,%s,%s,%ld,,,,,,,,\n",
                    date_format_iso(date_collection_year_end(r->history_years[i]), date), name,
                    r->history[i][sr]);
        for (int h = 0; h < r->years; h++) {
            fprintf(out, "forecast,%s,%s,", date_format_iso(anniversary(r, h + 1), date), name);
            csv_fan(out, &r->fans[h][sr]);
        }
    }
    for (int fl = 0; fl < FORECAST_FLOWS; fl++)
        for (int h = 0; h < r->years; h++) {
            fprintf(out, "flow,%s,%s,", date_format_iso(anniversary(r, h + 1), date),
                    forecast_flow_name(fl));
            csv_fan(out, &r->flow_fans[h][fl]);
        }
    for (int h = 0; r->distance_known && h < r->years; h++) {
        fprintf(out, "share_within_20_miles,%s,percent,",
                date_format_iso(anniversary(r, h + 1), date));
        csv_fan(out, &r->share_within_20[h]);
    }
    for (int p = 0; r->has_capacity && p < FORECAST_PLACEMENTS; p++)
        for (int d = -1; d < FORECAST_DISTANCES; d++)
            for (int h = 0; h < r->years; h++) {
                fprintf(out, "gap,%s,%s%s%s,", date_format_iso(anniversary(r, h + 1), date),
                        forecast_placement_name(p), d < 0 ? "" : "/",
                        d < 0 ? "" : forecast_distance_name(d));
                csv_fan(out, &r->gap[h][p][d + 1]);
            }
    for (int p = -1; r->has_costs && p < FORECAST_PLACEMENTS; p++)
        for (int h = 0; h < r->years; h++) {
            fprintf(out, "cost,%s,%s,", date_format_iso(anniversary(r, h + 1), date),
                    p < 0 ? "all" : forecast_placement_name(p));
            csv_fan(out, &r->costs[h][p + 1]);
        }
}

/* ---- JSON ---- */

static json_t *json_date(Date d)
{
    char buf[DATE_FMT_LEN];
    return render_json_text(date_format_iso(d, buf));
}

static json_t *json_fan(const ForecastFan *f)
{
    static const char *const keys[FORECAST_QUANTILES] = {"p2_5", "p10", "p25",  "p50",
                                                         "p75",  "p90", "p97_5"};
    json_t *o = json_object();
    render_json_set(o, "mean", render_json_double(f->mean));
    for (int k = 0; k < FORECAST_QUANTILES; k++)
        render_json_set(o, keys[k], render_json_double(f->q[k]));
    return o;
}

static json_t *json_counts(const long *counts)
{
    json_t *o = json_object();
    char name[64];
    for (int sr = 0; sr < FORECAST_SERIES; sr++)
        render_json_set(o, forecast_series_name(sr, name, sizeof name), json_integer(counts[sr]));
    return o;
}

static json_t *json_rates(const ForecastRates *rt)
{
    json_t *o = json_object(), *states = json_array();
    render_json_set(o, "window_start", json_date(rt->window_start));
    render_json_set(o, "window_end", json_date(rt->origin));
    render_json_set(o, "left_at_18", json_integer(rt->exits_at_18));
    render_json_set(o, "entry_drift_sd", render_json_double(rt->entry_drift_sd));
    render_json_set(o, "exit_drift_sd", render_json_double(rt->exit_drift_sd));
    json_t *tic = json_object();
    for (int k = 0; rt->tic_used && k < FORECAST_TIC_BANDS; k++)
        render_json_set(tic, forecast_tic_name(k), render_json_double(rt->tic_factor[k]));
    render_json_set(o, "time_in_care_exit_factors", tic); /* empty: not a factor */
    for (int s = 0; s < FORECAST_STATES; s++) {
        if (rt->exposure[s] <= 0 && rt->entries[s] == 0) continue;
        json_t *st = json_object();
        render_json_set(st, "age", render_json_text(forecast_age_name(forecast_state_age(s))));
        render_json_set(st, "placement",
                        render_json_text(forecast_placement_name(forecast_state_placement(s))));
        render_json_set(st, "distance",
                        render_json_text(forecast_distance_name(forecast_state_distance(s))));
        render_json_set(st, "legal_status",
                        render_json_text(forecast_legal_name(forecast_state_legal(s))));
        render_json_set(st, "child_days", render_json_double(rt->exposure[s]));
        render_json_set(st, "entrants", json_integer(rt->entries[s]));
        render_json_set(st, "left_care", json_integer(rt->transitions[s][FORECAST_OUT]));
        json_t *moves = json_object();
        for (int k = 0; k < FORECAST_BAND_STATES; k++) {
            if (!rt->transitions[s][k]) continue;
            char key[80];
            int t = forecast_state_in_band(forecast_state_age(s), k);
            snprintf(key, sizeof key, "%s/%s/%s",
                     forecast_placement_name(forecast_state_placement(t)),
                     forecast_distance_name(forecast_state_distance(t)),
                     forecast_legal_name(forecast_state_legal(t)));
            render_json_set(moves, key, json_integer(rt->transitions[s][k]));
        }
        render_json_set(st, "moves", moves);
        render_json_append(states, st);
    }
    render_json_set(o, "states", states);
    return o;
}

static json_t *json_score(const ForecastScore *s)
{
    json_t *o = json_object();
    render_json_set(o, "horizon", json_integer(s->horizon));
    render_json_set(o, "figures", render_json_text(s->total_only ? "total" : "all"));
    render_json_set(o, "points", json_integer(s->n));
    render_json_set(o, "bias_percent", render_json_double(s->bias));
    render_json_set(o, "mape_percent", render_json_double(s->mape));
    render_json_set(o, "in_80_percent", render_json_double(s->cover80));
    render_json_set(o, "in_95_percent", render_json_double(s->cover95));
    render_json_set(o, "no_change_bias_percent", render_json_double(s->no_change_bias));
    render_json_set(o, "no_change_mape_percent", render_json_double(s->no_change_mape));
    render_json_set(o, "trend_bias_percent", render_json_double(s->trend_bias));
    render_json_set(o, "trend_mape_percent", render_json_double(s->trend_mape));
    return o;
}

static json_t *json_point(const ForecastPoint *p)
{
    json_t *o = json_object();
    char name[64];
    render_json_set(o, "origin", json_date(date_collection_year_end(p->origin_year)));
    render_json_set(o, "horizon", json_integer(p->horizon));
    render_json_set(o, "series",
                    render_json_text(forecast_series_name(p->series, name, sizeof name)));
    render_json_set(o, "actual", render_json_double(p->actual));
    render_json_set(o, "median", render_json_double(p->median));
    render_json_set(o, "lo80", render_json_double(p->lo80));
    render_json_set(o, "hi80", render_json_double(p->hi80));
    render_json_set(o, "lo95", render_json_double(p->lo95));
    render_json_set(o, "hi95", render_json_double(p->hi95));
    render_json_set(o, "no_change", render_json_double(p->no_change));
    render_json_set(o, "trend", render_json_double(p->trend));
    return o;
}

static void json_backtest(RenderJson *w, const ForecastReport *r, bool points)
{
    const ForecastBacktest *bt = &r->backtest;
    render_json_open_object(w, "backtest");
    json_t *origins = json_array();
    for (int i = 0; i < bt->n_origins; i++)
        render_json_append(origins, json_date(date_collection_year_end(bt->origin_years[i])));
    render_json_put(w, "origins", origins);
    render_json_put(w, "runs", json_integer(bt->runs));
    json_t *scores = json_array();
    for (int scope = 1; scope >= 0; scope--)
        for (int h = 0; h < FORECAST_BACKTEST_HORIZONS; h++)
            if (bt->scores[scope][h].n)
                render_json_append(scores, json_score(&bt->scores[scope][h]));
    render_json_put(w, "scores", scores);
    if (points) {
        render_json_open_array(w, "points");
        for (long i = 0; i < bt->n_points; i++)
            render_json_put(w, NULL, json_point(&bt->points[i]));
        render_json_close(w);
    }
    render_json_close(w);
}

static void json_planning(RenderJson *w, const ForecastReport *r)
{
    render_json_put(w, "scenario", json_boolean(r->has_adjust));
    if (r->distance_known) {
        json_t *a = json_array();
        for (int h = 0; h < r->years; h++) render_json_append(a, json_fan(&r->share_within_20[h]));
        render_json_put(w, "share_within_20_miles_percent", a);
    }
    if (r->has_capacity) {
        json_t *gap = json_array();
        for (int p = 0; p < FORECAST_PLACEMENTS; p++)
            for (int d = -1; d < FORECAST_DISTANCES; d++) {
                double places = 0;
                for (int dd = 0; dd < FORECAST_DISTANCES; dd++)
                    if (d < 0 || dd == d) places += r->capacity[p][dd];
                json_t *o = json_object(), *years = json_array();
                render_json_set(o, "placement", render_json_text(forecast_placement_name(p)));
                render_json_set(o, "distance",
                                render_json_text(d < 0 ? "all" : forecast_distance_name(d)));
                render_json_set(o, "places", render_json_double(places));
                for (int h = 0; h < r->years; h++)
                    render_json_append(years, json_fan(&r->gap[h][p][d + 1]));
                render_json_set(o, "gap", years);
                render_json_append(gap, o);
            }
        render_json_put(w, "sufficiency_gap", gap);
    }
    if (r->has_costs) {
        json_t *costs = json_object();
        for (int p = -1; p < FORECAST_PLACEMENTS; p++) {
            json_t *years = json_array();
            for (int h = 0; h < r->years; h++)
                render_json_append(years, json_fan(&r->costs[h][p + 1]));
            render_json_set(costs, p < 0 ? "all" : forecast_placement_name(p), years);
        }
        render_json_put(w, "costs_pounds", costs);
    }
}

void forecast_write_json(FILE *out, const ForecastReport *r, bool points)
{
    RenderJson w;
    render_json_start(&w, out);
    render_json_open_object(&w, NULL);
    render_json_put(&w, "origin", json_date(r->origin));
    render_json_put(&w, "years", json_integer(r->years));
    render_json_put(&w, "window_years", json_integer(r->window));
    render_json_put(&w, "runs", json_integer(r->runs));
    render_json_put(&w, "seed", json_integer((json_int_t)r->seed));
    render_json_put(&w, "distance", render_json_text(distance_note(r)));
    render_json_put(&w, "at_origin", json_counts(r->at_origin));
    render_json_put(&w, "care_leavers_at_origin", json_integer(r->leavers_at_origin));
    json_t *history = json_array();
    for (int i = 0; i < r->n_history; i++) {
        json_t *o = json_object();
        render_json_set(o, "date", json_date(date_collection_year_end(r->history_years[i])));
        render_json_set(o, "counts", json_counts(r->history[i]));
        render_json_append(history, o);
    }
    render_json_put(&w, "history", history);
    render_json_open_array(&w, "forecast");
    char name[64];
    for (int h = 0; h < r->years; h++) {
        json_t *o = json_object(), *series = json_object(), *flows = json_object();
        render_json_set(o, "date", json_date(anniversary(r, h + 1)));
        for (int sr = 0; sr < FORECAST_SERIES; sr++)
            render_json_set(series, forecast_series_name(sr, name, sizeof name),
                            json_fan(&r->fans[h][sr]));
        for (int fl = 0; fl < FORECAST_FLOWS; fl++)
            render_json_set(flows, forecast_flow_name(fl), json_fan(&r->flow_fans[h][fl]));
        render_json_set(o, "looked_after", series);
        render_json_set(o, "year_to_date", flows);
        render_json_put(&w, NULL, o);
    }
    render_json_close(&w);
    json_planning(&w, r);
    json_backtest(&w, r, points);
    render_json_put(&w, "rates", json_rates(&r->rates));
    render_json_close(&w);
}
