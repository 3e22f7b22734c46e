/* Unit tests for domain/profile: every one of the 30 rows, labels and counts,
 * on a small hand-built authority on 31/03/2010 (the strategy's date). Each
 * child below says which rows it should land in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/profile.h"
#include "test_fixture.h"

#include <string.h>

#define AT D(2010, 3, 31)

static Child *child(Dataset *ds, const char *id, Date dob, const char *ethnic)
{
    return dataset_add_child(ds, id, "F", dob, ethnic);
}

static void ep(Dataset *ds, Date decom, Date dec, const char *ls, const char *place,
               const char *cin, const char *rec)
{
    fixture_episode(ds,
                    (FixtureEpisode){decom, dec, .ls = ls, .cin = cin, .place = place, .rec = rec});
}

static void oc3(Dataset *ds, int year, const char *activ)
{
    fixture_oc3(ds, year, NULL, activ, NULL);
}

/* Children in care full time on 31/03/2010. */
static void add_full_time(Dataset *ds)
{
    child(ds, "c01", D(2006, 6, 1), "WBRI"); /* aged 3: V2, foster */
    ep(ds, D(2009, 1, 1), DATE_NONE, "V2", "U4", "N1", "");
    child(ds, "c02", D(2002, 1, 1), "WIRI"); /* 8: C2, foster, disabled, minority */
    ep(ds, D(2008, 1, 1), DATE_NONE, "C2", "U1", "N2", "");
    child(ds, "c03", D(1999, 2, 1), "WBRI"); /* 11: C1, residential */
    ep(ds, D(2010, 1, 1), DATE_NONE, "C1", "K2", "N1", "");
    child(ds, "c04", D(1996, 1, 1), "REFU"); /* 14: E1, placed for adoption */
    ep(ds, D(2009, 1, 1), DATE_NONE, "E1", "A5", "N1", "");
    child(ds, "c05", D(1995, 1, 1), "WBRI"); /* 15: C2, placed with parents */
    ep(ds, D(2009, 1, 1), DATE_NONE, "C2", "P1", "N1", "");
    /* 16: V2, H5 (supported, earlier years' code), disabled, minority; eligible. */
    child(ds, "c06", D(1993, 6, 1), "BAFR");
    ep(ds, D(2008, 1, 1), DATE_NONE, "V2", "H5", "N2", "");
    /* 17: C2, K3; 1 Dec 2009 to 31 Mar 2010 is 121 days: eligible. */
    child(ds, "c07", D(1992, 9, 1), "WBRI");
    ep(ds, D(2009, 12, 1), DATE_NONE, "C2", "K3", "N1", "");
    /* 17: L2 (no legal-status row), residential; 59 days: not eligible;
     * disabled by the council's own list although CIN is N1. */
    Child *c = child(ds, "c08", D(1993, 1, 15), "WBRI");
    c->disability = DISABILITY_OVERRIDE_YES;
    ep(ds, D(2010, 2, 1), DATE_NONE, "L2", "R1", "N1", "");
    child(ds, "c09", DATE_NONE, ""); /* no DOB: in no age row; C2, foster */
    ep(ds, D(2009, 1, 1), DATE_NONE, "C2", "U6", "N1", "");
    /* 10: a short break overlapping a full-time episode counts as full time. */
    child(ds, "c10", D(2000, 1, 1), "WBRI");
    ep(ds, D(2010, 3, 1), D(2010, 4, 1), "V3", "U4", "N1", "E8");
    ep(ds, D(2010, 3, 15), DATE_NONE, "C2", "U4", "N1", "");
}

