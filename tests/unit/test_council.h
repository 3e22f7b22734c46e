/* A synthetic council in a database, as `carepledge synth` and `carepledge
 * import` would make it: the fixture of the tests that work on whole
 * councils (the attack test, the published pack). Include after cmocka.h. */
#ifndef TEST_COUNCIL_H
#define TEST_COUNCIL_H

#include "service/import.h"
#include "store/store.h"
#include "synth/synth.h"

#include <stdio.h>
#include <stdlib.h>

/* Generates the council `so` describes into so->out_dir and imports that
 * folder into the database at db_path; fails the test on any error. */
static inline void council_synth_import(const SynthOptions *so, const char *db_path)
{
    SynthSummary sum;
    Err err;
    if (synth_run(so, &sum, &err) < 0) fail_msg("synth: %s", err.msg);
    Store *store;
    if (store_open(db_path, &store, &err) < 0) fail_msg("store: %s", err.msg);
    ImportOptions io = {0};
    ImportReport rep;
    ErrList errs = {0};
    char *paths[1] = {(char *)so->out_dir};
    if (import_paths(store, paths, 1, &io, &rep, &errs) < 0) {
        errlist_print(&errs, stderr);
        fail_msg("import failed");
    }
    errlist_free(&errs);
    store_close(store);
}

/* Removes a fixture's working folder and everything in it. */
static inline int council_remove_folder(const char *folder)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", folder);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
