/* pack_pdf: the quarterly pack as a PDF; see pack_write.h. Each section is
 * one function writing through render/pack_layout; the document is laid out
 * twice (the first time only to count the pages for "Page n of N"). */
#include "render/pack_write.h"

#include "base/mem.h"
#include "render/pack_layout.h"
#include "render/scorecard_charts.h"
#include "render/scorecard_words.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Strings that live as long as one drawing ------------------------------ */

typedef struct Strs {
    char **items;
    int n, cap;
} Strs;

static const char *keep(Strs *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *keep(Strs *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = xmalloc((size_t)len + 1);
    va_start(ap, fmt);
    vsnprintf(text, (size_t)len + 1, fmt, ap);
    va_end(ap);
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->items = xrealloc(s->items, (size_t)s->cap * sizeof *s->items);
    }
    return s->items[s->n++] = text;
}

static void strs_free(Strs *s)
{
    for (int i = 0; i < s->n; i++) free(s->items[i]);
    free(s->items);
    memset(s, 0, sizeof *s);
}

/* A table's cells, row by row. */
typedef struct Cells {
    const char **v;
    int n, cap, cols;
} Cells;

static void cell(Cells *c, const char *text)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = xrealloc(c->v, (size_t)c->cap * sizeof *c->v);
    }
    c->v[c->n++] = text;
}

static int rows_of(const Cells *c)
{
    return c->n / c->cols;
}

typedef struct Doc {
    PackPen *pen;
    const PackResult *p;
    Strs strs;
} Doc;

static void date_words(Date d, char *buf, size_t n)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    snprintf(buf, n, "%d %s %d", day, months[m - 1], y);
}

/* A stored choice in words: "in_progress" as "in progress". */
static const char *choice_words(Doc *d, const char *choice)
{
    char *text = (char *)keep(&d->strs, "%s", choice);
    for (char *c = text; *c; c++)
        if (*c == '_') *c = ' ';
    return text;
}

/* ---- The first page ---------------------------------------------------------- */

const char *pack_direction(const Scorecard *sc, const ScoreEntry *e, const char **arrow)
{
    *arrow = "";
    if (e->state != SCORE_COMPUTED || sc->n_years < 2) return "";
    const ScoreFigure *now = &e->trend[sc->n_years - 1], *before = &e->trend[sc->n_years - 2];
    if (!e->trend_available[sc->n_years - 2] || now->suppressed || before->suppressed ||
        isnan(now->value) || isnan(before->value))
        return "";
    /* Compared as published: to the figure's own decimals. */
    double scale = pow(10, e->dfe->decimals);
    double a = round(now->value * scale), b = round(before->value * scale);
    if (a == b) {
        *arrow = "=";
        return "no change";
    }
    *arrow = a > b ? "\u2191" : "\u2193";
    bool up_is_better = e->ind->better == INDICATOR_HIGHER;
    return (a > b) == up_is_better ? "better" : "worse";
}

/* The promise's headline: its first indicator with a figure this year, else
 * its first. *more is how many other indicators it has. */
static const ScoreEntry *headline(const Scorecard *sc, int promise, int *more)
{
    const ScoreEntry *first = NULL, *figure = NULL;
    int n = 0;
    for (int i = 0; i < sc->n_entries; i++) {
        const ScoreEntry *e = &sc->entries[i];
        if (e->ind->promise != promise) continue;
        n++;
        if (!first) first = e;
        /* A figure to read: shown, or withheld; not "z" (nobody in the cohort). */
        const ScoreFigure *f = e->state == SCORE_COMPUTED ? scorecard_now(sc, e) : NULL;
        if (!figure && f && (f->suppressed || !isnan(f->value))) figure = e;
    }
    *more = n - 1;
    return figure ? figure : first;
}

static const char *figure_text(Doc *d, const Scorecard *sc, const ScoreEntry *e)
{
    if (e->state == SCORE_NOT_AVAILABLE) return "not available";
    if (e->state == SCORE_SURVEY) return "nobody answered";
    char words[128];
    scorecard_words_figure(e->dfe, scorecard_now(sc, e), words, sizeof words);
    return keep(&d->strs, "%s", words);
}

