/* cmd_synth: "carepledge synth" writes a synthetic SSDA903 history, one folder
 * per collection year (see synth/synth.h and docs/synth.md). */
#include "cli/cli.h"
#include "base/date.h"
#include "cli/commands.h"
#include "synth/synth.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static int parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end) return -1;
    *out = v;
    return 0;
}

int cmd_synth(int argc, char **argv)
{
    static const CliOption options[] = {
        {"out", true}, {"children", true}, {"seed", true},      {"from", true},
        {"to", true},  {"profile", true},  {"postcodes", true},
    };
    CliArgs a;
    Err err;
    if (cli_parse(argc, argv, options, 7, &a, &err)) {
        cli_args_free(&a);
        return cli_fail("synth", &err);
    }
    int rc = CLI_EXIT_OK;
    SynthOptions opt = {0};
    opt.out_dir = cli_get(&a, "out");
    opt.postcodes_path = cli_get(&a, "postcodes");
    opt.n_children = 1000;
    opt.seed = 1;
    const char *s;
    if (a.n_positional) {
        err_set(&err, ERR_USAGE, "unexpected argument '%s'", a.positional[0]);
        rc = cli_fail("synth", &err);
        goto done;
    }
    if (!opt.out_dir || !*opt.out_dir) {
        err_set(&err, ERR_USAGE, "--out DIR is required");
        rc = cli_fail("synth", &err);
        goto done;
    }
    if ((s = cli_get(&a, "profile")) && synth_parse_profile(s, &opt.profile)) {
        err_set(&err, ERR_USAGE, "unknown profile '%s' (known: dorset-2010)", s);
        rc = cli_fail("synth", &err);
        goto done;
    }
    bool profile = opt.profile != SYNTH_PROFILE_NONE;
    opt.to_year = profile ? 2010 : 2026;
    opt.from_year = profile ? 2001 : 2017;
    if ((s = cli_get(&a, "children")) && parse_long(s, &opt.n_children)) {
        err_set(&err, ERR_USAGE, "--children must be a whole number, not '%s'", s);
        rc = cli_fail("synth", &err);
        goto done;
    }
    if ((s = cli_get(&a, "seed"))) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(s, &end, 10);
        if (errno || end == s || *end || *s == '-') {
            err_set(&err, ERR_USAGE, "--seed must be a whole number from 0, not '%s'", s);
            rc = cli_fail("synth", &err);
            goto done;
        }
        opt.seed = (uint64_t)v;
    }
    const char *from = cli_get(&a, "from"), *to = cli_get(&a, "to");
    if (to && (opt.to_year = date_parse_collection_year(to)) < 0) {
        err_set(&err, ERR_USAGE, "--to must be a collection year such as 2010 or 2009/10");
        rc = cli_fail("synth", &err);
        goto done;
    }
    if (from && (opt.from_year = date_parse_collection_year(from)) < 0) {
        err_set(&err, ERR_USAGE, "--from must be a collection year such as 2001 or 2000/01");
        rc = cli_fail("synth", &err);
        goto done;
    }
    if (to && !from && !profile) opt.from_year = opt.to_year - 9;
    if (from && !to && !profile) opt.to_year = opt.from_year + 9;

    SynthSummary sum;
    if (synth_run(&opt, &sum, &err)) {
        rc = cli_fail("synth", &err);
        goto done;
    }
    printf("wrote %ld synthetic %s, collection years %d/%02d to %d/%02d, to %s\n", sum.n_children,
           sum.n_children == 1 ? "child" : "children", sum.from_year - 1, sum.from_year % 100,
           sum.to_year - 1, sum.to_year % 100, opt.out_dir);
    printf("  %ld episode rows, %ld header rows, %ld OC3 rows, %ld rows in all\n", sum.n_episodes,
           sum.n_header_rows, sum.n_oc3_rows, sum.n_rows);
    printf("  %ld rows of local records (visits, health, education, plans, adviser contacts)\n",
           sum.n_record_rows);
    printf("  %ld looked after on 31/03/%d\n", sum.in_care_last_31_march, sum.to_year);
    if (opt.postcodes_path)
        printf("  %ld postcodes in a synthetic ONS Postcode Directory, %s\n", sum.n_postcodes,
               opt.postcodes_path);
done:
    cli_args_free(&a);
    return rc;
}
