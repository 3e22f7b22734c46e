/* store_survey: see store/survey.h. */
#include "store/survey.h"

#include "base/mem.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool store_survey_present(Store *s)
{
    return store_schema_version(s) >= STORE_SURVEY_SCHEMA;
}

static int prepare(Store *s, const char *sql, DbStmt **st, Err *err)
{
    if (db_prepare(s->conn, sql, false, st) < 0) return db_error(s->conn, err, "preparing");
    return 0;
}

/* Fails a write inside a transaction: rolls back and returns the error. */
static int fail_write(Store *s, DbStmt *st, const char *what, Err *err)
{
    int code = strstr(db_errmsg(s->conn), "UNIQUE") ? ERR_CONFLICT : ERR_DB;
    db_error(s->conn, err, what);
    err->code = code;
    if (st) db_finalize(st);
    db_rollback(s->conn);
    return code;
}

int store_survey_round_add(Store *s, const StoreSurveyRound *r, long long *id, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "INSERT INTO survey_rounds (name, year, opened, closed, salt) "
                "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                &st, err) < 0)
        return ERR_DB;
    if (db_begin_write(s->conn, err) < 0) {
        db_finalize(st);
        return ERR_DB;
    }
    db_bind_text(st, 1, r->name);
    db_bind_int(st, 2, r->year);
    db_bind_text(st, 3, r->opened);
    db_bind_int(st, 4, r->closed);
    db_bind_text(st, 5, r->salt);
    if (db_step(st) != DB_ROW) {
        int rc = fail_write(s, st, "adding a survey round", err);
        if (rc == ERR_CONFLICT)
            err_set(err, ERR_CONFLICT, "a survey round named '%s' exists", r->name);
        return rc;
    }
    *id = db_column_int(st, 0);
    db_finalize(st);
    return db_commit(s->conn, err) < 0 ? ERR_DB : 0;
}

#define ROUND_SELECT                                                                \
    "SELECT r.id, r.name, r.year, r.opened, r.closed, r.salt, "                     \
    "(SELECT count(*) FROM survey_codes c WHERE c.round_id = r.id), "               \
    "(SELECT count(*) FROM survey_codes c WHERE c.round_id = r.id AND c.used = 1) " \
    "FROM survey_rounds r "

static void read_round(DbStmt *st, StoreSurveyRound *r)
{
    r->id = db_column_int(st, 0);
    snprintf(r->name, sizeof r->name, "%s", db_column_text(st, 1));
    r->year = (int)db_column_int(st, 2);
    snprintf(r->opened, sizeof r->opened, "%s", db_column_text(st, 3));
    r->closed = db_column_int(st, 4) != 0;
    snprintf(r->salt, sizeof r->salt, "%s", db_column_text(st, 5));
    r->codes = (long)db_column_int(st, 6);
    r->used = (long)db_column_int(st, 7);
}

int store_survey_rounds(Store *s, StoreSurveyRound **out, int *n, Err *err)
{
    *out = NULL;
    *n = 0;
    if (!store_survey_present(s)) return 0;
    DbStmt *st;
    if (prepare(s, ROUND_SELECT "ORDER BY r.year DESC, r.id DESC", &st, err) < 0) return ERR_DB;
    int rc, cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = xrealloc(*out, (size_t)cap * sizeof **out);
        }
        read_round(st, &(*out)[(*n)++]);
    }
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "reading the survey rounds") : 0;
}

int store_survey_round_find(Store *s, const char *name, StoreSurveyRound *out, Err *err)
{
    if (!store_survey_present(s)) return err_set(err, ERR_NOT_FOUND, "no survey round '%s'", name);
    DbStmt *st;
    if (prepare(s, ROUND_SELECT "WHERE r.name = ?1", &st, err) < 0) return ERR_DB;
    db_bind_text(st, 1, name);
    int rc = db_step(st);
    if (rc == DB_ROW) read_round(st, out);
    db_finalize(st);
    if (rc < 0) return db_error(s->conn, err, "reading a survey round");
    return rc == DB_ROW ? 0 : err_set(err, ERR_NOT_FOUND, "no survey round '%s'", name);
}

int store_survey_round_close(Store *s, long long id, Err *err)
{
    DbStmt *st;
    if (prepare(s, "UPDATE survey_rounds SET closed = 1 WHERE id = ?1 RETURNING id", &st, err) < 0)
        return ERR_DB;
    if (db_begin_write(s->conn, err) < 0) {
        db_finalize(st);
        return ERR_DB;
    }
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    db_finalize(st);
    if (rc < 0) return fail_write(s, NULL, "closing a survey round", err);
    if (db_commit(s->conn, err) < 0) return ERR_DB;
    return rc == DB_ROW ? 0 : err_set(err, ERR_NOT_FOUND, "no survey round %lld", id);
}

