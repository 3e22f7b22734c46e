/* api_forecast: the placement sufficiency forecast (service/svc_forecast) on
 * the server's snapshot, as `forecast --format json` writes it, back-test
 * scores included (docs/forecast.md), and the forecasts kept by name.
 *
 * GET /api/v1/forecast runs the forecast of the query's parameters. POST
 * /api/v1/forecasts runs a scenario given in the body (the adjustments and
 * the capacity as the text of their templates, docs/templates.md, or the
 * capacity of a stored forecast) and, given a name, keeps it; GET
 * /api/v1/forecasts lists the stored forecasts and GET
 * /api/v1/forecasts/{id} returns one with its document, so that scenarios
 * are compared side by side with the back-test of each. The postcode
 * directory is for the command line: the snapshot's distance from home is
 * unknown. */
#include "web/api.h"

#include "render/forecast_write.h"
#include "service/svc_forecast.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
    WEB_FORECAST_MAX_RUNS = 5000,
    WEB_FORECAST_MAX_BACKTEST_RUNS = 1000,
    WEB_FORECAST_MAX_TEMPLATE = 64 * 1024, /* bytes of a template's text */
};

/* Where a request's inputs are: the query (GET) or the JSON body (POST). */
typedef struct Inputs {
    WebCall *call;
    json_t *body; /* NULL: the query */
    char buf[32];
} Inputs;

/* The input `name` as text, or NULL when absent. A body's whole numbers are
 * written out; any other JSON value gives a text no reader accepts, so it is
 * refused naming the field. */
static const char *input(Inputs *in, const char *name)
{
    if (!in->body) return web_param(in->call->req, name);
    json_t *v = json_object_get(in->body, name);
    if (!v || json_is_null(v)) return NULL;
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v))
        snprintf(in->buf, sizeof in->buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else
        snprintf(in->buf, sizeof in->buf, "(not a string or whole number)");
    return in->buf;
}

