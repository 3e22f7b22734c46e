/* session: see session.h. */
#include "web/session.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ADDRESSES = 256 };

typedef struct SignInWindow {
    char origin[64];
    time_t minute;
    int count;
} SignInWindow;

struct WebSessions {
    SessionBook *book;
    WebSessionLimits limits;
    pthread_mutex_t lock;
    WebSession **live;
    int n, cap;
    SignInWindow windows[MAX_ADDRESSES];
    int checking; /* sign-ins checking a password now (the lock held) */
};

static void session_free(WebSession *s)
{
    for (int i = 0; i < s->n_caseload; i++) free(s->caseload[i]);
    free(s->caseload);
    free(s);
}

void web_sessions_free(WebSessions *t)
{
    if (!t) return;
    for (int i = 0; i < t->n; i++) session_free(t->live[i]);
    free(t->live);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

static void drop_at(WebSessions *t, int i);

static void random_hex(char out[WEB_SESSION_TOKEN_HEX + 1])
{
    unsigned char bytes[WEB_SESSION_TOKEN_HEX / 2];
    randombytes_buf(bytes, sizeof bytes);
    sodium_bin2hex(out, WEB_SESSION_TOKEN_HEX + 1, bytes, sizeof bytes);
}

static void hash_token(const char *token, unsigned char out[32])
{
    crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

static void hash_hex(const unsigned char hash[32], char out[65])
{
    sodium_bin2hex(out, 65, hash, 32);
}

/* Adds s to the table, first dropping the expired (the lock held). */
static void add_live(WebSessions *t, WebSession *s, time_t now)
{
    for (int i = t->n - 1; i >= 0; i--)
        if (t->live[i]->expires <= now) drop_at(t, i);
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        WebSession **grown = realloc(t->live, (size_t)t->cap * sizeof *grown);
        if (!grown) abort();
        t->live = grown;
    }
    t->live[t->n++] = s;
}

/* A session for who (taking its caseload), with no token yet. */
static WebSession *session_new(SignIn *who, time_t expires, time_t now)
{
    WebSession *s = calloc(1, sizeof *s);
    if (!s) abort();
    memcpy(s->user, who->user, sizeof s->user);
    s->role = who->role;
    s->caseload = who->caseload;
    s->n_caseload = who->n_caseload;
    who->caseload = NULL;
    who->n_caseload = 0;
    s->expires = expires;
    s->checked = now;
    return s;
}

typedef struct Restoring {
    WebSessions *t;
    time_t now;
} Restoring;

static int restore_one(RestoredSession *r, void *arg)
{
    Restoring *to = arg;
    WebSession *s = session_new(&r->who, r->expires, to->now);
    if (sodium_hex2bin(s->token_hash, sizeof s->token_hash, r->token_hash, strlen(r->token_hash),
                       NULL, NULL, NULL) != 0) {
        session_free(s); /* not a hash this server wrote: never live */
        return 0;
    }
    snprintf(s->csrf, sizeof s->csrf, "%s", r->csrf);
    s->refs = 1; /* the table's */
    add_live(to->t, s, to->now);
    return 0;
}

WebSessions *web_sessions_new(SessionBook *book, const WebSessionLimits *limits, time_t now,
                              Err *err)
{
    if (sodium_init() < 0) abort();
    WebSessions *t = calloc(1, sizeof *t);
    if (!t) abort();
    t->book = book;
    t->limits = *limits;
    pthread_mutex_init(&t->lock, NULL);
    Restoring to = {t, now};
    if (svc_sessions_restore(book, now, restore_one, &to, err) < 0) {
        web_sessions_free(t);
        return NULL;
    }
    return t;
}

/* Drops the session at index i from the table (the lock held). */
static void drop_at(WebSessions *t, int i)
{
    WebSession *s = t->live[i];
    t->live[i] = t->live[--t->n];
    if (--s->refs == 0) session_free(s);
}

WebSession *web_session_start(WebSessions *t, SignIn *who, time_t now,
                              char token[WEB_SESSION_TOKEN_HEX + 1], Err *err)
{
    WebSession *s = session_new(who, now + t->limits.session_seconds, now);
    random_hex(token);
    hash_token(token, s->token_hash);
    random_hex(s->csrf);
    char hex[65];
    hash_hex(s->token_hash, hex);
    if (svc_sessions_save(t->book, hex, s->user, s->csrf, now, s->expires, err) < 0) {
        session_free(s);
        return NULL;
    }
    s->refs = 2; /* the table's and the caller's */
    pthread_mutex_lock(&t->lock);
    add_live(t, s, now);
    pthread_mutex_unlock(&t->lock);
    return s;
}

WebSession *web_session_start_anonymous(WebSessions *t, SignIn *who, time_t now,
                                        char token[WEB_SESSION_TOKEN_HEX + 1])
{
    WebSession *s = session_new(who, now + t->limits.session_seconds, now);
    random_hex(token);
    hash_token(token, s->token_hash);
    random_hex(s->csrf);
    s->anonymous = true;
    s->refs = 2; /* the table's and the caller's */
    pthread_mutex_lock(&t->lock);
    add_live(t, s, now);
    pthread_mutex_unlock(&t->lock);
    return s;
}

/* The index of the session of token, or -1 (the lock held). */
static int find_index(WebSessions *t, const char *token)
{
    if (!token || strlen(token) != WEB_SESSION_TOKEN_HEX) return -1;
    unsigned char h[32];
    hash_token(token, h);
    for (int i = 0; i < t->n; i++)
        if (sodium_memcmp(t->live[i]->token_hash, h, sizeof h) == 0) return i;
    return -1;
}

/* Drops s from the table if it is still there (the lock held). */
static void drop_session(WebSessions *t, WebSession *s)
{
    for (int i = 0; i < t->n; i++)
        if (t->live[i] == s) {
            drop_at(t, i);
            return;
        }
}

/* Whether s, held by the caller, is still live in the database; re-read at
 * most every recheck seconds. A database that cannot be read keeps the
 * session (the server goes on serving), and it is asked again next time. */
static bool still_live(WebSessions *t, WebSession *s, time_t now)
{
    pthread_mutex_lock(&t->lock);
    bool due = !s->anonymous && now - s->checked >= t->limits.recheck_seconds;
    pthread_mutex_unlock(&t->lock);
    if (!due) return true;
    char hex[65];
    hash_hex(s->token_hash, hex);
    bool live;
    Err err = {0};
    if (svc_sessions_check(t->book, hex, now, &live, &err) < 0) return true;
    pthread_mutex_lock(&t->lock);
    if (live)
        s->checked = now;
    else
        drop_session(t, s);
    pthread_mutex_unlock(&t->lock);
    return live;
}

/* Adds a session another server saved, unless a thread of this one did
 * meanwhile (svc_sessions_fetch's callback; the lock not held). */
static int adopt_one(RestoredSession *r, void *arg)
{
    Restoring *to = arg;
    unsigned char h[32];
    if (sodium_hex2bin(h, sizeof h, r->token_hash, strlen(r->token_hash), NULL, NULL, NULL) != 0)
        return 0;
    pthread_mutex_lock(&to->t->lock);
    bool known = false;
    for (int i = 0; i < to->t->n && !known; i++)
        known = sodium_memcmp(to->t->live[i]->token_hash, h, sizeof h) == 0;
    if (!known) restore_one(r, arg);
    pthread_mutex_unlock(&to->t->lock);
    return 0;
}

/* A token this server does not know may be of a session another server
 * sharing the database started (sessions are a table, schema 010): it is
 * read from the database and, when live, kept here like this server's own.
 * A token of no session costs that one read. */
static void fetch_unknown(WebSessions *t, const char *token, time_t now)
{
    if (!token || strlen(token) != WEB_SESSION_TOKEN_HEX) return;
    unsigned char h[32];
    char hex[65];
    hash_token(token, h);
    hash_hex(h, hex);
    Restoring to = {t, now};
    Err err = {0};
    svc_sessions_fetch(t->book, hex, now, adopt_one, &to, &err); /* unreadable: not signed in */
}

WebSession *web_session_find(WebSessions *t, const char *token, time_t now)
{
    WebSession *s = NULL;
    pthread_mutex_lock(&t->lock);
    int i = find_index(t, token);
    if (i < 0) {
        pthread_mutex_unlock(&t->lock);
        fetch_unknown(t, token, now);
        pthread_mutex_lock(&t->lock);
        i = find_index(t, token);
    }
    if (i >= 0 && t->live[i]->expires <= now)
        drop_at(t, i);
    else if (i >= 0) {
        s = t->live[i];
        s->refs++;
    }
    pthread_mutex_unlock(&t->lock);
    if (s && !still_live(t, s, now)) {
        web_session_release(t, s);
        s = NULL;
    }
    return s;
}

void web_session_release(WebSessions *t, WebSession *s)
{
    if (!s) return;
    pthread_mutex_lock(&t->lock);
    bool last = --s->refs == 0;
    pthread_mutex_unlock(&t->lock);
    if (last) session_free(s);
}

int web_session_end(WebSessions *t, const char *token, time_t now, Err *err)
{
    if (!token || strlen(token) != WEB_SESSION_TOKEN_HEX) return 0;
    pthread_mutex_lock(&t->lock);
    int i = find_index(t, token);
    if (i >= 0) drop_at(t, i);
    pthread_mutex_unlock(&t->lock);
    unsigned char h[32];
    char hex[65];
    hash_token(token, h);
    hash_hex(h, hex);
    return svc_sessions_end(t->book, hex, now, err);
}

static int compare_ids(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool web_session_in_caseload(const WebSession *s, const char *child)
{
    if (s->role->capabilities & CAP_ALL_CHILDREN) return true;
    return child && bsearch(&child, s->caseload, (size_t)s->n_caseload, sizeof *s->caseload,
                            compare_ids) != NULL;
}

bool web_sessions_allow_sign_in(WebSessions *t, const char *origin, time_t now, int *retry_after)
{
    time_t minute = now / 60;
    const char *who = origin ? origin : "";
    pthread_mutex_lock(&t->lock);
    SignInWindow *w = NULL, *oldest = &t->windows[0];
    for (int i = 0; i < MAX_ADDRESSES && !w; i++) {
        if (strcmp(t->windows[i].origin, who) == 0)
            w = &t->windows[i];
        else if (t->windows[i].minute < oldest->minute)
            oldest = &t->windows[i];
    }
    if (!w) {
        w = oldest;
        snprintf(w->origin, sizeof w->origin, "%s", who);
        w->count = 0;
    }
    if (w->minute != minute) w->minute = minute, w->count = 0;
    bool allowed = ++w->count <= t->limits.sign_ins_per_minute;
    pthread_mutex_unlock(&t->lock);
    *retry_after = allowed ? 0 : (int)(60 - now % 60);
    return allowed;
}

bool web_sessions_allow_shared_sign_in(WebSessions *t, const char *origin, time_t now,
                                       int *retry_after)
{
    *retry_after = 0;
    bool shared;
    long long attempts;
    Err err = {0};
    /* A database that cannot count it leaves the server's own count (and the
     * account lock-out, which the sign-in reads there) to hold the address. */
    if (svc_sessions_count_sign_in(t->book, origin, now, &shared, &attempts, &err) < 0 || !shared ||
        attempts <= t->limits.sign_ins_per_minute)
        return true;
    /* Refused here until the minute ends without asking the database again:
     * the address's own window is filled. */
    const char *who = origin ? origin : "";
    pthread_mutex_lock(&t->lock);
    for (int i = 0; i < MAX_ADDRESSES; i++)
        if (strcmp(t->windows[i].origin, who) == 0 && t->windows[i].minute == now / 60)
            t->windows[i].count = t->limits.sign_ins_per_minute;
    pthread_mutex_unlock(&t->lock);
    *retry_after = (int)(60 - now % 60);
    return false;
}

bool web_sessions_begin_check(WebSessions *t)
{
    pthread_mutex_lock(&t->lock);
    bool free_place = t->checking < WEB_SIGN_INS_AT_ONCE;
    if (free_place) t->checking++;
    pthread_mutex_unlock(&t->lock);
    return free_place;
}

void web_sessions_end_check(WebSessions *t)
{
    pthread_mutex_lock(&t->lock);
    t->checking--;
    pthread_mutex_unlock(&t->lock);
}
