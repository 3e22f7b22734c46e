/* table: see table.h. */
#include "render/table.h"

#include "render/csv.h"
#include "render/json.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

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
        render_csv_field(out, t->columns[c].name);
    }
    fputc('\n', out);
    for (int r = 0; r < t->n_rows; r++)
        render_csv_row(out, t->cells + (size_t)r * (size_t)t->n_columns, t->n_columns);
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

/* An array of objects, one per row and one per line; a numeric column's cell is
 * a number when it is one ("c", a withheld count, stays a string). */
static void write_json(FILE *out, const RenderTable *t)
{
    RenderJson w;
    render_json_start(&w, out);
    render_json_open_array(&w, NULL);
    for (int r = 0; r < t->n_rows; r++) {
        json_t *row = json_object();
        for (int c = 0; c < t->n_columns; c++) {
            const char *v = t->cells[(size_t)r * (size_t)t->n_columns + (size_t)c];
            render_json_set(row, t->columns[c].name,
                            v && *v && t->columns[c].numeric ? render_json_number_text(v)
                                                             : render_json_text(v));
        }
        render_json_put(&w, NULL, row);
    }
    render_json_close(&w);
}

void render_table_write(FILE *out, const RenderTable *t, OutputFormat format)
{
    switch (format) {
    case FORMAT_TEXT: write_text(out, t); break;
    case FORMAT_CSV: write_csv(out, t); break;
    case FORMAT_JSON: write_json(out, t); break;
    default: assert(!"not a table format");
    }
}

void render_table_free(RenderTable *t)
{
    free(t->cells);
    arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}
