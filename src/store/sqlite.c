/* sqlite: the SQLite driver of store/db.h. The only file that includes
 * sqlite3.h. A database is one file in WAL mode: readers see the last commit
 * made before their first read, and neither wait for nor stop the writer. */
#include "store/db.h"

#include "base/mem.h"

#include <errno.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

struct DbConn {
    sqlite3 *db;
};

struct DbStmt {
    sqlite3_stmt *st;
};

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

int db_open(const char *target, DbOpenMode mode, DbConn **out, Err *err)
{
    *out = NULL;
    bool read_only = mode == DB_OPEN_READ_ONLY;
    if (read_only && !in_memory(target) && check_existing_file(target, err) < 0) return ERR_DB;
    DbConn *c = xcalloc(1, sizeof *c);
    int flags = SQLITE_OPEN_NOMUTEX |
                (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(target, &c->db, flags, NULL) != SQLITE_OK) {
        err_at(err, ERR_DB, target, 0, 0, NULL, "cannot open the database: %s",
               c->db ? sqlite3_errmsg(c->db) : "out of memory");
        db_close(c);
        return ERR_DB;
    }
    sqlite3_busy_timeout(c->db, DEFAULT_WAIT_MS);
    if (sqlite3_exec(c->db, read_only ? read_pragmas : write_pragmas, NULL, NULL, NULL) !=
        SQLITE_OK) {
        err_at(err, ERR_DB, target, 0, 0, NULL, "cannot read it as a database: %s",
               sqlite3_errmsg(c->db));
        db_close(c);
        return ERR_DB;
    }
    *out = c;
    return 0;
}

int db_open_reader(DbConn *c, DbConn **out)
{
    *out = NULL;
    const char *path = sqlite3_db_filename(c->db, "main");
    if (!path || !path[0]) return -1;
    DbConn *r = xcalloc(1, sizeof *r);
    if (sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        db_close(r);
        return -1;
    }
    sqlite3_busy_timeout(r->db, DEFAULT_WAIT_MS);
    sqlite3_exec(r->db, read_pragmas, NULL, NULL, NULL);
    *out = r;
    return 0;
}

void db_close(DbConn *c)
{
    if (!c) return;
    sqlite3_close(c->db);
    free(c);
}

const char *db_dialect(const DbConn *c)
{
    (void)c;
    return "sqlite";
}

const char *db_errmsg(const DbConn *c)
{
    return sqlite3_errmsg(c->db);
}

int db_error(const DbConn *c, Err *err, const char *what)
{
    return err_set(err, ERR_DB, "%s: %s", what, sqlite3_errmsg(c->db));
}

int db_exec(DbConn *c, const char *sql, Err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        err_set(err, ERR_DB, "%s", msg ? msg : sqlite3_errmsg(c->db));
        sqlite3_free(msg);
        return ERR_DB;
    }
    return 0;
}

int db_prepare(DbConn *c, const char *sql, bool long_lived, DbStmt **out)
{
    sqlite3_stmt *st;
    *out = NULL;
    if (sqlite3_prepare_v3(c->db, sql, -1, long_lived ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL) !=
        SQLITE_OK)
        return ERR_DB;
    *out = xmalloc(sizeof **out);
    (*out)->st = st;
    return 0;
}

void db_finalize(DbStmt *st)
{
    if (!st) return;
    sqlite3_finalize(st->st);
    free(st);
}

void db_bind_text(DbStmt *st, int i, const char *text)
{
    if (text)
        sqlite3_bind_text(st->st, i, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st->st, i);
}

void db_bind_int(DbStmt *st, int i, long long v)
{
    sqlite3_bind_int64(st->st, i, v);
}

int db_step(DbStmt *st)
{
    int rc = sqlite3_step(st->st);
    return rc == SQLITE_ROW ? DB_ROW : rc == SQLITE_DONE ? DB_DONE : ERR_DB;
}

void db_reset(DbStmt *st)
{
    sqlite3_reset(st->st);
    sqlite3_clear_bindings(st->st);
}

long long db_changes(DbConn *c)
{
    return sqlite3_changes64(c->db);
}

int db_column_count(DbStmt *st)
{
    return sqlite3_column_count(st->st);
}

bool db_column_is_null(DbStmt *st, int i)
{
    return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

const char *db_column_text(DbStmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st->st, i);
    return t ? (const char *)t : "";
}

size_t db_column_bytes(DbStmt *st, int i)
{
    return (size_t)sqlite3_column_bytes(st->st, i);
}

long long db_column_int(DbStmt *st, int i)
{
    return sqlite3_column_int64(st->st, i);
}

int db_begin_read(DbConn *c, Err *err)
{
    return db_exec(c, "BEGIN", err);
}

int db_begin_write(DbConn *c, Err *err)
{
    return db_exec(c, "BEGIN IMMEDIATE", err);
}

int db_commit(DbConn *c, Err *err)
{
    return db_exec(c, "COMMIT", err);
}

void db_rollback(DbConn *c)
{
    if (!sqlite3_get_autocommit(c->db)) sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
}

bool db_in_transaction(DbConn *c)
{
    return !sqlite3_get_autocommit(c->db);
}

void db_set_wait(DbConn *c, int ms)
{
    sqlite3_busy_timeout(c->db, ms);
}
