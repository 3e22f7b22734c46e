/* config: the settings of `carepledge serve`, from a file given with
 * --config (docs/web.md, "Configuration"), under the command line's flags.
 * The file is lines of `key = value`; `#` starts a comment; an unknown key, a
 * repeated key or a value out of range is an error naming the file, the line
 * and the key. The settings are fixed once the server starts. */
#ifndef CAREPLEDGE_WEB_CONFIG_H
#define CAREPLEDGE_WEB_CONFIG_H

#include "base/err.h"

#include <stdbool.h>

typedef struct WebConfig {
    char listen[128];        /* HOST:PORT */
    int threads;             /* worker threads */
    int session_seconds;     /* a session's life from sign-in */
    int session_recheck;     /* seconds between re-reading a session from the database */
    int sign_ins_per_minute; /* per client address */
    bool secure_cookies;     /* Secure on the cookie: the server is behind TLS */
    char webroot[512];       /* "" : the dashboard built into the binary */
} WebConfig;

/* The defaults: loopback port 8080, 4 threads, 8-hour sessions re-checked
 * every 30 s, 10 sign-ins a minute per address, no Secure cookie. */
void web_config_defaults(WebConfig *c);
/* Reads path over what c holds. Returns 0 or ERR_USAGE (the file cannot be
 * read, or a line is wrong: err names path, line and key). */
int web_config_load(const char *path, WebConfig *c, Err *err);

#endif
