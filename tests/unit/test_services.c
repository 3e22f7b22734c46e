/* Unit tests of the application context and of services called as a web
 * server would: with a Dataset snapshot built by hand instead of a database,
 * a request struct and an actor. Checks what they return, the typed errors,
 * and that a snapshot is only read. */
#include "service/context.h"
#include "service/svc_care.h"
#include "service/svc_due.h"
#include "service/svc_reference.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static Date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void add_episode(Dataset *ds, Date decom, Date dec, const char *rec)
{
    Episode e = {.decom = decom, .dec = dec};
    DATASET_SET_CODE(e.rne, "S");
    DATASET_SET_CODE(e.ls, "C2");
    DATASET_SET_CODE(e.cin, "N1");
    DATASET_SET_CODE(e.place, "U4");
    DATASET_SET_CODE(e.rec, rec);
    dataset_add_episode(ds, &e);
}

/* A: looked after from 2024 until the 18th birthday, 10/05/2026 (a former
 * relevant child after it). B: aged 9, in care since 2025. */
static void build(Dataset *ds)
{
    memset(ds, 0, sizeof *ds);
    dataset_add_child(ds, "A", "F", D(2008, 5, 10), "WBRI");
    add_episode(ds, D(2024, 1, 1), D(2026, 5, 10), "E5");
    dataset_add_child(ds, "B", "M", D(2016, 9, 1), "WBRI");
    add_episode(ds, D(2025, 6, 1), DATE_NONE, "");
}

typedef struct Fixture {
    AppContext *ctx;
    Dataset ds;
    Actor actor;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    Err err;
    if (context_load(NULL, &f->ctx, &err) < 0) return -1;
    build(&f->ds);
    actor_named(&f->actor, "a.tester");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    context_free(f->ctx);
    dataset_free(&f->ds);
    free(f);
    return 0;
}

static void test_context_holds_the_reference_data(void **state)
{
    const AppContext *ctx = ((Fixture *)*state)->ctx;
    assert_true(codes_valid(ctx->codes, "PLACE", "U4", 2026));
    assert_true(ctx->catalogue->n_items > 27);
    for (int y = VALIDATE_FIRST_YEAR; y <= VALIDATE_LAST_YEAR; y++) {
        const ContextRuleSet *set = context_ruleset(ctx, y);
        assert_non_null(set);
        assert_int_equal(set->year, y);
        assert_true(set->n_rules > 100);
    }
    assert_null(context_ruleset(ctx, VALIDATE_FIRST_YEAR - 1));
    assert_false(calendar_is_working_day(&ctx->calendar, D(2026, 12, 25)));
}

/* A council's holidays file: its closure is in the calendar; a bad one is
 * refused with its file, line and field. */
static void test_context_with_a_council_file(void **state)
{
    (void)state;
    char path[] = "/tmp/carepledge-holidays-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "date,action,name\n2026-12-24,add,Council closure\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    ContextFiles files = {.holidays_path = path, .parts = CONTEXT_CALENDAR};
    AppContext *ctx;
    Err err;
    assert_int_equal(context_load(&files, &ctx, &err), 0);
    assert_string_equal(calendar_holiday_name(&ctx->calendar, D(2026, 12, 24)), "Council closure");
    /* Only the calendar was asked for: a use case that reads more is refused. */
    assert_null(ctx->codes);
    assert_null(context_ruleset(ctx, VALIDATE_LAST_YEAR));
    Actor actor;
    IndicatorsResult ind;
    assert_int_equal(svc_indicators_run(ctx, actor_named(&actor, "a"), &ind, &err), ERR_INTERNAL);
    assert_non_null(strstr(err.msg, "indicator catalogue"));
    assert_int_equal(context_require(ctx, CONTEXT_CALENDAR, &err), 0);
    context_free(ctx);

    FILE *out = fopen(path, "w");
    fputs("date,action,name\n2026-12-32,add,Nowhere\n", out);
    fclose(out);
    assert_true(context_load(&files, &ctx, &err) < 0);
    assert_null(ctx);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.field, "date");
    unlink(path);
}

static void test_calendar_service(void **state)
{
    Fixture *f = *state;
    CalendarRequest req = {.from = D(2026, 12, 20), .to = D(2026, 12, 31)};
    CalendarResult res;
    Err err;
    assert_int_equal(svc_calendar_run(f->ctx, &req, &f->actor, &res, &err), 0);
    /* Christmas Day on a Friday; Boxing Day, a Saturday, moves to Monday 28th. */
    assert_int_equal(res.n_days, 2);
    assert_int_equal(res.days[0].date, D(2026, 12, 25));
    assert_int_equal(res.days[1].date, D(2026, 12, 28));
    assert_int_equal(res.working_days, 7); /* 21-24 and 29-31 */
    svc_calendar_free(&res);

    req.weekends = true;
    assert_int_equal(svc_calendar_run(f->ctx, &req, &f->actor, &res, &err), 0);
    assert_int_equal(res.n_days, 2 + 3); /* and Sunday 20th, Saturday 26th, Sunday 27th */
    svc_calendar_free(&res);

    req.to = D(2026, 12, 1);
    assert_int_equal(svc_calendar_run(f->ctx, &req, &f->actor, &res, &err), ERR_USAGE);
    assert_string_equal(err.param, "to");
    assert_int_equal(res.n_days, 0);
}

