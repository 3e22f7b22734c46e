/* rules_episodes: the DfE 903 rules on the Episodes table alone — code and date
 * validity, the order and continuity of a child's episodes, the legal statuses
 * that may last only days, and placement provider consistency. Each rule
 * carries its DfE code; descriptions are the DfE's. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#include <strings.h>

#define TEMP_PLACES "T0;T1;T2;T3;T4"

static const VTable *episodes(const VCtx *c)
{
    return vt(c, T903_EPISODES);
}

/* DfE 903 rule 142: every episode but a child's latest must have ended. */
static void r142(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int n = vt_group_size(e, g), latest = -1;
        for (int i = 0; i < n; i++)
            if (vt_date(e, vt_group_row(e, g, i), E_DECOM) != DATE_NONE) latest = i;
        for (int i = 0; i < latest; i++) {
            int row = vt_group_row(e, g, i);
            if (vt_date(e, row, E_DECOM) == DATE_NONE) continue;
            if (vt_date(e, row, E_DEC) == DATE_NONE || vt_blank(e, row, E_REC))
                vctx_fail(c, T903_EPISODES, row);
        }
    }
}

/* DfE 903 rule 148 */
static void r148(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_blank(e, row, E_DEC) != vt_blank(e, row, E_REC)) vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 226: a temporary placement (T0-T4) needs no reason for
 * placement change, and nor does the episode before it (the move into a
 * temporary placement is no placement change); each such row given one fails. */
static void r226(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        for (int i = 0; i < vt_group_size(e, g); i++) {
            int row = vt_group_row(e, g, i);
            if (!vt_in(e, row, E_PLACE, TEMP_PLACES)) continue;
            if (!vt_blank(e, row, E_REASON_PLACE_CHANGE)) vctx_fail(c, T903_EPISODES, row);
            int before = i > 0 ? vt_group_row(e, g, i - 1) : -1;
            if (before >= 0 && !vt_blank(e, before, E_REASON_PLACE_CHANGE))
                vctx_fail(c, T903_EPISODES, before);
        }
    }
}

/* Rule 178: a provider code is one of the row's codes (PR0-PR5) and is not
 * given for the placements in its other_codes, which have none. */
static void provider_valid(VCtx *c, const VCheck *k)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (!vt_blank(e, row, E_PLACE_PROVIDER) &&
            (!vt_in(e, row, E_PLACE_PROVIDER, k->codes) || vt_in(e, row, E_PLACE, k->other_codes)))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 233 */
static void r233(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_blank(e, row, E_DEC) && !vt_blank(e, row, E_REASON_PLACE_CHANGE))
            vctx_fail(c, T903_EPISODES, row);
}

/* Rules 353, 354, 385: fails rows whose date in col is before a limit (after
 * it, with option), the limit given as yyyymmdd in number, or the end of the
 * collection year when number is 0. */
static void date_bound(VCtx *c, const VCheck *k)
{
    int col = k->col;
    bool after = k->option;
    Date limit = k->number
                     ? date_from_ymd(k->number / 10000, k->number / 100 % 100, k->number % 100)
                     : c->end;
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        Date d = vt_date(e, row, col);
        if (d != DATE_NONE && (after ? d > limit : d < limit)) vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 355 */
static void r355(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        Date start = vt_date(e, row, E_DECOM), end = vt_date(e, row, E_DEC);
        if (start != DATE_NONE && start == end) vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 356 */
static void r356(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        Date start = vt_date(e, row, E_DECOM), end = vt_date(e, row, E_DEC);
        if (start != DATE_NONE && end != DATE_NONE && end < start) vctx_fail(c, T903_EPISODES, row);
    }
}

/* The start of a run of episodes under legal status ls that reaches back
 * before this year's episode starting on `start`: in the stored history
 * (validate --db), the earlier episodes under ls each ending the day the next
 * starts. Returns start itself without the history or such episodes. */
static Date run_start_in_history(const VCtx *c, const char *child, const char *ls, Date start)
{
    const VTable *h = vctx_history(c);
    int g = h ? vt_group(h, child) : -1, i = g < 0 ? -1 : vt_group_size(h, g) - 1;
    while (i >= 0 && vt_date(h, vt_group_row(h, g, i), E_DECOM) != start) i--;
    for (; i > 0; i--) {
        int prev = vt_group_row(h, g, i - 1);
        if (!vt_is(h, prev, E_LS, ls) || vt_date(h, prev, E_DEC) != start ||
            vt_date(h, prev, E_DECOM) == DATE_NONE)
            break;
        start = vt_date(h, prev, E_DECOM);
    }
    return start;
}

/* Rules 361-364: an unbroken run of a child's episodes under legal status ls
 * (each starting the day the last ended; an open episode runs to the end of
 * the year) must last at most max_days. Every episode of a longer run fails.
 * With the stored history (--db) a run that began in episodes ended before
 * this year counts from its true start. */
static void status_limit(VCtx *c, const VCheck *k)
{
    const char *ls = k->codes;
    int max_days = k->number;
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int n = vt_group_size(e, g);
        for (int i = 0; i < n;) {
            int row = vt_group_row(e, g, i);
            Date start = vt_date(e, row, E_DECOM);
            if (start == DATE_NONE || !vt_is(e, row, E_LS, ls)) {
                i++;
                continue;
            }
            if (i == 0 || vt_date(e, vt_group_row(e, g, i - 1), E_DEC) != start)
                start = run_start_in_history(c, vt_cell(e, row, E_CHILD), ls, start);
            int j = i;
            Date end = vt_date(e, row, E_DEC);
            while (end != DATE_NONE && j + 1 < n) {
                int next = vt_group_row(e, g, j + 1);
                if (!vt_is(e, next, E_LS, ls) || vt_date(e, next, E_DECOM) != end) break;
                end = vt_date(e, next, E_DEC);
                j++;
            }
            if ((end == DATE_NONE ? c->end : end) - start > max_days)
                for (int k = i; k <= j; k++) vctx_fail(c, T903_EPISODES, vt_group_row(e, g, k));
            i = j + 1;
        }
    }
}

