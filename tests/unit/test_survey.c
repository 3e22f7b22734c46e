/* Unit tests of the young people's Pledge survey: a code works once and a
 * used code is refused exactly as an unknown one; nothing stored links an
 * answer to a code, a time or another answer; small results are withheld as
 * published figures are; and the scorecard's survey indicators come from the
 * answers with the number who answered. */
#include "base/mem.h"
#include "domain/indicators.h"
#include "domain/survey.h"
#include "service/scorecard.h"
#include "service/svc_survey.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

typedef struct Fixture {
    char dir[64], db[96];
    Actor worker;
    char (*codes)[SURVEY_CODE_TEXT];
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/cp_survey_XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    snprintf(f->db, sizeof f->db, "%s/db", f->dir);
    actor_named(&f->worker, "participation worker");
    Err err;
    SurveyRoundRequest round = {"Spring", 2026, DATE_NONE};
    if (svc_survey_round_add(f->db, &round, &f->worker, &err) < 0) return -1;
    if (svc_survey_codes(f->db, "Spring", 4, &f->worker, &f->codes, &err) < 0) return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    free(f->codes);
    free(f);
    return system(cmd) == 0 ? 0 : -1;
}

static int take(Fixture *f, const char *code, const char *question, SurveyAnswer a, Err *err)
{
    SurveyGiven given = {question, a};
    SurveyTakeRequest req = {code, SURVEY_AGE_11_18, &given, 1};
    return svc_survey_take(f->db, &req, err);
}

static void test_a_code_works_once(void **state)
{
    Fixture *f = *state;
    Err used = {0}, unknown = {0}, first = {0};
    assert_int_equal(take(f, f->codes[0], "survey_know_me", SURVEY_ALWAYS, &first), 0);
    assert_int_equal(take(f, f->codes[0], "survey_know_me", SURVEY_NEVER, &used), ERR_FORBIDDEN);
    /* A code that was never issued, and one that is not even a code: the same refusal. */
    assert_int_equal(take(f, "ABCD-EFGH-JKMN", "survey_know_me", SURVEY_NEVER, &unknown),
                     ERR_FORBIDDEN);
    assert_string_equal(used.msg, unknown.msg);
    assert_string_equal(used.msg, svc_survey_refusal);
    Err junk = {0};
    assert_int_equal(svc_survey_check_code(f->db, "not a code", &junk), ERR_FORBIDDEN);
    assert_string_equal(junk.msg, used.msg);
    /* Typed in lower case with spaces: the same code. */
    char typed[32];
    snprintf(typed, sizeof typed, "%.4s %.4s %.4s", f->codes[1], f->codes[1] + 5, f->codes[1] + 10);
    for (char *p = typed; *p; p++) *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    assert_int_equal(svc_survey_check_code(f->db, typed, &junk), 0);
    /* Only the one answer was counted. */
    SurveyTallies t;
    assert_int_equal(svc_survey_tallies(f->db, &t, &junk), 0);
    const SurveyTally *know = survey_tallies_find(&t, "survey_know_me", 2026);
    assert_non_null(know);
    assert_int_equal(know->count[SURVEY_AGE_11_18][SURVEY_ALWAYS], 1);
    assert_int_equal(know->count[SURVEY_AGE_11_18][SURVEY_NEVER], 0);
    survey_tallies_free(&t);
}

static void test_bad_answers_use_no_code(void **state)
{
    Fixture *f = *state;
    Err err = {0};
    /* Asked of care leavers only, so not a question of the 11 to 18 version. */
    assert_int_equal(take(f, f->codes[2], "survey_prepared_for_leaving_care", SURVEY_ALWAYS, &err),
                     ERR_USAGE);
    assert_string_equal(err.param, "answers");
    SurveyGiven twice[2] = {{"survey_know_me", SURVEY_ALWAYS}, {"survey_know_me", SURVEY_NEVER}};
    SurveyTakeRequest req = {f->codes[2], SURVEY_AGE_11_18, twice, 2};
    assert_int_equal(svc_survey_take(f->db, &req, &err), ERR_USAGE);
    /* The code is still good after refused answers. */
    assert_int_equal(svc_survey_check_code(f->db, f->codes[2], &err), 0);
}

static void test_a_closed_round_refuses_its_codes_alike(void **state)
{
    Fixture *f = *state;
    Err err = {0};
    assert_int_equal(svc_survey_round_close(f->db, "Spring", &f->worker, &err), 0);
    assert_int_equal(take(f, f->codes[3], "survey_know_me", SURVEY_ALWAYS, &err), ERR_FORBIDDEN);
    assert_string_equal(err.msg, svc_survey_refusal);
}

/* The length of the CREATE statement at sql, up to the next one. */
static int statement_length(const char *sql)
{
    const char *next = strstr(sql + 1, "CREATE ");
    return next ? (int)(next - sql) : (int)strlen(sql);
}

