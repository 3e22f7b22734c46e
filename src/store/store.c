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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The upsert of each 903 table, in Ssda903TableId order. Columns are the
 * table's 903 columns, then year for per-year tables, then source_year. */
static const char *const upsert_sql[TABLE_COUNT] = {
    "INSERT INTO header (child, sex, dob, ethnic, upn, mother, mc_dob, source_year) VALUES (?1, "
    "?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (child) DO UPDATE SET sex = excluded.sex, dob = excluded.dob, ethnic = "
    "excluded.ethnic, upn = excluded.upn, mother = excluded.mother, mc_dob = excluded.mc_dob, "
    "source_year = excluded.source_year "
    "WHERE excluded.source_year >= header.source_year",
    "INSERT INTO episodes (child, decom, rne, ls, cin, place, place_provider, dec, rec, "
    "reason_place_change, home_post, pl_post, urn, source_year) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
    "ON CONFLICT (child, decom) DO UPDATE SET rne = excluded.rne, ls = excluded.ls, cin = "
    "excluded.cin, place = excluded.place, place_provider = excluded.place_provider, dec = "
    "excluded.dec, rec = excluded.rec, reason_place_change = excluded.reason_place_change, "
    "home_post = excluded.home_post, pl_post = excluded.pl_post, urn = excluded.urn, source_year = "
    "excluded.source_year "
    "WHERE excluded.source_year >= episodes.source_year",
    "INSERT INTO reviews (child, dob, review, review_code, source_year) VALUES (?1, ?2, ?3, ?4, "
    "?5) "
    "ON CONFLICT (child, review) DO UPDATE SET dob = excluded.dob, review_code = "
    "excluded.review_code, source_year = excluded.source_year "
    "WHERE excluded.source_year >= reviews.source_year",
    "INSERT INTO uasc (child, sex, dob, duc, source_year) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (child) DO UPDATE SET sex = excluded.sex, dob = excluded.dob, duc = excluded.duc, "
    "source_year = excluded.source_year "
    "WHERE excluded.source_year >= uasc.source_year",
    "INSERT INTO oc2 (child, dob, sdq_score, sdq_reason, convicted, health_check, immunisations, "
    "teeth_check, health_assessment, substance_misuse, intervention_received, "
    "intervention_offered, year, source_year) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
    "?11, ?12, ?13, ?14) "
    "ON CONFLICT (child, year) DO UPDATE SET dob = excluded.dob, sdq_score = excluded.sdq_score, "
    "sdq_reason = excluded.sdq_reason, convicted = excluded.convicted, health_check = "
    "excluded.health_check, immunisations = excluded.immunisations, teeth_check = "
    "excluded.teeth_check, health_assessment = excluded.health_assessment, substance_misuse = "
    "excluded.substance_misuse, intervention_received = excluded.intervention_received, "
    "intervention_offered = excluded.intervention_offered, source_year = excluded.source_year "
    "WHERE excluded.source_year >= oc2.source_year",
    "INSERT INTO oc3 (child, dob, in_touch, activ, accom, year, source_year) VALUES (?1, ?2, ?3, "
    "?4, ?5, ?6, ?7) "
    "ON CONFLICT (child, year) DO UPDATE SET dob = excluded.dob, in_touch = excluded.in_touch, "
    "activ = excluded.activ, accom = excluded.accom, source_year = excluded.source_year "
    "WHERE excluded.source_year >= oc3.source_year",
    "INSERT INTO ad1 (child, dob, date_int, date_match, foster_care, nb_adoptr, sex_adoptr, "
    "ls_adoptr, year, source_year) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT (child, year) DO UPDATE SET dob = excluded.dob, date_int = excluded.date_int, "
    "date_match = excluded.date_match, foster_care = excluded.foster_care, nb_adoptr = "
    "excluded.nb_adoptr, sex_adoptr = excluded.sex_adoptr, ls_adoptr = excluded.ls_adoptr, "
    "source_year = excluded.source_year "
    "WHERE excluded.source_year >= ad1.source_year",
    "INSERT INTO placed_adoption (child, dob, date_placed, date_placed_ceased, "
    "reason_placed_ceased, source_year) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (child, date_placed) DO UPDATE SET dob = excluded.dob, date_placed_ceased = "
    "excluded.date_placed_ceased, reason_placed_ceased = excluded.reason_placed_ceased, "
    "source_year = excluded.source_year "
    "WHERE excluded.source_year >= placed_adoption.source_year",
    "INSERT INTO prev_perm (child, dob, prev_perm, la_perm, date_perm, year, source_year) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (child, year) DO UPDATE SET dob = excluded.dob, prev_perm = excluded.prev_perm, "
    "la_perm = excluded.la_perm, date_perm = excluded.date_perm, source_year = "
    "excluded.source_year "
    "WHERE excluded.source_year >= prev_perm.source_year",
    "INSERT INTO missing (child, dob, missing, mis_start, mis_end, source_year) VALUES (?1, ?2, "
    "?3, ?4, ?5, ?6) "
    "ON CONFLICT (child, mis_start) DO UPDATE SET dob = excluded.dob, missing = excluded.missing, "
    "mis_end = excluded.mis_end, source_year = excluded.source_year "
    "WHERE excluded.source_year >= missing.source_year",
    "INSERT INTO sw_episodes (child, dob, sw_id, sw_decom, sw_dec, sw_reason, source_year) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (child, sw_decom) DO UPDATE SET dob = excluded.dob, sw_id = excluded.sw_id, "
    "sw_dec = excluded.sw_dec, sw_reason = excluded.sw_reason, source_year = excluded.source_year "
    "WHERE excluded.source_year >= sw_episodes.source_year",
    "INSERT INTO dolo (child, dob, dolo_start, dolo_end, source_year) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (child, dolo_start) DO UPDATE SET dob = excluded.dob, dolo_end = "
    "excluded.dolo_end, source_year = excluded.source_year "
    "WHERE excluded.source_year >= dolo.source_year",
    /* Record templates (schema/sqlite/002_records.sql): key child and date. */
    "INSERT INTO visits (child, visit_date, seen_alone, source_year) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (child, visit_date) DO UPDATE SET seen_alone = excluded.seen_alone, source_year = "
    "excluded.source_year "
    "WHERE excluded.source_year >= visits.source_year",
    "INSERT INTO health_assessments (child, ha_date, ha_type, source_year) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (child, ha_date) DO UPDATE SET ha_type = excluded.ha_type, source_year = "
    "excluded.source_year "
    "WHERE excluded.source_year >= health_assessments.source_year",
    "INSERT INTO dental_checks (child, dental_date, source_year) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (child, dental_date) DO UPDATE SET source_year = excluded.source_year "
    "WHERE excluded.source_year >= dental_checks.source_year",
    "INSERT INTO immunisations (child, imms_date, imms_up_to_date, source_year) VALUES (?1, ?2, "
    "?3, ?4) "
    "ON CONFLICT (child, imms_date) DO UPDATE SET imms_up_to_date = excluded.imms_up_to_date, "
    "source_year = excluded.source_year "
    "WHERE excluded.source_year >= immunisations.source_year",
    "INSERT INTO sdq (child, sdq_date, sdq_score, source_year) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (child, sdq_date) DO UPDATE SET sdq_score = excluded.sdq_score, source_year = "
    "excluded.source_year "
    "WHERE excluded.source_year >= sdq.source_year",
    "INSERT INTO peps (child, pep_date, source_year) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (child, pep_date) DO UPDATE SET source_year = excluded.source_year "
    "WHERE excluded.source_year >= peps.source_year",
    "INSERT INTO care_plans (child, care_plan_date, source_year) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (child, care_plan_date) DO UPDATE SET source_year = excluded.source_year "
    "WHERE excluded.source_year >= care_plans.source_year",
    "INSERT INTO needs_assessments (child, needs_assessment_date, source_year) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (child, needs_assessment_date) DO UPDATE SET source_year = excluded.source_year "
    "WHERE excluded.source_year >= needs_assessments.source_year",
    "INSERT INTO pathway_plans (child, pathway_plan_date, pathway_plan_type, source_year) VALUES "
    "(?1, ?2, ?3, ?4) "
    "ON CONFLICT (child, pathway_plan_date) DO UPDATE SET pathway_plan_type = "
    "excluded.pathway_plan_type, source_year = excluded.source_year "
    "WHERE excluded.source_year >= pathway_plans.source_year",
    "INSERT INTO pa_contacts (child, pa_contact_date, pa_contact_type, source_year) VALUES (?1, "
    "?2, ?3, ?4) "
    "ON CONFLICT (child, pa_contact_date) DO UPDATE SET pa_contact_type = "
    "excluded.pa_contact_type, source_year = excluded.source_year "
    "WHERE excluded.source_year >= pa_contacts.source_year",
    /* schema/sqlite/003_visit_regimes.sql */
    "INSERT INTO visit_regimes (child, regime_date, regime, source_year) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (child, regime_date) DO UPDATE SET regime = excluded.regime, source_year = "
    "excluded.source_year "
    "WHERE excluded.source_year >= visit_regimes.source_year",
};

