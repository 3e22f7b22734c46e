/* store_load: reading the Dataset and the stored 903 history (store.h),
 * through the neutral driver interface (store/db.h).
 *
 * Every read happens inside one read transaction, a snapshot of one commit:
 * loading never takes the write lock, so an import can commit while a load
 * is in progress, and the load goes on seeing the commit it started at. */
#include "store/store_internal.h"

#include "base/mem.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A date column. A NULL reads as "" (db.h), which is no date: no separate
 * test for NULL. The length is counted here rather than asked of the driver:
 * SQLite's sqlite3_column_bytes costs twice a strlen of a date. */
static Date value_date(const DbValue *v)
{
    Date d;
    if (date_parse_iso(v->text, strlen(v->text), &d) < 0) return DATE_NONE;
    return d;
}

/* sql, a "SELECT ... FROM table [WHERE ...] ORDER BY ..." of a child-keyed
 * table, restricted to council's rows when the store works for one: "la = ?N"
 * (N = param) joins its WHERE, or starts one, before the ORDER BY. The rows
 * of other councils are dropped after reading anyway (advance_to_child,
 * council_has); saying so in the statement lets PostgreSQL read the council's
 * own rows through the index leading with la (schema/postgresql/
 * 019_council_indexes.sql) instead of every council's, with row-level
 * security still checking each. Returns sql itself for no council. */
static const char *for_council(const char *sql, const char *council, int param, char *buf,
                               size_t size)
{
    const char *order = strstr(sql, " ORDER BY ");
    if (!*council || !order) return sql;
    bool has_where = strstr(sql, " WHERE ") != NULL && strstr(sql, " WHERE ") < order;
    int n = snprintf(buf, size, "%.*s %s la = ?%d%s", (int)(order - sql), sql,
                     has_where ? "AND" : "WHERE", param, order);
    return n > 0 && (size_t)n < size ? buf : sql;
}

/* Which rows of the Dataset's tables a load reads: the store's council's
 * ("" for every council) and, for store_load_child, one child's (NULL for
 * every child). */
typedef struct LoadScope {
    const char *council;
    const char *child;
} LoadScope;

/* Prepares sql restricted to scope on conn, to be read by db_step_row (on
 * PostgreSQL through COPY: db_prepare_rows): for_council's la as parameter
 * 1, then "child = ?N" joined the same way for one child, so that its rows
 * are read through the key (child, date) of every table instead of a scan.
 * Should the text not fit, the rows of other children are still dropped
 * after reading (advance_to_child: only the child was loaded). */
static int prepare_scoped(DbConn *conn, const char *sql, const LoadScope *scope, DbStmt **st)
{
    char la_buf[1024], child_buf[1100];
    const char *text = for_council(sql, scope->council, 1, la_buf, sizeof la_buf);
    int child_param = text != sql ? 2 : 1;
    const char *order = strstr(text, " ORDER BY ");
    if (scope->child && order) {
        const char *where = strstr(text, " WHERE ");
        bool has_where = where && where < order;
        int n = snprintf(child_buf, sizeof child_buf, "%.*s %s child = ?%d%s", (int)(order - text),
                         text, has_where ? "AND" : "WHERE", child_param, order);
        if (n > 0 && (size_t)n < sizeof child_buf) text = child_buf;
    }
    if (db_prepare_rows(conn, text, st) < 0) return ERR_DB;
    if (child_param == 2) db_bind_text(*st, 1, scope->council);
    if (text == child_buf) db_bind_text(*st, child_param, scope->child);
    return 0;
}

/* The children of scope's council ("" for all), or its one child. The rows
 * of every other table are kept only for a child loaded here
 * (advance_to_child), so this one WHERE is the application's council filter
 * on both engines; on PostgreSQL row-level security filters every statement
 * as well (schema/postgresql/012_councils.sql). */
