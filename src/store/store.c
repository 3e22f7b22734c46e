/* store: see store.h. SQLite backend. */
#include "store/store.h"

#include "base/embed.h"
#include "base/mem.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Per-year tables carry the collection year in their key. */
static const bool per_year[TABLE_COUNT] = {
    [T903_OC2] = true, [T903_OC3] = true, [T903_AD1] = true, [T903_PREV_PERM] = true};

typedef enum StmtId { STMT_CHILD_KNOWN, STMT_PUT_DISABILITY, STMT_COUNT } StmtId;

static const char *const stmt_sql[STMT_COUNT] = {
    [STMT_CHILD_KNOWN] = "SELECT 1 FROM header WHERE child = ?1",
    [STMT_PUT_DISABILITY] = "INSERT INTO disability (child, disabled) VALUES (?1, ?2) "
                            "ON CONFLICT (child) DO UPDATE SET disabled = excluded.disabled",
};

struct Store {
    sqlite3 *db;
    int load_connections; /* how many the last load read on */
    sqlite3_stmt *upserts[TABLE_COUNT];
    sqlite3_stmt *stmts[STMT_COUNT];
};

static int db_error(Store *s, Err *err, const char *what)
{
    return err_set(err, ERR_DB, "%s: %s", what, sqlite3_errmsg(s->db));
}

static int exec_sql(Store *s, const char *sql, Err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        err_set(err, ERR_DB, "%s", msg ? msg : "SQL error");
        sqlite3_free(msg);
        return ERR_DB;
    }
    return 0;
}

static int query_int(Store *s, const char *sql, int fallback)
{
    sqlite3_stmt *st;
    int v = fallback;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return fallback;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int store_schema_version(Store *s)
{
    return query_int(s, "SELECT max(version) FROM schema_migrations", 0);
}

/* Applies schema/sqlite/NNN_*.sql in order, each in its own transaction,
 * recording its number in schema_migrations. */
static int migrate(Store *s, Err *err)
{
    if (exec_sql(s,
                 "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                 "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                 err) < 0)
        return ERR_DB;
    int current = store_schema_version(s);
    for (int i = 0; i < n_embedded_files; i++) {
        const EmbeddedFile *f = &embedded_files[i];
        const char *prefix = "schema/sqlite/";
        if (strncmp(f->name, prefix, strlen(prefix)) != 0) continue;
        int version = atoi(f->name + strlen(prefix));
        if (version <= current) continue;
        if (exec_sql(s, "BEGIN IMMEDIATE", err) < 0) return ERR_DB;
        if (exec_sql(s, (const char *)f->data, err) < 0) {
            exec_sql(s, "ROLLBACK", &(Err){0});
            return err_set(err, ERR_DB, "migration %s failed: %s", f->name, err->msg);
        }
        sqlite3_stmt *st;
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO schema_migrations (version, name, applied_at) "
                           "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           -1, &st, NULL);
        sqlite3_bind_int(st, 1, version);
        sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE || exec_sql(s, "COMMIT", err) < 0) {
            exec_sql(s, "ROLLBACK", &(Err){0});
            return db_error(s, err, "recording a migration");
        }
    }
    return 0;
}

static int prepare_all(Store *s, Err *err)
{
    for (int t = 0; t < TABLE_COUNT; t++)
        if (sqlite3_prepare_v3(s->db, upsert_sql[t], -1, SQLITE_PREPARE_PERSISTENT, &s->upserts[t],
                               NULL) != SQLITE_OK)
            return db_error(s, err, "preparing an upsert");
    for (int i = 0; i < STMT_COUNT; i++)
        if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->stmts[i],
                               NULL) != SQLITE_OK)
            return db_error(s, err, "preparing a statement");
    return 0;
}

int store_open(const char *path, Store **out, Err *err)
{
    Store *s = xcalloc(1, sizeof *s);
    *out = NULL;
    if (sqlite3_open_v2(path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        err_at(err, ERR_DB, path, 0, 0, NULL, "cannot open the database: %s",
               s->db ? sqlite3_errmsg(s->db) : "out of memory");
        store_close(s);
        return ERR_DB;
    }
    sqlite3_busy_timeout(s->db, 5000);
    Err e2;
    /* Reads go through a memory map (up to 1 GiB of the file): a load reads
     * every page once, and mapping saves copying each into the page cache. */
    if (exec_sql(s,
                 "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                 "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; "
                 "PRAGMA mmap_size = 1073741824;",
                 &e2) < 0 ||
        migrate(s, &e2) < 0 || prepare_all(s, &e2) < 0) {
        err_at(err, ERR_DB, path, 0, 0, NULL, "%s", e2.msg);
        store_close(s);
        return ERR_DB;
    }
    *out = s;
    return 0;
}

void store_close(Store *s)
{
    if (!s) return;
    for (int t = 0; t < TABLE_COUNT; t++) sqlite3_finalize(s->upserts[t]);
    for (int i = 0; i < STMT_COUNT; i++) sqlite3_finalize(s->stmts[i]);
    sqlite3_close(s->db);
    free(s);
}

int store_begin(Store *s, Err *err)
{
    return exec_sql(s, "BEGIN IMMEDIATE", err);
}

int store_commit(Store *s, Err *err)
{
    return exec_sql(s, "COMMIT", err);
}

void store_rollback(Store *s)
{
    Err ignored;
    if (!sqlite3_get_autocommit(s->db)) exec_sql(s, "ROLLBACK", &ignored);
}

static int step_done(Store *s, sqlite3_stmt *st, Err *err, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, what);
}

