/* rules_missing: the DfE 903 rules on missing / away-from-placement periods
 * (Missing) and on deprivation of liberty orders (DoLo, from 2026/27): valid
 * dates, periods within the year, no overlapping or open periods, and none
 * left open when care ends. Each rule carries its DfE code. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

/* Fails rows whose end col is before their start col. */
static void ends_before_start(VCtx *c, Ssda903TableId t, int start_col, int end_col)
{
    const VTable *tab = vt(c, t);
    for (int row = 0; row < tab->n_rows; row++) {
        Date s = vt_date(tab, row, start_col), e = vt_date(tab, row, end_col);
        if (s != DATE_NONE && e != DATE_NONE && e < s) vctx_fail(c, t, row);
    }
}

/* Fails rows whose date col is after the collection year. */
static void after_year(VCtx *c, Ssda903TableId t, int col)
{
    const VTable *tab = vt(c, t);
    for (int row = 0; row < tab->n_rows; row++) {
        Date d = vt_date(tab, row, col);
        if (d != DATE_NONE && d > c->end) vctx_fail(c, t, row);
    }
}

/* Fails rows whose date col is outside the collection year. */
static void outside_year(VCtx *c, Ssda903TableId t, int col)
{
    const VTable *tab = vt(c, t);
    for (int row = 0; row < tab->n_rows; row++) {
        Date d = vt_date(tab, row, col);
        if (d != DATE_NONE && (d < c->start || d > c->end)) vctx_fail(c, t, row);
    }
}

/* A child's periods (in start order) must not start while the previous one is
 * open or before it ended. Fails the later period. */
static void overlapping(VCtx *c, Ssda903TableId t, int start_col, int end_col)
{
    const VTable *tab = vt(c, t);
    for (int g = 0; g < tab->n_groups; g++) {
        int n = vt_group_size(tab, g);
        for (int i = 1; i < n; i++) {
            int prev = vt_group_row(tab, g, i - 1), row = vt_group_row(tab, g, i);
            Date start = vt_date(tab, row, start_col), prev_start = vt_date(tab, prev, start_col);
            Date prev_end = vt_date(tab, prev, end_col);
            if (start == DATE_NONE || prev_start == DATE_NONE) continue;
            if (prev_end == DATE_NONE || start < prev_end) vctx_fail(c, t, row);
        }
    }
}

/* Fails rows whose date col is before the child's DOB in the same table. */
static void before_birth(VCtx *c, Ssda903TableId t, int col)
{
    const VTable *tab = vt(c, t);
    for (int row = 0; row < tab->n_rows; row++) {
        Date d = vt_date(tab, row, col), dob = vt_date(tab, row, 1);
        if (d != DATE_NONE && dob != DATE_NONE && d < dob) vctx_fail(c, t, row);
    }
}

/* True when the child's latest episode (by start date) has ended. */
static bool ceased_care(const VCtx *c, const char *child)
{
    const VTable *e = vt(c, T903_EPISODES);
    int g = vt_group(e, child);
    if (g < 0) return false;
    int row = vt_group_row(e, g, vt_group_size(e, g) - 1);
    return vt_date(e, row, E_DEC) != DATE_NONE && !vt_is(e, row, E_REC, "X1");
}

/* Fails rows with an open period (end blank) of a child who has left care. */
static void open_after_care(VCtx *c, Ssda903TableId t, int start_col, int end_col)
{
    const VTable *tab = vt(c, t);
    for (int row = 0; row < tab->n_rows; row++)
        if (!vt_blank(tab, row, start_col) && vt_blank(tab, row, end_col) &&
            ceased_care(c, vt_cell(tab, row, 0)))
            vctx_fail(c, t, row);
}

