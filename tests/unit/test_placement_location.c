/* Unit tests for the two placement-location indicators of the scorecard,
 * placed_over_20_miles and placed_outside_la (domain/dfe_indicators), the
 * derived 903 fields they read (service/places: PL_DISTANCE, PL_LA,
 * PL_LOCATION) and the ONS Postcode Directory reader behind them
 * (exchange/onspd). The year is 2025/26: looked after on 31 March 2026.
 *
 * The directory below is synthetic (made-up ZZ postcodes, grid references and
 * X codes). Its grid references are chosen for the 20-mile boundary: the 903
 * distance is sqrt(dE^2 + dN^2) / 1000 / 1.6093 miles to one decimal place,
 * so 32,186 m is 20.0 miles exactly, 32,266 m is 20.0497 (20.0: not more than
 * 20) and 32,267 m is 20.0503 (20.1: more than 20). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/dfe_indicators.h"
#include "exchange/onspd.h"
#include "service/places.h"
#include "service/scorecard.h"
#include "test_fixture.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define YEAR 2026
#define OWN  "X10000001" /* the council: a county; its districts are X07... */

/* HOME is at (400000, 100000). Columns in the ONS order, with ones not read. */
static const char directory[] =
    "\"pcd\",\"pcds\",\"dointr\",\"doterm\",\"oscty\",\"oslaua\",\"oseast1m\",\"osnrth1m\"\n"
    "\"ZZ1 1AA\",\"ZZ1 1AA\",\"199801\",\"\",\"X10000001\",\"X07000001\",\"400000\",\"100000\"\n"
    /* 20.0 miles east of HOME, in another authority (a unitary: no county) */
    "\"ZZ1 2AA\",\"ZZ1 2AA\",\"199801\",\"\",\"X99999999\",\"X06000003\",\"432186\",\"100000\"\n"
    /* 20.0497 miles: 20.0 */
    "\"ZZ1 2AB\",\"ZZ1 2AB\",\"199801\",\"\",\"X99999999\",\"X06000003\",\"432266\",\"100000\"\n"
    /* 20.0503 miles: 20.1 */
    "\"ZZ1 2AD\",\"ZZ1 2AD\",\"199801\",\"\",\"X99999999\",\"X06000003\",\"432267\",\"100000\"\n"
    /* 5 km (3.1 miles) east, another district of the same county: inside */
    "\"ZZ2 2BB\",\"ZZ2 2BB\",\"199801\",\"\",\"X10000001\",\"X07000002\",\"405000\",\"100000\"\n"
    /* 100 km (62.1 miles) north, another authority */
    "\"ZZ3 3CC\",\"ZZ3 3CC\",\"199801\",\"\",\"X99999999\",\"X06000002\",\"400000\",\"200000\"\n"
    /* in the county, no grid reference */
    "\"ZZ5 5EE\",\"ZZ5 5EE\",\"199801\",\"\",\"X10000001\",\"X07000001\",\"\",\"\"\n";

static void child(Dataset *ds, const char *id)
{
    dataset_add_child(ds, id, "F", D(2012, 5, 5), "WBRI");
}

/* An episode with its home and placement postcodes, as the store loads them
 * with STORE_LOAD_POSTCODES. */
static void ep(Dataset *ds, Date decom, Date dec, const char *rne, const char *ls, const char *home,
               const char *placed)
{
    fixture_episode(ds,
                    (FixtureEpisode){decom, dec, rne, ls, "N1", "U4", dec != NONE ? "E4A" : NULL});
    EpisodePlace pl = {.distance = -1};
    DATASET_SET_CODE(pl.home_post, home);
    DATASET_SET_CODE(pl.pl_post, placed);
    dataset_add_place(ds, &pl);
}

/* In care since 2024 (C2), placed at `placed` on 31 March 2026. */
static void in_care(Dataset *ds, const char *id, const char *home, const char *placed)
{
    child(ds, id);
    ep(ds, D(2024, 6, 1), NONE, "S", "C2", home, placed);
}

