/* Unit tests for domain/leaver: care-leaver categories at chosen dates, with
 * the dates worked out in comments. Most cases use one young person born
 * 10/05/2008: 14th birthday 10/05/2022, 16th 10/05/2024, 18th 10/05/2026,
 * 21st 10/05/2029, 24th 10/05/2032, 25th 10/05/2033. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/leaver.h"
#include "test_fixture.h"

#include <string.h>

#define DOB D(2008, 5, 10)

static void add_ep(Dataset *ds, Date decom, Date dec, const char *ls, const char *rec)
{
    fixture_episode(ds,
                    (FixtureEpisode){decom, dec, .ls = ls, .cin = "N1", .place = "U4", .rec = rec});
}

static void add_oc3(Dataset *ds, int year, const char *activ)
{
    fixture_oc3(ds, year, "YES", activ, "S");
}

/* The status of the dataset's only (or first) child. */
static LeaverStatus on(const Dataset *ds, Date at)
{
    return leaver_status(ds, &ds->children[0], at, LEAVER_RULES_CURRENT);
}

static LeaverStatus on_2010(const Dataset *ds, Date at)
{
    return leaver_status(ds, &ds->children[0], at, LEAVER_RULES_2010);
}

static LeaverCategory category(const Dataset *ds, Date at)
{
    return on(ds, at).category;
}

/* Looked after 01/01/2024 to 18th birthday (DEC 10/05/2026, left at 18). */
static void build_left_at_18(Dataset *ds)
{
    dataset_add_child(ds, "A", "F", DOB, "WBRI");
    add_ep(ds, D(2024, 1, 1), D(2026, 5, 10), "C2", "E5");
}

static void test_names_and_rules(void **state)
{
    (void)state;
    assert_string_equal(leaver_category_name(LEAVER_NONE), "none");
    assert_string_equal(leaver_category_name(LEAVER_ELIGIBLE), "eligible");
    assert_string_equal(leaver_category_name(LEAVER_RELEVANT), "relevant");
    assert_string_equal(leaver_category_name(LEAVER_FORMER_RELEVANT), "former_relevant");
    assert_string_equal(leaver_category_name(LEAVER_QUALIFYING), "qualifying");
    LeaverRules r = LEAVER_RULES_2010;
    assert_int_equal(leaver_parse_rules("current", &r), 0);
    assert_int_equal(r, LEAVER_RULES_CURRENT);
    assert_int_equal(leaver_parse_rules("2010", &r), 0);
    assert_int_equal(r, LEAVER_RULES_2010);
    assert_int_equal(leaver_parse_rules("2011", &r), -1);
    assert_int_equal(leaver_parse_rules("", &r), -1);
}

static void test_periods_before_14_do_not_count(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Looked after 01/01/2020 up to the 14th birthday (DEC 10/05/2022): none of
     * it counts. Back in care 01/06/2024, aged 16. */
    dataset_add_child(&ds, "A", "F", DOB, "WBRI");
    add_ep(&ds, D(2020, 1, 1), D(2022, 5, 10), "C2", "E8");
    add_ep(&ds, D(2024, 6, 1), DATE_NONE, "V2", "");
    /* 01/06/2024 to 01/07/2024 inclusive: 31 days. */
    LeaverStatus st = on(&ds, D(2024, 7, 1));
    assert_int_equal(st.days_since_14, 31);
    assert_true(st.in_care);
    assert_int_equal(st.age, 16);
    assert_int_equal(st.category, LEAVER_NONE);
    /* 01/06 to 29/08/2024 inclusive: 30 + 31 + 29 = 90; to 30/08: 91. */
    assert_int_equal(category(&ds, D(2024, 8, 29)), LEAVER_NONE);
    assert_int_equal(category(&ds, D(2024, 8, 30)), LEAVER_ELIGIBLE);
    dataset_free(&ds);

    /* The same, but the first episode ends two days after the 14th birthday
     * (DEC 12/05/2022): 10 and 11 May count, so 31 + 2 = 33. */
    Dataset ds2 = {0};
    dataset_add_child(&ds2, "A", "F", DOB, "WBRI");
    add_ep(&ds2, D(2020, 1, 1), D(2022, 5, 12), "C2", "E8");
    add_ep(&ds2, D(2024, 6, 1), DATE_NONE, "V2", "");
    assert_int_equal(on(&ds2, D(2024, 7, 1)).days_since_14, 33);
    dataset_free(&ds2);
}

static void test_short_periods_add_up_to_91(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", DOB, "WBRI");
    add_ep(&ds, D(2023, 1, 1), D(2023, 1, 31), "V2", "E8"); /* 1-30 Jan: 30 days */
    add_ep(&ds, D(2023, 6, 1), D(2023, 7, 1), "C1", "E8");  /* June: 30 days */
    add_ep(&ds, D(2024, 6, 1), DATE_NONE, "V2", "");        /* from 1 June 2024 */
    /* On 01/07/2024: 30 + 30 + 31 (1 June to 1 July inclusive) = 91. */
    LeaverStatus st = on(&ds, D(2024, 7, 1));
    assert_int_equal(st.days_since_14, 91);
    assert_int_equal(st.category, LEAVER_ELIGIBLE);
    assert_non_null(strstr(st.reason, "91 days since 14th birthday (91 needed)"));
    assert_non_null(strstr(st.entitlement, "CPPCR regs 42-44"));
    /* On 30/06/2024: 30 + 30 + 30 = 90. */
    st = on(&ds, D(2024, 6, 30));
    assert_int_equal(st.days_since_14, 90);
    assert_int_equal(st.category, LEAVER_NONE);
    assert_non_null(strstr(st.reason, "only 90 days"));
    dataset_free(&ds);
}

