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
#include "store/pg_array.h"
#include "store/store_internal.h"

#include "base/mem.h"

#include <stdint.h>
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

/* ---- Whether any key was staged twice --------------------------------------
 *
 * The import hands each key over once (it keeps the latest year's row
 * itself), and then the merge needs no DISTINCT ON: its sort of every staged
 * row was a third of a merge into an empty table (bench/RESULTS.md, "Where a
 * PostgreSQL import's time goes"). The stage keeps a 64-bit hash of each
 * key staged; two equal hashes (a key given twice, or, rarely, two keys with
 * one hash) send the table's merge back to DISTINCT ON, which is right
 * either way. */

typedef struct StageKeys {
    int columns[8]; /* the key's positions among the staged values */
    int n_columns;
    bool repeated;   /* two staged rows had one hash */
    uint64_t *slots; /* open addressing; 0 is an empty slot */
    size_t n, cap;
} StageKeys;

/* The positions of key's columns ("child, visit_date") in columns. */
static int key_positions(const UpsertParts *u, int *out, int max)
{
    int n = 0;
    char key[sizeof u->key];
    snprintf(key, sizeof key, "%s", u->key);
    for (char *save = NULL, *k = strtok_r(key, ", ", &save); k; k = strtok_r(NULL, ", ", &save)) {
        char columns[sizeof u->columns];
        snprintf(columns, sizeof columns, "%s", u->columns);
        int at = 0, found = -1;
        for (char *s2 = NULL, *c = strtok_r(columns, ", ", &s2); c;
             c = strtok_r(NULL, ", ", &s2), at++)
            if (strcmp(c, k) == 0) found = at;
        if (found < 0 || n == max) return -1;
        out[n++] = found;
    }
    return n;
}

/* FNV-1a over the key's values, each ended by a byte no text holds, NULL
 * told apart from the empty text. */
static uint64_t key_hash(const StageKeys *k, const char *const *values)
{
    uint64_t h = 14695981039346656037ULL;
    for (int i = 0; i < k->n_columns; i++) {
        const char *v = values[k->columns[i]];
        for (const unsigned char *p = (const unsigned char *)(v ? v : ""); *p; p++)
            h = (h ^ *p) * 1099511628211ULL;
        h = (h ^ (v ? 0xfeu : 0xffu)) * 1099511628211ULL;
    }
    return h ? h : 1;
}

/* Adds h; false when it was there already. */
static bool keys_add(StageKeys *k, uint64_t h)
{
    if (2 * (k->n + 1) > k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 1024;
        uint64_t *slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < k->cap; i++) {
            if (!k->slots[i]) continue;
            size_t j = k->slots[i] & (cap - 1);
            while (slots[j]) j = (j + 1) & (cap - 1);
            slots[j] = k->slots[i];
        }
        free(k->slots);
        k->slots = slots;
        k->cap = cap;
    }
    size_t j = h & (k->cap - 1);
    for (; k->slots[j]; j = (j + 1) & (k->cap - 1))
        if (k->slots[j] == h) return false;
    k->slots[j] = h;
    k->n++;
    return true;
}

/* The table's key set, made when its first row is staged. */
static void keys_start(Store *s, Ssda903TableId t, const UpsertParts *u)
{
    if (s->stage.keys[t]) return;
    StageKeys *k = s->stage.keys[t] = xcalloc(1, sizeof *k);
    k->n_columns = key_positions(u, k->columns, 8);
    k->repeated = k->n_columns <= 0; /* a key the stage cannot read: keep DISTINCT ON */
}

/* Notes the row's key; true when the table's keys are no longer known to
 * be distinct (this one, or an earlier one, may have come before). */
static bool note_key(Store *s, Ssda903TableId t, const char *const *values, int n)
{
    StageKeys *k = s->stage.keys[t];
    for (int i = 0; i < k->n_columns && !k->repeated; i++)
        if (k->columns[i] >= n) k->repeated = true; /* cannot happen: the upsert's own columns */
    if (k->repeated || keys_add(k, key_hash(k, values))) return k->repeated;
    k->repeated = true; /* and the hashes are of no more use */
    free(k->slots);
    k->slots = NULL;
    k->n = k->cap = 0;
    return true;
}

