/* dataset_load: see dataset_load.h. */
#include "service/dataset_load.h"

#include "store/store.h"

#include <string.h>
#include <sys/stat.h>

int service_open_existing(const char *db_path, Store **s, Err *err)
{
    if (!store_exists(db_path))
        return err_set(err, ERR_USAGE, "no database at %s (importing a return creates one)",
                       db_path);
    return store_open_read(db_path, s, err);
}

int service_load_dataset(const char *db_path, Dataset *ds, Err *err)
{
    return service_load_dataset_parts(db_path, ds, STORE_LOAD_ALL, err);
}

int service_load_dataset_parts(const char *db_path, Dataset *ds, unsigned parts, Err *err)
{
    Store *s;
    int rc = service_open_existing(db_path, &s, err);
    if (rc < 0) return rc;
    rc = store_load_dataset_parts(s, ds, parts, err);
    store_close(s);
    return rc;
}

int service_load_903_history(const char *db_path, int year, int years_before,
                             bool only_their_children, Ssda903History *h, Err *err)
{
    Store *s;
    int rc = service_open_existing(db_path, &s, err);
    if (rc < 0) return rc;
    rc = store_load_903_history(s, year, years_before, only_their_children, h, err);
    store_close(s);
    return rc;
}

int service_load_marks(const char *db_path, const char *child, Ssda903Marks *out, Err *err)
{
    memset(out, 0, sizeof *out);
    Store *s;
    int rc = service_open_existing(db_path, &s, err);
    if (rc < 0) return rc;
    rc = store_list_marks(s, child, out, err);
    store_close(s);
    return rc;
}
