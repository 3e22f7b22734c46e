/* leaver: see leaver.h; the rules, with their sources, are set out in
 * docs/care-leavers.md.
 *
 * A status is computed from what was known on the date: episodes that start
 * after it and OC3 records of later collection years are ignored. Short breaks
 * (LS V3/V4) never count (CPPCR 2010 reg 40(2), reg 48). Nobody is looked after
 * at 18 or over (CA89 s105(1): a child is a person under 18), so an episode
 * still open on the 18th birthday is read as ending on it, as the 903 records
 * a young person leaving care at 18 (DEC = the 18th birthday). Each call walks
 * the child's episodes a fixed number of times and allocates nothing. Pure. */
#include "domain/leaver.h"

#include "domain/care.h"
#include "domain/codes.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *leaver_category_name(LeaverCategory c)
{
    switch (c) {
    case LEAVER_ELIGIBLE: return "eligible";
    case LEAVER_RELEVANT: return "relevant";
    case LEAVER_FORMER_RELEVANT: return "former_relevant";
    case LEAVER_QUALIFYING: return "qualifying";
    case LEAVER_NONE: break;
    }
    return "none";
}

int leaver_parse_rules(const char *s, LeaverRules *out)
{
    if (strcmp(s, "current") == 0) {
        *out = LEAVER_RULES_CURRENT;
        return 0;
    }
    if (strcmp(s, "2010") == 0) {
        *out = LEAVER_RULES_2010;
        return 0;
    }
    return -1;
}

/* What every rule needs about one young person on one date. */
typedef struct Facts {
    const Dataset *ds;
    const Child *c;
    Date at;
    LeaverRules rules;
    Date b14, b16, b18;
    const Oc3 *oc3; /* latest OC3 known on the date, or NULL */
    bool quiet;     /* the category only: no reason written (leaver_category) */
} Facts;

/* The last time the young person stopped being looked after full time. */
typedef struct Exit {
    const Episode *ep;  /* the full-time episode that ended last */
    Date left;          /* first day no longer looked after: DEC, at most the 18th birthday */
    int age;            /* age on the day care ended (left), see find_exit */
    long days_since_14; /* full-time days from the 14th birthday up to left */
} Exit;

static bool code_in(const char *code, const char *const *list)
{
    for (; *list; list++)
        if (code_is(code, *list)) return true;
    return false;
}

/* 903 REC codes after which nobody is a care leaver of this council:
 * adopted (E11, E12: the child is no longer anyone's care leaver), died (E2),
 * care taken over by another local authority (E3: that authority becomes the
 * responsible one, CA89 s23C(1)(a) "the last responsible authority"). */
static const char *const REC_ENDS_STATUS[] = {"E11", "E12", "E2", "E3", NULL};
/* A special guardianship order made when care ended: E43, E44 (to 2014/15)
 * and E45 to E48 (from 2015/16; data/903-codes.csv). */
static const char *const REC_SPECIAL_GUARDIANSHIP[] = {"E43", "E44", "E45", "E46",
                                                       "E47", "E48", NULL};
/* Returned home to parents or others with parental responsibility. */
static const char *const REC_RETURNED_HOME[] = {"E4A", "E4B", NULL};
/* OC3 ACTIV codes for education or training: higher education, other
 * education, apprenticeship (F/P = full/part time). F5/P5 "training or
 * employment" cannot tell training from a job, so it is not counted. */
static const char *const ACTIV_EDUCATION[] = {"F1", "P1", "F2", "P2", "F4", "P4", NULL};
static const char *const ACTIV_FULL_TIME_EDUCATION[] = {"F1", "F2", NULL};

static void say(const Facts *f, LeaverStatus *st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Appends to st->reason, truncating if it is full; nothing when quiet. */
static void say(const Facts *f, LeaverStatus *st, const char *fmt, ...)
{
    if (f->quiet) return;
    size_t used = strlen(st->reason);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->reason + used, sizeof st->reason - used, fmt, ap);
    va_end(ap);
}

static const char *dmy(Date d, char buf[DATE_FMT_LEN])
{
    return date_format_dmy(d, buf);
}

