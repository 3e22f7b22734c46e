/* import: reads SSDA903 CSV files and folders, and the local record templates
 * (docs/templates.md), into the store as one transaction.
 *
 * Each file's table is recognised by its columns; every cell is checked (dates
 * dd/mm/yyyy, codes valid in the year of their record, whole numbers, required
 * keys, a Header row for every child) and every problem is reported with file,
 * line, column and field. If there is any problem nothing is written. The
 * matching rules that make re-imports idempotent are in docs/import.md. */
#ifndef CAREPLEDGE_IMPORT_H
#define CAREPLEDGE_IMPORT_H

#include "base/err.h"
#include "domain/codes.h"
#include "exchange/ssda903.h"

/* The store (store/store.h), which only service/ opens: declared here so that
 * a front end reading ImportReport does not see the store's header. */
typedef struct Store Store;

typedef struct ImportOptions {
    int year;                    /* collection end year for every file; 0 = work it out */
    const char *disability_path; /* the council's disability list, or NULL */
    const CodeLists *codes; /* the context's; NULL: the shipped lists, loaded for this import */
    const char *actor;      /* who runs the import, for the import log */
    /* Store a row whose only problems are codes not in its year's lists or
     * fields that contradict each other, with each value at fault stored as
     * unknown and marked (docs/import.md, "Importing a history with known
     * faults"). Other problems still refuse the whole import. */
    bool keep_invalid;
    /* Check and write everything as an import does, then roll the
     * transaction back instead of committing: a trial import that leaves the
     * database as it was (the fuzz targets run thousands a second on one
     * database this way). The report says what would have been written. */
    bool roll_back;
    /* Check each table and write the ones checked on another thread at
     * once, as an import on a store that stages its rows (PostgreSQL)
     * always does (docs/postgresql.md): for tests of that path on SQLite. */
    bool write_while_checking;
} ImportOptions;

/* A value stored as unknown and marked, with where it was read. */
typedef struct ImportMark {
    Ssda903Mark mark;
    char *file;
    long line;
    int column;
    char *label; /* the field as the file names it: PLACE, or EPISODE/PL in XML */
} ImportMark;

typedef struct ImportReport {
    int files;
    long rows;
    long rows_by_table[TABLE_COUNT]; /* 903 tables and record templates */
    int first_year, last_year;       /* collection years seen */
    /* What was imported but should be looked at: two rows of one file with
     * the same key (the later is kept). Freed by errlist_free. */
    ErrList warnings;
    ImportMark *marks; /* the marks this import stored, by table and row */
    int n_marks;
    long keepable; /* problems that keep_invalid would have stored as marks instead */
} ImportReport;

/* Frees the report's marks (the counts need no freeing). */
void import_report_free(ImportReport *r);

/* Imports every CSV file under paths (base/walk). Returns 0 when all was
 * written, or a negative code with the problems in errs (and nothing
 * written). A file whose year cannot be told is reported with err->param
 * "year": the year can be given in the options. */
int import_paths(Store *s, char *const *paths, int n_paths, const ImportOptions *opt,
                 ImportReport *report, ErrList *errs);

/* The store an import writes to, once its files are read (they are read
 * while the store opens: a new database's schema takes a second or so to
 * create on PostgreSQL). NULL when it could not be opened. */
typedef Store *(*ImportStoreWait)(void *arg);

/* As import_paths, reading the files before asking wait for the store. When
 * wait gives NULL nothing is written and no problem is listed: the caller
 * reports the store's failure, as it would have had it opened the store
 * first. */
int import_paths_opening(ImportStoreWait wait, void *wait_arg, char *const *paths, int n_paths,
                         const ImportOptions *opt, ImportReport *report, ErrList *errs);

/* Checks value, a cell of column col of a record template (docs/templates.md),
 * as an import checks it, with the same message (without the place): a
 * choice is lower-cased in place. An empty value is "not recorded", which is
 * valid but for a visit regime's REGIME. Returns true when valid, else false
 * with the message in msg. Used by corrections (service/svc_records). */
bool import_check_record_value(Ssda903TableId table, int col, char *value, char *msg, size_t size);

#endif
