/* Unit tests for domain/due: each rule at its boundaries, with the dates worked
 * out in comments. The calendar is the shipped one (rules plus
 * data/bank-holidays.csv), built once for the group. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/due.h"
#include "test_fixture.h"

#include <string.h>

static Calendar cal;

static int setup(void **state)
{
    (void)state;
    Err err;
    return calendar_load_default(&cal, &err) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    calendar_free(&cal);
    return 0;
}

/* An episode with the given reason for new episode, legal status and placement. */
static void add_ep(Dataset *ds, Date decom, Date dec, const char *rne, const char *ls,
                   const char *place)
{
    fixture_episode(ds,
                    (FixtureEpisode){decom, dec, rne, ls, "N1", place, dec == NONE ? "" : "E8"});
}

static void add_review(Dataset *ds, Date d)
{
    fixture_review(ds, d, "PN1");
}

static void add_rec(Dataset *ds, RecordKind kind, Date d, int subtype)
{
    fixture_record(ds, d, kind, subtype);
}

/* The entry for one item, or NULL when the child does not owe it. */
static const DueEntry *find(const Dataset *ds, Date at, DueItem item, DueEntry buf[DUE_ITEM_COUNT])
{
    int n = due_for_child(ds, &ds->children[0], at, &cal, buf);
    for (int i = 0; i < n; i++)
        if (buf[i].item == item) return &buf[i];
    return NULL;
}

static Date due_of(const Dataset *ds, Date at, DueItem item)
{
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(ds, at, item, buf);
    return e ? e->due : DATE_NONE;
}

static bool owes(const Dataset *ds, Date at, DueItem item)
{
    return due_of(ds, at, item) != DATE_NONE;
}

static void test_names(void **state)
{
    (void)state;
    static const char *const names[] = {
        "care_plan",           "review",    "visit",          "health_assessment",
        "dental_check",        "sdq",       "education_plan", "needs_assessment",
        "pathway_plan_review", "pa_contact"};
    for (int i = 0; i < DUE_ITEM_COUNT; i++)
        assert_string_equal(due_item_name((DueItem)i), names[i]);
    assert_string_equal(due_status_name(DUE_STATUS_DUE), "due");
    assert_string_equal(due_status_name(DUE_STATUS_OVERDUE), "overdue");
}

/* First review: 20 working days over Christmas 2026. Looked after from Friday
 * 11/12/2026. Working days after it: 14-18 Dec (5), 21-24 Dec (9); 25 Dec
 * (Friday) and 28 Dec (Boxing Day substitute) are holidays; 29-31 Dec (12);
 * 1 Jan 2027 holiday; 4-8 Jan (17); 11, 12, 13 Jan (20). Twenty weekdays would
 * have been 8 Jan. */
static void test_first_review_over_christmas(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2015, 3, 1), "WBRI");
    add_ep(&ds, D(2026, 12, 11), DATE_NONE, "S", "C2", "U6");
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2026, 12, 11), DUE_REVIEW, buf);
    assert_non_null(e);
    assert_int_equal(e->due, D(2027, 1, 13));
    assert_int_equal(e->status, DUE_STATUS_DUE);
    assert_non_null(strstr(e->rule, "reg 33(1)"));
    /* On the due date it is still due; the day after, overdue by one day. */
    e = find(&ds, D(2027, 1, 13), DUE_REVIEW, buf);
    assert_int_equal(e->status, DUE_STATUS_DUE);
    assert_int_equal(e->days_overdue, 0);
    e = find(&ds, D(2027, 1, 14), DUE_REVIEW, buf);
    assert_int_equal(e->status, DUE_STATUS_OVERDUE);
    assert_int_equal(e->days_overdue, 1);
    /* Not yet looked after the day before: nothing is owed. */
    assert_false(owes(&ds, D(2026, 12, 10), DUE_REVIEW));
    dataset_free(&ds);
}

/* Second review 3 months after the first: 31 August gives 30 November (no 31
 * November); later reviews 6 months after the previous one. */
static void test_review_months_and_month_ends(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2012, 1, 20), "WBRI");
    add_ep(&ds, D(2026, 8, 3), DATE_NONE, "S", "C2", "U6");
    add_review(&ds, D(2026, 8, 31));
    add_review(&ds, D(2026, 11, 30));
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2026, 9, 1), DUE_REVIEW, buf);
    assert_int_equal(e->due, D(2026, 11, 30));
    assert_non_null(strstr(e->rule, "reg 33(2)"));
    assert_non_null(strstr(e->rule, "3 months"));
    /* A review dated after the day asked about is not yet known. */
    assert_int_equal(due_of(&ds, D(2026, 11, 29), DUE_REVIEW), D(2026, 11, 30));
    e = find(&ds, D(2026, 11, 30), DUE_REVIEW, buf);
    assert_int_equal(e->due, D(2027, 5, 30));
    assert_non_null(strstr(e->rule, "6 months"));
    dataset_free(&ds);
}

/* 29 February: 3 months after 30/11/2023 is 29/02/2024 (a leap year), after
 * 30/11/2022 it is 28/02/2023; 6 months after 29/02/2024 is 29/08/2024. */
static void test_review_29_february(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "M", D(2010, 6, 1), "WBRI");
    add_ep(&ds, D(2023, 11, 1), DATE_NONE, "S", "C2", "U6");
    add_review(&ds, D(2023, 11, 30));
    add_review(&ds, D(2024, 2, 29));
    assert_int_equal(due_of(&ds, D(2023, 12, 1), DUE_REVIEW), D(2024, 2, 29));
    assert_int_equal(due_of(&ds, D(2024, 3, 1), DUE_REVIEW), D(2024, 8, 29));
    dataset_free(&ds);

    Dataset ds2 = {0};
    dataset_add_child(&ds2, "A", "M", D(2010, 6, 1), "WBRI");
    add_ep(&ds2, D(2022, 11, 1), DATE_NONE, "S", "C2", "U6");
    add_review(&ds2, D(2022, 11, 30));
    assert_int_equal(due_of(&ds2, D(2022, 12, 1), DUE_REVIEW), D(2023, 2, 28));
    dataset_free(&ds2);

    /* Reg 33(2) counts calendar months: 31/08 + 6 months is the last day of
     * February, 29/02/2028 in a leap year. */
    Dataset ds3 = {0};
    dataset_add_child(&ds3, "A", "M", D(2014, 6, 1), "WBRI");
    add_ep(&ds3, D(2027, 1, 4), DATE_NONE, "S", "C2", "U6");
    add_review(&ds3, D(2027, 1, 29));
    add_review(&ds3, D(2027, 4, 29));
    add_review(&ds3, D(2027, 8, 31));
    assert_int_equal(due_of(&ds3, D(2027, 9, 1), DUE_REVIEW), D(2028, 2, 29));
    dataset_free(&ds3);
}

