/* api: see api.h. */
#include "web/api.h"

#include "domain/leaver.h"
#include "service/svc_care.h"
#include "service/svc_due.h"
#include "service/svc_imports.h"
#include "service/svc_reference.h"
#include "service/svc_scorecard.h"
#include "render/scorecard_write.h"
#include "render/vreport.h"
#include "web/child_cache.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DEFAULT_PER_PAGE = 50, MAX_PER_PAGE = 500, PUBLISH_THRESHOLD = 5 };

static json_t *date_json(Date d)
{
    if (d == DATE_NONE) return json_null();
    char buf[16];
    return json_string(date_format_iso(d, buf));
}

static json_t *meta(const WebCall *call)
{
    return json_pack("{s:I}", "commit", (json_int_t)call->snap->ds.commit);
}

/* The date a request is answered as at when it names none (web_app_as_at:
 * today, or the end of a stale history). */
static Date today(const WebCall *call)
{
    return web_app_as_at(call->app, call->snap);
}

/* The date parameter name (fallback when absent). Returns 0, or answers 400. */
static int date_param(WebCall *call, const char *name, Date fallback, Date *out)
{
    const char *text = web_param(call->req, name);
    *out = fallback;
    if (!text) return 0;
    if (date_parse_iso(text, strlen(text), out) == 0) return 0;
    return web_error(call->res, 400, "invalid", name, "%s '%.40s' is not a date YYYY-MM-DD", name,
                     text);
}

static bool flag_param(const WebCall *call, const char *name)
{
    const char *text = web_param(call->req, name);
    return text && (strcmp(text, "1") == 0 || strcmp(text, "true") == 0);
}

/* The number parameter name within [min, max]. Returns 0, or answers 400. */
static int number_param(WebCall *call, const char *name, long min, long max, long *out)
{
    const char *text = web_param(call->req, name);
    if (!text) return 0;
    char *end;
    long v = strtol(text, &end, 10);
    if (*text && !*end && v >= min && v <= max) {
        *out = v;
        return 0;
    }
    return web_error(call->res, 400, "invalid", name, "%s must be a whole number from %ld to %ld",
                     name, min, max);
}

typedef struct Page {
    long page, per_page;
    long first, end; /* the items [first, end) of the page */
} Page;

static int page_params(WebCall *call, Page *p)
{
    p->page = 1;
    p->per_page = DEFAULT_PER_PAGE;
    if (number_param(call, "page", 1, 1000000, &p->page) ||
        number_param(call, "per_page", 1, MAX_PER_PAGE, &p->per_page))
        return 400;
    p->first = (p->page - 1) * p->per_page;
    p->end = p->first + p->per_page;
    return 0;
}

static bool on_page(const Page *p, long index)
{
    return index >= p->first && index < p->end;
}

static json_t *page_meta(const WebCall *call, const Page *p, long total)
{
    json_t *m = meta(call);
    json_object_set_new(m, "total", json_integer(total));
    json_object_set_new(m, "page", json_integer(p->page));
    json_object_set_new(m, "per_page", json_integer(p->per_page));
    return m;
}

static ServiceData snapshot_data(const WebCall *call)
{
    return (ServiceData){.snapshot = &call->snap->ds};
}

/* ---- The documents and the session ------------------------------------------ */

int api_openapi(WebCall *call)
{
    json_t *doc = web_openapi();
    web_json(call->res, 200, doc);
    json_decref(doc);
    return 200;
}

static json_t *capabilities_json(unsigned caps)
{
    json_t *list = json_array();
    for (int b = 0; b < CAP_COUNT; b++)
        if (caps & (1u << b)) json_array_append_new(list, json_string(svc_capability_name(b)));
    return list;
}

static json_t *date_or_null(Date d)
{
    char buf[16];
    return d == DATE_NONE ? json_null() : json_string(date_format_iso(d, buf));
}

/* The session, with the dates the pages start from: as_at (today, or the
 * end of a stale history) and history_end. */