static const char *const stmt_sql[STMT_COUNT] = {
    [STMT_CHILD_KNOWN] = "SELECT 1 FROM header WHERE child = ?1",
    [STMT_PUT_DISABILITY] = ("INSERT INTO disability (child, disabled) VALUES (?1, ?2) "
                             "ON CONFLICT (child) DO UPDATE SET disabled = excluded.disabled"),
    [STMT_COUNT_COMMIT] = "UPDATE store_commits SET n = n + 1 WHERE id = 1",
    [STMT_READ_COMMIT] = "SELECT n FROM store_commits WHERE id = 1",
};

/* The schema version from which the database counts its commits
 * (schema/sqlite/004_commits.sql). */
enum { SCHEMA_WITH_COMMITS = 4 };

DbStmt *store_stmt(Store *s, StmtId id, Err *err)
{
    if (!s->stmts[id] && db_prepare(s->conn, stmt_sql[id], true, &s->stmts[id]) < 0)
        db_error(s->conn, err, "preparing a statement");
    return s->stmts[id];
}

static DbStmt *upsert_stmt(Store *s, Ssda903TableId table, Err *err)
{
    if (!s->upserts[table] && db_prepare(s->conn, upsert_sql[table], true, &s->upserts[table]) < 0)
        db_error(s->conn, err, "preparing an upsert");
    return s->upserts[table];
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
        if (db_exec(c, (const char *)f->data, err) < 0) {
            db_rollback(c);
            return err_set(err, ERR_DB, "migration %s failed: %s", f->name, err->msg);
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
static int check_schema(Store *s, const char *path, bool may_be_new, Err *err)
{
    DbStmt *st;
    if (db_prepare(s->conn, "SELECT max(version) FROM schema_migrations", false, &st) < 0) {
        if (may_be_new && strstr(db_errmsg(s->conn), "no such table")) return 0;
        return err_at(err, ERR_DB, path, 0, 0, NULL, "not a Carepledge database (%s)",
                      db_errmsg(s->conn));
    }
    int rc = db_step(st);
    s->schema_version = rc == DB_ROW ? (int)db_column_int(st, 0) : 0;
    db_finalize(st);
    if (rc != DB_ROW)
        return err_at(err, ERR_DB, path, 0, 0, NULL, "cannot read the schema version: %s",
                      db_errmsg(s->conn));
    int mine = program_schema_version(s->conn);
    if (s->schema_version > mine)
        return err_at(err, ERR_DB, path, 0, 0, NULL,
                      "the database has schema version %d, newer than this program's %d: it "
                      "was written by a newer Carepledge; use that version or a later one",
                      s->schema_version, mine);
    if (s->schema_version == 0 && !may_be_new)
        return err_at(err, ERR_DB, path, 0, 0, NULL, "not a Carepledge database (no schema)");
    return 0;
}

/* ---- Opening ---------------------------------------------------------------- */

static int open_store(const char *path, DbOpenMode mode, Store **out, Err *err)
{
    *out = NULL;
    Store *s = xcalloc(1, sizeof *s);
    s->read_only = mode == DB_OPEN_READ_ONLY;
    if (db_open(path, mode, &s->conn, err) < 0) {
        free(s);
        return ERR_DB;
    }
    Err e2 = {0};
    int rc = check_schema(s, path, !s->read_only, err);
    if (rc == 0 && !s->read_only && migrate(s, &e2) < 0)
        rc = err_at(err, ERR_DB, path, 0, 0, NULL, "%s", e2.msg);
    if (rc < 0) {
        store_close(s);
        return rc;
    }
    *out = s;
    return 0;
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
    for (int t = 0; t < TABLE_COUNT; t++) db_finalize(s->upserts[t]);
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
    return store_read_commit(s, s->conn, &commit, err) < 0 ? -1 : commit;
}

int store_begin(Store *s, Err *err)
{
    if (s->read_only) return err_set(err, ERR_DB, "the database was opened read-only");
    return db_begin_write(s->conn, err);
}

/* Every write transaction counts itself before it commits, so that readers
 * can tell one commit from the next (store_commits). */
int store_commit(Store *s, Err *err)
{
    if (store_has_commits(s)) {
        DbStmt *st = store_stmt(s, STMT_COUNT_COMMIT, err);
        if (!st) return ERR_DB;
        int rc = db_step(st);
        db_reset(st);
        if (rc != DB_DONE) return db_error(s->conn, err, "counting the commit");
    }
    return db_commit(s->conn, err);
}

void store_rollback(Store *s)
{
    db_rollback(s->conn);
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

int store_put_903_row(Store *s, Ssda903TableId table, const char *const *values, int source_year,
                      Err *err)
{
    DbStmt *st = upsert_stmt(s, table, err);
    if (!st) return ERR_DB;
    int n = ssda903_table(table)->n_columns;
    for (int i = 0; i < n; i++)
        if (values[i]) db_bind_text(st, i + 1, values[i]);
    /* Tables kept once a year carry the collection year in their key. */
    if (table < T903_COUNT && ssda903_return_per_year(table)) db_bind_int(st, ++n, source_year);
    db_bind_int(st, n + 1, source_year);
    int rc = db_step(st);
    s->last_put_written = rc == DB_DONE && db_changes(s->conn) > 0;
    db_reset(st);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "storing a row");
}

bool store_last_put_written(Store *s)
{
    return s->last_put_written;
}

bool store_child_known(Store *s, const char *child)
{
    Err ignored;
    DbStmt *st = store_stmt(s, STMT_CHILD_KNOWN, &ignored);
    if (!st) return false;
    db_bind_text(st, 1, child);
    bool known = db_step(st) == DB_ROW;
    db_reset(st);
    return known;
}

int store_put_disability(Store *s, const char *child, bool disabled, Err *err)
{
    DbStmt *st = store_stmt(s, STMT_PUT_DISABILITY, err);
    if (!st) return ERR_DB;
    db_bind_text(st, 1, child);
    db_bind_int(st, 2, disabled);
    return step_done(s, st, err, "storing a disability flag");
}

long store_count_rows(Store *s, Ssda903TableId table)
{
    static const char *const count_sql[TABLE_COUNT] = {
        "SELECT count(*) FROM header",        "SELECT count(*) FROM episodes",
        "SELECT count(*) FROM reviews",       "SELECT count(*) FROM uasc",
        "SELECT count(*) FROM oc2",           "SELECT count(*) FROM oc3",
        "SELECT count(*) FROM ad1",           "SELECT count(*) FROM placed_adoption",
        "SELECT count(*) FROM prev_perm",     "SELECT count(*) FROM missing",
        "SELECT count(*) FROM sw_episodes",   "SELECT count(*) FROM dolo",
        "SELECT count(*) FROM visits",        "SELECT count(*) FROM health_assessments",
        "SELECT count(*) FROM dental_checks", "SELECT count(*) FROM immunisations",
        "SELECT count(*) FROM sdq",           "SELECT count(*) FROM peps",
        "SELECT count(*) FROM care_plans",    "SELECT count(*) FROM needs_assessments",
        "SELECT count(*) FROM pathway_plans", "SELECT count(*) FROM pa_contacts",
        "SELECT count(*) FROM visit_regimes",
    };
    return (long)store_query_int(s->conn, count_sql[table], -1);
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

static int log_import_files(Store *s, long long id, const StoreImportLog *log, Err *err)
{
    int rc = 0;
    for (int i = 0; i < log->n_files && rc == 0; i++) {
        DbStmt *st = prepare_insert(
            s, "INSERT INTO import_files (import_id, path, size, sha256) VALUES (?1, ?2, ?3, ?4)",
            err);
        if (!st) return ERR_DB;
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, log->files[i].path);
        db_bind_int(st, 3, log->files[i].size);
        db_bind_text(st, 4, log->files[i].sha256);
        rc = insert_done(s, st, err, "logging an imported file");
    }
    return rc;
}

static int log_import_rows(Store *s, long long id, const StoreImportLog *log, Err *err)
{
    int rc = 0;
    for (int t = 0; t < TABLE_COUNT && rc == 0; t++) {
        if (!log->rows_by_table[t]) continue;
        DbStmt *st = prepare_insert(
            s, "INSERT INTO import_rows (import_id, table_name, rows) VALUES (?1, ?2, ?3)", err);
        if (!st) return ERR_DB;
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, ssda903_table((Ssda903TableId)t)->sql_name);
        db_bind_int(st, 3, log->rows_by_table[t]);
        rc = insert_done(s, st, err, "logging an import's rows");
    }
    return rc;
}

int store_log_import(Store *s, const StoreImportLog *log, long long *id_out, Err *err)
{
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

/* The import log's listing; from schema 7 with each import's standing marks
 * counted by field. */
static const char *const list_imports_sql[2] = {
    "SELECT i.id, i.imported_at, i.actor, i.rows, "
    "(SELECT group_concat(table_name || '=' || rows, ' ') FROM "
    "(SELECT table_name, rows FROM import_rows r WHERE r.import_id = i.id "
    "ORDER BY table_name)), f.path, f.size, f.sha256, NULL "
    "FROM imports i LEFT JOIN import_files f ON f.import_id = i.id "
    "ORDER BY i.id, f.path",
    "SELECT i.id, i.imported_at, i.actor, i.rows, "
    "(SELECT group_concat(table_name || '=' || rows, ' ') FROM "
    "(SELECT table_name, rows FROM import_rows r WHERE r.import_id = i.id "
    "ORDER BY table_name)), f.path, f.size, f.sha256, "
    "(SELECT group_concat(field || '=' || n, ' ') FROM "
    "(SELECT field, count(*) AS n FROM value_marks m WHERE m.import_id = i.id "
    "GROUP BY field ORDER BY field)) "
    "FROM imports i LEFT JOIN import_files f ON f.import_id = i.id "
    "ORDER BY i.id, f.path",
};

int store_list_imports(Store *s, StoreImportEntries *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (store_schema_version(s) < IMPORT_LOG_VERSION) return 0;
    out->has_log = true;
    DbStmt *st;
    bool marks = store_schema_version(s) >= STORE_MARKS_VERSION;
    if (db_prepare(s->conn, list_imports_sql[marks], false, &st) != 0)
        return db_error(s->conn, err, "reading the import log");
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        MEM_GROW(out->items, out->n, out->cap);
        StoreImportEntry *e = &out->items[out->n++];
        e->id = db_column_int(st, 0);
        e->imported_at = column_copy(st, 1);
        e->actor = column_copy(st, 2);
        e->rows = (long)db_column_int(st, 3);
        e->tables = column_copy(st, 4);
        e->path = column_copy(st, 5);
        e->size = db_column_int(st, 6);
        e->sha256 = column_copy(st, 7);
        e->marks = column_copy(st, 8);
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "reading the import log");
}

void store_import_entries_free(StoreImportEntries *e)
{
    for (int i = 0; i < e->n; i++) {
        StoreImportEntry *x = &e->items[i];
        free(x->imported_at);
        free(x->actor);
        free(x->tables);
        free(x->path);
        free(x->sha256);
        free(x->marks);
    }
    free(e->items);
    memset(e, 0, sizeof *e);
}
