/* ssda903_return: see ssda903_return.h.
 *
 * Which rows a year's return holds follows the DfE's SSDA903 guidance (as
 * synth writes a year, shared/reference/903/README.md): Episodes running at
 * some time in the year; Header for the children with such an episode or an
 * OC3 row of the year; UASC for the children with such an episode; Reviews
 * and Missing starting in the year; PlacedAdoption, SWEpisodes and DoLo
 * running in the year (an adoption decision with no end while the child's
 * care runs in the year); OC2, OC3, AD1 and PrevPerm of the year. A closing
 * date after 31 March is blank, and so are the fields that go with it (REC,
 * REASON_PLACE_CHANGE, ...): the year's return saw the record still open.
 * SEX takes the year's form (1/2 to 2023/24, M/F from 2024/25: DfE 903 rule
 * 101); a mother whose child was born after 31 March was not one yet.
 *
 * Dates are compared as ISO text, which orders them as dates. */
#include "exchange/ssda903_return.h"
#include "exchange/ssda903_xml.h"

#include "base/csv.h"
#include "base/outfile.h"
#include "base/strmap.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- The stored history ---------------------------------------------------- */

bool ssda903_return_per_year(Ssda903TableId table)
{
    return table == T903_OC2 || table == T903_OC3 || table == T903_AD1 || table == T903_PREV_PERM;
}

static const char **rows_append(Ssda903Rows *rows, int n_columns)
{
    rows->n_columns = n_columns;
    if (rows->n_rows == rows->cap_rows) {
        rows->cap_rows = rows->cap_rows ? 2 * rows->cap_rows : 256;
        rows->cells =
            xrealloc(rows->cells, (size_t)rows->cap_rows * (size_t)n_columns * sizeof *rows->cells);
    }
    return &rows->cells[(size_t)rows->n_rows++ * (size_t)n_columns];
}

static uint32_t *stored_append(Ssda903StoredRows *rows, int n_columns)
{
    rows->n_columns = n_columns;
    if (rows->n_rows == rows->cap_rows) {
        rows->cap_rows = rows->cap_rows ? 2 * rows->cap_rows : 256;
        rows->cells =
            xrealloc(rows->cells, (size_t)rows->cap_rows * (size_t)n_columns * sizeof *rows->cells);
    }
    return &rows->cells[(size_t)rows->n_rows++ * (size_t)n_columns];
}

/* Copies text into the last block (a new one when it is full) and sets *ref
 * to it, or to SSDA903_NO_TEXT for NULL. */
static int add_text(Ssda903History *h, const char *text, uint32_t *ref, Err *err)
{
    enum {
        BLOCK = 1 << SSDA903_TEXT_BLOCK_BITS,
        MAX_BLOCKS = (1 << (32 - SSDA903_TEXT_BLOCK_BITS)) - 1
    };
    if (!text) {
        *ref = (uint32_t)SSDA903_NO_TEXT;
        return 0;
    }
    size_t len = strlen(text) + 1;
    if (len > BLOCK) return err_set(err, ERR_STATE, "a stored text is over 1 MiB long");
    if (h->n_blocks == 0 || h->block_used + len > BLOCK) {
        if (h->n_blocks == MAX_BLOCKS)
            return err_set(err, ERR_STATE, "the stored history is too large to hold in memory");
        MEM_GROW(h->blocks, h->n_blocks, h->cap_blocks);
        h->blocks[h->n_blocks++] = xmalloc(BLOCK);
        h->block_used = 0;
    }
    memcpy(h->blocks[h->n_blocks - 1] + h->block_used, text, len);
    *ref = ((uint32_t)(h->n_blocks - 1) << SSDA903_TEXT_BLOCK_BITS) | h->block_used;
    h->block_used += (uint32_t)len;
    return 0;
}

static bool history_wants(const Ssda903History *h, Ssda903TableId t, const char *const *cells,
                          int n);

int ssda903_history_add(Ssda903History *h, Ssda903TableId table, const char *const *cells, int n,
                        Err *err)
{
    if (!history_wants(h, table, cells, n)) return 0;
    uint32_t *row = stored_append(&h->tables[table], n);
    for (int i = 0; i < n; i++)
        if (add_text(h, cells[i], &row[i], err) < 0) return ERR_STATE;
    return 0;
}

