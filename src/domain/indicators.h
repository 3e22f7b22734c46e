/* indicators: the catalogue of what the Pledge scorecard measures.
 *
 * The Pledge (section 2 of the strategy) makes 27 promises, under nine themes,
 * and section 3 says how each is kept (3.1 to 3.27). The catalogue gives each
 * promise one or more indicators: computed from the records (with the cohort,
 * numerator, denominator and the records read), or, where records cannot tell,
 * the question the young people's survey asks (kind "survey", never a figure).
 * It ships as data/indicators.csv, embedded in the binary; a council may load
 * its own copy (e.g. with local targets). docs/indicators.md is generated from it.
 *
 * This module parses and checks the catalogue. It computes nothing: the figures
 * are the scorecard's job. Pure apart from reading the embedded table. */
#ifndef CAREPLEDGE_INDICATORS_H
#define CAREPLEDGE_INDICATORS_H

#include "base/err.h"
#include "base/mem.h"

#include <stdbool.h>
#include <stddef.h>

enum { PLEDGE_N_PROMISES = 27, PLEDGE_N_THEMES = 9 };

/* One promise of the Pledge, as numbered in section 3 of the strategy. */
typedef struct PledgePromise {
    int number;        /* 1..27: promise "3.<number>" */
    int theme;         /* index into pledge_themes */
    const char *words; /* the promise as the strategy's section 3 states it */
} PledgePromise;

/* The Pledge's headings, in its order. */
extern const char *const pledge_themes[PLEDGE_N_THEMES];
/* Promises 3.1 to 3.27, in order (pledge_promises[n - 1] is 3.n). */
extern const PledgePromise pledge_promises[PLEDGE_N_PROMISES];

typedef enum IndicatorKind { INDICATOR_COMPUTED, INDICATOR_SURVEY } IndicatorKind;
typedef enum IndicatorBetter { INDICATOR_HIGHER, INDICATOR_LOWER } IndicatorBetter;

typedef struct Indicator {
    const char *id;         /* e.g. "placement_stability_short" */
    int promise;            /* 1..27 */
    int theme;              /* index into pledge_themes */
    const char *title;      /* a short name a councillor understands */
    const char *definition; /* for a survey indicator: the question asked */
    const char *cohort;
    const char *numerator;
    const char *denominator;
    const char *records; /* ';'-separated, e.g. "903:episodes;local:visit", or "survey" */
    IndicatorBetter better;
    bool has_target;
    double target;
    const char *target_text; /* as written in the file; "" when none */
    IndicatorKind kind;
    long line; /* line of the catalogue file */
} Indicator;

typedef struct IndicatorCatalogue {
    Indicator *items; /* in file order, which is promise order */
    int n_items;
    Arena text;
} IndicatorCatalogue;

/* The catalogue's columns, in order. */
enum { INDICATOR_N_COLUMNS = 12 };
extern const char *const indicator_columns[INDICATOR_N_COLUMNS];

/* Parses a catalogue. Returns 0 and sets *out (free with indicators_free), or
 * ERR_INPUT with err naming the file, line, column and field of the first
 * problem: wrong header, wrong number of fields, a bad or duplicate id, a
 * promise outside 3.1..3.27, a theme that is not the promise's heading, an
 * empty required field, a bad better/target/kind, a survey row with records
 * other than "survey", or a promise left without any indicator. */
int indicators_load_text(const char *name, const char *text, size_t len, IndicatorCatalogue **out,
                         Err *err);
/* The shipped catalogue (data/indicators.csv). */
int indicators_load_default(IndicatorCatalogue **out, Err *err);
/* Reads a catalogue file. Returns 0, ERR_IO or ERR_INPUT. */
int indicators_load_file(const char *path, IndicatorCatalogue **out, Err *err);
void indicators_free(IndicatorCatalogue *cat);

/* The indicator with this id, or NULL. */
const Indicator *indicators_find(const IndicatorCatalogue *cat, const char *id);

/* Text names of the enums, as written in the catalogue. */
const char *indicator_kind_name(IndicatorKind k);
const char *indicator_better_name(IndicatorBetter b);

#endif
