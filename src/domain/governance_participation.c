/* governance_participation: see governance_participation.h. */
#include "domain/governance_participation.h"

#include "domain/care.h"
#include "domain/disclosure.h"

#include <stdio.h>
#include <string.h>

int governance_event_kind(const char *name)
{
    static const char *const names[GOV_EVENT_KIND_COUNT] = {"invitation", "offer", "attendance",
                                                            "mailing"};
    for (int i = 0; name && i < GOV_EVENT_KIND_COUNT; i++)
        if (strcmp(names[i], name) == 0) return i;
    return -1;
}

const char *governance_rule_name(GovRule r)
{
    static const char *const names[GOV_RULE_COUNT] = {
        "invited twice on entering care", "meetings offered this year", "update mailing this year"};
    return r < GOV_RULE_COUNT ? names[r] : "";
}

const char *governance_split_name(int split)
{
    static const char *const names[GOV_SPLIT_COUNT] = {
        "disabled", "not disabled", "minority ethnic", "White British", "not recorded"};
    return split >= 0 && split < GOV_SPLIT_COUNT ? names[split] : "";
}

/* Counts the events of kind in [from, to]; *nth is the date of the need-th in
 * date order (DATE_NONE when fewer). */
static int count_events(const GovEvent *ev, int n, GovEventKind kind, Date from, Date to, int need,
                        Date *nth)
{
    Date dates[64];
    int k = 0;
    for (int i = 0; i < n; i++)
        if (ev[i].kind == kind && ev[i].on >= from && ev[i].on <= to) {
            if (k < (int)(sizeof dates / sizeof dates[0])) dates[k] = ev[i].on;
            k++;
        }
    int kept = k < 64 ? k : 64;
    /* The need-th earliest: a partial selection sort of the few kept. */
    for (int i = 0; i < kept && i < need; i++)
        for (int j = i + 1; j < kept; j++)
            if (dates[j] < dates[i]) {
                Date t = dates[i];
                dates[i] = dates[j];
                dates[j] = t;
            }
    *nth = need >= 1 && need <= kept ? dates[need - 1] : DATE_NONE;
    return k;
}

static void judge(GovPartItem *item, Date at)
{
    if (item->have >= item->need && item->done != DATE_NONE)
        item->state = item->done <= item->due ? GOV_DONE : GOV_DONE_LATE;
    else
        item->state = at > item->due ? GOV_OVERDUE : GOV_DUE;
}

/* Invited twice: for the latest period of care begun in the year, by at. */
static bool invited(const Dataset *ds, const Child *c, const GovEvent *ev, int n, Date from,
                    Date to, Date at, GovPartItem *item)
{
    CarePeriod periods[32];
    int np = care_periods(ds, c, periods, 32);
    if (np > 32) np = 32;
    for (int i = np - 1; i >= 0; i--) {
        Date start = periods[i].start;
        if (start > to || start > at) continue;
        if (start < from || periods[i].short_breaks_only) return false;
        *item = (GovPartItem){.rule = GOV_RULE_INVITED, .need = 2};
        item->due = date_add_months(start, GOV_INVITE_MONTHS);
        item->have = count_events(ev, n, GOV_EVENT_INVITATION, start, at, 2, &item->done);
        judge(item, at);
        return true;
    }
    return false;
}

/* Offered four (aged 9 or over on 1 April) or one meeting in the year. */
static bool offered(const Dataset *ds, const Child *c, const GovEvent *ev, int n, Date from,
                    Date to, Date at, GovPartItem *item)
{
    Date last = at < to ? at : to;
    if (!care_looked_after_on(ds, c, from) || !care_looked_after_on(ds, c, last)) return false;
    /* Date of birth unknown: the larger number, so that no child is owed less. */
    bool older = c->dob == DATE_NONE || date_age_on(c->dob, from) >= GOV_OFFER_AGE;
    *item = (GovPartItem){
        .rule = GOV_RULE_OFFERED, .need = older ? GOV_OFFERS_OLDER : GOV_OFFERS_YOUNGER, .due = to};
    item->have = count_events(ev, n, GOV_EVENT_OFFER, from, last, item->need, &item->done);
    judge(item, at);
    return true;
}

/* The update mailing, once in the year, for a child looked after at its end. */
static bool mailed(const Dataset *ds, const Child *c, const GovEvent *ev, int n, Date from, Date to,
                   Date at, GovPartItem *item)
{
    Date last = at < to ? at : to;
    if (!care_looked_after_on(ds, c, last)) return false;
    *item = (GovPartItem){.rule = GOV_RULE_MAILED, .need = 1, .due = to};
    item->have = count_events(ev, n, GOV_EVENT_MAILING, from, last, 1, &item->done);
    judge(item, at);
    return true;
}

