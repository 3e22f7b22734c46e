/* Unit tests for domain/compliance: items that fell due in a period, done on
 * time, late or not at all, with the dates worked out in comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_made_up.h"

#include "domain/compliance.h"
#include "service/compliance_all.h"
#include "test_fixture.h"

#include <stdio.h>
#include <stdlib.h>
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

static void add_ep(Dataset *ds, Date decom, Date dec, const char *rne, const char *place)
{
    fixture_episode(ds,
                    (FixtureEpisode){decom, dec, rne, "C2", "N1", place, dec == NONE ? "" : "E8"});
}

static void add_visit(Dataset *ds, Date d)
{
    CareRecord r = {.date = d, .kind = RECORD_VISIT, .value = -1};
    dataset_add_record(ds, &r);
}

static void add_review(Dataset *ds, Date d)
{
    fixture_review(ds, d, "PN1");
}

static ComplianceCount run(const Dataset *ds, Date from, Date to, DueItem item)
{
    Compliance cm;
    compliance_init(&cm, from, to, &cal);
    for (int i = 0; i < ds->n_children; i++) compliance_add_child(&cm, ds, &ds->children[i]);
    ComplianceCount k = cm.counts[item];
    compliance_free(&cm);
    /* Following the item alone, or with reviews and visits (the scorecard's
     * pair), counts it the same. */
    unsigned masks[] = {1u << item, (1u << item) | (1u << DUE_REVIEW) | (1u << DUE_VISIT)};
    for (int m = 0; m < 2; m++) {
        compliance_init_items(&cm, from, to, &cal, masks[m]);
        for (int i = 0; i < ds->n_children; i++) compliance_add_child(&cm, ds, &ds->children[i]);
        assert_memory_equal(&cm.counts[item], &k, sizeof k);
        for (int other = 0; other < DUE_ITEM_COUNT; other++)
            if (!(masks[m] & (1u << other))) assert_int_equal(cm.counts[other].fell_due, 0);
        compliance_free(&cm);
    }
    return k;
}

/* Placement from 01/03/2026: first visit due 08/03, done 05/03 (on time);
 * next due 16/04 (05/03 + 42), done 20/04 (late); next due 01/06, not done by
 * 30/06. */
static void test_visits_on_time_late_not_done(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2014, 1, 1), "WBRI");
    add_ep(&ds, D(2026, 3, 1), DATE_NONE, "S", "U6");
    add_visit(&ds, D(2026, 3, 5));
    add_visit(&ds, D(2026, 4, 20));
    ComplianceCount k = run(&ds, D(2026, 3, 1), D(2026, 6, 30), DUE_VISIT);
    assert_int_equal(k.fell_due, 3);
    assert_int_equal(k.on_time, 1);
    assert_int_equal(k.late, 1);
    assert_int_equal(k.not_done, 1);
    /* The period's end decides: up to 31/05 the third visit has not fallen due. */
    k = run(&ds, D(2026, 3, 1), D(2026, 5, 31), DUE_VISIT);
    assert_int_equal(k.fell_due, 2);
    dataset_free(&ds);
}

/* A move before the visit fell due: the visit due 16/04 at the old placement
 * stops being owed on 10/04 and is not counted; the new placement's first
 * visit (due 17/04) is done on 15/04. */
static void test_move_before_due_is_not_counted(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2014, 1, 1), "WBRI");
    add_ep(&ds, D(2026, 3, 1), D(2026, 4, 10), "S", "U6");
    add_ep(&ds, D(2026, 4, 10), DATE_NONE, "P", "R1");
    add_visit(&ds, D(2026, 3, 5));
    add_visit(&ds, D(2026, 4, 15));
    ComplianceCount k = run(&ds, D(2026, 3, 1), D(2026, 4, 30), DUE_VISIT);
    assert_int_equal(k.fell_due, 2);
    assert_int_equal(k.on_time, 2);
    dataset_free(&ds);
}

/* Reviews: looked after from Monday 02/03/2026, first review due 30/03 (20
 * working days). Held on 27/03, before a period starting 28/03: on time. The
 * second (due 27/06) is overdue when the child leaves care on 01/07: not done.
 * Had the child left on 20/06, before it fell due, it would not count. */
