/* fuzz_validate: libFuzzer target for the 903 validator over arbitrary returns.
 *
 * The input is split into parts at lines "%%". The first part chooses the
 * collection year (its first four digits, clamped to the years with a rule
 * set) and whether the synthetic postcode directory below is given (the word
 * "postcodes"). Each further part is one table's CSV text: this year's, or
 * last year's when the part starts with a line "last", or the stored history
 * of Episodes after a line "history". Tables that are refused or given twice
 * are dropped, as the command line would refuse them. Every rule of the year
 * then runs; whatever the input, the engine must not crash, and its result
 * must hold together: each issue names a rule that failed and a row of its
 * table, and the counts agree.
 * validate_run loads the shipped code lists and reads the rules' years from
 * their embedded table on every call; that fixed data took four fifths of a
 * run, so the target loads both once (per year) and calls
 * validate_run_rules, the engine validate_run itself runs. */
#include "base/mem.h"
#include "domain/codes.h"
#include "validate/validate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Made-up postcodes and authorities, as in the unit tests' directory. */
static const char ONSPD[] = "pcds,oslaua,oscty,oseast1m,osnrth1m\n"
                            "ZZ1 1AA,X06000001,X99999999,400000,100000\n"
                            "ZZ2 2BB,X07000011,X10000001,410000,100000\n"
                            "ZZ3 3CC,X06000002,X99999999,400000,700000\n"
                            "ZZ5 5EE,X06000001,X99999999,,\n";

enum PartKind { PART_THIS_YEAR, PART_LAST_YEAR, PART_HISTORY };

/* Strips a leading line `word` from a part; true when it was there. */
static bool take_line(const char **text, size_t *len, const char *word)
{
    size_t n = strlen(word);
    if (*len < n + 1 || memcmp(*text, word, n) != 0 || (*text)[n] != '\n') return false;
    *text += n + 1;
    *len -= n + 1;
    return true;
}

static void add_table(VReturn *r, const char *text, size_t len)
{
    enum PartKind kind = take_line(&text, &len, "last")      ? PART_LAST_YEAR
                         : take_line(&text, &len, "history") ? PART_HISTORY
                                                             : PART_THIS_YEAR;
    Ssda903File *f = xmalloc(sizeof *f);
    ErrList errs = {0};
    Err err;
    int rc = ssda903_file_load_buffer("part.csv", text, len, f, &errs);
    if (rc == 0)
        rc = kind == PART_HISTORY ? vreturn_add_history(r, f, 2020, &err)
                                  : vreturn_add(r, f, kind == PART_LAST_YEAR, &err);
    if (rc < 0) {
        ssda903_file_free(f);
        free(f);
    }
    errlist_free(&errs);
}

static bool contains(const char *text, size_t len, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(text + i, word, n) == 0) return true;
    return false;
}

static int year_of(const char *text, size_t len)
{
    int year = 0, digits = 0;
    for (size_t i = 0; i < len && digits < 4; i++)
        if (text[i] >= '0' && text[i] <= '9') year = year * 10 + (text[i] - '0'), digits++;
    if (year < VALIDATE_FIRST_YEAR) return VALIDATE_FIRST_YEAR;
    return year > VALIDATE_LAST_YEAR ? VALIDATE_LAST_YEAR : year;
}

/* The next part of [*at, end): up to a line "%%" or the end. */
static bool next_part(const char **at, const char *end, const char **part, size_t *len)
{
    if (*at > end) return false;
    const char *p = *at;
    while (p < end && !(end - p >= 3 && memcmp(p, "%%\n", 3) == 0 && (p == *at || p[-1] == '\n')))
        p++;
    *part = *at;
    *len = (size_t)(p - *at);
    *at = p < end ? p + 3 : end + 1;
    return true;
}

/* Traps unless the result holds together. */
static void check_result(const VReturn *r, const VResult *res)
{
    long failed = 0;
    for (int i = 0; i < res->n_outcomes; i++) {
        const VOutcome *o = &res->outcomes[i];
        if ((o->status == VSTATUS_FAILED) != (o->n_failures > 0)) __builtin_trap();
        failed += o->status == VSTATUS_FAILED;
    }
    if (failed != res->n_failed_rules) __builtin_trap();
    for (size_t i = 0; i < res->n_issues; i++) {
        const VIssue *is = &res->issues[i];
        const VTable *t = is->last ? &r->last[is->table] : &r->cur[is->table];
        if (is->outcome < 0 || is->outcome >= res->n_outcomes || !t->file || is->row < 0 ||
            is->row >= t->n_rows || !validate_issue_child(r, is))
            __builtin_trap();
    }
}

/* The rules of each year with a rule set, found on first use. */
static struct {
    const VRule *rules[VALIDATE_MAX_RULES];
    int n;
} year_rules[VALIDATE_LAST_YEAR - VALIDATE_FIRST_YEAR + 1];

static const VRule *const *rules_of(int year, int *n)
{
    int i = year - VALIDATE_FIRST_YEAR;
    if (!year_rules[i].n)
        year_rules[i].n = vrules_for_year(year, year_rules[i].rules, VALIDATE_MAX_RULES);
    if (year_rules[i].n <= 0) abort(); /* every year in range has rules */
    *n = year_rules[i].n;
    return year_rules[i].rules;
}

/* The shipped code lists, loaded once; freed at exit so that LeakSanitizer
 * sees only what a run leaks. */
static CodeLists *shipped_codes;

static void free_codes(void)
{
    codes_free(shipped_codes);
}

static const CodeLists *codes(void)
{
    Err err;
    if (!shipped_codes) {
        if (codes_load_default(&shipped_codes, &err) < 0) abort();
        atexit(free_codes);
    }
    return shipped_codes;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *at = (const char *)data, *end = at + size, *part;
    size_t len;
    if (!next_part(&at, end, &part, &len)) return 0;
    int year = year_of(part, len);
    bool postcodes = contains(part, len, "postcodes");
    VReturn r;
    vreturn_init(&r, year);
    while (next_part(&at, end, &part, &len)) add_table(&r, part, len);
    Err err;
    if (postcodes && vreturn_load_postcodes_buffer(&r, "onspd.csv", ONSPD, strlen(ONSPD), &err) < 0)
        abort(); /* the directory is fixed: refusing it is a bug */
    vreturn_prepare(&r);
    VResult res;
    int n_rules;
    const VRule *const *rules = rules_of(year, &n_rules);
    validate_run_rules(&r, year, rules, n_rules, codes(), &res);
    check_result(&r, &res);
    vresult_free(&res);
    vreturn_free(&r);
    return 0;
}
