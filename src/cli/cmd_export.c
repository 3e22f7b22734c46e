/* cmd_export: carepledge export --db FILE --year YYYY/YY --out DIR
 *
 * Writes a collection year's SSDA903 return, built from the stored history
 * as the DfE would have received it (exchange/ssda903_return.h), as the 903
 * CSV files: a council whose records are kept here can submit from it, and
 * importing the files gives back the same history. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "base/date.h"
#include "exchange/ssda903_return.h"
#include "service/dataset_load.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

static const CliOption options[] = {
    {"db", true},
    {"year", true},
    {"out", true},
};
enum { N_OPTIONS = sizeof options / sizeof options[0] };

/* The folder to write to, made with any missing parents (like mkdir -p). */
static int make_folder(const char *dir, Err *err)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return err_set(err, ERR_USAGE, "--out: the path is too long");
    for (char *p = path + 1;; p++) {
        bool end = *p == '\0';
        if (!end && *p != '/') continue;
        *p = '\0';
        struct stat st;
        if (stat(path, &st) != 0 && mkdir(path, 0777) != 0 && errno != EEXIST)
            return err_set(err, ERR_IO, "cannot make the folder %s: %s", path, strerror(errno));
        if (end) break;
        *p = '/';
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return err_set(err, ERR_USAGE, "--out %s is not a folder", dir);
    return 0;
}

static void print_summary(const Ssda903Return *r, const char *dir)
{
    printf("wrote the %d/%02d return to %s\n", r->year - 1, r->year % 100, dir);
    for (int t = 0; t < T903_COUNT; t++) {
        const Ssda903Table *def = ssda903_table((Ssda903TableId)t);
        if (def->first_year && r->year < def->first_year) continue;
        printf("  %-17s %d\n", def->name, r->tables[t].n_rows);
    }
}

static int export_year(const char *db, int year, const char *dir, Err *err)
{
    Ssda903History h;
    int rc = service_load_903_history(db, year, 0, &h, err);
    if (rc < 0) return rc;
    Ssda903Return r;
    ssda903_return_build(&h, year, &r);
    rc = make_folder(dir, err);
    if (rc == 0) rc = ssda903_return_write_files(&r, dir, err);
    if (rc == 0) print_summary(&r, dir);
    ssda903_return_free(&r);
    ssda903_history_free(&h);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    CliArgs args;
    Err err;
    if (cli_parse(argc, argv, options, N_OPTIONS, &args, &err) < 0) return cli_fail("export", &err);
    const char *db = cli_get(&args, "db"), *year = cli_get(&args, "year");
    const char *out = cli_get(&args, "out");
    int end_year = year ? date_parse_collection_year(year) : -1;
    int rc;
    if (!db || !year || !out || args.n_positional > 0)
        rc = err_set(&err, ERR_USAGE, "needs --db FILE, --year YYYY/YY and --out DIR, no PATH");
    else if (end_year < 0)
        rc = err_set(&err, ERR_USAGE, "--year '%s' is not a collection year like 2025/26", year);
    else
        rc = export_year(db, end_year, out, &err);
    cli_args_free(&args);
    return rc < 0 ? cli_fail("export", &err) : CLI_EXIT_OK;
}
