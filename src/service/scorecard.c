/* scorecard: see scorecard.h and docs/scorecard.md. The figures come from
 * domain/dfe_indicators, suppression from domain/disclosure. It writes
 * nothing: render/scorecard_*.c do. No SQL here: the Dataset is loaded
 * through service/dataset_load. */
#include "service/scorecard.h"
#include "service/scorecard_publish.h"

#include "base/mem.h"
#include "domain/care.h"
#include "domain/codes.h"
#include "domain/local_indicators.h"
#include "service/dataset_load.h"
#include "service/parallel.h"
#include "service/places.h"
#include "store/store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int scorecard_parse_by(const char *s, ScorecardBy *out)
{
    static const char *const names[] = {"disability", "ethnicity", "age", "placement"};
    for (int i = 0; i < 4; i++)
        if (s && strcmp(s, names[i]) == 0) {
            *out = (ScorecardBy)(i + 1);
            return 0;
        }
    return -1;
}

const char *scorecard_by_name(ScorecardBy by)
{
    static const char *const names[] = {"", "disability", "ethnicity", "age", "placement"};
    return names[by];
}

/* ---- Groups --------------------------------------------------------------- */

static const char *const disability_groups[] = {"disabled", "not disabled"};
static const char *const ethnicity_groups[] = {"minority ethnic", "White British", "not recorded"};
static const char *const age_groups[] = {"under 1",  "1 to 4",      "5 to 9",
                                         "10 to 15", "16 and over", "not known"};
static const char *const placement_groups[] = {"foster care",
                                               "placed for adoption",
                                               "placed with parents",
                                               "children's homes and residential",
                                               "other",
                                               "not in care on 31 March"};

/* The child's group on 31 March of the year (DfE age bands; placement on that day). */
static int group_of(const Dataset *ds, const Child *c, int year, ScorecardBy by)
{
    Date end = date_collection_year_end(year);
    switch (by) {
    case SCORECARD_BY_NONE: return 0;
    case SCORECARD_BY_DISABILITY: return care_disabled_on(ds, c, end) ? 0 : 1;
    case SCORECARD_BY_ETHNICITY:
        return care_ethnic_minority(c) ? 0 : strcmp(c->ethnic, "WBRI") == 0 ? 1 : 2;
    case SCORECARD_BY_AGE: {
        if (c->dob == DATE_NONE) return 5;
        int a = date_age_on(c->dob, end);
        return a < 1 ? 0 : a < 5 ? 1 : a < 10 ? 2 : a < 16 ? 3 : 4;
    }
    case SCORECARD_BY_PLACEMENT: {
        const Episode *e = care_full_time_episode_on(ds, c, end);
        if (!e) return 5;
        switch (codes_current("PLACE", e->place)[0]) { /* older codes as today's */
        case 'U': return 0;
        case 'A': return 1;
        case 'P': return strcmp(e->place, "P1") == 0 ? 2 : 4;
        case 'K':
        case 'R':
        case 'S':
        case 'H': return 3;
        default: return 4;
        }
    }
    }
    return 0;
}

typedef struct Tally {
    long num[SCORECARD_MAX_GROUPS], den[SCORECARD_MAX_GROUPS];
} Tally;

/* The gap indicators of promise 3.7: a base indicator compared between two
 * sides (catalogue: reviews_on_time_disabled_gap, reviews_on_time_ethnicity_gap). */
typedef enum GapSplit { GAP_DISABILITY, GAP_ETHNICITY, GAP_COUNT } GapSplit;
static const struct {
    DfeIndicator ind;
    const char *base;
    const char *sides[2];
} gaps[GAP_COUNT] = {
    [GAP_DISABILITY] = {{"reviews_on_time_disabled_gap", DFE_PERCENT, "points", 0},
                        "reviews_on_time",
                        {"disabled children", "other children"}},
    [GAP_ETHNICITY] = {{"reviews_on_time_ethnicity_gap", DFE_PERCENT, "points", 0},
                       "reviews_on_time",
                       {"minority ethnic", "White British"}},
};

/* 0 or 1 for the child's side of a gap on 31 March, -1 for neither (ethnic
 * origin not recorded, refused or not yet obtained). */
