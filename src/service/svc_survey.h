/* svc_survey: the young people's Pledge survey as use cases (docs/survey.md).
 *
 * A worker opens a round and issues single-use codes, printed once and handed
 * out on paper; nothing records which child got which code. A young person
 * answers with a code: the code is checked against the hashes of every code
 * of the open rounds in constant time, and an unknown code and a used one are
 * refused with the same message after the same work, so a refusal never says
 * whether a code ever existed. The answers are added to the round's counts and
 * the code marked used in one transaction; nothing joins the two. Paper
 * questionnaires come in as counts from a CSV file (svc_survey_import). The
 * results of a round, per promise, are published with the small-number
 * suppression of every published figure (domain/survey). */
#ifndef CAREPLEDGE_SVC_SURVEY_H
#define CAREPLEDGE_SVC_SURVEY_H

#include "base/date.h"
#include "base/err.h"
#include "domain/survey.h"
#include "service/context.h"
#include "service/service.h"

#include <stdbool.h>

typedef struct Store Store;

enum { SVC_SURVEY_MAX_CODES = 2000 }; /* codes issued at once */

/* The one message of every refused code. */
extern const char svc_survey_refusal[];

typedef struct SurveyRoundInfo {
    char name[96];
    int year; /* end year of the collection year it reports on */
    char opened[16];
    bool closed;
    long codes, used;
} SurveyRoundInfo;

typedef struct SurveyRoundRequest {
    const char *name;
    int year;    /* end year: 2026 is 2025/26 */
    Date opened; /* DATE_NONE: today */
} SurveyRoundRequest;

/* Opens a round. ERR_CONFLICT when the name is taken; ERR_USAGE for an empty
 * name ("round") or a year outside 2000..2100 ("year"). */
int svc_survey_round_add(const char *db_path, const SurveyRoundRequest *req, const Actor *actor,
                         Err *err);
/* Closes a round: its unused codes can no longer be used. */
int svc_survey_round_close(const char *db_path, const char *name, const Actor *actor, Err *err);
/* Every round, newest first; free *out with free(). */
int svc_survey_rounds(const char *db_path, const Actor *actor, SurveyRoundInfo **out, int *n,
                      Err *err);

/* Issues count new codes for an open round: returned once in out (formatted
 * "ABCD-EFGH-JKMN"), stored only as hashes. Free *out with free(). */
int svc_survey_codes(const char *db_path, const char *round, int count, const Actor *actor,
                     char (**out)[SURVEY_CODE_TEXT], Err *err);

/* Whether the code can be used now: 0, or ERR_FORBIDDEN with
 * svc_survey_refusal (unknown, used, or its round closed: the same). */
int svc_survey_check_code(const char *db_path, const char *code, Err *err);

typedef struct SurveyGiven {
    const char *question; /* the question's id */
    SurveyAnswer answer;
} SurveyGiven;

typedef struct SurveyTakeRequest {
    const char *code;
    SurveyVersion version;
    const SurveyGiven *answers; /* questions skipped are left out */
    int n_answers;
} SurveyTakeRequest;

/* Records one young person's answers with a code, once. The answers are
 * checked first (ERR_USAGE naming "answers" or "version": a question that is
 * not asked of the version, one answered twice, none at all); then the code,
 * refused as svc_survey_check_code does. Nobody is named: the survey is
 * anonymous. */
int svc_survey_take(const char *db_path, const SurveyTakeRequest *req, Err *err);

typedef struct SurveyQuestionText {
    char id[64];
    char promise[8];
    char *text; /* in the version asked */
} SurveyQuestionText;

typedef struct SurveyQuestions {
    SurveyVersion version;
    SurveyQuestionText *items;
    int n;
} SurveyQuestions;

/* The questions asked of a version, in order. Free with svc_survey_questions_free. */
int svc_survey_questions(const char *db_path, SurveyVersion version, SurveyQuestions *out,
                         Err *err);
void svc_survey_questions_free(SurveyQuestions *q);

typedef struct SurveyPromiseResult {
    char indicator[64]; /* the question's id: the catalogue indicator it measures */
    int promise;
    const char *title; /* the indicator's title */
    char *question;    /* in the 11 to 18 wording, else the care leavers' */
    SurveyResult result;
} SurveyPromiseResult;

typedef struct SurveyResultsRequest {
    const char *round; /* NULL: the newest */
    bool publish;
    int threshold; /* with publish; 0: DISC_DEFAULT_THRESHOLD */
} SurveyResultsRequest;

typedef struct SurveyResults {
    SurveyRoundInfo round;
    bool publish;
    int threshold;
    SurveyPromiseResult *items; /* one per question, in promise order */
    int n;
} SurveyResults;

/* The results of a round per promise. ERR_NOT_FOUND when there is no round.
 * Free with svc_survey_results_free. */
int svc_survey_results(const AppContext *ctx, const char *db_path, const SurveyResultsRequest *req,
                       const Actor *actor, SurveyResults *out, Err *err);
void svc_survey_results_free(SurveyResults *r);

/* Adds paper questionnaires' answers from a CSV file with the columns
 * round,year,question,version,answer,count (docs/survey.md): a round not
 * there yet is opened, closed (paper has no codes). Every problem is reported
 * as file:line:column: FIELD: message, and a file with any problem changes
 * nothing. */
int svc_survey_import(const char *db_path, const char *csv_path, const Actor *actor, Err *err);

/* Every answer of every round, by question and collection year, for the
 * scorecard: nothing (and 0) when the database has no survey. */
int svc_survey_tallies(const char *db_path, SurveyTallies *out, Err *err);
/* The same, read from a store already open (service_open_existing). */
int svc_survey_tallies_in(Store *s, SurveyTallies *out, Err *err);

#endif
