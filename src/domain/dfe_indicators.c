/* dfe_indicators: see dfe_indicators.h and docs/scorecard.md. Definitions from
 * shared/reference/statutory.md section A3; each carries its source. This
 * module must not do I/O or allocate. */
#include "domain/dfe_indicators.h"

#include "domain/care.h"
#include "domain/codes.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- Helpers ------------------------------------------------------------- */

static bool is_code(const char *code, const char *const *list)
{
    for (; *list; list++)
        if (code_is(code, *list)) return true;
    return false;
}

/* RNE S, P, B: a new placement with a new carer (D2I Annex A, agglacp block). */
static bool new_placement_rne(const char *rne)
{
    return code_is(rne, "S") || code_is(rne, "P") || code_is(rne, "B");
}

/* RNE L (legal status only), T and U (placement type, same carer): not a move. */
static bool same_placement_rne(const char *rne)
{
    return code_is(rne, "L") || code_is(rne, "T") || code_is(rne, "U");
}

/* 903 PLACE T0-T4: temporary placements (a hospital stay, a holiday, the
 * carer's holiday, other temporary accommodation of 7 days or less). */
static bool temporary_place(const Episode *e)
{
    return e->place[0] == 'T' && e->place[1] >= '0' && e->place[1] <= '4' && !e->place[2];
}

/* The full-time episode that ends where e begins, or NULL. */
static const Episode *previous_full_time(const Dataset *ds, const Child *c, const Episode *e)
{
    const Episode *p = care_full_time_episode_on(ds, c, e->decom - 1);
    return p && p->decom < e->decom ? p : NULL;
}

/* The same carer, as far as the 903 tells: the same placement type, the
 * same provider and, when both are recorded, the same placement postcode. */
static bool same_carer(const Dataset *ds, const Episode *a, const Episode *b)
{
    if (!code_is(codes_current("PLACE", a->place), codes_current("PLACE", b->place)) ||
        !code_is(a->place_provider, b->place_provider))
        return false;
    const EpisodePlace *pa = dataset_episode_place(ds, a - ds->episodes);
    const EpisodePlace *pb = dataset_episode_place(ds, b - ds->episodes);
    if (!pa || !pb || !pa->pl_post[0] || !pb->pl_post[0]) return true;
    return strcmp(pa->pl_post, pb->pl_post) == 0;
}

/* Whether the episode carries on the placement before it for the DfE's
 * placement stability measures, though its RNE says a placement began: a
 * temporary placement (PLACE T0-T4), and the return to the same carer after
 * one (903 rule 383: a child in a temporary placement must return to the
 * normal placement). The DfE counts neither as a placement (docs/scorecard.md
 * gives the source). */
static bool continues_placement(const Dataset *ds, const Child *c, const Episode *e)
{
    if (temporary_place(e)) return true;
    const Episode *p = previous_full_time(ds, c, e);
    if (!p || !temporary_place(p)) return false;
    while (p && temporary_place(p)) p = previous_full_time(ds, c, p);
    return p && same_carer(ds, p, e);
}

Date dfe_care_run_start(const Dataset *ds, const Child *c, Date d)
{
    const Episode *e = care_full_time_episode_on(ds, c, d);
    if (!e) return DATE_NONE;
    Date start = e->decom;
    for (;;) { /* each step moves start strictly back, so this ends */
        const Episode *p = care_full_time_episode_on(ds, c, start - 1);
        if (!p || p->decom >= start) break;
        start = p->decom;
    }
    return start;
}

/* The episode that began the placement open on d (see dfe_placement_start). */
static const Episode *placement_first_episode(const Dataset *ds, const Child *c, Date d)
{
    const Episode *e = care_full_time_episode_on(ds, c, d);
    while (e && (same_placement_rne(e->rne) || continues_placement(ds, c, e))) {
        const Episode *p = care_full_time_episode_on(ds, c, e->decom - 1);
        if (!p || p->decom >= e->decom) break;
        e = p;
    }
    return e;
}

Date dfe_placement_start(const Dataset *ds, const Child *c, Date d)
{
    const Episode *e = placement_first_episode(ds, c, d);
    return e ? e->decom : DATE_NONE;
}

