/* leaver: care-leaver status at any date: eligible, relevant, former relevant,
 * qualifying, or none, with the entitlement that follows and the reason.
 *
 * Sources (shared/reference/statutory.md section A1): Children Act 1989 Sch 2
 * para 19B and CPPCR 2010 reg 40 (eligible), s23A and Care Leavers (England)
 * Regulations 2010 reg 3 (relevant), s23C, s23CA and s23CZB (former relevant
 * and the ages to 21 and 25; a request under s23CZB is a RECORD_PA_REQUEST),
 * s24 (qualifying). The strategy's 2010 rules
 * (seed Appendix 1) ended education support at 24. Short breaks (V3/V4) never
 * count, following CPPCR reg 40(2) and the DfE cohort rules. Pure. */
#ifndef CAREPLEDGE_LEAVER_H
#define CAREPLEDGE_LEAVER_H

#include "domain/dataset.h"

typedef enum LeaverCategory {
    LEAVER_NONE,
    LEAVER_ELIGIBLE,
    LEAVER_RELEVANT,
    LEAVER_FORMER_RELEVANT,
    LEAVER_QUALIFYING,
} LeaverCategory;

typedef enum LeaverRules {
    LEAVER_RULES_CURRENT, /* support in education or training to 25 (s23CA as amended) */
    LEAVER_RULES_2010,    /* the strategy's rules: to 24 */
} LeaverRules;

typedef struct LeaverStatus {
    LeaverCategory category;
    int age;                  /* age on the date */
    bool in_care;             /* looked after full time on the date */
    bool in_education;        /* latest OC3 activity is education or training */
    bool full_time_education; /* latest OC3 activity is F1 or F2 */
    long days_since_14;       /* days looked after (full time) from the 14th birthday */
    /* CA89 s23CZB: a former relevant young person of 21 to 24 who is owed
     * support only because they asked for it (not in education or training):
     * the day of the request in force; DATE_NONE otherwise. */
    Date on_request;
    /* CA89 s24(1A): qualifying only through a special guardianship order made
     * when care ended before the 16th birthday (the strategy's Appendix 1
     * "qualifying", "in care after they were 16", leaves them out). */
    bool special_guardianship;
    const char *entitlement; /* static text */
    char reason[200];
} LeaverStatus;

/* "eligible", "relevant", "former_relevant", "qualifying" or "none". */
const char *leaver_category_name(LeaverCategory c);
/* Parses "current" or "2010"; returns 0 or -1. */
int leaver_parse_rules(const char *s, LeaverRules *out);
/* The 13 weeks of CPPCR reg 40(1), in days. */
enum { LEAVER_PRESCRIBED_DAYS = 91 };

LeaverStatus leaver_status(const Dataset *ds, const Child *c, Date at, LeaverRules rules);
/* The category alone, as leaver_status gives it, without writing the reason:
 * for counts over many young people (the scorecard, the due-date replays). */
LeaverCategory leaver_category(const Dataset *ds, const Child *c, Date at, LeaverRules rules);
/* leaver_category, also setting *on_request as LeaverStatus.on_request. */
LeaverCategory leaver_category_request(const Dataset *ds, const Child *c, Date at,
                                       LeaverRules rules, Date *on_request);

/* CA89 s23CZB(2) and (3)(b): the day of the young person's request for advice
 * and support that is in force on `at` — the first RECORD_PA_REQUEST
 * "requested" on or before `at` since the last "withdrawn" — or DATE_NONE.
 * Says nothing of age or category (leaver_status applies those). */
Date leaver_pa_request(const Dataset *ds, const Child *c, Date at);

#endif
