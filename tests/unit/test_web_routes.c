/* Route tests of the JSON API, in process: the router is run on request
 * structs, no socket. A matrix calls every route of the table as every role
 * (a route missing from the matrix fails the test), and bad input gets the
 * error envelope with the right status. */
#include "render/chart.h"
#include "service/svc_audit.h"
#include "service/svc_import.h"
#include "service/svc_survey.h"
#include "service/svc_users.h"
#include "web/router.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_web_children.h"

static const char password[] = "a long enough password";
static time_t fake_now = 1900000000;
/* Each sign-in a minute after the one before, so that the per-address limit
 * is met only where a test means it to be. */
static bool spread_sign_ins = true;
/* The folder of the next request's multipart upload, as web/server.c would
 * have written it; NULL: none. */
static const char *next_upload_dir;

static time_t test_clock(void)
{
    return fake_now;
}

typedef struct Fixture {
    char dir[64], db[96];
    AppContext *ctx;
    WebApp app;
    Actor admin;
    char tokens[16][WEB_SESSION_TOKEN_HEX + 1]; /* by svc_roles index */
    char csrf[16][WEB_SESSION_TOKEN_HEX + 1];
    char (*codes)[SURVEY_CODE_TEXT]; /* of the survey round "Matrix": one per role, and one more */
} Fixture;

static void add_episode(Dataset *ds, Date decom, Date dec)
{
    Episode e = {.decom = decom, .dec = dec};
    DATASET_SET_CODE(e.rne, "S");
    DATASET_SET_CODE(e.ls, "C2");
    DATASET_SET_CODE(e.cin, "N1");
    DATASET_SET_CODE(e.place, "U4");
    dataset_add_episode(ds, &e);
}

/* Two children, A and B, in place of the (empty) database's snapshot. */
static void use_made_up_snapshot(WebApp *app)
{
    WebSnapshot *snap = calloc(1, sizeof *snap);
    dataset_add_child(&snap->ds, "A", "1", date_from_ymd(2012, 5, 10), "WBRI");
    add_episode(&snap->ds, date_from_ymd(2024, 1, 1), DATE_NONE);
    dataset_add_child(&snap->ds, "B", "2", date_from_ymd(2016, 9, 1), "WBRI");
    add_episode(&snap->ds, date_from_ymd(2025, 6, 1), DATE_NONE);
    snap->ds.commit = 0; /* built by hand (domain/dataset.h): any load replaces it */
    snap->refs = 1;
    web_app_release(app, app->snapshot);
    app->snapshot = snap;
}

static void call(Fixture *f, const char *method, const char *path, const char *token,
                 const char *csrf, const char *body, WebResponse *res)
{
    WebRequest req = {.method = method,
                      .path = path,
                      .session = token,
                      .csrf = csrf,
                      .origin = "127.0.0.1",
                      .body = body,
                      .body_len = body ? strlen(body) : 0,
                      .upload_dir = next_upload_dir};
    next_upload_dir = NULL;
    char *query = strchr(path, '?');
    char copy[256];
    if (query) {
        snprintf(copy, sizeof copy, "%s", path);
        copy[query - path] = '\0';
        req.path = copy;
        for (char *save, *p = strtok_r(copy + (query - path) + 1, "&", &save); p;
             p = strtok_r(NULL, "&", &save)) {
            char *eq = strchr(p, '=');
            if (eq) *eq = '\0';
            req.params[req.n_params++] = (WebParam){p, eq ? eq + 1 : ""};
        }
    }
    if (spread_sign_ins && strcmp(method, "POST") == 0 &&
        (strcmp(req.path, "/api/v1/session") == 0 ||
         strcmp(req.path, "/api/v1/survey/session") == 0))
        fake_now += 61;
    web_router_handle(&f->app, &req, res);
}

static json_t *body_json(const WebResponse *res)
{
    json_t *doc = json_loadb(res->body, res->body_len, 0, NULL);
    assert_non_null(doc);
    return doc;
}

/* Signs in as user (origin varies so the per-address limit is not met). */
static int sign_in(Fixture *f, const char *user, const char *pw, char *token, char *csrf)
{
    char body[200];
    snprintf(body, sizeof body, "{\"username\": \"%s\", \"password\": \"%s\"}", user, pw);
    WebResponse res;
    call(f, "POST", "/api/v1/session", NULL, NULL, body, &res);
    int status = res.status;
    if (status == 200) {
        sscanf(res.set_cookie, "cp_session=%64[0-9a-f]", token);
        json_t *doc = body_json(&res);
        snprintf(csrf, WEB_SESSION_TOKEN_HEX + 1, "%s",
                 json_string_value(json_object_get(json_object_get(doc, "data"), "csrf")));
        json_decref(doc);
    }
    web_response_free(&res);
    return status;
}

/* Header rows of A and B in the database, so that records can be imported
 * for them. */
static int import_headers(Fixture *f, Err *err)
{
    Actor actor;
    return web_children_import(f->ctx, f->dir, f->db, actor_named(&actor, "setup"), err);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/cp_web_XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    snprintf(f->db, sizeof f->db, "%s/db", f->dir);
    Err err;
    if (context_load(NULL, &f->ctx, &err) < 0) return -1;
    if (import_headers(f, &err) < 0) return -1;
    actor_named(&f->admin, "setup");
    for (int i = 0; i < svc_n_roles; i++) {
        UserChange u = {.name = svc_roles[i].name,
                        .role = svc_roles[i].name,
                        .password = password,
                        .disabled = -1};
        if (svc_user_add(f->db, &u, &f->admin, &err) < 0) return -1;
    }
    svc_user_allocate(f->db, "social_worker", "A", &f->admin, &err);
    svc_user_allocate(f->db, "reviewing_officer", "A", &f->admin, &err);
    svc_user_allocate(f->db, "personal_adviser", "A", &f->admin, &err);
    SurveyRoundRequest round = {"Matrix", 2026, DATE_NONE};
    if (svc_survey_round_add(f->db, &round, &f->admin, &err) < 0 ||
        svc_survey_codes(f->db, "Matrix", svc_n_roles + 1, &f->admin, &f->codes, &err) < 0)
        return -1;
    f->app.clock = test_clock;
    if (web_app_open(&f->app, f->db, f->ctx, &err) < 0) return -1;
    use_made_up_snapshot(&f->app);
    for (int i = 0; i < svc_n_roles; i++)
        if (sign_in(f, svc_roles[i].name, password, f->tokens[i], f->csrf[i]) != 200) return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    web_app_close(&f->app);
    context_free(f->ctx);
    free(f->codes);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    if (system(cmd) != 0) return -1;
    free(f);
    return 0;
}

/* A request for each route of the table: its concrete path and body. */
typedef struct MatrixCall {
    const char *method, *pattern, *path, *body;
    int ok; /* the status of success; 0: 200 */
} MatrixCall;

