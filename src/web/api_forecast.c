/* api_forecast: GET /api/v1/forecast — the placement sufficiency forecast
 * (service/svc_forecast) on the server's snapshot, as `forecast --format json`
 * writes it, back-test scores included (docs/forecast.md). The council's
 * templates and the postcode directory are for the command line: the
 * snapshot's distance from home is unknown. */
#include "web/api.h"

#include "render/forecast_write.h"
#include "service/svc_forecast.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { WEB_FORECAST_MAX_RUNS = 5000, WEB_FORECAST_MAX_BACKTEST_RUNS = 1000 };

static int number(WebCall *call, const char *name, long min, long max, long *out)
{
    const char *text = web_param(call->req, name);
    if (!text) return 0;
    char *end;
    long v = strtol(text, &end, 10);
    if (*text && !*end && v >= min && v <= max) {
        *out = v;
        return 0;
    }
    return web_error(call->res, 400, "invalid", name, "%s must be a whole number from %ld to %ld",
                     name, min, max);
}

/* The last 31 March on or before the server's today. */
static Date last_year_end(const WebCall *call)
{
    time_t now = web_app_now(call->app);
    struct tm tm;
    gmtime_r(&now, &tm);
    Date today = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    int year = date_collection_year(today);
    return date_collection_year_end(date_collection_year_end(year) <= today ? year : year - 1);
}

static int read_request(WebCall *call, ForecastRequest *req)
{
    long years = 3, window = 3, runs = 500, bt_runs = FORECAST_BACKTEST_QUICK_RUNS, seed = 1;
    const char *from = web_param(call->req, "from");
    req->from = last_year_end(call);
    if (from && date_parse_iso(from, strlen(from), &req->from) < 0)
        return web_error(call->res, 400, "invalid", "from", "from '%.40s' is not a date YYYY-MM-DD",
                         from);
    if (number(call, "years", 1, FORECAST_MAX_YEARS, &years) ||
        number(call, "window", 1, FORECAST_MAX_WINDOW, &window) ||
        number(call, "runs", 1, WEB_FORECAST_MAX_RUNS, &runs) ||
        number(call, "backtest_runs", 0, WEB_FORECAST_MAX_BACKTEST_RUNS, &bt_runs) ||
        number(call, "seed", 0, 2147483647, &seed))
        return 400;
    req->years = (int)years;
    req->window = (int)window;
    req->runs = runs;
    req->backtest_runs = bt_runs;
    req->seed = (uint64_t)seed;
    return 0;
}

/* Written by render/'s JSON writer, the command's, and read back into the
 * envelope: the API and `forecast --format json` cannot disagree. */
static json_t *forecast_json(const ForecastReport *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out) return NULL;
    forecast_write_json(out, r, false);
    fclose(out);
    json_t *doc = json_loadb(text, len, 0, NULL);
    free(text);
    return doc;
}

int api_forecast(WebCall *call)
{
    ForecastRequest req = {0};
    if (read_request(call, &req)) return 400;
    ServiceData data = {.snapshot = &call->snap->ds};
    ForecastResult res;
    Err err = {0};
    if (svc_forecast_run(call->app->ctx, &data, &req, &call->actor, &res, &err) < 0) {
        svc_forecast_free(&res);
        return web_error_from(call->res, &err);
    }
    json_t *doc = forecast_json(&res.report);
    svc_forecast_free(&res);
    if (!doc)
        return web_error(call->res, 500, "internal", NULL, "the forecast could not be written");
    return web_ok(call->res, doc, json_pack("{s:I}", "commit", (json_int_t)call->snap->ds.commit));
}
