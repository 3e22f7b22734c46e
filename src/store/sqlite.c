/* sqlite: the SQLite driver of store/db.h (store/db_driver.h), the embedded
 * default. The only file that includes sqlite3.h. A database is one file in WAL mode: readers see
 * the last commit made before their first read, and neither wait for nor stop the writer. */
#include "store/db_driver.h"

#include "base/mem.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

typedef struct SqliteConn {
    DbConn base;
    sqlite3 *db;
    int note; /* the last carepledge_note(v) of a statement, -1 none (db_take_note) */
} SqliteConn;

typedef struct SqliteStmt {
    DbStmt base;
    sqlite3_stmt *st;
} SqliteStmt;

static SqliteConn *conn_of(const DbConn *c)
{
    return (SqliteConn *)c;
}

static sqlite3_stmt *stmt_of(DbStmt *st)
{
    return ((SqliteStmt *)st)->st;
}

enum { DEFAULT_WAIT_MS = 5000 };

/* Reads go through a memory map (up to 1 GiB of the file): a load reads
 * every page once, and mapping saves copying each into the page cache. */
static const char *const read_pragmas = "PRAGMA cache_size = -65536; "
                                        "PRAGMA mmap_size = 1073741824;";
static const char *const write_pragmas =
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
    "PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824;";

static bool in_memory(const char *target)
{
    return strcmp(target, ":memory:") == 0 || target[0] == '\0';
}

/* A read-only open must find a database: SQLite would report a missing file
 * only as "unable to open", and takes an empty file for an empty database. */
static int check_existing_file(const char *target, Err *err)
{
    struct stat st;
    if (stat(target, &st) != 0)
        return err_at(err, ERR_DB, target, 0, 0, NULL, "no database here (%s)", strerror(errno));
    if (!S_ISREG(st.st_mode)) return err_at(err, ERR_DB, target, 0, 0, NULL, "not a database file");
    if (st.st_size == 0)
        return err_at(err, ERR_DB, target, 0, 0, NULL,
                      "the file is empty, not a Carepledge database");
    return 0;
}

static void sq_close(DbConn *c);
static DbConn *new_conn(void);

/* carepledge_note(v): keeps v as the connection's note and returns 1, so that
 * a row upsert's DO UPDATE ... WHERE can say what it met (db_take_note). */
static void note_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    SqliteConn *c = sqlite3_user_data(ctx);
    c->note = sqlite3_value_int(argv[0]);
    sqlite3_result_int(ctx, 1);
}

/* SQLite's library-wide settings, made once before its first connection
 * (sqlite3_config must come before the library initialises). Without the
 * memory statistics, which nothing here reads, every allocation SQLite makes
 * no longer takes and releases a process-wide mutex to count itself: 5% of
 * an import's instructions (bench/RESULTS.md, "Before and after in
 * instructions"). */
static pthread_once_t library_once = PTHREAD_ONCE_INIT;

static void configure_library(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* fails harmlessly when already initialised */
}

static int sq_open(const char *target, DbOpenMode mode, DbConn **out, Err *err)
{
    *out = NULL;
    pthread_once(&library_once, configure_library);
    bool read_only = mode == DB_OPEN_READ_ONLY;
    if (read_only && !in_memory(target) && check_existing_file(target, err) < 0) return ERR_DB;

    /* A new database is its owner's only, whatever the umask; made so before
     * its first write, so that the -wal and -shm files SQLite makes beside it
     * take the same permissions. */
    struct stat before;
    bool is_new = !read_only && !in_memory(target) && stat(target, &before) != 0;
    DbConn *c = new_conn();
    int flags = SQLITE_OPEN_NOMUTEX |
                (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(target, &conn_of(c)->db, flags, NULL) != SQLITE_OK) {
        err_at(err, ERR_DB, target, 0, 0, NULL, "cannot open the database: %s",
               conn_of(c)->db ? sqlite3_errmsg(conn_of(c)->db) : "out of memory");
        sq_close(c);
        return ERR_DB;
    }
    if (is_new) chmod(target, 0600);
    sqlite3 *db = conn_of(c)->db;
    sqlite3_busy_timeout(db, DEFAULT_WAIT_MS);
    sqlite3_create_function(db, "carepledge_note", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, c,
                            note_function, NULL, NULL);
    if (sqlite3_exec(db, read_only ? read_pragmas : write_pragmas, NULL, NULL, NULL) != SQLITE_OK) {
        err_at(err, ERR_DB, target, 0, 0, NULL, "cannot read it as a database: %s",
               sqlite3_errmsg(db));
        sq_close(c);
        return ERR_DB;
    }
    *out = c;
    return 0;
}

