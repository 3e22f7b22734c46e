/* svc_survey: see svc_survey.h and docs/survey.md. */
#include "service/svc_survey.h"

#include "base/csv.h"
#include "base/mem.h"
#include "store/survey.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char svc_survey_refusal[] =
    "this code cannot be used: check it is typed as printed, or ask the person who gave it to "
    "you for a new one";

static int open_store(const char *db_path, Store **s, Err *err)
{
    if (sodium_init() < 0) return err_set(err, ERR_INTERNAL, "libsodium cannot start");
    return store_open(db_path, s, err);
}

static Date today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void round_info(const StoreSurveyRound *r, SurveyRoundInfo *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "%s", r->name);
    out->year = r->year;
    snprintf(out->opened, sizeof out->opened, "%s", r->opened);
    out->closed = r->closed;
    out->codes = r->codes;
    out->used = r->used;
}

/* A new round's salt: 32 random bytes as hex. */
static void new_salt(char out[STORE_SURVEY_HASH_HEX + 1])
{
    unsigned char salt[32];
    randombytes_buf(salt, sizeof salt);
    sodium_bin2hex(out, STORE_SURVEY_HASH_HEX + 1, salt, sizeof salt);
}

/* ---- Rounds ----------------------------------------------------------------- */

int svc_survey_round_add(const char *db_path, const SurveyRoundRequest *req, const Actor *actor,
                         Err *err)
{
    if (service_check_actor(actor, err) < 0) return err->code;
    if (!req->name || !*req->name || strlen(req->name) >= sizeof((StoreSurveyRound *)0)->name)
        return service_invalid(err, "round", "a round needs a name of 1 to 95 characters");
    if (req->year < 2000 || req->year > 2100)
        return service_invalid(err, "year", "a collection year from 1999/00 to 2099/00 is needed");
    StoreSurveyRound r = {.year = req->year};
    snprintf(r.name, sizeof r.name, "%s", req->name);
    date_format_iso(req->opened == DATE_NONE ? today() : req->opened, r.opened);
    Store *s;
    if (open_store(db_path, &s, err) < 0) return err->code;
    new_salt(r.salt);
    long long id;
    int rc = store_survey_round_add(s, &r, &id, err);
    store_close(s);
    return rc;
}

int svc_survey_round_close(const char *db_path, const char *name, const Actor *actor, Err *err)
{
    if (service_check_actor(actor, err) < 0) return err->code;
    Store *s;
    if (open_store(db_path, &s, err) < 0) return err->code;
    StoreSurveyRound r;
    int rc = store_survey_round_find(s, name ? name : "", &r, err);
    if (rc == 0) rc = store_survey_round_close(s, r.id, err);
    store_close(s);
    if (rc == ERR_NOT_FOUND) err_param(err, "round");
    return rc;
}

int svc_survey_rounds(const char *db_path, const Actor *actor, SurveyRoundInfo **out, int *n,
                      Err *err)
{
    *out = NULL;
    *n = 0;
    if (service_check_actor(actor, err) < 0) return err->code;
    Store *s;
    if (store_open_read(db_path, &s, err) < 0) return err->code;
    StoreSurveyRound *rounds;
    int rc = store_survey_rounds(s, &rounds, n, err);
    store_close(s);
    if (rc < 0) return rc;
    *out = xcalloc((size_t)*n + 1, sizeof **out);
    for (int i = 0; i < *n; i++) round_info(&rounds[i], &(*out)[i]);
    free(rounds);
    return 0;
}

/* ---- Codes ------------------------------------------------------------------ */

/* The hash of a normalised code under a round's salt: keyed BLAKE2b-256, hex. */
static void code_hash(const char *code, const char *salt_hex, char out[STORE_SURVEY_HASH_HEX + 1])
{
    unsigned char key[32] = {0}, hash[32];
    size_t key_len = 0;
    sodium_hex2bin(key, sizeof key, salt_hex, strlen(salt_hex), NULL, &key_len, NULL);
    crypto_generichash(hash, sizeof hash, (const unsigned char *)code, strlen(code), key,
                       sizeof key);
    sodium_bin2hex(out, STORE_SURVEY_HASH_HEX + 1, hash, sizeof hash);
}

