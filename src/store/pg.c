/* pg: the PostgreSQL driver of store/db.h (store/db_driver.h), over libpq.
 * The only file that includes libpq-fe.h.
 *
 * - Statements are prepared once per connection: each SQL text is prepared
 *   under a name the first time it is used and kept until the connection
 *   closes, whatever the caller's long_lived says. ?N placeholders become $N.
 * - Rows stream one at a time, so a load of millions of rows never holds
 *   them all in memory: a SELECT read by db_step_row comes as COPY's text
 *   rows (pg_step_row), any other statement in libpq's single-row mode. Only
 *   one query streams on a connection at a time: starting another first
 *   buffers the rest of the streaming one.
 * - A read transaction is REPEATABLE READ READ ONLY: it sees one commit, the
 *   one current at its first statement, and never waits for a writer.
 * - A write transaction takes one advisory lock at once, so writers queue as
 *   they do on SQLite (one writer at a time) and a store written by several
 *   servers behaves as one written by one. The wait is lock_timeout.
 * - A read-only open sets default_transaction_read_only, so the server
 *   itself refuses any write. */
#include "store/db_driver.h"

#include "base/dynlib.h"
#include "base/mem.h"

#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libpq is opened when the first PostgreSQL database is (base/dynlib.h):
 * linked, it and the twenty libraries it brings (Kerberos, LDAP, GnuTLS,
 * OpenSSL) would be mapped and relocated at the start of every command, about
 * a fifth of a small report's instructions. The build passes its SONAME. */
#define LIBPQ_FUNCTIONS(F)  \
    F(PQclear)              \
    F(PQcmdStatus)          \
    F(PQconnectdb)          \
    F(PQconninfoFree)       \
    F(PQconninfoParse)      \
    F(PQconsumeInput)       \
    F(PQdescribePrepared)   \
    F(PQerrorMessage)       \
    F(PQescapeIdentifier)   \
    F(PQescapeLiteral)      \
    F(PQexec)               \
    F(PQexecParams)         \
    F(PQfinish)             \
    F(PQfname)              \
    F(PQfreemem)            \
    F(PQgetCopyData)        \
    F(PQgetResult)          \
    F(PQgetisnull)          \
    F(PQgetlength)          \
    F(PQgetvalue)           \
    F(PQnfields)            \
    F(PQnotifies)           \
    F(PQntuples)            \
    F(PQprepare)            \
    F(PQputCopyData)        \
    F(PQputCopyEnd)         \
    F(PQresultErrorField)   \
    F(PQresultStatus)       \
    F(PQsendQueryPrepared)  \
    F(PQsetNoticeProcessor) \
    F(PQsetSingleRowMode)   \
    F(PQsocket)             \
    F(PQstatus)             \
    F(PQtransactionStatus)
static struct {
    LIBPQ_FUNCTIONS(DYNLIB_POINTER)
} libpq;
static const char *const libpq_names[] = {LIBPQ_FUNCTIONS(DYNLIB_NAME) NULL};
static DynLib libpq_lib =
    DYNLIB_INIT(CAREPLEDGE_SONAME_LIBPQ, "PostgreSQL databases", libpq_names, &libpq);
/* The calls below read as libpq's own names. */
#define PQclear              libpq.PQclear
#define PQcmdStatus          libpq.PQcmdStatus
#define PQconnectdb          libpq.PQconnectdb
#define PQconninfoFree       libpq.PQconninfoFree
#define PQconninfoParse      libpq.PQconninfoParse
#define PQconsumeInput       libpq.PQconsumeInput
#define PQdescribePrepared   libpq.PQdescribePrepared
#define PQerrorMessage       libpq.PQerrorMessage
#define PQescapeIdentifier   libpq.PQescapeIdentifier
#define PQescapeLiteral      libpq.PQescapeLiteral
#define PQexec               libpq.PQexec
#define PQexecParams         libpq.PQexecParams
#define PQfinish             libpq.PQfinish
#define PQfname              libpq.PQfname
#define PQfreemem            libpq.PQfreemem
#define PQgetCopyData        libpq.PQgetCopyData
#define PQgetResult          libpq.PQgetResult
#define PQgetisnull          libpq.PQgetisnull
#define PQgetlength          libpq.PQgetlength
#define PQgetvalue           libpq.PQgetvalue
#define PQnfields            libpq.PQnfields
#define PQnotifies           libpq.PQnotifies
#define PQntuples            libpq.PQntuples
#define PQprepare            libpq.PQprepare
#define PQputCopyData        libpq.PQputCopyData
#define PQputCopyEnd         libpq.PQputCopyEnd
#define PQresultErrorField   libpq.PQresultErrorField
#define PQresultStatus       libpq.PQresultStatus
#define PQsendQueryPrepared  libpq.PQsendQueryPrepared
#define PQsetNoticeProcessor libpq.PQsetNoticeProcessor
#define PQsetSingleRowMode   libpq.PQsetSingleRowMode
#define PQsocket             libpq.PQsocket
#define PQstatus             libpq.PQstatus
#define PQtransactionStatus  libpq.PQtransactionStatus

enum { DEFAULT_WAIT_MS = 5000, MAX_PARAMS = 64 };

/* What a writing session may use for its staging tables and, within a write
 * transaction, for each sort or hash of a merge (work_mem, 4 MB by default:
 * the merge of a large table sorted on disk). */
#define IMPORT_MEMORY "256MB"

