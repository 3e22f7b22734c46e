/* vrules: the rule table. Each family file (rules_*.c) declares its rules as a
 * table next to their functions; this file joins the families and selects a
 * collection year's set.
 *
 * Which rules the DfE applies in which collection year is data:
 * data/903-rule-years.csv (code, from_year, to_year: collection end years,
 * blank = open-ended). A rule amended in some year has one entry per form in
 * its family table, with disjoint year ranges (first_year, last_year); an entry
 * runs in a year when its code is in that year's set and its form covers the
 * year. A rule of the DfE's set that cannot be run here has an entry with no
 * function or check (the engine reports it as skipped with its reason).
 *
 * Nothing here is mutable: the tables are const and the years file is read
 * afresh by each call that needs it. */
#include "validate/vfamilies.h"

#include "base/csv.h"
#include "base/embed.h"
#include "base/strmap.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct Family {
    const VRule *rules;
    const int *n;
} Family;

static const Family families[] = {
    {vrules_header, &vrules_header_n},       {vrules_episodes, &vrules_episodes_n},
    {vrules_integrity, &vrules_integrity_n}, {vrules_missing, &vrules_missing_n},
    {vrules_adoption, &vrules_adoption_n},   {vrules_oc, &vrules_oc_n},
    {vrules_cla12, &vrules_cla12_n},         {vrules_ages, &vrules_ages_n},
    {vrules_lastyear, &vrules_lastyear_n},   {vrules_leavers, &vrules_leavers_n},
    {vrules_postcodes, &vrules_postcodes_n}, {vrules_child, &vrules_child_n},
    {vrules_adopted, &vrules_adopted_n},     {vrules_sw, &vrules_sw_n},
    {vrules_providers, &vrules_providers_n},
};
enum { N_FAMILIES = sizeof families / sizeof families[0] };

/* The number a code begins with; *rest is set to what follows its digits. A
 * loop of its own rather than strtol: the context sorts every year's rule
 * set at start-up, some 16,000 comparisons, and strtol's locale and sign
 * handling, which a rule code never needs, made 3% of a validation's
 * instructions. */
static long leading_number(const char *code, const char **rest)
{
    long n = 0;
    for (; *code >= '0' && *code <= '9'; code++) n = n * 10 + (*code - '0');
    *rest = code;
    return n;
}

/* Numeric codes first in numeric order (197a after 197, before 198), then the
 * lettered families (EPI, INT.., NoE, SW..) in text order. */
static int cmp_code(const char *a, const char *b)
{
    bool da = isdigit((unsigned char)a[0]), db = isdigit((unsigned char)b[0]);
    if (da != db) return da ? -1 : 1;
    if (da) {
        const char *ea, *eb;
        long na = leading_number(a, &ea), nb = leading_number(b, &eb);
        if (na != nb) return na < nb ? -1 : 1;
        return strcasecmp(ea, eb);
    }
    return strcmp(a, b);
}

static int cmp_rule(const void *x, const void *y)
{
    const VRule *a = *(const VRule *const *)x, *b = *(const VRule *const *)y;
    int c = cmp_code(a->code, b->code);
    if (c) return c;
    return (a->first_year > b->first_year) - (a->first_year < b->first_year);
}

/* The years of each code from data/903-rule-years.csv, as from * 10000 + to
 * (0 = open-ended). Read into the caller's map on each call that needs it (a
 * few hundred short lines), so that the registry holds no state and any number
 * of threads may ask it at once. */
static int year_of(const CsvField *f)
{
    return f->len ? atoi(f->text) : 0;
}

static void load_rule_years(StrMap *years)
{
    const EmbeddedFile *f = embed_find(VRULES_YEARS_FILE);
    CsvReader r;
    Err err;
    if (!f || csv_open_buffer(&r, f->name, (const char *)f->data, f->len, &err) < 0) return;
    bool header = true;
    while (csv_next(&r, &err) > 0) {
        if (header || r.n_fields < 3 || !r.fields[0].len) {
            header = false;
            continue;
        }
        strmap_put(years, r.fields[0].text,
                   (long)year_of(&r.fields[1]) * 10000 + year_of(&r.fields[2]));
    }
    csv_close(&r);
}

static bool years_of(const StrMap *years, const char *code, int *from, int *to)
{
    long v = strmap_get(years, code, -1);
    if (v < 0) return false;
    *from = (int)(v / 10000);
    *to = (int)(v % 10000);
    return true;
}

bool vrules_years(const char *code, int *from, int *to)
{
    StrMap years = {0};
    load_rule_years(&years);
    bool found = years_of(&years, code, from, to);
    strmap_free(&years);
    return found;
}

static bool covers(int from, int to, int year)
{
    return (!from || year >= from) && (!to || year <= to);
}

static bool in_force(const StrMap *years, const VRule *rule, int year)
{
    if (year <= 0) return true;
    int from, to;
    if (!years_of(years, rule->code, &from, &to) || !covers(from, to, year)) return false;
    return covers(rule->first_year, rule->last_year, year);
}

static int collect(int year, const VRule **out, int cap)
{
    StrMap years = {0};
    if (year > 0) load_rule_years(&years);
    int n = 0;
    for (int f = 0; f < N_FAMILIES; f++)
        for (int i = 0; i < *families[f].n; i++)
            if (in_force(&years, &families[f].rules[i], year) && n < cap)
                out[n++] = &families[f].rules[i];
    strmap_free(&years);
    qsort(out, (size_t)n, sizeof *out, cmp_rule);
    return n;
}

int vrules_all(const VRule **out, int cap)
{
    return collect(0, out, cap);
}

int vrules_for_year(int year, const VRule **out, int cap)
{
    return collect(year, out, cap);
}

const VRule *vrules_find(const char *code, int year)
{
    StrMap years = {0};
    if (year > 0) load_rule_years(&years);
    const VRule *found = NULL;
    for (int f = 0; f < N_FAMILIES && !found; f++)
        for (int i = 0; i < *families[f].n && !found; i++) {
            const VRule *rule = &families[f].rules[i];
            if (strcmp(rule->code, code) == 0 && in_force(&years, rule, year)) found = rule;
        }
    strmap_free(&years);
    return found;
}
