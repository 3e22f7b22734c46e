/* store_header_years: each year's Header (store.h; the table of
 * schema/sqlite/027_header_years.sql, the map of
 * exchange/ssda903_header_years.h).
 *
 * The import writes Header rows like every table's. What it cannot see
 * there is the stored Header a row replaces (or, from an earlier return,
 * leaves in place) when the two differ: that row is the Header of the years
 * before, which the map must keep. So the store keeps it as it meets it
 * (s->priors): on SQLite put_header (store.c) reads the stored row only when
 * its upsert met one of other values, on PostgreSQL the stage's merge selects
 * them in one statement before it replaces them (store_stage.c). The import
 * then takes them (store_take_header_priors) and sets the map of the few
 * children concerned (store_set_header_years). */
#include "store/store_internal.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_COLUMNS "child, sex, dob, ethnic, upn, mother, mc_dob"

void store_header_free(StoreHeader *h)
{
    for (int c = 0; c < SSDA903_HEADER_COLUMNS; c++) free(h->cells[c]);
    memset(h, 0, sizeof *h);
}

void store_headers_free(StoreHeaders *h)
{
    for (int i = 0; i < h->n; i++) store_header_free(&h->items[i]);
    free(h->items);
    memset(h, 0, sizeof *h);
}

bool store_has_header_years(const Store *s)
{
    return s->schema_version >= STORE_HEADER_YEARS_VERSION;
}

/* The current row of st as a Header: the seven columns, then the year. */
static void read_header(DbStmt *st, StoreHeader *out)
{
    for (int c = 0; c < SSDA903_HEADER_COLUMNS; c++)
        out->cells[c] = db_column_is_null(st, c) ? NULL : xstrdup(db_column_text(st, c));
    out->year = (int)db_column_int(st, SSDA903_HEADER_COLUMNS);
}

/* Adds every row of st to out, and resets st. */
static int read_rows(Store *s, DbStmt *st, StoreHeaders *out, Err *err, const char *what)
{
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        MEM_GROW(out->items, out->n, out->cap);
        read_header(st, &out->items[out->n++]);
    }
    db_reset(st);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, what);
}

/* Like read_rows, then finalizes st (a statement prepared for one use). */
static int read_headers(Store *s, DbStmt *st, StoreHeaders *out, Err *err, const char *what)
{
    int rc = read_rows(s, st, out, err, what);
    db_finalize(st);
    return rc;
}

/* Statements run once for each of a few children are prepared once for the
 * store's life (store.c, stmt_sql): preparing them each time cost more than
 * running them. */
int store_keep_header_prior(Store *s, const char *child, Err *err)
{
    DbStmt *st = store_stmt(s, STMT_READ_HEADER, err);
    if (!st) return ERR_DB;
    db_bind_text(st, 1, child);
    return read_rows(s, st, &s->priors, err, "reading a stored Header");
}

int store_keep_header_priors_of(Store *s, const char *source, Err *err)
{
    if (!store_has_header_years(s)) return 0;
    size_t size = strlen(source) + 512;
    char *sql = xmalloc(size);
    snprintf(sql, size,
             "SELECT h.child, h.sex, h.dob, h.ethnic, h.upn, h.mother, h.mc_dob, h.source_year "
             "FROM header h JOIN (%s) g ON g.child = h.child "
             "WHERE (h.sex, h.dob, h.ethnic, h.upn, h.mother, h.mc_dob) IS DISTINCT FROM "
             "(g.sex, g.dob, g.ethnic, g.upn, g.mother, g.mc_dob)",
             source);
    DbStmt *st;
    int rc = db_prepare(s->conn, sql, false, &st);
    free(sql);
    if (rc < 0) return db_error(s->conn, err, "reading the stored Headers an import replaces");
    return read_headers(s, st, &s->priors, err, "reading the stored Headers an import replaces");
}

static int by_child(const void *pa, const void *pb)
{
    const StoreHeader *a = pa, *b = pb;
    int c = strcmp(a->cells[0], b->cells[0]);
    return c ? c : (a->year > b->year) - (a->year < b->year);
}

int store_take_header_priors(Store *s, StoreHeaders *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (s->stage.on && store_stage_merge(s, err) < 0) return ERR_DB;
    *out = s->priors;
    memset(&s->priors, 0, sizeof s->priors);
    if (out->n > 1) qsort(out->items, (size_t)out->n, sizeof *out->items, by_child);
    return 0;
}

