/* db: see store/db.h. Chooses the driver by the target's form and passes
 * every other call to the driver the connection or statement was made by
 * (store/db_driver.h). */
#include "store/db_driver.h"

#include <stdio.h>
#include <string.h>

bool db_target_is_postgres(const char *target)
{
    return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0 ||
           strncmp(target, "postgres:", 9) == 0;
}

/* postgresql://user:secret@host/db -> postgresql://user:***@host/db; a
 * key=value password in the query string is hidden the same way. */
void db_target_name(const char *target, char *out, size_t size)
{
    snprintf(out, size, "%s", target);
    if (!db_target_is_postgres(target)) return;
    char *scheme_end = strstr(out, "://");
    char *at = scheme_end ? strchr(scheme_end + 3, '@') : NULL;
    char *colon = at ? memchr(scheme_end + 3, ':', (size_t)(at - scheme_end - 3)) : NULL;
    if (colon) {
        char rest[1024];
        snprintf(rest, sizeof rest, "%s", at);
        snprintf(colon, size - (size_t)(colon - out), ":***%s", rest);
    }
    char *pw = strstr(out, "password=");
    if (pw) {
        char *end = strpbrk(pw, "& ");
        char rest[1024];
        snprintf(rest, sizeof rest, "%s", end ? end : "");
        snprintf(pw, size - (size_t)(pw - out), "password=***%s", rest);
    }
}

int db_open(const char *target, DbOpenMode mode, DbConn **out, Err *err)
{
    const DbDriver *d = db_target_is_postgres(target) ? &db_pg_driver : &db_sqlite_driver;
    return d->open(target, mode, out, err);
}

int db_open_reader(DbConn *c, DbConn **out)
{
    return c->driver->open_reader(c, out);
}

void db_close(DbConn *c)
{
    if (c) c->driver->close(c);
}

const char *db_dialect(const DbConn *c)
{
    return c->driver->dialect;
}

const char *db_errmsg(const DbConn *c)
{
    return c->driver->errmsg(c);
}

int db_error(const DbConn *c, Err *err, const char *what)
{
    return err_set(err, ERR_DB, "%s: %s", what, db_errmsg(c));
}

int db_copy(DbConn *from, DbConn *to, Err *err)
{
    if (from->driver != to->driver || !from->driver->copy)
        return err_set(err, ERR_UNAVAILABLE,
                       "a whole-database copy needs two SQLite databases; for PostgreSQL use "
                       "pg_dump, or carepledge migrate between engines");
    return from->driver->copy(from, to, err);
}

long long db_changes(DbConn *c)
{
    return c->driver->changes ? c->driver->changes(c) : -1;
}

int db_take_note(DbConn *c)
{
    return c->driver->take_note ? c->driver->take_note(c) : -1;
}

bool db_last_was_conflict(const DbConn *c)
{
    return c->driver->last_was_conflict(c);
}

int db_exec(DbConn *c, const char *sql, Err *err)
{
    return c->driver->exec(c, sql, err);
}

bool db_has_table(DbConn *c, const char *table)
{
    return c->driver->has_table(c, table);
}

int db_prepare(DbConn *c, const char *sql, bool long_lived, DbStmt **out)
{
    return c->driver->prepare(c, sql, long_lived, out);
}

int db_prepare_rows(DbConn *c, const char *sql, DbStmt **out)
{
    if (c->driver->prepare_rows) return c->driver->prepare_rows(c, sql, out);
    return c->driver->prepare(c, sql, false, out);
}

void db_finalize(DbStmt *st)
{
    if (st) st->driver->finalize(st);
}

void db_bind_text(DbStmt *st, int i, const char *text)
{
    st->driver->bind_text(st, i, text);
}

void db_bind_int(DbStmt *st, int i, long long v)
{
    st->driver->bind_int(st, i, v);
}

int db_step(DbStmt *st)
{
    return st->driver->step(st);
}

void db_reset(DbStmt *st)
{
    st->driver->reset(st);
}