static int gap_side(const Dataset *ds, const Child *c, int year, GapSplit split)
{
    if (split == GAP_DISABILITY)
        return care_disabled_on(ds, c, date_collection_year_end(year)) ? 0 : 1;
    return care_ethnic_minority(c) ? 0 : strcmp(c->ethnic, "WBRI") == 0 ? 1 : -1;
}

/* One year's pass: a Tally per indicator computed, each child's group worked
 * out once. */
typedef struct YearPass {
    const Dataset *ds;
    int year;
    ScorecardBy by;
    Tally *tallies;
    const Child *last; /* the child whose group is cached */
    int group;
    int base_k[GAP_COUNT]; /* index of each gap's base in this call, or -1 */
    long gap_num[GAP_COUNT][3], gap_den[GAP_COUNT][3]; /* by side; [2]: on neither side */
} YearPass;

static void tally_child(void *ctx, int k, const Child *c, long num, long den)
{
    YearPass *p = ctx;
    if (c != p->last) {
        p->last = c;
        p->group = group_of(p->ds, c, p->year, p->by);
    }
    p->tallies[k].num[p->group] += num;
    p->tallies[k].den[p->group] += den;
    for (int g = 0; g < GAP_COUNT; g++) {
        if (k != p->base_k[g]) continue;
        int side = gap_side(p->ds, c, p->year, (GapSplit)g);
        if (side < 0) side = 2;
        p->gap_num[g][side] += num;
        p->gap_den[g][side] += den;
    }
}

static void tally_year(void *ctx, int y, int k, const Child *c, long num, long den)
{
    tally_child((YearPass *)ctx + y, k, c, num, den);
}

/* Every year's tallies, one YearPass per year (passes[y], its Tally per
 * indicator computed at tallies + y * stride), with status and reasons of the
 * indicators at status + y * stride and reasons + y * stride: the DfE
 * indicators year by year, the local ones in one pass for all the years. */
typedef struct YearsPass {
    const Dataset *ds;
    const ScorecardOptions *opt;
    int first_year, n_years, n_ids, n_dfe, stride;
    const char *const *ids;
    const int *gap_base;
    YearPass *passes;
    Tally *tallies;
    int *status;
    char (*reasons)[DFE_REASON_LEN];
} YearsPass;

static void tally_years(YearsPass *w)
{
    int n_dfe = w->n_dfe, n_local = w->n_ids - n_dfe;
    for (int y = 0; y < w->n_years; y++) {
        bool now = y == w->n_years - 1;
        YearPass *pass = &w->passes[y];
        *pass = (YearPass){.ds = w->ds,
                           .year = w->first_year + y,
                           .by = now ? w->opt->by : SCORECARD_BY_NONE,
                           .tallies = w->tallies + (size_t)y * w->stride};
        for (int g = 0; g < GAP_COUNT; g++)
            pass->base_k[g] = w->gap_base[g] >= 0 && w->gap_base[g] < n_dfe ? w->gap_base[g] : -1;
        dfe_tally_many(w->ds, pass->year, w->ids, n_dfe, tally_child, pass,
                       w->status + (size_t)y * w->stride, w->reasons + (size_t)y * w->stride);
        pass->tallies += n_dfe;
        pass->last = NULL;
        for (int g = 0; g < GAP_COUNT; g++)
            pass->base_k[g] = w->gap_base[g] >= n_dfe ? w->gap_base[g] - n_dfe : -1;
    }
    int *status = w->status + n_dfe;
    char(*reasons)[DFE_REASON_LEN] = w->reasons + n_dfe;
    if (w->opt->cal)
        local_indicators_tally_years(w->ds, w->opt->cal, w->first_year, w->n_years, w->ids + n_dfe,
                                     n_local, tally_year, w->passes, status, reasons);
    else
        for (int j = 0; j < n_local; j++) {
            status[j] = 0;
            snprintf(reasons[j], DFE_REASON_LEN, "needs the working-day calendar");
        }
    for (int y = 1; y < w->n_years; y++) /* the same every year */
        for (int j = 0; j < n_local; j++) {
            status[(size_t)y * w->stride + j] = status[j];
            memcpy(reasons[(size_t)y * w->stride + j], reasons[j], DFE_REASON_LEN);
        }
}

/* The tallies of a share of the children (service/parallel.h): a view of the
 * Dataset holding a slice of its children. The domain functions are pure, and
 * each share writes only to its own YearsPass. */
typedef struct Share {
    Dataset view;
    YearsPass w;
} Share;

