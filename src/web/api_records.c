/* api_records: POST /api/v1/children/{id}/records — a record of one of the
 * local templates (docs/templates.md) entered through the API. The record is
 * written as a one-row template file and imported by the import service, so
 * it gets exactly the checks and messages of an import (a problem names the
 * template's column as the field); the change is audited, and a snapshot
 * with the child's rows read again is swapped in before the answer
 * (web_app_save), so the worklist reflects it at once. */
#include "web/api.h"

#include "render/vreport.h"
#include "service/svc_import.h"
#include "service/svc_records.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The templates by the API's kind: the header, whose second column is the
 * date and whose third (when any) is read from the body by its lower-case
 * name. */
static const struct {
    const char *kind, *header;
} templates[] = {
    {"visit", "CHILD,VISIT_DATE,SEEN_ALONE"},
    {"health_assessment", "CHILD,HA_DATE,HA_TYPE"},
    {"dental_check", "CHILD,DENTAL_DATE"},
    {"immunisation", "CHILD,IMMS_DATE,IMMS_UP_TO_DATE"},
    {"sdq", "CHILD,SDQ_DATE,SDQ_SCORE"},
    {"education_plan", "CHILD,PEP_DATE"},
    {"care_plan", "CHILD,CARE_PLAN_DATE"},
    {"needs_assessment", "CHILD,NEEDS_ASSESSMENT_DATE"},
    {"pathway_plan", "CHILD,PATHWAY_PLAN_DATE,PATHWAY_PLAN_TYPE"},
    {"pa_contact", "CHILD,PA_CONTACT_DATE,PA_CONTACT_TYPE"},
    {"visit_regime", "CHILD,REGIME_DATE,REGIME"},
    {"pa_request", "CHILD,PA_REQUEST_DATE,PA_REQUEST"},
};

static const char *template_of(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof templates / sizeof templates[0]; i++)
        if (strcmp(templates[i].kind, kind) == 0) return templates[i].header;
    return NULL;
}

