/* svc_records: see svc_records.h. */
#include "service/svc_records.h"

#include "base/date.h"
#include "service/import.h"
#include "store/corrections.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The kinds of record: their template and the column of their value (the
 * third; NULL for the kinds of a date alone). Every record's date can be
 * corrected (it moves the record), and the value of those with one. */
static const struct {
    const char *kind, *value;
    Ssda903TableId table;
} kinds[] = {
    {"visit", "seen_alone", TREC_VISITS},
    {"health_assessment", "ha_type", TREC_HEALTH_ASSESSMENTS},
    {"immunisation", "imms_up_to_date", TREC_IMMUNISATIONS},
    {"sdq", "sdq_score", TREC_SDQ},
    {"pathway_plan", "pathway_plan_type", TREC_PATHWAY_PLANS},
    {"pa_contact", "pa_contact_type", TREC_PA_CONTACTS},
    {"visit_regime", "regime", TREC_VISIT_REGIMES},
    {"pa_request", "pa_request", TREC_PA_REQUESTS},
    {"dental_check", NULL, TREC_DENTAL_CHECKS},
    {"education_plan", NULL, TREC_PEPS},
    {"care_plan", NULL, TREC_CARE_PLANS},
    {"needs_assessment", NULL, TREC_NEEDS_ASSESSMENTS},
};
enum { N_KINDS = sizeof kinds / sizeof kinds[0], VALUE_COLUMN = 2 };

static int kind_index(const char *kind)
{
    for (int i = 0; kind && i < N_KINDS; i++)
        if (strcmp(kinds[i].kind, kind) == 0) return i;
    return -1;
}

const char *svc_record_value_name(const char *kind)
{
    int i = kind_index(kind);
    return i < 0 ? NULL : kinds[i].value;
}

typedef struct Correcting {
    const RecordCorrection *c;
    int kind;
    char value[64]; /* checked and normalised */
    const Actor *actor;
    RecordChange *out;
    Err *err;
} Correcting;

/* Checks the new value of a value correction. */
static int check_value(Correcting *w)
{
    const RecordCorrection *c = w->c;
    const char *name = kinds[w->kind].value;
    if (!name)
        return service_invalid(w->err, "new_date",
                               "a %s is only a date: give new_date to correct it", c->kind);
    if (!c->value || strlen(c->value) >= sizeof w->value)
        return service_invalid(w->err, name, "%s is needed, at most 63 characters", name);
    snprintf(w->value, sizeof w->value, "%s", c->value);
    char msg[160];
    if (!import_check_record_value(kinds[w->kind].table, VALUE_COLUMN, w->value, msg, sizeof msg))
        return service_invalid(w->err, name, "%s", msg);
    return 0;
}

/* Checks the new date of a date correction (the import reads a record's date
 * and checks nothing more of it). */
static int check_new_date(Correcting *w)
{
    const RecordCorrection *c = w->c;
    Date d;
    if (strlen(c->new_date) != 10 || date_parse_iso(c->new_date, 10, &d) < 0)
        return service_invalid(w->err, "new_date", "new_date must be a date, YYYY-MM-DD");
    if (strcmp(c->new_date, c->date) == 0)
        return err_set(w->err, ERR_CONFLICT, "this %s is already on %s", c->kind, c->date);
    return 0;
}

/* Checks what can be checked before the transaction. */
static int check_request(Correcting *w)
{
    const RecordCorrection *c = w->c;
    Err *err = w->err;
    w->kind = kind_index(c->kind);
    if (w->kind < 0)
        return service_invalid(err, "kind",
                               "kind must be one of visit, health_assessment, immunisation, sdq, "
                               "pathway_plan, pa_contact, visit_regime, pa_request, "
                               "dental_check, education_plan, care_plan or needs_assessment");
    Date d;
    if (!c->date || strlen(c->date) != 10 || date_parse_iso(c->date, 10, &d) < 0)
        return service_invalid(err, "date", "date must be the record's date, YYYY-MM-DD");
    if (!c->child || !*c->child || strlen(c->child) >= 64)
        return service_invalid(err, "child", "a child's id is needed");
    if (!c->reason || !*c->reason || strlen(c->reason) >= 256)
        return service_invalid(err, "reason", "say why, in 1 to 255 characters");
    if (c->version < 1) return service_invalid(err, "version", "version must be 1 or more");
    return c->new_date ? check_new_date(w) : check_value(w);
}

