/* svc_governance_report: the reports of svc_governance.h — the due report,
 * CiCC participation, "you said, we did" and promise 3.13 — computed by
 * domain/governance_due and domain/governance_participation from the rows
 * svc_gov_list reads. */
#include "service/svc_governance.h"

#include "base/mem.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Date date_of(const char *text)
{
    Date d;
    return text && *text && date_parse_iso(text, strlen(text), &d) == 0 ? d : DATE_NONE;
}

static bool flag(const char *text)
{
    return text && strcmp(text, "1") == 0;
}

/* The meetings as the rules read them; ids and groups point into rows. */
static GovMeeting *meetings_of(const GovRows *rows)
{
    GovMeeting *m = xcalloc((size_t)rows->n_rows + 1, sizeof *m);
    for (int r = 0; r < rows->n_rows; r++)
        m[r] = (GovMeeting){
            .id = svc_gov_cell(rows, r, "ID"),
            .group = svc_gov_cell(rows, r, "GROUP_ID"),
            .held_on = date_of(svc_gov_cell(rows, r, "HELD_ON")),
            .cicc_report = flag(svc_gov_cell(rows, r, "CICC_REPORT")),
            .strategy_report = flag(svc_gov_cell(rows, r, "STRATEGY_REPORT")),
            .director_invited = flag(svc_gov_cell(rows, r, "DIRECTOR_INVITED")),
            .lead_member_invited = flag(svc_gov_cell(rows, r, "LEAD_MEMBER_INVITED")),
            .elected_member_invited = flag(svc_gov_cell(rows, r, "ELECTED_MEMBER_INVITED")),
        };
    return m;
}

static GovIssue *issues_of(const GovRows *rows)
{
    GovIssue *v = xcalloc((size_t)rows->n_rows + 1, sizeof *v);
    for (int r = 0; r < rows->n_rows; r++)
        v[r] = (GovIssue){.id = svc_gov_cell(rows, r, "ID"),
                          .raised_on = date_of(svc_gov_cell(rows, r, "RAISED_ON")),
                          .answered_on = date_of(svc_gov_cell(rows, r, "ANSWERED_ON"))};
    return v;
}

static GovDueLine *add_line(GovDueReport *rep, const char *kind, const char *what, const char *ref,
                            Date due, Date done, GovState state)
{
    rep->lines = xrealloc(rep->lines, ((size_t)rep->n_lines + 1) * sizeof *rep->lines);
    GovDueLine *l = &rep->lines[rep->n_lines++];
    snprintf(l->kind, sizeof l->kind, "%s", kind);
    snprintf(l->what, sizeof l->what, "%s", what);
    snprintf(l->ref, sizeof l->ref, "%s", ref);
    l->due = due;
    l->done = done;
    l->state = state;
    return l;
}

static void regular_lines(const GovRows *meetings, int end_year, Date at, GovDueReport *rep)
{
    GovMeeting *m = meetings_of(meetings);
    GovDueItem *items;
    int n = governance_regular_items(m, meetings->n_rows, end_year, at, &items);
    for (int i = 0; i < n; i++)
        add_line(rep, "regular", items[i].what, items[i].ref, items[i].due, items[i].done,
                 items[i].state);
    free(items);
    free(m);
}

/* The issues of the year not answered in time by at (their deadline in the
 * year), every issue still unanswered past its deadline, and 3.13. */
static void issue_lines(const GovRows *rows, int end_year, Date at, GovDueReport *rep)
{
    GovIssue *v = issues_of(rows);
    Date from = date_collection_year_start(end_year), to = date_collection_year_end(end_year);
    for (int r = 0; r < rows->n_rows; r++) {
        if (v[r].raised_on > at) continue;
        GovState st = governance_issue_state(&v[r], at);
        Date deadline = governance_issue_deadline(v[r].raised_on);
        bool this_year = deadline >= from && deadline <= to;
        if (st == GOV_DONE || (!this_year && st != GOV_OVERDUE)) continue;
        char what[200];
        snprintf(what, sizeof what, "Written answer to a CiCC issue: %.160s",
                 svc_gov_cell(rows, r, "ISSUE"));
        add_line(rep, "issue", what, v[r].id, governance_issue_deadline(v[r].raised_on),
                 st == GOV_DONE_LATE ? v[r].answered_on : DATE_NONE, st);
    }
    governance_issues_tally(v, rows->n_rows, end_year, &rep->issues_num, &rep->issues_den);
    free(v);
}

