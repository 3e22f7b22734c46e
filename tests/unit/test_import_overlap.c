/* Unit tests for the import that checks and writes at once (service/import.c,
 * check_and_write_at_once): the path every PostgreSQL import takes, run here
 * on SQLite files (ImportOptions.write_while_checking) so that it runs under
 * ThreadSanitizer in scripts/test.sh without a server. On a synthetic history
 * with a duplicate row (a warning) and a code not in its list (a mark), it
 * stores what the one-thread import stores, with the same report, warnings
 * and marks; with a fault in the last table written (after the writer has
 * had the others), it fails with the one-thread import's problems, in the
 * same order, and leaves the database as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_same_dataset.h"

#include "service/import.h"
#include "store/store.h"
#include "synth/synth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/carepledge-import-overlap-XXXXXX";
static char data_path[256];

static void append_line(const char *file, const char *line)
{
    char path[512];
    snprintf(path, sizeof path, "%s/2025-26/%s", data_path, file);
    FILE *f = fopen(path, "a");
    assert_non_null(f);
    fputs(line, f);
    fclose(f);
}

/* The first data line of a file of the last year (its second line). */
static void first_row(const char *file, char *out, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/2025-26/%s", data_path, file);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(out, (int)size, f));
    assert_non_null(fgets(out, (int)size, f));
    fclose(f);
}

static int make_history(void **state)
{
    (void)state;
    if (!mkdtemp(dir)) return -1;
    snprintf(data_path, sizeof data_path, "%s/903", dir);
    SynthOptions opt = {
        .out_dir = data_path, .n_children = 300, .seed = 11, .from_year = 2022, .to_year = 2026};
    SynthSummary summary;
    Err err;
    if (synth_run(&opt, &summary, &err) != 0) return -1;
    /* A row given twice (a warning), and a place code of no year (a mark
     * with --keep-invalid, else a problem), in the episodes. */
    char line[512];
    first_row("episodes.csv", line, sizeof line);
    append_line("episodes.csv", line);
    first_row("header.csv", line, sizeof line);
    char child[32];
    snprintf(child, sizeof child, "%.*s", (int)strcspn(line, ","), line);
    snprintf(line, sizeof line, "%s,01/02/2026,S,V4,N2,ZZ9,PR1,,,,,,\n", child);
    append_line("episodes.csv", line);
    return 0;
}

