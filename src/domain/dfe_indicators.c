/* dfe_indicators: see dfe_indicators.h and docs/scorecard.md. Definitions from
 * shared/reference/statutory.md section A3; each carries its source. This
 * module must not do I/O or allocate. */
#include "domain/dfe_indicators.h"

#include "domain/care.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- Helpers ------------------------------------------------------------- */

static bool is_code(const char *code, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(code, *list) == 0) return true;
    return false;
}

/* RNE S, P, B: a new placement with a new carer (D2I Annex A, agglacp block). */
static bool new_placement_rne(const char *rne)
{
    return strcmp(rne, "S") == 0 || strcmp(rne, "P") == 0 || strcmp(rne, "B") == 0;
}

/* RNE L (legal status only), T and U (placement type, same carer): not a move. */
static bool same_placement_rne(const char *rne)
{
    return strcmp(rne, "L") == 0 || strcmp(rne, "T") == 0 || strcmp(rne, "U") == 0;
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
    while (e && same_placement_rne(e->rne)) {
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
        if (new_placement_rne(e->rne)) n++;
    }
    return n;
}

/* OC2 cohort: DfE CLA SSDA903 guidance, as implemented by csc-validator-be-903
 * add_col_to_episodes_CONTINUOUSLY_LOOKED_AFTER (statutory.md A3) and by this
 * project's validator (vreturn_derive_cla12): looked after full time on every
 * day of the year, so a child who came into care on 1 April is in; no period of
 * care begun after 1 April (RNE S); no V3/V4 episode running in the year. */
bool dfe_in_oc2_cohort(const Dataset *ds, const Child *c, int year)
{
    Date from = date_collection_year_start(year), to = date_collection_year_end(year);
    Date start = dfe_care_run_start(ds, c, to);
    if (start == DATE_NONE || start > from) return false; /* from 1 April is 12 months */
    const Episode *eps = child_episodes(ds, c);
    for (int i = 0; i < c->n_episodes; i++) {
        const Episode *e = &eps[i];
        if (e->decom == DATE_NONE || e->decom > to) continue;
        if (e->dec != DATE_NONE && e->dec < from) continue; /* ended before the year */
        if (care_is_short_break_ls(e->ls)) return false;
        if (e->decom > from && strcmp(e->rne, "S") == 0) return false;
    }
    return true;
}

/* OC3 cohort: 903 rule 391 (ages 17 to 21 in the year), eligibility for
 * care-leaver support (CPPCR reg 40: 13 weeks from 14, some time after 16),
 * exclusions of statutory.md A3 (died, returned home, still looked after at 17
 * or 18: rules 1007, 1016). */
const Oc3 *dfe_oc3_cohort(const Dataset *ds, const Child *c, int year, int *age)
{
    const Oc3 *o = NULL, *all = child_oc3(ds, c);
    for (int i = 0; i < c->n_oc3; i++)
        if (all[i].year == year) o = &all[i];
    if (!o || c->dob == DATE_NONE) return NULL;
    int a = date_age_on(c->dob, date_collection_year_end(year));
    if (a < 17 || a > 21) return NULL;
    if (strcmp(o->in_touch, "DIED") == 0 || strcmp(o->in_touch, "RHOM") == 0) return NULL;
    Date b14 = date_birthday(c->dob, 14), b16 = date_birthday(c->dob, 16);
    Date b18 = date_birthday(c->dob, 18);
    if (care_days_full_time(ds, c, b14, b18) < 91 || care_days_full_time(ds, c, b16, b18) <= 0)
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

typedef struct Spec Spec;
typedef int (*ComputeFn)(const Dataset *ds, int year, const Spec *sp, DfeTally fn, void *ctx,
                         char *reason);

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
    ComputeFn compute;
    int measure;          /* Oc3Measure or Oc2Measure */
    int min_age, max_age; /* on 31 March; -1 for no bound */
};

