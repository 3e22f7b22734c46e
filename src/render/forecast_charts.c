/* forecast_charts: the placement sufficiency forecast as an HTML page and a
 * PDF with fan charts (forecast_write.h), drawn with render/chart: each
 * series is the history counted on each 31 March, then the median of the
 * futures between the edges of its 80% and 95% intervals, a line each. */
#include "render/forecast_write.h"

#include "base/mem.h"
#include "render/chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { FAN_LINES = 6, MAX_POINTS = FORECAST_MAX_WINDOW + 1 + FORECAST_MAX_YEARS };

/* One fan chart's figures and the text it points to. */
typedef struct FanChart {
    char title[96], caption[320];
    char dates[MAX_POINTS][DATE_FMT_LEN];
    const char *categories[MAX_POINTS];
    double values[FAN_LINES][MAX_POINTS];
    ChartSeries series[FAN_LINES];
    Chart chart;
} FanChart;

static const char *const fan_names[FAN_LINES] = {"counted",  "median",  "80% low",
                                                 "80% high", "95% low", "95% high"};
/* The quantiles (forecast_sim.h) of the lines after "counted". */
static const int fan_quantile[FAN_LINES] = {-1, 3, 1, 5, 0, 6};

static Date year_end(const ForecastReport *r, int h)
{
    return date_add_months(r->origin, 12 * h);
}

static void fan_chart(const ForecastReport *r, int sr, FanChart *fc)
{
    memset(fc, 0, sizeof *fc);
    char name[64];
    forecast_series_name(sr, name, sizeof name);
    snprintf(fc->title, sizeof fc->title, "Children looked after: %s", name);
    int n = 0;
    for (int i = 0; i < r->n_history; i++, n++) {
        date_format_dmy(date_collection_year_end(r->history_years[i]), fc->dates[n]);
        for (int k = 0; k < FAN_LINES; k++) fc->values[k][n] = NAN;
        fc->values[0][n] = (double)r->history[i][sr];
    }
    for (int h = 0; h < r->years; h++, n++) {
        date_format_dmy(year_end(r, h + 1), fc->dates[n]);
        fc->values[0][n] = NAN;
        for (int k = 1; k < FAN_LINES; k++) fc->values[k][n] = r->fans[h][sr].q[fan_quantile[k]];
    }
    /* the fan starts from the count on the origin */
    if (r->n_history > 0)
        for (int k = 1; k < FAN_LINES; k++)
            fc->values[k][r->n_history - 1] = fc->values[0][r->n_history - 1];
    const ForecastFan *last = &r->fans[r->years - 1][sr];
    snprintf(fc->caption, sizeof fc->caption,
             "%s on %s: %.0f (80%% interval %.0f to %.0f, 95%% %.0f to %.0f), from %ld on the "
             "origin. %ld simulated futures.",
             name, fc->dates[n - 1], last->q[3], last->q[1], last->q[5], last->q[0], last->q[6],
             r->at_origin[sr], r->runs);
    for (int i = 0; i < n; i++) fc->categories[i] = fc->dates[i];
    for (int k = 0; k < FAN_LINES; k++)
        fc->series[k] = (ChartSeries){fan_names[k], fc->values[k], NULL};
    fc->chart = (Chart){.kind = CHART_LINE,
                        .title = fc->title,
                        .x_label = "31 March",
                        .y_label = "children",
                        .caption = fc->caption,
                        .categories = fc->categories,
                        .n_categories = n,
                        .series = fc->series,
                        .n_series = FAN_LINES,
                        .target = NAN};
}

/* The total and each series of the breakdown: *n charts, to free. */
static FanChart *fan_charts(const ForecastReport *r, ForecastBy by, int *n)
{
    int first = forecast_by_first(by), count = forecast_by_count(by);
    FanChart *fc = xcalloc((size_t)count + 1, sizeof *fc);
    *n = 0;
    for (int k = -1; k < count; k++) {
        int sr = k < 0 ? FORECAST_SERIES_TOTAL : first + k;
        if (k >= 0 && r->at_origin[sr] == 0 && r->fans[r->years - 1][sr].q[6] == 0) continue;
        fan_chart(r, sr, &fc[(*n)++]);
    }
    return fc;
}

