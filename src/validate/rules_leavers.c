/* rules_leavers: the DfE 903 rules on who may have care leaver information
 * (OC3: IN_TOUCH, ACTIV, ACCOM) given their episodes of care — died in care,
 * adopted, transferred, still looked after on the 17th or 18th birthday, never
 * looked after after 16 — and on what else a care leaver without episodes may
 * have. Ages come from OC3's own date of birth. Each rule carries its DfE code;
 * descriptions are the DfE's.
 *
 * Some of these rules need the whole care history; with this year's and last
 * year's returns only, a rule judges a young person only where the two years
 * show enough (see each rule), so that it raises no false alarm. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

static const VTable *oc3(const VCtx *c)
{
    return vt(c, T903_OC3);
}

/* True when the row has any care leaver information. */
static bool leaver_info(const VTable *o, int row)
{
    return !vt_blank(o, row, O3_IN_TOUCH) || !vt_blank(o, row, O3_ACTIV) ||
           !vt_blank(o, row, O3_ACCOM);
}

/* The latest episode of child (valid start date) in table e, or -1. */
static int latest_episode(const VTable *e, const char *child)
{
    int g = vt_group(e, child);
    if (g < 0) return -1;
    int row = vt_group_row(e, g, vt_group_size(e, g) - 1);
    return vt_date(e, row, E_DECOM) == DATE_NONE ? -1 : row;
}

/* The child's latest episode this year or, without one, in last year's
 * return; sets *t to its table. -1 when neither has one. */
static int latest_known(const VCtx *c, const char *child, const VTable **t)
{
    *t = vt(c, T903_EPISODES);
    int row = latest_episode(*t, child);
    if (row >= 0) return row;
    *t = &c->r->last[T903_EPISODES];
    return latest_episode(*t, child);
}

/* True when any episode of child in e ended for one of the reasons in recs. */
static bool any_ended_with(const VTable *e, const char *child, const char *recs)
{
    int g = vt_group(e, child);
    for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++)
        if (vt_in(e, vt_group_row(e, g, i), E_REC, recs)) return true;
    return false;
}

/* Marks beside the failing OC3 row this year's episodes of child that ended
 * for a reason in recs (for rule 1000 the episode recorded as ending in
 * death; none when only last year's return shows it). */
static void mark_ended_with(VCtx *c, const char *child, const char *recs)
{
    const VTable *e = vt(c, T903_EPISODES);
    int g = vt_group(e, child);
    for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++)
        if (vt_in(e, vt_group_row(e, g, i), E_REC, recs))
            vctx_fail_partner(c, T903_EPISODES, false, vt_group_row(e, g, i));
}

/* Fails OC3 rows with care leaver information whose child's episodes show one
 * ending for a reason in recs: the latest this year (the row's option, rule
 * 1011's "final episode"), or else any episode this year or in last year's
 * return (rule 1000: "recorded as having died in care", as the DfE's check
 * reads it). The episodes that so ended this year are marked beside it. */
static void ended_with(VCtx *c, const VCheck *k)
{
    const char *recs = k->codes;
    bool final_only = k->option;
    const VTable *o = oc3(c), *e = vt(c, T903_EPISODES), *last = &c->r->last[T903_EPISODES];
    for (int row = 0; row < o->n_rows; row++) {
        if (!leaver_info(o, row)) continue;
        const char *child = vt_cell(o, row, O3_CHILD);
        int ep = latest_episode(e, child);
        bool ended = final_only
                         ? ep >= 0 && vt_in(e, ep, E_REC, recs)
                         : any_ended_with(e, child, recs) || any_ended_with(last, child, recs);
        if (!ended) continue;
        vctx_fail(c, T903_OC3, row);
        if (final_only)
            vctx_fail_partner(c, T903_EPISODES, false, ep);
        else
            mark_ended_with(c, child, recs);
    }
}

/* True when an episode of child in e other than a short break (V3, V4) runs
 * after date `after` (ends after it or is open) and starts by `by`. */
static bool in_care_after(const VTable *e, const char *child, Date after, Date by)
{
    int g = vt_group(e, child);
    if (g < 0) return false;
    for (int i = 0; i < vt_group_size(e, g); i++) {
        int row = vt_group_row(e, g, i);
        Date start = vt_date(e, row, E_DECOM), end = vt_date(e, row, E_DEC);
        if (start == DATE_NONE || start > by || vt_in(e, row, E_LS, "V3;V4")) continue;
        if (end == DATE_NONE || end > after) return true;
    }
    return false;
}