/* The rows of sql (with the council as ?1 when the store works for one) into
 * out, sorted in C order, whatever the engine's collation, for the import's
 * search. */
static int load_sorted(Store *s, const char *sql, const char *sql_for_council, StoreHeaders *out,
                       Err *err)
{
    DbStmt *st;
    if (db_prepare(s->conn, *s->council ? sql_for_council : sql, false, &st) < 0)
        return db_error(s->conn, err, "reading each year's Header");
    if (*s->council) db_bind_text(st, 1, s->council);
    int rc = read_headers(s, st, out, err, "reading each year's Header");
    if (rc == 0 && out->n > 1) qsort(out->items, (size_t)out->n, sizeof *out->items, by_child);
    return rc;
}

int store_load_header_years(Store *s, StoreHeaders *entries, StoreHeaders *current, Err *err)
{
    memset(entries, 0, sizeof *entries);
    memset(current, 0, sizeof *current);
    if (!store_has_header_years(s)) return 0;
    if (s->stage.on && store_stage_merge(s, err) < 0) return ERR_DB;
    int rc = load_sorted(s,
                         "SELECT " HEADER_COLUMNS ", until_year FROM header_years "
                         "ORDER BY child, until_year",
                         "SELECT " HEADER_COLUMNS ", until_year FROM header_years "
                         "WHERE la = ?1 ORDER BY child, until_year",
                         entries, err);
    if (rc < 0 || entries->n == 0) return rc;
    return load_sorted(s,
                       "SELECT " HEADER_COLUMNS ", source_year FROM header "
                       "WHERE child IN (SELECT child FROM header_years)",
                       "SELECT " HEADER_COLUMNS ", source_year FROM header "
                       "WHERE la = ?1 AND child IN (SELECT child FROM header_years)",
                       current, err);
}

int store_read_headers(Store *s, const char *const *children, int n, StoreHeaders *out, Err *err)
{
    enum { PER_STATEMENT = 60 }; /* the PostgreSQL driver binds up to 64 (store/pg.c) */
    memset(out, 0, sizeof *out);
    if (s->stage.on && store_stage_merge(s, err) < 0) return ERR_DB;
    if (n == 1) { /* the import asks for one child at a time too: a statement kept */
        DbStmt *one = store_stmt(s, STMT_READ_HEADER, err);
        if (!one) return ERR_DB;
        db_bind_text(one, 1, children[0]);
        return read_rows(s, one, out, err, "reading a stored Header");
    }
    char sql[160 + PER_STATEMENT * 6];
    int len = snprintf(sql, sizeof sql,
                       "SELECT " HEADER_COLUMNS ", source_year FROM header WHERE child IN (");
    for (int p = 1; p <= PER_STATEMENT; p++)
        len += snprintf(sql + len, sizeof sql - (size_t)len, p > 1 ? ", ?%d" : "?%d", p);
    snprintf(sql + len, sizeof sql - (size_t)len, ")");
    DbStmt *st;
    if (db_prepare(s->conn, sql, false, &st) < 0)
        return db_error(s->conn, err, "reading stored Headers");
    int rc = 0;
    for (int at = 0; at < n && rc == 0; at += PER_STATEMENT) {
        /* Parameters not bound are NULL, which no child equals. */
        for (int p = 0; p < PER_STATEMENT && at + p < n; p++)
            db_bind_text(st, p + 1, children[at + p]);
        while ((rc = db_step(st)) == DB_ROW) {
            MEM_GROW(out->items, out->n, out->cap);
            read_header(st, &out->items[out->n++]);
        }
        db_reset(st);
        rc = rc == DB_DONE ? 0 : db_error(s->conn, err, "reading stored Headers");
    }
    db_finalize(st);
    if (rc == 0 && out->n > 1) qsort(out->items, (size_t)out->n, sizeof *out->items, by_child);
    return rc;
}

static int run_done(Store *s, DbStmt *st, Err *err, const char *what)
{
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, what);
}

