/* api_validation: GET /api/v1/validation — the validation of the return
 * stored in the database for a collection year: every rule's outcome, and the
 * failing rows with their affected cells, filterable by rule and child and
 * paginated. It reads the database (the 903 tables as stored, which the
 * snapshot does not hold), like `carepledge validate --db`. */
#include "web/api.h"

#include "render/vreport.h"
#include "service/svc_validate.h"

#include <stdlib.h>
#include <string.h>

int api_year_param(WebCall *call, int *year)
{
    const char *text = web_param(call->req, "year");
    *year = 0;
    if (!text) return 0;
    int start, end;
    char tail;
    if (sscanf(text, "%4d/%2d%c", &start, &end, &tail) == 2 && strlen(text) == 7 &&
        (start + 1) % 100 == end) {
        *year = start + 1;
        return 0;
    }
    return web_error(call->res, 400, "invalid", "year",
                     "year '%.20s' is not a collection year YYYY/YY", text);
}

static bool issue_wanted(const WebCall *call, const VReturn *r, const VResult *res,
                         const VIssue *is)
{
    const char *rule = web_param(call->req, "rule");
    const char *child = web_param(call->req, "child");
    if (rule && strcmp(res->outcomes[is->outcome].rule->code, rule) != 0) return false;
    const char *id = validate_issue_child(r, is);
    return !child || (id && strcmp(id, child) == 0);
}

int api_validation(WebCall *call)
{
    int year;
    long page = 1, per_page = 100;
    if (api_year_param(call, &year)) return 400;
    const char *p = web_param(call->req, "page"), *pp = web_param(call->req, "per_page");
    if (p) page = strtol(p, NULL, 10);
    if (pp) per_page = strtol(pp, NULL, 10);
    if (page < 1 || per_page < 1 || per_page > 500)
        return web_error(call->res, 400, "invalid", page < 1 ? "page" : "per_page",
                         "page must be 1 or more and per_page from 1 to 500");
    ValidateRequest req = {.db_path = call->app->db_path, .year = year};
    ValidateResult out;
    Err err = {0};
    if (svc_validate_run(call->app->ctx, &req, &call->actor, &out, &err) < 0) {
        svc_validate_free(&out);
        return web_error_from(call->res, &err);
    }
    json_t *rules = json_array();
    for (int i = 0; i < out.res.n_outcomes; i++)
        json_array_append_new(rules, vreport_rule_json(&out.res.outcomes[i]));
    json_t *issues = json_array();
    long total = 0, first = (page - 1) * per_page;
    for (size_t i = 0; i < out.res.n_issues; i++) {
        const VIssue *is = &out.res.issues[i];
        if (!issue_wanted(call, &out.ret, &out.res, is)) continue;
        if (total >= first && total < first + per_page)
            json_array_append_new(issues, vreport_issue_json(&out.ret, &out.res, is));
        total++;
    }
    json_t *m = json_pack("{s:I, s:i, s:I, s:i, s:i}", "commit", (json_int_t)call->snap->ds.commit,
                          "year", out.year, "total", (json_int_t)total, "page", (int)page,
                          "per_page", (int)per_page);
    svc_validate_free(&out);
    return web_ok(call->res, json_pack("{s:o, s:o}", "rules", rules, "issues", issues), m);
}