static json_t *session_json(const WebCall *call, const WebSession *s)
{
    json_t *doc = json_pack("{s:s, s:s, s:o, s:s, s:i}", "user", s->user, "role", s->role->name,
                            "capabilities", capabilities_json(s->role->capabilities), "csrf",
                            s->csrf, "caseload", s->n_caseload);
    if (call->snap) {
        json_object_set_new(doc, "as_at", date_or_null(web_app_as_at(call->app, call->snap)));
        json_object_set_new(doc, "history_end", date_or_null(call->snap->history_end));
    }
    return doc;
}

static void set_cookie(WebCall *call, const char *token, int max_age)
{
    snprintf(call->res->set_cookie, sizeof call->res->set_cookie,
             "cp_session=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict%s", token, max_age,
             call->app->secure_cookies ? "; Secure" : "");
}

/* The body as a JSON object; answers 400 when it is not one. */
json_t *api_json_body(WebCall *call)
{
    json_error_t jerr;
    json_t *body = json_loadb(call->req->body ? call->req->body : "", call->req->body_len,
                              JSON_REJECT_DUPLICATES, &jerr);
    if (body && json_is_object(body)) return body;
    json_decref(body);
    web_error(call->res, 400, "invalid", NULL, "the body is not a JSON object: %s at character %d",
              body ? "another JSON value" : jerr.text, body ? 0 : jerr.position);
    return NULL;
}

static int sign_in(WebCall *call, time_t now);

/* Answers 429: the address tried too many sign-ins; wait seconds. */
static int too_many_sign_ins(WebCall *call, int wait)
{
    web_error(call->res, 429, "too_many_requests", NULL,
              "too many sign-ins from this address: try again in %d seconds", wait);
    call->res->retry_after = wait;
    return 429;
}

int api_session_create(WebCall *call)
{
    WebApp *app = call->app;
    time_t now = web_app_now(app);
    int wait;
    if (!web_sessions_allow_sign_in(app->sessions, call->req->origin, now, &wait))
        return too_many_sign_ins(call, wait);
    bool held = call->req->sign_in_place_held;
    if (!held && !web_sessions_begin_check(app->sessions)) {
        web_error(call->res, 429, "too_many_requests", NULL,
                  "the server is checking other sign-ins: try again in %d second%s",
                  WEB_SIGN_IN_RETRY_SECONDS, WEB_SIGN_IN_RETRY_SECONDS == 1 ? "" : "s");
        call->res->retry_after = WEB_SIGN_IN_RETRY_SECONDS;
        return 429;
    }
    /* Every server's count, before the password's argon2id work. */
    int rc = web_sessions_allow_shared_sign_in(app->sessions, call->req->origin, now, &wait)
                 ? sign_in(call, now)
                 : too_many_sign_ins(call, wait);
    if (!held) web_sessions_end_check(app->sessions);
    return rc;
}

/* Checks the body's user name and password and starts the session. */
static int sign_in(WebCall *call, time_t now)
{
    WebApp *app = call->app;
    json_t *body = api_json_body(call);
    if (!body) return 400;
    const char *user = json_string_value(json_object_get(body, "username"));
    const char *password = json_string_value(json_object_get(body, "password"));
    if (!user || !password) {
        json_decref(body);
        return web_error(call->res, 400, "invalid", user ? "password" : "username",
                         "the body needs \"username\" and \"password\" as strings");
    }
    SignIn who;
    Err err = {0};
    int rc = svc_sign_in(app->db_path, user, password, now, &who, &err);
    json_decref(body);
    if (rc < 0) {
        if (err_kind(rc) == ERR_KIND_FORBIDDEN)
            return web_error(call->res, 401, "unauthorized", NULL, "%s", err.msg);
        return web_error_from(call->res, &err);
    }
    char token[WEB_SESSION_TOKEN_HEX + 1];
    WebSession *s = web_session_start(app->sessions, &who, now, token, &err);
    svc_sign_in_free(&who);
    if (!s) return web_error_from(call->res, &err);
    set_cookie(call, token, app->limits.session_seconds);
    web_ok(call->res, session_json(call, s), meta(call));
    web_session_release(app->sessions, s);
    return 200;
}