/* The advisory lock every write transaction takes (any fixed number: it
 * names Carepledge's writer lock within the database). */
#define WRITER_LOCK_KEY "903903"

typedef struct PgPrepared {
    char *sql; /* as the caller wrote it, the cache key */
    char name[16];
    int n_params, n_columns;
    char **column_names;
    /* Prepared on the server: a statement of db_prepare_rows is not until
     * something other than COPY runs it (ensure_on_server). */
    bool on_server;
} PgPrepared;

typedef struct PgStmt PgStmt;

typedef struct PgConn {
    DbConn base;
    PGconn *pg;
    char *conninfo;
    bool read_only;
    int wait_ms;
    char msg[1024];
    char sqlstate[6];
    PgPrepared *prepared;
    int n_prepared, cap_prepared;
    PgStmt *streaming; /* the statement whose rows are being read, if any */
    /* Rows of the open COPY not yet handed to libpq: one COPY message per
     * row cost the client a call and the server a message each. */
    char *copy_buf;
    size_t copy_len, copy_cap;
    /* The council the connection works for (carepledge.la, which the row-level
     * security of schema/postgresql/012_councils.sql reads): a DfE LA code, or
     * "*" for none (every council's rows). */
    char council[16];
} PgConn;

struct PgStmt {
    DbStmt base;
    PgConn *conn;
    int prepared; /* index into conn->prepared */
    const char *values[MAX_PARAMS];
    char ints[MAX_PARAMS][24];
    PGresult *row;     /* the current row (a single-row result) */
    PGresult **queued; /* rows buffered when another query had to run */
    int n_queued, next_queued, cap_queued;
    bool started, finished;
    /* Read through COPY (pg_step_row): the current line, from PQgetCopyData,
     * and the lines buffered when another query had to run. */
    bool copying;
    char *line;
    char **queued_lines;
    int n_queued_lines, next_queued_line, cap_queued_lines;
};

static PgConn *conn_of(const DbConn *c)
{
    return (PgConn *)c;
}

static PgStmt *stmt_of(DbStmt *st)
{
    return (PgStmt *)st;
}

/* ---- Messages ---------------------------------------------------------------- */

static void trim_newlines(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ')) s[--n] = '\0';
}

/* Keeps a failed result's message (its primary text and detail) and
 * SQLSTATE, or the connection's message when there is no result. */
static void keep_error(PgConn *c, const PGresult *res)
{
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (primary)
        snprintf(c->msg, sizeof c->msg, "%s%s%s", primary, detail ? " (" : "",
                 detail ? detail : "");
    else
        snprintf(c->msg, sizeof c->msg, "%s", PQerrorMessage(c->pg));
    if (primary && detail) strncat(c->msg, ")", sizeof c->msg - strlen(c->msg) - 1);
    trim_newlines(c->msg);
    if (!c->msg[0]) snprintf(c->msg, sizeof c->msg, "the PostgreSQL server did not answer");
    snprintf(c->sqlstate, sizeof c->sqlstate, "%s", state ? state : "");
}

static const char *pg_errmsg(const DbConn *c)
{
    return conn_of(c)->msg;
}

/* SQLSTATE 23505: unique_violation (PostgreSQL, Appendix A, error codes). */
static bool pg_last_was_conflict(const DbConn *c)
{
    return strcmp(conn_of(c)->sqlstate, "23505") == 0;
}

static int fail(PgConn *c, PGresult *res, Err *err)
{
    keep_error(c, res);
    PQclear(res);
    return err ? err_set(err, ERR_DB, "%s", c->msg) : ERR_DB;
}

/* ---- Opening ------------------------------------------------------------------- */

static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* "postgres:NAME" is the service NAME of pg_service.conf; a URL is given to
 * libpq as it is. */
static char *conninfo_of(const char *target)
{
    if (strncmp(target, "postgres:", 9) == 0 && strncmp(target, "postgres://", 11) != 0) {
        size_t n = strlen(target) + 16;
        char *s = xmalloc(n);
        snprintf(s, n, "service=%s", target + 9);
        return s;
    }
    return xstrdup(target);
}

static int exec_simple(PgConn *c, const char *sql, Err *err);
static int apply_council(PgConn *c, Err *err);

static int connect_conn(PgConn *c, Err *err)
{
    char *why = NULL;
    PQconninfoOption *opts = PQconninfoParse(c->conninfo, &why);
    if (!opts) {
        if (why) trim_newlines(why);
        err_set(err, ERR_DB, "not a valid PostgreSQL connection string: %s",
                why ? why : "out of memory");
        PQfreemem(why);
        return ERR_DB;
    }
    PQconninfoFree(opts);
    c->pg = PQconnectdb(c->conninfo);
    if (!c->pg) return err_set(err, ERR_DB, "cannot connect to PostgreSQL: out of memory");
    if (PQstatus(c->pg) != CONNECTION_OK) {
        keep_error(c, NULL);
        return err_set(err, ERR_DB, "cannot connect to PostgreSQL: %s", c->msg);
    }
    PQsetNoticeProcessor(c->pg, ignore_notice, NULL);
    if (c->read_only && exec_simple(c, "SET default_transaction_read_only = on", err) < 0)
        return ERR_DB;
    /* An import's staging tables are temporary, held in the session's own
     * buffers (temp_buffers, 8 MB by default, settable only before the first
     * temporary table): at the default a history's staged rows went to disk
     * and back. The buffers are taken only as the tables grow. */
    if (!c->read_only && exec_simple(c, "SET temp_buffers = '" IMPORT_MEMORY "'", err) < 0)
        return ERR_DB;
    return apply_council(c, err);
}