static void tally_share(void *arg)
{
    tally_years(&((Share *)arg)->w);
}

/* Fills w (its ds, passes, tallies, status and reasons set by the caller as
 * for one thread) with every year's tallies, computed on `threads` threads
 * (scorecard.h), each over a share of the children; then adds the shares up.
 * Sums of counts: the same whatever the shares. */
static void tally_years_shared(YearsPass *w, int threads)
{
    const Dataset *ds = w->ds;
    int n = parallel_share_count(ds, threads);
    if (n == 1) {
        tally_years(w);
        return;
    }
    size_t cells = (size_t)w->n_years * (size_t)w->stride;
    Share *shares = xcalloc((size_t)n, sizeof *shares);
    Dataset views[PARALLEL_MAX_SHARES];
    parallel_split(ds, n, views);
    for (int s = 0; s < n; s++) {
        Share *sh = &shares[s];
        sh->view = views[s];
        sh->w = *w;
        sh->w.ds = &sh->view;
        if (s > 0) {
            sh->w.passes = xcalloc((size_t)w->n_years, sizeof *sh->w.passes);
            sh->w.tallies = xcalloc(cells, sizeof *sh->w.tallies);
            sh->w.status = xcalloc(cells, sizeof *sh->w.status);
            sh->w.reasons = xcalloc(cells, sizeof *sh->w.reasons);
        }
    }
    parallel_run(n, tally_share, shares, sizeof *shares);
    /* The first share wrote into w's buffers. Whether an indicator is
     * available depends on the whole Dataset, not on which children a share
     * holds, so every share has the same status and reasons; should one not
     * (an availability rule that counted children), the tallies are worked
     * out again on this thread over all the children. */
    bool same = true;
    for (int s = 1; s < n && same; s++)
        same = memcmp(shares[s].w.status, w->status, cells * sizeof *w->status) == 0 &&
               memcmp(shares[s].w.reasons, w->reasons, cells * sizeof *w->reasons) == 0;
    for (int s = 1; s < n; s++) {
        const YearsPass *o = &shares[s].w;
        for (size_t i = 0; i < cells; i++)
            for (int g = 0; g < SCORECARD_MAX_GROUPS; g++) {
                w->tallies[i].num[g] += o->tallies[i].num[g];
                w->tallies[i].den[g] += o->tallies[i].den[g];
            }
        for (int y = 0; y < w->n_years; y++)
            for (int g = 0; g < GAP_COUNT; g++)
                for (int side = 0; side < 3; side++) {
                    w->passes[y].gap_num[g][side] += o->passes[y].gap_num[g][side];
                    w->passes[y].gap_den[g][side] += o->passes[y].gap_den[g][side];
                }
        free(o->passes);
        free(o->tallies);
        free(o->status);
        free(o->reasons);
    }
    free(shares);
    if (!same) {
        memset(w->tallies, 0, cells * sizeof *w->tallies);
        tally_years(w);
    }
    for (int y = 0; y < w->n_years; y++) w->passes[y].ds = ds;
}

/* ---- Figures and suppression ------------------------------------------------ */

static void format_value(const DfeIndicator *d, double v, char *buf)
{
    snprintf(buf, DISC_TEXT_LEN, "%.*f", d->decimals, v);
}

/* Fills the texts of f from num/den and the suppression marks. */
static void set_figure(ScoreFigure *f, const DfeIndicator *d, long num, long den, bool num_c,
                       bool den_c)
{
    f->num = num;
    f->den = den;
    f->suppressed = num_c || den_c;
    f->value = f->suppressed ? NAN : dfe_value(d, num, den);
    if (num_c)
        snprintf(f->num_text, DISC_TEXT_LEN, "c");
    else
        snprintf(f->num_text, DISC_TEXT_LEN, "%ld", num);
    if (den_c)
        snprintf(f->den_text, DISC_TEXT_LEN, "c");
    else
        snprintf(f->den_text, DISC_TEXT_LEN, "%ld", den);
    if (f->suppressed)
        snprintf(f->value_text, DISC_TEXT_LEN, "c");
    else if (den == 0)
        snprintf(f->value_text, DISC_TEXT_LEN, "z");
    else if (d->unit == DFE_PERCENT && d->decimals == 0)
        disc_percent_text(num, false, den, false, f->value_text); /* whole numbers, half up */
    else
        format_value(d, f->value, f->value_text);
}

