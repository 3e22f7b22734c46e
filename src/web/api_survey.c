/* api_survey: the routes of the young people's Pledge survey (service/
 * svc_survey.h, docs/survey.md). A young person signs in with an account of
 * the young_person role, or with nothing but a survey code (a code-only
 * session of that role, named after no one); either way the role's one
 * capability is the survey. Answering is not audited and not logged here:
 * a time beside an answer is what could link it to the young person who was
 * handed the code. Opening rounds and issuing codes are audited. */
#include "web/api.h"

#include "service/svc_survey.h"

#include <stdlib.h>
#include <string.h>

static json_t *no_meta(void)
{
    return json_object();
}

static int created(WebCall *call, json_t *data)
{
    json_t *doc = json_pack("{s:o, s:{}}", "data", data, "meta");
    web_json(call->res, 201, doc);
    json_decref(doc);
    return 201;
}

/* Audits a change of the survey (no child); answers 503 when it cannot. */
static int audit(WebCall *call, const char *action)
{
    Err err = {0};
    if (svc_audit_append(call->app->audit, &call->actor, action, NULL, call->req->origin, &err) < 0)
        return web_error_from(call->res, &err);
    return 0;
}

int api_survey_session(WebCall *call)
{
    WebApp *app = call->app;
    time_t now = web_app_now(app);
    int wait;
    if (!web_sessions_allow_sign_in(app->sessions, call->req->origin, now, &wait)) {
        web_error(call->res, 429, "too_many_requests", NULL,
                  "too many tries from this address: try again in %d seconds", wait);
        call->res->retry_after = wait;
        return 429;
    }
    json_t *body = api_json_body(call);
    if (!body) return 400;
    const char *code = json_string_value(json_object_get(body, "code"));
    Err err = {0};
    int rc = code ? svc_survey_check_code(app->db_path, code, &err)
                  : err_set(&err, ERR_FORBIDDEN, "%s", svc_survey_refusal);
    json_decref(body);
    if (rc < 0) {
        if (err_kind(rc) == ERR_KIND_FORBIDDEN)
            return web_error(call->res, 403, "forbidden", "code", "%s", err.msg);
        return web_error_from(call->res, &err);
    }
    SignIn who = {.role = svc_role("young_person")};
    snprintf(who.user, sizeof who.user, "survey code"); /* names no one */
    char token[WEB_SESSION_TOKEN_HEX + 1];
    WebSession *s = web_session_start_anonymous(app->sessions, &who, now, token);
    snprintf(call->res->set_cookie, sizeof call->res->set_cookie,
             "cp_session=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict%s", token,
             app->limits.session_seconds, app->secure_cookies ? "; Secure" : "");
    json_t *data = json_pack("{s:s, s:s, s:[s], s:s, s:i}", "user", s->user, "role", s->role->name,
                             "capabilities", "survey", "csrf", s->csrf, "caseload", 0);
    web_session_release(app->sessions, s);
    return web_ok(call->res, data, no_meta());
}

/* The version parameter or field; -1 with 400 answered. */
static int version_of(WebCall *call, const char *text)
{
    int v = survey_version_parse(text);
    if (v < 0)
        web_error(call->res, 400, "invalid", "version",
                  "version is one of under_8, age_8_11, age_11_18, care_leaver");
    return v;
}

int api_survey_questions(WebCall *call)
{
    const char *text = web_param(call->req, "version");
    int v = version_of(call, text ? text : "age_11_18");
    if (v < 0) return 400;
    SurveyQuestions q;
    Err err = {0};
    if (svc_survey_questions(call->app->db_path, (SurveyVersion)v, &q, &err) < 0)
        return web_error_from(call->res, &err);
    json_t *items = json_array();
    for (int i = 0; i < q.n; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:s}", "id", q.items[i].id, "promise",
                                               q.items[i].promise, "text", q.items[i].text));
    svc_survey_questions_free(&q);
    json_t *answers = json_array();
    for (int a = 0; a < SURVEY_N_ANSWERS; a++)
        json_array_append_new(answers,
                              json_pack("{s:s, s:s}", "id", survey_answer_name((SurveyAnswer)a),
                                        "label", survey_answer_label((SurveyAnswer)a)));
    return web_ok(call->res,
                  json_pack("{s:s, s:o, s:o}", "version", survey_version_name((SurveyVersion)v),
                            "questions", items, "answers", answers),
                  no_meta());
}

/* {"code", "version", "answers": {"QUESTION": "always", ...}} */
int api_survey_answers(WebCall *call)
{
    json_t *body = api_json_body(call);
    if (!body) return 400;
    json_t *answers = json_object_get(body, "answers");
    const char *code = json_string_value(json_object_get(body, "code"));
    int v = version_of(call, json_string_value(json_object_get(body, "version")));
    if (v < 0 || !json_is_object(answers) || !code) {
        json_decref(body);
        return v < 0 ? 400
                     : web_error(call->res, 400, "invalid", code ? "answers" : "code",
                                 "the body needs \"code\", \"version\" and \"answers\" (an object "
                                 "of question: answer)");
    }
    size_t n = json_object_size(answers), i = 0;
    SurveyGiven *given = calloc(n + 1, sizeof *given);
    if (!given) abort();
    const char *key;
    json_t *value;
    json_object_foreach(answers, key, value)
    {
        given[i].question = key;
        given[i++].answer = (SurveyAnswer)survey_answer_parse(json_string_value(value));
    }
    SurveyTakeRequest req = {code, (SurveyVersion)v, given, (int)n};
    Err err = {0};
    int rc = svc_survey_take(call->app->db_path, &req, &err);
    free(given);
    json_decref(body);
    if (rc < 0) {
        if (err_kind(rc) == ERR_KIND_FORBIDDEN)
            return web_error(call->res, 403, "forbidden", "code", "%s", err.msg);
        return web_error_from(call->res, &err);
    }
    return web_ok(call->res, json_pack("{s:i}", "answered", (int)n), no_meta());
}

