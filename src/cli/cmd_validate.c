/* cmd_validate: `carepledge validate` — checks SSDA903 files against the DfE's
 * validation rules of a collection year and writes the reports.
 *
 * Thin: it finds and loads the files (or, with --db, has the store write the
 * stored return of the year as the files would hold it), hands them to
 * validate/, and maps the result to output and exit status (0 nothing fails,
 * 1 rules fail, 2 could not run). It does not know any rule. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "base/csv.h"
#include "base/mem.h"
#include "store/store.h"
#include "validate/validate.h"
#include "render/format.h"
#include "render/vreport.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const CliOption options[] = {
    {"year", true},      {"ruleset", true}, {"prev", true}, {"db", true}, {"postcodes", true},
    {"providers", true}, {"format", true},  {"out", true},  {"la", true},
};
enum { N_OPTIONS = sizeof options / sizeof options[0] };

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads one file into the return. In a folder (quiet_other), Carepledge's own
 * record templates (visits, health, ...: not part of the 903) are passed over
 * silently and any other CSV that is not a 903 table with a note. */
static int load_file(VReturn *r, const char *path, bool last, bool quiet_other, Err *err)
{
    Ssda903File *f = xmalloc(sizeof *f);
    ErrList errs = {0};
    int rc = ssda903_file_load_any(path, f, &errs);
    if (rc == 0 && quiet_other && ssda903_is_record_template(f->table->id)) {
        rc = 0; /* f is freed below */
    } else if (rc == 0 && ssda903_is_record_template(f->table->id)) {
        rc = err_set(err, ERR_USAGE, "%s is a Carepledge record template, not a 903 table", path);
    } else if (rc < 0 && quiet_other && !f->table) {
        fprintf(stderr, "note: %s is not an SSDA903 table; ignored\n", path);
        rc = 0;
    } else if (rc < 0) {
        errlist_print(&errs, stderr);
        rc = err_set(err, ERR_INPUT, "%s could not be used", path);
    } else {
        rc = vreturn_add(r, f, last, err);
        f = rc < 0 ? f : NULL;
    }
    errlist_free(&errs);
    if (f) {
        ssda903_file_free(f);
        free(f);
    }
    return rc;
}

static int load_folder(VReturn *r, const char *dir, bool last, Err *err)
{
    DIR *d = opendir(dir);
    if (!d) return err_set(err, ERR_IO, "%s: %s", dir, strerror(errno));
    char **names = NULL;
    int n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcasecmp(e->d_name + len - 4, ".csv") != 0) continue;
        MEM_GROW(names, n, cap);
        size_t size = strlen(dir) + len + 2;
        names[n] = xmalloc(size);
        snprintf(names[n++], size, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    int rc = 0;
    for (int i = 0; i < n; i++) {
        if (rc == 0) rc = load_file(r, names[i], last, true, err);
        free(names[i]);
    }
    free(names);
    return rc;
}

