/* svc_imports: the use case "what has been imported into this database": the
 * import log (schema/sqlite/005_import_log.sql), each import with who ran it,
 * when, its rows per table and every file it read with size and SHA-256. */
#ifndef CAREPLEDGE_SVC_IMPORTS_H
#define CAREPLEDGE_SVC_IMPORTS_H

#include "service/context.h"
#include "service/service.h"

#include <stdbool.h>

typedef struct ImportsRequest {
    const char *db_path; /* an existing database, opened read-only */
} ImportsRequest;

/* One file of one logged import, with what the import as a whole recorded. */
typedef struct ImportsEntry {
    long long id;
    char *imported_at, *actor;
    long rows;
    char *tables; /* "episodes=5 header=4": rows per table, by name */
    char *path;   /* NULL for an import that read no file */
    long long size;
    char *sha256;
} ImportsEntry;

typedef struct ImportsResult {
    ImportsEntry *entries; /* one per file of each import, oldest first */
    int n_entries;
    bool has_log; /* false: the database predates the import log */
} ImportsResult;

/* Returns 0, ERR_FORBIDDEN, ERR_USAGE (no database there) or the store's
 * errors. A database written before the log existed gives no entries and
 * has_log false. Free out with svc_imports_free. */
int svc_imports_run(const AppContext *ctx, const ImportsRequest *req, const Actor *actor,
                    ImportsResult *out, Err *err);
void svc_imports_free(ImportsResult *r);

#endif
