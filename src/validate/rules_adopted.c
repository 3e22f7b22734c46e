/* rules_adopted: the DfE 903 rules setting adoption (AD1), decisions to place
 * for adoption (PlacedAdoption) and previous permanence (PrevPerm) against the
 * child's episodes and last year's return: decisions within the child's time in
 * care, placements for adoption backed by a decision and an order, adoption
 * details for every adoption and only for adoptions. Each rule carries its DfE
 * code; descriptions are the DfE's. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#define ADOPTION_PLACES "A3;A4;A5;A6"
#define ADOPTED         "E11;E12"

static const VTable *episodes(const VCtx *c)
{
    return vt(c, T903_EPISODES);
}

static const VTable *placed(const VCtx *c)
{
    return vt(c, T903_PLACED_ADOPTION);
}

/* The child's latest PlacedAdoption row by date of decision, or -1. */
static int latest_decision(const VCtx *c, const char *child)
{
    const VTable *p = placed(c);
    int g = vt_group(p, child);
    return g < 0 ? -1 : vt_group_row(p, g, vt_group_size(p, g) - 1);
}

/* The start of the latest run of the child's episodes in list (consecutive,
 * each starting the day the previous ended); sets *first to its first episode.
 * DATE_NONE when the child has no such episode. */
static Date latest_run_start(const VCtx *c, const char *child, int col, const char *list,
                             int *first)
{
    const VTable *e = episodes(c);
    int g = vt_group(e, child);
    *first = -1;
    if (g < 0) return DATE_NONE;
    int i = vt_group_size(e, g) - 1;
    while (i >= 0 && !vt_in(e, vt_group_row(e, g, i), col, list)) i--;
    if (i < 0) return DATE_NONE;
    while (i > 0) {
        int prev = vt_group_row(e, g, i - 1), row = vt_group_row(e, g, i);
        if (!vt_in(e, prev, col, list) || vt_date(e, prev, E_DEC) != vt_date(e, row, E_DECOM))
            break;
        i--;
    }
    *first = vt_group_row(e, g, i);
    return vt_date(e, *first, E_DECOM);
}

/* The start of the child's latest period of care (latest episode with RNE S),
 * or DATE_NONE. */
static Date period_start(const VCtx *c, const char *child)
{
    const VTable *e = episodes(c);
    int g = vt_group(e, child);
    for (int i = g < 0 ? -1 : vt_group_size(e, g) - 1; i >= 0; i--) {
        int row = vt_group_row(e, g, i);
        if (vt_is(e, row, E_RNE, "S") && vt_date(e, row, E_DECOM) != DATE_NONE)
            return vt_date(e, row, E_DECOM);
    }
    return DATE_NONE;
}

/* The start of the child's latest period of care as period_start, but when no
 * episode this year starts one and the stored history is there (validate
 * --db), the latest episode with RNE S in the history; DATE_NONE when neither
 * shows one. */
static Date period_start_history(const VCtx *c, const char *child)
{
    Date start = period_start(c, child);
    const VTable *h = vctx_history(c);
    int g = h && start == DATE_NONE ? vt_group(h, child) : -1;
    for (int i = g < 0 ? -1 : vt_group_size(h, g) - 1; i >= 0; i--) {
        int row = vt_group_row(h, g, i);
        if (vt_is(h, row, E_RNE, "S") && vt_date(h, row, E_DECOM) != DATE_NONE)
            return vt_date(h, row, E_DECOM);
    }
    return start;
}

/* The child's episode ending in adoption (E11, E12), or -1. */
static int adoption_episode(const VCtx *c, const char *child)
{
    const VTable *e = episodes(c);
    int g = vt_group(e, child);
    for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++)
        if (vt_in(e, vt_group_row(e, g, i), E_REC, ADOPTED)) return vt_group_row(e, g, i);
    return -1;
}

/* DfE 903 rule 117: decisions to place (and to stop) are by 31 March and by
 * the day the child left care. A date after the child left care fails with
 * the final episode it was compared with; a date beyond 31 March alone names
 * no episode (the rule marks its own rows). */
static void r117(VCtx *c)
{
    const VTable *p = placed(c), *e = episodes(c);
    for (int row = 0; row < p->n_rows; row++) {
        Date dp = vt_date(p, row, PA_DATE_PLACED), dc = vt_date(p, row, PA_DATE_PLACED_CEASED);
        Date latest = dp > dc ? dp : dc;
        if (latest == DATE_NONE) continue;
        int ep = vctx_left_care(c, vt_cell(p, row, PA_CHILD));
        if (latest > c->end) vctx_fail(c, T903_PLACED_ADOPTION, row);
        if (ep >= 0 && latest > vt_date(e, ep, E_DEC)) {
            vctx_fail(c, T903_PLACED_ADOPTION, row);
            vctx_fail(c, T903_EPISODES, ep);
        }
    }
}

/* DfE 903 rule 118: a decision that the child should no longer be placed is
 * in the collection year and not before the child's first episode this year
 * (short breaks aside). A date before that episode fails with it; a date
 * before 1 April alone names no episode (the rule marks its own rows). */
static void r118(VCtx *c)
{
    const VTable *p = placed(c), *e = episodes(c);
    for (int row = 0; row < p->n_rows; row++) {
        Date dc = vt_date(p, row, PA_DATE_PLACED_CEASED);
        if (dc == DATE_NONE) continue;
        if (dc < c->start) vctx_fail(c, T903_PLACED_ADOPTION, row);
        int g = vt_group(e, vt_cell(p, row, PA_CHILD));
        for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++) {
            int ep = vt_group_row(e, g, i);
            if (vt_date(e, ep, E_DECOM) == DATE_NONE || vt_in(e, ep, E_LS, "V3;V4")) continue;
            if (dc < vt_date(e, ep, E_DECOM)) {
                vctx_fail(c, T903_PLACED_ADOPTION, row);
                vctx_fail(c, T903_EPISODES, ep);
            }
            break;
        }
    }
}

/* Fails AD1 rows whose date col is after (later=true) or before the date
 * `when` returns for the child, and the episode it names. */
