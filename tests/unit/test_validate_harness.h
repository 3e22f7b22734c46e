/* test_validate_harness: table-driven tests of the 903 rules.
 *
 * A case names a rule, the collection year, small CSV texts for this year's
 * tables (and last year's), and the rows expected to fail as "Table:row ..."
 * (0-based data rows, in table then row order, "Table:row(advised)" when the row
 * fails as the DfE's checks will with Carepledge's advisory beside it; "" =
 * passes; "SKIP" = the rule
 * must be reported as skipped), and optionally the stored history of Episodes
 * (validate --db). Each family's test program lists its cases and
 * calls vharness_run, which also checks that every rule of the family has at
 * least one failing and one passing case. */
#ifndef TEST_VALIDATE_HARNESS_H
#define TEST_VALIDATE_HARNESS_H

#include "base/mem.h"
#include "exchange/ssda903_columns.h"
#include "validate/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The header lines of the tables, from exchange/ssda903_columns.h. */
#define HDR  SSDA903_HEADER_LINE(SSDA903_COLUMNS_HEADER)
#define EPI  SSDA903_HEADER_LINE(SSDA903_COLUMNS_EPISODES)
#define REV  SSDA903_HEADER_LINE(SSDA903_COLUMNS_REVIEWS)
#define UASC SSDA903_HEADER_LINE(SSDA903_COLUMNS_UASC)
#define OC2  SSDA903_HEADER_LINE(SSDA903_COLUMNS_OC2)
#define OC3  SSDA903_HEADER_LINE(SSDA903_COLUMNS_OC3)
#define AD1  SSDA903_HEADER_LINE(SSDA903_COLUMNS_AD1)
#define PLA  SSDA903_HEADER_LINE(SSDA903_COLUMNS_PLACED_ADOPTION)
#define PREV SSDA903_HEADER_LINE(SSDA903_COLUMNS_PREV_PERM)
#define MIS  SSDA903_HEADER_LINE(SSDA903_COLUMNS_MISSING)
#define SWE  SSDA903_HEADER_LINE(SSDA903_COLUMNS_SW_EPISODES)
#define DOLO SSDA903_HEADER_LINE(SSDA903_COLUMNS_DOLO)

/* A small synthetic ONS Postcode Directory (made-up postcodes, grid references
 * and authority codes; the same rows as tests/fixtures/validate/postcodes).
 * X06000001 is a unitary authority, X07000011 a district of county X10000001.
 * From ZZ1 1AA: ZZ1 1AB is 1 km (0.6 miles), ZZ2 2BB 10 km (6.2), ZZ3 3CC 600 km
 * (372.8), ZZ4 4DD 1700 km (1056.4); ZZ5 5EE has no grid reference; ZZ6 6FF is
 * terminated; ZZ7 7GG is in Wales (W06000099); ZZ9 9ZZ is not there. */
#define VHARNESS_ONSPD                                                                          \
    "\"pcd\",\"pcds\",\"dointr\",\"doterm\",\"oscty\",\"oslaua\",\"oseast1m\",\"osnrth1m\"\r\n" \
    "\"ZZ1 1AA\",\"ZZ1 "                                                                        \
    "1AA\",\"199801\",\"\",\"X99999999\",\"X06000001\",\"400000\",\"100000\"\r\n"               \
    "\"ZZ1 1AB\",\"ZZ1 "                                                                        \
    "1AB\",\"199801\",\"\",\"X99999999\",\"X06000001\",\"401000\",\"100000\"\r\n"               \
    "\"ZZ2 2BB\",\"ZZ2 "                                                                        \
    "2BB\",\"199801\",\"\",\"X10000001\",\"X07000011\",\"410000\",\"100000\"\r\n"               \
    "\"ZZ3 3CC\",\"ZZ3 "                                                                        \
    "3CC\",\"199801\",\"\",\"X99999999\",\"X06000002\",\"400000\",\"700000\"\r\n"               \
    "\"ZZ4 4DD\",\"ZZ4 "                                                                        \
    "4DD\",\"199801\",\"\",\"X99999999\",\"X06000003\",\"400000\",\"1800000\"\r\n"              \
    "\"ZZ5 5EE\",\"ZZ5 5EE\",\"199801\",\"\",\"X99999999\",\"X06000001\",\"\",\"\"\r\n"         \
    "\"ZZ6 6FF\",\"ZZ6 "                                                                        \
    "6FF\",\"199801\",\"200512\",\"X99999999\",\"X06000001\",\"402000\",\"100000\"\r\n"         \
    "\"ZZ7 7GG\",\"ZZ7 "                                                                        \
    "7GG\",\"199801\",\"\",\"W99999999\",\"W06000099\",\"300000\",\"200000\"\r\n"

typedef struct VCase {
    const char *rule;
    int year; /* collection end year; 0 = 2027 */
    const char *files[8];
    const char *prev[8];
    const char *expect;
} VCase;

/* A case with the stored history of Episodes (validate --db), whole from the
 * collection year history_from (0 = 2018). */
typedef struct VHistoryCase {
    VCase c;
    const char *history;
    int history_from;
} VHistoryCase;

static void vharness_load(VReturn *r, const char *const *texts, bool last)
{
    for (int i = 0; i < 8 && texts[i]; i++) {
        Ssda903File *f = xmalloc(sizeof *f);
        ErrList errs = {0};
        Err err;
        if (ssda903_file_load_buffer("case.csv", texts[i], strlen(texts[i]), f, &errs) < 0) {
            errlist_print(&errs, stderr);
            abort();
        }
        errlist_free(&errs);
        if (vreturn_add(r, f, last, &err) < 0) abort();
    }
}

