/* router: see router.h. */
#include "web/router.h"

#include "web/api.h"

#include <stdlib.h>
#include <string.h>

/* The route table. The dashboard (web/) and docs/api.md are built against it. */
const WebRoute web_routes[] = {
    {"GET", "/api/v1/openapi.json", WEB_PUBLIC, false, api_openapi,
     "The OpenAPI 3.1 document of this API", NULL},
    {"POST", "/api/v1/session", WEB_PUBLIC, true, api_session_create,
     "Sign in with {\"username\", \"password\"}: sets the cp_session cookie, returns the CSRF "
     "token",
     NULL},
    {"DELETE", "/api/v1/session", WEB_SIGNED_IN, true, api_session_delete, "Sign out", NULL},
    {"GET", "/api/v1/me", WEB_SIGNED_IN, false, api_me,
     "The signed-in user, role, capabilities and CSRF token", NULL},
    {"GET", "/api/v1/worklist", CAP_WORKLIST, false, api_worklist,
     "The due and overdue items of the caller's caseload (every child for a manager)",
     "at=YYYY-MM-DD overdue=1 page per_page"},
    {"GET", "/api/v1/children", CAP_CHILD_READ, false, api_children,
     "The children of the caller's caseload", "page per_page"},
    {"GET", "/api/v1/children/{id}", CAP_CHILD_READ, false, api_child,
     "A child's timeline: episodes, reviews, records, care-leaver status and why, due items, "
     "values marked invalid at import (audited)",
     "at=YYYY-MM-DD"},
    {"POST", "/api/v1/children/{id}/records", CAP_CHILD_WRITE, true, api_record_create,
     "Record a visit, health assessment, ... of the child, with the checks of an import "
     "(audited); body {\"kind\", \"date\": \"YYYY-MM-DD\", and the template's third column "
     "by its lower-case name, e.g. \"seen_alone\"}",
     NULL},
    {"PUT", "/api/v1/children/{id}/records", CAP_CHILD_WRITE, true, api_record_correct,
     "Correct the value of a visit, health assessment, immunisation, sdq, pathway plan, PA "
     "contact or visit regime, or the date of any record (a dental check, education plan, care "
     "plan or needs assessment is only a date), keeping the earlier value (audited in the same "
     "transaction); body {\"kind\", \"date\", the value by its lower-case name or "
     "\"new_date\": \"YYYY-MM-DD\", \"version\" as read, \"reason\"}: 409 when the record "
     "changed since that version (or was moved to another date: the answer says where) or the "
     "new date has one already",
     NULL},
    {"GET", "/api/v1/children/{id}/corrections", CAP_CHILD_READ, false, api_record_history,
     "Every correction of the child's records: old and new value, version, who, when, why "
     "(audited)",
     NULL},
    {"GET", "/api/v1/profile", CAP_AGGREGATE, false, api_profile,
     "The profile of children in care and care leavers (always published for a councillor)",
     "at=YYYY-MM-DD publish=1"},
    {"GET", "/api/v1/scorecard", CAP_AGGREGATE, false, api_scorecard,
     "The Pledge scorecard of a collection year: every indicator with its figure, trend, target "
     "and rating (always published for a councillor)",
     "year=YYYY/YY publish=1"},
    {"GET", "/api/v1/forecast", CAP_REPORTS, false, api_forecast,
     "Placement sufficiency: children in care forecast by age, placement type and distance, with "
     "fans and the back-test of the method (docs/forecast.md)",
     "from=YYYY-MM-DD years window runs backtest_runs seed"},
    {"GET", "/api/v1/forecasts", CAP_REPORTS, false, api_forecasts_list,
     "The stored forecasts, latest first: name, who kept it and when, origin, years, futures, "
     "scenario, and the back-test's one-year MAPE and 80% coverage of the total",
     NULL},
    {"POST", "/api/v1/forecasts", CAP_REPORTS, true, api_forecast_scenario,
     "Run a scenario and, given a \"name\", keep it (201; 409 when the name is taken): body "
     "{\"name\", \"from\", \"years\", \"window\", \"runs\", \"backtest_runs\", \"seed\", "
     "\"adjust\", \"capacity\", \"costs\": the templates' CSV text (docs/templates.md), "
     "\"capacity_from\": the name of a stored forecast whose capacity to use}",
     NULL},
    {"GET", "/api/v1/forecasts/{id}", CAP_REPORTS, false, api_forecast_stored,
     "A stored forecast by name with its whole document and the back-test kept with it", NULL},
    {"GET", "/api/v1/leavers", CAP_REPORTS, false, api_leavers,
     "The care leavers and their category on a date", "at=YYYY-MM-DD page per_page"},
    {"GET", "/api/v1/compliance", CAP_REPORTS, false, api_compliance,
     "How well each statutory timescale was kept over a period", "from=YYYY-MM-DD to=YYYY-MM-DD"},
    {"POST", "/api/v1/imports", CAP_IMPORT, true, api_import,
     "Import 903 files and record templates uploaded as multipart/form-data (all or nothing; "
     "the problems listed when any; keep_invalid=1 stores rows whose only faults are codes or "
     "contradicting fields, those values marked and unknown, and lists the marks). Answered "
     "when the import is done and its snapshot is in, the request waiting on a thread of its "
     "own; 409 with Retry-After while another import through this server runs",
     "keep_invalid=1"},
    {"GET", "/api/v1/validation", CAP_VALIDATION, false, api_validation,
     "The validation of the return stored for a collection year: each rule's outcome and the "
     "failing rows with their affected cells",
     "year=YYYY/YY rule child page per_page"},
    {"POST", "/api/v1/survey/session", WEB_PUBLIC, true, api_survey_session,
     "Start a young person's survey session with {\"code\"} alone (the code is checked, not "
     "used): a session of the young_person role named after no one",
     NULL},
    {"GET", "/api/v1/survey/questions", CAP_SURVEY, false, api_survey_questions,
     "The survey's questions in the words of an age version, and the answers they take",
     "version=under_8|age_8_11|age_11_18|care_leaver"},
    {"POST", "/api/v1/survey/answers", CAP_SURVEY, true, api_survey_answers,
     "Answer the survey once with a code: {\"code\", \"version\", \"answers\": {question: "
     "always|mostly|sometimes|never}}; a used or unknown code is refused alike (not audited: "
     "anonymous)",
     NULL},
    {"GET", "/api/v1/survey/results", CAP_AGGREGATE, false, api_survey_results,
     "A survey round's results per promise (always published for a role without the "
     "unpublished reports)",
     "round publish=1"},
    {"GET", "/api/v1/survey/rounds", CAP_SURVEY_ADMIN, false, api_survey_rounds,
     "The survey rounds with the codes issued and used", NULL},
    {"POST", "/api/v1/survey/rounds", CAP_SURVEY_ADMIN, true, api_survey_round_create,
     "Open a survey round: {\"name\", \"year\": end year, 2026 for 2025/26} (audited)", NULL},
    {"POST", "/api/v1/survey/codes", CAP_SURVEY_ADMIN, true, api_survey_codes,
     "Issue single-use codes for an open round, returned only now: {\"round\", \"count\"} "
     "(audited)",
     NULL},
    {"GET", "/api/v1/indicators", CAP_REFERENCE, false, api_indicators,
     "The indicator catalogue of the Pledge", NULL},
    {"GET", "/api/v1/calendar", CAP_REFERENCE, false, api_calendar,
     "The working-day calendar and its bank holidays", "from=YYYY-MM-DD to=YYYY-MM-DD"},
    {"GET", "/api/v1/governance/due", CAP_GOVERNANCE, false, api_governance_due,
     "What the terms of reference make regular, the CiCC issues and the actions, due and "
     "overdue, with promise 3.13 for the year",
     "at=YYYY-MM-DD year=YYYY/YY"},
    {"GET", "/api/v1/governance/participation", CAP_GOVERNANCE, false, api_governance_participation,
     "CiCC participation of the year in aggregate, by disability and ethnicity (always published "
     "for a role without the unpublished reports)",
     "at=YYYY-MM-DD year=YYYY/YY publish=1"},
    {"GET", "/api/v1/governance/tables/{id}", CAP_GOVERNANCE, false, api_governance_list,
     "The rows of a governance table: groups, members, meetings, actions, issues, priorities, "
     "progress, training or scrutiny (participation events name children: not listed here)",
     NULL},
    {"POST", "/api/v1/governance/tables/{id}", CAP_GOVERNANCE_WRITE, true, api_governance_record,
     "Record one row of a governance table with the checks of its CSV template (audited): body "
     "{column: value} with the template's columns in lower case; without \"id\" a new row "
     "(raise a CiCC issue), with one the row replaced (answer it)",
     NULL},
    {"GET", "/api/v1/pack", CAP_AGGREGATE, false, api_pack,
     "The quarterly pack for the Strategy Group and the Panel as one PDF (application/pdf): a "
     "summary page, the profile, the scorecard with trends, the placement forecast (not when "
     "published), the action plan, CiCC issues, the survey, participation and scrutiny (always "
     "published for a role without the unpublished reports)",
     "quarter=YYYYQn date=YYYY-MM-DD publish=1"},
    {"GET", "/api/v1/you-said", WEB_PUBLIC, false, api_you_said,
     "\"You said, we did\": the CiCC's issues and what was done, with no personal data", NULL},
};
const int web_n_routes = (int)(sizeof web_routes / sizeof web_routes[0]);

