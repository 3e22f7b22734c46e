/* synth_write: see synth_write.h. Which rows a year holds follows the DfE's
 * 903 guidance: Episodes open at any time in the year, with DEC and REC left
 * empty when the episode goes on past 31 March; Header for every child in
 * Episodes or OC3; OC2 for children looked after continuously for 12 months
 * at 31 March; OC3 for care leavers whose birthday falls in the year; AD1 for
 * children adopted in the year; PrevPerm for children starting care. */
#include "synth/synth_write.h"

#include "base/csv.h"
#include "base/mem.h"
#include "synth/synth_era.h"
#include "synth/synth_records.h"
#include "synth/synth_rng.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Stream purposes, mixed into the period's seed. */
enum {
    STREAM_REVIEWS = 1,
    STREAM_MISSING,
    STREAM_PREV_PERM,
    STREAM_ADOPTION,
    STREAM_SOCIAL_WORKER,
    STREAM_DOLO,
    STREAM_OC2,
};

typedef struct YearOut {
    const SynthWorld *w;
    int year;
    Date ys, ye; /* 1 April, 31 March */
    FILE *f[TABLE_COUNT];
    SynthCounts *counts;
    SynthRecords records; /* the child's local records, reused */
    /* The child being written. */
    const SynthChild *c;
    char id[16], dob[DATE_FMT_LEN];
} YearOut;

typedef struct Period {
    Date start, end;
    int first, n; /* episode indexes within the child */
    uint8_t rec;
    bool full_time;
} Period;

static void row(YearOut *y, Ssda903TableId t, const char *const *fields, int n)
{
    if (!y->f[t]) return;
    csv_write_row(y->f[t], fields, n);
    y->counts->rows[t]++;
}

static const char *fmt_date(Date d, char *buf)
{
    return date_format_dmy(d, buf);
}

static uint64_t period_seed(const YearOut *y, const Period *p, int purpose)
{
    return synth_mix(synth_mix(y->w->seed, y->c->seed),
                     ((uint64_t)(uint32_t)p->start << 8) | (uint64_t)purpose);
}

static bool in_year(const YearOut *y, Date d)
{
    return d >= y->ys && d <= y->ye;
}

/* ------------------------------------------------------------- episodes */

/* ------------------------------------------------------ local records */

/* Writes the records of the templates (docs/templates.md) dated in the year. */
static void write_records(YearOut *y)
{
    for (int i = 0; i < y->records.n; i++) {
        const SynthRecord *r = &y->records.items[i];
        if (!in_year(y, r->date)) continue;
        char d[DATE_FMT_LEN];
        const char *f[3] = {y->id, fmt_date(r->date, d), r->value};
        int n = ssda903_table((Ssda903TableId)r->table)->n_columns;
        row(y, (Ssda903TableId)r->table, f, n);
    }
    y->records.n = 0;
}

static void write_episode(YearOut *y, const SynthEpisode *e)
{
    char decom[DATE_FMT_LEN], dec[DATE_FMT_LEN], home[12], pl[12], urn[12];
    bool ended = e->dec <= y->ye;
    bool short_break = synth_is_short_break(e->ls);
    /* DfE 903 rule 214: no placement location for short breaks. */
    synth_postcode_format(short_break ? 0 : e->pl_post, pl);
    synth_postcode_format(y->c->home_post, home);
    urn[0] = '\0';
    if (e->urn && !short_break) {
        if (e->place == SC_PL_S1)
            snprintf(urn, sizeof urn, "%06u", (unsigned)e->urn % 1000000u);
        else
            snprintf(urn, sizeof urn, "SC%06u", (unsigned)e->urn % 1000000u);
    }
    const char *f[13] = {
        y->id,
        fmt_date(e->decom, decom),
        synth_code(e->rne),
        synth_era_ls(e->ls, y->year),
        synth_code(e->cin),
        synth_era_place(e->place, e->provider, e->pl_post, y->year),
        synth_code(e->provider),
        ended ? fmt_date(e->dec, dec) : "",
        ended ? synth_era_rec(e->rec, y->year) : "",
        ended ? synth_era_rpc(e->rpc, y->year) : "",
        home,
        pl,
        urn,
    };
    row(y, T903_EPISODES, f, 13);
}

