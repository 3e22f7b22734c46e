/* rules_oc: the DfE 903 rules on the outcome tables OC2 (children looked after
 * for 12 months: health, SDQ, convictions, substance misuse), OC3 (care
 * leavers: in touch, activity, accommodation) and on Reviews, where they need
 * no other table. Each rule carries its DfE code. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#include <stdlib.h>

/* Age on date `on` from the table's own DOB column (1), or -1 when unknown. */
static int age_on(const VTable *t, int row, Date on)
{
    return vt_age_on(t, row, 1, on);
}

/* DfE 903 rule 153 */
static void r153(VCtx *c)
{
    const VTable *o = vt(c, T903_OC3);
    for (int row = 0; row < o->n_rows; row++) {
        int blank =
            vt_blank(o, row, O3_IN_TOUCH) + vt_blank(o, row, O3_ACTIV) + vt_blank(o, row, O3_ACCOM);
        if (blank == 1 || blank == 2) vctx_fail(c, T903_OC3, row);
    }
}

/* True when an OC3 activity or accommodation cell is completed: blank and the
 * code 0, which the DfE's guidance has returned for a young person who died or
 * went home (no activity, no accommodation), are not. */
static bool oc3_given(const VTable *o, int row, int col)
{
    return !vt_blank(o, row, col) && !vt_is(o, row, col, "0");
}

/* DfE 903 rule 344: a young person who died or returned home (DIED, RHOM) has
 * no activity or accommodation; ACTIV and ACCOM are blank or 0. */
static void r344(VCtx *c)
{
    const VTable *o = vt(c, T903_OC3);
    for (int row = 0; row < o->n_rows; row++)
        if (vt_in(o, row, O3_IN_TOUCH, "DIED;RHOM") &&
            (oc3_given(o, row, O3_ACTIV) || oc3_given(o, row, O3_ACCOM)))
            vctx_fail(c, T903_OC3, row);
}

/* DfE 903 rule 345 */
static void r345(VCtx *c)
{
    const VTable *o = vt(c, T903_OC3);
    for (int row = 0; row < o->n_rows; row++)
        if (vt_is(o, row, O3_IN_TOUCH, "YES") &&
            (vt_is(o, row, O3_ACTIV, "0") || vt_is(o, row, O3_ACCOM, "0")))
            vctx_fail(c, T903_OC3, row);
}

/* DfE 903 rule 158 */
static void r158(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++)
        if (vt_is(o, row, O2_INTERVENTION_RECEIVED, "1") &&
            !vt_blank(o, row, O2_INTERVENTION_OFFERED))
            vctx_fail(c, T903_OC2, row);
}

/* DfE 903 rule 159 */
static void r159(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++)
        if (vt_is(o, row, O2_SUBSTANCE_MISUSE, "1") &&
            vt_is(o, row, O2_INTERVENTION_RECEIVED, "0") &&
            vt_blank(o, row, O2_INTERVENTION_OFFERED))
            vctx_fail(c, T903_OC2, row);
}

/* DfE 903 rule 180: an SDQ score is a whole number from 0 to 40. */
static void r180(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++) {
        const char *s = vt_cell(o, row, O2_SDQ_SCORE);
        if (!*s) continue;
        char *end;
        long v = strtol(s, &end, 10);
        if (*end || end == s || s[0] == '+' || s[0] == '-' || v < 0 || v > 40)
            vctx_fail(c, T903_OC2, row);
    }
}

/* DfE 903 rule 181 */
static void r181(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++)
        for (int col = O2_CONVICTED; col <= O2_INTERVENTION_OFFERED; col++)
            if (!vt_blank(o, row, col) && !vt_in(o, row, col, "0;1")) {
                vctx_fail(c, T903_OC2, row);
                break;
            }
}

/* True when immunisations, teeth check, health assessment and substance misuse
 * are all completed. */
static bool core_health_complete(const VTable *o, int row)
{
    return !vt_blank(o, row, O2_IMMUNISATIONS) && !vt_blank(o, row, O2_TEETH_CHECK) &&
           !vt_blank(o, row, O2_HEALTH_ASSESSMENT) && !vt_blank(o, row, O2_SUBSTANCE_MISUSE);
}

/* DfE 903 rule 182 */
static void r182(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++) {
        bool any = false;
        for (int col = O2_CONVICTED; col <= O2_INTERVENTION_OFFERED; col++)
            any |= !vt_blank(o, row, col);
        if (any && !core_health_complete(o, row)) vctx_fail(c, T903_OC2, row);
    }
}

/* DfE 903 rule 188 */
static void r188(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++) {
        int age = age_on(o, row, c->end);
        if (age >= 0 && age < 4 &&
            (!vt_blank(o, row, O2_SDQ_SCORE) || !vt_blank(o, row, O2_SDQ_REASON)))
            vctx_fail(c, T903_OC2, row);
    }
}

