/* vengine: runs a year's rules over a prepared return and collects the failing
 * rows. Decides whether a rule can run (its tables and reference files are
 * present) and records the reason when it cannot; never passes a rule it did
 * not run. Also holds the helpers of vctx.h. */
#include "validate/vctx.h"

#include "base/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *validate_table_name(Ssda903TableId t, bool last)
{
    static const char *const last_names[T903_COUNT] = {
        "Header_last",   "Episodes_last", "Reviews_last",    "UASC_last",
        "OC2_last",      "OC3_last",      "AD1_last",        "PlacedAdoption_last",
        "PrevPerm_last", "Missing_last",  "SWEpisodes_last", "DoLo_last"};
    return last ? last_names[t] : ssda903_table(t)->name;
}

/* Table of a DfE table name ("Episodes", "Header_last"), or -1. */
static int table_of_name(const char *name, size_t len, bool *last)
{
    *last = len > 5 && strncmp(name + len - 5, "_last", 5) == 0;
    if (*last) len -= 5;
    for (int t = 0; t < T903_COUNT; t++) {
        const char *n = ssda903_table((Ssda903TableId)t)->name;
        if (strlen(n) == len && strncmp(n, name, len) == 0) return t;
    }
    return -1;
}

/* Empty reason when the rule can run; else why not. */
static void check_needs(const VReturn *r, const VRule *rule, char *reason, size_t size)
{
    const char *s = rule->needs ? rule->needs : rule->tables;
    reason[0] = '\0';
    while (*s) {
        size_t len = strcspn(s, ";");
        bool last;
        int t = table_of_name(s, len, &last);
        if (t >= 0 && !(last ? r->last : r->cur)[t].file) {
            snprintf(reason, size, "needs the %s table, which was not supplied%s",
                     validate_table_name((Ssda903TableId)t, last),
                     last ? " (last year's files are needed)" : "");
            return;
        }
        if (t < 0 && len == 12 && strncmp(s, "ProviderInfo", len) == 0 && !r->providers) {
            snprintf(reason, size, "needs the Ofsted provider lists");
            return;
        }
        if (t < 0 && len == 9 && strncmp(s, "Postcodes", len) == 0 && !r->postcodes) {
            snprintf(reason, size, "needs the ONS Postcode Directory");
            return;
        }
        s += len;
        if (*s == ';') s++;
    }
}

/* True when the rule's check asks data/903-codes.csv. */
static bool needs_code_lists(const VRule *rule)
{
    return !rule->fn && rule->check.kind == VCHECK_CODE;
}

static void add_advised(VCtx *c, Ssda903TableId t, bool last, int row, const char *why)
{
    VResult *res = c->res;
    MEM_GROW(res->issues, res->n_issues, res->cap_issues);
    res->issues[res->n_issues++] = (VIssue){c->outcome, t, last, row, why};
}

static void add_issue(VCtx *c, Ssda903TableId t, bool last, int row)
{
    add_advised(c, t, last, row, NULL);
}

void vctx_fail(VCtx *c, Ssda903TableId t, int row)
{
    add_issue(c, t, false, row);
}

void vctx_fail_advised(VCtx *c, Ssda903TableId t, int row, const char *why)
{
    add_advised(c, t, false, row, why);
}

void vctx_fail_last(VCtx *c, Ssda903TableId t, int row)
{
    add_issue(c, t, true, row);
}

/* True when the rule names table t (this year's or last year's) among its
 * tables. */
static bool rule_names_table(const VRule *rule, Ssda903TableId t, bool last)
{
    for (const char *s = rule->tables; *s;) {
        size_t len = strcspn(s, ";");
        bool is_last;
        if (table_of_name(s, len, &is_last) == (int)t && is_last == last) return true;
        s += len + (s[len] == ';');
    }
    return false;
}

void vctx_fail_partner(VCtx *c, Ssda903TableId t, bool last, int row)
{
    VResult *res = c->res;
    if (row < 0 || !res->n_issues) return;
    if (!rule_names_table(res->outcomes[c->outcome].rule, t, last)) return;
    add_advised(c, t, last, row, res->issues[res->n_issues - 1].advisory);
}