/* No column of the answers names a code, a child or a time, the codes keep no
 * code, no time and no order of issue (no rowid), and the answers are counts:
 * sqlite3's own schema says so. */
static void test_nothing_links_an_answer(void **state)
{
    Fixture *f = *state;
    char cmd[512], path[128];
    snprintf(path, sizeof path, "%s/schema.txt", f->dir);
    snprintf(cmd, sizeof cmd,
             "sqlite3 %s \"SELECT name, sql FROM sqlite_schema WHERE name LIKE 'survey_%%'\" > %s",
             f->db, path);
    if (system(cmd) != 0) skip();
    FILE *in = fopen(path, "r");
    assert_non_null(in);
    char line[4096], all[16384] = "";
    while (fgets(line, sizeof line, in)) strncat(all, line, sizeof all - strlen(all) - 1);
    fclose(in);
    const char *answers = strstr(all, "CREATE TABLE survey_answers");
    const char *codes = strstr(all, "CREATE TABLE survey_codes");
    assert_non_null(answers);
    assert_non_null(codes);
    char answers_sql[2048], codes_sql[2048];
    snprintf(answers_sql, sizeof answers_sql, "%.*s", statement_length(answers), answers);
    snprintf(codes_sql, sizeof codes_sql, "%.*s", statement_length(codes), codes);
    const char *forbidden[] = {"code", "child", " time", "timestamp",
                               "_at ", "hash",  "date",  "user"};
    for (size_t i = 0; i < sizeof forbidden / sizeof *forbidden; i++)
        if (strstr(answers_sql, forbidden[i])) fail_msg("survey_answers has '%s'", forbidden[i]);
    assert_non_null(strstr(answers_sql, "count INTEGER"));
    assert_non_null(strstr(answers_sql, "WITHOUT ROWID"));
    assert_non_null(strstr(codes_sql, "WITHOUT ROWID"));
    assert_null(strstr(codes_sql, "child"));
    assert_null(strstr(codes_sql, "_at"));
    assert_null(strstr(codes_sql, "code TEXT"));
    /* And no code as printed is anywhere in the file. */
    for (int i = 0; i < 4; i++) {
        char raw[SURVEY_CODE_CHARS + 1];
        assert_int_equal(survey_code_normalise(f->codes[i], raw), 0);
        snprintf(cmd, sizeof cmd, "grep -q -a -e '%s' -e '%s' %s", raw, f->codes[i], f->db);
        assert_int_not_equal(system(cmd), 0);
    }
}

/* ---- Results and suppression ---------------------------------------------- */

static SurveyTally tally_of(const long counts[SURVEY_N_VERSIONS][SURVEY_N_ANSWERS])
{
    SurveyTally t = {.question = "survey_know_me", .year = 2026};
    memcpy(t.count, counts, sizeof t.count);
    return t;
}

static void test_results_unpublished_and_published(void **state)
{
    (void)state;
    const long counts[SURVEY_N_VERSIONS][SURVEY_N_ANSWERS] = {
        {10, 8, 7, 6}, {12, 9, 8, 7}, {20, 15, 3, 9}, {11, 10, 8, 7}};
    SurveyTally t = tally_of(counts);
    SurveyResult r;
    Err err;
    assert_int_equal(survey_result_build(&t, false, 5, &r, &err), 0);
    assert_int_equal(r.answered, 150);
    assert_int_equal(r.agree, 10 + 8 + 12 + 9 + 20 + 15 + 11 + 10);
    assert_string_equal(r.count_text[SURVEY_AGE_11_18][SURVEY_SOMETIMES], "3");
    assert_string_equal(r.percent_text, "63"); /* 95 of 150: 63.3 */
    assert_int_equal(survey_result_build(&t, true, 5, &r, &err), 0);
    /* The 3 is withheld, and so is enough else that it cannot be worked out
     * from its row and column; the share agreeing is whole. */
    assert_string_equal(r.count_text[SURVEY_AGE_11_18][SURVEY_SOMETIMES], "c");
    int withheld_row = 0, withheld_col = 0;
    for (int a = 0; a < SURVEY_N_ANSWERS; a++)
        withheld_row += strcmp(r.count_text[SURVEY_AGE_11_18][a], "c") == 0;
    for (int v = 0; v < SURVEY_N_VERSIONS; v++)
        withheld_col += strcmp(r.count_text[v][SURVEY_SOMETIMES], "c") == 0;
    assert_true(withheld_row >= 2);
    assert_true(withheld_col >= 2);
    assert_string_equal(r.answered_text, "150");
}