static void ad1_against(VCtx *c, int col, bool later,
                        Date (*when)(const VCtx *c, const char *child, int *ep))
{
    const VTable *a = vt(c, T903_AD1);
    for (int row = 0; row < a->n_rows; row++) {
        Date d = vt_date(a, row, col);
        int ep = -1;
        Date limit = d == DATE_NONE ? DATE_NONE : when(c, vt_cell(a, row, A_CHILD), &ep);
        if (limit == DATE_NONE || (later ? d <= limit : d >= limit)) continue;
        vctx_fail(c, T903_AD1, row);
        if (ep >= 0) vctx_fail(c, T903_EPISODES, ep);
    }
}

/* The day the child was placed for adoption: the start of the latest run of
 * A3-A6 placements. */
static Date placed_for_adoption(const VCtx *c, const char *child, int *ep)
{
    return latest_run_start(c, child, E_PLACE, ADOPTION_PLACES, ep);
}

/* The start of the latest period of care, with its episode. */
static Date started_care(const VCtx *c, const char *child, int *ep)
{
    const VTable *e = episodes(c);
    Date start = period_start(c, child);
    int g = vt_group(e, child);
    for (int i = 0; start != DATE_NONE && g >= 0 && i < vt_group_size(e, g); i++)
        if (vt_date(e, vt_group_row(e, g, i), E_DECOM) == start &&
            vt_is(e, vt_group_row(e, g, i), E_RNE, "S"))
            *ep = vt_group_row(e, g, i);
    return start;
}

/* DfE 903 rule 331: matched with adopters by the day placed for adoption. */
static void r331(VCtx *c)
{
    ad1_against(c, A_DATE_MATCH, true, placed_for_adoption);
}

/* The start of the latest period of care as started_care, but when no
 * episode this year starts one, from the stored history (validate --db; the
 * episode, of an earlier year, is not reported). */
static Date started_care_history(const VCtx *c, const char *child, int *ep)
{
    Date start = started_care(c, child, ep);
    return start != DATE_NONE ? start : period_start_history(c, child);
}

/* DfE 903 rule 334: the decision that adoption is in the child's best
 * interests is made during the latest period of care. With the stored
 * history (--db) also when that period began before this year, as it most
 * often has for a child adopted this year. */
static void r334(VCtx *c)
{
    ad1_against(c, A_DATE_INT, false, started_care_history);
}

/* True when episode i of group g of Episodes starts a placement in `places`
 * (for adoption: A3-A6), not continuing (same day) an episode also in them. */
static bool placement_starts(const VTable *e, int g, int i, const char *places)
{
    int row = vt_group_row(e, g, i);
    if (!vt_in(e, row, E_PLACE, places) || vt_date(e, row, E_DECOM) == DATE_NONE) return false;
    if (i == 0) return true;
    int prev = vt_group_row(e, g, i - 1);
    return !vt_in(e, prev, E_PLACE, places) || vt_date(e, prev, E_DEC) != vt_date(e, row, E_DECOM);
}

/* DfE 903 rule 521: that decision is made by the day placed for adoption —
 * for every placement for adoption of the year, earlier disrupted ones too, so
 * each episode starting a placement in A3-A6 before DATE_INT fails, with the
 * AD1 row. An episode continuing the placement (a change of legal status the
 * day the previous A3-A6 episode ended) is not the day the child was placed,
 * and is not named. */
static void r521(VCtx *c)
{
    const VTable *a = vt(c, T903_AD1), *e = episodes(c);
    for (int row = 0; row < a->n_rows; row++) {
        Date d = vt_date(a, row, A_DATE_INT);
        int g = d == DATE_NONE ? -1 : vt_group(e, vt_cell(a, row, A_CHILD));
        bool failed = false;
        for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++) {
            int ep = vt_group_row(e, g, i);
            if (!placement_starts(e, g, i, ADOPTION_PLACES) || d <= vt_date(e, ep, E_DECOM))
                continue;
            vctx_fail(c, T903_EPISODES, ep);
            failed = true;
        }
        if (failed) vctx_fail(c, T903_AD1, row);
    }
}

/* DfE 903 rule 335: adopted from a placement with current foster carers (A3,
 * A5) means FOSTER_CARE 1; from other adopters (A4, A6) means 0. */
static void r335(VCtx *c)
{
    const VTable *a = vt(c, T903_AD1), *e = episodes(c);
    for (int row = 0; row < a->n_rows; row++) {
        int ep = adoption_episode(c, vt_cell(a, row, A_CHILD));
        if (ep < 0) continue;
        if ((vt_in(e, ep, E_PLACE, "A3;A5") && vt_is(a, row, A_FOSTER_CARE, "0")) ||
            (vt_in(e, ep, E_PLACE, "A4;A6") && vt_is(a, row, A_FOSTER_CARE, "1"))) {
            vctx_fail(c, T903_AD1, row);
            vctx_fail(c, T903_EPISODES, ep);
        }
    }
}

/* DfE 903 rule 336: placed for adoption with current foster carers (A3, A5)
 * follows a foster placement (U1-U6) or another placement for adoption
 * (A3-A6: the child was already placed, and this episode continues it, as the
 * DfE's condition lists them); a period of care cannot start with it. */
static void r336(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        for (int i = 0; i < vt_group_size(e, g); i++) {
            int row = vt_group_row(e, g, i);
            if (!vt_in(e, row, E_PLACE, "A3;A5")) continue;
            if (vt_is(e, row, E_RNE, "S")) {
                vctx_fail(c, T903_EPISODES, row);
            } else if (i > 0) {
                int prev = vt_group_row(e, g, i - 1);
                if (!vt_in(e, prev, E_PLACE, "U1;U2;U3;U4;U5;U6;" ADOPTION_PLACES))
                    vctx_fail(c, T903_EPISODES, row);
            }
        }
    }
}

/* Carepledge's advisory on a 523 or 525 flag raised by a decision other
 * than the child's latest one. */
static const char earlier_decision_why[] =
    "the row is an earlier decision to place, superseded by a later decision in force, which the "
    "adoption details follow";

/* True when PlacedAdoption row is one of the child's earlier decisions and
 * the child's latest decision is in force (not ceased). */
static bool superseded(const VCtx *c, int row)
{
    const VTable *p = placed(c);
    int latest = latest_decision(c, vt_cell(p, row, PA_CHILD));
    return latest != row && vt_blank(p, latest, PA_DATE_PLACED_CEASED);
}

