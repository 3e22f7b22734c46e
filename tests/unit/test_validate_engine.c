/* Tests of the validation engine: the rule table agrees with the DfE's 2026/27
 * list and the 903 table definitions, year selection, and skipping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "base/csv.h"
#include "base/embed.h"
#include "base/mem.h"
#include "validate/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "validate/vctx.h"

/* The column numbers of vctx.h match ssda903.c's tables. */
static void test_columns(void **state)
{
    (void)state;
    const Ssda903Table *e = ssda903_table(T903_EPISODES);
    assert_int_equal(ssda903_column_index(e, "DECOM"), E_DECOM);
    assert_int_equal(ssda903_column_index(e, "URN"), E_URN);
    assert_int_equal(ssda903_column_index(e, "REASON_PLACE_CHANGE"), E_REASON_PLACE_CHANGE);
    assert_int_equal(ssda903_column_index(ssda903_table(T903_HEADER), "MC_DOB"), H_MC_DOB);
    assert_int_equal(ssda903_column_index(ssda903_table(T903_OC2), "INTERVENTION_OFFERED"),
                     O2_INTERVENTION_OFFERED);
    assert_int_equal(ssda903_column_index(ssda903_table(T903_OC3), "ACCOM"), O3_ACCOM);
    assert_int_equal(ssda903_column_index(ssda903_table(T903_AD1), "LS_ADOPTR"), A_LS_ADOPTR);
    assert_int_equal(
        ssda903_column_index(ssda903_table(T903_PLACED_ADOPTION), "REASON_PLACED_CEASED"),
        PA_REASON_PLACED_CEASED);
    assert_int_equal(ssda903_column_index(ssda903_table(T903_PREV_PERM), "DATE_PERM"),
                     PP_DATE_PERM);
    assert_int_equal(ssda903_column_index(ssda903_table(T903_MISSING), "MIS_END"), M_MIS_END);
    assert_int_equal(ssda903_column_index(ssda903_table(T903_REVIEWS), "REVIEW_CODE"),
                     R_REVIEW_CODE);
    assert_int_equal(ssda903_column_index(ssda903_table(T903_UASC), "DUC"), U_DUC);
    assert_int_equal(ssda903_column_index(ssda903_table(T903_SW_EPISODES), "SW_REASON"), SW_REASON);
    assert_int_equal(ssda903_column_index(ssda903_table(T903_DOLO), "DOLO_END"), DL_END);
}

/* Every 2026/27 rule appears in the DfE's list with the same tables, fields and
 * description (when the list is at hand: ../shared/reference/903). */
static void test_against_reference(void **state)
{
    (void)state;
    const char *src = getenv("CAREPLEDGE_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/../shared/reference/903/rules-2026-27.csv", src ? src : ".");
    CsvReader r;
    Err err;
    if (csv_open_file(&r, path, &err) < 0) skip();
    StrMap row_of = {0};
    char **lines = NULL;
    int n = 0, cap = 0;
    while (csv_next(&r, &err) > 0) {
        if (r.n_fields != 4) continue;
        char buf[2048];
        snprintf(buf, sizeof buf, "%s|%s|%s", r.fields[1].text, r.fields[2].text, r.fields[3].text);
        MEM_GROW(lines, n, cap);
        lines[n] = xstrdup(buf);
        strmap_put(&row_of, r.fields[0].text, n++);
    }
    csv_close(&r);
    const VRule *rules[VALIDATE_MAX_RULES];
    int k = vrules_for_year(2027, rules, VALIDATE_MAX_RULES);
    assert_true(k > 0);
    for (int i = 0; i < k; i++) {
        long at = strmap_get(&row_of, rules[i]->code, -1);
        if (at < 0) fail_msg("rule %s is not in the 2026/27 list", rules[i]->code);
        char buf[2048];
        snprintf(buf, sizeof buf, "%s|%s|%s", rules[i]->tables, rules[i]->fields,
                 rules[i]->description);
        if (strcmp(buf, lines[at]) != 0) fail_msg("rule %s differs from the list", rules[i]->code);
    }
    for (int i = 0; i < n; i++) free(lines[i]);
    free(lines);
    strmap_free(&row_of);
}

