/* governance_due: see governance_due.h. */
#include "domain/governance_due.h"

#include "base/mem.h"
#include "domain/governance.h"

#include <stdio.h>
#include <string.h>

const char *governance_state_name(GovState s)
{
    static const char *const names[GOV_STATE_COUNT] = {"done", "done late", "due", "overdue"};
    return s < GOV_STATE_COUNT ? names[s] : "";
}

Date governance_issue_deadline(Date raised_on)
{
    return raised_on + GOV_ISSUE_ANSWER_DAYS;
}

GovState governance_issue_state(const GovIssue *issue, Date at)
{
    Date deadline = governance_issue_deadline(issue->raised_on);
    if (issue->answered_on != DATE_NONE && issue->answered_on <= at)
        return issue->answered_on <= deadline ? GOV_DONE : GOV_DONE_LATE;
    return at > deadline ? GOV_OVERDUE : GOV_DUE;
}

void governance_issues_tally(const GovIssue *issues, int n, int end_year, long *num, long *den)
{
    Date from = date_collection_year_start(end_year), to = date_collection_year_end(end_year);
    *num = *den = 0;
    for (int i = 0; i < n; i++) {
        Date deadline = governance_issue_deadline(issues[i].raised_on);
        if (deadline < from || deadline > to) continue;
        (*den)++;
        if (issues[i].answered_on != DATE_NONE && issues[i].answered_on <= deadline) (*num)++;
    }
}

GovState governance_action_state(const GovAction *a, Date at)
{
    if (!a->open) return GOV_DONE;
    return at > a->due_on ? GOV_OVERDUE : GOV_DUE;
}

typedef struct Items {
    GovDueItem *v;
    int n, cap;
} Items;

static GovDueItem *add_item(Items *it, const char *what, const char *ref, Date due)
{
    if (it->n == it->cap) {
        it->cap = it->cap ? it->cap * 2 : 16;
        it->v = xrealloc(it->v, (size_t)it->cap * sizeof *it->v);
    }
    GovDueItem *item = &it->v[it->n++];
    memset(item, 0, sizeof *item);
    snprintf(item->what, sizeof item->what, "%s", what);
    snprintf(item->ref, sizeof item->ref, "%s", ref ? ref : "");
    item->due = due;
    item->done = DATE_NONE;
    return item;
}

/* A whole-period item: done by the first meeting that did it (or late, after
 * due), else due until its date and overdue after. */
static void settle(GovDueItem *item, const GovMeeting *done_by, Date at)
{
    if (done_by) {
        item->done = done_by->held_on;
        snprintf(item->ref, sizeof item->ref, "%s", done_by->id);
        item->state = done_by->held_on <= item->due ? GOV_DONE : GOV_DONE_LATE;
    } else {
        item->state = at > item->due ? GOV_OVERDUE : GOV_DUE;
    }
}

static bool in(const GovMeeting *m, const char *group, Date from, Date to, Date at)
{
    return strcmp(m->group, group) == 0 && m->held_on >= from && m->held_on <= to &&
           m->held_on <= at;
}

/* The earliest meeting of group in [from, to] (held by at) for which has()
 * is true, or NULL. */
static const GovMeeting *first_meeting(const GovMeeting *meetings, int n, const char *group,
                                       Date from, Date to, Date at,
                                       bool (*has)(const GovMeeting *m))
{
    const GovMeeting *best = NULL;
    for (int i = 0; i < n; i++)
        if (in(&meetings[i], group, from, to, at) && (!has || has(&meetings[i])) &&
            (!best || meetings[i].held_on < best->held_on))
            best = &meetings[i];
    return best;
}

static bool director(const GovMeeting *m)
{
    return m->director_invited;
}

static bool lead_member(const GovMeeting *m)
{
    return m->lead_member_invited;
}

/* The Panel's four quarters: April-June, July-September, October-December and
 * January-March. */
static void quarters(const GovMeeting *meetings, int n, int end_year, Date at, Items *it)
{
    static const char *const names[4] = {"April to June", "July to September",
                                         "October to December", "January to March"};
    Date start = date_collection_year_start(end_year);
    for (int q = 0; q < 4; q++) {
        Date from = date_add_months(start, 3 * q), to = date_add_months(start, 3 * q + 3) - 1;
        if (from > at) break;
        char what[160];
        snprintf(what, sizeof what, "Corporate Parenting Panel meets (quarter %s)", names[q]);
        GovDueItem *item = add_item(it, what, NULL, to);
        settle(item, first_meeting(meetings, n, GOV_GROUP_PANEL, from, to, at, NULL), at);
    }
}

/* What each meeting of the year must have had: a Panel meeting the two
 * reports, a CiCC meeting an elected member invited. */
static void per_meeting(const GovMeeting *meetings, int n, int end_year, Date at, Items *it)
{
    Date from = date_collection_year_start(end_year), to = date_collection_year_end(end_year);
    for (int i = 0; i < n; i++) {
        const GovMeeting *m = &meetings[i];
        struct {
            const char *group, *what;
            bool done;
        } checks[] = {
            {GOV_GROUP_PANEL, "CiCC report to the Panel meeting", m->cicc_report},
            {GOV_GROUP_PANEL, "Strategy Group report to the Panel meeting", m->strategy_report},
            {GOV_GROUP_CICC, "An elected member invited to the CiCC meeting",
             m->elected_member_invited},
        };
        for (size_t k = 0; k < sizeof checks / sizeof checks[0]; k++) {
            if (!in(m, checks[k].group, from, to, at)) continue;
            GovDueItem *item = add_item(it, checks[k].what, m->id, m->held_on);
            item->done = checks[k].done ? m->held_on : DATE_NONE;
            item->state = checks[k].done ? GOV_DONE : GOV_OVERDUE;
        }
    }
}

int governance_regular_items(const GovMeeting *meetings, int n, int end_year, Date at,
                             GovDueItem **out)
{
    Items it = {0};
    Date from = date_collection_year_start(end_year), to = date_collection_year_end(end_year);
    if (at >= from) {
        quarters(meetings, n, end_year, at, &it);
        GovDueItem *d =
            add_item(&it, "Director of Children's Services invited to the CiCC (yearly)", NULL, to);
        settle(d, first_meeting(meetings, n, GOV_GROUP_CICC, from, to, at, director), at);
        GovDueItem *l = add_item(
            &it, "Lead Member for Children's Services invited to the CiCC (yearly)", NULL, to);
        settle(l, first_meeting(meetings, n, GOV_GROUP_CICC, from, to, at, lead_member), at);
        per_meeting(meetings, n, end_year, at, &it);
    }
    *out = it.v;
    return it.n;
}
