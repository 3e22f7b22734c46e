/* cmd_import: carepledge import --db FILE [--year YYYY/YY] [--disability FILE] [--keep-invalid]
 *   PATH...
 * Reads its options, calls the import service (service/svc_import.h) and
 * prints what was imported, or every problem found (and that nothing was). */
#include "cli/cli.h"
#include "cli/commands.h"

#include "service/svc_import.h"

static const CliOption import_options[] = {
    {"db", "FILE", "the Carepledge database (created when it is not there)", NULL, true, 0, 0,
     NULL},
    {"year", "YYYY/YY", "the collection year of every file (else from its folder or dates)",
     cli_check_year, false, 0, 0, NULL},
    {"disability", "FILE", "the council's list of disabled children (docs/import.md)", NULL, false,
     0, 0, NULL},
    {"keep-invalid", NULL,
     "store rows whose only faults are codes or contradicting fields, each value at fault "
     "marked and stored as unknown",
     NULL, false, 0, 0, NULL},
};

/* The values stored as unknown, where they were read and why. */
static void print_marks(const ImportReport *r)
{
    if (r->n_marks == 0) return;
    printf("kept %d value%s as unknown, marked (carepledge imports --marks lists them):\n",
           r->n_marks, r->n_marks == 1 ? "" : "s");
    for (int i = 0; i < r->n_marks; i++) {
        const ImportMark *m = &r->marks[i];
        printf("  %s:%ld:%d: %s: %s\n", m->file, m->line, m->column, m->label, m->mark.message);
    }
}

static void print_report(const ImportReport *r)
{
    printf("imported %ld rows from %d files (collection years %d/%02d to %d/%02d)\n", r->rows,
           r->files, r->first_year - 1, r->first_year % 100, r->last_year - 1, r->last_year % 100);
    for (int t = 0; t < TABLE_COUNT; t++)
        if (r->rows_by_table[t])
            printf("  %-17s %ld\n", ssda903_table((Ssda903TableId)t)->name, r->rows_by_table[t]);
}

static int run_import(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    ImportRequest req = {
        .db_path = cli_text(args, "db"),
        .paths = args->operands,
        .n_paths = args->n_operands,
        .year = cli_value(args, "year")->year,
        .disability_path = cli_text(args, "disability"),
        .keep_invalid = cli_flag(args, "keep-invalid"),
    };
    ImportResult res;
    int rc = svc_import_run(ctx, &req, actor, &res, err);
    if (rc == 0) {
        cli_print_problems(&cmd_import, &res.report.warnings);
        print_report(&res.report);
        print_marks(&res.report);
    } else if (res.problems.n_total > 0) {
        cli_print_problems(&cmd_import, &res.problems);
        if (res.report.keepable > 0)
            fprintf(stderr,
                    "note: %ld of the problems above %s a code not in its year's list or a field "
                    "contradicting another: --keep-invalid stores such rows with the value "
                    "marked as unknown\n",
                    res.report.keepable, res.report.keepable == 1 ? "is" : "are");
        fprintf(stderr, "import failed: %ld problem%s; nothing was imported\n",
                res.problems.n_total, res.problems.n_total == 1 ? "" : "s");
        rc = CLI_EXIT_ERROR;
    }
    svc_import_free(&res);
    return rc;
}

const CliCommand cmd_import = {
    "import",       "read SSDA903 CSV files into the database (one transaction)",
    import_options, (int)(sizeof import_options / sizeof import_options[0]),
    "PATH...",      true,
    run_import,     CONTEXT_CODES,
};
