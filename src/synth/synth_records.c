/* synth_records: see synth_records.h. The rhythms follow docs/due.md (the
 * rules src/domain/due.c checks), with calendar days standing in for working
 * days: 10 working days are never fewer than 14 calendar days, 20 never fewer
 * than 28, so a record drawn "on time" against the calendar-day deadline is on
 * time against the working-day one too. Records avoid weekends. */
#include "synth/synth_records.h"

#include "base/mem.h"
#include "synth/synth_era.h"
#include "synth/synth_rng.h"

#include <stdio.h>
#include <string.h>

/* Stream purposes, mixed into the period's (or the child's) seed; distinct
 * from those of synth_write.c so that no 903 table's stream is shared. */
enum {
    STREAM_VISITS = 0x21,
    STREAM_CARE_PLANS,
    STREAM_HEALTH,
    STREAM_DENTAL,
    STREAM_SDQ,
    STREAM_PEPS,
    STREAM_LEAVER_NEEDS,
    STREAM_LEAVER_PATHWAY,
    STREAM_LEAVER_PA,
    STREAM_REGIMES,
};

static Date max_date(Date a, Date b)
{
    return a > b ? a : b;
}

static uint64_t period_stream(const SynthWorld *w, const SynthChild *c, Date start, int purpose)
{
    return synth_mix(synth_mix(w->seed, c->seed),
                     ((uint64_t)(uint32_t)start << 8) | (uint64_t)purpose);
}

static uint64_t child_stream(const SynthWorld *w, const SynthChild *c, int purpose)
{
    return synth_mix(synth_mix(w->seed, c->seed), (uint64_t)purpose);
}

static void add(SynthRecords *out, int table, Date d, const char *value)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 256;
        out->items = xrealloc(out->items, (size_t)out->cap * sizeof *out->items);
    }
    SynthRecord *r = &out->items[out->n++];
    r->date = d;
    r->table = (uint8_t)table;
    snprintf(r->value, sizeof r->value, "%s", value);
}

/* How punctual a duty is, in parts per thousand: done on time (a few days
 * early), late by 1 to 7 days, late by 8 to 42 days, not done at all. */
typedef struct Punctuality {
    int w[4];
} Punctuality;

static const Punctuality P_VISIT = {{800, 110, 65, 25}};
static const Punctuality P_CARE_PLAN = {{780, 110, 90, 20}};
static const Punctuality P_HEALTH = {{740, 90, 120, 50}};
static const Punctuality P_DENTAL = {{650, 80, 170, 100}};
static const Punctuality P_SDQ = {{700, 60, 140, 100}};
static const Punctuality P_PEP = {{760, 70, 110, 60}};
static const Punctuality P_NEEDS = {{650, 100, 150, 100}};
static const Punctuality P_PATHWAY = {{720, 100, 120, 60}};
static const Punctuality P_PA = {{740, 120, 100, 40}};

/* A weekday near d, not before lo: Saturday and Sunday move back to Friday,
 * or on to Monday when Friday is before lo. */
static Date weekday_near(Date d, Date lo)
{
    int wd = date_weekday(d);
    if (wd == 5) return d - 1 >= lo ? d - 1 : d + 2;
    if (wd == 6) return d - 2 >= lo ? d - 2 : d + 1;
    return d;
}

/* The day a duty due on `due` is done: on time up to `early` days ahead, or
 * late, never before lo; DATE_NONE when it is not done. Always makes the same
 * draws, so later duties do not depend on which branch was taken. */
static Date done_by(SynthRng *r, Date due, int early, Date lo, const Punctuality *p)
{
    int k = synth_rng_weighted(r, p->w, 4);
    int early_days = synth_rng_range(r, 0, early);
    int late_days = k == 1 ? synth_rng_range(r, 1, 7) : synth_rng_range(r, 8, 42);
    if (k == 3) return DATE_NONE;
    Date d = k == 0 ? due - early_days : due + late_days;
    return weekday_near(max_date(d, lo), lo);
}

/* ------------------------------------------------------------- visits */