int dfe_placements_in_year(const Dataset *ds, const Child *c, int year)
{
    Date from = date_collection_year_start(year), to = date_collection_year_end(year);
    int n = 0;
    Date ps = dfe_placement_start(ds, c, from);
    if (ps != DATE_NONE && ps < from) n++; /* the placement the year began in */
    const Episode *eps = child_episodes(ds, c);
    for (int i = 0; i < c->n_episodes; i++) {
        const Episode *e = &eps[i];
        if (e->decom == DATE_NONE || e->decom < from || e->decom > to) continue;
        if (care_is_short_break_ls(e->ls)) continue;
        if (new_placement_rne(e->rne) && !continues_placement(ds, c, e)) n++;
    }
    return n;
}

/* OC2 cohort: DfE CLA SSDA903 guidance, as implemented by csc-validator-be-903
 * add_col_to_episodes_CONTINUOUSLY_LOOKED_AFTER (statutory.md A3): a child who
 * came into care on 1 April is in (no period of care begun *after* 1 April). */
bool dfe_oc2_continuously_looked_after(const Episode *eps, int n_eps, int year)
{
    Date from = date_collection_year_start(year), to = date_collection_year_end(year);
    bool during = false;
    for (int i = 0; i < n_eps; i++) {
        const Episode *e = &eps[i];
        bool started = e->decom != DATE_NONE, ended = e->dec != DATE_NONE;
        bool runs = started && e->decom <= to && (!ended || e->dec >= from);
        if (started && e->decom > from && e->decom <= to && code_is(e->rne, "S")) return false;
        if (ended && e->dec >= from && e->dec <= to && !code_is(e->rec, "X1")) return false;
        if (runs && care_is_short_break_ls(e->ls)) return false;
        during |= runs;
    }
    return during;
}

bool dfe_in_oc2_cohort(const Dataset *ds, const Child *c, int year)
{
    return care_full_time_episode_on(ds, c, date_collection_year_end(year)) != NULL &&
           dfe_oc2_continuously_looked_after(child_episodes(ds, c), c->n_episodes, year);
}

/* OC3 cohort: 903 rule 391 (ages 17 to 21 in the year), eligibility for
 * care-leaver support (CPPCR reg 40: 13 weeks from 14, some time after 16),
 * exclusions of statutory.md A3 (died, returned home, care transferred to
 * another local authority, still looked after at 17 or 18: rules 1007, 1016).
 *
 * "Ended after he reached 16" (CA89 Sch 2 para 19B(2)(b)) follows leaver.c:
 * a person attains 16 at the first moment of the birthday (Family Law Reform
 * Act 1969 s9), and care that ends on the birthday (DEC = 16th birthday) was
 * running then. So the test is a full-time day in care on or after the day
 * before the 16th birthday, i.e. a DEC on or after the birthday. */
/* Whether the young person's last full-time care, ended by the end of the
 * year, ended because another local authority took over the care (903 REC E3:
 * they are that authority's care leaver, CA89 s23C(1)(a) "the last
 * responsible authority") or because the child died (E2). */
static bool left_to_other_la_or_died(const Dataset *ds, const Child *c, Date by)
{
    const Episode *eps = child_episodes(ds, c), *last = NULL;
    for (int i = 0; i < c->n_episodes; i++) {
        const Episode *e = &eps[i];
        if (e->decom == DATE_NONE || e->dec == DATE_NONE || e->dec > by) continue;
        if (care_is_short_break_ls(e->ls)) continue;
        if (!last || e->dec >= last->dec) last = e;
    }
    return last && (code_is(last->rec, "E3") || code_is(last->rec, "E2"));
}

const Oc3 *dfe_oc3_cohort(const Dataset *ds, const Child *c, int year, int *age)
{
    const Oc3 *o = NULL, *all = child_oc3(ds, c);
    for (int i = 0; i < c->n_oc3; i++)
        if (all[i].year == year) o = &all[i];
    if (!o || c->dob == DATE_NONE) return NULL;
    int a = date_age_on(c->dob, date_collection_year_end(year));
    if (a < 17 || a > 21) return NULL;
    if (code_is(o->in_touch, "DIED") || code_is(o->in_touch, "RHOM")) return NULL;
    if (left_to_other_la_or_died(ds, c, date_collection_year_end(year))) return NULL;
    Date b14 = date_birthday(c->dob, 14), b16 = date_birthday(c->dob, 16);
    Date b18 = date_birthday(c->dob, 18);
    if (care_days_full_time(ds, c, b14, b18) < 91 || care_days_full_time(ds, c, b16 - 1, b18) <= 0)
        return NULL;
    if (a <= 18 && care_full_time_on(ds, c, date_birthday(c->dob, a))) return NULL;
    *age = a;
    return o;
}