int ssda903_history_add_header_year(Ssda903History *h, const char *const *cells, int n, Err *err)
{
    uint32_t *row = stored_append(&h->header_years, n);
    for (int i = 0; i < n; i++)
        if (add_text(h, cells[i], &row[i], err) < 0) return ERR_STATE;
    return 0;
}

/* A stored cell's text, NULL when not recorded. */
static const char *cell(const Ssda903History *h, const Ssda903StoredRows *rows, int row, int col)
{
    return ssda903_history_text(h,
                                rows->cells[(size_t)row * (size_t)rows->n_columns + (size_t)col]);
}

static void rows_free(Ssda903Rows *rows)
{
    free(rows->cells);
    *rows = (Ssda903Rows){0};
}

void ssda903_history_free(Ssda903History *h)
{
    for (int t = 0; t < T903_COUNT; t++) free(h->tables[t].cells);
    free(h->header_years.cells);
    for (int i = 0; i < h->n_blocks; i++) free(h->blocks[i]);
    free(h->blocks);
    *h = (Ssda903History){0};
}

void ssda903_return_free(Ssda903Return *r)
{
    for (int t = 0; t < T903_COUNT; t++) rows_free(&r->tables[t]);
    rows_free(&r->history_episodes);
    arena_free(&r->text);
    *r = (Ssda903Return){0};
}

/* ---- The year --------------------------------------------------------------- */

/* The collection year as ISO dates: 1 April to 31 March. */
typedef struct Window {
    int year;
    char from[24], to[24];
} Window;

static bool on_or_before(const char *date, const char *limit)
{
    return date && strcmp(date, limit) <= 0;
}

static bool on_or_after(const char *date, const char *limit)
{
    return date && strcmp(date, limit) >= 0;
}

/* Started by the end of the year and not ended before it began. */
static bool runs_in(const char *start, const char *end, const Window *w)
{
    return on_or_before(start, w->to) && (!end || on_or_after(end, w->from));
}

static bool starts_in(const char *start, const Window *w)
{
    return on_or_after(start, w->from) && on_or_before(start, w->to);
}

/* A set of child ids, sorted and without repeats. */
typedef struct Kids {
    const char **ids;
    int n, cap;
    int at; /* where kids_has walks from */
} Kids;

static void kids_add_sorted(Kids *k, const char *id)
{
    if (k->n > 0 && strcmp(k->ids[k->n - 1], id) == 0) return;
    MEM_GROW(k->ids, k->n, k->cap);
    k->ids[k->n++] = id;
}

/* Whether id is one of k. Every stored table is sorted by child, so the ids
 * of one table's rows are asked in ascending order and one walk through k
 * serves the whole table; kids_rewind starts the next. */
static bool kids_has(Kids *k, const char *id)
{
    int cmp = 1;
    while (k->at < k->n && (cmp = strcmp(k->ids[k->at], id)) < 0) k->at++;
    return k->at < k->n && cmp == 0;
}

static void kids_rewind(Kids *k)
{
    k->at = 0;
}

/* The children with an episode running in the year. */
static void running_children(const Ssda903History *h, const Window *w, Kids *out)
{
    const Ssda903StoredRows *eps = &h->tables[T903_EPISODES];
    for (int r = 0; r < eps->n_rows; r++)
        if (runs_in(cell(h, eps, r, 1), cell(h, eps, r, 7), w))
            kids_add_sorted(out, cell(h, eps, r, 0));
}

static bool of_year(const Ssda903History *h, const Ssda903StoredRows *rows, int row,
                    const Window *w)
{
    const char *year = cell(h, rows, row, rows->n_columns - 1);
    return year && atoi(year) == w->year;
}

/* The year's Header children: those of `running` and those with an OC3 row
 * of the year (a care leaver's return has no episode). */
