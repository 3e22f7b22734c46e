/* governance: the records of the Pledge's governance (docs/governance.md) as
 * tables of named columns — the four groups of the strategy's Appendix 2 and
 * their members, meetings and actions; the Children in Care Council's
 * participation events and issues; the action plan's priorities and progress
 * notes; training in the Pledge; the members' scrutiny items — and the check of
 * one value against its column, which every way in (a CSV template, a form of
 * the dashboard) goes through.
 *
 * One table here is one table of schema/sqlite/008_governance.sql and one CSV
 * template, with the same columns in the same order. Pure: no files, no I/O;
 * nothing is allocated. */
#ifndef CAREPLEDGE_GOVERNANCE_H
#define CAREPLEDGE_GOVERNANCE_H

#include "base/date.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum GovTableId {
    GOV_GROUPS,
    GOV_MEMBERS,
    GOV_MEETINGS,
    GOV_ACTIONS,
    GOV_PARTICIPATION,
    GOV_ISSUES,
    GOV_PRIORITIES,
    GOV_PROGRESS,
    GOV_TRAINING,
    GOV_SCRUTINY,
    GOV_TABLE_COUNT,
} GovTableId;

typedef enum GovFieldKind {
    GOV_TEXT,     /* any text; required unless optional */
    GOV_DATE,     /* YYYY-MM-DD or dd/mm/yyyy, stored as YYYY-MM-DD */
    GOV_FLAG,     /* Y or N (also 1/0, yes/no), stored as 1 or 0 */
    GOV_CHOICE,   /* one of the column's choices, stored in lower case */
    GOV_REF,      /* the id of a row of another table (ref) */
    GOV_CHILD,    /* a child's 903 CHILD id, known to the store */
    GOV_INDICATOR /* ';'-separated scorecard indicator ids */
} GovFieldKind;

typedef struct GovColumn {
    const char *name; /* the CSV header, upper case */
    GovFieldKind kind;
    bool optional;       /* may be empty */
    const char *choices; /* GOV_CHOICE: "open|done|dropped" */
    GovTableId ref;      /* GOV_REF: the table whose id it names */
} GovColumn;

enum { GOV_MAX_COLUMNS = 12, GOV_ID_LEN = 32 };

typedef struct GovTable {
    GovTableId id;
    const char *name;     /* "meetings": the template is governance-meetings.csv */
    const char *sql_name; /* the table of the schema */
    const char *summary;
    int n_columns;
    GovColumn columns[GOV_MAX_COLUMNS]; /* the first is ID */
} GovTable;

extern const GovTable governance_tables[GOV_TABLE_COUNT];

/* The table by name ("meetings"), or NULL. */
const GovTable *governance_table_find(const char *name);
/* The column index of name (upper case) in t, or -1. */
int governance_column(const GovTable *t, const char *name);

/* The four groups of the strategy's Appendix 2, by the ids the seed gives them. */
#define GOV_GROUP_STRATEGY "strategy_group"
#define GOV_GROUP_FORUM    "practice_forum"
#define GOV_GROUP_CICC     "cicc"
#define GOV_GROUP_PANEL    "panel"

enum { GOV_VALUE_LEN = 4096 };

/* Checks value against column c and writes the form stored into out (size
 * GOV_VALUE_LEN): a date as YYYY-MM-DD, a flag as 1 or 0, a choice in lower
 * case, text trimmed of spaces at its ends. Returns 0, or -1 with why (size
 * 200) saying what was expected. An empty value is "" in out when the column
 * is optional; a required one is refused. GOV_REF and GOV_CHILD are only
 * checked to be a short id here: whether the row or the child exists is the
 * caller's to check against the store. */
int governance_check_value(const GovColumn *c, const char *value, char *out, char *why);

#endif
