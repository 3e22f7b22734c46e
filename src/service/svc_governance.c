/* svc_governance: see svc_governance.h. This file lists and records rows (the
 * seed, the CSV templates, a form); svc_governance_report.c computes the due
 * report, participation and "you said, we did". */
#include "service/svc_governance.h"

#include "base/csv.h"
#include "base/embed.h"
#include "base/mem.h"
#include "base/strmap.h"
#include "service/svc_audit.h"
#include "store/governance.h"
#include "synth/synth_governance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *svc_gov_cell(const GovRows *rows, int r, const char *column)
{
    int c = governance_column(rows->table, column);
    if (c < 0 || r < 0 || r >= rows->n_rows) return "";
    return rows->cells[(size_t)r * (size_t)rows->table->n_columns + (size_t)c];
}

void svc_gov_rows_free(GovRows *rows)
{
    if (rows->table)
        for (size_t i = 0; i < (size_t)rows->n_rows * (size_t)rows->table->n_columns; i++)
            free(rows->cells[i]);
    free(rows->cells);
    memset(rows, 0, sizeof *rows);
}

static void add_row(GovRows *rows, const char *const *values)
{
    size_t nc = (size_t)rows->table->n_columns;
    rows->cells = xrealloc(rows->cells, ((size_t)rows->n_rows + 1) * nc * sizeof *rows->cells);
    for (size_t c = 0; c < nc; c++) rows->cells[(size_t)rows->n_rows * nc + c] = xstrdup(values[c]);
    rows->n_rows++;
}

static int keep_row(const char *const *values, int n, void *arg)
{
    (void)n;
    add_row(arg, values);
    return 0;
}

/* The shipped seed of table t (data/governance-NAME.csv), or NULL. */
static const EmbeddedFile *seed_file(GovTableId t)
{
    char name[64];
    snprintf(name, sizeof name, "data/governance-%s.csv", governance_tables[t].name);
    return embed_find(name);
}

/* Reads the seed's rows (already in the stored form) into rows. */
static int read_seed(GovTableId t, GovRows *rows, Err *err)
{
    const EmbeddedFile *f = seed_file(t);
    if (!f) return 0;
    CsvReader r;
    if (csv_open_buffer(&r, f->name, (const char *)f->data, f->len, err) < 0) return err->code;
    int rc = csv_next(&r, err); /* the header, in the table's column order */
    const char *values[GOV_MAX_COLUMNS];
    while (rc >= 0 && (rc = csv_next(&r, err)) == 1) {
        if (r.n_fields != rows->table->n_columns) {
            rc = err_at(err, ERR_INTERNAL, f->name, r.record_line, 1, "", "the seed row is short");
            break;
        }
        for (int c = 0; c < r.n_fields; c++) values[c] = r.fields[c].text;
        add_row(rows, values);
    }
    csv_close(&r);
    return rc < 0 ? rc : 0;
}

static int require_governance(Store *s, Err *err)
{
    if (store_has_governance(s)) return 0;
    return err_set(err, ERR_STATE,
                   "the database predates the governance tables: import into it once with this "
                   "version to add them");
}

static int open_read(const char *db_path, Store **s, Err *err)
{
    if (store_open_read(db_path, s, err) < 0) return err->code;
    if (require_governance(*s, err) == 0) return 0;
    store_close(*s);
    return err->code;
}

/* The stored rows of t, or its seed when none is stored yet. */
static int list_rows(Store *s, GovTableId t, GovRows *out, Err *err)
{
    int rc = store_gov_each(s, t, keep_row, out, err);
    if (rc == 0 && out->n_rows == 0) {
        out->seeded = seed_file(t) != NULL;
        rc = read_seed(t, out, err);
    }
    return rc;
}

int svc_gov_list(const char *db_path, GovTableId t, const Actor *actor, GovRows *out, Err *err)
{
    memset(out, 0, sizeof *out);
    out->table = &governance_tables[t];
    if (service_check_actor(actor, err) < 0) return err->code;
    Store *s;
    if (open_read(db_path, &s, err) < 0) return err->code;
    int rc = list_rows(s, t, out, err);
    store_close(s);
    return rc;
}