static void random_code(char out[SURVEY_CODE_CHARS + 1])
{
    for (int i = 0; i < SURVEY_CODE_CHARS; i++)
        out[i] = survey_code_alphabet[randombytes_uniform(32)];
    out[SURVEY_CODE_CHARS] = '\0';
}

int svc_survey_codes(const char *db_path, const char *round, int count, const Actor *actor,
                     char (**out)[SURVEY_CODE_TEXT], Err *err)
{
    *out = NULL;
    if (service_check_actor(actor, err) < 0) return err->code;
    if (count < 1 || count > SVC_SURVEY_MAX_CODES)
        return service_invalid(err, "count", "a number of codes from 1 to %d is needed",
                               SVC_SURVEY_MAX_CODES);
    Store *s;
    if (open_store(db_path, &s, err) < 0) return err->code;
    StoreSurveyRound r;
    int rc = store_survey_round_find(s, round ? round : "", &r, err);
    if (rc == ERR_NOT_FOUND) err_param(err, "round");
    if (rc == 0 && r.closed) {
        err_set(err, ERR_CONFLICT, "survey round '%s' is closed", r.name);
        rc = err_param(err, "round");
    }
    char(*codes)[SURVEY_CODE_TEXT] = xcalloc((size_t)count, sizeof *codes);
    char(*hashes)[STORE_SURVEY_HASH_HEX + 1] = xcalloc((size_t)count, sizeof *hashes);
    for (int i = 0; i < count && rc == 0; i++) {
        char raw[SURVEY_CODE_CHARS + 1];
        random_code(raw); /* 60 random bits: a repeat is a UNIQUE failure, never a shared code */
        code_hash(raw, r.salt, hashes[i]);
        survey_code_format(raw, codes[i]);
        sodium_memzero(raw, sizeof raw);
    }
    if (rc == 0) rc = store_survey_codes_add(s, r.id, hashes, count, err);
    store_close(s);
    free(hashes);
    if (rc < 0) {
        sodium_memzero(codes, (size_t)count * sizeof *codes);
        free(codes);
        return rc;
    }
    *out = codes;
    return 0;
}

/* Finds the unused code of an open round matching typed. Every stored code of
 * every open round is compared, used or not, whatever the code typed, with a
 * comparison whose time does not depend on where two hashes differ
 * (sodium_memcmp), and the outcome is gathered without a branch: an unknown
 * code and a used one cost the same work. A code that cannot be one (wrong
 * length or letters) goes through the same comparisons as a stand-in. Sets
 * *round_id and hash on a match; returns 0, or ERR_FORBIDDEN with the one
 * refusal. */
static int find_code(Store *s, const char *typed, long long *round_id,
                     char hash[STORE_SURVEY_HASH_HEX + 1], Err *err)
{
    char code[SURVEY_CODE_CHARS + 1];
    bool well_formed = survey_code_normalise(typed, code) == 0;
    if (!well_formed) memset(code, 'A', SURVEY_CODE_CHARS), code[SURVEY_CODE_CHARS] = '\0';
    StoreSurveyRound *rounds;
    StoreSurveyCode *codes;
    int n_rounds, n_codes;
    if (store_survey_rounds(s, &rounds, &n_rounds, err) < 0) return err->code;
    if (store_survey_open_codes(s, &codes, &n_codes, err) < 0) {
        free(rounds);
        return err->code;
    }
    char(*hashes)[STORE_SURVEY_HASH_HEX + 1] = xcalloc((size_t)n_rounds + 1, sizeof *hashes);
    for (int r = 0; r < n_rounds; r++) code_hash(code, rounds[r].salt, hashes[r]);
    unsigned long long found = 0, at = 0;
    for (int i = 0; i < n_codes; i++) {
        int r = 0;
        while (r < n_rounds && rounds[r].id != codes[i].round_id) r++; /* not secret */
        if (r == n_rounds) continue;
        unsigned long long same =
            (unsigned long long)(sodium_memcmp(codes[i].hash, hashes[r], STORE_SURVEY_HASH_HEX) +
                                 1);
        unsigned long long usable = same & (unsigned long long)!codes[i].used;
        unsigned long long mask = 0ULL - usable; /* all ones when usable */
        found |= usable;
        at |= mask & (unsigned long long)i;
    }
    found &= (unsigned long long)well_formed;
    if (found) {
        *round_id = codes[at].round_id;
        memcpy(hash, codes[at].hash, STORE_SURVEY_HASH_HEX + 1);
    }
    sodium_memzero(code, sizeof code);
    free(hashes);
    free(codes);
    free(rounds);
    return found ? 0 : err_set(err, ERR_FORBIDDEN, "%s", svc_survey_refusal);
}

