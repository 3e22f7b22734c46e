/* vpostcodes: the ONS Postcode Directory for the postcode-derived 903 fields
 * PL_DISTANCE, PL_LA and PL_LOCATION.
 *
 * The directory is large (some 2.7 million rows, over a gigabyte) and a council
 * validates many times a day, so it is not loaded whole: the return's own
 * postcodes (HOME_POST and PL_POST of this year's and last year's Episodes, and
 * the postcodes of Ofsted's provider lists when they were loaded first) go
 * into a hash map first, then one streaming pass over the directory keeps only
 * the rows whose postcode is in that map. Memory is that of the return's
 * postcodes; time is one read of the file.
 *
 * Columns read, by name from the header line (any order, quoted or not):
 * pcd (or pcds), oseast1m, osnrth1m, oslaua and, when present, oscty. A
 * postcode's authority is its county (oscty) where it has one, else its local
 * authority (oslaua): the upper tier, as the 903's PL_LA. Postcodes compare
 * without spaces or case. This module reads the directory file and nothing
 * else; it prints nothing. */
#include "validate/vctx.h"

#include "base/mem.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { PC_KEY = 10, PC_LA = 16 };

typedef struct PcEntry {
    long east, north;
    bool found, has_grid;
    char la[PC_LA];
} PcEntry;

struct VPostcodes {
    StrMap index; /* normalised postcode -> entry */
    PcEntry *entries;
    int n_entries, cap_entries;
    long n_rows; /* directory rows read */
};

/* Writes the postcode without spaces, in capitals, into key; false when it is
 * empty or too long to be a postcode. */
static bool normalise(const char *text, size_t len, char key[PC_KEY])
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == ' ' || ch == '"') continue;
        if (n + 1 >= PC_KEY || !isalnum(ch)) return false;
        key[n++] = (char)toupper(ch);
    }
    key[n] = '\0';
    return n > 0;
}

static void want(VPostcodes *p, const char *postcode)
{
    char key[PC_KEY];
    if (!normalise(postcode, strlen(postcode), key) || strmap_has(&p->index, key)) return;
    MEM_GROW(p->entries, p->n_entries, p->cap_entries);
    memset(&p->entries[p->n_entries], 0, sizeof *p->entries);
    strmap_put(&p->index, key, p->n_entries++);
}

static void want_table(VPostcodes *p, const VTable *e)
{
    if (!e->file) return;
    for (int row = 0; row < e->file->n_rows; row++) {
        want(p, ssda903_cell(e->file, row, E_HOME_POST));
        want(p, ssda903_cell(e->file, row, E_PL_POST));
    }
}

/* Splits one CSV line in place into at most cap fields (quotes removed, ""
 * inside quotes kept as one "). Returns the number of fields. */
static int split(char *line, char **fields, int cap)
{
    int n = 0;
    char *s = line;
    for (;;) {
        char *out = s, *start = s;
        if (*s == '"') {
            s++;
            for (; *s; s++) {
                if (*s == '"' && s[1] == '"') {
                    *out++ = '"';
                    s++;
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    *out++ = *s;
                }
            }
            while (*s && *s != ',') s++;
        } else {
            while (*s && *s != ',') s++;
            out = s;
        }
        char end = *s;
        *out = '\0';
        if (n < cap) fields[n++] = start;
        if (end != ',') return n;
        s++;
    }
}

/* Parses a whole number of metres; false when blank or not a number. */
static bool parse_metres(const char *s, long *out)
{
    char *end;
    if (!*s) return false;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < 0) return false;
    *out = v;
    return true;
}

/* True for the ONS pseudo codes meaning "none" (E99999999 and the like). */
static bool pseudo_code(const char *code)
{
    size_t n = strlen(code);
    return n < 9 || strcmp(code + n - 8, "99999999") == 0;
}

enum { COL_PCD, COL_EAST, COL_NORTH, COL_LAUA, COL_CTY, N_COLS };
enum { MAX_FIELDS = 256 };

static int find_columns(char *header, int cols[N_COLS], const char *name, Err *err)
{
    static const char *const names[N_COLS] = {"pcd", "oseast1m", "osnrth1m", "oslaua", "oscty"};
    char *fields[MAX_FIELDS];
    const unsigned char *u = (const unsigned char *)header;
    if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) header += 3; /* UTF-8 byte-order mark */
    int n = split(header, fields, MAX_FIELDS), pcds = -1;
    for (int c = 0; c < N_COLS; c++) cols[c] = -1;
    for (int i = 0; i < n; i++) {
        for (int c = 0; c < N_COLS; c++)
            if (strcasecmp(fields[i], names[c]) == 0) cols[c] = i;
        if (strcasecmp(fields[i], "pcds") == 0) pcds = i;
    }
    if (cols[COL_PCD] < 0) cols[COL_PCD] = pcds;
    for (int c = 0; c < COL_CTY; c++)
        if (cols[c] < 0)
            return err_at(err, ERR_INPUT, name, 1, 0, names[c],
                          "the ONS Postcode Directory has no %s column (it needs pcd, oseast1m, "
                          "osnrth1m and oslaua)",
                          names[c]);
    return 0;
}

