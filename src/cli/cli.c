/* cli: see cli.h. */
#include "cli/cli.h"

#include "base/mem.h"
#include "base/outfile.h"
#include "render/csv.h"
#include "exchange/ssda903.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- Checks -------------------------------------------------------------- */

int cli_check_date(const CliOption *opt, const char *text, CliValue *out, Err *err)
{
    if (date_parse_any(text, &out->date) == 0) return 0;
    return err_set(err, ERR_USAGE, "--%s: '%s' is not a date (use YYYY-MM-DD or dd/mm/yyyy)",
                   opt->name, text);
}

int cli_check_year(const CliOption *opt, const char *text, CliValue *out, Err *err)
{
    if ((out->year = date_parse_collection_year(text)) > 0) return 0;
    return err_set(err, ERR_USAGE, "--%s: '%s' is not a collection year such as 2025/26", opt->name,
                   text);
}

int cli_check_number(const CliOption *opt, const char *text, CliValue *out, Err *err)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (*text && !*end && end != text && v >= opt->min && v <= opt->max &&
        !(v == LONG_MAX && opt->max == LONG_MAX)) {
        out->number = v;
        return 0;
    }
    if (opt->max == LONG_MAX)
        return err_set(err, ERR_USAGE, "--%s: '%s' is not a whole number from %ld", opt->name, text,
                       opt->min);
    return err_set(err, ERR_USAGE, "--%s: '%s' is not a whole number from %ld to %ld", opt->name,
                   text, opt->min, opt->max);
}

/* "a, b, c" from a NULL-terminated list. */
static void join_words(const char *const *words, const char *sep, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int i = 0; words[i]; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s", i ? sep : "", words[i]);
    }
}

int cli_check_choice(const CliOption *opt, const char *text, CliValue *out, Err *err)
{
    for (int i = 0; opt->choices[i]; i++)
        if (strcmp(text, opt->choices[i]) == 0) {
            out->choice = i;
            return 0;
        }
    char words[256];
    join_words(opt->choices, ", ", words, sizeof words);
    return err_set(err, ERR_USAGE, "--%s: '%s' is not one of %s", opt->name, text, words);
}

/* ---- Parsing ------------------------------------------------------------- */

static bool is_flag(const CliOption *opt)
{
    return !opt->arg && !opt->choices;
}

/* Other names an option answers to: `backup --to FILE` as the issue and the
 * docs write it, beside the --out every command has. */
static const struct {
    const char *command, *alias, *name;
} option_aliases[] = {{"backup", "to", "out"}};

static int find_option(const CliCommand *cmd, const char *name)
{
    for (size_t a = 0; a < sizeof option_aliases / sizeof option_aliases[0]; a++)
        if (strcmp(cmd->name, option_aliases[a].command) == 0 &&
            strcmp(name, option_aliases[a].alias) == 0)
            name = option_aliases[a].name;
    for (int i = 0; i < cmd->n_options; i++)
        if (strcmp(cmd->options[i].name, name) == 0) return i;
    return -1;
}

/* Reads "--name", "--name value" or "--name=value" at argv[*i]. */
static int parse_option(const CliCommand *cmd, int argc, char **argv, int *i, CliArgs *out,
                        Err *err)
{
    const char *name = argv[*i] + 2, *eq = strchr(name, '=');
    char key[64];
    snprintf(key, sizeof key, "%.*s", eq ? (int)(eq - name) : (int)strlen(name), name);
    int k = find_option(cmd, key);
    if (k < 0) return err_set(err, ERR_USAGE, "unknown option --%s", key);
    const CliOption *opt = &cmd->options[k];
    CliValue *v = &out->values[k];
    v->given = true;
    if (is_flag(opt)) {
        if (eq) return err_set(err, ERR_USAGE, "option --%s takes no value", key);
        v->text = "";
        return 0;
    }
    if (eq)
        v->text = eq + 1;
    else if (*i + 1 < argc)
        v->text = argv[++*i];
    else
        return err_set(err, ERR_USAGE, "option --%s needs a value", key);
    return opt->check ? opt->check(opt, v->text, v, err) : 0;
}

