/* Two Datasets hold the same history: every child (its id as text, the rest
 * byte for byte) and every array of the 903 tables and the local records.
 * Shared by the tests that load one history two ways (store_load: parts and
 * threads; store_pg: both drivers; import_overlap: the threaded writer
 * against the one-thread path). Include after cmocka.h. */
#ifndef CAREPLEDGE_TEST_SAME_DATASET_H
#define CAREPLEDGE_TEST_SAME_DATASET_H

#include "domain/dataset.h"

#define SAME_ARRAY(a, b, field, n)                                                            \
    do {                                                                                      \
        assert_int_equal((a)->n, (b)->n);                                                     \
        if ((a)->n)                                                                           \
            assert_memory_equal((a)->field, (b)->field, (size_t)(a)->n * sizeof *(a)->field); \
    } while (0)

static void assert_same_dataset(const Dataset *a, const Dataset *b)
{
    assert_int_equal(a->n_children, b->n_children);
    for (int i = 0; i < a->n_children; i++) {
        Child ca = a->children[i], cb = b->children[i];
        assert_string_equal(ca.id, cb.id);
        ca.id = cb.id = NULL;
        assert_memory_equal(&ca, &cb, sizeof ca);
    }
    SAME_ARRAY(a, b, episodes, n_episodes);
    SAME_ARRAY(a, b, reviews, n_reviews);
    SAME_ARRAY(a, b, oc3, n_oc3);
    SAME_ARRAY(a, b, records, n_records);
    SAME_ARRAY(a, b, oc2, n_oc2);
    SAME_ARRAY(a, b, missing, n_missing);
    SAME_ARRAY(a, b, ad1, n_ad1);
    SAME_ARRAY(a, b, placed_adoption, n_placed_adoption);
}

#endif
