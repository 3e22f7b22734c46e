/* rules_lastyear: the DfE 903 rules comparing this year's Episodes with last
 * year's (the "_last" tables given with --prev): an episode open at the end of
 * last year continues as this year's first, and an episode that started before
 * this year was reported last year. Each rule carries its DfE code;
 * descriptions are the DfE's. Without last year's files these rules are
 * skipped, never passed; so are 452, 453 and 503G-J without the ONS Postcode
 * Directory, whose derived fields they compare. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#include <stdlib.h>
#include <string.h>
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
            vt_date(l, prev, E_DECOM) != vt_date(e, row, E_DECOM)) {
            vctx_fail(c, T903_EPISODES, row);
            vctx_fail_partner(c, T903_EPISODES, true, prev);
        }
    }
}

/* Carepledge's advisory on a 503A-F flag where last year's open episode and
 * this year's first start on different days. */
static const char other_start_why[] =
    "last year's open episode starts on a different day from this year's first, so they are not "
    "the same episode and the codes may rightly differ (rule 502 reports the different start)";

/* Rules 503A-503F (DfE: "does not match open episode at end of last year"):
 * when last year's latest episode is open, column col of this year's first
 * episode agrees with it, without case, as the DfE compares. The DfE's check
 * compares them whatever their starts; where the starts differ they are not
 * the same episode (502 reports it), so the flag carries the advisory
 * other_start_why. `same` (NULL: none) says when codes that differ are still
 * probably right: the row fails as the DfE's will, with the advisory `why`.
 * Last year's episode is marked beside this year's. */
static void continues_advised(VCtx *c, int col, bool (*same)(const char *now, const char *before),
                              const char *why)
{
    const VTable *e = vt(c, T903_EPISODES), *l = &c->r->last[T903_EPISODES];
    for (int g = 0; g < e->n_groups; g++) {
        int row = first_episode(e, g);
        if (row < 0) continue;
        int prev = last_latest(c, vt_cell(e, row, E_CHILD));
        if (prev < 0 || !vt_blank(l, prev, E_DEC)) continue;
        bool same_start = vt_date(l, prev, E_DECOM) == vt_date(e, row, E_DECOM);
        const char *now = vt_cell(e, row, col), *before = vt_cell(l, prev, col);
        if (strcasecmp(now, before) == 0) continue;
        if (!same_start)
            vctx_fail_advised(c, T903_EPISODES, row, other_start_why);
        else if (same && same(now, before))
            vctx_fail_advised(c, T903_EPISODES, row, why);
        else
            vctx_fail(c, T903_EPISODES, row);
        vctx_fail_partner(c, T903_EPISODES, true, prev);
    }
}

