/* rules_child: the DfE 903 rules on the child's own fields in Header — mother
 * status, the first child's date of birth, the UPN — that depend on the
 * child's episodes, on last year's Header, on care leaver status or on
 * reviews. Female is sex code 2 or F (the codes changed in 2024/25). Each rule
 * carries its DfE code; descriptions are the DfE's. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

static const VTable *header(const VCtx *c)
{
    return vt(c, T903_HEADER);
}

/* The child's latest episode this year (by start) for which keep(c, row)
 * holds (NULL: any), or -1. */
static int latest_episode(const VCtx *c, const char *child, bool (*keep)(const VCtx *, int))
{
    const VTable *e = vt(c, T903_EPISODES);
    int g = vt_group(e, child);
    for (int i = g < 0 ? -1 : vt_group_size(e, g) - 1; i >= 0; i--)
        if (!keep || keep(c, vt_group_row(e, g, i))) return vt_group_row(e, g, i);
    return -1;
}

/* True when the episode is not a short break (V3, V4). */
static bool not_break(const VCtx *c, int row)
{
    return !vt_in(vt(c, T903_EPISODES), row, E_LS, "V3;V4");
}

/* True when child has an episode this year other than a short break (V3, V4). */
static bool looked_after(const VCtx *c, const char *child)
{
    return latest_episode(c, child, not_break) >= 0;
}

/* Fails the Header row and marks beside it the one episode the condition
 * turned on (-1: none). These rules (207, 393, 442, 165, 628) read the
 * child's episodes only to know whether, or when, they were looked after:
 * the DfE lists Episodes among their tables, and the one episode that shows
 * it is named, not every episode of the child (VRule.marks_own_rows). */
static void fail_header_beside(VCtx *c, int row, int episode)
{
    vctx_fail(c, T903_HEADER, row);
    vctx_fail_partner(c, T903_EPISODES, false, episode);
}

/* DfE 903 rule 207: a child recorded last year as a mother (1) is still one. */
static void r207(VCtx *c)
{
    const VTable *h = header(c), *last = &c->r->last[T903_HEADER], *e = vt(c, T903_EPISODES);
    for (int row = 0; row < h->n_rows; row++) {
        const char *child = vt_cell(h, row, H_CHILD);
        int prev = vt_first_row(last, child);
        if (prev >= 0 && vt_is(last, prev, H_MOTHER, "1") && !vt_is(h, row, H_MOTHER, "1") &&
            vt_group(e, child) >= 0)
            fail_header_beside(c, row, latest_episode(c, child, NULL));
    }
}

/* DfE 903 rule 393: a looked after girl (short breaks aside) has the mother
 * field completed. */
static void r393(VCtx *c)
{
    const VTable *h = header(c);
    for (int row = 0; row < h->n_rows; row++)
        if (vt_female(h, row, H_SEX) && vt_blank(h, row, H_MOTHER) &&
            looked_after(c, vt_cell(h, row, H_CHILD)))
            fail_header_beside(c, row, latest_episode(c, vt_cell(h, row, H_CHILD), not_break));
}

/* DfE 903 rule 442: a looked after child (short breaks aside) has a UPN or a
 * UN code. */
static void r442(VCtx *c)
{
    const VTable *h = header(c);
    for (int row = 0; row < h->n_rows; row++)
        if (vt_blank(h, row, H_UPN) && looked_after(c, vt_cell(h, row, H_CHILD)))
            fail_header_beside(c, row, latest_episode(c, vt_cell(h, row, H_CHILD), not_break));
}

/* DfE 903 rule 607: a girl who ceased to be looked after in the year (an
 * episode ending within it for a reason other than X1, short breaks aside) has
 * the mother field completed. The Header row and those episodes fail. */
static void r607(VCtx *c)
{
    const VTable *h = header(c), *e = vt(c, T903_EPISODES);
    for (int row = 0; row < h->n_rows; row++) {
        if (!vt_female(h, row, H_SEX) || !vt_blank(h, row, H_MOTHER)) continue;
        int g = vt_group(e, vt_cell(h, row, H_CHILD));
        for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++) {
            int ep = vt_group_row(e, g, i);
            Date end = vt_date(e, ep, E_DEC);
            if (end != DATE_NONE && end >= c->start && end <= c->end && !vt_blank(e, ep, E_REC) &&
                !vt_is(e, ep, E_REC, "X1") && !vt_in(e, ep, E_LS, "V3;V4")) {
                vctx_fail(c, T903_HEADER, row);
                vctx_fail(c, T903_EPISODES, ep);
            }
        }
    }
}

