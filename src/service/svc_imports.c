/* svc_imports: see svc_imports.h. */
#include "service/svc_imports.h"

#include "service/dataset_load.h"
#include "store/store.h"

#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

int svc_imports_run(const AppContext *ctx, const ImportsRequest *req, const Actor *actor,
                    ImportsResult *out, Err *err)
{
    (void)ctx;
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc < 0) return rc;
    if (!store_exists(req->db_path))
        return err_set(err, ERR_USAGE, "no database at %s", req->db_path);
    Store *s;
    rc = store_open_read(req->db_path, &s, err);
    if (rc < 0) return rc;
    StoreImportEntries found = {0};
    rc = store_read_begin(s, err);
    if (rc == 0) {
        rc = req->marks ? store_list_marks(s, NULL, &out->marks, err)
                        : store_list_imports(s, &found, err);
        /* An older database simply has no marks: nothing to warn of. */
        if (req->marks) found.has_log = true;
        store_read_end(s);
    }
    store_close(s);
    /* The entries change hands: the service's type is the store's field by field. */
    out->has_log = found.has_log;
    out->n_entries = found.n;
    out->entries = xcalloc((size_t)found.n + 1, sizeof *out->entries);
    for (int i = 0; i < found.n; i++) {
        const StoreImportEntry *e = &found.items[i];
        out->entries[i] =
            (ImportsEntry){e->id,      e->imported_at, e->actor, e->rows, e->tables, e->added,
                           e->changed, e->unchanged,   e->path,  e->size, e->sha256, e->marks};
    }
    free(found.items);
    return rc;
}

void svc_imports_free(ImportsResult *r)
{
    for (int i = 0; i < r->n_entries; i++) {
        ImportsEntry *x = &r->entries[i];
        free(x->imported_at);
        free(x->actor);
        free(x->tables);
        free(x->added);
        free(x->changed);
        free(x->unchanged);
        free(x->path);
        free(x->sha256);
        free(x->marks);
    }
    free(r->entries);
    ssda903_marks_free(&r->marks);
    memset(r, 0, sizeof *r);
}

int svc_child_marks_run(const char *db_path, const char *child, const Actor *actor,
                        Ssda903Marks *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    return rc < 0 ? rc : service_load_marks(db_path, child, out, err);
}
