/* cmd_scorecard: the Pledge scorecard.
 *   carepledge scorecard --db FILE --year YYYY/YY [--years N] [--by GROUP] [--publish]
 *       [--threshold N] [--catalogue FILE] [--holidays FILE] [--postcodes ONSPD.csv]
 *       [--la CODE] [--format text|csv|json|html|pdf] [--out FILE]
 * Parses the options, runs service/scorecard and writes the format asked for.
 * The PDF needs --out; the other formats go to --out or standard output. */
#include "base/outfile.h"
#include "cli/cli.h"
#include "cli/commands.h"

#include "render/chart.h"
#include "render/format.h"
#include "render/scorecard_write.h"
#include "domain/disclosure_system.h"
#include "service/scorecard.h"

#include <stdlib.h>
#include <string.h>

static const CliOption options[] = {
    {"db", true},       {"year", true},      {"years", true},     {"by", true},
    {"publish", false}, {"threshold", true}, {"catalogue", true}, {"holidays", true},
    {"format", true},   {"out", true},       {"postcodes", true}, {"la", true},
};
enum { N_OPTIONS = sizeof options / sizeof options[0] };

/* The formats the scorecard is written in. */
static const unsigned card_formats =
    RENDER_FORMATS_TABLE | RENDER_FORMAT_BIT(FORMAT_HTML) | RENDER_FORMAT_BIT(FORMAT_PDF);

/* A whole number from lo to hi; returns 0 or -1. */
static int parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) return -1;
    *out = (int)v;
    return 0;
}

/* Written to a temporary file beside --out and renamed into place (base/outfile). */
static int write_output(const Scorecard *sc, OutputFormat format, const char *out_path, Err *err)
{
    OutFile of = {0};
    int rc = out_path ? outfile_open(&of, out_path, err) : 0;
    if (rc < 0) return rc;
    FILE *out = out_path ? of.fp : stdout;
    switch (format) {
    case FORMAT_PDF: rc = scorecard_write_pdf(of.tmp, sc, err); break;
    case FORMAT_TEXT: scorecard_write_text(out, sc); break;
    case FORMAT_CSV: scorecard_write_csv(out, sc); break;
    case FORMAT_JSON: scorecard_write_json(out, sc); break;
    case FORMAT_HTML: rc = scorecard_write_html(out, sc, err); break;
    default: break; /* no other is parsed */
    }
    if (!out_path) return rc;
    if (rc < 0) {
        outfile_abandon(&of);
        return rc;
    }
    return outfile_commit(&of, err);
}

int cmd_scorecard(int argc, char **argv)
{
    CliArgs args;
    Err err;
    ScorecardOptions opt = {.years = 4, .threshold = DISC_DEFAULT_THRESHOLD};
    OutputFormat format = FORMAT_TEXT;
    int rc = cli_parse(argc, argv, options, N_OPTIONS, &args, &err);
    const char *db = cli_get(&args, "db"), *year = cli_get(&args, "year");
    const char *years = cli_get(&args, "years"), *by = cli_get(&args, "by");
    const char *threshold = cli_get(&args, "threshold"), *out = cli_get(&args, "out");
    if (rc < 0) {
    } else if (!db || !year || args.n_positional) {
        rc = err_set(&err, ERR_USAGE, "needs --db FILE and --year YYYY/YY, and no other arguments");
    } else if ((opt.year = date_parse_collection_year(year)) < 0) {
        rc = err_set(&err, ERR_USAGE, "--year '%s' is not a collection year such as 2025/26", year);
    } else if (years && parse_int(years, 0, SCORECARD_MAX_YEARS - 1, &opt.years) < 0) {
        rc = err_set(&err, ERR_USAGE, "--years must be a whole number from 0 to %d, not '%s'",
                     SCORECARD_MAX_YEARS - 1, years);
    } else if (by && scorecard_parse_by(by, &opt.by) < 0) {
        rc = err_set(&err, ERR_USAGE,
                     "--by must be disability, ethnicity, age or placement, not '%s'", by);
    } else if ((rc = disc_threshold_option(threshold, cli_flag(&args, "publish"), &opt.threshold,
                                           &err)) < 0) {
    } else if ((rc = outfile_refuse_database(out, db, &err)) < 0) {
    } else if ((rc = render_format_parse(cli_get(&args, "format"), card_formats, &format, &err)) <
               0) {
    } else if (format == FORMAT_PDF && !out) {
        rc = err_set(&err, ERR_USAGE, "--format pdf needs --out FILE");
    }
    opt.publish = cli_flag(&args, "publish");
    opt.postcodes = cli_get(&args, "postcodes");
    opt.la = cli_get(&args, "la");
    Dataset ds = {0};
    IndicatorCatalogue *cat = NULL;
    Scorecard sc = {0};
    if (rc == 0)
        rc = scorecard_run(db, cli_get(&args, "catalogue"), cli_get(&args, "holidays"), &opt, &ds,
                           &cat, &sc, &err);
    if (rc == 0) rc = write_output(&sc, format, out, &err);
    scorecard_free(&sc);
    dataset_free(&ds);
    indicators_free(cat);
    cli_args_free(&args);
    chart_free_caches();
    return rc < 0 ? cli_fail("scorecard", &err) : CLI_EXIT_OK;
}
