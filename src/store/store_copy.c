/* store_copy: one whole database copied into another, of either engine
 * (store.h store_copy_database; `carepledge migrate`).
 *
 * Every table is copied as it is stored, row for row and value for value,
 * the schema_migrations, commit counter, import log, users and audit chain
 * included, so the copy answers every command as the original did and its
 * audit chain still verifies. The tables are read from the source in one read
 * transaction (one commit of it) and written to the target in one write
 * transaction: a copy that fails leaves the target as it was. Values travel
 * as text, which both engines turn back into the column's type. */
#include "store/store_internal.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct TableList {
    char **names;
    int n, cap;
} TableList;

static void table_list_free(TableList *t)
{
    for (int i = 0; i < t->n; i++) free(t->names[i]);
    free(t->names);
}

static int list_tables(DbConn *c, TableList *out, Err *err)
{
    DbStmt *st;
    memset(out, 0, sizeof *out);
    if (db_prepare_tables(c, &st) < 0) return db_error(c, err, "listing the tables");
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        MEM_GROW(out->names, out->n, out->cap);
        out->names[out->n++] = xstrdup(db_column_text(st, 0));
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(c, err, "listing the tables");
}

static bool listed(const TableList *t, const char *name)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->names[i], name) == 0) return true;
    return false;
}

/* The tables a new database already fills itself (its migrations' record,
 * the commit counter and the survey's questions of 009_survey.sql); the copy
 * replaces their rows with the source's. */
static bool filled_by_migrations(const char *table)
{
    return strcmp(table, "schema_migrations") == 0 || strcmp(table, "store_commits") == 0 ||
           strcmp(table, "survey_questions") == 0;
}

/* A copy goes only into a database that holds nothing yet. */
static int check_empty(DbConn *c, const TableList *tables, const char *name, Err *err)
{
    for (int i = 0; i < tables->n; i++) {
        if (filled_by_migrations(tables->names[i])) continue;
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", tables->names[i]);
        if (store_query_int(c, sql, 1) != 0)
            return err_at(err, ERR_CONFLICT, name, 0, 0, NULL,
                          "the target already holds data (table %s): migrate copies only into "
                          "a new, empty database",
                          tables->names[i]);
    }
    return 0;
}

/* "a", "b", "c" (quoted: some columns, like user, are reserved words). */
static char *column_list(DbStmt *st, int n)
{
    size_t size = 1;
    for (int i = 0; i < n; i++) size += strlen(db_column_name(st, i)) + 4;
    char *s = xmalloc(size);
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len +=
            (size_t)snprintf(s + len, size - len, "%s\"%s\"", i ? ", " : "", db_column_name(st, i));
    return s;
}

static DbStmt *prepare_insert(DbConn *to, const char *table, const char *columns, int n, Err *err)
{
    size_t size = strlen(table) + strlen(columns) + (size_t)n * 6 + 64;
    char *sql = xmalloc(size);
    size_t len = (size_t)snprintf(sql, size, "INSERT INTO \"%s\" (%s) VALUES (", table, columns);
    for (int i = 1; i <= n; i++)
        len += (size_t)snprintf(sql + len, size - len, "%s?%d", i > 1 ? ", " : "", i);
    snprintf(sql + len, size - len, ")");
    DbStmt *st = NULL;
    if (db_prepare(to, sql, false, &st) < 0) db_error(to, err, "preparing the copy");
    free(sql);
    return st;
}

/* Sends the current row of src to the target: by COPY or by an insert. */
static int put_row(DbConn *to, DbStmt *src, DbStmt *insert, int n, Err *err)
{
    const char *values[256];
    if (n > 256) return err_set(err, ERR_INTERNAL, "a table of more than 256 columns");
    for (int i = 0; i < n; i++)
        values[i] = db_column_is_null(src, i) ? NULL : db_column_text(src, i);
    if (!insert) return db_copy_row(to, values, n, err);
    for (int i = 0; i < n; i++) db_bind_text(insert, i + 1, values[i]);
    int rc = db_step(insert);
    db_reset(insert);
    return rc == DB_DONE ? 0 : db_error(to, err, "copying a row");
}