static void header_children(const Ssda903History *h, const Kids *running, const Window *w,
                            Kids *out)
{
    const Ssda903StoredRows *oc3 = &h->tables[T903_OC3];
    Kids leavers = {0};
    for (int r = 0; r < oc3->n_rows; r++)
        if (of_year(h, oc3, r, w)) kids_add_sorted(&leavers, cell(h, oc3, r, 0));
    int i = 0, j = 0;
    while (i < running->n || j < leavers.n) {
        int cmp = i == running->n  ? 1
                  : j == leavers.n ? -1
                                   : strcmp(running->ids[i], leavers.ids[j]);
        kids_add_sorted(out, cmp <= 0 ? running->ids[i] : leavers.ids[j]);
        i += cmp <= 0;
        j += cmp >= 0;
    }
    free(leavers.ids);
}

/* ---- Writing a row as the return did ------------------------------------- */

typedef enum Selection {
    SEL_HEADER_CHILDREN,  /* the child is one of the year's Header children */
    SEL_RUNNING_CHILDREN, /* the child has an episode running in the year */
    SEL_RUNNING,          /* the row's start and end span part of the year */
    SEL_STARTS_IN_YEAR,   /* the row's start falls in the year */
    SEL_OF_YEAR,          /* the row's collection year is the year */
    SEL_PLACED_ADOPTION,  /* running, or open while the child's care runs */
} Selection;

/* For each table: which rows the year holds, the columns of the row's start
 * and closing date, and the fields blank with a closing date after the year. */
static const struct {
    Selection sel;
    const char *start, *closing;
    const char *with_closing[2];
} year_rules[T903_COUNT] = {
    [T903_HEADER] = {SEL_HEADER_CHILDREN, NULL, "MC_DOB", {NULL, NULL}},
    [T903_EPISODES] = {SEL_RUNNING, "DECOM", "DEC", {"REC", "REASON_PLACE_CHANGE"}},
    [T903_REVIEWS] = {SEL_STARTS_IN_YEAR, "REVIEW", NULL, {NULL, NULL}},
    [T903_UASC] = {SEL_RUNNING_CHILDREN, NULL, NULL, {NULL, NULL}},
    [T903_OC2] = {SEL_OF_YEAR, NULL, NULL, {NULL, NULL}},
    [T903_OC3] = {SEL_OF_YEAR, NULL, NULL, {NULL, NULL}},
    [T903_AD1] = {SEL_OF_YEAR, NULL, NULL, {NULL, NULL}},
    [T903_PLACED_ADOPTION] = {SEL_PLACED_ADOPTION,
                              "DATE_PLACED",
                              "DATE_PLACED_CEASED",
                              {"REASON_PLACED_CEASED", NULL}},
    [T903_PREV_PERM] = {SEL_OF_YEAR, NULL, NULL, {NULL, NULL}},
    [T903_MISSING] = {SEL_STARTS_IN_YEAR, "MIS_START", "MIS_END", {NULL, NULL}},
    /* SW_REASON is why the social worker was assigned, given from the start
     * (DfE rule SW01bSTG1): it stays when SW_DEC is after the year */
    [T903_SW_EPISODES] = {SEL_RUNNING, "SW_DECOM", "SW_DEC", {NULL, NULL}},
    [T903_DOLO] = {SEL_RUNNING, "DOLO_START", "DOLO_END", {NULL, NULL}},
};

/* Column positions of one table's year rule. */
typedef struct TableRule {
    Ssda903TableId table;
    const Ssda903Table *def;
    int start, closing, with_closing[2], sex, mother;
} TableRule;

static TableRule table_rule(Ssda903TableId t)
{
    const Ssda903Table *def = ssda903_table(t);
    TableRule r = {.table = t, .def = def, .start = -1, .closing = -1};
    if (year_rules[t].start) r.start = ssda903_column_index(def, year_rules[t].start);
    if (year_rules[t].closing) r.closing = ssda903_column_index(def, year_rules[t].closing);
    for (int i = 0; i < 2; i++)
        r.with_closing[i] = year_rules[t].with_closing[i]
                                ? ssda903_column_index(def, year_rules[t].with_closing[i])
                                : -1;
    r.sex = ssda903_column_index(def, "SEX");
    r.mother = t == T903_HEADER ? ssda903_column_index(def, "MOTHER") : -1;
    return r;
}

/* An ISO date as a return file writes it (dd/mm/yyyy); NULL when it is no
 * date. */
static const char *return_date(Arena *a, const char *iso)
{
    if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-') return NULL;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)iso[i])) return NULL;
    char *d = arena_alloc(a, 11);
    memcpy(d, iso + 8, 2);
    d[2] = '/';
    memcpy(d + 3, iso + 5, 2);
    d[5] = '/';
    memcpy(d + 6, iso, 4);
    return d;
}

