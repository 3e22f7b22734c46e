/* store: see store.h. Opening, migrations, the statement catalogue and the
 * writes, over the neutral driver interface (store/db.h); store_load.c reads.
 *
 * The SQL here is the catalogue: every statement is named (an upsert per
 * table, StmtId for the rest), uses ?1..?N placeholders and is written in the
 * SQL SQLite and PostgreSQL both accept (INSERT ... ON CONFLICT ... DO UPDATE).
 * Statements are prepared on a connection when first used and kept. */
#include "store/store_internal.h"

#include "base/embed.h"
#include "base/mem.h"
#include "exchange/ssda903_columns.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* ---- The upserts, written from the one column table ---------------------- */

/* Column numbers of the tables whose key is one of their dates, named as in
 * exchange/ssda903_columns.h. */
enum { SSDA903_COLUMNS_EPISODES(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_REVIEWS(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_PLACED_ADOPTION(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_MISSING(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_SW_EPISODES(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_DOLO(SSDA903_ID, SSDA903_NOTHING) };

enum { KEY_CHILD_ONLY = -1, KEY_YEAR = -2 };

/* The key of a table after the child, as its UNIQUE constraint says
 * (schema/sqlite/001_init.sql, 002_records.sql, 003_visit_regimes.sql): a
 * column (the table's date), KEY_YEAR for the tables kept once a year (the
 * year follows the 903 columns) or KEY_CHILD_ONLY (Header, UASC). Record
 * templates are keyed by their date, the column after the child. */
static int second_key(Ssda903TableId table)
{
    if (ssda903_is_record_template(table)) return 1;
    if (ssda903_return_per_year(table)) return KEY_YEAR;
    switch (table) {
    case T903_EPISODES: return E_DECOM;
    case T903_REVIEWS: return R_REVIEW;
    case T903_PLACED_ADOPTION: return PA_DATE_PLACED;
    case T903_MISSING: return M_MIS_START;
    case T903_SW_EPISODES: return SW_DECOM;
    case T903_DOLO: return DL_START;
    default: return KEY_CHILD_ONLY;
    }
}

typedef struct SqlText {
    char text[4096]; /* the longest row upsert (OC2's) is under 2,000 characters */
    size_t len;
} SqlText;

static void sql_add(SqlText *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sql_add(SqlText *q, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(q->text + q->len, sizeof q->text - q->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof q->text - q->len) abort(); /* the bound above is wrong */
    q->len += (size_t)n;
}

/* The stored name of a column: the 903 name in lower case. */
static const char *stored_name(const Ssda903Table *t, int col, char out[64])
{
    const char *name = t->columns[col].name;
    size_t i = 0;
    for (; name[i] && i + 1 < 64; i++) out[i] = (char)tolower((unsigned char)name[i]);
    out[i] = '\0';
    return out;
}

/* How an upsert treats the council (la) of a stored row with the same key. */
typedef enum UpsertCouncil {
    /* SET la: the trigger of schema/sqlite/012_councils.sql refuses a row
     * that would change council (the PostgreSQL stage's merge, store_stage.c). */
    COUNCIL_SET,
    /* la left alone, and a row of another council not updated, for the
     * caller to refuse (store_put_903_row). An UPDATE OF la carries the
     * trigger's program, which makes SQLite open a statement journal for
     * every row, new rows too: 31% of the whole import's instructions before
     * (bench/RESULTS.md, "Before and after in instructions"). */
    COUNCIL_MATCH,
} UpsertCouncil;

/* "(t.a, t.b) IS (excluded.a, excluded.b)" over the 903 columns not in the
 * key: whether a stored row holds the same values as the one given (the
 * import log's changed and unchanged, store_log_import). The PostgreSQL
 * merge compares the same columns (store_stage.c). */
static SqlText same_values_sql(Ssda903TableId table)
{
    const Ssda903Table *t = ssda903_table(table);
    int key = second_key(table);
    char name[64];
    SqlText stored = {0}, given = {0}, q = {0};
    for (int c = 1; c < t->n_columns; c++) {
        if (c == key) continue;
        stored_name(t, c, name);
        sql_add(&stored, "%s%s.%s", stored.len ? ", " : "", t->sql_name, name);
        sql_add(&given, "%sexcluded.%s", given.len ? ", " : "", name);
    }
    if (!stored.len)
        sql_add(&q, "1");
    else
        sql_add(&q, "(%s) IS (%s)", stored.text, given.text);
    return q;
}

/* Whether the stored Header row says what the one given says, as
 * ssda903_header_same has it: SEX 1 and 2 the same as M and F (the 903's
 * form to 2023/24 and from 2024/25, DfE rule 101), so that the year the form
 * changed does not read every child's stored Header again (put_header). */
static SqlText same_header_sql(void)
{
    SqlText q = {0};
    sql_add(&q, "(CASE header.sex WHEN '1' THEN 'M' WHEN '2' THEN 'F' ELSE header.sex END) IS "
                "(CASE excluded.sex WHEN '1' THEN 'M' WHEN '2' THEN 'F' ELSE excluded.sex END) "
                "AND (header.dob, header.ethnic, header.upn, header.mother, header.mc_dob) IS "
                "(excluded.dob, excluded.ethnic, excluded.upn, excluded.mother, excluded.mc_dob)");
    return q;
}

/* INSERT of the table's columns (then year for the tables kept once a year,
 * then source_year, then la, the council), or, when a row with the same key is stored, an update of
 * the rest unless the stored row came from a later return. Parameters are
 * ?1..?N in that order (store_put_903_row). With only_same, a stored row
 * whose values differ is not updated either (put_header). */
static void write_upsert(Ssda903TableId table, UpsertCouncil council, bool only_same, SqlText *q)
{
    const Ssda903Table *t = ssda903_table(table);
    int key = second_key(table), n = t->n_columns;
    char name[64];
    sql_add(q, "INSERT INTO %s (", t->sql_name);
    for (int c = 0; c < n; c++) sql_add(q, "%s, ", stored_name(t, c, name));
    sql_add(q, "%ssource_year, la) VALUES (", key == KEY_YEAR ? "year, " : "");
    int n_params = n + 2 + (key == KEY_YEAR);
    for (int p = 1; p <= n_params; p++) sql_add(q, p < n_params ? "?%d, " : "?%d) ", p);
    sql_add(q, "ON CONFLICT (%s", stored_name(t, 0, name));
    if (key == KEY_YEAR) sql_add(q, ", year");
    if (key >= 0) sql_add(q, ", %s", stored_name(t, key, name));
    sql_add(q, ") DO UPDATE SET ");
    for (int c = 1; c < n; c++)
        if (c != key) sql_add(q, "%s = excluded.%s, ", stored_name(t, c, name), name);
    if (council == COUNCIL_SET)
        sql_add(q,
                "source_year = excluded.source_year, la = excluded.la "
                "WHERE excluded.source_year >= %s.source_year",
                t->sql_name);
    else
        sql_add(q,
                "source_year = excluded.source_year "
                "WHERE carepledge_note(%s) AND %s AND excluded.source_year >= %s.source_year "
                "AND %s.la = excluded.la",
                same_values_sql(table).text, only_same ? same_header_sql().text : "1", t->sql_name,
                t->sql_name);
}

/* Whether a stored row with the upsert's key belongs to another council and
 * the upsert would have replaced it (not from a later return): the rows the
 * trigger of schema/sqlite/012_councils.sql refuses. Parameters: the child,
 * then the year or the key's date when the key has one, the source year, the
 * council. */
static void write_council_probe(Ssda903TableId table, SqlText *q)
{
    const Ssda903Table *t = ssda903_table(table);
    int key = second_key(table), p = 2;
    char name[64];
    sql_add(q, "SELECT 1 FROM %s WHERE %s = ?1", t->sql_name, stored_name(t, 0, name));
    if (key == KEY_YEAR) sql_add(q, " AND year = ?%d", p++);
    if (key >= 0) sql_add(q, " AND %s = ?%d", stored_name(t, key, name), p++);
    sql_add(q, " AND source_year <= ?%d AND la <> ?%d", p, p + 1);
}

static const char *const stmt_sql[STMT_COUNT] = {
    [STMT_CHILD_KNOWN] = "SELECT 1 FROM header WHERE child = ?1",
    [STMT_PUT_DISABILITY] = ("INSERT INTO disability (child, disabled, la) VALUES (?1, ?2, ?3) "
                             "ON CONFLICT (child) DO UPDATE SET disabled = excluded.disabled, "
                             "la = excluded.la"),
    [STMT_COUNT_COMMIT] = "UPDATE store_commits SET n = n + 1 WHERE id = 1",
    [STMT_READ_COMMIT] = "SELECT n FROM store_commits WHERE id = 1",
    [STMT_READ_HEADER] = ("SELECT child, sex, dob, ethnic, upn, mother, mc_dob, source_year "
                          "FROM header WHERE child = ?1"),
    [STMT_DELETE_HEADER_YEARS] = "DELETE FROM header_years WHERE child = ?1",
    [STMT_PUT_HEADER_YEAR] =
        ("INSERT INTO header_years (child, sex, dob, ethnic, upn, mother, "
         "mc_dob, until_year, la) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
};

/* The schema version from which the database counts its commits
 * (schema/sqlite/004_commits.sql). */
enum { SCHEMA_WITH_COMMITS = 4 };

/* Every table's statements, written once for the whole process: the
 * PostgreSQL stage (store_stage.c) reads its columns and key from the upsert. */
static SqlText upsert_texts[TABLE_COUNT], row_upsert_texts[TABLE_COUNT],
    council_probe_texts[TABLE_COUNT], header_if_same_text[T903_HEADER + 1];
static pthread_once_t upsert_texts_once = PTHREAD_ONCE_INIT;

static void write_all_upserts(void)
{
    for (int t = 0; t < TABLE_COUNT; t++) {
        write_upsert((Ssda903TableId)t, COUNCIL_SET, false, &upsert_texts[t]);
        write_upsert((Ssda903TableId)t, COUNCIL_MATCH, false, &row_upsert_texts[t]);
        write_council_probe((Ssda903TableId)t, &council_probe_texts[t]);
    }
    write_upsert(T903_HEADER, COUNCIL_MATCH, true, &header_if_same_text[T903_HEADER]);
}

const char *store_upsert_sql(Ssda903TableId table)
{
    pthread_once(&upsert_texts_once, write_all_upserts);
    return upsert_texts[table].text;
}

/* Merges any staged rows (store_stage.c) before a statement that reads or
 * writes beside them in the same transaction. */
static int settle(Store *s, Err *err)
{
    return s->stage.on ? store_stage_merge(s, err) : 0;
}

DbStmt *store_stmt(Store *s, StmtId id, Err *err)
{
    if (!s->stmts[id] && db_prepare(s->conn, stmt_sql[id], true, &s->stmts[id]) < 0)
        db_error(s->conn, err, "preparing a statement");
    return s->stmts[id];
}

/* The statement of texts[table], prepared into *slot on first use. */
static DbStmt *table_stmt(Store *s, const SqlText *texts, Ssda903TableId table, DbStmt **slot,
                          Err *err)
{
    if (*slot) return *slot;
    pthread_once(&upsert_texts_once, write_all_upserts);
    if (db_prepare(s->conn, texts[table].text, true, slot) < 0)
        db_error(s->conn, err, "preparing a table's statement");
    return *slot;
}

long long store_query_int(DbConn *conn, const char *sql, long long fallback)
{
    DbStmt *st;
    long long v = fallback;
    if (db_prepare(conn, sql, false, &st) < 0) return fallback;
    if (db_step(st) == DB_ROW && !db_column_is_null(st, 0)) v = db_column_int(st, 0);
    db_finalize(st);
    return v;
}

int store_schema_version(Store *s)
{
    return s->schema_version;
}

/* ---- Migrations ------------------------------------------------------------ */

/* The migrations of the connection's dialect: schema/DIALECT/NNN_name.sql. */
static bool is_migration(const DbConn *c, const EmbeddedFile *f, int *version)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "schema/%s/", db_dialect(c));
    size_t n = strlen(prefix);
    if (strncmp(f->name, prefix, n) != 0) return false;
    *version = atoi(f->name + n);
    return *version > 0;
}

/* The schema version this program writes: its last migration's number. */
static int program_schema_version(const DbConn *c)
{
    int latest = 0, version;
    for (int i = 0; i < n_embedded_files; i++)
        if (is_migration(c, &embedded_files[i], &version) && version > latest) latest = version;
    return latest;
}

/* Records a migration with the time it was applied (UTC, ISO 8601), made
 * here rather than in SQL, whose date functions differ between engines. */
static int record_migration(DbConn *c, int version, const char *name, Err *err)
{
    DbStmt *st;
    if (db_prepare(c,
                   "INSERT INTO schema_migrations (version, name, applied_at) "
                   "VALUES (?1, ?2, ?3)",
                   false, &st) < 0)
        return db_error(c, err, "recording a migration");
    char applied_at[32];
    time_t now = time(NULL);
    struct tm utc;
    strftime(applied_at, sizeof applied_at, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &utc));
    db_bind_int(st, 1, version);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, applied_at);
    int rc = db_step(st);
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(c, err, "recording a migration");
}

/* The highest version in schema_migrations, 0 when none; ERR_DB when it
 * cannot be read. */
static int read_schema_version(DbConn *c, int *version)
{
    DbStmt *st;
    *version = 0;
    if (db_prepare(c, "SELECT max(version) FROM schema_migrations", false, &st) < 0) return ERR_DB;
    int rc = db_step(st);
    if (rc == DB_ROW) *version = (int)db_column_int(st, 0);
    db_finalize(st);
    return rc == DB_ROW ? 0 : ERR_DB;
}

/* Applies the migrations not yet applied, in order, each in its own
 * transaction, recording its number in schema_migrations. */
static int migrate(Store *s, Err *err)
{
    DbConn *c = s->conn;
    if (db_exec(c,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                err) < 0)
        return ERR_DB;
    for (int i = 0; i < n_embedded_files; i++) {
        const EmbeddedFile *f = &embedded_files[i];
        int version;
        if (!is_migration(c, f, &version) || version <= s->schema_version) continue;
        if (db_begin_write(c, err) < 0) return ERR_DB;
        /* Another process sharing the database may have applied it while
         * this one waited for the write lock. */
        if (read_schema_version(c, &s->schema_version) == 0 && version <= s->schema_version) {
            db_rollback(c);
            continue;
        }
        if (db_exec(c, (const char *)f->data, err) < 0) {
            /* SQLite's reason, copied out before err is written again. */
            char reason[sizeof err->msg];
            snprintf(reason, sizeof reason, "%s", err->msg);
            db_rollback(c);
            return err_set(err, ERR_DB, "migration %s failed: %s", f->name, reason);
        }
        if (record_migration(c, version, f->name, err) < 0 || db_commit(c, err) < 0) {
            db_rollback(c);
            return ERR_DB;
        }
        s->schema_version = version;
    }
    return 0;
}

/* Reads the schema version, and refuses a database this program cannot
 * read: not one of Carepledge's, or written by a newer Carepledge. */
static int check_schema(Store *s, const char *name, bool may_be_new, Err *err)
{
    if (!db_has_table(s->conn, "schema_migrations")) {
        if (may_be_new) return 0;
        return err_at(err, ERR_DB, name, 0, 0, NULL, "not a Carepledge database (no schema)");
    }
    if (read_schema_version(s->conn, &s->schema_version) < 0)
        return err_at(err, ERR_DB, name, 0, 0, NULL, "cannot read the schema version: %s",
                      db_errmsg(s->conn));
    int mine = program_schema_version(s->conn);
    if (s->schema_version > mine)
        return err_at(err, ERR_DB, name, 0, 0, NULL,
                      "the database has schema version %d, newer than this program's %d: it "
                      "was written by a newer Carepledge; use that version or a later one",
                      s->schema_version, mine);
    if (s->schema_version == 0 && !may_be_new)
        return err_at(err, ERR_DB, name, 0, 0, NULL, "not a Carepledge database (no schema)");
    return 0;
}

/* ---- Copies ------------------------------------------------------------------ */

int store_copy_to(Store *s, const char *path, Err *err)
{
    DbConn *to;
    if (db_open(path, DB_OPEN_CREATE, &to, err) < 0) return ERR_DB;
    int rc = db_copy(s->conn, to, err);
    /* A copy is a single file, with no -wal or -shm beside it: opened
     * read-only to be checked (or kept as a file on its own), a WAL database
     * would leave them behind. The next import switches it back to WAL. */
    if (rc == 0) rc = db_exec(to, "PRAGMA journal_mode = DELETE", err);
    db_close(to);
    return rc;
}

int store_copy_from(Store *s, Store *from, Err *err)
{
    if (s->read_only) return err_set(err, ERR_DB, "the database was opened read-only");
    return db_copy(from->conn, s->conn, err);
}

static bool is_sqlite(const Store *s)
{
    return strcmp(db_dialect(s->conn), "sqlite") == 0;
}

/* PostgreSQL's commits are durable already (synchronous_commit is on unless
 * its administrator turned it off); SQLite's WAL default is NORMAL. */
int store_durable_commits(Store *s, Err *err)
{
    if (!is_sqlite(s)) return 0;
    return db_exec(s->conn, "PRAGMA synchronous = FULL", err);
}

/* PostgreSQL has no whole-database check of this kind (its page checksums
 * and amcheck are its administrator's); a backup there is pg_dump's. */
int store_check_integrity(Store *s, Err *err)
{
    if (!is_sqlite(s)) return 0;
    DbStmt *st;
    if (db_prepare(s->conn, "PRAGMA integrity_check", false, &st) < 0)
        return db_error(s->conn, err, "checking the database");
    int rc = db_step(st);
    bool ok = rc == DB_ROW && strcmp(db_column_text(st, 0), "ok") == 0;
    if (!ok && rc == DB_ROW)
        err_set(err, ERR_DB, "the database is damaged: %s", db_column_text(st, 0));
    else if (!ok)
        db_error(s->conn, err, "checking the database");
    db_finalize(st);
    return ok ? 0 : ERR_DB;
}

/* Before a migration changes an older database, a copy of it as it was:
 * PATH.before-schema-N (N the version it had), so that a failed or unwanted
 * upgrade can be undone with `carepledge restore`. */
static int backup_before_migration(Store *s, const char *path, Err *err)
{
    if (!path[0] || strcmp(path, ":memory:") == 0) return 0;
    size_t n = strlen(path) + 40;
    char *copy = xmalloc(n);
    snprintf(copy, n, "%s.before-schema-%d", path, s->schema_version);
    int rc = store_copy_to(s, copy, err);
    if (rc < 0) {
        char reason[sizeof err->msg];
        snprintf(reason, sizeof reason, "%s", err->msg);
        err_at(err, ERR_DB, path, 0, 0, NULL,
               "no migration made: the copy of the database before it (%s) failed: %s", copy,
               reason);
    }
    free(copy);
    return rc;
}

/* ---- Opening ---------------------------------------------------------------- */

/* The schema version from which every child-keyed row carries its council
 * (schema/sqlite/012_councils.sql). */
enum { SCHEMA_WITH_COUNCILS = 12 };

/* A DfE LA code: one to fifteen letters and digits (the 903's are three
 * digits, as 835; a partnership may name its own test councils). */
static bool council_code_ok(const char *code)
{
    size_t n = strlen(code);
    if (n == 0 || n >= 16) return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)code[i])) return false;
    return true;
}

