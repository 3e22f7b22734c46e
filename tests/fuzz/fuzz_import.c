/* fuzz_import: libFuzzer target for the whole 903 import: the input is one
 * CSV or XML file imported beside a fixed Header file into a database that
 * already holds a small history (fuzz_store.h). The database is migrated once
 * and each import is a trial, rolled back, so a run costs an import, not a
 * migration. Any input must be imported or refused with problems, never
 * crash, and leave the database as it was.
 * The two files are named to the import, as `carepledge import header.csv
 * input.csv` names them, rather than their folder: the folder's walk reads
 * nothing the input decides and was a sixth of a run. Their folder is the
 * return's year (2009-10), as it is for a folder. */
#include "fuzz_store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char header_path[160], input_path[160];

static void prepare_folder(void)
{
    snprintf(header_path, sizeof header_path, "%s/header.csv", fuzz_store.run_year);
    const char *text = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,1,01/01/2000,WBRI,,,\n"
                       "A2,2,29/02/1996,AIND,,,\n";
    fuzz_write(header_path, text, strlen(text));
    snprintf(input_path, sizeof input_path, "%s/input.csv", fuzz_store.run_year);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_store_ready();
    if (!input_path[0]) prepare_folder();
    fuzz_write(input_path, data, size);
    char *paths[] = {header_path, input_path};
    ErrList errs = {0};
    int rc = fuzz_store_import(fuzz_store.db, paths, 2, NULL, true, &errs);
    if ((rc < 0) != (errs.n_total > 0)) __builtin_trap();
    fuzz_store_check_unchanged();
    errlist_free(&errs);
    return 0;
}
