/* svc_forecast: the placement sufficiency forecast use case (issue 15;
 * docs/forecast.md). From the history as it was known on an origin date it
 * estimates the rates of domain/forecast, simulates futures
 * (domain/forecast_sim) on every processor, and back-tests the same method
 * from every earlier 31 March whose outcome is known, scoring it beside
 * no-change and linear-trend forecasts (domain/forecast_backtest), so that
 * every forecast comes with the record of the ones before it. With a
 * scenario (ForecastAdjust), capacity and costs it works out the
 * sufficiency gap and the cost of the placements forecast. */
#ifndef CAREPLEDGE_SVC_FORECAST_H
#define CAREPLEDGE_SVC_FORECAST_H

#include "domain/forecast_report.h"
#include "service/context.h"
#include "service/service.h"

#include <stdint.h>

typedef struct ForecastRequest {
    Date from;  /* the origin: the last day whose history the forecast uses */
    int years;  /* years ahead, 1..FORECAST_MAX_YEARS */
    int window; /* years of history the rates are estimated from, 1..FORECAST_MAX_WINDOW */
    long runs;  /* simulated futures, 1..FORECAST_MAX_RUNS */
    uint64_t seed;
    bool backtest;         /* the full back-test: its points are wanted too */
    long backtest_runs;    /* futures per back-test origin; 0: no back-test */
    const char *postcodes; /* the ONS Postcode Directory, or NULL: distance not known */
    const char *la;        /* the council's own upper-tier code, or NULL */
    const char *adjust;    /* the scenario template (docs/templates.md), or NULL */
    const char *capacity;  /* the placements template, or NULL */
    const char *costs;     /* the costs template, or NULL */
    /* The templates' text itself (the web application's form and upload),
     * each read when its file above is NULL; problems are named
     * "adjust:LINE:COLUMN: FIELD", "capacity:..." and "costs:...". */
    const char *adjust_text, *capacity_text, *costs_text;
    int threads;       /* 0: one per processor; the figures never depend on it */
    bool time_in_care; /* exit rates by time in care, where the data supports it */
} ForecastRequest;

typedef struct ForecastResult {
    ForecastReport report;
} ForecastResult;

/* Runs the forecast (a history with nobody in care before the origin gives
 * a forecast of nothing). Returns 0, ERR_USAGE (a request parameter out of
 * range: err->param names it), ERR_IO or ERR_INPUT (the directory or a
 * template cannot be read, or a template row is wrong), or a loading error. Free out with
 * svc_forecast_free either way. */
int svc_forecast_run(const AppContext *ctx, const ServiceData *data, const ForecastRequest *req,
                     const Actor *actor, ForecastResult *out, Err *err);
void svc_forecast_free(ForecastResult *r);

/* ---- Stored forecasts (svc_forecast_store.c; docs/forecast.md) ---- */

/* A forecast kept by name: the whole of it with its back-test, as the JSON
 * document render/forecast_write gives. */
typedef struct ForecastStored {
    char name[96];
    char saved[24]; /* YYYY-MM-DDTHH:MM:SSZ, UTC */
    char saved_by[64];
    Date origin;
    int years;
    long runs;
    char scenario[256]; /* the scenario file's name, "" for none */
    char *document;     /* the JSON */
} ForecastStored;

/* Keeps a forecast under f->name (1 to 95 characters; saved and saved_by
 * are filled in here). ERR_USAGE (param "save") for a bad name, ERR_CONFLICT
 * when the name is taken. */
int svc_forecast_save(const char *db_path, const ForecastStored *f, const Actor *actor, Err *err);
/* Whether a forecast of that name is stored (0: no, 1: yes, or an error). */
int svc_forecast_stored_exists(const char *db_path, const char *name, const Actor *actor, Err *err);
/* Every stored forecast, the latest first; free each with
 * svc_forecast_stored_free and *out with free(). */
int svc_forecast_stored_list(const char *db_path, const Actor *actor, ForecastStored **out, int *n,
                             Err *err);
/* The one named, with its document; ERR_NOT_FOUND (param "show") when none.
 * Free with svc_forecast_stored_free. */
int svc_forecast_stored_find(const char *db_path, const char *name, const Actor *actor,
                             ForecastStored *out, Err *err);
void svc_forecast_stored_free(ForecastStored *f);

#endif