int api_session_delete(WebCall *call)
{
    Err err = {0};
    if (web_session_end(call->app->sessions, call->req->session, web_app_now(call->app), &err) < 0)
        return web_error_from(call->res, &err);
    set_cookie(call, "", 0);
    return web_ok(call->res, json_pack("{s:b}", "signed_out", 1), meta(call));
}

int api_me(WebCall *call)
{
    return web_ok(call->res, session_json(call, call->session), meta(call));
}

/* ---- Caseload work ---------------------------------------------------------- */

static json_t *due_json(const char *child, const DueEntry *e)
{
    return json_pack("{s:s, s:s, s:o, s:s, s:i, s:s}", "child", child, "item",
                     due_item_name(e->item), "due", date_json(e->due), "status",
                     due_status_name(e->status), "days_overdue", e->days_overdue, "rule",
                     e->rule ? e->rule : "");
}

static int worklist(WebCall *call, const DueRequest *req, const Page *page);

/* Appends the due items of req (one child, or everyone's) that are in the
 * caller's caseload to items, counting them in *total. Returns 0 or answers. */
static int add_due_items(WebCall *call, const DueRequest *req, const Page *page, json_t *items,
                         long *total)
{
    ServiceData data = snapshot_data(call);
    DueResult due;
    Err err = {0};
    if (svc_due_run(call->app->ctx, &data, req, &call->actor, &due, &err) < 0) {
        svc_due_free(&due);
        return web_error_from(call->res, &err);
    }
    for (int i = 0; i < due.n_rows; i++) {
        if (!web_session_in_caseload(call->session, due.rows[i].child)) continue;
        if (on_page(page, *total))
            json_array_append_new(items, due_json(due.rows[i].child, &due.rows[i].entry));
        (*total)++;
    }
    svc_due_free(&due);
    return 0;
}

/* The key of a worklist among the answers kept with the snapshot: the
 * caseload (every child, or a BLAKE2b of its ids: two sessions of one
 * caseload share it, a caseload changed since is another) and the question. */
static void worklist_key(const WebSession *s, const DueRequest *req, const Page *page, char *key,
                         size_t size)
{
    char caseload[33] = "all";
    if (!(s->role->capabilities & CAP_ALL_CHILDREN)) {
        crypto_generichash_state state;
        crypto_generichash_init(&state, NULL, 0, 16);
        for (int i = 0; i < s->n_caseload; i++)
            crypto_generichash_update(&state, (const unsigned char *)s->caseload[i],
                                      strlen(s->caseload[i]) + 1);
        unsigned char digest[16];
        crypto_generichash_final(&state, digest, sizeof digest);
        sodium_bin2hex(caseload, sizeof caseload, digest, sizeof digest);
    }
    snprintf(key, size, "worklist %s %d %d %ld %ld", caseload, (int)req->at, req->overdue_only,
             page->page, page->per_page);
}

/* The request that asks the worklist of req again, of another snapshot:
 * only every child's, which is the same whoever asks (web/prepare.h). */
static void worklist_again(const WebSession *s, const DueRequest *req, const Page *page,
                           char *again, size_t size)
{
    again[0] = '\0';
    if (!(s->role->capabilities & CAP_ALL_CHILDREN)) return;
    char at[16];
    snprintf(again, size, "/api/v1/worklist?at=%s&overdue=%d&page=%ld&per_page=%ld",
             date_format_iso(req->at, at), req->overdue_only, page->page, page->per_page);
}