static void action_lines(const GovRows *rows, Date at, GovDueReport *rep)
{
    for (int r = 0; r < rows->n_rows; r++) {
        GovAction a = {.id = svc_gov_cell(rows, r, "ID"),
                       .due_on = date_of(svc_gov_cell(rows, r, "DUE_ON")),
                       .open = strcmp(svc_gov_cell(rows, r, "STATUS"), "open") == 0};
        GovState st = governance_action_state(&a, at);
        if (st == GOV_DONE) continue;
        char what[200];
        snprintf(what, sizeof what, "%.120s (%.60s)", svc_gov_cell(rows, r, "ACTION"),
                 svc_gov_cell(rows, r, "OWNER"));
        add_line(rep, "action", what, a.id, a.due_on, DATE_NONE, st);
    }
}

int svc_gov_due(const char *db_path, int end_year, Date at, const Actor *actor, GovDueReport *out,
                Err *err)
{
    memset(out, 0, sizeof *out);
    GovRows meetings, issues, actions;
    int rc = svc_gov_list(db_path, GOV_MEETINGS, actor, &meetings, err);
    if (rc < 0) return rc;
    rc = svc_gov_list(db_path, GOV_ISSUES, actor, &issues, err);
    if (rc == 0) rc = svc_gov_list(db_path, GOV_ACTIONS, actor, &actions, err);
    if (rc == 0) {
        regular_lines(&meetings, end_year, at, out);
        issue_lines(&issues, end_year, at, out);
        action_lines(&actions, at, out);
        svc_gov_rows_free(&actions);
    }
    svc_gov_rows_free(&issues);
    svc_gov_rows_free(&meetings);
    return rc;
}

void svc_gov_due_free(GovDueReport *r)
{
    free(r->lines);
    memset(r, 0, sizeof *r);
}

/* ---- Participation ---------------------------------------------------------- */

typedef struct ChildEvent {
    const char *child;
    GovEvent ev;
} ChildEvent;

static int by_child(const void *a, const void *b)
{
    return strcmp(((const ChildEvent *)a)->child, ((const ChildEvent *)b)->child);
}

/* The participation events the rules of a year can count: those from its 1
 * April to the date asked (docs/governance.md), each child's id kept in ids. A
 * year of events for every child is many rows: only these three columns are
 * read, and only the events in the window kept. */
typedef struct EventWalk {
    ChildEvent *v;
    int n, cap;
    Date from, to;
    Arena ids;
    int child, event, on; /* the columns */
} EventWalk;

static int keep_event(const char *const *values, int n, void *arg)
{
    (void)n;
    EventWalk *w = arg;
    Date on = date_of(values[w->on]);
    if (on == DATE_NONE || on < w->from || on > w->to) return 0;
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 1024;
        w->v = xrealloc(w->v, (size_t)w->cap * sizeof *w->v);
    }
    int kind = governance_event_kind(values[w->event]);
    w->v[w->n++] = (ChildEvent){arena_strdup(&w->ids, values[w->child]),
                                {kind < 0 ? GOV_EVENT_ATTENDANCE : (GovEventKind)kind, on}};
    return 0;
}

static int events_of(const char *db_path, const Actor *actor, EventWalk *w, Err *err)
{
    const GovTable *t = &governance_tables[GOV_PARTICIPATION];
    w->child = governance_column(t, "CHILD");
    w->event = governance_column(t, "EVENT");
    w->on = governance_column(t, "ON_DATE");
    int rc = svc_gov_each(db_path, GOV_PARTICIPATION, actor, keep_event, w, err);
    if (rc == 0 && w->n > 0) /* no events: v is NULL, which qsort may not take */
        qsort(w->v, (size_t)w->n, sizeof *w->v, by_child);
    return rc;
}

