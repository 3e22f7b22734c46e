/* fuzz_json: libFuzzer target for render/json, the one JSON writer. Any bytes,
 * as a string, a key or a figure, must give JSON that parses; a string that is
 * valid UTF-8 must read back unchanged, and a figure that becomes a number
 * must have been a number by the JSON grammar. */
#include "render/json.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The document render_json_write gives for v, parsed back; traps when it
 * does not parse. Caller frees with json_decref. */
static json_t *round_trip(const json_t *v)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out) abort();
    render_json_write(out, v);
    fclose(out);
    json_t *back = json_loads(buf, JSON_DECODE_ANY, NULL);
    free(buf);
    if (!back) __builtin_trap();
    return back;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0'; /* a C string ends at its first NUL, as every value does */

    json_t *text = render_json_text(s);
    json_t *back = round_trip(text);
    json_t *exact = json_string(s); /* NULL unless s is valid UTF-8 */
    if (exact && !json_equal(exact, back)) __builtin_trap();
    json_decref(exact);
    json_decref(back);
    json_decref(text);

    json_t *obj = json_object();
    render_json_set(obj, s, render_json_number_text(s));
    back = round_trip(obj);
    json_t *figure = json_object_iter_value(json_object_iter(back));
    if (!figure || (json_is_number(figure) && !(s[0] == '-' || (s[0] >= '0' && s[0] <= '9'))))
        __builtin_trap();
    json_decref(back);
    json_decref(obj);
    free(s);
    return 0;
}
