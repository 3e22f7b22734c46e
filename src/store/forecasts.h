/* store/forecasts: placement sufficiency forecasts kept by name (schema 11:
 * schema/sqlite/011_forecast.sql), each the whole JSON document of the
 * forecast with its back-test scores. What a document holds is render/'s
 * (forecast_write); the store keeps it as text. Saving one is not a commit of
 * the history (store_commits): it changes no child's record. */
#ifndef CAREPLEDGE_STORE_FORECASTS_H
#define CAREPLEDGE_STORE_FORECASTS_H

#include "base/err.h"
#include "store/store.h"

#include <stdbool.h>

enum { STORE_FORECAST_SCHEMA = 11, STORE_FORECAST_NAME = 96 };

typedef struct StoreForecast {
    char name[STORE_FORECAST_NAME];
    char saved[24]; /* YYYY-MM-DDTHH:MM:SSZ */
    char saved_by[64];
    char origin[16]; /* YYYY-MM-DD */
    int years;
    long runs;
    char scenario[256]; /* "" for none */
    char *document;     /* the JSON */
} StoreForecast;

/* Whether the database has the table (an older one opened read-only has
 * not: then there are no stored forecasts). */
bool store_forecasts_present(Store *s);
/* Keeps f (with its document); ERR_CONFLICT when the name is taken. */
int store_forecast_save(Store *s, const StoreForecast *f, Err *err);
/* Every stored forecast, the latest saved first; free each with
 * store_forecast_free and *out with free(). */
int store_forecasts(Store *s, StoreForecast **out, int *n, Err *err);
/* The forecast named, with its document (free it with
 * store_forecast_free); ERR_NOT_FOUND when there is none. */
int store_forecast_find(Store *s, const char *name, StoreForecast *out, Err *err);
void store_forecast_free(StoreForecast *f);

#endif
