/* Tests of the OC2 cohort rules (rules_cla12.c) and of the derived field
 * "looked after continuously for 12 months at 31 March", written from the DfE's
 * rule descriptions. Year 2027 = 2026/27: 1 April 2026 to 31 March 2027. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#define E(child, decom, rne, ls, place, dec, rec) \
    child "," decom "," rne "," ls ",N1," place ",PR1," dec "," rec ",,,,\n"
/* In care all year: started before 1 April 2026 and still open. */
#define IN_CARE(child) E(child, "01/01/2025", "S", "C2", "U1", "", "")
/* The children of EPS: 1 in the cohort; 2 started this year; 3 left this year;
 * 4 on short breaks; 5 in the cohort across a change of placement (X1); 6 left
 * on 31 March. */
#define EPS                                                                   \
    EPI IN_CARE("1") E("2", "01/06/2026", "S", "C2", "U1", "", "")            \
        E("3", "01/01/2025", "S", "C2", "U1", "01/10/2026", "E11")            \
            E("4", "01/01/2025", "S", "V3", "U1", "05/01/2025", "E13")        \
                E("4", "01/05/2026", "S", "V3", "U1", "05/05/2026", "E13")    \
                    E("5", "01/01/2025", "S", "C2", "U1", "01/06/2026", "X1") \
                        E("5", "01/06/2026", "P", "C2", "U2", "", "")         \
                            E("6", "01/01/2025", "S", "C2", "U1", "31/03/2027", "E11")
/* OC2: child, DOB, SDQ score, reason, then the 8 flags as one string */
#define O2(child, dob, score, reason, flags) child "," dob "," score "," reason "," flags "\n"
#define FULL                                 "0,,1,1,1,0,,"
#define NONE                                 ",,,,,,,"
#define O3(child, touch, activ, accom)       child ",01/01/2008," touch "," activ "," accom "\n"
#define AD(child, date_int)                  child ",01/01/2020," date_int ",,,,,\n"

