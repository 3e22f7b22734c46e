/* validate: the DfE's SSDA903 validation rules, run over a return as the DfE ingests it.
 *
 * A return is this year's 903 tables plus, optionally, last year's (the "_last"
 * tables). Every field stays text as the file holds it; an empty cell is
 * missing; codes compare without case; dates are strict dd/mm/yyyy and an
 * invalid date counts as missing for every rule except its own validity rule.
 * The loaded tables are prepared once (dates parsed, rows grouped by child and
 * sorted by date) so that each rule is a single pass.
 *
 * Rules are data (vrules.c and the rules_*.c family files): code, the collection
 * years in which it is in force, tables, fields, description and a function. A
 * rule whose tables or reference files are absent is reported as skipped with
 * its reason, never as passed. This module reads no 903 files itself and writes
 * nothing: loading is the caller's job (cli/cmd_validate.c), output is render/vreport.
 * The files it reads are reference files the caller names: the ONS Postcode
 * Directory (vreturn_load_postcodes) and Ofsted's provider lists
 * (vreturn_load_providers). */
#ifndef CAREPLEDGE_VALIDATE_H
#define CAREPLEDGE_VALIDATE_H

#include "base/date.h"
#include "base/err.h"
#include "base/strmap.h"
#include "domain/codes.h"
#include "exchange/onspd.h"
#include "exchange/ssda903.h"

#include <stdbool.h>
#include <stddef.h>

/* The first and last collection years (end years) with a rule set here, and a
 * bound on the number of rule definitions across all years. */
enum { VALIDATE_FIRST_YEAR = 2023, VALIDATE_LAST_YEAR = 2027, VALIDATE_MAX_RULES = 1024 };

/* One loaded table, prepared for the rules. All arrays are indexed by the data
 * row number in the file (0-based), except order[] which lists row numbers. */
typedef struct VTable {
    Ssda903File *file; /* NULL when the table was not supplied; owned */
    int n_rows, n_cols;
    Date *dates;        /* n_rows * n_cols; DATE_NONE when missing, invalid or not a date */
    unsigned char *bad; /* n_rows * n_cols; 1 where a date column holds an invalid date */
    int *order;         /* rows sorted by child, then by the table's main date, then row */
    int *group_start;   /* n_groups + 1 offsets into order: the rows of one child */
    int *group_of_row;  /* n_rows: the group of each row */
    int n_groups;
    StrMap groups; /* child id -> group index */
} VTable;

/* The Ofsted provider lists (URN lookups) given for a return (vproviders.c). */
typedef struct VProviders VProviders;

typedef struct VReturn {
    int year;                /* collection end year of the return: 2027 = 2026/27 */
    VTable cur[T903_COUNT];  /* this year's tables */
    VTable last[T903_COUNT]; /* last year's tables */
    /* Every episode known at the end of the year, this year's and last year's
     * among them (validate --db, vreturn_add_history); file NULL without. */
    VTable history;
    Date history_from;               /* 1 April of the first year the history is whole from */
    unsigned char *header_uasc;      /* per Header row: 1 when the child is in this year's UASC */
    unsigned char *header_last_uasc; /* per Header_last row: in last year's UASC */
    Onspd *postcodes;      /* the directory's rows for the return's postcodes (vpostcodes.c);
                            * NULL until vreturn_load_postcodes; owned */
    VProviders *providers; /* NULL until vreturn_load_providers; owned */
    char la[16];           /* the responsible authority's code (PL_LOCATION); "" = inferred */
    bool prepared;
} VReturn;

void vreturn_init(VReturn *r, int year);
/* Adds a loaded file as this year's (last=false) or last year's table; takes
 * ownership of *f (heap-allocated with xmalloc). Returns 0, or ERR_INPUT when
 * that table was already given. */
int vreturn_add(VReturn *r, Ssda903File *f, bool last, Err *err);
/* Adds the whole history of Episodes (every episode started by the end of
 * the year, as the year's return would write it), for the rules that can look
 * further back than last year (docs/validation.md, "With the history"). Takes
 * ownership of *f, which must be an Episodes table; from_year is the first
 * collection year it is whole from (the first return stored): a rule judges
 * by the history only what happened from then on. Returns 0, or ERR_INPUT. */