static const SynthEpisode *episode_on(const SynthEpisode *eps, const SynthCarePeriod *p, Date d)
{
    const SynthEpisode *e = &eps[p->first];
    for (int i = p->first; i < p->first + p->n; i++)
        if (eps[i].decom <= d) e = &eps[i];
    return e;
}

/* The visit regime a placement starts under (docs/templates.md,
 * VisitRegimes): none, or reg 19 / reg 24 from its start until the day the
 * assessment is complete or the carer fully approved (end, DATE_NONE when the
 * placement ends first). */
typedef struct SynthRegime {
    int kind; /* 0 = none, else TREC word index: 1 = reg 19, 2 = reg 24 */
    Date end;
} SynthRegime;

/* When the visit after one on date d is due, in the placement that started
 * on ps (CPPCR 2010 reg 28(2), (3), (4), (5)); when two paragraphs apply, the
 * earlier date. */
static Date next_visit(const SynthWorld *w, const SynthEpisode *eps, const SynthCarePeriod *p,
                       Date ps, const SynthRegime *rg, Date d)
{
    const SynthEpisode *e = episode_on(eps, p, d);
    /* Long-term fostering lengthens the interval only where the return that
     * carries the placement can say so: the 903's foster codes before U1-U6
     * did not, and a council works to what its record shows. */
    bool long_term = (e->place == SC_PL_U1 || e->place == SC_PL_U4) &&
                     synth_era_records_long_term(e->dec, w->to_year);
    bool reviewed = p->n_reviews > 0 && p->reviews[0] <= d;
    Date due;
    if (e->place == SC_PL_P1 && e->ls == SC_LS_C1) {
        due = d + (reviewed ? 28 : 7);
    } else if (e->place == SC_PL_P1 && e->ls == SC_LS_C2) {
        due = d + 42;
    } else if (d < date_add_months(ps, 12)) {
        due = d + 42;
    } else if (long_term) {
        due = date_add_months(d, 3);
    } else {
        due = d + 42;
    }
    /* Reg 28(3) (reg 19) and 28(4) (reg 24): weekly until the first review,
     * then 6- or 4-weekly, while the regime lasts. */
    if (rg->kind && (rg->end == DATE_NONE || d < rg->end)) {
        Date r = d + (reviewed ? (rg->kind == 1 ? 42 : 28) : 7);
        if (e->place == SC_PL_P1 && (e->ls == SC_LS_C1 || e->ls == SC_LS_C2))
            due = r < due ? r : due;
        else
            due = r;
    }
    /* A care order made while placed with a parent: a visit within a week. */
    for (int i = p->first + 1; i < p->first + p->n; i++) {
        const SynthEpisode *x = &eps[i];
        if (x->decom > d && x->decom < due && x->place == SC_PL_P1 && x->ls == SC_LS_C2 &&
            eps[i - 1].ls != SC_LS_C2) {
            due = x->decom + 7 < due ? x->decom + 7 : due;
            break;
        }
    }
    return due;
}

/* Whether the child is looked after full time on day d. */
static bool in_care_on(const SynthChild *c, const SynthEpisode *eps, Date d)
{
    for (int i = 0; i < c->n_ep; i++)
        if (!synth_is_short_break(eps[i].ls) && eps[i].decom <= d && eps[i].dec > d) return true;
    return false;
}

/* Some placements with a parent start before the assessment is complete
 * (CPPCR 2010 reg 19), and many with a relative or friend (PLACE U1-U3) under
 * a connected person's temporary approval (reg 24, up to 16 weeks, extended
 * by up to 8). The council states the regime on the day of the placement (a
 * few, when the placement starts a period of care, on a day or three before:
 * the decision was made before the child came into care) and states
 * `standard` on the day the assessment is complete or the carer approved,
 * when that is before the placement ends. Own stream; the draws are the same
 * whatever the branch. */
