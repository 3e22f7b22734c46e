/* svc_users: see svc_users.h. */
#include "service/svc_users.h"

#include "store/auth.h"

#include <ctype.h>
#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const capability_names[CAP_COUNT] = {
    "child_read", "child_write", "worklist",     "all_children", "aggregate",
    "reports",    "import",      "validation",   "reference",    "users",
    "audit",      "survey",      "survey_admin", "governance",   "governance_write",
};

const char *svc_capability_name(int bit)
{
    return bit >= 0 && bit < CAP_COUNT ? capability_names[bit] : "";
}

enum {
    CASEWORK = CAP_CHILD_READ | CAP_CHILD_WRITE | CAP_WORKLIST | CAP_REFERENCE,
    ANALYSIS = CAP_AGGREGATE | CAP_REPORTS | CAP_IMPORT | CAP_VALIDATION | CAP_REFERENCE,
};

/* Issue 10 item 6: a councillor sees aggregate, suppressed reports and never a
 * child. Issue 11 item 5: a young person sees only the survey (docs/survey.md). */
const Role svc_roles[] = {
    {"administrator", (1u << CAP_COUNT) - 1, "everything, and accounts and the audit log"},
    {"manager",
     CASEWORK | CAP_ALL_CHILDREN | CAP_AGGREGATE | CAP_REPORTS | CAP_VALIDATION | CAP_SURVEY_ADMIN |
         CAP_GOVERNANCE | CAP_GOVERNANCE_WRITE,
     "every child, compliance across teams"},
    {"social_worker", CASEWORK, "their own caseload"},
    {"personal_adviser", CASEWORK, "their own caseload of care leavers"},
    {"reviewing_officer", CAP_CHILD_READ | CAP_WORKLIST | CAP_REFERENCE,
     "the reviews of their caseload"},
    {"data_analyst", ANALYSIS | CAP_GOVERNANCE,
     "import, validation and reports; no child's record"},
    {"councillor", CAP_AGGREGATE | CAP_REFERENCE | CAP_GOVERNANCE,
     "published, suppressed reports only, and the governance of the Pledge"},
    {"young_person", CAP_SURVEY, "the Pledge survey, answered with a code, and nothing else"},
    /* Issue 11: Action for Children's participation worker, who records the
     * CiCC's meetings, its issues and their answers; never a child's record. */
    {"cicc_facilitator", CAP_GOVERNANCE | CAP_GOVERNANCE_WRITE | CAP_REFERENCE,
     "the Children in Care Council's meetings, issues and answers; no child's record"},
};
const int svc_n_roles = (int)(sizeof svc_roles / sizeof svc_roles[0]);

const Role *svc_role(const char *name)
{
    for (int i = 0; name && i < svc_n_roles; i++)
        if (strcmp(svc_roles[i].name, name) == 0) return &svc_roles[i];
    return NULL;
}

static int open_store(const char *db_path, Store **s, Err *err)
{
    if (sodium_init() < 0) return err_set(err, ERR_INTERNAL, "libsodium cannot start");
    return store_open(db_path, s, err);
}

/* argon2id with libsodium's interactive limits (2 passes, 64 MiB). */
static int hash_password(const char *password, char out[160], Err *err)
{
    char hashed[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hashed, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return err_set(err, ERR_UNAVAILABLE, "not enough memory to hash a password");
    snprintf(out, 160, "%s", hashed);
    return 0;
}

/* "" (the partnership) or one to fifteen letters and digits. */
static bool council_ok(const char *code)
{
    size_t n = strlen(code);
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)code[i])) return false;
    return n < 16;
}

static int check_change(const UserChange *u, Err *err)
{
    if (!u->name || !*u->name || strlen(u->name) >= 64)
        return service_invalid(err, "name", "a user name of 1 to 63 characters is needed");
    if (u->role && !svc_role(u->role))
        return service_invalid(err, "role", "no role '%s' (see docs/web.md)", u->role);
    if (u->council && !council_ok(u->council))
        return service_invalid(err, "council",
                               "'%s' is not a council's code: give its DfE LA number, as 835",
                               u->council);
    if (u->password && strlen(u->password) < SVC_USERS_MIN_PASSWORD)
        return service_invalid(err, "password", "a password needs at least %d characters",
                               SVC_USERS_MIN_PASSWORD);
    return 0;
}

