/* vreport: see vreport.h. */
#include "render/vreport.h"
#include "render/json.h"
#include "render/table.h"

#include "render/csv.h"
#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

static const VTable *issue_table(const VReturn *r, const VIssue *is)
{
    return is->last ? &r->last[is->table] : &r->cur[is->table];
}

static void year_name(int year, char *buf, size_t size)
{
    snprintf(buf, size, "%d/%02d", year - 1, year % 100);
}

/* The advisory note of an issue: the DfE's flag stands, and why Carepledge
 * thinks the row probably correct; "" without one. */
static void advisory_text(const VIssue *is, char *buf, size_t size)
{
    if (!is->advisory) {
        buf[0] = '\0';
        return;
    }
    snprintf(buf, size, "the DfE will flag this; it is probably correct because %s", is->advisory);
}

void vreport_issue_locations(FILE *out, const VReturn *r, const VResult *res)
{
    static const char *const head[] = {
        "child_id",  "tables_affected",  "columns_affected",   "row_id",
        "rule_code", "rule_description", "carepledge_advisory"};
    render_csv_row(out, head, 7);
    for (size_t i = 0; i < res->n_issues; i++) {
        const VIssue *is = &res->issues[i];
        const VRule *rule = res->outcomes[is->outcome].rule;
        char fields[256], row[24], advisory[512];
        validate_affected_fields(rule, is->table, fields, sizeof fields);
        snprintf(row, sizeof row, "%d", is->row);
        advisory_text(is, advisory, sizeof advisory);
        const char *cells[] = {validate_issue_child(r, is),
                               validate_table_name(is->table, is->last),
                               fields,
                               row,
                               rule->code,
                               rule->description,
                               is->advisory ? advisory : ""};
        render_csv_row(out, cells, 7);
    }
}

void vreport_error_summary(FILE *out, const VResult *res)
{
    static const char *const head[] = {"Code", "Error Count", "Error Description",
                                       "Affected Fields"};
    render_csv_row(out, head, 4);
    for (int i = 0; i < res->n_outcomes; i++) {
        const VOutcome *o = &res->outcomes[i];
        if (o->status != VSTATUS_FAILED) continue;
        char count[24];
        snprintf(count, sizeof count, "%ld", o->n_failures);
        const char *cells[] = {o->rule->code, count, o->rule->description, o->rule->fields};
        render_csv_row(out, cells, 4);
    }
}

/* "FIELD=value;FIELD=value" for the affected fields of an issue's row. */
static void field_values(const VReturn *r, const VIssue *is, const char *fields, char *buf,
                         size_t size)
{
    const VTable *t = issue_table(r, is);
    size_t n = 0;
    buf[0] = '\0';
    for (const char *s = fields; *s && n + 1 < size;) {
        size_t len = strcspn(s, ";");
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)len, s);
        int col = ssda903_column_index(t->file->table, name);
        if (col >= 0)
            n += (size_t)snprintf(buf + n, size - n, "%s%s=%s", n ? ";" : "", name,
                                  ssda903_cell(t->file, is->row, col));
        s += len;
        if (*s == ';') s++;
    }
}

typedef struct ChildKey {
    const char *child;
    size_t issue;
} ChildKey;

static int cmp_child(const void *x, const void *y)
{
    const ChildKey *a = x, *b = y;
    int c = strcmp(a->child, b->child);
    if (c) return c;
    return (a->issue > b->issue) - (a->issue < b->issue);
}

/* Issues ordered by child (then by rule, table, row). Caller frees. */
static ChildKey *by_child(const VReturn *r, const VResult *res)
{
    ChildKey *keys = xmalloc((res->n_issues + 1) * sizeof *keys);
    for (size_t i = 0; i < res->n_issues; i++)
        keys[i] = (ChildKey){validate_issue_child(r, &res->issues[i]), i};
    qsort(keys, res->n_issues, sizeof *keys, cmp_child);
    return keys;
}

