/* server: see server.h. */
#include "web/server.h"

#include "base/dynlib.h"
#include "base/embed.h"
#include "web/router.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* libmicrohttpd is opened when the server starts (base/dynlib.h): with GnuTLS
 * and its dependencies it would otherwise cost every command's start-up. The
 * build passes its SONAME. */
#define MHD_FUNCTIONS(F)               \
    F(MHD_start_daemon)                \
    F(MHD_stop_daemon)                 \
    F(MHD_get_daemon_info)             \
    F(MHD_get_connection_info)         \
    F(MHD_get_connection_values)       \
    F(MHD_lookup_connection_value)     \
    F(MHD_create_post_processor)       \
    F(MHD_post_process)                \
    F(MHD_destroy_post_processor)      \
    F(MHD_create_response_from_buffer) \
    F(MHD_add_response_header)         \
    F(MHD_queue_response)              \
    F(MHD_suspend_connection)          \
    F(MHD_resume_connection)           \
    F(MHD_destroy_response)
static struct {
    MHD_FUNCTIONS(DYNLIB_POINTER)
} mhd;
static const char *const mhd_names[] = {MHD_FUNCTIONS(DYNLIB_NAME) NULL};
static DynLib mhd_lib =
    DYNLIB_INIT(CAREPLEDGE_SONAME_LIBMICROHTTPD, "the web server", mhd_names, &mhd);

struct WebServer {
    struct MHD_Daemon *daemon;
    WebApp *app;
    pthread_mutex_t jobs_lock;
    pthread_cond_t jobs_done;
    int jobs; /* sign-ins, imports and audit rows being answered off the worker threads */
};

/* A request answered on a thread of its own, its connection suspended
 * meanwhile: a sign-in, whose password check (argon2id, a tenth of a second
 * idle, seconds on a busy machine) would otherwise hold the worker thread and
 * with it every connection that thread serves; and an import through the API,
 * which with the new snapshot's preparation takes seconds (12.5 s on 100,000
 * children). The place each needs (a password check's, the server's one
 * import place) is taken before the thread starts and given back when it has
 * answered. */
typedef struct ElsewhereJob {
    WebServer *server;
    struct MHD_Connection *conn;
    WebRequest req;
    char origin[64];
    WebResponse res;
    atomic_bool done;
    /* Gives back the place taken for the job (a password check's, the
     * import's) once it is answered. */
    void (*give_back_place)(WebApp *app);
} ElsewhereJob;

/* An answer waiting, its connection suspended, for its audit row to commit
 * (svc_audit_submit): the worker thread goes on serving other connections,
 * and the audit log's writer commits the rows of every view waiting at once
 * in one transaction, then resumes each connection. The answer is sent only
 * when the worker thread is called again with done set: never before the
 * row is on the disk. */
typedef struct AuditJob {
    WebServer *server;
    struct MHD_Connection *conn;
    WebResponse res;
    int rc;
    Err err;
    atomic_bool done;
} AuditJob;

/* A request's body as it arrives, kept between the calls of one request. */
typedef struct Upload {
    char *data;
    size_t len, cap;
    bool too_large;
    /* A multipart upload: its files go to dir, one per part. */
    struct MHD_PostProcessor *post;
    char dir[64];
    FILE *file; /* the part being written */
    char part[256];
    int n_files;
    size_t upload_len;
    bool broken, upload_too_large;
    ElsewhereJob *job;    /* a sign-in or import answered off the worker thread, or NULL */
    AuditJob *audit_wait; /* an answer waiting for its audit row, or NULL */
} Upload;

static void append_body(Upload *u, const char *data, size_t len)
{
    if (u->too_large || u->len + len > WEB_MAX_BODY) {
        u->too_large = true; /* read on, so that the 413 can be sent */
        return;
    }
    if (u->len + len + 1 > u->cap) {
        u->cap = (u->len + len + 1) * 2;
        char *grown = realloc(u->data, u->cap);
        if (!grown) abort();
        u->data = grown;
    }
    memcpy(u->data + u->len, data, len);
    u->len += len;
    u->data[u->len] = '\0';
}

