/* fuzz_http: libFuzzer target for the web server's request handling: each
 * input is the raw bytes of an HTTP request, sent over loopback to a real
 * server (libmicrohttpd parsing the request line, URL, query, headers,
 * cookies, chunked and multipart bodies; then the router, the JSON bodies and
 * the handlers) on a small synthetic database. "@S@" in the input becomes the
 * session token of a signed-in administrator and "@C@" its CSRF token, so the
 * inputs reach the routes behind sign-in; an input that ends the session
 * (signing out) is followed by a new one, so the inputs after it still do.
 * Any input must get an answer or a
 * closed connection, never a crash, and the server must answer a read after
 * it (it keeps serving). Built with CAREPLEDGE_FUZZ; ctest replays the corpus. */
#include "service/context.h"
#include "service/svc_import.h"
#include "service/svc_users.h"
#include "web/router.h"
#include "web/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], db[96];
static AppContext *ctx;
static WebApp app;
static WebServer *server;
static int port;
static char token[WEB_SESSION_TOKEN_HEX + 1], csrf[WEB_SESSION_TOKEN_HEX + 1];
static const char password[] = "fuzzing password";

/* A database with two children (A, B) and an administrator. */
static void make_database(void)
{
    char year[96], path[128];
    snprintf(year, sizeof year, "%s/2025-26", dir);
    snprintf(path, sizeof path, "%s/header.csv", year);
    FILE *out = mkdir(year, 0700) == 0 ? fopen(path, "w") : NULL;
    if (!out) abort();
    fprintf(out, "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,10/05/2012,WBRI,,,\n"
                 "B,2,01/09/2016,WBRI,,,\n");
    fclose(out);
    char *paths[] = {year};
    ImportRequest req = {.db_path = db, .paths = paths, .n_paths = 1};
    ImportResult res;
    Actor actor;
    Err err;
    actor_named(&actor, "fuzz");
    if (svc_import_run(ctx, &req, &actor, &res, &err) < 0) abort();
    svc_import_free(&res);
    UserChange u = {.name = "admin", .role = "administrator", .password = password, .disabled = -1};
    if (svc_user_add(db, &u, &actor, &err) < 0) abort();
}

/* Signs the administrator in through the router, keeping its tokens. */
static void sign_in(void)
{
    char body[128];
    snprintf(body, sizeof body, "{\"username\": \"admin\", \"password\": \"%s\"}", password);
    WebRequest req = {.method = "POST",
                      .path = "/api/v1/session",
                      .origin = "fuzz-setup",
                      .body = body,
                      .body_len = strlen(body)};
    WebResponse res;
    web_router_handle(&app, &req, &res);
    if (res.status != 200 || sscanf(res.set_cookie, "cp_session=%64[0-9a-f]", token) != 1) abort();
    const char *at = strstr(res.body, "\"csrf\"");
    if (!at || sscanf(at, "\"csrf\": \"%64[0-9a-f]\"", csrf) != 1) abort();
    web_response_free(&res);
}

/* Starts the administrator's session again, directly in the server's session
 * table: the inputs may have locked the account with wrong passwords (the
 * session lives on; a sign-in would be refused) or spent the sign-ins allowed
 * a minute, and a password check costs a tenth of a second. */
static void restart_session(void)
{
    SignIn who = {.role = svc_role("administrator")};
    snprintf(who.user, sizeof who.user, "admin");
    Err err;
    WebSession *s = web_session_start(app.sessions, &who, web_app_now(&app), token, &err);
    if (!s) abort();
    memcpy(csrf, s->csrf, sizeof csrf);
    web_session_release(app.sessions, s);
}

static long restarts; /* sessions started again, printed at exit */

/* Whether the session is still live after an input; if it is not (signed
 * out, or an input ending it some other way), a new one. Kept for the whole
 * run otherwise, so state an input leaves in the session (none yet) is seen
 * by the next, as on a real server. Before this, one input that signed out
 * left every later one refused at the door (401) for the rest of the run. */
static void keep_signed_in(void)
{
    WebSession *s = web_session_find(app.sessions, token, web_app_now(&app));
    if (s) {
        web_session_release(app.sessions, s);
        return;
    }
    restart_session();
    restarts++;
    s = web_session_find(app.sessions, token, web_app_now(&app));
    if (!s) abort(); /* the new session must be live */
    web_session_release(app.sessions, s);
}

static void stop_all(void)
{
    if (restarts) fprintf(stderr, "fuzz_http: the session was started again %ld times\n", restarts);
    web_server_stop(server);
    web_app_close(&app);
    context_free(ctx);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "fuzz_http: could not remove %s\n", dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    snprintf(dir, sizeof dir, "/tmp/cp_fuzz_http_XXXXXX");
    if (!mkdtemp(dir)) abort();
    snprintf(db, sizeof db, "%s/db", dir);
    Err err;
    if (context_load(NULL, &ctx, &err) < 0) abort();
    make_database();
    if (web_app_open(&app, db, ctx, &err) < 0) abort();
    if (web_server_start(&app, "127.0.0.1:0", 2, &server, &err) < 0) abort();
    port = web_server_port(server);
    sign_in();
    atexit(stop_all);
    return 0;
}

/* The header line beginning with name (any case) in [from, to), or NULL. */
static const char *find_header(const char *from, const char *to, const char *name)
{
    size_t n = strlen(name);
    for (const char *at = from; at + n <= to; at++)
        if (strncasecmp(at, name, n) == 0) return at;
    return NULL;
}