/* Working days over Christmas 2022 (25 December a Sunday: Boxing Day on
 * Monday 26, the Christmas substitute on Tuesday 27) and New Year 2023
 * (1 January a Sunday: the substitute on Monday 2 January). Looked after from
 * Friday 09/12/2022: working days 12-16, 19-23, 28-30 December, 3-6 and 9-11
 * January, so the 20th is Wednesday 11/01/2023. */
static void test_first_review_substitute_days(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2012, 3, 1), "WBRI");
    add_ep(&ds, D(2022, 12, 9), DATE_NONE, "S", "C2", "U6");
    assert_int_equal(due_of(&ds, D(2022, 12, 9), DUE_REVIEW), D(2023, 1, 11));
    dataset_free(&ds);
}

/* A child back in care starts again: reviews of the earlier period do not
 * count, and the first review is due 20 working days after the new start. */
static void test_review_new_period(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "M", D(2012, 6, 1), "WBRI");
    add_ep(&ds, D(2025, 1, 6), D(2025, 6, 2), "S", "C2", "U6");
    add_review(&ds, D(2025, 1, 30));
    add_review(&ds, D(2025, 4, 25));
    add_ep(&ds, D(2026, 3, 2), DATE_NONE, "S", "V2", "U6");
    /* 2 Mar 2026 (Mon) + 20 working days: 3-6 Mar (4), 9-13 (9), 16-20 (14),
     * 23-27 (19), 30 Mar (20). Easter 2026 is 5 April, after it. */
    assert_int_equal(due_of(&ds, D(2026, 3, 2), DUE_REVIEW), D(2026, 3, 30));
    /* Episodes that follow with no gap are one period: a legal status change
     * does not restart the reviews. */
    dataset_free(&ds);

    Dataset ds2 = {0};
    dataset_add_child(&ds2, "A", "M", D(2012, 6, 1), "WBRI");
    add_ep(&ds2, D(2025, 1, 6), D(2025, 3, 1), "S", "V2", "U6");
    add_ep(&ds2, D(2025, 3, 1), DATE_NONE, "L", "C2", "U6");
    add_review(&ds2, D(2025, 1, 30));
    assert_int_equal(due_of(&ds2, D(2025, 3, 2), DUE_REVIEW), D(2025, 4, 30));
    dataset_free(&ds2);
}

/* Care plan within 10 working days over Easter 2027 (Good Friday 26 March,
 * Easter Monday 29 March). From Monday 22/03/2027: 23-25 Mar (3), 30 Mar -
 * 2 Apr (7), 5, 6, 7 Apr (10). A plan made shortly before counts. */
static void test_care_plan_over_easter(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2016, 2, 2), "WBRI");
    add_ep(&ds, D(2027, 3, 22), DATE_NONE, "S", "V2", "U6");
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2027, 4, 8), DUE_CARE_PLAN, buf);
    assert_non_null(e);
    assert_int_equal(e->due, D(2027, 4, 7));
    assert_int_equal(e->status, DUE_STATUS_OVERDUE);
    assert_non_null(strstr(e->rule, "reg 4(2)"));
    dataset_free(&ds);

    Dataset ds2 = {0};
    dataset_add_child(&ds2, "A", "F", D(2016, 2, 2), "WBRI");
    add_ep(&ds2, D(2027, 3, 22), DATE_NONE, "S", "V2", "U6");
    add_rec(&ds2, RECORD_CARE_PLAN, D(2027, 3, 19), 0);
    assert_false(owes(&ds2, D(2027, 4, 8), DUE_CARE_PLAN));
    dataset_free(&ds2);
}

/* CPPCR 2010 reg 4(2) excepts a child to whom CA89 s31A applies. A child who
 * comes into care on an interim care order (C1) on 22/03/2027 owes no
 * 10-working-day plan while the interim order lasts; the care order (C2) of
 * 14/06/2027 makes the plan due that day (s31(3A)). The same start under s20
 * (V2) owes it by 07/04/2027; a child accommodated under s20 who then goes on
 * to an interim order keeps the reg 4(2) date. */
static void test_care_plan_interim_care_order(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2016, 2, 2), "WBRI");
    add_ep(&ds, D(2027, 3, 22), D(2027, 6, 14), "S", "C1", "U6");
    add_ep(&ds, D(2027, 6, 14), DATE_NONE, "L", "C2", "U6");
    assert_false(owes(&ds, D(2027, 3, 22), DUE_CARE_PLAN));
    assert_false(owes(&ds, D(2027, 4, 8), DUE_CARE_PLAN));
    assert_false(owes(&ds, D(2027, 6, 13), DUE_CARE_PLAN));
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2027, 6, 14), DUE_CARE_PLAN, buf);
    assert_non_null(e);
    assert_int_equal(e->due, D(2027, 6, 14));
    assert_int_equal(e->status, DUE_STATUS_DUE);
    assert_non_null(strstr(e->rule, "s31A"));
    assert_int_equal(find(&ds, D(2027, 6, 15), DUE_CARE_PLAN, buf)->status, DUE_STATUS_OVERDUE);
    add_rec(&ds, RECORD_CARE_PLAN, D(2027, 6, 10), 0);
    assert_false(owes(&ds, D(2027, 6, 15), DUE_CARE_PLAN));
    dataset_free(&ds);

    Dataset s20 = {0};
    dataset_add_child(&s20, "A", "F", D(2016, 2, 2), "WBRI");
    add_ep(&s20, D(2027, 3, 22), D(2027, 5, 3), "S", "V2", "U6");
    add_ep(&s20, D(2027, 5, 3), DATE_NONE, "L", "C1", "U6");
    assert_int_equal(due_of(&s20, D(2027, 5, 10), DUE_CARE_PLAN), D(2027, 4, 7));
    dataset_free(&s20);
}

/* Visits: a week after the placement starts, then 6-weekly; a move (RNE P)
 * restarts the clock, a legal status change (RNE L) does not. */
