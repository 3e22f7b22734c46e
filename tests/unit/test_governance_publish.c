/* Unit tests of the publication of CiCC participation
 * (governance_participation_publish): each rule's two tables, by disability
 * and by ethnicity, share their whole line and are protected as one system.
 *
 * The published texts are attacked by a reader written apart from the
 * library's audit, who knows what the output prints and that both tables
 * divide the same children (their groups add up to the whole, met and
 * children alike), that no group has more met than children, and that zeros
 * are published (a "c" is at least 1). The reader enumerates every whole-
 * number assignment of the withheld counts consistent with all that: for each
 * whole (met, children) in reach, the disability table's cells, then the
 * ethnicity table's pairs, each group's (met, children) pair tried against
 * the pairs left for the others. No linear program, no cycle: plain search.
 * A withheld count is recovered when its values found are one, or lie within
 * 1..threshold and are not all of it. */
#include "domain/disclosure.h"
#include "domain/governance_participation.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

enum { MAXV = 52 }; /* counts the attacker tries: the tables here stay below it (48) */

/* The figures of one rule as printed: -1 for "c". Index GOV_SPLIT_COUNT is the whole. */
typedef struct Printed {
    long num[GOV_SPLIT_COUNT + 1], den[GOV_SPLIT_COUNT + 1];
} Printed;

static long parse(const char *text)
{
    return strcmp(text, "c") == 0 ? -1 : atol(text);
}

static Printed printed(const GovPartPublished *p, int r)
{
    Printed out;
    for (int g = 0; g < GOV_SPLIT_COUNT; g++) {
        out.num[g] = parse(p->split_num[r][g]);
        out.den[g] = parse(p->split_den[r][g]);
    }
    out.num[GOV_SPLIT_COUNT] = parse(p->num[r]);
    out.den[GOV_SPLIT_COUNT] = parse(p->den[r]);
    return out;
}

/* Whether x may be the count printed as v. */
static bool allowed(long v, long x)
{
    return v < 0 ? x >= 1 : x == v;
}

/* The values each figure can take (seen[figure][value]); figures 0..5 are
 * the met counts (the whole last), 6..11 the children. */
typedef struct Seen {
    bool v[2 * (GOV_SPLIT_COUNT + 1)][MAXV];
} Seen;

static bool pair_ok(const Printed *p, int g, long num, long den)
{
    return num >= 0 && den >= num && den < MAXV && allowed(p->num[g], num) &&
           allowed(p->den[g], den);
}

/* The disability table given the whole (n, d): marks what it allows in *s;
 * returns whether anything fits. */
static bool disability_fits(const Printed *p, long n, long d, Seen *s)
{
    bool any = false;
    for (long n0 = 0; n0 <= n; n0++)
        for (long d0 = n0; d0 <= d; d0++) {
            if (!pair_ok(p, GOV_SPLIT_DISABLED, n0, d0) ||
                !pair_ok(p, GOV_SPLIT_NOT_DISABLED, n - n0, d - d0))
                continue;
            any = true;
            s->v[GOV_SPLIT_DISABLED][n0] = s->v[GOV_SPLIT_COUNT + 1 + GOV_SPLIT_DISABLED][d0] =
                true;
            s->v[GOV_SPLIT_NOT_DISABLED][n - n0] = true;
            s->v[GOV_SPLIT_COUNT + 1 + GOV_SPLIT_NOT_DISABLED][d - d0] = true;
        }
    return any;
}

