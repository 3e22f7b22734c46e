/* svc_audit: see svc_audit.h. */
#include "service/svc_audit.h"

#include "store/auth.h"
#include "store/store.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One row waiting for its batch to commit, and whom to tell (heap-allocated
 * by svc_audit_submit, freed by the writer once told). */
typedef struct AuditWait {
    StoreAuditRow row;
    SvcAuditDone done;
    void *arg;
    struct AuditWait *next;
} AuditWait;

/* Group commit on a writer thread of the log's own: an append queues its row
 * and returns; the writer takes every row queued by then, writes them in one
 * transaction (store_audit_chain, one fsync) and then tells each row's caller
 * its outcome. The server suspends a view's connection meanwhile instead of
 * holding a worker thread (web/server.c), so a batch grows to the number of
 * views in flight, not the number of worker threads; svc_audit_append waits
 * for the outcome on the caller's thread. Rows are chained in the order they
 * were queued. The thread starts with the first append: a command that only
 * changes (svc_audit_change) never starts it. */
struct AuditLog {
    Store *store;
    pthread_mutex_t lock; /* the store: one writer at a time, the chain has one end */
    pthread_mutex_t queue_lock;
    pthread_cond_t queued;    /* signalled when a row is queued or the log closes */
    pthread_cond_t committed; /* signalled when a batch is done (svc_audit_append) */
    AuditWait *pending, *pending_tail;
    pthread_t writer;
    bool writer_running, closing;
    long long batches, rows, largest; /* committed so far (svc_audit_stats) */
    long long waiting;                /* queued, not yet committed (or failed) */
};

enum { AUDIT_MAX_BATCH = 1024 };

/* The hash before the first row. */
static const char genesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

int svc_audit_open(const char *db_path, AuditLog **out, Err *err)
{
    if (sodium_init() < 0) return err_set(err, ERR_INTERNAL, "libsodium cannot start");
    AuditLog *log = calloc(1, sizeof *log);
    if (!log) abort();
    /* A view is answered only once its row is on the disk: every commit of
     * the log waits for the disk (on SQLite the WAL default waits only at a
     * checkpoint). The group commit makes one wait serve many views. */
    if (store_open(db_path, &log->store, err) < 0) {
        free(log);
        return err->code;
    }
    if (store_durable_commits(log->store, err) < 0) {
        store_close(log->store);
        free(log);
        return err->code;
    }
    pthread_mutex_init(&log->lock, NULL);
    pthread_mutex_init(&log->queue_lock, NULL);
    pthread_cond_init(&log->queued, NULL);
    pthread_cond_init(&log->committed, NULL);
    *out = log;
    return 0;
}

void svc_audit_close(AuditLog *log)
{
    if (!log) return;
    /* The writer commits every row queued before it stops: no caller waits
     * for ever, and no row queued is lost. */
    pthread_mutex_lock(&log->queue_lock);
    log->closing = true;
    bool running = log->writer_running;
    pthread_cond_signal(&log->queued);
    pthread_mutex_unlock(&log->queue_lock);
    if (running) pthread_join(log->writer, NULL);
    store_close(log->store);
    pthread_mutex_destroy(&log->lock);
    pthread_mutex_destroy(&log->queue_lock);
    pthread_cond_destroy(&log->queued);
    pthread_cond_destroy(&log->committed);
    free(log);
}

/* BLAKE2b-256 (crypto_generichash) over the previous row's hash and every
 * field of the row, each ended by a newline (no field holds one), in hex. */
static void chain_hash(const StoreAuditRow *row, char out[130])
{
    char text[512];
    int len = snprintf(text, sizeof text, "%s\n%lld\n%s\n%s\n%s\n%s\n%s\n", row->prev_hash,
                       row->seq, row->at, row->user, row->action, row->child, row->origin);
    if (len < 0 || (size_t)len >= sizeof text) len = (int)sizeof text - 1;
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, (const unsigned char *)text, (size_t)len, NULL, 0);
    sodium_bin2hex(out, 130, digest, sizeof digest);
}

static void seal_row(StoreAuditRow *row)
{
    chain_hash(row, row->hash);
}

/* Copies src to dst, a newline or control character becoming a space, so that
 * no field can forge the separator of chain_hash. */
static void copy_field(char *dst, size_t size, const char *src)
{
    size_t i = 0;
    for (; src && src[i] && i + 1 < size; i++) dst[i] = (unsigned char)src[i] < 0x20 ? ' ' : src[i];
    dst[i] = '\0';
}

