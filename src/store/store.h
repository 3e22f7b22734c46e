/* store: the system of record, holding every child's whole 903 history, its
 * schema kept as numbered migrations (schema/DIALECT/NNN_name.sql).
 *
 * All SQL of the program lives in store/, written against the neutral driver
 * interface store/db.h (store/sqlite.c is the driver: one SQLite file in WAL
 * mode). Statements are named, bound and prepared once per connection. A Store
 * is owned by one thread. Reads see one commit (a snapshot) and never take the
 * write lock; every write transaction counts itself, so a reader can name the
 * commit it saw. */
#ifndef CAREPLEDGE_STORE_H
#define CAREPLEDGE_STORE_H

#include "base/err.h"
#include "domain/dataset.h"
#include "exchange/ssda903.h"
#include "exchange/ssda903_header_years.h"
#include "exchange/ssda903_return.h"

#include <stdbool.h>

typedef struct Store Store;

/* Opens (creating if needed) the database at path and applies any migrations
 * not yet applied: for the commands that write (import). Returns 0 and sets
 * *out (free with store_close). */
int store_open(const char *path, Store **out, Err *err);
/* Opens an existing database read-only: for the commands that only read. It
 * never creates or migrates one: a missing path, an empty file or a file
 * that is no Carepledge database is an error saying so. */
int store_open_read(const char *path, Store **out, Err *err);
/* Both refuse a database whose schema version is newer than this program's.
 * path is a SQLite file or a PostgreSQL connection string ("postgresql://...",
 * "postgres://..." or "postgres:SERVICE"): see store/db.h db_open. */
/* Whether there may be a database at path: a file that exists, or any
 * PostgreSQL connection string (whose database is found, or not, on opening). */
bool store_exists(const char *path);
/* The environment variable naming the council (a DfE LA code, as 835) that
 * every store this process opens works for: its imports label their rows with
 * it and its loads see that council's children only (on PostgreSQL enforced by
 * row-level security as well, docs/postgresql.md). Unset or empty: every
 * council, as in a database of one council. */
#define STORE_COUNCIL_ENV "CAREPLEDGE_COUNCIL"
/* The council s was opened for, "" when none. */
const char *store_council(const Store *s);
void store_close(Store *s);
/* The schema version recorded in the database. */
int store_schema_version(Store *s);

/* The channel a commit is announced on, to every process sharing a server
 * database (PostgreSQL NOTIFY; store_wait_commit). */
#define STORE_COMMIT_CHANNEL "carepledge_commit"

/* Subscribes the store's connection to commits announced by any process
 * sharing the database; ERR_DB on an engine without notices (SQLite, where
 * one file has one writing process). */
int store_listen_commits(Store *s, Err *err);
/* Waits up to timeout_ms for an announced commit: 1 when one came (any that
 * came meanwhile are taken too), 0 when none, ERR_DB when the connection
 * failed. */
int store_wait_commit(Store *s, int timeout_ms);
/* Makes every later commit of s durable before it returns (SQLite's
 * synchronous=FULL: a power cut after "imported" cannot lose the import).
 * Imports use it; the server's frequent small audit writes keep NORMAL. */
int store_durable_commits(Store *s, Err *err);

/* A consistent copy of the whole database in a new database file at path
 * (SQLite's online backup), taken while others read and write it. */
int store_copy_to(Store *s, const char *path, Err *err);
/* Replaces s's content with from's (s opened for writing). */
int store_copy_from(Store *s, Store *from, Err *err);
/* PRAGMA integrity_check: 0 when the database is whole, else ERR_DB with the
 * first problem found. */
int store_check_integrity(Store *s, Err *err);

/* A write transaction (takes the write lock, waiting up to 5 s for another
 * writer); store_commit counts the commit. */
int store_begin(Store *s, Err *err);
int store_commit(Store *s, Err *err);
void store_rollback(Store *s);
/* A read transaction held across several reads (loads, the 903 history),
 * all seeing the one commit it started at; without it each load is a read
 * transaction of its own. Never waits for, nor stops, a writer. */
int store_read_begin(Store *s, Err *err);
void store_read_end(Store *s);
/* The latest commit (within a read transaction, the one it sees): the number
 * of write transactions committed; -1 when it cannot be read. Compare with
 * Dataset.commit to know whether a loaded Dataset is still current. */
long long store_current_commit(Store *s, Err *err);

/* Inserts or updates one row of a 903 table or record template under its
 * natural key (docs/import.md, docs/templates.md).
 * values[i] is table column i, already normalised (ISO dates, upper-case
 * codes), NULL for not recorded. The row replaces a stored one only when
 * source_year is not older than the stored row's. */
int store_put_903_row(Store *s, Ssda903TableId table, const char *const *values, int source_year,
                      Err *err);
/* Whether the last store_put_903_row wrote its row (false: a stored row
 * from a later collection year was kept). */
bool store_last_put_written(Store *s);
/* Whether store_put_903_row stages its rows for a merge at the next read or
 * commit (PostgreSQL, store_stage.c): store_last_put_written then says
 * nothing, and store_put_was_written tells after the merge. */
