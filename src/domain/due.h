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
 * after only through short breaks (V3/V4, CPPCR reg 48) owes none of them here
 * (their regime is agreed case by case). Care-leaver items follow the category
 * of leaver_status: eligible children owe the needs assessment; eligible,
 * relevant and former relevant young people owe pathway plan reviews once a
 * plan exists; relevant and former relevant young people owe personal adviser
 * contact. Pure: no I/O, no allocation. */
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

/* Every item, as a mask of (1u << DueItem) bits. */
#define DUE_ALL_ITEMS ((1u << DUE_ITEM_COUNT) - 1u)
/* Like due_for_child, working out only the items whose bit is set in `items`
 * (the others are left out of out[]). For replays that know which items a
 * change can affect (domain/compliance). */
int due_for_child_items(const Dataset *ds, const Child *c, Date at, const Calendar *cal,
                        unsigned items, DueEntry out[DUE_ITEM_COUNT]);

#endif
