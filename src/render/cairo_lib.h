/* cairo_lib: the one table of cairo (and fontconfig) functions every drawing
 * in render/ calls through: the charts (render/chart.c) and the quarterly
 * pack (render/pack_layout.c).
 *
 * cairo is opened the first time something is drawn (base/dynlib.h): linked,
 * it would bring pixman, FreeType, libpng and the X libraries into every
 * command's start-up. The build passes the libraries' SONAMEs. */
#ifndef CAREPLEDGE_CAIRO_LIB_H
#define CAREPLEDGE_CAIRO_LIB_H

#include "base/dynlib.h"
#include "base/err.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

/* Every cairo function render/ uses, in alphabetical order. */
#define CAIRO_LIB_FUNCTIONS(F)             \
    F(cairo_arc)                           \
    F(cairo_create)                        \
    F(cairo_debug_reset_static_data)       \
    F(cairo_destroy)                       \
    F(cairo_fill)                          \
    F(cairo_image_surface_create)          \
    F(cairo_line_to)                       \
    F(cairo_move_to)                       \
    F(cairo_pdf_surface_add_outline)       \
    F(cairo_pdf_surface_create)            \
    F(cairo_pdf_surface_create_for_stream) \
    F(cairo_pdf_surface_set_metadata)      \
    F(cairo_rectangle)                     \
    F(cairo_restore)                       \
    F(cairo_rotate)                        \
    F(cairo_save)                          \
    F(cairo_select_font_face)              \
    F(cairo_set_dash)                      \
    F(cairo_set_font_size)                 \
    F(cairo_set_line_width)                \
    F(cairo_set_source_rgb)                \
    F(cairo_show_page)                     \
    F(cairo_show_text)                     \
    F(cairo_status)                        \
    F(cairo_status_to_string)              \
    F(cairo_stroke)                        \
    F(cairo_surface_destroy)               \
    F(cairo_surface_finish)                \
    F(cairo_surface_status)                \
    F(cairo_surface_write_to_png)          \
    F(cairo_svg_surface_create_for_stream) \
    F(cairo_svg_surface_set_document_unit) \
    F(cairo_text_extents)                  \
    F(cairo_translate)

typedef struct CairoLibFunctions {
    CAIRO_LIB_FUNCTIONS(DYNLIB_POINTER)
} CairoLibFunctions;

/* The functions, filled by cairo_lib_open; call nothing in it before. */
extern CairoLibFunctions cairo_lib;

/* Opens cairo and fontconfig, once (thread-safe). Returns 0, or
 * ERR_UNAVAILABLE with err naming the missing library and what (e.g.
 * "drawing a chart") needed it. */
int cairo_lib_open(const char *what, Err *err);

/* Frees the fonts and caches cairo and fontconfig keep for the life of the
 * process, so that a leak checker sees only real leaks; call once, when
 * nothing will be drawn again. Does nothing if they were never opened. */
void cairo_lib_free_caches(void);

#endif
