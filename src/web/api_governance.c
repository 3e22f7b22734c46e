/* api_governance: the governance routes of the API (docs/governance.md). They
 * read the database at each call through service/svc_governance (the
 * governance tables are not part of the 903 snapshot); a row recorded goes
 * through the checks of its CSV template and is audited in the transaction
 * that writes it, before the answer. "You said, we did" is public and carries no personal
 * data: the month an issue was raised, the issue, what was done. */
#include "web/api.h"

#include "service/svc_governance.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static json_t *meta(const WebCall *call)
{
    return json_pack("{s:I}", "commit", (json_int_t)call->snap->ds.commit);
}

static json_t *date_json(Date d)
{
    char buf[DATE_FMT_LEN];
    return d == DATE_NONE ? json_null() : json_string(date_format_iso(d, buf));
}

static Date today(const WebCall *call)
{
    time_t now = web_app_now(call->app);
    struct tm tm;
    gmtime_r(&now, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The date at (today when absent) and the collection year (the one at is in
 * when absent). Returns 0, or answers 400. */
static int date_and_year(WebCall *call, Date *at, int *year)
{
    const char *text = web_param(call->req, "at");
    *at = today(call);
    if (text && date_parse_iso(text, strlen(text), at) < 0)
        return web_error(call->res, 400, "invalid", "at", "at '%.40s' is not a date YYYY-MM-DD",
                         text);
    if (api_year_param(call, year) != 0) return 400;
    if (*year == 0) *year = date_collection_year(*at);
    return 0;
}

int api_governance_due(WebCall *call)
{
    Date at;
    int year;
    if (date_and_year(call, &at, &year)) return 400;
    GovDueReport rep;
    Err err = {0};
    if (svc_gov_due(call->app->db_path, year, at, &call->actor, &rep, &err) < 0)
        return web_error_from(call->res, &err);
    json_t *lines = json_array();
    for (int i = 0; i < rep.n_lines; i++) {
        const GovDueLine *l = &rep.lines[i];
        json_array_append_new(lines, json_pack("{s:s, s:s, s:s, s:o, s:o, s:s}", "kind", l->kind,
                                               "what", l->what, "ref", l->ref, "due",
                                               date_json(l->due), "done", date_json(l->done),
                                               "state", governance_state_name(l->state)));
    }
    json_t *data = json_pack("{s:o, s:{s:I, s:I}}", "items", lines, "cicc_issues_on_time", "num",
                             (json_int_t)rep.issues_num, "den", (json_int_t)rep.issues_den);
    svc_gov_due_free(&rep);
    return web_ok(call->res, data, meta(call));
}

int api_governance_participation(WebCall *call)
{
    Date at;
    int year;
    if (date_and_year(call, &at, &year)) return 400;
    const char *p = web_param(call->req, "publish");
    /* A role without the unpublished reports sees only published figures. */
    bool publish = (p && strcmp(p, "1") == 0) || !(call->session->role->capabilities & CAP_REPORTS);
    ServiceData data = {.db_path = call->app->db_path, .snapshot = &call->snap->ds};
    GovParticipation part;
    Err err = {0};
    if (svc_gov_participation(&data, call->app->db_path, year, at, false, true, 0, &call->actor,
                              &part, &err) < 0)
        return web_error_from(call->res, &err);
    json_t *rules = json_array();
    for (int r = 0; r < GOV_RULE_COUNT; r++) {
        json_t *groups = json_array();
        for (int g = 0; g < GOV_SPLIT_COUNT; g++) {
            char num[24], den[24];
            snprintf(num, sizeof num, "%ld", part.tally.split_num[r][g]);
            snprintf(den, sizeof den, "%ld", part.tally.split_den[r][g]);
            json_array_append_new(groups,
                                  json_pack("{s:s, s:s, s:s}", "group", governance_split_name(g),
                                            "num", publish ? part.published.split_num[r][g] : num,
                                            "den", publish ? part.published.split_den[r][g] : den));
        }
        char num[24], den[24];
        snprintf(num, sizeof num, "%ld", part.tally.num[r]);
        snprintf(den, sizeof den, "%ld", part.tally.den[r]);
        json_array_append_new(
            rules, json_pack("{s:s, s:s, s:s, s:o}", "rule", governance_rule_name((GovRule)r),
                             "num", publish ? part.published.num[r] : num, "den",
                             publish ? part.published.den[r] : den, "groups", groups));
    }
    svc_gov_participation_free(&part);
    return web_ok(call->res, json_pack("{s:b, s:o}", "published", publish, "rules", rules),
                  meta(call));
}

/* The table the path names; participation events name children, so they are
 * recorded through templates and counted, never listed here. */
static const GovTable *path_table(WebCall *call)
{
    const GovTable *t = governance_table_find(call->id);
    if (!t || t->id == GOV_PARTICIPATION) {
        web_error(call->res, 404, "not_found", NULL, "no governance table '%.40s'", call->id);
        return NULL;
    }
    return t;
}

static void lower(const char *in, char *out, size_t size)
{
    size_t i = 0;
    for (; in[i] && i + 1 < size; i++) out[i] = (char)tolower((unsigned char)in[i]);
    out[i] = '\0';
}

int api_governance_list(WebCall *call)
{
    const GovTable *t = path_table(call);
    if (!t) return 404;
    GovRows rows;
    Err err = {0};
    if (svc_gov_list(call->app->db_path, t->id, &call->actor, &rows, &err) < 0)
        return web_error_from(call->res, &err);
    json_t *list = json_array();
    for (int r = 0; r < rows.n_rows; r++) {
        json_t *obj = json_object();
        for (int c = 0; c < t->n_columns; c++) {
            char key[48];
            lower(t->columns[c].name, key, sizeof key);
            json_object_set_new(obj, key, json_string(svc_gov_cell(&rows, r, t->columns[c].name)));
        }
        if (t->id == GOV_ISSUES) {
            Date raised, answered;
            const char *ra = svc_gov_cell(&rows, r, "RAISED_ON");
            const char *an = svc_gov_cell(&rows, r, "ANSWERED_ON");
            GovIssue is = {
                .raised_on = date_parse_iso(ra, strlen(ra), &raised) == 0 ? raised : DATE_NONE,
                .answered_on =
                    date_parse_iso(an, strlen(an), &answered) == 0 ? answered : DATE_NONE};
            Date at = today(call);
            json_object_set_new(obj, "deadline",
                                date_json(is.raised_on == DATE_NONE
                                              ? DATE_NONE
                                              : governance_issue_deadline(is.raised_on)));
            json_object_set_new(
                obj, "state", json_string(governance_state_name(governance_issue_state(&is, at))));
        }
        json_array_append_new(list, obj);
    }
    json_t *m = meta(call);
    json_object_set_new(m, "seeded", json_boolean(rows.seeded));
    json_object_set_new(m, "total", json_integer(rows.n_rows));
    svc_gov_rows_free(&rows);
    return web_ok(call->res, list, m);
}

/* The prefix of a new row's id by table. */
static const char *id_prefix(GovTableId t)
{
    static const char *const prefixes[GOV_TABLE_COUNT] = {"G", "W", "M", "A", "E",
                                                          "I", "P", "N", "T", "S"};
    return prefixes[t];
}

int api_governance_record(WebCall *call)
{
    const GovTable *t = path_table(call);
    if (!t) return 404;
    json_t *body = api_json_body(call);
    if (!body) return 400;
    const char *columns[GOV_MAX_COLUMNS], *values[GOV_MAX_COLUMNS];
    char names[GOV_MAX_COLUMNS][48];
    int n = 0;
    const char *key;
    json_t *value;
    json_object_foreach(body, key, value)
    {
        if (n == GOV_MAX_COLUMNS || (!json_is_string(value) && !json_is_null(value))) {
            json_decref(body);
            return web_error(call->res, 400, "invalid", key,
                             "%.40s must be a string, and the body has at most %d fields", key,
                             GOV_MAX_COLUMNS);
        }
        size_t i = 0;
        for (; key[i] && i + 1 < sizeof names[n]; i++)
            names[n][i] = (char)toupper((unsigned char)key[i]);
        names[n][i] = '\0';
        columns[n] = names[n];
        values[n++] = json_is_string(value) ? json_string_value(value) : "";
    }
    char id[GOV_ID_LEN] = "";
    Err err = {0};
    int rc = svc_gov_record(call->app->ctx, call->app->db_path, t->id, columns, values, n,
                            id_prefix(t->id), &call->actor, call->req->origin, id, &err);
    json_decref(body);
    if (rc < 0) {
        char field[48];
        lower(err.param[0] ? err.param : err.field, field, sizeof field);
        snprintf(err.param, sizeof err.param, "%.31s", field);
        err.line = 0;
        return web_error_from(call->res, &err);
    }
    json_t *doc =
        json_pack("{s:{s:s, s:s}, s:o}", "data", "table", t->name, "id", id, "meta", meta(call));
    web_json(call->res, 201, doc);
    json_decref(doc);
    return 201;
}

int api_you_said(WebCall *call)
{
    GovYouSaid *v;
    int n;
    Err err = {0};
    if (svc_gov_you_said(call->app->db_path, &v, &n, &err) < 0)
        return web_error_from(call->res, &err);
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:b}", "month", v[i].month,
                                              "you_said", v[i].issue, "we_did", v[i].we_did,
                                              "answered_in_28_days", v[i].answered_in_time));
    svc_gov_you_said_free(v, n);
    return web_ok(call->res, list, NULL);
}