/* DEC, read as the 18th birthday when the episode is open or runs past it. */
static Date end_by_18(const Episode *e, Date b18)
{
    return e->dec == DATE_NONE || e->dec > b18 ? b18 : e->dec;
}

/* Finds the full-time episode that ended last on or before the date. */
static bool find_exit(const Facts *f, Exit *x)
{
    const Episode *eps = child_episodes(f->ds, f->c);
    x->ep = NULL;
    x->left = DATE_NONE;
    for (int i = 0; i < f->c->n_episodes; i++) {
        const Episode *e = &eps[i];
        if (e->decom == DATE_NONE || care_is_short_break_ls(e->ls)) continue;
        Date end = end_by_18(e, f->b18);
        if (end <= e->decom || end > f->at) continue;
        if (!x->ep || end >= x->left) {
            x->ep = e;
            x->left = end;
        }
    }
    if (!x->ep) return false;
    /* Family Law Reform Act 1969 s9: a person attains an age at the first
     * moment of the birthday. Care that ends on a day (903 DEC) was still
     * running at that day's first moment, so the young person was looked
     * after on attaining the age the day brings: the 18th birthday (CA89
     * s23C(1)(b), "looked after ... when he attained the age of 18") and the
     * 16th alike. One rule for both: the age on leaving is the age on DEC. */
    x->age = date_age_on(f->c->dob, x->left);
    x->days_since_14 = care_days_full_time(f->ds, f->c, f->b14, x->left);
    return true;
}

/* The first day of the run of full-time placements with a parent (903 PLACE
 * P1: a parent or another person with parental responsibility) that lasts
 * unbroken up to the end of care, or the end of care itself when the last
 * placement was not P1. */
static Date home_run_start(const Facts *f, const Exit *x)
{
    const Episode *eps = child_episodes(f->ds, f->c);
    Date start = x->left;
    Date edge = x->left;
    bool moved = true;
    while (moved) { /* step back over the P1 episodes that end where the run begins */
        moved = false;
        for (int i = 0; i < f->c->n_episodes; i++) {
            const Episode *e = &eps[i];
            if (e->decom == DATE_NONE || care_is_short_break_ls(e->ls) || e->decom >= edge)
                continue;
            if (end_by_18(e, f->b18) != edge || !code_is(e->place, "P1")) continue;
            start = edge = e->decom;
            moved = true;
        }
    }
    return start;
}

/* CLR 2010 reg 3(3): a child who has lived with a parent or a person with
 * parental responsibility for a continuous period of six months or more is
 * not a relevant child, "whether that period commenced before or after" the
 * child ceased to be looked after. The 903 shows the living at home after
 * care by the reason for leaving (REC E4A/E4B: returned home to parents or
 * others with parental responsibility), and before it by a placement with
 * parents (PLACE P1) running up to the end of care: the six months count from
 * the start of that placement. The 903 does not record a later move away, so
 * the return is taken to last. A P1 placement that ends with another reason
 * (the young person moved on) is not living at home after care. */
static bool home_six_months_by(const Facts *f, const Exit *x, Date d)
{
    if (!code_in(codes_current("REC", x->ep->rec), REC_RETURNED_HOME)) return false;
    return date_add_months(home_run_start(f, x), 6) <= d;
}

/* Eligible when last ceasing to be looked after (CA89 s23A(2)): 16 or over on
 * the last day, 13 weeks since 14 (CPPCR reg 40(1)). */
static bool eligible_when_left(const Exit *x)
{
    return x->age >= 16 && x->days_since_14 >= LEAVER_PRESCRIBED_DAYS;
}

/* CA89 s24(1B): looked after at some time after reaching 16, while a child;
 * care ending on the 16th birthday was (find_exit, FLRA 1969 s9). */
static bool looked_after_after_16(const Facts *f, const Exit *x)
{
    return x->left >= f->b16;
}

static void read_education(Facts *f, LeaverStatus *st)
{
    const Oc3 *oc3 = child_oc3(f->ds, f->c);
    int year = date_collection_year(f->at);
    f->oc3 = NULL;
    for (int i = 0; i < f->c->n_oc3; i++)
        if (oc3[i].year <= year && (!f->oc3 || oc3[i].year >= f->oc3->year)) f->oc3 = &oc3[i];
    st->in_education = f->oc3 && code_in(codes_current("ACTIV", f->oc3->activ), ACTIV_EDUCATION);
    st->full_time_education = f->oc3 && code_in(f->oc3->activ, ACTIV_FULL_TIME_EDUCATION);
}

