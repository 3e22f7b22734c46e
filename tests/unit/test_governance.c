/* Unit tests for domain/governance*: the values the templates accept, the
 * 28-day answers to the Children in Care Council's issues at their 28th and
 * 29th days and at the ends of collection years (promise 3.13), the regular
 * items of the terms of reference, and the participation rules at the 9th
 * birthday and the year's ends, with publication under disclosure control.
 * All data is made up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/governance.h"
#include "domain/governance_due.h"
#include "domain/governance_participation.h"
#include "test_fixture.h"

#include <stdlib.h>
#include <string.h>

static const GovColumn *column(GovTableId t, const char *name)
{
    int i = governance_column(&governance_tables[t], name);
    assert_true(i >= 0);
    return &governance_tables[t].columns[i];
}

static void test_values(void **state)
{
    (void)state;
    char out[GOV_VALUE_LEN], why[200];
    assert_int_equal(
        governance_check_value(column(GOV_ISSUES, "RAISED_ON"), "03/02/2010", out, why), 0);
    assert_string_equal(out, "2010-02-03");
    assert_int_equal(
        governance_check_value(column(GOV_ISSUES, "RAISED_ON"), "2010-02-30", out, why), -1);
    assert_non_null(strstr(why, "not a date"));
    assert_int_equal(governance_check_value(column(GOV_ISSUES, "RAISED_ON"), " ", out, why), -1);
    assert_string_equal(why, "a value is required");
    assert_int_equal(governance_check_value(column(GOV_ISSUES, "ANSWERED_ON"), "", out, why), 0);
    assert_string_equal(out, "");
    assert_int_equal(governance_check_value(column(GOV_MEETINGS, "CICC_REPORT"), "yes", out, why),
                     0);
    assert_string_equal(out, "1");
    assert_int_equal(governance_check_value(column(GOV_MEETINGS, "CICC_REPORT"), "maybe", out, why),
                     -1);
    assert_int_equal(governance_check_value(column(GOV_ACTIONS, "STATUS"), "Done", out, why), 0);
    assert_string_equal(out, "done");
    assert_int_equal(governance_check_value(column(GOV_ACTIONS, "STATUS"), "finished", out, why),
                     -1);
    assert_non_null(strstr(why, "open|done|dropped"));
    assert_int_equal(governance_check_value(column(GOV_ISSUES, "ID"), "I 1", out, why), -1);
    assert_int_equal(governance_check_value(column(GOV_PRIORITIES, "INDICATORS"),
                                            "pep_current;oc2_convicted", out, why),
                     0);
    assert_null(governance_table_find("nothing"));
    assert_int_equal(governance_table_find("issues")->id, GOV_ISSUES);
}

/* Raised 1 March 2010: the 28th day is 29 March. */
static void test_issue_28th_and_29th_day(void **state)
{
    (void)state;
    assert_int_equal(governance_issue_deadline(D(2010, 3, 1)), D(2010, 3, 29));
    GovIssue on_28th = {"I1", D(2010, 3, 1), D(2010, 3, 29)};
    GovIssue on_29th = {"I2", D(2010, 3, 1), D(2010, 3, 30)};
    GovIssue open = {"I3", D(2010, 3, 1), NONE};
    assert_int_equal(governance_issue_state(&on_28th, D(2010, 4, 30)), GOV_DONE);
    assert_int_equal(governance_issue_state(&on_29th, D(2010, 4, 30)), GOV_DONE_LATE);
    assert_int_equal(governance_issue_state(&open, D(2010, 3, 29)), GOV_DUE);
    assert_int_equal(governance_issue_state(&open, D(2010, 3, 30)), GOV_OVERDUE);
    /* An answer after the date asked is not known yet. */
    assert_int_equal(governance_issue_state(&on_29th, D(2010, 3, 29)), GOV_DUE);
}

