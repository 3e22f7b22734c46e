/* cmd_survey: the young people's Pledge survey (service/svc_survey.h,
 * docs/survey.md).
 *   carepledge survey open NAME --year YYYY/YY [--opened DATE] --db FILE
 *   carepledge survey close NAME --db FILE
 *   carepledge survey rounds --db FILE
 *   carepledge survey codes NAME --count N --db FILE     (printed once)
 *   carepledge survey questions [--version V] --db FILE
 *   carepledge survey take --code CODE --version V QUESTION=ANSWER... --db FILE
 *   carepledge survey results [NAME] [--publish [--threshold N]] [--format text|csv] --db FILE
 *   carepledge survey import FILE --db FILE              (paper questionnaires) */
#include "cli/cli.h"
#include "cli/commands.h"

#include "service/svc_survey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const versions[] = {"under_8", "age_8_11", "age_11_18", "care_leaver", NULL};
static const char *const formats[] = {"text", "csv", NULL};

static const CliOption survey_options[] = {
    {"db", "FILE", "the Carepledge database", NULL, true, 0, 0, NULL},
    {"year", "YYYY/YY", "open: the collection year whose scorecard the round reports on",
     cli_check_year, false, 0, 0, NULL},
    {"opened", "DATE", "open: the day the round opens (default today)", cli_check_date, false, 0, 0,
     NULL},
    {"count", "N", "codes: how many codes to issue", cli_check_number, false, 1,
     SVC_SURVEY_MAX_CODES, NULL},
    {"version", "V", "questions, take: the age version (under_8, age_8_11, age_11_18, care_leaver)",
     cli_check_choice, false, 0, 0, versions},
    {"code", "CODE", "take: the code printed on the young person's paper", NULL, false, 0, 0, NULL},
    {"publish", NULL, "results: withhold small numbers, as for publication", NULL, false, 0, 0,
     NULL},
    {"threshold", "N", "results: the largest count withheld with --publish (default 5)",
     cli_check_number, false, 1, 100, NULL},
    {"format", "FORMAT", "results: text or csv", cli_check_choice, false, 0, 0, formats},
};

static int open_round(const CliArgs *args, const char *name, const Actor *actor, Err *err)
{
    const CliValue *year = cli_value(args, "year"), *opened = cli_value(args, "opened");
    if (!year->given) return err_set(err, ERR_USAGE, "survey open needs --year YYYY/YY");
    SurveyRoundRequest req = {name, year->year, opened->given ? opened->date : DATE_NONE};
    if (svc_survey_round_add(cli_text(args, "db"), &req, actor, err) < 0) return err->code;
    printf("survey round '%s' is open\n", name);
    return CLI_EXIT_OK;
}

static int list_rounds(const char *db, const Actor *actor, Err *err)
{
    SurveyRoundInfo *rounds;
    int n;
    if (svc_survey_rounds(db, actor, &rounds, &n, err) < 0) return err->code;
    for (int i = 0; i < n; i++)
        printf("%-32s %d/%02d opened %s %-6s codes %ld, used %ld\n", rounds[i].name,
               rounds[i].year - 1, rounds[i].year % 100, rounds[i].opened,
               rounds[i].closed ? "closed" : "open", rounds[i].codes, rounds[i].used);
    free(rounds);
    return CLI_EXIT_OK;
}

static int issue_codes(const CliArgs *args, const char *round, const Actor *actor, Err *err)
{
    const CliValue *count = cli_value(args, "count");
    if (!count->given) return err_set(err, ERR_USAGE, "survey codes needs --count N");
    char(*codes)[SURVEY_CODE_TEXT];
    if (svc_survey_codes(cli_text(args, "db"), round, (int)count->number, actor, &codes, err) < 0)
        return err->code;
    printf("# %ld codes for survey round '%s', shown only now: print them and hand one to each "
           "young person. Each works once.\n",
           count->number, round);
    for (long i = 0; i < count->number; i++) printf("%s\n", codes[i]);
    free(codes);
    return CLI_EXIT_OK;
}

static int list_questions(const CliArgs *args, Err *err)
{
    const CliValue *v = cli_value(args, "version");
    SurveyQuestions q;
    SurveyVersion version = v->given ? (SurveyVersion)v->choice : SURVEY_AGE_11_18;
    if (svc_survey_questions(cli_text(args, "db"), version, &q, err) < 0) return err->code;
    for (int i = 0; i < q.n; i++)
        printf("%-5s %-36s %s\n", q.items[i].promise, q.items[i].id, q.items[i].text);
    svc_survey_questions_free(&q);
    return CLI_EXIT_OK;
}

