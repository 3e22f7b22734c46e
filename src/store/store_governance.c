/* store_governance: see store/governance.h. Each table's statements are
 * written out whole (never assembled from names), in the column order of
 * domain/governance.c. */
#include "store/governance.h"

#include "store/store_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *put, *exists, *each, *count;
} sql[GOV_TABLE_COUNT] = {
    [GOV_GROUPS] = {"INSERT INTO gov_groups (id, name, meets, reports_to, terms) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)",
                    "SELECT 1 FROM gov_groups WHERE id = ?1",
                    "SELECT id, name, meets, reports_to, terms FROM gov_groups ORDER BY id",
                    "SELECT count(*) FROM gov_groups"},
    [GOV_MEMBERS] = {"INSERT INTO gov_members (id, group_id, name, role, kind) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)",
                     "SELECT 1 FROM gov_members WHERE id = ?1",
                     "SELECT id, group_id, name, role, kind FROM gov_members ORDER BY id",
                     "SELECT count(*) FROM gov_members"},
    [GOV_MEETINGS] = {"INSERT INTO gov_meetings (id, group_id, held_on, attendance, "
                      "papers, minutes, decisions, cicc_report, strategy_report, "
                      "director_invited, lead_member_invited, elected_member_invited) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                      "SELECT 1 FROM gov_meetings WHERE id = ?1",
                      "SELECT id, group_id, held_on, attendance, papers, minutes, decisions, "
                      "cicc_report, strategy_report, director_invited, lead_member_invited, "
                      "elected_member_invited FROM gov_meetings ORDER BY id",
                      "SELECT count(*) FROM gov_meetings"},
    [GOV_ACTIONS] = {"INSERT INTO gov_actions (id, meeting_id, action, owner, due_on, "
                     "status, done_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                     "SELECT 1 FROM gov_actions WHERE id = ?1",
                     "SELECT id, meeting_id, action, owner, due_on, status, done_on "
                     "FROM gov_actions ORDER BY id",
                     "SELECT count(*) FROM gov_actions"},
    [GOV_PARTICIPATION] = {"INSERT INTO cicc_participation (id, child, event, on_date, "
                           "mode, meeting_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           "SELECT 1 FROM cicc_participation WHERE id = ?1",
                           "SELECT id, child, event, on_date, mode, meeting_id "
                           "FROM cicc_participation ORDER BY id",
                           "SELECT count(*) FROM cicc_participation"},
    [GOV_ISSUES] = {"INSERT INTO cicc_issues (id, meeting_id, raised_on, issue, "
                    "noted_on, forwarded_on, directed_to, directed_on, answered_on, response, "
                    "conveyed_on, we_did) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    "SELECT 1 FROM cicc_issues WHERE id = ?1",
                    "SELECT id, meeting_id, raised_on, issue, noted_on, forwarded_on, "
                    "directed_to, directed_on, answered_on, response, conveyed_on, we_did "
                    "FROM cicc_issues ORDER BY id",
                    "SELECT count(*) FROM cicc_issues"},
    [GOV_PRIORITIES] = {"INSERT INTO action_priorities (id, title, outcome, "
                        "activities, leads, delivery, hcap_refs, status, rag, indicators) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                        "SELECT 1 FROM action_priorities WHERE id = ?1",
                        "SELECT id, title, outcome, activities, leads, delivery, hcap_refs, "
                        "status, rag, indicators FROM action_priorities ORDER BY id",
                        "SELECT count(*) FROM action_priorities"},
    [GOV_PROGRESS] = {"INSERT INTO action_progress (id, priority_id, noted_on, note) "
                      "VALUES (?1, ?2, ?3, ?4)",
                      "SELECT 1 FROM action_progress WHERE id = ?1",
                      "SELECT id, priority_id, noted_on, note FROM action_progress ORDER BY id",
                      "SELECT count(*) FROM action_progress"},
    [GOV_TRAINING] = {"INSERT INTO gov_training (id, person, person_kind, course, "
                      "on_date) VALUES (?1, ?2, ?3, ?4, ?5)",
                      "SELECT 1 FROM gov_training WHERE id = ?1",
                      "SELECT id, person, person_kind, course, on_date FROM gov_training "
                      "ORDER BY id",
                      "SELECT count(*) FROM gov_training"},
    [GOV_SCRUTINY] = {"INSERT INTO gov_scrutiny (id, title, needs, source, "
                      "meeting_id, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                      "SELECT 1 FROM gov_scrutiny WHERE id = ?1",
                      "SELECT id, title, needs, source, meeting_id, status FROM gov_scrutiny "
                      "ORDER BY id",
                      "SELECT count(*) FROM gov_scrutiny"},
};

