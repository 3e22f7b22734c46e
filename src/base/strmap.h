/* strmap: a hash map from NUL-terminated strings to integers (open addressing).
 *
 * Used wherever a name must be found among many: child ids during import,
 * code lists. Keys are copied into the map's own arena. */
#ifndef CAREPLEDGE_STRMAP_H
#define CAREPLEDGE_STRMAP_H

#include "base/mem.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct StrMapSlot {
    const char *key; /* NULL when empty */
    size_t hash;
    long value;
} StrMapSlot;

typedef struct StrMap {
    StrMapSlot *slots;
    size_t n_slots, n_used;
    Arena keys;
} StrMap;

/* Returns the value for key, or `missing` when absent. */
long strmap_get(const StrMap *m, const char *key, long missing);
bool strmap_has(const StrMap *m, const char *key);
/* Sets key to value (adding it if needed). Returns the stored key copy. */
const char *strmap_put(StrMap *m, const char *key, long value);
void strmap_free(StrMap *m);

#endif
