/* The attack test of issue 17: published scorecards of small synthetic
 * councils, attacked the way an outsider would attack them.
 *
 * Twenty councils of 60 to 300 children (carepledge synth, imported as the
 * import command does). For each, `scorecard --publish` with one --by grouping
 * (each grouping on four councils) at threshold 5 or 10, and two consecutive
 * years' outputs (each with last year's trend column) read together. The
 * reader here is written apart from service/scorecard_publish.c: it takes only
 * what each output prints ("c" or a number) and the relations anyone can know
 * from the definitions (a figure's numerator and the rest make its
 * denominator, groups add up to the total, the age parts to the whole, a gap's
 * sides and the children on neither side to the base indicator) and, as the
 * strongest outsider, which totals of one year count the same children. Every
 * withheld count's exact range over all of that (the integer program of
 * domain/disclosure_system, itself checked against a separate attacker in
 * test_disclosure_system) must be more than one value and not narrowed inside
 * 1..threshold. */
#include "domain/disclosure_system.h"
#include "service/scorecard.h"
#include "service/svc_publish.h"
#include "service/svc_pack.h"
#include "service/svc_scorecard.h"
#include "service/svc_survey.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_council.h"

enum { N_COUNCILS = 20, KEY_YEARS = 16 };
/* A survey question's counts: cells, totals by version, by answer. */
enum { SURVEY_SLOTS = SURVEY_N_VERSIONS * SURVEY_N_ANSWERS + SURVEY_N_VERSIONS + SURVEY_N_ANSWERS };

typedef struct Reader {
    DiscSystem sys;
    int threshold;
    /* [entry][year - base_year]: the counts of each figure, -1 when not seen */
    int (*num)[KEY_YEARS], (*den)[KEY_YEARS];
    int (*survey)[KEY_YEARS][SURVEY_SLOTS]; /* a survey question's counts of a year */
    int base_year, n_entries;
    int checked;             /* withheld counts attacked */
    bool from_zero[1 << 16]; /* withheld counts a reader knows only to be >= 0 */
} Reader;

static void reader_init(Reader *r, int n_entries, int base_year, int threshold)
{
    memset(r, 0, sizeof *r);
    disc_sys_init(&r->sys);
    r->threshold = threshold;
    r->base_year = base_year;
    r->n_entries = n_entries;
    r->num = calloc((size_t)n_entries, sizeof *r->num);
    r->den = calloc((size_t)n_entries, sizeof *r->den);
    r->survey = malloc((size_t)n_entries * sizeof *r->survey);
    for (int i = 0; i < n_entries; i++)
        for (int y = 0; y < KEY_YEARS; y++) {
            r->num[i][y] = r->den[i][y] = -1;
            for (int k = 0; k < SURVEY_SLOTS; k++) r->survey[i][y][k] = -1;
        }
}

static void reader_free(Reader *r)
{
    disc_sys_free(&r->sys);
    free(r->num);
    free(r->den);
    free(r->survey);
}

/* A count as printed: known unless "c". Seen again in another output, it is
 * known when either output shows it. */
static int seen(Reader *r, int *slot, long value, const char *text)
{
    bool c = strcmp(text, "c") == 0 && value != 0; /* zeros are published: known */
    if (*slot < 0) {
        *slot = disc_sys_var(&r->sys, value, false);
        r->sys.state[*slot] = c ? DISC_SECONDARY : DISC_SHOWN;
    } else if (!c) {
        r->sys.state[*slot] = DISC_SHOWN;
    }
    return *slot;
}

static void relate(Reader *r, int n, const int *parts, int total)
{
    Err err;
    if (disc_sys_sum(&r->sys, n, parts, total, &err) < 0) fail_msg("%s", err.msg);
}

static bool percent(const ScoreEntry *e)
{
    return e->dfe->unit == DFE_PERCENT;
}

