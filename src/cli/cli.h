/* cli: the command line, a thin front end over service/.
 *
 * Each command is a CliCommand: its options as a declarative table (name,
 * argument, help, check), read by the one parser here, which also writes
 * `carepledge help COMMAND`; and a run function that calls one service and
 * renders the result. Errors become messages and exit statuses in one place,
 * cli_fail (0 success, 1 a finding such as failed rules, 2 the command could
 * not run). No file here includes store/ or drives the store. */
#ifndef CAREPLEDGE_CLI_H
#define CAREPLEDGE_CLI_H

#include "base/date.h"
#include "base/err.h"
#include "service/context.h"
#include "service/service.h"

#include <stdbool.h>
#include <stdio.h>

enum { CLI_EXIT_OK = 0, CLI_EXIT_FINDINGS = 1, CLI_EXIT_ERROR = 2 };

/* A value as the parser read and checked it. */
typedef struct CliValue {
    bool given;
    const char *text; /* as typed; "" for a flag */
    long number;      /* cli_check_number */
    Date date;        /* cli_check_date */
    int year;         /* cli_check_year: the end year, 2026 for 2025/26 */
    int choice;       /* cli_check_choice: the index in choices */
} CliValue;

typedef struct CliOption CliOption;

/* Checks text for opt and fills out's typed field; returns 0 or ERR_USAGE
 * with a message that names the option. */
typedef int (*CliCheck)(const CliOption *opt, const char *text, CliValue *out, Err *err);

struct CliOption {
    const char *name; /* "db" for --db */
    const char *arg;  /* shown in help ("FILE"); NULL for a flag that takes no value */
    const char *help;
    CliCheck check; /* NULL: any text */
    bool required;
    long min, max;              /* cli_check_number's bounds */
    const char *const *choices; /* cli_check_choice's words, NULL-terminated */
};

int cli_check_date(const CliOption *opt, const char *text, CliValue *out, Err *err);
int cli_check_year(const CliOption *opt, const char *text, CliValue *out, Err *err);
int cli_check_number(const CliOption *opt, const char *text, CliValue *out, Err *err);
int cli_check_choice(const CliOption *opt, const char *text, CliValue *out, Err *err);

enum { CLI_MAX_OPTIONS = 24 };

typedef struct CliCommand CliCommand;

typedef struct CliArgs {
    const CliCommand *command;
    CliValue values[CLI_MAX_OPTIONS]; /* by the option's place in the table */
    char **operands;                  /* into argv; freed by cli_args_free */
    int n_operands;
    /* Where the command writes its result: standard output, or for a command
     * with CLI_OPTION_OUT given --out, a temporary file beside it (out_path
     * names it, for writers that need a path) that cli_main renames into
     * place when the command succeeds and removes when it fails. */
    FILE *out;
    const char *out_path;
} CliArgs;

/* The --out FILE option of a command whose result goes to standard output;
 * cli_main handles it (CliArgs.out) for every command that has it. */
#define CLI_OPTION_OUT                                                                 \
    {                                                                                  \
        "out", "FILE",                                                                 \
            "write the result to this file (whole or not at all) instead of standard " \
            "output",                                                                  \
            NULL, false, 0, 0, NULL                                                    \
    }

/* Runs the command after its options were read and the context loaded:
 * returns an exit status, or a negative code with err (cli_fail maps it). */
typedef int (*CliRun)(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err);

struct CliCommand {
    const char *name;
    const char *summary;
    const CliOption *options;
    int n_options;
    const char *operands; /* "PATH..." when it takes some, else NULL */
    bool operands_required;
    CliRun run;
    unsigned context; /* the parts of the context its use case reads (CONTEXT_*) */
};

/* With the parts in CliCommand.context: they are read only when --publish is
 * given (a command whose plain use case reads none of them). */
enum { CLI_CONTEXT_IF_PUBLISHED = 1u << 16 };

extern const CliCommand *const cli_commands[];
extern const int cli_n_commands;

/* Parses argv[1..] (argv[0] is the command name) by cmd's table. Returns 0 or
 * ERR_USAGE. Free out with cli_args_free either way. */
int cli_parse(const CliCommand *cmd, int argc, char **argv, CliArgs *out, Err *err);
void cli_args_free(CliArgs *a);

/* The option's value; given is false when it was not on the command line. */
const CliValue *cli_value(const CliArgs *a, const char *name);
/* Its text, or NULL when not given. */
const char *cli_text(const CliArgs *a, const char *name);
bool cli_flag(const CliArgs *a, const char *name);

/* --csv-raw, on every command that writes CSV: cells as they are, without the
 * quote render/csv puts before a cell a spreadsheet would run as a formula. */
#define CLI_OPTION_CSV_RAW                                                                     \
    {                                                                                          \
        "csv-raw", NULL, "CSV cells exactly as stored, for programs (not spreadsheets)", NULL, \
            false, 0, 0, NULL                                                                  \
    }

/* ERR_USAGE when the command would write path over a file it must keep: the
 * database given by --db (or its -wal, -shm or -journal file), or any file it
 * reads (the value of another option, one of a comma-separated list, or an
 * operand). */
int cli_refuse_output(const CliArgs *a, const char *path, Err *err);

/* Flushes standard output and says whether every write to it succeeded:
 * 0, or ERR_IO ("cannot write to standard output: No space left on device"). */
int cli_check_stdout(Err *err);

/* Writes "usage: carepledge NAME OPTIONS", the summary and each option's help. */
void cli_print_help(FILE *out, const CliCommand *cmd);

/* Parses the options, loads the parts of the context cmd reads (with its
 * --holidays and --catalogue), names the operating-system user as the actor and runs cmd.
 * Returns the exit status. */
int cli_main(const CliCommand *cmd, int argc, char **argv);

/* The one place an error becomes a message and an exit status: prints it as
 * "carepledge CMD: message" (or the located form), naming the command-line
 * option where the error names a request parameter the command has, and
 * returns the exit status for it. */
int cli_fail(const CliCommand *cmd, const Err *err);
/* The error as cmd says it: when err names a request parameter (err->param)
 * that cmd takes as an option, the message names the option — in front when
 * the error has no location ("--la 'X' is a shire district: ..."), after it
 * when it has one ("...: cannot tell which year ... (--year YYYY/YY)"). */
Err cli_error_said(const CliCommand *cmd, const Err *err);
/* Prints each problem of a list as cli_fail would (without the status). */
void cli_print_problems(const CliCommand *cmd, const ErrList *problems);

/* Says, a line each, which marked values (import --keep-invalid) a result
 * read as unknown: to out, after a text result; to stderr as notes beside
 * CSV or JSON, whose documents stay as they are. Nothing when none. */
void cli_print_marked(FILE *out, const ServiceMarked *marked);

#endif
