/* Unit tests of synth_era: every code synth writes for a year is valid in that
 * year's lists (data/903-codes.csv), and reads back, through codes_current, as
 * the same kind of placement, legal status, ending and activity the generator
 * drew with today's codes. */
#include "domain/codes.h"
#include "synth/synth_era.h"
#include "synth/synth_model.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

static CodeLists *lists;

static int setup(void **state)
{
    (void)state;
    Err err;
    return codes_load_default(&lists, &err);
}

static int teardown(void **state)
{
    (void)state;
    codes_free(lists);
    return 0;
}

/* A made-up postcode outside the council's area. */
static uint32_t outside_postcode(void)
{
    uint32_t code = 1;
    while (synth_postcode_is_local(code)) code += 4000u;
    return code;
}

static void test_places_valid_and_read_back(void **state)
{
    (void)state;
    uint32_t posts[2] = {1, outside_postcode()};
    assert_true(synth_postcode_is_local(posts[0]));
    assert_false(synth_postcode_is_local(posts[1]));
    for (int year = 2001; year <= 2027; year++)
        for (int place = SC_PL_A3; place <= SC_PL_U6; place++) {
            /* H5 and K3 are kept to their years by the generator's dates. */
            if (place == SC_PL_H5 || place == SC_PL_K3) continue;
            for (int pr = SC_PR_PR0; pr <= SC_PR_PR5; pr++)
                for (int i = 0; i < 2; i++) {
                    const char *code = synth_era_place(place, pr, posts[i], year);
                    if (!codes_valid(lists, "PLACE", code, year)) fail_msg("%s in %d", code, year);
                    const char *now = codes_current("PLACE", code);
                    const char *drawn = synth_code(place);
                    /* Same kind: foster (U), children's home (K), adoption (A)... */
                    assert_int_equal(now[0], drawn[0]);
                    if (drawn[0] == 'K') assert_string_equal(now, drawn);
                    /* Relatives and friends (U1-U3) stay relatives and friends. */
                    if (drawn[0] == 'U')
                        assert_int_equal(strchr("123", now[1]) != NULL,
                                         strchr("123", drawn[1]) != NULL);
                }
        }
}

static void test_foster_codes_by_era(void **state)
{
    (void)state;
    uint32_t out = outside_postcode();
    assert_string_equal(synth_era_place(SC_PL_U4, SC_PR_PR1, 1, 2005), "F2");
    assert_string_equal(synth_era_place(SC_PL_U6, SC_PR_PR4, out, 2005), "F6");
    assert_string_equal(synth_era_place(SC_PL_U1, SC_PR_PR1, out, 2009), "F4");
    assert_string_equal(synth_era_place(SC_PL_U2, SC_PR_PR1, 1, 2010), "Q1");
    assert_string_equal(synth_era_place(SC_PL_U5, SC_PR_PR1, 1, 2014), "Q2");
    assert_string_equal(synth_era_place(SC_PL_U5, SC_PR_PR1, 1, 2015), "U5");
    assert_string_equal(synth_era_place(SC_PL_K1, SC_PR_PR1, out, 2009), "H2");
    assert_string_equal(synth_era_place(SC_PL_K2, SC_PR_PR4, 1, 2010), "K2");
    assert_string_equal(synth_era_place(SC_PL_A5, SC_PR_PR1, 1, 2005), "A2");
    assert_string_equal(synth_era_place(SC_PL_A6, SC_PR_PR1, 1, 2006), "A6");
    /* Long-term fostering is recorded only by returns from 2014/15. */
    assert_false(synth_era_records_long_term(date_from_ymd(2014, 3, 31), 2026));
    assert_true(synth_era_records_long_term(date_from_ymd(2014, 4, 1), 2026));
    assert_false(synth_era_records_long_term(DATE_NONE, 2010));
    assert_true(synth_era_records_long_term(DATE_NONE, 2026));
}

static void test_other_fields_valid_and_read_back(void **state)
{
    (void)state;
    for (int year = 2001; year <= 2027; year++) {
        for (int ls = SC_LS_V2; ls <= SC_LS_L3; ls++) {
            const char *code = synth_era_ls(ls, year);
            if (!codes_valid(lists, "LS", code, year)) fail_msg("LS %s in %d", code, year);
        }
        for (int rec = SC_REC_E11; rec <= SC_REC_X1; rec++) {
            const char *code = synth_era_rec(rec, year);
            /* E14-E17 and E13 are open-ended in the lists (their first years
             * are not known), so every ending is written as it is drawn. */
            if (!codes_valid(lists, "REC", code, year)) fail_msg("REC %s in %d", code, year);
            const char *now = codes_current("REC", code);
            if ((rec == SC_REC_E4A || rec == SC_REC_E4B) && year < 2016)
                assert_string_equal(now, "E4A"); /* E4, returned home */
            else if (rec < SC_REC_E45 || rec > SC_REC_E48 || year >= 2016)
                assert_string_equal(now, synth_code(rec));
        }
        for (int rpc = SC_RPC_CARPL; rpc <= SC_RPC_OTHER; rpc++) {
            const char *code = synth_era_rpc(rpc, year);
            assert_true(!*code || codes_valid(lists, "REASON_PLACE_CHANGE", code, year));
            assert_int_equal(*code != '\0', year >= 2016);
        }
        for (int a = SYNTH_AC_0; a < SYNTH_N_ACTIV; a++) {
            const char *code = synth_era_activ(a, year);
            if (!codes_valid(lists, "ACTIV", code, year)) fail_msg("ACTIV %s in %d", code, year);
            /* Education stays education; an apprenticeship before the
             * apprenticeship codes is read as training or employment. */
            const char *now = codes_current("ACTIV", code);
            const char *drawn = synth_activ_codes[a];
            if (a == SYNTH_AC_F4 && year < 2016)
                assert_string_equal(now, "F5");
            else if (a == SYNTH_AC_P4 && year < 2016)
                assert_string_equal(now, "P5");
            else
                assert_string_equal(now, drawn);
        }
    }
    assert_string_equal(synth_era_ls(SC_LS_E1, 2005), "D1");
    assert_string_equal(synth_era_ls(SC_LS_E1, 2006), "E1");
    assert_string_equal(synth_era_rec(SC_REC_E47, 2015), "E44");
    assert_string_equal(synth_era_rec(SC_REC_E47, 2016), "E47");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_places_valid_and_read_back),
        cmocka_unit_test(test_foster_codes_by_era),
        cmocka_unit_test(test_other_fields_valid_and_read_back),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
