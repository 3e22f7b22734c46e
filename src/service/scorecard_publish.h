/* scorecard_publish: one `scorecard --publish` output protected as a whole.
 *
 * After each table has had its own disclosure control (service/scorecard.c),
 * every count the output publishes goes into one DiscSystem
 * (domain/disclosure_system.h): each year's figures (numerator, the rest of
 * the denominator, denominator), the groups of a --by breakdown with their
 * totals, the age parts of the care-leaver indicators with their total, the
 * two sides of each gap with the base indicator's figure (the children on
 * neither side a hidden count), and within one year every two totals of equal
 * value as possibly the same children. The exact audit then withholds more
 * until no withheld count can be pinned down or shown to be small from
 * anything in the output, and the figures' texts are written again.
 * docs/disclosure.md explains what a reader is assumed to know. */
#ifndef CAREPLEDGE_SCORECARD_PUBLISH_H
#define CAREPLEDGE_SCORECARD_PUBLISH_H

#include "base/err.h"
#include "service/scorecard.h"

/* Fills the texts of f from num/den and the suppression marks (scorecard.c). */
void scorecard_set_figure(ScoreFigure *f, const DfeIndicator *d, long num, long den, bool num_c,
                          bool den_c);

/* Protects sc's published figures jointly, as the first layers of pub
 * (domain/publication: the figures of every year, then the groups of the
 * year asked), or of a publication of their own when pub is NULL. Returns 0,
 * or ERR_INPUT when the figures do not add up as they should or cannot be
 * protected. */
int scorecard_publish_jointly(Scorecard *sc, struct Publication *pub, Err *err);

/* The cohort keys (domain/publication) of a year: its figures' numerators and
 * denominators, each two of equal value taken to be the same children; and
 * its denominators alone, the cohorts another output of the year (the
 * profile) may count too. */
typedef enum ScorecardKey { SCORECARD_KEY_FIGURES, SCORECARD_KEY_COHORTS } ScorecardKey;
int scorecard_publish_key(int year, ScorecardKey which);

#endif
