/* synth_rng: see synth_rng.h. xoshiro256** and splitmix64 are by David
 * Blackman and Sebastiano Vigna (public domain, prng.di.unimi.it). */
#include "synth/synth_rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t synth_mix(uint64_t a, uint64_t b)
{
    uint64_t s = a ^ (b * 0xd1b54a32d192ed03ULL);
    (void)splitmix64(&s);
    return splitmix64(&s);
}

void synth_rng_seed(SynthRng *r, uint64_t seed)
{
    uint64_t s = seed;
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&s);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t synth_rng_next(SynthRng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint32_t synth_rng_below(SynthRng *r, uint32_t n)
{
    /* Lemire's multiply-and-reject. */
    uint64_t m = (uint64_t)(uint32_t)(synth_rng_next(r) >> 32) * n;
    uint32_t low = (uint32_t)m;
    if (low < n) {
        uint32_t threshold = (uint32_t)(-n) % n;
        while (low < threshold) {
            m = (uint64_t)(uint32_t)(synth_rng_next(r) >> 32) * n;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

int synth_rng_range(SynthRng *r, int lo, int hi)
{
    if (hi <= lo) return lo;
    return lo + (int)synth_rng_below(r, (uint32_t)(hi - lo) + 1u);
}

double synth_rng_unit(SynthRng *r)
{
    return (double)(synth_rng_next(r) >> 11) * 0x1.0p-53;
}

int synth_rng_log_range(SynthRng *r, int lo, int hi)
{
    if (lo < 1) lo = 1;
    if (hi <= lo) return lo;
    double v = exp(log((double)lo) + synth_rng_unit(r) * (log((double)hi + 1.0) - log((double)lo)));
    int x = (int)v;
    return x < lo ? lo : x > hi ? hi : x;
}

bool synth_rng_chance(SynthRng *r, double p)
{
    return synth_rng_unit(r) < p;
}

int synth_rng_weighted(SynthRng *r, const int *weights, int n)
{
    long total = 0;
    for (int i = 0; i < n; i++) total += weights[i];
    if (total <= 0) return 0;
    long x = (long)synth_rng_below(r, (uint32_t)total);
    for (int i = 0; i < n; i++) {
        if (x < weights[i]) return i;
        x -= weights[i];
    }
    return n - 1;
}

void synth_rng_shuffle(SynthRng *r, int *items, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = (int)synth_rng_below(r, (uint32_t)i + 1u);
        int t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
}
