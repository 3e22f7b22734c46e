/* ssda903_return: a year's SSDA903 return as the DfE would have received it,
 * built from the stored history of every 903 table.
 *
 * The store keeps each record once, as its latest return gave it (a later
 * year revises an earlier one). The return of collection year Y holds the
 * rows of Y (which rows: ssda903_return_build) with what was known on
 * 31 March of Y: a date after it, and the fields that go with it, are blank,
 * and codes take the year's form. validate --db checks that return, and
 * export writes it as the 903 CSV files. */
#ifndef CAREPLEDGE_SSDA903_RETURN_H
#define CAREPLEDGE_SSDA903_RETURN_H

#include "base/mem.h"
#include "exchange/ssda903.h"

#include <stdint.h>
#include <stdio.h>

/* Rows of text cells, n_columns to a row: cells[row * n_columns + col]. */
typedef struct Ssda903Rows {
    int n_rows, cap_rows;
    int n_columns;
    const char **cells;
} Ssda903Rows;

/* Every stored row of each 903 table, in the table's column order followed,
 * for the tables kept once a year (OC2, OC3, AD1, PrevPerm), by the
 * collection year; sorted by child and the table's key (its date, or the
 * year). Dates are ISO (yyyy-mm-dd) as stored, codes upper case. The store
 * fills it (store_load_903_history). A history holds millions of short texts,
 * so each is packed end to end into blocks of 1 MiB that never move, and a
 * cell is a 32-bit reference to one (ssda903_history_text; SSDA903_NO_TEXT
 * for not recorded), half the size of a pointer. */
typedef struct Ssda903StoredRows {
    int n_rows, cap_rows;
    int n_columns;
    uint32_t *cells; /* cells[row * n_columns + col] */
} Ssda903StoredRows;

enum { SSDA903_NO_TEXT = -1 }; /* as uint32_t: UINT32_MAX */

typedef struct Ssda903History {
    Ssda903StoredRows tables[T903_COUNT];
    /* The Headers of earlier years where they differ from the one in force
     * after them (exchange/ssda903_header_years.h): Header's columns, then
     * the last collection year each applied to; sorted by child and year.
     * A year's return takes a child's Header from here when one applies to
     * it, else from tables[T903_HEADER]. */
    Ssda903StoredRows header_years;
    int first_year;  /* the earliest collection year a stored episode last came from */
    int latest_year; /* the latest one; both 0 when there are no episodes */
    char **blocks;   /* the texts, each NUL-terminated */
    int n_blocks, cap_blocks;
    uint32_t block_used; /* bytes used in the last block */
    /* The collection years whose returns it is loaded for (0, 0: every year):
     * rows that cannot be in them are not kept (ssda903_history_for_years). */
    int from_year, to_year;
    char from_date[24], to_date[24]; /* 1 April before from_year, 31 March of to_year */
    signed char start_col[T903_COUNT], closing_col[T903_COUNT];
} Ssda903History;

enum { SSDA903_TEXT_BLOCK_BITS = 20 };
/* The text a cell refers to, NULL for SSDA903_NO_TEXT. */
static inline const char *ssda903_history_text(const Ssda903History *h, uint32_t ref)
{
    if (ref == (uint32_t)SSDA903_NO_TEXT) return NULL;
    return h->blocks[ref >> SSDA903_TEXT_BLOCK_BITS] +
           (ref & ((1u << SSDA903_TEXT_BLOCK_BITS) - 1));
}

/* Whether a table keeps one row a child a year, with the year as an extra
 * last column (OC2, OC3, AD1, PrevPerm). */
bool ssda903_return_per_year(Ssda903TableId table);
/* Makes h an empty history for the returns of collection years from_year to
 * to_year only (end years): a row that cannot be in any of them is dropped
 * by ssda903_history_add, except Header and UASC rows and the episodes begun
 * by the end of to_year, which the returns' rules look through. */
void ssda903_history_for_years(Ssda903History *h, int from_year, int to_year);
/* Adds a row of n cells (copied; NULL for not recorded) to a table of h.
 * Returns 0, or ERR_STATE when the texts would pass 4 GiB or one is over
 * 1 MiB. */
int ssda903_history_add(Ssda903History *h, Ssda903TableId table, const char *const *cells, int n,
                        Err *err);
/* Adds an entry of header_years: Header's columns, then the year as text. */
int ssda903_history_add_header_year(Ssda903History *h, const char *const *cells, int n, Err *err);
void ssda903_history_free(Ssda903History *h);

/* The return of one collection year: each table's rows as a return file
 * writes them (dates dd/mm/yyyy, "" when not recorded), sorted by child and
 * the table's date; history_episodes the whole stored history of episodes
 * of the year's children as that return would write each. */
typedef struct Ssda903Return {
    int year; /* end year: 2027 = 2026/27 */
    Ssda903Rows tables[T903_COUNT];
    Ssda903Rows history_episodes;
    Arena text;
} Ssda903Return;

/* Builds the return of collection year `year` from h. The return points
 * into h's texts: free it before h. */
void ssda903_return_build(const Ssda903History *h, int year, Ssda903Return *out);
void ssda903_return_free(Ssda903Return *r);
/* Adds to r's Header the stored Header rows (of its year) of the children that have rows in
 * its other tables but none in its Header (a social worker episode still
 * running after the child's care ended). The 903 XML nests every record in its
 * child's Header, so it cannot hold those rows without them; the CSV return
 * is left as the DfE would have received it. */
void ssda903_return_add_missing_headers(const Ssda903History *h, Ssda903Return *r);
/* Writes rows as a 903 CSV file: the table's header line, then each row. */
void ssda903_rows_write_csv(const Ssda903Rows *rows, const Ssda903Table *table, FILE *out);
/* Writes each table the DfE collected in r's year to dir (which must exist)
 * as TABLE.csv, named as synth names them (header.csv, episodes.csv, ...),
 * which the import recognises by their columns, each whole or not at all.
 * Returns 0, ERR_USAGE when a file would be the database db (or one of its
 * companion files), or ERR_IO naming the file that could not be written. */
int ssda903_return_write_files(const Ssda903Return *r, const char *dir, const char *db, Err *err);
/* Writes the tables the DfE collected in r's year as one EXPSSDA903 document
 * (exchange/ssda903_xml.h), which the import reads back to the same rows.
 * Returns 0, or ERR_INPUT when a row cannot be written (its child has no
 * Header row, a control character). */
int ssda903_return_write_xml(const Ssda903Return *r, FILE *out, Err *err);

#endif
