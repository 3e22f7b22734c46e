/* svc_imports: see svc_imports.h. */
#include "service/svc_imports.h"

#include <string.h>
#include <sys/stat.h>

int svc_imports_run(const AppContext *ctx, const ImportsRequest *req, const Actor *actor,
                    ImportsResult *out, Err *err)
{
    (void)ctx;
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc < 0) return rc;
    struct stat st;
    if (stat(req->db_path, &st) != 0)
        return err_set(err, ERR_USAGE, "no database at %s", req->db_path);
    Store *s;
    rc = store_open_read(req->db_path, &s, err);
    if (rc < 0) return rc;
    rc = store_read_begin(s, err);
    if (rc == 0) {
        rc = store_list_imports(s, &out->entries, err);
        store_read_end(s);
    }
    store_close(s);
    return rc;
}

void svc_imports_free(ImportsResult *r)
{
    store_import_entries_free(&r->entries);
}
