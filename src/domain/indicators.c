/* indicators: see indicators.h. */
#include "domain/indicators.h"

#include "base/csv.h"
#include "base/embed.h"
#include "base/strmap.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const pledge_themes[PLEDGE_N_THEMES] = {
    "Working together", "Staying safe",     "Keeping our word",
    "Listening to you", "Living your life", "Enjoying and achieving",
    "Moving on",        "Being healthy",    "Looking to the future",
};

/* The strategy, section 3 ("How we are working to keep the pledge"); the themes
 * are the Pledge's headings in section 2. */
const PledgePromise pledge_promises[PLEDGE_N_PROMISES] = {
    {1, 0,
     "The professionals and carers that you have contact with work well together to look "
     "after you as well as possible."},
    {2, 0, "Professionals and carers follow their own policies and guidelines."},
    {3, 0,
     "Professionals and carers take time to get to know you in person as well as reading "
     "information about you."},
    {4, 0, "Professionals and carers treat you as well as they would treat their own children."},
    {5, 1, "You can keep in regular contact with family members if you want to and if it is safe."},
    {6, 1,
     "You can return to live with a member of your birth family if you want to and if it is "
     "safe."},
    {7, 1,
     "If you have a particular need, because, for example, you are disabled, you get an equal "
     "standard of service."},
    {8, 2, "Professionals and carers actually do what they say they will do."},
    {9, 2, "Professionals and carers only make promises that they can keep."},
    {10, 2, "Professionals and carers give you reasons for their actions and decisions."},
    {11, 2, "You know what you are entitled to and what is available for you."},
    {12, 3, "Your views and wishes are listened to and respected."},
    {13, 3, "Your views and wishes make a difference."},
    {14, 3, "You can talk to someone who will give you independent advice."},
    {15, 4, "You have a secure and stable home."},
    {16, 4, "You are given lots of warning about changes."},
    {17, 4, "You get an amount of pocket money that is right for your age."},
    {18, 4, "You can meet other children and young people in care if you want to."},
    {19, 5, "You are able to get involved in sport, art, and culture in your spare time."},
    {20, 5, "You have a settled education, moving school only when absolutely necessary."},
    {21, 5, "You are able to continue in training or education or get work when you leave care."},
    {22, 6, "If you leave care after the age of 16 you will be well prepared for it."},
    {23, 6, "You can stay with your carers after the age of 18 if you want to."},
    {24, 6, "You will be helped to move to more independent housing only when you want to."},
    {25, 7, "You are physically and emotionally healthy."},
    {26, 8, "You are treated as an individual and encouraged to become the person you want to be."},
    {27, 8, "You are properly supported to help you to achieve whatever you want to achieve."},
};

const char *const indicator_columns[INDICATOR_N_COLUMNS] = {
    "id",        "promise",     "theme",   "title",  "definition", "cohort",
    "numerator", "denominator", "records", "better", "target",     "kind",
};

enum {
    COL_ID,
    COL_PROMISE,
    COL_THEME,
    COL_TITLE,
    COL_DEFINITION,
    COL_COHORT,
    COL_NUMERATOR,
    COL_DENOMINATOR,
    COL_RECORDS,
    COL_BETTER,
    COL_TARGET,
    COL_KIND,
};

const char *indicator_kind_name(IndicatorKind k)
{
    return k == INDICATOR_SURVEY ? "survey" : "computed";
}

const char *indicator_better_name(IndicatorBetter b)
{
    return b == INDICATOR_LOWER ? "lower" : "higher";
}

typedef struct Loader {
    IndicatorCatalogue *cat;
    int cap;
    StrMap ids;
    const CsvReader *r;
    Err *err;
} Loader;

static int field_error(Loader *l, int col, const char *fmt, const char *value)
{
    const CsvField *f = &l->r->fields[col];
    return err_at(l->err, ERR_INPUT, l->r->path, f->line, f->column, indicator_columns[col], fmt,
                  value);
}

