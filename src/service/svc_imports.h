/* svc_imports: the use case "what has been imported into this database": the
 * import log (schema/sqlite/005_import_log.sql), each import with who ran it,
 * when, its rows per table (read, and added, changed and unchanged), the marks it made that still
 * stand (schema/sqlite/007_value_marks.sql) and every file it read with size and SHA-256; or, asked
 * for, every marked value itself. */
#ifndef CAREPLEDGE_SVC_IMPORTS_H
#define CAREPLEDGE_SVC_IMPORTS_H

#include "exchange/ssda903.h"
#include "service/context.h"
#include "service/service.h"

#include <stdbool.h>

typedef struct ImportsRequest {
    const char *db_path; /* an existing database, opened read-only */
    bool marks;          /* list the marked values (ImportsResult.marks) instead of the log */
} ImportsRequest;

/* One file of one logged import, with what the import as a whole recorded. */
typedef struct ImportsEntry {
    long long id;
    char *imported_at, *actor;
    long rows;
    char *tables; /* "episodes=5 header=4": rows per table, by name */
    /* Of each table's keys, by name as tables (NULL: none, or logged before
     * schema 21, store/store.h): not stored before, stored and replaced by
     * other values, stored and left as they were. */
    char *added, *changed, *unchanged;
    char *path; /* NULL for an import that read no file */
    long long size;
    char *sha256;
    char *marks; /* "ACTIV=1 PLACE=2": the import's marks still standing, by field; NULL none */
} ImportsEntry;

typedef struct ImportsResult {
    ImportsEntry *entries; /* one per file of each import, oldest first */
    int n_entries;
    bool has_log;       /* false: the database predates the import log */
    Ssda903Marks marks; /* with ImportsRequest.marks: every marked value, by table and row */
} ImportsResult;

/* Returns 0, ERR_FORBIDDEN, ERR_USAGE (no database there) or the store's
 * errors. A database written before the log existed gives no entries and
 * has_log false. Free out with svc_imports_free. */
int svc_imports_run(const AppContext *ctx, const ImportsRequest *req, const Actor *actor,
                    ImportsResult *out, Err *err);
void svc_imports_free(ImportsResult *r);

/* The marked values of one child (a child's record page), read from the
 * database at db_path. Returns 0 or a negative code; free out with
 * ssda903_marks_free either way. */
int svc_child_marks_run(const char *db_path, const char *child, const Actor *actor,
                        Ssda903Marks *out, Err *err);

#endif