static int load_children(DbConn *conn, const LoadScope *scope, Dataset *ds, Err *err)
{
    DbStmt *st;
    if (prepare_scoped(conn, "SELECT child, sex, dob, ethnic FROM header ORDER BY child", scope,
                       &st) < 0)
        return db_error(conn, err, "loading children");
    static const DbType types[] = {DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT};
    DbValue v[4];
    int rc;
    while ((rc = db_step_row(st, types, 4, v)) == DB_ROW)
        if (!scope->child || strcmp(v[0].text, scope->child) == 0)
            dataset_add_child(ds, v[0].text, v[1].text, value_date(&v[2]), v[3].text);
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(conn, err, "loading children");
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
static int load_disability(DbConn *conn, Dataset *ds, unsigned parts, const LoadScope *scope,
                           Err *err)
{
    (void)parts;
    DbStmt *st;
    if (prepare_scoped(conn, "SELECT child, disabled FROM disability ORDER BY child", scope, &st) <
        0)
        return db_error(conn, err, "loading the disability list");
    /* disabled as text: "" is NULL, no override. */
    static const DbType types[] = {DB_TEXT, DB_TEXT};
    DbValue v[2];
    int rc, cursor = 0;
    while ((rc = db_step_row(st, types, 2, v)) == DB_ROW) {
        Child *c = advance_to_child(ds, &cursor, v[0].text);
        if (c && v[1].text[0])
            c->disability = atoi(v[1].text) ? DISABILITY_OVERRIDE_YES : DISABILITY_OVERRIDE_NO;
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(conn, err, "loading the disability list");
}

static int load_uasc(DbConn *conn, Dataset *ds, unsigned parts, const LoadScope *scope, Err *err)
{
    (void)parts;
    DbStmt *st;
    if (prepare_scoped(conn, "SELECT child FROM uasc ORDER BY child", scope, &st) < 0)
        return db_error(conn, err, "loading UASC");
    static const DbType types[] = {DB_TEXT};
    DbValue v[1];
    int rc, cursor = 0;
    while ((rc = db_step_row(st, types, 1, v)) == DB_ROW) {
        Child *c = advance_to_child(ds, &cursor, v[0].text);
        if (c) c->uasc = true;
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(conn, err, "loading UASC");
}

static void fill_episode(const DbValue *v, Episode *ep)
{
    memset(ep, 0, sizeof *ep);
    ep->decom = value_date(&v[1]);
    ep->dec = value_date(&v[2]);
    DATASET_SET_CODE(ep->rne, v[3].text);
    DATASET_SET_CODE(ep->ls, v[4].text);
    DATASET_SET_CODE(ep->cin, v[5].text);
    DATASET_SET_CODE(ep->place, v[6].text);
    DATASET_SET_CODE(ep->place_provider, v[7].text);
    DATASET_SET_CODE(ep->rec, v[8].text);
    DATASET_SET_CODE(ep->reason_place_change, v[9].text);
}

/* With postcodes (STORE_LOAD_POSTCODES), each episode's HOME_POST and PL_POST
 * go into ds->places as well. */
static int load_episodes(DbConn *conn, Dataset *ds, unsigned parts, const LoadScope *scope,
                         Err *err)
{
    bool postcodes = (parts & STORE_LOAD_POSTCODES) != 0;
    static const char *const sql[2] = {
        "SELECT child, decom, dec, rne, ls, cin, place, place_provider, rec, reason_place_change "
        "FROM episodes ORDER BY child, decom",
        "SELECT child, decom, dec, rne, ls, cin, place, place_provider, rec, reason_place_change, "
        "home_post, pl_post FROM episodes ORDER BY child, decom",
    };
    DbStmt *st;
    if (prepare_scoped(conn, sql[postcodes], scope, &st) < 0)
        return db_error(conn, err, "loading episodes");
    static const DbType types[] = {DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT,
                                   DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT};
    DbValue v[12];
    int rc, cursor = 0;
    while ((rc = db_step_row(st, types, postcodes ? 12 : 10, v)) == DB_ROW) {
        Child *c = advance_to_child(ds, &cursor, v[0].text);
        if (!c) continue;
        MEM_GROW(ds->episodes, ds->n_episodes, ds->cap_episodes);
        if (c->n_episodes++ == 0) c->first_episode = ds->n_episodes;
        fill_episode(v, &ds->episodes[ds->n_episodes++]);
        if (postcodes) {
            EpisodePlace pl = {.distance = -1};
            DATASET_SET_CODE(pl.home_post, v[10].text);
            DATASET_SET_CODE(pl.pl_post, v[11].text);
            dataset_add_place(ds, &pl);
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(conn, err, "loading episodes");
}

static int load_reviews(DbConn *conn, Dataset *ds, unsigned parts, const LoadScope *scope, Err *err)
{
    (void)parts;
    DbStmt *st;
    if (prepare_scoped(conn,
                       "SELECT child, review, review_code FROM reviews ORDER BY child, review",
                       scope, &st) < 0)
        return db_error(conn, err, "loading reviews");
    static const DbType types[] = {DB_TEXT, DB_TEXT, DB_TEXT};
    DbValue v[3];
    int rc, cursor = 0;
    while ((rc = db_step_row(st, types, 3, v)) == DB_ROW) {
        Child *c = advance_to_child(ds, &cursor, v[0].text);
        if (!c) continue;
        MEM_GROW(ds->reviews, ds->n_reviews, ds->cap_reviews);
        if (c->n_reviews++ == 0) c->first_review = ds->n_reviews;
        Review *rv = &ds->reviews[ds->n_reviews++];
        memset(rv, 0, sizeof *rv); /* padding and code bytes too: loads compare equal */
        rv->date = value_date(&v[1]);
        DATASET_SET_CODE(rv->code, v[2].text);
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(conn, err, "loading reviews");
}

static int load_oc3(DbConn *conn, Dataset *ds, unsigned parts, const LoadScope *scope, Err *err)
{
    (void)parts;
    DbStmt *st;
    if (prepare_scoped(conn,
                       "SELECT child, year, in_touch, activ, accom FROM oc3 ORDER BY child, year",
                       scope, &st) < 0)
        return db_error(conn, err, "loading OC3");
    static const DbType types[] = {DB_TEXT, DB_INT, DB_TEXT, DB_TEXT, DB_TEXT};
    DbValue v[5];
    int rc, cursor = 0;
    while ((rc = db_step_row(st, types, 5, v)) == DB_ROW) {
        Child *c = advance_to_child(ds, &cursor, v[0].text);
        if (!c) continue;
        MEM_GROW(ds->oc3, ds->n_oc3, ds->cap_oc3);
        if (c->n_oc3++ == 0) c->first_oc3 = ds->n_oc3;
        Oc3 *o = &ds->oc3[ds->n_oc3++];
        memset(o, 0, sizeof *o); /* padding and code bytes too: loads compare equal */
        o->year = (int)v[1].num;
        DATASET_SET_CODE(o->in_touch, v[2].text);
        DATASET_SET_CODE(o->activ, v[3].text);
        DATASET_SET_CODE(o->accom, v[4].text);
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(conn, err, "loading OC3");
}

/* A 903 flag column ('0' or '1') as 0, 1, or -1 when not recorded. */
static int8_t value_flag(const DbValue *v)
{
    const char *t = v->text;
    return t[0] == '1' && !t[1] ? 1 : t[0] == '0' && !t[1] ? 0 : -1;
}

static int load_oc2(DbConn *conn, Dataset *ds, unsigned parts, const LoadScope *scope, Err *err)
{
    (void)parts;
    DbStmt *st;
    if (prepare_scoped(conn,
                       "SELECT child, year, convicted, health_check, immunisations, "
                       "teeth_check, health_assessment, substance_misuse, "
                       "intervention_received, intervention_offered, "
                       "coalesce(CAST(sdq_score AS INTEGER), -1) FROM oc2 ORDER BY child, year",
                       scope, &st) < 0)
        return db_error(conn, err, "loading OC2");
    static const DbType types[] = {DB_TEXT, DB_INT,  DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT,
                                   DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT, DB_INT};
    DbValue v[11];
    int rc, cursor = 0;
    while ((rc = db_step_row(st, types, 11, v)) == DB_ROW) {
        Child *c = advance_to_child(ds, &cursor, v[0].text);
        if (!c) continue;
        MEM_GROW(ds->oc2, ds->n_oc2, ds->cap_oc2);
        if (c->n_oc2++ == 0) c->first_oc2 = ds->n_oc2;
        Oc2 *o = &ds->oc2[ds->n_oc2++];
        memset(o, 0, sizeof *o); /* padding and code bytes too: loads compare equal */
        o->year = (int)v[1].num;
        o->convicted = value_flag(&v[2]);
        o->health_check = value_flag(&v[3]);
        o->immunisations = value_flag(&v[4]);
        o->teeth_check = value_flag(&v[5]);
        o->health_assessment = value_flag(&v[6]);
        o->substance_misuse = value_flag(&v[7]);
        o->intervention_received = value_flag(&v[8]);
        o->intervention_offered = value_flag(&v[9]);
        o->sdq_score = (int16_t)(int)v[10].num;
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(conn, err, "loading OC2");
}

static int load_missing(DbConn *conn, Dataset *ds, unsigned parts, const LoadScope *scope, Err *err)
{
    (void)parts;
    DbStmt *st;
    if (prepare_scoped(conn,
                       "SELECT child, mis_start, mis_end, missing FROM missing "
                       "ORDER BY child, mis_start",
                       scope, &st) < 0)
        return db_error(conn, err, "loading missing incidents");
    static const DbType types[] = {DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT};
    DbValue v[4];
    int rc, cursor = 0;
    while ((rc = db_step_row(st, types, 4, v)) == DB_ROW) {
        Child *c = advance_to_child(ds, &cursor, v[0].text);
        if (!c) continue;
        MEM_GROW(ds->missing, ds->n_missing, ds->cap_missing);
        if (c->n_missing++ == 0) c->first_missing = ds->n_missing;
        MissingEpisode *m = &ds->missing[ds->n_missing++];
        memset(m, 0, sizeof *m); /* padding and code bytes too: loads compare equal */
        m->start = value_date(&v[1]);
        m->end = value_date(&v[2]);
        DATASET_SET_CODE(m->missing, v[3].text);
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(conn, err, "loading missing incidents");
}

static int load_adoption(DbConn *conn, Dataset *ds, unsigned parts, const LoadScope *scope,
                         Err *err)
{
    (void)parts;
    DbStmt *st;
    if (prepare_scoped(conn,
                       "SELECT child, year, date_int, date_match, foster_care FROM ad1 "
                       "ORDER BY child, year",
                       scope, &st) < 0)
        return db_error(conn, err, "loading AD1");
    static const DbType ad1_types[] = {DB_TEXT, DB_INT, DB_TEXT, DB_TEXT, DB_TEXT};
    DbValue v[5];
    int rc, cursor = 0;
    while ((rc = db_step_row(st, ad1_types, 5, v)) == DB_ROW) {
        Child *c = advance_to_child(ds, &cursor, v[0].text);
        if (!c) continue;
        MEM_GROW(ds->ad1, ds->n_ad1, ds->cap_ad1);
        if (c->n_ad1++ == 0) c->first_ad1 = ds->n_ad1;
        Ad1 *a = &ds->ad1[ds->n_ad1++];
        memset(a, 0, sizeof *a); /* padding and code bytes too: loads compare equal */
        a->year = (int)v[1].num;
        a->date_int = value_date(&v[2]);
        a->date_match = value_date(&v[3]);
        a->foster_care = value_flag(&v[4]);
    }
    db_finalize(st);
    if (rc != DB_DONE) return db_error(conn, err, "loading AD1");
    if (prepare_scoped(conn,
                       "SELECT child, date_placed, date_placed_ceased, reason_placed_ceased "
                       "FROM placed_adoption ORDER BY child, date_placed",
                       scope, &st) < 0)
        return db_error(conn, err, "loading PlacedAdoption");
    static const DbType placed_types[] = {DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT};
    cursor = 0;
    while ((rc = db_step_row(st, placed_types, 4, v)) == DB_ROW) {
        Child *c = advance_to_child(ds, &cursor, v[0].text);
        if (!c) continue;
        MEM_GROW(ds->placed_adoption, ds->n_placed_adoption, ds->cap_placed_adoption);
        if (c->n_placed_adoption++ == 0) c->first_placed_adoption = ds->n_placed_adoption;
        PlacedAdoption *p = &ds->placed_adoption[ds->n_placed_adoption++];
        memset(p, 0, sizeof *p); /* padding and code bytes too: loads compare equal */
        p->date_placed = value_date(&v[1]);
        p->date_ceased = value_date(&v[2]);
        DATASET_SET_CODE(p->reason_ceased, v[3].text);
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(conn, err, "loading PlacedAdoption");
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
    [RECORD_PA_REQUEST] = "SELECT child, pa_request_date, CASE pa_request WHEN 'requested' THEN 1 "
                          "WHEN 'withdrawn' THEN 2 ELSE 0 END, -1 FROM pa_requests "
                          "ORDER BY child, pa_request_date",
};

/* The rows of one record template, in (child, date) order, each with the
 * index of its child in ds->children. Rows of a child without a Header row
 * are dropped, as for the 903 tables. */
typedef struct RecordBatch {
    CareRecord *rows;
    int *child;
    int n, cap;
} RecordBatch;

static int load_record_kind(DbConn *conn, const Dataset *ds, RecordKind kind,
                            const LoadScope *scope, RecordBatch *out, Err *err)
{
    DbStmt *st;
    /* A database older than schema 26 (schema/sqlite/026_pa_requests.sql),
     * read without migrating it, holds no requests. */
    if (kind == RECORD_PA_REQUEST && !db_has_table(conn, "pa_requests")) return 0;
    if (prepare_scoped(conn, load_record_sql[kind], scope, &st) < 0)
        return db_error(conn, err, "loading records");
    static const DbType types[] = {DB_TEXT, DB_TEXT, DB_INT, DB_INT};
    DbValue v[4];
    int rc, cursor = 0;
    while ((rc = db_step_row(st, types, 4, v)) == DB_ROW) {
        int pos = child_index(ds, &cursor, v[0].text);
        if (pos < 0) continue;
        if (out->n == out->cap) {
            out->cap = out->cap ? 2 * out->cap : 4096;
            out->rows = xrealloc(out->rows, (size_t)out->cap * sizeof *out->rows);
            out->child = xrealloc(out->child, (size_t)out->cap * sizeof *out->child);
        }
        out->rows[out->n] = (CareRecord){.date = value_date(&v[1]),
                                         .kind = (uint8_t)kind,
                                         .subtype = (uint8_t)(int)v[2].num,
                                         .value = (int16_t)(int)v[3].num};
        out->child[out->n++] = pos;
    }
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(conn, err, "loading records");
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
    TASK_PA_REQUESTS,
    TASK_UASC,
    TASK_DISABILITY,
    TASK_COUNT
} LoadTask;

static const struct {
    unsigned part;
    int kind; /* the RecordKind of a record template, else -1 */
    int (*load)(DbConn *, Dataset *, unsigned parts, const LoadScope *scope,
                Err *); /* NULL for a record kind */
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
    [TASK_PA_REQUESTS] = {STORE_LOAD_RECORDS | STORE_LOAD_PA_REQUESTS, RECORD_PA_REQUEST, NULL},
};

/* One load shared by the connections. Each task writes only its own arrays
 * of the Dataset and its own fields of each Child, so tasks run side by side
 * without locks; ds->children is read-only once the tasks start. */
typedef struct LoadJob {
    Dataset *ds;
    unsigned parts;
    LoadScope scope;
    atomic_int next_task;
    atomic_bool failed;
    RecordBatch batch[RECORD_KIND_COUNT];
} LoadJob;

/* Takes tasks until none is left or one has failed (on any connection). */
static int run_load_tasks(LoadJob *job, DbConn *conn, Err *err)
{
    for (;;) {
        int t = atomic_fetch_add(&job->next_task, 1);
        if (t >= TASK_COUNT || atomic_load(&job->failed)) return 0;
        if (load_tasks[t].part && !(job->parts & load_tasks[t].part)) continue;
        int kind = load_tasks[t].kind;
        int rc = kind >= 0 ? load_record_kind(conn, job->ds, (RecordKind)kind, &job->scope,
                                              &job->batch[kind], err)
                           : load_tasks[t].load(conn, job->ds, job->parts, &job->scope, err);
        if (rc != 0) {
            atomic_store(&job->failed, true);
            return rc;
        }
    }
}

/* The second connection and its thread. */
typedef struct LoadWorker {
    LoadJob *job;
    DbConn *conn;
    Err err;
    int rc;
} LoadWorker;

static void *load_worker_main(void *arg)
{
    LoadWorker *w = arg;
    w->rc = run_load_tasks(w->job, w->conn, &w->err);
    return NULL;
}

typedef enum ReaderState {
    READER_READY, /* reading the same commit as the first connection */
    READER_NONE,  /* there can be no second connection */
    READER_LATER, /* it saw a later commit: an import committed in between */
} ReaderState;

/* Opens the second, read-only connection and starts its read transaction;
 * READER_READY when it sees `commit`, the commit s's transaction sees. */
static ReaderState open_reader_at(Store *s, long long commit, DbConn **out)
{
    *out = NULL;
    if (!store_has_commits(s) || db_open_reader(s->conn, out) < 0) return READER_NONE;
    long long theirs = -1;
    Err ignored;
    if (db_begin_read(*out, &ignored) == 0 && store_read_commit(s, *out, &theirs, &ignored) == 0 &&
        theirs == commit)
        return READER_READY;
    db_close(*out);
    *out = NULL;
    return theirs > commit ? READER_LATER : READER_NONE;
}

enum { SNAPSHOT_ATTEMPTS = 3 };

/* Starts the load's read transaction on s (unless the caller holds one,
 * store_read_begin) and, when want_reader, a second connection reading the
 * same commit. SQLite as Debian builds it has no snapshot API, so both read
 * the commit counter that every write transaction increments: the same
 * count, the same snapshot. When an import committed between the two reads,
 * it starts again, a few times, and then loads on s alone (as it does for an
 * in-memory database). Neither connection takes the write lock. */
static int begin_snapshot(Store *s, bool want_reader, bool *own, long long *commit, DbConn **reader,
                          Err *err)
{
    *reader = NULL;
    *own = !db_in_transaction(s->conn);
    for (int attempt = 1;; attempt++) {
        if (*own && db_begin_read(s->conn, err) < 0) return ERR_DB;
        if (store_read_commit(s, s->conn, commit, err) < 0) {
            if (*own) db_rollback(s->conn);
            return ERR_DB;
        }
        if (!want_reader) return 0;
        ReaderState state = open_reader_at(s, *commit, reader);
        if (state != READER_LATER || !*own || attempt == SNAPSHOT_ATTEMPTS) return 0;
        db_rollback(s->conn);
    }
}

int store_load_connections(const Store *s)
{
    return s->load_connections;
}

int store_load_dataset(Store *s, Dataset *ds, Err *err)
{
    return store_load_dataset_parts(s, ds, STORE_LOAD_ALL, err);
}

/* The load of store_load_dataset_parts (child NULL) and store_load_child. */
static int load_dataset_scoped(Store *s, Dataset *ds, unsigned parts, const char *child, Err *err)
{
    bool own;
    DbConn *reader;
    if (begin_snapshot(s, !(parts & STORE_LOAD_ONE_CONNECTION), &own, &ds->commit, &reader, err) <
        0)
        return ERR_DB;
    LoadScope scope = {.council = s->council, .child = child};
    int rc = load_children(s->conn, &scope, ds, err);
    if (rc == 0) rc = store_load_mark_counts(s, ds, err);
    LoadJob job = {.ds = ds, .parts = parts, .scope = scope};
    LoadWorker worker = {.job = &job, .conn = reader};
    pthread_t thread;
    bool parallel =
        rc == 0 && reader && pthread_create(&thread, NULL, load_worker_main, &worker) == 0;
    if (rc == 0) rc = run_load_tasks(&job, s->conn, err);
    if (parallel) {
        pthread_join(thread, NULL);
        if (rc == 0 && worker.rc != 0) {
            *err = worker.err;
            rc = worker.rc;
        }
    }
    if (reader) {
        db_rollback(reader);
        db_close(reader);
    }
    if (own) db_rollback(s->conn);
    s->load_connections = parallel ? 2 : 1;
    if (rc == 0) merge_record_batches(ds, job.batch);
    for (int k = 0; k < RECORD_KIND_COUNT; k++) {
        free(job.batch[k].rows);
        free(job.batch[k].child);
    }
    return rc;
}

int store_load_dataset_parts(Store *s, Dataset *ds, unsigned parts, Err *err)
{
    return load_dataset_scoped(s, ds, parts, NULL, err);
}

int store_load_child(Store *s, const char *child, Dataset *ds, unsigned parts, Err *err)
{
    /* One child's rows are a few hundred at most: a second connection would
     * cost more to open (it parses the schema) than it could save. */
    return load_dataset_scoped(s, ds, parts | STORE_LOAD_ONE_CONNECTION, child, err);
}

/* ---- The stored 903 history ------------------------------------------------- */

/* Every stored row of each 903 table in the table's column order (then the
 * collection year of the tables kept once a year), sorted by its key. */
static const char *const history_sql[T903_COUNT] = {
    [T903_HEADER] = "SELECT child, sex, dob, ethnic, upn, mother, mc_dob FROM header "
                    "ORDER BY child",
    [T903_EPISODES] = "SELECT child, decom, rne, ls, cin, place, place_provider, dec, rec, "
                      "reason_place_change, home_post, pl_post, urn FROM episodes "
                      "ORDER BY child, decom",
    [T903_REVIEWS] = "SELECT child, dob, review, review_code FROM reviews ORDER BY child, review",
    [T903_UASC] = "SELECT child, sex, dob, duc FROM uasc ORDER BY child",
    [T903_OC2] = "SELECT child, dob, sdq_score, sdq_reason, convicted, health_check, "
                 "immunisations, teeth_check, health_assessment, substance_misuse, "
                 "intervention_received, intervention_offered, year FROM oc2 "
                 "ORDER BY child, year",
    [T903_OC3] = "SELECT child, dob, in_touch, activ, accom, year FROM oc3 ORDER BY child, year",
    [T903_AD1] = "SELECT child, dob, date_int, date_match, foster_care, nb_adoptr, sex_adoptr, "
                 "ls_adoptr, year FROM ad1 ORDER BY child, year",
    [T903_PLACED_ADOPTION] = "SELECT child, dob, date_placed, date_placed_ceased, "
                             "reason_placed_ceased FROM placed_adoption "
                             "ORDER BY child, date_placed",
    [T903_PREV_PERM] = "SELECT child, dob, prev_perm, la_perm, date_perm, year FROM prev_perm "
                       "ORDER BY child, year",
    [T903_MISSING] = "SELECT child, dob, missing, mis_start, mis_end FROM missing "
                     "ORDER BY child, mis_start",
    [T903_SW_EPISODES] = "SELECT child, dob, sw_id, sw_decom, sw_dec, sw_reason FROM "
                         "sw_episodes ORDER BY child, sw_decom",
    [T903_DOLO] = "SELECT child, dob, dolo_start, dolo_end FROM dolo ORDER BY child, dolo_start",
};

/* Header, UASC and the episode history of the children the returns of the
 * years can name: those with an episode running in one of them (begun by the
 * last year's end, ?2, and not ended before the first began, ?1) or an OC3
 * row of one of them (?3 to ?4). Each year's Header, UASC and history
 * children are among them (ssda903_return_build), so the rows of the other
 * children, most of a long history, are not read at all. Plain SQL that
 * PostgreSQL reads as SQLite does. */
#define HISTORY_CHILDREN                                                 \
    " WHERE child IN (SELECT child FROM episodes WHERE decom <= ?2 AND " \
    "(dec IS NULL OR dec >= ?1) UNION SELECT child FROM oc3 WHERE year BETWEEN ?3 AND ?4) "
static const char *const history_children_sql[T903_COUNT] = {
    [T903_HEADER] =
        "SELECT child, sex, dob, ethnic, upn, mother, mc_dob FROM header" HISTORY_CHILDREN
        "ORDER BY child",
    [T903_EPISODES] = "SELECT child, decom, rne, ls, cin, place, place_provider, dec, rec, "
                      "reason_place_change, home_post, pl_post, urn FROM episodes" HISTORY_CHILDREN
                      "AND decom <= ?2 ORDER BY child, decom",
    [T903_UASC] = "SELECT child, sex, dob, duc FROM uasc" HISTORY_CHILDREN "ORDER BY child",
    /* The other tables: the rows of the years, as ssda903_history_add keeps
     * them (starting in them; of them; running in them), selected by the
     * same four values so that every statement binds all it names. */
    [T903_REVIEWS] = "SELECT child, dob, review, review_code FROM reviews "
                     "WHERE review >= ?1 AND review <= ?2 AND ?3 <= ?4 ORDER BY child, review",
    [T903_OC2] = "SELECT child, dob, sdq_score, sdq_reason, convicted, health_check, "
                 "immunisations, teeth_check, health_assessment, substance_misuse, "
                 "intervention_received, intervention_offered, year FROM oc2 "
                 "WHERE year BETWEEN ?3 AND ?4 AND ?1 <= ?2 ORDER BY child, year",
    [T903_OC3] = "SELECT child, dob, in_touch, activ, accom, year FROM oc3 "
                 "WHERE year BETWEEN ?3 AND ?4 AND ?1 <= ?2 ORDER BY child, year",
    [T903_MISSING] = "SELECT child, dob, missing, mis_start, mis_end FROM missing "
                     "WHERE mis_start >= ?1 AND mis_start <= ?2 AND ?3 <= ?4 "
                     "ORDER BY child, mis_start",
};

/* The statement reading table t of h: restricted to the years' children when
 * h is loaded for some years only and only_their_children. */
static int prepare_history_table(DbConn *conn, Ssda903TableId t, const Ssda903History *h,
                                 bool only_their_children, const char *council, DbStmt **st)
{
    bool narrow = only_their_children && h->to_year > 0 && history_children_sql[t];
    /* The council's code follows the four values a narrowed statement binds. */
    int la_param = narrow ? 5 : 1;
    char buf[1024];
    const char *sql = for_council(narrow ? history_children_sql[t] : history_sql[t], council,
                                  la_param, buf, sizeof buf);
    if (db_prepare(conn, sql, false, st) < 0) return ERR_DB;
    if (*council) db_bind_text(*st, la_param, council);
    if (narrow) {
        db_bind_text(*st, 1, h->from_date);
        db_bind_text(*st, 2, h->to_date);
        db_bind_int(*st, 3, h->from_year);
        db_bind_int(*st, 4, h->to_year);
    }
    return 0;
}

/* The children of one council, sorted: the application's filter of the
 * stored history when a store works for a council (store_council). */
typedef struct CouncilChildren {
    char **ids;
    int n, cap;
    bool all; /* no council: every child */
} CouncilChildren;

static int compare_ids(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool council_has(const CouncilChildren *cc, const char *id)
{
    return cc->all || (id && bsearch(&id, cc->ids, (size_t)cc->n, sizeof *cc->ids, compare_ids));
}

static void council_children_free(CouncilChildren *cc)
{
    for (int i = 0; i < cc->n; i++) free(cc->ids[i]);
    free(cc->ids);
}

static int load_council_children(Store *s, CouncilChildren *cc, Err *err)
{
    *cc = (CouncilChildren){.all = !*s->council};
    if (cc->all) return 0;
    DbStmt *st;
    if (db_prepare(s->conn, "SELECT child FROM header WHERE la = ?1", false, &st) < 0)
        return db_error(s->conn, err, "reading the council's children");
    db_bind_text(st, 1, s->council);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        MEM_GROW(cc->ids, cc->n, cc->cap);
        cc->ids[cc->n++] = xstrdup(db_column_text(st, 0));
    }
    db_finalize(st);
    if (rc != DB_DONE) return db_error(s->conn, err, "reading the council's children");
    qsort(cc->ids, (size_t)cc->n, sizeof *cc->ids, compare_ids); /* C order, not the engine's */
    return 0;
}

static int load_history_table(DbConn *conn, Ssda903TableId t, Ssda903History *h,
                              bool only_their_children, const char *council,
                              const CouncilChildren *cc, Err *err)
{
    DbStmt *st;
    if (prepare_history_table(conn, t, h, only_their_children, council, &st) < 0)
        return db_error(conn, err, "reading the stored returns");
    int n = db_column_count(st), rc;
    const char *cells[SSDA903_MAX_COLUMNS + 1];
    while ((rc = db_step(st)) == DB_ROW) {
        for (int i = 0; i < n && i <= SSDA903_MAX_COLUMNS; i++)
            cells[i] = db_column_is_null(st, i) ? NULL : db_column_text(st, i);
        if (!council_has(cc, cells[0])) continue;
        if (ssda903_history_add(h, t, cells, n, err) < 0) break;
    }
    h->tables[t].n_columns = n;
    db_finalize(st);
    if (rc == DB_ROW) return ERR_STATE; /* the history did not fit */
    return rc == DB_DONE ? 0 : db_error(conn, err, "reading the stored returns");
}

/* Each year's Header where it differs (schema/sqlite/027_header_years.sql):
 * the entries that can hold one of the years (the last year they applied to
 * is not before the first), of every child: they are few, and selecting the
 * years' children as Header's rows are (HISTORY_CHILDREN) cost more than
 * reading them all (7% of validate --db of 3,000 children); a child the
 * years do not name is passed over when the return is built. */
static int load_header_years(Store *s, Ssda903History *h, const CouncilChildren *cc, Err *err)
{
    if (s->schema_version < STORE_HEADER_YEARS_VERSION) return 0;
    char buf[1024];
    const char *text = for_council(
        "SELECT child, sex, dob, ethnic, upn, mother, mc_dob, until_year FROM header_years "
        "WHERE until_year >= ?1 ORDER BY child, until_year",
        s->council, 2, buf, sizeof buf);
    DbStmt *st;
    if (db_prepare(s->conn, text, false, &st) < 0)
        return db_error(s->conn, err, "reading each year's Header");
    db_bind_int(st, 1, h->from_year);
    if (*s->council) db_bind_text(st, 2, s->council);
    const char *cells[SSDA903_HEADER_COLUMNS + 1];
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        for (int i = 0; i <= SSDA903_HEADER_COLUMNS; i++)
            cells[i] = db_column_is_null(st, i) ? NULL : db_column_text(st, i);
        if (!council_has(cc, cells[0])) continue;
        if (ssda903_history_add_header_year(h, cells, SSDA903_HEADER_COLUMNS + 1, err) < 0) break;
    }
    h->header_years.n_columns = SSDA903_HEADER_COLUMNS + 1;
    db_finalize(st);
    if (rc == DB_ROW) return ERR_STATE; /* the history did not fit */
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "reading each year's Header");
}

int store_load_903_history(Store *s, int year, int years_before, bool only_their_children,
                           Ssda903History *h, Err *err)
{
    *h = (Ssda903History){0};
    bool own = !db_in_transaction(s->conn);
    if (own && store_read_begin(s, err) < 0) return ERR_DB;
    int first = (int)store_query_int(s->conn, "SELECT min(source_year) FROM episodes", 0);
    int latest = (int)store_query_int(s->conn, "SELECT max(source_year) FROM episodes", 0);
    if (year == 0) year = latest;
    if (year > 0) ssda903_history_for_years(h, year - years_before, year);
    h->first_year = first;
    h->latest_year = latest;
    CouncilChildren cc;
    int rc = load_council_children(s, &cc, err);
    for (int t = 0; rc == 0 && t < T903_COUNT; t++)
        rc = load_history_table(s->conn, (Ssda903TableId)t, h, only_their_children, s->council, &cc,
                                err);
    if (rc == 0) rc = load_header_years(s, h, &cc, err);
    council_children_free(&cc);
    if (own) store_read_end(s);
    if (rc < 0) ssda903_history_free(h);
    return rc;
}