int store_survey_codes_add(Store *s, long long round_id,
                           const char (*hashes)[STORE_SURVEY_HASH_HEX + 1], int n, Err *err)
{
    DbStmt *st;
    if (prepare(s, "INSERT INTO survey_codes (hash, round_id) VALUES (?1, ?2)", &st, err) < 0)
        return ERR_DB;
    if (db_begin_write(s->conn, err) < 0) {
        db_finalize(st);
        return ERR_DB;
    }
    for (int i = 0; i < n; i++) {
        db_bind_text(st, 1, hashes[i]);
        db_bind_int(st, 2, round_id);
        if (db_step(st) < 0) return fail_write(s, st, "adding survey codes", err);
        db_reset(st);
    }
    db_finalize(st);
    return db_commit(s->conn, err) < 0 ? ERR_DB : 0;
}

int store_survey_open_codes(Store *s, StoreSurveyCode **out, int *n, Err *err)
{
    *out = NULL;
    *n = 0;
    if (!store_survey_present(s)) return 0;
    DbStmt *st;
    if (prepare(s,
                "SELECT c.hash, c.round_id, c.used FROM survey_codes c "
                "JOIN survey_rounds r ON r.id = c.round_id WHERE r.closed = 0 ORDER BY c.hash",
                &st, err) < 0)
        return ERR_DB;
    int rc, cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *out = xrealloc(*out, (size_t)cap * sizeof **out);
        }
        StoreSurveyCode *c = &(*out)[(*n)++];
        snprintf(c->hash, sizeof c->hash, "%s", db_column_text(st, 0));
        c->round_id = db_column_int(st, 1);
        c->used = db_column_int(st, 2) != 0;
    }
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "reading the survey codes") : 0;
}

/* Adds answers to the round's counts inside the caller's write transaction. */
static int add_counts(Store *s, long long round_id, const StoreSurveyAnswer *answers, int n,
                      Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "INSERT INTO survey_answers (round_id, question_id, version, answer, count) "
                "SELECT ?1, id, ?3, ?4, ?5 FROM survey_questions WHERE id = ?2 "
                "ON CONFLICT (round_id, question_id, version, answer) "
                "DO UPDATE SET count = count + excluded.count RETURNING count",
                &st, err) < 0)
        return ERR_DB;
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        db_bind_int(st, 1, round_id);
        db_bind_text(st, 2, answers[i].question);
        db_bind_text(st, 3, survey_version_name(answers[i].version));
        db_bind_int(st, 4, (long long)answers[i].answer + 1);
        db_bind_int(st, 5, answers[i].count);
        int step = db_step(st);
        if (step < 0)
            rc = db_error(s->conn, err, "adding survey answers");
        else if (step != DB_ROW)
            rc = err_set(err, ERR_NOT_FOUND, "no survey question '%s'", answers[i].question);
        else
            while (step == DB_ROW) step = db_step(st);
        db_reset(st);
    }
    db_finalize(st);
    return rc;
}

int store_survey_use_code(Store *s, const char *hash, long long round_id,
                          const StoreSurveyAnswer *answers, int n, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "UPDATE survey_codes SET used = 1 WHERE hash = ?1 AND round_id = ?2 AND used = 0 "
                "AND round_id IN (SELECT id FROM survey_rounds WHERE closed = 0) RETURNING used",
                &st, err) < 0)
        return ERR_DB;
    if (db_begin_write(s->conn, err) < 0) {
        db_finalize(st);
        return ERR_DB;
    }
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, round_id);
    int rc = db_step(st);
    db_finalize(st);
    if (rc < 0) return fail_write(s, NULL, "using a survey code", err);
    if (rc != DB_ROW) {
        db_rollback(s->conn);
        return err_set(err, ERR_CONFLICT, "the code is not there unused");
    }
    rc = add_counts(s, round_id, answers, n, err);
    if (rc < 0) {
        db_rollback(s->conn);
        return rc;
    }
    return db_commit(s->conn, err) < 0 ? ERR_DB : 0;
}

int store_survey_add_answers(Store *s, long long round_id, const StoreSurveyAnswer *answers, int n,
                             Err *err)
{
    if (db_begin_write(s->conn, err) < 0) return ERR_DB;
    int rc = add_counts(s, round_id, answers, n, err);
    if (rc < 0) {
        db_rollback(s->conn);
        return rc;
    }
    return db_commit(s->conn, err) < 0 ? ERR_DB : 0;
}