static bool keys_unique(const Store *s, Ssda903TableId t)
{
    return s->stage.keys[t] && !s->stage.keys[t]->repeated;
}

static void keys_forget(Store *s, Ssda903TableId t)
{
    if (!s->stage.keys[t]) return;
    free(s->stage.keys[t]->slots);
    free(s->stage.keys[t]);
    s->stage.keys[t] = NULL;
}

/* ---- Every staged row's child has a Header row ------------------------------
 *
 * The PostgreSQL schema has no foreign key from the child tables to header
 * (schema/postgresql/012_councils.sql): checked row by row it locked the
 * child's header row for every row stored. One anti-join per table after
 * Header's merge still cost a quarter of the server's time of an import
 * (bench/RESULTS.md, "Where a PostgreSQL import's time goes"). The stage
 * knows whose Header rows it staged, since the import stages Header first:
 * only a row of another child is looked up in header, once per child, after
 * Header is merged and before any other table is. Under row-level security a
 * child of another council is not found. */

static void note_child(Store *s, Ssda903TableId t, const char *child)
{
    if (!child) return; /* refused by the column's NOT NULL at the merge */
    if (t == T903_HEADER) {
        strmap_put(&s->stage.header_children, child, 1);
        return;
    }
    /* A table's rows come in key order: most rows are of the child before. */
    char *last = s->stage.last_child;
    if (strcmp(child, last) == 0) return;
    if (!strmap_has(&s->stage.header_children, child) &&
        !strmap_has(&s->stage.children_to_find, child))
        strmap_put(&s->stage.children_to_find, child, (long)t);
    size_t n = strlen(child);
    if (n < sizeof s->stage.last_child) memcpy(last, child, n + 1);
}

/* Looks up one array literal of children in header: 0 when every one has a
 * Header row, else ERR_DB naming the first that has none. */
static int find_in_header(Store *s, const char *array, Err *err)
{
    DbStmt *st;
    if (db_prepare(s->conn,
                   "SELECT c FROM unnest(?1::text[]) AS c WHERE NOT EXISTS "
                   "(SELECT 1 FROM header h WHERE h.child = c) LIMIT 1",
                   false, &st) < 0)
        return db_error(s->conn, err, "checking the children of staged rows");
    db_bind_text(st, 1, array);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        const char *child = db_column_text(st, 0);
        long t = strmap_get(&s->stage.children_to_find, child, T903_HEADER);
        err_set(err, ERR_DB,
                "storing the %s rows: child %s has no Header row (in this database%s%s)",
                ssda903_table((Ssda903TableId)t)->sql_name, child,
                *s->council ? " for council " : "", s->council);
    }
    db_finalize(st);
    if (rc == DB_ROW) return ERR_DB;
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "checking the children of staged rows");
}

/* Looks up every child waiting to be found, a thousand to a statement; those
 * found count as known from then on. */
static int find_children(Store *s, Err *err)
{
    StrMap *wanted = &s->stage.children_to_find;
    if (wanted->n_used == 0) return 0;
    enum { PER_STATEMENT = 1000 };
    PgArray array = {0};
    int rc = 0;
    for (size_t i = 0; i < wanted->n_slots && rc == 0; i++) {
        if (!wanted->slots[i].key) continue;
        pg_array_add(&array, wanted->slots[i].key);
        if (array.n < PER_STATEMENT) continue;
        rc = find_in_header(s, pg_array_end(&array), err);
        pg_array_clear(&array);
    }
    if (rc == 0 && array.n) rc = find_in_header(s, pg_array_end(&array), err);
    pg_array_free(&array);
    if (rc < 0) return rc;
    for (size_t i = 0; i < wanted->n_slots; i++)
        if (wanted->slots[i].key) strmap_put(&s->stage.header_children, wanted->slots[i].key, 1);
    strmap_free(wanted);
    return 0;
}