static int check_complete(const CliCommand *cmd, const CliArgs *a, Err *err)
{
    for (int k = 0; k < cmd->n_options; k++)
        if (cmd->options[k].required && !a->values[k].given)
            return err_set(err, ERR_USAGE, "--%s %s is required", cmd->options[k].name,
                           cmd->options[k].arg);
    if (a->n_operands && !cmd->operands)
        return err_set(err, ERR_USAGE, "unexpected argument '%s'", a->operands[0]);
    if (!a->n_operands && cmd->operands_required) {
        size_t n = strlen(cmd->operands); /* "PATH..." says one or more PATH */
        if (n > 3 && strcmp(cmd->operands + n - 3, "...") == 0) n -= 3;
        return err_set(err, ERR_USAGE, "give at least one %.*s", (int)n, cmd->operands);
    }
    return 0;
}

int cli_parse(const CliCommand *cmd, int argc, char **argv, CliArgs *out, Err *err)
{
    memset(out, 0, sizeof *out);
    out->command = cmd;
    out->operands = xcalloc((size_t)argc + 1, sizeof *out->operands);
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--", 2) != 0 || argv[i][2] == '\0') {
            out->operands[out->n_operands++] = argv[i];
            continue;
        }
        int rc = parse_option(cmd, argc, argv, &i, out, err);
        if (rc < 0) return rc;
    }
    return check_complete(cmd, out, err);
}

void cli_args_free(CliArgs *a)
{
    free(a->operands);
    a->operands = NULL;
}

const CliValue *cli_value(const CliArgs *a, const char *name)
{
    static const CliValue absent = {0};
    int k = find_option(a->command, name);
    return k >= 0 ? &a->values[k] : &absent;
}

const char *cli_text(const CliArgs *a, const char *name)
{
    const CliValue *v = cli_value(a, name);
    return v->given ? v->text : NULL;
}

bool cli_flag(const CliArgs *a, const char *name)
{
    return cli_value(a, name)->given;
}

/* ---- Help ---------------------------------------------------------------- */

/* "--name ARG", "--name a|b|c" or "--name". */
static void option_words(const CliOption *opt, char *buf, size_t size)
{
    char arg[256] = "";
    if (opt->arg)
        snprintf(arg, sizeof arg, " %s", opt->arg);
    else if (opt->choices) {
        arg[0] = ' ';
        join_words(opt->choices, "|", arg + 1, sizeof arg - 1);
    }
    snprintf(buf, size, "--%s%s", opt->name, arg);
}

void cli_print_help(FILE *out, const CliCommand *cmd)
{
    char words[300];
    fprintf(out, "usage: carepledge %s", cmd->name);
    for (int k = 0; k < cmd->n_options; k++) {
        option_words(&cmd->options[k], words, sizeof words);
        fprintf(out, cmd->options[k].required ? " %s" : " [%s]", words);
    }
    if (cmd->operands) fprintf(out, cmd->operands_required ? " %s" : " [%s]", cmd->operands);
    fprintf(out, "\n\n%s\n\noptions:\n", cmd->summary);
    for (int k = 0; k < cmd->n_options; k++) {
        option_words(&cmd->options[k], words, sizeof words);
        fprintf(out, "  %-28s %s\n", words, cmd->options[k].help);
    }
}

/* ---- Running and failing ------------------------------------------------- */

/* The operating-system user who runs the command. */
static void os_actor(Actor *actor)
{
    const struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_name && pw->pw_name[0]) {
        actor_named(actor, pw->pw_name);
    } else {
        char name[32];
        snprintf(name, sizeof name, "uid %ld", (long)getuid());
        actor_named(actor, name);
    }
}

/* ---- Output -------------------------------------------------------------- */

/* Whether the option's value names a file the command reads ("FILE",
 * "PATH", "ONSPD.csv", "FILE[,FILE...]"); --out itself is what is checked. */