int store_survey_import(Store *s, const StoreSurveyRound *new_rounds, int n_new,
                        const StoreSurveyImportRow *rows, int n, Err *err)
{
    DbStmt *add, *find;
    if (prepare(s,
                "INSERT INTO survey_rounds (name, year, opened, closed, salt) "
                "VALUES (?1, ?2, ?3, ?4, ?5)",
                &add, err) < 0)
        return ERR_DB;
    if (prepare(s, "SELECT id FROM survey_rounds WHERE name = ?1", &find, err) < 0) {
        db_finalize(add);
        return ERR_DB;
    }
    int rc = db_begin_write(s->conn, err) < 0 ? ERR_DB : 0;
    for (int i = 0; i < n_new && rc == 0; i++) {
        db_bind_text(add, 1, new_rounds[i].name);
        db_bind_int(add, 2, new_rounds[i].year);
        db_bind_text(add, 3, new_rounds[i].opened);
        db_bind_int(add, 4, new_rounds[i].closed);
        db_bind_text(add, 5, new_rounds[i].salt);
        if (db_step(add) < 0) rc = db_error(s->conn, err, "adding a survey round");
        db_reset(add);
    }
    for (int i = 0; i < n && rc == 0; i++) {
        db_bind_text(find, 1, rows[i].round);
        int step = db_step(find);
        long long id = step == DB_ROW ? db_column_int(find, 0) : 0;
        db_reset(find);
        if (step != DB_ROW)
            rc = step < 0 ? db_error(s->conn, err, "reading a survey round")
                          : err_set(err, ERR_NOT_FOUND, "no survey round '%s'", rows[i].round);
        else
            rc = add_counts(s, id, &rows[i].answer, 1, err);
    }
    db_finalize(add);
    db_finalize(find);
    if (rc < 0) {
        if (db_in_transaction(s->conn)) db_rollback(s->conn);
        return rc;
    }
    return db_commit(s->conn, err) < 0 ? ERR_DB : 0;
}

int store_survey_questions(Store *s, StoreSurveyQuestion **out, int *n, Err *err)
{
    *out = NULL;
    *n = 0;
    if (!store_survey_present(s)) return 0;
    DbStmt *st;
    if (prepare(s,
                "SELECT id, promise, position, under_8, age_8_11, age_11_18, care_leaver "
                "FROM survey_questions ORDER BY position",
                &st, err) < 0)
        return ERR_DB;
    int rc, cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            *out = xrealloc(*out, (size_t)cap * sizeof **out);
        }
        StoreSurveyQuestion *q = &(*out)[(*n)++];
        snprintf(q->id, sizeof q->id, "%s", db_column_text(st, 0));
        snprintf(q->promise, sizeof q->promise, "%s", db_column_text(st, 1));
        q->position = (int)db_column_int(st, 2);
        for (int v = 0; v < SURVEY_N_VERSIONS; v++)
            q->wording[v] =
                db_column_is_null(st, 3 + v) ? NULL : xstrdup(db_column_text(st, 3 + v));
    }
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "reading the survey questions") : 0;
}

void store_survey_questions_free(StoreSurveyQuestion *q, int n)
{
    for (int i = 0; i < n; i++)
        for (int v = 0; v < SURVEY_N_VERSIONS; v++) free(q[i].wording[v]);
    free(q);
}

int store_survey_tallies(Store *s, long long round_id, SurveyTallies *out, Err *err)
{
    if (!store_survey_present(s)) return 0;
    DbStmt *st;
    if (prepare(s,
                "SELECT a.question_id, r.year, a.version, a.answer, a.count "
                "FROM survey_answers a JOIN survey_rounds r ON r.id = a.round_id "
                "WHERE ?1 = 0 OR a.round_id = ?1",
                &st, err) < 0)
        return ERR_DB;
    db_bind_int(st, 1, round_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int v = survey_version_parse(db_column_text(st, 2));
        long long a = db_column_int(st, 3) - 1;
        if (v < 0 || a < 0 || a >= SURVEY_N_ANSWERS) continue; /* the CHECKs forbid it */
        survey_tallies_add(out, db_column_text(st, 0), (int)db_column_int(st, 1), (SurveyVersion)v,
                           (SurveyAnswer)a, (long)db_column_int(st, 4));
    }
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "reading the survey answers") : 0;
}