/* Aged 16 or 17 and looked after full time on the date. */
static void classify_in_care(const Facts *f, LeaverStatus *st)
{
    /* CA89 Sch 2 para 19B(2); CPPCR reg 40(1): 13 weeks since 14, ending after
     * 16 — being in care now, at 16 or 17, is the part after 16. */
    if (st->days_since_14 >= LEAVER_PRESCRIBED_DAYS) {
        st->category = LEAVER_ELIGIBLE;
        say(f, st, "looked after %ld days since 14th birthday (%d needed); in care on the date",
            st->days_since_14, LEAVER_PRESCRIBED_DAYS);
        return;
    }
    say(f, st, "in care, but looked after only %ld days since 14th birthday (%d needed)",
        st->days_since_14, LEAVER_PRESCRIBED_DAYS);
}

static void say_left(const Facts *f, LeaverStatus *st, const Exit *x)
{
    char b[DATE_FMT_LEN];
    say(f, st, "left care %s aged %d, %ld days in care since 14th birthday (%d needed)",
        dmy(x->left, b), x->age, x->days_since_14, LEAVER_PRESCRIBED_DAYS);
}

/* CA89 s24(1A): aged 16 to 20, a special guardianship order in force (or in
 * force when they reached 18), and looked after by a local authority
 * immediately before it was made: whatever their age when care ended. The
 * 903 shows the order by the reason care ended (REC E43-E48); it does not
 * record an order's discharge, so the order is taken to have lasted (it ends
 * at 18 of itself, and (1A)(b) then asks only that it was in force then).
 * From 21, s24B(3) as for (1B) (apply_upper_age). */
static bool special_guardianship_1a(const Facts *f, LeaverStatus *st, const Exit *x)
{
    if (!code_in(x->ep->rec, REC_SPECIAL_GUARDIANSHIP)) return false;
    char b[DATE_FMT_LEN];
    st->category = LEAVER_QUALIFYING;
    st->special_guardianship = true;
    say(f, st, "special guardianship order when care ended on %s (REC %s), CA89 s24(1A)",
        dmy(x->left, b), x->ep->rec);
    return true;
}

/* Left care but maybe qualifying: CA89 s24(1B), or (1A) after a special
 * guardianship order. */
static void classify_qualifying(const Facts *f, LeaverStatus *st, const Exit *x)
{
    char b[DATE_FMT_LEN];
    if (!looked_after_after_16(f, x)) {
        if (special_guardianship_1a(f, st, x)) return;
        say(f, st, "last looked after full time on %s, before 16th birthday", dmy(x->left - 1, b));
        return;
    }
    st->category = LEAVER_QUALIFYING;
    say_left(f, st, x);
}

/* Aged 16 or 17 and not looked after full time on the date. */
static void classify_16_17(const Facts *f, LeaverStatus *st, const Exit *x)
{
    if (!eligible_when_left(x)) {
        classify_qualifying(f, st, x);
    } else if (home_six_months_by(f, x, f->at)) {
        classify_qualifying(f, st, x);
        say(f, st, "; home (%s) 6+ months, so not relevant", x->ep->rec);
    } else {
        st->category = LEAVER_RELEVANT; /* CA89 s23A(2) */
        say_left(f, st, x);
    }
}

/* Aged 18 or over: CA89 s23C(1) (a) relevant until 18, or (b) looked after when
 * attaining 18 and eligible immediately before.
 *
 * (a) asks for someone who "has been a relevant child ... (and would be one if
 * he were under eighteen)": the relevant-child test is applied again on the
 * date, so the six months at home of CLR 2010 reg 3(3) end former relevance
 * when they are complete after the 18th birthday too (returned home at 17 and
 * 10 months: former relevant at 18, qualifying once six months at home are
 * complete). The DfE's OC3 return leaves such young people out for the same
 * reason (IN_TOUCH RHOM). (b) has no such test. */