static void test_reviews_early_and_leaving(void **state)
{
    (void)state;
    for (int early_leave = 0; early_leave < 2; early_leave++) {
        Dataset ds = {0};
        dataset_add_child(&ds, "A", "M", D(2012, 5, 5), "WBRI");
        add_ep(&ds, D(2026, 3, 2), early_leave ? D(2026, 6, 20) : D(2026, 7, 1), "S", "U6");
        add_review(&ds, D(2026, 3, 27));
        ComplianceCount k = run(&ds, D(2026, 3, 28), D(2026, 12, 31), DUE_REVIEW);
        assert_int_equal(k.fell_due, early_leave ? 1 : 2);
        assert_int_equal(k.on_time, 1);
        assert_int_equal(k.not_done, early_leave ? 0 : 1);
        dataset_free(&ds);
    }
}

/* A relevant child (left care at 16 having been looked after since 15) goes
 * home on 01/09/2025 (E4A). PA contact due 01/11/2025 (2 months after
 * leaving), done 15/01/2026: late. The next is due 15/03/2026, but home 6
 * months on 01/03/2026 the young person is relevant no longer (CA89 s23A(3)
 * via leaver.h), so that one never fell due: the replay works the worklist
 * out again on that day, not only at the end of the period. */
static void test_relevant_home_six_months(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2009, 1, 1), "WBRI");
    Episode e = {.decom = D(2024, 6, 1), .dec = D(2025, 9, 1)};
    DATASET_SET_CODE(e.rne, "S");
    DATASET_SET_CODE(e.ls, "V2");
    DATASET_SET_CODE(e.cin, "N1");
    DATASET_SET_CODE(e.place, "U3");
    DATASET_SET_CODE(e.rec, "E4A");
    dataset_add_episode(&ds, &e);
    CareRecord r = {.date = D(2026, 1, 15), .kind = RECORD_PA_CONTACT, .subtype = 1, .value = -1};
    dataset_add_record(&ds, &r);
    ComplianceCount k = run(&ds, D(2025, 9, 1), D(2026, 6, 30), DUE_PA_CONTACT);
    assert_int_equal(k.fell_due, 1);
    assert_int_equal(k.late, 1);
    assert_int_equal(k.not_done, 0);
    dataset_free(&ds);
}

/* CA89 s23CZB: a former relevant young person (left care at 18 on
 * 01/01/2030, 21 on 01/01/2033) asks for advice and support on 01/03/2033;
 * the assessment, owed from that day, is made on 15/03/2033: late. Without
 * the request nothing falls due at 21 (the replay must see the request's day
 * as a change of category). */
static void test_request_assessment_counted(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2012, 1, 1), "WBRI");
    fixture_episode(&ds,
                    (FixtureEpisode){D(2026, 6, 1), D(2030, 1, 1), "S", "C2", "N1", "U3", "E8"});
    fixture_record(&ds, D(2033, 3, 1), RECORD_PA_REQUEST, RECORD_REQUEST_MADE);
    fixture_record(&ds, D(2033, 3, 15), RECORD_NEEDS_ASSESSMENT, 0);
    ComplianceCount k = run(&ds, D(2033, 1, 1), D(2033, 6, 30), DUE_NEEDS_ASSESSMENT);
    assert_int_equal(k.fell_due, 1);
    assert_int_equal(k.late, 1);
    assert_int_equal(k.on_time, 0);
    dataset_free(&ds);
}

/* CPPCR 2010 reg 4(2) does not set a 10-working-day care plan for a child to
 * whom CA89 s31A applies. Two children come into care on Monday 01/09/2025
 * with no plan recorded by 30/11/2025: on an interim care order (C1) the plan
 * never fell due (the court directs it); under s20 (V2) it fell due on
 * 15/09/2025 and was not done. */
