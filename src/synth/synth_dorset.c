/* synth_dorset: see synth_dorset.h. The figures are those of section 4 of the
 * strategy (shared/seeds, "Profile of children and young people in care and
 * care leavers", as at 31 March 2010). */
#include "synth/synth_dorset.h"

#include "synth/synth_history.h"

#include "base/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef enum CohortKind {
    COHORT_FULL_TIME,    /* looked after full time on 31/03/2010 */
    COHORT_SHORT_BREAKS, /* a V4 short-break agreement open on 31/03/2010 */
    COHORT_LEFT_16_17,   /* relevant: 16-17, left care after 16 */
    COHORT_LEFT_18_21,   /* former relevant or qualifying, 18-21 */
    COHORT_LEFT_22_24,   /* former relevant, 22-24, in full-time education */
} CohortKind;

typedef struct CohortSpec {
    uint8_t kind;
    uint8_t age; /* on 31/03/2010 */
    uint8_t ls;
    uint8_t place_kind;
    bool disabled, minority;
} CohortSpec;

/* Age bands of the profile. */
enum { BAND_UNDER_5, BAND_5_9, BAND_10_12, BAND_13_15, BAND_16_17, N_BANDS };

/* Children in care full time on 31/03/2010 by age band, legal status and kind
 * of placement. Rows add up to the profile: by legal status V2 133, C2 98,
 * C1 31, E1 12; by placement foster 207, residential 34, placed with parents
 * 26 (all on care orders), supported accommodation 7 (all 16-17); by age
 * 40, 42, 46, 78, 68. */
static const struct {
    uint8_t band, ls, place_kind, n;
} full_time_cells[] = {
    {BAND_UNDER_5, SC_LS_V2, SPK_FOSTER, 8},    {BAND_UNDER_5, SC_LS_C2, SPK_PARENTS, 3},
    {BAND_UNDER_5, SC_LS_C2, SPK_FOSTER, 7},    {BAND_UNDER_5, SC_LS_C1, SPK_PARENTS, 4},
    {BAND_UNDER_5, SC_LS_C1, SPK_FOSTER, 10},   {BAND_UNDER_5, SC_LS_E1, SPK_FOSTER, 8},
    {BAND_5_9, SC_LS_V2, SPK_FOSTER, 12},       {BAND_5_9, SC_LS_C2, SPK_PARENTS, 5},
    {BAND_5_9, SC_LS_C2, SPK_FOSTER, 12},       {BAND_5_9, SC_LS_C1, SPK_PARENTS, 3},
    {BAND_5_9, SC_LS_C1, SPK_FOSTER, 6},        {BAND_5_9, SC_LS_E1, SPK_FOSTER, 4},
    {BAND_10_12, SC_LS_V2, SPK_RESIDENTIAL, 3}, {BAND_10_12, SC_LS_V2, SPK_FOSTER, 17},
    {BAND_10_12, SC_LS_C2, SPK_PARENTS, 5},     {BAND_10_12, SC_LS_C2, SPK_RESIDENTIAL, 3},
    {BAND_10_12, SC_LS_C2, SPK_FOSTER, 13},     {BAND_10_12, SC_LS_C1, SPK_PARENTS, 1},
    {BAND_10_12, SC_LS_C1, SPK_FOSTER, 4},      {BAND_13_15, SC_LS_V2, SPK_RESIDENTIAL, 8},
    {BAND_13_15, SC_LS_V2, SPK_FOSTER, 37},     {BAND_13_15, SC_LS_C2, SPK_PARENTS, 4},
    {BAND_13_15, SC_LS_C2, SPK_RESIDENTIAL, 6}, {BAND_13_15, SC_LS_C2, SPK_FOSTER, 20},
    {BAND_13_15, SC_LS_C1, SPK_PARENTS, 1},     {BAND_13_15, SC_LS_C1, SPK_FOSTER, 2},
    {BAND_16_17, SC_LS_V2, SPK_SUPPORTED, 5},   {BAND_16_17, SC_LS_V2, SPK_RESIDENTIAL, 9},
    {BAND_16_17, SC_LS_V2, SPK_FOSTER, 34},     {BAND_16_17, SC_LS_C2, SPK_SUPPORTED, 2},
    {BAND_16_17, SC_LS_C2, SPK_RESIDENTIAL, 5}, {BAND_16_17, SC_LS_C2, SPK_FOSTER, 13},
};