int svc_gov_list_in(Store *s, GovTableId t, const Actor *actor, GovRows *out, Err *err)
{
    memset(out, 0, sizeof *out);
    out->table = &governance_tables[t];
    if (service_check_actor(actor, err) < 0 || require_governance(s, err) < 0) return err->code;
    return list_rows(s, t, out, err);
}

int svc_gov_each(const char *db_path, GovTableId t, const Actor *actor,
                 int (*each)(const char *const *values, int n, void *arg), void *arg, Err *err)
{
    if (service_check_actor(actor, err) < 0) return err->code;
    Store *s;
    if (open_read(db_path, &s, err) < 0) return err->code;
    int rc = store_gov_each(s, t, each, arg, err);
    store_close(s);
    return rc < 0 ? rc : 0;
}

/* ---- Checking and writing rows ---------------------------------------------- */

/* Where a row came from, for its problems. */
typedef struct RowPlace {
    const char *file;
    long line;
    int columns[GOV_MAX_COLUMNS]; /* the character column of each field, 0 unknown */
} RowPlace;

typedef char Value[GOV_VALUE_LEN];

static void problem(ErrList *l, const RowPlace *at, const GovTable *t, int c, const char *fmt,
                    const char *detail)
{
    errlist_at(l, at->file, at->line, at->columns[c], t->columns[c].name, fmt, detail);
}

/* Whether every id of a ';'-separated list is in the catalogue. */
static void check_indicators(const AppContext *ctx, const char *list, const RowPlace *at,
                             const GovTable *t, int c, ErrList *l)
{
    char copy[GOV_VALUE_LEN];
    snprintf(copy, sizeof copy, "%s", list);
    for (char *save, *id = strtok_r(copy, ";", &save); id; id = strtok_r(NULL, ";", &save))
        if (ctx && ctx->catalogue && !indicators_find(ctx->catalogue, id))
            problem(l, at, t, c, "no indicator '%s' in the catalogue (carepledge indicators)", id);
}

/* The references of a row: the row it names exists (written before it, in the
 * store or earlier in this transaction), the child is known. */
static int check_refs(const AppContext *ctx, Store *s, const GovTable *t, Value *v,
                      const RowPlace *at, ErrList *l, Err *err)
{
    for (int c = 0; c < t->n_columns; c++) {
        const GovColumn *col = &t->columns[c];
        if (!v[c][0]) continue;
        if (col->kind == GOV_REF) {
            bool found;
            if (store_gov_exists(s, col->ref, v[c], &found, err) < 0) return err->code;
            if (!found)
                errlist_at(l, at->file, at->line, at->columns[c], col->name,
                           "no %s with id '%s' (record it first)", governance_tables[col->ref].name,
                           v[c]);
        } else if (col->kind == GOV_CHILD && !store_child_known(s, v[c])) {
            problem(l, at, t, c, "no child '%s' in the 903 history", v[c]);
        } else if (col->kind == GOV_INDICATOR) {
            check_indicators(ctx, v[c], at, t, c, l);
        }
    }
    return 0;
}

/* Checks between the fields of one row. */
static void check_row_rules(const GovTable *t, Value *v, const RowPlace *at, ErrList *l)
{
    if (t->id == GOV_ISSUES) {
        static const char *const after_raised[] = {"NOTED_ON", "FORWARDED_ON", "DIRECTED_ON",
                                                   "ANSWERED_ON", "CONVEYED_ON"};
        int raised = governance_column(t, "RAISED_ON");
        for (size_t i = 0; i < sizeof after_raised / sizeof after_raised[0]; i++) {
            int c = governance_column(t, after_raised[i]);
            if (v[c][0] && strcmp(v[c], v[raised]) < 0)
                problem(l, at, t, c, "%s is before the issue was raised", v[c]);
        }
        int answered = governance_column(t, "ANSWERED_ON");
        int response = governance_column(t, "RESPONSE");
        int conveyed = governance_column(t, "CONVEYED_ON");
        if (v[answered][0] && !v[response][0])
            problem(l, at, t, response, "%s", "an answered issue needs its written response");
        if (v[conveyed][0] && (!v[answered][0] || strcmp(v[conveyed], v[answered]) < 0))
            problem(l, at, t, conveyed, "%s",
                    "the outcome cannot be conveyed before the written answer");
    } else if (t->id == GOV_ACTIONS) {
        int status = governance_column(t, "STATUS"), done = governance_column(t, "DONE_ON");
        if (strcmp(v[status], "done") == 0 && !v[done][0])
            problem(l, at, t, done, "%s", "a done action needs the date it was done");
    } else if (t->id == GOV_PARTICIPATION) {
        int event = governance_column(t, "EVENT"), mode = governance_column(t, "MODE");
        bool attendance = strcmp(v[event], "attendance") == 0;
        if (attendance && !v[mode][0])
            problem(l, at, t, mode, "%s",
                    "an attendance needs its mode: in_person, post, text "
                    "or email");
        if (!attendance && v[mode][0])
            problem(l, at, t, mode, "%s", "only an attendance has a mode");
    }
}