/* The ethnicity table given the whole (n, d), likewise. */
static bool ethnicity_fits(const Printed *p, long n, long d, Seen *s)
{
    bool any = false;
    enum { A = GOV_SPLIT_MINORITY, B = GOV_SPLIT_WHITE_BRITISH, C = GOV_SPLIT_ETHNIC_NOT_RECORDED };
    for (long na = 0; na <= n; na++)
        for (long da = na; da <= d; da++) {
            if (!pair_ok(p, A, na, da)) continue;
            for (long nb = 0; na + nb <= n; nb++)
                for (long db = nb; da + db <= d; db++) {
                    long nc = n - na - nb, dc = d - da - db;
                    if (!pair_ok(p, B, nb, db) || !pair_ok(p, C, nc, dc)) continue;
                    any = true;
                    long num[3] = {na, nb, nc}, den[3] = {da, db, dc};
                    for (int k = 0; k < 3; k++) {
                        s->v[A + k][num[k]] = true;
                        s->v[GOV_SPLIT_COUNT + 1 + A + k][den[k]] = true;
                    }
                }
        }
    return any;
}

/* Every value each figure can take, given everything printed. */
static void attack(const Printed *p, Seen *out)
{
    memset(out, 0, sizeof *out);
    const int whole = GOV_SPLIT_COUNT;
    for (long d = 0; d < MAXV; d++) {
        if (!allowed(p->den[whole], d)) continue;
        for (long n = 0; n <= d; n++) {
            if (!allowed(p->num[whole], n)) continue;
            Seen local = {0};
            if (!disability_fits(p, n, d, &local) || !ethnicity_fits(p, n, d, &local)) continue;
            for (size_t f = 0; f < sizeof local.v / sizeof local.v[0]; f++)
                for (int x = 0; x < MAXV; x++) out->v[f][x] |= local.v[f][x];
            out->v[whole][n] = out->v[2 * whole + 1][d] = true;
        }
    }
}

/* The withheld figures the attacker recovers (pinned, or narrowed inside
 * 1..threshold); each one found is reported. */
static int recovered(const Printed *p, const Seen *s, int threshold, const char *what)
{
    int found = 0;
    for (int f = 0; f < 2 * (GOV_SPLIT_COUNT + 1); f++) {
        long printed_as = f <= GOV_SPLIT_COUNT ? p->num[f] : p->den[f - GOV_SPLIT_COUNT - 1];
        if (printed_as >= 0) continue;
        int lo = -1, hi = -1, n = 0;
        for (int x = 0; x < MAXV; x++)
            if (s->v[f][x]) {
                if (lo < 0) lo = x;
                hi = x, n++;
            }
        bool pinned = n == 1;
        bool narrowed = hi <= threshold && !(lo == 1 && hi == threshold);
        if (pinned || narrowed) {
            print_message("%s: figure %d recovered: %d..%d\n", what, f, lo, hi);
            found++;
        }
    }
    return found;
}