/* DfE 903 rule 564 */
static void r564(VCtx *c)
{
    const VTable *m = vt(c, T903_MISSING);
    for (int row = 0; row < m->n_rows; row++)
        if (!vt_blank(m, row, M_MISSING) && vt_blank(m, row, M_MIS_START))
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

/* DfE 903 rule 567 */
static void r567(VCtx *c)
{
    ends_before_start(c, T903_MISSING, M_MIS_START, M_MIS_END);
}

/* DfE 903 rule 570 */
static void r570(VCtx *c)
{
    after_year(c, T903_MISSING, M_MIS_START);
}

/* DfE 903 rule 571 */
static void r571(VCtx *c)
{
    outside_year(c, T903_MISSING, M_MIS_END);
}

/* DfE 903 rule 574 */
static void r574(VCtx *c)
{
    overlapping(c, T903_MISSING, M_MIS_START, M_MIS_END);
}

/* DfE 903 rule 577 */
static void r577(VCtx *c)
{
    open_after_care(c, T903_MISSING, M_MIS_START, M_MIS_END);
}

/* DfE 903 rule 586 */
static void r586(VCtx *c)
{
    before_birth(c, T903_MISSING, M_MIS_START);
}

/* DfE 903 rule 1004 */
static void r1004(VCtx *c)
{
    vcheck_date(c, T903_MISSING, M_MIS_START, false);
}

/* DfE 903 rule 1005 */
static void r1005(VCtx *c)
{
    vcheck_date(c, T903_MISSING, M_MIS_END, false);
}

/* DfE 903 rule 1006 */
static void r1006(VCtx *c)
{
    vcheck_code(c, T903_MISSING, M_MISSING, "M;A", true);
}

/* DfE 903 rule 700 */
static void r700(VCtx *c)
{
    vcheck_date(c, T903_DOLO, DL_START, true);
}

/* DfE 903 rule 701 */
static void r701(VCtx *c)
{
    vcheck_date(c, T903_DOLO, DL_END, false);
}

/* DfE 903 rule 702 */
static void r702(VCtx *c)
{
    ends_before_start(c, T903_DOLO, DL_START, DL_END);
}

/* DfE 903 rule 703 */
static void r703(VCtx *c)
{
    after_year(c, T903_DOLO, DL_START);
}

/* DfE 903 rule 704 */
static void r704(VCtx *c)
{
    outside_year(c, T903_DOLO, DL_END);
}

/* DfE 903 rule 705 */
static void r705(VCtx *c)
{
    overlapping(c, T903_DOLO, DL_START, DL_END);
}

/* DfE 903 rule 707 */
static void r707(VCtx *c)
{
    open_after_care(c, T903_DOLO, DL_START, DL_END);
}

/* DfE 903 rule 708 */
static void r708(VCtx *c)
{
    before_birth(c, T903_DOLO, DL_START);
}

const VRule vrules_missing[] = {
    {"564", 0, 0, "Missing", "MISSING;MIS_START",
     "Child was missing or away from placement without authorisation and the date started is "
     "blank.",
     NULL, r564},
    {"565", 0, 0, "Missing", "MISSING;MIS_START",
     "The date that the child started to be missing or away from placement without authorisation "
     "has been completed but whether the child was missing or away from placement without "
     "authorisation has not been completed.",
     NULL, r565},
    {"566", 0, 0, "Missing", "MISSING;MIS_END",
     "The date that the child's episode of being missing or away from placement without "
     "authorisation ended has been completed but whether the child was missing or away without "
     "authorisation has not been completed.",
     NULL, r566},
    {"567", 0, 0, "Missing", "MIS_START;MIS_END",
     "The date that the missing episode or episode that the child was away from placement without "
     "authorisation ended is before the date that it started.",
     NULL, r567},
    {"570", 0, 0, "Missing", "MIS_START",
     "The date that the child started to be missing or away from placement without authorisation "
     "is after the end of the collection year.",
     NULL, r570},
    {"571", 0, 0, "Missing", "MIS_END",
     "The date that the child ceased to be missing or away from placement without authorisation is "
     "before the start or after the end of the collection year.",
     NULL, r571},
    {"574", 0, 0, "Missing", "MIS_START;MIS_END",
     "A new missing/away from placement without authorisation period cannot start when the "
     "previous missing/away from placement without authorisation period is still open. "
     "Missing/away from placement without authorisation periods should also not overlap.",
     NULL, r574},
    {"577", 0, 0, "Episodes;Missing", "MIS_END",
     "Child ceased to be looked after but there is a missing/away from placement without "
     "authorisation period without an end date.",
     NULL, r577},
    {"586", 0, 0, "Missing", "MIS_START",
     "Dates of missing periods are before child’s date of birth.", NULL, r586},
    {"1004", 0, 0, "Missing", "MIS_START",
     "The start date of the missing episode or episode that the child was away from placement "
     "without authorisation is not a valid date.",
     NULL, r1004},
    {"1005", 0, 0, "Missing", "MIS_END",
     "The end date of the missing episode or episode that the child was away from placement "
     "without authorisation is not a valid date.",
     NULL, r1005},
    {"1006", 0, 0, "Missing", "MISSING", "Missing type invalid.", NULL, r1006},
    {"700", 2027, 0, "DoLo", "DOLO_START", "The start date of the DoLO is not a valid date.", NULL,
     r700},
    {"701", 2027, 0, "DoLo", "DOLO_END", "The end date of the DoLO is not a valid date.", NULL,
     r701},
    {"702", 2027, 0, "DoLo", "DOLO_START;DOLO_END",
     "The date that the DoLO ended is before the date that it started.", NULL, r702},
    {"703", 2027, 0, "DoLo", "DOLO_START",
     "The date that the DoLO started is after the end of the collection year.", NULL, r703},
    {"704", 2027, 0, "DoLo", "DOLO_END",
     "The date that the DoLO ended is before the start or after the end of the collection year.",
     NULL, r704},
    {"705", 2027, 0, "DoLo", "DOLO_START;DOLO_END",
     "A DoLO cannot start when the previous DoLO is still open.", NULL, r705},
    {"707", 2027, 0, "DoLo;Episodes", "DOLO_END",
     "Child ceased to be looked after but there is a DoLO without an end date.", NULL, r707},
    {"708", 2027, 0, "DoLo", "DOLO_START", "Dates of DoLOs are before child’s date of birth.", NULL,
     r708},
};
const int vrules_missing_n = VRULES_COUNT(vrules_missing);