int store_put_903_row(Store *s, Ssda903TableId table, const char *const *values, int source_year,
                      Err *err)
{
    sqlite3_stmt *st = s->upserts[table];
    int n = ssda903_table(table)->n_columns;
    for (int i = 0; i < n; i++)
        if (values[i]) sqlite3_bind_text(st, i + 1, values[i], -1, SQLITE_STATIC);
    if (per_year[table]) sqlite3_bind_int(st, ++n, source_year);
    sqlite3_bind_int(st, n + 1, source_year);
    return step_done(s, st, err, "storing a row");
}

bool store_child_known(Store *s, const char *child)
{
    sqlite3_stmt *st = s->stmts[STMT_CHILD_KNOWN];
    sqlite3_bind_text(st, 1, child, -1, SQLITE_STATIC);
    bool known = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return known;
}

int store_put_disability(Store *s, const char *child, bool disabled, Err *err)
{
    sqlite3_stmt *st = s->stmts[STMT_PUT_DISABILITY];
    sqlite3_bind_text(st, 1, child, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, disabled);
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
    return query_int(s, count_sql[table], -1);
}

/* ---- Loading a Dataset -------------------------------------------------- */

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static Date col_date(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    Date d;
    if (!t || date_parse_iso((const char *)t, (size_t)sqlite3_column_bytes(st, i), &d) < 0)
        return DATE_NONE;
    return d;
}

static int load_children(Store *s, Dataset *ds, Err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT child, sex, dob, ethnic FROM header ORDER BY child", -1,
                           &st, NULL) != SQLITE_OK)
        return db_error(s, err, "loading children");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        dataset_add_child(ds, col_text(st, 0), col_text(st, 1), col_date(st, 2), col_text(st, 3));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, "loading children");
}

/* Rows of the child tables come sorted by child id, like ds->children, so one
 * cursor walks both. Returns the index of the child for id, or -1 (no Header
 * row). */
static int child_index(const Dataset *ds, int *cursor, const char *id)
{
    int cmp = 1;
    while (*cursor < ds->n_children && (cmp = strcmp(ds->children[*cursor].id, id)) < 0)
        (*cursor)++;
    return *cursor < ds->n_children && cmp == 0 ? *cursor : -1;
}

/* The child for id, or NULL, as child_index. */
static Child *advance_to_child(Dataset *ds, int *cursor, const char *id)
{
    int i = child_index(ds, cursor, id);
    return i < 0 ? NULL : &ds->children[i];
}

/* The council's disability list and the UASC flag, each a short scan merged
 * into the children by id (a join per child would cost a lookup each). */
static int load_disability(Store *s, Dataset *ds, unsigned parts, Err *err)
{
    (void)parts;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT child, disabled FROM disability ORDER BY child", -1, &st,
                           NULL) != SQLITE_OK)
        return db_error(s, err, "loading the disability list");
    int rc, cursor = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Child *c = advance_to_child(ds, &cursor, col_text(st, 0));
        if (c && sqlite3_column_type(st, 1) != SQLITE_NULL)
            c->disability =
                sqlite3_column_int(st, 1) ? DISABILITY_OVERRIDE_YES : DISABILITY_OVERRIDE_NO;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, "loading the disability list");
}

static int load_uasc(Store *s, Dataset *ds, unsigned parts, Err *err)
{
    (void)parts;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT child FROM uasc ORDER BY child", -1, &st, NULL) !=
        SQLITE_OK)
        return db_error(s, err, "loading UASC");
    int rc, cursor = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Child *c = advance_to_child(ds, &cursor, col_text(st, 0));
        if (c) c->uasc = true;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, "loading UASC");
}

static void fill_episode(sqlite3_stmt *st, Episode *ep)
{
    memset(ep, 0, sizeof *ep);
    ep->decom = col_date(st, 1);
    ep->dec = col_date(st, 2);
    DATASET_SET_CODE(ep->rne, col_text(st, 3));
    DATASET_SET_CODE(ep->ls, col_text(st, 4));
    DATASET_SET_CODE(ep->cin, col_text(st, 5));
    DATASET_SET_CODE(ep->place, col_text(st, 6));
    DATASET_SET_CODE(ep->place_provider, col_text(st, 7));
    DATASET_SET_CODE(ep->rec, col_text(st, 8));
    DATASET_SET_CODE(ep->reason_place_change, col_text(st, 9));
}

/* With postcodes (STORE_LOAD_POSTCODES), each episode's HOME_POST and PL_POST
 * go into ds->places as well. */
