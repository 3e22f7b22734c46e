/* store/governance: the tables of the Pledge's governance (schema 008,
 * domain/governance.h names their columns): rows written whole under their id
 * (a row imported again replaces the stored one) and read back in id order.
 * The checks of the values are the service's (svc_governance); the store keeps
 * the rows, an optional date given as "" as SQL NULL.
 *
 * A governance write is not a commit of the 903 history (store_commits): it
 * changes no child's data, so a Dataset loaded before it is still current. */
#ifndef CAREPLEDGE_STORE_GOVERNANCE_H
#define CAREPLEDGE_STORE_GOVERNANCE_H

#include "base/err.h"
#include "domain/governance.h"
#include "store/store.h"

#include <stdbool.h>

/* Whether the database has the governance tables (schema version 8 or later). */
bool store_has_governance(Store *s);

/* A write transaction for governance rows; store_gov_commit ends it without
 * counting a commit of the history. */
int store_gov_begin(Store *s, Err *err);
int store_gov_commit(Store *s, Err *err);

/* Writes one row of table t: values[i] is column i of governance_tables[t].
 * Returns 0 or ERR_DB. */
int store_gov_put(Store *s, GovTableId t, const char *const *values, Err *err);
/* Sets *found to whether table t has a row with id. Returns 0 or ERR_DB. */
int store_gov_exists(Store *s, GovTableId t, const char *id, bool *found, Err *err);
/* The number of rows of table t; -1 when it cannot be read. */
long store_gov_count(Store *s, GovTableId t);

/* Calls each(values, n, arg) for every row of t in id order, values[i] being
 * column i as text ("" for NULL), valid during the call; stops at a nonzero
 * return and returns it. Returns 0 or ERR_DB. */
int store_gov_each(Store *s, GovTableId t, int (*each)(const char *const *values, int n, void *arg),
                   void *arg, Err *err);

#endif