/* Days of care other than short breaks (V3, V4) in table e from `from` to
 * `to`, an open episode running to `to`. */
static long days_in_care(const VTable *e, const char *child, Date from, Date to)
{
    int g = vt_group(e, child);
    long days = 0;
    for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++) {
        int row = vt_group_row(e, g, i);
        Date start = vt_date(e, row, E_DECOM), end = vt_date(e, row, E_DEC);
        if (start == DATE_NONE || vt_in(e, row, E_LS, "V3;V4")) continue;
        if (end == DATE_NONE || end > to) end = to;
        if (start < from) start = from;
        if (end >= start) days += end - start;
    }
    return days;
}

/* Carepledge's reading of 1001 with the stored history (--db): the young
 * person is an eligible, relevant or former relevant child when looked after
 * for at least 13 weeks (91 days) since their 14th birthday, some of it after
 * their 16th birthday (Children (Leaving Care) Act 2000; Care Leavers
 * (England) Regulations 2010 reg 3: short breaks do not count), and the latest
 * episode was no adoption. The 13 weeks are judged only for those 14 or
 * younger when the stored history begins (history_from); older young people
 * on adoption alone. True when the history shows they are not a care leaver. */
static bool not_leaver_in_history(const VCtx *c, const VTable *h, const char *child, Date dob)
{
    int ep = latest_episode(h, child);
    if (ep < 0) return false; /* no episodes at all: rule 1002 */
    if (vt_in(h, ep, E_REC, "E11;E12")) return true;
    if (dob == DATE_NONE || date_birthday(dob, 14) < c->r->history_from) return false;
    Date b14 = date_birthday(dob, 14), b16 = date_birthday(dob, 16);
    return !in_care_after(h, child, b16, c->end) || days_in_care(h, child, b14, c->end) < 91;
}

/* DfE 903 rule 1001 as the DfE's check reads it, on the two returns it sees:
 * a young person with care leaver information and an episode in either year
 * is not a relevant or former relevant child when the latest episode ended in
 * adoption (E11, E12), or the two years hold under 91 days of care (short
 * breaks aside) since the 14th birthday, or none after the 16th. Last year's
 * episodes count up to 1 April, this year's from then, so an episode in both
 * returns counts once. */
static bool not_leaver_in_two_years(const VCtx *c, const char *child, Date dob)
{
    const VTable *e, *cur = vt(c, T903_EPISODES), *last = &c->r->last[T903_EPISODES];
    int ep = latest_known(c, child, &e);
    if (ep < 0) return false; /* no episodes at all: rule 1002 */
    if (vt_in(e, ep, E_REC, "E11;E12")) return true;
    if (dob == DATE_NONE) return false;
    Date b14 = date_birthday(dob, 14), b16 = date_birthday(dob, 16);
    long days = days_in_care(last, child, b14, c->start) +
                days_in_care(cur, child, b14 > c->start ? b14 : c->start, c->end);
    return days < 91 ||
           (!in_care_after(cur, child, b16, c->end) && !in_care_after(last, child, b16, c->end));
}

/* Carepledge's reading of 1001 on the two returns: what they prove — the
 * latest known episode an adoption, or no care (short breaks aside) after a
 * 16th birthday that falls within them (window: last year's 1 April). */
static bool proved_in_two_years(const VCtx *c, const char *child, Date dob, Date window)
{
    const VTable *e, *last = &c->r->last[T903_EPISODES];
    int ep = latest_known(c, child, &e);
    if (ep >= 0 && vt_in(e, ep, E_REC, "E11;E12")) return true;
    if (dob == DATE_NONE || date_birthday(dob, 16) < window) return false;
    Date b16 = date_birthday(dob, 16);
    return !in_care_after(vt(c, T903_EPISODES), child, b16, c->end) &&
           !in_care_after(last, child, b16, c->end);
}

/* The DfE flags 1001 whenever the two years fail (never suppressed). Where
 * Carepledge knows better it adds its advisory: with --db when the stored
 * history shows a care leaver; without it when the 16th birthday is before
 * last year's collection year, so the care that made them one may predate the
 * two returns. A flag the history confirms, or the two years prove (a 16th
 * birthday within them), stays plain; the history also fails young people the
 * two years pass. */
