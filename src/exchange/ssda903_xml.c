/* ssda903_xml: see ssda903_xml.h.
 *
 * The element names and their nesting are those of the EXPSSDA903 export that
 * case-management systems write and the public 903 validators read
 * (docs/import.md gives an example): the root holds CHILD elements; a CHILD
 * holds one HEADER and its EPISODEs; the HEADER holds the child's own fields
 * (CHILDID for the CSV's CHILD), UASC (1 for an unaccompanied asylum-seeking
 * child) with DUC, and the child's AREVIEW, AMISSING, OC2, PERMANENCE and
 * AD_PLACED records; an EPISODE calls PLACE "PL". The records never repeat
 * CHILD, DOB (or, for UASC, SEX): they take them from the HEADER. The OC3 and
 * AD1 fields may be leaves of the HEADER or grouped in an OC3 or AD1 element;
 * social worker episodes and deprivation of liberty orders, collected since
 * 2023/24 and 2026/27, are SW_EPISODE and DOLO elements named after their
 * CSV tables. */
#include "exchange/ssda903_xml.h"

#include "base/dynlib.h"
#include "base/strmap.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* libxml2 is opened when the first XML file is read (base/dynlib.h): with
 * ICU and the C++ runtime it would otherwise cost every command's start-up.
 * The build passes its SONAME. */
#define LIBXML_FUNCTIONS(F)                   \
    F(xmlInitParser)                          \
    F(xmlSetExternalEntityLoader)             \
    F(xmlReaderForMemory)                     \
    F(xmlFreeTextReader)                      \
    F(xmlTextReaderSetStructuredErrorHandler) \
    F(xmlTextReaderRead)                      \
    F(xmlTextReaderNodeType)                  \
    F(xmlTextReaderIsEmptyElement)            \
    F(xmlTextReaderConstName)                 \
    F(xmlTextReaderConstValue)                \
    F(xmlTextReaderGetParserLineNumber)       \
    F(xmlTextReaderGetParserColumnNumber)     \
    F(xmlSetStructuredErrorFunc)              \
    F(xmlSetGenericErrorFunc)                 \
    F(__xmlStructuredError)                   \
    F(__xmlStructuredErrorContext)            \
    F(__xmlGenericError)                      \
    F(__xmlGenericErrorContext)
static struct {
    LIBXML_FUNCTIONS(DYNLIB_POINTER)
} libxml;
static const char *const libxml_names[] = {LIBXML_FUNCTIONS(DYNLIB_NAME) NULL};
static DynLib libxml_lib =
    DYNLIB_INIT(CAREPLEDGE_SONAME_LIBXML2, "reading 903 XML", libxml_names, &libxml);

/* ---- The element of each table and field ---------------------------------- */

/* The element holding one row of each table. UASC has none: its fields are
 * leaves of the HEADER. */
static const char *const record_elements[T903_COUNT] = {
    [T903_HEADER] = "HEADER",
    [T903_EPISODES] = "EPISODE",
    [T903_REVIEWS] = "AREVIEW",
    [T903_UASC] = NULL,
    [T903_OC2] = "OC2",
    [T903_OC3] = "OC3",
    [T903_AD1] = "AD1",
    [T903_PLACED_ADOPTION] = "AD_PLACED",
    [T903_PREV_PERM] = "PERMANENCE",
    [T903_MISSING] = "AMISSING",
    [T903_SW_EPISODES] = "SW_EPISODE",
    [T903_DOLO] = "DOLO",
};

/* The leaf element of a column: the export's own names where they differ. */
static const char *leaf_name(Ssda903TableId t, const char *column)
{
    if (strcmp(column, "CHILD") == 0) return "CHILDID";
    if (t == T903_EPISODES && strcmp(column, "PLACE") == 0) return "PL";
    return column;
}

/* Whether a record's column is taken from its child's HEADER. */
static bool from_header(Ssda903TableId t, const char *column)
{
    if (t == T903_HEADER) return false;
    return strcmp(column, "CHILD") == 0 || strcmp(column, "DOB") == 0 ||
           (t == T903_UASC && strcmp(column, "SEX") == 0);
}

/* The element of each record and the leaf of each column, looked up once per
 * element read: built on first use (lookups_build), read-only afterwards. */
static StrMap records_by_element;
static StrMap columns_by_leaf[T903_COUNT];
/* The columns each record takes from its HEADER, and the Header's column of each. */
typedef struct Inherited {
    int n, col[3], header_col[3];
} Inherited;
static Inherited inherited[T903_COUNT];

static void lookups_build(void)
{
    for (int t = 0; t < T903_COUNT; t++) {
        if (record_elements[t]) strmap_put(&records_by_element, record_elements[t], t);
        const Ssda903Table *def = ssda903_table((Ssda903TableId)t);
        for (int c = 0; c < def->n_columns; c++) {
            const char *column = def->columns[c].name;
            if (!from_header((Ssda903TableId)t, column)) {
                strmap_put(&columns_by_leaf[t], leaf_name((Ssda903TableId)t, column), c);
                continue;
            }
            Inherited *in = &inherited[t];
            in->col[in->n] = c;
            in->header_col[in->n++] = ssda903_column_index(ssda903_table(T903_HEADER), column);
        }
    }
}

static int record_table(const char *name)
{
    return (int)strmap_get(&records_by_element, name, -1);
}

/* The column of table t whose leaf element is name, or -1. */
static int leaf_column(Ssda903TableId t, const char *name)
{
    return (int)strmap_get(&columns_by_leaf[t], name, -1);
}

