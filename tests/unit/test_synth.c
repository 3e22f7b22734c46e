/* Unit tests of the synthetic data generator's pure parts: the random stream,
 * the postcode and UPN formats, the shape of generated care histories, and
 * the dorset-2010 cohort counted in memory (the end-to-end demo test,
 * tests/cli/demo_profile.sh, goes through import and profile). */
#include "synth/synth_dorset.h"
#include "synth/synth_history.h"
#include "synth/synth_model.h"
#include "synth/synth_rng.h"

#include "base/mem.h"

#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static void test_rng_is_deterministic(void **state)
{
    (void)state;
    SynthRng a, b, c;
    synth_rng_seed(&a, 2010);
    synth_rng_seed(&b, 2010);
    synth_rng_seed(&c, 2011);
    int same_as_other = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = synth_rng_next(&a);
        assert_true(x == synth_rng_next(&b));
        same_as_other += x == synth_rng_next(&c);
    }
    assert_int_equal(same_as_other, 0);
    assert_true(synth_mix(1, 2) != synth_mix(2, 1));
}

static void test_rng_ranges(void **state)
{
    (void)state;
    SynthRng r;
    synth_rng_seed(&r, 0);
    bool seen_lo = false, seen_hi = false;
    for (int i = 0; i < 20000; i++) {
        int x = synth_rng_range(&r, -3, 3);
        assert_true(x >= -3 && x <= 3);
        seen_lo |= x == -3;
        seen_hi |= x == 3;
        assert_true(synth_rng_below(&r, 7) < 7);
        int l = synth_rng_log_range(&r, 3, 3650);
        assert_true(l >= 3 && l <= 3650);
        double u = synth_rng_unit(&r);
        assert_true(u >= 0.0 && u < 1.0);
    }
    assert_true(seen_lo && seen_hi);
    assert_int_equal(synth_rng_range(&r, 5, 5), 5);
    static const int w[] = {0, 1, 0};
    for (int i = 0; i < 100; i++) assert_int_equal(synth_rng_weighted(&r, w, 3), 1);
    int items[50], seen[50] = {0};
    for (int i = 0; i < 50; i++) items[i] = i;
    synth_rng_shuffle(&r, items, 50);
    for (int i = 0; i < 50; i++) seen[items[i]]++;
    for (int i = 0; i < 50; i++) assert_int_equal(seen[i], 1);
}

static void test_postcode_and_upn(void **state)
{
    (void)state;
    SynthRng r;
    synth_rng_seed(&r, 7);
    char buf[16];
    assert_string_equal(synth_postcode_format(0, buf), "");
    for (int i = 0; i < 500; i++) {
        synth_postcode_format(synth_postcode_random(&r, i % 2 == 0), buf);
        /* Outward code, a space, a digit and two letters. */
        const char *sp = strchr(buf, ' ');
        assert_non_null(sp);
        assert_true(sp - buf >= 3 && sp - buf <= 4);
        assert_int_equal(strlen(sp + 1), 3);
        assert_true(isdigit((unsigned char)sp[1]) && isupper((unsigned char)sp[2]) &&
                    isupper((unsigned char)sp[3]));
        assert_true(isupper((unsigned char)buf[0]));
    }
    /* The check letter: characters 2-13 weighted 2..13, sum mod 23. */
    synth_upn_format(835400010001ULL, buf);
    assert_int_equal(strlen(buf), 13);
    assert_string_equal(buf + 1, "835400010001");
    int sum = 0;
    for (int i = 1; i < 13; i++) sum += (buf[i] - '0') * (i + 1);
    assert_int_equal(buf[0], "ABCDEFGHJKLMNPQRTUVWXYZ"[sum % 23]);
}

static void world_init(SynthWorld *w, int n, int from, int to, uint64_t seed)
{
    memset(w, 0, sizeof *w);
    w->from_year = from;
    w->to_year = to;
    w->w0 = date_collection_year_start(from);
    w->w1 = date_collection_year_end(to);
    w->seed = seed;
    w->n_children = n;
    w->n_social_workers = 20;
    w->children = xcalloc((size_t)n, sizeof *w->children);
    for (int i = 0; i < n; i++) w->children[i].number = (uint32_t)i + 1;
}

static void world_free(SynthWorld *w)
{
    free(w->children);
    free(w->eps);
    free(w->oc3);
}

/* Episodes chain: X1 is followed by an episode starting that day with a new
 * episode reason other than S; any other ending by a gap and RNE S. */