static void test_short_breaks_only_none(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Two years of short breaks from 14, still having them at 17; then at 18. */
    dataset_add_child(&ds, "A", "M", DOB, "WBRI");
    add_ep(&ds, D(2023, 1, 1), D(2024, 1, 1), "V3", "X1");
    add_ep(&ds, D(2024, 1, 1), D(2025, 1, 1), "V4", "X1");
    add_ep(&ds, D(2025, 1, 1), D(2026, 5, 10), "V3", "E8");
    LeaverStatus st = on(&ds, D(2025, 6, 1));
    assert_int_equal(st.category, LEAVER_NONE);
    assert_false(st.in_care);
    assert_int_equal(st.days_since_14, 0);
    assert_int_equal(category(&ds, D(2026, 6, 1)), LEAVER_NONE);
    assert_int_equal(category(&ds, D(2027, 6, 1)), LEAVER_NONE);
    dataset_free(&ds);
}

static void test_returned_home_five_months_relevant_seven_qualifying(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Looked after 01/01/2023 to 31/08/2025 (DEC 01/09/2025, aged 17),
     * returned home to parents (E4A). Six months after DEC: 01/03/2026. */
    dataset_add_child(&ds, "A", "F", DOB, "WBRI");
    add_ep(&ds, D(2023, 1, 1), D(2025, 9, 1), "C2", "E4A");
    LeaverStatus st = on(&ds, D(2026, 2, 1)); /* 5 months home */
    assert_int_equal(st.category, LEAVER_RELEVANT);
    assert_int_equal(st.age, 17);
    assert_false(st.in_care);
    assert_non_null(strstr(st.reason, "left care 01/09/2025 aged 17"));
    assert_non_null(strstr(st.entitlement, "s23B"));
    assert_int_equal(category(&ds, D(2026, 2, 28)), LEAVER_RELEVANT);  /* day before 6 months */
    assert_int_equal(category(&ds, D(2026, 3, 1)), LEAVER_QUALIFYING); /* 6 months */
    st = on(&ds, D(2026, 4, 1));                                       /* 7 months home */
    assert_int_equal(st.category, LEAVER_QUALIFYING);
    assert_non_null(strstr(st.reason, "home (E4A) 6+ months, so not relevant"));
    assert_string_equal(st.entitlement, "advice and assistance (CA89 s24)");
    /* Home since before the 18th birthday for 6 months: qualifying at 18 too. */
    assert_int_equal(category(&ds, D(2026, 5, 10)), LEAVER_QUALIFYING);
    dataset_free(&ds);
}

static void test_returned_home_other_codes(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* E4B is also home to parents; E13 (no parental responsibility) and E8 are
     * not, so 7 months later those two are still relevant. */
    const char *recs[] = {"E4B", "E13", "E8"};
    LeaverCategory want[] = {LEAVER_QUALIFYING, LEAVER_RELEVANT, LEAVER_RELEVANT};
    char id[2] = "a";
    for (int i = 0; i < 3; i++, id[0]++) {
        dataset_add_child(&ds, id, "F", DOB, "WBRI");
        add_ep(&ds, D(2023, 1, 1), D(2025, 9, 1), "C2", recs[i]);
    }
    for (int i = 0; i < 3; i++)
        assert_int_equal(
            leaver_status(&ds, &ds.children[i], D(2026, 4, 1), LEAVER_RULES_CURRENT).category,
            want[i]);
    dataset_free(&ds);
}

static void test_relevant_until_18_becomes_former_relevant(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Left 01/01/2026 aged 17 (E4A). Six months home would be 01/07/2026,
     * after the day before the 18th birthday (09/05/2026): still relevant
     * then, so former relevant from 10/05/2026 (CA89 s23C(1)(a)). */
    dataset_add_child(&ds, "A", "F", DOB, "WBRI");
    add_ep(&ds, D(2023, 1, 1), D(2026, 1, 1), "C2", "E4A");
    assert_int_equal(category(&ds, D(2026, 5, 9)), LEAVER_RELEVANT);
    LeaverStatus st = on(&ds, D(2026, 5, 10));
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    assert_non_null(strstr(st.reason, "relevant until 18th birthday"));
    assert_non_null(strstr(st.entitlement, "s23C"));
    /* Six months at home are complete on 01/07/2026: he would not be a
     * relevant child if under 18, so he is not former relevant any more
     * (s23C(1)(a); CLR 2010 reg 3(3)) but qualifying (s24(1B)). */
    assert_int_equal(category(&ds, D(2026, 6, 30)), LEAVER_FORMER_RELEVANT);
    assert_int_equal(category(&ds, D(2026, 7, 1)), LEAVER_QUALIFYING);
    dataset_free(&ds);
}

static void test_looked_after_on_18th_birthday_former_relevant(void **state)
{
    (void)state;
    Dataset ds = {0};
    build_left_at_18(&ds);
    LeaverStatus st = on(&ds, D(2026, 5, 9)); /* day before: in care, eligible */
    assert_int_equal(st.category, LEAVER_ELIGIBLE);
    assert_int_equal(st.age, 17);
    /* DEC 10/05/2026 is the 18th birthday: looked after when attaining 18
     * (CA89 s23C(1)(b)); 01/01/2024 to 09/05/2026 is 860 days. */
    st = on(&ds, D(2026, 5, 10));
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    assert_int_equal(st.age, 18);
    assert_false(st.in_care);
    assert_int_equal(st.days_since_14, D(2026, 5, 10) - D(2024, 1, 1));
    assert_int_equal(st.days_since_14, 860);
    assert_non_null(strstr(st.reason, "looked after when attaining 18 on 10/05/2026"));
    dataset_free(&ds);
}

static void test_open_episode_read_as_ending_at_18(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Nobody is looked after at 18 (CA89 s105(1)): an episode never closed is
     * read as ending on the 18th birthday. */
    dataset_add_child(&ds, "A", "F", DOB, "WBRI");
    add_ep(&ds, D(2024, 1, 1), DATE_NONE, "C2", "");
    assert_true(on(&ds, D(2026, 5, 9)).in_care);
    LeaverStatus st = on(&ds, D(2026, 6, 1));
    assert_false(st.in_care);
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    assert_int_equal(st.days_since_14, 860); /* counted to the 18th birthday only */
    dataset_free(&ds);
}

