/* svc_pack: see svc_pack.h. Each section comes from the service that owns it
 * (svc_scorecard, svc_profile_run, svc_governance, svc_survey,
 * svc_forecast), over one
 * history loaded once; this file only chooses the dates and rounds, and
 * protects the sections for publication in one function. */
#include "service/svc_pack.h"

#include "domain/disclosure.h"
#include "domain/survey_result.h"
#include "service/svc_publish.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int svc_pack_quarter(const char *text, Date *out, Err *err)
{
    int year, q, used = 0;
    if (!text || sscanf(text, "%4dQ%1d%n", &year, &q, &used) != 2 || text[used] != '\0' ||
        strlen(text) != 6 || q < 1 || q > 4 || year < 2000 || year > 2100)
        return service_invalid(err, "quarter",
                               "'%s' is not a quarter: write the year and the calendar quarter, "
                               "2009Q4 for October to December 2009",
                               text ? text : "");
    static const int last_month[] = {3, 6, 9, 12}, last_day[] = {31, 30, 30, 31};
    *out = date_from_ymd(year, last_month[q - 1], last_day[q - 1]);
    return 0;
}

/* The last collection year (1 April to 31 March) ended on or before at. */
static int last_complete_year(Date at)
{
    int year = date_collection_year(at);
    return at >= date_collection_year_end(year) ? year : year - 1;
}

static int check_request(const PackRequest *req, Err *err)
{
    if (req->at == DATE_NONE || req->at < date_from_ymd(2001, 4, 1))
        return service_invalid(err, "date", "must be a date from 1 April 2001 (a year of returns)");
    if (req->publish && (req->threshold < 1 || req->threshold > 100))
        return service_invalid(err, "threshold", "must be a whole number from 1 to 100");
    return 0;
}

/* Unpublished, the scorecard and the profile are built here; published,
 * in svc_pack_protect, as one publication. */
static int scorecard_section(const AppContext *ctx, const ServiceData *data, const PackRequest *req,
                             const Actor *actor, PackResult *out, Err *err)
{
    ScorecardRequest sr = {
        .year = out->score_year,
        .years = PACK_TREND_YEARS,
        .threads = req->threads,
    };
    return svc_scorecard_run(ctx, data, &sr, actor, &out->scorecard, err);
}

static int profile_section(const AppContext *ctx, const ServiceData *data, const Actor *actor,
                           PackResult *out, Err *err)
{
    ProfileRequest pr = {.at = out->at, .rules = LEAVER_RULES_CURRENT};
    return svc_profile_run(ctx, data, &pr, actor, &out->profile, err);
}

/* The governance tables the pack shows; a database that predates them has
 * none (has_governance false), which is no error here. */
static int governance_section(const ServiceData *data, const Actor *actor, PackResult *out,
                              Err *err)
{
    Err quiet = {0};
    int rc = svc_gov_due(data->db_path, out->year, out->at, actor, &out->due, &quiet);
    if (rc < 0) {
        if (quiet.code == ERR_STATE) return 0;
        *err = quiet;
        return rc;
    }
    out->has_governance = true;
    rc = svc_gov_list(data->db_path, GOV_PRIORITIES, actor, &out->priorities, err);
    if (rc == 0) rc = svc_gov_list(data->db_path, GOV_PROGRESS, actor, &out->progress, err);
    if (rc == 0) rc = svc_gov_list(data->db_path, GOV_ISSUES, actor, &out->issues, err);
    if (rc == 0) rc = svc_gov_list(data->db_path, GOV_SCRUTINY, actor, &out->scrutiny, err);
    if (rc == 0)
        rc = svc_gov_participation(data, data->db_path, out->year, out->at, false, false, 0, actor,
                                   &out->participation, err);
    return rc;
}

/* The newest survey round opened on or before at, if any. A database without
 * the survey's tables has none. */
static int survey_section(const AppContext *ctx, const ServiceData *data, const Actor *actor,
                          PackResult *out, Err *err)
{
    SurveyRoundInfo *rounds = NULL;
    int n = 0;
    Err quiet = {0};
    if (svc_survey_rounds(data->db_path, actor, &rounds, &n, &quiet) < 0) return 0;
    char at[DATE_FMT_LEN];
    date_format_iso(out->at, at);
    const char *chosen = NULL;
    for (int i = 0; i < n && !chosen; i++) /* newest first */
        if (strcmp(rounds[i].opened, at) <= 0) chosen = rounds[i].name;
    int rc = 0;
    if (chosen) {
        /* Published, its tables are layers of the pack's publication
         * (svc_pack_protect). */
        SurveyResultsRequest sr = {.round = chosen};
        rc = svc_survey_results(ctx, data->db_path, &sr, actor, &out->survey, err);
        out->has_survey = rc == 0;
    }
    free(rounds);
    return rc;
}

/* The latest stored forecast, whose back-test the pack quotes. A database
 * that predates the stored forecasts has none, which is no error here. */
static int latest_stored_forecast(const ServiceData *data, const Actor *actor, PackResult *out)
{
    ForecastStored *list = NULL;
    int n = 0;
    Err quiet = {0};
    if (svc_forecast_stored_list(data->db_path, actor, &list, &n, &quiet) < 0) return 0;
    for (int i = 0; i < n; i++) /* the latest first: keep it, free the rest */
        if (i == 0) {
            out->stored_forecast = list[0];
            out->has_stored_forecast = true;
        } else {
            svc_forecast_stored_free(&list[i]);
        }
    free(list);
    return 0;
}