/* "PARENT/LEAF" for a column: where the writer puts it and messages name it. */
static void column_label(Ssda903TableId t, int col, char *buf, size_t n)
{
    const char *column = ssda903_table(t)->columns[col].name;
    const char *parent =
        from_header(t, column) || !record_elements[t] ? "HEADER" : record_elements[t];
    snprintf(buf, n, "%s/%s", parent, leaf_name(t, column));
}

/* ---- Where each element starts --------------------------------------------- */

/* libxml2's reader parses ahead of the node it returns, so its position is not
 * the node's. The scanner walks the same bytes to the start of each element:
 * the reader meets elements in document order, so the n-th call finds the n-th
 * start tag. It only ever sees well-formed text (the reader stops at the first
 * fault), and skips comments, CDATA sections and processing instructions. */
typedef struct Scanner {
    const char *p, *end;
    long line;
    int column; /* in characters, counting UTF-8 sequences once */
} Scanner;

static void scan_step(Scanner *s)
{
    unsigned char b = (unsigned char)*s->p++;
    if (b == '\n') {
        s->line++;
        s->column = 1;
    } else if ((b & 0xC0) != 0x80 && b != '\r') {
        s->column++;
    }
}

static bool scan_at(const Scanner *s, const char *text)
{
    size_t n = strlen(text);
    return (size_t)(s->end - s->p) >= n && memcmp(s->p, text, n) == 0;
}

static void scan_past(Scanner *s, const char *terminator)
{
    while (s->p < s->end && !scan_at(s, terminator)) scan_step(s);
    for (size_t i = 0; i < strlen(terminator) && s->p < s->end; i++) scan_step(s);
}

/* Moves to `to`, counting the lines and characters passed: whole lines are
 * skipped with memchr, only the last one's characters are counted. */
static void scan_move_to(Scanner *s, const char *to)
{
    const char *p = s->p, *nl;
    while ((nl = memchr(p, '\n', (size_t)(to - p))) != NULL) {
        s->line++;
        s->column = 1;
        p = nl + 1;
    }
    for (; p < to; p++)
        if ((*p & 0xC0) != 0x80 && *p != '\r') s->column++;
    s->p = to;
}

static void scan_next_element(Scanner *s, long *line, int *column)
{
    const char *lt;
    while ((lt = memchr(s->p, '<', (size_t)(s->end - s->p))) != NULL && s->end - lt > 1) {
        scan_move_to(s, lt);
        if (scan_at(s, "<!--")) {
            scan_past(s, "-->");
        } else if (scan_at(s, "<![CDATA[")) {
            scan_past(s, "]]>");
        } else if (lt[1] == '?' || lt[1] == '!') {
            scan_past(s, ">");
        } else if (lt[1] == '/') {
            scan_step(s);
        } else {
            *line = s->line;
            *column = s->column;
            scan_step(s);
            return;
        }
    }
    scan_move_to(s, s->end);
    *line = s->line;
    *column = s->column;
}

/* ---- Reading -------------------------------------------------------------- */

typedef enum Level { L_ROOT, L_CHILD, L_HEADER, L_RECORD, L_LEAF } Level;

enum { NAME_MAX_LEN = 40, MAX_DEPTH = 8, UASC_FLAG = -1 };

typedef struct Frame {
    Level level;
    Ssda903TableId table; /* L_HEADER, L_RECORD, L_LEAF: the table written to */
    int row;              /* its row (-1 for the UASC flag) */
    int col;              /* L_LEAF: the column, or UASC_FLAG */
    unsigned seen;        /* L_HEADER, L_RECORD: the columns given so far, one bit each */
    long line;
    int column;
    char name[NAME_MAX_LEN];
} Frame;

/* What is known of the CHILD being read. */
typedef struct ChildState {
    int first_row[T903_COUNT];       /* the child's rows of each table start here */
    int header_row;                  /* -1 until its HEADER */
    int header_leaf_row[T903_COUNT]; /* UASC, OC3, AD1 row made of HEADER leaves, or -1 */
    unsigned header_leaf_seen[T903_COUNT];
    long line;
    int column;
} ChildState;

typedef struct XmlLoad {
    const char *name;
    xmlTextReaderPtr reader;
    ErrList *errs;
    long errors_at_start;
    bool stop;          /* a fault after which nothing more is read */
    bool libxml_failed; /* libxml2 reported the fault */
    Scanner scan;
    Frame stack[MAX_DEPTH];
    int depth;
    int skip; /* > 0 inside an element already reported as unknown */
    long line;
    int column; /* of the element being opened */
    ChildState child;
    Ssda903File files[T903_COUNT];
    size_t cap_rows[T903_COUNT];
    char *empty[T903_COUNT]; /* each table's empty cell */
    char *text;              /* the text of the leaf being read */
    size_t text_len, text_cap;
} XmlLoad;

static bool had_errors(const XmlLoad *ld)
{
    return ld->errs->n_total > ld->errors_at_start;
}

/* The innermost open element as PARENT/NAME, or NULL at the top. */
static const char *open_label(const XmlLoad *ld, char *buf, size_t n)
{
    if (ld->depth == 0) return NULL;
    const Frame *top = &ld->stack[ld->depth - 1];
    if (ld->depth == 1) return top->name;
    snprintf(buf, n, "%s/%s", ld->stack[ld->depth - 2].name, top->name);
    return buf;
}