/* DfE 903 rule 625: the first child's date of birth is by 31 March and by the
 * day the child ceased to be looked after (the latest episode, when it ended
 * for a reason other than X1). The Header row fails; the final episode is
 * named beside it only when MC_DOB is after its DEC, the cell compared: a
 * date beyond 31 March alone read no episode (VRule.marks_own_rows). */
static void r625(VCtx *c)
{
    const VTable *h = header(c), *e = vt(c, T903_EPISODES);
    for (int row = 0; row < h->n_rows; row++) {
        Date born = vt_date(h, row, H_MC_DOB);
        if (born == DATE_NONE) continue;
        int ep = vctx_left_care(c, vt_cell(h, row, H_CHILD));
        bool after_ceased = ep >= 0 && born > vt_date(e, ep, E_DEC);
        if (born > c->end || after_ceased) vctx_fail(c, T903_HEADER, row);
        if (after_ceased) vctx_fail(c, T903_EPISODES, ep);
    }
}

/* DfE 903 rule 626: a mother whose first child was born before this year was
 * not recorded last year as not a mother (0). */
static void r626(VCtx *c)
{
    const VTable *h = header(c), *last = &c->r->last[T903_HEADER];
    for (int row = 0; row < h->n_rows; row++) {
        Date born = vt_date(h, row, H_MC_DOB);
        if (!vt_is(h, row, H_MOTHER, "1") || born == DATE_NONE || born >= c->start) continue;
        int prev = vt_first_row(last, vt_cell(h, row, H_CHILD));
        if (prev >= 0 && vt_is(last, prev, H_MOTHER, "0")) vctx_fail(c, T903_HEADER, row);
    }
}

/* True when child's OC3 row has care leaver information (IN_TOUCH, ACTIV or
 * ACCOM). */
static bool has_leaver_info(const VCtx *c, const char *child)
{
    const VTable *o = vt(c, T903_OC3);
    int row = vt_first_row(o, child);
    return row >= 0 && (!vt_blank(o, row, O3_IN_TOUCH) || !vt_blank(o, row, O3_ACTIV) ||
                        !vt_blank(o, row, O3_ACCOM));
}

/* DfE 903 rule 628: a care leaver (an OC3 row with care leaver information,
 * as the DfE's check reads "care leaver") not looked after during the year
 * has no mother details. */
static void r628(VCtx *c)
{
    const VTable *h = header(c);
    for (int row = 0; row < h->n_rows; row++) {
        const char *child = vt_cell(h, row, H_CHILD);
        if ((!vt_blank(h, row, H_MOTHER) || !vt_blank(h, row, H_MC_DOB)) &&
            has_leaver_info(c, child) && !vctx_in_care_during_year(c, child))
            fail_header_beside(c, row, latest_episode(c, child, NULL));
    }
}

/* DfE 903 rule 399: a child looked after only on short breaks (every episode
 * V3 or V4) has no mother field and no reviews. */
static void r399(VCtx *c)
{
    const VTable *h = header(c), *e = vt(c, T903_EPISODES), *rv = vt(c, T903_REVIEWS);
    for (int g = 0; g < e->n_groups; g++) {
        bool breaks_only = true;
        for (int i = 0; i < vt_group_size(e, g); i++)
            breaks_only &= vt_in(e, vt_group_row(e, g, i), E_LS, "V3;V4");
        if (!breaks_only) continue;
        const char *child = vt_cell(e, vt_group_row(e, g, 0), E_CHILD);
        int hrow = vt_first_row(h, child), rg = vt_group(rv, child);
        bool failed = hrow >= 0 && !vt_blank(h, hrow, H_MOTHER);
        if (failed) vctx_fail(c, T903_HEADER, hrow);
        for (int i = 0; rg >= 0 && i < vt_group_size(rv, rg); i++) {
            int row = vt_group_row(rv, rg, i);
            if (!vt_blank(rv, row, R_REVIEW) || !vt_blank(rv, row, R_REVIEW_CODE)) {
                vctx_fail(c, T903_REVIEWS, row);
                failed = true;
            }
        }
        /* the episodes' legal status (LS, short breaks only) is an affected field */
        for (int i = 0; failed && i < vt_group_size(e, g); i++)
            vctx_fail(c, T903_EPISODES, vt_group_row(e, g, i));
    }
}

