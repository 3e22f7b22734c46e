/* svc_validate: the validation use case — a 903 return checked against the
 * DfE's rules of a collection year (validate/), read from files and folders
 * (base/walk, one level) or, from a database, the stored return of a year as
 * its files would hold it. The reports are written by the caller from the
 * result (validate/vreport.h). */
#ifndef CAREPLEDGE_SVC_VALIDATE_H
#define CAREPLEDGE_SVC_VALIDATE_H

#include "service/context.h"
#include "service/service.h"

typedef struct ValidateRequest {
    char *const *paths; /* this year's files or the folders holding them */
    int n_paths;
    const char *prev_path; /* last year's file or folder, or NULL */
    const char *db_path;   /* instead of files: the return stored in this database */
    int year;    /* collection end year; 0: inferred from the episodes, or the latest stored */
    int ruleset; /* the rules of this year; 0: the year's own */
    const char *postcodes;  /* the ONS Postcode Directory, or NULL */
    const char *la;         /* the council's own authority code, or NULL */
    char *const *providers; /* Ofsted's provider lists */
    int n_providers;
} ValidateRequest;

typedef struct ValidateResult {
    VReturn ret;
    VResult res;
    int year, ruleset;
    char **notes; /* things the user should know that are not failures */
    int n_notes, cap_notes;
    ErrList problems;   /* why a file could not be used, located */
    Ssda903Marks marks; /* with a database: its marked values (res.marks points here) */
} ValidateResult;

/* Validates with the context's rule set of the year and its code lists
 * (CONTEXT_RULES | CONTEXT_CODES). Returns 0 (out->res.n_failed_rules says whether rules fail) or a
 * negative code: ERR_USAGE (the request, err->param naming the parameter),
 * ERR_INPUT (a file cannot be used: the reasons in out->problems), ERR_IO or
 * ERR_DB. Free out with svc_validate_free either way. */
int svc_validate_run(const AppContext *ctx, const ValidateRequest *req, const Actor *actor,
                     ValidateResult *out, Err *err);
void svc_validate_free(ValidateResult *r);

#endif
