/* svc_import: see svc_import.h. */
#include "service/svc_import.h"

#include "store/store.h"

#include <string.h>

int svc_import_run(const AppContext *ctx, const ImportRequest *req, const Actor *actor,
                   ImportResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = context_require(ctx, CONTEXT_CODES, err);
    if (rc < 0) return rc;
    if (req->n_paths < 1) return service_invalid(err, "paths", "no files or folders were named");
    Store *store;
    rc = store_open(req->db_path, &store, err);
    if (rc == 0 && (rc = store_durable_commits(store, err)) < 0) store_close(store);
    if (rc < 0) return rc;
    ImportOptions opt = {.year = req->year,
                         .disability_path = req->disability_path,
                         .codes = ctx->codes,
                         .actor = actor->name,
                         .keep_invalid = req->keep_invalid};
    rc = import_paths(store, req->paths, req->n_paths, &opt, &out->report, &out->problems);
    store_close(store);
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