/* Short breaks on 31/03/2010 by age band: 1, 7, 17, 27, 18 (70). */
static const int short_break_bands[N_BANDS] = {1, 7, 17, 27, 18};

/* Care leavers no longer in care, by age on 31/03/2010: 13 aged 16-17,
 * 131 aged 18-21 (21-year-olds only in education, as the current rules count
 * them), 12 aged 22-24 in full-time education (kept to 22 and 23 so that the
 * 2010 rules, support to 24, count them too). */
static const struct {
    uint8_t kind, age, n;
} leaver_cells[] = {
    {COHORT_LEFT_16_17, 16, 5},  {COHORT_LEFT_16_17, 17, 8},  {COHORT_LEFT_18_21, 18, 44},
    {COHORT_LEFT_18_21, 19, 42}, {COHORT_LEFT_18_21, 20, 37}, {COHORT_LEFT_18_21, 21, 8},
    {COHORT_LEFT_22_24, 22, 7},  {COHORT_LEFT_22_24, 23, 5},
};

/* Disabled (CIN N2): 26 in care full time, of whom 6 aged 16-17 (eligible);
 * 18 care leavers = those 6 + 12 no longer in care. Minority ethnic
 * background: 30 full time, of whom 2 aged 16-17; 6 care leavers = 2 + 4. */
enum {
    DISABLED_FT_16_17 = 6,
    DISABLED_FT_OTHER = 20,
    DISABLED_LEFT = 12,
    MINORITY_FT_16_17 = 2,
    MINORITY_FT_OTHER = 28,
    MINORITY_LEFT = 4,
};

Date synth_dorset_date(void)
{
    return date_from_ymd(2010, 3, 31);
}

static int band_age(SynthRng *r, int band)
{
    switch (band) {
    case BAND_UNDER_5: {
        static const int w[] = {25, 22, 20, 17, 16};
        return synth_rng_weighted(r, w, 5);
    }
    case BAND_5_9: return synth_rng_range(r, 5, 9);
    case BAND_10_12: return synth_rng_range(r, 10, 12);
    case BAND_13_15: return synth_rng_range(r, 13, 15);
    default: return synth_rng_chance(r, 0.45) ? 16 : 17;
    }
}

/* Marks exactly k of the candidates (indexes into specs), drawn without
 * replacement with the given weights (Efraimidis-Spirakis keys). */
static void choose_k(SynthRng *r, const int *cand, const double *weight, int n, int k, bool *mark)
{
    double *key = xmalloc((size_t)n * sizeof *key);
    for (int i = 0; i < n; i++) {
        double u = synth_rng_unit(r);
        key[i] = weight[i] > 0 ? -log(1.0 - u) / weight[i] : INFINITY;
    }
    for (int j = 0; j < k && j < n; j++) {
        int best = -1;
        for (int i = 0; i < n; i++)
            if (!mark[cand[i]] && key[i] < INFINITY && (best < 0 || key[i] < key[best])) best = i;
        if (best < 0) break;
        mark[cand[best]] = true;
        key[best] = INFINITY;
    }
    free(key);
}

