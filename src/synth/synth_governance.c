/* synth_governance: see synth_governance.h. */
#include "synth/synth_governance.h"

#include "base/csv.h"
#include "base/embed.h"
#include "domain/care.h"
#include "domain/leaver.h"
#include "synth/synth_rng.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

enum { MAX_MEETINGS = 96 };

typedef struct Files {
    FILE *meetings, *actions, *issues, *participation, *progress, *priorities, *training, *members,
        *scrutiny;
} Files;

typedef struct Meeting {
    char id[32];
    const char *group;
    Date on;
} Meeting;

typedef struct Gen {
    const Dataset *ds;
    SynthRng rng;
    Files f;
    Meeting m[MAX_MEETINGS];
    int n_m;
    long n_issues, n_actions, n_events;
} Gen;

static void row(FILE *out, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    const char *fields[16];
    for (int i = 0; i < n && i < 16; i++) fields[i] = va_arg(ap, const char *);
    va_end(ap);
    csv_write_row(out, fields, n);
}

static const char *iso(Date d, char *buf)
{
    return date_format_iso(d, buf);
}

/* A weekday on or after d (meetings are held on working days). */
static Date weekday(Date d)
{
    while (date_weekday(d) >= 5) d++;
    return d;
}

static const char *const issue_texts[] = {
    "Young people want to know their social worker's name and how to reach them out of hours",
    "Pocket money differs between foster homes and children's homes",
    "It takes too long to get permission for a sleepover at a friend's house",
    "Care leavers want help with the cost of a first bus pass",
    "Reviews are held in school time and young people miss lessons",
    "Young people want a say in choosing their independent reviewing officer",
    "The leaflet about the complaints procedure is hard to read",
    "Young people in care want free entry to the leisure centres",
    "Care leavers want a named contact in the housing office",
    "Contact with brothers and sisters placed apart is not often enough",
    "Young people want to meet the Lead Member without adults from their placement there",
    "Young people want to help interview new social workers",
};
static const char *const we_did_texts[] = {
    "Every young person now has a card with their social worker's name and the night number",
    "One pocket money scale now applies in every kind of placement",
    "Foster carers can now agree sleepovers themselves, as a parent would",
    "Care leavers under 21 now get their first bus pass paid for",
    "Reviews are now held outside school hours unless the young person asks otherwise",
    "Young people are now asked whether they are happy with their reviewing officer",
    "Young people from the council rewrote the complaints leaflet",
    "Children in care now have free entry to the council's leisure centres",
    "Each housing office now has a named officer for care leavers",
    "Social workers now plan contact between brothers and sisters at every review",
    "The Lead Member now meets the council alone once a year",
    "Two young people now sit on every interview panel for social workers",
};
enum { N_ISSUE_TEXTS = (int)(sizeof issue_texts / sizeof issue_texts[0]) };

/* Meetings of two years: the Panel quarterly (one quarter missed in the first
 * year), the Strategy Group quarterly, the Practice Forum every two months,
 * the CiCC every six weeks or so. */
static void meetings(Gen *g, int end_year)
{
    char a[DATE_FMT_LEN];
    for (int y = end_year - 1; y <= end_year; y++) {
        Date start = date_collection_year_start(y);
        for (int q = 0; q < 4; q++) {
            bool missed = y == end_year && q == 1;
            Date base = date_add_months(start, 3 * q);
            struct {
                const char *group;
                int offset;
                bool held;
            } plan[] = {{"panel", 50, !missed}, {"strategy_group", 30, true}};
            for (int p = 0; p < 2; p++) {
                if (!plan[p].held || g->n_m >= MAX_MEETINGS) continue;
                Meeting *m = &g->m[g->n_m++];
                m->group = plan[p].group;
                m->on = weekday(base + plan[p].offset + synth_rng_range(&g->rng, 0, 10));
                snprintf(m->id, sizeof m->id, "M%03d", g->n_m);
            }
        }
        for (int k = 0; k < 6 && g->n_m < MAX_MEETINGS; k++) {
            Meeting *m = &g->m[g->n_m++];
            m->group = "practice_forum";
            m->on = weekday(date_add_months(start, 2 * k) + 20);
            snprintf(m->id, sizeof m->id, "M%03d", g->n_m);
        }
        for (int k = 0; k < 8 && g->n_m < MAX_MEETINGS; k++) {
            Meeting *m = &g->m[g->n_m++];
            m->group = "cicc";
            m->on = weekday(start + 10 + k * 45 + synth_rng_range(&g->rng, 0, 5));
            snprintf(m->id, sizeof m->id, "M%03d", g->n_m);
        }
    }
    for (int i = 0; i < g->n_m; i++) {
        Meeting *m = &g->m[i];
        bool panel = strcmp(m->group, "panel") == 0, cicc = strcmp(m->group, "cicc") == 0;
        int k = i % 7;
        row(g->f.meetings, 12, m->id, m->group, iso(m->on, a),
            cicc ? "Eleven young people, the participation worker, an elected member"
                 : "Members and officers as listed in the minutes",
            panel ? "CiCC report; Strategy Group report; scorecard" : "Agenda and last minutes",
            "Minutes agreed at the next meeting",
            panel ? "The scorecard and the CiCC's issues were noted" : "Actions as listed",
            panel && k != 3 ? "Y" : "N", panel && k != 5 ? "Y" : "N", cicc && k == 2 ? "Y" : "N",
            cicc && k == 4 ? "Y" : "N", cicc && k != 6 ? "Y" : "N");
    }
}

