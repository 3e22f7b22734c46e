/* sha256: see sha256.h. Constants and steps from NIST FIPS 180-4: 4.2.2 (K),
 * 5.3.3 (initial hash value), 5.1.1 (padding), 6.2.2 (the computation). */
#include "base/sha256.h"

#include "base/dynlib.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* The first 32 bits of the fractional parts of the cube roots of the first
 * 64 primes (FIPS 180-4, 4.2.2). */
static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

static void compress(Sha256 *h, const unsigned char *block)
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)block[4 * t] << 24 | (uint32_t)block[4 * t + 1] << 16 |
               (uint32_t)block[4 * t + 2] << 8 | (uint32_t)block[4 * t + 3];
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    /* The working variables a..h of FIPS 180-4 6.2.2 (h here is hh: h is the
     * hash): kept in locals so they live in registers, each round passing
     * them down one. */
    uint32_t a = h->state[0], b = h->state[1], c = h->state[2], d = h->state[3];
    uint32_t e = h->state[4], f = h->state[5], g = h->state[6], hh = h->state[7];
    for (int t = 0; t < 64; t++) {
        uint32_t big1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        uint32_t choose = (e & f) ^ (~e & g);
        uint32_t t1 = hh + big1 + choose + round_constants[t] + w[t];
        uint32_t big0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + big0 + majority;
    }
    h->state[0] += a;
    h->state[1] += b;
    h->state[2] += c;
    h->state[3] += d;
    h->state[4] += e;
    h->state[5] += f;
    h->state[6] += g;
    h->state[7] += hh;
}

void sha256_init(Sha256 *h)
{
    static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memset(h, 0, sizeof *h);
    memcpy(h->state, initial, sizeof initial);
}

void sha256_update(Sha256 *h, const void *data, size_t len)
{
    const unsigned char *p = data;
    h->length += len;
    while (len > 0) {
        if (h->in_block == 0 && len >= 64) { /* whole blocks straight from the input */
            compress(h, p);
            p += 64;
            len -= 64;
            continue;
        }
        size_t take = 64 - h->in_block < len ? 64 - h->in_block : len;
        memcpy(h->block + h->in_block, p, take);
        h->in_block += take;
        p += take;
        len -= take;
        if (h->in_block == 64) {
            compress(h, h->block);
            h->in_block = 0;
        }
    }
}

void sha256_hex(Sha256 *h, char hex[65])
{
    uint64_t bits = h->length * 8;
    static const unsigned char one_bit = 0x80, zero = 0;
    sha256_update(h, &one_bit, 1);
    while (h->in_block != 56) sha256_update(h, &zero, 1);
    unsigned char length[8];
    for (int i = 0; i < 8; i++) length[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha256_update(h, length, 8);
    for (int i = 0; i < 8; i++) snprintf(hex + 8 * i, 9, "%08x", (unsigned)h->state[i]);
}

/* OpenSSL's libcrypto, opened the first time a file is hashed (base/dynlib.h):
 * it uses the processor's SHA instructions where there are some, several
 * times faster than the portable code above on the hundreds of megabytes of a
 * ten-year history. Without it the portable code hashes, with the same result. */
/* The six functions of OpenSSL's EVP interface (stable since 1.1), declared
 * here: <openssl/evp.h> cannot be included beside base/err.h, whose ERR_STATE
 * it redeclares. */
typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct evp_md_st EVP_MD;
typedef struct engine_st ENGINE;
EVP_MD_CTX *EVP_MD_CTX_new(void);
void EVP_MD_CTX_free(EVP_MD_CTX *ctx);
const EVP_MD *EVP_sha256(void);
int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl);
int EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *d, size_t cnt);
int EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s);

#define LIBCRYPTO_FUNCTIONS(F) \
    F(EVP_MD_CTX_new)          \
    F(EVP_MD_CTX_free)         \
    F(EVP_sha256)              \
    F(EVP_DigestInit_ex)       \
    F(EVP_DigestUpdate)        \
    F(EVP_DigestFinal_ex)
static struct {
    LIBCRYPTO_FUNCTIONS(DYNLIB_POINTER)
} libcrypto;
static const char *const libcrypto_names[] = {LIBCRYPTO_FUNCTIONS(DYNLIB_NAME) NULL};
static DynLib libcrypto_lib =
    DYNLIB_INIT(CAREPLEDGE_SONAME_LIBCRYPTO, "hashing imported files", libcrypto_names, &libcrypto);

bool sha256_uses_libcrypto(void)
{
    Err ignored;
    return dynlib_open(&libcrypto_lib, &ignored) == 0;
}

/* Hashes the rest of f with libcrypto into hex; counts its bytes into *size.
 * Returns 0, or -1 when libcrypto failed (the caller hashes portably). */
static int libcrypto_digest(FILE *f, char hex[65], long long *size)
{
    EVP_MD_CTX *ctx = libcrypto.EVP_MD_CTX_new();
    if (!ctx) return -1;
    int ok = libcrypto.EVP_DigestInit_ex(ctx, libcrypto.EVP_sha256(), NULL);
    unsigned char buf[65536], digest[32];
    size_t n;
    *size = 0;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        ok = libcrypto.EVP_DigestUpdate(ctx, buf, n);
        *size += (long long)n;
    }
    unsigned len = 0;
    ok = ok && libcrypto.EVP_DigestFinal_ex(ctx, digest, &len) && len == sizeof digest;
    libcrypto.EVP_MD_CTX_free(ctx);
    if (!ok) return -1;
    for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return 0;
}

int sha256_file(const char *path, char hex[65], long long *size, Err *err)
{
    if (sha256_uses_libcrypto()) {
        FILE *f = fopen(path, "rb");
        if (!f) return err_at(err, ERR_IO, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
        int rc = libcrypto_digest(f, hex, size);
        bool failed = ferror(f) != 0;
        fclose(f);
        if (failed)
            return err_at(err, ERR_IO, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
        if (rc == 0) return 0;
    }
    return sha256_file_portable(path, hex, size, err);
}

int sha256_file_portable(const char *path, char hex[65], long long *size, Err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_at(err, ERR_IO, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
    Sha256 h;
    sha256_init(&h);
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) sha256_update(&h, buf, n);
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) return err_at(err, ERR_IO, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
    *size = (long long)h.length;
    sha256_hex(&h, hex);
    return 0;
}
