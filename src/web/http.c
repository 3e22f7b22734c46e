/* http: see http.h. */
#include "web/http.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *web_param(const WebRequest *req, const char *name)
{
    for (int i = 0; i < req->n_params; i++)
        if (strcmp(req->params[i].name, name) == 0) return req->params[i].value;
    return NULL;
}

int web_json(WebResponse *res, int status, json_t *value)
{
    free(res->body);
    res->body = json_dumps(value, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (!res->body) abort();
    res->body_len = strlen(res->body);
    res->status = status;
    res->content_type = "application/json";
    return status;
}

int web_error(WebResponse *res, int status, const char *code, const char *field, const char *fmt,
              ...)
{
    char message[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    json_t *error =
        json_pack("{s:i, s:s, s:s}", "status", status, "code", code, "message", message);
    if (!error)
        error = json_pack("{s:i, s:s, s:s}", "status", status, "code", code, "message",
                          "(the message was not valid text)");
    json_object_set_new(error, "field", field && *field ? json_string(field) : json_null());
    json_t *doc = json_pack("{s:o}", "error", error);
    res->etag[0] = '\0';
    res->audit.pending = false;
    web_json(res, status, doc);
    json_decref(doc);
    return status;
}

int web_error_from(WebResponse *res, const Err *err)
{
    static const struct {
        ErrKind kind;
        int status;
        const char *code;
    } map[] = {
        {ERR_KIND_INVALID, 400, "invalid"},         {ERR_KIND_NOT_FOUND, 404, "not_found"},
        {ERR_KIND_CONFLICT, 409, "conflict"},       {ERR_KIND_FORBIDDEN, 403, "forbidden"},
        {ERR_KIND_UNAVAILABLE, 503, "unavailable"},
    };
    ErrKind kind = err_kind(err->code);
    int status = 500;
    const char *code = "internal";
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].kind == kind) status = map[i].status, code = map[i].code;
    if (err->line > 0)
        return web_error(res, status, code, err->field[0] ? err->field : err->param, "%s:%ld: %s",
                         err->file, err->line, err->msg);
    return web_error(res, status, code, err->param, "%s", err->msg);
}

int web_ok(WebResponse *res, json_t *data, json_t *meta)
{
    json_t *doc = json_pack("{s:o, s:o}", "data", data ? data : json_null(), "meta",
                            meta ? meta : json_object());
    web_json(res, 200, doc);
    json_decref(doc);
    return 200;
}

void web_response_free(WebResponse *res)
{
    free(res->body);
    res->body = NULL;
}

void web_audit_settled(WebResponse *res, int rc, const Err *err)
{
    res->audit.pending = false;
    if (rc < 0)
        web_error(res, 503, "unavailable", NULL,
                  "the view could not be recorded in the audit log, so it is not shown: %s",
                  err->msg);
}
