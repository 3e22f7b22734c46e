/* svc_publish: see svc_publish.h.
 *
 * Why the profile goes between the scorecard's figures and its groups: a
 * layer's marks depend on the layers before it, so a count shared by two
 * outputs must come before anything only one of them holds. The figures of a
 * year are in every output of the date; the profile is in the profile and in
 * the scorecard's publication; a --by breakdown is only in the one scorecard
 * that asked for it. So the profile is the same with and without --by, and the
 * groups are protected against the profile as well. */
#include "service/svc_publish.h"

#include "domain/profile.h"
#include "service/scorecard_publish.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

/* The profile's layer, added by the scorecard between its figures and its
 * groups (ScorecardRequest.before_groups). */
typedef struct ProfileLayer {
    ProfileResult *profile;
    int key; /* the scorecard cohorts its totals may be; -1: none */
} ProfileLayer;

static int profile_layer(void *arg, Publication *pub, Err *err)
{
    ProfileLayer *p = arg;
    return profile_publish_layer(p->profile->rows, pub, p->key, p->profile->withheld, err);
}

/* The scorecard read the history svc_publish_run loaded for both outputs
 * (its own copy of the Dataset's header, with places of its own when it
 * derived them): it owns the history's arrays from now on, and frees them
 * with itself. */
static void hand_over_history(ScorecardResult *card, PublishResult *pub)
{
    if (card->places_copy) free(pub->history.places); /* owned.places is the copy */
    card->places_copy = NULL;
    card->borrowed = false;
    memset(&pub->history, 0, sizeof pub->history);
}

int svc_publish_run(const AppContext *ctx, const ServiceData *data, const PublishRequest *req,
                    const Actor *actor, PublishResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    publication_init(&out->publication, req->threshold);
    out->key = scorecard_publish_key(req->year, SCORECARD_KEY_COHORTS);
    /* One load of the history serves both outputs (the profile's parts are
     * among the scorecard's): each used to load its own, and loading is most
     * of a pooled region's time (bench/RESULTS.md, "A pooled region on
     * PostgreSQL"). The actor is checked first, as the profile did. */
    ServiceData shared = *data;
    if (!data->snapshot && data->db_path) {
        int rc = service_check_actor(actor, err);
        unsigned parts = STORE_LOAD_ALL | (req->postcodes ? STORE_LOAD_POSTCODES : 0);
        const Dataset *loaded;
        if (rc == 0) rc = service_dataset(data, parts, &out->history, &loaded, err);
        if (rc < 0) return rc;
        shared.snapshot = &out->history;
    }
    data = &shared;
    /* The profile's own rows first, unpublished: the publication withholds. */
    Date year_end = date_collection_year_end(req->year);
    Date at = req->profile_at != 0 ? req->profile_at : year_end;
    ProfileRequest profile = {.at = at, .rules = req->rules, .threshold = req->threshold};
    int rc = svc_profile_run(ctx, data, &profile, actor, &out->profile, err);
    if (rc < 0) return rc;
    /* Only on the year's 31 March are the profile's totals the same children
     * as the scorecard's denominators. */
    ProfileLayer layer = {&out->profile, at == year_end ? out->key : -1};
    ScorecardRequest card = {.year = req->year,
                             .years = req->years,
                             .by = req->by,
                             .publish = true,
                             .threshold = req->threshold,
                             .postcodes = req->postcodes,
                             .la = req->la,
                             .threads = req->threads,
                             .publication = &out->publication,
                             .before_groups = profile_layer,
                             .before_groups_arg = &layer};
    return svc_scorecard_run(ctx, data, &card, actor, &out->scorecard, err);
}

void svc_publish_free(PublishResult *r)
{
    svc_scorecard_free(&r->scorecard);
    publication_free(&r->publication);
    dataset_free(&r->history);
    memset(r, 0, sizeof *r);
}

int svc_publish_scorecard(const AppContext *ctx, const ServiceData *data,
                          const ScorecardRequest *req, const Actor *actor, ScorecardResult *out,
                          Err *err)
{
    PublishRequest pr = {.year = req->year,
                         .years = req->years,
                         .by = req->by,
                         .threshold = req->threshold,
                         .rules = LEAVER_RULES_CURRENT,
                         .postcodes = req->postcodes,
                         .la = req->la,
                         .threads = req->threads};
    PublishResult pub;
    int rc = svc_publish_run(ctx, data, &pr, actor, &pub, err);
    *out = pub.scorecard; /* the caller frees it from now on */
    memset(&pub.scorecard, 0, sizeof pub.scorecard);
    if (!data->snapshot && data->db_path && out->borrowed) hand_over_history(out, &pub);
    svc_publish_free(&pub);
    return rc;
}

int svc_publish_profile(const AppContext *ctx, const ServiceData *data, const ProfileRequest *req,
                        const Actor *actor, ProfileResult *out, Err *err)
{
    int year = date_collection_year(req->at);
    if (req->at == date_collection_year_end(year)) {
        PublishRequest pr = {.year = year, .threshold = req->threshold, .rules = req->rules};
        PublishResult pub;
        int rc = svc_publish_run(ctx, data, &pr, actor, &pub, err);
        *out = pub.profile;
        svc_publish_free(&pub);
        return rc;
    }
    /* On any other date the profile's layer is linked to no count before it,
     * so protected alone it has the marks it has in any publication. */
    ProfileRequest rows = {.at = req->at, .rules = req->rules};
    int rc = svc_profile_run(ctx, data, &rows, actor, out, err);
    return rc < 0 ? rc : profile_publish(out->rows, req->threshold, out->withheld, err);
}
