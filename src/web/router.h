/* router: the one route table of the JSON API and the one router that reads
 * it. Each route declares its method, path pattern ("{id}" matches one path
 * segment), the capability it needs (service/svc_users.h), whether it changes
 * data, its handler and a summary. The router finds the route (404 unknown
 * path, 405 wrong method), refuses an oversized body (413), finds the session
 * (401), checks the capability (403) and, on a route that changes data, the
 * CSRF token (403), all BEFORE the handler runs; handlers never check roles.
 * docs/api.md and the OpenAPI document are written from the same table. */
#ifndef CAREPLEDGE_WEB_ROUTER_H
#define CAREPLEDGE_WEB_ROUTER_H

#include "web/app.h"
#include "web/http.h"

#include <stdio.h>

/* A route's capability: none needed (no session), any signed-in user, or one
 * CAP_* of svc_users.h. */
enum { WEB_PUBLIC = 0, WEB_SIGNED_IN = 1u << 30 };

/* One request being answered. */
typedef struct WebCall {
    WebApp *app;
    const WebRequest *req;
    WebResponse *res;
    WebSession *session; /* NULL on a public route */
    WebSnapshot *snap;   /* held for the call */
    const char *id;      /* the {id} of the path, or NULL */
    Actor actor;         /* the signed-in user */
} WebCall;

typedef int (*WebHandler)(WebCall *call);

/* Asks that the audit log hold a row of this call (the signed-in user did
 * action to child, from the request's address) before its answer is sent:
 * web_router_handle appends it, or, when the request says so
 * (audit_by_server), the server does with the connection suspended. Either
 * way an answer whose row cannot be written becomes a 503. */
void web_call_audit(WebCall *call, const char *action, const char *child);

typedef struct WebRoute {
    const char *method;
    const char *pattern;
    unsigned capability;
    bool mutating;
    WebHandler handler;
    const char *summary;
    const char *params; /* query parameters, "at=YYYY-MM-DD overdue=1"; NULL: none */
} WebRoute;

extern const WebRoute web_routes[];
extern const int web_n_routes;

/* Answers req into res (which it fills; free with web_response_free). */
void web_router_handle(WebApp *app, const WebRequest *req, WebResponse *res);

/* The OpenAPI 3.1 document of the table. Returns a new reference. */
json_t *web_openapi(void);
/* Writes docs/api.md from the table. */
void web_api_doc(FILE *out);

/* The security headers of every response (name, value pairs, NULL-ended). */
extern const char *const web_security_headers[];

#endif