/* Tells the server which council's rows this connection may see and write
 * (the policies of schema/postgresql/012_councils.sql), for the whole session. */
static int apply_council(PgConn *c, Err *err)
{
    const char *values[1] = {c->council};
    PGresult *res = PQexecParams(c->pg, "SELECT set_config('carepledge.la', $1, false)", 1, NULL,
                                 values, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) return fail(c, res, err);
    PQclear(res);
    return 0;
}

static int pg_set_council(DbConn *base, const char *council, Err *err)
{
    PgConn *c = conn_of(base);
    snprintf(c->council, sizeof c->council, "%s", council && *council ? council : "*");
    return apply_council(c, err);
}

static void pg_close(DbConn *base);

static DbConn *new_conn(const char *conninfo, bool read_only)
{
    PgConn *c = xcalloc(1, sizeof *c);
    c->base.driver = &db_pg_driver;
    c->conninfo = xstrdup(conninfo);
    c->read_only = read_only;
    c->wait_ms = DEFAULT_WAIT_MS;
    snprintf(c->council, sizeof c->council, "*");
    return &c->base;
}

static int pg_open(const char *target, DbOpenMode mode, DbConn **out, Err *err)
{
    *out = NULL;
    if (dynlib_open(&libpq_lib, err) < 0) return ERR_UNAVAILABLE;
    char *conninfo = conninfo_of(target);
    DbConn *c = new_conn(conninfo, mode == DB_OPEN_READ_ONLY);
    free(conninfo);
    Err e2 = {0};
    if (connect_conn(conn_of(c), &e2) < 0) {
        char name[512];
        db_target_name(target, name, sizeof name);
        err_at(err, ERR_DB, name, 0, 0, NULL, "%s", e2.msg);
        pg_close(c);
        return ERR_DB;
    }
    *out = c;
    return 0;
}

static int pg_open_reader(DbConn *base, DbConn **out)
{
    *out = NULL;
    DbConn *r = new_conn(conn_of(base)->conninfo, true);
    memcpy(conn_of(r)->council, conn_of(base)->council, sizeof conn_of(r)->council);
    Err ignored;
    if (connect_conn(conn_of(r), &ignored) < 0) {
        pg_close(r);
        return -1;
    }
    *out = r;
    return 0;
}

static void pg_close(DbConn *base)
{
    PgConn *c = conn_of(base);
    if (c->pg) PQfinish(c->pg);
    for (int i = 0; i < c->n_prepared; i++) {
        free(c->prepared[i].sql);
        for (int k = 0; k < c->prepared[i].n_columns; k++) free(c->prepared[i].column_names[k]);
        free(c->prepared[i].column_names);
    }
    free(c->prepared);
    free(c->copy_buf);
    free(c->conninfo);
    free(c);
}

/* ---- Statements without rows ------------------------------------------------- */

/* Runs sql (one or more statements) and reads every result. */
static int exec_simple(PgConn *c, const char *sql, Err *err)
{
    PGresult *res = PQexec(c->pg, sql);
    ExecStatusType status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return fail(c, res, err);
    PQclear(res);
    return 0;
}

static int pg_exec(DbConn *base, const char *sql, Err *err)
{
    return exec_simple(conn_of(base), sql, err);
}

static bool pg_has_table(DbConn *base, const char *table)
{
    PgConn *c = conn_of(base);
    const char *values[1] = {table};
    PGresult *res =
        PQexecParams(c->pg, "SELECT to_regclass($1) IS NOT NULL", 1, NULL, values, NULL, NULL, 0);
    bool has = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
               strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return has;
}

/* ---- Prepared statements ------------------------------------------------------ */

/* sql with ?N turned into $N (outside quoted text); *n_params the highest N. */
static char *to_dollar_params(const char *sql, int *n_params)
{
    char *out = xmalloc(strlen(sql) + 1);
    char *o = out;
    char quote = 0;
    *n_params = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            if (*p == quote) quote = 0;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
            int n = atoi(p + 1);
            if (n > *n_params) *n_params = n;
            *o++ = '$';
            continue;
        }
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

static int find_prepared(PgConn *c, const char *sql)
{
    for (int i = c->n_prepared - 1; i >= 0; i--)
        if (strcmp(c->prepared[i].sql, sql) == 0) return i;
    return -1;
}

/* Prepares statement i on the server under its name and learns its
 * columns, unless it is there already. */
static int ensure_on_server(PgConn *c, int i)
{
    PgPrepared *p = &c->prepared[i];
    if (p->on_server) return 0;
    int n_params;
    char *text = to_dollar_params(p->sql, &n_params);
    PGresult *res = PQprepare(c->pg, p->name, text, 0, NULL);
    free(text);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) return fail(c, res, NULL);
    PQclear(res);
    res = PQdescribePrepared(c->pg, p->name);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) return fail(c, res, NULL);
    p->n_columns = PQnfields(res);
    p->column_names = xcalloc((size_t)p->n_columns + 1, sizeof *p->column_names);
    for (int k = 0; k < p->n_columns; k++) p->column_names[k] = xstrdup(PQfname(res, k));
    PQclear(res);
    p->on_server = true;
    return 0;
}

/* Adds sql to the connection's statements under a new name, prepared on the
 * server when on_server. Returns its index. */
