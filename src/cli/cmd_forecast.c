/* cmd_forecast: the placement sufficiency forecast.
 *   carepledge forecast --db FILE --from DATE [--years N] [--window YEARS]
 *       [--by age|placement|distance|legal_status] [--runs N] [--seed S] [--backtest]
 * [--backtest-runs N]
 *       [--postcodes ONSPD.csv] [--la CODE] [--adjust FILE] [--capacity FILE] [--costs FILE]
 *       [--threads N] [--format text|csv|json|html|pdf] [--out FILE] [--save NAME]
 *   carepledge forecast --db FILE --list | --show NAME | --compare NAME,NAME[,...]
 * Reads its options, calls the forecast service (service/svc_forecast.h) and
 * writes the result with render/forecast_write. docs/forecast.md. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "render/chart.h"
#include "render/forecast_stored.h"
#include "render/forecast_write.h"
#include "service/svc_forecast.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_COMPARED = 6 };

static const char *const forecast_formats[] = {"text", "csv", "json", "html", "pdf", NULL};
enum { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON, FORMAT_HTML, FORMAT_PDF };

/* In ForecastBy's order. */
static const char *const forecast_groups[] = {"age", "placement", "distance", "legal_status", NULL};

/* A seed is any 64-bit unsigned number, kept in the value's number. */
static int check_seed(const CliOption *opt, const char *text, CliValue *out, Err *err)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text || *end || *text == '-')
        return err_set(err, ERR_USAGE, "--%s must be a whole number from 0, not '%s'", opt->name,
                       text);
    out->number = (long)(uint64_t)v;
    return 0;
}

static const CliOption forecast_options[] = {
    {"db", "FILE", "the Carepledge database", NULL, true, 0, 0, NULL},
    {"from", "DATE",
     "the origin: the forecast uses only the history up to this day (needed unless --list, "
     "--show or --compare)",
     cli_check_date, false, 0, 0, NULL},
    {"years", "N", "how many years ahead (default 3)", cli_check_number, false, 1,
     FORECAST_MAX_YEARS, NULL},
    {"window", "YEARS", "the years of history the rates come from (default 3)", cli_check_number,
     false, 1, FORECAST_MAX_WINDOW, NULL},
    {"by", NULL, "the breakdown shown beside the total (default placement)", cli_check_choice,
     false, 0, 0, forecast_groups},
    {"runs", "N", "how many futures to simulate (default 1000)", cli_check_number, false, 1,
     FORECAST_MAX_RUNS, NULL},
    {"seed", "S", "the random seed: the same seed gives the same forecast (default 1)", check_seed,
     false, 0, 0, NULL},
    {"backtest", NULL, "back-test with every future of every origin; CSV and JSON list its points",
     NULL, false, 0, 0, NULL},
    {"backtest-runs", "N",
     "futures per back-test origin (default 200, or --runs with --backtest; 0: no back-test)",
     cli_check_number, false, 0, FORECAST_MAX_RUNS, NULL},
    {"postcodes", "ONSPD.csv", "the ONS Postcode Directory, for the distance from home", NULL,
     false, 0, 0, NULL},
    {"la", "CODE", "the council's own ONS code (E10...), for placements within it", NULL, false, 0,
     0, NULL},
    {"adjust", "FILE", "a scenario: rates and entrants multiplied or added to (docs/templates.md)",
     NULL, false, 0, 0, NULL},
    {"capacity", "FILE", "the placements the council has, for the sufficiency gap", NULL, false, 0,
     0, NULL},
    {"costs", "FILE", "weekly costs by placement type and provider, with inflation", NULL, false, 0,
     0, NULL},
    {"time-in-care", NULL,
     "exit rates by time in care (under 1 year, 1-3, 3+) where each band has enough exits", NULL,
     false, 0, 0, NULL},
    {"threads", "N", "threads to use (default one per processor); the figures never change",
     cli_check_number, false, 1, 64, NULL},
    {"format", NULL, "how to write the forecast (pdf: needs --out)", cli_check_choice, false, 0, 0,
     forecast_formats},
    CLI_OPTION_OUT,
    {"save", "NAME", "keep the forecast in the database under NAME, with its back-test scores",
     NULL, false, 0, 0, NULL},
    {"list", NULL, "list the stored forecasts", NULL, false, 0, 0, NULL},
    {"show", "NAME", "write a stored forecast (text: with its scores; json: its whole document)",
     NULL, false, 0, 0, NULL},
    {"compare", "NAME,NAME", "stored forecasts (scenarios) side by side, each with its scores",
     NULL, false, 0, 0, NULL},
};

