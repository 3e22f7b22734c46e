/* svc_scorecard: see svc_scorecard.h. */
#include "service/svc_scorecard.h"

#include "base/mem.h"
#include "service/dataset_load.h"
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

/* The history to measure: the snapshot, or the Dataset loaded from store.
 * Deriving the postcode fields writes into the Dataset's places; a snapshot
 * is shared and never written, so the service works on a copy of its Dataset
 * header with places of its own. */
static int history(const ServiceData *data, Store *store, const ScorecardRequest *req,
                   ScorecardResult *out, Dataset **ds, Err *err)
{
    unsigned parts = STORE_LOAD_ALL | (req->postcodes ? STORE_LOAD_POSTCODES : 0);
    *ds = &out->owned;
    if (!data->snapshot) return store_load_dataset_parts(store, &out->owned, parts, err);
    const Dataset *read = data->snapshot;
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

/* What the scorecard reads from the database beside the history: promise
 * 3.13 from the governance tables and the survey's answers. */
typedef struct StoreReads {
    bool read;
    long cicc_num[SCORECARD_MAX_YEARS], cicc_den[SCORECARD_MAX_YEARS];
    bool cicc_available;
    SurveyTallies survey;
} StoreReads;

static int read_store(Store *store, const ScorecardRequest *req, StoreReads *r, Err *err)
{
    r->read = true;
    int rc = svc_gov_issues_by_year(store, req->year - req->years, req->years + 1, r->cicc_num,
                                    r->cicc_den, &r->cicc_available, err);
    return rc < 0 ? rc : svc_survey_tallies_in(store, &r->survey, err);
}

/* The history (from the snapshot or the store) and the store's other reads.
 * One connection for all of them: each connection SQLite opens reads the
 * whole schema first (3% of a ten-year scorecard's instructions when there
 * were three). The store is closed before the scorecard is computed, so
 * that the pages it mapped are not held meanwhile. */
static int read_data(const ServiceData *data, const ScorecardRequest *req, ScorecardResult *out,
                     Dataset **ds, StoreReads *reads, Err *err)
{
    if (!data->snapshot && !data->db_path) return err_set(err, ERR_USAGE, "no database was named");
    Store *store = NULL;
    int rc = data->db_path ? service_open_existing(data->db_path, &store, err) : 0;
    if (rc == 0) rc = history(data, store, req, out, ds, err);
    /* The governance tables and the survey are read whenever the database is
     * named, even beside a snapshot (a front end holding one names it too):
     * young people answer between imports. */
    if (rc == 0 && store) rc = read_store(store, req, reads, err);
    store_close(store);
    return rc;
}

static int build(const AppContext *ctx, const ScorecardRequest *req, Dataset *ds,
                 const StoreReads *reads, ScorecardResult *out, Err *err)
{
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
        .survey = &reads->survey,
    };
    if (reads->read) {
        opt.cicc_num = reads->cicc_num;
        opt.cicc_den = reads->cicc_den;
        opt.cicc_available = reads->cicc_available;
    }
    service_marked(ds, scorecard_reads, &out->marked);
    return scorecard_build(ds, ctx->catalogue, &opt, &out->card, err);
}

int svc_scorecard_run(const AppContext *ctx, const ServiceData *data, const ScorecardRequest *req,
                      const Actor *actor, ScorecardResult *out, Err *err)
{
    /* Published, the scorecard is always its part of the publication of its
     * year (docs/disclosure.md): never a publication of its own. */
    if (req->publish && !req->publication)
        return svc_publish_scorecard(ctx, data, req, actor, out, err);
    memset(out, 0, sizeof *out);
    Dataset *ds = NULL;
    StoreReads reads = {0};
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = context_require(ctx, CONTEXT_CALENDAR | CONTEXT_CATALOGUE, err);
    if (rc == 0) rc = check_request(req, err);
    if (rc == 0) rc = read_data(data, req, out, &ds, &reads, err);
    if (rc == 0)
        rc = places_derive(ds, req->postcodes, req->la,
                           date_collection_year_end(req->year - req->years),
                           date_collection_year_end(req->year), err);
    if (rc == 0) rc = build(ctx, req, ds, &reads, out, err);
    survey_tallies_free(&reads.survey);
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
