/* pack_layout: see pack_layout.h. Text is DejaVu Sans (fonts-dejavu-core),
 * as in render/chart.c; colours never carry meaning alone (a status has its
 * word beside its swatch). */
#include "render/pack_layout.h"

#include "base/mem.h"
#include "render/cairo_lib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A4 portrait in points. */
static const double PAGE_W = 595.28, PAGE_H = 841.89, MARGIN = 40, TOP = 58, BOTTOM = 50;
static const char FONT[] = "DejaVu Sans";

struct PackPen {
    cairo_surface_t *surface;
    cairo_t *cr;
    char *path, *header, *footer, *note;
    int page, total;
    double y;
    bool page_open;
    /* The counting pass (path NULL) only measures text, to break the pages
     * where the real pass will: it draws nothing, which halves the pack's
     * drawing time (bench/RESULTS.md, "The quarterly pack"). */
    bool counting;
};

static double content_width(void)
{
    return PAGE_W - 2 * MARGIN;
}

static double bottom_of_page(const PackPen *pen)
{
    return PAGE_H - BOTTOM - (pen->note ? 11 : 0);
}

static void font(PackPen *pen, double size, bool bold)
{
    cairo_lib.cairo_select_font_face(pen->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                                     bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_lib.cairo_set_font_size(pen->cr, size);
}

static void grey(PackPen *pen, double level)
{
    cairo_lib.cairo_set_source_rgb(pen->cr, level, level, level);
}

static double width_of(PackPen *pen, const char *s)
{
    cairo_text_extents_t ext;
    cairo_lib.cairo_text_extents(pen->cr, s, &ext);
    return ext.x_advance;
}

/* Draws s with its baseline at y; align 0 left, 1 right of x. */
static void say(PackPen *pen, const char *s, double x, double y, double align)
{
    if (pen->counting) return;
    cairo_lib.cairo_move_to(pen->cr, x - align * width_of(pen, s), y);
    cairo_lib.cairo_show_text(pen->cr, s);
}

static void line(PackPen *pen, double x0, double y0, double x1, double y1, double width)
{
    if (pen->counting) return;
    cairo_lib.cairo_set_line_width(pen->cr, width);
    cairo_lib.cairo_move_to(pen->cr, x0, y0);
    cairo_lib.cairo_line_to(pen->cr, x1, y1);
    cairo_lib.cairo_stroke(pen->cr);
}

/* Word-wraps text into width in the current font: the lines into *out (each
 * malloc'd; free with free_lines), at most max_lines, the last cut with "…"
 * when more text follows. Returns the number of lines (at least 1). */
static int wrap(PackPen *pen, const char *text, double width, int max_lines, char ***out)
{
    char **lines = xcalloc((size_t)max_lines + 1, sizeof *lines);
    size_t len = strlen(text ? text : "");
    char *buf = xmalloc(len + 8);
    const char *p = text ? text : "";
    int n = 0;
    while (n < max_lines) {
        while (*p == ' ') p++;
        const char *end = p, *fit = NULL;
        for (;;) { /* the longest run of whole words that fits, at least one */
            const char *q = end;
            while (*q && *q != ' ' && *q != '\n') q++;
            memcpy(buf, p, (size_t)(q - p));
            buf[q - p] = '\0';
            if (fit && width_of(pen, buf) > width) break;
            fit = q;
            if (!*q || *q == '\n') break;
            end = q + 1;
        }
        size_t k = (size_t)(fit - p);
        memcpy(buf, p, k);
        buf[k] = '\0';
        p = fit;
        bool more = *p && (*p != '\n' || p[1]);
        if (n == max_lines - 1 && more) {
            for (;;) { /* cut until the line fits with an ellipsis */
                strcpy(buf + k, "\u2026");
                if (k == 0 || width_of(pen, buf) <= width) break;
                do k--;
                while (k > 0 && ((unsigned char)buf[k] & 0xC0) == 0x80);
            }
        }
        lines[n++] = xstrdup(buf);
        if (*p == '\n') p++;
        if (!*p) break;
    }
    free(buf);
    *out = lines;
    return n;
}

static void free_lines(char **lines, int n)
{
    for (int i = 0; i < n; i++) free(lines[i]);
    free(lines);
}

/* ---- Pages ---------------------------------------------------------------- */

static void page_furniture(PackPen *pen)
{
    font(pen, 8, false);
    grey(pen, 0.35);
    say(pen, pen->header, MARGIN, 30, 0);
    line(pen, MARGIN, 36, PAGE_W - MARGIN, 36, 0.5);
    double y = PAGE_H - BOTTOM + 20 + (pen->note ? -11 : 0);
    line(pen, MARGIN, y - 11, PAGE_W - MARGIN, y - 11, 0.5);
    say(pen, pen->footer, MARGIN, y, 0);
    char num[48];
    if (pen->total)
        snprintf(num, sizeof num, "Page %d of %d", pen->page, pen->total);
    else
        snprintf(num, sizeof num, "Page %d", pen->page);
    font(pen, 8, true);
    say(pen, num, PAGE_W - MARGIN, y, 1);
    if (pen->note) {
        font(pen, 8, false);
        say(pen, pen->note, MARGIN, y + 11, 0);
    }
}

void pack_pen_page(PackPen *pen)
{
    if (pen->page_open) cairo_lib.cairo_show_page(pen->cr);
    pen->page++;
    pen->page_open = true;
    page_furniture(pen);
    pen->y = TOP;
}

void pack_pen_need(PackPen *pen, double height)
{
    if (!pen->page_open || pen->y + height > bottom_of_page(pen)) pack_pen_page(pen);
}

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length)
{
    (void)closure, (void)data, (void)length;
    return CAIRO_STATUS_SUCCESS;
}