static void test_care_plan_interim_care_order_not_counted(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2015, 1, 1), "WBRI");
    fixture_episode(&ds, (FixtureEpisode){D(2025, 9, 1), NONE, "S", "C1", "N1", "U3", ""});
    ComplianceCount k = run(&ds, D(2025, 9, 1), D(2025, 11, 30), DUE_CARE_PLAN);
    assert_int_equal(k.fell_due, 0);
    assert_int_equal(k.not_done, 0);
    dataset_free(&ds);

    Dataset s20 = {0};
    dataset_add_child(&s20, "A", "F", D(2015, 1, 1), "WBRI");
    fixture_episode(&s20, (FixtureEpisode){D(2025, 9, 1), NONE, "S", "V2", "N1", "U3", ""});
    k = run(&s20, D(2025, 9, 1), D(2025, 11, 30), DUE_CARE_PLAN);
    assert_int_equal(k.fell_due, 1);
    assert_int_equal(k.not_done, 1);
    dataset_free(&s20);
}

/* Care Leavers (England) Regulations 2010 reg 8: the personal adviser's item
 * is a visit. A relevant child left care on 01/09/2025 (E8, aged 16); visit
 * due 01/11/2025. A phone call on 20/10/2025 does not do it; the visit of
 * 10/11/2025 does, late. */
static void test_pa_phone_call_is_not_a_visit(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2009, 1, 1), "WBRI");
    fixture_episode(&ds,
                    (FixtureEpisode){D(2024, 6, 1), D(2025, 9, 1), "S", "V2", "N1", "U3", "E8"});
    CareRecord phone = {.date = D(2025, 10, 20),
                        .kind = RECORD_PA_CONTACT,
                        .subtype = RECORD_CONTACT_PHONE,
                        .value = -1};
    dataset_add_record(&ds, &phone);
    ComplianceCount k = run(&ds, D(2025, 9, 1), D(2025, 11, 30), DUE_PA_CONTACT);
    assert_int_equal(k.fell_due, 1);
    assert_int_equal(k.on_time, 0);
    assert_int_equal(k.not_done, 1);
    CareRecord visit = {.date = D(2025, 11, 10),
                        .kind = RECORD_PA_CONTACT,
                        .subtype = RECORD_CONTACT_VISIT,
                        .value = -1};
    dataset_add_record(&ds, &visit);
    k = run(&ds, D(2025, 9, 1), D(2025, 11, 30), DUE_PA_CONTACT);
    assert_int_equal(k.fell_due, 1);
    assert_int_equal(k.late, 1);
    assert_int_equal(k.not_done, 0);
    dataset_free(&ds);
}

/* CLR 2010 reg 3(3) in the replay: placed with parents (P1) from 01/06/2025,
 * left care home (E4A) on 01/09/2025 aged 16. The PA visit due 01/11/2025 is
 * done that day; the next would be due 01/01/2026, but six months at home
 * counted from the start of the P1 placement end on 01/12/2025, when the
 * young person stops being relevant: it never fell due. */
static void test_home_six_months_from_p1_placement(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2009, 3, 15), "WBRI");
    fixture_episode(&ds,
                    (FixtureEpisode){D(2023, 1, 1), D(2025, 6, 1), "S", "C2", "N1", "U4", "X1"});
    fixture_episode(&ds,
                    (FixtureEpisode){D(2025, 6, 1), D(2025, 9, 1), "P", "C2", "N1", "P1", "E4A"});
    CareRecord visit = {.date = D(2025, 11, 1),
                        .kind = RECORD_PA_CONTACT,
                        .subtype = RECORD_CONTACT_VISIT,
                        .value = -1};
    dataset_add_record(&ds, &visit);
    ComplianceCount k = run(&ds, D(2025, 9, 1), D(2026, 6, 30), DUE_PA_CONTACT);
    assert_int_equal(k.fell_due, 1);
    assert_int_equal(k.on_time, 1);
    assert_int_equal(k.not_done, 0);
    dataset_free(&ds);
}

static void add_regime(Dataset *ds, Date d, int regime)
{
    CareRecord r = {
        .date = d, .kind = RECORD_VISIT_REGIME, .subtype = (uint8_t)regime, .value = -1};
    dataset_add_record(ds, &r);
}