/* Reads a whole file; NULL when it cannot. */
static char *read_all(const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in) return NULL;
    char *text = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 8192 + 1 > cap) text = xrealloc(text, cap = 2 * cap + 8192 + 1);
        got = fread(text + len, 1, 8192, in);
        len += got;
    } while (got > 0);
    text[len] = '\0';
    fclose(in);
    return text;
}

/* Writes svg with every id, and every reference to one, given the prefix:
 * cairo names the glyphs of each drawing alike ("glyph0-1"), and in one page
 * the first definition of an id would serve every chart. */
static void write_prefixed(FILE *out, const char *svg, const char *prefix)
{
    static const char *const marks[] = {"id=\"", "href=\"#", "url(#"};
    while (*svg) {
        size_t best = strlen(svg), mark_len = 0;
        for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
            const char *at = strstr(svg, marks[m]);
            if (at && (size_t)(at - svg) < best) {
                best = (size_t)(at - svg);
                mark_len = strlen(marks[m]);
            }
        }
        fwrite(svg, 1, best + mark_len, out);
        svg += best + mark_len;
        if (mark_len) fputs(prefix, out);
    }
}

/* The chart as SVG (through a temporary file: chart_write draws to a
 * path), without its XML declaration, into the page; `n` numbers it. */
static int html_svg(FILE *out, const Chart *chart, int n, Err *err)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/carepledge-fan-XXXXXX.svg", dir && *dir ? dir : "/tmp");
    int fd = mkstemps(path, 4);
    if (fd < 0) return err_set(err, ERR_IO, "cannot create a temporary file for a chart");
    close(fd);
    int rc = chart_write(chart, CHART_SVG, path, err);
    char *text = rc == 0 ? read_all(path) : NULL;
    if (rc == 0 && !text) rc = err_set(err, ERR_IO, "cannot read back a chart");
    if (text) {
        const char *svg = strstr(text, "<svg");
        char prefix[16];
        snprintf(prefix, sizeof prefix, "fan%d-", n);
        if (svg) write_prefixed(out, svg, prefix);
        free(text);
    }
    remove(path);
    return rc;
}

static void html_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", out);
        else if (*s == '>')
            fputs("&gt;", out);
        else if (*s == '&')
            fputs("&amp;", out);
        else
            fputc(*s, out);
    }
}

static void html_scores(FILE *out, const ForecastReport *r)
{
    const ForecastBacktest *bt = &r->backtest;
    fputs("<h2>How good the last forecasts were</h2>\n", out);
    if (bt->runs == 0 || bt->n_origins == 0) {
        fputs("<p>No back-test: there was no earlier 31 March to forecast from.</p>\n", out);
        return;
    }
    fprintf(out,
            "<p>The same method from each 31 March %d to %d, with only what was known then, "
            "scored against what happened (%ld futures an origin).</p>\n<table>\n<tr><th>years "
            "ahead</th><th>figures</th><th>points</th><th>bias %%</th><th>MAPE %%</th><th>in "
            "80%% interval</th><th>in 95%%</th><th>no change MAPE %%</th><th>trend MAPE "
            "%%</th></tr>\n",
            bt->origin_years[0], bt->origin_years[bt->n_origins - 1], bt->runs);
    for (int scope = 1; scope >= 0; scope--)
        for (int h = 0; h < FORECAST_BACKTEST_HORIZONS; h++) {
            const ForecastScore *s = &bt->scores[scope][h];
            if (s->n == 0) continue;
            fprintf(out,
                    "<tr><td>%d</td><td>%s</td><td>%ld</td><td>%.1f</td><td>%.1f</td><td>%.0f%%"
                    "</td><td>%.0f%%</td><td>%.1f</td><td>%.1f</td></tr>\n",
                    s->horizon, scope ? "total" : "every series", s->n, s->bias, s->mape,
                    s->cover80, s->cover95, s->no_change_mape, s->trend_mape);
        }
    fputs("</table>\n", out);
}

static void html_flows(FILE *out, const ForecastReport *r)
{
    char date[DATE_FMT_LEN];
    fputs("<h2>Entrants, leavers and care leavers</h2>\n<p>In the year to each date; care leavers "
          "aged 16 to 24 on it. Median [80% interval].</p>\n<table>\n<tr><th></th>",
          out);
    for (int h = 1; h <= r->years; h++)
        fprintf(out, "<th>%s</th>", date_format_dmy(year_end(r, h), date));
    fputs("</tr>\n", out);
    for (int f = 0; f < FORECAST_FLOWS; f++) {
        fprintf(out, "<tr><th>%s</th>", forecast_flow_name(f));
        for (int h = 0; h < r->years; h++) {
            const ForecastFan *fan = &r->flow_fans[h][f];
            fprintf(out, "<td>%.0f [%.0f-%.0f]</td>", fan->q[3], fan->q[1], fan->q[5]);
        }
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);
}

