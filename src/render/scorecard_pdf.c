/* scorecard_pdf: the Pledge scorecard as an A4 PDF board pack; see scorecard_write.h. */
#include "render/scorecard_write.h"

#include "base/mem.h"
#include "render/scorecard_charts.h"
#include "render/scorecard_words.h"

#include <stdlib.h>

int scorecard_write_pdf(const char *path, const Scorecard *sc, Err *err)
{
    char y[16], title[64];
    scorecard_words_year(sc->opt.year, y, sizeof y);
    snprintf(title, sizeof title, "Pledge scorecard %s", y);
    ChartPdf *pdf;
    int rc = chart_pdf_open(&pdf, path, title, err);
    if (rc < 0) return rc;
    ScorecardCharts *ecs = xcalloc((size_t)sc->n_entries, sizeof *ecs);
    Chart *charts = xcalloc((size_t)sc->n_entries * 2, sizeof *charts);
    char(*sentences)[1400] = xcalloc((size_t)sc->n_entries + 1, sizeof *sentences);
    const char **paras = xcalloc((size_t)sc->n_entries + 1, sizeof *paras);
    for (int first = 0; first < sc->n_entries && rc == 0;) {
        int theme = sc->entries[first].ind->theme, last = first, n_paras = 0, n_charts = 0;
        while (last < sc->n_entries && sc->entries[last].ind->theme == theme) last++;
        if (first == 0) {
            snprintf(sentences[n_paras], sizeof sentences[0],
                     "%s: how the council is keeping each promise of its Pledge, from its records "
                     "for 1 April to 31 March.%s Promises that records cannot measure are asked "
                     "about in the young people's survey.",
                     title,
                     sc->opt.publish ? " Small numbers are shown as c so that no child can be "
                                       "identified."
                                     : "");
            paras[n_paras] = sentences[n_paras];
            n_paras++;
        }
        for (int i = first; i < last; i++) {
            const ScoreEntry *e = &sc->entries[i];
            scorecard_words_sentence(sc, e, sentences[n_paras], sizeof sentences[0]);
            paras[n_paras] = sentences[n_paras];
            n_paras++;
            scorecard_charts_build(sc, e, &ecs[i]);
            for (int k = 0; k < ecs[i].n; k++) charts[n_charts++] = ecs[i].charts[k];
        }
        rc = chart_pdf_page(pdf, pledge_themes[theme], paras, n_paras, charts, n_charts, err);
        first = last;
    }
    free(paras);
    free(sentences);
    free(charts);
    free(ecs);
    Err close_err;
    int crc = chart_pdf_close(pdf, &close_err);
    if (rc == 0 && crc < 0) {
        *err = close_err;
        rc = crc;
    }
    return rc;
}
