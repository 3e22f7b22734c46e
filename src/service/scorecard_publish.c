/* scorecard_publish: see scorecard_publish.h.
 *
 * Why jointly: each table protected on its own still leaks when the same count
 * is published in two places and withheld in only one (a care-leaver cohort's
 * denominator in its total, its age parts and another indicator), when group
 * margins meet the age parts, or when a gap's sides meet the base indicator
 * (issue 17). Here each count is one variable, so it is withheld everywhere or
 * nowhere, and the audit sees every equation at once. */
#include "service/scorecard_publish.h"

#include "base/mem.h"
#include "domain/disclosure_system.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The variables of one figure: numerator, the rest of the denominator, and the
 * denominator (an average has only a denominator: its numerator is days or
 * scores, not children). -1 when absent. */
typedef struct FigVars {
    int num, rest, den;
} FigVars;

typedef struct Joint {
    DiscSystem sys;
    Scorecard *sc;
    FigVars *trend;  /* [entry][year] */
    FigVars *groups; /* [entry][group], the year asked */
    FigVars *sides;  /* [entry][year][side] */
} Joint;

static FigVars *trend_vars(Joint *j, int i, int k)
{
    return &j->trend[(size_t)i * SCORECARD_MAX_YEARS + (size_t)k];
}

static FigVars *group_vars(Joint *j, int i, int g)
{
    return &j->groups[(size_t)i * SCORECARD_MAX_GROUPS + (size_t)g];
}

static FigVars *side_vars(Joint *j, int i, int k, int s)
{
    return &j->sides[((size_t)i * SCORECARD_MAX_YEARS + (size_t)k) * 2 + (size_t)s];
}

static int add_count(Joint *j, long value, bool withheld)
{
    int v = disc_sys_var(&j->sys, value, false);
    if (withheld && value != 0) j->sys.state[v] = DISC_SECONDARY; /* zeros are published */
    return v;
}

/* A figure's counts, withheld as its own table left them. */
static int add_figure(Joint *j, const DfeIndicator *d, const ScoreFigure *f, FigVars *out, Err *err)
{
    bool num_c = strcmp(f->num_text, "c") == 0, den_c = strcmp(f->den_text, "c") == 0;
    out->num = out->rest = -1;
    out->den = add_count(j, f->den, den_c);
    if (d->unit != DFE_PERCENT || f->num < 0 || f->num > f->den) return 0;
    out->num = add_count(j, f->num, num_c);
    out->rest = add_count(j, f->den - f->num, num_c || den_c);
    int parts[2] = {out->num, out->rest};
    return disc_sys_sum(&j->sys, 2, parts, out->den, err);
}

/* parts[0..n) add up to total, for the numerators and for the denominators. */
static int add_sums(Joint *j, FigVars *const *parts, int n, const FigVars *total, Err *err)
{
    int vars[SCORECARD_MAX_GROUPS + 1] = {0};
    bool nums = total->num >= 0;
    for (int i = 0; i < n; i++) {
        vars[i] = parts[i]->den;
        nums = nums && parts[i]->num >= 0;
    }
    int rc = disc_sys_sum(&j->sys, n, vars, total->den, err);
    if (rc < 0 || !nums) return rc;
    for (int i = 0; i < n; i++) vars[i] = parts[i]->num;
    return disc_sys_sum(&j->sys, n, vars, total->num, err);
}

static int add_groups(Joint *j, int i, Err *err)
{
    Scorecard *sc = j->sc;
    ScoreEntry *e = &sc->entries[i];
    int now = sc->n_years - 1;
    FigVars *parts[SCORECARD_MAX_GROUPS];
    for (int g = 0; g < sc->n_groups; g++) {
        parts[g] = group_vars(j, i, g);
        int rc = add_figure(j, e->dfe, &e->groups[g], parts[g], err);
        if (rc < 0) return rc;
    }
    return add_sums(j, parts, sc->n_groups, trend_vars(j, i, now), err);
}

static bool is_gap(const ScoreEntry *e)
{
    return e->sides[0] != NULL;
}

