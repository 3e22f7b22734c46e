/* import: see import.h. */
#include "service/import.h"

#include "store/store.h"

#include "base/date.h"
#include "base/mem.h"
#include "base/sha256.h"
#include "base/strmap.h"
#include "base/walk.h"
#include "domain/codes.h"
#include "exchange/ssda903_xml.h"
#include "service/parallel.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <time.h>

/* ---- Which collection year a file belongs to ----------------------------- */

/* Birth dates say nothing about the year of the return, nor does the date a
 * child's UASC status ceases (DUC), which may be years ahead: it is at the
 * latest the 18th birthday (DfE 903 rule 304), and a return carries it as
 * soon as it is known (a synthetic 2025/26 return had DUCs up to 2029, and
 * was taken as 2029/30's when uploaded). */
static bool is_event_date(const Ssda903Column *col)
{
    return col->kind == F903_DATE && strcmp(col->name, "DOB") != 0 &&
           strcmp(col->name, "MC_DOB") != 0 && strcmp(col->name, "DUC") != 0;
}

/* The latest event date in the file, or DATE_NONE. */
static Date latest_event_date(const Ssda903File *f)
{
    Date latest = DATE_NONE;
    for (int c = 0; c < f->table->n_columns; c++) {
        if (!is_event_date(&f->table->columns[c])) continue;
        for (int r = 0; r < f->n_rows; r++) {
            const char *v = ssda903_cell(f, r, c);
            Date d;
            if (date_parse_dmy(v, strlen(v), &d) == 0 && (latest == DATE_NONE || d > latest))
                latest = d;
        }
    }
    return latest;
}

/* A folder named like a collection year ("2009-10", "2009_10", "2009-2010",
 * "903_2009-10") names the year of the files in it. Returns the end year or 0. */
static int year_from_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return 0;
    const char *start = slash;
    while (start > path && start[-1] != '/') start--;
    for (const char *p = start; p + 7 <= slash; p++) {
        if (!isdigit((unsigned char)p[0]) || (p > start && isdigit((unsigned char)p[-1]))) continue;
        char buf[10];
        size_t n = (size_t)(slash - p) < 9 ? (size_t)(slash - p) : 9;
        memcpy(buf, p, n);
        buf[n] = '\0';
        if (buf[4] == '-' || buf[4] == '_') buf[4] = '/';
        for (size_t len = 9; len >= 7; len -= 2) {
            if (n < len || (n > len && isdigit((unsigned char)buf[len]))) continue;
            char cand[10];
            memcpy(cand, buf, len);
            cand[len] = '\0';
            int y = date_parse_collection_year(cand);
            if (y > 0) return y;
        }
    }
    return 0;
}

static size_t folder_length(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) : 0;
}

/* The year can be given with the request (ImportOptions.year), which each
 * front end names its own way: err->param says which parameter. */
static void no_year(ErrList *errs, const char *path)
{
    Err e;
    err_at(&e, ERR_INPUT, path, 0, 0, NULL,
           "cannot tell which collection year this file is for; give the year of the return "
           "or keep each year's files in a folder named like 2009-10");
    err_param(&e, "year");
    errlist_add(errs, &e);
}

/* Gives every file its year: --year, else its folder's name, else the latest
 * event date among the files of its folder. */
static void assign_years(Ssda903File *files, int *years, int n, int forced, ErrList *errs)
{
    for (int i = 0; i < n; i++) {
        years[i] = forced ? forced : year_from_folder(files[i].path);
        if (years[i]) continue;
        size_t flen = folder_length(files[i].path);
        /* Every file of a folder gets the same year: work it out once. */
        for (int j = 0; j < i && !years[i]; j++)
            if (folder_length(files[j].path) == flen &&
                strncmp(files[j].path, files[i].path, flen) == 0)
                years[i] = years[j];
        if (years[i]) continue;
        Date latest = DATE_NONE;
        for (int j = 0; j < n; j++) {
            if (folder_length(files[j].path) != flen ||
                strncmp(files[j].path, files[i].path, flen) != 0 || !files[j].table)
                continue;
            Date d = latest_event_date(&files[j]);
            if (d != DATE_NONE && (latest == DATE_NONE || d > latest)) latest = d;
        }
        if (latest == DATE_NONE)
            no_year(errs, files[i].path);
        else
            years[i] = date_collection_year(latest);
    }
}

/* ---- Checking and storing rows ------------------------------------------ */

/* The marks of one table's rows checked, as they are found; each row's marks
 * are consecutive (RowRef.first_mark). */
typedef struct PendingMarks {
    ImportMark *items;
    int n_items, cap;
} PendingMarks;

/* On a store that stages its rows (PostgreSQL), the rows of each table are
 * written on a thread of their own while the next tables are checked
 * (check_and_write_at_once). The fields below say which side uses them:
 * the checking side (this thread), the writing side (the writer thread while
 * it runs, this thread before and after), or both, read only. A table's refs
 * and marks belong to the checking side until the table is handed over, and
 * to the writing side after. */
typedef struct ImportRun {
    Store *store;        /* writing (and checking, before the writer starts) */
    bool keep_invalid;   /* ImportOptions.keep_invalid */
    bool clear_marks;    /* the database holds marks: a row written again loses its old ones */
    PendingMarks *marks; /* per table, found while checking */
    PendingMarks stored; /* writing: of the rows written, stored after the import is logged */
    /* On a store that stages its rows (PostgreSQL) whether a row was written
     * is known only after the merge: the rows whose marks may change wait
     * here (apply_staged_marks). marked_rows holds the keys of the rows with
     * stored marks (marked_row_id), the only unmarked rows that must wait. */
    bool staged;
    StrMap marked_rows; /* both, read only once made */
    const struct RowRef **staged_rows;
    int n_staged_rows, cap_staged_rows;
    const CodeLists *codes;
    StrMap children; /* checking: ids with a Header row in this import */
    /* checking, while a writer owns the store: the children of other rows
     * with no Header row in this import, looked up in the database before
     * the writer started (resolve_children), 1 for those it holds */
    bool children_resolved;
    StrMap stored_children;
    ErrList *errs;           /* checking: the problems found */
    ErrList *write_errs;     /* writing: the problems met (errs, or the writer's own) */
    ErrList *write_warnings; /* writing: duplicate rows (the report's, or the writer's own) */
    atomic_bool *stop;       /* writing, when set (by the checking side): write no more */
    ImportReport *report;
    struct RowRefs *refs;        /* checked rows per table, written once the table is checked */
    const char *actor;           /* for the import log */
    const StoreImportFile *read; /* every file read, with its size and SHA-256 */
    int n_read;
    Date today; /* for the plausibility of dates */
    /* The limits of the table and year being checked, worked out once for
     * all their cells rather than once a cell (limits_for). */
    const Ssda903Table *limits_table;
    int limits_year;
    int max_chars[SSDA903_MAX_COLUMNS];
    Date earliest_date, latest_date, latest_duc;
    /* What each column of the table is (COLUMN_EVENT ...), and the column of
     * its key date (-1: none), told once a table rather than by comparing
     * names in every row. */
    unsigned char column_role[SSDA903_MAX_COLUMNS];
    int key_column;
} ImportRun;

enum {
    COLUMN_EVENT = 1, /* is_event_date */
    COLUMN_END = 2,   /* is_end_date */
    COLUMN_DUC = 4,   /* UASC's DUC, which may lie years ahead */
};

/* The column that ends a period (an episode, an adoptive placement, a missing
 * spell, a social worker's episode, a DoLO): empty while the period is open. */
