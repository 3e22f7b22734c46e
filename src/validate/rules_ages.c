/* rules_ages: the DfE 903 rules that set a child's episodes against their date
 * of birth in Header — the ages at which a legal status, a placement or a
 * reason for leaving care is possible, the length of temporary placements, and
 * the UPN of a child newly looked after. Each rule carries its DfE code;
 * descriptions are the DfE's. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

static const VTable *episodes(const VCtx *c)
{
    return vt(c, T903_EPISODES);
}

/* The child's age on the date in column col of an episode, or -1 when the
 * date or the child's date of birth is unknown. */
static int age_at(const VCtx *c, int row, int col)
{
    const VTable *e = episodes(c);
    Date on = vt_date(e, row, col);
    if (on == DATE_NONE) return -1;
    return vctx_age_on(c, vt_cell(e, row, E_CHILD), on);
}

/* True when the date in column col of an episode is before the child's date of
 * birth (both known): a negative age, which is below every minimum age. */
static bool before_birth(const VCtx *c, int row, int col)
{
    const VTable *e = episodes(c);
    Date on = vt_date(e, row, col), dob = vctx_dob(c, vt_cell(e, row, E_CHILD));
    return on != DATE_NONE && dob != DATE_NONE && on < dob;
}

/* Fails episodes whose code in code_col is in list and where the child's age
 * on the date in date_col is below min_age (when below; a date before birth is
 * below any age, as the DfE's age in years is then negative) or at least
 * min_age. The row's check gives code_col (col), list (codes), date_col
 * (other_col), min_age (number) and below (option). */
static void age_check(VCtx *c, const VCheck *k)
{
    int code_col = k->col;
    const char *list = k->codes;
    int date_col = k->other_col;
    int age = k->number;
    bool below = k->option;
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        if (!vt_in(e, row, code_col, list)) continue;
        if (below && before_birth(c, row, date_col)) {
            vctx_fail(c, T903_EPISODES, row);
            continue;
        }
        int a = age_at(c, row, date_col);
        if (a >= 0 && (below ? a < age : a >= age)) vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 302: the child's first episode starts on or after their birth. */
static void r302(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int g = 0; g < e->n_groups; g++) {
        for (int i = 0; i < vt_group_size(e, g); i++) {
            int row = vt_group_row(e, g, i);
            Date start = vt_date(e, row, E_DECOM);
            if (start == DATE_NONE) continue;
            Date dob = vctx_dob(c, vt_cell(e, row, E_CHILD));
            if (dob != DATE_NONE && start < dob) vctx_fail(c, T903_EPISODES, row);
            break;
        }
    }
}

/* DfE 903 rule 359: a young person still looked after at 31 March after their
 * 18th birthday is accommodated under section 20(5) (V2) in a children's home
 * (K2). */
static void r359(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        if (!vt_blank(e, row, E_DEC) || vt_date(e, row, E_DECOM) == DATE_NONE) continue;
        Date dob = vctx_dob(c, vt_cell(e, row, E_CHILD));
        if (dob == DATE_NONE || date_birthday(dob, 18) >= c->end) continue;
        if (!vt_is(e, row, E_LS, "V2") || !vt_is(e, row, E_PLACE, "K2"))
            vctx_fail(c, T903_EPISODES, row);
    }
}

/* Fails episodes of placement `place` lasting more than max_days (an open
 * episode runs to 31 March). */