static void test_at_18_with_few_days_qualifying(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* First looked after 01/03/2026 aged 17, left at 18 (DEC 10/05/2026):
     * March 31 + April 30 + 1-9 May = 70 days. */
    dataset_add_child(&ds, "A", "M", DOB, "WBRI");
    add_ep(&ds, D(2026, 3, 1), D(2026, 5, 10), "V2", "E5");
    assert_int_equal(category(&ds, D(2026, 5, 9)), LEAVER_NONE); /* in care, 70 days */
    LeaverStatus st = on(&ds, D(2026, 5, 10));
    assert_int_equal(st.days_since_14, 70);
    assert_int_equal(st.category, LEAVER_QUALIFYING);
    assert_int_equal(category(&ds, D(2029, 5, 9)), LEAVER_QUALIFYING); /* aged 20 */
    assert_int_equal(category(&ds, D(2029, 5, 10)), LEAVER_NONE);      /* 21, no OC3 */
    dataset_free(&ds);
}

static void test_left_at_16_too_few_days_qualifying(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Looked after in June 2024 only (30 days, aged 16). */
    dataset_add_child(&ds, "A", "M", DOB, "WBRI");
    add_ep(&ds, D(2024, 6, 1), D(2024, 7, 1), "V2", "E8");
    LeaverStatus st = on(&ds, D(2024, 8, 1));
    assert_int_equal(st.category, LEAVER_QUALIFYING);
    assert_int_equal(st.days_since_14, 30);
    assert_int_equal(category(&ds, D(2026, 6, 1)), LEAVER_QUALIFYING);
    dataset_free(&ds);
}

static void test_left_before_16_none(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Two years in care from 14, left aged 15 (DEC 01/05/2024, 16th birthday
     * 10/05/2024): never looked after after 16. */
    dataset_add_child(&ds, "A", "F", DOB, "WBRI");
    add_ep(&ds, D(2022, 6, 1), D(2024, 5, 1), "C2", "E8");
    LeaverStatus st = on(&ds, D(2024, 4, 1)); /* in care at 15 */
    assert_int_equal(st.category, LEAVER_NONE);
    assert_true(st.in_care);
    assert_non_null(strstr(st.reason, "starts at 16"));
    assert_int_equal(category(&ds, D(2024, 6, 1)), LEAVER_NONE);
    assert_int_equal(category(&ds, D(2026, 6, 1)), LEAVER_NONE);
    dataset_free(&ds);

    /* DEC the day before the 16th birthday: last looked after aged 15, so
     * none. DEC on the 16th birthday: care was still running at the first
     * moment of that day, when the young person attained 16 (FLRA 1969 s9),
     * the same rule that makes care ending on the 18th birthday "looked after
     * when attaining 18": relevant (eligible when leaving, 709 days since 14).
     * Before issue 12 this case was asserted as none. */
    Dataset ds2 = {0};
    dataset_add_child(&ds2, "a", "F", DOB, "WBRI");
    add_ep(&ds2, D(2022, 6, 1), D(2024, 5, 9), "C2", "E8");
    dataset_add_child(&ds2, "b", "F", DOB, "WBRI");
    add_ep(&ds2, D(2022, 6, 1), D(2024, 5, 10), "C2", "E8");
    Date at = D(2024, 6, 1);
    st = leaver_status(&ds2, &ds2.children[0], at, LEAVER_RULES_CURRENT);
    assert_int_equal(st.category, LEAVER_NONE);
    assert_non_null(strstr(st.reason, "before 16th birthday"));
    st = leaver_status(&ds2, &ds2.children[1], at, LEAVER_RULES_CURRENT);
    assert_int_equal(st.category, LEAVER_RELEVANT);
    assert_int_equal(st.days_since_14, 709);
    assert_non_null(strstr(st.reason, "aged 16"));
    dataset_free(&ds2);
}

/* One rule for both birthdays (FLRA 1969 s9): care ending on the 16th
 * birthday counts as looked after at 16 exactly as care ending on the 18th
 * counts as looked after when attaining 18. With 13 weeks since 14 that is
 * eligible when leaving on the 16th (relevant), former relevant on the 18th;
 * with less, qualifying in both (s24(1B)), never none. */
static void test_care_ending_on_16th_and_18th_birthday(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "on16", "F", DOB, "WBRI");
    add_ep(&ds, D(2022, 6, 1), D(2024, 5, 10), "C2", "E8");
    dataset_add_child(&ds, "on18", "F", DOB, "WBRI");
    add_ep(&ds, D(2022, 6, 1), D(2026, 5, 10), "C2", "E8");
    dataset_add_child(&ds, "short16", "F", DOB, "WBRI"); /* 30 days */
    add_ep(&ds, D(2024, 4, 10), D(2024, 5, 10), "V2", "E8");
    dataset_add_child(&ds, "short18", "F", DOB, "WBRI");
    add_ep(&ds, D(2026, 4, 10), D(2026, 5, 10), "V2", "E8");
    Date at = D(2026, 6, 1);
    assert_int_equal(leaver_category(&ds, &ds.children[0], D(2024, 6, 1), LEAVER_RULES_CURRENT),
                     LEAVER_RELEVANT);
    assert_int_equal(leaver_category(&ds, &ds.children[0], at, LEAVER_RULES_CURRENT),
                     LEAVER_FORMER_RELEVANT);
    assert_int_equal(leaver_category(&ds, &ds.children[1], at, LEAVER_RULES_CURRENT),
                     LEAVER_FORMER_RELEVANT);
    assert_int_equal(leaver_category(&ds, &ds.children[2], D(2024, 6, 1), LEAVER_RULES_CURRENT),
                     LEAVER_QUALIFYING);
    assert_int_equal(leaver_category(&ds, &ds.children[3], at, LEAVER_RULES_CURRENT),
                     LEAVER_QUALIFYING);
    dataset_free(&ds);
}

/* Born 29/02/2008: the 16th birthday falls in a leap year, 29/02/2024; in
 * a common year the birthday is taken as 1 March (date_birthday), so the 18th
 * is 01/03/2026. Care ending on 29/02/2024 ends on the 16th birthday; care
 * ending 28/02/2026 ends before the 18th, 01/03/2026 on it. */