/* -------------------------------------------------------------- reviews */

/* Statutory reviews: within 20 working days of the start of care, again
 * within three months, then at most six-monthly (CPPCR 2010 reg 33). Some
 * are late. Short breaks carry no reviews in the 903 (DfE 903 rule 399).
 * Fills dates[] (and codes[] when not NULL) with the period's reviews held up
 * to `until`, in date order; returns how many. The same stream gives the same
 * reviews whatever `until` is. */
static int review_schedule(const YearOut *y, const Period *p, Date until, Date *dates,
                           const char **codes_out, int max)
{
    if (p->end - p->start < 21) return 0;
    SynthRng r;
    synth_rng_seed(&r, period_seed(y, p, STREAM_REVIEWS));
    static const int code_w[] = {55, 5, 5, 3, 10, 15, 7}; /* PN1..PN7 */
    static const char *const codes[] = {"PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"};
    int n = 0;
    Date d = p->start + synth_rng_range(&r, 14, 28);
    if (synth_rng_chance(&r, 0.05)) d += synth_rng_range(&r, 1, 30);
    for (int k = 1; d < p->end && k < 200; k++) {
        const char *code = codes[synth_rng_weighted(&r, code_w, 7)];
        if (date_age_on(y->c->dob, d) < 4) code = "PN0";
        if (d > until || n == max) break;
        if (codes_out) codes_out[n] = code;
        dates[n++] = d;
        d += k == 1 ? synth_rng_range(&r, 70, 92) : synth_rng_range(&r, 150, 183);
        if (synth_rng_chance(&r, 0.07)) d += synth_rng_range(&r, 10, 60);
    }
    return n;
}

enum { MAX_REVIEWS = 200 };

static void write_reviews(YearOut *y, const Period *p)
{
    Date dates[MAX_REVIEWS];
    const char *codes[MAX_REVIEWS];
    int n = review_schedule(y, p, y->ye, dates, codes, MAX_REVIEWS);
    for (int i = 0; i < n; i++) {
        if (dates[i] < y->ys) continue;
        char rd[DATE_FMT_LEN];
        const char *f[4] = {y->id, y->dob, fmt_date(dates[i], rd), codes[i]};
        row(y, T903_REVIEWS, f, 4);
    }
}

/* -------------------------------------------------------------- missing */

static void write_missing(YearOut *y, const Period *p)
{
    Date from = date_birthday(y->c->dob, 11);
    if (from < p->start) from = p->start;
    if (from >= p->end || from > y->ye) return;
    SynthRng r;
    synth_rng_seed(&r, period_seed(y, p, STREAM_MISSING));
    double per_year = synth_rng_chance(&r, 0.15) ? 3.0 : 0.15;
    Date t = from;
    for (int k = 0; k < 60; k++) {
        double u = synth_rng_unit(&r);
        int gap = 1 + (int)(-log1p(-u) / per_year * 365.25);
        t += gap;
        int len = synth_rng_chance(&r, 0.35) ? 0 : synth_rng_range(&r, 1, 5);
        bool away = synth_rng_chance(&r, 0.35);
        if (t + len >= p->end || t > y->ye) break;
        Date start = t;
        t += len; /* the next one starts after this one ends (DfE 903 rule 574) */
        if (start < y->ys) continue;
        char s[DATE_FMT_LEN], e[DATE_FMT_LEN];
        const char *f[5] = {y->id, y->dob, away ? "A" : "M", fmt_date(start, s),
                            t <= y->ye ? fmt_date(t, e) : ""};
        row(y, T903_MISSING, f, 5);
    }
}

/* ------------------------------------------------------------ prev perm */

