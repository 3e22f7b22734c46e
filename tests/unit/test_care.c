/* Unit tests for domain/care on hand-built Datasets: DEC is exclusive, periods
 * of care chain episodes with no gap, short breaks (V3/V4) are apart from
 * full-time care, and overlapping episodes are never counted twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/care.h"
#include "test_fixture.h"

static Child *add_child(Dataset *ds, const char *id, Date dob, const char *ethnic)
{
    return dataset_add_child(ds, id, "F", dob, ethnic);
}

static void add_ep(Dataset *ds, Date decom, Date dec, const char *ls, const char *cin,
                   const char *rec)
{
    fixture_episode(ds,
                    (FixtureEpisode){decom, dec, .ls = ls, .cin = cin, .place = "U4", .rec = rec});
}

static void test_short_break_codes(void **state)
{
    (void)state;
    assert_true(care_is_short_break_ls("V3"));
    assert_true(care_is_short_break_ls("V4"));
    assert_false(care_is_short_break_ls("V2"));
    assert_false(care_is_short_break_ls("C2"));
    assert_false(care_is_short_break_ls(""));
    assert_false(care_is_short_break_ls(NULL));
}

static void test_dec_is_exclusive(void **state)
{
    (void)state;
    Dataset ds = {0};
    add_child(&ds, "A", D(2010, 1, 1), "WBRI");
    add_ep(&ds, D(2020, 1, 1), D(2020, 2, 1), "C2", "N1", "E8");
    add_ep(&ds, D(2021, 1, 1), DATE_NONE, "V2", "N1", "");
    const Child *c = &ds.children[0];
    assert_false(care_looked_after_on(&ds, c, D(2019, 12, 31)));
    assert_true(care_looked_after_on(&ds, c, D(2020, 1, 1)));  /* DECOM counts */
    assert_true(care_looked_after_on(&ds, c, D(2020, 1, 31))); /* last day */
    assert_false(care_looked_after_on(&ds, c, D(2020, 2, 1))); /* DEC does not */
    assert_true(care_looked_after_on(&ds, c, D(2030, 6, 1)));  /* open episode */
    assert_ptr_equal(care_episode_on(&ds, c, D(2020, 1, 15)), &ds.episodes[0]);
    assert_null(care_episode_on(&ds, c, D(2020, 6, 1)));
    /* 31 days in January 2020, then 1 Jan 2021 to 1 Mar 2021 (59 days). */
    assert_int_equal(care_days_full_time(&ds, c, DATE_NONE, D(2021, 3, 1)), 31 + 59);
    dataset_free(&ds);
}

static void test_periods_chain_with_no_gap(void **state)
{
    (void)state;
    Dataset ds = {0};
    add_child(&ds, "A", D(2010, 1, 1), "WBRI");
    add_ep(&ds, D(2020, 1, 1), D(2020, 2, 1), "C1", "N1", "X1"); /* next starts on DEC */
    add_ep(&ds, D(2020, 2, 1), D(2020, 3, 1), "C2", "N1", "E8");
    add_ep(&ds, D(2020, 3, 2), D(2020, 4, 1), "V3", "N2", "E8"); /* one-day gap */
    add_ep(&ds, D(2020, 4, 1), D(2020, 5, 1), "V4", "N2", "E8");
    add_ep(&ds, D(2021, 1, 1), DATE_NONE, "V2", "N1", "");
    const Child *c = &ds.children[0];
    CarePeriod p[3];
    assert_int_equal(care_periods(&ds, c, p, 3), 3);
    assert_int_equal(p[0].start, D(2020, 1, 1));
    assert_int_equal(p[0].end, D(2020, 3, 1));
    assert_int_equal(p[0].first_episode, 0);
    assert_int_equal(p[0].n_episodes, 2);
    assert_false(p[0].short_breaks_only);
    assert_int_equal(p[1].start, D(2020, 3, 2));
    assert_int_equal(p[1].end, D(2020, 5, 1));
    assert_int_equal(p[1].first_episode, 2);
    assert_int_equal(p[1].n_episodes, 2);
    assert_true(p[1].short_breaks_only);
    assert_int_equal(p[2].start, D(2021, 1, 1));
    assert_int_equal(p[2].end, DATE_NONE);
    assert_int_equal(p[2].n_episodes, 1);
    /* A short array still gets the count. */
    CarePeriod one[1];
    assert_int_equal(care_periods(&ds, c, one, 1), 3);
    assert_int_equal(one[0].end, D(2020, 3, 1));
    assert_int_equal(care_periods(&ds, c, NULL, 0), 3);
    dataset_free(&ds);
}