static bool names_input(const CliOption *opt)
{
    return opt->arg && strcmp(opt->name, "out") != 0 &&
           (strstr(opt->arg, "FILE") || strstr(opt->arg, "PATH") || strstr(opt->arg, ".csv"));
}

/* Refuses path when it is one of the comma-separated files in list. */
static int refuse_listed(const char *path, const char *list, Err *err)
{
    int rc = 0;
    while (rc == 0 && *list) {
        size_t len = strcspn(list, ",");
        char *one = xstrndup(list, len);
        rc = outfile_refuse_input(path, one, err);
        free(one);
        list += len + (list[len] == ',');
    }
    return rc;
}

int cli_refuse_output(const CliArgs *a, const char *path, Err *err)
{
    int rc = outfile_refuse_database(path, cli_text(a, "db"), err);
    for (int k = 0; rc == 0 && k < a->command->n_options; k++)
        if (a->values[k].given && names_input(&a->command->options[k]))
            rc = refuse_listed(path, a->values[k].text, err);
    for (int i = 0; rc == 0 && i < a->n_operands; i++)
        rc = outfile_refuse_input(path, a->operands[i], err);
    return rc;
}

int cli_check_stdout(Err *err)
{
    /* A write that failed while the command ran (its buffer flushed into a
     * full disk) leaves the error flag set, but errno may have moved on. */
    bool failed_before = ferror(stdout);
    errno = 0;
    if (fflush(stdout) == 0 && !failed_before) return 0;
    if (errno && !failed_before)
        return err_set(err, ERR_IO, "cannot write to standard output: %s", strerror(errno));
    return err_set(err, ERR_IO,
                   "cannot write to standard output (a full disk, or the reader went away)");
}

/* Whether cmd's --out names one file that its result goes to (CLI_OPTION_OUT),
 * rather than a folder the command fills itself. */
static bool takes_out_file(const CliCommand *cmd)
{
    int k = find_option(cmd, "out");
    return k >= 0 && cmd->options[k].arg && strcmp(cmd->options[k].arg, "FILE") == 0;
}

/* Points a->out at standard output, or at a temporary file for --out FILE
 * once the path is known not to be the database or an input. */
static int open_output(const CliCommand *cmd, CliArgs *a, OutFile *of, Err *err)
{
    a->out = stdout;
    const char *path = takes_out_file(cmd) ? cli_text(a, "out") : NULL;
    if (!path) return 0;
    int rc = cli_refuse_output(a, path, err);
    if (rc == 0) rc = outfile_open(of, path, err);
    if (rc == 0) {
        a->out = of->fp;
        a->out_path = of->tmp;
    }
    return rc;
}

/* Puts the --out file in place when the command succeeded (else removes
 * it), then checks every write to standard output. */
static int close_output(CliArgs *a, OutFile *of, int rc, Err *err)
{
    if (a->out_path) {
        if (rc >= 0) {
            int put = outfile_commit(of, err);
            if (put < 0) rc = put;
        } else {
            outfile_abandon(of);
        }
        a->out = stdout;
        a->out_path = NULL;
    }
    Err out_err = {0};
    if (cli_check_stdout(&out_err) < 0 && rc >= 0) {
        *err = out_err;
        rc = out_err.code;
    }
    return rc;
}

/* ---- Running ------------------------------------------------------------- */

