/* fuzz_store: what the fuzz targets that import share. One in-memory
 * database is migrated once and given a small history; each run imports into
 * it as a trial (ImportOptions.roll_back: everything checked and written,
 * then rolled back), so a run costs an import, not the migration of a new
 * database, and imports into a database that already holds data, as a
 * council's second import does.
 * Files go into one folder under /dev/shm (or /tmp), removed when the fuzzer
 * exits.
 * Not a fuzz target itself (no fuzz_*.c): included by fuzz_import.c,
 * fuzz_table.c and fuzz_disability.c. */
#ifndef CAREPLEDGE_FUZZ_STORE_H
#define CAREPLEDGE_FUZZ_STORE_H

#include "service/import.h"
#include "store/store.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct FuzzStore {
    char dir[64];      /* /dev/shm/cp_fuzz_XXXXXX, or under /tmp */
    char run_year[96]; /* dir/run/2009-10: what each run imports */
    Store *db;         /* the history every run imports into */
    CodeLists *codes;  /* the shipped code lists, loaded once */
    long long commit;  /* the database's commit once it holds the history */
} FuzzStore;

static FuzzStore fuzz_store;

/* The history already in the database: two children with an episode each,
 * a disability flag and records of several templates, so that a run's rows
 * meet stored rows with the same keys. Synthetic. */
static const struct {
    const char *name, *text;
} fuzz_store_history[] = {
    {"header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,1,01/01/2000,WBRI,,,\n"
                   "A2,2,29/02/1996,AIND,,,\nA3,1,15/06/2005,WBRI,,,\n"},
    {"episodes.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                     "HOME_POST,PL_POST,URN\n"
                     "A1,01/05/2009,S,C2,N1,Q1,PR1,,,,ZZ1 1AA,ZZ2 2BB,\n"
                     "A3,03/06/2009,S,V2,N2,Q2,PR2,10/10/2009,E11,,,,\n"},
    {"visits.csv", "CHILD,VISIT_DATE,SEEN_ALONE\nA1,08/06/2009,yes\nA1,20/07/2009,no\n"},
    {"sdq.csv", "CHILD,SDQ_DATE,SDQ_SCORE\nA1,01/09/2009,12\n"},
    {"care_plans.csv", "CHILD,CARE_PLAN_DATE\nA1,10/05/2009\nA3,05/06/2009\n"},
    {"pa_contacts.csv", "CHILD,PA_CONTACT_DATE,PA_CONTACT_TYPE\nA2,01/02/2010,visit\n"},
    {"visit_regimes.csv", "CHILD,REGIME_DATE,REGIME\nA1,01/05/2009,standard\n"},
};

/* With write(2) rather than stdio: a FILE and its buffer, allocated and
 * freed on every run, cost the sanitizer's allocator more than the write. */
static inline void fuzz_write(const char *path, const void *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd) != 0) abort();
}

static inline void fuzz_make_dir(const char *path)
{
    if (mkdir(path, 0700) != 0) abort();
}

static inline void fuzz_store_cleanup(void)
{
    store_close(fuzz_store.db);
    codes_free(fuzz_store.codes);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_store.dir);
    if (fuzz_store.dir[0] && system(cmd) != 0)
        fprintf(stderr, "fuzz: could not remove %s\n", fuzz_store.dir);
}

/* Imports paths into s as a council's data team would, committing or only as
 * a trial (roll_back); returns its code. */
static inline int fuzz_store_import(Store *s, char *const *paths, int n, const char *disability,
                                    bool roll_back, ErrList *errs)
{
    ImportOptions opt = {.codes = fuzz_store.codes,
                         .actor = "fuzz",
                         .disability_path = disability,
                         .roll_back = roll_back};
    ImportReport report;
    int rc = import_paths(s, paths, n, &opt, &report, errs);
    import_report_free(&report);
    errlist_free(&report.warnings);
    return rc;
}

