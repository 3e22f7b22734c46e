/* svc_import: see svc_import.h. */
#include "service/svc_import.h"

#include "store/store.h"

#include <pthread.h>
#include <string.h>

/* The store an import opens on a thread of its own while it reads the
 * files: a new database's schema (every migration) takes the PostgreSQL
 * server a second or so to create, which the reading of a large history's
 * files hides (bench/RESULTS.md, "Where a PostgreSQL import's time goes"). */
typedef struct StoreOpening {
    const char *db_path;
    pthread_t thread;
    bool started, joined;
    Store *store;
    Err err;
    int rc;
} StoreOpening;

static void *open_store_main(void *arg)
{
    StoreOpening *o = arg;
    o->rc = store_open(o->db_path, &o->store, &o->err);
    if (o->rc == 0 && (o->rc = store_durable_commits(o->store, &o->err)) < 0) {
        store_close(o->store);
        o->store = NULL;
    }
    return NULL;
}

/* ImportStoreWait: the store, once open (NULL when it could not be). */
static Store *wait_for_store(void *arg)
{
    StoreOpening *o = arg;
    if (!o->joined && o->started) pthread_join(o->thread, NULL);
    if (!o->started) open_store_main(o); /* no thread to be had: open it here */
    o->started = o->joined = true;
    return o->rc == 0 ? o->store : NULL;
}

int svc_import_run(const AppContext *ctx, const ImportRequest *req, const Actor *actor,
                   ImportResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = context_require(ctx, CONTEXT_CODES, err);
    if (rc < 0) return rc;
    if (req->n_paths < 1) return service_invalid(err, "paths", "no files or folders were named");
    StoreOpening opening = {.db_path = req->db_path};
    opening.started = pthread_create(&opening.thread, NULL, open_store_main, &opening) == 0;
    ImportOptions opt = {.year = req->year,
                         .disability_path = req->disability_path,
                         .codes = ctx->codes,
                         .actor = actor->name,
                         .keep_invalid = req->keep_invalid};
    rc = import_paths_opening(wait_for_store, &opening, req->paths, req->n_paths, &opt,
                              &out->report, &out->problems);
    wait_for_store(&opening); /* joined already, unless the import never asked */
    if (opening.store) store_close(opening.store);
    if (opening.rc < 0) {
        *err = opening.err; /* as when the store was opened first: its failure alone */
        return opening.rc;
    }
    if (rc < 0) err_set(err, rc, "%ld problems; nothing was imported", out->problems.n_total);
    return rc;
}

void svc_import_free(ImportResult *r)
{
    import_report_free(&r->report);
    errlist_free(&r->problems);
    errlist_free(&r->report.warnings);
}

int svc_synth_run(const SynthOptions *req, const Actor *actor, SynthSummary *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    return rc < 0 ? rc : synth_run(req, out, err);
}