/* Every entry's figures of every year, and the groups of the year asked. */
static int add_entries(Joint *j, Err *err)
{
    Scorecard *sc = j->sc;
    for (int i = 0; i < sc->n_entries; i++) {
        ScoreEntry *e = &sc->entries[i];
        if (!e->dfe || is_gap(e)) continue;
        for (int k = 0; k < sc->n_years; k++) {
            *trend_vars(j, i, k) = (FigVars){-1, -1, -1};
            if (!e->trend_available[k]) continue;
            int rc = add_figure(j, e->dfe, &e->trend[k], trend_vars(j, i, k), err);
            if (rc < 0) return rc;
        }
        if (sc->n_groups && e->trend_available[sc->n_years - 1]) {
            int rc = add_groups(j, i, err);
            if (rc < 0) return rc;
        }
    }
    return 0;
}

static int entry_index(const Scorecard *sc, const char *id)
{
    const ScoreEntry *e = id ? scorecard_entry(sc, id) : NULL;
    return e ? (int)(e - sc->entries) : -1;
}

/* The indicators published as a total and its parts by age (as in
 * scorecard.c): the parts add up to the total when they partition it. */
static const struct {
    const char *total, *parts[2];
} families[] = {
    {"care_leavers_in_touch", {"care_leavers_in_touch_17_18", "care_leavers_in_touch_19_21"}},
    {"care_leavers_eet", {"care_leavers_eet_17_18", "care_leavers_eet_19_21"}},
    {"care_leavers_suitable_accommodation",
     {"care_leavers_suitable_accommodation_17_18", "care_leavers_suitable_accommodation_19_21"}},
};

static bool available(const Scorecard *sc, int i, int k)
{
    return i >= 0 && sc->entries[i].dfe && sc->entries[i].trend_available[k];
}

static int add_families(Joint *j, Err *err)
{
    Scorecard *sc = j->sc;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
        int total = entry_index(sc, families[f].total);
        int a = entry_index(sc, families[f].parts[0]), b = entry_index(sc, families[f].parts[1]);
        for (int k = 0; k < sc->n_years; k++) {
            if (!available(sc, total, k) || !available(sc, a, k) || !available(sc, b, k)) continue;
            const ScoreFigure *ft = &sc->entries[total].trend[k];
            const ScoreFigure *fa = &sc->entries[a].trend[k], *fb = &sc->entries[b].trend[k];
            if (fa->num + fb->num != ft->num || fa->den + fb->den != ft->den) continue;
            FigVars *parts[2] = {trend_vars(j, a, k), trend_vars(j, b, k)};
            int rc = add_sums(j, parts, 2, trend_vars(j, total, k), err);
            if (rc < 0) return rc;
        }
    }
    return 0;
}

/* A gap's two sides of year k and the children on neither side (never
 * published: hidden counts) add up to the base indicator's figure. */
static int add_gap_year(Joint *j, int i, int base, int k, Err *err)
{
    ScoreEntry *e = &j->sc->entries[i];
    const ScoreEntry *b = &j->sc->entries[base];
    FigVars *side[2] = {side_vars(j, i, k, 0), side_vars(j, i, k, 1)};
    for (int s = 0; s < 2; s++) {
        int rc = add_figure(j, b->dfe, &e->side_figures[k][s], side[s], err);
        if (rc < 0) return rc;
    }
    const FigVars *whole = trend_vars(j, base, k);
    long num = b->trend[k].num, den = b->trend[k].den;
    for (int s = 0; s < 2; s++) num -= e->side_figures[k][s].num, den -= e->side_figures[k][s].den;
    if (num < 0 || den < num || whole->num < 0 || side[0]->num < 0 || side[1]->num < 0)
        return 0; /* not the base figure's children: nothing links them */
    FigVars rest = {disc_sys_var(&j->sys, num, true), disc_sys_var(&j->sys, den - num, true),
                    disc_sys_var(&j->sys, den, true)};
    int parts2[2] = {rest.num, rest.rest};
    int rc = disc_sys_sum(&j->sys, 2, parts2, rest.den, err);
    FigVars *parts[3] = {side[0], side[1], &rest};
    return rc < 0 ? rc : add_sums(j, parts, 3, whole, err);
}

