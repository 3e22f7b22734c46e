/* Unit tests for loading the Dataset on two connections (store_load.c): on a
 * synthetic history of every table, the two-connection load gives exactly the
 * Dataset of the one-connection load; while another connection holds the
 * write lock the load still reads on two connections, neither waits nor sees
 * the uncommitted row; an import commits while a load's snapshot is held,
 * which goes on seeing the commit it started at; and a table that cannot be
 * read fails the load with its error. Uses a database file
 * in a temporary folder (a second connection cannot see an in-memory one). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_same_dataset.h"

#include "service/import.h"
#include "store/store.h"
#include "synth/synth.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/carepledge-store-load-XXXXXX";
static char db_path[256], data_path[256];

static int make_history(void **state)
{
    (void)state;
    if (!mkdtemp(dir)) return -1;
    snprintf(db_path, sizeof db_path, "%s/history.db", dir);
    snprintf(data_path, sizeof data_path, "%s/903", dir);
    SynthOptions opt = {
        .out_dir = data_path, .n_children = 600, .seed = 7, .from_year = 2021, .to_year = 2026};
    SynthSummary summary;
    Err err;
    if (synth_run(&opt, &summary, &err) != 0) return -1;
    Store *s;
    if (store_open(db_path, &s, &err) != 0) return -1;
    char *paths[] = {data_path};
    ImportOptions io = {0};
    ImportReport report;
    ErrList errs = {0};
    int rc = import_paths(s, paths, 1, &io, &report, &errs);
    errlist_free(&errs);
    store_close(s);
    return rc;
}

static int remove_history(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void load(Store *s, unsigned parts, Dataset *ds)
{
    Err err;
    *ds = (Dataset){0};
    assert_int_equal(store_load_dataset_parts(s, ds, parts, &err), 0);
}

static void test_two_connections_load_what_one_does(void **state)
{
    (void)state;
    Store *s;
    Err err;
    assert_int_equal(store_open(db_path, &s, &err), 0);
    Dataset one, two;
    load(s, STORE_LOAD_ALL | STORE_LOAD_ONE_CONNECTION, &one);
    assert_int_equal(store_load_connections(s), 1);
    load(s, STORE_LOAD_ALL, &two);
    assert_int_equal(store_load_connections(s), 2);
    /* The history has every kind of row, so the comparison means something. */
    assert_true(one.n_children >= 600);
    assert_true(one.n_episodes > 0 && one.n_reviews > 0 && one.n_records > 0);
    assert_true(one.n_oc2 > 0 && one.n_oc3 > 0 && one.n_missing > 0 && one.n_ad1 > 0);
    int kinds_seen = 0; /* every kind the generator makes: all but s23CZB requests */
    for (int k = 0; k < RECORD_KIND_COUNT; k++)
        for (int r = 0; r < one.n_records; r++)
            if (one.records[r].kind == k) {
                kinds_seen++;
                break;
            }
    assert_int_equal(kinds_seen, RECORD_KIND_COUNT - 1);
    assert_same_dataset(&one, &two);
    dataset_free(&two);
    /* Only some parts: the others stay empty. */
    load(s, STORE_LOAD_RECORDS | STORE_LOAD_REVIEWS, &two);
    assert_int_equal(two.n_episodes, 0);
    assert_int_equal(two.n_oc2, 0);
    assert_int_equal(two.n_records, one.n_records);
    assert_memory_equal(two.records, one.records, (size_t)one.n_records * sizeof *one.records);
    assert_memory_equal(two.reviews, one.reviews, (size_t)one.n_reviews * sizeof *one.reviews);
    dataset_free(&two);
    dataset_free(&one);
    store_close(s);
}

