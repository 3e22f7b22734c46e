/* app: see app.h. */
#include "web/app.h"

#include "service/dataset_load.h"
#include "service/dataset_patch.h"
#include "web/child_cache.h"
#include "web/prepare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 31 March of the latest collection year with an episode or review. */
static Date history_end(const Dataset *ds)
{
    Date latest = DATE_NONE;
    for (int i = 0; i < ds->n_episodes; i++) {
        const Episode *e = &ds->episodes[i];
        if (latest == DATE_NONE || e->decom > latest) latest = e->decom;
        if (e->dec != DATE_NONE && e->dec > latest) latest = e->dec;
    }
    for (int i = 0; i < ds->n_reviews; i++)
        if (latest == DATE_NONE || ds->reviews[i].date > latest) latest = ds->reviews[i].date;
    return latest == DATE_NONE ? DATE_NONE : date_collection_year_end(date_collection_year(latest));
}

/* A snapshot of ds (taken), held by the app alone. */
static WebSnapshot *new_snapshot(WebSnapshot *snap)
{
    snap->history_end = history_end(&snap->ds);
    pthread_mutex_init(&snap->cache_lock, NULL);
    snap->refs = 1; /* the app's */
    return snap;
}

static int load_snapshot(const char *db_path, WebSnapshot **out, Err *err)
{
    WebSnapshot *snap = calloc(1, sizeof *snap);
    if (!snap) abort();
    if (service_load_dataset(db_path, &snap->ds, err) < 0) {
        dataset_free(&snap->ds);
        free(snap);
        return err->code;
    }
    *out = new_snapshot(snap);
    return 0;
}

/* Whether the snapshot in place is at the database's latest commit: the
 * commit announced was this server's own save, swapped in already. Saves
 * under way are waited for first (each a few milliseconds, and at most
 * WEB_SAVE_WAIT_MS in all): a save's commit is announced before the save
 * has swapped its snapshot in. */
static bool watched_commit_is_in(WebApp *app)
{
    for (int waited = 0; atomic_load(&app->saving) > 0 && waited < WEB_SAVE_WAIT_MS; waited += 5)
        nanosleep(&(struct timespec){.tv_nsec = 5 * 1000 * 1000}, NULL);
    Err ignored;
    long long latest = svc_changes_commit(app->changes, &ignored);
    WebSnapshot *snap = web_app_acquire(app);
    bool in = latest >= 0 && latest == snap->ds.commit;
    web_app_release(app, snap);
    return in;
}

/* Reloads after every commit announced, until web_app_close, but one this
 * server's save has swapped in already; a failed load keeps the snapshot
 * there is, and the next commit tries again. */
static void *watch_commits(void *arg)
{
    WebApp *app = arg;
    while (!atomic_load(&app->stop_watching)) {
        int rc = svc_changes_wait(app->changes, 250);
        if (rc < 0) break;
        Err ignored;
        if (rc == 1 && !watched_commit_is_in(app)) web_app_reload(app, &ignored);
    }
    return NULL;
}

static void start_watching(WebApp *app)
{
    Err ignored; /* a database without notices (SQLite) has nothing to watch */
    atomic_store(&app->stop_watching, false);
    if (svc_changes_open(app->db_path, &app->changes, &ignored) < 0) return;
    if (pthread_create(&app->watcher, NULL, watch_commits, app) != 0) {
        svc_changes_close(app->changes);
        app->changes = NULL;
    }
}

static void limits_defaults(WebSessionLimits *l)
{
    if (l->session_seconds <= 0) l->session_seconds = WEB_SESSION_SECONDS;
    if (l->recheck_seconds <= 0) l->recheck_seconds = WEB_SESSION_RECHECK_SECONDS;
    if (l->sign_ins_per_minute <= 0) l->sign_ins_per_minute = WEB_SIGN_INS_PER_MINUTE;
}

