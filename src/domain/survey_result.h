/* survey_result: one survey question's results as a layer of a publication
 * (domain/publication; issue 17, issue 11 item 6).
 *
 * The results of a question are a table of counts (age versions as rows,
 * answers as columns, both totals) and the share answering Always or Mostly,
 * whose numerator (Always plus Mostly) and the rest of those who answered are
 * counts too: the scorecard's survey indicator prints that numerator and
 * those who answered. Every one of those counts goes into the publication,
 * with the sums a reader can write down, and is protected by the exact audit
 * as one layer. The layer is linked to no other count (answers are anonymous
 * and counted apart from the records: docs/survey.md), so a tally's marks are
 * the same in every publication that holds it: `survey results --publish`,
 * the scorecard's survey figures and the quarterly pack's survey section.
 *
 * Pure: no I/O. */
#ifndef CAREPLEDGE_SURVEY_RESULT_H
#define CAREPLEDGE_SURVEY_RESULT_H

#include "base/err.h"
#include "domain/survey.h"

struct Publication;

/* Adds r's counts (as survey_result_build filled them, unpublished) to pub as
 * one layer, protects it, and writes r's texts from the marks ("c" where
 * withheld). Returns 0, or ERR_INPUT when a count cannot be protected (a
 * bug: a table with its margins always can be). */
int survey_result_publish_layer(SurveyResult *r, struct Publication *pub, Err *err);

#endif
