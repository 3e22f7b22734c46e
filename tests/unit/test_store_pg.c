/* Unit tests of the store on PostgreSQL (store/pg.c, store_stage.c), run by
 * scripts/pg-test.sh (CAREPLEDGE_TEST_PG, a connection string to a server's
 * postgres database; without it the test is skipped, exit 77). On one
 * synthetic history imported into both engines: the Dataset loaded from
 * PostgreSQL equals the one loaded from SQLite, on one connection and on two;
 * a load on PostgreSQL neither waits for nor sees a writer's uncommitted rows;
 * a reader's snapshot holds while an import commits; rows staged by COPY are
 * seen by reads inside the same transaction and vanish with a rollback; a
 * statement on a missing table fails with PostgreSQL's message; rows read
 * through COPY come back as they were, escapes and NULLs included; and a
 * batch of audit rows, one INSERT of arrays, keeps every value and the chain's
 * order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_same_dataset.h"

#include "service/import.h"
#include "store/auth.h"
#include "store/db.h"
#include "store/store.h"
#include "synth/synth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/carepledge-store-pg-XXXXXX";
static char sqlite_path[256], data_path[256], pg_url[1024], db_name[64];

/* A database of the test's own, named prefix_PID, beside the server's
 * postgres one: its name into name, its URL into url. */
static int make_database(const char *admin_url, const char *prefix, char *name, size_t name_size,
                         char *url, size_t url_size)
{
    const char *at = strstr(admin_url, "/postgres");
    if (!at) return -1;
    snprintf(name, name_size, "%s_%d", prefix, (int)getpid());
    snprintf(url, url_size, "%.*s/%s%s", (int)(at - admin_url), admin_url, name,
             at + strlen("/postgres"));
    DbConn *c;
    Err err;
    if (db_open(admin_url, DB_OPEN_CREATE, &c, &err) < 0) return -1;
    char sql[128];
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    int rc = db_exec(c, sql, &err);
    db_close(c);
    return rc;
}

static int make_pg_database(const char *admin_url)
{
    return make_database(admin_url, "store_pg", db_name, sizeof db_name, pg_url, sizeof pg_url);
}

static int import_into(const char *path)
{
    Store *s;
    Err err;
    if (store_open(path, &s, &err) != 0) return -1;
    char *paths[] = {data_path};
    ImportOptions io = {0};
    ImportReport report;
    ErrList errs = {0};
    int rc = import_paths(s, paths, 1, &io, &report, &errs);
    errlist_free(&errs);
    store_close(s);
    return rc;
}