static inline void fuzz_store_init(void)
{
    /* In memory where there is a tmpfs: a run writes files and, for the
     * survey and governance targets, a database that syncs on commit. */
    snprintf(fuzz_store.dir, sizeof fuzz_store.dir, "/dev/shm/cp_fuzz_XXXXXX");
    if (!mkdtemp(fuzz_store.dir)) {
        snprintf(fuzz_store.dir, sizeof fuzz_store.dir, "/tmp/cp_fuzz_XXXXXX");
        if (!mkdtemp(fuzz_store.dir)) abort();
    }
    atexit(fuzz_store_cleanup);
    char base[80], base_year[96], path[160];
    snprintf(base, sizeof base, "%s/base", fuzz_store.dir);
    snprintf(base_year, sizeof base_year, "%s/2009-10", base);
    fuzz_make_dir(base);
    fuzz_make_dir(base_year);
    for (size_t i = 0; i < sizeof fuzz_store_history / sizeof fuzz_store_history[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", base_year, fuzz_store_history[i].name);
        fuzz_write(path, fuzz_store_history[i].text, strlen(fuzz_store_history[i].text));
    }
    Err err;
    if (codes_load_default(&fuzz_store.codes, &err) < 0 ||
        store_open(":memory:", &fuzz_store.db, &err) < 0)
        abort();
    char *paths[] = {base_year};
    ErrList errs = {0};
    if (fuzz_store_import(fuzz_store.db, paths, 1, NULL, false, &errs) < 0) {
        for (int i = 0; i < errs.n_items; i++) fprintf(stderr, "%s\n", errs.items[i].msg);
        abort(); /* the history is fixed: refusing it is a bug */
    }
    errlist_free(&errs);
    if ((fuzz_store.commit = store_current_commit(fuzz_store.db, &err)) < 0) abort();
    snprintf(path, sizeof path, "%s/run", fuzz_store.dir);
    fuzz_make_dir(path);
    snprintf(fuzz_store.run_year, sizeof fuzz_store.run_year, "%s/2009-10", path);
    fuzz_make_dir(fuzz_store.run_year);
}

/* The database, made on the first run. */
static inline Store *fuzz_store_ready(void)
{
    if (!fuzz_store.db) fuzz_store_init();
    return fuzz_store.db;
}

/* Traps unless a trial import left the database as it was: at the commit
 * of its history (nothing ever commits after it), with no transaction left
 * open (a new one can begin). */
static inline void fuzz_store_check_unchanged(void)
{
    Err err;
    if (store_current_commit(fuzz_store.db, &err) != fuzz_store.commit) __builtin_trap();
    if (store_begin(fuzz_store.db, &err) < 0) __builtin_trap();
    store_rollback(fuzz_store.db);
}

/* For the services that open a database by its path and commit (the
 * survey's and the governance's imports): a database file holding the
 * history, made once and written back as it was before each run. */
typedef struct FuzzDbFile {
    char path[96];
    char *bytes; /* the file as made */
    size_t size;
} FuzzDbFile;

static inline void fuzz_db_file_make(FuzzDbFile *f)
{
    fuzz_store_ready();
    snprintf(f->path, sizeof f->path, "%s/council.db", fuzz_store.dir);
    Err err;
    if (store_copy_to(fuzz_store.db, f->path, &err) < 0) abort();
    FILE *in = fopen(f->path, "rb");
    struct stat st;
    if (!in || fstat(fileno(in), &st) != 0) abort();
    f->size = (size_t)st.st_size;
    f->bytes = malloc(f->size);
    if (!f->bytes || fread(f->bytes, 1, f->size, in) != f->size) abort();
    fclose(in);
}

static inline void fuzz_db_file_reset(FuzzDbFile *f)
{
    if (!f->bytes) fuzz_db_file_make(f);
    char side[112];
    snprintf(side, sizeof side, "%s-wal", f->path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", f->path);
    unlink(side);
    fuzz_write(f->path, f->bytes, f->size);
}

#endif