bool store_puts_staged(Store *s);
/* After the merge of staged rows (it runs first, when rows wait): whether the
 * row stored under the key of values (as given to store_put_903_row) is the
 * one of source_year, i.e. the import wrote it rather than keep one from a
 * later return. *written is false when no row has the key. */
int store_put_was_written(Store *s, Ssda903TableId table, const char *const *values,
                          int source_year, bool *written, Err *err);
/* ---- Each year's Header (schema/sqlite/027_header_years.sql) --------------
 * header holds a child's latest Header; header_years the Headers of earlier
 * years where they differ from the one in force after them, as the interval
 * map of exchange/ssda903_header_years.h. The import keeps it (service/
 * import.c): it writes Header rows as every table's, takes the stored Headers
 * they met with other values, and sets the map of the few children whose
 * Header changed. */

/* A stored Header: cells as the table's columns (CHILD first; NULL not
 * recorded) and a year: header's source_year, or an entry's until_year. */
typedef struct StoreHeader {
    char *cells[SSDA903_HEADER_COLUMNS];
    int year;
} StoreHeader;

typedef struct StoreHeaders {
    StoreHeader *items;
    int n, cap;
} StoreHeaders;

void store_headers_free(StoreHeaders *h);
/* Whether the database keeps each year's Header (schema 27). */
bool store_has_header_years(const Store *s);
/* The stored Header rows that the Header rows written in this transaction
 * met with other values, as they were before (a row replaced by a later
 * return's, or kept against an earlier one's), sorted by child; moved into
 * out, so each is taken once. Staged rows are merged first. Returns 0 or
 * ERR_DB. */
int store_take_header_priors(Store *s, StoreHeaders *out, Err *err);
/* Every stored entry of header_years that the store sees (its council's),
 * by child and until_year, and the Header rows of their children, by child
 * (read in one statement rather than one a child: a round trip each on a
 * server). Returns 0 (none before schema 27) or ERR_DB. */
int store_load_header_years(Store *s, StoreHeaders *entries, StoreHeaders *current, Err *err);
/* The stored Header rows of the children named (those that have one), sorted
 * by child. Returns 0 or ERR_DB. */
int store_read_headers(Store *s, const char *const *children, int n, StoreHeaders *out, Err *err);
/* Replaces the child's entries of header_years (had: whether it has any)
 * with entries (ascending by year, none when n is 0), labelled with the
 * store's council. Returns 0 or ERR_DB. */
int store_set_header_years(Store *s, const char *child, const HeaderYear *entries, int n, bool had,
                           Err *err);
void store_header_free(StoreHeader *h);

/* Whether a Header row exists for the child. */
bool store_child_known(Store *s, const char *child);
/* Records the council's disability flag for a child (overrides CIN N2). */
int store_put_disability(Store *s, const char *child, bool disabled, Err *err);

/* What store_erase_child removed. */
typedef struct StoreErased {
    long long rows; /* rows deleted, over every table */
    int tables;     /* tables that held some */
} StoreErased;

/* Deletes every row of child from every table with a child column (the 903
 * tables of every year, the record templates, the disability list, value
 * marks, corrections, participation, allocations, and any such table a later
 * migration adds), but the audit log, which is kept whole. Runs inside the
 * caller's write transaction (store_begin): nothing is erased unless it
 * commits. out->rows is 0 when the database holds nothing of child.
 * Returns 0 or ERR_DB. */
int store_erase_child(Store *s, const char *child, StoreErased *out, Err *err);

/* Counts rows of a 903 table or record template (for reports and tests). */
long store_count_rows(Store *s, Ssda903TableId table);

/* One file an import read, for the import log. */
typedef struct StoreImportFile {
    const char *path; /* as the walk found it */
    long long size;
    char sha256[65];
} StoreImportFile;

/* What the import log records of one import (schema/sqlite/005_import_log.sql). */
typedef struct StoreImportLog {
    const char *imported_at; /* UTC, ISO 8601 */
    const char *actor;
    const StoreImportFile *files;
    int n_files;
    long rows;
    const long *rows_by_table; /* TABLE_COUNT counts; tables with none are not logged */
    int first_year, last_year; /* 0 when no row had a year */
} StoreImportLog;

/* Adds the import to the log, inside the write transaction that stores its
 * rows (store_begin), so that it is logged if and only if it commits, and
 * sets *id to its entry's id. With each table's rows read it logs what the
 * store counted of them in this transaction: rows added, changed and
 * unchanged (schema/sqlite/021_import_outcomes.sql). Returns 0 or ERR_DB. */
int store_log_import(Store *s, const StoreImportLog *log, long long *id, Err *err);