static unsigned next_random(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

/* A made-up rule's tally: each of the 2 x 3 disability-by-ethnicity classes
 * of children gets a few met and a few not (often none), so small counts
 * are common. */
static void random_tally(GovPartTally *t, GovRule r, unsigned *seed, int most)
{
    memset(t, 0, sizeof *t);
    for (int dis = 0; dis < 2; dis++)
        for (int eth = 0; eth < 3; eth++) {
            long met = next_random(seed) % 3 == 0 ? 0 : next_random(seed) % (most + 1);
            long not_met = next_random(seed) % 3 == 0 ? 0 : next_random(seed) % (most + 1);
            int gs[2] = {GOV_SPLIT_DISABLED + dis, GOV_SPLIT_MINORITY + eth};
            for (int k = 0; k < 2; k++) {
                t->split_num[r][gs[k]] += met;
                t->split_den[r][gs[k]] += met + not_met;
            }
            t->num[r] += met;
            t->den[r] += met + not_met;
        }
}

/* Published tables of many made-up rules at thresholds 3 and 5: the attacker
 * recovers nothing, and every count printed outside "c" is 0 or above the
 * threshold. */
static void test_joint_tables_resist_attack(void **state)
{
    (void)state;
    unsigned seed = 11;
    int attacked = 0, withheld = 0;
    for (int i = 0; i < 200; i++) {
        int threshold = i % 2 ? 3 : 5;
        GovPartTally t;
        random_tally(&t, GOV_RULE_MAILED, &seed, i % 3 == 0 ? 2 : 4);
        GovPartPublished pub;
        Err err = {0};
        assert_int_equal(governance_participation_publish(&t, threshold, &pub, &err), 0);
        Printed p = printed(&pub, GOV_RULE_MAILED);
        for (int f = 0; f <= GOV_SPLIT_COUNT; f++) {
            assert_false(p.num[f] >= 1 && p.num[f] <= threshold);
            assert_false(p.den[f] >= 1 && p.den[f] <= threshold);
            withheld += (p.num[f] < 0) + (p.den[f] < 0);
        }
        Seen s;
        attack(&p, &s);
        char what[32];
        snprintf(what, sizeof what, "table %d", i);
        assert_int_equal(recovered(&p, &s, threshold, what), 0);
        attacked++;
    }
    assert_int_equal(attacked, 200);
    assert_true(withheld > 200); /* the tables did have small counts to protect */
}

/* The attacker is not blind. Two tables each safe read alone: the
 * disability table withholds its 2 disabled children and the whole (alone,
 * the 2 could be anything from 1 to 8); the ethnicity table shows all its
 * rows. Read together, the ethnicity rows give the whole, 30, and the whole
 * less the 28 gives the 2: the attacker pins both. */
static void test_attacker_finds_a_leak(void **state)
{
    (void)state;
    Printed p;
    /* disabled: c of 8; not disabled: 28 of 32; whole: 30 of 40. */
    p.num[GOV_SPLIT_DISABLED] = -1, p.den[GOV_SPLIT_DISABLED] = 8;
    p.num[GOV_SPLIT_NOT_DISABLED] = 28, p.den[GOV_SPLIT_NOT_DISABLED] = 32;
    p.num[GOV_SPLIT_MINORITY] = 10, p.den[GOV_SPLIT_MINORITY] = 20;
    p.num[GOV_SPLIT_WHITE_BRITISH] = 20, p.den[GOV_SPLIT_WHITE_BRITISH] = 20;
    p.num[GOV_SPLIT_ETHNIC_NOT_RECORDED] = 0, p.den[GOV_SPLIT_ETHNIC_NOT_RECORDED] = 0;
    p.num[GOV_SPLIT_COUNT] = -1, p.den[GOV_SPLIT_COUNT] = 40;
    Seen s;
    attack(&p, &s);
    assert_int_equal(recovered(&p, &s, 5, "leaky"), 2); /* the 2, and the whole's 30 */
}

/* The same tally published by the library: nothing recovered, and the
 * counts that give nothing away stay published. */
static void test_small_disabled_group(void **state)
{
    (void)state;
    GovPartTally t = {0};
    GovRule r = GOV_RULE_MAILED;
    t.num[r] = 30, t.den[r] = 40;
    t.split_num[r][GOV_SPLIT_DISABLED] = 2, t.split_den[r][GOV_SPLIT_DISABLED] = 8;
    t.split_num[r][GOV_SPLIT_NOT_DISABLED] = 28, t.split_den[r][GOV_SPLIT_NOT_DISABLED] = 32;
    t.split_num[r][GOV_SPLIT_MINORITY] = 10, t.split_den[r][GOV_SPLIT_MINORITY] = 20;
    t.split_num[r][GOV_SPLIT_WHITE_BRITISH] = 20, t.split_den[r][GOV_SPLIT_WHITE_BRITISH] = 20;
    GovPartPublished pub;
    Err err = {0};
    assert_int_equal(governance_participation_publish(&t, 5, &pub, &err), 0);
    assert_string_equal(pub.split_num[r][GOV_SPLIT_DISABLED], "c");
    Printed p = printed(&pub, r);
    Seen s;
    attack(&p, &s);
    assert_int_equal(recovered(&p, &s, 5, "library"), 0);
    /* No children: zeros, nothing to withhold. */
    assert_string_equal(pub.den[GOV_RULE_INVITED], "0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attacker_finds_a_leak),
        cmocka_unit_test(test_small_disabled_group),
        cmocka_unit_test(test_joint_tables_resist_attack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