static void build(Dataset *ds)
{
    /* In the distance cohort (6): a, b, c, d, j, l. More than 20 miles: c, d, j (3).
     * In the location cohort (10): all but g, h, i, n. Outside: a, b, c, d, f, j, k (7). */
    in_care(ds, "a", "ZZ1 1AA", "ZZ1 2AA"); /* 20.0 miles: not more than 20; OUT */
    in_care(ds, "b", "ZZ11AA", "zz1 2ab");  /* 20.0497 -> 20.0: not more; OUT (any spacing, case) */
    in_care(ds, "c", "ZZ1 1AA", "ZZ1 2AD"); /* 20.0503 -> 20.1: more; OUT */
    in_care(ds, "d", "ZZ1 1AA", "ZZ3 3CC"); /* 62.1 miles: more; OUT */
    in_care(ds, "e", "ZZ9 9ZZ", "ZZ2 2BB"); /* home not in the directory: no distance; IN */
    in_care(ds, "f", "", "ZZ3 3CC");        /* home postcode missing: no distance; OUT */
    in_care(ds, "g", "ZZ1 1AA", "ZZ9 9ZY"); /* placement not in the directory: neither */
    child(ds, "h");                         /* short breaks only (V3): neither */
    ep(ds, D(2025, 1, 1), NONE, "S", "V3", "ZZ1 1AA", "ZZ3 3CC");
    child(ds, "i"); /* left on 30 March: not looked after on 31 March */
    ep(ds, D(2024, 6, 1), D(2026, 3, 30), "S", "C2", "ZZ1 1AA", "ZZ3 3CC");
    child(ds, "j"); /* arrived on 1 April 2025: looked after on 31 March; more; OUT */
    ep(ds, D(2025, 4, 1), NONE, "S", "C2", "ZZ1 1AA", "ZZ3 3CC");
    in_care(ds, "k", "ZZ1 1AA", "ZZ3 3CC"); /* UASC: no distance (903 rule 406); OUT */
    ((Child *)dataset_find_child(ds, "k"))->uasc = true;
    child(ds, "l"); /* far away until January, then 3.1 miles: the placement on 31 March; IN */
    ep(ds, D(2024, 6, 1), D(2026, 1, 10), "S", "C2", "ZZ1 1AA", "ZZ3 3CC");
    ep(ds, D(2026, 1, 10), NONE, "P", "C2", "ZZ1 1AA", "ZZ2 2BB");
    in_care(ds, "m", "ZZ1 1AA", "ZZ5 5EE"); /* no grid reference: no distance; IN */
    child(ds, "n"); /* arrives on 1 April 2026: not looked after on 31 March 2026 */
    ep(ds, D(2026, 4, 1), NONE, "S", "C2", "ZZ1 1AA", "ZZ3 3CC");
}

