/* cmd_due: the worklist of statutory timescales, and how well they were kept.
 *   carepledge due --db FILE --at DATE [--within DAYS] [--overdue] [--child ID]
 *                  [--holidays FILE] [--format text|csv|json]
 *   carepledge compliance --db FILE --from DATE --to DATE [--holidays FILE]
 *                  [--format text|csv|json]
 *
 * Thin: it loads the Dataset and the calendar, asks domain/due for each
 * child's items, filters them and writes one row per item (columns child,
 * item, due, status, days_overdue, rule); compliance writes one row per item
 * (item, fell_due, on_time, late, not_done, on_time_rate) from
 * domain/compliance. The rules are in domain/due.c and docs/due.md. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "base/calendar.h"
#include "domain/compliance.h"
#include "domain/due.h"
#include "render/table.h"
#include "service/compliance_all.h"
#include "service/dataset_load.h"
#include "store/store.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* What the rules read: episodes, 903 reviews, OC3 (a care leaver's category
 * at 21 to 25) and the local records; not OC2, missing or adoption. */
#define DUE_PARTS (STORE_LOAD_EPISODES | STORE_LOAD_REVIEWS | STORE_LOAD_OC3 | STORE_LOAD_RECORDS)

static const CliOption options[] = {
    {"db", true},    {"at", true},       {"within", true}, {"overdue", false},
    {"child", true}, {"holidays", true}, {"format", true},
};
enum { N_OPTIONS = sizeof options / sizeof options[0] };

typedef struct DueQuery {
    Date at;
    int within; /* -1: no limit */
    bool overdue_only;
    const char *child;
    OutputFormat format;
} DueQuery;

/* A whole number of days, 0 to 36600; -1 when it is not one. */
static int parse_days(const char *s)
{
    if (!*s || strlen(s) > 5) return -1;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p)) return -1;
    int n = atoi(s);
    return n <= 36600 ? n : -1;
}

static int parse_query(const CliArgs *args, DueQuery *q, Err *err)
{
    const char *db = cli_get(args, "db"), *at = cli_get(args, "at");
    const char *within = cli_get(args, "within"), *format = cli_get(args, "format");
    q->within = -1;
    q->overdue_only = cli_flag(args, "overdue");
    q->child = cli_get(args, "child");
    if (!db || !at || args->n_positional)
        return err_set(err, ERR_USAGE, "needs --db FILE and --at DATE, and no other arguments");
    if (date_parse_any(at, &q->at) < 0)
        return err_set(err, ERR_USAGE, "--at '%s' is not a date (YYYY-MM-DD or dd/mm/yyyy)", at);
    if (within && (q->within = parse_days(within)) < 0)
        return err_set(err, ERR_USAGE, "--within '%s' is not a number of days (0 to 36600)",
                       within);
    return render_format_parse(format, RENDER_FORMATS_TABLE, &q->format, err);
}

static bool wanted(const DueQuery *q, const DueEntry *e)
{
    if (q->overdue_only && e->status != DUE_STATUS_OVERDUE) return false;
    if (q->within >= 0 && e->due > q->at + q->within) return false;
    return true;
}

static const RenderColumn columns[] = {
    {"child", false},  {"item", false},        {"due", false},
    {"status", false}, {"days_overdue", true}, {"rule", false},
};

static void add_child_rows(RenderTable *t, const Dataset *ds, const Child *c, const DueQuery *q,
                           const Calendar *cal)
{
    DueEntry entries[DUE_ITEM_COUNT];
    int n = due_for_child(ds, c, q->at, cal, entries);
    for (int i = 0; i < n; i++) {
        const DueEntry *e = &entries[i];
        if (!wanted(q, e)) continue;
        char due[DATE_FMT_LEN], days[16];
        snprintf(days, sizeof days, "%d", e->days_overdue);
        const char *row[] = {c->id,
                             due_item_name(e->item),
                             date_format_iso(e->due, due),
                             due_status_name(e->status),
                             days,
                             e->rule};
        render_table_add_row(t, row);
    }
}

