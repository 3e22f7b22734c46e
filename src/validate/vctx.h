/* vctx: what a rule function sees, and the small helpers every rule family uses.
 *
 * Internal to src/validate. A rule reads the prepared VReturn through these
 * helpers (cells as text, dates already parsed, codes compared without case)
 * and reports each failing row with vctx_fail. Rules never allocate output and
 * never print. Column numbers below come from the same column lists as
 * ssda903.c's tables (exchange/ssda903_columns.h). */
#ifndef CAREPLEDGE_VCTX_H
#define CAREPLEDGE_VCTX_H

#include "domain/codes.h"
#include "exchange/ssda903_columns.h"
#include "validate/validate.h"

#include <stdbool.h>

/* Column numbers, named as in exchange/ssda903_columns.h (H_ Header, E_
 * Episodes, R_ Reviews, U_ UASC, O2_, O3_, A_ AD1, PA_ PlacedAdoption, PP_
 * PrevPerm, M_ Missing, SW_ SWEpisodes, DL_ DoLo). */
enum { SSDA903_COLUMNS_HEADER(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_EPISODES(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_REVIEWS(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_UASC(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_OC2(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_OC3(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_AD1(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_PLACED_ADOPTION(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_PREV_PERM(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_MISSING(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_SW_EPISODES(SSDA903_ID, SSDA903_NOTHING) };
enum { SSDA903_COLUMNS_DOLO(SSDA903_ID, SSDA903_NOTHING) };

/* The postcode-derived fields of one Episodes row (vpostcodes.c). */
typedef struct VPostFields {
    int distance;              /* PL_DISTANCE in tenths of a mile; -1 when not derivable */
    char la[16];               /* PL_LA; "" when PL_POST is not in the directory */
    char location;             /* PL_LOCATION: 'I' (IN), 'O' (OUT) or 0 (unknown) */
    bool home_known, pl_known; /* HOME_POST, PL_POST found in the directory */
} VPostFields;

struct VCtx {
    const VReturn *r;
    VResult *res;
    int outcome;
    int year;                   /* ruleset year: which form of a rule applies */
    Date start, end;            /* the return's collection year, 1 April .. 31 March */
    const unsigned char *cla12; /* per group of this year's Episodes (vreturn_derive_cla12) */
    const VPostFields *post[2]; /* per row of Episodes, Episodes_last; NULL without postcodes */
    const CodeLists *codes;     /* data/903-codes.csv, for VCHECK_CODE */
};

/* One provider of Ofsted's lists (vproviders.c); empty strings and DATE_NONE
 * where the lists given do not say. Codes are ';'-separated capitals. */
typedef struct VProvider {
    char places[64];    /* placement types the provider offers */
    char providers[32]; /* placement provider codes (PR0-PR5) */
    char postcode[12];  /* without spaces, in capitals */
    Date closed;        /* date it closed or was deregistered */
} VProvider;

/* The provider with this URN, or NULL when it is not in the lists given (or no
 * list was given). */
const VProvider *vctx_provider(const VCtx *c, const char *urn);
/* The providers listed, by index 0 .. vproviders_count()-1 (for the postcode
 * directory to keep their postcodes). */
int vproviders_count(const VProviders *p);
const VProvider *vproviders_at(const VProviders *p, int i);
/* Writes into out the authority (PL_LA form) of a postcode kept from the ONS
 * Postcode Directory; false (out "") when it is not known. */
bool vctx_postcode_authority(const VCtx *c, const char *postcode, char out[16]);
/* Writes into out the responsible authority's code (given, or inferred from
 * the home postcodes); "" when unknown. */
void vctx_own_authority(const VCtx *c, char out[16]);
/* True when two postcodes are the same apart from spaces and case. */
bool vpostcode_same(const char *a, const char *b);

/* Derives the postcode fields of every row of this year's (out[0]) and last
 * year's (out[1]) Episodes: malloc'ed arrays the caller frees; NULL when the
 * table or the directory is absent. */
void vpostcodes_derive(const VReturn *r, VPostFields *out[2]);

/* Derives "looked after continuously for 12 months at 31 March" for each child
 * (group) of this year's Episodes in the return's collection year: a
 * malloc'ed array the caller frees, or NULL without Episodes. */
unsigned char *vreturn_derive_cla12(const VReturn *r);

/* Reports row of this year's table t as failing the current rule. */
void vctx_fail(VCtx *c, Ssda903TableId t, int row);
/* Reports row of this year's table t as failing the current rule, as the
 * DfE's checks will, with Carepledge's advisory beside it: why the row is
 * probably correct (static text, "the DfE will flag this; ..." is added by
 * the reports). A row that the rule also fails plainly loses the advisory. */
void vctx_fail_advised(VCtx *c, Ssda903TableId t, int row, const char *why);
/* Reports a row of last year's table. */
void vctx_fail_last(VCtx *c, Ssda903TableId t, int row);
/* Marks a row the rule's condition compared with the row just reported (the
 * episode a PlacedAdoption row was compared with, last year's open episode),
 * in this year's (last false) or last year's table t, with that report's
 * advisory; nothing when row < 0 or the rule does not name t among its
 * tables. Of a table with many rows per child that the
 * rule names, a child's rows no rule call marked are all marked by the engine
 * (vengine.c, mark_affected). */
void vctx_fail_partner(VCtx *c, Ssda903TableId t, bool last, int row);

/* This year's table t (file may be NULL only when the rule does not need it). */
static inline const VTable *vt(const VCtx *c, Ssda903TableId t)
{
    return &c->r->cur[t];
}
static inline bool vt_present(const VTable *t)
{
    return t->file != NULL;
}
/* The trimmed text of a cell ("" when missing). */
static inline const char *vt_cell(const VTable *t, int row, int col)
{
    return ssda903_cell(t->file, row, col);
}
static inline bool vt_blank(const VTable *t, int row, int col)
{
    return vt_cell(t, row, col)[0] == '\0';
}
/* The parsed date of a date cell, DATE_NONE when missing or invalid. */
static inline Date vt_date(const VTable *t, int row, int col)
{
    return t->dates[(size_t)row * (size_t)t->n_cols + (size_t)col];
}
/* True when a date cell holds text that is not a valid dd/mm/yyyy date. */
static inline bool vt_bad_date(const VTable *t, int row, int col)
{
    return t->bad[(size_t)row * (size_t)t->n_cols + (size_t)col] != 0;
}
/* Age in whole years on date `on` from the date cell col (a DOB), or -1 when
 * that date is missing or invalid. */
static inline int vt_age_on(const VTable *t, int row, int col, Date on)
{
    Date dob = vt_date(t, row, col);
    return dob == DATE_NONE ? -1 : date_age_on(dob, on);
}
/* Case-insensitive equality of a cell with a code. */
bool vt_is(const VTable *t, int row, int col, const char *code);
/* True when the cell's code is one of the ';'-separated list, e.g. "A3;A5". */
bool vt_in(const VTable *t, int row, int col, const char *list);
/* True when text is one of the ';'-separated codes, without case. */
bool vcode_in(const char *text, const char *list);

/* Every episode known at the end of the year (validate --db), or NULL when
 * only this year's and last year's returns were given. */
static inline const VTable *vctx_history(const VCtx *c)
{
    return c->r->history.file ? &c->r->history : NULL;
}

/* The group (child) of a child id in table t, or -1. */
int vt_group(const VTable *t, const char *child);
/* Rows of group g, in date order: order[group_start[g] .. group_start[g+1]). */
static inline int vt_group_size(const VTable *t, int g)
{
    return t->group_start[g + 1] - t->group_start[g];
}
static inline int vt_group_row(const VTable *t, int g, int i)
{
    return t->order[t->group_start[g] + i];
}
/* The rows of group g as the DfE's checks order them: by the sort date col,
 * rows without a valid date last (the vt_group_row order puts them first).
 * Row i of that order; col must be the table's sort column. */
static inline int vt_group_row_blanks_last(const VTable *t, int g, int col, int i)
{
    int n = vt_group_size(t, g), blank = 0;
    while (blank < n && vt_date(t, vt_group_row(t, g, blank), col) == DATE_NONE) blank++;
    return vt_group_row(t, g, i < n - blank ? i + blank : i - (n - blank));
}

/* The first row of child in table t (in date order), or -1. */
int vt_first_row(const VTable *t, const char *child);

/* The child's date of birth from this year's Header, DATE_NONE when unknown. */
Date vctx_dob(const VCtx *c, const char *child);
/* The Header row of child, or -1. */
int vctx_header_row(const VCtx *c, const char *child);

/* True when child was looked after continuously for 12 months at 31 March
 * (the OC2 cohort, derived from this year's Episodes by vreturn_prepare);
 * false for a child with no episodes this year. */
bool vctx_cla12(const VCtx *c, const char *child);
/* Age in whole years on date `on` of a child, from this year's Header; -1 when
 * the date of birth is unknown. */
int vctx_age_on(const VCtx *c, const char *child, Date on);

/* True when child has an episode in this year's Episodes running during the
 * collection year (started by 31 March, open or ended on or after 1 April). */
bool vctx_in_care_during_year(const VCtx *c, const char *child);
/* The final episode of a child who has left care: the latest episode this year
 * (by start date) when it has ended for a reason other than X1; -1 otherwise. */
int vctx_left_care(const VCtx *c, const char *child);
/* True when the cell holds a female sex code: 2 (to 2023/24) or F (from
 * 2024/25). */
bool vt_female(const VTable *t, int row, int col);

/* The checks of rule table rows (VCheck), written `.check = VCHECK_...(...)`. */
/* A code of col's list, or blank. */
#define VCHECK_CODE_OR_BLANK(t, c)                    \
    {                                                 \
        .kind = VCHECK_CODE, .table = (t), .col = (c) \
    }
/* A code of col's list; blank fails. */
#define VCHECK_CODE_REQUIRED(t, c)                                      \
    {                                                                   \
        .kind = VCHECK_CODE, .table = (t), .col = (c), .required = true \
    }
/* A valid date, or blank. */
#define VCHECK_DATE_OR_BLANK(t, c)                    \
    {                                                 \
        .kind = VCHECK_DATE, .table = (t), .col = (c) \
    }
/* A valid date; blank fails. */
#define VCHECK_DATE_REQUIRED(t, c)                                      \
    {                                                                   \
        .kind = VCHECK_DATE, .table = (t), .col = (c), .required = true \
    }
/* Every child of t is in Header (INT01..INT09). */
#define VCHECK_CHILD_IN_HEADER(t)              \
    {                                          \
        .kind = VCHECK_IN_HEADER, .table = (t) \
    }
/* Column c of t agrees with Header's column h (INT11..INT21). */
#define VCHECK_AS_IN_HEADER(t, c, h)                                              \
    {                                                                             \
        .kind = VCHECK_SAME_AS_HEADER, .table = (t), .col = (c), .other_col = (h) \
    }
/* A child has one row of t at most (INT31..INT36). */
#define VCHECK_ONE_ROW_PER_CHILD(t)       \
    {                                     \
        .kind = VCHECK_ONCE, .table = (t) \
    }

/* A check of the rule's family file, fn(c, check), with parameters given as
 * designated fields (.table, .col, .other_col, .codes, .other_codes, .number,
 * .option). */
#define VCHECK_OF_FAMILY(fn, ...)                          \
    {                                                      \
        .kind = VCHECK_FAMILY, .family = (fn), __VA_ARGS__ \
    }

/* Runs the check of a rule's row (check->kind != VCHECK_NONE). */
void vcheck_run(VCtx *c, const VCheck *check);

#endif
