/* publication: see publication.h.
 *
 * Why layers: a count's mark must not depend on what else is published with
 * it, or two papers that share it (this year's scorecard with a breakdown and
 * next year's trend column, the scorecard alone and the scorecard with the
 * profile) show it in one and withhold it in the other, and read together pin
 * what either withheld (issue 17). Protecting each layer with the earlier
 * ones fixed keeps every earlier count's mark as it was published alone; the
 * exact audit still runs over the whole system, so the earlier counts are
 * protected against the later ones too. */
#include "domain/publication.h"

#include "base/mem.h"
#include "domain/disclosure.h"

#include <stdlib.h>
#include <string.h>

void publication_init(Publication *p, int threshold)
{
    memset(p, 0, sizeof *p);
    disc_sys_init(&p->sys);
    p->threshold = threshold;
}

void publication_free(Publication *p)
{
    disc_sys_free(&p->sys);
    free(p->cohort_var);
    free(p->cohort_key);
    memset(p, 0, sizeof *p);
}

int publication_count(Publication *p, long value)
{
    return disc_sys_var(&p->sys, value, false);
}

int publication_hidden(Publication *p, long value)
{
    return disc_sys_var(&p->sys, value, true);
}

int publication_sum(Publication *p, int n, const int *parts, int total, Err *err)
{
    return disc_sys_sum(&p->sys, n, parts, total, err);
}

/* The first cohort count of key with var's value, or -1. */
static int cohort_twin(const Publication *p, int var, int key)
{
    long v = p->sys.value[var];
    for (int i = 0; i < p->n_cohorts; i++)
        if (p->cohort_key[i] == key && p->sys.value[p->cohort_var[i]] == v) return p->cohort_var[i];
    return -1;
}

/* var is the same count as twin. */
static int link_twin(Publication *p, int var, int twin, Err *err)
{
    int pair[2] = {var, twin}, coef[2] = {1, -1};
    int rc = disc_sys_eq(&p->sys, 2, pair, coef, err);
    if (rc < 0 || !p->sys.fixed[twin]) return rc;
    /* An earlier layer decided the twin: shown, the reader has this count;
     * withheld, this one is withheld with it. Either way its mark is fixed. */
    p->sys.state[var] = disc_sys_withheld(&p->sys, twin) ? DISC_SECONDARY : DISC_SHOWN;
    disc_sys_fix_var(&p->sys, var);
    return 0;
}

int publication_same_as(Publication *p, int var, int key, Err *err)
{
    if (p->sys.value[var] <= 0) return 0;
    int twin = cohort_twin(p, var, key);
    return twin < 0 ? 0 : link_twin(p, var, twin, err);
}

int publication_cohort(Publication *p, int var, int key, Err *err)
{
    if (p->sys.value[var] <= 0) return 0; /* zeros are published: nothing to link */
    int twin = cohort_twin(p, var, key);
    if (p->n_cohorts == p->cap_cohorts) {
        p->cap_cohorts = p->cap_cohorts ? 2 * p->cap_cohorts : 64;
        p->cohort_var = xrealloc(p->cohort_var, (size_t)p->cap_cohorts * sizeof *p->cohort_var);
        p->cohort_key = xrealloc(p->cohort_key, (size_t)p->cap_cohorts * sizeof *p->cohort_key);
    }
    p->cohort_var[p->n_cohorts] = var;
    p->cohort_key[p->n_cohorts++] = key;
    return twin < 0 ? 0 : link_twin(p, var, twin, err);
}

/* The margins of a table: row totals, then column totals and the grand
 * total. Returns the next free slot of vars. */
static int table_margins(Publication *p, const long *cells, int rows, int cols, bool row_totals,
                         bool col_totals, int *vars, Err *err)
{
    int n = rows * cols, *parts = xcalloc((size_t)(rows > cols ? rows : cols) + 1, sizeof *parts);
    long grand = 0;
    int rc = 0;
    for (int r = 0; r < rows && row_totals && rc == 0; r++) {
        long sum = 0;
        for (int c = 0; c < cols; c++) sum += cells[r * cols + c], parts[c] = vars[r * cols + c];
        vars[n] = publication_count(p, sum);
        rc = publication_sum(p, cols, parts, vars[n++], err);
    }
    for (int c = 0; c < cols && col_totals && rc == 0; c++) {
        long sum = 0;
        for (int r = 0; r < rows; r++) sum += cells[r * cols + c], parts[r] = vars[r * cols + c];
        vars[n] = publication_count(p, sum);
        rc = publication_sum(p, rows, parts, vars[n++], err);
        grand += sum;
    }
    if (col_totals && rc == 0) { /* the grand total: of the column totals, and of the row totals */
        int first_col = rows * cols + (row_totals ? rows : 0);
        vars[n] = publication_count(p, grand);
        rc = publication_sum(p, cols, vars + first_col, vars[n], err);
        if (rc == 0 && row_totals) rc = publication_sum(p, rows, vars + rows * cols, vars[n], err);
        n++;
    }
    free(parts);
    return rc < 0 ? rc : n;
}

int publication_table(Publication *p, const long *cells, int rows, int cols, bool row_totals,
                      bool col_totals, int key, int *vars, Err *err)
{
    for (int i = 0; i < rows * cols; i++) vars[i] = publication_count(p, cells[i]);
    int n = table_margins(p, cells, rows, cols, row_totals, col_totals, vars, err);
    for (int i = 0; i < n && key >= 0; i++) {
        int rc = publication_cohort(p, vars[i], key, err);
        if (rc < 0) return rc;
    }
    return n;
}

int publication_layer(Publication *p, Err *err)
{
    int rc = disc_sys_protect(&p->sys, p->threshold, err);
    if (rc == 0) disc_sys_fix(&p->sys);
    return rc;
}

bool publication_withheld(const Publication *p, int var)
{
    return disc_sys_withheld(&p->sys, var);
}
