/* forecast_backtest: how good past forecasts were. Each point is one figure
 * (a series of domain/forecast.h) forecast from one origin for one horizon,
 * beside what happened and two plain baselines: no change from the origin,
 * and the straight line through the year ends up to the origin. The scores
 * by horizon are the signed bias and the mean absolute percentage error
 * (MAPE) of the median, and how often the 80% and 95% intervals held what
 * happened (docs/forecast.md, "Back-test"). Pure: no I/O. */
#ifndef CAREPLEDGE_FORECAST_BACKTEST_H
#define CAREPLEDGE_FORECAST_BACKTEST_H

#include <stdbool.h>

typedef struct ForecastPoint {
    int origin_year; /* the origin is 31 March of this year */
    int horizon;     /* years ahead, 1.. */
    int series;      /* FORECAST_SERIES_* */
    double actual, median, lo80, hi80, lo95, hi95;
    double no_change, trend;
} ForecastPoint;

typedef struct ForecastScore {
    int horizon;
    bool total_only;         /* the total alone, or every series with children in it */
    long n;                  /* points scored (those whose actual is not 0) */
    double bias, mape;       /* percent, of the median */
    double cover80, cover95; /* percent of points inside the interval */
    double no_change_bias, no_change_mape, trend_bias, trend_mape;
} ForecastScore;

/* The least-squares line through y[0..n-1] (at x = 0..n-1), at x = n - 1 +
 * ahead; y[n-1] itself when n < 2. Never below 0. */
double forecast_linear_trend(const double *y, int n, double ahead);

/* Scores the points of one horizon (all series, or the total alone). */
ForecastScore forecast_score(const ForecastPoint *points, long n, int horizon, bool total_only);

#endif
