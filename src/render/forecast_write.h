/* forecast_write: the placement sufficiency forecast (domain/forecast_report.h)
 * as text, CSV or JSON (docs/forecast.md, "Output"). Text and CSV show the
 * total and the breakdown `by`; JSON holds every breakdown. Text and JSON
 * always carry the back-test scores; with `points` the CSV is the back-test's
 * points instead and the JSON has them too. Writes to out only. */
#ifndef CAREPLEDGE_FORECAST_WRITE_H
#define CAREPLEDGE_FORECAST_WRITE_H

#include "base/err.h"
#include "domain/forecast_report.h"

#include <stdbool.h>
#include <stdio.h>

void forecast_write_text(FILE *out, const ForecastReport *r, ForecastBy by);
void forecast_write_csv(FILE *out, const ForecastReport *r, ForecastBy by, bool points);
void forecast_write_json(FILE *out, const ForecastReport *r, bool points);
/* A self-contained HTML page and a PDF (written to path) with fan charts
 * for the total and the breakdown `by`, the flows and the back-test scores
 * (render/forecast_charts.c). Return 0, or ERR_IO. */
int forecast_write_html(FILE *out, const ForecastReport *r, ForecastBy by, Err *err);
int forecast_write_pdf(const char *path, const ForecastReport *r, ForecastBy by, Err *err);

#endif
