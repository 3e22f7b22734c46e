/* vreport: the outputs of a validation run, in the forms data teams use.
 *
 * issue_locations.csv, error_summary.csv and child_summary.csv keep the column
 * names of the DfE-aligned tools; JSON carries the same; HTML is a readable
 * report (summary first, then per child, each error naming row and field).
 * validate/ computes the result and writes nothing; this writes it. Writers
 * take an open stream and never close it; nothing here opens files. */
#ifndef CAREPLEDGE_VREPORT_H
#define CAREPLEDGE_VREPORT_H

#include "validate/validate.h"

#include <jansson.h>
#include <stdio.h>

/* child_id,tables_affected,columns_affected,row_id,rule_code,rule_description */
void vreport_issue_locations(FILE *out, const VReturn *r, const VResult *res);
/* Code,Error Count,Error Description,Affected Fields (failing rules only) */
void vreport_error_summary(FILE *out, const VResult *res);
/* child_id,table,row_id,rule_code,rule_description,affected_fields,values */
void vreport_child_summary(FILE *out, const VReturn *r, const VResult *res);
/* {"year", "ruleset", "summary", "rules": [...], "issues": [...]}, through
 * render/json, an element per line, the issues ordered by child. */
void vreport_json(FILE *out, const VReturn *r, const VResult *res);
/* One rule's outcome and one failing row (its affected cells by column name),
 * as vreport_json writes them; for the web API. New references. */
json_t *vreport_rule_json(const VOutcome *o);
json_t *vreport_issue_json(const VReturn *r, const VResult *res, const VIssue *is);
void vreport_html(FILE *out, const VReturn *r, const VResult *res);
/* A short summary for the terminal: counts, failing rules, skipped rules;
 * then the marked values (res->marks), a line each. */
void vreport_text(FILE *out, const VResult *res);
/* One marked value as JSON: {"table", "child", "row", "field", "value",
 * "year", "message", "import"}. New reference. vreport_json writes the
 * marks as "marks" after "issues", only when there are some. */
json_t *vreport_mark_json(const Ssda903Mark *m);
/* marks.csv: import,table,child,row,field,value,year,message (the header
 * alone when there are none). */
void vreport_marks_csv(FILE *out, const Ssda903Marks *marks);

#endif