static void check_episode_chains(const SynthWorld *w)
{
    for (int i = 0; i < w->n_children; i++) {
        const SynthChild *c = &w->children[i];
        const SynthEpisode *e = synth_child_eps(w, c);
        assert_true(c->n_ep > 0 || c->n_oc3 == 0);
        for (int k = 0; k < c->n_ep; k++) {
            assert_true(e[k].decom < e[k].dec);
            assert_true(e[k].decom >= c->dob);
            if (k == 0) assert_int_equal(e[k].rne, SC_RNE_S);
            if (k + 1 == c->n_ep) {
                assert_true(e[k].rec != SC_REC_X1);
                continue;
            }
            if (e[k].rec == SC_REC_X1) {
                assert_int_equal(e[k + 1].decom, e[k].dec);
                assert_true(e[k + 1].rne != SC_RNE_S);
                bool moved = e[k + 1].rne != SC_RNE_L;
                assert_true(moved == (e[k].rpc != SC_NONE));
                if (e[k + 1].rne == SC_RNE_L) assert_int_equal(e[k + 1].place, e[k].place);
                if (e[k + 1].rne == SC_RNE_P) assert_int_equal(e[k + 1].ls, e[k].ls);
            } else {
                assert_true(e[k + 1].decom > e[k].dec);
                assert_int_equal(e[k + 1].rne, SC_RNE_S);
            }
            /* Left care by the 18th birthday. */
            assert_true(e[k].dec <= date_birthday(c->dob, 18));
        }
    }
}

static void test_random_histories(void **state)
{
    (void)state;
    SynthWorld w;
    world_init(&w, 3000, 2017, 2026, 99);
    for (int i = 0; i < w.n_children; i++) {
        SynthGen g;
        synth_gen_begin(&g, &w, &w.children[i], synth_mix(w.seed, (uint64_t)i + 1));
        synth_random_child(&g, NULL);
        assert_true(synth_child_visible(&g));
    }
    check_episode_chains(&w);
    /* Roughly a tenth of all children in care on the last 31 March, and a
     * mix of short breaks, adoptions and care leavers. */
    int in_care = 0, adopted = 0, short_breaks = 0;
    for (int i = 0; i < w.n_eps; i++) {
        const SynthEpisode *e = &w.eps[i];
        if (e->decom <= w.w1 && w.w1 < e->dec) in_care++;
        adopted += e->rec == SC_REC_E11 || e->rec == SC_REC_E12;
        short_breaks += synth_is_short_break(e->ls) && e->rne == SC_RNE_S;
    }
    assert_in_range(in_care, 250, 450);
    assert_true(adopted > 20);
    assert_true(short_breaks > 100);
    assert_true(w.n_oc3 > 300);
    world_free(&w);
}

static void test_dorset_cohort_in_memory(void **state)
{
    (void)state;
    SynthWorld w;
    world_init(&w, 700, 2001, 2010, 2010);
    synth_dorset_generate(&w);
    check_episode_chains(&w);
    Date d = synth_dorset_date();
    int full_time = 0, short_breaks = 0, ls[SC_COUNT] = {0}, disabled = 0, age16_17 = 0;
    for (int i = 0; i < w.n_children; i++) {
        const SynthChild *c = &w.children[i];
        const SynthEpisode *e = synth_child_eps(&w, c);
        for (int k = 0; k < c->n_ep; k++) {
            if (!(e[k].decom <= d && d < e[k].dec)) continue;
            if (synth_is_short_break(e[k].ls)) {
                short_breaks++;
                continue;
            }
            full_time++;
            ls[e[k].ls]++;
            disabled += e[k].cin == SC_CIN_N2;
            int age = date_age_on(c->dob, d);
            age16_17 += age >= 16 && age <= 17;
        }
    }
    assert_int_equal(full_time, 274);
    assert_int_equal(short_breaks, 70);
    assert_int_equal(ls[SC_LS_V2], 133);
    assert_int_equal(ls[SC_LS_C2], 98);
    assert_int_equal(ls[SC_LS_C1], 31);
    assert_int_equal(ls[SC_LS_E1], 12);
    assert_int_equal(disabled, 26);
    assert_int_equal(age16_17, 68);
    world_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rng_is_deterministic),    cmocka_unit_test(test_rng_ranges),
        cmocka_unit_test(test_postcode_and_upn),        cmocka_unit_test(test_random_histories),
        cmocka_unit_test(test_dorset_cohort_in_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