/* Applies STORE_COUNCIL_ENV, if set, after the migrations (which work on every
 * council's rows). */
static int open_for_council(Store *s, const char *name, Err *err)
{
    const char *code = getenv(STORE_COUNCIL_ENV);
    if (!code || !*code) return 0;
    if (!council_code_ok(code))
        return err_set(err, ERR_USAGE,
                       "%s='%s' is not a council's code: give its DfE LA number, as 835",
                       STORE_COUNCIL_ENV, code);
    if (s->schema_version < SCHEMA_WITH_COUNCILS)
        return err_at(err, ERR_DB, name, 0, 0, NULL,
                      "the database (schema version %d) keeps no councils, so %s cannot be "
                      "applied: import into it once with this Carepledge to upgrade it",
                      s->schema_version, STORE_COUNCIL_ENV);
    snprintf(s->council, sizeof s->council, "%s", code);
    Err e2 = {0};
    if (db_set_council(s->conn, code, &e2) < 0)
        return err_at(err, ERR_DB, name, 0, 0, NULL, "cannot work for council %s: %s", code,
                      e2.msg);
    return 0;
}

static int open_store(const char *path, DbOpenMode mode, Store **out, Err *err)
{
    *out = NULL;
    Store *s = xcalloc(1, sizeof *s);
    s->read_only = mode == DB_OPEN_READ_ONLY;
    /* An existing empty file is a mistyped --db, not a new database. */
    struct stat existing;
    if (!s->read_only && stat(path, &existing) == 0 && S_ISREG(existing.st_mode) &&
        existing.st_size == 0) {
        free(s);
        return err_at(err, ERR_DB, path, 0, 0, NULL,
                      "the file is empty, not a Carepledge database (to make a new database, "
                      "name a file that does not exist yet)");
    }
    if (db_open(path, mode, &s->conn, err) < 0) {
        free(s);
        return ERR_DB;
    }
    s->stage.on = !s->read_only && db_can_copy(s->conn);
    s->stage.copying = -1;
    char name[512]; /* the path, or the connection string without its password */
    db_target_name(path, name, sizeof name);
    Err e2 = {0};
    int rc = check_schema(s, name, !s->read_only, err);
    if (rc == 0 && !s->read_only && s->schema_version > 0 && !db_target_is_postgres(path) &&
        s->schema_version < program_schema_version(s->conn))
        rc = backup_before_migration(s, path, err);
    if (rc == 0 && !s->read_only && migrate(s, &e2) < 0)
        rc = err_at(err, ERR_DB, name, 0, 0, NULL, "%s", e2.msg);
    if (rc == 0) rc = open_for_council(s, name, err);
    if (rc < 0) {
        store_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

const char *store_council(const Store *s)
{
    return s->council;
}

bool store_exists(const char *path)
{
    struct stat st;
    return db_target_is_postgres(path) || stat(path, &st) == 0;
}

int store_open(const char *path, Store **out, Err *err)
{
    return open_store(path, DB_OPEN_CREATE, out, err);
}

int store_open_read(const char *path, Store **out, Err *err)
{
    return open_store(path, DB_OPEN_READ_ONLY, out, err);
}

void store_close(Store *s)
{
    if (!s) return;
    store_stage_discard(s);
    for (int t = 0; t < TABLE_COUNT; t++) {
        db_finalize(s->upserts[t]);
        db_finalize(s->council_probes[t]);
    }
    db_finalize(s->header_if_same);
    store_headers_free(&s->priors);
    for (int i = 0; i < STMT_COUNT; i++) db_finalize(s->stmts[i]);
    db_close(s->conn);
    free(s);
}

/* ---- Transactions and the commit counter ------------------------------------ */

bool store_has_commits(const Store *s)
{
    return s->schema_version >= SCHEMA_WITH_COMMITS;
}

int store_read_commit(Store *s, DbConn *conn, long long *commit, Err *err)
{
    *commit = 0;
    if (!store_has_commits(s)) return 0;
    DbStmt *st;
    if (db_prepare(conn, stmt_sql[STMT_READ_COMMIT], false, &st) < 0)
        return db_error(conn, err, "reading the commit counter");
    int rc = db_step(st);
    if (rc == DB_ROW) *commit = db_column_int(st, 0);
    db_finalize(st);
    return rc == DB_ROW ? 0 : db_error(conn, err, "reading the commit counter");
}

long long store_current_commit(Store *s, Err *err)
{
    long long commit;
    if (settle(s, err) < 0) return -1;
    return store_read_commit(s, s->conn, &commit, err) < 0 ? -1 : commit;
}

int store_listen_commits(Store *s, Err *err)
{
    return db_listen(s->conn, STORE_COMMIT_CHANNEL, err);
}

int store_wait_commit(Store *s, int timeout_ms)
{
    return db_wait_notice(s->conn, timeout_ms);
}

int store_begin(Store *s, Err *err)
{
    if (s->read_only) return err_set(err, ERR_DB, "the database was opened read-only");
    memset(s->outcomes, 0, sizeof s->outcomes);
    store_headers_free(&s->priors);
    return db_begin_write(s->conn, err);
}

/* Every write transaction counts itself before it commits, so that readers
 * can tell one commit from the next (store_commits). */
int store_commit(Store *s, Err *err)
{
    if (settle(s, err) < 0) return ERR_DB;
    /* Other servers sharing the database hear of it when it commits. */
    if (db_can_notify(s->conn) && db_notify(s->conn, STORE_COMMIT_CHANNEL, err) < 0) return ERR_DB;
    if (store_has_commits(s)) {
        DbStmt *st = store_stmt(s, STMT_COUNT_COMMIT, err);
        if (!st) return ERR_DB;
        int rc = db_step(st);
        db_reset(st);
        if (rc != DB_DONE) return db_error(s->conn, err, "counting the commit");
    }
    int rc = db_commit(s->conn, err);
    store_stage_discard(s); /* the staging tables went with the transaction */
    store_headers_free(&s->priors);
    return rc;
}

void store_rollback(Store *s)
{
    db_rollback(s->conn);
    store_stage_discard(s);
    store_headers_free(&s->priors);
}

int store_read_begin(Store *s, Err *err)
{
    if (db_begin_read(s->conn, err) < 0) return ERR_DB;
    long long commit;
    if (store_read_commit(s, s->conn, &commit, err) < 0) { /* the first read starts the snapshot */
        db_rollback(s->conn);
        return ERR_DB;
    }
    return 0;
}

void store_read_end(Store *s)
{
    db_rollback(s->conn);
}

/* ---- Writes ----------------------------------------------------------------- */

static int step_done(Store *s, DbStmt *st, Err *err, const char *what)
{
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, what);
}

/* The row as the upsert's parameters, all text, staged for the merge. */
static int stage_903_row(Store *s, Ssda903TableId table, const char *const *values, int source_year,
                         Err *err)
{
    const char *row[SSDA903_MAX_COLUMNS + 2];
    /* The year as text, written once for the run of rows of one year. */
    char *year = s->stage.year_text;
    if (source_year != s->stage.year || !*year) {
        snprintf(year, sizeof s->stage.year_text, "%d", source_year);
        s->stage.year = source_year;
    }
    int n = ssda903_table(table)->n_columns;
    for (int i = 0; i < n; i++) row[i] = values[i];
    if (table < T903_COUNT && ssda903_return_per_year(table)) row[n++] = year;
    row[n++] = year;
    row[n++] = s->council;
    return store_stage_row(s, table, row, n, err);
}

/* After an upsert that wrote nothing: refuses the row when the stored one is
 * another council's, as the trigger of schema/sqlite/012_councils.sql does
 * for an update of la (store_put_903_row leaves la out of its update). A
 * row not written because the stored one is from a later return is no
 * conflict, as it was none for the trigger. */
static int check_council(Store *s, Ssda903TableId table, const char *const *values, int source_year,
                         Err *err)
{
    DbStmt *st = table_stmt(s, council_probe_texts, table, &s->council_probes[table], err);
    if (!st) return ERR_DB;
    int key = second_key(table), p = 1;
    db_bind_text(st, p++, values[0]);
    if (key == KEY_YEAR) db_bind_int(st, p++, source_year);
    if (key >= 0) db_bind_text(st, p++, values[key]);
    db_bind_int(st, p++, source_year);
    db_bind_text(st, p, s->council);
    int rc = db_step(st);
    db_reset(st);
    if (rc == DB_ROW)
        return err_set(err, ERR_DB,
                       "storing a row: a child of one council cannot become another council's: "
                       "pooled councils need distinct child identifiers");
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "checking a row's council");
}

