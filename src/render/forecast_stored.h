/* forecast_stored: forecasts kept by name (forecast --save), read back from
 * their JSON documents (render/forecast_write's) and written as text: one
 * (forecast --show) or several side by side (forecast --compare), each with
 * the back-test scores stored with it (docs/forecast.md, "Stored
 * forecasts"). Writes to out only. */
#ifndef CAREPLEDGE_FORECAST_STORED_H
#define CAREPLEDGE_FORECAST_STORED_H

#include "domain/forecast_report.h"

#include <stdio.h>

/* What the store says of one stored forecast, beside its document. */
typedef struct ForecastStoredView {
    const char *name, *saved, *saved_by, *scenario;
    const char *document; /* JSON */
} ForecastStoredView;

/* The forecasts v[0..n-1] side by side: the total and the breakdown `by`
 * on each date (the count on the origin, then median [80% interval]), the
 * care leavers, and each one's back-test scores. Returns 0, or -1 when a
 * document is not a forecast (its name written to err_name). */
int forecast_stored_write_text(FILE *out, const ForecastStoredView *v, int n, ForecastBy by,
                               const char **err_name);
/* One line a stored forecast: name, saved, origin, years, scenario, and the
 * back-test's one-year MAPE and 80% coverage of the total. */
void forecast_stored_write_list(FILE *out, const ForecastStoredView *v, int n);

#endif
