/* server: the HTTP server on libmicrohttpd (an internal thread pool polling
 * with epoll). It turns each request into a WebRequest for the router
 * (web/router.h) and serves the dashboard's files (web/ in the source tree,
 * embedded in the binary, or from --webroot) at every path outside /api/.
 * Every response carries the security headers. Loopback only by default. */
#ifndef CAREPLEDGE_WEB_SERVER_H
#define CAREPLEDGE_WEB_SERVER_H

#include "web/app.h"
#include "web/http.h"

typedef struct WebServer WebServer;

/* Starts serving app on listen ("127.0.0.1:8080") with threads workers.
 * Returns 0 and sets *out, or ERR_USAGE (a bad address) or ERR_UNAVAILABLE
 * (the port is taken). */
int web_server_start(WebApp *app, const char *listen, int threads, WebServer **out, Err *err);
/* The port listened on (the one chosen when listen gave port 0). */
int web_server_port(const WebServer *s);
void web_server_stop(WebServer *s);

/* Answers a GET of a dashboard file at path into res: 404 in the envelope
 * when there is none. */
void web_static(const WebApp *app, const char *path, WebResponse *res);

#endif