static int build_specs(SynthRng *r, CohortSpec *specs)
{
    int n = 0;
    for (size_t i = 0; i < sizeof full_time_cells / sizeof full_time_cells[0]; i++)
        for (int j = 0; j < full_time_cells[i].n; j++) {
            CohortSpec *s = &specs[n++];
            memset(s, 0, sizeof *s);
            s->kind = COHORT_FULL_TIME;
            s->age = (uint8_t)band_age(r, full_time_cells[i].band);
            s->ls = full_time_cells[i].ls;
            s->place_kind = full_time_cells[i].place_kind;
        }
    int n_ft = n;
    for (int b = 0; b < N_BANDS; b++)
        for (int j = 0; j < short_break_bands[b]; j++) {
            CohortSpec *s = &specs[n++];
            memset(s, 0, sizeof *s);
            s->kind = COHORT_SHORT_BREAKS;
            s->age = (uint8_t)(b == BAND_UNDER_5 ? synth_rng_range(r, 3, 4) : band_age(r, b));
            s->ls = SC_LS_V4;
        }
    int first_leaver = n;
    for (size_t i = 0; i < sizeof leaver_cells / sizeof leaver_cells[0]; i++)
        for (int j = 0; j < leaver_cells[i].n; j++) {
            CohortSpec *s = &specs[n++];
            memset(s, 0, sizeof *s);
            s->kind = leaver_cells[i].kind;
            s->age = leaver_cells[i].age;
        }

    /* Disability and ethnicity, exactly as many as the profile shows. */
    int *cand = xmalloc((size_t)n * sizeof *cand);
    double *wt = xmalloc((size_t)n * sizeof *wt);
    bool *mark = xcalloc((size_t)n, sizeof *mark);
    for (int pass = 0; pass < 2; pass++) {
        int m = 0;
        for (int i = 0; i < n_ft; i++)
            if ((specs[i].age >= 16) == (pass == 0)) {
                cand[m] = i;
                wt[m] = specs[i].place_kind == SPK_RESIDENTIAL ? 6.0
                        : specs[i].place_kind == SPK_PARENTS   ? 0.3
                        : specs[i].place_kind == SPK_SUPPORTED ? 0.5
                                                               : 1.0;
                m++;
            }
        choose_k(r, cand, wt, m, pass == 0 ? DISABLED_FT_16_17 : DISABLED_FT_OTHER, mark);
    }
    int m = 0;
    for (int i = first_leaver; i < n; i++) {
        cand[m] = i;
        wt[m++] = 1.0;
    }
    choose_k(r, cand, wt, m, DISABLED_LEFT, mark);
    for (int i = 0; i < n; i++) specs[i].disabled = mark[i];

    memset(mark, 0, (size_t)n * sizeof *mark);
    for (int pass = 0; pass < 2; pass++) {
        m = 0;
        for (int i = 0; i < n_ft; i++)
            if ((specs[i].age >= 16) == (pass == 0)) {
                cand[m] = i;
                wt[m++] = specs[i].ls == SC_LS_V2 && specs[i].age >= 13 ? 3.0 : 1.0;
            }
        choose_k(r, cand, wt, m, pass == 0 ? MINORITY_FT_16_17 : MINORITY_FT_OTHER, mark);
    }
    m = 0;
    for (int i = first_leaver; i < n; i++) {
        cand[m] = i;
        wt[m++] = 1.0;
    }
    choose_k(r, cand, wt, m, MINORITY_LEFT, mark);
    for (int i = 0; i < n; i++) specs[i].minority = mark[i];
    free(cand);
    free(wt);
    free(mark);
    return n;
}

/* ------------------------------------------------------------ histories */

