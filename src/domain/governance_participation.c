/* governance_participation: see governance_participation.h. */
#include "domain/governance_participation.h"

#include "domain/care.h"
#include "domain/disclosure.h"
#include "domain/disclosure_system.h"
#include "domain/leaver.h"
#include "domain/publication.h"

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
        "invited twice on entering care", "meetings offered this year", "update mailing this year",
        "care leavers' mailing this year"};
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

/* The update mailing to a care leaver, once in the year: relevant or former
 * relevant on the last day looked at and not looked after then (strategy,
 * Appendix 2 c: "every child in care and care leaver"; the categories and
 * their upper ages, CA89 s23A, s23C and s23CA, are domain/leaver's). */
static bool leaver_mailed(const Dataset *ds, const Child *c, const GovEvent *ev, int n, Date from,
                          Date to, Date at, GovPartItem *item)
{
    Date last = at < to ? at : to;
    if (care_looked_after_on(ds, c, last)) return false;
    LeaverCategory k = leaver_category(ds, c, last, LEAVER_RULES_CURRENT);
    if (k != LEAVER_RELEVANT && k != LEAVER_FORMER_RELEVANT) return false;
    *item = (GovPartItem){.rule = GOV_RULE_LEAVER_MAILED, .need = 1, .due = to};
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
    if (leaver_mailed(ds, c, events, n_events, from, to, at, &out[k])) k++;
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

/* The counts of one rule as one publication (domain/disclosure_system): each
 * group's met, not met and children, the same for the whole, the disability
 * groups and the ethnicity groups each adding up to the whole. Both tables
 * share the whole's line, so a count withheld in one cannot be worked out from
 * the other: the audit sees both at once. */
typedef struct RuleVars {
    int num[GOV_SPLIT_COUNT], rest[GOV_SPLIT_COUNT], den[GOV_SPLIT_COUNT];
    int all_num, all_rest, all_den;
} RuleVars;

static int figure_vars(DiscSystem *s, long num, long den, int *v_num, int *v_rest, int *v_den,
                       Err *err)
{
    *v_num = disc_sys_var(s, num, false);
    *v_rest = disc_sys_var(s, den - num, false);
    *v_den = disc_sys_var(s, den, false);
    int parts[2] = {*v_num, *v_rest};
    return disc_sys_sum(s, 2, parts, *v_den, err);
}

/* The groups first..first+n add up to the whole, in each of the three counts. */
static int split_sums(DiscSystem *s, const RuleVars *v, int first, int n, Err *err)
{
    int num[GOV_SPLIT_COUNT], rest[GOV_SPLIT_COUNT], den[GOV_SPLIT_COUNT];
    for (int g = 0; g < n; g++)
        num[g] = v->num[first + g], rest[g] = v->rest[first + g], den[g] = v->den[first + g];
    int rc = disc_sys_sum(s, n, num, v->all_num, err);
    if (rc == 0) rc = disc_sys_sum(s, n, rest, v->all_rest, err);
    if (rc == 0) rc = disc_sys_sum(s, n, den, v->all_den, err);
    return rc;
}

static int rule_system(const GovPartTally *t, GovRule r, DiscSystem *s, RuleVars *v, Err *err)
{
    int rc = figure_vars(s, t->num[r], t->den[r], &v->all_num, &v->all_rest, &v->all_den, err);
    for (int g = 0; rc == 0 && g < GOV_SPLIT_COUNT; g++)
        rc = figure_vars(s, t->split_num[r][g], t->split_den[r][g], &v->num[g], &v->rest[g],
                         &v->den[g], err);
    if (rc == 0) rc = split_sums(s, v, GOV_SPLIT_DISABLED, 2, err);
    if (rc == 0) rc = split_sums(s, v, GOV_SPLIT_MINORITY, 3, err);
    return rc;
}

static void put(char *dst, const DiscSystem *s, int var)
{
    if (disc_sys_withheld(s, var))
        snprintf(dst, 12, "c");
    else
        snprintf(dst, 12, "%ld", s->value[var]);
}

/* Rule r's figures as s marks them. */
static void put_rule(GovPartPublished *out, const DiscSystem *s, int r, const RuleVars *v)
{
    put(out->num[r], s, v->all_num);
    put(out->den[r], s, v->all_den);
    for (int g = 0; g < GOV_SPLIT_COUNT; g++) {
        put(out->split_num[r][g], s, v->num[g]);
        put(out->split_den[r][g], s, v->den[g]);
    }
}

int governance_participation_publish(const GovPartTally *t, int threshold, GovPartPublished *out,
                                     Err *err)
{
    memset(out, 0, sizeof *out);
    if (threshold <= 0) threshold = DISC_DEFAULT_THRESHOLD;
    for (int r = 0; r < GOV_RULE_COUNT; r++) {
        DiscSystem s;
        disc_sys_init(&s);
        RuleVars v;
        int rc = rule_system(t, (GovRule)r, &s, &v, err);
        if (rc == 0) rc = disc_sys_protect(&s, threshold, err);
        if (rc == 0) put_rule(out, &s, r, &v);
        disc_sys_free(&s);
        if (rc < 0) return rc;
    }
    return 0;
}

int governance_participation_publish_layers(const GovPartTally *t, Publication *pub,
                                            GovPartPublished *out, Err *err)
{
    memset(out, 0, sizeof *out);
    for (int r = 0; r < GOV_RULE_COUNT; r++) {
        RuleVars v; /* a publication's counts are its system's variables */
        int rc = rule_system(t, (GovRule)r, &pub->sys, &v, err);
        if (rc == 0) rc = publication_layer(pub, err);
        if (rc < 0) return rc;
        put_rule(out, &pub->sys, r, &v);
    }
    return 0;
}
