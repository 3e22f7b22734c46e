/* Unit tests for domain/dfe_indicators (and the figures service/scorecard
 * builds from them): every indicator on a hand-built Dataset for 2025/26
 * (1 April 2025 to 31 March 2026), each child commented with where it should
 * land and why, the expected figures worked out from those comments. The
 * cohort edges: a child who left on 30 March, one who arrived on 1 April, a 16th
 * birthday on 31 March, short breaks (V3/V4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/dfe_indicators.h"
#include "service/scorecard.h"
#include "test_fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define YEAR 2026

static void child(Dataset *ds, const char *id, Date dob)
{
    dataset_add_child(ds, id, "F", dob, "WBRI");
}

static void ep(Dataset *ds, Date decom, Date dec, const char *rne, const char *ls,
               const char *place, const char *rec)
{
    fixture_episode(ds, (FixtureEpisode){decom, dec, rne, ls, "N1", place, rec});
}

static void oc3(Dataset *ds, int year, const char *in_touch, const char *activ, const char *accom)
{
    fixture_oc3(ds, year, in_touch, activ, accom);
}

static void review(Dataset *ds, Date date, const char *code)
{
    fixture_review(ds, date, code);
}

static void oc2(Dataset *ds, int health, int imms, int teeth, int sdq, int substance, int convicted)
{
    Oc2 o = {.year = YEAR,
             .health_assessment = (int8_t)health,
             .health_check = -1,
             .immunisations = (int8_t)imms,
             .teeth_check = (int8_t)teeth,
             .sdq_score = (int16_t)sdq,
             .substance_misuse = (int8_t)substance,
             .convicted = (int8_t)convicted,
             .intervention_offered = -1,
             .intervention_received = -1};
    dataset_add_oc2(ds, &o);
}

static void missing(Dataset *ds, Date start, const char *kind)
{
    MissingEpisode m = {.start = start, .end = start + 1};
    DATASET_SET_CODE(m.missing, kind);
    dataset_add_missing(ds, &m);
}

static void match(Dataset *ds, int year, Date date_match)
{
    Ad1 a = {.year = year, .date_int = NONE, .date_match = date_match, .foster_care = 0};
    dataset_add_ad1(ds, &a);
}

static DfeFigure figure(const Dataset *ds, const char *id)
{
    DfeFigure f;
    assert_int_equal(dfe_compute(ds, id, YEAR, &f), 0);
    if (!f.available) fail_msg("%s not available: %s", id, f.reason);
    return f;
}

static void expect(const Dataset *ds, const char *id, long num, long den)
{
    DfeFigure f = figure(ds, id);
    if (f.num != num || f.den != den)
        fail_msg("%s: expected %ld of %ld, got %ld of %ld", id, num, den, f.num, f.den);
}

static const Child *find(const Dataset *ds, const char *id)
{
    const Child *c = dataset_find_child(ds, id);
    assert_non_null(c);
    return c;
}

/* ---- placement_stability_short ------------------------------------------- */