int api_worklist(WebCall *call)
{
    DueRequest req = {.within = -1, .overdue_only = flag_param(call, "overdue")};
    Page page;
    if (date_param(call, "at", today(call), &req.at) || page_params(call, &page)) return 400;
    /* The same caseload asks the same of the same snapshot again and again:
     * the answer is kept with the snapshot (a new one comes with each change). */
    char key[96];
    worklist_key(call->session, &req, &page, key, sizeof key);
    WebResponse *out = call->res;
    free(out->body);
    out->body = NULL;
    if (web_snapshot_answer(call->snap, key, &out->body, &out->body_len)) {
        out->status = 200;
        out->content_type = "application/json";
        return 200;
    }
    int rc = worklist(call, &req, &page);
    char again[WEB_QUESTION_MAX];
    worklist_again(call->session, &req, &page, again, sizeof again);
    if (rc == 200) web_snapshot_keep_answer(call->snap, key, again, out->body, out->body_len);
    return rc;
}

static int worklist(WebCall *call, const DueRequest *req_in, const Page *page_in)
{
    DueRequest req = *req_in;
    Page page = *page_in;
    json_t *items = json_array();
    long total = 0;
    int rc = 0;
    const WebSession *s = call->session;
    if (s->role->capabilities & CAP_ALL_CHILDREN)
        rc = add_due_items(call, &req, &page, items, &total);
    else
        /* A caseload is worked out child by child (in id order, as the whole
         * list is): 25 children, not the 100,000 of the history. */
        for (int i = 0; rc == 0 && i < s->n_caseload; i++) {
            req.child = s->caseload[i];
            if (dataset_find_child(&call->snap->ds, req.child))
                rc = add_due_items(call, &req, &page, items, &total);
        }
    if (rc != 0) {
        json_decref(items);
        return call->res->status;
    }
    return web_ok(call->res, items, page_meta(call, &page, total));
}

static json_t *child_summary(const Child *c)
{
    return json_pack("{s:s, s:s, s:o, s:i, s:o}", "id", c->id, "sex", c->sex, "dob",
                     date_json(c->dob), "episodes", c->n_episodes, "uasc", json_boolean(c->uasc));
}

int api_children(WebCall *call)
{
    Page page;
    if (page_params(call, &page)) return 400;
    const Dataset *ds = &call->snap->ds;
    json_t *items = json_array();
    long total = 0;
    for (int i = 0; i < ds->n_children; i++) {
        if (!web_session_in_caseload(call->session, ds->children[i].id)) continue;
        if (on_page(&page, total)) json_array_append_new(items, child_summary(&ds->children[i]));
        total++;
    }
    return web_ok(call->res, items, page_meta(call, &page, total));
}

static const char *const record_kinds[RECORD_KIND_COUNT] = {
    [RECORD_VISIT] = "visit",
    [RECORD_HEALTH_ASSESSMENT] = "health_assessment",
    [RECORD_DENTAL_CHECK] = "dental_check",
    [RECORD_IMMUNISATION] = "immunisation",
    [RECORD_SDQ] = "sdq",
    [RECORD_PEP] = "education_plan",
    [RECORD_CARE_PLAN] = "care_plan",
    [RECORD_NEEDS_ASSESSMENT] = "needs_assessment",
    [RECORD_PATHWAY_PLAN] = "pathway_plan",
    [RECORD_PA_CONTACT] = "pa_contact",
    [RECORD_VISIT_REGIME] = "visit_regime",
    [RECORD_PA_REQUEST] = "pa_request",
};

/* Sets meanings[key] to the meaning of code in the 903 list field, when the
 * list has one: the page shows "C2: Full care order", not a bare code. */
static void add_meaning(json_t *meanings, const CodeLists *codes, const char *key,
                        const char *field, const char *code)
{
    const char *meaning = code && *code ? codes_meaning(codes, field, code) : "";
    if (meaning && *meaning) json_object_set_new(meanings, key, json_string(meaning));
}

