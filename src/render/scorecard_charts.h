/* scorecard_charts: the charts of one indicator of the Pledge scorecard (its
 * trend year by year, its figure by group, or a gap's two sides), shared by the
 * HTML page and the PDF board pack. Pure: drawing is render/chart's job. */
#ifndef CAREPLEDGE_SCORECARD_CHARTS_H
#define CAREPLEDGE_SCORECARD_CHARTS_H

#include "render/chart.h"
#include "service/scorecard.h"

/* The charts of one indicator, with the storage they point into. */
typedef struct ScorecardCharts {
    Chart charts[2];
    int n;
    ChartSeries series[2];
    double trend_v[SCORECARD_MAX_YEARS];
    const char *trend_l[SCORECARD_MAX_YEARS];
    char year_text[SCORECARD_MAX_YEARS][16];
    const char *years[SCORECARD_MAX_YEARS];
    double group_v[SCORECARD_MAX_GROUPS];
    const char *group_l[SCORECARD_MAX_GROUPS];
    char title[2][300];
    char caption[2][900];
    double side_v[2][SCORECARD_MAX_YEARS]; /* a gap's two sides */
    const char *side_l[2][SCORECARD_MAX_YEARS];
} ScorecardCharts;

/* Fills ec with the trend chart (when more than one year is shown) and the
 * bar chart by group (when asked), or a gap's chart, of a computed indicator;
 * none for any other. The charts point into ec and sc. */
void scorecard_charts_build(const Scorecard *sc, const ScoreEntry *e, ScorecardCharts *ec);

#endif
