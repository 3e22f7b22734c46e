/* svc_governance: the use cases of the Pledge's governance (docs/governance.md):
 * listing the rows of a governance table (the groups, meetings, CiCC issues,
 * action plan, ...), recording rows from CSV templates or a form with the
 * rules of every import (each problem named by file, line, column and field;
 * one transaction, nothing half-saved; audited), the due and overdue report of
 * the terms of reference, the CiCC issues and actions, the children's CiCC
 * participation per child and in aggregate, and the public "you said, we did"
 * list. The shipped seed (data/governance-*.csv: the four groups' terms of
 * reference, the action plan's priorities, the members' scrutiny items) is
 * what a table holds until it is first written. */
#ifndef CAREPLEDGE_SVC_GOVERNANCE_H
#define CAREPLEDGE_SVC_GOVERNANCE_H

#include "base/err.h"
#include "domain/governance.h"
#include "domain/governance_due.h"
#include "domain/governance_participation.h"
#include "service/context.h"
#include "service/svc_audit.h"
#include "service/service.h"

#include <stdbool.h>

/* The rows of one table, every cell as text (the stored form). */
typedef struct GovRows {
    const GovTable *table;
    int n_rows;
    char **cells; /* n_rows x table->n_columns, row-major */
    bool seeded;  /* the shipped seed: the table has not been written yet */
} GovRows;

/* The cell of column name (upper case) of row r; "" when no such column. */
const char *svc_gov_cell(const GovRows *rows, int r, const char *column);
void svc_gov_rows_free(GovRows *rows);

/* The rows of table t in id order. ERR_STATE when the database predates the
 * governance tables. Free out with svc_gov_rows_free. */
int svc_gov_list(const char *db_path, GovTableId t, const Actor *actor, GovRows *out, Err *err);
/* The same, read from a store already open (service_open_existing). */
int svc_gov_list_in(Store *s, GovTableId t, const Actor *actor, GovRows *out, Err *err);

/* Calls each(values, n, arg) for every stored row of table t in id order
 * (values[i] is column i as text, valid during the call; the seed is not
 * read), without keeping them: for tables of many rows, such as a year of
 * participation events. Stops at a nonzero return. Returns 0, ERR_STATE
 * (the database predates the tables) or ERR_DB. */
int svc_gov_each(const char *db_path, GovTableId t, const Actor *actor,
                 int (*each)(const char *const *values, int n, void *arg), void *arg, Err *err);

/* Records the rows of CSV templates (each file's header names its table:
 * docs/governance.md), all files in one transaction, in the order of the
 * tables so that a meeting is there before its actions. Every problem is added
 * to problems; when there is any, nothing is written and ERR_INPUT returned.
 * Each table written is audited ("governance import TABLE") with origin in
 * the same transaction: the rows and their audit rows are saved together or
 * not at all. *rows is the number of rows written. */
int svc_gov_import(const AppContext *ctx, const char *db_path, const char *const *paths, int n,
                   const Actor *actor, const char *origin, long *rows, ErrList *problems, Err *err);

/* The demo's governance records (synth/synth_governance) for the collection
 * years end_year - 1 and end_year, written as templates into dir (which must
 * exist) and imported as svc_gov_import would, over the children of the
 * history in db_path. */
int svc_gov_demo(const AppContext *ctx, const char *db_path, int end_year, unsigned long seed,
                 const char *dir, const Actor *actor, long *rows, ErrList *problems, Err *err);

/* Records one row given as (column, value) pairs, checked as a template row
 * would be (err names the column as its field); a missing ID is given the next
 * free one (prefix + number), written into id_out (GOV_ID_LEN). Audited in the
 * same transaction as the row. */
int svc_gov_record(const AppContext *ctx, const char *db_path, GovTableId t,
                   const char *const *columns, const char *const *values, int n,
                   const char *id_prefix, const Actor *actor, const char *origin, char *id_out,
                   Err *err);

/* One line of the due report. */
typedef struct GovDueLine {
    char kind[16]; /* "regular", "issue", "action" */
    char what[200];
    char ref[GOV_ID_LEN];
    Date due, done;
    GovState state;
} GovDueLine;

typedef struct GovDueReport {
    GovDueLine *lines;
    int n_lines;
    long issues_num, issues_den; /* promise 3.13 for the year */
} GovDueReport;

/* The regular items of the collection year end_year on date at, every CiCC
 * issue and action not done in time (answered late ones included), and 3.13.
 * Free with svc_gov_due_free. */
int svc_gov_due(const char *db_path, int end_year, Date at, const Actor *actor, GovDueReport *out,
                Err *err);
void svc_gov_due_free(GovDueReport *r);

typedef struct GovChildItem {
    char child[32];
    GovPartItem item;
} GovChildItem;

typedef struct GovParticipation {
    GovChildItem *items; /* per child, NULL when only the aggregate was asked */
    int n_items;
    GovPartTally tally;
    GovPartPublished published; /* filled when published */
} GovParticipation;

/* The participation rules for the collection year end_year on date at, over
 * the children of data (episodes). per_child false gives the aggregate only;
 * publish withholds small counts (threshold, 0 for the default). Free with
 * svc_gov_participation_free. */
int svc_gov_participation(const ServiceData *data, const char *db_path, int end_year, Date at,
                          bool per_child, bool publish, int threshold, const Actor *actor,
                          GovParticipation *out, Err *err);
void svc_gov_participation_free(GovParticipation *p);

/* "You said, we did": the CiCC issues with what was done, no personal data. */
typedef struct GovYouSaid {
    char month[8]; /* YYYY-MM the issue was raised */
    char *issue, *we_did;
    bool answered_in_time;
} GovYouSaid;

/* The issues with a we_did text, newest first; free with svc_gov_you_said_free. */
int svc_gov_you_said(const char *db_path, GovYouSaid **out, int *n, Err *err);
void svc_gov_you_said_free(GovYouSaid *v, int n);

/* Promise 3.13 from the store s: *available false when the database holds no
 * CiCC issue (or predates the tables). Years from first_year, n_years of them. */
int svc_gov_issues_by_year(Store *s, int first_year, int n_years, long *num, long *den,
                           bool *available, Err *err);

#endif
