/* cli: the command table and the small option parser every command uses.
 *
 * Commands are thin: they parse options, call a service, and map the result to
 * output and an exit status (0 success, 1 a finding such as failed rules, 2 the
 * command could not run). They never include web/ code. */
#ifndef CAREPLEDGE_CLI_H
#define CAREPLEDGE_CLI_H

#include "base/err.h"

#include <stdbool.h>
#include <stdio.h>

enum { CLI_EXIT_OK = 0, CLI_EXIT_FINDINGS = 1, CLI_EXIT_ERROR = 2 };

typedef struct CliCommand {
    const char *name;
    const char *summary;
    const char *usage; /* options, shown by "carepledge help NAME" */
    int (*run)(int argc, char **argv);
} CliCommand;

extern const CliCommand cli_commands[];
extern const int cli_n_commands;

/* Options a command accepts: "--name value" when takes_value, else "--name". */
typedef struct CliOption {
    const char *name;
    bool takes_value;
} CliOption;

enum { CLI_MAX_OPTIONS = 24 };

typedef struct CliArgs {
    const CliOption *options;
    int n_options;
    const char *values[CLI_MAX_OPTIONS]; /* NULL when absent; "" for a present flag */
    char **positional;
    int n_positional;
} CliArgs;

/* Parses argv[1..] (argv[0] is the command name). Returns 0 or ERR_USAGE. The
 * positional array points into argv and is freed by cli_args_free. */
int cli_parse(int argc, char **argv, const CliOption *options, int n_options, CliArgs *out,
              Err *err);
/* The value of option name, or NULL when not given. */
const char *cli_get(const CliArgs *a, const char *name);
bool cli_flag(const CliArgs *a, const char *name);
void cli_args_free(CliArgs *a);

/* Prints an error as "carepledge CMD: message" (or the located form) and returns
 * the exit status for it. */
int cli_fail(const char *command, const Err *err);

#endif