static int cmp_issue(const void *x, const void *y)
{
    const VIssue *a = x, *b = y;
    if (a->outcome != b->outcome) return a->outcome < b->outcome ? -1 : 1;
    if (a->last != b->last) return a->last ? 1 : -1;
    if (a->table != b->table) return a->table < b->table ? -1 : 1;
    return (a->row > b->row) - (a->row < b->row);
}

/* Sorts issues, drops repeats of the same row for the same rule, counts them. */
static void finish(VResult *res)
{
    if (res->n_issues) qsort(res->issues, res->n_issues, sizeof *res->issues, cmp_issue);
    size_t n = 0;
    for (size_t i = 0; i < res->n_issues; i++) {
        if (n && cmp_issue(&res->issues[n - 1], &res->issues[i]) == 0) {
            /* a plain failure of the same row outweighs an advisory */
            if (!res->issues[i].advisory) res->issues[n - 1].advisory = NULL;
            continue;
        }
        res->issues[n++] = res->issues[i];
        res->outcomes[res->issues[i].outcome].n_failures++;
    }
    res->n_issues = n;
    for (int i = 0; i < res->n_outcomes; i++) {
        VOutcome *o = &res->outcomes[i];
        if (o->status == VSTATUS_SKIPPED) {
            res->n_skipped_rules++;
        } else if (o->n_failures) {
            o->status = VSTATUS_FAILED;
            res->n_failed_rules++;
        }
    }
}

/* True for the tables that hold one row per child, where the row of a child
 * that a rule's failure concerns is known without the rule saying it. */
static bool one_row_per_child(Ssda903TableId t)
{
    return t == T903_HEADER || t == T903_UASC || t == T903_OC2 || t == T903_OC3 || t == T903_AD1 ||
           t == T903_PREV_PERM;
}

/* Marks the child's rows of table t as failing too. */
static void mark_child_rows(VCtx *c, Ssda903TableId t, bool last, const char *child,
                            const char *why)
{
    const VTable *tab = last ? &c->r->last[t] : &c->r->cur[t];
    int g = tab->file ? vt_group(tab, child) : -1;
    for (int i = 0; g >= 0 && i < vt_group_size(tab, g); i++)
        add_advised(c, t, last, vt_group_row(tab, g, i), why);
}

/* The child id of issue is, copied into child (issues may move as rows are
 * added). */
static void issue_child(const VCtx *c, const VIssue *is, char child[64])
{
    const VTable *from = is->last ? &c->r->last[is->table] : &c->r->cur[is->table];
    snprintf(child, 64, "%s", ssda903_cell(from->file, is->row, 0));
}

/* One-row-per-child table t: the child's row, for each failing row of
 * another table (issues first .. end). */
static void mark_one_row_table(VCtx *c, Ssda903TableId t, bool last, size_t first, size_t end)
{
    for (size_t i = first; i < end; i++) {
        VIssue is = c->res->issues[i];
        if (is.table == t && is.last == last) continue;
        char child[64];
        issue_child(c, &is, child);
        mark_child_rows(c, t, last, child, is.advisory);
    }
}

/* Marks of a child (group) of a many-row table while marking affected rows. */
enum { MARK_NONE, MARK_BY_RULE, MARK_ADVISED, MARK_PLAIN };

/* Table t with many rows per child: a rule that knows which of the child's
 * rows its condition compared marks them itself (vctx_fail_partner); for a
 * child it reported only in other tables, every row of the child in t is
 * marked, since the condition read them all (e.g. the episodes that make the
 * OC2 cohort). */
static void mark_many_row_table(VCtx *c, Ssda903TableId t, bool last, size_t first, size_t end)
{
    const VTable *tab = last ? &c->r->last[t] : &c->r->cur[t];
    if (!tab->file || !tab->n_groups) return;
    unsigned char *marked = xcalloc((size_t)tab->n_groups, 1);
    for (size_t i = first; i < end; i++) {
        const VIssue *is = &c->res->issues[i];
        if (is->table == t && is->last == last) marked[tab->group_of_row[is->row]] = MARK_BY_RULE;
    }
    for (size_t i = first; i < end; i++) {
        VIssue is = c->res->issues[i];
        if (is.table == t && is.last == last) continue;
        char child[64];
        issue_child(c, &is, child);
        int g = vt_group(tab, child);
        if (g < 0 || marked[g] == MARK_BY_RULE || marked[g] == MARK_PLAIN) continue;
        if (marked[g] == MARK_ADVISED && is.advisory) continue;
        marked[g] = is.advisory ? MARK_ADVISED : MARK_PLAIN;
        mark_child_rows(c, t, last, child, is.advisory);
    }
    free(marked);
}

