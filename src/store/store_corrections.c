/* store_corrections: see store/corrections.h. */
#include "store/corrections.h"

#include "store/store_internal.h"

#include <stdio.h>
#include <string.h>

/* The statements of each correctable template: its value read and written
 * under the record's key. Whole literals, so no SQL is built at run time. */
#define VALUE_SQL(id, table, date, value)                                            \
    {                                                                                \
        id, "SELECT " value " FROM " table " WHERE child = ?1 AND " date " = ?2",    \
            "UPDATE " table " SET " value " = ?3 WHERE child = ?1 AND " date " = ?2" \
    }

static const struct {
    Ssda903TableId table;
    const char *select, *update;
} value_sql[] = {
    VALUE_SQL(TREC_VISITS, "visits", "visit_date", "seen_alone"),
    VALUE_SQL(TREC_HEALTH_ASSESSMENTS, "health_assessments", "ha_date", "ha_type"),
    VALUE_SQL(TREC_IMMUNISATIONS, "immunisations", "imms_date", "imms_up_to_date"),
    VALUE_SQL(TREC_SDQ, "sdq", "sdq_date", "sdq_score"),
    VALUE_SQL(TREC_PATHWAY_PLANS, "pathway_plans", "pathway_plan_date", "pathway_plan_type"),
    VALUE_SQL(TREC_PA_CONTACTS, "pa_contacts", "pa_contact_date", "pa_contact_type"),
    VALUE_SQL(TREC_VISIT_REGIMES, "visit_regimes", "regime_date", "regime"),
    VALUE_SQL(TREC_PA_REQUESTS, "pa_requests", "pa_request_date", "pa_request"),
};
enum { N_VALUE_SQL = sizeof value_sql / sizeof value_sql[0] };

/* Every template's record by its date: whether there is one, and its move to
 * another date (a correction of a record's date: its key). */
#define DATE_SQL(id, table, date)                                                   \
    {                                                                               \
        id, "SELECT 1 FROM " table " WHERE child = ?1 AND " date " = ?2",           \
            "UPDATE " table " SET " date " = ?3 WHERE child = ?1 AND " date " = ?2" \
    }

static const struct {
    Ssda903TableId table;
    const char *exists, *move;
} date_sql[] = {
    DATE_SQL(TREC_VISITS, "visits", "visit_date"),
    DATE_SQL(TREC_HEALTH_ASSESSMENTS, "health_assessments", "ha_date"),
    DATE_SQL(TREC_DENTAL_CHECKS, "dental_checks", "dental_date"),
    DATE_SQL(TREC_IMMUNISATIONS, "immunisations", "imms_date"),
    DATE_SQL(TREC_SDQ, "sdq", "sdq_date"),
    DATE_SQL(TREC_PEPS, "peps", "pep_date"),
    DATE_SQL(TREC_CARE_PLANS, "care_plans", "care_plan_date"),
    DATE_SQL(TREC_NEEDS_ASSESSMENTS, "needs_assessments", "needs_assessment_date"),
    DATE_SQL(TREC_PATHWAY_PLANS, "pathway_plans", "pathway_plan_date"),
    DATE_SQL(TREC_PA_CONTACTS, "pa_contacts", "pa_contact_date"),
    DATE_SQL(TREC_VISIT_REGIMES, "visit_regimes", "regime_date"),
    DATE_SQL(TREC_PA_REQUESTS, "pa_requests", "pa_request_date"),
};
enum { N_DATE_SQL = sizeof date_sql / sizeof date_sql[0] };

static int date_sql_index(Ssda903TableId table)
{
    for (int i = 0; i < N_DATE_SQL; i++)
        if (date_sql[i].table == table) return i;
    return -1;
}

static int value_sql_index(Ssda903TableId table)
{
    for (int i = 0; i < N_VALUE_SQL; i++)
        if (value_sql[i].table == table) return i;
    return -1;
}

bool store_record_correctable(Ssda903TableId table)
{
    return value_sql_index(table) >= 0;
}

static int prepare(Store *s, const char *sql, DbStmt **st, Err *err)
{
    if (db_prepare(s->conn, sql, false, st) < 0) return db_error(s->conn, err, "preparing");
    return 0;
}

static void copy_column(DbStmt *st, int i, char *dst, size_t size)
{
    snprintf(dst, size, "%s", db_column_text(st, i));
}

int store_record_value(Store *s, Ssda903TableId table, const char *child, const char *date,
                       char value[64], bool *is_null, Err *err)
{
    int i = value_sql_index(table);
    if (i < 0) return err_set(err, ERR_INTERNAL, "this record has no value to correct");
    DbStmt *st;
    if (prepare(s, value_sql[i].select, &st, err) < 0) return ERR_DB;
    db_bind_text(st, 1, child);
    db_bind_text(st, 2, date);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *is_null = db_column_is_null(st, 0);
        copy_column(st, 0, value, 64);
    }
    db_finalize(st);
    if (rc < 0) return db_error(s->conn, err, "reading a record");
    if (rc != DB_ROW)
        return err_set(err, ERR_NOT_FOUND, "child '%s' has no such record on %s", child, date);
    return 0;
}

int store_record_set_value(Store *s, Ssda903TableId table, const char *child, const char *date,
                           const char *value, Err *err)
{
    int i = value_sql_index(table);
    if (i < 0) return err_set(err, ERR_INTERNAL, "this record has no value to correct");
    DbStmt *st;
    if (prepare(s, value_sql[i].update, &st, err) < 0) return ERR_DB;
    db_bind_text(st, 1, child);
    db_bind_text(st, 2, date);
    db_bind_text(st, 3, value);
    int rc = db_step(st);
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "correcting a record") : 0;
}

