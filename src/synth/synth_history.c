/* synth_history: see synth_history.h. The proportions below are chosen to
 * resemble the national picture of children looked after in England (DfE,
 * "Children looked after in England including adoptions"): most children
 * fostered, a care order for about 40% of them, many entering care as babies
 * or as teenagers, most short episodes ending in a return home. */
#include "synth/synth_history.h"

#include "base/mem.h"

#include <math.h>
#include <string.h>

#define W(code, weight)  \
    {                    \
        (code), (weight) \
    }

typedef struct Choice {
    int code;
    int weight;
} Choice;

static int pick(SynthRng *r, const Choice *choices, int n)
{
    int weights[48];
    for (int i = 0; i < n && i < 48; i++) weights[i] = choices[i].weight;
    return choices[synth_rng_weighted(r, weights, n < 48 ? n : 48)].code;
}
#define PICK(r, arr) pick((r), (arr), (int)(sizeof(arr) / sizeof((arr)[0])))

static inline Date max_date(Date a, Date b)
{
    return a > b ? a : b;
}
static inline Date min_date(Date a, Date b)
{
    return a < b ? a : b;
}

/* The last day H5 may be open on (2024/25), the first day of K3 (2025/26):
 * data/903-codes.csv gives H5 until 2025 and K3 from 2026. An episode shows in
 * a year's return when DECOM <= 31 March and DEC >= 1 April, so an H5
 * placement must end by 31/03/2025 and K3 one begin on 01/04/2025 or later. */
static Date h5_last_dec(void)
{
    return date_from_ymd(2025, 3, 31);
}
static Date k3_first_decom(void)
{
    return date_from_ymd(2025, 4, 1);
}

/* ---------------------------------------------------------------- child */

void synth_gen_begin(SynthGen *g, SynthWorld *w, SynthChild *c, uint64_t stream)
{
    g->w = w;
    g->c = c;
    synth_rng_seed(&g->rng, stream);
    c->first_ep = w->n_eps;
    c->n_ep = 0;
    c->first_oc3 = w->n_oc3;
    c->n_oc3 = 0;
    c->flags = 0;
    c->mc_dob = DATE_NONE;
}

void synth_gen_reset(SynthGen *g)
{
    g->w->n_eps = g->c->first_ep;
    g->w->n_oc3 = g->c->first_oc3;
    g->c->n_ep = 0;
    g->c->n_oc3 = 0;
    g->c->flags = 0;
    g->c->mc_dob = DATE_NONE;
}

static const Choice uasc_ethnic[] = {
    W(14, 30), /* BAFR */
    W(12, 30), /* AOTH */
    W(17, 25), /* OOTH */
    W(2, 10),  /* WOTH */
    W(15, 5),  /* BOTH */
};

void synth_gen_identity(SynthGen *g, SynthEthnicMode mode)
{
    SynthRng *r = &g->rng;
    SynthChild *c = g->c;
    c->sex = synth_rng_chance(r, mode == SYNTH_ETHNIC_UASC ? 0.9 : 0.55) ? 'M' : 'F';
    switch (mode) {
    case SYNTH_ETHNIC_WHITE_BRITISH: c->ethnic = SYNTH_ETHNIC_WBRI; break;
    case SYNTH_ETHNIC_MINORITY: c->ethnic = (uint8_t)synth_rng_range(r, 1, 17); break;
    case SYNTH_ETHNIC_UASC: c->ethnic = (uint8_t)PICK(r, uasc_ethnic); break;
    case SYNTH_ETHNIC_RANDOM:
    default: {
        double u = synth_rng_unit(r);
        c->ethnic = u < 0.87    ? SYNTH_ETHNIC_WBRI
                    : u < 0.99  ? (uint8_t)synth_rng_range(r, 1, 17)
                    : u < 0.995 ? SYNTH_ETHNIC_NOBT
                                : SYNTH_ETHNIC_REFU;
    }
    }
    c->home_post = synth_postcode_random(r, synth_rng_chance(r, 0.93));
    int y, m, d;
    date_to_ymd(c->dob, &y, &m, &d);
    static const int other_la[] = {800, 801, 803, 806, 839, 840, 865, 866, 878, 908};
    uint64_t la = synth_rng_chance(r, 0.85) ? 835 : (uint64_t)other_la[synth_rng_below(r, 10)];
    uint64_t estab = (uint64_t)synth_rng_range(r, 2000, 7999);
    uint64_t year = (uint64_t)((y + 5) % 100);
    uint64_t serial = (uint64_t)synth_rng_range(r, 1, 999);
    c->upn = ((la * 10000u + estab) * 100u + year) * 1000u + serial;
    c->seed = synth_rng_next(r);
}

uint8_t synth_gen_cin(SynthGen *g)
{
    if (g->c->flags & SYNTH_CHILD_DISABLED) return SC_CIN_N2;
    if (g->c->flags & SYNTH_CHILD_UASC) return SC_CIN_N8;
    static const Choice cin[] = {
        W(SC_CIN_N1, 62), W(SC_CIN_N3, 3), W(SC_CIN_N4, 9), W(SC_CIN_N5, 14),
        W(SC_CIN_N6, 4),  W(SC_CIN_N7, 1), W(SC_CIN_N8, 7),
    };
    return (uint8_t)PICK(&g->rng, cin);
}

Date synth_gen_dob_for_age(SynthGen *g, Date on, int age)
{
    /* Born after `on` minus age+1 years and on or before `on` minus age years. */
    Date latest = date_add_months(on, -12 * age);
    Date earliest = date_add_months(on, -12 * (age + 1)) + 1;
    for (;;) {
        Date dob = synth_rng_range(&g->rng, earliest, latest);
        if (date_age_on(dob, on) == age) return dob;
    }
}

/* --------------------------------------------------------------- period */

void synth_period_init(SynthPeriod *p, Date start, uint8_t ls, uint8_t cin)
{
    memset(p, 0, sizeof *p);
    p->start = start;
    p->end = start + 1;
    p->cin = cin;
    p->ls[0].at = start;
    p->ls[0].ls = ls;
    p->n_ls = 1;
    p->adopt_at = DATE_NONE;
    p->force_at = DATE_NONE;
    p->force_kind = SPK_ANY;
}