static void test_leap_year_birthday(void **state)
{
    (void)state;
    Dataset ds = {0};
    Date dob = D(2008, 2, 29);
    dataset_add_child(&ds, "on16", "F", dob, "WBRI");
    add_ep(&ds, D(2022, 6, 1), D(2024, 2, 29), "C2", "E8");
    dataset_add_child(&ds, "before18", "F", dob, "WBRI");
    add_ep(&ds, D(2022, 6, 1), D(2026, 2, 28), "C2", "E8");
    dataset_add_child(&ds, "on18", "F", dob, "WBRI");
    add_ep(&ds, D(2022, 6, 1), D(2026, 3, 1), "C2", "E8");
    LeaverStatus st = leaver_status(&ds, &ds.children[0], D(2024, 3, 2), LEAVER_RULES_CURRENT);
    assert_int_equal(st.category, LEAVER_RELEVANT);
    assert_int_equal(st.age, 16);
    /* 28/02/2026 is the last day aged 17: left before 18, relevant until 18,
     * then former relevant all the same. */
    st = leaver_status(&ds, &ds.children[1], D(2026, 2, 28), LEAVER_RULES_CURRENT);
    assert_int_equal(st.category, LEAVER_RELEVANT);
    assert_int_equal(st.age, 17);
    st = leaver_status(&ds, &ds.children[2], D(2026, 3, 1), LEAVER_RULES_CURRENT);
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    assert_non_null(strstr(st.reason, "when attaining 18 on 01/03/2026"));
    dataset_free(&ds);
}

/* CLR 2010 reg 3(3): six months living with a parent "whether that period
 * commenced before or after" care ended. Eligible (in care from 2023),
 * placed with parents (P1) from 01/06/2025, care ended 01/09/2025 (E4A,
 * returned home). Home since 01/06/2025: six months on 01/12/2025, not
 * 01/03/2026 as counted from the end of care. A young person placed with
 * parents who left care to live elsewhere (E5) stays relevant; one returned
 * home from foster care (U4) counts from the end of care. */
static void test_home_six_months_before_and_after_care_ends(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "p1", "F", D(2009, 1, 1), "WBRI");
    fixture_episode(&ds,
                    (FixtureEpisode){D(2023, 1, 1), D(2025, 6, 1), "S", "C2", "N1", "U4", "X1"});
    fixture_episode(&ds,
                    (FixtureEpisode){D(2025, 6, 1), D(2025, 9, 1), "P", "C2", "N1", "P1", "E4A"});
    dataset_add_child(&ds, "p1-moved", "F", D(2009, 1, 1), "WBRI");
    fixture_episode(&ds,
                    (FixtureEpisode){D(2023, 1, 1), D(2025, 6, 1), "S", "C2", "N1", "U4", "X1"});
    fixture_episode(&ds,
                    (FixtureEpisode){D(2025, 6, 1), D(2025, 9, 1), "P", "C2", "N1", "P1", "E5"});
    dataset_add_child(&ds, "foster", "F", D(2009, 1, 1), "WBRI");
    fixture_episode(&ds,
                    (FixtureEpisode){D(2023, 1, 1), D(2025, 9, 1), "S", "C2", "N1", "U4", "E4A"});
    const Child *p1 = &ds.children[0], *moved = &ds.children[1], *foster = &ds.children[2];
    assert_int_equal(leaver_category(&ds, p1, D(2025, 11, 30), LEAVER_RULES_CURRENT),
                     LEAVER_RELEVANT);
    LeaverStatus st = leaver_status(&ds, p1, D(2025, 12, 1), LEAVER_RULES_CURRENT);
    assert_int_equal(st.category, LEAVER_QUALIFYING);
    assert_non_null(strstr(st.reason, "6+ months"));
    assert_int_equal(leaver_category(&ds, moved, D(2026, 6, 1), LEAVER_RULES_CURRENT),
                     LEAVER_RELEVANT);
    assert_int_equal(leaver_category(&ds, foster, D(2026, 2, 28), LEAVER_RULES_CURRENT),
                     LEAVER_RELEVANT);
    assert_int_equal(leaver_category(&ds, foster, D(2026, 3, 1), LEAVER_RULES_CURRENT),
                     LEAVER_QUALIFYING);
    /* At 18 (01/01/2027) the P1 young person had been home 6 months before
     * 18: qualifying, not former relevant. */
    assert_int_equal(leaver_category(&ds, p1, D(2027, 2, 1), LEAVER_RULES_CURRENT),
                     LEAVER_QUALIFYING);
    dataset_free(&ds);
}

/* CA89 Sch 2 para 19B(2)(b), CPPCR 2010 reg 40(1): 13 weeks (91 days) in
 * periods that began after 14, counted from the 14th birthday (10/05/2022)
 * when a period crosses it, and added up over gaps. Looked after 01/04/2022 to
 * DEC 08/08/2022: 10/05 to 07/08 is 90 days. Back in care 01/06/2024, aged 16:
 * the 91st day is 01/06/2024 itself, so eligible that day. Leaving a day
 * earlier (DEC 07/08/2022, 89 days) makes it 02/06/2024. */
static void test_13_weeks_crossing_14th_birthday(void **state)
{
    (void)state;
    for (int shorter = 0; shorter < 2; shorter++) {
        Dataset ds = {0};
        dataset_add_child(&ds, "A", "F", DOB, "WBRI");
        add_ep(&ds, D(2022, 4, 1), shorter ? D(2022, 8, 7) : D(2022, 8, 8), "C2", "E8");
        add_ep(&ds, D(2024, 6, 1), DATE_NONE, "V2", "");
        LeaverStatus st = on(&ds, D(2024, 6, 1));
        assert_int_equal(st.days_since_14, shorter ? 90 : 91);
        assert_int_equal(st.category, shorter ? LEAVER_NONE : LEAVER_ELIGIBLE);
        assert_int_equal(category(&ds, D(2024, 6, 2)), LEAVER_ELIGIBLE);
        dataset_free(&ds);
    }
}

/* CA89 s23C(1)(a): former relevant is someone who has been a relevant child
 * "and would be one if he were under eighteen"; CLR 2010 reg 3(3) takes out
 * whoever has lived with a parent for six months, whenever the six months end.
 * Looked after 01/01/2024 to 01/03/2026 (aged 17, 13 weeks since 14), returned
 * home (E4A). 18th birthday 10/05/2026: home 2 months, so former relevant.
 * Six months at home are complete on 01/09/2026 (01/03 + 6 months): from then
 * he would not be relevant if under 18, so not former relevant; left care after
 * 16 and under 21: qualifying (s24(1B)). */