/* Opens the period at S with a legal path that reaches `target` by date at. */
static void path_to_target(SynthGen *g, SynthPeriod *p, Date S, Date at, uint8_t target,
                           uint8_t cin)
{
    SynthRng *r = &g->rng;
    int T = at - S;
    bool uasc = (g->c->flags & SYNTH_CHILD_UASC) != 0;
    switch (target) {
    case SC_LS_C1:
        if (T > 8 && synth_rng_chance(r, 0.2)) {
            synth_period_init(p, S, SC_LS_L2, cin);
            synth_period_add_ls(p, S + synth_rng_range(r, 1, 5), SC_LS_C1);
        } else if (T > 40 && synth_rng_chance(r, 0.15)) {
            synth_period_init(p, S, SC_LS_V2, cin);
            synth_period_add_ls(p, S + synth_rng_range(r, 7, T / 2), SC_LS_C1);
        } else {
            synth_period_init(p, S, SC_LS_C1, cin);
        }
        break;
    case SC_LS_C2: {
        int hi = T - 14 < 330 ? T - 14 : 330;
        int c1 = synth_rng_range(r, hi < 60 ? hi : 60, hi);
        if (T - c1 > 90 && synth_rng_chance(r, 0.2)) {
            int vhi = T - c1 - 30 < 700 ? T - c1 - 30 : 700;
            int v = synth_rng_range(r, 14, vhi);
            synth_period_init(p, S, SC_LS_V2, cin);
            synth_period_add_ls(p, S + v, SC_LS_C1);
            synth_period_add_ls(p, S + v + c1, SC_LS_C2);
        } else {
            synth_period_init(p, S, SC_LS_C1, cin);
            synth_period_add_ls(p, S + c1, SC_LS_C2);
        }
        break;
    }
    case SC_LS_E1: {
        int hi = T - 30 < 300 ? T - 30 : 300;
        int c1 = synth_rng_range(r, hi < 90 ? hi : 90, hi);
        synth_period_init(p, S, SC_LS_C1, cin);
        if (T - c1 > 120 && synth_rng_chance(r, 0.4)) {
            int c2 = synth_rng_range(r, 30, T - c1 - 14);
            synth_period_add_ls(p, S + c1, SC_LS_C2);
            synth_period_add_ls(p, S + c1 + c2, SC_LS_E1);
        } else {
            synth_period_add_ls(p, S + c1, SC_LS_E1);
        }
        break;
    }
    case SC_LS_V2:
    default:
        if (!uasc && T > 6 && synth_rng_chance(r, 0.1)) {
            synth_period_init(p, S, synth_rng_chance(r, 0.5) ? SC_LS_L1 : SC_LS_L2, cin);
            synth_period_add_ls(p, S + synth_rng_range(r, 1, 3), SC_LS_V2);
        } else {
            synth_period_init(p, S, SC_LS_V2, cin);
        }
        break;
    }
}

/* An earlier period of care that ended with a return home some time before S. */
static void prior_period(SynthGen *g, Date S, uint8_t cin)
{
    SynthRng *r = &g->rng;
    Date end = S - synth_rng_range(r, 30, 700);
    if (end - g->c->dob < 20) return;
    int span = end - g->c->dob - 1;
    int dur = synth_rng_log_range(r, 3, span < 600 ? span : 600);
    SynthPeriod p;
    synth_period_init(&p, end - dur, SC_LS_V2, cin);
    p.end = end;
    static const int recs[] = {SC_REC_E4A, SC_REC_E4A, SC_REC_E4A, SC_REC_E4B, SC_REC_E13};
    p.rec = (uint8_t)recs[synth_rng_below(r, 5)];
    synth_plan_placements(g, &p);
    synth_emit_period(g, &p);
}

static void start_child(SynthGen *g, const CohortSpec *s, bool uasc)
{
    g->c->flags = SYNTH_CHILD_COHORT;
    if (s->disabled) g->c->flags |= SYNTH_CHILD_DISABLED;
    if (uasc) g->c->flags |= SYNTH_CHILD_UASC;
}