const char *const web_security_headers[] = {
    "Content-Security-Policy",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options",
    "nosniff",
    "Referrer-Policy",
    "no-referrer",
    "X-Frame-Options",
    "DENY",
    "Cache-Control",
    "no-store",
    NULL,
};

/* Whether path matches pattern; sets *id (into path) at a {id} segment. */
static bool path_matches(const char *pattern, const char *path, char *id, size_t id_size)
{
    while (*pattern && *path) {
        if (strncmp(pattern, "{id}", 4) == 0) {
            size_t len = strcspn(path, "/");
            if (len == 0 || len >= id_size) return false;
            memcpy(id, path, len);
            id[len] = '\0';
            pattern += 4;
            path += len;
            continue;
        }
        if (*pattern++ != *path++) return false;
    }
    return *pattern == '\0' && *path == '\0';
}

/* The route for req: NULL with *status 404 (no path) or 405 (no method). */
static const WebRoute *find_route(const WebRequest *req, char *id, size_t id_size, int *status)
{
    *status = 404;
    for (int i = 0; i < web_n_routes; i++) {
        if (!path_matches(web_routes[i].pattern, req->path, id, id_size)) continue;
        if (strcmp(web_routes[i].method, req->method) == 0) return &web_routes[i];
        *status = 405;
    }
    return NULL;
}