static void test_home_six_months_after_18_ends_former_relevance(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", DOB, "WBRI");
    add_ep(&ds, D(2024, 1, 1), D(2026, 3, 1), "C2", "E4A");
    assert_int_equal(category(&ds, D(2026, 5, 9)), LEAVER_RELEVANT);
    assert_int_equal(category(&ds, D(2026, 5, 10)), LEAVER_FORMER_RELEVANT);
    assert_int_equal(category(&ds, D(2026, 8, 31)), LEAVER_FORMER_RELEVANT);
    LeaverStatus st = on(&ds, D(2026, 9, 1));
    assert_int_equal(st.category, LEAVER_QUALIFYING);
    assert_non_null(strstr(st.reason, "6+ months, so not former relevant"));
    /* Left care to a foster carer's (E5) instead: no home period, former
     * relevant to 21. */
    Dataset moved = {0};
    dataset_add_child(&moved, "B", "F", DOB, "WBRI");
    add_ep(&moved, D(2024, 1, 1), D(2026, 3, 1), "C2", "E5");
    assert_int_equal(category(&moved, D(2029, 5, 9)), LEAVER_FORMER_RELEVANT);
    dataset_free(&moved);
    dataset_free(&ds);
}

static void test_21st_birthday_not_in_education(void **state)
{
    (void)state;
    Dataset ds = {0};
    build_left_at_18(&ds);
    add_oc3(&ds, 2029, "G5");                 /* not in education, employment or training */
    LeaverStatus st = on(&ds, D(2029, 5, 9)); /* aged 20 */
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    st = on(&ds, D(2029, 5, 10)); /* 21st birthday */
    assert_int_equal(st.age, 21);
    assert_int_equal(st.category, LEAVER_NONE);
    assert_false(st.in_education);
    assert_non_null(strstr(st.reason, "no education or training (OC3 ACTIV G5)"));
    dataset_free(&ds);
}

static void test_21st_birthday_in_education(void **state)
{
    (void)state;
    Dataset ds = {0};
    build_left_at_18(&ds);
    /* 10/05/2029 is in collection year 2029/30 (2030): the 2029 OC3 counts,
     * the 2031 one is not known yet. */
    add_oc3(&ds, 2029, "F2");
    add_oc3(&ds, 2031, "G5");
    LeaverStatus st = on(&ds, D(2029, 5, 10));
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    assert_true(st.in_education);
    assert_true(st.full_time_education);
    assert_non_null(strstr(st.reason, "in education or training (OC3 ACTIV F2)"));
    /* By 2031/32 the latest OC3 says G5. */
    assert_int_equal(category(&ds, D(2031, 5, 10)), LEAVER_NONE);
    dataset_free(&ds);
}

static void test_part_time_and_training_activities(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Aged 22 on 10/05/2030 (collection year 2031). P2: part-time education
     * counts, but is not full time; F5 (training or employment) does not. */
    const char *activ[] = {"P2", "F4", "F1", "F5"};
    bool edu[] = {true, true, true, false}, full[] = {false, false, true, false};
    char id[2] = "a";
    for (int i = 0; i < 4; i++, id[0]++) {
        dataset_add_child(&ds, id, "F", DOB, "WBRI");
        add_ep(&ds, D(2024, 1, 1), D(2026, 5, 10), "C2", "E5");
        add_oc3(&ds, 2030, activ[i]);
    }
    for (int i = 0; i < 4; i++) {
        LeaverStatus st = leaver_status(&ds, &ds.children[i], D(2030, 5, 10), LEAVER_RULES_CURRENT);
        assert_int_equal(st.in_education, edu[i]);
        assert_int_equal(st.full_time_education, full[i]);
        assert_int_equal(st.category, edu[i] ? LEAVER_FORMER_RELEVANT : LEAVER_NONE);
    }
    dataset_free(&ds);
}

static void test_24th_birthday_in_education(void **state)
{
    (void)state;
    Dataset ds = {0};
    build_left_at_18(&ds);
    add_oc3(&ds, 2032, "F1");
    /* 24th birthday 10/05/2032: current rules run to 25 (s23CA), the 2010
     * rules to 24 (strategy Appendix 1). */
    LeaverStatus st = on(&ds, D(2032, 5, 10));
    assert_int_equal(st.age, 24);
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    assert_non_null(strstr(st.entitlement, "s23CZB"));
    st = on_2010(&ds, D(2032, 5, 10));
    assert_int_equal(st.category, LEAVER_NONE);
    assert_non_null(strstr(st.reason, "support ends at 24"));
    st = on_2010(&ds, D(2032, 5, 9)); /* aged 23 */
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    assert_non_null(strstr(st.entitlement, "to 24"));
    dataset_free(&ds);
}

static void test_25th_birthday_in_education(void **state)
{
    (void)state;
    Dataset ds = {0};
    build_left_at_18(&ds);
    add_oc3(&ds, 2033, "F1");
    assert_int_equal(category(&ds, D(2033, 5, 9)), LEAVER_FORMER_RELEVANT); /* 24 */
    assert_int_equal(on_2010(&ds, D(2033, 5, 9)).category, LEAVER_NONE);
    LeaverStatus st = on(&ds, D(2033, 5, 10)); /* 25th birthday */
    assert_int_equal(st.category, LEAVER_NONE);
    assert_non_null(strstr(st.reason, "support ends at 25"));
    assert_int_equal(on_2010(&ds, D(2033, 5, 10)).category, LEAVER_NONE);
    dataset_free(&ds);
}

