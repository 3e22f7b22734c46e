/* scorecard_text: the Pledge scorecard as aligned text; see scorecard_write.h. */
#include "render/scorecard_write.h"

#include "render/scorecard_words.h"

#include <math.h>
#include <string.h>

void scorecard_write_text(FILE *out, const Scorecard *sc)
{
    char y[16];
    scorecard_words_year(sc->opt.year, y, sizeof y);
    fprintf(out, "Pledge scorecard %s%s\n", y,
            sc->opt.publish ? " (for publication: small numbers shown as c)" : "");
    int theme = -1;
    for (int i = 0; i < sc->n_entries; i++) {
        const ScoreEntry *e = &sc->entries[i];
        if (e->ind->theme != theme) {
            theme = e->ind->theme;
            fprintf(out, "\n%s\n", pledge_themes[theme]);
        }
        fprintf(out, "  3.%-3d %s [%s]\n", e->ind->promise, e->ind->title, e->ind->id);
        if (e->state == SCORE_SURVEY) {
            fprintf(out, "        survey: %s\n", e->ind->definition);
            continue;
        }
        if (e->state == SCORE_NOT_AVAILABLE) {
            fprintf(out, "        not available: %s\n", e->reason);
            continue;
        }
        char words[128];
        scorecard_words_figure(e->dfe, scorecard_now(sc, e), words, sizeof words);
        fprintf(out, "        %s: %s", y, words);
        if (e->ind->has_target)
            fprintf(out, "   target %s%s: %s", e->ind->target_text, scorecard_words_unit(e->dfe),
                    e->rag[0] ? e->rag : "no status");
        fputc('\n', out);
        if (sc->n_years > 1) {
            fprintf(out, "        earlier:");
            for (int k = 0; k < sc->n_years - 1; k++) {
                char yl[16];
                scorecard_words_year(sc->opt.year - sc->opt.years + k, yl, sizeof yl);
                const ScoreFigure *f = &e->trend[k];
                bool unit = e->trend_available[k] && !isnan(f->value);
                fprintf(out, " %s %s%s%s", yl,
                        e->trend_available[k] ? f->value_text : "not available",
                        unit ? scorecard_words_unit(e->dfe) : "", k < sc->n_years - 2 ? "," : "");
            }
            fputc('\n', out);
        }
        for (int s = 0; s < 2 && e->sides[0]; s++) {
            scorecard_words_figure(&scorecard_words_side_unit, &e->side_figures[sc->n_years - 1][s],
                                   words, sizeof words);
            fprintf(out, "        %s: %s\n", e->sides[s], words);
        }
        for (int g = 0; g < sc->n_groups && !e->sides[0]; g++) {
            scorecard_words_figure(e->dfe, &e->groups[g], words, sizeof words);
            fprintf(out, "        %s: %s\n", sc->groups[g], words);
        }
    }
}