static void glance(Doc *d)
{
    const PackResult *p = d->p;
    const Scorecard *sc = &p->scorecard.card;
    int rag[3] = {0}, overdue = 0;
    for (int i = 0; i < sc->n_entries; i++) {
        const char *r = sc->entries[i].rag ? sc->entries[i].rag : "";
        rag[0] += strcmp(r, "green") == 0;
        rag[1] += strcmp(r, "amber") == 0;
        rag[2] += strcmp(r, "red") == 0;
    }
    for (int i = 0; i < p->due.n_lines; i++) overdue += p->due.lines[i].state == GOV_OVERDUE;
    char y[16];
    scorecard_words_year(p->year, y, sizeof y);
    const char *text = keep(
        &d->strs,
        "At a glance: of the %d measures with a target and a figure, green (met): %d, amber "
        "(close): %d, red (further off): %d. %s",
        rag[0] + rag[1] + rag[2], rag[0], rag[1], rag[2],
        p->has_governance
            ? keep(&d->strs,
                   "In %s so far, %ld of %ld Children in Care Council issues due an answer were "
                   "answered in writing within 28 days (promise 3.13); %d governance items are "
                   "overdue (section 8).",
                   y, p->due.issues_num, p->due.issues_den, overdue)
            : "No governance records are held yet.");
    pack_pen_text(d->pen, text, 9, true);
}

static void first_page(Doc *d)
{
    const PackResult *p = d->p;
    const Scorecard *sc = &p->scorecard.card;
    char at[40], y[16], before[16];
    date_words(p->at, at, sizeof at);
    scorecard_words_year(p->score_year, y, sizeof y);
    scorecard_words_year(p->score_year - 1, before, sizeof before);
    pack_pen_page(d->pen);
    pack_pen_text(d->pen,
                  keep(&d->strs, "The Pledge to children in care: quarterly pack %s", p->label), 17,
                  true);
    pack_pen_text(d->pen,
                  keep(&d->strs,
                       "For the Strategy Group and the Corporate Parenting Panel, as at %s. Each "
                       "promise with its main measure for %s (1 April to 31 March, the last "
                       "complete year), how it moved since %s, and its status against the target "
                       "(green: met; amber: close; red: further off; blank: no target).%s",
                       at, y, before,
                       p->publish ? keep(&d->strs,
                                         " Figures from 1 to %d are withheld and shown as c, so "
                                         "that no child can be identified.",
                                         p->threshold)
                                  : ""),
                  8.5, false);
    static const PackColumn cols[] = {
        {"Promise", 0.075, PACK_CELL_TEXT}, {"Main measure", 0.40, PACK_CELL_TEXT},
        {"Figure", 0.225, PACK_CELL_TEXT},  {"Since last year", 0.18, PACK_CELL_TEXT},
        {"Status", 0.12, PACK_CELL_RAG},
    };
    Cells c = {.cols = 5};
    for (int n = 1; n <= PLEDGE_N_PROMISES; n++) {
        int more;
        const ScoreEntry *e = headline(sc, n, &more);
        if (!e) continue;
        const char *arrow, *dir = pack_direction(sc, e, &arrow);
        cell(&c, keep(&d->strs, "3.%d", n));
        cell(&c, more ? keep(&d->strs, "%s (and %d more)", e->ind->title, more) : e->ind->title);
        cell(&c, figure_text(d, sc, e));
        cell(&c, dir[0] ? keep(&d->strs, "%s %s", arrow, dir) : "no comparison");
        cell(&c, e->rag && e->rag[0] ? e->rag : "");
    }
    pack_pen_table(d->pen, cols, 5, c.v, rows_of(&c), 7.5, 2);
    free(c.v);
    glance(d);
}

/* ---- The profile --------------------------------------------------------------- */

