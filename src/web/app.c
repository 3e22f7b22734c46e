/* app: see app.h. */
#include "web/app.h"

#include "service/dataset_load.h"

#include <stdlib.h>
#include <string.h>

static int load_snapshot(const char *db_path, WebSnapshot **out, Err *err)
{
    WebSnapshot *snap = calloc(1, sizeof *snap);
    if (!snap) abort();
    if (service_load_dataset(db_path, &snap->ds, err) < 0) {
        dataset_free(&snap->ds);
        free(snap);
        return err->code;
    }
    snap->refs = 1; /* the app's */
    *out = snap;
    return 0;
}

/* Reloads after every commit announced, until web_app_close; a failed load
 * keeps the snapshot there is, and the next commit tries again. */
static void *watch_commits(void *arg)
{
    WebApp *app = arg;
    while (!atomic_load(&app->stop_watching)) {
        int rc = svc_changes_wait(app->changes, 250);
        if (rc < 0) break;
        Err ignored;
        if (rc == 1) web_app_reload(app, &ignored);
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

int web_app_open(WebApp *app, const char *db_path, const AppContext *ctx, Err *err)
{
    app->db_path = db_path;
    app->ctx = ctx;
    pthread_mutex_init(&app->snapshot_lock, NULL);
    /* The audit log first: it migrates the database to the schema with the
     * users, sessions and audit tables. */
    if (svc_audit_open(db_path, &app->audit, err) < 0) return err->code;
    if (load_snapshot(db_path, &app->snapshot, err) < 0) {
        svc_audit_close(app->audit);
        app->audit = NULL;
        return err->code;
    }
    app->sessions = web_sessions_new();
    start_watching(app);
    return 0;
}

void web_app_close(WebApp *app)
{
    if (app->changes) {
        atomic_store(&app->stop_watching, true);
        pthread_join(app->watcher, NULL);
        svc_changes_close(app->changes);
        app->changes = NULL;
    }
    if (app->snapshot) web_app_release(app, app->snapshot);
    app->snapshot = NULL;
    svc_audit_close(app->audit);
    app->audit = NULL;
    web_sessions_free(app->sessions);
    app->sessions = NULL;
    pthread_mutex_destroy(&app->snapshot_lock);
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
        dataset_free(&snap->ds);
        free(snap);
    }
}

int web_app_reload(WebApp *app, Err *err)
{
    WebSnapshot *fresh = NULL;
    if (load_snapshot(app->db_path, &fresh, err) < 0) return err->code;
    pthread_mutex_lock(&app->snapshot_lock);
    WebSnapshot *old = app->snapshot;
    app->snapshot = fresh;
    pthread_mutex_unlock(&app->snapshot_lock);
    web_app_release(app, old);
    return 0;
}

time_t web_app_now(const WebApp *app)
{
    return app->clock ? app->clock() : time(NULL);
}
