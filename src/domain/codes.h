/* codes: the SSDA903 code lists, each code with the collection years in which
 * it is valid (data/903-codes.csv, built into the binary).
 *
 * Codes compare upper-case. A column whose list is not in the file accepts any
 * value. Pure: parses text it is given. */
#ifndef CAREPLEDGE_CODES_H
#define CAREPLEDGE_CODES_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct CodeLists CodeLists;

/* Parses the built-in code lists. Returns 0 and sets *out (free with codes_free). */
int codes_load_default(CodeLists **out, Err *err);
/* Parses code lists from CSV text (field,code,meaning,from_year,to_year). */
int codes_load_text(const char *name, const char *text, size_t len, CodeLists **out, Err *err);
/* Whether the field has a code list at all. */
bool codes_has_list(const CodeLists *cl, const char *field);
/* Whether code (upper-case) is valid for field in the collection year (end year). */
bool codes_valid(const CodeLists *cl, const char *field, const char *code, int year);
/* The meaning of a code, or "" when unknown or not given. */
const char *codes_meaning(const CodeLists *cl, const char *field, const char *code);
void codes_free(CodeLists *cl);

/* The code of today's lists that an older code of the field stands for in
 * computations (profile rows, indicators, care-leaver status): a foster code
 * before U1-U6 (F1-F6, Q1, Q2) as U3 or U6, H1-H4 as K1/K2, H5 and P2 as K3,
 * REC E4 as E4A, E43/E44 as E45/E47, ACTIV F3/P3 as F5/P5. Any other code,
 * and a code of a field with no renamed codes, is returned as it is. The
 * table and the reasons: docs/codes.md. The stored value is never rewritten.
 * Pure, no allocation. */
const char *codes_current(const char *field, const char *code);

#endif
