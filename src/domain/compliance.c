/* compliance: see compliance.h and docs/due.md. */
#include "domain/compliance.h"

#include "base/mem.h"
#include "domain/care.h"
#include "domain/codes.h"

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

/* The items that follow the care-leaver category (due.h). */
#define LEAVER_ITEM_MASK \
    ((1u << DUE_NEEDS_ASSESSMENT) | (1u << DUE_PATHWAY_PLAN_REVIEW) | (1u << DUE_PA_CONTACT))

/* How far before `from` the replay starts (by year: two collection years). */
enum { COMPLIANCE_LOOKBACK_MONTHS = 24 };

void compliance_init_items(Compliance *cm, Date from, Date to, const Calendar *cal, unsigned items)
{
    memset(cm, 0, sizeof *cm);
    cm->from = from;
    cm->to = to;
    cm->cal = cal;
    cm->items = items & DUE_ALL_ITEMS;
}

void compliance_init(Compliance *cm, Date from, Date to, const Calendar *cal)
{
    compliance_init_items(cm, from, to, cal, DUE_ALL_ITEMS);
}

void compliance_init_years(Compliance *cm, int first_year, int n_years, const Calendar *cal,
                           unsigned items)
{
    if (n_years < 1) n_years = 1;
    if (n_years > 32) n_years = 32;
    compliance_init_items(cm, date_collection_year_start(first_year),
                          date_collection_year_end(first_year + n_years - 1), cal, items);
    cm->first_year = first_year;
    cm->n_years = n_years;
    cm->years = xcalloc((size_t)n_years, sizeof *cm->years);
    /* 1 April of each year from two years before the first to after the
     * last: year y runs from year_starts[y + 2], its replay from year_starts[y]
     * (COMPLIANCE_LOOKBACK_MONTHS before), to year_starts[y + 3] - 1. */
    cm->year_starts = xcalloc((size_t)n_years + 3, sizeof *cm->year_starts);
    for (int y = 0; y < n_years + 3; y++)
        cm->year_starts[y] = date_collection_year_start(first_year - 2 + y);
}

void compliance_free(Compliance *cm)
{
    free(cm->points);
    free(cm->merged);
    free(cm->years);
    free(cm->year_starts);
    memset(cm, 0, sizeof *cm);
}

/* One child's replay: change days from lo to hi. */
typedef struct Replay {
    Date lo, hi;
    unsigned years; /* by year: the years counted (may_owe in each) */
} Replay;

static void add_point(Compliance *cm, const Replay *r, int *n, Date d, unsigned items)
{
    if (d == DATE_NONE || d < r->lo || d > r->hi || items == 0) return;
    if (*n >= cm->cap_points) {
        cm->cap_points = cm->cap_points ? cm->cap_points * 2 : 256;
        cm->points = xrealloc(cm->points, (size_t)cm->cap_points * sizeof *cm->points);
    }
    cm->points[(*n)++] = (CompliancePoint){d, items};
}

static int compare_points(const void *a, const void *b)
{
    Date x = ((const CompliancePoint *)a)->day, y = ((const CompliancePoint *)b)->day;
    return (x > y) - (x < y);
}

/* Whether the record does the item. The personal adviser's item is a visit
 * (Care Leavers (England) Regulations 2010 reg 8): other contacts do not do
 * it (due.c, rule_pa_contact). */
static bool record_does(const CareRecord *r, DueItem item)
{
    if (r->kind != item_record[item]) return false;
    return item != DUE_PA_CONTACT || r->subtype == RECORD_CONTACT_VISIT;
}

/* The item a record of this kind does or changes, as a mask (0: none,
 * immunisations). A visit-regime statement does no item but changes when the
 * next visit is due (reg 28(3), (4)). */
static unsigned record_items(int kind)
{
    if (kind == RECORD_VISIT_REGIME) return 1u << DUE_VISIT;
    for (int item = 0; item < DUE_ITEM_COUNT; item++)
        if (item_record[item] == kind) return 1u << item;
    return 0;
}

/* The day on which the child completes 13 weeks (91 days) looked after full
 * time since the 14th birthday, as leaver_status counts them; DATE_NONE when
 * never or when the date of birth is unknown. */
