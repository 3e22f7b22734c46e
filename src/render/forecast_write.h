/* forecast_write: the placement sufficiency forecast (domain/forecast_report.h)
 * as text, CSV or JSON (docs/forecast.md, "Output"). Text and CSV show the
 * total and the breakdown `by`; JSON holds every breakdown. Text and JSON
 * always carry the back-test scores; with `points` the CSV is the back-test's
 * points instead and the JSON has them too. Writes to out only. */
#ifndef CAREPLEDGE_FORECAST_WRITE_H
#define CAREPLEDGE_FORECAST_WRITE_H

#include "domain/forecast_report.h"

#include <stdbool.h>
#include <stdio.h>

void forecast_write_text(FILE *out, const ForecastReport *r, ForecastBy by);
void forecast_write_csv(FILE *out, const ForecastReport *r, ForecastBy by, bool points);
void forecast_write_json(FILE *out, const ForecastReport *r, bool points);

#endif
