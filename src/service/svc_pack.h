/* svc_pack: the quarterly pack for the Strategy Group and the Corporate
 * Parenting Panel (issue 11, item 6; docs/governance.md, "The quarterly
 * pack"): every section's figures gathered for one date — the Pledge
 * scorecard of the last complete collection year with its trend, the profile
 * of children in care and care leavers on the date, the action plan, the CiCC
 * issues and their written answers (promise 3.13), the young people's survey,
 * CiCC participation, the members' scrutiny items and what the terms of
 * reference make regular. render/pack_write.h draws it as one PDF.
 *
 * The history is loaded once (or the front end's snapshot read) and shared by
 * every section. With publish, every section's counts are withheld as its own
 * publication rules say, in one place (svc_pack_protect). Reads only. */
#ifndef CAREPLEDGE_SVC_PACK_H
#define CAREPLEDGE_SVC_PACK_H

#include "base/date.h"
#include "base/err.h"
#include "service/context.h"
#include "service/service.h"
#include "service/svc_care.h"
#include "service/svc_governance.h"
#include "service/svc_scorecard.h"
#include "service/svc_survey.h"

#include <stdbool.h>

enum { PACK_TREND_YEARS = 4 }; /* years shown before the scorecard's year */

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
    Dataset owned;        /* the history loaded, when no snapshot was given */
} PackResult;

/* Gathers the pack. Returns 0, ERR_USAGE (threshold out of range, a date
 * before 2000: err->param names it) or a loading error. Free out with
 * svc_pack_free either way. */
int svc_pack_run(const AppContext *ctx, const ServiceData *data, const PackRequest *req,
                 const Actor *actor, PackResult *out, Err *err);
void svc_pack_free(PackResult *r);

/* THE PLACE WHERE THE PACK IS PROTECTED FOR PUBLICATION. Each section is
 * protected by its own rules today: the scorecard as one system
 * (scorecard_publish, applied when it is built with publish), the survey's
 * tables (survey_result_build, likewise), the profile (profile_publish) and
 * participation (governance_participation_publish), applied here. The counts
 * shared between sections (children in care on a date in the profile and a
 * scorecard cohort, say) are not yet one system: at merge this function is to
 * hand every section's counts to the joint protection of several outputs
 * (domain/publication) instead. Returns 0 or ERR_INPUT (a table that does not
 * add up: a bug). */
int svc_pack_protect(PackResult *r, Err *err);

#endif