static bool oc3_any_for_year(const Dataset *ds, int year)
{
    for (int i = 0; i < ds->n_oc3; i++)
        if (ds->oc3[i].year == year) return true;
    return false;
}

static bool oc2_any_for_year(const Dataset *ds, int year)
{
    for (int i = 0; i < ds->n_oc2; i++)
        if (ds->oc2[i].year == year) return true;
    return false;
}

static const Oc2 *oc2_for_year(const Dataset *ds, const Child *c, int year)
{
    const Oc2 *all = child_oc2(ds, c);
    for (int i = 0; i < c->n_oc2; i++)
        if (all[i].year == year) return &all[i];
    return NULL;
}

static int age_on_31_march(const Child *c, int year)
{
    return c->dob == DATE_NONE ? -1 : date_age_on(c->dob, date_collection_year_end(year));
}

/* ---- The indicators ------------------------------------------------------ */

/* The year being computed and what every indicator asks of a child, worked
 * out once per child (one pass over the children serves every indicator). */
typedef struct Year {
    const Dataset *ds;
    int year;
    Date from, to;       /* 1 April, 31 March */
    Date adoptions_from; /* 1 April two years earlier: adoption's three years */
    /* The latest start that gives 2.5 years (1 October, two and a half years
     * before) and 2 years (1 April two years before) by the end of 31 March:
     * the days are counted as for the OC2 cohort, where a child looked after
     * from 1 April has the 12 months (1 April to 31 March, both included). */
    Date since_30_months;
    Date since_2_years;
} Year;

typedef struct Facts {
    const Episode *on_31_march; /* full-time episode open on 31 March, or NULL */
    int age;        /* on 31 March; -1 when unknown or not looked after then (only those need it) */
    const Oc3 *oc3; /* in the OC3 cohort of the year (with oc3_age), or NULL */
    int oc3_age;
    bool oc2; /* in the OC2 cohort */
} Facts;

typedef struct Spec Spec;
/* Whether the child is in the cohort; if so, its part of num and den. */
typedef bool (*ChildFn)(const Year *y, const Child *c, const Facts *f, const Spec *sp, long *num,
                        long *den);
/* 1 when the records are there for the year, else 0 with the reason. */
typedef int (*AvailableFn)(const Year *y, const Spec *sp, char *reason);

/* What an OC3 measure counts. */
typedef enum Oc3Measure { OC3_IN_TOUCH, OC3_EET, OC3_SUITABLE, OC3_HIGHER_EDUCATION } Oc3Measure;
/* What an OC2 measure counts. */
typedef enum Oc2Measure {
    OC2_HEALTH,
    OC2_IMMUNISATIONS,
    OC2_TEETH,
    OC2_SDQ,
    OC2_SUBSTANCE,
    OC2_CONVICTED
} Oc2Measure;

struct Spec {
    DfeIndicator ind;
    ChildFn child;
    AvailableFn available; /* NULL: always */
    int measure;           /* Oc3Measure or Oc2Measure */
    int min_age, max_age;  /* on 31 March; -1 for no bound */
};

static bool age_in(const Spec *sp, int age)
{
    if (sp->min_age < 0 && sp->max_age < 0) return true;
    return age >= 0 && (sp->min_age < 0 || age >= sp->min_age) &&
           (sp->max_age < 0 || age <= sp->max_age);
}

static int oc3_available(const Year *y, const Spec *sp, char *reason)
{
    (void)sp;
    if (oc3_any_for_year(y->ds, y->year)) return 1;
    snprintf(reason, DFE_REASON_LEN, "no OC3 (care leavers) records for %d/%02d", y->year - 1,
             y->year % 100);
    return 0;
}

static int oc2_available(const Year *y, const Spec *sp, char *reason)
{
    (void)sp;
    if (oc2_any_for_year(y->ds, y->year)) return 1;
    snprintf(reason, DFE_REASON_LEN,
             "no OC2 (children looked after for 12 months) records for %d/%02d", y->year - 1,
             y->year % 100);
    return 0;
}

