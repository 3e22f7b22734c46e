/* chart: bar charts and trend (line) charts drawn with cairo, written as PNG,
 * SVG or PDF, and a multi-page PDF writer for board packs.
 *
 * One drawing routine serves every output: the same Chart comes out the same in
 * a PNG for a report, an SVG for the web dashboard and a page of a PDF for the
 * Corporate Parenting Panel. Charts are laid out for readers who are not
 * analysts: a title, labelled axes, the value written on every bar or point, a
 * legend when there is more than one series, and a caption in plain words under
 * the chart. Text is set in DejaVu Sans (fonts-dejavu-core).
 *
 * This module draws what it is given. It does not compute, round or suppress
 * figures: a suppressed value is passed as NAN with its label "c" (see
 * domain/disclosure.h). It never reads the database. */
#ifndef CAREPLEDGE_CHART_H
#define CAREPLEDGE_CHART_H

#include "base/err.h"

typedef enum ChartKind {
    CHART_BAR,  /* one bar per category, grouped when there are several series */
    CHART_LINE, /* a trend: categories are years (or other ordered periods) on x */
} ChartKind;

typedef enum ChartFormat { CHART_PNG, CHART_SVG, CHART_PDF } ChartFormat;

typedef struct ChartSeries {
    const char *name;     /* legend text; NULL or "" for a single unnamed series */
    const double *values; /* n_categories values; NAN = no figure (missing or suppressed) */
    /* Optional text to write at each value instead of the number, e.g. "c" for a
     * suppressed figure; NULL entries (or a NULL array) mean "format the number". */
    const char *const *labels;
} ChartSeries;

typedef struct Chart {
    ChartKind kind;
    const char *title;
    const char *x_label, *y_label; /* axis titles; NULL for none */
    const char *caption;           /* plain words under the chart; NULL for none */
    const char *const *categories; /* bar names or years, n_categories of them */
    int n_categories;
    const ChartSeries *series;
    int n_series;
    int decimals;      /* decimals in value labels and axis ticks */
    const char *unit;  /* appended to value labels and ticks, e.g. "%"; NULL for none */
    double y_max;      /* top of the value axis; 0 = fit the data */
    double target;     /* a dashed target line at this value; NAN for none */
    int width, height; /* pixels (PNG, SVG) or points (PDF); 0 = 900 x 560 */
} Chart;

/* Writes the chart to path in the given format. Returns 0, ERR_INPUT when the
 * chart has no category or series, or ERR_IO when the file cannot be written. */
int chart_write(const Chart *chart, ChartFormat format, const char *path, Err *err);

/* The format named by a file's extension (.png, .svg, .pdf); returns 0 or
 * ERR_USAGE. */
int chart_format_from_path(const char *path, ChartFormat *out, Err *err);

/* A PDF of A4 portrait pages, one page per call to chart_pdf_page (more when a
 * page's charts do not fit: the rest go on a continuation page). */
typedef struct ChartPdf ChartPdf;

/* Creates the file. Returns 0 and sets *out (owned by the caller until
 * chart_pdf_close), or ERR_IO. title goes into the PDF's metadata. */
int chart_pdf_open(ChartPdf **out, const char *path, const char *title, Err *err);
/* Adds a page: a heading, paragraphs of text (each wrapped to the page width),
 * then the charts one under another. Returns 0, ERR_INPUT for a bad chart, or
 * ERR_IO. */
int chart_pdf_page(ChartPdf *pdf, const char *heading, const char *const *paragraphs,
                   int n_paragraphs, const Chart *charts, int n_charts, Err *err);
/* Pages written so far. */
int chart_pdf_page_count(const ChartPdf *pdf);
/* Finishes the file and frees pdf (also on error). Returns 0 or ERR_IO. */
int chart_pdf_close(ChartPdf *pdf, Err *err);

/* Draws the chart into the box (x, y, w, h), in points, of a cairo context
 * another module of render/ created (a cairo_t *, passed as void * so that
 * this header needs no cairo header): how render/pack_pdf.c lays several
 * charts out on one page. Returns 0, ERR_INPUT for a bad chart, or
 * ERR_UNAVAILABLE when cairo cannot be opened. */
int chart_draw_into(void *cairo_context, const Chart *chart, double x, double y, double w, double h,
                    Err *err);

/* Frees the font caches cairo and fontconfig keep for the life of the
 * process, so that leak checkers see only real leaks. Call at exit, when no
 * chart or ChartPdf is being drawn; drawing afterwards is still allowed. */
void chart_free_caches(void);

#endif
