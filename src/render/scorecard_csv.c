/* scorecard_csv: the Pledge scorecard as CSV; see scorecard_write.h. */
#include "render/scorecard_write.h"

#include "render/csv.h"
#include "render/scorecard_words.h"

#include <string.h>

static void csv_row(FILE *out, const Scorecard *sc, const ScoreEntry *e, const ScoreFigure *f,
                    const char *group, bool with_trend)
{
    char promise[16];
    snprintf(promise, sizeof promise, "3.%d", e->ind->promise);
    bool fig = e->state == SCORE_COMPUTED;
    const char *fields[] = {promise,
                            e->ind->id,
                            fig ? f->value_text : "",
                            fig ? f->num_text : "",
                            fig ? f->den_text : "",
                            group,
                            !e->dfe                                    ? ""
                            : e->sides[0] && f != scorecard_now(sc, e) ? "%"
                                                                       : e->dfe->unit_name,
                            e->ind->target_text,
                            with_trend ? e->rag : "",
                            scorecard_words_state(e->state)};
    for (int i = 0; i < 10; i++) {
        if (i) fputc(',', out);
        render_csv_field(out, fields[i]);
    }
    for (int k = 0; k < sc->n_years - 1; k++) {
        fputc(',', out);
        if (with_trend && e->dfe && e->trend_available[k])
            render_csv_field(out, e->trend[k].value_text);
    }
    fputc(',', out);
    render_csv_field(out, e->ind->title);
    fputc(',', out);
    char note[DFE_REASON_LEN + 600];
    if (e->state == SCORE_SURVEY)
        snprintf(note, sizeof note, "survey: %s", e->ind->definition);
    else if (e->state == SCORE_NOT_AVAILABLE)
        snprintf(note, sizeof note, "not available: %s", e->reason);
    else
        note[0] = '\0';
    render_csv_field(out, note);
    fputc('\n', out);
}

void scorecard_write_csv(FILE *out, const Scorecard *sc)
{
    fputs("promise,indicator,value,numerator,denominator,group,unit,target,rag,status", out);
    for (int k = 0; k < sc->n_years - 1; k++) {
        char yl[16];
        scorecard_words_year(sc->opt.year - sc->opt.years + k, yl, sizeof yl);
        fprintf(out, ",%s", yl);
    }
    fputs(",title,note\n", out);
    for (int i = 0; i < sc->n_entries; i++) {
        const ScoreEntry *e = &sc->entries[i];
        csv_row(out, sc, e, scorecard_now(sc, e), "all", true);
        if (e->state != SCORE_COMPUTED) continue;
        if (e->sides[0])
            for (int s = 0; s < 2; s++)
                csv_row(out, sc, e, &e->side_figures[sc->n_years - 1][s], e->sides[s], false);
        else
            for (int g = 0; g < sc->n_groups; g++)
                csv_row(out, sc, e, &e->groups[g], sc->groups[g], false);
    }
}
