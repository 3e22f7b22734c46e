/* survey: the young people's Pledge survey as figures (docs/survey.md). Its
 * answers are counts per round, question, age version and answer, never one
 * row per young person (schema/sqlite/009_survey.sql says why); here they are
 * held per question and collection year (SurveyTallies), turned into each
 * question's results with the small-number suppression of every published
 * figure (domain/disclosure), and into the scorecard figure of the question's
 * indicator: those who answered Always or Mostly of those who answered.
 *
 * Also the survey codes' alphabet: a code is 12 letters and digits that cannot
 * be mistaken for one another on paper, written in three groups of four.
 *
 * Pure: no files, no randomness, no I/O. */
#ifndef CAREPLEDGE_SURVEY_H
#define CAREPLEDGE_SURVEY_H

#include "base/err.h"
#include "domain/disclosure.h"

#include <stdbool.h>
#include <stddef.h>

/* The four wordings of every question. */
typedef enum SurveyVersion {
    SURVEY_UNDER_8,
    SURVEY_AGE_8_11,
    SURVEY_AGE_11_18,
    SURVEY_CARE_LEAVER,
    SURVEY_N_VERSIONS
} SurveyVersion;

/* The answers every question takes, in the order asked. */
typedef enum SurveyAnswer {
    SURVEY_ALWAYS,
    SURVEY_MOSTLY,
    SURVEY_SOMETIMES,
    SURVEY_NEVER,
    SURVEY_N_ANSWERS
} SurveyAnswer;

/* "under_8", "age_8_11", "age_11_18", "care_leaver" (as stored). */
const char *survey_version_name(SurveyVersion v);
/* "under 8", "8 to 11", "11 to 18", "care leavers" (as shown). */
const char *survey_version_label(SurveyVersion v);
/* The version named (survey_version_name); -1 when none. */
int survey_version_parse(const char *name);
/* "always", "mostly", "sometimes", "never" (as the API and CSV take them). */
const char *survey_answer_name(SurveyAnswer a);
/* "Always", ... (as shown). */
const char *survey_answer_label(SurveyAnswer a);
/* The answer named, either case; -1 when none. */
int survey_answer_parse(const char *name);

/* Every answer to one question in one collection year (all its rounds). */
typedef struct SurveyTally {
    char question[64]; /* the catalogue indicator id */
    int year;          /* end year: 2010 is 2009/10 */
    long count[SURVEY_N_VERSIONS][SURVEY_N_ANSWERS];
} SurveyTally;

typedef struct SurveyTallies {
    SurveyTally *items;
    int n, cap;
} SurveyTallies;

/* Adds count answers (>= 0) to the tally of question and year, creating it. */
void survey_tallies_add(SurveyTallies *t, const char *question, int year, SurveyVersion v,
                        SurveyAnswer a, long count);
/* The tally of question and year, or NULL when nobody answered it. */
const SurveyTally *survey_tallies_find(const SurveyTallies *t, const char *question, int year);
void survey_tallies_free(SurveyTallies *t);

/* One question's results as they may be shown: every count with its text ("c"
 * when withheld), by version and answer, their totals, and the share answering
 * Always or Mostly. Without publish nothing is withheld. */
typedef struct SurveyResult {
    long count[SURVEY_N_VERSIONS][SURVEY_N_ANSWERS];
    long by_answer[SURVEY_N_ANSWERS];   /* every version */
    long by_version[SURVEY_N_VERSIONS]; /* every answer */
    long answered;
    long agree; /* Always or Mostly */
    bool agree_withheld, answered_withheld;
    char count_text[SURVEY_N_VERSIONS][SURVEY_N_ANSWERS][DISC_TEXT_LEN];
    char by_answer_text[SURVEY_N_ANSWERS][DISC_TEXT_LEN];
    char by_version_text[SURVEY_N_VERSIONS][DISC_TEXT_LEN];
    char answered_text[DISC_TEXT_LEN];
    char agree_text[DISC_TEXT_LEN];   /* the count, or "c" */
    char percent_text[DISC_TEXT_LEN]; /* whole number, "c" or "z" (nobody answered) */
} SurveyResult;

/* The results of one tally (NULL: nobody answered). With publish, the counts
 * (versions as rows, answers as columns, both totals, and Always or Mostly
 * with the rest of those who answered) are protected as one layer of a
 * publication of their own (domain/survey_result.h), which gives them the
 * same marks as in any publication that holds them: the scorecard figure and
 * the pack's survey section are these counts, so no two views of one count
 * can be subtracted. Returns 0, or ERR_INPUT (from disclosure control, which
 * would be a bug). */
int survey_result_build(const SurveyTally *tally, bool publish, int threshold, SurveyResult *out,
                        Err *err);

enum {
    SURVEY_CODE_CHARS = 12,                      /* letters and digits */
    SURVEY_CODE_TEXT = SURVEY_CODE_CHARS + 2 + 1 /* "ABCD-EFGH-JKMN" and its NUL */
};

/* The 32 characters a code is made of: no 0, O, 1 or I. */
extern const char survey_code_alphabet[33];

/* Reads a code as a young person may type it (any case, spaces or dashes
 * anywhere) into its 12 characters, upper case, in out. Returns 0, or -1 when
 * it cannot be a code (a character outside the alphabet, or not 12 of them). */
int survey_code_normalise(const char *typed, char out[SURVEY_CODE_CHARS + 1]);
/* Writes a normalised code as three groups of four. */
void survey_code_format(const char *code, char out[SURVEY_CODE_TEXT]);

#endif