/* Marks every affected row, as the DfE's reports do: for each row the rule
 * failed (issues from index first on), the same child's rows of every other
 * table the rule names among its tables (this year's or last year's), so that
 * a data team sees each row to fix. The row of a one-row-per-child table
 * (Header, UASC, OC2, OC3, AD1, PrevPerm) is the child's; in the others, the
 * rows the rule marked as compared, else all the child's rows (none for a
 * rule that marks its own rows: VRule.marks_own_rows). */
static void mark_affected(VCtx *c, const VRule *rule, size_t first)
{
    size_t end = c->res->n_issues;
    for (const char *s = rule->tables; *s && first < end;) {
        size_t len = strcspn(s, ";");
        bool last;
        int t = table_of_name(s, len, &last);
        s += len + (s[len] == ';');
        if (t < 0) continue;
        if (one_row_per_child((Ssda903TableId)t))
            mark_one_row_table(c, (Ssda903TableId)t, last, first, end);
        else if (!rule->marks_own_rows)
            mark_many_row_table(c, (Ssda903TableId)t, last, first, end);
    }
}

/* Runs rules with the code lists given; codes_missing says why a rule that
 * needs the lists is skipped when codes is NULL. */
static long run_rules(const VReturn *r, int ruleset_year, const VRule *const *rules, int n,
                      const CodeLists *codes, const char *codes_missing, VResult *out)
{
    memset(out, 0, sizeof *out);
    out->year = r->year;
    out->ruleset_year = ruleset_year;
    out->outcomes = xcalloc((size_t)n + 1, sizeof *out->outcomes);
    out->n_outcomes = n;
    unsigned char *cla12 = vreturn_derive_cla12(r);
    VPostFields *post[2];
    vpostcodes_derive(r, post);
    for (int i = 0; i < n; i++) {
        VOutcome *o = &out->outcomes[i];
        o->rule = rules[i];
        if (!vrules_runs(rules[i]))
            snprintf(o->reason, sizeof o->reason, "not run: %s",
                     rules[i]->needs ? rules[i]->needs : "not implemented");
        else if (!codes && needs_code_lists(rules[i]))
            snprintf(o->reason, sizeof o->reason, "not run: the code lists: %.200s", codes_missing);
        else
            check_needs(r, rules[i], o->reason, sizeof o->reason);
        if (o->reason[0]) {
            o->status = VSTATUS_SKIPPED;
            continue;
        }
        VCtx c = {r,
                  out,
                  i,
                  ruleset_year,
                  date_collection_year_start(r->year),
                  date_collection_year_end(r->year),
                  cla12,
                  {post[0], post[1]},
                  codes};
        size_t first = out->n_issues;
        if (rules[i]->fn)
            rules[i]->fn(&c);
        else
            vcheck_run(&c, &rules[i]->check);
        mark_affected(&c, rules[i], first);
    }
    free(cla12);
    free(post[0]);
    free(post[1]);
    finish(out);
    return out->n_failed_rules;
}

long validate_run_rules(const VReturn *r, int ruleset_year, const VRule *const *rules, int n,
                        const CodeLists *codes, VResult *out)
{
    return run_rules(r, ruleset_year, rules, n, codes, "not given", out);
}

/* Runs rules with the shipped code lists, loaded for this run. */
static long run_with_shipped_codes(const VReturn *r, int ruleset_year, const VRule *const *rules,
                                   int n, VResult *out)
{
    CodeLists *codes = NULL;
    Err codes_err = {0};
    if (codes_load_default(&codes, &codes_err) < 0) codes = NULL;
    long failed = run_rules(r, ruleset_year, rules, n, codes, codes_err.msg, out);
    codes_free(codes);
    return failed;
}