void scorecard_set_figure(ScoreFigure *f, const DfeIndicator *d, long num, long den, bool num_c,
                          bool den_c)
{
    set_figure(f, d, num, den, num_c, den_c);
}

/* Publishes n groups' counts into groups[] (n == 1: no breakdown, groups left
 * alone) and their total into *total. A percentage is laid out as in
 * docs/disclosure.md: numerator and its complement, the denominator as the row
 * total, the groups as rows over a totals line. An average's numerator is a sum
 * of days or scores, not a count of children: its denominator (children) is
 * protected, and the average goes with it. */
static int publish(const DfeIndicator *d, const long *num, const long *den, int n,
                   ScoreFigure *groups, ScoreFigure *total, int threshold, Err *err)
{
    DiscTable t;
    bool percent = d->unit == DFE_PERCENT;
    if (percent)
        disc_table_init(&t, n, 2, true, n > 1);
    else
        disc_list_init(&t, n);
    for (int g = 0; g < n; g++) {
        if (percent) {
            disc_set(&t, g, 0, num[g]);
            disc_set(&t, g, 1, den[g] - num[g]);
        } else {
            disc_set(&t, 0, g, den[g]);
        }
    }
    disc_fill_totals(&t);
    int rc = disc_apply(&t, threshold, err);
    if (rc < 0) {
        disc_table_free(&t);
        return rc;
    }
    long tn = 0, td = 0;
    for (int g = 0; g < n; g++) tn += num[g], td += den[g];
    for (int g = 0; g < n; g++) {
        if (percent) {
            if (n > 1)
                set_figure(&groups[g], d, num[g], den[g], disc_suppressed(&t, g, 0),
                           disc_suppressed(&t, g, 2));
        } else {
            bool c = disc_suppressed(&t, 0, g);
            if (n > 1) set_figure(&groups[g], d, num[g], den[g], c, c);
        }
    }
    if (percent) {
        int r = n > 1 ? n : 0;
        set_figure(total, d, tn, td, disc_suppressed(&t, r, 0), disc_suppressed(&t, r, 2));
    } else {
        bool c = disc_suppressed(&t, 0, n) || (n == 1 && disc_suppressed(&t, 0, 0));
        set_figure(total, d, tn, td, c, c);
    }
    disc_table_free(&t);
    return 0;
}

/* Why a catalogue indicator that this version does not compute has no figure. */
static void not_computed_reason(const Indicator *ind, char *reason)
{
    if (strstr(ind->records, "local:pep"))
        snprintf(reason, DFE_REASON_LEN,
                 "an education plan is current when it was made or reviewed this school term, and "
                 "the school terms are not held yet");
    else if (strstr(ind->records, "ccc_issue"))
        snprintf(reason, DFE_REASON_LEN,
                 "the Children in Care Council's issues are not recorded in the database yet");
    else
        snprintf(reason, DFE_REASON_LEN,
                 "not computed by this version of the scorecard (it reads %s); no figure is given "
                 "rather than an estimate",
                 ind->records);
}

/* Promise 3.13, "Children in Care Council issues answered within 28 days"
 * (strategy, Appendix 2 c), from the CiCC issues the governance tables hold
 * (domain/governance_due: governance_issues_tally); a percentage, as the
 * catalogue defines it. */
static const DfeIndicator cicc_issues_indicator = {"ccc_issues_answered_on_time", DFE_PERCENT, "%",
                                                   0};

static int cicc_figures(Scorecard *sc, Err *err)
{
    for (int i = 0; i < sc->n_entries; i++) {
        ScoreEntry *e = &sc->entries[i];
        if (strcmp(e->ind->id, cicc_issues_indicator.id) != 0 || e->dfe) continue;
        e->dfe = &cicc_issues_indicator;
        e->state = SCORE_COMPUTED;
        e->reason[0] = '\0';
        for (int k = 0; k < sc->n_years; k++) {
            long num = sc->opt.cicc_num[k], den = sc->opt.cicc_den[k];
            e->trend_available[k] = true;
            if (sc->opt.publish) {
                int rc =
                    publish(e->dfe, &num, &den, 1, e->groups, &e->trend[k], sc->opt.threshold, err);
                if (rc < 0) return rc;
            } else {
                set_figure(&e->trend[k], e->dfe, num, den, false, false);
            }
        }
    }
    return 0;
}

