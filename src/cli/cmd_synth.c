/* cmd_synth: "carepledge synth" writes a synthetic SSDA903 history, one folder
 * per collection year (see synth/synth.h and docs/synth.md), through the
 * synth service (service/svc_import.h). */
#include "cli/cli.h"
#include "cli/commands.h"

#include "base/date.h"
#include "service/svc_import.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>

static const char *const synth_profiles[] = {"none", "dorset-2010", NULL};

/* A seed is any 64-bit unsigned number; its bits are kept in the value's
 * number (a long) and read back as uint64_t. */
static int check_seed(const CliOption *opt, const char *text, CliValue *out, Err *err)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text || *end || *text == '-')
        return err_set(err, ERR_USAGE, "--%s must be a whole number from 0, not '%s'", opt->name,
                       text);
    out->number = (long)(uint64_t)v;
    return 0;
}

static const CliOption synth_options[] = {
    {"out", "DIR", "the folder to write (one folder per collection year in it)", NULL, true, 0, 0,
     NULL},
    {"children", "N", "how many children (default 1000)", cli_check_number, false, 0, LONG_MAX,
     NULL},
    {"seed", "S", "the random seed: the same seed writes the same files (default 1)", check_seed,
     false, 0, 0, NULL},
    {"from", "YYYY", "the first collection year (2001 or 2000/01)", cli_check_year, false, 0, 0,
     NULL},
    {"to", "YYYY", "the last collection year (2010 or 2009/10)", cli_check_year, false, 0, 0, NULL},
    {"profile", NULL, "the strategy's 2000-2010 history, to reproduce its profile",
     cli_check_choice, false, 0, 0, synth_profiles},
    {"postcodes", "FILE", "also write a synthetic ONS Postcode Directory here", NULL, false, 0, 0,
     NULL},
    {"survey", "FILE",
     "also write made-up answers to the young people's survey for the last five years here "
     "(for `survey import`)",
     NULL, false, 0, 0, NULL},
};

/* The years: a profile's own, else ten years ending 2025/26; one end given
 * sets the other nine years away. */
static void set_years(const CliArgs *args, SynthOptions *opt)
{
    const CliValue *from = cli_value(args, "from"), *to = cli_value(args, "to");
    bool profile = opt->profile != SYNTH_PROFILE_NONE;
    opt->to_year = to->given ? to->year : profile ? 2010 : 2026;
    opt->from_year = from->given ? from->year : profile ? 2001 : 2017;
    if (to->given && !from->given && !profile) opt->from_year = opt->to_year - 9;
    if (from->given && !to->given && !profile) opt->to_year = opt->from_year + 9;
}

static void print_summary(const SynthOptions *opt, const SynthSummary *sum)
{
    printf("wrote %ld synthetic %s, collection years %d/%02d to %d/%02d, to %s\n", sum->n_children,
           sum->n_children == 1 ? "child" : "children", sum->from_year - 1, sum->from_year % 100,
           sum->to_year - 1, sum->to_year % 100, opt->out_dir);
    printf("  %ld episode rows, %ld header rows, %ld OC3 rows, %ld rows in all\n", sum->n_episodes,
           sum->n_header_rows, sum->n_oc3_rows, sum->n_rows);
    printf("  %ld rows of local records (visits, health, education, plans, adviser contacts)\n",
           sum->n_record_rows);
    printf("  %ld looked after on 31/03/%d\n", sum->in_care_last_31_march, sum->to_year);
    if (opt->postcodes_path)
        printf("  %ld postcodes in a synthetic ONS Postcode Directory, %s\n", sum->n_postcodes,
               opt->postcodes_path);
    if (opt->survey_path)
        printf("  %ld lines of made-up survey answers, a round a year, %s\n", sum->n_survey_rows,
               opt->survey_path);
}

static int run_synth(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    (void)ctx; /* synthetic data needs no reference data but its own */
    const CliValue *children = cli_value(args, "children"), *seed = cli_value(args, "seed");
    SynthOptions opt = {
        .out_dir = cli_text(args, "out"),
        .postcodes_path = cli_text(args, "postcodes"),
        .survey_path = cli_text(args, "survey"),
        .n_children = children->given ? children->number : 1000,
        .seed = seed->given ? (uint64_t)seed->number : 1,
    };
    if (!*opt.out_dir) return err_set(err, ERR_USAGE, "--out DIR is required");
    if (cli_text(args, "profile")) synth_parse_profile(cli_text(args, "profile"), &opt.profile);
    set_years(args, &opt);
    SynthSummary sum;
    int rc = svc_synth_run(&opt, actor, &sum, err);
    if (rc < 0) return rc;
    print_summary(&opt, &sum);
    return CLI_EXIT_OK;
}

const CliCommand cmd_synth = {
    "synth",       "write a synthetic SSDA903 history, one folder per collection year",
    synth_options, (int)(sizeof synth_options / sizeof synth_options[0]),
    NULL,          false,
    run_synth,     0,
};
