/* Unit tests for domain/local_indicators on a hand-built Dataset for 2025/26:
 * reviews on time (through domain/compliance), children visited in the last 6
 * weeks, care plans in place, care leavers' pathway plans up to date, and "not
 * available" without the records. Reviews are held well away from their due
 * dates so that the test rests on the cohort, not on the schedule's edges
 * (which test_due.c and test_compliance.c cover). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_made_up.h"

#include "domain/local_indicators.h"
#include "service/scorecard.h"
#include "test_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define YEAR 2026

static void ep(Dataset *ds, Date decom, Date dec, const char *ls, const char *place)
{
    fixture_episode(ds,
                    (FixtureEpisode){decom, dec, "S", ls, "N1", place, dec == NONE ? "" : "E17"});
}

static void review(Dataset *ds, Date date)
{
    fixture_review(ds, date, "PN1");
}

static void record(Dataset *ds, Date date, RecordKind kind, int subtype)
{
    fixture_record(ds, date, kind, subtype);
}

/* Every review on time from 1 January 2024: the first after 10 days, the
 * second 2 months later, then every 5 months; late_last holds the last one a
 * month after its due date instead. */
static void reviews(Dataset *ds, bool late_last)
{
    review(ds, D(2024, 1, 11));
    review(ds, D(2024, 3, 11));
    review(ds, D(2024, 8, 11));
    review(ds, D(2025, 1, 11));
    review(ds, D(2025, 6, 11));
    review(ds, late_last ? D(2026, 1, 11) : D(2025, 11, 11));
}

typedef struct Sum {
    long num[8], den[8];
} Sum;

static void add(void *ctx, int k, const Child *c, long num, long den)
{
    (void)c;
    Sum *s = ctx;
    s->num[k] += num;
    s->den[k] += den;
}

static const char *const ids[] = {"reviews_on_time",     "visits_in_person",
                                  "care_plans_in_place", "care_leavers_pathway_plan_current",
                                  "visits_on_time",      "no_such_indicator"};
enum { N_IDS = 6 };

