/* svc_validate: see svc_validate.h. */
#include "service/svc_validate.h"

#include "base/csv.h"
#include "base/mem.h"
#include "base/walk.h"
#include "exchange/ssda903_return.h"
#include "exchange/ssda903_xml.h"
#include "service/dataset_load.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void note(ValidateResult *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(ValidateResult *out, const char *fmt, ...)
{
    char text[4400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    MEM_GROW(out->notes, out->n_notes, out->cap_notes);
    out->notes[out->n_notes++] = xstrdup(text);
}

/* Loads every table of a 903 XML export (recognised by its content) into the
 * return; its problems go to the result with file, line and element. */
static int load_xml_file(ValidateResult *out, const char *path, bool last, Err *err)
{
    Ssda903FileList tables = {0};
    ErrList errs = {0};
    int rc = ssda903_xml_load(path, &tables, &errs);
    if (rc < 0) {
        for (int i = 0; i < errs.n_items; i++) errlist_add(&out->problems, &errs.items[i]);
        rc = err_set(err, ERR_INPUT, "%s could not be used", path);
    }
    for (int i = 0; i < tables.n_items && rc == 0; i++) {
        Ssda903File *f = xmalloc(sizeof *f);
        *f = tables.items[i];
        memset(&tables.items[i], 0, sizeof tables.items[i]);
        rc = vreturn_add(&out->ret, f, last, err);
        if (rc < 0) {
            ssda903_file_free(f);
            free(f);
        }
    }
    ssda903_file_list_free(&tables);
    errlist_free(&errs);
    return rc;
}

/* Loads one file into the return. In a folder (quiet_other), Carepledge's own
 * record templates (visits, health, ...: not part of the 903) are passed over
 * silently and any other CSV that is not a 903 table with a note. */
static int load_file(ValidateResult *out, const char *path, bool last, bool quiet_other, Err *err)
{
    if (ssda903_xml_sniff_file(path)) return load_xml_file(out, path, last, err);
    Ssda903File *f = xmalloc(sizeof *f);
    ErrList errs = {0};
    int rc = ssda903_file_load_any(path, f, &errs);
    if (rc == 0 && quiet_other && ssda903_is_record_template(f->table->id)) {
        rc = 0; /* f is freed below */
    } else if (rc == 0 && ssda903_is_record_template(f->table->id)) {
        rc = err_set(err, ERR_USAGE, "%s is a Carepledge record template, not a 903 table", path);
    } else if (rc < 0 && quiet_other && !f->table) {
        note(out, "%s is not an SSDA903 table; ignored", path);
        rc = 0;
    } else if (rc < 0) {
        for (int i = 0; i < errs.n_items; i++) errlist_add(&out->problems, &errs.items[i]);
        rc = err_set(err, ERR_INPUT, "%s could not be used", path);
    } else {
        rc = vreturn_add(&out->ret, f, last, err);
        f = rc < 0 ? f : NULL;
    }
    errlist_free(&errs);
    if (f) {
        ssda903_file_free(f);
        free(f);
    }
    return rc;
}

/* The files path names: itself, or the `*.csv` and `*.xml` files directly in
 * the folder (base/walk), each loaded; in a folder, other CSV files are passed
 * over. */
static int load_path(ValidateResult *out, const char *path, bool last, Err *err)
{
    struct stat st;
    bool folder = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    WalkFiles files = {0};
    ErrList errs = {0};
    char *paths[] = {(char *)path};
    static const char *const wanted[] = {".csv", ".xml", NULL};
    int rc = walk_files(paths, 1, false, wanted, &files, &errs);
    if (rc < 0) {
        for (int i = 0; i < errs.n_items; i++) errlist_add(&out->problems, &errs.items[i]);
        rc = err_set(err, ERR_INPUT, "%s could not be read", path);
    }
    for (int i = 0; rc == 0 && i < files.n_paths; i++)
        rc = load_file(out, files.paths[i], last, folder, err);
    errlist_free(&errs);
    walk_files_free(&files);
    return rc;
}

/* The collection year of the latest episode start, when the request gives none. */
static int infer_year(const VReturn *r)
{
    const VTable *e = &r->cur[T903_EPISODES];
    Date latest = DATE_NONE;
    for (int row = 0; row < e->n_rows; row++)
        if (e->dates[(size_t)row * (size_t)e->n_cols + 1] > latest)
            latest = e->dates[(size_t)row * (size_t)e->n_cols + 1];
    return latest == DATE_NONE ? -1 : date_collection_year(latest);
}

/* ---- The stored return -----------------------------------------------------
 * The year's return is built from the stored history as the DfE would have
 * received it (exchange/ssda903_return.h). Each table is written as its CSV
 * file would hold it (header line, then one line per row, sorted by child and
 * the table's date) and read back by the same loader as a file, so the rules
 * see exactly what they see in a file. A row's row_id is its 0-based place in
 * that table, its line row_id + 2; the table is named "FILE.db: Episodes
 * 2026/27". */

/* Adds one table of a built return: this year's (last=false), last year's
 * (last=true) or, for history, every episode known at the end of the year. */
static int add_stored_table(const char *db, ValidateResult *out, const Ssda903Return *ret,
                            Ssda903TableId t, bool last, bool history, int first_year, Err *err)
{
    const Ssda903Table *def = ssda903_table(t);
    int year = ret->year;
    if (def->first_year && year < def->first_year) return 0; /* not collected that year */
    char *text = NULL;
    size_t len = 0;
    FILE *csv = open_memstream(&text, &len);
    if (!csv) return err_set(err, ERR_IO, "out of memory");
    ssda903_rows_write_csv(history ? &ret->history_episodes : &ret->tables[t], def, csv);
    fclose(csv);
    char name[4200];
    snprintf(name, sizeof name, "%s: %s%s %d/%02d", db, def->name, history ? " history to" : "",
             year - 1, year % 100);
    Ssda903File *f = xmalloc(sizeof *f);
    ErrList errs = {0};
    int rc = 0;
    if (ssda903_file_load_buffer(name, text, len, f, &errs) < 0) {
        for (int i = 0; i < errs.n_items; i++) errlist_add(&out->problems, &errs.items[i]);
        rc = err_set(err, ERR_INPUT, "%s could not be read back", name);
    } else {
        rc = history ? vreturn_add_history(&out->ret, f, first_year, err)
                     : vreturn_add(&out->ret, f, last, err);
        if (rc == 0) f = NULL;
    }
    errlist_free(&errs);
    if (f) {
        ssda903_file_free(f);
        free(f);
    }
    free(text);
    return rc;
}

/* A rule set exists for year, or the request names the parameter at fault. */
static int check_ruleset_year(const AppContext *ctx, int year, const char *param, Err *err)
{
    if (context_ruleset(ctx, year)) return 0;
    return service_invalid(err, param, "%d/%02d: rule sets exist for %d/%02d to %d/%02d", year - 1,
                           year % 100, VALIDATE_FIRST_YEAR - 1, VALIDATE_FIRST_YEAR % 100,
                           VALIDATE_LAST_YEAR - 1, VALIDATE_LAST_YEAR % 100);
}

/* Builds the return of `year` from h and adds its tables as this year's
 * (with the episode history) or, when last, as last year's. One return is
 * built at a time and freed once read back, so the two years' rows are
 * never held in memory together. */
static int add_stored_return(const char *db, ValidateResult *out, const Ssda903History *h, int year,
                             bool last, Err *err)
{
    Ssda903Return ret;
    ssda903_return_build(h, year, &ret);
    int rc = 0;
    for (int t = 0; rc == 0 && t < T903_COUNT; t++)
        rc = add_stored_table(db, out, &ret, t, last, false, 0, err);
    if (rc == 0 && !last)
        rc = add_stored_table(db, out, &ret, T903_EPISODES, false, true, h->first_year, err);
    ssda903_return_free(&ret);
    return rc;
}

/* The stored return of the year asked (default: the latest year stored), last
 * year's, and every stored episode up to the year's end as the history. */
static int load_db(const ValidateRequest *req, ValidateResult *out, Err *err)
{
    const char *db = req->db_path;
    Ssda903History h;
    /* This year's return and last year's, of their children only; year 0
     * is the latest stored. */
    int rc = service_load_903_history(db, req->year, 1, true, &h, err);
    if (rc < 0) return rc;
    if (req->year) {
        out->year = req->year; /* any year: set_years chooses its rule set */
    } else if ((out->year = h.latest_year) <= 0) {
        rc = err_set(err, ERR_NOT_FOUND, "%s holds no episodes: nothing to validate", db);
    } else {
        note(out, "collection year %d/%02d, the latest stored", out->year - 1, out->year % 100);
    }
    out->ret.year = out->year;
    if (rc == 0) rc = add_stored_return(db, out, &h, out->year, false, err);
    if (rc == 0) rc = add_stored_return(db, out, &h, out->year - 1, true, err);
    if (rc == 0) rc = service_load_marks(db, NULL, &out->marks, err);
    ssda903_history_free(&h);
    return rc;
}

static int load_files(const ValidateRequest *req, ValidateResult *out, Err *err)
{
    for (int i = 0; i < req->n_paths; i++) {
        int rc = load_path(out, req->paths[i], false, err);
        if (rc < 0) return rc;
    }
    return req->prev_path ? load_path(out, req->prev_path, true, err) : 0;
}

/* The provider lists are read before the postcode directory, whose loader
 * keeps only the postcodes the return (and the providers' addresses) use. */
static int load_reference(const ValidateRequest *req, ValidateResult *out, Err *err)
{
    for (int i = 0; i < req->n_providers; i++) {
        int rc = vreturn_load_providers(&out->ret, req->providers[i], err);
        if (rc < 0) return rc;
    }
    if (req->postcodes) {
        int rc = vreturn_load_postcodes(&out->ret, req->postcodes, err);
        if (rc < 0) return rc;
    }
    vreturn_set_la(&out->ret, req->la);
    return 0;
}

/* The rule set for the return's year: the one asked for, which must exist
 * (any return year may be checked under it), else the year's own. A year
 * before the earliest rule set runs the earliest, the nearest to its own, and
 * says so; a year after the latest has none. */
static int choose_ruleset(const AppContext *ctx, const ValidateRequest *req, ValidateResult *out,
                          Err *err)
{
    out->ruleset = req->ruleset ? req->ruleset : out->year;
    if (req->ruleset) return check_ruleset_year(ctx, req->ruleset, "ruleset", err);
    if (out->year < VALIDATE_FIRST_YEAR) {
        out->ruleset = VALIDATE_FIRST_YEAR;
        note(out,
             "no rule set for %d/%02d; running the earliest, %d/%02d's (name a rule set to "
             "choose another)",
             out->year - 1, out->year % 100, VALIDATE_FIRST_YEAR - 1, VALIDATE_FIRST_YEAR % 100);
    }
    if (!context_ruleset(ctx, out->ruleset))
        return service_invalid(err, "ruleset", "is needed: there is no rule set for %d/%02d",
                               out->year - 1, out->year % 100);
    return 0;
}

/* The year of the return (asked, stored or inferred) and of the rule set. */
static int set_years(const AppContext *ctx, const ValidateRequest *req, ValidateResult *out,
                     Err *err)
{
    if (req->db_path) {
        /* load_db set the year */
    } else if (req->year) {
        out->year = out->ret.year = req->year;
    } else if ((out->year = out->ret.year = infer_year(&out->ret)) < 0) {
        return service_invalid(err, "year",
                               "is needed: there are no episode dates to infer it from");
    } else {
        note(out, "collection year %d/%02d inferred from the episodes", out->year - 1,
             out->year % 100);
    }
    return choose_ruleset(ctx, req, out, err);
}

static int check_request(const ValidateRequest *req, Err *err)
{
    if (req->db_path && (req->n_paths > 0 || req->prev_path))
        return err_set(err, ERR_USAGE,
                       "a stored return is validated on its own: give no files and no last "
                       "year's return");
    if (!req->db_path && req->n_paths == 0)
        return err_set(err, ERR_USAGE, "give the 903 files or the folder that holds them");
    return 0;
}

int svc_validate_run(const AppContext *ctx, const ValidateRequest *req, const Actor *actor,
                     ValidateResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    vreturn_init(&out->ret, 0);
    int rc = service_check_actor(actor, err);
    if (rc == 0) rc = context_require(ctx, CONTEXT_RULES | CONTEXT_CODES, err);
    if (rc == 0) rc = check_request(req, err);
    if (rc == 0) rc = req->db_path ? load_db(req, out, err) : load_files(req, out, err);
    if (rc == 0) rc = load_reference(req, out, err);
    if (rc == 0) {
        vreturn_prepare(&out->ret);
        rc = set_years(ctx, req, out, err);
    }
    if (rc == 0) {
        const ContextRuleSet *set = context_ruleset(ctx, out->ruleset);
        validate_run_rules(&out->ret, out->ruleset, set->rules, set->n_rules, ctx->codes,
                           &out->res);
    }
    if (rc == 0 && out->marks.n > 0) out->res.marks = &out->marks;
    return rc;
}

void svc_validate_free(ValidateResult *r)
{
    vresult_free(&r->res);
    vreturn_free(&r->ret);
    for (int i = 0; i < r->n_notes; i++) free(r->notes[i]);
    free(r->notes);
    errlist_free(&r->problems);
    ssda903_marks_free(&r->marks);
    memset(r, 0, sizeof *r);
}
