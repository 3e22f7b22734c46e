/* chart: see chart.h.
 *
 * Layout of one chart, top to bottom: title, legend (several series only),
 * the plot with the value axis on the left and the categories underneath, the
 * x-axis title, the caption. Sizes scale with the chart's width so that a chart
 * reads the same in a 900-pixel PNG and in a column of an A4 page. Colours are
 * the Okabe-Ito palette, which stays distinct for readers with colour-vision
 * deficiency; every value is also written as text, so nothing depends on
 * colour alone. */
#include "render/chart.h"

#include "base/mem.h"
#include "render/cairo_lib.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DEFAULT_WIDTH = 900, DEFAULT_HEIGHT = 560 };

static const char FONT[] = "DejaVu Sans";

static const double PALETTE[][3] = {
    {0.000, 0.447, 0.698}, /* blue */
    {0.902, 0.624, 0.000}, /* orange */
    {0.000, 0.620, 0.451}, /* bluish green */
    {0.800, 0.475, 0.655}, /* reddish purple */
    {0.337, 0.706, 0.914}, /* sky blue */
    {0.835, 0.369, 0.000}, /* vermillion */
    {0.941, 0.894, 0.259}, /* yellow */
};
enum { N_PALETTE = sizeof PALETTE / sizeof PALETTE[0] };

static void set_colour(cairo_t *cr, int i)
{
    const double *c = PALETTE[i % N_PALETTE];
    cairo_lib.cairo_set_source_rgb(cr, c[0], c[1], c[2]);
}

static void set_font(cairo_t *cr, double size, bool bold)
{
    cairo_lib.cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                                     bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_lib.cairo_set_font_size(cr, size);
}

static double text_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t ext;
    cairo_lib.cairo_text_extents(cr, s, &ext);
    return ext.x_advance;
}

/* Draws s with its baseline at y, horizontally placed by align (0 left, 0.5
 * centre, 1 right) around x. */
static void show_text(cairo_t *cr, const char *s, double x, double y, double align)
{
    cairo_lib.cairo_move_to(cr, x - align * text_width(cr, s), y);
    cairo_lib.cairo_show_text(cr, s);
}

/* Word-wraps text to width in the current font, at most max_lines lines (the
 * last one is cut with an ellipsis when the text does not fit). When draw is
 * true the lines are drawn from baseline y down, aligned by align around x.
 * Returns the number of lines. */
static int wrap_text(cairo_t *cr, const char *text, double x, double y, double width,
                     double line_height, double align, int max_lines, bool draw)
{
    if (!text || !*text) return 0;
    size_t len = strlen(text);
    char *line = xmalloc(len + 8);
    int n = 0;
    const char *p = text;
    while (*p && n < max_lines) {
        while (*p == ' ') p++;
        if (!*p) break;
        /* The longest run of whole words that fits (at least one word). */
        const char *end = p, *fit = NULL;
        for (;;) {
            const char *q = end;
            while (*q && *q != ' ' && *q != '\n') q++;
            memcpy(line, p, (size_t)(q - p));
            line[q - p] = '\0';
            if (fit && text_width(cr, line) > width) break;
            fit = q;
            if (!*q || *q == '\n') break;
            end = q + 1;
        }
        bool last = n == max_lines - 1;
        size_t k = (size_t)(fit - p);
        memcpy(line, p, k);
        line[k] = '\0';
        if (last && *fit && *fit != '\n') {
            /* More text follows: cut the line until it fits with an ellipsis. */
            for (;;) {
                strcpy(line + k, "\u2026");
                if (k == 0 || text_width(cr, line) <= width) break;
                do k--;
                while (k > 0 && ((unsigned char)line[k] & 0xC0) == 0x80);
            }
        }
        if (draw) show_text(cr, line, x, y + n * line_height, align);
        n++;
        p = fit;
        if (*p == '\n') p++;
    }
    free(line);
    return n;
}

