/* csv: see csv.h. */
#include "base/csv.h"

#include "base/mem.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int check_encoding(CsvReader *r, Err *err)
{
    const unsigned char *d = (const unsigned char *)r->data;
    if (r->len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF)))
        return err_at(err, ERR_INPUT, r->path, 1, 1, NULL,
                      "the file is UTF-16 text; save it as UTF-8 (CSV UTF-8) and import it again");
    if (r->len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) r->pos = 3;
    const char *nul = memchr(r->data, '\0', r->len);
    if (nul) {
        long line = 1;
        for (const char *p = r->data; p < nul; p++) line += *p == '\n';
        /* UTF-16 without a byte-order mark shows up as NUL bytes between letters. */
        if (nul - r->data < 4 && r->len > 4)
            return err_at(err, ERR_INPUT, r->path, line, 0, NULL,
                          "the file looks like UTF-16 text; save it as UTF-8 and import it again");
        return err_at(err, ERR_INPUT, r->path, line, 0, NULL,
                      "the file holds a NUL byte: it is not a text CSV file");
    }
    return 0;
}

/* A reader that failed to open keeps nothing: callers that return at once
 * (most do) leak nothing, and csv_close after it is harmless. */
static int init_reader(CsvReader *r, const char *name, Err *err)
{
    r->path = xstrdup(name);
    r->line = 1;
    int rc = check_encoding(r, err);
    if (rc < 0) csv_close(r);
    return rc;
}

int csv_open_file(CsvReader *r, const char *path, Err *err)
{
    memset(r, 0, sizeof *r);
    FILE *f = fopen(path, "rb");
    if (!f) return err_at(err, ERR_IO, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
    size_t cap = 1 << 16, len = 0;
    char *data = xmalloc(cap + 1);
    size_t got;
    while ((got = fread(data + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            cap *= 2;
            data = xrealloc(data, cap + 1);
        }
    }
    int read_failed = ferror(f);
    fclose(f);
    data[len] = '\0';
    r->data = data;
    r->len = len;
    if (read_failed) {
        csv_close(r);
        return err_at(err, ERR_IO, path, 0, 0, NULL, "read error");
    }
    return init_reader(r, path, err);
}

int csv_open_buffer(CsvReader *r, const char *name, const char *data, size_t len, Err *err)
{
    memset(r, 0, sizeof *r);
    r->data = xmalloc(len + 1);
    memcpy(r->data, data, len);
    r->data[len] = '\0';
    r->len = len;
    return init_reader(r, name, err);
}

static CsvField *push_field(CsvReader *r)
{
    MEM_GROW(r->fields, r->n_fields, r->cap_fields);
    return &r->fields[r->n_fields++];
}

/* Moves past one byte, keeping line and character column (UTF-8 continuation
 * bytes do not start a character). */
static inline void advance(CsvReader *r, size_t *p)
{
    unsigned char c = (unsigned char)r->data[*p];
    (*p)++;
    if (c == '\n') {
        r->line++;
        r->column = 1;
    } else if ((c & 0xC0) != 0x80) {
        r->column++;
    }
}

static int parse_quoted(CsvReader *r, CsvField *f, Err *err)
{
    size_t p = r->pos;
    advance(r, &p); /* the opening quote */
    char *out = r->data + p;
    f->text = out;
    for (;;) {
        if (p >= r->len)
            return err_at(err, ERR_INPUT, r->path, f->line, f->column, NULL,
                          "a quoted field is not closed before the end of the file");
        char c = r->data[p];
        if (c == '"') {
            advance(r, &p);
            if (p < r->len && r->data[p] == '"') {
                *out++ = '"';
                advance(r, &p);
                continue;
            }
            break;
        }
        *out++ = c;
        advance(r, &p);
    }
    f->len = (size_t)(out - f->text);
    bool crlf = p + 1 < r->len && r->data[p] == '\r' && r->data[p + 1] == '\n';
    bool cr_at_end = p + 1 == r->len && r->data[p] == '\r';
    if (p < r->len && r->data[p] != ',' && r->data[p] != '\n' && !crlf && !cr_at_end)
        return err_at(err, ERR_INPUT, r->path, r->line, r->column, NULL,
                      "unexpected character after a closing quote (a quote inside a field "
                      "must be doubled)");
    if (crlf || cr_at_end) p++;
    *out = '\0';
    r->pos = p;
    return 0;
}

static int parse_plain(CsvReader *r, CsvField *f, Err *err)
{
    size_t p = r->pos;
    f->text = r->data + p;
    while (p < r->len) {
        char c = r->data[p];
        if (c == ',' || c == '\n') break;
        if (c == '"')
            return err_at(err, ERR_INPUT, r->path, r->line, r->column, NULL,
                          "a quote inside an unquoted field (quote the whole field and "
                          "double the quote)");
        if ((c & 0xC0) != 0x80) r->column++;
        p++;
    }
    size_t end = p;
    if (end > r->pos && r->data[end - 1] == '\r') end--;
    f->len = end - r->pos;
    r->pos = p;
    return 0;
}

static bool at_blank_line(const CsvReader *r)
{
    size_t p = r->pos;
    if (p < r->len && r->data[p] == '\r') p++;
    return p >= r->len || r->data[p] == '\n';
}

static void skip_blank_lines(CsvReader *r)
{
    while (r->pos < r->len && at_blank_line(r)) {
        while (r->pos < r->len && r->data[r->pos] != '\n') r->pos++;
        if (r->pos < r->len) {
            r->pos++;
            r->line++;
        }
    }
    r->column = 1;
}

int csv_next(CsvReader *r, Err *err)
{
    r->n_fields = 0;
    skip_blank_lines(r);
    if (r->pos >= r->len) return 0;
    r->record_line = r->line;
    for (;;) {
        CsvField *f = push_field(r);
        f->line = r->line;
        f->column = r->column;
        /* The separator is read before the field is terminated in place. */
        int rc = r->data[r->pos] == '"' ? parse_quoted(r, f, err) : parse_plain(r, f, err);
        if (rc < 0) return rc;
        char sep = r->pos < r->len ? r->data[r->pos] : '\n';
        f->text[f->len] = '\0'; /* may overwrite the separator, read just above */
        if (r->pos < r->len) {
            r->pos++;
            r->column++;
        }
        if (sep != ',') {
            r->line++;
            r->column = 1;
            return 1;
        }
    }
}

void csv_close(CsvReader *r)
{
    free(r->path);
    free(r->data);
    free(r->fields);
    memset(r, 0, sizeof *r);
}

void csv_write_field(FILE *out, const char *text)
{
    if (!strpbrk(text, ",\"\r\n")) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (const char *p = text; *p; p++) {
        if (*p == '"') fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

void csv_write_row(FILE *out, const char *const *fields, int n)
{
    for (int i = 0; i < n; i++) {
        if (i) fputc(',', out);
        csv_write_field(out, fields[i] ? fields[i] : "");
    }
    fputc('\n', out);
}