void synth_period_add_ls(SynthPeriod *p, Date at, uint8_t ls)
{
    if (p->n_ls >= SYNTH_MAX_LS || at <= p->ls[p->n_ls - 1].at) return;
    p->ls[p->n_ls].at = at;
    p->ls[p->n_ls].ls = ls;
    p->n_ls++;
}

uint8_t synth_period_ls_on(const SynthPeriod *p, Date d)
{
    uint8_t ls = p->ls[0].ls;
    for (int i = 1; i < p->n_ls && p->ls[i].at <= d; i++) ls = p->ls[i].ls;
    return ls;
}

uint8_t synth_leave_at_18(SynthGen *g)
{
    const SynthChild *c = g->c;
    Choice rec[] = {
        W(SC_REC_E17, 30),
        W(SC_REC_E5, 28),
        W(SC_REC_E6, 10),
        W(SC_REC_E8, 22),
        W(SC_REC_E4A, 5),
        W(SC_REC_E7, (c->flags & SYNTH_CHILD_DISABLED) ? 25 : 1),
        W(SC_REC_E15, (c->flags & SYNTH_CHILD_UASC) ? 4 : 0),
    };
    return (uint8_t)PICK(&g->rng, rec);
}

static uint8_t v2_exit(SynthGen *g, int age)
{
    if (age < 16) {
        Choice rec[] = {
            W(SC_REC_E4A, 58),
            W(SC_REC_E4B, 8),
            W(SC_REC_E13, 8),
            W(SC_REC_E8, 5),
            W(SC_REC_E3, 2),
            W(SC_REC_E16, 1),
            W(SC_REC_E41, age < 14 ? 6 : 0),
            W(SC_REC_E47, age < 14 ? 3 : 0),
        };
        return (uint8_t)PICK(&g->rng, rec);
    }
    Choice rec[] = {
        W(SC_REC_E4A, 35),
        W(SC_REC_E4B, 5),
        W(SC_REC_E13, 12),
        W(SC_REC_E8, 12),
        W(SC_REC_E5, 18),
        W(SC_REC_E6, 10),
        W(SC_REC_E3, 2),
        W(SC_REC_E16, 2),
        W(SC_REC_E15, (g->c->flags & SYNTH_CHILD_UASC) ? 6 : 0),
    };
    return (uint8_t)PICK(&g->rng, rec);
}

static uint8_t c2_exit(SynthGen *g, int age)
{
    if (age < 12) {
        static const Choice rec[] = {
            W(SC_REC_E46, 35), W(SC_REC_E4A, 35), W(SC_REC_E41, 12),
            W(SC_REC_E8, 8),   W(SC_REC_E13, 5),  W(SC_REC_E3, 3),
        };
        return (uint8_t)PICK(&g->rng, rec);
    }
    Choice rec[] = {
        W(SC_REC_E4A, 40),
        W(SC_REC_E8, 20),
        W(SC_REC_E13, 12),
        W(SC_REC_E5, age >= 16 ? 12 : 0),
        W(SC_REC_E6, age >= 16 ? 5 : 0),
        W(SC_REC_E3, 3),
        W(SC_REC_E46, age < 16 ? 8 : 0),
        W(SC_REC_E9, 2),
    };
    return (uint8_t)PICK(&g->rng, rec);
}

void synth_legal_continue(SynthGen *g, SynthPeriod *p, Date t)
{
    SynthRng *r = &g->rng;
    const SynthChild *c = g->c;
    Date bd18 = date_birthday(c->dob, 18);
    uint8_t ls = p->ls[p->n_ls - 1].ls;
    p->adopt_at = DATE_NONE;
    for (;;) {
        int age = date_age_on(c->dob, t);
        Date next;
        int nls = SC_NONE, rec = SC_NONE;
        switch (ls) {
        case SC_LS_L1:
        case SC_LS_L2:
        case SC_LS_L3: {
            /* Police protection lasts at most 72 hours, a child assessment order 7
             * days, an emergency protection order 8 (extendable to 15). */
            next = t + synth_rng_range(r, 1, ls == SC_LS_L1 ? 3 : ls == SC_LS_L3 ? 7 : 8);
            static const Choice after[] = {
                W(SC_LS_C1, 40),
                W(SC_LS_V2, 30),
                W(SC_REC_E4A, 24),
                W(SC_REC_E4B, 6),
            };
            int x = PICK(r, after);
            if (x == SC_LS_C1 || x == SC_LS_V2)
                nls = x;
            else
                rec = x;
            break;
        }
        case SC_LS_J1:
        case SC_LS_J2: {
            /* PACE detention (J2) is short; remand (J1) can last months. */
            next =
                t + (ls == SC_LS_J2 ? synth_rng_range(r, 1, 14) : synth_rng_log_range(r, 3, 150));
            static const Choice after[] = {W(SC_REC_E14, 70), W(SC_REC_E9, 12), W(SC_LS_V2, 18)};
            int x = PICK(r, after);
            if (x == SC_LS_V2)
                nls = x;
            else
                rec = x;
            break;
        }
        case SC_LS_J3:
            next = t + synth_rng_range(r, 90, 365);
            rec = SC_REC_E8;
            break;
        case SC_LS_V2:
            /* Many teenagers accommodated under s20 stay until 18. */
            if (age >= 13 && synth_rng_chance(r, (c->flags & SYNTH_CHILD_UASC) ? 0.6 : 0.2))
                next = bd18;
            else
                next = t + synth_rng_log_range(r, 3, age < 13 ? 2000 : 1500);
            if (age < 16 && next < bd18 && synth_rng_chance(r, 0.12))
                nls = SC_LS_C1;
            else
                rec = v2_exit(g, date_age_on(c->dob, next));
            break;
        case SC_LS_C1: {
            next = t + synth_rng_range(r, 28, 330);
            Choice after[] = {
                W(SC_LS_C2, 62),   W(SC_LS_E1, age < 5 ? 26 : 0),
                W(SC_REC_E4A, 12), W(SC_REC_E41, 5),
                W(SC_REC_E47, 4),  W(SC_REC_E48, 2),
            };
            int x = PICK(r, after);
            if (x == SC_LS_C2 || x == SC_LS_E1)
                nls = x;
            else
                rec = x;
            break;
        }
        case SC_LS_C2:
            if (age < 6 && synth_rng_chance(r, 0.35)) {
                /* A placement order soon after the care order. */
                next = t + synth_rng_range(r, 60, 540);
                nls = SC_LS_E1;
            } else {
                /* Young children mostly leave within a few years (home, special
                 * guardianship, child arrangements); some stay in long-term care. */
                if (age >= 10)
                    next = t + synth_rng_log_range(r, 150, 5000);
                else if (synth_rng_chance(r, 0.2))
                    next = t + synth_rng_log_range(r, 1500, 6500);
                else
                    next = t + synth_rng_log_range(r, 120, 1200);
                rec = c2_exit(g, date_age_on(c->dob, next));
            }
            break;
        case SC_LS_E1:
            next = t + synth_rng_range(r, 150, 720);
            if (age < 8 && synth_rng_chance(r, 0.82)) {
                rec = synth_rng_chance(r, 0.75) ? SC_REC_E11 : SC_REC_E12;
                Date placed = next - synth_rng_range(r, 60, 300);
                if (placed < t + 14) placed = t + 14;
                if (placed > next - 30) next = placed + synth_rng_range(r, 60, 200);
                p->adopt_at = placed;
            } else {
                nls = SC_LS_C2; /* the plan for adoption changed */
            }
            break;
        default:
            next = t + 30;
            rec = SC_REC_E8;
            break;
        }
        if (next >= bd18) {
            next = bd18;
            nls = SC_NONE;
            p->adopt_at = DATE_NONE;
            rec = synth_leave_at_18(g);
        }
        if (nls != SC_NONE && p->n_ls < SYNTH_MAX_LS - 1) {
            synth_period_add_ls(p, next, (uint8_t)nls);
            ls = (uint8_t)nls;
            t = next;
            continue;
        }
        if (rec == SC_NONE) rec = SC_REC_E8;
        if (p->adopt_at != DATE_NONE && rec != SC_REC_E11 && rec != SC_REC_E12)
            p->adopt_at = DATE_NONE;
        p->end = next;
        p->rec = (uint8_t)rec;
        return;
    }
}