static void build_full_time(SynthGen *g, const CohortSpec *s, Date D)
{
    SynthRng *r = &g->rng;
    SynthChild *c = g->c;
    bool uasc = s->minority && s->ls == SC_LS_V2 && s->age >= 14 && !s->disabled &&
                s->place_kind != SPK_PARENTS && synth_rng_chance(r, 0.5);
    start_child(g, s, uasc);
    int min_t = s->age >= 16 ? 150 : s->ls == SC_LS_C2 ? 130 : s->ls == SC_LS_E1 ? 160 : 1;
    do c->dob = synth_gen_dob_for_age(g, D, s->age);
    while (D - c->dob < min_t + 5);
    synth_gen_identity(g, !s->minority ? SYNTH_ETHNIC_WHITE_BRITISH
                          : uasc       ? SYNTH_ETHNIC_UASC
                                       : SYNTH_ETHNIC_MINORITY);
    uint8_t cin = synth_gen_cin(g);
    int age_days = D - c->dob;
    int T;
    switch (s->ls) {
    case SC_LS_C1: T = synth_rng_range(r, 10, age_days < 480 ? age_days : 480); break;
    case SC_LS_E1: T = synth_rng_range(r, 160, age_days < 900 ? age_days : 900); break;
    case SC_LS_C2: T = synth_rng_log_range(r, age_days > 300 ? 250 : 130, age_days); break;
    default:
        if (uasc) {
            int since14 = D - date_birthday(c->dob, 14);
            int hi = since14 < 3 * 365 ? since14 : 3 * 365;
            T = synth_rng_range(r, min_t < hi ? min_t : hi, hi);
        } else {
            /* A third looked after for less than a year, the rest for longer. */
            if (synth_rng_chance(r, 0.35) || age_days <= 365)
                T = synth_rng_log_range(r, min_t > 30 ? min_t : 30, 365);
            else
                T = synth_rng_log_range(r, 365, age_days);
        }
        break;
    }
    if (T > age_days) T = age_days;
    Date S = D - T;
    if (!uasc && T + 400 < age_days && synth_rng_chance(r, 0.15)) prior_period(g, S, cin);
    SynthPeriod p;
    path_to_target(g, &p, S, D, s->ls, cin);
    synth_legal_continue(g, &p, D);
    p.force_at = D;
    p.force_kind = (SynthPlaceKind)s->place_kind;
    synth_plan_placements(g, &p);
    synth_emit_period(g, &p);
    synth_finish_child(g);
}

static void build_short_breaks(SynthGen *g, const CohortSpec *s, Date D)
{
    SynthRng *r = &g->rng;
    SynthChild *c = g->c;
    start_child(g, s, false);
    c->flags |= SYNTH_CHILD_SHORT_BREAKS;
    if (synth_rng_chance(r, 0.85)) c->flags |= SYNTH_CHILD_DISABLED;
    c->dob = synth_gen_dob_for_age(g, D, s->age);
    synth_gen_identity(g, SYNTH_ETHNIC_WHITE_BRITISH);
    uint8_t cin = (c->flags & SYNTH_CHILD_DISABLED) ? SC_CIN_N2 : SC_CIN_N4;
    static const uint8_t places[] = {SC_PL_U6, SC_PL_U6, SC_PL_U6, SC_PL_U3, SC_PL_K2};
    uint8_t place = places[synth_rng_below(r, 5)];
    Date bd2 = date_birthday(c->dob, 2), bd18 = date_birthday(c->dob, 18);
    int hi = D - bd2 - 30;
    if (hi > 8 * 365) hi = 8 * 365;
    Date start = D - synth_rng_range(r, 30, hi > 30 ? hi : 30);
    if (start - bd2 > 400 && synth_rng_chance(r, 0.5)) {
        Date e0 = start - synth_rng_range(r, 14, 120);
        Date s0 = e0 - synth_rng_range(r, 180, 2 * 365);
        if (s0 > bd2) synth_emit_short_break(g, s0, e0, SC_LS_V4, place, cin, SC_REC_E8);
    }
    Date end = D + synth_rng_log_range(r, 60, 6 * 365);
    if (end > bd18) end = bd18;
    synth_emit_short_break(g, start, end, SC_LS_V4, place, cin, SC_REC_E8);
}

/* Rewrites the OC3 records from age 21 to age `upto` as full-time education
 * (the young person is still supported as a care leaver because of it). */
static void oc3_in_education(SynthGen *g, int upto)
{
    SynthRng *r = &g->rng;
    SynthWorld *w = g->w;
    SynthChild *c = g->c;
    /* The child's OC3 records are the last ones in the world. */
    while (c->n_oc3 > 0 && w->oc3[w->n_oc3 - 1].age >= 21) {
        w->n_oc3--;
        c->n_oc3--;
    }
    static const char *const accom[] = {"U1", "U1", "D1", "E1", "T1", "B1"};
    for (int age = 21; age <= 24; age++) {
        if (age > upto && !synth_rng_chance(r, 0.6)) break;
        MEM_GROW(w->oc3, w->n_oc3, w->cap_oc3);
        SynthOc3 *o = &w->oc3[w->n_oc3++];
        c->n_oc3++;
        o->age = (uint8_t)age;
        o->in_touch = SYNTH_IT_YES;
        o->activ = synth_rng_chance(r, 0.6) ? SYNTH_AC_F1 : SYNTH_AC_F2;
        const char *a = accom[synth_rng_below(r, 6)];
        o->accom = 0;
        for (int i = 1; i < SYNTH_N_ACCOM; i++)
            if (strcmp(synth_accom_codes[i], a) == 0) o->accom = (uint8_t)i;
    }
}

