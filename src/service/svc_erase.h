/* svc_erase: the erasure of one child's record (UK GDPR Art 17, the right to
 * erasure, where the council decides it applies): every row of the child in
 * every table (store_erase_child), in one transaction with an audit row
 * saying who erased a child and why. The audit row names the child only by a
 * pseudonymous reference (UK GDPR Art 4(5)): the first 16 hex digits of
 * SHA-256 over "KEY:CHILD", KEY a random value given back once to be kept
 * with the request, apart from the database. Earlier audit rows, the record
 * of who saw the child's data, are kept as they are: the chain must hold.
 * docs/security.md, "Subject access and erasure". */
#ifndef CAREPLEDGE_SVC_ERASE_H
#define CAREPLEDGE_SVC_ERASE_H

#include "base/err.h"
#include "service/service.h"

/* The longest reason the audit row has room for. */
enum { ERASE_MAX_REASON = 56 };

typedef struct EraseRequest {
    const char *db_path;
    const char *child;
    const char *reason; /* NULL or "": none given; never personal data */
    const char *origin; /* where the request came from ("command line") */
} EraseRequest;

typedef struct EraseResult {
    long long rows;     /* rows erased, over every table */
    int tables;         /* tables that held some */
    char reference[17]; /* in the audit row */
    char key[33];       /* hex; shown once, kept with the request */
} EraseResult;

/* Erases req->child from the database at req->db_path. ERR_NOT_FOUND when
 * the database does not exist or holds nothing of the child (nothing is
 * written then, not even an audit row), ERR_USAGE for an empty child or a
 * reason too long, ERR_DB when the database refuses. Returns 0 with out
 * filled. */
int svc_erase_run(const EraseRequest *req, const Actor *actor, EraseResult *out, Err *err);

/* The reference of child under key (hex): what svc_erase_run records. */
void svc_erase_reference(const char *key, const char *child, char reference[17]);

#endif