int pack_pen_open(PackPen **out, const char *path, const char *title, const char *header,
                  const char *footer, const char *note, int total, Err *err)
{
    int rc = cairo_lib_open("drawing the quarterly pack", err);
    if (rc < 0) return rc;
    cairo_surface_t *s =
        path ? cairo_lib.cairo_pdf_surface_create(path, PAGE_W, PAGE_H)
             : cairo_lib.cairo_pdf_surface_create_for_stream(discard, NULL, PAGE_W, PAGE_H);
    cairo_status_t st = cairo_lib.cairo_surface_status(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_lib.cairo_surface_destroy(s);
        return err_set(err, ERR_IO, "cannot write the pack '%s': %s", path ? path : "",
                       cairo_lib.cairo_status_to_string(st));
    }
    cairo_lib.cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
    PackPen *pen = xcalloc(1, sizeof *pen);
    pen->surface = s;
    pen->cr = cairo_lib.cairo_create(s);
    pen->path = xstrdup(path ? path : "");
    pen->header = xstrdup(header);
    pen->footer = xstrdup(footer);
    pen->note = note ? xstrdup(note) : NULL;
    pen->total = total;
    pen->counting = !path;
    *out = pen;
    return 0;
}

void pack_pen_subject(PackPen *pen, const char *subject)
{
    cairo_lib.cairo_pdf_surface_set_metadata(pen->surface, CAIRO_PDF_METADATA_SUBJECT, subject);
}

int pack_pen_close(PackPen *pen, int *pages, Err *err)
{
    if (pen->page_open) cairo_lib.cairo_show_page(pen->cr);
    cairo_status_t st = cairo_lib.cairo_status(pen->cr);
    cairo_lib.cairo_destroy(pen->cr);
    cairo_lib.cairo_surface_finish(pen->surface);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_lib.cairo_surface_status(pen->surface);
    cairo_lib.cairo_surface_destroy(pen->surface);
    int rc = st == CAIRO_STATUS_SUCCESS ? 0
                                        : err_set(err, ERR_IO, "cannot write the pack '%s': %s",
                                                  pen->path, cairo_lib.cairo_status_to_string(st));
    if (pages) *pages = pen->page;
    free(pen->path);
    free(pen->header);
    free(pen->footer);
    free(pen->note);
    free(pen);
    return rc;
}

/* ---- Text ----------------------------------------------------------------- */

void pack_pen_heading(PackPen *pen, const char *text, int level, double keep)
{
    double size = level == 1 ? 16 : 11.5;
    pack_pen_need(pen, size * 2 + keep);
    if (pen->y > TOP + 1) pen->y += level == 1 ? 10 : 6;
    font(pen, size, true);
    grey(pen, 0.05);
    char **lines;
    int n = wrap(pen, text, content_width(), 3, &lines);
    for (int i = 0; i < n; i++) say(pen, lines[i], MARGIN, pen->y + size + i * size * 1.25, 0);
    free_lines(lines, n);
    pen->y += size + (n - 1) * size * 1.25 + 5;
    if (level == 1) {
        cairo_lib.cairo_set_source_rgb(pen->cr, 0.0, 0.447, 0.698);
        line(pen, MARGIN, pen->y, PAGE_W - MARGIN, pen->y, 1.5);
        char link[32];
        snprintf(link, sizeof link, "page=%d", pen->page);
        if (!pen->counting)
            cairo_lib.cairo_pdf_surface_add_outline(pen->surface, CAIRO_PDF_OUTLINE_ROOT, text,
                                                    link, 0);
        pen->y += 8;
    } else {
        pen->y += 2;
    }
}

void pack_pen_text(PackPen *pen, const char *text, double size, bool bold)
{
    font(pen, size, bold);
    char **lines;
    int n = wrap(pen, text, content_width(), 200, &lines);
    double lh = size * 1.35;
    for (int i = 0; i < n; i++) {
        pack_pen_need(pen, lh);
        font(pen, size, bold);
        grey(pen, 0.1);
        say(pen, lines[i], MARGIN, pen->y + size, 0);
        pen->y += lh;
    }
    pen->y += size * 0.5;
    free_lines(lines, n);
}

/* ---- Tables --------------------------------------------------------------- */