/* ---- Writing a child's entries ---------------------------------------------
 *
 * A first import gives thousands of children a map (11,240 entries in the
 * 100,000-child history). On PostgreSQL an insert apiece was a round trip
 * apiece, a second of an import spent waiting; there the entries wait in
 * s->stage.header_years, a column an array, and go a thousand at a time in
 * one INSERT ... SELECT FROM unnest(...), the last of them when the stage
 * is merged (before anything reads or commits). SQLite, in the same process,
 * inserts them one by one. */

enum { HEADER_YEARS_PER_STATEMENT = 1000 };

static void drop_header_years(Store *s)
{
    for (int c = 0; c < STORE_HEADER_YEAR_COLUMNS; c++) pg_array_clear(&s->stage.header_years[c]);
    s->stage.n_header_years = 0;
}

/* Inserts the entries waiting in the stage. */
int store_flush_header_years(Store *s, Err *err)
{
    StoreStage *g = &s->stage;
    if (g->n_header_years == 0) return 0;
    DbStmt *st;
    if (db_prepare(s->conn,
                   "INSERT INTO header_years (" HEADER_COLUMNS ", until_year, la) "
                   "SELECT c, s, d, e, u, m, mc, CAST(y AS BIGINT), l FROM unnest("
                   "CAST(?1 AS TEXT[]), CAST(?2 AS TEXT[]), CAST(?3 AS TEXT[]), "
                   "CAST(?4 AS TEXT[]), CAST(?5 AS TEXT[]), CAST(?6 AS TEXT[]), "
                   "CAST(?7 AS TEXT[]), CAST(?8 AS TEXT[]), CAST(?9 AS TEXT[])) "
                   "AS r(c, s, d, e, u, m, mc, y, l)",
                   false, &st) < 0)
        return db_error(s->conn, err, "setting each year's Header");
    for (int c = 0; c < STORE_HEADER_YEAR_COLUMNS; c++)
        db_bind_text(st, c + 1, pg_array_end(&g->header_years[c]));
    int rc = db_step(st);
    db_finalize(st);
    drop_header_years(s);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "setting each year's Header");
}

void store_free_header_years(Store *s)
{
    for (int c = 0; c < STORE_HEADER_YEAR_COLUMNS; c++) pg_array_free(&s->stage.header_years[c]);
    s->stage.n_header_years = 0;
}

static int add_to_batch(Store *s, const char *child, const HeaderYear *e, Err *err)
{
    PgArray *col = s->stage.header_years;
    char year[16];
    snprintf(year, sizeof year, "%d", e->year);
    pg_array_add(&col[0], child);
    for (int c = 1; c < SSDA903_HEADER_COLUMNS; c++) pg_array_add(&col[c], e->cells[c]);
    pg_array_add(&col[SSDA903_HEADER_COLUMNS], year);
    pg_array_add(&col[SSDA903_HEADER_COLUMNS + 1], s->council);
    if (++s->stage.n_header_years < HEADER_YEARS_PER_STATEMENT) return 0;
    /* A statement ends the COPY the stage may have open. */
    return store_stage_merge(s, err);
}

static int insert_one(Store *s, const char *child, const HeaderYear *e, Err *err)
{
    DbStmt *ins = store_stmt(s, STMT_PUT_HEADER_YEAR, err);
    if (!ins) return ERR_DB;
    db_bind_text(ins, 1, child);
    for (int c = 1; c < SSDA903_HEADER_COLUMNS; c++) db_bind_text(ins, c + 1, e->cells[c]);
    db_bind_int(ins, 8, e->year);
    db_bind_text(ins, 9, s->council);
    return run_done(s, ins, err, "setting each year's Header");
}

int store_set_header_years(Store *s, const char *child, const HeaderYear *entries, int n, bool had,
                           Err *err)
{
    if (had) {
        /* A statement of its own: the stage's open COPY ends first. */
        if (s->stage.on && store_stage_merge(s, err) < 0) return ERR_DB;
        DbStmt *del = store_stmt(s, STMT_DELETE_HEADER_YEARS, err);
        if (!del) return ERR_DB;
        db_bind_text(del, 1, child);
        if (run_done(s, del, err, "setting each year's Header") < 0) return ERR_DB;
    }
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++)
        rc = s->stage.on ? add_to_batch(s, child, &entries[i], err)
                         : insert_one(s, child, &entries[i], err);
    return rc;
}