/* Each chunk of a multipart upload: a part with a file name goes to a file
 * of its own in the upload's folder (named by its order, so that no name
 * from the client reaches the file system). */
static enum MHD_Result upload_part(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *filename, const char *content_type,
                                   const char *transfer_encoding, const char *data, uint64_t off,
                                   size_t size)
{
    (void)kind, (void)key, (void)content_type, (void)transfer_encoding;
    Upload *u = cls;
    if (!filename) return MHD_YES; /* a form field: not used */
    if (u->upload_len + size > WEB_MAX_UPLOAD) {
        u->upload_too_large = true;
        return MHD_NO;
    }
    if (off == 0 || !u->file || strcmp(u->part, filename) != 0) {
        if (u->file) fclose(u->file);
        char path[128];
        snprintf(path, sizeof path, "%s/%03d.csv", u->dir, ++u->n_files);
        snprintf(u->part, sizeof u->part, "%s", filename);
        u->file = fopen(path, "wb");
        if (!u->file) return MHD_NO;
    }
    u->upload_len += size;
    return size == 0 || fwrite(data, 1, size, u->file) == size ? MHD_YES : MHD_NO;
}

static bool is_upload(struct MHD_Connection *conn, const char *url, const char *method)
{
    const char *type = mhd.MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
    return strcmp(method, "POST") == 0 && strcmp(url, "/api/v1/imports") == 0 && type &&
           strncmp(type, "multipart/form-data", 19) == 0;
}

static void start_upload(struct MHD_Connection *conn, Upload *u)
{
    snprintf(u->dir, sizeof u->dir, "/tmp/carepledge-upload-XXXXXX");
    if (!mkdtemp(u->dir)) {
        u->dir[0] = '\0';
        u->broken = true;
        return;
    }
    u->post = mhd.MHD_create_post_processor(conn, 64 * 1024, upload_part, u);
    if (!u->post) u->broken = true;
}

static void remove_upload(Upload *u)
{
    if (u->file) fclose(u->file);
    u->file = NULL;
    if (u->post) mhd.MHD_destroy_post_processor(u->post);
    u->post = NULL;
    if (!u->dir[0]) return;
    for (int i = 1; i <= u->n_files; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%03d.csv", u->dir, i);
        unlink(path);
    }
    rmdir(u->dir);
    u->dir[0] = '\0';
}

static enum MHD_Result collect_param(void *arg, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    WebRequest *req = arg;
    if (req->n_params == WEB_MAX_PARAMS) {
        req->too_many_params = true;
        return MHD_NO;
    }
    req->params[req->n_params++] = (WebParam){key, value ? value : ""};
    return MHD_YES;
}

static void client_address(struct MHD_Connection *conn, char *out, size_t size)
{
    snprintf(out, size, "unknown");
    const union MHD_ConnectionInfo *info =
        mhd.MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr) return;
    const struct sockaddr *sa = info->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)size);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)size);
}