/* A figure's counts; for a percentage, the rest of the denominator too. */
static void read_figure(Reader *r, const ScoreEntry *e, const ScoreFigure *f, int *num, int *den)
{
    seen(r, den, f->den, f->den_text);
    if (!percent(e) || f->num > f->den) return;
    seen(r, num, f->num, f->num_text);
    bool rest_c = r->sys.state[*num] != DISC_SHOWN || r->sys.state[*den] != DISC_SHOWN;
    int rest = -1;
    seen(r, &rest, f->den - f->num, rest_c ? "c" : "shown");
    int parts[2] = {*num, rest};
    relate(r, 2, parts, *den);
}

static bool is_gap(const ScoreEntry *e)
{
    return e->sides[0] != NULL;
}

/* Whether every count of entry e's breakdown is printed as c: then zeros may
 * be among them (docs/disclosure.md), and each is only known to be >= 0. */
static bool withheld_whole(const Scorecard *sc, const ScoreEntry *e)
{
    for (int g = 0; g < sc->n_groups; g++)
        if (strcmp(e->groups[g].num_text, "c") != 0 || strcmp(e->groups[g].den_text, "c") != 0)
            return false;
    return true;
}

/* The counts of a breakdown withheld as a whole: at least 0, attacked all the
 * same. */
static void from_zero(Reader *r, int first)
{
    assert_true(r->sys.n_vars <= (int)sizeof r->from_zero);
    for (int v = first; v < r->sys.n_vars; v++) {
        r->sys.state[v] = DISC_HIDDEN;
        r->from_zero[v] = true;
    }
}

static void read_groups(Reader *r, const Scorecard *sc, int i, int year, int *dens)
{
    const ScoreEntry *e = &sc->entries[i];
    int nums[SCORECARD_MAX_GROUPS];
    bool with_num = percent(e);
    int first = r->sys.n_vars;
    for (int g = 0; g < sc->n_groups; g++) {
        nums[g] = dens[g] = -1;
        read_figure(r, e, &e->groups[g], &nums[g], &dens[g]);
        with_num = with_num && nums[g] >= 0;
    }
    if (withheld_whole(sc, e)) from_zero(r, first);
    int y = year - r->base_year;
    relate(r, sc->n_groups, dens, r->den[i][y]);
    if (with_num && r->num[i][y] >= 0) relate(r, sc->n_groups, nums, r->num[i][y]);
}

/* Two indicators with the same denominator in every group count the same
 * children: their groups' denominators are one count each. */
static void same_cohort_groups(Reader *r, const Scorecard *sc, int (*dens)[SCORECARD_MAX_GROUPS],
                               const bool *grouped)
{
    for (int i = 0; i < sc->n_entries; i++)
        for (int t = 0; t < i && grouped[i]; t++) {
            bool same = grouped[t];
            for (int g = 0; g < sc->n_groups && same; g++)
                same = sc->entries[t].groups[g].den == sc->entries[i].groups[g].den;
            for (int g = 0; g < sc->n_groups && same; g++) {
                if (sc->entries[i].groups[g].den == 0) continue;
                int pair[2] = {dens[i][g], dens[t][g]}, coef[2] = {1, -1};
                Err err;
                assert_int_equal(disc_sys_eq(&r->sys, 2, pair, coef, &err), 0);
            }
        }
}

static void read_gap(Reader *r, const Scorecard *sc, int i, int k, int year)
{
    const ScoreEntry *e = &sc->entries[i];
    const ScoreEntry *b = scorecard_entry(sc, e->base);
    int bi = (int)(b - sc->entries), y = year - r->base_year;
    if (!b->trend_available[k] || r->num[bi][y] < 0) return;
    int num[3] = {-1, -1, -1}, den[3] = {-1, -1, -1};
    long rest_num = b->trend[k].num, rest_den = b->trend[k].den;
    for (int s = 0; s < 2; s++) {
        const ScoreFigure *f = &e->side_figures[k][s];
        read_figure(r, b, f, &num[s], &den[s]);
        rest_num -= f->num;
        rest_den -= f->den;
    }
    num[2] = disc_sys_var(&r->sys, rest_num, true);
    den[2] = disc_sys_var(&r->sys, rest_den, true);
    relate(r, 3, num, r->num[bi][y]);
    relate(r, 3, den, r->den[bi][y]);
}