static int number(Inputs *in, const char *name, long min, long max, long *out)
{
    WebCall *call = in->call;
    const char *text = input(in, name);
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

static int read_request(Inputs *in, ForecastRequest *req)
{
    WebCall *call = in->call;
    long years = 3, window = 3, runs = 500, bt_runs = FORECAST_BACKTEST_QUICK_RUNS, seed = 1;
    const char *from = input(in, "from");
    req->from = last_year_end(call);
    if (from && date_parse_iso(from, strlen(from), &req->from) < 0)
        return web_error(call->res, 400, "invalid", "from", "from '%.40s' is not a date YYYY-MM-DD",
                         from);
    if (number(in, "years", 1, FORECAST_MAX_YEARS, &years) ||
        number(in, "window", 1, FORECAST_MAX_WINDOW, &window) ||
        number(in, "runs", 1, WEB_FORECAST_MAX_RUNS, &runs) ||
        number(in, "backtest_runs", 0, WEB_FORECAST_MAX_BACKTEST_RUNS, &bt_runs) ||
        number(in, "seed", 0, 2147483647, &seed))
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

/* Runs the forecast of req on the snapshot into *doc (a new reference).
 * Returns 0, or the status answered. */
static int run_forecast(WebCall *call, const ForecastRequest *req, json_t **doc)
{
    ServiceData data = {.snapshot = &call->snap->ds};
    ForecastResult res;
    Err err = {0};
    if (svc_forecast_run(call->app->ctx, &data, req, &call->actor, &res, &err) < 0) {
        svc_forecast_free(&res);
        return web_error_from(call->res, &err);
    }
    *doc = forecast_json(&res.report);
    svc_forecast_free(&res);
    if (!*doc)
        return web_error(call->res, 500, "internal", NULL, "the forecast could not be written");
    return 0;
}

static json_t *meta(const WebCall *call)
{
    return json_pack("{s:I}", "commit", (json_int_t)call->snap->ds.commit);
}

int api_forecast(WebCall *call)
{
    ForecastRequest req = {0};
    Inputs in = {.call = call};
    if (read_request(&in, &req)) return 400;
    json_t *doc;
    int status = run_forecast(call, &req, &doc);
    return status ? status : web_ok(call->res, doc, meta(call));
}

/* ---- stored forecasts ---- */

static json_t *date_json(Date d)
{
    char buf[DATE_FMT_LEN];
    return d == DATE_NONE ? json_null() : json_string(date_format_iso(d, buf));
}

/* The back-test's score of the total `horizon` years ahead, or NULL. */
static json_t *total_score(json_t *doc, int horizon)
{
    json_t *scores = json_object_get(json_object_get(doc, "backtest"), "scores");
    for (size_t i = 0; i < json_array_size(scores); i++) {
        json_t *s = json_array_get(scores, i);
        const char *figures = json_string_value(json_object_get(s, "figures"));
        if (figures && strcmp(figures, "total") == 0 &&
            json_integer_value(json_object_get(s, "horizon")) == horizon)
            return s;
    }
    return NULL;
}

/* What the list says of a stored forecast: who kept it and when, its
 * origin, years, futures and scenario, and how good the method was one
 * year ahead (the back-test kept with it). */
static json_t *stored_summary(const ForecastStored *f, json_t *doc)
{
    json_t *one = total_score(doc, 1);
    json_t *mape = json_object_get(one, "mape_percent");
    json_t *in80 = json_object_get(one, "in_80_percent");
    return json_pack("{s:s, s:s, s:s, s:o, s:i, s:I, s:s, s:b, s:b, s:O?, s:O?}", "name", f->name,
                     "saved", f->saved, "saved_by", f->saved_by, "origin", date_json(f->origin),
                     "years", f->years, "runs", (json_int_t)f->runs, "scenario", f->scenario,
                     "adjusted", json_is_true(json_object_get(doc, "scenario")), "has_capacity",
                     json_object_get(doc, "sufficiency_gap") != NULL, "backtest_total_1y_mape",
                     mape, "backtest_total_1y_in_80", in80);
}

int api_forecasts_list(WebCall *call)
{
    ForecastStored *list;
    int n;
    Err err = {0};
    if (svc_forecast_stored_list(call->app->db_path, &call->actor, &list, &n, &err) < 0)
        return web_error_from(call->res, &err);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *doc = json_loads(list[i].document ? list[i].document : "", 0, NULL);
        json_array_append_new(items, stored_summary(&list[i], doc));
        json_decref(doc);
        svc_forecast_stored_free(&list[i]);
    }
    free(list);
    return web_ok(call->res, json_pack("{s:o}", "forecasts", items), meta(call));
}

/* Undoes the %XX of a path segment (a name with spaces), in place. */
static void percent_decode(char *s)
{
    char *out = s;
    for (; *s; s++) {
        if (s[0] == '%' && isxdigit((unsigned char)s[1]) && isxdigit((unsigned char)s[2])) {
            char hex[3] = {s[1], s[2], 0};
            *out++ = (char)strtol(hex, NULL, 16);
            s += 2;
        } else {
            *out++ = *s;
        }
    }
    *out = '\0';
}

/* The stored forecast named, its document parsed into *doc. Returns 0, or
 * the status answered (404 when none, param `field`). */
static int find_stored(WebCall *call, const char *name, const char *field, ForecastStored *f,
                       json_t **doc)
{
    Err err = {0};
    if (svc_forecast_stored_find(call->app->db_path, name, &call->actor, f, &err) < 0) {
        svc_forecast_stored_free(f);
        if (err.code == ERR_NOT_FOUND)
            return web_error(call->res, 404, "not_found", field,
                             "no forecast named '%.100s' is stored", name);
        return web_error_from(call->res, &err);
    }
    *doc = json_loads(f->document ? f->document : "", 0, NULL);
    if (!*doc) {
        svc_forecast_stored_free(f);
        return web_error(call->res, 500, "internal", NULL,
                         "the stored forecast '%.100s' is not JSON", name);
    }
    return 0;
}

int api_forecast_stored(WebCall *call)
{
    char name[128];
    snprintf(name, sizeof name, "%s", call->id ? call->id : "");
    percent_decode(name);
    ForecastStored f;
    json_t *doc;
    int status = find_stored(call, name, "id", &f, &doc);
    if (status) return status;
    json_t *data = stored_summary(&f, doc);
    json_object_set_new(data, "document", doc);
    svc_forecast_stored_free(&f);
    return web_ok(call->res, data, meta(call));
}

/* A name the web application keeps a forecast under: letters, digits,
 * spaces and - _ . ( ) / so that it reads well in a list and a path. */
static bool name_ok(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > 80 || isspace((unsigned char)name[0])) return false;
    for (const char *c = name; *c; c++)
        if (!isalnum((unsigned char)*c) && !strchr(" -_.()", *c)) return false;
    return true;
}

/* A template's text from the body (NULL when absent or empty); answers 400
 * for another type or an oversized one. */
static int template_text(WebCall *call, json_t *body, const char *name, const char **out)
{
    json_t *v = json_object_get(body, name);
    *out = NULL;
    if (!v || json_is_null(v)) return 0;
    if (!json_is_string(v))
        return web_error(call->res, 400, "invalid", name,
                         "%s must be the text of its CSV template (docs/templates.md)", name);
    if (json_string_length(v) > WEB_FORECAST_MAX_TEMPLATE)
        return web_error(call->res, 400, "invalid", name, "%s is over %d bytes", name,
                         WEB_FORECAST_MAX_TEMPLATE);
    if (json_string_length(v) > 0) *out = json_string_value(v);
    return 0;
}