static void write_directory(char path[64])
{
    snprintf(path, 64, "/tmp/test_placement_location_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, directory, strlen(directory)), (ssize_t)strlen(directory));
    close(fd);
}

/* Builds the Dataset and derives its places with the directory and OWN. */
static void derived(Dataset *ds, const char *la)
{
    build(ds);
    char path[64];
    write_directory(path);
    Err err;
    assert_int_equal(places_derive(ds, path, la, D(2024, 3, 31), D(2026, 3, 31), &err), 0);
    unlink(path);
}

static void expect_in(const Dataset *ds, const char *id, int year, long num, long den)
{
    DfeFigure f;
    assert_int_equal(dfe_compute(ds, id, year, &f), 0);
    if (!f.available) fail_msg("%s not available: %s", id, f.reason);
    if (f.num != num || f.den != den)
        fail_msg("%s: expected %ld of %ld, got %ld of %ld", id, num, den, f.num, f.den);
}

static void expect(const Dataset *ds, const char *id, long num, long den)
{
    expect_in(ds, id, YEAR, num, den);
}

static const EpisodePlace *place_of(const Dataset *ds, const char *id, int k)
{
    const Child *c = dataset_find_child(ds, id);
    assert_non_null(c);
    return dataset_episode_place(ds, c->first_episode + k);
}

/* ---- exchange/onspd ----------------------------------------------------------------- */

static void test_onspd_distance(void **state)
{
    (void)state;
    Onspd *p = onspd_new();
    const char *wanted[] = {"ZZ1 1AA", "ZZ12AA",  "zz1 2ab", "ZZ1 2AD",
                            "ZZ3 3CC", "ZZ5 5EE", "ZZ9 9ZZ"};
    for (size_t i = 0; i < sizeof wanted / sizeof *wanted; i++) onspd_want(p, wanted[i]);
    onspd_want(p, "");
    onspd_want(p, NULL);
    Err err;
    assert_int_equal(onspd_read_buffer(p, "onspd.csv", directory, strlen(directory), &err), 0);
    const OnspdEntry *home = onspd_lookup(p, "ZZ1 1AA");
    assert_non_null(home);
    assert_string_equal(home->la, "X10000001"); /* the county, not the district */
    assert_int_equal(onspd_distance_tenths(home, onspd_lookup(p, "ZZ1 2AA")), 200);
    assert_int_equal(onspd_distance_tenths(home, onspd_lookup(p, "ZZ1 2AB")), 200);
    assert_int_equal(onspd_distance_tenths(home, onspd_lookup(p, "ZZ1 2AD")), 201);
    assert_int_equal(onspd_distance_tenths(onspd_lookup(p, "ZZ1 2AD"), home), 201);
    assert_int_equal(onspd_distance_tenths(home, home), 0);
    /* 100,000 m / 1609.3 = 62.138...: 62.1 miles */
    assert_int_equal(onspd_distance_tenths(home, onspd_lookup(p, "ZZ3 3CC")), 621);
    assert_string_equal(onspd_lookup(p, "ZZ3 3CC")->la, "X06000002"); /* pseudo county: none */
    assert_int_equal(onspd_distance_tenths(home, onspd_lookup(p, "ZZ5 5EE")), -1); /* no grid */
    assert_null(onspd_lookup(p, "ZZ9 9ZZ")); /* wanted, not there */
    assert_null(onspd_lookup(p, "ZZ2 2BB")); /* there, not wanted */
    assert_int_equal(onspd_distance_tenths(home, NULL), -1);
    /* Grid references far off any map give a capped distance, not an overflow. */
    OnspdEntry near = {.has_grid = true}, off = {.east = LONG_MAX, .north = 1, .has_grid = true};
    assert_int_equal(onspd_distance_tenths(&near, &off), ONSPD_FAR_TENTHS);
    onspd_free(p);
}

/* A text in memory is read in a block of its own size (at least 64 bytes),
 * grown when a line does not fit: the last line without its newline, a line
 * longer than the block, and an empty text. */
static void test_onspd_text_sizes(void **state)
{
    (void)state;
    Onspd *p = onspd_new();
    onspd_want(p, "ZZ5 5EE");
    Err err;
    assert_int_equal(onspd_read_buffer(p, "onspd.csv", directory, strlen(directory) - 1, &err), 0);
    assert_non_null(onspd_lookup(p, "ZZ5 5EE"));
    assert_string_equal(onspd_lookup(p, "ZZ5 5EE")->la, "X10000001");
    onspd_free(p);

    p = onspd_new();
    onspd_want(p, "ZZ1 1AA");
    size_t header = (size_t)(strchr(directory, '\n') - directory);
    assert_true(header > 64);
    assert_int_equal(onspd_read_buffer(p, "onspd.csv", directory, header, &err), 0);
    assert_null(onspd_lookup(p, "ZZ1 1AA"));
    onspd_free(p);

    p = onspd_new();
    assert_int_not_equal(onspd_read_buffer(p, "onspd.csv", "", 0, &err), 0);
    assert_non_null(strstr(err.msg, "is empty"));
    onspd_free(p);
}

/* ---- service/places -------------------------------------------------------------------- */

static void test_places_derive(void **state)
{
    (void)state;
    Dataset ds = {0};
    derived(&ds, OWN);
    assert_int_equal(ds.places_derived, DATASET_PLACES_DIRECTORY | DATASET_PLACES_OWN_LA);
    assert_int_equal(place_of(&ds, "a", 0)->distance, 200);
    assert_int_equal(place_of(&ds, "b", 0)->distance, 200);
    assert_int_equal(place_of(&ds, "c", 0)->distance, 201);
    assert_string_equal(place_of(&ds, "c", 0)->pl_la, "X06000003");
    assert_int_equal(place_of(&ds, "c", 0)->location, 'O');
    assert_int_equal(place_of(&ds, "e", 0)->distance, -1);
    assert_int_equal(place_of(&ds, "e", 0)->location, 'I'); /* district of the county */
    assert_int_equal(place_of(&ds, "f", 0)->distance, -1);
    assert_int_equal(place_of(&ds, "g", 0)->location, 0);
    assert_string_equal(place_of(&ds, "g", 0)->pl_la, "");
    assert_int_equal(place_of(&ds, "l", 0)->distance, 621);
    assert_int_equal(place_of(&ds, "l", 1)->distance, 31);
    /* n's episode begins after the last 31 March asked (2026): not derived. */
    assert_int_equal(place_of(&ds, "n", 0)->distance, -1);
    assert_string_equal(place_of(&ds, "n", 0)->pl_la, "");
    dataset_free(&ds);

    /* Without --la: PL_LA but no PL_LOCATION. */
    derived(&ds, NULL);
    assert_int_equal(ds.places_derived, DATASET_PLACES_DIRECTORY);
    assert_string_equal(place_of(&ds, "c", 0)->pl_la, "X06000003");
    assert_int_equal(place_of(&ds, "c", 0)->location, 0);
    dataset_free(&ds);

    /* A directory that cannot be read. */
    build(&ds);
    Err err;
    assert_int_equal(places_derive(&ds, "/nonexistent/onspd.csv", OWN, NONE, NONE, &err), ERR_IO);
    assert_int_equal(ds.places_derived & DATASET_PLACES_DIRECTORY, 0);
    dataset_free(&ds);
}

static void test_check_la(void **state)
{
    (void)state;
    char out[10];
    Err err;
    assert_int_equal(places_check_la("e10000009", out, &err), 0);
    assert_string_equal(out, "E10000009");
    assert_int_equal(places_check_la("E06000059", out, &err), 0);
    /* A shire district is not what PL_LA holds: its county is. */
    assert_int_equal(places_check_la("E07000049", out, &err), ERR_USAGE);
    assert_non_null(strstr(err.msg, "county"));
    assert_int_equal(places_check_la("838", out, &err), ERR_USAGE);
    assert_int_equal(places_check_la("E1000000", out, &err), ERR_USAGE);
    assert_int_equal(places_check_la("E100000091", out, &err), ERR_USAGE);
    assert_int_equal(places_check_la("", out, &err), ERR_USAGE);
}

/* ---- The indicators ------------------------------------------------------------------- */

static void test_indicators(void **state)
{
    (void)state;
    Dataset ds = {0};
    derived(&ds, OWN);
    expect(&ds, "placed_over_20_miles", 3, 6);
    expect(&ds, "placed_outside_la", 7, 10);
    /* The year before (31 March 2025): a-g, i, k, l, m in care since June 2024
     * (h is a short break; j and n not yet in care). The derived fields are
     * those of each episode, so l is in ZZ3 3CC then: 62.1 miles.
     * Distance: a, b, c, d, i, l: over c, d, i, l = 4 of 6. Location: all of
     * a-f, i, k, l, m but g: 10; outside a, b, c, d, f, i, k, l = 8. */
    expect_in(&ds, "placed_over_20_miles", YEAR - 1, 4, 6);
    expect_in(&ds, "placed_outside_la", YEAR - 1, 8, 10);
    dataset_free(&ds);
}

/* Hand-set derived fields, without a directory: the distance as the 903 would
 * hold it, in tenths of a mile. */
static void test_boundary_hand_set(void **state)
{
    (void)state;
    Dataset ds = {0};
    const int tenths[] = {199, 200, 201, 0, -1};
    for (int i = 0; i < 5; i++) {
        char id[4];
        snprintf(id, sizeof id, "t%d", i);
        in_care(&ds, id, "", "");
        ds.places[ds.n_places - 1].distance = tenths[i];
    }
    ds.places_derived = DATASET_PLACES_DIRECTORY;
    expect(&ds, "placed_over_20_miles", 1, 4); /* 20.1 only; -1 not known */
    dataset_free(&ds);
}

static void test_not_available(void **state)
{
    (void)state;
    Dataset ds = {0};
    build(&ds); /* postcodes loaded, no directory, no --la */
    DfeFigure f;
    assert_int_equal(dfe_compute(&ds, "placed_over_20_miles", YEAR, &f), 0);
    assert_false(f.available);
    assert_non_null(strstr(f.reason, "ONS Postcode Directory"));
    assert_int_equal(dfe_compute(&ds, "placed_outside_la", YEAR, &f), 0);
    assert_false(f.available);
    assert_non_null(strstr(f.reason, "ONS Postcode Directory"));
    assert_non_null(strstr(f.reason, "own local authority code"));
    Err err;
    assert_int_equal(places_derive(&ds, NULL, OWN, NONE, NONE, &err), 0); /* --la alone */
    assert_int_equal(dfe_compute(&ds, "placed_outside_la", YEAR, &f), 0);
    assert_false(f.available);
    assert_non_null(strstr(f.reason, "ONS Postcode Directory"));
    assert_null(strstr(f.reason, "own local authority code"));
    dataset_free(&ds);

    derived(&ds, NULL); /* --postcodes alone: the distance, not the location */
    expect(&ds, "placed_over_20_miles", 3, 6);
    assert_int_equal(dfe_compute(&ds, "placed_outside_la", YEAR, &f), 0);
    assert_false(f.available);
    assert_non_null(strstr(f.reason, "own local authority code"));
    assert_null(strstr(f.reason, "ONS Postcode Directory"));
    dataset_free(&ds);
}

/* ---- In the scorecard: groups, trend, publish ------------------------------------------ */

static const ScoreEntry *entry(const Scorecard *sc, const char *id)
{
    const ScoreEntry *e = scorecard_entry(sc, id);
    assert_non_null(e);
    return e;
}

static void test_scorecard(void **state)
{
    (void)state;
    Dataset ds = {0};
    derived(&ds, OWN);
    IndicatorCatalogue *cat;
    Err err;
    assert_int_equal(indicators_load_default(&cat, &err), 0);
    ScorecardOptions opt = {.year = YEAR, .years = 1, .by = SCORECARD_BY_PLACEMENT};
    Scorecard sc;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    const ScoreEntry *far = entry(&sc, "placed_over_20_miles");
    assert_int_equal(far->state, SCORE_COMPUTED);
    const ScoreFigure *now = scorecard_now(&sc, far);
    assert_string_equal(now->value_text, "50"); /* 3 of 6 */
    assert_string_equal(now->num_text, "3");
    assert_string_equal(now->den_text, "6");
    assert_true(far->trend_available[0]);
    assert_string_equal(far->trend[0].value_text, "67"); /* 4 of 6 in 2024/25 */
    long num = 0, den = 0;                               /* the groups add up to the total */
    for (int g = 0; g < sc.n_groups; g++) num += far->groups[g].num, den += far->groups[g].den;
    assert_int_equal(num, 3);
    assert_int_equal(den, 6);
    assert_string_equal(scorecard_now(&sc, entry(&sc, "placed_outside_la"))->value_text, "70");
    scorecard_free(&sc);

    /* Published: 3 of 6 (3 is from 1 to 5) is withheld, and so is 7 of 10
     * (3 not outside). */
    opt.publish = true;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    now = scorecard_now(&sc, entry(&sc, "placed_over_20_miles"));
    assert_string_equal(now->num_text, "c");
    assert_string_equal(now->value_text, "c");
    assert_string_equal(scorecard_now(&sc, entry(&sc, "placed_outside_la"))->value_text, "c");
    scorecard_free(&sc);
    indicators_free(cat);
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_onspd_distance), cmocka_unit_test(test_onspd_text_sizes),
        cmocka_unit_test(test_places_derive),  cmocka_unit_test(test_check_la),
        cmocka_unit_test(test_indicators),     cmocka_unit_test(test_boundary_hand_set),
        cmocka_unit_test(test_not_available),  cmocka_unit_test(test_scorecard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