/* Whether the table is empty and free of row-level security for this
 * connection (1), or not (0). */
static int empty_to_us(Store *s, const UpsertParts *u, Err *err)
{
    char sql[320];
    snprintf(sql, sizeof sql,
             "SELECT NOT row_security_active('%s') AND NOT EXISTS (SELECT 1 FROM %s)", u->table,
             u->table);
    DbStmt *st;
    if (db_prepare(s->conn, sql, false, &st) < 0)
        return db_error(s->conn, err, "looking whether a table is empty");
    int rc = db_step(st);
    int empty = rc == DB_ROW && db_column_int(st, 0);
    db_finalize(st);
    return rc == DB_ROW ? empty : db_error(s->conn, err, "looking whether a table is empty");
}

/* ---- Keys built after the rows ----------------------------------------------
 *
 * Copied into a table whose primary key is in place, every row is inserted
 * into the key's B-tree on its own, with a write-ahead log record of its
 * own: half the server's time of a COPY into an empty table (bench/RESULTS.md,
 * "Session 10: keys built after the rows"). Built once all the rows are in,
 * the key is one sort and its pages written whole. So, for a table an import
 * copies straight into, its unique keys (those no foreign key points at) are
 * dropped in the import's transaction and built again as soon as its COPY
 * ends, before anything reads the table; an import that fails rolls both
 * back with everything else. Dropping a key takes the table's ACCESS
 * EXCLUSIVE lock until the commit, so another connection's read of that
 * (empty) table waits for the import. The lock is asked for with NOWAIT: the
 * import never waits for a reader, nor deadlocks with one. When a reader is
 * in the table, or the role may not alter it, the keys stay where they are
 * and the rows are copied as before. */

/* Takes the table's ACCESS EXCLUSIVE lock if no one else holds a lock on it:
 * 1 when taken, 0 when not (back at the savepoint stage_route). */
static int lock_at_once(Store *s, const UpsertParts *u, Err *err)
{
    char sql[160];
    snprintf(sql, sizeof sql, "LOCK TABLE %s IN ACCESS EXCLUSIVE MODE NOWAIT", u->table);
    Err refused = {0};
    if (db_exec(s->conn, sql, &refused) == 0) return 1;
    return db_exec(s->conn, "ROLLBACK TO SAVEPOINT stage_route", err) < 0 ? ERR_DB : 0;
}

/* Drops the table's unique keys that no foreign key needs, keeping the
 * ALTER TABLE that builds them again in s->stage.rebuild[t]. False when it
 * has none, or when it could not (the caller goes back to the savepoint). */
static bool set_keys_aside(Store *s, Ssda903TableId t, const UpsertParts *u)
{
    char sql[900];
    snprintf(
        sql, sizeof sql,
        "SELECT string_agg(format('DROP CONSTRAINT %%I', conname), ', '), "
        "string_agg(format('ADD CONSTRAINT %%I %%s', conname, pg_get_constraintdef(oid)), ', ') "
        "FROM pg_constraint c WHERE conrelid = '%s'::regclass AND contype IN ('p', 'u') "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' "
        "AND f.conindid = c.conindid)",
        u->table);
    DbStmt *st;
    if (db_prepare(s->conn, sql, false, &st) < 0) return false;
    char drop[600] = "", add[1200] = "";
    if (db_step(st) == DB_ROW && !db_column_is_null(st, 0)) {
        int a = snprintf(drop, sizeof drop, "ALTER TABLE %s %s", u->table, db_column_text(st, 0));
        int b = snprintf(add, sizeof add, "ALTER TABLE %s %s", u->table, db_column_text(st, 1));
        if (a < 0 || (size_t)a >= sizeof drop || b < 0 || (size_t)b >= sizeof add) *drop = '\0';
    }
    db_finalize(st);
    Err refused = {0};
    if (!*drop || db_exec(s->conn, drop, &refused) < 0) return false;
    s->stage.rebuild[t] = xstrdup(add);
    return true;
}