int cli_main(const CliCommand *cmd, int argc, char **argv)
{
    CliArgs args;
    Err err = {0};
    AppContext *ctx = NULL;
    OutFile of = {0};
    /* Every file and folder a command makes (the database and its -wal and
     * -shm, reports, report folders, exports) is its owner's only, whatever
     * the umask it was started with (docs/security.md). */
    umask(077);
    int rc = cli_parse(cmd, argc, argv, &args, &err);
    if (rc == 0) rc = open_output(cmd, &args, &of, &err);
    /* Fixed before anything is written, never changed after. */
    render_csv_set_raw(cli_flag(&args, "csv-raw"));
    if (rc == 0) {
        unsigned parts = cmd->context & ~(unsigned)CLI_CONTEXT_IF_PUBLISHED;
        if ((cmd->context & CLI_CONTEXT_IF_PUBLISHED) && !cli_flag(&args, "publish")) parts = 0;
        ContextFiles files = {cli_text(&args, "holidays"), cli_text(&args, "catalogue"), parts};
        rc = context_load(&files, &ctx, &err);
    }
    if (rc == 0) {
        Actor actor;
        os_actor(&actor);
        rc = cmd->run(&args, ctx, &actor, &err);
    }
    rc = close_output(&args, &of, rc, &err);
    context_free(ctx);
    cli_args_free(&args);
    return rc < 0 ? cli_fail(cmd, &err) : rc;
}

Err cli_error_said(const CliCommand *cmd, const Err *err)
{
    Err said = *err;
    int k = err->param[0] ? find_option(cmd, err->param) : -1;
    if (k < 0) return said;
    char words[300], text[sizeof said.msg + sizeof words + 8];
    if (said.file[0]) {
        option_words(&cmd->options[k], words, sizeof words);
        snprintf(text, sizeof text, "%s (%s)", err->msg, words);
    } else {
        snprintf(text, sizeof text, "--%s %s", cmd->options[k].name, err->msg);
    }
    size_t n = strlen(text) < sizeof said.msg ? strlen(text) : sizeof said.msg - 1;
    memcpy(said.msg, text, n);
    said.msg[n] = '\0';
    return said;
}

static void print_error(const CliCommand *cmd, const Err *err)
{
    Err said = cli_error_said(cmd, err);
    if (said.file[0])
        err_print(&said, stderr);
    else
        fprintf(stderr, "carepledge %s: %s\n", cmd->name, said.msg);
}

void cli_print_problems(const CliCommand *cmd, const ErrList *problems)
{
    for (int i = 0; i < problems->n_items; i++) {
        Err said = cli_error_said(cmd, &problems->items[i]);
        err_print(&said, stderr);
    }
    if (problems->n_total > problems->n_items)
        fprintf(stderr, "... and %ld more problems not shown\n",
                problems->n_total - problems->n_items);
}

int cli_fail(const CliCommand *cmd, const Err *err)
{
    print_error(cmd, err);
    if (err->code == ERR_USAGE) fprintf(stderr, "(see: carepledge help %s)\n", cmd->name);
    /* Every kind of failure (err_kind) means the command could not run. */
    return CLI_EXIT_ERROR;
}

/* The 903's name of a stored table ("OC3" for oc3). */
static const char *marked_table_name(const char *sql_name)
{
    for (int t = 0; t < TABLE_COUNT; t++)
        if (strcmp(ssda903_table((Ssda903TableId)t)->sql_name, sql_name) == 0)
            return ssda903_table((Ssda903TableId)t)->name;
    return sql_name;
}

/* What n rows of a stored table are called in a sentence. */
static void marked_rows_noun(const char *table, long n, char *buf, size_t size)
{
    if (strcmp(table, "header") == 0)
        snprintf(buf, size, "%s", n == 1 ? "child" : "children");
    else if (strcmp(table, "episodes") == 0)
        snprintf(buf, size, "%s", n == 1 ? "episode" : "episodes");
    else
        snprintf(buf, size, "%s record%s", marked_table_name(table), n == 1 ? "" : "s");
}

void cli_print_marked(FILE *out, const ServiceMarked *marked)
{
    for (int i = 0; i < marked->n; i++) {
        const DatasetMarks *m = &marked->items[i];
        char noun[48];
        marked_rows_noun(m->table, m->n, noun, sizeof noun);
        fprintf(out,
                "%s%ld %s with %s marked invalid at import (carepledge imports --marks): read "
                "as unknown\n",
                out == stderr ? "note: " : "", m->n, noun, m->field);
    }
}
