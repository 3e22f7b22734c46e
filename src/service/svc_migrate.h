/* svc_migrate: the use case "move a Carepledge database to another engine":
 * a SQLite file copied whole into a PostgreSQL database, or back
 * (store_copy_database; docs/postgresql.md). */
#ifndef CAREPLEDGE_SVC_MIGRATE_H
#define CAREPLEDGE_SVC_MIGRATE_H

#include "service/context.h"
#include "service/service.h"

typedef struct MigrateRequest {
    const char *from; /* an existing database, only read */
    const char *to;   /* a new or empty database, created when missing */
} MigrateRequest;

typedef struct MigrateResult {
    int tables;
    long long rows;
} MigrateResult;

/* Returns 0, ERR_FORBIDDEN, ERR_USAGE (no source, or source and target the
 * same), ERR_CONFLICT (a target holding data, or another schema version) or
 * the store's errors; on any failure the target is left as it was. */
int svc_migrate_run(const AppContext *ctx, const MigrateRequest *req, const Actor *actor,
                    MigrateResult *out, Err *err);

#endif
