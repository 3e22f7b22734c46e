/* vreturn: a 903 return (this year's and last year's tables) prepared for the
 * rules: dates parsed once, rows grouped by child and sorted by date, derived
 * fields computed. It reads no files; the caller loads them. */
#include "validate/validate.h"
#include "validate/vctx.h"

#include "base/mem.h"
#include "domain/dfe_indicators.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void vreturn_init(VReturn *r, int year)
{
    memset(r, 0, sizeof *r);
    r->year = year;
}

int vreturn_add(VReturn *r, Ssda903File *f, bool last, Err *err)
{
    VTable *t = last ? &r->last[f->table->id] : &r->cur[f->table->id];
    if (t->file) {
        return err_set(err, ERR_INPUT, "%s: %s table given twice (also in %s)", f->path,
                       validate_table_name(f->table->id, last), t->file->path);
    }
    t->file = f;
    return 0;
}

int vreturn_add_history(VReturn *r, Ssda903File *f, int from_year, Err *err)
{
    if (f->table->id != T903_EPISODES)
        return err_set(err, ERR_INPUT, "%s: the history must be Episodes", f->path);
    if (r->history.file)
        return err_set(err, ERR_INPUT, "%s: the history was already given", f->path);
    r->history.file = f;
    r->history_from = date_collection_year_start(from_year);
    return 0;
}

/* The column rows are sorted by within a child, or -1. */
static int sort_column(Ssda903TableId id)
{
    switch (id) {
    case T903_EPISODES: return 1;        /* DECOM */
    case T903_REVIEWS: return 2;         /* REVIEW */
    case T903_PLACED_ADOPTION: return 2; /* DATE_PLACED */
    case T903_MISSING: return 3;         /* MIS_START */
    case T903_SW_EPISODES: return 3;     /* SW_DECOM */
    case T903_DOLO: return 2;            /* DOLO_START */
    default: return -1;
    }
}

static void parse_dates(VTable *t)
{
    const Ssda903Table *def = t->file->table;
    size_t n = (size_t)t->n_rows * (size_t)t->n_cols;
    t->dates = xmalloc((n ? n : 1) * sizeof *t->dates);
    t->bad = xcalloc(n ? n : 1, 1);
    for (int row = 0; row < t->n_rows; row++) {
        for (int col = 0; col < t->n_cols; col++) {
            size_t i = (size_t)row * (size_t)t->n_cols + (size_t)col;
            const char *s = ssda903_cell(t->file, row, col);
            t->dates[i] = DATE_NONE;
            if (def->columns[col].kind != F903_DATE || !*s) continue;
            if (date_parse_dmy(s, strlen(s), &t->dates[i]) < 0) {
                t->dates[i] = DATE_NONE;
                t->bad[i] = 1;
            }
        }
    }
}

typedef struct SortKey {
    const char *child;
    Date date;
    int row;
} SortKey;

