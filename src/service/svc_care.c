/* svc_care: see svc_care.h. */
#include "service/svc_care.h"

#include "base/mem.h"
#include "service/svc_publish.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

const unsigned svc_care_parts = STORE_LOAD_EPISODES | STORE_LOAD_OC3 | STORE_LOAD_PA_REQUESTS;

/* The coded fields the care-leaver rules and the profile read. */
static const char *const care_reads[] = {
    "header.ETHNIC", "episodes.RNE", "episodes.LS", "episodes.CIN", "episodes.PLACE",
    "episodes.REC",  "oc3.IN_TOUCH", "oc3.ACTIV",   "oc3.ACCOM",    NULL,
};

int svc_leavers_run(const AppContext *ctx, const ServiceData *data, const LeaversRequest *req,
                    const Actor *actor, LeaversResult *out, Err *err)
{
    (void)ctx; /* the leaver rules need no reference data */
    memset(out, 0, sizeof *out);
    const Dataset *ds;
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = service_dataset(data, svc_care_parts, &out->owned, &ds, err);
    if (rc < 0) return rc;
    int cap = 0;
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        LeaverStatus st = leaver_status(ds, c, req->at, req->rules);
        if (st.category == LEAVER_NONE) continue;
        MEM_GROW(out->rows, out->n_rows, cap);
        out->rows[out->n_rows++] = (LeaverRow){c->id, st};
    }
    service_marked(ds, care_reads, &out->marked);
    return 0;
}

void svc_leavers_free(LeaversResult *r)
{
    free(r->rows);
    dataset_free(&r->owned);
    memset(r, 0, sizeof *r);
}

int svc_profile_run(const AppContext *ctx, const ServiceData *data, const ProfileRequest *req,
                    const Actor *actor, ProfileResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc < 0) return rc;
    if (req->publish && (req->threshold < 1 || req->threshold > 100))
        return service_invalid(err, "threshold", "must be a whole number from 1 to 100");
    /* Published, the profile is always its part of the publication of its
     * date (docs/disclosure.md). */
    if (req->publish) return svc_publish_profile(ctx, data, req, actor, out, err);
    Dataset owned;
    const Dataset *ds;
    rc = service_dataset(data, svc_care_parts, &owned, &ds, err);
    if (rc == 0) {
        profile_compute(ds, req->at, req->rules, out->rows);
        service_marked(ds, care_reads, &out->marked);
    }
    dataset_free(&owned);
    return rc;
}
