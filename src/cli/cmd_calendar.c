/* cmd_calendar: "carepledge calendar", the non-working days between two dates.
 *
 * Lists the bank holidays, Good Fridays and Christmas Days of the England and
 * Wales working-day calendar (base/calendar.h) that fall on weekdays, and with
 * --weekends every Saturday and Sunday too, so that a user can check the
 * calendar the due dates are computed on. It reads no database. */
#include "base/calendar.h"
#include "base/csv.h"
#include "base/date.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "render/format.h"
#include "render/json.h"

#include <stdio.h>
#include <string.h>

typedef struct CalendarRequest {
    Date from, to;
    const char *holidays; /* user override file, or NULL */
    OutputFormat format;
    bool weekends;
} CalendarRequest;

static const CliOption calendar_options[] = {
    {"from", true}, {"to", true}, {"holidays", true}, {"format", true}, {"weekends", false},
};

static const char *const weekday_names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static int parse_date_option(const CliArgs *a, const char *name, Date *out, Err *err)
{
    const char *v = cli_get(a, name);
    if (!v) return err_set(err, ERR_USAGE, "--%s DATE is required", name);
    if (date_parse_any(v, out) < 0)
        return err_set(err, ERR_USAGE, "--%s: '%s' is not a date (use YYYY-MM-DD or dd/mm/yyyy)",
                       name, v);
    return 0;
}

static int read_request(const CliArgs *a, CalendarRequest *req, Err *err)
{
    if (a->n_positional > 0)
        return err_set(err, ERR_USAGE, "unexpected argument '%s'", a->positional[0]);
    int rc = parse_date_option(a, "from", &req->from, err);
    if (rc == 0) rc = parse_date_option(a, "to", &req->to, err);
    if (rc == 0)
        rc = render_format_parse(cli_get(a, "format"), RENDER_FORMATS_TABLE, &req->format, err);
    if (rc < 0) return rc;
    if (req->to < req->from)
        return err_set(err, ERR_USAGE, "--to %s is before --from %s", cli_get(a, "to"),
                       cli_get(a, "from"));
    req->holidays = cli_get(a, "holidays");
    req->weekends = cli_flag(a, "weekends");
    return 0;
}

static void print_day(FILE *out, RenderJson *json, OutputFormat format, Date d, const char *name)
{
    char iso[DATE_FMT_LEN];
    date_format_iso(d, iso);
    const char *weekday = weekday_names[date_weekday(d)];
    if (format == FORMAT_CSV) {
        const char *row[3] = {iso, weekday, name};
        csv_write_row(out, row, 3);
    } else if (format == FORMAT_JSON) {
        json_t *day = json_object();
        render_json_set(day, "date", render_json_text(iso));
        render_json_set(day, "weekday", render_json_text(weekday));
        render_json_set(day, "name", render_json_text(name));
        render_json_put(json, NULL, day);
    } else {
        fprintf(out, "%s  %s  %s\n", iso, weekday, name);
    }
}

static void print_days(FILE *out, const Calendar *cal, const CalendarRequest *req)
{
    char from[DATE_FMT_LEN], to[DATE_FMT_LEN];
    RenderJson json;
    render_json_start(&json, out);
    if (req->format == FORMAT_CSV) fputs("date,weekday,name\n", out);
    if (req->format == FORMAT_JSON) {
        render_json_open_object(&json, NULL);
        render_json_put(&json, "from", render_json_text(date_format_iso(req->from, from)));
        render_json_put(&json, "to", render_json_text(date_format_iso(req->to, to)));
        render_json_put(&json, "working_days",
                        json_integer(calendar_working_days_between(cal, req->from - 1, req->to)));
        render_json_open_array(&json, "days");
    }
    for (Date d = req->from; d <= req->to; d++) {
        if (calendar_is_working_day(cal, d)) continue;
        bool weekend = date_weekday(d) >= 5;
        if (weekend && !req->weekends) continue;
        const char *name = calendar_holiday_name(cal, d);
        print_day(out, &json, req->format, d, name ? name : "weekend");
    }
    if (req->format == FORMAT_JSON) {
        render_json_close(&json); /* days */
        render_json_close(&json);
    }
}

static int run(const CalendarRequest *req, Err *err)
{
    Calendar cal;
    int rc = calendar_load_default(&cal, err);
    if (rc == 0 && req->holidays) rc = calendar_load_overrides_file(&cal, req->holidays, err);
    if (rc == 0) print_days(stdout, &cal, req);
    calendar_free(&cal);
    if (rc == 0 && fflush(stdout) != 0) rc = err_set(err, ERR_IO, "cannot write the output");
    return rc;
}

int cmd_calendar(int argc, char **argv)
{
    CliArgs args;
    CalendarRequest req = {0};
    Err err = {0};
    int n_options = (int)(sizeof calendar_options / sizeof calendar_options[0]);
    int rc = cli_parse(argc, argv, calendar_options, n_options, &args, &err);
    if (rc == 0) rc = read_request(&args, &req, &err);
    if (rc == 0) rc = run(&req, &err);
    cli_args_free(&args);
    return rc < 0 ? cli_fail("calendar", &err) : CLI_EXIT_OK;
}
