/* calendar: see calendar.h. The rules for one year produce a short sorted list
 * of named holidays; the Calendar concatenates those lists for its years,
 * applies the override files to the list, and then derives its bitmap and
 * running count from the list. It must not know about children, due dates or
 * anything above base/. */
#include "base/calendar.h"

#include "base/csv.h"
#include "base/embed.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define CAL_DEFAULT_OVERRIDES "data/bank-holidays.csv"

enum { CAL_MAX_PER_YEAR = 12 }; /* 10 at most: 8 bank holidays, Good Friday, Christmas */

/* A growable list of holidays sorted by date. */
typedef struct HolidayList {
    CalHoliday *items;
    int n, cap;
} HolidayList;

/* ---- The computus and the rules for one year ---- */

Date calendar_easter_sunday(int year)
{
    /* The Gregorian computus (the "anonymous" algorithm published by Meeus):
     * the Paschal full moon from the 19-year lunar cycle with the century
     * corrections for leap years and the moon's drift, then the next Sunday. */
    int cycle = year % 19;
    int century = year / 100, in_century = year % 100;
    int skipped_leaps = century / 4, century_rest = century % 4;
    int moon_fix = (century - (century + 8) / 25 + 1) / 3;
    int epact = (19 * cycle + century - skipped_leaps - moon_fix + 15) % 30;
    int to_sunday = (32 + 2 * century_rest + 2 * (in_century / 4) - epact - in_century % 4) % 7;
    int late_shift = (cycle + 11 * epact + 22 * to_sunday) / 451;
    int days = epact + to_sunday - 7 * late_shift + 114;
    return date_from_ymd(year, days / 31, days % 31 + 1);
}

static bool is_weekend(Date d)
{
    return date_weekday(d) >= 5;
}

/* The first Monday on or after date. */
static Date monday_on_or_after(Date d)
{
    return d + (7 - date_weekday(d)) % 7;
}

static Date last_monday_of(int year, int month)
{
    Date last = date_from_ymd(year, month, date_days_in_month(year, month));
    return last - date_weekday(last);
}

static bool fixed_list_has(const CalHoliday *h, int n, Date d)
{
    for (int i = 0; i < n; i++)
        if (h[i].date == d) return true;
    return false;
}

static void fixed_list_add(CalHoliday *h, int *n, Date d, const char *name)
{
    h[*n].date = d;
    h[*n].name = name;
    (*n)++;
}

/* A holiday on a Saturday or Sunday gets a substitute day: the next weekday
 * that is not already a holiday. Proclamations under BFDA 1971 s1(3) always
 * move forward (statutory.md A4). */
static void add_substitute(CalHoliday *h, int *n, Date actual, const char *sub_name)
{
    if (!is_weekend(actual)) return;
    Date d = actual + 1;
    while (is_weekend(d) || fixed_list_has(h, *n, d)) d++;
    fixed_list_add(h, n, d, sub_name);
}

/* Christmas Day (common law) and Boxing Day (BFDA 1971 Sch 1 para 1). Both
 * are listed first so that a substitute never lands on the other's day:
 * 25 Dec on a Saturday gives 27 and 28 Dec; on a Sunday, 26 Dec stays Boxing
 * Day and 27 Dec is the substitute (Sch 1: "27th December in a year in which
 * 25th or 26th December is a Sunday"); 26 Dec on a Saturday gives 28 Dec. */
static void add_christmas(CalHoliday *h, int *n, int year)
{
    Date christmas = date_from_ymd(year, 12, 25);
    fixed_list_add(h, n, christmas, "Christmas Day");
    fixed_list_add(h, n, christmas + 1, "Boxing Day");
    add_substitute(h, n, christmas, "Christmas Day (substitute day)");
    add_substitute(h, n, christmas + 1, "Boxing Day (substitute day)");
}

static void sort_fixed_list(CalHoliday *h, int n)
{
    for (int i = 1; i < n; i++) {
        CalHoliday x = h[i];
        int j = i;
        for (; j > 0 && h[j - 1].date > x.date; j--) h[j] = h[j - 1];
        h[j] = x;
    }
}

/* The rule-made holidays of one year, sorted; returns how many. Before 1971
 * the same rules are applied (see docs/calendar.md). */