/* Formats a value with the chart's decimals and unit. */
static void format_value(const Chart *c, double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.*f%s", c->decimals, v, c->unit ? c->unit : "");
}

/* A step of 1, 2 or 5 times a power of ten giving about n ticks over span. */
static double nice_step(double span, int n)
{
    if (span <= 0) return 1;
    double raw = span / n;
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    double step = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return step * mag;
}

static int check_chart(const Chart *c, Err *err)
{
    if (c->n_categories < 1 || c->n_series < 1 || !c->categories || !c->series)
        return err_set(err, ERR_INPUT, "chart '%s' needs at least one category and one series",
                       c->title ? c->title : "");
    for (int s = 0; s < c->n_series; s++)
        if (!c->series[s].values)
            return err_set(err, ERR_INPUT, "chart '%s': series %d has no values",
                           c->title ? c->title : "", s + 1);
    return 0;
}

static const char *value_label(const Chart *c, int s, int i, char *buf, size_t size)
{
    const ChartSeries *se = &c->series[s];
    if (se->labels && se->labels[i]) return se->labels[i];
    double v = se->values[i];
    if (isnan(v)) return NULL;
    format_value(c, v, buf, size);
    return buf;
}

/* Draws the legend centred at y; returns its height. */
static double draw_legend(cairo_t *cr, const Chart *c, double x, double y, double w, double fs)
{
    if (c->n_series < 2) return 0;
    set_font(cr, fs, false);
    double box = fs * 0.9, gap = fs * 1.5, total = 0;
    for (int s = 0; s < c->n_series; s++) {
        const char *name = c->series[s].name ? c->series[s].name : "";
        total += box + fs * 0.4 + text_width(cr, name) + (s ? gap : 0);
    }
    double px = x + fmax(0, (w - total) / 2);
    for (int s = 0; s < c->n_series; s++) {
        const char *name = c->series[s].name ? c->series[s].name : "";
        if (s) px += gap;
        set_colour(cr, s);
        cairo_lib.cairo_rectangle(cr, px, y + fs * 0.25, box, box);
        cairo_lib.cairo_fill(cr);
        cairo_lib.cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        show_text(cr, name, px + box + fs * 0.4, y + fs * 1.05, 0);
        px += box + fs * 0.4 + text_width(cr, name);
    }
    return fs * 1.8;
}

/* Where to write the label of a gap (a NAN value) in a line: between its
 * neighbours' values, or at fallback when it has none. */
static double gap_level(const Chart *c, int s, int i, double fallback)
{
    const double *v = c->series[s].values;
    double before = NAN, after = NAN;
    for (int j = i - 1; j >= 0 && isnan(before); j--) before = v[j];
    for (int j = i + 1; j < c->n_categories && isnan(after); j++) after = v[j];
    if (isnan(before) && isnan(after)) return fallback;
    if (isnan(before)) return after;
    if (isnan(after)) return before;
    return (before + after) / 2;
}

/* The height at which series s is labelled at category i. */
static double label_level(const Chart *c, int s, int i)
{
    double v = c->series[s].values[i];
    return isnan(v) ? gap_level(c, s, i, 0) : v;
}

/* Whether series s is the lowest at category i when there are several series
 * (ties go to the later series): its label goes below its point. */
static bool is_lowest(const Chart *c, int s, int i)
{
    if (c->n_series < 2) return false;
    double v = label_level(c, s, i);
    for (int t = 0; t < c->n_series; t++) {
        double w = label_level(c, t, i);
        if (t != s && (w < v || (w == v && t > s))) return false;
    }
    return true;
}

