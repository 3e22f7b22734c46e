/* Unit tests for the record templates through the store: rows of every
 * template written with store_put_903_row come back in the Dataset as
 * CareRecords sorted by child, date and kind, with their subtypes and values;
 * a later source year replaces a row, an earlier one does not. Uses an
 * in-memory SQLite database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "exchange/ssda903.h"
#include "store/store.h"

#include <string.h>

static Store *open_store(void)
{
    Store *s;
    Err err;
    assert_int_equal(store_open(":memory:", &s, &err), 0);
    return s;
}

static void put(Store *s, Ssda903TableId t, const char *a, const char *b, const char *c, int year)
{
    const char *values[] = {a, b, c};
    Err err;
    assert_int_equal(store_put_903_row(s, t, values, year, &err), 0);
}

static void put_child(Store *s, const char *id)
{
    const char *values[] = {id, "F", "2010-01-01", "WBRI", NULL, NULL, NULL};
    Err err;
    assert_int_equal(store_put_903_row(s, T903_HEADER, values, 2026, &err), 0);
}

static void test_templates_are_recognised_only_when_asked(void **state)
{
    (void)state;
    char *names[] = {"child", " VISIT_DATE ", "Seen_Alone"};
    int map[SSDA903_MAX_COLUMNS];
    assert_null(ssda903_recognise(names, 3, map));
    const Ssda903Table *t = ssda903_recognise_any(names, 3, map);
    assert_non_null(t);
    assert_int_equal(t->id, TREC_VISITS);
    assert_true(ssda903_is_record_template(t->id));
    assert_false(ssda903_is_record_template(T903_DOLO));
    char *episodes[] = {"CHILD",     "DECOM",          "RNE", "LS",  "CIN",
                        "PLACE",     "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE",
                        "HOME_POST", "PL_POST",        "URN"};
    t = ssda903_recognise_any(episodes, 13, map);
    assert_non_null(t);
    assert_int_equal(t->id, T903_EPISODES);
    assert_string_equal(records_choices("HA_TYPE"), "initial|review");
    assert_string_equal(records_choices("REGIME"),
                        "reg19_assessment_pending|reg24_temporary_approval|standard");
    assert_null(records_choices("VISIT_DATE"));
    /* Every template is keyed by CHILD and one date, and has a store table. */
    for (int id = T903_COUNT; id < TABLE_COUNT; id++) {
        const Ssda903Table *tt = ssda903_table((Ssda903TableId)id);
        assert_string_equal(tt->columns[0].name, "CHILD");
        assert_int_equal(tt->columns[1].kind, F903_DATE);
    }
}

