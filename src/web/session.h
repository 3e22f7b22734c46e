/* session: the signed-in sessions of the server, held in memory. The cookie
 * carries a random 256-bit token; the table keeps only its BLAKE2b hash, so
 * a copy of the server's memory names no usable token. Each session has its
 * CSRF token, which every mutating request must echo in X-CSRF-Token, and
 * expires WEB_SESSION_SECONDS after sign-in. Sign-ins are rate-limited per
 * client address (on top of the account lock-out of service/svc_users). */
#ifndef CAREPLEDGE_WEB_SESSION_H
#define CAREPLEDGE_WEB_SESSION_H

#include "service/svc_users.h"

#include <stdbool.h>
#include <time.h>

enum {
    WEB_SESSION_SECONDS = 8 * 3600,
    WEB_SESSION_TOKEN_HEX = 64,
    WEB_SIGN_INS_PER_MINUTE = 10, /* per client address */
};

typedef struct WebSession {
    unsigned char token_hash[32];
    char user[64];
    const Role *role;
    char **caseload; /* sorted */
    int n_caseload;
    char csrf[WEB_SESSION_TOKEN_HEX + 1];
    time_t expires;
    int refs;
} WebSession;

typedef struct WebSessions WebSessions;

WebSessions *web_sessions_new(void);
void web_sessions_free(WebSessions *t);

/* Starts a session for who signed in (taking its caseload); writes the new
 * token (hex) to token. Returns the session, held once for the caller. */
WebSession *web_session_start(WebSessions *t, SignIn *who, time_t now,
                              char token[WEB_SESSION_TOKEN_HEX + 1]);
/* The live session of token, held for the caller, or NULL (unknown, expired). */
WebSession *web_session_find(WebSessions *t, const char *token, time_t now);
void web_session_release(WebSessions *t, WebSession *s);
/* Ends the session of token (signing out). */
void web_session_end(WebSessions *t, const char *token);
bool web_session_in_caseload(const WebSession *s, const char *child);

/* Whether a sign-in from origin may be tried now; counts it. */
bool web_sessions_allow_sign_in(WebSessions *t, const char *origin, time_t now);

#endif