/* Checks who may call the route; answers the refusal itself. Returns 0 when
 * the call may go on. */
static int check_access(WebCall *call, const WebRoute *route)
{
    if (route->capability == WEB_PUBLIC) return 0;
    call->session =
        web_session_find(call->app->sessions, call->req->session, web_app_now(call->app));
    if (!call->session)
        return web_error(call->res, 401, "unauthorized", NULL,
                         "sign in first: no session, or it has expired");
    actor_named(&call->actor, call->session->user);
    unsigned needed = route->capability & ~(unsigned)WEB_SIGNED_IN;
    if ((call->session->role->capabilities & needed) != needed)
        return web_error(call->res, 403, "forbidden", NULL, "the role %s may not %s %s",
                         call->session->role->name, route->method, route->pattern);
    if (route->mutating) {
        const char *csrf = call->req->csrf;
        if (!csrf || strlen(csrf) != strlen(call->session->csrf) ||
            strcmp(csrf, call->session->csrf) != 0)
            return web_error(call->res, 403, "csrf", "X-CSRF-Token",
                             "this request changes data and needs the session's CSRF token in "
                             "the X-CSRF-Token header");
    }
    return 0;
}

/* The governance routes, the pack and the stored forecasts read the database at each call, not the
 * snapshot (the governance tables change without a new snapshot), so the snapshot's commit is no
 * version of what they answer: no ETag, never 304. */
static bool reads_database(const WebRoute *route)
{
    return (route->capability & (CAP_GOVERNANCE | CAP_GOVERNANCE_WRITE)) != 0 ||
           route->handler == api_pack || /* the pack has the governance tables and the survey */
           route->handler == api_forecasts_list || route->handler == api_forecast_stored;
}

