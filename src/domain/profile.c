/* profile: see profile.h; docs/profile.md says how each row is derived.
 *
 * One pass over the children: each child adds to the rows it belongs to, with
 * a fixed number of walks over its own episodes and no allocation, so the
 * profile of a whole authority's history is linear in its episodes. The row
 * labels are the strategy's (seed section 4) and must stay word for word. Pure. */
#include "domain/profile.h"

#include "domain/care.h"
#include "domain/codes.h"
#include "domain/disclosure.h"
#include "domain/disclosure_system.h"
#include "domain/publication.h"

#include <string.h>

#define T_ALL     "All children and young people"
#define T_FULL    "Children and young people in care full time"
#define T_BREAKS  "Children and young people in care through short breaks"
#define T_LEAVERS "Young people who are eligible for a service as care leavers"

/* Row indexes, in the strategy's order. */
enum {
    R_FULL_TIME,
    R_SHORT_BREAKS,
    R_CARE_LEAVERS,
    R_VOLUNTARY,
    R_CARE_ORDER,
    R_INTERIM,
    R_PLACEMENT_ORDER,
    R_FOSTER,
    R_RESIDENTIAL,
    R_WITH_PARENTS,
    R_SUPPORTED,
    R_FULL_AGES, /* five age bands */
    R_FULL_DISABLED = R_FULL_AGES + 5,
    R_FULL_MINORITY,
    R_BREAKS_AGES, /* five age bands */
    R_BREAKS_MINORITY = R_BREAKS_AGES + 5,
    R_LEFT_16_17,
    R_IN_CARE_16_17,
    R_18_21,
    R_22_24_EDUCATION,
    R_LEAVERS_DISABLED,
    R_LEAVERS_MINORITY,
    R_COUNT
};

static const char *const LABELS[PROFILE_N_ROWS][2] = {
    {T_ALL, "In care full time"},
    {T_ALL, "In care through short breaks"},
    {T_ALL, "Care leavers (excluding those who are still in care)"},
    {T_FULL, "Voluntary accommodation"},
    {T_FULL, "Subject to a Care Order"},
    {T_FULL, "Subject to an Interim Care Order"},
    {T_FULL, "Subject to a Placement Order (for adoption)"},
    {T_FULL, "Living in foster placements"},
    {T_FULL, "Living in residential placements"},
    {T_FULL, "Placed with parents (and subject to a Care Order)"},
    {T_FULL, "Living in supported independent accommodation"},
    {T_FULL, "Aged under 5"},
    {T_FULL, "Aged 5 to 9"},
    {T_FULL, "Aged 10 to 12"},
    {T_FULL, "Aged 13 to 15"},
    {T_FULL, "Aged 16 to 17"},
    {T_FULL, "Disabled"},
    {T_FULL, "Ethnic or cultural minority background (ie not White British)"},
    {T_BREAKS, "Aged under 5"},
    {T_BREAKS, "Aged 5 to 9"},
    {T_BREAKS, "Aged 10 to 12"},
    {T_BREAKS, "Aged 13 to 15"},
    {T_BREAKS, "Aged 16 to 17"},
    {T_BREAKS, "Ethnic or cultural minority background"},
    {T_LEAVERS, "Aged 16 to 17 and no longer in care"},
    {T_LEAVERS, "Aged 16 to 17 and still in care"},
    {T_LEAVERS, "Aged 18 to 21"},
    {T_LEAVERS, "Aged 22 to 24 and in full time education"},
    {T_LEAVERS, "Disabled"},
    {T_LEAVERS, "Ethnic or cultural minority background"},
};

_Static_assert((int)R_COUNT == (int)PROFILE_N_ROWS, "profile rows and labels disagree");

/* 903 PLACE codes of today's lists (older codes are read through
 * codes_current, docs/codes.md): foster placements U1-U6 (before them F1-F6,
 * Q1, Q2); residential: secure and other children's homes, residential care
 * homes, NHS establishments, family centres, young offender institutions and
 * residential schools; supported independent accommodation: K3 (before
 * 2025/26 H5 semi-independent and P2 independent living). */
static const char *const PLACE_FOSTER[] = {"U1", "U2", "U3", "U4", "U5", "U6", NULL};
static const char *const PLACE_RESIDENTIAL[] = {"K1", "K2", "R1", "R2", "R3", "R5", "S1", NULL};
static const char *const PLACE_SUPPORTED[] = {"K3", NULL};

static bool code_in(const char *code, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(code, *list) == 0) return true;
    return false;
}

