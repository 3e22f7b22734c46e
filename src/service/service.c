/* service: see service.h. */
#include "service/service.h"

#include "service/dataset_load.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

Actor *actor_named(Actor *actor, const char *name)
{
    snprintf(actor->name, sizeof actor->name, "%s", name ? name : "");
    return actor;
}

int service_check_actor(const Actor *actor, Err *err)
{
    if (!actor || !actor->name[0])
        return err_set(err, ERR_FORBIDDEN, "no one is named as asking: the request is refused");
    return 0;
}

int service_invalid(Err *err, const char *param, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_vat(err, ERR_USAGE, NULL, 0, 0, NULL, fmt, ap);
    va_end(ap);
    return err_param(err, param);
}

int service_dataset(const ServiceData *data, unsigned parts, Dataset *owned, const Dataset **use,
                    Err *err)
{
    memset(owned, 0, sizeof *owned);
    *use = data->snapshot;
    if (data->snapshot) return 0;
    if (!data->db_path) return err_set(err, ERR_USAGE, "no database was named");
    int rc = service_load_dataset_parts(data->db_path, owned, parts, err);
    if (rc == 0) *use = owned;
    return rc;
}

void service_marked(const Dataset *ds, const char *const *reads, ServiceMarked *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < ds->n_marks && out->n < SERVICE_MAX_MARKED; i++) {
        const DatasetMarks *m = &ds->marks[i];
        for (const char *const *r = reads; *r; r++) {
            size_t tl = strlen(m->table);
            if (strncmp(*r, m->table, tl) == 0 && (*r)[tl] == '.' &&
                strcmp(*r + tl + 1, m->field) == 0) {
                out->items[out->n++] = *m;
                break;
            }
        }
    }
}
