/* rules_missing: the DfE 903 rules on missing / away-from-placement periods
 * (Missing) and on deprivation of liberty orders (DoLo, from 2026/27): valid
 * dates, periods within the year, no overlapping or open periods, and none
 * left open when care ends. Each rule carries its DfE code. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

/* Fails rows whose end col is before their start col. */
static void ends_before_start(VCtx *c, const VCheck *k)
{
    Ssda903TableId t = k->table;
    int start_col = k->col;
    int end_col = k->other_col;
    const VTable *tab = vt(c, t);
    for (int row = 0; row < tab->n_rows; row++) {
        Date s = vt_date(tab, row, start_col), e = vt_date(tab, row, end_col);
        if (s != DATE_NONE && e != DATE_NONE && e < s) vctx_fail(c, t, row);
    }
}

/* Fails rows whose date col is after the collection year. */
static void after_year(VCtx *c, const VCheck *k)
{
    Ssda903TableId t = k->table;
    int col = k->col;
    const VTable *tab = vt(c, t);
    for (int row = 0; row < tab->n_rows; row++) {
        Date d = vt_date(tab, row, col);
        if (d != DATE_NONE && d > c->end) vctx_fail(c, t, row);
    }
}

/* Fails rows whose date col is outside the collection year. */
static void outside_year(VCtx *c, const VCheck *k)
{
    Ssda903TableId t = k->table;
    int col = k->col;
    const VTable *tab = vt(c, t);
    for (int row = 0; row < tab->n_rows; row++) {
        Date d = vt_date(tab, row, col);
        if (d != DATE_NONE && (d < c->start || d > c->end)) vctx_fail(c, t, row);
    }
}

/* True when the earlier period prev (in start order) is still open on `start`
 * (no end date) or, unless open_only, has not ended by then (an end on the day
 * the next starts is no overlap). */
static bool still_running(const VTable *tab, int prev, int end_col, Date start, bool open_only)
{
    Date prev_end = vt_date(tab, prev, end_col);
    if (open_only) return vt_blank(tab, prev, end_col);
    return prev_end == DATE_NONE || start < prev_end;
}

/* A child's periods (in start order) must not start while an earlier one is
 * open (no end date) or, unless the check's option says open only, before it
 * ended. Fails the later period. 574 ("periods should also not overlap")
 * compares each period with every earlier one, so a period inside a long
 * earlier one fails though the one just before it has ended; 705 (open only:
 * "when the previous DoLO is still open") the one just before. Periods
 * without a valid start are left to the date rules. */
static void overlapping(VCtx *c, const VCheck *k)
{
    Ssda903TableId t = k->table;
    int start_col = k->col;
    int end_col = k->other_col;
    bool open_only = k->option;
    const VTable *tab = vt(c, t);
    for (int g = 0; g < tab->n_groups; g++) {
        int n = vt_group_size(tab, g);
        for (int i = 1; i < n; i++) {
            int row = vt_group_row(tab, g, i);
            Date start = vt_date(tab, row, start_col);
            if (start == DATE_NONE) continue;
            for (int j = open_only ? i - 1 : 0; j < i; j++) {
                int prev = vt_group_row(tab, g, j);
                if (vt_date(tab, prev, start_col) == DATE_NONE) continue;
                if (still_running(tab, prev, end_col, start, open_only)) {
                    vctx_fail(c, t, row);
                    break;
                }
            }
        }
    }
}

/* Fails rows whose date col is before the child's DOB in the same table. */
static void before_birth(VCtx *c, const VCheck *k)
{
    Ssda903TableId t = k->table;
    int col = k->col;
    const VTable *tab = vt(c, t);
    for (int row = 0; row < tab->n_rows; row++) {
        Date d = vt_date(tab, row, col), dob = vt_date(tab, row, 1);
        if (d != DATE_NONE && dob != DATE_NONE && d < dob) vctx_fail(c, t, row);
    }
}

/* The child's first episode this year ending on or after `from` where the
 * child ceased to be looked after (an end date and a reason other than X1),
 * or -1. A period running when care ended was open when the child ceased to
 * be looked after, though the child may have come back into care since. */
