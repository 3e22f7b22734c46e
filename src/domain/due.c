/* due: see due.h and docs/due.md.
 *
 * One function per item computes the next due date from the child's care
 * history and records; each names the rule it applied. Nothing allocates and
 * nothing reads files: the Calendar is built by the caller. */
#include "domain/due.h"

#include "domain/care.h"
#include "domain/codes.h"
#include "domain/leaver.h"

#include <string.h>

static const char *const item_names[DUE_ITEM_COUNT] = {
    [DUE_CARE_PLAN] = "care_plan",
    [DUE_REVIEW] = "review",
    [DUE_VISIT] = "visit",
    [DUE_HEALTH_ASSESSMENT] = "health_assessment",
    [DUE_DENTAL_CHECK] = "dental_check",
    [DUE_SDQ] = "sdq",
    [DUE_EDUCATION_PLAN] = "education_plan",
    [DUE_NEEDS_ASSESSMENT] = "needs_assessment",
    [DUE_PATHWAY_PLAN_REVIEW] = "pathway_plan_review",
    [DUE_PA_CONTACT] = "pa_contact",
};

const char *due_item_name(DueItem item)
{
    return item_names[item];
}

const char *due_status_name(DueStatus status)
{
    return status == DUE_STATUS_OVERDUE ? "overdue" : "due";
}

/* ---- The rules' texts ------------------------------------------------------ */

#define RULE_CARE_PLAN \
    "CPPCR 2010 reg 4(2): care plan within 10 working days of the start of the first placement"
#define RULE_CARE_PLAN_S31A                                                                    \
    "CA89 s31A and s31(3A); CPPCR 2010 reg 4(2): began on an interim care order, so the care " \
    "plan is due when the court directs, at the latest when the interim order ends"
#define RULE_REVIEW_FIRST \
    "CPPCR 2010 reg 33(1): first review within 20 working days of becoming looked after"
#define RULE_REVIEW_SECOND "CPPCR 2010 reg 33(2): second review within 3 months of the first"
#define RULE_REVIEW_LATER \
    "CPPCR 2010 reg 33(2): each later review within 6 months of the previous one"
#define RULE_VISIT_FIRST "CPPCR 2010 reg 28(2): visit within 1 week of the start of the placement"
#define RULE_VISIT_FIRST_YEAR \
    "CPPCR 2010 reg 28(2): visits at most 6 weeks apart in the first year of the placement"
#define RULE_VISIT_LONG_TERM                                                                   \
    "CPPCR 2010 reg 28(2): visits at most 3 months apart after the first year of a placement " \
    "meant to last until 18 (long-term fostering, PLACE U1/U4)"
#define RULE_VISIT_OTHER                                                                          \
    "CPPCR 2010 reg 28(2): visits at most 6 weeks apart after the first year of a placement not " \
    "meant to last until 18"
#define RULE_VISIT_ICO_FIRST                                                                       \
    "CPPCR 2010 reg 28(4): placed with a parent under an interim care order: visit within 1 week " \
    "of the placement"
#define RULE_VISIT_ICO_WEEKLY                                                                      \
    "CPPCR 2010 reg 28(4): placed with a parent under an interim care order: visits weekly until " \
    "the first review"
#define RULE_VISIT_ICO_AFTER                                                                    \
    "CPPCR 2010 reg 28(4): placed with a parent under an interim care order: visits at most 4 " \
    "weeks apart after the first review"
#define RULE_VISIT_CO_FIRST                                                                      \
    "CPPCR 2010 reg 28(5): placed with a parent under a care order: visit within 1 week of the " \
    "order"
#define RULE_VISIT_CO_AFTER \
    "CPPCR 2010 reg 28(5): placed with a parent under a care order: visits at most 6 weeks apart"
#define RULE_VISIT_REG19_FIRST                                                                    \
    "CPPCR 2010 reg 28(3): placed with a parent before the reg 19 assessment is complete: visit " \
    "within 1 week of the placement (or of the statement, if later)"
#define RULE_VISIT_REG19_WEEKLY                                                                    \
    "CPPCR 2010 reg 28(3): placed with a parent before the reg 19 assessment is complete: visits " \
    "at least weekly until the first review"
#define RULE_VISIT_REG19_AFTER                                                                     \
    "CPPCR 2010 reg 28(3): placed with a parent before the reg 19 assessment is complete: visits " \
    "at most 6 weeks apart after the first review"
