/* svc_sessions: the web application's signed-in sessions kept in the database
 * (schema 010, web_sessions), so that a restart of the server keeps them, a
 * session can be revoked from the command line (`carepledge user revoke`), and
 * disabling a user, changing their role or password ends their sessions. The
 * server keeps its working copy in memory (web/session.h) and comes back here
 * to save, end, re-check and restore. Only the BLAKE2b hash of a token is
 * stored; this module never sees a token. docs/web.md. */
#ifndef CAREPLEDGE_SVC_SESSIONS_H
#define CAREPLEDGE_SVC_SESSIONS_H

#include "base/err.h"
#include "service/service.h"
#include "service/svc_users.h"

#include <stdbool.h>
#include <time.h>

typedef struct SessionBook SessionBook;

/* Opens the sessions of the database at db_path for one server (calls from
 * many threads are serialised inside). Free with svc_sessions_close. */
int svc_sessions_open(const char *db_path, SessionBook **out, Err *err);
void svc_sessions_close(SessionBook *b);

/* Saves a session started at now for user, ending at expires. token_hash is
 * the hex BLAKE2b-256 of the cookie's token. */
int svc_sessions_save(SessionBook *b, const char *token_hash, const char *user, const char *csrf,
                      time_t now, time_t expires, Err *err);
/* Ends the session (signing out); no error when it is unknown. */
int svc_sessions_end(SessionBook *b, const char *token_hash, time_t now, Err *err);
/* Sets *live to whether the session is still live at now: saved, neither
 * revoked nor expired, and its user not disabled. */
int svc_sessions_check(SessionBook *b, const char *token_hash, time_t now, bool *live, Err *err);

typedef struct RestoredSession {
    char token_hash[65];
    char csrf[65];
    time_t expires;
    SignIn who; /* the user's role and caseload as they are now */
} RestoredSession;

/* Forgets the ended sessions, then calls each(session, arg) for every live
 * one; each may take who's caseload (setting it to NULL), the rest is freed
 * after the call. Stops at a nonzero return and returns it. */
int svc_sessions_restore(SessionBook *b, time_t now, int (*each)(RestoredSession *s, void *arg),
                         void *arg, Err *err);

/* A session another server saved (several servers sharing one database,
 * docs/scaling.md): reads the session of token_hash and, when it is live at
 * now and its user may sign in here, calls each(session, arg) for it as
 * svc_sessions_restore does. A session unknown, ended or not for this server
 * calls nothing and returns 0. */
int svc_sessions_fetch(SessionBook *b, const char *token_hash, time_t now,
                       int (*each)(RestoredSession *s, void *arg), void *arg, Err *err);

/* Counts a sign-in attempt from origin at now in the database, where several
 * servers may share it (PostgreSQL, schema 022): *shared is then true and
 * *attempts the address's attempts in now's minute, this one included, from
 * every server. On a database one server has (a SQLite file) it counts
 * nothing and *shared is false: the server's own count is the only one. */
int svc_sessions_count_sign_in(SessionBook *b, const char *origin, time_t now, bool *shared,
                               long long *attempts, Err *err);

/* Revokes every live session of user (ERR_NOT_FOUND when there is no such
 * user); *n is how many were. */
int svc_sessions_revoke_user(const char *db_path, const char *user, const Actor *actor, int *n,
                             Err *err);

#endif
