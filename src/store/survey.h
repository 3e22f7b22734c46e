/* store/survey: the tables of the young people's Pledge survey (schema 9:
 * schema/sqlite/009_survey.sql): its rounds, the questions in their four
 * wordings, the hashes of the single-use codes and the answers as counts.
 * Hashing and the rules of a code are service/'s (svc_survey).
 *
 * None of these writes counts as a commit of the history (store_commits):
 * the survey changes no child's record, and a Dataset loaded before an answer
 * is still current. */
#ifndef CAREPLEDGE_STORE_SURVEY_H
#define CAREPLEDGE_STORE_SURVEY_H

#include "base/err.h"
#include "domain/survey.h"
#include "store/store.h"

#include <stdbool.h>

enum { STORE_SURVEY_SCHEMA = 9, STORE_SURVEY_HASH_HEX = 64 };

/* Whether the database has the survey's tables (a read-only open of an older
 * database has none: then there are no rounds and no answers). */
bool store_survey_present(Store *s);

typedef struct StoreSurveyRound {
    long long id;
    char name[96];
    int year;        /* end year of the collection year it reports on */
    char opened[16]; /* YYYY-MM-DD */
    bool closed;
    char salt[STORE_SURVEY_HASH_HEX + 1];
    long codes, used; /* codes issued, and used (read only) */
} StoreSurveyRound;

/* Adds a round (id ignored; *id set); ERR_CONFLICT when the name is taken. */
int store_survey_round_add(Store *s, const StoreSurveyRound *r, long long *id, Err *err);
/* Every round, newest first; free *out with free(). */
int store_survey_rounds(Store *s, StoreSurveyRound **out, int *n, Err *err);
/* The round named; ERR_NOT_FOUND when none. */
int store_survey_round_find(Store *s, const char *name, StoreSurveyRound *out, Err *err);
/* Closes a round: its codes can no longer be used. */
int store_survey_round_close(Store *s, long long id, Err *err);

/* Adds n code hashes (hex) to a round, all or none. */
int store_survey_codes_add(Store *s, long long round_id,
                           const char (*hashes)[STORE_SURVEY_HASH_HEX + 1], int n, Err *err);

typedef struct StoreSurveyCode {
    char hash[STORE_SURVEY_HASH_HEX + 1];
    long long round_id;
    bool used;
} StoreSurveyCode;
/* Every code of the open rounds, used or not, in hash order; free with free(). */
int store_survey_open_codes(Store *s, StoreSurveyCode **out, int *n, Err *err);

typedef struct StoreSurveyAnswer {
    const char *question; /* survey_questions.id */
    SurveyVersion version;
    SurveyAnswer answer;
    long count;
} StoreSurveyAnswer;

/* In one transaction: marks the unused code of hash in the open round used,
 * and adds the answers to the round's counts. ERR_CONFLICT, with nothing
 * changed, when the code is not there unused (used meanwhile, or its round
 * closed). */
int store_survey_use_code(Store *s, const char *hash, long long round_id,
                          const StoreSurveyAnswer *answers, int n, Err *err);
/* Adds answers to a round's counts (paper questionnaires), all or none. A
 * question that does not exist fails with ERR_NOT_FOUND naming it. */
int store_survey_add_answers(Store *s, long long round_id, const StoreSurveyAnswer *answers, int n,
                             Err *err);

/* One line of paper answers, its round named. */
typedef struct StoreSurveyImportRow {
    const char *round;
    StoreSurveyAnswer answer;
} StoreSurveyImportRow;
/* In one transaction: opens the new rounds (closed as given), then adds every
 * row's answers to its round. All or nothing. */
int store_survey_import(Store *s, const StoreSurveyRound *new_rounds, int n_new,
                        const StoreSurveyImportRow *rows, int n, Err *err);

typedef struct StoreSurveyQuestion {
    char id[64];
    char promise[8];
    int position;
    char *wording[SURVEY_N_VERSIONS]; /* NULL: not asked of that version */
} StoreSurveyQuestion;
/* The questions in the order asked. Free with store_survey_questions_free. */
int store_survey_questions(Store *s, StoreSurveyQuestion **out, int *n, Err *err);
void store_survey_questions_free(StoreSurveyQuestion *q, int n);

/* Adds the answers of one round (round_id > 0) or of every round (0) to out,
 * by question and the year of their round. */
int store_survey_tallies(Store *s, long long round_id, SurveyTallies *out, Err *err);

#endif