/* 3.13: the cohort is the issues whose deadline falls in the year. */
static void test_issues_tally_year_ends(void **state)
{
    (void)state;
    GovIssue issues[] = {
        {"a", D(2010, 3, 3), D(2010, 3, 20)}, /* deadline 31 Mar 2010: 2009/10, on time */
        {"b", D(2010, 3, 4), D(2010, 4, 1)},  /* deadline 1 Apr 2010: 2010/11, on time */
        {"c", D(2009, 3, 4), D(2009, 4, 2)},  /* deadline 1 Apr 2009: 2009/10, late */
        {"d", D(2009, 12, 1), NONE},          /* unanswered: 2009/10, not on time */
        {"e", D(2009, 3, 3), D(2009, 3, 31)}, /* deadline 31 Mar 2009: 2008/09 */
    };
    long num, den;
    governance_issues_tally(issues, 5, 2010, &num, &den);
    assert_int_equal(den, 3);
    assert_int_equal(num, 1);
    governance_issues_tally(issues, 5, 2011, &num, &den);
    assert_int_equal(den, 1);
    assert_int_equal(num, 1);
    governance_issues_tally(issues, 5, 2009, &num, &den);
    assert_int_equal(den, 1);
    assert_int_equal(num, 1);
}

static const GovDueItem *find_item(const GovDueItem *v, int n, const char *what, const char *ref)
{
    for (int i = 0; i < n; i++)
        if (strstr(v[i].what, what) && (!ref || strcmp(v[i].ref, ref) == 0)) return &v[i];
    return NULL;
}

static void test_regular_items(void **state)
{
    (void)state;
    GovMeeting m[] = {
        {"P1", GOV_GROUP_PANEL, D(2009, 6, 30), true, false, false, false, false},
        {"P2", GOV_GROUP_PANEL, D(2009, 10, 1), true, true, false, false, false},
        {"C1", GOV_GROUP_CICC, D(2009, 5, 5), false, false, false, true, true},
        {"C2", GOV_GROUP_CICC, D(2009, 11, 5), false, false, true, false, false},
    };
    GovDueItem *items;
    int n = governance_regular_items(m, 4, 2010, D(2009, 11, 10), &items);
    /* April-June met on its last day; July-September had none and is past. */
    const GovDueItem *q1 = find_item(items, n, "April to June", NULL);
    assert_non_null(q1);
    assert_int_equal(q1->state, GOV_DONE);
    assert_string_equal(q1->ref, "P1");
    assert_int_equal(find_item(items, n, "July to September", NULL)->state, GOV_OVERDUE);
    assert_int_equal(find_item(items, n, "October to December", NULL)->state, GOV_DONE);
    assert_null(find_item(items, n, "January to March", NULL)); /* not begun */
    assert_int_equal(find_item(items, n, "Strategy Group report", "P1")->state, GOV_OVERDUE);
    assert_int_equal(find_item(items, n, "Strategy Group report", "P2")->state, GOV_DONE);
    assert_int_equal(find_item(items, n, "Director", NULL)->state, GOV_DONE);
    assert_int_equal(find_item(items, n, "Lead Member", NULL)->state, GOV_DONE);
    assert_int_equal(find_item(items, n, "elected member", "C1")->state, GOV_DONE);
    assert_int_equal(find_item(items, n, "elected member", "C2")->state, GOV_OVERDUE);
    free(items);
    /* At the year's end, a Director never invited is overdue the day after. */
    GovMeeting none[] = {{"C3", GOV_GROUP_CICC, D(2010, 1, 5), false, false, false, false, true}};
    n = governance_regular_items(none, 1, 2010, D(2010, 3, 31), &items);
    assert_int_equal(find_item(items, n, "Director", NULL)->state, GOV_DUE);
    free(items);
    n = governance_regular_items(none, 1, 2010, D(2010, 4, 1), &items);
    assert_int_equal(find_item(items, n, "Director", NULL)->state, GOV_OVERDUE);
    assert_int_equal(find_item(items, n, "January to March", NULL)->state, GOV_OVERDUE);
    free(items);
}