/* Finds field k of a line without changing it: sets *len; NULL when the line
 * has fewer fields. Quotes stay in the field (normalise skips them). */
static const char *nth_field(const char *line, int k, size_t *len)
{
    const char *s = line;
    for (int i = 0;; i++) {
        const char *start = s;
        bool quoted = false;
        for (; *s && (quoted || *s != ','); s++)
            if (*s == '"') quoted = !quoted;
        if (i == k) {
            *len = (size_t)(s - start);
            return start;
        }
        if (!*s) return NULL;
        s++;
    }
}

/* Records one directory line when its postcode is wanted. */
static void take_line(VPostcodes *p, char *line, const int cols[N_COLS])
{
    char *fields[MAX_FIELDS], key[PC_KEY];
    /* Look at the postcode first: most lines are not wanted. */
    size_t len;
    const char *pcd = nth_field(line, cols[COL_PCD], &len);
    if (!pcd || !normalise(pcd, len, key)) return;
    long at = strmap_get(&p->index, key, -1);
    if (at < 0) return;
    int n = split(line, fields, MAX_FIELDS);
    PcEntry *e = &p->entries[at];
    for (int c = 0; c < COL_CTY; c++)
        if (n <= cols[c]) return;
    e->found = true;
    e->has_grid = parse_metres(fields[cols[COL_EAST]], &e->east) &&
                  parse_metres(fields[cols[COL_NORTH]], &e->north);
    const char *la = fields[cols[COL_LAUA]];
    if (cols[COL_CTY] >= 0 && n > cols[COL_CTY] && !pseudo_code(fields[cols[COL_CTY]]))
        la = fields[cols[COL_CTY]];
    snprintf(e->la, sizeof e->la, "%s", pseudo_code(la) ? "" : la);
}

/* Handles one line (NUL-terminated, end of line removed): the header first. */
static int one_line(VPostcodes *p, char *line, size_t len, bool *header, int cols[N_COLS],
                    const char *name, Err *err)
{
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
    if (*header) {
        *header = false;
        return find_columns(line, cols, name, err);
    }
    if (len > 0) {
        take_line(p, line, cols);
        p->n_rows++;
    }
    return 0;
}

/* Reads the directory from `in` (or from text[0..len) when in is NULL) in large
 * blocks, splitting lines in place. */
static int read_directory(VPostcodes *p, FILE *in, const char *text, size_t len, const char *name,
                          Err *err)
{
    size_t cap = (size_t)1 << 22, have = 0, taken = 0, text_pos = 0;
    char *buf = xmalloc(cap + 1);
    int cols[N_COLS], rc = 0;
    bool header = true, eof = false;
    while (rc == 0) {
        char *nl = memchr(buf + taken, '\n', have - taken);
        if (nl) {
            *nl = '\0';
            rc = one_line(p, buf + taken, (size_t)(nl - buf) - taken, &header, cols, name, err);
            taken = (size_t)(nl - buf) + 1;
            continue;
        }
        if (eof) {
            buf[have] = '\0';
            if (have > taken) rc = one_line(p, buf + taken, have - taken, &header, cols, name, err);
            break;
        }
        memmove(buf, buf + taken, have - taken); /* keep the partial line */
        have -= taken;
        taken = 0;
        if (have == cap) buf = xrealloc(buf, (cap *= 2) + 1);
        size_t got;
        if (in) {
            got = fread(buf + have, 1, cap - have, in);
        } else {
            got = len - text_pos < cap - have ? len - text_pos : cap - have;
            memcpy(buf + have, text + text_pos, got);
            text_pos += got;
        }
        have += got;
        eof = got == 0;
    }
    if (rc == 0 && header)
        rc = err_set(err, ERR_INPUT, "%s: the ONS Postcode Directory is empty", name);
    if (rc == 0 && in && ferror(in)) rc = err_set(err, ERR_IO, "%s: read error", name);
    free(buf);
    return rc;
}

