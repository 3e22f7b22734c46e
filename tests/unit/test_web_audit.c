/* The audit of a child's view through the real server (web/server.c on a
 * loopback port): the answer is sent only once the view's audit row has
 * committed, views in flight at once share one commit however few worker
 * threads there are (their connections are suspended, not their threads),
 * and a view kept with the snapshot (web/child_cache.h) is still audited
 * each time and still refused outside the caseload. */
#include "service/svc_audit.h"
#include "service/svc_import.h"
#include "service/svc_users.h"
#include "store/store.h"
#include "web/router.h"
#include "web/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_web_live.h"

typedef struct Fixture {
    LiveServer live;
    char manager[WEB_SESSION_TOKEN_HEX + 1];
    char social_worker[WEB_SESSION_TOKEN_HEX + 1]; /* allocated A only */
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    Err err;
    if (!f || live_create(&f->live, "/tmp/cp_audit_XXXXXX", &err) < 0 ||
        live_add_user(&f->live, "manager", "manager", &err) < 0 ||
        live_add_user(&f->live, "social_worker", "social_worker", &err) < 0 ||
        svc_user_allocate(f->live.db, "social_worker", "A", &f->live.admin, &err) < 0)
        return -1;
    /* Two worker threads: fewer than the views sent at once below. */
    if (live_serve(&f->live, 2, &err) < 0 ||
        live_sign_in(&f->live, "manager", f->manager, NULL) < 0 ||
        live_sign_in(&f->live, "social_worker", f->social_worker, NULL) < 0)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    int rc = live_close(&f->live);
    free(f);
    return rc;
}

/* Reads the whole answer on fd (to the server's close) and returns its
 * status; closes fd. */
static int read_status(int fd)
{
    char answer[1 << 16];
    size_t got = 0;
    ssize_t n;
    while (got + 1 < sizeof answer && (n = read(fd, answer + got, sizeof answer - 1 - got)) > 0)
        got += (size_t)n;
    answer[got] = '\0';
    close(fd);
    int status = 0;
    return sscanf(answer, "HTTP/1.1 %d", &status) == 1 ? status : -1;
}

/* Whether any of the n sockets has something to read within ms. */
static bool any_answer(const int *fds, int n, int ms)
{
    struct pollfd polls[64];
    for (int i = 0; i < n; i++) polls[i] = (struct pollfd){.fd = fds[i], .events = POLLIN};
    return poll(polls, (nfds_t)n, ms) > 0;
}

/* The rows of the log about child from origin. */
static int rows_about(const Fixture *f, const char *child)
{
    AuditEntry *rows;
    int n;
    Err err;
    assert_int_equal(svc_audit_show(f->live.db, child, NULL, &f->live.admin, &rows, &n, &err), 0);
    free(rows);
    return n;
}

/* Waits (up to 20 s) until the audit log has rows rows queued and untold. */
static void wait_for_waiting(const Fixture *f, long long rows)
{
    SvcAuditStats now;
    for (int i = 0; i < 2000; i++) {
        svc_audit_stats(f->live.app.audit, &now);
        if (now.waiting == rows) return;
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    fail_msg("%lld rows waiting for the audit log, not %lld", now.waiting, rows);
}

enum { VIEWS = 24 };

/* While another connection holds the database's write lock, no view can
 * commit its audit row: no answer may arrive, and every view waits with its
 * connection suspended (more views than worker threads). Once the lock is
 * let go the rows commit in one or two transactions (the first row the
 * writer took, waiting for the lock, and all the rest), and only then do
 * the answers come, each with its row in the log. */
static void test_views_answered_only_after_their_rows_commit(void **state)
{
    Fixture *f = *state;
    Store *holder;
    Err err;
    assert_int_equal(store_open(f->live.db, &holder, &err), 0);
    assert_int_equal(store_begin(holder, &err), 0); /* the write lock */
    SvcAuditStats before, after;
    svc_audit_stats(f->live.app.audit, &before);
    int before_rows = rows_about(f, "A");
    int fds[VIEWS];
    for (int i = 0; i < VIEWS; i++)
        fds[i] = live_send_get(&f->live, "/api/v1/children/A?at=2026-03-31", f->manager);
    wait_for_waiting(f, VIEWS);
    assert_false(any_answer(fds, VIEWS, 300));
    assert_int_equal(rows_about(f, "A"), before_rows);
    store_rollback(holder);
    store_close(holder);
    for (int i = 0; i < VIEWS; i++) assert_int_equal(read_status(fds[i]), 200);
    assert_int_equal(rows_about(f, "A"), before_rows + VIEWS);
    svc_audit_stats(f->live.app.audit, &after);
    assert_int_equal(after.rows - before.rows, VIEWS);
    assert_true(after.batches - before.batches <= 2);
    assert_true(after.largest >= VIEWS / 2); /* two commits at most: one held half or more */
    assert_int_equal(after.waiting, 0);
    AuditVerify v;
    assert_int_equal(svc_audit_verify(f->live.db, &f->live.admin, &v, &err), 0);
    assert_int_equal(v.first_bad, 0);
}

/* Views sent together without any lock held batch as well: fewer commits
 * than views, every view answered 200 and recorded once. */
static void test_concurrent_views_share_commits(void **state)
{
    Fixture *f = *state;
    SvcAuditStats before, after;
    svc_audit_stats(f->live.app.audit, &before);
    int before_rows = rows_about(f, "B");
    int fds[VIEWS];
    for (int round = 0; round < 4; round++) {
        for (int i = 0; i < VIEWS; i++)
            fds[i] = live_send_get(&f->live, "/api/v1/children/B?at=2026-03-31", f->manager);
        for (int i = 0; i < VIEWS; i++) assert_int_equal(read_status(fds[i]), 200);
    }
    svc_audit_stats(f->live.app.audit, &after);
    assert_int_equal(after.rows - before.rows, 4 * VIEWS);
    assert_true(after.batches - before.batches < 4 * VIEWS);
    assert_int_equal(rows_about(f, "B"), before_rows + 4 * VIEWS);
}

/* The whole answer of a GET through the router (no socket), status first. */
static int get(Fixture *f, const char *path, const char *token, char **body)
{
    WebRequest req = {.method = "GET", .path = path, .session = token, .origin = "127.0.0.1"};
    WebParam at = {"at", "2026-03-31"};
    req.params[req.n_params++] = at;
    WebResponse res;
    web_router_handle(&f->live.app, &req, &res);
    *body = res.body;
    return res.status;
}

/* A view asked again is the kept copy, byte for byte, and each is audited;
 * a kept view is still refused to a caseload without the child. */
static void test_kept_views_are_audited_and_scoped(void **state)
{
    Fixture *f = *state;
    int before = rows_about(f, "B");
    char *first, *second, *refused;
    assert_int_equal(get(f, "/api/v1/children/B", f->manager, &first), 200);
    assert_int_equal(get(f, "/api/v1/children/B", f->manager, &second), 200);
    assert_string_equal(first, second);
    assert_non_null(strstr(first, "\"id\":\"B\""));
    assert_int_equal(get(f, "/api/v1/children/B", f->social_worker, &refused), 404);
    assert_int_equal(rows_about(f, "B"), before + 2); /* the refusal shows nothing */
    free(first);
    free(second);
    free(refused);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_views_answered_only_after_their_rows_commit),
        cmocka_unit_test(test_concurrent_views_share_commits),
        cmocka_unit_test(test_kept_views_are_audited_and_scoped),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
