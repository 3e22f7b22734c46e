/* date: civil dates as a day count, parsing, formatting, ages and month arithmetic.
 *
 * A Date is the number of days since 1970-01-01 in the proleptic Gregorian
 * calendar, so differences are day counts and comparisons are integer ones.
 * DATE_NONE stands for "not recorded". Pure: no clock, no locale, no I/O. */
#ifndef CAREPLEDGE_DATE_H
#define CAREPLEDGE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t Date;
#define DATE_NONE    INT32_MIN
#define DATE_FMT_LEN 11 /* "YYYY-MM-DD" or "dd/mm/yyyy" plus NUL */

/* Builds a date from year, month (1-12) and day (1-31); the parts must be valid. */
Date date_from_ymd(int y, int m, int d);
void date_to_ymd(Date date, int *y, int *m, int *d);
bool date_is_leap_year(int y);
int date_days_in_month(int y, int m);
bool date_ymd_valid(int y, int m, int d);
/* 0 = Monday ... 6 = Sunday. */
int date_weekday(Date date);

/* Strict dd/mm/yyyy, the 903's form: exactly two digits, slash, two, slash, four.
 * Returns 0 and sets *out, or -1 when the text is not a real date of that form. */
int date_parse_dmy(const char *s, size_t len, Date *out);
/* Strict YYYY-MM-DD. */
int date_parse_iso(const char *s, size_t len, Date *out);
/* What the command line accepts: YYYY-MM-DD or dd/mm/yyyy. */
int date_parse_any(const char *s, Date *out);
/* Writes YYYY-MM-DD (or "" for DATE_NONE) into buf of DATE_FMT_LEN bytes; returns buf. */
char *date_format_iso(Date date, char *buf);
/* Writes dd/mm/yyyy (or ""). */
char *date_format_dmy(Date date, char *buf);

/* "N months after D": the same day number N months later, or the last day of
 * that month when it has no such day (31 Aug + 3 months = 30 Nov). N may be negative. */
Date date_add_months(Date date, int months);

/* The date on which someone born on dob attains the given age. A person born on
 * 29 February attains an age in a common year on 1 March: in English law a
 * person attains an age at the start of the anniversary of birth (Family Law
 * Reform Act 1969 s9), and a common year has no 29 February, so the anniversary
 * is taken as the day after 28 February. */
Date date_birthday(Date dob, int age);
/* Age in whole years on date `on` (the birthday itself counts as attained). */
int date_age_on(Date dob, Date on);

/* Collection years run 1 April to 31 March and are named by the year they end in:
 * 2010 means 2009/10. */
int date_collection_year(Date date);
Date date_collection_year_start(int end_year); /* 1 April of end_year-1 */
Date date_collection_year_end(int end_year);   /* 31 March of end_year */
/* Parses "2009/10", "2009/2010" or "2010" into the end year 2010; -1 on error. */
int date_parse_collection_year(const char *s);

#endif