static bool is_end_date(const Ssda903Column *col)
{
    static const char *const ends[] = {"DEC", "DATE_PLACED_CEASED", "MIS_END", "SW_DEC",
                                       "DOLO_END"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
        if (strcmp(col->name, ends[i]) == 0) return true;
    return false;
}

/* The year a row's codes must be valid in: the return's year, or the year of
 * the row's own latest event when that is earlier (a closed episode carried in
 * a full-history export was reported in the year it ended). A period still
 * open is reported in the return's year, with that year's codes, however long
 * ago it began. */
static int record_year(const ImportRun *run, const Ssda903File *f, int row, int file_year)
{
    Date latest = DATE_NONE;
    for (int c = 0; c < f->table->n_columns; c++) {
        if (!(run->column_role[c] & COLUMN_EVENT)) continue;
        const char *v = ssda903_cell(f, row, c);
        if (!*v && (run->column_role[c] & COLUMN_END)) return file_year;
        Date d;
        if (date_parse_dmy(v, strlen(v), &d) == 0 && (latest == DATE_NONE || d > latest))
            latest = d;
    }
    if (latest == DATE_NONE || date_collection_year(latest) >= file_year) return file_year;
    return date_collection_year(latest);
}

/* A key column must be present: the row cannot be stored without it. */
static bool is_key_column(Ssda903TableId t, const char *name)
{
    if (strcmp(name, "CHILD") == 0) return true;
    switch (t) {
    case T903_EPISODES: return strcmp(name, "DECOM") == 0;
    case T903_REVIEWS: return strcmp(name, "REVIEW") == 0;
    case T903_PLACED_ADOPTION: return strcmp(name, "DATE_PLACED") == 0;
    case T903_MISSING: return strcmp(name, "MIS_START") == 0;
    case T903_SW_EPISODES: return strcmp(name, "SW_DECOM") == 0;
    case T903_DOLO: return strcmp(name, "DOLO_START") == 0;
    default:
        /* A record template is keyed by CHILD and its one date (docs/templates.md). */
        return ssda903_is_record_template(t) && ssda903_table(t)->columns[1].kind == F903_DATE &&
               strcmp(name, ssda903_table(t)->columns[1].name) == 0;
    }
}

/* Per-year tables keep one record per child per collection year. */
static bool is_per_year(Ssda903TableId t)
{
    return t == T903_OC2 || t == T903_OC3 || t == T903_AD1 || t == T903_PREV_PERM;
}

/* The column holding the record's identifying date, or -1. */
static int key_date_column(const Ssda903Table *t)
{
    for (int c = 1; c < t->n_columns; c++)
        if (is_key_column(t->id, t->columns[c].name)) return c;
    return -1;
}

static void format_year(int end_year, char *buf, size_t n)
{
    snprintf(buf, n, "%d/%02d", end_year - 1, end_year % 100);
}

/* The SDQ total difficulties score runs from 0 to 40 (statutory.md A2). */
enum { SDQ_SCORE_MAX = 40 };

/* Whether v is one of the '|'-separated words (any case); lower-cases v when it is. */
static bool check_choice(char *v, const char *words)
{
    size_t n = strlen(v);
    for (const char *w = words; *w;) {
        size_t len = strcspn(w, "|");
        if (len == n && strncasecmp(v, w, n) == 0) {
            for (char *p = v; *p; p++) *p = (char)tolower((unsigned char)*p);
            return true;
        }
        w += len;
        if (*w == '|') w++;
    }
    return false;
}

static bool check_whole_number(const char *v)
{
    for (const char *p = v; *p; p++)
        if (!isdigit((unsigned char)*p)) return false;
    return true;
}

/* ---- Faults that --keep-invalid stores as marks ---------------------------- */

/* How a mark names its row: the key date (ISO), the collection year of the
 * per-year tables, nothing for the tables kept once per child. */
static void mark_row_key(const Ssda903File *f, int row, int file_year, char *buf, size_t n)
{
    buf[0] = '\0';
    if (is_per_year(f->table->id)) {
        format_year(file_year, buf, n);
        return;
    }
    int c = key_date_column(f->table);
    Date d;
    const char *v = c < 0 ? "" : ssda903_cell(f, row, c);
    if (c >= 0 && date_parse_dmy(v, strlen(v), &d) == 0) {
        char iso[DATE_FMT_LEN];
        snprintf(buf, n, "%s", date_format_iso(d, iso));
    }
}

/* A value wrong as given but not in the file's structure: with
 * --keep-invalid the cell is marked and stored as unknown (blanked here, so
 * the write pass stores NULL), else it is a problem. Returns whether the row
 * may still be stored. */
static bool value_fault(ImportRun *run, const Ssda903File *f, int row, int col, int year,
                        const char *msg)
{
    char *v = f->cells[(size_t)row * (size_t)f->table->n_columns + (size_t)col];
    long line = ssda903_cell_line(f, row, col);
    int at = f->cell_columns[(size_t)row * (size_t)f->table->n_columns + (size_t)col];
    const char *label = ssda903_field_label(f, col);
    if (!run->keep_invalid) {
        errlist_at(run->errs, f->path, line, at, label, "%s", msg);
        run->report->keepable++;
        return false;
    }
    PendingMarks *marks = &run->marks[f->table->id];
    MEM_GROW(marks->items, marks->n_items, marks->cap);
    ImportMark *m = &marks->items[marks->n_items++];
    *m = (ImportMark){.mark = {.table = f->table->id,
                               .child = xstrdup(ssda903_cell(f, row, 0)),
                               .field = xstrdup(f->table->columns[col].name),
                               .value = xstrdup(v),
                               .year = year,
                               .message = xstrdup(msg)},
                      .file = xstrdup(f->path),
                      .line = line,
                      .column = at,
                      .label = xstrdup(label)};
    v[0] = '\0';
    return true;
}

static void import_mark_free(ImportMark *m)
{
    ssda903_mark_free(&m->mark);
    free(m->file);
    free(m->label);
}

/* Fields that must be given together or not at all: an episode's end date
 * and the reason it ended (DfE 903 rule 148), an adoption decision's
 * end date and the reason it ended (DfE 903 rule 119). The reason is the
 * value marked: it is stored as unknown, and the end date as given. */
static const struct {
    Ssda903TableId table;
    const char *date, *reason;
    int rule;
} paired_fields[] = {
    {T903_EPISODES, "DEC", "REC", 148},
    {T903_PLACED_ADOPTION, "DATE_PLACED_CEASED", "REASON_PLACED_CEASED", 119},
};

static int column_named(const Ssda903Table *t, const char *name)
{
    for (int c = 0; c < t->n_columns; c++)
        if (strcmp(t->columns[c].name, name) == 0) return c;
    return -1;
}

/* Whether the row of table t whose marks start at first_mark already has one
 * on field. */
static bool row_marked(const ImportRun *run, Ssda903TableId t, int first_mark, const char *field)
{
    const PendingMarks *marks = &run->marks[t];
    for (int i = first_mark; i < marks->n_items; i++)
        if (strcmp(marks->items[i].mark.field, field) == 0) return true;
    return false;
}

/* Checks the fields of a row against each other, once each is valid alone (a
 * reason already marked as a code not in its list keeps that mark, with the
 * value as given). */
static bool check_cross_fields(ImportRun *run, const Ssda903File *f, int row, int year,
                               int first_mark)
{
    bool ok = true;
    for (size_t i = 0; i < sizeof paired_fields / sizeof paired_fields[0]; i++) {
        if (paired_fields[i].table != f->table->id) continue;
        int d = column_named(f->table, paired_fields[i].date);
        int r = column_named(f->table, paired_fields[i].reason);
        const char *date = ssda903_cell(f, row, d), *reason = ssda903_cell(f, row, r);
        if (!*date == !*reason ||
            row_marked(run, f->table->id, first_mark, paired_fields[i].reason))
            continue;
        char msg[200];
        if (*reason)
            snprintf(msg, sizeof msg,
                     "'%s' is given as the reason this ended, but %s is blank: both or neither "
                     "(DfE 903 rule %d)",
                     reason, paired_fields[i].date, paired_fields[i].rule);
        else
            snprintf(msg, sizeof msg,
                     "missing: %s is %s, so the reason it ended must be given (DfE 903 rule %d)",
                     paired_fields[i].date, date, paired_fields[i].rule);
        ok &= value_fault(run, f, row, r, year, msg);
    }
    return ok;
}

/* The choice columns a record template's row cannot leave empty (their
 * tables' CHECK says NOT NULL: schema/sqlite/003, 026). */
static bool value_required(Ssda903TableId table, const char *column)
{
    return (table == TREC_VISIT_REGIMES && strcmp(column, "REGIME") == 0) ||
           (table == TREC_PA_REQUESTS && strcmp(column, "PA_REQUEST") == 0);
}

/* Checks one cell, normalising a code or a choice in place, and points out
 * at it (NULL when empty). A date is left as given: the writer stores its ISO
 * form (stored_value), and checking needs only the child's value. Returns
 * false after reporting a problem. */
static bool normalise_cell(ImportRun *run, const Ssda903File *f, int row, int col, int year,
                           const char **out)
{
    const Ssda903Column *column = &f->table->columns[col];
    const char *field = ssda903_field_label(f, col);
    char *v = f->cells[(size_t)row * (size_t)f->table->n_columns + (size_t)col];
    long line = ssda903_cell_line(f, row, col);
    int at = f->cell_columns[(size_t)row * (size_t)f->table->n_columns + (size_t)col];
    *out = NULL;
    if (!*v) {
        if (value_required(f->table->id, column->name)) {
            /* A regime statement that names no regime, or a PARequests row that
             * says neither requested nor withdrawn, says nothing. */
            errlist_at(run->errs, f->path, line, at, field, "missing; one of %s is needed",
                       records_choices(column->name));
            return false;
        }
        if (!is_key_column(f->table->id, column->name)) return true;
        errlist_at(run->errs, f->path, line, at, field,
                   "missing; this field identifies the record and must be filled in");
        return false;
    }
    switch (column->kind) {
    case F903_DATE: {
        Date d;
        if (date_parse_dmy(v, strlen(v), &d) < 0) {
            errlist_at(run->errs, f->path, line, at, field,
                       "'%s' is not a valid date; dates are dd/mm/yyyy", v);
            return false;
        }
        *out = v;
        return true;
    }
    case F903_CODE:
        for (char *p = v; *p; p++) *p = (char)toupper((unsigned char)*p);
        if (codes_has_list(run->codes, column->name) &&
            !codes_valid(run->codes, column->name, v, year)) {
            char y[16], msg[160];
            format_year(year, y, sizeof y);
            snprintf(msg, sizeof msg, "'%s' is not a valid %s code in %s", v, column->name, y);
            return value_fault(run, f, row, col, year, msg);
        }
        *out = v;
        return true;
    case F903_INT:
        if (!check_whole_number(v)) {
            errlist_at(run->errs, f->path, line, at, field, "'%s' is not a whole number", v);
            return false;
        }
        if (f->table->id == TREC_SDQ && (strlen(v) > 2 || atoi(v) > SDQ_SCORE_MAX)) {
            errlist_at(run->errs, f->path, line, at, field,
                       "'%s' is not an SDQ total difficulties score (0 to %d)", v, SDQ_SCORE_MAX);
            return false;
        }
        /* OC2's score has the same range (DfE 903 rule 180): a value outside
         * it is wrong as given, like a code not in its list. */
        if (f->table->id == T903_OC2 && strcmp(column->name, "SDQ_SCORE") == 0 &&
            (strlen(v) > 2 || atoi(v) > SDQ_SCORE_MAX)) {
            char msg[160];
            snprintf(msg, sizeof msg,
                     "'%.40s' is not an SDQ total difficulties score (0 to %d; DfE 903 rule 180)",
                     v, SDQ_SCORE_MAX);
            return value_fault(run, f, row, col, year, msg);
        }
        *out = v;
        return true;
    case F903_CHOICE: {
        const char *words = records_choices(column->name);
        if (!words || !check_choice(v, words)) {
            errlist_at(run->errs, f->path, line, at, field, "'%s' is not one of %s", v,
                       words ? words : "the accepted words");
            return false;
        }
        *out = v;
        return true;
    }
    case F903_TEXT: *out = v; return true;
    }
    return true;
}

/* ---- Limits and plausibility --------------------------------------------- */

/* Import limits (docs/import.md, "Limits"): far above any council's return,
 * low enough that a wrong or hostile file is refused at once. */
enum {
    IMPORT_MAX_ROWS = 5000000, /* rows in one table of one file */
    IMPORT_MAX_FIELD = 255,    /* bytes in any one cell */
};
#define IMPORT_MAX_FILE_BYTES (1024LL * 1024 * 1024)

/* The longest value of the 903's identifying and coded text fields, in
 * characters: the DfE's SSDA903 guidance gives the child's id up to 10
 * characters, a UPN 13 (a letter, 11 digits, a check character), a postcode
 * up to 8 with its space, and an Ofsted URN "SC" and 6 digits (8). */
static int field_max_length(const char *name)
{
    static const struct {
        const char *name;
        int max;
    } limits[] = {{"CHILD", 10}, {"UPN", 13}, {"HOME_POST", 8}, {"PL_POST", 8}, {"URN", 8}};
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++)
        if (strcmp(name, limits[i].name) == 0) return limits[i].max;
    return IMPORT_MAX_FIELD;
}