static long number_or(const CliArgs *args, const char *name, long fallback)
{
    const CliValue *v = cli_value(args, name);
    return v->given ? v->number : fallback;
}

static ForecastBy by_of(const CliArgs *args)
{
    const CliValue *by = cli_value(args, "by");
    return by->given ? (ForecastBy)by->choice : FORECAST_BY_PLACEMENT;
}

static ForecastStoredView view_of(const ForecastStored *f)
{
    return (ForecastStoredView){f->name, f->saved, f->saved_by, f->scenario, f->document};
}

static int list_stored(const CliArgs *args, const Actor *actor, Err *err)
{
    ForecastStored *rows;
    int n;
    int rc = svc_forecast_stored_list(cli_text(args, "db"), actor, &rows, &n, err);
    if (rc < 0) return rc;
    ForecastStoredView *v = calloc((size_t)n + 1, sizeof *v);
    for (int i = 0; i < n; i++) v[i] = view_of(&rows[i]);
    forecast_stored_write_list(args->out, v, n);
    for (int i = 0; i < n; i++) svc_forecast_stored_free(&rows[i]);
    free(v);
    free(rows);
    return CLI_EXIT_OK;
}

/* --show NAME (one) or --compare A,B,... (names split at commas). */
static int show_stored(const CliArgs *args, const Actor *actor, Err *err)
{
    bool compare = cli_value(args, "compare")->given;
    char names[1024];
    snprintf(names, sizeof names, "%s", cli_text(args, compare ? "compare" : "show"));
    ForecastStored found[MAX_COMPARED];
    ForecastStoredView v[MAX_COMPARED];
    int n = 0, rc = 0;
    char *save = NULL;
    for (char *name = strtok_r(names, ",", &save); name && rc == 0;
         name = strtok_r(NULL, ",", &save)) {
        if (n == MAX_COMPARED)
            rc = err_set(err, ERR_USAGE, "--compare takes at most %d forecasts", MAX_COMPARED);
        else if ((rc = svc_forecast_stored_find(cli_text(args, "db"), name, actor, &found[n],
                                                err)) == 0)
            v[n] = view_of(&found[n]), n++;
    }
    if (rc == 0 && n == 0)
        rc = err_set(err, ERR_USAGE, "--%s needs a forecast's name", compare ? "compare" : "show");
    const char *bad = NULL;
    if (rc == 0 && !compare && cli_value(args, "format")->choice == FORMAT_JSON)
        fprintf(args->out, "%s\n", v[0].document);
    else if (rc == 0 && forecast_stored_write_text(args->out, v, n, by_of(args), &bad) < 0)
        rc = err_set(err, ERR_INPUT, "the stored forecast '%s' is not a forecast document", bad);
    for (int i = 0; i < n; i++) svc_forecast_stored_free(&found[i]);
    return rc < 0 ? rc : CLI_EXIT_OK;
}

/* Keeps the forecast under --save's name: its JSON document, back-test
 * scores included. */