static void init_table(XmlLoad *ld, Ssda903TableId t)
{
    Ssda903File *f = &ld->files[t];
    f->table = ssda903_table(t);
    f->path = xstrdup(ld->name);
    f->labels = arena_alloc(&f->text, sizeof *f->labels * (size_t)f->table->n_columns);
    for (int c = 0; c < f->table->n_columns; c++) {
        char label[2 * NAME_MAX_LEN];
        column_label(t, c, label, sizeof label);
        f->labels[c] = arena_strdup(&f->text, label);
    }
    ld->empty[t] = arena_strdup(&f->text, "");
}

static int add_row(XmlLoad *ld, Ssda903TableId t, long line, int column)
{
    Ssda903File *f = &ld->files[t];
    size_t nc = (size_t)f->table->n_columns;
    if ((size_t)f->n_rows >= ld->cap_rows[t]) {
        size_t cap = ld->cap_rows[t] = ld->cap_rows[t] ? ld->cap_rows[t] * 2 : 256;
        f->cells = xrealloc(f->cells, cap * nc * sizeof *f->cells);
        f->cell_columns = xrealloc(f->cell_columns, cap * nc * sizeof *f->cell_columns);
        f->cell_lines = xrealloc(f->cell_lines, cap * nc * sizeof *f->cell_lines);
        f->lines = xrealloc(f->lines, cap * sizeof *f->lines);
    }
    int row = f->n_rows++;
    size_t base = (size_t)row * nc;
    for (size_t c = 0; c < nc; c++) {
        f->cells[base + c] = ld->empty[t];
        f->cell_lines[base + c] = (int)line;
        f->cell_columns[base + c] = column;
    }
    f->lines[row] = line;
    return row;
}

