/* Unit tests for base/dynlib: a library opened by SONAME fills its typed
 * table; a missing library or function is ERR_UNAVAILABLE naming it and what
 * needed it; threads opening one library at once share one outcome. The
 * library used is the C maths library, which every build has. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/dynlib.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#define MATHS_FUNCTIONS(F) F(cbrt) F(hypot)
static struct {
    MATHS_FUNCTIONS(DYNLIB_POINTER)
} maths;
static const char *const maths_names[] = {MATHS_FUNCTIONS(DYNLIB_NAME) NULL};

static void test_opens_and_fills_the_table(void **state)
{
    (void)state;
    static DynLib lib = DYNLIB_INIT("libm.so.6", "the maths test", maths_names, &maths);
    Err err = {0};
    assert_int_equal(dynlib_open(&lib, &err), 0);
    assert_non_null(maths.cbrt);
    assert_true(maths.cbrt(27.0) > 2.999 && maths.cbrt(27.0) < 3.001);
    assert_true(maths.hypot(3.0, 4.0) > 4.999 && maths.hypot(3.0, 4.0) < 5.001);
    /* A second call does not open it again and still succeeds. */
    assert_int_equal(dynlib_open(&lib, &err), 0);
}

static void test_a_missing_library_is_unavailable(void **state)
{
    (void)state;
    static struct {
        void *f;
    } slots;
    static const char *const names[] = {"anything", NULL};
    static DynLib lib =
        DYNLIB_INIT("libcarepledge-not-installed.so.9", "reading the moon", names, &slots);
    Err err = {0};
    assert_int_equal(dynlib_open(&lib, &err), ERR_UNAVAILABLE);
    assert_non_null(strstr(err.msg, "reading the moon"));
    assert_non_null(strstr(err.msg, "libcarepledge-not-installed.so.9"));
    assert_null(slots.f);
    /* Asked again, the answer is the same (it is not retried). */
    Err again = {0};
    assert_int_equal(dynlib_open(&lib, &again), ERR_UNAVAILABLE);
    assert_string_equal(again.msg, err.msg);
}

static void test_a_missing_function_is_unavailable(void **state)
{
    (void)state;
    static struct {
        void *a, *b;
    } slots;
    static const char *const names[] = {"cbrt", "carepledge_no_such_function", NULL};
    static DynLib lib = DYNLIB_INIT("libm.so.6", "the maths test", names, &slots);
    Err err = {0};
    assert_int_equal(dynlib_open(&lib, &err), ERR_UNAVAILABLE);
    assert_non_null(strstr(err.msg, "carepledge_no_such_function"));
}

static struct {
    MATHS_FUNCTIONS(DYNLIB_POINTER)
} shared;
static DynLib shared_lib = DYNLIB_INIT("libm.so.6", "the maths test", maths_names, &shared);

static void *open_shared(void *arg)
{
    Err err = {0};
    *(int *)arg = dynlib_open(&shared_lib, &err);
    return NULL;
}

static void test_threads_open_it_once_together(void **state)
{
    (void)state;
    enum { N = 8 };
    pthread_t threads[N];
    int results[N];
    for (int i = 0; i < N; i++) pthread_create(&threads[i], NULL, open_shared, &results[i]);
    for (int i = 0; i < N; i++) pthread_join(threads[i], NULL);
    for (int i = 0; i < N; i++) assert_int_equal(results[i], 0);
    assert_true(shared.hypot(6.0, 8.0) > 9.999 && shared.hypot(6.0, 8.0) < 10.001);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opens_and_fills_the_table),
        cmocka_unit_test(test_a_missing_library_is_unavailable),
        cmocka_unit_test(test_a_missing_function_is_unavailable),
        cmocka_unit_test(test_threads_open_it_once_together),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