/* DfE 903 rule 365: one short break (V3) at most 17 days. */
static void r365(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        Date start = vt_date(e, row, E_DECOM), end = vt_date(e, row, E_DEC);
        if (start == DATE_NONE || !vt_is(e, row, E_LS, "V3")) continue;
        if ((end == DATE_NONE ? c->end : end) - start > 17) vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 445 (to 2023/24): freeing orders (D1) ended when placement
 * orders (E1) began on 30 December 2005, so no episode starting after 31
 * December 2005 is under D1. */
static void r445(VCtx *c)
{
    const VTable *e = episodes(c);
    Date last = date_from_ymd(2005, 12, 31);
    for (int row = 0; row < e->n_rows; row++) {
        Date start = vt_date(e, row, E_DECOM);
        if (start != DATE_NONE && start > last && vt_is(e, row, E_LS, "D1"))
            vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 451 (to 2023/24): no freeing order has been made since 30
 * December 2005, so a child still under one at 31 March (an open D1 episode,
 * with no end date or reason) is queried. */
static void r451(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_is(e, row, E_LS, "D1") && vt_blank(e, row, E_DEC) && vt_blank(e, row, E_REC))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 446: "E1 is not a valid code for episodes starting before
 * December 2005": the cut-off is the rule's, 1 December 2005 (placement
 * orders came into force on 30 December 2005, but an episode starting in
 * December before that day passes the DfE's check). */
static void r446(VCtx *c)
{
    const VTable *e = episodes(c);
    Date from = date_from_ymd(2005, 12, 1);
    for (int row = 0; row < e->n_rows; row++) {
        Date start = vt_date(e, row, E_DECOM);
        if (start != DATE_NONE && start < from && vt_is(e, row, E_LS, "E1"))
            vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 501: an episode starts before the previous one ended. */
static void r501(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int n = vt_group_size(e, g);
        for (int i = 1; i < n; i++) {
            int prev = vt_group_row(e, g, i - 1), row = vt_group_row(e, g, i);
            Date start = vt_date(e, row, E_DECOM), prev_end = vt_date(e, prev, E_DEC);
            if (start != DATE_NONE && prev_end != DATE_NONE && start < prev_end)
                vctx_fail(c, T903_EPISODES, row);
        }
    }
}

/* Rules 527-531, 550: a provider code that cannot go with these placements. */
static void provider_excludes(VCtx *c, const VCheck *k)
{
    const char *provider = k->codes;
    const char *places = k->other_codes;
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_is(e, row, E_PLACE_PROVIDER, provider) && vt_in(e, row, E_PLACE, places))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 550: PR0 (the child's parent) only with P1. A blank PLACE is
 * not P1, so PR0 beside it fails too (as the DfE's condition reads: "PR0 ...
 * can only be associated with placement P1"). */
static void r550(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_is(e, row, E_PLACE_PROVIDER, "PR0") && !vt_is(e, row, E_PLACE, "P1"))
            vctx_fail(c, T903_EPISODES, row);
}

/* ---- the sequence of a child's episodes ---- */

/* The episode before row i of group g in date order, both with a valid start
 * date; -1 when there is none. */
static int prev_episode(const VTable *e, int g, int i)
{
    if (i == 0) return -1;
    int row = vt_group_row(e, g, i), prev = vt_group_row(e, g, i - 1);
    if (vt_date(e, row, E_DECOM) == DATE_NONE || vt_date(e, prev, E_DECOM) == DATE_NONE) return -1;
    return prev;
}

/* Case-insensitive equality of column col in two rows. */
static bool same_cell(const VTable *e, int a, int b, int col)
{
    return strcasecmp(vt_cell(e, a, col), vt_cell(e, b, col)) == 0;
}

/* True when any of the placement columns (PLACE, PL_POST, URN,
 * PLACE_PROVIDER) differs between two episodes. */
static bool placement_changed(const VTable *e, int a, int b)
{
    return !same_cell(e, a, b, E_PLACE) || !same_cell(e, a, b, E_PL_POST) ||
           !same_cell(e, a, b, E_URN) || !same_cell(e, a, b, E_PLACE_PROVIDER);
}

/* True when the stored history (--db) holds an episode of child starting
 * before `start`. */
static bool earlier_in_history(const VCtx *c, const char *child, Date start)
{
    const VTable *h = vctx_history(c);
    int hg = h ? vt_group(h, child) : -1;
    for (int i = 0; hg >= 0 && i < vt_group_size(h, hg); i++) {
        Date d = vt_date(h, vt_group_row(h, hg, i), E_DECOM);
        if (d != DATE_NONE) return d < start;
    }
    return false;
}

/* DfE 903 rule 357: a child's first episode must start a period of care. As
 * the DfE's check sees it, the first episode is the earliest this year when it
 * starts in the year and the child has no episode in last year's return (when
 * given). With the stored history (--db) a child whose history holds an
 * earlier episode still fails, as the DfE's check will, with the advisory. */
static void r357(VCtx *c)
{
    const VTable *e = episodes(c), *last = &c->r->last[T903_EPISODES];
    for (int g = 0; g < e->n_groups; g++) {
        for (int i = 0; i < vt_group_size(e, g); i++) {
            int row = vt_group_row(e, g, i);
            Date start = vt_date(e, row, E_DECOM);
            const char *child = vt_cell(e, row, E_CHILD);
            if (start == DATE_NONE) continue;
            if (start < c->start || vt_is(e, row, E_RNE, "S") || vt_group(last, child) >= 0) break;
            if (earlier_in_history(c, child, start))
                vctx_fail_advised(c, T903_EPISODES, row,
                                  "the stored history holds an earlier episode of this child, so "
                                  "this is not their first episode and need not start a period "
                                  "of care");
            else
                vctx_fail(c, T903_EPISODES, row);
            break;
        }
    }
}

/* DfE 903 rule 366: each short break (V3) is its own period of care. */
static void r366(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_is(e, row, E_LS, "V3") && !vt_is(e, row, E_RNE, "S"))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 367: the child's short breaks (V3) within the collection year,
 * each counted in days from start to end (clipped to the year; an open one runs
 * to 31 March), add up to at most 75 days. Every V3 episode counted fails. */
static void r367(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int n = vt_group_size(e, g);
        long days = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                int row = vt_group_row(e, g, i);
                Date from = vt_date(e, row, E_DECOM), to = vt_date(e, row, E_DEC);
                if (from == DATE_NONE || !vt_is(e, row, E_LS, "V3")) continue;
                if (from < c->start) from = c->start;
                if (to == DATE_NONE || to > c->end) to = c->end;
                if (to <= from) continue;
                if (pass == 0)
                    days += to - from;
                else if (days > 75)
                    vctx_fail(c, T903_EPISODES, row);
            }
        }
    }
}

/* DfE 903 rule 377: at most two placements of type T3 (usual foster carers on
 * holiday) "in any 12-month period"; as the DfE's check counts them, every T3
 * episode of the child in this year's return (one that began before 1 April
 * and ran into the year too: a T3 lasts three weeks at most, rule 376), and
 * all of them fail when there are more. */
static void r377(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int n = vt_group_size(e, g), count = 0;
        for (int pass = 0; pass < 2; pass++)
            for (int i = 0; i < n; i++) {
                int row = vt_group_row(e, g, i);
                Date from = vt_date(e, row, E_DECOM);
                if (from == DATE_NONE || !vt_is(e, row, E_PLACE, "T3")) continue;
                if (pass == 0)
                    count++;
                else if (count > 2)
                    vctx_fail(c, T903_EPISODES, row);
            }
    }
}

/* Fails rows where legal status is in ls_list and placement in place_list. */
static void ls_excludes_place(VCtx *c, const VCheck *k)
{
    const char *ls_list = k->codes;
    const char *place_list = k->other_codes;
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_in(e, row, E_LS, ls_list) && vt_in(e, row, E_PLACE, place_list))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 380: an episode starting a period of care (RNE S) is not a
 * temporary placement. */
static void r380(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_is(e, row, E_RNE, "S") && vt_in(e, row, E_PLACE, TEMP_PLACES))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 381: an episode ending a period of care (a reason other than
 * X1) is not a temporary placement. */
static void r381(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (!vt_blank(e, row, E_REC) && !vt_is(e, row, E_REC, "X1") &&
            vt_in(e, row, E_PLACE, TEMP_PLACES))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 388: an episode ending with X1 (a new episode begins the same
 * day) must be followed by an episode starting that day; and, the other way
 * round, an episode followed by one starting on the day it ends must end with
 * X1 (any other reason says care ended, yet it continues). The text is about
 * a reason "coded": an ended episode with a blank REC is rule 148's, not
 * this one's. */
static void r388(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int n = vt_group_size(e, g);
        for (int i = 0; i < n; i++) {
            int row = vt_group_row(e, g, i);
            Date end = vt_date(e, row, E_DEC);
            if (end == DATE_NONE || vt_blank(e, row, E_REC)) continue;
            bool follows = false;
            for (int j = i + 1; j < n && !follows; j++)
                follows = vt_date(e, vt_group_row(e, g, j), E_DECOM) == end;
            if (follows != vt_is(e, row, E_REC, "X1")) vctx_fail(c, T903_EPISODES, row);
        }
    }
}

/* DfE 903 rule 426: a child on short breaks is under V3 or V4 in a year, not
 * both; every V3 and V4 episode of such a child fails. */
static void r426(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int n = vt_group_size(e, g);
        bool v3 = false, v4 = false;
        for (int i = 0; i < n; i++) {
            int row = vt_group_row(e, g, i);
            v3 |= vt_is(e, row, E_LS, "V3");
            v4 |= vt_is(e, row, E_LS, "V4");
        }
        if (v3 && v4)
            for (int i = 0; i < n; i++)
                if (vt_in(e, vt_group_row(e, g, i), E_LS, "V3;V4"))
                    vctx_fail(c, T903_EPISODES, vt_group_row(e, g, i));
    }
}