/* SEX in the year's form: 1/2 up to 2023/24, M/F from 2024/25 (DfE 903 rule
 * 101); any other code as stored. */
static const char *year_sex(const char *sex, int year)
{
    if (!sex) return NULL;
    if (year <= 2024) {
        bool one = sex[0] && !sex[1];
        if (one && toupper((unsigned char)sex[0]) == 'M') return "1";
        if (one && toupper((unsigned char)sex[0]) == 'F') return "2";
        return sex;
    }
    if (strcmp(sex, "1") == 0) return "M";
    if (strcmp(sex, "2") == 0) return "F";
    return sex;
}

static bool is_with_closing(const TableRule *r, int col)
{
    return col == r->with_closing[0] || col == r->with_closing[1];
}

/* Writes row `row` of stored table `src` into out as the year's return
 * writes it: texts as stored are not copied, dates are rewritten into a. */
static void write_year_row(const TableRule *r, const Ssda903History *h,
                           const Ssda903StoredRows *src, int row, const Window *w, Ssda903Rows *out,
                           Arena *a)
{
    int n = r->def->n_columns;
    const char **dst = rows_append(out, n);
    const char *closing = r->closing >= 0 ? cell(h, src, row, r->closing) : NULL;
    bool closed_in_time = on_or_before(closing, w->to);
    for (int c = 0; c < n; c++) {
        const char *v = cell(h, src, row, c);
        if ((c == r->closing || is_with_closing(r, c)) && !closed_in_time)
            v = NULL;
        else if (c == r->sex)
            v = year_sex(v, w->year);
        else if (c == r->mother && v && strcmp(v, "1") == 0 && closing && !closed_in_time)
            v = "0"; /* MC_DOB after the year: not yet a mother in it */
        else if (r->def->columns[c].kind == F903_DATE)
            v = return_date(a, v);
        dst[c] = v ? v : "";
    }
}

/* Where the Header of each child of a year is: a walk through
 * h->header_years, whose rows come sorted by child like the Header rows
 * asked for, so one walk serves a whole table. */
typedef struct YearHeaders {
    const Ssda903History *h;
    int year, at;
} YearHeaders;

/* The stored rows and row holding child's Header for the year: the first of
 * the child's entries whose last year is not before it, else row `row` of
 * header (the latest return's). */
static const Ssda903StoredRows *year_header(YearHeaders *y, const Ssda903StoredRows *header,
                                            int *row)
{
    const Ssda903StoredRows *e = &y->h->header_years;
    const char *child = cell(y->h, header, *row, 0);
    while (y->at < e->n_rows && strcmp(cell(y->h, e, y->at, 0), child) < 0) y->at++;
    for (int i = y->at; i < e->n_rows && strcmp(cell(y->h, e, i, 0), child) == 0; i++) {
        const char *until = cell(y->h, e, i, e->n_columns - 1);
        if (until && atoi(until) >= y->year) {
            *row = i;
            return e;
        }
    }
    return header;
}

static bool row_in_year(const TableRule *r, const Ssda903History *h, const Ssda903StoredRows *src,
                        int row, const Window *w, Kids *header_kids, Kids *running_kids)
{
    const char *child = cell(h, src, row, 0);
    const char *start = r->start >= 0 ? cell(h, src, row, r->start) : NULL;
    const char *closing = r->closing >= 0 ? cell(h, src, row, r->closing) : NULL;
    switch (year_rules[r->table].sel) {
    case SEL_HEADER_CHILDREN: return kids_has(header_kids, child);
    case SEL_RUNNING_CHILDREN: return kids_has(running_kids, child);
    case SEL_RUNNING: return runs_in(start, closing, w);
    case SEL_STARTS_IN_YEAR: return starts_in(start, w);
    case SEL_OF_YEAR: return of_year(h, src, row, w);
    case SEL_PLACED_ADOPTION:
        return on_or_before(start, w->to) &&
               (on_or_after(closing, w->from) || (!closing && kids_has(running_kids, child)));
    }
    return false;
}