static enum MHD_Result send_response(struct MHD_Connection *conn, WebResponse *res)
{
    struct MHD_Response *r = mhd.MHD_create_response_from_buffer(
        res->body_len, res->body ? res->body : (void *)"",
        res->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    res->body = NULL;
    for (int i = 0; web_security_headers[i]; i += 2)
        mhd.MHD_add_response_header(r, web_security_headers[i], web_security_headers[i + 1]);
    if (res->content_type) mhd.MHD_add_response_header(r, "Content-Type", res->content_type);
    if (res->etag[0]) mhd.MHD_add_response_header(r, "ETag", res->etag);
    if (res->set_cookie[0]) mhd.MHD_add_response_header(r, "Set-Cookie", res->set_cookie);
    if (res->retry_after > 0) {
        char seconds[16];
        snprintf(seconds, sizeof seconds, "%d", res->retry_after);
        mhd.MHD_add_response_header(r, "Retry-After", seconds);
    }
    enum MHD_Result ok = mhd.MHD_queue_response(conn, (unsigned)res->status, r);
    mhd.MHD_destroy_response(r);
    return ok;
}

static bool is_sign_in(const char *url, const char *method)
{
    return strcmp(method, "POST") == 0 && strcmp(url, "/api/v1/session") == 0;
}

/* A sign-in, an import or an audited answer is done off the worker thread:
 * the server may stop once none is left (web_server_stop). */
static void job_ended(WebServer *s)
{
    pthread_mutex_lock(&s->jobs_lock);
    s->jobs--;
    pthread_cond_broadcast(&s->jobs_done);
    pthread_mutex_unlock(&s->jobs_lock);
}

static void *run_elsewhere(void *arg)
{
    ElsewhereJob *job = arg;
    WebServer *s = job->server;
    web_router_handle(s->app, &job->req, &job->res);
    job->give_back_place(s->app);
    atomic_store(&job->done, true);
    /* From here the worker thread answers and frees the job. */
    mhd.MHD_resume_connection(job->conn);
    job_ended(s);
    return NULL;
}

/* Suspends conn and answers req (its place already taken) on a thread of its
 * own; answer_job sends the answer once the connection is resumed. */
static void answer_elsewhere(WebServer *s, struct MHD_Connection *conn, Upload *u,
                             const WebRequest *req, void (*give_back_place)(WebApp *))
{
    ElsewhereJob *job = calloc(1, sizeof *job);
    if (!job) abort();
    job->server = s;
    job->conn = conn;
    job->req = *req;
    snprintf(job->origin, sizeof job->origin, "%s", req->origin);
    job->req.origin = job->origin;
    job->give_back_place = give_back_place;
    u->job = job;
    pthread_mutex_lock(&s->jobs_lock);
    s->jobs++;
    pthread_mutex_unlock(&s->jobs_lock);
    mhd.MHD_suspend_connection(conn);
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&thread, &attr, run_elsewhere, job) != 0) run_elsewhere(job);
    pthread_attr_destroy(&attr);
}

static void end_password_check(WebApp *app)
{
    web_sessions_end_check(app->sessions);
}

/* Answers req on a thread of its own when a place to check a password is
 * free (web_sessions_begin_check, taken here for the job). Returns false,
 * having done nothing, when none is free: the router then answers 429 at
 * once on this thread. */
static bool sign_in_elsewhere(WebServer *s, struct MHD_Connection *conn, Upload *u, WebRequest *req)
{
    if (!web_sessions_begin_check(s->app->sessions)) return false;
    req->sign_in_place_held = true;
    answer_elsewhere(s, conn, u, req, end_password_check);
    return true;
}

/* Answers the import req on a thread of its own when the server's import
 * place is free (taken here for the job). Returns false, having done nothing
 * but mark req as finding another import running, when it is not: the router
 * then answers on this thread (401, 403 or the 409 of a second import, all at
 * once). */
static bool import_elsewhere(WebServer *s, struct MHD_Connection *conn, Upload *u, WebRequest *req)
{
    if (!web_app_begin_import(s->app)) {
        req->import_place = WEB_IMPORT_PLACE_BUSY;
        return false;
    }
    req->import_place = WEB_IMPORT_PLACE_HELD;
    answer_elsewhere(s, conn, u, req, web_app_end_import);
    return true;
}

/* The answer of a request done elsewhere, once its connection is resumed. */
static enum MHD_Result answer_job(struct MHD_Connection *conn, Upload *u)
{
    if (!atomic_load(&u->job->done)) return MHD_YES; /* not yet: resumed early */
    enum MHD_Result ok = send_response(conn, &u->job->res);
    free(u->job);
    u->job = NULL;
    return ok;
}

/* The audit log's writer: the row committed or failed. */
static void audit_done(void *arg, int rc, const Err *err)
{
    AuditJob *job = arg;
    WebServer *s = job->server;
    job->rc = rc;
    if (rc < 0) job->err = *err;
    atomic_store(&job->done, true);
    /* From here the worker thread answers and frees the job. */
    mhd.MHD_resume_connection(job->conn);
    job_ended(s);
}

/* Suspends the connection until res's audit row has committed, then answers
 * (answer_audited). */
