/* child_cache: the answers of GET /api/v1/children/{id} kept with the
 * snapshot they were made from. A child's view (timeline, due items,
 * care-leaver status, marked values) depends only on the snapshot, the child
 * and the date asked: not on who asks (the caseload is checked before, and
 * the audit row is appended for every view, kept or not). A new snapshot
 * comes with every change of the history and starts with none kept, so a
 * kept answer is never stale. Bounded: WEB_CHILD_CACHE_SLOTS answers and
 * WEB_CHILD_CACHE_BYTES of them at most, a new answer replacing the one in
 * its slot (direct-mapped by a hash of the key). docs/web.md. */
#ifndef CAREPLEDGE_WEB_CHILD_CACHE_H
#define CAREPLEDGE_WEB_CHILD_CACHE_H

#include <stdbool.h>
#include <stddef.h>

enum {
    WEB_CHILD_CACHE_SLOTS = 4096,
    WEB_CHILD_CACHE_BYTES = 64 << 20,
    WEB_CHILD_CACHE_KEY = 160, /* a longer key is never kept */
};

typedef struct WebChildCache WebChildCache;

WebChildCache *web_child_cache_new(void);
void web_child_cache_free(WebChildCache *cache);

/* Copies the answer kept for key into *body (malloc'd, NUL-ended) and
 * returns true, or false when none is kept. */
bool web_child_cache_get(WebChildCache *cache, const char *key, char **body, size_t *len);
/* Keeps a copy of the answer for key, replacing what its slot held, unless
 * the key is too long or the copy would take the cache over its bytes. */
void web_child_cache_put(WebChildCache *cache, const char *key, const char *body, size_t len);

#endif