static void write_prev_perm(YearOut *y, const Period *p)
{
    SynthRng r;
    synth_rng_seed(&r, period_seed(y, p, STREAM_PREV_PERM));
    static const int w[] = {86, 3, 3, 5, 3};
    static const char *const codes[] = {"Z1", "P4", "P1", "P2", "P3"};
    int k = synth_rng_weighted(&r, w, 5);
    char la[8] = "", when[DATE_FMT_LEN] = "";
    if (k == 1) {
        /* P4 (unknown): the DfE's guidance gives LA_PERM 999 (information not
         * available) and an unknown date as ZZ/ZZ/ZZZZ (rule 630 wants both). */
        snprintf(la, sizeof la, "999");
        snprintf(when, sizeof when, "ZZ/ZZ/ZZZZ");
    } else if (k >= 2) {
        static const char *const las[] = {"835", "835", "835", "800", "801", "803", "878"};
        snprintf(la, sizeof la, "%s", las[synth_rng_below(&r, 7)]);
        Date lo = y->c->dob + 180;
        Date d = lo < p->start - 60 ? synth_rng_range(&r, lo, p->start - 60) : y->c->dob;
        fmt_date(d, when);
        if (synth_rng_chance(&r, 0.1)) memcpy(when, "zz", 2); /* day not known */
    }
    const char *f[5] = {y->id, y->dob, codes[k], la, when};
    row(y, T903_PREV_PERM, f, 5);
}

/* ------------------------------------------------------------- adoption */

typedef struct AdoptionPlan {
    Date decided; /* decision that the child should be placed for adoption */
    Date ceased;  /* decision reversed, or DATE_NONE */
    Date placed;  /* placed for adoption (first A placement), or DATE_NONE */
    uint8_t last_place;
    bool adopted;
} AdoptionPlan;

static bool adoption_plan(const YearOut *y, const Period *p, const SynthEpisode *eps,
                          AdoptionPlan *a, SynthRng *r)
{
    int first = -1, last = -1;
    for (int i = p->first; i < p->first + p->n; i++)
        if (eps[i].ls == SC_LS_E1) {
            if (first < 0) first = i;
            last = i;
        }
    if (first < 0) return false;
    synth_rng_seed(r, period_seed(y, p, STREAM_ADOPTION));
    Date d = eps[first].decom - synth_rng_range(r, 14, 90);
    a->decided = d < p->start ? p->start : d;
    a->placed = DATE_NONE;
    for (int i = first; i < p->first + p->n; i++)
        if (synth_is_adoption_place(eps[i].place)) {
            a->placed = eps[i].decom;
            break;
        }
    a->last_place = eps[p->first + p->n - 1].place;
    a->adopted = p->rec == SC_REC_E11 || p->rec == SC_REC_E12;
    a->ceased = a->adopted ? DATE_NONE : eps[last].dec;
    return true;
}

static void write_adoption(YearOut *y, const Period *p, const SynthEpisode *eps)
{
    AdoptionPlan a;
    SynthRng r;
    if (!adoption_plan(y, p, eps, &a, &r)) return;
    char d1[DATE_FMT_LEN], d2[DATE_FMT_LEN];
    bool open_in_year = a.decided <= y->ye && (a.adopted ? p->end >= y->ys : a.ceased >= y->ys);
    static const char *const reasons[] = {"RD1", "RD3", "RD3", "RD4"};
    const char *reason = reasons[synth_rng_below(&r, 4)];
    if (open_in_year) {
        bool ceased = !a.adopted && a.ceased <= y->ye;
        const char *f[5] = {y->id, y->dob, fmt_date(a.decided, d1),
                            ceased ? fmt_date(a.ceased, d2) : "", ceased ? reason : ""};
        row(y, T903_PLACED_ADOPTION, f, 5);
    }
    if (!a.adopted || !in_year(y, p->end) || a.placed == DATE_NONE) return;
    /* AD1: the adoption itself. */
    Date match = a.placed - synth_rng_range(&r, 7, 60);
    if (match < a.decided) match = a.decided;
    static const int adopter_w[] = {9, 68, 10, 5, 4, 4};
    int k = synth_rng_weighted(&r, adopter_w, 6);
    int year = date_collection_year(p->end);
    if ((k == 3 && year < 2015) || (k == 4 && year < 2006)) k = 1; /* same-sex marriage, CP */
    static const char *const nb[] = {"1", "2", "2", "2", "2", "2"};
    const char *sex = k == 0   ? (synth_rng_chance(&r, 0.85) ? "F1" : "M1")
                      : k <= 2 ? "MF"
                               : (synth_rng_chance(&r, 0.5) ? "FF" : "MM");
    static const char *const ls[] = {"L0", "L11", "L3", "L12", "L2", "L4"};
    bool with_foster_carer = a.last_place == SC_PL_A5 || a.last_place == SC_PL_A3;
    char d3[DATE_FMT_LEN];
    const char *f[8] = {y->id,
                        y->dob,
                        fmt_date(a.decided, d1),
                        fmt_date(match, d3),
                        with_foster_carer ? "1" : "0",
                        nb[k],
                        sex,
                        ls[k]};
    row(y, T903_AD1, f, 8);
    (void)d2;
}

