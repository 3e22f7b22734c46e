/* synth_era: see synth_era.h. */
#include "synth/synth_era.h"

#include "synth/synth_model.h"

/* First collection years of today's codes (data/903-codes.csv). */
enum {
    YEAR_U_FOSTER = 2015,        /* U1-U6; Q1/Q2 from 2010, F1-F6 before */
    YEAR_Q_FOSTER = 2010,        /* also K1/K2, H1-H4 before */
    YEAR_PLACEMENT_ORDER = 2006, /* LS E1, PLACE A3-A6: Adoption and Children Act 2002 */
    YEAR_SPLITS = 2016,          /* REC E4A/E4B, E45-E48; ACTIV F4/P4, F5/P5; RPC */
};

/* Before Q1/Q2, the foster codes told carers inside the council's boundary
 * (F1-F3) from those outside (F4-F6), and the council's own foster carers from
 * an agency's (a private or voluntary provider). */
static const char *f_foster(bool kin, int provider, bool inside)
{
    static const char *const codes[2][3] = {{"F4", "F5", "F6"}, {"F1", "F2", "F3"}};
    bool agency = provider == SC_PR_PR4 || provider == SC_PR_PR5;
    return codes[inside][kin ? 0 : agency ? 2 : 1];
}

/* Before K1/K2: secure units H1/H2 and children's homes H3/H4, inside or
 * outside the council's boundary. */
static const char *h_home(int place, bool inside)
{
    if (place == SC_PL_K1) return inside ? "H1" : "H2";
    return inside ? "H3" : "H4";
}

const char *synth_era_place(int place, int provider, uint32_t pl_post, int year)
{
    bool inside = synth_postcode_is_local(pl_post);
    if (place >= SC_PL_U1 && place <= SC_PL_U6 && year < YEAR_U_FOSTER) {
        bool kin = place == SC_PL_U1 || place == SC_PL_U2 || place == SC_PL_U3;
        if (year >= YEAR_Q_FOSTER) return kin ? "Q1" : "Q2";
        return f_foster(kin, provider, inside);
    }
    if ((place == SC_PL_K1 || place == SC_PL_K2) && year < YEAR_Q_FOSTER)
        return h_home(place, inside);
    /* Before the 2002 Act: with (A2) or not with (A1) the current foster carer. */
    if (place >= SC_PL_A3 && place <= SC_PL_A6 && year < YEAR_PLACEMENT_ORDER)
        return place == SC_PL_A3 || place == SC_PL_A5 ? "A2" : "A1";
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

bool synth_era_records_long_term(Date dec, int to_year)
{
    /* An episode shows in a year's return while DEC is on or after 1 April. */
    int last = dec == DATE_NONE || dec > date_collection_year_end(to_year)
                   ? to_year
                   : date_collection_year(dec);
    return last >= YEAR_U_FOSTER;
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
