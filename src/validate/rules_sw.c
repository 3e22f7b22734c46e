/* rules_sw: the DfE 903 rules on social worker episodes (SWEpisodes, from
 * 2023/24): complete and valid items, dates within the social worker reporting
 * period, and a child's social worker episodes following one another without
 * gaps or overlaps. Each rule carries its DfE code; descriptions are the DfE's. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#include <string.h>

static const VTable *swe(const VCtx *c)
{
    return vt(c, T903_SW_EPISODES);
}

/* DfE 903 rule SW01aSTG1: every social worker episode has a start date and a
 * social worker. */
static void rSW01a(VCtx *c)
{
    const VTable *s = swe(c);
    for (int row = 0; row < s->n_rows; row++)
        if (vt_blank(s, row, SW_DECOM) || vt_blank(s, row, SW_ID))
            vctx_fail(c, T903_SW_EPISODES, row);
}

/* DfE 903 rule SW01bSTG1: "for each social worker episode, information should
 * be complete": an episode starting on or after 1 April 2023 (when the items
 * began to be collected; earlier ones are SW01a's) has its social worker and
 * its reason, open or ended (SW_REASON is why this social worker was assigned:
 * the DfE publishes a reason for every episode, "first contact or re-referral"
 * among them, the current one included); a start date is always needed. */
static void rSW01b(VCtx *c)
{
    const VTable *s = swe(c);
    Date from = date_from_ymd(2023, 4, 1);
    for (int row = 0; row < s->n_rows; row++) {
        Date start = vt_date(s, row, SW_DECOM);
        if (vt_blank(s, row, SW_DECOM) ||
            (start != DATE_NONE && start >= from &&
             (vt_blank(s, row, SW_ID) || vt_blank(s, row, SW_REASON))))
            vctx_fail(c, T903_SW_EPISODES, row);
    }
}

/* Fails completed social worker ids not beginning with SW or XX, or shorter
 * than min_len characters. */
static void sw_id_form(VCtx *c, const VCheck *k)
{
    size_t min_len = k->number;
    const VTable *s = swe(c);
    for (int row = 0; row < s->n_rows; row++) {
        const char *id = vt_cell(s, row, SW_ID);
        if (!*id) continue;
        if ((strncmp(id, "SW", 2) != 0 && strncmp(id, "XX", 2) != 0) || strlen(id) < min_len)
            vctx_fail(c, T903_SW_EPISODES, row);
    }
}

/* DfE 903 rule SW06STG2: no episode starts after 31 March. */
static void rSW06(VCtx *c)
{
    const VTable *s = swe(c);
    for (int row = 0; row < s->n_rows; row++) {
        Date start = vt_date(s, row, SW_DECOM);
        if (start != DATE_NONE && start > c->end) vctx_fail(c, T903_SW_EPISODES, row);
    }
}

/* Rule SW07STG2: fails end dates after 31 March or before the start of the
 * reporting period, which begins `number` collection years before this one. */
static void sw_end_within(VCtx *c, const VCheck *k)
{
    Date from = date_collection_year_start(c->r->year - k->number);
    const VTable *s = swe(c);
    for (int row = 0; row < s->n_rows; row++) {
        Date end = vt_date(s, row, SW_DEC);
        if (end != DATE_NONE && (end < from || end > c->end)) vctx_fail(c, T903_SW_EPISODES, row);
    }
}

/* DfE 903 rule SW08STG2: every social worker episode but the child's latest
 * has ended. */
static void rSW08(VCtx *c)
{
    const VTable *s = swe(c);
    for (int g = 0; g < s->n_groups; g++)
        for (int i = 0; i + 1 < vt_group_size(s, g); i++) {
            int row = vt_group_row(s, g, i);
            if (vt_date(s, row, SW_DECOM) != DATE_NONE && vt_blank(s, row, SW_DEC))
                vctx_fail(c, T903_SW_EPISODES, row);
        }
}

/* DfE 903 rule SW09STG2: an episode ending the day it started. */
static void rSW09(VCtx *c)
{
    const VTable *s = swe(c);
    for (int row = 0; row < s->n_rows; row++) {
        Date start = vt_date(s, row, SW_DECOM);
        if (start != DATE_NONE && start == vt_date(s, row, SW_DEC))
            vctx_fail(c, T903_SW_EPISODES, row);
    }
}

/* DfE 903 rule SW10STG2: an episode starts before the previous one ended. */
static void rSW10(VCtx *c)
{
    const VTable *s = swe(c);
    for (int g = 0; g < s->n_groups; g++)
        for (int i = 1; i < vt_group_size(s, g); i++) {
            int prev = vt_group_row(s, g, i - 1), row = vt_group_row(s, g, i);
            Date start = vt_date(s, row, SW_DECOM), prev_end = vt_date(s, prev, SW_DEC);
            if (start != DATE_NONE && prev_end != DATE_NONE && start < prev_end)
                vctx_fail(c, T903_SW_EPISODES, row);
        }
}