static enum MHD_Result audit_then_answer(WebServer *s, struct MHD_Connection *conn, Upload *u,
                                         WebResponse *res)
{
    AuditJob *job = calloc(1, sizeof *job);
    if (!job) abort();
    job->server = s;
    job->conn = conn;
    job->res = *res;
    u->audit_wait = job;
    pthread_mutex_lock(&s->jobs_lock);
    s->jobs++;
    pthread_mutex_unlock(&s->jobs_lock);
    /* Suspended before the row is queued, so that its commit cannot resume
     * the connection before it was suspended. */
    mhd.MHD_suspend_connection(conn);
    const WebAuditRow *row = &res->audit;
    Actor actor;
    Err err = {0};
    if (svc_audit_submit(s->app->audit, actor_named(&actor, row->user), row->action,
                         row->child[0] ? row->child : NULL, row->origin, audit_done, job, &err) < 0)
        audit_done(job, err.code, &err); /* nothing queued: answered 503 at once */
    return MHD_YES;
}

/* The answer of a view whose audit row is settled, once its connection is
 * resumed. */
static enum MHD_Result answer_audited(struct MHD_Connection *conn, Upload *u)
{
    AuditJob *job = u->audit_wait;
    if (!atomic_load(&job->done)) return MHD_YES; /* not yet: resumed early */
    web_audit_settled(&job->res, job->rc, &job->err);
    enum MHD_Result ok = send_response(conn, &job->res);
    free(job);
    u->audit_wait = NULL;
    return ok;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    (void)version;
    WebServer *server = cls;
    if (!*con_cls) {
        Upload *u = calloc(1, sizeof(Upload));
        if (!u) return MHD_NO;
        if (is_upload(conn, url, method)) start_upload(conn, u);
        *con_cls = u;
        return MHD_YES;
    }
    Upload *upload = *con_cls;
    if (upload->job) return answer_job(conn, upload);
    if (upload->audit_wait) return answer_audited(conn, upload);
    if (*upload_data_size) {
        if (upload->post && !upload->broken && !upload->upload_too_large &&
            mhd.MHD_post_process(upload->post, upload_data, *upload_data_size) != MHD_YES)
            upload->broken = !upload->upload_too_large;
        else if (!upload->post && !upload->dir[0])
            append_body(upload, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (upload->file) {
        fclose(upload->file);
        upload->file = NULL;
    }
    WebResponse res;
    if (strncmp(url, "/api/", 5) != 0 && strcmp(method, "GET") == 0) {
        web_static(server->app, url, &res);
        return send_response(conn, &res);
    }
    WebRequest req = {.method = method, .path = url};
    char origin[64];
    client_address(conn, origin, sizeof origin);
    req.origin = origin;
    mhd.MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_param, &req);
    req.session = mhd.MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "cp_session");
    req.csrf = mhd.MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
    req.if_none_match = mhd.MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
    req.body = upload->data;
    req.body_len = upload->len;
    req.body_too_large = upload->too_large;
    req.upload_dir = upload->dir[0] && upload->n_files ? upload->dir : NULL;
    req.upload_broken = upload->broken;
    req.upload_too_large = upload->upload_too_large;
    if (is_sign_in(url, method) && sign_in_elsewhere(server, conn, upload, &req)) return MHD_YES;
    if (is_upload(conn, url, method) && import_elsewhere(server, conn, upload, &req))
        return MHD_YES;
    req.audit_by_server = true;
    web_router_handle(server->app, &req, &res);
    if (res.audit.pending) return audit_then_answer(server, conn, upload, &res);
    return send_response(conn, &res);
}

static void request_done(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls, (void)conn, (void)code;
    Upload *u = *con_cls;
    if (u) {
        remove_upload(u);
        free(u->data);
        if (u->job) web_response_free(&u->job->res);
        free(u->job); /* done: a connection is never closed while suspended */
        if (u->audit_wait) web_response_free(&u->audit_wait->res);
        free(u->audit_wait);
    }
    free(u);
    *con_cls = NULL;
}

