/* cmd_governance: the Pledge's governance (service/svc_governance.h,
 * docs/governance.md).
 *   carepledge governance list TABLE --db FILE [--format text|csv]
 *   carepledge governance template TABLE          (the CSV header to fill in)
 *   carepledge governance import --db FILE PATH...
 *   carepledge governance due --db FILE [--at DATE] [--overdue]
 *   carepledge governance participation --db FILE [--at DATE] [--per-child] [--publish]
 *   carepledge governance you-said --db FILE
 *   carepledge governance demo --db FILE --out DIR [--year YYYY/YY] [--seed N]
 * TABLE is groups, members, meetings, actions, participation, issues,
 * priorities, progress, training or scrutiny. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "base/csv.h"
#include "service/svc_governance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char *const list_formats[] = {"text", "csv", NULL};

static const CliOption governance_options[] = {
    {"db", "FILE", "the Carepledge database", NULL, false, 0, 0, NULL},
    {"at", "DATE", "the date the report is for (default: today)", cli_check_date, false, 0, 0,
     NULL},
    {"year", "YYYY/YY", "the collection year (default: the one the date is in)", cli_check_year,
     false, 0, 0, NULL},
    {"format", "FORMAT", "list: text or csv (the template's columns, to edit and import back)",
     cli_check_choice, false, 0, 0, list_formats},
    {"overdue", NULL, "due: only what is overdue or was done late", NULL, false, 0, 0, NULL},
    {"per-child", NULL, "participation: each child's items, not only the aggregate", NULL, false, 0,
     0, NULL},
    {"publish", NULL, "participation: withhold small counts (docs/disclosure.md)", NULL, false, 0,
     0, NULL},
    {"out", "DIR", "demo: the folder for the generated templates", NULL, false, 0, 0, NULL},
    {"seed", "N", "demo: the random seed", cli_check_number, false, 0, 1L << 30, NULL},
};

static int need_db(const CliArgs *args, const char *action, Err *err)
{
    if (cli_text(args, "db")) return 0;
    return err_set(err, ERR_USAGE, "governance %s needs --db FILE", action);
}

static const GovTable *table_operand(const CliArgs *args, const char *action, Err *err)
{
    const GovTable *t = args->n_operands > 1 ? governance_table_find(args->operands[1]) : NULL;
    if (!t)
        err_set(err, ERR_USAGE,
                "governance %s needs a table: groups, members, meetings, actions, participation, "
                "issues, priorities, progress, training or scrutiny",
                action);
    return t;
}

static Date the_date(const CliArgs *args)
{
    const CliValue *v = cli_value(args, "at");
    if (v && v->given) return v->date;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int the_year(const CliArgs *args, Date at)
{
    const CliValue *v = cli_value(args, "year");
    return v && v->given ? v->year : date_collection_year(at);
}

static void print_header(const GovTable *t)
{
    const char *names[GOV_MAX_COLUMNS];
    for (int c = 0; c < t->n_columns; c++) names[c] = t->columns[c].name;
    csv_write_row(stdout, names, t->n_columns);
}

static int run_list(const CliArgs *args, const Actor *actor, Err *err)
{
    const GovTable *t = table_operand(args, "list", err);
    if (!t || need_db(args, "list", err) < 0) return err->code;
    GovRows rows;
    if (svc_gov_list(cli_text(args, "db"), t->id, actor, &rows, err) < 0) return err->code;
    const CliValue *f = cli_value(args, "format");
    bool csv = f && f->given && f->choice == 1;
    if (csv) print_header(t);
    for (int r = 0; r < rows.n_rows; r++) {
        const char *const *cells =
            (const char *const *)&rows.cells[(size_t)r * (size_t)t->n_columns];
        if (csv) {
            csv_write_row(stdout, cells, t->n_columns);
            continue;
        }
        for (int c = 0; c < t->n_columns; c++) {
            const char *v = cells[c];
            printf("%s%-.*s", c ? " | " : "",
                   (int)strcspn(v, "\n") > 60 ? 60 : (int)strcspn(v, "\n"), v);
        }
        printf("\n");
    }
    if (!csv && rows.seeded) printf("(the shipped seed: stored when the table is first written)\n");
    svc_gov_rows_free(&rows);
    return CLI_EXIT_OK;
}

static int run_import(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    if (need_db(args, "import", err) < 0) return err->code;
    if (args->n_operands < 2) return err_set(err, ERR_USAGE, "governance import needs PATH...");
    ErrList problems = {0};
    long rows;
    int rc = svc_gov_import(ctx, cli_text(args, "db"), (const char *const *)args->operands + 1,
                            args->n_operands - 1, actor, "cli", &rows, &problems, err);
    if (problems.n_total) cli_print_problems(args->command, &problems);
    errlist_free(&problems);
    if (rc < 0) return rc;
    printf("%ld governance rows recorded\n", rows);
    return CLI_EXIT_OK;
}

static int run_due(const CliArgs *args, const Actor *actor, Err *err)
{
    if (need_db(args, "due", err) < 0) return err->code;
    Date at = the_date(args);
    int year = the_year(args, at);
    GovDueReport rep;
    if (svc_gov_due(cli_text(args, "db"), year, at, actor, &rep, err) < 0) return err->code;
    bool overdue_only = cli_flag(args, "overdue");
    char due[DATE_FMT_LEN], done[DATE_FMT_LEN], at_text[DATE_FMT_LEN];
    printf("Governance due on %s (collection year %d/%02d)\n", date_format_iso(at, at_text),
           year - 1, year % 100);
    int overdue = 0;
    for (int i = 0; i < rep.n_lines; i++) {
        const GovDueLine *l = &rep.lines[i];
        overdue += l->state == GOV_OVERDUE;
        if (overdue_only && l->state != GOV_OVERDUE && l->state != GOV_DONE_LATE) continue;
        printf("%-9s %-8s %-10s %-10s %-10s %s\n", governance_state_name(l->state), l->kind,
               date_format_iso(l->due, due), date_format_iso(l->done, done),
               l->ref[0] ? l->ref : "-", l->what);
    }
    printf("Promise 3.13: %ld of %ld CiCC issues due in the year answered within 28 days\n",
           rep.issues_num, rep.issues_den);
    svc_gov_due_free(&rep);
    return overdue ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
}

static void print_published(const GovParticipation *p, int r)
{
    printf("%-32s %5s of %-5s", governance_rule_name((GovRule)r), p->published.num[r],
           p->published.den[r]);
    for (int g = 0; g < GOV_SPLIT_COUNT; g++)
        printf("  %s %s/%s", governance_split_name(g), p->published.split_num[r][g],
               p->published.split_den[r][g]);
    printf("\n");
}

static int run_participation(const CliArgs *args, const Actor *actor, Err *err)
{
    if (need_db(args, "participation", err) < 0) return err->code;
    Date at = the_date(args);
    int year = the_year(args, at);
    bool publish = cli_flag(args, "publish"), per_child = cli_flag(args, "per-child") && !publish;
    ServiceData data = {.db_path = cli_text(args, "db")};
    GovParticipation p;
    if (svc_gov_participation(&data, data.db_path, year, at, per_child, publish, 0, actor, &p,
                              err) < 0)
        return err->code;
    char due[DATE_FMT_LEN], done[DATE_FMT_LEN];
    for (int i = 0; i < p.n_items; i++) {
        const GovPartItem *it = &p.items[i].item;
        printf("%-12s %-32s %d of %d  due %s  %-9s %s\n", p.items[i].child,
               governance_rule_name(it->rule), it->have, it->need, date_format_iso(it->due, due),
               governance_state_name(it->state), date_format_iso(it->done, done));
    }
    printf("CiCC participation, collection year %d/%02d, on %s%s\n", year - 1, year % 100,
           date_format_iso(at, due), publish ? " (published: small counts withheld)" : "");
    for (int r = 0; r < GOV_RULE_COUNT; r++) {
        if (publish) {
            print_published(&p, r);
            continue;
        }
        printf("%-32s %5ld of %-5ld", governance_rule_name((GovRule)r), p.tally.num[r],
               p.tally.den[r]);
        for (int g = 0; g < GOV_SPLIT_COUNT; g++)
            printf("  %s %ld/%ld", governance_split_name(g), p.tally.split_num[r][g],
                   p.tally.split_den[r][g]);
        printf("\n");
    }
    svc_gov_participation_free(&p);
    return CLI_EXIT_OK;
}

static int run_you_said(const CliArgs *args, Err *err)
{
    if (need_db(args, "you-said", err) < 0) return err->code;
    GovYouSaid *v;
    int n;
    if (svc_gov_you_said(cli_text(args, "db"), &v, &n, err) < 0) return err->code;
    for (int i = 0; i < n; i++)
        printf("%s  You said: %s\n         We did: %s%s\n", v[i].month, v[i].issue, v[i].we_did,
               v[i].answered_in_time ? "" : " (answered after 28 days)");
    svc_gov_you_said_free(v, n);
    return CLI_EXIT_OK;
}

static int run_demo(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    const char *out = cli_text(args, "out");
    if (need_db(args, "demo", err) < 0) return err->code;
    if (!out) return err_set(err, ERR_USAGE, "governance demo needs --out DIR");
    mkdir(out, 0777);
    const CliValue *y = cli_value(args, "year"), *seed = cli_value(args, "seed");
    int year = y && y->given ? y->year : 2010;
    ErrList problems = {0};
    long rows;
    int rc = svc_gov_demo(ctx, cli_text(args, "db"), year,
                          seed && seed->given ? (unsigned long)seed->number : 2010, out, actor,
                          &rows, &problems, err);
    if (problems.n_total) cli_print_problems(args->command, &problems);
    errlist_free(&problems);
    if (rc < 0) return rc;
    printf("%ld demo governance rows recorded (templates in %s)\n", rows, out);
    return CLI_EXIT_OK;
}

static int run_governance(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    const char *action = args->operands[0];
    if (strcmp(action, "list") == 0) return run_list(args, actor, err);
    if (strcmp(action, "template") == 0) {
        const GovTable *t = table_operand(args, "template", err);
        if (!t) return err->code;
        print_header(t);
        return CLI_EXIT_OK;
    }
    if (strcmp(action, "import") == 0) return run_import(args, ctx, actor, err);
    if (strcmp(action, "due") == 0) return run_due(args, actor, err);
    if (strcmp(action, "participation") == 0) return run_participation(args, actor, err);
    if (strcmp(action, "you-said") == 0) return run_you_said(args, err);
    if (strcmp(action, "demo") == 0) return run_demo(args, ctx, actor, err);
    return err_set(err, ERR_USAGE,
                   "no action '%s': list, template, import, due, participation, you-said or demo",
                   action);
}

const CliCommand cmd_governance = {
    "governance",
    "the groups, meetings, CiCC issues and participation, and the action plan",
    governance_options,
    (int)(sizeof governance_options / sizeof governance_options[0]),
    "ACTION [TABLE | PATH...]",
    true,
    run_governance,
    CONTEXT_CATALOGUE,
};