void vreport_child_summary(FILE *out, const VReturn *r, const VResult *res)
{
    static const char *const head[] = {"child_id",         "table",           "row_id", "rule_code",
                                       "rule_description", "affected_fields", "values"};
    render_csv_row(out, head, 7);
    ChildKey *keys = by_child(r, res);
    for (size_t k = 0; k < res->n_issues; k++) {
        const VIssue *is = &res->issues[keys[k].issue];
        const VRule *rule = res->outcomes[is->outcome].rule;
        char fields[256], values[1024], row[24];
        validate_affected_fields(rule, is->table, fields, sizeof fields);
        field_values(r, is, fields, values, sizeof values);
        snprintf(row, sizeof row, "%d", is->row);
        const char *cells[] = {keys[k].child,
                               validate_table_name(is->table, is->last),
                               row,
                               rule->code,
                               rule->description,
                               fields,
                               values};
        render_csv_row(out, cells, 7);
    }
    free(keys);
}

static const char *status_name(VStatus s)
{
    return s == VSTATUS_FAILED ? "failed" : s == VSTATUS_SKIPPED ? "skipped" : "passed";
}

json_t *vreport_rule_json(const VOutcome *o)
{
    json_t *obj = json_object();
    render_json_set(obj, "code", render_json_text(o->rule->code));
    render_json_set(obj, "status", render_json_text(status_name(o->status)));
    render_json_set(obj, "error_count", json_integer(o->n_failures));
    render_json_set(obj, "description", render_json_text(o->rule->description));
    render_json_set(obj, "affected_fields", render_json_text(o->rule->fields));
    if (o->status == VSTATUS_SKIPPED) render_json_set(obj, "reason", render_json_text(o->reason));
    return obj;
}

/* {"FIELD": "value", ...} for the affected fields of an issue's row. */
static json_t *json_values(const VTable *t, const VIssue *is, const char *fields)
{
    json_t *values = json_object();
    for (const char *s = fields; *s;) {
        size_t len = strcspn(s, ";");
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)len, s);
        int col = ssda903_column_index(t->file->table, name);
        if (col >= 0)
            render_json_set(values, name, render_json_text(ssda903_cell(t->file, is->row, col)));
        s += len;
        if (*s == ';') s++;
    }
    return values;
}

json_t *vreport_issue_json(const VReturn *r, const VResult *res, const VIssue *is)
{
    const VRule *rule = res->outcomes[is->outcome].rule;
    const VTable *t = issue_table(r, is);
    char fields[256];
    validate_affected_fields(rule, is->table, fields, sizeof fields);
    json_t *obj = json_object();
    render_json_set(obj, "child_id", render_json_text(validate_issue_child(r, is)));
    render_json_set(obj, "table", render_json_text(validate_table_name(is->table, is->last)));
    render_json_set(obj, "row_id", json_integer(is->row));
    render_json_set(obj, "line", json_integer(t->file->lines[is->row]));
    render_json_set(obj, "rule_code", render_json_text(rule->code));
    render_json_set(obj, "columns_affected", render_json_text(fields));
    render_json_set(obj, "values", json_values(t, is, fields));
    if (is->advisory) {
        char advisory[512];
        advisory_text(is, advisory, sizeof advisory);
        render_json_set(obj, "advisory", render_json_text(advisory));
    }
    return obj;
}

static json_t *json_summary(const VResult *res)
{
    json_t *obj = json_object();
    render_json_set(obj, "rules", json_integer(res->n_outcomes));
    render_json_set(obj, "failed", json_integer(res->n_failed_rules));
    render_json_set(obj, "skipped", json_integer(res->n_skipped_rules));
    render_json_set(obj, "issues", json_integer((json_int_t)res->n_issues));
    return obj;
}

json_t *vreport_mark_json(const Ssda903Mark *m)
{
    char year[16];
    year_name(m->year, year, sizeof year);
    json_t *o = json_object();
    render_json_set(o, "table", render_json_text(ssda903_table(m->table)->sql_name));
    render_json_set(o, "child", render_json_text(m->child));
    render_json_set(o, "row", render_json_text(m->row_key));
    render_json_set(o, "field", render_json_text(m->field));
    render_json_set(o, "value", render_json_text(m->value));
    render_json_set(o, "year", render_json_text(year));
    render_json_set(o, "message", render_json_text(m->message));
    render_json_set(o, "import", json_integer(m->import_id));
    return o;
}