static Window year_window(int year)
{
    Window w = {.year = year};
    snprintf(w.from, sizeof w.from, "%04d-04-01", year - 1);
    snprintf(w.to, sizeof w.to, "%04d-03-31", year);
    return w;
}

void ssda903_history_for_years(Ssda903History *h, int from_year, int to_year)
{
    *h = (Ssda903History){.from_year = from_year, .to_year = to_year};
    Window first = year_window(from_year), last = year_window(to_year);
    memcpy(h->from_date, first.from, sizeof h->from_date);
    memcpy(h->to_date, last.to, sizeof h->to_date);
    for (int t = 0; t < T903_COUNT; t++) {
        TableRule r = table_rule((Ssda903TableId)t);
        h->start_col[t] = (signed char)r.start;
        h->closing_col[t] = (signed char)r.closing;
    }
}

/* Whether a row can be in the return of a year from h->from_year to
 * h->to_year (a superset of what ssda903_return_build selects: it selects
 * again). Rows running in one of the years started by the end of the last
 * and had not ended before the first began. */
static bool history_wants(const Ssda903History *h, Ssda903TableId t, const char *const *cells,
                          int n)
{
    if (h->to_year == 0) return true;
    const char *start = h->start_col[t] >= 0 ? cells[h->start_col[t]] : NULL;
    const char *closing = h->closing_col[t] >= 0 ? cells[h->closing_col[t]] : NULL;
    int year;
    switch (year_rules[t].sel) {
    case SEL_HEADER_CHILDREN:
    case SEL_RUNNING_CHILDREN: return true;
    case SEL_RUNNING:
        /* Every episode begun by the end: the history of the year's children. */
        if (t == T903_EPISODES) return on_or_before(start, h->to_date);
        return on_or_before(start, h->to_date) && (!closing || on_or_after(closing, h->from_date));
    case SEL_STARTS_IN_YEAR:
        return on_or_after(start, h->from_date) && on_or_before(start, h->to_date);
    case SEL_OF_YEAR:
        year = cells[n - 1] ? atoi(cells[n - 1]) : 0;
        return year >= h->from_year && year <= h->to_year;
    case SEL_PLACED_ADOPTION:
        return on_or_before(start, h->to_date) && (!closing || on_or_after(closing, h->from_date));
    }
    return true;
}

void ssda903_return_build(const Ssda903History *h, int year, Ssda903Return *out)
{
    *out = (Ssda903Return){.year = year};
    Window w = year_window(year);
    Kids running = {0}, header = {0};
    running_children(h, &w, &running);
    header_children(h, &running, &w, &header);
    for (int t = 0; t < T903_COUNT; t++) {
        TableRule r = table_rule((Ssda903TableId)t);
        const Ssda903StoredRows *src = &h->tables[t];
        out->tables[t].n_columns = r.def->n_columns;
        kids_rewind(&header);
        kids_rewind(&running);
        YearHeaders years = {h, year, 0};
        for (int row = 0; row < src->n_rows; row++) {
            if (!row_in_year(&r, h, src, row, &w, &header, &running)) continue;
            int at = row;
            const Ssda903StoredRows *from = t == T903_HEADER ? year_header(&years, src, &at) : src;
            write_year_row(&r, h, from, at, &w, &out->tables[t], &out->text);
        }
    }
    /* The whole history of the Header children's episodes known by the
     * year's end, for the rules that look back further than last year. */
    TableRule eps = table_rule(T903_EPISODES);
    const Ssda903StoredRows *src = &h->tables[T903_EPISODES];
    out->history_episodes.n_columns = eps.def->n_columns;
    kids_rewind(&header);
    for (int row = 0; row < src->n_rows; row++)
        if (kids_has(&header, cell(h, src, row, 0)) &&
            on_or_before(cell(h, src, row, eps.start), w.to))
            write_year_row(&eps, h, src, row, &w, &out->history_episodes, &out->text);
    free(running.ids);
    free(header.ids);
}

