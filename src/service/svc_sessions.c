/* svc_sessions: see svc_sessions.h. */
#include "service/svc_sessions.h"

#include "store/auth.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct SessionBook {
    Store *store;
    pthread_mutex_t lock;    /* one statement at a time on the one connection */
    long long forgot_before; /* the minute before which sign-in counts were last deleted */
};

int svc_sessions_open(const char *db_path, SessionBook **out, Err *err)
{
    SessionBook *b = calloc(1, sizeof *b);
    if (!b) abort();
    if (store_open(db_path, &b->store, err) < 0) {
        free(b);
        return err->code;
    }
    pthread_mutex_init(&b->lock, NULL);
    *out = b;
    return 0;
}

void svc_sessions_close(SessionBook *b)
{
    if (!b) return;
    store_close(b->store);
    pthread_mutex_destroy(&b->lock);
    free(b);
}

/* t as the store writes times: UTC, ISO 8601. */
static void format_utc(time_t t, char out[32])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int svc_sessions_save(SessionBook *b, const char *token_hash, const char *user, const char *csrf,
                      time_t now, time_t expires, Err *err)
{
    StoreSession row = {.expires_at = expires};
    snprintf(row.token_hash, sizeof row.token_hash, "%s", token_hash);
    snprintf(row.user, sizeof row.user, "%s", user);
    snprintf(row.csrf, sizeof row.csrf, "%s", csrf);
    char at[32];
    format_utc(now, at);
    pthread_mutex_lock(&b->lock);
    int rc = store_session_put(b->store, &row, at, err);
    pthread_mutex_unlock(&b->lock);
    return rc;
}

int svc_sessions_end(SessionBook *b, const char *token_hash, time_t now, Err *err)
{
    char at[32];
    format_utc(now, at);
    pthread_mutex_lock(&b->lock);
    int rc = store_session_revoke(b->store, token_hash, at, err);
    pthread_mutex_unlock(&b->lock);
    return rc;
}

int svc_sessions_check(SessionBook *b, const char *token_hash, time_t now, bool *live, Err *err)
{
    StoreSession row;
    *live = false;
    pthread_mutex_lock(&b->lock);
    int rc = store_session_get(b->store, token_hash, &row, err);
    pthread_mutex_unlock(&b->lock);
    if (rc == ERR_NOT_FOUND) return 0;
    if (rc < 0) return rc;
    *live = !row.revoked && !row.user_disabled && row.expires_at > (long long)now;
    return 0;
}

typedef struct LiveRows {
    StoreSession *rows;
    int n, cap;
} LiveRows;

static int collect_live(const StoreSession *row, void *arg)
{
    LiveRows *l = arg;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        StoreSession *grown = realloc(l->rows, (size_t)l->cap * sizeof *grown);
        if (!grown) abort();
        l->rows = grown;
    }
    l->rows[l->n++] = *row;
    return 0;
}

/* Fills who with the user's role and caseload now; false when the user or
 * role is gone (the session is then not restored). */
static int who_is(Store *s, const char *name, SignIn *who, bool *known, Err *err)
{
    memset(who, 0, sizeof *who);
    StoreUser u;
    *known = false;
    int rc = store_user_get(s, name, &u, err);
    if (rc == ERR_NOT_FOUND) return 0;
    if (rc < 0) return rc;
    snprintf(who->user, sizeof who->user, "%s", u.name);
    who->role = svc_role(u.role);
    if (!who->role || !svc_user_works_here(s, &u)) return 0;
    *known = true;
    if (who->role->capabilities & CAP_ALL_CHILDREN) return 0;
    return store_caseload(s, u.name, &who->caseload, &who->n_caseload, err);
}

static int restore_rows(Store *s, const LiveRows *live, int (*each)(RestoredSession *, void *),
                        void *arg, Err *err)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < live->n; i++) {
        RestoredSession r = {.expires = (time_t)live->rows[i].expires_at};
        memcpy(r.token_hash, live->rows[i].token_hash, sizeof r.token_hash);
        memcpy(r.csrf, live->rows[i].csrf, sizeof r.csrf);
        bool known;
        rc = who_is(s, live->rows[i].user, &r.who, &known, err);
        if (rc == 0 && known) rc = each(&r, arg);
        svc_sign_in_free(&r.who);
    }
    return rc;
}

int svc_sessions_restore(SessionBook *b, time_t now, int (*each)(RestoredSession *s, void *arg),
                         void *arg, Err *err)
{
    LiveRows live = {0};
    pthread_mutex_lock(&b->lock);
    int rc = store_sessions_forget_ended(b->store, (long long)now, err);
    if (rc == 0) rc = store_sessions_each_live(b->store, (long long)now, collect_live, &live, err);
    if (rc == 0) rc = restore_rows(b->store, &live, each, arg, err);
    pthread_mutex_unlock(&b->lock);
    free(live.rows);
    return rc;
}

int svc_sessions_fetch(SessionBook *b, const char *token_hash, time_t now,
                       int (*each)(RestoredSession *s, void *arg), void *arg, Err *err)
{
    StoreSession row;
    LiveRows one = {.rows = &row, .n = 1, .cap = 1};
    pthread_mutex_lock(&b->lock);
    int rc = store_session_get(b->store, token_hash, &row, err);
    bool live = rc == 0 && !row.revoked && !row.user_disabled && row.expires_at > (long long)now;
    if (live) rc = restore_rows(b->store, &one, each, arg, err);
    pthread_mutex_unlock(&b->lock);
    return rc == ERR_NOT_FOUND ? 0 : rc;
}

int svc_sessions_revoke_user(const char *db_path, const char *user, const Actor *actor, int *n,
                             Err *err)
{
    *n = 0;
    if (service_check_actor(actor, err) < 0) return err->code;
    Store *s;
    if (store_open(db_path, &s, err) < 0) return err->code;
    StoreUser u;
    int rc = store_user_get(s, user, &u, err);
    char at[32];
    format_utc(time(NULL), at);
    if (rc == 0) rc = store_sessions_revoke_user(s, user, at, n, err);
    store_close(s);
    return rc;
}

int svc_sessions_count_sign_in(SessionBook *b, const char *origin, time_t now, bool *shared,
                               long long *attempts, Err *err)
{
    *attempts = 0;
    *shared = store_shares_sign_ins(b->store);
    if (!*shared) return 0;
    long long minute = (long long)now / 60;
    pthread_mutex_lock(&b->lock);
    int rc = store_sign_in_count(b->store, origin ? origin : "", minute, attempts, err);
    /* Once a minute at most, this server deletes the counts of minutes past
     * (the one before is kept for a server whose clock is a little behind). */
    if (rc == 0 && minute - 1 > b->forgot_before) {
        Err ignored = {0};
        if (store_sign_in_forget(b->store, minute - 1, &ignored) == 0)
            b->forgot_before = minute - 1;
    }
    pthread_mutex_unlock(&b->lock);
    return rc;
}
