/* rules_providers: the DfE 903 rules that look an episode's Ofsted URN up in
 * Ofsted's provider lists (vproviders.c): the URN exists, offers the placement
 * type and provider code recorded, is at the placement postcode, and was open
 * during the episode. Without the lists these rules are skipped, never passed.
 * A URN of XXXXXXX (none) is not looked up. Each rule carries its DfE code;
 * descriptions are the DfE's. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#include <string.h>

static const VTable *episodes(const VCtx *c)
{
    return vt(c, T903_EPISODES);
}

/* The listed provider of an episode's URN; NULL when the URN is blank or
 * XXXXXXX, or (with *unlisted set) not in the lists. */
static const VProvider *provider_of(const VCtx *c, int row, bool *unlisted)
{
    const VTable *e = episodes(c);
    *unlisted = false;
    if (vt_blank(e, row, E_URN) || vt_is(e, row, E_URN, "XXXXXXX")) return NULL;
    const VProvider *p = vctx_provider(c, vt_cell(e, row, E_URN));
    *unlisted = p == NULL;
    return p;
}

/* DfE 903 rule 1008 */
static void r1008(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        bool unlisted;
        provider_of(c, row, &unlisted);
        if (unlisted) vctx_fail(c, T903_EPISODES, row);
    }
}

/* Fails episodes whose code in col is not among the listed provider's
 * placement types (places) or provider codes, when the lists give them. */
