/* A real server for the web tests that need sockets (test_web_audit.c,
 * test_web_import.c): a database in a folder of its own under /tmp holding
 * the two made-up children, users with one password, sessions opened through
 * the router, and plain HTTP/1.1 requests sent on loopback. */
#ifndef TEST_WEB_LIVE_H
#define TEST_WEB_LIVE_H

#include "service/svc_users.h"
#include "web/router.h"
#include "web/server.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test_web_children.h"

static const char live_password[] = "a long enough password";

typedef struct LiveServer {
    char dir[64], db[96];
    AppContext *ctx;
    WebApp app;
    WebServer *server;
    int port;
    Actor admin;
} LiveServer;

/* A folder from name_template (mkdtemp's XXXXXX last) with a database holding
 * children A and B. */
static inline int live_create(LiveServer *l, const char *name_template, Err *err)
{
    snprintf(l->dir, sizeof l->dir, "%s", name_template);
    if (!mkdtemp(l->dir)) return -1;
    snprintf(l->db, sizeof l->db, "%s/db", l->dir);
    actor_named(&l->admin, "setup");
    if (context_load(NULL, &l->ctx, err) < 0) return -1;
    return web_children_import(l->ctx, l->dir, l->db, &l->admin, err);
}

static inline int live_add_user(LiveServer *l, const char *name, const char *role, Err *err)
{
    UserChange u = {.name = name, .role = role, .password = live_password, .disabled = -1};
    return svc_user_add(l->db, &u, &l->admin, err);
}

/* Opens the application and starts its server with threads worker threads. */
static inline int live_serve(LiveServer *l, int threads, Err *err)
{
    if (web_app_open(&l->app, l->db, l->ctx, err) < 0) return -1;
    if (web_server_start(&l->app, "127.0.0.1:0", threads, &l->server, err) < 0) return -1;
    l->port = web_server_port(l->server);
    return 0;
}

/* Signs in through the router (no socket needed): the session's token and,
 * when csrf is given, its CSRF token. */
static inline int live_sign_in(LiveServer *l, const char *user, char *token, char *csrf)
{
    char body[160];
    snprintf(body, sizeof body, "{\"username\": \"%s\", \"password\": \"%s\"}", user,
             live_password);
    WebRequest req = {.method = "POST",
                      .path = "/api/v1/session",
                      .origin = "127.0.0.1",
                      .body = body,
                      .body_len = strlen(body)};
    WebResponse res;
    web_router_handle(&l->app, &req, &res);
    int status = res.status;
    if (status == 200) sscanf(res.set_cookie, "cp_session=%64[0-9a-f]", token);
    if (status == 200 && csrf) {
        json_t *doc = json_loadb(res.body, res.body_len, 0, NULL);
        snprintf(csrf, WEB_SESSION_TOKEN_HEX + 1, "%s",
                 json_string_value(json_object_get(json_object_get(doc, "data"), "csrf")));
        json_decref(doc);
    }
    web_response_free(&res);
    return status == 200 ? 0 : -1;
}

/* Stops the server and removes the folder; returns -1 if it could not. */
static inline int live_close(LiveServer *l)
{
    if (l->server) web_server_stop(l->server);
    web_app_close(&l->app);
    context_free(l->ctx);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", l->dir);
    return system(cmd) == 0 ? 0 : -1;
}

static inline int live_connect(const LiveServer *l)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)l->port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    return fd;
}

static inline void live_send_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        assert_true(n > 0);
        data += n;
        len -= (size_t)n;
    }
}

/* Opens a connection and sends a GET of path as token's user (the
 * connection closed after the answer). Returns the socket. */
static inline int live_send_get(const LiveServer *l, const char *path, const char *token)
{
    int fd = live_connect(l);
    char request[512];
    int len = snprintf(request, sizeof request,
                       "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: cp_session=%s\r\n"
                       "Connection: close\r\n\r\n",
                       path, token);
    live_send_all(fd, request, (size_t)len);
    return fd;
}

#endif