/* The whole chart inside the box (x, y, w, h) of the current surface. */
static void chart_draw(cairo_t *cr, const Chart *c, double x, double y, double w, double h)
{
    double k = fmin(fmax(w / DEFAULT_WIDTH, 0.6), 2.5);
    double fs_title = 22 * k, fs = 15 * k, fs_small = 13.5 * k, pad = 12 * k;

    cairo_lib.cairo_save(cr);
    cairo_lib.cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_lib.cairo_rectangle(cr, x, y, w, h);
    cairo_lib.cairo_fill(cr);

    /* Title. */
    double top = y + pad;
    cairo_lib.cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
    set_font(cr, fs_title, true);
    int n_title = wrap_text(cr, c->title, x + w / 2, top + fs_title, w - 2 * pad, fs_title * 1.2,
                            0.5, 2, true);
    top += n_title * fs_title * 1.2 + pad * 0.5;
    top += draw_legend(cr, c, x + pad, top, w - 2 * pad, fs);

    /* Caption: measured first so the plot can take what is left. */
    set_font(cr, fs, false);
    int n_caption = wrap_text(cr, c->caption, 0, 0, w - 2 * pad, fs * 1.3, 0, 4, false);
    double caption_h = n_caption ? n_caption * fs * 1.3 + pad : 0;
    double bottom = y + h - pad - caption_h;
    if (n_caption) {
        cairo_lib.cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        wrap_text(cr, c->caption, x + pad, bottom + pad + fs, w - 2 * pad, fs * 1.3, 0, 4, true);
    }
    if (c->x_label && *c->x_label) {
        set_font(cr, fs, true);
        cairo_lib.cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        bottom -= fs * 1.8;
    }
    double x_label_y = bottom + fs * 1.45;

    /* Value axis range. */
    double vmin = 0, vmax = 0;
    for (int s = 0; s < c->n_series; s++)
        for (int i = 0; i < c->n_categories; i++) {
            double v = c->series[s].values[i];
            if (isnan(v)) continue;
            vmin = fmin(vmin, v);
            vmax = fmax(vmax, v);
        }
    if (!isnan(c->target)) vmax = fmax(vmax, c->target);
    if (c->y_max > 0) vmax = c->y_max;
    if (vmax <= vmin) vmax = vmin + 1;
    double step = nice_step(vmax - vmin, 5);
    double lo = floor(vmin / step) * step, hi = ceil(vmax / step) * step;
    if (c->y_max > 0) hi = c->y_max;

    /* Left margin: the widest tick label and the rotated axis title. */
    set_font(cr, fs_small, false);
    double tick_w = 0;
    char buf[64];
    for (double t = lo; t <= hi + step / 2; t += step) {
        format_value(c, t, buf, sizeof buf);
        tick_w = fmax(tick_w, text_width(cr, buf));
    }
    double left = x + pad + tick_w + pad * 0.6 + (c->y_label && *c->y_label ? fs * 1.6 : 0);
    double right = x + w - pad * 1.5;
    char target_text[80] = "";
    if (!isnan(c->target)) {
        char vbuf[64];
        format_value(c, c->target, vbuf, sizeof vbuf);
        snprintf(target_text, sizeof target_text, "target %s", vbuf);
        right -= text_width(cr, target_text) + pad * 0.5;
    }

    /* Category labels: up to three wrapped lines under each slot. */
    double slot = (right - left) / c->n_categories;
    int cat_lines = 1;
    for (int i = 0; i < c->n_categories; i++) {
        int n = wrap_text(cr, c->categories[i], 0, 0, slot * 0.95, fs_small * 1.2, 0.5, 3, false);
        if (n > cat_lines) cat_lines = n;
    }
    double plot_bottom = bottom - cat_lines * fs_small * 1.2 - pad * 0.6;
    double plot_top = top + fs_small * 1.6; /* room for the value labels on the tallest bar */
    if (plot_bottom - plot_top < 20 * k) plot_top = plot_bottom - 20 * k;
    double plot_h = plot_bottom - plot_top;
#define YPOS(v) (plot_bottom - ((v)-lo) / (hi - lo) * plot_h)

    /* Grid and ticks. */
    cairo_lib.cairo_set_line_width(cr, fmax(0.6, 1.0 * k));
    for (double t = lo; t <= hi + step / 2; t += step) {
        double py = round(YPOS(t)) + 0.5;
        cairo_lib.cairo_set_source_rgb(cr, 0.86, 0.86, 0.86);
        cairo_lib.cairo_move_to(cr, left, py);
        cairo_lib.cairo_line_to(cr, right, py);
        cairo_lib.cairo_stroke(cr);
        cairo_lib.cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
        format_value(c, fabs(t) < step * 1e-9 ? 0 : t, buf, sizeof buf);
        show_text(cr, buf, left - pad * 0.6, py + fs_small * 0.35, 1);
    }
    if (c->y_label && *c->y_label) {
        set_font(cr, fs, true);
        cairo_lib.cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_lib.cairo_save(cr);
        cairo_lib.cairo_translate(cr, x + pad + fs, (plot_top + plot_bottom) / 2);
        cairo_lib.cairo_rotate(cr, -M_PI / 2);
        show_text(cr, c->y_label, 0, 0, 0.5);
        cairo_lib.cairo_restore(cr);
    }
    /* Axes. */
    cairo_lib.cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_lib.cairo_move_to(cr, left, plot_top);
    cairo_lib.cairo_line_to(cr, left, plot_bottom);
    cairo_lib.cairo_move_to(cr, left, round(YPOS(fmax(lo, 0))) + 0.5);
    cairo_lib.cairo_line_to(cr, right, round(YPOS(fmax(lo, 0))) + 0.5);
    cairo_lib.cairo_stroke(cr);

    /* Category labels. */
    set_font(cr, fs_small, false);
    cairo_lib.cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    for (int i = 0; i < c->n_categories; i++)
        wrap_text(cr, c->categories[i], left + slot * (i + 0.5), plot_bottom + pad * 0.6 + fs_small,
                  slot * 0.95, fs_small * 1.2, 0.5, 3, true);
    if (c->x_label && *c->x_label) {
        set_font(cr, fs, true);
        show_text(cr, c->x_label, (left + right) / 2, x_label_y, 0.5);
    }

    /* The data. */
    double zero_y = YPOS(fmax(lo, 0));
    set_font(cr, fs_small, true);
    if (c->kind == CHART_BAR) {
        double group = slot * (c->n_series > 1 ? 0.8 : 0.6);
        double bar = group / c->n_series;
        for (int i = 0; i < c->n_categories; i++)
            for (int s = 0; s < c->n_series; s++) {
                double v = c->series[s].values[i];
                double bx = left + slot * i + (slot - group) / 2 + bar * s;
                double vy = isnan(v) ? zero_y : YPOS(v);
                if (!isnan(v)) {
                    set_colour(cr, s);
                    cairo_lib.cairo_rectangle(cr, bx + bar * 0.06, fmin(vy, zero_y), bar * 0.88,
                                              fabs(zero_y - vy));
                    cairo_lib.cairo_fill(cr);
                }
                const char *label = value_label(c, s, i, buf, sizeof buf);
                if (!label) continue;
                cairo_lib.cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
                double ly = (isnan(v) || v >= 0) ? vy - fs_small * 0.35 : vy + fs_small * 1.1;
                show_text(cr, label, bx + bar / 2, ly, 0.5);
            }
    } else {
        double r = 4.5 * k;
        for (int s = 0; s < c->n_series; s++) {
            set_colour(cr, s);
            cairo_lib.cairo_set_line_width(cr, 3 * k);
            bool pen = false;
            for (int i = 0; i < c->n_categories; i++) {
                double v = c->series[s].values[i];
                if (isnan(v)) { /* a gap in the line */
                    pen = false;
                    continue;
                }
                double px = left + slot * (i + 0.5), py = YPOS(v);
                if (pen) {
                    cairo_lib.cairo_line_to(cr, px, py);
                } else {
                    cairo_lib.cairo_move_to(cr, px, py);
                }
                pen = true;
            }
            cairo_lib.cairo_stroke(cr);
            for (int i = 0; i < c->n_categories; i++) {
                double v = c->series[s].values[i];
                double px = left + slot * (i + 0.5), py = isnan(v) ? zero_y : YPOS(v);
                if (!isnan(v)) {
                    set_colour(cr, s);
                    cairo_lib.cairo_arc(cr, px, py, r, 0, 2 * M_PI);
                    cairo_lib.cairo_fill(cr);
                }
                const char *label = value_label(c, s, i, buf, sizeof buf);
                if (!label) continue;
                if (isnan(v)) py = YPOS(label_level(c, s, i));
                cairo_lib.cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
                /* The lowest of several points at a year is labelled below it,
                 * the others above, so that labels do not sit on other lines. */
                double ly = is_lowest(c, s, i) ? py + r + fs_small * 1.1 : py - r - fs_small * 0.4;
                show_text(cr, label, px, ly, 0.5);
            }
        }
    }

    /* Target line. */
    if (!isnan(c->target) && c->target >= lo && c->target <= hi) {
        double ty = round(YPOS(c->target)) + 0.5;
        double dash[] = {8 * k, 5 * k};
        cairo_lib.cairo_set_source_rgb(cr, 0.75, 0.1, 0.1);
        cairo_lib.cairo_set_line_width(cr, 2 * k);
        cairo_lib.cairo_set_dash(cr, dash, 2, 0);
        cairo_lib.cairo_move_to(cr, left, ty);
        cairo_lib.cairo_line_to(cr, right, ty);
        cairo_lib.cairo_stroke(cr);
        cairo_lib.cairo_set_dash(cr, NULL, 0, 0);
        set_font(cr, fs_small, false);
        show_text(cr, target_text, right + pad * 0.4, ty + fs_small * 0.35, 0);
    }
#undef YPOS
    cairo_lib.cairo_restore(cr);
}