int svc_survey_check_code(const char *db_path, const char *code, Err *err)
{
    Store *s;
    if (open_store(db_path, &s, err) < 0) return err->code;
    long long round_id;
    char hash[STORE_SURVEY_HASH_HEX + 1];
    int rc = find_code(s, code, &round_id, hash, err);
    store_close(s);
    return rc;
}

/* ---- Answers ---------------------------------------------------------------- */

/* Checks the answers against the questions of the version. */
static int check_answers(Store *s, const SurveyTakeRequest *req, StoreSurveyAnswer *out, Err *err)
{
    if (req->version < 0 || req->version >= SURVEY_N_VERSIONS)
        return service_invalid(err, "version",
                               "the version is one of under_8, age_8_11, "
                               "age_11_18 or care_leaver");
    if (req->n_answers < 1) return service_invalid(err, "answers", "answer at least one question");
    StoreSurveyQuestion *q;
    int n_q;
    if (store_survey_questions(s, &q, &n_q, err) < 0) return err->code;
    int rc = 0;
    for (int i = 0; i < req->n_answers && rc == 0; i++) {
        const SurveyGiven *g = &req->answers[i];
        int k = 0;
        while (k < n_q && strcmp(q[k].id, g->question ? g->question : "") != 0) k++;
        if (k == n_q || !q[k].wording[req->version])
            rc = service_invalid(err, "answers", "'%.64s' is not a question of this survey",
                                 g->question ? g->question : "");
        else if (g->answer < 0 || g->answer >= SURVEY_N_ANSWERS)
            rc = service_invalid(err, "answers",
                                 "the answer to '%s' is not always, mostly, "
                                 "sometimes or never",
                                 g->question);
        for (int j = 0; j < i && rc == 0; j++)
            if (strcmp(req->answers[j].question, g->question) == 0)
                rc = service_invalid(err, "answers", "'%s' is answered twice", g->question);
        out[i] = (StoreSurveyAnswer){g->question, req->version, g->answer, 1};
    }
    store_survey_questions_free(q, n_q);
    return rc;
}

int svc_survey_take(const char *db_path, const SurveyTakeRequest *req, Err *err)
{
    Store *s;
    if (open_store(db_path, &s, err) < 0) return err->code;
    StoreSurveyAnswer *answers = xcalloc((size_t)req->n_answers + 1, sizeof *answers);
    long long round_id = 0;
    char hash[STORE_SURVEY_HASH_HEX + 1];
    int rc = check_answers(s, req, answers, err);
    if (rc == 0) rc = find_code(s, req->code, &round_id, hash, err);
    if (rc == 0) rc = store_survey_use_code(s, hash, round_id, answers, req->n_answers, err);
    if (rc == ERR_CONFLICT) rc = err_set(err, ERR_FORBIDDEN, "%s", svc_survey_refusal);
    store_close(s);
    free(answers);
    return rc;
}

int svc_survey_questions(const char *db_path, SurveyVersion version, SurveyQuestions *out, Err *err)
{
    memset(out, 0, sizeof *out);
    out->version = version;
    if (version < 0 || version >= SURVEY_N_VERSIONS)
        return service_invalid(err, "version",
                               "the version is one of under_8, age_8_11, "
                               "age_11_18 or care_leaver");
    Store *s;
    if (store_open_read(db_path, &s, err) < 0) return err->code;
    StoreSurveyQuestion *q;
    int n;
    int rc = store_survey_questions(s, &q, &n, err);
    store_close(s);
    if (rc < 0) return rc;
    out->items = xcalloc((size_t)n + 1, sizeof *out->items);
    for (int i = 0; i < n; i++) {
        if (!q[i].wording[version]) continue;
        SurveyQuestionText *t = &out->items[out->n++];
        memcpy(t->id, q[i].id, sizeof t->id);
        memcpy(t->promise, q[i].promise, sizeof t->promise);
        t->text = xstrdup(q[i].wording[version]);
    }
    store_survey_questions_free(q, n);
    return 0;
}