/* Checks each field of raw (by column) into v. Returns how many problems. */
static long check_fields(const GovTable *t, const char *const *raw, Value *v, const RowPlace *at,
                         ErrList *l)
{
    long before = l->n_total;
    char why[200];
    for (int c = 0; c < t->n_columns; c++)
        if (governance_check_value(&t->columns[c], raw[c], v[c], why) < 0)
            problem(l, at, t, c, "%s", why);
    if (l->n_total == before) check_row_rules(t, v, at, l);
    return l->n_total - before;
}

/* Stores the seed of table t when the table has never been written, so that
 * the first change keeps the rest of what was shown. */
static int store_seed(Store *s, GovTableId t, Err *err)
{
    if (!seed_file(t) || store_gov_count(s, t) != 0) return 0;
    GovRows seed = {.table = &governance_tables[t]};
    int rc = read_seed(t, &seed, err);
    for (int r = 0; rc == 0 && r < seed.n_rows; r++)
        rc = store_gov_put(
            s, t, (const char *const *)&seed.cells[(size_t)r * (size_t)seed.table->n_columns], err);
    svc_gov_rows_free(&seed);
    return rc;
}

/* Stores every seeded table not yet written: a row may name a seeded one
 * (a meeting its group), which must then be in the store. */
static int store_seeds(Store *s, Err *err)
{
    int rc = 0;
    for (int t = 0; rc == 0 && t < GOV_TABLE_COUNT; t++) rc = store_seed(s, (GovTableId)t, err);
    return rc;
}

/* Checks and writes one row inside the open transaction. */
static int put_row(const AppContext *ctx, Store *s, const GovTable *t, const char *const *raw,
                   const RowPlace *at, ErrList *l, Err *err)
{
    Value *v = xcalloc(GOV_MAX_COLUMNS, sizeof *v);
    long problems = check_fields(t, raw, v, at, l);
    long before = l->n_total;
    int rc = check_refs(ctx, s, t, v, at, l, err);
    if (rc == 0 && problems == 0 && l->n_total == before) {
        const char *values[GOV_MAX_COLUMNS];
        for (int c = 0; c < t->n_columns; c++) values[c] = v[c];
        rc = store_gov_put(s, t->id, values, err);
    }
    free(v);
    return rc;
}

/* Audits a change inside the transaction that makes it (svc_audit), so the
 * change and its audit row are committed together or not at all. */
static int audit(Store *s, const Actor *actor, const char *action, const char *origin, Err *err)
{
    return svc_audit_append_within(s, actor, action, NULL, origin ? origin : "cli", err);
}

/* ---- CSV templates ------------------------------------------------------------ */

typedef struct Template {
    const char *path;
    CsvReader reader;
    const GovTable *table;
    int field_of[GOV_MAX_COLUMNS]; /* the CSV field of each column */
} Template;

/* Matches the header to a table: every column once, nothing else. */
static const GovTable *match_header(CsvReader *r, int *field_of)
{
    for (int t = 0; t < GOV_TABLE_COUNT; t++) {
        const GovTable *table = &governance_tables[t];
        if (r->n_fields != table->n_columns) continue;
        int matched = 0;
        for (int c = 0; c < table->n_columns; c++) {
            field_of[c] = -1;
            for (int f = 0; f < r->n_fields; f++)
                if (strcmp(r->fields[f].text, table->columns[c].name) == 0) field_of[c] = f;
            matched += field_of[c] >= 0;
        }
        if (matched == table->n_columns) return table;
    }
    return NULL;
}

