/* fuzz_import: libFuzzer target for the whole 903 import: the input is one
 * CSV or XML file imported beside a fixed Header file into a database that
 * already holds a small history (fuzz_store.h). The database is migrated once
 * and each import is a trial, rolled back, so a run costs an import, not a
 * migration. Any input must be imported or refused with problems, never
 * crash, and leave the database as it was. */
#include "fuzz_store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char input_path[160];

static void prepare_folder(void)
{
    char header[160];
    snprintf(header, sizeof header, "%s/header.csv", fuzz_store.run_year);
    const char *text = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,1,01/01/2000,WBRI,,,\n"
                       "A2,2,29/02/1996,AIND,,,\n";
    fuzz_write(header, text, strlen(text));
    snprintf(input_path, sizeof input_path, "%s/input.csv", fuzz_store.run_year);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_store_ready();
    if (!input_path[0]) prepare_folder();
    fuzz_write(input_path, data, size);
    char *paths[] = {fuzz_store.run_year};
    ErrList errs = {0};
    int rc = fuzz_store_import(fuzz_store.db, paths, 1, NULL, true, &errs);
    if ((rc < 0) != (errs.n_total > 0)) __builtin_trap();
    fuzz_store_check_unchanged();
    errlist_free(&errs);
    return 0;
}
