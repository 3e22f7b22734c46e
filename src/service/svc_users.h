/* svc_users: the people who sign in to the web application — their accounts
 * (add, password, role, disable, list), their caseloads, signing in with an
 * argon2id password and lock-out after repeated failures — and the roles as
 * sets of capabilities, which the web router checks before any handler runs
 * (docs/web.md). */
#ifndef CAREPLEDGE_SVC_USERS_H
#define CAREPLEDGE_SVC_USERS_H

#include "base/err.h"
#include "service/service.h"

#include <stdbool.h>
#include <time.h>

/* What a role may do. A route names the one capability it needs. */
enum {
    CAP_CHILD_READ = 1u << 0,    /* open a child's record */
    CAP_CHILD_WRITE = 1u << 1,   /* record or correct a child's records */
    CAP_WORKLIST = 1u << 2,      /* the due items of a caseload */
    CAP_ALL_CHILDREN = 1u << 3,  /* the caseload is every child (else the allocated ones) */
    CAP_AGGREGATE = 1u << 4,     /* published, suppressed reports: profile, scorecard */
    CAP_REPORTS = 1u << 5,       /* unpublished reports naming children: leavers, compliance */
    CAP_IMPORT = 1u << 6,        /* upload a 903 return or record templates */
    CAP_VALIDATION = 1u << 7,    /* the validation of the stored return */
    CAP_REFERENCE = 1u << 8,     /* the calendar and the indicator catalogue */
    CAP_USERS = 1u << 9,         /* manage accounts */
    CAP_AUDIT = 1u << 10,        /* read the audit log */
    CAP_SURVEY = 1u << 11,       /* answer the young people's survey (with a code) */
    CAP_SURVEY_ADMIN = 1u << 12, /* open survey rounds and issue their codes */
    CAP_GOVERNANCE =
        1u << 13, /* the groups, meetings, CiCC issues, action plan (docs/governance.md) */
    CAP_GOVERNANCE_WRITE = 1u << 14, /* record meetings, raise and answer CiCC issues, ... */
    CAP_COUNT = 15,
};

/* "child_read", ... by bit index. */
const char *svc_capability_name(int bit);

typedef struct Role {
    const char *name;
    unsigned capabilities;
    const char *summary;
} Role;

extern const Role svc_roles[];
extern const int svc_n_roles;
/* The role named, or NULL. */
const Role *svc_role(const char *name);

enum {
    SVC_USERS_MAX_FAILURES = 5, /* sign-ins failed in a row before the lock */
    SVC_USERS_LOCK_SECONDS = 15 * 60,
    SVC_USERS_MIN_PASSWORD = 12, /* characters */
};

typedef struct UserChange {
    const char *name;
    const char *role;     /* NULL: unchanged (add: required) */
    const char *password; /* NULL: unchanged (add: required) */
    const char *sw_id;    /* NULL: unchanged; the 903 SW_ID of a social worker */
    int disabled;         /* -1 unchanged, 0 enable, 1 disable */
    /* NULL: unchanged; the council (DfE LA code) the user works for in a
     * pooled database, "" the partnership (docs/postgresql.md) */
    const char *council;
} UserChange;

/* Adds a user (ERR_CONFLICT when the name is taken) or changes one
 * (ERR_NOT_FOUND when there is none). The password is hashed with argon2id;
 * ERR_USAGE for an unknown role or a password under SVC_USERS_MIN_PASSWORD. */
int svc_user_add(const char *db_path, const UserChange *u, const Actor *actor, Err *err);
int svc_user_change(const char *db_path, const UserChange *u, const Actor *actor, Err *err);
/* Allocates a child to a user's caseload. */
int svc_user_allocate(const char *db_path, const char *user, const char *child, const Actor *actor,
                      Err *err);

typedef struct UserInfo {
    char name[64];
    char role[32];
    char sw_id[64];
    bool disabled;
    bool locked;
} UserInfo;
/* Every user, in name order; free *out with free(). */
int svc_user_list(const char *db_path, const Actor *actor, UserInfo **out, int *n, Err *err);

/* A password of n random letters and digits (n < size), for a new account. */
void svc_user_generate_password(char *out, size_t size, int n);

typedef struct SignIn {
    char user[64];
    const Role *role;
    char **caseload; /* the allocated children, sorted (empty with CAP_ALL_CHILDREN) */
    int n_caseload;
} SignIn;

/* Checks name and password at time now. A wrong password counts a failure and
 * locks the account after SVC_USERS_MAX_FAILURES; a locked or disabled account
 * is refused even with the right password. Every refusal is ERR_FORBIDDEN with
 * one message, which does not say which part was wrong. At most a few
 * verifications run at once (each takes 64 MiB); the rest wait. Free out with
 * svc_sign_in_free. */
struct Store;
struct StoreUser;
/* Whether u may sign in through s: a user works for one council (or for the
 * partnership, ""), and a store for one council or, opened without
 * STORE_COUNCIL_ENV, for every council; the two must be the same, so that a
 * council's user never signs in where other councils' children are loaded. */
bool svc_user_works_here(struct Store *s, const struct StoreUser *u);

int svc_sign_in(const char *db_path, const char *name, const char *password, time_t now,
                SignIn *out, Err *err);
void svc_sign_in_free(SignIn *s);

#endif