static void test_visits_and_placement_move(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "M", D(2014, 9, 9), "WBRI");
    add_ep(&ds, D(2026, 3, 1), D(2026, 4, 20), "S", "V2", "U6");
    add_ep(&ds, D(2026, 4, 20), D(2026, 6, 1), "L", "C2", "U6");
    add_ep(&ds, D(2026, 6, 1), DATE_NONE, "P", "C2", "R1");
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 5), RECORD_YES);
    add_rec(&ds, RECORD_VISIT, D(2026, 4, 10), RECORD_NO);
    assert_int_equal(due_of(&ds, D(2026, 3, 1), DUE_VISIT), D(2026, 3, 8));
    /* 10/04 + 42 days = 22/05; the change of legal status on 20/04 keeps it. */
    assert_int_equal(due_of(&ds, D(2026, 5, 20), DUE_VISIT), D(2026, 5, 22));
    /* The move on 01/06 restarts it: a visit within a week, by 08/06. */
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2026, 6, 5), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 6, 8));
    assert_non_null(strstr(e->rule, "1 week"));
    e = find(&ds, D(2026, 6, 9), DUE_VISIT, buf);
    assert_int_equal(e->status, DUE_STATUS_OVERDUE);
    assert_int_equal(e->days_overdue, 1);
    dataset_free(&ds);
}

/* After the first year of a placement: 3-monthly in long-term fostering (U4),
 * still 6-weekly otherwise (U6). The placement began 01/01/2025, so its first
 * year ends on 31/12/2025. CPPCR 2010 reg 28(2)(b) sets six weeks "for the
 * first year" only: a visit whose six weeks run past the year's end is next due
 * by the interval of reg 28(2)(c). */
static void test_visits_after_first_year(void **state)
{
    (void)state;
    for (int lt = 0; lt < 2; lt++) {
        Dataset ds = {0};
        dataset_add_child(&ds, "A", "F", D(2013, 4, 4), "WBRI");
        add_ep(&ds, D(2025, 1, 1), DATE_NONE, "S", "C2", lt ? "U4" : "U6");
        add_rec(&ds, RECORD_VISIT, D(2025, 11, 19), 0);
        /* 19/11 + 42 days = 31/12/2025, inside the first year: 6 weeks. */
        DueEntry buf[DUE_ITEM_COUNT];
        const DueEntry *e = find(&ds, D(2025, 11, 20), DUE_VISIT, buf);
        assert_int_equal(e->due, D(2025, 12, 31));
        assert_non_null(strstr(e->rule, "first year"));
        add_rec(&ds, RECORD_VISIT, D(2025, 11, 20), 0);
        /* 20/11 + 42 days = 01/01/2026, after the first year: 3 months in
         * long-term fostering (20/02/2026), 6 weeks otherwise. */
        e = find(&ds, D(2025, 11, 21), DUE_VISIT, buf);
        assert_int_equal(e->due, lt ? D(2026, 2, 20) : D(2026, 1, 1));
        assert_non_null(strstr(e->rule, lt ? "3 months" : "6 weeks"));
        add_rec(&ds, RECORD_VISIT, D(2025, 12, 31), 0); /* the last day of the first year */
        assert_int_equal(due_of(&ds, D(2026, 1, 5), DUE_VISIT),
                         lt ? D(2026, 3, 31) : D(2026, 2, 11));
        add_rec(&ds, RECORD_VISIT, D(2026, 1, 10), 0);
        e = find(&ds, D(2026, 1, 20), DUE_VISIT, buf);
        assert_int_equal(e->due, lt ? D(2026, 4, 10) : D(2026, 2, 21));
        assert_non_null(strstr(e->rule, lt ? "3 months" : "6 weeks"));
        dataset_free(&ds);
    }
}

/* Placed with a parent (P1). Under an interim care order (C1) from Monday
 * 02/03/2026: weekly visits until the first review (27/03), then 4-weekly
 * (reg 28(4)). The care order (C2, RNE L) of 01/06/2026 needs a visit within a
 * week of it, whatever the visits before (reg 28(5)), then 6-weekly. */
static void test_visits_placed_with_parent(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "M", D(2020, 7, 7), "WBRI");
    add_ep(&ds, D(2026, 3, 2), D(2026, 6, 1), "S", "C1", "P1");
    add_ep(&ds, D(2026, 6, 1), DATE_NONE, "L", "C2", "P1");
    add_review(&ds, D(2026, 3, 27));
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 6), 0);
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 20), 0);
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 27), 0);
    add_rec(&ds, RECORD_VISIT, D(2026, 5, 29), 0);
    add_rec(&ds, RECORD_VISIT, D(2026, 6, 5), 0);
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2026, 3, 2), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 3, 9));
    assert_non_null(strstr(e->rule, "reg 28(4)"));
    assert_int_equal(due_of(&ds, D(2026, 3, 6), DUE_VISIT), D(2026, 3, 13));
    /* The visit of 20/03 came before the first review: still weekly. */
    assert_int_equal(due_of(&ds, D(2026, 3, 21), DUE_VISIT), D(2026, 3, 27));
    e = find(&ds, D(2026, 3, 27), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 4, 24));
    assert_non_null(strstr(e->rule, "4 weeks"));
    /* The care order: the visit of 29/05 does not count. */
    e = find(&ds, D(2026, 6, 1), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 6, 8));
    assert_non_null(strstr(e->rule, "reg 28(5)"));
    assert_int_equal(due_of(&ds, D(2026, 6, 5), DUE_VISIT), D(2026, 7, 17));
    dataset_free(&ds);
}

/* Health assessments: initial before the first review; then CPPCR 2010 reg
 * 7: at least once in every six months before the 5th birthday, once in every
 * twelve months after it. Born 15/06/2021, fifth birthday 15/06/2026. A
 * six-month deadline on or after the birthday is not owed: the twelve months
 * apply. */
static Date health_due_after(Date dob, Date assessed)
{
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", dob, "WBRI");
    add_ep(&ds, D(2025, 1, 6), DATE_NONE, "S", "C2", "U6");
    add_rec(&ds, RECORD_HEALTH_ASSESSMENT, assessed, RECORD_HA_REVIEW);
    Date due = due_of(&ds, assessed, DUE_HEALTH_ASSESSMENT);
    dataset_free(&ds);
    return due;
}

