/* scorecard_publish: see scorecard_publish.h.
 *
 * Why jointly: each table protected on its own still leaks when the same count
 * is published in two places and withheld in only one (a care-leaver cohort's
 * denominator in its total, its age parts and another indicator), when group
 * margins meet the age parts, or when a gap's sides meet the base indicator
 * (issue 17). Here each count is one variable, so it is withheld everywhere or
 * nowhere, and the audit sees every equation at once.
 *
 * Why two layers (domain/publication): the totals of every year are protected
 * first, on their own, then the groups of a breakdown with the totals fixed.
 * A year's totals are then withheld the same with and without --by, and the
 * same in this year's scorecard as in next year's trend column, so no two
 * scorecards of one database differ on a count (issue 17: found with --by age,
 * a total withheld here and shown in next year's trend). The marks each table
 * got on its own (service/scorecard.c) are not carried over: they depend on
 * the breakdown asked, and the exact audit needs none of them. */
#include "service/scorecard_publish.h"

#include "base/mem.h"
#include "domain/disclosure_system.h"
#include "domain/publication.h"

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
    Publication *pub;
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

/* A figure's counts, all shown until the layer is protected. */
static int add_figure(Joint *j, const DfeIndicator *d, const ScoreFigure *f, FigVars *out, Err *err)
{
    out->num = out->rest = -1;
    out->den = publication_count(j->pub, f->den);
    if (d->unit != DFE_PERCENT || f->num < 0 || f->num > f->den) return 0;
    out->num = publication_count(j->pub, f->num);
    out->rest = publication_count(j->pub, f->den - f->num);
    int parts[2] = {out->num, out->rest};
    return publication_sum(j->pub, 2, parts, out->den, err);
}

/* A figure's numerator and denominator may be the same children as another
 * figure's of the same key. */
static int add_cohorts(Joint *j, const FigVars *f, int year, Err *err)
{
    int key = scorecard_publish_key(year, SCORECARD_KEY_FIGURES);
    int rc = f->num >= 0 ? publication_cohort(j->pub, f->num, key, err) : 0;
    if (rc < 0 || f->den < 0) return rc;
    rc = publication_cohort(j->pub, f->den, key, err);
    int cohorts = scorecard_publish_key(year, SCORECARD_KEY_COHORTS);
    return rc < 0 ? rc : publication_cohort(j->pub, f->den, cohorts, err);
}

int scorecard_publish_key(int year, ScorecardKey which)
{
    return year * 2 + (which == SCORECARD_KEY_COHORTS);
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
    int rc = disc_sys_sum(&j->pub->sys, n, vars, total->den, err);
    if (rc < 0 || !nums) return rc;
    for (int i = 0; i < n; i++) vars[i] = parts[i]->num;
    return disc_sys_sum(&j->pub->sys, n, vars, total->num, err);
}

static bool is_gap(const ScoreEntry *e)
{
    return e->sides[0] != NULL;
}

/* Whether entry i publishes groups that add up to the year's figure (a
 * survey's groups are "x", and an indicator outside the records has none). */
static bool has_breakdown(const Scorecard *sc, int i)
{
    const ScoreEntry *e = &sc->entries[i];
    int now = sc->n_years - 1;
    if (!sc->n_groups || !e->dfe || is_gap(e) || !e->trend_available[now] ||
        e->ind->kind == INDICATOR_SURVEY)
        return false;
    long num = 0, den = 0;
    for (int g = 0; g < sc->n_groups; g++) num += e->groups[g].num, den += e->groups[g].den;
    return den == e->trend[now].den && num == e->trend[now].num;
}

/* Whether entries a and b have the same denominator in every group (and so
 * in total): then they are taken to count the same children. */
static bool same_denominators(const Scorecard *sc, int a, int b)
{
    for (int g = 0; g < sc->n_groups; g++)
        if (sc->entries[a].groups[g].den != sc->entries[b].groups[g].den) return false;
    return true;
}