static const char *const families[][3] = {
    {"care_leavers_in_touch", "care_leavers_in_touch_17_18", "care_leavers_in_touch_19_21"},
    {"care_leavers_eet", "care_leavers_eet_17_18", "care_leavers_eet_19_21"},
    {"care_leavers_suitable_accommodation", "care_leavers_suitable_accommodation_17_18",
     "care_leavers_suitable_accommodation_19_21"},
};

static void read_families(Reader *r, const Scorecard *sc, int k, int year)
{
    int y = year - r->base_year;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
        int idx[3];
        bool ok = true;
        for (int m = 0; m < 3; m++) {
            const ScoreEntry *e = scorecard_entry(sc, families[f][m]);
            idx[m] = e ? (int)(e - sc->entries) : -1;
            ok = ok && e && e->dfe && e->trend_available[k] && r->num[idx[m]][y] >= 0;
        }
        if (!ok) continue;
        const ScoreFigure *t = &sc->entries[idx[0]].trend[k];
        const ScoreFigure *a = &sc->entries[idx[1]].trend[k], *b = &sc->entries[idx[2]].trend[k];
        if (a->num + b->num != t->num || a->den + b->den != t->den) continue;
        int nums[2] = {r->num[idx[1]][y], r->num[idx[2]][y]};
        int dens[2] = {r->den[idx[1]][y], r->den[idx[2]][y]};
        relate(r, 2, nums, r->num[idx[0]][y]);
        relate(r, 2, dens, r->den[idx[0]][y]);
    }
}

/* Everything one output prints, added to what the reader already knows. */
static void read_output(Reader *r, const Scorecard *sc)
{
    int first = sc->opt.year - sc->opt.years;
    for (int k = 0; k < sc->n_years; k++) {
        int y = first + k - r->base_year;
        for (int i = 0; i < sc->n_entries; i++) {
            const ScoreEntry *e = &sc->entries[i];
            if (!e->dfe || is_gap(e) || !e->trend_available[k]) continue;
            read_figure(r, e, &e->trend[k], &r->num[i][y], &r->den[i][y]);
        }
        read_families(r, sc, k, first + k);
        for (int i = 0; i < sc->n_entries; i++) {
            const ScoreEntry *e = &sc->entries[i];
            if (e->dfe && is_gap(e) && e->trend_available[k]) read_gap(r, sc, i, k, first + k);
        }
    }
    int now = sc->n_years - 1;
    if (!sc->n_groups) return;
    int(*dens)[SCORECARD_MAX_GROUPS] = calloc((size_t)sc->n_entries, sizeof *dens);
    bool *grouped = calloc((size_t)sc->n_entries, sizeof *grouped);
    for (int i = 0; i < sc->n_entries; i++) {
        const ScoreEntry *e = &sc->entries[i];
        long den = 0;
        for (int g = 0; g < sc->n_groups; g++) den += e->groups[g].den;
        grouped[i] = e->dfe && !is_gap(e) && e->trend_available[now] &&
                     e->ind->kind != INDICATOR_SURVEY && den == e->trend[now].den;
        if (grouped[i]) read_groups(r, sc, i, sc->opt.year, dens[i]);
    }
    same_cohort_groups(r, sc, dens, grouped);
    free(dens);
    free(grouped);
}

/* The strongest outsider knows which totals of one year count the same
 * children: every two of equal value. A survey's counts are of anonymous
 * answers, not of children of the records (docs/disclosure.md): never. */
static void same_children(Reader *r, const Scorecard *sc)
{
    int n_entries = sc->n_entries;
    for (int y = 0; y < KEY_YEARS; y++) {
        for (int i = 0; i < n_entries; i++)
            for (int which = 0; which < 2 && sc->entries[i].ind->kind != INDICATOR_SURVEY;
                 which++) {
                int a = which ? r->den[i][y] : r->num[i][y];
                if (a < 0 || r->sys.value[a] <= 0) continue;
                for (int j = i + 1; j < n_entries; j++)
                    for (int w2 = 0; w2 < 2 && sc->entries[j].ind->kind != INDICATOR_SURVEY; w2++) {
                        int b = w2 ? r->den[j][y] : r->num[j][y];
                        if (b < 0 || r->sys.value[b] != r->sys.value[a]) continue;
                        int pair[2] = {a, b}, coef[2] = {1, -1};
                        Err err;
                        assert_int_equal(disc_sys_eq(&r->sys, 2, pair, coef, &err), 0);
                    }
            }
    }
}