static json_t *episodes_json(const Dataset *ds, const CodeLists *codes, const Child *c)
{
    json_t *list = json_array();
    for (int i = 0; i < c->n_episodes; i++) {
        const Episode *e = &ds->episodes[c->first_episode + i];
        json_t *meanings = json_object();
        add_meaning(meanings, codes, "rne", "RNE", e->rne);
        add_meaning(meanings, codes, "legal_status", "LS", e->ls);
        add_meaning(meanings, codes, "cin", "CIN", e->cin);
        add_meaning(meanings, codes, "placement", "PLACE", e->place);
        add_meaning(meanings, codes, "reason_ended", "REC", e->rec);
        json_array_append_new(list,
                              json_pack("{s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:o}", "start",
                                        date_json(e->decom), "end", date_json(e->dec), "rne",
                                        e->rne, "legal_status", e->ls, "cin", e->cin, "placement",
                                        e->place, "reason_ended", e->rec, "meanings", meanings));
    }
    return list;
}

static json_t *reviews_json(const Dataset *ds, const CodeLists *codes, const Child *c)
{
    json_t *list = json_array();
    for (int i = 0; i < c->n_reviews; i++) {
        const Review *r = &ds->reviews[c->first_review + i];
        json_t *meanings = json_object();
        add_meaning(meanings, codes, "code", "REVIEW_CODE", r->code);
        json_array_append_new(list, json_pack("{s:o, s:s, s:o}", "date", date_json(r->date), "code",
                                              r->code, "meanings", meanings));
    }
    return list;
}

/* The words of a record's subtype by its template's column (docs/templates.md):
 * a page shows "Seen alone: yes", not "Subtype: 1". Index 0 is not recorded. */
static const struct {
    const char *name;
    const char *words[5];
} record_values[RECORD_KIND_COUNT] = {
    [RECORD_VISIT] = {"seen_alone", {NULL, "yes", "no"}},
    [RECORD_HEALTH_ASSESSMENT] = {"ha_type", {NULL, "initial", "review"}},
    [RECORD_IMMUNISATION] = {"imms_up_to_date", {NULL, "yes", "no"}},
    [RECORD_PATHWAY_PLAN] = {"pathway_plan_type", {NULL, "plan", "review"}},
    [RECORD_PA_CONTACT] = {"pa_contact_type", {NULL, "visit", "phone", "video", "message"}},
    [RECORD_VISIT_REGIME] = {"regime",
                             {NULL, "standard", "reg19_assessment_pending",
                              "reg24_temporary_approval"}},
    [RECORD_PA_REQUEST] = {"pa_request", {NULL, "requested", "withdrawn"}},
};

static void add_record_value(json_t *rec, const CareRecord *r)
{
    if (r->kind == RECORD_SDQ) {
        json_object_set_new(rec, "sdq_score", r->value >= 0 ? json_integer(r->value) : json_null());
        return;
    }
    if (r->kind >= RECORD_KIND_COUNT || !record_values[r->kind].name) return;
    const char *word = r->subtype < 5 ? record_values[r->kind].words[r->subtype] : NULL;
    json_object_set_new(rec, record_values[r->kind].name, word ? json_string(word) : json_null());
}

static json_t *records_json(const Dataset *ds, const Child *c)
{
    json_t *list = json_array();
    for (int i = 0; i < c->n_records; i++) {
        const CareRecord *r = &ds->records[c->first_record + i];
        const char *kind = r->kind < RECORD_KIND_COUNT && record_kinds[r->kind]
                               ? record_kinds[r->kind]
                               : "unknown";
        json_t *rec = json_pack("{s:s, s:o, s:i}", "kind", kind, "date", date_json(r->date),
                                "subtype", r->subtype);
        if (r->value >= 0) json_object_set_new(rec, "value", json_integer(r->value));
        add_record_value(rec, r);
        json_array_append_new(list, rec);
    }
    return list;
}

static json_t *leaver_json(const LeaverStatus *s)
{
    return json_pack("{s:s, s:i, s:b, s:s, s:s}", "category", leaver_category_name(s->category),
                     "age", s->age, "in_care", s->in_care, "entitlement",
                     s->entitlement ? s->entitlement : "", "reason", s->reason);
}