static int missing_available(const Year *y, const Spec *sp, char *reason)
{
    (void)sp;
    if (y->ds->n_missing) return 1;
    snprintf(reason, DFE_REASON_LEN, "no Missing records in the database");
    return 0;
}

static int ad1_available(const Year *y, const Spec *sp, char *reason)
{
    (void)sp;
    if (y->ds->n_ad1) return 1;
    snprintf(reason, DFE_REASON_LEN,
             "no AD1 (adoption decision and match) records in the database");
    return 0;
}

/* The placement indicators need the fields the DfE derives from the postcodes
 * with the ONS Postcode Directory (Dataset.places, set by the caller). */
static int places_available(const Year *y, const Spec *sp, char *reason)
{
    bool outside = strcmp(sp->ind.id, "placed_outside_la") == 0;
    bool directory = y->ds->places && (y->ds->places_derived & DATASET_PLACES_DIRECTORY);
    bool own = (y->ds->places_derived & DATASET_PLACES_OWN_LA) != 0;
    if (directory && (own || !outside)) return 1;
    if (!outside)
        snprintf(reason, DFE_REASON_LEN,
                 "the distance from home needs the ONS Postcode Directory "
                 "for the grid references of the home and placement postcodes");
    else
        snprintf(reason, DFE_REASON_LEN, "the placement's local authority needs %s%s%s",
                 directory ? "" : "the ONS Postcode Directory", !directory && !own ? " and " : "",
                 own ? "" : "the council's own local authority code");
    return 0;
}

/* The place of the full-time episode open on 31 March, or NULL. */
static const EpisodePlace *place_on_31_march(const Year *y, const Facts *f)
{
    return f->on_31_march ? dataset_episode_place(y->ds, f->on_31_march - y->ds->episodes) : NULL;
}

/* Placed more than 20 miles from home (statutory.md A3, "Distance / out of
 * area"): children looked after on 31 March, V3/V4 aside, whose placement then
 * has a PL_DISTANCE; more than 20 miles as the 903 records it, to one decimal
 * place, so 20.0 is not more and 20.05 (20.1) is. The DfE leaves the distance
 * blank for children who are or were unaccompanied asylum-seeking children (903
 * rule 406), so they are not in the cohort. */
static bool placed_far(const Year *y, const Child *c, const Facts *f, const Spec *sp, long *num,
                       long *den)
{
    (void)sp;
    const EpisodePlace *pl = place_on_31_march(y, f);
    if (!pl || pl->distance < 0 || c->uasc) return false;
    *num = pl->distance > 200;
    *den = 1;
    return true;
}

/* Placed outside the council's area (statutory.md A3; 903 PL_LOCATION OUT):
 * children looked after on 31 March, V3/V4 aside, whose placement then has a
 * known PL_LA, compared with the council's own (upper-tier) authority. */
static bool placed_outside(const Year *y, const Child *c, const Facts *f, const Spec *sp, long *num,
                           long *den)
{
    (void)c, (void)sp;
    const EpisodePlace *pl = place_on_31_march(y, f);
    if (!pl || !pl->location) return false;
    *num = pl->location == 'O';
    *den = 1;
    return true;
}

/* CLA on 31 March excluding V3/V4, with 3+ placements in the year (old NI 062). */
static bool placement_short(const Year *y, const Child *c, const Facts *f, const Spec *sp,
                            long *num, long *den)
{
    (void)sp;
    if (!f->on_31_march) return false;
    *num = dfe_placements_in_year(y->ds, c, y->year) >= 3;
    *den = 1;
    return true;
}

/* CLA on 31 March under 16, looked after continuously 2.5 years or more; in the
 * same placement 2 years or more, or placed for adoption with that placement and
 * the one before together 2 years or more (old NI 063; statutory.md A3). */
static bool placement_long(const Year *y, const Child *c, const Facts *f, const Spec *sp, long *num,
                           long *den)
{
    (void)sp;
    if (!f->on_31_march || f->age < 0 || f->age >= 16) return false;
    Date run = dfe_care_run_start(y->ds, c, y->to);
    if (run == DATE_NONE || run > y->since_30_months) return false;
    const Episode *first = placement_first_episode(y->ds, c, y->to);
    bool stable = first->decom <= y->since_2_years;
    if (!stable && f->on_31_march->place[0] == 'A') { /* placed for adoption: A1..A6 */
        Date before = dfe_placement_start(y->ds, c, first->decom - 1);
        stable = before != DATE_NONE && before <= y->since_2_years;
    }
    *num = stable;
    *den = 1;
    return true;
}