static void test_qualifying_in_education_after_21(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Left at 18 with 70 days: qualifying; at 22 in full-time education it
     * stands (s24B), and ends at 25. */
    dataset_add_child(&ds, "A", "M", DOB, "WBRI");
    add_ep(&ds, D(2026, 3, 1), D(2026, 5, 10), "V2", "E5");
    add_oc3(&ds, 2030, "F2");
    LeaverStatus st = on(&ds, D(2030, 6, 1));
    assert_int_equal(st.category, LEAVER_QUALIFYING);
    assert_true(st.full_time_education);
    assert_int_equal(category(&ds, D(2033, 5, 10)), LEAVER_NONE);
    dataset_free(&ds);
}

static void test_29_february_birthday(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Born 29/02/2008: 14th birthday 01/03/2022 (common year), 16th
     * 29/02/2024 (leap year), 18th 01/03/2026 (common year). */
    dataset_add_child(&ds, "A", "F", D(2008, 2, 29), "WBRI");
    add_ep(&ds, D(2023, 12, 1), D(2026, 3, 1), "C2", "E5");
    /* 28/02/2024: aged 15; Dec 31 + Jan 31 + Feb 1-28 = 90 days. */
    LeaverStatus st = on(&ds, D(2024, 2, 28));
    assert_int_equal(st.age, 15);
    assert_int_equal(st.days_since_14, 90);
    assert_int_equal(st.category, LEAVER_NONE);
    /* 29/02/2024: 16th birthday, 91 days. */
    st = on(&ds, D(2024, 2, 29));
    assert_int_equal(st.age, 16);
    assert_int_equal(st.days_since_14, 91);
    assert_int_equal(st.category, LEAVER_ELIGIBLE);
    assert_int_equal(category(&ds, D(2026, 2, 28)), LEAVER_ELIGIBLE); /* still 17 */
    /* DEC 01/03/2026 is the 18th birthday: looked after when attaining 18. */
    st = on(&ds, D(2026, 3, 1));
    assert_int_equal(st.age, 18);
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    dataset_free(&ds);

    /* The 14th birthday is 01/03/2022: February 2022 does not count, March does. */
    Dataset ds2 = {0};
    dataset_add_child(&ds2, "B", "M", D(2008, 2, 29), "WBRI");
    add_ep(&ds2, D(2022, 2, 1), D(2022, 4, 1), "C2", "E8");
    add_ep(&ds2, D(2024, 1, 1), DATE_NONE, "C2", "");
    /* 31 (March 2022) + 31 + 29 + 1 (1 Jan to 1 Mar 2024 inclusive) = 92. */
    st = on(&ds2, D(2024, 3, 1));
    assert_int_equal(st.days_since_14, 92);
    assert_int_equal(st.category, LEAVER_ELIGIBLE);
    dataset_free(&ds2);
}

/* CA89 s23CZB (CSWA 2017 s3): a former relevant young person of 21 to 24 who
 * asks for advice and support is owed a personal adviser to 25. Left care at
 * 18 (former relevant), not in education (OC3 ACTIV G5); asks on 01/09/2030,
 * aged 22. The 25th birthday is 10/05/2033. */
static void request(Dataset *ds, Date d, int subtype)
{
    fixture_record(ds, d, RECORD_PA_REQUEST, subtype);
}

static void test_request_after_21_to_25(void **state)
{
    (void)state;
    Dataset ds = {0};
    build_left_at_18(&ds);
    add_oc3(&ds, 2030, "G5");
    request(&ds, D(2030, 9, 1), RECORD_REQUEST_MADE);
    /* The day before the request: 22, not in education, not asked: none. */
    LeaverStatus st = on(&ds, D(2030, 8, 31));
    assert_int_equal(st.category, LEAVER_NONE);
    assert_int_equal(st.on_request, DATE_NONE);
    /* From the request: former relevant, on request. */
    st = on(&ds, D(2030, 9, 1));
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    assert_int_equal(st.on_request, D(2030, 9, 1));
    assert_non_null(strstr(st.reason, "asked for advice and support on 01/09/2030"));
    assert_non_null(strstr(st.entitlement, "s23CZB"));
    assert_non_null(strstr(st.entitlement, "needs assessment"));
    /* The day before the 25th birthday: still owed; on it: not (s23CZB(1)(a),
     * (3)(a) "until ... reaches the age of 25"). */
    st = on(&ds, D(2033, 5, 9));
    assert_int_equal(st.age, 24);
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    st = on(&ds, D(2033, 5, 10));
    assert_int_equal(st.category, LEAVER_NONE);
    assert_non_null(strstr(st.reason, "support ends at 25"));
    /* The strategy's 2010 rules predate s23CZB: the request changes nothing. */
    assert_int_equal(on_2010(&ds, D(2030, 9, 1)).category, LEAVER_NONE);
    /* The category alone agrees, and gives the request. */
    Date asked = DATE_NONE;
    assert_int_equal(
        leaver_category_request(&ds, &ds.children[0], D(2031, 1, 1), LEAVER_RULES_CURRENT, &asked),
        LEAVER_FORMER_RELEVANT);
    assert_int_equal(asked, D(2030, 9, 1));
    dataset_free(&ds);
}

static void test_request_before_21_counts_from_21st_birthday(void **state)
{
    (void)state;
    Dataset ds = {0};
    build_left_at_18(&ds);
    /* Asked on 01/03/2029 at 20, at the review before the 21st birthday. */
    request(&ds, D(2029, 3, 1), RECORD_REQUEST_MADE);
    /* 09/05/2029, aged 20: former relevant under s23C, not on request. */
    LeaverStatus st = on(&ds, D(2029, 5, 9));
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    assert_int_equal(st.on_request, DATE_NONE);
    /* 10/05/2029, the 21st birthday: s23CZB applies, on the earlier request. */
    st = on(&ds, D(2029, 5, 10));
    assert_int_equal(st.age, 21);
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    assert_int_equal(st.on_request, D(2029, 3, 1));
    dataset_free(&ds);

    /* Without a request the 21st birthday ends it (test_21st_birthday_not_in_education). */
    Dataset ds2 = {0};
    build_left_at_18(&ds2);
    assert_int_equal(category(&ds2, D(2029, 5, 10)), LEAVER_NONE);
    dataset_free(&ds2);
}