/* ----------------------------------------------------------- placements */

static uint8_t pick_provider(SynthRng *r, int place)
{
    switch (place) {
    case SC_PL_P1: return SC_PR_PR0;
    case SC_PL_U1:
    case SC_PL_U2:
    case SC_PL_U3: return synth_rng_chance(r, 0.92) ? SC_PR_PR1 : SC_PR_PR2;
    case SC_PL_U4:
    case SC_PL_U5:
    case SC_PL_U6: {
        static const Choice c[] = {W(SC_PR_PR1, 64), W(SC_PR_PR4, 28), W(SC_PR_PR5, 4),
                                   W(SC_PR_PR2, 4)};
        return (uint8_t)PICK(r, c);
    }
    case SC_PL_A3:
    case SC_PL_A4:
    case SC_PL_A5:
    case SC_PL_A6: {
        static const Choice c[] = {W(SC_PR_PR1, 78), W(SC_PR_PR2, 14), W(SC_PR_PR5, 8)};
        return (uint8_t)PICK(r, c);
    }
    case SC_PL_K1: return synth_rng_chance(r, 0.6) ? SC_PR_PR1 : SC_PR_PR2;
    case SC_PL_K2: {
        static const Choice c[] = {W(SC_PR_PR4, 55), W(SC_PR_PR1, 35), W(SC_PR_PR5, 10)};
        return (uint8_t)PICK(r, c);
    }
    case SC_PL_R2:
    case SC_PL_R5: return SC_PR_PR3;
    case SC_PL_R3: return synth_rng_chance(r, 0.5) ? SC_PR_PR4 : SC_PR_PR5;
    case SC_PL_S1:
    case SC_PL_R1:
    case SC_PL_H5:
    case SC_PL_K3:
    default: {
        static const Choice c[] = {W(SC_PR_PR4, 55), W(SC_PR_PR5, 25), W(SC_PR_PR1, 20)};
        return (uint8_t)PICK(r, c);
    }
    }
}

/* Ofsted URNs: a children's home, school or fostering agency number. The
 * council's own fostering service has one URN for all its carers. */
static uint32_t pick_urn(SynthRng *r, int place, int provider)
{
    /* No Ofsted URN for placements Ofsted does not register (DfE 903 rule 222). */
    if (place == SC_PL_P1 || place == SC_PL_R1 || place == SC_PL_R2 || place == SC_PL_R3 ||
        place == SC_PL_R5 || place == SC_PL_H5)
        return 0;
    if ((synth_is_foster(place) || synth_is_adoption_place(place)) && provider == SC_PR_PR1)
        return 508351;
    return (uint32_t)synth_rng_range(r, 500000, 599999);
}

static uint8_t supported_place(Date from, Date to)
{
    if (to <= h5_last_dec()) return SC_PL_H5;
    if (from >= k3_first_decom()) return SC_PL_K3;
    return SC_PL_U6; /* would straddle the change of codes: stays with foster carers */
}

