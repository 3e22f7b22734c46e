/* api_pack: GET /api/v1/pack?quarter=YYYYQn (or date=YYYY-MM-DD), the
 * quarterly pack as a PDF (service/svc_pack.h, render/pack_write.h). Always
 * published for a role without the unpublished reports; publish=1 asks for
 * it otherwise. The PDF is drawn into a private temporary file, read back as
 * the body and the file removed. */
#include "web/api.h"

#include "base/mem.h"
#include "render/pack_write.h"
#include "service/svc_pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The pack's date from quarter= or date=. Returns 0, or answers 400. */
static int pack_date(WebCall *call, PackRequest *req)
{
    const char *quarter = web_param(call->req, "quarter"), *date = web_param(call->req, "date");
    if (!quarter == !date)
        return web_error(call->res, 400, "invalid", "quarter",
                         "give quarter=YYYYQn (2009Q4) or date=YYYY-MM-DD");
    Err err = {0};
    if (quarter && svc_pack_quarter(quarter, &req->at, &err) < 0)
        return web_error_from(call->res, &err);
    if (date && date_parse_iso(date, strlen(date), &req->at) < 0)
        return web_error(call->res, 400, "invalid", "date", "date '%.40s' is not a date YYYY-MM-DD",
                         date);
    req->label = quarter;
    return 0;
}

/* Reads the whole file at path into the response body. */
static bool read_body(const char *path, WebResponse *res)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    size_t cap = 1 << 16, len = 0, got;
    char *buf = xmalloc(cap);
    while ((got = fread(buf + len, 1, cap - len, f)) > 0)
        if ((len += got) == cap) buf = xrealloc(buf, cap *= 2);
    bool ok = !ferror(f);
    fclose(f);
    if (!ok) {
        free(buf);
        return false;
    }
    free(res->body);
    res->body = buf;
    res->body_len = len;
    return true;
}

int api_pack(WebCall *call)
{
    PackRequest req = {.threshold = DISC_DEFAULT_THRESHOLD};
    if (pack_date(call, &req)) return call->res->status;
    const char *p = web_param(call->req, "publish");
    req.publish = (p && strcmp(p, "1") == 0) || !(call->session->role->capabilities & CAP_REPORTS);
    ServiceData data = {.db_path = call->app->db_path, .snapshot = &call->snap->ds};
    PackResult pack;
    Err err = {0};
    int rc = svc_pack_run(call->app->ctx, &data, &req, &call->actor, &pack, &err);
    const char *dir = getenv("TMPDIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/carepledge-pack-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = rc == 0 ? mkstemp(path) : -1;
    if (rc == 0 && fd < 0) rc = err_set(&err, ERR_IO, "no temporary file for the pack");
    if (fd >= 0) close(fd);
    if (rc == 0) rc = pack_write_pdf(path, &pack, NULL, &err);
    svc_pack_free(&pack);
    if (rc == 0 && !read_body(path, call->res))
        rc = err_set(&err, ERR_IO, "the pack could not be read back");
    if (fd >= 0) unlink(path);
    if (rc < 0) return web_error_from(call->res, &err);
    call->res->status = 200;
    call->res->content_type = "application/pdf";
    return 200;
}
