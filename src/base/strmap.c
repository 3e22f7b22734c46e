/* strmap: see strmap.h. FNV-1a hashing, linear probing, grows at 50% load. */
#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>

static size_t hash_string(const char *s)
{
    size_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static StrMapSlot *find_slot(const StrMap *m, const char *key, size_t hash)
{
    size_t mask = m->n_slots - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        StrMapSlot *s = &m->slots[i];
        if (!s->key || (s->hash == hash && strcmp(s->key, key) == 0)) return s;
    }
}

long strmap_get(const StrMap *m, const char *key, long missing)
{
    if (!m->n_slots) return missing;
    StrMapSlot *s = find_slot(m, key, hash_string(key));
    return s->key ? s->value : missing;
}

bool strmap_has(const StrMap *m, const char *key)
{
    return m->n_slots && find_slot(m, key, hash_string(key))->key != NULL;
}

static void grow(StrMap *m)
{
    StrMapSlot *old = m->slots;
    size_t n_old = m->n_slots;
    m->n_slots = n_old ? n_old * 2 : 64;
    m->slots = xcalloc(m->n_slots, sizeof *m->slots);
    for (size_t i = 0; i < n_old; i++)
        if (old[i].key) *find_slot(m, old[i].key, old[i].hash) = old[i];
    free(old);
}

const char *strmap_put(StrMap *m, const char *key, long value)
{
    if ((m->n_used + 1) * 2 > m->n_slots) grow(m);
    size_t hash = hash_string(key);
    StrMapSlot *s = find_slot(m, key, hash);
    if (!s->key) {
        s->key = arena_strdup(&m->keys, key);
        s->hash = hash;
        m->n_used++;
    }
    s->value = value;
    return s->key;
}

void strmap_free(StrMap *m)
{
    free(m->slots);
    arena_free(&m->keys);
    memset(m, 0, sizeof *m);
}