static VPostcodes *start(const VReturn *r)
{
    VPostcodes *p = xcalloc(1, sizeof *p);
    want_table(p, &r->cur[T903_EPISODES]);
    want_table(p, &r->last[T903_EPISODES]);
    for (int i = 0; i < vproviders_count(r->providers); i++) /* for rule 229 */
        want(p, vproviders_at(r->providers, i)->postcode);
    return p;
}

static int attach(VReturn *r, VPostcodes *p, int rc)
{
    if (rc < 0) {
        vpostcodes_free(p);
        return rc;
    }
    vpostcodes_free(r->postcodes);
    r->postcodes = p;
    return 0;
}

int vreturn_load_postcodes(VReturn *r, const char *path, Err *err)
{
    FILE *in = fopen(path, "r");
    if (!in) return err_set(err, ERR_IO, "%s: %s", path, strerror(errno));
    VPostcodes *p = start(r);
    int rc = read_directory(p, in, NULL, 0, path, err);
    fclose(in);
    return attach(r, p, rc);
}

int vreturn_load_postcodes_buffer(VReturn *r, const char *name, const char *text, size_t len,
                                  Err *err)
{
    VPostcodes *p = start(r);
    return attach(r, p, read_directory(p, NULL, text, len, name, err));
}

void vreturn_set_la(VReturn *r, const char *code)
{
    snprintf(r->la, sizeof r->la, "%s", code ? code : "");
}

void vpostcodes_free(VPostcodes *p)
{
    if (!p) return;
    strmap_free(&p->index);
    free(p->entries);
    free(p);
}

/* The directory entry of a postcode, or NULL when it is not there. */
static const PcEntry *lookup(const VPostcodes *p, const char *postcode)
{
    char key[PC_KEY];
    if (!normalise(postcode, strlen(postcode), key)) return NULL;
    long at = strmap_get(&p->index, key, -1);
    return at >= 0 && p->entries[at].found ? &p->entries[at] : NULL;
}

/* The authority of the return: r->la, or else the authority most of this
 * year's home postcodes lie in. Writes "" when neither is known. */
static void responsible_la(const VReturn *r, char out[PC_LA])
{
    snprintf(out, PC_LA, "%s", r->la);
    const VTable *e = &r->cur[T903_EPISODES];
    if (out[0] || !e->file) return;
    StrMap counts = {0};
    long best = 0;
    for (int row = 0; row < e->file->n_rows; row++) {
        const PcEntry *h = lookup(r->postcodes, ssda903_cell(e->file, row, E_HOME_POST));
        if (!h || !h->la[0]) continue;
        long n = strmap_get(&counts, h->la, 0) + 1;
        strmap_put(&counts, h->la, n);
        if (n > best || (n == best && strcmp(h->la, out) < 0)) {
            best = n;
            snprintf(out, PC_LA, "%s", h->la);
        }
    }
    strmap_free(&counts);
}

static VPostFields *derive_table(const VReturn *r, const VTable *e, const char *own)
{
    if (!e->file) return NULL;
    VPostFields *f = xcalloc((size_t)e->file->n_rows + 1, sizeof *f);
    for (int row = 0; row < e->file->n_rows; row++) {
        const PcEntry *h = lookup(r->postcodes, ssda903_cell(e->file, row, E_HOME_POST));
        const PcEntry *pl = lookup(r->postcodes, ssda903_cell(e->file, row, E_PL_POST));
        VPostFields *d = &f[row];
        d->home_known = h != NULL;
        d->pl_known = pl != NULL;
        d->distance = -1;
        /* DfE derived field PL_DISTANCE: straight-line miles between the grid
         * references, to one decimal place. */
        if (h && pl && h->has_grid && pl->has_grid) {
            double de = (double)(h->east - pl->east), dn = (double)(h->north - pl->north);
            double miles = sqrt(de * de + dn * dn) / 1000.0 / 1.6093;
            d->distance = (int)lround(miles * 10.0);
        }
        /* PL_LA and PL_LOCATION (IN or OUT of the responsible authority). */
        if (pl && pl->la[0]) {
            snprintf(d->la, sizeof d->la, "%s", pl->la);
            if (own[0]) d->location = strcmp(pl->la, own) == 0 ? 'I' : 'O';
        }
    }
    return f;
}

void vpostcodes_derive(const VReturn *r, VPostFields *out[2])
{
    out[0] = out[1] = NULL;
    if (!r->postcodes) return;
    char own[PC_LA];
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
    const PcEntry *e = c->r->postcodes ? lookup(c->r->postcodes, postcode) : NULL;
    snprintf(out, 16, "%s", e ? e->la : "");
    return out[0] != '\0';
}

void vctx_own_authority(const VCtx *c, char out[16])
{
    out[0] = '\0';
    if (c->r->postcodes) responsible_la(c->r, out);
}
