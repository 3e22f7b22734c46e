/* rules_integrity: the DfE 903 internal consistency checks INT01-INT36 — every
 * child in a table is in Header, agrees with Header on date of birth and sex,
 * and appears once in the one-row-per-child tables. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

/* DfE 903 rule INT01 */
static void rINT01(VCtx *c)
{
    vcheck_in_header(c, T903_AD1);
}

/* DfE 903 rule INT02 */
static void rINT02(VCtx *c)
{
    vcheck_in_header(c, T903_PLACED_ADOPTION);
}

/* DfE 903 rule INT03 */
static void rINT03(VCtx *c)
{
    vcheck_in_header(c, T903_EPISODES);
}

/* DfE 903 rule INT04 */
static void rINT04(VCtx *c)
{
    vcheck_in_header(c, T903_MISSING);
}

/* DfE 903 rule INT05 */
static void rINT05(VCtx *c)
{
    vcheck_in_header(c, T903_OC2);
}

/* DfE 903 rule INT06 */
static void rINT06(VCtx *c)
{
    vcheck_in_header(c, T903_OC3);
}

/* DfE 903 rule INT07 */
static void rINT07(VCtx *c)
{
    vcheck_in_header(c, T903_PREV_PERM);
}

/* DfE 903 rule INT08 */
static void rINT08(VCtx *c)
{
    vcheck_in_header(c, T903_REVIEWS);
}

/* DfE 903 rule INT09 */
static void rINT09(VCtx *c)
{
    vcheck_in_header(c, T903_UASC);
}

/* DfE 903 rule INT11 */
static void rINT11(VCtx *c)
{
    vcheck_same_as_header(c, T903_AD1, 1, H_DOB);
}

/* DfE 903 rule INT12 */
static void rINT12(VCtx *c)
{
    vcheck_same_as_header(c, T903_PLACED_ADOPTION, 1, H_DOB);
}

/* DfE 903 rule INT13 */
static void rINT13(VCtx *c)
{
    vcheck_same_as_header(c, T903_MISSING, 1, H_DOB);
}

/* DfE 903 rule INT14 */
static void rINT14(VCtx *c)
{
    vcheck_same_as_header(c, T903_OC2, 1, H_DOB);
}

/* DfE 903 rule INT15 */
static void rINT15(VCtx *c)
{
    vcheck_same_as_header(c, T903_OC3, 1, H_DOB);
}

/* DfE 903 rule INT16 */
static void rINT16(VCtx *c)
{
    vcheck_same_as_header(c, T903_PREV_PERM, 1, H_DOB);
}

/* DfE 903 rule INT17 */
static void rINT17(VCtx *c)
{
    vcheck_same_as_header(c, T903_REVIEWS, 1, H_DOB);
}

/* DfE 903 rule INT18 */
static void rINT18(VCtx *c)
{
    vcheck_same_as_header(c, T903_UASC, U_DOB, H_DOB);
}

/* DfE 903 rule INT21 */
static void rINT21(VCtx *c)
{
    vcheck_same_as_header(c, T903_UASC, U_SEX, H_SEX);
}

/* DfE 903 rule INT31 */
static void rINT31(VCtx *c)
{
    vcheck_once(c, T903_AD1);
}

/* DfE 903 rule INT32 */
static void rINT32(VCtx *c)
{
    vcheck_once(c, T903_HEADER);
}

/* DfE 903 rule INT33 */
static void rINT33(VCtx *c)
{
    vcheck_once(c, T903_OC2);
}

/* DfE 903 rule INT34 */
static void rINT34(VCtx *c)
{
    vcheck_once(c, T903_OC3);
}

/* DfE 903 rule INT35 */
static void rINT35(VCtx *c)
{
    vcheck_once(c, T903_PREV_PERM);
}

/* DfE 903 rule INT36 */
static void rINT36(VCtx *c)
{
    vcheck_once(c, T903_UASC);
}

