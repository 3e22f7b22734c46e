/* ssda903: see ssda903.h. Table and column names follow the DfE's SSDA903
 * specification (shared/reference/903/README.md). */
#include "exchange/ssda903.h"
#include "exchange/records_tables.h"
#include "exchange/ssda903_columns.h"

#include "base/mem.h"

#include <stdlib.h>

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* A table of the registry from its column list (exchange/ssda903_columns.h). */
#define COLUMN(id, name, kind) {name, kind},
#define ONE(id, name, kind)    +1
#define TABLE(id, name, sql_name, columns, first_year)                                           \
    {                                                                                            \
        id, name, sql_name, {columns(COLUMN, SSDA903_NOTHING)}, 0 columns(ONE, SSDA903_NOTHING), \
            first_year                                                                           \
    }

static const Ssda903Table tables[T903_COUNT] = {
    TABLE(T903_HEADER, "Header", "header", SSDA903_COLUMNS_HEADER, 0),
    TABLE(T903_EPISODES, "Episodes", "episodes", SSDA903_COLUMNS_EPISODES, 0),
    TABLE(T903_REVIEWS, "Reviews", "reviews", SSDA903_COLUMNS_REVIEWS, 0),
    TABLE(T903_UASC, "UASC", "uasc", SSDA903_COLUMNS_UASC, 0),
    TABLE(T903_OC2, "OC2", "oc2", SSDA903_COLUMNS_OC2, 0),
    TABLE(T903_OC3, "OC3", "oc3", SSDA903_COLUMNS_OC3, 0),
    TABLE(T903_AD1, "AD1", "ad1", SSDA903_COLUMNS_AD1, 0),
    TABLE(T903_PLACED_ADOPTION, "PlacedAdoption", "placed_adoption",
          SSDA903_COLUMNS_PLACED_ADOPTION, 0),
    TABLE(T903_PREV_PERM, "PrevPerm", "prev_perm", SSDA903_COLUMNS_PREV_PERM, 0),
    TABLE(T903_MISSING, "Missing", "missing", SSDA903_COLUMNS_MISSING, 0),
    TABLE(T903_SW_EPISODES, "SWEpisodes", "sw_episodes", SSDA903_COLUMNS_SW_EPISODES, 2024),
    TABLE(T903_DOLO, "DoLo", "dolo", SSDA903_COLUMNS_DOLO, 2027),
};

#undef TABLE
#undef ONE
#undef COLUMN

const Ssda903Table *ssda903_table(Ssda903TableId id)
{
    return id < T903_COUNT ? &tables[id] : &records_tables[id - T903_COUNT];
}

int ssda903_column_index(const Ssda903Table *t, const char *name)
{
    for (int i = 0; i < t->n_columns; i++)
        if (strcmp(t->columns[i].name, name) == 0) return i;
    return -1;
}

/* Header names compare without case and without surrounding spaces. */
static bool same_name(const char *header, const char *name)
{
    while (isspace((unsigned char)*header)) header++;
    size_t n = strlen(name);
    if (strncasecmp(header, name, n) != 0) return false;
    for (header += n; *header; header++)
        if (!isspace((unsigned char)*header)) return false;
    return true;
}

static const Ssda903Table *recognise(char *const *names, int n, int map[SSDA903_MAX_COLUMNS],
                                     int n_tables)
{
    for (int t = 0; t < n_tables; t++) {
        const Ssda903Table *table = ssda903_table((Ssda903TableId)t);
        if (table->n_columns != n) continue;
        int matched = 0;
        for (int c = 0; c < table->n_columns; c++) {
            map[c] = -1;
            for (int f = 0; f < n; f++)
                if (same_name(names[f], table->columns[c].name)) map[c] = f;
            matched += map[c] >= 0;
        }
        if (matched == n) return table;
    }
    return NULL;
}

const Ssda903Table *ssda903_recognise(char *const *names, int n, int map[SSDA903_MAX_COLUMNS])
{
    return recognise(names, n, map, T903_COUNT);
}

const Ssda903Table *ssda903_recognise_any(char *const *names, int n, int map[SSDA903_MAX_COLUMNS])
{
    return recognise(names, n, map, TABLE_COUNT);
}

static char *trim(char *s, size_t *len)
{
    while (*len && isspace((unsigned char)s[*len - 1])) s[--*len] = '\0';
    while (*len && isspace((unsigned char)*s)) {
        s++;
        (*len)--;
    }
    return s;
}

