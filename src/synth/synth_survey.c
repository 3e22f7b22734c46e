/* synth_survey: see synth_survey.h. */
#include "synth/synth_survey.h"

#include "domain/indicators.h"
#include "domain/survey.h"
#include "synth/synth_rng.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Of the young people who answer, the share of each age version (percent). */
static const int version_share[SURVEY_N_VERSIONS] = {15, 20, 40, 25};

/* Whether the question is asked of version v: the leaving-care questions
 * (a care-leaver cohort in the catalogue) of care leavers only, as
 * schema/sqlite/009_survey.sql words them. */
static bool asked(const Indicator *ind, SurveyVersion v)
{
    return v == SURVEY_CARE_LEAVER || strncmp(ind->cohort, "Care leavers", 12) != 0;
}

/* One young person's answer: -1 for a question left out. */
static int answer(SynthRng *r, double good)
{
    if (synth_rng_chance(r, 0.06)) return -1;
    if (synth_rng_chance(r, good)) return synth_rng_chance(r, 0.45) ? SURVEY_ALWAYS : SURVEY_MOSTLY;
    return synth_rng_chance(r, 0.7) ? SURVEY_SOMETIMES : SURVEY_NEVER;
}

static void write_round(FILE *f, SynthRng *r, uint64_t seed, const IndicatorCatalogue *cat,
                        int year, int age, long respondents, long *n_rows)
{
    for (int i = 0; i < cat->n_items; i++) {
        const Indicator *ind = &cat->items[i];
        if (ind->kind != INDICATOR_SURVEY) continue;
        /* The question's share of good answers: drawn once per question from
         * the seed (the first draws of its own stream), 2 points better a year. */
        SynthRng q;
        synth_rng_seed(&q, synth_mix(seed, (uint64_t)i + 1));
        double good = 0.45 + 0.4 * synth_rng_unit(&q) - 0.02 * age;
        long counts[SURVEY_N_VERSIONS][SURVEY_N_ANSWERS] = {{0}};
        for (int v = 0; v < SURVEY_N_VERSIONS; v++) {
            long n = respondents * version_share[v] / 100;
            for (long k = 0; k < n && asked(ind, (SurveyVersion)v); k++) {
                int a = answer(r, good);
                if (a >= 0) counts[v][a]++;
            }
        }
        for (int v = 0; v < SURVEY_N_VERSIONS; v++)
            for (int a = 0; a < SURVEY_N_ANSWERS; a++) {
                if (!counts[v][a]) continue;
                fprintf(f, "Pledge survey %d/%02d,%d/%02d,%s,%s,%s,%ld\n", year - 1, year % 100,
                        year - 1, year % 100, ind->id, survey_version_name((SurveyVersion)v),
                        survey_answer_name((SurveyAnswer)a), counts[v][a]);
                (*n_rows)++;
            }
    }
}

int synth_survey_write(const char *path, uint64_t seed, int to_year, long in_care, long *n_rows,
                       Err *err)
{
    *n_rows = 0;
    IndicatorCatalogue *cat;
    if (indicators_load_default(&cat, err) < 0) return err->code;
    FILE *f = fopen(path, "w");
    if (!f) {
        indicators_free(cat);
        return err_set(err, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
    }
    fputs("round,year,question,version,answer,count\n", f);
    SynthRng r;
    synth_rng_seed(&r, synth_mix(seed, 0x5355525645590000ull)); /* a stream of its own */
    long respondents = in_care / 3 > 20 ? in_care / 3 : 20;
    for (int age = SYNTH_SURVEY_YEARS - 1; age >= 0; age--)
        write_round(f, &r, seed, cat, to_year - age, age, respondents, n_rows);
    indicators_free(cat);
    if (fclose(f) != 0) return err_set(err, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
    return 0;
}