static int pick_place(SynthGen *g, const SynthPeriod *p, Date from, Date to, int prev,
                      SynthPlaceKind kind, bool first, bool *same_carer)
{
    SynthRng *r = &g->rng;
    const SynthChild *c = g->c;
    int age = date_age_on(c->dob, from);
    bool disabled = (c->flags & SYNTH_CHILD_DISABLED) != 0;
    uint8_t ls = synth_period_ls_on(p, from);
    uint8_t ls_last = synth_period_ls_on(p, to - 1);
    bool order = (ls == SC_LS_C1 || ls == SC_LS_C2) && (ls_last == SC_LS_C1 || ls_last == SC_LS_C2);
    *same_carer = false;

    switch (kind) {
    case SPK_PARENTS: return SC_PL_P1;
    case SPK_SUPPORTED: return supported_place(from, to);
    case SPK_ADOPTION:
        if (prev == SC_PL_U5 || prev == SC_PL_U2 || synth_rng_chance(r, 0.15)) {
            *same_carer = true;
            return SC_PL_A5;
        }
        return SC_PL_A6;
    case SPK_RESIDENTIAL: {
        if (disabled) {
            static const Choice c1[] = {W(SC_PL_S1, 50), W(SC_PL_K2, 40), W(SC_PL_R1, 10)};
            return PICK(r, c1);
        }
        Choice c2[] = {
            W(SC_PL_K2, 74),
            W(SC_PL_R1, 10),
            W(SC_PL_S1, 8),
            W(SC_PL_K1, age >= 12 ? 5 : 0),
            W(SC_PL_R5, (age >= 15 && (ls == SC_LS_J1 || ls == SC_LS_J2)) ? 6 : 0),
        };
        return PICK(r, c2);
    }
    case SPK_FOSTER: {
        if (prev == SC_PL_U6 && synth_rng_chance(r, 0.12)) {
            *same_carer = true;
            return SC_PL_U4;
        }
        if (ls == SC_LS_E1 && age < 5) {
            static const Choice c3[] = {W(SC_PL_U5, 30), W(SC_PL_U6, 45), W(SC_PL_U4, 15),
                                        W(SC_PL_U2, 10)};
            return PICK(r, c3);
        }
        Choice c4[] = {
            W(SC_PL_U6, 45),
            W(SC_PL_U4, 25),
            W(SC_PL_U3, 15),
            W(SC_PL_U1, 10),
            W(SC_PL_U5, age < 8 ? 3 : 0),
            W(SC_PL_U2, age < 8 ? 2 : 0),
        };
        return PICK(r, c4);
    }
    case SPK_ANY:
    default: break;
    }

    /* Carers who become long-term carers, or relatives who become so. */
    if (prev == SC_PL_U6 && synth_rng_chance(r, 0.12)) {
        *same_carer = true;
        return SC_PL_U4;
    }
    if (prev == SC_PL_U3 && synth_rng_chance(r, 0.12)) {
        *same_carer = true;
        return SC_PL_U1;
    }
    int p1 = order && prev != SC_PL_P1;
    if (ls == SC_LS_J1 || ls == SC_LS_J2) {
        Choice ch[] = {W(SC_PL_R5, age >= 15 ? 35 : 0), W(SC_PL_K1, 18), W(SC_PL_K2, 25),
                       W(SC_PL_U6, 25)};
        return PICK(r, ch);
    }
    if (ls == SC_LS_L1 || ls == SC_LS_L2 || ls == SC_LS_L3) {
        Choice ch[] = {W(SC_PL_U6, 80), W(SC_PL_U3, 15), W(SC_PL_K2, age >= 12 ? 5 : 0)};
        return PICK(r, ch);
    }
    if (age < 1) {
        Choice ch[] = {W(SC_PL_U6, 45),     W(SC_PL_U3, 14),
                       W(SC_PL_U5, 9),      W(SC_PL_U2, 3),
                       W(SC_PL_U4, 6),      W(SC_PL_R3, first ? 10 : 0),
                       W(SC_PL_P1, 6 * p1), W(SC_PL_R2, disabled ? 3 : 0)};
        return PICK(r, ch);
    }
    if (age < 5) {
        Choice ch[] = {W(SC_PL_U6, 48), W(SC_PL_U3, 18), W(SC_PL_U4, 12),    W(SC_PL_U1, 6),
                       W(SC_PL_U5, 5),  W(SC_PL_U2, 2),  W(SC_PL_P1, 7 * p1)};
        return PICK(r, ch);
    }
    if (age < 10) {
        Choice ch[] = {W(SC_PL_U6, 42),
                       W(SC_PL_U3, 15),
                       W(SC_PL_U4, 20),
                       W(SC_PL_U1, 9),
                       W(SC_PL_U5, 1),
                       W(SC_PL_P1, 7 * p1),
                       W(SC_PL_K2, age >= 8 ? 1 : 0),
                       W(SC_PL_S1, disabled ? 8 : 0)};
        return PICK(r, ch);
    }
    if (age < 16) {
        Choice ch[] = {W(SC_PL_U6, 34),
                       W(SC_PL_U4, 20),
                       W(SC_PL_U3, 8),
                       W(SC_PL_U1, 7),
                       W(SC_PL_K2, disabled ? 24 : 16),
                       W(SC_PL_R1, 3),
                       W(SC_PL_S1, disabled ? 14 : 2),
                       W(SC_PL_K1, 1),
                       W(SC_PL_P1, 5 * p1),
                       W(SC_PL_R2, 1)};
        return PICK(r, ch);
    }
    Choice ch[] = {W(SC_PL_U6, 28),
                   W(SC_PL_U4, 14),
                   W(SC_PL_U3, 5),
                   W(SC_PL_U1, 5),
                   W(SC_PL_K2, disabled ? 22 : 14),
                   W(SC_PL_R1, 2),
                   W(SC_PL_S1, disabled ? 10 : 2),
                   W(-1, 22), /* supported accommodation */
                   W(SC_PL_P1, 3 * p1),
                   W(SC_PL_R2, 1)};
    int x = PICK(r, ch);
    return x == -1 ? supported_place(from, to) : x;
}

static uint8_t move_reason(SynthRng *r, int place, int age)
{
    if (place == SC_PL_R5 && age >= 10) return SC_RPC_CUSTOD;
    static const Choice c[] = {
        W(SC_RPC_CARPL, 36), W(SC_RPC_CREQB, 14), W(SC_RPC_CREQO, 10), W(SC_RPC_CHILD, 7),
        W(SC_RPC_LAREQ, 10), W(SC_RPC_STAND, 3),  W(SC_RPC_ALLEG, 3),  W(SC_RPC_CLOSE, 3),
        W(SC_RPC_APPRR, 2),  W(SC_RPC_OTHER, 9),
    };
    return (uint8_t)PICK(r, c);
}

/* The first date from which the legal status is C1 or C2 without a break up
 * to date d (P1 is only used under a care order), or DATE_NONE. */
static Date order_since(const SynthPeriod *p, Date d)
{
    Date since = DATE_NONE;
    for (int i = 0; i < p->n_ls && p->ls[i].at <= d; i++) {
        bool order = p->ls[i].ls == SC_LS_C1 || p->ls[i].ls == SC_LS_C2;
        if (!order)
            since = DATE_NONE;
        else if (since == DATE_NONE)
            since = p->ls[i].at;
    }
    return since;
}

