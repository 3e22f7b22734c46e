/* test_fixture: building a Dataset by hand in the unit tests, one set of
 * helpers for every test file instead of a copy in each.
 *
 * A code given is set as given ("" = not recorded); a NULL code is left blank.
 * Each test keeps its own short wrappers where its cases share codes (say,
 * every episode placed U4); the filling of the records is here. All data is
 * made up. */
#ifndef TEST_FIXTURE_H
#define TEST_FIXTURE_H

#include "base/date.h"
#include "domain/dataset.h"

#define NONE DATE_NONE

static inline Date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

/* The 903 fields of a hand-made episode (codes as in Episode). */
typedef struct FixtureEpisode {
    Date decom, dec;
    const char *rne, *ls, *cin, *place, *rec;
} FixtureEpisode;

static inline void fixture_code(char *dst, size_t size, const char *code)
{
    if (code) dataset_set_code(dst, size, code);
}

/* Adds an episode to the child added last. */
static inline void fixture_episode(Dataset *ds, FixtureEpisode f)
{
    Episode e = {.decom = f.decom, .dec = f.dec};
    fixture_code(e.rne, sizeof e.rne, f.rne);
    fixture_code(e.ls, sizeof e.ls, f.ls);
    fixture_code(e.cin, sizeof e.cin, f.cin);
    fixture_code(e.place, sizeof e.place, f.place);
    fixture_code(e.rec, sizeof e.rec, f.rec);
    dataset_add_episode(ds, &e);
}

/* Adds a review on date with REVIEW_CODE code to the child added last. */
static inline void fixture_review(Dataset *ds, Date date, const char *code)
{
    Review r = {.date = date};
    fixture_code(r.code, sizeof r.code, code);
    dataset_add_review(ds, &r);
}

/* Adds the OC3 record of a collection year (end year) to the child added last. */
static inline void fixture_oc3(Dataset *ds, int year, const char *in_touch, const char *activ,
                               const char *accom)
{
    Oc3 o = {.year = year};
    fixture_code(o.in_touch, sizeof o.in_touch, in_touch);
    fixture_code(o.activ, sizeof o.activ, activ);
    fixture_code(o.accom, sizeof o.accom, accom);
    dataset_add_oc3(ds, &o);
}

/* Adds a local record (visit, care plan, ...) with no value to the child added last. */
static inline void fixture_record(Dataset *ds, Date date, RecordKind kind, int subtype)
{
    CareRecord r = {.date = date, .kind = (uint8_t)kind, .subtype = (uint8_t)subtype, .value = -1};
    dataset_add_record(ds, &r);
}

#endif