static void test_local_indicators(void **state)
{
    (void)state;
    Calendar cal;
    Err err;
    assert_int_equal(calendar_load_default(&cal, &err), 0);
    Dataset ds = {0};
    /* a: in care since 2024, reviews on time, visited 18 February 2026 (the
     * first day of the 6 weeks up to 31 March), a care plan. */
    dataset_add_child(&ds, "a", "F", D(2015, 1, 1), "WBRI");
    ep(&ds, D(2024, 1, 1), NONE, "C2", "U1");
    reviews(&ds, false);
    record(&ds, D(2024, 1, 5), RECORD_CARE_PLAN, 0);
    record(&ds, D(2026, 2, 18), RECORD_VISIT, RECORD_YES);
    /* b: the same, but the 2025/26 review a month late, last visited 17
     * February 2026 (outside the 6 weeks), no care plan. */
    dataset_add_child(&ds, "b", "F", D(2015, 1, 1), "WBRI");
    ep(&ds, D(2024, 1, 1), NONE, "C2", "U1");
    reviews(&ds, true);
    record(&ds, D(2026, 2, 17), RECORD_VISIT, RECORD_YES);
    /* c: short breaks (V3) only: in no cohort. */
    dataset_add_child(&ds, "c", "F", D(2015, 1, 1), "WBRI");
    ep(&ds, D(2024, 1, 1), NONE, "V3", "U1");
    reviews(&ds, false);
    record(&ds, D(2024, 1, 5), RECORD_CARE_PLAN, 0);
    /* d: arrived 25 March 2026, fewer than 10 working days before 31 March:
     * not yet owed a care plan; no visit in the 6 weeks. */
    dataset_add_child(&ds, "d", "F", D(2015, 1, 1), "WBRI");
    ep(&ds, D(2026, 3, 25), NONE, "C2", "U1");
    /* e: 19, former relevant (looked after from 14 to 18), pathway plan
     * reviewed 1 October 2025, the first day of the 6 months. */
    dataset_add_child(&ds, "e", "F", D(2006, 6, 1), "WBRI");
    ep(&ds, D(2020, 6, 1), D(2024, 6, 1), "C2", "U1");
    record(&ds, D(2025, 10, 1), RECORD_PATHWAY_PLAN, RECORD_PP_REVIEW);
    /* f: 19, former relevant, plan last reviewed 30 September 2025: out of date. */
    dataset_add_child(&ds, "f", "F", D(2006, 6, 1), "WBRI");
    ep(&ds, D(2020, 6, 1), D(2024, 6, 1), "C2", "U1");
    record(&ds, D(2025, 9, 30), RECORD_PATHWAY_PLAN, RECORD_PP_REVIEW);

    Sum s = {0};
    int status[N_IDS];
    char reasons[N_IDS][DFE_REASON_LEN];
    local_indicators_tally_many(&ds, &cal, YEAR, ids, N_IDS, add, &s, status, reasons);
    assert_int_equal(status[0], 1);
    assert_int_equal(status[5], -1);
    assert_int_equal(s.num[0], 1); /* reviews on time: a of a, b */
    assert_int_equal(s.den[0], 2);
    assert_int_equal(s.num[1], 1); /* visited in 6 weeks: a of a, b, d */
    assert_int_equal(s.den[1], 3);
    assert_int_equal(s.num[2], 1); /* care plan: a of a, b */
    assert_int_equal(s.den[2], 2);
    assert_int_equal(s.num[3], 1); /* pathway plan current: e of e, f */
    assert_int_equal(s.den[3], 2);
    assert_int_equal(status[4], 1);
    /* Visits: a and b were first visited in February 2026, so the visit owed
     * within a week of their placement in 2024 was overdue on 1 April 2025: in
     * the cohort, not on time. d's first visit falls due on 1 April 2026. */
    assert_int_equal(s.num[4], 0);
    assert_int_equal(s.den[4], 2);
    assert_non_null(local_indicators_find("visits_on_time"));
    assert_null(local_indicators_find("placement_stability_short"));
    dataset_free(&ds);

    /* Without any visit record: the visit indicators are not available. */
    Dataset empty = {0};
    dataset_add_child(&empty, "a", "F", D(2015, 1, 1), "WBRI");
    ep(&empty, D(2024, 1, 1), NONE, "C2", "U1");
    local_indicators_tally_many(&empty, &cal, YEAR, ids, N_IDS, add, &s, status, reasons);
    assert_int_equal(status[1], 0);
    assert_non_null(strstr(reasons[1], "visit"));
    assert_int_equal(status[0], 1); /* reviews need only the 903 */
    dataset_free(&empty);
    calendar_free(&cal);
}

static const ScoreEntry *entry(const Scorecard *sc, const char *id)
{
    for (int i = 0; i < sc->n_entries; i++)
        if (strcmp(sc->entries[i].ind->id, id) == 0) return &sc->entries[i];
    fail_msg("no entry %s", id);
    return NULL;
}

/* The gaps of promise 3.7 in the scorecard: disabled a has every review on
 * time (100%), b, not disabled, has one late (0%): a gap of +100 points,
 * green against the catalogue's target of 0. Both are White British, so the
 * ethnicity gap has no minority side: z. Published, 1s are c. */
/* care_plans_in_place leaves out a child still on the interim care order the
 * period began with (CPPCR 2010 reg 4(2), CA89 s31A: the court directs when
 * the plan is due). g came in on C1 on 2 February 2026 and h under s20 (V2)
 * the same day, neither with a plan; i began on C1 and has been on a care
 * order (C2) since 2 March 2026, without a plan: the care plan is owed. */