/* Runs a row's upsert st. With met_other (put_header's upsert, which leaves
 * a stored row of other values alone), such a row makes it return 1, having
 * written and counted nothing. */
static inline int run_upsert(Store *s, DbStmt *st, Ssda903TableId table, const char *const *values,
                             int source_year, bool met_other, Err *err)
{
    int n = ssda903_table(table)->n_columns;
    for (int i = 0; i < n; i++)
        if (values[i]) db_bind_text(st, i + 1, values[i]);
    /* Tables kept once a year carry the collection year in their key. */
    if (table < T903_COUNT && ssda903_return_per_year(table)) db_bind_int(st, ++n, source_year);
    db_bind_int(st, n + 1, source_year);
    db_bind_text(st, n + 2, s->council);
    int rc = db_step(st);
    long long changes = rc == DB_DONE ? db_changes(s->conn) : 0;
    s->last_put_written = changes != 0; /* -1: cannot say */
    /* The upsert's WHERE noted whether it met a stored row with the same values. */
    int same = db_take_note(s->conn);
    /* Another Header left alone: not the same as read, nor as the 903 means
     * it (same_header_sql), or kept as a later return's. */
    if (met_other && rc == DB_DONE && same == 0 && changes == 0) {
        db_reset(st);
        return 1;
    }
    s->outcomes[table][same < 0           ? STORE_ADDED
                       : changes && !same ? STORE_CHANGED
                                          : STORE_UNCHANGED]++;
    db_reset(st);
    if (rc != DB_DONE) return db_error(s->conn, err, "storing a row");
    return changes == 0 ? check_council(s, table, values, source_year, err) : 0;
}

