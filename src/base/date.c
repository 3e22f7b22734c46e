/* date: see date.h. The day-count conversions use the era-based algorithm for
 * the proleptic Gregorian calendar (400-year eras of 146097 days), which is exact
 * for every date the program can meet. */
#include "base/date.h"

#include <stdio.h>
#include <string.h>

bool date_is_leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && date_is_leap_year(y)) return 29;
    return days[m - 1];
}

bool date_ymd_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

Date date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_ymd(Date date, int *y, int *m, int *d)
{
    int z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int date_weekday(Date date)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int w = (date + 3) % 7;
    return w < 0 ? w + 7 : w;
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int finish_parse(int y, int m, int d, Date *out)
{
    if (y < 0 || m < 0 || d < 0 || !date_ymd_valid(y, m, d)) return -1;
    *out = date_from_ymd(y, m, d);
    return 0;
}

int date_parse_dmy(const char *s, size_t len, Date *out)
{
    if (len != 10 || s[2] != '/' || s[5] != '/') return -1;
    return finish_parse(digits(s + 6, 4), digits(s + 3, 2), digits(s, 2), out);
}

int date_parse_iso(const char *s, size_t len, Date *out)
{
    if (len != 10 || s[4] != '-' || s[7] != '-') return -1;
    return finish_parse(digits(s, 4), digits(s + 5, 2), digits(s + 8, 2), out);
}

int date_parse_any(const char *s, Date *out)
{
    size_t len = strlen(s);
    if (date_parse_iso(s, len, out) == 0) return 0;
    return date_parse_dmy(s, len, out);
}

/* Writes the last n decimal digits of v, zero-padded. */
static void put_digits(char *out, unsigned v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

char *date_format_iso(Date date, char *buf)
{
    if (date == DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    put_digits(buf, (unsigned)y, 4);
    buf[4] = '-';
    put_digits(buf + 5, (unsigned)m, 2);
    buf[7] = '-';
    put_digits(buf + 8, (unsigned)d, 2);
    buf[10] = '\0';
    return buf;
}

char *date_format_dmy(Date date, char *buf)
{
    if (date == DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    put_digits(buf, (unsigned)d, 2);
    buf[2] = '/';
    put_digits(buf + 3, (unsigned)m, 2);
    buf[5] = '/';
    put_digits(buf + 6, (unsigned)y, 4);
    buf[10] = '\0';
    return buf;
}

Date date_add_months(Date date, int months)
{
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    int index = y * 12 + (m - 1) + months;
    int ny = index / 12, nm = index % 12 + 1;
    int last = date_days_in_month(ny, nm);
    return date_from_ymd(ny, nm, d <= last ? d : last);
}

Date date_birthday(Date dob, int age)
{
    int y, m, d;
    date_to_ymd(dob, &y, &m, &d);
    if (m == 2 && d == 29 && !date_is_leap_year(y + age)) return date_from_ymd(y + age, 3, 1);
    return date_from_ymd(y + age, m, d);
}

int date_age_on(Date dob, Date on)
{
    int by, bm, bd, y, m, d;
    date_to_ymd(dob, &by, &bm, &bd);
    date_to_ymd(on, &y, &m, &d);
    int age = y - by;
    if (age > 0 && on < date_birthday(dob, age)) age--;
    return age;
}

int date_collection_year(Date date)
{
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    return m >= 4 ? y + 1 : y;
}

Date date_collection_year_start(int end_year)
{
    return date_from_ymd(end_year - 1, 4, 1);
}

Date date_collection_year_end(int end_year)
{
    return date_from_ymd(end_year, 3, 31);
}

int date_parse_collection_year(const char *s)
{
    size_t len = strlen(s);
    /* Years start at 1900/01, in every form: "1900" would be 1899/1900,
     * which "1899/00" is not. */
    if (len == 4) {
        int y = digits(s, 4);
        return y >= 1901 ? y : -1;
    }
    if ((len != 7 && len != 9) || s[4] != '/') return -1;
    int start = digits(s, 4);
    int end = digits(s + 5, (int)len - 5);
    if (start < 1900 || end < 0) return -1;
    int want = len == 7 ? (start + 1) % 100 : start + 1;
    return end == want ? start + 1 : -1;
}