/* Stores a value, trimmed of surrounding white space, with its place. */
static void set_cell(XmlLoad *ld, Ssda903TableId t, int row, int col, const char *v, size_t len,
                     long line, int column)
{
    while (len && (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')) v++, len--;
    while (len &&
           (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\r' || v[len - 1] == '\n'))
        len--;
    Ssda903File *f = &ld->files[t];
    size_t at = (size_t)row * (size_t)f->table->n_columns + (size_t)col;
    f->cells[at] = len ? arena_strndup(&f->text, v, len) : ld->empty[t];
    f->cell_lines[at] = (int)line;
    f->cell_columns[at] = column;
}

static void begin_child(XmlLoad *ld)
{
    ChildState *c = &ld->child;
    for (int t = 0; t < T903_COUNT; t++) {
        c->first_row[t] = ld->files[t].n_rows;
        c->header_leaf_row[t] = -1;
        c->header_leaf_seen[t] = 0;
    }
    c->header_row = -1;
    c->line = ld->line;
    c->column = ld->column;
}

/* Gives each of the child's records the CHILD, DOB (and SEX) of its HEADER. */
static void finish_child(XmlLoad *ld)
{
    ChildState *c = &ld->child;
    if (c->header_row < 0) {
        errlist_at(ld->errs, ld->name, c->line, c->column, "CHILD",
                   "a CHILD needs a HEADER with the child's fields (CHILDID, SEX, DOB, ...)");
        return;
    }
    const Ssda903File *h = &ld->files[T903_HEADER];
    size_t header_at = (size_t)c->header_row * (size_t)h->table->n_columns;
    for (int t = 1; t < T903_COUNT; t++) {
        if (c->first_row[t] == ld->files[t].n_rows) continue; /* no record of this kind */
        for (int i = 0; i < inherited[t].n; i++) {
            int hc = inherited[t].header_col[i];
            const char *v = h->cells[header_at + (size_t)hc];
            for (int row = c->first_row[t]; row < ld->files[t].n_rows; row++)
                set_cell(ld, (Ssda903TableId)t, row, inherited[t].col[i], v, strlen(v),
                         h->cell_lines[header_at + (size_t)hc],
                         h->cell_columns[header_at + (size_t)hc]);
        }
    }
}

/* The names an element may hold, for the message about an unknown one. */
static void expected_names(const Frame *parent, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
#define ADD(name) \
    used += (size_t)snprintf(buf + used, used < n ? n - used : 0, "%s%s", used ? ", " : "", (name))
    if (parent->level == L_ROOT) {
        ADD("CHILD");
    } else if (parent->level == L_CHILD) {
        ADD("HEADER");
        ADD("EPISODE");
    } else if (parent->level == L_HEADER || parent->level == L_RECORD) {
        Ssda903TableId t = parent->table;
        const Ssda903Table *def = ssda903_table(t);
        for (int c = 0; c < def->n_columns; c++)
            if (!from_header(t, def->columns[c].name)) ADD(leaf_name(t, def->columns[c].name));
        if (parent->level == L_HEADER) {
            ADD("UASC");
            for (int r = 0; r < T903_COUNT; r++) {
                if (r == T903_HEADER || r == T903_EPISODES || !record_elements[r]) continue;
                ADD(record_elements[r]);
            }
            ADD("DUC and the OC3 and AD1 fields");
        }
    }
#undef ADD
    if (used >= n && n > 4) strcpy(buf + n - 4, "...");
}

static void report_unknown(XmlLoad *ld, const Frame *parent, const char *name)
{
    char label[2 * NAME_MAX_LEN + 2];
    snprintf(label, sizeof label, "%.*s/%.*s", NAME_MAX_LEN - 1, parent->name, NAME_MAX_LEN - 1,
             name);
    if (parent->level == L_LEAF) {
        errlist_at(ld->errs, ld->name, ld->line, ld->column, label,
                   "unknown element: %s is a field and holds a value, not elements", parent->name);
        return;
    }
    char expected[600];
    expected_names(parent, expected, sizeof expected);
    errlist_at(ld->errs, ld->name, ld->line, ld->column, label,
               "unknown element: %s holds %s (docs/import.md)", parent->name, expected);
}

/* A leaf of the HEADER: a field of the Header, of UASC, OC3 or AD1, or the
 * UASC flag. Sets the frame's table and column; false when it is none. */
static bool header_leaf(const char *name, Frame *f)
{
    if (strcmp(name, "UASC") == 0) {
        f->table = T903_UASC;
        f->col = UASC_FLAG;
        return true;
    }
    static const Ssda903TableId order[] = {T903_HEADER, T903_UASC, T903_OC3, T903_AD1};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        int c = leaf_column(order[i], name);
        if (c >= 0) {
            f->table = order[i];
            f->col = c;
            return true;
        }
    }
    return false;
}

static unsigned *seen_mask(XmlLoad *ld, Frame *parent, Ssda903TableId t)
{
    if ((parent->level == L_HEADER || parent->level == L_RECORD) && parent->table == t)
        return &parent->seen;
    return &ld->child.header_leaf_seen[t];
}

/* Opens a field: checks it is not given twice and finds its row. */
static bool open_leaf(XmlLoad *ld, Frame *parent, const char *name, Frame *f)
{
    f->level = L_LEAF;
    if (parent->level == L_HEADER) {
        if (!header_leaf(name, f)) return false;
    } else {
        f->table = parent->table;
        f->col = leaf_column(parent->table, name);
        if (f->col < 0) return false;
    }
    if (f->col != UASC_FLAG) {
        unsigned *seen = seen_mask(ld, parent, f->table);
        if (*seen & (1u << f->col)) {
            char label[2 * NAME_MAX_LEN + 2];
            snprintf(label, sizeof label, "%s/%s", parent->name, name);
            errlist_at(ld->errs, ld->name, ld->line, ld->column, label, "given twice in one %s",
                       parent->name);
        }
        *seen |= 1u << f->col;
    }
    if (f->col == UASC_FLAG) {
        f->row = -1;
    } else if (f->table == parent->table) {
        f->row = parent->row;
    } else {
        int *row = &ld->child.header_leaf_row[f->table];
        if (*row < 0) *row = add_row(ld, f->table, ld->line, ld->column);
        f->row = *row;
    }
    ld->text_len = 0;
    return true;
}

static bool open_record(XmlLoad *ld, Ssda903TableId t, Frame *f)
{
    f->level = t == T903_HEADER ? L_HEADER : L_RECORD;
    f->table = t;
    f->row = add_row(ld, t, ld->line, ld->column);
    if (t == T903_HEADER) ld->child.header_row = f->row;
    return true;
}

/* Works out what an element is from where it is. Returns false (after
 * reporting it) when it does not belong there. */
static bool open_element(XmlLoad *ld, Frame *parent, const char *name, Frame *f)
{
    if (!parent) {
        if (strcmp(name, "EXPSSDA903") == 0) {
            f->level = L_ROOT;
            return true;
        }
        errlist_at(ld->errs, ld->name, ld->line, ld->column, name,
                   "the root element is %s, not EXPSSDA903: this is not a 903 XML export", name);
        ld->stop = true;
        return false;
    }
    int t = record_table(name);
    bool ok = false;
    switch (parent->level) {
    case L_ROOT:
        if ((ok = strcmp(name, "CHILD") == 0)) {
            f->level = L_CHILD;
            begin_child(ld);
        }
        break;
    case L_CHILD:
        if (t == T903_HEADER && ld->child.header_row >= 0) {
            errlist_at(ld->errs, ld->name, ld->line, ld->column, "CHILD/HEADER",
                       "a second HEADER in one CHILD (each child has one)");
            return false;
        }
        ok = t >= 0 && open_record(ld, (Ssda903TableId)t, f);
        break;
    case L_HEADER:
        if (t >= 0 && t != T903_HEADER && t != T903_EPISODES)
            ok = open_record(ld, (Ssda903TableId)t, f);
        else
            ok = open_leaf(ld, parent, name, f);
        break;
    case L_RECORD: ok = open_leaf(ld, parent, name, f); break;
    case L_LEAF: ok = false; break;
    }
    if (!ok) report_unknown(ld, parent, name);
    return ok;
}

static void close_leaf(XmlLoad *ld, const Frame *f)
{
    const char *v = ld->text ? ld->text : "";
    if (f->col != UASC_FLAG) {
        set_cell(ld, f->table, f->row, f->col, v, ld->text_len, f->line, f->column);
        return;
    }
    size_t len = ld->text_len;
    while (len && (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')) v++, len--;
    while (len && (v[len - 1] == ' ' || v[len - 1] == '\n' || v[len - 1] == '\r')) len--;
    if (len == 1 && *v == '1') {
        int *row = &ld->child.header_leaf_row[T903_UASC];
        if (*row < 0) *row = add_row(ld, T903_UASC, f->line, f->column);
    } else if (!(len == 0 || (len == 1 && *v == '0'))) {
        errlist_at(ld->errs, ld->name, f->line, f->column, "HEADER/UASC",
                   "'%.*s' is not 1 (an unaccompanied asylum-seeking child) or 0", (int)len, v);
    }
}

static void on_start(XmlLoad *ld)
{
    const char *name = (const char *)libxml.xmlTextReaderConstName(ld->reader);
    bool empty = libxml.xmlTextReaderIsEmptyElement(ld->reader) == 1;
    scan_next_element(&ld->scan, &ld->line, &ld->column);
    if (!name) name = "";
    if (ld->skip) {
        ld->skip += !empty;
        return;
    }
    Frame *parent = ld->depth ? &ld->stack[ld->depth - 1] : NULL;
    Frame f = {.row = -1, .line = ld->line, .column = ld->column};
    size_t name_len = strnlen(name, sizeof f.name - 1);
    memcpy(f.name, name, name_len);
    f.name[name_len] = '\0';
    if (ld->depth == MAX_DEPTH || !open_element(ld, parent, name, &f)) {
        ld->skip = !empty;
        return;
    }
    ld->stack[ld->depth++] = f;
    if (empty) {
        ld->depth--;
        if (f.level == L_LEAF) {
            ld->text_len = 0;
            close_leaf(ld, &f);
        } else if (f.level == L_CHILD) {
            finish_child(ld);
        }
    }
}

static void on_end(XmlLoad *ld)
{
    if (ld->skip) {
        ld->skip--;
        return;
    }
    if (ld->depth == 0) return;
    const Frame *f = &ld->stack[--ld->depth];
    if (f->level == L_LEAF) close_leaf(ld, f);
    if (f->level == L_CHILD) finish_child(ld);
}

static void on_text(XmlLoad *ld)
{
    if (ld->skip) return;
    const char *v = (const char *)libxml.xmlTextReaderConstValue(ld->reader);
    if (!v) return;
    size_t len = strlen(v);
    if (ld->depth && ld->stack[ld->depth - 1].level == L_LEAF) {
        if (ld->text_len + len + 1 > ld->text_cap) {
            ld->text_cap = (ld->text_len + len + 1) * 2;
            ld->text = xrealloc(ld->text, ld->text_cap);
        }
        memcpy(ld->text + ld->text_len, v, len);
        ld->text_len += len;
        ld->text[ld->text_len] = '\0';
        return;
    }
    if (strspn(v, " \t\r\n") == len) return;
    char buf[2 * NAME_MAX_LEN + 2];
    errlist_at(ld->errs, ld->name, libxml.xmlTextReaderGetParserLineNumber(ld->reader), 1,
               open_label(ld, buf, sizeof buf),
               "text outside a field: '%.40s' (a value belongs in the element of its field)", v);
}

/* A DOCTYPE comes before the root element, where the scanner still is. */
static void refuse(XmlLoad *ld, const char *what, const char *markup)
{
    Scanner s = ld->scan;
    while (s.p < s.end && !scan_at(&s, markup)) scan_step(&s);
    char buf[2 * NAME_MAX_LEN + 2];
    errlist_at(ld->errs, ld->name, s.p < s.end ? s.line : 0, s.p < s.end ? s.column : 0,
               open_label(ld, buf, sizeof buf),
               "%s: a 903 export has no DOCTYPE, DTD or entities, and Carepledge reads none", what);
    ld->stop = true;
}

/* Where the parser is, for a fault libxml2 reports without a place (the
 * conversion from the declared encoding): line 1 before the reader exists. */
static void parser_place(const XmlLoad *ld, long *line, int *column)
{
    *line = ld->reader ? libxml.xmlTextReaderGetParserLineNumber(ld->reader) : 0;
    *column = ld->reader ? libxml.xmlTextReaderGetParserColumnNumber(ld->reader) : 0;
    if (*line <= 0) *line = 1, *column = 1;
}

/* The place of the bytes libxml2 could not convert from the declared
 * encoding, which its message lists ("input conversion failed due to input
 * error, bytes 0x81 0x20 0xFF 0xFE"): their first occurrence at or after the
 * reader's place. Returns false when the message names none or they are not
 * found. */
static bool unconverted_place(const XmlLoad *ld, const char *msg, long *line, int *column)
{
    const char *at = msg ? strstr(msg, "bytes ") : NULL;
    if (!at) return false;
    char bytes[8];
    size_t n = 0;
    unsigned value;
    int used;
    for (at += 6; n < sizeof bytes && sscanf(at, " 0x%2x%n", &value, &used) == 1; at += used)
        bytes[n++] = (char)value;
    Scanner s = ld->scan;
    while (n && (size_t)(s.end - s.p) >= n && memcmp(s.p, bytes, n) != 0) scan_step(&s);
    if (!n || (size_t)(s.end - s.p) < n) return false;
    *line = s.line;
    *column = s.column;
    return true;
}

/* The first fault libxml2 reports (the parser stops there): the document is
 * not well-formed, or not in the encoding it says. text is libxml2's
 * message, kept to its first line. */
static void report_libxml_fault(XmlLoad *ld, bool encoding, long line, int column,
                                const char *label, const char *text)
{
    if (ld->libxml_failed) return;
    ld->libxml_failed = true;
    char msg[256];
    snprintf(msg, sizeof msg, "%s", text ? text : "unknown fault");
    msg[strcspn(msg, "\n")] = '\0';
    size_t n = strlen(msg);
    while (n && msg[n - 1] == ' ') msg[--n] = '\0';
    if (encoding || strstr(msg, "encod") || strstr(msg, "UTF-8"))
        errlist_at(ld->errs, ld->name, line, column, label,
                   "the text is not in the encoding the file declares (UTF-8 when it declares "
                   "none): save it as UTF-8 (libxml2: %s)",
                   msg);
    else
        errlist_at(ld->errs, ld->name, line, column, label, "not well-formed XML: %s", msg);
}

/* libxml2's structured reports: the reader's (with the parser's context) and
 * the thread's (without one: a conversion from the declared encoding, the
 * input's I/O). Warnings are not faults. */
static void on_libxml_error(void *arg, xmlErrorPtr e)
{
    XmlLoad *ld = arg;
    if (!e || e->level < XML_ERR_ERROR || ld->libxml_failed) return;
    /* The parser is ahead of the reader: the element it was in is its own. */
    char buf[2 * NAME_MAX_LEN + 2];
    const char *label = open_label(ld, buf, sizeof buf);
    const xmlParserCtxt *ctxt = e->ctxt;
    if (ctxt && ctxt->nameNr >= 2)
        snprintf(buf, sizeof buf, "%.*s/%.*s", NAME_MAX_LEN - 1, ctxt->nameTab[ctxt->nameNr - 2],
                 NAME_MAX_LEN - 1, ctxt->nameTab[ctxt->nameNr - 1]);
    if (ctxt && ctxt->nameNr >= 1) label = buf;
    if (ctxt && ctxt->nameNr == 1)
        snprintf(buf, sizeof buf, "%.*s", NAME_MAX_LEN - 1, ctxt->nameTab[0]);
    long line = e->line;
    int column = e->int2;
    if (line <= 0 && !unconverted_place(ld, e->message, &line, &column))
        parser_place(ld, &line, &column);
    bool encoding = e->code == XML_ERR_INVALID_CHAR || e->code == XML_ERR_INVALID_ENCODING ||
                    e->code == XML_ERR_UNSUPPORTED_ENCODING || e->domain == XML_FROM_I18N;
    report_libxml_fault(ld, encoding, line, column, label, e->message);
}

/* libxml2's printf-style reports, which a few places make directly ("xmlParseChunk:
 * encoder error"), bypassing the structured ones: a fault too. */
static void on_libxml_generic(void *arg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void on_libxml_generic(void *arg, const char *fmt, ...)
{
    XmlLoad *ld = arg;
    if (ld->libxml_failed) return;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    long line;
    int column;
    parser_place(ld, &line, &column);
    char buf[2 * NAME_MAX_LEN + 2];
    report_libxml_fault(ld, false, line, column, open_label(ld, buf, sizeof buf), msg);
}

/* The calling thread's libxml2 handlers (thread-local in libxml2). */
typedef struct LibxmlHandlers {
    xmlStructuredErrorFunc structured;
    void *structured_arg;
    xmlGenericErrorFunc generic;
    void *generic_arg;
} LibxmlHandlers;

/* Reports libxml2 makes outside the reader, with no parser context (the
 * input's conversion from its declared encoding: "encoding error : input
 * conversion failed", "I/O error : encoder error"), go to the thread's
 * handlers, by default printed on stderr. For the read, this thread's go to
 * ld too, so that a fault is one FILE:LINE message like any other; the
 * thread's own are put back after (restore_handlers). */
static void route_handlers(XmlLoad *ld, LibxmlHandlers *saved)
{
    saved->structured = *libxml.__xmlStructuredError();
    saved->structured_arg = *libxml.__xmlStructuredErrorContext();
    saved->generic = *libxml.__xmlGenericError();
    saved->generic_arg = *libxml.__xmlGenericErrorContext();
    libxml.xmlSetStructuredErrorFunc(ld, on_libxml_error);
    libxml.xmlSetGenericErrorFunc(ld, on_libxml_generic);
}

static void restore_handlers(const LibxmlHandlers *saved)
{
    libxml.xmlSetStructuredErrorFunc(saved->structured_arg, saved->structured);
    libxml.xmlSetGenericErrorFunc(saved->generic_arg, saved->generic);
}

/* Refuses every external resource: a 903 export needs none. */
static xmlParserInputPtr no_external_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static void init_once(void)
{
    lookups_build();
    libxml.xmlInitParser();
    libxml.xmlSetExternalEntityLoader(no_external_entity);
}

/* Reading options: no network, and not one of the options that would load a
 * DTD or substitute entities (XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID,
 * XINCLUDE), nor XML_PARSE_HUGE, which lifts libxml2's limits. */
enum { READER_OPTIONS = XML_PARSE_NONET | XML_PARSE_NOCDATA };

static void read_document(XmlLoad *ld, const char *data, size_t len)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_once);
    ld->scan = (Scanner){data, data + len, 1, 1};
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ld->scan.p += 3;
    LibxmlHandlers saved;
    route_handlers(ld, &saved);
    ld->reader = libxml.xmlReaderForMemory(data, (int)len, ld->name, NULL, READER_OPTIONS);
    if (!ld->reader) {
        restore_handlers(&saved);
        if (!ld->libxml_failed)
            errlist_at(ld->errs, ld->name, 0, 0, NULL, "libxml2 could not start reading the file");
        return;
    }
    libxml.xmlTextReaderSetStructuredErrorHandler(ld->reader, on_libxml_error, ld);
    int rc;
    while (!ld->stop && (rc = libxml.xmlTextReaderRead(ld->reader)) == 1) {
        switch (libxml.xmlTextReaderNodeType(ld->reader)) {
        case XML_READER_TYPE_ELEMENT: on_start(ld); break;
        case XML_READER_TYPE_END_ELEMENT: on_end(ld); break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA: on_text(ld); break;
        case XML_READER_TYPE_DOCUMENT_TYPE:
            refuse(ld, "a DOCTYPE (DTD) is not accepted", "<!DOCTYPE");
            break;
        case XML_READER_TYPE_ENTITY_REFERENCE:
        case XML_READER_TYPE_ENTITY: refuse(ld, "an entity is not accepted", "&"); break;
        default: break; /* comments, processing instructions, white space */
        }
    }
    if (!ld->stop && rc < 0 && !ld->libxml_failed)
        errlist_at(ld->errs, ld->name, libxml.xmlTextReaderGetParserLineNumber(ld->reader),
                   libxml.xmlTextReaderGetParserColumnNumber(ld->reader), NULL,
                   "not well-formed XML");
    libxml.xmlFreeTextReader(ld->reader);
    ld->reader = NULL;
    restore_handlers(&saved);
}

/* UTF-16 and UTF-32 text starts with a byte-order mark or has NUL bytes
 * among its first characters. */
static bool is_wide_text(const unsigned char *d, size_t len)
{
    if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF))) return true;
    for (size_t i = 0; i < len && i < 4; i++)
        if (d[i] == 0) return true;
    return false;
}

bool ssda903_xml_sniff(const char *data, size_t len)
{
    const unsigned char *d = (const unsigned char *)data;
    if (is_wide_text(d, len)) {
        /* '<' as the first wide character, after any byte-order mark. */
        for (size_t i = 0; i < len && i < 8; i++)
            if (d[i] == '<') return true;
        return false;
    }
    size_t i = len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n')) i++;
    return i < len && d[i] == '<';
}

bool ssda903_xml_sniff_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char buf[512];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return ssda903_xml_sniff(buf, n);
}