static void chart_size(const Chart *c, double *w, double *h)
{
    *w = c->width > 0 ? c->width : DEFAULT_WIDTH;
    *h = c->height > 0 ? c->height : DEFAULT_HEIGHT;
}

static int cairo_fail(Err *err, const char *what, const char *path, cairo_status_t st)
{
    return err_set(err, ERR_IO, "cannot write %s '%s': %s", what, path,
                   cairo_lib.cairo_status_to_string(st));
}

/* --- SVG: cairo writes the text as glyph outlines, so the title and caption
 * are added as <title> and <desc> for screen readers and search. */

typedef struct Buf {
    char *data;
    size_t len, cap;
} Buf;

static cairo_status_t buf_write(void *closure, const unsigned char *data, unsigned int length)
{
    Buf *b = closure;
    if (b->len + length + 1 > b->cap) {
        b->cap = (b->len + length + 1) * 2;
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, data, length);
    b->len += length;
    b->data[b->len] = '\0';
    return CAIRO_STATUS_SUCCESS;
}

static void xml_escaped(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

static int write_svg(const Chart *c, const char *path, Err *err)
{
    double w, h;
    chart_size(c, &w, &h);
    Buf b = {0};
    cairo_surface_t *surface = cairo_lib.cairo_svg_surface_create_for_stream(buf_write, &b, w, h);
    cairo_lib.cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX); /* for the web */
    cairo_t *cr = cairo_lib.cairo_create(surface);
    chart_draw(cr, c, 0, 0, w, h);
    cairo_lib.cairo_destroy(cr);
    cairo_lib.cairo_surface_finish(surface);
    cairo_status_t st = cairo_lib.cairo_surface_status(surface);
    cairo_lib.cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS || !b.data) {
        free(b.data);
        return cairo_fail(err, "the SVG", path, st);
    }
    const char *svg = strstr(b.data, "<svg");
    const char *open_end = svg ? strchr(svg, '>') : NULL;
    FILE *f = fopen(path, "wb");
    if (!f) {
        free(b.data);
        return err_set(err, ERR_IO, "cannot write '%s'", path);
    }
    if (open_end) {
        fwrite(b.data, 1, (size_t)(open_end + 1 - b.data), f);
        fputs("\n<title>", f);
        xml_escaped(f, c->title);
        fputs("</title>\n", f);
        if (c->caption) {
            fputs("<desc>", f);
            xml_escaped(f, c->caption);
            fputs("</desc>", f);
        }
        fputs(open_end + 1, f);
    } else {
        fwrite(b.data, 1, b.len, f);
    }
    free(b.data);
    if (fclose(f) != 0) return err_set(err, ERR_IO, "cannot write '%s'", path);
    return 0;
}