/* Now as the store writes times: UTC, ISO 8601. */
static void now_utc(char at[32])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(at, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Applies the fields u gives to user. */
static int apply_change(StoreUser *user, const UserChange *u, Err *err)
{
    if (u->role) snprintf(user->role, sizeof user->role, "%s", u->role);
    if (u->sw_id) snprintf(user->sw_id, sizeof user->sw_id, "%s", u->sw_id);
    if (u->council) snprintf(user->council, sizeof user->council, "%s", u->council);
    if (u->disabled >= 0) user->disabled = u->disabled;
    if (u->password) {
        if (hash_password(u->password, user->pwhash, err) < 0) return err->code;
        user->failures = 0; /* a new password lifts a lock-out */
        user->locked_until[0] = '\0';
    }
    return 0;
}

int svc_user_add(const char *db_path, const UserChange *u, const Actor *actor, Err *err)
{
    if (service_check_actor(actor, err) < 0 || check_change(u, err) < 0) return err->code;
    if (!u->role) return service_invalid(err, "role", "a new user needs a role");
    if (!u->password) return service_invalid(err, "password", "a new user needs a password");
    StoreUser user = {0};
    snprintf(user.name, sizeof user.name, "%s", u->name);
    Store *s;
    if (apply_change(&user, u, err) < 0 || open_store(db_path, &s, err) < 0) return err->code;
    int rc = store_user_add(s, &user, err);
    store_close(s);
    return rc;
}

int svc_user_change(const char *db_path, const UserChange *u, const Actor *actor, Err *err)
{
    if (service_check_actor(actor, err) < 0 || check_change(u, err) < 0) return err->code;
    Store *s;
    if (open_store(db_path, &s, err) < 0) return err->code;
    StoreUser user;
    int rc = store_user_get(s, u->name, &user, err);
    if (rc == 0) rc = apply_change(&user, u, err);
    if (rc == 0) rc = store_user_update(s, &user, err);
    /* A disabled user, or one whose role or password changed, is signed out
     * everywhere: a session must not outlive what allowed it. */
    int revoked;
    char at[32];
    now_utc(at);
    if (rc == 0 && (u->disabled == 1 || u->role || u->password))
        rc = store_sessions_revoke_user(s, u->name, at, &revoked, err);
    store_close(s);
    return rc;
}

int svc_user_allocate(const char *db_path, const char *user, const char *child, const Actor *actor,
                      Err *err)
{
    if (service_check_actor(actor, err) < 0) return err->code;
    if (!child || !*child) return service_invalid(err, "child", "a child's id is needed");
    Store *s;
    if (open_store(db_path, &s, err) < 0) return err->code;
    StoreUser u;
    int rc = store_user_get(s, user, &u, err);
    if (rc == 0) rc = store_allocation_add(s, user, child, err);
    store_close(s);
    return rc;
}

/* The time as the store writes it: UTC, ISO 8601, which sorts as text. */
static void format_utc(time_t t, char out[32])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int svc_user_list(const char *db_path, const Actor *actor, UserInfo **out, int *n, Err *err)
{
    *out = NULL;
    *n = 0;
    if (service_check_actor(actor, err) < 0) return err->code;
    Store *s;
    if (open_store(db_path, &s, err) < 0) return err->code;
    StoreUser *users;
    int rc = store_user_list(s, &users, n, err);
    store_close(s);
    if (rc < 0) return rc;
    char now[32];
    format_utc(time(NULL), now);
    *out = calloc((size_t)*n + 1, sizeof **out);
    if (!*out) abort();
    for (int i = 0; i < *n; i++) {
        UserInfo *info = &(*out)[i];
        memcpy(info->name, users[i].name, sizeof info->name);
        memcpy(info->role, users[i].role, sizeof info->role);
        memcpy(info->sw_id, users[i].sw_id, sizeof info->sw_id);
        info->disabled = users[i].disabled;
        info->locked = users[i].locked_until[0] && strcmp(users[i].locked_until, now) > 0;
    }
    free(users);
    return 0;
}

void svc_user_generate_password(char *out, size_t size, int n)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    if (sodium_init() < 0) abort();
    int i = 0;
    for (; i < n && (size_t)i + 1 < size; i++)
        out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof alphabet - 1))];
    out[i] = '\0';
}