static void test_action_state(void **state)
{
    (void)state;
    GovAction a = {"A1", D(2010, 1, 31), true};
    assert_int_equal(governance_action_state(&a, D(2010, 1, 31)), GOV_DUE);
    assert_int_equal(governance_action_state(&a, D(2010, 2, 1)), GOV_OVERDUE);
    a.open = false;
    assert_int_equal(governance_action_state(&a, D(2010, 2, 1)), GOV_DONE);
}

static void in_care(Dataset *ds, const char *id, Date dob, const char *ethnic, Date from)
{
    dataset_add_child(ds, id, "F", dob, ethnic);
    fixture_episode(
        ds, (FixtureEpisode){from, NONE, .rne = "S", .ls = "C2", .cin = "N1", .place = "U4"});
}

static const GovPartItem *rule(const GovPartItem *items, int n, GovRule r)
{
    for (int i = 0; i < n; i++)
        if (items[i].rule == r) return &items[i];
    return NULL;
}

/* 9 on 1 April 2009 owes four meetings in 2009/10; 9 on 2 April owes one. */
static void test_offers_ninth_birthday(void **state)
{
    (void)state;
    Dataset ds = {0};
    in_care(&ds, "A", D(2000, 4, 1), "WBRI", D(2008, 1, 1));
    in_care(&ds, "B", D(2000, 4, 2), "WBRI", D(2008, 1, 1));
    GovEvent three[] = {{GOV_EVENT_OFFER, D(2009, 5, 1)},
                        {GOV_EVENT_OFFER, D(2009, 8, 1)},
                        {GOV_EVENT_OFFER, D(2009, 11, 1)}};
    GovPartItem items[GOV_RULE_COUNT];
    int n =
        governance_participation_child(&ds, &ds.children[0], three, 3, 2010, D(2010, 3, 31), items);
    const GovPartItem *a = rule(items, n, GOV_RULE_OFFERED);
    assert_int_equal(a->need, 4);
    assert_int_equal(a->have, 3);
    assert_int_equal(a->state, GOV_DUE);
    n = governance_participation_child(&ds, &ds.children[0], three, 3, 2010, D(2010, 4, 1), items);
    assert_int_equal(rule(items, n, GOV_RULE_OFFERED)->state, GOV_OVERDUE);
    n = governance_participation_child(&ds, &ds.children[1], three, 3, 2010, D(2010, 3, 31), items);
    const GovPartItem *b = rule(items, n, GOV_RULE_OFFERED);
    assert_int_equal(b->need, 1);
    assert_int_equal(b->state, GOV_DONE);
    assert_int_equal(b->done, D(2009, 5, 1));
    dataset_free(&ds);
}

/* Entering care on 10 May 2009: two invitations within 12 months. */
static void test_invitations(void **state)
{
    (void)state;
    Dataset ds = {0};
    in_care(&ds, "A", D(2005, 1, 1), "WBRI", D(2009, 5, 10));
    GovEvent ev[] = {{GOV_EVENT_INVITATION, D(2009, 6, 1)},
                     {GOV_EVENT_INVITATION, D(2010, 5, 10)},
                     {GOV_EVENT_INVITATION, D(2009, 4, 1)}}; /* before care: not counted */
    GovPartItem items[GOV_RULE_COUNT];
    int n =
        governance_participation_child(&ds, &ds.children[0], ev, 3, 2010, D(2010, 3, 31), items);
    const GovPartItem *i = rule(items, n, GOV_RULE_INVITED);
    assert_non_null(i);
    assert_int_equal(i->have, 1);
    assert_int_equal(i->due, D(2010, 5, 10));
    assert_int_equal(i->state, GOV_DUE);
    /* The offers rule does not apply: not looked after on 1 April 2009. */
    assert_null(rule(items, n, GOV_RULE_OFFERED));
    n = governance_participation_child(&ds, &ds.children[0], ev, 3, 2010, D(2010, 5, 10), items);
    i = rule(items, n, GOV_RULE_INVITED);
    assert_int_equal(i->have, 2);
    assert_int_equal(i->state, GOV_DONE);
    dataset_free(&ds);
}