/* The latest social worker episode (with a start date) of a child looked
 * after at 31 March (an open episode this year), or -1. */
static int latest_sw(const VCtx *c, const VTable *s, int g)
{
    int row = vt_group_row(s, g, vt_group_size(s, g) - 1);
    if (vt_date(s, row, SW_DECOM) == DATE_NONE) return -1;
    const VTable *e = vt(c, T903_EPISODES);
    int eg = vt_group(e, vt_cell(s, row, SW_CHILD));
    if (eg < 0 || !vt_blank(e, vt_group_row(e, eg, vt_group_size(e, eg) - 1), E_DEC)) return -1;
    return row;
}

/* True when this year's Episodes (when given) show the child was not looked
 * after at 31 March: no episode this year, or the latest has ended. */
static bool left_care_by_end(const VCtx *c, const char *child)
{
    const VTable *e = vt(c, T903_EPISODES);
    if (!vt_present(e)) return false;
    int eg = vt_group(e, child);
    return eg < 0 || !vt_blank(e, vt_group_row(e, eg, vt_group_size(e, eg) - 1), E_DEC);
}

/* DfE 903 rule SW11bSTG2: "Social worker episode has ended before 31 March and
 * no subsequent social worker episode has been provided": the child's latest
 * social worker episode (by start date) ends before 31 March of the collection
 * year. The DfE lists SWEpisodes only, and the text names no window (the
 * open-source validator looks at the last 5 days of the year) and no test of
 * being looked after, so every child is judged; where this year's Episodes show
 * the child was not looked after at 31 March, the flag carries Carepledge's
 * advisory (their social worker episode may rightly have ended with care). */
static void rSW11b(VCtx *c)
{
    const VTable *s = swe(c);
    for (int g = 0; g < s->n_groups; g++) {
        int row = vt_group_row(s, g, vt_group_size(s, g) - 1);
        Date end = vt_date(s, row, SW_DEC);
        if (vt_date(s, row, SW_DECOM) == DATE_NONE || end == DATE_NONE || end >= c->end) continue;
        if (left_care_by_end(c, vt_cell(s, row, SW_CHILD)))
            vctx_fail_advised(c, T903_SW_EPISODES, row,
                              "the child was not looked after at 31 March, so their social "
                              "worker episode may rightly have ended with their care");
        else
            vctx_fail(c, T903_SW_EPISODES, row);
    }
}

/* DfE 903 rule SW17STG2: a child looked after at 31 March has a social worker
 * episode open then. */
static void rSW17(VCtx *c)
{
    const VTable *s = swe(c);
    for (int g = 0; g < s->n_groups; g++) {
        int row = latest_sw(c, s, g);
        if (row >= 0 && !vt_blank(s, row, SW_DEC)) vctx_fail(c, T903_SW_EPISODES, row);
    }
}

/* A child looked after at 31 March: their latest episode this year is open
 * and not a short break (LS V3/V4). Returns that episode's row, or -1. */
static int looked_after_at_end(const VCtx *c, int eg)
{
    const VTable *e = vt(c, T903_EPISODES);
    int row = vt_group_row(e, eg, vt_group_size(e, eg) - 1);
    if (!vt_blank(e, row, E_DEC) || vt_date(e, row, E_DECOM) == DATE_NONE ||
        vt_in(e, row, E_LS, "V3;V4"))
        return -1;
    return row;
}

/* DfE 903 rule SW01STG1 (2023/24 only, replaced by SW01a and SW01b): a child
 * looked after at 31 March has social worker information: among their social
 * worker episodes at least one social worker, one start date and one reason.
 * The open episode fails (the child may have no social worker rows at all). */
static void rSW01(VCtx *c)
{
    const VTable *e = vt(c, T903_EPISODES), *s = swe(c);
    for (int eg = 0; eg < e->n_groups; eg++) {
        int ep = looked_after_at_end(c, eg);
        if (ep < 0) continue;
        int g = vt_group(s, vt_cell(e, ep, E_CHILD));
        bool id = false, start = false, reason = false;
        for (int i = 0; g >= 0 && i < vt_group_size(s, g); i++) {
            int row = vt_group_row(s, g, i);
            id |= !vt_blank(s, row, SW_ID);
            start |= !vt_blank(s, row, SW_DECOM);
            reason |= !vt_blank(s, row, SW_REASON);
        }
        if (!id || !start || !reason) vctx_fail(c, T903_EPISODES, ep);
    }
}