/* Fails AD1 row a and PlacedAdoption row pa, with the advisory when pa is a
 * superseded earlier decision. */
static void fail_decision_pair(VCtx *c, int a, int pa)
{
    if (superseded(c, pa)) {
        vctx_fail_advised(c, T903_AD1, a, earlier_decision_why);
        vctx_fail_advised(c, T903_PLACED_ADOPTION, pa, earlier_decision_why);
    } else {
        vctx_fail(c, T903_AD1, a);
        vctx_fail(c, T903_PLACED_ADOPTION, pa);
    }
}

/* DfE 903 rule 523: each decision to place (PlacedAdoption DATE_PLACED) is
 * dated as the decision that adoption is in the child's best interests (AD1
 * DATE_INT). The DfE compares every row of the child, so an earlier decision
 * fails too, with the advisory when a later one is in force. */
static void r523(VCtx *c)
{
    const VTable *a = vt(c, T903_AD1), *p = placed(c);
    for (int row = 0; row < a->n_rows; row++) {
        Date di = vt_date(a, row, A_DATE_INT);
        int g = di == DATE_NONE ? -1 : vt_group(p, vt_cell(a, row, A_CHILD));
        for (int i = 0; g >= 0 && i < vt_group_size(p, g); i++) {
            int pa = vt_group_row(p, g, i);
            Date dp = vt_date(p, pa, PA_DATE_PLACED);
            if (dp != DATE_NONE && dp != di) fail_decision_pair(c, row, pa);
        }
    }
}

/* DfE 903 rule 525: a reversed decision (DATE_PLACED_CEASED given) leaves no
 * adoption details. The DfE checks every decision of the child, so an earlier
 * reversed one fails too, with the advisory when a later one is in force. */
static void r525(VCtx *c)
{
    const VTable *a = vt(c, T903_AD1), *p = placed(c);
    for (int row = 0; row < a->n_rows; row++) {
        bool any = false;
        for (int col = A_DATE_INT; col <= A_LS_ADOPTR; col++) any |= !vt_blank(a, row, col);
        int g = any ? vt_group(p, vt_cell(a, row, A_CHILD)) : -1;
        for (int i = 0; g >= 0 && i < vt_group_size(p, g); i++) {
            int pa = vt_group_row(p, g, i);
            if (!vt_blank(p, pa, PA_DATE_PLACED_CEASED)) fail_decision_pair(c, row, pa);
        }
    }
}

/* True when the child has a PlacedAdoption row with a date of decision. */
static bool has_decision(const VCtx *c, const char *child)
{
    const VTable *p = placed(c);
    int g = vt_group(p, child);
    for (int i = 0; g >= 0 && i < vt_group_size(p, g); i++)
        if (!vt_blank(p, vt_group_row(p, g, i), PA_DATE_PLACED)) return true;
    return false;
}

/* Fails episodes whose column col holds one of list for a child without a
 * decision to place for adoption. */
static void needs_decision(VCtx *c, const VCheck *k)
{
    int col = k->col;
    const char *list = k->codes;
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (vt_in(e, row, col, list) && !has_decision(c, vt_cell(e, row, E_CHILD)))
            vctx_fail(c, T903_EPISODES, row);
}

/* The child's earliest episode (by start) with col in list, or -1. */
static int first_episode_in(const VCtx *c, const char *child, int col, const char *list)
{
    const VTable *e = episodes(c);
    int g = vt_group(e, child);
    for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++) {
        int row = vt_group_row(e, g, i);
        if (vt_in(e, row, col, list) && vt_date(e, row, E_DECOM) != DATE_NONE) return row;
    }
    return -1;
}

/* Rule 554: each decision to place is dated on or before the start of the
 * child's first episode with col in list (the placement order, LS E1), as
 * the DfE compares them; both rows fail. A decision dated on or before the
 * start of the latest run of such episodes (a later order) carries
 * Carepledge's advisory. */
static void decision_by(VCtx *c, const VCheck *k)
{
    const VTable *p = placed(c), *e = episodes(c);
    for (int row = 0; row < p->n_rows; row++) {
        const char *child = vt_cell(p, row, PA_CHILD);
        int first = first_episode_in(c, child, k->col, k->codes), latest;
        Date dp = vt_date(p, row, PA_DATE_PLACED);
        if (first < 0 || dp == DATE_NONE || dp <= vt_date(e, first, E_DECOM)) continue;
        if (dp <= latest_run_start(c, child, k->col, k->codes, &latest)) {
            const char *why = "the decision precedes the latest run of placement order (E1) "
                              "episodes, which may follow a new order";
            vctx_fail_advised(c, T903_PLACED_ADOPTION, row, why);
            vctx_fail_advised(c, T903_EPISODES, first, why);
        } else {
            vctx_fail(c, T903_PLACED_ADOPTION, row);
            vctx_fail(c, T903_EPISODES, first);
        }
    }
}

/* Rule 552 for one child (group pg of PlacedAdoption, g of Episodes): every
 * placement for adoption this year, earlier disrupted ones too, has a decision
 * dated on or before its start; else its first episode fails, with the
 * earliest decision dated after that start. */
static void decisions_before_placements(VCtx *c, int pg, int g, const char *places)
{
    const VTable *p = placed(c), *e = episodes(c);
    for (int i = 0; i < vt_group_size(e, g); i++) {
        if (!placement_starts(e, g, i, places)) continue;
        int ep = vt_group_row(e, g, i), after = -1;
        Date start = vt_date(e, ep, E_DECOM);
        bool decided = false;
        for (int k = 0; k < vt_group_size(p, pg); k++) {
            int row = vt_group_row(p, pg, k);
            Date dp = vt_date(p, row, PA_DATE_PLACED);
            if (dp != DATE_NONE && dp <= start) decided = true;
            if (dp != DATE_NONE && dp > start && after < 0) after = row;
        }
        if (decided || after < 0) continue;
        vctx_fail(c, T903_PLACED_ADOPTION, after);
        vctx_fail(c, T903_EPISODES, ep);
    }
}

/* Rule 552: decided by the day placed for adoption, for each placement in
 * the row's codes (A3-A6) of the year, not only the latest. */