/* A Header row: nearly always the same values as the stored row, or a new
 * child, written by one upsert that leaves a stored row of other values
 * alone. Only then is that row read and kept (store_take_header_priors: the
 * import keeps each year's Header), and the row upserted as any other. */
static int put_header(Store *s, const char *const *values, int source_year, Err *err)
{
    DbStmt *st = table_stmt(s, header_if_same_text, T903_HEADER, &s->header_if_same, err);
    if (!st) return ERR_DB;
    int rc = run_upsert(s, st, T903_HEADER, values, source_year, true, err);
    if (rc <= 0) return rc;
    if (store_keep_header_prior(s, values[0], err) < 0) return ERR_DB;
    st = table_stmt(s, row_upsert_texts, T903_HEADER, &s->upserts[T903_HEADER], err);
    return st ? run_upsert(s, st, T903_HEADER, values, source_year, false, err) : ERR_DB;
}

int store_put_903_row(Store *s, Ssda903TableId table, const char *const *values, int source_year,
                      Err *err)
{
    if (s->stage.on) return stage_903_row(s, table, values, source_year, err);
    if (table == T903_HEADER && store_has_header_years(s))
        return put_header(s, values, source_year, err);
    DbStmt *st = table_stmt(s, row_upsert_texts, table, &s->upserts[table], err);
    return st ? run_upsert(s, st, table, values, source_year, false, err) : ERR_DB;
}