static bool has_marks(const VResult *res)
{
    return res->marks && res->marks->n > 0;
}

void vreport_marks_csv(FILE *out, const Ssda903Marks *marks)
{
    static const char *const head[] = {"import", "table", "child", "row",
                                       "field",  "value", "year",  "message"};
    csv_write_row(out, head, 8);
    for (int i = 0; marks && i < marks->n; i++) {
        const Ssda903Mark *m = &marks->items[i];
        char id[24], year[16];
        snprintf(id, sizeof id, "%lld", m->import_id);
        year_name(m->year, year, sizeof year);
        const char *cells[] = {id,       ssda903_table(m->table)->sql_name,
                               m->child, m->row_key,
                               m->field, m->value,
                               year,     m->message};
        csv_write_row(out, cells, 8);
    }
}

void vreport_json(FILE *out, const VReturn *r, const VResult *res)
{
    char year[16], ruleset[16];
    year_name(res->year, year, sizeof year);
    year_name(res->ruleset_year, ruleset, sizeof ruleset);
    RenderJson w;
    render_json_start(&w, out);
    render_json_open_object(&w, NULL);
    render_json_put(&w, "year", render_json_text(year));
    render_json_put(&w, "ruleset", render_json_text(ruleset));
    render_json_put(&w, "summary", json_summary(res));
    render_json_open_array(&w, "rules");
    for (int i = 0; i < res->n_outcomes; i++)
        render_json_put(&w, NULL, vreport_rule_json(&res->outcomes[i]));
    render_json_close(&w);
    render_json_open_array(&w, "issues");
    ChildKey *keys = by_child(r, res);
    for (size_t k = 0; k < res->n_issues; k++)
        render_json_put(&w, NULL, vreport_issue_json(r, res, &res->issues[keys[k].issue]));
    free(keys);
    render_json_close(&w);
    if (has_marks(res)) {
        render_json_open_array(&w, "marks");
        for (int i = 0; i < res->marks->n; i++)
            render_json_put(&w, NULL, vreport_mark_json(&res->marks->items[i]));
        render_json_close(&w);
    }
    render_json_close(&w);
}