static void decided_before_each_placement(VCtx *c, const VCheck *k)
{
    const VTable *p = placed(c), *e = episodes(c);
    for (int pg = 0; pg < p->n_groups; pg++) {
        int g = vt_group(e, vt_cell(p, vt_group_row(p, pg, 0), PA_CHILD));
        if (g >= 0) decisions_before_placements(c, pg, g, k->codes);
    }
}

/* DfE 903 rule 557: a child with a decision to place who left care other
 * than by adoption has the decision's end (date and reason) recorded. The
 * final episode (where the child left care) is marked beside the decision. */
static void r557(VCtx *c)
{
    const VTable *p = placed(c), *e = episodes(c);
    for (int g = 0; g < p->n_groups; g++) {
        int row = vt_group_row(p, g, vt_group_size(p, g) - 1);
        int ep = vctx_left_care(c, vt_cell(p, row, PA_CHILD));
        if (ep < 0 || vt_in(e, ep, E_REC, ADOPTED) || vt_blank(p, row, PA_DATE_PLACED)) continue;
        if (vt_blank(p, row, PA_DATE_PLACED_CEASED) || vt_blank(p, row, PA_REASON_PLACED_CEASED)) {
            vctx_fail(c, T903_PLACED_ADOPTION, row);
            vctx_fail_partner(c, T903_EPISODES, false, ep);
        }
    }
}

/* DfE 903 rule 558: an adopted child's decisions to place did not end. The
 * DfE checks every decision of the child and marks the adoption episode; a
 * decision reversed before a later one in force (the one the adoption
 * followed) fails with Carepledge's advisory. */
static void r558(VCtx *c)
{
    const VTable *p = placed(c);
    for (int g = 0; g < p->n_groups; g++) {
        int ep = adoption_episode(c, vt_cell(p, vt_group_row(p, g, 0), PA_CHILD));
        for (int i = 0; ep >= 0 && i < vt_group_size(p, g); i++) {
            int row = vt_group_row(p, g, i);
            if (vt_blank(p, row, PA_DATE_PLACED_CEASED)) continue;
            if (superseded(c, row)) {
                vctx_fail_advised(c, T903_PLACED_ADOPTION, row, earlier_decision_why);
                vctx_fail_advised(c, T903_EPISODES, ep, earlier_decision_why);
            } else {
                vctx_fail(c, T903_PLACED_ADOPTION, row);
                vctx_fail(c, T903_EPISODES, ep);
            }
        }
    }
}

/* Last year's PlacedAdoption row of child with date of decision d, or -1. */
static int last_decision_on(const VCtx *c, const char *child, Date d)
{
    const VTable *l = &c->r->last[T903_PLACED_ADOPTION];
    int g = vt_group(l, child);
    for (int i = 0; g >= 0 && i < vt_group_size(l, g); i++)
        if (vt_date(l, vt_group_row(l, g, i), PA_DATE_PLACED) == d) return vt_group_row(l, g, i);
    return -1;
}

/* DfE 903 rule 559: a decision made before this year was in last year's
 * return. Only this year's row fails: the condition found no row of last
 * year's with that date, so none of the child's rows last year is marked. */
static void r559(VCtx *c)
{
    const VTable *p = placed(c);
    for (int row = 0; row < p->n_rows; row++) {
        Date dp = vt_date(p, row, PA_DATE_PLACED);
        if (dp != DATE_NONE && dp < c->start &&
            last_decision_on(c, vt_cell(p, row, PA_CHILD), dp) < 0)
            vctx_fail(c, T903_PLACED_ADOPTION, row);
    }
}

/* True when child has a row this year with DATE_PLACED d. */
static bool has_decision_on(const VCtx *c, const char *child, Date d)
{
    const VTable *p = placed(c);
    int g = vt_group(p, child);
    for (int i = 0; g >= 0 && i < vt_group_size(p, g); i++)
        if (vt_date(p, vt_group_row(p, g, i), PA_DATE_PLACED) == d) return true;
    return false;
}

/* Carepledge's advisory on a 560 flag when last year's decision is reported
 * again this year beside the row. */
static const char new_decision_why[] =
    "last year's decision in force is reported this year too, so this row is a further decision "
    "(rules 579 and 583 check their order)";

/* DfE 903 rule 560: a decision still in force at the end of last year (a
 * row with DATE_PLACED, not ceased) keeps its date this year. As the DfE
 * compares them, each of this year's rows of the child dated otherwise fails;
 * with the advisory when last year's date is among this year's rows too.
 * Last year's decision it was compared with is marked beside it. */
static void r560(VCtx *c)
{
    const VTable *p = placed(c), *l = &c->r->last[T903_PLACED_ADOPTION];
    for (int row = 0; row < p->n_rows; row++) {
        const char *child = vt_cell(p, row, PA_CHILD);
        int lg = vt_group(l, child);
        for (int i = 0; lg >= 0 && i < vt_group_size(l, lg); i++) {
            int prev = vt_group_row(l, lg, i);
            Date d = vt_date(l, prev, PA_DATE_PLACED);
            if (d == DATE_NONE || !vt_blank(l, prev, PA_DATE_PLACED_CEASED) ||
                vt_date(p, row, PA_DATE_PLACED) == d)
                continue;
            if (has_decision_on(c, child, d))
                vctx_fail_advised(c, T903_PLACED_ADOPTION, row, new_decision_why);
            else
                vctx_fail(c, T903_PLACED_ADOPTION, row);
            vctx_fail_partner(c, T903_PLACED_ADOPTION, true, prev);
        }
    }
}

/* DfE 903 rule 561: a decision reported last year as ended is not reported
 * again this year (same DATE_PLACED); as in the DfE's condition, this year's
 * row fails even when it is itself recorded as ceased. Last year's ended
 * decision of that date is marked beside it. */
static void r561(VCtx *c)
{
    const VTable *p = placed(c), *l = &c->r->last[T903_PLACED_ADOPTION];
    for (int row = 0; row < p->n_rows; row++) {
        Date dp = vt_date(p, row, PA_DATE_PLACED);
        int prev = dp == DATE_NONE ? -1 : last_decision_on(c, vt_cell(p, row, PA_CHILD), dp);
        if (prev >= 0 && !vt_blank(l, prev, PA_DATE_PLACED_CEASED)) {
            vctx_fail(c, T903_PLACED_ADOPTION, row);
            vctx_fail_partner(c, T903_PLACED_ADOPTION, true, prev);
        }
    }
}