/* Fails every episode with a previous episode for which bad(e, row, prev). */
static void each_with_prev(VCtx *c, bool (*bad)(const VTable *e, int row, int prev))
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int n = vt_group_size(e, g);
        for (int i = 1; i < n; i++) {
            int prev = prev_episode(e, g, i), row = vt_group_row(e, g, i);
            if (prev >= 0 && bad(e, row, prev)) vctx_fail(c, T903_EPISODES, row);
        }
    }
}

/* DfE 903 rule 431: a new period of care (RNE S) starting the day the
 * previous episode ended, or (as the DfE's check reads it) before. */
static bool bad431(const VTable *e, int row, int prev)
{
    Date prev_end = vt_date(e, prev, E_DEC);
    return vt_is(e, row, E_RNE, "S") && prev_end != DATE_NONE &&
           vt_date(e, row, E_DECOM) <= prev_end;
}
static void r431(VCtx *c)
{
    each_with_prev(c, bad431);
}

/* DfE 903 rule 432: the previous episode ended a period of care (a reason other
 * than X1), so this one must start a new one (RNE S). A blank RNE is "not
 * started to be looked after" too, as the text reads (143 also reports it). */
static bool bad432(const VTable *e, int row, int prev)
{
    return !vt_blank(e, prev, E_REC) && !vt_is(e, prev, E_REC, "X1") && !vt_is(e, row, E_RNE, "S");
}
static void r432(VCtx *c)
{
    each_with_prev(c, bad432);
}