static void actions(Gen *g, Date at)
{
    static const char *const owners[] = {"Head of Children and Families", "Virtual School Head",
                                         "Leaving Care Team Manager", "Policy Manager"};
    char id[32], due[DATE_FMT_LEN], done[DATE_FMT_LEN];
    for (int i = 0; i < g->n_m; i++) {
        if (strcmp(g->m[i].group, "cicc") == 0 || g->m[i].on > at) continue;
        Date d = g->m[i].on + 42;
        bool closed = d < at - 30 || synth_rng_chance(&g->rng, 0.3);
        snprintf(id, sizeof id, "A%03ld", ++g->n_actions);
        row(g->f.actions, 7, id, g->m[i].id, "Bring the figures and a plan to the next meeting",
            owners[i % 4], iso(d, due), closed ? "done" : "open",
            closed ? iso(d - synth_rng_range(&g->rng, 0, 20), done) : "");
    }
}

/* Issues at most CiCC meetings: answered in 10 to 40 days (so some late),
 * the newest not answered yet. */
static void issues(Gen *g, Date at)
{
    char id[32], raised[DATE_FMT_LEN], noted[DATE_FMT_LEN], fwd[DATE_FMT_LEN], dir[DATE_FMT_LEN],
        ans[DATE_FMT_LEN], conv[DATE_FMT_LEN];
    for (int i = 0; i < g->n_m; i++) {
        if (strcmp(g->m[i].group, "cicc") != 0 || g->m[i].on > at) continue;
        int n = synth_rng_range(&g->rng, 1, 2);
        for (int k = 0; k < n; k++) {
            int t = (int)(g->n_issues % N_ISSUE_TEXTS);
            Date r = g->m[i].on;
            Date answered = r + synth_rng_range(&g->rng, 10, 40);
            bool open = answered > at;
            snprintf(id, sizeof id, "I%03ld", ++g->n_issues);
            row(g->f.issues, 12, id, g->m[i].id, iso(r, raised), issue_texts[t], iso(r + 1, noted),
                iso(r + 3, fwd), "Head of Children and Families", iso(r + 5, dir),
                open ? "" : iso(answered, ans),
                open ? "" : "A written answer was sent to Action for Children",
                open || answered + 14 > at ? "" : iso(answered + 14, conv),
                open ? "" : we_did_texts[t]);
        }
    }
}

static void event(Gen *g, const char *child, const char *kind, Date on, const char *mode,
                  const char *meeting)
{
    char id[32], d[DATE_FMT_LEN];
    snprintf(id, sizeof id, "E%06ld", ++g->n_events);
    row(g->f.participation, 6, id, child, kind, iso(on, d), mode, meeting);
}

/* The March mailing to most care leavers owed it (relevant or former
 * relevant at the year's end: domain/leaver), as to children in care. */
static void leaver_mailing(Gen *g, const Child *ch, int end_year, Date last, Date at)
{
    LeaverCategory k = leaver_category(g->ds, ch, last, LEAVER_RULES_CURRENT);
    if (k != LEAVER_RELEVANT && k != LEAVER_FORMER_RELEVANT) return;
    Date march = date_from_ymd(end_year, 3, 10);
    if (march <= at && synth_rng_chance(&g->rng, 0.75)) event(g, ch->id, "mailing", march, "", "");
}