static void r1001(VCtx *c)
{
    const VTable *o = oc3(c), *h = vctx_history(c);
    Date window = date_collection_year_start(c->r->year - 1);
    for (int row = 0; row < o->n_rows; row++) {
        if (!leaver_info(o, row)) continue;
        const char *child = vt_cell(o, row, O3_CHILD);
        Date dob = vt_date(o, row, O3_DOB);
        bool dfe = not_leaver_in_two_years(c, child, dob);
        bool ours = h ? not_leaver_in_history(c, h, child, dob)
                      : dfe && proved_in_two_years(c, child, dob, window);
        if (dfe && !ours)
            vctx_fail_advised(c, T903_OC3, row,
                              h ? "the stored history shows at least 13 weeks of care since the "
                                  "14th birthday, some after the 16th, so the young person is a "
                                  "care leaver"
                                : "the 16th birthday is before last year's collection year, so "
                                  "the care that made the young person a care leaver may be "
                                  "before the two returns");
        else if (dfe || ours)
            vctx_fail(c, T903_OC3, row);
    }
}

/* Why Carepledge reads a young person flagged by 1002 as probably a care
 * leaver, or NULL: with --db, the stored history holds care of theirs that
 * makes them one (as 1001 with the history reads it), or holds none but
 * begins after their 14th birthday, so the care may predate it; without it,
 * the 16th birthday is before last year's collection year (window), so the
 * care may predate the two returns. */
static const char *care_leaver_why(const VCtx *c, const VTable *h, const char *child, Date dob,
                                   Date window)
{
    if (h && vt_group(h, child) >= 0)
        return not_leaver_in_history(c, h, child, dob)
                   ? NULL
                   : "the stored history holds care of this young person before last year's "
                     "collection year that makes them a care leaver";
    if (h)
        return dob != DATE_NONE && date_birthday(dob, 14) < c->r->history_from
                   ? "the stored history begins after the 14th birthday, so the young person "
                     "may have been in care before it"
                   : NULL;
    return dob != DATE_NONE && date_birthday(dob, 16) < window
               ? "the 16th birthday is before last year's collection year, so the young person "
                 "may have left care before the two returns"
               : NULL;
}

/* DfE 903 rule 1002: a young person with care leaver information and no
 * episode in this year's or last year's return, as the DfE's check reads it.
 * Carepledge adds its advisory where the young person may well have been in
 * care before (care_leaver_why). With --db a young person with no stored
 * episode at all, whose 14th birthday the history reaches back to, fails
 * plainly. */
static void r1002(VCtx *c)
{
    const VTable *o = oc3(c), *cur = vt(c, T903_EPISODES), *last = &c->r->last[T903_EPISODES];
    Date window = date_collection_year_start(c->r->year - 1);
    for (int row = 0; row < o->n_rows; row++) {
        if (!leaver_info(o, row)) continue;
        const char *child = vt_cell(o, row, O3_CHILD);
        if (vt_group(cur, child) >= 0 || vt_group(last, child) >= 0) continue;
        const char *why =
            care_leaver_why(c, vctx_history(c), child, vt_date(o, row, O3_DOB), window);
        if (why)
            vctx_fail_advised(c, T903_OC3, row, why);
        else
            vctx_fail(c, T903_OC3, row);
    }
}

/* The 17th or 18th birthday of an OC3 young person that falls in the
 * collection year, or DATE_NONE when they are not 17 or 18 on 31 March. */
static Date leaver_birthday(const VCtx *c, int row)
{
    int age = vt_age_on(oc3(c), row, O3_DOB, c->end);
    if (age != 17 && age != 18) return DATE_NONE;
    return date_birthday(vt_date(oc3(c), row, O3_DOB), age);
}

/* DfE 903 rule 1007: care leaver information for a young person aged 17 or 18
 * on 31 March (OC3's DOB) whose current episode (the latest this year) has no
 * end date or no reason, i.e. who is still looked after. As the DfE's
 * condition reads, the episode need not have begun by the 17th or 18th
 * birthday (one begun after it fails too). That current episode is marked
 * beside the OC3 row. */