/* DfE 903 rule 433: a continuation episode (RNE other than S) starts the day
 * the previous episode ended. */
static bool bad433(const VTable *e, int row, int prev)
{
    return vt_in(e, row, E_RNE, "P;L;T;U;B") && vt_date(e, prev, E_DEC) != vt_date(e, row, E_DECOM);
}
static void r433(VCtx *c)
{
    each_with_prev(c, bad433);
}

/* DfE 903 rule 434: RNE L — the legal status changed, the placement did not. */
static bool bad434(const VTable *e, int row, int prev)
{
    return vt_is(e, row, E_RNE, "L") &&
           (same_cell(e, row, prev, E_LS) || placement_changed(e, row, prev));
}
static void r434(VCtx *c)
{
    each_with_prev(c, bad434);
}

/* DfE 903 rule 435: RNE P or T — the placement changed, the legal status did
 * not. */
static bool bad435(const VTable *e, int row, int prev)
{
    return vt_in(e, row, E_RNE, "P;T") &&
           (!same_cell(e, row, prev, E_LS) || !placement_changed(e, row, prev));
}
static void r435(VCtx *c)
{
    each_with_prev(c, bad435);
}

/* DfE 903 rule 436: RNE U or B — both the legal status and the placement
 * changed. */
static bool bad436(const VTable *e, int row, int prev)
{
    return vt_in(e, row, E_RNE, "U;B") &&
           (same_cell(e, row, prev, E_LS) || !placement_changed(e, row, prev));
}
static void r436(VCtx *c)
{
    each_with_prev(c, bad436);
}

/* DfE 903 rule 437: after an episode ending with the child's death (E2) or an
 * age assessment of 18 or over (E15) there can be no further episode: any
 * episode sorting after it, one that starts before it ended too (the text:
 * "there are further episodes"; their overlap is 501's). As in the DfE's
 * checks, an episode with no start date sorts after the dated ones, so it is
 * a further episode; the E2/E15 episode itself needs a start date. */
static void r437(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int n = vt_group_size(e, g);
        for (int i = 0; i + 1 < n; i++) {
            int row = vt_group_row_blanks_last(e, g, E_DECOM, i);
            if (vt_date(e, row, E_DECOM) != DATE_NONE && vt_in(e, row, E_REC, "E2;E15"))
                vctx_fail(c, T903_EPISODES, row);
        }
    }
}

/* DfE 903 rule 504: "The category of need code differs from that reported at
 * start of current period of being looked after". A period of care runs on
 * through episodes each continuing the previous one (which ended with X1 the
 * day this one starts); every episode of it whose CIN differs from its first
 * episode's fails. A period begun before this year's episodes is judged from
 * its first episode here. The open-source validator compares each episode
 * with the previous one instead; the text is followed (so an episode going
 * back to the first CIN passes, and each episode after a change fails). */
static void r504(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int first = -1;
        for (int i = 0; i < vt_group_size(e, g); i++) {
            int prev = prev_episode(e, g, i), row = vt_group_row(e, g, i);
            bool continues = prev >= 0 && first >= 0 && vt_is(e, prev, E_REC, "X1") &&
                             vt_date(e, prev, E_DEC) == vt_date(e, row, E_DECOM);
            if (!continues) {
                first = vt_date(e, row, E_DECOM) != DATE_NONE ? row : -1;
                continue;
            }
            if (!vt_blank(e, row, E_CIN) && !vt_blank(e, first, E_CIN) &&
                !same_cell(e, row, first, E_CIN))
                vctx_fail(c, T903_EPISODES, row);
        }
    }
}

/* ---- placement details that go with a placement type ---- */

/* Rules 213, 222: fails rows whose placement type is in codes and whose
 * column col is completed (other than the single code other_codes, when
 * given). */
static void not_for_places(VCtx *c, const VCheck *k)
{
    const char *places = k->codes, *allowed = k->other_codes;
    int col = k->col;
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_in(e, row, E_PLACE, places) && !vt_blank(e, row, col) &&
            !(allowed && vt_is(e, row, col, allowed)))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 214: no placement postcode or URN for short breaks. */