/* Parses "HOST:PORT" (IPv4) into addr. */
static int parse_listen(const char *listen, struct sockaddr_in *addr, Err *err)
{
    char host[64];
    const char *colon = strrchr(listen, ':');
    char *end;
    long port = colon ? strtol(colon + 1, &end, 10) : -1;
    if (!colon || (size_t)(colon - listen) >= sizeof host || colon[1] == '\0' || *end || port < 0 ||
        port > 65535)
        return service_invalid(err, "listen", "'%s' is not HOST:PORT", listen);
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &addr->sin_addr) != 1)
        return service_invalid(err, "listen", "'%s' is not an IPv4 address", host);
    return 0;
}

int web_server_start(WebApp *app, const char *listen, int threads, WebServer **out, Err *err)
{
    struct sockaddr_in addr;
    if (parse_listen(listen, &addr, err) < 0) return err->code;
    if (dynlib_open(&mhd_lib, err) < 0) return err->code;
    WebServer *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->app = app;
    pthread_mutex_init(&s->jobs_lock, NULL);
    pthread_cond_init(&s->jobs_done, NULL);
    s->daemon =
        mhd.MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
                                 MHD_ALLOW_SUSPEND_RESUME,
                             0, NULL, NULL, answer, s, MHD_OPTION_SOCK_ADDR,
                             (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
                             (unsigned)(threads > 0 ? threads : 1), MHD_OPTION_NOTIFY_COMPLETED,
                             request_done, s, MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
    if (!s->daemon) {
        pthread_mutex_destroy(&s->jobs_lock);
        pthread_cond_destroy(&s->jobs_done);
        free(s);
        return err_set(err, ERR_UNAVAILABLE, "cannot listen on %s (is the port taken?)", listen);
    }
    *out = s;
    return 0;
}

int web_server_port(const WebServer *s)
{
    const union MHD_DaemonInfo *info =
        mhd.MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

void web_server_stop(WebServer *s)
{
    if (!s) return;
    /* A sign-in or an import being answered elsewhere resumes its
     * connection when done: the daemon must outlive it. */
    pthread_mutex_lock(&s->jobs_lock);
    while (s->jobs > 0) pthread_cond_wait(&s->jobs_done, &s->jobs_lock);
    pthread_mutex_unlock(&s->jobs_lock);
    mhd.MHD_stop_daemon(s->daemon);
    pthread_mutex_destroy(&s->jobs_lock);
    pthread_cond_destroy(&s->jobs_done);
    free(s);
}

/* ---- The dashboard's files -------------------------------------------------- */

static const char *content_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".json", "application/json"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0) return types[i].type;
    return "application/octet-stream";
}

static bool read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    size_t cap = 1 << 16;
    *data = malloc(cap);
    *len = 0;
    size_t got;
    while (*data && (got = fread(*data + *len, 1, cap - *len, f)) > 0) {
        *len += got;
        if (*len == cap) *data = realloc(*data, cap *= 2);
    }
    fclose(f);
    if (!*data) abort();
    return true;
}

void web_static(const WebApp *app, const char *path, WebResponse *res)
{
    memset(res, 0, sizeof *res);
    char name[512];
    /* No way out of the folder, and no hidden files. A path not beginning
     * with '/' (an empty one: a request line whose URL starts with a NUL
     * byte) names no file; below, its last character would be read from
     * before it (found by fuzz_http). */
    if (path[0] != '/' || strstr(path, "..") || strstr(path, "/.") || strlen(path) > 400) {
        web_error(res, 404, "not_found", NULL, "no file %.100s", path);
        return;
    }
    snprintf(name, sizeof name, "web%s%s", path, path[strlen(path) - 1] == '/' ? "index.html" : "");
    if (app->webroot) {
        char full[1024];
        snprintf(full, sizeof full, "%s/%s", app->webroot, name + 4);
        if (!read_file(full, &res->body, &res->body_len)) {
            web_error(res, 404, "not_found", NULL, "no file %.100s", path);
            return;
        }
    } else {
        const EmbeddedFile *f = embed_find(name);
        if (!f) {
            web_error(res, 404, "not_found", NULL, "no file %.100s", path);
            return;
        }
        res->body = malloc(f->len + 1);
        if (!res->body) abort();
        memcpy(res->body, f->data, f->len);
        res->body_len = f->len;
    }
    res->status = 200;
    res->content_type = content_type(name);
}