/* RAG (docs/scorecard.md): green when the target is met; amber when short of it
 * by no more than 5 percentage points (a percentage, as published: a whole
 * number) or 10% of the target (an average); red when further off. No target,
 * no figure or a suppressed one: none. */
static const char *rag_of(const Indicator *ind, const DfeIndicator *d, const ScoreFigure *f)
{
    if (!ind->has_target || !d || f->suppressed || isnan(f->value)) return "";
    /* A percentage is judged as published: a whole number, half up. */
    double v = d->unit == DFE_PERCENT ? floor(f->value + 0.5) : f->value;
    double gap = ind->better == INDICATOR_HIGHER ? v - ind->target : ind->target - v;
    double tolerance = d->unit == DFE_PERCENT ? 5.0 : fabs(ind->target) * 0.10;
    if (gap >= -1e-9) return "green";
    if (gap >= -tolerance - 1e-9) return "amber";
    return "red";
}

/* Indicators published as a total and its parts by age: each part could be
 * worked out from the total and the other part, so the three go through
 * disclosure control as one table (the parts as rows, the total as the totals
 * line). */
static const struct {
    const char *total, *parts[2];
} families[] = {
    {"care_leavers_in_touch", {"care_leavers_in_touch_17_18", "care_leavers_in_touch_19_21"}},
    {"care_leavers_eet", {"care_leavers_eet_17_18", "care_leavers_eet_19_21"}},
    {"care_leavers_suitable_accommodation",
     {"care_leavers_suitable_accommodation_17_18", "care_leavers_suitable_accommodation_19_21"}},
};

const ScoreEntry *scorecard_entry(const Scorecard *sc, const char *id)
{
    for (int i = 0; i < sc->n_entries; i++)
        if (strcmp(sc->entries[i].ind->id, id) == 0) return &sc->entries[i];
    return NULL;
}

static ScoreEntry *find_entry(Scorecard *sc, const char *id)
{
    return (ScoreEntry *)scorecard_entry(sc, id); /* sc is ours to change */
}

/* Year k of each family: a figure is withheld when its own table or the
 * family's withholds it (withholding more never helps a reader). When that
 * withholds a figure its own table showed, and the figure is the totals line
 * of a breakdown by group, the groups are withheld too (they add up to it). */
static int publish_families(Scorecard *sc, int k, Err *err)
{
    bool now = k == sc->n_years - 1;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
        ScoreEntry *e[3] = {find_entry(sc, families[f].parts[0]),
                            find_entry(sc, families[f].parts[1]),
                            find_entry(sc, families[f].total)};
        bool ok = true;
        for (int i = 0; i < 3; i++) ok = ok && e[i] && e[i]->dfe && e[i]->trend_available[k];
        if (!ok) continue;
        ScoreFigure *fig[3] = {&e[0]->trend[k], &e[1]->trend[k], &e[2]->trend[k]};
        if (fig[0]->num + fig[1]->num != fig[2]->num || fig[0]->den + fig[1]->den != fig[2]->den)
            continue; /* not a partition: never with the cohorts above */
        DiscTable t;
        disc_table_init(&t, 2, 2, true, true);
        for (int r = 0; r < 2; r++) {
            disc_set(&t, r, 0, fig[r]->num);
            disc_set(&t, r, 1, fig[r]->den - fig[r]->num);
        }
        disc_fill_totals(&t);
        int rc = disc_apply(&t, sc->opt.threshold, err);
        for (int i = 0; i < 3 && rc == 0; i++) {
            bool own_num = strcmp(fig[i]->num_text, "c") == 0;
            bool own_den = strcmp(fig[i]->den_text, "c") == 0;
            bool num_c = own_num || disc_suppressed(&t, i, 0);
            bool den_c = own_den || disc_suppressed(&t, i, 2);
            set_figure(fig[i], e[i]->dfe, fig[i]->num, fig[i]->den, num_c, den_c);
            if (now && sc->n_groups && (num_c != own_num || den_c != own_den))
                for (int g = 0; g < sc->n_groups; g++)
                    set_figure(&e[i]->groups[g], e[i]->dfe, e[i]->groups[g].num,
                               e[i]->groups[g].den, true, true);
        }
        disc_table_free(&t);
        if (rc < 0) return rc;
    }
    return 0;
}

/* Year k of gap g: each side's figure of the base indicator (published as one
 * table of the two sides when asked) and their difference in points. */