/* CLA on 31 March excluding V3/V4, with 3+ placements in the year (old NI 062). */
static int placement_short(const Dataset *ds, int year, const Spec *sp, DfeTally fn, void *ctx,
                           char *reason)
{
    (void)sp, (void)reason;
    Date end = date_collection_year_end(year);
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        if (!care_full_time_on(ds, c, end)) continue;
        fn(ctx, c, dfe_placements_in_year(ds, c, year) >= 3, 1);
    }
    return 1;
}

/* CLA on 31 March under 16, looked after continuously 2.5 years or more; in the
 * same placement 2 years or more, or placed for adoption with that placement and
 * the one before together 2 years or more (old NI 063; statutory.md A3). */
static int placement_long(const Dataset *ds, int year, const Spec *sp, DfeTally fn, void *ctx,
                          char *reason)
{
    (void)sp, (void)reason;
    Date end = date_collection_year_end(year);
    Date since_30_months = date_add_months(end, -30), since_2_years = date_add_months(end, -24);
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        int age = age_on_31_march(c, year);
        if (age < 0 || age >= 16) continue;
        Date run = dfe_care_run_start(ds, c, end);
        if (run == DATE_NONE || run > since_30_months) continue;
        const Episode *first = placement_first_episode(ds, c, end);
        bool stable = first->decom <= since_2_years;
        const Episode *now = care_full_time_episode_on(ds, c, end);
        if (!stable && now->place[0] == 'A') { /* placed for adoption: A1..A6 */
            Date before = dfe_placement_start(ds, c, first->decom - 1);
            stable = before != DATE_NONE && before <= since_2_years;
        }
        fn(ctx, c, stable, 1);
    }
    return 1;
}

static bool oc3_counts(const Oc3 *o, Oc3Measure m)
{
    static const char *const eet[] = {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", NULL};
    static const char *const he[] = {"F1", "P1", NULL};
    switch (m) {
    case OC3_IN_TOUCH: return strcmp(o->in_touch, "YES") == 0;
    case OC3_EET: return is_code(o->activ, eet);
    case OC3_SUITABLE: return o->accom[0] && o->accom[1] == '1';
    case OC3_HIGHER_EDUCATION: return is_code(o->activ, he);
    }
    return false;
}

static int care_leavers(const Dataset *ds, int year, const Spec *sp, DfeTally fn, void *ctx,
                        char *reason)
{
    if (!oc3_any_for_year(ds, year)) {
        snprintf(reason, DFE_REASON_LEN, "no OC3 (care leavers) records for %d/%02d", year - 1,
                 year % 100);
        return 0;
    }
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        int age;
        const Oc3 *o = dfe_oc3_cohort(ds, c, year, &age);
        if (!o || age < sp->min_age || age > sp->max_age) continue;
        fn(ctx, c, oc3_counts(o, (Oc3Measure)sp->measure), 1);
    }
    return 1;
}

/* Aged 18 to 20, ceased to be looked after on the 18th birthday in a foster
 * placement (PLACE U1..U6), eligible; living with former foster carers (OC3 ACCOM
 * Z1/Z2) (statutory.md A3, Staying Put; CA89 s23CZA). */
static int staying_put(const Dataset *ds, int year, const Spec *sp, DfeTally fn, void *ctx,
                       char *reason)
{
    (void)sp;
    if (!oc3_any_for_year(ds, year)) {
        snprintf(reason, DFE_REASON_LEN, "no OC3 (care leavers) records for %d/%02d", year - 1,
                 year % 100);
        return 0;
    }
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        int age;
        const Oc3 *o = dfe_oc3_cohort(ds, c, year, &age);
        if (!o || age < 18 || age > 20) continue;
        Date b18 = date_birthday(c->dob, 18);
        const Episode *last = care_full_time_episode_on(ds, c, b18 - 1);
        if (!last || last->dec != b18 || last->place[0] != 'U') continue;
        fn(ctx, c, o->accom[0] == 'Z', 1);
    }
    return 1;
}

/* Reviews held in the year with participation PN1..PN6, of reviews of children
 * aged 4 or over (not PN0), leaving out children in short breaks only on the day. */