/* 0..4 for under 5, 5-9, 10-12, 13-15, 16-17; -1 otherwise (or no DOB). */
static int age_band(const Child *c, Date at)
{
    if (c->dob == DATE_NONE || c->dob > at) return -1;
    int age = date_age_on(c->dob, at);
    if (age < 5) return 0;
    if (age < 10) return 1;
    if (age < 13) return 2;
    if (age < 16) return 3;
    if (age < 18) return 4;
    return -1;
}

/* Legal status (LS) and placement (PLACE) of the full-time episode. */
static void count_full_time(const Dataset *ds, const Child *c, const Episode *e, Date at, long *n)
{
    const char *place = codes_current("PLACE", e->place);
    n[R_FULL_TIME]++;
    n[R_VOLUNTARY] += strcmp(e->ls, "V2") == 0;       /* CA89 s20 */
    n[R_CARE_ORDER] += strcmp(e->ls, "C2") == 0;      /* CA89 s31 */
    n[R_INTERIM] += strcmp(e->ls, "C1") == 0;         /* CA89 s38 */
    n[R_PLACEMENT_ORDER] += strcmp(e->ls, "E1") == 0; /* ACA 2002 s21 */
    n[R_FOSTER] += code_in(place, PLACE_FOSTER);
    n[R_RESIDENTIAL] += code_in(place, PLACE_RESIDENTIAL);
    n[R_WITH_PARENTS] += strcmp(place, "P1") == 0;
    n[R_SUPPORTED] += code_in(place, PLACE_SUPPORTED);
    int band = age_band(c, at);
    if (band >= 0) n[R_FULL_AGES + band]++;
    n[R_FULL_DISABLED] += care_disabled_on(ds, c, at);
    n[R_FULL_MINORITY] += care_ethnic_minority(c);
}

static void count_short_breaks(const Child *c, Date at, long *n)
{
    n[R_SHORT_BREAKS]++;
    int band = age_band(c, at);
    if (band >= 0) n[R_BREAKS_AGES + band]++;
    n[R_BREAKS_MINORITY] += care_ethnic_minority(c);
}

/* The table-4 row a leaver belongs to, or -1. Rows 1, 3 and 4 partition the
 * care leavers of table 1, so a leaver of 22 to 24 counts only in full-time
 * education (OC3 ACTIV F1/F2), and one in part-time education is in neither.
 * The table counts the strategy's four categories as its Appendix 1 defines
 * them: "qualifying" is "in care after they were 16", so a young person
 * qualifying only through a special guardianship order made before 16 (CA89
 * s24(1A)) is not in it, though `leavers` lists them. */
static int leaver_row(const LeaverStatus *st)
{
    if (st->special_guardianship) return -1;
    switch (st->category) {
    case LEAVER_ELIGIBLE: return R_IN_CARE_16_17;
    case LEAVER_RELEVANT: return R_LEFT_16_17;
    case LEAVER_FORMER_RELEVANT:
    case LEAVER_QUALIFYING:
        if (st->age <= 17) return R_LEFT_16_17;
        if (st->age <= 21) return R_18_21;
        if (st->age <= 24 && st->full_time_education) return R_22_24_EDUCATION;
        return -1;
    case LEAVER_NONE: break;
    }
    return -1;
}

static void count_leaver(const Dataset *ds, const Child *c, Date at, LeaverRules rules, long *n)
{
    if (c->dob == DATE_NONE || date_age_on(c->dob, at) < 16) return; /* nobody is a leaver */
    LeaverStatus st = leaver_status(ds, c, at, rules);
    int row = leaver_row(&st);
    if (row < 0) return;
    n[row]++;
    n[R_CARE_LEAVERS] += row != R_IN_CARE_16_17;
    n[R_LEAVERS_DISABLED] += care_disabled_on(ds, c, at);
    n[R_LEAVERS_MINORITY] += care_ethnic_minority(c);
}

void profile_compute(const Dataset *ds, Date at, LeaverRules rules, ProfileRow *rows)
{
    long n[PROFILE_N_ROWS] = {0};
    for (int i = 0; i < ds->n_children; i++) {
        const Child *c = &ds->children[i];
        const Episode *e = care_full_time_episode_on(ds, c, at);
        if (e)
            count_full_time(ds, c, e, at, n);
        else if (care_looked_after_on(ds, c, at))
            count_short_breaks(c, at, n);
        count_leaver(ds, c, at, rules, n);
    }
    for (int r = 0; r < PROFILE_N_ROWS; r++)
        rows[r] = (ProfileRow){LABELS[r][0], LABELS[r][1], n[r]};
}