void ssda903_return_add_missing_headers(const Ssda903History *h, Ssda903Return *r)
{
    StrMap header = {0}, missing = {0};
    const Ssda903Rows *hr = &r->tables[T903_HEADER];
    for (int row = 0; row < hr->n_rows; row++)
        strmap_put(&header, hr->cells[(size_t)row * (size_t)hr->n_columns], 1);
    for (int t = T903_HEADER + 1; t < T903_COUNT; t++) {
        const Ssda903Rows *rows = &r->tables[t];
        for (int row = 0; row < rows->n_rows; row++) {
            const char *child = rows->cells[(size_t)row * (size_t)rows->n_columns];
            if (!strmap_has(&header, child)) strmap_put(&missing, child, 1);
        }
    }
    TableRule rule = table_rule(T903_HEADER);
    Window w = year_window(r->year);
    const Ssda903StoredRows *src = &h->tables[T903_HEADER];
    YearHeaders years = {h, r->year, 0};
    for (int row = 0; missing.n_used && row < src->n_rows; row++) {
        if (!strmap_has(&missing, cell(h, src, row, 0))) continue;
        int at = row;
        const Ssda903StoredRows *from = year_header(&years, src, &at);
        write_year_row(&rule, h, from, at, &w, &r->tables[T903_HEADER], &r->text);
    }
    strmap_free(&header);
    strmap_free(&missing);
}

void ssda903_rows_write_csv(const Ssda903Rows *rows, const Ssda903Table *table, FILE *out)
{
    const char *names[SSDA903_MAX_COLUMNS];
    for (int i = 0; i < table->n_columns; i++) names[i] = table->columns[i].name;
    csv_write_row(out, names, table->n_columns);
    for (int r = 0; r < rows->n_rows; r++)
        csv_write_row(out, &rows->cells[(size_t)r * (size_t)rows->n_columns], rows->n_columns);
}

/* One table's file, written whole or not at all (base/outfile), never over the
 * database db the return was read from. */
static int write_table_file(const Ssda903Rows *rows, const Ssda903Table *def, const char *path,
                            const char *db, Err *err)
{
    OutFile of;
    int rc = outfile_refuse_database(path, db, err);
    if (rc == 0) rc = outfile_open(&of, path, err);
    if (rc < 0) return rc;
    ssda903_rows_write_csv(rows, def, of.fp);
    return outfile_commit(&of, err);
}

int ssda903_return_write_files(const Ssda903Return *r, const char *dir, const char *db, Err *err)
{
    for (int t = 0; t < T903_COUNT; t++) {
        const Ssda903Table *def = ssda903_table((Ssda903TableId)t);
        if (def->first_year && r->year < def->first_year) continue; /* not collected then */
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.csv", dir, def->sql_name);
        int rc = write_table_file(&r->tables[t], def, path, db, err);
        if (rc < 0) return rc;
    }
    return 0;
}

/* A table of the return seen as a loaded 903 file, the form the XML writer
 * takes; its cells stay the return's. Every row is named "line 0" of the path
 * "the return", since it was never read from a file. */
static void return_table_as_file(const Ssda903Return *r, const Ssda903Table *def, long *lines,
                                 Ssda903File *f)
{
    memset(f, 0, sizeof *f);
    f->table = def;
    f->path = (char *)"the return";
    f->n_rows = r->tables[def->id].n_rows;
    f->cells = (char **)r->tables[def->id].cells;
    f->lines = lines;
}

int ssda903_return_write_xml(const Ssda903Return *r, FILE *out, Err *err)
{
    Ssda903File files[T903_COUNT];
    const Ssda903File *tables[T903_COUNT] = {0};
    int most = 1;
    for (int t = 0; t < T903_COUNT; t++)
        if (r->tables[t].n_rows > most) most = r->tables[t].n_rows;
    long *lines = xcalloc((size_t)most, sizeof *lines);
    for (int t = 0; t < T903_COUNT; t++) {
        const Ssda903Table *def = ssda903_table((Ssda903TableId)t);
        if (def->first_year && r->year < def->first_year) continue; /* not collected then */
        if (r->tables[t].n_rows && r->tables[t].n_columns != def->n_columns) {
            free(lines);
            return err_set(err, ERR_INTERNAL, "the return's %s rows have %d fields, not %d",
                           def->name, r->tables[t].n_columns, def->n_columns);
        }
        return_table_as_file(r, def, lines, &files[t]);
        tables[t] = &files[t];
    }
    int rc = ssda903_xml_write(out, tables, err);
    free(lines);
    return rc;
}