static void build_leaver(SynthGen *g, const CohortSpec *s, Date D)
{
    SynthRng *r = &g->rng;
    SynthWorld *w = g->w;
    SynthChild *c = g->c;
    bool uasc = s->minority && !s->disabled && synth_rng_chance(r, 0.4);
    start_child(g, s, uasc);
    bool at18 = s->kind != COHORT_LEFT_16_17 &&
                (s->kind == COHORT_LEFT_22_24 || s->age >= 21 || synth_rng_chance(r, 0.75));
    bool qualifying =
        s->kind == COHORT_LEFT_18_21 && s->age <= 20 && !at18 && !uasc && synth_rng_chance(r, 0.15);
    Date L;
    for (;;) {
        c->dob = synth_gen_dob_for_age(g, D, s->age);
        Date bd16 = date_birthday(c->dob, 16), bd18 = date_birthday(c->dob, 18);
        if (at18) {
            L = bd18;
            if (L <= D - 7) break;
            continue;
        }
        Date lo = bd16 + (qualifying ? 90 : 30);
        Date hi = bd18 - 30 < D - 30 ? bd18 - 30 : D - 30;
        if (hi <= lo) continue;
        L = synth_rng_range(r, lo, hi);
        break;
    }
    if (L < w->w0 + 200) L = w->w0 + 200; /* never happens for windows from 2004 */
    synth_gen_identity(g, !s->minority ? SYNTH_ETHNIC_WHITE_BRITISH
                          : uasc       ? SYNTH_ETHNIC_UASC
                                       : SYNTH_ETHNIC_MINORITY);
    uint8_t cin = synth_gen_cin(g);
    int T;
    if (qualifying) {
        T = synth_rng_range(r, 20, 80);
    } else if (uasc) {
        int since14 = L - date_birthday(c->dob, 14);
        T = synth_rng_range(r, 150, since14 > 150 ? since14 : 150);
    } else {
        T = synth_rng_log_range(r, 150, L - c->dob - 1);
    }
    Date S = L - T;
    uint8_t ls = uasc || qualifying || synth_rng_chance(r, 0.6) ? SC_LS_V2 : SC_LS_C2;
    int kind_w[3];
    kind_w[0] = at18 ? 55 : 45;                  /* foster */
    kind_w[1] = at18 ? 25 : 40;                  /* supported accommodation */
    kind_w[2] = qualifying ? 0 : at18 ? 20 : 15; /* residential */
    static const SynthPlaceKind kinds[] = {SPK_FOSTER, SPK_SUPPORTED, SPK_RESIDENTIAL};
    SynthPlaceKind pk = kinds[synth_rng_weighted(r, kind_w, 3)];
    if (!qualifying && T + 400 < S - c->dob && synth_rng_chance(r, 0.15)) prior_period(g, S, cin);
    SynthPeriod p;
    path_to_target(g, &p, S, L - 1, ls, cin);
    p.end = L;
    if (at18) {
        static const uint8_t recs[] = {SC_REC_E17, SC_REC_E17, SC_REC_E5, SC_REC_E5,
                                       SC_REC_E6,  SC_REC_E8,  SC_REC_E8};
        p.rec = recs[synth_rng_below(r, 7)];
        if (s->disabled && synth_rng_chance(r, 0.3)) p.rec = SC_REC_E7;
    } else {
        static const uint8_t recs[] = {SC_REC_E5, SC_REC_E5, SC_REC_E6,
                                       SC_REC_E8, SC_REC_E8, SC_REC_E13};
        p.rec = recs[synth_rng_below(r, 6)];
    }
    p.force_at = L - 1;
    p.force_kind = pk;
    synth_plan_placements(g, &p);
    synth_emit_period(g, &p);
    synth_finish_child(g);
    if (s->age >= 21) oc3_in_education(g, s->age);
}

