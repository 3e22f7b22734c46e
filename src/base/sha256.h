/* sha256: the SHA-256 digest of a file, as the import log records it (which
 * file was imported is told by its content, not only its name). The algorithm
 * is the one of NIST FIPS 180-4, section 6.2. */
#ifndef CAREPLEDGE_SHA256_H
#define CAREPLEDGE_SHA256_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Sha256 {
    uint32_t state[8];
    uint64_t length; /* bytes hashed so far */
    unsigned char block[64];
    size_t in_block;
} Sha256;

void sha256_init(Sha256 *h);
void sha256_update(Sha256 *h, const void *data, size_t len);
/* The digest as 64 lower-case hex digits and a NUL. */
void sha256_hex(Sha256 *h, char hex[65]);

/* The digest and size of the file at path. Returns 0 or ERR_IO (err names
 * the file). */
int sha256_file(const char *path, char hex[65], long long *size, Err *err);
/* The same with the portable code above, never libcrypto; for tests. */
int sha256_file_portable(const char *path, char hex[65], long long *size, Err *err);
/* Whether sha256_file hashes with OpenSSL's libcrypto (opened here if it can). */
bool sha256_uses_libcrypto(void);

#endif
