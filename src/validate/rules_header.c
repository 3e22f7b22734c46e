/* rules_header: the DfE 903 rules on the Header and UASC tables (sex, date of
 * birth, ethnicity, UPN, motherhood, UASC dates) and their agreement with last
 * year's Header. Each rule carries its DfE code; descriptions are the DfE's. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#include <string.h>
#include <strings.h>

/* Sex codes: 1/2 until 2023/24, M/F/U from 2024/25. Either form shows the
 * sex in any year (the import accepts 1 and 2 beside M and F until 2025/26;
 * rule 101 flags the code of the wrong year), as vt_female does. */
static bool is_male(const VTable *t, int row, int col)
{
    return vt_in(t, row, col, "1;M");
}

/* The child's row in last year's Header, or -1. */
static int last_header_row(const VCtx *c, const VTable *h, int row)
{
    return vt_first_row(&c->r->last[T903_HEADER], vt_cell(h, row, H_CHILD));
}

/* A UPN: a check letter other than I, O or S, then 12 digits or 11 digits and a
 * letter (a temporary UPN); or an "unknown" code UN1..UN5. */
static bool upn_valid(const char *s)
{
    if (vcode_in(s, "UN1;UN2;UN3;UN4;UN5")) return true;
    if (strlen(s) != 13) return false;
    char first = (char)(s[0] & ~0x20);
    if (first < 'A' || first > 'Z' || first == 'I' || first == 'O' || first == 'S') return false;
    for (int i = 1; i < 12; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    char last = (char)(s[12] & ~0x20);
    return (s[12] >= '0' && s[12] <= '9') || (last >= 'A' && last <= 'Z');
}

/* DfE 903 rule 168 */
static void r168(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER);
    for (int row = 0; row < h->n_rows; row++)
        if (!vt_blank(h, row, H_UPN) && !upn_valid(vt_cell(h, row, H_UPN)))
            vctx_fail(c, T903_HEADER, row);
}

/* DfE 903 rule 174 */
static void r174(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER);
    for (int row = 0; row < h->n_rows; row++)
        if (is_male(h, row, H_SEX) && !vt_blank(h, row, H_MC_DOB)) vctx_fail(c, T903_HEADER, row);
}

/* The sex a SEX code records, in the codes from 2024/25: 1 (to 2023/24) and M
 * are M, 2 and F are F; any other code is itself. So the first return of
 * 2024/25 (M, F) agrees with last year's (1, 2) for the same child. */
static const char *sex_meaning(const char *code)
{
    if (strcmp(code, "1") == 0) return "M";
    if (strcmp(code, "2") == 0) return "F";
    return code;
}

/* Rules 202, 204: a code differs from last year's for the same child (both
 * recorded); a SEX code by the sex it records ("the gender already recorded"). */
static void differs_from_last(VCtx *c, const VCheck *k)
{
    int col = k->col;
    const VTable *h = vt(c, T903_HEADER), *hl = &c->r->last[T903_HEADER];
    for (int row = 0; row < h->n_rows; row++) {
        int lrow = last_header_row(c, h, row);
        if (lrow < 0 || vt_blank(h, row, col) || vt_blank(hl, lrow, col)) continue;
        const char *now = vt_cell(h, row, col), *before = vt_cell(hl, lrow, col);
        if (col == H_SEX) {
            now = sex_meaning(now);
            before = sex_meaning(before);
        }
        if (strcasecmp(now, before) != 0) vctx_fail(c, T903_HEADER, row);
    }
}

/* Rules 203, 624: a date differs from last year's (both valid). */
static void date_differs_from_last(VCtx *c, const VCheck *k)
{
    int col = k->col;
    const VTable *h = vt(c, T903_HEADER), *hl = &c->r->last[T903_HEADER];
    for (int row = 0; row < h->n_rows; row++) {
        int lrow = last_header_row(c, h, row);
        if (lrow < 0) continue;
        Date now = vt_date(h, row, col), before = vt_date(hl, lrow, col);
        if (now != DATE_NONE && before != DATE_NONE && now != before)
            vctx_fail(c, T903_HEADER, row);
    }
}

/* DfE 903 rule 208: a real UPN last year must be kept. */
static void r208(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER), *hl = &c->r->last[T903_HEADER];
    for (int row = 0; row < h->n_rows; row++) {
        int lrow = last_header_row(c, h, row);
        if (lrow < 0 || vt_blank(hl, lrow, H_UPN)) continue;
        if (vt_in(hl, lrow, H_UPN, "UN1;UN2;UN3;UN4;UN5")) continue;
        if (strcasecmp(vt_cell(h, row, H_UPN), vt_cell(hl, lrow, H_UPN)) != 0)
            vctx_fail(c, T903_HEADER, row);
    }
}

/* DfE 903 rule 209: school age = 4 or over on 31 August of the year before the
 * collection year starts. */
