/* synth_dorset: the demo history. Its profile on 31 March 2010 equals every
 * figure of section 4 of Dorset's strategy "The world at their feet?" (2010):
 * 274 children in care full time, 70 through short breaks, 156 care leavers
 * no longer in care, with the strategy's breakdowns by legal status,
 * placement, age, disability and ethnicity.
 *
 * Built by construction: each of the 500 children the profile counts gets a
 * target cell (say: aged 13-15, care order, residential, disabled), and a
 * history that ends in that state on 31/03/2010 is drawn backwards from it.
 * The other children are random histories that the profile must not count:
 * none is looked after on that date, none aged 16-20 was looked after full
 * time after 16, and a 21-24-year-old former care leaver's latest OC3 shows
 * no education or training. docs/synth.md has the cell table. */
#ifndef CAREPLEDGE_SYNTH_DORSET_H
#define CAREPLEDGE_SYNTH_DORSET_H

#include "synth/synth_model.h"

/* Children the profile counts (274 + 70 + 156). */
enum { SYNTH_DORSET_COHORT = 500 };

/* The profile date, 31/03/2010. */
Date synth_dorset_date(void);

/* Fills w->children[0..w->n_children) (n_children >= SYNTH_DORSET_COHORT;
 * numbers already set): the cohort first, then background children. The
 * window must cover 2004 to 2010. */
void synth_dorset_generate(SynthWorld *w);

#endif