static int review_participation(const Dataset *ds, int year, const Spec *sp, DfeTally fn, void *ctx,
                                char *reason)
{
    (void)sp, (void)reason;
    Date from = date_collection_year_start(year), to = date_collection_year_end(year);
    static const char *const took_part[] = {"PN1", "PN2", "PN3", "PN4", "PN5", "PN6", NULL};
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        const Review *rv = child_reviews(ds, c);
        long num = 0, den = 0;
        for (int r = 0; r < c->n_reviews; r++) {
            if (rv[r].date == DATE_NONE || rv[r].date < from || rv[r].date > to) continue;
            if (strcmp(rv[r].code, "PN0") == 0) continue;
            if (c->dob != DATE_NONE && date_age_on(c->dob, rv[r].date) < 4) continue;
            if (care_short_breaks_on(ds, c, rv[r].date)) continue;
            den++;
            num += is_code(rv[r].code, took_part);
        }
        if (den) fn(ctx, c, num, den);
    }
    return 1;
}

static int oc2_measure(const Dataset *ds, int year, const Spec *sp, DfeTally fn, void *ctx,
                       char *reason)
{
    if (!oc2_any_for_year(ds, year)) {
        snprintf(reason, DFE_REASON_LEN,
                 "no OC2 (children looked after for 12 months) records for %d/%02d", year - 1,
                 year % 100);
        return 0;
    }
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        if (sp->min_age >= 0 || sp->max_age >= 0) {
            int age = age_on_31_march(c, year);
            if (age < 0 || (sp->min_age >= 0 && age < sp->min_age) ||
                (sp->max_age >= 0 && age > sp->max_age))
                continue;
        }
        if (!dfe_in_oc2_cohort(ds, c, year)) continue;
        const Oc2 *o = oc2_for_year(ds, c, year);
        switch ((Oc2Measure)sp->measure) {
        case OC2_HEALTH: fn(ctx, c, o && o->health_assessment == 1, 1); break;
        case OC2_IMMUNISATIONS: fn(ctx, c, o && o->immunisations == 1, 1); break;
        case OC2_TEETH: fn(ctx, c, o && o->teeth_check == 1, 1); break;
        case OC2_SUBSTANCE: fn(ctx, c, o && o->substance_misuse == 1, 1); break;
        case OC2_CONVICTED: fn(ctx, c, o && o->convicted == 1, 1); break;
        case OC2_SDQ:
            if (o && o->sdq_score >= 0 && o->sdq_score <= 40) fn(ctx, c, o->sdq_score, 1);
            break;
        }
    }
    return 1;
}

/* Looked after full time at some time in the year; at least one incident of
 * being missing (903 Missing, MISSING = M) starting in the year. */
static int missing_children(const Dataset *ds, int year, const Spec *sp, DfeTally fn, void *ctx,
                            char *reason)
{
    (void)sp;
    if (ds->n_missing == 0) {
        snprintf(reason, DFE_REASON_LEN, "no Missing records in the database");
        return 0;
    }
    Date from = date_collection_year_start(year), to = date_collection_year_end(year);
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        if (care_days_full_time(ds, c, from, to + 1) <= 0) continue;
        const MissingEpisode *m = child_missing(ds, c);
        bool missing = false;
        for (int k = 0; k < c->n_missing && !missing; k++)
            missing = strcmp(m[k].missing, "M") == 0 && m[k].start >= from && m[k].start <= to;
        fn(ctx, c, missing, 1);
    }
    return 1;
}

/* The full-time episode ending the child's care by adoption (REC E11, E12) in
 * the three years ending 31 March, or NULL. */
static const Episode *adopted_in_three_years(const Dataset *ds, const Child *c, int year)
{
    Date from = date_collection_year_start(year - 2), to = date_collection_year_end(year);
    const Episode *eps = child_episodes(ds, c);
    for (int i = c->n_episodes - 1; i >= 0; i--) {
        const Episode *e = &eps[i];
        if (e->dec == DATE_NONE || e->dec < from || e->dec > to) continue;
        if (care_is_short_break_ls(e->ls) || e->decom == DATE_NONE || e->dec <= e->decom) continue;
        if (strcmp(e->rec, "E11") == 0 || strcmp(e->rec, "E12") == 0) return e;
    }
    return NULL;
}