/* Compliance replays the visit regime (CPPCR 2010 reg 28(4), reg 24):
 * placed with a relative on Monday 02/03/2026, stated reg24 that day. Weekly
 * until the first review (27/03): due 09/03, done 06/03 (on time); due 13/03,
 * done 13/03 (on time); due 20/03, done 21/03 (late); due 28/03, done 27/03
 * (on time, with the review); then 4-weekly: due 24/04, done 24/04 (on time);
 * the next, 22/05, falls after the period. */
static void test_visits_under_reg24(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2016, 4, 4), "WBRI");
    add_ep(&ds, D(2026, 3, 2), DATE_NONE, "S", "U3");
    add_review(&ds, D(2026, 3, 27));
    add_regime(&ds, D(2026, 3, 2), RECORD_REGIME_REG24);
    add_visit(&ds, D(2026, 3, 6));
    add_visit(&ds, D(2026, 3, 13));
    add_visit(&ds, D(2026, 3, 21));
    add_visit(&ds, D(2026, 3, 27));
    add_visit(&ds, D(2026, 4, 24));
    ComplianceCount k = run(&ds, D(2026, 3, 1), D(2026, 4, 30), DUE_VISIT);
    assert_int_equal(k.fell_due, 5);
    assert_int_equal(k.on_time, 4);
    assert_int_equal(k.late, 1);
    assert_int_equal(k.not_done, 0);
    dataset_free(&ds);
}

/* A `standard` statement on 18/03 (the carer fully approved): the weekly
 * visit due 20/03 stops being owed before it fell due and is not counted; the
 * next is due under reg 28(2), 13/03 + 42 = 24/04, done 20/04. The statement
 * itself is a day the replay works the visit out again. */
static void test_visits_regime_ended(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2016, 4, 4), "WBRI");
    add_ep(&ds, D(2026, 3, 2), DATE_NONE, "S", "U3");
    add_regime(&ds, D(2026, 3, 2), RECORD_REGIME_REG24);
    add_visit(&ds, D(2026, 3, 6));
    add_visit(&ds, D(2026, 3, 13));
    add_regime(&ds, D(2026, 3, 18), RECORD_REGIME_STANDARD);
    add_visit(&ds, D(2026, 4, 20));
    ComplianceCount k = run(&ds, D(2026, 3, 1), D(2026, 4, 30), DUE_VISIT);
    assert_int_equal(k.fell_due, 3);
    assert_int_equal(k.on_time, 3);
    assert_int_equal(k.not_done, 0);
    /* Without the statement of 18/03 the weekly visit due 20/03 is not done. */
    Dataset weekly = {0};
    dataset_add_child(&weekly, "A", "F", D(2016, 4, 4), "WBRI");
    add_ep(&weekly, D(2026, 3, 2), DATE_NONE, "S", "U3");
    add_regime(&weekly, D(2026, 3, 2), RECORD_REGIME_REG24);
    add_visit(&weekly, D(2026, 3, 6));
    add_visit(&weekly, D(2026, 3, 13));
    k = run(&weekly, D(2026, 3, 1), D(2026, 3, 31), DUE_VISIT);
    assert_int_equal(k.fell_due, 3);
    assert_int_equal(k.on_time, 2);
    assert_int_equal(k.not_done, 1);
    dataset_free(&weekly);
    dataset_free(&ds);
}

/* A child on short breaks only (reg 48) owes no visit: nothing falls due. */
static void test_short_breaks_fall_due_never(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "M", D(2014, 2, 2), "WBRI");
    Episode e = {.decom = D(2026, 1, 9), .dec = D(2026, 1, 11)};
    DATASET_SET_CODE(e.rne, "S");
    DATASET_SET_CODE(e.ls, "V3");
    DATASET_SET_CODE(e.cin, "N1");
    DATASET_SET_CODE(e.place, "U4");
    DATASET_SET_CODE(e.rec, "E13");
    dataset_add_episode(&ds, &e);
    add_visit(&ds, D(2026, 1, 10));
    for (int item = 0; item < DUE_ITEM_COUNT; item++)
        assert_int_equal(run(&ds, D(2025, 4, 1), D(2026, 3, 31), (DueItem)item).fell_due, 0);
    dataset_free(&ds);
}

