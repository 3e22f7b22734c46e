/* db: the neutral database interface the store is written against.
 *
 * A driver (store/sqlite.c, the embedded default; store/pg.c, libpq for a
 * PostgreSQL server) gives connections, prepared statements with ?1..?N placeholders, typed values
 * bound and read by column, row cursors and transactions. Nothing above this
 * header knows which database engine is underneath: the store keeps its SQL
 * as a catalogue of named statements in the SQL both engines accept, and its
 * migrations in schema/<dialect>/.
 *
 * Functions return 0 (or DB_ROW) on success and a negative ERR_DB on failure;
 * db_error() turns the connection's last message into an Err. A connection is
 * used by one thread at a time. */
#ifndef CAREPLEDGE_DB_H
#define CAREPLEDGE_DB_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct DbConn DbConn;
typedef struct DbStmt DbStmt;

typedef enum DbOpenMode {
    DB_OPEN_READ_ONLY, /* an existing database, never written, created or migrated */
    DB_OPEN_CREATE,    /* read and write, created when missing */
} DbOpenMode;

/* Opens the database named by target: a PostgreSQL connection string
 * ("postgresql://..." or "postgres://...") or service ("postgres:NAME", a
 * service of pg_service.conf) opens it on a PostgreSQL server; anything else
 * is a file path for SQLite (":memory:" for an in-memory one). A read-only
 * open of a target that does not exist, or of an empty file, fails with a
 * message saying so. This is the one place the engine is chosen. */
int db_open(const char *target, DbOpenMode mode, DbConn **out, Err *err);
/* Whether target names a PostgreSQL database rather than a SQLite file. */
bool db_target_is_postgres(const char *target);
/* The target as messages may show it: a password in a connection string is
 * replaced by "***". */
void db_target_name(const char *target, char *out, size_t size);
/* A second, read-only connection to the same database, for reading beside
 * c on another thread; -1 when there can be none (an in-memory database). */
int db_open_reader(DbConn *c, DbConn **out);
void db_close(DbConn *c);
/* The SQL dialect, naming the folder of its migrations: "sqlite" or
 * "postgresql". */
const char *db_dialect(const DbConn *c);
/* The message of the connection's last failure. */
const char *db_errmsg(const DbConn *c);
/* Sets err to "what: <the connection's last message>" and returns ERR_DB. */
int db_error(const DbConn *c, Err *err, const char *what);

/* Whether the last failure was a unique or primary key violation. */
bool db_last_was_conflict(const DbConn *c);
/* Copies every page of from into to (SQLite's online backup API): a
 * consistent copy of one commit of from, taken while others read and write
 * it; to's old content is replaced. 0 or ERR_DB. */
int db_copy(DbConn *from, DbConn *to, Err *err);

/* Runs one or more statements that return no rows. */
int db_exec(DbConn *c, const char *sql, Err *err);
/* Whether the database has a table of this name. */
bool db_has_table(DbConn *c, const char *table);

/* Prepares sql; long_lived for statements kept for the connection's life. */
int db_prepare(DbConn *c, const char *sql, bool long_lived, DbStmt **out);
/* Prepares a SELECT that is read only by db_step_row, to its end or reset (a
 * load's). PostgreSQL reads it through COPY and never prepares it on the
 * server, so a mistake in sql shows at the first step, not here; SQLite
 * prepares it as db_prepare does. */
int db_prepare_rows(DbConn *c, const char *sql, DbStmt **out);
void db_finalize(DbStmt *st);
/* Values are bound to ?1..?N (i from 1). Text is not copied: it must last
 * until the statement is stepped and reset. NULL text binds SQL NULL. */
void db_bind_text(DbStmt *st, int i, const char *text);
void db_bind_int(DbStmt *st, int i, long long v);
enum { DB_DONE = 0, DB_ROW = 1 };
/* Runs the statement to its next row: DB_ROW, DB_DONE, or ERR_DB. */
int db_step(DbStmt *st);
/* Makes the statement ready to run again, with no values bound. */
void db_reset(DbStmt *st);
/* How many rows the connection's last INSERT, UPDATE or DELETE changed (an
 * upsert whose update was refused by its WHERE changed none). */
