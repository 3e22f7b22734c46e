/* ssda903_columns: the columns of the twelve SSDA903 tables, in the DfE's
 * order, written once. Each table is an X-macro list: X(ID, NAME, KIND) per
 * column, SEP() between columns. exchange/ssda903.c builds its registry from
 * them, validate/vctx.h its column numbers (the IDs), and the unit tests their
 * header lines (SSDA903_HEADER_LINE), so none of them can disagree.
 * Column names follow the DfE's SSDA903 specification
 * (shared/reference/903/README.md). */
#ifndef CAREPLEDGE_SSDA903_COLUMNS_H
#define CAREPLEDGE_SSDA903_COLUMNS_H

// clang-format off
#define SSDA903_COLUMNS_HEADER(X, SEP)     \
    X(H_CHILD, "CHILD", F903_TEXT)         \
    SEP() X(H_SEX, "SEX", F903_CODE)       \
    SEP() X(H_DOB, "DOB", F903_DATE)       \
    SEP() X(H_ETHNIC, "ETHNIC", F903_CODE) \
    SEP() X(H_UPN, "UPN", F903_TEXT)       \
    SEP() X(H_MOTHER, "MOTHER", F903_CODE) \
    SEP() X(H_MC_DOB, "MC_DOB", F903_DATE)

#define SSDA903_COLUMNS_EPISODES(X, SEP)                             \
    X(E_CHILD, "CHILD", F903_TEXT)                                   \
    SEP() X(E_DECOM, "DECOM", F903_DATE)                             \
    SEP() X(E_RNE, "RNE", F903_CODE)                                 \
    SEP() X(E_LS, "LS", F903_CODE)                                   \
    SEP() X(E_CIN, "CIN", F903_CODE)                                 \
    SEP() X(E_PLACE, "PLACE", F903_CODE)                             \
    SEP() X(E_PLACE_PROVIDER, "PLACE_PROVIDER", F903_CODE)           \
    SEP() X(E_DEC, "DEC", F903_DATE)                                 \
    SEP() X(E_REC, "REC", F903_CODE)                                 \
    SEP() X(E_REASON_PLACE_CHANGE, "REASON_PLACE_CHANGE", F903_CODE) \
    SEP() X(E_HOME_POST, "HOME_POST", F903_TEXT)                     \
    SEP() X(E_PL_POST, "PL_POST", F903_TEXT)                         \
    SEP() X(E_URN, "URN", F903_TEXT)

#define SSDA903_COLUMNS_REVIEWS(X, SEP)              \
    X(R_CHILD, "CHILD", F903_TEXT)                   \
    SEP() X(R_DOB, "DOB", F903_DATE)                 \
    SEP() X(R_REVIEW, "REVIEW", F903_DATE)           \
    SEP() X(R_REVIEW_CODE, "REVIEW_CODE", F903_CODE)

#define SSDA903_COLUMNS_UASC(X, SEP) \
    X(U_CHILD, "CHILD", F903_TEXT)   \
    SEP() X(U_SEX, "SEX", F903_CODE) \
    SEP() X(U_DOB, "DOB", F903_DATE) \
    SEP() X(U_DUC, "DUC", F903_DATE)

#define SSDA903_COLUMNS_OC2(X, SEP)                                       \
    X(O2_CHILD, "CHILD", F903_TEXT)                                       \
    SEP() X(O2_DOB, "DOB", F903_DATE)                                     \
    SEP() X(O2_SDQ_SCORE, "SDQ_SCORE", F903_INT)                          \
    SEP() X(O2_SDQ_REASON, "SDQ_REASON", F903_CODE)                       \
    SEP() X(O2_CONVICTED, "CONVICTED", F903_CODE)                         \
    SEP() X(O2_HEALTH_CHECK, "HEALTH_CHECK", F903_CODE)                   \
    SEP() X(O2_IMMUNISATIONS, "IMMUNISATIONS", F903_CODE)                 \
    SEP() X(O2_TEETH_CHECK, "TEETH_CHECK", F903_CODE)                     \
    SEP() X(O2_HEALTH_ASSESSMENT, "HEALTH_ASSESSMENT", F903_CODE)         \
    SEP() X(O2_SUBSTANCE_MISUSE, "SUBSTANCE_MISUSE", F903_CODE)           \
    SEP() X(O2_INTERVENTION_RECEIVED, "INTERVENTION_RECEIVED", F903_CODE) \
    SEP() X(O2_INTERVENTION_OFFERED, "INTERVENTION_OFFERED", F903_CODE)

