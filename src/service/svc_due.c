/* svc_due: see svc_due.h. */
#include "service/svc_due.h"

#include "base/mem.h"
#include "service/compliance_all.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

const unsigned svc_due_parts =
    STORE_LOAD_EPISODES | STORE_LOAD_REVIEWS | STORE_LOAD_OC3 | STORE_LOAD_RECORDS;

static bool wanted(const DueRequest *req, const DueEntry *e)
{
    if (req->overdue_only && e->status != DUE_STATUS_OVERDUE) return false;
    if (req->within >= 0 && e->due > req->at + req->within) return false;
    return true;
}

static void add_child(DueResult *out, int *cap, const Dataset *ds, const Child *c,
                      const DueRequest *req, const Calendar *cal)
{
    DueEntry entries[DUE_ITEM_COUNT];
    int n = due_for_child(ds, c, req->at, cal, entries);
    for (int i = 0; i < n; i++) {
        if (!wanted(req, &entries[i])) continue;
        MEM_GROW(out->rows, out->n_rows, *cap);
        out->rows[out->n_rows++] = (DueRow){c->id, entries[i]};
    }
}

/* The coded fields the due dates read: the episodes (legal status,
 * placement and how care ended), reviews and the care leavers' OC3. */
static const char *const due_reads[] = {
    "episodes.RNE",        "episodes.LS",  "episodes.CIN", "episodes.PLACE", "episodes.REC",
    "reviews.REVIEW_CODE", "oc3.IN_TOUCH", "oc3.ACTIV",    "oc3.ACCOM",      NULL,
};

int svc_due_run(const AppContext *ctx, const ServiceData *data, const DueRequest *req,
                const Actor *actor, DueResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    const Dataset *ds;
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = context_require(ctx, CONTEXT_CALENDAR, err);
    if (rc == 0) rc = service_dataset(data, svc_due_parts, &out->owned, &ds, err);
    if (rc < 0) return rc;
    service_marked(ds, due_reads, &out->marked);
    int cap = 0;
    if (req->child) {
        const Child *only = dataset_find_child(ds, req->child);
        if (!only) {
            err_set(err, ERR_NOT_FOUND, "'%s' is not in the database", req->child);
            return err_param(err, "child");
        }
        add_child(out, &cap, ds, only, req, &ctx->calendar);
        return 0;
    }
    for (int i = 0; i < ds->n_children; i++)
        add_child(out, &cap, ds, &ds->children[i], req, &ctx->calendar);
    return 0;
}

void svc_due_free(DueResult *r)
{
    free(r->rows);
    dataset_free(&r->owned);
    memset(r, 0, sizeof *r);
}

int svc_compliance_run(const AppContext *ctx, const ServiceData *data, const ComplianceRequest *req,
                       const Actor *actor, ComplianceResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = context_require(ctx, CONTEXT_CALENDAR, err);
    if (rc < 0) return rc;
    if (req->to < req->from) return service_invalid(err, "to", "is before the start of the period");
    Dataset owned;
    const Dataset *ds;
    rc = service_dataset(data, svc_due_parts, &owned, &ds, err);
    if (rc == 0) {
        compliance_init(&out->counts, req->from, req->to, &ctx->calendar);
        compliance_add_all(&out->counts, ds, req->threads);
        service_marked(ds, due_reads, &out->marked);
    }
    dataset_free(&owned);
    return rc;
}

void svc_compliance_free(ComplianceResult *r)
{
    compliance_free(&r->counts);
}