/* ------------------------------------------------------ social workers */

/* The social workers of one period of care, from a year or two before it:
 * a child comes into care already known to children's services, and the 903
 * wants every social worker episode of the year before 31 March, looked after
 * or not (DfE rule SW12STG2). Starting at least 366 days before care makes the
 * first episode start by 1 April of the year care begins, the same in every
 * year's file; never before `floor` (birth, or the end of the child's previous
 * period, whose own social workers run up to it). */
static void write_social_workers(YearOut *y, const Period *p, Date floor)
{
    if (p->end < y->ys) return;
    SynthRng r;
    synth_rng_seed(&r, period_seed(y, p, STREAM_SOCIAL_WORKER));
    Date known = p->start - 366 - (Date)synth_rng_below(&r, 366);
    static const int reason_w[] = {20, 3, 30, 10, 15, 5, 8, 4, 0, 5};
    static const char *const reasons[] = {"MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC",
                                          "ABSENC", "CHCHAN", "PCCHAN", "SWDIED", "OTHERS"};
    int n_sw = y->w->n_social_workers > 0 ? y->w->n_social_workers : 1;
    Date t = known > floor ? known : floor;
    /* SW_REASON is why this social worker was assigned (the DfE publishes a
     * reason for every episode, the current one included, "first contact or
     * re-referral" among them; DfE rule SW01bSTG1 wants it on every episode
     * from 1 April 2023): the first of the period is first contact (FCONTA),
     * each later one the reason the one before it ended. */
    const char *why = "FCONTA";
    for (int k = 0; k < 200 && t <= y->ye; k++) {
        Date end = t + synth_rng_log_range(&r, 60, 900);
        const char *reason = reasons[synth_rng_weighted(&r, reason_w, 10)];
        unsigned sw = 1u + synth_rng_below(&r, (uint32_t)n_sw);
        if (end >= p->end) end = p->end; /* the last of the period: it ends with care */
        if (end >= y->ys) {
            char id[16], s[DATE_FMT_LEN], e[DATE_FMT_LEN];
            snprintf(id, sizeof id, "SW%05u", sw);
            bool ended = end <= y->ye;
            const char *f[6] = {y->id, y->dob, id, fmt_date(t, s), ended ? fmt_date(end, e) : "",
                                why};
            row(y, T903_SW_EPISODES, f, 6);
        }
        if (end >= p->end) break;
        t = end;
        why = reason;
    }
}

/* ----------------------------------------------------------------- DoLo */

static void write_dolo(YearOut *y, const SynthEpisode *e)
{
    /* Only in a children's home (K2): DfE rule 709 expects K2, Z12 or Z13
     * during a DoLO, and rule 710 forbids secure homes and the rest. */
    if (e->place != SC_PL_K2) return;
    if (date_age_on(y->c->dob, e->decom) < 12 || e->dec - e->decom < 10) return;
    SynthRng r;
    synth_rng_seed(&r, synth_mix(synth_mix(y->w->seed, y->c->seed),
                                 ((uint64_t)(uint32_t)e->decom << 8) | STREAM_DOLO));
    if (!synth_rng_chance(&r, 0.08)) return;
    Date s = e->decom + synth_rng_range(&r, 0, (e->dec - e->decom) / 3);
    Date end = s + synth_rng_range(&r, 30, 365);
    if (end >= e->dec) end = e->dec - 1; /* the next placement starts on DEC */
    if (s > y->ye || end < y->ys) return;
    char a[DATE_FMT_LEN], b[DATE_FMT_LEN];
    const char *f[4] = {y->id, y->dob, fmt_date(s, a), end <= y->ye ? fmt_date(end, b) : ""};
    row(y, T903_DOLO, f, 4);
}