static void profile_section(Doc *d)
{
    const PackResult *p = d->p;
    char at[40];
    date_words(p->at, at, sizeof at);
    pack_pen_heading(d->pen, "1. Profile of children in care and care leavers", 1, 120);
    pack_pen_text(d->pen,
                  keep(&d->strs,
                       "Section 4 of the strategy, on %s, from the 903 records (care leavers by "
                       "today's rules).",
                       at),
                  9, false);
    static const PackColumn cols[] = {{"Group", 0.36, PACK_CELL_TEXT},
                                      {"Children", 0.50, PACK_CELL_TEXT},
                                      {"Number", 0.14, PACK_CELL_NUMBER}};
    Cells c = {.cols = 3};
    const char *last = "";
    for (int i = 0; i < PROFILE_N_ROWS; i++) {
        const ProfileRow *r = &p->profile.rows[i];
        if (!r->table) continue;
        cell(&c, strcmp(r->table, last) == 0 ? "" : r->table);
        last = r->table;
        cell(&c, r->row);
        cell(&c, p->profile.withheld[i] ? "c" : keep(&d->strs, "%ld", r->count));
    }
    pack_pen_table(d->pen, cols, 3, c.v, rows_of(&c), 8, 2);
    free(c.v);
}

/* ---- The scorecard with its trends ----------------------------------------------- */

static const char *trend_cell(Doc *d, const ScoreEntry *e, int k)
{
    if (e->state != SCORE_COMPUTED) return "";
    if (!e->trend_available[k]) return "n/a";
    const ScoreFigure *f = &e->trend[k];
    bool unit = !isnan(f->value);
    return keep(&d->strs, "%s%s", f->value_text, unit ? scorecard_words_unit(e->dfe) : "");
}

/* The trend charts of a theme's measures, two to a row: their titles set
 * small by the layout, the table above saying in words what a caption would. */
static int theme_charts(Doc *d, int theme, Err *err)
{
    const Scorecard *sc = &d->p->scorecard.card;
    ScorecardCharts *ecs = xcalloc((size_t)sc->n_entries + 1, sizeof *ecs);
    Chart *charts = xcalloc((size_t)sc->n_entries + 1, sizeof *charts);
    const char **titles = xcalloc((size_t)sc->n_entries + 1, sizeof *titles);
    int n = 0;
    for (int i = 0; i < sc->n_entries; i++) {
        const ScoreEntry *e = &sc->entries[i];
        if (e->ind->theme != theme) continue;
        ScorecardCharts *ec = &ecs[i];
        scorecard_charts_build(sc, e, ec);
        if (ec->n == 0 || ec->charts[0].kind != CHART_LINE) continue;
        charts[n] = ec->charts[0];
        charts[n].title = charts[n].caption = charts[n].x_label = charts[n].y_label = NULL;
        titles[n] = keep(&d->strs, "3.%d %s", e->ind->promise, e->ind->title);
        n++;
    }
    int rc = pack_pen_charts(d->pen, charts, titles, n, 2, 112, err);
    free(titles);
    free(charts);
    free(ecs);
    return rc;
}

static int scorecard_section(Doc *d, Err *err)
{
    const Scorecard *sc = &d->p->scorecard.card;
    char y[16];
    scorecard_words_year(d->p->score_year, y, sizeof y);
    pack_pen_heading(d->pen, keep(&d->strs, "2. The Pledge scorecard, %s, with its trends", y), 1,
                     120);
    pack_pen_text(d->pen,
                  "Every measure of every promise, year by year (1 April to 31 March), with its "
                  "target and status. \"n/a\": the records for that year are not held; \"z\": no "
                  "child in the group; \"c\": withheld. Survey measures are the share of young "
                  "people answering Always or Mostly.",
                  8.5, false);
    PackColumn cols[5 + SCORECARD_MAX_YEARS];
    int nc = 0;
    cols[nc++] = (PackColumn){"", 0.06, PACK_CELL_TEXT};
    cols[nc++] = (PackColumn){"Measure", 0.36, PACK_CELL_TEXT};
    double share = 0.40 / sc->n_years;
    for (int k = 0; k < sc->n_years; k++)
        cols[nc++] = (PackColumn){keep(&d->strs, "%d/%02d", sc->opt.year - sc->opt.years + k - 1,
                                       (sc->opt.year - sc->opt.years + k) % 100),
                                  share, PACK_CELL_NUMBER};
    cols[nc++] = (PackColumn){"Target", 0.07, PACK_CELL_NUMBER};
    cols[nc++] = (PackColumn){"Status", 0.11, PACK_CELL_RAG};
    for (int theme = 0; theme < PLEDGE_N_THEMES; theme++) {
        Cells c = {.cols = nc};
        for (int i = 0; i < sc->n_entries; i++) {
            const ScoreEntry *e = &sc->entries[i];
            if (e->ind->theme != theme) continue;
            cell(&c, keep(&d->strs, "3.%d", e->ind->promise));
            cell(&c, e->state == SCORE_NOT_AVAILABLE
                         ? keep(&d->strs, "%s (not available)", e->ind->title)
                     : e->state == SCORE_SURVEY
                         ? keep(&d->strs, "%s (nobody answered)", e->ind->title)
                         : e->ind->title);
            for (int k = 0; k < sc->n_years; k++) cell(&c, trend_cell(d, e, k));
            cell(&c, e->ind->has_target ? e->ind->target_text : "");
            cell(&c, e->rag ? e->rag : "");
        }
        if (c.n == 0) {
            free(c.v);
            continue;
        }
        pack_pen_heading(d->pen, pledge_themes[theme], 2, 60);
        pack_pen_table(d->pen, cols, nc, c.v, rows_of(&c), 7, 2);
        free(c.v);
        int rc = theme_charts(d, theme, err);
        if (rc < 0) return rc;
    }
    return 0;
}

