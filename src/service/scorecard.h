/* scorecard: the Pledge scorecard use case. For every indicator of the
 * catalogue: the figure for a collection year (value, numerator, denominator),
 * the previous years, an optional breakdown by group, the target and a
 * red/amber/green status; a survey indicator has the share of young people
 * answering Always or Mostly of those who answered (its question and no
 * figure when nobody answered in the year);
 * indicators whose records are missing say why. With publish, every count goes
 * through disclosure control (domain/disclosure) before it is written.
 *
 * scorecard_build computes from a Dataset (pure apart from memory and the
 * threads it starts, each over a share of the children, joined before it
 * returns); render/scorecard_write.h writes it as text, CSV, JSON, HTML or PDF.
 * See docs/scorecard.md. */
#ifndef CAREPLEDGE_SCORECARD_H
#define CAREPLEDGE_SCORECARD_H

#include "base/calendar.h"
#include "base/err.h"
#include "domain/dataset.h"
#include "domain/dfe_indicators.h"
#include "domain/disclosure.h"
#include "domain/indicators.h"
#include "domain/survey.h"

#include <stdio.h>

typedef enum ScorecardBy {
    SCORECARD_BY_NONE,
    SCORECARD_BY_DISABILITY,
    SCORECARD_BY_ETHNICITY,
    SCORECARD_BY_AGE,
    SCORECARD_BY_PLACEMENT,
} ScorecardBy;

/* Parses "disability", "ethnicity", "age" or "placement"; returns 0 or -1. */
int scorecard_parse_by(const char *s, ScorecardBy *out);
/* The name scorecard_parse_by reads ("" for SCORECARD_BY_NONE). */
const char *scorecard_by_name(ScorecardBy by);

enum { SCORECARD_MAX_GROUPS = 6, SCORECARD_MAX_YEARS = 11 };

typedef enum ScoreState {
    SCORE_COMPUTED,
    SCORE_NOT_AVAILABLE, /* reason says why */
    SCORE_SURVEY,        /* nobody answered: the question is the indicator's definition */
} ScoreState;

/* One published figure. Texts are what is written: the number, "c" when
 * suppressed, "z" when the denominator is 0 (no value). */
typedef struct ScoreFigure {
    long num, den;
    double value; /* NAN when none or suppressed */
    bool suppressed;
    char value_text[DISC_TEXT_LEN], num_text[DISC_TEXT_LEN], den_text[DISC_TEXT_LEN];
} ScoreFigure;

typedef struct ScoreEntry {
    const Indicator *ind;    /* in the catalogue */
    const DfeIndicator *dfe; /* NULL unless computed */
    ScoreState state;
    char reason[DFE_REASON_LEN];
    ScoreFigure trend[SCORECARD_MAX_YEARS]; /* oldest first; the last is the year asked */
    bool trend_available[SCORECARD_MAX_YEARS];
    ScoreFigure groups[SCORECARD_MAX_GROUPS]; /* the year asked, when by a group */
    const char *rag;                          /* "green", "amber", "red" or "" (no target) */
    /* A gap (promise 3.7): the percentage of side 0 minus that of side 1, in
     * percentage points, each side a figure of the base indicator. NULL sides
     * for any other indicator. */
    const char *sides[2];
    const char *base; /* a gap's base indicator (its catalogue id); NULL otherwise */
    ScoreFigure side_figures[SCORECARD_MAX_YEARS][2];
} ScoreEntry;

typedef struct ScorecardOptions {
    int year;  /* end year: 2026 is 2025/26 */
    int years; /* previous years to show, 0..SCORECARD_MAX_YEARS - 1 */
    ScorecardBy by;
    bool publish;
    int threshold;       /* for publish */
    const Calendar *cal; /* working days for the local indicators; NULL: not available */
    /* For scorecard_run: the ONS Postcode Directory and the council's own
     * upper-tier authority code (service/places), for placed_over_20_miles
     * and placed_outside_la; NULL: not given (those are not available). */
    const char *postcodes, *la;
    /* The survey's answers by question and year (service/svc_survey); NULL or
     * empty: no survey indicator has a figure. */
    const SurveyTallies *survey;
    /* Promise 3.13 from the governance tables (svc_governance): each year's
     * CiCC issues with their deadline in it (cicc_den) and those answered in
     * time (cicc_num), oldest first, n_years of each; NULL or !cicc_available:
     * not recorded (the indicator is not available). */
    const long *cicc_num, *cicc_den;
    bool cicc_available;
    /* For publish: the publication (domain/publication) the figures join as
     * its first layers, left open for more outputs (service/svc_publish);
     * NULL: the scorecard is a publication of its own. */
    struct Publication *publication;
    /* For publish with a publication: called after the layer of the figures of
     * every year and before the layer of a --by breakdown's groups, to add
     * more layers there (service/svc_publish adds the profile, so that its
     * marks do not depend on --by). NULL: nothing. */
    int (*before_groups)(void *arg, struct Publication *pub, Err *err);
    void *before_groups_arg;
    int threads; /* threads computing the tallies, each over a share of the children; 0: one
                    per processor, at most PARALLEL_MAX_SHARES (service/parallel.h). The figures
                    never depend on it */
} ScorecardOptions;

typedef struct Scorecard {
    ScorecardOptions opt;
    const IndicatorCatalogue *cat; /* not owned */
    int n_years;                   /* opt.years + 1 */
    int n_groups;
    const char *groups[SCORECARD_MAX_GROUPS];
    ScoreEntry *entries; /* one per catalogue indicator, in catalogue order */
    int n_entries;
} Scorecard;

/* Computes the scorecard. Returns 0, or ERR_INPUT when disclosure control
 * rejects a table (which would be a bug). Free with scorecard_free. */
int scorecard_build(const Dataset *ds, const IndicatorCatalogue *cat, const ScorecardOptions *opt,
                    Scorecard *out, Err *err);
void scorecard_free(Scorecard *sc);

/* The entry of the catalogue indicator id, or NULL. */
const ScoreEntry *scorecard_entry(const Scorecard *sc, const char *id);

/* The unit of a survey indicator's figures: a whole percentage of those who
 * answered (its id is "survey"). */
extern const DfeIndicator scorecard_survey_unit;

/* The year's entry as the figure to show (the last of the trend). */
const ScoreFigure *scorecard_now(const Scorecard *sc, const ScoreEntry *e);

#endif
