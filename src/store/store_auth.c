/* store_auth: see store/auth.h. */
#include "store/auth.h"

#include "base/mem.h"

#include "store/pg_array.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_column(DbStmt *st, int i, char *dst, size_t size)
{
    snprintf(dst, size, "%s", db_column_text(st, i));
}

static const char *or_null(const char *s)
{
    return s && *s ? s : NULL;
}

/* Runs one prepared write in a transaction of its own (not a commit of the
 * history: see auth.h). */
static int run_write(Store *s, DbStmt *st, const char *what, Err *err)
{
    if (db_begin_write(s->conn, err) < 0) return ERR_DB;
    int rc = db_step(st);
    if (rc < 0) {
        int code = db_last_was_conflict(s->conn) ? ERR_CONFLICT : ERR_DB;
        db_error(s->conn, err, what);
        err->code = code;
        db_rollback(s->conn);
        return code;
    }
    return db_commit(s->conn, err) < 0 ? ERR_DB : 0;
}

static int prepare(Store *s, const char *sql, DbStmt **st, Err *err)
{
    if (db_prepare(s->conn, sql, false, st) < 0) return db_error(s->conn, err, "preparing");
    return 0;
}

static bool beside_history(const Store *s);

/* Runs one prepared write of a row beside the history: on PostgreSQL on its
 * own (a statement is its own transaction) without the writer lock, so that
 * it never waits for an import's transaction; on SQLite as run_write. */
static int run_beside(Store *s, DbStmt *st, const char *what, Err *err)
{
    if (!beside_history(s)) return run_write(s, st, what, err);
    return db_step(st) < 0 ? db_error(s->conn, err, what) : 0;
}

static void bind_user(DbStmt *st, const StoreUser *u)
{
    db_bind_text(st, 1, u->name);
    db_bind_text(st, 2, u->role);
    db_bind_text(st, 3, u->pwhash);
    db_bind_text(st, 4, or_null(u->sw_id));
    db_bind_int(st, 5, u->disabled);
    db_bind_int(st, 6, u->failures);
    db_bind_text(st, 7, or_null(u->locked_until));
    db_bind_text(st, 8, u->council);
}

int store_user_add(Store *s, const StoreUser *u, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "INSERT INTO users (name, role, pwhash, sw_id, disabled, failures, "
                "locked_until, la) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                &st, err) < 0)
        return ERR_DB;
    bind_user(st, u);
    int rc = run_write(s, st, "adding a user", err);
    db_finalize(st);
    if (rc == ERR_CONFLICT) return err_set(err, ERR_CONFLICT, "user '%s' exists", u->name);
    return rc;
}

static void read_user(DbStmt *st, StoreUser *u)
{
    copy_column(st, 0, u->name, sizeof u->name);
    copy_column(st, 1, u->role, sizeof u->role);
    copy_column(st, 2, u->pwhash, sizeof u->pwhash);
    copy_column(st, 3, u->sw_id, sizeof u->sw_id);
    u->disabled = db_column_int(st, 4) != 0;
    u->failures = (int)db_column_int(st, 5);
    copy_column(st, 6, u->locked_until, sizeof u->locked_until);
    copy_column(st, 7, u->council, sizeof u->council);
}

#define USER_COLUMNS "name, role, pwhash, sw_id, disabled, failures, locked_until, la"

int store_user_get(Store *s, const char *name, StoreUser *out, Err *err)
{
    DbStmt *st;
    if (prepare(s, "SELECT " USER_COLUMNS " FROM users WHERE name = ?1", &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, name);
    int rc = db_step(st);
    if (rc == DB_ROW) read_user(st, out);
    db_finalize(st);
    if (rc < 0) return db_error(s->conn, err, "reading a user");
    if (rc != DB_ROW) return err_set(err, ERR_NOT_FOUND, "no user '%s'", name);
    return 0;
}

int store_user_update(Store *s, const StoreUser *u, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "UPDATE users SET role = ?2, pwhash = ?3, sw_id = ?4, disabled = ?5, "
                "failures = ?6, locked_until = ?7, la = ?8 WHERE name = ?1",
                &st, err) < 0)
        return ERR_DB;
    bind_user(st, u);
    int rc = run_write(s, st, "updating a user", err);
    db_finalize(st);
    return rc;
}