/* ----------------------------------------------------------- background */

typedef struct Background {
    Date at;
} Background;

/* Looked after full time on some day in [16th birthday, at). */
static bool full_time_after_16_before(const SynthGen *g, Date at)
{
    const SynthChild *c = g->c;
    const SynthEpisode *eps = synth_child_eps(g->w, c);
    Date bd16 = date_birthday(c->dob, 16);
    for (int i = 0; i < c->n_ep; i++) {
        if (synth_is_short_break(eps[i].ls)) continue;
        Date from = eps[i].decom > bd16 ? eps[i].decom : bd16;
        Date to = eps[i].dec < at ? eps[i].dec : at;
        if (from < to) return true;
    }
    return false;
}

static bool background_ok(const SynthGen *g, void *ctx)
{
    const Background *b = ctx;
    const SynthChild *c = g->c;
    const SynthEpisode *eps = synth_child_eps(g->w, c);
    for (int i = 0; i < c->n_ep; i++)
        if (eps[i].decom <= b->at && b->at < eps[i].dec) return false;
    if (c->dob > b->at) return true;
    int age = date_age_on(c->dob, b->at);
    if (full_time_after_16_before(g, b->at) && age <= 20) return false;
    return true;
}

/* A background former care leaver aged 21-24 on the profile date must not be
 * in education or training in their latest OC3 up to that year, else the
 * profile would count them as a care leaver it does not show. */
static void background_not_in_education(SynthGen *g, Date at)
{
    SynthWorld *w = g->w;
    SynthChild *c = g->c;
    int age = date_age_on(c->dob, at);
    if (c->dob > at || age < 21 || age > 24 || c->n_oc3 == 0) return;
    int year = date_collection_year(at);
    SynthOc3 *o = synth_child_oc3(w, c);
    int latest = -1;
    for (int i = 0; i < c->n_oc3; i++)
        if (date_collection_year(date_birthday(c->dob, o[i].age)) <= year) latest = i;
    if (latest < 0 || !synth_activ_in_education(o[latest].activ)) return;
    static const uint8_t not_education[] = {SYNTH_AC_F5, SYNTH_AC_F5, SYNTH_AC_P5, SYNTH_AC_G5,
                                            SYNTH_AC_G6};
    o[latest].activ = not_education[synth_rng_below(&g->rng, 5)];
    /* OC3 beyond 21 is only kept while in education: drop the later ones. */
    int drop = c->n_oc3 - (latest + 1);
    c->n_oc3 -= drop;
    w->n_oc3 -= drop;
}

void synth_dorset_generate(SynthWorld *w)
{
    Date D = synth_dorset_date();
    SynthRng r;
    synth_rng_seed(&r, synth_mix(w->seed, 0x2010));
    CohortSpec *specs = xmalloc(SYNTH_DORSET_COHORT * sizeof *specs);
    int n_specs = build_specs(&r, specs);
    for (int i = 0; i < w->n_children; i++) {
        SynthGen g;
        synth_gen_begin(&g, w, &w->children[i], synth_mix(w->seed, (uint64_t)i + 1));
        if (i < n_specs) {
            const CohortSpec *s = &specs[i];
            switch (s->kind) {
            case COHORT_FULL_TIME: build_full_time(&g, s, D); break;
            case COHORT_SHORT_BREAKS: build_short_breaks(&g, s, D); break;
            default: build_leaver(&g, s, D); break;
            }
        } else {
            Background b = {D};
            /* Their care falls mostly inside the years written, before the
             * profile date, so that earlier years have a steady number in care. */
            SynthAcceptor acc = {background_ok, &b, D, w->w0 - 6 * 365, D - 30};
            synth_random_child(&g, &acc);
            background_not_in_education(&g, D);
        }
    }
    free(specs);
}