static int care_ended_since(const VCtx *c, const char *child, Date from)
{
    const VTable *e = vt(c, T903_EPISODES);
    int g = vt_group(e, child);
    for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++) {
        int row = vt_group_row(e, g, i);
        Date end = vt_date(e, row, E_DEC);
        if (end != DATE_NONE && end >= from && !vt_blank(e, row, E_REC) &&
            !vt_is(e, row, E_REC, "X1"))
            return row;
    }
    return -1;
}

/* Rules 577, 707: "child ceased to be looked after but there is a period
 * without an end date". Fails an open period (end blank) that was running when
 * the child ceased to be looked after this year (started on or before the day
 * an episode ended other than X1, whether or not the child came back into
 * care later), or any open period of a child who has left care (the latest
 * episode ended, not X1). The episode where the child ceased to be looked
 * after is marked beside it. */
static void open_after_care(VCtx *c, const VCheck *k)
{
    Ssda903TableId t = k->table;
    int start_col = k->col;
    int end_col = k->other_col;
    const VTable *tab = vt(c, t);
    for (int row = 0; row < tab->n_rows; row++) {
        if (vt_blank(tab, row, start_col) || !vt_blank(tab, row, end_col)) continue;
        const char *child = vt_cell(tab, row, 0);
        Date start = vt_date(tab, row, start_col);
        int ended = start == DATE_NONE ? -1 : care_ended_since(c, child, start);
        if (ended < 0) ended = vctx_left_care(c, child);
        if (ended < 0) continue;
        vctx_fail(c, t, row);
        vctx_fail_partner(c, T903_EPISODES, false, ended);
    }
}

/* DfE 903 rule 564: "child was missing or away from placement without
 * authorisation" is MISSING M or A (any case; another code says neither, and
 * 1006 reports it); the start blank (an invalid one is 1004's). */
static void r564(VCtx *c)
{
    const VTable *m = vt(c, T903_MISSING);
    for (int row = 0; row < m->n_rows; row++)
        if (vt_in(m, row, M_MISSING, "M;A") && vt_blank(m, row, M_MIS_START))
            vctx_fail(c, T903_MISSING, row);
}

/* DfE 903 rule 565 */
static void r565(VCtx *c)
{
    const VTable *m = vt(c, T903_MISSING);
    for (int row = 0; row < m->n_rows; row++)
        if (!vt_blank(m, row, M_MIS_START) && vt_blank(m, row, M_MISSING))
            vctx_fail(c, T903_MISSING, row);
}

/* DfE 903 rule 566 */
static void r566(VCtx *c)
{
    const VTable *m = vt(c, T903_MISSING);
    for (int row = 0; row < m->n_rows; row++)
        if (!vt_blank(m, row, M_MIS_END) && vt_blank(m, row, M_MISSING))
            vctx_fail(c, T903_MISSING, row);
}

/* The child's episode this year running on date `on` (started by it, open or
 * ending on or after it), or -1. */
static int episode_on(const VCtx *c, const char *child, Date on)
{
    const VTable *e = vt(c, T903_EPISODES);
    int g = vt_group(e, child);
    for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++) {
        int row = vt_group_row(e, g, i);
        Date start = vt_date(e, row, E_DECOM), end = vt_date(e, row, E_DEC);
        if (start != DATE_NONE && start <= on && (end == DATE_NONE || end >= on)) return row;
    }
    return -1;
}

/* The first row of group g of tab with a valid date in start_col (rows are
 * in date order), or -1. */
static int first_dated_row(const VTable *tab, int g, int start_col)
{
    int n = g < 0 ? 0 : vt_group_size(tab, g);
    for (int i = 0; i < n; i++)
        if (vt_date(tab, vt_group_row(tab, g, i), start_col) != DATE_NONE)
            return vt_group_row(tab, g, i);
    return -1;
}

/* Rules 576, 706: for each open period in last year's return, this year's
 * first period ("at the start of this year") starts the same day — as the
 * DfE's condition for 706 reads: "a DoLO must be present in this year's
 * collection and the first DoLO's DOLO_START must be the same" (which looks
 * at last year's latest period only; the text, "an open period in last
 * year's return", at any). Last year's open period fails, and this year's
 * first period, when there is one, is marked beside it. */