/* Writes s as one CSV field (quoted, quotes doubled). */
static void put_field(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* The value of the template's third column from the body ("" when absent),
 * or NULL when the body gives something other than a string or a number. */
static const char *extra_value(json_t *body, const char *header, char *name, char *buf, size_t size)
{
    const char *third = strchr(strchr(header, ',') + 1, ',');
    name[0] = '\0';
    if (!third) return "";
    size_t i = 0;
    for (third++; third[i] && i < 47; i++) name[i] = (char)tolower((unsigned char)third[i]);
    name[i] = '\0';
    json_t *v = json_object_get(body, name);
    if (!v || json_is_null(v)) return "";
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, size, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    return NULL;
}

/* Writes the one-row template for the body into dir/record.csv. Returns 0 or
 * answers 400. */
static int write_template(WebCall *call, json_t *body, const char *path)
{
    const char *kind = json_string_value(json_object_get(body, "kind"));
    const char *header = template_of(kind);
    if (!header)
        return web_error(call->res, 400, "invalid", "kind",
                         "kind must be one of visit, health_assessment, dental_check, "
                         "immunisation, sdq, education_plan, care_plan, needs_assessment, "
                         "pathway_plan, pa_contact, visit_regime, pa_request");
    const char *date_text = json_string_value(json_object_get(body, "date"));
    Date date;
    if (!date_text || date_parse_iso(date_text, strlen(date_text), &date) < 0)
        return web_error(call->res, 400, "invalid", "date", "date must be a date YYYY-MM-DD");
    char name[48], number[32];
    const char *extra = extra_value(body, header, name, number, sizeof number);
    if (!extra)
        return web_error(call->res, 400, "invalid", name, "%s must be a string or a number", name);
    FILE *out = fopen(path, "w");
    if (!out)
        return web_error(call->res, 503, "unavailable", NULL, "cannot write a temporary file");
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    fprintf(out, "%s\n", header);
    put_field(out, call->id);
    fprintf(out, ",%02d/%02d/%04d", d, m, y);
    if (name[0]) {
        fputc(',', out);
        put_field(out, extra);
    }
    fputc('\n', out);
    return fclose(out) == 0
               ? 0
               : web_error(call->res, 503, "unavailable", NULL, "cannot write a temporary file");
}

static json_t *problems_json(const ErrList *problems)
{
    json_t *list = json_array();
    for (int i = 0; i < problems->n_items; i++) {
        const Err *e = &problems->items[i];
        json_array_append_new(list, json_pack("{s:s, s:I, s:i, s:s}", "field", e->field, "line",
                                              (json_int_t)e->line, "column", e->column, "message",
                                              e->msg));
    }
    return list;
}

/* The values an import stored as unknown and marked (keep_invalid). */
static json_t *import_marks_json(const ImportReport *report)
{
    json_t *list = json_array();
    for (int i = 0; i < report->n_marks; i++) {
        const ImportMark *m = &report->marks[i];
        json_t *mark = vreport_mark_json(&m->mark);
        json_object_set_new(mark, "file_line", json_integer(m->line));
        json_object_set_new(mark, "file_column", json_integer(m->column));
        json_object_set_new(mark, "file_field", json_string(m->label));
        json_array_append_new(list, mark);
    }
    return list;
}

/* Imports the files at path (keep_invalid: ImportRequest's); answers the
 * problems (400) or an error. Fills *report on success when report is given
 * (its marks left out) and *marks with the marks stored when marks is. */
static int import_path(WebCall *call, char *path, bool keep_invalid, ImportReport *report,
                       json_t **marks)
{
    ImportRequest req = {
        .db_path = call->app->db_path, .paths = &path, .n_paths = 1, .keep_invalid = keep_invalid};
    ImportResult res;
    Err err = {0};
    int rc = svc_import_run(call->app->ctx, &req, &call->actor, &res, &err);
    if (rc == 0 && marks) *marks = import_marks_json(&res.report);
    if (rc == 0 && report) {
        *report = res.report;
        report->marks = NULL; /* freed with res below */
        report->n_marks = 0;
    }
    if (rc < 0 && res.problems.n_total > 0) {
        web_error(call->res, 400, "invalid", res.problems.items[0].field, "%s",
                  res.problems.items[0].msg);
        json_t *doc = json_loadb(call->res->body, call->res->body_len, 0, NULL);
        json_object_set_new(json_object_get(doc, "error"), "problems",
                            problems_json(&res.problems));
        web_json(call->res, 400, doc);
        json_decref(doc);
    } else if (rc < 0) {
        web_error_from(call->res, &err);
    }
    svc_import_free(&res);
    return rc;
}

int api_record_create(WebCall *call)
{
    if (!web_session_in_caseload(call->session, call->id) ||
        !dataset_find_child(&call->snap->ds, call->id))
        return web_error(call->res, 404, "not_found", "id", "no child '%.64s' in your caseload",
                         call->id);
    json_t *body = api_json_body(call);
    if (!body) return 400;
    char dir[] = "/tmp/carepledge-record-XXXXXX", path[64];
    if (!mkdtemp(dir)) {
        json_decref(body);
        return web_error(call->res, 503, "unavailable", NULL, "cannot make a temporary folder");
    }
    snprintf(path, sizeof path, "%s/record.csv", dir);
    int rc = write_template(call, body, path);
    char action[96];
    snprintf(action, sizeof action, "record %s",
             json_string_value(json_object_get(body, "kind")) ?: "");
    json_decref(body);
    WebSnapshot *before = web_app_begin_save(call->app);
    if (rc == 0) rc = import_path(call, path, false, NULL, NULL);
    unlink(path);
    rmdir(dir);
    Err err = {0};
    if (rc == 0 && (svc_audit_append(call->app->audit, &call->actor, action, call->id,
                                     call->req->origin, &err) < 0 ||
                    web_app_save(call->app, before, call->id, &err) < 0))
        rc = web_error_from(call->res, &err);
    web_app_end_save(call->app, before);
    if (rc != 0) return call->res->status;
    call->res->status = 201;
    json_t *doc =
        json_pack("{s:{s:s, s:s}, s:{}}", "data", "child", call->id, "recorded", action, "meta");
    web_json(call->res, 201, doc);
    json_decref(doc);
    return 201;
}

/* 404 unless the child is in the snapshot and the caller's caseload. */
static int check_child(WebCall *call)
{
    if (!web_session_in_caseload(call->session, call->id) ||
        !dataset_find_child(&call->snap->ds, call->id))
        return web_error(call->res, 404, "not_found", "id", "no child '%.64s' in your caseload",
                         call->id);
    return 0;
}

static json_t *value_json(const char *value, bool is_null)
{
    return is_null ? json_null() : json_string(value);
}

static json_t *change_json(const RecordChange *c)
{
    bool moved = strcmp(c->field, "date") == 0;
    const char *field = moved ? "date" : svc_record_value_name(c->kind);
    return json_pack("{s:s, s:s, s:s, s:s, s:i, s:o, s:o, s:s, s:s, s:s, s:I}", "kind", c->kind,
                     "child", c->child, "date", c->date, "field", field ? field : "value",
                     "version", c->version, "old_value", value_json(c->old_value, c->old_null),
                     "new_value", value_json(c->new_value, c->new_null), "reason", c->reason,
                     "changed_by", c->changed_by, "changed_at", c->changed_at, "audit_seq",
                     (json_int_t)c->audit_seq);
}

/* The correction the body asks for; answers 400 and returns -1 when the body
 * is not of the right shape (the service checks the values themselves). */
static int read_correction(WebCall *call, json_t *body, RecordCorrection *c, char *number,
                           size_t size)
{
    c->kind = json_string_value(json_object_get(body, "kind"));
    const char *name = svc_record_value_name(c->kind);
    c->date = json_string_value(json_object_get(body, "date"));
    c->reason = json_string_value(json_object_get(body, "reason"));
    json_t *version = json_object_get(body, "version");
    if (!json_is_integer(version)) {
        web_error(call->res, 400, "invalid", "version",
                  "version must be the record's version as read (a whole number)");
        return -1;
    }
    c->version = (int)json_integer_value(version);
    json_t *new_date = json_object_get(body, "new_date");
    json_t *v = name ? json_object_get(body, name) : NULL;
    if (new_date && (!json_is_string(new_date) || (v && !json_is_null(v)))) {
        web_error(call->res, 400, "invalid", "new_date",
                  "new_date must be a date YYYY-MM-DD, and alone: correct the date and the "
                  "value one at a time");
        return -1;
    }
    c->new_date = json_string_value(new_date);
    if (!v || json_is_null(v))
        c->value = "";
    else if (json_is_string(v))
        c->value = json_string_value(v);
    else if (json_is_integer(v)) {
        snprintf(number, size, "%lld", (long long)json_integer_value(v));
        c->value = number;
    } else {
        web_error(call->res, 400, "invalid", name, "%s must be a string or a number", name);
        return -1;
    }
    return 0;
}

int api_record_correct(WebCall *call)
{
    if (check_child(call) != 0) return call->res->status;
    json_t *body = api_json_body(call);
    if (!body) return 400;
    RecordCorrection c = {.child = call->id, .origin = call->req->origin};
    char number[32];
    RecordChange change;
    Err err = {0};
    WebSnapshot *before = web_app_begin_save(call->app);
    int rc = read_correction(call, body, &c, number, sizeof number);
    if (rc == 0 && svc_record_correct(call->app->audit, &c, &call->actor, &change, &err) < 0)
        rc = web_error_from(call->res, &err);
    json_decref(body);
    /* Once the change is committed, a snapshot that cannot be reloaded now
     * is reported, and the next import or correction reloads it. */
    if (rc == 0 && web_app_save(call->app, before, call->id, &err) < 0)
        rc = web_error_from(call->res, &err);
    web_app_end_save(call->app, before);
    if (rc != 0) return call->res->status;
    WebSnapshot *fresh = web_app_acquire(call->app);
    json_t *meta = json_pack("{s:I}", "commit", (json_int_t)fresh->ds.commit);
    web_app_release(call->app, fresh);
    return web_ok(call->res, change_json(&change), meta);
}

int api_record_history(WebCall *call)
{
    if (check_child(call) != 0) return call->res->status;
    Err err = {0};
    RecordChange *rows;
    int n;
    if (svc_record_history(call->app->db_path, call->id, &call->actor, &rows, &n, &err) < 0)
        return web_error_from(call->res, &err);
    json_t *list = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(list, change_json(&rows[i]));
    free(rows);
    web_ok(call->res, list, json_pack("{s:i}", "total", n));
    /* Recorded before anything is sent, as a child's view is (api_child): the
     * row is committed in the audit writer's next batch, then the answer goes. */
    web_call_audit(call, "view corrections", call->id);
    return 200;
}

/* Imports the upload's files, audits the import and swaps in the snapshot
 * it made; answers the report, the problems or the error. */
static int import_upload(WebCall *call)
{
    const WebRequest *req = call->req;
    ImportReport report;
    char dir[512];
    snprintf(dir, sizeof dir, "%s", req->upload_dir);
    const char *keep = web_param(req, "keep_invalid");
    bool keep_invalid = keep && (strcmp(keep, "1") == 0 || strcmp(keep, "true") == 0);
    json_t *marks = NULL;
    if (import_path(call, dir, keep_invalid, &report, &marks) != 0) return call->res->status;
    Err err = {0};
    if (svc_audit_append(call->app->audit, &call->actor, "import", NULL, req->origin, &err) < 0 ||
        web_app_reload(call->app, &err) < 0) {
        json_decref(marks);
        return web_error_from(call->res, &err);
    }
    json_t *data =
        json_pack("{s:i, s:I, s:i, s:i}", "files", report.files, "rows", (json_int_t)report.rows,
                  "first_year", report.first_year, "last_year", report.last_year);
    /* Only an import asked to keep invalid values says which it kept. */
    if (keep_invalid)
        json_object_set_new(data, "marks", marks);
    else
        json_decref(marks);
    WebSnapshot *fresh = web_app_acquire(call->app);
    json_t *meta = json_pack("{s:I}", "commit", (json_int_t)fresh->ds.commit);
    web_app_release(call->app, fresh);
    return web_ok(call->res, data, meta);
}

int api_import(WebCall *call)
{
    const WebRequest *req = call->req;
    if (req->upload_too_large)
        return web_error(call->res, 413, "too_large", NULL,
                         "the upload is over the limit of %d bytes", WEB_MAX_UPLOAD);
    if (req->upload_broken || !req->upload_dir)
        return web_error(call->res, 400, "invalid", "files",
                         "send the files as multipart/form-data (one part per CSV file)");
    bool own = req->import_place == WEB_IMPORT_PLACE_OWN;
    if (req->import_place == WEB_IMPORT_PLACE_BUSY || (own && !web_app_begin_import(call->app))) {
        web_error(call->res, 409, "conflict", NULL,
                  "another import is running on this server; nothing of this one was imported: "
                  "send it again when that one has finished");
        call->res->retry_after = WEB_IMPORT_RETRY_SECONDS;
        return 409;
    }
    int status = import_upload(call);
    if (own) web_app_end_import(call->app);
    return status;
}