static int load_episodes(Store *s, Dataset *ds, unsigned parts, Err *err)
{
    bool postcodes = (parts & STORE_LOAD_POSTCODES) != 0;
    static const char *const sql[2] = {
        "SELECT child, decom, dec, rne, ls, cin, place, place_provider, rec, reason_place_change "
        "FROM episodes ORDER BY child, decom",
        "SELECT child, decom, dec, rne, ls, cin, place, place_provider, rec, reason_place_change, "
        "home_post, pl_post FROM episodes ORDER BY child, decom",
    };
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql[postcodes], -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, "loading episodes");
    int rc, cursor = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Child *c = advance_to_child(ds, &cursor, col_text(st, 0));
        if (!c) continue;
        MEM_GROW(ds->episodes, ds->n_episodes, ds->cap_episodes);
        if (c->n_episodes++ == 0) c->first_episode = ds->n_episodes;
        fill_episode(st, &ds->episodes[ds->n_episodes++]);
        if (postcodes) {
            EpisodePlace pl = {.distance = -1};
            DATASET_SET_CODE(pl.home_post, col_text(st, 10));
            DATASET_SET_CODE(pl.pl_post, col_text(st, 11));
            dataset_add_place(ds, &pl);
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, "loading episodes");
}

static int load_reviews(Store *s, Dataset *ds, unsigned parts, Err *err)
{
    (void)parts;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT child, review, review_code FROM reviews ORDER BY child, review",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, "loading reviews");
    int rc, cursor = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Child *c = advance_to_child(ds, &cursor, col_text(st, 0));
        if (!c) continue;
        MEM_GROW(ds->reviews, ds->n_reviews, ds->cap_reviews);
        if (c->n_reviews++ == 0) c->first_review = ds->n_reviews;
        Review *rv = &ds->reviews[ds->n_reviews++];
        memset(rv, 0, sizeof *rv); /* padding and code bytes too: loads compare equal */
        rv->date = col_date(st, 1);
        DATASET_SET_CODE(rv->code, col_text(st, 2));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, "loading reviews");
}

static int load_oc3(Store *s, Dataset *ds, unsigned parts, Err *err)
{
    (void)parts;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            s->db, "SELECT child, year, in_touch, activ, accom FROM oc3 ORDER BY child, year", -1,
            &st, NULL) != SQLITE_OK)
        return db_error(s, err, "loading OC3");
    int rc, cursor = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Child *c = advance_to_child(ds, &cursor, col_text(st, 0));
        if (!c) continue;
        MEM_GROW(ds->oc3, ds->n_oc3, ds->cap_oc3);
        if (c->n_oc3++ == 0) c->first_oc3 = ds->n_oc3;
        Oc3 *o = &ds->oc3[ds->n_oc3++];
        memset(o, 0, sizeof *o); /* padding and code bytes too: loads compare equal */
        o->year = sqlite3_column_int(st, 1);
        DATASET_SET_CODE(o->in_touch, col_text(st, 2));
        DATASET_SET_CODE(o->activ, col_text(st, 3));
        DATASET_SET_CODE(o->accom, col_text(st, 4));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, "loading OC3");
}

/* A 903 flag column ('0' or '1') as 0, 1, or -1 when not recorded. */
static int8_t col_flag(sqlite3_stmt *st, int i)
{
    const char *t = col_text(st, i);
    return t[0] == '1' && !t[1] ? 1 : t[0] == '0' && !t[1] ? 0 : -1;
}

static int load_oc2(Store *s, Dataset *ds, unsigned parts, Err *err)
{
    (void)parts;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT child, year, convicted, health_check, immunisations, "
                           "teeth_check, health_assessment, substance_misuse, "
                           "intervention_received, intervention_offered, "
                           "coalesce(CAST(sdq_score AS INTEGER), -1) FROM oc2 ORDER BY child, year",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, "loading OC2");
    int rc, cursor = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Child *c = advance_to_child(ds, &cursor, col_text(st, 0));
        if (!c) continue;
        MEM_GROW(ds->oc2, ds->n_oc2, ds->cap_oc2);
        if (c->n_oc2++ == 0) c->first_oc2 = ds->n_oc2;
        Oc2 *o = &ds->oc2[ds->n_oc2++];
        memset(o, 0, sizeof *o); /* padding and code bytes too: loads compare equal */
        o->year = sqlite3_column_int(st, 1);
        o->convicted = col_flag(st, 2);
        o->health_check = col_flag(st, 3);
        o->immunisations = col_flag(st, 4);
        o->teeth_check = col_flag(st, 5);
        o->health_assessment = col_flag(st, 6);
        o->substance_misuse = col_flag(st, 7);
        o->intervention_received = col_flag(st, 8);
        o->intervention_offered = col_flag(st, 9);
        o->sdq_score = (int16_t)sqlite3_column_int(st, 10);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, "loading OC2");
}