/* ------------------------------------------------------------------ OC2 */

static void write_oc2(YearOut *y, const Period *p)
{
    SynthRng r;
    synth_rng_seed(&r, synth_mix(period_seed(y, p, STREAM_OC2), (uint64_t)y->year));
    int age = date_age_on(y->c->dob, y->ye);
    char score[8] = "";
    const char *reason = "";
    int age_start = date_age_on(y->c->dob, y->ys);
    if (age < 4 || age_start >= 17) {
        /* No SDQ under 4 at the end of the year or 17 at its start (DfE 903
         * rules 188, 189). */
    } else if (age_start >= 4 && age <= 16) { /* required (rule 186) */
        if (synth_rng_chance(&r, 0.78))
            snprintf(score, sizeof score, "%d",
                     synth_rng_range(&r, 0, 14) + synth_rng_range(&r, 0, 14) +
                         synth_rng_range(&r, 0, 6));
        else if (y->c->flags & SYNTH_CHILD_DISABLED)
            reason = "SDQ3";
        else
            reason = synth_rng_chance(&r, 0.5)   ? "SDQ2"
                     : synth_rng_chance(&r, 0.5) ? "SDQ5"
                                                 : "SDQ4";
    } else {
        reason = "SDQ1";
    }
    const char *convicted = age >= 10 ? (synth_rng_chance(&r, 0.04) ? "1" : "0") : "";
    const char *health_check = age < 5 ? (synth_rng_chance(&r, 0.9) ? "1" : "0") : "";
    const char *imm = synth_rng_chance(&r, 0.87) ? "1" : "0";
    const char *teeth = synth_rng_chance(&r, 0.85) ? "1" : "0";
    const char *assess = synth_rng_chance(&r, 0.9) ? "1" : "0";
    bool misuse = age >= 11 && synth_rng_chance(&r, 0.05);
    bool received = misuse && synth_rng_chance(&r, 0.6);
    /* DfE 903 rules 158, 159: "offered" only when no intervention was received. */
    const char *offered = misuse && !received ? (synth_rng_chance(&r, 0.5) ? "1" : "0") : "";
    const char *f[12] = {y->id,
                         y->dob,
                         score,
                         reason,
                         convicted,
                         health_check,
                         imm,
                         teeth,
                         assess,
                         misuse ? "1" : "0",
                         misuse ? (received ? "1" : "0") : "",
                         offered};
    row(y, T903_OC2, f, 12);
}

/* ---------------------------------------------------------------- child */

static int child_periods(const SynthEpisode *eps, int n, Period *out, int max)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && eps[i].decom == eps[i - 1].dec && k > 0) {
            out[k - 1].end = eps[i].dec;
            out[k - 1].n++;
            out[k - 1].rec = eps[i].rec;
            continue;
        }
        if (k == max) break;
        out[k].start = eps[i].decom;
        out[k].end = eps[i].dec;
        out[k].first = i;
        out[k].n = 1;
        out[k].rec = eps[i].rec;
        out[k].full_time = !synth_is_short_break(eps[i].ls);
        k++;
    }
    return k;
}

enum { MAX_PERIODS = 300 };

