/* fuzz_indicators: libFuzzer target for the indicator catalogue parser.
 * Any input must give a catalogue that covers every promise with unique ids,
 * or a located error; never a crash. */
#include "domain/indicators.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    IndicatorCatalogue *cat = NULL;
    Err err;
    if (indicators_load_text("fuzz.csv", (const char *)data, size, &cat, &err) == 0) {
        bool seen[PLEDGE_N_PROMISES + 1] = {false};
        for (int i = 0; i < cat->n_items; i++) {
            const Indicator *ind = &cat->items[i];
            if (ind->promise < 1 || ind->promise > PLEDGE_N_PROMISES) __builtin_trap();
            if (indicators_find(cat, ind->id) != ind) __builtin_trap();
            seen[ind->promise] = true;
        }
        for (int n = 1; n <= PLEDGE_N_PROMISES; n++)
            if (!seen[n]) __builtin_trap();
    } else if (err.code != ERR_INPUT || !err.msg[0]) {
        __builtin_trap();
    }
    indicators_free(cat);
    return 0;
}
