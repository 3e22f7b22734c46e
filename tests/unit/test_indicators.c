/* Unit tests of the indicator catalogue: the shipped file covers every promise
 * and names every DfE indicator, and a bad catalogue is refused with the place
 * of the problem. */
#include "domain/indicators.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

static const char *const dfe_ids[] = {
    "placement_stability_short",
    "placement_stability_long",
    "oc2_health_assessment",
    "oc2_immunisations",
    "oc2_teeth_check",
    "oc2_sdq_average",
    "oc2_substance_misuse",
    "oc2_convicted",
    "care_leavers_in_touch",
    "care_leavers_in_touch_17_18",
    "care_leavers_in_touch_19_21",
    "care_leavers_eet",
    "care_leavers_eet_17_18",
    "care_leavers_eet_19_21",
    "care_leavers_suitable_accommodation",
    "care_leavers_suitable_accommodation_17_18",
    "care_leavers_suitable_accommodation_19_21",
    "staying_put",
    "missing_children",
    "placed_over_20_miles",
    "placed_outside_la",
    "adoption_a1",
    "adoption_a2",
    "review_participation",
};

static void test_every_promise_has_an_indicator(void **state)
{
    (void)state;
    IndicatorCatalogue *cat;
    Err err = {0};
    assert_int_equal(indicators_load_default(&cat, &err), 0);
    int per_promise[PLEDGE_N_PROMISES + 1] = {0};
    for (int i = 0; i < cat->n_items; i++) {
        const Indicator *ind = &cat->items[i];
        assert_true(ind->promise >= 1 && ind->promise <= PLEDGE_N_PROMISES);
        per_promise[ind->promise]++;
        assert_int_equal(ind->theme, pledge_promises[ind->promise - 1].theme);
        /* File order is promise order. */
        if (i > 0) assert_true(cat->items[i - 1].promise <= ind->promise);
    }
    for (int n = 1; n <= PLEDGE_N_PROMISES; n++) {
        if (per_promise[n] == 0) fprintf(stderr, "promise 3.%d has no indicator\n", n);
        assert_true(per_promise[n] > 0);
    }
    indicators_free(cat);
}

static void test_dfe_indicators_are_present(void **state)
{
    (void)state;
    IndicatorCatalogue *cat;
    Err err = {0};
    assert_int_equal(indicators_load_default(&cat, &err), 0);
    for (size_t i = 0; i < sizeof dfe_ids / sizeof dfe_ids[0]; i++) {
        const Indicator *ind = indicators_find(cat, dfe_ids[i]);
        if (!ind) fprintf(stderr, "missing DfE indicator %s\n", dfe_ids[i]);
        assert_non_null(ind);
        assert_int_equal(ind->kind, INDICATOR_COMPUTED);
        assert_true(strstr(ind->records, "903:") != NULL);
    }
    const Indicator *p = indicators_find(cat, "placement_stability_short");
    assert_int_equal(p->promise, 15);
    assert_string_equal(pledge_themes[p->theme], "Living your life");
    assert_int_equal(p->better, INDICATOR_LOWER);
    /* A change of legal status alone is not a placement; short breaks excluded. */
    assert_non_null(strstr(p->definition, "legal status"));
    assert_non_null(strstr(p->cohort, "V3/V4"));
    assert_int_equal(indicators_find(cat, "oc2_sdq_average")->better, INDICATOR_LOWER);
    assert_int_equal(indicators_find(cat, "staying_put")->better, INDICATOR_HIGHER);
    assert_null(indicators_find(cat, "no_such_indicator"));
    indicators_free(cat);
}

static void test_promises_records_cannot_measure_are_survey_questions(void **state)
{
    (void)state;
    IndicatorCatalogue *cat;
    Err err = {0};
    assert_int_equal(indicators_load_default(&cat, &err), 0);
    int survey = 0;
    for (int i = 0; i < cat->n_items; i++) {
        const Indicator *ind = &cat->items[i];
        if (ind->kind != INDICATOR_SURVEY) continue;
        survey++;
        assert_string_equal(ind->records, "survey");
        assert_false(ind->has_target);
        assert_int_equal(ind->definition[strlen(ind->definition) - 1], '?');
    }
    assert_true(survey > 0);
    /* 3.9 "only make promises that they can keep": a question, never a figure. */
    for (int i = 0; i < cat->n_items; i++)
        if (cat->items[i].promise == 9) assert_int_equal(cat->items[i].kind, INDICATOR_SURVEY);
    indicators_free(cat);
}

static const char HEADER[] =
    "id,promise,theme,title,definition,cohort,numerator,denominator,records,better,target,kind\n";