static void carried_over(VCtx *c, const VCheck *k)
{
    Ssda903TableId t = k->table;
    int start_col = k->col;
    int end_col = k->other_col;
    const VTable *last = &c->r->last[t], *cur = vt(c, t);
    for (int row = 0; row < last->n_rows; row++) {
        if (vt_date(last, row, start_col) == DATE_NONE || !vt_blank(last, row, end_col)) continue;
        int first = first_dated_row(cur, vt_group(cur, vt_cell(last, row, 0)), start_col);
        if (first >= 0 && vt_date(cur, first, start_col) == vt_date(last, row, start_col)) continue;
        vctx_fail_last(c, t, row);
        vctx_fail_partner(c, t, false, first);
    }
}

/* DfE 903 rule 575: an open missing period that started in a placement which
 * has since ended; that placement's episode is marked beside it (not the
 * child's other episodes). */
static void r575(VCtx *c)
{
    const VTable *m = vt(c, T903_MISSING), *e = vt(c, T903_EPISODES);
    for (int row = 0; row < m->n_rows; row++) {
        Date start = vt_date(m, row, M_MIS_START);
        if (start == DATE_NONE || !vt_blank(m, row, M_MIS_END)) continue;
        int ep = episode_on(c, vt_cell(m, row, M_CHILD), start);
        if (ep >= 0 && vt_date(e, ep, E_DEC) != DATE_NONE) {
            vctx_fail(c, T903_MISSING, row);
            vctx_fail_partner(c, T903_EPISODES, false, ep);
        }
    }
}

/* True when episode i of group g of Episodes ends the child's care: it has
 * an end date and a reason other than X1 (the latest episode without a reason
 * counts too, as vctx_left_care reads it). */
static bool ends_care(const VTable *e, int g, int i)
{
    int row = vt_group_row(e, g, i);
    if (vt_date(e, row, E_DEC) == DATE_NONE || vt_is(e, row, E_REC, "X1")) return false;
    return !vt_blank(e, row, E_REC) || i == vt_group_size(e, g) - 1;
}

/* DfE 903 rule 578: no missing period starts after the child ceased to be
 * looked after: after an episode that ended care and before the child's next
 * episode (if any) began, so a child who left care in the year and came back
 * is judged for the time between too. The episode where care ended is marked
 * beside it. A period starting the day care ended, or the day care began
 * again, passes. */
static void r578(VCtx *c)
{
    const VTable *m = vt(c, T903_MISSING), *e = vt(c, T903_EPISODES);
    for (int row = 0; row < m->n_rows; row++) {
        Date start = vt_date(m, row, M_MIS_START);
        int g = start == DATE_NONE ? -1 : vt_group(e, vt_cell(m, row, M_CHILD));
        int n = g < 0 ? 0 : vt_group_size(e, g);
        for (int i = 0; i < n; i++) {
            if (!ends_care(e, g, i) || vt_date(e, vt_group_row(e, g, i), E_DEC) >= start) continue;
            Date back = i + 1 < n ? vt_date(e, vt_group_row(e, g, i + 1), E_DECOM) : DATE_NONE;
            if (back != DATE_NONE && back <= start) continue;
            vctx_fail(c, T903_MISSING, row);
            vctx_fail_partner(c, T903_EPISODES, false, vt_group_row(e, g, i));
            break;
        }
    }
}

/* DfE 903 rule 580: a child missing on a day they ceased to be looked after
 * (a period started by then and open, or ending on or after that day: a
 * period that ends the day care ends, e.g. the 18th birthday, was still
 * running then) left for reason E8. Every episode of the year that ended care
 * is judged, not only the final one (a child may leave and come back); that
 * episode fails, with the missing period running that day beside it. */
static void r580(VCtx *c)
{
    const VTable *m = vt(c, T903_MISSING), *e = vt(c, T903_EPISODES);
    for (int row = 0; row < m->n_rows; row++) {
        Date start = vt_date(m, row, M_MIS_START), end = vt_date(m, row, M_MIS_END);
        int g = start == DATE_NONE ? -1 : vt_group(e, vt_cell(m, row, M_CHILD));
        for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++) {
            int ep = vt_group_row(e, g, i);
            if (!ends_care(e, g, i) || vt_is(e, ep, E_REC, "E8")) continue;
            Date left = vt_date(e, ep, E_DEC);
            if (start <= left &&
                (vt_blank(m, row, M_MIS_END) || (end != DATE_NONE && end >= left))) {
                vctx_fail(c, T903_EPISODES, ep);
                vctx_fail_partner(c, T903_MISSING, false, row);
            }
        }
    }
}