bool store_last_put_written(Store *s)
{
    return s->last_put_written;
}

bool store_puts_staged(Store *s)
{
    return s->stage.on;
}

/* The source_year of the stored row with the upsert's key. Parameters as
 * the council probe's: the child, then the year or the key's date. */
static void write_year_probe(Ssda903TableId table, SqlText *q)
{
    const Ssda903Table *t = ssda903_table(table);
    int key = second_key(table), p = 2;
    char name[64];
    sql_add(q, "SELECT source_year FROM %s WHERE %s = ?1", t->sql_name, stored_name(t, 0, name));
    if (key == KEY_YEAR) sql_add(q, " AND year = ?%d", p++);
    if (key >= 0) sql_add(q, " AND %s = ?%d", stored_name(t, key, name), p);
}

int store_put_was_written(Store *s, Ssda903TableId table, const char *const *values,
                          int source_year, bool *written, Err *err)
{
    *written = false;
    if (settle(s, err) < 0) return ERR_DB;
    SqlText q = {0};
    write_year_probe(table, &q);
    DbStmt *st;
    if (db_prepare(s->conn, q.text, false, &st) < 0)
        return db_error(s->conn, err, "preparing to read a row's year");
    int key = second_key(table), p = 1;
    db_bind_text(st, p++, values[0]);
    if (key == KEY_YEAR) db_bind_int(st, p++, source_year);
    if (key >= 0) db_bind_text(st, p, values[key]);
    int rc = db_step(st);
    if (rc == DB_ROW) *written = db_column_int(st, 0) == source_year;
    db_finalize(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : db_error(s->conn, err, "reading a row's year");
}

bool store_child_known(Store *s, const char *child)
{
    Err ignored;
    if (settle(s, &ignored) < 0) return false;
    DbStmt *st = store_stmt(s, STMT_CHILD_KNOWN, &ignored);
    if (!st) return false;
    db_bind_text(st, 1, child);
    bool known = db_step(st) == DB_ROW;
    db_reset(st);
    return known;
}

int store_put_disability(Store *s, const char *child, bool disabled, Err *err)
{
    if (settle(s, err) < 0) return ERR_DB;
    DbStmt *st = store_stmt(s, STMT_PUT_DISABILITY, err);
    if (!st) return ERR_DB;
    db_bind_text(st, 1, child);
    db_bind_int(st, 2, disabled);
    db_bind_text(st, 3, s->council);
    return step_done(s, st, err, "storing a disability flag");
}

long store_count_rows(Store *s, Ssda903TableId table)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", ssda903_table(table)->sql_name);
    Err ignored;
    if (settle(s, &ignored) < 0) return -1;
    return (long)store_query_int(s->conn, sql, -1);
}