static int cmp_key(const void *a, const void *b)
{
    const SortKey *x = a, *y = b;
    int c = strcmp(x->child, y->child);
    if (c) return c;
    if (x->date != y->date) return x->date < y->date ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

static void group_rows(VTable *t)
{
    int scol = sort_column(t->file->table->id);
    SortKey *keys = xmalloc(((size_t)t->n_rows + 1) * sizeof *keys);
    for (int row = 0; row < t->n_rows; row++) {
        keys[row].child = ssda903_cell(t->file, row, 0);
        keys[row].date =
            scol >= 0 ? t->dates[(size_t)row * (size_t)t->n_cols + (size_t)scol] : DATE_NONE;
        keys[row].row = row;
    }
    qsort(keys, (size_t)t->n_rows, sizeof *keys, cmp_key);
    t->order = xmalloc(((size_t)t->n_rows + 1) * sizeof *t->order);
    t->group_start = xmalloc(((size_t)t->n_rows + 2) * sizeof *t->group_start);
    t->group_of_row = xmalloc(((size_t)t->n_rows + 1) * sizeof *t->group_of_row);
    t->n_groups = 0;
    for (int i = 0; i < t->n_rows; i++) {
        t->order[i] = keys[i].row;
        if (i == 0 || strcmp(keys[i].child, keys[i - 1].child) != 0) {
            t->group_start[t->n_groups] = i;
            strmap_put(&t->groups, keys[i].child, t->n_groups);
            t->n_groups++;
        }
        t->group_of_row[keys[i].row] = t->n_groups - 1;
    }
    t->group_start[t->n_groups] = t->n_rows;
    free(keys);
}

static void prepare_table(VTable *t)
{
    if (!t->file) return;
    t->n_rows = t->file->n_rows;
    t->n_cols = t->file->table->n_columns;
    parse_dates(t);
    group_rows(t);
}

/* DfE derived field: UASC on Header is 1 when the child is in the UASC table. */
static unsigned char *derive_uasc(const VTable *header, const VTable *uasc)
{
    if (!header->file) return NULL;
    unsigned char *flags = xcalloc((size_t)header->n_rows + 1, 1);
    if (!uasc->file) return flags;
    for (int row = 0; row < header->n_rows; row++)
        flags[row] = strmap_has(&uasc->groups, ssda903_cell(header->file, row, 0));
    return flags;
}

/* Copies a cell's code into a domain field of size cap, in capitals; a code
 * too long for the field is one no list has ("?"), never a cut-down one. */
static void copy_code(char *dst, size_t cap, const char *cell)
{
    size_t n = strlen(cell);
    if (n >= cap) {
        snprintf(dst, cap, "?");
        return;
    }
    for (size_t i = 0; i <= n; i++) dst[i] = (char)toupper((unsigned char)cell[i]);
}

/* Fills e with the fields of Episodes row `row` that the OC2 cohort reads. */
static void episode_of_row(const VTable *t, int row, Episode *e)
{
    memset(e, 0, sizeof *e);
    size_t at = (size_t)row * (size_t)t->n_cols;
    e->decom = t->dates[at + E_DECOM];
    e->dec = t->dates[at + E_DEC];
    copy_code(e->rne, sizeof e->rne, ssda903_cell(t->file, row, E_RNE));
    copy_code(e->ls, sizeof e->ls, ssda903_cell(t->file, row, E_LS));
    copy_code(e->rec, sizeof e->rec, ssda903_cell(t->file, row, E_REC));
}

/* DfE derived field "looked after continuously for 12 months at 31 March" (the
 * OC2 cohort), per child of this year's Episodes, as the domain defines it
 * (dfe_oc2_continuously_looked_after). Invalid or missing dates count as
 * missing. Computed when the rules run, since the collection year may be set
 * after preparing. */
unsigned char *vreturn_derive_cla12(const VReturn *r)
{
    const VTable *t = &r->cur[T903_EPISODES];
    if (!t->file) return NULL;
    unsigned char *flags = xcalloc((size_t)t->n_groups + 1, 1);
    Episode *eps = xmalloc(((size_t)t->n_rows + 1) * sizeof *eps);
    for (int g = 0; g < t->n_groups; g++) {
        int n = t->group_start[g + 1] - t->group_start[g];
        for (int i = 0; i < n; i++) episode_of_row(t, t->order[t->group_start[g] + i], &eps[i]);
        flags[g] = dfe_oc2_continuously_looked_after(eps, n, r->year);
    }
    free(eps);
    return flags;
}

void vreturn_prepare(VReturn *r)
{
    for (int i = 0; i < T903_COUNT; i++) {
        prepare_table(&r->cur[i]);
        prepare_table(&r->last[i]);
    }
    prepare_table(&r->history);
    r->header_uasc = derive_uasc(&r->cur[T903_HEADER], &r->cur[T903_UASC]);
    r->header_last_uasc = derive_uasc(&r->last[T903_HEADER], &r->last[T903_UASC]);
    r->prepared = true;
}

static void free_table(VTable *t)
{
    if (t->file) {
        ssda903_file_free(t->file);
        free(t->file);
    }
    free(t->dates);
    free(t->bad);
    free(t->order);
    free(t->group_start);
    free(t->group_of_row);
    strmap_free(&t->groups);
    memset(t, 0, sizeof *t);
}

void vreturn_free(VReturn *r)
{
    for (int i = 0; i < T903_COUNT; i++) {
        free_table(&r->cur[i]);
        free_table(&r->last[i]);
    }
    free_table(&r->history);
    free(r->header_uasc);
    free(r->header_last_uasc);
    onspd_free(r->postcodes);
    vproviders_free(r->providers);
    memset(r, 0, sizeof *r);
}