static void test_nobody_asking_is_refused(void **state)
{
    Fixture *f = *state;
    Actor nobody;
    actor_named(&nobody, "");
    ServiceData data = {.snapshot = &f->ds};
    LeaversRequest req = {.at = D(2026, 6, 1)};
    LeaversResult res;
    Err err;
    assert_int_equal(svc_leavers_run(f->ctx, &data, &req, &nobody, &res, &err), ERR_FORBIDDEN);
    assert_int_equal(err_kind(err.code), ERR_KIND_FORBIDDEN);
    assert_int_equal(svc_leavers_run(f->ctx, &data, &req, NULL, &res, &err), ERR_FORBIDDEN);
    svc_leavers_free(&res);
    IndicatorsResult ind;
    assert_int_equal(svc_indicators_run(f->ctx, &nobody, &ind, &err), ERR_FORBIDDEN);
}

static void test_leavers_and_profile_from_a_snapshot(void **state)
{
    Fixture *f = *state;
    ServiceData data = {.snapshot = &f->ds};
    LeaversRequest req = {.at = D(2026, 6, 1)};
    LeaversResult res;
    Err err;
    assert_int_equal(svc_leavers_run(f->ctx, &data, &req, &f->actor, &res, &err), 0);
    assert_int_equal(res.n_rows, 1);
    assert_string_equal(res.rows[0].child, "A");
    assert_int_equal(res.rows[0].status.category, LEAVER_FORMER_RELEVANT);
    svc_leavers_free(&res);
    assert_int_equal(f->ds.n_children, 2); /* the snapshot is the caller's, untouched */

    ProfileRequest preq = {.at = D(2026, 3, 31)};
    ProfileResult pres;
    assert_int_equal(svc_profile_run(f->ctx, &data, &preq, &f->actor, &pres, &err), 0);
    assert_string_equal(pres.rows[0].row, "In care full time");
    assert_int_equal(pres.rows[0].count, 2);
    assert_false(pres.withheld[0]);

    /* Published, both children's counts are small and withheld. */
    preq.publish = true;
    preq.threshold = 5;
    assert_int_equal(svc_profile_run(f->ctx, &data, &preq, &f->actor, &pres, &err), 0);
    assert_true(pres.withheld[0]);
    preq.threshold = 101;
    assert_int_equal(svc_profile_run(f->ctx, &data, &preq, &f->actor, &pres, &err), ERR_USAGE);
    assert_string_equal(err.param, "threshold");
}

static void test_due_from_a_snapshot(void **state)
{
    Fixture *f = *state;
    ServiceData data = {.snapshot = &f->ds};
    DueRequest req = {.at = D(2026, 3, 31), .within = -1, .child = "B"};
    DueResult res;
    Err err;
    assert_int_equal(svc_due_run(f->ctx, &data, &req, &f->actor, &res, &err), 0);
    assert_true(res.n_rows > 0);
    for (int i = 0; i < res.n_rows; i++) assert_string_equal(res.rows[i].child, "B");
    int all_of_b = res.n_rows;
    svc_due_free(&res);

    req.overdue_only = true;
    assert_int_equal(svc_due_run(f->ctx, &data, &req, &f->actor, &res, &err), 0);
    assert_true(res.n_rows < all_of_b);
    for (int i = 0; i < res.n_rows; i++)
        assert_int_equal(res.rows[i].entry.status, DUE_STATUS_OVERDUE);
    svc_due_free(&res);

    req.child = "Z";
    assert_int_equal(svc_due_run(f->ctx, &data, &req, &f->actor, &res, &err), ERR_NOT_FOUND);
    assert_string_equal(err.param, "child");
    assert_string_equal(err.msg, "'Z' is not in the database");
    svc_due_free(&res);
}

static void test_no_database_is_an_error(void **state)
{
    Fixture *f = *state;
    ServiceData data = {.db_path = "/nonexistent/carepledge.db"};
    LeaversRequest req = {.at = D(2026, 6, 1)};
    LeaversResult res;
    Err err;
    assert_true(svc_leavers_run(f->ctx, &data, &req, &f->actor, &res, &err) < 0);
    assert_non_null(strstr(err.msg, "/nonexistent/carepledge.db"));
    assert_int_equal(access("/nonexistent/carepledge.db", F_OK), -1);
    svc_leavers_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_context_holds_the_reference_data),
        cmocka_unit_test(test_context_with_a_council_file),
        cmocka_unit_test(test_calendar_service),
        cmocka_unit_test(test_nobody_asking_is_refused),
        cmocka_unit_test(test_leavers_and_profile_from_a_snapshot),
        cmocka_unit_test(test_due_from_a_snapshot),
        cmocka_unit_test(test_no_database_is_an_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
