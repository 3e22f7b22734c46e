/* dataset_patch: see dataset_patch.h. */
#include "service/dataset_patch.h"

#include "service/dataset_load.h"
#include "store/store.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* One of the Dataset's per-child arrays: where its pointer, count and
 * capacity are in a Dataset, and its child's first index and count in a
 * Child. */
typedef struct ChildArray {
    size_t size; /* of one row */
    size_t items, count, cap;
    size_t first, n;
    /* Whether the load sets first for a child without rows too: the records
     * are merged after reading (store_load.c, merge_record_batches), which
     * gives every child the index its rows would start at; the 903 tables
     * leave a child without rows at first 0. */
    bool first_always;
} ChildArray;

#define CHILD_ARRAY(items, count, cap, first, n, always)                                   \
    {                                                                                      \
        sizeof *((Dataset *)0)->items, offsetof(Dataset, items), offsetof(Dataset, count), \
            offsetof(Dataset, cap), offsetof(Child, first), offsetof(Child, n), always     \
    }

static const ChildArray child_arrays[] = {
    CHILD_ARRAY(episodes, n_episodes, cap_episodes, first_episode, n_episodes, false),
    CHILD_ARRAY(reviews, n_reviews, cap_reviews, first_review, n_reviews, false),
    CHILD_ARRAY(oc3, n_oc3, cap_oc3, first_oc3, n_oc3, false),
    CHILD_ARRAY(records, n_records, cap_records, first_record, n_records, true),
    CHILD_ARRAY(oc2, n_oc2, cap_oc2, first_oc2, n_oc2, false),
    CHILD_ARRAY(missing, n_missing, cap_missing, first_missing, n_missing, false),
    CHILD_ARRAY(ad1, n_ad1, cap_ad1, first_ad1, n_ad1, false),
    CHILD_ARRAY(placed_adoption, n_placed_adoption, cap_placed_adoption, first_placed_adoption,
                n_placed_adoption, false),
};

static int *int_at(const void *base, size_t offset)
{
    return (int *)((char *)base + offset);
}

static char **items_at(const void *base, size_t offset)
{
    return (char **)((char *)base + offset);
}

/* out's copy of array a: base's rows with the slice of the child at index
 * at replaced by one's rows, and the first indexes of that child and of
 * those after it moved by the difference. out->children is base's copy. */
static void splice_array(const Dataset *base, const Dataset *one, int at, const ChildArray *a,
                         Dataset *out)
{
    int base_n = *int_at(base, a->count), one_n = *int_at(one, a->count);
    int old_n = *int_at(&base->children[at], a->n);
    /* The arrays are in child order, so the child's slice starts after the
     * rows of the children before it (its own first is 0 when it has none). */
    long start = 0;
    for (int j = 0; j < at; j++) start += *int_at(&base->children[j], a->n);
    int total = base_n - old_n + one_n;
    char *rows = NULL;
    if (total > 0) {
        rows = malloc((size_t)total * a->size);
        if (!rows) abort();
        const char *from = *items_at(base, a->items);
        size_t head = (size_t)start * a->size, mid = (size_t)one_n * a->size;
        if (head) memcpy(rows, from, head);
        if (mid) memcpy(rows + head, *items_at(one, a->items), mid);
        size_t tail = (size_t)(base_n - start - old_n) * a->size;
        if (tail) memcpy(rows + head + mid, from + head + (size_t)old_n * a->size, tail);
    }
    *items_at(out, a->items) = rows;
    *int_at(out, a->count) = *int_at(out, a->cap) = total;
    Child *child = &out->children[at];
    *int_at(child, a->n) = one_n;
    *int_at(child, a->first) = one_n > 0 || a->first_always ? (int)start : 0;
    for (int j = at + 1; j < out->n_children; j++) {
        Child *c = &out->children[j];
        if (*int_at(c, a->n) > 0 || a->first_always) *int_at(c, a->first) += one_n - old_n;
    }
}

/* The index of id in ds->children, or -1. */
static int child_at(const Dataset *ds, const char *id)
{
    const Child *c = dataset_find_child(ds, id);
    return c ? (int)(c - ds->children) : -1;
}

int service_splice_child(const Dataset *base, const Dataset *one, Dataset *out)
{
    memset(out, 0, sizeof *out);
    int at = one->n_children == 1 ? child_at(base, one->children[0].id) : -1;
    if (at < 0 || base->places || base->n_places) return -1;
    out->children =
        malloc((size_t)(base->n_children ? base->n_children : 1) * sizeof *out->children);
    if (!out->children) abort();
    out->n_children = out->cap_children = base->n_children;
    for (int j = 0; j < base->n_children; j++) {
        out->children[j] = j == at ? one->children[0] : base->children[j];
        out->children[j].id = arena_strdup(&out->strings, base->children[j].id);
    }
    for (size_t i = 0; i < sizeof child_arrays / sizeof child_arrays[0]; i++)
        splice_array(base, one, at, &child_arrays[i], out);
    if (one->n_marks > 0) {
        out->marks = malloc((size_t)one->n_marks * sizeof *out->marks);
        if (!out->marks) abort();
        memcpy(out->marks, one->marks, (size_t)one->n_marks * sizeof *out->marks);
    }
    out->n_marks = out->cap_marks = one->n_marks;
    out->places_derived = base->places_derived;
    out->commit = one->commit;
    return 0;
}

int service_patch_child(const char *db_path, const Dataset *base, const char *child, Dataset *out,
                        Err *err)
{
    memset(out, 0, sizeof *out);
    if (!dataset_find_child(base, child)) return 0;
    Store *s;
    int rc = service_open_existing(db_path, &s, err);
    if (rc < 0) return rc;
    Dataset one = {0};
    rc = store_load_child(s, child, &one, STORE_LOAD_ALL, err);
    store_close(s);
    /* Any other commit since base may have changed any child: only the
     * caller's own, the one right after base, is known to be this child's. */
    if (rc == 0) rc = one.commit == base->commit + 1 && service_splice_child(base, &one, out) == 0;
    dataset_free(&one);
    return rc;
}