static void test_full_time_and_short_breaks_on(void **state)
{
    (void)state;
    Dataset ds = {0};
    add_child(&ds, "A", D(2010, 1, 1), "WBRI");
    add_ep(&ds, D(2020, 1, 1), D(2020, 1, 5), "V3", "N2", "E8");
    add_ep(&ds, D(2020, 2, 1), D(2020, 3, 1), "V2", "N2", "E8");
    const Child *c = &ds.children[0];
    assert_true(care_looked_after_on(&ds, c, D(2020, 1, 2)));
    assert_true(care_short_breaks_on(&ds, c, D(2020, 1, 2)));
    assert_false(care_full_time_on(&ds, c, D(2020, 1, 2)));
    assert_null(care_full_time_episode_on(&ds, c, D(2020, 1, 2)));
    assert_true(care_full_time_on(&ds, c, D(2020, 2, 2)));
    assert_false(care_short_breaks_on(&ds, c, D(2020, 2, 2)));
    assert_ptr_equal(care_full_time_episode_on(&ds, c, D(2020, 2, 2)), &ds.episodes[1]);
    assert_false(care_short_breaks_on(&ds, c, D(2020, 1, 20)));
    dataset_free(&ds);
}

static void test_full_time_days_exclude_short_breaks_and_clip(void **state)
{
    (void)state;
    Dataset ds = {0};
    add_child(&ds, "A", D(2010, 1, 1), "WBRI");
    add_ep(&ds, D(2020, 1, 1), D(2020, 1, 11), "C2", "N1", "X1");  /* 10 days */
    add_ep(&ds, D(2020, 1, 11), D(2020, 1, 21), "V3", "N2", "E8"); /* short break */
    add_ep(&ds, D(2020, 2, 1), D(2020, 2, 11), "V2", "N1", "E8");  /* 10 days */
    const Child *c = &ds.children[0];
    assert_int_equal(care_days_full_time(&ds, c, DATE_NONE, D(2021, 1, 1)), 20);
    /* [5 Jan, 6 Feb): 6 days of the first episode, 5 of the third. */
    assert_int_equal(care_days_full_time(&ds, c, D(2020, 1, 5), D(2020, 2, 6)), 6 + 5);
    assert_int_equal(care_days_full_time(&ds, c, D(2020, 1, 11), D(2020, 2, 1)), 0);
    assert_int_equal(care_days_full_time(&ds, c, D(2020, 3, 1), D(2020, 2, 1)), 0);
    dataset_free(&ds);
}

static void test_overlapping_episodes_count_once(void **state)
{
    (void)state;
    Dataset ds = {0};
    add_child(&ds, "A", D(2010, 1, 1), "WBRI");
    add_ep(&ds, D(2021, 1, 1), D(2021, 3, 1), "C2", "N1", "E8");
    add_ep(&ds, D(2021, 2, 1), D(2021, 2, 15), "C2", "N1", "E8"); /* inside the first */
    add_ep(&ds, D(2021, 2, 20), D(2021, 4, 1), "C2", "N1", "E8"); /* runs past it */
    const Child *c = &ds.children[0];
    /* Union is 1 Jan to 1 Apr 2021: 31 + 28 + 31 = 90 days, not 90 + 14 + 9. */
    assert_int_equal(care_days_full_time(&ds, c, DATE_NONE, D(2022, 1, 1)), 90);
    assert_int_equal(care_days_full_time(&ds, c, D(2021, 2, 10), D(2021, 3, 10)), 28);
    CarePeriod p[2];
    assert_int_equal(care_periods(&ds, c, p, 2), 1);
    assert_int_equal(p[0].end, D(2021, 4, 1));
    assert_int_equal(p[0].n_episodes, 3);
    dataset_free(&ds);
}

