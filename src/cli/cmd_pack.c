/* cmd_pack: the quarterly pack for the Strategy Group and the Corporate
 * Parenting Panel (service/svc_pack.h, render/pack_write.h).
 *   carepledge pack --db FILE (--quarter YYYYQn | --date DATE) [--publish]
 *       [--threshold N] [--catalogue FILE] [--holidays FILE] --out pack.pdf
 * The PDF is drawn into a temporary file beside --out and renamed into place
 * when it is whole (cli_main, base/outfile). */
#include "cli/cli.h"
#include "cli/commands.h"

#include "render/chart.h"
#include "render/pack_write.h"
#include "service/svc_pack.h"

#include <stdio.h>

static const CliOption pack_options[] = {
    {"db", "FILE", "the Carepledge database", NULL, true, 0, 0, NULL},
    {"quarter", "YYYYQn", "the calendar quarter the pack is for (2009Q4: October to December)",
     NULL, false, 0, 0, NULL},
    {"date", "DATE", "instead of --quarter: the date the pack is for", cli_check_date, false, 0, 0,
     NULL},
    {"publish", NULL, "withhold small counts in every section, for papers that leave the council",
     NULL, false, 0, 0, NULL},
    {"threshold", "N", "the largest count withheld when publishing (default 5)", cli_check_number,
     false, 1, 100, NULL},
    {"catalogue", "FILE", "the council's own copy of data/indicators.csv (with its targets)", NULL,
     false, 0, 0, NULL},
    {"holidays", "FILE", "the council's changes to the bank holidays (docs/calendar.md)", NULL,
     false, 0, 0, NULL},
    CLI_OPTION_OUT,
};

static int run_pack(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    const char *quarter = cli_text(args, "quarter");
    const CliValue *date = cli_value(args, "date"), *threshold = cli_value(args, "threshold");
    if (!cli_text(args, "out")) return err_set(err, ERR_USAGE, "pack needs --out FILE (a PDF)");
    if (!quarter == !date->given)
        return err_set(err, ERR_USAGE, "pack needs --quarter YYYYQn or --date DATE (one of them)");
    PackRequest req = {
        .at = date->given ? date->date : DATE_NONE,
        .label = quarter,
        .publish = cli_flag(args, "publish"),
        .threshold = threshold->given ? (int)threshold->number : DISC_DEFAULT_THRESHOLD,
    };
    if (threshold->given && !req.publish)
        return err_set(err, ERR_USAGE, "--threshold goes with --publish");
    if (quarter && svc_pack_quarter(quarter, &req.at, err) < 0) return err->code;
    ServiceData data = {.db_path = cli_text(args, "db")};
    PackResult pack;
    int pages = 0;
    int rc = svc_pack_run(ctx, &data, &req, actor, &pack, err);
    if (rc == 0) rc = pack_write_pdf(args->out_path, &pack, &pages, err);
    if (rc == 0)
        fprintf(stderr, "the quarterly pack %s: %d pages%s\n", pack.label, pages,
                req.publish ? ", published (small counts withheld)" : "");
    if (rc == 0) cli_print_marked(stderr, &pack.scorecard.marked);
    svc_pack_free(&pack);
    chart_free_caches();
    return rc < 0 ? rc : CLI_EXIT_OK;
}

const CliCommand cmd_pack = {
    "pack",
    "the quarterly pack for the Strategy Group and the Panel: one PDF, a summary page first",
    pack_options,
    (int)(sizeof pack_options / sizeof pack_options[0]),
    NULL,
    false,
    run_pack,
    CONTEXT_CALENDAR | CONTEXT_CATALOGUE,
};