/* due_for_child_items gives, for the items asked, what due_for_child gives. */
static void test_items_mask(void **state)
{
    (void)state;
    Dataset ds = {0};
    dataset_add_child(&ds, "A", "F", D(2014, 1, 1), "WBRI");
    add_ep(&ds, D(2026, 3, 1), DATE_NONE, "S", "U3");
    add_visit(&ds, D(2026, 3, 5));
    DueEntry all[DUE_ITEM_COUNT], some[DUE_ITEM_COUNT];
    int n = due_for_child(&ds, &ds.children[0], D(2026, 4, 1), &cal, all);
    unsigned mask = (1u << DUE_VISIT) | (1u << DUE_SDQ);
    int m = due_for_child_items(&ds, &ds.children[0], D(2026, 4, 1), &cal, mask, some);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (!(mask & (1u << all[i].item))) continue;
        assert_true(k < m);
        assert_int_equal(some[k].item, all[i].item);
        assert_int_equal(some[k].due, all[i].due);
        k++;
    }
    assert_int_equal(k, m);
    assert_int_equal(m, 2);
    dataset_free(&ds);
}

/* A small generator for the property test below (deterministic). */
static unsigned long rng_state = 12345;
static int rnd(int n)
{
    return made_up_below(&rng_state, n);
}

/* Children with made-up histories over 2015-2026: periods of care with moves,
 * legal-status changes, short breaks and placements with parents, reviews and
 * every kind of record at random, ages from birth to care leavers, some with
 * OC3 records. */
static void made_up_histories(Dataset *ds_out)
{
    Dataset ds = {0};
    static const char *const places[] = {"U1", "U4", "U6", "R1", "P1", "A3", "K2"};
    static const char *const legal[] = {"C1", "C2", "C2", "E1", "V2", "V3"};
    static const char *const rnes[] = {"P", "L", "T", "B", "P"};
    for (int i = 0; i < 160; i++) {
        char id[16];
        snprintf(id, sizeof id, "C%04d", i);
        Date dob = D(1998, 1, 1) + rnd(26 * 365);
        dataset_add_child(&ds, id, i % 2 ? "F" : "M", dob, "WBRI");
        Date d = D(2015, 1, 1) + rnd(8 * 365);
        for (int period = 0; period < 1 + rnd(3) && d < D(2026, 6, 1); period++) {
            int n_eps = 1 + rnd(4);
            for (int k = 0; k < n_eps; k++) {
                Date end = d + 20 + rnd(700);
                bool open = k == n_eps - 1 && rnd(3) == 0;
                Episode e = {.decom = d, .dec = open || end > D(2026, 6, 1) ? DATE_NONE : end};
                DATASET_SET_CODE(e.rne, k == 0 ? "S" : rnes[rnd(5)]);
                DATASET_SET_CODE(e.ls, legal[rnd(6)]);
                DATASET_SET_CODE(e.cin, "N1");
                DATASET_SET_CODE(e.place, places[rnd(7)]);
                DATASET_SET_CODE(e.rec, e.dec == DATE_NONE ? "" : k == n_eps - 1 ? "E4A" : "X1");
                dataset_add_episode(&ds, &e);
                if (e.dec == DATE_NONE) break;
                d = end;
            }
            d += 30 + rnd(900);
        }
        for (Date r = D(2015, 6, 1) + rnd(400); r < D(2026, 6, 1); r += 40 + rnd(300)) {
            Review rv = {.date = r};
            DATASET_SET_CODE(rv.code, "PN1");
            dataset_add_review(&ds, &rv);
        }
        CareRecord recs[400];
        int n = 0;
        for (Date r = D(2015, 3, 1) + rnd(60); r < D(2026, 6, 1) && n < 400; r += 5 + rnd(60))
            recs[n++] =
                (CareRecord){.date = r, .kind = (uint8_t)rnd(RECORD_KIND_COUNT), .value = -1};
        qsort(recs, (size_t)n, sizeof *recs, made_up_record_order);
        for (int k = 0; k < n; k++) dataset_add_record(&ds, &recs[k]);
        for (int y = 2016; y <= 2026; y++)
            if (rnd(4) == 0) {
                Oc3 o = {.year = y};
                DATASET_SET_CODE(o.in_touch, "YES");
                DATASET_SET_CODE(o.activ, "F1");
                DATASET_SET_CODE(o.accom, "S1");
                dataset_add_oc3(&ds, &o);
            }
    }
    *ds_out = ds;
}

