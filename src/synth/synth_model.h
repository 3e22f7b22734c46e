/* synth_model: what the synthetic data generator holds in memory before it
 * writes anything: children, their episodes of care and their OC3 (care
 * leaver) records, with 903 codes kept as small integers.
 *
 * Everything else a 903 return carries (reviews, OC2, adoption, missing,
 * social worker episodes, ...) is derived from the episodes when a year is
 * written, from a random stream seeded by the child and the period of care,
 * so it needs no storage and is the same in every year that shows it.
 * Internal to src/synth/; nothing here does I/O. */
#ifndef CAREPLEDGE_SYNTH_MODEL_H
#define CAREPLEDGE_SYNTH_MODEL_H

#include "base/date.h"
#include "synth/synth_rng.h"

#include <stdbool.h>
#include <stdint.h>

/* Every 903 code the generator writes on an episode (data/903-codes.csv). */
typedef enum SynthCode {
    SC_NONE,
    /* RNE */
    SC_RNE_S,
    SC_RNE_P,
    SC_RNE_L,
    SC_RNE_T,
    SC_RNE_U,
    SC_RNE_B,
    /* LS */
    SC_LS_V2,
    SC_LS_V3,
    SC_LS_V4,
    SC_LS_C1,
    SC_LS_C2,
    SC_LS_E1,
    SC_LS_J1,
    SC_LS_J2,
    SC_LS_J3,
    SC_LS_L1,
    SC_LS_L2,
    SC_LS_L3,
    /* CIN */
    SC_CIN_N1,
    SC_CIN_N2,
    SC_CIN_N3,
    SC_CIN_N4,
    SC_CIN_N5,
    SC_CIN_N6,
    SC_CIN_N7,
    SC_CIN_N8,
    /* PLACE */
    SC_PL_A3,
    SC_PL_A4,
    SC_PL_A5,
    SC_PL_A6,
    SC_PL_H5,
    SC_PL_K1,
    SC_PL_K2,
    SC_PL_K3,
    SC_PL_P1,
    SC_PL_R1,
    SC_PL_R2,
    SC_PL_R3,
    SC_PL_R5,
    SC_PL_S1,
    SC_PL_U1,
    SC_PL_U2,
    SC_PL_U3,
    SC_PL_U4,
    SC_PL_U5,
    SC_PL_U6,
    /* PLACE_PROVIDER */
    SC_PR_PR0,
    SC_PR_PR1,
    SC_PR_PR2,
    SC_PR_PR3,
    SC_PR_PR4,
    SC_PR_PR5,
    /* REC */
    SC_REC_E11,
    SC_REC_E12,
    SC_REC_E2,
    SC_REC_E3,
    SC_REC_E4A,
    SC_REC_E4B,
    SC_REC_E13,
    SC_REC_E41,
    SC_REC_E45,
    SC_REC_E46,
    SC_REC_E47,
    SC_REC_E48,
    SC_REC_E5,
    SC_REC_E6,
    SC_REC_E7,
    SC_REC_E8,
    SC_REC_E9,
    SC_REC_E14,
    SC_REC_E15,
    SC_REC_E16,
    SC_REC_E17,
    SC_REC_X1,
    /* REASON_PLACE_CHANGE */
    SC_RPC_CARPL,
    SC_RPC_CLOSE,
    SC_RPC_ALLEG,
    SC_RPC_STAND,
    SC_RPC_APPRR,
    SC_RPC_CREQB,
    SC_RPC_CREQO,
    SC_RPC_CHILD,
    SC_RPC_LAREQ,
    SC_RPC_PLACE,
    SC_RPC_CUSTOD,
    SC_RPC_OTHER,
    SC_COUNT
} SynthCode;

/* The code's text as the 903 writes it ("" for SC_NONE). */
const char *synth_code(int code);

static inline bool synth_is_short_break(int ls)
{
    return ls == SC_LS_V3 || ls == SC_LS_V4;
}
static inline bool synth_is_foster(int place)
{
    return place >= SC_PL_U1 && place <= SC_PL_U6;
}
static inline bool synth_is_adoption_place(int place)
{
    return place >= SC_PL_A3 && place <= SC_PL_A6;
}
static inline bool synth_is_residential(int place)
{
    return place == SC_PL_K1 || place == SC_PL_K2 || place == SC_PL_R1 || place == SC_PL_R2 ||
           place == SC_PL_R3 || place == SC_PL_R5 || place == SC_PL_S1;
}

/* OC3 codes, as indexes into the tables below. */
enum { SYNTH_N_ETHNIC = 20, SYNTH_ETHNIC_WBRI = 0, SYNTH_ETHNIC_REFU = 18, SYNTH_ETHNIC_NOBT = 19 };
extern const char *const synth_ethnic_codes[SYNTH_N_ETHNIC];

