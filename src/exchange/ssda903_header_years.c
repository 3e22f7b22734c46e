/* ssda903_header_years: see ssda903_header_years.h.
 *
 * The map is a step function of the collection year: an entry's Header holds
 * from just after the previous entry up to its own year, the current Header
 * after the last entry. An import changes the function only at the years it
 * gives, so the new function is a step function whose steps can only be at a
 * stored entry's year, at a year given, or just before one (where the year
 * given begins to differ from what the years before it kept). The merge reads
 * the new function at each of those years, from the latest down, and keeps a
 * year only where its Header differs from the one in force just after it:
 * the fewest entries that say the same. */
#include "exchange/ssda903_header_years.h"

#include "base/mem.h"
#include "exchange/ssda903_columns.h"

#include <stdlib.h>
#include <string.h>

enum { SSDA903_COLUMNS_HEADER(SSDA903_ID, SSDA903_NOTHING) };

/* SEX as one form: the 903 gave 1 (male) and 2 (female) up to 2023/24 and M
 * and F from 2024/25 (DfE 903 rule 101), the same facts, and a year's return
 * writes either in its year's form (ssda903_return.c). A girl's Header is not
 * another one because 2024/25 spelt her sex F. */
static const char *sex_form(const char *sex)
{
    if (sex && strcmp(sex, "1") == 0) return "M";
    if (sex && strcmp(sex, "2") == 0) return "F";
    return sex;
}

bool ssda903_header_same(const char *const *a, const char *const *b)
{
    for (int c = 1; c < SSDA903_HEADER_COLUMNS; c++) {
        const char *x = c == H_SEX ? sex_form(a[c]) : a[c], *y = c == H_SEX ? sex_form(b[c]) : b[c];
        if (!x || !y) {
            if (x != y) return false;
        } else if (strcmp(x, y) != 0) {
            return false;
        }
    }
    return true;
}

int ssda903_header_years_find(const HeaderYear *entries, int n_entries, int year)
{
    for (int i = 0; i < n_entries; i++)
        if (entries[i].year >= year) return i;
    return -1;
}

static int descending(const void *pa, const void *pb)
{
    int a = *(const int *)pa, b = *(const int *)pb;
    return (a < b) - (a > b);
}

/* The Header of year y after the import: the one given for y, else the one
 * the stored map holds for it (NULL when the child had none). */
static const char *const *header_of(int y, HeaderYear current, const HeaderYear *entries,
                                    int n_entries, const HeaderYear *given, int n_given)
{
    for (int i = 0; i < n_given; i++)
        if (given[i].year == y) return given[i].cells;
    int e = ssda903_header_years_find(entries, n_entries, y);
    return e >= 0 ? entries[e].cells : current.cells;
}

int ssda903_header_years_merge(HeaderYear current, const HeaderYear *entries, int n_entries,
                               const HeaderYear *given, int n_given, HeaderYear *out)
{
    HeaderYear top = current;
    if (n_given && (!current.cells || given[n_given - 1].year >= current.year))
        top = given[n_given - 1];
    if (!top.cells) return 0;
    int n_steps = 0,
        *steps = xmalloc(((size_t)n_entries + 2 * (size_t)n_given + 1) * sizeof *steps);
    for (int i = 0; i < n_entries; i++) steps[n_steps++] = entries[i].year;
    for (int i = 0; i < n_given; i++) {
        steps[n_steps++] = given[i].year;
        steps[n_steps++] = given[i].year - 1;
    }
    qsort(steps, (size_t)n_steps, sizeof *steps, descending);
    const char *const *after = top.cells; /* the Header in force after the year read */
    int n_out = 0;
    for (int i = 0; i < n_steps; i++) {
        int y = steps[i];
        if (y >= top.year || (i > 0 && y == steps[i - 1])) continue;
        const char *const *cells = header_of(y, current, entries, n_entries, given, n_given);
        if (!cells || ssda903_header_same(cells, after)) continue;
        out[n_out++] = (HeaderYear){y, cells};
        after = cells;
    }
    free(steps);
    for (int i = 0, j = n_out - 1; i < j; i++, j--) { /* ascending */
        HeaderYear t = out[i];
        out[i] = out[j];
        out[j] = t;
    }
    return n_out;
}

bool ssda903_header_years_equal(const HeaderYear *a, int n_a, const HeaderYear *b, int n_b)
{
    if (n_a != n_b) return false;
    for (int i = 0; i < n_a; i++)
        if (a[i].year != b[i].year || !ssda903_header_same(a[i].cells, b[i].cells)) return false;
    return true;
}
