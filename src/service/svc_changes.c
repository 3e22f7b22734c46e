/* svc_changes: see svc_changes.h. */
#include "service/svc_changes.h"

#include "store/store.h"

#include <stdlib.h>

struct ChangeWatch {
    Store *store;
};

int svc_changes_open(const char *db_path, ChangeWatch **out, Err *err)
{
    *out = NULL;
    Store *s;
    if (store_open_read(db_path, &s, err) < 0) return ERR_DB;
    if (store_listen_commits(s, err) < 0) {
        store_close(s);
        return ERR_DB;
    }
    ChangeWatch *w = calloc(1, sizeof *w);
    if (!w) abort();
    w->store = s;
    *out = w;
    return 0;
}

int svc_changes_wait(ChangeWatch *w, int timeout_ms)
{
    return store_wait_commit(w->store, timeout_ms);
}

long long svc_changes_commit(ChangeWatch *w, Err *err)
{
    return store_current_commit(w->store, err);
}

void svc_changes_close(ChangeWatch *w)
{
    if (!w) return;
    store_close(w->store);
    free(w);
}