static int sq_open_reader(DbConn *c, DbConn **out)
{
    *out = NULL;
    const char *path = sqlite3_db_filename(conn_of(c)->db, "main");
    if (!path || !path[0]) return -1;
    DbConn *r = new_conn();
    sqlite3 **db = &conn_of(r)->db;
    if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        sq_close(r);
        return -1;
    }
    sqlite3_busy_timeout(*db, DEFAULT_WAIT_MS);
    sqlite3_exec(*db, read_pragmas, NULL, NULL, NULL);
    *out = r;
    return 0;
}

static void sq_close(DbConn *c)
{
    sqlite3_close(conn_of(c)->db);
    free(c);
}

static const char *sq_errmsg(const DbConn *c)
{
    return sqlite3_errmsg(conn_of(c)->db);
}

static bool sq_last_was_conflict(const DbConn *c)
{
    int code = sqlite3_extended_errcode(conn_of(c)->db);
    return code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
}

/* Copies every page of from into to with SQLite's online backup API. */
static int sq_copy(DbConn *from, DbConn *to, Err *err)
{
    sqlite3 *dst = conn_of(to)->db;
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", conn_of(from)->db, "main");
    if (!b) return err_set(err, ERR_DB, "cannot start the copy: %s", sqlite3_errmsg(dst));
    int rc;
    /* Whole in one step when nothing writes; a writer in between restarts
     * the copy, so busy and locked are waited out. */
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_OK || rc == SQLITE_BUSY ||
           rc == SQLITE_LOCKED)
        sqlite3_sleep(50);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) return err_set(err, ERR_DB, "the copy failed: %s", sqlite3_errstr(rc));
    return 0;
}

static int sq_exec(DbConn *c, const char *sql, Err *err)
{
    char *msg = NULL;
    sqlite3 *db = conn_of(c)->db;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        err_set(err, ERR_DB, "%s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return ERR_DB;
    }
    return 0;
}

static bool sq_has_table(DbConn *c, const char *table)
{
    return sqlite3_table_column_metadata(conn_of(c)->db, "main", table, NULL, NULL, NULL, NULL,
                                         NULL, NULL) == SQLITE_OK;
}

static int sq_prepare(DbConn *c, const char *sql, bool long_lived, DbStmt **out)
{
    sqlite3_stmt *st;
    *out = NULL;
    if (sqlite3_prepare_v3(conn_of(c)->db, sql, -1, long_lived ? SQLITE_PREPARE_PERSISTENT : 0, &st,
                           NULL) != SQLITE_OK)
        return ERR_DB;
    SqliteStmt *s = xmalloc(sizeof *s);
    s->base.driver = &db_sqlite_driver;
    s->st = st;
    *out = &s->base;
    return 0;
}

static void sq_finalize(DbStmt *st)
{
    sqlite3_finalize(stmt_of(st));
    free(st);
}

static void sq_bind_text(DbStmt *st, int i, const char *text)
{
    if (text)
        sqlite3_bind_text(stmt_of(st), i, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt_of(st), i);
}

static void sq_bind_int(DbStmt *st, int i, long long v)
{
    sqlite3_bind_int64(stmt_of(st), i, v);
}

static int sq_step(DbStmt *st)
{
    int rc = sqlite3_step(stmt_of(st));
    return rc == SQLITE_ROW ? DB_ROW : rc == SQLITE_DONE ? DB_DONE : ERR_DB;
}

static void sq_reset(DbStmt *st)
{
    sqlite3_reset(stmt_of(st));
    sqlite3_clear_bindings(stmt_of(st));
}