/* The placement forecast from the pack's date, unpublished packs only. */
static int forecast_section(const AppContext *ctx, const ServiceData *data, const PackRequest *req,
                            const Actor *actor, PackResult *out, Err *err)
{
    ForecastRequest fr = {.from = out->at,
                          .years = PACK_FORECAST_YEARS,
                          .window = PACK_FORECAST_WINDOW,
                          .runs = PACK_FORECAST_RUNS,
                          .seed = 1,
                          .threads = req->threads};
    int rc = svc_forecast_run(ctx, data, &fr, actor, &out->forecast, err);
    out->has_forecast = rc == 0;
    return rc < 0 ? rc : latest_stored_forecast(data, actor, out);
}

int svc_pack_run(const AppContext *ctx, const ServiceData *data, const PackRequest *req,
                 const Actor *actor, PackResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = context_require(ctx, CONTEXT_CALENDAR | CONTEXT_CATALOGUE, err);
    if (rc == 0) rc = check_request(req, err);
    if (rc == 0 && !data->db_path)
        rc = err_set(err, ERR_INTERNAL, "the pack reads the governance tables: name the database");
    if (rc < 0) return rc;
    out->at = req->at;
    out->year = date_collection_year(req->at);
    out->score_year = last_complete_year(req->at);
    out->publish = req->publish;
    out->threshold = req->threshold;
    if (req->label)
        snprintf(out->label, sizeof out->label, "%s", req->label);
    else
        date_format_iso(req->at, out->label);
    /* One history for every section: the front end's snapshot, or loaded once. */
    const Dataset *ds;
    rc = service_dataset(data, STORE_LOAD_ALL, &out->owned, &ds, err);
    if (rc < 0) return rc;
    ServiceData shared = {.db_path = data->db_path, .snapshot = ds};
    rc = governance_section(&shared, actor, out, err);
    if (rc == 0) rc = survey_section(ctx, &shared, actor, out, err);
    if (rc < 0) return rc;
    if (req->publish) return svc_pack_protect(ctx, &shared, req, actor, out, err);
    rc = scorecard_section(ctx, &shared, req, actor, out, err);
    if (rc == 0) rc = profile_section(ctx, &shared, actor, out, err);
    return rc < 0 ? rc : forecast_section(ctx, &shared, req, actor, out, err);
}

/* The scorecard and the profile as one publication (svc_publish), taken into
 * the pack; pub is left open for further layers. */
static int publish_scorecard_and_profile(const AppContext *ctx, const ServiceData *data,
                                         const PackRequest *req, const Actor *actor, PackResult *r,
                                         PublishResult *pub, Err *err)
{
    PublishRequest pr = {.year = r->score_year,
                         .years = PACK_TREND_YEARS,
                         .threshold = req->threshold,
                         .rules = LEAVER_RULES_CURRENT,
                         .threads = req->threads,
                         .profile_at = r->at};
    int rc = svc_publish_run(ctx, data, &pr, actor, pub, err);
    r->scorecard = pub->scorecard; /* the pack frees it from now on */
    memset(&pub->scorecard, 0, sizeof pub->scorecard);
    r->profile = pub->profile;
    return rc;
}

/* Each question's results as a layer of the publication: linked to no other
 * count, they have the marks of `survey results --publish` and of the
 * scorecard's survey figures for the same answers (domain/survey_result.h). */
static int publish_survey(SurveyResults *s, Publication *pub, Err *err)
{
    s->publish = true;
    s->threshold = pub->threshold;
    for (int i = 0; i < s->n; i++) {
        int rc = survey_result_publish_layer(&s->items[i].result, pub, err);
        if (rc < 0) return rc;
    }
    return 0;
}

int svc_pack_protect(const AppContext *ctx, const ServiceData *data, const PackRequest *req,
                     const Actor *actor, PackResult *r, Err *err)
{
    PublishResult pub;
    int rc = publish_scorecard_and_profile(ctx, data, req, actor, r, &pub, err);
    if (rc == 0 && r->has_governance)
        rc = governance_participation_publish_layers(&r->participation.tally, &pub.publication,
                                                     &r->participation.published, err);
    if (rc == 0 && r->has_survey) rc = publish_survey(&r->survey, &pub.publication, err);
    svc_publish_free(&pub);
    return rc;
}

void svc_pack_free(PackResult *r)
{
    svc_scorecard_free(&r->scorecard);
    svc_gov_due_free(&r->due);
    svc_gov_rows_free(&r->priorities);
    svc_gov_rows_free(&r->progress);
    svc_gov_rows_free(&r->issues);
    svc_gov_rows_free(&r->scrutiny);
    svc_gov_participation_free(&r->participation);
    svc_survey_results_free(&r->survey);
    svc_forecast_free(&r->forecast);
    if (r->has_stored_forecast) svc_forecast_stored_free(&r->stored_forecast);
    dataset_free(&r->owned);
    memset(r, 0, sizeof *r);
}
