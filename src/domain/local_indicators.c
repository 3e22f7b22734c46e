/* local_indicators: see local_indicators.h and docs/scorecard.md. Reuses
 * domain/compliance (the replay of domain/due) for what was on time, and
 * domain/leaver for who is a care leaver; this module must not do I/O. */
#include "domain/local_indicators.h"

#include "domain/care.h"
#include "domain/compliance.h"
#include "domain/leaver.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

typedef enum LocalId {
    LOCAL_REVIEWS_ON_TIME,
    LOCAL_VISITS_ON_TIME,
    LOCAL_VISITS_IN_PERSON,
    LOCAL_CARE_PLANS,
    LOCAL_PATHWAY_PLANS,
    LOCAL_COUNT
} LocalId;

static const DfeIndicator indicators[LOCAL_COUNT] = {
    [LOCAL_REVIEWS_ON_TIME] = {"reviews_on_time", DFE_PERCENT, "%", 0},
    [LOCAL_VISITS_ON_TIME] = {"visits_on_time", DFE_PERCENT, "%", 0},
    [LOCAL_VISITS_IN_PERSON] = {"visits_in_person", DFE_PERCENT, "%", 0},
    [LOCAL_CARE_PLANS] = {"care_plans_in_place", DFE_PERCENT, "%", 0},
    [LOCAL_PATHWAY_PLANS] = {"care_leavers_pathway_plan_current", DFE_PERCENT, "%", 0},
};

/* The record template each indicator reads (its availability), or -1. */
static const int needs_record[LOCAL_COUNT] = {
    [LOCAL_REVIEWS_ON_TIME] = -1,
    [LOCAL_VISITS_ON_TIME] = RECORD_VISIT,
    [LOCAL_VISITS_IN_PERSON] = RECORD_VISIT,
    [LOCAL_CARE_PLANS] = RECORD_CARE_PLAN,
    [LOCAL_PATHWAY_PLANS] = RECORD_PATHWAY_PLAN,
};

static const char *const record_words[RECORD_KIND_COUNT] = {
    [RECORD_VISIT] = "social worker visit",
    [RECORD_CARE_PLAN] = "care plan",
    [RECORD_PATHWAY_PLAN] = "pathway plan",
};

static int find_index(const char *id)
{
    for (int i = 0; i < LOCAL_COUNT; i++)
        if (strcmp(indicators[i].id, id) == 0) return i;
    return -1;
}

const DfeIndicator *local_indicators_find(const char *id)
{
    int i = find_index(id);
    return i < 0 ? NULL : &indicators[i];
}

static bool has_record_kind(const Dataset *ds, int kind)
{
    for (int i = 0; i < ds->n_records; i++)
        if (ds->records[i].kind == kind) return true;
    return false;
}

/* A record of this kind dated in [from, to]. */
static bool record_between(const Dataset *ds, const Child *c, int kind, Date from, Date to)
{
    const CareRecord *r = child_records(ds, c);
    for (int i = 0; i < c->n_records; i++)
        if (r[i].kind == kind && r[i].date >= from && r[i].date <= to) return true;
    return false;
}

/* The days of a collection year the indicators read. */
typedef struct YearDays {
    Date from, to;   /* 1 April, 31 March */
    Date six_weeks;  /* 18 February: 42 days up to 31 March */
    Date six_months; /* 1 October */
} YearDays;

