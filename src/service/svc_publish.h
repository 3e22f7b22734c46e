/* svc_publish: one publication of a date, protected as a whole (issue 17):
 * the scorecard of a collection year (with its trend and any --by breakdown)
 * and the profile on 31 March of the year (or on profile_at), their counts in
 * one domain/publication, in layers: the scorecard's figures of every year,
 * then the profile (a row that is a count the scorecard shows is shown, one it
 * withholds is withheld), then a --by breakdown's groups. `scorecard
 * --publish` and `profile --publish` (svc_scorecard_run and svc_profile_run
 * with publish, from every front end) print their part of this publication,
 * so any two outputs of one date agree. The publication is left open: a
 * caller with more outputs of the same date (the quarterly pack's sections)
 * adds them as further layers (publication_table, publication_layer) before
 * svc_publish_free. docs/disclosure.md says what is protected. */
#ifndef CAREPLEDGE_SVC_PUBLISH_H
#define CAREPLEDGE_SVC_PUBLISH_H

#include "domain/publication.h"
#include "service/svc_care.h"
#include "service/svc_scorecard.h"

typedef struct PublishRequest {
    int year;  /* end year: 2026 is 2025/26, the profile on 31 March 2026 */
    int years; /* the scorecard's previous years, 0..SCORECARD_MAX_YEARS - 1 */
    ScorecardBy by;
    int threshold; /* the largest count withheld, 1 to 100 */
    LeaverRules rules;
    const char *postcodes, *la; /* as for the scorecard; NULL: not given */
    int threads;
    /* The profile's date, when not the year's 31 March (the quarterly pack's
     * quarter end); 0, as left out: 31 March of year. A profile of another
     * date shares no cohort with the scorecard's denominators. */
    Date profile_at;
} PublishRequest;

typedef struct PublishResult {
    ScorecardResult scorecard;
    ProfileResult profile;
    Publication publication; /* every count above; more layers may follow */
    int key; /* the year's cohorts: the scorecard's denominators (publication_same_as) */
    /* The history loaded once for both outputs when no snapshot was given. */
    Dataset history;
} PublishResult;

/* Builds both outputs protected as one. Returns 0, or what svc_scorecard_run
 * and svc_profile_run return, or ERR_INPUT when a count cannot be protected.
 * Free out with svc_publish_free either way. */
int svc_publish_run(const AppContext *ctx, const ServiceData *data, const PublishRequest *req,
                    const Actor *actor, PublishResult *out, Err *err);
void svc_publish_free(PublishResult *r);

/* `scorecard --publish`: the scorecard of the publication of req->year with
 * req's options (the profile on 31 March, rules of today). Free out with
 * svc_scorecard_free either way. */
int svc_publish_scorecard(const AppContext *ctx, const ServiceData *data,
                          const ScorecardRequest *req, const Actor *actor, ScorecardResult *out,
                          Err *err);

/* `profile --publish`: on 31 March of a year, the profile of that year's
 * publication; on any other date, the profile protected alone, which is its
 * layer in any publication (linked to no other count). */
int svc_publish_profile(const AppContext *ctx, const ServiceData *data, const ProfileRequest *req,
                        const Actor *actor, ProfileResult *out, Err *err);

#endif
