/* forecast_backtest: see forecast_backtest.h. This module must not do I/O. */
#include "domain/forecast_backtest.h"

#include "domain/forecast.h"

#include <math.h>

double forecast_linear_trend(const double *y, int n, double ahead)
{
    if (n < 2) return n == 1 ? y[0] : 0;
    double mx = (n - 1) / 2.0, my = 0;
    for (int i = 0; i < n; i++) my += y[i];
    my /= n;
    double sxy = 0, sxx = 0;
    for (int i = 0; i < n; i++) {
        sxy += (i - mx) * (y[i] - my);
        sxx += (i - mx) * (i - mx);
    }
    double value = my + sxy / sxx * (n - 1 + ahead - mx);
    return value > 0 ? value : 0;
}

/* Signed percentage error of a forecast f of actual a (a > 0). */
static double pct(double f, double a)
{
    return 100 * (f - a) / a;
}

ForecastScore forecast_score(const ForecastPoint *points, long n, int horizon, bool total_only)
{
    ForecastScore sc = {.horizon = horizon, .total_only = total_only};
    for (long i = 0; i < n; i++) {
        const ForecastPoint *p = &points[i];
        if (p->horizon != horizon || p->actual <= 0) continue;
        if (total_only && p->series != FORECAST_SERIES_TOTAL) continue;
        sc.n++;
        double e = pct(p->median, p->actual), nc = pct(p->no_change, p->actual);
        double tr = pct(p->trend, p->actual);
        sc.bias += e;
        sc.mape += fabs(e);
        sc.no_change_bias += nc;
        sc.no_change_mape += fabs(nc);
        sc.trend_bias += tr;
        sc.trend_mape += fabs(tr);
        sc.cover80 += p->actual >= p->lo80 && p->actual <= p->hi80;
        sc.cover95 += p->actual >= p->lo95 && p->actual <= p->hi95;
    }
    if (sc.n == 0) return sc;
    double k = (double)sc.n;
    sc.bias /= k;
    sc.mape /= k;
    sc.no_change_bias /= k;
    sc.no_change_mape /= k;
    sc.trend_bias /= k;
    sc.trend_mape /= k;
    sc.cover80 = 100 * sc.cover80 / k;
    sc.cover95 = 100 * sc.cover95 / k;
    return sc;
}
