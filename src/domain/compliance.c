/* compliance: see compliance.h and docs/due.md. */
#include "domain/compliance.h"

#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

/* The record kind that does each item; -1 for the review (903 Reviews). */
static const int item_record[DUE_ITEM_COUNT] = {
    [DUE_CARE_PLAN] = RECORD_CARE_PLAN,
    [DUE_REVIEW] = -1,
    [DUE_VISIT] = RECORD_VISIT,
    [DUE_HEALTH_ASSESSMENT] = RECORD_HEALTH_ASSESSMENT,
    [DUE_DENTAL_CHECK] = RECORD_DENTAL_CHECK,
    [DUE_SDQ] = RECORD_SDQ,
    [DUE_EDUCATION_PLAN] = RECORD_PEP,
    [DUE_NEEDS_ASSESSMENT] = RECORD_NEEDS_ASSESSMENT,
    [DUE_PATHWAY_PLAN_REVIEW] = RECORD_PATHWAY_PLAN,
    [DUE_PA_CONTACT] = RECORD_PA_CONTACT,
};

/* How far before `from` the replay starts. */
enum { COMPLIANCE_LOOKBACK_MONTHS = 24 };

void compliance_init(Compliance *cm, Date from, Date to, const Calendar *cal)
{
    memset(cm, 0, sizeof *cm);
    cm->from = from;
    cm->to = to;
    cm->cal = cal;
}

void compliance_free(Compliance *cm)
{
    free(cm->points);
    memset(cm, 0, sizeof *cm);
}

static void add_point(Compliance *cm, int *n, Date d, Date lo)
{
    if (d == DATE_NONE || d < lo || d > cm->to) return;
    if (*n >= cm->cap_points) {
        cm->cap_points = cm->cap_points ? cm->cap_points * 2 : 256;
        cm->points = xrealloc(cm->points, (size_t)cm->cap_points * sizeof *cm->points);
    }
    cm->points[(*n)++] = d;
}

static int compare_dates(const void *a, const void *b)
{
    Date x = *(const Date *)a, y = *(const Date *)b;
    return (x > y) - (x < y);
}

/* Every day on which the child's worklist can change, from lo to `to`, sorted
 * and without repeats; lo and `to` themselves are always included. */
static int change_points(Compliance *cm, const Dataset *ds, const Child *c, Date lo)
{
    int n = 0;
    add_point(cm, &n, lo, lo);
    add_point(cm, &n, cm->to, lo);
    const Episode *eps = child_episodes(ds, c);
    for (int i = 0; i < c->n_episodes; i++) {
        add_point(cm, &n, eps[i].decom, lo);
        add_point(cm, &n, eps[i].dec, lo);
    }
    const Review *rv = child_reviews(ds, c);
    for (int i = 0; i < c->n_reviews; i++) add_point(cm, &n, rv[i].date, lo);
    const CareRecord *rec = child_records(ds, c);
    for (int i = 0; i < c->n_records; i++) add_point(cm, &n, rec[i].date, lo);
    if (c->dob != DATE_NONE) {
        /* Care-leaver categories change at 16, 18, 21 and 25 (leaver.h). */
        static const int ages[] = {16, 17, 18, 21, 22, 25, 26};
        for (size_t i = 0; i < sizeof ages / sizeof ages[0]; i++)
            add_point(cm, &n, date_birthday(c->dob, ages[i]), lo);
    }
    qsort(cm->points, (size_t)n, sizeof *cm->points, compare_dates);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (k == 0 || cm->points[k - 1] != cm->points[i]) cm->points[k++] = cm->points[i];
    return k;
}

/* Whether the item was done on a day in (after, on]. */
static bool done_between(const Dataset *ds, const Child *c, DueItem item, Date after, Date on)
{
    if (item_record[item] < 0) {
        const Review *rv = child_reviews(ds, c);
        for (int i = 0; i < c->n_reviews; i++)
            if (rv[i].date > after && rv[i].date <= on) return true;
        return false;
    }
    const CareRecord *rec = child_records(ds, c);
    for (int i = 0; i < c->n_records; i++)
        if (rec[i].kind == item_record[item] && rec[i].date > after && rec[i].date <= on)
            return true;
    return false;
}

/* One item owed, followed from the day it was first seen. */
typedef struct Owed {
    bool active;
    Date due;
    const char *rule;
} Owed;

static void count(Compliance *cm, DueItem item, Date due, int outcome)
{
    if (due < cm->from || due > cm->to) return;
    ComplianceCount *k = &cm->counts[item];
    k->fell_due++;
    if (outcome == 0)
        k->on_time++;
    else if (outcome == 1)
        k->late++;
    else
        k->not_done++;
}

/* The owed item stops being current on day p (previous change day prev). */
static void close_owed(Compliance *cm, const Dataset *ds, const Child *c, DueItem item,
                       const Owed *o, Date prev, Date p)
{
    if (done_between(ds, c, item, prev, p))
        count(cm, item, o->due, p <= o->due ? 0 : 1);
    else if (o->due < p)
        count(cm, item, o->due, 2); /* stopped being owed while overdue */
    /* else: stopped being owed before it fell due; never counted */
}

void compliance_add_child(Compliance *cm, const Dataset *ds, const Child *c)
{
    Date lo = date_add_months(cm->from, -COMPLIANCE_LOOKBACK_MONTHS);
    int n = change_points(cm, ds, c, lo);
    Owed owed[DUE_ITEM_COUNT] = {{0}};
    Date prev = lo - 1;
    for (int i = 0; i < n; i++) {
        Date p = cm->points[i];
        DueEntry entries[DUE_ITEM_COUNT];
        int ne = due_for_child(ds, c, p, cm->cal, entries);
        Owed now[DUE_ITEM_COUNT] = {{0}};
        for (int e = 0; e < ne; e++)
            now[entries[e].item] = (Owed){true, entries[e].due, entries[e].rule};
        for (int item = 0; item < DUE_ITEM_COUNT; item++) {
            const Owed *o = &owed[item];
            bool same = o->active && now[item].active && o->due == now[item].due &&
                        o->rule == now[item].rule;
            if (o->active && !same) close_owed(cm, ds, c, (DueItem)item, o, prev, p);
            if (!same) owed[item] = now[item];
        }
        prev = p;
    }
    /* Still owed at the end of the period: not done. */
    for (int item = 0; item < DUE_ITEM_COUNT; item++)
        if (owed[item].active) count(cm, (DueItem)item, owed[item].due, 2);
}
