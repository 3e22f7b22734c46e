/* care: a child's care history as the regulations see it: periods of care,
 * whether looked after on a date, full time or through short breaks, legal
 * status, placement and age.
 *
 * Conventions (docs/care-history.md): an episode covers the days from DECOM up
 * to but not including DEC, so a child is looked after on date d when some
 * episode has DECOM <= d < DEC (or no DEC yet). Episodes that meet with no gap
 * belong to one period of care. Short breaks are legal status V3 or V4 (903
 * code list; CPPCR 2010 reg 48). Pure functions of a Dataset and a date. */
#ifndef CAREPLEDGE_CARE_H
#define CAREPLEDGE_CARE_H

#include "domain/dataset.h"

/* True for the short-break legal statuses V3 and V4. */
bool care_is_short_break_ls(const char *ls);

/* The episode open on date d, or NULL when the child is not looked after then. */
const Episode *care_episode_on(const Dataset *ds, const Child *c, Date d);
bool care_looked_after_on(const Dataset *ds, const Child *c, Date d);
/* The episode open on d under a legal status other than V3/V4 (the latest
 * started, should episodes overlap), or NULL. */
const Episode *care_full_time_episode_on(const Dataset *ds, const Child *c, Date d);
/* Looked after on d under a legal status other than V3/V4. */
bool care_full_time_on(const Dataset *ds, const Child *c, Date d);
/* Looked after on d under V3/V4 only: a child also in a full-time episode that
 * day counts as full time, so the two never overlap. */
bool care_short_breaks_on(const Dataset *ds, const Child *c, Date d);

/* A period of care: consecutive episodes with no gap between them. */
typedef struct CarePeriod {
    Date start, end;               /* end is DATE_NONE while the period is open; exclusive */
    int first_episode, n_episodes; /* indexes into the child's episodes */
    bool short_breaks_only;
} CarePeriod;

/* Fills out[] with up to max periods in date order; returns how many there are
 * (which may exceed max). */
int care_periods(const Dataset *ds, const Child *c, CarePeriod *out, int max);

/* Days looked after, not counting V3/V4 episodes, within [from, to) — to is
 * exclusive; DATE_NONE for from means "since the start". */
long care_days_full_time(const Dataset *ds, const Child *c, Date from, Date to);

/* CA89 s31A: true when the period of full-time care that began on `start`
 * began under an interim care order (903 LS C1, s38). *order_end is then the
 * first day, on or before `at`, of a full-time episode of that period with
 * another legal status (the care order, or the end of the court's part), or
 * DATE_NONE while every episode so far is C1. Pure; allocates nothing. */
bool care_started_on_interim_order(const Dataset *ds, const Child *c, Date start, Date at,
                                   Date *order_end);

/* The last episode that started on or before d (open or closed), or NULL. */
const Episode *care_last_episode_by(const Dataset *ds, const Child *c, Date d);

/* Whether the child counts as disabled on d: the council's override when it
 * has one, else CIN N2 on the episode open on d, or on the last episode before
 * d when none is open. */
bool care_disabled_on(const Dataset *ds, const Child *c, Date d);

/* Ethnic or cultural minority background: an ETHNIC code recorded and not
 * WBRI (White British); REFU and NOBT (refused, not yet obtained) are not
 * counted as either. */
bool care_ethnic_minority(const Child *c);

#endif
