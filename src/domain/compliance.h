/* compliance: how well the statutory timescales of domain/due were kept over
 * a period. For each item, how many fell due in the period, how many were done
 * on time, done late, or not done by the end of the period.
 *
 * It replays each child's history through due_for_child: the worklist is
 * worked out on every day something changes (a record, a review, an episode
 * starting or ending, a birthday that changes a care leaver's category, the
 * day 13 weeks in care since 14 are complete, the 1 April from which an OC3
 * record applies), and each item owed is followed until it is done or stops
 * being owed. A record changes only the item of its own kind, so on its day
 * only that item is worked out again. An item
 * counts in the period when its due date is in [from, to]:
 *   - on time: done (a record of its kind, or a 903 review) on or before the
 *     due date;
 *   - late: done after the due date, on or before `to`;
 *   - not done: not done by `to`, or stopped being owed after its due date had
 *     passed (the child moved placement or left care with it overdue).
 * An item that stops being owed before its due date (a move before the visit
 * fell due) never fell due and is not counted. History from two years before
 * `from` is replayed, so an item done early counts as on time. Pure: the only
 * allocations are the Compliance's scratch buffer and, by year, its counts;
 * several Compliances can count on several threads over one Dataset. */
#ifndef CAREPLEDGE_COMPLIANCE_H
#define CAREPLEDGE_COMPLIANCE_H

#include "domain/due.h"

typedef struct ComplianceCount {
    long fell_due, on_time, late, not_done;
} ComplianceCount;

/* A day a child's worklist is worked out on, and the items (a DUE_ALL_ITEMS
 * mask) that can change that day. */
typedef struct CompliancePoint {
    Date day;
    unsigned items;
} CompliancePoint;

typedef struct Compliance {
    Date from, to;
    const Calendar *cal; /* not owned */
    unsigned items;      /* the items followed, a DUE_ALL_ITEMS mask */
    ComplianceCount counts[DUE_ITEM_COUNT];
    CompliancePoint *points; /* scratch: one child's change days */
    int cap_points;
    CompliancePoint *merged; /* scratch: the days merged in order */
    int cap_merged;
    /* By collection year (compliance_init_years): the first year (end year)
     * and the counts of each, years[k][item]; NULL otherwise. */
    int first_year, n_years;
    ComplianceCount (*years)[DUE_ITEM_COUNT];
    Date *year_starts; /* 1 April of each year, from two years before the first */
} Compliance;

/* Starts a count over [from, to] (both inclusive). Free with compliance_free. */
void compliance_init(Compliance *cm, Date from, Date to, const Calendar *cal);
/* Like compliance_init, following only the items whose bit is set in `items`
 * (the others count nothing). Their counts are those compliance_init gives:
 * each item is followed on its own, so a replay that leaves the others out
 * (their records, and the care-leaver changes when no care-leaver item is
 * followed) only works out less. The scorecard follows reviews and visits. */
void compliance_init_items(Compliance *cm, Date from, Date to, const Calendar *cal, unsigned items);
/* Counts each of n_years consecutive collection years (1 April to 31 March;
 * first_year is the end year of the first, at most 32 years) on its own, into
 * years[k][item]; counts[] stays zero. Each year's counts are those of
 * compliance_init_items over that year, but a child's history is replayed once
 * for all the years (compliance_add_child_years), where year by year each
 * stretch of two years before a year would be replayed again. */
void compliance_init_years(Compliance *cm, int first_year, int n_years, const Calendar *cal,
                           unsigned items);
/* Adds one child's items to the counts. */
void compliance_add_child(Compliance *cm, const Dataset *ds, const Child *c);
/* After compliance_init_years: adds the child's items to the years whose bit
 * (1u << k) is set in `years` (compliance_add_child: every year), replaying
 * the child's history from two years before the first of them to the end of
 * the last. */
void compliance_add_child_years(Compliance *cm, const Dataset *ds, const Child *c, unsigned years);
void compliance_free(Compliance *cm);

#endif