static void build_short(Dataset *ds)
{
    /* a: in care since 2024 (1 placement on 1 April), moved twice (P, P): 3 -> numerator. */
    child(ds, "a", D(2014, 1, 1));
    ep(ds, D(2024, 1, 1), D(2025, 6, 1), "S", "C2", "U4", "X1");
    ep(ds, D(2025, 6, 1), D(2025, 9, 1), "P", "C2", "U4", "X1");
    ep(ds, D(2025, 9, 1), NONE, "P", "C2", "U4", "");
    /* b: in care since 2024; legal status change (L), same carer (T), then one
     * move (P): 1 + 1 = 2 placements -> denominator only. */
    child(ds, "b", D(2014, 1, 1));
    ep(ds, D(2024, 1, 1), D(2025, 5, 1), "S", "V2", "U4", "X1");
    ep(ds, D(2025, 5, 1), D(2025, 7, 1), "L", "C2", "U4", "X1");
    ep(ds, D(2025, 7, 1), D(2025, 8, 1), "T", "C2", "U5", "X1");
    ep(ds, D(2025, 8, 1), NONE, "P", "C2", "U4", "");
    /* c: 3 placements but left on 30 March 2026: not looked after on 31 March. */
    child(ds, "c", D(2014, 1, 1));
    ep(ds, D(2025, 4, 10), D(2025, 6, 1), "S", "C2", "U4", "X1");
    ep(ds, D(2025, 6, 1), D(2025, 9, 1), "P", "C2", "U4", "X1");
    ep(ds, D(2025, 9, 1), D(2026, 3, 30), "P", "C2", "U4", "E4A");
    /* d: arrived on 1 April 2025 (S), moved twice (P, B): 3, the first not
     * counted twice -> numerator. */
    child(ds, "d", D(2014, 1, 1));
    ep(ds, D(2025, 4, 1), D(2025, 10, 1), "S", "V2", "U4", "X1");
    ep(ds, D(2025, 10, 1), D(2026, 1, 1), "P", "V2", "U4", "X1");
    ep(ds, D(2026, 1, 1), NONE, "B", "C2", "R1", "");
    /* e: short breaks (V3) all year, many episodes: not in the cohort. */
    child(ds, "e", D(2014, 1, 1));
    ep(ds, D(2025, 5, 1), D(2025, 5, 3), "S", "V3", "U4", "E8");
    ep(ds, D(2025, 8, 1), D(2025, 8, 3), "S", "V3", "U4", "E8");
    ep(ds, D(2026, 3, 30), NONE, "S", "V3", "U4", "");
    /* f: ended on 31 March 2026 (DEC is the first day not looked after). */
    child(ds, "f", D(2014, 1, 1));
    ep(ds, D(2023, 1, 1), D(2026, 3, 31), "S", "C2", "U4", "E4A");
}

static void test_placement_stability_short(void **state)
{
    (void)state;
    Dataset ds = {0};
    build_short(&ds);
    assert_int_equal(dfe_placements_in_year(&ds, find(&ds, "a"), YEAR), 3);
    assert_int_equal(dfe_placements_in_year(&ds, find(&ds, "b"), YEAR), 2);
    assert_int_equal(dfe_placements_in_year(&ds, find(&ds, "c"), YEAR), 3);
    assert_int_equal(dfe_placements_in_year(&ds, find(&ds, "d"), YEAR), 3);
    assert_int_equal(dfe_placements_in_year(&ds, find(&ds, "e"), YEAR), 0);
    assert_int_equal(dfe_placements_in_year(&ds, find(&ds, "f"), YEAR), 1);
    expect(&ds, "placement_stability_short", 2, 3); /* a, d of a, b, d */
    dataset_free(&ds);
}

/* ---- placement_stability_long -------------------------------------------- */