/* The child's events: the run of v (sorted by child) for id, copied to buf. */
static int child_events(const ChildEvent *v, int n, const char *id, GovEvent *buf, int max)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (strcmp(v[mid].child, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    int k = 0;
    for (int i = lo; i < n && strcmp(v[i].child, id) == 0 && k < max; i++) buf[k++] = v[i].ev;
    return k;
}

int svc_gov_participation(const ServiceData *data, const char *db_path, int end_year, Date at,
                          bool per_child, bool publish, int threshold, const Actor *actor,
                          GovParticipation *out, Err *err)
{
    memset(out, 0, sizeof *out);
    EventWalk w = {.from = date_collection_year_start(end_year), .to = at};
    int rc = events_of(db_path, actor, &w, err);
    Dataset owned = {0};
    const Dataset *ds;
    /* OC3 too: a care leaver of 21 to 24 is owed the mailing while in
     * education or training (domain/leaver). */
    if (rc == 0)
        rc = service_dataset(data, STORE_LOAD_EPISODES | STORE_LOAD_OC3 | STORE_LOAD_PA_REQUESTS,
                             &owned, &ds, err);
    if (rc < 0) {
        free(w.v);
        arena_free(&w.ids);
        return rc;
    }
    GovEvent buf[256];
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        int ne = child_events(w.v, w.n, c->id, buf, 256);
        GovPartItem items[GOV_RULE_COUNT];
        int n = governance_participation_child(ds, c, buf, ne, end_year, at, items);
        governance_participation_add(&out->tally, ds, c, end_year, items, n);
        for (int k = 0; per_child && k < n; k++) {
            out->items = xrealloc(out->items, ((size_t)out->n_items + 1) * sizeof *out->items);
            GovChildItem *ci = &out->items[out->n_items++];
            snprintf(ci->child, sizeof ci->child, "%s", c->id);
            ci->item = items[k];
        }
    }
    free(w.v);
    arena_free(&w.ids);
    if (ds == &owned) dataset_free(&owned);
    if (publish)
        rc = governance_participation_publish(&out->tally, threshold, &out->published, err);
    return rc;
}

void svc_gov_participation_free(GovParticipation *p)
{
    free(p->items);
    memset(p, 0, sizeof *p);
}

/* ---- You said, we did; 3.13 -------------------------------------------------- */

int svc_gov_you_said(const char *db_path, GovYouSaid **out, int *n, Err *err)
{
    *out = NULL;
    *n = 0;
    Actor public_reader;
    actor_named(&public_reader, "public");
    GovRows rows;
    int rc = svc_gov_list(db_path, GOV_ISSUES, &public_reader, &rows, err);
    if (rc < 0) return rc;
    for (int r = rows.n_rows - 1; r >= 0; r--) {
        const char *we_did = svc_gov_cell(&rows, r, "WE_DID");
        if (!*we_did) continue;
        *out = xrealloc(*out, ((size_t)*n + 1) * sizeof **out);
        GovYouSaid *y = &(*out)[(*n)++];
        snprintf(y->month, sizeof y->month, "%.7s", svc_gov_cell(&rows, r, "RAISED_ON"));
        y->issue = xstrdup(svc_gov_cell(&rows, r, "ISSUE"));
        y->we_did = xstrdup(we_did);
        GovIssue is = {.raised_on = date_of(svc_gov_cell(&rows, r, "RAISED_ON")),
                       .answered_on = date_of(svc_gov_cell(&rows, r, "ANSWERED_ON"))};
        y->answered_in_time = is.answered_on != DATE_NONE &&
                              is.answered_on <= governance_issue_deadline(is.raised_on);
    }
    svc_gov_rows_free(&rows);
    return 0;
}

void svc_gov_you_said_free(GovYouSaid *v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i].issue);
        free(v[i].we_did);
    }
    free(v);
}

int svc_gov_issues_by_year(Store *s, int first_year, int n_years, long *num, long *den,
                           bool *available, Err *err)
{
    *available = false;
    Actor reader;
    actor_named(&reader, "scorecard");
    GovRows rows;
    Err quiet = {0};
    /* A database that predates the tables has no issues: not an error here. */
    if (svc_gov_list_in(s, GOV_ISSUES, &reader, &rows, &quiet) < 0) {
        if (quiet.code == ERR_STATE) return 0;
        *err = quiet;
        return err->code;
    }
    *available = rows.n_rows > 0;
    GovIssue *v = issues_of(&rows);
    for (int y = 0; y < n_years; y++)
        governance_issues_tally(v, rows.n_rows, first_year + y, &num[y], &den[y]);
    free(v);
    svc_gov_rows_free(&rows);
    return 0;
}
