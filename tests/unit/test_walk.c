/* Unit tests of the folder walker: the files it finds and in what order, and
 * symbolic links that loop or lead nowhere, which end at once and are named. */
#include "base/walk.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

/* A fresh temporary folder for each test, removed afterwards. */
static int make_root(void **state)
{
    char *root = strdup("/tmp/carepledge-walk-XXXXXX");
    if (!mkdtemp(root)) return -1;
    *state = root;
    return 0;
}

static int remove_root(void **state)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", (char *)*state);
    int rc = system(cmd);
    free(*state);
    return rc == 0 ? 0 : -1;
}

static void touch(const char *root, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("CHILD\n", f);
    fclose(f);
}

static void folder(const char *root, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, name);
    assert_int_equal(mkdir(path, 0777), 0);
}

static void link_to(const char *root, const char *target, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, name);
    assert_int_equal(symlink(target, path), 0);
}

/* The path of found file i, without the root. */
static const char *found(const char *root, const WalkFiles *files, int i)
{
    assert_true(i < files->n_paths);
    return files->paths[i] + strlen(root) + 1;
}

static void test_recursive_in_name_order(void **state)
{
    const char *root = *state;
    folder(root, "2010-11");
    folder(root, "2009-10");
    touch(root, "2010-11/header.csv");
    touch(root, "2009-10/Episodes.CSV");
    touch(root, "2009-10/notes.txt");
    touch(root, "2009-10/.hidden.csv");
    touch(root, "b.csv");
    char *paths[] = {(char *)root};
    WalkFiles files = {0};
    ErrList errs = {0};
    assert_int_equal(walk_csv_files(paths, 1, true, &files, &errs), 0);
    assert_int_equal(files.n_paths, 3);
    assert_string_equal(found(root, &files, 0), "2009-10/Episodes.CSV");
    assert_string_equal(found(root, &files, 1), "2010-11/header.csv");
    assert_string_equal(found(root, &files, 2), "b.csv");
    walk_files_free(&files);

    /* One level only: the folders' files are not taken. */
    assert_int_equal(walk_csv_files(paths, 1, false, &files, &errs), 0);
    assert_int_equal(files.n_paths, 1);
    assert_string_equal(found(root, &files, 0), "b.csv");
    walk_files_free(&files);
    assert_int_equal(errs.n_total, 0);
}

static void test_three_links_to_the_folder_end_at_once(void **state)
{
    const char *root = *state;
    touch(root, "a.csv");
    link_to(root, ".", "s1");
    link_to(root, ".", "s2");
    link_to(root, ".", "s3");
    char *paths[] = {(char *)root};
    WalkFiles files = {0};
    ErrList errs = {0};
    /* Followed blindly, each link would be read 3^16 times over. */
    assert_int_equal(walk_csv_files(paths, 1, true, &files, &errs), ERR_INPUT);
    assert_int_equal(files.n_paths, 1);
    assert_int_equal(errs.n_total, 3);
    for (int i = 0; i < 3; i++) {
        char name[8];
        snprintf(name, sizeof name, "s%d", i + 1);
        assert_string_equal(errs.items[i].file + strlen(root) + 1, name);
        assert_non_null(strstr(errs.items[i].msg, "already read"));
    }
    walk_files_free(&files);
    errlist_free(&errs);
}

static void test_link_back_up_the_tree(void **state)
{
    const char *root = *state;
    folder(root, "a");
    folder(root, "a/b");
    link_to(root, "../..", "a/b/up");
    touch(root, "a/b/c.csv");
    char *paths[] = {(char *)root};
    WalkFiles files = {0};
    ErrList errs = {0};
    assert_int_equal(walk_csv_files(paths, 1, true, &files, &errs), ERR_INPUT);
    assert_int_equal(files.n_paths, 1);
    assert_int_equal(errs.n_total, 1);
    assert_string_equal(errs.items[0].file + strlen(root) + 1, "a/b/up");
    walk_files_free(&files);
    errlist_free(&errs);
}

static void test_dangling_and_looping_csv_links_are_named(void **state)
{
    const char *root = *state;
    touch(root, "a.csv");
    link_to(root, "gone.csv", "b.csv");
    link_to(root, "d.csv", "c.csv");
    link_to(root, "c.csv", "d.csv");
    link_to(root, "gone.txt", "e.txt"); /* not a CSV name: not the walk's business */
    for (int recurse = 0; recurse < 2; recurse++) {
        char *paths[] = {(char *)root};
        WalkFiles files = {0};
        ErrList errs = {0};
        assert_int_equal(walk_csv_files(paths, 1, recurse, &files, &errs), ERR_INPUT);
        assert_int_equal(files.n_paths, 1);
        assert_int_equal(errs.n_total, 3);
        assert_string_equal(errs.items[0].file + strlen(root) + 1, "b.csv");
        assert_non_null(strstr(errs.items[0].msg, "not there"));
        assert_string_equal(errs.items[1].file + strlen(root) + 1, "c.csv");
        assert_non_null(strstr(errs.items[1].msg, "circle"));
        assert_string_equal(errs.items[2].file + strlen(root) + 1, "d.csv");
        walk_files_free(&files);
        errlist_free(&errs);
    }
}

static void test_named_paths(void **state)
{
    const char *root = *state;
    touch(root, "list.txt");
    char file[512], missing[512];
    snprintf(file, sizeof file, "%s/list.txt", root);
    snprintf(missing, sizeof missing, "%s/missing", root);
    char *paths[] = {file, missing, (char *)"/dev/null"};
    WalkFiles files = {0};
    ErrList errs = {0};
    /* A file named is taken whatever its name; what is not there, or is a
     * device, is a problem. */
    assert_int_equal(walk_csv_files(paths, 3, true, &files, &errs), ERR_INPUT);
    assert_int_equal(files.n_paths, 1);
    assert_string_equal(files.paths[0], file);
    assert_int_equal(errs.n_total, 2);
    assert_string_equal(errs.items[0].file, missing);
    assert_non_null(strstr(errs.items[0].msg, "cannot read"));
    assert_string_equal(errs.items[1].file, "/dev/null");
    walk_files_free(&files);
    errlist_free(&errs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_recursive_in_name_order, make_root, remove_root),
        cmocka_unit_test_setup_teardown(test_three_links_to_the_folder_end_at_once, make_root,
                                        remove_root),
        cmocka_unit_test_setup_teardown(test_link_back_up_the_tree, make_root, remove_root),
        cmocka_unit_test_setup_teardown(test_dangling_and_looping_csv_links_are_named, make_root,
                                        remove_root),
        cmocka_unit_test_setup_teardown(test_named_paths, make_root, remove_root),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