/* ---- Signing in ------------------------------------------------------------- */

/* Bounds the argon2id verifications running at once: each takes 64 MiB and a
 * core for about a tenth of a second, and a burst of sign-ins must not take
 * every worker thread or the memory from the requests reading the snapshot. */
enum { MAX_VERIFICATIONS = 2 };
static sem_t verify_slots;
static pthread_once_t verify_once = PTHREAD_ONCE_INIT;

static void init_verify_slots(void)
{
    sem_init(&verify_slots, 0, MAX_VERIFICATIONS);
}

static bool password_matches(const char *pwhash, const char *password)
{
    pthread_once(&verify_once, init_verify_slots);
    sem_wait(&verify_slots);
    bool ok = crypto_pwhash_str_verify(pwhash, password, strlen(password)) == 0;
    sem_post(&verify_slots);
    return ok;
}

static int refuse(Err *err)
{
    return err_set(err, ERR_FORBIDDEN,
                   "the user name or password is wrong, or the account is locked or disabled");
}

/* Counts a failure, locking the account after SVC_USERS_MAX_FAILURES. */
static void count_failure(Store *s, StoreUser *u, time_t now)
{
    u->failures++;
    if (u->failures >= SVC_USERS_MAX_FAILURES)
        format_utc(now + SVC_USERS_LOCK_SECONDS, u->locked_until);
    Err ignored;
    store_user_update(s, u, &ignored);
}

bool svc_user_works_here(Store *s, const StoreUser *u)
{
    return strcmp(u->council, store_council(s)) == 0;
}

static int check_password(Store *s, const char *name, const char *password, time_t now,
                          StoreUser *u, Err *err)
{
    if (store_user_get(s, name, u, err) < 0) {
        /* Spend the same time as for a real user, so that timing does not
         * tell which names exist. */
        char dummy[160];
        if (hash_password(password, dummy, err) == 0) password_matches(dummy, "");
        return refuse(err);
    }
    char now_text[32];
    format_utc(now, now_text);
    if (u->disabled || (u->locked_until[0] && strcmp(u->locked_until, now_text) > 0))
        return refuse(err);
    if (!password_matches(u->pwhash, password)) {
        count_failure(s, u, now);
        return refuse(err);
    }
    if (!svc_user_works_here(s, u))
        return err_set(err, ERR_FORBIDDEN,
                       "%s works for %s%s, and this server for %s%s: sign in on your council's "
                       "server",
                       u->name, u->council[0] ? "council " : "",
                       u->council[0] ? u->council : "the partnership",
                       store_council(s)[0] ? "council " : "",
                       store_council(s)[0] ? store_council(s) : "every council");
    if (u->failures || u->locked_until[0]) {
        u->failures = 0;
        u->locked_until[0] = '\0';
        if (store_user_update(s, u, err) < 0) return err->code;
    }
    return 0;
}

int svc_sign_in(const char *db_path, const char *name, const char *password, time_t now,
                SignIn *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (!name || !password || strlen(name) >= 64) return refuse(err);
    Store *s;
    if (open_store(db_path, &s, err) < 0) return err->code;
    StoreUser u;
    int rc = check_password(s, name, password, now, &u, err);
    if (rc == 0) {
        snprintf(out->user, sizeof out->user, "%s", u.name);
        out->role = svc_role(u.role);
        if (!out->role) rc = refuse(err);
    }
    if (rc == 0 && !(out->role->capabilities & CAP_ALL_CHILDREN))
        rc = store_caseload(s, u.name, &out->caseload, &out->n_caseload, err);
    store_close(s);
    if (rc < 0) svc_sign_in_free(out);
    return rc;
}

void svc_sign_in_free(SignIn *s)
{
    store_strings_free(s->caseload, s->n_caseload);
    s->caseload = NULL;
    s->n_caseload = 0;
}