/* Attacks every withheld count; fails on one recovered unless recovered is
 * given, which then counts them. */
static void attack_counting(Reader *r, const char *what, long *recovered)
{
    for (int v = 0; v < r->sys.n_vars; v++) {
        bool asked = r->sys.state[v] == DISC_SECONDARY || (r->from_zero[v] && r->sys.value[v] != 0);
        if (!asked) continue;
        r->checked++;
        if (!disc_sys_var_exposed(&r->sys, v, r->threshold)) continue;
        if (recovered) {
            ++*recovered;
            continue;
        }
        long lo, hi;
        disc_sys_range(&r->sys, v, &lo, &hi);
        fail_msg("%s: a withheld count of %ld is recovered as %ld..%ld", what, r->sys.value[v], lo,
                 hi);
    }
}

static char work[] = "/tmp/carepledge-attack-XXXXXX";
static bool work_made;

/* Council i: a synthetic history imported into a database; returns its path. */
static void make_council(int i, char *db, size_t n)
{
    char dir[512], survey[600];
    snprintf(dir, sizeof dir, "%s/council%d", work, i);
    snprintf(survey, sizeof survey, "%s/council%d-survey.csv", work, i);
    snprintf(db, n, "%s/council%d.db", work, i);
    SynthOptions so = {.out_dir = dir,
                       .n_children = 60 + (i * 97) % 241,
                       .seed = 1700 + (uint64_t)i,
                       .from_year = 2022,
                       .to_year = 2026,
                       .survey_path = survey};
    council_synth_import(&so, db);
    Err err;
    Actor actor;
    if (svc_survey_import(db, survey, actor_named(&actor, "attack test"), &err) < 0)
        fail_msg("survey: %s", err.msg);
}

/* The scorecard as `scorecard --publish` computes it: through its service,
 * with the shipped reference data. */
static AppContext *context(void)
{
    static AppContext *ctx;
    Err err;
    if (!ctx && context_load(NULL, &ctx, &err) < 0) fail_msg("%s", err.msg);
    return ctx;
}

static void published(const char *db, int year, int years, ScorecardBy by, int threshold,
                      ScorecardResult *res)
{
    ScorecardRequest req = {
        .year = year, .years = years, .by = by, .publish = true, .threshold = threshold};
    ServiceData data = {.db_path = db};
    Actor actor;
    Err err;
    if (svc_scorecard_run(context(), &data, &req, actor_named(&actor, "attack test"), res, &err) <
        0)
        fail_msg("%s", err.msg);
}

/* The profile as a reader knows it (docs/profile.md): rows in the strategy's
 * order; lists of rows that with an unpublished rest (at least 0) make a
 * total; the care-leaver rows partition theirs; table 4's total is the care
 * leavers and those 16-17 still in care. */
enum { P_FULL = 0, P_BREAKS = 1, P_LEAVERS = 2, P_STILL_IN_CARE = 25, P_ALL = -1 };
static const struct {
    int total, first, last;
    bool partition;
} profile_lists[] = {
    {P_FULL, 3, 6, false},     {P_FULL, 7, 10, false},  {P_FULL, 11, 15, false},
    {P_FULL, 16, 16, false},   {P_FULL, 17, 17, false}, {P_BREAKS, 18, 22, false},
    {P_BREAKS, 23, 23, false}, {P_ALL, 28, 28, false},  {P_ALL, 29, 29, false},
};

/* Everything the profile prints; the totals of tables 1 to 3 above the
 * threshold may be the same children as a scorecard denominator of the year
 * of equal value (not a survey's: its answers are no children of the
 * records). */
