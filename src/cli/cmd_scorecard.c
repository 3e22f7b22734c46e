/* cmd_scorecard: the Pledge scorecard.
 *   carepledge scorecard --db FILE --year YYYY/YY [--years N] [--by GROUP] [--publish]
 *       [--threshold N] [--catalogue FILE] [--holidays FILE] [--postcodes ONSPD.csv]
 *       [--la CODE] [--format text|csv|json|html|pdf] [--out FILE]
 * Reads its options, calls the scorecard service (service/svc_scorecard.h) and
 * writes the format asked for. The PDF needs --out; the other formats go to
 * --out or standard output. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "render/chart.h"
#include "render/scorecard_write.h"
#include "service/svc_scorecard.h"

#include <string.h>

typedef enum CardFormat { CARD_TEXT, CARD_CSV, CARD_JSON, CARD_HTML, CARD_PDF } CardFormat;

static const char *const card_formats[] = {"text", "csv", "json", "html", "pdf", NULL};
static const char *const card_groups[] = {"disability", "ethnicity", "age", "placement", NULL};

static const CliOption scorecard_options[] = {
    {"db", "FILE", "the Carepledge database", NULL, true, 0, 0, NULL},
    {"year", "YYYY/YY", "the collection year measured", cli_check_year, true, 0, 0, NULL},
    {"years", "N", "how many years before it to show (default 4)", cli_check_number, false, 0,
     SCORECARD_MAX_YEARS - 1, NULL},
    {"by", NULL, "break each figure down by a group of children", cli_check_choice, false, 0, 0,
     card_groups},
    {"publish", NULL, "withhold small counts, for figures that leave the council", NULL, false, 0,
     0, NULL},
    {"threshold", "N", "the largest count withheld when publishing (default 5)", cli_check_number,
     false, 1, 100, NULL},
    {"catalogue", "FILE", "the council's own copy of data/indicators.csv (with its targets)", NULL,
     false, 0, 0, NULL},
    {"holidays", "FILE", "the council's changes to the bank holidays (docs/calendar.md)", NULL,
     false, 0, 0, NULL},
    {"postcodes", "ONSPD.csv", "the ONS Postcode Directory, for placement distance and location",
     NULL, false, 0, 0, NULL},
    {"la", "CODE", "the council's own ONS code (E10...), for placements outside it", NULL, false, 0,
     0, NULL},
    {"format", NULL, "how to write the scorecard", cli_check_choice, false, 0, 0, card_formats},
    CLI_OPTION_OUT, /* needed for the PDF */
    CLI_OPTION_CSV_RAW,
};

/* Written to args->out: with --out, a temporary file beside it that cli_main
 * renames into place (base/outfile), so a failed run leaves no partial file
 * behind. The PDF is drawn by path into that temporary file. */
static int write_output(const Scorecard *sc, CardFormat format, const CliArgs *args, Err *err)
{
    FILE *out = args->out;
    int rc = 0;
    switch (format) {
    case CARD_PDF: rc = scorecard_write_pdf(args->out_path, sc, err); break;
    case CARD_TEXT: scorecard_write_text(out, sc); break;
    case CARD_CSV: scorecard_write_csv(out, sc); break;
    case CARD_JSON: scorecard_write_json(out, sc); break;
    case CARD_HTML: rc = scorecard_write_html(out, sc, err); break;
    }
    return rc;
}

static int run_scorecard(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    const CliValue *years = cli_value(args, "years"), *threshold = cli_value(args, "threshold");
    ScorecardRequest req = {
        .year = cli_value(args, "year")->year,
        .years = years->given ? (int)years->number : 4,
        .publish = cli_flag(args, "publish"),
        .threshold = threshold->given ? (int)threshold->number : DISC_DEFAULT_THRESHOLD,
        .postcodes = cli_text(args, "postcodes"),
        .la = cli_text(args, "la"),
    };
    if (cli_text(args, "by")) scorecard_parse_by(cli_text(args, "by"), &req.by);
    CardFormat format = (CardFormat)cli_value(args, "format")->choice;
    const char *out = cli_text(args, "out");
    if (format == CARD_PDF && !out) return err_set(err, ERR_USAGE, "--format pdf needs --out FILE");
    /* domain/disclosure_system: one threshold rule for every command */
    if (threshold->given && !req.publish)
        return err_set(err, ERR_USAGE, "--threshold goes with --publish");
    ServiceData data = {.db_path = cli_text(args, "db")};
    ScorecardResult res;
    int rc = svc_scorecard_run(ctx, &data, &req, actor, &res, err);
    if (rc == 0) rc = write_output(&res.card, format, args, err);
    /* After a text scorecard; beside any other format, a note. */
    if (rc == 0) cli_print_marked(format == CARD_TEXT ? args->out : stderr, &res.marked);
    svc_scorecard_free(&res);
    chart_free_caches();
    return rc < 0 ? rc : CLI_EXIT_OK;
}

const CliCommand cmd_scorecard = {
    "scorecard",
    "the Pledge scorecard: every promise measured, with trends, targets and charts",
    scorecard_options,
    (int)(sizeof scorecard_options / sizeof scorecard_options[0]),
    NULL,
    false,
    run_scorecard,
    CONTEXT_CALENDAR | CONTEXT_CATALOGUE,
};