static bool oc3_counts(const Oc3 *o, Oc3Measure m)
{
    static const char *const eet[] = {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", NULL};
    static const char *const he[] = {"F1", "P1", NULL};
    switch (m) {
    case OC3_IN_TOUCH: return code_is(o->in_touch, "YES");
    case OC3_EET: return is_code(codes_current("ACTIV", o->activ), eet);
    case OC3_SUITABLE: return o->accom[0] && o->accom[1] == '1';
    case OC3_HIGHER_EDUCATION: return is_code(codes_current("ACTIV", o->activ), he);
    }
    return false;
}

static bool care_leavers(const Year *y, const Child *c, const Facts *f, const Spec *sp, long *num,
                         long *den)
{
    (void)y, (void)c;
    if (!f->oc3 || f->oc3_age < sp->min_age || f->oc3_age > sp->max_age) return false;
    *num = oc3_counts(f->oc3, (Oc3Measure)sp->measure);
    *den = 1;
    return true;
}

/* Aged 18 to 20, ceased to be looked after on the 18th birthday in a foster
 * placement (PLACE U1..U6), eligible; living with former foster carers (OC3 ACCOM
 * Z1/Z2) (statutory.md A3, Staying Put; CA89 s23CZA). */
static bool staying_put(const Year *y, const Child *c, const Facts *f, const Spec *sp, long *num,
                        long *den)
{
    (void)sp;
    if (!f->oc3 || f->oc3_age < 18 || f->oc3_age > 20) return false;
    Date b18 = date_birthday(c->dob, 18);
    const Episode *last = care_full_time_episode_on(y->ds, c, b18 - 1);
    if (!last || last->dec != b18 || codes_current("PLACE", last->place)[0] != 'U') return false;
    *num = f->oc3->accom[0] == 'Z';
    *den = 1;
    return true;
}

/* Reviews held in the year with participation PN1..PN6, of reviews of children
 * aged 4 or over (not PN0), leaving out children in short breaks only on the day. */
static bool review_participation(const Year *y, const Child *c, const Facts *f, const Spec *sp,
                                 long *num, long *den)
{
    (void)f, (void)sp;
    static const char *const took_part[] = {"PN1", "PN2", "PN3", "PN4", "PN5", "PN6", NULL};
    const Review *rv = child_reviews(y->ds, c);
    for (int r = 0; r < c->n_reviews; r++) {
        if (rv[r].date == DATE_NONE || rv[r].date < y->from || rv[r].date > y->to) continue;
        if (code_is(rv[r].code, "PN0")) continue;
        if (c->dob != DATE_NONE && date_age_on(c->dob, rv[r].date) < 4) continue;
        if (care_short_breaks_on(y->ds, c, rv[r].date)) continue;
        (*den)++;
        *num += is_code(rv[r].code, took_part);
    }
    return *den > 0;
}

static bool oc2_measure(const Year *y, const Child *c, const Facts *f, const Spec *sp, long *num,
                        long *den)
{
    if (!f->oc2 || !age_in(sp, f->age)) return false;
    const Oc2 *o = oc2_for_year(y->ds, c, y->year);
    *den = 1;
    switch ((Oc2Measure)sp->measure) {
    case OC2_HEALTH: *num = o && o->health_assessment == 1; break;
    case OC2_IMMUNISATIONS: *num = o && o->immunisations == 1; break;
    case OC2_TEETH: *num = o && o->teeth_check == 1; break;
    case OC2_SUBSTANCE: *num = o && o->substance_misuse == 1; break;
    case OC2_CONVICTED: *num = o && o->convicted == 1; break;
    case OC2_SDQ:
        if (!o || o->sdq_score < 0 || o->sdq_score > 40) return false;
        *num = o->sdq_score;
        break;
    }
    return true;
}

/* Looked after full time at some time in the year; at least one incident of
 * being missing (903 Missing, MISSING = M) starting in the year. */
static bool missing_children(const Year *y, const Child *c, const Facts *f, const Spec *sp,
                             long *num, long *den)
{
    (void)f, (void)sp;
    if (care_days_full_time(y->ds, c, y->from, y->to + 1) <= 0) return false;
    const MissingEpisode *m = child_missing(y->ds, c);
    bool missing = false;
    for (int k = 0; k < c->n_missing && !missing; k++)
        missing = code_is(m[k].missing, "M") && m[k].start >= y->from && m[k].start <= y->to;
    *num = missing;
    *den = 1;
    return true;
}

/* The full-time episode ending the child's care by adoption (REC E11, E12) in
 * the three years ending 31 March, or NULL. */
static const Episode *adopted_in_three_years(const Year *y, const Child *c)
{
    const Episode *eps = child_episodes(y->ds, c);
    for (int i = c->n_episodes - 1; i >= 0; i--) {
        const Episode *e = &eps[i];
        if (e->dec == DATE_NONE || e->dec < y->adoptions_from || e->dec > y->to) continue;
        if (care_is_short_break_ls(e->ls) || e->decom == DATE_NONE || e->dec <= e->decom) continue;
        if (code_is(e->rec, "E11") || code_is(e->rec, "E12")) return e;
    }
    return NULL;
}

/* Adoption scorecard A1: days from entering care (start of the period of care
 * that ended in adoption) to moving in with the adoptive family (the first
 * episode of that period placed for adoption, PLACE A1..A6). */
static bool adoption_a1(const Year *y, const Child *c, const Facts *f, const Spec *sp, long *num,
                        long *den)
{
    (void)f, (void)sp;
    const Episode *exit = adopted_in_three_years(y, c);
    if (!exit) return false;
    Date start = dfe_care_run_start(y->ds, c, exit->dec - 1);
    const Episode *eps = child_episodes(y->ds, c);
    for (int k = 0; k < c->n_episodes; k++) {
        const Episode *e = &eps[k];
        if (e->decom == DATE_NONE || e->decom < start || e->decom >= exit->dec) continue;
        if (care_is_short_break_ls(e->ls) || e->place[0] != 'A') continue;
        *num = e->decom - start;
        *den = 1;
        return true;
    }
    return false;
}

/* Adoption scorecard A2: days from the court's authority to place (the first
 * episode of the period under a placement order E1, or a freeing order D1) to
 * the decision to match (AD1 DATE_MATCH); matched before the order counts 0. */
static bool adoption_a2(const Year *y, const Child *c, const Facts *f, const Spec *sp, long *num,
                        long *den)
{
    (void)f, (void)sp;
    const Episode *exit = adopted_in_three_years(y, c);
    if (!exit) return false;
    Date start = dfe_care_run_start(y->ds, c, exit->dec - 1), order = DATE_NONE;
    const Episode *eps = child_episodes(y->ds, c);
    for (int k = 0; k < c->n_episodes && order == DATE_NONE; k++) {
        const Episode *e = &eps[k];
        if (e->decom == DATE_NONE || e->decom < start || e->decom >= exit->dec) continue;
        if (code_is(e->ls, "E1") || code_is(e->ls, "D1")) order = e->decom;
    }
    Date match = DATE_NONE;
    const Ad1 *ad = child_ad1(y->ds, c);
    for (int k = 0; k < c->n_ad1; k++)
        if (ad[k].date_match != DATE_NONE) match = ad[k].date_match;
    if (order == DATE_NONE || match == DATE_NONE) return false;
    *num = match > order ? match - order : 0;
    *den = 1;
    return true;
}

/* Ceased to be looked after in the year (not X1, not V3/V4): returned home
 * (REC E4A, E4B) or to live with parents or relatives (E13). */
static bool returned_home(const Year *y, const Child *c, const Facts *f, const Spec *sp, long *num,
                          long *den)
{
    (void)f, (void)sp;
    static const char *const home[] = {"E4A", "E4B", "E13", NULL};
    const Episode *eps = child_episodes(y->ds, c), *last = NULL;
    for (int k = 0; k < c->n_episodes; k++) {
        const Episode *e = &eps[k];
        if (e->dec == DATE_NONE || e->dec < y->from || e->dec > y->to) continue;
        if (care_is_short_break_ls(e->ls) || !e->rec[0] || code_is(e->rec, "X1")) continue;
        last = e;
    }
    if (!last) return false;
    *num = is_code(codes_current("REC", last->rec), home);
    *den = 1;
    return true;
}

/* Placement changes (RNE P or B) begun in the year, not V3/V4, with a reason
 * recorded; planned = REASON_PLACE_CHANGE CARPL. */
static bool placement_changes_planned(const Year *y, const Child *c, const Facts *f, const Spec *sp,
                                      long *num, long *den)
{
    (void)f, (void)sp;
    const Episode *eps = child_episodes(y->ds, c);
    for (int k = 0; k < c->n_episodes; k++) {
        const Episode *e = &eps[k];
        if (e->decom == DATE_NONE || e->decom < y->from || e->decom > y->to) continue;
        if (care_is_short_break_ls(e->ls) || !e->reason_place_change[0]) continue;
        if (!code_is(e->rne, "P") && !code_is(e->rne, "B")) continue;
        (*den)++;
        *num += code_is(e->reason_place_change, "CARPL");
    }
    return *den > 0;
}

#define PCT(id)                 \
    {                           \
        id, DFE_PERCENT, "%", 0 \
    }

static const Spec specs[] = {
    {PCT("placement_stability_short"), placement_short, NULL, 0, -1, -1},
    {PCT("placement_stability_long"), placement_long, NULL, 0, -1, -1},
    {PCT("care_leavers_in_touch"), care_leavers, oc3_available, OC3_IN_TOUCH, 17, 21},
    {PCT("care_leavers_in_touch_17_18"), care_leavers, oc3_available, OC3_IN_TOUCH, 17, 18},
    {PCT("care_leavers_in_touch_19_21"), care_leavers, oc3_available, OC3_IN_TOUCH, 19, 21},
    {PCT("care_leavers_eet"), care_leavers, oc3_available, OC3_EET, 17, 21},
    {PCT("care_leavers_eet_17_18"), care_leavers, oc3_available, OC3_EET, 17, 18},
    {PCT("care_leavers_eet_19_21"), care_leavers, oc3_available, OC3_EET, 19, 21},
    {PCT("care_leavers_suitable_accommodation"), care_leavers, oc3_available, OC3_SUITABLE, 17, 21},
    {PCT("care_leavers_suitable_accommodation_17_18"), care_leavers, oc3_available, OC3_SUITABLE,
     17, 18},
    {PCT("care_leavers_suitable_accommodation_19_21"), care_leavers, oc3_available, OC3_SUITABLE,
     19, 21},
    {PCT("care_leavers_higher_education"), care_leavers, oc3_available, OC3_HIGHER_EDUCATION, 19,
     21},
    {PCT("staying_put"), staying_put, oc3_available, 0, 18, 20},
    {PCT("review_participation"), review_participation, NULL, 0, -1, -1},
    {PCT("oc2_health_assessment"), oc2_measure, oc2_available, OC2_HEALTH, -1, -1},
    {PCT("oc2_immunisations"), oc2_measure, oc2_available, OC2_IMMUNISATIONS, -1, -1},
    {PCT("oc2_teeth_check"), oc2_measure, oc2_available, OC2_TEETH, -1, -1},
    {{"oc2_sdq_average", DFE_MEAN, "score", 1}, oc2_measure, oc2_available, OC2_SDQ, 5, 16},
    {PCT("oc2_substance_misuse"), oc2_measure, oc2_available, OC2_SUBSTANCE, -1, -1},
    {PCT("oc2_convicted"), oc2_measure, oc2_available, OC2_CONVICTED, 10, 17},
    {PCT("missing_children"), missing_children, missing_available, 0, -1, -1},
    {{"adoption_a1", DFE_MEAN, "days", 0}, adoption_a1, NULL, 0, -1, -1},
    {{"adoption_a2", DFE_MEAN, "days", 0}, adoption_a2, ad1_available, 0, -1, -1},
    {PCT("placed_over_20_miles"), placed_far, places_available, 0, -1, -1},
    {PCT("placed_outside_la"), placed_outside, places_available, 0, -1, -1},
    {PCT("returned_home"), returned_home, NULL, 0, -1, -1},
    {PCT("placement_changes_planned"), placement_changes_planned, NULL, 0, -1, -1},
};
enum { N_SPECS = sizeof specs / sizeof specs[0] };

static const Spec *find_spec(const char *id)
{
    for (int i = 0; i < N_SPECS; i++)
        if (strcmp(specs[i].ind.id, id) == 0) return &specs[i];
    return NULL;
}

const DfeIndicator *dfe_find(const char *id)
{
    const Spec *sp = find_spec(id);
    return sp ? &sp->ind : NULL;
}

/* Whether any indicator could count the child in the year: an episode running
 * from the start of the adoption window to 31 March, an OC3 record of the year,
 * or a review in the year. Every cohort above needs one of these, so skipping
 * the rest changes no figure; on a long history it skips most children. */
static bool may_count(const Year *y, const Child *c)
{
    const Episode *eps = child_episodes(y->ds, c);
    for (int i = 0; i < c->n_episodes; i++)
        if (eps[i].decom != DATE_NONE && eps[i].decom <= y->to &&
            (eps[i].dec == DATE_NONE || eps[i].dec >= y->adoptions_from))
            return true;
    const Oc3 *o = child_oc3(y->ds, c);
    for (int i = 0; i < c->n_oc3; i++)
        if (o[i].year == y->year) return true;
    const Review *r = child_reviews(y->ds, c);
    for (int i = 0; i < c->n_reviews; i++)
        if (r[i].date != DATE_NONE && r[i].date >= y->from && r[i].date <= y->to) return true;
    return false;
}

int dfe_tally_many(const Dataset *ds, int year, const char *const *ids, int n, DfeTallyMany fn,
                   void *ctx, int *status, char (*reasons)[DFE_REASON_LEN])
{
    Date to = date_collection_year_end(year);
    Year y = {.ds = ds,
              .year = year,
              .from = date_collection_year_start(year),
              .to = to,
              .adoptions_from = date_collection_year_start(year - 2),
              .since_30_months = date_add_months(to + 1, -30),
              .since_2_years = date_add_months(to + 1, -24)};
    enum { MAX_RUN = 64 };
    const Spec *run[MAX_RUN];
    int run_k[MAX_RUN], n_run = 0;
    bool need_oc2 = false, need_oc3 = false;
    for (int k = 0; k < n; k++) {
        const Spec *sp = find_spec(ids[k]);
        reasons[k][0] = '\0';
        status[k] = !sp ? -1 : sp->available ? sp->available(&y, sp, reasons[k]) : 1;
        if (status[k] != 1) continue;
        assert(n_run < MAX_RUN);
        run[n_run] = sp;
        run_k[n_run++] = k;
        need_oc2 |= sp->child == oc2_measure;
        need_oc3 |= sp->child == care_leavers || sp->child == staying_put;
    }
    if (!n_run) return 0;
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        if (!may_count(&y, c)) continue;
        Facts f = {.on_31_march = care_full_time_episode_on(ds, c, y.to), .age = -1};
        if (f.on_31_march) f.age = age_on_31_march(c, year);
        if (need_oc3) f.oc3 = dfe_oc3_cohort(ds, c, year, &f.oc3_age);
        if (need_oc2 && f.on_31_march) f.oc2 = dfe_in_oc2_cohort(ds, c, year);
        for (int r = 0; r < n_run; r++) {
            long num = 0, den = 0;
            if (run[r]->child(&y, c, &f, run[r], &num, &den)) fn(ctx, run_k[r], c, num, den);
        }
    }
    return 0;
}

