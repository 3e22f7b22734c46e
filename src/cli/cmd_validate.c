/* cmd_validate: `carepledge validate` — checks SSDA903 files against the DfE's
 * validation rules of a collection year and writes the reports.
 *
 * Thin: it reads its options, calls the validation service
 * (service/svc_validate.h), which finds and loads the files (or the return
 * stored in a database) and runs the rules, and maps the result to output
 * (validate/vreport.h) and exit status (0 nothing fails, 1 rules fail, 2 could
 * not run). It does not know any rule. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "base/mem.h"
#include "base/outfile.h"
#include "service/svc_validate.h"
#include "render/vreport.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef enum ValidateFormat {
    VFORMAT_TEXT,
    VFORMAT_CSV,
    VFORMAT_JSON,
    VFORMAT_HTML
} ValidateFormat;

static const char *const validate_formats[] = {"text", "csv", "json", "html", NULL};

static const CliOption validate_options[] = {
    {"year", "YYYY/YY", "the collection year (else inferred, or the latest stored)", cli_check_year,
     false, 0, 0, NULL},
    {"ruleset", "YYYY/YY", "the rules of another year", cli_check_year, false, 0, 0, NULL},
    {"prev", "PATH", "last year's files or their folder", NULL, false, 0, 0, NULL},
    {"db", "FILE", "validate the return stored in this database instead of files", NULL, false, 0,
     0, NULL},
    {"postcodes", "ONSPD.csv", "the ONS Postcode Directory, for the postcode rules", NULL, false, 0,
     0, NULL},
    {"la", "CODE", "the council's own ONS code, for the placement location rules", NULL, false, 0,
     0, NULL},
    {"providers", "FILE[,FILE...]", "Ofsted's provider lists, for the URN rules", NULL, false, 0, 0,
     NULL},
    {"format", NULL, "how to write the result on standard output", cli_check_choice, false, 0, 0,
     validate_formats},
    {"out", "DIR", "also write every report (CSV, JSON, HTML) into this folder", NULL, false, 0, 0,
     NULL},
    CLI_OPTION_CSV_RAW,
};

/* Each report is written whole or not at all (base/outfile), never over the
 * database or a file the command reads. */
static int write_file(const CliArgs *args, const char *name, const VReturn *r, const VResult *res,
                      Err *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", cli_text(args, "out"), name);
    OutFile of;
    int rc = cli_refuse_output(args, path, err);
    if (rc == 0) rc = outfile_open(&of, path, err);
    if (rc < 0) return rc;
    FILE *out = of.fp;
    if (strcmp(name, "issue_locations.csv") == 0)
        vreport_issue_locations(out, r, res);
    else if (strcmp(name, "error_summary.csv") == 0)
        vreport_error_summary(out, res);
    else if (strcmp(name, "child_summary.csv") == 0)
        vreport_child_summary(out, r, res);
    else if (strcmp(name, "marks.csv") == 0)
        vreport_marks_csv(out, res->marks);
    else if (strcmp(name, "validation.json") == 0)
        vreport_json(out, r, res);
    else
        vreport_html(out, r, res);
    return outfile_commit(&of, err);
}

static int write_outputs(const CliArgs *args, const VReturn *r, const VResult *res, Err *err)
{
    const char *dir = cli_text(args, "out");
    static const char *const names[] = {"issue_locations.csv", "error_summary.csv",
                                        "child_summary.csv", "validation.json", "validation.html"};
    if (mkdir(dir, 0700) < 0 && errno != EEXIST)
        return err_set(err, ERR_IO, "%s: %s", dir, strerror(errno));
    for (int i = 0; i < 5; i++) {
        int rc = write_file(args, names[i], r, res, err);
        if (rc < 0) return rc;
    }
    return res->marks && res->marks->n > 0 ? write_file(args, "marks.csv", r, res, err) : 0;
}

static void print_result(ValidateFormat format, const VReturn *r, const VResult *res)
{
    switch (format) {
    case VFORMAT_TEXT: vreport_text(stdout, res); break;
    case VFORMAT_CSV: vreport_issue_locations(stdout, r, res); break;
    case VFORMAT_JSON: vreport_json(stdout, r, res); break;
    case VFORMAT_HTML: vreport_html(stdout, r, res); break;
    }
}

/* --providers takes one Ofsted list or several separated by commas; the
 * returned array and its strings are freed by free_list. */
static char **split_list(const char *text, int *n)
{
    char **items = NULL;
    int cap = 0;
    *n = 0;
    while (text && *text) {
        size_t len = strcspn(text, ",");
        MEM_GROW(items, *n, cap);
        items[(*n)++] = xstrndup(text, len);
        text += len + (text[len] == ',');
    }
    return items;
}

static void free_list(char **items, int n)
{
    for (int i = 0; i < n; i++) free(items[i]);
    free(items);
}

static void report(const CliCommand *cmd, const ValidateResult *res)
{
    for (int i = 0; i < res->n_notes; i++) fprintf(stderr, "note: %s\n", res->notes[i]);
    cli_print_problems(cmd, &res->problems);
}

static int run_validate(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    ValidateRequest req = {
        .paths = args->operands,
        .n_paths = args->n_operands,
        .prev_path = cli_text(args, "prev"),
        .db_path = cli_text(args, "db"),
        .year = cli_value(args, "year")->year,
        .ruleset = cli_value(args, "ruleset")->year,
        .postcodes = cli_text(args, "postcodes"),
        .la = cli_text(args, "la"),
    };
    if (req.db_path && (req.n_paths > 0 || req.prev_path))
        return err_set(err, ERR_USAGE,
                       "--db validates the stored return: give no files and no --prev");
    char **providers = split_list(cli_text(args, "providers"), &req.n_providers);
    req.providers = providers;
    ValidateResult res;
    int rc = svc_validate_run(ctx, &req, actor, &res, err);
    report(&cmd_validate, &res);
    if (rc == 0) {
        print_result((ValidateFormat)cli_value(args, "format")->choice, &res.ret, &res.res);
        if (cli_text(args, "out")) rc = write_outputs(args, &res.ret, &res.res, err);
        if (rc == 0) rc = res.res.n_failed_rules ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
    }
    svc_validate_free(&res);
    free_list(providers, req.n_providers);
    return rc;
}

const CliCommand cmd_validate = {
    "validate",       "check SSDA903 files against the DfE validation rules of a collection year",
    validate_options, (int)(sizeof validate_options / sizeof validate_options[0]),
    "PATH...",        false,
    run_validate,     CONTEXT_RULES | CONTEXT_CODES,
};