/* The sessions saved in the database, as they are now. */
static int open_sessions(WebApp *app, Err *err)
{
    limits_defaults(&app->limits);
    if (svc_sessions_open(app->db_path, &app->book, err) < 0) return err->code;
    app->sessions = web_sessions_new(app->book, &app->limits, web_app_now(app), err);
    return app->sessions ? 0 : err->code;
}

int web_app_open(WebApp *app, const char *db_path, const AppContext *ctx, Err *err)
{
    app->db_path = db_path;
    app->ctx = ctx;
    pthread_mutex_init(&app->snapshot_lock, NULL);
    pthread_mutex_init(&app->prepare_lock, NULL);
    pthread_mutex_init(&app->save_lock, NULL);
    pthread_cond_init(&app->prepare_wake, NULL);
    /* The audit log first: it migrates the database to the schema with the
     * users, sessions and audit tables. */
    if (svc_audit_open(db_path, &app->audit, err) < 0) return err->code;
    if (load_snapshot(db_path, &app->snapshot, err) < 0 || open_sessions(app, err) < 0) {
        web_app_close(app);
        return err->code;
    }
    /* Before the first request, as before every swap: the first reader of
     * the scorecard does not wait for it. */
    web_prepare_snapshot(app, app->snapshot, NULL);
    start_watching(app);
    return 0;
}

/* Ends the preparer, if a save started it; what it was given and has not
 * asked yet is let go. */
static void stop_preparing(WebApp *app)
{
    pthread_mutex_lock(&app->prepare_lock);
    bool running = app->preparing;
    app->prepare_stop = true;
    pthread_cond_signal(&app->prepare_wake);
    pthread_mutex_unlock(&app->prepare_lock);
    if (running) pthread_join(app->preparer, NULL);
    app->preparing = false;
}

void web_app_close(WebApp *app)
{
    if (app->changes) {
        atomic_store(&app->stop_watching, true);
        pthread_join(app->watcher, NULL);
        svc_changes_close(app->changes);
        app->changes = NULL;
    }
    stop_preparing(app);
    if (app->snapshot) web_app_release(app, app->snapshot);
    app->snapshot = NULL;
    svc_audit_close(app->audit);
    app->audit = NULL;
    web_sessions_free(app->sessions);
    app->sessions = NULL;
    svc_sessions_close(app->book);
    app->book = NULL;
    pthread_mutex_destroy(&app->snapshot_lock);
    pthread_mutex_destroy(&app->prepare_lock);
    pthread_mutex_destroy(&app->save_lock);
    pthread_cond_destroy(&app->prepare_wake);
}

WebSnapshot *web_app_acquire(WebApp *app)
{
    pthread_mutex_lock(&app->snapshot_lock);
    WebSnapshot *snap = app->snapshot;
    snap->refs++;
    pthread_mutex_unlock(&app->snapshot_lock);
    return snap;
}

void web_app_release(WebApp *app, WebSnapshot *snap)
{
    pthread_mutex_lock(&app->snapshot_lock);
    bool last = --snap->refs == 0;
    pthread_mutex_unlock(&app->snapshot_lock);
    if (last) {
        for (int i = 0; i < snap->n_cards; i++) free(snap->cards[i].body);
        for (int i = 0; i < snap->n_answers; i++) free(snap->answers[i].body);
        free(snap->answers);
        web_child_cache_free(snap->child_views);
        pthread_mutex_destroy(&snap->cache_lock);
        dataset_free(&snap->ds);
        free(snap);
    }
}

bool web_snapshot_card(WebSnapshot *snap, int year, bool publish, char **body, size_t *len)
{
    bool found = false;
    pthread_mutex_lock(&snap->cache_lock);
    for (int i = 0; i < snap->n_cards && !found; i++) {
        const WebCachedCard *c = &snap->cards[i];
        if (c->year != year || c->publish != publish) continue;
        *body = malloc(c->len + 1);
        if (!*body) abort();
        memcpy(*body, c->body, c->len + 1);
        *len = c->len;
        found = true;
    }
    pthread_mutex_unlock(&snap->cache_lock);
    return found;
}