/* ---- The action plan ---------------------------------------------------------------- */

/* The newest progress note of a priority ("" when none). */
static const char *latest_note(Doc *d, const char *priority)
{
    const GovRows *pr = &d->p->progress;
    const char *best = NULL, *best_on = "";
    for (int r = 0; r < pr->n_rows; r++) {
        if (strcmp(svc_gov_cell(pr, r, "PRIORITY_ID"), priority) != 0) continue;
        const char *on = svc_gov_cell(pr, r, "NOTED_ON");
        if (strcmp(on, best_on) >= 0) best = svc_gov_cell(pr, r, "NOTE"), best_on = on;
    }
    return best ? keep(&d->strs, "%s: %s", best_on, best) : "";
}

static void action_plan_section(Doc *d)
{
    const GovRows *pr = &d->p->priorities;
    pack_pen_heading(d->pen, "4. The action plan", 1, 100);
    pack_pen_text(d->pen,
                  "The strategy's priority issues, their status and RAG as recorded, and the "
                  "newest progress note of each.",
                  8.5, false);
    static const PackColumn cols[] = {
        {"Priority", 0.30, PACK_CELL_TEXT},        {"Delivery", 0.17, PACK_CELL_TEXT},
        {"Status", 0.11, PACK_CELL_TEXT},          {"RAG", 0.10, PACK_CELL_RAG},
        {"Latest progress", 0.32, PACK_CELL_TEXT},
    };
    Cells c = {.cols = 5};
    for (int r = 0; r < pr->n_rows; r++) {
        cell(&c, keep(&d->strs, "%s %s", svc_gov_cell(pr, r, "ID"), svc_gov_cell(pr, r, "TITLE")));
        cell(&c, svc_gov_cell(pr, r, "DELIVERY"));
        cell(&c, choice_words(d, svc_gov_cell(pr, r, "STATUS")));
        cell(&c, svc_gov_cell(pr, r, "RAG"));
        cell(&c, latest_note(d, svc_gov_cell(pr, r, "ID")));
    }
    /* Four lines: the delivery dates ("Monthly and termly; November 2010 to
     * January 2011") were cut at three in a narrower column. */
    pack_pen_table(d->pen, cols, 5, c.v, rows_of(&c), 7.5, 4);
    free(c.v);
}

/* ---- CiCC issues and their answers (3.13) -------------------------------------------- */