#define RULE_VISIT_REG24_FIRST                                                                 \
    "CPPCR 2010 reg 28(4): placed with a connected person under temporary approval (reg 24): " \
    "visit within 1 week of the placement (or of the statement, if later)"
#define RULE_VISIT_REG24_WEEKLY                                                                \
    "CPPCR 2010 reg 28(4): placed with a connected person under temporary approval (reg 24): " \
    "visits at least weekly until the first review"
#define RULE_VISIT_REG24_AFTER                                                                 \
    "CPPCR 2010 reg 28(4): placed with a connected person under temporary approval (reg 24): " \
    "visits at most 4 weeks apart after the first review"
#define RULE_HEALTH_INITIAL                                                                   \
    "CPPCR 2010 reg 7: initial health assessment before the first review (20 working days), " \
    "unless one was done in the previous 3 months"
#define RULE_HEALTH_UNDER_5                                                              \
    "CPPCR 2010 reg 7: review health assessment at least once in every 6 months before " \
    "the 5th birthday (under age 5)"
#define RULE_HEALTH_FROM_5                                                                    \
    "CPPCR 2010 reg 7: review health assessment at least once in every 12 months from age 5 " \
    "(after the 5th birthday)"
#define RULE_DENTAL "DfE OC2 (teeth checked by a dentist): dental check every 12 months"
#define RULE_SDQ    "DfE OC2 (903 rules 186, 188, 189): carer SDQ every 12 months for ages 4 to 16"
#define RULE_PEP_INITIAL                                                                         \
    "CPPCR 2010 reg 5(b)(ii) and statutory guidance: personal education plan within 10 working " \
    "days of becoming looked after"
#define RULE_PEP_TERMLY                                                                      \
    "CPPCR 2010 reg 5(b)(ii) and statutory guidance: personal education plan reviewed each " \
    "school term"
#define RULE_NEEDS                                                                              \
    "CPPCR 2010 reg 42: needs assessment within 3 months of the 16th birthday, or of becoming " \
    "eligible after it"
#define RULE_NEEDS_REQUEST                                                                   \
    "CA89 s23CZB(4): needs assessment and pathway plan on a former relevant young person's " \
    "request (21 to 24); no time is set, so owed from the request (or the 21st birthday)"
#define RULE_PATHWAY \
    "Care Leavers (England) Regulations 2010 reg 7: pathway plan reviewed at least every 6 months"
#define RULE_PA                                                                                \
    "Care Leavers (England) Regulations 2010 reg 8: personal adviser visits at most 2 months " \
    "apart (a phone call, video call or message is not a visit)"

/* ---- Helpers ------------------------------------------------------------- */

typedef struct DueRun {
    const Dataset *ds;
    const Child *c;
    Date at;
    const Calendar *cal;
    DueEntry *out;
    int n;
} DueRun;

static void owe(DueRun *x, DueItem item, Date due, const char *rule)
{
    DueEntry *e = &x->out[x->n++];
    e->item = item;
    e->due = due;
    e->status = x->at > due ? DUE_STATUS_OVERDUE : DUE_STATUS_DUE;
    e->days_overdue = x->at > due ? (int)(x->at - due) : 0;
    e->rule = rule;
}

/* The latest record of a kind dated from `from` (DATE_NONE: any time) to the
 * run's date, or NULL. */
/* How many of the child's records are dated on or before the run's date
 * (records are sorted by date): a binary search. */
