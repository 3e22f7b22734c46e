/* cli: see cli.h. */
#include "cli/cli.h"

#include "base/mem.h"

#include <stdlib.h>

#include <string.h>

static int find_option(const CliOption *options, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(options[i].name, name) == 0) return i;
    return -1;
}

int cli_parse(int argc, char **argv, const CliOption *options, int n_options, CliArgs *out,
              Err *err)
{
    memset(out, 0, sizeof *out);
    out->options = options;
    out->n_options = n_options;
    out->positional = xcalloc((size_t)argc + 1, sizeof *out->positional);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
            out->positional[out->n_positional++] = argv[i];
            continue;
        }
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        char key[64];
        snprintf(key, sizeof key, "%.*s", eq ? (int)(eq - name) : (int)strlen(name), name);
        int k = find_option(options, n_options, key);
        if (k < 0) return err_set(err, ERR_USAGE, "unknown option --%s", key);
        if (!options[k].takes_value) {
            if (eq) return err_set(err, ERR_USAGE, "option --%s takes no value", key);
            out->values[k] = "";
        } else if (eq) {
            out->values[k] = eq + 1;
        } else if (i + 1 < argc) {
            out->values[k] = argv[++i];
        } else {
            return err_set(err, ERR_USAGE, "option --%s needs a value", key);
        }
    }
    return 0;
}

const char *cli_get(const CliArgs *a, const char *name)
{
    int k = find_option(a->options, a->n_options, name);
    return k >= 0 ? a->values[k] : NULL;
}

bool cli_flag(const CliArgs *a, const char *name)
{
    return cli_get(a, name) != NULL;
}

void cli_args_free(CliArgs *a)
{
    free(a->positional);
    a->positional = NULL;
}

int cli_fail(const char *command, const Err *err)
{
    if (err->file[0]) {
        err_print(err, stderr);
    } else {
        fprintf(stderr, "carepledge %s: %s\n", command, err->msg);
    }
    if (err->code == ERR_USAGE) fprintf(stderr, "(see: carepledge help %s)\n", command);
    return CLI_EXIT_ERROR;
}
