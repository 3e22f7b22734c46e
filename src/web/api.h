/* api: the handlers of the JSON API, one per route of web/router.c's table.
 * Each reads the request's parameters, calls one service on the server's
 * snapshot and writes the envelope. None checks a role: the router has
 * checked the route's capability before it calls one. What a handler does
 * with the session is scope, not permission: the caller's caseload filters
 * the children listed, and a role that may only see aggregate reports gets
 * the profile published (small counts withheld). */
#ifndef CAREPLEDGE_WEB_API_H
#define CAREPLEDGE_WEB_API_H

#include "web/router.h"

int api_openapi(WebCall *call);
int api_session_create(WebCall *call);
int api_session_delete(WebCall *call);
int api_me(WebCall *call);
int api_worklist(WebCall *call);
int api_children(WebCall *call);
int api_child(WebCall *call);
/* POST /api/v1/children/{id}/records (api_records.c). */
int api_record_create(WebCall *call);
/* PUT /api/v1/children/{id}/records: a correction with its version and reason;
 * GET /api/v1/children/{id}/corrections: the child's corrections (audited)
 * (api_records.c, service/svc_records.h). */
int api_record_correct(WebCall *call);
int api_record_history(WebCall *call);
/* POST /api/v1/imports: the files of a multipart upload (api_records.c). */
int api_import(WebCall *call);
/* GET /api/v1/validation (api_validation.c). */
int api_validation(WebCall *call);
int api_profile(WebCall *call);
/* GET /api/v1/scorecard: the Pledge scorecard of a collection year, as
 * `scorecard --format json` writes it (always published for a role without
 * the unpublished reports). */
int api_scorecard(WebCall *call);
/* The parameter year, "2025/26", as its end year 2026; 0 when absent. Returns
 * 0, or answers 400 (api_validation.c). */
int api_year_param(WebCall *call, int *year);
/* GET /api/v1/forecast: the placement sufficiency forecast as `forecast
 * --format json` writes it (api_forecast.c). */
int api_forecast(WebCall *call);
/* The forecasts kept by name (api_forecast.c; service/svc_forecast.h):
 * GET /api/v1/forecasts lists them, GET /api/v1/forecasts/{id} returns one
 * with its document, POST /api/v1/forecasts runs a scenario from the body
 * and keeps it when given a name. They read the database at each call. */
int api_forecasts_list(WebCall *call);
int api_forecast_stored(WebCall *call);
int api_forecast_scenario(WebCall *call);
/* GET /api/v1/pack: the quarterly pack as a PDF (api_pack.c). */
int api_pack(WebCall *call);
int api_leavers(WebCall *call);
int api_compliance(WebCall *call);
int api_indicators(WebCall *call);
int api_calendar(WebCall *call);

/* The survey (api_survey.c): a code-only session, the questions of an age
 * version, answering with a code, the results, rounds and codes. */
int api_survey_session(WebCall *call);
int api_survey_questions(WebCall *call);
int api_survey_answers(WebCall *call);
int api_survey_results(WebCall *call);
int api_survey_rounds(WebCall *call);
int api_survey_round_create(WebCall *call);
int api_survey_codes(WebCall *call);
/* The governance routes (api_governance.c): the due report, CiCC
 * participation, a table's rows, recording a row, and the public "you said,
 * we did". Each reads the database at the call (WebRoute.live). */
int api_governance_due(WebCall *call);
int api_governance_participation(WebCall *call);
int api_governance_list(WebCall *call);
int api_governance_record(WebCall *call);
int api_you_said(WebCall *call);

/* The body as a JSON object, or NULL with 400 answered. */
json_t *api_json_body(WebCall *call);

#endif