int store_user_list(Store *s, StoreUser **out, int *n, Err *err)
{
    *out = NULL;
    *n = 0;
    DbStmt *st;
    if (prepare(s, "SELECT " USER_COLUMNS " FROM users ORDER BY name", &st, err) < 0) return ERR_DB;
    int rc, cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            StoreUser *grown = realloc(*out, (size_t)cap * sizeof **out);
            if (!grown) abort();
            *out = grown;
        }
        read_user(st, &(*out)[(*n)++]);
    }
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "listing users") : 0;
}

int store_allocation_add(Store *s, const char *user, const char *child, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "INSERT INTO allocations (\"user\", child) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, user);
    db_bind_text(st, 2, child);
    int rc = run_write(s, st, "allocating a child", err);
    db_finalize(st);
    return rc;
}

int store_caseload(Store *s, const char *user, char ***children, int *n, Err *err)
{
    *children = NULL;
    *n = 0;
    DbStmt *st;
    if (prepare(s,
                "SELECT child FROM allocations WHERE \"user\" = ?1 UNION "
                "SELECT e.child FROM sw_episodes e JOIN users u ON u.sw_id = e.sw_id "
                "WHERE u.name = ?1 ORDER BY 1",
                &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, user);
    int rc, cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(*children, (size_t)cap * sizeof **children);
            if (!grown) abort();
            *children = grown;
        }
        char *id = strdup(db_column_text(st, 0));
        if (!id) abort();
        (*children)[(*n)++] = id;
    }
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "reading a caseload") : 0;
}

void store_strings_free(char **v, int n)
{
    for (int i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* Rows beside the history (the audit, sessions, sign-in counts) are written on
 * PostgreSQL without the history's writer lock (pg.c): its MVCC lets them
 * commit while an import's transaction is open, where SQLite's file has one
 * writer at a time. */
static bool beside_history(const Store *s)
{
    return strcmp(db_dialect(s->conn), "postgresql") == 0;
}

/* The audit chain's own lock on PostgreSQL (an advisory lock beside the
 * writer lock of pg.c, 903903): whoever holds it may read the chain's end and
 * append after it. Held to the end of the transaction, released after its
 * commit is visible, so the next holder reads the rows it appended. */
#define AUDIT_CHAIN_LOCK "SELECT pg_advisory_xact_lock(903904)"

/* A write transaction for the audit chain: on SQLite the file's write lock
 * (db_begin_write); on PostgreSQL a plain one, waiting for the chain's lock
 * (store_audit_last) as long as a writer waits for the writer lock, and
 * committed without waiting for the disk (flush_audit waits after). */
static int begin_audit(Store *s, Err *err)
{
    if (!beside_history(s)) return db_begin_write(s->conn, err) < 0 ? ERR_DB : 0;
    return db_exec(s->conn,
                   "BEGIN; SET LOCAL lock_timeout = 5000; SET LOCAL synchronous_commit = off",
                   err) < 0
               ? ERR_DB
               : 0;
}

/* Waits until the audit rows committed on s are on the disk (PostgreSQL).
 *
 * The chain's lock is held to the end of its transaction, and a commit that
 * waits for the disk holds it through that wait: two servers appending took
 * turns at the disk, one flush each, and views waited for both (1,733 a
 * second against 3,957 now, bench/RESULTS.md). So the batch commits without
 * waiting (synchronous_commit off: visible at once, the lock let go), and
 * then a transaction of its own
 * writes one record to the write-ahead log and commits waiting for the disk.
 * The log is written in order, so its flush takes the batch's commit, which
 * came before it, to the disk with it, and the flushes of several servers
 * are shared (PostgreSQL's group commit). A transactional logical message
 * (pg_logical_emit_message, a record no one need read) is the smallest such
 * write: it takes a transaction id, so its commit waits for the disk, and it
 * touches no table, so servers flushing at once never wait for each other.
 * A crash before the flush loses the batch, but no view of it was answered;
 * and a row another server chained after it is later in the log, so it cannot
 * outlive it: the chain has no gap. */
static int flush_audit(Store *s, Err *err)
{
    if (!beside_history(s)) return 0;
    DbStmt *st;
    if (prepare(s, "SELECT pg_logical_emit_message(true, 'carepledge', 'audit flushed')", &st,
                err) < 0)
        return ERR_DB;
    int rc = db_step(st);
    if (rc == DB_ROW) rc = db_step(st);
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "waiting for the audit log's disk") : 0;
}

/* Takes the chain's lock on PostgreSQL (nothing on SQLite, whose write lock
 * is the transaction's). Its own statement, before the last row is read: a
 * statement sees the commits made before it began, so the read must begin
 * after the lock is granted. */
static int lock_chain(Store *s, Err *err)
{
    if (!beside_history(s)) return 0;
    DbStmt *st;
    if (prepare(s, AUDIT_CHAIN_LOCK, &st, err) < 0) return ERR_DB;
    int rc = db_step(st);
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "waiting for the audit log's lock") : 0;
}