/* Runs one prepared insert to its end and finalizes it. */
static int insert_done(Store *s, DbStmt *st, Err *err, const char *what)
{
    int rc = db_step(st);
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, what);
}

static DbStmt *prepare_insert(Store *s, const char *sql, Err *err)
{
    DbStmt *st;
    if (db_prepare(s->conn, sql, false, &st) != 0) {
        db_error(s->conn, err, "preparing the import log");
        return NULL;
    }
    return st;
}

/* One prepared insert for all the files: preparing it again for each of an
 * import's hundreds of files cost more than the inserts. */
static int log_import_files(Store *s, long long id, const StoreImportLog *log, Err *err)
{
    if (log->n_files == 0) return 0;
    DbStmt *st = prepare_insert(
        s, "INSERT INTO import_files (import_id, path, size, sha256) VALUES (?1, ?2, ?3, ?4)", err);
    if (!st) return ERR_DB;
    int rc = 0;
    for (int i = 0; i < log->n_files && rc == 0; i++) {
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, log->files[i].path);
        db_bind_int(st, 3, log->files[i].size);
        db_bind_text(st, 4, log->files[i].sha256);
        rc = step_done(s, st, err, "logging an imported file");
    }
    db_finalize(st);
    return rc;
}

/* The schema version that logs each table's rows added, changed and
 * unchanged (schema/sqlite/021_import_outcomes.sql). */
