/* table: see table.h. */
#include "render/table.h"

#include "base/csv.h"

#include <stdlib.h>
#include <string.h>

int render_parse_format(const char *s, OutputFormat *out)
{
    if (!s || strcmp(s, "text") == 0)
        *out = FORMAT_TEXT;
    else if (strcmp(s, "csv") == 0)
        *out = FORMAT_CSV;
    else if (strcmp(s, "json") == 0)
        *out = FORMAT_JSON;
    else
        return -1;
    return 0;
}

void render_table_init(RenderTable *t, const RenderColumn *columns, int n_columns)
{
    memset(t, 0, sizeof *t);
    t->columns = columns;
    t->n_columns = n_columns;
}

void render_table_add_row(RenderTable *t, const char *const *values)
{
    if (t->n_rows >= t->cap_rows) {
        t->cap_rows = t->cap_rows ? t->cap_rows * 2 : 64;
        t->cells =
            xrealloc(t->cells, (size_t)t->cap_rows * (size_t)t->n_columns * sizeof *t->cells);
    }
    const char **row = t->cells + (size_t)t->n_rows++ * (size_t)t->n_columns;
    for (int c = 0; c < t->n_columns; c++)
        row[c] = values[c] ? arena_strdup(&t->arena, values[c]) : NULL;
}

static const char *cell(const RenderTable *t, int r, int c)
{
    const char *v = t->cells[(size_t)r * (size_t)t->n_columns + (size_t)c];
    return v ? v : "";
}

static void write_text(FILE *out, const RenderTable *t)
{
    int *width = calloc((size_t)t->n_columns, sizeof *width);
    for (int c = 0; c < t->n_columns; c++) {
        width[c] = (int)strlen(t->columns[c].name);
        for (int r = 0; r < t->n_rows; r++) {
            int w = (int)strlen(cell(t, r, c));
            if (w > width[c]) width[c] = w;
        }
    }
    for (int r = -1; r < t->n_rows; r++) {
        for (int c = 0; c < t->n_columns; c++) {
            const char *v = r < 0 ? t->columns[c].name : cell(t, r, c);
            bool last = c == t->n_columns - 1;
            if (t->columns[c].numeric)
                fprintf(out, "%*s", width[c], v);
            else if (last)
                fputs(v, out); /* no trailing spaces */
            else
                fprintf(out, "%-*s", width[c], v);
            if (!last) fputs("  ", out);
        }
        fputc('\n', out);
    }
    free(width);
}

static void write_csv(FILE *out, const RenderTable *t)
{
    for (int c = 0; c < t->n_columns; c++) {
        if (c) fputc(',', out);
        csv_write_field(out, t->columns[c].name);
    }
    fputc('\n', out);
    for (int r = 0; r < t->n_rows; r++)
        csv_write_row(out, t->cells + (size_t)r * (size_t)t->n_columns, t->n_columns);
}

void render_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

void render_html_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

/* Whether v is a JSON number as the commands write them (a withheld count is
 * "c" and is written as a string). */
static bool is_number(const char *v)
{
    char *end;
    if (!*v) return false;
    strtod(v, &end);
    return *end == '\0';
}

static void write_json(FILE *out, const RenderTable *t)
{
    fputs("[", out);
    for (int r = 0; r < t->n_rows; r++) {
        fputs(r ? ",\n  {" : "\n  {", out);
        for (int c = 0; c < t->n_columns; c++) {
            if (c) fputs(", ", out);
            render_json_string(out, t->columns[c].name);
            fputs(": ", out);
            const char *v = t->cells[(size_t)r * (size_t)t->n_columns + (size_t)c];
            if (!v)
                fputs("null", out);
            else if (t->columns[c].numeric && is_number(v))
                fputs(v, out);
            else
                render_json_string(out, v);
        }
        fputs("}", out);
    }
    fputs(t->n_rows ? "\n]\n" : "]\n", out);
}

void render_table_write(FILE *out, const RenderTable *t, OutputFormat format)
{
    switch (format) {
    case FORMAT_TEXT: write_text(out, t); break;
    case FORMAT_CSV: write_csv(out, t); break;
    case FORMAT_JSON: write_json(out, t); break;
    }
}

void render_table_free(RenderTable *t)
{
    free(t->cells);
    arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}
