/* cmd_import: carepledge import --db FILE [--year YYYY/YY] [--disability FILE] PATH... */
#include "cli/cli.h"
#include "cli/commands.h"

#include "base/date.h"
#include "service/import.h"

static const CliOption options[] = {
    {"db", true},
    {"year", true},
    {"disability", true},
};

static void print_report(const ImportReport *r)
{
    printf("imported %ld rows from %d files (collection years %d/%02d to %d/%02d)\n", r->rows,
           r->files, r->first_year - 1, r->first_year % 100, r->last_year - 1, r->last_year % 100);
    for (int t = 0; t < TABLE_COUNT; t++)
        if (r->rows_by_table[t])
            printf("  %-17s %ld\n", ssda903_table((Ssda903TableId)t)->name, r->rows_by_table[t]);
}

int cmd_import(int argc, char **argv)
{
    CliArgs args;
    Err err;
    if (cli_parse(argc, argv, options, 3, &args, &err) < 0) return cli_fail("import", &err);
    int status = CLI_EXIT_OK;
    ImportOptions opt = {.disability_path = cli_get(&args, "disability")};
    const char *db = cli_get(&args, "db");
    const char *year = cli_get(&args, "year");
    if (!db || args.n_positional == 0) {
        err_set(&err, ERR_USAGE, "needs --db FILE and at least one PATH");
        status = cli_fail("import", &err);
    } else if (year && (opt.year = date_parse_collection_year(year)) < 0) {
        err_set(&err, ERR_USAGE, "--year '%s' is not a collection year like 2009/10", year);
        status = cli_fail("import", &err);
    } else {
        Store *store;
        if (store_open(db, &store, &err) < 0) {
            status = cli_fail("import", &err);
        } else {
            ErrList errs = {0};
            ImportReport report;
            if (import_paths(store, args.positional, args.n_positional, &opt, &report, &errs) < 0) {
                errlist_print(&errs, stderr);
                fprintf(stderr, "import failed: %ld problem%s; nothing was imported\n",
                        errs.n_total, errs.n_total == 1 ? "" : "s");
                status = CLI_EXIT_ERROR;
            } else {
                print_report(&report);
            }
            errlist_free(&errs);
            store_close(store);
        }
    }
    cli_args_free(&args);
    return status;
}