int store_audit_last(Store *s, long long *seq, char hash[130], Err *err)
{
    *seq = 0;
    hash[0] = '\0';
    if (lock_chain(s, err) < 0) return ERR_DB;
    DbStmt *st;
    if (prepare(s, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &st, err) < 0)
        return ERR_DB;
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *seq = db_column_int(st, 0);
        snprintf(hash, 130, "%s", db_column_text(st, 1));
    }
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "reading the audit log") : 0;
}

static int prepare_audit_insert(Store *s, DbStmt **out, Err *err)
{
    return prepare(s,
                   "INSERT INTO audit (seq, at, \"user\", action, child, origin, prev_hash, hash) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                   out, err);
}

/* Binds row to the INSERT of prepare_audit_insert (the row must outlive the
 * step: text is not copied). */
static void bind_audit_row(DbStmt *st, const StoreAuditRow *row)
{
    db_bind_int(st, 1, row->seq);
    db_bind_text(st, 2, row->at);
    db_bind_text(st, 3, row->user);
    db_bind_text(st, 4, row->action);
    db_bind_text(st, 5, or_null(row->child));
    db_bind_text(st, 6, row->origin);
    db_bind_text(st, 7, row->prev_hash);
    db_bind_text(st, 8, row->hash);
}

int store_audit_append(Store *s, const StoreAuditRow *row, Err *err)
{
    DbStmt *st;
    if (prepare_audit_insert(s, &st, err) < 0) return ERR_DB;
    bind_audit_row(st, row);
    int rc = run_write(s, st, "appending to the audit log", err);
    db_finalize(st);
    return rc;
}

int store_audit_insert(Store *s, const StoreAuditRow *row, Err *err)
{
    DbStmt *st;
    if (prepare_audit_insert(s, &st, err) < 0) return ERR_DB;
    bind_audit_row(st, row);
    int rc = db_step(st);
    db_finalize(st);
    return rc == DB_DONE ? 0 : db_error(s->conn, err, "appending to the audit log");
}

enum { AUDIT_COLUMNS = 8 };

/* Inserts the sealed rows in one statement on PostgreSQL: each column is one
 * array parameter, unnested into rows. Row by row, each INSERT was a round trip
 * to the server made while holding the chain's lock, and other servers'
 * batches waited behind all of them (bench/RESULTS.md, "API reads on
 * PostgreSQL with two servers"). */
static int insert_unnested(Store *s, const StoreAuditRow *rows, int n, Err *err)
{
    PgArray cols[AUDIT_COLUMNS] = {{0}};
    for (int i = 0; i < n; i++) {
        char seq[24];
        snprintf(seq, sizeof seq, "%lld", rows[i].seq);
        const char *v[AUDIT_COLUMNS] = {seq,
                                        rows[i].at,
                                        rows[i].user,
                                        rows[i].action,
                                        or_null(rows[i].child),
                                        rows[i].origin,
                                        rows[i].prev_hash,
                                        rows[i].hash};
        for (int c = 0; c < AUDIT_COLUMNS; c++) pg_array_add(&cols[c], v[c]);
    }
    DbStmt *st;
    int rc =
        prepare(s,
                "INSERT INTO audit (seq, at, \"user\", action, child, origin, prev_hash, hash) "
                "SELECT * FROM unnest(CAST(?1 AS BIGINT[]), CAST(?2 AS TEXT[]), "
                "CAST(?3 AS TEXT[]), CAST(?4 AS TEXT[]), CAST(?5 AS TEXT[]), "
                "CAST(?6 AS TEXT[]), CAST(?7 AS TEXT[]), CAST(?8 AS TEXT[]))",
                &st, err);
    if (rc == 0) {
        for (int c = 0; c < AUDIT_COLUMNS; c++) db_bind_text(st, c + 1, pg_array_end(&cols[c]));
        if (db_step(st) != DB_DONE) rc = db_error(s->conn, err, "appending to the audit log");
        db_finalize(st);
    }
    for (int c = 0; c < AUDIT_COLUMNS; c++) pg_array_free(&cols[c]);
    return rc;
}

/* Inserts the sealed rows on SQLite: one statement bound and reset for each
 * row (in the process, a row costs no round trip). */
static int insert_each(Store *s, const StoreAuditRow *rows, int n, Err *err)
{
    DbStmt *st;
    if (prepare_audit_insert(s, &st, err) < 0) return ERR_DB;
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        bind_audit_row(st, &rows[i]);
        if (db_step(st) != DB_DONE) rc = db_error(s->conn, err, "appending to the audit log");
        db_reset(st);
    }
    db_finalize(st);
    return rc;
}

