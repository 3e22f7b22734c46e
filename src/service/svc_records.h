/* svc_records: corrections of the local records (docs/templates.md) made
 * through the dashboard or the API. A correction changes the one value of a
 * record (seen_alone of a visit, ha_type of a health assessment, the SDQ
 * score, ...), checked as an import checks it, or the record's date, which is
 * its key and all a dental check, PEP, care plan or needs assessment has
 * (schema 013: the record moves, with its corrections). It keeps what it
 * replaced, who changed it, when and why (schema 010, record_corrections).
 * Each record has a version (1 + its corrections); a correction names the
 * version it was made from, so one made from a page gone stale is refused
 * (ERR_CONFLICT) rather than silently undoing another's. The correction, the
 * record's change and the audit row commit in one transaction
 * (svc_audit_change). */
#ifndef CAREPLEDGE_SVC_RECORDS_H
#define CAREPLEDGE_SVC_RECORDS_H

#include "base/err.h"
#include "service/service.h"
#include "service/svc_audit.h"

#include <stdbool.h>

typedef struct RecordCorrection {
    const char *kind; /* visit, health_assessment, immunisation, sdq, pathway_plan,
                         pa_contact, visit_regime or pa_request */
    const char *child;
    const char *date;   /* the record's date, YYYY-MM-DD */
    const char *value;  /* the new value; "" for not recorded */
    int version;        /* the record's version the change was made from */
    const char *reason; /* why: required */
    const char *origin; /* the client's address, for the audit */
    /* YYYY-MM-DD: move the record to this date instead (value unused), the
     * correction of a record's date, its key (schema 013); NULL for none. */
    const char *new_date;
} RecordCorrection;

typedef struct RecordChange {
    char kind[32];
    char child[64];
    char date[11];
    int version; /* the version this change made */
    char old_value[64];
    bool old_null;
    char new_value[64];
    bool new_null;
    char reason[256];
    char changed_by[64];
    char changed_at[32];
    long long audit_seq;
    char field[8]; /* "value", or "date" (old_value and new_value are then dates) */
} RecordChange;

/* The name of the value a kind's correction changes ("seen_alone"), or NULL
 * for a kind of a date alone (its date is corrected) or no such kind. */
const char *svc_record_value_name(const char *kind);

/* Applies c as actor through the audit log (its database). Fills *out with
 * the change made. ERR_USAGE for a bad kind, date, value (the import's
 * message, the value's name as the parameter) or a missing reason;
 * ERR_NOT_FOUND when the child has no such record; ERR_CONFLICT when the
 * record's version is not c->version, a date correction has moved it from
 * c->date since (the message says where to), the value (or date) is already
 * that, or the child has a record of the kind on the new date already. */
int svc_record_correct(AuditLog *log, const RecordCorrection *c, const Actor *actor,
                       RecordChange *out, Err *err);

/* Every correction of child, by record and version; free *out with free(). */
int svc_record_history(const char *db_path, const char *child, const Actor *actor,
                       RecordChange **out, int *n, Err *err);

#endif
