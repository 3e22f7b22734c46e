/* fuzz_csv: libFuzzer target for the CSV reader and 903 table recognition.
 * Any input must give records or a located error, never a crash. */
#include "base/csv.h"
#include "exchange/ssda903.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    CsvReader r;
    Err err;
    if (csv_open_buffer(&r, "fuzz.csv", (const char *)data, size, &err) == 0) {
        while (csv_next(&r, &err) > 0) {
            for (int i = 0; i < r.n_fields; i++)
                if (r.fields[i].line < 1 || r.fields[i].column < 1) __builtin_trap();
        }
    }
    csv_close(&r);

    ErrList errs = {0};
    Ssda903File f;
    ssda903_file_load_buffer("fuzz.csv", (const char *)data, size, &f, &errs);
    ssda903_file_free(&f);
    errlist_free(&errs);
    return 0;
}