/* Each child looked after in a year: offers at CiCC meetings (most get all
 * they are owed, some fewer), some attendance, the March mailing (most), and
 * invitations for those who entered care. */
static void participation(Gen *g, int end_year, Date at)
{
    static const char *const modes[] = {"in_person", "post", "text", "email"};
    for (int y = end_year - 1; y <= end_year; y++) {
        Date from = date_collection_year_start(y), to = date_collection_year_end(y);
        for (int c = 0; c < g->ds->n_children; c++) {
            const Child *ch = &g->ds->children[c];
            Date last = to < at ? to : at;
            if (!care_looked_after_on(g->ds, ch, last)) {
                leaver_mailing(g, ch, y, last, at);
                continue;
            }
            double keen = synth_rng_unit(&g->rng);
            for (int i = 0; i < g->n_m; i++) {
                const Meeting *m = &g->m[i];
                if (strcmp(m->group, "cicc") != 0 || m->on < from || m->on > to || m->on > at ||
                    !care_looked_after_on(g->ds, ch, m->on))
                    continue;
                if (keen > 0.15) event(g, ch->id, "offer", m->on - 14, "", m->id);
                if (keen > 0.85)
                    event(g, ch->id, "attendance", m->on, modes[synth_rng_below(&g->rng, 4)],
                          m->id);
            }
            Date march = date_from_ymd(y, 3, 10);
            if (march <= at && synth_rng_chance(&g->rng, 0.9))
                event(g, ch->id, "mailing", march, "", "");
            CarePeriod p[8];
            int np = care_periods(g->ds, ch, p, 8);
            if (np > 8) np = 8;
            for (int k = 0; k < np; k++)
                if (p[k].start >= from && p[k].start <= to) {
                    int invites = synth_rng_chance(&g->rng, 0.7) ? 2 : 1;
                    for (int v = 0; v < invites; v++)
                        if (p[k].start + 30 + 60 * v <= at)
                            event(g, ch->id, "invitation", p[k].start + 30 + 60 * v, "", "");
                }
        }
    }
}

/* The seed's priorities with a status and RAG, and dated progress notes. */
static void action_plan(Gen *g, Date at, Err *err)
{
    const EmbeddedFile *f = embed_find("data/governance-priorities.csv");
    CsvReader r;
    if (!f || csv_open_buffer(&r, f->name, (const char *)f->data, f->len, err) < 0) return;
    static const char *const rags[] = {"green", "amber", "red", "green"};
    int k = 0;
    char id[32], d[DATE_FMT_LEN];
    while (csv_next(&r, err) == 1) {
        const char *fields[10];
        for (int i = 0; i < 10 && i < r.n_fields; i++) fields[i] = r.fields[i].text;
        if (r.n_fields != 10) continue;
        if (k++ > 0) {
            fields[7] = k % 5 == 0 ? "done" : k % 4 == 0 ? "not_started" : "in_progress";
            fields[8] = k % 5 == 0 ? "green" : k % 4 == 0 ? "" : rags[k % 4];
            for (int n = 0; n < 2 && k % 4 != 0; n++) {
                snprintf(id, sizeof id, "N%03d", 2 * k + n);
                row(g->f.progress, 4, id, fields[0], iso(at - 200 + 120 * n - k, d),
                    n == 0 ? "Work begun with partners; first figures reported to the Strategy "
                             "Group"
                           : "Progress reviewed against the linked scorecard indicators");
            }
        }
        csv_write_row(g->f.priorities, fields, 10);
    }
    csv_close(&r);
}

static void people(Gen *g, Date at)
{
    static const char *const names[] = {"A. Fernside", "B. Holloway", "C. Marsh",    "D. Penrose",
                                        "E. Quarry",   "F. Redlands", "G. Stourton", "H. Tidmoor"};
    static const char *const kinds[] = {"staff", "carer", "councillor"};
    static const char *const courses[] = {"total_respect", "corporate_parenting_conference"};
    char id[32], d[DATE_FMT_LEN];
    const char *groups[] = {"strategy_group", "practice_forum", "cicc", "panel"};
    for (int i = 0; i < 8; i++) {
        snprintf(id, sizeof id, "W%02d", i + 1);
        row(g->f.members, 5, id, groups[i % 4], names[i], i < 4 ? "chair" : "member",
            i % 4 == 3   ? "elected_member"
            : i % 4 == 2 ? "partner"
                         : "officer");
    }
    for (int i = 0; i < 24; i++) {
        snprintf(id, sizeof id, "T%03d", i + 1);
        row(g->f.training, 5, id, names[i % 8], kinds[i % 3], courses[i % 2],
            iso(at - 30 - 25 * i, d));
    }
}

