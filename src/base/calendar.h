/* calendar: the England and Wales working-day calendar for statutory timescales.
 *
 * A working day is any day other than a Saturday, a Sunday, Christmas Day, Good
 * Friday or a bank holiday in England and Wales under the Banking and Financial
 * Dealings Act 1971 (the formula used by FOIA 2000 s10(6) and across the
 * regulations; see docs/calendar.md). Bank holidays come from two sources:
 *
 *   - rules: BFDA 1971 Sch 1 para 1 (Easter Monday, last Monday in May, last
 *     Monday in August, 26 December, 27 December when 25 or 26 December is a
 *     Sunday) and the yearly royal proclamations under s1(3) (1 January since
 *     1974, first Monday in May since 1978, substitute days that move a holiday
 *     falling on a weekend forward to the next free weekday);
 *   - overrides: one-off and moved holidays from data/bank-holidays.csv, built
 *     into the binary, and from any file the user names (same columns).
 *
 * A Calendar is built once and is read-only afterwards, so one Calendar can be
 * shared by threads. For the years CAL_FIRST_YEAR..CAL_LAST_YEAR it keeps a
 * bitmap of non-working days and a running count of working days, so that
 * calendar_is_working_day and calendar_working_days_between are O(1). Dates
 * outside those years are answered from the rules alone (no overrides), more
 * slowly.
 *
 * Timescales in months, weeks or calendar days do not use this module: use
 * date_add_months (base/date.h) or plain day arithmetic. Pure apart from
 * calendar_load_overrides_file, which reads the one file it is given. */
#ifndef CAREPLEDGE_CALENDAR_H
#define CAREPLEDGE_CALENDAR_H

#include "base/date.h"
#include "base/err.h"
#include "base/mem.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { CAL_FIRST_YEAR = 1970, CAL_LAST_YEAR = 2100 };

/* One named non-working day other than an ordinary weekend. */
typedef struct CalHoliday {
    Date date;
    const char *name; /* static text, or owned by the Calendar's arena */
} CalHoliday;

typedef struct Calendar {
    Date first, last;     /* 1 January CAL_FIRST_YEAR .. 31 December CAL_LAST_YEAR */
    uint8_t *closed;      /* one bit per day from first: set = not a working day */
    int32_t *working;     /* working[i] = working days in [first, first + i) */
    CalHoliday *holidays; /* sorted by date, at most one per date */
    int n_holidays, cap_holidays;
    Arena names; /* holiday names read from override files */
} Calendar;

/* Builds the calendar from the rules alone, without any override file. The
 * Calendar owns what it allocates; free it with calendar_free. */
void calendar_init(Calendar *cal);

/* Builds the calendar from the rules and applies the shipped overrides
 * (data/bank-holidays.csv, embedded in the binary). Returns 0, or a negative
 * ERR_* code with err filled. Free cal with calendar_free either way. */
int calendar_load_default(Calendar *cal, Err *err);

/* Applies an override file: CSV with the header "date,action,name" and one
 * row per change, date as YYYY-MM-DD, action "add" (the day becomes a holiday
 * with that name; a second add of the same day renames it) or "remove" (the
 * day stops being a holiday, e.g. the usual date of a moved holiday). Rows
 * apply in order. Christmas Day and Good Friday cannot be removed: the
 * statutory definition excludes them whatever any proclamation says.
 * All or nothing: on error the calendar is unchanged, and err names the file,
 * line, column and field (date, action or name). Returns 0 or ERR_IO /
 * ERR_INPUT. */
int calendar_load_overrides_file(Calendar *cal, const char *path, Err *err);
/* The same over a buffer; name is used in messages. */
int calendar_load_overrides_buffer(Calendar *cal, const char *name, const char *data, size_t len,
                                   Err *err);

/* True when date is a working day. O(1) within CAL_FIRST_YEAR..CAL_LAST_YEAR. */
bool calendar_is_working_day(const Calendar *cal, Date date);

/* The name of the holiday on date ("Good Friday", "Boxing Day (substitute
 * day)"), or NULL when date is no holiday (an ordinary weekend day or a
 * working day). The text lives as long as the Calendar. */
const char *calendar_holiday_name(const Calendar *cal, Date date);

/* "Within N working days of D": the N-th working day after D, D itself not
 * counted, whether or not D is a working day (statutory.md A4, an assumed
 * convention). N = 0 returns D unchanged. A negative N counts backwards: the
 * |N|-th working day before D. */
Date calendar_add_working_days(const Calendar *cal, Date date, int n);

/* The number of working days after from, up to and including to; when to is
 * before from, minus the number after to up to and including from. So for
 * n >= 0, calendar_working_days_between(cal, d,
 * calendar_add_working_days(cal, d, n)) == n. */
int calendar_working_days_between(const Calendar *cal, Date from, Date to);

/* Easter Sunday of a Gregorian year (1583 or later), by the computus. */
Date calendar_easter_sunday(int year);

/* Frees what the Calendar owns; the struct can be initialised again after. */
void calendar_free(Calendar *cal);

#endif
