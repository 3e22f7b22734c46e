/* rules_lastyear: the DfE 903 rules comparing this year's Episodes with last
 * year's (the "_last" tables given with --prev): an episode open at the end of
 * last year continues as this year's first, and an episode that started before
 * this year was reported last year. Each rule carries its DfE code;
 * descriptions are the DfE's. Without last year's files these rules are
 * skipped, never passed. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#include <strings.h>

/* This year's first episode of group g with a valid start date, or -1. */
static int first_episode(const VTable *e, int g)
{
    for (int i = 0; i < vt_group_size(e, g); i++) {
        int row = vt_group_row(e, g, i);
        if (vt_date(e, row, E_DECOM) != DATE_NONE) return row;
    }
    return -1;
}

/* Last year's latest episode of child (by start date), or -1. */
static int last_latest(const VCtx *c, const char *child)
{
    const VTable *l = &c->r->last[T903_EPISODES];
    int g = vt_group(l, child);
    if (g < 0) return -1;
    int row = vt_group_row(l, g, vt_group_size(l, g) - 1);
    return vt_date(l, row, E_DECOM) == DATE_NONE ? -1 : row;
}

/* DfE 903 rule 502: last year's open episode starts on the day this year's
 * first episode starts. */
static void r502(VCtx *c)
{
    const VTable *e = vt(c, T903_EPISODES), *l = &c->r->last[T903_EPISODES];
    for (int g = 0; g < e->n_groups; g++) {
        int row = first_episode(e, g);
        if (row < 0) continue;
        int prev = last_latest(c, vt_cell(e, row, E_CHILD));
        if (prev >= 0 && vt_blank(l, prev, E_DEC) &&
            vt_date(l, prev, E_DECOM) != vt_date(e, row, E_DECOM))
            vctx_fail(c, T903_EPISODES, row);
    }
}

/* Rules 503A-503F: when this year's first episode is last year's open episode
 * (same start date), column col agrees. `same` decides agreement of two codes
 * (NULL: equal without case). */
static void continues(VCtx *c, int col, bool (*same)(const char *now, const char *before))
{
    const VTable *e = vt(c, T903_EPISODES), *l = &c->r->last[T903_EPISODES];
    for (int g = 0; g < e->n_groups; g++) {
        int row = first_episode(e, g);
        if (row < 0) continue;
        int prev = last_latest(c, vt_cell(e, row, E_CHILD));
        if (prev < 0 || !vt_blank(l, prev, E_DEC) ||
            vt_date(l, prev, E_DECOM) != vt_date(e, row, E_DECOM))
            continue;
        const char *now = vt_cell(e, row, col), *before = vt_cell(l, prev, col);
        if (same ? !same(now, before) : strcasecmp(now, before) != 0)
            vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 503A */
static void r503A(VCtx *c)
{
    continues(c, E_RNE, NULL);
}

/* DfE 903 rule 503B */
static void r503B(VCtx *c)
{
    continues(c, E_LS, NULL);
}

/* DfE 903 rule 503C */
static void r503C(VCtx *c)
{
    continues(c, E_CIN, NULL);
}

/* Placement codes agree; the codes replaced in 2025/26 count as their
 * successors (H5 semi-independent living as K3, Z1 as Z11-Z14). */
static bool same_place(const char *now, const char *before)
{
    if (strcasecmp(now, before) == 0) return true;
    if (strcasecmp(before, "H5") == 0) return strcasecmp(now, "K3") == 0;
    if (strcasecmp(before, "Z1") == 0) return vcode_in(now, "Z11;Z12;Z13;Z14");
    return false;
}

/* DfE 903 rule 503D */
static void r503D(VCtx *c)
{
    continues(c, E_PLACE, same_place);
}

/* DfE 903 rule 503E */
static void r503E(VCtx *c)
{
    continues(c, E_PLACE_PROVIDER, NULL);
}

/* DfE 903 rule 503F */
static void r503F(VCtx *c)
{
    continues(c, E_URN, NULL);
}

/* DfE 903 rule 562: this year's first episode started before 1 April, so last
 * year's latest episode is the same episode (same start date). */
static void r562(VCtx *c)
{
    const VTable *e = vt(c, T903_EPISODES), *l = &c->r->last[T903_EPISODES];
    for (int g = 0; g < e->n_groups; g++) {
        int row = first_episode(e, g);
        if (row < 0 || vt_date(e, row, E_DECOM) >= c->start) continue;
        int prev = last_latest(c, vt_cell(e, row, E_CHILD));
        if (prev < 0 || vt_date(l, prev, E_DECOM) != vt_date(e, row, E_DECOM))
            vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule NoE: episodes starting before 1 April of a child with no
 * episodes in last year's return. */
static void rNoE(VCtx *c)
{
    const VTable *e = vt(c, T903_EPISODES), *l = &c->r->last[T903_EPISODES];
    for (int row = 0; row < e->n_rows; row++) {
        Date start = vt_date(e, row, E_DECOM);
        if (start != DATE_NONE && start < c->start && vt_group(l, vt_cell(e, row, E_CHILD)) < 0)
            vctx_fail(c, T903_EPISODES, row);
    }
}

const VRule vrules_lastyear[] = {
    {"502", 0, 0, "Episodes;Episodes_last", "DECOM",
     "Last year's record ended with an open episode. The date on which that episode started does "
     "not match the start date of the first episode on this year’s record.",
     NULL, r502},
    {"503A", 0, 0, "Episodes;Episodes_last", "RNE",
     "The reason for new episode in the first episode does not match open episode at end of last "
     "year.",
     NULL, r503A},
    {"503B", 0, 0, "Episodes;Episodes_last", "LS",
     "The legal status in the first episode does not match open episode at end of last year.", NULL,
     r503B},
    {"503C", 0, 0, "Episodes;Episodes_last", "CIN",
     "The category of need in the first episode does not match open episode at end of last year.",
     NULL, r503C},
    {"503D", 0, 0, "Episodes", "PLACE",
     "The placement type in the first episode does not match open episode at end of last year",
     "Episodes;Episodes_last", r503D},
    {"503E", 0, 0, "Episodes;Episodes_last", "PLACE_PROVIDER",
     "The placement provider in the first episode does not match open episode at end of last year.",
     NULL, r503E},
    {"503F", 0, 0, "Episodes;Episodes_last", "URN",
     "The Ofsted URN in the  first episode does not match open episode at end of last year.", NULL,
     r503F},
    {"562", 0, 0, "Episodes;Episodes_last", "DECOM",
     "Episode commenced before the start of the current collection year but there is a missing "
     "continuous episode in the previous year.",
     NULL, r562},
    {"NoE", 0, 0, "Episodes;Episodes_last", "DECOM",
     "This child has no episodes loaded for previous year even though child started to be looked "
     "after before this current year.",
     NULL, rNoE},
};
const int vrules_lastyear_n = VRULES_COUNT(vrules_lastyear);