static const MatrixCall matrix[] = {
    {"GET", "/api/v1/openapi.json", "/api/v1/openapi.json", NULL, 0},
    {"POST", "/api/v1/session", "/api/v1/session", "ROLE", 0},
    {"DELETE", "/api/v1/session", "/api/v1/session", NULL, 0},
    {"GET", "/api/v1/me", "/api/v1/me", NULL, 0},
    {"GET", "/api/v1/worklist", "/api/v1/worklist?at=2026-03-31", NULL, 0},
    {"GET", "/api/v1/children", "/api/v1/children", NULL, 0},
    {"GET", "/api/v1/children/{id}", "/api/v1/children/A?at=2026-03-31", NULL, 0},
    {"POST", "/api/v1/children/{id}/records", "/api/v1/children/A/records", "RECORD", 201},
    {"PUT", "/api/v1/children/{id}/records", "/api/v1/children/A/records", "CORRECT", 0},
    {"GET", "/api/v1/children/{id}/corrections", "/api/v1/children/A/corrections", NULL, 0},
    {"GET", "/api/v1/profile", "/api/v1/profile?at=2026-03-31", NULL, 0},
    {"GET", "/api/v1/scorecard", "/api/v1/scorecard?year=2025/26", NULL, 0},
    {"GET", "/api/v1/pack", "/api/v1/pack?quarter=2026Q1", NULL, 0},
    {"GET", "/api/v1/forecast", "/api/v1/forecast?from=2026-03-31&runs=20&backtest_runs=0", NULL,
     0},
    {"GET", "/api/v1/forecasts", "/api/v1/forecasts", NULL, 0},
    /* each role keeps a scenario of its own; the administrator's is read */
    {"POST", "/api/v1/forecasts", "/api/v1/forecasts", "FORECAST", 201},
    {"GET", "/api/v1/forecasts/{id}", "/api/v1/forecasts/scenario%200", NULL, 0},
    {"GET", "/api/v1/leavers", "/api/v1/leavers?at=2026-03-31", NULL, 0},
    {"GET", "/api/v1/compliance", "/api/v1/compliance?from=2025-04-01&to=2026-03-31", NULL, 0},
    {"POST", "/api/v1/imports", "/api/v1/imports", "UPLOAD", 0},
    {"GET", "/api/v1/validation", "/api/v1/validation?year=2025/26", NULL, 0},
    {"POST", "/api/v1/survey/session", "/api/v1/survey/session", "SURVEY_SESSION", 0},
    {"GET", "/api/v1/survey/questions", "/api/v1/survey/questions?version=under_8", NULL, 0},
    {"POST", "/api/v1/survey/answers", "/api/v1/survey/answers", "SURVEY_ANSWERS", 0},
    {"GET", "/api/v1/survey/results", "/api/v1/survey/results?round=Matrix", NULL, 0},
    {"GET", "/api/v1/survey/rounds", "/api/v1/survey/rounds", NULL, 0},
    {"POST", "/api/v1/survey/rounds", "/api/v1/survey/rounds", "SURVEY_ROUND", 201},
    {"POST", "/api/v1/survey/codes", "/api/v1/survey/codes", "SURVEY_CODES", 201},
    {"GET", "/api/v1/indicators", "/api/v1/indicators", NULL, 0},
    {"GET", "/api/v1/calendar", "/api/v1/calendar?from=2026-01-01&to=2026-01-31", NULL, 0},
    {"GET", "/api/v1/governance/due", "/api/v1/governance/due?at=2026-03-31", NULL, 0},
    {"GET", "/api/v1/governance/participation", "/api/v1/governance/participation?at=2026-03-31",
     NULL, 0},
    {"GET", "/api/v1/governance/tables/{id}", "/api/v1/governance/tables/issues", NULL, 0},
    {"POST", "/api/v1/governance/tables/{id}", "/api/v1/governance/tables/issues", "ISSUE", 201},
    {"GET", "/api/v1/you-said", "/api/v1/you-said", NULL, 0},
};
enum { N_MATRIX = sizeof matrix / sizeof matrix[0] };

static const MatrixCall *matrix_call(const WebRoute *r)
{
    for (int i = 0; i < N_MATRIX; i++)
        if (strcmp(matrix[i].method, r->method) == 0 && strcmp(matrix[i].pattern, r->pattern) == 0)
            return &matrix[i];
    return NULL;
}

static bool role_may(const Role *role, unsigned cap)
{
    if (cap == WEB_PUBLIC || cap == WEB_SIGNED_IN) return true;
    return (role->capabilities & cap) == cap;
}

/* The body of a survey route for the role of index i: a code of its own to
 * answer with (each works once), the spare code to start a session with (it
 * is only checked), a round of its own to open. */
static void survey_body(const Fixture *f, const char *kind, int i, char *body, size_t size)
{
    if (strcmp(kind, "SURVEY_SESSION") == 0)
        snprintf(body, size, "{\"code\": \"%s\"}", f->codes[svc_n_roles]);
    else if (strcmp(kind, "SURVEY_ANSWERS") == 0)
        snprintf(body, size,
                 "{\"code\": \"%s\", \"version\": \"under_8\", \"answers\": "
                 "{\"survey_know_me\": \"always\"}}",
                 f->codes[i]);
    else if (strcmp(kind, "SURVEY_ROUND") == 0)
        snprintf(body, size, "{\"name\": \"round %d\", \"year\": 2026}", i);
    else
        snprintf(body, size, "{\"round\": \"Matrix\", \"count\": 2}");
}

static void test_every_route_as_every_role(void **state)
{
    Fixture *f = *state;
    for (int r = 0; r < web_n_routes; r++) {
        const WebRoute *route = &web_routes[r];
        const MatrixCall *m = matrix_call(route);
        if (!m) fail_msg("route %s %s is missing from the matrix", route->method, route->pattern);
        for (int i = 0; i < svc_n_roles; i++) {
            const Role *role = &svc_roles[i];
            char token[WEB_SESSION_TOKEN_HEX + 1], csrf[WEB_SESSION_TOKEN_HEX + 1];
            memcpy(token, f->tokens[i], sizeof token);
            memcpy(csrf, f->csrf[i], sizeof csrf);
            char body[256] = "";
            if (m->body && strcmp(m->body, "ROLE") == 0)
                snprintf(body, sizeof body, "{\"username\": \"%s\", \"password\": \"%s\"}",
                         role->name, password);
            else if (m->body && strncmp(m->body, "SURVEY", 6) == 0)
                survey_body(f, m->body, i, body, sizeof body);
            else if (m->body && strcmp(m->body, "CORRECT") == 0)
                /* The visit the POST row recorded as this role, corrected. */
                snprintf(body, sizeof body,
                         "{\"kind\": \"visit\", \"date\": \"2026-03-0%d\", \"seen_alone\": "
                         "\"no\", \"version\": 1, \"reason\": \"entered wrongly\"}",
                         i + 1);
            else if (m->body && strcmp(m->body, "FORECAST") == 0)
                snprintf(body, sizeof body,
                         "{\"name\": \"scenario %d\", \"from\": \"2026-03-31\", \"runs\": 20, "
                         "\"backtest_runs\": 0, \"adjust\": "
                         "\"what,legal_status,multiply\\nentrants,care_order,1.1\\n\"}",
                         i);
            else if (m->body && strcmp(m->body, "ISSUE") == 0)
                snprintf(body, sizeof body,
                         "{\"raised_on\": \"2026-03-0%d\", \"issue\": \"Asked by %s\"}", i + 1,
                         role->name);
            else if (m->body)
                snprintf(
                    body, sizeof body,
                    "{\"kind\": \"visit\", \"date\": \"2026-03-0%d\", \"seen_alone\": \"yes\"}",
                    i + 1);
            /* Signing out ends the session: use one of its own. */
            if (strcmp(route->method, "DELETE") == 0)
                assert_int_equal(sign_in(f, role->name, password, token, csrf), 200);
            bool upload = m->body && strcmp(m->body, "UPLOAD") == 0;
            char dir[128];
            snprintf(dir, sizeof dir, "%s/2025-26", f->dir);
            if (upload) next_upload_dir = dir;
            WebResponse res;
            call(f, m->method, m->path, token, csrf, m->body && !upload ? body : NULL, &res);
            int expected = !role_may(role, route->capability) ? 403 : m->ok ? m->ok : 200;
            if (res.status != expected)
                fail_msg("%s %s as %s: %d, expected %d: %.*s", m->method, m->path, role->name,
                         res.status, expected, (int)res.body_len, res.body);
            web_response_free(&res);
        }
    }
    assert_int_equal(web_n_routes, N_MATRIX);
}

static void expect_error(Fixture *f, const char *method, const char *path, const char *token,
                         const char *csrf, const char *body, int status, const char *code)
{
    WebResponse res;
    call(f, method, path, token, csrf, body, &res);
    assert_int_equal(res.status, status);
    json_t *doc = body_json(&res);
    json_t *error = json_object_get(doc, "error");
    assert_int_equal(json_integer_value(json_object_get(error, "status")), status);
    assert_string_equal(json_string_value(json_object_get(error, "code")), code);
    assert_non_null(json_string_value(json_object_get(error, "message")));
    json_decref(doc);
    web_response_free(&res);
}