static void issues_section(Doc *d)
{
    const PackResult *p = d->p;
    const GovRows *is = &p->issues;
    char y[16], at[DATE_FMT_LEN];
    scorecard_words_year(p->year, y, sizeof y);
    date_format_iso(p->at, at);
    Date from = date_collection_year_start(p->year);
    pack_pen_heading(d->pen, "5. The CiCC's issues and their answers (3.13)", 1, 100);
    pack_pen_text(d->pen,
                  keep(&d->strs,
                       "Each issue is to be answered in writing within 28 days of being raised. "
                       "In %s so far, %ld of %ld issues whose 28 days ended by %s were answered "
                       "in time. The issues raised since 1 April:",
                       y, p->due.issues_num, p->due.issues_den, at),
                  8.5, false);
    static const PackColumn cols[] = {
        {"Raised", 0.10, PACK_CELL_TEXT},      {"Issue", 0.30, PACK_CELL_TEXT},
        {"Answered", 0.10, PACK_CELL_TEXT},    {"State", 0.12, PACK_CELL_TEXT},
        {"What we did", 0.38, PACK_CELL_TEXT},
    };
    Cells c = {.cols = 5};
    for (int r = 0; r < is->n_rows; r++) {
        Date raised = DATE_NONE, answered = DATE_NONE;
        const char *rt = svc_gov_cell(is, r, "RAISED_ON"), *an = svc_gov_cell(is, r, "ANSWERED_ON");
        date_parse_iso(rt, strlen(rt), &raised);
        if (*an) date_parse_iso(an, strlen(an), &answered);
        if (raised < from || raised > p->at) continue;
        GovIssue issue = {.raised_on = raised,
                          .answered_on = answered > p->at ? DATE_NONE : answered};
        cell(&c, rt);
        cell(&c, svc_gov_cell(is, r, "ISSUE"));
        cell(&c, issue.answered_on == DATE_NONE ? "" : an);
        cell(&c, governance_state_name(governance_issue_state(&issue, p->at)));
        cell(&c, svc_gov_cell(is, r, "WE_DID"));
    }
    if (c.n)
        pack_pen_table(d->pen, cols, 5, c.v, rows_of(&c), 7.5, 3);
    else
        pack_pen_text(d->pen, "No issue has been raised this year yet.", 8.5, false);
    free(c.v);
}

/* ---- The survey ------------------------------------------------------------------------ */

static int survey_section(Doc *d, Err *err)
{
    const PackResult *p = d->p;
    pack_pen_heading(d->pen, "6. The young people's Pledge survey", 1, 100);
    if (!p->has_survey) {
        pack_pen_text(d->pen, "No survey round had been opened by the pack's date.", 8.5, false);
        return 0;
    }
    const SurveyResults *s = &p->survey;
    char y[16];
    scorecard_words_year(s->round.year, y, sizeof y);
    pack_pen_text(d->pen,
                  keep(&d->strs,
                       "Round \"%s\" (%s, opened %s): for each promise, how many young people "
                       "answered and the share answering Always or Mostly. Answers are anonymous "
                       "and linked to no child.",
                       s->round.name, y, s->round.opened),
                  8.5, false);
    static const PackColumn cols[] = {
        {"", 0.07, PACK_CELL_TEXT},
        {"Question", 0.63, PACK_CELL_TEXT},
        {"Answered", 0.13, PACK_CELL_NUMBER},
        {"Always or mostly", 0.17, PACK_CELL_NUMBER},
    };
    Cells c = {.cols = 4};
    double *v = xcalloc((size_t)s->n + 1, sizeof *v);
    const char **labels = xcalloc((size_t)s->n + 1, sizeof *labels);
    const char **cats = xcalloc((size_t)s->n + 1, sizeof *cats);
    for (int i = 0; i < s->n; i++) {
        const SurveyPromiseResult *r = &s->items[i];
        bool pct = strcmp(r->result.percent_text, "c") != 0 && strcmp(r->result.percent_text, "z");
        cell(&c, keep(&d->strs, "3.%d", r->promise));
        cell(&c, r->question);
        cell(&c, r->result.answered_text);
        cell(&c, keep(&d->strs, "%s%s", r->result.percent_text, pct ? "%" : ""));
        cats[i] = keep(&d->strs, "%d", r->promise);
        v[i] = pct ? atof(r->result.percent_text) : NAN;
        labels[i] = pct ? NULL : r->result.percent_text;
    }
    ChartSeries series = {NULL, v, labels};
    Chart chart = {.kind = CHART_BAR,
                   .title = "Young people answering Always or Mostly, by promise",
                   .x_label = "Promise 3.1 to 3.27",
                   .y_label = "Per cent",
                   .categories = cats,
                   .n_categories = s->n,
                   .series = &series,
                   .n_series = 1,
                   .unit = "%",
                   .y_max = 100,
                   .target = NAN};
    int rc = s->n ? pack_pen_charts(d->pen, &chart, NULL, 1, 1, 200, err) : 0;
    if (rc == 0) pack_pen_table(d->pen, cols, 4, c.v, rows_of(&c), 7.5, 2);
    free(c.v);
    free(v);
    free(labels);
    free(cats);
    return rc;
}

