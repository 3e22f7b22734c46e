/* Unit tests of profile_publish: which rows of the strategy's profile are
 * withheld when it leaves the council, including the rows that would let a
 * withheld one be worked out from the rows that add up. */
#include "domain/profile.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

/* Row indexes, in the strategy's order (profile.h, docs/profile.md). */
enum {
    FULL_TIME,
    SHORT_BREAKS,
    CARE_LEAVERS,
    V2,
    C2,
    C1,
    E1,
    FOSTER,
    RESIDENTIAL,
    WITH_PARENTS,
    SUPPORTED,
    FT_UNDER5,
    FT_5_9,
    FT_10_12,
    FT_13_15,
    FT_16_17,
    FT_DISABLED,
    FT_MINORITY,
    SB_UNDER5,
    SB_5_9,
    SB_10_12,
    SB_13_15,
    SB_16_17,
    SB_MINORITY,
    LEFT_16_17,
    IN_CARE_16_17,
    L_18_21,
    L_22_24,
    L_DISABLED,
    L_MINORITY,
};

/* The strategy's own figures (section 4), which add up as the profile does. */
static const long DORSET[PROFILE_N_ROWS] = {
    274, 70, 156, 133, 98, 31, 12, 207, 34, 26, 7,  40,  42, 46, 78,
    68,  26, 30,  1,   7,  17, 27, 18,  0,  13, 68, 131, 12, 18, 6,
};

static void rows_from(const long *counts, ProfileRow *rows)
{
    for (int i = 0; i < PROFILE_N_ROWS; i++) rows[i] = (ProfileRow){"t", "r", counts[i]};
}

static void publish(const long *counts, bool *withheld)
{
    ProfileRow rows[PROFILE_N_ROWS];
    Err err;
    rows_from(counts, rows);
    assert_int_equal(profile_publish(rows, 5, withheld, &err), 0);
}

static int n_withheld(const bool *w, int from, int to)
{
    int n = 0;
    for (int i = from; i <= to; i++) n += w[i];
    return n;
}

static void test_strategy_figures(void **state)
{
    (void)state;
    bool w[PROFILE_N_ROWS];
    publish(DORSET, w);
    /* 1 under 5 on short breaks is withheld, and the next smallest age band
     * with it, else 70 less the others would give it. Nothing else. */
    assert_true(w[SB_UNDER5]);
    assert_true(w[SB_5_9]);
    assert_int_equal(n_withheld(w, 0, PROFILE_N_ROWS - 1), 2);
}

static void test_small_legal_status_takes_another(void **state)
{
    (void)state;
    long c[PROFILE_N_ROWS];
    memcpy(c, DORSET, sizeof c);
    c[E1] = 2; /* 10 more on a care order: still 274 */
    c[C2] = 108;
    bool w[PROFILE_N_ROWS];
    publish(c, w);
    assert_true(w[E1]);
    /* 274 less the three shown would give E1: one more status is withheld. */
    assert_int_equal(n_withheld(w, V2, E1), 2);
    assert_false(w[FULL_TIME]);
}

static void test_small_remainder_is_protected(void **state)
{
    (void)state;
    long c[PROFILE_N_ROWS];
    memcpy(c, DORSET, sizeof c);
    c[V2] = 131; /* 2 children on remand (J1): 274 less the four shown */
    bool w[PROFILE_N_ROWS];
    publish(c, w);
    assert_int_equal(n_withheld(w, V2, E1), 1); /* so the 2 cannot be worked out */
}

static void test_small_part_with_unpublished_complement(void **state)
{
    (void)state;
    long c[PROFILE_N_ROWS];
    memcpy(c, DORSET, sizeof c);
    c[FT_DISABLED] = 3;
    bool w[PROFILE_N_ROWS];
    publish(c, w);
    assert_true(w[FT_DISABLED]); /* "not disabled" is never published */
    assert_int_equal(n_withheld(w, FULL_TIME, FT_MINORITY), 1);
}

static void test_tiny_total_withholds_its_lists(void **state)
{
    (void)state;
    long c[PROFILE_N_ROWS];
    memcpy(c, DORSET, sizeof c);
    c[SHORT_BREAKS] = 3;
    c[SB_UNDER5] = 0, c[SB_5_9] = 1, c[SB_10_12] = 2, c[SB_13_15] = 0, c[SB_16_17] = 0;
    bool w[PROFILE_N_ROWS];
    publish(c, w);
    assert_true(w[SHORT_BREAKS]);
    assert_true(w[SB_5_9]);
    assert_true(w[SB_10_12]);
    assert_false(w[SB_UNDER5]); /* a true zero is published */
    assert_false(w[SB_MINORITY]);
    assert_false(w[FULL_TIME]);
}

static void test_care_leaver_rows_partition(void **state)
{
    (void)state;
    long c[PROFILE_N_ROWS];
    memcpy(c, DORSET, sizeof c);
    c[LEFT_16_17] = 2; /* 156 = 2 + 142 + 12 */
    c[L_18_21] = 142;
    bool w[PROFILE_N_ROWS];
    publish(c, w);
    assert_true(w[LEFT_16_17]);
    /* The three rows add up to the published 156 exactly: another goes. */
    assert_int_equal(n_withheld(w, LEFT_16_17, L_22_24) - w[IN_CARE_16_17], 2);
    assert_false(w[CARE_LEAVERS]);
}

static void test_nothing_small_nothing_withheld(void **state)
{
    (void)state;
    long c[PROFILE_N_ROWS];
    memcpy(c, DORSET, sizeof c);
    c[SB_UNDER5] = 6, c[SB_5_9] = 7, c[SB_10_12] = 12;
    bool w[PROFILE_N_ROWS];
    publish(c, w);
    assert_int_equal(n_withheld(w, 0, PROFILE_N_ROWS - 1), 0);
}

static void test_rows_that_do_not_add_up_are_refused(void **state)
{
    (void)state;
    long c[PROFILE_N_ROWS];
    memcpy(c, DORSET, sizeof c);
    c[V2] = 300; /* more than in care full time */
    ProfileRow rows[PROFILE_N_ROWS];
    bool w[PROFILE_N_ROWS];
    Err err;
    rows_from(c, rows);
    assert_int_equal(profile_publish(rows, 5, w, &err), ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strategy_figures),
        cmocka_unit_test(test_small_legal_status_takes_another),
        cmocka_unit_test(test_small_remainder_is_protected),
        cmocka_unit_test(test_small_part_with_unpublished_complement),
        cmocka_unit_test(test_tiny_total_withholds_its_lists),
        cmocka_unit_test(test_care_leaver_rows_partition),
        cmocka_unit_test(test_nothing_small_nothing_withheld),
        cmocka_unit_test(test_rows_that_do_not_add_up_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