static void test_bad_requests_get_the_envelope(void **state)
{
    Fixture *f = *state;
    const char *admin = f->tokens[0], *csrf = f->csrf[0];
    expect_error(f, "GET", "/api/v1/nowhere", admin, NULL, NULL, 404, "not_found");
    expect_error(f, "PUT", "/api/v1/children", admin, NULL, NULL, 405, "method_not_allowed");
    expect_error(f, "POST", "/api/v1/session", NULL, NULL, "{\"username\": ", 400, "invalid");
    expect_error(f, "POST", "/api/v1/session", NULL, NULL, "[1, 2]", 400, "invalid");
    expect_error(f, "POST", "/api/v1/session", NULL, NULL, "{\"username\": 3}", 400, "invalid");
    expect_error(f, "GET", "/api/v1/worklist?at=2026-02-30", admin, NULL, NULL, 400, "invalid");
    expect_error(f, "GET", "/api/v1/children?per_page=0", admin, NULL, NULL, 400, "invalid");
    expect_error(f, "GET", "/api/v1/children/NOBODY", admin, NULL, NULL, 404, "not_found");
    expect_error(f, "GET", "/api/v1/me", NULL, NULL, NULL, 401, "unauthorized");
    expect_error(f, "GET", "/api/v1/me", "0123", NULL, NULL, 401, "unauthorized");
    /* A forged or missing CSRF token changes nothing: the session lives on. */
    expect_error(f, "DELETE", "/api/v1/session", admin, NULL, NULL, 403, "csrf");
    char forged[WEB_SESSION_TOKEN_HEX + 1];
    memcpy(forged, csrf, sizeof forged);
    forged[0] = forged[0] == 'a' ? 'b' : 'a';
    expect_error(f, "DELETE", "/api/v1/session", admin, forged, NULL, 403, "csrf");
    WebResponse res;
    call(f, "GET", "/api/v1/me", admin, NULL, NULL, &res);
    assert_int_equal(res.status, 200);
    web_response_free(&res);
    /* An oversized body is refused before anything reads it. */
    WebRequest big = {.method = "POST", .path = "/api/v1/session", .body_too_large = true};
    web_router_handle(&f->app, &big, &res);
    assert_int_equal(res.status, 413);
    web_response_free(&res);
}

static void test_caseload_and_etag(void **state)
{
    Fixture *f = *state;
    int sw = 2; /* social_worker, allocated A only */
    assert_string_equal(svc_roles[sw].name, "social_worker");
    WebResponse res;
    call(f, "GET", "/api/v1/children", f->tokens[sw], NULL, NULL, &res);
    json_t *doc = body_json(&res);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "meta"), "total")), 1);
    char etag[32];
    snprintf(etag, sizeof etag, "\"c%lld\"", f->app.snapshot->ds.commit);
    assert_string_equal(res.etag, etag);
    json_decref(doc);
    web_response_free(&res);
    expect_error(f, "GET", "/api/v1/children/B", f->tokens[sw], NULL, NULL, 404, "not_found");
    /* The caseload's worklist (worked out child by child) is the whole
     * worklist's items of those children: on the made-up history, where A and
     * B are in care (the database's has no episodes), then back. */
    use_made_up_snapshot(&f->app);
    call(f, "GET", "/api/v1/worklist?at=2026-03-31&per_page=500", f->tokens[sw], NULL, NULL, &res);
    json_t *mine_doc = body_json(&res), *mine = json_object_get(mine_doc, "data");
    web_response_free(&res);
    call(f, "GET", "/api/v1/worklist?at=2026-03-31&per_page=500", f->tokens[0], NULL, NULL, &res);
    json_t *all_doc = body_json(&res), *all = json_object_get(all_doc, "data"),
           *of_a = json_array();
    web_response_free(&res);
    for (size_t i = 0; i < json_array_size(all); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(all, i), "child")), "A") == 0)
            json_array_append(of_a, json_array_get(all, i));
    assert_true(json_array_size(of_a) > 0);
    assert_true(json_equal(mine, of_a));
    json_decref(of_a);
    json_decref(mine_doc);
    json_decref(all_doc);
    Err err;
    assert_int_equal(web_app_reload(&f->app, &err), 0);
    WebRequest req = {.method = "GET",
                      .path = "/api/v1/children",
                      .session = f->tokens[sw],
                      .if_none_match = etag};
    web_router_handle(&f->app, &req, &res);
    assert_int_equal(res.status, 304);
    web_response_free(&res);
}

/* The data of the worklist at path as the user of token. */
static json_t *worklist_data(Fixture *f, const char *path, const char *token)
{
    WebResponse res;
    call(f, "GET", path, token, NULL, NULL, &res);
    assert_int_equal(res.status, 200);
    json_t *doc = body_json(&res);
    json_t *data = json_incref(json_object_get(doc, "data"));
    json_decref(doc);
    web_response_free(&res);
    return data;
}

/* A worklist is kept with the snapshot by caseload and question: asked
 * again it is the same, another page or date or caseload is not the one
 * kept, and a new snapshot starts with none kept. */
static void test_worklists_kept_per_caseload(void **state)
{
    Fixture *f = *state;
    int sw = 2;
    use_made_up_snapshot(&f->app);
    assert_int_equal(f->app.snapshot->n_answers, 0);
    const char *first = "/api/v1/worklist?at=2026-03-31&per_page=1";
    json_t *mine = worklist_data(f, first, f->tokens[sw]);
    assert_int_equal(f->app.snapshot->n_answers, 1);
    json_t *again = worklist_data(f, first, f->tokens[sw]);
    assert_true(json_equal(mine, again));
    assert_int_equal(f->app.snapshot->n_answers, 1); /* answered from the one kept */
    json_t *second =
        worklist_data(f, "/api/v1/worklist?at=2026-03-31&per_page=1&page=2", f->tokens[sw]);
    json_t *later = worklist_data(f, "/api/v1/worklist?at=2026-12-31&per_page=1", f->tokens[sw]);
    json_t *everyone =
        worklist_data(f, "/api/v1/worklist?at=2026-03-31&per_page=500", f->tokens[0]);
    assert_int_equal(f->app.snapshot->n_answers, 4);
    assert_int_equal(json_array_size(mine), 1);
    assert_false(json_equal(mine, second));
    assert_false(json_equal(mine, later));
    assert_true(json_array_size(everyone) > json_array_size(mine));
    json_decref(mine);
    json_decref(again);
    json_decref(second);
    json_decref(later);
    json_decref(everyone);
    Err err;
    assert_int_equal(web_app_reload(&f->app, &err), 0);
    /* The new snapshot keeps no caseload's worklist: only every child's,
     * asked again of it before the swap (web/prepare.h). */
    assert_int_equal(f->app.snapshot->n_answers, 1);
    assert_string_equal(f->app.snapshot->answers[0].again,
                        "/api/v1/worklist?at=2026-03-31&overdue=0&page=1&per_page=500");
}

/* The data and meta of GET path as the user of token (200 expected). */
static json_t *answer_of(Fixture *f, const char *path, const char *token)
{
    WebResponse res;
    call(f, "GET", path, token, NULL, NULL, &res);
    assert_int_equal(res.status, 200);
    json_t *doc = body_json(&res);
    web_response_free(&res);
    return doc;
}

static long long commit_of(json_t *doc)
{
    return json_integer_value(json_object_get(json_object_get(doc, "meta"), "commit"));
}

/* An import through the API swaps in a snapshot whose costly answers were
 * worked out before the swap: the first readers after it of what the old
 * snapshot was asked (this year's scorecard unpublished and published, every
 * child's worklist) work nothing out, and what they read is the new
 * history's. */