static void test_placement_stability_long(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Days are counted as for the OC2 cohort (a child looked after from 1 April
     * has 12 months at 31 March): 2.5 years at 31 March 2026 need care since
     * 1 October 2023 (1 October 2023 to 31 March 2026 inclusive is 30 months),
     * 2 years in the placement need it since 1 April 2024. */
    /* a: 11, in the same foster placement since 2020 -> numerator. */
    child(&ds, "a", D(2015, 1, 1));
    ep(&ds, D(2020, 1, 1), NONE, "S", "C2", "U1", "");
    /* b: 16th birthday on 31 March 2026: aged 16, not under 16 -> out. */
    child(&ds, "b", D(2010, 3, 31));
    ep(&ds, D(2015, 1, 1), NONE, "S", "C2", "U1", "");
    /* c: 15 (16 on 1 April), in care since 2020, moved on 1 January 2025 -> denominator. */
    child(&ds, "c", D(2010, 4, 1));
    ep(&ds, D(2020, 1, 1), D(2025, 1, 1), "S", "C2", "U1", "X1");
    ep(&ds, D(2025, 1, 1), NONE, "P", "C2", "U4", "");
    /* d: in care since 30 September 2023, 2.5 years and a day, one placement -> numerator. */
    child(&ds, "d", D(2015, 1, 1));
    ep(&ds, D(2023, 9, 30), NONE, "S", "C2", "U1", "");
    /* e: in care since 1 October 2023, exactly 2.5 years, one placement -> numerator. */
    child(&ds, "e", D(2015, 1, 1));
    ep(&ds, D(2023, 10, 1), NONE, "S", "C2", "U1", "");
    /* f: same carer since 2020 through a change of legal status (L) and of
     * placement type with the same carer (T) -> numerator. */
    child(&ds, "f", D(2016, 1, 1));
    ep(&ds, D(2020, 1, 1), D(2024, 6, 1), "S", "V2", "U1", "X1");
    ep(&ds, D(2024, 6, 1), D(2025, 1, 1), "L", "C2", "U1", "X1");
    ep(&ds, D(2025, 1, 1), NONE, "T", "C2", "U2", "");
    /* g: placed for adoption (A4) on 1 January 2025; with the foster placement
     * before it (since 2021) more than 2 years -> numerator. */
    child(&ds, "g", D(2019, 1, 1));
    ep(&ds, D(2021, 1, 1), D(2025, 1, 1), "S", "C2", "U3", "X1");
    ep(&ds, D(2025, 1, 1), NONE, "B", "E1", "A4", "");
    /* h: left care and came back the next day: care since 2 January 2024 is not
     * continuous for 2.5 years -> out. */
    child(&ds, "h", D(2015, 1, 1));
    ep(&ds, D(2019, 1, 1), D(2024, 1, 1), "S", "C2", "U1", "E4A");
    ep(&ds, D(2024, 1, 2), NONE, "S", "C2", "U1", "");
    /* i: short breaks (V4) for years -> out. */
    child(&ds, "i", D(2015, 1, 1));
    ep(&ds, D(2019, 1, 1), NONE, "S", "V4", "U1", "");
    /* j: in care since 2 October 2023, a day short of 2.5 years -> out. */
    child(&ds, "j", D(2015, 1, 1));
    ep(&ds, D(2023, 10, 2), NONE, "S", "C2", "U1", "");
    /* k: in care since 2020, moved on 1 April 2024: exactly 2 years -> numerator. */
    child(&ds, "k", D(2015, 1, 1));
    ep(&ds, D(2020, 1, 1), D(2024, 4, 1), "S", "C2", "U1", "X1");
    ep(&ds, D(2024, 4, 1), NONE, "P", "C2", "U4", "");
    /* l: the same, moved on 2 April 2024: a day short of 2 years -> denominator. */
    child(&ds, "l", D(2015, 1, 1));
    ep(&ds, D(2020, 1, 1), D(2024, 4, 2), "S", "C2", "U1", "X1");
    ep(&ds, D(2024, 4, 2), NONE, "P", "C2", "U4", "");

    assert_int_equal(dfe_care_run_start(&ds, find(&ds, "h"), D(2026, 3, 31)), D(2024, 1, 2));
    assert_int_equal(dfe_placement_start(&ds, find(&ds, "f"), D(2026, 3, 31)), D(2020, 1, 1));
    assert_int_equal(dfe_placement_start(&ds, find(&ds, "g"), D(2026, 3, 31)), D(2025, 1, 1));
    assert_int_equal(dfe_placement_start(&ds, find(&ds, "i"), D(2026, 3, 31)), NONE);
    /* a, d, e, f, g, k of a, c, d, e, f, g, k, l */
    expect(&ds, "placement_stability_long", 6, 8);
    dataset_free(&ds);
}

/* ---- OC2 ----------------------------------------------------------------- */

