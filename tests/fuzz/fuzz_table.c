/* fuzz_table: libFuzzer target for each 903 table and each record template
 * (docs/templates.md) as the import reads, checks and merges it into a
 * database that already holds a history (fuzz_store.h). The first byte of the
 * input chooses the table (modulo their number); the file imported is that
 * table's header line followed by the rest of the input, so every run reaches
 * the table's own checks rather than stopping at an unrecognised header. Any
 * input must be imported or refused with problems, never crash, and the trial
 * import (rolled back) leaves the database as it was. */
#include "fuzz_store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The table's header line ("CHILD,VISIT_DATE,SEEN_ALONE\n") into buf. */
static size_t header_line(const Ssda903Table *t, char *buf, size_t cap)
{
    size_t len = 0;
    for (int c = 0; c < t->n_columns; c++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", c ? "," : "", t->columns[c].name);
    buf[len++] = '\n';
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    fuzz_store_ready();
    const Ssda903Table *t = ssda903_table((Ssda903TableId)(data[0] % TABLE_COUNT));
    char header[512], path[200];
    size_t len = header_line(t, header, sizeof header);
    char *text = malloc(len + size - 1 + 1);
    if (!text) abort();
    memcpy(text, header, len);
    memcpy(text + len, data + 1, size - 1);
    snprintf(path, sizeof path, "%s/%s.csv", fuzz_store.run_year, t->sql_name);
    fuzz_write(path, text, len + size - 1);
    free(text);

    char *paths[] = {path};
    ErrList errs = {0};
    int rc = fuzz_store_import(fuzz_store.db, paths, 1, NULL, true, &errs);
    if ((rc < 0) != (errs.n_total > 0)) __builtin_trap();
    fuzz_store_check_unchanged();
    errlist_free(&errs);
    unlink(path);
    return 0;
}
