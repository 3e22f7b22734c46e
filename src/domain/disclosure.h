/* disclosure: statistical disclosure control for figures that leave the council.
 *
 * A DiscTable holds counts with their margins: an interior of n_rows x n_cols
 * cells, optionally a total at the end of each row and a totals line under the
 * columns, and the grand total where the two meet. A plain list of counts with
 * its total is a table of one row with row totals and no column totals.
 *
 * disc_apply marks which figures may not be published:
 *   - primary suppression: every count from 1 to the threshold (default 5) is
 *     shown as "c"; zero stays 0 (a true zero, as in DfE practice);
 *   - secondary suppression: in every line (a row or column, its totals line
 *     included) that holds exactly one suppressed figure, the next-smallest
 *     non-zero cell is suppressed too (the total when nothing else is left),
 *     repeated until stable; then an audit attacks the table as a reader would
 *     (the line equations, their linear combinations, and the knowledge that a
 *     suppressed figure is at least 1) and suppresses more until no suppressed
 *     figure can be worked out exactly.
 * The rules and their sources are in docs/disclosure.md, with how to lay out an
 * indicator's numerator and denominator (one column for the numerator, one for
 * the rest, the denominator as the row total).
 *
 * Pure: no files, no I/O. Allocates only what disc_table_init documents. */
#ifndef CAREPLEDGE_DISCLOSURE_H
#define CAREPLEDGE_DISCLOSURE_H

#include "base/err.h"

#include <stdbool.h>

enum { DISC_DEFAULT_THRESHOLD = 5 };

typedef enum DiscState {
    DISC_SHOWN = 0,
    DISC_PRIMARY = 1,   /* a count from 1 to the threshold */
    DISC_SECONDARY = 2, /* suppressed so that a primary cannot be worked out */
} DiscState;

typedef struct DiscTable {
    int n_rows, n_cols;
    bool row_totals; /* column n_cols holds each row's total */
    bool col_totals; /* row n_rows holds each column's total */
    /* (n_rows + 1) x (n_cols + 1), row-major; the margin slots are unused when
     * the matching totals are absent. Index with disc_at. */
    long *value;
    unsigned char *state; /* DiscState, same layout */
} DiscTable;

/* Allocates a zeroed table; free with disc_table_free. */
void disc_table_init(DiscTable *t, int n_rows, int n_cols, bool row_totals, bool col_totals);
/* A list of n counts with a total: one row, row total, no column totals. */
void disc_list_init(DiscTable *t, int n);
void disc_table_free(DiscTable *t);

/* Slot of (r, c): r == n_rows is the totals line, c == n_cols the totals column. */
static inline int disc_at(const DiscTable *t, int r, int c)
{
    return r * (t->n_cols + 1) + c;
}
void disc_set(DiscTable *t, int r, int c, long v);
long disc_get(const DiscTable *t, int r, int c);
/* Fills the present margins from the interior cells. */
void disc_fill_totals(DiscTable *t);

/* Applies primary and secondary suppression with counts 1..threshold suppressed.
 * Returns 0, or ERR_INPUT when a count is negative or a margin does not equal
 * the sum of its line (the table would not be what it says). Resets any earlier
 * marks first, so it may be called again with another threshold. */
int disc_apply(DiscTable *t, int threshold, Err *err);

DiscState disc_state(const DiscTable *t, int r, int c);
bool disc_suppressed(const DiscTable *t, int r, int c);
/* Number of suppressed slots of each kind (totals included). */
int disc_count(const DiscTable *t, DiscState kind);

/* The published text of (r, c): "c" when suppressed, else the count. Returns
 * buf, which must hold DISC_TEXT_LEN bytes. */
enum { DISC_TEXT_LEN = 24 };
const char *disc_text(const DiscTable *t, int r, int c, char *buf);

/* The published text of a percentage num/den rounded to a whole number: "c"
 * when either count is suppressed, "z" (not applicable) when den is 0, else
 * e.g. "45". Returns buf (DISC_TEXT_LEN bytes). */
const char *disc_percent_text(long num, bool num_suppressed, long den, bool den_suppressed,
                              char *buf);

#endif
