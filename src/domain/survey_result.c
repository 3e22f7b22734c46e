/* survey_result: see survey_result.h.
 *
 * Why the Always-or-Mostly count is a count of the layer: it is printed (the
 * scorecard's numerator, the pack's share), and it is the sum of two column
 * totals. Audited only as a table, a table withholding Always and showing
 * Mostly would still print their sum beside it, and give Always back. */
#include "domain/survey_result.h"

#include "domain/publication.h"

#include <stdio.h>
#include <string.h>

enum { V = SURVEY_N_VERSIONS, A = SURVEY_N_ANSWERS };

/* The variables of a question's counts in the publication. */
typedef struct SurveyVars {
    int cell[V * A], by_version[V], by_answer[A], answered, agree, rest;
} SurveyVars;

static void set_text(long value, bool withheld, char *buf)
{
    if (withheld)
        snprintf(buf, DISC_TEXT_LEN, "c");
    else
        snprintf(buf, DISC_TEXT_LEN, "%ld", value);
}

static void write_texts(SurveyResult *r, const Publication *pub, const SurveyVars *v)
{
    for (int s = 0; s < V; s++) {
        for (int a = 0; a < A; a++)
            set_text(r->count[s][a], publication_withheld(pub, v->cell[s * A + a]),
                     r->count_text[s][a]);
        set_text(r->by_version[s], publication_withheld(pub, v->by_version[s]),
                 r->by_version_text[s]);
    }
    for (int a = 0; a < A; a++)
        set_text(r->by_answer[a], publication_withheld(pub, v->by_answer[a]), r->by_answer_text[a]);
    r->answered_withheld = publication_withheld(pub, v->answered);
    r->agree_withheld = publication_withheld(pub, v->agree);
    set_text(r->answered, r->answered_withheld, r->answered_text);
    set_text(r->agree, r->agree_withheld, r->agree_text);
    disc_percent_text(r->agree, r->agree_withheld, r->answered, r->answered_withheld,
                      r->percent_text);
}

/* The table with its margins (publication_table's order: cells row by row,
 * row totals, column totals, the grand total), then Always or Mostly and the
 * rest of those who answered. */
static int add_counts(const SurveyResult *r, Publication *pub, SurveyVars *v, Err *err)
{
    long cells[V * A];
    for (int s = 0; s < V; s++)
        for (int a = 0; a < A; a++) cells[s * A + a] = r->count[s][a];
    int vars[V * A + V + A + 1];
    int n = publication_table(pub, cells, V, A, true, true, -1, vars, err);
    if (n < 0) return n;
    memcpy(v->cell, vars, sizeof v->cell);
    memcpy(v->by_version, vars + V * A, sizeof v->by_version);
    memcpy(v->by_answer, vars + V * A + V, sizeof v->by_answer);
    v->answered = vars[V * A + V + A];
    v->agree = publication_count(pub, r->agree);
    v->rest = publication_count(pub, r->answered - r->agree);
    int good[2] = {v->by_answer[SURVEY_ALWAYS], v->by_answer[SURVEY_MOSTLY]};
    int rc = publication_sum(pub, 2, good, v->agree, err);
    int whole[2] = {v->agree, v->rest};
    return rc < 0 ? rc : publication_sum(pub, 2, whole, v->answered, err);
}

int survey_result_publish_layer(SurveyResult *r, Publication *pub, Err *err)
{
    SurveyVars v;
    int rc = add_counts(r, pub, &v, err);
    if (rc == 0) rc = publication_layer(pub, err);
    if (rc == 0) write_texts(r, pub, &v);
    return rc;
}
