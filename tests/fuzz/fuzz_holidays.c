/* fuzz_holidays: libFuzzer target for the council's bank-holiday file
 * (`--holidays`, base/calendar's overrides). Any input must be applied or
 * refused with a located message, never crash. All or nothing: a refused file
 * leaves the calendar as it was. Whatever a file says, Christmas Day and Good
 * Friday stay non-working days (the statutory definition), the holidays stay
 * sorted with one per date, and every holiday is a non-working day. */
#include "base/calendar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_calendar(const Calendar *cal)
{
    for (int i = 0; i < cal->n_holidays; i++) {
        if (i > 0 && cal->holidays[i - 1].date >= cal->holidays[i].date) __builtin_trap();
        if (calendar_is_working_day(cal, cal->holidays[i].date)) __builtin_trap();
        if (!cal->holidays[i].name) __builtin_trap();
    }
    /* 25 December 2026 and Good Friday, 3 April 2026. */
    if (calendar_is_working_day(cal, date_from_ymd(2026, 12, 25)) ||
        calendar_is_working_day(cal, date_from_ymd(2026, 4, 3)))
        __builtin_trap();
    Date from = date_from_ymd(2026, 1, 1);
    Date due = calendar_add_working_days(cal, from, 20);
    if (due <= from || !calendar_is_working_day(cal, due)) __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The shipped calendar, built once (building it is most of a run) and
     * again after a file was applied, and now and then after refusals (whose
     * names may stay in its arena), so that files do not pile up. */
    static Calendar cal;
    static int runs_since_load = -1;
    Err err = {0};
    if (runs_since_load < 0 || runs_since_load >= 1000) {
        if (runs_since_load >= 0) calendar_free(&cal);
        if (calendar_load_default(&cal, &err) < 0) abort();
        runs_since_load = 0;
    }
    runs_since_load++;
    int before = cal.n_holidays;
    Date first = before ? cal.holidays[0].date : DATE_NONE;
    if (calendar_load_overrides_buffer(&cal, "holidays.csv", (const char *)data, size, &err) < 0) {
        if (!err.msg[0] || cal.n_holidays != before || (before && cal.holidays[0].date != first))
            __builtin_trap();
    } else {
        check_calendar(&cal);
        runs_since_load = 1000;
    }
    return 0;
}