static void test_request_withdrawn_and_made_again(void **state)
{
    (void)state;
    Dataset ds = {0};
    build_left_at_18(&ds);
    request(&ds, D(2030, 9, 1), RECORD_REQUEST_MADE);
    request(&ds, D(2031, 3, 1), RECORD_REQUEST_WITHDRAWN); /* s23CZB(3)(b) */
    request(&ds, D(2032, 6, 1), RECORD_REQUEST_MADE);
    assert_int_equal(category(&ds, D(2031, 2, 28)), LEAVER_FORMER_RELEVANT);
    assert_int_equal(category(&ds, D(2031, 3, 1)), LEAVER_NONE);
    assert_int_equal(category(&ds, D(2032, 5, 31)), LEAVER_NONE);
    LeaverStatus st = on(&ds, D(2032, 6, 1));
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    assert_int_equal(st.on_request, D(2032, 6, 1));
    assert_int_equal(leaver_pa_request(&ds, &ds.children[0], D(2031, 1, 1)), D(2030, 9, 1));
    assert_int_equal(leaver_pa_request(&ds, &ds.children[0], D(2031, 3, 1)), DATE_NONE);
    dataset_free(&ds);
}

static void test_request_needs_former_relevant(void **state)
{
    (void)state;
    /* Qualifying (70 days looked after before 18): s23CZB is for former
     * relevant young people only; a request at 22 changes nothing. */
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "M", DOB, "WBRI");
    add_ep(&ds, D(2026, 3, 1), D(2026, 5, 10), "V2", "E5");
    request(&ds, D(2030, 9, 1), RECORD_REQUEST_MADE);
    assert_int_equal(category(&ds, D(2030, 9, 1)), LEAVER_NONE);
    dataset_free(&ds);
    /* Left at 17 home to parents (E4A) 01/03/2026: former relevant at 18,
     * home six months on 01/09/2026, so no longer one (s23C(1)(a)); a request
     * at 22 does not bring it back. */
    Dataset ds2 = {0};
    dataset_add_child(&ds2, "B", "F", DOB, "WBRI");
    add_ep(&ds2, D(2024, 1, 1), D(2026, 3, 1), "C2", "E4A");
    request(&ds2, D(2030, 9, 1), RECORD_REQUEST_MADE);
    assert_int_equal(category(&ds2, D(2030, 9, 1)), LEAVER_NONE);
    dataset_free(&ds2);
}

static void test_request_29_february_birthday(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Born 29/02/2004; DEC 01/03/2022 is the 18th birthday (common year,
     * FLRA 1969 s9): looked after when attaining 18. The 21st birthday is
     * 01/03/2025, the 25th 01/03/2029 (both common years). Asked on
     * 28/02/2025, aged 20. */
    dataset_add_child(&ds, "A", "F", D(2004, 2, 29), "WBRI");
    add_ep(&ds, D(2020, 1, 1), D(2022, 3, 1), "C2", "E5");
    request(&ds, D(2025, 2, 28), RECORD_REQUEST_MADE);
    LeaverStatus st = on(&ds, D(2025, 2, 28));
    assert_int_equal(st.age, 20);
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    assert_int_equal(st.on_request, DATE_NONE);
    st = on(&ds, D(2025, 3, 1));
    assert_int_equal(st.age, 21);
    assert_int_equal(st.on_request, D(2025, 2, 28));
    st = on(&ds, D(2029, 2, 28));
    assert_int_equal(st.age, 24);
    assert_int_equal(st.category, LEAVER_FORMER_RELEVANT);
    st = on(&ds, D(2029, 3, 1));
    assert_int_equal(st.age, 25);
    assert_int_equal(st.category, LEAVER_NONE);
    /* 2028 is a leap year: the 24th birthday is 29/02/2028 itself. */
    assert_int_equal(on(&ds, D(2028, 2, 28)).age, 23);
    assert_int_equal(on(&ds, D(2028, 2, 29)).age, 24);
    dataset_free(&ds);
}

/* CA89 s24(1B): qualifying under 21 when looked after at some time after 16
 * while a child; s24B(2)-(3): assistance with education or training to 25.
 * Left at 17 with 70 days since 14 (not eligible): the boundaries of each. */
static void test_qualifying_boundaries(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "M", DOB, "WBRI");
    add_ep(&ds, D(2025, 11, 1), D(2026, 1, 10), "V2", "E8"); /* 70 days, aged 17 */
    assert_int_equal(on(&ds, D(2026, 1, 10)).days_since_14, 70);
    assert_int_equal(category(&ds, D(2026, 1, 10)), LEAVER_QUALIFYING);
    assert_int_equal(category(&ds, D(2029, 5, 9)), LEAVER_QUALIFYING); /* 20 */
    assert_int_equal(category(&ds, D(2029, 5, 10)), LEAVER_NONE);      /* 21 */
    dataset_free(&ds);
    Dataset ed = {0};
    dataset_add_child(&ed, "A", "M", DOB, "WBRI");
    add_ep(&ed, D(2025, 11, 1), D(2026, 1, 10), "V2", "E8");
    add_oc3(&ed, 2029, "F1");
    assert_int_equal(category(&ed, D(2029, 5, 10)), LEAVER_QUALIFYING); /* s24B(3) */
    assert_int_equal(category(&ed, D(2033, 5, 9)), LEAVER_QUALIFYING);  /* 24 */
    assert_int_equal(category(&ed, D(2033, 5, 10)), LEAVER_NONE);       /* 25 */
    /* The strategy's 2010 rules: to 24. */
    assert_int_equal(on_2010(&ed, D(2032, 5, 9)).category, LEAVER_QUALIFYING);
    assert_int_equal(on_2010(&ed, D(2032, 5, 10)).category, LEAVER_NONE);
    dataset_free(&ed);
}

/* CA89 s24(1A): a special guardianship order made when care ended (903 REC
 * E43-E48) makes a young person of 16 to 20 qualifying whatever their age
 * then. Left care at 10 on 01/06/2018 under an order to a former foster carer
 * (E45). Before this test such a young person was "none" (left before 16). */