static void test_health_fifth_birthday(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2021, 6, 15), "WBRI");
    add_ep(&ds, D(2025, 1, 6), DATE_NONE, "S", "C2", "U6");
    /* 6 Jan 2025 + 20 working days = 3 Feb 2025. */
    assert_int_equal(due_of(&ds, D(2025, 1, 6), DUE_HEALTH_ASSESSMENT), D(2025, 2, 3));
    add_rec(&ds, RECORD_HEALTH_ASSESSMENT, D(2025, 12, 14), RECORD_HA_REVIEW);
    /* 14/12/2025 + 6 months = 14/06/2026, the day before the birthday. */
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2025, 12, 14), DUE_HEALTH_ASSESSMENT, buf);
    assert_int_equal(e->due, D(2026, 6, 14));
    assert_non_null(strstr(e->rule, "6 months before the 5th birthday"));
    dataset_free(&ds);
    /* 15/12/2025 + 6 months = 15/06/2026, the birthday itself: 12 months. */
    assert_int_equal(health_due_after(D(2021, 6, 15), D(2025, 12, 15)), D(2026, 12, 15));
    /* Aged 4 years 8 months (15/02/2026): 15/02/2027, not 15/08/2026. */
    assert_int_equal(health_due_after(D(2021, 6, 15), D(2026, 2, 15)), D(2027, 2, 15));
    /* The day before and the day of the fifth birthday: 12 months. */
    assert_int_equal(health_due_after(D(2021, 6, 15), D(2026, 6, 14)), D(2027, 6, 14));
    Dataset ds2 = {0};
    dataset_add_child(&ds2, "A", "F", D(2021, 6, 15), "WBRI");
    add_ep(&ds2, D(2025, 1, 6), DATE_NONE, "S", "C2", "U6");
    add_rec(&ds2, RECORD_HEALTH_ASSESSMENT, D(2026, 6, 15), RECORD_HA_REVIEW); /* aged 5 */
    e = find(&ds2, D(2026, 6, 15), DUE_HEALTH_ASSESSMENT, buf);
    assert_int_equal(e->due, D(2027, 6, 15));
    assert_non_null(strstr(e->rule, "12 months from age 5"));
    dataset_free(&ds2);
}

/* Born 29/02/2020: the fifth birthday in 2025 (a common year) is 01/03/2025
 * (date_birthday). Assessed 31/08/2024: 6 months is 28/02/2025, the day
 * before the birthday, so still 6 months. Assessed 28/02/2025 or 01/03/2025:
 * the six months end after the birthday, so 12 months. An assessment in the 3
 * months before care began counts as the initial one. */
static void test_health_29_february(void **state)
{
    (void)state;
    for (int k = 0; k < 2; k++) {
        Dataset ds = {0};
        dataset_add_child(&ds, "A", "M", D(2020, 2, 29), "WBRI");
        add_ep(&ds, D(2025, 2, 10), DATE_NONE, "S", "C2", "U6");
        add_rec(&ds, RECORD_HEALTH_ASSESSMENT, k ? D(2025, 3, 1) : D(2025, 2, 28),
                RECORD_HA_INITIAL);
        assert_int_equal(due_of(&ds, D(2025, 3, 2), DUE_HEALTH_ASSESSMENT),
                         k ? D(2026, 3, 1) : D(2026, 2, 28));
        dataset_free(&ds);
    }
    Dataset leap = {0};
    dataset_add_child(&leap, "A", "M", D(2020, 2, 29), "WBRI");
    add_ep(&leap, D(2024, 8, 1), DATE_NONE, "S", "C2", "U6");
    add_rec(&leap, RECORD_HEALTH_ASSESSMENT, D(2024, 8, 31), RECORD_HA_REVIEW);
    assert_int_equal(due_of(&leap, D(2024, 9, 1), DUE_HEALTH_ASSESSMENT), D(2025, 2, 28));
    dataset_free(&leap);
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "M", D(2010, 2, 28), "WBRI");
    add_rec(&ds, RECORD_HEALTH_ASSESSMENT, D(2024, 11, 11), RECORD_HA_INITIAL);
    add_ep(&ds, D(2025, 2, 10), DATE_NONE, "S", "C2", "U6");
    assert_int_equal(due_of(&ds, D(2025, 2, 10), DUE_HEALTH_ASSESSMENT), D(2025, 11, 11));
    dataset_free(&ds);
}

/* Dental checks yearly from the start of care or the last check; SDQ yearly
 * for ages 4 to 16 on the due date. */
static void test_dental_and_sdq(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2022, 9, 1), "WBRI"); /* 4th birthday 01/09/2026 */
    add_ep(&ds, D(2025, 1, 31), DATE_NONE, "S", "C2", "U6");
    assert_int_equal(due_of(&ds, D(2025, 2, 1), DUE_DENTAL_CHECK), D(2026, 1, 31));
    /* A year after 31/01/2025 the child is 3: the SDQ waits for the 4th birthday. */
    assert_int_equal(due_of(&ds, D(2025, 2, 1), DUE_SDQ), D(2026, 9, 1));
    add_rec(&ds, RECORD_DENTAL_CHECK, D(2025, 11, 30), 0);
    assert_int_equal(due_of(&ds, D(2026, 1, 1), DUE_DENTAL_CHECK), D(2026, 11, 30));
    dataset_free(&ds);

    /* Born 10/10/2009, 17 on 10/10/2026: an SDQ due on or after it is not owed. */
    Dataset ds2 = {0};
    dataset_add_child(&ds2, "A", "M", D(2009, 10, 10), "WBRI");
    add_ep(&ds2, D(2020, 1, 1), DATE_NONE, "S", "C2", "U4");
    CareRecord r = {.date = D(2025, 10, 9), .kind = RECORD_SDQ, .value = 12};
    dataset_add_record(&ds2, &r);
    assert_int_equal(due_of(&ds2, D(2025, 11, 1), DUE_SDQ), D(2026, 10, 9));
    dataset_free(&ds2);
    Dataset ds3 = {0};
    dataset_add_child(&ds3, "A", "M", D(2009, 10, 10), "WBRI");
    add_ep(&ds3, D(2020, 1, 1), DATE_NONE, "S", "C2", "U4");
    r.date = D(2025, 10, 10);
    dataset_add_record(&ds3, &r);
    assert_false(owes(&ds3, D(2025, 11, 1), DUE_SDQ));
    dataset_free(&ds3);
}

/* Education plans: 10 working days, then each term (autumn ends 31/12,
 * spring 31/03, summer 31/08), for children of school age. */