/* One file of one logged import, with what the import as a whole recorded. */
typedef struct StoreImportEntry {
    long long id;
    char *imported_at, *actor;
    long rows;
    char *tables; /* "episodes=5 header=4": rows per table, by name */
    /* Of each table's keys, "episodes=3 header=4" as tables (NULL: none, or
     * an import logged before schema 21): rows not stored before, stored rows
     * replaced by other values, stored rows left as they were. */
    char *added, *changed, *unchanged;
    char *path; /* NULL for an import that read no file */
    long long size;
    char *sha256;
    char *marks; /* "PLACE=2 REC=1": the marks it made still standing, by field; NULL none */
} StoreImportEntry;

typedef struct StoreImportEntries {
    StoreImportEntry *items;
    int n, cap;
    bool has_log; /* false: the database predates the import log (schema 5) */
} StoreImportEntries;

/* Every logged import's files, oldest import first, each import's files by
 * path. Returns 0 or ERR_DB. Free out with store_import_entries_free. */
int store_list_imports(Store *s, StoreImportEntries *out, Err *err);
void store_import_entries_free(StoreImportEntries *e);

/* ---- Marked values (store_marks.c, schema/sqlite/007_value_marks.sql) ----
 * A value an import stored as unknown because it was wrong as given, kept as
 * given with what is wrong with it (exchange/ssda903.h Ssda903Mark), keyed to
 * the stored row and field. */
/* Whether the database has any marks (false before schema 7). */
bool store_has_marks(Store *s);
/* Removes the marks of one stored row but those of the fields in keep
 * ("|PLACE|REC|", or "" for all): the row was written again and those
 * fields are no longer at fault. Returns 0 or ERR_DB. */
int store_clear_marks(Store *s, Ssda903TableId table, const char *child, const char *row_key,
                      const char *keep, Err *err);
/* Stores a mark made by import import_id; a mark of the same row and field
 * with the same value and message is kept as it was (with its first
 * import), so importing the same files again changes nothing. Returns 0 or
 * ERR_DB. */
int store_put_mark(Store *s, const Ssda903Mark *m, long long import_id, Err *err);
/* The marks of child (NULL: every child), by table, child, row and field.
 * A database before schema 7 has none. Returns 0 or ERR_DB; free out with
 * store_marks_free. */
int store_list_marks(Store *s, const char *child, Ssda903Marks *out, Err *err);
/* The table a stored table name ("episodes") names, or -1. */
int store_table_by_sql_name(const char *name);

/* Loads every child with episodes, reviews, OC2 and OC3 records, missing
 * incidents, adoption records (AD1, PlacedAdoption) and the local records
 * of the templates into ds (which must be empty), sorted as dataset.h requires,
 * with ds->commit the commit it reflects. The tables are read on s and on a
 * second, read-only connection in a thread of its own, both seeing the same
 * commit (see store_load.c); the caller sees one call on one thread. */
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
    /* The one record template the care-leaver categories read: requests for
     * advice and support under CA89 s23CZB (RECORD_PA_REQUEST, leaver.h), for
     * commands that compute categories without the other records. Part of
     * STORE_LOAD_RECORDS. */
    STORE_LOAD_PA_REQUESTS = 1 << 9,
};
/* Like store_load_dataset, loading only the parts named. */
int store_load_dataset_parts(Store *s, Dataset *ds, unsigned parts, Err *err);
/* Loads into ds, empty, the parts named of one child alone, as
 * store_load_dataset_parts would load them for that child (ds holds no child
 * when the child has no Header row of the store's council), with the mark
 * counts and the commit of the whole history: all in one read transaction,
 * so ds->commit is the commit its rows are of. For a snapshot held in memory
 * that replaces one child's rows rather than load every child again
 * (service/dataset_patch.h). */
int store_load_child(Store *s, const char *child, Dataset *ds, unsigned parts, Err *err);
/* How many connections the last load read on: 2, or 1 when the second could
 * not be used (an in-memory database, or imports committing again and again
 * while the load began; see store_load.c). */
int store_load_connections(const Store *s);

/* What store_copy_database copied. */
typedef struct StoreCopyReport {
    int tables;
    long long rows;
} StoreCopyReport;

/* Copies the whole database at from_path (read-only) into the new, empty one
 * at to_path (created and migrated when missing), engine to engine (SQLite
 * to PostgreSQL and back): every table, row for row, the import log, users
 * and audit chain included, in one transaction (store_copy.c). Refuses a
 * target that holds data or a source of another schema version. */
int store_copy_database(const char *from_path, const char *to_path, StoreCopyReport *rep, Err *err);

/* Loads the stored rows of the twelve 903 tables that the returns of
 * collection years year - years_before to year can hold into h, in one read
 * transaction (exchange/ssda903_return.h builds a year's return from it);
 * year 0 is the latest year any stored episode came from. With
 * only_their_children, Header, UASC and Episodes hold only the children with
 * an episode running in one of the years or an OC3 row of one (all that
 * validating the returns needs); without, every child's (an export adds the
 * Header rows of children named only by other tables). Free h with
 * ssda903_history_free. */
int store_load_903_history(Store *s, int year, int years_before, bool only_their_children,
                           Ssda903History *h, Err *err);

#endif
