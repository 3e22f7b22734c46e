/* rules_adoption: the DfE 903 rules on adoption (AD1), decisions to place for
 * adoption (PlacedAdoption) and previous permanence (PrevPerm): valid codes and
 * dates, complete records, adopters' legal status agreeing with their sexes,
 * and decisions in a sensible order. Each rule carries its DfE code. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#define COUPLE "MM;FF;MF"

/* DfE 903 rule 119 */
static void r119(VCtx *c)
{
    const VTable *p = vt(c, T903_PLACED_ADOPTION);
    for (int row = 0; row < p->n_rows; row++)
        if (vt_blank(p, row, PA_DATE_PLACED_CEASED) != vt_blank(p, row, PA_REASON_PLACED_CEASED))
            vctx_fail(c, T903_PLACED_ADOPTION, row);
}

/* DfE 903 rule 151: the six adoption items all coded or all blank. */
static void r151(VCtx *c)
{
    const VTable *a = vt(c, T903_AD1);
    for (int row = 0; row < a->n_rows; row++) {
        int blank = 0;
        for (int col = A_DATE_INT; col <= A_LS_ADOPTR; col++) blank += vt_blank(a, row, col);
        if (blank > 0 && blank < 6) vctx_fail(c, T903_AD1, row);
    }
}

/* DfE 903 rule 184 */
static void r184(VCtx *c)
{
    const VTable *p = vt(c, T903_PLACED_ADOPTION);
    for (int row = 0; row < p->n_rows; row++) {
        Date placed = vt_date(p, row, PA_DATE_PLACED);
        Date dob = vctx_dob(c, vt_cell(p, row, PA_CHILD));
        if (placed != DATE_NONE && dob != DATE_NONE && placed < dob)
            vctx_fail(c, T903_PLACED_ADOPTION, row);
    }
}

/* DfE 903 rule 333: when the child has been matched (DATE_MATCH given), the
 * date of the decision that they should be placed (DATE_INT) must be given and
 * on or before the match; a blank DATE_INT fails. */
static void r333(VCtx *c)
{
    const VTable *a = vt(c, T903_AD1);
    for (int row = 0; row < a->n_rows; row++) {
        Date d_int = vt_date(a, row, A_DATE_INT), match = vt_date(a, row, A_DATE_MATCH);
        if (match != DATE_NONE && (d_int == DATE_NONE || d_int > match))
            vctx_fail(c, T903_AD1, row);
    }
}

/* Rules 511-524: when col holds `when`, SEX_ADOPTR must (must_be) or must not
 * be one of `sexes`. A blank SEX_ADOPTR is not one of them: the DfE's checks
 * flag it beside rule 151 (the peer validator's 519 and 520 do). */
static void adopters_sex(VCtx *c, const VCheck *k)
{
    int col = k->col;
    const char *when = k->codes;
    const char *sexes = k->other_codes;
    bool must_be = k->option;
    const VTable *a = vt(c, T903_AD1);
    for (int row = 0; row < a->n_rows; row++) {
        if (!vt_is(a, row, col, when)) continue;
        if (vt_in(a, row, A_SEX_ADOPTR, sexes) != must_be) vctx_fail(c, T903_AD1, row);
    }
}

/* DfE 903 rule 522 */
static void r522(VCtx *c)
{
    const VTable *p = vt(c, T903_PLACED_ADOPTION);
    for (int row = 0; row < p->n_rows; row++) {
        Date placed = vt_date(p, row, PA_DATE_PLACED);
        Date ceased = vt_date(p, row, PA_DATE_PLACED_CEASED);
        if (placed != DATE_NONE && ceased != DATE_NONE && placed > ceased)
            vctx_fail(c, T903_PLACED_ADOPTION, row);
    }
}

/* DfE 903 rule 563 */
static void r563(VCtx *c)
{
    const VTable *p = vt(c, T903_PLACED_ADOPTION);
    for (int row = 0; row < p->n_rows; row++)
        if (vt_blank(p, row, PA_DATE_PLACED) && (!vt_blank(p, row, PA_DATE_PLACED_CEASED) ||
                                                 !vt_blank(p, row, PA_REASON_PLACED_CEASED)))
            vctx_fail(c, T903_PLACED_ADOPTION, row);
}

/* DfE 903 rule 579: a new decision while the previous one is open or before it
 * ceased. Fails the later decision. */
static void r579(VCtx *c)
{
    const VTable *p = vt(c, T903_PLACED_ADOPTION);
    for (int g = 0; g < p->n_groups; g++) {
        int n = vt_group_size(p, g);
        for (int i = 1; i < n; i++) {
            int prev = vt_group_row(p, g, i - 1), row = vt_group_row(p, g, i);
            Date placed = vt_date(p, row, PA_DATE_PLACED);
            Date prev_placed = vt_date(p, prev, PA_DATE_PLACED);
            Date prev_ceased = vt_date(p, prev, PA_DATE_PLACED_CEASED);
            if (placed == DATE_NONE || prev_placed == DATE_NONE) continue;
            if (prev_ceased == DATE_NONE || placed < prev_ceased)
                vctx_fail(c, T903_PLACED_ADOPTION, row);
        }
    }
}

