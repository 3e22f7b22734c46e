/* forecast_stored: see forecast_stored.h. */
#include "render/forecast_stored.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *text_of(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* "31/03/2026" from "2026-03-31". */
static void dmy(const char *iso, char out[16])
{
    if (strlen(iso) == 10)
        snprintf(out, 16, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    else
        snprintf(out, 16, "%s", iso);
}

static void fan_cell(json_t *fan, char *cell, size_t size)
{
    if (!json_is_object(fan)) {
        snprintf(cell, size, "-");
        return;
    }
    snprintf(cell, size, "%.0f [%.0f-%.0f]", json_number_value(json_object_get(fan, "p50")),
             json_number_value(json_object_get(fan, "p10")),
             json_number_value(json_object_get(fan, "p90")));
}

/* The score of the total `horizon` years ahead in a document, or NULL. */
static json_t *total_score(json_t *doc, int horizon)
{
    json_t *scores = json_object_get(json_object_get(doc, "backtest"), "scores");
    for (size_t i = 0; i < json_array_size(scores); i++) {
        json_t *s = json_array_get(scores, i);
        if (strcmp(text_of(s, "figures"), "total") == 0 &&
            json_integer_value(json_object_get(s, "horizon")) == horizon)
            return s;
    }
    return NULL;
}

static void write_header(FILE *out, const ForecastStoredView *v, json_t *doc, int i)
{
    char from[16];
    dmy(text_of(doc, "origin"), from);
    fprintf(out,
            "[%d] %s: saved %s by %s; from %s, %lld years ahead, %lld futures, seed %lld; "
            "scenario: %s\n",
            i + 1, v->name, v->saved, v->saved_by, from,
            (long long)json_integer_value(json_object_get(doc, "years")),
            (long long)json_integer_value(json_object_get(doc, "runs")),
            (long long)json_integer_value(json_object_get(doc, "seed")),
            *v->scenario ? v->scenario : "none");
}

static void write_row(FILE *out, const char *label, json_t **docs, int n, int years,
                      const char *group, const char *key)
{
    fprintf(out, "%-34s", label);
    for (int h = 0; h < years; h++)
        for (int i = 0; i < n; i++) {
            json_t *year = json_array_get(json_object_get(docs[i], "forecast"), (size_t)h);
            char cell[48];
            fan_cell(json_object_get(json_object_get(year, group), key), cell, sizeof cell);
            fprintf(out, " %22s", cell);
        }
    fputc('\n', out);
}

static void write_scores(FILE *out, json_t *doc, int i)
{
    json_t *scores = json_object_get(json_object_get(doc, "backtest"), "scores");
    fprintf(
        out, "\n[%d] back-test stored with it (%lld futures an origin):\n", i + 1,
        (long long)json_integer_value(json_object_get(json_object_get(doc, "backtest"), "runs")));
    if (json_array_size(scores) == 0) {
        fputs("    none: the forecast was saved without a back-test\n", out);
        return;
    }
    fprintf(out, "    %-8s %-8s %6s %8s %8s %8s %8s %15s %12s\n", "horizon", "figures", "points",
            "bias %", "MAPE %", "in 80%", "in 95%", "no change MAPE", "trend MAPE");
    for (size_t k = 0; k < json_array_size(scores); k++) {
        json_t *s = json_array_get(scores, k);
        fprintf(out, "    %-8lld %-8s %6lld %8.1f %8.1f %8.0f %8.0f %15.1f %12.1f\n",
                (long long)json_integer_value(json_object_get(s, "horizon")), text_of(s, "figures"),
                (long long)json_integer_value(json_object_get(s, "points")),
                json_number_value(json_object_get(s, "bias_percent")),
                json_number_value(json_object_get(s, "mape_percent")),
                json_number_value(json_object_get(s, "in_80_percent")),
                json_number_value(json_object_get(s, "in_95_percent")),
                json_number_value(json_object_get(s, "no_change_mape_percent")),
                json_number_value(json_object_get(s, "trend_mape_percent")));
    }
}

static void write_table(FILE *out, json_t **docs, int n, ForecastBy by)
{
    int years = 0;
    for (int i = 0; i < n; i++) {
        int y = (int)json_array_size(json_object_get(docs[i], "forecast"));
        years = y > years ? y : years;
    }
    fprintf(out,
            "\nChildren looked after full time, median [80%% interval] of each forecast "
            "([1], [2], ...) on each date\n%-34s",
            "");
    for (int h = 0; h < years; h++)
        for (int i = 0; i < n; i++) {
            json_t *year = json_array_get(json_object_get(docs[i], "forecast"), (size_t)h);
            char date[16], head[32];
            dmy(text_of(year, "date"), date);
            snprintf(head, sizeof head, "[%d] %s", i + 1, date);
            fprintf(out, " %22s", head);
        }
    fputc('\n', out);
    char name[64];
    int first = forecast_by_first(by), count = forecast_by_count(by);
    for (int k = -1; k < count; k++) {
        forecast_series_name(k < 0 ? FORECAST_SERIES_TOTAL : first + k, name, sizeof name);
        write_row(out, name, docs, n, years, "looked_after", name);
    }
    fputs("\nIn the year to each date (care leavers: aged 16 to 24 on it)\n", out);
    for (int f = 0; f < FORECAST_FLOWS; f++)
        write_row(out, forecast_flow_name(f), docs, n, years, "year_to_date",
                  forecast_flow_name(f));
}

int forecast_stored_write_text(FILE *out, const ForecastStoredView *v, int n, ForecastBy by,
                               const char **err_name)
{
    json_t **docs = calloc((size_t)n, sizeof *docs);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        docs[i] = json_loads(v[i].document, 0, NULL);
        if (!json_is_array(json_object_get(docs[i], "forecast"))) {
            *err_name = v[i].name;
            rc = -1;
        }
    }
    if (rc == 0) {
        fputs(n > 1 ? "Stored forecasts side by side\n" : "Stored forecast\n", out);
        for (int i = 0; i < n; i++) write_header(out, &v[i], docs[i], i);
        write_table(out, docs, n, by);
        for (int i = 0; i < n; i++) write_scores(out, docs[i], i);
    }
    for (int i = 0; i < n; i++) json_decref(docs[i]);
    free(docs);
    return rc;
}

void forecast_stored_write_list(FILE *out, const ForecastStoredView *v, int n)
{
    fprintf(out, "%-24s %-20s %-10s %5s %-24s %14s %14s\n", "name", "saved (UTC)", "origin",
            "years", "scenario", "1-year MAPE %", "in 80% (total)");
    for (int i = 0; i < n; i++) {
        json_t *doc = json_loads(v[i].document ? v[i].document : "", 0, NULL);
        json_t *s = total_score(doc, 1);
        char from[16], mape[16] = "-", cover[16] = "-";
        dmy(text_of(doc, "origin"), from);
        if (s) {
            snprintf(mape, sizeof mape, "%.1f",
                     json_number_value(json_object_get(s, "mape_percent")));
            snprintf(cover, sizeof cover, "%.0f",
                     json_number_value(json_object_get(s, "in_80_percent")));
        }
        fprintf(out, "%-24s %-20s %-10s %5lld %-24s %14s %14s\n", v[i].name, v[i].saved, from,
                (long long)json_integer_value(json_object_get(doc, "years")),
                *v[i].scenario ? v[i].scenario : "none", mape, cover);
        json_decref(doc);
    }
    if (n == 0) fputs("(no forecast is stored: forecast --save NAME keeps one)\n", out);
}