static void test_care_plans_interim_care_order(void **state)
{
    (void)state;
    Calendar cal;
    Err err;
    assert_int_equal(calendar_load_default(&cal, &err), 0);
    Dataset ds = {0};
    dataset_add_child(&ds, "g", "F", D(2015, 1, 1), "WBRI");
    ep(&ds, D(2026, 2, 2), NONE, "C1", "U3");
    dataset_add_child(&ds, "h", "F", D(2015, 1, 1), "WBRI");
    ep(&ds, D(2026, 2, 2), NONE, "V2", "U3");
    dataset_add_child(&ds, "i", "F", D(2015, 1, 1), "WBRI");
    fixture_episode(&ds,
                    (FixtureEpisode){D(2026, 2, 2), D(2026, 3, 2), "S", "C1", "N1", "U3", "X1"});
    fixture_episode(&ds, (FixtureEpisode){D(2026, 3, 2), NONE, "L", "C2", "N1", "U3", ""});
    /* Some care plan on record, so that the indicator is computed at all. */
    dataset_add_child(&ds, "j", "F", D(2015, 1, 1), "WBRI");
    record(&ds, D(2020, 1, 1), RECORD_CARE_PLAN, 0);
    const char *const one[] = {"care_plans_in_place"};
    Sum s = {0};
    int status[1];
    char reasons[1][DFE_REASON_LEN];
    local_indicators_tally_many(&ds, &cal, YEAR, one, 1, add, &s, status, reasons);
    assert_int_equal(status[0], 1);
    assert_int_equal(s.num[0], 0);
    assert_int_equal(s.den[0], 2); /* h and i, not g */
    dataset_free(&ds);
    calendar_free(&cal);
}

static void test_gaps(void **state)
{
    (void)state;
    Calendar cal;
    Err err;
    assert_int_equal(calendar_load_default(&cal, &err), 0);
    Dataset ds = {0};
    Child *a = dataset_add_child(&ds, "a", "F", D(2015, 1, 1), "WBRI");
    a->disability = DISABILITY_OVERRIDE_YES;
    ep(&ds, D(2024, 1, 1), NONE, "C2", "U1");
    reviews(&ds, false);
    dataset_add_child(&ds, "b", "F", D(2015, 1, 1), "WBRI");
    ep(&ds, D(2024, 1, 1), NONE, "C2", "U1");
    reviews(&ds, true);
    IndicatorCatalogue *cat;
    assert_int_equal(indicators_load_default(&cat, &err), 0);
    ScorecardOptions opt = {.year = YEAR, .years = 1, .cal = &cal};
    Scorecard sc;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    const ScoreEntry *e = entry(&sc, "reviews_on_time_disabled_gap");
    assert_int_equal(e->state, SCORE_COMPUTED);
    assert_string_equal(scorecard_now(&sc, e)->value_text, "100");
    assert_string_equal(e->side_figures[1][0].value_text, "100");
    assert_string_equal(e->side_figures[1][1].num_text, "0");
    assert_string_equal(e->rag, "green");
    e = entry(&sc, "reviews_on_time_ethnicity_gap");
    assert_string_equal(scorecard_now(&sc, e)->value_text, "z");
    assert_string_equal(e->rag, "");
    scorecard_free(&sc);
    opt.publish = true;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    e = entry(&sc, "reviews_on_time_disabled_gap");
    assert_string_equal(scorecard_now(&sc, e)->value_text, "c");
    assert_string_equal(e->side_figures[1][0].num_text, "c");
    assert_string_equal(e->rag, "");
    scorecard_free(&sc);
    /* Without the calendar, reviews on time and its gaps are not available. */
    opt.cal = NULL;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    assert_int_equal(entry(&sc, "reviews_on_time_disabled_gap")->state, SCORE_NOT_AVAILABLE);
    assert_non_null(strstr(entry(&sc, "reviews_on_time_disabled_gap")->reason, "reviews_on_time"));
    scorecard_free(&sc);
    indicators_free(cat);
    dataset_free(&ds);
    calendar_free(&cal);
}

/* Published, the ethnicity gap's table also holds the children whose ethnic
 * origin is not recorded: 40 White British (30 on time), 10 minority ethnic (4
 * on time), 2 not recorded (both on time). reviews_on_time publishes 36 of 52;
 * were both sides shown in full, the 2 of 2 would follow by subtraction. */