static void code_offered(VCtx *c, const VCheck *k)
{
    int col = k->col;
    bool places = k->option;
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        bool unlisted;
        const VProvider *p = provider_of(c, row, &unlisted);
        const char *codes = p ? (places ? p->places : p->providers) : "";
        if (codes[0] && !vt_blank(e, row, col) && !vt_in(e, row, col, codes))
            vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 221: the placement postcode is the URN's. The description
 * names no placements; the DfE's condition (as csc-validator-be-903 quotes it)
 * compares only placements in a registered setting at the child's address
 * (K1, K2, R3, S1) outside short breaks (LS V3, V4): for a foster placement
 * the URN is the agency's, whose postcode is its office, not the home. */
static void r221(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        if (vt_in(e, row, E_LS, "V3;V4") || !vt_in(e, row, E_PLACE, "K1;K2;R3;S1")) continue;
        bool unlisted;
        const VProvider *p = provider_of(c, row, &unlisted);
        if (p && p->postcode[0] && !vt_blank(e, row, E_PL_POST) &&
            !vpostcode_same(p->postcode, vt_cell(e, row, E_PL_POST)))
            vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 227: the provider had not closed when the episode started.
 * The DfE's condition (as csc-validator-be-903 quotes it): DECOM must be
 * before the end of the registration, so a placement starting on the day the
 * provider closed fails (one ending that day passes rule 228). */
static void r227(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        bool unlisted;
        const VProvider *p = provider_of(c, row, &unlisted);
        Date start = vt_date(e, row, E_DECOM);
        if (p && p->closed != DATE_NONE && start != DATE_NONE && start >= p->closed)
            vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 228: the provider had not closed when the episode ended (an
 * open episode runs to 31 March). */
static void r228(VCtx *c)
{
    const VTable *e = episodes(c);
    for (int row = 0; row < e->n_rows; row++) {
        bool unlisted;
        const VProvider *p = provider_of(c, row, &unlisted);
        Date end = vt_date(e, row, E_DEC);
        if (vt_blank(e, row, E_DEC)) end = c->end;
        if (p && p->closed != DATE_NONE && end != DATE_NONE && end > p->closed)
            vctx_fail(c, T903_EPISODES, row);
    }
}

/* DfE 903 rule 229: the authority's own provision (PR1) is a provider in the
 * authority, another authority's provision (PR2) one outside it. The
 * provider's authority comes from its postcode in the ONS Postcode Directory
 * (so the lists must be loaded before the directory), and may differ from the
 * authority it serves. From 2025/26 the DfE's condition (as
 * csc-validator-be-903 quotes it; the description names no placements) leaves
 * out the placements in the check's codes: supported accommodation (K3),
 * placed with parents or in residential employment (P1, P3), NHS and family
 * centres (R1, R2), custody (R5), temporary moves (T0-T4) and other
 * placements (Z11-Z14). */
static void provider_authority(VCtx *c, const VCheck *k)
{
    const VTable *e = episodes(c);
    char own[16], theirs[16];
    vctx_own_authority(c, own);
    if (!own[0]) return;
    for (int row = 0; row < e->n_rows; row++) {
        if (k->codes && vt_in(e, row, E_PLACE, k->codes)) continue;
        bool unlisted;
        const VProvider *p = provider_of(c, row, &unlisted);
        if (!p || !p->postcode[0] || !vctx_postcode_authority(c, p->postcode, theirs)) continue;
        bool same = strcmp(own, theirs) == 0;
        if ((vt_is(e, row, E_PLACE_PROVIDER, "PR1") && !same) ||
            (vt_is(e, row, E_PLACE_PROVIDER, "PR2") && same))
            vctx_fail(c, T903_EPISODES, row);
    }
}

const VRule vrules_providers[] = {
    /* DfE 903 rule 219 */
    {"219", 0, 0, "Episodes;ProviderInfo", "URN;PLACE",
     "The Ofsted Unique reference number (URN) provided for the child's placement does not match "
     "the placement type recorded.",
     NULL, .check = VCHECK_OF_FAMILY(code_offered, .col = E_PLACE, .option = true)},
    {"221", 0, 0, "Episodes;ProviderInfo", "PL_POST",
     "The Ofsted Unique reference number (URN) provided for the child's placement does not match "
     "the placement postcode provided.",
     NULL, .fn = r221},
    /* DfE 903 rule 224 */
    {"224", 0, 0, "Episodes;ProviderInfo", "PLACE_PROVIDER",
     "The Ofsted Unique reference number (URN) provided for the child's placement does not match "
     "the placement provider recorded.",
     NULL, .check = VCHECK_OF_FAMILY(code_offered, .col = E_PLACE_PROVIDER, .option = false)},
    {"227", 0, 0, "Episodes;ProviderInfo", "URN;DECOM",
     "Ofsted Unique reference number (URN) is not valid for the episode start date.", NULL,
     .fn = r227},
    {"228", 0, 0, "Episodes;ProviderInfo", "URN;DEC",
     "Ofsted Unique reference number (URN) is not valid for the episode end date [NOTE: may give "
     "false positives on open episodes at providers who close during the year]",
     NULL, .fn = r228},
    /* DfE 903 rule 229 (to 2024/25: every placement with a URN) */
    {"229", 0, 2025, "Episodes;ProviderInfo", "URN;PLACE_PROVIDER",
     "Placement provider does not match between the placing authority and the local authority code "
     "of the provider. [NOTE: The provider's LA code is inferred from the its postcode, and may be "
     "inaccurate in some cases.]",
     "Episodes;ProviderInfo;Postcodes",
     .check = VCHECK_OF_FAMILY(provider_authority, .codes = NULL)},
    /* DfE 903 rule 229 (from 2025/26: placements without an Ofsted-registered
     * provider of their own left out) */
    {"229", 2026, 0, "Episodes;ProviderInfo", "URN;PLACE_PROVIDER",
     "Placement provider does not match between the placing authority and the local authority code "
     "of the provider. [NOTE: The provider's LA code is inferred from the its postcode, and may be "
     "inaccurate in some cases.]",
     "Episodes;ProviderInfo;Postcodes",
     .check = VCHECK_OF_FAMILY(provider_authority,
                               .codes = "K3;P1;P3;R1;R2;R5;T0;T1;T2;T3;T4;Z11;Z12;Z13;Z14")},
    {"1008", 0, 0, "Episodes;ProviderInfo", "URN",
     "Ofsted Unique Reference Number (URN) is not valid.", NULL, .fn = r1008},
};
const int vrules_providers_n = VRULES_COUNT(vrules_providers);