/* Adoption scorecard A1: days from entering care (start of the period of care
 * that ended in adoption) to moving in with the adoptive family (the first
 * episode of that period placed for adoption, PLACE A1..A6). */
static int adoption_a1(const Dataset *ds, int year, const Spec *sp, DfeTally fn, void *ctx,
                       char *reason)
{
    (void)sp, (void)reason;
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        const Episode *exit = adopted_in_three_years(ds, c, year);
        if (!exit) continue;
        Date start = dfe_care_run_start(ds, c, exit->dec - 1);
        const Episode *eps = child_episodes(ds, c);
        for (int k = 0; k < c->n_episodes; k++) {
            const Episode *e = &eps[k];
            if (e->decom == DATE_NONE || e->decom < start || e->decom >= exit->dec) continue;
            if (care_is_short_break_ls(e->ls) || e->place[0] != 'A') continue;
            fn(ctx, c, e->decom - start, 1);
            break;
        }
    }
    return 1;
}

/* Adoption scorecard A2: days from the court's authority to place (the first
 * episode of the period under a placement order E1, or a freeing order D1) to
 * the decision to match (AD1 DATE_MATCH); matched before the order counts 0. */
static int adoption_a2(const Dataset *ds, int year, const Spec *sp, DfeTally fn, void *ctx,
                       char *reason)
{
    (void)sp;
    if (ds->n_ad1 == 0) {
        snprintf(reason, DFE_REASON_LEN,
                 "no AD1 (adoption decision and match) records in the database");
        return 0;
    }
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        const Episode *exit = adopted_in_three_years(ds, c, year);
        if (!exit) continue;
        Date start = dfe_care_run_start(ds, c, exit->dec - 1), order = DATE_NONE;
        const Episode *eps = child_episodes(ds, c);
        for (int k = 0; k < c->n_episodes && order == DATE_NONE; k++) {
            const Episode *e = &eps[k];
            if (e->decom == DATE_NONE || e->decom < start || e->decom >= exit->dec) continue;
            if (strcmp(e->ls, "E1") == 0 || strcmp(e->ls, "D1") == 0) order = e->decom;
        }
        Date match = DATE_NONE;
        const Ad1 *ad = child_ad1(ds, c);
        for (int k = 0; k < c->n_ad1; k++)
            if (ad[k].date_match != DATE_NONE) match = ad[k].date_match;
        if (order == DATE_NONE || match == DATE_NONE) continue;
        fn(ctx, c, match > order ? match - order : 0, 1);
    }
    return 1;
}

static int not_available(const Dataset *ds, int year, const Spec *sp, DfeTally fn, void *ctx,
                         char *reason)
{
    (void)ds, (void)year, (void)fn, (void)ctx;
    snprintf(reason, DFE_REASON_LEN,
             "%s needs the ONS Postcode Directory (eastings, northings and local authority of the "
             "home and placement postcodes); the database holds the postcodes only",
             strcmp(sp->ind.id, "placed_outside_la") == 0 ? "the placement's local authority"
                                                          : "the distance from home");
    return 0;
}

/* Ceased to be looked after in the year (not X1, not V3/V4): returned home
 * (REC E4A, E4B) or to live with parents or relatives (E13). */
static int returned_home(const Dataset *ds, int year, const Spec *sp, DfeTally fn, void *ctx,
                         char *reason)
{
    (void)sp, (void)reason;
    static const char *const home[] = {"E4A", "E4B", "E13", NULL};
    Date from = date_collection_year_start(year), to = date_collection_year_end(year);
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        const Episode *eps = child_episodes(ds, c), *last = NULL;
        for (int k = 0; k < c->n_episodes; k++) {
            const Episode *e = &eps[k];
            if (e->dec == DATE_NONE || e->dec < from || e->dec > to) continue;
            if (care_is_short_break_ls(e->ls) || !e->rec[0] || strcmp(e->rec, "X1") == 0) continue;
            last = e;
        }
        if (last) fn(ctx, c, is_code(last->rec, home), 1);
    }
    return 1;
}

