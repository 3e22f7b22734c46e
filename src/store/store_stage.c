/* store_stage: imports on a server database as one set-based merge.
 *
 * Upserting millions of rows one statement at a time costs a round trip to
 * the server each. On a driver with bulk copy (PostgreSQL's COPY) the rows of
 * an import go instead into a temporary staging table per table, in the
 * order they came, and before the transaction commits (or anything reads the
 * tables inside it) one INSERT ... SELECT per table merges them, with the
 * same rule as the upsert: per key, the row of the latest source_year wins,
 * the last of them when one year has several, and it replaces a stored row
 * only when it is not older. All of it is one transaction: an import that
 * fails, or whose connection is lost, leaves nothing behind.
 *
 * The merge is built from the table's upsert (store.c), so the columns, the
 * key and the update can never disagree between the two paths. */
#include "store/store_internal.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text between the first `open` after `after` and its `close`. */
static bool between(const char *sql, const char *after, char *out, size_t size)
{
    const char *p = strstr(sql, after);
    if (!p) return false;
    p += strlen(after);
    const char *q = strchr(p, ')');
    if (!q || (size_t)(q - p) >= size) return false;
    memcpy(out, p, (size_t)(q - p));
    out[q - p] = '\0';
    return true;
}

typedef struct UpsertParts {
    char table[64];
    char columns[512];
    char key[128];
    const char *on_conflict; /* "ON CONFLICT ... WHERE ..." to the end */
} UpsertParts;

static bool upsert_parts(Ssda903TableId t, UpsertParts *u)
{
    const char *sql = store_upsert_sql(t);
    const char *name = sql + strlen("INSERT INTO ");
    size_t n = strcspn(name, " (");
    if (n >= sizeof u->table) return false;
    memcpy(u->table, name, n);
    u->table[n] = '\0';
    u->on_conflict = strstr(sql, "ON CONFLICT");
    return u->on_conflict && between(name, "(", u->columns, sizeof u->columns) &&
           between(u->on_conflict, "ON CONFLICT (", u->key, sizeof u->key);
}

static int make_stage_table(Store *s, const UpsertParts *u, Err *err)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "CREATE TEMP TABLE IF NOT EXISTS stage_%s ON COMMIT DROP AS "
             "SELECT 0::bigint AS seq, %s FROM %s WITH NO DATA",
             u->table, u->columns, u->table);
    return db_exec(s->conn, sql, err);
}

static int end_copy(Store *s, Err *err)
{
    if (s->stage.copying < 0) return 0;
    s->stage.copying = -1;
    return db_copy_end(s->conn, err);
}

/* Opens the COPY into table's staging table (closing another's). */
static int copy_into(Store *s, Ssda903TableId t, Err *err)
{
    UpsertParts u;
    if (!upsert_parts(t, &u)) return err_set(err, ERR_INTERNAL, "an upsert the stage cannot read");
    if (end_copy(s, err) < 0) return ERR_DB;
    if (!s->stage.made[t] && make_stage_table(s, &u, err) < 0) return ERR_DB;
    s->stage.made[t] = true;
    char table[80], columns[600];
    snprintf(table, sizeof table, "stage_%s", u.table);
    snprintf(columns, sizeof columns, "seq, %s", u.columns);
    if (db_copy_begin(s->conn, table, columns, err) < 0) return ERR_DB;
    s->stage.copying = (int)t;
    return 0;
}

int store_stage_row(Store *s, Ssda903TableId table, const char *const *values, int n, Err *err)
{
    if (s->stage.copying != (int)table && copy_into(s, table, err) < 0) return ERR_DB;
    const char *row[SSDA903_MAX_COLUMNS + 4];
    char seq[24];
    snprintf(seq, sizeof seq, "%lld", ++s->stage.seq);
    row[0] = seq;
    for (int i = 0; i < n && i < SSDA903_MAX_COLUMNS + 3; i++) row[i + 1] = values[i];
    s->stage.rows[table]++;
    return db_copy_row(s->conn, row, n + 1, err);
}

/* The foreign key of every child table to header, checked once per merge:
 * the PostgreSQL schema has none (schema/postgresql/012_councils.sql), since
 * checking it row by row locked the child's header row for every row stored
 * and cost some 40% of the merge (bench/RESULTS.md, "Where a PostgreSQL
 * import's time goes"). Header is merged first, so a child of this import is
 * found; under row-level security a child of another council is not. */
static int check_children_known(Store *s, const UpsertParts *u, Err *err)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT s.child FROM stage_%s s WHERE NOT EXISTS "
             "(SELECT 1 FROM header h WHERE h.child = s.child) LIMIT 1",
             u->table);
    DbStmt *st;
    if (db_prepare(s->conn, sql, false, &st) < 0)
        return db_error(s->conn, err, "checking the children of staged rows");
    int rc = db_step(st);
    if (rc == DB_ROW)
        err_set(err, ERR_DB,
                "storing the %s rows: child %s has no Header row (in this database%s%s)", u->table,
                db_column_text(st, 0), *s->council ? " for council " : "", s->council);
    db_finalize(st);
    if (rc == DB_ROW) return ERR_DB;
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "checking the children of staged rows");
}

static int merge_table(Store *s, Ssda903TableId t, Err *err)
{
    UpsertParts u;
    if (!upsert_parts(t, &u)) return err_set(err, ERR_INTERNAL, "an upsert the stage cannot read");
    if (t != T903_HEADER && check_children_known(s, &u, err) < 0) return ERR_DB;
    /* Into an empty table (a first import) nothing can conflict, and a plain
     * INSERT saves the ON CONFLICT's probe of every row (some 40% of the
     * merge: bench/RESULTS.md, "Where a PostgreSQL import's time goes"). Not
     * for a council's store: row-level security hides the other councils'
     * rows, so the table may only look empty to it. Writers hold the writer
     * lock, so the table cannot fill between the count and the INSERT. */
    char probe[160];
    snprintf(probe, sizeof probe, "SELECT count(*) FROM (SELECT 1 FROM %s LIMIT 1) AS any_row",
             u.table);
    if (!*s->council && store_query_int(s->conn, probe, -1) == 0) u.on_conflict = "";
    size_t size = 2 * strlen(u.columns) + strlen(u.on_conflict) + 512;
    char *sql = xmalloc(size);
    snprintf(sql, size,
             "INSERT INTO %s (%s) SELECT DISTINCT ON (%s) %s FROM stage_%s "
             "ORDER BY %s, source_year DESC, seq DESC %s; TRUNCATE stage_%s",
             u.table, u.columns, u.key, u.columns, u.table, u.key, u.on_conflict, u.table);
    Err e2 = {0};
    int rc = db_exec(s->conn, sql, &e2);
    free(sql);
    if (rc < 0) return err_set(err, ERR_DB, "storing the %s rows: %s", u.table, e2.msg);
    s->stage.rows[t] = 0;
    return 0;
}

int store_stage_merge(Store *s, Err *err)
{
    if (end_copy(s, err) < 0) return ERR_DB;
    for (int t = 0; t < TABLE_COUNT; t++)
        if (s->stage.rows[t] && merge_table(s, (Ssda903TableId)t, err) < 0) return ERR_DB;
    return 0;
}

void store_stage_discard(Store *s)
{
    s->stage.copying = -1;
    memset(s->stage.rows, 0, sizeof s->stage.rows);
    memset(s->stage.made, 0, sizeof s->stage.made);
}
