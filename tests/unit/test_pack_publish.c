/* The quarterly pack published as one publication (issue 11 item 6, issue
 * 17): `pack --publish` shows the scorecard and the profile exactly as
 * svc_publish protects them together for the same date, its scorecard is
 * that of `scorecard --publish` alone, and small counts stay withheld. One
 * synthetic council (carepledge synth, imported as the CLI does). */
#include "service/svc_pack.h"
#include "service/svc_publish.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_council.h"

enum { THRESHOLD = 5 };

static char work[] = "/tmp/carepledge-packpub-XXXXXX";
static char db[600];

static AppContext *context(void)
{
    static AppContext *ctx;
    Err err;
    if (!ctx && context_load(NULL, &ctx, &err) < 0) fail_msg("%s", err.msg);
    return ctx;
}

/* A council of 240 children, 2021/22 to 2025/26, in a database. */
static int make_council(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(work));
    char dir[512];
    snprintf(dir, sizeof dir, "%s/council", work);
    snprintf(db, sizeof db, "%s/council.db", work);
    SynthOptions so = {
        .out_dir = dir, .n_children = 240, .seed = 2031, .from_year = 2022, .to_year = 2026};
    council_synth_import(&so, db);
    return 0;
}

static int remove_council(void **state)
{
    (void)state;
    return council_remove_folder(work);
}

static void pack_published(Date at, PackResult *pack)
{
    PackRequest req = {.at = at, .publish = true, .threshold = THRESHOLD, .threads = 1};
    ServiceData data = {.db_path = db};
    Actor actor;
    Err err;
    if (svc_pack_run(context(), &data, &req, actor_named(&actor, "pack test"), pack, &err) < 0)
        fail_msg("pack: %s", err.msg);
}

/* The publication of year with the pack's trend and the profile on at. */
static void publication(int year, Date at, PublishResult *pub)
{
    PublishRequest req = {.year = year,
                          .years = PACK_TREND_YEARS,
                          .threshold = THRESHOLD,
                          .rules = LEAVER_RULES_CURRENT,
                          .threads = 1,
                          .profile_at = at};
    ServiceData data = {.db_path = db};
    Actor actor;
    Err err;
    if (svc_publish_run(context(), &data, &req, actor_named(&actor, "pack test"), pub, &err) < 0)
        fail_msg("publication: %s", err.msg);
}

static void same_figure(const ScoreFigure *a, const ScoreFigure *b, const char *id, int y)
{
    if (a->suppressed != b->suppressed || strcmp(a->value_text, b->value_text) != 0 ||
        strcmp(a->num_text, b->num_text) != 0 || strcmp(a->den_text, b->den_text) != 0)
        fail_msg("%s, year %d of the trend: %s (%s of %s) in the pack, %s (%s of %s) published", id,
                 y, a->value_text, a->num_text, a->den_text, b->value_text, b->num_text,
                 b->den_text);
}

/* Every figure of every year of the trend, as printed. */
static void same_scorecard(const Scorecard *pack, const Scorecard *other)
{
    assert_int_equal(pack->n_entries, other->n_entries);
    assert_int_equal(pack->n_years, other->n_years);
    assert_true(pack->opt.publish);
    for (int i = 0; i < pack->n_entries; i++)
        for (int y = 0; y < pack->n_years; y++)
            same_figure(&pack->entries[i].trend[y], &other->entries[i].trend[y],
                        pack->entries[i].ind->id, y);
}

/* Returns how many rows from 1 to THRESHOLD the pack withholds; fails on one
 * it shows, or on any row that differs from the publication's. */
static int same_profile(const ProfileResult *pack, const ProfileResult *pub)
{
    int small = 0;
    for (int r = 0; r < PROFILE_N_ROWS; r++) {
        const ProfileRow *row = &pack->rows[r];
        assert_int_equal(row->count, pub->rows[r].count);
        if (pack->withheld[r] != pub->withheld[r])
            fail_msg("%s, %s: withheld %d in the pack, %d in the publication", row->table, row->row,
                     pack->withheld[r], pub->withheld[r]);
        bool is_small = row->count >= 1 && row->count <= THRESHOLD;
        if (is_small && !pack->withheld[r])
            fail_msg("%s, %s: %ld is published", row->table, row->row, row->count);
        small += is_small;
    }
    return small;
}

