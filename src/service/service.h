/* service: what every use case of service/ shares — who is asking (Actor), and
 * where the history comes from (ServiceData: a database to read, or a Dataset
 * snapshot a front end already holds).
 *
 * A service is one use case (svc_*.h): it takes the application context
 * (service/context.h), the data, a request struct and the actor, and fills a
 * result struct. It prints nothing and names no command-line flag in its
 * messages (an Err names the request parameter instead: err_param); failures
 * are typed (base/err.h: err_kind), and each front end maps them to its own
 * statuses in one place (cli/cli.c for exit statuses). docs/development.md
 * shows the call path of one request. */
#ifndef CAREPLEDGE_SERVICE_H
#define CAREPLEDGE_SERVICE_H

#include "base/err.h"
#include "domain/dataset.h"

/* Who is asking. On the command line the operating-system user; from the web
 * the signed-in user. A service refuses a request with no one named. */
typedef struct Actor {
    char name[64];
} Actor;

/* Fills actor with name; returns actor. */
Actor *actor_named(Actor *actor, const char *name);

/* Returns 0 when actor names someone, else ERR_FORBIDDEN: nothing is done for
 * a request nobody is answerable for. */
int service_check_actor(const Actor *actor, Err *err);

/* Fails the request as invalid (ERR_USAGE) with a message about parameter
 * param, which a front end names its own way ("--la" on the command line).
 * Returns ERR_USAGE. */
int service_invalid(Err *err, const char *param, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The history a reading service works on: the snapshot when one is given
 * (held by the caller, which must hold at least the parts the service reads;
 * never changed), else the database at db_path, loaded for the one request. */
typedef struct ServiceData {
    const char *db_path;
    const Dataset *snapshot;
} ServiceData;

/* The Dataset a service is to read: data->snapshot, or the parts (STORE_LOAD_*)
 * of data->db_path loaded into *owned. Sets *use to the one to read. Returns 0
 * or a negative code (no database there: ERR_USAGE, as dataset_load says). */
int service_dataset(const ServiceData *data, unsigned parts, Dataset *owned, const Dataset **use,
                    Err *err);

/* The fields of the history a computation read that imports marked as
 * invalid and stored as unknown (import --keep-invalid), with how many: the
 * computation counted each as unknown or left its row out, and its result
 * says so. Empty when the history has no marks, so that a result without
 * marks is exactly what it was before marks existed. */
enum { SERVICE_MAX_MARKED = 8 };
typedef struct ServiceMarked {
    DatasetMarks items[SERVICE_MAX_MARKED];
    int n;
} ServiceMarked;

/* Fills out with the Dataset's marks of the fields in reads ("episodes.PLACE",
 * NULL-terminated). */
void service_marked(const Dataset *ds, const char *const *reads, ServiceMarked *out);

#endif