static int save_forecast(const CliArgs *args, const ForecastRequest *req, const ForecastReport *r,
                         const Actor *actor, Err *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) return err_set(err, ERR_IO, "no memory for the forecast's document");
    forecast_write_json(mem, r, false);
    fclose(mem);
    ForecastStored f = {
        .origin = req->from, .years = req->years, .runs = req->runs, .document = text};
    snprintf(f.name, sizeof f.name, "%s", cli_text(args, "save"));
    snprintf(f.scenario, sizeof f.scenario, "%s", req->adjust ? req->adjust : "");
    int rc = svc_forecast_save(cli_text(args, "db"), &f, actor, err);
    free(text);
    if (rc == 0) fprintf(stderr, "forecast saved as '%s'\n", f.name);
    return rc;
}

/* Written to args->out: with --out, a temporary file beside it that cli_main
 * renames into place; the PDF is drawn by path into that file. */
static int write_forecast(const CliArgs *args, const ForecastReport *r, ForecastBy by, bool points,
                          Err *err)
{
    switch (cli_value(args, "format")->choice) {
    case FORMAT_CSV: forecast_write_csv(args->out, r, by, points); return 0;
    case FORMAT_JSON: forecast_write_json(args->out, r, points); return 0;
    case FORMAT_HTML: return forecast_write_html(args->out, r, by, err);
    case FORMAT_PDF: return forecast_write_pdf(args->out_path, r, by, err);
    default: forecast_write_text(args->out, r, by); return 0;
    }
}

static int run_forecast(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    if (cli_flag(args, "list")) return list_stored(args, actor, err);
    if (cli_value(args, "show")->given || cli_value(args, "compare")->given)
        return show_stored(args, actor, err);
    if (!cli_value(args, "from")->given)
        return err_set(err, ERR_USAGE, "--from is needed: the origin date of the forecast");
    if (cli_value(args, "format")->choice == FORMAT_PDF && !cli_text(args, "out"))
        return err_set(err, ERR_USAGE, "--format pdf needs --out FILE");
    const char *save = cli_text(args, "save");
    if (save) {
        int exists = svc_forecast_stored_exists(cli_text(args, "db"), save, actor, err);
        if (exists < 0) return exists;
        if (exists)
            return err_set(err, ERR_CONFLICT, "--save: a forecast named '%s' is stored already",
                           save);
    }
    ForecastRequest req = {
        .from = cli_value(args, "from")->date,
        .years = (int)number_or(args, "years", 3),
        .window = (int)number_or(args, "window", 3),
        .runs = number_or(args, "runs", 1000),
        .seed = (uint64_t)number_or(args, "seed", 1),
        .backtest = cli_flag(args, "backtest"),
        .backtest_runs = cli_flag(args, "backtest") ? number_or(args, "runs", 1000)
                                                    : FORECAST_BACKTEST_QUICK_RUNS,
        .postcodes = cli_text(args, "postcodes"),
        .la = cli_text(args, "la"),
        .adjust = cli_text(args, "adjust"),
        .capacity = cli_text(args, "capacity"),
        .costs = cli_text(args, "costs"),
        .threads = (int)number_or(args, "threads", 0),
        .time_in_care = cli_flag(args, "time-in-care"),
    };
    req.backtest_runs = number_or(args, "backtest-runs", req.backtest_runs);
    ForecastBy group = by_of(args);
    ServiceData data = {.db_path = cli_text(args, "db")};
    ForecastResult res;
    int rc = svc_forecast_run(ctx, &data, &req, actor, &res, err);
    if (rc == 0) {
        rc = write_forecast(args, &res.report, group, req.backtest, err);
        if (rc == 0 && save) rc = save_forecast(args, &req, &res.report, actor, err);
    }
    svc_forecast_free(&res);
    chart_free_caches();
    return rc < 0 ? rc : CLI_EXIT_OK;
}

const CliCommand cmd_forecast = {
    "forecast",
    "placement sufficiency: children in care projected by age, placement and distance, "
    "back-tested",
    forecast_options,
    (int)(sizeof forecast_options / sizeof forecast_options[0]),
    NULL,
    false,
    run_forecast,
    0,
};