int cmd_due(int argc, char **argv)
{
    CliArgs args;
    Err err;
    DueQuery q = {0};
    Dataset ds = {0};
    Calendar cal = {0};
    bool cal_built = false;
    int rc = cli_parse(argc, argv, options, N_OPTIONS, &args, &err);
    if (rc == 0) rc = parse_query(&args, &q, &err);
    if (rc == 0) {
        rc = calendar_load_default(&cal, &err);
        cal_built = true;
    }
    const char *holidays = rc == 0 ? cli_get(&args, "holidays") : NULL;
    if (rc == 0 && holidays) rc = calendar_load_overrides_file(&cal, holidays, &err);
    if (rc == 0) rc = service_load_dataset_parts(cli_get(&args, "db"), &ds, DUE_PARTS, &err);
    const Child *only = NULL;
    if (rc == 0 && q.child && !(only = dataset_find_child(&ds, q.child)))
        rc = err_set(&err, ERR_USAGE, "--child '%s' is not in the database", q.child);
    int status = CLI_EXIT_OK;
    if (rc < 0) {
        status = cli_fail("due", &err);
    } else {
        RenderTable t;
        render_table_init(&t, columns, 6);
        if (only)
            add_child_rows(&t, &ds, only, &q, &cal);
        else
            for (int i = 0; i < ds.n_children; i++)
                add_child_rows(&t, &ds, &ds.children[i], &q, &cal);
        render_table_write(stdout, &t, q.format);
        render_table_free(&t);
    }
    if (cal_built) calendar_free(&cal);
    dataset_free(&ds);
    cli_args_free(&args);
    return status;
}

/* ---- compliance ---------------------------------------------------------- */

static const CliOption compliance_options[] = {
    {"db", true}, {"from", true}, {"to", true}, {"holidays", true}, {"format", true},
};

static const RenderColumn compliance_columns[] = {
    {"item", false}, {"fell_due", true}, {"on_time", true},
    {"late", true},  {"not_done", true}, {"on_time_rate", true},
};

static int parse_period(const CliArgs *args, Date *from, Date *to, OutputFormat *format, Err *err)
{
    const char *db = cli_get(args, "db"), *f = cli_get(args, "from"), *t = cli_get(args, "to");
    if (!db || !f || !t || args->n_positional)
        return err_set(err, ERR_USAGE,
                       "needs --db FILE, --from DATE and --to DATE, and no other arguments");
    if (date_parse_any(f, from) < 0)
        return err_set(err, ERR_USAGE, "--from '%s' is not a date (YYYY-MM-DD or dd/mm/yyyy)", f);
    if (date_parse_any(t, to) < 0)
        return err_set(err, ERR_USAGE, "--to '%s' is not a date (YYYY-MM-DD or dd/mm/yyyy)", t);
    if (*to < *from) return err_set(err, ERR_USAGE, "--to %s is before --from %s", t, f);
    return render_format_parse(cli_get(args, "format"), RENDER_FORMATS_TABLE, format, err);
}

static void write_compliance(const Compliance *cm, OutputFormat format)
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
    render_table_write(stdout, &t, format);
    render_table_free(&t);
}

int cmd_compliance(int argc, char **argv)
{
    CliArgs args;
    Err err;
    Date from = DATE_NONE, to = DATE_NONE;
    OutputFormat format = FORMAT_TEXT;
    Dataset ds = {0};
    Calendar cal = {0};
    bool cal_built = false;
    int rc = cli_parse(argc, argv, compliance_options, 5, &args, &err);
    if (rc == 0) rc = parse_period(&args, &from, &to, &format, &err);
    if (rc == 0) {
        rc = calendar_load_default(&cal, &err);
        cal_built = true;
    }
    const char *holidays = rc == 0 ? cli_get(&args, "holidays") : NULL;
    if (rc == 0 && holidays) rc = calendar_load_overrides_file(&cal, holidays, &err);
    if (rc == 0) rc = service_load_dataset_parts(cli_get(&args, "db"), &ds, DUE_PARTS, &err);
    int status = CLI_EXIT_OK;
    if (rc < 0) {
        status = cli_fail("compliance", &err);
    } else {
        Compliance cm;
        compliance_init(&cm, from, to, &cal);
        compliance_add_all(&cm, &ds, 0); /* one thread per processor */
        write_compliance(&cm, format);
        compliance_free(&cm);
    }
    if (cal_built) calendar_free(&cal);
    dataset_free(&ds);
    cli_args_free(&args);
    return status;
}
