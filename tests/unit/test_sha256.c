/* Unit tests for base/sha256: the example digests of NIST's SHA-256 examples
 * (FIPS 180-4 test vectors), fed whole and in uneven pieces, and a file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void digest_in_pieces(const char *text, size_t piece, char hex[65])
{
    Sha256 h;
    sha256_init(&h);
    size_t len = strlen(text);
    for (size_t at = 0; at < len; at += piece)
        sha256_update(&h, text + at, len - at < piece ? len - at : piece);
    sha256_hex(&h, hex);
}

static void test_known_digests(void **state)
{
    (void)state;
    static const struct {
        const char *text, *digest;
    } cases[] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (size_t piece = 1; piece <= 64; piece += 21) {
            char hex[65];
            digest_in_pieces(cases[i].text, piece, hex);
            assert_string_equal(hex, cases[i].digest);
        }
    }
}

static void test_million_a(void **state)
{
    (void)state;
    char *text = malloc(1000001);
    memset(text, 'a', 1000000);
    text[1000000] = '\0';
    char hex[65];
    digest_in_pieces(text, 1000, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(text);
}

static void test_file_digest_and_size(void **state)
{
    (void)state;
    char path[] = "/tmp/carepledge-sha256-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "abc", 3), 3);
    close(fd);
    char hex[65];
    long long size = -1;
    Err err;
    assert_int_equal(sha256_file(path, hex, &size, &err), 0);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_int_equal(size, 3);
    unlink(path);
    assert_int_equal(sha256_file(path, hex, &size, &err), ERR_IO);
    assert_non_null(strstr(err.msg, "cannot read"));
}

/* libcrypto and the portable code give the same digest and size, on files
 * of every length around the block edges and one of several megabytes. */
static void test_libcrypto_agrees_with_portable(void **state)
{
    (void)state;
    assert_true(sha256_uses_libcrypto()); /* libssl-dev is installed by scripts/install-deps.sh */
    static const size_t lengths[] = {0, 1, 55, 56, 63, 64, 65, 119, 128, 65535, 65536, 3000001};
    unsigned seed = 7;
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        char path[] = "/tmp/carepledge-sha256-XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        FILE *f = fdopen(fd, "wb");
        for (size_t k = 0; k < lengths[i]; k++)
            fputc((int)((seed = seed * 1103515245u + 12345u) >> 16) & 0xff, f);
        fclose(f);
        char fast[65], portable[65];
        long long fast_size = -1, portable_size = -2;
        Err err;
        assert_int_equal(sha256_file(path, fast, &fast_size, &err), 0);
        assert_int_equal(sha256_file_portable(path, portable, &portable_size, &err), 0);
        assert_string_equal(fast, portable);
        assert_int_equal(fast_size, (long long)lengths[i]);
        assert_int_equal(portable_size, (long long)lengths[i]);
        unlink(path);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_digests),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_file_digest_and_size),
        cmocka_unit_test(test_libcrypto_agrees_with_portable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
