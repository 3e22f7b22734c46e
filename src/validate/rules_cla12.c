/* rules_cla12: the DfE 903 rules on the OC2 cohort — children looked after
 * continuously for 12 months at 31 March. The cohort is a field derived from
 * this year's Episodes (vreturn.c, vctx_cla12); these rules compare it with what
 * OC2, AD1 and OC3 hold. Ages are taken from OC2's own date of birth. Each rule
 * carries its DfE code; descriptions are the DfE's. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

static const VTable *oc2(const VCtx *c)
{
    return vt(c, T903_OC2);
}

static bool oc2_cla12(const VCtx *c, int row)
{
    return vctx_cla12(c, vt_cell(oc2(c), row, O2_CHILD));
}

/* True when episode row of this year's Episodes keeps its child out of the
 * OC2 cohort, as dfe_oc2_continuously_looked_after (src/domain/dfe_indicators.c)
 * reads the DfE's definition: it starts a period of care (RNE S) after 1 April,
 * ends within the year other than X1, or is a short break (V3, V4) running
 * during the year. */
static bool breaks_cohort(const VCtx *c, int row)
{
    const VTable *e = vt(c, T903_EPISODES);
    Date start = vt_date(e, row, E_DECOM), end = vt_date(e, row, E_DEC);
    bool runs = start != DATE_NONE && start <= c->end && (end == DATE_NONE || end >= c->start);
    if (start != DATE_NONE && start > c->start && start <= c->end && vt_is(e, row, E_RNE, "S"))
        return true;
    if (end != DATE_NONE && end >= c->start && end <= c->end && !vt_is(e, row, E_REC, "X1"))
        return true;
    return runs && vt_in(e, row, E_LS, "V3;V4");
}

/* Marks, beside the row just failed, the one episode the child's place in (or
 * out of) the cohort turns on: for a child outside it, the first episode that
 * keeps them out; for a child in it, the latest, running at 31 March. The DfE
 * names Episodes among these rules' tables because the cohort is derived from
 * them; the child's other episodes have nothing to fix and are not named. */
static void mark_cohort_episode(VCtx *c, const char *child)
{
    const VTable *e = vt(c, T903_EPISODES);
    int g = vt_group(e, child);
    if (g < 0) return;
    int n = vt_group_size(e, g);
    if (vctx_cla12(c, child)) {
        vctx_fail_partner(c, T903_EPISODES, false, vt_group_row(e, g, n - 1));
        return;
    }
    for (int i = 0; i < n; i++)
        if (breaks_cohort(c, vt_group_row(e, g, i))) {
            vctx_fail_partner(c, T903_EPISODES, false, vt_group_row(e, g, i));
            return;
        }
}

/* Fails OC2 row `row` and marks the episode the cohort turns on. */
static void fail_oc2(VCtx *c, int row)
{
    vctx_fail(c, T903_OC2, row);
    mark_cohort_episode(c, vt_cell(oc2(c), row, O2_CHILD));
}

/* Fails OC2 rows of children outside the cohort where column col is completed. */
static void outside_cohort_filled(VCtx *c, const VCheck *k)
{
    int col = k->col;
    const VTable *o = oc2(c);
    for (int row = 0; row < o->n_rows; row++)
        if (!vt_blank(o, row, col) && !oc2_cla12(c, row)) fail_oc2(c, row);
}

/* DfE 903 rule 186: in the cohort, aged 4 or over on 1 April and under 17 on 31
 * March, and no SDQ score. The DfE's checks flag a missing score even when a
 * reason for none is recorded; Carepledge reads the reason (SDQ_REASON) as
 * explaining the absence, and says so beside the flag. */
static void r186(VCtx *c)
{
    const VTable *o = oc2(c);
    for (int row = 0; row < o->n_rows; row++) {
        if (!oc2_cla12(c, row)) continue;
        int age_start = vt_age_on(o, row, O2_DOB, c->start),
            age_end = vt_age_on(o, row, O2_DOB, c->end);
        if (age_start < 4 || age_end < 0 || age_end >= 17 || !vt_blank(o, row, O2_SDQ_SCORE))
            continue;
        if (vt_blank(o, row, O2_SDQ_REASON))
            vctx_fail(c, T903_OC2, row);
        else
            vctx_fail_advised(c, T903_OC2, row,
                              "a reason for no score is recorded (SDQ_REASON), which explains "
                              "why there is none");
        mark_cohort_episode(c, vt_cell(o, row, O2_CHILD));
    }
}

