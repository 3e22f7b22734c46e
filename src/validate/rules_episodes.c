/* rules_episodes: the DfE 903 rules on the Episodes table alone — code and date
 * validity, the order and continuity of a child's episodes, the legal statuses
 * that may last only days, and placement provider consistency. Each rule
 * carries its DfE code; descriptions are the DfE's. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#define LS_CODES    "C1;C2;D1;E1;V2;V3;V4;J1;J2;J3;L1;L2;L3"
#define TEMP_PLACES "T0;T1;T2;T3;T4"

static const VTable *episodes(const VCtx *c)
{
    return vt(c, T903_EPISODES);
}

/* DfE 903 rule 141 */
static void r141(VCtx *c)
{
    vcheck_date(c, T903_EPISODES, E_DECOM, true);
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

/* DfE 903 rule 143 */
static void r143(VCtx *c)
{
    vcheck_code(c, T903_EPISODES, E_RNE, "S;P;L;T;U;B", false);
}

/* DfE 903 rule 144 */
static void r144(VCtx *c)
{
    vcheck_code(c, T903_EPISODES, E_LS, LS_CODES, false);
}

/* DfE 903 rule 145 */
static void r145(VCtx *c)
{
    vcheck_code(c, T903_EPISODES, E_CIN, "N1;N2;N3;N4;N5;N6;N7;N8", false);
}

/* DfE 903 rule 146 (to 2024/25: H5, P2 and Z1 valid) */
static void r146_old(VCtx *c)
{
    vcheck_code(c, T903_EPISODES, E_PLACE,
                "A3;A4;A5;A6;H5;K1;K2;P1;P2;P3;R1;R2;R3;R5;S1;T0;T1;T2;T3;T4;U1;U2;U3;U4;U5;U6;Z1",
                true);
}

/* DfE 903 rule 146 (from 2025/26: K3 replaces H5; Z11-Z14 replace Z1; no P2) */
static void r146(VCtx *c)
{
    vcheck_code(c, T903_EPISODES, E_PLACE,
                "A3;A4;A5;A6;K1;K2;K3;P1;P3;R1;R2;R3;R5;S1;T0;T1;T2;T3;T4;U1;U2;U3;U4;U5;U6;Z11;"
                "Z12;Z13;Z14",
                true);
}

/* DfE 903 rule 147 */
static void r147(VCtx *c)
{
    vcheck_date(c, T903_EPISODES, E_DEC, false);
}

/* DfE 903 rule 148 */
static void r148(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_blank(e, row, E_DEC) != vt_blank(e, row, E_REC)) vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 149 */
static void r149(VCtx *c)
{
    vcheck_code(c, T903_EPISODES, E_REC,
                "E11;E12;E2;E3;E4A;E4B;E13;E41;E45;E46;E47;E48;E5;E6;E7;E8;E9;E14;E15;E16;E17;X1",
                true);
}

/* DfE 903 rule 178 */
static void r178(VCtx *c)
{
    vcheck_code(c, T903_EPISODES, E_PLACE_PROVIDER, "PR0;PR1;PR2;PR3;PR4;PR5", true);
}

/* DfE 903 rule 226: temporary placements need no reason for placement change. */
static void r226(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_in(e, row, E_PLACE, TEMP_PLACES) && !vt_blank(e, row, E_REASON_PLACE_CHANGE))
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

/* Fails rows whose date col is before `limit`, or after it when after is set. */
static void date_bound(VCtx *c, int col, Date limit, bool after)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        Date d = vt_date(e, row, col);
        if (d != DATE_NONE && (after ? d > limit : d < limit)) vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 353 */
static void r353(VCtx *c)
{
    date_bound(c, E_DECOM, date_from_ymd(1991, 10, 14), false);
}

/* DfE 903 rule 354: the episode must start within or before the collection year. */
static void r354(VCtx *c)
{
    date_bound(c, E_DECOM, c->end, true);
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

/* Rules 361-364: an unbroken run of a child's episodes under legal status ls
 * (each starting the day the last ended; an open episode runs to the end of
 * the year) must last at most max_days. Every episode of a longer run fails. */
static void status_limit(VCtx *c, const char *ls, int max_days)
{
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

/* DfE 903 rule 361: police protection (L1) at most 72 hours. */
static void r361(VCtx *c)
{
    status_limit(c, "L1", 3);
}

/* DfE 903 rule 362: emergency protection order (L2) at most 21 days. */
static void r362(VCtx *c)
{
    status_limit(c, "L2", 21);
}

/* DfE 903 rule 363: child assessment order (L3) at most 7 days. */
static void r363(VCtx *c)
{
    status_limit(c, "L3", 7);
}

/* DfE 903 rule 364: detained under PACE in LA accommodation (J2) at most 21 days. */
static void r364(VCtx *c)
{
    status_limit(c, "J2", 21);
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

/* DfE 903 rule 385 */
static void r385(VCtx *c)
{
    date_bound(c, E_DEC, c->end, true);
}

/* DfE 903 rule 446: E1 (placement order) exists from 30 December 2005. */
static void r446(VCtx *c)
{
    const VTable *e = episodes(c);
    Date from = date_from_ymd(2005, 12, 30);
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
static void provider_excludes(VCtx *c, const char *provider, const char *places)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_is(e, row, E_PLACE_PROVIDER, provider) && vt_in(e, row, E_PLACE, places))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 527 */
static void r527(VCtx *c)
{
    provider_excludes(c, "PR1", "P1;R2;R5");
}

/* DfE 903 rule 528 */
static void r528(VCtx *c)
{
    provider_excludes(c, "PR2", "P1;R2;R5");
}

/* DfE 903 rule 529 */
static void r529(VCtx *c)
{
    provider_excludes(c, "PR3", "P1;A3;A4;A5;A6;K1;K2;U1;U2;U3;U4;U5;U6");
}

/* DfE 903 rule 530 */
static void r530(VCtx *c)
{
    provider_excludes(c, "PR4", "P1");
}

/* DfE 903 rule 531 */
static void r531(VCtx *c)
{
    provider_excludes(c, "PR5", "P1");
}

/* DfE 903 rule 550: PR0 (the child's parent) only with P1. */
static void r550(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_is(e, row, E_PLACE_PROVIDER, "PR0") && !vt_blank(e, row, E_PLACE) &&
            !vt_is(e, row, E_PLACE, "P1"))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 1009 */
static void r1009(VCtx *c)
{
    vcheck_code(c, T903_EPISODES, E_REASON_PLACE_CHANGE,
                "CARPL;CLOSE;ALLEG;STAND;APPRR;CREQB;CREQO;CHILD;LAREQ;PLACE;CUSTOD;OTHER", true);
}

const VRule vrules_episodes[] = {
    {"146", 0, 2025, "Episodes", "PLACE", "Placement type code is not a valid code.", NULL,
     r146_old},
    {"141", 0, 0, "Episodes", "DECOM", "Date episode began is not a valid date.", NULL, r141},
    {"142", 0, 0, "Episodes", "DEC;REC",
     "A new episode has started, but the previous episode has not ended.", NULL, r142},
    {"143", 0, 0, "Episodes", "RNE", "The reason for new episode code is not a valid code.", NULL,
     r143},
    {"144", 0, 0, "Episodes", "LS", "The legal status code is not a valid code.", NULL, r144},
    {"145", 0, 0, "Episodes", "CIN", "Category of need code is not a valid code.", NULL, r145},
    {"146", 2026, 0, "Episodes", "PLACE", "Placement type code is not a valid code.", NULL, r146},
    {"147", 0, 0, "Episodes", "DEC", "Date episode ceased is not a valid date.", NULL, r147},
    {"148", 0, 0, "Episodes", "DEC;REC",
     "Date episode ceased and reason episode ceased must both be coded, or both left blank.", NULL,
     r148},
    {"149", 0, 0, "Episodes", "REC", "Reason episode ceased code is not valid.", NULL, r149},
    {"178", 0, 0, "Episodes", "PLACE_PROVIDER", "Placement provider code is not a valid code.",
     NULL, r178},
    {"226", 0, 0, "Episodes", "REASON_PLACE_CHANGE;PLACE",
     "Reason for placement change is not required for temporary placements.", NULL, r226},
    {"233", 2026, 0, "Episodes", "REASON_PLACE_CHANGE;REASON_PLACE_CHANGE",
     "Reason for placement change is not required when the episode has not ceased.", NULL, r233},
    {"353", 0, 0, "Episodes", "DECOM", "No episode submitted can start before 14 October 1991.",
     NULL, r353},
    {"354", 0, 0, "Episodes", "DECOM",
     "Date episode ceased must be on or before the end of the current collection year.", NULL,
     r354},
    {"355", 0, 0, "Episodes", "DECOM;DEC", "Episode appears to have lasted for less than 24 hours",
     NULL, r355},
    {"356", 0, 0, "Episodes", "DECOM",
     "The date the episode ceased is before the date the same episode started.", NULL, r356},
    {"361", 0, 0, "Episodes", "DECOM;LS;DEC",
     "Police protection legal status lasted longer than maximum 72 hours allowed in the Children "
     "Act 1989.",
     NULL, r361},
    {"362", 0, 0, "Episodes", "DECOM;LS;DEC",
     "Emergency protection order (EPO) lasted longer than 21 days", NULL, r362},
    {"363", 0, 0, "Episodes", "LS;DECOM;DEC",
     "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.",
     NULL, r363},
    {"364", 0, 0, "Episodes", "LS;DECOM;DEC",
     "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child "
     "can be detained in custody in Local Authority (LA) accommodation.",
     NULL, r364},
    {"365", 0, 0, "Episodes", "LS;DECOM;DEC",
     "Any individual short- term respite placement must not exceed 17 days.", NULL, r365},
    {"385", 0, 0, "Episodes", "DEC",
     "Date episode ceased must be on or before the end of the current collection year.", NULL,
     r385},
    {"446", 0, 0, "Episodes", "LS;DECOM",
     "E1 is not a valid code for episodes starting before December 2005.", NULL, r446},
    {"501", 0, 0, "Episodes", "DECOM;DEC",
     "A new episode has started before the end date of the previous episode.", NULL, r501},
    {"527", 0, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.", NULL,
     r527},
    {"528", 0, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.", NULL,
     r528},
    {"529", 0, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and "
     "U1 to U6 as these placements cannot be provided by other public organisations.",
     NULL, r529},
    {"530", 0, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR4 cannot be associated with placement P1.", NULL, r530},
    {"531", 0, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR5 cannot be associated with placements P1.", NULL, r531},
    {"550", 0, 0, "Episodes", "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR0 can only be associated with placement P1.", NULL, r550},
    {"1009", 0, 0, "Episodes", "REASON_PLACE_CHANGE",
     "Reason for placement change is not a valid code.", NULL, r1009},
};
const int vrules_episodes_n = VRULES_COUNT(vrules_episodes);
