/* pg_array: see pg_array.h. */
#include "store/pg_array.h"

#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

static void array_put(PgArray *a, const char *bytes, size_t n)
{
    if (a->len + n + 2 > a->cap) {
        a->cap = (a->len + n + 2) * 2;
        a->text = xrealloc(a->text, a->cap);
    }
    memcpy(a->text + a->len, bytes, n);
    a->len += n;
    a->text[a->len] = '\0';
}

/* Each element is quoted, with '"' and '\\' escaped (PostgreSQL, Arrays,
 * "Array Value Input"), so that no value can end its element early or read
 * as NULL; NULL itself is the bare word. */
void pg_array_add(PgArray *a, const char *value)
{
    array_put(a, a->len ? "," : "{", 1);
    a->n++;
    if (!value) {
        array_put(a, "NULL", 4);
        return;
    }
    array_put(a, "\"", 1);
    for (const char *c = value; *c; c++) {
        if (*c == '"' || *c == '\\') array_put(a, "\\", 1);
        array_put(a, c, 1);
    }
    array_put(a, "\"", 1);
}

const char *pg_array_end(PgArray *a)
{
    array_put(a, a->len ? "}" : "{}", a->len ? 1 : 2);
    return a->text;
}

void pg_array_clear(PgArray *a)
{
    a->len = 0;
    a->n = 0;
    if (a->text) a->text[0] = '\0';
}

void pg_array_free(PgArray *a)
{
    free(a->text);
    memset(a, 0, sizeof *a);
}
