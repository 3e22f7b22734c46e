/* csv (render): see csv.h. */
#include "render/csv.h"

#include "base/csv.h"

#include <ctype.h>
#include <string.h>

/* Configuration fixed before any output is written (render_csv_set_raw). */
static bool csv_raw;

void render_csv_set_raw(bool raw)
{
    csv_raw = raw;
}

/* A plain decimal number: an optional sign, digits, and at most one point
 * with digits around it ("-3", "+12", "-0.5"). */
static bool is_number(const char *s)
{
    if (*s == '+' || *s == '-') s++;
    int digits = 0, points = 0;
    for (; *s; s++) {
        if (isdigit((unsigned char)*s))
            digits++;
        else if (*s == '.' && !points)
            points++;
        else
            return false;
    }
    return digits > 0;
}

bool render_csv_is_formula(const char *text)
{
    /* OWASP, "CSV Injection": the characters that start a formula. */
    if (!text || !strchr("=+-@\t\r", text[0]) || text[0] == '\0') return false;
    return !is_number(text);
}

void render_csv_field(FILE *out, const char *text)
{
    if (!text) text = "";
    if (csv_raw || !render_csv_is_formula(text)) {
        csv_write_field(out, text);
        return;
    }
    fputs("\"'", out);
    for (const char *p = text; *p; p++) {
        if (*p == '"') fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

void render_csv_row(FILE *out, const char *const *fields, int n)
{
    for (int i = 0; i < n; i++) {
        if (i) fputc(',', out);
        render_csv_field(out, fields[i]);
    }
    fputc('\n', out);
}