static int open_template(Template *tp, ErrList *problems)
{
    Err e = {0};
    if (csv_open_file(&tp->reader, tp->path, &e) < 0 || csv_next(&tp->reader, &e) < 0) {
        errlist_add(problems, &e);
        return -1;
    }
    for (int f = 0; f < tp->reader.n_fields; f++)
        for (char *p = tp->reader.fields[f].text; *p; p++)
            if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
    tp->table = match_header(&tp->reader, tp->field_of);
    if (!tp->table) {
        errlist_at(problems, tp->path, 1, 1, "",
                   "the header is no governance template's (docs/governance.md lists them: "
                   "groups, members, meetings, actions, participation, issues, priorities, "
                   "progress, training, scrutiny)");
        return -1;
    }
    return 0;
}

/* Writes the rows of one template, each id once. */
static int put_template(const AppContext *ctx, Store *s, Template *tp, long *rows,
                        ErrList *problems, Err *err)
{
    const GovTable *t = tp->table;
    int rc = 0;
    StrMap seen = {0}; /* the ids given so far: a list would cost n^2 on a year of events */
    Err e = {0};
    while (rc == 0 && (rc = csv_next(&tp->reader, &e)) == 1) {
        CsvReader *r = &tp->reader;
        RowPlace at = {.file = tp->path, .line = r->record_line};
        const char *raw[GOV_MAX_COLUMNS];
        for (int c = 0; c < t->n_columns; c++) {
            int f = tp->field_of[c];
            raw[c] = f < r->n_fields ? r->fields[f].text : "";
            at.columns[c] = f < r->n_fields ? r->fields[f].column : 0;
        }
        if (r->n_fields != t->n_columns)
            errlist_at(problems, tp->path, r->record_line, 1, "",
                       "%d fields where the header has %d", r->n_fields, t->n_columns);
        if (strmap_has(&seen, raw[0]))
            errlist_at(problems, tp->path, r->record_line, at.columns[0], "ID",
                       "id '%s' is given twice in this file", raw[0]);
        strmap_put(&seen, raw[0], 1);
        rc = put_row(ctx, s, t, raw, &at, problems, err);
        (*rows)++;
        rc = rc < 0 ? rc : 0;
    }
    if (rc < 0 && e.code) errlist_add(problems, &e), rc = 0;
    strmap_free(&seen);
    return rc;
}

static int by_table(const void *a, const void *b)
{
    const Template *x = a, *y = b;
    return (int)x->table->id - (int)y->table->id;
}

/* Audits each template written, in the open transaction. */
static int audit_templates(Store *s, const Template *tps, int n, const Actor *actor,
                           const char *origin, Err *err)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        char action[96];
        snprintf(action, sizeof action, "governance import %s", tps[i].table->name);
        rc = audit(s, actor, action, origin, err);
    }
    return rc;
}

int svc_gov_import(const AppContext *ctx, const char *db_path, const char *const *paths, int n,
                   const Actor *actor, const char *origin, long *rows, ErrList *problems, Err *err)
{
    *rows = 0;
    if (service_check_actor(actor, err) < 0) return err->code;
    Template *tps = xcalloc((size_t)n + 1, sizeof *tps);
    int opened = 0;
    for (int i = 0; i < n; i++) {
        tps[opened].path = paths[i];
        if (open_template(&tps[opened], problems) == 0)
            opened++;
        else
            csv_close(&tps[opened].reader);
    }
    qsort(tps, (size_t)opened, sizeof *tps, by_table);
    Store *s = NULL;
    int rc = problems->n_total ? ERR_INPUT : store_open(db_path, &s, err);
    if (rc == 0) rc = store_gov_begin(s, err);
    if (rc == 0) rc = store_seeds(s, err);
    for (int i = 0; rc == 0 && i < opened; i++)
        rc = put_template(ctx, s, &tps[i], rows, problems, err);
    if (rc == 0 && problems->n_total)
        rc = err_set(err, ERR_INPUT, "%ld problems: nothing was saved", problems->n_total);
    if (rc == 0) rc = audit_templates(s, tps, opened, actor, origin, err);
    if (rc == 0) rc = store_gov_commit(s, err);
    if (rc < 0 && s) store_rollback(s);
    store_close(s);
    for (int i = 0; i < opened; i++) csv_close(&tps[i].reader);
    free(tps);
    if (rc < 0) *rows = 0;
    return rc;
}