static void r1007(VCtx *c)
{
    const VTable *o = oc3(c), *e = vt(c, T903_EPISODES);
    for (int row = 0; row < o->n_rows; row++) {
        if (!leaver_info(o, row)) continue;
        int age = vt_age_on(o, row, O3_DOB, c->end);
        if (age != 17 && age != 18) continue;
        int ep = latest_episode(e, vt_cell(o, row, O3_CHILD));
        if (ep >= 0 && (vt_blank(e, ep, E_DEC) || vt_blank(e, ep, E_REC))) {
            vctx_fail(c, T903_OC3, row);
            vctx_fail_partner(c, T903_EPISODES, false, ep);
        }
    }
}

/* DfE 903 rule 1016: care leaver information given for a young person whose
 * 17th or 18th birthday is in the year and who ceased to be looked after
 * after it: the current episode (the latest this year) has an end date after
 * the birthday (the DfE's condition: "current episode DEC is present and
 * after the birthdate"; leaving on the birthday itself is not after it). An
 * earlier episode ending after the birthday with a later one following is a
 * change within care, not ceasing. As the DfE's condition, the episode need
 * not have been running on the birthday. That episode is marked beside the
 * OC3 row. */
static void r1016(VCtx *c)
{
    const VTable *o = oc3(c), *e = vt(c, T903_EPISODES);
    for (int row = 0; row < o->n_rows; row++) {
        if (!leaver_info(o, row)) continue;
        Date bday = leaver_birthday(c, row);
        int ep = bday == DATE_NONE ? -1 : latest_episode(e, vt_cell(o, row, O3_CHILD));
        Date end = ep < 0 ? DATE_NONE : vt_date(e, ep, E_DEC);
        if (end != DATE_NONE && end > bday) {
            vctx_fail(c, T903_OC3, row);
            vctx_fail_partner(c, T903_EPISODES, false, ep);
        }
    }
}

/* DfE 903 rule 1010: an episode open at the end of last year, none this year,
 * and care leaver information; that open episode of last year is marked
 * beside the OC3 row (not the child's earlier episodes). */
static void r1010(VCtx *c)
{
    const VTable *o = oc3(c), *cur = vt(c, T903_EPISODES), *last = &c->r->last[T903_EPISODES];
    for (int row = 0; row < o->n_rows; row++) {
        const char *child = vt_cell(o, row, O3_CHILD);
        if (!leaver_info(o, row) || vt_group(cur, child) >= 0) continue;
        int ep = latest_episode(last, child);
        if (ep >= 0 && vt_blank(last, ep, E_DEC)) {
            vctx_fail(c, T903_OC3, row);
            vctx_fail_partner(c, T903_EPISODES, true, ep);
        }
    }
}

/* DfE 903 rule 1012: an OC3 young person without episodes this year has no
 * rows in the other tables about children looked after ("no other data"):
 * social worker episodes (from 2023/24) and DoLOs (from 2026/27) too, which
 * are recorded only for children looked after. */
static void r1012(VCtx *c)
{
    static const Ssda903TableId others[] = {T903_REVIEWS,         T903_OC2,       T903_AD1,
                                            T903_PLACED_ADOPTION, T903_PREV_PERM, T903_MISSING,
                                            T903_SW_EPISODES,     T903_DOLO};
    const VTable *o = oc3(c), *e = vt(c, T903_EPISODES);
    for (size_t k = 0; k < sizeof others / sizeof others[0]; k++) {
        const VTable *t = vt(c, others[k]);
        if (!vt_present(t)) continue;
        for (int row = 0; row < t->n_rows; row++) {
            const char *child = vt_cell(t, row, 0);
            if (vt_group(o, child) >= 0 && vt_group(e, child) < 0) vctx_fail(c, others[k], row);
        }
    }
}

/* DfE 903 rule 1014: a care leaver (care leaver information, not looked after
 * this year) has no UASC row; both rows fail. */
static void r1014(VCtx *c)
{
    const VTable *o = oc3(c), *u = vt(c, T903_UASC);
    for (int row = 0; row < o->n_rows; row++) {
        const char *child = vt_cell(o, row, O3_CHILD);
        int g = vt_group(u, child);
        if (g < 0 || !leaver_info(o, row) || vctx_in_care_during_year(c, child)) continue;
        vctx_fail(c, T903_OC3, row);
        for (int i = 0; i < vt_group_size(u, g); i++)
            vctx_fail(c, T903_UASC, vt_group_row(u, g, i));
    }
}

