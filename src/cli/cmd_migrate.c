/* cmd_migrate: carepledge migrate --from DB --to DB
 *
 * Copies a whole database into a new, empty one of either engine: a SQLite
 * file into PostgreSQL when a council outgrows one file, or back (service/
 * svc_migrate.h). Each DB is a file or a PostgreSQL connection string. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "service/svc_migrate.h"

#include <stdio.h>

static const CliOption migrate_options[] = {
    {"from", "DB", "the database to copy (a file, or postgresql://...; only read)", NULL, true, 0,
     0, NULL},
    {"to", "DB", "the new or empty database to copy it into (created when missing)", NULL, true, 0,
     0, NULL},
};

static int run_migrate(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    MigrateRequest req = {.from = cli_text(args, "from"), .to = cli_text(args, "to")};
    MigrateResult res;
    int rc = svc_migrate_run(ctx, &req, actor, &res, err);
    if (rc < 0) return rc;
    printf("copied %lld rows of %d tables\n", res.rows, res.tables);
    return CLI_EXIT_OK;
}

const CliCommand cmd_migrate = {
    "migrate",
    "copy a whole database into a new one, SQLite to PostgreSQL or back, losing nothing",
    migrate_options,
    (int)(sizeof migrate_options / sizeof migrate_options[0]),
    NULL,
    false,
    run_migrate,
    0,
};