long validate_run(const VReturn *r, int ruleset_year, VResult *out)
{
    const VRule **rules = xmalloc(VALIDATE_MAX_RULES * sizeof *rules);
    int n = vrules_for_year(ruleset_year, rules, VALIDATE_MAX_RULES);
    long failed = run_with_shipped_codes(r, ruleset_year, rules, n, out);
    free(rules);
    return failed;
}

long validate_run_codes(const VReturn *r, int ruleset_year, const char *const *codes, VResult *out)
{
    const VRule *rules[64];
    int n = 0;
    for (int i = 0; codes[i] && n < 64; i++) {
        const VRule *rule = vrules_find(codes[i], ruleset_year);
        if (rule) rules[n++] = rule;
    }
    return run_with_shipped_codes(r, ruleset_year, rules, n, out);
}

void vresult_free(VResult *res)
{
    free(res->outcomes);
    free(res->issues);
    memset(res, 0, sizeof *res);
}

const char *validate_issue_child(const VReturn *r, const VIssue *is)
{
    const VTable *t = is->last ? &r->last[is->table] : &r->cur[is->table];
    return ssda903_cell(t->file, is->row, 0);
}

char *validate_affected_fields(const VRule *rule, Ssda903TableId t, char *buf, size_t size)
{
    const Ssda903Table *def = ssda903_table(t);
    size_t n = 0;
    buf[0] = '\0';
    for (const char *s = rule->fields; *s;) {
        size_t len = strcspn(s, ";");
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)len, s);
        if (ssda903_column_index(def, name) >= 0 && !strstr(buf, name) && n + len + 2 < size)
            n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ";" : "", name);
        s += len;
        if (*s == ';') s++;
    }
    if (!n) snprintf(buf, size, "%s", rule->fields);
    return buf;
}

/* ---- helpers for rule functions (vctx.h) ---- */

bool vcode_in(const char *text, const char *list)
{
    size_t n = strlen(text);
    if (!n) return false;
    for (const char *s = list; *s;) {
        size_t len = strcspn(s, ";");
        if (len == n && strncasecmp(s, text, n) == 0) return true;
        s += len;
        if (*s == ';') s++;
    }
    return false;
}

bool vt_is(const VTable *t, int row, int col, const char *code)
{
    return strcasecmp(vt_cell(t, row, col), code) == 0;
}

bool vt_in(const VTable *t, int row, int col, const char *list)
{
    return vcode_in(vt_cell(t, row, col), list);
}

int vt_group(const VTable *t, const char *child)
{
    if (!t->file) return -1;
    return (int)strmap_get(&t->groups, child, -1);
}

int vt_first_row(const VTable *t, const char *child)
{
    int g = vt_group(t, child);
    return g < 0 ? -1 : vt_group_row(t, g, 0);
}

int vctx_header_row(const VCtx *c, const char *child)
{
    return vt_first_row(vt(c, T903_HEADER), child);
}

Date vctx_dob(const VCtx *c, const char *child)
{
    int row = vctx_header_row(c, child);
    return row < 0 ? DATE_NONE : vt_date(vt(c, T903_HEADER), row, H_DOB);
}

bool vctx_cla12(const VCtx *c, const char *child)
{
    int g = vt_group(vt(c, T903_EPISODES), child);
    return g >= 0 && c->cla12 && c->cla12[g];
}

int vctx_age_on(const VCtx *c, const char *child, Date on)
{
    Date dob = vctx_dob(c, child);
    return dob == DATE_NONE ? -1 : date_age_on(dob, on);
}

bool vctx_in_care_during_year(const VCtx *c, const char *child)
{
    const VTable *e = vt(c, T903_EPISODES);
    int g = vt_group(e, child);
    for (int i = 0; g >= 0 && i < vt_group_size(e, g); i++) {
        int row = vt_group_row(e, g, i);
        Date start = vt_date(e, row, E_DECOM), end = vt_date(e, row, E_DEC);
        if (start != DATE_NONE && start <= c->end && (end == DATE_NONE || end >= c->start))
            return true;
    }
    return false;
}