int db_column_count(DbStmt *st)
{
    return st->driver->column_count(st);
}

bool db_column_is_null(DbStmt *st, int i)
{
    return st->driver->column_is_null(st, i);
}

const char *db_column_text(DbStmt *st, int i)
{
    return st->driver->column_text(st, i);
}

size_t db_column_bytes(DbStmt *st, int i)
{
    return st->driver->column_bytes(st, i);
}

long long db_column_int(DbStmt *st, int i)
{
    return st->driver->column_int(st, i);
}

const char *db_column_name(DbStmt *st, int i)
{
    return st->driver->column_name(st, i);
}

/* db_step_row for a driver without its own: column by column. Apart, so that
 * the call through step_row saves no registers it does not use. */
__attribute__((noinline)) static int step_row_by_column(DbStmt *st, const DbType *types, int n,
                                                        DbValue *row)
{
    int rc = st->driver->step(st);
    if (rc != DB_ROW) return rc;
    for (int i = 0; i < n; i++) {
        if (types[i] == DB_INT)
            row[i].num = st->driver->column_int(st, i);
        else
            row[i].text = st->driver->column_text(st, i);
    }
    return rc;
}

int db_step_row(DbStmt *st, const DbType *types, int n, DbValue *row)
{
    if (st->driver->step_row) return st->driver->step_row(st, types, n, row);
    return step_row_by_column(st, types, n, row);
}

int db_prepare_tables(DbConn *c, DbStmt **out)
{
    return db_prepare(c, c->driver->tables_sql, false, out);
}

int db_after_copy(DbConn *c, const char *table, Err *err)
{
    return c->driver->after_copy ? c->driver->after_copy(c, table, err) : 0;
}

int db_begin_read(DbConn *c, Err *err)
{
    return c->driver->begin_read(c, err);
}

int db_begin_write(DbConn *c, Err *err)
{
    return c->driver->begin_write(c, err);
}

int db_commit(DbConn *c, Err *err)
{
    return c->driver->commit(c, err);
}

void db_rollback(DbConn *c)
{
    c->driver->rollback(c);
}

bool db_in_transaction(DbConn *c)
{
    return c->driver->in_transaction(c);
}

void db_set_wait(DbConn *c, int ms)
{
    c->driver->set_wait(c, ms);
}

bool db_can_copy(const DbConn *c)
{
    return c->driver->copy_begin != NULL;
}

static int unsupported(const DbConn *c, Err *err, const char *what)
{
    return err_set(err, ERR_DB, "%s: the %s driver has none", what, c->driver->dialect);
}

int db_copy_begin(DbConn *c, const char *table, const char *columns, Err *err)
{
    if (!db_can_copy(c)) return unsupported(c, err, "bulk copy");
    return c->driver->copy_begin(c, table, columns, err);
}

int db_copy_row(DbConn *c, const char *const *values, int n, Err *err)
{
    if (!db_can_copy(c)) return unsupported(c, err, "bulk copy");
    return c->driver->copy_row(c, values, n, err);
}

int db_copy_end(DbConn *c, Err *err)
{
    if (!db_can_copy(c)) return unsupported(c, err, "bulk copy");
    return c->driver->copy_end(c, err);
}

bool db_can_notify(const DbConn *c)
{
    return c->driver->listen != NULL;
}

int db_listen(DbConn *c, const char *channel, Err *err)
{
    if (!db_can_notify(c)) return unsupported(c, err, "change notices");
    return c->driver->listen(c, channel, err);
}

int db_notify(DbConn *c, const char *channel, Err *err)
{
    if (!db_can_notify(c)) return unsupported(c, err, "change notices");
    return c->driver->notify(c, channel, err);
}

int db_wait_notice(DbConn *c, int timeout_ms)
{
    return db_can_notify(c) ? c->driver->wait_notice(c, timeout_ms) : ERR_DB;
}

int db_set_council(DbConn *c, const char *council, Err *err)
{
    return c->driver->set_council ? c->driver->set_council(c, council, err) : 0;
}