static void test_new_snapshot_prepared_before_the_swap(void **state)
{
    Fixture *f = *state;
    int admin = 0, analyst = 5, councillor = 6;
    assert_string_equal(svc_roles[councillor].name, "councillor");
    Err err;
    assert_int_equal(web_app_reload(&f->app, &err), 0); /* the database's history */
    const char *card = "/api/v1/scorecard?year=2025/26";
    const char *everyone = "/api/v1/worklist?at=2026-03-31&per_page=500";
    json_t *card_before = answer_of(f, card, f->tokens[admin]);
    json_decref(answer_of(f, "/api/v1/scorecard", f->tokens[councillor])); /* published */
    json_t *work_before = answer_of(f, everyone, f->tokens[admin]);
    /* B comes into care: an episode of B, uploaded. */
    char dir[128], path[160];
    snprintf(dir, sizeof dir, "%s/swap", f->dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(dir, sizeof dir, "%s/swap/2025-26", f->dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof path, "%s/episodes.csv", dir);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fprintf(out, "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                 "HOME_POST,PL_POST,URN\nB,01/06/2025,S,C2,N1,U4,PR1,,,,,,\n");
    fclose(out);
    next_upload_dir = dir;
    json_t *import = NULL;
    WebResponse res;
    call(f, "POST", "/api/v1/imports", f->tokens[analyst], f->csrf[analyst], NULL, &res);
    assert_int_equal(res.status, 200);
    import = body_json(&res);
    web_response_free(&res);
    long long commit = commit_of(import);
    json_decref(import);
    assert_true(commit > commit_of(card_before));

    WebSnapshot *snap = f->app.snapshot;
    assert_int_equal(snap->ds.commit, commit);
    int prepared = atomic_load(&snap->worked_out);
    assert_int_equal(snap->prepared, prepared);
    assert_true(prepared >= 3); /* the year's cards asked, every child's worklist */
    json_t *card_after = answer_of(f, card, f->tokens[admin]);
    json_t *published = answer_of(f, "/api/v1/scorecard", f->tokens[councillor]);
    json_t *default_year = answer_of(f, "/api/v1/scorecard", f->tokens[admin]);
    json_t *work_after = answer_of(f, everyone, f->tokens[admin]);
    assert_int_equal(atomic_load(&snap->worked_out), prepared); /* none worked out now */
    assert_int_equal(commit_of(card_after), commit);
    assert_int_equal(commit_of(published), commit);
    assert_int_equal(commit_of(work_after), commit);
    assert_true(json_is_true(json_object_get(json_object_get(published, "meta"), "published")));
    assert_true(json_equal(card_after, default_year)); /* the history ends in 2025/26 */
    assert_false(json_equal(json_object_get(work_before, "data"),
                            json_object_get(work_after, "data"))); /* B's items are due */

    /* A question no one asked of the old snapshot is worked out by its reader. */
    json_decref(answer_of(f, "/api/v1/scorecard?year=2023/24", f->tokens[admin]));
    assert_int_equal(atomic_load(&snap->worked_out), prepared + 1);
    prepared++;
    /* The prepared card is the one a reader works out on the new history. */
    pthread_mutex_lock(&snap->cache_lock);
    for (int i = 0; i < snap->n_cards; i++) free(snap->cards[i].body);
    snap->n_cards = 0;
    pthread_mutex_unlock(&snap->cache_lock);
    json_t *worked = answer_of(f, card, f->tokens[admin]);
    assert_int_equal(atomic_load(&snap->worked_out), prepared + 1);
    assert_true(json_equal(worked, card_after));
    json_decref(worked);
    json_decref(card_before);
    json_decref(work_before);
    json_decref(card_after);
    json_decref(published);
    json_decref(default_year);
    json_decref(work_after);
}

/* The matrix recorded visits of A (as each role that may): the snapshot was
 * reloaded, so the child's page shows them at once. */
static void test_recorded_visits_are_read_at_once(void **state)
{
    Fixture *f = *state;
    WebResponse res;
    call(f, "GET", "/api/v1/children/A", f->tokens[0], NULL, NULL, &res);
    json_t *doc = body_json(&res);
    json_t *records = json_object_get(json_object_get(doc, "data"), "records");
    assert_int_equal(json_array_size(records), 4);
    assert_string_equal(json_string_value(json_object_get(json_array_get(records, 0), "kind")),
                        "visit");
    json_decref(doc);
    web_response_free(&res);
    expect_error(f, "POST", "/api/v1/children/A/records", f->tokens[0], f->csrf[0],
                 "{\"kind\": \"sdq\", \"date\": \"2026-03-09\", \"sdq_score\": 99}", 400,
                 "invalid");
    expect_error(f, "POST", "/api/v1/children/A/records", f->tokens[0], f->csrf[0],
                 "{\"kind\": \"walk\", \"date\": \"2026-03-09\"}", 400, "invalid");
}

/* A PUT of body as the administrator: its status, and the JSON answered in *doc. */
static int correct(Fixture *f, const char *body, json_t **doc)
{
    WebResponse res;
    call(f, "PUT", "/api/v1/children/A/records", f->tokens[0], f->csrf[0], body, &res);
    int status = res.status;
    *doc = body_json(&res);
    web_response_free(&res);
    return status;
}

static const char *error_field(json_t *doc, const char *name)
{
    return json_string_value(json_object_get(json_object_get(doc, "error"), name));
}

/* The matrix corrected each visit it recorded once (version 2). A stale
 * version, a bad value, no reason or a date-only kind change nothing; a good
 * correction keeps the earlier value, who and why, and its audit row. */
static void test_corrections_keep_history(void **state)
{
    Fixture *f = *state;
    json_t *doc;
    long long commit = f->app.snapshot->ds.commit;
    assert_int_equal(correct(f,
                             "{\"kind\": \"visit\", \"date\": \"2026-03-01\", \"seen_alone\": "
                             "\"yes\", \"version\": 1, \"reason\": \"stale page\"}",
                             &doc),
                     409);
    assert_string_equal(error_field(doc, "code"), "conflict");
    assert_non_null(strstr(error_field(doc, "message"), "at version 2, not 1"));
    json_decref(doc);
    assert_int_equal(correct(f,
                             "{\"kind\": \"visit\", \"date\": \"2026-03-01\", \"seen_alone\": "
                             "\"maybe\", \"version\": 2, \"reason\": \"typo\"}",
                             &doc),
                     400);
    assert_string_equal(error_field(doc, "field"), "seen_alone");
    assert_string_equal(error_field(doc, "message"), "'maybe' is not one of yes|no");
    json_decref(doc);
    assert_int_equal(correct(f,
                             "{\"kind\": \"visit\", \"date\": \"2026-03-01\", \"seen_alone\": "
                             "\"yes\", \"version\": 2}",
                             &doc),
                     400);
    assert_string_equal(error_field(doc, "field"), "reason");
    json_decref(doc);
    assert_int_equal(correct(f,
                             "{\"kind\": \"dental_check\", \"date\": \"2026-03-01\", "
                             "\"version\": 1, \"reason\": \"x\"}",
                             &doc),
                     400);
    assert_string_equal(error_field(doc, "field"), "new_date"); /* only a date: give new_date */
    json_decref(doc);
    assert_int_equal(correct(f,
                             "{\"kind\": \"visit\", \"date\": \"2026-02-01\", \"seen_alone\": "
                             "\"yes\", \"version\": 1, \"reason\": \"none there\"}",
                             &doc),
                     404);
    json_decref(doc);
    assert_int_equal(f->app.snapshot->ds.commit, commit); /* nothing written */

    assert_int_equal(correct(f,
                             "{\"kind\": \"visit\", \"date\": \"2026-03-01\", \"seen_alone\": "
                             "\"YES\", \"version\": 2, \"reason\": \"seen alone after all\"}",
                             &doc),
                     200);
    json_t *data = json_object_get(doc, "data");
    assert_int_equal(json_integer_value(json_object_get(data, "version")), 3);
    assert_string_equal(json_string_value(json_object_get(data, "old_value")), "no");
    assert_string_equal(json_string_value(json_object_get(data, "new_value")), "yes");
    long long seq = json_integer_value(json_object_get(data, "audit_seq"));
    json_decref(doc);
    assert_true(f->app.snapshot->ds.commit > commit); /* reloaded at once */

    WebResponse res;
    call(f, "GET", "/api/v1/children/A/corrections", f->tokens[0], NULL, NULL, &res);
    doc = body_json(&res);
    json_t *list = json_object_get(doc, "data");
    assert_int_equal(json_array_size(list), 5); /* the matrix's 4 and this one */
    json_t *last = json_array_get(list, 1);     /* 2026-03-01: version 2, then 3 */
    assert_string_equal(json_string_value(json_object_get(last, "date")), "2026-03-01");
    assert_int_equal(json_integer_value(json_object_get(last, "version")), 3);
    assert_string_equal(json_string_value(json_object_get(last, "changed_by")), "administrator");
    assert_string_equal(json_string_value(json_object_get(last, "reason")), "seen alone after all");
    json_decref(doc);
    web_response_free(&res);

    AuditEntry *rows;
    int n;
    Err err;
    assert_int_equal(svc_audit_show(f->db, "A", NULL, &f->admin, &rows, &n, &err), 0);
    bool found = false;
    for (int i = 0; i < n; i++)
        if (rows[i].seq == seq) found = strcmp(rows[i].action, "correct visit 2026-03-01") == 0;
    free(rows);
    assert_true(found);
    AuditVerify v;
    assert_int_equal(svc_audit_verify(f->db, &f->admin, &v, &err), 0);
    assert_int_equal(v.first_bad, 0);
}

/* Whether A's records in the snapshot, as the API answers them, hold one of
 * kind on date. */
static bool child_has_record(Fixture *f, const char *kind, const char *date)
{
    WebResponse res;
    call(f, "GET", "/api/v1/children/A", f->tokens[0], NULL, NULL, &res);
    json_t *doc = body_json(&res);
    json_t *records = json_object_get(json_object_get(doc, "data"), "records");
    bool found = false;
    for (size_t i = 0; i < json_array_size(records); i++) {
        json_t *r = json_array_get(records, i);
        found |= strcmp(json_string_value(json_object_get(r, "kind")), kind) == 0 &&
                 strcmp(json_string_value(json_object_get(r, "date")), date) == 0;
    }
    json_decref(doc);
    web_response_free(&res);
    return found;
}

static void record_dental_check(Fixture *f, const char *date)
{
    char body[128];
    snprintf(body, sizeof body, "{\"kind\": \"dental_check\", \"date\": \"%s\"}", date);
    WebResponse res;
    call(f, "POST", "/api/v1/children/A/records", f->tokens[0], f->csrf[0], body, &res);
    assert_int_equal(res.status, 201);
    web_response_free(&res);
}

/* A record of a date alone (a dental check) has its date corrected: the
 * record moves, the history keeps the date it had, the audit row commits
 * with it, and the snapshot shows it at once. A stale version, a date taken
 * by another record of the kind, the same date, or a value with the date
 * change nothing. A visit's date moves too, its corrections with it. */
static void test_date_only_records_are_corrected(void **state)
{
    Fixture *f = *state;
    record_dental_check(f, "2026-03-05");
    record_dental_check(f, "2026-03-07");
    json_t *doc;
    long long commit = f->app.snapshot->ds.commit;
    static const struct {
        const char *body;
        int status;
        const char *field;
    } refused[] = {
        {"{\"kind\": \"dental_check\", \"date\": \"2026-03-05\", \"new_date\": \"2026-03-06\", "
         "\"version\": 2, \"reason\": \"stale\"}",
         409, NULL},
        {"{\"kind\": \"dental_check\", \"date\": \"2026-03-05\", \"new_date\": \"2026-03-07\", "
         "\"version\": 1, \"reason\": \"taken\"}",
         409, NULL},
        {"{\"kind\": \"dental_check\", \"date\": \"2026-03-05\", \"new_date\": \"2026-03-05\", "
         "\"version\": 1, \"reason\": \"same\"}",
         409, NULL},
        {"{\"kind\": \"dental_check\", \"date\": \"2026-03-05\", \"new_date\": \"2026-02-30\", "
         "\"version\": 1, \"reason\": \"no such day\"}",
         400, "new_date"},
        {"{\"kind\": \"dental_check\", \"date\": \"2026-03-04\", \"new_date\": \"2026-03-06\", "
         "\"version\": 1, \"reason\": \"none there\"}",
         404, NULL},
        {"{\"kind\": \"visit\", \"date\": \"2026-03-01\", \"new_date\": \"2026-03-06\", "
         "\"seen_alone\": \"no\", \"version\": 3, \"reason\": \"both\"}",
         400, "new_date"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        assert_int_equal(correct(f, refused[i].body, &doc), refused[i].status);
        if (refused[i].field) assert_string_equal(error_field(doc, "field"), refused[i].field);
        json_decref(doc);
    }
    assert_int_equal(f->app.snapshot->ds.commit, commit); /* nothing written */

    assert_int_equal(correct(f,
                             "{\"kind\": \"dental_check\", \"date\": \"2026-03-05\", "
                             "\"new_date\": \"2026-03-06\", \"version\": 1, \"reason\": "
                             "\"the dentist's letter gives the 6th\"}",
                             &doc),
                     200);
    json_t *data = json_object_get(doc, "data");
    assert_string_equal(json_string_value(json_object_get(data, "field")), "date");
    assert_string_equal(json_string_value(json_object_get(data, "date")), "2026-03-06");
    assert_string_equal(json_string_value(json_object_get(data, "old_value")), "2026-03-05");
    assert_string_equal(json_string_value(json_object_get(data, "new_value")), "2026-03-06");
    assert_int_equal(json_integer_value(json_object_get(data, "version")), 2);
    long long seq = json_integer_value(json_object_get(data, "audit_seq"));
    json_decref(doc);
    assert_true(child_has_record(f, "dental_check", "2026-03-06"));
    assert_false(child_has_record(f, "dental_check", "2026-03-05"));
    /* The page it was read from is stale now: version 1 is refused. */
    assert_int_equal(correct(f,
                             "{\"kind\": \"dental_check\", \"date\": \"2026-03-06\", "
                             "\"new_date\": \"2026-03-08\", \"version\": 1, \"reason\": \"x\"}",
                             &doc),
                     409);
    json_decref(doc);

    /* The visit of 2026-03-01 (version 3) moves with its two corrections; not
     * onto 2026-03-02, which has a visit of its own. */
    assert_int_equal(correct(f,
                             "{\"kind\": \"visit\", \"date\": \"2026-03-01\", \"new_date\": "
                             "\"2026-03-02\", \"version\": 3, \"reason\": \"wrong day\"}",
                             &doc),
                     409);
    assert_non_null(strstr(error_field(doc, "message"), "already has a visit on 2026-03-02"));
    json_decref(doc);
    assert_int_equal(correct(f,
                             "{\"kind\": \"visit\", \"date\": \"2026-03-01\", \"new_date\": "
                             "\"2026-03-08\", \"version\": 3, \"reason\": \"wrong day\"}",
                             &doc),
                     200);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "data"), "version")),
                     4);
    json_decref(doc);
    assert_true(child_has_record(f, "visit", "2026-03-08"));

    WebResponse res;
    call(f, "GET", "/api/v1/children/A/corrections", f->tokens[0], NULL, NULL, &res);
    doc = body_json(&res);
    json_t *list = json_object_get(doc, "data");
    int dental = 0, visit = 0;
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *c = json_array_get(list, i);
        const char *kind = json_string_value(json_object_get(c, "kind"));
        const char *date = json_string_value(json_object_get(c, "date"));
        if (strcmp(kind, "dental_check") == 0) {
            dental++;
            assert_string_equal(date, "2026-03-06");
            assert_string_equal(json_string_value(json_object_get(c, "field")), "date");
        }
        if (strcmp(kind, "visit") == 0 && strcmp(date, "2026-03-08") == 0) visit++;
    }
    assert_int_equal(dental, 1);
    assert_int_equal(visit, 3); /* versions 2, 3 and the move */
    json_decref(doc);
    web_response_free(&res);

    AuditEntry *rows;
    int n;
    Err err;
    assert_int_equal(svc_audit_show(f->db, "A", NULL, &f->admin, &rows, &n, &err), 0);
    bool found = false;
    for (int i = 0; i < n; i++)
        if (rows[i].seq == seq)
            found =
                strcmp(rows[i].action, "correct dental_check 2026-03-05 date to 2026-03-06") == 0;
    free(rows);
    assert_true(found);
    AuditVerify v;
    assert_int_equal(svc_audit_verify(f->db, &f->admin, &v, &err), 0);
    assert_int_equal(v.first_bad, 0);
}