/* The row of an append now, before its place in the chain is known. */
static void row_now(StoreAuditRow *row, const Actor *actor, const char *action, const char *child,
                    const char *origin)
{
    memset(row, 0, sizeof *row);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    strftime(row->at, sizeof row->at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    copy_field(row->user, sizeof row->user, actor->name);
    copy_field(row->action, sizeof row->action, action);
    copy_field(row->child, sizeof row->child, child);
    copy_field(row->origin, sizeof row->origin, origin ? origin : "");
}

/* Gives row the next place in the chain of s and its hash (the database's
 * write lock held). */
static int chain_row(Store *s, StoreAuditRow *row, Err *err)
{
    int rc = store_audit_last(s, &row->seq, row->prev_hash, err);
    if (rc < 0) return rc;
    row->seq++;
    if (!row->prev_hash[0]) memcpy(row->prev_hash, genesis, sizeof genesis);
    chain_hash(row, row->hash);
    return 0;
}

/* Writes the rows of batch (at most AUDIT_MAX_BATCH, linked by next) in one
 * transaction. Returns 0 or the failure, which is every row's. */
static int write_batch(AuditLog *log, AuditWait *batch, int n, Err *err)
{
    StoreAuditRow *rows = malloc((size_t)n * sizeof *rows);
    if (!rows) abort();
    n = 0;
    for (AuditWait *w = batch; w; w = w->next) rows[n++] = w->row;
    pthread_mutex_lock(&log->lock);
    /* The store reads the last row and appends under the database's write
     * lock: other servers sharing a PostgreSQL database append to one chain. */
    int rc = store_audit_chain(log->store, rows, n, genesis, seal_row, err);
    pthread_mutex_unlock(&log->lock);
    free(rows);
    return rc;
}

/* Takes up to AUDIT_MAX_BATCH rows off the queue, in order, and counts them
 * into *n (queue_lock held, the queue not empty). */
static AuditWait *take_batch(AuditLog *log, int *n)
{
    AuditWait *batch = log->pending, *last = batch;
    for (*n = 1; *n < AUDIT_MAX_BATCH && last->next; ++*n) last = last->next;
    log->pending = last->next;
    if (!log->pending) log->pending_tail = NULL;
    last->next = NULL;
    return batch;
}

/* Tells each caller of batch its row's outcome, and frees the batch. A
 * callback may resume a connection that is then answered at once: the
 * outcome is told only after the commit returned. */
static void tell_batch(AuditWait *batch, int rc, const Err *err)
{
    while (batch) {
        AuditWait *next = batch->next;
        batch->done(batch->arg, rc, err);
        free(batch);
        batch = next;
    }
}

static void *audit_writer(void *arg)
{
    AuditLog *log = arg;
    pthread_mutex_lock(&log->queue_lock);
    for (;;) {
        while (!log->pending && !log->closing) pthread_cond_wait(&log->queued, &log->queue_lock);
        if (!log->pending) break; /* closing, and nothing left to write */
        int n;
        AuditWait *batch = take_batch(log, &n);
        pthread_mutex_unlock(&log->queue_lock);
        Err err = {0};
        int rc = write_batch(log, batch, n, &err);
        pthread_mutex_lock(&log->queue_lock);
        log->batches++;
        log->rows += n;
        if (n > log->largest) log->largest = n;
        log->waiting -= n; /* their outcome is known, before anyone hears it */
        pthread_mutex_unlock(&log->queue_lock);
        tell_batch(batch, rc, &err);
        pthread_mutex_lock(&log->queue_lock);
    }
    pthread_mutex_unlock(&log->queue_lock);
    return NULL;
}

int svc_audit_submit(AuditLog *log, const Actor *actor, const char *action, const char *child,
                     const char *origin, SvcAuditDone done, void *arg, Err *err)
{
    if (service_check_actor(actor, err) < 0) return err->code;
    AuditWait *w = calloc(1, sizeof *w);
    if (!w) abort();
    row_now(&w->row, actor, action, child, origin);
    w->done = done;
    w->arg = arg;
    pthread_mutex_lock(&log->queue_lock);
    if (log->closing) {
        pthread_mutex_unlock(&log->queue_lock);
        free(w);
        return err_set(err, ERR_UNAVAILABLE, "the audit log is closing");
    }
    if (!log->writer_running) {
        if (pthread_create(&log->writer, NULL, audit_writer, log) != 0) {
            pthread_mutex_unlock(&log->queue_lock);
            free(w);
            return err_set(err, ERR_UNAVAILABLE, "the audit log cannot start its writer");
        }
        log->writer_running = true;
    }
    if (log->pending_tail)
        log->pending_tail->next = w;
    else
        log->pending = w;
    log->pending_tail = w;
    log->waiting++;
    pthread_cond_signal(&log->queued);
    pthread_mutex_unlock(&log->queue_lock);
    return 0;
}

/* An append waited for on its caller's thread (svc_audit_append). */
typedef struct AppendWait {
    AuditLog *log;
    bool done;
    int rc;
    Err err;
} AppendWait;

static void append_done(void *arg, int rc, const Err *err)
{
    AppendWait *w = arg;
    pthread_mutex_lock(&w->log->queue_lock);
    w->rc = rc;
    if (rc < 0) w->err = *err;
    w->done = true;
    pthread_cond_broadcast(&w->log->committed);
    pthread_mutex_unlock(&w->log->queue_lock);
}

int svc_audit_append(AuditLog *log, const Actor *actor, const char *action, const char *child,
                     const char *origin, Err *err)
{
    AppendWait w = {.log = log};
    int rc = svc_audit_submit(log, actor, action, child, origin, append_done, &w, err);
    if (rc < 0) return rc;
    pthread_mutex_lock(&log->queue_lock);
    while (!w.done) pthread_cond_wait(&log->committed, &log->queue_lock);
    pthread_mutex_unlock(&log->queue_lock);
    if (w.rc < 0) *err = w.err;
    return w.rc;
}

void svc_audit_stats(AuditLog *log, SvcAuditStats *out)
{
    pthread_mutex_lock(&log->queue_lock);
    out->batches = log->batches;
    out->rows = log->rows;
    out->largest = log->largest;
    out->waiting = log->waiting;
    pthread_mutex_unlock(&log->queue_lock);
}

int svc_audit_change(AuditLog *log, const Actor *actor, const char *action, const char *child,
                     const char *origin, int (*change)(Store *s, long long seq, void *arg),
                     void *arg, Err *err)
{
    if (service_check_actor(actor, err) < 0) return err->code;
    StoreAuditRow row;
    row_now(&row, actor, action, child, origin);
    pthread_mutex_lock(&log->lock);
    /* The write lock is taken before the chain's end is read, so no other
     * process can append between the read and this row. */
    int rc = store_begin(log->store, err);
    if (rc == 0) rc = chain_row(log->store, &row, err);
    if (rc == 0) rc = change(log->store, row.seq, arg);
    if (rc == 0) rc = store_audit_insert(log->store, &row, err);
    if (rc == 0) rc = store_commit(log->store, err);
    if (rc != 0) store_rollback(log->store);
    pthread_mutex_unlock(&log->lock);
    return rc;
}

int svc_audit_append_within(Store *s, const Actor *actor, const char *action, const char *child,
                            const char *origin, Err *err)
{
    if (service_check_actor(actor, err) < 0) return err->code;
    StoreAuditRow row;
    row_now(&row, actor, action, child, origin);
    int rc = chain_row(s, &row, err);
    return rc < 0 ? rc : store_audit_insert(s, &row, err);
}

typedef struct VerifyWalk {
    AuditVerify *out;
    long long expect_seq;
    char expect_prev[130];
} VerifyWalk;

static int verify_row(const StoreAuditRow *row, void *arg)
{
    VerifyWalk *w = arg;
    AuditVerify *v = w->out;
    v->rows++;
    char hash[130];
    chain_hash(row, hash);
    if (row->seq != w->expect_seq)
        snprintf(v->problem, sizeof v->problem, "row %lld follows row %lld: rows are missing",
                 row->seq, w->expect_seq - 1);
    else if (strcmp(row->prev_hash, w->expect_prev) != 0)
        snprintf(v->problem, sizeof v->problem,
                 "row %lld does not follow the row before it: rows were removed or reordered",
                 row->seq);
    else if (strcmp(row->hash, hash) != 0)
        snprintf(v->problem, sizeof v->problem, "row %lld was altered after it was written",
                 row->seq);
    else {
        w->expect_seq++;
        memcpy(w->expect_prev, row->hash, sizeof w->expect_prev);
        return 0;
    }
    v->first_bad = row->seq;
    return 1;
}

int svc_audit_verify(const char *db_path, const Actor *actor, AuditVerify *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (service_check_actor(actor, err) < 0) return err->code;
    if (sodium_init() < 0) return err_set(err, ERR_INTERNAL, "libsodium cannot start");
    Store *s;
    if (store_open_read(db_path, &s, err) < 0) return err->code;
    VerifyWalk w = {.out = out, .expect_seq = 1};
    memcpy(w.expect_prev, genesis, sizeof genesis);
    int rc = store_audit_each(s, NULL, NULL, verify_row, &w, err);
    store_close(s);
    return rc < 0 ? rc : 0;
}

typedef struct ShowWalk {
    AuditEntry *rows;
    int n, cap;
} ShowWalk;

static int keep_row(const StoreAuditRow *row, void *arg)
{
    ShowWalk *w = arg;
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 32;
        AuditEntry *grown = realloc(w->rows, (size_t)w->cap * sizeof *grown);
        if (!grown) abort();
        w->rows = grown;
    }
    AuditEntry *e = &w->rows[w->n++];
    e->seq = row->seq;
    memcpy(e->at, row->at, sizeof e->at);
    memcpy(e->user, row->user, sizeof e->user);
    memcpy(e->action, row->action, sizeof e->action);
    memcpy(e->child, row->child, sizeof e->child);
    memcpy(e->origin, row->origin, sizeof e->origin);
    return 0;
}

int svc_audit_show(const char *db_path, const char *child, const char *user, const Actor *actor,
                   AuditEntry **out, int *n, Err *err)
{
    *out = NULL;
    *n = 0;
    if (service_check_actor(actor, err) < 0) return err->code;
    Store *s;
    if (store_open_read(db_path, &s, err) < 0) return err->code;
    ShowWalk w = {0};
    int rc = store_audit_each(s, child, user, keep_row, &w, err);
    store_close(s);
    *out = w.rows;
    *n = w.n;
    return rc < 0 ? rc : 0;
}
