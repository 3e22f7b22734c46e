/* cmd_audit: the audit log of the web application (service/svc_audit.h).
 *   carepledge audit verify --db FILE      exit 1 when the chain is broken
 *   carepledge audit show --db FILE [--child ID] [--user NAME] */
#include "cli/cli.h"
#include "cli/commands.h"

#include "service/svc_audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const CliOption audit_options[] = {
    {"db", "FILE", "the Carepledge database", NULL, true, 0, 0, NULL},
    {"child", "ID", "show: only the rows about this child (a subject-access request)", NULL, false,
     0, 0, NULL},
    {"user", "NAME", "show: only what this user did", NULL, false, 0, 0, NULL},
    CLI_OPTION_OUT,
};

static int verify(FILE *out, const char *db, const Actor *actor, Err *err)
{
    AuditVerify v;
    if (svc_audit_verify(db, actor, &v, err) < 0) return err->code;
    if (v.first_bad) {
        fprintf(out, "audit log broken: %s (%lld rows read)\n", v.problem, v.rows);
        return CLI_EXIT_FINDINGS;
    }
    fprintf(out, "audit log intact: %lld rows\n", v.rows);
    return CLI_EXIT_OK;
}

static int show(const CliArgs *args, const Actor *actor, Err *err)
{
    AuditEntry *rows;
    int n;
    if (svc_audit_show(cli_text(args, "db"), cli_text(args, "child"), cli_text(args, "user"), actor,
                       &rows, &n, err) < 0)
        return err->code;
    for (int i = 0; i < n; i++)
        fprintf(args->out, "%lld\t%s\t%s\t%s\t%s\t%s\n", rows[i].seq, rows[i].at, rows[i].user,
                rows[i].action, rows[i].child[0] ? rows[i].child : "-", rows[i].origin);
    free(rows);
    return CLI_EXIT_OK;
}

static int run_audit(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    (void)ctx;
    const char *action = args->operands[0];
    if (strcmp(action, "verify") == 0) return verify(args->out, cli_text(args, "db"), actor, err);
    if (strcmp(action, "show") == 0) return show(args, actor, err);
    return err_set(err, ERR_USAGE, "no action '%s': verify or show", action);
}

const CliCommand cmd_audit = {
    "audit",       "verify the audit log's hash chain, or show it by child or user",
    audit_options, (int)(sizeof audit_options / sizeof audit_options[0]),
    "verify|show", true,
    run_audit,     0,
};