static void html_summary(FILE *out, const VResult *res)
{
    char year[16], ruleset[16];
    year_name(res->year, year, sizeof year);
    year_name(res->ruleset_year, ruleset, sizeof ruleset);
    fprintf(out,
            "<h1>SSDA903 validation: %s return, %s rules</h1>\n<p>%d rules: %ld failed, %ld "
            "skipped, %zu failing rows.</p>\n",
            year, ruleset, res->n_outcomes, res->n_failed_rules, res->n_skipped_rules,
            res->n_issues);
    fputs("<h2>Failing rules</h2>\n<table>\n<tr><th>Code</th><th>Errors</th><th>Description"
          "</th><th>Fields</th></tr>\n",
          out);
    for (int i = 0; i < res->n_outcomes; i++) {
        const VOutcome *o = &res->outcomes[i];
        if (o->status != VSTATUS_FAILED) continue;
        fprintf(out, "<tr><td>%s</td><td>%ld</td><td>", o->rule->code, o->n_failures);
        render_html_text(out, o->rule->description);
        fputs("</td><td>", out);
        render_html_text(out, o->rule->fields);
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n<h2>Rules not run</h2>\n<ul>\n", out);
    for (int i = 0; i < res->n_outcomes; i++) {
        const VOutcome *o = &res->outcomes[i];
        if (o->status != VSTATUS_SKIPPED) continue;
        fprintf(out, "<li>%s: ", o->rule->code);
        render_html_text(out, o->reason);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

static void html_issue(FILE *out, const VReturn *r, const VResult *res, const VIssue *is)
{
    const VRule *rule = res->outcomes[is->outcome].rule;
    char fields[256], values[1024];
    validate_affected_fields(rule, is->table, fields, sizeof fields);
    field_values(r, is, fields, values, sizeof values);
    fprintf(out, "<li><b>%s</b> %s row %d (line %ld): ", rule->code,
            validate_table_name(is->table, is->last), is->row,
            issue_table(r, is)->file->lines[is->row]);
    render_html_text(out, rule->description);
    fputs(" <i>Fix: ", out);
    render_html_text(out, values[0] ? values : fields);
    fputs("</i>", out);
    if (is->advisory) {
        char advisory[512];
        advisory_text(is, advisory, sizeof advisory);
        fputs(" <span class=\"advisory\">Note: ", out);
        render_html_text(out, advisory);
        fputs("</span>", out);
    }
    fputs("</li>\n", out);
}

/* The values stored as unknown at import, a row each. */
static void html_marks(FILE *out, const Ssda903Marks *marks)
{
    fputs("<h2>Values marked at import, stored as unknown</h2>\n<table>\n<tr><th>Table</th>"
          "<th>Child</th><th>Row</th><th>Field</th><th>Value as given</th><th>Why</th></tr>\n",
          out);
    for (int i = 0; i < marks->n; i++) {
        const Ssda903Mark *m = &marks->items[i];
        const char *cells[] = {ssda903_table(m->table)->sql_name,
                               m->child,
                               m->row_key,
                               m->field,
                               m->value,
                               m->message};
        fputs("<tr>", out);
        for (int c = 0; c < 6; c++) {
            fputs("<td>", out);
            render_html_text(out, cells[c]);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);
}

void vreport_html(FILE *out, const VReturn *r, const VResult *res)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SSDA903 "
          "validation</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-"
          "collapse:collapse}td,th{border:1px solid #999;padding:4px;text-align:left}</style>"
          "</head><body>\n",
          out);
    html_summary(out, res);
    fputs("<h2>By child</h2>\n", out);
    ChildKey *keys = by_child(r, res);
    for (size_t k = 0; k < res->n_issues; k++) {
        if (k == 0 || strcmp(keys[k].child, keys[k - 1].child) != 0) {
            if (k) fputs("</ul>\n", out);
            fputs("<h3>Child ", out);
            render_html_text(out, keys[k].child);
            fputs("</h3>\n<ul>\n", out);
        }
        html_issue(out, r, res, &res->issues[keys[k].issue]);
    }
    if (res->n_issues) fputs("</ul>\n", out);
    free(keys);
    if (has_marks(res)) html_marks(out, res->marks);
    fputs("</body></html>\n", out);
}

void vreport_text(FILE *out, const VResult *res)
{
    char year[16], ruleset[16];
    year_name(res->year, year, sizeof year);
    year_name(res->ruleset_year, ruleset, sizeof ruleset);
    fprintf(out, "SSDA903 validation of the %s return against the %s rules\n", year, ruleset);
    fprintf(out, "%d rules: %ld passed, %ld failed, %ld skipped; %zu failing rows\n",
            res->n_outcomes, res->n_outcomes - res->n_failed_rules - res->n_skipped_rules,
            res->n_failed_rules, res->n_skipped_rules, res->n_issues);
    for (int i = 0; i < res->n_outcomes; i++) {
        const VOutcome *o = &res->outcomes[i];
        if (o->status == VSTATUS_FAILED)
            fprintf(out, "  FAIL %-10s %6ld  %s\n", o->rule->code, o->n_failures,
                    o->rule->description);
    }
    for (int i = 0; i < res->n_outcomes; i++) {
        const VOutcome *o = &res->outcomes[i];
        if (o->status == VSTATUS_SKIPPED)
            fprintf(out, "  SKIP %-10s %s\n", o->rule->code, o->reason);
    }
    if (!has_marks(res)) return;
    fprintf(out, "%d value%s marked at import, stored as unknown (import --keep-invalid):\n",
            res->marks->n, res->marks->n == 1 ? "" : "s");
    for (int i = 0; i < res->marks->n; i++) {
        const Ssda903Mark *m = &res->marks->items[i];
        fprintf(out, "  MARK %s %s %s %s: %s\n", ssda903_table(m->table)->sql_name, m->child,
                *m->row_key ? m->row_key : "-", m->field, m->message);
    }
}
