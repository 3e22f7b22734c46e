/* governance_participation: the Children in Care Council's participation
 * rules (strategy, Appendix 2 c, "Participation") per child, and in aggregate
 * split by disability and ethnicity (the strategy asks that disabled and
 * younger children are heard too):
 *   - invited: every child who enters care is formally invited to a CiCC
 *     meeting on at least two occasions. The strategy gives no time for it;
 *     Carepledge looks for the two invitations within GOV_INVITE_MONTHS of the
 *     start of the period of care;
 *   - offered: children aged 9 or over have the opportunity of at least four
 *     meetings a year, younger children at least one. The year is the
 *     collection year (1 April to 31 March), the age the one on 1 April (a
 *     child who turns 9 during the year is offered four from the next year:
 *     the rule asks for four "a year", which a part-year cannot give), and the
 *     children are those looked after from 1 April to the end of the year (or
 *     the date asked, in the year);
 *   - mailed: every child in care receives a CiCC update mailing at least once
 *     a year, "normally in March": once in each collection year, due by 31
 *     March, for the children looked after then (or on the date asked);
 *   - and every care leaver: a young person not looked after then who is
 *     relevant or former relevant (docs/care-leavers.md: to 21, or to 25 while
 *     still supported in education or training; domain/leaver, today's rules)
 *     is owed the same mailing, as a rule of its own.
 *
 * Pure: reads the Dataset and the events given; allocates nothing. */
#ifndef CAREPLEDGE_GOVERNANCE_PARTICIPATION_H
#define CAREPLEDGE_GOVERNANCE_PARTICIPATION_H

#include "base/err.h"
#include "domain/dataset.h"
#include "domain/governance_due.h"

typedef enum GovEventKind {
    GOV_EVENT_INVITATION,
    GOV_EVENT_OFFER,
    GOV_EVENT_ATTENDANCE,
    GOV_EVENT_MAILING,
    GOV_EVENT_KIND_COUNT,
} GovEventKind;

/* The kind named "invitation", "offer", "attendance" or "mailing"; -1 if none. */
int governance_event_kind(const char *name);

typedef struct GovEvent {
    GovEventKind kind;
    Date on;
} GovEvent;

typedef enum GovRule {
    GOV_RULE_INVITED,
    GOV_RULE_OFFERED,
    GOV_RULE_MAILED,
    GOV_RULE_LEAVER_MAILED, /* the update mailing to a care leaver */
    GOV_RULE_COUNT,
} GovRule;

/* "invited twice on entering care", ... */
const char *governance_rule_name(GovRule r);

enum {
    GOV_INVITE_MONTHS = 12, /* Carepledge's window for the two invitations */
    GOV_OFFER_AGE = 9,      /* aged 9 or over: four meetings a year */
    GOV_OFFERS_OLDER = 4,
    GOV_OFFERS_YOUNGER = 1,
};

/* One child's part of one rule. */
typedef struct GovPartItem {
    GovRule rule;
    int have, need;
    Date due;
    Date done; /* the event that met it; DATE_NONE when not met */
    GovState state;
} GovPartItem;

/* The rules that apply to child c in the collection year ending 31 March of
 * end_year, on date at (at most the year's end is looked at), with the child's
 * events (in any order). Fills out[] (at most GOV_RULE_COUNT) and returns how
 * many apply. */
int governance_participation_child(const Dataset *ds, const Child *c, const GovEvent *events,
                                   int n_events, int end_year, Date at, GovPartItem *out);

/* The groups of the aggregate: disability on 31 March, then ethnicity. */
enum {
    GOV_SPLIT_DISABLED,
    GOV_SPLIT_NOT_DISABLED,
    GOV_SPLIT_MINORITY,
    GOV_SPLIT_WHITE_BRITISH,
    GOV_SPLIT_ETHNIC_NOT_RECORDED,
    GOV_SPLIT_COUNT,
};
/* "disabled", "not disabled", "minority ethnic", "White British", "not recorded". */
const char *governance_split_name(int split);

/* Each rule's children (den) and those who met it (num), all and by group. */
typedef struct GovPartTally {
    long num[GOV_RULE_COUNT], den[GOV_RULE_COUNT];
    long split_num[GOV_RULE_COUNT][GOV_SPLIT_COUNT], split_den[GOV_RULE_COUNT][GOV_SPLIT_COUNT];
} GovPartTally;

/* Adds the child's items (from governance_participation_child) to t, under the
 * child's groups on the year's 31 March. */
void governance_participation_add(GovPartTally *t, const Dataset *ds, const Child *c, int end_year,
                                  const GovPartItem *items, int n);

/* A tally's figures as they may be published, "c" where withheld. Each rule's
 * two tables (by disability, by ethnicity), which share the rule's whole
 * line, are protected as one system (domain/disclosure_system: counts from 1
 * to threshold withheld, 0 for the default, and whatever else would let a
 * reader of both tables work one out or narrow it inside 1..threshold). Each
 * group's "not met" (children minus met) is a count of the system too. Texts
 * of at most 12 characters. */
typedef struct GovPartPublished {
    char num[GOV_RULE_COUNT][12], den[GOV_RULE_COUNT][12];
    char split_num[GOV_RULE_COUNT][GOV_SPLIT_COUNT][12];
    char split_den[GOV_RULE_COUNT][GOV_SPLIT_COUNT][12];
} GovPartPublished;

/* Returns 0, or ERR_INPUT when the counts do not add up or cannot be protected (a bug). */
int governance_participation_publish(const GovPartTally *t, int threshold, GovPartPublished *out,
                                     Err *err);

/* The same as layers of a publication (domain/publication.h, issue 17), one
 * per rule, each protected with every earlier layer fixed, at the
 * publication's threshold: the quarterly pack's participation section after
 * its scorecard and profile. No count is linked to another output's (none is
 * modelled as the same children as a scorecard or profile count), so the
 * figures are those governance_participation_publish gives. */
struct Publication;
int governance_participation_publish_layers(const GovPartTally *t, struct Publication *pub,
                                            GovPartPublished *out, Err *err);

#endif
