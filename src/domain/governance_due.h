/* governance_due: what the strategy's terms of reference (Appendix 2) make
 * regular, as due and overdue items like a statutory one, and the 28-day
 * written answers to the Children in Care Council's issues, which promise
 * 3.13 of the scorecard measures.
 *
 * Regular items of a collection year (1 April to 31 March):
 *   - the Corporate Parenting Panel meets every quarter (Appendix 2 c,
 *     "Governance and Communication": "each quarterly meeting of the
 *     Corporate Parenting Panel");
 *   - each Panel meeting receives a report on the CiCC from Action for
 *     Children (same paragraph) and one from the Strategy Group (Appendix 2 a,
 *     term 9: "To report to and raise issues with the ... Corporate Parenting
 *     Panel"; the strategy gives no frequency, so each Panel meeting, the
 *     Panel's own cycle, is when it is looked for);
 *   - the Director of Children's Services and the Lead Member are each invited
 *     to a CiCC meeting at least once a year (Appendix 2 c);
 *   - at least one elected member is invited to every CiCC meeting (Appendix 2 c).
 *
 * Pure: computed from the records given and a date; allocates only the list
 * it returns. */
#ifndef CAREPLEDGE_GOVERNANCE_DUE_H
#define CAREPLEDGE_GOVERNANCE_DUE_H

#include "base/date.h"

#include <stdbool.h>

/* A meeting as the rules read it. */
typedef struct GovMeeting {
    const char *id;
    const char *group; /* GOV_GROUP_* */
    Date held_on;
    bool cicc_report, strategy_report;
    bool director_invited, lead_member_invited, elected_member_invited;
} GovMeeting;

/* A CiCC issue as the 28-day rule reads it. */
typedef struct GovIssue {
    const char *id;
    Date raised_on;
    Date answered_on; /* DATE_NONE while unanswered */
} GovIssue;

/* An action of a meeting. */
typedef struct GovAction {
    const char *id;
    Date due_on;
    bool open; /* status "open" */
} GovAction;

typedef enum GovState {
    GOV_DONE,      /* done in time */
    GOV_DONE_LATE, /* done, after it was due */
    GOV_DUE,       /* not done yet, still in time */
    GOV_OVERDUE,   /* not done and past its date */
    GOV_STATE_COUNT,
} GovState;

/* "done", "done late", "due", "overdue". */
const char *governance_state_name(GovState s);

/* Strategy, Appendix 2 c: "Written responses will be provided to Action for
 * Children within a maximum of 28 days". The strategy says days, not working
 * days, where everything else it times in working days says so (and the 903's
 * statutory timescales are in calendar days too), so the 28 are calendar days:
 * an issue raised on day 0 is answered in time up to and including day 28. */
enum { GOV_ISSUE_ANSWER_DAYS = 28 };

/* The last day on which the written answer is in time. */
Date governance_issue_deadline(Date raised_on);
/* The issue's state on date at. An answer dated after at is not yet known. */
GovState governance_issue_state(const GovIssue *issue, Date at);

/* Promise 3.13 (data/indicators.csv, ccc_issues_answered_on_time) for the
 * collection year ending 31 March of end_year: the issues whose deadline falls
 * in the year (*den) and those answered in writing on or before it (*num). */
void governance_issues_tally(const GovIssue *issues, int n, int end_year, long *num, long *den);

/* One regular item of the terms of reference. */
typedef struct GovDueItem {
    char what[160];
    char ref[32]; /* the meeting that did it, or whose it is; "" for none */
    Date due;
    Date done; /* DATE_NONE when not done */
    GovState state;
} GovDueItem;

/* The regular items of the collection year ending 31 March of end_year, as they
 * stand on date at (items not yet begun by at are left out): meetings in any
 * order. Returns how many; *out is allocated (free with free()). */
int governance_regular_items(const GovMeeting *meetings, int n, int end_year, Date at,
                             GovDueItem **out);

/* An action's state on at: an open action is due until its date, overdue
 * after; a closed one is done. */
GovState governance_action_state(const GovAction *a, Date at);

#endif