/* DfE 903 rule EPI (a DfE portal check): a child in Header has episodes or
 * care leaver information (OC3, when given). */
static void rEPI(VCtx *c)
{
    const VTable *h = header(c), *e = vt(c, T903_EPISODES), *o = vt(c, T903_OC3);
    for (int row = 0; row < h->n_rows; row++) {
        const char *child = vt_cell(h, row, H_CHILD);
        if (vt_group(e, child) < 0 && vt_group(o, child) < 0) vctx_fail(c, T903_HEADER, row);
    }
}

/* True when episode row runs during the collection year and is not a short
 * break (V3, V4). */
static bool in_year_not_break(const VCtx *c, int row)
{
    const VTable *e = vt(c, T903_EPISODES);
    Date start = vt_date(e, row, E_DECOM), end = vt_date(e, row, E_DEC);
    return start != DATE_NONE && start <= c->end && (end == DATE_NONE || end >= c->start) &&
           not_break(c, row);
}

/* DfE 903 rule 165: MOTHER is 0 or 1, only for girls; a girl looked after
 * this year (an episode other than a short break running in the year, as the
 * DfE's check counts them) has it; a girl not looked after this year who has
 * care leaver information does not. The Header row fails (and the engine
 * marks OC3's); the latest such episode is named only where the failure is
 * that a girl looked after this year has no MOTHER, since its DECOM is what
 * says she was (the DfE lists DECOM among the fields). */
static void r165(VCtx *c)
{
    const VTable *h = header(c);
    for (int row = 0; row < h->n_rows; row++) {
        const char *child = vt_cell(h, row, H_CHILD);
        bool has = !vt_blank(h, row, H_MOTHER), female = vt_female(h, row, H_SEX);
        bool leaver = has_leaver_info(c, child);
        int in_year = latest_episode(c, child, in_year_not_break);
        bool unset = !has && female && in_year >= 0;
        if ((has && !vt_in(h, row, H_MOTHER, "0;1")) || (has && vt_in(h, row, H_SEX, "1;M")) ||
            unset || (has && female && in_year < 0 && leaver))
            fail_header_beside(c, row, unset ? in_year : -1);
    }
}

/* The child's UASC row this year (last=false) or last year, or -1. The 903
 * CSV return marks a child UASC by a row in the UASC table. */
static int uasc_row(const VCtx *c, const char *child, bool last)
{
    return vt_first_row(last ? &c->r->last[T903_UASC] : vt(c, T903_UASC), child);
}

/* DfE 903 rule 205A: UASC last year but not this year: last year's date UASC
 * ceased is within last year's collection year. */
static void r205A(VCtx *c)
{
    const VTable *h = header(c), *ul = &c->r->last[T903_UASC];
    Date from = date_collection_year_start(c->r->year - 1), to = c->start - 1;
    for (int row = 0; row < h->n_rows; row++) {
        const char *child = vt_cell(h, row, H_CHILD);
        int prev = uasc_row(c, child, true);
        if (prev < 0 || uasc_row(c, child, false) >= 0) continue;
        Date duc = vt_date(ul, prev, U_DUC);
        if (duc == DATE_NONE || duc < from || duc > to) vctx_fail(c, T903_HEADER, row);
    }
}

/* DfE 903 rule 205B: UASC in both years: last year's date UASC ceased is the
 * 18th birthday, and this year's is within this year or that same date. The
 * UASC row fails. */
static void r205B(VCtx *c)
{
    const VTable *u = vt(c, T903_UASC), *ul = &c->r->last[T903_UASC];
    for (int row = 0; row < u->n_rows; row++) {
        int prev = uasc_row(c, vt_cell(u, row, U_CHILD), true);
        if (prev < 0) continue;
        Date duc = vt_date(u, row, U_DUC), last_duc = vt_date(ul, prev, U_DUC);
        Date dob = vt_date(u, row, U_DOB);
        bool this_ok = duc != DATE_NONE && ((duc >= c->start && duc <= c->end) || duc == last_duc);
        bool last_ok =
            last_duc != DATE_NONE && dob != DATE_NONE && last_duc == date_birthday(dob, 18);
        if (!this_ok || !last_ok) vctx_fail(c, T903_UASC, row);
    }
}

/* DfE 903 rule 205D: UASC this year, in last year's return, but not UASC
 * then. */