static const VCase cases[] = {
    /* the cohort is 1 and 5: every other child with an SDQ score fails */
    {"185",
     0,
     {EPS, OC2 O2("1", "01/01/2014", "12", "", FULL) O2("2", "01/01/2014", "12", "", FULL)
               O2("3", "01/01/2014", "12", "", FULL) O2("4", "01/01/2014", "12", "", FULL)
                   O2("5", "01/01/2014", "12", "", FULL) O2("6", "01/01/2014", "12", "", FULL)
                       O2("7", "01/01/2014", "12", "", FULL)},
     {0},
     "Episodes:1 Episodes:2 Episodes:4 Episodes:7 OC2:1 OC2:2 OC2:3 OC2:5 OC2:6"},
    {"185",
     0,
     {EPS, OC2 O2("1", "01/01/2014", "12", "", FULL) O2("2", "01/01/2014", "", "", NONE)},
     {0},
     ""},
    {"185", 0, {OC2 O2("1", "01/01/2014", "12", "", FULL)}, {0}, "SKIP"},
    {"186",
     0,
     {EPS, OC2 O2("1", "01/01/2014", "", "", FULL) O2("5", "01/01/2014", "", "SDQ2", FULL)
               O2("2", "01/01/2014", "", "", NONE)},
     {0},
     "Episodes:0 Episodes:6(advised) OC2:0 OC2:1(advised)"},
    /* aged 3 on 1 April; aged 17 on 31 March: outside the ages */
    {"186",
     0,
     {EPS, OC2 O2("1", "01/05/2022", "", "", FULL) O2("5", "31/03/2010", "", "", FULL)},
     {0},
     ""},
    {"186",
     0,
     {EPS, OC2 O2("1", "01/04/2022", "", "", FULL) O2("5", "01/04/2010", "", "", FULL)},
     {0},
     "Episodes:0 Episodes:6 OC2:0 OC2:1"},
    {"187",
     0,
     {EPS, AD1 AD("1", "01/02/2026") AD("2", "01/02/2026"),
      OC3 O3("5", "YES", "F1", "B1") O3("3", "YES", "F1", "B1")},
     {0},
     "Episodes:0 Episodes:6 OC3:0 AD1:0"},
    {"187",
     0,
     {EPS, AD1 AD("2", "01/02/2026"), OC3 O3("3", "YES", "F1", "B1") O3("1", "", "", "")},
     {0},
     ""},
    {"190",
     0,
     {EPS, OC2 O2("1", "01/01/2014", "", "", FULL) O2("2", "01/01/2014", "", "", ",,,,,,,1")
               O2("3", "01/01/2014", "", "", NONE)},
     {0},
     "Episodes:1 OC2:1"},
    {"190", 0, {EPS, OC2 O2("5", "01/01/2014", "", "", FULL)}, {0}, ""},
    /* 1 has a blank teeth check; 5 (in the cohort) has no OC2 row */
    {"191",
     0,
     {EPS, OC2 O2("1", "01/01/2014", "", "", "0,,1,,1,0,,") O2("2", "01/01/2014", "", "", NONE)},
     {0},
     "Episodes:0 Episodes:5 OC2:0"},
    {"191",
     0,
     {EPS, OC2 O2("1", "01/01/2014", "", "", FULL) O2("5", "01/01/2014", "", "", FULL)},
     {0},
     ""},
    {"198",
     0,
     {EPS, OC2 O2("1", "01/01/2014", "", "SDQ1", FULL) O2("4", "01/01/2014", "", "SDQ1", NONE)},
     {0},
     "Episodes:4 OC2:1"},
    {"198", 0, {EPS, OC2 O2("1", "01/01/2014", "", "SDQ1", FULL)}, {0}, ""},
    /* 10 on 31 March 2027 (born 31/03/2017) without conviction information fails */
    {"543",
     0,
     {EPS, OC2 O2("1", "31/03/2017", "", "", ",,1,1,1,0,,")
               O2("5", "01/04/2017", "", "", ",,1,1,1,0,,") O2("2", "01/01/2010", "", "", NONE)},
     {0},
     "Episodes:0 OC2:0"},
    {"543", 0, {EPS, OC2 O2("1", "01/01/2010", "", "", FULL)}, {0}, ""},
    {"545",
     0,
     {EPS, OC2 O2("1", "01/04/2022", "", "", ",,1,1,1,0,,")
               O2("5", "31/03/2022", "", "", ",,1,1,1,0,,") O2("2", "01/04/2023", "", "", NONE)},
     {0},
     "OC2:0"},
    {"545", 0, {EPS, OC2 O2("1", "01/04/2022", "", "", ",1,1,1,1,0,,")}, {0}, ""},
    {"545", 0, {OC2 O2("1", "01/04/2022", "", "", ",,1,1,1,0,,")}, {0}, "SKIP"},
    {"546",
     0,
     {EPS,
      OC2 O2("1", "31/03/2022", "", "", ",1,1,1,1,0,,")
          O2("5", "01/04/2022", "", "", ",1,1,1,1,0,,") O2("2", "01/01/2010", "", "", ",1,,,,,,")},
     {0},
     "Episodes:0 OC2:0"},
    {"546", 0, {EPS, OC2 O2("1", "01/01/2014", "", "", FULL)}, {0}, ""},
    {"157",
     0,
     {EPS, OC2 O2("1", "01/01/2014", "", "SDQ1", FULL) O2("5", "01/01/2010", "", "SDQ1", FULL)
               O2("2", "01/01/2014", "", "SDQ1", NONE)},
     {0},
     "Episodes:0 OC2:0"},
    {"157", 0, {EPS, OC2 O2("1", "01/05/2022", "", "SDQ1", FULL)}, {0}, ""},
    {"197B",
     0,
     {EPS, OC2 O2("1", "01/04/2022", "", "", FULL) O2("5", "01/01/2014", "", "", FULL)},
     {0},
     "Episodes:0 OC2:0"},
    {"197B",
     0,
     {EPS, OC2 O2("1", "01/04/2022", "", "SDQ1", FULL) O2("5", "31/03/2010", "12", "", FULL)},
     {0},
     ""},
};

static void test_cla12_rules(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    assert_int_equal(vharness_run(cases, n, vrules_cla12, vrules_cla12_n), 0);
}

/* The derived flag itself, at its edges. */
static void test_cla12_flag(void **state)
{
    (void)state;
    static const char *const texts[] = {
        EPI E("a", "01/01/2025", "S", "C2", "U1", "31/03/2027", "E11") /* left on 31 March */
        E("b", "01/04/2026", "S", "C2", "U1", "", "")                  /* from 1 April */
        E("c", "31/04/2026", "S", "C2", "U1", "", "")                  /* invalid start */
        E("d", "01/01/2025", "S", "V4", "U1", "", "")                  /* short breaks */
        E("e", "01/01/2025", "S", "C2", "U1", "01/03/2026", "E13")     /* left last year */
        E("f", "01/01/2025", "S", "C2", "U1", "01/06/2026", "X1")      /* changes within care */
        E("f", "01/06/2026", "L", "C1", "U1", "", ""),
        NULL};
    VReturn r;
    vreturn_init(&r, 2027);
    vharness_load(&r, texts, false);
    vreturn_prepare(&r);
    unsigned char *flags = vreturn_derive_cla12(&r);
    const VTable *e = &r.cur[T903_EPISODES];
    static const struct {
        const char *child;
        int in;
    } want[] = {{"a", 0}, {"b", 1}, {"c", 0}, {"d", 0}, {"e", 0}, {"f", 1}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int g = vt_group(e, want[i].child);
        assert_true(g >= 0);
        assert_int_equal(flags[g], want[i].in);
    }
    free(flags);
    vreturn_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_cla12_rules),
                                       cmocka_unit_test(test_cla12_flag)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