static int gap_figures(Scorecard *sc, ScoreEntry *e, int g, int k, int base, int status,
                       const char *reason, const YearPass *pass, Err *err)
{
    bool now = k == sc->n_years - 1;
    e->trend_available[k] = status == 1;
    if (now) {
        e->state = status == 1 ? SCORE_COMPUTED : SCORE_NOT_AVAILABLE;
        if (base < 0)
            snprintf(e->reason, DFE_REASON_LEN, "it compares %s, which is not computed",
                     gaps[g].base);
        else if (status != 1)
            snprintf(e->reason, DFE_REASON_LEN, "%s: %s", gaps[g].base, reason);
    }
    if (status != 1) return 0;
    const DfeIndicator *d = dfe_find(gaps[g].base);
    if (!d) d = local_indicators_find(gaps[g].base);
    const long *num = pass->gap_num[g], *den = pass->gap_den[g];
    ScoreFigure *side = e->side_figures[k];
    if (sc->opt.publish) {
        /* The table holds every child of the base indicator, those on neither
         * side (ethnic origin not recorded) as a row of their own, so that its
         * totals line is the base indicator's published figure: then the sides
         * cannot be subtracted from that figure to find the rest. Should the
         * table need a total withheld, which the base indicator publishes, the
         * gap is withheld whole. */
        int rows = den[2] ? 3 : 2;
        DiscTable t;
        disc_table_init(&t, rows, 2, true, true);
        for (int s = 0; s < rows; s++) {
            disc_set(&t, s, 0, num[s]);
            disc_set(&t, s, 1, den[s] - num[s]);
        }
        disc_fill_totals(&t);
        int rc = disc_apply(&t, sc->opt.threshold, err);
        bool total_c = false;
        for (int col = 0; col < 3; col++) total_c |= disc_suppressed(&t, rows, col);
        for (int s = 0; s < 2 && rc == 0; s++)
            set_figure(&side[s], d, num[s], den[s], total_c || disc_suppressed(&t, s, 0),
                       total_c || disc_suppressed(&t, s, 2));
        disc_table_free(&t);
        if (rc < 0) return rc;
    } else {
        for (int s = 0; s < 2; s++) set_figure(&side[s], d, num[s], den[s], false, false);
    }
    ScoreFigure *f = &e->trend[k];
    memset(f, 0, sizeof *f);
    f->value = NAN;
    if (side[0].suppressed || side[1].suppressed) {
        f->suppressed = true;
        snprintf(f->value_text, DISC_TEXT_LEN, "c");
    } else if (den[0] == 0 || den[1] == 0) {
        snprintf(f->value_text, DISC_TEXT_LEN, "z");
    } else {
        f->value = side[0].value - side[1].value;
        double shown = floor(f->value + 0.5); /* half up, as the percentages */
        snprintf(f->value_text, DISC_TEXT_LEN, "%.0f", shown == 0 ? 0.0 : shown);
    }
    return 0;
}

const DfeIndicator scorecard_survey_unit = {"survey", DFE_PERCENT, "%", 0};

/* A survey indicator's figure for year k from the answers to its question:
 * Always or Mostly of those who answered, withheld as the question's results
 * are (domain/survey), so the scorecard and the survey results never publish
 * two views of a count. Groups are not available: an answer is linked to no
 * child, so it has no disability, ethnicity or placement ("x"). */
static int survey_figures(Scorecard *sc, ScoreEntry *e, int k, Err *err)
{
    const SurveyTally *tally =
        survey_tallies_find(sc->opt.survey, e->ind->id, sc->opt.year - sc->opt.years + k);
    SurveyResult r;
    if (!tally || survey_result_build(tally, sc->opt.publish, sc->opt.threshold, &r, err) < 0)
        return tally ? err->code : 0;
    if (r.answered == 0) return 0;
    e->trend_available[k] = true;
    set_figure(&e->trend[k], &scorecard_survey_unit, r.agree, r.answered, r.agree_withheld,
               r.answered_withheld);
    if (k < sc->n_years - 1) return 0;
    e->state = SCORE_COMPUTED;
    e->dfe = &scorecard_survey_unit;
    for (int g = 0; g < sc->n_groups; g++) {
        ScoreFigure *f = &e->groups[g];
        memset(f, 0, sizeof *f);
        f->value = NAN;
        snprintf(f->value_text, DISC_TEXT_LEN, "x");
        snprintf(f->num_text, DISC_TEXT_LEN, "x");
        snprintf(f->den_text, DISC_TEXT_LEN, "x");
    }
    return 0;
}