/* Where the answer in reply[0, got) ends, once its headers are in and they
 * give its length (Content-Length, or chunked and the last chunk in), else 0.
 * Interim answers (100 Continue) are passed over. */
static size_t answer_end(const char *reply, size_t got)
{
    size_t start = 0;
    for (;;) {
        const char *head_end = strstr(reply + start, "\r\n\r\n");
        if (!head_end) return 0;
        size_t body = (size_t)(head_end - reply) + 4;
        if (got - start < 12 || strncmp(reply + start + 9, "1", 1) != 0) {
            const char *length = find_header(reply + start, head_end, "\r\nContent-Length:");
            if (length) {
                size_t end = body + strtoul(length + 17, NULL, 10);
                return end <= got ? end : 0;
            }
            const char *chunked =
                find_header(reply + start, head_end, "\r\nTransfer-Encoding: chunked");
            if (chunked && got >= body + 5 && memcmp(reply + got - 5, "0\r\n\r\n", 5) == 0)
                return got;
            return 0;
        }
        start = body;
    }
}

/* Sends request over a new connection and reads the answer into reply (at
 * most size - 1 bytes, NUL-ended) until it is complete by its own length,
 * the server closes, first_wait_ms pass before the first byte or 0.2 s after
 * the last. Stopping at the answer's length, rather than always waiting for
 * the pause on a kept-alive connection, took a run from half a second to a
 * few milliseconds.
 * Returns the bytes read, or -1 when no connection could be made. */
static long exchange(const char *request, size_t len, char *reply, size_t size, int first_wait_ms)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval wait = {.tv_sec = first_wait_ms / 1000, .tv_usec = first_wait_ms % 1000 * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &wait, sizeof wait);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        if (fd >= 0) close(fd);
        return -1;
    }
    for (size_t sent = 0; sent < len;) {
        ssize_t n = send(fd, request + sent, len - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += (size_t)n;
    }
    shutdown(fd, SHUT_WR);
    size_t got = 0;
    ssize_t n;
    while (got + 1 < size && (n = recv(fd, reply + got, size - 1 - got, 0)) > 0) {
        /* A kept-alive connection stays open after the answer: once it has
         * begun, a pause ends it. */
        if (got == 0) {
            struct timeval pause = {.tv_usec = 200000};
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &pause, sizeof pause);
        }
        got += (size_t)n;
        reply[got] = '\0';
        if (answer_end(reply, got)) break;
    }
    reply[got] = '\0';
    close(fd);
    return (long)got;
}

/* data with @S@ and @C@ replaced by the session and CSRF tokens; free it. */
static char *with_tokens(const uint8_t *data, size_t size, size_t *len)
{
    char *out = malloc(size / 3 * WEB_SESSION_TOKEN_HEX + size + 1);
    if (!out) abort();
    size_t o = 0;
    for (size_t i = 0; i < size;) {
        if (i + 3 <= size && memcmp(data + i, "@S@", 3) == 0) {
            memcpy(out + o, token, WEB_SESSION_TOKEN_HEX);
            o += WEB_SESSION_TOKEN_HEX, i += 3;
        } else if (i + 3 <= size && memcmp(data + i, "@C@", 3) == 0) {
            memcpy(out + o, csrf, WEB_SESSION_TOKEN_HEX);
            o += WEB_SESSION_TOKEN_HEX, i += 3;
        } else {
            out[o++] = (char)data[i++];
        }
    }
    *len = o;
    return out;
}

static bool is_200(const char *reply, long got)
{
    return got >= 12 && strncmp(reply, "HTTP/1.1 200", 12) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16) return 0;
    size_t len;
    char *request = with_tokens(data, size, &len);
    static char reply[1 << 16];
    /* An unfinished request (a request line without its end) is held by the
     * server until its own timeout rather than answered when the connection
     * is half closed: a second is enough for any answer, and no answer is not
     * a finding; the read after it is the test. */
    long got = exchange(request, len, reply, sizeof reply, 1000);
    free(request);
    if (got < 0) __builtin_trap(); /* the server stopped listening */
    if (got > 0 && strncmp(reply, "HTTP/1.", 7) != 0) __builtin_trap();
    /* It keeps serving: a read answers 200. A small public file: the API's
     * description (15 kB made on each request) was most of a run. The
     * server's two threads may both be busy a while with what came before
     * (an import, a validation, a password hashed, each waiting up to 5 s for
     * the database), longer on a loaded machine: a server that answers within
     * 25 s (within libFuzzer's -timeout of 30) is serving; one that does not
     * has stopped. */
    static const char probe[] = "GET /dom.js HTTP/1.1\r\nHost: fuzz\r\n"
                                "Connection: close\r\n\r\n";
    time_t asked = time(NULL);
    got = exchange(probe, sizeof probe - 1, reply, sizeof reply, 10000);
    while (!is_200(reply, got) && time(NULL) - asked < 25)
        got = exchange(probe, sizeof probe - 1, reply, sizeof reply, 10000);
    if (time(NULL) - asked >= 10)
        fprintf(stderr,
                "fuzz_http: the read after the request took %lld s and got %ld bytes: %.200s\n",
                (long long)(time(NULL) - asked), got, got > 0 ? reply : "");
    if (!is_200(reply, got)) __builtin_trap();
    keep_signed_in();
    return 0;
}