static int prepare_new(PgConn *c, const char *sql, bool on_server)
{
    int n_params;
    free(to_dollar_params(sql, &n_params));
    if (n_params > MAX_PARAMS) {
        snprintf(c->msg, sizeof c->msg, "a statement has more than %d parameters", MAX_PARAMS);
        return ERR_DB;
    }
    MEM_GROW(c->prepared, c->n_prepared, c->cap_prepared);
    PgPrepared *p = &c->prepared[c->n_prepared];
    *p = (PgPrepared){.n_params = n_params};
    snprintf(p->name, sizeof p->name, "cp%d", c->n_prepared);
    p->sql = xstrdup(sql);
    if (on_server && ensure_on_server(c, c->n_prepared) < 0) {
        free(p->sql);
        return ERR_DB;
    }
    return c->n_prepared++;
}

static DbStmt *new_stmt(PgConn *c, int prepared)
{
    PgStmt *st = xcalloc(1, sizeof *st);
    st->base.driver = &db_pg_driver;
    st->conn = c;
    st->prepared = prepared;
    return &st->base;
}

static int pg_prepare(DbConn *base, const char *sql, bool long_lived, DbStmt **out)
{
    (void)long_lived; /* every statement is kept for the connection's life */
    PgConn *c = conn_of(base);
    *out = NULL;
    int i = find_prepared(c, sql);
    if (i < 0 && (i = prepare_new(c, sql, true)) < 0) return ERR_DB;
    if (ensure_on_server(c, i) < 0) return ERR_DB;
    *out = new_stmt(c, i);
    return 0;
}

/* A load's statement: read through COPY (pg_step_row), which plans it as it
 * runs, so preparing it on the server first would cost two round trips and a
 * parse for nothing. */
static int pg_prepare_rows(DbConn *base, const char *sql, DbStmt **out)
{
    PgConn *c = conn_of(base);
    *out = NULL;
    int i = find_prepared(c, sql);
    if (i < 0 && (i = prepare_new(c, sql, strncmp(sql, "SELECT ", 7) != 0)) < 0) return ERR_DB;
    *out = new_stmt(c, i);
    return 0;
}

static void pg_reset(DbStmt *base);

static void pg_finalize(DbStmt *base)
{
    pg_reset(base);
    free(stmt_of(base)->queued);
    free(stmt_of(base)->queued_lines);
    free(base);
}

static void pg_bind_text(DbStmt *base, int i, const char *text)
{
    if (i >= 1 && i <= MAX_PARAMS) stmt_of(base)->values[i - 1] = text;
}

static void pg_bind_int(DbStmt *base, int i, long long v)
{
    PgStmt *st = stmt_of(base);
    if (i < 1 || i > MAX_PARAMS) return;
    snprintf(st->ints[i - 1], sizeof st->ints[i - 1], "%lld", v);
    st->values[i - 1] = st->ints[i - 1];
}

/* ---- Stepping through rows ----------------------------------------------------- */

/* Reads and drops what is left of the connection's current query (the
 * lines of a COPY TO still coming included: until they are read, libpq
 * answers PGRES_COPY_OUT again and again). */
static void drain_results(PgConn *c)
{
    PGresult *res;
    while ((res = PQgetResult(c->pg)) != NULL) {
        bool copy_out = PQresultStatus(res) == PGRES_COPY_OUT;
        PQclear(res);
        char *line;
        while (copy_out && PQgetCopyData(c->pg, &line, 0) > 0) PQfreemem(line);
    }
}

/* Moves the rest of st's rows into its queue, so another query can run. */
static void buffer_rest(PgStmt *st)
{
    char *line;
    while (st->copying && PQgetCopyData(st->conn->pg, &line, 0) > 0) {
        MEM_GROW(st->queued_lines, st->n_queued_lines, st->cap_queued_lines);
        st->queued_lines[st->n_queued_lines++] = line;
    }
    PGresult *res;
    while ((res = PQgetResult(st->conn->pg)) != NULL) {
        MEM_GROW(st->queued, st->n_queued, st->cap_queued);
        st->queued[st->n_queued++] = res;
    }
    st->conn->streaming = NULL;
}

static int start_query(PgStmt *st)
{
    PgConn *c = st->conn;
    if (c->streaming && c->streaming != st) buffer_rest(c->streaming);
    st->started = true;
    if (ensure_on_server(c, st->prepared) < 0) {
        st->finished = true;
        return ERR_DB;
    }
    const PgPrepared *p = &c->prepared[st->prepared];
    if (!PQsendQueryPrepared(c->pg, p->name, p->n_params, st->values, NULL, NULL, 0)) {
        keep_error(c, NULL);
        st->finished = true;
        return ERR_DB;
    }
    PQsetSingleRowMode(c->pg);
    c->streaming = st;
    return 0;
}

static PGresult *next_result(PgStmt *st)
{
    if (st->next_queued < st->n_queued) return st->queued[st->next_queued++];
    if (st->conn->streaming != st) return NULL;
    PGresult *res = PQgetResult(st->conn->pg);
    if (!res) st->conn->streaming = NULL;
    return res;
}

/* Reads results to the end of the query; keeps the first failure. */
static int finish_query(PgStmt *st, PGresult *res)
{
    int rc = DB_DONE;
    st->finished = true;
    do {
        ExecStatusType status = PQresultStatus(res);
        if (rc == DB_DONE && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            keep_error(st->conn, res);
            rc = ERR_DB;
        }
        PQclear(res);
    } while ((res = next_result(st)) != NULL);
    return rc;
}