static int rule_holidays(int year, CalHoliday h[CAL_MAX_PER_YEAR])
{
    int n = 0;
    if (year >= 1974) { /* by royal proclamation each year since 1974 */
        Date new_year = date_from_ymd(year, 1, 1);
        fixed_list_add(h, &n, new_year, "New Year's Day");
        add_substitute(h, &n, new_year, "New Year's Day (substitute day)");
    }
    Date easter = calendar_easter_sunday(year);
    fixed_list_add(h, &n, easter - 2, "Good Friday");   /* common law; FOIA s10(6) */
    fixed_list_add(h, &n, easter + 1, "Easter Monday"); /* BFDA 1971 Sch 1 para 1 */
    if (year >= 1978) /* by royal proclamation each year since 1978 */
        fixed_list_add(h, &n, monday_on_or_after(date_from_ymd(year, 5, 1)),
                       "Early May bank holiday");
    fixed_list_add(h, &n, last_monday_of(year, 5), "Spring bank holiday"); /* Sch 1 */
    fixed_list_add(h, &n, last_monday_of(year, 8), "Summer bank holiday"); /* Sch 1 */
    add_christmas(h, &n, year);
    sort_fixed_list(h, n);
    return n;
}

/* The rule-made holiday name for a date, for dates outside the Calendar's years. */
static const char *rule_holiday_name(Date d)
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    if (y < 1583) return NULL; /* before the Gregorian calendar: no computus */
    CalHoliday h[CAL_MAX_PER_YEAR];
    int n = rule_holidays(y, h);
    for (int i = 0; i < n; i++)
        if (h[i].date == d) return h[i].name;
    return NULL;
}

/* ---- The sorted holiday list ---- */

/* The index of date in the list, or -(insertion point) - 1 when absent. */
static int list_find(const CalHoliday *items, int n, Date d)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (items[mid].date < d) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < n && items[lo].date == d ? lo : -lo - 1;
}

static void list_put(HolidayList *l, Date d, const char *name)
{
    int at = list_find(l->items, l->n, d);
    if (at >= 0) {
        l->items[at].name = name;
        return;
    }
    at = -at - 1;
    MEM_GROW(l->items, l->n, l->cap);
    memmove(&l->items[at + 1], &l->items[at], (size_t)(l->n - at) * sizeof *l->items);
    l->items[at] = (CalHoliday){d, name};
    l->n++;
}

static void list_remove_at(HolidayList *l, int at)
{
    memmove(&l->items[at], &l->items[at + 1], (size_t)(l->n - at - 1) * sizeof *l->items);
    l->n--;
}

/* ---- Building the index ---- */

static int day_index(const Calendar *cal, Date d)
{
    return (int)(d - cal->first);
}

static bool in_range(const Calendar *cal, Date d)
{
    return d >= cal->first && d <= cal->last;
}

static void mark_closed(Calendar *cal, Date d)
{
    int i = day_index(cal, d);
    cal->closed[i / 8] |= (uint8_t)(1u << (i % 8));
}

static bool bit_closed(const Calendar *cal, int i)
{
    return (cal->closed[i / 8] >> (i % 8)) & 1u;
}

/* Derives the bitmap and the running count from the holiday list. */
static void rebuild_index(Calendar *cal)
{
    int n_days = day_index(cal, cal->last) + 1;
    memset(cal->closed, 0, (size_t)(n_days + 7) / 8);
    /* Weekends a week apart from the first Saturday (every command that reads
     * the calendar builds this at start-up: 131 years of days). */
    Date saturday = cal->first + (5 - date_weekday(cal->first) + 7) % 7;
    if (saturday > cal->first && is_weekend(cal->first)) mark_closed(cal, cal->first); /* Sunday */
    for (Date d = saturday; d <= cal->last; d += 7) {
        mark_closed(cal, d);
        if (d + 1 <= cal->last) mark_closed(cal, d + 1);
    }
    for (int i = 0; i < cal->n_holidays; i++) mark_closed(cal, cal->holidays[i].date);
    cal->working[0] = 0;
    for (int i = 0; i < n_days; i++) cal->working[i + 1] = cal->working[i] + !bit_closed(cal, i);
}

/* The rule holidays of every year, without the index (rebuild_index). */
static void init_unindexed(Calendar *cal)
{
    memset(cal, 0, sizeof *cal);
    cal->first = date_from_ymd(CAL_FIRST_YEAR, 1, 1);
    cal->last = date_from_ymd(CAL_LAST_YEAR, 12, 31);
    int n_days = day_index(cal, cal->last) + 1;
    cal->closed = xcalloc((size_t)(n_days + 7) / 8, 1);
    cal->working = xcalloc((size_t)n_days + 1, sizeof *cal->working);
    HolidayList l = {0};
    for (int y = CAL_FIRST_YEAR; y <= CAL_LAST_YEAR; y++) {
        CalHoliday h[CAL_MAX_PER_YEAR];
        int n = rule_holidays(y, h);
        for (int i = 0; i < n; i++) {
            MEM_GROW(l.items, l.n, l.cap);
            l.items[l.n++] = h[i];
        }
    }
    cal->holidays = l.items;
    cal->n_holidays = l.n;
    cal->cap_holidays = l.cap;
}