/* The mailing: once in the year, due by 31 March. */
static void test_mailing_year_end(void **state)
{
    (void)state;
    Dataset ds = {0};
    in_care(&ds, "A", D(2001, 1, 1), "WBRI", D(2008, 1, 1));
    GovEvent last_year[] = {{GOV_EVENT_MAILING, D(2009, 3, 31)}};
    GovEvent this_year[] = {{GOV_EVENT_MAILING, D(2010, 3, 31)}};
    GovPartItem items[GOV_RULE_COUNT];
    int n = governance_participation_child(&ds, &ds.children[0], last_year, 1, 2010, D(2010, 4, 1),
                                           items);
    assert_int_equal(rule(items, n, GOV_RULE_MAILED)->state, GOV_OVERDUE);
    n = governance_participation_child(&ds, &ds.children[0], this_year, 1, 2010, D(2010, 4, 1),
                                       items);
    assert_int_equal(rule(items, n, GOV_RULE_MAILED)->state, GOV_DONE);
    dataset_free(&ds);
}

/* A former relevant young person: looked after from 13 until the 18th
 * birthday (CA89 s23C(1)(b)), then left care. */
static void former_relevant(Dataset *ds, const char *id, Date dob)
{
    int y, m, d;
    date_to_ymd(dob, &y, &m, &d);
    dataset_add_child(ds, id, "M", dob, "WBRI");
    fixture_episode(ds, (FixtureEpisode){date_from_ymd(y + 13, 1, 1), date_add_months(dob, 216),
                                         .rne = "S", .ls = "C2", .cin = "N1", .place = "U4",
                                         .rec = "E8"});
}

/* Care leavers are owed the mailing up to 21, or 25 while in education or
 * training: at the 21st birthday on the year's last day (31 March 2010), the
 * one not in education is no longer owed it, the one a day younger is, and so
 * is one of 21 in higher education (OC3 F1). */
static void test_leaver_mailing_21st_birthday(void **state)
{
    (void)state;
    Dataset ds = {0};
    former_relevant(&ds, "A21", D(1989, 3, 31));
    former_relevant(&ds, "B20", D(1989, 4, 1));
    former_relevant(&ds, "C21", D(1989, 3, 31));
    fixture_oc3(&ds, 2009, "YES", "F1", "B1");
    in_care(&ds, "D", D(2001, 1, 1), "WBRI", D(2008, 1, 1));
    GovEvent mailed[] = {{GOV_EVENT_MAILING, D(2010, 3, 10)}};
    GovPartItem items[GOV_RULE_COUNT];
    int n = governance_participation_child(&ds, &ds.children[0], mailed, 1, 2010, D(2010, 3, 31),
                                           items);
    assert_null(rule(items, n, GOV_RULE_LEAVER_MAILED));
    n = governance_participation_child(&ds, &ds.children[1], mailed, 1, 2010, D(2010, 3, 31),
                                       items);
    const GovPartItem *b = rule(items, n, GOV_RULE_LEAVER_MAILED);
    assert_non_null(b);
    assert_int_equal(b->state, GOV_DONE);
    assert_int_equal(b->due, D(2010, 3, 31));
    assert_null(rule(items, n, GOV_RULE_MAILED)); /* not a child in care */
    /* Not mailed: due until 31 March, overdue after. */
    n = governance_participation_child(&ds, &ds.children[1], NULL, 0, 2010, D(2010, 3, 31), items);
    assert_int_equal(rule(items, n, GOV_RULE_LEAVER_MAILED)->state, GOV_DUE);
    n = governance_participation_child(&ds, &ds.children[1], NULL, 0, 2010, D(2010, 4, 1), items);
    assert_int_equal(rule(items, n, GOV_RULE_LEAVER_MAILED)->state, GOV_OVERDUE);
    /* A year earlier the 21-year-old was 20: owed it then. */
    n = governance_participation_child(&ds, &ds.children[0], NULL, 0, 2009, D(2009, 3, 31), items);
    assert_non_null(rule(items, n, GOV_RULE_LEAVER_MAILED));
    n = governance_participation_child(&ds, &ds.children[2], mailed, 1, 2010, D(2010, 3, 31),
                                       items);
    assert_non_null(rule(items, n, GOV_RULE_LEAVER_MAILED));
    /* A child in care is owed the children's mailing, not the care leavers'. */
    n = governance_participation_child(&ds, &ds.children[3], mailed, 1, 2010, D(2010, 3, 31),
                                       items);
    assert_non_null(rule(items, n, GOV_RULE_MAILED));
    assert_null(rule(items, n, GOV_RULE_LEAVER_MAILED));
    GovPartTally t = {0};
    for (int i = 0; i < ds.n_children; i++) {
        n = governance_participation_child(&ds, &ds.children[i], mailed, 1, 2010, D(2010, 3, 31),
                                           items);
        governance_participation_add(&t, &ds, &ds.children[i], 2010, items, n);
    }
    assert_int_equal(t.den[GOV_RULE_LEAVER_MAILED], 2);
    assert_int_equal(t.num[GOV_RULE_LEAVER_MAILED], 2);
    assert_int_equal(t.den[GOV_RULE_MAILED], 1);
    dataset_free(&ds);
}

