/* svc_audit: the audit log of every view and change of a child's record,
 * hash-chained with BLAKE2b so that an altered, removed or reordered row is
 * found (svc_audit_verify), and read back by child (a subject-access request)
 * or by user (what a person looked at). docs/web.md. */
#ifndef CAREPLEDGE_SVC_AUDIT_H
#define CAREPLEDGE_SVC_AUDIT_H

#include "base/err.h"
#include "service/service.h"

#include <stdbool.h>

typedef struct AuditLog AuditLog;

/* Opens the log of the database at db_path for appending (one per server;
 * appends from many threads are serialised inside). */
int svc_audit_open(const char *db_path, AuditLog **out, Err *err);
void svc_audit_close(AuditLog *log);

/* Appends one row, durably, before the caller answers: who (actor), what
 * (action, "view child"), the child (NULL when none) and from where
 * (origin, the client's address). Returns only once the row has committed;
 * rows appended at the same time from other threads commit with it in one
 * transaction (a group commit), so a failure fails them all. */
int svc_audit_append(AuditLog *log, const Actor *actor, const char *action, const char *child,
                     const char *origin, Err *err);

/* Told the outcome of a row queued by svc_audit_submit, once its batch has
 * committed (rc 0) or failed (rc < 0, err says why), on the log's writer
 * thread: keep it short, and never append from it. */
typedef void (*SvcAuditDone)(void *arg, int rc, const Err *err);
/* Queues one row like svc_audit_append but returns at once; done(arg, ...)
 * is called exactly once when the row's batch has committed or failed. A
 * server answers the view in done, having held no thread while it waited,
 * so that a batch holds every view in flight. Returns 0, or the error with
 * nothing queued and done never called (no actor; the log closing). */
int svc_audit_submit(AuditLog *log, const Actor *actor, const char *action, const char *child,
                     const char *origin, SvcAuditDone done, void *arg, Err *err);

/* How many group commits the log has made, the rows they held, the largest
 * batch, and the rows queued whose batch has not yet committed or failed. */
typedef struct SvcAuditStats {
    long long batches, rows, largest, waiting;
} SvcAuditStats;
void svc_audit_stats(AuditLog *log, SvcAuditStats *out);

/* Makes a change of a child's data and its audit row in one transaction (a
 * commit of the history): change(store, seq, arg) runs inside it, given the
 * seq the audit row will have, and writes the change; the row is appended
 * after it, and both commit or neither does (a nonzero return from change,
 * or any failure, rolls back and is returned). The store is service/'s:
 * change is a function of another service. */
typedef struct Store Store;
int svc_audit_change(AuditLog *log, const Actor *actor, const char *action, const char *child,
                     const char *origin, int (*change)(Store *s, long long seq, void *arg),
                     void *arg, Err *err);

/* Appends one row inside the write transaction the caller holds on s
 * (store_begin or store_gov_begin), so that it commits with the change the
 * caller makes there, or neither does: for services whose change is not a
 * commit of the history (the governance tables). The database's write lock,
 * taken by the transaction, keeps the chain's end from moving meanwhile.
 * Returns 0 or ERR_DB; the caller rolls back on failure. */
int svc_audit_append_within(Store *s, const Actor *actor, const char *action, const char *child,
                            const char *origin, Err *err);

typedef struct AuditVerify {
    long long rows;      /* rows read */
    long long first_bad; /* seq of the first row out of the chain; 0 when intact */
    char problem[160];   /* what is wrong there */
} AuditVerify;

/* Walks the chain. Returns 0 (out->first_bad says whether it holds). */
int svc_audit_verify(const char *db_path, const Actor *actor, AuditVerify *out, Err *err);

typedef struct AuditEntry {
    long long seq;
    char at[32];
    char user[64];
    char action[96];
    char child[64];
    char origin[64];
} AuditEntry;

/* The rows about child or by user (either may be NULL), in order; free *out
 * with free(). */
int svc_audit_show(const char *db_path, const char *child, const char *user, const Actor *actor,
                   AuditEntry **out, int *n, Err *err);

#endif