/* Entry i's groups of the year asked: they add up to its figure, and their
 * denominators are those of the first indicator before it with the same
 * denominator in every group (one cohort, as the children in care on 31 March
 * by age are for several indicators). */
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
    int rc = add_sums(j, parts, sc->n_groups, trend_vars(j, i, now), err);
    int twin = 0;
    while (twin < i && !(has_breakdown(sc, twin) && same_denominators(sc, twin, i))) twin++;
    for (int g = 0; g < sc->n_groups && twin < i && rc == 0; g++) {
        if (e->groups[g].den == 0) continue;
        int pair[2] = {parts[g]->den, group_vars(j, twin, g)->den}, coef[2] = {1, -1};
        rc = disc_sys_eq(&j->pub->sys, 2, pair, coef, err);
    }
    return rc;
}

/* Every entry's figures of every year, each a cohort of its year. */
static int add_entries(Joint *j, Err *err)
{
    Scorecard *sc = j->sc;
    int first = sc->opt.year - sc->opt.years;
    for (int i = 0; i < sc->n_entries; i++) {
        ScoreEntry *e = &sc->entries[i];
        if (!e->dfe || is_gap(e)) continue;
        for (int k = 0; k < sc->n_years; k++) {
            *trend_vars(j, i, k) = (FigVars){-1, -1, -1};
            if (!e->trend_available[k]) continue;
            int rc = add_figure(j, e->dfe, &e->trend[k], trend_vars(j, i, k), err);
            if (rc < 0) return rc;
        }
    }
    /* After every figure, so that each year's cohorts link to their first
     * equal, the same in any output holding the year. */
    for (int k = 0; k < sc->n_years; k++)
        for (int i = 0; i < sc->n_entries; i++) {
            if (!sc->entries[i].dfe || is_gap(&sc->entries[i]) ||
                !sc->entries[i].trend_available[k])
                continue;
            int rc = add_cohorts(j, trend_vars(j, i, k), first + k, err);
            if (rc < 0) return rc;
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

/* The marks a gap's table of sides gave (service/scorecard.c), kept as a
 * start: that table is the same with and without --by, and its sides
 * withheld spare the base indicator's figure. */
static void seed_marks(Joint *j, const ScoreFigure *f, const FigVars *v)
{
    bool num_c = strcmp(f->num_text, "c") == 0, den_c = strcmp(f->den_text, "c") == 0;
    int vars[3] = {v->num, v->rest, v->den};
    bool c[3] = {num_c, num_c || den_c, den_c};
    for (int k = 0; k < 3; k++)
        if (vars[k] >= 0 && c[k] && j->pub->sys.value[vars[k]] != 0)
            j->pub->sys.state[vars[k]] = DISC_SECONDARY;
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
        seed_marks(j, &e->side_figures[k][s], side[s]);
    }
    const FigVars *whole = trend_vars(j, base, k);
    long num = b->trend[k].num, den = b->trend[k].den;
    for (int s = 0; s < 2; s++) num -= e->side_figures[k][s].num, den -= e->side_figures[k][s].den;
    if (num < 0 || den < num || whole->num < 0 || side[0]->num < 0 || side[1]->num < 0)
        return 0; /* not the base figure's children: nothing links them */
    FigVars rest = {disc_sys_var(&j->pub->sys, num, true),
                    disc_sys_var(&j->pub->sys, den - num, true),
                    disc_sys_var(&j->pub->sys, den, true)};
    int parts2[2] = {rest.num, rest.rest};
    int rc = disc_sys_sum(&j->pub->sys, 2, parts2, rest.den, err);
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

static void write_figure(Joint *j, const DfeIndicator *d, ScoreFigure *f, const FigVars *v)
{
    bool den_c = disc_sys_withheld(&j->pub->sys, v->den);
    bool num_c = v->num >= 0 ? disc_sys_withheld(&j->pub->sys, v->num) : den_c;
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
        if (has_breakdown(sc, i))
            for (int g = 0; g < sc->n_groups; g++)
                write_figure(j, e->dfe, &e->groups[g], group_vars(j, i, g));
    }
}

/* Whether var is one of entry i's counts of the year asked (its figure or
 * its groups). */
static bool entry_holds(Joint *j, int i, int var)
{
    const FigVars *now = trend_vars(j, i, j->sc->n_years - 1);
    bool held = var == now->num || var == now->rest || var == now->den;
    for (int g = 0; g < j->sc->n_groups && !held; g++) {
        const FigVars *f = group_vars(j, i, g);
        held = var == f->num || var == f->rest || var == f->den;
    }
    return held;
}

/* A breakdown withheld as a whole: every group's counts, zeros included, so a
 * reader cannot take any of them to be at least 1 (docs/disclosure.md). */
static void hide_breakdown(Joint *j, int i)
{
    for (int g = 0; g < j->sc->n_groups; g++) {
        const FigVars *f = group_vars(j, i, g);
        int vars[3] = {f->num, f->rest, f->den};
        for (int v = 0; v < 3; v++)
            if (vars[v] >= 0) j->pub->sys.state[vars[v]] = DISC_HIDDEN;
    }
}

/* The layer of the groups, with the year's figures fixed. When a small count
 * cannot be protected so (groups that are not 0 are at least 1 each, so a
 * breakdown of a withheld 2 into two groups shows it is at least 2), every
 * breakdown linked to it is withheld as a whole and the layer is protected
 * again. */
static int protect_groups(Joint *j, Err *err)
{
    Scorecard *sc = j->sc;
    DiscSystem *sys = &j->pub->sys;
    int first = sys->n_vars;
    for (int i = 0; i < sc->n_entries; i++) {
        if (!has_breakdown(sc, i)) continue;
        int rc = add_groups(j, i, err);
        if (rc < 0) return rc;
    }
    size_t n = (size_t)(sys->n_vars - first);
    unsigned char *start = xcalloc(n + 1, 1), *hidden = xcalloc((size_t)sc->n_entries, 1);
    memcpy(start, sys->state + first, n);
    int rc;
    int *linked = xcalloc((size_t)sys->n_vars, sizeof *linked);
    while ((rc = publication_layer(j->pub, err)) == ERR_INPUT && sys->failed_var >= 0) {
        bool more = false;
        int n_linked = disc_sys_linked(sys, sys->failed_var, linked);
        for (int i = 0; i < sc->n_entries; i++)
            for (int m = 0; m < n_linked && has_breakdown(sc, i) && !hidden[i]; m++)
                if (entry_holds(j, i, linked[m])) hidden[i] = more = true;
        if (!more) break;
        memcpy(sys->state + first, start, n);
        for (int i = 0; i < sc->n_entries; i++)
            if (hidden[i]) hide_breakdown(j, i);
    }
    free(start);
    free(hidden);
    free(linked);
    return rc;
}

int scorecard_publish_jointly(Scorecard *sc, Publication *pub, Err *err)
{
    Publication own;
    if (!pub) publication_init(&own, sc->opt.threshold);
    Joint j = {.pub = pub ? pub : &own, .sc = sc};
    size_t n = (size_t)sc->n_entries;
    j.trend = xcalloc(n * SCORECARD_MAX_YEARS, sizeof *j.trend);
    j.groups = xcalloc(n * SCORECARD_MAX_GROUPS, sizeof *j.groups);
    j.sides = xcalloc(n * SCORECARD_MAX_YEARS * 2, sizeof *j.sides);
    int rc = add_entries(&j, err);
    if (rc == 0) rc = add_families(&j, err);
    if (rc == 0) rc = add_gaps(&j, err);
    if (rc == 0) rc = publication_layer(j.pub, err);
    if (rc == 0 && pub && sc->opt.before_groups)
        rc = sc->opt.before_groups(sc->opt.before_groups_arg, pub, err);
    if (rc == 0 && sc->n_groups) rc = protect_groups(&j, err);
    if (rc == 0) write_back(&j);
    if (!pub) publication_free(&own);
    free(j.trend);
    free(j.groups);
    free(j.sides);
    return rc;
}
