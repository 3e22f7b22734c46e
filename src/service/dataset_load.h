/* dataset_load: opens an existing database read-only and loads what a
 * command that only reads needs: the Dataset (leavers, profile, ...) or the
 * stored 903 history (validate --db, export). It never creates or migrates a
 * database. */
#ifndef CAREPLEDGE_DATASET_LOAD_H
#define CAREPLEDGE_DATASET_LOAD_H

#include "base/err.h"
#include "domain/dataset.h"
#include "exchange/ssda903.h"
#include "exchange/ssda903_return.h"

typedef struct Store Store;

/* Opens db_path read-only, failing with a clear message when there is no
 * database there (reading commands never create one), or it is not one this
 * program can read: for a service that reads several things from one
 * database on one connection. Close with store_close. */
int service_open_existing(const char *db_path, Store **s, Err *err);

/* Fails as service_open_existing does. */
int service_load_dataset(const char *db_path, Dataset *ds, Err *err);
/* The same, loading only the parts named (STORE_LOAD_* in store/store.h). */
int service_load_dataset_parts(const char *db_path, Dataset *ds, unsigned parts, Err *err);
/* The stored rows of the 903 tables that the returns of collection years
 * year - years_before to year can hold (year 0: the latest stored), for
 * building them (ssda903_return_build); only_their_children as
 * store_load_903_history has it. Free with ssda903_history_free. */
int service_load_903_history(const char *db_path, int year, int years_before,
                             bool only_their_children, Ssda903History *h, Err *err);
/* The values imports stored as unknown and marked, of child (NULL: every
 * child), by table and row; none in a database older than the marks. Free
 * with ssda903_marks_free. */
int service_load_marks(const char *db_path, const char *child, Ssda903Marks *out, Err *err);

#endif
