/* vpostcodes: the postcode-derived 903 fields PL_DISTANCE, PL_LA and
 * PL_LOCATION of a return, from the ONS Postcode Directory.
 *
 * The directory is read by exchange/onspd (one streaming pass keeping only the
 * wanted rows): the return's own postcodes (HOME_POST and PL_POST of this
 * year's and last year's Episodes, and the postcodes of Ofsted's provider lists
 * when they were loaded first) are the wanted ones. This module decides which
 * postcodes the return wants, which authority is responsible and derives the
 * fields for each Episodes row; it prints nothing. */
#include "validate/vctx.h"

#include "base/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void want_table(Onspd *p, const VTable *e)
{
    if (!e->file) return;
    for (int row = 0; row < e->file->n_rows; row++) {
        onspd_want(p, ssda903_cell(e->file, row, E_HOME_POST));
        onspd_want(p, ssda903_cell(e->file, row, E_PL_POST));
    }
}

static Onspd *start(const VReturn *r)
{
    Onspd *p = onspd_new();
    want_table(p, &r->cur[T903_EPISODES]);
    want_table(p, &r->last[T903_EPISODES]);
    for (int i = 0; i < vproviders_count(r->providers); i++) /* for rule 229 */
        onspd_want(p, vproviders_at(r->providers, i)->postcode);
    return p;
}

static int attach(VReturn *r, Onspd *p, int rc)
{
    if (rc < 0) {
        onspd_free(p);
        return rc;
    }
    onspd_free(r->postcodes);
    r->postcodes = p;
    return 0;
}

int vreturn_load_postcodes(VReturn *r, const char *path, Err *err)
{
    Onspd *p = start(r);
    return attach(r, p, onspd_read_file(p, path, err));
}

int vreturn_load_postcodes_buffer(VReturn *r, const char *name, const char *text, size_t len,
                                  Err *err)
{
    Onspd *p = start(r);
    return attach(r, p, onspd_read_buffer(p, name, text, len, err));
}

void vreturn_set_la(VReturn *r, const char *code)
{
    snprintf(r->la, sizeof r->la, "%s", code ? code : "");
}

/* The authority of the return: r->la, or else the authority most of this
 * year's home postcodes lie in. Writes "" when neither is known. */
static void responsible_la(const VReturn *r, char out[ONSPD_LA_LEN])
{
    snprintf(out, ONSPD_LA_LEN, "%s", r->la);
    const VTable *e = &r->cur[T903_EPISODES];
    if (out[0] || !e->file) return;
    StrMap counts = {0};
    long best = 0;
    for (int row = 0; row < e->file->n_rows; row++) {
        const OnspdEntry *h = onspd_lookup(r->postcodes, ssda903_cell(e->file, row, E_HOME_POST));
        if (!h || !h->la[0]) continue;
        long n = strmap_get(&counts, h->la, 0) + 1;
        strmap_put(&counts, h->la, n);
        if (n > best || (n == best && strcmp(h->la, out) < 0)) {
            best = n;
            snprintf(out, ONSPD_LA_LEN, "%s", h->la);
        }
    }
    strmap_free(&counts);
}

static VPostFields *derive_table(const VReturn *r, const VTable *e, const char *own)
{
    if (!e->file) return NULL;
    VPostFields *f = xcalloc((size_t)e->file->n_rows + 1, sizeof *f);
    for (int row = 0; row < e->file->n_rows; row++) {
        const OnspdEntry *h = onspd_lookup(r->postcodes, ssda903_cell(e->file, row, E_HOME_POST));
        const OnspdEntry *pl = onspd_lookup(r->postcodes, ssda903_cell(e->file, row, E_PL_POST));
        VPostFields *d = &f[row];
        d->home_known = h != NULL;
        d->pl_known = pl != NULL;
        d->distance = (int)onspd_distance_tenths(h, pl); /* PL_DISTANCE */
        /* PL_LA and PL_LOCATION (IN or OUT of the responsible authority). */
        if (pl) snprintf(d->la, sizeof d->la, "%s", pl->la);
        d->location = onspd_location(pl, own);
    }
    return f;
}

void vpostcodes_derive(const VReturn *r, VPostFields *out[2])
{
    out[0] = out[1] = NULL;
    if (!r->postcodes) return;
    char own[ONSPD_LA_LEN];
    responsible_la(r, own);
    out[0] = derive_table(r, &r->cur[T903_EPISODES], own);
    out[1] = derive_table(r, &r->last[T903_EPISODES], own);
}

bool vpostcode_same(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ') a++;
        while (*b == ' ') b++;
        if (toupper((unsigned char)*a) != toupper((unsigned char)*b)) return false;
        if (!*a) return true;
        a++;
        b++;
    }
}

bool vctx_postcode_authority(const VCtx *c, const char *postcode, char out[16])
{
    const OnspdEntry *e = onspd_lookup(c->r->postcodes, postcode);
    snprintf(out, 16, "%s", e ? e->la : "");
    return out[0] != '\0';
}

void vctx_own_authority(const VCtx *c, char out[16])
{
    out[0] = '\0';
    if (c->r->postcodes) responsible_la(c->r, out);
}