static int add_gaps(Joint *j, Err *err)
{
    Scorecard *sc = j->sc;
    for (int i = 0; i < sc->n_entries; i++) {
        ScoreEntry *e = &sc->entries[i];
        for (int k = 0; k < sc->n_years; k++)
            *side_vars(j, i, k, 0) = *side_vars(j, i, k, 1) = (FigVars){-1, -1, -1};
        if (!is_gap(e)) continue;
        int base = entry_index(sc, e->base);
        for (int k = 0; k < sc->n_years; k++) {
            if (!e->trend_available[k] || !available(sc, base, k)) continue;
            int rc = add_gap_year(j, i, base, k, err);
            if (rc < 0) return rc;
        }
    }
    return 0;
}

/* Within one year, totals of equal value may count the same children (a cohort
 * published by two indicators): a reader is assumed to know they are equal. */
static int add_equal_counts(Joint *j, int k, Err *err)
{
    Scorecard *sc = j->sc;
    int n = 0, *vars = xcalloc((size_t)sc->n_entries * 2, sizeof *vars);
    for (int i = 0; i < sc->n_entries; i++) {
        if (!available(sc, i, k) || is_gap(&sc->entries[i])) continue;
        const FigVars *f = trend_vars(j, i, k);
        if (f->num >= 0) vars[n++] = f->num;
        if (f->den >= 0) vars[n++] = f->den;
    }
    int rc = 0;
    for (int a = 0; a < n && rc == 0; a++) {
        long v = j->sys.value[vars[a]];
        if (v <= 0) continue;
        for (int b = a + 1; b < n; b++) { /* the next of equal value: a chain */
            if (j->sys.value[vars[b]] != v) continue;
            int pair[2] = {vars[a], vars[b]}, coef[2] = {1, -1};
            rc = disc_sys_eq(&j->sys, 2, pair, coef, err);
            break;
        }
    }
    free(vars);
    return rc;
}

static void write_figure(Joint *j, const DfeIndicator *d, ScoreFigure *f, const FigVars *v)
{
    bool den_c = disc_sys_withheld(&j->sys, v->den);
    bool num_c = v->num >= 0 ? disc_sys_withheld(&j->sys, v->num) : den_c;
    scorecard_set_figure(f, d, f->num, f->den, num_c, den_c);
}

static void write_back(Joint *j)
{
    Scorecard *sc = j->sc;
    for (int i = 0; i < sc->n_entries; i++) {
        ScoreEntry *e = &sc->entries[i];
        if (!e->dfe) continue;
        for (int k = 0; k < sc->n_years; k++) {
            if (!e->trend_available[k]) continue;
            if (!is_gap(e)) {
                write_figure(j, e->dfe, &e->trend[k], trend_vars(j, i, k));
                continue;
            }
            if (side_vars(j, i, k, 0)->den < 0) continue;
            const ScoreEntry *b = scorecard_entry(sc, e->base);
            for (int s = 0; s < 2; s++)
                write_figure(j, b->dfe, &e->side_figures[k][s], side_vars(j, i, k, s));
            if (e->side_figures[k][0].suppressed || e->side_figures[k][1].suppressed) {
                e->trend[k].suppressed = true;
                e->trend[k].value = NAN;
                snprintf(e->trend[k].value_text, DISC_TEXT_LEN, "c");
            }
        }
        if (sc->n_groups && !is_gap(e) && e->trend_available[sc->n_years - 1])
            for (int g = 0; g < sc->n_groups; g++)
                write_figure(j, e->dfe, &e->groups[g], group_vars(j, i, g));
    }
}

int scorecard_publish_jointly(Scorecard *sc, Err *err)
{
    Joint j = {.sc = sc};
    disc_sys_init(&j.sys);
    size_t n = (size_t)sc->n_entries;
    j.trend = xcalloc(n * SCORECARD_MAX_YEARS, sizeof *j.trend);
    j.groups = xcalloc(n * SCORECARD_MAX_GROUPS, sizeof *j.groups);
    j.sides = xcalloc(n * SCORECARD_MAX_YEARS * 2, sizeof *j.sides);
    int rc = add_entries(&j, err);
    if (rc == 0) rc = add_families(&j, err);
    if (rc == 0) rc = add_gaps(&j, err);
    for (int k = 0; k < sc->n_years && rc == 0; k++) rc = add_equal_counts(&j, k, err);
    if (rc == 0) rc = disc_sys_protect(&j.sys, sc->opt.threshold, err);
    if (rc == 0) write_back(&j);
    disc_sys_free(&j.sys);
    free(j.trend);
    free(j.groups);
    free(j.sides);
    return rc;
}