/* ---- Publishing: small-number suppression ----------------------------------
 *
 * The profile's rows are not independent: the legal statuses, the placements
 * and the age bands of table 2 each add up (with an unpublished remainder:
 * other statuses or placements, no date of birth) to "In care full time";
 * "Disabled" and the minority row are parts of it whose complement is not
 * published; and so on for short breaks and care leavers. Each such line is
 * protected as one list by disclosure (primary and secondary suppression with
 * its back-solving audit), its unpublished remainder included as a cell: a
 * small remainder could be worked out as the total less the published rows,
 * so it is protected like any count, and since it is never published, hiding
 * it costs nothing. Where rows partition a total (the care-leaver rows) the
 * remainder is a true zero, which the reader knows. A total that a list would
 * have to hide is derivable from other lists sharing it, so then every count
 * of every list sharing it is withheld. */

enum { MAX_LIST = 8 };

typedef struct PublishList {
    int total;           /* row index of the total, or -1 when it is not a row */
    int cells[MAX_LIST]; /* row indexes, -1 ends the list */
} PublishList;

/* The total of table 4 (every young person counted in it) is not a row but is
 * the sum of rows a reader has; TOTAL_LEAVERS_ALL stands for it. */
enum { TOTAL_LEAVERS_ALL = -2 };

static const PublishList PUBLISH_LISTS[] = {
    {R_FULL_TIME, {R_VOLUNTARY, R_CARE_ORDER, R_INTERIM, R_PLACEMENT_ORDER, -1}},
    {R_FULL_TIME, {R_FOSTER, R_RESIDENTIAL, R_WITH_PARENTS, R_SUPPORTED, -1}},
    {R_FULL_TIME,
     {R_FULL_AGES, R_FULL_AGES + 1, R_FULL_AGES + 2, R_FULL_AGES + 3, R_FULL_AGES + 4, -1}},
    {R_FULL_TIME, {R_FULL_DISABLED, -1}},
    {R_FULL_TIME, {R_FULL_MINORITY, -1}},
    {R_SHORT_BREAKS,
     {R_BREAKS_AGES, R_BREAKS_AGES + 1, R_BREAKS_AGES + 2, R_BREAKS_AGES + 3, R_BREAKS_AGES + 4,
      -1}},
    {R_SHORT_BREAKS, {R_BREAKS_MINORITY, -1}},
    {R_CARE_LEAVERS, {R_LEFT_16_17, R_18_21, R_22_24_EDUCATION, -1}},
    {TOTAL_LEAVERS_ALL, {R_CARE_LEAVERS, R_IN_CARE_16_17, -1}},
    {TOTAL_LEAVERS_ALL, {R_LEAVERS_DISABLED, -1}},
    {TOTAL_LEAVERS_ALL, {R_LEAVERS_MINORITY, -1}},
};
enum { N_PUBLISH_LISTS = sizeof PUBLISH_LISTS / sizeof PUBLISH_LISTS[0] };

static int list_length(const PublishList *l)
{
    int n = 0;
    while (n < MAX_LIST && l->cells[n] >= 0) n++;
    return n;
}

static long list_total(const PublishList *l, const ProfileRow *rows)
{
    if (l->total >= 0) return rows[l->total].count;
    return rows[R_CARE_LEAVERS].count + rows[R_IN_CARE_16_17].count;
}

/* Protects one list; marks its suppressed rows. Returns whether its total had
 * to be hidden, or a negative code when the rows do not add up. */
static int protect_list(const PublishList *l, const ProfileRow *rows, int threshold,
                        bool *suppressed, Err *err)
{
    int n = list_length(l);
    long total = list_total(l, rows), sum = 0;
    DiscTable t;
    disc_list_init(&t, n + 1); /* the last cell is the unpublished remainder */
    for (int i = 0; i < n; i++) {
        disc_set(&t, 0, i, rows[l->cells[i]].count);
        sum += rows[l->cells[i]].count;
    }
    disc_set(&t, 0, n, total - sum);
    disc_fill_totals(&t);
    int rc = disc_apply(&t, threshold, err);
    if (rc == 0) {
        for (int i = 0; i < n; i++) suppressed[l->cells[i]] |= disc_suppressed(&t, 0, i);
        rc = disc_suppressed(&t, 0, n + 1);
    }
    disc_table_free(&t);
    return rc;
}

/* Withholds every non-zero count of every list whose total is `total`. */
static void withhold_lists_of(int total, const ProfileRow *rows, bool *suppressed)
{
    for (int k = 0; k < N_PUBLISH_LISTS; k++) {
        const PublishList *l = &PUBLISH_LISTS[k];
        if (l->total != total) continue;
        if (total >= 0) suppressed[total] = rows[total].count != 0;
        for (int i = 0; i < list_length(l); i++)
            suppressed[l->cells[i]] |= rows[l->cells[i]].count != 0;
    }
}

