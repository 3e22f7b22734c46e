/* ssda903_header_years: which Header a child's return of each collection year
 * carried, kept as an interval map (schema/sqlite/027_header_years.sql).
 *
 * The store keeps the child's current Header (the latest return's, with the
 * year of that return) and, where an earlier year's Header differed from the
 * one in force after it, that Header with the last year it applied to: an
 * entry (until, cells) is the Header of every year up to `until` after the
 * previous entry's; the years after the last entry take the current Header.
 * A child whose Header never changed has no entry. These functions are the
 * arithmetic of that map, over cells the caller owns; they read no database. */
#ifndef CAREPLEDGE_SSDA903_HEADER_YEARS_H
#define CAREPLEDGE_SSDA903_HEADER_YEARS_H

#include <stdbool.h>

/* The Header columns (CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB), in the
 * table's order. */
enum { SSDA903_HEADER_COLUMNS = 7 };

/* One Header with a collection year (end year: 2024 = 2023/24): for an entry
 * of the map, the last year it applied to; for the current Header, the year
 * of the return it came from; for a Header an import gives, its return's
 * year. cells holds SSDA903_HEADER_COLUMNS values, NULL for not recorded. */
typedef struct HeaderYear {
    int year;
    const char *const *cells;
} HeaderYear;

/* Whether two Headers say the same: every column but CHILD, NULL equal only
 * to NULL, and SEX 1 and 2 the same as M and F (the form changed in 2024/25). */
bool ssda903_header_same(const char *const *a, const char *const *b);

/* The entries of one child's map after an import gave it the Headers of some
 * years. current: the stored Header (cells NULL when the child has none);
 * entries: the stored entries, ascending by year, each below current.year;
 * given: the import's Headers, ascending by year, one per year. The import
 * makes the latest of given the current Header when its year is not below
 * current.year (the store's rule for every row); every year given then has
 * the Header given for it, and every other year keeps the one it had. Writes
 * the new entries, ascending by year and each below the new current Header's
 * year, into out (room for n_entries + 2 * n_given) and returns their number.
 * Consecutive entries never say the same, and none says the same as the
 * Header in force after it, so an unchanged Header adds nothing. */
int ssda903_header_years_merge(HeaderYear current, const HeaderYear *entries, int n_entries,
                               const HeaderYear *given, int n_given, HeaderYear *out);

/* Whether two lists of entries are the same years with the same Headers. */
bool ssda903_header_years_equal(const HeaderYear *a, int n_a, const HeaderYear *b, int n_b);

/* The index of the entry that holds the Header of collection year `year`
 * (the first, in ascending order, whose year is not below it), or -1 when
 * the current Header does. */
int ssda903_header_years_find(const HeaderYear *entries, int n_entries, int year);

#endif
