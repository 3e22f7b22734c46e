/* store: the system of record. One SQLite file (WAL, foreign keys on) holding
 * every child's whole 903 history, schema kept as numbered migrations.
 *
 * All SQL of the program lives in store/. Statements are named, bound and
 * prepared once per connection. A Store is owned by one thread. */
#ifndef CAREPLEDGE_STORE_H
#define CAREPLEDGE_STORE_H

#include "base/err.h"
#include "domain/dataset.h"
#include "exchange/ssda903.h"

#include <stdbool.h>

typedef struct Store Store;

/* Opens (creating if needed) the database at path and applies any migrations
 * not yet applied. Returns 0 and sets *out (free with store_close). */
int store_open(const char *path, Store **out, Err *err);
void store_close(Store *s);
/* The schema version recorded in the database. */
int store_schema_version(Store *s);

int store_begin(Store *s, Err *err);
int store_commit(Store *s, Err *err);
void store_rollback(Store *s);

/* Inserts or updates one row of a 903 table or record template under its
 * natural key (docs/import.md, docs/templates.md).
 * values[i] is table column i, already normalised (ISO dates, upper-case
 * codes), NULL for not recorded. The row replaces a stored one only when
 * source_year is not older than the stored row's. */
int store_put_903_row(Store *s, Ssda903TableId table, const char *const *values, int source_year,
                      Err *err);
/* Whether a Header row exists for the child. */
bool store_child_known(Store *s, const char *child);
/* Records the council's disability flag for a child (overrides CIN N2). */
int store_put_disability(Store *s, const char *child, bool disabled, Err *err);

/* Counts rows of a 903 table or record template (for reports and tests). */
long store_count_rows(Store *s, Ssda903TableId table);

/* Loads every child with episodes, reviews, OC2 and OC3 records, missing
 * incidents, adoption records (AD1, PlacedAdoption) and the local records
 * of the templates into ds (which must be empty), sorted as dataset.h requires.
 * The tables are read on s and on a second, read-only connection in a thread
 * of its own, both seeing the same commit (see store.c); the caller sees one
 * call on one thread. */
int store_load_dataset(Store *s, Dataset *ds, Err *err);

/* What a command needs of the Dataset; children are always loaded. Loading
 * only what is needed keeps reading commands fast on large histories. */
enum {
    STORE_LOAD_EPISODES = 1 << 0,
    STORE_LOAD_REVIEWS = 1 << 1,
    STORE_LOAD_OC3 = 1 << 2,
    STORE_LOAD_RECORDS = 1 << 3, /* the local record templates (visits, health, ...) */
    STORE_LOAD_OC2 = 1 << 4,
    STORE_LOAD_MISSING = 1 << 5,
    STORE_LOAD_ADOPTION = 1 << 6, /* AD1 and PlacedAdoption */
    STORE_LOAD_ALL = (1 << 7) - 1,
    /* With STORE_LOAD_EPISODES: each episode's HOME_POST and PL_POST, in
     * ds->places. Not part of STORE_LOAD_ALL: only the commands given the ONS
     * Postcode Directory read them. */
    STORE_LOAD_POSTCODES = 1 << 7,
    /* Not a part: load on this connection alone, without the second one
     * that otherwise reads half the tables in parallel (for tests that
     * compare the two). */
    STORE_LOAD_ONE_CONNECTION = 1 << 8,
};
/* Like store_load_dataset, loading only the parts named. */
int store_load_dataset_parts(Store *s, Dataset *ds, unsigned parts, Err *err);
/* How many connections the last load read on: 2, or 1 when the second could
 * not be used (another writer at work, an in-memory database; see store.c). */
int store_load_connections(const Store *s);

/* Called with each row of a 903 table as a return file holds it: values[i]
 * is table column i as text, dates dd/mm/yyyy, "" when not recorded; the
 * strings last until the next call. Returns 0 to go on, non-zero to stop. */
typedef int (*StoreRowFn)(void *ctx, const char *const *values, int n_values);
/* Calls fn with each row of a 903 table (table < T903_COUNT) in the return of
 * collection year `year` (end year: 2027 = 2026/27) as the DfE would see it,
 * built from the stored history: the rows of the year, with what was only
 * known after 31 March blank (docs/validation.md, "Validating the stored
 * return"). Rows come sorted by child and the table's date. Returns 0 or
 * ERR_DB. */
int store_each_return_row(Store *s, Ssda903TableId table, int year, StoreRowFn fn, void *ctx,
                          Err *err);
/* The same over every stored episode started by the end of year `year` of
 * the children in that year's Header: their whole history, as that year's
 * return would write each episode. */
int store_each_history_episode(Store *s, int year, StoreRowFn fn, void *ctx, Err *err);
/* The latest collection year any stored episode came from, 0 when none. */
int store_latest_return_year(Store *s);
/* The earliest collection year a stored episode last came from, 0 when none:
 * the history is whole only for what happened from that year on. */
int store_first_return_year(Store *s);

#endif