static int pg_step_row(DbStmt *base, const DbType *types, int n, DbValue *row);

static int pg_step(DbStmt *base)
{
    PgStmt *st = stmt_of(base);
    if (st->copying) return pg_step_row(base, NULL, 0, NULL); /* begun by db_step_row */
    PQclear(st->row);
    st->row = NULL;
    if (st->finished) return DB_DONE;
    if (!st->started && start_query(st) < 0) return ERR_DB;
    PGresult *res = next_result(st);
    if (!res) {
        st->finished = true;
        return DB_DONE;
    }
    if (PQresultStatus(res) == PGRES_SINGLE_TUPLE) {
        st->row = res;
        return DB_ROW;
    }
    return finish_query(st, res);
}

static void pg_reset(DbStmt *base)
{
    PgStmt *st = stmt_of(base);
    PQclear(st->row);
    st->row = NULL;
    if (st->line) PQfreemem(st->line);
    st->line = NULL;
    if (st->conn->streaming == st) {
        drain_results(st->conn);
        st->conn->streaming = NULL;
    }
    for (int i = st->next_queued; i < st->n_queued; i++) PQclear(st->queued[i]);
    st->n_queued = st->next_queued = 0;
    for (int i = st->next_queued_line; i < st->n_queued_lines; i++) PQfreemem(st->queued_lines[i]);
    st->n_queued_lines = st->next_queued_line = 0;
    st->started = st->finished = st->copying = false;
    memset(st->values, 0, sizeof st->values);
}

/* ---- Rows through COPY ---------------------------------------------------------- */

/* A load reads millions of rows. In single-row mode libpq builds a PGresult
 * for each one (its column descriptions copied, several allocations), which
 * cost the client more than everything it then did with the row; as the text
 * lines of COPY (SELECT ...) TO STDOUT the same rows come as one buffer each,
 * split here in place (bench/RESULTS.md, "A pooled region on PostgreSQL").
 * COPY takes no parameters, so the values bound are written into the text as
 * literals (PQescapeLiteral); the statement is planned once per run, which a
 * load pays once per table. */

/* st's SQL for COPY: its ?N replaced by the values bound (outside quoted
 * text, as to_dollar_params reads it); NULL when libpq cannot escape one. */
static char *copy_sql(PgStmt *st)
{
    PgConn *c = st->conn;
    const char *sql = c->prepared[st->prepared].sql;
    size_t cap = strlen(sql) + 64, len = 0;
    char *out = xmalloc(cap);
    len += (size_t)snprintf(out, cap, "COPY (");
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        char buf[32];
        const char *piece = buf;
        char *escaped = NULL;
        buf[0] = *p;
        buf[1] = '\0';
        if (quote) {
            if (*p == quote) quote = 0;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
            int n = atoi(p + 1);
            while (p[1] >= '0' && p[1] <= '9') p++;
            const char *v = n >= 1 && n <= MAX_PARAMS ? st->values[n - 1] : NULL;
            if (!v) {
                piece = "NULL";
            } else if (v == st->ints[n - 1]) {
                snprintf(buf, sizeof buf, "(%s)", v);
            } else if ((piece = escaped = PQescapeLiteral(c->pg, v, strlen(v))) == NULL) {
                free(out);
                return NULL;
            }
        }
        size_t n = strlen(piece);
        if (len + n + 16 > cap) out = xrealloc(out, cap = 2 * (len + n + 16));
        memcpy(out + len, piece, n);
        len += n;
        if (escaped) PQfreemem(escaped);
    }
    memcpy(out + len, ") TO STDOUT", sizeof ") TO STDOUT");
    return out;
}

/* Starts st as COPY (SELECT ...) TO STDOUT. */
static int start_copy(PgStmt *st)
{
    PgConn *c = st->conn;
    if (c->streaming && c->streaming != st) buffer_rest(c->streaming);
    st->started = st->copying = true;
    char *sql = copy_sql(st);
    PGresult *res = sql ? PQexec(c->pg, sql) : NULL;
    free(sql);
    if (PQresultStatus(res) != PGRES_COPY_OUT) {
        keep_error(c, res);
        PQclear(res);
        drain_results(c);
        st->finished = true;
        return ERR_DB;
    }
    PQclear(res);
    c->streaming = st;
    return 0;
}

/* The next line of st's COPY, or NULL at its end (or a failure, which the
 * query's last result then reports). */
static char *next_line(PgStmt *st)
{
    if (st->next_queued_line < st->n_queued_lines) return st->queued_lines[st->next_queued_line++];
    char *line = NULL;
    if (st->conn->streaming != st || PQgetCopyData(st->conn->pg, &line, 0) <= 0) return NULL;
    return line;
}

/* The character a backslash and c stand for in COPY's text format
 * (PostgreSQL, COPY, "Text Format"). The server writes only these escapes. */
static char unescape(char c)
{
    switch (c) {
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    default: return c;
    }
}

/* A value as db_column_int reads it: a boolean's t or f as 1 or 0, a whole
 * number's digits (a load's are a few each: strtoll's generality cost 2% of
 * a pooled load's client time), anything else through strtoll. */
static long long text_int(const char *v)
{
    if (v[0] == 't' || v[0] == 'f') return v[0] == 't';
    const char *p = v + (v[0] == '-');
    long long n = 0;
    int digits = 0;
    for (; *p >= '0' && *p <= '9' && digits < 18; p++, digits++) n = 10 * n + (*p - '0');
    if (*p || digits == 0) return strtoll(v, NULL, 10);
    return v[0] == '-' ? -n : n;
}

