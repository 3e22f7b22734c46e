/* cmd_export: carepledge export --db FILE --year YYYY/YY --out DIR [--format csv|xml]
 *
 * Writes a collection year's SSDA903 return, built from the stored history as
 * the DfE would have received it, as the 903 CSV files or one 903 XML export
 * (service/svc_export.h), and says how many rows each table holds. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "service/svc_export.h"

#include <stdio.h>

static const char *const export_formats[] = {"csv", "xml", NULL};

static const CliOption export_options[] = {
    {"db", "FILE", "the Carepledge database", NULL, true, 0, 0, NULL},
    {"year", "YYYY/YY", "the collection year to write", cli_check_year, true, 0, 0, NULL},
    {"out", "DIR", "the folder to write the files to (made when missing)", NULL, true, 0, 0, NULL},
    {"format", NULL, "csv: a file per table (the default); xml: one EXPSSDA903 file",
     cli_check_choice, false, 0, 0, export_formats},
};

static void print_summary(const ExportResult *r, const char *dir)
{
    printf("wrote the %d/%02d return to %s\n", r->year - 1, r->year % 100,
           r->xml_path[0] ? r->xml_path : dir);
    for (int t = 0; t < T903_COUNT; t++)
        if (r->written[t])
            printf("  %-17s %d\n", ssda903_table((Ssda903TableId)t)->name, r->rows[t]);
}

static int run_export(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    ExportRequest req = {.db_path = cli_text(args, "db"),
                         .year = cli_value(args, "year")->year,
                         .out_dir = cli_text(args, "out"),
                         .format = (ExportFormat)cli_value(args, "format")->choice};
    ExportResult res;
    int rc = svc_export_run(ctx, &req, actor, &res, err);
    if (rc == 0) print_summary(&res, req.out_dir);
    return rc < 0 ? rc : CLI_EXIT_OK;
}

const CliCommand cmd_export = {
    "export",       "write a collection year's SSDA903 return from the database as 903 CSV or XML",
    export_options, (int)(sizeof export_options / sizeof export_options[0]),
    NULL,           false,
    run_export,     0,
};