static int remove_history(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* One import of the history into a new database file NAME. */
static int import_into(const char *name, bool at_once, bool keep_invalid, ImportReport *report,
                       ErrList *errs)
{
    char db[300];
    snprintf(db, sizeof db, "%s/%s", dir, name);
    Store *s;
    Err err;
    assert_int_equal(store_open(db, &s, &err), 0);
    char *paths[] = {data_path};
    ImportOptions io = {.keep_invalid = keep_invalid, .write_while_checking = at_once};
    *errs = (ErrList){0};
    int rc = import_paths(s, paths, 1, &io, report, errs);
    store_close(s);
    return rc;
}

static void load(const char *name, Dataset *ds)
{
    char db[300];
    snprintf(db, sizeof db, "%s/%s", dir, name);
    Store *s;
    Err err;
    assert_int_equal(store_open_read(db, &s, &err), 0);
    *ds = (Dataset){0};
    assert_int_equal(store_load_dataset_parts(s, ds, STORE_LOAD_ALL, &err), 0);
    store_close(s);
}

static void assert_same_problems(const ErrList *a, const ErrList *b)
{
    assert_int_equal(a->n_total, b->n_total);
    assert_int_equal(a->n_items, b->n_items);
    for (int i = 0; i < a->n_items; i++) {
        assert_string_equal(a->items[i].file, b->items[i].file);
        assert_int_equal(a->items[i].line, b->items[i].line);
        assert_int_equal(a->items[i].column, b->items[i].column);
        assert_string_equal(a->items[i].field, b->items[i].field);
        assert_string_equal(a->items[i].msg, b->items[i].msg);
    }
}

static void test_checking_while_writing_stores_what_one_thread_does(void **state)
{
    (void)state;
    ImportReport one, two;
    ErrList errs_one, errs_two;
    assert_int_equal(import_into("one.db", false, true, &one, &errs_one), 0);
    assert_int_equal(import_into("two.db", true, true, &two, &errs_two), 0);
    assert_int_equal(errs_two.n_total, 0);
    assert_int_equal(two.rows, one.rows);
    assert_int_equal(two.files, one.files);
    assert_memory_equal(two.rows_by_table, one.rows_by_table, sizeof one.rows_by_table);
    assert_int_equal(two.first_year, one.first_year);
    assert_int_equal(two.last_year, one.last_year);
    /* The duplicate's warning, and the mark, both ways. */
    assert_int_equal(one.warnings.n_total, 1);
    assert_non_null(strstr(one.warnings.items[0].msg, "the same Episodes record"));
    assert_same_problems(&one.warnings, &two.warnings);
    assert_int_equal(one.n_marks, 1);
    assert_int_equal(two.n_marks, 1);
    assert_string_equal(two.marks[0].mark.value, one.marks[0].mark.value);
    assert_string_equal(two.marks[0].mark.value, "ZZ9");
    assert_string_equal(two.marks[0].mark.row_key, one.marks[0].mark.row_key);
    assert_int_equal(two.marks[0].line, one.marks[0].line);
    Dataset a, b;
    load("one.db", &a);
    load("two.db", &b);
    assert_true(a.n_children >= 300 && a.n_records > 0);
    assert_same_dataset(&a, &b);
    dataset_free(&a);
    dataset_free(&b);
    import_report_free(&one);
    import_report_free(&two);
    errlist_free(&one.warnings);
    errlist_free(&two.warnings);
    errlist_free(&errs_one);
    errlist_free(&errs_two);
}

static long rows_in(const char *name, Ssda903TableId t)
{
    char db[300];
    snprintf(db, sizeof db, "%s/%s", dir, name);
    Store *s;
    Err err;
    assert_int_equal(store_open(db, &s, &err), 0);
    long n = store_count_rows(s, t);
    store_close(s);
    return n;
}

static void test_a_fault_in_the_last_table_leaves_nothing(void **state)
{
    (void)state;
    /* The visit regimes are the last table written; the code of no year is
     * now a problem too, in the episodes, early. */
    append_line("visit_regimes.csv", "C000001,31/02/2026,reg24_temporary_approval\n");
    ImportReport one, two;
    ErrList errs_one, errs_two;
    assert_int_equal(import_into("bad-one.db", false, false, &one, &errs_one), ERR_INPUT);
    assert_int_equal(import_into("bad-two.db", true, false, &two, &errs_two), ERR_INPUT);
    assert_int_equal(errs_one.n_total, 2);
    assert_non_null(strstr(errs_one.items[0].msg, "'ZZ9' is not a valid PLACE code"));
    assert_non_null(strstr(errs_one.items[1].msg, "'31/02/2026' is not a valid date"));
    assert_same_problems(&errs_one, &errs_two);
    assert_int_equal(two.keepable, one.keepable);
    assert_int_equal(two.warnings.n_total, 0);
    /* Only the late fault, with --keep-invalid: the writer has the earlier
     * tables before it is found, and nothing of them is left. */
    import_report_free(&two);
    errlist_free(&errs_two);
    assert_int_equal(import_into("bad-three.db", true, true, &two, &errs_two), ERR_INPUT);
    assert_int_equal(errs_two.n_total, 1);
    assert_non_null(strstr(errs_two.items[0].msg, "'31/02/2026' is not a valid date"));
    assert_int_equal(two.n_marks, 0);
    for (int t = 0; t < TABLE_COUNT; t++) assert_int_equal(rows_in("bad-three.db", t), 0);
    import_report_free(&one);
    import_report_free(&two);
    errlist_free(&errs_one);
    errlist_free(&errs_two);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checking_while_writing_stores_what_one_thread_does),
        cmocka_unit_test(test_a_fault_in_the_last_table_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, make_history, remove_history);
}