/* DfE 903 rule 555 (to 2023/24): a child under a freeing order (LS D1) has a
 * decision that they should be placed for adoption in PlacedAdoption (else
 * the episode fails); and while the freeing order runs (an open D1 episode)
 * that decision has not ceased (else the ceased PlacedAdoption row fails). */
static void r555(VCtx *c)
{
    const VTable *e = episodes(c), *p = placed(c);
    for (int row = 0; row < e->n_rows; row++) {
        if (!vt_is(e, row, E_LS, "D1")) continue;
        int g = vt_group(p, vt_cell(e, row, E_CHILD));
        if (g < 0) {
            vctx_fail(c, T903_EPISODES, row);
            continue;
        }
        if (!vt_blank(e, row, E_DEC)) continue;
        for (int i = 0; i < vt_group_size(p, g); i++) {
            int pr = vt_group_row(p, g, i);
            if (!vt_blank(p, pr, PA_DATE_PLACED_CEASED) ||
                !vt_blank(p, pr, PA_REASON_PLACED_CEASED))
                vctx_fail(c, T903_PLACED_ADOPTION, pr);
        }
    }
}

/* DfE 903 rule 556 (to 2023/24): the decision that the child should be placed
 * for adoption comes before the freeing order: a D1 episode fails when the
 * child's decisions in PlacedAdoption (with a date) are all after its start. */
