/* commands: every command, each defined in its own cli/cmd_*.c file as a
 * CliCommand (its option table and run function) and listed in commands.c. */
#ifndef CAREPLEDGE_COMMANDS_H
#define CAREPLEDGE_COMMANDS_H

#include "cli/cli.h"

extern const CliCommand cmd_api_doc;
extern const CliCommand cmd_audit;
extern const CliCommand cmd_backup;
extern const CliCommand cmd_restore;
extern const CliCommand cmd_calendar;
extern const CliCommand cmd_compliance;
extern const CliCommand cmd_due;
extern const CliCommand cmd_erase;
extern const CliCommand cmd_export;
extern const CliCommand cmd_forecast;
extern const CliCommand cmd_governance;
extern const CliCommand cmd_imports;
extern const CliCommand cmd_migrate;
extern const CliCommand cmd_import;
extern const CliCommand cmd_indicators;
extern const CliCommand cmd_leavers;
extern const CliCommand cmd_pack;
extern const CliCommand cmd_profile;
extern const CliCommand cmd_scorecard;
extern const CliCommand cmd_serve;
extern const CliCommand cmd_synth;
extern const CliCommand cmd_survey;
extern const CliCommand cmd_user;
extern const CliCommand cmd_validate;

/* Option words several commands share. */
extern const char *const cmd_table_formats[]; /* text, csv, json */
extern const char *const cmd_leaver_rules[];  /* 2010, current (domain/leaver.h) */

#endif