static void test_education_plan(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2015, 1, 1), "WBRI");
    /* From Tuesday 22/12/2026: 23, 24 (2), 29-31 Dec (5), 4-8 Jan (10). */
    add_ep(&ds, D(2026, 12, 22), DATE_NONE, "S", "C2", "U6");
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2026, 12, 22), DUE_EDUCATION_PLAN, buf);
    assert_int_equal(e->due, D(2027, 1, 8));
    assert_non_null(strstr(e->rule, "10 working days"));
    add_rec(&ds, RECORD_PEP, D(2027, 1, 7), 0); /* spring term: next by the end of summer */
    e = find(&ds, D(2027, 1, 7), DUE_EDUCATION_PLAN, buf);
    assert_int_equal(e->due, D(2027, 7, 31));
    assert_non_null(strstr(e->rule, "term"));
    add_rec(&ds, RECORD_PEP, D(2027, 9, 15), 0); /* autumn: by the end of spring */
    assert_int_equal(due_of(&ds, D(2027, 9, 15), DUE_EDUCATION_PLAN), D(2028, 3, 31));
    add_rec(&ds, RECORD_PEP, D(2028, 8, 20), 0); /* the summer holiday counts with summer */
    assert_int_equal(due_of(&ds, D(2028, 8, 20), DUE_EDUCATION_PLAN), D(2028, 12, 31));
    dataset_free(&ds);

    Dataset ds2 = {0};
    dataset_add_child(&ds2, "A", "F", D(2024, 1, 1), "WBRI"); /* aged 2 */
    add_ep(&ds2, D(2026, 5, 1), DATE_NONE, "S", "C2", "U6");
    assert_false(owes(&ds2, D(2026, 5, 1), DUE_EDUCATION_PLAN));
    dataset_free(&ds2);
}

/* Leaving care: born 10/05/2009 (14 on 10/05/2023, 16 on 10/05/2025, 18 on
 * 10/05/2027), looked after 01/01/2020 to 01/06/2026. */
static void build_leaver(Dataset *ds)
{
    dataset_add_child(ds, "A", "F", D(2009, 5, 10), "WBRI");
    add_ep(ds, D(2020, 1, 1), D(2026, 6, 1), "S", "C2", "U4");
    add_review(ds, D(2026, 3, 1));
    add_rec(ds, RECORD_PATHWAY_PLAN, D(2026, 3, 1), RECORD_PP_PLAN);
}

static void test_leaving_care(void **state)
{
    (void)state;
    Dataset ds = {0};
    build_leaver(&ds);
    /* Eligible while in care at 16: needs assessment within 3 months of the
     * 16th birthday (10/08/2025), with the looked-after items. */
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2025, 6, 1), DUE_NEEDS_ASSESSMENT, buf);
    assert_non_null(e);
    assert_int_equal(e->due, D(2025, 8, 10));
    assert_non_null(strstr(e->rule, "reg 42"));
    assert_true(owes(&ds, D(2025, 6, 1), DUE_REVIEW));
    assert_false(owes(&ds, D(2025, 6, 1), DUE_PA_CONTACT));
    assert_false(owes(&ds, D(2025, 6, 1), DUE_PATHWAY_PLAN_REVIEW)); /* no plan yet */
    /* In care the day before leaving; pathway plan review 6 months after 01/03. */
    assert_true(owes(&ds, D(2026, 5, 31), DUE_VISIT));
    assert_int_equal(due_of(&ds, D(2026, 5, 31), DUE_PATHWAY_PLAN_REVIEW), D(2026, 9, 1));
    /* Left care on 01/06/2026 aged 17: relevant. No more looked-after items;
     * the personal adviser's contact is due 2 months after leaving. */
    for (int item = DUE_CARE_PLAN; item <= DUE_EDUCATION_PLAN; item++)
        assert_false(owes(&ds, D(2026, 6, 1), (DueItem)item));
    assert_int_equal(due_of(&ds, D(2026, 6, 1), DUE_PA_CONTACT), D(2026, 8, 1));
    assert_int_equal(due_of(&ds, D(2026, 6, 1), DUE_PATHWAY_PLAN_REVIEW), D(2026, 9, 1));
    assert_false(owes(&ds, D(2026, 6, 1), DUE_NEEDS_ASSESSMENT));
    /* Care Leavers (England) Regulations 2010 reg 8 asks for visits: a phone
     * call, video call or message on 31/07 leaves the visit due 01/08 (before
     * issue 12 this test counted the phone call); a visit on 05/08 makes the
     * next due 05/10. */
    add_rec(&ds, RECORD_PA_CONTACT, D(2026, 7, 30), RECORD_CONTACT_MESSAGE);
    add_rec(&ds, RECORD_PA_CONTACT, D(2026, 7, 31), RECORD_CONTACT_PHONE);
    add_rec(&ds, RECORD_PA_CONTACT, D(2026, 7, 31), RECORD_CONTACT_VIDEO);
    DueEntry pa[DUE_ITEM_COUNT];
    e = find(&ds, D(2026, 8, 2), DUE_PA_CONTACT, pa);
    assert_int_equal(e->due, D(2026, 8, 1));
    assert_int_equal(e->status, DUE_STATUS_OVERDUE);
    assert_non_null(strstr(e->rule, "reg 8"));
    add_rec(&ds, RECORD_PA_CONTACT, D(2026, 8, 5), RECORD_CONTACT_VISIT);
    add_rec(&ds, RECORD_PA_CONTACT, D(2026, 9, 1), RECORD_CONTACT_PHONE);
    assert_int_equal(due_of(&ds, D(2026, 9, 2), DUE_PA_CONTACT), D(2026, 10, 5));
    /* Former relevant after 18 (10/05/2027): still owed both. */
    assert_int_equal(due_of(&ds, D(2027, 6, 1), DUE_PA_CONTACT), D(2026, 10, 5));
    assert_int_equal(due_of(&ds, D(2027, 6, 1), DUE_PATHWAY_PLAN_REVIEW), D(2026, 9, 1));
    dataset_free(&ds);
}

/* CA89 s23CZB: the young person of build_leaver (former relevant, 21 on
 * 10/05/2030, not in education) asks for advice and support on Monday
 * 02/09/2030. The assessment is owed from the request (the Act sets no time);
 * the pathway plan of 01/03/2026 is not the plan s23CZB(4)(b) asks for, so no
 * review is owed until a plan made since the request; the two-monthly visit
 * of CLR 2010 reg 8 is not owed. */