/* The aggregate by group, and what publication withholds. */
static void test_publish_split(void **state)
{
    (void)state;
    GovPartTally t = {0};
    t.num[GOV_RULE_MAILED] = 30, t.den[GOV_RULE_MAILED] = 40;
    t.split_num[GOV_RULE_MAILED][GOV_SPLIT_DISABLED] = 2;
    t.split_den[GOV_RULE_MAILED][GOV_SPLIT_DISABLED] = 8;
    t.split_num[GOV_RULE_MAILED][GOV_SPLIT_NOT_DISABLED] = 28;
    t.split_den[GOV_RULE_MAILED][GOV_SPLIT_NOT_DISABLED] = 32;
    t.split_num[GOV_RULE_MAILED][GOV_SPLIT_MINORITY] = 10;
    t.split_den[GOV_RULE_MAILED][GOV_SPLIT_MINORITY] = 20;
    t.split_num[GOV_RULE_MAILED][GOV_SPLIT_WHITE_BRITISH] = 20;
    t.split_den[GOV_RULE_MAILED][GOV_SPLIT_WHITE_BRITISH] = 20;
    GovPartPublished p;
    Err err = {0};
    assert_int_equal(governance_participation_publish(&t, 0, &p, &err), 0);
    assert_string_equal(p.den[GOV_RULE_MAILED], "40");
    assert_string_equal(p.num[GOV_RULE_MAILED], "30");
    /* 2 disabled children mailed: withheld, and so is the cell beside it. */
    assert_string_equal(p.split_num[GOV_RULE_MAILED][GOV_SPLIT_DISABLED], "c");
    assert_string_equal(p.split_num[GOV_RULE_MAILED][GOV_SPLIT_NOT_DISABLED], "c");
    assert_string_equal(p.split_num[GOV_RULE_MAILED][GOV_SPLIT_MINORITY], "10");
    /* No children: zeros, nothing to withhold. */
    assert_string_equal(p.den[GOV_RULE_INVITED], "0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_issue_28th_and_29th_day),
        cmocka_unit_test(test_issues_tally_year_ends),
        cmocka_unit_test(test_regular_items),
        cmocka_unit_test(test_action_state),
        cmocka_unit_test(test_offers_ninth_birthday),
        cmocka_unit_test(test_invitations),
        cmocka_unit_test(test_mailing_year_end),
        cmocka_unit_test(test_leaver_mailing_21st_birthday),
        cmocka_unit_test(test_publish_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