/* The bytes that end a plain run of a value in COPY's text format: the end
 * of the line, a tab or newline after a value, and a backslash that starts
 * an escape. */
static const unsigned char copy_stops[256] = {['\0'] = 1, ['\t'] = 1, ['\n'] = 1, ['\\'] = 1};

/* Ends the value that starts at p, in place, unescaping it, and leaves
 * *next just past the tab or newline that ended it (or at the line's end).
 * Most values have no escape: they are scanned once and only their end is
 * written (a pooled load splits 18 million lines). */
static void end_value(char *p, char **next)
{
    while (!copy_stops[(unsigned char)*p]) p++;
    char *out = p;
    while (*p && *p != '\t' && *p != '\n') {
        if (*p == '\\' && p[1]) p++, *p = unescape(*p);
        *out++ = *p++;
    }
    char end = *p;
    *out = '\0';
    *next = end ? p + 1 : p;
}

/* Splits a line of COPY's text format into row's first n values, in place:
 * tab-separated, \N for NULL (which reads as "" and 0), backslash escapes.
 * Columns the line lacks read as NULL. */
static void split_line(char *line, const DbType *types, int n, DbValue *row)
{
    char *p = line;
    for (int i = 0; i < n; i++) {
        char *start = p;
        bool null = !*p || (p[0] == '\\' && p[1] == 'N' && (p[2] == '\t' || p[2] == '\n' || !p[2]));
        if (null && *p) p += (p[2] ? 3 : 2);
        if (!null) end_value(start, &p);
        const char *text = null ? "" : start;
        if (types[i] == DB_INT)
            row[i].num = null ? 0 : text_int(text);
        else
            row[i].text = text;
    }
}

/* db_step_row: a SELECT not yet started is read through COPY; any other
 * statement (or one already stepped by db_step) column by column. */
static int pg_step_row(DbStmt *base, const DbType *types, int n, DbValue *row)
{
    PgStmt *st = stmt_of(base);
    if (!st->started && strncmp(st->conn->prepared[st->prepared].sql, "SELECT ", 7) == 0 &&
        start_copy(st) < 0)
        return ERR_DB;
    if (!st->copying) {
        int rc = pg_step(base);
        for (int i = 0; rc == DB_ROW && i < n; i++) {
            const char *v = PQgetisnull(st->row, 0, i) ? "" : PQgetvalue(st->row, 0, i);
            if (types[i] == DB_INT)
                row[i].num = text_int(v);
            else
                row[i].text = v;
        }
        return rc;
    }
    if (st->line) PQfreemem(st->line);
    st->line = NULL;
    if (st->finished) return DB_DONE;
    if ((st->line = next_line(st)) != NULL) {
        split_line(st->line, types, n, row);
        return DB_ROW;
    }
    PGresult *res = next_result(st);
    if (!res) {
        st->finished = true;
        return DB_DONE;
    }
    return finish_query(st, res);
}

/* A statement of db_prepare_rows learns its columns only when asked: it is
 * prepared on the server then (after buffering any rows still coming). */
static const PgPrepared *columns_of(PgStmt *st)
{
    PgConn *c = st->conn;
    if (!c->prepared[st->prepared].on_server) {
        if (c->streaming) buffer_rest(c->streaming);
        ensure_on_server(c, st->prepared);
    }
    return &c->prepared[st->prepared];
}

static int pg_column_count(DbStmt *base)
{
    return columns_of(stmt_of(base))->n_columns;
}

static bool pg_column_is_null(DbStmt *base, int i)
{
    PgStmt *st = stmt_of(base);
    return !st->row || PQgetisnull(st->row, 0, i);
}

static const char *pg_column_text(DbStmt *base, int i)
{
    PgStmt *st = stmt_of(base);
    return st->row ? PQgetvalue(st->row, 0, i) : "";
}

static size_t pg_column_bytes(DbStmt *base, int i)
{
    PgStmt *st = stmt_of(base);
    return st->row ? (size_t)PQgetlength(st->row, 0, i) : 0;
}

static long long pg_column_int(DbStmt *base, int i)
{
    PgStmt *st = stmt_of(base);
    if (!st->row || PQgetisnull(st->row, 0, i)) return 0;
    const char *v = PQgetvalue(st->row, 0, i);
    if (v[0] == 't' || v[0] == 'f') return v[0] == 't'; /* a boolean */
    return strtoll(v, NULL, 10);
}

static const char *pg_column_name(DbStmt *base, int i)
{
    const PgPrepared *p = columns_of(stmt_of(base));
    return i >= 0 && i < p->n_columns ? p->column_names[i] : "";
}

/* Each identity column of table (schema/postgresql: a SQLite INTEGER PRIMARY
 * KEY) restarts after the largest key copied in. */
