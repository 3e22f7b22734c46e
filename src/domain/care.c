/* care: see care.h and docs/care-history.md.
 *
 * Every question here is answered by one walk over the child's episodes, which
 * the Dataset keeps sorted by DECOM; nothing allocates. The walks tolerate bad
 * data (overlapping episodes, a DEC before its DECOM, a missing DECOM) without
 * double counting, because the validator reports such data but the profile and
 * the worklists still have to run on it. This module must not do I/O. */
#include "domain/care.h"

#include "domain/codes.h"

#include <assert.h>
#include <string.h>

/* 903 code list LS: V3 and V4 are the agreed series of short-term breaks,
 * the arrangements of CPPCR 2010 reg 48. */
bool care_is_short_break_ls(const char *ls)
{
    /* "V3" or "V4", compared by hand: asked of every episode in every walk. */
    return ls && ls[0] == 'V' && (ls[1] == '3' || ls[1] == '4') && ls[2] == '\0';
}

/* DEC is exclusive: the child is looked after on DECOM and not on DEC. */
static bool covers(const Episode *e, Date d)
{
    return e->decom != DATE_NONE && e->decom <= d && (e->dec == DATE_NONE || d < e->dec);
}

/* The latest-started episode covering d, full time only when asked. */
static const Episode *covering(const Dataset *ds, const Child *c, Date d, bool full_time_only)
{
    const Episode *eps = child_episodes(ds, c);
    for (int i = c->n_episodes - 1; i >= 0; i--) {
        if (full_time_only && care_is_short_break_ls(eps[i].ls)) continue;
        if (covers(&eps[i], d)) return &eps[i];
    }
    return NULL;
}

const Episode *care_episode_on(const Dataset *ds, const Child *c, Date d)
{
    return covering(ds, c, d, false);
}

bool care_looked_after_on(const Dataset *ds, const Child *c, Date d)
{
    return covering(ds, c, d, false) != NULL;
}

const Episode *care_full_time_episode_on(const Dataset *ds, const Child *c, Date d)
{
    return covering(ds, c, d, true);
}

bool care_full_time_on(const Dataset *ds, const Child *c, Date d)
{
    return covering(ds, c, d, true) != NULL;
}

bool care_short_breaks_on(const Dataset *ds, const Child *c, Date d)
{
    return covering(ds, c, d, false) != NULL && covering(ds, c, d, true) == NULL;
}

/* Whether episode e continues the period whose end so far is `end`: it starts
 * on that end (903: the next DECOM equals the previous DEC), or earlier when
 * the data overlaps, or the period is still open. */
static bool continues(Date end, const Episode *e)
{
    return end == DATE_NONE || e->decom <= end;
}

/* The later of two period ends, DATE_NONE (open) being the latest. */
static Date later_end(Date a, Date b)
{
    if (a == DATE_NONE || b == DATE_NONE) return DATE_NONE;
    return a > b ? a : b;
}

static void emit(CarePeriod *out, int max, int *n, const CarePeriod *p)
{
    if (*n < max) out[*n] = *p;
    (*n)++;
}

int care_periods(const Dataset *ds, const Child *c, CarePeriod *out, int max)
{
    const Episode *eps = child_episodes(ds, c);
    int n = 0;
    CarePeriod cur = {0};
    for (int i = 0; i < c->n_episodes; i++) {
        const Episode *e = &eps[i];
        if (e->decom == DATE_NONE) continue;
        bool sb = care_is_short_break_ls(e->ls);
        if (cur.n_episodes > 0 && continues(cur.end, e)) {
            cur.end = later_end(cur.end, e->dec);
            cur.n_episodes = i - cur.first_episode + 1;
            cur.short_breaks_only = cur.short_breaks_only && sb;
            continue;
        }
        if (cur.n_episodes > 0) emit(out, max, &n, &cur);
        cur = (CarePeriod){e->decom, e->dec, i, 1, sb};
    }
    if (cur.n_episodes > 0) emit(out, max, &n, &cur);
    return n;
}

long care_days_full_time(const Dataset *ds, const Child *c, Date from, Date to)
{
    assert(to != DATE_NONE);
    const Episode *eps = child_episodes(ds, c);
    Date counted = from; /* days before this are counted already, or out of range */
    long days = 0;
    for (int i = 0; i < c->n_episodes; i++) {
        const Episode *e = &eps[i];
        if (e->decom == DATE_NONE || care_is_short_break_ls(e->ls)) continue;
        Date start = e->decom > counted || counted == DATE_NONE ? e->decom : counted;
        Date end = e->dec == DATE_NONE || e->dec > to ? to : e->dec;
        if (end <= start) continue;
        days += end - start;
        counted = end;
    }
    return days;
}

const Episode *care_last_episode_by(const Dataset *ds, const Child *c, Date d)
{
    const Episode *eps = child_episodes(ds, c);
    for (int i = c->n_episodes - 1; i >= 0; i--)
        if (eps[i].decom != DATE_NONE && eps[i].decom <= d) return &eps[i];
    return NULL;
}

/* 903 CIN N2: "child's disability" is the main reason the child is in need. */
bool care_disabled_on(const Dataset *ds, const Child *c, Date d)
{
    if (c->disability == DISABILITY_OVERRIDE_YES) return true;
    if (c->disability == DISABILITY_OVERRIDE_NO) return false;
    const Episode *e = care_episode_on(ds, c, d);
    if (!e) e = care_last_episode_by(ds, c, d);
    return e && code_is(e->cin, "N2");
}

/* 903 ETHNIC: WBRI is White British; REFU (refused) and NOBT (information not
 * yet obtained) say nothing about background, so they are not a minority. */
bool care_ethnic_minority(const Child *c)
{
    return c->ethnic[0] && !code_is(c->ethnic, "WBRI") && !code_is(c->ethnic, "REFU") &&
           !code_is(c->ethnic, "NOBT");
}

bool care_started_on_interim_order(const Dataset *ds, const Child *c, Date start, Date at,
                                   Date *order_end)
{
    const Episode *eps = child_episodes(ds, c);
    bool started = false;
    *order_end = DATE_NONE;
    for (int i = 0; i < c->n_episodes; i++) {
        const Episode *e = &eps[i];
        if (e->decom == DATE_NONE || care_is_short_break_ls(e->ls)) continue;
        if (e->decom < start || e->decom > at) continue;
        if (!started) {
            if (e->decom != start || !code_is(e->ls, "C1")) return false;
            started = true;
        } else if (!code_is(e->ls, "C1")) {
            *order_end = e->decom;
            return true;
        }
    }
    return started;
}