static void test_gap_not_recorded_published(void **state)
{
    (void)state;
    Calendar cal;
    Err err;
    assert_int_equal(calendar_load_default(&cal, &err), 0);
    Dataset ds = {0};
    for (int i = 0; i < 52; i++) {
        char id[8];
        snprintf(id, sizeof id, "c%02d", i);
        const char *ethnic = i < 40 ? "WBRI" : i < 50 ? "BAFR" : "";
        dataset_add_child(&ds, id, "F", D(2015, 1, 1), ethnic);
        ep(&ds, D(2024, 1, 1), NONE, "C2", "U1");
        reviews(&ds, (i >= 30 && i < 40) || (i >= 44 && i < 50));
    }
    IndicatorCatalogue *cat;
    assert_int_equal(indicators_load_default(&cat, &err), 0);
    ScorecardOptions opt = {.year = YEAR, .years = 0, .cal = &cal, .publish = true};
    Scorecard sc;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    const ScoreFigure *all = scorecard_now(&sc, entry(&sc, "reviews_on_time"));
    assert_string_equal(all->num_text, "36");
    assert_string_equal(all->den_text, "52");
    const ScoreEntry *e = entry(&sc, "reviews_on_time_ethnicity_gap");
    const ScoreFigure *side = e->side_figures[0];
    assert_true(side[0].suppressed || side[1].suppressed);
    assert_string_equal(scorecard_now(&sc, e)->value_text, "c");
    /* Unpublished, the same figures in full. */
    scorecard_free(&sc);
    opt.publish = false;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    e = entry(&sc, "reviews_on_time_ethnicity_gap");
    assert_string_equal(e->side_figures[0][0].num_text, "4");
    assert_string_equal(e->side_figures[0][1].num_text, "30");
    assert_string_equal(scorecard_now(&sc, e)->value_text, "-35"); /* 40% - 75% */
    scorecard_free(&sc);
    indicators_free(cat);
    dataset_free(&ds);
    calendar_free(&cal);
}

static unsigned long rng_state = 2026;
static int rnd(int n)
{
    return made_up_below(&rng_state, n);
}

static void assert_same_figure(const ScoreFigure *a, const ScoreFigure *b)
{
    assert_string_equal(a->value_text, b->value_text);
    assert_string_equal(a->num_text, b->num_text);
    assert_string_equal(a->den_text, b->den_text);
}

/* Year k of a scorecard over several years is the year scorecard of that year. */
static void assert_same_year(const Scorecard *a, int ka, const Scorecard *b, int kb)
{
    assert_int_equal(a->n_entries, b->n_entries);
    for (int i = 0; i < a->n_entries; i++) {
        const ScoreEntry *x = &a->entries[i], *y = &b->entries[i];
        assert_int_equal(x->trend_available[ka], y->trend_available[kb]);
        if (!x->trend_available[ka]) continue;
        assert_same_figure(&x->trend[ka], &y->trend[kb]);
        for (int s = 0; s < 2 && x->sides[0]; s++)
            assert_same_figure(&x->side_figures[ka][s], &y->side_figures[kb][s]);
    }
}

static void assert_same(const Scorecard *a, const Scorecard *b)
{
    assert_int_equal(a->n_years, b->n_years);
    for (int k = 0; k < a->n_years; k++) assert_same_year(a, k, b, k);
    for (int i = 0; i < a->n_entries; i++) {
        const ScoreEntry *x = &a->entries[i], *y = &b->entries[i];
        assert_int_equal(x->state, y->state);
        assert_string_equal(x->rag, y->rag);
        for (int g = 0; g < a->n_groups; g++) assert_same_figure(&x->groups[g], &y->groups[g]);
    }
}

/* 300 made-up children over 2018-2026 (periods of care with moves, reviews,
 * visits, care and pathway plans at random; some disabled, some minority
 * ethnic, some not recorded). The scorecard's figures are the same on 1, 2,
 * 3 and 8 threads, by group and published; and each year of a five-year
 * scorecard is that year's own one-year scorecard (one replay per child for
 * all the years, local_indicators_tally_years). */