static void test_oc2(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* a: 13, in care since 2024; health yes, imms yes, teeth no, SDQ 10, convicted. */
    child(&ds, "a", D(2012, 6, 1));
    ep(&ds, D(2024, 1, 1), NONE, "S", "C2", "U1", "");
    oc2(&ds, 1, 1, 0, 10, 0, 1);
    /* b: 11, arrived on 1 April 2025: looked after every day of the year, 12
     * months -> in. Health no, imms yes, teeth yes, SDQ 20. */
    child(&ds, "b", D(2014, 6, 1));
    ep(&ds, D(2025, 4, 1), NONE, "S", "C2", "U1", "");
    oc2(&ds, 0, 1, 1, 20, 0, 0);
    /* c: arrived on 2 April 2025 -> out, though it has an OC2 row. */
    child(&ds, "c", D(2014, 6, 1));
    ep(&ds, D(2025, 4, 2), NONE, "S", "C2", "U1", "");
    oc2(&ds, 1, 1, 1, 5, 1, 1);
    /* d: in care since 2020 with a short break (V4) in the year -> out. */
    child(&ds, "d", D(2014, 6, 1));
    ep(&ds, D(2020, 1, 1), NONE, "S", "C2", "U1", "");
    ep(&ds, D(2025, 7, 1), D(2025, 7, 3), "S", "V4", "U1", "E8");
    oc2(&ds, 1, 1, 1, 5, 1, 1);
    /* e: in care since 2020, left on 30 March 2026 -> out. */
    child(&ds, "e", D(2014, 6, 1));
    ep(&ds, D(2020, 1, 1), D(2026, 3, 30), "S", "C2", "U1", "E4A");
    oc2(&ds, 1, 1, 1, 5, 1, 1);
    /* f: 4 (too young for SDQ and convictions); health, imms, teeth yes. */
    child(&ds, "f", D(2021, 6, 1));
    ep(&ds, D(2022, 1, 1), NONE, "S", "C2", "U1", "");
    oc2(&ds, 1, 1, 1, -1, 0, 0);
    /* g: 16, in care since 2015, no OC2 row: in every denominator, no numerator,
     * no SDQ score. */
    child(&ds, "g", D(2009, 6, 1));
    ep(&ds, D(2015, 1, 1), NONE, "S", "C2", "U1", "");

    assert_true(dfe_in_oc2_cohort(&ds, find(&ds, "b"), YEAR));
    assert_false(dfe_in_oc2_cohort(&ds, find(&ds, "c"), YEAR));
    assert_false(dfe_in_oc2_cohort(&ds, find(&ds, "d"), YEAR));
    assert_false(dfe_in_oc2_cohort(&ds, find(&ds, "e"), YEAR));
    /* cohort a, b, f, g */
    expect(&ds, "oc2_health_assessment", 2, 4); /* a, f */
    expect(&ds, "oc2_immunisations", 3, 4);     /* a, b, f */
    expect(&ds, "oc2_teeth_check", 2, 4);       /* b, f */
    expect(&ds, "oc2_substance_misuse", 0, 4);
    expect(&ds, "oc2_sdq_average", 30, 2); /* a 10 + b 20 of a, b: average 15 */
    expect(&ds, "oc2_convicted", 1, 3);    /* a of the 10-17s a, b, g */
    const DfeIndicator *sdq = dfe_find("oc2_sdq_average");
    assert_non_null(sdq);
    assert_true(fabs(dfe_value(sdq, 30, 2) - 15.0) < 1e-9);
    /* Another year has no OC2 rows: not available, never a figure. */
    DfeFigure f;
    assert_int_equal(dfe_compute(&ds, "oc2_teeth_check", YEAR - 1, &f), 0);
    assert_false(f.available);
    assert_non_null(strstr(f.reason, "OC2"));
    dataset_free(&ds);
}

/* ---- OC3 care leavers and Staying Put ------------------------------------- */