/* Placement changes (RNE P or B) begun in the year, not V3/V4, with a reason
 * recorded; planned = REASON_PLACE_CHANGE CARPL. */
static int placement_changes_planned(const Dataset *ds, int year, const Spec *sp, DfeTally fn,
                                     void *ctx, char *reason)
{
    (void)sp, (void)reason;
    Date from = date_collection_year_start(year), to = date_collection_year_end(year);
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        const Episode *eps = child_episodes(ds, c);
        long num = 0, den = 0;
        for (int k = 0; k < c->n_episodes; k++) {
            const Episode *e = &eps[k];
            if (e->decom == DATE_NONE || e->decom < from || e->decom > to) continue;
            if (care_is_short_break_ls(e->ls) || !e->reason_place_change[0]) continue;
            if (strcmp(e->rne, "P") != 0 && strcmp(e->rne, "B") != 0) continue;
            den++;
            num += strcmp(e->reason_place_change, "CARPL") == 0;
        }
        if (den) fn(ctx, c, num, den);
    }
    return 1;
}

#define PCT(id)                 \
    {                           \
        id, DFE_PERCENT, "%", 0 \
    }

static const Spec specs[] = {
    {PCT("placement_stability_short"), placement_short, 0, -1, -1},
    {PCT("placement_stability_long"), placement_long, 0, -1, -1},
    {PCT("care_leavers_in_touch"), care_leavers, OC3_IN_TOUCH, 17, 21},
    {PCT("care_leavers_in_touch_17_18"), care_leavers, OC3_IN_TOUCH, 17, 18},
    {PCT("care_leavers_in_touch_19_21"), care_leavers, OC3_IN_TOUCH, 19, 21},
    {PCT("care_leavers_eet"), care_leavers, OC3_EET, 17, 21},
    {PCT("care_leavers_eet_17_18"), care_leavers, OC3_EET, 17, 18},
    {PCT("care_leavers_eet_19_21"), care_leavers, OC3_EET, 19, 21},
    {PCT("care_leavers_suitable_accommodation"), care_leavers, OC3_SUITABLE, 17, 21},
    {PCT("care_leavers_suitable_accommodation_17_18"), care_leavers, OC3_SUITABLE, 17, 18},
    {PCT("care_leavers_suitable_accommodation_19_21"), care_leavers, OC3_SUITABLE, 19, 21},
    {PCT("care_leavers_higher_education"), care_leavers, OC3_HIGHER_EDUCATION, 19, 21},
    {PCT("staying_put"), staying_put, 0, 18, 20},
    {PCT("review_participation"), review_participation, 0, -1, -1},
    {PCT("oc2_health_assessment"), oc2_measure, OC2_HEALTH, -1, -1},
    {PCT("oc2_immunisations"), oc2_measure, OC2_IMMUNISATIONS, -1, -1},
    {PCT("oc2_teeth_check"), oc2_measure, OC2_TEETH, -1, -1},
    {{"oc2_sdq_average", DFE_MEAN, "score", 1}, oc2_measure, OC2_SDQ, 5, 16},
    {PCT("oc2_substance_misuse"), oc2_measure, OC2_SUBSTANCE, -1, -1},
    {PCT("oc2_convicted"), oc2_measure, OC2_CONVICTED, 10, 17},
    {PCT("missing_children"), missing_children, 0, -1, -1},
    {{"adoption_a1", DFE_MEAN, "days", 0}, adoption_a1, 0, -1, -1},
    {{"adoption_a2", DFE_MEAN, "days", 0}, adoption_a2, 0, -1, -1},
    {PCT("placed_over_20_miles"), not_available, 0, -1, -1},
    {PCT("placed_outside_la"), not_available, 0, -1, -1},
    {PCT("returned_home"), returned_home, 0, -1, -1},
    {PCT("placement_changes_planned"), placement_changes_planned, 0, -1, -1},
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

int dfe_tally(const Dataset *ds, const char *id, int year, DfeTally fn, void *ctx, char *reason)
{
    const Spec *sp = find_spec(id);
    if (!sp) return -1;
    reason[0] = '\0';
    return sp->compute(ds, year, sp, fn, ctx, reason);
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