static void now_utc(char out[32])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The record's version, checked against the one the correction was made
 * from (ERR_CONFLICT when another changed it since). */
static int check_version(Store *s, Correcting *w, int *version)
{
    const RecordCorrection *c = w->c;
    int rc = store_record_version(s, c->kind, c->child, c->date, version, w->err);
    if (rc < 0) return rc;
    if (*version != c->version)
        return err_set(w->err, ERR_CONFLICT,
                       "this %s was changed since it was read: it is at version %d, not %d; "
                       "reload it and make the change again",
                       c->kind, *version, c->version);
    return 0;
}

/* No record of the kind on the date the correction was read at. When a
 * date correction has moved it since, the page is stale like one read
 * before a later version (ERR_CONFLICT: reload and correct it where it is
 * now), not wrong about the record (ERR_NOT_FOUND). */
static int missing_record(Store *s, Correcting *w)
{
    const RecordCorrection *c = w->c;
    char to[11];
    int version;
    int rc = store_record_moved_to(s, c->kind, c->child, c->date, to, w->err);
    if (rc < 0) return rc;
    if (!to[0])
        return err_set(w->err, ERR_NOT_FOUND, "child '%s' has no %s on %s", c->child, c->kind,
                       c->date);
    rc = store_record_version(s, c->kind, c->child, to, &version, w->err);
    if (rc < 0) return rc;
    return err_set(w->err, ERR_CONFLICT,
                   "this %s was changed since it was read: it was moved from %s to %s and is "
                   "at version %d, not %d; reload it and make the change again",
                   c->kind, c->date, to, version, c->version);
}

/* Fills what every change says (the values and field aside) and writes its
 * history row, keyed by the record's date after the change. */
static int add_history(Store *s, Correcting *w, const char *record_date, int version, long long seq)
{
    const RecordCorrection *c = w->c;
    RecordChange *out = w->out;
    snprintf(out->kind, sizeof out->kind, "%s", c->kind);
    snprintf(out->child, sizeof out->child, "%s", c->child);
    snprintf(out->date, sizeof out->date, "%s", record_date);
    snprintf(out->reason, sizeof out->reason, "%s", c->reason);
    snprintf(out->changed_by, sizeof out->changed_by, "%s", w->actor->name);
    now_utc(out->changed_at);
    out->version = version + 1;
    out->audit_seq = seq;
    StoreCorrection row;
    _Static_assert(sizeof row.old_value == sizeof out->old_value, "value sizes");
    _Static_assert(sizeof row.field == sizeof out->field, "field sizes");
    memcpy(row.kind, out->kind, sizeof row.kind);
    memcpy(row.child, out->child, sizeof row.child);
    memcpy(row.record_date, out->date, sizeof row.record_date);
    row.version = out->version;
    memcpy(row.old_value, out->old_value, sizeof row.old_value);
    row.old_null = out->old_null;
    memcpy(row.new_value, out->new_value, sizeof row.new_value);
    row.new_null = out->new_null;
    memcpy(row.reason, out->reason, sizeof row.reason);
    memcpy(row.changed_by, out->changed_by, sizeof row.changed_by);
    memcpy(row.changed_at, out->changed_at, sizeof row.changed_at);
    memcpy(row.field, out->field, sizeof row.field);
    row.audit_seq = seq;
    return store_correction_add(s, &row, w->err);
}

/* Inside the transaction: the version check, the value and the history row. */
static int apply_value(Store *s, long long seq, Correcting *w)
{
    const RecordCorrection *c = w->c;
    RecordChange *out = w->out;
    Ssda903TableId table = kinds[w->kind].table;
    int version;
    int rc =
        store_record_value(s, table, c->child, c->date, out->old_value, &out->old_null, w->err);
    if (rc == ERR_NOT_FOUND) rc = missing_record(s, w);
    if (rc == 0) rc = check_version(s, w, &version);
    if (rc < 0) return rc;
    out->new_null = !w->value[0];
    snprintf(out->new_value, sizeof out->new_value, "%s", w->value);
    if (out->new_null == out->old_null && strcmp(out->new_value, out->old_value) == 0)
        return err_set(w->err, ERR_CONFLICT, "this %s's %s is already '%s'", c->kind,
                       kinds[w->kind].value, w->value);
    snprintf(out->field, sizeof out->field, "value");
    rc = store_record_set_value(s, table, c->child, c->date, out->new_null ? NULL : w->value,
                                w->err);
    return rc < 0 ? rc : add_history(s, w, c->date, version, seq);
}

