/* pg_array: a PostgreSQL array literal of text, built one element at a time,
 * to pass many values as one bound parameter (`unnest(CAST(?1 AS TEXT[]))`):
 * the audit batch's columns (store_auth.c) and the children a staged import
 * looks up in header (store_stage.c). */
#ifndef CAREPLEDGE_STORE_PG_ARRAY_H
#define CAREPLEDGE_STORE_PG_ARRAY_H

#include <stddef.h>

typedef struct PgArray {
    char *text; /* "{"a","b"" while elements are added; pg_array_end closes it */
    size_t len, cap;
    int n; /* elements added since the last pg_array_clear */
} PgArray;

/* Adds value (NULL: SQL NULL) as the next element. */
void pg_array_add(PgArray *a, const char *value);
/* Closes the literal ("{}" when empty) and returns it; valid until the next
 * add, clear or free. */
const char *pg_array_end(PgArray *a);
/* Empties the array, keeping its memory, for the next literal. */
void pg_array_clear(PgArray *a);
void pg_array_free(PgArray *a);

#endif