/* DfE 903 rule 581: no missing period starts before the child's first
 * episode (the first with a start date), which is marked beside it. */
static void r581(VCtx *c)
{
    const VTable *m = vt(c, T903_MISSING), *e = vt(c, T903_EPISODES);
    for (int row = 0; row < m->n_rows; row++) {
        Date start = vt_date(m, row, M_MIS_START);
        int g = vt_group(e, vt_cell(m, row, M_CHILD));
        if (start == DATE_NONE || g < 0) continue;
        for (int i = 0; i < vt_group_size(e, g); i++) {
            int ep = vt_group_row(e, g, i);
            Date first = vt_date(e, ep, E_DECOM);
            if (first == DATE_NONE) continue;
            if (start < first) {
                vctx_fail(c, T903_MISSING, row);
                vctx_fail_partner(c, T903_EPISODES, false, ep);
            }
            break;
        }
    }
}

/* DfE 903 rule 710: during a DoLO the child is not in a secure children's
 * home (K1), with parents (P1), in a young offender institution (R5) or in
 * supported accommodation (K3). DoLO rows with both dates (the DfE's
 * condition: "if DOLO_START and DOLO_END are present", as for 709; the
 * placement list is the condition's too) overlapping such an episode (an
 * open episode runs on) fail, with that episode. */
static void r710(VCtx *c)
{
    const VTable *d = vt(c, T903_DOLO), *e = vt(c, T903_EPISODES);
    for (int row = 0; row < d->n_rows; row++) {
        Date from = vt_date(d, row, DL_START), to = vt_date(d, row, DL_END);
        int g = vt_group(e, vt_cell(d, row, DL_CHILD));
        if (from == DATE_NONE || to == DATE_NONE || g < 0) continue;
        for (int i = 0; i < vt_group_size(e, g); i++) {
            int ep = vt_group_row(e, g, i);
            Date start = vt_date(e, ep, E_DECOM), end = vt_date(e, ep, E_DEC);
            if (start == DATE_NONE || !vt_in(e, ep, E_PLACE, "K1;P1;R5;K3")) continue;
            if (start <= to && (end == DATE_NONE || end >= from)) {
                vctx_fail(c, T903_DOLO, row);
                vctx_fail_partner(c, T903_EPISODES, false, ep);
                break;
            }
        }
    }
}

/* DfE 903 rule 709: during a DoLO (with both its dates) the child is in one of
 * the placements the DfE expects for a deprivation of liberty: K2 (children's
 * home) or Z12 or Z13. A DoLO row overlapping an episode in any other placement
 * (an open episode runs on) fails. */
static void r709(VCtx *c)
{
    const VTable *d = vt(c, T903_DOLO), *e = vt(c, T903_EPISODES);
    for (int row = 0; row < d->n_rows; row++) {
        Date from = vt_date(d, row, DL_START), to = vt_date(d, row, DL_END);
        int g = vt_group(e, vt_cell(d, row, DL_CHILD));
        if (from == DATE_NONE || to == DATE_NONE || g < 0) continue;
        for (int i = 0; i < vt_group_size(e, g); i++) {
            int ep = vt_group_row(e, g, i);
            Date start = vt_date(e, ep, E_DECOM), end = vt_date(e, ep, E_DEC);
            if (start == DATE_NONE || vt_in(e, ep, E_PLACE, "K2;Z12;Z13")) continue;
            if (start <= to && (end == DATE_NONE || end >= from)) {
                vctx_fail(c, T903_DOLO, row);
                vctx_fail_partner(c, T903_EPISODES, false, ep);
                break;
            }
        }
    }
}