/* The child's due items on at, or NULL with the error answered. */
static json_t *child_due(WebCall *call, const char *id, Date at)
{
    DueRequest req = {.at = at, .within = -1, .child = id};
    ServiceData data = snapshot_data(call);
    DueResult due;
    Err err = {0};
    json_t *list = NULL;
    if (svc_due_run(call->app->ctx, &data, &req, &call->actor, &due, &err) < 0)
        web_error_from(call->res, &err);
    else {
        list = json_array();
        for (int i = 0; i < due.n_rows; i++)
            json_array_append_new(list, due_json(id, &due.rows[i].entry));
    }
    svc_due_free(&due);
    return list;
}

/* The child's values stored as unknown at import (import --keep-invalid),
 * or NULL with the error answered. Read from the database, not the
 * snapshot, which holds only their counts: but when those say the history
 * has none at all (no import kept an invalid value), no child has any, and
 * the view does not open the database (a read of the disk costs each view
 * more than everything else it does). */
static json_t *child_marks(WebCall *call, const char *id)
{
    if (call->snap->ds.n_marks == 0) return json_array();
    Ssda903Marks marks;
    Err err = {0};
    json_t *list = NULL;
    if (svc_child_marks_run(call->app->db_path, id, &call->actor, &marks, &err) < 0) {
        web_error_from(call->res, &err);
    } else {
        list = json_array();
        for (int i = 0; i < marks.n; i++)
            json_array_append_new(list, vreport_mark_json(&marks.items[i]));
    }
    ssda903_marks_free(&marks);
    return list;
}

/* The marked values a report read as unknown, for its meta. */
static json_t *marked_json(const ServiceMarked *marked)
{
    json_t *list = json_array();
    for (int i = 0; i < marked->n; i++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:I}", "table", marked->items[i].table,
                                              "field", marked->items[i].field, "rows",
                                              (json_int_t)marked->items[i].n));
    return list;
}

/* The view of child c on at, worked out: the envelope into call->res.
 * Returns 200, or the status of the error answered. */
static int child_view(WebCall *call, const Child *c, Date at)
{
    const Dataset *ds = &call->snap->ds;
    json_t *due = child_due(call, c->id, at);
    if (!due) return call->res->status;
    json_t *marks = child_marks(call, c->id);
    if (!marks) {
        json_decref(due);
        return call->res->status;
    }
    LeaverStatus leaver = leaver_status(ds, c, at, LEAVER_RULES_CURRENT);
    json_t *child = child_summary(c);
    json_object_set_new(child, "episodes", episodes_json(ds, call->app->ctx->codes, c));
    json_object_set_new(child, "reviews", reviews_json(ds, call->app->ctx->codes, c));
    json_object_set_new(child, "records", records_json(ds, c));
    json_object_set_new(child, "care_leaver", leaver_json(&leaver));
    json_object_set_new(child, "due", due);
    json_object_set_new(child, "marks", marks);
    return web_ok(call->res, child, meta(call));
}

/* The snapshot's kept children's views, made at the first asked. */
static WebChildCache *child_views(WebSnapshot *snap)
{
    pthread_mutex_lock(&snap->cache_lock);
    if (!snap->child_views) snap->child_views = web_child_cache_new();
    WebChildCache *cache = snap->child_views;
    pthread_mutex_unlock(&snap->cache_lock);
    return cache;
}

int api_child(WebCall *call)
{
    Date at;
    if (date_param(call, "at", today(call), &at)) return 400;
    const Child *c = dataset_find_child(&call->snap->ds, call->id);
    /* Outside the caseload answers as unknown: the answer does not tell who
     * else is in care. */
    if (!c || !web_session_in_caseload(call->session, call->id))
        return web_error(call->res, 404, "not_found", "id", "no child '%.64s' in your caseload",
                         call->id);
    /* The view depends on the snapshot, the child and the date alone (not on
     * who asks: the caseload was checked above), so it is kept with the
     * snapshot and a view asked again is a copy. */
    char key[WEB_CHILD_CACHE_KEY];
    char day[16];
    snprintf(key, sizeof key, "%s %s", c->id, date_format_iso(at, day));
    WebChildCache *kept = child_views(call->snap);
    WebResponse *out = call->res;
    free(out->body);
    out->body = NULL;
    if (web_child_cache_get(kept, key, &out->body, &out->body_len)) {
        out->status = 200;
        out->content_type = "application/json";
    } else if (child_view(call, c, at) == 200)
        web_child_cache_put(kept, key, out->body, out->body_len);
    else
        return out->status;
    /* Issue 10 item 7: the view is recorded before anything is sent (the
     * router or the server appends the row and sends the answer only once
     * it has committed; 503 if it cannot be). */
    web_call_audit(call, "view child", c->id);
    return 200;
}

