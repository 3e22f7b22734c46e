/* db: the neutral database interface the store is written against.
 *
 * A driver (store/sqlite.c today; a libpq driver can sit beside it) gives
 * connections, prepared statements with ?1..?N placeholders, typed values
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

/* Opens the database named by target (a file path for SQLite; ":memory:" for
 * an in-memory one). A read-only open of a target that does not exist, or
 * of an empty file, fails with a message saying so. */
int db_open(const char *target, DbOpenMode mode, DbConn **out, Err *err);
/* A second, read-only connection to the same database, for reading beside
 * c on another thread; -1 when there can be none (an in-memory database). */
int db_open_reader(DbConn *c, DbConn **out);
void db_close(DbConn *c);
/* The SQL dialect, naming the folder of its migrations: "sqlite". */
const char *db_dialect(const DbConn *c);
/* The message of the connection's last failure. */
const char *db_errmsg(const DbConn *c);
/* Sets err to "what: <the connection's last message>" and returns ERR_DB. */
int db_error(const DbConn *c, Err *err, const char *what);

/* Runs one or more statements that return no rows. */
int db_exec(DbConn *c, const char *sql, Err *err);

/* Prepares sql; long_lived for statements kept for the connection's life. */
int db_prepare(DbConn *c, const char *sql, bool long_lived, DbStmt **out);
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

/* Columns of the current row, from 0. Text lasts until the next step. */
int db_column_count(DbStmt *st);
bool db_column_is_null(DbStmt *st, int i);
/* The column as text, "" when NULL. */
const char *db_column_text(DbStmt *st, int i);
size_t db_column_bytes(DbStmt *st, int i);
/* The column as a whole number, 0 when NULL. */
long long db_column_int(DbStmt *st, int i);

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

#endif
