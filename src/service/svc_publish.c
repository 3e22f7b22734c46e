/* svc_publish: see svc_publish.h. */
#include "service/svc_publish.h"

#include "domain/profile.h"
#include "service/scorecard_publish.h"

#include <string.h>

int svc_publish_run(const AppContext *ctx, const ServiceData *data, const PublishRequest *req,
                    const Actor *actor, PublishResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    publication_init(&out->publication, req->threshold);
    out->key = scorecard_publish_key(req->year, SCORECARD_KEY_COHORTS);
    ScorecardRequest card = {.year = req->year,
                             .years = req->years,
                             .by = req->by,
                             .publish = true,
                             .threshold = req->threshold,
                             .postcodes = req->postcodes,
                             .la = req->la,
                             .threads = req->threads,
                             .publication = &out->publication};
    int rc = svc_scorecard_run(ctx, data, &card, actor, &out->scorecard, err);
    if (rc < 0) return rc;
    /* The profile's own rows first, unpublished: the publication withholds. */
    Date year_end = date_collection_year_end(req->year);
    Date at = req->profile_at != 0 ? req->profile_at : year_end;
    ProfileRequest profile = {.at = at, .rules = req->rules, .threshold = req->threshold};
    rc = svc_profile_run(ctx, data, &profile, actor, &out->profile, err);
    if (rc < 0) return rc;
    /* Only on the year's 31 March are the profile's totals the same children
     * as the scorecard's denominators. */
    int profile_key = at == year_end ? out->key : -1;
    return profile_publish_layer(out->profile.rows, &out->publication, profile_key,
                                 out->profile.withheld, err);
}

void svc_publish_free(PublishResult *r)
{
    svc_scorecard_free(&r->scorecard);
    publication_free(&r->publication);
    memset(r, 0, sizeof *r);
}