static void test_a_small_result_is_withheld_whole(void **state)
{
    (void)state;
    /* Three care leavers answered: every count is small. */
    const long counts[SURVEY_N_VERSIONS][SURVEY_N_ANSWERS] = {{0}, {0}, {0}, {2, 1, 0, 0}};
    SurveyTally t = tally_of(counts);
    SurveyResult r;
    Err err;
    assert_int_equal(survey_result_build(&t, true, 5, &r, &err), 0);
    assert_true(r.agree_withheld);
    assert_string_equal(r.percent_text, "c");
    assert_string_equal(r.answered_text, "c");
    assert_string_equal(r.by_answer_text[SURVEY_ALWAYS], "c");
    assert_string_equal(r.by_answer_text[SURVEY_SOMETIMES], "0"); /* zeros are published */
    /* Nobody answered: no share at all. */
    assert_int_equal(survey_result_build(NULL, true, 5, &r, &err), 0);
    assert_string_equal(r.percent_text, "z");
}

/* ---- The scorecard -------------------------------------------------------- */

static void test_scorecard_indicators_from_answers(void **state)
{
    (void)state;
    IndicatorCatalogue *cat;
    Err err;
    assert_int_equal(indicators_load_default(&cat, &err), 0);
    SurveyTallies t = {0};
    /* 2025/26: 40 answered, 30 Always or Mostly; 2024/25: 10 answered, 4 of them Always. */
    survey_tallies_add(&t, "survey_listened_to", 2026, SURVEY_AGE_11_18, SURVEY_ALWAYS, 18);
    survey_tallies_add(&t, "survey_listened_to", 2026, SURVEY_AGE_8_11, SURVEY_MOSTLY, 12);
    survey_tallies_add(&t, "survey_listened_to", 2026, SURVEY_AGE_11_18, SURVEY_NEVER, 10);
    survey_tallies_add(&t, "survey_listened_to", 2025, SURVEY_CARE_LEAVER, SURVEY_ALWAYS, 4);
    survey_tallies_add(&t, "survey_listened_to", 2025, SURVEY_CARE_LEAVER, SURVEY_NEVER, 6);
    Dataset ds = {0};
    ScorecardOptions opt = {.year = 2026, .years = 1, .threads = 1, .survey = &t};
    Scorecard sc;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    const ScoreEntry *e = scorecard_entry(&sc, "survey_listened_to");
    assert_int_equal(e->state, SCORE_COMPUTED);
    const ScoreFigure *now = scorecard_now(&sc, e);
    assert_int_equal(now->num, 30);
    assert_int_equal(now->den, 40); /* the number who answered */
    assert_string_equal(now->value_text, "75");
    assert_true(e->trend_available[0]);
    assert_string_equal(e->trend[0].value_text, "40");
    /* A question nobody answered keeps its question and no figure. */
    assert_int_equal(scorecard_entry(&sc, "survey_know_me")->state, SCORE_SURVEY);
    scorecard_free(&sc);
    /* Published: last year's 4 and 6 are small, so that year is withheld. */
    opt.publish = true;
    opt.threshold = 5;
    assert_int_equal(scorecard_build(&ds, cat, &opt, &sc, &err), 0);
    e = scorecard_entry(&sc, "survey_listened_to");
    assert_string_equal(e->trend[0].value_text, "c");
    assert_string_equal(scorecard_now(&sc, e)->value_text, "75");
    assert_string_equal(scorecard_now(&sc, e)->den_text, "40");
    scorecard_free(&sc);
    survey_tallies_free(&t);
    indicators_free(cat);
}

static void test_codes_are_typed_forgivingly(void **state)
{
    (void)state;
    char out[SURVEY_CODE_CHARS + 1], text[SURVEY_CODE_TEXT];
    assert_int_equal(survey_code_normalise(" abcd-efgh jkmn ", out), 0);
    assert_string_equal(out, "ABCDEFGHJKMN");
    survey_code_format(out, text);
    assert_string_equal(text, "ABCD-EFGH-JKMN");
    assert_int_equal(survey_code_normalise("ABCD-EFGH-JKM0", out), -1); /* no zero */
    assert_int_equal(survey_code_normalise("ABCD-EFGH-JKM", out), -1);
    assert_int_equal(survey_code_normalise("ABCD-EFGH-JKMNP", out), -1);
    assert_int_equal(survey_code_normalise(NULL, out), -1);
}

int main(void)
{
    const struct CMUnitTest store_tests[] = {
        cmocka_unit_test(test_a_code_works_once),
        cmocka_unit_test(test_bad_answers_use_no_code),
        cmocka_unit_test(test_nothing_links_an_answer),
        cmocka_unit_test(test_a_closed_round_refuses_its_codes_alike),
    };
    const struct CMUnitTest pure_tests[] = {
        cmocka_unit_test(test_results_unpublished_and_published),
        cmocka_unit_test(test_a_small_result_is_withheld_whole),
        cmocka_unit_test(test_scorecard_indicators_from_answers),
        cmocka_unit_test(test_codes_are_typed_forgivingly),
    };
    int failed = cmocka_run_group_tests(store_tests, setup, teardown);
    return failed + cmocka_run_group_tests(pure_tests, NULL, NULL);
}
