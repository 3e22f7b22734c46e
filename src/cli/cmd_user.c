/* cmd_user: the accounts of the web application (service/svc_users.h).
 *   carepledge user add NAME --role ROLE [--sw-id ID] [--password-stdin] --db FILE
 *   carepledge user passwd NAME [--password-stdin] --db FILE
 *   carepledge user role NAME --role ROLE --db FILE
 *   carepledge user disable NAME --db FILE     (enable NAME to undo)
 *   carepledge user allocate NAME CHILD --db FILE
 *   carepledge user revoke NAME --db FILE      (signs the user out everywhere)
 *   carepledge user list --db FILE
 * Without --password-stdin a password is generated and printed once. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "service/svc_sessions.h"
#include "service/svc_users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const CliOption user_options[] = {
    {"db", "FILE", "the Carepledge database", NULL, true, 0, 0, NULL},
    {"role", "ROLE",
     "administrator, manager, social_worker, personal_adviser, "
     "reviewing_officer, data_analyst, councillor, young_person or cicc_facilitator",
     NULL, false, 0, 0, NULL},
    {"sw-id", "ID", "the user's SW_ID in the 903 SWEpisodes table (their caseload)", NULL, false, 0,
     0, NULL},
    {"council", "CODE",
     "in a database pooling several councils: the council (DfE LA code) the user works for; "
     "'' for the partnership (docs/postgresql.md)",
     NULL, false, 0, 0, NULL},
    {"password-stdin", NULL, "read the password from the first line of standard input", NULL, false,
     0, 0, NULL},
};

enum { GENERATED_PASSWORD = 20 };

/* The password: read from stdin, or generated into buf and printed once. */
static int obtain_password(const CliArgs *args, const char *name, char *buf, size_t size, Err *err)
{
    if (!cli_flag(args, "password-stdin")) {
        svc_user_generate_password(buf, size, GENERATED_PASSWORD);
        printf("password for %s (shown once): %s\n", name, buf);
        return 0;
    }
    if (!fgets(buf, (int)size, stdin))
        return err_set(err, ERR_USAGE, "no password on standard input");
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

static int list_users(const char *db, const Actor *actor, Err *err)
{
    UserInfo *users;
    int n;
    if (svc_user_list(db, actor, &users, &n, err) < 0) return err->code;
    for (int i = 0; i < n; i++)
        printf("%-24s %-18s %-10s%s%s\n", users[i].name, users[i].role,
               users[i].sw_id[0] ? users[i].sw_id : "-", users[i].disabled ? " disabled" : "",
               users[i].locked ? " locked" : "");
    free(users);
    return CLI_EXIT_OK;
}

static int change_user(const CliArgs *args, const char *action, const char *name,
                       const Actor *actor, Err *err)
{
    const char *db = cli_text(args, "db");
    char password[256];
    UserChange u = {.name = name,
                    .role = cli_text(args, "role"),
                    .sw_id = cli_text(args, "sw-id"),
                    .disabled = -1,
                    .council = cli_text(args, "council")};
    bool adding = strcmp(action, "add") == 0;
    if (adding || strcmp(action, "passwd") == 0) {
        if (obtain_password(args, name, password, sizeof password, err) < 0) return err->code;
        u.password = password;
    } else if (strcmp(action, "disable") == 0 || strcmp(action, "enable") == 0) {
        u.disabled = strcmp(action, "disable") == 0;
    } else if (strcmp(action, "role") == 0) {
        if (!u.role) return err_set(err, ERR_USAGE, "user role needs --role");
    } else {
        return err_set(
            err, ERR_USAGE,
            "no action '%s': add, passwd, role, disable, enable, allocate, revoke or list", action);
    }
    int rc = adding ? svc_user_add(db, &u, actor, err) : svc_user_change(db, &u, actor, err);
    return rc < 0 ? rc : CLI_EXIT_OK;
}

static int revoke_sessions(const CliArgs *args, const Actor *actor, Err *err)
{
    int n;
    if (svc_sessions_revoke_user(cli_text(args, "db"), args->operands[1], actor, &n, err) < 0)
        return err->code;
    printf("%s: %d session%s revoked (a running server refuses them within its "
           "session_recheck_seconds)\n",
           args->operands[1], n, n == 1 ? "" : "s");
    return CLI_EXIT_OK;
}

static int run_user(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    (void)ctx;
    const char *action = args->operands[0];
    if (strcmp(action, "list") == 0) return list_users(cli_text(args, "db"), actor, err);
    if (args->n_operands < 2) return err_set(err, ERR_USAGE, "user %s needs a user name", action);
    if (strcmp(action, "allocate") == 0) {
        if (args->n_operands < 3) return err_set(err, ERR_USAGE, "user allocate NAME CHILD");
        int rc = svc_user_allocate(cli_text(args, "db"), args->operands[1], args->operands[2],
                                   actor, err);
        return rc < 0 ? rc : CLI_EXIT_OK;
    }
    if (strcmp(action, "revoke") == 0) return revoke_sessions(args, actor, err);
    return change_user(args, action, args->operands[1], actor, err);
}

const CliCommand cmd_user = {
    "user",
    "add, change, disable and list the web application's users",
    user_options,
    (int)(sizeof user_options / sizeof user_options[0]),
    "ACTION [NAME] [CHILD]",
    true,
    run_user,
    0,
};