static void r556(VCtx *c)
{
    const VTable *e = episodes(c), *p = placed(c);
    for (int row = 0; row < e->n_rows; row++) {
        Date start = vt_date(e, row, E_DECOM);
        int g = vt_group(p, vt_cell(e, row, E_CHILD));
        if (start == DATE_NONE || g < 0 || !vt_is(e, row, E_LS, "D1")) continue;
        bool dated = false, before = false;
        for (int i = 0; i < vt_group_size(p, g); i++) {
            Date d = vt_date(p, vt_group_row(p, g, i), PA_DATE_PLACED);
            if (d == DATE_NONE) continue;
            dated = true;
            before |= d <= start;
        }
        if (dated && !before) vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 584: when last year's return showed a decision to place for
 * adoption that had been reversed (a date or reason it ceased), any decision
 * in force this year (not ceased) is a new one, made after the reversed one.
 * A row whose DATE_PLACED is missing or on or before the latest reversed
 * decision fails; as in the DfE's condition, rows that are themselves ceased
 * are not exempt. Last year's latest reversed decision is marked beside it. */
static void r584(VCtx *c)
{
    const VTable *p = placed(c), *l = &c->r->last[T903_PLACED_ADOPTION];
    for (int row = 0; row < p->n_rows; row++) {
        int g = vt_group(l, vt_cell(p, row, PA_CHILD)), reversed_row = -1;
        Date reversed = DATE_NONE;
        for (int i = 0; g >= 0 && i < vt_group_size(l, g); i++) {
            int prev = vt_group_row(l, g, i);
            Date d = vt_date(l, prev, PA_DATE_PLACED);
            if (d != DATE_NONE &&
                (!vt_blank(l, prev, PA_DATE_PLACED_CEASED) ||
                 !vt_blank(l, prev, PA_REASON_PLACED_CEASED)) &&
                (reversed == DATE_NONE || d > reversed)) {
                reversed = d;
                reversed_row = prev;
            }
        }
        Date dp = vt_date(p, row, PA_DATE_PLACED);
        if (reversed != DATE_NONE && (dp == DATE_NONE || dp <= reversed)) {
            vctx_fail(c, T903_PLACED_ADOPTION, row);
            vctx_fail_partner(c, T903_PLACED_ADOPTION, true, reversed_row);
        }
    }
}

/* DfE 903 rule 582: adopted on the day of matching is unexpected. */
static void r582(VCtx *c)
{
    const VTable *a = vt(c, T903_AD1), *e = episodes(c);
    for (int row = 0; row < a->n_rows; row++) {
        int ep = adoption_episode(c, vt_cell(a, row, A_CHILD));
        Date match = vt_date(a, row, A_DATE_MATCH);
        if (ep >= 0 && match != DATE_NONE && vt_date(e, ep, E_DEC) == match) {
            vctx_fail(c, T903_AD1, row);
            vctx_fail(c, T903_EPISODES, ep);
        }
    }
}

/* DfE 903 rule 583: every decision to place but the latest has ended. */
static void r583(VCtx *c)
{
    const VTable *p = placed(c);
    for (int g = 0; g < p->n_groups; g++)
        for (int i = 0; i + 1 < vt_group_size(p, g); i++) {
            int row = vt_group_row(p, g, i);
            if (!vt_blank(p, row, PA_DATE_PLACED) && vt_blank(p, row, PA_DATE_PLACED_CEASED))
                vctx_fail(c, T903_PLACED_ADOPTION, row);
        }
}

/* DfE 903 rule 601: a child adopted in the year has all six AD1 items. The
 * adoption episode fails, and the AD1 row when it is incomplete. */
static void r601(VCtx *c)
{
    const VTable *e = episodes(c), *a = vt(c, T903_AD1);
    for (int row = 0; row < e->n_rows; row++) {
        Date end = vt_date(e, row, E_DEC);
        if (!vt_in(e, row, E_REC, ADOPTED) || end == DATE_NONE || end < c->start || end > c->end)
            continue;
        int ar = vt_first_row(a, vt_cell(e, row, E_CHILD));
        bool complete = ar >= 0;
        for (int col = A_DATE_INT; complete && col <= A_LS_ADOPTR; col++)
            complete = !vt_blank(a, ar, col);
        if (complete) continue;
        vctx_fail(c, T903_EPISODES, row);
        if (ar >= 0) vctx_fail(c, T903_AD1, ar);
    }
}

/* The child's latest episode this year (by start), or -1. */
static int latest_episode(const VCtx *c, const char *child)
{
    const VTable *e = episodes(c);
    int g = vt_group(e, child);
    return g < 0 ? -1 : vt_group_row(e, g, vt_group_size(e, g) - 1);
}

/* DfE 903 rule 602: AD1 is for children adopted in the year. The text is
 * about what the child's episodes show: the episode that would show the
 * adoption, the child's latest (its REC), is marked beside the AD1 row, not
 * every episode of the child (none when the child has no episode). */
static void r602(VCtx *c)
{
    const VTable *a = vt(c, T903_AD1), *e = episodes(c);
    for (int row = 0; row < a->n_rows; row++) {
        const char *child = vt_cell(a, row, A_CHILD);
        int ep = adoption_episode(c, child);
        Date end = ep < 0 ? DATE_NONE : vt_date(e, ep, E_DEC);
        if (end != DATE_NONE && end >= c->start && end <= c->end) continue;
        vctx_fail(c, T903_AD1, row);
        vctx_fail_partner(c, T903_EPISODES, false, latest_episode(c, child));
    }
}

/* DfE 903 rule 630: a child starting a period of care this year (short breaks,
 * V3 and V4, aside) has previous permanence recorded: PREV_PERM, and LA_PERM
 * and DATE_PERM unless it is Z1 (none). P4 is not exempt: an unknown date is
 * given as ZZ/ZZ/ZZZZ, not left blank. The starting episode fails. */
static void r630(VCtx *c)
{
    const VTable *e = episodes(c), *pp = vt(c, T903_PREV_PERM);
    for (int row = 0; row < e->n_rows; row++) {
        Date start = vt_date(e, row, E_DECOM);
        if (start == DATE_NONE || start < c->start || !vt_is(e, row, E_RNE, "S") ||
            vt_in(e, row, E_LS, "V3;V4"))
            continue;
        int pr = vt_first_row(pp, vt_cell(e, row, E_CHILD));
        bool ok = pr >= 0 && !vt_blank(pp, pr, PP_PREV_PERM) &&
                  (vt_is(pp, pr, PP_PREV_PERM, "Z1") ||
                   (!vt_blank(pp, pr, PP_LA_PERM) && !vt_blank(pp, pr, PP_DATE_PERM)));
        if (!ok) vctx_fail(c, T903_EPISODES, row);
    }
}

/* Parses a DATE_PERM: dd/mm/yyyy where the day, month or year may be unknown
 * (ZZ, ZZ, ZZZZ). Sets *earliest to the first day it can be (unknown day or
 * month as 1), DATE_NONE when the year is unknown. Returns false when the text
 * is not of that form or names no real date. */
static bool parse_date_perm(const char *s, Date *earliest)
{
    int part[3] = {0, 0, 0};
    bool known[3] = {false, false, false};
    static const int width[3] = {2, 2, 4};
    for (int k = 0; k < 3; k++) {
        bool zed = true, digits = true;
        for (int i = 0; i < width[k]; i++) {
            zed &= s[i] == 'Z' || s[i] == 'z';
            digits &= s[i] >= '0' && s[i] <= '9';
            if (digits) part[k] = part[k] * 10 + (s[i] - '0');
        }
        if (!zed && !digits) return false;
        known[k] = digits;
        s += width[k];
        if (*s != (k < 2 ? '/' : '\0')) return false;
        if (k < 2) s++;
    }
    int day = known[0] ? part[0] : 1, month = known[1] ? part[1] : 1;
    if (known[1] && (month < 1 || month > 12)) return false;
    if (known[0] && (day < 1 || day > 31)) return false;
    if (!known[2]) {
        *earliest = DATE_NONE;
        return true;
    }
    if (!date_ymd_valid(part[2], month, day)) return false;
    *earliest = date_from_ymd(part[2], month, day);
    return true;
}

/* The day the period of care that DATE_PERM precedes began, as rule 632
 * reads it: the latest episode this year with RNE S (*ep); when none starts a
 * period this year, with the stored history (validate --db) the latest period
 * it shows begun before (*ep -1: an episode of an earlier year, not
 * reported), else the child's first episode this year (*ep), whose start is
 * all the two-year view knows (the DfE's note: "false negatives where the
 * period of care started before the current collection year"). DATE_NONE
 * when the child has no episode. */
static Date perm_period_start(const VCtx *c, const char *child, int *ep)
{
    *ep = -1;
    Date start = started_care(c, child, ep);
    if (start == DATE_NONE) start = period_start_history(c, child);
    if (start != DATE_NONE) return start;
    const VTable *e = episodes(c);
    int g = vt_group(e, child);
    for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++) {
        int row = vt_group_row(e, g, i);
        if (vt_date(e, row, E_DECOM) == DATE_NONE) continue;
        *ep = row;
        return vt_date(e, row, E_DECOM);
    }
    return DATE_NONE;
}

/* DfE 903 rule 632: DATE_PERM is a date (parts may be ZZ) before the start of
 * the period of care it precedes (perm_period_start). The PrevPerm row fails,
 * with the episode whose start was compared (an invalid DATE_PERM: the same
 * episode); with the history's start, of an earlier year, the child's
 * episodes this year are marked (as 334). */
static void r632(VCtx *c)
{
    const VTable *pp = vt(c, T903_PREV_PERM);
    for (int row = 0; row < pp->n_rows; row++) {
        const char *text = vt_cell(pp, row, PP_DATE_PERM);
        if (!*text) continue;
        Date earliest;
        int ep;
        Date start = perm_period_start(c, vt_cell(pp, row, PP_CHILD), &ep);
        bool valid = parse_date_perm(text, &earliest);
        if (valid && (start == DATE_NONE || earliest == DATE_NONE || earliest < start)) continue;
        vctx_fail(c, T903_PREV_PERM, row);
        if (ep >= 0) vctx_fail(c, T903_EPISODES, ep);
    }
}

/* This year's episode of child whose DECOM rule 634 compared: the one that
 * starts the period of care on start (RNE S), else the child's earliest
 * episode this year with a start date (the period began before this year's
 * return: its first episode here continues it); -1 when none. */
static int period_episode(const VCtx *c, const char *child, Date start)
{
    const VTable *e = episodes(c);
    int g = vt_group(e, child), earliest = -1;
    for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++) {
        int row = vt_group_row(e, g, i);
        Date decom = vt_date(e, row, E_DECOM);
        if (decom == DATE_NONE) continue;
        if (earliest < 0) earliest = row;
        if (decom == start && vt_is(e, row, E_RNE, "S")) return row;
    }
    return earliest;
}