static void r214(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_in(e, row, E_LS, "V3;V4") &&
            (!vt_blank(e, row, E_PL_POST) || !vt_blank(e, row, E_URN)))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 217: placed for adoption with current foster carers (A3, A5)
 * keeps the carers, so an episode starting on or after 1 April 2015 (when the
 * rule's codes came in) starts with S, T or U; earlier episodes pass. */
static void r217(VCtx *c)
{
    const VTable *e = episodes(c);
    Date from = date_from_ymd(2015, 4, 1);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_in(e, row, E_PLACE, "A3;A5") && vt_date(e, row, E_DECOM) != DATE_NONE &&
            vt_date(e, row, E_DECOM) >= from && !vt_in(e, row, E_RNE, "S;T;U"))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 217t (2023/24 only): independent living (P2) ended as a
 * placement type on 28 October 2023; an episode in P2 still running after that
 * day (open, or ended later) fails. */
static void r217t(VCtx *c)
{
    const VTable *e = episodes(c);
    Date last = date_from_ymd(2023, 10, 28);
    for (int row = 0; row < e->n_rows; row++) {
        Date end = vt_date(e, row, E_DEC);
        if (vt_is(e, row, E_PLACE, "P2") &&
            (vt_blank(e, row, E_DEC) || (end != DATE_NONE && end > last)))
            vctx_fail(c, T903_EPISODES, row);
    }
}

/* Rule 526: every placement but those in codes has a provider. As the DfE's
 * condition reads ("if PLACE is not one of ..."), a blank PLACE is not one of
 * them, so a row with neither fails too. */
static void provider_needed(VCtx *c, const VCheck *k)
{
    const char *exempt = k->codes;
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (!vt_in(e, row, E_PLACE, exempt) && vt_blank(e, row, E_PLACE_PROVIDER))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 390: an episode ending in adoption (E11, E12) is a placement
 * for adoption (A3-A6). */
static void r390(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_in(e, row, E_REC, "E11;E12") && !vt_in(e, row, E_PLACE, "A3;A4;A5;A6"))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 408: placed for adoption under a placement order (A5, A6)
 * needs the placement order (E1) or a freeing order (D1) as legal status. */
static void r408(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_in(e, row, E_PLACE, "A5;A6") && !vt_in(e, row, E_LS, "E1;D1"))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 516: special guardianship to former foster carers (E45, E46)
 * ends a foster placement (U1-U6). */
static void r516(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_in(e, row, E_REC, "E45;E46") && !vt_in(e, row, E_PLACE, "U1;U2;U3;U4;U5;U6"))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 225: an episode ending with X1 where the next episode changes
 * the placement (RNE P, B, T or U), neither being temporary, records the
 * reason for the placement change. */
static void r225(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int n = vt_group_size(e, g);
        for (int i = 0; i + 1 < n; i++) {
            int row = vt_group_row(e, g, i), next = vt_group_row(e, g, i + 1);
            if (vt_is(e, row, E_REC, "X1") && vt_blank(e, row, E_REASON_PLACE_CHANGE) &&
                !vt_in(e, row, E_PLACE, TEMP_PLACES) && vt_in(e, next, E_RNE, "P;B;T;U") &&
                !vt_in(e, next, E_PLACE, TEMP_PLACES))
                vctx_fail(c, T903_EPISODES, row);
        }
    }
}

/* DfE 903 rule 383 (to 2024/25): after a temporary placement between two
 * episodes, the child returns (RNE P) to the placement type before it. The
 * temporary episode fails. */
static void r383_old(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int n = vt_group_size(e, g);
        for (int i = 1; i + 1 < n; i++) {
            int before = vt_group_row(e, g, i - 1), row = vt_group_row(e, g, i),
                after = vt_group_row(e, g, i + 1);
            if (vt_in(e, row, E_PLACE, TEMP_PLACES) &&
                (!vt_is(e, after, E_RNE, "P") || !same_cell(e, after, before, E_PLACE)))
                vctx_fail(c, T903_EPISODES, row);
        }
    }
}

/* DfE 903 rule 383 (from 2025/26): the episode after a temporary placement
 * returns (RNE P) to the placement type and postcode before it; that episode
 * fails. */
static void r383(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        int n = vt_group_size(e, g);
        for (int i = 2; i < n; i++) {
            int before = vt_group_row(e, g, i - 2), temp = vt_group_row(e, g, i - 1),
                row = vt_group_row(e, g, i);
            if (vt_in(e, temp, E_PLACE, TEMP_PLACES) &&
                (!vt_is(e, row, E_RNE, "P") || !same_cell(e, row, before, E_PLACE) ||
                 !same_cell(e, row, before, E_PL_POST)))
                vctx_fail(c, T903_EPISODES, row);
        }
    }
}

/* The start of the child's earliest adoption episode (REC E11, E12) in table t
 * (NULL: none) or `adopted` when that is earlier; DATE_NONE when none. */
static Date first_adoption(const VTable *t, const char *child, Date adopted)
{
    int g = t ? vt_group(t, child) : -1;
    for (int i = 0; g >= 0 && i < vt_group_size(t, g); i++) {
        int row = vt_group_row(t, g, i);
        Date start = vt_date(t, row, E_DECOM);
        if (start != DATE_NONE && vt_in(t, row, E_REC, "E11;E12") &&
            (adopted == DATE_NONE || start < adopted))
            adopted = start;
    }
    return adopted;
}

/* DfE 903 rule 199: after an adoption (E11, E12) there is no further episode.
 * This year's and (with --prev) last year's episodes are read together in
 * date order; this year's episodes after the first adoption fail. With the
 * stored history (--db) an adoption in any earlier year counts too; last
 * year's return is read beside it, so the history never drops a flag the
 * two-year view raises. */
static void r199(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        const char *child = vt_cell(e, vt_group_row(e, g, 0), E_CHILD);
        Date adopted = first_adoption(&c->r->last[T903_EPISODES], child, DATE_NONE);
        adopted = first_adoption(vctx_history(c), child, adopted);
        for (int i = 0; i < vt_group_size(e, g); i++) {
            int row = vt_group_row(e, g, i);
            Date start = vt_date(e, row, E_DECOM);
            if (start == DATE_NONE) continue;
            if (adopted != DATE_NONE && start > adopted) {
                vctx_fail(c, T903_EPISODES, row);
            } else if (vt_in(e, row, E_REC, "E11;E12") && adopted == DATE_NONE) {
                adopted = start;
            }
        }
    }
}

