/* cmd_serve: carepledge serve --db FILE [--config FILE] [--listen 127.0.0.1:8080]
 *            [--threads N] [--webroot DIR] [--secure-cookies] [--holidays FILE]
 *            [--catalogue FILE]
 * The settings come from the defaults, then the --config file (web/config.h),
 * then the flags given.
 * Loads the context and a snapshot of the database and serves the JSON API and
 * the dashboard (web/server.h) until interrupted (SIGINT or SIGTERM).
 *
 * carepledge api-doc: writes docs/api.md from the route table (web/router.h). */
#include "cli/cli.h"
#include "cli/commands.h"
#include "render/chart.h"

#include "web/config.h"
#include "web/router.h"
#include "web/server.h"

#include <signal.h>
#include <stdio.h>

static const CliOption serve_options[] = {
    {"db", "FILE", "the Carepledge database", NULL, true, 0, 0, NULL},
    {"config", "FILE",
     "settings: listen, threads, session_minutes, session_recheck_seconds, "
     "sign_ins_per_minute, secure_cookies, webroot (docs/web.md); flags override them",
     NULL, false, 0, 0, NULL},
    {"listen", "HOST:PORT", "the address to listen on (default 127.0.0.1:8080; port 0: any free)",
     NULL, false, 0, 0, NULL},
    {"threads", "N", "worker threads (default 4)", cli_check_number, false, 1, 256, NULL},
    {"webroot", "DIR", "serve the dashboard from DIR instead of the copy built in", NULL, false, 0,
     0, NULL},
    {"secure-cookies", NULL, "mark the session cookie Secure (behind a TLS proxy: docs/deploy.md)",
     NULL, false, 0, 0, NULL},
    {"holidays", "FILE", "the council's changes to the bank holidays (docs/calendar.md)", NULL,
     false, 0, 0, NULL},
    {"catalogue", "FILE", "the council's copy of the indicator catalogue", NULL, false, 0, 0, NULL},
};

static volatile sig_atomic_t stop_requested;

static void request_stop(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void wait_for_signal(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = request_stop;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigset_t none;
    sigemptyset(&none);
    while (!stop_requested) sigsuspend(&none);
}

/* The settings: defaults, then the --config file, then the flags. */
static int serve_config(const CliArgs *args, WebConfig *c, Err *err)
{
    web_config_defaults(c);
    if (cli_text(args, "config") && web_config_load(cli_text(args, "config"), c, err) < 0)
        return err->code;
    if (cli_text(args, "listen"))
        snprintf(c->listen, sizeof c->listen, "%s", cli_text(args, "listen"));
    if (cli_value(args, "threads")->given) c->threads = (int)cli_value(args, "threads")->number;
    if (cli_text(args, "webroot"))
        snprintf(c->webroot, sizeof c->webroot, "%s", cli_text(args, "webroot"));
    if (cli_flag(args, "secure-cookies")) c->secure_cookies = true;
    return 0;
}

static int run_serve(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    (void)actor;
    WebConfig config;
    if (serve_config(args, &config, err) < 0) return err->code;
    WebApp app = {.secure_cookies = config.secure_cookies,
                  .webroot = config.webroot[0] ? config.webroot : NULL,
                  .limits = {.session_seconds = config.session_seconds,
                             .recheck_seconds = config.session_recheck,
                             .sign_ins_per_minute = config.sign_ins_per_minute}};
    if (web_app_open(&app, cli_text(args, "db"), ctx, err) < 0) return err->code;
    WebServer *server;
    if (web_server_start(&app, config.listen, config.threads, &server, err) < 0) {
        web_app_close(&app);
        return err->code;
    }
    printf("serving %s (%d children, commit %lld) on http://127.0.0.1:%d/\n", app.db_path,
           app.snapshot->ds.n_children, app.snapshot->ds.commit, web_server_port(server));
    printf("sign in with a user of `carepledge user add`; stop with Ctrl-C\n");
    fflush(stdout);
    wait_for_signal();
    web_server_stop(server);
    /* How well the audit's group commit batched (bench/web.sh reads it). */
    SvcAuditStats audit;
    svc_audit_stats(app.audit, &audit);
    printf("audit log: %lld rows in %lld commits (largest %lld)\n", audit.rows, audit.batches,
           audit.largest);
    /* How the snapshot was brought up to date (docs/web.md, "What a save costs"). */
    printf("snapshot: %d saves patched, %d loads of the whole history\n",
           atomic_load(&app.saves_patched), atomic_load(&app.loads_whole));
    web_app_close(&app);
    chart_free_caches(); /* the fonts the pack and the charts loaded */
    return CLI_EXIT_OK;
}

const CliCommand cmd_serve = {
    "serve",       "serve the JSON API and the dashboard (loopback by default)",
    serve_options, (int)(sizeof serve_options / sizeof serve_options[0]),
    NULL,          false,
    run_serve,     CONTEXT_ALL,
};

static const CliOption api_doc_options[] = {CLI_OPTION_OUT};

static int run_api_doc(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    (void)ctx, (void)actor, (void)err;
    web_api_doc(args->out);
    return CLI_EXIT_OK;
}

const CliCommand cmd_api_doc = {
    "api-doc",
    "write docs/api.md (the JSON API's routes) to standard output",
    api_doc_options,
    1,
    NULL,
    false,
    run_api_doc,
    0,
};
