/* cmd_calendar: "carepledge calendar", the non-working days between two dates.
 *
 * Lists the bank holidays, Good Fridays and Christmas Days of the England and
 * Wales working-day calendar (base/calendar.h) that fall on weekdays, and with
 * --weekends every Saturday and Sunday too, so that a user can check the
 * calendar the due dates are computed on. It reads no database: the days come
 * from service/svc_reference.h over the context's calendar. */
#include "render/csv.h"
#include "base/date.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "render/json.h"
#include "render/table.h"
#include "service/svc_reference.h"

#include <stdio.h>
#include <string.h>

typedef enum CalFormat { CAL_TEXT, CAL_CSV, CAL_JSON } CalFormat;

static const CliOption calendar_options[] = {
    {"from", "DATE", "the first day listed", cli_check_date, true, 0, 0, NULL},
    {"to", "DATE", "the last day listed", cli_check_date, true, 0, 0, NULL},
    {"holidays", "FILE", "the council's changes to the bank holidays (docs/calendar.md)", NULL,
     false, 0, 0, NULL},
    {"format", NULL, "how to write the days", cli_check_choice, false, 0, 0, cmd_table_formats},
    {"weekends", NULL, "list every Saturday and Sunday too", NULL, false, 0, 0, NULL},
    CLI_OPTION_OUT,
    CLI_OPTION_CSV_RAW,
};

static const char *const weekday_names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static void print_day(FILE *out, RenderJson *json, CalFormat format, Date d, const char *name)
{
    char iso[DATE_FMT_LEN];
    date_format_iso(d, iso);
    const char *weekday = weekday_names[date_weekday(d)];
    if (format == CAL_CSV) {
        const char *row[3] = {iso, weekday, name};
        render_csv_row(out, row, 3);
    } else if (format == CAL_JSON) {
        json_t *day = json_object();
        render_json_set(day, "date", render_json_text(iso));
        render_json_set(day, "weekday", render_json_text(weekday));
        render_json_set(day, "name", render_json_text(name));
        render_json_put(json, NULL, day);
    } else {
        fprintf(out, "%s  %s  %s\n", iso, weekday, name);
    }
}

static void print_days(FILE *out, const CalendarRequest *req, const CalendarResult *res,
                       CalFormat format)
{
    char from[DATE_FMT_LEN], to[DATE_FMT_LEN];
    RenderJson json;
    render_json_start(&json, out);
    if (format == CAL_CSV) fputs("date,weekday,name\n", out);
    if (format == CAL_JSON) {
        render_json_open_object(&json, NULL);
        render_json_put(&json, "from", render_json_text(date_format_iso(req->from, from)));
        render_json_put(&json, "to", render_json_text(date_format_iso(req->to, to)));
        render_json_put(&json, "working_days", json_integer(res->working_days));
        render_json_open_array(&json, "days");
    }
    for (int i = 0; i < res->n_days; i++)
        print_day(out, &json, format, res->days[i].date, res->days[i].name);
    if (format == CAL_JSON) {
        render_json_close(&json); /* days */
        render_json_close(&json);
    }
}

static int run_calendar(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    CalendarRequest req = {.from = cli_value(args, "from")->date,
                           .to = cli_value(args, "to")->date,
                           .weekends = cli_flag(args, "weekends")};
    if (req.to < req.from)
        return err_set(err, ERR_USAGE, "--to %s is before --from %s", cli_text(args, "to"),
                       cli_text(args, "from"));
    CalendarResult res;
    int rc = svc_calendar_run(ctx, &req, actor, &res, err);
    if (rc == 0) print_days(args->out, &req, &res, (CalFormat)cli_value(args, "format")->choice);
    svc_calendar_free(&res);
    return rc < 0 ? rc : CLI_EXIT_OK;
}

const CliCommand cmd_calendar = {
    "calendar",
    "list the non-working days (bank holidays) of the working-day calendar",
    calendar_options,
    (int)(sizeof calendar_options / sizeof calendar_options[0]),
    NULL,
    false,
    run_calendar,
    CONTEXT_CALENDAR,
};
