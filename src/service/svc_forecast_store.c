/* svc_forecast_store: forecasts kept by name with their back-test scores
 * (svc_forecast.h, "Stored forecasts"; store/forecasts.h; docs/forecast.md).
 * The document is what the front end rendered: this layer keeps and returns
 * it whole. */
#include "service/svc_forecast.h"

#include "base/mem.h"
#include "store/forecasts.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void now_utc(char out[24])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void from_store(const StoreForecast *s, ForecastStored *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "%s", s->name);
    snprintf(out->saved, sizeof out->saved, "%s", s->saved);
    snprintf(out->saved_by, sizeof out->saved_by, "%s", s->saved_by);
    if (date_parse_iso(s->origin, strlen(s->origin), &out->origin) < 0) out->origin = DATE_NONE;
    out->years = s->years;
    out->runs = s->runs;
    snprintf(out->scenario, sizeof out->scenario, "%s", s->scenario);
    out->document = s->document ? xstrdup(s->document) : NULL;
}

int svc_forecast_save(const char *db_path, const ForecastStored *f, const Actor *actor, Err *err)
{
    if (service_check_actor(actor, err) < 0) return err->code;
    size_t len = strlen(f->name);
    if (len == 0 || len >= STORE_FORECAST_NAME)
        return service_invalid(err, "save", "a forecast needs a name of 1 to %d characters",
                               STORE_FORECAST_NAME - 1);
    if (!f->document) return service_invalid(err, "save", "there is no forecast to keep");
    StoreForecast s = {.years = f->years, .runs = f->runs, .document = f->document};
    snprintf(s.name, sizeof s.name, "%s", f->name);
    now_utc(s.saved);
    snprintf(s.saved_by, sizeof s.saved_by, "%s", actor->name);
    date_format_iso(f->origin, s.origin);
    snprintf(s.scenario, sizeof s.scenario, "%s", f->scenario);
    Store *st;
    if (store_open(db_path, &st, err) < 0) return err->code;
    int rc = store_forecast_save(st, &s, err);
    store_close(st);
    if (rc == ERR_CONFLICT) err_param(err, "save");
    return rc;
}

int svc_forecast_stored_exists(const char *db_path, const char *name, const Actor *actor, Err *err)
{
    ForecastStored f;
    int rc = svc_forecast_stored_find(db_path, name, actor, &f, err);
    svc_forecast_stored_free(&f);
    if (rc == ERR_NOT_FOUND) {
        memset(err, 0, sizeof *err);
        return 0;
    }
    return rc < 0 ? rc : 1;
}

int svc_forecast_stored_list(const char *db_path, const Actor *actor, ForecastStored **out, int *n,
                             Err *err)
{
    *out = NULL;
    *n = 0;
    if (service_check_actor(actor, err) < 0) return err->code;
    Store *st;
    if (store_open_read(db_path, &st, err) < 0) return err->code;
    StoreForecast *rows;
    int rc = store_forecasts(st, &rows, n, err);
    store_close(st);
    if (rc < 0) return rc;
    *out = xcalloc((size_t)*n + 1, sizeof **out);
    for (int i = 0; i < *n; i++) {
        from_store(&rows[i], &(*out)[i]);
        store_forecast_free(&rows[i]);
    }
    free(rows);
    return 0;
}

int svc_forecast_stored_find(const char *db_path, const char *name, const Actor *actor,
                             ForecastStored *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (service_check_actor(actor, err) < 0) return err->code;
    Store *st;
    if (store_open_read(db_path, &st, err) < 0) return err->code;
    StoreForecast row;
    int rc = store_forecast_find(st, name ? name : "", &row, err);
    store_close(st);
    if (rc == ERR_NOT_FOUND) err_param(err, "show");
    if (rc < 0) return rc;
    from_store(&row, out);
    store_forecast_free(&row);
    return 0;
}

void svc_forecast_stored_free(ForecastStored *f)
{
    free(f->document);
    f->document = NULL;
}