/* Care leavers and others not in care on 31/03/2010. */
static void add_leavers(Dataset *ds)
{
    /* 17, left aged 16 eligible: relevant; disabled from the last episode. */
    child(ds, "l01", D(1993, 1, 1), "WBRI");
    ep(ds, D(2008, 1, 1), D(2009, 12, 1), "C2", "U4", "N2", "E8");
    /* 16, 44 days after 16th birthday: qualifying. */
    child(ds, "l02", D(1993, 10, 1), "WBRI");
    ep(ds, D(2009, 11, 1), D(2009, 12, 15), "V2", "U4", "N1", "E8");
    /* 19, left at 18 (DEC = 18th birthday): former relevant; minority. */
    child(ds, "l03", D(1991, 1, 1), "AIND");
    ep(ds, D(2007, 1, 1), D(2009, 1, 1), "C2", "U4", "N1", "E5");
    /* 21, former relevant, part-time higher education: stays, aged 18 to 21. */
    child(ds, "l04", D(1989, 1, 1), "WBRI");
    ep(ds, D(2005, 6, 1), D(2007, 1, 1), "C2", "U4", "N1", "E5");
    oc3(ds, 2010, "P1");
    /* 22, former relevant, full-time higher education; disabled. */
    child(ds, "l05", D(1988, 1, 1), "WBRI");
    ep(ds, D(2004, 6, 1), D(2006, 1, 1), "C2", "U4", "N2", "E5");
    oc3(ds, 2010, "F1");
    /* 23, former relevant, part-time education: a care leaver, but in no row. */
    child(ds, "l06", D(1987, 1, 1), "WBRI");
    ep(ds, D(2003, 6, 1), D(2005, 1, 1), "C2", "U4", "N1", "E5");
    oc3(ds, 2009, "P2");
    /* 24, full-time education: counted under current rules, not 2010 ones. */
    child(ds, "l07", D(1986, 1, 1), "WBRI");
    ep(ds, D(2002, 6, 1), D(2004, 1, 1), "C2", "U4", "N1", "E5");
    oc3(ds, 2010, "F2");
    /* 19, care taken over by another authority at 17: none. */
    child(ds, "l08", D(1990, 6, 1), "WBRI");
    ep(ds, D(2006, 1, 1), D(2008, 1, 1), "C2", "U4", "N1", "E3");
    /* 18, 61 days aged 17: qualifying. */
    child(ds, "l09", D(1991, 6, 1), "WBRI");
    ep(ds, D(2009, 3, 1), D(2009, 5, 1), "V2", "U4", "N1", "E8");
    /* 24, former relevant, no OC3: none. */
    child(ds, "l10", D(1985, 6, 1), "WBRI");
    ep(ds, D(2001, 6, 1), D(2003, 6, 1), "C2", "U4", "N1", "E5");
}

/* Children in care through short breaks on 31/03/2010. */
static void add_short_breaks(Dataset *ds)
{
    child(ds, "s1", D(2007, 1, 1), "WBRI"); /* 3 */
    ep(ds, D(2010, 3, 30), D(2010, 4, 2), "V3", "U4", "N2", "E8");
    child(ds, "s2", D(2003, 1, 1), "MWBC"); /* 7, minority */
    ep(ds, D(2009, 4, 1), DATE_NONE, "V4", "U4", "N2", "");
    child(ds, "s3", D(1998, 6, 1), "WBRI"); /* 11 */
    ep(ds, D(2010, 3, 31), D(2010, 4, 1), "V3", "U4", "N2", "E8");
    child(ds, "s4", D(1996, 6, 1), "WBRI"); /* 13 */
    ep(ds, D(2010, 3, 28), D(2010, 4, 3), "V3", "U4", "N2", "E8");
    child(ds, "s5", D(1993, 3, 31), "WBRI"); /* 17 today; short breaks are never a leaver */
    ep(ds, D(2007, 1, 1), DATE_NONE, "V4", "U4", "N2", "");
    child(ds, "s6", D(2001, 1, 1), "WBRI"); /* break ended today (DEC exclusive): nowhere */
    ep(ds, D(2010, 3, 28), D(2010, 3, 31), "V3", "U4", "N2", "E8");
    child(ds, "x1", D(2001, 1, 1), "WBRI"); /* first looked after tomorrow: nowhere */
    ep(ds, D(2010, 4, 1), DATE_NONE, "C2", "U4", "N1", "");
}

static void build(Dataset *ds)
{
    add_full_time(ds);
    add_leavers(ds);
    add_short_breaks(ds);
}

typedef struct Want {
    const char *table, *row;
    long count;
} Want;

#define T1 "All children and young people"
#define T2 "Children and young people in care full time"
#define T3 "Children and young people in care through short breaks"
#define T4 "Young people who are eligible for a service as care leavers"

