/* store_internal: what the store's files share (store.c opens, migrates and
 * writes; store_load.c loads the Dataset and the 903 history). Not for use
 * outside src/store/. */
#ifndef CAREPLEDGE_STORE_INTERNAL_H
#define CAREPLEDGE_STORE_INTERNAL_H

#include "store/db.h"
#include "store/store.h"

/* The named statements a Store keeps prepared for its life (see store.c). */
typedef enum StmtId {
    STMT_CHILD_KNOWN,
    STMT_PUT_DISABILITY,
    STMT_COUNT_COMMIT,
    STMT_READ_COMMIT,
    STMT_COUNT
} StmtId;

struct Store {
    DbConn *conn;
    bool read_only;
    int schema_version;
    int load_connections;  /* how many the last load read on */
    bool last_put_written; /* store_last_put_written */
    DbStmt *upserts[TABLE_COUNT];
    DbStmt *stmts[STMT_COUNT];
};

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