static SynthRegime regime_of_placement(const SynthWorld *w, const SynthChild *c,
                                       const SynthEpisode *eps, const SynthEpisode *e, Date ps,
                                       Date pe, Date until, SynthRecords *out)
{
    SynthRng r;
    synth_rng_seed(&r, period_stream(w, c, ps, STREAM_REGIMES));
    int chance = synth_rng_range(&r, 0, 999);
    int weeks19 = synth_rng_range(&r, 4, 16), weeks24 = synth_rng_range(&r, 8, 24);
    int before = synth_rng_chance(&r, 0.2) ? synth_rng_range(&r, 1, 3) : 0;
    SynthRegime rg = {0, DATE_NONE};
    if (e->place == SC_PL_P1 && chance < 350)
        rg.kind = 1;
    else if ((e->place == SC_PL_U1 && chance < 150) || (e->place == SC_PL_U2 && chance < 100) ||
             (e->place == SC_PL_U3 && chance < 550))
        rg.kind = 2;
    if (!rg.kind) return rg;
    Date said = ps;
    if (before && !in_care_on(c, eps, ps - 1) && !in_care_on(c, eps, ps - before))
        said = ps - before;
    Date end = ps + 7 * (rg.kind == 1 ? weeks19 : weeks24);
    end = weekday_near(end, ps + 1);
    if (said <= until)
        add(out, TREC_VISIT_REGIMES, said,
            rg.kind == 1 ? "reg19_assessment_pending" : "reg24_temporary_approval");
    if (end < pe) {
        rg.end = end;
        if (end <= until) add(out, TREC_VISIT_REGIMES, end, "standard");
    }
    return rg;
}

static int visit_early(int interval)
{
    return interval <= 7 ? 2 : interval <= 28 ? 6 : interval <= 42 ? 10 : 20;
}

static void visits_in_placement(const SynthWorld *w, const SynthChild *c, const SynthEpisode *eps,
                                const SynthCarePeriod *p, const SynthRegime *rg, Date ps, Date pe,
                                Date until, SynthRecords *out)
{
    SynthRng r;
    synth_rng_seed(&r, period_stream(w, c, ps, STREAM_VISITS));
    Date due = ps + 7, lo = ps;
    int interval = 7;
    for (int k = 0; k < 5000; k++) {
        Date d = done_by(&r, due, visit_early(interval), lo, &P_VISIT);
        bool alone =
            date_age_on(c->dob, due) >= 4 ? synth_rng_chance(&r, 0.78) : synth_rng_chance(&r, 0.03);
        if (d == DATE_NONE) { /* missed: the next visit is at the next due date */
            Date next = next_visit(w, eps, p, ps, rg, due);
            interval = next - due;
            due = next;
            if (due >= pe || due > until) break;
            continue;
        }
        if (d >= pe || d > until) break;
        add(out, TREC_VISITS, d, alone ? "yes" : "no");
        lo = d + 1;
        due = next_visit(w, eps, p, ps, rg, d);
        interval = due - d;
    }
}

static void visits(const SynthWorld *w, const SynthChild *c, const SynthEpisode *eps,
                   const SynthCarePeriod *p, Date until, SynthRecords *out)
{
    /* A placement starts with the period and with every episode whose RNE
     * is not L (a change of legal status only). */
    for (int i = p->first; i < p->first + p->n; i++) {
        if (i > p->first && eps[i].rne == SC_RNE_L) continue;
        if (eps[i].decom > until) break;
        int j = i + 1;
        while (j < p->first + p->n && eps[j].rne == SC_RNE_L) j++;
        Date pe = j < p->first + p->n ? eps[j].decom : p->end;
        SynthRegime rg = regime_of_placement(w, c, eps, &eps[i], eps[i].decom, pe, until, out);
        visits_in_placement(w, c, eps, p, &rg, eps[i].decom, pe, until, out);
    }
}

/* --------------------------------------------------------- care plans */

