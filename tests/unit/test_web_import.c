/* An import through the API on the real server (web/server.c on a loopback
 * port, one worker thread): the import runs on a thread of its own with its
 * connection suspended, so reads on the same worker thread are answered
 * while it runs; a second import meanwhile is refused at once with 409 and
 * Retry-After, not queued; and once the first is answered the next is
 * accepted again. In process (no socket), the handler keeps the same one
 * place itself. */
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
    char analyst[WEB_SESSION_TOKEN_HEX + 1], analyst_csrf[WEB_SESSION_TOKEN_HEX + 1];
    char manager[WEB_SESSION_TOKEN_HEX + 1];
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    Err err;
    if (!f || live_create(&f->live, "/tmp/cp_import_XXXXXX", &err) < 0 ||
        live_add_user(&f->live, "analyst", "data_analyst", &err) < 0 ||
        live_add_user(&f->live, "manager", "manager", &err) < 0)
        return -1;
    /* One worker thread: before imports were answered elsewhere, a read sent
     * during an import waited for the whole import on it. */
    if (live_serve(&f->live, 1, &err) < 0 ||
        live_sign_in(&f->live, "analyst", f->analyst, f->analyst_csrf) < 0 ||
        live_sign_in(&f->live, "manager", f->manager, NULL) < 0)
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

/* Sends an upload of one visits template (a visit of A on day/02/2026) to
 * POST /api/v1/imports as the analyst. Returns the socket. */
static int send_import(const Fixture *f, int day)
{
    static const char boundary[] = "cp-test-boundary";
    char body[512];
    int body_len = snprintf(body, sizeof body,
                            "--%s\r\nContent-Disposition: form-data; name=\"files\"; "
                            "filename=\"visits.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                            "CHILD,VISIT_DATE,SEEN_ALONE\r\nA,%02d/02/2026,yes\r\n\r\n--%s--\r\n",
                            boundary, day, boundary);
    char head[768];
    int head_len = snprintf(head, sizeof head,
                            "POST /api/v1/imports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            "Cookie: cp_session=%s\r\nX-CSRF-Token: %s\r\n"
                            "Content-Type: multipart/form-data; boundary=%s\r\n"
                            "Content-Length: %d\r\nConnection: close\r\n\r\n",
                            f->analyst, f->analyst_csrf, boundary, body_len);
    int fd = live_connect(&f->live);
    live_send_all(fd, head, (size_t)head_len);
    live_send_all(fd, body, (size_t)body_len);
    return fd;
}

/* Reads the whole answer on fd (to the server's close) into answer and
 * returns its status; closes fd. */
static int read_answer(int fd, char *answer, size_t size)
{
    size_t got = 0;
    ssize_t n;
    while (got + 1 < size && (n = read(fd, answer + got, size - 1 - got)) > 0) got += (size_t)n;
    answer[got] = '\0';
    close(fd);
    int status = 0;
    return sscanf(answer, "HTTP/1.1 %d", &status) == 1 ? status : -1;
}

static bool has_answer(int fd, int ms)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, ms) > 0;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Waits (up to 20 s) until the server has taken its import place. */
static void wait_for_import(const Fixture *f)
{
    for (int i = 0; i < 2000 && !atomic_load(&f->live.app.importing); i++) {
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    assert_true(atomic_load(&f->live.app.importing));
}

/* A GET of path as the manager on its own connection, answered 200 while
 * the import on import_fd has not been answered, and within 2 s. */
static void read_during_import(const Fixture *f, const char *path, int import_fd)
{
    char answer[1 << 16];
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int fd = live_send_get(&f->live, path, f->manager);
    assert_true(has_answer(fd, 2000));
    assert_int_equal(read_answer(fd, answer, sizeof answer), 200);
    assert_true(seconds_since(&start) < 2.0);
    assert_false(has_answer(import_fd, 0));
}

/* While another connection holds the database's write lock, the import
 * cannot commit: it is running (the server's import place taken) and not
 * answered. Meanwhile, on the same one worker thread, reads are answered
 * and a second import is refused at once. Once the lock is let go, the
 * import is answered 200 with its visit in the snapshot, and a third import
 * is taken again. */
static void test_reads_answered_while_an_import_runs(void **state)
{
    Fixture *f = *state;
    Store *holder;
    Err err;
    assert_int_equal(store_open(f->live.db, &holder, &err), 0);
    assert_int_equal(store_begin(holder, &err), 0); /* the write lock */
    long long commit = f->live.app.snapshot->ds.commit;
    int import_fd = send_import(f, 10);
    wait_for_import(f);
    read_during_import(f, "/api/v1/me", import_fd);
    read_during_import(f, "/api/v1/worklist?at=2026-03-31", import_fd);

    char answer[1 << 16];
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int second = send_import(f, 11);
    assert_true(has_answer(second, 2000));
    assert_int_equal(read_answer(second, answer, sizeof answer), 409);
    assert_true(seconds_since(&start) < 2.0);
    assert_non_null(strstr(answer, "Retry-After: 10"));
    assert_non_null(strstr(answer, "another import is running"));
    assert_false(has_answer(import_fd, 0));

    store_rollback(holder);
    store_close(holder);
    assert_int_equal(read_answer(import_fd, answer, sizeof answer), 200);
    assert_non_null(strstr(answer, "\"files\":1"));
    assert_true(f->live.app.snapshot->ds.commit > commit); /* swapped in before the answer */
    assert_false(atomic_load(&f->live.app.importing));

    assert_int_equal(read_answer(send_import(f, 12), answer, sizeof answer), 200);
}

/* A POST to /api/v1/imports through the router (no socket), the upload's
 * folder as the server would have written it: its status. */
static int import_in_process(Fixture *f, const char *folder)
{
    WebRequest req = {.method = "POST",
                      .path = "/api/v1/imports",
                      .session = f->analyst,
                      .csrf = f->analyst_csrf,
                      .origin = "127.0.0.1",
                      .upload_dir = folder};
    WebResponse res;
    web_router_handle(&f->live.app, &req, &res);
    int status = res.status;
    web_response_free(&res);
    return status;
}

/* Called in process, the handler takes the place itself: refused with 409
 * while another holds it, and gives it back after an import. An import
 * refused for its upload (400) takes no place. */
static void test_handler_keeps_one_import_at_a_time(void **state)
{
    Fixture *f = *state;
    char folder[128];
    snprintf(folder, sizeof folder, "%s/2025-26", f->live.dir);
    assert_true(web_app_begin_import(&f->live.app));
    assert_int_equal(import_in_process(f, folder), 409);
    web_app_end_import(&f->live.app);
    assert_int_equal(import_in_process(f, folder), 200);
    assert_false(atomic_load(&f->live.app.importing));
    assert_int_equal(import_in_process(f, NULL), 400);
    assert_false(atomic_load(&f->live.app.importing));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_answered_while_an_import_runs),
        cmocka_unit_test(test_handler_keeps_one_import_at_a_time),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
