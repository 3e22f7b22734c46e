/* synth: the synthetic SSDA903 history generator behind "carepledge synth".
 *
 * Writes one folder per collection year (DIR/2009-10/ for 1 April 2009 to
 * 31 March 2010) holding the twelve 903 tables as that year's return would
 * hold them, and the eleven local record templates (visits, health, PEPs, care
 * and pathway plans, ...; docs/templates.md), for a made-up council's
 * children: realistic mixes of legal status, placement, age, moves, returns
 * home, re-entries, adoptions, special guardianship, care leavers and short
 * breaks, with statutory duties mostly on time and some late. The same options and seed give
 * the same bytes. With the dorset-2010 profile the history reproduces the
 * strategy's section 4 profile on 31/03/2010 exactly (synth_dorset.h).
 * All data is synthetic: no real child is behind any row. */
#ifndef CAREPLEDGE_SYNTH_H
#define CAREPLEDGE_SYNTH_H

#include "base/err.h"

#include <stdint.h>

typedef enum SynthProfile {
    SYNTH_PROFILE_NONE,
    SYNTH_PROFILE_DORSET_2010,
} SynthProfile;

typedef struct SynthOptions {
    const char *out_dir;
    long n_children; /* with a profile, raised to what the profile needs */
    uint64_t seed;
    int from_year, to_year; /* collection years by end year: 2010 = 2009/10 */
    SynthProfile profile;
    /* When set, also writes there a synthetic ONS Postcode Directory (CSV,
     * the columns the directory's reader uses) with a row for every postcode
     * of the history: made-up grid references and authority codes. */
    const char *postcodes_path;
    /* When set, also writes there made-up answers to the young people's
     * survey for the last years (synth/synth_survey.h). */
    const char *survey_path;
} SynthOptions;

typedef struct SynthSummary {
    long n_children;
    int from_year, to_year;
    long n_episodes, n_header_rows, n_oc3_rows, n_rows; /* 903 rows over all years */
    long n_record_rows;         /* rows of the local record templates over all years */
    long in_care_last_31_march; /* looked after on the last 31 March written */
    long n_postcodes;           /* rows of the postcode directory, when written */
    long n_survey_rows;         /* lines of survey answer counts, when written */
} SynthSummary;

/* Parses "dorset-2010" (or "none"); returns 0 or -1. */
int synth_parse_profile(const char *s, SynthProfile *out);
/* The smallest --children the profile needs (0 for none). */
long synth_profile_children(SynthProfile p);
/* Generates and writes. Returns 0, ERR_USAGE for options it cannot honour,
 * or ERR_IO; err says why. */
int synth_run(const SynthOptions *opt, SynthSummary *summary, Err *err);

#endif