static void test_care_leavers(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* a: 20; looked after 14 to 18, left on the 18th birthday from foster care
     * (U4); in touch, higher education (F1), with former foster carers (Z1). */
    child(&ds, "a", D(2005, 6, 1));
    ep(&ds, D(2019, 6, 1), D(2023, 6, 1), "S", "C2", "U4", "E17");
    oc3(&ds, YEAR, "YES", "F1", "Z1");
    /* b: 18 (birthday 15 January 2026), left foster care (U1) that day; not in
     * touch, NEET (G5), homeless (S2). */
    child(&ds, "b", D(2008, 1, 15));
    ep(&ds, D(2022, 1, 1), D(2026, 1, 15), "S", "C2", "U1", "E17");
    oc3(&ds, YEAR, "NO", "G5", "S2");
    /* c: 17 and still looked after on the 17th birthday -> out. */
    child(&ds, "c", D(2008, 9, 1));
    ep(&ds, D(2020, 1, 1), NONE, "S", "C2", "U1", "");
    oc3(&ds, YEAR, "YES", "F2", "U1");
    /* d: 21, looked after 31 days after 14: not eligible -> out. */
    child(&ds, "d", D(2005, 1, 1));
    ep(&ds, D(2019, 1, 1), D(2019, 2, 1), "S", "V2", "U1", "E4A");
    oc3(&ds, YEAR, "YES", "F2", "U1");
    /* e: 19, left a children's home (K2) at 18; in touch, training (P5),
     * independent living (U1, suitable). */
    child(&ds, "e", D(2006, 5, 1));
    ep(&ds, D(2021, 1, 1), D(2024, 5, 1), "S", "C2", "K2", "E17");
    oc3(&ds, YEAR, "YES", "P5", "U1");
    /* f: 21, eligible, died -> out. */
    child(&ds, "f", D(2004, 4, 2));
    ep(&ds, D(2019, 1, 1), D(2022, 4, 2), "S", "C2", "U1", "E17");
    oc3(&ds, YEAR, "DIED", "", "");
    /* g: 19, eligible, but OC3 only for last year -> out this year. */
    child(&ds, "g", D(2006, 10, 1));
    ep(&ds, D(2021, 1, 1), D(2024, 10, 1), "S", "C2", "U4", "E17");
    oc3(&ds, YEAR - 1, "YES", "F1", "Z1");
    /* h: 19, short breaks (V3) only since 14: not eligible -> out. */
    child(&ds, "h", D(2007, 2, 1));
    ep(&ds, D(2021, 3, 1), D(2025, 2, 1), "S", "V3", "U1", "E17");
    oc3(&ds, YEAR, "YES", "F1", "U1");

    /* i: 19 (born 01/08/2006), looked after 01/01/2022 to the 16th birthday
     * (DEC 01/08/2022): 212 days after 14, and looked after when attaining 16
     * (FLRA 1969 s9, as leaver.c) -> in; in touch, other education (F2),
     * independent living (U1). */
    child(&ds, "i", D(2006, 8, 1));
    ep(&ds, D(2022, 1, 1), D(2022, 8, 1), "S", "C2", "U1", "E8");
    oc3(&ds, YEAR, "YES", "F2", "U1");
    /* j: the same but leaving the day before the 16th birthday -> out. */
    child(&ds, "j", D(2006, 8, 1));
    ep(&ds, D(2022, 1, 1), D(2022, 7, 31), "S", "C2", "U1", "E8");
    oc3(&ds, YEAR, "YES", "F2", "U1");

    /* k: 20, eligible, but care was taken over by another local authority at
     * 17 (REC E3): that authority's care leaver -> out. */
    child(&ds, "k", D(2005, 9, 1));
    ep(&ds, D(2020, 1, 1), D(2022, 12, 1), "S", "C2", "U1", "E3");
    oc3(&ds, YEAR, "YES", "F2", "U1");

    assert_null(dfe_oc3_cohort(&ds, find(&ds, "k"), YEAR, &(int){0}));
    assert_non_null(dfe_oc3_cohort(&ds, find(&ds, "i"), YEAR, &(int){0}));
    assert_null(dfe_oc3_cohort(&ds, find(&ds, "j"), YEAR, &(int){0}));
    /* cohort 17-21: a, b, e, i; 17-18: b; 19-21: a, e, i */
    expect(&ds, "care_leavers_in_touch", 3, 4);
    expect(&ds, "care_leavers_in_touch_17_18", 0, 1);
    expect(&ds, "care_leavers_in_touch_19_21", 3, 3);
    expect(&ds, "care_leavers_eet", 3, 4);
    expect(&ds, "care_leavers_eet_17_18", 0, 1);
    expect(&ds, "care_leavers_eet_19_21", 3, 3);
    expect(&ds, "care_leavers_suitable_accommodation", 3, 4);
    expect(&ds, "care_leavers_suitable_accommodation_17_18", 0, 1);
    expect(&ds, "care_leavers_suitable_accommodation_19_21", 3, 3);
    expect(&ds, "care_leavers_higher_education", 1, 3); /* a of a, e, i */
    /* Staying Put: 18-20, left foster care on the 18th birthday: a, b; a with
     * former foster carers. e left a children's home. */
    expect(&ds, "staying_put", 1, 2);
    DfeFigure f;
    assert_int_equal(dfe_compute(&ds, "care_leavers_eet", YEAR - 2, &f), 0);
    assert_false(f.available);
    dataset_free(&ds);
}

/* ---- review_participation --------------------------------------------------- */