static void free_load(XmlLoad *ld)
{
    for (int t = 0; t < T903_COUNT; t++) ssda903_file_free(&ld->files[t]);
    free(ld->text);
}

/* Hands the tables over: Header and Episodes always, the others with rows. */
static void append_tables(XmlLoad *ld, Ssda903FileList *out)
{
    for (int t = 0; t < T903_COUNT; t++) {
        if (t != T903_HEADER && t != T903_EPISODES && ld->files[t].n_rows == 0) continue;
        MEM_GROW(out->items, out->n_items, out->cap);
        out->items[out->n_items++] = ld->files[t];
        memset(&ld->files[t], 0, sizeof ld->files[t]);
    }
}

int ssda903_xml_load_buffer(const char *name, const char *data, size_t len, Ssda903FileList *out,
                            ErrList *errs)
{
    if (is_wide_text((const unsigned char *)data, len)) {
        errlist_at(errs, name, 1, 1, NULL,
                   "the file is UTF-16 or UTF-32 text; a 903 XML export is read in UTF-8: save "
                   "it as UTF-8");
        return ERR_INPUT;
    }
    if (len > (size_t)INT32_MAX) {
        errlist_at(errs, name, 0, 0, NULL, "the file is larger than 2 GB; split it by year");
        return ERR_INPUT;
    }
    Err unavailable;
    if (dynlib_open(&libxml_lib, &unavailable) < 0) {
        errlist_at(errs, name, 0, 0, NULL, "%s", unavailable.msg);
        return ERR_UNAVAILABLE;
    }
    XmlLoad ld = {.name = name, .errs = errs, .errors_at_start = errs->n_total};
    for (int t = 0; t < T903_COUNT; t++) init_table(&ld, (Ssda903TableId)t);
    read_document(&ld, data, len);
    if (!had_errors(&ld) && ld.depth != 0)
        errlist_at(errs, name, 0, 0, NULL, "the document ends before its elements are closed");
    int rc = had_errors(&ld) ? ERR_INPUT : 0;
    if (rc == 0) append_tables(&ld, out);
    free_load(&ld);
    return rc;
}