/* The scenario's rows on one line for the list ("" for none). */
static void scenario_line(const char *adjust, char *out, size_t size)
{
    out[0] = '\0';
    if (!adjust) return;
    size_t n = 0;
    const char *first_row = strchr(adjust, '\n'); /* after the header */
    for (const char *c = first_row ? first_row + 1 : ""; *c && n + 3 < size; c++) {
        if (*c == '\r') continue;
        if (*c == '\n') {
            if (c[1] && n > 0) out[n++] = ';', out[n++] = ' ';
            continue;
        }
        out[n++] = *c;
    }
    out[n] = '\0';
}

/* The scenario's templates, and the capacity of a stored forecast when
 * asked for (capacity_from): kept in the document saved, so that it can be
 * used again. Returns 0, or the status answered. */
static int read_templates(WebCall *call, json_t *body, ForecastRequest *req, json_t **kept)
{
    *kept = NULL;
    if (template_text(call, body, "adjust", &req->adjust_text) ||
        template_text(call, body, "capacity", &req->capacity_text) ||
        template_text(call, body, "costs", &req->costs_text))
        return 400;
    const char *from = json_string_value(json_object_get(body, "capacity_from"));
    if (!from || !*from || req->capacity_text) return 0;
    ForecastStored f;
    json_t *doc;
    int status = find_stored(call, from, "capacity_from", &f, &doc);
    if (status) return status;
    svc_forecast_stored_free(&f);
    const char *text =
        json_string_value(json_object_get(json_object_get(doc, "templates"), "capacity"));
    if (!text) {
        json_decref(doc);
        return web_error(call->res, 400, "invalid", "capacity_from",
                         "the stored forecast '%.100s' was made without a capacity template", from);
    }
    *kept = doc; /* holds the text for the run */
    req->capacity_text = text;
    return 0;
}

static json_t *templates_json(const ForecastRequest *req)
{
    return json_pack("{s:s?, s:s?, s:s?}", "adjust", req->adjust_text, "capacity",
                     req->capacity_text, "costs", req->costs_text);
}

/* Keeps doc under name. Returns 0, or the status answered. */
static int save(WebCall *call, const char *name, const ForecastRequest *req, json_t *doc)
{
    ForecastStored f = {.origin = req->from, .years = req->years, .runs = req->runs};
    snprintf(f.name, sizeof f.name, "%s", name);
    scenario_line(req->adjust_text, f.scenario, sizeof f.scenario);
    f.document = json_dumps(doc, JSON_COMPACT);
    Err err = {0};
    int rc = svc_forecast_save(call->app->db_path, &f, &call->actor, &err);
    free(f.document);
    return rc < 0 ? web_error_from(call->res, &err) : 0;
}

/* Refuses a name that is not one or is taken, before anything is computed. */
static int check_name(WebCall *call, const char *name)
{
    if (!name_ok(name))
        return web_error(call->res, 400, "invalid", "name",
                         "a forecast's name is 1 to 80 letters, digits, spaces and - _ . ( )");
    Err err = {0};
    int rc = svc_forecast_stored_exists(call->app->db_path, name, &call->actor, &err);
    if (rc < 0) return web_error_from(call->res, &err);
    if (rc == 1)
        return web_error(call->res, 409, "conflict", "name",
                         "a forecast named '%s' is stored: a stored forecast is never changed",
                         name);
    return 0;
}

int api_forecast_scenario(WebCall *call)
{
    json_t *body = api_json_body(call);
    if (!body) return 400;
    ForecastRequest req = {0};
    Inputs in = {.call = call, .body = body};
    json_t *kept = NULL, *doc = NULL;
    const char *name = json_string_value(json_object_get(body, "name"));
    if (name && !*name) name = NULL;
    int status = read_request(&in, &req);
    if (!status && name) status = check_name(call, name);
    if (!status) status = read_templates(call, body, &req, &kept);
    if (!status) status = run_forecast(call, &req, &doc);
    if (!status) {
        json_object_set_new(doc, "templates", templates_json(&req));
        if (name) status = save(call, name, &req, doc);
    }
    if (!status) {
        json_object_set_new(doc, "saved_as", name ? json_string(name) : json_null());
        status = web_ok(call->res, doc, meta(call));
        if (name) status = call->res->status = 201;
        doc = NULL;
    }
    json_decref(doc);
    json_decref(kept);
    json_decref(body);
    return status;
}