const VRule vrules_missing[] = {
    {"564", 0, 0, "Missing", "MISSING;MIS_START",
     "Child was missing or away from placement without authorisation and the date started is "
     "blank.",
     NULL, .fn = r564},
    {"565", 0, 0, "Missing", "MISSING;MIS_START",
     "The date that the child started to be missing or away from placement without authorisation "
     "has been completed but whether the child was missing or away from placement without "
     "authorisation has not been completed.",
     NULL, .fn = r565},
    {"566", 0, 0, "Missing", "MISSING;MIS_END",
     "The date that the child's episode of being missing or away from placement without "
     "authorisation ended has been completed but whether the child was missing or away without "
     "authorisation has not been completed.",
     NULL, .fn = r566},
    /* DfE 903 rule 567 */
    {"567", 0, 0, "Missing", "MIS_START;MIS_END",
     "The date that the missing episode or episode that the child was away from placement without "
     "authorisation ended is before the date that it started.",
     NULL,
     .check = VCHECK_OF_FAMILY(ends_before_start, .table = T903_MISSING, .col = M_MIS_START,
                               .other_col = M_MIS_END)},
    /* DfE 903 rule 570 */
    {"570", 0, 0, "Missing", "MIS_START",
     "The date that the child started to be missing or away from placement without authorisation "
     "is after the end of the collection year.",
     NULL, .check = VCHECK_OF_FAMILY(after_year, .table = T903_MISSING, .col = M_MIS_START)},
    /* DfE 903 rule 571 */
    {"571", 0, 0, "Missing", "MIS_END",
     "The date that the child ceased to be missing or away from placement without authorisation is "
     "before the start or after the end of the collection year.",
     NULL, .check = VCHECK_OF_FAMILY(outside_year, .table = T903_MISSING, .col = M_MIS_END)},
    /* DfE 903 rule 574 */
    {"574", 0, 0, "Missing", "MIS_START;MIS_END",
     "A new missing/away from placement without authorisation period cannot start when the "
     "previous missing/away from placement without authorisation period is still open. "
     "Missing/away from placement without authorisation periods should also not overlap.",
     NULL,
     .check = VCHECK_OF_FAMILY(overlapping, .table = T903_MISSING, .col = M_MIS_START,
                               .other_col = M_MIS_END)},
    /* DfE 903 rule 577 */
    {"577", 0, 0, "Episodes;Missing", "MIS_END",
     "Child ceased to be looked after but there is a missing/away from placement without "
     "authorisation period without an end date.",
     NULL,
     .check = VCHECK_OF_FAMILY(open_after_care, .table = T903_MISSING, .col = M_MIS_START,
                               .other_col = M_MIS_END),
     .marks_own_rows = true},
    /* DfE 903 rule 586 */
    {"586", 0, 0, "Missing", "MIS_START",
     "Dates of missing periods are before child’s date of birth.", NULL,
     .check = VCHECK_OF_FAMILY(before_birth, .table = T903_MISSING, .col = M_MIS_START)},
    /* DfE 903 rule 1004: a blank start is not a valid date either (the start of
     * a period is required, as DECOM's 141 and DOLO_START's 700; the DfE's
     * condition flags a missing or invalid MIS_START). */
    {"1004", 0, 0, "Missing", "MIS_START",
     "The start date of the missing episode or episode that the child was away from placement "
     "without authorisation is not a valid date.",
     NULL, .check = VCHECK_DATE_REQUIRED(T903_MISSING, M_MIS_START)},
    /* DfE 903 rule 1005 */
    {"1005", 0, 0, "Missing", "MIS_END",
     "The end date of the missing episode or episode that the child was away from placement "
     "without authorisation is not a valid date.",
     NULL, .check = VCHECK_DATE_OR_BLANK(T903_MISSING, M_MIS_END)},
    /* DfE 903 rule 1006 */
    {"1006", 0, 0, "Missing", "MISSING", "Missing type invalid.", NULL,
     .check = VCHECK_CODE_OR_BLANK(T903_MISSING, M_MISSING)},
    /* DfE 903 rule 700 */
    {"700", 0, 0, "DoLo", "DOLO_START", "The start date of the DoLO is not a valid date.", NULL,
     .check = VCHECK_DATE_REQUIRED(T903_DOLO, DL_START)},
    /* DfE 903 rule 701 */
    {"701", 0, 0, "DoLo", "DOLO_END", "The end date of the DoLO is not a valid date.", NULL,
     .check = VCHECK_DATE_OR_BLANK(T903_DOLO, DL_END)},
    /* DfE 903 rule 702 */
    {"702", 0, 0, "DoLo", "DOLO_START;DOLO_END",
     "The date that the DoLO ended is before the date that it started.", NULL,
     .check = VCHECK_OF_FAMILY(ends_before_start, .table = T903_DOLO, .col = DL_START,
                               .other_col = DL_END)},
    /* DfE 903 rule 703 */
    {"703", 0, 0, "DoLo", "DOLO_START",
     "The date that the DoLO started is after the end of the collection year.", NULL,
     .check = VCHECK_OF_FAMILY(after_year, .table = T903_DOLO, .col = DL_START)},
    /* DfE 903 rule 704 */
    {"704", 0, 0, "DoLo", "DOLO_END",
     "The date that the DoLO ended is before the start or after the end of the collection year.",
     NULL, .check = VCHECK_OF_FAMILY(outside_year, .table = T903_DOLO, .col = DL_END)},
    /* DfE 903 rule 705: only a previous DoLO that is still open (no end date)
     * — the text, unlike 574's, says nothing of overlaps, and the DfE's
     * condition asks only that the previous DOLO_END is not null. */
    {"705", 0, 0, "DoLo", "DOLO_START;DOLO_END",
     "A DoLO cannot start when the previous DoLO is still open.", NULL,
     .check = VCHECK_OF_FAMILY(overlapping, .table = T903_DOLO, .col = DL_START,
                               .other_col = DL_END, .option = true)},
    /* DfE 903 rule 707 */
    {"707", 0, 0, "DoLo;Episodes", "DOLO_END",
     "Child ceased to be looked after but there is a DoLO without an end date.", NULL,
     .check = VCHECK_OF_FAMILY(open_after_care, .table = T903_DOLO, .col = DL_START,
                               .other_col = DL_END),
     .marks_own_rows = true},
    /* DfE 903 rule 708 */
    {"708", 0, 0, "DoLo", "DOLO_START", "Dates of DoLOs are before child’s date of birth.", NULL,
     .check = VCHECK_OF_FAMILY(before_birth, .table = T903_DOLO, .col = DL_START)},
    /* DfE 903 rule 575 */
    {"575", 0, 0, "Episodes;Missing", "MIS_END",
     "If the placement from which the child goes missing/away from placement without "
     "authorisation ends, the missing/away from placement without authorisation period in the "
     "missing module must also have an end date.",
     NULL, .fn = r575, .marks_own_rows = true},
    /* DfE 903 rule 576 */
    {"576", 0, 0, "Missing;Missing_last", "CHILD",
     "There is an open missing/away from placement without authorisation period in last year’s "
     "return and there is no corresponding period recorded at the start of this year.",
     NULL,
     .check = VCHECK_OF_FAMILY(carried_over, .table = T903_MISSING, .col = M_MIS_START,
                               .other_col = M_MIS_END),
     .marks_own_rows = true},
    /* DfE 903 rule 578 */
    {"578", 0, 0, "Episodes;Missing", "MIS_START",
     "The date that the child started to be missing is after the child ceased to be looked after.",
     NULL, .fn = r578, .marks_own_rows = true},
    /* DfE 903 rule 580 */
    {"580", 0, 0, "Episodes;Missing", "REC",
     "Child is missing when cease being looked after but reason episode ceased not ‘E8’.", NULL,
     .fn = r580, .marks_own_rows = true},
    /* DfE 903 rule 581 */
    {"581", 0, 0, "Episodes;Missing", "MIS_START",
     "Child is missing but has not yet started to be looked after.", NULL, .fn = r581,
     .marks_own_rows = true},
    /* DfE 903 rule 706 */
    {"706", 0, 0, "DoLo;DoLo_last", "DOLO_START",
     "There is an open DoLO in last year’s return and there is no corresponding DoLO recorded at "
     "the start of this year..",
     NULL,
     .check =
         VCHECK_OF_FAMILY(carried_over, .table = T903_DOLO, .col = DL_START, .other_col = DL_END),
     .marks_own_rows = true},
    {"709", 0, 0, "DoLo;Episodes", "DOLO_START;PLACEMENT",
     "Child with a DoLO is in an unexpected placement type.", NULL, .fn = r709},
    {"710", 0, 0, "DoLo;Episodes", "DOLO_START;PLACEMENT",
     "Child with a DoLO can not be placed in secure children's homes, with parents, young offender "
     "institutions, or supported accommodation.",
     NULL, .fn = r710},
};
const int vrules_missing_n = VRULES_COUNT(vrules_missing);