long long db_changes(DbConn *c);
/* What a row upsert met, on an engine that stores an import row by row
 * (SQLite): its DO UPDATE ... WHERE may call the SQL function
 * carepledge_note(v), which returns 1 (true) and keeps the whole number v as
 * the connection's note. db_take_note returns the note and forgets it: -1 when
 * none was kept since the last take (the upsert inserted, meeting no stored
 * row), and always on an engine without the function (PostgreSQL, whose
 * imports are merged set by set, store_stage.c). */
int db_take_note(DbConn *c);

/* Columns of the current row, from 0. Text lasts until the next step. */
int db_column_count(DbStmt *st);
bool db_column_is_null(DbStmt *st, int i);
/* The column as text, "" when NULL. */
const char *db_column_text(DbStmt *st, int i);
size_t db_column_bytes(DbStmt *st, int i);
/* The column as a whole number, 0 when NULL. */
long long db_column_int(DbStmt *st, int i);
/* The column's name (valid once prepared). */
const char *db_column_name(DbStmt *st, int i);

/* A whole row in one call, for loops that read many rows (the Dataset load):
 * steps the statement like db_step and, on DB_ROW, reads columns 0..n-1 as
 * types[i] says into row[i]. A driver reads its columns directly, so a row
 * costs one call through the driver instead of one per column and a step.
 * NULL reads as db_column_text and db_column_int read it ("" and 0); text
 * lasts until the next step. */
typedef enum DbType {
    DB_TEXT, /* into .text */
    DB_INT,  /* into .num */
} DbType;
typedef struct DbValue {
    const char *text;
    long long num;
} DbValue;
int db_step_row(DbStmt *st, const DbType *types, int n, DbValue *row);

/* For copying a whole database (store_copy.c): the names of its tables in
 * the order they were created (so a table comes after those it refers to),
 * as a statement whose one column is the name; and, after rows came in with
 * their own generated keys, moving the table's key counter past them. */
int db_prepare_tables(DbConn *c, DbStmt **out);
int db_after_copy(DbConn *c, const char *table, Err *err);

/* Transactions. A read transaction sees one commit from its first read to its
 * end and never waits for, or stops, a writer. A write transaction takes the
 * write lock at once, waiting for another writer up to the wait set by
 * db_set_wait. */
int db_begin_read(DbConn *c, Err *err);
int db_begin_write(DbConn *c, Err *err);
int db_commit(DbConn *c, Err *err);
/* Ends the transaction without writing; nothing when none is open. */
void db_rollback(DbConn *c);
bool db_in_transaction(DbConn *c);
/* How long a write waits for another writer's lock, in milliseconds. */
void db_set_wait(DbConn *c, int ms);

/* Bulk copy into a table, for engines that have one (PostgreSQL's COPY):
 * db_copy_begin starts copying rows of the named columns (a comma-separated
 * list) into table, db_copy_row sends one row (NULL values are SQL NULL),
 * db_copy_end finishes. No other statement may run on c in between. */
bool db_can_copy(const DbConn *c);
int db_copy_begin(DbConn *c, const char *table, const char *columns, Err *err);
int db_copy_row(DbConn *c, const char *const *values, int n, Err *err);
int db_copy_end(DbConn *c, Err *err);

/* Notices between processes sharing a database (PostgreSQL's LISTEN and
 * NOTIFY): db_listen subscribes c to channel; db_notify sends one, delivered
 * when the current transaction commits; db_wait_notice waits up to
 * timeout_ms for one and returns 1 when one came, 0 when none, ERR_DB when
 * the connection failed. On an engine without them (SQLite) db_can_notify
 * is false and the three return ERR_DB. */
bool db_can_notify(const DbConn *c);
int db_listen(DbConn *c, const char *channel, Err *err);
int db_notify(DbConn *c, const char *channel, Err *err);
int db_wait_notice(DbConn *c, int timeout_ms);

/* The council (a DfE LA code) whose rows c may read and write, enforced by the
 * engine where it can (PostgreSQL's row-level security: every statement on c,
 * and on the readers opened from it, sees that council's rows only); "" or
 * NULL for every council. A no-op returning 0 on SQLite, which has no
 * row-level security: there the store's own filter is the only one. */
int db_set_council(DbConn *c, const char *council, Err *err);

#endif