void svc_survey_questions_free(SurveyQuestions *q)
{
    for (int i = 0; i < q->n; i++) free(q->items[i].text);
    free(q->items);
    memset(q, 0, sizeof *q);
}

/* ---- Results ---------------------------------------------------------------- */

static int fill_results(const AppContext *ctx, Store *s, const StoreSurveyRound *round,
                        SurveyResults *out, Err *err)
{
    StoreSurveyQuestion *q;
    int n;
    if (store_survey_questions(s, &q, &n, err) < 0) return err->code;
    SurveyTallies tallies = {0};
    int rc = store_survey_tallies(s, round->id, &tallies, err);
    out->items = xcalloc((size_t)n + 1, sizeof *out->items);
    for (int i = 0; i < n && rc == 0; i++) {
        const Indicator *ind =
            ctx && ctx->catalogue ? indicators_find(ctx->catalogue, q[i].id) : NULL;
        SurveyPromiseResult *p = &out->items[out->n++];
        memcpy(p->indicator, q[i].id, sizeof p->indicator);
        p->promise = ind ? ind->promise : atoi(q[i].promise + 2);
        p->title = ind ? ind->title : NULL;
        const char *text = q[i].wording[SURVEY_AGE_11_18] ? q[i].wording[SURVEY_AGE_11_18]
                                                          : q[i].wording[SURVEY_CARE_LEAVER];
        p->question = xstrdup(text ? text : "");
        rc = survey_result_build(survey_tallies_find(&tallies, q[i].id, round->year), out->publish,
                                 out->threshold, &p->result, err);
    }
    survey_tallies_free(&tallies);
    store_survey_questions_free(q, n);
    return rc;
}

int svc_survey_results(const AppContext *ctx, const char *db_path, const SurveyResultsRequest *req,
                       const Actor *actor, SurveyResults *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (service_check_actor(actor, err) < 0) return err->code;
    if (req->publish && (req->threshold < 0 || req->threshold > 100))
        return service_invalid(err, "threshold", "must be a whole number from 1 to 100");
    out->publish = req->publish;
    out->threshold = req->threshold > 0 ? req->threshold : DISC_DEFAULT_THRESHOLD;
    Store *s;
    if (store_open_read(db_path, &s, err) < 0) return err->code;
    StoreSurveyRound round;
    int rc = 0;
    if (req->round) {
        rc = store_survey_round_find(s, req->round, &round, err);
        if (rc == ERR_NOT_FOUND) err_param(err, "round");
    } else {
        StoreSurveyRound *rounds;
        int n;
        rc = store_survey_rounds(s, &rounds, &n, err);
        if (rc == 0 && n == 0) rc = err_set(err, ERR_NOT_FOUND, "no survey round yet");
        if (rc == 0) round = rounds[0];
        free(rounds);
    }
    if (rc == 0) {
        round_info(&round, &out->round);
        rc = fill_results(ctx, s, &round, out, err);
    }
    store_close(s);
    if (rc < 0) svc_survey_results_free(out);
    return rc;
}

void svc_survey_results_free(SurveyResults *r)
{
    for (int i = 0; i < r->n; i++) free(r->items[i].question);
    free(r->items);
    r->items = NULL;
    r->n = 0;
}

int svc_survey_tallies(const char *db_path, SurveyTallies *out, Err *err)
{
    memset(out, 0, sizeof *out);
    Store *s;
    if (store_open_read(db_path, &s, err) < 0) return err->code;
    int rc = store_survey_tallies(s, 0, out, err);
    store_close(s);
    return rc;
}

int svc_survey_tallies_in(Store *s, SurveyTallies *out, Err *err)
{
    memset(out, 0, sizeof *out);
    return store_survey_tallies(s, 0, out, err);
}