/* Builds again the keys set aside for table t, once its rows are in. */
static int build_keys(Store *s, int t, Err *err)
{
    char *sql = s->stage.rebuild[t];
    if (!sql) return 0;
    s->stage.rebuild[t] = NULL;
    Err e2 = {0};
    int rc = db_exec(s->conn, sql, &e2);
    free(sql);
    if (rc == 0) return 0;
    return err_set(err, ERR_DB, "building the keys of the %s rows: %s",
                   ssda903_table((Ssda903TableId)t)->sql_name, e2.msg);
}

/* ---- Straight into an empty table -------------------------------------------
 *
 * A first import (a new database's, the benchmarks') has nothing to merge
 * with. Its rows then go by COPY straight into the table, in the import's
 * transaction: no staging table to write and read back, and COPY inserts
 * rows in batches where INSERT ... SELECT inserts them one by one (the two
 * together took 14 of the 24 processor seconds of a 3.7-million-row import,
 * bench/RESULTS.md, "Where a PostgreSQL import's time goes"). Only when the
 * table holds no row, and when its row-level security does not apply to the
 * connected role: PostgreSQL refuses COPY FROM into a table whose policies
 * apply (every child-keyed table for an ordinary role, its owner too, since
 * schema/postgresql/012_councils.sql FORCEs them), and a pooled database's
 * table holds other councils' rows. Otherwise, and for the rest of a table
 * whose keys stop being distinct (a hash met twice), the rows are staged,
 * and the staging table's merge applies the upsert's rule over the rows
 * already copied, as it does over any stored row. The table's keys are
 * set aside while its rows are copied, where they can be (above). */
static int choose_route(Store *s, Ssda903TableId t, const UpsertParts *u, Err *err)
{
    s->stage.route[t] = STAGE_STAGED;
    if (!keys_unique(s, t)) return 0;
    if (db_exec(s->conn, "SAVEPOINT stage_route", err) < 0) return ERR_DB;
    int locked = lock_at_once(s, u, err);
    int empty = locked < 0 ? ERR_DB : empty_to_us(s, u, err);
    if (empty < 0) return ERR_DB;
    if (empty) s->stage.route[t] = STAGE_DIRECT;
    bool aside = locked && empty && set_keys_aside(s, t, u);
    /* Not set aside: the lock (and any half-done drop) goes. */
    if (locked && !aside && db_exec(s->conn, "ROLLBACK TO SAVEPOINT stage_route", err) < 0)
        return ERR_DB;
    return db_exec(s->conn, "RELEASE SAVEPOINT stage_route", err);
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
    int t = s->stage.copying;
    s->stage.copying = -1;
    if (db_copy_end(s->conn, err) < 0) return ERR_DB;
    return build_keys(s, t, err);
}

/* Opens the COPY of table's rows (closing another's): into the table itself
 * or into its staging table, as its route says (choosing it first). */
static int copy_into(Store *s, Ssda903TableId t, Err *err)
{
    UpsertParts u;
    if (!upsert_parts(t, &u)) return err_set(err, ERR_INTERNAL, "an upsert the stage cannot read");
    if (end_copy(s, err) < 0) return ERR_DB;
    keys_start(s, t, &u);
    if (s->stage.route[t] == STAGE_UNDECIDED && choose_route(s, t, &u, err) < 0) return ERR_DB;
    bool direct = s->stage.route[t] == STAGE_DIRECT;
    if (!direct && !s->stage.made[t] && make_stage_table(s, &u, err) < 0) return ERR_DB;
    s->stage.made[t] |= !direct;
    char table[80], columns[600];
    snprintf(table, sizeof table, "%s%s", direct ? "" : "stage_", u.table);
    snprintf(columns, sizeof columns, "%s%s", direct ? "" : "seq, ", u.columns);
    if (db_copy_begin(s->conn, table, columns, err) < 0) return ERR_DB;
    s->stage.copying = (int)t;
    s->stage.copying_direct = direct;
    return 0;
}

