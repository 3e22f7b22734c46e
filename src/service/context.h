/* context: the application context, the reference data every use case reads,
 * loaded once when a front end starts and never changed afterwards: the 903
 * code lists, the working-day calendar with its bank holidays (the shipped
 * ones and a council's own file), the indicator catalogue of the Pledge (the
 * shipped one or a council's copy) and the validation rule set of each
 * collection year.
 *
 * Immutable after context_load, so any number of threads (a web server's
 * workers) may read one context at once without locks. It holds no database
 * connection and no data about children: those are per request. */
#ifndef CAREPLEDGE_CONTEXT_H
#define CAREPLEDGE_CONTEXT_H

#include "base/calendar.h"
#include "base/err.h"
#include "domain/codes.h"
#include "domain/indicators.h"
#include "validate/validate.h"

/* The rules in force in one collection year, in code order. */
typedef struct ContextRuleSet {
    int year; /* end year: 2027 is 2026/27 */
    const VRule **rules;
    int n_rules;
} ContextRuleSet;

enum { CONTEXT_N_RULESETS = VALIDATE_LAST_YEAR - VALIDATE_FIRST_YEAR + 1 };

/* The parts of a context. A long-running front end (a web server) loads them
 * all; a command loads only those its use case reads (a few milliseconds
 * each), as its CliCommand says. Each service says which it reads. */
enum {
    CONTEXT_CODES = 1u << 0,
    CONTEXT_CALENDAR = 1u << 1,
    CONTEXT_CATALOGUE = 1u << 2,
    CONTEXT_RULES = 1u << 3,
    CONTEXT_ALL = (1u << 4) - 1,
};

typedef struct AppContext {
    unsigned parts; /* CONTEXT_*: what was loaded; the rest is empty */
    CodeLists *codes;
    Calendar calendar;
    IndicatorCatalogue *catalogue;
    ContextRuleSet rulesets[CONTEXT_N_RULESETS]; /* oldest first */
} AppContext;

/* What to load: the council's own files, each NULL for the shipped data
 * alone, and the parts (CONTEXT_*; 0: none). */
typedef struct ContextFiles {
    const char *holidays_path;  /* bank holiday changes (base/calendar.h) */
    const char *catalogue_path; /* the council's copy of data/indicators.csv */
    unsigned parts;
} ContextFiles;

/* Loads the context from the shipped data and the files named (files may be
 * NULL: every part, shipped data only). A file for a part not loaded is not
 * read. Returns 0 and sets *out (free with context_free), or a negative code
 * with err naming the file, line and field at fault. */
int context_load(const ContextFiles *files, AppContext **out, Err *err);
void context_free(AppContext *ctx);

/* Returns 0 when ctx holds every part in parts, else ERR_INTERNAL (a front
 * end did not load what the use case reads: a bug). */
int context_require(const AppContext *ctx, unsigned parts, Err *err);

/* The rule set of collection year (end year), or NULL when there is none (or
 * the rules were not loaded). */
const ContextRuleSet *context_ruleset(const AppContext *ctx, int year);

#endif