/* DfE 903 rule SW03STG1 (2023/24 only): every social worker episode has its
 * social worker, start date and reason. */
static void rSW03(VCtx *c)
{
    const VTable *s = swe(c);
    for (int row = 0; row < s->n_rows; row++)
        if (vt_blank(s, row, SW_ID) || vt_blank(s, row, SW_DECOM) || vt_blank(s, row, SW_REASON))
            vctx_fail(c, T903_SW_EPISODES, row);
}

/* DfE 903 rule SW11aSTG2 (2023/24 only): when a social worker episode ended
 * at least 5 days before 31 March, the child's next one starts within 5 days
 * of that end (before or after); a next episode without a valid start date
 * fails too. Episodes are in the DfE's order, those with no start date last,
 * so an episode without one follows the dated ones. A child with no next
 * episode is SW11b's case. */
static void rSW11a(VCtx *c)
{
    const VTable *s = swe(c);
    for (int g = 0; g < s->n_groups; g++)
        for (int i = 1; i < vt_group_size(s, g); i++) {
            int prev = vt_group_row_blanks_last(s, g, SW_DECOM, i - 1),
                row = vt_group_row_blanks_last(s, g, SW_DECOM, i);
            Date end = vt_date(s, prev, SW_DEC), start = vt_date(s, row, SW_DECOM);
            if (end == DATE_NONE || end > c->end - 5) continue;
            if (start == DATE_NONE || start < end - 5 || start > end + 5)
                vctx_fail(c, T903_SW_EPISODES, row);
        }
}

/* DfE 903 rule SW12STG2: a child looked after at 31 March has social worker
 * episodes for the whole year, including the time before they came into care:
 * the earliest of them starts by 1 April, as the DfE's description reads, and
 * its row fails when it starts later. A baby born in the year cannot have a
 * social worker before birth: when the earliest episode starts by the birth,
 * the DfE's flag carries Carepledge's advisory. The episode open at 31 March
 * is marked beside it. */
static void rSW12(VCtx *c)
{
    const VTable *e = vt(c, T903_EPISODES), *s = swe(c);
    for (int g = 0; g < s->n_groups; g++) {
        int first = vt_group_row(s, g, 0);
        int eg = vt_group(e, vt_cell(s, first, SW_CHILD));
        Date start = vt_date(s, first, SW_DECOM);
        int open = eg < 0 ? -1 : looked_after_at_end(c, eg);
        if (start == DATE_NONE || open < 0 || start <= c->start) continue;
        Date dob = vt_date(s, first, SW_DOB);
        if (dob != DATE_NONE && dob > c->start && start <= dob)
            vctx_fail_advised(c, T903_SW_EPISODES, first,
                              "the child was born in the year and has had a social worker "
                              "since birth");
        else
            vctx_fail(c, T903_SW_EPISODES, first);
        vctx_fail_partner(c, T903_EPISODES, false, open); /* the episode open at 31 March */
    }
}

/* DfE 903 rule SW14STG2 (2023/24 only): every social worker episode but the
 * child's latest has an end date; an episode with no start date sorts last
 * (as in the DfE's checks), so it is the latest. */
static void rSW14(VCtx *c)
{
    const VTable *s = swe(c);
    for (int g = 0; g < s->n_groups; g++)
        for (int i = 0; i + 1 < vt_group_size(s, g); i++) {
            int row = vt_group_row_blanks_last(s, g, SW_DECOM, i);
            if (vt_date(s, row, SW_DEC) == DATE_NONE) vctx_fail(c, T903_SW_EPISODES, row);
        }
}

