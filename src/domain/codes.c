/* codes: see codes.h. */
#include "domain/codes.h"

#include "base/csv.h"
#include "base/embed.h"
#include "base/mem.h"
#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>

typedef struct CodeEntry {
    int from_year, to_year; /* 0 = open-ended */
    const char *meaning;
} CodeEntry;

struct CodeLists {
    StrMap codes;  /* "FIELD\x1fCODE" -> index into entries */
    StrMap fields; /* FIELD -> 1 */
    CodeEntry *entries;
    int n_entries, cap_entries;
    Arena text;
};

enum { KEY_MAX = 96 };

/* Builds the lookup key; returns false when the parts are too long to be a code. */
static bool make_key(char *key, const char *field, const char *code)
{
    size_t nf = strlen(field), nc = strlen(code);
    if (nf + nc + 2 > KEY_MAX) return false;
    memcpy(key, field, nf);
    key[nf] = '\x1f';
    memcpy(key + nf + 1, code, nc + 1);
    return true;
}

static int parse_year(const char *s)
{
    return *s ? atoi(s) : 0;
}

static int add_entry(CodeLists *cl, const CsvReader *r, Err *err)
{
    if (r->n_fields != 5)
        return err_at(err, ERR_INPUT, r->path, r->record_line, 1, NULL,
                      "expected 5 fields (field,code,meaning,from_year,to_year), found %d",
                      r->n_fields);
    char key[KEY_MAX];
    if (!make_key(key, r->fields[0].text, r->fields[1].text))
        return err_at(err, ERR_INPUT, r->path, r->record_line, 1, NULL, "code too long");
    MEM_GROW(cl->entries, cl->n_entries, cl->cap_entries);
    CodeEntry *e = &cl->entries[cl->n_entries];
    e->meaning = arena_strdup(&cl->text, r->fields[2].text);
    e->from_year = parse_year(r->fields[3].text);
    e->to_year = parse_year(r->fields[4].text);
    strmap_put(&cl->codes, key, cl->n_entries++);
    strmap_put(&cl->fields, r->fields[0].text, 1);
    return 0;
}

int codes_load_text(const char *name, const char *text, size_t len, CodeLists **out, Err *err)
{
    CodeLists *cl = xcalloc(1, sizeof *cl);
    CsvReader r;
    int rc = csv_open_buffer(&r, name, text, len, err);
    if (rc == 0) rc = csv_next(&r, err) < 0 ? ERR_INPUT : 0; /* header line */
    while (rc == 0 && (rc = csv_next(&r, err)) > 0) rc = add_entry(cl, &r, err);
    csv_close(&r);
    if (rc < 0) {
        codes_free(cl);
        return rc;
    }
    *out = cl;
    return 0;
}

int codes_load_default(CodeLists **out, Err *err)
{
    const EmbeddedFile *f = embed_find("data/903-codes.csv");
    if (!f) return err_set(err, ERR_STATE, "the built-in code lists are missing");
    return codes_load_text(f->name, (const char *)f->data, f->len, out, err);
}

bool codes_has_list(const CodeLists *cl, const char *field)
{
    return strmap_has(&cl->fields, field);
}

static const CodeEntry *find(const CodeLists *cl, const char *field, const char *code)
{
    char key[KEY_MAX];
    if (!make_key(key, field, code)) return NULL;
    long i = strmap_get(&cl->codes, key, -1);
    return i >= 0 ? &cl->entries[i] : NULL;
}

bool codes_valid(const CodeLists *cl, const char *field, const char *code, int year)
{
    const CodeEntry *e = find(cl, field, code);
    if (!e) return false;
    return (!e->from_year || year >= e->from_year) && (!e->to_year || year <= e->to_year);
}

const char *codes_meaning(const CodeLists *cl, const char *field, const char *code)
{
    const CodeEntry *e = find(cl, field, code);
    return e ? e->meaning : "";
}

void codes_free(CodeLists *cl)
{
    if (!cl) return;
    strmap_free(&cl->codes);
    strmap_free(&cl->fields);
    free(cl->entries);
    arena_free(&cl->text);
    free(cl);
}

/* Old codes and the current code each is read as. Sources and certainty:
 * data/903-codes-sources.md; the reasons for each choice: docs/codes.md. */
typedef struct CodeRename {
    const char *field, *old_code, *current;
} CodeRename;

static const CodeRename renames[] = {
    /* PLACE: foster placements before U1-U6 (to 2008/09 F1-F6, by carer and
     * inside or outside the council's boundary; 2009/10 to 2013/14 Q1, Q2).
     * Neither recorded long-term fostering, so none is read as U1/U4: a
     * relative or friend is U3, another foster carer U6. */
    {"PLACE", "F1", "U3"},
    {"PLACE", "F4", "U3"},
    {"PLACE", "Q1", "U3"},
    {"PLACE", "F2", "U6"},
    {"PLACE", "F3", "U6"},
    {"PLACE", "F5", "U6"},
    {"PLACE", "F6", "U6"},
    {"PLACE", "Q2", "U6"},
    /* Secure units and children's homes before K1/K2 (to 2008/09), inside or
     * outside the council's boundary. */
    {"PLACE", "H1", "K1"},
    {"PLACE", "H2", "K1"},
    {"PLACE", "H3", "K2"},
    {"PLACE", "H4", "K2"},
    /* Semi-independent (H5) and independent living (P2), both gone in 2025/26:
     * the placements registered supported accommodation (K3) now covers. */
    {"PLACE", "H5", "K3"},
    {"PLACE", "P2", "K3"},
    /* REC: E4 split into E4A/E4B and the SGO codes E43/E44 into E45-E48 in
     * 2015/16; no computation tells the halves apart, so the first stands for
     * both. */
    {"REC", "E4", "E4A"},
    {"REC", "E43", "E45"},
    {"REC", "E44", "E47"},
    /* ACTIV: training or employment before the apprenticeship codes (2015/16);
     * an apprenticeship cannot be told from a job, so neither counts as one. */
    {"ACTIV", "F3", "F5"},
    {"ACTIV", "P3", "P5"},
};

/* Whether a code can be one of the old codes above, by its first two
 * characters: every old code begins with one of these (a rename whose old
 * code begins otherwise must be added here; tests/unit/test_codes.c checks
 * each). Most codes are today's and leave at this test, which matters
 * because the scorecard and `due` ask for every episode of every child, and
 * the leavers' measures for every REC and ACTIV: with the first letter alone
 * (every REC code begins with E) the table's scan was 0.6% of a scorecard's
 * instructions. */
static bool may_be_old(const char *code)
{
    /* In each case code[0] is not NUL, so code[1] is there to read. */
    switch (code[0]) {
    case 'E': return code[1] == '4';                   /* E4, E43, E44 */
    case 'F': return code[1] >= '1' && code[1] <= '6'; /* F1-F6 */
    case 'H': return code[1] >= '1' && code[1] <= '5'; /* H1-H5 */
    case 'P': return code[1] == '2' || code[1] == '3'; /* P2, P3 */
    case 'Q': return code[1] == '1' || code[1] == '2'; /* Q1, Q2 */
    default: return false;
    }
}

const char *codes_current(const char *field, const char *code)
{
    if (!may_be_old(code)) return code;
    for (size_t i = 0; i < sizeof renames / sizeof renames[0]; i++)
        if (renames[i].old_code[0] == code[0] && renames[i].old_code[1] == code[1] &&
            strcmp(renames[i].old_code, code) == 0 && strcmp(renames[i].field, field) == 0)
            return renames[i].current;
    return code;
}