/* DfE 903 rule 3001: "staying put" accommodation (Z1, Z2: with former foster
 * carers after 18) is not for a young person whose 17th birthday is in the
 * year. */
static void r3001(VCtx *c)
{
    const VTable *o = oc3(c);
    for (int row = 0; row < o->n_rows; row++)
        if (vt_age_on(o, row, O3_DOB, c->end) == 17 && vt_in(o, row, O3_ACCOM, "Z1;Z2"))
            vctx_fail(c, T903_OC3, row);
}

/* DfE 903 rule 134: no adoption data (AD1) for a young person with care
 * leaver information; both rows fail. */
static void r134(VCtx *c)
{
    const VTable *o = oc3(c), *a = vt(c, T903_AD1);
    for (int row = 0; row < o->n_rows; row++) {
        int g = vt_group(a, vt_cell(o, row, O3_CHILD));
        if (g < 0 || !leaver_info(o, row)) continue;
        for (int i = 0; i < vt_group_size(a, g); i++) {
            int ar = vt_group_row(a, g, i);
            bool any = false;
            for (int col = A_DATE_INT; col <= A_LS_ADOPTR; col++) any |= !vt_blank(a, ar, col);
            if (!any) continue;
            vctx_fail(c, T903_AD1, ar);
            vctx_fail(c, T903_OC3, row);
        }
    }
}

/* DfE 903 rule 215: no OC2 items for a young person with care leaver
 * information; both rows fail. */
static void r215(VCtx *c)
{
    const VTable *o = oc3(c), *o2 = vt(c, T903_OC2);
    for (int row = 0; row < o->n_rows; row++) {
        int g = vt_group(o2, vt_cell(o, row, O3_CHILD));
        if (g < 0 || !leaver_info(o, row)) continue;
        for (int i = 0; i < vt_group_size(o2, g); i++) {
            int r2 = vt_group_row(o2, g, i);
            bool any = false;
            for (int col = O2_CONVICTED; col <= O2_INTERVENTION_OFFERED; col++)
                any |= !vt_blank(o2, r2, col);
            if (!any) continue;
            vctx_fail(c, T903_OC2, r2);
            vctx_fail(c, T903_OC3, row);
        }
    }
}

/* DfE 903 rule 347: a foyer (ACCOM T1, T2) is for care leavers of 18 or over
 * (age on 31 March). */
static void r347(VCtx *c)
{
    const VTable *o = oc3(c);
    for (int row = 0; row < o->n_rows; row++) {
        int age = vt_age_on(o, row, O3_DOB, c->end);
        if (age >= 0 && age < 18 && vt_in(o, row, O3_ACCOM, "T1;T2")) vctx_fail(c, T903_OC3, row);
    }
}

/* DfE 903 rule 348: a young person reported last year as having died (DIED)
 * is not reported this year as anything else. */
static void r348(VCtx *c)
{
    const VTable *o = oc3(c), *last = &c->r->last[T903_OC3];
    for (int row = 0; row < o->n_rows; row++) {
        int prev = vt_first_row(last, vt_cell(o, row, O3_CHILD));
        if (prev >= 0 && vt_is(last, prev, O3_IN_TOUCH, "DIED") &&
            !vt_is(o, row, O3_IN_TOUCH, "DIED"))
            vctx_fail(c, T903_OC3, row);
    }
}

/* DfE 903 rule 391: a young person who is not 17 to 21 at some time in the
 * year (22 or over on 1 April, or 16 or under on 31 March) has none of
 * IN_TOUCH, ACTIV and ACCOM; a row without them passes whatever the age. */
static void r391(VCtx *c)
{
    const VTable *o = oc3(c);
    for (int row = 0; row < o->n_rows; row++) {
        if (!leaver_info(o, row)) continue;
        int age_start = vt_age_on(o, row, O3_DOB, c->start),
            age_end = vt_age_on(o, row, O3_DOB, c->end);
        if (age_start >= 22 || (age_end >= 0 && age_end <= 16)) vctx_fail(c, T903_OC3, row);
    }
}