static void test_review_participation(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* a: 10; 31 March 2025 is last year; 1 April PN1, October PN7, 31 March PN4:
     * 2 of 3. */
    child(&ds, "a", D(2015, 1, 1));
    ep(&ds, D(2020, 1, 1), NONE, "S", "C2", "U1", "");
    review(&ds, D(2025, 3, 31), "PN1");
    review(&ds, D(2025, 4, 1), "PN1");
    review(&ds, D(2025, 10, 1), "PN7");
    review(&ds, D(2026, 3, 31), "PN4");
    /* b: 2, PN0: under 4 -> out. */
    child(&ds, "b", D(2023, 1, 1));
    ep(&ds, D(2024, 1, 1), NONE, "S", "C2", "U1", "");
    review(&ds, D(2025, 6, 1), "PN0");
    /* c: 4th birthday 1 June 2025: the review the day before is out (PN0), the
     * one on the birthday counts (PN3): 1 of 1. */
    child(&ds, "c", D(2021, 6, 1));
    ep(&ds, D(2022, 1, 1), NONE, "S", "C2", "U1", "");
    review(&ds, D(2025, 5, 31), "PN0");
    review(&ds, D(2025, 6, 1), "PN3");
    /* d: short breaks (V3) only -> out. */
    child(&ds, "d", D(2015, 1, 1));
    ep(&ds, D(2024, 1, 1), NONE, "S", "V3", "U1", "");
    review(&ds, D(2025, 7, 1), "PN1");
    expect(&ds, "review_participation", 3, 4);
    dataset_free(&ds);
}

/* ---- missing_children ------------------------------------------------------------ */

static void test_missing_children(void **state)
{
    (void)state;
    Dataset ds = {0};
    DfeFigure f;
    child(&ds, "a", D(2012, 1, 1)); /* in care, missing in May 2025 -> numerator */
    ep(&ds, D(2024, 1, 1), NONE, "S", "C2", "U1", "");
    /* Before any Missing record: not available. */
    assert_int_equal(dfe_compute(&ds, "missing_children", YEAR, &f), 0);
    assert_false(f.available);
    missing(&ds, D(2025, 5, 1), "M");
    child(&ds, "b", D(2012, 1, 1)); /* away without authorisation only -> denominator */
    ep(&ds, D(2024, 1, 1), NONE, "S", "C2", "U1", "");
    missing(&ds, D(2025, 5, 1), "A");
    child(&ds, "c", D(2012, 1, 1)); /* missing on 31 March 2025, last year -> denominator */
    ep(&ds, D(2024, 1, 1), NONE, "S", "C2", "U1", "");
    missing(&ds, D(2025, 3, 31), "M");
    child(&ds, "d", D(2012, 1, 1)); /* short breaks only -> out */
    ep(&ds, D(2024, 1, 1), NONE, "S", "V4", "U1", "");
    missing(&ds, D(2025, 5, 1), "M");
    child(&ds, "e", D(2012, 1, 1)); /* last looked after on 30 March 2025 -> out */
    ep(&ds, D(2024, 1, 1), D(2025, 3, 31), "S", "C2", "U1", "E4A");
    missing(&ds, D(2025, 5, 1), "M");
    child(&ds, "f", D(2012, 1, 1)); /* arrived 31 March 2026, missing that day -> numerator */
    ep(&ds, D(2026, 3, 31), NONE, "S", "C2", "U1", "");
    missing(&ds, D(2026, 3, 31), "M");
    expect(&ds, "missing_children", 2, 4); /* a, f of a, b, c, f */
    dataset_free(&ds);
}

/* ---- adoption A1 and A2 ---------------------------------------------------------- */

