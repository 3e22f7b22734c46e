/* survey: see survey.h and docs/survey.md. */
#include "domain/survey.h"

#include "base/mem.h"
#include "domain/publication.h"
#include "domain/survey_result.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const version_names[SURVEY_N_VERSIONS] = {"under_8", "age_8_11", "age_11_18",
                                                             "care_leaver"};
static const char *const version_labels[SURVEY_N_VERSIONS] = {"under 8", "8 to 11", "11 to 18",
                                                              "care leavers"};
static const char *const answer_names[SURVEY_N_ANSWERS] = {"always", "mostly", "sometimes",
                                                           "never"};
static const char *const answer_labels[SURVEY_N_ANSWERS] = {"Always", "Mostly", "Sometimes",
                                                            "Never"};

const char *survey_version_name(SurveyVersion v)
{
    return v >= 0 && v < SURVEY_N_VERSIONS ? version_names[v] : "";
}

const char *survey_version_label(SurveyVersion v)
{
    return v >= 0 && v < SURVEY_N_VERSIONS ? version_labels[v] : "";
}

int survey_version_parse(const char *name)
{
    for (int v = 0; name && v < SURVEY_N_VERSIONS; v++)
        if (strcmp(name, version_names[v]) == 0) return v;
    return -1;
}

const char *survey_answer_name(SurveyAnswer a)
{
    return a >= 0 && a < SURVEY_N_ANSWERS ? answer_names[a] : "";
}

const char *survey_answer_label(SurveyAnswer a)
{
    return a >= 0 && a < SURVEY_N_ANSWERS ? answer_labels[a] : "";
}

int survey_answer_parse(const char *name)
{
    for (int a = 0; name && a < SURVEY_N_ANSWERS; a++)
        if (strcasecmp(name, answer_names[a]) == 0) return a;
    return -1;
}

/* ---- Tallies ---------------------------------------------------------------- */

static SurveyTally *find(const SurveyTallies *t, const char *question, int year)
{
    for (int i = 0; i < t->n; i++)
        if (t->items[i].year == year && strcmp(t->items[i].question, question) == 0)
            return &t->items[i];
    return NULL;
}

void survey_tallies_add(SurveyTallies *t, const char *question, int year, SurveyVersion v,
                        SurveyAnswer a, long count)
{
    SurveyTally *tally = find(t, question, year);
    if (!tally) {
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 32;
            t->items = xrealloc(t->items, (size_t)t->cap * sizeof *t->items);
        }
        tally = &t->items[t->n++];
        memset(tally, 0, sizeof *tally);
        snprintf(tally->question, sizeof tally->question, "%s", question);
        tally->year = year;
    }
    tally->count[v][a] += count;
}

const SurveyTally *survey_tallies_find(const SurveyTallies *t, const char *question, int year)
{
    return t ? find(t, question, year) : NULL;
}

void survey_tallies_free(SurveyTallies *t)
{
    free(t->items);
    memset(t, 0, sizeof *t);
}

/* ---- Results ---------------------------------------------------------------- */

static void count_text(long v, bool withheld, char *buf)
{
    if (withheld)
        snprintf(buf, DISC_TEXT_LEN, "c");
    else
        snprintf(buf, DISC_TEXT_LEN, "%ld", v);
}

/* Fills the texts of out, nothing withheld (survey_result.c writes the
 * published ones). */
static void write_texts(SurveyResult *out)
{
    enum { V = SURVEY_N_VERSIONS, A = SURVEY_N_ANSWERS };
    for (int v = 0; v < V; v++) {
        for (int a = 0; a < A; a++) count_text(out->count[v][a], false, out->count_text[v][a]);
        count_text(out->by_version[v], false, out->by_version_text[v]);
    }
    for (int a = 0; a < A; a++) count_text(out->by_answer[a], false, out->by_answer_text[a]);
    out->answered_withheld = out->agree_withheld = false;
    count_text(out->answered, false, out->answered_text);
    count_text(out->agree, false, out->agree_text);
    disc_percent_text(out->agree, false, out->answered, false, out->percent_text);
}

int survey_result_build(const SurveyTally *tally, bool publish, int threshold, SurveyResult *out,
                        Err *err)
{
    enum { V = SURVEY_N_VERSIONS, A = SURVEY_N_ANSWERS };
    memset(out, 0, sizeof *out);
    for (int v = 0; tally && v < V; v++)
        for (int a = 0; a < A; a++) {
            long c = tally->count[v][a];
            out->count[v][a] = c;
            out->by_answer[a] += c;
            out->by_version[v] += c;
            out->answered += c;
        }
    out->agree = out->by_answer[SURVEY_ALWAYS] + out->by_answer[SURVEY_MOSTLY];
    if (!publish) {
        write_texts(out);
        return 0;
    }
    /* One layer of a publication of its own: the same marks as the layer this
     * tally is in any publication (domain/survey_result.h). */
    Publication pub;
    publication_init(&pub, threshold > 0 ? threshold : DISC_DEFAULT_THRESHOLD);
    int rc = survey_result_publish_layer(out, &pub, err);
    publication_free(&pub);
    return rc;
}

/* ---- Codes ------------------------------------------------------------------ */

const char survey_code_alphabet[33] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

int survey_code_normalise(const char *typed, char out[SURVEY_CODE_CHARS + 1])
{
    int n = 0;
    for (const char *p = typed ? typed : ""; *p; p++) {
        if (*p == ' ' || *p == '-' || *p == '\t') continue;
        char c = (char)toupper((unsigned char)*p);
        if (!strchr(survey_code_alphabet, c) || n == SURVEY_CODE_CHARS) return -1;
        out[n++] = c;
    }
    out[n] = '\0';
    return n == SURVEY_CODE_CHARS ? 0 : -1;
}

void survey_code_format(const char *code, char out[SURVEY_CODE_TEXT])
{
    snprintf(out, SURVEY_CODE_TEXT, "%.4s-%.4s-%.4s", code, code + 4, code + 8);
}
