/* fuzz_cli: libFuzzer target for the command line's parser and the checks of
 * its values (cli/cli.c): dates, collection years, whole numbers and choices.
 * The first byte of the input chooses a command; the rest, split at NUL bytes,
 * is its argv. Any input must be parsed or refused with a message, never
 * crash; every value the parser accepted reads back as the check read it: a
 * date formatted and parsed again is the same day, a year written as 2025/26
 * is the same year, a number lies within its option's bounds, a choice is one
 * of its words. */
#include "cli/cli.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_ARGS = 64 };

static void check_date(const CliValue *v)
{
    char buf[DATE_FMT_LEN];
    Date again;
    if (date_parse_any(date_format_iso(v->date, buf), &again) != 0 || again != v->date)
        __builtin_trap();
}

static void check_year(const CliValue *v)
{
    char buf[32];
    if (v->year < 1901) __builtin_trap();
    snprintf(buf, sizeof buf, "%04d/%02d", v->year - 1, v->year % 100);
    if (date_parse_collection_year(buf) != v->year) __builtin_trap();
}

static void check_values(const CliCommand *cmd, const CliArgs *a)
{
    for (int k = 0; k < cmd->n_options; k++) {
        const CliOption *opt = &cmd->options[k];
        const CliValue *v = &a->values[k];
        if (!v->given) continue;
        if (!v->text) __builtin_trap();
        if (opt->check == cli_check_date) check_date(v);
        if (opt->check == cli_check_year) check_year(v);
        if (opt->check == cli_check_number && (v->number < opt->min || v->number > opt->max))
            __builtin_trap();
        if (opt->check == cli_check_choice && strcmp(opt->choices[v->choice], v->text) != 0)
            __builtin_trap();
    }
}

/* Each value check on its own, over the whole input as one value. */
static void check_each(const char *text)
{
    static const char *const words[] = {"csv", "json", "text", NULL};
    const CliOption opts[] = {
        {"date", "DATE", "", cli_check_date, false, 0, 0, NULL},
        {"year", "YEAR", "", cli_check_year, false, 0, 0, NULL},
        {"small", "N", "", cli_check_number, false, -5, 100, NULL},
        {"any", "N", "", cli_check_number, false, LONG_MIN, LONG_MAX, NULL},
        {"format", "F", "", cli_check_choice, false, 0, 0, words},
    };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        CliValue v = {.given = true, .text = text};
        Err err = {0};
        int rc = opts[i].check(&opts[i], text, &v, &err);
        if (rc < 0 && (err.code != ERR_USAGE || !strstr(err.msg, opts[i].name))) __builtin_trap();
        if (rc == 0) {
            CliOption one[] = {opts[i]};
            CliCommand cmd = {.name = "fuzz", .options = one, .n_options = 1};
            CliArgs a = {.command = &cmd};
            a.values[0] = v;
            check_values(&cmd, &a);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096) return 0;
    const CliCommand *cmd = cli_commands[data[0] % cli_n_commands];
    char *copy = malloc(size);
    if (!copy) abort();
    memcpy(copy, data + 1, size - 1);
    copy[size - 1] = '\0';
    char *argv[MAX_ARGS + 1] = {(char *)cmd->name};
    int argc = 1;
    for (size_t i = 0; i < size - 1 && argc < MAX_ARGS; i += strlen(copy + i) + 1)
        argv[argc++] = copy + i;
    CliArgs a;
    Err err = {0};
    if (cli_parse(cmd, argc, argv, &a, &err) == 0)
        check_values(cmd, &a);
    else if (err.code != ERR_USAGE || !err.msg[0])
        __builtin_trap();
    cli_args_free(&a);
    check_each(copy);
    free(copy);
    return 0;
}
