/* synth_era: see synth_era.h. */
#include "synth/synth_era.h"

#include "synth/synth_model.h"

/* First collection years of today's codes (data/903-codes.csv). */
enum {
    YEAR_U_FOSTER = 2015, /* U1-U6; Q1/Q2 from 2010, F1-F6 before */
    YEAR_Q_FOSTER = 2010,
    YEAR_PLACEMENT_ORDER = 2006, /* LS E1, Adoption and Children Act 2002 s21 */
    YEAR_SPLITS = 2016,          /* REC E4A/E4B, E45-E48; ACTIV F4/P4, F5/P5; RPC */
};

/* Before U1-U6: Q1 (relatives or friends), Q2 (other carers); before Q1/Q2,
 * F1-F6, which told long-term fostering from other and a council's own carers
 * from an agency's (private or voluntary provider). */
static const char *old_foster(int place, int provider, int year)
{
    bool kin = place == SC_PL_U1 || place == SC_PL_U2 || place == SC_PL_U3;
    if (year >= YEAR_Q_FOSTER) return kin ? "Q1" : "Q2";
    if (kin) return place == SC_PL_U1 ? "F1" : "F2";
    bool agency = provider == SC_PR_PR4 || provider == SC_PR_PR5;
    if (place == SC_PL_U4) return agency ? "F5" : "F3";
    return agency ? "F6" : "F4";
}

const char *synth_era_place(int place, int provider, int year)
{
    if (place >= SC_PL_U1 && place <= SC_PL_U6 && year < YEAR_U_FOSTER)
        return old_foster(place, provider, year);
    return synth_code(place);
}

/* A child to be adopted before placement orders was under a freeing order. */
const char *synth_era_ls(int ls, int year)
{
    if (ls == SC_LS_E1 && year < YEAR_PLACEMENT_ORDER) return "D1";
    return synth_code(ls);
}

const char *synth_era_rec(int rec, int year)
{
    if (year >= YEAR_SPLITS) return synth_code(rec);
    switch (rec) {
    case SC_REC_E4A:
    case SC_REC_E4B: return "E4";
    case SC_REC_E45:
    case SC_REC_E46: return "E43";
    case SC_REC_E47:
    case SC_REC_E48: return "E44";
    default: return synth_code(rec);
    }
}

const char *synth_era_rpc(int rpc, int year)
{
    return year >= YEAR_SPLITS ? synth_code(rpc) : "";
}

/* Apprenticeships and other training or employment were one code, F3/P3. */
const char *synth_era_activ(int activ, int year)
{
    if (year < YEAR_SPLITS) {
        if (activ == SYNTH_AC_F4 || activ == SYNTH_AC_F5) return "F3";
        if (activ == SYNTH_AC_P4 || activ == SYNTH_AC_P5) return "P3";
    }
    return synth_activ_codes[activ];
}