/* DfE 903 rule 635 */
static void r635(VCtx *c)
{
    const VTable *p = vt(c, T903_PREV_PERM);
    for (int row = 0; row < p->n_rows; row++)
        if (vt_is(p, row, PP_PREV_PERM, "Z1") &&
            (!vt_blank(p, row, PP_LA_PERM) || !vt_blank(p, row, PP_DATE_PERM)))
            vctx_fail(c, T903_PREV_PERM, row);
}

const VRule vrules_adoption[] = {
    /* DfE 903 rule 112 */
    {"112", 0, 0, "AD1", "DATE_INT", "Date should be placed for adoption is not a valid date.",
     NULL, .check = VCHECK_DATE_OR_BLANK(T903_AD1, A_DATE_INT)},
    /* DfE 903 rule 113 */
    {"113", 0, 0, "AD1", "DATE_MATCH", "Date matching child and adopter(s) is not a valid date.",
     NULL, .check = VCHECK_DATE_OR_BLANK(T903_AD1, A_DATE_MATCH)},
    /* DfE 903 rule 114 */
    {"114", 0, 0, "AD1", "FOSTER_CARE",
     "Data entry to record the status of former carer(s) of an adopted child is invalid.", NULL,
     .check = VCHECK_CODE_OR_BLANK(T903_AD1, A_FOSTER_CARE)},
    /* DfE 903 rule 115 */
    {"115", 0, 0, "PlacedAdoption", "DATE_PLACED",
     "Date of Local Authority's (LA) decision that a child should be placed for adoption is not a "
     "valid date.",
     NULL, .check = VCHECK_DATE_OR_BLANK(T903_PLACED_ADOPTION, PA_DATE_PLACED)},
    /* DfE 903 rule 116 */
    {"116", 0, 0, "PlacedAdoption", "DATE_PLACED_CEASED",
     "Date of Local Authority's (LA) decision that a child should no longer be placed for adoption "
     "is not a valid date.",
     NULL, .check = VCHECK_DATE_OR_BLANK(T903_PLACED_ADOPTION, PA_DATE_PLACED_CEASED)},
    {"119", 0, 0, "PlacedAdoption", "REASON_PLACED_CEASED;DATE_PLACED_CEASED",
     "If the decision is made that a child should no longer be placed for adoption, then the date "
     "of this decision and the reason why this decision was made must be completed.",
     NULL, .fn = r119},
    /* DfE 903 rule 120 */
    {"120", 0, 0, "PlacedAdoption", "REASON_PLACED_CEASED",
     "The reason for the reversal of the decision that the child should be placed for adoption "
     "code is not valid.",
     NULL, .check = VCHECK_CODE_OR_BLANK(T903_PLACED_ADOPTION, PA_REASON_PLACED_CEASED)},
    {"151", 0, 0, "AD1", "DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTER;SEX_ADOPTR;LS_ADOPTR",
     "All data items relating to a childs adoption must be coded or left blank.", NULL, .fn = r151},
    /* DfE 903 rule 175 */
    {"175", 0, 0, "AD1", "NB_ADOPTR", "The number of adopter(s) code is not a valid code.", NULL,
     .check = VCHECK_CODE_OR_BLANK(T903_AD1, A_NB_ADOPTR)},
    /* DfE 903 rule 176 */
    {"176", 0, 0, "AD1", "SEX_ADOPTR",
     "The gender of adopter(s) at the date of adoption code is not a valid code.", NULL,
     .check = VCHECK_CODE_OR_BLANK(T903_AD1, A_SEX_ADOPTR)},
    /* DfE 903 rule 177 */
    {"177", 0, 0, "AD1", "LS_ADOPTR", "The legal status of adopter(s) code is not a valid code.",
     NULL, .check = VCHECK_CODE_OR_BLANK(T903_AD1, A_LS_ADOPTR)},
    {"184", 0, 0, "Header;PlacedAdoption", "DATE_PLACED;DOB",
     "Date of decision that a child should be placed for adoption is before the child was born.",
     NULL, .fn = r184},
    {"333", 0, 0, "AD1", "DATE_INT",
     "Date should be placed for adoption must be on or prior to the date of matching child with "
     "adopter(s).",
     NULL, .fn = r333},
    /* DfE 903 rule 511: two adopters are a couple. */
    {"511", 0, 0, "AD1", "NB_ADOPTR;SEX_ADOPTR",
     "If reporting that the number of person(s) adopting the looked after child is two adopters "
     "then the code should only be MM, FF or MF. MM = the adopting couple are both males; FF = the "
     "adopting couple are both females; MF = The adopting couple are male and female.",
     NULL,
     .check = VCHECK_OF_FAMILY(adopters_sex, .col = A_NB_ADOPTR, .codes = "2",
                               .other_codes = COUPLE, .option = true)},
    /* DfE 903 rule 514: a single adopter (L0) is a single M1 or F1, as the DfE
     * checks it: any other code (a couple, or an invalid one) fails. */
    {"514", 0, 0, "AD1", "LS_ADOPTR;SEX_ADOPTR",
     "Data entry on the legal status of adopters shows a single adopter but data entry for the "
     "numbers of adopters shows it as a couple.",
     NULL,
     .check = VCHECK_OF_FAMILY(adopters_sex, .col = A_LS_ADOPTR, .codes = "L0",
                               .other_codes = "M1;F1", .option = true)},
    /* DfE 903 rule 517: L3 is a different-sex couple. */
    {"517", 0, 0, "AD1", "LS_ADOPTR;SEX_ADOPTR",
     "If reporting legal status of adopters is L3 then the genders of adopters should be coded as "
     "MF. MF = the adopting couple are male and female.",
     NULL,
     .check = VCHECK_OF_FAMILY(adopters_sex, .col = A_LS_ADOPTR, .codes = "L3", .other_codes = "MF",
                               .option = true)},
    /* DfE 903 rule 518: L4 is a same-sex couple. */
    {"518", 0, 0, "AD1", "LS_ADOPTR;SEX_ADOPTR",
     "If reporting legal status of adopters is L4 then the genders of adopters should be coded as "
     "MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both "
     "females.",
     NULL,
     .check = VCHECK_OF_FAMILY(adopters_sex, .col = A_LS_ADOPTR, .codes = "L4",
                               .other_codes = "MM;FF", .option = true)},
    /* DfE 903 rule 519: L2 (civil partners) is a couple. */
    {"519", 0, 0, "AD1", "LS_ADOPTR;SEX_ADOPTR",
     "Data entered on the legal status of adopters shows civil partnership couple, but data "
     "entered on genders of adopters does not show it as a couple.",
     NULL,
     .check = VCHECK_OF_FAMILY(adopters_sex, .col = A_LS_ADOPTR, .codes = "L2",
                               .other_codes = COUPLE, .option = true)},
    /* DfE 903 rule 520: L11 (different-sex married couple) is MF, as the DfE
     * checks it: a same-sex couple or any other code fails. */
    {"520", 0, 0, "AD1", "LS_ADOPTR;SEX_ADOPTR",
     "Data entry on the legal status of adopters shows different gender married couple but data "
     "entry on genders of adopters shows it as a same gender couple.",
     NULL,
     .check = VCHECK_OF_FAMILY(adopters_sex, .col = A_LS_ADOPTR, .codes = "L11",
                               .other_codes = "MF", .option = true)},
    {"522", 0, 0, "PlacedAdoption", "DATE_PLACED;DATE_PLACED_CEASED",
     "Date of decision that the child should be placed for adoption must be on or before the date "
     "that a child should no longer be placed for adoption.",
     NULL, .fn = r522},
    /* DfE 903 rule 524: L12 (same-sex married couple) is MM or FF. */
    {"524", 0, 0, "AD1", "LS_ADOPTR;SEX_ADOPTR",
     "If reporting legal status of adopters is L12 then the genders of adopters should be coded as "
     "MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females",
     NULL,
     .check = VCHECK_OF_FAMILY(adopters_sex, .col = A_LS_ADOPTR, .codes = "L12",
                               .other_codes = "MM;FF", .option = true)},
    {"563", 0, 0, "PlacedAdoption", "DATE_PLACED;REASON_PLACED_CEASED;DATE_PLACED_CEASED",
     "The child should no longer be placed for adoption but the date of the decision that the "
     "child should be placed for adoption is blank",
     NULL, .fn = r563},
    {"579", 0, 0, "PlacedAdoption", "DATE_PLACED;DATE_PLACED_CEASED",
     "A new decision that the child should be placed for adoption this year cannot start when the "
     "previous decision is still open. Decisions to place the child for adoption should also not "
     "overlap. The date of any new decision to place the child for adoption must not be before the "
     "date placed ceased of previous decisions.",
     NULL, .fn = r579},
    /* DfE 903 rule 631 */
    {"631", 0, 0, "PrevPerm", "PREV_PERM", "Previous permanence option not a valid value.", NULL,
     .check = VCHECK_CODE_OR_BLANK(T903_PREV_PERM, PP_PREV_PERM)},
    /* DfE 903 rule 633 */
    {"633", 0, 0, "PrevPerm", "LA_PERM",
     "Local authority code where previous permanence option was arranged is not a valid value.",
     NULL, .check = VCHECK_CODE_OR_BLANK(T903_PREV_PERM, PP_LA_PERM)},
    {"635", 0, 0, "PrevPerm", "LA_PERM;DATE_PERM;PREV_PERM",
     "There are entries for date of order and local authority code where previous permanence "
     "option was arranged but previous permanence code is Z1",
     NULL, .fn = r635},
};
const int vrules_adoption_n = VRULES_COUNT(vrules_adoption);