enum {
    SYNTH_IT_YES,
    SYNTH_IT_NO,
    SYNTH_IT_DIED,
    SYNTH_IT_REFU,
    SYNTH_IT_NREQ,
    SYNTH_IT_RHOM,
    SYNTH_N_IN_TOUCH
};
extern const char *const synth_in_touch_codes[SYNTH_N_IN_TOUCH];

enum {
    SYNTH_AC_NONE, /* written as empty (died, returned home) */
    SYNTH_AC_0,
    SYNTH_AC_F1,
    SYNTH_AC_P1,
    SYNTH_AC_F2,
    SYNTH_AC_P2,
    SYNTH_AC_F4,
    SYNTH_AC_P4,
    SYNTH_AC_F5,
    SYNTH_AC_P5,
    SYNTH_AC_G4,
    SYNTH_AC_G5,
    SYNTH_AC_G6,
    SYNTH_N_ACTIV
};
extern const char *const synth_activ_codes[SYNTH_N_ACTIV];
/* F1, P1, F2, P2, F4, P4: education or training (s23CA support to 25). */
static inline bool synth_activ_in_education(int a)
{
    return a >= SYNTH_AC_F1 && a <= SYNTH_AC_P4;
}

enum { SYNTH_N_ACCOM = 32 };
extern const char *const synth_accom_codes[SYNTH_N_ACCOM]; /* [0] = "" */

/* Child flags. */
enum {
    SYNTH_CHILD_UASC = 1,
    SYNTH_CHILD_DISABLED = 2,
    SYNTH_CHILD_SHORT_BREAKS = 4,
    SYNTH_CHILD_COHORT = 8, /* built to a target of a profile */
};

/* One episode: looked after from decom (inclusive) to dec (exclusive). dec is
 * always a real date, possibly after the last year written; a year's file
 * shows DEC empty when dec is after its 31 March. */
typedef struct SynthEpisode {
    Date decom, dec;
    uint8_t rne, ls, cin, place, provider, rec, rpc;
    uint8_t pad;
    uint32_t pl_post; /* encoded postcode, 0 = none */
    uint32_t urn;     /* 0 = none */
} SynthEpisode;

/* One OC3 record: the young person's situation around their age-th birthday,
 * reported in the collection year in which that birthday falls. */
typedef struct SynthOc3 {
    uint8_t age, in_touch, activ, accom;
} SynthOc3;

typedef struct SynthChild {
    uint32_t number; /* CHILD is "C" followed by this number, zero-padded */
    uint8_t sex;     /* 'M' or 'F' */
    uint8_t ethnic;  /* index into synth_ethnic_codes */
    uint8_t flags;
    uint8_t pad;
    Date dob;
    Date mc_dob; /* date of birth of her first child, or DATE_NONE */
    uint32_t home_post;
    uint64_t seed; /* stream for the records derived at writing time */
    uint64_t upn;  /* 12 digits of the UPN; the check letter is computed */
    int first_ep, n_ep;
    int first_oc3, n_oc3;
} SynthChild;

typedef struct SynthWorld {
    SynthChild *children;
    int n_children;
    SynthEpisode *eps;
    int n_eps, cap_eps;
    SynthOc3 *oc3;
    int n_oc3, cap_oc3;
    int from_year, to_year; /* collection years written (end years) */
    Date w0, w1;            /* 1 April of from_year-1, 31 March of to_year */
    uint64_t seed;
    int n_social_workers;
} SynthWorld;

static inline SynthEpisode *synth_child_eps(const SynthWorld *w, const SynthChild *c)
{
    return w->eps ? w->eps + c->first_ep : NULL; /* no arithmetic on NULL (UB) */
}
static inline SynthOc3 *synth_child_oc3(const SynthWorld *w, const SynthChild *c)
{
    return w->oc3 ? w->oc3 + c->first_oc3 : NULL; /* no arithmetic on NULL (UB) */
}

/* Postcodes: encode a made-up "DT4 7QX"-style postcode as a number and back. */
uint32_t synth_postcode_random(SynthRng *r, bool local);
/* Writes the postcode into buf (at least 9 bytes); "" for 0. */
char *synth_postcode_format(uint32_t code, char *buf);
/* Whether a made-up postcode lies in the council's own area (0: not known, false). */
bool synth_postcode_is_local(uint32_t code);
/* The largest encoded postcode (codes are 1 .. synth_postcode_max()). */
uint32_t synth_postcode_max(void);
/* The synthetic ONS Postcode Directory's entry for an encoded postcode (not
 * 0): made-up grid references in metres and the authority codes (county,
 * "X99999999" for none, and local authority) of the synthetic council and its
 * neighbours. */
void synth_postcode_directory_entry(uint32_t code, long *east, long *north, char cty[16],
                                    char laua[16]);
/* Writes the 13-character UPN (check letter + 12 digits) into buf (14 bytes). */
char *synth_upn_format(uint64_t digits, char *buf);

#endif
