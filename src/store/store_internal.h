/* store_internal: what the store's files share (store.c opens, migrates and
 * writes; store_load.c loads the Dataset and the 903 history). Not for use
 * outside src/store/. */
#ifndef CAREPLEDGE_STORE_INTERNAL_H
#define CAREPLEDGE_STORE_INTERNAL_H

#include "base/strmap.h"
#include "store/db.h"
#include "store/pg_array.h"
#include "store/store.h"

/* The named statements a Store keeps prepared for its life (see store.c). */
typedef enum StmtId {
    STMT_CHILD_KNOWN,
    STMT_PUT_DISABILITY,
    STMT_COUNT_COMMIT,
    STMT_READ_COMMIT,
    STMT_READ_HEADER, /* store_header_years.c */
    STMT_DELETE_HEADER_YEARS,
    STMT_PUT_HEADER_YEAR,
    STMT_COUNT
} StmtId;

/* Rows staged for a set-based merge (store_stage.c), on a driver with bulk
 * copy: each 903 or record table's rows of the open write transaction. */
typedef enum StageRoute {
    STAGE_UNDECIDED, /* no row of the table given since the last merge */
    STAGE_DIRECT,    /* rows go by COPY straight into the (empty) table */
    STAGE_STAGED     /* rows go into the staging table, merged later */
} StageRoute;

/* header_years's columns: child, the six other Header columns, until_year, la. */
enum { STORE_HEADER_YEAR_COLUMNS = 9 };

typedef struct StoreStage {
    bool on;                          /* rows are staged, not upserted one by one */
    int copying;                      /* the table whose COPY is open, or -1 */
    bool copying_direct;              /* and whether that COPY is into the table itself */
    long long seq;                    /* the order rows came in, for the merge */
    long rows[TABLE_COUNT];           /* in the staging table, waiting for the merge */
    unsigned char route[TABLE_COUNT]; /* StageRoute */
    bool made[TABLE_COUNT];           /* its staging table exists in this transaction */
    /* For a table whose unique keys were dropped to be built after its rows
     * (store_stage.c, "Keys built after the rows"): the ALTER TABLE that
     * builds them again, or NULL. */
    char *rebuild[TABLE_COUNT];
    /* header_years rows waiting to be inserted as one statement, a column
     * an array (store_header_years.c); n_header_years of them. */
    PgArray header_years[STORE_HEADER_YEAR_COLUMNS];
    int n_header_years;
    /* The keys staged so far, to tell whether any came twice (store_stage.c). */
    struct StageKeys *keys[TABLE_COUNT];
    /* The children of the Header rows staged in this transaction, and those
     * of other staged rows that were not among them when staged, to be
     * looked up in header before their rows are merged (store_stage.c). */
    StrMap header_children, children_to_find;
    char last_child[32]; /* the child of the last other row noted ("" for none) */
    int year;            /* the source_year last staged, and it as text */
    char year_text[16];
} StoreStage;

/* What an import did with each key it gave a table, counted for the import
 * log (store_log_import): a row of a key not stored before, a stored row
 * replaced by one whose 903 values differ, and a stored row left as it was
 * (the same values, perhaps from a newer return, or kept as a later return's
 * row). SQLite counts row by row (store_put_903_row), PostgreSQL table by
 * table at the merge (store_stage.c). */
typedef enum StoreOutcome {
    STORE_ADDED,
    STORE_CHANGED,
    STORE_UNCHANGED,
    STORE_OUTCOMES
} StoreOutcome;

struct Store {
    DbConn *conn;
    long outcomes[TABLE_COUNT][STORE_OUTCOMES]; /* of the open write transaction */
    bool read_only;
    StoreStage stage;
    int schema_version;
    int load_connections;  /* how many the last load read on */
    bool last_put_written; /* store_last_put_written */
    DbStmt *upserts[TABLE_COUNT];
    /* Header's upsert that writes only a row with the same values as the
     * stored one (store.c, put_header): another row's is kept first. */
    DbStmt *header_if_same;
    /* The stored Header rows the transaction's Header rows met with other
     * values (store_take_header_priors). */
    StoreHeaders priors;
    DbStmt *council_probes[TABLE_COUNT]; /* store.c, check_council */
    DbStmt *stmts[STMT_COUNT];
    /* The council the store was opened for (store_council), "" for all. */
    char council[16];
};

/* The upsert of one table's row (store.c): the single source of the
 * table's columns and key, from which store_stage.c builds its merge. */
const char *store_upsert_sql(Ssda903TableId table);

/* Stages one row of table for the merge: values are the upsert's parameters
 * (its columns, then year and source_year as text). */
int store_stage_row(Store *s, Ssda903TableId table, const char *const *values, int n, Err *err);
/* Ends any open COPY and merges every staged row into its table, in table
 * order (Header first, for the foreign keys), emptying the staging tables. */
int store_stage_merge(Store *s, Err *err);
/* Forgets what was staged (the transaction rolled back). */
void store_stage_discard(Store *s);

/* The import log's counts of a merge (store_outcomes.c), into s->outcomes[t].
 * store_count_outcomes, before a merge into a table holding some of the keys:
 * compares the rows of source (a SELECT of columns, one row per key) with
 * the stored rows of table. store_count_added, after a merge that only
 * inserted: every row of source was added; known is their number, or -1
 * to count them. Both return 0 or ERR_DB. */
int store_count_outcomes(Store *s, Ssda903TableId t, const char *table, const char *columns,
                         const char *key, const char *source, Err *err);
int store_count_added(Store *s, Ssda903TableId t, const char *source, long known, Err *err);

/* The schema version that keeps each year's Header (027_header_years.sql). */
enum { STORE_HEADER_YEARS_VERSION = 27 };
/* Adds to s->priors the stored Header of child (store_header_years.c), the
 * row as it is before an upsert replaces it. Returns 0 or ERR_DB. */
int store_keep_header_prior(Store *s, const char *child, Err *err);
/* Adds to s->priors every stored Header that differs from the row of the
 * same child in source (a SELECT of header's upsert columns, one row per
 * child): before the stage's merge replaces them. Returns 0 or ERR_DB. */
int store_keep_header_priors_of(Store *s, const char *source, Err *err);
/* Inserts the header_years entries waiting in the stage (store_header_years.c),
 * or forgets them (the transaction rolled back, or committed). */
int store_flush_header_years(Store *s, Err *err);
void store_free_header_years(Store *s);

/* The statement, prepared on first use; NULL (with err set) when it cannot
 * be prepared. */
DbStmt *store_stmt(Store *s, StmtId id, Err *err);
/* The commit the connection's read transaction sees (store_commits.n), 0 in
 * a database older than the counter (schema version 4). */
int store_read_commit(Store *s, DbConn *conn, long long *commit, Err *err);
/* Whether the database has the commit counter. */
bool store_has_commits(const Store *s);
/* The schema version that added marked values (schema/sqlite/007_value_marks.sql). */
enum { STORE_MARKS_VERSION = 7 };
/* Loads the count of marked values by table and field into ds (store_marks.c). */
int store_load_mark_counts(Store *s, Dataset *ds, Err *err);

/* A one-row, one-column integer query; fallback when it has no row or fails. */
long long store_query_int(DbConn *conn, const char *sql, long long fallback);

#endif