void calendar_init(Calendar *cal)
{
    init_unindexed(cal);
    rebuild_index(cal);
}

void calendar_free(Calendar *cal)
{
    free(cal->closed);
    free(cal->working);
    free(cal->holidays);
    arena_free(&cal->names);
    memset(cal, 0, sizeof *cal);
}

/* ---- Override files ---- */

static int check_header(CsvReader *r, Err *err)
{
    static const char *const want[] = {"date", "action", "name"};
    int rc = csv_next(r, err);
    if (rc < 0) return rc;
    if (rc == 0)
        return err_at(err, ERR_INPUT, r->path, 1, 0, NULL,
                      "the file is empty; expected the header row date,action,name");
    bool ok = r->n_fields == 3;
    for (int i = 0; ok && i < 3; i++) ok = strcmp(r->fields[i].text, want[i]) == 0;
    if (!ok)
        return err_at(err, ERR_INPUT, r->path, r->record_line, 1, NULL,
                      "expected the header row date,action,name");
    return 0;
}

static bool is_fixed_by_statute(Date d)
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    return (m == 12 && day == 25) || d == calendar_easter_sunday(y) - 2;
}

static int parse_override_date(const Calendar *cal, const CsvReader *r, const CsvField *f,
                               Date *out, Err *err)
{
    if (date_parse_iso(f->text, f->len, out) < 0)
        return err_at(err, ERR_INPUT, r->path, f->line, f->column, "date",
                      "'%s' is not a date of the form YYYY-MM-DD", f->text);
    if (!in_range(cal, *out))
        return err_at(err, ERR_INPUT, r->path, f->line, f->column, "date",
                      "%s is outside the calendar's years %d-%d", f->text, CAL_FIRST_YEAR,
                      CAL_LAST_YEAR);
    return 0;
}

static int apply_remove(HolidayList *l, const CsvReader *r, const CsvField *f, Date d, Err *err)
{
    int at = list_find(l->items, l->n, d);
    if (at < 0)
        return err_at(err, ERR_INPUT, r->path, f->line, f->column, "date",
                      "%s is not a holiday, so it cannot be removed", f->text);
    if (is_fixed_by_statute(d))
        return err_at(err, ERR_INPUT, r->path, f->line, f->column, "date",
                      "%s is %s, which is never a working day; it cannot be removed", f->text,
                      l->items[at].name);
    list_remove_at(l, at);
    return 0;
}

/* Applies one data row to the working list. */
static int apply_row(Calendar *cal, HolidayList *l, const CsvReader *r, Err *err)
{
    if (r->n_fields != 3) {
        const CsvField *f = &r->fields[r->n_fields > 3 ? 3 : 0];
        return err_at(err, ERR_INPUT, r->path, f->line, f->column, NULL,
                      "expected 3 fields (date,action,name), found %d", r->n_fields);
    }
    const CsvField *date_f = &r->fields[0], *action_f = &r->fields[1], *name_f = &r->fields[2];
    Date d;
    int rc = parse_override_date(cal, r, date_f, &d, err);
    if (rc < 0) return rc;
    if (strcmp(action_f->text, "remove") == 0) return apply_remove(l, r, date_f, d, err);
    if (strcmp(action_f->text, "add") != 0)
        return err_at(err, ERR_INPUT, r->path, action_f->line, action_f->column, "action",
                      "unknown action '%s' (expected add or remove)", action_f->text);
    if (name_f->len == 0)
        return err_at(err, ERR_INPUT, r->path, name_f->line, name_f->column, "name",
                      "an added holiday needs a name");
    list_put(l, d, arena_strndup(&cal->names, name_f->text, name_f->len));
    return 0;
}

/* Applies every row to a copy of the holiday list and keeps the copy only
 * when the whole file is good. */