static void scrutiny(Gen *g, Date at)
{
    const Meeting *panel = NULL;
    for (int i = 0; i < g->n_m; i++)
        if (strcmp(g->m[i].group, "panel") == 0 && g->m[i].on <= at) panel = &g->m[i];
    row(g->f.scrutiny, 6, "S01", "Care leavers' employment",
        "The offers of jobs, apprenticeships and training made to care leavers by the council and "
        "its partners, and what became of each",
        "Members' next steps", panel ? panel->id : "", panel ? "on_agenda" : "planned");
    row(g->f.scrutiny, 6, "S02", "Care leavers' accommodation",
        "Who lives in temporary or unsuitable accommodation and why, from the 903 OC3 records and "
        "the pathway plans",
        "Members' next steps", "", "planned");
    row(g->f.scrutiny, 6, "S03", "The strategy's implementation",
        "The action plan's status, RAG and progress notes with the linked scorecard indicators",
        "Members' next steps", panel ? panel->id : "", panel ? "done" : "planned");
}

static const struct {
    const char *name, *header;
    size_t offset;
} outputs[] = {
    {"meetings",
     "ID,GROUP_ID,HELD_ON,ATTENDANCE,PAPERS,MINUTES,DECISIONS,CICC_REPORT,STRATEGY_REPORT,"
     "DIRECTOR_INVITED,LEAD_MEMBER_INVITED,ELECTED_MEMBER_INVITED",
     offsetof(Files, meetings)},
    {"actions", "ID,MEETING_ID,ACTION,OWNER,DUE_ON,STATUS,DONE_ON", offsetof(Files, actions)},
    {"issues",
     "ID,MEETING_ID,RAISED_ON,ISSUE,NOTED_ON,FORWARDED_ON,DIRECTED_TO,DIRECTED_ON,ANSWERED_ON,"
     "RESPONSE,CONVEYED_ON,WE_DID",
     offsetof(Files, issues)},
    {"participation", "ID,CHILD,EVENT,ON_DATE,MODE,MEETING_ID", offsetof(Files, participation)},
    {"progress", "ID,PRIORITY_ID,NOTED_ON,NOTE", offsetof(Files, progress)},
    {"priorities", NULL, offsetof(Files, priorities)}, /* the seed's header is copied */
    {"training", "ID,PERSON,PERSON_KIND,COURSE,ON_DATE", offsetof(Files, training)},
    {"members", "ID,GROUP_ID,NAME,ROLE,KIND", offsetof(Files, members)},
    {"scrutiny", "ID,TITLE,NEEDS,SOURCE,MEETING_ID,STATUS", offsetof(Files, scrutiny)},
};
enum { N_OUTPUTS = (int)(sizeof outputs / sizeof outputs[0]) };

static FILE **file_of(Files *f, int i)
{
    return (FILE **)((char *)f + outputs[i].offset);
}

int synth_governance_write(const Dataset *ds, int end_year, uint64_t seed, const char *dir,
                           Err *err)
{
    Gen g = {.ds = ds};
    synth_rng_seed(&g.rng, synth_mix(seed, 0x60e7a11ce));
    int rc = 0;
    for (int i = 0; i < N_OUTPUTS; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/governance-%s.csv", dir, outputs[i].name);
        FILE *out = fopen(path, "w");
        if (!out) {
            rc = err_set(err, ERR_IO, "cannot write %s", path);
            break;
        }
        *file_of(&g.f, i) = out;
        if (outputs[i].header) fprintf(out, "%s\n", outputs[i].header);
    }
    Date at = date_collection_year_end(end_year);
    if (rc == 0) {
        meetings(&g, end_year);
        actions(&g, at);
        issues(&g, at);
        participation(&g, end_year, at);
        action_plan(&g, at, err);
        people(&g, at);
        scrutiny(&g, at);
    }
    for (int i = 0; i < N_OUTPUTS; i++)
        if (*file_of(&g.f, i) && fclose(*file_of(&g.f, i)) != 0 && rc == 0)
            rc = err_set(err, ERR_IO, "cannot write governance-%s.csv", outputs[i].name);
    return rc;
}