/* A child's record and its corrections: every view of them is audited (issue
 * 10: "every view ... appends an audit row"), and the caseload check is the
 * handler's, so they are always answered in full: a 304 would let a kept copy
 * be shown with no audit row, and skip the check. */
static bool audits_each_view(const WebRoute *route)
{
    return route->handler == api_child || route->handler == api_record_history;
}

/* Sets the ETag of a read from the snapshot's commit; true when the client's
 * copy is current (answered 304). */
static bool not_modified(WebCall *call, const WebRoute *route)
{
    if (strcmp(route->method, "GET") != 0 || route->capability == WEB_PUBLIC ||
        reads_database(route) || audits_each_view(route))
        return false;
    snprintf(call->res->etag, sizeof call->res->etag, "\"c%lld\"", call->snap->ds.commit);
    const char *inm = call->req->if_none_match;
    if (!inm || strcmp(inm, call->res->etag) != 0) return false;
    free(call->res->body);
    call->res->body = NULL;
    call->res->body_len = 0;
    call->res->status = 304;
    return true;
}

static void run_route(WebCall *call, const WebRoute *route)
{
    if (check_access(call, route) != 0) return;
    call->snap = web_app_acquire(call->app);
    if (!not_modified(call, route)) {
        char etag[sizeof call->res->etag];
        memcpy(etag, call->res->etag, sizeof etag);
        route->handler(call);
        if (call->res->status == 200)
            memcpy(call->res->etag, etag, sizeof etag);
        else
            call->res->etag[0] = '\0';
    }
    web_app_release(call->app, call->snap);
}

void web_call_audit(WebCall *call, const char *action, const char *child)
{
    WebAuditRow *row = &call->res->audit;
    row->pending = true;
    snprintf(row->user, sizeof row->user, "%s", call->actor.name);
    snprintf(row->action, sizeof row->action, "%s", action);
    snprintf(row->child, sizeof row->child, "%s", child ? child : "");
    snprintf(row->origin, sizeof row->origin, "%s", call->req->origin ? call->req->origin : "");
}

/* Appends the answer's audit row on this thread, unless the server will. */
static void append_audit(WebApp *app, const WebRequest *req, WebResponse *res)
{
    if (!res->audit.pending || req->audit_by_server) return;
    Actor actor;
    Err err = {0};
    int rc =
        svc_audit_append(app->audit, actor_named(&actor, res->audit.user), res->audit.action,
                         res->audit.child[0] ? res->audit.child : NULL, res->audit.origin, &err);
    web_audit_settled(res, rc, &err);
}

void web_router_handle(WebApp *app, const WebRequest *req, WebResponse *res)
{
    memset(res, 0, sizeof *res);
    char id[128] = "";
    int status;
    const WebRoute *route = find_route(req, id, sizeof id, &status);
    if (!route && status == 405) {
        web_error(res, 405, "method_not_allowed", NULL, "%s is not allowed on %s", req->method,
                  req->path);
        return;
    }
    if (!route) {
        web_error(res, 404, "not_found", NULL, "no route %s", req->path);
        return;
    }
    if (req->body_too_large) {
        web_error(res, 413, "too_large", NULL, "the body is over the limit of %d bytes",
                  WEB_MAX_BODY);
        return;
    }
    if (req->too_many_params) {
        web_error(res, 400, "invalid", NULL, "more than %d query parameters", WEB_MAX_PARAMS);
        return;
    }
    WebCall call = {.app = app, .req = req, .res = res, .id = id[0] ? id : NULL};
    run_route(&call, route);
    web_session_release(app->sessions, call.session);
    append_audit(app, req, res);
}

/* ---- The documents written from the table ---------------------------------- */

static const char *capability_text(unsigned cap, char *buf, size_t size)
{
    if (cap == WEB_PUBLIC) return "none";
    if (cap == WEB_SIGNED_IN) return "signed in";
    buf[0] = '\0';
    for (int b = 0; b < CAP_COUNT; b++)
        if (cap & (1u << b))
            snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? "+" : "",
                     svc_capability_name(b));
    return buf;
}