int forecast_write_html(FILE *out, const ForecastReport *r, ForecastBy by, Err *err)
{
    char from[DATE_FMT_LEN];
    date_format_dmy(r->origin, from);
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>Placement sufficiency forecast from %s</title>\n<style>\n"
            "body{font-family:'DejaVu Sans',sans-serif;max-width:60em;margin:1em auto;"
            "padding:0 1em;color:#0b0c0c}\ntable{border-collapse:collapse;margin:1em 0}\n"
            "th,td{border:1px solid #b1b4b6;padding:.25em .5em;text-align:right}\n"
            "svg{max-width:100%%;height:auto}\n</style>\n</head>\n<body>\n"
            "<h1>Placement sufficiency forecast from %s</h1>\n",
            from, from);
    fprintf(out,
            "<p>Children looked after full time (short breaks apart), %d years ahead: %ld "
            "looked after on %s; rates from the %d years before it; %ld simulated futures "
            "(seed %llu). Each chart shows the counts on each 31 March, then the median "
            "forecast between the edges of its 80%% and 95%% intervals.</p>\n",
            r->years, r->at_origin[FORECAST_SERIES_TOTAL], from, r->window, r->runs,
            (unsigned long long)r->seed);
    int n;
    FanChart *fc = fan_charts(r, by, &n);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        fputs("<figure>\n", out);
        Chart chart = fc[i].chart;
        chart.caption = NULL; /* the figure's caption says it, as text */
        rc = html_svg(out, &chart, i, err);
        fputs("<figcaption>", out);
        html_text(out, fc[i].caption);
        fputs("</figcaption>\n</figure>\n", out);
    }
    free(fc);
    if (rc < 0) return rc;
    html_flows(out, r);
    html_scores(out, r);
    fputs("</body>\n</html>\n", out);
    return 0;
}

int forecast_write_pdf(const char *path, const ForecastReport *r, ForecastBy by, Err *err)
{
    char from[DATE_FMT_LEN], heading[96], intro[512], scores[512];
    date_format_dmy(r->origin, from);
    snprintf(heading, sizeof heading, "Placement sufficiency forecast from %s", from);
    snprintf(intro, sizeof intro,
             "Children looked after full time (short breaks apart), %d years ahead: %ld looked "
             "after on %s; rates from the %d years before it; %ld simulated futures. Each chart "
             "shows the counts on each 31 March, then the median forecast between the edges of "
             "its 80%% and 95%% intervals.",
             r->years, r->at_origin[FORECAST_SERIES_TOTAL], from, r->window, r->runs);
    const ForecastScore *one = &r->backtest.scores[1][0];
    if (one->n)
        snprintf(scores, sizeof scores,
                 "How good the last forecasts were: one year ahead, the forecasts the same method "
                 "made from the 31 March of %d earlier year%s missed the total by %.1f%% on "
                 "average (no change: %.1f%%); %.0f%% of outcomes fell in the 80%% interval, "
                 "%.0f%% of every series'.",
                 (int)one->n, one->n == 1 ? "" : "s", one->mape, one->no_change_mape, one->cover80,
                 r->backtest.scores[0][0].cover80);
    else
        snprintf(scores, sizeof scores, "No back-test: no earlier 31 March to forecast from.");
    const char *paragraphs[] = {intro, scores};
    int n;
    FanChart *fc = fan_charts(r, by, &n);
    Chart *charts = xcalloc((size_t)n, sizeof *charts);
    for (int i = 0; i < n; i++) {
        charts[i] = fc[i].chart;
        charts[i].width = 500;
        charts[i].height = 300;
    }
    ChartPdf *pdf;
    int rc = chart_pdf_open(&pdf, path, heading, err);
    if (rc == 0) {
        rc = chart_pdf_page(pdf, heading, paragraphs, 2, charts, n, err);
        int close_rc = chart_pdf_close(pdf, rc == 0 ? err : &(Err){0});
        if (rc == 0) rc = close_rc;
    }
    free(charts);
    free(fc);
    return rc;
}