/* A PUT of a correction of A's record of kind on date, from version, as
 * the administrator: the date moved to new_date, or (new_date NULL) the
 * value set to value. Returns the status, the message in *message. */
static int correct_record(Fixture *f, const char *kind, const char *date, const char *new_date,
                          const char *value_name, const char *value, int version, char message[256])
{
    json_t *body = json_pack("{s:s, s:s, s:i, s:s}", "kind", kind, "date", date, "version", version,
                             "reason", "from a page read earlier");
    if (new_date)
        json_object_set_new(body, "new_date", json_string(new_date));
    else
        json_object_set_new(body, value_name, json_string(value));
    char *text = json_dumps(body, 0);
    json_decref(body);
    json_t *doc;
    int status = correct(f, text, &doc);
    free(text);
    snprintf(message, 256, "%s",
             status == 200                 ? ""
             : error_field(doc, "message") ? error_field(doc, "message")
                                           : "");
    json_decref(doc);
    return status;
}

/* A page read before a record was moved to another date corrects it on the
 * date it no longer has: for every kind, a date or a value correction from
 * that page is the stale page's 409 naming where the record is now (not a
 * 404 "no such record"), and changes nothing. A date no record was ever on
 * stays a 404. */
static void test_stale_page_of_a_moved_record_conflicts(void **state)
{
    Fixture *f = *state;
    static const struct {
        const char *kind, *value_name, *value;
    } kinds[] = {
        {"visit", "seen_alone", "yes"},
        {"health_assessment", "ha_type", "review"},
        {"dental_check", NULL, NULL},
        {"immunisation", "imms_up_to_date", "yes"},
        {"sdq", "sdq_score", "12"},
        {"education_plan", NULL, NULL},
        {"care_plan", NULL, NULL},
        {"needs_assessment", NULL, NULL},
        {"pathway_plan", "pathway_plan_type", "plan"},
        {"pa_contact", "pa_contact_type", "phone"},
        {"visit_regime", "regime", "standard"},
    };
    const char *read_on = "2026-01-10", *moved_to = "2026-01-12";
    char message[256];
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        const char *kind = kinds[k].kind, *name = kinds[k].value_name;
        json_t *record = json_pack("{s:s, s:s}", "kind", kind, "date", read_on);
        if (name) json_object_set_new(record, name, json_string(kinds[k].value));
        char *text = json_dumps(record, 0);
        json_decref(record);
        WebResponse res;
        call(f, "POST", "/api/v1/children/A/records", f->tokens[0], f->csrf[0], text, &res);
        free(text);
        if (res.status != 201) fail_msg("%s: recorded %d", kind, res.status);
        web_response_free(&res);
        /* One page moves it; a second, read before, still has it on read_on
         * at version 1. */
        assert_int_equal(correct_record(f, kind, read_on, moved_to, NULL, NULL, 1, message), 200);
        long long commit = f->app.snapshot->ds.commit;
        int status = correct_record(f, kind, read_on, "2026-01-14", NULL, NULL, 1, message);
        if (status != 409 || !strstr(message, "changed since it was read") ||
            !strstr(message, "moved from 2026-01-10 to 2026-01-12") ||
            !strstr(message, "at version 2, not 1"))
            fail_msg("%s: a stale date correction got %d: %s", kind, status, message);
        if (name) {
            status = correct_record(f, kind, read_on, NULL, name, kinds[k].value, 1, message);
            if (status != 409 || !strstr(message, "moved from 2026-01-10 to 2026-01-12"))
                fail_msg("%s: a stale value correction got %d: %s", kind, status, message);
        }
        assert_int_equal(f->app.snapshot->ds.commit, commit); /* nothing written */
        assert_true(child_has_record(f, kind, moved_to));
        assert_false(child_has_record(f, kind, "2026-01-14"));
        /* A date with no record, then or ever: still not found. */
        assert_int_equal(
            correct_record(f, kind, "2026-01-11", "2026-01-15", NULL, NULL, 1, message), 404);
        assert_non_null(strstr(message, "has no"));
    }
}

