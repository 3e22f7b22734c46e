/* dataset: the in-memory picture of every child's history that the domain
 * computes over.
 *
 * Children are sorted by id; each child's episodes, reviews, OC2 and OC3 records,
 * missing incidents, adoption records and local records (visits, health
 * assessments, ...) sit in one contiguous run of
 * the shared arrays, sorted by date (OC3 by collection year). Codes are kept upper-case, as fixed
 * NUL-terminated char arrays; empty means "not recorded". The store fills a Dataset; tests build
 * one by hand with the dataset_add_* functions. Nothing here does I/O. */
#ifndef CAREPLEDGE_DATASET_H
#define CAREPLEDGE_DATASET_H

#include "base/date.h"
#include "base/mem.h"

#include <stdbool.h>
#include <stdint.h>

/* One 903 episode: a span with one legal status and one placement. The child
 * is looked after from decom (inclusive) to dec (exclusive); dec is DATE_NONE
 * while the episode is open. */
typedef struct Episode {
    Date decom, dec;
    char rne[2];
    char ls[3];
    char cin[3];
    char place[4];
    char place_provider[4];
    char rec[4];
    char reason_place_change[7];
} Episode;

/* Where an episode's placement was: the 903's HOME_POST and PL_POST as
 * recorded, and the fields the DfE derives from them with the ONS Postcode
 * Directory (PL_DISTANCE, PL_LA, PL_LOCATION; shared/reference/903/README.md).
 * Kept apart from Episode, in Dataset.places at the episode's index, and only
 * when a command asks for them (the scorecard with --postcodes): most commands
 * never read them. The derived fields are set for the episodes the command
 * reads (service/places), blank (distance -1, "", 0) for the others. */
typedef struct EpisodePlace {
    char home_post[12], pl_post[12]; /* upper-case as recorded; "" not recorded */
    int32_t distance;                /* PL_DISTANCE in tenths of a mile; -1 not known */
    char pl_la[16];                  /* PL_LA: the placement's upper-tier authority; "" not known */
    char location;                   /* PL_LOCATION: 'I' (IN), 'O' (OUT) or 0 (not known) */
} EpisodePlace;

/* Which derived fields of Dataset.places are set (Dataset.places_derived). */
enum {
    DATASET_PLACES_DIRECTORY = 1 << 0, /* PL_DISTANCE and PL_LA: the directory was read */
    DATASET_PLACES_OWN_LA = 1 << 1,    /* the council's own authority is known: PL_LOCATION */
};

/* A statutory review (903 Reviews table). */
typedef struct Review {
    Date date;
    char code[4]; /* REVIEW_CODE: PN0..PN7 */
} Review;

/* A care leaver's OC3 record for one collection year (end year, 2010 = 2009/10). */
typedef struct Oc3 {
    int year;
    char in_touch[5];
    char activ[3];
    char accom[3];
} Oc3;

/* A child's OC2 record for one collection year (end year): outcomes of the children
 * looked after continuously for 12 months at 31 March. Flags are 1 (yes), 0 (no) or
 * -1 (not recorded). */
typedef struct Oc2 {
    int year;
    int8_t convicted, health_check, immunisations, teeth_check, health_assessment;
    int8_t substance_misuse, intervention_received, intervention_offered;
    int16_t sdq_score; /* total difficulties 0..40, -1 when not recorded */
} Oc2;

/* A missing or away-from-placement incident (903 Missing table). */
typedef struct MissingEpisode {
    Date start, end; /* end is DATE_NONE while the child is still missing */
    char missing[2]; /* M = missing, A = away from placement without authorisation */
} MissingEpisode;

/* A child's AD1 record (decision and match for adoption) for one collection year. */
typedef struct Ad1 {
    int year;
    Date date_int;      /* decision that the child should be placed for adoption */
    Date date_match;    /* decision to match the child with prospective adopters */
    int8_t foster_care; /* adopted by the child's foster carer: 1, 0, -1 not recorded */
} Ad1;

/* A decision that a child should be placed for adoption (903 PlacedAdoption table). */
typedef struct PlacedAdoption {
    Date date_placed;
    Date date_ceased; /* DATE_NONE while the decision stands */
    char reason_ceased[4];
} PlacedAdoption;