void synth_plan_placements(SynthGen *g, SynthPeriod *p)
{
    SynthRng *r = &g->rng;
    const SynthChild *c = g->c;
    Date dates[SYNTH_MAX_PL];
    int n = 0;
    dates[n++] = p->start;
    Date t = p->start;
    if (p->end - p->start > 45 && synth_rng_chance(r, 0.22)) {
        t = p->start + synth_rng_range(r, 2, 28);
        dates[n++] = t;
    }
    while (n < SYNTH_MAX_PL - 3) {
        int age = date_age_on(c->dob, t);
        double per_year = age < 5 ? 0.30 : age < 10 ? 0.35 : age < 16 ? 0.60 : 0.55;
        if (c->flags & SYNTH_CHILD_DISABLED) per_year *= 0.6;
        int gap = (int)(-log(1.0 - synth_rng_unit(r)) / per_year * 365.25);
        if (gap < 21) gap = 21;
        t += gap;
        if (t >= p->end - 7) break;
        dates[n++] = t;
    }
    int adopt_index = -1;
    if (p->adopt_at != DATE_NONE && p->adopt_at > p->start && p->adopt_at < p->end) {
        while (n > 1 && dates[n - 1] >= p->adopt_at) n--;
        dates[n++] = p->adopt_at;
        adopt_index = n - 1;
    }
    int force_index = -1;
    if (p->force_at != DATE_NONE && p->force_at >= p->start && p->force_at < p->end) {
        Date from_ok = p->start;
        if (p->force_kind == SPK_SUPPORTED) from_ok = max_date(p->start, date_birthday(c->dob, 16));
        if (p->force_kind == SPK_PARENTS) {
            Date since = order_since(p, p->force_at);
            from_ok = since == DATE_NONE ? p->force_at : max_date(p->start, since);
        }
        int k = 0;
        while (k + 1 < n && dates[k + 1] <= p->force_at) k++;
        if (dates[k] < from_ok) {
            Date m = p->force_at - synth_rng_range(r, 14, 300);
            if (m < from_ok) m = from_ok;
            /* Drop moves in [m, force_at], then insert m. */
            int j = 0;
            Date kept[SYNTH_MAX_PL];
            for (int i = 0; i < n; i++)
                if (!(dates[i] >= m && dates[i] <= p->force_at)) kept[j++] = dates[i];
            n = 0;
            for (int i = 0; i < j; i++) {
                if (kept[i] > m && (n == 0 || dates[n - 1] < m)) dates[n++] = m;
                dates[n++] = kept[i];
            }
            if (dates[n - 1] < m) dates[n++] = m;
            if (adopt_index >= 0)
                for (int i = 0; i < n; i++)
                    if (dates[i] == p->adopt_at) adopt_index = i;
        }
        force_index = 0;
        while (force_index + 1 < n && dates[force_index + 1] <= p->force_at) force_index++;
    }

    p->n_pl = n;
    int prev = SC_NONE;
    for (int i = 0; i < n; i++) {
        Date from = dates[i], to = i + 1 < n ? dates[i + 1] : p->end;
        SynthPlaceKind kind = i == adopt_index   ? SPK_ADOPTION
                              : i == force_index ? p->force_kind
                                                 : SPK_ANY;
        bool same = false;
        int place = pick_place(g, p, from, to, prev, kind, i == 0, &same);
        if (kind == SPK_ANY && place == prev && (place == SC_PL_P1 || place == SC_PL_R3))
            place = SC_PL_U6;
        SynthPlStep *s = &p->pl[i];
        s->at = from;
        s->place = (uint8_t)place;
        s->same_carer = i > 0 && same;
        s->provider = pick_provider(r, place);
        if (s->same_carer) {
            s->provider = p->pl[i - 1].provider == SC_PR_PR0 ? SC_PR_PR1 : p->pl[i - 1].provider;
            s->pl_post = p->pl[i - 1].pl_post;
            s->rpc = SC_RPC_PLACE;
        } else {
            s->pl_post = place == SC_PL_P1 ? c->home_post
                                           : synth_postcode_random(r, synth_rng_chance(r, 0.78));
            s->rpc = move_reason(r, place, date_age_on(c->dob, from));
        }
        s->urn = pick_urn(r, place, s->provider);
        prev = place;
    }

    /* REC agrees with the last placement. */
    int last = p->pl[n - 1].place;
    switch (p->rec) {
    case SC_REC_E17:
        if (!synth_is_foster(last))
            p->rec = (last == SC_PL_H5 || last == SC_PL_K3) ? SC_REC_E5 : SC_REC_E8;
        break;
    case SC_REC_E45:
    case SC_REC_E46:
    case SC_REC_E47:
    case SC_REC_E48:
        if (last == SC_PL_U1 || last == SC_PL_U2 || last == SC_PL_U3)
            p->rec = synth_rng_chance(r, 0.75) ? SC_REC_E45 : SC_REC_E47;
        else if (synth_is_foster(last))
            p->rec = synth_rng_chance(r, 0.75) ? SC_REC_E46 : SC_REC_E48;
        else
            p->rec = synth_rng_chance(r, 0.5) ? SC_REC_E47 : SC_REC_E48;
        break;
    case SC_REC_E11:
    case SC_REC_E12:
        if (!synth_is_adoption_place(last)) p->rec = SC_REC_E8;
        break;
    default: break;
    }
}

static SynthEpisode *push_episode(SynthGen *g)
{
    SynthWorld *w = g->w;
    MEM_GROW(w->eps, w->n_eps, w->cap_eps);
    SynthEpisode *e = &w->eps[w->n_eps++];
    memset(e, 0, sizeof *e);
    g->c->n_ep++;
    return e;
}