static int load_path(VReturn *r, const char *path, bool last, Err *err)
{
    struct stat st;
    if (stat(path, &st) < 0) return err_set(err, ERR_IO, "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) return load_folder(r, path, last, err);
    return load_file(r, path, last, false, err);
}

/* The collection year of the latest episode start, when --year is not given. */
static int infer_year(const VReturn *r)
{
    const VTable *e = &r->cur[T903_EPISODES];
    Date latest = DATE_NONE;
    for (int row = 0; row < e->n_rows; row++)
        if (e->dates[(size_t)row * (size_t)e->n_cols + 1] > latest)
            latest = e->dates[(size_t)row * (size_t)e->n_cols + 1];
    return latest == DATE_NONE ? -1 : date_collection_year(latest);
}

static int write_file(const char *dir, const char *name, const VReturn *r, const VResult *res,
                      Err *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *out = fopen(path, "w");
    if (!out) return err_set(err, ERR_IO, "%s: %s", path, strerror(errno));
    if (strcmp(name, "issue_locations.csv") == 0)
        vreport_issue_locations(out, r, res);
    else if (strcmp(name, "error_summary.csv") == 0)
        vreport_error_summary(out, res);
    else if (strcmp(name, "child_summary.csv") == 0)
        vreport_child_summary(out, r, res);
    else if (strcmp(name, "validation.json") == 0)
        vreport_json(out, r, res);
    else
        vreport_html(out, r, res);
    if (fclose(out) != 0) return err_set(err, ERR_IO, "%s: could not write", path);
    return 0;
}

static int write_outputs(const char *dir, const VReturn *r, const VResult *res, Err *err)
{
    static const char *const names[] = {"issue_locations.csv", "error_summary.csv",
                                        "child_summary.csv", "validation.json", "validation.html"};
    if (mkdir(dir, 0777) < 0 && errno != EEXIST)
        return err_set(err, ERR_IO, "%s: %s", dir, strerror(errno));
    for (int i = 0; i < 5; i++) {
        int rc = write_file(dir, names[i], r, res, err);
        if (rc < 0) return rc;
    }
    return 0;
}

static int print_result(const char *name, const VReturn *r, const VResult *res, Err *err)
{
    const unsigned allowed = RENDER_FORMATS_TABLE | RENDER_FORMAT_BIT(FORMAT_HTML);
    OutputFormat format;
    int rc = render_format_parse(name, allowed, &format, err);
    if (rc < 0) return rc;
    switch (format) {
    case FORMAT_CSV: vreport_issue_locations(stdout, r, res); break;
    case FORMAT_JSON: vreport_json(stdout, r, res); break;
    case FORMAT_HTML: vreport_html(stdout, r, res); break;
    default: vreport_text(stdout, res); break;
    }
    return 0;
}

static int check_options(const CliArgs *a, Err *err)
{
    if (cli_get(a, "db") && (a->n_positional > 0 || cli_get(a, "prev")))
        return err_set(err, ERR_USAGE,
                       "--db validates the stored return: give no files and no --prev");
    if (!cli_get(a, "db") && a->n_positional == 0)
        return err_set(err, ERR_USAGE, "give the 903 files or the folder that holds them");
    return 0;
}

/* ---- --db: the stored return ------------------------------------------------
 * Each table of a year is written by the store as its CSV file would hold it
 * (header line, then one line per row, sorted by child and the table's date)
 * and read back by the same loader as a file, so the rules see exactly what
 * they see in a file. A row's row_id is its 0-based place in that table, its
 * line row_id + 2; the table is named "FILE.db: Episodes 2026/27". */

static int write_stored_row(void *ctx, const char *const *values, int n)
{
    csv_write_row(ctx, values, n);
    return 0;
}

/* Loads one table of the year from the store into the return: this year's
 * (last=false), last year's (last=true) or, for history, every episode known
 * at the end of the year. */
static int load_stored_table(Store *s, const char *db, VReturn *r, Ssda903TableId t, int year,
                             bool last, bool history, Err *err)
{
    const Ssda903Table *def = ssda903_table(t);
    if (def->first_year && year < def->first_year) return 0; /* not collected that year */
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out) return err_set(err, ERR_IO, "out of memory");
    const char *names[SSDA903_MAX_COLUMNS];
    for (int i = 0; i < def->n_columns; i++) names[i] = def->columns[i].name;
    csv_write_row(out, names, def->n_columns);
    int rc = history ? store_each_history_episode(s, year, write_stored_row, out, err)
                     : store_each_return_row(s, t, year, write_stored_row, out, err);
    fclose(out);
    char name[4200];
    snprintf(name, sizeof name, "%s: %s%s %d/%02d", db, def->name, history ? " history to" : "",
             year - 1, year % 100);
    Ssda903File *f = xmalloc(sizeof *f);
    ErrList errs = {0};
    if (rc == 0 && ssda903_file_load_buffer(name, text, len, f, &errs) < 0) {
        errlist_print(&errs, stderr);
        rc = err_set(err, ERR_INPUT, "%s could not be read back", name);
    } else if (rc == 0) {
        rc = history ? vreturn_add_history(r, f, store_first_return_year(s), err)
                     : vreturn_add(r, f, last, err);
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

/* The stored return of --year (default: the latest year stored), last year's
 * as --prev, and every stored episode up to the year's end as the history. */
static int load_db(const CliArgs *a, VReturn *r, Err *err)
{
    const char *db = cli_get(a, "db");
    struct stat st;
    if (stat(db, &st) < 0) /* store_open would create it */
        return err_set(err, ERR_IO, "%s: %s", db, strerror(errno));
    Store *s;
    int rc = store_open(db, &s, err);
    if (rc < 0) return rc;
    const char *year = cli_get(a, "year");
    if (year) {
        if ((r->year = date_parse_collection_year(year)) <= 0)
            rc = err_set(err, ERR_USAGE, "--year %s: not a year YYYY/YY", year);
    } else if ((r->year = store_latest_return_year(s)) <= 0) {
        rc = err_set(err, ERR_USAGE, "%s holds no episodes: nothing to validate", db);
    } else {
        fprintf(stderr, "note: collection year %d/%02d, the latest stored\n", r->year - 1,
                r->year % 100);
    }
    for (int t = 0; rc == 0 && t < T903_COUNT; t++) {
        rc = load_stored_table(s, db, r, t, r->year, false, false, err);
        if (rc == 0) rc = load_stored_table(s, db, r, t, r->year - 1, true, false, err);
    }
    if (rc == 0) rc = load_stored_table(s, db, r, T903_EPISODES, r->year, false, true, err);
    store_close(s);
    return rc;
}

static int load_all(const CliArgs *a, VReturn *r, Err *err)
{
    if (cli_get(a, "db")) return load_db(a, r, err);
    for (int i = 0; i < a->n_positional; i++) {
        int rc = load_path(r, a->positional[i], false, err);
        if (rc < 0) return rc;
    }
    const char *prev = cli_get(a, "prev");
    return prev ? load_path(r, prev, true, err) : 0;
}

/* --providers takes one Ofsted list or several separated by commas. They are
 * read before the postcode directory, whose loader keeps only the postcodes
 * the return (and the providers' addresses) use. */
static int load_reference(const CliArgs *a, VReturn *r, Err *err)
{
    const char *providers = cli_get(a, "providers");
    while (providers && *providers) {
        size_t len = strcspn(providers, ",");
        char *path = xstrndup(providers, len);
        int rc = vreturn_load_providers(r, path, err);
        free(path);
        if (rc < 0) return rc;
        providers += len + (providers[len] == ',');
    }
    const char *postcodes = cli_get(a, "postcodes");
    if (postcodes) {
        int rc = vreturn_load_postcodes(r, postcodes, err);
        if (rc < 0) return rc;
    }
    vreturn_set_la(r, cli_get(a, "la"));
    return 0;
}

static int set_years(const CliArgs *a, VReturn *r, int *ruleset, Err *err)
{
    const char *year = cli_get(a, "year");
    int rc = 0;
    if (cli_get(a, "db")) {
        /* load_db set the year */
    } else if (year) {
        if ((r->year = date_parse_collection_year(year)) <= 0)
            rc = err_set(err, ERR_USAGE, "--year %s: not a year YYYY/YY", year);
    } else if ((r->year = infer_year(r)) < 0) {
        return err_set(err, ERR_USAGE, "give --year: there are no episode dates to infer it");
    } else {
        fprintf(stderr, "note: collection year %d/%02d inferred from the episodes\n", r->year - 1,
                r->year % 100);
    }
    if (rc < 0) return rc;
    const char *rs = cli_get(a, "ruleset");
    char note[160];
    int given = rs ? date_parse_collection_year(rs) : 0;
    if (rs && given <= 0) return err_set(err, ERR_USAGE, "--ruleset %s: not a year YYYY/YY", rs);
    if ((*ruleset = validate_choose_ruleset(r->year, given, note, sizeof note, err)) < 0) return -1;
    if (note[0]) fprintf(stderr, "%s\n", note);
    return 0;
}

static int run(const CliArgs *a, Err *err)
{
    VReturn r;
    VResult res = {0};
    int ruleset = 0, rc = check_options(a, err);
    vreturn_init(&r, 0);
    if (rc == 0) rc = load_all(a, &r, err);
    if (rc == 0) rc = load_reference(a, &r, err);
    if (rc == 0) {
        vreturn_prepare(&r);
        rc = set_years(a, &r, &ruleset, err);
    }
    if (rc == 0) {
        validate_run(&r, ruleset, &res);
        const char *out = cli_get(a, "out");
        const char *format = cli_get(a, "format");
        rc = print_result(format, &r, &res, err);
        if (rc == 0 && out) rc = write_outputs(out, &r, &res, err);
        if (rc == 0) rc = res.n_failed_rules ? 1 : 0;
    }
    vresult_free(&res);
    vreturn_free(&r);
    return rc;
}

int cmd_validate(int argc, char **argv)
{
    CliArgs a;
    Err err;
    int rc = cli_parse(argc, argv, options, N_OPTIONS, &a, &err);
    if (rc == 0) rc = run(&a, &err);
    cli_args_free(&a);
    if (rc < 0) return cli_fail("validate", &err);
    return rc ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
}