int store_stage_row(Store *s, Ssda903TableId table, const char *const *values, int n, Err *err)
{
    if (s->stage.copying != (int)table && copy_into(s, table, err) < 0) return ERR_DB;
    if (note_key(s, table, values, n) && s->stage.route[table] == STAGE_DIRECT) {
        s->stage.route[table] = STAGE_STAGED; /* the rest of the table is merged */
        if (copy_into(s, table, err) < 0) return ERR_DB;
    }
    note_child(s, table, values[0]);
    if (s->stage.copying_direct) {
        s->outcomes[table][STORE_ADDED]++; /* an empty table, each key once */
        return db_copy_row(s->conn, values, n, err);
    }
    const char *row[SSDA903_MAX_COLUMNS + 4];
    char seq[24];
    snprintf(seq, sizeof seq, "%lld", ++s->stage.seq);
    row[0] = seq;
    for (int i = 0; i < n && i < SSDA903_MAX_COLUMNS + 3; i++) row[i + 1] = values[i];
    s->stage.rows[table]++;
    return db_copy_row(s->conn, row, n + 1, err);
}

/* The staged rows to store, one per key: when a key was staged twice, the
 * row of the latest source_year, the last staged of them. */
static char *merge_source(const UpsertParts *u, bool unique)
{
    size_t size = 2 * strlen(u->columns) + 2 * sizeof u->key + 256;
    char *sql = xmalloc(size);
    if (unique)
        snprintf(sql, size, "SELECT %s FROM stage_%s", u->columns, u->table);
    else
        snprintf(sql, size,
                 "SELECT DISTINCT ON (%s) %s FROM stage_%s ORDER BY %s, source_year DESC, seq DESC",
                 u->key, u->columns, u->table, u->key);
    return sql;
}

/* The upsert's ON CONFLICT clause, with its WHERE narrowed to rows that
 * differ: a stored row equal in every column to the staged one is left as it
 * is, so importing the same history again writes no new row version (nor its
 * WAL). Returns an allocated text. */
static char *on_conflict_if_changed(const UpsertParts *u)
{
    char stored[1200] = "", staged[1200] = "", columns[sizeof u->columns], key[sizeof u->key + 4];
    snprintf(columns, sizeof columns, "%s", u->columns);
    snprintf(key, sizeof key, ", %s,", u->key);
    for (char *save = NULL, *c = strtok_r(columns, ", ", &save); c;
         c = strtok_r(NULL, ", ", &save)) {
        char probe[80];
        snprintf(probe, sizeof probe, " %s,", c);
        if (strstr(key, probe)) continue; /* a key column: equal by the conflict */
        size_t a = strlen(stored), b = strlen(staged);
        snprintf(stored + a, sizeof stored - a, "%s%s.%s", a ? ", " : "", u->table, c);
        snprintf(staged + b, sizeof staged - b, "%sexcluded.%s", b ? ", " : "", c);
    }
    size_t size = strlen(u->on_conflict) + strlen(stored) + strlen(staged) + 64;
    char *sql = xmalloc(size);
    snprintf(sql, size, "%s AND (%s) IS DISTINCT FROM (%s)", u->on_conflict, stored, staged);
    return sql;
}

static int exec_merge(Store *s, const UpsertParts *u, const char *source, const char *tail,
                      Err *err)
{
    size_t size = strlen(u->columns) + strlen(source) + strlen(tail) + 128;
    char *sql = xmalloc(size);
    snprintf(sql, size, "INSERT INTO %s (%s) %s %s", u->table, u->columns, source, tail);
    int rc = db_exec(s->conn, sql, err);
    free(sql);
    return rc;
}

/* Stores the staged rows of one table. First as a plain INSERT, which is
 * all a first import needs (a council's first import into a pooled
 * database too) and saves the ON CONFLICT's probe of every row, some 40% of
 * the merge (bench/RESULTS.md, "Where a PostgreSQL import's time goes"). A
 * key already stored makes it fail at once (unique_violation): back to the
 * savepoint, and the rows are merged with the upsert's ON CONFLICT ... DO
 * UPDATE. A key stored for another council, hidden by row-level security,
 * fails the plain INSERT the same way and is then refused by the policy. */
