/* scorecard_words: the words and labels every writer of the Pledge scorecard
 * shares (render/scorecard_*.c), so that the text, CSV, JSON, HTML and PDF say
 * the same thing the same way. Pure: no I/O, no allocation. */
#ifndef CAREPLEDGE_SCORECARD_WORDS_H
#define CAREPLEDGE_SCORECARD_WORDS_H

#include "service/scorecard.h"

#include <stddef.h>

/* "2025/26" for the collection year ending in 2026. */
void scorecard_words_year(int year, char *buf, size_t n);
/* What follows a figure: "%", " days", " points" or "". */
const char *scorecard_words_unit(const DfeIndicator *d);
/* "12% (34 of 280)", "c", "312 days (7 children)". */
void scorecard_words_figure(const DfeIndicator *d, const ScoreFigure *f, char *buf, size_t n);
/* How a side of a gap (promise 3.7) is written: a percentage. */
extern const DfeIndicator scorecard_words_side_unit;
/* "computed", "survey" or "not available". */
const char *scorecard_words_state(ScoreState s);
/* "Higher is better." or "Lower is better." */
const char *scorecard_words_better(const Indicator *ind);
/* A sentence on the indicator for a councillor. */
void scorecard_words_sentence(const Scorecard *sc, const ScoreEntry *e, char *buf, size_t n);

#endif
