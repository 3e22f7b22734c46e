/* store/auth: the tables of the web application's people (schema 006): users
 * with their argon2id hashes, roles and lock-out counters, the caseloads
 * allocated to them, and the hash-chained audit log. The store keeps the rows;
 * hashing (passwords and the chain) is service/'s (svc_users, svc_audit).
 *
 * None of these writes counts as a commit of the history (store_commits): a
 * sign-in or an audit row changes no child's data, so a Dataset loaded before
 * it is still current. */
#ifndef CAREPLEDGE_STORE_AUTH_H
#define CAREPLEDGE_STORE_AUTH_H

#include "base/err.h"
#include "store/store.h"

#include <stdbool.h>

typedef struct StoreUser {
    char name[64];
    char role[32];
    char pwhash[160];
    char sw_id[64]; /* "" when none */
    bool disabled;
    int failures;
    char locked_until[32]; /* "" when not locked */
    char council[16];      /* the council's LA code; "" the partnership or an unpooled database */
} StoreUser;

/* Adds a user; ERR_CONFLICT when the name is taken. */
int store_user_add(Store *s, const StoreUser *u, Err *err);
/* Reads the user named; ERR_NOT_FOUND when there is none. */
int store_user_get(Store *s, const char *name, StoreUser *out, Err *err);
/* Rewrites every field of the user named u->name; ERR_NOT_FOUND when none. */
int store_user_update(Store *s, const StoreUser *u, Err *err);
/* Every user in name order; free *out with free(). */
int store_user_list(Store *s, StoreUser **out, int *n, Err *err);

/* Allocates child to user (idempotent). */
int store_allocation_add(Store *s, const char *user, const char *child, Err *err);
/* The children of the user's caseload, sorted and without repeats: the
 * allocations table and the 903 SWEpisodes whose SW_ID is the user's sw_id.
 * Free with store_strings_free. */
int store_caseload(Store *s, const char *user, char ***children, int *n, Err *err);
void store_strings_free(char **v, int n);

typedef struct StoreAuditRow {
    long long seq;
    char at[32];
    char user[64];
    char action[96];
    char child[64]; /* "" when about no child */
    char origin[64];
    char prev_hash[130];
    char hash[130];
} StoreAuditRow;

/* The last row's seq and hash (0 and "" when the log is empty). */
int store_audit_last(Store *s, long long *seq, char hash[130], Err *err);
/* Appends row (seq given by the caller: last + 1) in a transaction of its own. */
int store_audit_append(Store *s, const StoreAuditRow *row, Err *err);
/* Appends rows[0..n) to the chain, in order, in one write transaction (one
 * commit for them all: the audit's group commit), holding the database's
 * write lock from reading the last row to inserting these, so that several
 * servers appending at once never fork the chain: each row's seq becomes the
 * one after the row before it (the log's last, or 0 when empty), its
 * prev_hash that row's hash (genesis first when the log is empty), and then
 * seal(row) fills its hash. */
int store_audit_chain(Store *s, StoreAuditRow *rows, int n, const char *genesis,
                      void (*seal)(StoreAuditRow *row), Err *err);
/* Calls each(row, arg) for every row in seq order, or only the rows of child
 * or of user when given; stops at a nonzero return and returns it. */
int store_audit_each(Store *s, const char *child, const char *user,
                     int (*each)(const StoreAuditRow *row, void *arg), void *arg, Err *err);

/* A signed-in session of the web application (schema 010, web_sessions). */
typedef struct StoreSession {
    char token_hash[65]; /* BLAKE2b-256 of the cookie's token, hex */
    char user[64];
    char csrf[65];
    long long expires_at; /* Unix seconds */
    bool revoked;
    bool user_disabled; /* read from users: a disabled user's session is not live */
} StoreSession;

/* Saves a new session, created at created_at (ISO 8601, UTC). */
int store_session_put(Store *s, const StoreSession *row, const char *created_at, Err *err);
/* Reads the session of token_hash; ERR_NOT_FOUND when there is none. */
int store_session_get(Store *s, const char *token_hash, StoreSession *out, Err *err);
/* Marks the session of token_hash revoked at at (no error when there is none). */
int store_session_revoke(Store *s, const char *token_hash, const char *at, Err *err);
/* Marks every live session of user revoked at at; *n is how many were. */
int store_sessions_revoke_user(Store *s, const char *user, const char *at, int *n, Err *err);
/* Deletes the sessions expired at now (Unix seconds) and the revoked ones. */
int store_sessions_forget_ended(Store *s, long long now, Err *err);
/* Calls each(row, arg) for every session neither revoked nor expired at now
 * whose user is not disabled; stops at a nonzero return and returns it. */
int store_sessions_each_live(Store *s, long long now,
                             int (*each)(const StoreSession *row, void *arg), void *arg, Err *err);

/* Appends row like store_audit_append, but inside the caller's write
 * transaction (store_begin), so that the audit row commits with the change it
 * records or not at all. */
int store_audit_insert(Store *s, const StoreAuditRow *row, Err *err);

/* Sign-in attempts per client address (schema 022), shared by every server of
 * a database several may share. Whether this database is such (PostgreSQL;
 * a SQLite file is one server's, which counts in its memory). */
bool store_shares_sign_ins(const Store *s);
/* Counts one sign-in attempt from origin in minute (Unix seconds / 60), in
 * one upsert committed on its own (on PostgreSQL without the writer lock:
 * never waiting for an import). *attempts is the address's count in that
 * minute, this one included: a count of an earlier minute starts again. */
int store_sign_in_count(Store *s, const char *origin, long long minute, long long *attempts,
                        Err *err);
/* Deletes the counts of minutes before before_minute. */
int store_sign_in_forget(Store *s, long long before_minute, Err *err);

#endif
