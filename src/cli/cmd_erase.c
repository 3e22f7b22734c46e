/* cmd_erase: the erasure of one child's record.
 *   carepledge erase --db FILE --child ID [--reason TEXT] [--yes]
 * Thin: confirms, calls service/svc_erase and says what was erased and the
 * reference the audit keeps. Without --yes it asks for the child's id to be
 * typed again on a terminal, and refuses when there is none to ask. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "service/svc_erase.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const CliOption erase_options[] = {
    {"db", "FILE", "the Carepledge database", NULL, true, 0, 0, NULL},
    {"child", "ID", "the child whose record is erased from every table", NULL, true, 0, 0, NULL},
    {"reason", "TEXT",
     "why, as the audit keeps it (at most 56 characters: a request's reference, never personal "
     "data)",
     NULL, false, 0, 0, NULL},
    {"yes", NULL, "do not ask: the erasure cannot be undone (but from a backup)", NULL, false, 0, 0,
     NULL},
};

/* Asks for the child's id again on the terminal; 0 when it was typed. */
static int confirm(const char *child, Err *err)
{
    if (!isatty(STDIN_FILENO))
        return err_set(err, ERR_USAGE,
                       "erase cannot be undone: give --yes (no terminal to ask for confirmation)");
    fprintf(stderr,
            "This erases every record of child %s and cannot be undone.\n"
            "Type the child's id again to go on: ",
            child);
    char line[256];
    if (!fgets(line, sizeof line, stdin))
        return err_set(err, ERR_USAGE, "not confirmed: nothing erased");
    line[strcspn(line, "\r\n")] = '\0';
    if (strcmp(line, child) != 0) return err_set(err, ERR_USAGE, "not confirmed: nothing erased");
    return 0;
}

static int run_erase(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    (void)ctx;
    EraseRequest req = {.db_path = cli_text(args, "db"),
                        .child = cli_text(args, "child"),
                        .reason = cli_text(args, "reason"),
                        .origin = "command line"};
    int rc = cli_flag(args, "yes") ? 0 : confirm(req.child, err);
    EraseResult res;
    if (rc == 0) rc = svc_erase_run(&req, actor, &res, err);
    if (rc < 0) return rc;
    fprintf(stderr,
            "erased child %s: %lld rows from %d tables; the audit names it by reference %s\n"
            "key %s: keep it with the request, not in the database (the reference is the first\n"
            "16 hex digits of SHA-256 of \"KEY:CHILD\", which shows which child it was)\n",
            req.child, res.rows, res.tables, res.reference, res.key);
    return CLI_EXIT_OK;
}

const CliCommand cmd_erase = {
    "erase",       "erase one child's record from every table, keeping the audit log whole",
    erase_options, (int)(sizeof erase_options / sizeof erase_options[0]),
    NULL,          false,
    run_erase,     0,
};
