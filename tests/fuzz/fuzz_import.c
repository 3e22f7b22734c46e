/* fuzz_import: libFuzzer target for the whole 903 import into an in-memory
 * database: the input is one CSV file imported beside a fixed Header file.
 * Any input must be imported or refused with problems, never crash. */
#include "service/import.h"
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char folder[256];
static char input_path[300];

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    fwrite(data, 1, size, f);
    fclose(f);
}

static void prepare_folder(void)
{
    snprintf(folder, sizeof folder, "/tmp/carepledge-fuzz-%d/2009-10", (int)getpid());
    char parent[256];
    snprintf(parent, sizeof parent, "/tmp/carepledge-fuzz-%d", (int)getpid());
    mkdir(parent, 0700);
    mkdir(folder, 0700);
    char header[300];
    snprintf(header, sizeof header, "%s/header.csv", folder);
    const char *text = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,01/01/2000,WBRI,,,\n"
                       "A2,F,29/02/1996,AIND,,,\n";
    write_file(header, text, strlen(text));
    snprintf(input_path, sizeof input_path, "%s/input.csv", folder);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!folder[0]) prepare_folder();
    write_file(input_path, data, size);
    Store *s;
    Err err;
    if (store_open(":memory:", &s, &err) < 0) abort();
    char *paths[] = {folder};
    ImportOptions opt = {0};
    ImportReport report;
    ErrList errs = {0};
    int rc = import_paths(s, paths, 1, &opt, &report, &errs);
    /* All or nothing: a refused import leaves no rows behind. */
    if (rc < 0 && store_count_rows(s, T903_HEADER) != 0) __builtin_trap();
    errlist_free(&errs);
    store_close(s);
    return 0;
}