static void test_request_for_advice_and_support(void **state)
{
    (void)state;
    Dataset ds = {0};
    build_leaver(&ds);
    add_rec(&ds, RECORD_PA_REQUEST, D(2030, 9, 2), RECORD_REQUEST_MADE);
    /* 21 and not asked yet: nothing is owed. */
    assert_false(owes(&ds, D(2030, 9, 1), DUE_NEEDS_ASSESSMENT));
    assert_false(owes(&ds, D(2030, 9, 1), DUE_PATHWAY_PLAN_REVIEW));
    assert_false(owes(&ds, D(2030, 9, 1), DUE_PA_CONTACT));
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2030, 9, 2), DUE_NEEDS_ASSESSMENT, buf);
    assert_non_null(e);
    assert_int_equal(e->due, D(2030, 9, 2));
    assert_int_equal(e->status, DUE_STATUS_DUE);
    assert_non_null(strstr(e->rule, "s23CZB(4)"));
    e = find(&ds, D(2030, 9, 3), DUE_NEEDS_ASSESSMENT, buf);
    assert_int_equal(e->status, DUE_STATUS_OVERDUE);
    assert_int_equal(e->days_overdue, 1);
    assert_false(owes(&ds, D(2030, 9, 2), DUE_PATHWAY_PLAN_REVIEW));
    assert_false(owes(&ds, D(2030, 9, 2), DUE_PA_CONTACT));
    /* Assessed 16/09/2030, plan 30/09/2030: the plan's review is due
     * 6 months later, 30/03/2031 (CLR 2010 reg 7). */
    add_rec(&ds, RECORD_NEEDS_ASSESSMENT, D(2030, 9, 16), 0);
    add_rec(&ds, RECORD_PATHWAY_PLAN, D(2030, 9, 30), RECORD_PP_PLAN);
    assert_false(owes(&ds, D(2030, 9, 16), DUE_NEEDS_ASSESSMENT));
    assert_false(owes(&ds, D(2030, 9, 29), DUE_PATHWAY_PLAN_REVIEW));
    assert_int_equal(due_of(&ds, D(2030, 9, 30), DUE_PATHWAY_PLAN_REVIEW), D(2031, 3, 30));
    /* The day before the 25th birthday (10/05/2034) still owed; on it, not. */
    assert_true(owes(&ds, D(2034, 5, 9), DUE_PATHWAY_PLAN_REVIEW));
    assert_false(owes(&ds, D(2034, 5, 10), DUE_PATHWAY_PLAN_REVIEW));
    dataset_free(&ds);

    /* A request before the 21st birthday: the assessment is owed from it. */
    Dataset early = {0};
    build_leaver(&early);
    add_rec(&early, RECORD_PA_REQUEST, D(2030, 3, 1), RECORD_REQUEST_MADE);
    assert_int_equal(due_of(&early, D(2030, 5, 10), DUE_NEEDS_ASSESSMENT), D(2030, 5, 10));
    /* At 20 the s23C duties stand as before: visits, no assessment. */
    assert_false(owes(&early, D(2030, 5, 9), DUE_NEEDS_ASSESSMENT));
    assert_true(owes(&early, D(2030, 5, 9), DUE_PA_CONTACT));
    dataset_free(&early);
}

/* Eligible after the 16th birthday: looked after from 10/06/2025, the 91st
 * day is 08/09/2025, so the needs assessment is due by 08/12/2025; one done
 * counts. */
static void test_needs_assessment_late_eligibility(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2009, 5, 10), "WBRI");
    add_ep(&ds, D(2025, 6, 10), DATE_NONE, "S", "V2", "R1");
    assert_false(owes(&ds, D(2025, 9, 7), DUE_NEEDS_ASSESSMENT));
    assert_int_equal(due_of(&ds, D(2025, 9, 8), DUE_NEEDS_ASSESSMENT), D(2025, 12, 8));
    add_rec(&ds, RECORD_NEEDS_ASSESSMENT, D(2025, 10, 1), 0);
    assert_false(owes(&ds, D(2025, 10, 1), DUE_NEEDS_ASSESSMENT));
    dataset_free(&ds);
}

/* Short breaks only (V3/V4): no looked-after items here. Sorting: by due date. */
static void test_short_breaks_and_order(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "M", D(2015, 5, 5), "WBRI");
    add_ep(&ds, D(2026, 1, 5), DATE_NONE, "S", "V4", "U6");
    DueEntry buf[DUE_ITEM_COUNT];
    assert_int_equal(due_for_child(&ds, &ds.children[0], D(2026, 2, 1), &cal, buf), 0);
    dataset_free(&ds);

    Dataset ds2 = {0};
    dataset_add_child(&ds2, "A", "M", D(2015, 5, 5), "WBRI");
    add_ep(&ds2, D(2026, 1, 5), DATE_NONE, "S", "C2", "U6");
    int n = due_for_child(&ds2, &ds2.children[0], D(2026, 1, 5), &cal, buf);
    assert_int_equal(n, 7); /* every looked-after item for a school-age 10-year-old */
    for (int i = 1; i < n; i++) assert_true(buf[i - 1].due <= buf[i].due);
    assert_int_equal(buf[0].item, DUE_VISIT); /* 12/01 */
    dataset_free(&ds2);
}

/* CPPCR 2010 reg 28(4) for a connected person under temporary approval (reg
 * 24), which the 903 cannot tell: the council's statement says so. Placed
 * with a relative (U3) on Monday 02/03/2026, stated reg24 the same day.
 * Weekly: the visit of Friday 06/03 makes the next due Friday 13/03, the 7th
 * day after it (due on that day, overdue on the 8th). After the first review
 * (27/03), the next visit is due 4 weeks after the last one. Without the
 * statement the placement follows reg 28(2): 06/03 + 42 = 17/04. */