static void write_child(YearOut *y, const SynthChild *c, Period *periods)
{
    const SynthWorld *w = y->w;
    const SynthEpisode *eps = synth_child_eps(w, c);
    const SynthOc3 *oc3 = synth_child_oc3(w, c);
    int first = -1, last = -1;
    bool full_time = false;
    for (int i = 0; i < c->n_ep; i++) {
        if (eps[i].decom > y->ye) break;
        if (eps[i].dec < y->ys) continue;
        if (first < 0) first = i;
        last = i;
        if (!synth_is_short_break(eps[i].ls)) full_time = true;
    }
    /* The generator keeps care leavers' OC3 up to 24 while in education (the
     * 2010 profile counts them), but every rule set Carepledge carries, from
     * 2022/23 on, rejects OC3 after the 21st birthday (DfE rule 391): those
     * years' returns leave them out. */
    int oc3_max_age = y->year >= 2023 ? 21 : 24;
    int oc3_first = -1, oc3_n = 0;
    for (int i = 0; i < c->n_oc3; i++)
        if (oc3[i].age <= oc3_max_age &&
            date_collection_year(date_birthday(c->dob, oc3[i].age)) == y->year) {
            if (oc3_first < 0) oc3_first = i;
            oc3_n++;
        }
    if (first < 0 && oc3_n == 0) return;

    y->c = c;
    snprintf(y->id, sizeof y->id, "C%06u", (unsigned)c->number);
    fmt_date(c->dob, y->dob);

    /* Header. MOTHER is for every girl looked after (not on short breaks) in
     * the year, whatever her age (DfE 903 rules 393, 399, 607, 628). */
    char upn[16], mc[DATE_FMT_LEN] = "";
    const char *upn_s;
    if (c->flags & SYNTH_CHILD_UASC)
        upn_s = "UN2";
    else if (date_birthday(c->dob, 4) > date_from_ymd(y->year - 2, 8, 31)) /* rule 209 */
        upn_s = "UN1";
    else
        upn_s = synth_upn_format(c->upn, upn);
    const char *mother = "";
    if (c->sex == 'F' && full_time) {
        bool is_mother = c->mc_dob != DATE_NONE && c->mc_dob <= y->ye;
        mother = is_mother ? "1" : "0";
        if (is_mother) fmt_date(c->mc_dob, mc);
    }
    /* SEX is 1/2 up to 2023/24 and M/F/U from 2024/25 (DfE 903 rule 101). */
    const char *sex = y->year <= 2024 ? (c->sex == 'M' ? "1" : "2") : (c->sex == 'M' ? "M" : "F");
    const char *hf[7] = {y->id, sex, y->dob, synth_ethnic_codes[c->ethnic], upn_s, mother, mc};
    row(y, T903_HEADER, hf, 7);

    if (first >= 0) {
        for (int i = first; i <= last; i++)
            if (eps[i].dec >= y->ys) write_episode(y, &eps[i]);
        if (c->flags & SYNTH_CHILD_UASC) {
            char duc[DATE_FMT_LEN];
            const char *f[4] = {y->id, sex, y->dob, fmt_date(date_birthday(c->dob, 18), duc)};
            row(y, T903_UASC, f, 4);
        }
        int np = child_periods(eps, c->n_ep, periods, MAX_PERIODS);
        bool prev_perm_done = false;
        for (int k = 0; k < np; k++) {
            const Period *p = &periods[k];
            if (!p->full_time || p->start > y->ye || p->end < y->ys) continue;
            write_reviews(y, p);
            write_missing(y, p);
            if (in_year(y, p->start) && eps[p->first].rne == SC_RNE_S && !prev_perm_done) {
                write_prev_perm(y, p); /* once per child (INT35) */
                prev_perm_done = true;
            }
            write_adoption(y, p, eps);
            if (p->start <= y->ys && p->end > y->ye) write_oc2(y, p);
            if (y->f[T903_SW_EPISODES])
                write_social_workers(y, p, k > 0 ? periods[k - 1].end : c->dob);
            if (y->f[T903_DOLO])
                for (int i = p->first; i < p->first + p->n; i++)
                    if (eps[i].decom <= y->ye && eps[i].dec >= y->ys) write_dolo(y, &eps[i]);
            Date reviews[MAX_REVIEWS];
            SynthCarePeriod cp = {p->start, p->end, p->first, p->n, reviews, 0};
            cp.n_reviews = review_schedule(y, p, y->ye, reviews, NULL, MAX_REVIEWS);
            synth_records_in_care(w, c, &cp, y->ye, &y->records);
        }
    }
    synth_records_leaver(w, c, y->ye, &y->records);
    write_records(y);

    for (int i = oc3_first; oc3_n > 0 && i < c->n_oc3; i++) {
        const SynthOc3 *o = &oc3[i];
        if (o->age > oc3_max_age || date_collection_year(date_birthday(c->dob, o->age)) != y->year)
            continue;
        const char *f[5] = {y->id, y->dob, synth_in_touch_codes[o->in_touch],
                            synth_era_activ(o->activ, y->year), synth_accom_codes[o->accom]};
        row(y, T903_OC3, f, 5);
    }
}