/* The participation section, a layer of the same publication: the figures
 * `governance participation --publish` gives for its tally. */
static void same_participation(const PackResult *pack)
{
    assert_true(pack->has_governance);
    GovPartPublished alone;
    Err err;
    if (governance_participation_publish(&pack->participation.tally, THRESHOLD, &alone, &err) < 0)
        fail_msg("participation: %s", err.msg);
    assert_memory_equal(&alone, &pack->participation.published, sizeof alone);
    long children = 0;
    for (int r = 0; r < GOV_RULE_COUNT; r++) children += pack->participation.tally.den[r];
    assert_true(children > 0); /* the rules applied to someone */
}

/* 2026Q1 ends on 31 March 2026: the scorecard of 2025/26 and the profile on
 * its last day, whose totals are the scorecard's denominators. */
static void test_pack_is_the_publication_of_31_march(void **state)
{
    (void)state;
    Date at = date_from_ymd(2026, 3, 31);
    PackResult pack;
    PublishResult pub;
    pack_published(at, &pack);
    publication(2026, 0, &pub); /* 0: the year's 31 March, as the CLI leaves it */
    assert_int_equal(pack.score_year, 2026);
    same_scorecard(&pack.scorecard.card, &pub.scorecard.card);
    assert_true(same_profile(&pack.profile, &pub.profile) > 0); /* small counts were there */
    same_participation(&pack);

    /* The scorecard is `scorecard --publish` alone, not changed by the profile. */
    ScorecardRequest alone = {.year = 2026,
                              .years = PACK_TREND_YEARS,
                              .publish = true,
                              .threshold = THRESHOLD,
                              .threads = 1};
    ServiceData data = {.db_path = db};
    ScorecardResult card;
    Actor actor;
    Err err;
    if (svc_scorecard_run(context(), &data, &alone, actor_named(&actor, "pack test"), &card, &err) <
        0)
        fail_msg("scorecard: %s", err.msg);
    same_scorecard(&pack.scorecard.card, &card.card);
    svc_scorecard_free(&card);
    svc_publish_free(&pub);
    svc_pack_free(&pack);
}

/* 2025Q4 ends on 31 December 2025: the scorecard of 2024/25, the last whole
 * year, and the profile on the quarter's last day, not on 31 March. */
static void test_pack_of_a_quarter_end(void **state)
{
    (void)state;
    Date at = date_from_ymd(2025, 12, 31);
    PackResult pack;
    PublishResult pub;
    pack_published(at, &pack);
    publication(2025, at, &pub);
    assert_int_equal(pack.score_year, 2025);
    same_scorecard(&pack.scorecard.card, &pub.scorecard.card);
    same_profile(&pack.profile, &pub.profile);
    same_participation(&pack);

    /* The profile is that of the quarter's end: its counts are the profile's there. */
    ProfileRequest pr = {.at = at, .rules = LEAVER_RULES_CURRENT};
    ServiceData data = {.db_path = db};
    ProfileResult plain;
    Actor actor;
    Err err;
    if (svc_profile_run(context(), &data, &pr, actor_named(&actor, "pack test"), &plain, &err) < 0)
        fail_msg("profile: %s", err.msg);
    for (int r = 0; r < PROFILE_N_ROWS; r++)
        assert_int_equal(pack.profile.rows[r].count, plain.rows[r].count);
    svc_publish_free(&pub);
    svc_pack_free(&pack);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pack_is_the_publication_of_31_march),
        cmocka_unit_test(test_pack_of_a_quarter_end),
    };
    return cmocka_run_group_tests(tests, make_council, remove_council);
}
