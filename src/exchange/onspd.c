/* onspd: see onspd.h. One streaming pass over the ONS Postcode Directory,
 * keeping the rows of the wanted postcodes. */
#include "exchange/onspd.h"

#include "base/mem.h"
#include "base/strmap.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { PC_KEY = 10 };

typedef struct Entry {
    OnspdEntry pub;
    bool found; /* in the directory */
} Entry;

struct Onspd {
    StrMap index; /* normalised postcode -> entry */
    Entry *entries;
    int n_entries, cap_entries;
    long n_rows; /* directory rows read */
};

Onspd *onspd_new(void)
{
    return xcalloc(1, sizeof(Onspd));
}

void onspd_free(Onspd *p)
{
    if (!p) return;
    strmap_free(&p->index);
    free(p->entries);
    free(p);
}

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

long onspd_want(Onspd *p, const char *postcode)
{
    char key[PC_KEY];
    if (!postcode || !normalise(postcode, strlen(postcode), key)) return -1;
    long at = strmap_get(&p->index, key, -1);
    if (at >= 0) return at;
    MEM_GROW(p->entries, p->n_entries, p->cap_entries);
    memset(&p->entries[p->n_entries], 0, sizeof *p->entries);
    strmap_put(&p->index, key, p->n_entries);
    return p->n_entries++;
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
static void take_line(Onspd *p, char *line, const int cols[N_COLS])
{
    char *fields[MAX_FIELDS], key[PC_KEY];
    /* Look at the postcode first: most lines are not wanted. */
    size_t len;
    const char *pcd = nth_field(line, cols[COL_PCD], &len);
    if (!pcd || !normalise(pcd, len, key)) return;
    long at = strmap_get(&p->index, key, -1);
    if (at < 0) return;
    int n = split(line, fields, MAX_FIELDS);
    Entry *e = &p->entries[at];
    for (int c = 0; c < COL_CTY; c++)
        if (n <= cols[c]) return;
    e->found = true;
    e->pub.has_grid = parse_metres(fields[cols[COL_EAST]], &e->pub.east) &&
                      parse_metres(fields[cols[COL_NORTH]], &e->pub.north);
    const char *la = fields[cols[COL_LAUA]];
    if (cols[COL_CTY] >= 0 && n > cols[COL_CTY] && !pseudo_code(fields[cols[COL_CTY]]))
        la = fields[cols[COL_CTY]];
    snprintf(e->pub.la, sizeof e->pub.la, "%s", pseudo_code(la) ? "" : la);
}

/* Handles one line (NUL-terminated, end of line removed): the header first. */
static int one_line(Onspd *p, char *line, size_t len, bool *header, int cols[N_COLS],
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
 * blocks, splitting lines in place. A text in memory gets a block of its own
 * size: a 4 MiB block for a few hundred bytes was most of fuzz_onspd's time
 * (the sanitizer's shadow of each new block; 7 inputs a second). */
static int read_directory(Onspd *p, FILE *in, const char *text, size_t len, const char *name,
                          Err *err)
{
    size_t cap = (size_t)1 << 22, have = 0, taken = 0, text_pos = 0;
    if (!in && len < cap) cap = len < 64 ? 64 : len;
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

int onspd_read_file(Onspd *p, const char *path, Err *err)
{
    FILE *in = fopen(path, "r");
    if (!in) return err_set(err, ERR_IO, "%s: %s", path, strerror(errno));
    int rc = read_directory(p, in, NULL, 0, path, err);
    fclose(in);
    return rc;
}

int onspd_read_buffer(Onspd *p, const char *name, const char *text, size_t len, Err *err)
{
    return read_directory(p, NULL, text, len, name, err);
}

const OnspdEntry *onspd_lookup(const Onspd *p, const char *postcode)
{
    char key[PC_KEY];
    if (!p || !postcode || !normalise(postcode, strlen(postcode), key)) return NULL;
    return onspd_entry(p, strmap_get(&p->index, key, -1));
}

const OnspdEntry *onspd_entry(const Onspd *p, long handle)
{
    return p && handle >= 0 && handle < p->n_entries && p->entries[handle].found
               ? &p->entries[handle].pub
               : NULL;
}

long onspd_distance_tenths(const OnspdEntry *home, const OnspdEntry *pl)
{
    if (!home || !pl || !home->has_grid || !pl->has_grid) return -1;
    /* DfE derived field PL_DISTANCE: straight-line miles between the grid
     * references, to one decimal place. */
    double de = (double)(home->east - pl->east), dn = (double)(home->north - pl->north);
    double miles = sqrt(de * de + dn * dn) / 1000.0 / 1.6093;
    if (miles >= ONSPD_FAR_TENTHS / 10.0) return ONSPD_FAR_TENTHS; /* grid references gone wrong */
    return lround(miles * 10.0);
}

char onspd_location(const OnspdEntry *pl, const char *own_la)
{
    if (!pl || !pl->la[0] || !own_la || !own_la[0]) return 0;
    return strcmp(pl->la, own_la) == 0 ? 'I' : 'O';
}