static int load_missing(Store *s, Dataset *ds, unsigned parts, Err *err)
{
    (void)parts;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT child, mis_start, mis_end, missing FROM missing "
                           "ORDER BY child, mis_start",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, "loading missing incidents");
    int rc, cursor = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Child *c = advance_to_child(ds, &cursor, col_text(st, 0));
        if (!c) continue;
        MEM_GROW(ds->missing, ds->n_missing, ds->cap_missing);
        if (c->n_missing++ == 0) c->first_missing = ds->n_missing;
        MissingEpisode *m = &ds->missing[ds->n_missing++];
        memset(m, 0, sizeof *m); /* padding and code bytes too: loads compare equal */
        m->start = col_date(st, 1);
        m->end = col_date(st, 2);
        DATASET_SET_CODE(m->missing, col_text(st, 3));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, "loading missing incidents");
}

static int load_adoption(Store *s, Dataset *ds, unsigned parts, Err *err)
{
    (void)parts;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT child, year, date_int, date_match, foster_care FROM ad1 "
                           "ORDER BY child, year",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, "loading AD1");
    int rc, cursor = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Child *c = advance_to_child(ds, &cursor, col_text(st, 0));
        if (!c) continue;
        MEM_GROW(ds->ad1, ds->n_ad1, ds->cap_ad1);
        if (c->n_ad1++ == 0) c->first_ad1 = ds->n_ad1;
        Ad1 *a = &ds->ad1[ds->n_ad1++];
        memset(a, 0, sizeof *a); /* padding and code bytes too: loads compare equal */
        a->year = sqlite3_column_int(st, 1);
        a->date_int = col_date(st, 2);
        a->date_match = col_date(st, 3);
        a->foster_care = col_flag(st, 4);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_error(s, err, "loading AD1");
    if (sqlite3_prepare_v2(s->db,
                           "SELECT child, date_placed, date_placed_ceased, reason_placed_ceased "
                           "FROM placed_adoption ORDER BY child, date_placed",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, "loading PlacedAdoption");
    cursor = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Child *c = advance_to_child(ds, &cursor, col_text(st, 0));
        if (!c) continue;
        MEM_GROW(ds->placed_adoption, ds->n_placed_adoption, ds->cap_placed_adoption);
        if (c->n_placed_adoption++ == 0) c->first_placed_adoption = ds->n_placed_adoption;
        PlacedAdoption *p = &ds->placed_adoption[ds->n_placed_adoption++];
        memset(p, 0, sizeof *p); /* padding and code bytes too: loads compare equal */
        p->date_placed = col_date(st, 1);
        p->date_ceased = col_date(st, 2);
        DATASET_SET_CODE(p->reason_ceased, col_text(st, 3));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, "loading PlacedAdoption");
}

/* Each record template as (child, date, subtype, value) in key order, one
 * query per RecordKind. A single UNION ALL ... ORDER BY would make SQLite sort
 * every record; merging the key-ordered scans here does not. */
static const char *const load_record_sql[RECORD_KIND_COUNT] = {
    [RECORD_VISIT] = "SELECT child, visit_date, CASE seen_alone WHEN 'yes' THEN 1 WHEN 'no' THEN 2 "
                     "ELSE 0 END, -1 FROM visits ORDER BY child, visit_date",
    [RECORD_HEALTH_ASSESSMENT] = "SELECT child, ha_date, CASE ha_type WHEN 'initial' THEN 1 WHEN "
                                 "'review' THEN 2 ELSE 0 END, -1 FROM health_assessments "
                                 "ORDER BY child, ha_date",
    [RECORD_DENTAL_CHECK] =
        "SELECT child, dental_date, 0, -1 FROM dental_checks ORDER BY child, dental_date",
    [RECORD_IMMUNISATION] = "SELECT child, imms_date, CASE imms_up_to_date WHEN 'yes' THEN 1 WHEN "
                            "'no' THEN 2 ELSE 0 END, -1 FROM immunisations ORDER BY child, "
                            "imms_date",
    [RECORD_SDQ] = "SELECT child, sdq_date, 0, coalesce(CAST(sdq_score AS INTEGER), -1) FROM sdq "
                   "ORDER BY child, sdq_date",
    [RECORD_PEP] = "SELECT child, pep_date, 0, -1 FROM peps ORDER BY child, pep_date",
    [RECORD_CARE_PLAN] =
        "SELECT child, care_plan_date, 0, -1 FROM care_plans ORDER BY child, care_plan_date",
    [RECORD_NEEDS_ASSESSMENT] = "SELECT child, needs_assessment_date, 0, -1 FROM "
                                "needs_assessments ORDER BY child, needs_assessment_date",
    [RECORD_PATHWAY_PLAN] = "SELECT child, pathway_plan_date, CASE pathway_plan_type WHEN 'plan' "
                            "THEN 1 WHEN 'review' THEN 2 ELSE 0 END, -1 FROM pathway_plans "
                            "ORDER BY child, pathway_plan_date",
    [RECORD_PA_CONTACT] = "SELECT child, pa_contact_date, CASE pa_contact_type WHEN 'visit' THEN 1 "
                          "WHEN 'phone' THEN 2 WHEN 'video' THEN 3 WHEN 'message' THEN 4 ELSE 0 "
                          "END, -1 FROM pa_contacts ORDER BY child, pa_contact_date",
    [RECORD_VISIT_REGIME] = "SELECT child, regime_date, CASE regime WHEN 'standard' THEN 1 WHEN "
                            "'reg19_assessment_pending' THEN 2 WHEN 'reg24_temporary_approval' "
                            "THEN 3 ELSE 0 END, -1 FROM visit_regimes ORDER BY child, regime_date",
};