static int check_header(Loader *l)
{
    const CsvReader *r = l->r;
    if (r->n_fields != INDICATOR_N_COLUMNS)
        return err_at(l->err, ERR_INPUT, r->path, r->record_line, 1, NULL,
                      "the header has %d columns; expected %d: id,promise,theme,title,"
                      "definition,cohort,numerator,denominator,records,better,target,kind",
                      r->n_fields, INDICATOR_N_COLUMNS);
    for (int i = 0; i < INDICATOR_N_COLUMNS; i++)
        if (strcmp(r->fields[i].text, indicator_columns[i]) != 0)
            return err_at(l->err, ERR_INPUT, r->path, r->fields[i].line, r->fields[i].column, NULL,
                          "header column %d is '%s'; expected '%s'", i + 1, r->fields[i].text,
                          indicator_columns[i]);
    return 0;
}

static bool valid_id(const char *s)
{
    if (!*s || !islower((unsigned char)*s)) return false;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_') return false;
    return true;
}

/* "3.N" with N in 1..27; returns N or 0. */
static int parse_promise(const char *s)
{
    if (strncmp(s, "3.", 2) != 0 || !isdigit((unsigned char)s[2])) return 0;
    char *end;
    errno = 0;
    long n = strtol(s + 2, &end, 10);
    if (*end || errno || n < 1 || n > PLEDGE_N_PROMISES || s[2] == '0') return 0;
    return (int)n;
}

static int add_row(Loader *l)
{
    const CsvReader *r = l->r;
    if (r->n_fields != INDICATOR_N_COLUMNS)
        return err_at(l->err, ERR_INPUT, r->path, r->record_line, 1, NULL,
                      "expected %d fields, found %d", INDICATOR_N_COLUMNS, r->n_fields);
    const char *v[INDICATOR_N_COLUMNS];
    for (int i = 0; i < INDICATOR_N_COLUMNS; i++) v[i] = r->fields[i].text;

    if (!valid_id(v[COL_ID]))
        return field_error(
            l, COL_ID, "'%s' is not an indicator id (lower-case letters, digits and _)", v[COL_ID]);
    if (strmap_has(&l->ids, v[COL_ID]))
        return field_error(l, COL_ID, "indicator '%s' is listed twice", v[COL_ID]);
    int promise = parse_promise(v[COL_PROMISE]);
    if (!promise)
        return field_error(l, COL_PROMISE, "'%s' is not a promise 3.1 to 3.27", v[COL_PROMISE]);
    int theme = pledge_promises[promise - 1].theme;
    if (strcmp(v[COL_THEME], pledge_themes[theme]) != 0) {
        char expect[160];
        snprintf(expect, sizeof expect, "promise %s is under the heading '%s'", v[COL_PROMISE],
                 pledge_themes[theme]);
        return field_error(l, COL_THEME, "%s", expect);
    }
    static const int required[] = {COL_TITLE,     COL_DEFINITION,  COL_COHORT,
                                   COL_NUMERATOR, COL_DENOMINATOR, COL_RECORDS};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!*v[required[i]])
            return field_error(l, required[i], "%s is empty", indicator_columns[required[i]]);

    Indicator ind = {0};
    if (strcmp(v[COL_BETTER], "higher") == 0) {
        ind.better = INDICATOR_HIGHER;
    } else if (strcmp(v[COL_BETTER], "lower") == 0) {
        ind.better = INDICATOR_LOWER;
    } else {
        return field_error(l, COL_BETTER, "'%s' is not higher or lower", v[COL_BETTER]);
    }
    if (strcmp(v[COL_KIND], "computed") == 0) {
        ind.kind = INDICATOR_COMPUTED;
    } else if (strcmp(v[COL_KIND], "survey") == 0) {
        ind.kind = INDICATOR_SURVEY;
    } else {
        return field_error(l, COL_KIND, "'%s' is not computed or survey", v[COL_KIND]);
    }
    if (*v[COL_TARGET]) {
        char *end;
        errno = 0;
        ind.target = strtod(v[COL_TARGET], &end);
        if (*end || errno || !isfinite(ind.target))
            return field_error(l, COL_TARGET, "'%s' is not a number", v[COL_TARGET]);
        ind.has_target = true;
    }
    /* A survey indicator is a question, never a figure from records. */
    if (ind.kind == INDICATOR_SURVEY) {
        if (strcmp(v[COL_RECORDS], "survey") != 0)
            return field_error(l, COL_RECORDS, "a survey indicator reads the survey only, not '%s'",
                               v[COL_RECORDS]);
        if (ind.has_target)
            return field_error(l, COL_TARGET, "a survey indicator has no target ('%s')",
                               v[COL_TARGET]);
    } else if (strcmp(v[COL_RECORDS], "survey") == 0) {
        return field_error(l, COL_RECORDS, "a computed indicator must read records, not '%s'",
                           v[COL_RECORDS]);
    }

    Arena *a = &l->cat->text;
    ind.id = arena_strdup(a, v[COL_ID]);
    ind.promise = promise;
    ind.theme = theme;
    ind.title = arena_strdup(a, v[COL_TITLE]);
    ind.definition = arena_strdup(a, v[COL_DEFINITION]);
    ind.cohort = arena_strdup(a, v[COL_COHORT]);
    ind.numerator = arena_strdup(a, v[COL_NUMERATOR]);
    ind.denominator = arena_strdup(a, v[COL_DENOMINATOR]);
    ind.records = arena_strdup(a, v[COL_RECORDS]);
    ind.target_text = arena_strdup(a, v[COL_TARGET]);
    ind.line = r->record_line;
    strmap_put(&l->ids, ind.id, l->cat->n_items);
    MEM_GROW(l->cat->items, l->cat->n_items, l->cap);
    l->cat->items[l->cat->n_items++] = ind;
    return 0;
}