static void classify_adult(const Facts *f, LeaverStatus *st, const Exit *x)
{
    char b[DATE_FMT_LEN];
    if (x->left == f->b18 && x->days_since_14 >= LEAVER_PRESCRIBED_DAYS) {
        st->category = LEAVER_FORMER_RELEVANT;
        say(f, st, "looked after when attaining 18 on %s, %ld days since 14th birthday (%d needed)",
            dmy(f->b18, b), x->days_since_14, LEAVER_PRESCRIBED_DAYS);
        return;
    }
    if (x->left < f->b18 && eligible_when_left(x) && !home_six_months_by(f, x, f->at)) {
        st->category = LEAVER_FORMER_RELEVANT;
        say(f, st, "relevant until 18th birthday: ");
        say_left(f, st, x);
        return;
    }
    classify_qualifying(f, st, x);
    if (eligible_when_left(x) && x->left < f->b18)
        say(f, st, "; home (%s) 6+ months, so not former relevant", x->ep->rec);
}

static const char *exit_meaning(const char *rec)
{
    if (code_is(rec, "E11") || code_is(rec, "E12")) return "adopted";
    if (code_is(rec, "E2")) return "died";
    return "care taken over by another local authority";
}

/* The care-leaver category of someone 16 or over who is not in care. */
static void classify_left(const Facts *f, LeaverStatus *st)
{
    char b[DATE_FMT_LEN];
    Exit x;
    if (!find_exit(f, &x)) {
        say(f, st, "not looked after full time by the date (short breaks do not count)");
        return;
    }
    if (code_in(x.ep->rec, REC_ENDS_STATUS)) {
        say(f, st, "care ended %s: %s (%s)", dmy(x.left, b), exit_meaning(x.ep->rec), x.ep->rec);
        return;
    }
    if (st->age <= 17)
        classify_16_17(f, st, &x);
    else
        classify_adult(f, st, &x);
}

Date leaver_pa_request(const Dataset *ds, const Child *c, Date at)
{
    const CareRecord *rec = child_records(ds, c);
    Date asked = DATE_NONE;
    for (int i = 0; i < c->n_records && rec[i].date <= at; i++) {
        if (rec[i].kind != RECORD_PA_REQUEST) continue;
        if (rec[i].subtype == RECORD_REQUEST_WITHDRAWN)
            asked = DATE_NONE; /* s23CZB(3)(b): no longer wants a personal adviser */
        else if (rec[i].subtype == RECORD_REQUEST_MADE && asked == DATE_NONE)
            asked = rec[i].date; /* s23CZB(2): the duties run from the first request */
    }
    return asked;
}

/* CA89 s23CZB (Children and Social Work Act 2017 s3, in force 1 April 2018):
 * a former relevant child who "has reached the age of 21 but not the age of
 * 25" and tells the council they wish to receive advice and support is owed a
 * personal adviser until 25 (or until they say they no longer want one), an
 * assessment of needs and a pathway plan. The category is tested on the date
 * (s23CZB(1) "applies to a former relevant child"), so six months at home
 * completed after 18 (s23C(1)(a)) rule it out as they rule out s23C. A request
 * made before the 21st birthday and not withdrawn counts from that birthday:
 * the Act asks that the young person has told the council, not when. Not under
 * the strategy's 2010 rules, which predate the section. */
static bool stands_on_request(const Facts *f, LeaverStatus *st)
{
    if (f->rules != LEAVER_RULES_CURRENT || st->category != LEAVER_FORMER_RELEVANT) return false;
    if (st->age < 21 || st->age >= 25) return false;
    Date asked = leaver_pa_request(f->ds, f->c, f->at);
    if (asked == DATE_NONE) return false;
    char b[DATE_FMT_LEN];
    st->on_request = asked;
    say(f, st, "; aged %d, asked for advice and support on %s (CA89 s23CZB)", st->age,
        dmy(asked, b));
    return true;
}

/* CA89 s23C, s23CA, s23CZB and s24B: support runs to 21, then, while
 * in education or training, to 25 (current) or 24 (the strategy's Appendix 1),
 * and for a former relevant young person who asks for it, to 25 (s23CZB). */