enum { IMPORT_OUTCOMES_VERSION = 21 };

/* Each table's rows read and, from the store's own counts (s->outcomes, made
 * as the rows were written or merged: the merge has run, store_log_import
 * settles first), what became of them. */
static int log_import_rows(Store *s, long long id, const StoreImportLog *log, Err *err)
{
    bool outcomes = s->schema_version >= IMPORT_OUTCOMES_VERSION;
    int rc = 0;
    for (int t = 0; t < TABLE_COUNT && rc == 0; t++) {
        if (!log->rows_by_table[t]) continue;
        const char *table = ssda903_table((Ssda903TableId)t)->sql_name;
        DbStmt *st = prepare_insert(
            s, "INSERT INTO import_rows (import_id, table_name, rows) VALUES (?1, ?2, ?3)", err);
        if (!st) return ERR_DB;
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, table);
        db_bind_int(st, 3, log->rows_by_table[t]);
        rc = insert_done(s, st, err, "logging an import's rows");
        if (rc < 0 || !outcomes) continue;
        st = prepare_insert(s,
                            "INSERT INTO import_outcomes (import_id, table_name, added, changed, "
                            "unchanged) VALUES (?1, ?2, ?3, ?4, ?5)",
                            err);
        if (!st) return ERR_DB;
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, table);
        for (int k = 0; k < STORE_OUTCOMES; k++) db_bind_int(st, 3 + k, s->outcomes[t][k]);
        rc = insert_done(s, st, err, "logging what an import did with its rows");
    }
    return rc;
}

int store_log_import(Store *s, const StoreImportLog *log, long long *id_out, Err *err)
{
    if (settle(s, err) < 0) return ERR_DB;
    DbStmt *st = prepare_insert(s,
                                "INSERT INTO imports (imported_at, actor, files, rows, first_year, "
                                "last_year) VALUES (?1, ?2, ?3, ?4, NULLIF(?5, 0), NULLIF(?6, 0))",
                                err);
    if (!st) return ERR_DB;
    db_bind_text(st, 1, log->imported_at);
    db_bind_text(st, 2, log->actor);
    db_bind_int(st, 3, log->n_files);
    db_bind_int(st, 4, log->rows);
    db_bind_int(st, 5, log->first_year);
    db_bind_int(st, 6, log->last_year);
    int rc = insert_done(s, st, err, "logging the import");
    if (rc < 0) return rc;
    long long id = store_query_int(s->conn, "SELECT max(id) FROM imports", -1);
    if (id < 0) return err_set(err, ERR_DB, "the import log lost its entry");
    *id_out = id;
    rc = log_import_files(s, id, log, err);
    return rc == 0 ? log_import_rows(s, id, log, err) : rc;
}