static int apply_overrides(Calendar *cal, CsvReader *r, Err *err)
{
    assert(cal->closed && "calendar_init first");
    int rc = check_header(r, err);
    if (rc < 0) return rc;
    HolidayList l = {xmalloc((size_t)cal->cap_holidays * sizeof *l.items), cal->n_holidays,
                     cal->cap_holidays};
    memcpy(l.items, cal->holidays, (size_t)cal->n_holidays * sizeof *l.items);
    while ((rc = csv_next(r, err)) == 1)
        if ((rc = apply_row(cal, &l, r, err)) < 0) break;
    if (rc < 0) {
        free(l.items);
        return rc;
    }
    free(cal->holidays);
    cal->holidays = l.items;
    cal->n_holidays = l.n;
    cal->cap_holidays = l.cap;
    rebuild_index(cal);
    return 0;
}

int calendar_load_overrides_buffer(Calendar *cal, const char *name, const char *data, size_t len,
                                   Err *err)
{
    CsvReader r;
    int rc = csv_open_buffer(&r, name, data, len, err);
    if (rc == 0) rc = apply_overrides(cal, &r, err);
    csv_close(&r);
    return rc;
}

int calendar_load_overrides_file(Calendar *cal, const char *path, Err *err)
{
    CsvReader r;
    int rc = csv_open_file(&r, path, err);
    if (rc == 0) rc = apply_overrides(cal, &r, err);
    csv_close(&r);
    return rc;
}

int calendar_load_default(Calendar *cal, Err *err)
{
    init_unindexed(cal); /* the overrides below build the index once */
    const EmbeddedFile *f = embed_find(CAL_DEFAULT_OVERRIDES);
    if (!f) return err_set(err, ERR_IO, "%s is not built into this binary", CAL_DEFAULT_OVERRIDES);
    return calendar_load_overrides_buffer(cal, f->name, (const char *)f->data, f->len, err);
}

/* ---- Queries ---- */

bool calendar_is_working_day(const Calendar *cal, Date date)
{
    if (in_range(cal, date)) return !bit_closed(cal, day_index(cal, date));
    return !is_weekend(date) && rule_holiday_name(date) == NULL;
}

const char *calendar_holiday_name(const Calendar *cal, Date date)
{
    if (!in_range(cal, date)) return rule_holiday_name(date);
    int at = list_find(cal->holidays, cal->n_holidays, date);
    return at >= 0 ? cal->holidays[at].name : NULL;
}

Date calendar_add_working_days(const Calendar *cal, Date date, int n)
{
    int step = n < 0 ? -1 : 1;
    for (int left = abs(n); left > 0;) {
        date += step;
        if (calendar_is_working_day(cal, date)) left--;
    }
    return date;
}

/* Weekdays (Monday to Friday) in (from, to] for from <= to: whole weeks by
 * arithmetic, the rest (at most six days) one by one. */
static long weekdays_between(Date from, Date to)
{
    long days = (long)to - from;
    long n = days / 7 * 5;
    for (Date d = (Date)(to - days % 7 + 1); d <= to; d++) n += !is_weekend(d);
    return n;
}

/* Working days in (from, to] outside the Calendar's years, by the rules alone:
 * the weekdays less the rule-made holidays that fall on one, a year at a
 * time, so that a range of thousands of years costs thousands of steps, not
 * millions (issue 12: `scorecard --year 9999/00` counted day by day). */
static long count_by_rules(Date from, Date to)
{
    long n = weekdays_between(from, to);
    int y_from, y_to, m, d;
    date_to_ymd(from + 1, &y_from, &m, &d);
    date_to_ymd(to, &y_to, &m, &d);
    for (int y = y_from < 1583 ? 1583 : y_from; y <= y_to; y++) {
        CalHoliday h[CAL_MAX_PER_YEAR];
        int k = rule_holidays(y, h);
        for (int i = 0; i < k; i++)
            if (h[i].date > from && h[i].date <= to && !is_weekend(h[i].date)) n--;
    }
    return n;
}

/* Working days in (from, to] for from <= to: the part within the Calendar's
 * years from its running count, the parts before and after by the rules. */
static long count_forward(const Calendar *cal, Date from, Date to)
{
    long n = 0;
    if (from < cal->first - 1) {
        Date upto = to < cal->first - 1 ? to : cal->first - 1;
        n += count_by_rules(from, upto);
        from = upto;
    }
    if (to > cal->last) {
        Date after = from > cal->last ? from : cal->last;
        n += count_by_rules(after, to);
        to = after;
    }
    if (from < to)
        n += cal->working[day_index(cal, to) + 1] - cal->working[day_index(cal, from) + 1];
    return n;
}

int calendar_working_days_between(const Calendar *cal, Date from, Date to)
{
    long n = from <= to ? count_forward(cal, from, to) : -count_forward(cal, to, from);
    return (int)n;
}