void web_snapshot_keep_card(WebSnapshot *snap, int year, bool publish, const char *body, size_t len)
{
    atomic_fetch_add(&snap->worked_out, 1);
    pthread_mutex_lock(&snap->cache_lock);
    bool known = false;
    for (int i = 0; i < snap->n_cards; i++)
        known |= snap->cards[i].year == year && snap->cards[i].publish == publish;
    if (!known && snap->n_cards < WEB_CACHED_CARDS) {
        WebCachedCard *c = &snap->cards[snap->n_cards++];
        c->year = year;
        c->publish = publish;
        c->body = malloc(len + 1);
        if (!c->body) abort();
        memcpy(c->body, body, len);
        c->body[len] = '\0';
        c->len = len;
    }
    pthread_mutex_unlock(&snap->cache_lock);
}

bool web_snapshot_cards_full(WebSnapshot *snap)
{
    pthread_mutex_lock(&snap->cache_lock);
    bool full = snap->n_cards >= WEB_CACHED_CARDS;
    pthread_mutex_unlock(&snap->cache_lock);
    return full;
}

bool web_snapshot_answer(WebSnapshot *snap, const char *key, char **body, size_t *len)
{
    bool found = false;
    pthread_mutex_lock(&snap->cache_lock);
    for (int i = 0; i < snap->n_answers && !found; i++) {
        const WebCachedAnswer *a = &snap->answers[i];
        if (strcmp(a->key, key) != 0) continue;
        *body = malloc(a->len + 1);
        if (!*body) abort();
        memcpy(*body, a->body, a->len + 1);
        *len = a->len;
        found = true;
    }
    pthread_mutex_unlock(&snap->cache_lock);
    return found;
}

void web_snapshot_keep_answer(WebSnapshot *snap, const char *key, const char *again,
                              const char *body, size_t len)
{
    atomic_fetch_add(&snap->worked_out, 1);
    if (strlen(key) >= sizeof snap->answers[0].key) return; /* never a cut key */
    /* A cut request would ask another question: keep none. */
    if (!again || strlen(again) >= sizeof snap->answers[0].again) again = "";
    pthread_mutex_lock(&snap->cache_lock);
    bool known = false;
    for (int i = 0; i < snap->n_answers && !known; i++)
        known = strcmp(snap->answers[i].key, key) == 0;
    if (!snap->answers) snap->answers = calloc(WEB_CACHED_ANSWERS, sizeof *snap->answers);
    if (!snap->answers) abort();
    if (!known && snap->n_answers < WEB_CACHED_ANSWERS) {
        WebCachedAnswer *a = &snap->answers[snap->n_answers++];
        snprintf(a->key, sizeof a->key, "%s", key);
        snprintf(a->again, sizeof a->again, "%s", again);
        a->body = malloc(len + 1);
        if (!a->body) abort();
        memcpy(a->body, body, len);
        a->body[len] = '\0';
        a->len = len;
    }
    pthread_mutex_unlock(&snap->cache_lock);
}

/* Swaps fresh in unless the snapshot in place is of a later commit, and
 * returns the one left out, with the app's reference to it: the snapshot
 * replaced, or fresh itself. Two reloads at once (an import and a
 * correction, or a commit announced meanwhile) may finish in either order:
 * the later commit stays, whichever finished last. */
static WebSnapshot *swap_in(WebApp *app, WebSnapshot *fresh)
{
    pthread_mutex_lock(&app->snapshot_lock);
    WebSnapshot *old = app->snapshot;
    bool newer = fresh->ds.commit >= old->ds.commit;
    if (newer) app->snapshot = fresh;
    pthread_mutex_unlock(&app->snapshot_lock);
    return newer ? old : fresh;
}

int web_app_reload(WebApp *app, Err *err)
{
    WebSnapshot *fresh = NULL;
    if (load_snapshot(app->db_path, &fresh, err) < 0) return err->code;
    atomic_fetch_add(&app->loads_whole, 1);
    /* The old snapshot, held while the new one is prepared from its questions
     * (another reload may swap it out meanwhile). */
    WebSnapshot *current = web_app_acquire(app);
    web_prepare_snapshot(app, fresh, current);
    web_app_release(app, current);
    web_app_release(app, swap_in(app, fresh));
    return 0;
}

