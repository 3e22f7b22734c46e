/* err: the one error type, and a list of diagnostics for input problems.
 *
 * Functions return 0 on success or a negative ERR_* code and fill an Err.
 * An Err knows where the problem is (file, line, column, field) so that the
 * CLI can print "file:line:column: FIELD: message" without guessing.
 * Errors are turned into messages and exit codes once, at the boundary. */
#ifndef CAREPLEDGE_ERR_H
#define CAREPLEDGE_ERR_H

#include <stdarg.h>
#include <stdio.h>

enum {
    ERR_OK = 0,
    ERR_USAGE = -1, /* the command was called wrongly */
    ERR_INPUT = -2, /* an input file is malformed or invalid */
    ERR_IO = -3,    /* a file could not be read or written */
    ERR_DB = -4,    /* the database refused */
    ERR_STATE = -5, /* the request makes no sense for the data (e.g. unknown child) */
    /* The kinds of failure a service reports to any front end (service/). */
    ERR_NOT_FOUND = -6,   /* what the request names is not there (a child, a database) */
    ERR_CONFLICT = -7,    /* the request clashes with the state of the data */
    ERR_FORBIDDEN = -8,   /* the person asking may not do this */
    ERR_UNAVAILABLE = -9, /* something the request needs cannot be had just now */
    ERR_INTERNAL = -10,   /* a bug: the program broke its own rules */
};

/* What a front end needs to know of a failure, whatever its code: the CLI
 * turns each into an exit status, a web server into an HTTP status. */
typedef enum ErrKind {
    ERR_KIND_NONE,        /* not a failure */
    ERR_KIND_INVALID,     /* invalid input: the request or a file it names (ERR_USAGE, ERR_INPUT) */
    ERR_KIND_NOT_FOUND,   /* ERR_NOT_FOUND */
    ERR_KIND_CONFLICT,    /* ERR_CONFLICT, ERR_STATE */
    ERR_KIND_FORBIDDEN,   /* ERR_FORBIDDEN */
    ERR_KIND_UNAVAILABLE, /* ERR_UNAVAILABLE, ERR_IO, ERR_DB */
    ERR_KIND_INTERNAL,    /* ERR_INTERNAL and any code not listed */
} ErrKind;

ErrKind err_kind(int code);
/* "invalid", "not_found", "conflict", "forbidden", "unavailable", "internal" or "". */
const char *err_kind_name(ErrKind kind);

typedef struct Err {
    int code;
    char file[512];
    long line; /* 0 when not about a line */
    int column;
    char field[48];
    char msg[512];
    /* The request parameter the error is about ("la", "year"), or "": a
     * service names no command-line flag in msg, and a front end that knows
     * the parameter by another name (the CLI's --la) adds it (cli_fail). */
    char param[32];
} Err;

/* Sets code and message; clears the location. Returns code, for "return err_set(...)". */
int err_set(Err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Sets code, location and message. Returns code. */
int err_at(Err *e, int code, const char *file, long line, int column, const char *field,
           const char *fmt, ...) __attribute__((format(printf, 7, 8)));
int err_vat(Err *e, int code, const char *file, long line, int column, const char *field,
            const char *fmt, va_list ap);
/* Names the request parameter e is about (after err_set or err_at). Returns e->code. */
int err_param(Err *e, const char *param);
/* Writes "file:line:column: FIELD: message" (parts omitted when unknown). */
void err_print(const Err *e, FILE *out);

/* A list of problems found in one pass over the input, in the order found.
 * Keeps at most ERRLIST_KEEP entries but counts them all. */
enum { ERRLIST_KEEP = 1000 };
typedef struct ErrList {
    Err *items;
    int n_items, cap;
    long n_total;
} ErrList;

void errlist_add(ErrList *l, const Err *e);
/* Adds a located problem. */
void errlist_at(ErrList *l, const char *file, long line, int column, const char *field,
                const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Prints every kept problem, then "... and N more" if some were dropped. */
void errlist_print(const ErrList *l, FILE *out);
void errlist_free(ErrList *l);

#endif