static void test_adoption(void **state)
{
    (void)state;
    Dataset ds = {0};
    /* Adopted in the three years 1 April 2023 to 31 March 2026. */
    /* a: entered 1 January 2022, placement order 1 June 2022, placed for
     * adoption 1 January 2023, adopted 1 June 2023. A1 365; matched 1 November
     * 2022: A2 153. */
    child(&ds, "a", D(2020, 1, 1));
    ep(&ds, D(2022, 1, 1), D(2022, 6, 1), "S", "C2", "U3", "X1");
    ep(&ds, D(2022, 6, 1), D(2023, 1, 1), "L", "E1", "U3", "X1");
    ep(&ds, D(2023, 1, 1), D(2023, 6, 1), "P", "E1", "A6", "E11");
    match(&ds, 2023, D(2022, 11, 1));
    /* b: entered 1 January 2021, order and adoptive placement 1 January 2023,
     * adopted 1 December 2025: A1 730; matched 1 December 2022, before the
     * order: A2 0. */
    child(&ds, "b", D(2019, 1, 1));
    ep(&ds, D(2021, 1, 1), D(2023, 1, 1), "S", "C2", "U1", "X1");
    ep(&ds, D(2023, 1, 1), D(2025, 12, 1), "B", "E1", "A4", "E12");
    match(&ds, 2023, D(2022, 12, 1));
    /* c: adopted 31 March 2023, before the three years -> out. */
    child(&ds, "c", D(2019, 1, 1));
    ep(&ds, D(2021, 1, 1), D(2022, 1, 1), "S", "C2", "U1", "X1");
    ep(&ds, D(2022, 1, 1), D(2023, 3, 31), "B", "E1", "A4", "E11");
    match(&ds, 2022, D(2021, 12, 1));
    /* d: adopted with consent, no placement order: A1 152 (1 January to 1 June
     * 2024); not in A2. */
    child(&ds, "d", D(2023, 1, 1));
    ep(&ds, D(2024, 1, 1), D(2024, 6, 1), "S", "V2", "U1", "X1");
    ep(&ds, D(2024, 6, 1), D(2025, 6, 1), "P", "V2", "A5", "E11");
    match(&ds, 2024, D(2024, 5, 1));
    expect(&ds, "adoption_a1", 365 + 730 + 152, 3);
    expect(&ds, "adoption_a2", 153 + 0, 2);
    const DfeIndicator *a1 = dfe_find("adoption_a1");
    assert_true(fabs(dfe_value(a1, 1247, 3) - 1247.0 / 3) < 1e-9);
    assert_true(isnan(dfe_value(a1, 0, 0)));
    dataset_free(&ds);
}

static void test_not_available(void **state)
{
    (void)state;
    Dataset ds = {0};
    child(&ds, "a", D(2012, 1, 1));
    ep(&ds, D(2024, 1, 1), NONE, "S", "C2", "U1", "");
    DfeFigure f;
    assert_int_equal(dfe_compute(&ds, "placed_over_20_miles", YEAR, &f), 0);
    assert_false(f.available);
    assert_non_null(strstr(f.reason, "Postcode Directory"));
    assert_null(strstr(f.reason, "--")); /* names what is needed, no flag */
    assert_int_equal(dfe_compute(&ds, "placed_outside_la", YEAR, &f), 0);
    assert_false(f.available);
    assert_non_null(strstr(f.reason, "own local authority code"));
    assert_int_equal(dfe_compute(&ds, "adoption_a2", YEAR, &f), 0);
    assert_false(f.available);
    assert_int_equal(dfe_compute(&ds, "no_such_indicator", YEAR, &f), -1);
    dataset_free(&ds);
}

/* ---- The scorecard built on it: publish and RAG --------------------------------- */

static const ScoreEntry *entry(const Scorecard *sc, const char *id)
{
    for (int i = 0; i < sc->n_entries; i++)
        if (strcmp(sc->entries[i].ind->id, id) == 0) return &sc->entries[i];
    fail_msg("no entry %s", id);
    return NULL;
}