/* What a local record (docs/templates.md) is a record of. */
typedef enum RecordKind {
    RECORD_VISIT,             /* social worker visit (CPPCR reg 28) */
    RECORD_HEALTH_ASSESSMENT, /* subtype: RECORD_HA_INITIAL / RECORD_HA_REVIEW */
    RECORD_DENTAL_CHECK,
    RECORD_IMMUNISATION, /* subtype: RECORD_YES = up to date, RECORD_NO = not */
    RECORD_SDQ,          /* value: total difficulties score, -1 when not recorded */
    RECORD_PEP,          /* personal education plan (initiated or reviewed) */
    RECORD_CARE_PLAN,
    RECORD_NEEDS_ASSESSMENT,
    RECORD_PATHWAY_PLAN, /* subtype: RECORD_PP_PLAN / RECORD_PP_REVIEW */
    RECORD_PA_CONTACT,   /* subtype: RecordContactType */
    RECORD_VISIT_REGIME, /* subtype: RECORD_REGIME_*: the regime of the placement from its date */
    RECORD_PA_REQUEST,   /* subtype: RECORD_REQUEST_*: a former relevant young person asks for, or
                          * no longer wants, advice and support to 25 (CA89 s23CZB(2), (3)(b)) */
    RECORD_KIND_COUNT
} RecordKind;

/* Subtypes; 0 always means "not recorded". */
enum {
    RECORD_UNKNOWN = 0,
    RECORD_YES = 1,
    RECORD_NO = 2,
    RECORD_HA_INITIAL = 1,
    RECORD_HA_REVIEW = 2,
    RECORD_PP_PLAN = 1,
    RECORD_PP_REVIEW = 2,
    RECORD_CONTACT_VISIT = 1,
    RECORD_CONTACT_PHONE = 2,
    RECORD_CONTACT_VIDEO = 3,
    RECORD_CONTACT_MESSAGE = 4,
    RECORD_REGIME_STANDARD = 1,   /* CPPCR 2010 reg 28(2) (or (4)/(5) as the 903 says) */
    RECORD_REGIME_REG19 = 2,      /* placed with a parent before the assessment is complete */
    RECORD_REGIME_REG24 = 3,      /* connected person with temporary approval */
    RECORD_REQUEST_MADE = 1,      /* informs the council they wish to receive advice and support */
    RECORD_REQUEST_WITHDRAWN = 2, /* informs the council they no longer want a personal adviser */
};

/* One dated local record. A child's records are sorted by date, then kind. */
typedef struct CareRecord {
    Date date;
    uint8_t kind;    /* RecordKind */
    uint8_t subtype; /* see RecordKind */
    int16_t value;   /* SDQ score, else -1 */
} CareRecord;

typedef enum DisabilitySource {
    DISABILITY_FROM_CIN = 0, /* disabled when the relevant episode's CIN is N2 */
    DISABILITY_OVERRIDE_NO,  /* the council's disability list says not disabled */
    DISABILITY_OVERRIDE_YES, /* the council's disability list says disabled */
} DisabilitySource;

typedef struct Child {
    const char *id;
    char sex[2];
    Date dob; /* DATE_NONE when unknown */
    char ethnic[5];
    bool uasc;
    DisabilitySource disability;
    int first_episode, n_episodes;
    int first_review, n_reviews;
    int first_oc3, n_oc3;
    int first_record, n_records;
    int first_oc2, n_oc2;
    int first_missing, n_missing;
    int first_ad1, n_ad1;
    int first_placed_adoption, n_placed_adoption;
} Child;

/* How many stored values of one table's field an import marked as wrong as
 * given and stored as unknown (schema/sqlite/007_value_marks.sql): the
 * computations that read the field say how many rows they left out or
 * counted as unknown (dataset_marked). */
typedef struct DatasetMarks {
    char table[24]; /* as stored: "episodes" */
    char field[24]; /* the 903 column: "PLACE" */
    long n;
} DatasetMarks;

typedef struct Dataset {
    Child *children;
    int n_children, cap_children;
    Episode *episodes;
    int n_episodes, cap_episodes;
    Review *reviews;
    int n_reviews, cap_reviews;
    Oc3 *oc3;
    int n_oc3, cap_oc3;
    CareRecord *records;
    int n_records, cap_records;
    Oc2 *oc2; /* by child, then year */
    int n_oc2, cap_oc2;
    MissingEpisode *missing; /* by child, then start */
    int n_missing, cap_missing;
    Ad1 *ad1; /* by child, then year */
    int n_ad1, cap_ad1;
    PlacedAdoption *placed_adoption; /* by child, then date placed */
    int n_placed_adoption, cap_placed_adoption;
    /* At the index of each episode, NULL when not loaded; an episode beyond
     * n_places has none (dataset_episode_place). */
    EpisodePlace *places;
    int n_places, cap_places;
    unsigned places_derived; /* DATASET_PLACES_* */
    Arena strings;           /* child ids */
    /* The store's commit this was loaded at (store_commits.n), 0 when built
     * by hand: a long-running reader compares it with store_current_commit
     * to know whether an import has changed the database since. */
    long long commit;
    /* Marked values by table and field; none in a database without marks
     * (and then no output says anything of them). */
    DatasetMarks *marks;
    int n_marks, cap_marks;
} Dataset;