/* The rows of one record template, in (child, date) order, each with the
 * index of its child in ds->children. Rows of a child without a Header row
 * are dropped, as for the 903 tables. */
typedef struct RecordBatch {
    CareRecord *rows;
    int *child;
    int n, cap;
} RecordBatch;

static int load_record_kind(Store *s, const Dataset *ds, RecordKind kind, RecordBatch *out,
                            Err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, load_record_sql[kind], -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, "loading records");
    int rc, cursor = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int pos = child_index(ds, &cursor, col_text(st, 0));
        if (pos < 0) continue;
        if (out->n == out->cap) {
            out->cap = out->cap ? 2 * out->cap : 4096;
            out->rows = xrealloc(out->rows, (size_t)out->cap * sizeof *out->rows);
            out->child = xrealloc(out->child, (size_t)out->cap * sizeof *out->child);
        }
        out->rows[out->n] = (CareRecord){.date = col_date(st, 1),
                                         .kind = (uint8_t)kind,
                                         .subtype = (uint8_t)sqlite3_column_int(st, 2),
                                         .value = (int16_t)sqlite3_column_int(st, 3)};
        out->child[out->n++] = pos;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, "loading records");
}

/* Merges the kinds' batches into ds->records: each child's records by date,
 * records of one date in kind order (a stable insertion sort of the child's
 * rows, appended kind by kind; a child has tens of records, not thousands). */
static void merge_record_batches(Dataset *ds, const RecordBatch batch[RECORD_KIND_COUNT])
{
    long total = 0;
    for (int k = 0; k < RECORD_KIND_COUNT; k++) total += batch[k].n;
    if (total == 0) return;
    ds->records = xrealloc(ds->records, (size_t)total * sizeof *ds->records);
    ds->cap_records = (int)total;
    int next[RECORD_KIND_COUNT] = {0};
    for (int c = 0; c < ds->n_children; c++) {
        int first = ds->n_records;
        for (int k = 0; k < RECORD_KIND_COUNT; k++)
            for (; next[k] < batch[k].n && batch[k].child[next[k]] == c; next[k]++) {
                CareRecord r = batch[k].rows[next[k]];
                int i = ds->n_records++;
                for (; i > first && ds->records[i - 1].date > r.date; i--)
                    ds->records[i] = ds->records[i - 1];
                ds->records[i] = r;
            }
        ds->children[c].first_record = first;
        ds->children[c].n_records = ds->n_records - first;
    }
}

/* ---- Loading the Dataset on two connections at once ---------------------- */

/* The tables a load reads after the children, largest first in a typical
 * history (visits alone are a third of the rows), so that two connections
 * taking the next table in turn finish at about the same time. */
typedef enum LoadTask {
    TASK_VISITS,
    TASK_EPISODES,
    TASK_REVIEWS,
    TASK_PA_CONTACTS,
    TASK_CARE_PLANS,
    TASK_HEALTH_ASSESSMENTS,
    TASK_PATHWAY_PLANS,
    TASK_PEPS,
    TASK_IMMUNISATIONS,
    TASK_DENTAL_CHECKS,
    TASK_OC3,
    TASK_OC2,
    TASK_SDQ,
    TASK_MISSING,
    TASK_NEEDS_ASSESSMENTS,
    TASK_ADOPTION,
    TASK_VISIT_REGIMES,
    TASK_UASC,
    TASK_DISABILITY,
    TASK_COUNT
} LoadTask;

static const struct {
    unsigned part;
    int kind; /* the RecordKind of a record template, else -1 */
    int (*load)(Store *, Dataset *, unsigned parts, Err *); /* NULL for a record kind */
} load_tasks[TASK_COUNT] = {
    [TASK_VISITS] = {STORE_LOAD_RECORDS, RECORD_VISIT, NULL},
    [TASK_EPISODES] = {STORE_LOAD_EPISODES, -1, load_episodes},
    [TASK_REVIEWS] = {STORE_LOAD_REVIEWS, -1, load_reviews},
    [TASK_PA_CONTACTS] = {STORE_LOAD_RECORDS, RECORD_PA_CONTACT, NULL},
    [TASK_CARE_PLANS] = {STORE_LOAD_RECORDS, RECORD_CARE_PLAN, NULL},
    [TASK_HEALTH_ASSESSMENTS] = {STORE_LOAD_RECORDS, RECORD_HEALTH_ASSESSMENT, NULL},
    [TASK_PATHWAY_PLANS] = {STORE_LOAD_RECORDS, RECORD_PATHWAY_PLAN, NULL},
    [TASK_PEPS] = {STORE_LOAD_RECORDS, RECORD_PEP, NULL},
    [TASK_IMMUNISATIONS] = {STORE_LOAD_RECORDS, RECORD_IMMUNISATION, NULL},
    [TASK_DENTAL_CHECKS] = {STORE_LOAD_RECORDS, RECORD_DENTAL_CHECK, NULL},
    [TASK_OC3] = {STORE_LOAD_OC3, -1, load_oc3},
    [TASK_OC2] = {STORE_LOAD_OC2, -1, load_oc2},
    [TASK_SDQ] = {STORE_LOAD_RECORDS, RECORD_SDQ, NULL},
    [TASK_MISSING] = {STORE_LOAD_MISSING, -1, load_missing},
    [TASK_NEEDS_ASSESSMENTS] = {STORE_LOAD_RECORDS, RECORD_NEEDS_ASSESSMENT, NULL},
    [TASK_ADOPTION] = {STORE_LOAD_ADOPTION, -1, load_adoption},
    [TASK_UASC] = {0, -1, load_uasc}, /* part 0: always, with the children */
    [TASK_DISABILITY] = {0, -1, load_disability},
    [TASK_VISIT_REGIMES] = {STORE_LOAD_RECORDS, RECORD_VISIT_REGIME, NULL},
};

