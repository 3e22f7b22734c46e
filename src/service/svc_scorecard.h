/* svc_scorecard: the Pledge scorecard use case — every indicator of the
 * context's catalogue measured for a collection year and the years before it
 * (service/scorecard.h builds it), with the placement indicators' postcode
 * fields derived from the ONS Postcode Directory when one is named
 * (service/places). */
#ifndef CAREPLEDGE_SVC_SCORECARD_H
#define CAREPLEDGE_SVC_SCORECARD_H

#include "service/context.h"
#include "service/scorecard.h"
#include "service/service.h"

typedef struct ScorecardRequest {
    int year;  /* end year: 2026 is 2025/26 */
    int years; /* previous years to show, 0..SCORECARD_MAX_YEARS - 1 */
    ScorecardBy by;
    bool publish;
    int threshold;         /* the largest count withheld when publishing */
    const char *postcodes; /* the ONS Postcode Directory, or NULL */
    const char *la;        /* the council's own upper-tier authority code, or NULL */
    int threads;           /* 0: one per processor; the figures never depend on it */
    /* With publish: the publication the figures join (service/svc_publish);
     * NULL: the publication of the year (svc_publish_scorecard). */
    struct Publication *publication;
    /* For publish with a publication: called after the layer of the figures of
     * every year and before the layer of a --by breakdown's groups, to add
     * more layers there (service/svc_publish adds the profile, so that its
     * marks do not depend on --by). NULL: nothing. */
    int (*before_groups)(void *arg, struct Publication *pub, Err *err);
    void *before_groups_arg;
} ScorecardRequest;

typedef struct ScorecardResult {
    Scorecard card;
    Dataset owned; /* the history loaded (or a snapshot's copy given places) */
    EpisodePlace *places_copy;
    bool borrowed; /* owned is a copy of a snapshot's header: its arrays are the snapshot's */
    ServiceMarked marked; /* marked values the indicators read as unknown (service.h) */
} ScorecardResult;

/* Builds the scorecard. Returns 0, ERR_USAGE (a request parameter out of
 * range, or la is not an upper-tier code: err->param names it), ERR_IO or
 * ERR_INPUT (the directory cannot be read) or a loading error. Free out with
 * svc_scorecard_free either way. */
int svc_scorecard_run(const AppContext *ctx, const ServiceData *data, const ScorecardRequest *req,
                      const Actor *actor, ScorecardResult *out, Err *err);
void svc_scorecard_free(ScorecardResult *r);

#endif