const VRule vrules_integrity[] = {
    {"INT01", 0, 0, "AD1;Header", "CHILD",
     "Data Integrity Check: Child in AD1 does not exist in Header.", NULL, rINT01},
    {"INT02", 0, 0, "Header;PlacedAdoption", "CHILD",
     "Internal Check: Child in PlacedAdoption does not exist in Header.", NULL, rINT02},
    {"INT03", 0, 0, "Episodes;Header", "CHILD",
     "Internal Check: Child in Episodes does not exist in Header.", NULL, rINT03},
    {"INT04", 0, 0, "Header;Missing", "CHILD",
     "Internal Check: Child in Missing does not exist in Header.", NULL, rINT04},
    {"INT05", 0, 0, "Header;OC2", "CHILD", "Internal Check: Child in OC2 does not exist in Header.",
     NULL, rINT05},
    {"INT06", 0, 0, "Header;OC3", "CHILD", "Internal Check: Child in OC3 does not exist in Header.",
     NULL, rINT06},
    {"INT07", 0, 0, "Header;PrevPerm", "CHILD",
     "Internal Check: Child in PrevPerm does not exist in Header.", NULL, rINT07},
    {"INT08", 0, 0, "Header;Reviews", "CHILD",
     "Internal Check: Child in Reviews does not exist in Header.", NULL, rINT08},
    {"INT09", 0, 0, "Header;UASC", "CHILD",
     "Internal Check: Child in UASC does not exist in Header.", NULL, rINT09},
    {"INT11", 0, 0, "AD1;Header", "DOB",
     "Internal Check: DOB in AD1 is different to DOB in Header.", NULL, rINT11},
    {"INT12", 0, 0, "Header;PlacedAdoption", "DOB",
     "Internal Check: DOB in PlacedAdoption is different to DOB in Header.", NULL, rINT12},
    {"INT13", 0, 0, "Header;Missing", "DOB",
     "Internal Check: DOB in Missing is different to DOB in Header.", NULL, rINT13},
    {"INT14", 0, 0, "Header;OC2", "DOB",
     "Internal Check: DOB in OC2 is different to DOB in Header.", NULL, rINT14},
    {"INT15", 0, 0, "Header;OC3", "DOB",
     "Internal Check: DOB in OC3 is different to DOB in Header.", NULL, rINT15},
    {"INT16", 0, 0, "Header;PrevPerm", "DOB",
     "Internal Check: DOB in PrevPerm is different to DOB in Header.", NULL, rINT16},
    {"INT17", 0, 0, "Header;Reviews", "DOB",
     "Internal Check: DOB in Reviews is different to DOB in Header.", NULL, rINT17},
    {"INT18", 0, 0, "Header;UASC", "DOB",
     "Internal Check: DOB in UASC is different to DOB in Header.", NULL, rINT18},
    {"INT21", 0, 0, "Header;UASC", "SEX",
     "Internal Check: SEX in UASC is different to SEX in Header.", NULL, rINT21},
    {"INT31", 0, 0, "AD1", "CHILD", "Internal Check: Child should only exist once in AD1.", NULL,
     rINT31},
    {"INT32", 0, 0, "Header", "CHILD", "Internal Check: Child should only exist once in Header.",
     NULL, rINT32},
    {"INT33", 0, 0, "OC2", "CHILD", "Internal Check: Child should only exist once in OC2.", NULL,
     rINT33},
    {"INT34", 0, 0, "OC3", "CHILD", "Internal Check: Child should only exist once in OC3.", NULL,
     rINT34},
    {"INT35", 0, 0, "PrevPerm", "CHILD",
     "Internal Check: Child should only exist once in PrevPerm.", NULL, rINT35},
    {"INT36", 0, 0, "UASC", "CHILD", "Internal Check: Child should only exist once in UASC.", NULL,
     rINT36},
};
const int vrules_integrity_n = VRULES_COUNT(vrules_integrity);
