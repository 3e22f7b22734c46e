/* db_driver: what a database driver gives store/db.c, which dispatches the
 * functions of store/db.h to the driver a connection was opened with. Each
 * driver's connection and statement begin with the DbConn and DbStmt below,
 * so a pointer to either is a pointer to the driver's own. Only the drivers
 * (sqlite.c, pg.c) and db.c include this. */
#ifndef CAREPLEDGE_DB_DRIVER_H
#define CAREPLEDGE_DB_DRIVER_H

#include "store/db.h"

typedef struct DbDriver {
    const char *dialect;
    int (*open)(const char *target, DbOpenMode mode, DbConn **out, Err *err);
    int (*open_reader)(DbConn *c, DbConn **out);
    void (*close)(DbConn *c);
    const char *(*errmsg)(const DbConn *c);
    bool (*last_was_conflict)(const DbConn *c);
    int (*exec)(DbConn *c, const char *sql, Err *err);
    bool (*has_table)(DbConn *c, const char *table);
    int (*prepare)(DbConn *c, const char *sql, bool long_lived, DbStmt **out);
    /* db_prepare_rows (NULL: db_prepare). */
    int (*prepare_rows)(DbConn *c, const char *sql, DbStmt **out);
    void (*finalize)(DbStmt *st);
    void (*bind_text)(DbStmt *st, int i, const char *text);
    void (*bind_int)(DbStmt *st, int i, long long v);
    int (*step)(DbStmt *st);
    void (*reset)(DbStmt *st);
    int (*column_count)(DbStmt *st);
    bool (*column_is_null)(DbStmt *st, int i);
    const char *(*column_text)(DbStmt *st, int i);
    size_t (*column_bytes)(DbStmt *st, int i);
    long long (*column_int)(DbStmt *st, int i);
    const char *(*column_name)(DbStmt *st, int i);
    /* db_step_row (NULL: db.c reads the row column by column). */
    int (*step_row)(DbStmt *st, const DbType *types, int n, DbValue *row);
    /* One column: the database's tables, in the order they were created. */
    const char *tables_sql;
    /* After rows were copied in with their own keys: moves the table's
     * generated-key counter past them (NULL when the engine needs nothing). */
    int (*after_copy)(DbConn *c, const char *table, Err *err);
    int (*begin_read)(DbConn *c, Err *err);
    int (*begin_write)(DbConn *c, Err *err);
    int (*commit)(DbConn *c, Err *err);
    void (*rollback)(DbConn *c);
    bool (*in_transaction)(DbConn *c);
    void (*set_wait)(DbConn *c, int ms);
    /* Whole-database copy from one connection into another of the same
     * engine (NULL when the engine has none: PostgreSQL has pg_dump). */
    int (*copy)(DbConn *from, DbConn *to, Err *err);
    /* Rows the last statement inserted, updated or deleted (NULL: unknown). */
    long long (*changes)(DbConn *c);
    /* The note an upsert kept with carepledge_note(v), forgotten once taken
     * (NULL when the engine has no such function). */
    int (*take_note)(DbConn *c);
    /* Bulk copy (NULL when the engine has none). */
    int (*copy_begin)(DbConn *c, const char *table, const char *columns, Err *err);
    int (*copy_row)(DbConn *c, const char *const *values, int n, Err *err);
    int (*copy_end)(DbConn *c, Err *err);
    /* Change notices between processes (NULL when the engine has none). */
    int (*listen)(DbConn *c, const char *channel, Err *err);
    int (*notify)(DbConn *c, const char *channel, Err *err);
    int (*wait_notice)(DbConn *c, int timeout_ms);
    /* Row-level security: the council the connection works for ("" or NULL:
     * none), kept for the readers it opens (NULL when the engine has none). */
    int (*set_council)(DbConn *c, const char *council, Err *err);
} DbDriver;

struct DbConn {
    const DbDriver *driver;
};

struct DbStmt {
    const DbDriver *driver;
};

extern const DbDriver db_sqlite_driver;
extern const DbDriver db_pg_driver;

#endif