static int records_known(const DueRun *x)
{
    const CareRecord *recs = child_records(x->ds, x->c);
    int lo = 0, hi = x->c->n_records;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (recs[mid].date <= x->at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static const CareRecord *latest_record(const DueRun *x, RecordKind kind, Date from)
{
    const CareRecord *recs = child_records(x->ds, x->c);
    for (int i = records_known(x) - 1; i >= 0; i--) {
        if (from != DATE_NONE && recs[i].date < from) break;
        if (recs[i].kind == kind) return &recs[i];
    }
    return NULL;
}

static Date later(Date a, Date b)
{
    if (a == DATE_NONE) return b;
    if (b == DATE_NONE) return a;
    return a > b ? a : b;
}

/* ---- Where the child is in care ----------------------------------------- */

/* The full-time period of care open on the run's date (due.h). */
typedef DueSituation CareNow;

/* 903 RNE: every reason for a new episode except L (legal status only) starts
 * a new placement; an episode without RNE does when its PLACE differs. */
static bool starts_placement(const Episode *e, const Episode *prev)
{
    if (!prev) return true;
    if (e->rne[0]) return !code_is(e->rne, "L");
    return !code_is(e->place, prev->place);
}

static bool care_now(const DueRun *x, CareNow *now)
{
    const Episode *eps = child_episodes(x->ds, x->c);
    const Episode *cur = care_full_time_episode_on(x->ds, x->c, x->at);
    if (!cur) return false;
    int idx = (int)(cur - eps);
    /* Walk back over the full-time episodes that run into this one. */
    Date start = cur->decom;
    for (int j = idx - 1; j >= 0; j--) {
        const Episode *e = &eps[j];
        if (e->decom == DATE_NONE || care_is_short_break_ls(e->ls)) continue;
        if ((e->dec == DATE_NONE || e->dec >= start) && e->decom < start) start = e->decom;
    }
    Date prev_end = DATE_NONE;
    for (int j = 0; j < x->c->n_episodes; j++) {
        const Episode *e = &eps[j];
        if (e->decom == DATE_NONE || care_is_short_break_ls(e->ls) || e->dec == DATE_NONE) continue;
        if (e->dec < start) prev_end = later(prev_end, e->dec);
    }
    /* The latest episode of the period that started a placement. */
    Date placement = start;
    for (int j = idx; j >= 0; j--) {
        const Episode *e = &eps[j];
        if (e->decom == DATE_NONE || e->decom < start) break;
        if (care_is_short_break_ls(e->ls)) continue;
        const Episode *prev = NULL;
        for (int k = j - 1; k >= 0 && !prev; k--)
            if (eps[k].decom != DATE_NONE && !care_is_short_break_ls(eps[k].ls) &&
                eps[k].decom >= start)
                prev = &eps[k];
        if (starts_placement(e, prev)) {
            placement = e->decom;
            break;
        }
    }
    now->looked_after = true;
    now->start = start;
    now->previous_end = prev_end;
    now->placement_start = placement;
    now->placement_year = date_add_months(placement, 12);
    now->episode = cur;
    return true;
}

/* ---- Looked-after items --------------------------------------------------- */

/* CPPCR 2010 reg 4(2). A plan made in the 3 months before the child became
 * looked after (and after any previous period of care) counts: reg 4(1) asks
 * for it before the first placement where practicable.
 *
 * Reg 4(2) excepts "a child to whom section 31A applies": once a care order
 * is applied for, the plan is the s31A plan, due when the court directs, and
 * the court may not make a care order until it has considered one (CA89
 * s31(3A)). A period that begins on an interim care order (903 LS C1) is such
 * a case: no 10-working-day item while it stays C1; when the interim order
 * gives way to another legal status (the care order, or the proceedings
 * ending), the plan is due that day. */
static void rule_care_plan(DueRun *x, const CareNow *now)
{
    Date from = later(date_add_months(now->start, -3), now->previous_end);
    if (latest_record(x, RECORD_CARE_PLAN, from)) return;
    Date order_end;
    if (care_started_on_interim_order(x->ds, x->c, now->start, x->at, &order_end)) {
        if (order_end != DATE_NONE) owe(x, DUE_CARE_PLAN, order_end, RULE_CARE_PLAN_S31A);
        return;
    }
    owe(x, DUE_CARE_PLAN, calendar_add_working_days(x->cal, now->start, 10), RULE_CARE_PLAN);
}

/* CPPCR 2010 reg 33(1)-(2); the 903 Reviews dates count. */
static void rule_review(DueRun *x, const CareNow *now)
{
    const Review *rv = child_reviews(x->ds, x->c);
    int held = 0;
    Date last = DATE_NONE;
    for (int i = 0; i < x->c->n_reviews; i++) {
        if (rv[i].date == DATE_NONE || rv[i].date < now->start || rv[i].date > x->at) continue;
        held++;
        last = later(last, rv[i].date);
    }
    if (held == 0)
        owe(x, DUE_REVIEW, calendar_add_working_days(x->cal, now->start, 20), RULE_REVIEW_FIRST);
    else if (held == 1)
        owe(x, DUE_REVIEW, date_add_months(last, 3), RULE_REVIEW_SECOND);
    else
        owe(x, DUE_REVIEW, date_add_months(last, 6), RULE_REVIEW_LATER);
}

/* 903 PLACE U1 and U4 are the long-term fostering placements: the 903's mark
 * of a placement intended to last until the child is 18. The foster codes
 * before 2014/15 (F1-F6, Q1, Q2) did not record it: codes_current reads them
 * as U3/U6, never as long-term. */
static bool long_term_fostering(const Episode *e)
{
    const char *place = codes_current("PLACE", e->place);
    return code_is(place, "U1") || code_is(place, "U4");
}

/* The first 903 review held in the current period of care, or DATE_NONE. */
static Date first_review(const DueRun *x, const CareNow *now)
{
    const Review *rv = child_reviews(x->ds, x->c);
    for (int i = 0; i < x->c->n_reviews; i++)
        if (rv[i].date != DATE_NONE && rv[i].date >= now->start && rv[i].date <= x->at)
            return rv[i].date;
    return DATE_NONE;
}

/* The day the current run of full-time care order (LS C2) episodes began. */
static Date care_order_start(const DueRun *x, const CareNow *now)
{
    const Episode *eps = child_episodes(x->ds, x->c);
    Date start = now->episode->decom;
    for (int j = (int)(now->episode - eps) - 1; j >= 0; j--) {
        const Episode *e = &eps[j];
        if (e->decom == DATE_NONE || care_is_short_break_ls(e->ls)) continue;
        if (e->decom < now->start || e->dec != start || !code_is(e->ls, "C2")) break;
        start = e->decom;
    }
    return start;
}

/* One candidate due date for the next visit and the rule that sets it. */
typedef struct VisitDue {
    Date due;
    const char *rule;
} VisitDue;

/* Visits to a child placed with a parent (PLACE P1): under an interim care
 * order (LS C1) weekly until the first review, then 4-weekly (reg 28(4));
 * under a care order (C2) within a week of the order, then 6-weekly (reg
 * 28(5)). Returns false for any other placement. */
static bool visit_with_parent(const DueRun *x, const CareNow *now, VisitDue *out)
{
    const Episode *e = now->episode;
    if (!code_is(e->place, "P1")) return false;
    if (code_is(e->ls, "C1")) {
        const CareRecord *v = latest_record(x, RECORD_VISIT, now->placement_start);
        Date review = first_review(x, now);
        if (!v)
            *out = (VisitDue){now->placement_start + 7, RULE_VISIT_ICO_FIRST};
        else if (review == DATE_NONE || review > v->date)
            *out = (VisitDue){v->date + 7, RULE_VISIT_ICO_WEEKLY};
        else
            *out = (VisitDue){v->date + 28, RULE_VISIT_ICO_AFTER};
        return true;
    }
    if (code_is(e->ls, "C2")) {
        Date order = later(care_order_start(x, now), now->placement_start);
        const CareRecord *v = latest_record(x, RECORD_VISIT, order);
        if (!v)
            *out = (VisitDue){order + 7, RULE_VISIT_CO_FIRST};
        else
            *out = (VisitDue){v->date + 42, RULE_VISIT_CO_AFTER};
        return true;
    }
    return false;
}

/* The visit regime of the current placement on the run's date, from the
 * council's VisitRegimes statements (docs/templates.md): RECORD_REGIME_REG19
 * or RECORD_REGIME_REG24 with *from set to the day it took effect, or
 * RECORD_REGIME_STANDARD.
 *
 * A statement is about the placement the child is in on its date; one dated
 * on a day the child was not looked after full time (the placement decided
 * before the child came into care) is about the first placement of the period
 * that follows. So the statements read are those dated from the start of the
 * current placement, or, for the first placement of a period, from the end of
 * the previous period; a move starts a placement with no regime until a
 * statement says otherwise. The latest statement read decides; a regime
 * stated again without a change in between keeps its first date, and it takes
 * effect at the start of the placement at the earliest. */
static int visit_regime(const DueRun *x, const CareNow *now, Date *from)
{
    const CareRecord *recs = child_records(x->ds, x->c);
    Date lo = now->placement_start == now->start ? now->previous_end : now->placement_start;
    int regime = RECORD_UNKNOWN;
    Date start = DATE_NONE;
    for (int i = records_known(x) - 1; i >= 0; i--) {
        const CareRecord *r = &recs[i];
        if (lo != DATE_NONE && r->date < lo) break;
        if (r->kind != RECORD_VISIT_REGIME) continue;
        if (regime == RECORD_UNKNOWN) {
            if (r->subtype != RECORD_REGIME_REG19 && r->subtype != RECORD_REGIME_REG24)
                return RECORD_REGIME_STANDARD;
            regime = r->subtype;
        } else if (r->subtype != regime) {
            break;
        }
        start = r->date;
    }
    if (regime == RECORD_UNKNOWN) return RECORD_REGIME_STANDARD;
    *from = later(start, now->placement_start);
    return regime;
}

/* CPPCR 2010 reg 28(3) (reg 19: placed with a parent before the assessment of
 * reg 17 is complete) and reg 28(4) (reg 24: a connected person approved as a
 * foster parent for a temporary period): "at least once a week until the
 * first review carried out in accordance with Part 6, and thereafter at
 * intervals of not more than" six weeks (28(3)) or four weeks (28(4)). The
 * first review is that of the period of care (reg 33), as for the interim
 * care order; the first visit is due within a week of the regime's start
 * (the placement, or the statement when it is dated later). Only visits since
 * the regime's start count. */
static VisitDue visit_under_regime(const DueRun *x, const CareNow *now, int regime, Date from)
{
    bool reg19 = regime == RECORD_REGIME_REG19;
    const CareRecord *v = latest_record(x, RECORD_VISIT, from);
    Date review = first_review(x, now);
    if (!v) return (VisitDue){from + 7, reg19 ? RULE_VISIT_REG19_FIRST : RULE_VISIT_REG24_FIRST};
    if (review == DATE_NONE || review > v->date)
        return (VisitDue){v->date + 7, reg19 ? RULE_VISIT_REG19_WEEKLY : RULE_VISIT_REG24_WEEKLY};
    return (VisitDue){v->date + (reg19 ? 42 : 28),
                      reg19 ? RULE_VISIT_REG19_AFTER : RULE_VISIT_REG24_AFTER};
}

/* CPPCR 2010 reg 28(2): within a week of the start of the placement, then
 * "at intervals of not more than six weeks for the first year", "thereafter"
 * 3-monthly when it is meant to last until 18 (else 6-weekly). The six-week
 * rule governs the first year only: when six weeks after the last visit fall
 * after the first year has ended, the interval that applies thereafter sets
 * the date (placement 01/01/2024 meant to last until 18, visited 20/12/2024:
 * due 20/03/2025, not 31/01/2025). */
static VisitDue visit_standard(const DueRun *x, const CareNow *now)
{
    const CareRecord *v = latest_record(x, RECORD_VISIT, now->placement_start);
    if (!v) return (VisitDue){now->placement_start + 7, RULE_VISIT_FIRST};
    if (v->date + 42 < now->placement_year) return (VisitDue){v->date + 42, RULE_VISIT_FIRST_YEAR};
    if (long_term_fostering(now->episode))
        return (VisitDue){date_add_months(v->date, 3), RULE_VISIT_LONG_TERM};
    return (VisitDue){v->date + 42, RULE_VISIT_OTHER};
}

/* CPPCR 2010 reg 28. Reg 28(2) is "subject to paragraphs (3) to (6)": a
 * placement under reg 19 or reg 24 (the council's statement), or with a
 * parent under an interim care order or a care order (the 903), follows its
 * own paragraph instead; when two paragraphs apply (placed with a parent under
 * an interim care order before the reg 19 assessment is complete), the visit
 * is due on the earlier of their dates. Only visits since the current
 * placement started count: a move restarts the clock. */
static void rule_visit(DueRun *x, const CareNow *now)
{
    Date from = DATE_NONE;
    int regime = now->no_visit_regimes ? RECORD_REGIME_STANDARD : visit_regime(x, now, &from);
    VisitDue due = {DATE_NONE, NULL}, parent;
    if (regime != RECORD_REGIME_STANDARD) due = visit_under_regime(x, now, regime, from);
    if (visit_with_parent(x, now, &parent)) {
        if (due.rule == NULL || parent.due < due.due) due = parent;
    } else if (due.rule == NULL) {
        due = visit_standard(x, now);
    }
    owe(x, DUE_VISIT, due.due, due.rule);
}

/* CPPCR 2010 reg 7: the child's health is reviewed "at least once in every
 * period of six months before C's fifth birthday" and "at least once in every
 * period of twelve months after" it. The six-month rule governs only the time
 * before the 5th birthday: a six-month deadline that would fall on or after
 * the birthday is not owed, and the next review is due within twelve months
 * of the last instead (assessed at 4 years 8 months: due at 5 years 8 months,
 * not 5 years 2 months). Unknown DOB: 6 months, the stricter rule. */
static void rule_health(DueRun *x, const CareNow *now)
{
    const CareRecord *h =
        latest_record(x, RECORD_HEALTH_ASSESSMENT, date_add_months(now->start, -3));
    if (!h) {
        owe(x, DUE_HEALTH_ASSESSMENT, calendar_add_working_days(x->cal, now->start, 20),
            RULE_HEALTH_INITIAL);
        return;
    }
    Date six = date_add_months(h->date, 6);
    if (x->c->dob == DATE_NONE || six < date_birthday(x->c->dob, 5))
        owe(x, DUE_HEALTH_ASSESSMENT, six, RULE_HEALTH_UNDER_5);
    else
        owe(x, DUE_HEALTH_ASSESSMENT, date_add_months(h->date, 12), RULE_HEALTH_FROM_5);
}

/* Yearly from the last check in this period of care, or from its start. */
static void rule_dental(DueRun *x, const CareNow *now)
{
    const CareRecord *d = latest_record(x, RECORD_DENTAL_CHECK, now->start);
    owe(x, DUE_DENTAL_CHECK, date_add_months(d ? d->date : now->start, 12), RULE_DENTAL);
}

/* Yearly, for ages 4 to 16 inclusive on the due date: never before the 4th
 * birthday, not owed once it would fall on or after the 17th. */
static void rule_sdq(DueRun *x, const CareNow *now)
{
    if (x->c->dob == DATE_NONE) return;
    const CareRecord *s = latest_record(x, RECORD_SDQ, now->start);
    Date due = later(date_add_months(s ? s->date : now->start, 12), date_birthday(x->c->dob, 4));
    if (due >= date_birthday(x->c->dob, 17)) return;
    owe(x, DUE_SDQ, due, RULE_SDQ);
}

/* The end of the school term after the one date d falls in. Terms are taken
 * as autumn 1 Sep-31 Dec, spring 1 Jan-31 Mar, summer 1 Apr-31 Aug (the
 * holiday counted with summer); councils' own term dates differ by days. */
static Date end_of_next_term(Date d)
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    if (m >= 9) return date_from_ymd(y + 1, 3, 31);
    if (m <= 3) return date_from_ymd(y, 7, 31);
    return date_from_ymd(y, 12, 31);
}

/* Compulsory school age, taken as 5 to 15 on the due date. */
static bool school_age_on(const Child *c, Date d)
{
    if (c->dob == DATE_NONE) return false;
    int age = date_age_on(c->dob, d);
    return age >= 5 && age < 16;
}

static void rule_pep(DueRun *x, const CareNow *now)
{
    const CareRecord *p = latest_record(x, RECORD_PEP, now->start);
    Date due = p ? end_of_next_term(p->date) : calendar_add_working_days(x->cal, now->start, 10);
    if (!school_age_on(x->c, due)) return;
    owe(x, DUE_EDUCATION_PLAN, due, p ? RULE_PEP_TERMLY : RULE_PEP_INITIAL);
}

/* ---- Care-leaver items ---------------------------------------------------- */

/* The day an eligible child became eligible (CPPCR 2010 reg 40): the 16th
 * birthday, or the day the 13 weeks looked after since 14 were completed when
 * that is later. */
static Date eligible_from(const DueRun *x)
{
    Date b14 = date_birthday(x->c->dob, 14), b16 = date_birthday(x->c->dob, 16);
    Date lo = b14, hi = x->at;
    if (hi < lo || care_days_full_time(x->ds, x->c, b14, hi + 1) < (long)LEAVER_PRESCRIBED_DAYS)
        return b16;
    while (lo < hi) { /* the first day d with 91 days looked after in [b14, d] */
        Date mid = lo + (hi - lo) / 2;
        if (care_days_full_time(x->ds, x->c, b14, mid + 1) >= (long)LEAVER_PRESCRIBED_DAYS)
            hi = mid;
        else
            lo = mid + 1;
    }
    return later(b16, lo);
}

/* CPPCR 2010 reg 42. An assessment started up to 3 months ahead counts. */
static void rule_needs(DueRun *x)
{
    Date from = eligible_from(x);
    if (latest_record(x, RECORD_NEEDS_ASSESSMENT, date_add_months(from, -3))) return;
    owe(x, DUE_NEEDS_ASSESSMENT, date_add_months(from, 3), RULE_NEEDS);
}

/* CA89 s23CZB(4)(a): an assessment of the needs of a former relevant young
 * person who has asked for advice and support. The Act sets no time, so the
 * item is due from the request, or from the 21st birthday for a request made
 * before it (leaver.c, stands_on_request); only an assessment made since the
 * request does it. */
static void rule_needs_on_request(DueRun *x, Date asked)
{
    if (latest_record(x, RECORD_NEEDS_ASSESSMENT, asked)) return;
    owe(x, DUE_NEEDS_ASSESSMENT, later(asked, date_birthday(x->c->dob, 21)), RULE_NEEDS_REQUEST);
}

/* Six-monthly from the last plan or review, once there is a plan: preparing
 * the first plan has no fixed timescale in the regulations we hold. */
static void rule_pathway(DueRun *x, Date since)
{
    const CareRecord *p = latest_record(x, RECORD_PATHWAY_PLAN, since);
    if (p) owe(x, DUE_PATHWAY_PLAN_REVIEW, date_add_months(p->date, 6), RULE_PATHWAY);
}

/* Care Leavers (England) Regulations 2010 reg 8(2): where the authority
 * provides the relevant or former relevant young person's accommodation
 * (CA89 s23B, s24B), the personal adviser must *visit* there within 7 days of
 * it first being provided, before each pathway plan review (reg 7), and at
 * intervals of not more than two months. The records show neither who
 * provides the accommodation nor moves, so the two-monthly visit is owed to
 * every relevant and former relevant young person, and the 7-day visit is not
 * (two-monthly visits always fall before a six-monthly review). Only PA
 * contacts recorded as visits count (PA_CONTACT_TYPE visit, docs/templates.md);
 * telephone, video and messages keep in touch but do not visit. Due two
 * months after the last visit, or after the day the young person stopped
 * being looked after. */
static void rule_pa_contact(DueRun *x)
{
    const CareRecord *recs = child_records(x->ds, x->c);
    Date base = DATE_NONE;
    for (int i = records_known(x) - 1; i >= 0 && base == DATE_NONE; i--)
        if (recs[i].kind == RECORD_PA_CONTACT && recs[i].subtype == RECORD_CONTACT_VISIT)
            base = recs[i].date;
    if (base == DATE_NONE) {
        const Episode *eps = child_episodes(x->ds, x->c);
        for (int i = 0; i < x->c->n_episodes; i++)
            if (!care_is_short_break_ls(eps[i].ls) && eps[i].dec != DATE_NONE &&
                eps[i].dec <= x->at)
                base = later(base, eps[i].dec);
    }
    if (base != DATE_NONE) owe(x, DUE_PA_CONTACT, date_add_months(base, 2), RULE_PA);
}

/* ---- The worklist ------------------------------------------------------- */

static void sort_entries(DueEntry *e, int n)
{
    for (int i = 1; i < n; i++) {
        DueEntry v = e[i];
        int j = i;
        while (j > 0 &&
               (e[j - 1].due > v.due || (e[j - 1].due == v.due && e[j - 1].item > v.item))) {
            e[j] = e[j - 1];
            j--;
        }
        e[j] = v;
    }
}

#define BIT(item) (1u << (item))
#define LOOKED_AFTER_ITEMS                                                                \
    (BIT(DUE_CARE_PLAN) | BIT(DUE_REVIEW) | BIT(DUE_VISIT) | BIT(DUE_HEALTH_ASSESSMENT) | \
     BIT(DUE_DENTAL_CHECK) | BIT(DUE_SDQ) | BIT(DUE_EDUCATION_PLAN))
#define LEAVER_ITEMS \
    (BIT(DUE_NEEDS_ASSESSMENT) | BIT(DUE_PATHWAY_PLAN_REVIEW) | BIT(DUE_PA_CONTACT))

/* The care-leaver items by category (due.h). */
static void rules_leaver(DueRun *x, int cat, unsigned items)
{
    if (cat == LEAVER_ELIGIBLE && (items & BIT(DUE_NEEDS_ASSESSMENT))) rule_needs(x);
    if ((cat == LEAVER_ELIGIBLE || cat == LEAVER_RELEVANT || cat == LEAVER_FORMER_RELEVANT) &&
        (items & BIT(DUE_PATHWAY_PLAN_REVIEW)))
        rule_pathway(x, date_birthday(x->c->dob, 14));
    if ((cat == LEAVER_RELEVANT || cat == LEAVER_FORMER_RELEVANT) && (items & BIT(DUE_PA_CONTACT)))
        rule_pa_contact(x);
}

/* A former relevant young person of 21 to 24 owed support on request (CA89
 * s23CZB(3)-(4)): the assessment, and reviews of a pathway plan made since the
 * request (CLR 2010 reg 7, six-monthly, as for every pathway plan). Not the
 * two-monthly visit of CLR reg 8, which belongs with the accommodation duties
 * of s23B and s24B: under s23CZB the personal adviser gives advice and support
 * as the plan sets out (the statutory guidance on extending personal adviser
 * support leaves the frequency of contact to the young person's needs). */
static void rules_on_request(DueRun *x, Date asked, unsigned items)
{
    if (items & BIT(DUE_NEEDS_ASSESSMENT)) rule_needs_on_request(x, asked);
    if (items & BIT(DUE_PATHWAY_PLAN_REVIEW)) rule_pathway(x, asked);
}

/* Sets the care-leaver category and request of `out` on `at`. Every
 * category starts at 16 (leaver.h), so younger children are not asked about. */
static void leaver_now(const Dataset *ds, const Child *c, Date at, unsigned items,
                       DueSituation *out)
{
    out->leaver = LEAVER_NONE;
    out->leaver_request = DATE_NONE;
    if ((items & LEAVER_ITEMS) && c->dob != DATE_NONE && at >= date_birthday(c->dob, 16))
        out->leaver =
            (int)leaver_category_request(ds, c, at, LEAVER_RULES_CURRENT, &out->leaver_request);
}

void due_situation_items(const Dataset *ds, const Child *c, Date at, unsigned items,
                         DueSituation *out)
{
    DueRun x = {ds, c, at, NULL, NULL, 0};
    memset(out, 0, sizeof *out);
    if ((items & LOOKED_AFTER_ITEMS) && !care_now(&x, out)) out->looked_after = false;
    leaver_now(ds, c, at, items, out);
}

void due_situation(const Dataset *ds, const Child *c, Date at, DueSituation *out)
{
    due_situation_items(ds, c, at, DUE_ALL_ITEMS, out);
}

int due_for_child_in(const Dataset *ds, const Child *c, Date at, const Calendar *cal,
                     const DueSituation *now, unsigned items, DueEntry out[DUE_ITEM_COUNT])
{
    DueRun x = {ds, c, at, cal, out, 0};
    if ((items & LOOKED_AFTER_ITEMS) && now->looked_after) {
        if (items & BIT(DUE_CARE_PLAN)) rule_care_plan(&x, now);
        if (items & BIT(DUE_REVIEW)) rule_review(&x, now);
        if (items & BIT(DUE_VISIT)) rule_visit(&x, now);
        if (items & BIT(DUE_HEALTH_ASSESSMENT)) rule_health(&x, now);
        if (items & BIT(DUE_DENTAL_CHECK)) rule_dental(&x, now);
        if (items & BIT(DUE_SDQ)) rule_sdq(&x, now);
        if (items & BIT(DUE_EDUCATION_PLAN)) rule_pep(&x, now);
    }
    if (now->leaver == LEAVER_FORMER_RELEVANT && now->leaver_request != DATE_NONE)
        rules_on_request(&x, now->leaver_request, items);
    else
        rules_leaver(&x, now->leaver, items);
    sort_entries(out, x.n);
    return x.n;
}

int due_for_child_items(const Dataset *ds, const Child *c, Date at, const Calendar *cal,
                        unsigned items, DueEntry out[DUE_ITEM_COUNT])
{
    DueSituation now;
    memset(&now, 0, sizeof now);
    DueRun x = {ds, c, at, cal, out, 0};
    if (items & LOOKED_AFTER_ITEMS) care_now(&x, &now);
    leaver_now(ds, c, at, items, &now);
    return due_for_child_in(ds, c, at, cal, &now, items, out);
}

int due_for_child(const Dataset *ds, const Child *c, Date at, const Calendar *cal,
                  DueEntry out[DUE_ITEM_COUNT])
{
    return due_for_child_items(ds, c, at, cal, DUE_ALL_ITEMS, out);
}