enum { APPENDERS = 8, APPENDS_EACH = 40 };

typedef struct Appender {
    Fixture *f;
    int failures;
} Appender;

static void *append_views(void *arg)
{
    Appender *a = arg;
    for (int i = 0; i < APPENDS_EACH; i++) {
        Err err;
        if (svc_audit_append(a->f->app.audit, &a->f->admin, "view child", "A", "127.0.0.9", &err) <
            0)
            a->failures++;
    }
    return NULL;
}

/* Views audited from many threads at once commit in groups: every row is
 * there once, in one unbroken chain, and no more commits are made than rows. */
static void test_audit_group_commit_keeps_the_chain(void **state)
{
    Fixture *f = *state;
    SvcAuditStats before, after;
    svc_audit_stats(f->app.audit, &before);
    pthread_t threads[APPENDERS];
    Appender appenders[APPENDERS];
    for (int i = 0; i < APPENDERS; i++) {
        appenders[i] = (Appender){f, 0};
        assert_int_equal(pthread_create(&threads[i], NULL, append_views, &appenders[i]), 0);
    }
    for (int i = 0; i < APPENDERS; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(appenders[i].failures, 0);
    }
    svc_audit_stats(f->app.audit, &after);
    assert_int_equal(after.rows - before.rows, APPENDERS * APPENDS_EACH);
    assert_true(after.batches - before.batches >= 1);
    assert_true(after.batches - before.batches <= APPENDERS * APPENDS_EACH);
    assert_int_equal(after.waiting, 0);
    AuditEntry *found;
    int n;
    Err err;
    assert_int_equal(svc_audit_show(f->db, NULL, NULL, &f->admin, &found, &n, &err), 0);
    int from_here = 0;
    for (int i = 0; i < n; i++) {
        from_here += strcmp(found[i].origin, "127.0.0.9") == 0;
        assert_int_equal(found[i].seq, found[0].seq + i); /* no gap, no repeat */
    }
    free(found);
    assert_int_equal(from_here, APPENDERS * APPENDS_EACH);
    AuditVerify v;
    assert_int_equal(svc_audit_verify(f->db, &f->admin, &v, &err), 0);
    assert_int_equal(v.first_bad, 0);
    assert_int_equal(v.rows, n);
}

static void test_validation_of_the_stored_return(void **state)
{
    Fixture *f = *state;
    int analyst = 5;
    assert_string_equal(svc_roles[analyst].name, "data_analyst");
    WebResponse res;
    call(f, "GET", "/api/v1/validation?year=2025/26&per_page=1", f->tokens[analyst], NULL, NULL,
         &res);
    assert_int_equal(res.status, 200);
    json_t *doc = body_json(&res);
    json_t *data = json_object_get(doc, "data");
    assert_true(json_array_size(json_object_get(data, "rules")) > 0);
    assert_true(json_array_size(json_object_get(data, "issues")) <= 1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "meta"), "year")),
                     2026);
    json_decref(doc);
    web_response_free(&res);
    expect_error(f, "GET", "/api/v1/validation?year=2025", f->tokens[analyst], NULL, NULL, 400,
                 "invalid");
    /* An import with no files, or a broken upload, changes nothing. */
    expect_error(f, "POST", "/api/v1/imports", f->tokens[analyst], f->csrf[analyst], NULL, 400,
                 "invalid");
}