/* CPPCR 2010 reg 4(2): within 10 working days; revised after most reviews. */
static void care_plans(const SynthWorld *w, const SynthChild *c, const SynthCarePeriod *p,
                       Date until, SynthRecords *out)
{
    SynthRng r;
    synth_rng_seed(&r, period_stream(w, c, p->start, STREAM_CARE_PLANS));
    Date first = done_by(&r, p->start + 14, 13, p->start, &P_CARE_PLAN);
    Date last = p->start - 1;
    if (first != DATE_NONE && first < p->end) {
        if (first <= until) add(out, TREC_CARE_PLANS, first, "");
        last = first;
    }
    for (int i = 0; i < p->n_reviews; i++) {
        bool revised = synth_rng_chance(&r, 0.7);
        Date d = weekday_near(p->reviews[i] + synth_rng_range(&r, 0, 10), p->reviews[i]);
        if (!revised || d <= last || d >= p->end) continue;
        if (d <= until) add(out, TREC_CARE_PLANS, d, "");
        last = d;
    }
}

/* ------------------------------------------------ health, immunisations */

/* Initial assessment before the first review (20 working days), then every
 * 6 months under 5 and every 12 months from 5 (statutory guidance). Most
 * assessments record whether immunisations are up to date. */
static void health(const SynthWorld *w, const SynthChild *c, const SynthCarePeriod *p, Date until,
                   SynthRecords *out)
{
    SynthRng r;
    synth_rng_seed(&r, period_stream(w, c, p->start, STREAM_HEALTH));
    Date due = p->start + 28, lo = p->start;
    bool initial = true;
    for (int k = 0; k < 100; k++) {
        Date d = done_by(&r, due, initial ? 20 : 30, lo, &P_HEALTH);
        int very_late = synth_rng_range(&r, 43, 120);
        bool imms = synth_rng_chance(&r, 0.85), up_to_date = synth_rng_chance(&r, 0.88);
        if (d == DATE_NONE && initial) d = weekday_near(due + very_late, lo);
        if (d == DATE_NONE) {
            due = date_add_months(due, date_age_on(c->dob, due) < 5 ? 6 : 12);
            if (due >= p->end || due > until) break;
            continue;
        }
        if (d >= p->end || d > until) break;
        add(out, TREC_HEALTH_ASSESSMENTS, d, initial ? "initial" : "review");
        if (imms) add(out, TREC_IMMUNISATIONS, d, up_to_date ? "yes" : "no");
        initial = false;
        lo = d + 1;
        due = date_add_months(d, date_age_on(c->dob, d) < 5 ? 6 : 12);
    }
}

/* ---------------------------------------------------------------- dental */

static void dental(const SynthWorld *w, const SynthChild *c, const SynthCarePeriod *p, Date until,
                   SynthRecords *out)
{
    SynthRng r;
    synth_rng_seed(&r, period_stream(w, c, p->start, STREAM_DENTAL));
    Date due = date_add_months(p->start, 12), lo = p->start;
    for (int k = 0; k < 100; k++) {
        Date d = done_by(&r, due, 60, lo, &P_DENTAL);
        if (d == DATE_NONE) {
            due = date_add_months(due, 12);
            if (due >= p->end || due > until) break;
            continue;
        }
        if (d >= p->end || d > until) break;
        add(out, TREC_DENTAL_CHECKS, d, "");
        lo = d + 1;
        due = date_add_months(d, 12);
    }
}

/* ------------------------------------------------------------------- SDQ */

/* Yearly for ages 4 to 16 (DfE OC2; 903 rules 186, 188, 189). */
static void sdq(const SynthWorld *w, const SynthChild *c, const SynthCarePeriod *p, Date until,
                SynthRecords *out)
{
    SynthRng r;
    synth_rng_seed(&r, period_stream(w, c, p->start, STREAM_SDQ));
    Date b4 = date_birthday(c->dob, 4), b17 = date_birthday(c->dob, 17);
    Date due = max_date(date_add_months(p->start, 12), b4), lo = max_date(p->start, b4);
    for (int k = 0; k < 100 && due < b17; k++) {
        Date d = done_by(&r, due, 45, lo, &P_SDQ);
        int score =
            synth_rng_range(&r, 0, 14) + synth_rng_range(&r, 0, 14) + synth_rng_range(&r, 0, 6);
        if (d == DATE_NONE) {
            due = date_add_months(due, 12);
            if (due >= p->end || due > until) break;
            continue;
        }
        if (d >= p->end || d > until || d >= b17) break;
        char v[8];
        snprintf(v, sizeof v, "%d", score);
        add(out, TREC_SDQ, d, v);
        lo = d + 1;
        due = max_date(date_add_months(d, 12), b4);
    }
}

