/* fuzz_disability: libFuzzer target for the council's disability list
 * (`import --disability FILE`: child,disabled), read inside an import into a
 * database that already holds a history (fuzz_store.h). Any input must be
 * imported or refused with problems, never crash, and the trial import
 * (rolled back) leaves the database as it was. */
#include "fuzz_store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char header_path[160], list_path[160];

static void prepare_folder(void)
{
    /* The Header imported beside the list (named, as fuzz_import names its
     * files, rather than its folder walked): the children already stored. */
    snprintf(header_path, sizeof header_path, "%s/header.csv", fuzz_store.run_year);
    const char *text = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,1,01/01/2000,WBRI,,,\n";
    fuzz_write(header_path, text, strlen(text));
    snprintf(list_path, sizeof list_path, "%s/disability.csv", fuzz_store.dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_store_ready();
    if (!list_path[0]) prepare_folder();
    fuzz_write(list_path, data, size);
    char *paths[] = {header_path};
    ErrList errs = {0};
    int rc = fuzz_store_import(fuzz_store.db, paths, 1, list_path, true, &errs);
    if ((rc < 0) != (errs.n_total > 0)) __builtin_trap();
    fuzz_store_check_unchanged();
    errlist_free(&errs);
    return 0;
}
