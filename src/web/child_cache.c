/* child_cache: see child_cache.h. */
#include "web/child_cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct ChildSlot {
    char key[WEB_CHILD_CACHE_KEY];
    char *body; /* malloc'd, NUL-ended; NULL: the slot is empty */
    size_t len;
} ChildSlot;

/* Slots share locks in stripes: the views of two worker threads seldom wait
 * for each other, and a lock is held only to copy one answer. */
enum { CHILD_CACHE_STRIPES = 64 };

struct WebChildCache {
    pthread_mutex_t stripes[CHILD_CACHE_STRIPES];
    pthread_mutex_t bytes_lock;
    size_t bytes; /* of the bodies kept */
    ChildSlot slots[WEB_CHILD_CACHE_SLOTS];
};

WebChildCache *web_child_cache_new(void)
{
    WebChildCache *cache = calloc(1, sizeof *cache);
    if (!cache) abort();
    for (int i = 0; i < CHILD_CACHE_STRIPES; i++) pthread_mutex_init(&cache->stripes[i], NULL);
    pthread_mutex_init(&cache->bytes_lock, NULL);
    return cache;
}

void web_child_cache_free(WebChildCache *cache)
{
    if (!cache) return;
    for (int i = 0; i < WEB_CHILD_CACHE_SLOTS; i++) free(cache->slots[i].body);
    for (int i = 0; i < CHILD_CACHE_STRIPES; i++) pthread_mutex_destroy(&cache->stripes[i]);
    pthread_mutex_destroy(&cache->bytes_lock);
    free(cache);
}

/* FNV-1a: the keys are short and chosen by the server, not the client alone
 * (a child that exists and a valid date), so a plain hash spreads them. */
static unsigned slot_of(const char *key)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) h = (h ^ *p) * 16777619u;
    return h % WEB_CHILD_CACHE_SLOTS;
}

static pthread_mutex_t *stripe_of(WebChildCache *cache, unsigned slot)
{
    return &cache->stripes[slot % CHILD_CACHE_STRIPES];
}

bool web_child_cache_get(WebChildCache *cache, const char *key, char **body, size_t *len)
{
    unsigned i = slot_of(key);
    const ChildSlot *slot = &cache->slots[i];
    bool found = false;
    pthread_mutex_lock(stripe_of(cache, i));
    if (slot->body && strcmp(slot->key, key) == 0) {
        *body = malloc(slot->len + 1);
        if (!*body) abort();
        memcpy(*body, slot->body, slot->len + 1);
        *len = slot->len;
        found = true;
    }
    pthread_mutex_unlock(stripe_of(cache, i));
    return found;
}

/* Counts delta bytes in (or out, negative); false, counting nothing, when
 * the cache would go over its bytes. */
static bool count_bytes(WebChildCache *cache, long long delta)
{
    pthread_mutex_lock(&cache->bytes_lock);
    bool fits = delta <= 0 || cache->bytes + (size_t)delta <= WEB_CHILD_CACHE_BYTES;
    if (fits) cache->bytes = (size_t)((long long)cache->bytes + delta);
    pthread_mutex_unlock(&cache->bytes_lock);
    return fits;
}

void web_child_cache_put(WebChildCache *cache, const char *key, const char *body, size_t len)
{
    if (strlen(key) >= WEB_CHILD_CACHE_KEY) return; /* never a cut key */
    char *copy = malloc(len + 1);
    if (!copy) abort();
    memcpy(copy, body, len);
    copy[len] = '\0';
    unsigned i = slot_of(key);
    ChildSlot *slot = &cache->slots[i];
    pthread_mutex_lock(stripe_of(cache, i));
    size_t old = slot->body ? slot->len : 0;
    if (count_bytes(cache, (long long)len - (long long)old)) {
        free(slot->body);
        memcpy(slot->key, key, strlen(key) + 1);
        slot->body = copy;
        slot->len = len;
        copy = NULL;
    }
    pthread_mutex_unlock(stripe_of(cache, i));
    free(copy); /* not kept */
}