static void test_views_are_audited_in_a_chain(void **state)
{
    Fixture *f = *state;
    WebResponse res;
    call(f, "GET", "/api/v1/children/A", f->tokens[0], NULL, NULL, &res);
    assert_int_equal(res.status, 200);
    web_response_free(&res);
    AuditEntry *rows;
    int n;
    Err err;
    assert_int_equal(svc_audit_show(f->db, "A", "administrator", &f->admin, &rows, &n, &err), 0);
    assert_true(n >= 1);
    assert_string_equal(rows[n - 1].action, "view child");
    assert_string_equal(rows[n - 1].origin, "127.0.0.1");
    free(rows);
    AuditVerify v;
    assert_int_equal(svc_audit_verify(f->db, &f->admin, &v, &err), 0);
    assert_true(v.rows >= 1);
    assert_int_equal(v.first_bad, 0);
}

/* A view of a child's record that names the snapshot's ETag is still
 * answered in full and audited: a 304 would show a kept copy with no row. */
static void test_conditional_child_view_is_audited(void **state)
{
    Fixture *f = *state;
    WebResponse res;
    call(f, "GET", "/api/v1/children", f->tokens[0], NULL, NULL, &res);
    assert_int_equal(res.status, 200);
    char etag[sizeof res.etag];
    memcpy(etag, res.etag, sizeof etag);
    web_response_free(&res);
    assert_true(etag[0] != '\0');
    Err err;
    AuditEntry *rows;
    int before, after;
    assert_int_equal(svc_audit_show(f->db, "A", "administrator", &f->admin, &rows, &before, &err),
                     0);
    free(rows);
    const char *paths[] = {"/api/v1/children/A", "/api/v1/children/A/corrections"};
    for (int i = 0; i < 2; i++) {
        WebRequest req = {
            .method = "GET", .path = paths[i], .session = f->tokens[0], .if_none_match = etag};
        web_router_handle(&f->app, &req, &res);
        assert_int_equal(res.status, 200);
        assert_true(res.body_len > 0);
        assert_int_equal(res.etag[0], '\0');
        web_response_free(&res);
    }
    assert_int_equal(svc_audit_show(f->db, "A", "administrator", &f->admin, &rows, &after, &err),
                     0);
    free(rows);
    assert_int_equal(after, before + 2);
}

/* Raising and answering a CiCC issue as the facilitator: the answer is read
 * at once (no stale copy), a bad date names its field, the change is audited
 * in the chain, a councillor sees participation published, and "you said, we
 * did" is public and holds no personal data. */
static void test_governance_issue_raised_and_answered(void **state)
{
    Fixture *f = *state;
    int fac = -1, councillor = -1;
    for (int i = 0; i < svc_n_roles; i++) {
        if (strcmp(svc_roles[i].name, "cicc_facilitator") == 0) fac = i;
        if (strcmp(svc_roles[i].name, "councillor") == 0) councillor = i;
    }
    assert_true(fac >= 0 && councillor >= 0);
    const char *tok = f->tokens[fac], *csrf = f->csrf[fac];
    expect_error(f, "POST", "/api/v1/governance/tables/issues", tok, csrf,
                 "{\"raised_on\": \"2026-02-30\", \"issue\": \"Bus passes\"}", 400, "invalid");
    expect_error(f, "POST", "/api/v1/governance/tables/nothing", tok, csrf, "{}", 404, "not_found");
    expect_error(f, "GET", "/api/v1/governance/tables/participation", tok, NULL, NULL, 404,
                 "not_found");
    WebResponse res;
    call(f, "POST", "/api/v1/governance/tables/issues", tok, csrf,
         "{\"raised_on\": \"2026-02-01\", \"issue\": \"Bus passes\"}", &res);
    assert_int_equal(res.status, 201);
    json_t *doc = body_json(&res);
    char id[32];
    snprintf(id, sizeof id, "%s",
             json_string_value(json_object_get(json_object_get(doc, "data"), "id")));
    json_decref(doc);
    web_response_free(&res);
    char body[400];
    snprintf(body, sizeof body,
             "{\"id\": \"%s\", \"raised_on\": \"2026-02-01\", \"issue\": \"Bus passes\", "
             "\"answered_on\": \"2026-03-01\", \"response\": \"Agreed\", \"we_did\": "
             "\"Bus passes are paid\"}",
             id);
    call(f, "POST", "/api/v1/governance/tables/issues", tok, csrf, body, &res);
    assert_int_equal(res.status, 201);
    web_response_free(&res);
    call(f, "GET", "/api/v1/governance/tables/issues", tok, NULL, NULL, &res);
    assert_int_equal(res.status, 200);
    assert_string_equal(res.etag, "");
    assert_non_null(strstr(res.body, "2026-03-01"));
    assert_non_null(strstr(res.body, "Agreed"));
    web_response_free(&res);
    /* Public: no session needed, and only the issue and what was done. */
    call(f, "GET", "/api/v1/you-said", NULL, NULL, NULL, &res);
    assert_int_equal(res.status, 200);
    assert_non_null(strstr(res.body, "Bus passes are paid"));
    assert_null(strstr(res.body, "cicc_facilitator"));
    assert_null(strstr(res.body, "2026-02-01"));
    web_response_free(&res);
    call(f, "GET", "/api/v1/governance/participation?at=2026-03-31", f->tokens[councillor], NULL,
         NULL, &res);
    assert_int_equal(res.status, 200);
    doc = body_json(&res);
    assert_true(json_is_true(json_object_get(json_object_get(doc, "data"), "published")));
    json_decref(doc);
    web_response_free(&res);
    AuditEntry *rows;
    int n;
    Err err;
    assert_int_equal(svc_audit_show(f->db, NULL, "cicc_facilitator", &f->admin, &rows, &n, &err),
                     0);
    assert_true(n >= 2);
    char action[96];
    snprintf(action, sizeof action, "governance record issues %s", id);
    assert_string_equal(rows[n - 1].action, action);
    free(rows);
    AuditVerify v;
    assert_int_equal(svc_audit_verify(f->db, &f->admin, &v, &err), 0);
    assert_int_equal(v.first_bad, 0);
}

static void test_expiry_and_lock_out(void **state)
{
    Fixture *f = *state;
    char token[WEB_SESSION_TOKEN_HEX + 1], csrf[WEB_SESSION_TOKEN_HEX + 1];
    assert_int_equal(sign_in(f, "manager", password, token, csrf), 200);
    fake_now += WEB_SESSION_SECONDS + 1;
    expect_error(f, "GET", "/api/v1/me", token, NULL, NULL, 401, "unauthorized");
    /* Five wrong passwords lock the account: the right one is then refused. */
    for (int i = 0; i < SVC_USERS_MAX_FAILURES; i++)
        assert_int_equal(sign_in(f, "councillor", "wrong password!!", token, csrf), 401);
    assert_int_equal(sign_in(f, "councillor", password, token, csrf), 401);
    fake_now += SVC_USERS_LOCK_SECONDS + 60;
    assert_int_equal(sign_in(f, "councillor", password, token, csrf), 200);
    /* Sign-ins from one address are limited per minute. */
    spread_sign_ins = false;
    int refused = 0;
    for (int i = 0; i <= WEB_SIGN_INS_PER_MINUTE; i++)
        refused += sign_in(f, "nobody", "x", token, csrf) == 429;
    assert_true(refused >= 1);
    WebResponse res;
    call(f, "POST", "/api/v1/session", NULL, NULL, "{}", &res);
    assert_int_equal(res.status, 429);
    assert_true(res.retry_after >= 1 && res.retry_after <= 60); /* the next minute */
    web_response_free(&res);
    /* While the server checks as many passwords as it checks at once, another
     * sign-in is refused at once (429, retry in a second), not queued. */
    spread_sign_ins = true;
    for (int i = 0; i < WEB_SIGN_INS_AT_ONCE; i++)
        assert_true(web_sessions_begin_check(f->app.sessions));
    call(f, "POST", "/api/v1/session", NULL, NULL,
         "{\"username\": \"manager\", \"password\": \"a long enough password\"}", &res);
    assert_int_equal(res.status, 429);
    assert_int_equal(res.retry_after, WEB_SIGN_IN_RETRY_SECONDS);
    web_response_free(&res);
    for (int i = 0; i < WEB_SIGN_INS_AT_ONCE; i++) web_sessions_end_check(f->app.sessions);
    assert_int_equal(sign_in(f, "manager", password, token, csrf), 200);
}