static const Want WANT_CURRENT[PROFILE_N_ROWS] = {
    {T1, "In care full time", 10},                                   /* c01-c10 */
    {T1, "In care through short breaks", 5},                         /* s1-s5 */
    {T1, "Care leavers (excluding those who are still in care)", 7}, /* 2 + 3 + 2 below */
    {T2, "Voluntary accommodation", 2},                              /* c01, c06 */
    {T2, "Subject to a Care Order", 5},                              /* c02, c05, c07, c09, c10 */
    {T2, "Subject to an Interim Care Order", 1},                     /* c03 */
    {T2, "Subject to a Placement Order (for adoption)", 1},          /* c04 */
    {T2, "Living in foster placements", 4},                          /* c01, c02, c09, c10 */
    {T2, "Living in residential placements", 2},                     /* c03, c08 */
    {T2, "Placed with parents (and subject to a Care Order)", 1},    /* c05 */
    {T2, "Living in supported independent accommodation", 2},        /* c06 H5, c07 K3 */
    {T2, "Aged under 5", 1},                                         /* c01 */
    {T2, "Aged 5 to 9", 1},                                          /* c02 */
    {T2, "Aged 10 to 12", 2},                                        /* c03, c10 */
    {T2, "Aged 13 to 15", 2},                                        /* c04, c05 */
    {T2, "Aged 16 to 17", 3},                                        /* c06, c07, c08 */
    {T2, "Disabled", 3},                                             /* c02, c06, c08 */
    {T2, "Ethnic or cultural minority background (ie not White British)", 2}, /* c02, c06 */
    {T3, "Aged under 5", 1},                                                  /* s1 */
    {T3, "Aged 5 to 9", 1},                                                   /* s2 */
    {T3, "Aged 10 to 12", 1},                                                 /* s3 */
    {T3, "Aged 13 to 15", 1},                                                 /* s4 */
    {T3, "Aged 16 to 17", 1},                                                 /* s5 */
    {T3, "Ethnic or cultural minority background", 1},                        /* s2 */
    {T4, "Aged 16 to 17 and no longer in care", 2},                           /* l01, l02 */
    {T4, "Aged 16 to 17 and still in care", 2},                               /* c06, c07 */
    {T4, "Aged 18 to 21", 3},                                                 /* l03, l04, l09 */
    {T4, "Aged 22 to 24 and in full time education", 2},                      /* l05, l07 */
    {T4, "Disabled", 3},                                                      /* c06, l01, l05 */
    {T4, "Ethnic or cultural minority background", 2},                        /* c06, l03 */
};

static void check(const ProfileRow *rows, const Want *want)
{
    for (int i = 0; i < PROFILE_N_ROWS; i++) {
        assert_string_equal(rows[i].table, want[i].table);
        assert_string_equal(rows[i].row, want[i].row);
        if (rows[i].count != want[i].count)
            fail_msg("row %d \"%s\": got %ld, want %ld", i, rows[i].row, rows[i].count,
                     want[i].count);
    }
}

static void test_every_row_current_rules(void **state)
{
    (void)state;
    Dataset ds = {0};
    build(&ds);
    ProfileRow rows[PROFILE_N_ROWS];
    profile_compute(&ds, AT, LEAVER_RULES_CURRENT, rows);
    check(rows, WANT_CURRENT);
    dataset_free(&ds);
}

static void test_every_row_2010_rules(void **state)
{
    (void)state;
    Dataset ds = {0};
    build(&ds);
    /* Under the 2010 rules support ends at 24: l07 (24, full-time education)
     * drops out of the 22-24 row and so out of the care leavers total. */
    Want want[PROFILE_N_ROWS];
    memcpy(want, WANT_CURRENT, sizeof want);
    want[2].count = 6;
    want[27].count = 1;
    ProfileRow rows[PROFILE_N_ROWS];
    profile_compute(&ds, AT, LEAVER_RULES_2010, rows);
    check(rows, want);
    dataset_free(&ds);
}

static void test_care_leavers_total_is_rows_1_3_4(void **state)
{
    (void)state;
    Dataset ds = {0};
    build(&ds);
    ProfileRow rows[PROFILE_N_ROWS];
    /* A year later everyone has aged: the partition must still hold. */
    Date dates[] = {AT, D(2011, 3, 31), D(2012, 3, 31), D(2013, 6, 30)};
    for (int i = 0; i < 4; i++) {
        profile_compute(&ds, dates[i], LEAVER_RULES_CURRENT, rows);
        assert_int_equal(rows[2].count, rows[24].count + rows[26].count + rows[27].count);
        long ages = 0;
        for (int r = 11; r <= 15; r++) ages += rows[r].count;
        assert_true(ages <= rows[0].count);
    }
    dataset_free(&ds);
}

static void test_empty_dataset(void **state)
{
    (void)state;
    Dataset ds = {0};
    ProfileRow rows[PROFILE_N_ROWS];
    profile_compute(&ds, AT, LEAVER_RULES_CURRENT, rows);
    Want zero[PROFILE_N_ROWS];
    memcpy(zero, WANT_CURRENT, sizeof zero);
    for (int i = 0; i < PROFILE_N_ROWS; i++) zero[i].count = 0;
    check(rows, zero);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_row_current_rules),
        cmocka_unit_test(test_every_row_2010_rules),
        cmocka_unit_test(test_care_leavers_total_is_rows_1_3_4),
        cmocka_unit_test(test_empty_dataset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
