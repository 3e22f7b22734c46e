/* scorecard_words: see scorecard_words.h. */
#include "render/scorecard_words.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void scorecard_words_year(int year, char *buf, size_t n)
{
    snprintf(buf, n, "%d/%02d", year - 1, year % 100);
}

const char *scorecard_words_unit(const DfeIndicator *d)
{
    if (strcmp(d->unit_name, "points") == 0) return " points";
    return d->unit == DFE_PERCENT ? "%" : d->unit_name[0] == 'd' ? " days" : "";
}

void scorecard_words_figure(const DfeIndicator *d, const ScoreFigure *f, char *buf, size_t n)
{
    if (strcmp(d->id, "survey") == 0 && strcmp(f->value_text, "x") == 0)
        snprintf(buf, n, "x (not by group: the survey's answers are anonymous)");
    else if (strcmp(d->id, "survey") == 0) /* service/scorecard.h: scorecard_survey_unit */
        snprintf(buf, n, "%s%s (%s of %s answered)", f->value_text,
                 f->suppressed || f->den == 0 ? "" : "%", f->num_text, f->den_text);
    else if (strcmp(d->unit_name, "points") == 0)
        snprintf(buf, n, "%s%s", f->value_text, isnan(f->value) ? "" : " percentage points");
    else if (d->unit == DFE_PERCENT)
        snprintf(buf, n, "%s%s (%s of %s)", f->value_text, f->suppressed || f->den == 0 ? "" : "%",
                 f->num_text, f->den_text);
    else
        snprintf(buf, n, "%s%s (%s %s)", f->value_text,
                 f->suppressed || f->den == 0 ? "" : scorecard_words_unit(d), f->den_text,
                 strcmp(d->id, "review_participation") == 0 ? "reviews" : "children");
}

const DfeIndicator scorecard_words_side_unit = {"", DFE_PERCENT, "%", 0};

const char *scorecard_words_state(ScoreState s)
{
    return s == SCORE_COMPUTED ? "computed" : s == SCORE_SURVEY ? "survey" : "not available";
}

const char *scorecard_words_better(const Indicator *ind)
{
    return ind->better == INDICATOR_HIGHER ? "Higher is better." : "Lower is better.";
}

void scorecard_words_sentence(const Scorecard *sc, const ScoreEntry *e, char *buf, size_t n)
{
    char y[16], words[128];
    scorecard_words_year(sc->opt.year, y, sizeof y);
    if (e->state == SCORE_SURVEY) {
        snprintf(buf, n,
                 "3.%d %s: asked in the young people's survey, not measured from records: "
                 "\"%s\"",
                 e->ind->promise, e->ind->title, e->ind->definition);
    } else if (e->state == SCORE_NOT_AVAILABLE) {
        snprintf(buf, n, "3.%d %s: no figure. Why: %s.", e->ind->promise, e->ind->title, e->reason);
    } else {
        scorecard_words_figure(e->dfe, scorecard_now(sc, e), words, sizeof words);
        char target[96] = "";
        if (e->ind->has_target)
            snprintf(target, sizeof target, " Target %s%s: %s.", e->ind->target_text,
                     scorecard_words_unit(e->dfe), e->rag[0] ? e->rag : "no status");
        snprintf(buf, n, "3.%d %s, %s: %s. %s%s", e->ind->promise, e->ind->title, y, words,
                 scorecard_words_better(e->ind), target);
    }
}