static void place_limit(VCtx *c, const VCheck *k)
{
    const char *place = k->codes;
    int max_days = k->number;
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        Date start = vt_date(e, row, E_DECOM), end = vt_date(e, row, E_DEC);
        if (start == DATE_NONE || !vt_is(e, row, E_PLACE, place)) continue;
        if ((end == DATE_NONE ? c->end : end) - start > max_days) vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 210: UN4 (UPN not yet obtained, newly looked after) is for a
 * child whose current period of care began within the last week of the year.
 * A child looked after at 31 March (an open episode) whose period of care — the
 * run of episodes back to its start or to a gap — began before 24 March fails
 * on their Header row, beside the episode whose DECOM began that period (the
 * date compared; the child's other episodes are not named). The DfE's
 * condition as the open-source validator quotes it ("no episode DECOM >=
 * 24/03") reads the other way round from the text; the text is followed. */
static void r210(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER), *e = episodes(c);
    Date week = c->end - 7;
    for (int row = 0; row < h->n_rows; row++) {
        if (!vt_is(h, row, H_UPN, "UN4")) continue;
        int g = vt_group(e, vt_cell(h, row, H_CHILD));
        if (g < 0) continue;
        int i = vt_group_size(e, g) - 1, last = vt_group_row(e, g, i);
        if (!vt_blank(e, last, E_DEC) || vt_date(e, last, E_DECOM) == DATE_NONE) continue;
        Date begun = vt_date(e, last, E_DECOM);
        while (i > 0 && !vt_is(e, vt_group_row(e, g, i), E_RNE, "S")) {
            int prev = vt_group_row(e, g, i - 1);
            if (vt_date(e, prev, E_DEC) != begun || vt_date(e, prev, E_DECOM) == DATE_NONE) break;
            begun = vt_date(e, prev, E_DECOM);
            i--;
        }
        if (begun < week) {
            vctx_fail(c, T903_HEADER, row);
            vctx_fail_partner(c, T903_EPISODES, false, vt_group_row(e, g, i));
        }
    }
}

const VRule vrules_ages[] = {
    {"210", 0, 0, "Episodes;Header", "UPN;DECOM",
     "Children looked after for more than a week at 31 March should not have an unknown Unique "
     "Pupil Number (UPN) code of UN4.",
     NULL, .fn = r210, .marks_own_rows = true},
    /* DfE 903 rule 234: no placement change for custody (CUSTOD) under age 10. */
    {"234", 0, 0, "Episodes;Header", "REASON_PLACE_CHANGE;DOB",
     "A child aged under 10 can not change placement due to being admitted to custody", NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_REASON_PLACE_CHANGE, .codes = "CUSTOD",
                               .other_col = E_DEC, .number = 10, .option = true)},
    {"302", 0, 0, "Episodes;Header", "DECOM;DOB", "First episode starts before child was born.",
     NULL, .fn = r302},
    /* DfE 903 rule 352: a period of care (RNE S) cannot start at 18 or over. */
    {"352", 0, 0, "Episodes;Header", "DECOM;RNE",
     "Child who started to be looked after was aged 18 or over.", NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_RNE, .codes = "S", .other_col = E_DECOM,
                               .number = 18, .option = false)},
    /* DfE 903 rule 358: the youth justice statuses J1-J3 are not for under-10s. */
    {"358", 0, 0, "Episodes;Header", "DECOM;DOB;LS",
     "Child with this legal status should not be under 10.", NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_LS, .codes = "J1;J2;J3", .other_col = E_DECOM,
                               .number = 10, .option = true)},
    {"359", 0, 0, "Episodes;Header", "DEC;LS;PLACE",
     "Child being looked after following 18th birthday must be accommodated under section 20(5) of "
     "the Children Act 1989 in a community home.",
     NULL, .fn = r359},
    /* DfE 903 rule 371 (2022/23: H5, semi-independent living, from age 14) */
    {"371", 0, 2023, "Episodes;Header", "DECOM;PLACE",
     "Child in semi-independent living accommodation not subject to children's homes regulations "
     "should be at least 14.",
     NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_PLACE, .codes = "H5", .other_col = E_DECOM,
                               .number = 14, .option = true)},
    /* DfE 903 rule 371 (2023/24 and 2024/25: H5 from age 16, after the ban on
     * unregulated placements of under-16s) */
    {"371", 2024, 2025, "Episodes;Header", "DECOM;PLACE",
     "Child in supported accomodation not subject to children’s homes regulations should be at "
     "least 16.",
     NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_PLACE, .codes = "H5", .other_col = E_DECOM,
                               .number = 16, .option = true)},
    /* DfE 903 rule 371 (from 2025/26: K3, registered supported accommodation) */
    {"371", 2026, 0, "Episodes;Header", "DECOM;PLACE",
     "Child in supported accomodation not subject to children’s homes regulations should be at "
     "least 16.",
     NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_PLACE, .codes = "K3", .other_col = E_DECOM,
                               .number = 16, .option = true)},
    /* DfE 903 rule 370 (2022/23): independent living (P2) from age 15. */
    {"370", 0, 2023, "Episodes;Header", "DECOM;PLACE",
     "A child placed in independent living (P2) should be aged 15 or over when the placement "
     "starts.",
     NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_PLACE, .codes = "P2", .other_col = E_DECOM,
                               .number = 15, .option = true)},
    /* DfE 903 rule 370 (from 2023/24, while P2 existed): independent living
     * (P2) from age 16. */
    {"370", 2024, 0, "Episodes;Header", "DECOM;PLACE",
     "A child placed in independent living (P2) should be aged 16 or over when the placement "
     "starts.",
     NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_PLACE, .codes = "P2", .other_col = E_DECOM,
                               .number = 16, .option = true)},
    /* DfE 903 rule 372: young offender institution (R5) from age 10. */
    {"372", 0, 0, "Episodes;Header", "DECOM;PLACE",
     "Child in youth custody or prison should be at least 10.", NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_PLACE, .codes = "R5", .other_col = E_DECOM,
                               .number = 10, .option = true)},
    /* DfE 903 rule 373: residential school (S1) from age 4. */
    {"373", 0, 0, "Episodes;Header", "DECOM;PLACE",
     "Child placed in a school should be at least 4 years old.", NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_PLACE, .codes = "S1", .other_col = E_DECOM,
                               .number = 4, .option = true)},
    /* DfE 903 rule 374: residential employment (P3) from age 14. */
    {"374", 0, 0, "Episodes;Header", "DECOM;PLACE",
     "Child in residential employment should be at least 14 years old.", NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_PLACE, .codes = "P3", .other_col = E_DECOM,
                               .number = 14, .option = true)},
    /* DfE 903 rule 375: a temporary period in hospital (T1) at most six weeks. */
    {"375", 0, 0, "Episodes;Header", "DECOM;PLACE",
     "Hospitalisation coded as a temporary placement exceeds six weeks.", "Episodes",
     .check = VCHECK_OF_FAMILY(place_limit, .codes = "T1", .number = 42)},
    /* DfE 903 rule 376: cover while foster carers are on holiday (T3) at most
     * three weeks. */
    {"376", 0, 0, "Episodes;Header", "DECOM;PLACE",
     "Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed "
     "three weeks.",
     "Episodes", .check = VCHECK_OF_FAMILY(place_limit, .codes = "T3", .number = 21)},
    /* DfE 903 rule 379: other temporary accommodation (T4) at most seven days. */
    {"379", 0, 0, "Episodes;Header", "DECOM;PLACE",
     "Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.",
     "Episodes", .check = VCHECK_OF_FAMILY(place_limit, .codes = "T4", .number = 7)},
    /* DfE 903 rule 386: adopted (E11, E12) before the age of 18. */
    {"386", 0, 0, "Episodes;Header", "REC",
     "Reason episode ceased is adopted but child has reached age 18.", NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_REC, .codes = "E11;E12", .other_col = E_DEC,
                               .number = 18, .option = false)},
    /* DfE 903 rule 387: independent living (E5, E6) from age 14. */
    {"387", 0, 0, "Episodes;Header", "REC",
     "Reason episode ceased is child moved into independent living arrangement, but the child is "
     "aged under 14.",
     NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_REC, .codes = "E5;E6", .other_col = E_DEC,
                               .number = 14, .option = true)},
    /* DfE 903 rule 389: adult social care (E7) from age 16. */
    {"389", 0, 0, "Episodes;Header", "REC",
     "Reason episode ceased is that child transferred to care of adult social care services, but "
     "child is aged under 16.",
     NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_REC, .codes = "E7", .other_col = E_DEC,
                               .number = 16, .option = true)},
    /* DfE 903 rule 407: special guardianship (E45-E48) before the age of 18. */
    {"407", 0, 0, "Episodes;Header", "DEC;DOB;REC",
     "Reason episode ceased is Special Guardianship Order, but child has reached age 18.", NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_REC, .codes = "E45;E46;E47;E48",
                               .other_col = E_DEC, .number = 18, .option = false)},
    /* DfE 903 rule 460: staying with carers at 18 (E17) from age 18. */
    {"460", 0, 0, "Episodes;Header", "DEC;REC",
     "Reason episode ceased is that child stayed with current carers at age 18 (or above), but "
     "child is aged under 18.",
     NULL,
     .check = VCHECK_OF_FAMILY(age_check, .col = E_REC, .codes = "E17", .other_col = E_DEC,
                               .number = 18, .option = true)},
};
const int vrules_ages_n = VRULES_COUNT(vrules_ages);
