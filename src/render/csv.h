/* csv (render): every CSV cell a report writes, made safe to open in a
 * spreadsheet.
 *
 * A cell that begins with '=', '+', '-', '@', a tab or a carriage return is
 * read by Excel, LibreOffice and Google Sheets as a formula, so a child id
 * such as "=HYPERLINK(...)" in an imported file would run in the data team's
 * spreadsheet. Following OWASP's advice on CSV injection, such a cell is
 * written with a single quote in front and inside double quotes ("'=..."),
 * which the spreadsheet shows as text. A number ("-3", "+2.5") is a number,
 * not a formula, and is written as it is.
 *
 * Raw output (render_csv_set_raw, the commands' --csv-raw) writes every cell
 * as it is, for programs rather than spreadsheets. The 903 files that
 * `export` writes are the DfE's own format and never go through here
 * (docs/security.md). Must not: know any report's columns. */
#ifndef CAREPLEDGE_RENDER_CSV_H
#define CAREPLEDGE_RENDER_CSV_H

#include <stdbool.h>
#include <stdio.h>

/* Whether a spreadsheet would read text as a formula (and this module would
 * neutralise it). */
bool render_csv_is_formula(const char *text);

/* Writes one cell (RFC 4180 quoting; neutralised unless raw). NULL is "". */
void render_csv_field(FILE *out, const char *text);
/* Writes the n cells of a row and the line's end. */
void render_csv_row(FILE *out, const char *const *fields, int n);

/* Set once, before a command writes anything (cli_main), and never after:
 * true writes every cell as it is. */
void render_csv_set_raw(bool raw);

#endif
