/* svc_pack: the quarterly pack for the Strategy Group and the Corporate
 * Parenting Panel (issue 11, item 6; docs/governance.md, "The quarterly
 * pack"): every section's figures gathered for one date — the Pledge
 * scorecard of the last complete collection year with its trend, the profile
 * of children in care and care leavers on the date, the action plan, the CiCC
 * issues and their written answers (promise 3.13), the young people's survey,
 * CiCC participation, the members' scrutiny items and what the terms of
 * reference make regular, and (unpublished) the placement forecast.
 * render/pack_write.h draws it as one PDF.
 *
 * The history is loaded once (or the front end's snapshot read) and shared by
 * every section. With publish, the counts are withheld in one place
 * (svc_pack_protect): the whole pack as one publication. Reads only. */
#ifndef CAREPLEDGE_SVC_PACK_H
#define CAREPLEDGE_SVC_PACK_H

#include "base/date.h"
#include "base/err.h"
#include "service/context.h"
#include "service/service.h"
#include "service/svc_care.h"
#include "service/svc_forecast.h"
#include "service/svc_governance.h"
#include "service/svc_scorecard.h"
#include "service/svc_survey.h"

#include <stdbool.h>

enum { PACK_TREND_YEARS = 4 }; /* years shown before the scorecard's year */

/* The placement forecast of the pack (issue 15 item 5; docs/forecast.md):
 * from the pack's date, PACK_FORECAST_YEARS ahead, rates from the
 * PACK_FORECAST_WINDOW years before it and PACK_FORECAST_RUNS futures, seed
 * 1 so that the same data gives the same pack. No back-test is run: its
 * rates at every earlier 31 March would double the pack's time (0.9 s more
 * on 100,000 children with even one future an origin); the pack shows the
 * back-test kept with the latest stored forecast instead. */
enum {
    PACK_FORECAST_YEARS = 3,
    PACK_FORECAST_WINDOW = 3,
    PACK_FORECAST_RUNS = 200,
};

/* The last day of a calendar quarter written YYYYQn ("2009Q4" is October to
 * December 2009: 31 December 2009). Returns 0, or ERR_USAGE naming "quarter". */
int svc_pack_quarter(const char *text, Date *out, Err *err);

typedef struct PackRequest {
    Date at;           /* the pack's date: a quarter's last day, or any date */
    const char *label; /* the quarter as asked ("2009Q4"), or NULL: the date is the label */
    bool publish;      /* withhold small counts in every section */
    int threshold;     /* the largest count withheld, 1 to 100, when publishing */
    int threads;       /* for the scorecard; 0: one per processor */
} PackRequest;

typedef struct PackResult {
    Date at;
    char label[32];
    int year;       /* the collection year at is in: the governance sections */
    int score_year; /* the last collection year ended on or before at: the scorecard */
    bool publish;
    int threshold;
    ScorecardResult scorecard; /* score_year and PACK_TREND_YEARS before it */
    ProfileResult profile;     /* on at */
    bool has_governance;       /* false: the database predates the governance tables */
    GovDueReport due;          /* the regular items, issues and actions on at */
    GovRows priorities, progress, issues, scrutiny;
    GovParticipation participation;
    bool has_survey;      /* false: no survey round opened by at */
    SurveyResults survey; /* the newest round opened on or before at */
    /* The placement forecast from at; false when published: a model's
     * output from counts of children this publication does not protect, so
     * the published pack leaves it out (docs/disclosure.md). */
    bool has_forecast;
    ForecastResult forecast;
    /* The latest forecast stored (forecast --save), for its back-test;
     * has_stored_forecast false when none is. */
    bool has_stored_forecast;
    ForecastStored stored_forecast;
    Dataset owned; /* the history loaded, when no snapshot was given */
} PackResult;

/* Gathers the pack. Returns 0, ERR_USAGE (threshold out of range, a date
 * before 2000: err->param names it) or a loading error. Free out with
 * svc_pack_free either way. */
int svc_pack_run(const AppContext *ctx, const ServiceData *data, const PackRequest *req,
                 const Actor *actor, PackResult *out, Err *err);
void svc_pack_free(PackResult *r);

/* THE PLACE WHERE THE PACK IS PROTECTED FOR PUBLICATION (issue 11 item 6,
 * issue 17). Builds the scorecard (score_year with its trend) and the profile
 * on at as ONE publication (svc_publish_run, profile_at = at): the scorecard's
 * figures are those of `scorecard --publish` for score_year, and the profile
 * is protected with them fixed, a row equal to a scorecard denominator of the
 * year shown or withheld with it when at is that year's 31 March; then each
 * survey question's results (domain/survey_result.h) and each participation
 * rule (governance_participation_publish_layers) as further layers of it,
 * linked to no other count, so their marks are those they have alone
 * (docs/disclosure.md, "The quarterly pack"). Called by svc_pack_run with
 * publish after the governance and survey sections are gathered. Returns 0,
 * what svc_publish_run returns, or ERR_INPUT (a table that does not add up:
 * a bug). */
int svc_pack_protect(const AppContext *ctx, const ServiceData *data, const PackRequest *req,
                     const Actor *actor, PackResult *r, Err *err);

#endif
