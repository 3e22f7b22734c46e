/* synth_records: the council's local records (docs/templates.md) for a
 * synthetic child: social worker visits, health assessments, dental checks,
 * immunisations, SDQ scores, PEPs, care plans and visit-regime statements
 * (reg 19, reg 24, and `standard` when they end) while looked after; needs
 * assessments, pathway plans and personal adviser contacts for care leavers.
 *
 * Each duty is done roughly at its statutory rhythm (docs/due.md): most on
 * time, a minority a few days or weeks late, a few not at all (the next one is
 * then done at the following due date). Records come from their own random
 * streams, seeded by the child and the period of care (or the child alone for
 * the care-leaver records), never from the streams of the 903 tables, so
 * adding them changes no 903 byte, and every year that is written asks for the
 * same records. Internal to src/synth/; no I/O. */
#ifndef CAREPLEDGE_SYNTH_RECORDS_H
#define CAREPLEDGE_SYNTH_RECORDS_H

#include "exchange/ssda903.h"
#include "synth/synth_model.h"

/* One local record: the template (a TREC_* id), its date and its other
 * field: a choice word (SEEN_ALONE, HA_TYPE, IMMS_UP_TO_DATE,
 * PATHWAY_PLAN_TYPE, PA_CONTACT_TYPE, REGIME) or the SDQ score; "" for the templates
 * with a date alone. */
typedef struct SynthRecord {
    Date date;
    uint8_t table;
    char value[25]; /* the longest word: reg24_temporary_approval */
} SynthRecord;

/* A growable list of records, owned by the caller (free items). */
typedef struct SynthRecords {
    SynthRecord *items;
    int n, cap;
} SynthRecords;

/* A period of full-time care: episodes eps[first, first + n) of the child,
 * from start to end (exclusive), with the 903 reviews held in it (dates in
 * order). */
typedef struct SynthCarePeriod {
    Date start, end;
    int first, n;
    const Date *reviews;
    int n_reviews;
} SynthCarePeriod;

/* Appends the records of the looked-after duties of one period dated up to
 * `until`: for every template, in date order. */
void synth_records_in_care(const SynthWorld *w, const SynthChild *c, const SynthCarePeriod *p,
                           Date until, SynthRecords *out);
/* Appends the child's care-leaver records dated up to `until` (needs
 * assessment, pathway plans and reviews, personal adviser contacts), in date
 * order for every template; none for a child who never became eligible. */
void synth_records_leaver(const SynthWorld *w, const SynthChild *c, Date until, SynthRecords *out);

#endif
