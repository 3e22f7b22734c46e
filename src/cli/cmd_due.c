/* cmd_due: the worklist of statutory timescales, and how well they were kept.
 *   carepledge due --db FILE --at DATE [--within DAYS] [--overdue] [--child ID]
 *                  [--holidays FILE] [--format text|csv|json]
 *   carepledge compliance --db FILE --from DATE --to DATE [--holidays FILE]
 *                  [--format text|csv|json]
 *
 * Thin: each reads its options, calls its service (service/svc_due.h) and
 * writes one row per item owed (columns child, item, due, status,
 * days_overdue, rule), or per kind of item (item, fell_due, on_time, late,
 * not_done, on_time_rate). The rules are in domain/due.c and docs/due.md. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "render/table.h"
#include "service/svc_due.h"

#include <string.h>

#define OPTION_DB                                                       \
    {                                                                   \
        "db", "FILE", "the Carepledge database", NULL, true, 0, 0, NULL \
    }
#define OPTION_HOLIDAYS                                                                            \
    {                                                                                              \
        "holidays", "FILE", "the council's changes to the bank holidays (docs/calendar.md)", NULL, \
            false, 0, 0, NULL                                                                      \
    }
#define OPTION_FORMAT                                                             \
    {                                                                             \
        "format", NULL, "how to write the result", cli_check_choice, false, 0, 0, \
            cmd_table_formats                                                     \
    }

static const CliOption due_options[] = {
    OPTION_DB,
    {"at", "DATE", "the date of the worklist", cli_check_date, true, 0, 0, NULL},
    {"within", "DAYS", "only what falls due within this many days", cli_check_number, false, 0,
     36600, NULL},
    {"overdue", NULL, "only what is overdue", NULL, false, 0, 0, NULL},
    {"child", "ID", "only this child's items", NULL, false, 0, 0, NULL},
    OPTION_HOLIDAYS,
    OPTION_FORMAT,
    CLI_OPTION_OUT,
    CLI_OPTION_CSV_RAW,
};

static const RenderColumn due_columns[] = {
    {"child", false},  {"item", false},        {"due", false},
    {"status", false}, {"days_overdue", true}, {"rule", false},
};

static void write_due(FILE *out, const DueResult *res, OutputFormat format)
{
    RenderTable t;
    render_table_init(&t, due_columns, 6);
    for (int i = 0; i < res->n_rows; i++) {
        const DueEntry *e = &res->rows[i].entry;
        char due[DATE_FMT_LEN], days[16];
        snprintf(days, sizeof days, "%d", e->days_overdue);
        const char *row[] = {res->rows[i].child,
                             due_item_name(e->item),
                             date_format_iso(e->due, due),
                             due_status_name(e->status),
                             days,
                             e->rule};
        render_table_add_row(&t, row);
    }
    render_table_write(out, &t, format);
    render_table_free(&t);
}

static int run_due(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    const CliValue *within = cli_value(args, "within");
    DueRequest req = {
        .at = cli_value(args, "at")->date,
        .within = within->given ? (int)within->number : -1,
        .overdue_only = cli_flag(args, "overdue"),
        .child = cli_text(args, "child"),
    };
    ServiceData data = {.db_path = cli_text(args, "db")};
    OutputFormat format;
    render_format_parse(cli_text(args, "format"), RENDER_FORMATS_TABLE, &format, NULL);
    DueResult res;
    int rc = svc_due_run(ctx, &data, &req, actor, &res, err);
    if (rc == 0) {
        write_due(args->out, &res, format);
        cli_print_marked(format == FORMAT_TEXT ? args->out : stderr, &res.marked);
    }
    svc_due_free(&res);
    return rc < 0 ? rc : CLI_EXIT_OK;
}

const CliCommand cmd_due = {
    "due",       "the worklist: what each child and care leaver is owed, when, and what is overdue",
    due_options, (int)(sizeof due_options / sizeof due_options[0]),
    NULL,        false,
    run_due,     CONTEXT_CALENDAR,
};

/* ---- compliance ---------------------------------------------------------- */

static const CliOption compliance_options[] = {
    OPTION_DB,
    {"from", "DATE", "the first day of the period", cli_check_date, true, 0, 0, NULL},
    {"to", "DATE", "the last day of the period", cli_check_date, true, 0, 0, NULL},
    OPTION_HOLIDAYS,
    OPTION_FORMAT,
    CLI_OPTION_OUT,
    CLI_OPTION_CSV_RAW,
};

static const RenderColumn compliance_columns[] = {
    {"item", false}, {"fell_due", true}, {"on_time", true},
    {"late", true},  {"not_done", true}, {"on_time_rate", true},
};

static void write_compliance(FILE *out, const Compliance *cm, OutputFormat format)
{
    RenderTable t;
    render_table_init(&t, compliance_columns, 6);
    for (int i = 0; i < DUE_ITEM_COUNT; i++) {
        const ComplianceCount *k = &cm->counts[i];
        char v[5][24];
        snprintf(v[0], sizeof v[0], "%ld", k->fell_due);
        snprintf(v[1], sizeof v[1], "%ld", k->on_time);
        snprintf(v[2], sizeof v[2], "%ld", k->late);
        snprintf(v[3], sizeof v[3], "%ld", k->not_done);
        /* On-time rate in per cent, one decimal; none when nothing fell due. */
        if (k->fell_due)
            snprintf(v[4], sizeof v[4], "%.1f", 100.0 * (double)k->on_time / (double)k->fell_due);
        const char *row[] = {due_item_name((DueItem)i), v[0], v[1], v[2], v[3],
                             k->fell_due ? v[4] : NULL};
        render_table_add_row(&t, row);
    }
    render_table_write(out, &t, format);
    render_table_free(&t);
}

static int run_compliance(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    ComplianceRequest req = {.from = cli_value(args, "from")->date,
                             .to = cli_value(args, "to")->date};
    if (req.to < req.from)
        return err_set(err, ERR_USAGE, "--to %s is before --from %s", cli_text(args, "to"),
                       cli_text(args, "from"));
    ServiceData data = {.db_path = cli_text(args, "db")};
    OutputFormat format;
    render_format_parse(cli_text(args, "format"), RENDER_FORMATS_TABLE, &format, NULL);
    ComplianceResult res;
    int rc = svc_compliance_run(ctx, &data, &req, actor, &res, err);
    if (rc == 0) {
        write_compliance(args->out, &res.counts, format);
        cli_print_marked(format == FORMAT_TEXT ? args->out : stderr, &res.marked);
    }
    svc_compliance_free(&res);
    return rc < 0 ? rc : CLI_EXIT_OK;
}

const CliCommand cmd_compliance = {
    "compliance",
    "how many statutory items fell due in a period, done on time, late or not done",
    compliance_options,
    (int)(sizeof compliance_options / sizeof compliance_options[0]),
    NULL,
    false,
    run_compliance,
    CONTEXT_CALENDAR,
};
