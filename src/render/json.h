/* json: the one JSON writer. Every JSON output of every command goes through it.
 *
 * Values are jansson values (json_t) made by the render_json_* constructors,
 * which never fail: a string that is not valid UTF-8 has each invalid byte
 * replaced by U+FFFD (jansson refuses invalid UTF-8, and a reader of the output
 * would too), and a number written as text keeps its meaning (an integer stays
 * an integer, a decimal stays that decimal).
 *
 * Large outputs (a table of every child, every issue of a validation) are
 * streamed: RenderJson writes the outer objects and arrays itself, a member or
 * element per line, and has jansson encode each member or element, so memory
 * holds one element at a time and not the whole document. Key order is the
 * order of the calls. Nothing here opens or closes files. See
 * docs/development.md, "Writing JSON". */
#ifndef CAREPLEDGE_JSON_H
#define CAREPLEDGE_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

/* The text s as a JSON string (NULL gives null), invalid UTF-8 bytes replaced
 * by U+FFFD. Returns a new reference. */
json_t *render_json_text(const char *s);
/* A figure written as text: a JSON number when s is one by the JSON grammar (an
 * integer when it has no fraction or exponent and fits, a real otherwise), null
 * when s is NULL or empty, and the string s otherwise ("c" for a withheld count,
 * "z" for no value). Returns a new reference. */
json_t *render_json_number_text(const char *s);
/* v as an integer when it is a whole number, else as a real; null when it is
 * not finite. Returns a new reference. */
json_t *render_json_double(double v);
/* Sets object[key] = value, taking the caller's reference to value. */
void render_json_set(json_t *object, const char *key, json_t *value);
/* Appends value to array, taking the caller's reference to value. */
void render_json_append(json_t *array, json_t *value);

/* Writes value and a newline to out; the caller keeps its reference. */
void render_json_write(FILE *out, const json_t *value);

enum { RENDER_JSON_MAX_DEPTH = 8 };

/* A JSON document being written to out, one container open per level. */
typedef struct RenderJson {
    FILE *out;
    int depth;                               /* containers open */
    bool is_array[RENDER_JSON_MAX_DEPTH];    /* else an object */
    bool has_members[RENDER_JSON_MAX_DEPTH]; /* a comma goes before the next */
} RenderJson;

void render_json_start(RenderJson *w, FILE *out);
/* Opens an object or array: as the member key of the open object, or (key
 * NULL) as an element of the open array or as the document. */
void render_json_open_object(RenderJson *w, const char *key);
void render_json_open_array(RenderJson *w, const char *key);
/* Writes value on one line as the member key of the open object, or (key NULL)
 * as an element of the open array; takes the caller's reference to value. */
void render_json_put(RenderJson *w, const char *key, json_t *value);
/* Closes the innermost container; closing the document ends it with a newline. */
void render_json_close(RenderJson *w);

#endif
