/* svc_backup: the use cases "take a backup of the database" and "put a backup
 * back". A backup is a consistent copy of one commit, taken by SQLite's
 * online backup while the server and imports go on, checked whole
 * (PRAGMA integrity_check) before it is called a backup; a restore checks the
 * backup the same way, copies it over the database (the server's readers see
 * the old content or the new) and brings its schema up to date. */
#ifndef CAREPLEDGE_SVC_BACKUP_H
#define CAREPLEDGE_SVC_BACKUP_H

#include "service/service.h"

typedef struct BackupRequest {
    const char *db_path; /* an existing database, opened read-only */
    const char *to_path; /* a new, empty file (cli: the temporary file of --out) */
} BackupRequest;

typedef struct BackupResult {
    int schema_version;
    long long size; /* bytes of the backup */
} BackupResult;

/* Returns 0, ERR_FORBIDDEN, or the store's errors (a damaged copy is ERR_DB
 * with SQLite's first complaint). */
int svc_backup_run(const BackupRequest *req, const Actor *actor, BackupResult *out, Err *err);

typedef struct RestoreRequest {
    const char *db_path;   /* the database to replace (made when missing) */
    const char *from_path; /* a backup: a Carepledge database, not newer than this program */
} RestoreRequest;

/* Returns 0, ERR_FORBIDDEN, ERR_USAGE (from is the database itself), or the
 * store's errors; on any error before the copy the database is untouched. */
int svc_restore_run(const RestoreRequest *req, const Actor *actor, BackupResult *out, Err *err);

#endif