static void r209(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER);
    int y, m, d;
    date_to_ymd(c->start, &y, &m, &d);
    Date ref = date_from_ymd(y - 1, 8, 31);
    for (int row = 0; row < h->n_rows; row++) {
        Date dob = vt_date(h, row, H_DOB);
        if (dob != DATE_NONE && vt_is(h, row, H_UPN, "UN1") && date_birthday(dob, 4) <= ref)
            vctx_fail(c, T903_HEADER, row);
    }
}

/* DfE 903 rule 232 */
static void r232(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER);
    for (int row = 0; row < h->n_rows; row++)
        if (vt_is(h, row, H_SEX, "U")) vctx_fail(c, T903_HEADER, row);
}

/* DfE 903 rule 301 */
static void r301(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER);
    for (int row = 0; row < h->n_rows; row++) {
        Date dob = vt_date(h, row, H_DOB);
        if (dob != DATE_NONE && dob > c->end) vctx_fail(c, T903_HEADER, row);
    }
}

/* DfE 903 rule 304 */
static void r304(VCtx *c)
{
    const VTable *u = vt(c, T903_UASC);
    for (int row = 0; row < u->n_rows; row++) {
        Date dob = vt_date(u, row, U_DOB), duc = vt_date(u, row, U_DUC);
        if (dob != DATE_NONE && duc != DATE_NONE && duc > date_birthday(dob, 18))
            vctx_fail(c, T903_UASC, row);
    }
}

/* DfE 903 rule 351: 25th birthday before the collection year began. */
static void r351(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER);
    for (int row = 0; row < h->n_rows; row++) {
        Date dob = vt_date(h, row, H_DOB);
        if (dob != DATE_NONE && date_birthday(dob, 25) < c->start) vctx_fail(c, T903_HEADER, row);
    }
}

/* DfE 903 rule 444: the same real UPN on more than one Header row. */
static void r444(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER);
    StrMap seen = {0};
    char key[64];
    for (int pass = 0; pass < 2; pass++) {
        for (int row = 0; row < h->n_rows; row++) {
            const char *upn = vt_cell(h, row, H_UPN);
            if (!*upn || vcode_in(upn, "UN1;UN2;UN3;UN4;UN5")) continue;
            size_t n = 0;
            for (; upn[n] && n + 1 < sizeof key; n++) key[n] = (char)(upn[n] & ~0x20);
            key[n] = '\0';
            long count = strmap_get(&seen, key, 0);
            if (pass == 0)
                strmap_put(&seen, key, count + 1);
            else if (count > 1)
                vctx_fail(c, T903_HEADER, row);
        }
    }
    strmap_free(&seen);
}

/* DfE 903 rule 611 */
static void r611(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER);
    for (int row = 0; row < h->n_rows; row++)
        if (vt_is(h, row, H_MOTHER, "1") && vt_blank(h, row, H_MC_DOB))
            vctx_fail(c, T903_HEADER, row);
}

/* DfE 903 rule 612 */
static void r612(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER);
    for (int row = 0; row < h->n_rows; row++)
        if (vt_female(h, row, H_SEX) && !vt_is(h, row, H_MOTHER, "1") &&
            !vt_blank(h, row, H_MC_DOB))
            vctx_fail(c, T903_HEADER, row);
}

/* DfE 903 rule 620: a mother under 11 at the start of the collection year. */
static void r620(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER);
    for (int row = 0; row < h->n_rows; row++) {
        Date dob = vt_date(h, row, H_DOB);
        if (dob != DATE_NONE && vt_is(h, row, H_MOTHER, "1") && date_birthday(dob, 11) > c->start)
            vctx_fail(c, T903_HEADER, row);
    }
}

/* DfE 903 rule 621 */
static void r621(VCtx *c)
{
    const VTable *h = vt(c, T903_HEADER);
    for (int row = 0; row < h->n_rows; row++) {
        Date dob = vt_date(h, row, H_DOB), mc = vt_date(h, row, H_MC_DOB);
        if (dob != DATE_NONE && mc != DATE_NONE && mc < dob) vctx_fail(c, T903_HEADER, row);
    }
}