int chart_write(const Chart *c, ChartFormat format, const char *path, Err *err)
{
    int rc = check_chart(c, err);
    if (rc == 0) rc = cairo_lib_open("drawing a chart", err);
    if (rc < 0) return rc;
    if (format == CHART_SVG) return write_svg(c, path, err);
    double w, h;
    chart_size(c, &w, &h);
    cairo_surface_t *surface;
    if (format == CHART_PNG) {
        surface = cairo_lib.cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)w, (int)h);
    } else {
        surface = cairo_lib.cairo_pdf_surface_create(path, w, h);
        if (c->title)
            cairo_lib.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, c->title);
    }
    cairo_t *cr = cairo_lib.cairo_create(surface);
    chart_draw(cr, c, 0, 0, w, h);
    cairo_lib.cairo_destroy(cr);
    cairo_status_t st;
    if (format == CHART_PNG) {
        st = cairo_lib.cairo_surface_write_to_png(surface, path);
    } else {
        cairo_lib.cairo_surface_finish(surface);
        st = cairo_lib.cairo_surface_status(surface);
    }
    cairo_lib.cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS)
        return cairo_fail(err, format == CHART_PNG ? "the PNG" : "the PDF", path, st);
    return 0;
}

int chart_draw_into(void *cairo_context, const Chart *chart, double x, double y, double w, double h,
                    Err *err)
{
    int rc = check_chart(chart, err);
    if (rc == 0) rc = cairo_lib_open("drawing a chart", err);
    if (rc == 0) chart_draw(cairo_context, chart, x, y, w, h);
    return rc;
}

