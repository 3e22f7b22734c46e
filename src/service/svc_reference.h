/* svc_reference: the use cases over the context's reference data alone, which
 * read no database — the non-working days of the calendar between two dates
 * (svc_calendar_run), so that a user can check the calendar the due dates are
 * counted on, and the indicator catalogue of the Pledge (svc_indicators_run). */
#ifndef CAREPLEDGE_SVC_REFERENCE_H
#define CAREPLEDGE_SVC_REFERENCE_H

#include "service/context.h"
#include "service/service.h"

typedef struct CalendarRequest {
    Date from, to; /* both included */
    bool weekends; /* list every Saturday and Sunday too */
} CalendarRequest;

typedef struct CalendarDay {
    Date date;
    const char *name; /* the holiday's name (held by the context), or "weekend" */
} CalendarDay;

typedef struct CalendarResult {
    CalendarDay *days; /* the non-working days asked for, in date order */
    int n_days;
    int working_days; /* working days from `from` to `to`, both included */
} CalendarResult;

/* Returns 0, or ERR_USAGE (the period ends before it starts; err->param
 * "to"). Free out with svc_calendar_free either way. */
int svc_calendar_run(const AppContext *ctx, const CalendarRequest *req, const Actor *actor,
                     CalendarResult *out, Err *err);
void svc_calendar_free(CalendarResult *r);

typedef struct IndicatorsResult {
    const IndicatorCatalogue *catalogue; /* the context's */
    int n_computed, n_survey;            /* indicators of each kind */
} IndicatorsResult;

/* The catalogue the context was loaded with. Returns 0 or ERR_FORBIDDEN. */
int svc_indicators_run(const AppContext *ctx, const Actor *actor, IndicatorsResult *out, Err *err);

#endif