/* True when any of columns first..last of the row is completed. */
static bool any_filled(const VTable *t, int row, int first, int last)
{
    for (int col = first; col <= last; col++)
        if (!vt_blank(t, row, col)) return true;
    return false;
}

/* DfE 903 rule 187: a child in the cohort has no adoption (AD1) or care leaver
 * (OC3) data. */
static void r187(VCtx *c)
{
    const VTable *a = vt(c, T903_AD1), *o = vt(c, T903_OC3);
    for (int row = 0; row < a->n_rows; row++)
        if (any_filled(a, row, A_DATE_INT, A_LS_ADOPTR) &&
            vctx_cla12(c, vt_cell(a, row, A_CHILD))) {
            vctx_fail(c, T903_AD1, row);
            mark_cohort_episode(c, vt_cell(a, row, A_CHILD));
        }
    for (int row = 0; row < o->n_rows; row++)
        if (any_filled(o, row, O3_IN_TOUCH, O3_ACCOM) && vctx_cla12(c, vt_cell(o, row, O3_CHILD))) {
            vctx_fail(c, T903_OC3, row);
            mark_cohort_episode(c, vt_cell(o, row, O3_CHILD));
        }
}

/* DfE 903 rule 190 */
static void r190(VCtx *c)
{
    const VTable *o = oc2(c);
    for (int row = 0; row < o->n_rows; row++)
        if (any_filled(o, row, O2_CONVICTED, O2_INTERVENTION_OFFERED) && !oc2_cla12(c, row))
            fail_oc2(c, row);
}

/* DfE 903 rule 191: a child in the cohort has immunisations, teeth check,
 * health assessment and substance misuse completed; a child in the cohort with
 * no OC2 row at all fails on their first episode. */