int chart_format_from_path(const char *path, ChartFormat *out, Err *err)
{
    const char *dot = strrchr(path, '.');
    if (dot && strcmp(dot, ".png") == 0) {
        *out = CHART_PNG;
    } else if (dot && strcmp(dot, ".svg") == 0) {
        *out = CHART_SVG;
    } else if (dot && strcmp(dot, ".pdf") == 0) {
        *out = CHART_PDF;
    } else {
        return err_set(err, ERR_USAGE, "'%s': a chart file ends in .png, .svg or .pdf", path);
    }
    return 0;
}

/* --- multi-page PDF ---------------------------------------------------------- */

/* A4 portrait in points, and the page's margins. */
static const double PAGE_W = 595.28, PAGE_H = 841.89, MARGIN = 48;
static const double MIN_CHART_H = 230;

struct ChartPdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    char *path;
    int pages;
};

int chart_pdf_open(ChartPdf **out, const char *path, const char *title, Err *err)
{
    int rc = cairo_lib_open("drawing a chart", err);
    if (rc < 0) return rc;
    cairo_surface_t *surface = cairo_lib.cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
    cairo_status_t st = cairo_lib.cairo_surface_status(surface);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_lib.cairo_surface_destroy(surface);
        return cairo_fail(err, "the PDF", path, st);
    }
    if (title) cairo_lib.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
    ChartPdf *pdf = xcalloc(1, sizeof *pdf);
    pdf->surface = surface;
    pdf->cr = cairo_lib.cairo_create(surface);
    pdf->path = xstrdup(path);
    *out = pdf;
    return 0;
}