int ssda903_xml_load(const char *path, Ssda903FileList *out, ErrList *errs)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        errlist_at(errs, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
        if (fd >= 0) close(fd);
        return ERR_IO;
    }
    if (st.st_size == 0) {
        close(fd);
        return ssda903_xml_load_buffer(path, "", 0, out, errs);
    }
    /* Mapped, not copied: the pages are the file's own and can be dropped. */
    void *data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (data == MAP_FAILED) {
        errlist_at(errs, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
        return ERR_IO;
    }
    madvise(data, (size_t)st.st_size, MADV_SEQUENTIAL);
    int rc = ssda903_xml_load_buffer(path, data, (size_t)st.st_size, out, errs);
    munmap(data, (size_t)st.st_size);
    return rc;
}

int ssda903_load_any_format(const char *path, Ssda903FileList *out, ErrList *errs)
{
    if (ssda903_xml_sniff_file(path)) return ssda903_xml_load(path, out, errs);
    MEM_GROW(out->items, out->n_items, out->cap);
    return ssda903_file_load_any(path, &out->items[out->n_items++], errs);
}

void ssda903_file_list_free(Ssda903FileList *l)
{
    for (int i = 0; i < l->n_items; i++) ssda903_file_free(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* ---- Writing -------------------------------------------------------------- */

/* Writes text with the characters XML reserves escaped. Returns false for a
 * control character, which XML 1.0 cannot hold. */
static bool write_text(FILE *out, const char *v)
{
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '\r': fputs("&#13;", out); break; /* a raw one would be read as a line end */
        default:
            if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') return false;
            putc(*p, out);
        }
    }
    return true;
}