/* Counting the years 2018/19 to 2025/26 with one replay per child
 * (compliance_init_years) gives, year by year and item by item, what a
 * replay of each year on its own gives; so does following reviews and visits
 * only. */
static void test_years_match_each_year(void **state)
{
    (void)state;
    Dataset ds;
    made_up_histories(&ds);
    unsigned masks[] = {DUE_ALL_ITEMS, (1u << DUE_REVIEW) | (1u << DUE_VISIT)};
    long counted = 0;
    for (int m = 0; m < 2; m++) {
        Compliance all;
        compliance_init_years(&all, 2019, 8, &cal, masks[m]);
        for (int i = 0; i < ds.n_children; i++) compliance_add_child(&all, &ds, &ds.children[i]);
        for (int y = 0; y < 8; y++) {
            Compliance one;
            compliance_init_items(&one, date_collection_year_start(2019 + y),
                                  date_collection_year_end(2019 + y), &cal, masks[m]);
            for (int i = 0; i < ds.n_children; i++)
                compliance_add_child(&one, &ds, &ds.children[i]);
            for (int item = 0; item < DUE_ITEM_COUNT; item++) {
                assert_memory_equal(&all.years[y][item], &one.counts[item], sizeof one.counts[0]);
                counted += one.counts[item].fell_due;
            }
            compliance_free(&one);
        }
        compliance_free(&all);
    }
    assert_true(counted > 1000); /* the histories do owe things */
    dataset_free(&ds);
}

/* compliance_add_all shares the children out over threads; on 1, 2, 3 and 8
 * threads it counts what adding the children one by one counts. */
static void test_threads_count_the_same(void **state)
{
    (void)state;
    Dataset ds;
    made_up_histories(&ds);
    Compliance one;
    compliance_init(&one, D(2019, 4, 1), D(2026, 3, 31), &cal);
    for (int i = 0; i < ds.n_children; i++) compliance_add_child(&one, &ds, &ds.children[i]);
    long fell_due = 0;
    for (int item = 0; item < DUE_ITEM_COUNT; item++) fell_due += one.counts[item].fell_due;
    assert_true(fell_due > 1000);
    static const int threads[] = {1, 2, 3, 8};
    for (int t = 0; t < 4; t++) {
        Compliance shared;
        compliance_init(&shared, D(2019, 4, 1), D(2026, 3, 31), &cal);
        compliance_add_all(&shared, &ds, threads[t]);
        assert_memory_equal(shared.counts, one.counts, sizeof one.counts);
        compliance_free(&shared);
    }
    compliance_free(&one);
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_visits_on_time_late_not_done),
        cmocka_unit_test(test_care_plan_interim_care_order_not_counted),
        cmocka_unit_test(test_request_assessment_counted),
        cmocka_unit_test(test_pa_phone_call_is_not_a_visit),
        cmocka_unit_test(test_home_six_months_from_p1_placement),
        cmocka_unit_test(test_move_before_due_is_not_counted),
        cmocka_unit_test(test_reviews_early_and_leaving),
        cmocka_unit_test(test_relevant_home_six_months),
        cmocka_unit_test(test_items_mask),
        cmocka_unit_test(test_visits_under_reg24),
        cmocka_unit_test(test_visits_regime_ended),
        cmocka_unit_test(test_short_breaks_fall_due_never),
        cmocka_unit_test(test_years_match_each_year),
        cmocka_unit_test(test_threads_count_the_same),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