/* The roles that hold cap, comma-separated. */
static void roles_text(unsigned cap, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int i = 0; i < svc_n_roles; i++) {
        bool allowed =
            cap == WEB_PUBLIC || cap == WEB_SIGNED_IN || (svc_roles[i].capabilities & cap) == cap;
        if (allowed)
            snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? ", " : "",
                     svc_roles[i].name);
    }
}

/* The OpenAPI path of a pattern: the same ("{id}" is OpenAPI's form). */
static json_t *operation(const WebRoute *r)
{
    char caps[160];
    json_t *op =
        json_pack("{s:s, s:s, s:b}", "summary", r->summary, "x-capability",
                  capability_text(r->capability, caps, sizeof caps), "x-mutating", r->mutating);
    json_t *params = json_array();
    if (strstr(r->pattern, "{id}"))
        json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", "id", "in",
                                                "path", "required", 1, "schema", "type", "string"));
    char words[128];
    snprintf(words, sizeof words, "%s", r->params ? r->params : "");
    for (char *save, *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        w[strcspn(w, "=")] = '\0';
        json_array_append_new(params, json_pack("{s:s, s:s, s:{s:s}}", "name", w, "in", "query",
                                                "schema", "type", "string"));
    }
    json_object_set_new(op, "parameters", params);
    json_object_set_new(op, "responses",
                        json_pack("{s:{s:s}, s:{s:s}}", "200", "description",
                                  "{\"data\": ..., \"meta\": {\"commit\": N}}", "default",
                                  "description", "the error envelope"));
    if (r->capability != WEB_PUBLIC)
        json_object_set_new(op, "security", json_pack("[{s:[]}]", "session"));
    return op;
}

json_t *web_openapi(void)
{
    json_t *paths = json_object();
    for (int i = 0; i < web_n_routes; i++) {
        const WebRoute *r = &web_routes[i];
        json_t *item = json_object_get(paths, r->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        char method[8];
        size_t n = 0;
        for (; r->method[n] && n + 1 < sizeof method; n++) method[n] = (char)(r->method[n] | 0x20);
        method[n] = '\0';
        json_object_set_new(item, method, operation(r));
    }
    return json_pack("{s:s, s:{s:s, s:s}, s:o, s:{s:{s:{s:s, s:s, s:s}}}}", "openapi", "3.1.0",
                     "info", "title", "Carepledge API", "version", "1", "paths", paths,
                     "components", "securitySchemes", "session", "type", "apiKey", "in", "cookie",
                     "name", "cp_session");
}

void web_api_doc(FILE *out)
{
    fprintf(out, "# The JSON API (`/api/v1`)\n\n"
                 "Generated by `carepledge api-doc` from the route table in "
                 "`src/web/router.c`: do not edit by hand (the `api_doc` test fails when this "
                 "file is stale). The same table serves `/api/v1/openapi.json`. docs/web.md "
                 "explains the envelope, sessions, CSRF, roles and the audit.\n\n"
                 "| method | path | capability | changes data | roles | what |\n"
                 "|---|---|---|---|---|---|\n");
    for (int i = 0; i < web_n_routes; i++) {
        const WebRoute *r = &web_routes[i];
        char caps[160], roles[400];
        roles_text(r->capability, roles, sizeof roles);
        fprintf(out, "| %s | `%s` | %s | %s | %s | %s", r->method, r->pattern,
                capability_text(r->capability, caps, sizeof caps), r->mutating ? "yes" : "no",
                roles, r->summary);
        if (r->params) fprintf(out, " (query: `%s`)", r->params);
        fprintf(out, " |\n");
    }
    fprintf(out,
            "\nErrors: `{\"error\": {\"status\", \"code\", \"message\", \"field\"}}` with "
            "codes `invalid` 400, `unauthorized` 401, `forbidden` 403, `csrf` 403, "
            "`not_found` 404, `method_not_allowed` 405, `conflict` 409, `too_large` 413, "
            "`too_many_requests` 429, `unavailable` 503, `internal` 500. A JSON body is "
            "limited to %d bytes.\n",
            WEB_MAX_BODY);
}
