/* store/corrections: the corrections of the local records (schema 010,
 * record_corrections) and the one value of a record they change: the third
 * column of its template (seen_alone of a visit, ha_type of a health
 * assessment, ...; docs/templates.md). A record is named by its template's
 * table, the child and its date (ISO 'YYYY-MM-DD'). The caller holds the
 * write transaction (store_begin) in which a correction, the record's new
 * value and its audit row are written together (service/svc_records). */
#ifndef CAREPLEDGE_STORE_CORRECTIONS_H
#define CAREPLEDGE_STORE_CORRECTIONS_H

#include "base/err.h"
#include "exchange/ssda903.h"
#include "store/store.h"

#include <stdbool.h>

/* Whether the template's record has a value a correction can change. */
bool store_record_correctable(Ssda903TableId table);

/* Reads the record's value into value ("" with *is_null when not recorded);
 * ERR_NOT_FOUND when there is no such record. */
int store_record_value(Store *s, Ssda903TableId table, const char *child, const char *date,
                       char value[64], bool *is_null, Err *err);
/* Sets the record's value (NULL: not recorded). */
int store_record_set_value(Store *s, Ssda903TableId table, const char *child, const char *date,
                           const char *value, Err *err);

typedef struct StoreCorrection {
    char kind[32]; /* the API's kind: "visit", ... */
    char child[64];
    char record_date[11];
    int version; /* the record's version this correction made (2 for the first) */
    char old_value[64];
    bool old_null;
    char new_value[64];
    bool new_null;
    char reason[256];
    char changed_by[64];
    char changed_at[32];
    long long audit_seq;
    char field[8]; /* what changed: "value", or "date" (the values are then dates); "" = value */
} StoreCorrection;

/* Whether child has a record of the template on date. */
int store_record_exists(Store *s, Ssda903TableId table, const char *child, const char *date,
                        bool *exists, Err *err);
/* Moves the record of the template (the API's kind) from one date to another,
 * and its corrections with it, so that its version goes on counting (schema
 * 013). The caller has checked that there is none on the new date. */
int store_record_move(Store *s, Ssda903TableId table, const char *kind, const char *child,
                      const char *from, const char *to, Err *err);

/* Where a date correction moved the record of kind that child had on date:
 * its date now (the latest such move's record, whose corrections move with
 * it) into to, or "" when no record of the kind was moved from date. */
int store_record_moved_to(Store *s, const char *kind, const char *child, const char *date,
                          char to[11], Err *err);

/* The record's version: 1 + the number of its corrections. */
int store_record_version(Store *s, const char *kind, const char *child, const char *date,
                         int *version, Err *err);
/* Adds a correction (ERR_CONFLICT when its version exists). */
int store_correction_add(Store *s, const StoreCorrection *c, Err *err);
/* Calls each(c, arg) for every correction of child, by record then version;
 * stops at a nonzero return and returns it. */
int store_corrections_each(Store *s, const char *child,
                           int (*each)(const StoreCorrection *c, void *arg), void *arg, Err *err);

#endif