static int copy_rows(DbConn *from, DbConn *to, const char *table, DbStmt *src, long long *rows,
                     Err *err)
{
    int n = db_column_count(src);
    char *columns = column_list(src, n);
    DbStmt *insert = NULL;
    int rc = 0;
    if (db_can_copy(to)) {
        char quoted[160];
        snprintf(quoted, sizeof quoted, "\"%s\"", table);
        rc = db_copy_begin(to, quoted, columns, err);
    } else if (!(insert = prepare_insert(to, table, columns, n, err))) {
        rc = ERR_DB;
    }
    int step;
    while (rc == 0 && (step = db_step(src)) == DB_ROW) {
        rc = put_row(to, src, insert, n, err);
        if (rc == 0) (*rows)++;
    }
    if (rc == 0 && step != DB_DONE) rc = db_error(from, err, "reading the source");
    if (db_can_copy(to) && rc == 0) rc = db_copy_end(to, err);
    db_finalize(insert);
    free(columns);
    return rc;
}

static int copy_table(DbConn *from, DbConn *to, const char *table, long long *rows, Err *err)
{
    char sql[256];
    snprintf(sql, sizeof sql, "DELETE FROM \"%s\"", table);
    if (db_exec(to, sql, err) < 0) return ERR_DB;
    snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", table);
    DbStmt *src;
    if (db_prepare(from, sql, false, &src) < 0) return db_error(from, err, "reading the source");
    int rc = copy_rows(from, to, table, src, rows, err);
    db_finalize(src);
    if (rc < 0) return err_set(err, ERR_DB, "copying table %s: %s", table, err->msg);
    return db_after_copy(to, table, err);
}

static int copy_all(Store *from, Store *to, const TableList *tables, StoreCopyReport *rep, Err *err)
{
    if (db_begin_read(from->conn, err) < 0) return ERR_DB;
    if (db_begin_write(to->conn, err) < 0) {
        db_rollback(from->conn);
        return ERR_DB;
    }
    int rc = 0;
    for (int i = 0; i < tables->n && rc == 0; i++) {
        rc = copy_table(from->conn, to->conn, tables->names[i], &rep->rows, err);
        if (rc == 0) rep->tables++;
    }
    if (rc == 0) rc = db_commit(to->conn, err);
    if (rc < 0) db_rollback(to->conn);
    db_rollback(from->conn);
    return rc;
}

/* The two databases must be of one schema version, each table of the
 * source known to the target, and the target empty. */
static int check_pair(Store *from, Store *to, const TableList *src, const TableList *dst,
                      const char *to_name, Err *err)
{
    if (from->schema_version != to->schema_version)
        return err_set(err, ERR_CONFLICT,
                       "the source has schema version %d and the target %d: open the source "
                       "with this Carepledge first (an import upgrades it)",
                       from->schema_version, to->schema_version);
    for (int i = 0; i < src->n; i++)
        if (!listed(dst, src->names[i]))
            return err_set(err, ERR_CONFLICT, "the target has no table %s", src->names[i]);
    return check_empty(to->conn, dst, to_name, err);
}

int store_copy_database(const char *from_path, const char *to_path, StoreCopyReport *rep, Err *err)
{
    memset(rep, 0, sizeof *rep);
    Store *from = NULL, *to = NULL;
    if (store_open_read(from_path, &from, err) < 0) return ERR_DB;
    if (store_open(to_path, &to, err) < 0) {
        store_close(from);
        return ERR_DB;
    }
    char to_name[512];
    db_target_name(to_path, to_name, sizeof to_name);
    TableList src = {0}, dst = {0};
    int rc = list_tables(from->conn, &src, err);
    if (rc == 0) rc = list_tables(to->conn, &dst, err);
    if (rc == 0) rc = check_pair(from, to, &src, &dst, to_name, err);
    if (rc == 0) rc = copy_all(from, to, &src, rep, err);
    table_list_free(&src);
    table_list_free(&dst);
    store_close(from);
    store_close(to);
    return rc;
}