static int recognise_header(Ssda903File *out, int map[SSDA903_MAX_COLUMNS], bool any, ErrList *errs)
{
    CsvReader *r = &out->reader;
    Err err;
    int rc = csv_next(r, &err);
    if (rc < 0) {
        errlist_add(errs, &err);
        return ERR_INPUT;
    }
    if (rc == 0) {
        errlist_at(errs, out->path, 1, 1, NULL,
                   "the file is empty: a 903 table needs a header line");
        return ERR_INPUT;
    }
    char *names[64];
    int n = r->n_fields < 64 ? r->n_fields : 64;
    for (int i = 0; i < n; i++) names[i] = r->fields[i].text;
    out->table = any ? ssda903_recognise_any(names, n, map) : ssda903_recognise(names, n, map);
    const char *episodes = SSDA903_NAMES(SSDA903_COLUMNS_EPISODES);
    if (!out->table && any) {
        errlist_at(errs, out->path, 1, 1, NULL,
                   "the header line does not match any SSDA903 table or record template (a "
                   "table is recognised by its exact set of column names, e.g. Episodes: %s, or "
                   "Visits: CHILD,VISIT_DATE,SEEN_ALONE; the templates are in docs/templates.md)",
                   episodes);
        return ERR_INPUT;
    }
    if (!out->table) {
        errlist_at(errs, out->path, 1, 1, NULL,
                   "the header line does not match any SSDA903 table (a table is recognised by "
                   "its exact set of column names, e.g. Episodes: %s)",
                   episodes);
        return ERR_INPUT;
    }
    return 0;
}

static void keep_row(Ssda903File *out, const int *map, size_t *cap_rows)
{
    int nc = out->table->n_columns;
    if ((size_t)out->n_rows >= *cap_rows) {
        *cap_rows = *cap_rows ? *cap_rows * 2 : 1024;
        out->cells = xrealloc(out->cells, *cap_rows * (size_t)nc * sizeof *out->cells);
        out->cell_columns = xrealloc(out->cell_columns, *cap_rows * (size_t)nc * sizeof(int));
        out->lines = xrealloc(out->lines, *cap_rows * sizeof *out->lines);
    }
    size_t base = (size_t)out->n_rows * (size_t)nc;
    for (int c = 0; c < nc; c++) {
        CsvField *f = &out->reader.fields[map[c]];
        out->cells[base + c] = trim(f->text, &f->len);
        out->cell_columns[base + c] = f->column;
    }
    out->lines[out->n_rows++] = out->reader.record_line;
}

static int load_rows(Ssda903File *out, bool any, ErrList *errs)
{
    int map[SSDA903_MAX_COLUMNS];
    int rc = recognise_header(out, map, any, errs);
    if (rc < 0) return rc;
    size_t cap_rows = 0;
    Err err;
    int bad = 0;
    while ((rc = csv_next(&out->reader, &err)) > 0) {
        if (out->reader.n_fields != out->table->n_columns) {
            errlist_at(errs, out->path, out->reader.record_line, 1, NULL,
                       "the row has %d fields but the %s header has %d", out->reader.n_fields,
                       out->table->name, out->table->n_columns);
            bad = 1;
            continue;
        }
        keep_row(out, map, &cap_rows);
    }
    if (rc < 0) {
        errlist_add(errs, &err);
        return ERR_INPUT;
    }
    return bad ? ERR_INPUT : 0;
}

static int load_file(const char *path, Ssda903File *out, bool any, ErrList *errs)
{
    memset(out, 0, sizeof *out);
    out->path = xstrdup(path);
    Err err;
    if (csv_open_file(&out->reader, path, &err) < 0) {
        errlist_add(errs, &err);
        return err.code;
    }
    return load_rows(out, any, errs);
}

static int load_buffer(const char *name, const char *data, size_t len, Ssda903File *out, bool any,
                       ErrList *errs)
{
    memset(out, 0, sizeof *out);
    out->path = xstrdup(name);
    Err err;
    if (csv_open_buffer(&out->reader, name, data, len, &err) < 0) {
        errlist_add(errs, &err);
        return err.code;
    }
    return load_rows(out, any, errs);
}

int ssda903_file_load(const char *path, Ssda903File *out, ErrList *errs)
{
    return load_file(path, out, false, errs);
}

int ssda903_file_load_any(const char *path, Ssda903File *out, ErrList *errs)
{
    return load_file(path, out, true, errs);
}

int ssda903_file_load_buffer(const char *name, const char *data, size_t len, Ssda903File *out,
                             ErrList *errs)
{
    return load_buffer(name, data, len, out, false, errs);
}

int ssda903_file_load_buffer_any(const char *name, const char *data, size_t len, Ssda903File *out,
                                 ErrList *errs)
{
    return load_buffer(name, data, len, out, true, errs);
}

void ssda903_file_free(Ssda903File *f)
{
    csv_close(&f->reader);
    free(f->path);
    free(f->cells);
    free(f->lines);
    free(f->cell_columns);
    free(f->cell_lines);
    arena_free(&f->text);
    memset(f, 0, sizeof *f);
}

void ssda903_mark_free(Ssda903Mark *m)
{
    free(m->child);
    free(m->row_key);
    free(m->field);
    free(m->value);
    free(m->message);
    free(m->imported_at);
    memset(m, 0, sizeof *m);
}

void ssda903_marks_free(Ssda903Marks *m)
{
    for (int i = 0; i < m->n; i++) ssda903_mark_free(&m->items[i]);
    free(m->items);
    memset(m, 0, sizeof *m);
}
