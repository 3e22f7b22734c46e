/* commands: one entry point per command, each in its own cli/cmd_*.c file. */
#ifndef CAREPLEDGE_COMMANDS_H
#define CAREPLEDGE_COMMANDS_H

int cmd_calendar(int argc, char **argv);
int cmd_compliance(int argc, char **argv);
int cmd_due(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_indicators(int argc, char **argv);
int cmd_leavers(int argc, char **argv);
int cmd_profile(int argc, char **argv);
int cmd_scorecard(int argc, char **argv);
int cmd_synth(int argc, char **argv);
int cmd_validate(int argc, char **argv);

#endif
