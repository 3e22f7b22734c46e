/* Tests of the Missing and DoLo rules (rules_missing.c), written from the DfE's
 * rule descriptions. Year 2027 = 2026/27: 1 April 2026 to 31 March 2027. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_validate_harness.h"
#include "validate/vfamilies.h"

#define M(child, missing, start, end) child ",01/01/2010," missing "," start "," end "\n"
#define D(child, start, end)          child ",01/01/2010," start "," end "\n"
#define OKM                           M("1", "M", "01/05/2026", "02/05/2026")
#define OKD                           D("1", "01/05/2026", "02/05/2026")
#define ENDED                         EPI "1,01/04/2026,S,C2,N1,U1,PR1,01/06/2026,E11,,,,\n"

static const VCase cases[] = {
    {"564", 0, {MIS M("1", "M", "", "") M("2", "A", "01/05/2026", "")}, {0}, "Missing:0"},
    {"564", 0, {MIS OKM}, {0}, ""},
    {"565", 0, {MIS M("1", "", "01/05/2026", "") OKM}, {0}, "Missing:0"},
    {"565", 0, {MIS OKM}, {0}, ""},
    {"566", 0, {MIS M("1", "", "", "01/05/2026") OKM}, {0}, "Missing:0"},
    {"566", 0, {MIS OKM}, {0}, ""},
    {"567",
     0,
     {MIS M("1", "M", "02/05/2026", "01/05/2026") M("2", "M", "02/05/2026", "02/05/2026")},
     {0},
     "Missing:0"},
    {"567", 0, {MIS OKM}, {0}, ""},
    {"570", 0, {MIS M("1", "M", "01/04/2027", "") M("2", "M", "31/03/2027", "")}, {0}, "Missing:0"},
    {"570", 0, {MIS OKM}, {0}, ""},
    {"571",
     0,
     {MIS M("1", "M", "01/03/2026", "31/03/2026") M("2", "M", "01/03/2027", "01/04/2027")
          M("3", "M", "01/03/2026", "01/04/2026")},
     {0},
     "Missing:0 Missing:1"},
    {"571", 0, {MIS OKM}, {0}, ""},
    {"574",
     0,
     {MIS M("1", "M", "01/05/2026", "") M("1", "M", "03/05/2026", "04/05/2026")
          M("2", "M", "01/05/2026", "05/05/2026") M("2", "M", "03/05/2026", "04/05/2026")
              M("3", "M", "01/05/2026", "03/05/2026") M("3", "M", "03/05/2026", "04/05/2026")},
     {0},
     "Missing:1 Missing:3"},
    {"574", 0, {MIS OKM}, {0}, ""},
    {"577", 0, {ENDED, MIS M("1", "M", "01/05/2026", "")}, {0}, "Missing:0"},
    {"577", 0, {ENDED, MIS OKM}, {0}, ""},
    {"577", 0, {MIS OKM}, {0}, "SKIP"},
    {"586", 0, {MIS M("1", "M", "31/12/2009", "") OKM}, {0}, "Missing:0"},
    {"586", 0, {MIS OKM}, {0}, ""},
    {"1004", 0, {MIS M("1", "M", "2026-05-01", "") M("2", "M", "", "")}, {0}, "Missing:0"},
    {"1004", 0, {MIS OKM}, {0}, ""},
    {"1005",
     0,
     {MIS M("1", "M", "01/05/2026", "32/05/2026") M("2", "M", "01/05/2026", "")},
     {0},
     "Missing:0"},
    {"1005", 0, {MIS OKM}, {0}, ""},
    {"1006",
     0,
     {MIS M("1", "X", "01/05/2026", "") M("2", "a", "01/05/2026", "") M("3", "", "", "")},
     {0},
     "Missing:0"},
    {"1006", 0, {MIS OKM}, {0}, ""},
    {"700", 0, {DOLO D("1", "", "") D("2", "1/5/2026", "") OKD}, {0}, "DoLo:0 DoLo:1"},
    {"700", 0, {DOLO OKD}, {0}, ""},
    {"700", 2026, {DOLO OKD}, {0}, "(rule not in force)"},
    {"701", 0, {DOLO D("1", "01/05/2026", "xx") D("2", "01/05/2026", "")}, {0}, "DoLo:0"},
    {"701", 0, {DOLO OKD}, {0}, ""},
    {"702", 0, {DOLO D("1", "02/05/2026", "01/05/2026") OKD}, {0}, "DoLo:0"},
    {"702", 0, {DOLO OKD}, {0}, ""},
    {"703", 0, {DOLO D("1", "01/04/2027", "") OKD}, {0}, "DoLo:0"},
    {"703", 0, {DOLO OKD}, {0}, ""},
    {"704",
     0,
     {DOLO D("1", "01/01/2026", "31/03/2026") D("2", "01/05/2026", "01/04/2027")},
     {0},
     "DoLo:0 DoLo:1"},
    {"704", 0, {DOLO OKD}, {0}, ""},
    {"705", 0, {DOLO D("1", "01/05/2026", "") D("1", "01/06/2026", "")}, {0}, "DoLo:1"},
    {"705", 0, {DOLO D("1", "01/05/2026", "01/06/2026") D("1", "01/06/2026", "")}, {0}, ""},
    {"707", 0, {ENDED, DOLO D("1", "01/05/2026", "")}, {0}, "DoLo:0"},
    {"707", 0, {ENDED, DOLO OKD}, {0}, ""},
    {"708", 0, {DOLO D("1", "31/12/2009", "") OKD}, {0}, "DoLo:0"},
    {"708", 0, {DOLO OKD}, {0}, ""},
};

static void test_missing_rules(void **state)
{
    (void)state;
    int n = (int)(sizeof cases / sizeof cases[0]);
    assert_int_equal(vharness_run(cases, n, vrules_missing, vrules_missing_n), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_missing_rules)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