/* Runs one case, with the ONS Postcode Directory text postcodes (NULL: none),
 * the responsible authority la (NULL: inferred) and an Ofsted provider list
 * text providers (NULL: none; loaded first, so that the directory keeps its
 * postcodes); returns 0 when it behaves as expected. */
static int vharness_case_with_history(const VCase *k, const char *history, int history_from,
                                      const char *postcodes, const char *la, const char *providers)
{
    int year = k->year ? k->year : 2027;
    VReturn r;
    vreturn_init(&r, year);
    vharness_load(&r, k->files, false);
    vharness_load(&r, k->prev, true);
    if (history) {
        Ssda903File *f = xmalloc(sizeof *f);
        ErrList errs = {0};
        Err err;
        if (ssda903_file_load_buffer("history.csv", history, strlen(history), f, &errs) < 0 ||
            vreturn_add_history(&r, f, history_from ? history_from : 2018, &err) < 0)
            abort();
        errlist_free(&errs);
    }
    if (providers) {
        Err err;
        if (vreturn_load_providers_buffer(&r, "providers.csv", providers, strlen(providers), &err) <
            0)
            abort();
    }
    if (postcodes) {
        Err err;
        if (vreturn_load_postcodes_buffer(&r, "onspd.csv", postcodes, strlen(postcodes), &err) < 0)
            abort();
        vreturn_set_la(&r, la);
    }
    vreturn_prepare(&r);
    const char *codes[] = {k->rule, NULL};
    VResult res;
    validate_run_codes(&r, year, codes, &res);
    char got[4096] = "";
    size_t n = 0;
    if (res.n_outcomes != 1) {
        snprintf(got, sizeof got, "(rule not in force)");
    } else if (res.outcomes[0].status == VSTATUS_SKIPPED) {
        snprintf(got, sizeof got, "SKIP");
    } else {
        for (size_t i = 0; i < res.n_issues && n + 64 < sizeof got; i++) {
            const VIssue *is = &res.issues[i];
            n += (size_t)snprintf(got + n, sizeof got - n, "%s%s:%d%s", n ? " " : "",
                                  validate_table_name(is->table, is->last), is->row,
                                  is->advisory ? "(advised)" : "");
        }
    }
    int bad = strcmp(got, k->expect) != 0;
    if (bad) {
        fprintf(stderr, "rule %s (%d): expected [%s], got [%s]%s%s\n", k->rule, year, k->expect,
                got, res.n_outcomes == 1 ? " " : "",
                res.n_outcomes == 1 ? res.outcomes[0].reason : "");
    }
    vresult_free(&res);
    vreturn_free(&r);
    return bad;
}

static int vharness_case(const VCase *k, const char *postcodes, const char *la,
                         const char *providers)
{
    return vharness_case_with_history(k, NULL, 0, postcodes, la, providers);
}

/* Runs cases with the stored history; returns the number that misbehave. */
static inline int vharness_run_history(const VHistoryCase *cases, int n_cases)
{
    int problems = 0;
    for (int i = 0; i < n_cases; i++)
        problems += vharness_case_with_history(&cases[i].c, cases[i].history, cases[i].history_from,
                                               NULL, NULL, NULL);
    return problems;
}

/* Runs all cases (with the postcode directory, authority and provider list
 * texts, as vharness_case) and checks that each rule of `family` (n rules) has a failing
 * and a passing case. Returns the number of problems. */
static int vharness_run_full(const VCase *cases, int n_cases, const VRule *family, int n_family,
                             const char *postcodes, const char *la, const char *providers)
{
    int problems = 0;
    for (int i = 0; i < n_cases; i++)
        problems += vharness_case(&cases[i], postcodes, la, providers);
    for (int f = 0; f < n_family; f++) {
        const VRule *rule = &family[f];
        if (!vrules_runs(rule)) continue; /* in the DfE's set, not run here */
        int year = rule->last_year ? rule->last_year : 2027;
        bool fails = false, passes = false;
        for (int i = 0; i < n_cases; i++) {
            int cy = cases[i].year ? cases[i].year : 2027;
            if (strcmp(cases[i].rule, rule->code) != 0) continue;
            if ((rule->first_year && cy < rule->first_year) || (rule->last_year && cy > year))
                continue;
            if (strcmp(cases[i].expect, "SKIP") == 0) continue;
            if (cases[i].expect[0])
                fails = true;
            else
                passes = true;
        }
        if (!fails || !passes) {
            fprintf(stderr, "rule %s (from %d): needs a %s case\n", rule->code, rule->first_year,
                    !fails ? "failing" : "passing");
            problems++;
        }
    }
    return problems;
}

/* vharness_run_full without provider lists. */
static int vharness_run_with(const VCase *cases, int n_cases, const VRule *family, int n_family,
                             const char *postcodes, const char *la)
{
    return vharness_run_full(cases, n_cases, family, n_family, postcodes, la, NULL);
}

/* vharness_run_with without a postcode directory. */
static int vharness_run(const VCase *cases, int n_cases, const VRule *family, int n_family)
{
    return vharness_run_with(cases, n_cases, family, n_family, NULL, NULL);
}

#endif