/* ---- Participation ---------------------------------------------------------------------- */

static void participation_section(Doc *d)
{
    const PackResult *p = d->p;
    const GovParticipation *gp = &p->participation;
    char y[16];
    scorecard_words_year(p->year, y, sizeof y);
    pack_pen_heading(d->pen, "7. Children in Care Council participation", 1, 100);
    pack_pen_text(d->pen,
                  keep(&d->strs,
                       "The CiCC's participation rules for %s on the pack's date: how many "
                       "children each rule applies to and how many had what it asks, in all, by "
                       "disability and by ethnicity (\"met/owed\").",
                       y),
                  8.5, false);
    PackColumn cols[2 + GOV_SPLIT_COUNT];
    int nc = 0;
    cols[nc++] = (PackColumn){"Rule", 0.22, PACK_CELL_TEXT};
    cols[nc++] = (PackColumn){"All", 0.13, PACK_CELL_NUMBER};
    for (int g = 0; g < GOV_SPLIT_COUNT; g++)
        cols[nc++] = (PackColumn){governance_split_name(g), 0.13, PACK_CELL_NUMBER};
    Cells c = {.cols = nc};
    for (int r = 0; r < GOV_RULE_COUNT; r++) {
        cell(&c, governance_rule_name((GovRule)r));
        if (p->publish) {
            cell(&c, keep(&d->strs, "%s of %s", gp->published.num[r], gp->published.den[r]));
            for (int g = 0; g < GOV_SPLIT_COUNT; g++)
                cell(&c, keep(&d->strs, "%s/%s", gp->published.split_num[r][g],
                              gp->published.split_den[r][g]));
            continue;
        }
        cell(&c, keep(&d->strs, "%ld of %ld", gp->tally.num[r], gp->tally.den[r]));
        for (int g = 0; g < GOV_SPLIT_COUNT; g++)
            cell(&c,
                 keep(&d->strs, "%ld/%ld", gp->tally.split_num[r][g], gp->tally.split_den[r][g]));
    }
    pack_pen_table(d->pen, cols, nc, c.v, rows_of(&c), 7.5, 3);
    free(c.v);
}

/* ---- Scrutiny and the terms of reference ----------------------------------------------- */

static void scrutiny_section(Doc *d)
{
    const PackResult *p = d->p;
    pack_pen_heading(d->pen, "8. The members' scrutiny items", 1, 100);
    static const PackColumn cols[] = {
        {"Item", 0.28, PACK_CELL_TEXT},
        {"What it needs", 0.58, PACK_CELL_TEXT},
        {"Status", 0.14, PACK_CELL_TEXT},
    };
    Cells c = {.cols = 3};
    for (int r = 0; r < p->scrutiny.n_rows; r++) {
        cell(&c, svc_gov_cell(&p->scrutiny, r, "TITLE"));
        cell(&c, svc_gov_cell(&p->scrutiny, r, "NEEDS"));
        cell(&c, choice_words(d, svc_gov_cell(&p->scrutiny, r, "STATUS")));
    }
    pack_pen_table(d->pen, cols, 3, c.v, rows_of(&c), 7.5, 6);
    free(c.v);
}

static void regular_section(Doc *d)
{
    const PackResult *p = d->p;
    pack_pen_heading(d->pen, "9. What the terms of reference make regular", 1, 100);
    pack_pen_text(d->pen,
                  "The year's regular items of the four groups' terms of reference (the Panel's "
                  "quarterly meetings and the reports to them, the invitations to the CiCC), "
                  "then every action of a meeting not done by its due date.",
                  8.5, false);
    static const PackColumn cols[] = {
        {"State", 0.12, PACK_CELL_TEXT},
        {"Due", 0.11, PACK_CELL_TEXT},
        {"Done", 0.11, PACK_CELL_TEXT},
        {"What", 0.66, PACK_CELL_TEXT},
    };
    Cells c = {.cols = 4};
    for (int i = 0; i < p->due.n_lines; i++) {
        const GovDueLine *l = &p->due.lines[i];
        if (strcmp(l->kind, "issue") == 0) continue; /* section 4 */
        char due[DATE_FMT_LEN], done[DATE_FMT_LEN];
        cell(&c, governance_state_name(l->state));
        cell(&c, keep(&d->strs, "%s", date_format_iso(l->due, due)));
        cell(&c, keep(&d->strs, "%s", date_format_iso(l->done, done)));
        cell(&c, l->what);
    }
    pack_pen_table(d->pen, cols, 4, c.v, rows_of(&c), 7.5, 2);
    free(c.v);
}

