/* svc_erase: see svc_erase.h. */
#include "service/svc_erase.h"

#include "base/sha256.h"
#include "service/svc_audit.h"
#include "store/store.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void svc_erase_reference(const char *key, const char *child, char reference[17])
{
    Sha256 h;
    char hex[65];
    sha256_init(&h);
    sha256_update(&h, key, strlen(key));
    sha256_update(&h, ":", 1);
    sha256_update(&h, child, strlen(child));
    sha256_hex(&h, hex);
    memcpy(reference, hex, 16);
    reference[16] = '\0';
}

typedef struct EraseChange {
    const char *child;
    StoreErased erased;
    Err *err;
} EraseChange;

/* Inside the audit's transaction: erases, and refuses a child the database
 * does not hold, so that no audit row is written for nothing. */
static int erase_change(Store *s, long long seq, void *arg)
{
    (void)seq;
    EraseChange *c = arg;
    int rc = store_erase_child(s, c->child, &c->erased, c->err);
    if (rc == 0 && c->erased.rows == 0)
        rc = err_set(c->err, ERR_NOT_FOUND, "the database holds nothing of child '%s'", c->child);
    return rc;
}

static int check_request(const EraseRequest *req, Err *err)
{
    if (!req->child || !req->child[0]) {
        err_set(err, ERR_USAGE, "give the child's identifier");
        return err_param(err, "child");
    }
    if (req->reason && strlen(req->reason) > ERASE_MAX_REASON) {
        err_set(err, ERR_USAGE,
                "the reason is %zu characters; the audit keeps at most %d (say why, not who: "
                "a request's reference, never personal data)",
                strlen(req->reason), ERASE_MAX_REASON);
        return err_param(err, "reason");
    }
    if (!store_exists(req->db_path))
        return err_set(err, ERR_NOT_FOUND, "%s: no such database", req->db_path);
    return 0;
}

int svc_erase_run(const EraseRequest *req, const Actor *actor, EraseResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = check_request(req, err);
    if (rc < 0) return rc;
    AuditLog *log;
    if ((rc = svc_audit_open(req->db_path, &log, err)) < 0) return rc;
    unsigned char key[16];
    randombytes_buf(key, sizeof key);
    sodium_bin2hex(out->key, sizeof out->key, key, sizeof key);
    svc_erase_reference(out->key, req->child, out->reference);
    char action[128];
    snprintf(action, sizeof action, "erase child %s%s%s", out->reference,
             req->reason && req->reason[0] ? ": " : "", req->reason ? req->reason : "");
    EraseChange change = {.child = req->child, .err = err};
    rc = svc_audit_change(log, actor, action, NULL, req->origin ? req->origin : "", erase_change,
                          &change, err);
    svc_audit_close(log);
    if (rc < 0) return rc;
    out->rows = change.erased.rows;
    out->tables = change.erased.tables;
    return 0;
}