static void test_a_writer_at_work_does_not_stop_the_load(void **state)
{
    (void)state;
    Store *reader, *writer;
    Err err;
    assert_int_equal(store_open_read(db_path, &reader, &err), 0);
    assert_int_equal(store_open(db_path, &writer, &err), 0);
    Dataset before, during;
    load(reader, STORE_LOAD_ALL | STORE_LOAD_ONE_CONNECTION, &before);
    /* The writer holds the write lock and has changed a row it has not
     * committed: the load must neither wait nor see the change, and both its
     * connections still read (they take no lock). */
    assert_int_equal(store_begin(writer, &err), 0);
    const char *visit[] = {before.children[0].id, "2026-03-30", "yes"};
    assert_int_equal(store_put_903_row(writer, TREC_VISITS, visit, 2026, &err), 0);
    load(reader, STORE_LOAD_ALL, &during);
    assert_int_equal(store_load_connections(reader), 2);
    assert_same_dataset(&before, &during);
    assert_true(during.commit == before.commit);
    store_rollback(writer);
    dataset_free(&during);
    dataset_free(&before);
    store_close(writer);
    store_close(reader);
}

/* While a reader holds a snapshot (a long load, a server's Dataset), an
 * import commits at once; the reader's loads keep seeing the commit they
 * started at, and the next snapshot sees the import with the next commit. */
static void test_an_import_commits_while_a_load_is_in_progress(void **state)
{
    (void)state;
    Store *reader, *writer;
    Err err;
    assert_int_equal(store_open_read(db_path, &reader, &err), 0);
    assert_int_equal(store_open(db_path, &writer, &err), 0);
    Dataset before, during, after;
    assert_int_equal(store_read_begin(reader, &err), 0);
    load(reader, STORE_LOAD_RECORDS, &before);
    long long commit = store_current_commit(writer, &err);
    assert_true(before.commit == commit);
    /* The write lock is free although the reader is mid-snapshot: no wait. */
    assert_int_equal(store_begin(writer, &err), 0);
    const char *visit[] = {before.children[0].id, "2026-03-29", "no"};
    assert_int_equal(store_put_903_row(writer, TREC_VISITS, visit, 2026, &err), 0);
    assert_int_equal(store_commit(writer, &err), 0);
    assert_true(store_current_commit(writer, &err) == commit + 1);
    /* Still inside its snapshot, the reader sees the history as it was. */
    load(reader, STORE_LOAD_RECORDS, &during);
    assert_same_dataset(&before, &during);
    assert_true(during.commit == commit);
    store_read_end(reader);
    /* A new load sees the import. */
    load(reader, STORE_LOAD_RECORDS, &after);
    assert_int_equal(store_load_connections(reader), 2);
    assert_int_equal(after.n_records, before.n_records + 1);
    assert_true(after.commit == commit + 1);
    dataset_free(&after);
    dataset_free(&during);
    dataset_free(&before);
    store_close(writer);
    store_close(reader);
}

/* A table that cannot be read fails the load with the query's error, on
 * whichever connection read it. */
static void test_a_failing_table_fails_the_load(void **state)
{
    (void)state;
    Store *s;
    Err err;
    assert_int_equal(store_open(db_path, &s, &err), 0);
    /* After the store is open: it prepares its writes to sdq when it opens. */
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(db_path, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, "ALTER TABLE sdq RENAME TO sdq_away", NULL, NULL, NULL),
                     SQLITE_OK);
    Dataset ds = {0};
    assert_int_equal(store_load_dataset(s, &ds, &err), ERR_DB);
    assert_non_null(strstr(err.msg, "loading records: no such table: sdq"));
    dataset_free(&ds);
    store_close(s);
    assert_int_equal(sqlite3_exec(raw, "ALTER TABLE sdq_away RENAME TO sdq", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(raw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_connections_load_what_one_does),
        cmocka_unit_test(test_a_writer_at_work_does_not_stop_the_load),
        cmocka_unit_test(test_an_import_commits_while_a_load_is_in_progress),
        cmocka_unit_test(test_a_failing_table_fails_the_load),
    };
    return cmocka_run_group_tests(tests, make_history, remove_history);
}
