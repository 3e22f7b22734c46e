/* svc_backup: see svc_backup.h. */
#include "service/svc_backup.h"

#include "store/store.h"

#include <string.h>
#include <sys/stat.h>

/* A database file that is whole: opens read-only (refusing one that is not
 * Carepledge's or is newer) and passes SQLite's integrity check. */
static int open_checked(const char *path, Store **out, Err *err)
{
    int rc = store_open_read(path, out, err);
    if (rc == 0 && (rc = store_check_integrity(*out, err)) < 0) {
        char reason[sizeof err->msg];
        snprintf(reason, sizeof reason, "%s", err->msg);
        err_at(err, ERR_DB, path, 0, 0, NULL, "%s", reason);
        store_close(*out);
        *out = NULL;
    }
    return rc;
}

static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

int svc_backup_run(const BackupRequest *req, const Actor *actor, BackupResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc < 0) return rc;
    Store *s;
    if ((rc = store_open_read(req->db_path, &s, err)) < 0) return rc;
    rc = store_copy_to(s, req->to_path, err);
    store_close(s);
    if (rc < 0) return rc;
    Store *copy;
    if ((rc = open_checked(req->to_path, &copy, err)) < 0) return rc;
    out->schema_version = store_schema_version(copy);
    store_close(copy);
    out->size = file_size(req->to_path);
    return 0;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int svc_restore_run(const RestoreRequest *req, const Actor *actor, BackupResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc < 0) return rc;
    if (same_file(req->db_path, req->from_path))
        return service_invalid(err, "from", "%s is the database itself", req->from_path);
    Store *from, *to;
    if ((rc = open_checked(req->from_path, &from, err)) < 0) return rc;
    rc = store_open(req->db_path, &to, err);
    if (rc == 0) {
        rc = store_copy_from(to, from, err);
        store_close(to);
    }
    store_close(from);
    if (rc < 0) return rc;
    /* A backup from an older Carepledge is brought up to this one's schema. */
    if ((rc = store_open(req->db_path, &to, err)) < 0) return rc;
    rc = store_check_integrity(to, err);
    out->schema_version = store_schema_version(to);
    store_close(to);
    out->size = file_size(req->db_path);
    return rc;
}
