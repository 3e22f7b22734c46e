/* table: a result as rows and named columns, written as aligned text, CSV or JSON.
 *
 * Commands build a RenderTable from what a service computed and write it in the
 * format asked for; the same table gives every format, so they cannot disagree. */
#ifndef CAREPLEDGE_TABLE_H
#define CAREPLEDGE_TABLE_H

#include "base/mem.h"
#include "render/format.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct RenderColumn {
    const char *name;
    bool numeric; /* written as a JSON number and right-aligned in text */
} RenderColumn;

typedef struct RenderTable {
    const RenderColumn *columns;
    int n_columns;
    const char **cells; /* n_rows * n_columns, copies owned by the arena */
    int n_rows, cap_rows;
    Arena arena;
} RenderTable;

void render_table_init(RenderTable *t, const RenderColumn *columns, int n_columns);
/* Copies one row of n_columns values (NULL is written as empty / null). */
void render_table_add_row(RenderTable *t, const char *const *values);
/* Writes t as text, CSV or JSON (RENDER_FORMATS_TABLE). */
void render_table_write(FILE *out, const RenderTable *t, OutputFormat format);
void render_table_free(RenderTable *t);

/* Writes s as HTML text, with <, >, & and " escaped. */
void render_html_text(FILE *out, const char *s);

#endif