/* Records that n values of table.field are marked (the store's load). */
void dataset_add_marks(Dataset *ds, const char *table, const char *field, long n);
/* How many values of table.field are marked; 0 when none. */
long dataset_marked(const Dataset *ds, const char *table, const char *field);

/* Adds a child after the last one (ids must come in ascending order) and
 * returns it; the pointer is valid until the next dataset_add_child. */
Child *dataset_add_child(Dataset *ds, const char *id, const char *sex, Date dob,
                         const char *ethnic);
/* Append a record to the last child added; records must come in date order. */
Episode *dataset_add_episode(Dataset *ds, const Episode *ep);
Review *dataset_add_review(Dataset *ds, const Review *rv);
Oc3 *dataset_add_oc3(Dataset *ds, const Oc3 *oc3);
CareRecord *dataset_add_record(Dataset *ds, const CareRecord *rec);
Oc2 *dataset_add_oc2(Dataset *ds, const Oc2 *oc2);
MissingEpisode *dataset_add_missing(Dataset *ds, const MissingEpisode *m);
Ad1 *dataset_add_ad1(Dataset *ds, const Ad1 *ad1);
PlacedAdoption *dataset_add_placed_adoption(Dataset *ds, const PlacedAdoption *pa);

/* Sets the place of the last episode added (the episodes before it that have
 * none get a blank one: no postcodes, distance -1). */
EpisodePlace *dataset_add_place(Dataset *ds, const EpisodePlace *pl);
/* The place of the episode at ds->episodes[i], or NULL when none is loaded. */
static inline const EpisodePlace *dataset_episode_place(const Dataset *ds, long i)
{
    return ds->places && i >= 0 && i < ds->n_places ? &ds->places[i] : NULL;
}

/* The child with this id, or NULL (binary search). */
const Child *dataset_find_child(const Dataset *ds, const char *id);

static inline const Episode *child_episodes(const Dataset *ds, const Child *c)
{
    return ds->episodes ? ds->episodes + c->first_episode : ds->episodes; /* no offset from NULL */
}
static inline const Review *child_reviews(const Dataset *ds, const Child *c)
{
    return ds->reviews ? ds->reviews + c->first_review : ds->reviews; /* no offset from NULL */
}
static inline const Oc3 *child_oc3(const Dataset *ds, const Child *c)
{
    return ds->oc3 ? ds->oc3 + c->first_oc3 : ds->oc3; /* no offset from NULL */
}

static inline const CareRecord *child_records(const Dataset *ds, const Child *c)
{
    return ds->records ? ds->records + c->first_record : ds->records; /* no offset from NULL */
}

static inline const Oc2 *child_oc2(const Dataset *ds, const Child *c)
{
    return ds->oc2 ? ds->oc2 + c->first_oc2 : ds->oc2; /* no offset from NULL */
}
static inline const MissingEpisode *child_missing(const Dataset *ds, const Child *c)
{
    return ds->missing ? ds->missing + c->first_missing : ds->missing; /* no offset from NULL */
}
static inline const Ad1 *child_ad1(const Dataset *ds, const Child *c)
{
    return ds->ad1 ? ds->ad1 + c->first_ad1 : ds->ad1; /* no offset from NULL */
}
static inline const PlacedAdoption *child_placed_adoption(const Dataset *ds, const Child *c)
{
    return ds->placed_adoption ? ds->placed_adoption + c->first_placed_adoption
                               : ds->placed_adoption; /* no offset from NULL */
}

/* Copies src into a fixed code field of size n, upper-cased and truncated. */
void dataset_set_code(char *dst, size_t n, const char *src);
#define DATASET_SET_CODE(dst, src) dataset_set_code((dst), sizeof(dst), (src))

/* Whether a code is `want` (strcmp(code, want) == 0, inlined: the scorecard
 * and the due-date replays ask it of every episode of every child). */
static inline bool code_is(const char *code, const char *want)
{
    while (*want && *code == *want) code++, want++;
    return *code == *want;
}

void dataset_free(Dataset *ds);

#endif