/* ---- The placement forecast --------------------------------------------------------- */

/* The placement types in the order of domain/forecast.h, as a reader says them. */
static const char *const placement_words[FORECAST_PLACEMENTS] = {
    "Foster care", "Residential care", "Supported accommodation", "Other placements"};

/* A fan as its median and 80% interval, whole children. */
static const char *fan_cell(Doc *d, const ForecastFan *f)
{
    return keep(&d->strs, "%.0f (%.0f-%.0f)", f->q[3], f->q[1], f->q[5]);
}

/* One row: the count now (NULL: none, a flow) and the fan of each year ahead. */
static void forecast_row(Doc *d, Cells *c, const char *label, const long *now,
                         const ForecastFan *fans, size_t stride)
{
    const ForecastReport *r = &d->p->forecast.report;
    cell(c, label);
    cell(c, now ? keep(&d->strs, "%ld", *now) : "");
    for (int h = 0; h < r->years; h++)
        cell(c, fan_cell(d, (const ForecastFan *)((const char *)fans + stride * (size_t)h)));
}

/* The total's one-year score in a stored forecast's back-test (the
 * document of render/forecast_write), or NULL when it was kept without one. */
static json_t *stored_total_score(json_t *doc)
{
    json_t *scores = json_object_get(json_object_get(doc, "backtest"), "scores");
    for (size_t i = 0; i < json_array_size(scores); i++) {
        json_t *s = json_array_get(scores, i);
        const char *figures = json_string_value(json_object_get(s, "figures"));
        if (figures && strcmp(figures, "total") == 0 &&
            json_integer_value(json_object_get(s, "horizon")) == 1)
            return s;
    }
    return NULL;
}

/* How good the method's past forecasts of the total were one year ahead:
 * the back-test kept with the latest stored forecast (the pack runs none,
 * svc_pack.h). */
static const char *backtest_words(Doc *d)
{
    const PackResult *p = d->p;
    if (!p->has_stored_forecast)
        return "How good past forecasts were: no forecast is stored yet to quote its back-test "
               "(carepledge forecast --save NAME keeps one with it; the pack runs none).";
    const ForecastStored *f = &p->stored_forecast;
    char origin[40];
    date_words(f->origin, origin, sizeof origin);
    json_t *doc = json_loads(f->document ? f->document : "", 0, NULL);
    json_t *s = stored_total_score(doc);
    const char *words;
    if (!s)
        words = keep(&d->strs,
                     "How good past forecasts were: the latest stored forecast, '%s' (from %s), "
                     "was kept without a back-test.",
                     f->name, origin);
    else
        words = keep(&d->strs,
                     "How good past forecasts were: the back-test kept with the latest stored "
                     "forecast, '%s' (from %s), found the forecast of the total one year ahead "
                     "off by %.1f%% on average (a no-change forecast: %.1f%%), with %.0f%% of "
                     "the outcomes in the 80%% interval.",
                     f->name, origin, json_number_value(json_object_get(s, "mape_percent")),
                     json_number_value(json_object_get(s, "no_change_mape_percent")),
                     json_number_value(json_object_get(s, "in_80_percent")));
    json_decref(doc);
    return words;
}