/* take: QUESTION=ANSWER operands. */
static int take(const CliArgs *args, Err *err)
{
    const CliValue *v = cli_value(args, "version");
    if (!v->given || !cli_text(args, "code"))
        return err_set(err, ERR_USAGE, "survey take needs --code CODE and --version V");
    int n = args->n_operands - 1;
    SurveyGiven *given = calloc((size_t)n + 1, sizeof *given);
    char **copies = calloc((size_t)n + 1, sizeof *copies);
    if (!given || !copies) abort();
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        copies[i] = strdup(args->operands[i + 1]);
        if (!copies[i]) abort();
        char *eq = strchr(copies[i], '=');
        if (!eq) {
            rc = err_set(err, ERR_USAGE, "'%s' is not QUESTION=ANSWER", copies[i]);
            break;
        }
        *eq = '\0';
        given[i].question = copies[i];
        given[i].answer = (SurveyAnswer)survey_answer_parse(eq + 1);
    }
    SurveyTakeRequest req = {cli_text(args, "code"), (SurveyVersion)v->choice, given, n};
    if (rc == 0) rc = svc_survey_take(cli_text(args, "db"), &req, err);
    for (int i = 0; i < n; i++) free(copies[i]);
    free(copies);
    free(given);
    if (rc < 0) return rc;
    printf("thank you: %d answers recorded\n", n);
    return CLI_EXIT_OK;
}

static void results_text(const SurveyResults *r)
{
    printf("Pledge survey '%s' (%d/%02d)%s\n", r->round.name, r->round.year - 1,
           r->round.year % 100, r->publish ? " (for publication: small numbers shown as c)" : "");
    for (int i = 0; i < r->n; i++) {
        const SurveyPromiseResult *p = &r->items[i];
        const SurveyResult *s = &p->result;
        printf("\n3.%-3d %s\n      \"%s\"\n", p->promise, p->title ? p->title : p->indicator,
               p->question);
        printf("      answered %s: always %s, mostly %s, sometimes %s, never %s\n",
               s->answered_text, s->by_answer_text[0], s->by_answer_text[1], s->by_answer_text[2],
               s->by_answer_text[3]);
        printf("      always or mostly: %s%s\n", s->percent_text,
               strcmp(s->percent_text, "c") && strcmp(s->percent_text, "z") ? "%" : "");
    }
}

static void results_csv(const SurveyResults *r)
{
    printf("promise,indicator,version,answered,always,mostly,sometimes,never,always_or_mostly,"
           "percent\n");
    for (int i = 0; i < r->n; i++) {
        const SurveyPromiseResult *p = &r->items[i];
        const SurveyResult *s = &p->result;
        for (int v = 0; v <= SURVEY_N_VERSIONS; v++) {
            bool all = v == SURVEY_N_VERSIONS;
            printf("3.%d,%s,%s,%s", p->promise, p->indicator,
                   all ? "all" : survey_version_name((SurveyVersion)v),
                   all ? s->answered_text : s->by_version_text[v]);
            for (int a = 0; a < SURVEY_N_ANSWERS; a++)
                printf(",%s", all ? s->by_answer_text[a] : s->count_text[v][a]);
            printf(",%s,%s\n", all ? s->agree_text : "", all ? s->percent_text : "");
        }
    }
}

static int results(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    const CliValue *t = cli_value(args, "threshold");
    SurveyResultsRequest req = {args->n_operands > 1 ? args->operands[1] : NULL,
                                cli_flag(args, "publish"), t->given ? (int)t->number : 0};
    SurveyResults r;
    if (svc_survey_results(ctx, cli_text(args, "db"), &req, actor, &r, err) < 0) return err->code;
    if (cli_value(args, "format")->choice == 1)
        results_csv(&r);
    else
        results_text(&r);
    svc_survey_results_free(&r);
    return CLI_EXIT_OK;
}

/* The actions that name a round or a file: their operand, or a usage error. */
static const char *named(const CliArgs *args, const char *what, Err *err)
{
    if (args->n_operands >= 2) return args->operands[1];
    err_set(err, ERR_USAGE, "survey %s needs %s", args->operands[0], what);
    return NULL;
}

static int run_survey(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    const char *action = args->operands[0], *db = cli_text(args, "db"), *name;
    if (strcmp(action, "rounds") == 0) return list_rounds(db, actor, err);
    if (strcmp(action, "questions") == 0) return list_questions(args, err);
    if (strcmp(action, "take") == 0) return take(args, err);
    if (strcmp(action, "results") == 0) return results(args, ctx, actor, err);
    bool known = strcmp(action, "open") == 0 || strcmp(action, "close") == 0 ||
                 strcmp(action, "codes") == 0 || strcmp(action, "import") == 0;
    if (!known)
        return err_set(err, ERR_USAGE,
                       "no action '%s': open, close, rounds, codes, questions, take, results or "
                       "import",
                       action);
    if (!(name = named(args, strcmp(action, "import") == 0 ? "a CSV file" : "a round name", err)))
        return err->code;
    if (strcmp(action, "open") == 0) return open_round(args, name, actor, err);
    if (strcmp(action, "codes") == 0) return issue_codes(args, name, actor, err);
    int rc = strcmp(action, "close") == 0 ? svc_survey_round_close(db, name, actor, err)
                                          : svc_survey_import(db, name, actor, err);
    return rc < 0 ? rc : CLI_EXIT_OK;
}

const CliCommand cmd_survey = {
    "survey",
    "the young people's Pledge survey: rounds, single-use codes, answers and results",
    survey_options,
    (int)(sizeof survey_options / sizeof survey_options[0]),
    "ACTION [NAME|FILE|QUESTION=ANSWER...]",
    true,
    run_survey,
    CONTEXT_CATALOGUE,
};
