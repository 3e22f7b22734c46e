/* svc_imports: the use case "what has been imported into this database": the
 * import log (schema/sqlite/005_import_log.sql), each import with who ran it,
 * when, its rows per table and every file it read with size and SHA-256. */
#ifndef CAREPLEDGE_SVC_IMPORTS_H
#define CAREPLEDGE_SVC_IMPORTS_H

#include "service/context.h"
#include "service/service.h"
#include "store/store.h"

typedef struct ImportsRequest {
    const char *db_path; /* an existing database, opened read-only */
} ImportsRequest;

typedef struct ImportsResult {
    StoreImportEntries entries; /* one per file of each import, oldest first */
} ImportsResult;

/* Returns 0, ERR_FORBIDDEN, ERR_USAGE (no database there) or the store's
 * errors. A database written before the log existed gives no entries and
 * entries.has_log false. Free out with svc_imports_free. */
int svc_imports_run(const AppContext *ctx, const ImportsRequest *req, const Actor *actor,
                    ImportsResult *out, Err *err);
void svc_imports_free(ImportsResult *r);

#endif
