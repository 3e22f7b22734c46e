/* http: a request and a response as the router sees them, independent of the
 * HTTP library (web/server.c fills a WebRequest from libmicrohttpd; the route
 * tests fill one by hand), and the JSON envelope every answer is written in:
 * {"data": ..., "meta": {...}} or {"error": {"status", "code", "message",
 * "field"}} (docs/api.md). */
#ifndef CAREPLEDGE_WEB_HTTP_H
#define CAREPLEDGE_WEB_HTTP_H

#include "base/err.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

enum {
    WEB_MAX_PARAMS = 16,
    WEB_MAX_BODY = 1 << 20,    /* bytes of a JSON body; larger is refused with 413 */
    WEB_MAX_UPLOAD = 64 << 20, /* bytes of a multipart upload */
};

typedef struct WebParam {
    const char *name, *value;
} WebParam;

/* Who takes an import's place (web/app.h, web_app_begin_import): the
 * handler itself (the route tests), the server, which took it before it ran
 * the import on a thread of its own, or no one: the server found another
 * import running, and the request is answered 409. */
typedef enum WebImportPlace {
    WEB_IMPORT_PLACE_OWN = 0,
    WEB_IMPORT_PLACE_HELD,
    WEB_IMPORT_PLACE_BUSY,
} WebImportPlace;

typedef struct WebRequest {
    const char *method; /* "GET" */
    const char *path;   /* "/api/v1/children/C1", without the query */
    WebParam params[WEB_MAX_PARAMS];
    int n_params;
    bool too_many_params;
    const char *session;       /* the cp_session cookie, or NULL */
    const char *csrf;          /* the X-CSRF-Token header, or NULL */
    const char *if_none_match; /* or NULL */
    const char *origin;        /* the client's address */
    const char *body;
    size_t body_len;
    bool body_too_large;
    /* A multipart upload: the folder its files were written to (NULL when the
     * request had none), and whether it was broken or over WEB_MAX_UPLOAD. */
    const char *upload_dir;
    bool upload_broken, upload_too_large;
    /* A sign-in whose place to check a password (web_sessions_begin_check)
     * the server took for it, and gives back when it is answered. */
    bool sign_in_place_held;
    /* The import's place (web_app_begin_import), one import at a time. */
    WebImportPlace import_place;
    /* The server appends the response's audit row itself (WebResponse.audit),
     * with the connection suspended until the row has committed; false: the
     * router appends it, holding the calling thread (the route tests). */
    bool audit_by_server;
} WebRequest;

/* A row the audit log must hold before the response may be sent (a view of a
 * child's record, issue 10 item 7): the response is not sent until it has
 * committed, and becomes a 503 if it cannot be. */
typedef struct WebAuditRow {
    bool pending;
    char user[64];
    char action[64];
    char child[128];
    char origin[64];
} WebAuditRow;

typedef struct WebResponse {
    int status;
    char *body; /* malloc'd */
    size_t body_len;
    const char *content_type;
    char etag[40];        /* "" for none */
    char set_cookie[256]; /* "" for none */
    int retry_after;      /* seconds for a Retry-After header (a 429), 0 for none */
    WebAuditRow audit;    /* to append before sending; .pending false for none */
} WebResponse;

/* The query parameter name, or NULL. */
const char *web_param(const WebRequest *req, const char *name);

/* Answers with an error envelope; field may be NULL. An error shows no
 * record, so it drops any audit row asked for (WebResponse.audit). Returns
 * status. */
int web_error(WebResponse *res, int status, const char *code, const char *field, const char *fmt,
              ...) __attribute__((format(printf, 5, 6)));
/* Answers with the error a service gave, its kind mapped to a status
 * (invalid 400, not found 404, conflict 409, forbidden 403, unavailable 503,
 * internal 500) and its parameter as the field. Returns the status. */
int web_error_from(WebResponse *res, const Err *err);
/* Answers 200 with {"data": data, "meta": meta} (taking both references;
 * meta may be NULL for {}). */
int web_ok(WebResponse *res, json_t *data, json_t *meta);
/* Answers with the JSON value as it is (the OpenAPI document). */
int web_json(WebResponse *res, int status, json_t *value);
void web_response_free(WebResponse *res);

/* The outcome of appending res's audit row (rc 0: committed, the answer
 * stands; rc < 0: the answer becomes a 503 naming err, for a record is not
 * shown unless its view is recorded). Either way the row is no longer
 * pending. */
void web_audit_settled(WebResponse *res, int rc, const Err *err);

#endif
