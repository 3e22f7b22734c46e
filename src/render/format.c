/* format: see format.h. */
#include "render/format.h"

#include <assert.h>
#include <string.h>

static const char *const format_names[FORMAT_COUNT] = {"text", "csv", "json",
                                                       "html", "pdf", "markdown"};

const char *render_format_name(OutputFormat f)
{
    assert(f >= 0 && f < FORMAT_COUNT);
    return format_names[f];
}

/* "text, csv, json" for the formats in allowed. */
static void allowed_list(unsigned allowed, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int f = 0; f < FORMAT_COUNT; f++)
        if (allowed & RENDER_FORMAT_BIT(f) && n < size)
            n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", format_names[f]);
}

int render_format_parse(const char *s, unsigned allowed, OutputFormat *out, Err *err)
{
    assert(allowed & RENDER_FORMAT_BIT(FORMAT_TEXT));
    if (!s) {
        *out = FORMAT_TEXT;
        return 0;
    }
    for (int f = 0; f < FORMAT_COUNT; f++)
        if (allowed & RENDER_FORMAT_BIT(f) && strcmp(s, format_names[f]) == 0) {
            *out = (OutputFormat)f;
            return 0;
        }
    char list[96];
    allowed_list(allowed, list, sizeof list);
    return err_set(err, ERR_USAGE, "format '%s' is not one of %s", s, list);
}