/* DfE 903 rule 189 */
static void r189(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++)
        if (age_on(o, row, c->start) >= 17 &&
            (!vt_blank(o, row, O2_SDQ_SCORE) || !vt_blank(o, row, O2_SDQ_REASON)))
            vctx_fail(c, T903_OC2, row);
}

/* DfE 903 rule 192 */
static void r192(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++)
        if (vt_is(o, row, O2_SUBSTANCE_MISUSE, "1") && vt_blank(o, row, O2_INTERVENTION_RECEIVED))
            vctx_fail(c, T903_OC2, row);
}

/* DfE 903 rule 193 */
static void r193(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++)
        if (!vt_is(o, row, O2_SUBSTANCE_MISUSE, "1") &&
            (!vt_blank(o, row, O2_INTERVENTION_RECEIVED) ||
             !vt_blank(o, row, O2_INTERVENTION_OFFERED)))
            vctx_fail(c, T903_OC2, row);
}

/* DfE 903 rule 197a */
static void r197a(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++)
        if (!vt_blank(o, row, O2_SDQ_SCORE) && !vt_blank(o, row, O2_SDQ_REASON))
            vctx_fail(c, T903_OC2, row);
}

/* DfE 903 rule 542 */
static void r542(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++) {
        int age = age_on(o, row, c->end);
        if (age >= 0 && age < 10 && !vt_blank(o, row, O2_CONVICTED)) vctx_fail(c, T903_OC2, row);
    }
}

/* DfE 903 rule 544 */
static void r544(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++)
        if (!vt_blank(o, row, O2_CONVICTED) && !core_health_complete(o, row))
            vctx_fail(c, T903_OC2, row);
}

/* DfE 903 rule 547 */
static void r547(VCtx *c)
{
    const VTable *o = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++)
        if (!vt_blank(o, row, O2_HEALTH_CHECK) && !core_health_complete(o, row))
            vctx_fail(c, T903_OC2, row);
}

/* Rules 440, 441: the participation code says under 4 (PN0, the check's
 * codes with option set) or 4 or over (PN1-PN7), and the age on the review's
 * date says otherwise: 4 on the 4th birthday itself. A code that is neither
 * indicates no age (rule 167 flags it). */
static void review_age(VCtx *c, const VCheck *k)
{
    bool under4_code = k->option;
    const VTable *r = vt(c, T903_REVIEWS);
    for (int row = 0; row < r->n_rows; row++) {
        Date review = vt_date(r, row, R_REVIEW);
        if (review == DATE_NONE || !vt_in(r, row, R_REVIEW_CODE, k->codes)) continue;
        int age = age_on(r, row, review);
        if (age >= 0 && (under4_code ? age >= 4 : age < 4)) vctx_fail(c, T903_REVIEWS, row);
    }
}