/* ------------------------------------------------------------------ PEPs */

/* School terms as docs/due.md takes them: autumn 1 September to 31
 * December, spring 1 January to 31 March, summer 1 April to 31 August. */
static Date term_end(Date d)
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    if (m >= 9) return date_from_ymd(y, 12, 31);
    if (m <= 3) return date_from_ymd(y, 3, 31);
    return date_from_ymd(y, 8, 31);
}

static Date term_start(Date d)
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    if (m >= 9) return date_from_ymd(y, 9, 1);
    if (m <= 3) return date_from_ymd(y, 1, 1);
    return date_from_ymd(y, 4, 1);
}

/* CPPCR 2010 reg 5(b)(ii): a PEP within 10 working days of becoming looked
 * after, then one each school term, for children of school age (5 to 15). A
 * child who reaches school age in care has the first in that term. */
static void peps(const SynthWorld *w, const SynthChild *c, const SynthCarePeriod *p, Date until,
                 SynthRecords *out)
{
    SynthRng r;
    synth_rng_seed(&r, period_stream(w, c, p->start, STREAM_PEPS));
    Date b5 = date_birthday(c->dob, 5), b16 = date_birthday(c->dob, 16);
    Date due = p->start + 14, lo = p->start;
    int early = 10;
    if (due < b5) {
        lo = max_date(p->start, term_start(b5));
        due = term_end(b5);
        early = 70;
    }
    for (int k = 0; k < 200 && due < b16; k++) {
        Date d = done_by(&r, due, early, lo, &P_PEP);
        early = 70;
        if (d == DATE_NONE) { /* none this term */
            lo = term_end(due) + 1;
            due = term_end(lo);
            if (lo >= p->end || lo > until) break;
            continue;
        }
        if (d >= p->end || d > until) break;
        add(out, TREC_PEPS, d, "");
        lo = term_end(d) + 1;
        due = term_end(lo);
    }
}

void synth_records_in_care(const SynthWorld *w, const SynthChild *c, const SynthCarePeriod *p,
                           Date until, SynthRecords *out)
{
    const SynthEpisode *eps = synth_child_eps(w, c);
    if (p->n == 0 || p->start > until) return;
    visits(w, c, eps, p, until, out);
    care_plans(w, c, p, until, out);
    health(w, c, p, until, out);
    dental(w, c, p, until, out);
    sdq(w, c, p, until, out);
    peps(w, c, p, until, out);
}

/* ----------------------------------------------------------- care leavers */

/* The day the child became eligible (CPPCR 2010 reg 40): looked after full
 * time on or after the 16th birthday, with 13 weeks looked after since the
 * 14th; DATE_NONE when never. */
static Date eligible_from(const SynthWorld *w, const SynthChild *c)
{
    const SynthEpisode *eps = synth_child_eps(w, c);
    Date b14 = date_birthday(c->dob, 14), b16 = date_birthday(c->dob, 16);
    long days = 0;
    for (int i = 0; i < c->n_ep; i++) {
        const SynthEpisode *e = &eps[i];
        if (synth_is_short_break(e->ls)) continue;
        Date from = max_date(e->decom, b14);
        if (e->dec <= from) continue;
        Date thirteen_weeks = days >= 91 ? from : from + (Date)(91 - days) - 1;
        Date d = max_date(b16, thirteen_weeks);
        if (d < e->dec) return d;
        days += e->dec - from;
    }
    return DATE_NONE;
}

/* Whether the OC3 record nearest to date d says the young person was out of
 * touch (NO or REFU). */
static bool out_of_touch(const SynthWorld *w, const SynthChild *c, Date d)
{
    const SynthOc3 *o = synth_child_oc3(w, c);
    int age = date_age_on(c->dob, d);
    if (d - date_birthday(c->dob, age) > 182) age++;
    for (int i = 0; i < c->n_oc3; i++)
        if (o[i].age == age) return o[i].in_touch == SYNTH_IT_NO || o[i].in_touch == SYNTH_IT_REFU;
    return false;
}