/* Rules 503A-C, E, F: the column of the check's row continues. */
static void continues(VCtx *c, const VCheck *k)
{
    continues_advised(c, k->col, NULL, NULL);
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

/* DfE 903 rule 503D: the DfE compares the codes as they are, so an episode
 * carried over from H5 to K3 (or Z1 to Z11-Z14) across 1 April 2025 is
 * flagged; Carepledge flags it too, with its advisory. */
static void r503D(VCtx *c)
{
    continues_advised(c, E_PLACE, same_place,
                      "the placement code it had last year (H5 or Z1) was replaced on 1 April "
                      "2025 by this one (K3, Z11-Z14), so the episode carried over is the same "
                      "placement");
}

/* The derived postcode fields of this year's first episode and of last year's
 * open episode it continues: the pair for every child whose last year ended
 * with an open episode; when same_rne, only where both have the same reason
 * for new episode (452, 453). Calls bad(now, before) and fails this year's row
 * when it returns true. When advise_other_start (503G-J, whose text compares
 * the first episode with the open one whatever their starts, as 503A-F), a
 * pair starting on different days fails with the advisory other_start_why. */
static void continues_post(VCtx *c, bool advise_other_start, bool same_rne,
                           bool (*bad)(const VPostFields *now, const VPostFields *before))
{
    const VTable *e = vt(c, T903_EPISODES), *l = &c->r->last[T903_EPISODES];
    for (int g = 0; g < e->n_groups; g++) {
        int row = first_episode(e, g);
        if (row < 0) continue;
        int prev = last_latest(c, vt_cell(e, row, E_CHILD));
        if (prev < 0 || !vt_blank(l, prev, E_DEC)) continue;
        if (same_rne && strcasecmp(vt_cell(e, row, E_RNE), vt_cell(l, prev, E_RNE)) != 0) continue;
        if (!bad(&c->post[0][row], &c->post[1][prev])) continue;
        if (advise_other_start && vt_date(l, prev, E_DECOM) != vt_date(e, row, E_DECOM))
            vctx_fail_advised(c, T903_EPISODES, row, other_start_why);
        else
            vctx_fail(c, T903_EPISODES, row);
        vctx_fail_partner(c, T903_EPISODES, true, prev);
    }
}

/* Placement authorities both known and different. */
static bool la_differs(const VPostFields *now, const VPostFields *before)
{
    return now->la[0] && before->la[0] && strcmp(now->la, before->la) != 0;
}

/* Distances both known and 0.2 miles or more apart. */
static bool distance_differs(const VPostFields *now, const VPostFields *before)
{
    return now->distance >= 0 && before->distance >= 0 &&
           abs(now->distance - before->distance) >= 2;
}

/* DfE 903 rule 452: the placement authority of this year's first episode is
 * that of last year's open episode when the reason for new episode agrees. */
static void r452(VCtx *c)
{
    continues_post(c, false, true, la_differs);
}

/* DfE 903 rule 453: as 452 for the distance, allowing 0.1 mile of rounding. */
static void r453(VCtx *c)
{
    continues_post(c, false, true, distance_differs);
}

static bool distance_not_same(const VPostFields *now, const VPostFields *before)
{
    return now->distance != before->distance;
}

static bool la_not_same(const VPostFields *now, const VPostFields *before)
{
    return strcmp(now->la, before->la) != 0;
}

static bool location_not_same(const VPostFields *now, const VPostFields *before)
{
    return now->location != before->location;
}

/* DfE 903 rule 503G: "The distance in first episode does not match open
 * episode at end of last year": exactly (both derived from the postcodes the
 * same way), a distance that cannot be derived (-1) not matching one that can.
 * The open-source validator allows 0.2 mile; the text says "does not match". */
static void r503G(VCtx *c)
{
    continues_post(c, true, false, distance_not_same);
}

/* DfE 903 rule 503H: the placement authority (PL_LA), "" when unknown. */
static void r503H(VCtx *c)
{
    continues_post(c, true, false, la_not_same);
}

/* DfE 903 rule 503J: the placement location (IN/OUT), 0 when unknown. */
static void r503J(VCtx *c)
{
    continues_post(c, true, false, location_not_same);
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
        if (prev < 0 || vt_date(l, prev, E_DECOM) != vt_date(e, row, E_DECOM)) {
            vctx_fail(c, T903_EPISODES, row);
            vctx_fail_partner(c, T903_EPISODES, true, prev);
        }
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
     NULL, .fn = r502},
    /* DfE 903 rule 503A */
    {"503A", 0, 0, "Episodes;Episodes_last", "RNE",
     "The reason for new episode in the first episode does not match open episode at end of last "
     "year.",
     NULL, .check = VCHECK_OF_FAMILY(continues, .col = E_RNE)},
    /* DfE 903 rule 503B */
    {"503B", 0, 0, "Episodes;Episodes_last", "LS",
     "The legal status in the first episode does not match open episode at end of last year.", NULL,
     .check = VCHECK_OF_FAMILY(continues, .col = E_LS)},
    /* DfE 903 rule 503C */
    {"503C", 0, 0, "Episodes;Episodes_last", "CIN",
     "The category of need in the first episode does not match open episode at end of last year.",
     NULL, .check = VCHECK_OF_FAMILY(continues, .col = E_CIN)},
    {"503D", 0, 0, "Episodes", "PLACE",
     "The placement type in the first episode does not match open episode at end of last year",
     "Episodes;Episodes_last", .fn = r503D},
    /* DfE 903 rule 503E */
    {"503E", 0, 0, "Episodes;Episodes_last", "PLACE_PROVIDER",
     "The placement provider in the first episode does not match open episode at end of last year.",
     NULL, .check = VCHECK_OF_FAMILY(continues, .col = E_PLACE_PROVIDER)},
    /* DfE 903 rule 503F */
    {"503F", 0, 0, "Episodes;Episodes_last", "URN",
     "The Ofsted URN in the  first episode does not match open episode at end of last year.", NULL,
     .check = VCHECK_OF_FAMILY(continues, .col = E_URN)},
    {"562", 0, 0, "Episodes;Episodes_last", "DECOM",
     "Episode commenced before the start of the current collection year but there is a missing "
     "continuous episode in the previous year.",
     NULL, .fn = r562},
    {"NoE", 0, 0, "Episodes;Episodes_last", "DECOM",
     "This child has no episodes loaded for previous year even though child started to be looked "
     "after before this current year.",
     NULL, .fn = rNoE},
    {"452", 0, 0, "Episodes;Episodes_last", "PL_LA",
     "Contradiction between local authority of placement code in the last episode of the previous "
     "year and in the first episode of the current year.",
     "Episodes;Episodes_last;Postcodes", .fn = r452},
    {"453", 0, 0, "Episodes;Episodes_last", "PL_DISTANCE",
     "Contradiction between placement distance in the last episode of the previous year and in the "
     "first episode of the current year.",
     "Episodes;Episodes_last;Postcodes", .fn = r453},
    {"503G", 0, 0, "Episodes;Episodes_last", "PL_DISTANCE",
     "The distance in first episode does not match open episode at end of last year.",
     "Episodes;Episodes_last;Postcodes", .fn = r503G},
    {"503H", 0, 0, "Episodes;Episodes_last", "PL_LA",
     "The placement LA in first episode does not match open episode at end of last year.",
     "Episodes;Episodes_last;Postcodes", .fn = r503H},
    {"503J", 0, 0, "Episodes;Episodes_last", "PL_LOCATION",
     "The placement location in first episode does not match open episode at end of last year.",
     "Episodes;Episodes_last;Postcodes", .fn = r503J},
};
const int vrules_lastyear_n = VRULES_COUNT(vrules_lastyear);
