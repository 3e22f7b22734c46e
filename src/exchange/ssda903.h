/* ssda903: the twelve tables of the SSDA903 return, recognised by their columns,
 * and a loader that reads one CSV file into a table of text cells. The same
 * registry holds the council's local record templates (exchange/records.c,
 * docs/templates.md) for what the 903 does not carry; they are recognised only
 * by the loaders that ask for them (the import), never by the 903 validator.
 *
 * Everything here is text as the file holds it, with the line and column of
 * every cell, so that later stages (import, validation) can name the place of
 * any problem. It does not interpret codes or dates. */
#ifndef CAREPLEDGE_SSDA903_H
#define CAREPLEDGE_SSDA903_H

#include "base/csv.h"
#include "base/err.h"
#include "base/mem.h"

#include <stdbool.h>

typedef enum Ssda903TableId {
    T903_HEADER,
    T903_EPISODES,
    T903_REVIEWS,
    T903_UASC,
    T903_OC2,
    T903_OC3,
    T903_AD1,
    T903_PLACED_ADOPTION,
    T903_PREV_PERM,
    T903_MISSING,
    T903_SW_EPISODES,
    T903_DOLO,
    T903_COUNT,
    /* Local record templates (docs/templates.md), numbered after the 903 tables. */
    TREC_VISITS = T903_COUNT,
    TREC_HEALTH_ASSESSMENTS,
    TREC_DENTAL_CHECKS,
    TREC_IMMUNISATIONS,
    TREC_SDQ,
    TREC_PEPS,
    TREC_CARE_PLANS,
    TREC_NEEDS_ASSESSMENTS,
    TREC_PATHWAY_PLANS,
    TREC_PA_CONTACTS,
    TREC_VISIT_REGIMES,
    TREC_PA_REQUESTS,
    TABLE_COUNT /* 903 tables and record templates */
} Ssda903TableId;

typedef enum Ssda903Kind {
    F903_TEXT,   /* free text or an identifier */
    F903_DATE,   /* dd/mm/yyyy */
    F903_CODE,   /* a code from the list named like the column (see data/903-codes.csv) */
    F903_INT,    /* a whole number */
    F903_CHOICE, /* one of a few words, any case (records_choices); templates only */
} Ssda903Kind;

typedef struct Ssda903Column {
    const char *name;
    Ssda903Kind kind;
} Ssda903Column;

enum { SSDA903_MAX_COLUMNS = 16 };

typedef struct Ssda903Table {
    Ssda903TableId id;
    const char *name; /* as the DfE names it: "Header", "Episodes", ... */
    const char *sql_name;
    Ssda903Column columns[SSDA903_MAX_COLUMNS];
    int n_columns;
    int first_year; /* first collection year (end year) with this table, 0 = always */
} Ssda903Table;

/* Any table of the registry, 903 table or record template (id < TABLE_COUNT). */
const Ssda903Table *ssda903_table(Ssda903TableId id);
/* True for the local record templates. */
static inline bool ssda903_is_record_template(Ssda903TableId id)
{
    return id >= T903_COUNT;
}
/* Index of the named column in the table, or -1. */
int ssda903_column_index(const Ssda903Table *t, const char *name);
/* The table whose column set equals the given header names (any order, any case,
 * surrounding spaces ignored). On success fills map[i] = file column of table
 * column i. Returns NULL when no table matches. */
const Ssda903Table *ssda903_recognise(char *const *names, int n, int map[SSDA903_MAX_COLUMNS]);
/* The same over the 903 tables and the record templates. */
const Ssda903Table *ssda903_recognise_any(char *const *names, int n, int map[SSDA903_MAX_COLUMNS]);
/* The accepted words of a F903_CHOICE column, separated by '|' ("yes|no"),
 * or NULL when the column is no choice. */
const char *records_choices(const char *column);

/* One file read into cells. cells[row * n_columns + col] is in table column
 * order, trimmed of surrounding spaces; lines[row] and columns[] locate them. */
typedef struct Ssda903File {
    const Ssda903Table *table;
    char *path;
    CsvReader reader; /* owns the text the cells point into */
    int n_rows;
    char **cells;
    long *lines;
    int *cell_columns;   /* character column of each cell, same indexing as cells */
    int *cell_lines;     /* XML: line of each cell (a row spans lines); NULL for CSV */
    Arena text;          /* owns the cells of a table read from XML (exchange/ssda903_xml.h) */
    const char **labels; /* per column, the field as messages name it ("EPISODE/PL"), or NULL */
} Ssda903File;

/* Reads path, recognises its table from the header line and keeps every data
 * row. Problems (unreadable, not a 903 table, a row with the wrong number of
 * fields) are added to errs; returns 0, or a negative code when the file cannot
 * be used at all. */
int ssda903_file_load(const char *path, Ssda903File *out, ErrList *errs);
/* The same over a memory buffer (fuzzing, tests). */
int ssda903_file_load_buffer(const char *name, const char *data, size_t len, Ssda903File *out,
                             ErrList *errs);
static inline const char *ssda903_cell(const Ssda903File *f, int row, int col)
{
    return f->cells[(size_t)row * (size_t)f->table->n_columns + (size_t)col];
}
/* Like ssda903_file_load and ssda903_file_load_buffer, but a file may also be
 * one of the record templates. */
int ssda903_file_load_any(const char *path, Ssda903File *out, ErrList *errs);
int ssda903_file_load_buffer_any(const char *name, const char *data, size_t len, Ssda903File *out,
                                 ErrList *errs);
void ssda903_file_free(Ssda903File *f);
/* The line of a cell: its element's line in XML, its row's line in CSV. */
static inline long ssda903_cell_line(const Ssda903File *f, int row, int col)
{
    return f->cell_lines ? f->cell_lines[(size_t)row * (size_t)f->table->n_columns + (size_t)col]
                         : f->lines[row];
}
/* How messages name a column of the file: its XML element for a table read
 * from XML, else the column name. */
static inline const char *ssda903_field_label(const Ssda903File *f, int col)
{
    return f->labels ? f->labels[col] : f->table->columns[col].name;
}

/* A value that was wrong as given (a code not in its year's lists, a field
 * that contradicts another), stored as unknown and marked: `import
 * --keep-invalid` makes marks, the store keeps them keyed to the stored row
 * and field (schema/sqlite/007_value_marks.sql). Every string is owned. */
typedef struct Ssda903Mark {
    Ssda903TableId table;
    char *child;
    char *row_key; /* ISO date, "2016/17" for the per-year tables, "" for Header and UASC */
    char *field;   /* the 903 column */
    char *value;   /* as given; "" when it should have been given */
    int year;      /* the collection year it was checked in */
    char *message;
    long long import_id; /* the import that made it; 0 until stored */
    char *imported_at;   /* when, as the import log has it; NULL when not read from it */
} Ssda903Mark;

typedef struct Ssda903Marks {
    Ssda903Mark *items;
    int n, cap;
} Ssda903Marks;

void ssda903_mark_free(Ssda903Mark *m);
void ssda903_marks_free(Ssda903Marks *m);

#endif