/* Fills a rectangle in the colour (r, g, b). */
static void box(PackPen *pen, double x, double y, double w, double h, double r, double g, double b)
{
    if (pen->counting) return;
    cairo_lib.cairo_set_source_rgb(pen->cr, r, g, b);
    cairo_lib.cairo_rectangle(pen->cr, x, y, w, h);
    cairo_lib.cairo_fill(pen->cr);
}

static void rag_swatch(PackPen *pen, const char *word, double x, double y, double size)
{
    double r = 0.5, g = 0.5, b = 0.5;
    if (strcmp(word, "green") == 0) r = 0.0, g = 0.55, b = 0.3;
    if (strcmp(word, "amber") == 0) r = 0.95, g = 0.62, b = 0.0;
    if (strcmp(word, "red") == 0) r = 0.8, g = 0.1, b = 0.1;
    box(pen, x, y - size * 0.8, size * 0.8, size * 0.8, r, g, b);
}

static void table_header(PackPen *pen, const PackColumn *cols, int n_cols, double size)
{
    double x = MARGIN, h = size * 1.3 + 6;
    box(pen, MARGIN, pen->y, content_width(), h, 0.88, 0.92, 0.96);
    font(pen, size, true);
    grey(pen, 0.05);
    for (int c = 0; c < n_cols; c++) {
        double w = cols[c].width * content_width();
        bool right = cols[c].kind == PACK_CELL_NUMBER;
        say(pen, cols[c].name, right ? x + w - 3 : x + 3, pen->y + size + 2, right ? 1 : 0);
        x += w;
    }
    pen->y += h;
}

static const char *cell_text(const char *const *cells, int n_cols, int r, int c)
{
    const char *s = cells[(size_t)r * (size_t)n_cols + (size_t)c];
    return s ? s : "";
}

void pack_pen_table(PackPen *pen, const PackColumn *cols, int n_cols, const char *const *cells,
                    int n_rows, double size, int max_lines)
{
    double lh = size * 1.25;
    pack_pen_need(pen, size * 1.3 + 6 + lh + 4);
    table_header(pen, cols, n_cols, size);
    char ***lines = xcalloc((size_t)n_cols, sizeof *lines);
    int *n_lines = xcalloc((size_t)n_cols, sizeof *n_lines);
    for (int r = 0; r < n_rows; r++) {
        int most = 1;
        font(pen, size, false);
        for (int c = 0; c < n_cols; c++) {
            double w =
                cols[c].width * content_width() - 6 - (cols[c].kind == PACK_CELL_RAG ? size : 0);
            n_lines[c] = wrap(pen, cell_text(cells, n_cols, r, c), w, max_lines, &lines[c]);
            if (n_lines[c] > most) most = n_lines[c];
        }
        double h = most * lh + 4;
        if (pen->y + h > bottom_of_page(pen)) {
            pack_pen_page(pen);
            table_header(pen, cols, n_cols, size);
        }
        if (r % 2) /* banded rows help the eye along a wide line */
            box(pen, MARGIN, pen->y, content_width(), h, 0.965, 0.965, 0.965);
        double x = MARGIN;
        for (int c = 0; c < n_cols; c++) {
            double w = cols[c].width * content_width();
            font(pen, size, false);
            double tx = x + 3;
            if (cols[c].kind == PACK_CELL_RAG && lines[c][0][0]) {
                rag_swatch(pen, lines[c][0], tx, pen->y + 2 + size, size);
                tx += size;
            }
            grey(pen, 0.08);
            for (int k = 0; k < n_lines[c]; k++) {
                bool right = cols[c].kind == PACK_CELL_NUMBER;
                say(pen, lines[c][k], right ? x + w - 3 : tx, pen->y + 2 + size + k * lh,
                    right ? 1 : 0);
            }
            free_lines(lines[c], n_lines[c]);
            x += w;
        }
        pen->y += h;
    }
    grey(pen, 0.6);
    line(pen, MARGIN, pen->y, PAGE_W - MARGIN, pen->y, 0.5);
    pen->y += 8;
    free(lines);
    free(n_lines);
}

/* ---- Charts --------------------------------------------------------------- */

int pack_pen_charts(PackPen *pen, const Chart *charts, const char *const *titles, int n, int cols,
                    double height, Err *err)
{
    double gap = 12, w = (content_width() - gap * (cols - 1)) / cols;
    double title_h = titles ? 2 * 10.5 + 2 : 0;
    for (int i = 0; i < n; i += cols) {
        pack_pen_need(pen, height + title_h);
        for (int k = 0; k < cols && i + k < n; k++) {
            double x = MARGIN + k * (w + gap);
            if (titles && titles[i + k]) {
                font(pen, 8.5, true);
                grey(pen, 0.05);
                char **lines;
                int nl = wrap(pen, titles[i + k], w, 2, &lines);
                for (int j = 0; j < nl; j++) say(pen, lines[j], x, pen->y + 9 + j * 10.5, 0);
                free_lines(lines, nl);
            }
            if (pen->counting) continue;
            int rc = chart_draw_into(pen->cr, &charts[i + k], x, pen->y + title_h, w, height, err);
            if (rc < 0) return rc;
        }
        pen->y += title_h + height + gap;
    }
    return 0;
}
