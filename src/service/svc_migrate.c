/* svc_migrate: see svc_migrate.h. */
#include "service/svc_migrate.h"

#include "store/store.h"

#include <string.h>

int svc_migrate_run(const AppContext *ctx, const MigrateRequest *req, const Actor *actor,
                    MigrateResult *out, Err *err)
{
    (void)ctx;
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc < 0) return rc;
    if (!store_exists(req->from))
        return err_set(err, ERR_USAGE, "no database at %s to migrate from", req->from);
    if (strcmp(req->from, req->to) == 0)
        return err_set(err, ERR_USAGE, "--from and --to name the same database");
    StoreCopyReport rep;
    rc = store_copy_database(req->from, req->to, &rep, err);
    out->tables = rep.tables;
    out->rows = rep.rows;
    return rc;
}
