/* cmd_care: the care-leaver list and the strategy's profile.
 *   carepledge leavers --db FILE --at DATE [--rules 2010|current] [--format text|csv|json]
 *   carepledge profile --db FILE --at DATE [--rules 2010|current] [--format text|csv|json]
 *                      [--publish [--threshold N]]
 * Each reads its options, calls its service (service/svc_care.h) and renders
 * the result as a table (render/table.h). */
#include "cli/cli.h"
#include "cli/commands.h"

#include "domain/disclosure.h"
#include "render/table.h"
#include "service/svc_care.h"

#include <string.h>

#define CARE_OPTIONS                                                                             \
    {"db", "FILE", "the Carepledge database", NULL, true, 0, 0, NULL},                           \
        {"at", "DATE", "the date (YYYY-MM-DD or dd/mm/yyyy)", cli_check_date, true, 0, 0, NULL}, \
        {"rules",                                                                                \
         NULL,                                                                                   \
         "care-leaver law of 2010 (support to 24) or today's (to 25)",                           \
         cli_check_choice,                                                                       \
         false,                                                                                  \
         0,                                                                                      \
         0,                                                                                      \
         cmd_leaver_rules},                                                                      \
        {"format", NULL, "how to write the result", cli_check_choice, false,                     \
         0,        0,    cmd_table_formats},                                                     \
        CLI_OPTION_OUT, CLI_OPTION_CSV_RAW

static const CliOption leavers_options[] = {CARE_OPTIONS};
static const CliOption profile_options[] = {
    CARE_OPTIONS,
    {"publish", NULL, "withhold small counts, for figures that leave the council", NULL, false, 0,
     0, NULL},
    {"threshold", "N", "the largest count withheld when publishing (default 5)", cli_check_number,
     false, 1, 100, NULL},
};

/* The request's date, rules and format, and where the history is. */
static void read_common(const CliArgs *args, Date *at, LeaverRules *rules, OutputFormat *format,
                        ServiceData *data)
{
    *at = cli_value(args, "at")->date;
    *rules = LEAVER_RULES_CURRENT;
    if (cli_text(args, "rules")) leaver_parse_rules(cli_text(args, "rules"), rules);
    render_format_parse(cli_text(args, "format"), RENDER_FORMATS_TABLE, format, NULL);
    *data = (ServiceData){.db_path = cli_text(args, "db")};
}

static const RenderColumn leaver_columns[] = {
    {"child", false}, {"category", false}, {"age", true}, {"entitlement", false}, {"reason", false},
};

static int run_leavers(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    LeaversRequest req;
    OutputFormat format;
    ServiceData data;
    read_common(args, &req.at, &req.rules, &format, &data);
    LeaversResult res;
    int rc = svc_leavers_run(ctx, &data, &req, actor, &res, err);
    if (rc == 0) {
        RenderTable t;
        render_table_init(&t, leaver_columns, 5);
        for (int i = 0; i < res.n_rows; i++) {
            const LeaverStatus *st = &res.rows[i].status;
            char age[16];
            snprintf(age, sizeof age, "%d", st->age);
            const char *row[] = {res.rows[i].child, leaver_category_name(st->category), age,
                                 st->entitlement, st->reason};
            render_table_add_row(&t, row);
        }
        render_table_write(args->out, &t, format);
        render_table_free(&t);
        cli_print_marked(format == FORMAT_TEXT ? args->out : stderr, &res.marked);
    }
    svc_leavers_free(&res);
    return rc < 0 ? rc : CLI_EXIT_OK;
}

const CliCommand cmd_leavers = {
    "leavers",
    "list care leavers and their category on a date",
    leavers_options,
    (int)(sizeof leavers_options / sizeof leavers_options[0]),
    NULL,
    false,
    run_leavers,
    0,
};

static const RenderColumn profile_columns[] = {
    {"table", false},
    {"row", false},
    {"count", true},
};

/* The published text of a row's count: "c" when withheld. */
static const char *count_text(const ProfileRow *row, bool withheld, char buf[24])
{
    if (withheld) return "c";
    snprintf(buf, 24, "%ld", row->count);
    return buf;
}

static void write_profile_text(FILE *out, const ProfileResult *res, Date at, int threshold)
{
    char date[DATE_FMT_LEN], count[24];
    fprintf(out, "Profile of children and young people in care and care leavers on %s\n",
            date_format_dmy(at, date));
    if (threshold)
        fprintf(
            out,
            "Published figures: c = withheld (from 1 to %d, or so that one cannot be worked out)\n",
            threshold);
    const char *table = NULL;
    for (int i = 0; i < PROFILE_N_ROWS; i++) {
        const ProfileRow *row = &res->rows[i];
        if (!table || strcmp(table, row->table) != 0) {
            table = row->table;
            fprintf(out, "\n%s\n", table);
        }
        fprintf(out, "  %-64s %6s\n", row->row, count_text(row, res->withheld[i], count));
    }
}

static void write_profile_table(FILE *out, const ProfileResult *res, OutputFormat format)
{
    RenderTable t;
    render_table_init(&t, profile_columns, 3);
    for (int i = 0; i < PROFILE_N_ROWS; i++) {
        char count[24];
        const char *row[] = {res->rows[i].table, res->rows[i].row,
                             count_text(&res->rows[i], res->withheld[i], count)};
        render_table_add_row(&t, row);
    }
    render_table_write(out, &t, format);
    render_table_free(&t);
}

static int run_profile(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    ProfileRequest req = {.publish = cli_flag(args, "publish"),
                          .threshold = DISC_DEFAULT_THRESHOLD};
    OutputFormat format;
    ServiceData data;
    read_common(args, &req.at, &req.rules, &format, &data);
    if (cli_flag(args, "threshold")) {
        if (!req.publish) return err_set(err, ERR_USAGE, "--threshold goes with --publish");
        req.threshold = (int)cli_value(args, "threshold")->number;
    }
    ProfileResult res;
    int rc = svc_profile_run(ctx, &data, &req, actor, &res, err);
    if (rc < 0) return rc;
    if (format == FORMAT_TEXT) {
        write_profile_text(args->out, &res, req.at, req.publish ? req.threshold : 0);
        if (res.marked.n) fputc('\n', args->out);
    } else {
        write_profile_table(args->out, &res, format);
    }
    cli_print_marked(format == FORMAT_TEXT ? args->out : stderr, &res.marked);
    return CLI_EXIT_OK;
}

const CliCommand cmd_profile = {
    "profile",
    "the strategy's profile of children in care and care leavers on a date",
    profile_options,
    (int)(sizeof profile_options / sizeof profile_options[0]),
    NULL,
    false,
    run_profile,
    /* Published, the profile is built with the scorecard (svc_publish), which
     * reads these; the plain one reads neither, and loading them was 3% of
     * its instructions (bench/RESULTS.md). */
    CONTEXT_CALENDAR | CONTEXT_CATALOGUE | CLI_CONTEXT_IF_PUBLISHED,
};
