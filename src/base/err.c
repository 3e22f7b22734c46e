/* err: see err.h. */
#include "base/err.h"

#include "base/mem.h"

#include <stdlib.h>

#include <string.h>

int err_vat(Err *e, int code, const char *file, long line, int column, const char *field,
            const char *fmt, va_list ap)
{
    e->code = code;
    snprintf(e->file, sizeof e->file, "%s", file ? file : "");
    e->line = line;
    e->column = column;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    e->param[0] = '\0';
    return code;
}

int err_param(Err *e, const char *param)
{
    snprintf(e->param, sizeof e->param, "%s", param);
    return e->code;
}

ErrKind err_kind(int code)
{
    switch (code) {
    case ERR_OK: return ERR_KIND_NONE;
    case ERR_USAGE:
    case ERR_INPUT: return ERR_KIND_INVALID;
    case ERR_NOT_FOUND: return ERR_KIND_NOT_FOUND;
    case ERR_STATE:
    case ERR_CONFLICT: return ERR_KIND_CONFLICT;
    case ERR_FORBIDDEN: return ERR_KIND_FORBIDDEN;
    case ERR_IO:
    case ERR_DB:
    case ERR_UNAVAILABLE: return ERR_KIND_UNAVAILABLE;
    default: return ERR_KIND_INTERNAL;
    }
}

const char *err_kind_name(ErrKind kind)
{
    static const char *const names[] = {"",          "invalid",     "not_found", "conflict",
                                        "forbidden", "unavailable", "internal"};
    return names[kind];
}

int err_at(Err *e, int code, const char *file, long line, int column, const char *field,
           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_vat(e, code, file, line, column, field, fmt, ap);
    va_end(ap);
    return code;
}

int err_set(Err *e, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_vat(e, code, NULL, 0, 0, NULL, fmt, ap);
    va_end(ap);
    return code;
}

void err_print(const Err *e, FILE *out)
{
    if (e->file[0]) {
        fputs(e->file, out);
        if (e->line > 0) fprintf(out, ":%ld", e->line);
        if (e->line > 0 && e->column > 0) fprintf(out, ":%d", e->column);
        fputs(": ", out);
    }
    if (e->field[0]) fprintf(out, "%s: ", e->field);
    fprintf(out, "%s\n", e->msg);
}

void errlist_add(ErrList *l, const Err *e)
{
    l->n_total++;
    if (l->n_items >= ERRLIST_KEEP) return;
    MEM_GROW(l->items, l->n_items, l->cap);
    l->items[l->n_items++] = *e;
}

void errlist_at(ErrList *l, const char *file, long line, int column, const char *field,
                const char *fmt, ...)
{
    Err e;
    va_list ap;
    va_start(ap, fmt);
    err_vat(&e, ERR_INPUT, file, line, column, field, fmt, ap);
    va_end(ap);
    errlist_add(l, &e);
}

void errlist_print(const ErrList *l, FILE *out)
{
    for (int i = 0; i < l->n_items; i++) err_print(&l->items[i], out);
    if (l->n_total > l->n_items)
        fprintf(out, "... and %ld more problems not shown\n", l->n_total - l->n_items);
}

void errlist_free(ErrList *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}