const VRule vrules_sw[] = {
    {"SW01aSTG1", 0, 0, "SWEpisodes", "SW_DECOM;SW_ID",
     "For each social worker episode, information should be complete", NULL, .fn = rSW01a},
    {"SW01bSTG1", 0, 0, "SWEpisodes", "SW_DECOM;SW_ID;SW_REASON",
     "For each social worker episode, information should be complete", NULL, .fn = rSW01b},
    /* DfE 903 rule SW02STG1 (to 2024/25) */
    {"SW02STG1", 2024, 2025, "SWEpisodes", "SW_ID",
     "Social worker ID does not begin with the characters ‘SW’ or ‘XX’.", NULL,
     .check = VCHECK_OF_FAMILY(sw_id_form, .number = 2)},
    /* DfE 903 rule SW02STG1 (from 2025/26, as the DfE's amended condition:
     * at least 4 characters, the prefix and two more) */
    {"SW02STG1", 2026, 0, "SWEpisodes", "SW_ID",
     "Social worker ID does not begin with the characters ‘SW’ or ‘XX’.", NULL,
     .check = VCHECK_OF_FAMILY(sw_id_form, .number = 4)},
    /* DfE 903 rule SW04STG1: a blank start is not a valid date either (every
     * episode has a start, SW01a; the DfE's condition flags a missing or
     * invalid SW_DECOM). SW05's end date may be blank: the episode is open. */
    {"SW04STG1", 0, 0, "SWEpisodes", "SW_DECOM",
     "Date social worker episode began is not a valid date..", NULL,
     .check = VCHECK_DATE_REQUIRED(T903_SW_EPISODES, SW_DECOM)},
    /* DfE 903 rule SW05STG1: the end date is a valid date. */
    {"SW05STG1", 0, 0, "SWEpisodes", "SW_DEC",
     "Date social worker episode began is not a valid date.", NULL,
     .check = VCHECK_DATE_OR_BLANK(T903_SW_EPISODES, SW_DEC)},
    {"SW06STG2", 0, 0, "SWEpisodes", "SW_DECOM",
     "Social worker episode data should be within the social worker data reporting year.", NULL,
     .fn = rSW06},
    /* DfE 903 rule SW07STG2 (2023/24: the reporting period is the collection year) */
    {"SW07STG2", 2024, 2024, "SWEpisodes", "SW_DEC",
     "Social worker episode end date should be on or after the start of the social worker "
     "reporting period, and should be on or before the collection end date.",
     NULL, .check = VCHECK_OF_FAMILY(sw_end_within, .number = 0)},
    /* DfE 903 rule SW07STG2 (from 2024/25: the reporting period starts a year
     * before the collection year) */
    {"SW07STG2", 2025, 0, "SWEpisodes", "SW_DEC",
     "Social worker episode end date should be on or after the start of the social worker "
     "reporting period, and should be on or before the collection end date.",
     NULL, .check = VCHECK_OF_FAMILY(sw_end_within, .number = 1)},
    {"SW08STG2", 0, 0, "SWEpisodes", "SW_DEC",
     "A new social worker episode has started, but the previous episode has not ended.", NULL,
     .fn = rSW08},
    {"SW09STG2", 0, 0, "SWEpisodes", "SW_DECOM;SW_DEC",
     "Social worker episode appears to have lasted for less than 24 hours.", NULL, .fn = rSW09},
    {"SW10STG2", 0, 0, "SWEpisodes", "SW_DECOM",
     "A new social worker episode has started before the end date of the previous social worker "
     "episode.",
     NULL, .fn = rSW10},
    {"SW11bSTG2", 0, 0, "SWEpisodes", "SW_DEC",
     "Social worker episode has ended before 31 March and no subsequent social worker episode has "
     "been provided.",
     NULL, .fn = rSW11b},
    /* DfE 903 rule SW13STG1 */
    {"SW13STG1", 0, 0, "SWEpisodes", "SW_REASON",
     "The reason for social worker change is not valid.", NULL,
     .check = VCHECK_CODE_OR_BLANK(T903_SW_EPISODES, SW_REASON)},
    {"SW17STG2", 0, 0, "SWEpisodes", "SW_DEC;SW_DECOM",
     "There is no social worker episode open at 31 March", "SWEpisodes;Episodes", .fn = rSW17},
    {"SW12STG2", 0, 0, "Episodes;SWEpisodes", "SW_DECOM",
     "If a child is looked after on 31 March then all social worker episodes for the full previous "
     "year should be reported, even those whilst they were not looked after",
     NULL, .fn = rSW12},
    /* Rules of 2023/24 only (data/903-rule-years.csv); the DfE's wording of
     * these is not in our reference list, so the descriptions are ours. */
    {"SW01STG1", 0, 0, "Episodes;SWEpisodes", "DEC;SW_ID;SW_DECOM;SW_REASON",
     "A child looked after at 31 March has no social worker, start date or reason recorded in "
     "any social worker episode.",
     NULL, .fn = rSW01},
    {"SW03STG1", 0, 0, "SWEpisodes", "SW_ID;SW_DECOM;SW_REASON",
     "A social worker episode is missing its social worker, start date or reason.", NULL,
     .fn = rSW03},
    {"SW11aSTG2", 0, 0, "SWEpisodes", "SW_DEC;SW_DECOM",
     "A social worker episode ended before 31 March and the next one does not start within 5 "
     "days of that end.",
     NULL, .fn = rSW11a},
    {"SW14STG2", 0, 0, "SWEpisodes", "SW_DEC",
     "A social worker episode other than the child's latest has no end date.", NULL, .fn = rSW14},
};
const int vrules_sw_n = VRULES_COUNT(vrules_sw);
