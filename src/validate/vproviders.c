/* vproviders: the Ofsted provider lists for the URN rules.
 *
 * The DfE's URN rules look each episode's URN up in Ofsted's lists of
 * children's homes and of other social care providers. Ofsted publishes them
 * as spreadsheets; a council saves the sheets it needs as CSV and gives each
 * file. Columns are found by name, without case, under either list's heading:
 *
 *   URN                      URN (required)
 *   placement types          "Provider Placement Code" or "Placement code"
 *   placement provider codes "Provider Code" or "Placement provider code"
 *   date closed              "Closed Date" or "Deregistration date"
 *   postcode                 "Setting Postcode", "Setting Address Postcode"
 *
 * Rows of the same URN merge across files (the children's homes list keeps its
 * postcodes on a separate sheet). A rule needing an item a URN has not got
 * passes that row over rather than guessing. Code lists may be separated by
 * '/', ',', ';' or spaces. This module reads the files it is given and prints
 * nothing. */
#include "validate/vctx.h"

#include "base/csv.h"
#include "base/mem.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct VProviders {
    StrMap index; /* URN (capitals) -> entry */
    VProvider *entries;
    int n_entries, cap_entries;
};

enum { COL_URN, COL_PLACES, COL_PROVIDERS, COL_CLOSED, COL_POSTCODE, N_COLS };

/* The headings each column may have, ';'-separated. */
static const char *const headings[N_COLS] = {
    "URN",
    "Provider Placement Code;Placement code;PLACE_CODES",
    "Provider Code;Placement provider code;PROVIDER_CODES",
    "Closed Date;Deregistration date;REG_END",
    "Setting Postcode;Setting Address Postcode;POSTCODE",
};

/* Copies text into out (size bytes) in capitals, with code separators made
 * ';' and spaces removed around them. */
static void copy_codes(char *out, size_t size, const char *text)
{
    size_t n = 0;
    for (const char *s = text; *s && n + 1 < size; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '/' || ch == ',' || ch == ';' || isspace(ch)) {
            if (n && out[n - 1] != ';') out[n++] = ';';
        } else {
            out[n++] = (char)toupper(ch);
        }
    }
    while (n && out[n - 1] == ';') n--;
    out[n] = '\0';
}

/* Copies a postcode without spaces, in capitals. */
static void copy_postcode(char *out, size_t size, const char *text)
{
    size_t n = 0;
    for (const char *s = text; *s && n + 1 < size; s++)
        if (!isspace((unsigned char)*s)) out[n++] = (char)toupper((unsigned char)*s);
    out[n] = '\0';
}

static VProvider *entry(VProviders *p, const char *urn)
{
    char key[32];
    copy_postcode(key, sizeof key, urn);
    long at = strmap_get(&p->index, key, -1);
    if (at < 0) {
        MEM_GROW(p->entries, p->n_entries, p->cap_entries);
        at = p->n_entries++;
        memset(&p->entries[at], 0, sizeof *p->entries);
        p->entries[at].closed = DATE_NONE;
        strmap_put(&p->index, key, at);
    }
    return &p->entries[at];
}

static int read_list(VProviders *p, CsvReader *csv, Err *err)
{
    int cols[N_COLS], rc = csv_next(csv, err);
    if (rc <= 0)
        return rc < 0 ? rc : err_set(err, ERR_INPUT, "%s: the provider list is empty", csv->path);
    for (int c = 0; c < N_COLS; c++) {
        cols[c] = -1;
        for (int i = 0; i < csv->n_fields && cols[c] < 0; i++) {
            char name[64];
            snprintf(name, sizeof name, "%s", csv->fields[i].text);
            for (char *e = name + strlen(name); e > name && isspace((unsigned char)e[-1]);)
                *--e = '\0';
            if (vcode_in(name, headings[c])) cols[c] = i;
        }
    }
    if (cols[COL_URN] < 0)
        return err_at(err, ERR_INPUT, csv->path, 1, 0, "URN",
                      "the provider list has no URN column");
    while ((rc = csv_next(csv, err)) > 0) {
        const CsvField *f = csv->fields;
        if (csv->n_fields <= cols[COL_URN] || !f[cols[COL_URN]].text[0]) continue;
        VProvider *e = entry(p, f[cols[COL_URN]].text);
        if (cols[COL_PLACES] >= 0 && csv->n_fields > cols[COL_PLACES] &&
            f[cols[COL_PLACES]].text[0])
            copy_codes(e->places, sizeof e->places, f[cols[COL_PLACES]].text);
        if (cols[COL_PROVIDERS] >= 0 && csv->n_fields > cols[COL_PROVIDERS] &&
            f[cols[COL_PROVIDERS]].text[0])
            copy_codes(e->providers, sizeof e->providers, f[cols[COL_PROVIDERS]].text);
        if (cols[COL_POSTCODE] >= 0 && csv->n_fields > cols[COL_POSTCODE] &&
            f[cols[COL_POSTCODE]].text[0])
            copy_postcode(e->postcode, sizeof e->postcode, f[cols[COL_POSTCODE]].text);
        /* A closed date that cannot be read must not make a closed home look
         * open (the URN rules would pass it): refused with its place. */
        Date closed;
        if (cols[COL_CLOSED] >= 0 && csv->n_fields > cols[COL_CLOSED] &&
            f[cols[COL_CLOSED]].text[0]) {
            const CsvField *c = &f[cols[COL_CLOSED]];
            if (date_parse_any(c->text, &closed) < 0)
                return err_at(err, ERR_INPUT, csv->path, c->line, c->column, "Closed Date",
                              "'%s' is not a date (dd/mm/yyyy or YYYY-MM-DD)", c->text);
            e->closed = closed;
        }
    }
    return rc;
}

static int load(VReturn *r, CsvReader *csv, int rc, Err *err)
{
    if (rc < 0) return rc;
    if (!r->providers) r->providers = xcalloc(1, sizeof *r->providers);
    rc = read_list(r->providers, csv, err);
    csv_close(csv);
    return rc < 0 ? rc : 0;
}

int vreturn_load_providers(VReturn *r, const char *path, Err *err)
{
    CsvReader csv;
    int rc = csv_open_file(&csv, path, err);
    return load(r, &csv, rc, err);
}

int vreturn_load_providers_buffer(VReturn *r, const char *name, const char *text, size_t len,
                                  Err *err)
{
    CsvReader csv;
    int rc = csv_open_buffer(&csv, name, text, len, err);
    return load(r, &csv, rc, err);
}

void vproviders_free(VProviders *p)
{
    if (!p) return;
    strmap_free(&p->index);
    free(p->entries);
    free(p);
}

const VProvider *vctx_provider(const VCtx *c, const char *urn)
{
    const VProviders *p = c->r->providers;
    char key[32];
    if (!p) return NULL;
    copy_postcode(key, sizeof key, urn);
    long at = strmap_get(&p->index, key, -1);
    return at < 0 ? NULL : &p->entries[at];
}

int vproviders_count(const VProviders *p)
{
    return p ? p->n_entries : 0;
}

const VProvider *vproviders_at(const VProviders *p, int i)
{
    return &p->entries[i];
}
