/* scorecard_charts: see scorecard_charts.h. */
#include "render/scorecard_charts.h"

#include "render/scorecard_words.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A gap's chart: the base indicator's percentage for each side, year by year,
 * so that a reader sees both figures and not only their difference. */
static void gap_chart(const Scorecard *sc, const ScoreEntry *e, ScorecardCharts *ec,
                      const char *privacy)
{
    for (int k = 0; k < sc->n_years; k++) {
        scorecard_words_year(sc->opt.year - sc->opt.years + k, ec->year_text[k], 16);
        ec->years[k] = ec->year_text[k];
        for (int s = 0; s < 2; s++) {
            const ScoreFigure *f = &e->side_figures[k][s];
            ec->side_v[s][k] = e->trend_available[k] ? f->value : NAN;
            ec->side_l[s][k] = e->trend_available[k] && f->suppressed ? "c" : NULL;
        }
    }
    for (int s = 0; s < 2; s++)
        ec->series[s] = (ChartSeries){e->sides[s], ec->side_v[s], ec->side_l[s]};
    snprintf(ec->title[0], sizeof ec->title[0], "%s", e->ind->title);
    char words[128];
    scorecard_words_figure(e->dfe, scorecard_now(sc, e), words, sizeof words);
    snprintf(ec->caption[0], sizeof ec->caption[0],
             "The percentage for %s and for %s, year by year (1 April to 31 March). In %s the "
             "difference was %s; below zero means %s get a worse service.%s",
             e->sides[0], e->sides[1], ec->years[sc->n_years - 1], words, e->sides[0], privacy);
    ec->charts[ec->n++] = (Chart){.kind = sc->n_years > 1 ? CHART_LINE : CHART_BAR,
                                  .title = ec->title[0],
                                  .x_label = "Year",
                                  .y_label = "Per cent",
                                  .caption = ec->caption[0],
                                  .categories = ec->years,
                                  .n_categories = sc->n_years,
                                  .series = ec->series,
                                  .n_series = 2,
                                  .decimals = 0,
                                  .unit = "%",
                                  .y_max = 100,
                                  .target = NAN,
                                  .width = 900,
                                  .height = 420};
}

/* Builds the trend chart (when more than one year is shown) and the bar chart
 * by group (when asked) of a computed indicator. */
void scorecard_charts_build(const Scorecard *sc, const ScoreEntry *e, ScorecardCharts *ec)
{
    memset(ec, 0, sizeof *ec);
    if (e->state != SCORE_COMPUTED) return;
    const DfeIndicator *d = e->dfe;
    bool pct = d->unit == DFE_PERCENT;
    const char *y_words = d->unit_name[0] == 'd' ? "Average days" : "Average score";
    const char *privacy =
        sc->opt.publish ? " A \"c\" marks a figure withheld so that no child can be identified."
                        : "";
    if (e->sides[0]) {
        gap_chart(sc, e, ec, privacy);
        return;
    }
    char target[96] = "";
    if (e->ind->has_target)
        snprintf(target, sizeof target, " The dashed line is the target, %s%s.",
                 e->ind->target_text, scorecard_words_unit(d));
    if (sc->n_years > 1) {
        for (int k = 0; k < sc->n_years; k++) {
            scorecard_words_year(sc->opt.year - sc->opt.years + k, ec->year_text[k], 16);
            ec->years[k] = ec->year_text[k];
            ec->trend_v[k] = e->trend_available[k] ? e->trend[k].value : NAN;
            ec->trend_l[k] = e->trend_available[k] && e->trend[k].suppressed ? "c" : NULL;
        }
        ec->series[0] = (ChartSeries){NULL, ec->trend_v, ec->trend_l};
        snprintf(ec->title[0], sizeof ec->title[0], "%s", e->ind->title);
        const ScoreFigure *now = scorecard_now(sc, e);
        char words[128];
        scorecard_words_figure(d, now, words, sizeof words);
        snprintf(ec->caption[0], sizeof ec->caption[0],
                 "How this has changed from %s to %s, year by year (1 April to 31 March). In %s "
                 "the figure was %s. %s%s%s",
                 ec->years[0], ec->years[sc->n_years - 1], ec->years[sc->n_years - 1], words,
                 scorecard_words_better(e->ind), target, privacy);
        ec->charts[ec->n++] = (Chart){.kind = CHART_LINE,
                                      .title = ec->title[0],
                                      .x_label = "Year",
                                      .y_label = pct ? "Per cent" : y_words,
                                      .caption = ec->caption[0],
                                      .categories = ec->years,
                                      .n_categories = sc->n_years,
                                      .series = &ec->series[0],
                                      .n_series = 1,
                                      .decimals = d->decimals,
                                      .unit = pct ? "%" : NULL,
                                      .y_max = pct ? 100 : 0,
                                      .target = e->ind->has_target ? e->ind->target : NAN,
                                      .width = 900,
                                      .height = 420};
    }
    if (sc->n_groups) {
        for (int g = 0; g < sc->n_groups; g++) {
            ec->group_v[g] = e->groups[g].value;
            ec->group_l[g] = e->groups[g].suppressed ? "c" : NULL;
        }
        ec->series[1] = (ChartSeries){NULL, ec->group_v, ec->group_l};
        char y[16];
        scorecard_words_year(sc->opt.year, y, sizeof y);
        snprintf(ec->title[1], sizeof ec->title[1], "%s, %s, by %s", e->ind->title, y,
                 scorecard_by_name(sc->opt.by));
        snprintf(ec->caption[1], sizeof ec->caption[1],
                 "The same figure for %s split by %s on 31 March, so that groups of children can "
                 "be compared (promise 3.7: the same service for every child). A group with no "
                 "children has no bar. %s%s",
                 y, scorecard_by_name(sc->opt.by), scorecard_words_better(e->ind), privacy);
        ec->charts[ec->n++] = (Chart){.kind = CHART_BAR,
                                      .title = ec->title[1],
                                      .y_label = pct ? "Per cent" : y_words,
                                      .caption = ec->caption[1],
                                      .categories = sc->groups,
                                      .n_categories = sc->n_groups,
                                      .series = &ec->series[1],
                                      .n_series = 1,
                                      .decimals = d->decimals,
                                      .unit = pct ? "%" : NULL,
                                      .y_max = pct ? 100 : 0,
                                      .target = e->ind->has_target ? e->ind->target : NAN,
                                      .width = 900,
                                      .height = 420};
    }
}

/* A sentence on the indicator for a councillor. */