static void forecast_section(Doc *d)
{
    const PackResult *p = d->p;
    pack_pen_heading(d->pen, "3. The placement forecast", 1, 160);
    if (!p->has_forecast) {
        pack_pen_text(d->pen,
                      "Left out of the published pack: the forecast starts from counts of "
                      "children on the date that this publication does not protect "
                      "(docs/disclosure.md). The unpublished pack has it.",
                      8.5, false);
        return;
    }
    const ForecastReport *r = &p->forecast.report;
    char at[40];
    date_words(p->at, at, sizeof at);
    pack_pen_text(
        d->pen,
        keep(&d->strs,
             "Children looked after full time on %s and on each anniversary ahead: the "
             "median of %ld simulated futures with its 80%% interval in brackets, from "
             "the rates of the %d years before (docs/forecast.md). Placement needs "
             "(distance, capacity, costs) are in the forecast itself (carepledge forecast).",
             at, r->runs, r->window),
        9, false);
    PackColumn cols[1 + 1 + FORECAST_MAX_YEARS];
    cols[0] = (PackColumn){"", 0.28, PACK_CELL_TEXT};
    cols[1] = (PackColumn){"Now", 0.12, PACK_CELL_NUMBER};
    for (int h = 1; h <= r->years; h++) {
        char date[40];
        date_words(date_add_months(r->origin, 12 * h), date, sizeof date);
        cols[1 + h] = (PackColumn){keep(&d->strs, "%s", date), 0.60 / r->years, PACK_CELL_NUMBER};
    }
    Cells c = {.cols = 2 + r->years};
    size_t stride = sizeof r->fans[0];
    forecast_row(d, &c, "All children", &r->at_origin[FORECAST_SERIES_TOTAL],
                 &r->fans[0][FORECAST_SERIES_TOTAL], stride);
    for (int k = 0; k < FORECAST_PLACEMENTS; k++) {
        int sr = FORECAST_SERIES_PLACEMENT + k;
        forecast_row(d, &c, placement_words[k], &r->at_origin[sr], &r->fans[0][sr], stride);
    }
    size_t flow_stride = sizeof r->flow_fans[0];
    forecast_row(d, &c, "Entrants in the year", NULL, &r->flow_fans[0][FORECAST_FLOW_ENTRANTS],
                 flow_stride);
    forecast_row(d, &c, "Leavers in the year", NULL, &r->flow_fans[0][FORECAST_FLOW_LEAVERS],
                 flow_stride);
    pack_pen_table(d->pen, cols, c.cols, c.v, rows_of(&c), 7.5, 2);
    free(c.v);
    pack_pen_text(d->pen, backtest_words(d), 8.5, false);
}

/* ---- The whole ------------------------------------------------------------------------------ */

static int draw(Doc *d, Err *err)
{
    first_page(d);
    profile_section(d);
    int rc = scorecard_section(d, err);
    if (rc < 0) return rc;
    forecast_section(d);
    if (!d->p->has_governance) {
        pack_pen_heading(d->pen, "4. Governance", 1, 60);
        pack_pen_text(d->pen,
                      "The database holds no governance records yet (docs/governance.md): the "
                      "action plan, the CiCC's issues and participation and the scrutiny items "
                      "appear here once recorded.",
                      8.5, false);
        return 0;
    }
    action_plan_section(d);
    issues_section(d);
    rc = survey_section(d, err);
    if (rc < 0) return rc;
    participation_section(d);
    scrutiny_section(d);
    regular_section(d);
    return 0;
}

/* One layout of the document: to path, or counted only (path NULL). */
static int lay_out(const char *path, const PackResult *p, int total, int *pages, Err *err)
{
    char at[40], title[96], footer[160], note[160];
    date_words(p->at, at, sizeof at);
    snprintf(title, sizeof title, "The Pledge: quarterly pack %s", p->label);
    snprintf(footer, sizeof footer, "Carepledge quarterly pack %s, as at %s", p->label, at);
    snprintf(note, sizeof note,
             "Published: figures of 1 to %d withheld (shown as c), with any that would give "
             "them away",
             p->threshold);
    Doc d = {.p = p};
    int rc =
        pack_pen_open(&d.pen, path, title, title, footer, p->publish ? note : NULL, total, err);
    if (rc < 0) return rc;
    pack_pen_subject(d.pen, p->publish ? note
                                       : "For the Strategy Group and the Corporate Parenting "
                                         "Panel: small counts shown, not for publication");
    rc = draw(&d, err);
    Err close_err = {0};
    int crc = pack_pen_close(d.pen, pages, &close_err);
    if (rc == 0 && crc < 0) *err = close_err, rc = crc;
    strs_free(&d.strs);
    return rc;
}

int pack_write_pdf(const char *path, const PackResult *pack, int *pages, Err *err)
{
    int total = 0;
    int rc = lay_out(NULL, pack, 0, &total, err);
    if (rc == 0) rc = lay_out(path, pack, total, pages, err);
    return rc;
}