/* Inside the transaction: the record (and its corrections) moved to the new
 * date, unless the child has one of the kind there already. */
static int apply_date(Store *s, long long seq, Correcting *w)
{
    const RecordCorrection *c = w->c;
    RecordChange *out = w->out;
    Ssda903TableId table = kinds[w->kind].table;
    bool found, taken;
    int version;
    int rc = store_record_exists(s, table, c->child, c->date, &found, w->err);
    if (rc == 0 && !found) rc = missing_record(s, w);
    if (rc == 0) rc = check_version(s, w, &version);
    if (rc == 0) rc = store_record_exists(s, table, c->child, c->new_date, &taken, w->err);
    if (rc == 0 && taken)
        rc = err_set(w->err, ERR_CONFLICT,
                     "child '%s' already has a %s on %s: correct or keep that one instead",
                     c->child, c->kind, c->new_date);
    if (rc < 0) return rc;
    snprintf(out->field, sizeof out->field, "date");
    snprintf(out->old_value, sizeof out->old_value, "%s", c->date);
    snprintf(out->new_value, sizeof out->new_value, "%s", c->new_date);
    rc = store_record_move(s, table, c->kind, c->child, c->date, c->new_date, w->err);
    return rc < 0 ? rc : add_history(s, w, c->new_date, version, seq);
}

static int apply_correction(Store *s, long long seq, void *arg)
{
    Correcting *w = arg;
    return w->c->new_date ? apply_date(s, seq, w) : apply_value(s, seq, w);
}

int svc_record_correct(AuditLog *log, const RecordCorrection *c, const Actor *actor,
                       RecordChange *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (service_check_actor(actor, err) < 0) return err->code;
    Correcting w = {.c = c, .actor = actor, .out = out, .err = err};
    if (check_request(&w) < 0) return err->code;
    char action[96];
    if (c->new_date)
        snprintf(action, sizeof action, "correct %s %s date to %s", c->kind, c->date, c->new_date);
    else
        snprintf(action, sizeof action, "correct %s %s", c->kind, c->date);
    return svc_audit_change(log, actor, action, c->child, c->origin, apply_correction, &w, err);
}

typedef struct History {
    RecordChange *rows;
    int n, cap;
} History;

static int collect_change(const StoreCorrection *c, void *arg)
{
    History *h = arg;
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 8;
        RecordChange *grown = realloc(h->rows, (size_t)h->cap * sizeof *grown);
        if (!grown) abort();
        h->rows = grown;
    }
    RecordChange *r = &h->rows[h->n++];
    memcpy(r->kind, c->kind, sizeof r->kind);
    memcpy(r->child, c->child, sizeof r->child);
    memcpy(r->date, c->record_date, sizeof r->date);
    r->version = c->version;
    memcpy(r->old_value, c->old_value, sizeof r->old_value);
    r->old_null = c->old_null;
    memcpy(r->new_value, c->new_value, sizeof r->new_value);
    r->new_null = c->new_null;
    memcpy(r->reason, c->reason, sizeof r->reason);
    memcpy(r->changed_by, c->changed_by, sizeof r->changed_by);
    memcpy(r->changed_at, c->changed_at, sizeof r->changed_at);
    r->audit_seq = c->audit_seq;
    snprintf(r->field, sizeof r->field, "%s", c->field[0] ? c->field : "value");
    return 0;
}

int svc_record_history(const char *db_path, const char *child, const Actor *actor,
                       RecordChange **out, int *n, Err *err)
{
    *out = NULL;
    *n = 0;
    if (service_check_actor(actor, err) < 0) return err->code;
    Store *s;
    if (store_open_read(db_path, &s, err) < 0) return err->code;
    History h = {0};
    int rc = store_corrections_each(s, child, collect_change, &h, err);
    store_close(s);
    if (rc < 0) {
        free(h.rows);
        return rc;
    }
    *out = h.rows;
    *n = h.n;
    return 0;
}
