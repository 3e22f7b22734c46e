/* csv: an RFC 4180 reader that knows where every field came from, and a writer.
 *
 * The reader loads a whole file, refuses what is not UTF-8 text (UTF-16, NUL
 * bytes) with a message a user can act on, skips a UTF-8 byte-order mark,
 * accepts CRLF or LF, and unquotes fields in place. Each field carries its line
 * and column so that every later error can name them. It never interprets
 * values: that is the caller's job. */
#ifndef CAREPLEDGE_CSV_H
#define CAREPLEDGE_CSV_H

#include "base/err.h"

#include <stddef.h>
#include <stdio.h>

typedef struct CsvField {
    char *text; /* NUL-terminated, unquoted; owned by the reader until the next call */
    size_t len;
    long line;  /* 1-based line where the field starts */
    int column; /* 1-based character column where the field starts */
} CsvField;

typedef struct CsvReader {
    char *path;
    char *data;
    size_t len, pos;
    long line;  /* line of the next unread character */
    int column; /* its character column */
    long record_line;
    CsvField *fields;
    int n_fields, cap_fields;
} CsvReader;

/* Reads the file into memory. Returns 0, or ERR_IO / ERR_INPUT with err
 * filled and nothing kept (csv_close is then not needed, and harmless). */
int csv_open_file(CsvReader *r, const char *path, Err *err);
/* Same over a copy of a buffer; name is used in messages. */
int csv_open_buffer(CsvReader *r, const char *name, const char *data, size_t len, Err *err);
/* Reads the next record into r->fields. Returns 1 when a record was read, 0 at
 * the end, or ERR_INPUT (err names line and column). Blank lines are skipped. */
int csv_next(CsvReader *r, Err *err);
void csv_close(CsvReader *r);

/* Writes one field, quoting it when it holds a comma, quote or line break. */
void csv_write_field(FILE *out, const char *text);
/* Writes fields separated by commas and ends the line with "\n". */
void csv_write_row(FILE *out, const char *const *fields, int n);

#endif