typedef struct ChildRows {
    int *start; /* rows of header row h: order[start[h] .. start[h + 1]) */
    int *order;
} ChildRows;

/* Groups a table's rows by the Header row of their child, keeping file order. */
static int group_by_child(const Ssda903File *f, const StrMap *ids, int n_children, ChildRows *out,
                          Err *err)
{
    out->start = xcalloc((size_t)n_children + 2, sizeof *out->start);
    out->order = xmalloc(((size_t)f->n_rows + 1) * sizeof *out->order);
    int *child_of = xmalloc(((size_t)f->n_rows + 1) * sizeof *child_of);
    int rc = 0;
    for (int r = 0; r < f->n_rows && rc == 0; r++) {
        child_of[r] = (int)strmap_get(ids, ssda903_cell(f, r, 0), -1);
        if (child_of[r] < 0)
            rc = err_at(err, ERR_INPUT, f->path, ssda903_cell_line(f, r, 0), 1, "CHILD",
                        "'%s' has no Header row, so its %s row cannot be written to the XML",
                        ssda903_cell(f, r, 0), f->table->name);
        else
            out->start[child_of[r] + 1]++;
    }
    for (int h = 0; h < n_children && rc == 0; h++) out->start[h + 1] += out->start[h];
    int *next = xmalloc(((size_t)n_children + 1) * sizeof *next);
    memcpy(next, out->start, (size_t)n_children * sizeof *next);
    for (int r = 0; r < f->n_rows && rc == 0; r++) out->order[next[child_of[r]]++] = r;
    free(next);
    free(child_of);
    return rc;
}