/* ---------------------------------------------------------------- files */

static int make_dir(const char *path, Err *err)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf) return err_set(err, ERR_IO, "bad output directory '%s'", path);
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0') continue;
        char saved = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return err_set(err, ERR_IO, "cannot create directory '%s': %s", buf, strerror(errno));
        buf[i] = saved;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return err_set(err, ERR_IO, "'%s' is not a directory", path);
    return 0;
}

static int write_year(const SynthWorld *w, const char *dir, int year, const int *order,
                      SynthCounts *counts, Period *periods, Err *err)
{
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/%04d-%02d", dir, year - 1, year % 100);
    int rc = make_dir(sub, err);
    if (rc) return rc;
    YearOut y;
    memset(&y, 0, sizeof y);
    y.w = w;
    y.year = year;
    y.ys = date_collection_year_start(year);
    y.ye = date_collection_year_end(year);
    y.counts = counts;
    for (int t = 0; t < TABLE_COUNT; t++) {
        const Ssda903Table *table = ssda903_table((Ssda903TableId)t);
        if (table->first_year && year < table->first_year) continue;
        /* The generator makes no requests under CA89 s23CZB (its care
         * leavers' 21st to 25th years mostly fall after the history ends):
         * no file rather than an empty one, so its output is as before. */
        if (t == TREC_PA_REQUESTS) continue;
        char path[4400];
        snprintf(path, sizeof path, "%s/%s.csv", sub, table->sql_name);
        y.f[t] = fopen(path, "w");
        if (!y.f[t]) {
            rc = err_set(err, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
            break;
        }
        setvbuf(y.f[t], NULL, _IOFBF, 1 << 16);
        const char *names[SSDA903_MAX_COLUMNS];
        for (int i = 0; i < table->n_columns; i++) names[i] = table->columns[i].name;
        csv_write_row(y.f[t], names, table->n_columns);
    }
    if (rc == 0)
        for (int i = 0; i < w->n_children; i++) write_child(&y, &w->children[order[i]], periods);
    free(y.records.items);
    for (int t = 0; t < TABLE_COUNT; t++) {
        if (!y.f[t]) continue;
        bool bad = ferror(y.f[t]) != 0;
        if (fclose(y.f[t]) != 0 || bad) {
            if (rc == 0)
                rc = err_set(err, ERR_IO, "cannot write the %s file in '%s'",
                             ssda903_table((Ssda903TableId)t)->name, sub);
        }
    }
    return rc;
}

int synth_write(const SynthWorld *w, const char *dir, SynthCounts *counts, Err *err)
{
    memset(counts, 0, sizeof *counts);
    int rc = make_dir(dir, err);
    if (rc) return rc;
    /* Children in the order of their identifiers. */
    int *order = xmalloc((size_t)(w->n_children > 0 ? w->n_children : 1) * sizeof *order);
    for (int i = 0; i < w->n_children; i++) order[w->children[i].number - 1] = i;
    Period *periods = xmalloc(MAX_PERIODS * sizeof *periods);
    for (int year = w->from_year; year <= w->to_year && rc == 0; year++) {
        rc = write_year(w, dir, year, order, counts, periods, err);
        counts->n_years++;
    }
    free(periods);
    free(order);
    return rc;
}