/* The schema version that added the import log (schema/sqlite/005_import_log.sql). */
enum { IMPORT_LOG_VERSION = 5 };

static char *column_copy(DbStmt *st, int i)
{
    return db_column_is_null(st, i) ? NULL : xstrdup(db_column_text(st, i));
}

/* Appends " part" (no space first) to *text. */
static void append_part(char **text, const char *part)
{
    size_t had = *text ? strlen(*text) : 0;
    *text = xrealloc(*text, had + strlen(part) + 2);
    snprintf(*text + had, strlen(part) + 2, "%s%s", had ? " " : "", part);
}

/* Adds "table=N" to *text for a count above 0 (a column NULL before
 * schema 21 adds nothing). */
static void add_count(char **text, DbStmt *st, int column)
{
    if (db_column_is_null(st, column) || db_column_int(st, column) == 0) return;
    char part[160];
    snprintf(part, sizeof part, "%s=%lld", db_column_text(st, 1), db_column_int(st, column));
    append_part(text, part);
}

/* "episodes=5 header=4": the rows of each table one import logged, by table
 * name, for every import (built here: the engines' string aggregates
 * differ); and alike the rows added, changed and unchanged (schema 21). */
static int read_import_tables(Store *s, StoreImportEntries *out, Err *err)
{
    DbStmt *st;
    if (db_prepare(s->conn,
                   store_schema_version(s) >= IMPORT_OUTCOMES_VERSION
                       ? "SELECT r.import_id, r.table_name, r.rows, o.added, o.changed, "
                         "o.unchanged FROM import_rows r LEFT JOIN import_outcomes o "
                         "ON o.import_id = r.import_id AND o.table_name = r.table_name "
                         "ORDER BY r.import_id, r.table_name"
                       : "SELECT import_id, table_name, rows, NULL, NULL, NULL FROM import_rows "
                         "ORDER BY import_id, table_name",
                   false, &st) != 0)
        return db_error(s->conn, err, "reading the import log");
    int rc, first = 0; /* the first entry of the import being read */
    while ((rc = db_step(st)) == DB_ROW) {
        long long id = db_column_int(st, 0);
        while (first < out->n && out->items[first].id < id) first++;
        char part[160];
        snprintf(part, sizeof part, "%s=%s", db_column_text(st, 1), db_column_text(st, 2));
        for (int i = first; i < out->n && out->items[i].id == id; i++) {
            StoreImportEntry *e = &out->items[i];
            append_part(&e->tables, part);
            add_count(&e->added, st, 3);
            add_count(&e->changed, st, 4);
            add_count(&e->unchanged, st, 5);
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "reading the import log");
}

/* "ACTIV=1 PLACE=2": each import's standing marks counted by field (schema 7,
 * value_marks). */
static int read_import_marks(Store *s, StoreImportEntries *out, Err *err)
{
    DbStmt *st;
    if (db_prepare(s->conn,
                   "SELECT import_id, field, count(*) FROM value_marks "
                   "GROUP BY import_id, field ORDER BY import_id, field",
                   false, &st) != 0)
        return db_error(s->conn, err, "reading the import log's marks");
    int rc, first = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        long long id = db_column_int(st, 0);
        while (first < out->n && out->items[first].id < id) first++;
        char part[160];
        snprintf(part, sizeof part, "%s=%lld", db_column_text(st, 1), db_column_int(st, 2));
        for (int i = first; i < out->n && out->items[i].id == id; i++)
            append_part(&out->items[i].marks, part);
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "reading the import log's marks");
}

int store_list_imports(Store *s, StoreImportEntries *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (store_schema_version(s) < IMPORT_LOG_VERSION) return 0;
    out->has_log = true;
    DbStmt *st;
    if (db_prepare(s->conn,
                   "SELECT i.id, i.imported_at, i.actor, i.rows, f.path, f.size, f.sha256 "
                   "FROM imports i LEFT JOIN import_files f ON f.import_id = i.id "
                   "ORDER BY i.id, f.path",
                   false, &st) != 0)
        return db_error(s->conn, err, "reading the import log");
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        MEM_GROW(out->items, out->n, out->cap);
        StoreImportEntry *e = &out->items[out->n++];
        e->id = db_column_int(st, 0);
        e->imported_at = column_copy(st, 1);
        e->actor = column_copy(st, 2);
        e->rows = (long)db_column_int(st, 3);
        e->tables = e->added = e->changed = e->unchanged = NULL;
        e->path = column_copy(st, 4);
        e->size = db_column_int(st, 5);
        e->sha256 = column_copy(st, 6);
        e->marks = NULL;
    }
    db_finalize(st);
    if (rc != DB_DONE) return db_error(s->conn, err, "reading the import log");
    if (read_import_tables(s, out, err) < 0) return ERR_DB;
    return store_schema_version(s) >= STORE_MARKS_VERSION ? read_import_marks(s, out, err) : 0;
}

void store_import_entries_free(StoreImportEntries *e)
{
    for (int i = 0; i < e->n; i++) {
        StoreImportEntry *x = &e->items[i];
        free(x->imported_at);
        free(x->actor);
        free(x->tables);
        free(x->added);
        free(x->changed);
        free(x->unchanged);
        free(x->path);
        free(x->sha256);
        free(x->marks);
    }
    free(e->items);
    memset(e, 0, sizeof *e);
}
