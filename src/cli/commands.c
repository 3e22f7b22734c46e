/* commands: the table of every command. Help text comes from here too.
 * Each command lives in cli/cmd_<family>.c and is declared in cli/commands.h. */
#include "cli/cli.h"
#include "cli/commands.h"

const CliCommand cli_commands[] = {
    {"calendar", "list the non-working days (bank holidays) of the working-day calendar",
     "--from DATE --to DATE [--weekends] [--holidays FILE] [--format text|csv|json]", cmd_calendar},
    {"compliance", "how many statutory items fell due in a period, done on time, late or not done",
     "--db FILE --from DATE --to DATE [--holidays FILE] [--format text|csv|json]", cmd_compliance},
    {"due", "the worklist: what each child and care leaver is owed, when, and what is overdue",
     "--db FILE --at DATE [--within DAYS] [--overdue] [--child ID] [--holidays FILE] "
     "[--format text|csv|json]",
     cmd_due},
    {"export", "write a collection year's SSDA903 return from the database as the 903 CSV files",
     "--db FILE --year YYYY/YY --out DIR", cmd_export},
    {"import", "read SSDA903 CSV files into the database (one transaction)",
     "--db FILE [--year YYYY/YY] [--disability FILE] PATH...", cmd_import},
    {"indicators", "the catalogue of what the Pledge scorecard measures, promise by promise",
     "[--format text|csv|json|markdown] [--catalogue FILE]", cmd_indicators},
    {"leavers", "list care leavers and their category on a date",
     "--db FILE --at DATE [--rules 2010|current] [--format text|csv|json]", cmd_leavers},
    {"profile", "the strategy's profile of children in care and care leavers on a date",
     "--db FILE --at DATE [--rules 2010|current] [--format text|csv|json] [--publish [--threshold "
     "N]]",
     cmd_profile},
    {"scorecard", "the Pledge scorecard: every promise measured, with trends, targets and charts",
     "--db FILE --year YYYY/YY [--years N] [--by disability|ethnicity|age|placement] [--publish] "
     "[--threshold N] [--catalogue FILE] [--holidays FILE] [--postcodes ONSPD.csv] [--la CODE] "
     "[--format text|csv|json|html|pdf] [--out FILE]",
     cmd_scorecard},
    {"synth", "write a synthetic SSDA903 history, one folder per collection year",
     "--out DIR [--children N] [--seed S] [--from YYYY] [--to YYYY] [--profile dorset-2010] "
     "[--postcodes FILE]",
     cmd_synth},
    {"validate", "check SSDA903 files against the DfE validation rules of a collection year",
     "[--year YYYY/YY] [--ruleset YYYY/YY] [--prev PATH] [--postcodes ONSPD.csv [--la CODE]] "
     "[--providers FILE[,FILE...]] [--format text|csv|json|html] [--out DIR] PATH...",
     cmd_validate},
};
const int cli_n_commands = (int)(sizeof cli_commands / sizeof cli_commands[0]);
