/* cmd_care: the care-leaver list and the strategy's profile.
 *   carepledge leavers --db FILE --at DATE [--rules 2010|current] [--format text|csv|json]
 *   carepledge profile --db FILE --at DATE [--rules 2010|current] [--format text|csv|json]
 *                      [--publish [--threshold N]] */
#include "cli/cli.h"
#include "cli/commands.h"

#include "domain/disclosure.h"
#include "domain/disclosure_system.h"
#include "domain/leaver.h"
#include "domain/profile.h"
#include "render/table.h"
#include "service/dataset_load.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

/* Both commands take the first four; profile also the last two. */
static const CliOption options[] = {
    {"db", true},     {"at", true},       {"rules", true},
    {"format", true}, {"publish", false}, {"threshold", true},
};
enum { N_SHARED_OPTIONS = 4, N_PROFILE_OPTIONS = 6 };

typedef struct CareQuery {
    Date at;
    LeaverRules rules;
    OutputFormat format;
    bool publish;
    int threshold;
    Dataset ds;
} CareQuery;

/* --threshold: the largest count withheld when publishing (the rule is
 * domain/disclosure_system's, the same for every command). */
static int parse_publishing(const CliArgs *args, CareQuery *q, Err *err)
{
    q->publish = cli_flag(args, "publish");
    return disc_threshold_option(cli_get(args, "threshold"), q->publish, &q->threshold, err);
}

/* Parses the options and loads the dataset. */
static int prepare(const char *command, int argc, char **argv, int n_options, CareQuery *q)
{
    CliArgs args;
    Err err;
    memset(q, 0, sizeof *q);
    int rc = cli_parse(argc, argv, options, n_options, &args, &err);
    const char *db = cli_get(&args, "db"), *at = cli_get(&args, "at");
    const char *rules = cli_get(&args, "rules"), *format = cli_get(&args, "format");
    if (rc < 0) {
    } else if (!db || !at || args.n_positional) {
        rc = err_set(&err, ERR_USAGE, "needs --db FILE and --at DATE, and no other arguments");
    } else if (date_parse_any(at, &q->at) < 0) {
        rc = err_set(&err, ERR_USAGE, "--at '%s' is not a date (YYYY-MM-DD or dd/mm/yyyy)", at);
    } else if (rules && leaver_parse_rules(rules, &q->rules) < 0) {
        rc = err_set(&err, ERR_USAGE, "--rules must be 2010 or current, not '%s'", rules);
    } else if ((rc = render_format_parse(format, RENDER_FORMATS_TABLE, &q->format, &err)) < 0) {
    } else if ((rc = parse_publishing(&args, q, &err)) < 0) {
    } else {
        /* Care history and OC3 are all that leaver status and the profile read. */
        rc = service_load_dataset_parts(db, &q->ds, STORE_LOAD_EPISODES | STORE_LOAD_OC3, &err);
    }
    cli_args_free(&args);
    return rc < 0 ? cli_fail(command, &err) : 0;
}

static const RenderColumn leaver_columns[] = {
    {"child", false}, {"category", false}, {"age", true}, {"entitlement", false}, {"reason", false},
};

int cmd_leavers(int argc, char **argv)
{
    CareQuery q;
    int status = prepare("leavers", argc, argv, N_SHARED_OPTIONS, &q);
    if (status) return status;
    RenderTable t;
    render_table_init(&t, leaver_columns, 5);
    for (int i = 0; i < q.ds.n_children; i++) {
        const Child *c = &q.ds.children[i];
        LeaverStatus st = leaver_status(&q.ds, c, q.at, q.rules);
        if (st.category == LEAVER_NONE) continue;
        char age[16];
        snprintf(age, sizeof age, "%d", st.age);
        const char *row[] = {c->id, leaver_category_name(st.category), age, st.entitlement,
                             st.reason};
        render_table_add_row(&t, row);
    }
    render_table_write(stdout, &t, q.format);
    render_table_free(&t);
    dataset_free(&q.ds);
    return CLI_EXIT_OK;
}

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

static void write_profile_text(const ProfileRow *rows, const bool *withheld, Date at, int threshold)
{
    char date[DATE_FMT_LEN], count[24];
    printf("Profile of children and young people in care and care leavers on %s\n",
           date_format_dmy(at, date));
    if (threshold)
        printf(
            "Published figures: c = withheld (from 1 to %d, or so that one cannot be worked out)\n",
            threshold);
    const char *table = NULL;
    for (int i = 0; i < PROFILE_N_ROWS; i++) {
        if (!table || strcmp(table, rows[i].table) != 0) {
            table = rows[i].table;
            printf("\n%s\n", table);
        }
        printf("  %-64s %6s\n", rows[i].row, count_text(&rows[i], withheld[i], count));
    }
}

int cmd_profile(int argc, char **argv)
{
    CareQuery q;
    int status = prepare("profile", argc, argv, N_PROFILE_OPTIONS, &q);
    if (status) return status;
    ProfileRow rows[PROFILE_N_ROWS];
    bool withheld[PROFILE_N_ROWS] = {false};
    profile_compute(&q.ds, q.at, q.rules, rows);
    Err err;
    if (q.publish && profile_publish(rows, q.threshold, withheld, &err) < 0) {
        dataset_free(&q.ds);
        return cli_fail("profile", &err);
    }
    if (q.format == FORMAT_TEXT) {
        write_profile_text(rows, withheld, q.at, q.publish ? q.threshold : 0);
    } else {
        RenderTable t;
        render_table_init(&t, profile_columns, 3);
        for (int i = 0; i < PROFILE_N_ROWS; i++) {
            char count[24];
            const char *row[] = {rows[i].table, rows[i].row,
                                 count_text(&rows[i], withheld[i], count)};
            render_table_add_row(&t, row);
        }
        render_table_write(stdout, &t, q.format);
        render_table_free(&t);
    }
    dataset_free(&q.ds);
    return CLI_EXIT_OK;
}
