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
    pthread_mutex_t lock;
    WebSession **live;
    int n, cap;
    SignInWindow windows[MAX_ADDRESSES];
};

WebSessions *web_sessions_new(void)
{
    if (sodium_init() < 0) abort();
    WebSessions *t = calloc(1, sizeof *t);
    if (!t) abort();
    pthread_mutex_init(&t->lock, NULL);
    return t;
}

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

/* Drops the session at index i from the table (the lock held). */
static void drop_at(WebSessions *t, int i)
{
    WebSession *s = t->live[i];
    t->live[i] = t->live[--t->n];
    if (--s->refs == 0) session_free(s);
}

WebSession *web_session_start(WebSessions *t, SignIn *who, time_t now,
                              char token[WEB_SESSION_TOKEN_HEX + 1])
{
    WebSession *s = calloc(1, sizeof *s);
    if (!s) abort();
    random_hex(token);
    hash_token(token, s->token_hash);
    memcpy(s->user, who->user, sizeof s->user);
    s->role = who->role;
    s->caseload = who->caseload;
    s->n_caseload = who->n_caseload;
    who->caseload = NULL;
    who->n_caseload = 0;
    random_hex(s->csrf);
    s->expires = now + WEB_SESSION_SECONDS;
    s->refs = 2; /* the table's and the caller's */
    pthread_mutex_lock(&t->lock);
    for (int i = t->n - 1; i >= 0; i--)
        if (t->live[i]->expires <= now) drop_at(t, i);
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        WebSession **grown = realloc(t->live, (size_t)t->cap * sizeof *grown);
        if (!grown) abort();
        t->live = grown;
    }
    t->live[t->n++] = s;
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

WebSession *web_session_find(WebSessions *t, const char *token, time_t now)
{
    WebSession *s = NULL;
    pthread_mutex_lock(&t->lock);
    int i = find_index(t, token);
    if (i >= 0 && t->live[i]->expires <= now)
        drop_at(t, i);
    else if (i >= 0) {
        s = t->live[i];
        s->refs++;
    }
    pthread_mutex_unlock(&t->lock);
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

void web_session_end(WebSessions *t, const char *token)
{
    pthread_mutex_lock(&t->lock);
    int i = find_index(t, token);
    if (i >= 0) drop_at(t, i);
    pthread_mutex_unlock(&t->lock);
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

bool web_sessions_allow_sign_in(WebSessions *t, const char *origin, time_t now)
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
    bool allowed = ++w->count <= WEB_SIGN_INS_PER_MINUTE;
    pthread_mutex_unlock(&t->lock);
    return allowed;
}
