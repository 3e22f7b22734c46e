/* cmd_backup: a backup of the database, and putting one back.
 *   carepledge backup --db FILE --out FILE     (--to FILE is the same)
 *   carepledge restore --db FILE --from FILE
 * Thin: each calls its service (service/svc_backup.h). The backup is written
 * to --out's temporary file and renamed into place by cli_main only once it
 * has passed SQLite's integrity check, so a failed backup leaves no file that
 * looks like one. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "service/svc_backup.h"

static const CliOption backup_options[] = {
    {"db", "FILE", "the Carepledge database (the server may be running)", NULL, true, 0, 0, NULL},
    {"out", "FILE",
     "the backup to write (owner-only; checked before it is put in place); --to FILE "
     "is the same",
     NULL, true, 0, 0, NULL},
};

static int run_backup(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    (void)ctx;
    BackupRequest req = {.db_path = cli_text(args, "db"), .to_path = args->out_path};
    BackupResult res;
    int rc = svc_backup_run(&req, actor, &res, err);
    if (rc < 0) return rc;
    fprintf(stderr, "backup of %s (schema %d, %lld bytes) checked whole; written to %s\n",
            req.db_path, res.schema_version, res.size, cli_text(args, "out"));
    return CLI_EXIT_OK;
}

const CliCommand cmd_backup = {
    "backup",       "a consistent, checked copy of the database, taken while it is in use",
    backup_options, (int)(sizeof backup_options / sizeof backup_options[0]),
    NULL,           false,
    run_backup,     0,
};

static const CliOption restore_options[] = {
    {"db", "FILE", "the database to replace (made when missing)", NULL, true, 0, 0, NULL},
    {"from", "FILE", "the backup to put back", NULL, true, 0, 0, NULL},
};

static int run_restore(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    (void)ctx;
    RestoreRequest req = {.db_path = cli_text(args, "db"), .from_path = cli_text(args, "from")};
    BackupResult res;
    int rc = svc_restore_run(&req, actor, &res, err);
    if (rc < 0) return rc;
    fprintf(stderr, "restored %s from %s (schema %d, %lld bytes), checked whole\n", req.db_path,
            req.from_path, res.schema_version, res.size);
    return CLI_EXIT_OK;
}

const CliCommand cmd_restore = {
    "restore",
    "replace the database with a backup, checked whole first",
    restore_options,
    (int)(sizeof restore_options / sizeof restore_options[0]),
    NULL,
    false,
    run_restore,
    0,
};