static int survey_entries(Scorecard *sc, Err *err)
{
    int rc = 0;
    for (int i = 0; i < sc->n_entries && rc == 0 && sc->opt.survey; i++)
        if (sc->entries[i].ind->kind == INDICATOR_SURVEY)
            for (int k = 0; k < sc->n_years && rc == 0; k++)
                rc = survey_figures(sc, &sc->entries[i], k, err);
    return rc;
}

int scorecard_build(const Dataset *ds, const IndicatorCatalogue *cat, const ScorecardOptions *opt,
                    Scorecard *sc, Err *err)
{
    memset(sc, 0, sizeof *sc);
    sc->opt = *opt;
    if (sc->opt.years < 0) sc->opt.years = 0;
    if (sc->opt.years > SCORECARD_MAX_YEARS - 1) sc->opt.years = SCORECARD_MAX_YEARS - 1;
    if (sc->opt.threshold <= 0) sc->opt.threshold = DISC_DEFAULT_THRESHOLD;
    sc->cat = cat;
    sc->n_years = sc->opt.years + 1;
    switch (opt->by) {
    case SCORECARD_BY_NONE: sc->n_groups = 0; break;
    case SCORECARD_BY_DISABILITY: sc->n_groups = 2; break;
    case SCORECARD_BY_ETHNICITY: sc->n_groups = 3; break;
    case SCORECARD_BY_AGE: sc->n_groups = 6; break;
    case SCORECARD_BY_PLACEMENT: sc->n_groups = 6; break;
    }
    const char *const *names = opt->by == SCORECARD_BY_DISABILITY  ? disability_groups
                               : opt->by == SCORECARD_BY_ETHNICITY ? ethnicity_groups
                               : opt->by == SCORECARD_BY_AGE       ? age_groups
                                                                   : placement_groups;
    for (int g = 0; g < sc->n_groups; g++) sc->groups[g] = names[g];
    sc->n_entries = cat->n_items;
    sc->entries = xcalloc((size_t)cat->n_items, sizeof *sc->entries);
    /* The indicators computed here, in catalogue order: the DfE ones first in
     * ids, then the local ones from local_at. */
    const char **ids = xcalloc((size_t)cat->n_items + 1, sizeof *ids);
    int *which = xcalloc((size_t)cat->n_items + 1, sizeof *which), n_ids = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < cat->n_items; i++) {
            const DfeIndicator *d =
                pass == 0 ? dfe_find(cat->items[i].id) : local_indicators_find(cat->items[i].id);
            if (!d || cat->items[i].kind == INDICATOR_SURVEY) continue;
            sc->entries[i].dfe = d;
            ids[n_ids] = cat->items[i].id;
            which[n_ids++] = i;
        }
    int n_dfe = 0;
    while (n_dfe < n_ids && dfe_find(ids[n_dfe])) n_dfe++;
    /* The gaps, and where their base indicator is among ids. */
    int gap_entry[GAP_COUNT], gap_base[GAP_COUNT];
    for (int g = 0; g < GAP_COUNT; g++) {
        gap_entry[g] = gap_base[g] = -1;
        for (int i = 0; i < cat->n_items; i++)
            if (cat->items[i].kind == INDICATOR_COMPUTED &&
                strcmp(cat->items[i].id, gaps[g].ind.id) == 0) {
                gap_entry[g] = i;
                sc->entries[i].dfe = &gaps[g].ind;
                sc->entries[i].sides[0] = gaps[g].sides[0];
                sc->entries[i].sides[1] = gaps[g].sides[1];
                sc->entries[i].base = gaps[g].base;
            }
        for (int j = 0; j < n_ids; j++)
            if (strcmp(ids[j], gaps[g].base) == 0) gap_base[g] = j;
    }
    for (int i = 0; i < cat->n_items; i++) {
        ScoreEntry *e = &sc->entries[i];
        e->ind = &cat->items[i];
        e->rag = "";
        if (e->ind->kind == INDICATOR_SURVEY) {
            e->state = SCORE_SURVEY;
        } else if (!e->dfe) {
            e->state = SCORE_NOT_AVAILABLE;
            not_computed_reason(e->ind, e->reason);
        }
    }
    /* Every year's tallies first, then the figures year by year. */
    int stride = n_ids + 1;
    size_t cells = (size_t)sc->n_years * (size_t)stride;
    YearsPass w = {.ds = ds,
                   .opt = &sc->opt,
                   .first_year = sc->opt.year - sc->opt.years,
                   .n_years = sc->n_years,
                   .n_ids = n_ids,
                   .n_dfe = n_dfe,
                   .stride = stride,
                   .ids = ids,
                   .gap_base = gap_base,
                   .passes = xcalloc((size_t)sc->n_years, sizeof *w.passes),
                   .tallies = xcalloc(cells, sizeof *w.tallies),
                   .status = xcalloc(cells, sizeof *w.status),
                   .reasons = xcalloc(cells, sizeof *w.reasons)};
    tally_years_shared(&w, sc->opt.threads);
    int rc = 0;
    for (int k = 0; k < sc->n_years && rc == 0; k++) {
        bool now = k == sc->n_years - 1;
        const YearPass pass = w.passes[k];
        Tally *tallies = w.tallies + (size_t)k * stride;
        int *status = w.status + (size_t)k * stride;
        char(*reasons)[DFE_REASON_LEN] = w.reasons + (size_t)k * stride;
        for (int j = 0; j < n_ids && rc == 0; j++) {
            ScoreEntry *e = &sc->entries[which[j]];
            Tally *t = &tallies[j];
            e->trend_available[k] = status[j] == 1;
            if (now) {
                e->state = status[j] == 1 ? SCORE_COMPUTED : SCORE_NOT_AVAILABLE;
                if (status[j] != 1) memcpy(e->reason, reasons[j], DFE_REASON_LEN);
            }
            if (status[j] != 1) continue;
            int n = now && sc->n_groups ? sc->n_groups : 1;
            if (sc->opt.publish) {
                rc = publish(e->dfe, t->num, t->den, n, e->groups, &e->trend[k], sc->opt.threshold,
                             err);
            } else {
                long tn = 0, td = 0;
                for (int g = 0; g < n; g++) {
                    if (n > 1)
                        set_figure(&e->groups[g], e->dfe, t->num[g], t->den[g], false, false);
                    tn += t->num[g], td += t->den[g];
                }
                set_figure(&e->trend[k], e->dfe, tn, td, false, false);
            }
        }
        for (int g = 0; g < GAP_COUNT && rc == 0; g++)
            if (gap_entry[g] >= 0)
                rc = gap_figures(sc, &sc->entries[gap_entry[g]], g, k, gap_base[g],
                                 gap_base[g] < 0 ? 0 : status[gap_base[g]],
                                 gap_base[g] < 0 ? "" : reasons[gap_base[g]], &pass, err);
        if (sc->opt.publish && rc == 0) rc = publish_families(sc, k, err);
    }
    if (rc == 0 && sc->opt.cicc_available && sc->opt.cicc_num && sc->opt.cicc_den)
        rc = cicc_figures(sc, err);
    /* Every figure of the output together (issue 17): shared cohorts, parts,
     * groups, gap sides and trend columns. */
    if (sc->opt.publish && rc == 0) rc = scorecard_publish_jointly(sc, sc->opt.publication, err);
    /* After the joint publication: the survey's counts share no cohort with
     * the records' (docs/survey.md). */
    if (rc == 0) rc = survey_entries(sc, err);
    free(ids);
    free(which);
    free(w.passes);
    free(w.tallies);
    free(w.status);
    free(w.reasons);
    if (rc < 0) {
        scorecard_free(sc);
        return ERR_INPUT;
    }
    for (int i = 0; i < sc->n_entries; i++) {
        ScoreEntry *e = &sc->entries[i];
        if (e->state == SCORE_COMPUTED) e->rag = rag_of(e->ind, e->dfe, scorecard_now(sc, e));
    }
    sc->opt.cal = NULL;    /* not kept */
    sc->opt.survey = NULL; /* not kept */
    sc->opt.cicc_num = sc->opt.cicc_den = NULL;
    return 0;
}

void scorecard_free(Scorecard *sc)
{
    free(sc->entries);
    memset(sc, 0, sizeof *sc);
}

const ScoreFigure *scorecard_now(const Scorecard *sc, const ScoreEntry *e)
{
    return &e->trend[sc->n_years - 1];
}