static void test_records_load_sorted(void **state)
{
    (void)state;
    Store *s = open_store();
    Err err;
    assert_int_equal(store_begin(s, &err), 0);
    put_child(s, "B");
    put_child(s, "A");
    /* Written out of order, across tables and children. */
    put(s, TREC_PA_CONTACTS, "B", "2026-01-05", "video", 2026);
    put(s, TREC_VISITS, "A", "2026-02-01", "no", 2026);
    put(s, TREC_SDQ, "A", "2026-01-10", "17", 2026);
    put(s, TREC_HEALTH_ASSESSMENTS, "A", "2026-02-01", "initial", 2026);
    put(s, TREC_DENTAL_CHECKS, "A", "2025-12-01", NULL, 2026);
    put(s, TREC_PATHWAY_PLANS, "B", "2026-01-05", "review", 2026);
    put(s, TREC_VISITS, "A", "2026-01-10", NULL, 2026);
    put(s, TREC_CARE_PLANS, "B", "2025-11-11", NULL, 2026);
    put(s, TREC_VISIT_REGIMES, "B", "2026-01-05", "reg24_temporary_approval", 2026);
    put(s, TREC_VISIT_REGIMES, "B", "2026-03-02", "standard", 2026);
    /* Same key, earlier year: ignored; later year: replaces. */
    put(s, TREC_VISITS, "A", "2026-02-01", "yes", 2025);
    put(s, TREC_SDQ, "A", "2026-01-10", "18", 2027);
    assert_int_equal(store_commit(s, &err), 0);
    assert_int_equal(store_count_rows(s, TREC_VISITS), 2);
    assert_int_equal(store_count_rows(s, TREC_PEPS), 0);

    Dataset ds = {0};
    assert_int_equal(store_load_dataset(s, &ds, &err), 0);
    assert_int_equal(ds.n_children, 2);
    const Child *a = dataset_find_child(&ds, "A"), *b = dataset_find_child(&ds, "B");
    assert_int_equal(a->n_records, 5);
    assert_int_equal(b->n_records, 5);
    const CareRecord *r = child_records(&ds, a);
    /* 2025-12-01 dental; 2026-01-10 visit then SDQ; 2026-02-01 visit then HA. */
    assert_int_equal(r[0].kind, RECORD_DENTAL_CHECK);
    assert_int_equal(r[0].date, date_from_ymd(2025, 12, 1));
    assert_int_equal(r[1].kind, RECORD_VISIT);
    assert_int_equal(r[1].subtype, RECORD_UNKNOWN);
    assert_int_equal(r[2].kind, RECORD_SDQ);
    assert_int_equal(r[2].value, 18);
    assert_int_equal(r[3].kind, RECORD_VISIT);
    assert_int_equal(r[3].subtype, RECORD_NO);
    assert_int_equal(r[4].kind, RECORD_HEALTH_ASSESSMENT);
    assert_int_equal(r[4].subtype, RECORD_HA_INITIAL);
    r = child_records(&ds, b);
    assert_int_equal(r[0].kind, RECORD_CARE_PLAN);
    assert_int_equal(r[1].kind, RECORD_PATHWAY_PLAN);
    assert_int_equal(r[1].subtype, RECORD_PP_REVIEW);
    assert_int_equal(r[2].kind, RECORD_PA_CONTACT);
    assert_int_equal(r[2].subtype, RECORD_CONTACT_VIDEO);
    assert_int_equal(r[2].value, -1);
    /* Records of one date in kind order: the regime statement last. */
    assert_int_equal(r[3].kind, RECORD_VISIT_REGIME);
    assert_int_equal(r[3].subtype, RECORD_REGIME_REG24);
    assert_int_equal(r[4].kind, RECORD_VISIT_REGIME);
    assert_int_equal(r[4].subtype, RECORD_REGIME_STANDARD);
    assert_int_equal(store_count_rows(s, TREC_VISIT_REGIMES), 2);
    dataset_free(&ds);
    store_close(s);
}

/* PARequests (CA89 s23CZB): stored, loaded with the other records, and alone
 * with STORE_LOAD_PA_REQUESTS for the commands that compute care-leaver
 * categories without the other records (leavers, profile). */
static void test_pa_requests_load(void **state)
{
    (void)state;
    Store *s = open_store();
    Err err;
    assert_int_equal(store_begin(s, &err), 0);
    put_child(s, "A");
    put(s, TREC_PA_REQUESTS, "A", "2031-03-01", "withdrawn", 2031);
    put(s, TREC_PA_REQUESTS, "A", "2030-09-01", "requested", 2031);
    put(s, TREC_VISITS, "A", "2030-10-01", "yes", 2031);
    assert_int_equal(store_commit(s, &err), 0);
    unsigned parts[] = {STORE_LOAD_ALL, STORE_LOAD_PA_REQUESTS, STORE_LOAD_EPISODES};
    int expect[] = {3, 2, 0};
    for (int p = 0; p < 3; p++) {
        Dataset ds = {0};
        assert_int_equal(store_load_dataset_parts(s, &ds, parts[p], &err), 0);
        const Child *a = dataset_find_child(&ds, "A");
        assert_int_equal(a->n_records, expect[p]);
        const CareRecord *r = child_records(&ds, a);
        for (int i = 0, seen = 0; i < a->n_records; i++) {
            if (r[i].kind != RECORD_PA_REQUEST) continue;
            assert_int_equal(r[i].subtype, seen++ ? RECORD_REQUEST_WITHDRAWN : RECORD_REQUEST_MADE);
            assert_int_equal(r[i].date,
                             seen == 1 ? date_from_ymd(2030, 9, 1) : date_from_ymd(2031, 3, 1));
        }
        dataset_free(&ds);
    }
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_templates_are_recognised_only_when_asked),
        cmocka_unit_test(test_records_load_sorted),
        cmocka_unit_test(test_pa_requests_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