/* ---- Reports ---------------------------------------------------------------- */

int api_profile(WebCall *call)
{
    ProfileRequest req = {.rules = LEAVER_RULES_CURRENT, .threshold = PUBLISH_THRESHOLD};
    if (date_param(call, "at", today(call), &req.at)) return 400;
    /* A role without the unpublished reports sees the published profile only. */
    req.publish = flag_param(call, "publish") || !(call->session->role->capabilities & CAP_REPORTS);
    ServiceData data = snapshot_data(call);
    ProfileResult res;
    Err err = {0};
    if (svc_profile_run(call->app->ctx, &data, &req, &call->actor, &res, &err) < 0)
        return web_error_from(call->res, &err);
    json_t *rows = json_array();
    for (int i = 0; i < PROFILE_N_ROWS; i++) {
        json_t *count = res.withheld[i] ? json_string("c") : json_integer(res.rows[i].count);
        json_array_append_new(rows, json_pack("{s:s, s:s, s:o}", "table", res.rows[i].table, "row",
                                              res.rows[i].row, "count", count));
    }
    json_t *m = meta(call);
    json_object_set_new(m, "published", json_boolean(req.publish));
    json_object_set_new(m, "at", date_json(req.at));
    if (res.marked.n) json_object_set_new(m, "marked_values", marked_json(&res.marked));
    return web_ok(call->res, rows, m);
}

/* The scorecard goes through render/'s JSON writer, the one the command uses,
 * and is read back into the envelope, so the API and `scorecard --format
 * json` can never disagree. */
static json_t *scorecard_json(const Scorecard *sc)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out) return NULL;
    scorecard_write_json(out, sc);
    fclose(out);
    json_t *doc = json_loadb(text, len, 0, NULL);
    free(text);
    return doc;
}

int api_scorecard(WebCall *call)
{
    ScorecardRequest req = {.years = 4, .threshold = PUBLISH_THRESHOLD};
    if (api_year_param(call, &req.year)) return 400;
    if (!req.year) req.year = date_collection_year(today(call));
    req.publish = flag_param(call, "publish") || !(call->session->role->capabilities & CAP_REPORTS);
    WebResponse *out = call->res;
    free(out->body);
    out->body = NULL;
    if (web_snapshot_card(call->snap, req.year, req.publish, &out->body, &out->body_len)) {
        out->status = 200;
        out->content_type = "application/json";
        return 200;
    }
    ServiceData data = snapshot_data(call);
    data.db_path = call->app->db_path; /* the survey's answers and promise 3.13 (svc_scorecard) */
    ScorecardResult res;
    Err err = {0};
    if (svc_scorecard_run(call->app->ctx, &data, &req, &call->actor, &res, &err) < 0) {
        svc_scorecard_free(&res);
        return web_error_from(call->res, &err);
    }
    json_t *card = scorecard_json(&res.card);
    ServiceMarked marked = res.marked;
    svc_scorecard_free(&res);
    if (!card)
        return web_error(call->res, 500, "internal", NULL, "the scorecard could not be written");
    json_t *m = meta(call);
    json_object_set_new(m, "published", json_boolean(req.publish));
    if (marked.n) json_object_set_new(m, "marked_values", marked_json(&marked));
    web_ok(call->res, card, m);
    web_snapshot_keep_card(call->snap, req.year, req.publish, out->body, out->body_len);
    return 200;
}

