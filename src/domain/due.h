/* due: the statutory timescales as a worklist. For a child and a date, what is
 * owed next for each kind of item (review, visit, health assessment, ...), when
 * it falls due, and whether that date has passed.
 *
 * Each rule cites its source (shared/reference/statutory.md section A2; the
 * conventions and every assumption are in docs/due.md). Working days come from
 * the Calendar (base/calendar.h); "N months after D" is date_add_months.
 * Records dated after the date asked about are not yet known and are ignored,
 * so the answer for a past date is what the worklist said on that day.
 *
 * A child looked after full time owes the looked-after items; a child looked
 * after only through short breaks (V3/V4, CPPCR reg 48) owes none of them here:
 * reg 48(3)(c) sets their visits at intervals agreed with the IRO and the
 * parents and recorded in the care plan, which is not held, and the 903 has no
 * reviews for them (DfE rule 399). The visit follows the regime the council
 * states for the placement (RECORD_VISIT_REGIME: reg 28(3) under reg 19, reg
 * 28(4) under reg 24; docs/templates.md). Care-leaver items follow the category
 * of leaver_status: eligible children owe the needs assessment; eligible,
 * relevant and former relevant young people owe pathway plan reviews once a
 * plan exists; relevant and former relevant young people owe personal adviser
 * contact. A former relevant young person of 21 to 24 owed support only on
 * their request (CA89 s23CZB) owes the needs assessment from the request and
 * reviews of a pathway plan made since it, and no two-monthly visit. Pure: no
 * I/O, no allocation. */
#ifndef CAREPLEDGE_DUE_H
#define CAREPLEDGE_DUE_H

#include "base/calendar.h"
#include "domain/dataset.h"

typedef enum DueItem {
    DUE_CARE_PLAN,
    DUE_REVIEW,
    DUE_VISIT,
    DUE_HEALTH_ASSESSMENT,
    DUE_DENTAL_CHECK,
    DUE_SDQ,
    DUE_EDUCATION_PLAN,
    DUE_NEEDS_ASSESSMENT,
    DUE_PATHWAY_PLAN_REVIEW,
    DUE_PA_CONTACT,
    DUE_ITEM_COUNT
} DueItem;

typedef enum DueStatus {
    DUE_STATUS_DUE,     /* the due date is today or later */
    DUE_STATUS_OVERDUE, /* the due date has passed and the item has not been done */
} DueStatus;

/* One item owed. */
typedef struct DueEntry {
    DueItem item;
    Date due;
    DueStatus status;
    int days_overdue; /* calendar days after the due date; 0 when not overdue */
    const char *rule; /* the citation and the rule applied (static text) */
} DueEntry;

/* "care_plan", "review", "visit", "health_assessment", "dental_check", "sdq",
 * "education_plan", "needs_assessment", "pathway_plan_review", "pa_contact". */
const char *due_item_name(DueItem item);
/* "due" or "overdue". */
const char *due_status_name(DueStatus status);

/* Fills out[] with the items the child owes on date `at`, at most one per
 * item (the next one owed), sorted by due date then item. Returns how many. */
int due_for_child(const Dataset *ds, const Child *c, Date at, const Calendar *cal,
                  DueEntry out[DUE_ITEM_COUNT]);

/* What the rules need to know of the child on a day besides the records:
 * the full-time period of care and placement held, and the care-leaver
 * category. It changes only when an episode starts or ends, on a birthday,
 * when 13 weeks in care since 14 are complete, 6 months after leaving care
 * and when a new collection year's OC3 applies (not with a record), so a
 * replay can work it out once and reuse it on the days between. */
typedef struct DueSituation {
    bool looked_after;      /* full time on the day; the next five only then */
    Date start;             /* the day the child became looked after (this period) */
    Date previous_end;      /* the end of the previous full-time period, or DATE_NONE */
    Date placement_start;   /* the start of the current placement */
    Date placement_year;    /* 12 months after placement_start: its first year's end */
    const Episode *episode; /* the episode open on the day */
    int leaver;             /* LeaverCategory (leaver.h) on the day; LEAVER_NONE under 16 */
    /* A former relevant young person of 21 to 24 owed support only on their
     * request (CA89 s23CZB): the request's date (LeaverStatus.on_request);
     * DATE_NONE otherwise. */
    Date leaver_request;
    /* Set by a caller that knows the child has no VisitRegimes statement at
     * all (RECORD_VISIT_REGIME), so that the visit rule need not look for one
     * on every day of a replay; false (due_situation's value): look. */
    bool no_visit_regimes;
} DueSituation;

/* Every item, as a mask of (1u << DueItem) bits. */
#define DUE_ALL_ITEMS ((1u << DUE_ITEM_COUNT) - 1u)
/* Like due_for_child, working out only the items whose bit is set in `items`
 * (the others are left out of out[]). For replays that know which items a
 * change can affect (domain/compliance). */
int due_for_child_items(const Dataset *ds, const Child *c, Date at, const Calendar *cal,
                        unsigned items, DueEntry out[DUE_ITEM_COUNT]);
/* Works out the child's situation on date `at`. */
void due_situation(const Dataset *ds, const Child *c, Date at, DueSituation *out);
/* Like due_situation, working out only what the items whose bit is set in
 * `items` read: the period of care for the looked-after items, the care-leaver
 * category (else LEAVER_NONE) for the care-leaver items. */
void due_situation_items(const Dataset *ds, const Child *c, Date at, unsigned items,
                         DueSituation *out);
/* Like due_for_child_items, with the situation given (from due_situation on
 * `at` or on an earlier day with no change since). */
int due_for_child_in(const Dataset *ds, const Child *c, Date at, const Calendar *cal,
                     const DueSituation *situation, unsigned items, DueEntry out[DUE_ITEM_COUNT]);

#endif