const VRule vrules_header[] = {
    /* DfE 903 rule 101 (to 2023/24: codes 1 and 2, data/903-codes.csv's SEX list) */
    {"101", 0, 2024, "Header", "SEX", "Sex code is not valid (1 or 2).", NULL,
     .check = VCHECK_CODE_REQUIRED(T903_HEADER, H_SEX)},
    /* DfE 903 rule 101 (from 2024/25: M, F, U). data/903-codes.csv accepts 1
     * and 2 beside them until 2025/26 so that an import refuses neither form
     * (docs/codes.md); the DfE's rule already wants the new codes alone: the
     * list of 2026/27, the first year without the old ones. */
    {"101", 2025, 0, "Header", "SEX", "The child or young person’s reported sex is not valid.",
     NULL,
     .check = {.kind = VCHECK_CODE,
               .table = T903_HEADER,
               .col = H_SEX,
               .required = true,
               .codes_year = 2027}},
    /* DfE 903 rule 102 */
    {"102", 0, 0, "Header", "DOB", "Date of birth is not a valid date.", NULL,
     .check = VCHECK_DATE_REQUIRED(T903_HEADER, H_DOB)},
    /* DfE 903 rule 103 */
    {"103", 0, 0, "Header", "ETHNIC",
     "The ethnicity code is either not valid or has not been entered.", NULL,
     .check = VCHECK_CODE_REQUIRED(T903_HEADER, H_ETHNIC)},
    /* DfE 903 rule 104 */
    {"104", 0, 0, "UASC", "DUC",
     "Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.",
     NULL, .check = VCHECK_DATE_OR_BLANK(T903_UASC, U_DUC)},
    {"105", 0, 0, "Header", "UASC",
     "Data entry for Unaccompanied Asylum-Seeking Children (UASC) status of child is invalid or "
     "has not been completed.",
     "cannot fail on a CSV return: the UASC status is derived (a child is UASC when in the UASC "
     "table), so it is always valid and complete",
     .fn = NULL},
    {"168", 0, 0, "Header", "UPN",
     "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, "
     "UN4 or UN5.",
     NULL, .fn = r168},
    /* DfE 903 rule 171 */
    {"171", 0, 0, "Header", "MC_DOB", "Date of birth of mother's child is not a valid date.", NULL,
     .check = VCHECK_DATE_OR_BLANK(T903_HEADER, H_MC_DOB)},
    {"174", 0, 0, "Header", "SEX;MC_DOB",
     "Mother's child date of birth is recorded but sex shows that the child is a male.", NULL,
     .fn = r174},
    /* DfE 903 rule 202 */
    {"202", 0, 0, "Header;Header_last", "SEX",
     "The gender code conflicts with the gender already recorded for this child.", NULL,
     .check = VCHECK_OF_FAMILY(differs_from_last, .col = H_SEX)},
    /* DfE 903 rule 203 */
    {"203", 0, 0, "Header;Header_last", "DOB",
     "Date of birth disagrees with the date of birth already recorded for this child.", NULL,
     .check = VCHECK_OF_FAMILY(date_differs_from_last, .col = H_DOB)},
    /* DfE 903 rule 204 */
    {"204", 0, 0, "Header;Header_last", "ETHNIC",
     "Ethnic origin code disagrees with the ethnic origin already recorded for this child.", NULL,
     .check = VCHECK_OF_FAMILY(differs_from_last, .col = H_ETHNIC)},
    {"205C", 0, 0, "Header;Header_last;UASC;UASC_last", "DUC;UASC",
     "Child not identified as UASC either this year or last year but date UASC ceased has been "
     "provided.",
     "cannot fail on a CSV return: DUC is only in the UASC table, and a child with a UASC row is "
     "UASC",
     .fn = NULL},
    {"208", 0, 0, "Header;Header_last", "UPN",
     "Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil Number (UPN) "
     "already recorded for this child.",
     NULL, .fn = r208},
    {"209", 0, 0, "Header", "UPN;DOB",
     "Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) "
     "code of UN1.",
     NULL, .fn = r209},
    {"232", 0, 0, "Header", "SEX", "Sex of the child/young person has been reported as unknown.",
     NULL, .fn = r232},
    {"301", 0, 0, "Header", "DOB", "Date of birth falls after the year ended.", NULL, .fn = r301},
    {"303", 0, 0, "Header;UASC", "DUC;UASC",
     "If date Unaccompanied Asylum-Seeking Child (UASC) status ceased is not null, UASC status "
     "must be coded 1.",
     "cannot fail on a CSV return: DUC is only in the UASC table, and a child with a UASC row is "
     "UASC (coded 1)",
     .fn = NULL},
    {"304", 0, 0, "UASC", "DUC",
     "Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before the 18th "
     "birthday of a child.",
     NULL, .fn = r304},
    {"351", 0, 0, "Header", "DOB", "Child was over 25 at the start of the current collection year.",
     NULL, .fn = r351},
    {"444", 0, 0, "Header", "UPN", "Duplicate UPN has been reported", NULL, .fn = r444},
    {"611", 0, 0, "Header", "MOTHER;MC_DOB", "Date of birth field is blank, but child is a mother.",
     NULL, .fn = r611},
    {"612", 0, 0, "Header", "SEX;MOTHER;MC_DOB",
     "Date of birth field has been completed but mother field indicates child is not a mother.",
     NULL, .fn = r612},
    {"620", 0, 0, "Header", "DOB;MOTHER",
     "Child has been recorded as a mother, but date of birth shows that the mother is under 11 "
     "years of age.",
     NULL, .fn = r620},
    {"621", 0, 0, "Header", "DOB;MC_DOB",
     "Mother’s field has been completed but date of birth shows that the mother is younger than "
     "her child.",
     NULL, .fn = r621},
    /* DfE 903 rule 624 */
    {"624", 0, 0, "Header;Header_last", "MC_DOB",
     "Date of birth of the first child contradicts the date of birth of the first child previously "
     "recorded.",
     NULL, .check = VCHECK_OF_FAMILY(date_differs_from_last, .col = H_MC_DOB)},
};
const int vrules_header_n = VRULES_COUNT(vrules_header);