void synth_emit_period(SynthGen *g, const SynthPeriod *p)
{
    int il = 0, ip = 0;
    Date t = p->start;
    uint8_t rne = SC_RNE_S;
    for (;;) {
        Date nl = il + 1 < p->n_ls ? p->ls[il + 1].at : INT32_MAX;
        Date np = ip + 1 < p->n_pl ? p->pl[ip + 1].at : INT32_MAX;
        Date nx = min_date(min_date(nl, np), p->end);
        const SynthPlStep *pl = &p->pl[ip];
        SynthEpisode *e = push_episode(g);
        e->decom = t;
        e->dec = nx;
        e->rne = rne;
        e->ls = p->ls[il].ls;
        e->cin = p->cin;
        e->place = pl->place;
        e->provider = pl->provider;
        e->pl_post = pl->pl_post;
        e->urn = pl->urn;
        if (nx >= p->end) {
            e->dec = p->end;
            e->rec = p->rec;
            return;
        }
        e->rec = SC_REC_X1;
        bool lc = nl == nx, pc = np == nx;
        if (lc) il++;
        if (pc) ip++;
        bool same = pc && p->pl[ip].same_carer;
        rne = lc && pc ? (same ? SC_RNE_U : SC_RNE_B)
              : lc     ? SC_RNE_L
                       : (same ? SC_RNE_T : SC_RNE_P);
        e->rpc = pc ? p->pl[ip].rpc : SC_NONE;
        t = nx;
    }
}

void synth_emit_short_break(SynthGen *g, Date start, Date end, uint8_t ls, uint8_t place,
                            uint8_t cin, uint8_t rec)
{
    SynthEpisode *e = push_episode(g);
    e->decom = start;
    e->dec = end;
    e->rne = SC_RNE_S;
    e->ls = ls;
    e->cin = cin;
    e->place = place;
    e->provider = place == SC_PL_K2 ? SC_PR_PR1 : pick_provider(&g->rng, place);
    e->rec = rec;
}

/* ------------------------------------------------------ leaving and OC3 */

SynthLeaving synth_child_leaving(const SynthGen *g)
{
    const SynthChild *c = g->c;
    const SynthEpisode *eps = synth_child_eps(g->w, c);
    SynthLeaving l = {0};
    l.left = DATE_NONE;
    Date bd14 = date_birthday(c->dob, 14), bd16 = date_birthday(c->dob, 16);
    for (int i = 0; i < c->n_ep; i++) {
        const SynthEpisode *e = &eps[i];
        if (synth_is_short_break(e->ls)) continue;
        l.any_full_time = true;
        Date from = max_date(e->decom, bd14);
        if (e->dec > from) l.days_since_14 += e->dec - from;
        if (e->dec > bd16) l.after_16 = true;
        l.left = e->dec;
        l.last_rec = e->rec;
    }
    l.former_relevant = l.any_full_time && l.days_since_14 >= 91 && l.after_16 &&
                        l.last_rec != SC_REC_E11 && l.last_rec != SC_REC_E12 &&
                        l.last_rec != SC_REC_E2 && l.last_rec != SC_REC_E3;
    return l;
}

static int draw_activ(SynthRng *r, int age)
{
    if (age <= 17) {
        static const Choice c[] = {
            W(SYNTH_AC_F2, 40), W(SYNTH_AC_P2, 5),  W(SYNTH_AC_F4, 7),
            W(SYNTH_AC_P4, 1),  W(SYNTH_AC_F5, 8),  W(SYNTH_AC_P5, 5),
            W(SYNTH_AC_G4, 5),  W(SYNTH_AC_G5, 23), W(SYNTH_AC_G6, 4),
        };
        return PICK(r, c);
    }
    if (age == 18) {
        static const Choice c[] = {
            W(SYNTH_AC_F1, 5),  W(SYNTH_AC_F2, 30), W(SYNTH_AC_P2, 4), W(SYNTH_AC_F4, 8),
            W(SYNTH_AC_P4, 1),  W(SYNTH_AC_F5, 12), W(SYNTH_AC_P5, 6), W(SYNTH_AC_G4, 6),
            W(SYNTH_AC_G5, 22), W(SYNTH_AC_G6, 6),
        };
        return PICK(r, c);
    }
    static const Choice c[] = {
        W(SYNTH_AC_F1, 10), W(SYNTH_AC_P1, 2),  W(SYNTH_AC_F2, 12), W(SYNTH_AC_P2, 3),
        W(SYNTH_AC_F4, 7),  W(SYNTH_AC_P4, 1),  W(SYNTH_AC_F5, 22), W(SYNTH_AC_P5, 9),
        W(SYNTH_AC_G4, 7),  W(SYNTH_AC_G5, 19), W(SYNTH_AC_G6, 8),
    };
    return PICK(r, c);
}

int synth_accom_index(const char *code);
int synth_accom_index(const char *code)
{
    for (int i = 1; i < SYNTH_N_ACCOM; i++)
        if (strcmp(synth_accom_codes[i], code) == 0) return i;
    return 0;
}

static int draw_accom(SynthRng *r, int age, bool staying_put)
{
    if (synth_rng_chance(r, 0.10)) {
        static const char *const unsuitable[] = {"B2", "D2", "U2", "K2", "S2",
                                                 "V2", "W2", "X2", "Y2", "E2"};
        return synth_accom_index(unsuitable[synth_rng_below(r, 10)]);
    }
    if (age <= 17) {
        static const Choice c[] = {
            W(1, 22), /* B1 */ W(5, 32),  /* D1 */ W(7, 16),                    /* E1 */
            W(13, 5), /* K1 */ W(20, 12), /* U1 */ W(3, 4),  /* C1 */ W(27, 3), /* Y1 */
        };
        return synth_accom_index(synth_accom_codes[PICK(r, c)]);
    }
    Choice c[] = {
        W(20, 28),
        /* U1 */ W(5, 18), /* D1 */
        W(7, 8),
        /* E1 */ W(1, 12), /* B1 */
        W(29, staying_put && age <= 20 ? 40 : 3),
        /* Z1 */ W(18, 5), /* T1 */
        W(13, 5),
        /* K1 */ W(27, 2), /* Y1 */
        W(3, 1),
        /* C1 */ W(9, 1), /* G1 */
    };
    return PICK(r, c);
}