int governance_participation_child(const Dataset *ds, const Child *c, const GovEvent *events,
                                   int n_events, int end_year, Date at, GovPartItem *out)
{
    Date from = date_collection_year_start(end_year), to = date_collection_year_end(end_year);
    if (at < from) return 0;
    int k = 0;
    if (invited(ds, c, events, n_events, from, to, at, &out[k])) k++;
    if (offered(ds, c, events, n_events, from, to, at, &out[k])) k++;
    if (mailed(ds, c, events, n_events, from, to, at, &out[k])) k++;
    return k;
}

void governance_participation_add(GovPartTally *t, const Dataset *ds, const Child *c, int end_year,
                                  const GovPartItem *items, int n)
{
    Date end = date_collection_year_end(end_year);
    int disability = care_disabled_on(ds, c, end) ? GOV_SPLIT_DISABLED : GOV_SPLIT_NOT_DISABLED;
    int ethnicity = care_ethnic_minority(c)          ? GOV_SPLIT_MINORITY
                    : strcmp(c->ethnic, "WBRI") == 0 ? GOV_SPLIT_WHITE_BRITISH
                                                     : GOV_SPLIT_ETHNIC_NOT_RECORDED;
    for (int i = 0; i < n; i++) {
        GovRule r = items[i].rule;
        long met = items[i].have >= items[i].need;
        t->num[r] += met;
        t->den[r]++;
        t->split_num[r][disability] += met;
        t->split_den[r][disability]++;
        t->split_num[r][ethnicity] += met;
        t->split_den[r][ethnicity]++;
    }
}

/* One rule split one way as a table: a row per group, columns met and not met,
 * with both margins (the totals line is the rule's overall figure). */
static int split_table(const GovPartTally *t, GovRule r, int first, int n_groups, int threshold,
                       DiscTable *d, Err *err)
{
    disc_table_init(d, n_groups, 2, true, true);
    for (int g = 0; g < n_groups; g++) {
        disc_set(d, g, 0, t->split_num[r][first + g]);
        disc_set(d, g, 1, t->split_den[r][first + g] - t->split_num[r][first + g]);
    }
    disc_fill_totals(d);
    return disc_apply(d, threshold, err);
}

static void put(char *dst, const DiscTable *d, int row, int col, bool withhold)
{
    char buf[DISC_TEXT_LEN];
    snprintf(dst, 12, "%s", withhold ? "c" : disc_text(d, row, col, buf));
}

int governance_participation_publish(const GovPartTally *t, int threshold, GovPartPublished *out,
                                     Err *err)
{
    memset(out, 0, sizeof *out);
    if (threshold <= 0) threshold = DISC_DEFAULT_THRESHOLD;
    for (int r = 0; r < GOV_RULE_COUNT; r++) {
        DiscTable dis, eth;
        int rc = split_table(t, (GovRule)r, GOV_SPLIT_DISABLED, 2, threshold, &dis, err);
        int rc_eth = split_table(t, (GovRule)r, GOV_SPLIT_MINORITY, 3, threshold, &eth, err);
        if (rc < 0 || rc_eth < 0) {
            disc_table_free(&dis);
            disc_table_free(&eth);
            return ERR_INPUT;
        }
        /* Both tables end in the same totals line: when either withholds a
         * part of it, the rule is withheld whole, since the other table's
         * rows would add up to what was withheld. */
        bool whole = disc_suppressed(&dis, 2, 0) || disc_suppressed(&dis, 2, 2) ||
                     disc_suppressed(&eth, 3, 0) || disc_suppressed(&eth, 3, 2);
        put(out->num[r], &dis, 2, 0, whole);
        put(out->den[r], &dis, 2, 2, whole);
        for (int g = 0; g < 2; g++) {
            put(out->split_num[r][GOV_SPLIT_DISABLED + g], &dis, g, 0, whole);
            put(out->split_den[r][GOV_SPLIT_DISABLED + g], &dis, g, 2, whole);
        }
        for (int g = 0; g < 3; g++) {
            put(out->split_num[r][GOV_SPLIT_MINORITY + g], &eth, g, 0, whole);
            put(out->split_den[r][GOV_SPLIT_MINORITY + g], &eth, g, 2, whole);
        }
        disc_table_free(&dis);
        disc_table_free(&eth);
    }
    return 0;
}