/* One load shared by the connections. Each task writes only its own arrays
 * of the Dataset and its own fields of each Child, so tasks run side by side
 * without locks; ds->children is read-only once the tasks start. */
typedef struct LoadJob {
    Dataset *ds;
    unsigned parts;
    atomic_int next_task;
    atomic_bool failed;
    RecordBatch batch[RECORD_KIND_COUNT];
} LoadJob;

/* Takes tasks until none is left or one has failed (on any connection). */
static int run_load_tasks(LoadJob *job, Store *conn, Err *err)
{
    for (;;) {
        int t = atomic_fetch_add(&job->next_task, 1);
        if (t >= TASK_COUNT || atomic_load(&job->failed)) return 0;
        if (load_tasks[t].part && !(job->parts & load_tasks[t].part)) continue;
        int kind = load_tasks[t].kind;
        int rc = kind >= 0
                     ? load_record_kind(conn, job->ds, (RecordKind)kind, &job->batch[kind], err)
                     : load_tasks[t].load(conn, job->ds, job->parts, err);
        if (rc != 0) {
            atomic_store(&job->failed, true);
            return rc;
        }
    }
}

/* The second connection and its thread. */
typedef struct LoadWorker {
    LoadJob *job;
    Store conn;
    Err err;
    int rc;
} LoadWorker;

static void *load_worker_main(void *arg)
{
    LoadWorker *w = arg;
    w->rc = exec_sql(&w->conn, "BEGIN", &w->err);
    if (w->rc == 0) w->rc = run_load_tasks(w->job, &w->conn, &w->err);
    exec_sql(&w->conn, "COMMIT", &(Err){0});
    return NULL;
}

/* Opens a read-only second connection to s's database file and starts its
 * thread; false when that is not possible (an in-memory database, no file
 * handles or threads left), and the load then runs on s alone. */