int vctx_left_care(const VCtx *c, const char *child)
{
    const VTable *e = vt(c, T903_EPISODES);
    int g = vt_group(e, child);
    if (g < 0) return -1;
    int row = vt_group_row(e, g, vt_group_size(e, g) - 1);
    bool left = vt_date(e, row, E_DEC) != DATE_NONE && !vt_is(e, row, E_REC, "X1");
    return left ? row : -1;
}

bool vt_female(const VTable *t, int row, int col)
{
    return vt_in(t, row, col, "2;F");
}

/* Whether the cell's code is valid for its column in the ruleset year (or
 * the check's codes_year): data/903-codes.csv's list, compared in capitals. */
static bool code_valid(const VCtx *c, const VCheck *check, const VTable *tab, int row)
{
    char code[64];
    const char *cell = vt_cell(tab, row, check->col);
    size_t n = strlen(cell);
    if (n >= sizeof code) return false;
    for (size_t i = 0; i <= n; i++) code[i] = (char)toupper((unsigned char)cell[i]);
    return codes_valid(c->codes, ssda903_table(check->table)->columns[check->col].name, code,
                       check->codes_year ? check->codes_year : c->year);
}

static void check_code(VCtx *c, const VCheck *check)
{
    const VTable *tab = vt(c, check->table);
    for (int row = 0; row < tab->n_rows; row++) {
        if (vt_blank(tab, row, check->col) ? check->required : !code_valid(c, check, tab, row))
            vctx_fail(c, check->table, row);
    }
}

static void check_date(VCtx *c, const VCheck *check)
{
    const VTable *tab = vt(c, check->table);
    for (int row = 0; row < tab->n_rows; row++)
        if (vt_bad_date(tab, row, check->col) ||
            (check->required && vt_blank(tab, row, check->col)))
            vctx_fail(c, check->table, row);
}

static void check_in_header(VCtx *c, const VCheck *check)
{
    const VTable *tab = vt(c, check->table);
    for (int row = 0; row < tab->n_rows; row++)
        if (vctx_header_row(c, vt_cell(tab, row, 0)) < 0) vctx_fail(c, check->table, row);
}

/* INT11-INT21: "different to ... in Header" compares two values that are
 * there: dates as dates when both are valid (an invalid or blank date counts
 * as missing, flagged by its own validity rule), codes as text without case
 * when both are given, as the DfE's condition (both not null). */
static void check_same_as_header(VCtx *c, const VCheck *check)
{
    const VTable *tab = vt(c, check->table), *h = vt(c, T903_HEADER);
    int col = check->col, header_col = check->other_col;
    for (int row = 0; row < tab->n_rows; row++) {
        int hrow = vctx_header_row(c, vt_cell(tab, row, 0));
        if (hrow < 0 || vt_blank(tab, row, col) || vt_blank(h, hrow, header_col)) continue;
        bool dates = vt_date(tab, row, col) != DATE_NONE || vt_bad_date(tab, row, col);
        Date a = vt_date(tab, row, col), b = vt_date(h, hrow, header_col);
        bool differ = dates ? a != DATE_NONE && b != DATE_NONE && a != b
                            : strcasecmp(vt_cell(tab, row, col), vt_cell(h, hrow, header_col)) != 0;
        if (differ) vctx_fail(c, check->table, row);
    }
}

static void check_once(VCtx *c, const VCheck *check)
{
    const VTable *tab = vt(c, check->table);
    for (int g = 0; g < tab->n_groups; g++) {
        int n = vt_group_size(tab, g);
        if (n > 1)
            for (int i = 0; i < n; i++) vctx_fail(c, check->table, vt_group_row(tab, g, i));
    }
}

void vcheck_run(VCtx *c, const VCheck *check)
{
    switch (check->kind) {
    case VCHECK_NONE: break;
    case VCHECK_CODE: check_code(c, check); break;
    case VCHECK_DATE: check_date(c, check); break;
    case VCHECK_IN_HEADER: check_in_header(c, check); break;
    case VCHECK_SAME_AS_HEADER: check_same_as_header(c, check); break;
    case VCHECK_ONCE: check_once(c, check); break;
    case VCHECK_FAMILY: check->family(c, check); break;
    }
}
