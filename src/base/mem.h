/* mem: allocation that never returns NULL, and a bump arena.
 *
 * Allocation failure is not an input error: the program cannot go on, so
 * xmalloc and friends abort with a message. Nothing here touches files. */
#ifndef CAREPLEDGE_MEM_H
#define CAREPLEDGE_MEM_H

#include <stddef.h>

/* Like malloc/calloc/realloc/strdup but abort on failure. Caller frees. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow an array (items, count, capacity) so that one more element fits. */
#define MEM_GROW(items, n, cap)                                           \
    do {                                                                  \
        if ((n) >= (cap)) {                                               \
            (cap) = (cap) ? (cap)*2 : 16;                                 \
            (items) = xrealloc((items), (size_t)(cap) * sizeof *(items)); \
        }                                                                 \
    } while (0)

/* A bump allocator: many small allocations freed together by arena_free. */
typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;
} Arena;

/* Returns zeroed memory owned by the arena, aligned for any type. */
void *arena_alloc(Arena *a, size_t n);
/* Copies s (n bytes) into the arena, NUL-terminated. */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
/* Frees every block; the arena can be used again afterwards. */
void arena_free(Arena *a);

#endif