static void test_last_episode_by(void **state)
{
    (void)state;
    Dataset ds = {0};
    add_child(&ds, "A", D(2010, 1, 1), "WBRI");
    add_ep(&ds, D(2020, 1, 1), D(2020, 2, 1), "C2", "N1", "E8");
    add_ep(&ds, D(2020, 6, 1), D(2020, 7, 1), "C2", "N1", "E8");
    const Child *c = &ds.children[0];
    assert_null(care_last_episode_by(&ds, c, D(2019, 12, 31)));
    assert_ptr_equal(care_last_episode_by(&ds, c, D(2020, 5, 31)), &ds.episodes[0]);
    assert_ptr_equal(care_last_episode_by(&ds, c, D(2020, 6, 1)), &ds.episodes[1]);
    assert_ptr_equal(care_last_episode_by(&ds, c, D(2025, 1, 1)), &ds.episodes[1]);
    dataset_free(&ds);
}

static void test_disabled_on(void **state)
{
    (void)state;
    Dataset ds = {0};
    Child *c = add_child(&ds, "A", D(2010, 1, 1), "WBRI");
    add_ep(&ds, D(2020, 1, 1), D(2020, 2, 1), "C2", "N2", "X1");
    add_ep(&ds, D(2020, 2, 1), D(2020, 3, 1), "C2", "N1", "E8");
    assert_false(care_disabled_on(&ds, c, D(2019, 1, 1))); /* no episode yet */
    assert_true(care_disabled_on(&ds, c, D(2020, 1, 31)));
    assert_false(care_disabled_on(&ds, c, D(2020, 2, 1)));
    assert_false(care_disabled_on(&ds, c, D(2024, 1, 1))); /* falls back to the last: N1 */
    c->disability = DISABILITY_OVERRIDE_YES;
    assert_true(care_disabled_on(&ds, c, D(2020, 2, 1)));
    c->disability = DISABILITY_OVERRIDE_NO;
    assert_false(care_disabled_on(&ds, c, D(2020, 1, 31)));
    dataset_free(&ds);
}

static void test_disabled_falls_back_to_last_episode(void **state)
{
    (void)state;
    Dataset ds = {0};
    Child *c = add_child(&ds, "A", D(2010, 1, 1), "WBRI");
    add_ep(&ds, D(2020, 1, 1), D(2020, 2, 1), "V3", "N2", "E8");
    assert_true(care_disabled_on(&ds, c, D(2024, 1, 1)));
    dataset_free(&ds);
}

static void test_ethnic_minority(void **state)
{
    (void)state;
    Dataset ds = {0};
    const char *codes[] = {"WBRI", "WIRI", "BAFR", "REFU", "NOBT", "", "mwbc"};
    bool want[] = {false, true, true, false, false, false, true};
    char id[2] = "a";
    for (int i = 0; i < 7; i++, id[0]++) {
        Child *c = add_child(&ds, id, D(2010, 1, 1), codes[i]);
        assert_int_equal(care_ethnic_minority(c), want[i]);
    }
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_break_codes),
        cmocka_unit_test(test_dec_is_exclusive),
        cmocka_unit_test(test_periods_chain_with_no_gap),
        cmocka_unit_test(test_full_time_and_short_breaks_on),
        cmocka_unit_test(test_full_time_days_exclude_short_breaks_and_clip),
        cmocka_unit_test(test_overlapping_episodes_count_once),
        cmocka_unit_test(test_last_episode_by),
        cmocka_unit_test(test_disabled_on),
        cmocka_unit_test(test_disabled_falls_back_to_last_episode),
        cmocka_unit_test(test_ethnic_minority),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