static void test_special_guardianship_qualifying(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", DOB, "WBRI");
    add_ep(&ds, D(2015, 1, 1), D(2018, 6, 1), "C2", "E45");
    assert_int_equal(category(&ds, D(2024, 5, 9)), LEAVER_NONE); /* 15 */
    LeaverStatus st = on(&ds, D(2024, 5, 10));                   /* 16 */
    assert_int_equal(st.category, LEAVER_QUALIFYING);
    assert_non_null(strstr(st.reason, "s24(1A)"));
    assert_int_equal(category(&ds, D(2029, 5, 9)), LEAVER_QUALIFYING); /* 20 */
    assert_int_equal(category(&ds, D(2029, 5, 10)), LEAVER_NONE);      /* 21 */
    dataset_free(&ds);
    /* The same, home to a parent (E4A) instead: none. */
    Dataset home = {0};
    dataset_add_child(&home, "A", "F", DOB, "WBRI");
    add_ep(&home, D(2015, 1, 1), D(2018, 6, 1), "C2", "E4A");
    assert_int_equal(category(&home, D(2024, 5, 10)), LEAVER_NONE);
    dataset_free(&home);
    /* The 2014/15 code E44, in education at 22: s24B(3). */
    Dataset old = {0};
    dataset_add_child(&old, "A", "F", DOB, "WBRI");
    add_ep(&old, D(2012, 1, 1), D(2014, 6, 1), "C2", "E44");
    add_oc3(&old, 2031, "F2");
    assert_int_equal(category(&old, D(2030, 6, 1)), LEAVER_QUALIFYING);
    dataset_free(&old);
}

static void test_adopted_died_or_taken_over_none(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Left 01/09/2025 aged 17 after 974 days: relevant unless the exit ends
     * care-leaver status (adopted E11/E12, died E2, another LA E3). */
    const char *recs[] = {"E11", "E12", "E2", "E3", "E8"};
    char id[2] = "a";
    for (int i = 0; i < 5; i++, id[0]++) {
        dataset_add_child(&ds, id, "F", DOB, "WBRI");
        add_ep(&ds, D(2023, 1, 1), D(2025, 9, 1), "C2", recs[i]);
    }
    for (int i = 0; i < 5; i++) {
        const Child *c = &ds.children[i];
        LeaverCategory want17 = i < 4 ? LEAVER_NONE : LEAVER_RELEVANT;
        LeaverCategory want18 = i < 4 ? LEAVER_NONE : LEAVER_FORMER_RELEVANT;
        LeaverStatus st = leaver_status(&ds, c, D(2025, 10, 1), LEAVER_RULES_CURRENT);
        assert_int_equal(st.category, want17);
        assert_int_equal(leaver_status(&ds, c, D(2026, 6, 1), LEAVER_RULES_CURRENT).category,
                         want18);
        if (i < 4) assert_non_null(strstr(st.reason, recs[i]));
    }
    dataset_free(&ds);
}

static void test_later_records_ignored(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Left 01/09/2025 (relevant), back in care from 01/12/2025. On 01/10/2025
     * the later episode is not known. */
    dataset_add_child(&ds, "A", "F", DOB, "WBRI");
    add_ep(&ds, D(2023, 1, 1), D(2025, 9, 1), "C2", "E8");
    add_ep(&ds, D(2025, 12, 1), DATE_NONE, "C2", "");
    LeaverStatus st = on(&ds, D(2025, 10, 1));
    assert_int_equal(st.category, LEAVER_RELEVANT);
    assert_false(st.in_care);
    st = on(&ds, D(2025, 12, 1));
    assert_int_equal(st.category, LEAVER_ELIGIBLE);
    assert_true(st.in_care);
    dataset_free(&ds);
}

static void test_no_date_of_birth_none(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", DATE_NONE, "WBRI");
    add_ep(&ds, D(2020, 1, 1), DATE_NONE, "C2", "");
    LeaverStatus st = on(&ds, D(2026, 1, 1));
    assert_int_equal(st.category, LEAVER_NONE);
    assert_string_equal(st.reason, "no date of birth recorded");
    assert_non_null(st.entitlement);
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_and_rules),
        cmocka_unit_test(test_periods_before_14_do_not_count),
        cmocka_unit_test(test_short_periods_add_up_to_91),
        cmocka_unit_test(test_short_breaks_only_none),
        cmocka_unit_test(test_returned_home_five_months_relevant_seven_qualifying),
        cmocka_unit_test(test_returned_home_other_codes),
        cmocka_unit_test(test_care_ending_on_16th_and_18th_birthday),
        cmocka_unit_test(test_leap_year_birthday),
        cmocka_unit_test(test_home_six_months_before_and_after_care_ends),
        cmocka_unit_test(test_relevant_until_18_becomes_former_relevant),
        cmocka_unit_test(test_looked_after_on_18th_birthday_former_relevant),
        cmocka_unit_test(test_open_episode_read_as_ending_at_18),
        cmocka_unit_test(test_at_18_with_few_days_qualifying),
        cmocka_unit_test(test_left_at_16_too_few_days_qualifying),
        cmocka_unit_test(test_left_before_16_none),
        cmocka_unit_test(test_13_weeks_crossing_14th_birthday),
        cmocka_unit_test(test_home_six_months_after_18_ends_former_relevance),
        cmocka_unit_test(test_21st_birthday_not_in_education),
        cmocka_unit_test(test_21st_birthday_in_education),
        cmocka_unit_test(test_part_time_and_training_activities),
        cmocka_unit_test(test_24th_birthday_in_education),
        cmocka_unit_test(test_25th_birthday_in_education),
        cmocka_unit_test(test_qualifying_in_education_after_21),
        cmocka_unit_test(test_29_february_birthday),
        cmocka_unit_test(test_qualifying_boundaries),
        cmocka_unit_test(test_special_guardianship_qualifying),
        cmocka_unit_test(test_request_after_21_to_25),
        cmocka_unit_test(test_request_before_21_counts_from_21st_birthday),
        cmocka_unit_test(test_request_withdrawn_and_made_again),
        cmocka_unit_test(test_request_needs_former_relevant),
        cmocka_unit_test(test_request_29_february_birthday),
        cmocka_unit_test(test_adopted_died_or_taken_over_none),
        cmocka_unit_test(test_later_records_ignored),
        cmocka_unit_test(test_no_date_of_birth_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