void synth_records_leaver(const SynthWorld *w, const SynthChild *c, Date until, SynthRecords *out)
{
    Date eligible = eligible_from(w, c);
    if (eligible == DATE_NONE || eligible - 30 > until) return;
    const SynthEpisode *eps = synth_child_eps(w, c);
    Date left = DATE_NONE;
    uint8_t rec = SC_NONE;
    for (int i = 0; i < c->n_ep; i++)
        if (!synth_is_short_break(eps[i].ls)) {
            left = eps[i].dec;
            rec = eps[i].rec;
        }
    /* Former relevant (Children Act 1989 s23C) unless adopted, dead or moved
     * to another authority: support to 21, or 25 in education or training. */
    bool former_relevant =
        rec != SC_REC_E11 && rec != SC_REC_E12 && rec != SC_REC_E2 && rec != SC_REC_E3;
    Date support_end = left;
    if (former_relevant) {
        support_end = max_date(left, date_birthday(c->dob, 21));
        const SynthOc3 *o = synth_child_oc3(w, c);
        for (int i = 0; i < c->n_oc3; i++)
            if (o[i].age >= 21 && o[i].age < 25 && synth_activ_in_education(o[i].activ))
                support_end = max_date(support_end, date_birthday(c->dob, o[i].age + 1));
    }

    /* CPPCR 2010 reg 42: needs assessment within 3 months of eligibility. */
    SynthRng r;
    synth_rng_seed(&r, child_stream(w, c, STREAM_LEAVER_NEEDS));
    Date needs_due = date_add_months(eligible, 3);
    Date needs = done_by(&r, needs_due, 75, eligible - 30, &P_NEEDS);
    if (needs != DATE_NONE && needs < support_end && needs <= until)
        add(out, TREC_NEEDS_ASSESSMENTS, needs, "");

    /* The pathway plan follows the assessment; reviews at most 6-monthly. */
    synth_rng_seed(&r, child_stream(w, c, STREAM_LEAVER_PATHWAY));
    Date plan = (needs != DATE_NONE ? needs : needs_due) + synth_rng_range(&r, 7, 42);
    plan = weekday_near(plan, plan);
    if (plan < support_end && plan <= until) {
        add(out, TREC_PATHWAY_PLANS, plan, "plan");
        Date due = date_add_months(plan, 6), lo = plan + 1;
        for (int k = 0; k < 40; k++) {
            Date d = done_by(&r, due, 30, lo, &P_PATHWAY);
            if (d == DATE_NONE) {
                due = date_add_months(due, 6);
                if (due >= support_end || due > until) break;
                continue;
            }
            if (d >= support_end || d > until) break;
            add(out, TREC_PATHWAY_PLANS, d, "review");
            lo = d + 1;
            due = date_add_months(d, 6);
        }
    }

    /* Personal adviser contact at least every 2 months after leaving care;
     * rarer while the young person is out of touch. */
    if (!former_relevant || left >= support_end || left > until) return;
    synth_rng_seed(&r, child_stream(w, c, STREAM_LEAVER_PA));
    static const int type_w[] = {50, 30, 8, 12};
    static const char *const types[] = {"visit", "phone", "video", "message"};
    Date due = date_add_months(left, 2), lo = left;
    for (int k = 0; k < 400; k++) {
        Date d = done_by(&r, due, 25, lo, &P_PA);
        const char *type = types[synth_rng_weighted(&r, type_w, 4)];
        bool lost = synth_rng_chance(&r, 0.8);
        if (d != DATE_NONE && lost && out_of_touch(w, c, d)) d = DATE_NONE;
        if (d == DATE_NONE) {
            due = date_add_months(due, 2);
            if (due >= support_end || due > until) break;
            continue;
        }
        if (d >= support_end || d > until) break;
        add(out, TREC_PA_CONTACTS, d, type);
        lo = d + 1;
        due = date_add_months(d, 2);
    }
}