static void apply_upper_age(const Facts *f, LeaverStatus *st)
{
    int limit = f->rules == LEAVER_RULES_CURRENT ? 25 : 24;
    const char *activ = f->oc3 && f->oc3->activ[0] ? f->oc3->activ : "not recorded";
    if (st->age < 21) return;
    if (st->age < limit && st->in_education) {
        say(f, st, "; aged %d, in education or training (OC3 ACTIV %s)", st->age, activ);
        return;
    }
    if (stands_on_request(f, st)) return;
    if (st->age < limit)
        say(f, st, "; but aged %d, no education or training (OC3 ACTIV %s)", st->age, activ);
    else
        say(f, st, "; but aged %d: support ends at %d", st->age, limit);
    st->category = LEAVER_NONE;
}

static const char *entitlement(LeaverCategory cat, LeaverRules rules, bool on_request)
{
    if (cat == LEAVER_FORMER_RELEVANT && on_request)
        return "personal adviser to 25 or until no longer wanted, needs assessment and pathway "
               "plan reviewed every 6 months, on the young person's request (CA89 s23CZB)";
    switch (cat) {
    case LEAVER_ELIGIBLE:
        return "looked-after services plus needs assessment (by 3 months after 16th birthday), "
               "pathway plan and personal adviser (CPPCR regs 42-44)";
    case LEAVER_RELEVANT:
        return "personal adviser, pathway plan, accommodation and maintenance, keeping in touch "
               "(CA89 s23B)";
    case LEAVER_FORMER_RELEVANT:
        if (rules == LEAVER_RULES_2010)
            return "personal adviser, pathway plan reviewed every 6 months, help with education, "
                   "training and employment (CA89 s23C); to 24 in education or training";
        return "personal adviser, pathway plan reviewed every 6 months, help with education, "
               "training and employment (CA89 s23C); to 25 on request (s23CZB)";
    case LEAVER_QUALIFYING: return "advice and assistance (CA89 s24)";
    case LEAVER_NONE: break;
    }
    return "no care-leaver services";
}

/* leaver_status, with the reason written unless quiet. */
static LeaverStatus status(const Dataset *ds, const Child *c, Date at, LeaverRules rules,
                           bool quiet)
{
    LeaverStatus st = {.category = LEAVER_NONE, .on_request = DATE_NONE};
    Facts f = {.ds = ds, .c = c, .at = at, .rules = rules, .quiet = quiet};
    if (c->dob == DATE_NONE) {
        say(&f, &st, "no date of birth recorded");
        st.entitlement = entitlement(st.category, rules, false);
        return st;
    }
    f.b14 = date_birthday(c->dob, 14);
    f.b16 = date_birthday(c->dob, 16);
    f.b18 = date_birthday(c->dob, 18);
    st.age = date_age_on(c->dob, at);
    st.in_care = at < f.b18 && care_full_time_on(ds, c, at);
    Date upto = at < f.b18 ? at + 1 : f.b18;
    st.days_since_14 = upto > f.b14 ? care_days_full_time(ds, c, f.b14, upto) : 0;
    read_education(&f, &st);
    if (st.age < 16)
        say(&f, &st, "aged %d: care-leaver status starts at 16", st.age);
    else if (st.in_care)
        classify_in_care(&f, &st);
    else
        classify_left(&f, &st);
    if (st.category == LEAVER_FORMER_RELEVANT || st.category == LEAVER_QUALIFYING)
        apply_upper_age(&f, &st);
    st.entitlement = entitlement(st.category, rules, st.on_request != DATE_NONE);
    return st;
}

LeaverStatus leaver_status(const Dataset *ds, const Child *c, Date at, LeaverRules rules)
{
    return status(ds, c, at, rules, false);
}

LeaverCategory leaver_category(const Dataset *ds, const Child *c, Date at, LeaverRules rules)
{
    return status(ds, c, at, rules, true).category;
}

LeaverCategory leaver_category_request(const Dataset *ds, const Child *c, Date at,
                                       LeaverRules rules, Date *on_request)
{
    LeaverStatus st = status(ds, c, at, rules, true);
    *on_request = st.on_request;
    return st.category;
}
