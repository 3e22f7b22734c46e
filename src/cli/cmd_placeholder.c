/* Temporary: replaced by the real commands in the next commits. */
#include "cli/commands.h"
#include <stdio.h>
int cmd_import(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("import: not wired yet\n", stderr);
    return 2;
}
int cmd_leavers(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("leavers: not wired yet\n", stderr);
    return 2;
}
int cmd_profile(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("profile: not wired yet\n", stderr);
    return 2;
}
