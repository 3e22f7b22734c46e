/* fuzz_xml: libFuzzer target for the 903 XML reader and writer. Any input
 * must give tables whose every cell has a value and a place, or located
 * problems, never a crash. What was read must survive the writer: written and
 * read again, every cell is the same (unless the writer refuses, as it must
 * for a child given twice or a control character). */
#include "exchange/ssda903_xml.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_places(const Ssda903FileList *l)
{
    for (int i = 0; i < l->n_items; i++) {
        const Ssda903File *f = &l->items[i];
        for (int row = 0; row < f->n_rows; row++)
            for (int c = 0; c < f->table->n_columns; c++)
                if (!ssda903_cell(f, row, c) || ssda903_cell_line(f, row, c) < 1 ||
                    f->cell_columns[(size_t)row * (size_t)f->table->n_columns + (size_t)c] < 1 ||
                    !ssda903_field_label(f, c))
                    __builtin_trap();
    }
}

static void check_round_trip(const Ssda903FileList *l)
{
    const Ssda903File *tables[T903_COUNT] = {0};
    for (int i = 0; i < l->n_items; i++) tables[l->items[i].table->id] = &l->items[i];
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    Err err;
    int rc = ssda903_xml_write(out, tables, &err);
    fclose(out);
    if (rc == 0) {
        Ssda903FileList again = {0};
        ErrList errs = {0};
        if (ssda903_xml_load_buffer("again.xml", text, len, &again, &errs) < 0) __builtin_trap();
        for (int i = 0; i < again.n_items; i++) {
            const Ssda903File *a = tables[again.items[i].table->id], *b = &again.items[i];
            if (!a || a->n_rows != b->n_rows) __builtin_trap();
            for (int row = 0; row < a->n_rows; row++)
                for (int c = 0; c < a->table->n_columns; c++)
                    if (strcmp(ssda903_cell(a, row, c), ssda903_cell(b, row, c)) != 0)
                        __builtin_trap();
        }
        ssda903_file_list_free(&again);
        errlist_free(&errs);
    }
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Ssda903FileList l = {0};
    ErrList errs = {0};
    int rc = ssda903_xml_load_buffer("fuzz.xml", (const char *)data, size, &l, &errs);
    if ((rc == 0) != (errs.n_total == 0)) __builtin_trap();
    if (rc == 0) {
        check_places(&l);
        check_round_trip(&l);
    }
    ssda903_file_list_free(&l);
    errlist_free(&errs);
    return 0;
}
