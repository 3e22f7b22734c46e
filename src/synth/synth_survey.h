/* synth_survey: made-up answers to the young people's Pledge survey for a
 * synthetic history's last years, as the CSV of counts that `carepledge
 * survey import` reads (docs/survey.md), so that the demo's scorecard shows
 * every survey promise. Nothing here is anyone's answer: each question gets a
 * share of good answers drawn from the seed, a little better every year. */
#ifndef CAREPLEDGE_SYNTH_SURVEY_H
#define CAREPLEDGE_SYNTH_SURVEY_H

#include "base/err.h"

#include <stdint.h>

enum { SYNTH_SURVEY_YEARS = 5 }; /* rounds written: the scorecard's trend */

/* Writes to path one round for each of the SYNTH_SURVEY_YEARS collection years
 * up to to_year, answered by about a third of in_care young people a year.
 * Sets *n_rows (lines of counts). Returns 0 or ERR_IO. */
int synth_survey_write(const char *path, uint64_t seed, int to_year, long in_care, long *n_rows,
                       Err *err);

#endif