int local_indicators_tally_years(const Dataset *ds, const Calendar *cal, int first_year,
                                 int n_years, const char *const *ids, int n, LocalTallyYears fn,
                                 void *ctx, int *status, char (*reasons)[DFE_REASON_LEN])
{
    assert(n_years >= 1 && n_years <= LOCAL_MAX_YEARS);
    int run[LOCAL_COUNT], run_k[LOCAL_COUNT], n_run = 0;
    bool need_compliance = false, need_leavers = false;
    for (int k = 0; k < n; k++) {
        int i = find_index(ids[k]);
        reasons[k][0] = '\0';
        status[k] = i < 0 ? -1 : 1;
        if (i < 0) continue;
        if (needs_record[i] >= 0 && !has_record_kind(ds, needs_record[i])) {
            snprintf(reasons[k], DFE_REASON_LEN,
                     "no %s records in the database (import the record templates: "
                     "docs/templates.md)",
                     record_words[needs_record[i]]);
            status[k] = 0;
            continue;
        }
        assert(n_run < LOCAL_COUNT);
        run[n_run] = i;
        run_k[n_run++] = k;
        need_compliance |= i == LOCAL_REVIEWS_ON_TIME || i == LOCAL_VISITS_ON_TIME;
        need_leavers |= i == LOCAL_PATHWAY_PLANS;
    }
    if (!n_run) return 0;
    /* Only reviews and visits are followed: each item is replayed on its own
     * (compliance.h), so the others would cost time and change nothing. Each
     * child is replayed once for all the years it is counted in. */
    const unsigned followed = (1u << DUE_REVIEW) | (1u << DUE_VISIT);
    Compliance cm;
    compliance_init_years(&cm, first_year, n_years, cal, followed);
    YearDays days[LOCAL_MAX_YEARS];
    for (int y = 0; y < n_years; y++) {
        Date to = date_collection_year_end(first_year + y);
        days[y] = (YearDays){date_collection_year_start(first_year + y), to, to - 41,
                             date_add_months(to, -6) + 1};
    }
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        const Episode *on_31_march[LOCAL_MAX_YEARS]; /* full-time episode, or NULL */
        unsigned looked_after = 0;                   /* the years with one */
        /* Aged 16 to 21 on day d: b16 <= d < b22 (DATE_NONE: never). */
        Date b14 = DATE_NONE, b16 = DATE_NONE, b22 = DATE_NONE;
        if (need_leavers && c->dob != DATE_NONE) {
            b14 = date_birthday(c->dob, 14);
            b16 = date_birthday(c->dob, 16);
            b22 = date_birthday(c->dob, 22);
        }
        for (int y = 0; y < n_years; y++) {
            on_31_march[y] = care_full_time_episode_on(ds, c, days[y].to);
            if (on_31_march[y]) looked_after |= 1u << y;
        }
        if (looked_after && need_compliance) {
            memset(cm.years, 0, (size_t)n_years * sizeof *cm.years);
            compliance_add_child_years(&cm, ds, c, looked_after);
        }
        for (int y = 0; y < n_years; y++) {
            Date from = days[y].from, to = days[y].to;
            Date six_weeks = days[y].six_weeks, six_months = days[y].six_months;
            const Episode *now = on_31_march[y];
            bool counted = false, overdue[DUE_ITEM_COUNT] = {false};
            if (now && need_compliance) {
                counted = true;
                /* An item already overdue on 1 April was owed in the year and not
                 * done on time, though it fell due before the year began. */
                DueEntry owed[DUE_ITEM_COUNT];
                int n_owed = due_for_child_items(ds, c, from, cal, followed, owed);
                for (int k = 0; k < n_owed; k++)
                    if (owed[k].status == DUE_STATUS_OVERDUE) overdue[owed[k].item] = true;
            }
            LeaverCategory leaver = LEAVER_NONE;
            /* Eligible, relevant and former relevant all need 13 weeks
             * looked after since 14 by the day (leaver.h): without them,
             * leaver_category is not asked. */
            if (b16 != DATE_NONE && to >= b16 && to < b22 &&
                care_days_full_time(ds, c, b14, to + 1) >= LEAVER_PRESCRIBED_DAYS)
                leaver = leaver_category(ds, c, to, LEAVER_RULES_CURRENT);
            for (int r = 0; r < n_run; r++) {
                long num = 0, den = 0;
                switch ((LocalId)run[r]) {
                /* CPPCR reg 33 (reviews) and reg 28 (visits), as domain/due schedules
                 * them: none overdue on 1 April, and every one that fell due in the
                 * year done by its due date. */
                case LOCAL_REVIEWS_ON_TIME:
                case LOCAL_VISITS_ON_TIME: {
                    DueItem item = run[r] == LOCAL_REVIEWS_ON_TIME ? DUE_REVIEW : DUE_VISIT;
                    const ComplianceCount *cc = &cm.years[y][item];
                    if (!counted || (cc->fell_due == 0 && !overdue[item])) continue;
                    num = !overdue[item] && cc->on_time == cc->fell_due;
                    den = 1;
                    break;
                }
                case LOCAL_VISITS_IN_PERSON:
                    if (!now) continue;
                    num = record_between(ds, c, RECORD_VISIT, six_weeks, to);
                    den = 1;
                    break;
                /* CPPCR reg 4: a care plan before the first placement or within 10
                 * working days of it; the cohort has been looked after for 10.
                 * Not a child still on the interim care order the period began
                 * with: its s31A plan is due when the court directs (reg 4(2)). */
                case LOCAL_CARE_PLANS: {
                    if (!now) continue;
                    Date start = dfe_care_run_start(ds, c, to), order_end;
                    if (calendar_working_days_between(cal, start, to) < 10) continue;
                    if (care_started_on_interim_order(ds, c, start, to, &order_end) &&
                        order_end == DATE_NONE)
                        continue;
                    num = record_between(ds, c, RECORD_CARE_PLAN, DATE_NONE + 1, to);
                    den = 1;
                    break;
                }
                /* Pathway plans reviewed at least every 6 months (CPPCR reg 43,
                 * Care Leavers Regulations 2010 reg 7). */
                case LOCAL_PATHWAY_PLANS:
                    if (leaver != LEAVER_ELIGIBLE && leaver != LEAVER_RELEVANT &&
                        leaver != LEAVER_FORMER_RELEVANT)
                        continue;
                    num = record_between(ds, c, RECORD_PATHWAY_PLAN, six_months, to);
                    den = 1;
                    break;
                case LOCAL_COUNT: continue;
                }
                fn(ctx, y, run_k[r], c, num, den);
            }
        }
    }
    compliance_free(&cm);
    return 0;
}

typedef struct OneYear {
    DfeTallyMany fn;
    void *ctx;
} OneYear;

static void one_year(void *ctx, int y, int k, const Child *c, long num, long den)
{
    (void)y;
    OneYear *one = ctx;
    one->fn(one->ctx, k, c, num, den);
}

int local_indicators_tally_many(const Dataset *ds, const Calendar *cal, int year,
                                const char *const *ids, int n, DfeTallyMany fn, void *ctx,
                                int *status, char (*reasons)[DFE_REASON_LEN])
{
    OneYear one = {fn, ctx};
    return local_indicators_tally_years(ds, cal, year, 1, ids, n, one_year, &one, status, reasons);
}
