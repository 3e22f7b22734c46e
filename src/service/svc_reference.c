/* svc_reference: see svc_reference.h. */
#include "service/svc_reference.h"

#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

int svc_calendar_run(const AppContext *ctx, const CalendarRequest *req, const Actor *actor,
                     CalendarResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = context_require(ctx, CONTEXT_CALENDAR, err);
    if (rc < 0) return rc;
    if (req->to < req->from) return service_invalid(err, "to", "is before the start of the period");
    const Calendar *cal = &ctx->calendar;
    out->working_days = calendar_working_days_between(cal, req->from - 1, req->to);
    int cap = 0;
    for (Date d = req->from; d <= req->to; d++) {
        if (calendar_is_working_day(cal, d)) continue;
        if (date_weekday(d) >= 5 && !req->weekends) continue;
        const char *name = calendar_holiday_name(cal, d);
        MEM_GROW(out->days, out->n_days, cap);
        out->days[out->n_days++] = (CalendarDay){d, name ? name : "weekend"};
    }
    return 0;
}

void svc_calendar_free(CalendarResult *r)
{
    free(r->days);
    memset(r, 0, sizeof *r);
}

int svc_indicators_run(const AppContext *ctx, const Actor *actor, IndicatorsResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = context_require(ctx, CONTEXT_CATALOGUE, err);
    if (rc < 0) return rc;
    out->catalogue = ctx->catalogue;
    for (int i = 0; i < ctx->catalogue->n_items; i++)
        ctx->catalogue->items[i].kind == INDICATOR_SURVEY ? out->n_survey++ : out->n_computed++;
    return 0;
}