static int make_history(void **state)
{
    (void)state;
    const char *admin = getenv("CAREPLEDGE_TEST_PG");
    if (!admin || !*admin) {
        printf("skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)\n");
        exit(77);
    }
    if (!mkdtemp(dir) || make_pg_database(admin) < 0) return -1;
    snprintf(sqlite_path, sizeof sqlite_path, "%s/history.db", dir);
    snprintf(data_path, sizeof data_path, "%s/903", dir);
    SynthOptions opt = {
        .out_dir = data_path, .n_children = 600, .seed = 7, .from_year = 2021, .to_year = 2026};
    SynthSummary summary;
    Err err;
    if (synth_run(&opt, &summary, &err) != 0) return -1;
    /* Twice into PostgreSQL: the second import merges every row onto a stored
     * one (the ON CONFLICT path of the set-based merge). */
    if (import_into(sqlite_path) != 0 || import_into(pg_url) != 0 || import_into(pg_url) != 0)
        return -1;
    return 0;
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

static void test_postgresql_loads_what_sqlite_does(void **state)
{
    (void)state;
    Store *lite, *pg;
    Err err;
    assert_int_equal(store_open_read(sqlite_path, &lite, &err), 0);
    assert_int_equal(store_open_read(pg_url, &pg, &err), 0);
    Dataset a, one, two;
    load(lite, STORE_LOAD_ALL | STORE_LOAD_ONE_CONNECTION, &a);
    load(pg, STORE_LOAD_ALL | STORE_LOAD_ONE_CONNECTION, &one);
    load(pg, STORE_LOAD_ALL, &two);
    assert_int_equal(store_load_connections(pg), 2);
    assert_true(a.n_records > 1000 && a.n_episodes > 100);
    assert_same_dataset(&a, &one);
    assert_same_dataset(&a, &two);
    for (int t = 0; t < TABLE_COUNT; t++)
        assert_int_equal(store_count_rows(lite, (Ssda903TableId)t),
                         store_count_rows(pg, (Ssda903TableId)t));
    dataset_free(&a);
    dataset_free(&one);
    dataset_free(&two);
    store_close(pg);
    store_close(lite);
}

static void test_a_writer_at_work_does_not_stop_the_load(void **state)
{
    (void)state;
    Store *reader, *writer;
    Err err;
    assert_int_equal(store_open_read(pg_url, &reader, &err), 0);
    assert_int_equal(store_open(pg_url, &writer, &err), 0);
    Dataset before, during;
    load(reader, STORE_LOAD_ALL | STORE_LOAD_ONE_CONNECTION, &before);
    /* The writer holds the write lock with a row staged (its COPY open). */
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

static void test_a_snapshot_holds_while_an_import_commits(void **state)
{
    (void)state;
    Store *reader, *writer;
    Err err;
    assert_int_equal(store_open_read(pg_url, &reader, &err), 0);
    assert_int_equal(store_open(pg_url, &writer, &err), 0);
    Dataset before, during, after;
    assert_int_equal(store_read_begin(reader, &err), 0);
    load(reader, STORE_LOAD_RECORDS, &before);
    long long commit = store_current_commit(writer, &err);
    assert_true(before.commit == commit);
    assert_int_equal(store_begin(writer, &err), 0);
    const char *visit[] = {before.children[0].id, "2026-03-29", "no"};
    assert_int_equal(store_put_903_row(writer, TREC_VISITS, visit, 2026, &err), 0);
    assert_int_equal(store_commit(writer, &err), 0);
    assert_true(store_current_commit(writer, &err) == commit + 1);
    load(reader, STORE_LOAD_RECORDS, &during);
    assert_same_dataset(&before, &during);
    store_read_end(reader);
    load(reader, STORE_LOAD_RECORDS, &after);
    assert_int_equal(after.n_records, before.n_records + 1);
    assert_true(after.commit == commit + 1);
    dataset_free(&after);
    dataset_free(&during);
    dataset_free(&before);
    store_close(writer);
    store_close(reader);
}

/* Staged rows are merged before anything reads inside the transaction, and a
 * rollback takes them away with the staging tables. */
static void test_staged_rows_are_read_inside_and_gone_after_rollback(void **state)
{
    (void)state;
    Store *s;
    Err err;
    assert_int_equal(store_open(pg_url, &s, &err), 0);
    long headers = store_count_rows(s, T903_HEADER);
    assert_int_equal(store_begin(s, &err), 0);
    const char *header[] = {"ZZ-STAGED", "1", "2015-05-05", "WBRI", NULL, NULL, NULL};
    assert_int_equal(store_put_903_row(s, T903_HEADER, header, 2026, &err), 0);
    assert_true(store_child_known(s, "ZZ-STAGED"));
    const char *later[] = {"ZZ-STAGED", "2", "2015-05-05", "WBRI", NULL, NULL, NULL};
    assert_int_equal(store_put_903_row(s, T903_HEADER, later, 2026, &err), 0);
    assert_int_equal(store_count_rows(s, T903_HEADER), headers + 1);
    store_rollback(s);
    assert_false(store_child_known(s, "ZZ-STAGED"));
    assert_int_equal(store_count_rows(s, T903_HEADER), headers);
    store_close(s);
}

static void test_a_missing_table_fails_with_its_message(void **state)
{
    (void)state;
    DbConn *c;
    Err err;
    assert_int_equal(db_open(pg_url, DB_OPEN_READ_ONLY, &c, &err), 0);
    assert_string_equal(db_dialect(c), "postgresql");
    assert_true(db_has_table(c, "episodes"));
    assert_false(db_has_table(c, "no_such_table"));
    DbStmt *st;
    assert_int_equal(db_prepare(c, "SELECT * FROM no_such_table WHERE x = ?1", false, &st), ERR_DB);
    assert_non_null(strstr(db_errmsg(c), "does not exist"));
    db_close(c);
}

/* db_step_row reads a SELECT through COPY's text format (store/pg.c): the
 * values bound go into the text as literals, and what COPY escapes (tab,
 * newline, backslash) or writes as \N comes back as it was. Two such reads
 * on one connection at once: the second starting buffers the first's rest. */
static void test_rows_read_through_copy_come_back_as_stored(void **state)
{
    (void)state;
    DbConn *c;
    Err err;
    assert_int_equal(db_open(pg_url, DB_OPEN_READ_ONLY, &c, &err), 0);
    const char *sql =
        "SELECT ?1 || E'\\t' || g, ?2 + g, CAST(?3 AS TEXT), E'a\\\\b\\nc', g > 1, '' "
        "FROM generate_series(1, 3) AS g ORDER BY g";
    DbStmt *a, *b;
    assert_int_equal(db_prepare(c, sql, false, &a), 0);
    assert_int_equal(db_prepare(c, sql, false, &b), 0);
    db_bind_text(a, 1, "it's ?2");
    db_bind_int(a, 2, -5);
    db_bind_text(a, 3, NULL);
    db_bind_text(b, 1, "b");
    db_bind_int(b, 2, 10);
    db_bind_text(b, 3, "\\N");
    static const DbType types[] = {DB_TEXT, DB_INT, DB_TEXT, DB_TEXT, DB_INT, DB_TEXT};
    DbValue v[6];
    assert_int_equal(db_step_row(a, types, 6, v), DB_ROW);
    assert_string_equal(v[0].text, "it's ?2\t1");
    assert_int_equal(v[1].num, -4);
    assert_string_equal(v[2].text, ""); /* NULL */
    assert_string_equal(v[3].text, "a\\b\nc");
    assert_int_equal(v[4].num, 0);
    assert_string_equal(v[5].text, "");
    for (int row = 1; row <= 3; row++) { /* b starts while a streams */
        assert_int_equal(db_step_row(b, types, 6, v), DB_ROW);
        assert_int_equal(v[1].num, 10 + row);
        assert_string_equal(v[2].text, "\\N"); /* a value, not NULL */
    }
    assert_int_equal(db_step_row(b, types, 6, v), DB_DONE);
    for (int row = 2; row <= 3; row++) {
        assert_int_equal(db_step_row(a, types, 6, v), DB_ROW);
        assert_int_equal(v[1].num, -5 + row);
        assert_int_equal(v[4].num, 1);
    }
    assert_int_equal(db_step_row(a, types, 6, v), DB_DONE);
    /* Reset in the middle of its rows, a statement runs again from the start. */
    db_reset(b);
    db_bind_text(b, 1, "again");
    db_bind_int(b, 2, 0);
    db_bind_text(b, 3, NULL);
    assert_int_equal(db_step_row(b, types, 6, v), DB_ROW);
    db_reset(b);
    db_bind_text(b, 1, "once more");
    db_bind_int(b, 2, 0);
    assert_int_equal(db_step_row(b, types, 6, v), DB_ROW);
    assert_string_equal(v[0].text, "once more\t1");
    db_finalize(a);
    db_finalize(b);
    /* An escape ending a value, a NULL ending the line, an escaped tab
     * starting one, an empty value between two others. */
    assert_int_equal(db_prepare(c, "SELECT E'x\\\\', E'\\ty', '', 'z', NULL", false, &a), 0);
    static const DbType five[] = {DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT};
    assert_int_equal(db_step_row(a, five, 5, v), DB_ROW);
    assert_string_equal(v[0].text, "x\\");
    assert_string_equal(v[1].text, "\ty");
    assert_string_equal(v[2].text, "");
    assert_string_equal(v[3].text, "z");
    assert_string_equal(v[4].text, "");
    assert_int_equal(db_step_row(a, five, 5, v), DB_DONE);
    db_finalize(a);
    /* A statement failing after its first row fails there, with the server's message. */
    assert_int_equal(db_prepare(c, "SELECT 1 / (g - 2) FROM generate_series(1, 3) AS g", false, &a),
                     0);
    static const DbType one[] = {DB_INT};
    int rc;
    while ((rc = db_step_row(a, one, 1, v)) == DB_ROW) {
    }
    assert_int_equal(rc, ERR_DB);
    assert_non_null(strstr(db_errmsg(c), "division by zero"));
    db_finalize(a);
    db_close(c);
}

/* The PostgreSQL schema has no foreign key to header: the stage refuses a
 * row whose child has no Header row, staged or stored, when it merges; a
 * stored child it looks up (here one whose identifier needs quoting in the
 * lookup's array) is found. Last: it commits a child of its own. */
static void test_a_staged_row_needs_its_childs_header(void **state)
{
    (void)state;
    Store *s;
    Err err;
    assert_int_equal(store_open(pg_url, &s, &err), 0);
    assert_int_equal(store_begin(s, &err), 0);
    const char *header[] = {"ZZ\"Q\\U", "1", "2015-05-05", "WBRI", NULL, NULL, NULL};
    assert_int_equal(store_put_903_row(s, T903_HEADER, header, 2026, &err), 0);
    assert_int_equal(store_commit(s, &err), 0);

    assert_int_equal(store_begin(s, &err), 0);
    const char *stored[] = {header[0], "2026-03-28", "yes"};
    assert_int_equal(store_put_903_row(s, TREC_VISITS, stored, 2026, &err), 0);
    const char *nobody[] = {"ZZ-NOBODY", "2026-03-28", "yes"};
    assert_int_equal(store_put_903_row(s, TREC_VISITS, nobody, 2026, &err), 0);
    assert_int_equal(store_commit(s, &err), ERR_DB);
    assert_non_null(strstr(err.msg, "visits rows: child ZZ-NOBODY has no Header row"));
    store_rollback(s);

    assert_int_equal(store_begin(s, &err), 0);
    assert_int_equal(store_put_903_row(s, TREC_VISITS, stored, 2026, &err), 0);
    assert_int_equal(store_commit(s, &err), 0);
    store_close(s);
}

/* The header rows of the store at path, "child sex source_year;" each. */
static void header_rows(const char *path, char *out, size_t size)
{
    DbConn *c;
    Err err;
    assert_int_equal(db_open(path, DB_OPEN_READ_ONLY, &c, &err), 0);
    DbStmt *st;
    assert_int_equal(
        db_prepare(c, "SELECT child, sex, source_year FROM header ORDER BY child", false, &st), 0);
    size_t n = 0;
    out[0] = '\0';
    while (db_step(st) == DB_ROW)
        n += (size_t)snprintf(out + n, size - n, "%s %s %lld;", db_column_text(st, 0),
                              db_column_text(st, 1), db_column_int(st, 2));
    db_finalize(st);
    db_close(c);
}

/* Puts one child's Header row three times (years 2025, 2024, 2026) between
 * two other children's, in one transaction. */
static void put_repeated_key(const char *path)
{
    Store *s;
    Err err;
    assert_int_equal(store_open(path, &s, &err), 0);
    assert_int_equal(store_begin(s, &err), 0);
    const char *a[] = {"A1", "1", "2015-05-05", "WBRI", NULL, NULL, NULL};
    const char *a_older[] = {"A1", "2", "2015-05-05", "WBRI", NULL, NULL, NULL};
    const char *b[] = {"B2", "1", "2016-06-06", "WBRI", NULL, NULL, NULL};
    const char *a_newer[] = {"A1", "9", "2015-05-05", "WBRI", NULL, NULL, NULL};
    const char *c[] = {"C3", "2", "2017-07-07", "WBRI", NULL, NULL, NULL};
    assert_int_equal(store_put_903_row(s, T903_HEADER, a, 2025, &err), 0);
    assert_int_equal(store_put_903_row(s, T903_HEADER, b, 2025, &err), 0);
    assert_int_equal(store_put_903_row(s, T903_HEADER, a_older, 2024, &err), 0);
    assert_int_equal(store_put_903_row(s, T903_HEADER, a_newer, 2026, &err), 0);
    assert_int_equal(store_put_903_row(s, T903_HEADER, c, 2026, &err), 0);
    assert_int_equal(store_commit(s, &err), 0);
    store_close(s);
}

/* Into an empty database the rows go by COPY straight into the tables
 * (store_stage.c); a key given again sends the rest of the table's rows
 * to the staging table, whose merge keeps the upsert's rule: the result is
 * SQLite's, row by row. */
static void test_an_empty_table_takes_a_key_given_twice_as_sqlite_does(void **state)
{
    (void)state;
    char name[64], url[1024], lite[300], on_pg[256], on_sqlite[256];
    assert_int_equal(make_database(getenv("CAREPLEDGE_TEST_PG"), "store_pg_empty", name,
                                   sizeof name, url, sizeof url),
                     0);
    snprintf(lite, sizeof lite, "%s/repeated.db", dir);
    put_repeated_key(url);
    put_repeated_key(lite);
    header_rows(url, on_pg, sizeof on_pg);
    header_rows(lite, on_sqlite, sizeof on_sqlite);
    assert_string_equal(on_pg, "A1 9 2026;B2 1 2025;C3 2 2026;");
    assert_string_equal(on_pg, on_sqlite);
}

static void seal_by_seq(StoreAuditRow *row)
{
    snprintf(row->hash, sizeof row->hash, "hash of %lld", row->seq);
}

typedef struct AuditRead {
    StoreAuditRow rows[8];
    int n;
} AuditRead;

static int keep_audit_row(const StoreAuditRow *row, void *arg)
{
    AuditRead *r = arg;
    if (r->n < 8) r->rows[r->n] = *row;
    r->n++;
    return 0;
}

/* On PostgreSQL a batch of audit rows is one INSERT whose columns are array
 * literals: values an array literal must quote or escape ('"', '\\', braces,
 * commas, the word NULL) come back as they went, a row about no child has a
 * NULL child, and each row follows the one before it in the chain. */
static void test_an_audit_batch_keeps_every_value(void **state)
{
    (void)state;
    Store *s;
    Err err;
    assert_int_equal(store_open(pg_url, &s, &err), 0);
    StoreAuditRow rows[3] = {0};
    const char *users[] = {"a\"b", "back\\slash", "NULL"};
    const char *actions[] = {"view child", "{braces}, and, commas", "\"\\\""};
    const char *children[] = {"C\"1", "", "C,3"};
    for (int i = 0; i < 3; i++) {
        snprintf(rows[i].at, sizeof rows[i].at, "2026-12-07T21:0%d:00Z", i);
        snprintf(rows[i].user, sizeof rows[i].user, "%s", users[i]);
        snprintf(rows[i].action, sizeof rows[i].action, "%s", actions[i]);
        snprintf(rows[i].child, sizeof rows[i].child, "%s", children[i]);
        snprintf(rows[i].origin, sizeof rows[i].origin, "127.0.0.%d", i + 1);
    }
    assert_int_equal(store_audit_chain(s, rows, 3, "genesis", seal_by_seq, &err), 0);
    AuditRead read = {0};
    assert_int_equal(store_audit_each(s, NULL, NULL, keep_audit_row, &read, &err), 0);
    assert_int_equal(read.n, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(read.rows[i].seq, i + 1);
        assert_string_equal(read.rows[i].user, users[i]);
        assert_string_equal(read.rows[i].action, actions[i]);
        assert_string_equal(read.rows[i].child, children[i]);
        assert_string_equal(read.rows[i].prev_hash, i ? read.rows[i - 1].hash : "genesis");
        assert_string_equal(read.rows[i].hash, rows[i].hash);
    }
    DbConn *c;
    assert_int_equal(db_open(pg_url, DB_OPEN_READ_ONLY, &c, &err), 0);
    DbStmt *st;
    assert_int_equal(db_prepare(c, "SELECT count(*) FROM audit WHERE child IS NULL", false, &st),
                     0);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_column_int(st, 0), 1);
    db_finalize(st);
    db_close(c);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_postgresql_loads_what_sqlite_does),
        cmocka_unit_test(test_a_writer_at_work_does_not_stop_the_load),
        cmocka_unit_test(test_a_snapshot_holds_while_an_import_commits),
        cmocka_unit_test(test_staged_rows_are_read_inside_and_gone_after_rollback),
        cmocka_unit_test(test_a_missing_table_fails_with_its_message),
        cmocka_unit_test(test_rows_read_through_copy_come_back_as_stored),
        cmocka_unit_test(test_a_staged_row_needs_its_childs_header),
        cmocka_unit_test(test_an_empty_table_takes_a_key_given_twice_as_sqlite_does),
        cmocka_unit_test(test_an_audit_batch_keeps_every_value),
    };
    return cmocka_run_group_tests(tests, make_history, remove_history);
}
