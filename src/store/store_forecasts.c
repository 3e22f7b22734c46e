/* store_forecasts: see store/forecasts.h. */
#include "store/forecasts.h"

#include "base/mem.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool store_forecasts_present(Store *s)
{
    return store_schema_version(s) >= STORE_FORECAST_SCHEMA;
}

static int prepare(Store *s, const char *sql, DbStmt **st, Err *err)
{
    if (db_prepare(s->conn, sql, false, st) < 0) return db_error(s->conn, err, "preparing");
    return 0;
}

int store_forecast_save(Store *s, const StoreForecast *f, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "INSERT INTO forecasts (name, saved, saved_by, origin, years, runs, scenario, "
                "document) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                &st, err) < 0)
        return ERR_DB;
    if (db_begin_write(s->conn, err) < 0) {
        db_finalize(st);
        return ERR_DB;
    }
    db_bind_text(st, 1, f->name);
    db_bind_text(st, 2, f->saved);
    db_bind_text(st, 3, f->saved_by);
    db_bind_text(st, 4, f->origin);
    db_bind_int(st, 5, f->years);
    db_bind_int(st, 6, f->runs);
    db_bind_text(st, 7, f->scenario);
    db_bind_text(st, 8, f->document);
    if (db_step(st) != DB_DONE) {
        bool taken = strstr(db_errmsg(s->conn), "UNIQUE") || strstr(db_errmsg(s->conn), "unique");
        db_error(s->conn, err, "saving a forecast");
        db_finalize(st);
        db_rollback(s->conn);
        if (taken) return err_set(err, ERR_CONFLICT, "a forecast named '%s' is stored", f->name);
        return ERR_DB;
    }
    db_finalize(st);
    return db_commit(s->conn, err) < 0 ? ERR_DB : 0;
}

static void copy_text(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

static void read_row(DbStmt *st, StoreForecast *f, bool document)
{
    memset(f, 0, sizeof *f);
    copy_text(f->name, sizeof f->name, db_column_text(st, 0));
    copy_text(f->saved, sizeof f->saved, db_column_text(st, 1));
    copy_text(f->saved_by, sizeof f->saved_by, db_column_text(st, 2));
    copy_text(f->origin, sizeof f->origin, db_column_text(st, 3));
    f->years = (int)db_column_int(st, 4);
    f->runs = (long)db_column_int(st, 5);
    copy_text(f->scenario, sizeof f->scenario, db_column_text(st, 6));
    if (document) f->document = xstrdup(db_column_text(st, 7) ? db_column_text(st, 7) : "");
}

#define FORECAST_SELECT \
    "SELECT name, saved, saved_by, origin, years, runs, scenario, document FROM forecasts "

int store_forecasts(Store *s, StoreForecast **out, int *n, Err *err)
{
    *out = NULL;
    *n = 0;
    if (!store_forecasts_present(s)) return 0;
    DbStmt *st;
    if (prepare(s, FORECAST_SELECT "ORDER BY saved DESC, name", &st, err) < 0) return ERR_DB;
    int rc, cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        MEM_GROW(*out, *n, cap);
        read_row(st, &(*out)[(*n)++], true);
    }
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "reading the stored forecasts") : 0;
}

int store_forecast_find(Store *s, const char *name, StoreForecast *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (!store_forecasts_present(s))
        return err_set(err, ERR_NOT_FOUND, "no forecast named '%s' is stored", name);
    DbStmt *st;
    if (prepare(s, FORECAST_SELECT "WHERE name = ?1", &st, err) < 0) return ERR_DB;
    db_bind_text(st, 1, name);
    int rc = db_step(st);
    if (rc == DB_ROW) read_row(st, out, true);
    db_finalize(st);
    if (rc < 0) return db_error(s->conn, err, "reading a stored forecast");
    return rc == DB_ROW ? 0 : err_set(err, ERR_NOT_FOUND, "no forecast named '%s' is stored", name);
}

void store_forecast_free(StoreForecast *f)
{
    free(f->document);
    f->document = NULL;
}