int api_leavers(WebCall *call)
{
    LeaversRequest req = {.rules = LEAVER_RULES_CURRENT};
    Page page;
    if (date_param(call, "at", today(call), &req.at) || page_params(call, &page)) return 400;
    ServiceData data = snapshot_data(call);
    LeaversResult res;
    Err err = {0};
    if (svc_leavers_run(call->app->ctx, &data, &req, &call->actor, &res, &err) < 0) {
        svc_leavers_free(&res);
        return web_error_from(call->res, &err);
    }
    json_t *items = json_array();
    for (long i = page.first; i < res.n_rows && i < page.end; i++) {
        json_t *row = leaver_json(&res.rows[i].status);
        json_object_set_new(row, "child", json_string(res.rows[i].child));
        json_array_append_new(items, row);
    }
    json_t *m = page_meta(call, &page, res.n_rows);
    if (res.marked.n) json_object_set_new(m, "marked_values", marked_json(&res.marked));
    svc_leavers_free(&res);
    return web_ok(call->res, items, m);
}

int api_compliance(WebCall *call)
{
    ComplianceRequest req = {0};
    Date now = today(call);
    if (date_param(call, "to", now, &req.to) || date_param(call, "from", req.to - 364, &req.from))
        return 400;
    ServiceData data = snapshot_data(call);
    ComplianceResult res;
    Err err = {0};
    if (svc_compliance_run(call->app->ctx, &data, &req, &call->actor, &res, &err) < 0) {
        svc_compliance_free(&res);
        return web_error_from(call->res, &err);
    }
    json_t *items = json_array();
    for (int i = 0; i < DUE_ITEM_COUNT; i++) {
        const ComplianceCount *c = &res.counts.counts[i];
        if (!(res.counts.items & (1u << i))) continue;
        json_array_append_new(
            items, json_pack("{s:s, s:I, s:I, s:I, s:I}", "item", due_item_name((DueItem)i),
                             "fell_due", (json_int_t)c->fell_due, "on_time", (json_int_t)c->on_time,
                             "late", (json_int_t)c->late, "not_done", (json_int_t)c->not_done));
    }
    json_t *m = meta(call);
    json_object_set_new(m, "from", date_json(req.from));
    json_object_set_new(m, "to", date_json(req.to));
    if (res.marked.n) json_object_set_new(m, "marked_values", marked_json(&res.marked));
    svc_compliance_free(&res);
    return web_ok(call->res, items, m);
}

/* ---- Reference -------------------------------------------------------------- */

int api_indicators(WebCall *call)
{
    IndicatorsResult res;
    Err err = {0};
    if (svc_indicators_run(call->app->ctx, &call->actor, &res, &err) < 0)
        return web_error_from(call->res, &err);
    json_t *items = json_array();
    for (int i = 0; i < res.catalogue->n_items; i++) {
        const Indicator *ind = &res.catalogue->items[i];
        json_array_append_new(items,
                              json_pack("{s:s, s:i, s:s, s:s, s:s}", "id", ind->id, "promise",
                                        ind->promise, "title", ind->title, "definition",
                                        ind->definition, "records", ind->records));
    }
    return web_ok(call->res, items, meta(call));
}

int api_calendar(WebCall *call)
{
    CalendarRequest req = {0};
    Date now = today(call);
    if (date_param(call, "from", now, &req.from) || date_param(call, "to", req.from + 365, &req.to))
        return 400;
    CalendarResult res;
    Err err = {0};
    if (svc_calendar_run(call->app->ctx, &req, &call->actor, &res, &err) < 0) {
        svc_calendar_free(&res);
        return web_error_from(call->res, &err);
    }
    json_t *days = json_array();
    for (int i = 0; i < res.n_days; i++)
        json_array_append_new(days, json_pack("{s:o, s:s}", "date", date_json(res.days[i].date),
                                              "name", res.days[i].name));
    json_t *m = meta(call);
    json_object_set_new(m, "working_days", json_integer(res.working_days));
    svc_calendar_free(&res);
    return web_ok(call->res, days, m);
}
