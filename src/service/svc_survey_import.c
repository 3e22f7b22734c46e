/* svc_survey_import: paper questionnaires' answers from a CSV file of counts
 * (svc_survey.h, docs/survey.md). Every line is checked before anything is
 * written; the rounds it opens and the answers it adds are one transaction. */
#include "service/svc_survey.h"

#include "base/csv.h"
#include "base/mem.h"
#include "store/survey.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

enum { COL_ROUND, COL_YEAR, COL_QUESTION, COL_VERSION, COL_ANSWER, COL_COUNT, N_COLS };
static const char *const columns[N_COLS] = {"round",   "year",   "question",
                                            "version", "answer", "count"};

typedef struct Import {
    const char *path;
    Store *store;
    StoreSurveyQuestion *questions;
    int n_questions;
    StoreSurveyRound *rounds; /* the new ones */
    int n_rounds;
    StoreSurveyImportRow *rows;
    int n_rows, cap_rows;
    char **texts; /* the round names and question ids the rows point to */
    int n_texts;
} Import;

static int field_error(Import *im, const CsvField *f, int col, Err *err, const char *msg)
{
    return err_at(err, ERR_INPUT, im->path, f->line, f->column, columns[col], "%s", msg);
}

static char *keep(Import *im, const char *text)
{
    im->texts = xrealloc(im->texts, (size_t)(im->n_texts + 1) * sizeof *im->texts);
    return im->texts[im->n_texts++] = xstrdup(text);
}

/* "2009/10" as its end year 2010; 0 when it is not one. */
static int parse_year(const char *text)
{
    int start, end;
    char tail;
    if (strlen(text) != 7 || sscanf(text, "%4d/%2d%c", &start, &end, &tail) != 2) return 0;
    return (start + 1) % 100 == end && start >= 1999 && start < 2100 ? start + 1 : 0;
}

/* The round of a line: one stored or opened by an earlier line, with the same
 * year; else a new one, closed (paper answers have no codes). */
static int line_round(Import *im, const CsvField *f, int year, Err *err)
{
    const char *name = f[COL_ROUND].text;
    if (!*name || strlen(name) >= sizeof im->rounds->name)
        return field_error(im, &f[COL_ROUND], COL_ROUND, err,
                           "a round needs a name of 1 to 95 characters");
    int have = 0;
    for (int i = 0; i < im->n_rounds; i++)
        if (strcmp(im->rounds[i].name, name) == 0) have = im->rounds[i].year;
    StoreSurveyRound stored;
    Err ignored;
    if (!have && store_survey_round_find(im->store, name, &stored, &ignored) == 0)
        have = stored.year;
    if (have && have != year) {
        char msg[160];
        snprintf(msg, sizeof msg, "round '%.60s' reports on %d/%02d, not this year", name, have - 1,
                 have % 100);
        return field_error(im, &f[COL_YEAR], COL_YEAR, err, msg);
    }
    if (have) return 0;
    im->rounds = xrealloc(im->rounds, (size_t)(im->n_rounds + 1) * sizeof *im->rounds);
    StoreSurveyRound *r = &im->rounds[im->n_rounds++];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "%s", name);
    r->year = year;
    snprintf(r->opened, sizeof r->opened, "%04d-04-01", (year - 1) % 10000);
    r->closed = true;
    unsigned char salt[32];
    randombytes_buf(salt, sizeof salt);
    sodium_bin2hex(r->salt, sizeof r->salt, salt, sizeof salt);
    return 0;
}

static int read_line(Import *im, const CsvField *f, Err *err)
{
    int year = parse_year(f[COL_YEAR].text);
    if (!year)
        return field_error(im, &f[COL_YEAR], COL_YEAR, err,
                           "a collection year is written YYYY/YY, e.g. 2009/10");
    int rc = line_round(im, f, year, err);
    if (rc < 0) return rc;
    int q = 0;
    while (q < im->n_questions && strcmp(im->questions[q].id, f[COL_QUESTION].text) != 0) q++;
    if (q == im->n_questions)
        return field_error(im, &f[COL_QUESTION], COL_QUESTION, err,
                           "not a question of the survey (its indicator id, e.g. survey_know_me)");
    int v = survey_version_parse(f[COL_VERSION].text);
    if (v < 0)
        return field_error(im, &f[COL_VERSION], COL_VERSION, err,
                           "is one of under_8, age_8_11, age_11_18, care_leaver");
    if (!im->questions[q].wording[v])
        return field_error(im, &f[COL_VERSION], COL_VERSION, err,
                           "this question is not asked of this age group");
    int a = survey_answer_parse(f[COL_ANSWER].text);
    if (a < 0)
        return field_error(im, &f[COL_ANSWER], COL_ANSWER, err,
                           "is one of always, mostly, sometimes, never");
    char *end;
    long count = strtol(f[COL_COUNT].text, &end, 10);
    if (!*f[COL_COUNT].text || *end || count < 0 || count > 1000000)
        return field_error(im, &f[COL_COUNT], COL_COUNT, err,
                           "is a whole number of questionnaires from 0 to 1000000");
    if (im->n_rows == im->cap_rows) {
        im->cap_rows = im->cap_rows ? im->cap_rows * 2 : 64;
        im->rows = xrealloc(im->rows, (size_t)im->cap_rows * sizeof *im->rows);
    }
    im->rows[im->n_rows++] = (StoreSurveyImportRow){
        keep(im, f[COL_ROUND].text),
        {keep(im, f[COL_QUESTION].text), (SurveyVersion)v, (SurveyAnswer)a, count}};
    return 0;
}

static int read_file(Import *im, Err *err)
{
    CsvReader r;
    if (csv_open_file(&r, im->path, err) < 0) return err->code;
    int rc = csv_next(&r, err);
    if (rc == 0) rc = err_at(err, ERR_INPUT, im->path, 1, 1, NULL, "the file is empty");
    for (int c = 0; rc > 0 && c < N_COLS; c++)
        if (r.n_fields != N_COLS || strcmp(r.fields[c].text, columns[c]) != 0)
            rc = err_at(err, ERR_INPUT, im->path, 1, 1, NULL,
                        "the first line must be the columns round,year,question,version,answer,"
                        "count");
    while (rc > 0 && (rc = csv_next(&r, err)) > 0) {
        if (r.n_fields != N_COLS)
            rc = err_at(err, ERR_INPUT, im->path, r.record_line, 1, NULL,
                        "%d fields where the header has %d", r.n_fields, N_COLS);
        else
            rc = read_line(im, r.fields, err) < 0 ? err->code : 1;
    }
    csv_close(&r);
    return rc < 0 ? rc : 0;
}

int svc_survey_import(const char *db_path, const char *csv_path, const Actor *actor, Err *err)
{
    if (service_check_actor(actor, err) < 0) return err->code;
    if (sodium_init() < 0) return err_set(err, ERR_INTERNAL, "libsodium cannot start");
    Import im = {.path = csv_path};
    if (store_open(db_path, &im.store, err) < 0) return err->code;
    int rc = store_survey_questions(im.store, &im.questions, &im.n_questions, err);
    if (rc == 0) rc = read_file(&im, err);
    if (rc == 0)
        rc = store_survey_import(im.store, im.rounds, im.n_rounds, im.rows, im.n_rows, err);
    store_close(im.store);
    store_survey_questions_free(im.questions, im.n_questions);
    for (int i = 0; i < im.n_texts; i++) free(im.texts[i]);
    free(im.texts);
    free(im.rounds);
    free(im.rows);
    return rc;
}
