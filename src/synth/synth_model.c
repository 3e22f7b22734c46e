/* synth_model: code texts and the small formatters of synth_model.h. The code
 * lists follow data/903-codes.csv. */
#include "synth/synth_model.h"

#include <stdio.h>
#include <string.h>

static const char *const code_text[SC_COUNT] = {
    [SC_NONE] = "",           [SC_RNE_S] = "S",           [SC_RNE_P] = "P",
    [SC_RNE_L] = "L",         [SC_RNE_T] = "T",           [SC_RNE_U] = "U",
    [SC_RNE_B] = "B",         [SC_LS_V2] = "V2",          [SC_LS_V3] = "V3",
    [SC_LS_V4] = "V4",        [SC_LS_C1] = "C1",          [SC_LS_C2] = "C2",
    [SC_LS_E1] = "E1",        [SC_LS_J1] = "J1",          [SC_LS_J2] = "J2",
    [SC_LS_J3] = "J3",        [SC_LS_L1] = "L1",          [SC_LS_L2] = "L2",
    [SC_LS_L3] = "L3",        [SC_CIN_N1] = "N1",         [SC_CIN_N2] = "N2",
    [SC_CIN_N3] = "N3",       [SC_CIN_N4] = "N4",         [SC_CIN_N5] = "N5",
    [SC_CIN_N6] = "N6",       [SC_CIN_N7] = "N7",         [SC_CIN_N8] = "N8",
    [SC_PL_A3] = "A3",        [SC_PL_A4] = "A4",          [SC_PL_A5] = "A5",
    [SC_PL_A6] = "A6",        [SC_PL_H5] = "H5",          [SC_PL_K1] = "K1",
    [SC_PL_K2] = "K2",        [SC_PL_K3] = "K3",          [SC_PL_P1] = "P1",
    [SC_PL_R1] = "R1",        [SC_PL_R2] = "R2",          [SC_PL_R3] = "R3",
    [SC_PL_R5] = "R5",        [SC_PL_S1] = "S1",          [SC_PL_U1] = "U1",
    [SC_PL_U2] = "U2",        [SC_PL_U3] = "U3",          [SC_PL_U4] = "U4",
    [SC_PL_U5] = "U5",        [SC_PL_U6] = "U6",          [SC_PR_PR0] = "PR0",
    [SC_PR_PR1] = "PR1",      [SC_PR_PR2] = "PR2",        [SC_PR_PR3] = "PR3",
    [SC_PR_PR4] = "PR4",      [SC_PR_PR5] = "PR5",        [SC_REC_E11] = "E11",
    [SC_REC_E12] = "E12",     [SC_REC_E2] = "E2",         [SC_REC_E3] = "E3",
    [SC_REC_E4A] = "E4A",     [SC_REC_E4B] = "E4B",       [SC_REC_E13] = "E13",
    [SC_REC_E41] = "E41",     [SC_REC_E45] = "E45",       [SC_REC_E46] = "E46",
    [SC_REC_E47] = "E47",     [SC_REC_E48] = "E48",       [SC_REC_E5] = "E5",
    [SC_REC_E6] = "E6",       [SC_REC_E7] = "E7",         [SC_REC_E8] = "E8",
    [SC_REC_E9] = "E9",       [SC_REC_E14] = "E14",       [SC_REC_E15] = "E15",
    [SC_REC_E16] = "E16",     [SC_REC_E17] = "E17",       [SC_REC_X1] = "X1",
    [SC_RPC_CARPL] = "CARPL", [SC_RPC_CLOSE] = "CLOSE",   [SC_RPC_ALLEG] = "ALLEG",
    [SC_RPC_STAND] = "STAND", [SC_RPC_APPRR] = "APPRR",   [SC_RPC_CREQB] = "CREQB",
    [SC_RPC_CREQO] = "CREQO", [SC_RPC_CHILD] = "CHILD",   [SC_RPC_LAREQ] = "LAREQ",
    [SC_RPC_PLACE] = "PLACE", [SC_RPC_CUSTOD] = "CUSTOD", [SC_RPC_OTHER] = "OTHER",
};

const char *synth_code(int code)
{
    return code > SC_NONE && code < SC_COUNT ? code_text[code] : "";
}

const char *const synth_ethnic_codes[SYNTH_N_ETHNIC] = {
    "WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
    "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
};

const char *const synth_in_touch_codes[SYNTH_N_IN_TOUCH] = {
    [SYNTH_IT_YES] = "YES",   [SYNTH_IT_NO] = "NO",     [SYNTH_IT_DIED] = "DIED",
    [SYNTH_IT_REFU] = "REFU", [SYNTH_IT_NREQ] = "NREQ", [SYNTH_IT_RHOM] = "RHOM",
};

const char *const synth_activ_codes[SYNTH_N_ACTIV] = {
    [SYNTH_AC_NONE] = "", [SYNTH_AC_0] = "0",   [SYNTH_AC_F1] = "F1", [SYNTH_AC_P1] = "P1",
    [SYNTH_AC_F2] = "F2", [SYNTH_AC_P2] = "P2", [SYNTH_AC_F4] = "F4", [SYNTH_AC_P4] = "P4",
    [SYNTH_AC_F5] = "F5", [SYNTH_AC_P5] = "P5", [SYNTH_AC_G4] = "G4", [SYNTH_AC_G5] = "G5",
    [SYNTH_AC_G6] = "G6",
};

const char *const synth_accom_codes[SYNTH_N_ACCOM] = {
    "",   "B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2", "K1", "K2", "R1",
    "R2", "S2", "T1", "T2", "U1", "U2", "V1", "V2", "W1", "W2", "X2", "Y1", "Y2", "Z1", "Z2", "0",
};