/* DfE 903 rule 634: previous permanence is recorded only for children whose
 * latest period of care started on or after 1 April 2016 (the earliest episode
 * this year stands in when no period starts in it). With the stored history
 * (--db), the latest period of care started in any year, else the earliest
 * stored episode. The PrevPerm row fails with the one episode whose start was
 * compared (period_episode), not the child's other episodes. */
static void r634(VCtx *c)
{
    const VTable *pp = vt(c, T903_PREV_PERM), *e = episodes(c);
    Date from = date_from_ymd(2016, 4, 1);
    for (int row = 0; row < pp->n_rows; row++) {
        if (vt_blank(pp, row, PP_PREV_PERM) && vt_blank(pp, row, PP_LA_PERM) &&
            vt_blank(pp, row, PP_DATE_PERM))
            continue;
        const char *child = vt_cell(pp, row, PP_CHILD);
        Date start = period_start_history(c, child);
        const VTable *h = vctx_history(c) ? vctx_history(c) : e; /* earliest episode known */
        int g = vt_group(h, child);
        if (start == DATE_NONE && g >= 0) start = vt_date(h, vt_group_row(h, g, 0), E_DECOM);
        if (start != DATE_NONE && start < from) {
            vctx_fail(c, T903_PREV_PERM, row);
            vctx_fail_partner(c, T903_EPISODES, false, period_episode(c, child, start));
        }
    }
}

/* The day the child started to be looked after as rule 1003 reads the
 * returns: the start of the child's earliest episode this year when it begins
 * a period of care (RNE S), with that episode in *ep; when the earliest episode
 * continues a period begun before this year and the stored history is there
 * (validate --db), the start of the latest period the history shows begun by
 * then (*ep -1); DATE_NONE otherwise. */
static Date care_began(const VCtx *c, const char *child, int *ep)
{
    const VTable *e = episodes(c), *h = vctx_history(c);
    int g = vt_group(e, child);
    *ep = -1;
    for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++) {
        int row = vt_group_row(e, g, i);
        Date decom = vt_date(e, row, E_DECOM);
        if (decom == DATE_NONE) continue;
        if (vt_is(e, row, E_RNE, "S")) {
            *ep = row;
            return decom;
        }
        int hg = h ? vt_group(h, child) : -1;
        for (int k = hg < 0 ? -1 : vt_group_size(h, hg) - 1; k >= 0; k--) {
            int hr = vt_group_row(h, hg, k);
            Date hs = vt_date(h, hr, E_DECOM);
            if (vt_is(h, hr, E_RNE, "S") && hs != DATE_NONE && hs <= decom) return hs;
        }
        return DATE_NONE;
    }
    return DATE_NONE;
}

/* DfE 903 rule 1003: no decision to place for adoption is dated before the
 * child started to be looked after. Every decision of the child is compared,
 * in force or ceased (the text names no status), with the day care began as
 * care_began reads it; the episode that began care is marked beside it (with
 * the stored history, the child's episodes this year, which continue it). */
static void r1003(VCtx *c)
{
    const VTable *p = placed(c);
    for (int g = 0; g < p->n_groups; g++) {
        int ep;
        Date start = care_began(c, vt_cell(p, vt_group_row(p, g, 0), PA_CHILD), &ep);
        for (int i = 0; start != DATE_NONE && i < vt_group_size(p, g); i++) {
            int row = vt_group_row(p, g, i);
            Date dp = vt_date(p, row, PA_DATE_PLACED);
            if (dp == DATE_NONE || dp >= start) continue;
            vctx_fail(c, T903_PLACED_ADOPTION, row);
            if (ep >= 0) vctx_fail(c, T903_EPISODES, ep);
        }
    }
}