/* An upload with keep_invalid=1 stores A's episode with its junk PLACE as
 * unknown and answers the mark; without it the upload is refused; A's
 * record then carries the mark. */
static void test_keep_invalid_upload_marks_the_child(void **state)
{
    Fixture *f = *state;
    int analyst = 5;
    char dir[128], path[160];
    snprintf(dir, sizeof dir, "%s/keep", f->dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(dir, sizeof dir, "%s/keep/2025-26", f->dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof path, "%s/episodes.csv", dir);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fprintf(out, "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                 "HOME_POST,PL_POST,URN\nA,01/05/2025,S,C2,N1,XX,PR1,,,,,,\n");
    fclose(out);
    next_upload_dir = dir;
    expect_error(f, "POST", "/api/v1/imports", f->tokens[analyst], f->csrf[analyst], NULL, 400,
                 "invalid");
    next_upload_dir = dir;
    WebResponse res;
    call(f, "POST", "/api/v1/imports?keep_invalid=1", f->tokens[analyst], f->csrf[analyst], NULL,
         &res);
    assert_int_equal(res.status, 200);
    json_t *doc = body_json(&res);
    json_t *marks = json_object_get(json_object_get(doc, "data"), "marks");
    assert_int_equal(json_array_size(marks), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(marks, 0), "field")),
                        "PLACE");
    json_decref(doc);
    web_response_free(&res);
    call(f, "GET", "/api/v1/children/A", f->tokens[0], NULL, NULL, &res);
    assert_int_equal(res.status, 200);
    doc = body_json(&res);
    marks = json_object_get(json_object_get(doc, "data"), "marks");
    assert_int_equal(json_array_size(marks), 1);
    json_t *mark = json_array_get(marks, 0);
    assert_string_equal(json_string_value(json_object_get(mark, "value")), "XX");
    assert_string_equal(json_string_value(json_object_get(mark, "row")), "2025-05-01");
    json_decref(doc);
    web_response_free(&res);
}

static void test_openapi_lists_every_route(void **state)
{
    (void)state;
    json_t *doc = web_openapi();
    json_t *paths = json_object_get(doc, "paths");
    for (int i = 0; i < web_n_routes; i++)
        assert_non_null(json_object_get(paths, web_routes[i].pattern));
    assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
    json_decref(doc);
}

/* A scenario is run, kept by name, listed, read back with its templates and
 * its capacity used again; a taken name, a bad template row and an unknown
 * forecast get the envelope naming the field. */
static void test_forecast_scenarios_kept_and_compared(void **state)
{
    Fixture *f = *state;
    const char *admin = f->tokens[0], *csrf = f->csrf[0];
    const char *base = "\"from\": \"2026-03-31\", \"runs\": 20, \"backtest_runs\": 0";
    char body[512];
    snprintf(body, sizeof body,
             "{\"name\": \"with places\", %s, \"capacity\": "
             "\"placement,distance,provider,places\\nfostering,unknown,in_house,1\\n\"}",
             base);
    WebResponse res;
    call(f, "POST", "/api/v1/forecasts", admin, csrf, body, &res);
    assert_int_equal(res.status, 201);
    json_t *doc = body_json(&res);
    json_t *data = json_object_get(doc, "data");
    assert_string_equal(json_string_value(json_object_get(data, "saved_as")), "with places");
    assert_true(json_array_size(json_object_get(data, "sufficiency_gap")) > 0);
    json_decref(doc);
    web_response_free(&res);
    /* run without a name: not kept; the stored capacity used again */
    snprintf(body, sizeof body, "{%s, \"capacity_from\": \"with places\"}", base);
    call(f, "POST", "/api/v1/forecasts", admin, csrf, body, &res);
    assert_int_equal(res.status, 200);
    doc = body_json(&res);
    data = json_object_get(doc, "data");
    assert_true(json_is_null(json_object_get(data, "saved_as")));
    assert_true(json_array_size(json_object_get(data, "sufficiency_gap")) > 0);
    json_decref(doc);
    web_response_free(&res);
    call(f, "GET", "/api/v1/forecasts", admin, NULL, NULL, &res);
    assert_int_equal(res.status, 200);
    doc = body_json(&res);
    json_t *list = json_object_get(json_object_get(doc, "data"), "forecasts");
    bool listed = false;
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *one = json_array_get(list, i);
        if (strcmp(json_string_value(json_object_get(one, "name")), "with places") == 0)
            listed = json_is_true(json_object_get(one, "has_capacity"));
    }
    assert_true(listed);
    json_decref(doc);
    web_response_free(&res);
    call(f, "GET", "/api/v1/forecasts/with%20places", admin, NULL, NULL, &res);
    assert_int_equal(res.status, 200);
    doc = body_json(&res);
    json_t *kept = json_object_get(json_object_get(doc, "data"), "document");
    assert_non_null(
        strstr(json_string_value(json_object_get(json_object_get(kept, "templates"), "capacity")),
               "fostering,unknown,in_house,1"));
    json_decref(doc);
    web_response_free(&res);
    snprintf(body, sizeof body, "{\"name\": \"with places\", %s}", base);
    expect_error(f, "POST", "/api/v1/forecasts", admin, csrf, body, 409, "conflict");
    snprintf(body, sizeof body, "{\"name\": \"bad/name\", %s}", base);
    expect_error(f, "POST", "/api/v1/forecasts", admin, csrf, body, 400, "invalid");
    snprintf(body, sizeof body, "{%s, \"adjust\": \"what,legal_status\\nmoves,care\\n\"}", base);
    call(f, "POST", "/api/v1/forecasts", admin, csrf, body, &res);
    assert_int_equal(res.status, 400);
    doc = body_json(&res);
    json_t *error = json_object_get(doc, "error");
    assert_string_equal(json_string_value(json_object_get(error, "field")), "legal_status");
    assert_non_null(strstr(json_string_value(json_object_get(error, "message")), "adjust:2:"));
    json_decref(doc);
    web_response_free(&res);
    snprintf(body, sizeof body, "{%s, \"capacity_from\": \"nothing\"}", base);
    expect_error(f, "POST", "/api/v1/forecasts", admin, csrf, body, 404, "not_found");
    snprintf(body, sizeof body, "{%s, \"runs\": \"many\"}", base);
    expect_error(f, "POST", "/api/v1/forecasts", admin, csrf, body, 400, "invalid");
    expect_error(f, "GET", "/api/v1/forecasts/nothing", admin, NULL, NULL, 404, "not_found");
    /* a data change without the CSRF token is refused */
    expect_error(f, "POST", "/api/v1/forecasts", admin, NULL, "{}", 403, "csrf");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_route_as_every_role),
        cmocka_unit_test(test_bad_requests_get_the_envelope),
        cmocka_unit_test(test_caseload_and_etag),
        cmocka_unit_test(test_recorded_visits_are_read_at_once),
        cmocka_unit_test(test_worklists_kept_per_caseload),
        cmocka_unit_test(test_corrections_keep_history),
        cmocka_unit_test(test_date_only_records_are_corrected),
        cmocka_unit_test(test_stale_page_of_a_moved_record_conflicts),
        cmocka_unit_test(test_audit_group_commit_keeps_the_chain),
        cmocka_unit_test(test_validation_of_the_stored_return),
        cmocka_unit_test(test_views_are_audited_in_a_chain),
        cmocka_unit_test(test_conditional_child_view_is_audited),
        cmocka_unit_test(test_keep_invalid_upload_marks_the_child),
        cmocka_unit_test(test_new_snapshot_prepared_before_the_swap),
        cmocka_unit_test(test_governance_issue_raised_and_answered),
        cmocka_unit_test(test_openapi_lists_every_route),
        cmocka_unit_test(test_forecast_scenarios_kept_and_compared),
        cmocka_unit_test(test_expiry_and_lock_out),
    };
    int failed = cmocka_run_group_tests(tests, setup, teardown);
    chart_free_caches(); /* the pack's fonts, so that the sanitizer build sees only real leaks */
    return failed;
}