/* Every promise needs at least one indicator. */
static int check_coverage(const IndicatorCatalogue *cat, const char *path, Err *err)
{
    bool seen[PLEDGE_N_PROMISES + 1] = {false};
    for (int i = 0; i < cat->n_items; i++) seen[cat->items[i].promise] = true;
    for (int n = 1; n <= PLEDGE_N_PROMISES; n++)
        if (!seen[n])
            return err_at(err, ERR_INPUT, path, 0, 0, NULL,
                          "promise 3.%d has no indicator (give it a computed one or a survey "
                          "question)",
                          n);
    return 0;
}

static int load(CsvReader *r, IndicatorCatalogue **out, Err *err)
{
    Loader l = {.cat = xcalloc(1, sizeof *l.cat), .r = r, .err = err};
    int rc = csv_next(r, err);
    if (rc == 0) rc = err_at(err, ERR_INPUT, r->path, 1, 1, NULL, "the catalogue is empty");
    if (rc > 0) rc = check_header(&l);
    while (rc == 0 && (rc = csv_next(r, err)) > 0) rc = add_row(&l);
    if (rc == 0) rc = check_coverage(l.cat, r->path, err);
    strmap_free(&l.ids);
    csv_close(r);
    if (rc < 0) {
        indicators_free(l.cat);
        return rc;
    }
    *out = l.cat;
    return 0;
}

int indicators_load_text(const char *name, const char *text, size_t len, IndicatorCatalogue **out,
                         Err *err)
{
    CsvReader r;
    int rc = csv_open_buffer(&r, name, text, len, err);
    if (rc < 0) {
        csv_close(&r);
        return rc;
    }
    return load(&r, out, err);
}

int indicators_load_file(const char *path, IndicatorCatalogue **out, Err *err)
{
    CsvReader r;
    int rc = csv_open_file(&r, path, err);
    if (rc < 0) {
        csv_close(&r);
        return rc;
    }
    return load(&r, out, err);
}

int indicators_load_default(IndicatorCatalogue **out, Err *err)
{
    const EmbeddedFile *f = embed_find("data/indicators.csv");
    if (!f) return err_set(err, ERR_STATE, "the built-in indicator catalogue is missing");
    return indicators_load_text(f->name, (const char *)f->data, f->len, out, err);
}

void indicators_free(IndicatorCatalogue *cat)
{
    if (!cat) return;
    free(cat->items);
    arena_free(&cat->text);
    free(cat);
}

const Indicator *indicators_find(const IndicatorCatalogue *cat, const char *id)
{
    for (int i = 0; i < cat->n_items; i++)
        if (strcmp(cat->items[i].id, id) == 0) return &cat->items[i];
    return NULL;
}