int vreturn_add_history(VReturn *r, Ssda903File *f, int from_year, Err *err);
/* Parses dates, groups rows by child and derives fields. Call once, after the
 * last vreturn_add. */
void vreturn_prepare(VReturn *r);
void vreturn_free(VReturn *r);

/* Reads the ONS Postcode Directory CSV at path (columns pcd or pcds, oseast1m,
 * osnrth1m, oslaua, optional oscty) for the postcodes of the Episodes already
 * added (this year's and last year's), so that the rules needing PL_DISTANCE,
 * PL_LA and PL_LOCATION can run. Keeps only the rows the return uses. Returns 0,
 * ERR_IO or ERR_INPUT (a required column missing). */
int vreturn_load_postcodes(VReturn *r, const char *path, Err *err);
/* The same from text in memory (tests); name is used in messages. */
int vreturn_load_postcodes_buffer(VReturn *r, const char *name, const char *text, size_t len,
                                  Err *err);
/* Sets the responsible authority's code (e.g. E06000059) that PL_LOCATION and
 * rule 1015 compare with; NULL or "" infers it as the authority most of the
 * return's home postcodes lie in. */
void vreturn_set_la(VReturn *r, const char *code);

/* Reads one of Ofsted's provider lists saved as CSV (columns by name: URN and
 * any of the placement types, placement provider codes, date closed and
 * postcode, under the children's homes or social care providers headings) so
 * that the URN rules can run. Call once per file; rows of a URN merge across
 * files. Returns 0, ERR_IO or ERR_INPUT (no URN column, bad CSV). */
int vreturn_load_providers(VReturn *r, const char *path, Err *err);
/* The same from text in memory (tests); name is used in messages. */
int vreturn_load_providers_buffer(VReturn *r, const char *name, const char *text, size_t len,
                                  Err *err);
void vproviders_free(VProviders *p);

/* The data file saying in which collection years each rule is in force. */
#define VRULES_YEARS_FILE "data/903-rule-years.csv"

typedef struct VCtx VCtx;

/* A check common to many rules, given as data in the rule's table row instead
 * of a function of its own (vengine.c runs it). */
typedef enum VCheckKind {
    VCHECK_NONE,           /* the rule has a function, or is not run here */
    VCHECK_CODE,           /* each cell of col is a code valid in the year */
    VCHECK_DATE,           /* each cell of col is blank or a valid dd/mm/yyyy date */
    VCHECK_IN_HEADER,      /* the child of each row is in Header */
    VCHECK_SAME_AS_HEADER, /* col agrees with Header's other_col for the child */
    VCHECK_ONCE,           /* a child has at most one row */
    VCHECK_FAMILY,         /* a check of the rule's family file: `family`, with these parameters */
} VCheckKind;

typedef struct VCheck {
    VCheckKind kind;
    Ssda903TableId table; /* this year's table checked */
    int col;              /* its column (ssda903.c's order) */
    int other_col;        /* a second column: Header's for VCHECK_SAME_AS_HEADER */
    bool required;        /* VCHECK_CODE, VCHECK_DATE: a blank cell fails */
    /* VCHECK_CODE: the valid codes are the list data/903-codes.csv gives the
     * column's name (domain/codes.h) for the ruleset year, or for codes_year
     * when it is set: a rule that wants new codes alone while the file still
     * accepts the old ones beside them. */
    int codes_year;
    const char *codes;       /* VCHECK_FAMILY: a ';'-separated list */
    const char *other_codes; /* VCHECK_FAMILY: a second ';'-separated list */
    int number;              /* VCHECK_FAMILY: a limit (an age, a number of days) */
    bool option;             /* VCHECK_FAMILY: a choice the family's check documents */
    void (*family)(VCtx *c, const struct VCheck *check);
} VCheck;