/* The whole profile as one system (domain/disclosure_system.h): a count per
 * row, table 4's total as the sum of its two rows, and each list's unpublished
 * remainder (the total less the listed rows, which a reader can work out when
 * all of them are shown). The exact audit then withholds more until no withheld
 * count can be pinned down or shown to be small from all the lists together:
 * the lists share rows, and each one protected on its own does not protect
 * them together. */
static int protect_jointly(const ProfileRow *rows, Publication *pub, int key, bool *suppressed,
                           Err *err)
{
    DiscSystem *s = &pub->sys;
    int row[PROFILE_N_ROWS], rc = 0;
    for (int r = 0; r < PROFILE_N_ROWS; r++) {
        row[r] = publication_count(pub, rows[r].count);
        if (suppressed[r] && rows[r].count != 0) s->state[row[r]] = DISC_SECONDARY;
    }
    /* After the marks of the rows' own lists: a table's total above the
     * threshold that is a cohort of an earlier output of the publication (the
     * children in care on 31 March, a scorecard denominator) takes that
     * count's mark. */
    const int totals[] = {R_FULL_TIME, R_SHORT_BREAKS, R_CARE_LEAVERS};
    for (int k = 0; k < 3 && rc == 0 && key >= 0; k++)
        if (rows[totals[k]].count > pub->threshold)
            rc = publication_same_as(pub, row[totals[k]], key, err);
    int pair[2] = {row[R_CARE_LEAVERS], row[R_IN_CARE_16_17]};
    int all = publication_count(pub, list_total(&PUBLISH_LISTS[N_PUBLISH_LISTS - 1], rows));
    if (s->state[pair[0]] || s->state[pair[1]]) s->state[all] = DISC_SECONDARY;
    if (rc == 0) rc = publication_sum(pub, 2, pair, all, err);
    for (int k = 0; k < N_PUBLISH_LISTS && rc == 0; k++) {
        const PublishList *l = &PUBLISH_LISTS[k];
        int n = list_length(l), parts[MAX_LIST + 1], total = l->total >= 0 ? row[l->total] : all;
        long rest = s->value[total];
        bool rest_c = s->state[total] != DISC_SHOWN;
        for (int i = 0; i < n; i++) {
            parts[i] = row[l->cells[i]];
            rest -= rows[l->cells[i]].count;
            rest_c |= s->state[parts[i]] != DISC_SHOWN;
        }
        parts[n] = publication_count(pub, rest);
        if (rest_c && rest != 0) s->state[parts[n]] = DISC_SECONDARY;
        rc = publication_sum(pub, n + 1, parts, total, err);
    }
    if (rc == 0) rc = publication_layer(pub, err);
    for (int r = 0; r < PROFILE_N_ROWS && rc == 0; r++)
        suppressed[r] = publication_withheld(pub, row[r]);
    return rc;
}

/* Each list on its own, then the shares between lists (see above). */
static int protect_lists(const ProfileRow *rows, int threshold, bool *suppressed, Err *err)
{
    bool hide_total[N_PUBLISH_LISTS] = {false};
    for (int r = 0; r < PROFILE_N_ROWS; r++)
        suppressed[r] = rows[r].count >= 1 && rows[r].count <= threshold;
    for (int k = 0; k < N_PUBLISH_LISTS; k++) {
        int rc = protect_list(&PUBLISH_LISTS[k], rows, threshold, suppressed, err);
        if (rc < 0) return rc;
        hide_total[k] =
            rc > 0 || (PUBLISH_LISTS[k].total >= 0 && suppressed[PUBLISH_LISTS[k].total]);
    }
    for (int k = 0; k < N_PUBLISH_LISTS; k++)
        if (hide_total[k]) withhold_lists_of(PUBLISH_LISTS[k].total, rows, suppressed);
    /* A hidden care-leaver total hides table 4's total too, and the reverse. */
    if (suppressed[R_CARE_LEAVERS] || suppressed[R_IN_CARE_16_17]) {
        withhold_lists_of(R_CARE_LEAVERS, rows, suppressed);
        withhold_lists_of(TOTAL_LEAVERS_ALL, rows, suppressed);
    }
    return 0;
}

int profile_publish_layer(const ProfileRow *rows, Publication *pub, int key, bool *suppressed,
                          Err *err)
{
    int rc = protect_lists(rows, pub->threshold, suppressed, err);
    return rc < 0 ? rc : protect_jointly(rows, pub, key, suppressed, err);
}

int profile_publish(const ProfileRow *rows, int threshold, bool *suppressed, Err *err)
{
    Publication pub;
    publication_init(&pub, threshold);
    int rc = profile_publish_layer(rows, &pub, -1, suppressed, err);
    publication_free(&pub);
    return rc;
}