typedef struct One {
    DfeTally fn;
    void *ctx;
} One;

static void one_tally(void *ctx, int k, const Child *c, long num, long den)
{
    (void)k;
    One *one = ctx;
    one->fn(one->ctx, c, num, den);
}

int dfe_tally(const Dataset *ds, const char *id, int year, DfeTally fn, void *ctx, char *reason)
{
    One one = {fn, ctx};
    int status;
    char reasons[1][DFE_REASON_LEN];
    dfe_tally_many(ds, year, &id, 1, one_tally, &one, &status, reasons);
    memcpy(reason, reasons[0], DFE_REASON_LEN);
    return status;
}

static void add_up(void *ctx, const Child *c, long num, long den)
{
    (void)c;
    DfeFigure *f = ctx;
    f->num += num;
    f->den += den;
}

int dfe_compute(const Dataset *ds, const char *id, int year, DfeFigure *out)
{
    memset(out, 0, sizeof *out);
    int rc = dfe_tally(ds, id, year, add_up, out, out->reason);
    if (rc < 0) return -1;
    out->available = rc == 1;
    if (!out->available) out->num = out->den = 0;
    return 0;
}

double dfe_value(const DfeIndicator *ind, long num, long den)
{
    if (den == 0) return NAN;
    return ind->unit == DFE_PERCENT ? 100.0 * (double)num / (double)den : (double)num / (double)den;
}
