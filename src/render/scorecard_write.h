/* scorecard_write: the Pledge scorecard (service/scorecard computes it) written
 * as text, CSV, JSON, HTML (charts inline as SVG) or an A4 PDF with a page per
 * theme of the Pledge; one file per format (render/scorecard_text.c, _csv.c,
 * _json.c, _html.c, _pdf.c). Writers take an open stream and never close it,
 * except the PDF, which cairo writes to a path. See docs/scorecard.md. */
#ifndef CAREPLEDGE_SCORECARD_WRITE_H
#define CAREPLEDGE_SCORECARD_WRITE_H

#include "base/err.h"
#include "service/scorecard.h"

#include <stdio.h>

/* Aligned text for a terminal. */
void scorecard_write_text(FILE *out, const Scorecard *sc);
/* CSV: promise,indicator,value,numerator,denominator,group,unit,target,rag,status,
 * then one column per year (oldest first), then title,note. */
void scorecard_write_csv(FILE *out, const Scorecard *sc);
/* JSON (render/json): the options, then an indicator per line. */
void scorecard_write_json(FILE *out, const Scorecard *sc);
/* A self-contained HTML page: a section per theme, with charts as inline SVG. */
int scorecard_write_html(FILE *out, const Scorecard *sc, Err *err);
/* An A4 PDF at path, a page per theme. Returns 0 or ERR_IO. */
int scorecard_write_pdf(const char *path, const Scorecard *sc, Err *err);

#endif