/* A catalogue of HEADER, one given row, and one survey row for every other
 * promise, so that coverage holds unless the row under test breaks it. */
static int load_with(const char *row, int row_promise, Err *err)
{
    static char text[16384];
    size_t n = (size_t)snprintf(text, sizeof text, "%s%s", HEADER, row);
    for (int p = 1; p <= PLEDGE_N_PROMISES; p++) {
        if (p == row_promise) continue;
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "q%d,3.%d,%s,T,Why?,C,N,D,survey,higher,,survey\n", p, p,
                              pledge_themes[pledge_promises[p - 1].theme]);
    }
    IndicatorCatalogue *cat = NULL;
    int rc = indicators_load_text("cat.csv", text, n, &cat, err);
    indicators_free(cat);
    return rc;
}

static void test_bad_rows_are_located(void **state)
{
    (void)state;
    Err err;
    assert_int_equal(
        load_with("ok_one,3.15,Living your life,T,D,C,N,D,903:episodes,lower,10,computed\n", 15,
                  &err),
        0);
    assert_int_equal(
        load_with("Bad-Id,3.15,Living your life,T,D,C,N,D,903:episodes,lower,,computed\n", 15,
                  &err),
        ERR_INPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 1);
    assert_string_equal(err.field, "id");

    assert_int_equal(
        load_with("x,3.28,Living your life,T,D,C,N,D,903:episodes,lower,,computed\n", 15, &err),
        ERR_INPUT);
    assert_string_equal(err.field, "promise");
    assert_int_equal(err.column, 3);

    assert_int_equal(
        load_with("x,3.15,Moving on,T,D,C,N,D,903:episodes,lower,,computed\n", 15, &err),
        ERR_INPUT);
    assert_string_equal(err.field, "theme");
    assert_non_null(strstr(err.msg, "Living your life"));

    assert_int_equal(
        load_with("x,3.15,Living your life,T,D,C,N,D,903:episodes,worse,,computed\n", 15, &err),
        ERR_INPUT);
    assert_string_equal(err.field, "better");

    assert_int_equal(
        load_with("x,3.15,Living your life,T,D,C,N,D,903:episodes,lower,ten,computed\n", 15, &err),
        ERR_INPUT);
    assert_string_equal(err.field, "target");

    assert_int_equal(
        load_with("x,3.15,Living your life,T,,C,N,D,903:episodes,lower,,computed\n", 15, &err),
        ERR_INPUT);
    assert_string_equal(err.field, "definition");

    /* A survey row with a figure's records or a target. */
    assert_int_equal(
        load_with("x,3.15,Living your life,T,Q?,C,N,D,903:episodes,higher,,survey\n", 15, &err),
        ERR_INPUT);
    assert_string_equal(err.field, "records");
    assert_int_equal(
        load_with("x,3.15,Living your life,T,Q?,C,N,D,survey,higher,80,survey\n", 15, &err),
        ERR_INPUT);
    assert_string_equal(err.field, "target");

    /* Too few fields, and a duplicate id. */
    assert_int_equal(load_with("x,3.15,Living your life\n", 15, &err), ERR_INPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(
        load_with("q1,3.15,Living your life,T,Q?,C,N,D,survey,higher,,survey\n", 15, &err),
        ERR_INPUT);
    assert_non_null(strstr(err.msg, "listed twice"));
}

static void test_header_and_coverage(void **state)
{
    (void)state;
    Err err;
    IndicatorCatalogue *cat = NULL;
    const char *bad = "id,promise,theme\n";
    assert_int_equal(indicators_load_text("h.csv", bad, strlen(bad), &cat, &err), ERR_INPUT);
    assert_int_equal(err.line, 1);
    const char *renamed = "id,promise,theme,title,definition,cohort,numerator,denominator,"
                          "records,better,goal,kind\n";
    assert_int_equal(indicators_load_text("h.csv", renamed, strlen(renamed), &cat, &err),
                     ERR_INPUT);
    assert_int_equal(err.column, 79);
    assert_non_null(strstr(err.msg, "'target'"));
    /* Only the header: every promise is uncovered. */
    assert_int_equal(indicators_load_text("h.csv", HEADER, strlen(HEADER), &cat, &err), ERR_INPUT);
    assert_string_equal(err.msg, "promise 3.1 has no indicator (give it a computed one or a survey "
                                 "question)");
    assert_null(cat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_promise_has_an_indicator),
        cmocka_unit_test(test_dfe_indicators_are_present),
        cmocka_unit_test(test_promises_records_cannot_measure_are_survey_questions),
        cmocka_unit_test(test_bad_rows_are_located),
        cmocka_unit_test(test_header_and_coverage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