static void read_profile(Reader *r, const Scorecard *sc, const ProfileResult *p, int year)
{
    int row[PROFILE_N_ROWS];
    for (int k = 0; k < PROFILE_N_ROWS; k++) {
        row[k] = -1;
        seen(r, &row[k], p->rows[k].count, p->withheld[k] ? "c" : "shown");
    }
    int all =
        disc_sys_var(&r->sys, p->rows[P_LEAVERS].count + p->rows[P_STILL_IN_CARE].count, true);
    int pair[2] = {row[P_LEAVERS], row[P_STILL_IN_CARE]};
    relate(r, 2, pair, all);
    int parts[3] = {row[24], row[26], row[27]};
    relate(r, 3, parts, row[P_LEAVERS]);
    for (size_t l = 0; l < sizeof profile_lists / sizeof profile_lists[0]; l++) {
        int total = profile_lists[l].total >= 0 ? row[profile_lists[l].total] : all, n = 0;
        int list[8];
        long rest = r->sys.value[total];
        for (int k = profile_lists[l].first; k <= profile_lists[l].last; k++) {
            list[n++] = row[k];
            rest -= p->rows[k].count;
        }
        list[n++] = disc_sys_var(&r->sys, rest, true);
        relate(r, n, list, total);
    }
    int y = year - r->base_year;
    for (int k = P_FULL; k <= P_LEAVERS && year > 0; k++) { /* the same children as a denominator */
        long v = p->rows[k].count;
        int twin = -1;
        for (int i = 0; i < r->n_entries && twin < 0 && v > r->threshold; i++)
            if (sc->entries[i].ind->kind != INDICATOR_SURVEY && r->den[i][y] >= 0 &&
                r->sys.value[r->den[i][y]] == v)
                twin = r->den[i][y];
        if (twin < 0) continue;
        int same[2] = {row[k], twin}, coef[2] = {1, -1};
        Err err;
        assert_int_equal(disc_sys_eq(&r->sys, 2, same, coef, &err), 0);
    }
}

/* One survey question's results as printed (survey results, the pack): the
 * table with its totals, Always or Mostly and those who answered, which are
 * the scorecard figure's numerator and denominator of the round's year (one
 * round a year: the same answers). */
static void read_survey_item(Reader *r, int i, int year, const SurveyResult *res)
{
    enum { V = SURVEY_N_VERSIONS, A = SURVEY_N_ANSWERS };
    int y = year - r->base_year, *slot = r->survey[i][y];
    for (int v = 0; v < V; v++)
        for (int a = 0; a < A; a++)
            seen(r, &slot[v * A + a], res->count[v][a], res->count_text[v][a]);
    for (int v = 0; v < V; v++)
        seen(r, &slot[V * A + v], res->by_version[v], res->by_version_text[v]);
    for (int a = 0; a < A; a++)
        seen(r, &slot[V * A + V + a], res->by_answer[a], res->by_answer_text[a]);
    int answered = seen(r, &r->den[i][y], res->answered, res->answered_text);
    int agree = seen(r, &r->num[i][y], res->agree, res->agree_text);
    int parts[V > A ? V : A];
    for (int v = 0; v < V; v++) {
        for (int a = 0; a < A; a++) parts[a] = slot[v * A + a];
        relate(r, A, parts, slot[V * A + v]);
    }
    for (int a = 0; a < A; a++) {
        for (int v = 0; v < V; v++) parts[v] = slot[v * A + a];
        relate(r, V, parts, slot[V * A + V + a]);
    }
    relate(r, V, slot + V * A, answered);
    relate(r, A, slot + V * A + V, answered);
    int good[2] = {slot[V * A + V + SURVEY_ALWAYS], slot[V * A + V + SURVEY_MOSTLY]};
    relate(r, 2, good, agree);
}

static void read_survey(Reader *r, const Scorecard *sc, const SurveyResults *s)
{
    for (int k = 0; k < s->n; k++) {
        const ScoreEntry *e = scorecard_entry(sc, s->items[k].indicator);
        if (e && s->items[k].result.answered > 0)
            read_survey_item(r, (int)(e - sc->entries), s->round.year, &s->items[k].result);
    }
}