const VRule vrules_episodes[] = {
    /* DfE 903 rule 146. The valid codes change by year as data/903-codes.csv
     * says: to 2024/25 H5, P2 and Z1; from 2025/26 K3 in place of H5 and
     * Z11-Z14 in place of Z1, no P2. */
    {"146", 0, 0, "Episodes", "PLACE", "Placement type code is not a valid code.", NULL,
     .check = VCHECK_CODE_OR_BLANK(T903_EPISODES, E_PLACE)},
    /* DfE 903 rule 141 */
    {"141", 0, 0, "Episodes", "DECOM", "Date episode began is not a valid date.", NULL,
     .check = VCHECK_DATE_REQUIRED(T903_EPISODES, E_DECOM)},
    {"142", 0, 0, "Episodes", "DEC;REC",
     "A new episode has started, but the previous episode has not ended.", NULL, .fn = r142},
    /* DfE 903 rule 143 */
    {"143", 0, 0, "Episodes", "RNE", "The reason for new episode code is not a valid code.", NULL,
     .check = VCHECK_CODE_REQUIRED(T903_EPISODES, E_RNE)},
    /* DfE 903 rule 144 */
    {"144", 0, 0, "Episodes", "LS", "The legal status code is not a valid code.", NULL,
     .check = VCHECK_CODE_REQUIRED(T903_EPISODES, E_LS)},
    /* DfE 903 rule 145 */
    {"145", 0, 0, "Episodes", "CIN", "Category of need code is not a valid code.", NULL,
     .check = VCHECK_CODE_REQUIRED(T903_EPISODES, E_CIN)},
    /* DfE 903 rule 147 */
    {"147", 0, 0, "Episodes", "DEC", "Date episode ceased is not a valid date.", NULL,
     .check = VCHECK_DATE_OR_BLANK(T903_EPISODES, E_DEC)},
    {"148", 0, 0, "Episodes", "DEC;REC",
     "Date episode ceased and reason episode ceased must both be coded, or both left blank.", NULL,
     .fn = r148},
    /* DfE 903 rule 149 */
    {"149", 0, 0, "Episodes", "REC", "Reason episode ceased code is not valid.", NULL,
     .check = VCHECK_CODE_OR_BLANK(T903_EPISODES, E_REC)},
    /* DfE 903 rule 178 (to 2024/25): no provider for T0-T4 and Z1. */
    {"178", 0, 2025, "Episodes", "PLACE_PROVIDER", "Placement provider code is not a valid code.",
     NULL,
     .check = VCHECK_OF_FAMILY(provider_valid, .codes = "PR0;PR1;PR2;PR3;PR4;PR5",
                               .other_codes = TEMP_PLACES ";Z1")},
    /* DfE 903 rule 178 (from 2025/26): no provider for T0-T3 and Z11-Z14; T4
     * is no longer in the DfE's list of placements without a provider. */
    {"178", 2026, 0, "Episodes", "PLACE_PROVIDER", "Placement provider code is not a valid code.",
     NULL,
     .check = VCHECK_OF_FAMILY(provider_valid, .codes = "PR0;PR1;PR2;PR3;PR4;PR5",
                               .other_codes = "T0;T1;T2;T3;Z11;Z12;Z13;Z14")},
    /* DfE 903 rule 226 */
    {"226", 0, 0, "Episodes", "REASON_PLACE_CHANGE;PLACE",
     "Reason for placement change is not required for temporary placements.", NULL, .fn = r226},
    {"233", 0, 0, "Episodes", "REASON_PLACE_CHANGE;REASON_PLACE_CHANGE",
     "Reason for placement change is not required when the episode has not ceased.", NULL,
     .fn = r233},
    /* DfE 903 rule 353 */
    {"353", 0, 0, "Episodes", "DECOM", "No episode submitted can start before 14 October 1991.",
     NULL, .check = VCHECK_OF_FAMILY(date_bound, .col = E_DECOM, .number = 19911014)},
    /* DfE 903 rule 354: the episode must start within or before the collection year. */
    {"354", 0, 0, "Episodes", "DECOM",
     "Date episode ceased must be on or before the end of the current collection year.", NULL,
     .check = VCHECK_OF_FAMILY(date_bound, .col = E_DECOM, .option = true)},
    {"355", 0, 0, "Episodes", "DECOM;DEC", "Episode appears to have lasted for less than 24 hours",
     NULL, .fn = r355},
    {"356", 0, 0, "Episodes", "DECOM",
     "The date the episode ceased is before the date the same episode started.", NULL, .fn = r356},
    /* DfE 903 rule 361: police protection (L1) at most 72 hours. */
    {"361", 0, 0, "Episodes", "DECOM;LS;DEC",
     "Police protection legal status lasted longer than maximum 72 hours allowed in the Children "
     "Act 1989.",
     NULL, .check = VCHECK_OF_FAMILY(status_limit, .codes = "L1", .number = 3)},
    /* DfE 903 rule 362: emergency protection order (L2) at most 21 days. */
    {"362", 0, 0, "Episodes", "DECOM;LS;DEC",
     "Emergency protection order (EPO) lasted longer than 21 days", NULL,
     .check = VCHECK_OF_FAMILY(status_limit, .codes = "L2", .number = 21)},
    /* DfE 903 rule 363: child assessment order (L3) at most 7 days. */
    {"363", 0, 0, "Episodes", "LS;DECOM;DEC",
     "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.",
     NULL, .check = VCHECK_OF_FAMILY(status_limit, .codes = "L3", .number = 7)},
    /* DfE 903 rule 364: detained under PACE in LA accommodation (J2) at most 21 days. */
    {"364", 0, 0, "Episodes", "LS;DECOM;DEC",
     "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child "
     "can be detained in custody in Local Authority (LA) accommodation.",
     NULL, .check = VCHECK_OF_FAMILY(status_limit, .codes = "J2", .number = 21)},
    {"365", 0, 0, "Episodes", "LS;DECOM;DEC",
     "Any individual short- term respite placement must not exceed 17 days.", NULL, .fn = r365},
    /* DfE 903 rule 385 */
    {"385", 0, 0, "Episodes", "DEC",
     "Date episode ceased must be on or before the end of the current collection year.", NULL,
     .check = VCHECK_OF_FAMILY(date_bound, .col = E_DEC, .option = true)},
    {"445", 0, 0, "Episodes", "LS;DECOM",
     "Legal status D1 (freeing order) is not valid for an episode starting after 31 December "
     "2005.",
     NULL, .fn = r445},
    {"451", 0, 0, "Episodes", "LS;DEC;REC",
     "A child is still under a freeing order (D1) at the end of the year, though none has been "
     "made since 30 December 2005.",
     NULL, .fn = r451},
    {"446", 0, 0, "Episodes", "LS;DECOM",
     "E1 is not a valid code for episodes starting before December 2005.", NULL, .fn = r446},
    {"501", 0, 0, "Episodes", "DECOM;DEC",
     "A new episode has started before the end date of the previous episode.", NULL, .fn = r501},
    /* DfE 903 rule 527 */
    {"527", 0, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.", NULL,
     .check = VCHECK_OF_FAMILY(provider_excludes, .codes = "PR1", .other_codes = "P1;R2;R5")},
    /* DfE 903 rule 528 */
    {"528", 0, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.", NULL,
     .check = VCHECK_OF_FAMILY(provider_excludes, .codes = "PR2", .other_codes = "P1;R2;R5")},
    /* DfE 903 rule 529 */
    {"529", 0, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and "
     "U1 to U6 as these placements cannot be provided by other public organisations.",
     NULL,
     .check = VCHECK_OF_FAMILY(provider_excludes, .codes = "PR3",
                               .other_codes = "P1;A3;A4;A5;A6;K1;K2;U1;U2;U3;U4;U5;U6")},
    /* DfE 903 rule 530 */
    {"530", 0, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR4 cannot be associated with placement P1.", NULL,
     .check = VCHECK_OF_FAMILY(provider_excludes, .codes = "PR4", .other_codes = "P1")},
    /* DfE 903 rule 531 */
    {"531", 0, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR5 cannot be associated with placements P1.", NULL,
     .check = VCHECK_OF_FAMILY(provider_excludes, .codes = "PR5", .other_codes = "P1")},
    {"550", 0, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR0 can only be associated with placement P1.", NULL,
     .fn = r550},
    /* DfE 903 rule 1009 */
    {"1009", 0, 0, "Episodes", "REASON_PLACE_CHANGE",
     "Reason for placement change is not a valid code.", NULL,
     .check = VCHECK_CODE_OR_BLANK(T903_EPISODES, E_REASON_PLACE_CHANGE)},
    {"357", 0, 0, "Episodes", "RNE",
     "If this is the first episode ever for this child, reason for new episode must be S.  Check "
     "whether there is an episode immediately preceding this one, which has been left out.  If not "
     "the reason for new episode code must be amended to S.",
     NULL, .fn = r357},
    {"366", 0, 0, "Episodes", "RNE",
     "A child cannot change placement during the course of an individual short-term respite break.",
     NULL, .fn = r366},
    {"367", 0, 0, "Episodes", "LS;DECOM;DEC",
     "The maximum amount of respite care allowable is 75 days in any 12-month period.", NULL,
     .fn = r367},
    {"377", 0, 0, "Episodes", "PLACE",
     "Only two temporary placements coded as being due to holiday of usual foster carer(s) are "
     "allowed in any 12- month period.",
     NULL, .fn = r377},
    /* DfE 903 rule 378: placed with parents (P1) cannot be under section 20 (V2). */
    {"378", 0, 0, "Episodes", "PLACE;LS",
     "A child who is placed with parent(s) cannot be looked after under a single period of "
     "accommodation under Section 20 of the Children Act 1989.",
     NULL, .check = VCHECK_OF_FAMILY(ls_excludes_place, .codes = "V2", .other_codes = "P1")},
    {"380", 0, 0, "Episodes", "PLACE;RNE",
     "A period of care cannot start with a temporary placement.", NULL, .fn = r380},
    {"381", 0, 0, "Episodes", "PLACE;REC",
     "A period of care cannot end with a temporary placement.", NULL, .fn = r381},
    /* DfE 903 rule 382 */
    {"382", 0, 0, "Episodes", "LS;PLACE",
     "A child receiving respite care cannot be in a temporary placement.", NULL,
     .check = VCHECK_OF_FAMILY(ls_excludes_place, .codes = "V3;V4", .other_codes = TEMP_PLACES)},
    /* DfE 903 rule 384: short breaks are not long-term fostering (U1, U4). */
    {"384", 0, 0, "Episodes", "PLACE;LS",
     "A child receiving respite care cannot be in a long-term foster placement", NULL,
     .check = VCHECK_OF_FAMILY(ls_excludes_place, .codes = "V3;V4", .other_codes = "U1;U4")},
    {"388", 0, 0, "Episodes", "REC",
     "Reason episode ceased is coded new episode begins, but there is no continuation episode.",
     NULL, .fn = r388},
    {"426", 0, 0, "Episodes", "LS",
     "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the "
     "same year.",
     NULL, .fn = r426},
    {"431", 0, 0, "Episodes", "RNE;DECOM",
     "The reason for new episode is started to be looked after, but the previous episode ended on "
     "the same day.",
     NULL, .fn = r431},
    {"432", 0, 0, "Episodes", "RNE",
     "The child ceased to be looked after at the end of the previous episode but the reason for "
     "the new episode is not started to be looked after.",
     NULL, .fn = r432},
    {"433", 0, 0, "Episodes", "RNE;DECOM",
     "The reason for new episode suggests that this is a continuation episode, but the episode "
     "does not start on the same day as the last episode finished.",
     NULL, .fn = r433},
    {"434", 0, 0, "Episodes", "RNE;LS;PLACE;PL_POST;URN;PLACE_PROVIDER",
     "Reason for new episode is that child's legal status has changed but not the placement, but "
     "this is not reflected in the episode data.",
     NULL, .fn = r434},
    {"435", 0, 0, "Episodes", "LS;PLACE;PL_POST;URN;PLACE_PROVIDER",
     "Reason for new episode is that child’s placement has changed but not the legal status, "
     "but this is not reflected in the episode data recorded.",
     NULL, .fn = r435},
    {"436", 0, 0, "Episodes", "RNE;LS;PLACE;PL_POST;URN;PLACE_PROVIDER",
     "Reason for new episode is that both child’s placement and legal status have changed, but "
     "this is not reflected in the episode data.",
     NULL, .fn = r436},
    {"437", 0, 0, "Episodes", "REC",
     "Reason episode ceased is child has died or is aged 18 or over but there are further "
     "episodes.",
     NULL, .fn = r437},
    {"504", 0, 0, "Episodes", "CIN",
     "The category of need code differs from that reported at start of current period of being "
     "looked after",
     NULL, .fn = r504},
    {"199", 0, 0, "Episodes", "CHILD",
     "Episode information shows child has been previously adopted from care. [NOTE: This only "
     "tests the current and previous year data loaded into the tool]",
     NULL, .fn = r199},
    /* DfE 903 rule 213 (to 2024/25: T0-T4 and Z1 need no provider) */
    {"213", 0, 2025, "Episodes", "PLACE_PROVIDER", "Placement provider information not required.",
     NULL,
     .check =
         VCHECK_OF_FAMILY(not_for_places, .col = E_PLACE_PROVIDER, .codes = TEMP_PLACES ";Z1")},
    /* DfE 903 rule 213 (from 2025/26: Z11-Z14 replace Z1) */
    {"213", 2026, 0, "Episodes", "PLACE_PROVIDER", "Placement provider information not required.",
     NULL,
     .check = VCHECK_OF_FAMILY(not_for_places, .col = E_PLACE_PROVIDER,
                               .codes = TEMP_PLACES ";Z11;Z12;Z13;Z14")},
    {"214", 0, 0, "Episodes", "PL_POST;URN", "Placement location information not required.", NULL,
     .fn = r214},
    {"217t", 0, 0, "Episodes", "PLACE;DEC",
     "Placement type P2 (independent living) is not valid for a placement still running after 28 "
     "October 2023.",
     NULL, .fn = r217t},
    {"217", 0, 0, "Episodes", "PLACE;DECOM;RNE",
     "Children who are placed for adoption with current foster carers (placement types A3 or A5) "
     "must have a reason for new episode of S, T or U.",
     NULL, .fn = r217},
    /* DfE 903 rule 222: no URN (other than XXXXXXX, "none") for placements not
     * registered with Ofsted. The list holds the codes of every year (H5, P2
     * and Z1 to 2024/25; Z11-Z14 from 2025/26). */
    {"222", 0, 0, "Episodes", "URN",
     "Ofsted Unique reference number (URN) should not be recorded for this placement type.", NULL,
     .check = VCHECK_OF_FAMILY(not_for_places, .col = E_URN,
                               .codes = "H5;P1;P2;P3;R1;R2;R5;" TEMP_PLACES ";Z1;Z11;Z12;Z13;Z14",
                               .other_codes = "XXXXXXX")},
    {"225", 0, 0, "Episodes", "REASON_PLACE_CHANGE",
     "Reason for placement change must be recorded.", NULL, .fn = r225},
    {"383", 0, 2025, "Episodes", "PLACE;RNE;PL_POST",
     "A child in a temporary placement must subsequently return to his/her normal placement.", NULL,
     .fn = r383_old},
    {"383", 2026, 0, "Episodes", "PLACE;RNE;PL_POST",
     "A child in a temporary placement must subsequently return to his/her normal placement.", NULL,
     .fn = r383},
    {"390", 0, 0, "Episodes", "PLACE;REC",
     "Reason episode ceased is adopted but child has not been previously placed for adoption.",
     NULL, .fn = r390},
    {"408", 0, 0, "Episodes", "PLACE;LS",
     "Child is placed for adoption with a placement order, but no placement order has been "
     "recorded.",
     NULL, .fn = r408},
    {"516", 0, 0, "Episodes", "REC;PLACE",
     "The episode data submitted for this child does not show that he/she was with their former "
     "foster carer(s) during the year.If the code in the reason episode ceased is E45 or E46 the "
     "child must have a placement code of U1 to U6.",
     NULL, .fn = r516},
    /* DfE 903 rule 526 (to 2024/25): every placement but T0-T4 and Z1 has a provider. */
    {"526", 0, 2025, "Episodes", "PLACE;PLACE_PROVIDER",
     "Child is missing a placement provider code for at least one episode.", NULL,
     .check = VCHECK_OF_FAMILY(provider_needed, .codes = TEMP_PLACES ";Z1")},
    /* DfE 903 rule 526 (from 2025/26: Z11-Z14 replace Z1) */
    {"526", 2026, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "Child is missing a placement provider code for at least one episode.", NULL,
     .check = VCHECK_OF_FAMILY(provider_needed, .codes = TEMP_PLACES ";Z11;Z12;Z13;Z14")},
};
const int vrules_episodes_n = VRULES_COUNT(vrules_episodes);
