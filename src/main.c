/* main: argv to the command table. Nothing else lives here. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static void print_overview(FILE *out)
{
    fprintf(out, "usage: carepledge COMMAND [OPTIONS]\n\ncommands:\n");
    for (int i = 0; i < cli_n_commands; i++)
        fprintf(out, "  %-12s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
    fprintf(out, "\n'carepledge help COMMAND' shows a command's options.\n");
}

static const CliCommand *find_command(const char *name)
{
    for (int i = 0; i < cli_n_commands; i++)
        if (strcmp(cli_commands[i]->name, name) == 0) return cli_commands[i];
    return NULL;
}

static int print_help(int argc, char **argv)
{
    if (argc < 3) {
        print_overview(stdout);
        return CLI_EXIT_OK;
    }
    const CliCommand *cmd = find_command(argv[2]);
    if (!cmd) {
        fprintf(stderr, "carepledge: no command '%s'\n", argv[2]);
        return CLI_EXIT_ERROR;
    }
    cli_print_help(stdout, cmd);
    return CLI_EXIT_OK;
}

/* Help, like every command's result, fails when it could not be written. */
static int checked_help(int argc, char **argv)
{
    int rc = print_help(argc, argv);
    Err err = {0};
    if (cli_check_stdout(&err) < 0) {
        fprintf(stderr, "carepledge help: %s\n", err.msg);
        return CLI_EXIT_ERROR;
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stderr);
        return CLI_EXIT_ERROR;
    }
    if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0)
        return checked_help(argc, argv);
    const CliCommand *cmd = find_command(argv[1]);
    if (!cmd) {
        fprintf(stderr, "carepledge: no command '%s'\n\n", argv[1]);
        print_overview(stderr);
        return CLI_EXIT_ERROR;
    }
    return cli_main(cmd, argc - 1, argv + 1);
}
