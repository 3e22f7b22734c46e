/* json: see json.h. */
#include "render/json.h"

#include "base/mem.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Every value and member is encoded with these: keys in the order they were
 * set, reals with enough digits that a decimal figure written as text reads
 * back as the same text ("33.3", not "33.299999999999997"). */
#define DUMP_FLAGS (JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))

/* jansson returns NULL only when it cannot allocate (or for input we have
 * already made valid); allocation failure aborts, as xmalloc does. */
static json_t *must(json_t *v)
{
    if (!v) {
        fputs("carepledge: out of memory building JSON\n", stderr);
        abort();
    }
    return v;
}

/* The length of the valid UTF-8 sequence at p (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF), or 0 when it is not one. */
static int utf8_sequence(const unsigned char *p)
{
    if (p[0] < 0x80) return 1;
    int n;
    unsigned min, cp;
    if ((p[0] & 0xE0) == 0xC0) {
        n = 2, min = 0x80, cp = p[0] & 0x1Fu;
    } else if ((p[0] & 0xF0) == 0xE0) {
        n = 3, min = 0x800, cp = p[0] & 0x0Fu;
    } else if ((p[0] & 0xF8) == 0xF0) {
        n = 4, min = 0x10000, cp = p[0] & 0x07u;
    } else {
        return 0;
    }
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0; /* also stops at the terminating NUL */
        cp = cp << 6 | (p[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

static bool utf8_valid(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int n = utf8_sequence(p);
        if (!n) return false;
        p += n;
    }
    return true;
}

/* A copy of s with every byte that does not start a valid sequence replaced by
 * U+FFFD (EF BF BD). Caller frees. */
static char *utf8_repaired(const char *s)
{
    size_t len = strlen(s);
    char *out = xmalloc(3 * len + 1), *o = out;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int n = utf8_sequence(p);
        if (n) {
            memcpy(o, p, (size_t)n);
            o += n, p += n;
        } else {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3, p++;
        }
    }
    *o = '\0';
    return out;
}

json_t *render_json_text(const char *s)
{
    if (!s) return must(json_null());
    json_t *v = json_string(s); /* NULL when s is not valid UTF-8 */
    if (v) return v;
    char *fixed = utf8_repaired(s);
    v = must(json_string(fixed));
    free(fixed);
    return v;
}

/* Whether s is a number by the JSON grammar (RFC 8259 section 6); *integral
 * says it has neither fraction nor exponent. */
static bool is_json_number(const char *s, bool *integral)
{
    const char *p = s;
    if (*p == '-') p++;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (*p >= '0' && *p <= '9') p++;
    else
        return false;
    *integral = true;
    if (*p == '.') {
        *integral = false;
        if (!(*++p >= '0' && *p <= '9')) return false;
        while (*p >= '0' && *p <= '9') p++;
    }
    if (*p == 'e' || *p == 'E') {
        *integral = false;
        p++;
        if (*p == '+' || *p == '-') p++;
        if (!(*p >= '0' && *p <= '9')) return false;
        while (*p >= '0' && *p <= '9') p++;
    }
    return *p == '\0';
}

json_t *render_json_number_text(const char *s)
{
    if (!s || !*s) return must(json_null());
    bool integral;
    if (!is_json_number(s, &integral)) return render_json_text(s);
    errno = 0;
    if (integral) {
        long long n = strtoll(s, NULL, 10);
        /* "-0" (a small negative difference, rounded) keeps its sign */
        if (errno == 0 && !(n == 0 && s[0] == '-')) return must(json_integer(n));
        errno = 0;
    }
    double d = strtod(s, NULL);
    if (errno == ERANGE || !isfinite(d)) return render_json_text(s); /* keep it, as text */
    return must(json_real(d));
}

json_t *render_json_double(double v)
{
    if (!isfinite(v)) return must(json_null());
    if (v == floor(v) && fabs(v) < 9.0e15 && !(v == 0 && signbit(v)))
        return must(json_integer((json_int_t)v));
    return must(json_real(v));
}

void render_json_set(json_t *object, const char *key, json_t *value)
{
    /* json_object_set_new would refuse a key that is not UTF-8, and drop the
     * value: check it first, then set without checking again */
    char *fixed = utf8_valid(key) ? NULL : utf8_repaired(key);
    if (json_object_set_new_nocheck(object, fixed ? fixed : key, value) < 0) must(NULL);
    free(fixed);
}

void render_json_append(json_t *array, json_t *value)
{
    if (json_array_append_new(array, value) < 0) must(NULL);
}

void render_json_write(FILE *out, const json_t *value)
{
    json_dumpf(value, out, DUMP_FLAGS);
    fputc('\n', out);
}

/* ---- Streaming ---------------------------------------------------------------- */

void render_json_start(RenderJson *w, FILE *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

static void indent(RenderJson *w, int level)
{
    fputc('\n', w->out);
    for (int i = 0; i < level; i++) fputs("  ", w->out);
}

/* Writes what goes before a new member or element: a comma, a new line, and
 * the key when the open container is an object. */
static void begin_item(RenderJson *w, const char *key)
{
    if (w->depth == 0) {
        assert(!key);
        return;
    }
    int top = w->depth - 1;
    assert(w->is_array[top] == (key == NULL));
    if (w->has_members[top]) fputc(',', w->out);
    w->has_members[top] = true;
    indent(w, w->depth);
    if (key) {
        json_t *k = render_json_text(key);
        json_dumpf(k, w->out, DUMP_FLAGS);
        json_decref(k);
        fputs(": ", w->out);
    }
}

static void open_container(RenderJson *w, const char *key, bool is_array)
{
    assert(w->depth < RENDER_JSON_MAX_DEPTH);
    begin_item(w, key);
    fputc(is_array ? '[' : '{', w->out);
    w->is_array[w->depth] = is_array;
    w->has_members[w->depth] = false;
    w->depth++;
}

void render_json_open_object(RenderJson *w, const char *key)
{
    open_container(w, key, false);
}

void render_json_open_array(RenderJson *w, const char *key)
{
    open_container(w, key, true);
}

void render_json_put(RenderJson *w, const char *key, json_t *value)
{
    begin_item(w, key);
    json_dumpf(value, w->out, DUMP_FLAGS);
    json_decref(value);
    if (w->depth == 0) fputc('\n', w->out);
}

void render_json_close(RenderJson *w)
{
    assert(w->depth > 0);
    int top = --w->depth;
    if (w->has_members[top]) indent(w, top);
    fputc(w->is_array[top] ? ']' : '}', w->out);
    if (w->depth == 0) fputc('\n', w->out);
}
