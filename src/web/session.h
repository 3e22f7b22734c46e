/* session: the signed-in sessions of the server. The cookie carries a random
 * 256-bit token; the server keeps only its BLAKE2b hash, so a copy of its
 * memory or database names no usable token. Each session has its CSRF token,
 * which every mutating request must echo in X-CSRF-Token, and expires a set
 * time after sign-in (WEB_SESSION_SECONDS by default).
 *
 * The table in memory answers every request; the database (service/
 * svc_sessions) keeps each session too, so a restarted server restores them,
 * and is read again for a session at most every recheck seconds, so that a
 * session revoked from the command line or a user disabled is refused within
 * that time without a read per request. A token the table does not know is
 * looked up there once: several servers sharing one database (PostgreSQL,
 * docs/scaling.md) each accept a session any of them started. Sign-ins are rate-limited per client
 * address (on top of the account lock-out of service/svc_users): in memory,
 * and on a database several servers share also there, so that an address
 * has one limit whichever server it tries. */
#ifndef CAREPLEDGE_WEB_SESSION_H
#define CAREPLEDGE_WEB_SESSION_H

#include "service/svc_sessions.h"
#include "service/svc_users.h"

#include <stdbool.h>
#include <time.h>

enum {
    WEB_SESSION_SECONDS = 8 * 3600,
    WEB_SESSION_RECHECK_SECONDS = 30,
    WEB_SESSION_TOKEN_HEX = 64,
    WEB_SIGN_INS_PER_MINUTE = 10, /* per client address */
    /* Sign-ins checking a password at once, server-wide. Each is an argon2id
     * verification (64 MiB, a core for about a tenth of a second) that holds
     * its worker thread, and every connection served by that thread waits
     * meanwhile: one at a time leaves the other workers to the reads. */
    WEB_SIGN_INS_AT_ONCE = 1,
    WEB_SIGN_IN_RETRY_SECONDS = 1, /* Retry-After when all are busy */
};

typedef struct WebSession {
    unsigned char token_hash[32];
    char user[64];
    const Role *role;
    char **caseload; /* sorted */
    int n_caseload;
    char csrf[WEB_SESSION_TOKEN_HEX + 1];
    time_t expires;
    time_t checked; /* when the database last said it was live */
    /* A survey code's session (docs/survey.md): kept in memory only, never
     * saved, so nothing in the database ties a time or a token to a code. */
    bool anonymous;
    int refs;
} WebSession;

typedef struct WebSessions WebSessions;

typedef struct WebSessionLimits {
    int session_seconds;     /* a session's life from sign-in */
    int recheck_seconds;     /* between re-reads of a session from the database */
    int sign_ins_per_minute; /* per client address */
} WebSessionLimits;

/* The sessions kept in book (which stays the caller's), restored from it as
 * they are at now. Returns NULL with err set when they cannot be read. */
WebSessions *web_sessions_new(SessionBook *book, const WebSessionLimits *limits, time_t now,
                              Err *err);
void web_sessions_free(WebSessions *t);

/* Starts a session for who signed in (taking its caseload) and saves it;
 * writes the new token (hex) to token. Returns the session, held once for the
 * caller, or NULL with err set when it cannot be saved. */
WebSession *web_session_start(WebSessions *t, SignIn *who, time_t now,
                              char token[WEB_SESSION_TOKEN_HEX + 1], Err *err);
/* Starts an anonymous session (a survey code's: its user names no one) kept
 * in memory only; it ends with the server or at expiry. */
WebSession *web_session_start_anonymous(WebSessions *t, SignIn *who, time_t now,
                                        char token[WEB_SESSION_TOKEN_HEX + 1]);
/* The live session of token, held for the caller, or NULL (unknown here and
 * in the database, expired, or found revoked when it was due a re-read). */
WebSession *web_session_find(WebSessions *t, const char *token, time_t now);
void web_session_release(WebSessions *t, WebSession *s);
/* Ends the session of token (signing out), in memory and in the database. */
int web_session_end(WebSessions *t, const char *token, time_t now, Err *err);
bool web_session_in_caseload(const WebSession *s, const char *child);

/* Whether a sign-in from origin may be tried now; counts it. When not,
 * *retry_after is the seconds until it may (the start of the next minute). */
bool web_sessions_allow_sign_in(WebSessions *t, const char *origin, time_t now, int *retry_after);

/* Whether a sign-in from origin may go on to its password check, by the count
 * of every server sharing the database (PostgreSQL: one upsert, made by the
 * caller once it holds a place to check, so that a flood refused for want of
 * a place costs no write); counts it there. Past the limit it also fills the
 * address's window here, so the rest of the minute is refused by
 * web_sessions_allow_sign_in without the database. On a database of one
 * server (SQLite), or one that cannot count, true: the count of
 * web_sessions_allow_sign_in is the only one. */
bool web_sessions_allow_shared_sign_in(WebSessions *t, const char *origin, time_t now,
                                       int *retry_after);

/* Takes one of the WEB_SIGN_INS_AT_ONCE places for checking a password, or
 * returns false at once when all are taken (the caller answers 429: a flood
 * of sign-ins is refused, not queued behind the reads). */
bool web_sessions_begin_check(WebSessions *t);
void web_sessions_end_check(WebSessions *t);

#endif