/* Made-up postcodes: real outward codes of Dorset and its neighbours, random
 * inward codes. They name no address. */
static const char *const local_outward[] = {
    "DT1",  "DT2",  "DT3",  "DT4",  "DT5",  "DT6",  "DT7",  "DT8",  "DT9",  "DT10", "DT11",
    "BH15", "BH16", "BH17", "BH18", "BH19", "BH20", "BH21", "BH22", "BH31", "SP7",  "SP8",
};
static const char *const other_outward[] = {
    "BA1", "BA21", "BS3", "EX4", "SO15", "SP1", "TA1", "PL4", "GL1", "RG1", "BN1", "SN1",
};
enum {
    N_LOCAL_OUT = (int)(sizeof local_outward / sizeof local_outward[0]),
    N_OTHER_OUT = (int)(sizeof other_outward / sizeof other_outward[0]),
};
static const char inward_letters[] = "ABDEFGHJLNPQRSTUWXYZ"; /* no C, I, K, M, O, V */

uint32_t synth_postcode_random(SynthRng *r, bool local)
{
    uint32_t out = local ? synth_rng_below(r, N_LOCAL_OUT)
                         : (uint32_t)N_LOCAL_OUT + synth_rng_below(r, N_OTHER_OUT);
    uint32_t digit = synth_rng_below(r, 10);
    uint32_t l1 = synth_rng_below(r, 20), l2 = synth_rng_below(r, 20);
    return 1u + ((out * 10u + digit) * 20u + l1) * 20u + l2;
}

char *synth_postcode_format(uint32_t code, char *buf)
{
    if (code == 0) {
        buf[0] = '\0';
        return buf;
    }
    code -= 1u;
    uint32_t l2 = code % 20u, l1 = (code / 20u) % 20u, digit = (code / 400u) % 10u;
    uint32_t out = code / 4000u;
    const char *o = out < (uint32_t)N_LOCAL_OUT ? local_outward[out]
                                                : other_outward[(out - N_LOCAL_OUT) % N_OTHER_OUT];
    snprintf(buf, 9, "%s %u%c%c", o, digit, inward_letters[l1], inward_letters[l2]);
    return buf;
}

bool synth_postcode_is_local(uint32_t code)
{
    return code != 0 && (code - 1u) / 4000u < (uint32_t)N_LOCAL_OUT;
}

/* A synthetic ONS Postcode Directory entry for a made-up postcode: grid
 * references and authority codes invented here, not the real ones of any
 * postcode. The council's own area (the local outward codes) lies within
 * about 15 miles of its centre, in one county (X10000001) of six districts;
 * each other outward code is its own unitary authority (X06000002, ...) 25 to
 * 120 miles away. Within an outward code, the sector and unit spread
 * postcodes over about 3 miles. Codes start with X, which the ONS does not
 * use. Integer arithmetic only: the same bytes on every machine. */
static const int local_km[][2] = {
    {0, 0},   {6, 3},    {-5, 4},   {2, -7},    {-8, -3},  {10, -2},  {-3, 10}, {12, 8},
    {-12, 6}, {5, 14},   {-9, -11}, {15, -9},   {-16, -2}, {3, -16},  {18, 4},  {-6, 17},
    {9, -18}, {-19, 10}, {20, -12}, {-14, -17}, {13, 19},  {-22, -8},
};
static const int other_km[][2] = {
    {55, 70},  {25, 45},   {40, 110}, {-85, 20},  {85, 15}, {70, 50},
    {-45, 55}, {-150, -5}, {60, 170}, {140, 110}, {190, 5}, {95, 130},
};
_Static_assert(sizeof local_km / sizeof local_km[0] == N_LOCAL_OUT, "one place per local code");
_Static_assert(sizeof other_km / sizeof other_km[0] == N_OTHER_OUT, "one place per other code");

uint32_t synth_postcode_max(void)
{
    return (uint32_t)(N_LOCAL_OUT + N_OTHER_OUT) * 4000u;
}

void synth_postcode_directory_entry(uint32_t code, long *east, long *north, char cty[16],
                                    char laua[16])
{
    code -= 1u;
    uint32_t l2 = code % 20u, l1 = (code / 20u) % 20u, digit = (code / 400u) % 10u;
    uint32_t out = code / 4000u;
    bool local = out < (uint32_t)N_LOCAL_OUT;
    const int *km = local ? local_km[out] : other_km[(out - N_LOCAL_OUT) % N_OTHER_OUT];
    *east = 450000 + 1000L * km[0] + (long)(digit % 5u) * 800 - 1600 + (long)l1 * 40 - 400;
    *north = 150000 + 1000L * km[1] + (long)(digit / 5u) * 1000 - 500 + (long)l2 * 40 - 400;
    if (local) {
        snprintf(cty, 16, "X10000001");
        snprintf(laua, 16, "X0700000%u", out % 6u + 1u);
    } else {
        snprintf(cty, 16, "X99999999");
        snprintf(laua, 16, "X060000%02u", (out - N_LOCAL_OUT) % N_OTHER_OUT + 2u);
    }
}

/* DfE UPN check letter: characters 2-13 weighted 2..13, sum mod 23. */
char *synth_upn_format(uint64_t digits, char *buf)
{
    static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
    char d[13];
    snprintf(d, sizeof d, "%012llu", (unsigned long long)(digits % 1000000000000ULL));
    int sum = 0;
    for (int i = 0; i < 12; i++) sum += (d[i] - '0') * (i + 2);
    buf[0] = letters[sum % 23];
    memcpy(buf + 1, d, 12);
    buf[13] = '\0';
    return buf;
}
