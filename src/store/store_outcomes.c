/* store_outcomes: what a merged import did with each key, for the import log.
 *
 * SQLite upserts an import row by row and counts each row's outcome as it
 * goes (store_put_903_row: its upsert notes whether the stored row held the
 * same values). On PostgreSQL the rows are staged and merged a table at a time
 * (store_stage.c), and the counts are made the same way before the merge:
 * one query per table joins the rows to be merged to the stored ones. A
 * key not stored is added; a stored row from the same or an older return
 * whose 903 values differ is changed; every other stored row is unchanged
 * (the same values, or a later return's row the merge keeps). The 903 values
 * are the columns outside the key but for the return's year and the
 * council (source_year, la), as in store.c's same_values_sql. */
#include "store/store_internal.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether column is one of the comma-separated names of list. */
static bool listed(const char *list, const char *column)
{
    char padded[600], probe[80];
    snprintf(padded, sizeof padded, ", %s,", list);
    snprintf(probe, sizeof probe, " %s,", column);
    return strstr(padded, probe) != NULL;
}

/* Into out: with values_only, "<alias>.c, ..." for the columns c holding 903
 * values (outside the key, but for source_year and la); else the join of the
 * key's columns, "st.k = g.k AND ...". */
static void column_list(char *out, size_t size, const char *alias, const char *columns,
                        const char *key, bool values_only)
{
    char list[600];
    snprintf(list, sizeof list, "%s", columns);
    size_t n = 0;
    out[0] = '\0';
    for (char *save = NULL, *c = strtok_r(list, ", ", &save); c; c = strtok_r(NULL, ", ", &save)) {
        bool in_key = listed(key, c);
        if (values_only && (in_key || !strcmp(c, "source_year") || !strcmp(c, "la"))) continue;
        if (!values_only && !in_key) continue;
        if (values_only)
            n += (size_t)snprintf(out + n, size - n, "%s%s.%s", n ? ", " : "", alias, c);
        else
            n += (size_t)snprintf(out + n, size - n, "%sst.%s = g.%s", n ? " AND " : "", c, c);
        if (n >= size) abort(); /* the bounds of store_count_outcomes are wrong */
    }
}

/* Runs sql, whose one row is whole numbers, into out[0..n). */
static int query_counts(Store *s, const char *sql, long long *out, int n, Err *err)
{
    DbStmt *st;
    if (db_prepare(s->conn, sql, false, &st) < 0)
        return db_error(s->conn, err, "counting the import's rows");
    int rc = db_step(st);
    for (int i = 0; rc == DB_ROW && i < n; i++) out[i] = db_column_int(st, i);
    db_finalize(st);
    return rc == DB_ROW ? 0 : db_error(s->conn, err, "counting the import's rows");
}

int store_count_outcomes(Store *s, Ssda903TableId t, const char *table, const char *columns,
                         const char *key, const char *source, Err *err)
{
    char on[600], stored[1500], given[1500];
    column_list(on, sizeof on, "", columns, key, false);
    column_list(stored, sizeof stored, "st", columns, key, true);
    column_list(given, sizeof given, "g", columns, key, true);
    char first_key[64];
    snprintf(first_key, sizeof first_key, "%.*s", (int)strcspn(key, ", "), key);
    size_t size = strlen(source) + strlen(on) + strlen(stored) + strlen(given) + 512;
    char *sql = xmalloc(size);
    if (*stored)
        snprintf(sql, size,
                 "SELECT count(*) FILTER (WHERE st.%s IS NULL), "
                 "count(*) FILTER (WHERE st.%s IS NOT NULL AND g.source_year >= st.source_year "
                 "AND (%s) IS DISTINCT FROM (%s)), count(*) "
                 "FROM (%s) g LEFT JOIN %s st ON %s",
                 first_key, first_key, stored, given, source, table, on);
    else
        snprintf(sql, size,
                 "SELECT count(*) FILTER (WHERE st.%s IS NULL), 0, count(*) "
                 "FROM (%s) g LEFT JOIN %s st ON %s",
                 first_key, source, table, on);
    long long n[3] = {0};
    int rc = query_counts(s, sql, n, 3, err);
    free(sql);
    if (rc < 0) return rc;
    s->outcomes[t][STORE_ADDED] += (long)n[0];
    s->outcomes[t][STORE_CHANGED] += (long)n[1];
    s->outcomes[t][STORE_UNCHANGED] += (long)(n[2] - n[0] - n[1]);
    return 0;
}

int store_count_added(Store *s, Ssda903TableId t, const char *source, long known, Err *err)
{
    if (known >= 0) {
        s->outcomes[t][STORE_ADDED] += known;
        return 0;
    }
    size_t size = strlen(source) + 64;
    char *sql = xmalloc(size);
    snprintf(sql, size, "SELECT count(*) FROM (%s) g", source);
    long long n = 0;
    int rc = query_counts(s, sql, &n, 1, err);
    free(sql);
    if (rc == 0) s->outcomes[t][STORE_ADDED] += (long)n;
    return rc;
}