static int pg_after_copy(DbConn *base, const char *table, Err *err)
{
    PgConn *c = conn_of(base);
    const char *values[1] = {table};
    PGresult *res = PQexecParams(c->pg,
                                 "SELECT column_name FROM information_schema.columns WHERE "
                                 "table_schema = current_schema() AND table_name = $1 AND "
                                 "is_identity = 'YES'",
                                 1, NULL, values, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) return fail(c, res, err);
    int rc = 0;
    for (int i = 0; i < PQntuples(res) && rc == 0; i++) {
        char *t = PQescapeIdentifier(c->pg, table, strlen(table));
        const char *col = PQgetvalue(res, i, 0);
        char *k = PQescapeIdentifier(c->pg, col, strlen(col));
        char *lit = PQescapeLiteral(c->pg, table, strlen(table));
        char *klit = PQescapeLiteral(c->pg, col, strlen(col));
        char sql[1024];
        snprintf(sql, sizeof sql,
                 "SELECT setval(pg_get_serial_sequence(%s, %s), coalesce(max(%s), 0) + 1, false) "
                 "FROM %s",
                 lit, klit, k, t);
        PQfreemem(t);
        PQfreemem(k);
        PQfreemem(lit);
        PQfreemem(klit);
        rc = exec_simple(c, sql, err);
    }
    PQclear(res);
    return rc;
}

/* ---- Transactions --------------------------------------------------------------- */

static int pg_begin_read(DbConn *base, Err *err)
{
    /* A load reads whole tables in key order (store_load.c). Row-level
     * security's check hides from the planner how many rows pass it, so it
     * chose to scan and then sort, on disk past work_mem: a pooled region's
     * 18 million rows sorted table by table. The primary key's index (or a
     * council's, schema/postgresql/019_council_indexes.sql) gives the same
     * order with no sort and streams from the first row; without sorts the
     * planner walks it (a statement that cannot do without a sort still
     * sorts). And no JIT: a pooled load's statements are costed past
     * jit_above_cost, and compiling each one's expressions took the server
     * some 70 ms for a scan that JIT makes no faster (bench/RESULTS.md,
     * "A pooled region on PostgreSQL"). */
    return exec_simple(conn_of(base),
                       "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL enable_sort = "
                       "off; SET LOCAL jit = off",
                       err);
}

static int pg_begin_write(DbConn *base, Err *err)
{
    PgConn *c = conn_of(base);
    char sql[160];
    snprintf(sql, sizeof sql,
             "BEGIN; SET LOCAL lock_timeout = %d; SET LOCAL work_mem = '" IMPORT_MEMORY
             "'; SELECT pg_advisory_xact_lock(" WRITER_LOCK_KEY ")",
             c->wait_ms);
    if (exec_simple(c, sql, err) == 0) return 0;
    /* SQLSTATE 55P03: lock_not_available, the wait ran out. */
    if (strcmp(c->sqlstate, "55P03") == 0)
        err_set(err, ERR_DB, "another writer held the database for more than %d ms", c->wait_ms);
    exec_simple(c, "ROLLBACK", NULL);
    return ERR_DB;
}

/* COMMIT of a transaction that failed earlier rolls back and still reports
 * success, so a failed transaction is refused here. */
static int pg_commit(DbConn *base, Err *err)
{
    PgConn *c = conn_of(base);
    if (PQtransactionStatus(c->pg) == PQTRANS_INERROR) {
        exec_simple(c, "ROLLBACK", NULL);
        return err_set(err, ERR_DB, "the transaction failed earlier and was rolled back: %s",
                       c->msg);
    }
    PGresult *res = PQexec(c->pg, "COMMIT");
    if (PQresultStatus(res) != PGRES_COMMAND_OK) return fail(c, res, err);
    bool rolled_back = strcmp(PQcmdStatus(res), "ROLLBACK") == 0;
    PQclear(res);
    return rolled_back ? err_set(err, ERR_DB, "the transaction was rolled back") : 0;
}

static void pg_rollback(DbConn *base)
{
    PgConn *c = conn_of(base);
    if (c->streaming) {
        drain_results(c);
        c->streaming->finished = true;
        c->streaming = NULL;
    }
    c->copy_len = 0;
    if (PQtransactionStatus(c->pg) == PQTRANS_ACTIVE) {
        PQputCopyEnd(c->pg, "rolled back");
        drain_results(c);
    }
    if (PQtransactionStatus(c->pg) != PQTRANS_IDLE) exec_simple(c, "ROLLBACK", NULL);
}

