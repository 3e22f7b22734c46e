/* rules_integrity: the DfE 903 internal consistency checks INT01-INT36 — every
 * child in a table is in Header, agrees with Header on date of birth and sex,
 * and appears once in the one-row-per-child tables. */
#include "validate/vctx.h"
#include "validate/vfamilies.h"

const VRule vrules_integrity[] = {
    /* DfE 903 rule INT01 */
    {"INT01", 0, 0, "AD1;Header", "CHILD",
     "Data Integrity Check: Child in AD1 does not exist in Header.", NULL,
     .check = VCHECK_CHILD_IN_HEADER(T903_AD1)},
    /* DfE 903 rule INT02 */
    {"INT02", 0, 0, "Header;PlacedAdoption", "CHILD",
     "Internal Check: Child in PlacedAdoption does not exist in Header.", NULL,
     .check = VCHECK_CHILD_IN_HEADER(T903_PLACED_ADOPTION)},
    /* DfE 903 rule INT03 */
    {"INT03", 0, 0, "Episodes;Header", "CHILD",
     "Internal Check: Child in Episodes does not exist in Header.", NULL,
     .check = VCHECK_CHILD_IN_HEADER(T903_EPISODES)},
    /* DfE 903 rule INT04 */
    {"INT04", 0, 0, "Header;Missing", "CHILD",
     "Internal Check: Child in Missing does not exist in Header.", NULL,
     .check = VCHECK_CHILD_IN_HEADER(T903_MISSING)},
    /* DfE 903 rule INT05 */
    {"INT05", 0, 0, "Header;OC2", "CHILD", "Internal Check: Child in OC2 does not exist in Header.",
     NULL, .check = VCHECK_CHILD_IN_HEADER(T903_OC2)},
    /* DfE 903 rule INT06 */
    {"INT06", 0, 0, "Header;OC3", "CHILD", "Internal Check: Child in OC3 does not exist in Header.",
     NULL, .check = VCHECK_CHILD_IN_HEADER(T903_OC3)},
    /* DfE 903 rule INT07 */
    {"INT07", 0, 0, "Header;PrevPerm", "CHILD",
     "Internal Check: Child in PrevPerm does not exist in Header.", NULL,
     .check = VCHECK_CHILD_IN_HEADER(T903_PREV_PERM)},
    /* DfE 903 rule INT08 */
    {"INT08", 0, 0, "Header;Reviews", "CHILD",
     "Internal Check: Child in Reviews does not exist in Header.", NULL,
     .check = VCHECK_CHILD_IN_HEADER(T903_REVIEWS)},
    /* DfE 903 rule INT09 */
    {"INT09", 0, 0, "Header;UASC", "CHILD",
     "Internal Check: Child in UASC does not exist in Header.", NULL,
     .check = VCHECK_CHILD_IN_HEADER(T903_UASC)},
    /* DfE 903 rule INT11 */
    {"INT11", 0, 0, "AD1;Header", "DOB",
     "Internal Check: DOB in AD1 is different to DOB in Header.", NULL,
     .check = VCHECK_AS_IN_HEADER(T903_AD1, 1, H_DOB)},
    /* DfE 903 rule INT12 */
    {"INT12", 0, 0, "Header;PlacedAdoption", "DOB",
     "Internal Check: DOB in PlacedAdoption is different to DOB in Header.", NULL,
     .check = VCHECK_AS_IN_HEADER(T903_PLACED_ADOPTION, 1, H_DOB)},
    /* DfE 903 rule INT13 */
    {"INT13", 0, 0, "Header;Missing", "DOB",
     "Internal Check: DOB in Missing is different to DOB in Header.", NULL,
     .check = VCHECK_AS_IN_HEADER(T903_MISSING, 1, H_DOB)},
    /* DfE 903 rule INT14 */
    {"INT14", 0, 0, "Header;OC2", "DOB",
     "Internal Check: DOB in OC2 is different to DOB in Header.", NULL,
     .check = VCHECK_AS_IN_HEADER(T903_OC2, 1, H_DOB)},
    /* DfE 903 rule INT15 */
    {"INT15", 0, 0, "Header;OC3", "DOB",
     "Internal Check: DOB in OC3 is different to DOB in Header.", NULL,
     .check = VCHECK_AS_IN_HEADER(T903_OC3, 1, H_DOB)},
    /* DfE 903 rule INT16 */
    {"INT16", 0, 0, "Header;PrevPerm", "DOB",
     "Internal Check: DOB in PrevPerm is different to DOB in Header.", NULL,
     .check = VCHECK_AS_IN_HEADER(T903_PREV_PERM, 1, H_DOB)},
    /* DfE 903 rule INT17 */
    {"INT17", 0, 0, "Header;Reviews", "DOB",
     "Internal Check: DOB in Reviews is different to DOB in Header.", NULL,
     .check = VCHECK_AS_IN_HEADER(T903_REVIEWS, 1, H_DOB)},
    /* DfE 903 rule INT18 */
    {"INT18", 0, 0, "Header;UASC", "DOB",
     "Internal Check: DOB in UASC is different to DOB in Header.", NULL,
     .check = VCHECK_AS_IN_HEADER(T903_UASC, U_DOB, H_DOB)},
    /* DfE 903 rule INT21 */
    {"INT21", 0, 0, "Header;UASC", "SEX",
     "Internal Check: SEX in UASC is different to SEX in Header.", NULL,
     .check = VCHECK_AS_IN_HEADER(T903_UASC, U_SEX, H_SEX)},
    /* DfE 903 rule INT31 */
    {"INT31", 0, 0, "AD1", "CHILD", "Internal Check: Child should only exist once in AD1.", NULL,
     .check = VCHECK_ONE_ROW_PER_CHILD(T903_AD1)},
    /* DfE 903 rule INT32 */
    {"INT32", 0, 0, "Header", "CHILD", "Internal Check: Child should only exist once in Header.",
     NULL, .check = VCHECK_ONE_ROW_PER_CHILD(T903_HEADER)},
    /* DfE 903 rule INT33 */
    {"INT33", 0, 0, "OC2", "CHILD", "Internal Check: Child should only exist once in OC2.", NULL,
     .check = VCHECK_ONE_ROW_PER_CHILD(T903_OC2)},
    /* DfE 903 rule INT34 */
    {"INT34", 0, 0, "OC3", "CHILD", "Internal Check: Child should only exist once in OC3.", NULL,
     .check = VCHECK_ONE_ROW_PER_CHILD(T903_OC3)},
    /* DfE 903 rule INT35 */
    {"INT35", 0, 0, "PrevPerm", "CHILD",
     "Internal Check: Child should only exist once in PrevPerm.", NULL,
     .check = VCHECK_ONE_ROW_PER_CHILD(T903_PREV_PERM)},
    /* DfE 903 rule INT36 */
    {"INT36", 0, 0, "UASC", "CHILD", "Internal Check: Child should only exist once in UASC.", NULL,
     .check = VCHECK_ONE_ROW_PER_CHILD(T903_UASC)},
};
const int vrules_integrity_n = VRULES_COUNT(vrules_integrity);