static void test_scorecard_publish_and_rag(void **state)
{
    (void)state;
    Dataset ds = {0};
    build_short(&ds); /* placement_stability_short: 2 of 3 */
    IndicatorCatalogue *cat;
    Err err;
    assert_int_equal(indicators_load_default(&cat, &err), 0);
    for (int i = 0; i < cat->n_items; i++)
        if (strcmp(cat->items[i].id, "placement_stability_short") == 0) {
            cat->items[i].has_target = true; /* lower is better */
            cat->items[i].target = 70;
        }
    ScorecardOptions opt = {.year = YEAR, .years = 1};
    Scorecard sc;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    const ScoreEntry *e = entry(&sc, "placement_stability_short");
    const ScoreFigure *now = scorecard_now(&sc, e);
    assert_string_equal(now->value_text, "67"); /* 2 of 3: under the target of 70 */
    assert_string_equal(now->num_text, "2");
    assert_string_equal(e->rag, "green");
    assert_int_equal(entry(&sc, "survey_know_me")->state, SCORE_SURVEY);
    assert_int_equal(entry(&sc, "placed_over_20_miles")->state, SCORE_NOT_AVAILABLE);
    scorecard_free(&sc);

    /* Published: 2, 1 and 3 are all from 1 to 5, so every figure is c. */
    opt.publish = true;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    e = entry(&sc, "placement_stability_short");
    now = scorecard_now(&sc, e);
    assert_string_equal(now->value_text, "c");
    assert_string_equal(now->num_text, "c");
    assert_string_equal(now->den_text, "c");
    assert_string_equal(e->rag, ""); /* no status on a withheld figure */
    scorecard_free(&sc);

    /* RAG: 67 against a target of 60 (lower is better) is 7 points off: red;
     * against 65, amber. */
    opt.publish = false;
    for (int t = 0; t < 2; t++) {
        for (int i = 0; i < cat->n_items; i++)
            if (strcmp(cat->items[i].id, "placement_stability_short") == 0)
                cat->items[i].target = t == 0 ? 60 : 65;
        assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
        assert_string_equal(entry(&sc, "placement_stability_short")->rag, t == 0 ? "red" : "amber");
        scorecard_free(&sc);
    }
    /* By age: every child is 12, in "10 to 15"; published, the group and the
     * total are withheld together. */
    opt.by = SCORECARD_BY_AGE;
    opt.publish = true;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    e = entry(&sc, "placement_stability_short");
    assert_string_equal(e->groups[3].num_text, "c");
    assert_string_equal(e->groups[0].den_text, "0");
    assert_string_equal(e->groups[0].value_text, "z");
    scorecard_free(&sc);
    indicators_free(cat);
    dataset_free(&ds);
}

/* --publish on the care-leaver figures by age: 9 of 10 aged 17-18 in touch,
 * 12 of 20 aged 19-21, 21 of 30 in all. On its own the 17-18 figure is
 * withheld (1 not in touch), but it would be 21 - 12 = 9 from the other two:
 * the three are published as one table, so one more goes. */
static void test_scorecard_publish_age_parts(void **state)
{
    (void)state;
    Dataset ds = {0};
    for (int i = 0; i < 30; i++) {
        char id[8];
        snprintf(id, sizeof id, "y%02d", i);
        bool older = i >= 10;
        Date dob = older ? D(2006, 6, 1) : D(2007, 6, 1);
        child(&ds, id, dob);
        ep(&ds, date_birthday(dob, 14), date_birthday(dob, 18), "S", "C2", "U1", "E17");
        bool in_touch = older ? i < 22 : i < 9;
        oc3(&ds, YEAR, in_touch ? "YES" : "NO", "F2", "U1");
    }
    expect(&ds, "care_leavers_in_touch_17_18", 9, 10);
    expect(&ds, "care_leavers_in_touch_19_21", 12, 20);
    expect(&ds, "care_leavers_in_touch", 21, 30);
    IndicatorCatalogue *cat;
    Err err;
    assert_int_equal(indicators_load_default(&cat, &err), 0);
    ScorecardOptions opt = {.year = YEAR, .years = 0, .publish = true};
    Scorecard sc;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    const ScoreFigure *young = scorecard_now(&sc, entry(&sc, "care_leavers_in_touch_17_18"));
    const ScoreFigure *old = scorecard_now(&sc, entry(&sc, "care_leavers_in_touch_19_21"));
    const ScoreFigure *all = scorecard_now(&sc, entry(&sc, "care_leavers_in_touch"));
    assert_string_equal(young->num_text, "c");
    /* The 9 cannot be had by subtraction. */
    assert_true(strcmp(old->num_text, "c") == 0 || strcmp(all->num_text, "c") == 0);
    scorecard_free(&sc);
    indicators_free(cat);
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_placement_stability_short),
        cmocka_unit_test(test_placement_stability_long),
        cmocka_unit_test(test_oc2),
        cmocka_unit_test(test_care_leavers),
        cmocka_unit_test(test_review_participation),
        cmocka_unit_test(test_missing_children),
        cmocka_unit_test(test_adoption),
        cmocka_unit_test(test_not_available),
        cmocka_unit_test(test_scorecard_publish_and_rag),
        cmocka_unit_test(test_scorecard_publish_age_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