/* Rule sets: code order, no code twice in a year, amended forms by year. */
static void test_years(void **state)
{
    (void)state;
    const VRule *rules[VALIDATE_MAX_RULES];
    for (int year = VALIDATE_FIRST_YEAR; year <= VALIDATE_LAST_YEAR; year++) {
        int k = vrules_for_year(year, rules, VALIDATE_MAX_RULES);
        for (int i = 1; i < k; i++) assert_string_not_equal(rules[i - 1]->code, rules[i]->code);
    }
    int k = vrules_for_year(2027, rules, VALIDATE_MAX_RULES);
    assert_string_equal(rules[0]->code, "101");
    assert_true(vrules_find("700", 2027) != NULL);
    assert_null(vrules_find("700", 2026));
    assert_null(vrules_find("232", 2024));
    assert_ptr_not_equal(vrules_find("101", 2024), vrules_find("101", 2025));
    assert_int_equal(k, 322);
    /* deleted rules are not run after, added ones not before */
    assert_non_null(vrules_find("370", 2024));
    assert_null(vrules_find("370", 2025));
    assert_non_null(vrules_find("217t", 2024));
    assert_null(vrules_find("217t", 2023));
    assert_null(vrules_find("217t", 2025));
    assert_null(vrules_find("SW02STG1", 2023));
    assert_non_null(vrules_find("SW02STG1", 2024));
    assert_null(vrules_find("348", 2025));
    assert_non_null(vrules_find("348", 2026));
    /* a rule of the set that cannot be run here is listed, without a function */
    assert_non_null(vrules_find("105", 2027));
    assert_null(vrules_find("105", 2027)->fn);
}

/* Each year's set has the DfE's count of rules (../shared/reference/903/README.md,
 * "Rule years"): 293 (2022/23), 312 (2023/24), 305 (2024/25), 311 (2025/26),
 * 322 (2026/27); docs/validation.md ("Rule sets by year") says where the years
 * come from. The sets count the rules listed as not run (105, 205C, 303, 411). */
static void test_year_counts(void **state)
{
    (void)state;
    static const int dfe[] = {293, 312, 305, 311, 322};
    const VRule *rules[VALIDATE_MAX_RULES];
    for (int year = VALIDATE_FIRST_YEAR; year <= VALIDATE_LAST_YEAR; year++) {
        int k = vrules_for_year(year, rules, VALIDATE_MAX_RULES);
        if (k != dfe[year - VALIDATE_FIRST_YEAR])
            fail_msg("%d: %d rules, the DfE has %d", year, k, dfe[year - VALIDATE_FIRST_YEAR]);
    }
}

/* The rule years are data: every code the data lists for a year has exactly
 * one form in force that year, and every form's code is in the data. */
static void test_years_data(void **state)
{
    (void)state;
    const EmbeddedFile *f = embed_find(VRULES_YEARS_FILE);
    assert_non_null(f);
    CsvReader r;
    Err err;
    assert_int_equal(csv_open_buffer(&r, f->name, (const char *)f->data, f->len, &err), 0);
    int in_year[VALIDATE_LAST_YEAR - VALIDATE_FIRST_YEAR + 1] = {0};
    assert_true(csv_next(&r, &err) > 0); /* header */
    assert_string_equal(r.fields[0].text, "code");
    while (csv_next(&r, &err) > 0) {
        int from = r.fields[1].len ? atoi(r.fields[1].text) : 0;
        int to = r.fields[2].len ? atoi(r.fields[2].text) : 0;
        for (int year = VALIDATE_FIRST_YEAR; year <= VALIDATE_LAST_YEAR; year++) {
            if ((from && year < from) || (to && year > to)) continue;
            in_year[year - VALIDATE_FIRST_YEAR]++;
            if (!vrules_find(r.fields[0].text, year))
                fail_msg("rule %s has no form in %d", r.fields[0].text, year);
        }
    }
    csv_close(&r);
    const VRule *rules[VALIDATE_MAX_RULES];
    for (int year = VALIDATE_FIRST_YEAR; year <= VALIDATE_LAST_YEAR; year++)
        assert_int_equal(vrules_for_year(year, rules, VALIDATE_MAX_RULES),
                         in_year[year - VALIDATE_FIRST_YEAR]);
    int n = vrules_all(rules, VALIDATE_MAX_RULES);
    for (int i = 0; i < n; i++) {
        int from, to;
        if (!vrules_years(rules[i]->code, &from, &to))
            fail_msg("rule %s is not in %s", rules[i]->code, VRULES_YEARS_FILE);
    }
}

/* A run over an empty return skips every rule with a reason. */
static void test_skips(void **state)
{
    (void)state;
    VReturn r;
    vreturn_init(&r, 2027);
    vreturn_prepare(&r);
    VResult res;
    assert_int_equal(validate_run(&r, 2027, &res), 0);
    assert_int_equal(res.n_skipped_rules, res.n_outcomes);
    for (int i = 0; i < res.n_outcomes; i++) assert_true(res.outcomes[i].reason[0] != '\0');
    vresult_free(&res);
    vreturn_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns),    cmocka_unit_test(test_against_reference),
        cmocka_unit_test(test_years),      cmocka_unit_test(test_year_counts),
        cmocka_unit_test(test_years_data), cmocka_unit_test(test_skips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