static void test_visits_reg24_weekly_then_4_weeks(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2016, 4, 4), "WBRI");
    add_ep(&ds, D(2026, 3, 2), DATE_NONE, "S", "C1", "U3");
    add_review(&ds, D(2026, 3, 27));
    add_rec(&ds, RECORD_VISIT_REGIME, D(2026, 3, 2), RECORD_REGIME_REG24);
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 6), 0);
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 13), 0);
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 27), 0);
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2026, 3, 2), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 3, 9));
    assert_non_null(strstr(e->rule, "reg 28(4)"));
    assert_non_null(strstr(e->rule, "connected person"));
    e = find(&ds, D(2026, 3, 12), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 3, 13));
    assert_non_null(strstr(e->rule, "weekly until the first review"));
    /* The 7th day after the visit: due. Had it not been done, the 8th: overdue. */
    Dataset late = {0};
    dataset_add_child(&late, "A", "F", D(2016, 4, 4), "WBRI");
    add_ep(&late, D(2026, 3, 2), DATE_NONE, "S", "C1", "U3");
    add_rec(&late, RECORD_VISIT_REGIME, D(2026, 3, 2), RECORD_REGIME_REG24);
    add_rec(&late, RECORD_VISIT, D(2026, 3, 6), 0);
    e = find(&late, D(2026, 3, 13), DUE_VISIT, buf);
    assert_int_equal(e->status, DUE_STATUS_DUE);
    e = find(&late, D(2026, 3, 14), DUE_VISIT, buf);
    assert_int_equal(e->status, DUE_STATUS_OVERDUE);
    assert_int_equal(e->days_overdue, 1);
    dataset_free(&late);
    /* The visit of 13/03 came before the first review: still weekly. */
    assert_int_equal(due_of(&ds, D(2026, 3, 26), DUE_VISIT), D(2026, 3, 20));
    /* The review of 27/03 and a visit that day: 4 weeks. */
    e = find(&ds, D(2026, 3, 27), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 4, 24));
    assert_non_null(strstr(e->rule, "at most 4 weeks apart after the first review"));
    dataset_free(&ds);

    /* The same placement with no statement: reg 28(2). */
    Dataset plain = {0};
    dataset_add_child(&plain, "A", "F", D(2016, 4, 4), "WBRI");
    add_ep(&plain, D(2026, 3, 2), DATE_NONE, "S", "C1", "U3");
    add_rec(&plain, RECORD_VISIT, D(2026, 3, 6), 0);
    e = find(&plain, D(2026, 3, 6), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 4, 17));
    assert_non_null(strstr(e->rule, "reg 28(2)"));
    dataset_free(&plain);
}

/* CPPCR 2010 reg 28(3): placed with a parent (P1) under a care order (C2)
 * before the reg 19 assessment is complete. Reg 28(5) applies too (within a
 * week of the order, then 6-weekly); the earlier date wins, so visits are
 * weekly until the first review (20/03), then 6-weekly. The statement is
 * dated Friday 27/02, before the child came into care on Monday 02/03: it is
 * about that placement and takes effect from its start. */
static void test_visits_reg19_with_care_order(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "M", D(2021, 9, 9), "WBRI");
    add_ep(&ds, D(2026, 3, 2), DATE_NONE, "S", "C2", "P1");
    add_review(&ds, D(2026, 3, 20));
    add_rec(&ds, RECORD_VISIT_REGIME, D(2026, 2, 27), RECORD_REGIME_REG19);
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 5), 0);
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 20), 0);
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2026, 3, 2), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 3, 9));
    assert_non_null(strstr(e->rule, "reg 28(3)"));
    /* Weekly (12/03), not reg 28(5)'s 6 weeks (16/04). */
    e = find(&ds, D(2026, 3, 5), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 3, 12));
    assert_non_null(strstr(e->rule, "reg 28(3)"));
    assert_non_null(strstr(e->rule, "weekly until the first review"));
    /* After the first review: 6 weeks, 20/03 + 42 = 01/05. */
    e = find(&ds, D(2026, 3, 20), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 5, 1));
    assert_non_null(strstr(e->rule, "6 weeks apart after the first review"));
    dataset_free(&ds);
}

/* A `standard` statement ends the regime mid-placement: the carer was fully
 * approved on Wednesday 18/03. The weekly visit due 20/03 is owed no more; the
 * next is due under reg 28(2), 6 weeks after the last visit (13/03 + 42 =
 * 24/04). The regime's own dates counted from the statement: a reg 24
 * statement dated 11/03, after the placement of 02/03 started, asks for a visit
 * within a week of 11/03 when none has been made since. */
static void test_visits_regime_ends_and_starts_mid_placement(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2016, 4, 4), "WBRI");
    add_ep(&ds, D(2026, 3, 2), DATE_NONE, "S", "C2", "U3");
    add_rec(&ds, RECORD_VISIT_REGIME, D(2026, 3, 2), RECORD_REGIME_REG24);
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 6), 0);
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 13), 0);
    add_rec(&ds, RECORD_VISIT_REGIME, D(2026, 3, 18), RECORD_REGIME_STANDARD);
    assert_int_equal(due_of(&ds, D(2026, 3, 17), DUE_VISIT), D(2026, 3, 20));
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2026, 3, 18), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 4, 24));
    assert_non_null(strstr(e->rule, "reg 28(2)"));
    dataset_free(&ds);

    Dataset mid = {0};
    dataset_add_child(&mid, "A", "F", D(2016, 4, 4), "WBRI");
    add_ep(&mid, D(2026, 3, 2), DATE_NONE, "S", "C2", "U3");
    add_rec(&mid, RECORD_VISIT, D(2026, 3, 6), 0);
    add_rec(&mid, RECORD_VISIT_REGIME, D(2026, 3, 11), RECORD_REGIME_REG24);
    assert_int_equal(due_of(&mid, D(2026, 3, 10), DUE_VISIT), D(2026, 4, 17));
    e = find(&mid, D(2026, 3, 11), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 3, 18));
    assert_non_null(strstr(e->rule, "reg 28(4)"));
    /* Stating the regime again keeps its first date. */
    add_rec(&mid, RECORD_VISIT_REGIME, D(2026, 3, 12), RECORD_REGIME_REG24);
    assert_int_equal(due_of(&mid, D(2026, 3, 12), DUE_VISIT), D(2026, 3, 18));
    dataset_free(&mid);
}

/* A move restarts the clock and the regime: a statement is about the
 * placement the child is in on its date. Placed with a relative under reg 24
 * on 02/03/2026 (first review 27/03); moved to another relative (RNE P) on
 * Wednesday 01/04. A reg 24 statement dated the day before the move is about
 * the old placement: the new one starts under reg 28(2) (visit by 08/04). A
 * statement dated 03/04 puts it under reg 28(4): a visit within a week of it
 * (10/04), then, the first review of the period being past, 4-weekly. */