static int merge_rows(Store *s, Ssda903TableId t, const UpsertParts *u, bool unique, Err *err)
{
    char *source = merge_source(u, unique);
    Err e2 = {0};
    int rc = db_exec(s->conn, "SAVEPOINT stage_plain", &e2);
    if (rc == 0) rc = exec_merge(s, u, source, "", &e2);
    /* The import log's counts (store_outcomes.c): all added, or compared. */
    if (rc == 0)
        rc = store_count_added(s, t, source, unique ? s->stage.rows[t] : -1, &e2);
    else if (db_last_was_conflict(s->conn)) {
        char *tail = on_conflict_if_changed(u);
        e2 = (Err){0};
        rc = db_exec(s->conn, "ROLLBACK TO SAVEPOINT stage_plain", &e2);
        if (rc == 0) rc = store_count_outcomes(s, t, u->table, u->columns, u->key, source, &e2);
        /* The stored Headers it replaces, or keeps, with other values: the
         * earlier years' (store_header_years.c). */
        if (rc == 0 && t == T903_HEADER) rc = store_keep_header_priors_of(s, source, &e2);
        if (rc == 0) rc = exec_merge(s, u, source, tail, &e2);
        free(tail);
    }
    if (rc == 0) rc = db_exec(s->conn, "RELEASE SAVEPOINT stage_plain", &e2);
    free(source);
    return rc < 0 ? err_set(err, ERR_DB, "storing the %s rows: %s", u->table, e2.msg) : 0;
}

static int merge_table(Store *s, Ssda903TableId t, Err *err)
{
    UpsertParts u;
    if (!upsert_parts(t, &u)) return err_set(err, ERR_INTERNAL, "an upsert the stage cannot read");
    if (merge_rows(s, t, &u, keys_unique(s, t), err) < 0) return ERR_DB;
    char truncate[96];
    snprintf(truncate, sizeof truncate, "TRUNCATE stage_%s", u.table);
    Err e2 = {0};
    if (db_exec(s->conn, truncate, &e2) < 0)
        return err_set(err, ERR_DB, "storing the %s rows: %s", u.table, e2.msg);
    s->stage.rows[t] = 0;
    keys_forget(s, t);
    return 0;
}

int store_stage_merge(Store *s, Err *err)
{
    if (end_copy(s, err) < 0) return ERR_DB;
    for (int t = 0; t < TABLE_COUNT; t++) {
        if (!s->stage.rows[t]) continue;
        if (t != T903_HEADER && find_children(s, err) < 0) return ERR_DB;
        if (merge_table(s, (Ssda903TableId)t, err) < 0) return ERR_DB;
    }
    /* Rows copied straight into their tables have their children checked too. */
    if (find_children(s, err) < 0) return ERR_DB;
    if (store_flush_header_years(s, err) < 0) return ERR_DB;
    /* The tables hold rows now: their next rows are staged. */
    for (int t = 0; t < TABLE_COUNT; t++) {
        keys_forget(s, (Ssda903TableId)t);
        s->stage.route[t] = STAGE_UNDECIDED;
    }
    return 0;
}

void store_stage_discard(Store *s)
{
    s->stage.copying = -1;
    memset(s->stage.rows, 0, sizeof s->stage.rows);
    memset(s->stage.made, 0, sizeof s->stage.made);
    memset(s->stage.route, 0, sizeof s->stage.route);
    for (int t = 0; t < TABLE_COUNT; t++) {
        keys_forget(s, (Ssda903TableId)t);
        free(s->stage.rebuild[t]); /* the rollback put the keys back */
        s->stage.rebuild[t] = NULL;
    }
    strmap_free(&s->stage.header_children);
    strmap_free(&s->stage.children_to_find);
    store_free_header_years(s);
    s->stage.last_child[0] = '\0';
}