static long long sq_changes(DbConn *c)
{
    return sqlite3_changes64(conn_of(c)->db);
}

static int sq_column_count(DbStmt *st)
{
    return sqlite3_column_count(stmt_of(st));
}

static bool sq_column_is_null(DbStmt *st, int i)
{
    return sqlite3_column_type(stmt_of(st), i) == SQLITE_NULL;
}

static const char *sq_column_text(DbStmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(stmt_of(st), i);
    return t ? (const char *)t : "";
}

static size_t sq_column_bytes(DbStmt *st, int i)
{
    return (size_t)sqlite3_column_bytes(stmt_of(st), i);
}

static long long sq_column_int(DbStmt *st, int i)
{
    return sqlite3_column_int64(stmt_of(st), i);
}

static const char *sq_column_name(DbStmt *st, int i)
{
    const char *name = sqlite3_column_name(stmt_of(st), i);
    return name ? name : "";
}

/* The columns straight from sqlite3_column_*, without a call through the
 * driver table for each (the Dataset load reads half a million columns for
 * 3,000 children). The type test of each column costs about what the two
 * calls it replaces did (bench/RESULTS.md, "Before and after in
 * instructions"). */
static int sq_step_row(DbStmt *st, const DbType *types, int n, DbValue *row)
{
    sqlite3_stmt *s = stmt_of(st);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? DB_DONE : ERR_DB;
    for (int i = 0; i < n; i++) {
        if (types[i] == DB_INT) {
            row[i].num = sqlite3_column_int64(s, i);
        } else {
            const unsigned char *t = sqlite3_column_text(s, i);
            row[i].text = t ? (const char *)t : "";
        }
    }
    return DB_ROW;
}

static int sq_begin_read(DbConn *c, Err *err)
{
    return sq_exec(c, "BEGIN", err);
}

static int sq_begin_write(DbConn *c, Err *err)
{
    return sq_exec(c, "BEGIN IMMEDIATE", err);
}

static int sq_commit(DbConn *c, Err *err)
{
    return sq_exec(c, "COMMIT", err);
}

static void sq_rollback(DbConn *c)
{
    sqlite3 *db = conn_of(c)->db;
    if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static bool sq_in_transaction(DbConn *c)
{
    return !sqlite3_get_autocommit(conn_of(c)->db);
}

static int sq_take_note(DbConn *c)
{
    int note = conn_of(c)->note;
    conn_of(c)->note = -1;
    return note;
}

static void sq_set_wait(DbConn *c, int ms)
{
    sqlite3_busy_timeout(conn_of(c)->db, ms);
}

/* SQLite has no bulk copy (a prepared insert is as fast) and no notices
 * (one file, one process writing). */
const DbDriver db_sqlite_driver = {
    .dialect = "sqlite",
    .open = sq_open,
    .open_reader = sq_open_reader,
    .close = sq_close,
    .errmsg = sq_errmsg,
    .last_was_conflict = sq_last_was_conflict,
    .exec = sq_exec,
    .has_table = sq_has_table,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .bind_text = sq_bind_text,
    .bind_int = sq_bind_int,
    .step = sq_step,
    .reset = sq_reset,
    .column_count = sq_column_count,
    .column_is_null = sq_column_is_null,
    .column_text = sq_column_text,
    .column_bytes = sq_column_bytes,
    .column_int = sq_column_int,
    .column_name = sq_column_name,
    .step_row = sq_step_row,
    /* rowid order of sqlite_schema is creation order; SQLite's own tables
     * (sqlite_sequence, sqlite_stat1) are not Carepledge's. */
    .tables_sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                  "'sqlite_%' ORDER BY rowid",
    .begin_read = sq_begin_read,
    .begin_write = sq_begin_write,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .in_transaction = sq_in_transaction,
    .set_wait = sq_set_wait,
    .copy = sq_copy,
    .changes = sq_changes,
    .take_note = sq_take_note,
};

static DbConn *new_conn(void)
{
    SqliteConn *c = xcalloc(1, sizeof *c);
    c->base.driver = &db_sqlite_driver;
    c->note = -1;
    return &c->base;
}