static void test_visits_regime_and_move(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2016, 4, 4), "WBRI");
    add_ep(&ds, D(2026, 3, 2), D(2026, 4, 1), "S", "C2", "U3");
    add_ep(&ds, D(2026, 4, 1), DATE_NONE, "P", "C2", "U3");
    add_review(&ds, D(2026, 3, 27));
    add_rec(&ds, RECORD_VISIT_REGIME, D(2026, 3, 2), RECORD_REGIME_REG24);
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 27), 0);
    add_rec(&ds, RECORD_VISIT_REGIME, D(2026, 3, 31), RECORD_REGIME_REG24);
    add_rec(&ds, RECORD_VISIT_REGIME, D(2026, 4, 3), RECORD_REGIME_REG24);
    add_rec(&ds, RECORD_VISIT, D(2026, 4, 8), 0);
    assert_int_equal(due_of(&ds, D(2026, 3, 31), DUE_VISIT), D(2026, 4, 24));
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2026, 4, 1), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 4, 8));
    assert_non_null(strstr(e->rule, "reg 28(2)"));
    e = find(&ds, D(2026, 4, 3), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 4, 10));
    assert_non_null(strstr(e->rule, "reg 28(4)"));
    e = find(&ds, D(2026, 4, 8), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 5, 6));
    assert_non_null(strstr(e->rule, "4 weeks"));
    dataset_free(&ds);
}

/* Statements dated before a placement: one dated while the child was not in
 * care is about the first placement of the period that follows; one from an
 * earlier period of care is not carried into a new one. In care 05/01/2025 to
 * 01/06/2025 with a relative under reg 24 (never stated `standard`); back in
 * care with a relative on Monday 02/03/2026. */
static void test_visits_regime_statement_before_placement(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2016, 4, 4), "WBRI");
    add_ep(&ds, D(2025, 1, 5), D(2025, 6, 1), "S", "C2", "U3");
    add_ep(&ds, D(2026, 3, 2), DATE_NONE, "S", "C2", "U3");
    add_review(&ds, D(2025, 1, 30));
    add_rec(&ds, RECORD_VISIT_REGIME, D(2025, 1, 5), RECORD_REGIME_REG24);
    add_rec(&ds, RECORD_VISIT, D(2026, 3, 6), 0);
    DueEntry buf[DUE_ITEM_COUNT];
    const DueEntry *e = find(&ds, D(2026, 3, 6), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 4, 17));
    assert_non_null(strstr(e->rule, "reg 28(2)"));
    /* A statement of 27/02/2026, before the new period: weekly from 02/03. */
    dataset_free(&ds);
    Dataset again = {0};
    dataset_add_child(&again, "A", "F", D(2016, 4, 4), "WBRI");
    add_ep(&again, D(2025, 1, 5), D(2025, 6, 1), "S", "C2", "U3");
    add_ep(&again, D(2026, 3, 2), DATE_NONE, "S", "C2", "U3");
    add_review(&again, D(2025, 1, 30));
    add_rec(&again, RECORD_VISIT_REGIME, D(2025, 1, 5), RECORD_REGIME_REG24);
    add_rec(&again, RECORD_VISIT_REGIME, D(2026, 2, 27), RECORD_REGIME_REG24);
    add_rec(&again, RECORD_VISIT, D(2026, 3, 6), 0);
    assert_false(owes(&again, D(2026, 2, 28), DUE_VISIT)); /* not yet in care */
    e = find(&again, D(2026, 3, 2), DUE_VISIT, buf);
    assert_int_equal(e->due, D(2026, 3, 9));
    assert_non_null(strstr(e->rule, "reg 28(4)"));
    /* The first review of this period is not yet held: weekly. */
    assert_int_equal(due_of(&again, D(2026, 3, 6), DUE_VISIT), D(2026, 3, 13));
    dataset_free(&again);
}

/* Short breaks (LS V3/V4, CPPCR 2010 reg 48): visits are at intervals agreed
 * with the IRO and the parents and recorded in the care plan, which Carepledge
 * does not hold, and the 903 records no reviews for them: no item at all, not
 * even with visits and a regime statement recorded. */
static void test_short_break_child_owes_no_visit(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "M", D(2014, 2, 2), "WBRI");
    add_ep(&ds, D(2026, 1, 9), D(2026, 1, 11), "S", "V3", "U4");
    add_ep(&ds, D(2026, 2, 6), D(2026, 2, 8), "S", "V3", "U4");
    add_ep(&ds, D(2026, 3, 6), D(2026, 3, 8), "S", "V3", "U4");
    add_rec(&ds, RECORD_VISIT_REGIME, D(2026, 1, 9), RECORD_REGIME_REG24);
    add_rec(&ds, RECORD_VISIT, D(2026, 1, 10), 0);
    DueEntry buf[DUE_ITEM_COUNT];
    Date days[] = {D(2026, 1, 9), D(2026, 1, 10), D(2026, 2, 7), D(2026, 3, 31)};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
        assert_int_equal(due_for_child(&ds, &ds.children[0], days[i], &cal, buf), 0);
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_first_review_over_christmas),
        cmocka_unit_test(test_review_months_and_month_ends),
        cmocka_unit_test(test_review_29_february),
        cmocka_unit_test(test_review_new_period),
        cmocka_unit_test(test_care_plan_over_easter),
        cmocka_unit_test(test_care_plan_interim_care_order),
        cmocka_unit_test(test_visits_and_placement_move),
        cmocka_unit_test(test_visits_after_first_year),
        cmocka_unit_test(test_visits_placed_with_parent),
        cmocka_unit_test(test_first_review_substitute_days),
        cmocka_unit_test(test_health_fifth_birthday),
        cmocka_unit_test(test_health_29_february),
        cmocka_unit_test(test_dental_and_sdq),
        cmocka_unit_test(test_education_plan),
        cmocka_unit_test(test_leaving_care),
        cmocka_unit_test(test_needs_assessment_late_eligibility),
        cmocka_unit_test(test_short_breaks_and_order),
        cmocka_unit_test(test_visits_reg24_weekly_then_4_weeks),
        cmocka_unit_test(test_visits_reg19_with_care_order),
        cmocka_unit_test(test_visits_regime_ends_and_starts_mid_placement),
        cmocka_unit_test(test_visits_regime_and_move),
        cmocka_unit_test(test_visits_regime_statement_before_placement),
        cmocka_unit_test(test_short_break_child_owes_no_visit),
        cmocka_unit_test(test_request_for_advice_and_support),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