const VRule vrules_oc[] = {
    /* DfE 903 rule 131 */
    {"131", 0, 0, "OC3", "IN_TOUCH", "Data entry for being in touch after leaving care is invalid.",
     NULL, .check = VCHECK_CODE_OR_BLANK(T903_OC3, O3_IN_TOUCH)},
    /* DfE 903 rule 132 */
    {"132", 0, 0, "OC3", "ACTIV", "Data entry for activity after leaving care is invalid.", NULL,
     .check = VCHECK_CODE_OR_BLANK(T903_OC3, O3_ACTIV)},
    /* DfE 903 rule 133 */
    {"133", 0, 0, "OC3", "ACCOM",
     "Data entry for accommodation after leaving care is invalid. If reporting on a childs "
     "accommodation after leaving care the data entry must be valid",
     NULL, .check = VCHECK_CODE_OR_BLANK(T903_OC3, O3_ACCOM)},
    {"153", 0, 0, "OC3", "IN_TOUCH;ACTIV;ACCOM",
     "All data items relating to a child's activity or accommodation after leaving care must be "
     "coded or left blank.",
     NULL, .fn = r153},
    {"158", 0, 0, "OC2", "INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "If a child has been recorded as receiving an intervention for their substance misuse "
     "problem, then the additional item on whether an intervention was offered should be left "
     "blank.",
     NULL, .fn = r158},
    {"159", 0, 0, "OC2", "SUBSTANCE_MISUSE;INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "If a child has been recorded as not receiving an intervention for their substance misuse "
     "problem, then the additional item on whether an intervention was offered should be completed "
     "as well.",
     NULL, .fn = r159},
    /* DfE 903 rule 166 */
    {"166", 0, 0, "Reviews", "REVIEW", "Date of review is invalid or blank.", NULL,
     .check = VCHECK_DATE_REQUIRED(T903_REVIEWS, R_REVIEW)},
    /* DfE 903 rule 167: every Reviews row is a review, and its participation
     * code is "invalid or blank" whatever its date (rule 166 flags a blank
     * date; csc-validator-be-903 passes a row with both blank, which the text
     * does not). */
    {"167", 0, 0, "Reviews", "REVIEW_CODE", "Data entry for participation is invalid or blank.",
     NULL, .check = VCHECK_CODE_REQUIRED(T903_REVIEWS, R_REVIEW_CODE)},
    {"180", 0, 0, "OC2", "SDQ_SCORE",
     "Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.", NULL,
     .fn = r180},
    {"181", 0, 0, "OC2",
     "CONVICTED;HEALTH_CHECK;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE;"
     "INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "Data items relating to children looked after continuously for 12 months should be completed "
     "with a 0 or 1.",
     NULL, .fn = r181},
    {"182", 0, 0, "OC2",
     "IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE;CONVICTED;HEALTH_CHECK;"
     "INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "Data entries on immunisations, teeth checks, health assessments and substance misuse problem "
     "identified should be completed or all OC2 fields should be left blank.",
     NULL, .fn = r182},
    {"188", 0, 0, "OC2", "SDQ_SCORE;SDQ_REASON",
     "Child is aged under 4 years at the end of the year, but a Strengths and Difficulties (SDQ) "
     "score or a reason for no SDQ score has been completed.",
     NULL, .fn = r188},
    {"189", 0, 0, "OC2", "DOB;SDQ_SCORE;SDQ_REASON",
     "Child is aged 17 years or over at the beginning of the year, but an Strengths and "
     "Difficulties (SDQ) score or a reason for no Strengths and Difficulties (SDQ) score has been "
     "completed.",
     NULL, .fn = r189},
    {"192", 0, 0, "OC2", "SUBSTANCE_MISUSE;INTERVENTION_RECEIVED",
     "Child has been identified as having a substance misuse problem but the additional item on "
     "whether an intervention was received has been left blank.",
     NULL, .fn = r192},
    {"193", 0, 0, "OC2", "SUBSTANCE_MISUSE;INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "Child not identified as having a substance misuse problem but at least one of the two "
     "additional items on whether an intervention were offered and received have been completed.",
     NULL, .fn = r193},
    /* DfE 903 rule 196 */
    {"196", 0, 0, "OC2", "SDQ_REASON",
     "Strengths and Difficulties (SDQ) reason is not a valid code.", NULL,
     .check = VCHECK_CODE_OR_BLANK(T903_OC2, O2_SDQ_REASON)},
    {"197a", 0, 0, "OC2", "SDQ_SCORE;SDQ_REASON",
     "Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths and "
     "Difficulties Questionnaire score is filled in.",
     NULL, .fn = r197a},
    {"344", 0, 0, "OC3", "IN_TOUCH;ACTIV;ACCOM",
     "The record shows the young person has died or returned home to live with parent(s) or "
     "someone with parental responsibility for a continuous period of 6 months or more, but "
     "activity and/or accommodation on leaving care have been completed.",
     NULL, .fn = r344},
    {"345", 0, 0, "OC3", "IN_TOUCH;ACTIV;ACCOM",
     "The data collection record shows the local authority is in touch with this young person, but "
     "activity and/or accommodation data items are zero.",
     NULL, .fn = r345},
    /* DfE 903 rule 440 */
    {"440", 0, 0, "Reviews", "DOB;REVIEW;REVIEW_CODE",
     "Participation method indicates child was under 4 years old at the time of the review, but "
     "date of birth and review date indicates the child was 4 years old or over.",
     NULL, .check = VCHECK_OF_FAMILY(review_age, .codes = "PN0", .option = true)},
    /* DfE 903 rule 441 */
    {"441", 0, 0, "Reviews", "DOB;REVIEW;REVIEW_CODE",
     "Participation method indicates child was 4 years old or over at the time of the review, but "
     "the date of birth and review date indicates the child was under 4 years old.",
     NULL,
     .check =
         VCHECK_OF_FAMILY(review_age, .codes = "PN1;PN2;PN3;PN4;PN5;PN6;PN7", .option = false)},
    {"542", 0, 0, "OC2", "CONVICTED",
     "A child aged under 10 at 31 March should not have conviction information completed.", NULL,
     .fn = r542},
    {"544", 0, 0, "OC2", "CONVICTED;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE",
     "Any child who has conviction information completed must also have immunisation, teeth check, "
     "health assessment and substance misuse problem identified fields completed.",
     NULL, .fn = r544},
    {"547", 0, 0, "OC2",
     "HEALTH_CHECK;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE",
     "Any child who has health promotion information completed must also have immunisation, teeth "
     "check, health assessment and substance misuse problem identified fields completed.",
     NULL, .fn = r547},
};
const int vrules_oc_n = VRULES_COUNT(vrules_oc);
