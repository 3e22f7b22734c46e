/* scorecard_html: the Pledge scorecard as a self-contained HTML page; see scorecard_write.h. */
#include "render/scorecard_write.h"

#include "base/mem.h"
#include "render/scorecard_charts.h"
#include "render/scorecard_words.h"
#include "render/table.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Draws the chart as SVG into a temporary file and copies it into the page. */
static int html_chart(FILE *out, const Chart *chart, Err *err)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/carepledge-chart-XXXXXX.svg", dir && *dir ? dir : "/tmp");
    int fd = mkstemps(path, 4);
    if (fd < 0) return err_set(err, ERR_IO, "cannot create a temporary file for a chart");
    close(fd);
    int rc = chart_write(chart, CHART_SVG, path, err);
    if (rc == 0) {
        FILE *in = fopen(path, "rb");
        if (!in) {
            rc = err_set(err, ERR_IO, "cannot read back a chart");
        } else {
            char *text = NULL;
            size_t len = 0, cap = 0, n;
            do {
                if (len + 8192 + 1 > cap) text = xrealloc(text, cap = 2 * cap + 8192 + 1);
                n = fread(text + len, 1, 8192, in);
                len += n;
            } while (n > 0);
            text[len] = '\0';
            /* drop the XML declaration: the SVG goes inside the HTML */
            const char *svg = strstr(text, "<svg");
            if (svg) fwrite(svg, 1, len - (size_t)(svg - text), out);
            free(text);
            fclose(in);
        }
    }
    remove(path);
    return rc;
}

int scorecard_write_html(FILE *out, const Scorecard *sc, Err *err)
{
    char y[16];
    scorecard_words_year(sc->opt.year, y, sizeof y);
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>Pledge scorecard %s</title>\n<style>\n"
            "body{font-family:'DejaVu Sans',sans-serif;max-width:60rem;margin:2rem auto;"
            "padding:0 1rem;color:#1a1a1a;line-height:1.45}\n"
            "section{page-break-before:always}h2{border-bottom:2px solid #0072b2}\n"
            "svg{max-width:100%%;height:auto}.rag{padding:0 .4em;border-radius:.3em}\n"
            ".green{background:#cde8d6}.amber{background:#f6e2b3}.red{background:#f4c7c3}\n"
            "p.note{color:#555}\n</style>\n</head>\n<body>\n<h1>Pledge scorecard %s</h1>\n",
            y, y);
    fprintf(out,
            "<p>How the council is keeping each promise of its Pledge to children in care and "
            "care leavers, from its records for the year 1 April to 31 March.%s Promises that "
            "records cannot measure are asked about in the young people's survey.</p>\n",
            sc->opt.publish ? " Small numbers are shown as <b>c</b> so that no child can be "
                              "identified."
                            : "");
    int theme = -1;
    ScorecardCharts *ec = xmalloc(sizeof *ec);
    int rc = 0;
    for (int i = 0; i < sc->n_entries && rc == 0; i++) {
        const ScoreEntry *e = &sc->entries[i];
        if (e->ind->theme != theme) {
            if (theme >= 0) fputs("</section>\n", out);
            theme = e->ind->theme;
            fputs("<section>\n<h2>", out);
            render_html_text(out, pledge_themes[theme]);
            fputs("</h2>\n", out);
        }
        fprintf(out, "<h3>3.%d ", e->ind->promise);
        render_html_text(out, e->ind->title);
        fputs("</h3>\n<p>", out);
        char sentence[1400];
        scorecard_words_sentence(sc, e, sentence, sizeof sentence);
        render_html_text(out, sentence);
        if (e->rag[0]) fprintf(out, " <span class=\"rag %s\">%s</span>", e->rag, e->rag);
        fputs("</p>\n", out);
        scorecard_charts_build(sc, e, ec);
        for (int k = 0; k < ec->n && rc == 0; k++) {
            fputs("<figure>\n", out);
            rc = html_chart(out, &ec->charts[k], err);
            fputs("<figcaption>", out);
            render_html_text(out, ec->charts[k].caption);
            fputs("</figcaption>\n</figure>\n", out);
        }
    }
    free(ec);
    if (theme >= 0) fputs("</section>\n", out);
    fputs("</body>\n</html>\n", out);
    return rc;
}