static void r191(VCtx *c)
{
    const VTable *o = oc2(c), *e = vt(c, T903_EPISODES);
    for (int row = 0; row < o->n_rows; row++)
        if (oc2_cla12(c, row) &&
            (vt_blank(o, row, O2_IMMUNISATIONS) || vt_blank(o, row, O2_TEETH_CHECK) ||
             vt_blank(o, row, O2_HEALTH_ASSESSMENT) || vt_blank(o, row, O2_SUBSTANCE_MISUSE)))
            fail_oc2(c, row);
    for (int g = 0; g < e->n_groups; g++) {
        int row = vt_group_row(e, g, 0);
        const char *child = vt_cell(e, row, E_CHILD);
        if (vctx_cla12(c, child) && vt_group(o, child) < 0) vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 543 */
static void r543(VCtx *c)
{
    const VTable *o = oc2(c);
    for (int row = 0; row < o->n_rows; row++)
        if (vt_age_on(o, row, O2_DOB, c->end) >= 10 && vt_blank(o, row, O2_CONVICTED) &&
            oc2_cla12(c, row))
            fail_oc2(c, row);
}

/* DfE 903 rule 545 */
static void r545(VCtx *c)
{
    const VTable *o = oc2(c);
    for (int row = 0; row < o->n_rows; row++) {
        int age = vt_age_on(o, row, O2_DOB, c->end);
        if (age >= 0 && age < 5 && vt_blank(o, row, O2_HEALTH_CHECK) && oc2_cla12(c, row))
            fail_oc2(c, row);
    }
}

/* DfE 903 rule 546: health promotion (HEALTH_CHECK) is for the cohort's
 * under-fives only. */
static void r546(VCtx *c)
{
    const VTable *o = oc2(c);
    for (int row = 0; row < o->n_rows; row++)
        if (vt_age_on(o, row, O2_DOB, c->end) >= 5 && !vt_blank(o, row, O2_HEALTH_CHECK) &&
            oc2_cla12(c, row))
            fail_oc2(c, row);
}

/* DfE 903 rule 157: SDQ1 (no score: child under 4 or over 16) is not a reason
 * for a child in the cohort aged 4 or over on 1 April and under 17 on 31
 * March. */
static void r157(VCtx *c)
{
    const VTable *o = oc2(c);
    for (int row = 0; row < o->n_rows; row++) {
        int age_start = vt_age_on(o, row, O2_DOB, c->start),
            age_end = vt_age_on(o, row, O2_DOB, c->end);
        if (age_start >= 4 && age_end >= 0 && age_end < 17 &&
            vt_is(o, row, O2_SDQ_REASON, "SDQ1") && oc2_cla12(c, row))
            fail_oc2(c, row);
    }
}

/* DfE 903 rule 197B: a child in the cohort whose 4th or 17th birthday falls in
 * the collection year (aged 4 or 17 on 31 March) has a score or a reason for
 * none. The DfE's check reads "4-year-olds" as turning 4 in the year: those
 * already 4 on 1 April are rule 186's. */
static void r197B(VCtx *c)
{
    const VTable *o = oc2(c);
    for (int row = 0; row < o->n_rows; row++) {
        int age_end = vt_age_on(o, row, O2_DOB, c->end);
        if ((age_end == 4 || age_end == 17) && vt_blank(o, row, O2_SDQ_SCORE) &&
            vt_blank(o, row, O2_SDQ_REASON) && oc2_cla12(c, row))
            fail_oc2(c, row);
    }
}

const VRule vrules_cla12[] = {
    /* DfE 903 rule 185 */
    {"185", 0, 0, "Episodes;OC2", "SDQ_SCORE",
     "Child has not been looked after continuously for at least 12 months at 31 March but a "
     "Strengths and Difficulties (SDQ) score has been completed.",
     NULL, .check = VCHECK_OF_FAMILY(outside_cohort_filled, .col = O2_SDQ_SCORE),
     .marks_own_rows = true},
    {"186", 0, 0, "Episodes;OC2", "SDQ_SCORE",
     "Children aged 4 or over at the start of the year and children aged under 17 at the end of "
     "the year and who have been looked after for at least 12 months continuously should have a "
     "Strengths and Difficulties (SDQ) score completed.",
     NULL, .fn = r186, .marks_own_rows = true},
    {"187", 0, 0, "AD1;Episodes;OC3",
     "DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR;IN_TOUCH;ACTIV;ACCOM",
     "Child cannot be looked after continuously for 12 months at 31 March (OC2) and have any of "
     "adoption or care leavers returns completed.",
     NULL, .fn = r187, .marks_own_rows = true},
    {"190", 0, 0, "Episodes;OC2",
     "CONVICTED;HEALTH_CHECK;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE;"
     "INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "Child has not been looked after continuously for at least 12 months at 31 March but one or "
     "more data items relating to children looked after for 12 months have been completed.",
     NULL, .fn = r190, .marks_own_rows = true},
    {"191", 0, 0, "Episodes;OC2",
     "IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE;CHILD",
     "Child has been looked after continuously for at least 12 months at 31 March but one or more "
     "data items relating to children looked after for 12 months have been left blank.",
     NULL, .fn = r191, .marks_own_rows = true},
    /* DfE 903 rule 198 */
    {"198", 0, 0, "Episodes;OC2", "SDQ_REASON",
     "Child has not been looked after continuously for at least 12 months at 31 March but a reason "
     "for no Strengths and Difficulties (SDQ) score has been completed.",
     NULL, .check = VCHECK_OF_FAMILY(outside_cohort_filled, .col = O2_SDQ_REASON),
     .marks_own_rows = true},
    {"543", 0, 0, "Episodes;OC2", "DOB;CONVICTED",
     "Child is aged 10 or over at 31 March and has been looked after continuously for 12 months "
     "yet conviction information has not been completed.",
     NULL, .fn = r543, .marks_own_rows = true},
    {"545", 0, 0, "OC2", "DOB;HEALTH_CHECK",
     "Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet "
     "health promotion information has not been completed.",
     "OC2;Episodes", .fn = r545},
    {"546", 0, 0, "Episodes;OC2", "DOB;HEALTH_CHECK",
     "Children aged 5 or over at 31 March should not have health promotion information completed.",
     NULL, .fn = r546, .marks_own_rows = true},
    {"157", 0, 0, "Episodes;OC2", "SDQ_REASON;DOB",
     "Child is aged 4 years or over at the beginning of the year or 16 years or under at the end "
     "of "
     "the year and Strengths and Difficulties Questionnaire (SDQ) 1 has been recorded as the "
     "reason "
     "for no Strengths and Difficulties Questionnaire (SDQ) score.",
     NULL, .fn = r157, .marks_own_rows = true},
    {"197B", 0, 0, "Episodes;OC2", "SDQ_REASON;DOB",
     "SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds.", NULL, .fn = r197B,
     .marks_own_rows = true},
};
const int vrules_cla12_n = VRULES_COUNT(vrules_cla12);