static void r205D(VCtx *c)
{
    const VTable *h = header(c), *hl = &c->r->last[T903_HEADER];
    for (int row = 0; row < h->n_rows; row++) {
        const char *child = vt_cell(h, row, H_CHILD);
        if (uasc_row(c, child, false) >= 0 && vt_first_row(hl, child) >= 0 &&
            uasc_row(c, child, true) < 0)
            vctx_fail(c, T903_HEADER, row);
    }
}

/* DfE 903 rule 231: a UASC child under 11 on 31 March is unexpected. */
static void r231(VCtx *c)
{
    const VTable *h = header(c);
    for (int row = 0; row < h->n_rows; row++) {
        int age = vt_age_on(h, row, H_DOB, c->end);
        if (age >= 0 && age < 11 && uasc_row(c, vt_cell(h, row, H_CHILD), false) >= 0)
            vctx_fail(c, T903_HEADER, row);
    }
}

const VRule vrules_child[] = {
    {"207", 0, 0, "Episodes;Header;Header_last", "MOTHER",
     "Mother status for the current year disagrees with the mother status already recorded for "
     "this child.",
     NULL, .fn = r207, .marks_own_rows = true},
    {"393", 0, 0, "Episodes;Header", "MOTHER",
     "Child is looked after but mother field is not completed.", NULL, .fn = r393,
     .marks_own_rows = true},
    {"399", 0, 0, "Episodes;Header;Reviews", "MOTHER;LS;REVIEW;REVIEW_CODE",
     "Mother field, review field or participation field are completed but child is looked after "
     "under legal status V3 or V4.",
     NULL, .fn = r399},
    {"442", 0, 0, "Episodes;Header", "UPN", "Unique Pupil Number (UPN) field is not completed.",
     NULL, .fn = r442, .marks_own_rows = true},
    {"607", 0, 0, "Episodes;Header", "DEC;REC;MOTHER;LS;SEX",
     "Child ceased to be looked after in the year, but mother field has not been completed.", NULL,
     .fn = r607},
    {"625", 0, 0, "Episodes;Header", "MC_DOB;DEC",
     "Date of birth of the first child is beyond the end of this reporting year or the date the "
     "child ceased to be looked after.",
     NULL, .fn = r625, .marks_own_rows = true},
    {"626", 0, 0, "Header;Header_last", "MOTHER;MC_DOB",
     "Child was reported as a mother but the date of birth of the first child is before the "
     "current year which contradicts with the mother status recorded last year.",
     NULL, .fn = r626},
    {"628", 0, 0, "Episodes;Header;OC3", "MOTHER",
     "Motherhood details are not required for care leavers who have not been looked after during "
     "the year.",
     NULL, .fn = r628, .marks_own_rows = true},
    {"EPI", 0, 0, "Header", "CHILD",
     "WARNING: Episodes need to be loaded for this child before further validation is possible "
     "[NOTE: This refers to the DfE portal - here, all checks that can be performed with only the "
     "available data will be.]",
     "Header;Episodes", .fn = rEPI},
    {"165", 0, 0, "Episodes;Header;OC3", "MOTHER;SEX;ACTIV;ACCOM;IN_TOUCH;DECOM",
     "Data entry for mother status is invalid.", NULL, .fn = r165, .marks_own_rows = true},
    {"205A", 0, 0, "Header;Header_last;UASC;UASC_last", "CHILD;UASC",
     "Child identified as UASC last year is no longer UASC this year, but date UASC ceased in both "
     "years does not support this.",
     NULL, .fn = r205A},
    {"205B", 0, 0, "Header;Header_last;UASC;UASC_last", "DUC;UASC",
     "Child previously identified as UASC is also UASC this year, but date UASC ceased in both "
     "years does not support this.",
     NULL, .fn = r205B},
    {"205D", 0, 0, "Header;Header_last;UASC;UASC_last", "UASC;CHILD",
     "Child identified as UASC this year but not identified as UASC status provided for the child "
     "last year.",
     NULL, .fn = r205D},
    {"231", 0, 0, "Header", "DOB;UASC_STATUS",
     "We expect that unaccompanied asylum seeking children are generally older young people. "
     "Please check the date of birth is correct. If the date of birth is correct then please "
     "provide details in a bypass request.",
     "Header;UASC", .fn = r231},
};
const int vrules_child_n = VRULES_COUNT(vrules_child);