typedef struct VRule {
    const char *code;
    /* The years this form of the rule applies to (end years; 0 = open-ended).
     * Whether the rule is in force at all in a year is data
     * (VRULES_YEARS_FILE); these only choose among the forms of an amended rule. */
    int first_year, last_year;
    const char *tables; /* as the DfE lists them, ';'-separated; "X_last" = last year */
    const char *fields; /* ';'-separated */
    const char *description;
    /* What must be present to run, if not exactly `tables` (NULL); for a rule
     * without a function, why it is not run. */
    const char *needs;
    void (*fn)(VCtx *c); /* NULL: a check as data, or not run here (check.kind VCHECK_NONE) */
    VCheck check;        /* the rule as data when it is one of the common checks */
    /* True when the rule's condition is about particular rows of the tables
     * with many rows per child that it names (the episode a missing period
     * began in, the final episode): the rule marks each of them itself
     * (vctx_fail_partner) and the engine adds none of the child's other rows
     * (vengine.c, mark_affected). */
    bool marks_own_rows;
} VRule;

/* True when the rule is run here (a function or a check); a rule of the DfE's
 * set that is not is reported as skipped. */
static inline bool vrules_runs(const VRule *rule)
{
    return rule->fn || rule->check.kind != VCHECK_NONE;
}

/* Every rule definition of every year, in code order; returns how many (fills
 * at most cap pointers). */
int vrules_all(const VRule **out, int cap);
/* The rules in force in a collection year, in code order; returns how many
 * (fills at most cap pointers). */
int vrules_for_year(int year, const VRule **out, int cap);
/* The definition of code in force in year, or NULL. */
const VRule *vrules_find(const char *code, int year);
/* The collection years (end years, 0 = open-ended) in which code is in the
 * DfE's set, from VRULES_YEARS_FILE; false when the file does not list it. */
bool vrules_years(const char *code, int *from, int *to);

typedef enum VStatus { VSTATUS_PASSED, VSTATUS_FAILED, VSTATUS_SKIPPED } VStatus;

typedef struct VOutcome {
    const VRule *rule;
    VStatus status;
    char reason[256]; /* why it was skipped */
    long n_failures;  /* failing rows */
} VOutcome;

typedef struct VIssue {
    int outcome; /* index into VResult.outcomes */
    Ssda903TableId table;
    bool last; /* the row is in last year's table */
    int row;
    /* NULL, or Carepledge's own view beside the DfE's flag: why the row is
     * probably correct after all (static text; docs/validation.md) */
    const char *advisory;
} VIssue;

typedef struct VResult {
    int year, ruleset_year;
    VOutcome *outcomes;
    int n_outcomes;
    VIssue *issues; /* sorted by outcome, table, row; no duplicates */
    size_t n_issues, cap_issues;
    long n_failed_rules, n_skipped_rules;
    /* validate --db: the values imports stored as unknown and marked
     * (import --keep-invalid), listed beside the rules; not owned; NULL or
     * empty otherwise. */
    const Ssda903Marks *marks;
} VResult;

/* Runs the rule set of ruleset_year over a prepared return, with the shipped
 * code lists. Fills *out (freed by vresult_free). Returns the number of
 * failing rules. */
long validate_run(const VReturn *r, int ruleset_year, VResult *out);
/* The same with rules and code lists already loaded (the application
 * context's: service/context.h): rules is the year's set, in code order; a
 * rule that reads the code lists is skipped when codes is NULL. */
long validate_run_rules(const VReturn *r, int ruleset_year, const VRule *const *rules, int n,
                        const CodeLists *codes, VResult *out);
/* Runs only the named rules (NULL-terminated list of codes); for tests. */
long validate_run_codes(const VReturn *r, int ruleset_year, const char *const *codes, VResult *out);
void vresult_free(VResult *res);

/* The DfE names of tables: "Episodes", or "Episodes_last" when last. */
const char *validate_table_name(Ssda903TableId t, bool last);
/* The child id of an issue's row. */
const char *validate_issue_child(const VReturn *r, const VIssue *is);
/* Writes into buf the rule's fields that are columns of table t (';'-separated),
 * or all the rule's fields when none is. Returns buf. */
char *validate_affected_fields(const VRule *rule, Ssda903TableId t, char *buf, size_t size);

#endif