/* The publication of a year (svc_publish): the scorecard with the year
 * before and the profile on 31 March, protected as one. */
static void publication(const char *db, int year, ScorecardBy by, int threshold, PublishResult *res)
{
    PublishRequest req = {.year = year, .years = 1, .by = by, .threshold = threshold};
    ServiceData data = {.db_path = db};
    Actor actor;
    Err err;
    if (svc_publish_run(context(), &data, &req, actor_named(&actor, "attack test"), res, &err) < 0)
        fail_msg("%s: the publication of %d, --by %s, threshold %d: %s", db, year,
                 scorecard_by_name(by), threshold, err.msg);
}

/* Outputs read together: scorecards, profiles (each with the year whose 31
 * March it is on, 0 for another date) and survey results. */
typedef struct Outputs {
    const Scorecard *cards[8];
    const ProfileResult *profiles[8];
    int profile_years[8];
    const SurveyResults *surveys[16];
    int n_cards, n_profiles, n_surveys;
} Outputs;

static void add_profile(Outputs *o, const ProfileResult *p, int year)
{
    o->profiles[o->n_profiles] = p;
    o->profile_years[o->n_profiles++] = year;
}

/* Reads every output together and attacks every withheld count: fails on
 * one recovered, unless recovered is given, which counts them. */
static long attack_together(const Outputs *o, int threshold, const char *what, long *recovered)
{
    Reader r;
    const Scorecard *sc = o->cards[0];
    reader_init(&r, sc->n_entries, 2020, threshold);
    for (int k = 0; k < o->n_cards; k++) read_output(&r, o->cards[k]);
    same_children(&r, sc);
    for (int k = 0; k < o->n_profiles; k++)
        read_profile(&r, sc, o->profiles[k], o->profile_years[k]);
    for (int k = 0; k < o->n_surveys; k++) read_survey(&r, sc, o->surveys[k]);
    attack_counting(&r, what, recovered);
    long checked = r.checked;
    reader_free(&r);
    return checked;
}

/* `survey results --publish` of every round. */
static void survey_rounds(const char *db, int threshold, SurveyResults *out, int *n)
{
    SurveyRoundInfo *rounds;
    Actor actor;
    Err err;
    actor_named(&actor, "attack test");
    if (svc_survey_rounds(db, &actor, &rounds, n, &err) < 0) fail_msg("%s", err.msg);
    assert_in_range(*n, 1, 8);
    for (int k = 0; k < *n; k++) {
        SurveyResultsRequest req = {
            .round = rounds[k].name, .publish = true, .threshold = threshold};
        if (svc_survey_results(context(), db, &req, &actor, &out[k], &err) < 0)
            fail_msg("%s", err.msg);
    }
    free(rounds);
}

/* `pack --publish` on at. */
static void pack(const char *db, Date at, int threshold, PackResult *out)
{
    PackRequest req = {.at = at, .publish = true, .threshold = threshold};
    ServiceData data = {.db_path = db};
    Actor actor;
    Err err;
    if (svc_pack_run(context(), &data, &req, actor_named(&actor, "attack test"), out, &err) < 0)
        fail_msg("pack: %s", err.msg);
}

/* `profile --publish` on 31 March 2026 prints the profile of the
 * publication of 2025/26, whatever --by that publication's scorecard has. */
static void same_profile(const char *db, int threshold, const ProfileResult *of_publication)
{
    ProfileRequest req = {
        .at = date_collection_year_end(2026), .publish = true, .threshold = threshold};
    ServiceData data = {.db_path = db};
    Actor actor;
    Err err;
    ProfileResult alone;
    if (svc_profile_run(context(), &data, &req, actor_named(&actor, "attack test"), &alone, &err) <
        0)
        fail_msg("%s", err.msg);
    for (int k = 0; k < PROFILE_N_ROWS; k++)
        assert_int_equal(alone.withheld[k], of_publication->withheld[k]);
}

