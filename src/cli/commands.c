/* commands: the table of every command, in the order `carepledge help` lists
 * them. Each command's options and help are in its own cli/cmd_*.c. */
#include "cli/commands.h"

const CliCommand *const cli_commands[] = {
    &cmd_api_doc,    &cmd_audit,   &cmd_backup,   &cmd_calendar,   &cmd_compliance, &cmd_due,
    &cmd_erase,      &cmd_export,  &cmd_forecast, &cmd_governance, &cmd_import,     &cmd_imports,
    &cmd_indicators, &cmd_leavers, &cmd_migrate,  &cmd_pack,       &cmd_profile,    &cmd_restore,
    &cmd_scorecard,  &cmd_serve,   &cmd_survey,   &cmd_synth,      &cmd_user,       &cmd_validate,
};
const int cli_n_commands = (int)(sizeof cli_commands / sizeof cli_commands[0]);

const char *const cmd_table_formats[] = {"text", "csv", "json", NULL};
const char *const cmd_leaver_rules[] = {"2010", "current", NULL};