static json_t *result_json(const SurveyPromiseResult *p)
{
    const SurveyResult *r = &p->result;
    json_t *by_answer = json_object(), *by_version = json_object();
    for (int a = 0; a < SURVEY_N_ANSWERS; a++)
        json_object_set_new(by_answer, survey_answer_name((SurveyAnswer)a),
                            json_string(r->by_answer_text[a]));
    for (int v = 0; v < SURVEY_N_VERSIONS; v++) {
        json_t *row = json_object();
        for (int a = 0; a < SURVEY_N_ANSWERS; a++)
            json_object_set_new(row, survey_answer_name((SurveyAnswer)a),
                                json_string(r->count_text[v][a]));
        json_object_set_new(row, "answered", json_string(r->by_version_text[v]));
        json_object_set_new(by_version, survey_version_name((SurveyVersion)v), row);
    }
    char promise[16];
    snprintf(promise, sizeof promise, "3.%d", p->promise);
    return json_pack("{s:s, s:s, s:s?, s:s, s:s, s:s, s:s, s:o, s:o}", "promise", promise,
                     "indicator", p->indicator, "title", p->title, "question", p->question,
                     "answered", r->answered_text, "always_or_mostly", r->agree_text, "percent",
                     r->percent_text, "by_answer", by_answer, "by_version", by_version);
}

int api_survey_results(WebCall *call)
{
    SurveyResultsRequest req = {
        .round = web_param(call->req, "round"),
        .publish =
            !(call->session->role->capabilities & CAP_REPORTS) ||
            (web_param(call->req, "publish") && strcmp(web_param(call->req, "publish"), "1") == 0),
    };
    SurveyResults r;
    Err err = {0};
    if (svc_survey_results(call->app->ctx, call->app->db_path, &req, &call->actor, &r, &err) < 0)
        return web_error_from(call->res, &err);
    json_t *items = json_array();
    for (int i = 0; i < r.n; i++) json_array_append_new(items, result_json(&r.items[i]));
    json_t *data =
        json_pack("{s:s, s:i, s:b, s:i, s:o}", "round", r.round.name, "year", r.round.year,
                  "published", r.publish, "threshold", r.threshold, "promises", items);
    svc_survey_results_free(&r);
    return web_ok(call->res, data, no_meta());
}

int api_survey_rounds(WebCall *call)
{
    SurveyRoundInfo *rounds;
    int n;
    Err err = {0};
    if (svc_survey_rounds(call->app->db_path, &call->actor, &rounds, &n, &err) < 0)
        return web_error_from(call->res, &err);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(
            items, json_pack("{s:s, s:i, s:s, s:b, s:i, s:i}", "name", rounds[i].name, "year",
                             rounds[i].year, "opened", rounds[i].opened, "closed", rounds[i].closed,
                             "codes", (int)rounds[i].codes, "used", (int)rounds[i].used));
    free(rounds);
    return web_ok(call->res, items, no_meta());
}

/* {"name", "year": 2026} */
int api_survey_round_create(WebCall *call)
{
    json_t *body = api_json_body(call);
    if (!body) return 400;
    SurveyRoundRequest req = {json_string_value(json_object_get(body, "name")),
                              (int)json_integer_value(json_object_get(body, "year")), DATE_NONE};
    Err err = {0};
    int rc = svc_survey_round_add(call->app->db_path, &req, &call->actor, &err);
    json_t *data = rc == 0 ? json_pack("{s:s, s:i}", "name", req.name, "year", req.year) : NULL;
    json_decref(body);
    if (rc < 0) return web_error_from(call->res, &err);
    if (audit(call, "open survey round") != 0) {
        json_decref(data);
        return call->res->status;
    }
    return created(call, data);
}

/* {"round", "count"}: the codes, shown once. */
int api_survey_codes(WebCall *call)
{
    json_t *body = api_json_body(call);
    if (!body) return 400;
    const char *round = json_string_value(json_object_get(body, "round"));
    int count = (int)json_integer_value(json_object_get(body, "count"));
    char(*codes)[SURVEY_CODE_TEXT];
    Err err = {0};
    int rc = svc_survey_codes(call->app->db_path, round, count, &call->actor, &codes, &err);
    json_decref(body);
    if (rc < 0) return web_error_from(call->res, &err);
    json_t *list = json_array();
    for (int i = 0; i < count; i++) json_array_append_new(list, json_string(codes[i]));
    free(codes);
    if (audit(call, "issue survey codes") != 0) {
        json_decref(list);
        return call->res->status;
    }
    return created(call, json_pack("{s:o}", "codes", list));
}