bool store_has_governance(Store *s)
{
    return store_schema_version(s) >= 8;
}

int store_gov_begin(Store *s, Err *err)
{
    return store_begin(s, err);
}

int store_gov_commit(Store *s, Err *err)
{
    return db_commit(s->conn, err) < 0 ? ERR_DB : 0;
}

static int prepare(Store *s, const char *text, DbStmt **st, Err *err)
{
    if (db_prepare(s->conn, text, false, st) < 0) return db_error(s->conn, err, "preparing");
    return 0;
}

/* The put of table t: its INSERT, or when a row of the same id is stored an
 * update of every other column (a row imported again replaces the stored one;
 * ON CONFLICT reads the same in SQLite and PostgreSQL, where INSERT OR REPLACE
 * is SQLite's alone). Written once for the process from the INSERT above. */
static char put_texts[GOV_TABLE_COUNT][1024];
static pthread_once_t put_texts_once = PTHREAD_ONCE_INIT;

static void write_put(GovTableId t, char *out, size_t size)
{
    const GovTable *table = &governance_tables[t];
    size_t len = (size_t)snprintf(out, size, "%s ON CONFLICT (id) DO UPDATE SET ", sql[t].put);
    for (int i = 1; i < table->n_columns && len < size; i++)
        len += (size_t)snprintf(out + len, size - len, "%s%s = excluded.%s", i > 1 ? ", " : "",
                                table->columns[i].name, table->columns[i].name);
}

static void write_puts(void)
{
    for (int t = 0; t < GOV_TABLE_COUNT; t++)
        write_put((GovTableId)t, put_texts[t], sizeof put_texts[t]);
}

int store_gov_put(Store *s, GovTableId t, const char *const *values, Err *err)
{
    DbStmt *st;
    pthread_once(&put_texts_once, write_puts);
    if (prepare(s, put_texts[t], &st, err) < 0) return ERR_DB;
    const GovTable *table = &governance_tables[t];
    for (int i = 0; i < table->n_columns; i++) {
        bool null_date = table->columns[i].kind == GOV_DATE && !values[i][0];
        db_bind_text(st, i + 1, null_date ? NULL : values[i]);
    }
    int rc = db_step(st);
    db_finalize(st);
    return rc < 0 ? db_error(s->conn, err, "writing a governance row") : 0;
}

int store_gov_exists(Store *s, GovTableId t, const char *id, bool *found, Err *err)
{
    DbStmt *st;
    *found = false;
    if (prepare(s, sql[t].exists, &st, err) < 0) return ERR_DB;
    db_bind_text(st, 1, id);
    int rc = db_step(st);
    db_finalize(st);
    if (rc < 0) return db_error(s->conn, err, "reading a governance row");
    *found = rc == DB_ROW;
    return 0;
}

long store_gov_count(Store *s, GovTableId t)
{
    return (long)store_query_int(s->conn, sql[t].count, -1);
}

int store_gov_each(Store *s, GovTableId t, int (*each)(const char *const *values, int n, void *arg),
                   void *arg, Err *err)
{
    DbStmt *st;
    if (prepare(s, sql[t].each, &st, err) < 0) return ERR_DB;
    const char *values[GOV_MAX_COLUMNS];
    int rc, stop = 0, n = governance_tables[t].n_columns;
    while (!stop && (rc = db_step(st)) == DB_ROW) {
        for (int i = 0; i < n; i++) values[i] = db_column_text(st, i);
        stop = each(values, n, arg);
    }
    db_finalize(st);
    if (!stop && rc < 0) return db_error(s->conn, err, "reading governance rows");
    return stop;
}