/* For each council, with its --by grouping and threshold, everything read
 * together: the publications (scorecard and profile) of 2024/25 and 2025/26,
 * the scorecards of both years without --by (`scorecard --publish`), the
 * survey results of every round, and the packs of two consecutive quarters
 * (2025Q4 and 2026Q1, scorecards, profiles and survey sections): one output,
 * a breakdown against next year's trend column, a profile and a scorecard of
 * one date, two consecutive years and two consecutive quarters, with and
 * without --by, at once (a reader with more recovers at least as much as with
 * less). The profile protected on its own beside the same scorecard is
 * attacked too, to show what the publication prevents. */
static void test_councils_resist_attack(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(work));
    work_made = true;
    long checked = 0, apart = 0, apart_checked = 0;
    for (int i = 0; i < N_COUNCILS; i++) {
        char db[600];
        make_council(i, db, sizeof db);
        ScorecardBy by = (ScorecardBy)(i % 5);
        int threshold = i % 2 ? 10 : 5;
        PublishResult pub[2];
        ScorecardResult plain[2];
        for (int k = 0; k < 2; k++) {
            publication(db, 2025 + k, by, threshold, &pub[k]);
            published(db, 2025 + k, 1, SCORECARD_BY_NONE, threshold, &plain[k]);
        }
        same_profile(db, threshold, &pub[1].profile);
        SurveyResults rounds[8];
        int n_rounds;
        survey_rounds(db, threshold, rounds, &n_rounds);
        PackResult packs[2];
        pack(db, date_from_ymd(2025, 12, 31), threshold, &packs[0]);
        pack(db, date_from_ymd(2026, 3, 31), threshold, &packs[1]);
        Outputs all = {.cards = {&pub[0].scorecard.card, &pub[1].scorecard.card, &plain[0].card,
                                 &plain[1].card, &packs[0].scorecard.card,
                                 &packs[1].scorecard.card},
                       .n_cards = 6};
        add_profile(&all, &pub[0].profile, 2025);
        add_profile(&all, &pub[1].profile, 2026);
        add_profile(&all, &packs[0].profile, 0);
        add_profile(&all, &packs[1].profile, 2026);
        for (int k = 0; k < n_rounds; k++) all.surveys[all.n_surveys++] = &rounds[k];
        for (int k = 0; k < 2; k++)
            if (packs[k].has_survey) all.surveys[all.n_surveys++] = &packs[k].survey;
        char what[200];
        snprintf(what, sizeof what,
                 "council %d, --by %s, threshold %d: publications, scorecards, surveys, packs", i,
                 scorecard_by_name(by), threshold);
        checked += attack_together(&all, threshold, what, NULL);
        /* The profile protected on its own beside the same scorecard (on
         * every other council: it only shows what the publication prevents). */
        ProfileResult alone = pub[1].profile;
        Err err;
        assert_int_equal(profile_publish(alone.rows, threshold, alone.withheld, &err), 0);
        Outputs pair = {.cards = {&pub[1].scorecard.card}, .n_cards = 1};
        add_profile(&pair, &alone, 2026);
        if (i % 2 == 0) apart_checked += attack_together(&pair, threshold, "apart", &apart);
        for (int k = 0; k < 2; k++) {
            svc_publish_free(&pub[k]);
            svc_scorecard_free(&plain[k]);
            svc_pack_free(&packs[k]);
        }
        for (int k = 0; k < n_rounds; k++) svc_survey_results_free(&rounds[k]);
    }
    print_message("%ld withheld counts attacked, none recovered; the profile and the scorecard "
                  "published apart: %ld of %ld recovered\n",
                  checked, apart, apart_checked);
    assert_true(checked > 1000); /* the outputs did withhold counts to attack */
    assert_true(apart > 0);      /* published apart, the two outputs do leak */
}

/* The councils' folder goes whether the test passed or failed. */
static int remove_work(void **state)
{
    (void)state;
    return work_made ? council_remove_folder(work) : 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_councils_resist_attack),
    };
    return cmocka_run_group_tests(tests, NULL, remove_work);
}