static void test_threads_and_years(void **state)
{
    (void)state;
    Calendar cal;
    Err err;
    assert_int_equal(calendar_load_default(&cal, &err), 0);
    Dataset ds = {0};
    static const char *const ethnic[] = {"WBRI", "WBRI", "BAFR", "ASIN", "", "REFU"};
    static const char *const places[] = {"U1", "U4", "U6", "R1", "P1", "A3", "K2"};
    for (int i = 0; i < 300; i++) {
        char id[16];
        snprintf(id, sizeof id, "k%04d", i);
        Child *c = dataset_add_child(&ds, id, "F", D(2004, 1, 1) + rnd(20 * 365), ethnic[rnd(6)]);
        if (rnd(5) == 0) c->disability = DISABILITY_OVERRIDE_YES;
        Date d = D(2017, 1, 1) + rnd(8 * 365);
        for (int k = 0, n = 1 + rnd(4); k < n && d < D(2026, 3, 1); k++) {
            Date end = d + 30 + rnd(800);
            Episode e = {.decom = d, .dec = k == n - 1 && rnd(2) ? NONE : end};
            DATASET_SET_CODE(e.rne, k == 0 ? "S" : rnd(3) ? "P" : "L");
            DATASET_SET_CODE(e.ls, rnd(4) ? "C2" : "C1");
            DATASET_SET_CODE(e.place, places[rnd(7)]);
            DATASET_SET_CODE(e.cin, rnd(6) ? "N1" : "N2");
            DATASET_SET_CODE(e.rec, e.dec == NONE ? "" : k == n - 1 ? "E4A" : "X1");
            dataset_add_episode(&ds, &e);
            if (e.dec == NONE) break;
            d = end;
        }
        for (Date r = D(2017, 3, 1) + rnd(300); r < D(2026, 4, 1); r += 60 + rnd(200))
            review(&ds, r);
        CareRecord recs[300];
        static const RecordKind kinds[] = {RECORD_VISIT, RECORD_VISIT, RECORD_VISIT,
                                           RECORD_CARE_PLAN, RECORD_PATHWAY_PLAN};
        int n = 0;
        for (Date r = D(2017, 2, 1) + rnd(40); r < D(2026, 4, 1) && n < 300; r += 7 + rnd(50))
            recs[n++] = (CareRecord){.date = r, .kind = (uint8_t)kinds[rnd(5)], .value = -1};
        qsort(recs, (size_t)n, sizeof *recs, made_up_record_order);
        for (int k = 0; k < n; k++) dataset_add_record(&ds, &recs[k]);
    }
    IndicatorCatalogue *cat;
    assert_int_equal(indicators_load_default(&cat, &err), 0);
    for (int variant = 0; variant < 3; variant++) {
        ScorecardOptions opt = {.year = YEAR, .years = 4, .cal = &cal, .threads = 1};
        opt.by = variant == 0 ? SCORECARD_BY_NONE : SCORECARD_BY_DISABILITY;
        opt.publish = variant == 2;
        Scorecard one, many;
        assert_int_equal(scorecard_build(&ds, cat, &opt, &one, &err), 0);
        const ScoreEntry *rv = entry(&one, "reviews_on_time"), *vs = entry(&one, "visits_on_time");
        assert_int_equal(rv->state, SCORE_COMPUTED);
        assert_true(rv->trend[0].den > 20 && vs->trend[4].den > 20); /* the data owes things */
        static const int threads[] = {2, 3, 8};
        for (int t = 0; t < 3; t++) {
            opt.threads = threads[t];
            assert_int_equal(scorecard_build(&ds, cat, &opt, &many, &err), 0);
            assert_same(&one, &many);
            scorecard_free(&many);
        }
        if (variant == 0)
            for (int k = 0; k < 5; k++) {
                ScorecardOptions o = {.year = YEAR - 4 + k, .years = 0, .cal = &cal};
                Scorecard year;
                assert_int_equal(scorecard_build(&ds, cat, &o, &year, &err), 0);
                assert_same_year(&one, k, &year, 0);
                scorecard_free(&year);
            }
        scorecard_free(&one);
    }
    indicators_free(cat);
    dataset_free(&ds);
    calendar_free(&cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_local_indicators),
        cmocka_unit_test(test_care_plans_interim_care_order),
        cmocka_unit_test(test_gaps),
        cmocka_unit_test(test_gap_not_recorded_published),
        cmocka_unit_test(test_threads_and_years),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