/* One row's fields as leaves; empty fields are left out (the reader reads a
 * missing field as empty). */
static bool write_leaves(FILE *out, const Ssda903File *f, int row)
{
    bool ok = true;
    for (int c = 0; c < f->table->n_columns; c++) {
        const char *v = ssda903_cell(f, row, c);
        if (!*v || from_header(f->table->id, f->table->columns[c].name)) continue;
        const char *leaf = leaf_name(f->table->id, f->table->columns[c].name);
        fprintf(out, "<%s>", leaf);
        ok &= write_text(out, v);
        fprintf(out, "</%s>", leaf);
    }
    return ok;
}

static bool write_records(FILE *out, const Ssda903File *f, const ChildRows *g, int h)
{
    bool ok = true;
    const char *el = record_elements[f->table->id];
    for (int i = g->start[h]; i < g->start[h + 1]; i++) {
        fprintf(out, "<%s>", el);
        ok &= write_leaves(out, f, g->order[i]);
        fprintf(out, "</%s>\n", el);
    }
    return ok;
}

/* Tables written inside the HEADER, in this order; EPISODEs follow it. */
static const Ssda903TableId in_header[] = {
    T903_REVIEWS,         T903_MISSING,   T903_OC2,         T903_OC3,  T903_AD1,
    T903_PLACED_ADOPTION, T903_PREV_PERM, T903_SW_EPISODES, T903_DOLO,
};

static bool write_child(FILE *out, const Ssda903File *const tables[T903_COUNT],
                        const ChildRows groups[T903_COUNT], int h)
{
    const Ssda903File *header = tables[T903_HEADER];
    fputs("<CHILD>\n<HEADER>", out);
    bool ok = write_leaves(out, header, h);
    const Ssda903File *uasc = tables[T903_UASC];
    if (uasc && groups[T903_UASC].start[h] < groups[T903_UASC].start[h + 1]) {
        fputs("<UASC>1</UASC>", out);
        ok &= write_leaves(out, uasc, groups[T903_UASC].order[groups[T903_UASC].start[h]]);
    }
    fputs("\n", out);
    for (size_t i = 0; i < sizeof in_header / sizeof in_header[0]; i++)
        if (tables[in_header[i]])
            ok &= write_records(out, tables[in_header[i]], &groups[in_header[i]], h);
    fputs("</HEADER>\n", out);
    if (tables[T903_EPISODES])
        ok &= write_records(out, tables[T903_EPISODES], &groups[T903_EPISODES], h);
    fputs("</CHILD>\n", out);
    return ok;
}

int ssda903_xml_write(FILE *out, const Ssda903File *const tables[T903_COUNT], Err *err)
{
    const Ssda903File *header = tables[T903_HEADER];
    if (!header) return err_set(err, ERR_INPUT, "a 903 XML export needs the Header table");
    StrMap ids = {0};
    int rc = 0;
    for (int r = 0; r < header->n_rows && rc == 0; r++) {
        if (strmap_has(&ids, ssda903_cell(header, r, 0)))
            rc = err_at(err, ERR_INPUT, header->path, header->lines[r], 1, "CHILD",
                        "'%s' has two Header rows", ssda903_cell(header, r, 0));
        strmap_put(&ids, ssda903_cell(header, r, 0), r);
    }
    ChildRows groups[T903_COUNT] = {0};
    for (int t = 1; t < T903_COUNT && rc == 0; t++)
        if (tables[t]) rc = group_by_child(tables[t], &ids, header->n_rows, &groups[t], err);
    if (rc == 0) {
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<EXPSSDA903>\n", out);
        for (int h = 0; h < header->n_rows && rc == 0; h++)
            if (!write_child(out, tables, groups, h))
                rc = err_set(err, ERR_INPUT,
                             "child '%s' has a value with a control character, which XML "
                             "cannot hold",
                             ssda903_cell(header, h, 0));
        fputs("</EXPSSDA903>\n", out);
        if (rc == 0 && ferror(out)) rc = err_set(err, ERR_IO, "the XML could not be written");
    }
    for (int t = 0; t < T903_COUNT; t++) {
        free(groups[t].start);
        free(groups[t].order);
    }
    strmap_free(&ids);
    return rc;
}
