/* svc_due: the worklist of statutory timescales (svc_due_run: what each child
 * and care leaver is owed on a date, and what is overdue) and how well they
 * were kept over a period (svc_compliance_run). Both count working days on
 * the context's calendar; the rules are domain/due.c (docs/due.md). */
#ifndef CAREPLEDGE_SVC_DUE_H
#define CAREPLEDGE_SVC_DUE_H

#include "domain/compliance.h"
#include "domain/due.h"
#include "service/context.h"
#include "service/service.h"

/* What the rules read (STORE_LOAD_*): episodes, 903 reviews, OC3 and the
 * local records; not OC2, missing or adoption. */
extern const unsigned svc_due_parts;

typedef struct DueRequest {
    Date at;
    int within;        /* only items due within this many days of at; -1: any */
    bool overdue_only; /* only items overdue on at */
    const char *child; /* only this child's items; NULL: everyone's */
} DueRequest;

typedef struct DueRow {
    const char *child; /* the child's id, in the Dataset read */
    DueEntry entry;
} DueRow;

typedef struct DueResult {
    DueRow *rows; /* by child, then in the order domain/due gives */
    int n_rows;
    Dataset owned;
    ServiceMarked marked; /* marked values read as unknown (service.h) */
} DueResult;

/* The worklist on req->at. Returns 0, ERR_NOT_FOUND (req->child is not in the
 * history; err->param "child") or a loading error. Free out with
 * svc_due_free either way. */
int svc_due_run(const AppContext *ctx, const ServiceData *data, const DueRequest *req,
                const Actor *actor, DueResult *out, Err *err);
void svc_due_free(DueResult *r);

typedef struct ComplianceRequest {
    Date from, to; /* the period, both days included */
    int threads;   /* 0: one per processor; the counts never depend on it */
} ComplianceRequest;

typedef struct ComplianceResult {
    Compliance counts;    /* per item: fell due, on time, late, not done */
    ServiceMarked marked; /* marked values read as unknown (service.h) */
} ComplianceResult;

/* The counts over the period. Returns 0, ERR_USAGE (the period ends before it
 * starts; err->param "to") or a loading error. Free out with
 * svc_compliance_free either way. */
int svc_compliance_run(const AppContext *ctx, const ServiceData *data, const ComplianceRequest *req,
                       const Actor *actor, ComplianceResult *out, Err *err);
void svc_compliance_free(ComplianceResult *r);

#endif