static bool start_load_worker(Store *s, LoadWorker *w, pthread_t *thread)
{
    const char *path = sqlite3_db_filename(s->db, "main");
    if (!path || !path[0]) return false;
    if (sqlite3_open_v2(path, &w->conn.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        sqlite3_close(w->conn.db);
        return false;
    }
    sqlite3_busy_timeout(w->conn.db, 5000);
    sqlite3_exec(w->conn.db, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
    if (pthread_create(thread, NULL, load_worker_main, w) != 0) {
        sqlite3_close(w->conn.db);
        return false;
    }
    return true;
}

/* Starts the load's transaction on s. Both connections must see the same
 * commit. SQLite as Debian builds it has no snapshot API, so s takes the
 * write lock (BEGIN IMMEDIATE, without waiting): while s holds it nobody can
 * commit, so a second connection that starts reading meanwhile sees exactly
 * what s sees. Returns true when that worked; otherwise (another writer is at
 * work, or the file is read-only) s holds a plain read transaction and the
 * load must stay on s alone. Nothing is written either way. */
static bool begin_shared_snapshot(Store *s, Err *err, int *rc)
{
    sqlite3_busy_timeout(s->db, 0);
    Err ignored;
    bool locked = exec_sql(s, "BEGIN IMMEDIATE", &ignored) == 0;
    sqlite3_busy_timeout(s->db, 5000);
    *rc = locked ? 0 : exec_sql(s, "BEGIN", err);
    return locked;
}

int store_load_connections(const Store *s)
{
    return s->load_connections;
}

int store_load_dataset(Store *s, Dataset *ds, Err *err)
{
    return store_load_dataset_parts(s, ds, STORE_LOAD_ALL, err);
}

int store_load_dataset_parts(Store *s, Dataset *ds, unsigned parts, Err *err)
{
    int rc;
    bool shared = begin_shared_snapshot(s, err, &rc);
    if (rc != 0) return ERR_DB;
    rc = load_children(s, ds, err);
    LoadJob job = {.ds = ds, .parts = parts};
    LoadWorker worker = {.job = &job};
    pthread_t thread;
    bool parallel = rc == 0 && shared && !(parts & STORE_LOAD_ONE_CONNECTION) &&
                    start_load_worker(s, &worker, &thread);
    if (rc == 0) rc = run_load_tasks(&job, s, err);
    if (parallel) {
        pthread_join(thread, NULL);
        sqlite3_close(worker.conn.db);
        if (rc == 0 && worker.rc != 0) {
            *err = worker.err;
            rc = worker.rc;
        }
    }
    exec_sql(s, shared ? "ROLLBACK" : "COMMIT", &(Err){0});
    s->load_connections = parallel ? 2 : 1;
    if (rc == 0) merge_record_batches(ds, job.batch);
    for (int k = 0; k < RECORD_KIND_COUNT; k++) {
        free(job.batch[k].rows);
        free(job.batch[k].child);
    }
    return rc;
}

/* ---- A year's return as the DfE would see it (validate --db) ------------- */

/* The rows of each 903 table in the return of collection year ?3, which runs
 * from 1 April ?1 to 31 March ?2 (ISO dates), in the table's column order and
 * sorted by child and the table's date. Dates come as a return file writes
 * them (dd/mm/yyyy). Which rows a year holds follows the DfE's guidance (as
 * synth writes a year): Episodes running at some time in the year; Header
 * for the children with such an episode or an OC3 row of the year; UASC for
 * the children with such an episode; Reviews and Missing starting in the year;
 * PlacedAdoption, SWEpisodes and DoLo running in the year (a decision with no
 * end while the child's care runs in the year); OC2, OC3, AD1 and PrevPerm of
 * the year. A date after 31 March, and the fields that go with it (REC,
 * REASON_PLACE_CHANGE, ...), is blank: the year's return saw it still open.
 * SEX takes the year's form (1/2 to 2023/24, M/F from 2024/25: DfE 903 rule
 * 101); a mother whose child was born after 31 March was not one yet. */
static const char *const return_sql[T903_COUNT] = {
    [T903_HEADER] = "WITH kids(child) AS (SELECT child FROM episodes WHERE decom <= ?2 AND "
                    "(dec IS NULL OR dec >= ?1) UNION SELECT child FROM oc3 WHERE year = ?3) "
                    "SELECT h.child, CASE WHEN ?3 <= 2024 THEN (CASE upper(h.sex) WHEN 'M' "
                    "THEN '1' WHEN 'F' THEN '2' ELSE h.sex END) ELSE (CASE h.sex WHEN '1' "
                    "THEN 'M' WHEN '2' THEN 'F' ELSE h.sex END) END, "
                    "strftime('%d/%m/%Y', h.dob), h.ethnic, h.upn, "
                    "CASE WHEN h.mother = '1' AND h.mc_dob > ?2 THEN '0' ELSE h.mother END, "
                    "CASE WHEN h.mc_dob <= ?2 THEN strftime('%d/%m/%Y', h.mc_dob) END "
                    "FROM kids k JOIN header h ON h.child = k.child ORDER BY h.child",
    [T903_EPISODES] = "SELECT child, strftime('%d/%m/%Y', decom), rne, ls, cin, place, "
                      "place_provider, CASE WHEN dec <= ?2 THEN strftime('%d/%m/%Y', dec) END, "
                      "CASE WHEN dec <= ?2 THEN rec END, "
                      "CASE WHEN dec <= ?2 THEN reason_place_change END, home_post, pl_post, urn "
                      "FROM episodes WHERE decom <= ?2 AND (dec IS NULL OR dec >= ?1) "
                      "ORDER BY child, decom",
    [T903_REVIEWS] = "SELECT child, strftime('%d/%m/%Y', dob), strftime('%d/%m/%Y', review), "
                     "review_code FROM reviews WHERE review BETWEEN ?1 AND ?2 "
                     "ORDER BY child, review",
    [T903_UASC] = "WITH kids(child) AS (SELECT DISTINCT child FROM episodes WHERE decom <= "
                  "?2 AND (dec IS NULL OR dec >= ?1)) "
                  "SELECT u.child, CASE WHEN ?3 <= 2024 THEN (CASE upper(u.sex) WHEN 'M' "
                  "THEN '1' WHEN 'F' THEN '2' ELSE u.sex END) ELSE (CASE u.sex WHEN '1' "
                  "THEN 'M' WHEN '2' THEN 'F' ELSE u.sex END) END, "
                  "strftime('%d/%m/%Y', u.dob), strftime('%d/%m/%Y', u.duc) "
                  "FROM kids k JOIN uasc u ON u.child = k.child ORDER BY u.child",
    [T903_OC2] = "SELECT child, strftime('%d/%m/%Y', dob), sdq_score, sdq_reason, convicted, "
                 "health_check, immunisations, teeth_check, health_assessment, "
                 "substance_misuse, intervention_received, intervention_offered FROM oc2 "
                 "WHERE year = ?3 ORDER BY child",
    [T903_OC3] = "SELECT child, strftime('%d/%m/%Y', dob), in_touch, activ, accom FROM oc3 "
                 "WHERE year = ?3 ORDER BY child",
    [T903_AD1] = "SELECT child, strftime('%d/%m/%Y', dob), strftime('%d/%m/%Y', date_int), "
                 "strftime('%d/%m/%Y', date_match), foster_care, nb_adoptr, sex_adoptr, "
                 "ls_adoptr FROM ad1 WHERE year = ?3 ORDER BY child",
    [T903_PLACED_ADOPTION] =
        "SELECT p.child, strftime('%d/%m/%Y', p.dob), strftime('%d/%m/%Y', p.date_placed), "
        "CASE WHEN p.date_placed_ceased <= ?2 THEN strftime('%d/%m/%Y', p.date_placed_ceased) "
        "END, CASE WHEN p.date_placed_ceased <= ?2 THEN p.reason_placed_ceased END "
        "FROM placed_adoption p WHERE p.date_placed <= ?2 AND (p.date_placed_ceased >= ?1 OR "
        "(p.date_placed_ceased IS NULL AND EXISTS (SELECT 1 FROM episodes e WHERE e.child = "
        "p.child AND e.decom <= ?2 AND (e.dec IS NULL OR e.dec >= ?1)))) "
        "ORDER BY p.child, p.date_placed",
    [T903_PREV_PERM] = "SELECT child, strftime('%d/%m/%Y', dob), prev_perm, la_perm, date_perm "
                       "FROM prev_perm WHERE year = ?3 ORDER BY child",
    [T903_MISSING] = "SELECT child, strftime('%d/%m/%Y', dob), missing, "
                     "strftime('%d/%m/%Y', mis_start), CASE WHEN mis_end <= ?2 THEN "
                     "strftime('%d/%m/%Y', mis_end) END FROM missing "
                     "WHERE mis_start BETWEEN ?1 AND ?2 ORDER BY child, mis_start",
    [T903_SW_EPISODES] = "SELECT child, strftime('%d/%m/%Y', dob), sw_id, "
                         "strftime('%d/%m/%Y', sw_decom), CASE WHEN sw_dec <= ?2 THEN "
                         "strftime('%d/%m/%Y', sw_dec) END, CASE WHEN sw_dec <= ?2 THEN "
                         "sw_reason END FROM sw_episodes WHERE sw_decom <= ?2 AND "
                         "(sw_dec IS NULL OR sw_dec >= ?1) ORDER BY child, sw_decom",
    [T903_DOLO] = "SELECT child, strftime('%d/%m/%Y', dob), strftime('%d/%m/%Y', dolo_start), "
                  "CASE WHEN dolo_end <= ?2 THEN strftime('%d/%m/%Y', dolo_end) END FROM dolo "
                  "WHERE dolo_start <= ?2 AND (dolo_end IS NULL OR dolo_end >= ?1) "
                  "ORDER BY child, dolo_start",
};

/* Every stored episode known at the end of collection year ?3 (started by
 * 31 March ?2) of the children in that year's Header (an episode running in
 * the year or an OC3 row of it), as return_sql writes Episodes: their whole
 * history, for the rules that look further back than last year. */
static const char *const return_history_episodes_sql =
    "WITH kids(child) AS (SELECT child FROM episodes WHERE decom <= ?2 AND "
    "(dec IS NULL OR dec >= ?1) UNION SELECT child FROM oc3 WHERE year = ?3) "
    "SELECT e.child, strftime('%d/%m/%Y', e.decom), e.rne, e.ls, e.cin, e.place, "
    "e.place_provider, CASE WHEN e.dec <= ?2 THEN strftime('%d/%m/%Y', e.dec) END, "
    "CASE WHEN e.dec <= ?2 THEN e.rec END, CASE WHEN e.dec <= ?2 THEN e.reason_place_change END, "
    "e.home_post, e.pl_post, e.urn FROM kids k JOIN episodes e ON e.child = k.child "
    "WHERE e.decom <= ?2 ORDER BY e.child, e.decom";

static const char *const return_latest_year_sql = "SELECT max(source_year) FROM episodes";
static const char *const return_first_year_sql = "SELECT min(source_year) FROM episodes";

static int each_return_row(Store *s, const char *sql, int year, StoreRowFn fn, void *ctx, Err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, "reading a year's return");
    char from[24], to[24];
    snprintf(from, sizeof from, "%04d-04-01", year - 1);
    snprintf(to, sizeof to, "%04d-03-31", year);
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, year);
    int n = sqlite3_column_count(st), rc;
    const char *values[SSDA903_MAX_COLUMNS];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n && i < SSDA903_MAX_COLUMNS; i++) values[i] = col_text(st, i);
        if (fn(ctx, values, n) != 0) break;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(s, err, "reading a year's return");
}

int store_each_return_row(Store *s, Ssda903TableId table, int year, StoreRowFn fn, void *ctx,
                          Err *err)
{
    if (table >= T903_COUNT) return err_set(err, ERR_USAGE, "not a 903 table");
    return each_return_row(s, return_sql[table], year, fn, ctx, err);
}

int store_each_history_episode(Store *s, int year, StoreRowFn fn, void *ctx, Err *err)
{
    return each_return_row(s, return_history_episodes_sql, year, fn, ctx, err);
}

int store_latest_return_year(Store *s)
{
    return query_int(s, return_latest_year_sql, 0);
}

int store_first_return_year(Store *s)
{
    return query_int(s, return_first_year_sql, 0);
}
