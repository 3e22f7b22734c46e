/* rules_postcodes: the DfE 903 rules on the home and placement postcodes of
 * Episodes and on the fields the DfE derives from them with the ONS Postcode
 * Directory — PL_DISTANCE, PL_LA, PL_LOCATION (vpostcodes.c). Rules that need
 * the directory list "Postcodes" in what they need and are skipped without
 * --postcodes. A child is UASC here when in this year's or last year's UASC
 * table. Each rule carries its DfE code; descriptions are the DfE's. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

static const VTable *episodes(const VCtx *c)
{
    return vt(c, T903_EPISODES);
}

static const VPostFields *post(const VCtx *c, int row)
{
    return &c->post[0][row];
}

static bool short_break(const VTable *e, int row)
{
    return vt_in(e, row, E_LS, "V3;V4");
}

/* UASC this year or formerly (last year's UASC table, when given). */
static bool uasc(const VCtx *c, const VTable *e, int row)
{
    const char *child = vt_cell(e, row, E_CHILD);
    return vt_group(vt(c, T903_UASC), child) >= 0 || vt_group(&c->r->last[T903_UASC], child) >= 0;
}

/* DfE 903 rule 164: a derived distance is between 0.0 and 999.9 miles. */
static void r164(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (post(c, row)->distance > 9999 && !short_break(e, row) && !uasc(c, e, row))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 169: PL_LA derives from a valid placement postcode, except for
 * short breaks. */
static void r169(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (!post(c, row)->la[0] && !short_break(e, row)) vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 179: "Placement location code is not a valid code". The code
 * (IN/OUT) is derived, so it is valid whenever there is one; there is none
 * when the placement postcode gives no authority: blank, not in the
 * directory, or without an authority code (the DfE's condition: PL_LOCATION
 * missing, short breaks aside). A location unknown only because the return's
 * own authority is (no --la, no home postcode in the directory) is not the
 * episode's fault and passes. */
static void r179(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (!post(c, row)->la[0] && !short_break(e, row)) vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 392a */
static void r392a(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (post(c, row)->distance < 0 && !short_break(e, row) && !uasc(c, e, row))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 392b */
static void r392b(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if ((vt_blank(e, row, E_HOME_POST) || vt_blank(e, row, E_PL_POST)) &&
            !short_break(e, row) && !uasc(c, e, row))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 392c: a postcode given is in the ONS Postcode Directory. */
static void r392c(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if ((!vt_blank(e, row, E_HOME_POST) && !post(c, row)->home_known) ||
            (!vt_blank(e, row, E_PL_POST) && !post(c, row)->pl_known))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 392d */
static void r392d(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (!vt_blank(e, row, E_HOME_POST) &&
            vpostcode_same(vt_cell(e, row, E_HOME_POST), vt_cell(e, row, E_PL_POST)) &&
            !vt_is(e, row, E_PLACE, "P1"))
            vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 398: no distance (both postcodes valid) for short breaks. */
static void r398(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (post(c, row)->distance >= 0 && short_break(e, row)) vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 406 */
static void r406(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (post(c, row)->distance >= 0 && uasc(c, e, row)) vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 420 */
static void r420(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (post(c, row)->la[0] && short_break(e, row)) vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 454: over 350 miles, unless UASC. */
static void r454(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++)
        if (post(c, row)->distance > 3500 && !uasc(c, e, row)) vctx_fail(c, T903_EPISODES, row);
}

/* DfE 903 rule 1015: the authority's own provision (PR1), other than foster
 * and adoption placements and short breaks, lies in the authority (placement
 * location IN). From 2025/26 registered supported accommodation (K3, new that
 * year) is exempt too. The DfE compares PL_LA with the authority, so a
 * placement whose authority is unknown (PL_POST blank or not in the directory)
 * fails as well, with Carepledge's advisory. */
static void r1015(VCtx *c)
{
    const char *exempt =
        c->year >= 2026 ? "A3;A4;A5;A6;U1;U2;U3;U4;U5;U6;K3" : "A3;A4;A5;A6;U1;U2;U3;U4;U5;U6";
    char own[16];
    vctx_own_authority(c, own);
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        if (!vt_is(e, row, E_PLACE_PROVIDER, "PR1") || vt_blank(e, row, E_LS) ||
            vt_blank(e, row, E_PLACE) || short_break(e, row) || vt_in(e, row, E_PLACE, exempt))
            continue;
        if (post(c, row)->location == 'O')
            vctx_fail(c, T903_EPISODES, row);
        else if (own[0] && !post(c, row)->la[0])
            vctx_fail_advised(c, T903_EPISODES, row,
                              "the placement's authority is not known (rule 169 reports the "
                              "placement postcode), so the placement may be in the authority");
    }
}

/* True when a derived PL_LA lies outside England: Wales (W), Scotland (S),
 * Northern Ireland (N), the Channel Islands (L) or the Isle of Man (M). */
static bool outside_england(const char *la)
{
    return la[0] == 'W' || la[0] == 'S' || la[0] == 'N' || la[0] == 'L' || la[0] == 'M';
}

/* DfE 903 rule 218: an episode running on or after 1 April in a placement
 * Ofsted registers, in England, has a URN. A placement whose authority is
 * unknown counts as in England. The placements Ofsted does not register follow
 * the year's codes (a blank PLACE is none of them, as the DfE's check reads
 * it): to 2023/24 also semi-independent living (H5) and
 * independent living (P2); in 2024/25 Z1 ("other"); from 2025/26 Z11-Z14. */
static void r218(VCtx *c)
{
    const char *exempt = c->year <= 2024   ? "H5;P1;P2;P3;R1;R2;R5;T0;T1;T2;T3;T4;Z1"
                         : c->year == 2025 ? "P1;P3;R1;R2;R5;T0;T1;T2;T3;T4;Z1"
                                           : "P1;P3;R1;R2;R5;T0;T1;T2;T3;T4;Z11;Z12;Z13;Z14";
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        Date end = vt_date(e, row, E_DEC);
        if (!vt_blank(e, row, E_URN) || vt_in(e, row, E_PLACE, exempt) ||
            outside_england(post(c, row)->la) || (end != DATE_NONE && end < c->start))
            continue;
        vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 230 (2023/24 only): from 28 October 2023 Ofsted registers
 * supported accommodation, so an English H5 placement running on or after 29
 * October 2023 has a URN (XXXXXXX, "none", does not count). */
static void r230(VCtx *c)
{
    const VTable *e = episodes(c);
    Date from = date_from_ymd(2023, 10, 29);
    for (int row = 0; row < e->n_rows; row++) {
        Date end = vt_date(e, row, E_DEC);
        if (!vt_is(e, row, E_PLACE, "H5") || outside_england(post(c, row)->la) ||
            (end != DATE_NONE && end < from) || (!vt_blank(e, row, E_DEC) && end == DATE_NONE))
            continue;
        if (vt_blank(e, row, E_URN) || vt_is(e, row, E_URN, "XXXXXXX"))
            vctx_fail(c, T903_EPISODES, row);
    }
}

const VRule vrules_postcodes[] = {
    {"164", 0, 0, "Episodes", "PL_DISTANCE",
     "Distance is not valid. Please check a valid postcode has been entered. [NOTE: This check "
     "will result in false positives for children formerly UASC not identified as such in loaded "
     "data]",
     "Episodes;Postcodes", .fn = r164},
    {"169", 0, 0, "Episodes", "PL_LA",
     "Local Authority (LA) of placement is not valid or is missing. Please check a valid postcode "
     "has been entered.",
     "Episodes;Postcodes", .fn = r169},
    {"179", 0, 0, "Episodes", "PL_LOCATION", "Placement location code is not a valid code.",
     "Episodes;Postcodes", .fn = r179},
    {"218", 0, 0, "Episodes", "URN", "Ofsted Unique reference number (URN) is required.",
     "Episodes;Postcodes", .fn = r218},
    {"230", 0, 0, "Episodes", "PLACE;DEC;URN",
     "An English placement in supported accommodation (H5) running on or after 29 October 2023 "
     "has no Ofsted URN.",
     "Episodes;Postcodes", .fn = r230},
    {"411", 0, 0, "Episodes", "PL_LOCATION",
     "Placement location code disagrees with LA of placement.",
     "cannot fail on a CSV return: PL_LOCATION and PL_LA are both derived from the same ONS "
     "Postcode Directory row, so they always agree",
     .fn = NULL},
    {"392a", 0, 0, "Episodes", "PL_DISTANCE",
     "Child is looked after but no distance is recorded. [NOTE: This check may result in false "
     "positives for children formerly UASC]",
     "Episodes;Postcodes", .fn = r392a},
    {"392b", 0, 0, "Episodes", "HOME_POST;PL_POST",
     "Child is looked after but no postcodes are recorded. [NOTE: This check may result in false "
     "positives for children formerly UASC, particularly if current & prior year UASC data not "
     "loaded]",
     NULL, .fn = r392b},
    {"392c", 0, 0, "Episodes", "HOME_POST;PL_POST", "Postcode(s) provided are invalid.",
     "Episodes;Postcodes", .fn = r392c},
    {"392d", 0, 0, "Episodes", "HOME_POST;PL_POST;PLACE",
     "Home and placement postcodes should not be same unless the placement type is P1.", NULL,
     .fn = r392d},
    {"398", 0, 0, "Episodes", "LS;HOME_POST;PL_POST",
     "Distance field completed but child looked after under legal status V3 or V4.",
     "Episodes;Postcodes", .fn = r398},
    {"406", 0, 0, "Episodes", "PL_DISTANCE",
     "Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance should be "
     "blank. [NOTE: This check will result in false negatives for children formerly UASC not "
     "identified as such in loaded data]",
     "Episodes;Postcodes", .fn = r406},
    {"420", 0, 0, "Episodes", "PL_LA",
     "LA of placement completed but child is looked after under legal status V3 or V4.",
     "Episodes;Postcodes", .fn = r420},
    {"454", 0, 0, "Episodes", "PL_DISTANCE",
     "Placement distance from home is over 350 miles. [NOTE: This check will result in false "
     "positives for children formerly UASC not identified as such in loaded data]",
     "Episodes;Postcodes", .fn = r454},
    {"1015", 0, 0, "Episodes", "PL_LA",
     "Placement provider is own provision but child not placed in own LA.", "Episodes;Postcodes",
     .fn = r1015},
};
const int vrules_postcodes_n = VRULES_COUNT(vrules_postcodes);