/* Starts a page with its heading; returns the y below it. */
static double begin_page(ChartPdf *pdf, const char *heading, bool continued)
{
    cairo_t *cr = pdf->cr;
    pdf->pages++;
    cairo_lib.cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
    set_font(cr, 20, true);
    char *h = xmalloc(strlen(heading ? heading : "") + 16);
    sprintf(h, "%s%s", heading ? heading : "", continued ? " (continued)" : "");
    int n = wrap_text(cr, h, MARGIN, MARGIN + 20, PAGE_W - 2 * MARGIN, 25, 0, 3, true);
    free(h);
    double y = MARGIN + 20 + (n - 1) * 25 + 10;
    cairo_lib.cairo_set_source_rgb(cr, 0.0, 0.447, 0.698);
    cairo_lib.cairo_set_line_width(cr, 2);
    cairo_lib.cairo_move_to(cr, MARGIN, y);
    cairo_lib.cairo_line_to(cr, PAGE_W - MARGIN, y);
    cairo_lib.cairo_stroke(cr);
    /* Page number in the footer. */
    char num[32];
    snprintf(num, sizeof num, "Page %d", pdf->pages);
    set_font(cr, 9, false);
    cairo_lib.cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    show_text(cr, num, PAGE_W - MARGIN, PAGE_H - MARGIN / 2, 1);
    return y + 14;
}

int chart_pdf_page(ChartPdf *pdf, const char *heading, const char *const *paragraphs,
                   int n_paragraphs, const Chart *charts, int n_charts, Err *err)
{
    for (int i = 0; i < n_charts; i++) {
        int rc = check_chart(&charts[i], err);
        if (rc < 0) return rc;
    }
    cairo_t *cr = pdf->cr;
    double y = begin_page(pdf, heading, false);
    double width = PAGE_W - 2 * MARGIN, bottom = PAGE_H - MARGIN;
    set_font(cr, 11, false);
    for (int i = 0; i < n_paragraphs; i++) {
        int lines = wrap_text(cr, paragraphs[i], 0, 0, width, 15, 0, 1000, false);
        if (y + lines * 15 > bottom) {
            cairo_lib.cairo_show_page(cr);
            y = begin_page(pdf, heading, true);
            set_font(cr, 11, false);
        }
        cairo_lib.cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        wrap_text(cr, paragraphs[i], MARGIN, y + 11, width, 15, 0, 1000, true);
        y += lines * 15 + 8;
    }
    y += n_paragraphs ? 6 : 0;
    for (int i = 0; i < n_charts; i++) {
        double room = bottom - y;
        int left = n_charts - i;
        double ch = fmin(room / left, width * 0.68);
        if (ch < MIN_CHART_H) {
            ch = fmin(room, width * 0.68);
            if (ch < MIN_CHART_H) {
                cairo_lib.cairo_show_page(cr);
                y = begin_page(pdf, heading, true);
                room = bottom - y;
                ch = fmin(room / (left < 3 ? left : 3), width * 0.68);
            }
        }
        chart_draw(cr, &charts[i], MARGIN, y, width, ch);
        y += ch + 10;
    }
    cairo_lib.cairo_show_page(cr);
    cairo_status_t st = cairo_lib.cairo_status(cr);
    if (st != CAIRO_STATUS_SUCCESS) return cairo_fail(err, "the PDF", pdf->path, st);
    return 0;
}

int chart_pdf_page_count(const ChartPdf *pdf)
{
    return pdf->pages;
}

int chart_pdf_close(ChartPdf *pdf, Err *err)
{
    cairo_lib.cairo_destroy(pdf->cr);
    cairo_lib.cairo_surface_finish(pdf->surface);
    cairo_status_t st = cairo_lib.cairo_surface_status(pdf->surface);
    cairo_lib.cairo_surface_destroy(pdf->surface);
    int rc = st == CAIRO_STATUS_SUCCESS ? 0 : cairo_fail(err, "the PDF", pdf->path, st);
    free(pdf->path);
    free(pdf);
    return rc;
}

void chart_free_caches(void)
{
    cairo_lib_free_caches();
}
