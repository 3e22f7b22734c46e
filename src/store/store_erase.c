/* store_erase: one child's rows removed from every table that holds them
 * (store.h store_erase_child), for the erasure of a child's record.
 *
 * The tables are found, not listed: every table of the database with a column
 * named child loses that child's rows, so a table a later migration adds is
 * erased too without a change here. The audit log is the one exception: it is
 * append-only and hash-chained (schema/sqlite/006_users_audit.sql), and its
 * rows are the record of who saw the child's data. Header goes last, as the
 * other tables refer to it. Table names come from the database's own
 * catalogue, never from input; the child is bound. */
#include "store/store_internal.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tables that are never erased from. */
static bool kept(const char *table)
{
    return strcmp(table, "audit") == 0;
}

/* Whether table has a column named child. */
static int has_child_column(DbConn *c, const char *table, bool *out, Err *err)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" WHERE 1 = 0", table);
    DbStmt *st;
    if (db_prepare(c, sql, false, &st) < 0) return db_error(c, err, "reading a table's columns");
    *out = false;
    for (int i = 0; i < db_column_count(st); i++)
        if (strcmp(db_column_name(st, i), "child") == 0) *out = true;
    db_finalize(st);
    return 0;
}

/* The tables with a child column, Header last. Free with free() each. */
static int child_tables(DbConn *c, char ***out, int *n, Err *err)
{
    DbStmt *st;
    char **names = NULL;
    int n_names = 0, cap = 0, rc;
    *out = NULL;
    *n = 0;
    if (db_prepare_tables(c, &st) < 0) return db_error(c, err, "listing the tables");
    while ((rc = db_step(st)) == DB_ROW) {
        MEM_GROW(names, n_names, cap);
        names[n_names++] = xstrdup(db_column_text(st, 0));
    }
    db_finalize(st);
    if (rc != DB_DONE) rc = db_error(c, err, "listing the tables");
    *out = xcalloc((size_t)n_names + 1, sizeof **out);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n_names && rc == 0; i++) {
            bool header = strcmp(names[i], "header") == 0, with_child = false;
            if (header != (pass == 1) || kept(names[i])) continue;
            if ((rc = has_child_column(c, names[i], &with_child, err)) == 0 && with_child)
                (*out)[(*n)++] = xstrdup(names[i]);
        }
    for (int i = 0; i < n_names; i++) free(names[i]);
    free(names);
    return rc;
}

/* Runs "VERB FROM table WHERE child = ?1" (the verb a count or a delete);
 * *count gets the count's value. */
static int run_on_child(DbConn *c, const char *verb, const char *table, const char *child,
                        long long *count, Err *err)
{
    char sql[200];
    snprintf(sql, sizeof sql, "%s FROM \"%s\" WHERE child = ?1", verb, table);
    DbStmt *st;
    if (db_prepare(c, sql, false, &st) < 0) return db_error(c, err, "preparing the erasure");
    db_bind_text(st, 1, child);
    int rc = db_step(st);
    if (count && rc == DB_ROW) *count = db_column_int(st, 0);
    db_finalize(st);
    if (rc != (count ? DB_ROW : DB_DONE)) {
        char what[120];
        snprintf(what, sizeof what, "erasing from %s", table);
        return db_error(c, err, what);
    }
    return 0;
}

/* The rows are counted first: not every driver says how many a DELETE
 * removed (db_changes). */
static int erase_from(DbConn *c, const char *table, const char *child, long long *rows, Err *err)
{
    long long n = 0;
    int rc = run_on_child(c, "SELECT count(*)", table, child, &n, err);
    if (rc == 0 && n > 0) rc = run_on_child(c, "DELETE", table, child, NULL, err);
    if (rc == 0) *rows += n;
    return rc;
}

int store_erase_child(Store *s, const char *child, StoreErased *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (s->read_only) return err_set(err, ERR_DB, "the database was opened read-only");
    char **tables;
    int n;
    int rc = child_tables(s->conn, &tables, &n, err);
    for (int i = 0; i < n && rc == 0; i++) {
        long long before = out->rows;
        rc = erase_from(s->conn, tables[i], child, &out->rows, err);
        if (rc == 0 && out->rows > before) out->tables++;
    }
    for (int i = 0; i < n; i++) free(tables[i]);
    free(tables);
    return rc;
}