static void push_oc3(SynthGen *g, int age, int in_touch, int activ, int accom)
{
    SynthWorld *w = g->w;
    MEM_GROW(w->oc3, w->n_oc3, w->cap_oc3);
    SynthOc3 *o = &w->oc3[w->n_oc3++];
    o->age = (uint8_t)age;
    o->in_touch = (uint8_t)in_touch;
    o->activ = (uint8_t)activ;
    o->accom = (uint8_t)accom;
    g->c->n_oc3++;
}

/* OC3 for a former relevant young person. IN_TOUCH is YES, NO, REFU or NREQ:
 * DIED and RHOM are not generated, because DfE 903 rules 153 (all three items
 * coded or all blank) and 344 (ACTIV and ACCOM blank for DIED and RHOM)
 * cannot both hold for them. */
static void make_oc3(SynthGen *g, const SynthLeaving *l)
{
    SynthRng *r = &g->rng;
    const SynthChild *c = g->c;
    bool staying_put = l->last_rec == SC_REC_E17;
    int prev = SYNTH_AC_NONE;
    for (int age = 17; age <= 24; age++) {
        Date b = date_birthday(c->dob, age);
        if (l->left > b) continue; /* still looked after on that birthday */
        if (age >= 22 && !synth_activ_in_education(prev)) break;
        int touch = SYNTH_IT_YES;
        if (age <= 21) {
            Choice t[] = {
                W(SYNTH_IT_YES, age <= 18 ? 91 : 85),
                W(SYNTH_IT_NO, age <= 18 ? 4 : 7),
                W(SYNTH_IT_REFU, 2),
                W(SYNTH_IT_NREQ, age <= 18 ? 3 : 6),
            };
            touch = PICK(r, t);
        }
        int activ, accom;
        if (touch == SYNTH_IT_NO || touch == SYNTH_IT_REFU) {
            activ = SYNTH_AC_0;
            accom = SYNTH_N_ACCOM - 1; /* "0" */
        } else {
            if (age >= 22)
                activ = synth_rng_chance(r, 0.75) ? prev : SYNTH_AC_F5 + (int)synth_rng_below(r, 5);
            else if (synth_activ_in_education(prev) || prev >= SYNTH_AC_F5)
                activ = synth_rng_chance(r, 0.55) ? prev : draw_activ(r, age);
            else
                activ = draw_activ(r, age);
            accom = draw_accom(r, age, staying_put);
        }
        push_oc3(g, age, touch, activ, accom);
        prev = activ;
    }
}

void synth_finish_child(SynthGen *g)
{
    SynthChild *c = g->c;
    SynthLeaving l = synth_child_leaving(g);
    if (l.former_relevant) make_oc3(g, &l);
    /* A few young women in care have a baby of their own. */
    if (c->sex == 'F' && l.any_full_time && synth_rng_chance(&g->rng, 0.04)) {
        const SynthEpisode *eps = synth_child_eps(g->w, c);
        Date lo = date_birthday(c->dob, 15), hi = date_birthday(c->dob, 18) - 1;
        Date first = DATE_NONE, last = DATE_NONE;
        for (int i = 0; i < c->n_ep; i++) {
            if (synth_is_short_break(eps[i].ls) || eps[i].dec <= lo) continue;
            if (first == DATE_NONE) first = max_date(eps[i].decom, lo);
            last = min_date(eps[i].dec - 1, hi);
        }
        if (first != DATE_NONE && last > first + 30)
            c->mc_dob = synth_rng_range(&g->rng, first + 30, last);
    }
}

bool synth_child_visible(const SynthGen *g)
{
    const SynthWorld *w = g->w;
    const SynthChild *c = g->c;
    const SynthEpisode *eps = synth_child_eps(w, c);
    for (int i = 0; i < c->n_ep; i++)
        if (eps[i].decom <= w->w1 && eps[i].dec >= w->w0) return true;
    const SynthOc3 *o = synth_child_oc3(w, c);
    for (int i = 0; i < c->n_oc3; i++) {
        int y = date_collection_year(date_birthday(c->dob, o[i].age));
        if (y >= w->from_year && y <= w->to_year) return true;
    }
    return false;
}

/* ------------------------------------------------------- random children */

static void random_short_break_child(SynthGen *g, Date from, Date to)
{
    SynthRng *r = &g->rng;
    SynthWorld *w = g->w;
    SynthChild *c = g->c;
    static const Choice age_band[] = {W(2, 15), W(5, 35), W(10, 40), W(15, 10)};
    int band = PICK(r, age_band);
    int span = band == 2 ? 3 : band == 5 ? 5 : band == 10 ? 5 : 2;
    int age_days = synth_rng_range(r, band * 365, (band + span) * 365 - 1);
    Date start = synth_rng_range(r, from == DATE_NONE ? w->w0 - 14 * 365 : from,
                                 to == DATE_NONE ? w->w1 : to);
    c->dob = start - age_days;
    c->flags = SYNTH_CHILD_SHORT_BREAKS;
    if (synth_rng_chance(r, 0.85)) c->flags |= SYNTH_CHILD_DISABLED;
    synth_gen_identity(g, SYNTH_ETHNIC_RANDOM);
    uint8_t cin = synth_gen_cin(g);
    if (cin == SC_CIN_N8) cin = SC_CIN_N4;
    Date bd18 = date_birthday(c->dob, 18);
    /* Short breaks are never in long-term foster care (DfE 903 rule 384). */
    static const Choice place_c[] = {W(SC_PL_U6, 70), W(SC_PL_U3, 5), W(SC_PL_K2, 25)};
    uint8_t place = (uint8_t)PICK(r, place_c);
    if (synth_rng_chance(r, 0.7)) {
        /* Agreements (V4): one episode per agreement. */
        Date t = start;
        for (int k = 0; k < 3 && t < bd18; k++) {
            Date end = min_date(bd18, t + synth_rng_log_range(r, 90, 1800));
            uint8_t rec =
                end == bd18 && (c->flags & SYNTH_CHILD_DISABLED) && synth_rng_chance(r, 0.3)
                    ? SC_REC_E7
                    : SC_REC_E8;
            synth_emit_short_break(g, t, end, SC_LS_V4, place, cin, rec);
            if (end >= bd18 || !synth_rng_chance(r, 0.35)) break;
            t = end + synth_rng_range(r, 30, 400);
        }
    } else {
        /* Individual breaks (V3): one episode per stay of one to three nights. */
        Date span_end = min_date(bd18, start + synth_rng_log_range(r, 180, 2200));
        int interval = synth_rng_range(r, 14, 56);
        Date t = start;
        for (int k = 0; k < 250 && t < span_end; k++) {
            int nights = synth_rng_range(r, 1, 3);
            if (t + nights > bd18) break;
            synth_emit_short_break(g, t, t + nights, SC_LS_V3, place, cin, SC_REC_E4A);
            t += nights + interval + synth_rng_range(r, -5, 5);
        }
    }
}

