/* pack_layout: the page layout of the quarterly pack (render/pack_pdf.c) on
 * cairo's PDF surface: content flows down A4 portrait pages — headings,
 * paragraphs, tables whose rows take the lines their text needs (the header
 * repeated on a new page), and grids of charts several to a page — with a
 * running header and a footer on every page (the pack's date, "Page n of N",
 * and a line saying which figures are withheld when published).
 *
 * "of N" needs the count before the first page is written: the document is
 * laid out twice, first without drawing (pack_pen_open with path NULL: text
 * is only measured, to break the pages where the second pass will) to count
 * the pages. Draws what it is given. */
#ifndef CAREPLEDGE_PACK_LAYOUT_H
#define CAREPLEDGE_PACK_LAYOUT_H

#include "base/err.h"
#include "render/chart.h"

#include <stdbool.h>

typedef struct PackPen PackPen;

/* Opens a pen on a new PDF at path (NULL: a counting pass that keeps
 * nothing). header is the running header, footer the left of every footer
 * line, note a second footer line (NULL for none); total the number of pages
 * ("Page n of total"; 0 writes "Page n"). Returns 0, ERR_IO or
 * ERR_UNAVAILABLE. */
int pack_pen_open(PackPen **out, const char *path, const char *title, const char *header,
                  const char *footer, const char *note, int total, Err *err);
/* Sets the PDF's subject (its document properties), which says whether the
 * pack may be published: a reader (or a test) can tell without opening it. */
void pack_pen_subject(PackPen *pen, const char *subject);
/* Ends the last page and the file, frees pen (also on error); *pages the
 * number of pages written. Returns 0 or ERR_IO. */
int pack_pen_close(PackPen *pen, int *pages, Err *err);

/* A new page. */
void pack_pen_page(PackPen *pen);
/* Moves to a new page when less than height points are left. */
void pack_pen_need(PackPen *pen, double height);

/* A section heading (level 1, with a rule and a bookmark) or a
 * sub-heading (level 2); kept with at least keep points of what follows. */
void pack_pen_heading(PackPen *pen, const char *text, int level, double keep);
/* A paragraph wrapped to the page width, at size points (bold or not). */
void pack_pen_text(PackPen *pen, const char *text, double size, bool bold);

typedef enum PackCellKind {
    PACK_CELL_TEXT,
    PACK_CELL_NUMBER, /* right-aligned */
    PACK_CELL_RAG,    /* "green", "amber" or "red" with a swatch; the word says it all */
} PackCellKind;

typedef struct PackColumn {
    const char *name;
    double width; /* a share of the page width; the shares add up to 1 */
    PackCellKind kind;
} PackColumn;

/* A table of n_rows rows, cells row-major (n_rows x n_cols, NULL = empty) at
 * font size size; max_lines caps a cell's lines (the rest shown as "…").
 * Rows are kept whole, the header repeated on each new page. */
void pack_pen_table(PackPen *pen, const PackColumn *cols, int n_cols, const char *const *cells,
                    int n_rows, double size, int max_lines);

/* Charts in a grid of cols columns, each height points high under its title
 * (titles[i], set small and wrapped to two lines; titles NULL: the charts'
 * own), rows moving to a new page when they do not fit. Returns 0 or
 * ERR_INPUT (a bad chart). */
int pack_pen_charts(PackPen *pen, const Chart *charts, const char *const *titles, int n, int cols,
                    double height, Err *err);

#endif
