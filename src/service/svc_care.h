/* svc_care: the two use cases over the care history on a date — the list of
 * care leavers with their category (svc_leavers_run) and the strategy's
 * profile of children in care and care leavers (svc_profile_run), published
 * with small counts withheld when asked. They read episodes and OC3 only. */
#ifndef CAREPLEDGE_SVC_CARE_H
#define CAREPLEDGE_SVC_CARE_H

#include "domain/leaver.h"
#include "domain/profile.h"
#include "service/context.h"
#include "service/service.h"

/* The parts of the history both read (STORE_LOAD_*): the care history and OC3. */
extern const unsigned svc_care_parts;

typedef struct LeaversRequest {
    Date at;
    LeaverRules rules;
} LeaversRequest;

typedef struct LeaverRow {
    const char *child; /* the child's id, in the Dataset read */
    LeaverStatus status;
} LeaverRow;

typedef struct LeaversResult {
    LeaverRow *rows; /* every care leaver on the date, in child order */
    int n_rows;
    Dataset owned;        /* the history loaded for the request, when no snapshot was given */
    ServiceMarked marked; /* marked values read as unknown (service.h) */
} LeaversResult;

/* Lists the care leavers on req->at. Returns 0, or a negative code (result
 * empty). Free out with svc_leavers_free either way. */
int svc_leavers_run(const AppContext *ctx, const ServiceData *data, const LeaversRequest *req,
                    const Actor *actor, LeaversResult *out, Err *err);
void svc_leavers_free(LeaversResult *r);

typedef struct ProfileRequest {
    Date at;
    LeaverRules rules;
    bool publish;  /* withhold small counts (domain/disclosure) */
    int threshold; /* the largest count withheld, 1 to 100, when publishing */
} ProfileRequest;

typedef struct ProfileResult {
    ProfileRow rows[PROFILE_N_ROWS];
    bool withheld[PROFILE_N_ROWS]; /* all false unless publishing */
    ServiceMarked marked;          /* marked values read as unknown (service.h) */
} ProfileResult;

/* The profile on req->at. Returns 0, ERR_USAGE (threshold out of range, with
 * err->param "threshold") or a loading error. Holds nothing to free. */
int svc_profile_run(const AppContext *ctx, const ServiceData *data, const ProfileRequest *req,
                    const Actor *actor, ProfileResult *out, Err *err);

#endif