const VRule vrules_leavers[] = {
    /* DfE 903 rule 1000: died in care (E2). */
    {"1000", 0, 0, "Episodes;OC3", "IN_TOUCH;ACTIV;ACCOM",
     "This child is recorded as having died in care and therefore should not have the care leaver "
     "information completed. [NOTE: This only tests the current and previous year data loaded into "
     "the tool]",
     NULL, .check = VCHECK_OF_FAMILY(ended_with, .codes = "E2", .option = false),
     .marks_own_rows = true},
    {"1001", 0, 0, "Episodes;Episodes_last;Header;OC3", "IN_TOUCH;ACTIV;ACCOM",
     "The episodes recorded for this young person suggest they are not a relevant or a former "
     "relevant child and therefore should not have care leaver information completed. [NOTE: This "
     "tool can only test the current and previous year data loaded into the tool - this check may "
     "generate false positives if a child had episodes prior to last year's collection.]",
     "Episodes;Episodes_last;OC3", .fn = r1001},
    {"1002", 0, 0, "Episodes;Episodes_last;OC3", "IN_TOUCH;ACTIV;ACCOM",
     "This child has no previous episodes of care, therefore should not have care leaver "
     "information recorded. [NOTE: This tool can only test the current and previous year data "
     "loaded into the tool - this check may generate false positives if a child had episodes prior "
     "to last year's collection.]",
     NULL, .fn = r1002},
    /* DfE 903 rule 1007 */
    {"1007", 0, 0, "Episodes;OC3", "IN_TOUCH;ACTIV;ACCOM",
     "Care leaver information is not required for 17- or 18-year olds who are still looked after "
     "[on their 17th or 18th birthday.]",
     NULL, .fn = r1007, .marks_own_rows = true},
    {"1010", 0, 0, "Episodes;Episodes_last;OC3", "IN_TOUCH;ACTIV;ACCOM",
     "This child has no episodes loaded for current year even though there was an open episode of "
     "care at the end of the previous year, and care leaver data has been entered.",
     NULL, .fn = r1010, .marks_own_rows = true},
    /* DfE 903 rule 1011: the final episode ended with care taken over by another
     * authority (E3). */
    {"1011", 0, 0, "Episodes;OC3", "IN_TOUCH;ACTIV;ACCOM",
     "This child is recorded as having his/her care transferred to another local authority for the "
     "final episode and therefore should not have the care leaver information completed.",
     NULL, .check = VCHECK_OF_FAMILY(ended_with, .codes = "E3", .option = true),
     .marks_own_rows = true},
    {"1012", 0, 0, "Episodes", "CHILD",
     "No other data should be returned for OC3 children who had no episodes in the current year",
     "Episodes;OC3", .fn = r1012},
    {"1014", 0, 0, "Episodes;OC3;UASC", "ACTIV;ACCOM;IN_TOUCH;DUC",
     "UASC information is not required for care leavers", NULL, .fn = r1014},
    /* DfE 903 rule 1016 */
    {"1016", 0, 0, "Episodes;OC3", "IN_TOUCH;ACTIV;ACCOM",
     "Care leaver information is not required for 17- or 18-year olds who cease to be looked "
     "after, "
     "after their birthday.",
     NULL, .fn = r1016, .marks_own_rows = true},
    {"3001", 0, 0, "Header;OC3", "REC",
     "Where care leavers information is being returned for a young person around their 17th "
     "birthday, the accommodation cannot be with their former foster carer(s).",
     "OC3", .fn = r3001},
    {"134", 0, 0, "AD1;OC3",
     "IN_TOUCH;ACTIV;ACCOM;DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR",
     "Data on adoption should not be entered for the OC3 cohort.", NULL, .fn = r134},
    {"215", 0, 0, "OC2;OC3",
     "IN_TOUCH;ACTIV;ACCOM;CONVICTED;HEALTH_CHECK;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;"
     "SUBSTANCE_MISUSE;INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "Child has care leaver information but one or more data items relating to children looked "
     "after for 12 months have been completed.",
     NULL, .fn = r215},
    {"347", 0, 0, "OC3", "PLACE;DEC;URN",
     "Care leavers aged under 18 years, can not be accommodated in a Foyer.", NULL, .fn = r347},
    {"348", 0, 0, "OC3", "IN_TOUCH", "Care leaver has previously been reported as having died.",
     "OC3;OC3_last", .fn = r348},
    {"391", 0, 0, "OC3", "DOB;IN_TOUCH;ACTIV;ACCOM",
     "Young person was not 17, 18, 19, 20 or 21 during the current collection year.", NULL,
     .fn = r391},
};
const int vrules_leavers_n = VRULES_COUNT(vrules_leavers);