int store_audit_chain(Store *s, StoreAuditRow *rows, int n, const char *genesis,
                      void (*seal)(StoreAuditRow *row), Err *err)
{
    if (begin_audit(s, err) < 0) return ERR_DB;
    long long last;
    char last_hash[130];
    int rc = store_audit_last(s, &last, last_hash, err);
    if (rc == 0 && !last_hash[0]) snprintf(last_hash, sizeof last_hash, "%s", genesis);
    for (int i = 0; rc == 0 && i < n; i++) {
        rows[i].seq = last + 1 + i;
        memcpy(rows[i].prev_hash, i ? rows[i - 1].hash : last_hash, sizeof rows[i].prev_hash);
        seal(&rows[i]);
    }
    /* One statement for the batch (PostgreSQL) or one compiled statement
     * for its rows (SQLite): the server writes batches of every view in
     * flight. */
    if (rc == 0)
        rc = beside_history(s) ? insert_unnested(s, rows, n, err) : insert_each(s, rows, n, err);
    if (rc == 0) rc = db_commit(s->conn, err);
    if (rc < 0) db_rollback(s->conn);
    return rc < 0 ? rc : flush_audit(s, err);
}

int store_audit_each(Store *s, const char *child, const char *user,
                     int (*each)(const StoreAuditRow *row, void *arg), void *arg, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "SELECT seq, at, \"user\", action, child, origin, prev_hash, hash FROM audit "
                "WHERE (CAST(?1 AS TEXT) IS NULL OR child = ?1) "
                "AND (CAST(?2 AS TEXT) IS NULL OR \"user\" = ?2) ORDER BY seq",
                &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, child);
    db_bind_text(st, 2, user);
    int rc, stop = 0;
    StoreAuditRow row;
    while (!stop && (rc = db_step(st)) == DB_ROW) {
        row.seq = db_column_int(st, 0);
        copy_column(st, 1, row.at, sizeof row.at);
        copy_column(st, 2, row.user, sizeof row.user);
        copy_column(st, 3, row.action, sizeof row.action);
        copy_column(st, 4, row.child, sizeof row.child);
        copy_column(st, 5, row.origin, sizeof row.origin);
        copy_column(st, 6, row.prev_hash, sizeof row.prev_hash);
        copy_column(st, 7, row.hash, sizeof row.hash);
        stop = each(&row, arg);
    }
    db_finalize(st);
    if (!stop && rc < 0) return db_error(s->conn, err, "reading the audit log");
    return stop;
}

/* ---- Sessions (schema 010) ------------------------------------------------ */

int store_session_put(Store *s, const StoreSession *row, const char *created_at, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "INSERT INTO web_sessions (token_hash, \"user\", csrf, created_at, expires_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5)",
                &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, row->token_hash);
    db_bind_text(st, 2, row->user);
    db_bind_text(st, 3, row->csrf);
    db_bind_text(st, 4, created_at);
    db_bind_int(st, 5, row->expires_at);
    int rc = run_beside(s, st, "saving a session", err);
    db_finalize(st);
    return rc;
}

#define SESSION_COLUMNS                                                          \
    "s.token_hash, s.\"user\", s.csrf, s.expires_at, s.revoked_at IS NOT NULL, " \
    "coalesce(u.disabled, 1) FROM web_sessions s LEFT JOIN users u ON u.name = s.\"user\""

static void read_session(DbStmt *st, StoreSession *out)
{
    copy_column(st, 0, out->token_hash, sizeof out->token_hash);
    copy_column(st, 1, out->user, sizeof out->user);
    copy_column(st, 2, out->csrf, sizeof out->csrf);
    out->expires_at = db_column_int(st, 3);
    out->revoked = db_column_int(st, 4) != 0;
    out->user_disabled = db_column_int(st, 5) != 0;
}

