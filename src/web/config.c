/* config: see config.h. */
#include "web/config.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/session.h"

void web_config_defaults(WebConfig *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->listen, sizeof c->listen, "127.0.0.1:8080");
    c->threads = 4;
    c->session_seconds = WEB_SESSION_SECONDS;
    c->session_recheck = WEB_SESSION_RECHECK_SECONDS;
    c->sign_ins_per_minute = WEB_SIGN_INS_PER_MINUTE;
}

typedef enum SettingKind {
    SETTING_TEXT,
    SETTING_NUMBER,
    SETTING_FLAG,
    SETTING_REFUSED
} SettingKind;

/* The keys of the file. A TLS key is refused with the reason: the server
 * speaks plain HTTP on loopback, TLS is the reverse proxy's (docs/deploy.md). */
static const struct {
    const char *key;
    SettingKind kind;
    long min, max; /* numbers: the range accepted */
    size_t offset; /* of the field in WebConfig */
    size_t size;   /* text: the field's size; numbers: what one unit is in the field */
} settings[] = {
    {"listen", SETTING_TEXT, 0, 0, offsetof(WebConfig, listen), sizeof(((WebConfig *)0)->listen)},
    {"threads", SETTING_NUMBER, 1, 256, offsetof(WebConfig, threads), 1},
    {"session_minutes", SETTING_NUMBER, 1, 7 * 24 * 60, offsetof(WebConfig, session_seconds), 60},
    {"session_recheck_seconds", SETTING_NUMBER, 1, 3600, offsetof(WebConfig, session_recheck), 1},
    {"sign_ins_per_minute", SETTING_NUMBER, 1, 10000, offsetof(WebConfig, sign_ins_per_minute), 1},
    {"secure_cookies", SETTING_FLAG, 0, 0, offsetof(WebConfig, secure_cookies), 0},
    {"webroot", SETTING_TEXT, 0, 0, offsetof(WebConfig, webroot),
     sizeof(((WebConfig *)0)->webroot)},
    {"tls_certificate", SETTING_REFUSED, 0, 0, 0, 0},
    {"tls_key", SETTING_REFUSED, 0, 0, 0, 0},
};
enum { N_SETTINGS = sizeof settings / sizeof settings[0] };

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) s++;
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1])) *--end = '\0';
    return s;
}

static int bad(Err *err, const char *path, long line, const char *key, const char *fmt,
               const char *value)
{
    err_at(err, ERR_USAGE, path, line, 0, key, fmt, value);
    return ERR_USAGE;
}

/* Stores value under setting i of c. */
static int apply(WebConfig *c, int i, const char *value, const char *path, long line, Err *err)
{
    char *field = (char *)c + settings[i].offset;
    const char *key = settings[i].key;
    switch (settings[i].kind) {
    case SETTING_TEXT:
        if (!*value || strlen(value) >= settings[i].size)
            return bad(err, path, line, key, "'%s' is empty or too long", value);
        memcpy(field, value, strlen(value) + 1);
        return 0;
    case SETTING_NUMBER: {
        char *end;
        errno = 0;
        long n = strtol(value, &end, 10);
        if (errno || end == value || *end || n < settings[i].min || n > settings[i].max) {
            err_at(err, ERR_USAGE, path, line, 0, key, "'%s' is not a whole number from %ld to %ld",
                   value, settings[i].min, settings[i].max);
            return ERR_USAGE;
        }
        *(int *)field = (int)n * (int)settings[i].size;
        return 0;
    }
    case SETTING_FLAG:
        if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
            return bad(err, path, line, key, "'%s' is not yes or no", value);
        *(bool *)field = strcmp(value, "yes") == 0;
        return 0;
    case SETTING_REFUSED:
        return bad(err, path, line, key,
                   "the server does not terminate TLS ('%s'): put it behind a reverse proxy that "
                   "does and set secure_cookies = yes (docs/deploy.md)",
                   value);
    }
    return 0;
}

/* Parses one line (already without its comment); seen marks the keys given. */
static int parse_line(WebConfig *c, char *text, const char *path, long line, bool seen[], Err *err)
{
    char *s = trim(text);
    if (!*s) return 0;
    char *eq = strchr(s, '=');
    if (!eq) return bad(err, path, line, NULL, "'%s' is not key = value", s);
    *eq = '\0';
    char *key = trim(s), *value = trim(eq + 1);
    for (int i = 0; i < N_SETTINGS; i++) {
        if (strcmp(settings[i].key, key) != 0) continue;
        if (seen[i]) return bad(err, path, line, key, "'%s' is given twice", key);
        seen[i] = true;
        return apply(c, i, value, path, line, err);
    }
    return bad(err, path, line, key,
               "no setting '%s' (listen, threads, session_minutes, session_recheck_seconds, "
               "sign_ins_per_minute, secure_cookies, webroot)",
               key);
}

int web_config_load(const char *path, WebConfig *c, Err *err)
{
    FILE *in = fopen(path, "r");
    if (!in) return err_set(err, ERR_USAGE, "cannot read the configuration %s", path);
    bool seen[N_SETTINGS] = {0};
    char buf[1024];
    long line = 0;
    int rc = 0;
    while (rc == 0 && fgets(buf, sizeof buf, in)) {
        line++;
        if (!strchr(buf, '\n') && !feof(in)) {
            rc = bad(err, path, line, NULL, "%s", "the line is longer than 1023 characters");
            break;
        }
        buf[strcspn(buf, "#")] = '\0';
        rc = parse_line(c, buf, path, line, seen, err);
    }
    fclose(in);
    return rc;
}