/* ---- One row from a form ------------------------------------------------------- */

/* The next free id of table t: prefix and one more than the most rows. */
static void next_id(Store *s, GovTableId t, const char *prefix, char *id)
{
    long n = store_gov_count(s, t);
    for (long k = n + 1;; k++) {
        snprintf(id, GOV_ID_LEN, "%s%03ld", prefix, k);
        bool found = false;
        Err ignored;
        if (store_gov_exists(s, t, id, &found, &ignored) < 0 || !found) return;
    }
}

int svc_gov_record(const AppContext *ctx, const char *db_path, GovTableId t,
                   const char *const *columns, const char *const *values, int n,
                   const char *id_prefix, const Actor *actor, const char *origin, char *id_out,
                   Err *err)
{
    if (service_check_actor(actor, err) < 0) return err->code;
    const GovTable *table = &governance_tables[t];
    const char *raw[GOV_MAX_COLUMNS];
    for (int c = 0; c < table->n_columns; c++) raw[c] = "";
    for (int i = 0; i < n; i++) {
        int c = governance_column(table, columns[i]);
        if (c < 0)
            return err_at(err, ERR_USAGE, "", 0, 0, columns[i], "no field %s in %s", columns[i],
                          table->name);
        raw[c] = values[i] ? values[i] : "";
    }
    Store *s;
    if (store_open(db_path, &s, err) < 0) return err->code;
    int rc = store_gov_begin(s, err);
    if (rc == 0 && !raw[0][0]) {
        next_id(s, t, id_prefix ? id_prefix : "R", id_out);
        raw[0] = id_out;
    } else {
        snprintf(id_out, GOV_ID_LEN, "%s", raw[0]);
    }
    ErrList problems = {0};
    RowPlace at = {.file = ""};
    if (rc == 0) rc = store_seeds(s, err);
    if (rc == 0) rc = put_row(ctx, s, table, raw, &at, &problems, err);
    if (rc == 0 && problems.n_items) {
        *err = problems.items[0];
        err->code = ERR_USAGE;
        err_param(err, err->field);
        rc = ERR_USAGE;
    }
    if (rc == 0) {
        char action[96];
        snprintf(action, sizeof action, "governance record %s %s", table->name, id_out);
        rc = audit(s, actor, action, origin, err);
    }
    if (rc == 0) rc = store_gov_commit(s, err);
    if (rc < 0) store_rollback(s);
    store_close(s);
    errlist_free(&problems);
    return rc;
}

int svc_gov_demo(const AppContext *ctx, const char *db_path, int end_year, unsigned long seed,
                 const char *dir, const Actor *actor, long *rows, ErrList *problems, Err *err)
{
    *rows = 0;
    if (service_check_actor(actor, err) < 0) return err->code;
    ServiceData data = {.db_path = db_path};
    Dataset owned = {0};
    const Dataset *ds;
    /* OC3 too: which care leavers are owed the mailing (domain/leaver). */
    if (service_dataset(&data, STORE_LOAD_EPISODES | STORE_LOAD_OC3 | STORE_LOAD_PA_REQUESTS,
                        &owned, &ds, err) < 0)
        return err->code;
    int rc = synth_governance_write(ds, end_year, seed, dir, err);
    dataset_free(&owned);
    if (rc < 0) return rc;
    static const char *const names[] = {"members",       "meetings", "actions",
                                        "participation", "issues",   "priorities",
                                        "progress",      "training", "scrutiny"};
    enum { N = (int)(sizeof names / sizeof names[0]) };
    char paths[N][1024];
    const char *list[N];
    for (int i = 0; i < N; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/governance-%s.csv", dir, names[i]);
        list[i] = paths[i];
    }
    return svc_gov_import(ctx, db_path, list, N, actor, "demo", rows, problems, err);
}
