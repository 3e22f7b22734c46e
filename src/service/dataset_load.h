/* dataset_load: opens an existing database and loads its Dataset, for the
 * commands that only read (leavers, profile, ...). */
#ifndef CAREPLEDGE_DATASET_LOAD_H
#define CAREPLEDGE_DATASET_LOAD_H

#include "base/err.h"
#include "domain/dataset.h"

/* Fails with a clear message when there is no database at db_path (reading
 * commands never create one). */
int service_load_dataset(const char *db_path, Dataset *ds, Err *err);
/* The same, loading only the parts named (STORE_LOAD_* in store/store.h). */
int service_load_dataset_parts(const char *db_path, Dataset *ds, unsigned parts, Err *err);

#endif
