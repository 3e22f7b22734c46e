/* format: the output formats, and the one parser of a format's name.
 *
 * Each command writes some of the formats (a table: text, CSV, JSON; the
 * scorecard also HTML and PDF; the indicators also Markdown); it says which by
 * a set of RENDER_FORMAT_BIT()s, and the parser refuses any other, naming the
 * ones allowed, in the same words for every command. */
#ifndef CAREPLEDGE_FORMAT_H
#define CAREPLEDGE_FORMAT_H

#include "base/err.h"

typedef enum OutputFormat {
    FORMAT_TEXT,
    FORMAT_CSV,
    FORMAT_JSON,
    FORMAT_HTML,
    FORMAT_PDF,
    FORMAT_MARKDOWN,
    FORMAT_COUNT
} OutputFormat;

#define RENDER_FORMAT_BIT(f) (1u << (f))
/* What a RenderTable writes (render/table.h). */
#define RENDER_FORMATS_TABLE                                          \
    (RENDER_FORMAT_BIT(FORMAT_TEXT) | RENDER_FORMAT_BIT(FORMAT_CSV) | \
     RENDER_FORMAT_BIT(FORMAT_JSON))

/* "text", "csv", "json", "html", "pdf" or "markdown". */
const char *render_format_name(OutputFormat f);
/* Parses a format's name into *out; NULL (not given) is text, which every
 * command writes. Returns 0, or ERR_USAGE when s is not the name of a format
 * in allowed, with a message listing the allowed ones in order. */
int render_format_parse(const char *s, unsigned allowed, OutputFormat *out, Err *err);

#endif
