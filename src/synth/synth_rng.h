/* synth_rng: the synthetic data generator's own pseudo-random numbers.
 *
 * xoshiro256** seeded through splitmix64, so that the same seed gives the same
 * bytes on every platform and C library (rand() would not). Streams are cheap
 * to derive: every child, and every record family of a period of care, gets
 * its own stream from synth_mix, so a record never depends on the order in
 * which others were drawn. No allocation, no I/O, no global state. */
#ifndef CAREPLEDGE_SYNTH_RNG_H
#define CAREPLEDGE_SYNTH_RNG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct SynthRng {
    uint64_t s[4];
} SynthRng;

/* A well-mixed combination of two 64-bit values (for deriving stream seeds). */
uint64_t synth_mix(uint64_t a, uint64_t b);
/* Seeds the generator; any 64-bit value, including 0, is a good seed. */
void synth_rng_seed(SynthRng *r, uint64_t seed);
uint64_t synth_rng_next(SynthRng *r);
/* Uniform in [0, n) without modulo bias; n > 0. */
uint32_t synth_rng_below(SynthRng *r, uint32_t n);
/* Uniform in [lo, hi], both inclusive; returns lo when hi <= lo. */
int synth_rng_range(SynthRng *r, int lo, int hi);
/* Log-uniform integer in [lo, hi] (lo >= 1): many small values, a long tail. */
int synth_rng_log_range(SynthRng *r, int lo, int hi);
/* Uniform in [0, 1). */
double synth_rng_unit(SynthRng *r);
/* True with probability p. */
bool synth_rng_chance(SynthRng *r, double p);
/* An index in [0, n) drawn with the given non-negative weights (sum > 0). */
int synth_rng_weighted(SynthRng *r, const int *weights, int n);
/* Shuffles items[0..n) in place (Fisher-Yates). */
void synth_rng_shuffle(SynthRng *r, int *items, int n);

#endif
