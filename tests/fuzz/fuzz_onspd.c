/* fuzz_onspd: libFuzzer target for the ONS Postcode Directory reader
 * (exchange/onspd), which reads a file the council supplies. Any input must
 * give entries for the wanted postcodes or an error with a message; never a
 * crash. A distance is -1 or not negative; an authority fits its field. */
#include "exchange/onspd.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const wanted[] = {"ZZ1 1AA", "ZZ11AB",  "zz3 3cc", "ZZ2 2BB",
                                         "ZZ5 5EE", "ZZ6 6FF", "ZZ7 7GG", "A1 1AA"};
    enum { N = sizeof wanted / sizeof wanted[0] };
    Onspd *p = onspd_new();
    long handles[N];
    for (int i = 0; i < N; i++) handles[i] = onspd_want(p, wanted[i]);
    Err err;
    if (onspd_read_buffer(p, "fuzz.csv", (const char *)data, size, &err) == 0) {
        for (int i = 0; i < N; i++) {
            const OnspdEntry *e = onspd_entry(p, handles[i]);
            if (e != onspd_lookup(p, wanted[i])) __builtin_trap();
            if (e && strlen(e->la) >= sizeof e->la) __builtin_trap();
            if (onspd_distance_tenths(e, onspd_entry(p, handles[0])) < -1) __builtin_trap();
        }
    } else if (!err.msg[0]) {
        __builtin_trap();
    }
    onspd_free(p);
    return 0;
}