/* The preparer: asks of the snapshot in place the questions of the one a
 * save replaced (web_app_save), after the swap, until web_app_close. */
static void *prepare_after_saves(void *arg)
{
    WebApp *app = arg;
    pthread_mutex_lock(&app->prepare_lock);
    for (;;) {
        while (!app->prepare_stop && !app->prepare_from)
            pthread_cond_wait(&app->prepare_wake, &app->prepare_lock);
        if (app->prepare_stop) break;
        WebSnapshot *from = app->prepare_from;
        app->prepare_from = NULL;
        pthread_mutex_unlock(&app->prepare_lock);
        /* The latest snapshot: saves that came meanwhile are prepared once. */
        WebSnapshot *current = web_app_acquire(app);
        if (current != from) web_prepare_live_snapshot(app, current, from);
        web_app_release(app, current);
        web_app_release(app, from);
        pthread_mutex_lock(&app->prepare_lock);
    }
    WebSnapshot *left = app->prepare_from;
    app->prepare_from = NULL;
    pthread_mutex_unlock(&app->prepare_lock);
    if (left) web_app_release(app, left);
    return NULL;
}

/* Gives the preparer old (with the app's reference to it), whose questions
 * it asks of the snapshot in place; starts it at the first. When it has one
 * waiting already, that one is kept: it was replaced first, so its answers
 * are the ones the snapshots since have not been given yet. */
static void prepare_later(WebApp *app, WebSnapshot *old)
{
    pthread_mutex_lock(&app->prepare_lock);
    if (!app->preparing)
        app->preparing = pthread_create(&app->preparer, NULL, prepare_after_saves, app) == 0;
    bool taken = app->preparing && !app->prepare_from;
    if (taken) app->prepare_from = old;
    pthread_cond_signal(&app->prepare_wake);
    pthread_mutex_unlock(&app->prepare_lock);
    if (!taken) web_app_release(app, old);
}

WebSnapshot *web_app_begin_save(WebApp *app)
{
    pthread_mutex_lock(&app->save_lock);
    atomic_fetch_add(&app->saving, 1);
    return web_app_acquire(app);
}

void web_app_end_save(WebApp *app, WebSnapshot *before)
{
    web_app_release(app, before);
    atomic_fetch_sub(&app->saving, 1);
    pthread_mutex_unlock(&app->save_lock);
}

int web_app_save(WebApp *app, WebSnapshot *before, const char *child, Err *err)
{
    WebSnapshot *fresh = calloc(1, sizeof *fresh);
    if (!fresh) abort();
    int rc = service_patch_child(app->db_path, &before->ds, child, &fresh->ds, err);
    if (rc != 1) {
        free(fresh);
        return rc < 0 ? rc : web_app_reload(app, err);
    }
    atomic_fetch_add(&app->saves_patched, 1);
    WebSnapshot *left_out = swap_in(app, new_snapshot(fresh));
    if (left_out == fresh)
        web_app_release(app, fresh); /* a later commit is in already */
    else
        prepare_later(app, left_out);
    return 0;
}

bool web_app_begin_import(WebApp *app)
{
    return !atomic_exchange(&app->importing, true);
}

void web_app_end_import(WebApp *app)
{
    atomic_store(&app->importing, false);
}

time_t web_app_now(const WebApp *app)
{
    return app->clock ? app->clock() : time(NULL);
}

Date web_app_today(const WebApp *app)
{
    time_t now = web_app_now(app);
    struct tm tm;
    gmtime_r(&now, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

Date web_app_as_at(const WebApp *app, const WebSnapshot *snap)
{
    Date today = web_app_today(app);
    if (snap->history_end == DATE_NONE) return today;
    return today > date_add_months(snap->history_end, WEB_STALE_MONTHS) ? snap->history_end : today;
}