int store_record_exists(Store *s, Ssda903TableId table, const char *child, const char *date,
                        bool *exists, Err *err)
{
    int i = date_sql_index(table);
    if (i < 0) return err_set(err, ERR_INTERNAL, "this is not a record of a template");
    DbStmt *st;
    if (prepare(s, date_sql[i].exists, &st, err) < 0) return ERR_DB;
    db_bind_text(st, 1, child);
    db_bind_text(st, 2, date);
    int rc = db_step(st);
    db_finalize(st);
    *exists = rc == DB_ROW;
    return rc < 0 ? db_error(s->conn, err, "reading a record") : 0;
}

/* Runs st (its parameters bound) to its end and finalises it. */
static int run_update(Store *s, DbStmt *st, const char *what, Err *err)
{
    int rc = db_step(st);
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, what) : 0;
}

int store_record_move(Store *s, Ssda903TableId table, const char *kind, const char *child,
                      const char *from, const char *to, Err *err)
{
    int i = date_sql_index(table);
    if (i < 0) return err_set(err, ERR_INTERNAL, "this is not a record of a template");
    DbStmt *st;
    if (prepare(s, date_sql[i].move, &st, err) < 0) return ERR_DB;
    db_bind_text(st, 1, child);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    if (run_update(s, st, "correcting a record's date", err) < 0) return ERR_DB;
    if (prepare(s,
                "UPDATE record_corrections SET record_date = ?4 WHERE kind = ?1 AND child = ?2 "
                "AND record_date = ?3",
                &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, kind);
    db_bind_text(st, 2, child);
    db_bind_text(st, 3, from);
    db_bind_text(st, 4, to);
    return run_update(s, st, "moving a record's corrections", err);
}

int store_record_moved_to(Store *s, const char *kind, const char *child, const char *date,
                          char to[11], Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "SELECT record_date FROM record_corrections WHERE kind = ?1 AND child = ?2 "
                "AND field = 'date' AND old_value = ?3 ORDER BY audit_seq DESC LIMIT 1",
                &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, kind);
    db_bind_text(st, 2, child);
    db_bind_text(st, 3, date);
    int rc = db_step(st);
    to[0] = '\0';
    if (rc == DB_ROW) copy_column(st, 0, to, 11);
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "reading where a record was moved") : 0;
}

int store_record_version(Store *s, const char *kind, const char *child, const char *date,
                         int *version, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "SELECT 1 + count(*) FROM record_corrections WHERE kind = ?1 AND child = ?2 "
                "AND record_date = ?3",
                &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, kind);
    db_bind_text(st, 2, child);
    db_bind_text(st, 3, date);
    int rc = db_step(st);
    *version = rc == DB_ROW ? (int)db_column_int(st, 0) : 1;
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "reading a record's version") : 0;
}

int store_correction_add(Store *s, const StoreCorrection *c, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "INSERT INTO record_corrections (kind, child, record_date, version, old_value, "
                "new_value, reason, changed_by, changed_at, audit_seq, field) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, c->kind);
    db_bind_text(st, 2, c->child);
    db_bind_text(st, 3, c->record_date);
    db_bind_int(st, 4, c->version);
    db_bind_text(st, 5, c->old_null ? NULL : c->old_value);
    db_bind_text(st, 6, c->new_null ? NULL : c->new_value);
    db_bind_text(st, 7, c->reason);
    db_bind_text(st, 8, c->changed_by);
    db_bind_text(st, 9, c->changed_at);
    db_bind_int(st, 10, c->audit_seq);
    db_bind_text(st, 11, c->field[0] ? c->field : "value");
    int rc = db_step(st);
    db_finalize(st);
    if (rc >= 0) return 0;
    int code = strstr(db_errmsg(s->conn), "UNIQUE") ? ERR_CONFLICT : ERR_DB;
    db_error(s->conn, err, "recording a correction");
    err->code = code;
    return code;
}

int store_corrections_each(Store *s, const char *child,
                           int (*each)(const StoreCorrection *c, void *arg), void *arg, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "SELECT kind, child, record_date, version, old_value, old_value IS NULL, "
                "new_value, new_value IS NULL, reason, changed_by, changed_at, audit_seq, field "
                "FROM record_corrections WHERE child = ?1 ORDER BY record_date, kind, version",
                &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, child);
    int rc, stop = 0;
    StoreCorrection c;
    while (!stop && (rc = db_step(st)) == DB_ROW) {
        copy_column(st, 0, c.kind, sizeof c.kind);
        copy_column(st, 1, c.child, sizeof c.child);
        copy_column(st, 2, c.record_date, sizeof c.record_date);
        c.version = (int)db_column_int(st, 3);
        copy_column(st, 4, c.old_value, sizeof c.old_value);
        c.old_null = db_column_int(st, 5) != 0;
        copy_column(st, 6, c.new_value, sizeof c.new_value);
        c.new_null = db_column_int(st, 7) != 0;
        copy_column(st, 8, c.reason, sizeof c.reason);
        copy_column(st, 9, c.changed_by, sizeof c.changed_by);
        copy_column(st, 10, c.changed_at, sizeof c.changed_at);
        c.audit_seq = db_column_int(st, 11);
        copy_column(st, 12, c.field, sizeof c.field);
        stop = each(&c, arg);
    }
    db_finalize(st);
    if (!stop && rc < 0) return db_error(s->conn, err, "reading the corrections");
    return stop;
}