static uint8_t entry_ls(SynthGen *g, int age)
{
    if (g->c->flags & SYNTH_CHILD_UASC) return SC_LS_V2;
    if (age < 1) {
        static const Choice c[] = {W(SC_LS_V2, 30), W(SC_LS_C1, 45), W(SC_LS_L2, 15),
                                   W(SC_LS_L1, 10)};
        return (uint8_t)PICK(&g->rng, c);
    }
    if (age < 5) {
        static const Choice c[] = {W(SC_LS_V2, 38), W(SC_LS_C1, 40), W(SC_LS_L1, 12),
                                   W(SC_LS_L2, 10)};
        return (uint8_t)PICK(&g->rng, c);
    }
    if (age < 10) {
        static const Choice c[] = {W(SC_LS_V2, 48), W(SC_LS_C1, 35), W(SC_LS_L1, 12),
                                   W(SC_LS_L2, 5)};
        return (uint8_t)PICK(&g->rng, c);
    }
    if (age < 16) {
        static const Choice c[] = {W(SC_LS_V2, 62), W(SC_LS_C1, 22), W(SC_LS_L1, 8), W(SC_LS_J1, 6),
                                   W(SC_LS_J2, 2)};
        return (uint8_t)PICK(&g->rng, c);
    }
    static const Choice c[] = {W(SC_LS_V2, 78), W(SC_LS_C1, 6), W(SC_LS_J1, 10),
                               W(SC_LS_J2, 2),  W(SC_LS_J3, 1), W(SC_LS_L1, 3)};
    return (uint8_t)PICK(&g->rng, c);
}

static void random_full_time_child(SynthGen *g, Date from, Date to)
{
    SynthRng *r = &g->rng;
    SynthWorld *w = g->w;
    SynthChild *c = g->c;
    static const Choice band[] = {W(0, 18), W(1, 12), W(5, 14), W(10, 40), W(16, 16)};
    int lo = PICK(r, band);
    int hi = lo == 0 ? 1 : lo == 1 ? 5 : lo == 5 ? 10 : lo == 10 ? 16 : 18;
    Date start = synth_rng_range(r, from == DATE_NONE ? w->w0 - 18 * 365 : from,
                                 to == DATE_NONE ? w->w1 : to);
    int age_days = synth_rng_range(r, (int)(lo * 365.25), (int)(hi * 365.25) - 2);
    c->dob = start - age_days;
    int age = date_age_on(c->dob, start);
    if (age >= 18) {
        c->dob += 2;
        age = date_age_on(c->dob, start);
    }
    c->flags = 0;
    bool uasc = age >= 14 && synth_rng_chance(r, 0.07);
    if (uasc)
        c->flags |= SYNTH_CHILD_UASC;
    else if (synth_rng_chance(r, 0.06))
        c->flags |= SYNTH_CHILD_DISABLED;
    synth_gen_identity(g, uasc ? SYNTH_ETHNIC_UASC : SYNTH_ETHNIC_RANDOM);
    uint8_t cin = synth_gen_cin(g);
    Date bd18 = date_birthday(c->dob, 18);
    Date t = start;
    for (int k = 0; k < 3; k++) {
        SynthPeriod p;
        synth_period_init(&p, t, entry_ls(g, date_age_on(c->dob, t)), cin);
        synth_legal_continue(g, &p, t);
        synth_plan_placements(g, &p);
        synth_emit_period(g, &p);
        bool home = p.rec == SC_REC_E4A || p.rec == SC_REC_E4B || p.rec == SC_REC_E13 ||
                    p.rec == SC_REC_E8 || p.rec == SC_REC_E14 || p.rec == SC_REC_E41;
        if (!home || date_age_on(c->dob, p.end) >= 17 || !synth_rng_chance(r, 0.22)) break;
        t = p.end + synth_rng_log_range(r, 30, 1500);
        if (t >= bd18 - 60) break;
        if (!(c->flags & SYNTH_CHILD_DISABLED) && !uasc && synth_rng_chance(r, 0.3))
            cin = synth_gen_cin(g);
    }
}

static void fallback_child(SynthGen *g, Date before)
{
    SynthRng *r = &g->rng;
    SynthWorld *w = g->w;
    SynthChild *c = g->c;
    Date hi = min_date(w->w1, before) - 120;
    Date start = synth_rng_range(r, w->w0, hi > w->w0 ? hi : w->w0);
    c->dob = start - synth_rng_range(r, 3 * 365, 9 * 365);
    c->flags = 0;
    synth_gen_identity(g, SYNTH_ETHNIC_RANDOM);
    SynthPeriod p;
    synth_period_init(&p, start, SC_LS_V2, synth_gen_cin(g));
    p.end = start + synth_rng_range(r, 7, 90);
    p.rec = SC_REC_E4A;
    synth_plan_placements(g, &p);
    synth_emit_period(g, &p);
}

void synth_random_child(SynthGen *g, const SynthAcceptor *acceptor)
{
    for (int attempt = 0; attempt < 200; attempt++) {
        synth_gen_reset(g);
        Date from = acceptor ? acceptor->entry_from : DATE_NONE;
        Date to = acceptor ? acceptor->entry_to : DATE_NONE;
        if (synth_rng_chance(&g->rng, 0.135))
            random_short_break_child(g, from, to);
        else
            random_full_time_child(g, from, to);
        synth_finish_child(g);
        if (!synth_child_visible(g)) continue;
        if (acceptor && acceptor->accept && !acceptor->accept(g, acceptor->ctx)) continue;
        return;
    }
    synth_gen_reset(g);
    fallback_child(g, acceptor ? acceptor->fallback_before : g->w->w1 + 1);
}