static bool pg_in_transaction(DbConn *base)
{
    PGTransactionStatusType t = PQtransactionStatus(conn_of(base)->pg);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static void pg_set_wait(DbConn *base, int ms)
{
    conn_of(base)->wait_ms = ms;
}

/* ---- COPY ----------------------------------------------------------------------- */

static int pg_copy_begin(DbConn *base, const char *table, const char *columns, Err *err)
{
    PgConn *c = conn_of(base);
    c->copy_len = 0;
    char sql[1024];
    snprintf(sql, sizeof sql, "COPY %s (%s) FROM STDIN", table, columns);
    PGresult *res = PQexec(c->pg, sql);
    if (PQresultStatus(res) != PGRES_COPY_IN) return fail(c, res, err);
    PQclear(res);
    return 0;
}

/* One value of len bytes in COPY's text format: backslash, tab, newline and
 * carriage return escaped; NULL is \N (PostgreSQL, COPY, "Text Format").
 * Nearly every value has none of them and is copied whole. */
static size_t copy_value(char *out, const char *v, size_t len)
{
    if (!v) {
        memcpy(out, "\\N", 2);
        return 2;
    }
    size_t plain = strcspn(v, "\\\t\n\r");
    memcpy(out, v, plain);
    if (plain == len) return len;
    size_t n = plain;
    for (v += plain; *v; v++) {
        char e = *v == '\\' ? '\\' : *v == '\t' ? 't' : *v == '\n' ? 'n' : *v == '\r' ? 'r' : 0;
        if (e) {
            out[n++] = '\\';
            out[n++] = e;
        } else {
            out[n++] = *v;
        }
    }
    return n;
}

/* Hands the rows gathered so far to libpq, as one COPY message. */
static int flush_copy(PgConn *c, Err *err)
{
    if (c->copy_len == 0) return 0;
    int ok = PQputCopyData(c->pg, c->copy_buf, (int)c->copy_len);
    c->copy_len = 0;
    return ok == 1 ? 0 : fail(c, NULL, err);
}

/* Rows go to the server in messages of about this size: libpq sends what it
 * is given at once, and the server reads a message at a time. */
enum { COPY_MESSAGE_BYTES = 256 * 1024 };

/* Room for more bytes in the COPY buffer. */
static void copy_reserve(PgConn *c, size_t more)
{
    if (c->copy_len + more <= c->copy_cap) return;
    size_t need = c->copy_len + more;
    c->copy_cap = need > COPY_MESSAGE_BYTES ? 2 * need : 2 * COPY_MESSAGE_BYTES;
    c->copy_buf = xrealloc(c->copy_buf, c->copy_cap);
}

static int pg_copy_row(DbConn *base, const char *const *values, int n, Err *err)
{
    PgConn *c = conn_of(base);
    for (int i = 0; i < n; i++) {
        size_t len = values[i] ? strlen(values[i]) : 0;
        copy_reserve(c, 2 * len + 4); /* every byte escaped, or \N, and a tab or newline */
        c->copy_len += copy_value(c->copy_buf + c->copy_len, values[i], len);
        c->copy_buf[c->copy_len++] = i + 1 < n ? '\t' : '\n';
    }
    return c->copy_len >= COPY_MESSAGE_BYTES ? flush_copy(c, err) : 0;
}

static int pg_copy_end(DbConn *base, Err *err)
{
    PgConn *c = conn_of(base);
    if (flush_copy(c, err) < 0) return ERR_DB;
    if (PQputCopyEnd(c->pg, NULL) != 1) return fail(c, NULL, err);
    PGresult *res = PQgetResult(c->pg);
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : fail(c, res, err);
    if (rc == 0) PQclear(res);
    drain_results(c);
    return rc;
}

/* ---- LISTEN and NOTIFY ----------------------------------------------------------- */

static int channel_command(PgConn *c, const char *verb, const char *channel, Err *err)
{
    char *id = PQescapeIdentifier(c->pg, channel, strlen(channel));
    if (!id) return fail(c, NULL, err);
    char sql[256];
    snprintf(sql, sizeof sql, "%s %s", verb, id);
    PQfreemem(id);
    return exec_simple(c, sql, err);
}

static int pg_listen(DbConn *base, const char *channel, Err *err)
{
    return channel_command(conn_of(base), "LISTEN", channel, err);
}

static int pg_notify(DbConn *base, const char *channel, Err *err)
{
    return channel_command(conn_of(base), "NOTIFY", channel, err);
}

/* Takes every notice that has arrived; true when there was one. */
static bool take_notices(PgConn *c)
{
    bool any = false;
    PGnotify *n;
    while ((n = PQnotifies(c->pg)) != NULL) {
        any = true;
        PQfreemem(n);
    }
    return any;
}

static int pg_wait_notice(DbConn *base, int timeout_ms)
{
    PgConn *c = conn_of(base);
    if (!PQconsumeInput(c->pg)) return fail(c, NULL, NULL);
    if (take_notices(c)) return 1;
    struct pollfd pfd = {.fd = PQsocket(c->pg), .events = POLLIN};
    if (pfd.fd < 0) return fail(c, NULL, NULL);
    if (poll(&pfd, 1, timeout_ms) <= 0) return 0;
    if (!PQconsumeInput(c->pg)) return fail(c, NULL, NULL);
    return take_notices(c) ? 1 : 0;
}

const DbDriver db_pg_driver = {
    .dialect = "postgresql",
    .open = pg_open,
    .open_reader = pg_open_reader,
    .close = pg_close,
    .errmsg = pg_errmsg,
    .last_was_conflict = pg_last_was_conflict,
    .exec = pg_exec,
    .has_table = pg_has_table,
    .prepare = pg_prepare,
    .prepare_rows = pg_prepare_rows,
    .finalize = pg_finalize,
    .bind_text = pg_bind_text,
    .bind_int = pg_bind_int,
    .step = pg_step,
    .step_row = pg_step_row,
    .reset = pg_reset,
    .column_count = pg_column_count,
    .column_is_null = pg_column_is_null,
    .column_text = pg_column_text,
    .column_bytes = pg_column_bytes,
    .column_int = pg_column_int,
    .column_name = pg_column_name,
    .tables_sql = "SELECT c.relname FROM pg_class c WHERE c.relnamespace = "
                  "current_schema()::regnamespace AND c.relkind = 'r' ORDER BY c.oid",
    .after_copy = pg_after_copy,
    .begin_read = pg_begin_read,
    .begin_write = pg_begin_write,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .in_transaction = pg_in_transaction,
    .set_wait = pg_set_wait,
    .copy_begin = pg_copy_begin,
    .copy_row = pg_copy_row,
    .copy_end = pg_copy_end,
    .listen = pg_listen,
    .notify = pg_notify,
    .wait_notice = pg_wait_notice,
    .set_council = pg_set_council,
};
