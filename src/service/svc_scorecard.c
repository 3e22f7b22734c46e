/* svc_scorecard: see svc_scorecard.h. */
#include "service/svc_scorecard.h"

#include "base/mem.h"
#include "service/places.h"
#include "service/svc_publish.h"
#include "service/svc_survey.h"
#include "service/svc_governance.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

static int check_request(const ScorecardRequest *req, Err *err)
{
    if (req->years < 0 || req->years > SCORECARD_MAX_YEARS - 1)
        return service_invalid(err, "years", "must be a whole number from 0 to %d",
                               SCORECARD_MAX_YEARS - 1);
    if (req->publish && (req->threshold < 1 || req->threshold > 100))
        return service_invalid(err, "threshold", "must be a whole number from 1 to 100");
    char own_la[10];
    return req->la ? places_check_la(req->la, own_la, err) : 0;
}

/* The history to measure. Deriving the postcode fields writes into the
 * Dataset's places; a snapshot is shared and never written, so the service
 * works on a copy of its Dataset header with places of its own. */
static int history(const ServiceData *data, const ScorecardRequest *req, ScorecardResult *out,
                   Dataset **ds, Err *err)
{
    unsigned parts = STORE_LOAD_ALL | (req->postcodes ? STORE_LOAD_POSTCODES : 0);
    const Dataset *read;
    int rc = service_dataset(data, parts, &out->owned, &read, err);
    if (rc < 0) return rc;
    *ds = &out->owned;
    if (read == &out->owned) return 0;
    out->owned = *read;
    out->borrowed = true;
    if (read->places) {
        size_t size = (size_t)read->n_places * sizeof *read->places;
        out->places_copy = xmalloc(size + 1);
        memcpy(out->places_copy, read->places, size);
        out->owned.places = out->places_copy;
    }
    return 0;
}

/* The coded fields the indicators read: every coded field of the tables
 * the scorecard loads. */
static const char *const scorecard_reads[] = {
    "header.SEX",
    "header.ETHNIC",
    "episodes.RNE",
    "episodes.LS",
    "episodes.CIN",
    "episodes.PLACE",
    "episodes.PLACE_PROVIDER",
    "episodes.REC",
    "episodes.REASON_PLACE_CHANGE",
    "reviews.REVIEW_CODE",
    "oc2.SDQ_REASON",
    "oc3.IN_TOUCH",
    "oc3.ACTIV",
    "oc3.ACCOM",
    "missing.MISSING",
    "placed_adoption.REASON_PLACED_CEASED",
    NULL,
};

int svc_scorecard_run(const AppContext *ctx, const ServiceData *data, const ScorecardRequest *req,
                      const Actor *actor, ScorecardResult *out, Err *err)
{
    /* Published, the scorecard is always its part of the publication of its
     * year (docs/disclosure.md): never a publication of its own. */
    if (req->publish && !req->publication)
        return svc_publish_scorecard(ctx, data, req, actor, out, err);
    memset(out, 0, sizeof *out);
    Dataset *ds = NULL;
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = context_require(ctx, CONTEXT_CALENDAR | CONTEXT_CATALOGUE, err);
    if (rc == 0) rc = check_request(req, err);
    if (rc == 0) rc = history(data, req, out, &ds, err);
    if (rc == 0)
        rc = places_derive(ds, req->postcodes, req->la,
                           date_collection_year_end(req->year - req->years),
                           date_collection_year_end(req->year), err);
    if (rc < 0) return rc;
    ScorecardOptions opt = {
        .year = req->year,
        .years = req->years,
        .by = req->by,
        .publish = req->publish,
        .threshold = req->threshold,
        .cal = &ctx->calendar,
        .postcodes = req->postcodes,
        .la = req->la,
        .threads = req->threads,
        .publication = req->publication,
        .before_groups = req->before_groups,
        .before_groups_arg = req->before_groups_arg,
    };
    /* Promise 3.13 from the governance tables of the database, when it is
     * named (a front end holding a snapshot names it too). */
    long cicc_num[SCORECARD_MAX_YEARS] = {0}, cicc_den[SCORECARD_MAX_YEARS] = {0};
    if (data->db_path) {
        rc = svc_gov_issues_by_year(data->db_path, req->year - req->years, req->years + 1, cicc_num,
                                    cicc_den, &opt.cicc_available, err);
        if (rc < 0) return rc;
        opt.cicc_num = cicc_num;
        opt.cicc_den = cicc_den;
    }
    /* The survey's answers are read from the database whenever there is one,
     * even beside a snapshot: young people answer between imports. */
    SurveyTallies survey = {0};
    if (data->db_path && svc_survey_tallies(data->db_path, &survey, err) < 0) return err->code;
    opt.survey = &survey;
    service_marked(ds, scorecard_reads, &out->marked);
    rc = scorecard_build(ds, ctx->catalogue, &opt, &out->card, err);
    survey_tallies_free(&survey);
    return rc;
}

void svc_scorecard_free(ScorecardResult *r)
{
    scorecard_free(&r->card);
    if (r->borrowed) {
        free(r->places_copy); /* the rest of owned is the snapshot's, never freed here */
    } else {
        dataset_free(&r->owned);
    }
    memset(r, 0, sizeof *r);
}