/* Whether s is well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF); counts its characters into *chars.
 * Inlined where every cell is checked (cell_within_limits): called there as
 * a function, once a cell, it cost SQLite's import 1% more instructions. */
static inline __attribute__((always_inline)) bool utf8_valid(const unsigned char *s, int *chars)
{
    *chars = 0;
    while (*s) {
        unsigned c = *s;
        if (c < 0x80) { /* nearly every byte of a return */
            s++;
            (*chars)++;
            continue;
        }
        int more = c < 0x80             ? 0
                   : (c & 0xE0) == 0xC0 ? 1
                   : (c & 0xF0) == 0xE0 ? 2
                   : (c & 0xF8) == 0xF0 ? 3
                                        : -1;
        if (more < 0 || (more == 1 && c < 0xC2) || c > 0xF4) return false;
        unsigned cp = more ? c & (0x3Fu >> more) : c;
        for (int k = 1; k <= more; k++) {
            if ((s[k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[k] & 0x3Fu);
        }
        if ((more == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (more == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        s += more + 1;
        (*chars)++;
    }
    return true;
}

/* Dates outside 1 January 1900 .. a year after the return's collection year
 * ends (and never more than a year after today) are typing errors: a date of
 * birth in year 1 or 9999, an event years after the return was made. */
/* Fills run's limits for the cells of table t in a return of file_year. */
static void limits_for(ImportRun *run, const Ssda903Table *t, int file_year)
{
    if (run->limits_table == t && run->limits_year == file_year) return;
    run->limits_table = t;
    run->limits_year = file_year;
    for (int c = 0; c < t->n_columns; c++) {
        const Ssda903Column *col = &t->columns[c];
        run->max_chars[c] = field_max_length(col->name);
        run->column_role[c] = (unsigned char)((is_event_date(col) ? COLUMN_EVENT : 0) |
                                              (is_end_date(col) ? COLUMN_END : 0) |
                                              (strcmp(col->name, "DUC") == 0 ? COLUMN_DUC : 0));
    }
    run->key_column = key_date_column(t);
    run->earliest_date = date_from_ymd(1900, 1, 1);
    Date latest = date_add_months(date_collection_year_end(file_year), 12);
    Date next_year = date_add_months(run->today, 12);
    run->latest_date = next_year < latest ? next_year : latest;
    /* UASC's DUC is when the status will end, at the latest the child's 18th
     * birthday: it may lie up to 18 years ahead. */
    run->latest_duc = date_add_months(date_collection_year_end(file_year), 12 * 19);
}

static bool date_plausible(ImportRun *run, const Ssda903File *f, int row, int col, int file_year)
{
    const char *v = ssda903_cell(f, row, col);
    Date d, latest = run->column_role[col] & COLUMN_DUC ? run->latest_duc : run->latest_date;
    if (!*v || date_parse_dmy(v, strlen(v), &d) < 0) return true; /* normalise_cell says why */
    if (d >= run->earliest_date && d <= latest) return true;
    char y[16], last[DATE_FMT_LEN];
    format_year(file_year, y, sizeof y);
    errlist_at(run->errs, f->path, ssda903_cell_line(f, row, col),
               f->cell_columns[(size_t)row * (size_t)f->table->n_columns + (size_t)col],
               ssda903_field_label(f, col),
               "'%s' is not a plausible date: dates run from 01/01/1900 to %s (a year after the "
               "%s return, and no later than a year from today)",
               v, date_format_dmy(latest, last), y);
    return false;
}

/* Valid UTF-8, no longer than the field's limit, and a plausible date. */
static bool cell_within_limits(ImportRun *run, const Ssda903File *f, int row, int col,
                               int file_year)
{
    const Ssda903Column *column = &f->table->columns[col];
    const char *v = ssda903_cell(f, row, col);
    long line = ssda903_cell_line(f, row, col);
    int at = f->cell_columns[(size_t)row * (size_t)f->table->n_columns + (size_t)col];
    const char *field = ssda903_field_label(f, col);
    limits_for(run, f->table, file_year);
    int chars, max = run->max_chars[col];
    if (!utf8_valid((const unsigned char *)v, &chars)) {
        errlist_at(run->errs, f->path, line, at, field,
                   "not valid UTF-8 text; save the file as UTF-8");
        return false;
    }
    if (chars > max || strlen(v) > IMPORT_MAX_FIELD) {
        errlist_at(run->errs, f->path, line, at, field,
                   "%d characters, longer than the %d this field can hold", chars, max);
        return false;
    }
    return column->kind != F903_DATE || date_plausible(run, f, row, col, file_year);
}

bool import_check_record_value(Ssda903TableId table, int col, char *v, char *msg, size_t size)
{
    const Ssda903Column *column = &ssda903_table(table)->columns[col];
    const char *words = records_choices(column->name);
    if (!*v) {
        if (!value_required(table, column->name)) return true;
        snprintf(msg, size, "missing; one of %s is needed", words);
        return false;
    }
    if (column->kind == F903_INT && !check_whole_number(v))
        snprintf(msg, size, "'%s' is not a whole number", v);
    else if (column->kind == F903_INT && table == TREC_SDQ &&
             (strlen(v) > 2 || atoi(v) > SDQ_SCORE_MAX))
        snprintf(msg, size, "'%s' is not an SDQ total difficulties score (0 to %d)", v,
                 SDQ_SCORE_MAX);
    else if (column->kind == F903_CHOICE && (!words || !check_choice(v, words)))
        snprintf(msg, size, "'%s' is not one of %s", v, words ? words : "the accepted words");
    else
        return true;
    return false;
}

static bool child_known(ImportRun *run, const char *id)
{
    if (strmap_has(&run->children, id)) return true;
    if (run->children_resolved) return strmap_get(&run->stored_children, id, 0) != 0;
    return store_child_known(run->store, id);
}

/* A checked row waiting to be written: the write pass sorts these by key so
 * that every record is written once (the latest year's version) and in key
 * order, which is what makes a large import fast. */
typedef struct RowRef {
    const char *child;
    Date key; /* the record's identifying date, its year for per-year tables, else 0 */
    int year; /* collection year of the file */
    int file, row;
    int first_mark, n_marks; /* its marks in ImportRun.marks */
} RowRef;

typedef struct RowRefs {
    RowRef *items;
    int n_items, cap;
} RowRefs;

static Date row_key(const ImportRun *run, const Ssda903File *f, int row, int year)
{
    if (is_per_year(f->table->id)) return year;
    int c = run->key_column;
    if (c < 0) return 0;
    const char *v = ssda903_cell(f, row, c);
    Date d;
    return date_parse_dmy(v, strlen(v), &d) == 0 ? d : 0;
}

static void check_row(ImportRun *run, const Ssda903File *f, int file, int row, int file_year)
{
    limits_for(run, f->table, file_year);
    int year = record_year(run, f, row, file_year);
    const char *values[SSDA903_MAX_COLUMNS];
    bool ok = true;
    const PendingMarks *marks = &run->marks[f->table->id];
    int first_mark = marks->n_items;
    for (int c = 0; c < f->table->n_columns; c++)
        ok &= cell_within_limits(run, f, row, c, file_year) &&
              normalise_cell(run, f, row, c, year, &values[c]);
    if (ok) ok = check_cross_fields(run, f, row, year, first_mark);
    if (!ok) return;
    if (f->table->id == T903_HEADER) {
        strmap_put(&run->children, values[0], 1);
    } else if (!child_known(run, values[0])) {
        errlist_at(run->errs, f->path, ssda903_cell_line(f, row, 0),
                   f->cell_columns[(size_t)row * (size_t)f->table->n_columns],
                   ssda903_field_label(f, 0),
                   "'%s' has no Header row in this import or in the database", values[0]);
        return;
    }
    RowRefs *refs = &run->refs[f->table->id];
    MEM_GROW(refs->items, refs->n_items, refs->cap);
    refs->items[refs->n_items++] =
        (RowRef){values[0],  row_key(run, f, row, file_year), file_year, file, row,
                 first_mark, marks->n_items - first_mark};
    run->report->rows++;
    run->report->rows_by_table[f->table->id]++;
}

static void check_file(ImportRun *run, const Ssda903File *f, int file, int year)
{
    run->report->files++;
    if (!run->report->first_year || year < run->report->first_year) run->report->first_year = year;
    if (year > run->report->last_year) run->report->last_year = year;
    if (f->n_rows > IMPORT_MAX_ROWS) {
        errlist_at(run->errs, f->path, 0, 0, NULL,
                   "%d rows of %s, more than the %d one file may hold", f->n_rows, f->table->name,
                   IMPORT_MAX_ROWS);
        return;
    }
    for (int r = 0; r < f->n_rows; r++) check_row(run, f, file, r, year);
}

/* Key order; among rows with the same key, the older year (then the earlier
 * file and row) first, so the last of a run is the version that wins. */
static int compare_refs(const void *pa, const void *pb)
{
    const RowRef *a = pa, *b = pb;
    int c = strcmp(a->child, b->child);
    if (c) return c;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    if (a->year != b->year) return a->year < b->year ? -1 : 1;
    if (a->file != b->file) return a->file < b->file ? -1 : 1;
    return (a->row > b->row) - (a->row < b->row);
}

/* Merges the sorted runs [lo, mid) and [mid, hi) of src into dst[lo, hi). */
static void merge_runs(const RowRef *src, int lo, int mid, int hi, RowRef *dst)
{
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) dst[k++] = compare_refs(&src[j], &src[i]) < 0 ? src[j++] : src[i++];
    while (i < mid) dst[k++] = src[i++];
    while (j < hi) dst[k++] = src[j++];
}

/* Sorts a table's rows by compare_refs. A file lists a table by child, so
 * its rows come as a run already in key order, and a table of a ten-year
 * history is ten runs or so: merging the runs found, two by two, compares
 * each row a few times where qsort compared it some twenty times (qsort
 * was a ninth of a PostgreSQL import's client instructions). compare_refs
 * is a total order (no two rows share file and row), so the result is
 * qsort's. */
static void sort_refs(RowRefs *refs)
{
    int n = refs->n_items;
    RowRef *rows = refs->items;
    int *starts = xcalloc((size_t)n + 2, sizeof *starts), k = 0;
    for (int i = 0; i < n; i++)
        if (i == 0 || compare_refs(&rows[i - 1], &rows[i]) > 0) starts[k++] = i;
    starts[k] = n;
    RowRef *tmp = k > 1 ? xcalloc((size_t)n, sizeof *tmp) : NULL, *src = rows, *dst = tmp;
    while (k > 1) {
        int m = 0;
        for (int r = 0; r < k; r += 2) {
            int hi = r + 1 < k ? starts[r + 2] : starts[r + 1];
            merge_runs(src, starts[r], starts[r + 1], hi, dst);
            starts[m++] = starts[r];
        }
        starts[m] = n;
        k = m;
        RowRef *swap = src;
        src = dst;
        dst = swap;
    }
    if (src != rows) memcpy(rows, src, (size_t)n * sizeof *rows);
    free(tmp);
    free(starts);
}

/* The stored form of a checked cell: ISO dates, NULL for empty. */
static const char *stored_value(const Ssda903Column *col, const char *v, char *buf)
{
    if (!*v) return NULL;
    Date d;
    if (col->kind == F903_DATE && date_parse_dmy(v, strlen(v), &d) == 0)
        return date_format_iso(d, buf);
    return v;
}

/* After a row is written: the marks it had are replaced by the ones it has
 * now (none when it came corrected), which are kept to be stored once the
 * import has its id in the log. */
static int update_marks(ImportRun *run, const Ssda903File *f, const RowRef *ref, Err *err)
{
    if (ref->n_marks == 0 && !run->clear_marks) return 0; /* nearly every row */
    char key[16], keep[SSDA903_MAX_COLUMNS * 24] = "|";
    mark_row_key(f, ref->row, ref->year, key, sizeof key);
    for (int i = 0; i < ref->n_marks; i++) {
        ImportMark *m = &run->marks[f->table->id].items[ref->first_mark + i];
        m->mark.row_key = xstrdup(key);
        strncat(keep, m->mark.field, sizeof keep - strlen(keep) - 2);
        strcat(keep, "|");
        MEM_GROW(run->stored.items, run->stored.n_items, run->stored.cap);
        run->stored.items[run->stored.n_items++] = *m;
        memset(m, 0, sizeof *m); /* moved */
    }
    if (!run->clear_marks) return 0;
    return store_clear_marks(run->store, f->table->id, ref->child, key, keep, err);
}

/* The row's values as stored: values[c] may point into dates[c]. */
static void row_values(const Ssda903File *f, const RowRef *ref, const char **values,
                       char dates[][DATE_FMT_LEN])
{
    for (int c = 0; c < f->table->n_columns; c++)
        values[c] = stored_value(&f->table->columns[c], ssda903_cell(f, ref->row, c), dates[c]);
}

/* "table, child, row key" of a row's marks, one text, for marked_rows. */
static void marked_row_id(int table, const char *child, const char *key, char *buf, size_t n)
{
    snprintf(buf, n, "%d\x1f%s\x1f%s", table, child, key);
}

/* Before a staged store's rows are written: the keys of the rows with marks
 * stored, whose marks a corrected row clears. A handful, in practice. */
static int load_marked_rows(ImportRun *run, Err *err)
{
    Ssda903Marks marks;
    if (store_list_marks(run->store, NULL, &marks, err) < 0) return -1;
    for (int i = 0; i < marks.n; i++) {
        char id[256];
        marked_row_id(marks.items[i].table, marks.items[i].child, marks.items[i].row_key, id,
                      sizeof id);
        strmap_put(&run->marked_rows, id, 1);
    }
    ssda903_marks_free(&marks);
    return 0;
}

/* A row staged, not yet written: kept for apply_staged_marks when its marks
 * may change (it has marks, or the database holds some for its key). */
static void keep_staged_row(ImportRun *run, const Ssda903File *f, const RowRef *ref)
{
    if (ref->n_marks == 0) {
        if (!run->clear_marks) return;
        char key[16], id[256];
        mark_row_key(f, ref->row, ref->year, key, sizeof key);
        marked_row_id(f->table->id, ref->child, key, id, sizeof id);
        if (!strmap_has(&run->marked_rows, id)) return;
    }
    MEM_GROW(run->staged_rows, run->n_staged_rows, run->cap_staged_rows);
    run->staged_rows[run->n_staged_rows++] = ref;
}

/* After an upsert that wrote nothing: on SQLite a stored row from a later
 * return was kept, and keeps its marks; on a staged store the row waits. */
static int after_unwritten(ImportRun *run, const Ssda903File *f, const RowRef *ref)
{
    if (run->staged) keep_staged_row(run, f, ref);
    return 0;
}

static int write_row(ImportRun *run, const Ssda903File *f, const RowRef *ref)
{
    const char *values[SSDA903_MAX_COLUMNS];
    char dates[SSDA903_MAX_COLUMNS][DATE_FMT_LEN];
    for (int c = 0; c < f->table->n_columns; c++)
        values[c] = stored_value(&f->table->columns[c], ssda903_cell(f, ref->row, c), dates[c]);
    Err err;
    int rc = store_put_903_row(run->store, f->table->id, values, ref->year, &err);
    /* Nearly every row: no marks found, none stored. Tested here, before
     * any call, as the import is measured in instructions. */
    bool marks_may_change = ref->n_marks != 0 || run->clear_marks;
    if (rc == 0 && marks_may_change)
        rc = store_last_put_written(run->store) ? update_marks(run, f, ref, &err)
                                                : after_unwritten(run, f, ref);
    if (rc < 0) errlist_at(run->write_errs, f->path, f->lines[ref->row], 1, NULL, "%s", err.msg);
    return rc < 0 ? -1 : 0;
}

/* On a staged store, once every row is staged: the merge runs (at the first
 * store_put_was_written), and each waiting row's marks are updated as on
 * SQLite, only when the merge wrote it (the stored row is of its year),
 * in the import's transaction. */
static void apply_staged_marks(ImportRun *run, const Ssda903File *files)
{
    for (int i = 0; i < run->n_staged_rows && run->errs->n_total == 0; i++) {
        const RowRef *ref = run->staged_rows[i];
        const Ssda903File *f = &files[ref->file];
        const char *values[SSDA903_MAX_COLUMNS];
        char dates[SSDA903_MAX_COLUMNS][DATE_FMT_LEN];
        row_values(f, ref, values, dates);
        Err err;
        bool written;
        if (store_put_was_written(run->store, f->table->id, values, ref->year, &written, &err) <
                0 ||
            (written && update_marks(run, f, ref, &err) < 0))
            errlist_at(run->errs, f->path, f->lines[ref->row], 1, NULL, "%s", err.msg);
    }
}

/* Two rows of one file with the same key: the import stores one (the later),
 * so "imported N rows" would otherwise hide that one was dropped. */
static void warn_duplicate(ImportRun *run, const Ssda903File *f, const RowRef *first,
                           const RowRef *later)
{
    long a = ssda903_cell_line(f, first->row, 0), b = ssda903_cell_line(f, later->row, 0);
    errlist_at(run->write_warnings, f->path, a, 1, ssda903_field_label(f, 0),
               "warning: lines %ld and %ld are the same %s record of '%s' (the same key); line "
               "%ld is kept",
               a < b ? a : b, a < b ? b : a, f->table->name, first->child, a < b ? b : a);
}

/* Whether the checking side has asked the writer to stop (a problem found:
 * nothing will be committed). Looked at once every STOP_EVERY rows. */
enum { STOP_EVERY = 4096 };
static bool told_to_stop(const ImportRun *run)
{
    return run->stop && atomic_load_explicit(run->stop, memory_order_relaxed);
}

/* ---- Each year's Header ---------------------------------------------------
 *
 * The store keeps one Header a child, the latest return's, and the Headers of
 * earlier years where they differ from the one in force after them
 * (schema/sqlite/027_header_years.sql, exchange/ssda903_header_years.h), so
 * that a year's stored return (validate --db, export) carries its own. Header
 * rows are written as every table's, one a child; only the children whose
 * Header changed then have their map set: those whose rows in this import
 * differ from one year to another (their stored Header is read before the
 * rows are written), those whose stored Header the written row met with other
 * values (store_take_header_priors), and those with a map already. Nearly
 * every child is none of them, and costs a comparison of its rows in memory. */

/* Whether two Header rows of the import say the same, as read (codes are in
 * upper case already): rows that only look different are settled by their
 * stored forms. */
static bool header_rows_same(const Ssda903File *files, const RowRef *a, const RowRef *b)
{
    const char *x[SSDA903_HEADER_COLUMNS], *y[SSDA903_HEADER_COLUMNS];
    bool as_read = true; /* nearly always: then no code needs comparing as a code */
    for (int c = 0; c < SSDA903_HEADER_COLUMNS; c++) {
        x[c] = ssda903_cell(&files[a->file], a->row, c);
        y[c] = ssda903_cell(&files[b->file], b->row, c);
        as_read = as_read && (c == 0 || strcmp(x[c], y[c]) == 0);
    }
    return as_read || ssda903_header_same(x, y);
}

/* The end of the run of refs[i..) of one child, and (files not NULL) whether
 * its rows say the same in every year. */
static int child_run(const RowRefs *refs, const Ssda903File *files, int i, bool *same)
{
    int j = i + 1;
    *same = true;
    for (; j < refs->n_items && strcmp(refs->items[j].child, refs->items[i].child) == 0; j++)
        *same = *same && (!files || header_rows_same(files, &refs->items[j - 1], &refs->items[j]));
    return j;
}

/* The children whose Header rows in this import differ between years (in
 * the rows' order), with their stored Headers as they were before. */
typedef struct HeaderChanges {
    const char **changing;
    int n, cap;
    StoreHeaders before;
} HeaderChanges;

/* The stored Headers of child in list (sorted by child, then year): its
 * first, and their number in *n. */
static const StoreHeader *headers_of(const StoreHeaders *list, const char *child, int *n)
{
    int lo = 0, hi = list->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(list->items[mid].cells[0], child) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *n = 0;
    while (lo + *n < list->n && strcmp(list->items[lo + *n].cells[0], child) == 0) (*n)++;
    return *n ? &list->items[lo] : NULL;
}

/* Before the Header rows are written: the children whose rows in this
 * import differ between years, and their stored Headers. */
static int read_changing_headers(ImportRun *run, const Ssda903File *files, HeaderChanges *hc,
                                 Err *err)
{
    RowRefs *refs = &run->refs[T903_HEADER];
    bool same;
    for (int i = 0, j; i < refs->n_items; i = j)
        if ((j = child_run(refs, files, i, &same)) && !same) {
            MEM_GROW(hc->changing, hc->n, hc->cap);
            hc->changing[hc->n++] = refs->items[i].child;
        }
    return hc->n ? store_read_headers(run->store, hc->changing, hc->n, &hc->before, err) : 0;
}

/* One Header row of the import in its stored form. */
typedef struct GivenHeader {
    const char *cells[SSDA903_HEADER_COLUMNS];
    char dates[SSDA903_HEADER_COLUMNS][DATE_FMT_LEN];
} GivenHeader;

/* Sets the map of the child whose Header rows are refs[0..n) (by year, the
 * last of a year the one that counts), given its stored Header as it was
 * before (was; cells NULL for a child new to the database) and its stored
 * entries. */
static int set_child_map(ImportRun *run, const Ssda903File *files, const RowRef *refs, int n,
                         HeaderYear was, const StoreHeader *stored, int n_stored, Err *err)
{
    GivenHeader *rows = xcalloc((size_t)n, sizeof *rows);
    HeaderYear *given = xcalloc((size_t)n, sizeof *given);
    HeaderYear *entries = xcalloc((size_t)n_stored + 1, sizeof *entries);
    HeaderYear *out = xcalloc((size_t)n_stored + 2 * (size_t)n + 1, sizeof *out);
    int n_given = 0, rc = 0;
    for (int i = 0; i < n; i++) {
        if (i + 1 < n && refs[i + 1].year == refs[i].year) continue; /* a later row of the year */
        row_values(&files[refs[i].file], &refs[i], rows[i].cells, rows[i].dates);
        given[n_given++] = (HeaderYear){refs[i].year, rows[i].cells};
    }
    for (int i = 0; i < n_stored; i++)
        entries[i] = (HeaderYear){stored[i].year, (const char *const *)stored[i].cells};
    int n_out = ssda903_header_years_merge(was, entries, n_stored, given, n_given, out);
    if (!ssda903_header_years_equal(out, n_out, entries, n_stored))
        rc = store_set_header_years(run->store, refs[0].child, out, n_out, n_stored > 0, err);
    free(rows);
    free(given);
    free(entries);
    free(out);
    return rc;
}

static HeaderYear as_header_year(const StoreHeader *h)
{
    return h ? (HeaderYear){h->year, (const char *const *)h->cells} : (HeaderYear){0, NULL};
}

/* What the store held, taken after the Header rows were written: the
 * stored Headers they met with other values, each child's entries, and the
 * Header rows of the children with entries. */
typedef struct StoredHeaders {
    StoreHeaders priors, entries, current;
} StoredHeaders;

/* The map of the child whose run is refs[0..n): what its stored Header was
 * before the import is known from before (the children whose rows differ),
 * from the priors (the stored Header the written row met with other values),
 * or else it said what the latest row says, and only its year is read, for a
 * child with a map (whose entries lie below it). */
static int settle_child(ImportRun *run, const Ssda903File *files, const RowRef *refs, int n,
                        bool same, const StoreHeaders *before, const StoredHeaders *st, Err *err)
{
    int n_prior = 0, n_before = 0, n_stored = 0, n_now = 0;
    const char *child = refs[0].child;
    const StoreHeader *prior = st->priors.n ? headers_of(&st->priors, child, &n_prior) : NULL;
    const StoreHeader *had = st->entries.n ? headers_of(&st->entries, child, &n_stored) : NULL;
    if (same && !prior && !had) return 0; /* nearly every child */
    const StoreHeader *was;
    if (!same) /* read before the rows were written */
        was = before->n ? headers_of(before, child, &n_before) : NULL;
    else if (prior)
        was = prior;
    else /* it said what the latest row says; its year is what counts */
        was = headers_of(&st->current, child, &n_now);
    return set_child_map(run, files, refs, n, as_header_year(was), had, n_stored, err);
}

/* After the Header rows are written: the map of each child whose Header
 * changed. */
static void keep_header_years(ImportRun *run, const Ssda903File *files, const HeaderChanges *hc)
{
    RowRefs *refs = &run->refs[T903_HEADER];
    StoredHeaders st = {0};
    Err err;
    if (store_take_header_priors(run->store, &st.priors, &err) < 0 ||
        store_load_header_years(run->store, &st.entries, &st.current, &err) < 0) {
        errlist_at(run->write_errs, files[refs->items[0].file].path, 0, 0, NULL, "%s", err.msg);
        refs = NULL;
    }
    bool same;
    int k = 0; /* the next of hc->changing */
    bool any = hc->n || st.priors.n || st.entries.n;
    for (int i = 0, j; refs && any && i < refs->n_items && run->write_errs->n_total == 0; i = j) {
        const RowRef *r = &refs->items[i];
        j = child_run(refs, NULL, i, &same);
        same = !(k < hc->n && hc->changing[k] == r->child);
        k += !same;
        if (settle_child(run, files, r, j - i, same, &hc->before, &st, &err) < 0)
            errlist_at(run->write_errs, files[r->file].path, files[r->file].lines[r->row], 1, NULL,
                       "%s", err.msg);
    }
    store_headers_free(&st.priors);
    store_headers_free(&st.entries);
    store_headers_free(&st.current);
}

/* Writes one table's rows in key order, one row per key: the latest year's;
 * with the Header rows, each year's Header. Returns -1 when a row could not
 * be written (or the writer was stopped). Its problems go to write_errs: on
 * the writer's thread the checking side has errs meanwhile. */
static int write_table(ImportRun *run, const Ssda903File *files, Ssda903TableId t)
{
    RowRefs *refs = &run->refs[t];
    if (refs->n_items == 0) return 0;
    sort_refs(refs);
    HeaderChanges changes = {0};
    bool header_years = t == T903_HEADER && store_has_header_years(run->store);
    Err err;
    int rc = 0;
    if (header_years && read_changing_headers(run, files, &changes, &err) < 0) {
        errlist_at(run->write_errs, files[refs->items[0].file].path, 0, 0, NULL, "%s", err.msg);
        rc = -1;
    }
    for (int i = 0; rc == 0 && i < refs->n_items; i++) {
        const RowRef *r = &refs->items[i];
        if (i % STOP_EVERY == 0 && told_to_stop(run)) rc = -1;
        bool superseded =
            i + 1 < refs->n_items && r->key == r[1].key && strcmp(r->child, r[1].child) == 0;
        if (rc == 0 && superseded && r->file == r[1].file)
            warn_duplicate(run, &files[r->file], r, &r[1]);
        if (rc == 0 && !superseded && write_row(run, &files[r->file], r) < 0) rc = -1;
    }
    if (rc == 0 && header_years) {
        long before = run->write_errs->n_total;
        keep_header_years(run, files, &changes);
        if (run->write_errs->n_total != before) rc = -1;
    }
    store_headers_free(&changes.before);
    free(changes.changing);
    return rc;
}

/* Writes each table's rows, in table order (Header first). */
static void write_checked_rows(ImportRun *run, const Ssda903File *files)
{
    for (int t = 0; t < TABLE_COUNT && run->errs->n_total == 0; t++)
        if (write_table(run, files, (Ssda903TableId)t) < 0) return;
}

/* ---- The disability list ------------------------------------------------- */

static int parse_disabled(const char *v)
{
    static const char *const yes[] = {"1", "yes", "y", "true"};
    static const char *const no[] = {"0", "no", "n", "false"};
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0) return 1;
        if (strcasecmp(v, no[i]) == 0) return 0;
    }
    return -1;
}

static void import_disability(ImportRun *run, const char *path)
{
    CsvReader r;
    Err err;
    if (csv_open_file(&r, path, &err) < 0 || csv_next(&r, &err) < 0) {
        errlist_add(run->errs, &err);
        csv_close(&r);
        return;
    }
    if (r.n_fields != 2 || strcasecmp(r.fields[0].text, "child") != 0 ||
        strcasecmp(r.fields[1].text, "disabled") != 0) {
        errlist_at(run->errs, path, 1, 1, NULL,
                   "the disability list needs the header child,disabled");
        csv_close(&r);
        return;
    }
    int rc;
    while ((rc = csv_next(&r, &err)) > 0) {
        if (r.n_fields != 2) {
            errlist_at(run->errs, path, r.record_line, 1, NULL, "expected 2 fields, found %d",
                       r.n_fields);
            continue;
        }
        const CsvField *id = &r.fields[0], *flag = &r.fields[1];
        int disabled = parse_disabled(flag->text);
        if (disabled < 0) {
            errlist_at(run->errs, path, flag->line, flag->column, "disabled",
                       "'%s' is not yes or no (accepted: yes, no, y, n, 1, 0, true, false)",
                       flag->text);
        } else if (!child_known(run, id->text)) {
            errlist_at(run->errs, path, id->line, id->column, "child",
                       "'%s' has no Header row in this import or in the database", id->text);
        } else if (run->errs->n_total == 0 &&
                   store_put_disability(run->store, id->text, disabled, &err) < 0) {
            errlist_add(run->errs, &err);
        }
    }
    if (rc < 0) errlist_add(run->errs, &err);
    csv_close(&r);
}

/* ---- The whole import ----------------------------------------------------- */

/* Header files first (children must exist before their records), then by year. */
static void order_files(Ssda903File *files, int *years, int n, int *order)
{
    int k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n; i++)
            if (files[i].table && (files[i].table->id == T903_HEADER) == (pass == 0))
                order[k++] = i;
    /* Stable insertion sort by year within each group keeps folder order otherwise. */
    for (int i = 1; i < k; i++) {
        int v = order[i], j = i;
        bool header_v = files[v].table->id == T903_HEADER;
        while (j > 0 && (files[order[j - 1]].table->id == T903_HEADER) == header_v &&
               years[order[j - 1]] > years[v]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
}

/* Records the import in the database's import log (store_log_import), in the
 * transaction that writes its rows. */
static void log_import(ImportRun *run)
{
    char at[32];
    time_t now = time(NULL);
    struct tm utc;
    gmtime_r(&now, &utc);
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &utc);
    StoreImportLog log = {.imported_at = at,
                          .actor = run->actor ? run->actor : "",
                          .files = run->read,
                          .n_files = run->n_read,
                          .rows = run->report->rows,
                          .rows_by_table = run->report->rows_by_table,
                          .first_year = run->report->first_year,
                          .last_year = run->report->last_year};
    Err err;
    long long id;
    if (store_log_import(run->store, &log, &id, &err) < 0) {
        errlist_add(run->errs, &err);
        return;
    }
    for (int i = 0; i < run->stored.n_items; i++) {
        if (store_put_mark(run->store, &run->stored.items[i].mark, id, &err) < 0) {
            errlist_add(run->errs, &err);
            return;
        }
        run->stored.items[i].mark.import_id = id;
    }
}

/* A file's size and time of last change, taken before it is read and again
 * after: a file still being written (an export not yet finished) would
 * otherwise be imported cut short. */
typedef struct FileStamp {
    long long size;
    struct timespec mtime;
    bool taken;
} FileStamp;

static FileStamp file_stamp(const char *path)
{
    struct stat st;
    FileStamp s = {0};
    if (stat(path, &st) == 0) s = (FileStamp){(long long)st.st_size, st.st_mtim, true};
    return s;
}

static bool same_stamp(FileStamp a, FileStamp b)
{
    return a.taken && b.taken && a.size == b.size && a.mtime.tv_sec == b.mtime.tv_sec &&
           a.mtime.tv_nsec == b.mtime.tv_nsec;
}

/* The size and SHA-256 of file i, for the import log (its stamp taken
 * before); a file that cannot be read, or is larger than an import takes, is
 * a problem like any other. */
static void digest_file(const WalkFiles *list, int i, FileStamp *stamps, StoreImportFile *read,
                        ErrList *errs)
{
    Err err;
    read[i].path = list->paths[i];
    if (stamps[i].size > IMPORT_MAX_FILE_BYTES) {
        errlist_at(errs, list->paths[i], 0, 0, NULL,
                   "%lld bytes, larger than the %lld an import reads (1 GiB)", stamps[i].size,
                   IMPORT_MAX_FILE_BYTES);
        return;
    }
    if (sha256_file(list->paths[i], read[i].sha256, &read[i].size, &err) < 0)
        errlist_add(errs, &err);
    else if (read[i].size != stamps[i].size)
        stamps[i].taken = false; /* it grew or shrank while it was hashed */
}

/* Refuses every file whose size or time of change moved while it was read. */
static void check_unchanged(const WalkFiles *list, const FileStamp *stamps, ErrList *errs)
{
    for (int i = 0; i < list->n_paths; i++)
        if (!same_stamp(stamps[i], file_stamp(list->paths[i])))
            errlist_at(errs, list->paths[i], 0, 0, NULL,
                       "the file changed while it was being read (is it still being written?); "
                       "import it again once it is complete");
}

/* Today, for the plausibility of dates. */
static Date today_utc(void)
{
    time_t now = time(NULL);
    struct tm utc;
    gmtime_r(&now, &utc);
    return date_from_ymd(utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

/* Adds from's problems to errs in order, counting those it did not keep. */
static void errlist_take(ErrList *errs, ErrList *from)
{
    for (int i = 0; i < from->n_items; i++) errlist_add(errs, &from->items[i]);
    errs->n_total += from->n_total - from->n_items;
    errlist_free(from);
}

/* ---- Checking and writing at once ---------------------------------------------
 *
 * On PostgreSQL the client's checking and the server's COPY took about as
 * long each, one after the other (bench/RESULTS.md, "Where a PostgreSQL
 * import's time goes"). So there the tables are checked in the order they
 * are written (Header first), and each table, once all its files are
 * checked, is handed to a writer thread, which owns the store from then on
 * and sends the table's rows while this thread checks the next tables. It
 * is still one transaction: nothing is committed until every file is
 * checked and every row written, and a problem found in a later file stops
 * the writer and rolls back what it sent. Each file's problems are kept
 * apart and put back in the files' order, and the writer's own problems and
 * warnings are given only when checking found none, so every message, and
 * its order, is the one the serial import gives. */

typedef struct Handover {
    ImportRun *run;
    const Ssda903File *files;
    pthread_mutex_t lock;
    pthread_cond_t more;
    Ssda903TableId tables[TABLE_COUNT]; /* handed over, in order */
    int n_tables;
    bool done; /* no more will come */
} Handover;

static void *write_handed_tables(void *arg)
{
    Handover *h = arg;
    for (int k = 0;; k++) {
        pthread_mutex_lock(&h->lock);
        while (k == h->n_tables && !h->done) pthread_cond_wait(&h->more, &h->lock);
        bool more = k < h->n_tables;
        Ssda903TableId t = more ? h->tables[k] : T903_HEADER;
        pthread_mutex_unlock(&h->lock);
        if (!more || told_to_stop(h->run) || write_table(h->run, h->files, t) < 0) break;
    }
    return NULL;
}

static void hand_over(Handover *h, Ssda903TableId t, bool last)
{
    pthread_mutex_lock(&h->lock);
    if (t != TABLE_COUNT) h->tables[h->n_tables++] = t;
    h->done = last;
    pthread_cond_signal(&h->more);
    pthread_mutex_unlock(&h->lock);
}

/* Before the writer owns the store: the child of every row of another table
 * whose child has no Header row in this import is looked up in the
 * database, once each, so that checking needs no statement (child_known).
 * A value checking will refuse anyway is not asked about (text that is not
 * UTF-8 would fail the statement, and with it the transaction). */
static void resolve_children(ImportRun *run, const Ssda903File *files, int n)
{
    for (int i = 0; i < n; i++) {
        const Ssda903File *f = &files[i];
        if (!f->table || f->table->id == T903_HEADER) continue;
        const char *last = "";
        for (int r = 0; r < f->n_rows; r++) {
            const char *child = ssda903_cell(f, r, 0);
            if (strcmp(child, last) == 0) continue; /* rows come by child, mostly */
            last = child;
            int chars;
            if (!*child || strmap_has(&run->children, child) ||
                strmap_has(&run->stored_children, child) ||
                !utf8_valid((const unsigned char *)child, &chars) ||
                chars > field_max_length("CHILD"))
                continue;
            strmap_put(&run->stored_children, child, store_child_known(run->store, child));
        }
    }
    run->children_resolved = true;
}

/* Checks the files of table t in the files' order, each file's problems
 * into its own list; returns how many problems they had. */
static long check_table(ImportRun *run, Ssda903File *files, const int *years, const int *order,
                        int n, Ssda903TableId t, ErrList *file_errs)
{
    ErrList *errs = run->errs;
    long problems = 0;
    for (int i = 0; i < n; i++) {
        int k = order[i];
        if (!files[k].table || files[k].table->id != t) continue;
        run->errs = &file_errs[k];
        check_file(run, &files[k], k, years[k]);
        problems += file_errs[k].n_total;
    }
    run->errs = errs;
    return problems;
}

static void check_and_write_at_once(ImportRun *run, Ssda903File *files, const int *years,
                                    const int *order, int n)
{
    ErrList *file_errs = xcalloc((size_t)n + 1, sizeof *file_errs);
    ErrList write_errs = {0}, write_warnings = {0};
    atomic_bool stop = false;
    run->write_errs = &write_errs;
    run->write_warnings = &write_warnings;
    run->stop = &stop;
    Handover h = {.run = run, .files = files};
    pthread_mutex_init(&h.lock, NULL);
    pthread_cond_init(&h.more, NULL);
    pthread_t writer;
    bool writing = false;
    long problems = run->errs->n_total;
    for (int t = 0; t < TABLE_COUNT; t++) {
        problems += check_table(run, files, years, order, n, (Ssda903TableId)t, file_errs);
        if (t == T903_HEADER && problems == 0) {
            resolve_children(run, files, n);
            writing = pthread_create(&writer, NULL, write_handed_tables, &h) == 0;
        }
        if (problems) atomic_store(&stop, true);
        if (writing && !problems && run->refs[t].n_items) hand_over(&h, (Ssda903TableId)t, false);
    }
    if (writing) {
        hand_over(&h, TABLE_COUNT, true);
        pthread_join(writer, NULL);
    }
    pthread_cond_destroy(&h.more);
    pthread_mutex_destroy(&h.lock);
    for (int i = 0; i < n; i++) errlist_take(run->errs, &file_errs[order[i]]);
    free(file_errs);
    /* Without a writer thread (one could not start) the rows are written here. */
    run->write_errs = run->errs;
    run->write_warnings = &run->report->warnings;
    run->stop = NULL;
    run->children_resolved = false; /* the store answers again (the disability list) */
    if (run->errs->n_total == 0 && !writing) write_checked_rows(run, files);
    if (run->errs->n_total == 0) {
        errlist_take(run->errs, &write_errs);
        errlist_take(&run->report->warnings, &write_warnings);
    }
    errlist_free(&write_errs);
    errlist_free(&write_warnings);
}

static int write_all(ImportRun *run, Ssda903File *files, int *years, int n,
                     const ImportOptions *opt)
{
    Err err;
    if (store_begin(run->store, &err) < 0) {
        errlist_add(run->errs, &err);
        return ERR_DB;
    }
    run->clear_marks = store_has_marks(run->store);
    run->staged = store_puts_staged(run->store);
    if (run->staged && run->clear_marks && load_marked_rows(run, &err) < 0)
        errlist_add(run->errs, &err);
    int *order = xcalloc((size_t)n + 1, sizeof *order);
    order_files(files, years, n, order);
    if (run->staged || opt->write_while_checking) {
        check_and_write_at_once(run, files, years, order, n);
    } else {
        for (int i = 0; i < n; i++)
            if (files[order[i]].table) check_file(run, &files[order[i]], order[i], years[order[i]]);
        if (run->errs->n_total == 0) write_checked_rows(run, files);
    }
    free(order);
    if (run->errs->n_total == 0 && run->n_staged_rows) apply_staged_marks(run, files);
    if (opt->disability_path) import_disability(run, opt->disability_path);
    if (run->errs->n_total == 0) log_import(run);
    if (run->errs->n_total == 0 && !opt->roll_back && store_commit(run->store, &err) < 0)
        errlist_add(run->errs, &err);
    if (run->errs->n_total > 0 || opt->roll_back) {
        store_rollback(run->store);
        return run->errs->n_total > 0 ? ERR_INPUT : 0;
    }
    return 0;
}

static void free_marks(PendingMarks *p)
{
    for (int i = 0; i < p->n_items; i++) import_mark_free(&p->items[i]);
    free(p->items);
    memset(p, 0, sizeof *p);
}

void import_report_free(ImportReport *r)
{
    for (int i = 0; i < r->n_marks; i++) import_mark_free(&r->marks[i]);
    free(r->marks);
    r->marks = NULL;
    r->n_marks = 0;
}

/* ---- Reading the files, two at a time ------------------------------------- */

/* One file read alone: its tables and its problems (hashing it, reading
 * it), put in order afterwards. */
typedef struct FileRead {
    Ssda903FileList tables;
    ErrList digest_errs, errs;
    bool xml, skip;
} FileRead;

typedef struct ReadShare {
    const WalkFiles *list;
    FileStamp *stamps;
    StoreImportFile *read;
    FileRead *reads;
    atomic_int *next;
} ReadShare;

/* Takes the next file not yet read until none is left: hashes it, and
 * parses it if it is a CSV file. */
static void read_csv_files(void *arg)
{
    ReadShare *share = arg;
    for (int i; (i = atomic_fetch_add(share->next, 1)) < share->list->n_paths;) {
        FileRead *r = &share->reads[i];
        digest_file(share->list, i, share->stamps, share->read, &r->digest_errs);
        if (r->skip || r->xml) continue;
        MEM_GROW(r->tables.items, r->tables.n_items, r->tables.cap);
        ssda903_file_load_any(share->list->paths[i], &r->tables.items[r->tables.n_items++],
                              &r->errs);
    }
}

/* Hashes every file into read (for the import log) and reads it into
 * loaded: a CSV file is one table, a 903 XML export all of them
 * (exchange/ssda903_xml.h). Parsing is a quarter of an import's time, and
 * hashing a tenth, and each file hashes and parses alone, so they are read
 * on two threads (the server's side of a PostgreSQL import, and the second
 * core, are idle meanwhile); each file's tables and problems are kept apart
 * and then put in the files' order, every file's hashing problems first, so
 * the result and every message are what one thread hashing every file and
 * then reading them in turn gives. XML exports are parsed on this thread
 * (libxml2's handlers are set per thread, ssda903_xml.c). */
static void load_files(const WalkFiles *list, FileStamp *stamps, StoreImportFile *read,
                       Ssda903FileList *loaded, ErrList *errs)
{
    FileRead *reads = xcalloc((size_t)list->n_paths + 1, sizeof *reads);
    for (int i = 0; i < list->n_paths; i++) {
        reads[i].skip = stamps[i].size > IMPORT_MAX_FILE_BYTES;
        reads[i].xml = !reads[i].skip && ssda903_xml_sniff_file(list->paths[i]);
    }
    atomic_int next = 0;
    ReadShare shares[2] = {{list, stamps, read, reads, &next}, {list, stamps, read, reads, &next}};
    parallel_run(2, read_csv_files, shares, sizeof shares[0]);
    for (int i = 0; i < list->n_paths; i++) errlist_take(errs, &reads[i].digest_errs);
    for (int i = 0; i < list->n_paths; i++) {
        FileRead *r = &reads[i];
        if (r->xml) ssda903_xml_load(list->paths[i], &r->tables, &r->errs);
        for (int t = 0; t < r->tables.n_items; t++) {
            MEM_GROW(loaded->items, loaded->n_items, loaded->cap);
            loaded->items[loaded->n_items++] = r->tables.items[t];
        }
        free(r->tables.items);
        errlist_take(errs, &r->errs);
    }
    free(reads);
}

/* Imports into s, or, when s is NULL, into the store wait gives once the
 * files are read: a NULL from it ends the import with nothing written and
 * no problem listed (the caller has the store's own error). */
static int import_into(Store *s, ImportStoreWait wait, void *wait_arg, char *const *paths,
                       int n_paths, const ImportOptions *opt, ImportReport *report, ErrList *errs)
{
    memset(report, 0, sizeof *report);
    WalkFiles list = {0};
    static const char *const wanted[] = {".csv", ".xml", NULL};
    walk_files(paths, n_paths, true, wanted, &list, errs);
    if (list.n_paths == 0 && errs->n_total == 0)
        errlist_at(errs, n_paths ? paths[0] : "", 0, 0, NULL, "no CSV or XML files found");
    FileStamp *stamps = xcalloc((size_t)list.n_paths + 1, sizeof *stamps);
    for (int i = 0; i < list.n_paths; i++) stamps[i] = file_stamp(list.paths[i]);
    StoreImportFile *read = xcalloc((size_t)list.n_paths + 1, sizeof *read);
    Ssda903FileList loaded = {0};
    load_files(&list, stamps, read, &loaded, errs);
    if (errs->n_total == 0) check_unchanged(&list, stamps, errs);
    free(stamps);
    Ssda903File *files = loaded.items;
    int n_files = loaded.n_items;
    int *years = xcalloc((size_t)n_files + 1, sizeof *years);
    int rc = ERR_INPUT;
    if (errs->n_total == 0) assign_years(files, years, n_files, opt->year, errs);
    CodeLists *shipped = NULL;
    const CodeLists *codes = opt->codes;
    Err err;
    if (errs->n_total == 0 && !codes) {
        if (codes_load_default(&shipped, &err) < 0) errlist_add(errs, &err);
        codes = shipped;
    }
    if (!s && !(s = wait(wait_arg))) {
        errlist_free(errs); /* the store's failure is the one to report */
        rc = ERR_DB;
    } else if (errs->n_total == 0) {
        struct RowRefs refs[TABLE_COUNT] = {0};
        PendingMarks marks[TABLE_COUNT] = {0};
        ImportRun run = {.store = s,
                         .keep_invalid = opt->keep_invalid,
                         .marks = marks,
                         .codes = codes,
                         .errs = errs,
                         .write_errs = errs,
                         .write_warnings = &report->warnings,
                         .report = report,
                         .refs = refs,
                         .actor = opt->actor,
                         .read = read,
                         .n_read = list.n_paths,
                         .today = today_utc()};
        rc = write_all(&run, files, years, n_files, opt);
        if (rc == 0) {
            report->marks = run.stored.items;
            report->n_marks = run.stored.n_items;
        } else {
            free_marks(&run.stored);
        }
        for (int t = 0; t < TABLE_COUNT; t++) free_marks(&run.marks[t]);
        strmap_free(&run.children);
        strmap_free(&run.stored_children);
        strmap_free(&run.marked_rows);
        free(run.staged_rows);
        for (int t = 0; t < TABLE_COUNT; t++) free(run.refs[t].items);
    }
    codes_free(shipped);
    ssda903_file_list_free(&loaded);
    free(read);
    free(years);
    walk_files_free(&list);
    return errs->n_total ? ERR_INPUT : rc;
}

int import_paths(Store *s, char *const *paths, int n_paths, const ImportOptions *opt,
                 ImportReport *report, ErrList *errs)
{
    return import_into(s, NULL, NULL, paths, n_paths, opt, report, errs);
}

int import_paths_opening(ImportStoreWait wait, void *wait_arg, char *const *paths, int n_paths,
                         const ImportOptions *opt, ImportReport *report, ErrList *errs)
{
    return import_into(NULL, wait, wait_arg, paths, n_paths, opt, report, errs);
}
