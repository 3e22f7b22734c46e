/* store_marks: the values an import stored as unknown because they were wrong
 * as given (store.h, "Marked values"; schema/sqlite/007_value_marks.sql).
 *
 * Marks are written only inside an import's write transaction, and read by
 * the commands that list them (imports, validate --db, the child's record)
 * and, as counts by table and field, by the Dataset load. A database older
 * than schema 7 has none: every read here then returns nothing, never an
 * error, so that read-only commands still read an older database. */
#include "store/store_internal.h"

#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

static bool has_marks_table(Store *s)
{
    return s->schema_version >= STORE_MARKS_VERSION;
}

bool store_has_marks(Store *s)
{
    return has_marks_table(s) &&
           store_query_int(s->conn, "SELECT EXISTS (SELECT 1 FROM value_marks)", 0) == 1;
}

int store_table_by_sql_name(const char *name)
{
    for (int t = 0; t < TABLE_COUNT; t++)
        if (strcmp(ssda903_table((Ssda903TableId)t)->sql_name, name) == 0) return t;
    return -1;
}

int store_clear_marks(Store *s, Ssda903TableId table, const char *child, const char *row_key,
                      const char *keep, Err *err)
{
    if (!has_marks_table(s)) return 0;
    DbStmt *st;
    /* keep names no field when taking the field out changes nothing:
     * replace() is SQLite's and PostgreSQL's alike (instr() is not). */
    if (db_prepare(s->conn,
                   "DELETE FROM value_marks WHERE table_name = ?1 AND child = ?2 AND "
                   "row_key = ?3 AND replace(?4, '|' || field || '|', '') = ?4",
                   false, &st) < 0)
        return db_error(s->conn, err, "preparing to clear marks");
    db_bind_text(st, 1, ssda903_table(table)->sql_name);
    db_bind_text(st, 2, child);
    db_bind_text(st, 3, row_key);
    db_bind_text(st, 4, keep);
    int rc = db_step(st);
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "clearing a row's marks");
}

int store_put_mark(Store *s, const Ssda903Mark *m, long long import_id, Err *err)
{
    DbStmt *st;
    if (db_prepare(s->conn,
                   "INSERT INTO value_marks (table_name, child, row_key, field, value, year, "
                   "message, import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                   "ON CONFLICT (table_name, child, row_key, field) DO UPDATE SET "
                   "value = excluded.value, year = excluded.year, message = excluded.message, "
                   "import_id = excluded.import_id "
                   "WHERE value_marks.value <> excluded.value OR "
                   "value_marks.message <> excluded.message",
                   false, &st) < 0)
        return db_error(s->conn, err, "preparing to store a mark");
    db_bind_text(st, 1, ssda903_table(m->table)->sql_name);
    db_bind_text(st, 2, m->child);
    db_bind_text(st, 3, m->row_key);
    db_bind_text(st, 4, m->field);
    db_bind_text(st, 5, m->value);
    db_bind_int(st, 6, m->year);
    db_bind_text(st, 7, m->message);
    db_bind_int(st, 8, import_id);
    int rc = db_step(st);
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "storing a mark");
}

static char *text_copy(DbStmt *st, int i)
{
    return xstrdup(db_column_text(st, i));
}

int store_list_marks(Store *s, const char *child, Ssda903Marks *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (!has_marks_table(s)) return 0;
    DbStmt *st;
    if (db_prepare(s->conn,
                   "SELECT m.table_name, m.child, m.row_key, m.field, m.value, m.year, "
                   "m.message, m.import_id, i.imported_at FROM value_marks m "
                   "LEFT JOIN imports i ON i.id = m.import_id "
                   "WHERE CAST(?1 AS TEXT) IS NULL OR m.child = ?1 "
                   "ORDER BY m.table_name, m.child, m.row_key, m.field",
                   false, &st) < 0)
        return db_error(s->conn, err, "reading the marks");
    db_bind_text(st, 1, child);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int table = store_table_by_sql_name(db_column_text(st, 0));
        if (table < 0) continue; /* a table this program does not know */
        MEM_GROW(out->items, out->n, out->cap);
        out->items[out->n++] = (Ssda903Mark){.table = (Ssda903TableId)table,
                                             .child = text_copy(st, 1),
                                             .row_key = text_copy(st, 2),
                                             .field = text_copy(st, 3),
                                             .value = text_copy(st, 4),
                                             .year = (int)db_column_int(st, 5),
                                             .message = text_copy(st, 6),
                                             .import_id = db_column_int(st, 7),
                                             .imported_at = text_copy(st, 8)};
    }
    db_finalize(st);
    if (rc == DB_DONE) return 0;
    ssda903_marks_free(out);
    return db_error(s->conn, err, "reading the marks");
}

int store_load_mark_counts(Store *s, Dataset *ds, Err *err)
{
    if (!has_marks_table(s)) return 0;
    DbStmt *st;
    if (db_prepare(s->conn,
                   "SELECT table_name, field, count(*) FROM value_marks "
                   "GROUP BY table_name, field ORDER BY table_name, field",
                   false, &st) < 0)
        return db_error(s->conn, err, "counting the marks");
    int rc;
    while ((rc = db_step(st)) == DB_ROW)
        dataset_add_marks(ds, db_column_text(st, 0), db_column_text(st, 1),
                          (long)db_column_int(st, 2));
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "counting the marks");
}