#define SSDA903_COLUMNS_OC3(X, SEP)             \
    X(O3_CHILD, "CHILD", F903_TEXT)             \
    SEP() X(O3_DOB, "DOB", F903_DATE)           \
    SEP() X(O3_IN_TOUCH, "IN_TOUCH", F903_CODE) \
    SEP() X(O3_ACTIV, "ACTIV", F903_CODE)       \
    SEP() X(O3_ACCOM, "ACCOM", F903_CODE)

#define SSDA903_COLUMNS_AD1(X, SEP)                  \
    X(A_CHILD, "CHILD", F903_TEXT)                   \
    SEP() X(A_DOB, "DOB", F903_DATE)                 \
    SEP() X(A_DATE_INT, "DATE_INT", F903_DATE)       \
    SEP() X(A_DATE_MATCH, "DATE_MATCH", F903_DATE)   \
    SEP() X(A_FOSTER_CARE, "FOSTER_CARE", F903_CODE) \
    SEP() X(A_NB_ADOPTR, "NB_ADOPTR", F903_CODE)     \
    SEP() X(A_SEX_ADOPTR, "SEX_ADOPTR", F903_CODE)   \
    SEP() X(A_LS_ADOPTR, "LS_ADOPTR", F903_CODE)

#define SSDA903_COLUMNS_PLACED_ADOPTION(X, SEP)                         \
    X(PA_CHILD, "CHILD", F903_TEXT)                                     \
    SEP() X(PA_DOB, "DOB", F903_DATE)                                   \
    SEP() X(PA_DATE_PLACED, "DATE_PLACED", F903_DATE)                   \
    SEP() X(PA_DATE_PLACED_CEASED, "DATE_PLACED_CEASED", F903_DATE)     \
    SEP() X(PA_REASON_PLACED_CEASED, "REASON_PLACED_CEASED", F903_CODE)

#define SSDA903_COLUMNS_PREV_PERM(X, SEP)         \
    X(PP_CHILD, "CHILD", F903_TEXT)               \
    SEP() X(PP_DOB, "DOB", F903_DATE)             \
    SEP() X(PP_PREV_PERM, "PREV_PERM", F903_CODE) \
    SEP() X(PP_LA_PERM, "LA_PERM", F903_CODE)     \
    SEP() X(PP_DATE_PERM, "DATE_PERM", F903_TEXT)

#define SSDA903_COLUMNS_MISSING(X, SEP)          \
    X(M_CHILD, "CHILD", F903_TEXT)               \
    SEP() X(M_DOB, "DOB", F903_DATE)             \
    SEP() X(M_MISSING, "MISSING", F903_CODE)     \
    SEP() X(M_MIS_START, "MIS_START", F903_DATE) \
    SEP() X(M_MIS_END, "MIS_END", F903_DATE)

#define SSDA903_COLUMNS_SW_EPISODES(X, SEP)    \
    X(SW_CHILD, "CHILD", F903_TEXT)            \
    SEP() X(SW_DOB, "DOB", F903_DATE)          \
    SEP() X(SW_ID, "SW_ID", F903_TEXT)         \
    SEP() X(SW_DECOM, "SW_DECOM", F903_DATE)   \
    SEP() X(SW_DEC, "SW_DEC", F903_DATE)       \
    SEP() X(SW_REASON, "SW_REASON", F903_CODE)

#define SSDA903_COLUMNS_DOLO(X, SEP)           \
    X(DL_CHILD, "CHILD", F903_TEXT)            \
    SEP() X(DL_DOB, "DOB", F903_DATE)          \
    SEP() X(DL_START, "DOLO_START", F903_DATE) \
    SEP() X(DL_END, "DOLO_END", F903_DATE)

// clang-format on

/* Helpers for the lists above. */
#define SSDA903_NOTHING()
#define SSDA903_COMMA()              ","
#define SSDA903_ID(id, name, kind)   id,
#define SSDA903_NAME(id, name, kind) name
/* A table's column names as one string literal, "CHILD,SEX,...", from its list
 * (e.g. SSDA903_NAMES(SSDA903_COLUMNS_EPISODES)); with a newline, its header line. */
#define SSDA903_NAMES(columns)       columns(SSDA903_NAME, SSDA903_COMMA)
#define SSDA903_HEADER_LINE(columns) SSDA903_NAMES(columns) "\n"

#endif