const VRule vrules_adopted[] = {
    {"117", 0, 0, "Episodes;PlacedAdoption", "DATE_PLACED_CEASED;DATE_PLACED;DEC;REC;DECOM",
     "Date of decision that a child should/should no longer be placed for adoption is beyond the "
     "current collection year or after the child ceased to be looked after.",
     NULL, .fn = r117, .marks_own_rows = true},
    {"118", 0, 0, "Episodes;PlacedAdoption", "DECOM;DECOM;LS",
     "Date of decision that a child should no longer be placed for adoption is before the current "
     "collection year or before the date the child started to be looked after.",
     NULL, .fn = r118, .marks_own_rows = true},
    {"331", 0, 0, "AD1;Episodes", "DATE_MATCH;DECOM;REC",
     "Date of matching child and adopter(s) should be the same as, or prior to, the date of "
     "placement of adoption.",
     NULL, .fn = r331},
    {"334", 0, 0, "AD1;Episodes", "DATE_INT;DECOM;RNE",
     "Date child started to be looked after in latest period of care must be on or prior to the "
     "date should be placed for adoption.",
     NULL, .fn = r334},
    {"335", 0, 0, "AD1;Episodes", "PLACE;FOSTER_CARE",
     "The current foster value (0) suggests that child is not adopted by current foster carer, but "
     "last placement is A2, A3, or A5. Or the current foster value (1) suggests that child is "
     "adopted by current foster carer, but last placement is A1, A4 or A6.",
     NULL, .fn = r335},
    {"336", 0, 0, "Episodes", "PLACE",
     "Child does not have a foster placement immediately prior to being placed for adoption.", NULL,
     .fn = r336},
    {"521", 0, 0, "AD1;Episodes", "PLACE;DECOM;DATE_INT",
     "Date of local authority's decision (LA) that adoption is in the best interests of the child "
     "(date should be placed) must be on or prior to the date the child is placed for adoption.",
     NULL, .fn = r521},
    {"523", 0, 0, "AD1;PlacedAdoption", "DATE_PLACED;DATE_INT",
     "Date of decision that the child should be placed for adoption should be the same date as the "
     "decision that adoption is in the best interest (date should be placed).",
     NULL, .fn = r523},
    {"525", 0, 0, "AD1;PlacedAdoption",
     "DATE_PLACED_CEASED;DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR",
     "A child for whom the decision to be placed for adoption has been reversed cannot be adopted "
     "during the year.",
     NULL, .fn = r525},
    /* DfE 903 rule 551: placed for adoption (A3-A6). */
    {"551", 0, 0, "Episodes;PlacedAdoption", "DATE_PLACED;PLACE",
     "Child has been placed for adoption but there is no date of the decision that the child "
     "should be placed for adoption.",
     NULL, .check = VCHECK_OF_FAMILY(needs_decision, .col = E_PLACE, .codes = ADOPTION_PLACES)},
    /* DfE 903 rule 552: decided by the day placed for adoption, each placement. */
    {"552", 0, 0, "Episodes;PlacedAdoption", "DATE_PLACED;DECOM",
     "Date of Decision to place a child for adoption should be on or prior to the date that the "
     "child was placed for adoption.",
     NULL, .check = VCHECK_OF_FAMILY(decided_before_each_placement, .codes = ADOPTION_PLACES)},
    /* DfE 903 rule 553: a placement order (E1). */
    {"553", 0, 0, "Episodes;PlacedAdoption",
     "CHILD;DATE_PLACED;DATE_PLACED_CEASED;REASON_PLACED_CEASED",
     "Placement order has been granted but there is no date of decision that the child should be "
     "placed for adoption.",
     NULL, .check = VCHECK_OF_FAMILY(needs_decision, .col = E_LS, .codes = "E1")},
    /* DfE 903 rule 554: decided by the day the placement order (E1) began: the
     * child's first E1 episode, for each decision. */
    {"554", 0, 0, "Episodes;PlacedAdoption", "DATE_PLACED;DECOM;LS",
     "Date of decision that the child should be placed for adoption should be on or prior to the "
     "date that the placement order was granted. [NOTE: This rule may result in false positives or "
     "false negatives if relevant episodes are in previous years; please check carefully!]",
     NULL, .check = VCHECK_OF_FAMILY(decision_by, .col = E_LS, .codes = "E1")},
    {"557", 0, 0, "Episodes;PlacedAdoption", "DATE_PLACED_CEASED;REASON_PLACED_CEASED;PLACE;LS;REC",
     "Child for whom the decision was made that they should be placed for adoption has left care "
     "but was not adopted and information on the decision that they should no longer be placed for "
     "adoption items has not been completed.",
     NULL, .fn = r557, .marks_own_rows = true},
    {"558", 0, 0, "Episodes;PlacedAdoption", "DATE_PLACED_CEASED;REC",
     "If a child has been adopted, then the decision to place them for adoption has not been "
     "disrupted and the date of the decision that a child should no longer be placed for adoption "
     "should be left blank.",
     NULL, .fn = r558},
    {"559", 0, 0, "PlacedAdoption;PlacedAdoption_last", "DATE_PLACED",
     "Date of decision that a child should be placed for adoption was not in the current year but "
     "the date of the decision that the child should be placed for adoption was not completed in a "
     "previous return.",
     NULL, .fn = r559, .marks_own_rows = true},
    {"560", 0, 0, "PlacedAdoption;PlacedAdoption_last", "DATE_PLACED;DATE_PLACED_CEASED",
     "Date of decision that the child should be placed for adoption this year is different from "
     "that recorded last year but the decision to place the child for adoption did not change.",
     NULL, .fn = r560, .marks_own_rows = true},
    {"561", 0, 0, "PlacedAdoption;PlacedAdoption_last", "DATE_PLACED",
     "Date of the decision that the child should be placed for adoption this year is the same as "
     "that recorded last year but records show that the decision changed, and the child should no "
     "longer be placed for adoption last year.",
     NULL, .fn = r561, .marks_own_rows = true},
    {"582", 0, 0, "AD1;Episodes", "DEC;DATE_MATCH",
     "Child is showing as ceasing to be looked after due to adoption, but the date of adoption is "
     "the same as the date reported for being matched with adopters. In most circumstances we "
     "expect the date the child is matched with adopters to be before the date of adoption.",
     NULL, .fn = r582},
    {"583", 0, 0, "PlacedAdoption", "DATE_PLACED;DATE_PLACED_CEASED",
     "More than one date the child should be placed for adoption has been reported, but an earlier "
     "decision has not been revoked. Check that both dates are required and add in the date the "
     "earlier decision was revoked. Note this may be in a previous year.",
     NULL, .fn = r583},
    {"555", 0, 0, "Episodes;PlacedAdoption",
     "LS;DATE_PLACED;DATE_PLACED_CEASED;REASON_PLACED_CEASED",
     "A child under a freeing order (D1) has no decision that they should be placed for "
     "adoption, or that decision has ceased while the freeing order runs.",
     NULL, .fn = r555},
    {"556", 0, 0, "Episodes;PlacedAdoption", "DATE_PLACED;DECOM",
     "The decision that the child should be placed for adoption is dated after the freeing "
     "order (D1) was granted.",
     NULL, .fn = r556},
    {"584", 0, 0, "PlacedAdoption;PlacedAdoption_last", "DATE_PLACED",
     "Date of decision that the child should be placed for adoption this year is different from "
     "that recorded last year, but the decision to placed the child for adoption changed and the "
     "child should no longer be placed for adoption.",
     NULL, .fn = r584, .marks_own_rows = true},
    {"601", 0, 0, "AD1;Episodes",
     "REC;DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR",
     "The additional fields relating to adoption have not been completed although the episode data "
     "shows that the child was adopted during the year.",
     "Episodes", .fn = r601},
    {"602", 0, 0, "AD1;Episodes", "CHILD",
     "The episode data submitted for this child does not show that he/she was adopted during the "
     "year.",
     NULL, .fn = r602, .marks_own_rows = true},
    {"630", 0, 0, "Episodes;PrevPerm", "RNE",
     "Information on previous permanence option should be returned.", NULL, .fn = r630},
    {"632", 0, 0, "Episodes;PrevPerm", "DATE_PERM;DECOM",
     "Date of previous permanence order not a valid value. NOTE: This rule may result in false "
     "negatives where the period of care started before the current collection year",
     NULL, .fn = r632},
    {"634", 0, 0, "Episodes;PrevPerm", "LA_PERM;PREV_PERM;DATE_PERM;DECOM",
     "There are entries for previous permanence options, but child has not started to be looked "
     "after from 1 April 2016 onwards.",
     NULL, .fn = r634, .marks_own_rows = true},
    {"1003", 0, 0, "Episodes;PlacedAdoption", "DATE_PLACED;DECOM;RNE",
     "Date of LA's decision that a child should be placed for adoption is before the child started "
     "to be looked after.",
     NULL, .fn = r1003},
};
const int vrules_adopted_n = VRULES_COUNT(vrules_adopted);