int store_session_get(Store *s, const char *token_hash, StoreSession *out, Err *err)
{
    DbStmt *st;
    if (prepare(s, "SELECT " SESSION_COLUMNS " WHERE s.token_hash = ?1", &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, token_hash);
    int rc = db_step(st);
    if (rc == DB_ROW) read_session(st, out);
    db_finalize(st);
    if (rc < 0) return db_error(s->conn, err, "reading a session");
    return rc == DB_ROW ? 0 : err_set(err, ERR_NOT_FOUND, "no such session");
}

int store_session_revoke(Store *s, const char *token_hash, const char *at, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "UPDATE web_sessions SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at "
                "IS NULL",
                &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, token_hash);
    db_bind_text(st, 2, at);
    int rc = run_beside(s, st, "ending a session", err);
    db_finalize(st);
    return rc;
}

int store_sessions_revoke_user(Store *s, const char *user, const char *at, int *n, Err *err)
{
    *n = 0;
    DbStmt *st;
    if (prepare(
            s,
            "UPDATE web_sessions SET revoked_at = ?2 WHERE \"user\" = ?1 AND revoked_at IS NULL "
            "RETURNING token_hash",
            &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, user);
    db_bind_text(st, 2, at);
    if (db_begin_write(s->conn, err) < 0) {
        db_finalize(st);
        return ERR_DB;
    }
    int rc;
    while ((rc = db_step(st)) == DB_ROW) (*n)++;
    db_finalize(st);
    if (rc < 0) {
        db_error(s->conn, err, "revoking sessions");
        db_rollback(s->conn);
        return ERR_DB;
    }
    return db_commit(s->conn, err) < 0 ? ERR_DB : 0;
}

int store_sessions_forget_ended(Store *s, long long now, Err *err)
{
    DbStmt *st;
    if (prepare(s, "DELETE FROM web_sessions WHERE expires_at <= ?1 OR revoked_at IS NOT NULL", &st,
                err) < 0)
        return ERR_DB;
    db_bind_int(st, 1, now);
    int rc = run_write(s, st, "forgetting ended sessions", err);
    db_finalize(st);
    return rc;
}

int store_sessions_each_live(Store *s, long long now,
                             int (*each)(const StoreSession *row, void *arg), void *arg, Err *err)
{
    DbStmt *st;
    if (prepare(s,
                "SELECT " SESSION_COLUMNS " WHERE s.expires_at > ?1 AND s.revoked_at IS NULL "
                "AND u.disabled = 0 ORDER BY s.token_hash",
                &st, err) < 0)
        return ERR_DB;
    db_bind_int(st, 1, now);
    int rc, stop = 0;
    StoreSession row;
    while (!stop && (rc = db_step(st)) == DB_ROW) {
        read_session(st, &row);
        stop = each(&row, arg);
    }
    db_finalize(st);
    if (!stop && rc < 0) return db_error(s->conn, err, "reading the sessions");
    return stop;
}

/* ---- Sign-in attempts (schema 022) ----------------------------------------- */

bool store_shares_sign_ins(const Store *s)
{
    return beside_history(s);
}

int store_sign_in_count(Store *s, const char *origin, long long minute, long long *attempts,
                        Err *err)
{
    *attempts = 0;
    DbStmt *st;
    /* A row of an earlier minute starts again at 1; one of a later minute
     * (another server's clock a little ahead) keeps its minute and counts on. */
    if (prepare(s,
                "INSERT INTO sign_in_attempts (origin, minute, attempts) VALUES (?1, ?2, 1) "
                "ON CONFLICT (origin) DO UPDATE SET "
                "attempts = CASE WHEN sign_in_attempts.minute < excluded.minute THEN 1 "
                "ELSE sign_in_attempts.attempts + 1 END, "
                "minute = CASE WHEN sign_in_attempts.minute < excluded.minute "
                "THEN excluded.minute ELSE sign_in_attempts.minute END "
                "RETURNING attempts",
                &st, err) < 0)
        return ERR_DB;
    db_bind_text(st, 1, origin);
    db_bind_int(st, 2, minute);
    int rc = db_step(st);
    if (rc == DB_ROW) *attempts = db_column_int(st, 0);
    /* Stepped past its one row, the statement is finished, and committed. */
    if (rc == DB_ROW) rc = db_step(st);
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "counting a sign-in") : 0;
}

int store_sign_in_forget(Store *s, long long before_minute, Err *err)
{
    DbStmt *st;
    if (prepare(s, "DELETE FROM sign_in_attempts WHERE minute < ?1", &st, err) < 0) return ERR_DB;
    db_bind_int(st, 1, before_minute);
    int rc = run_beside(s, st, "forgetting old sign-in counts", err);
    db_finalize(st);
    return rc;
}