static Date thirteen_weeks_since_14(const Dataset *ds, const Child *c)
{
    if (c->dob == DATE_NONE) return DATE_NONE;
    Date b14 = date_birthday(c->dob, 14);
    long days = 0;
    const Episode *eps = child_episodes(ds, c);
    for (int i = 0; i < c->n_episodes; i++) {
        const Episode *e = &eps[i];
        if (e->decom == DATE_NONE || care_is_short_break_ls(e->ls)) continue;
        Date from = e->decom > b14 ? e->decom : b14;
        if (e->dec != DATE_NONE && e->dec <= from) continue;
        long len = e->dec == DATE_NONE ? 91 : (long)(e->dec - from);
        if (days + len >= 91) return from + (Date)(91 - days) - 1;
        days += len;
    }
    return DATE_NONE;
}

/* The index of the child's first record dated after `after` (records are
 * sorted by date): a binary search. */
static int first_record_after(const Dataset *ds, const Child *c, Date after)
{
    const CareRecord *rec = child_records(ds, c);
    int lo = 0, hi = c->n_records;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (rec[mid].date <= after)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Every day on which the child's worklist can change, from lo to hi, sorted
 * and without repeats (the items of a repeated day merged); lo and hi
 * themselves are always included. A record's day changes only its own item
 * (and is left out when that item is not followed); every other change can
 * change any item, except the birthdays and the other changes of care-leaver
 * category, which change only the care-leaver items (the looked-after rules
 * read the child's age on a record's or a due date, never on the day asked
 * about) and are left out when none is followed. Some points are days on
 * which nothing changes for this child; working the worklist out again then
 * is harmless. */
static int change_points(Compliance *cm, const Dataset *ds, const Child *c, const Replay *r)
{
    int n = 0;
    Date lo = r->lo;
    add_point(cm, r, &n, lo, DUE_ALL_ITEMS);
    add_point(cm, r, &n, r->hi, DUE_ALL_ITEMS);
    const Episode *eps = child_episodes(ds, c);
    bool leaver = cm->items & LEAVER_ITEM_MASK;
    for (int i = 0; i < c->n_episodes; i++) {
        add_point(cm, r, &n, eps[i].decom, DUE_ALL_ITEMS);
        add_point(cm, r, &n, eps[i].dec, DUE_ALL_ITEMS);
        /* A relevant child home for 6 months is relevant no longer (leaver.h),
         * counted from leaving or from the start of a placement with parents
         * that ran into it (CLR 2010 reg 3(3)). */
        if (leaver && eps[i].dec != DATE_NONE)
            add_point(cm, r, &n, date_add_months(eps[i].dec, 6), DUE_ALL_ITEMS);
        if (leaver && eps[i].decom != DATE_NONE && code_is(eps[i].place, "P1"))
            add_point(cm, r, &n, date_add_months(eps[i].decom, 6), DUE_ALL_ITEMS);
    }
    const Review *rv = child_reviews(ds, c);
    for (int i = 0; i < c->n_reviews; i++) add_point(cm, r, &n, rv[i].date, DUE_ALL_ITEMS);
    if (leaver && c->dob != DATE_NONE) {
        /* Care-leaver categories change at 16, 18, 21 and 25 (leaver.h), on
         * completing 13 weeks in care since 14, with the OC3 record that
         * applies from the 1 April its collection year starts, and with a
         * request under s23CZB. */
        static const int ages[] = {16, 17, 18, 21, 22, 25, 26};
        for (size_t i = 0; i < sizeof ages / sizeof ages[0]; i++)
            add_point(cm, r, &n, date_birthday(c->dob, ages[i]), DUE_ALL_ITEMS);
        add_point(cm, r, &n, thirteen_weeks_since_14(ds, c), DUE_ALL_ITEMS);
        const Oc3 *oc3 = child_oc3(ds, c);
        for (int i = 0; i < c->n_oc3; i++)
            add_point(cm, r, &n, date_collection_year_start(oc3[i].year), DUE_ALL_ITEMS);
        /* A request for advice and support, or its withdrawal, can change the
         * category of a former relevant young person of 21 to 24 (CA89 s23CZB). */
        const CareRecord *rec = child_records(ds, c);
        for (int i = 0; i < c->n_records; i++)
            if (rec[i].kind == RECORD_PA_REQUEST) add_point(cm, r, &n, rec[i].date, DUE_ALL_ITEMS);
    }
    qsort(cm->points, (size_t)n, sizeof *cm->points, compare_points);
    /* The records' days, already in date order (dataset.h), are merged in. */
    int m = n;
    const CareRecord *rec = child_records(ds, c);
    for (int i = first_record_after(ds, c, lo - 1); i < c->n_records && rec[i].date <= r->hi; i++)
        add_point(cm, r, &n, rec[i].date, record_items(rec[i].kind) & cm->items);
    if (n > cm->cap_merged) {
        cm->cap_merged = cm->cap_points;
        cm->merged = xrealloc(cm->merged, (size_t)cm->cap_merged * sizeof *cm->merged);
    }
    const CompliancePoint *in = cm->points;
    CompliancePoint *out = cm->merged;
    int k = 0;
    for (int i = 0, j = m; i < m || j < n;) {
        CompliancePoint p = j >= n || (i < m && in[i].day <= in[j].day) ? in[i++] : in[j++];
        if (k > 0 && out[k - 1].day == p.day)
            out[k - 1].items |= p.items;
        else
            out[k++] = p;
    }
    /* The merged days become the points; the old buffer, the next scratch. */
    cm->merged = cm->points;
    cm->points = out;
    int cap = cm->cap_merged;
    cm->cap_merged = cm->cap_points;
    cm->cap_points = cap;
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
    for (int i = first_record_after(ds, c, after); i < c->n_records && rec[i].date <= on; i++)
        if (record_does(&rec[i], item)) return true;
    return false;
}

/* One item owed, followed from the day it was first seen. */
typedef struct Owed {
    bool active;
    Date due;
    const char *rule;
    Date since; /* the change day it was first seen on */
} Owed;

/* Counts the owed item, which stopped being owed on day `closed` (DATE_NONE:
 * still owed at the end of the replay) with the outcome (0 on time, 1 late, 2
 * not done). By year, it counts in the year of its due date as that year's
 * own replay (two years before it to its 31 March) would count it: only when
 * that replay would see it, owed on a day from its start to its end; late
 * only when done by the 31 March, else not done. */
static void count(Compliance *cm, const Replay *r, DueItem item, const Owed *o, Date closed,
                  int outcome)
{
    ComplianceCount *k;
    if (cm->years) {
        const Date *start = cm->year_starts;
        if (o->due < start[2] || o->due >= start[cm->n_years + 2]) return;
        int y = 0;
        while (o->due >= start[y + 3]) y++;
        if (!(r->years & (1u << y))) return;
        Date lo = start[y], to = start[y + 3] - 1;
        if (o->since > to || (closed != DATE_NONE && closed <= lo)) return;
        if (closed == DATE_NONE || closed > to) outcome = 2;
        k = &cm->years[y][item];
    } else {
        if (o->due < cm->from || o->due > cm->to) return;
        k = &cm->counts[item];
    }
    k->fell_due++;
    if (outcome == 0)
        k->on_time++;
    else if (outcome == 1)
        k->late++;
    else
        k->not_done++;
}

/* The owed item stops being current on day p (previous change day prev). */
static void close_owed(Compliance *cm, const Replay *r, const Dataset *ds, const Child *c,
                       DueItem item, const Owed *o, Date prev, Date p)
{
    if (done_between(ds, c, item, prev, p))
        count(cm, r, item, o, p, p <= o->due ? 0 : 1);
    else if (o->due < p)
        count(cm, r, item, o, p, 2); /* stopped being owed while overdue */
    /* else: stopped being owed before it fell due; never counted */
}

/* Whether the child can owe anything on some day from lo to `to`: looked
 * after full time then, or aged 16 to 25 then having been in care after the
 * 14th birthday (every care-leaver category needs 13 weeks looked after since
 * 14, leaver.h). A shortcut: a child who cannot owe anything adds nothing. */
typedef struct Birthdays {
    Date b14, b16, b26; /* DATE_NONE when the date of birth is unknown */
} Birthdays;

static Birthdays birthdays(const Child *c)
{
    if (c->dob == DATE_NONE) return (Birthdays){DATE_NONE, DATE_NONE, DATE_NONE};
    return (Birthdays){date_birthday(c->dob, 14), date_birthday(c->dob, 16),
                       date_birthday(c->dob, 26)};
}

static bool may_owe(const Dataset *ds, const Child *c, const Birthdays *b, Date lo, Date to)
{
    bool leaver_age = b->b16 != DATE_NONE && to >= b->b16 && lo < b->b26;
    Date b14 = leaver_age ? b->b14 : DATE_NONE;
    const Episode *eps = child_episodes(ds, c);
    for (int i = 0; i < c->n_episodes; i++) {
        const Episode *e = &eps[i];
        if (e->decom == DATE_NONE) continue;
        if (!care_is_short_break_ls(e->ls) && e->decom <= to &&
            (e->dec == DATE_NONE || e->dec > lo))
            return true;
        if (leaver_age && (e->dec == DATE_NONE || e->dec > b14)) return true;
    }
    return false;
}

static void replay(Compliance *cm, const Dataset *ds, const Child *c, const Replay *r)
{
    int n = change_points(cm, ds, c, r);
    Owed owed[DUE_ITEM_COUNT] = {{0}};
    DueSituation situation; /* worked out on the first point, lo (every item) */
    memset(&situation, 0, sizeof situation);
    /* Most children have no visit-regime statement: saying so once spares the
     * visit rule a look through the placement's records on every day. */
    bool regimes = false;
    const CareRecord *rec = child_records(ds, c);
    for (int i = 0; i < c->n_records && !regimes; i++) regimes = rec[i].kind == RECORD_VISIT_REGIME;
    Date prev = r->lo - 1;
    for (int i = 0; i < n; i++) {
        Date p = cm->points[i].day;
        unsigned items = cm->points[i].items;
        DueEntry entries[DUE_ITEM_COUNT];
        /* Only records change on a day that does not change every item, and
         * they leave the situation as it was. */
        if (items == DUE_ALL_ITEMS) {
            due_situation_items(ds, c, p, cm->items, &situation);
            situation.no_visit_regimes = !regimes;
        }
        items &= cm->items;
        int ne = due_for_child_in(ds, c, p, cm->cal, &situation, items, entries);
        int at[DUE_ITEM_COUNT] = {0}; /* the entry of each item owed now (bit set in owing) */
        unsigned owing = 0;
        for (int e = 0; e < ne; e++) {
            at[entries[e].item] = e;
            owing |= 1u << entries[e].item;
        }
        for (unsigned left = items; left; left &= left - 1) { /* the others are unchanged */
            int item = __builtin_ctz(left);
            const Owed *o = &owed[item];
            const DueEntry *now = owing & (1u << item) ? &entries[at[item]] : NULL;
            bool same = o->active && now && o->due == now->due && o->rule == now->rule;
            if (o->active && !same) close_owed(cm, r, ds, c, (DueItem)item, o, prev, p);
            if (!same) owed[item] = now ? (Owed){true, now->due, now->rule, p} : (Owed){0};
        }
        prev = p;
    }
    /* Still owed at the end of the period: not done. */
    for (int item = 0; item < DUE_ITEM_COUNT; item++)
        if (owed[item].active) count(cm, r, (DueItem)item, &owed[item], DATE_NONE, 2);
}

void compliance_add_child(Compliance *cm, const Dataset *ds, const Child *c)
{
    if (cm->years) {
        compliance_add_child_years(cm, ds, c, cm->n_years >= 32 ? ~0u : (1u << cm->n_years) - 1);
        return;
    }
    Replay r = {date_add_months(cm->from, -COMPLIANCE_LOOKBACK_MONTHS), cm->to, 0};
    Birthdays b = birthdays(c);
    if (may_owe(ds, c, &b, r.lo, r.hi)) replay(cm, ds, c, &r);
}

void compliance_add_child_years(Compliance *cm, const Dataset *ds, const Child *c, unsigned years)
{
    if (!cm->years) return;
    Replay r = {DATE_NONE, DATE_NONE, 0};
    Birthdays b = birthdays(c);
    for (int y = 0; y < cm->n_years; y++) {
        if (!(years & (1u << y))) continue;
        Date lo = cm->year_starts[y], to = cm->year_starts[y + 3] - 1;
        if (!may_owe(ds, c, &b, lo, to)) continue; /* as that year's replay skips it */
        if (!r.years) r.lo = lo;
        r.hi = to;
        r.years |= 1u << y;
    }
    if (r.years) replay(cm, ds, c, &r);
}
