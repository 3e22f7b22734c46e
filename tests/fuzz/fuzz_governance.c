/* fuzz_governance: libFuzzer target for the governance CSV templates
 * (`governance import`; docs/governance.md lists the ten), read into a
 * database that holds a history (fuzz_store.h). The input is one or two
 * templates separated by a line "%%" (a meeting's actions may come in the file
 * after it). Any input must be recorded or refused with problems, never crash;
 * a refusal says why. */
#include "fuzz_store.h"
#include "service/context.h"
#include "service/svc_governance.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FuzzDbFile db;
static AppContext *ctx;

static void context_free_at_exit(void)
{
    context_free(ctx);
}

/* Writes the parts of the input into files; returns how many. */
static int write_parts(const uint8_t *data, size_t size, char paths[2][160])
{
    const char *text = (const char *)data;
    size_t first = size;
    for (size_t i = 0; i + 3 <= size; i++)
        if (memcmp(text + i, "%%\n", 3) == 0 && (i == 0 || text[i - 1] == '\n')) {
            first = i;
            break;
        }
    snprintf(paths[0], 160, "%s/template1.csv", fuzz_store.dir);
    fuzz_write(paths[0], text, first);
    if (first == size) return 1;
    snprintf(paths[1], 160, "%s/template2.csv", fuzz_store.dir);
    fuzz_write(paths[1], text + first + 3, size - first - 3);
    return 2;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Err err = {0};
    if (!ctx) {
        if (context_load(NULL, &ctx, &err) < 0) abort();
        atexit(context_free_at_exit);
    }
    fuzz_db_file_reset(&db);
    char paths[2][160];
    int n = write_parts(data, size, paths);
    const char *list[] = {paths[0], paths[1]};
    Actor actor;
    actor_named(&actor, "fuzz");
    ErrList problems = {0};
    long rows = 0;
    int rc = svc_gov_import(ctx, db.path, list, n, &actor, "fuzz", &rows, &problems, &err);
    if (rc == ERR_INPUT && problems.n_total == 0) __builtin_trap();
    if (rc < 0 && rc != ERR_INPUT && !err.msg[0]) __builtin_trap();
    if (rc == 0 && (problems.n_total > 0 || rows < 0)) __builtin_trap();
    errlist_free(&problems);
    return 0;
}
