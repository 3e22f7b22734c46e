/* A save through the API (a record of each kind, a correction of each kind)
 * swaps in the snapshot a full load of the database gives, every array and
 * field of it, built from the one before by reading the saved child's rows
 * again (web_app_save, service/dataset_patch.h); a save after another
 * commit loads the whole history instead; the answers the old snapshot kept
 * are worked out on the new one after the swap. On a synthetic history of
 * a few hundred children, through the router (no socket). */
#include "service/dataset_load.h"
#include "service/dataset_patch.h"
#include "service/svc_import.h"
#include "service/svc_users.h"
#include "synth/synth.h"
#include "web/router.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

static const char password[] = "a long enough password";

typedef struct Fixture {
    char dir[64], db[96];
    AppContext *ctx;
    WebApp app;
    char token[WEB_SESSION_TOKEN_HEX + 1], csrf[WEB_SESSION_TOKEN_HEX + 1];
} Fixture;

static int import_folder(Fixture *f, const char *folder)
{
    char *paths[] = {(char *)folder};
    ImportRequest req = {.db_path = f->db, .paths = paths, .n_paths = 1};
    ImportResult res;
    Actor actor;
    Err err;
    int rc = svc_import_run(f->ctx, &req, actor_named(&actor, "setup"), &res, &err);
    svc_import_free(&res);
    return rc;
}

static void call(Fixture *f, const char *method, const char *path, const char *body,
                 WebResponse *res)
{
    WebRequest req = {.method = method,
                      .path = path,
                      .session = f->token[0] ? f->token : NULL,
                      .csrf = f->csrf,
                      .origin = "127.0.0.1",
                      .body = body,
                      .body_len = body ? strlen(body) : 0};
    char copy[256];
    const char *query = strchr(path, '?');
    if (query) {
        snprintf(copy, sizeof copy, "%s", path);
        copy[query - path] = '\0';
        req.path = copy;
        for (char *save, *p = strtok_r(copy + (query - path) + 1, "&", &save); p;
             p = strtok_r(NULL, "&", &save)) {
            char *eq = strchr(p, '=');
            if (eq) *eq = '\0';
            req.params[req.n_params++] = (WebParam){p, eq ? eq + 1 : ""};
        }
    }
    web_router_handle(&f->app, &req, res);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/cp_web_save_XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    snprintf(f->db, sizeof f->db, "%s/db", f->dir);
    char data[96];
    snprintf(data, sizeof data, "%s/903", f->dir);
    SynthOptions opt = {
        .out_dir = data, .n_children = 300, .seed = 11, .from_year = 2023, .to_year = 2026};
    SynthSummary summary;
    Err err;
    if (synth_run(&opt, &summary, &err) != 0 || context_load(NULL, &f->ctx, &err) < 0 ||
        import_folder(f, data) != 0)
        return -1;
    Actor admin;
    UserChange u = {.name = "admin", .role = "administrator", .password = password, .disabled = -1};
    if (svc_user_add(f->db, &u, actor_named(&admin, "setup"), &err) < 0) return -1;
    if (web_app_open(&f->app, f->db, f->ctx, &err) < 0) return -1;
    WebResponse res;
    char body[128];
    snprintf(body, sizeof body, "{\"username\": \"admin\", \"password\": \"%s\"}", password);
    call(f, "POST", "/api/v1/session", body, &res);
    if (res.status != 200) return -1;
    sscanf(res.set_cookie, "cp_session=%64[0-9a-f]", f->token);
    json_t *doc = json_loadb(res.body, res.body_len, 0, NULL);
    snprintf(f->csrf, sizeof f->csrf, "%s",
             json_string_value(json_object_get(json_object_get(doc, "data"), "csrf")));
    json_decref(doc);
    web_response_free(&res);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    web_app_close(&f->app);
    context_free(f->ctx);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    if (system(cmd) != 0) return -1;
    free(f);
    return 0;
}

#define SAME_ARRAY(a, b, field, n)                                                            \
    do {                                                                                      \
        assert_int_equal((a)->n, (b)->n);                                                     \
        if ((a)->n)                                                                           \
            assert_memory_equal((a)->field, (b)->field, (size_t)(a)->n * sizeof *(a)->field); \
        else                                                                                  \
            assert_null((a)->field); /* as a load leaves an array it read nothing into */     \
    } while (0)

/* Every field of every child and every array: what a full load gives. */
static void assert_same_dataset(const Dataset *a, const Dataset *b)
{
    assert_int_equal(a->commit, b->commit);
    assert_int_equal(a->n_children, b->n_children);
    for (int i = 0; i < a->n_children; i++) {
        const Child *ca = &a->children[i], *cb = &b->children[i];
        assert_string_equal(ca->id, cb->id);
        assert_string_equal(ca->sex, cb->sex);
        assert_int_equal(ca->dob, cb->dob);
        assert_string_equal(ca->ethnic, cb->ethnic);
        assert_int_equal(ca->uasc, cb->uasc);
        assert_int_equal(ca->disability, cb->disability);
        assert_int_equal(ca->first_episode, cb->first_episode);
        assert_int_equal(ca->n_episodes, cb->n_episodes);
        assert_int_equal(ca->first_review, cb->first_review);
        assert_int_equal(ca->n_reviews, cb->n_reviews);
        assert_int_equal(ca->first_oc3, cb->first_oc3);
        assert_int_equal(ca->n_oc3, cb->n_oc3);
        assert_int_equal(ca->first_record, cb->first_record);
        assert_int_equal(ca->n_records, cb->n_records);
        assert_int_equal(ca->first_oc2, cb->first_oc2);
        assert_int_equal(ca->n_oc2, cb->n_oc2);
        assert_int_equal(ca->first_missing, cb->first_missing);
        assert_int_equal(ca->n_missing, cb->n_missing);
        assert_int_equal(ca->first_ad1, cb->first_ad1);
        assert_int_equal(ca->n_ad1, cb->n_ad1);
        assert_int_equal(ca->first_placed_adoption, cb->first_placed_adoption);
        assert_int_equal(ca->n_placed_adoption, cb->n_placed_adoption);
    }
    SAME_ARRAY(a, b, episodes, n_episodes);
    SAME_ARRAY(a, b, reviews, n_reviews);
    SAME_ARRAY(a, b, oc3, n_oc3);
    SAME_ARRAY(a, b, records, n_records);
    SAME_ARRAY(a, b, oc2, n_oc2);
    SAME_ARRAY(a, b, missing, n_missing);
    SAME_ARRAY(a, b, ad1, n_ad1);
    SAME_ARRAY(a, b, placed_adoption, n_placed_adoption);
    SAME_ARRAY(a, b, places, n_places);
    SAME_ARRAY(a, b, marks, n_marks);
    assert_int_equal(a->places_derived, b->places_derived);
}

/* The snapshot in place is what a full load of the database gives now. */
static void assert_snapshot_is_a_full_load(Fixture *f)
{
    Dataset full = {0};
    Err err;
    assert_int_equal(service_load_dataset(f->db, &full, &err), 0);
    WebSnapshot *snap = web_app_acquire(&f->app);
    assert_same_dataset(&snap->ds, &full);
    web_app_release(&f->app, snap);
    dataset_free(&full);
}

/* Sends body to the child's records (method POST or PUT); the status. */
static int save(Fixture *f, const char *method, const char *child, const char *body)
{
    char path[128];
    snprintf(path, sizeof path, "/api/v1/children/%s/records", child);
    WebResponse res;
    call(f, method, path, body, &res);
    int status = res.status;
    if (status >= 300)
        print_message("%s %s %s: %.*s\n", method, path, body, (int)res.body_len, res.body);
    web_response_free(&res);
    return status;
}

/* A child of the snapshot: the first, the last, one in the middle, and the
 * first with no local records at all (its slice is empty before). */
static void some_children(Fixture *f, const char *ids[4], char buf[4][32])
{
    const Dataset *ds = &f->app.snapshot->ds;
    assert_true(ds->n_children > 10);
    int pick[4] = {0, ds->n_children - 1, ds->n_children / 2, -1};
    for (int i = 0; i < ds->n_children && pick[3] < 0; i++)
        if (ds->children[i].n_records == 0 && i != pick[0] && i != pick[1] && i != pick[2])
            pick[3] = i;
    assert_true(pick[3] >= 0);
    for (int i = 0; i < 4; i++) {
        snprintf(buf[i], 32, "%s", ds->children[pick[i]].id);
        ids[i] = buf[i];
    }
}

static const char *const records[] = {
    "{\"kind\": \"visit\", \"date\": \"2026-03-09\", \"seen_alone\": \"yes\"}",
    "{\"kind\": \"health_assessment\", \"date\": \"2026-03-09\", \"ha_type\": \"initial\"}",
    "{\"kind\": \"dental_check\", \"date\": \"2026-03-09\"}",
    "{\"kind\": \"immunisation\", \"date\": \"2026-03-09\", \"imms_up_to_date\": \"yes\"}",
    "{\"kind\": \"sdq\", \"date\": \"2026-03-09\", \"sdq_score\": 12}",
    "{\"kind\": \"education_plan\", \"date\": \"2026-03-09\"}",
    "{\"kind\": \"care_plan\", \"date\": \"2026-03-09\"}",
    "{\"kind\": \"needs_assessment\", \"date\": \"2026-03-09\"}",
    "{\"kind\": \"pathway_plan\", \"date\": \"2026-03-09\", \"pathway_plan_type\": \"plan\"}",
    "{\"kind\": \"pa_contact\", \"date\": \"2026-03-09\", \"pa_contact_type\": \"phone\"}",
    "{\"kind\": \"visit_regime\", \"date\": \"2026-03-09\", \"regime\": \"standard\"}",
    "{\"kind\": \"pa_request\", \"date\": \"2026-03-09\", \"pa_request\": \"requested\"}",
};

/* Every value correction, then every date-only kind moved to another date. */
static const char *const corrections[] = {
    "\"kind\": \"visit\", \"date\": \"2026-03-09\", \"seen_alone\": \"no\"",
    "\"kind\": \"health_assessment\", \"date\": \"2026-03-09\", \"ha_type\": \"review\"",
    "\"kind\": \"immunisation\", \"date\": \"2026-03-09\", \"imms_up_to_date\": \"no\"",
    "\"kind\": \"sdq\", \"date\": \"2026-03-09\", \"sdq_score\": 31",
    "\"kind\": \"pathway_plan\", \"date\": \"2026-03-09\", \"pathway_plan_type\": \"review\"",
    "\"kind\": \"pa_contact\", \"date\": \"2026-03-09\", \"pa_contact_type\": \"video\"",
    ("\"kind\": \"visit_regime\", \"date\": \"2026-03-09\", \"regime\": "
     "\"reg24_temporary_approval\""),
    "\"kind\": \"pa_request\", \"date\": \"2026-03-09\", \"pa_request\": \"withdrawn\"",
    "\"kind\": \"dental_check\", \"date\": \"2026-03-09\", \"new_date\": \"2026-03-10\"",
    "\"kind\": \"education_plan\", \"date\": \"2026-03-09\", \"new_date\": \"2025-04-02\"",
    "\"kind\": \"care_plan\", \"date\": \"2026-03-09\", \"new_date\": \"2026-03-31\"",
    "\"kind\": \"needs_assessment\", \"date\": \"2026-03-09\", \"new_date\": \"2024-01-15\"",
    "\"kind\": \"visit\", \"date\": \"2026-03-09\", \"new_date\": \"2023-06-01\"",
};

enum { N_RECORDS = sizeof records / sizeof records[0] };
enum { N_CORRECTIONS = sizeof corrections / sizeof corrections[0] };

/* Each record of each kind, then each correction, for four children: after
 * every save, the snapshot is a full load's, and it was patched. */
static void test_each_save_patches_what_a_full_load_gives(void **state)
{
    Fixture *f = *state;
    const char *ids[4];
    char buf[4][32];
    some_children(f, ids, buf);
    int patched = atomic_load(&f->app.saves_patched);
    for (int c = 0; c < 4; c++) {
        for (int i = 0; i < N_RECORDS; i++) {
            assert_int_equal(save(f, "POST", ids[c], records[i]), 201);
            assert_int_equal(atomic_load(&f->app.saves_patched), ++patched);
            assert_snapshot_is_a_full_load(f);
        }
        for (int i = 0; i < N_CORRECTIONS; i++) {
            char body[256];
            snprintf(body, sizeof body, "{%s, \"version\": %d, \"reason\": \"test\"}",
                     corrections[i], i == N_CORRECTIONS - 1 ? 2 : 1);
            assert_int_equal(save(f, "PUT", ids[c], body), 200);
            assert_int_equal(atomic_load(&f->app.saves_patched), ++patched);
            assert_snapshot_is_a_full_load(f);
        }
    }
}

/* Another commit between the request's snapshot and the save (an import
 * the server did not make): the child's rows alone would miss it, so the
 * whole history is loaded, and the snapshot is still a full load's. */
static void test_a_save_after_another_commit_loads_everything(void **state)
{
    Fixture *f = *state;
    const Dataset *ds = &f->app.snapshot->ds;
    char child[32], other[32], dir[128], path[160];
    snprintf(child, sizeof child, "%s", ds->children[1].id);
    snprintf(other, sizeof other, "%s", ds->children[2].id);
    snprintf(dir, sizeof dir, "%s/elsewhere", f->dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof path, "%s/visits.csv", dir);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fprintf(out, "CHILD,VISIT_DATE,SEEN_ALONE\n%s,01/02/2026,yes\n", other);
    fclose(out);
    assert_int_equal(import_folder(f, dir), 0);
    int patched = atomic_load(&f->app.saves_patched);
    assert_int_equal(save(f, "POST", child, records[0]), 201);
    assert_int_equal(atomic_load(&f->app.saves_patched), patched); /* loaded whole */
    assert_snapshot_is_a_full_load(f);
    /* The next save is the one commit after the snapshot again. */
    assert_int_equal(save(f, "POST", child, records[2]), 201);
    assert_int_equal(atomic_load(&f->app.saves_patched), patched + 1);
    assert_snapshot_is_a_full_load(f);
}

typedef struct SaveAtOnce {
    Fixture *f;
    char child[32];
    int status;
} SaveAtOnce;

static void *save_a_visit(void *arg)
{
    SaveAtOnce *s = arg;
    char path[128];
    snprintf(path, sizeof path, "/api/v1/children/%s/records", s->child);
    WebResponse res;
    call(s->f, "POST", path, records[0], &res);
    s->status = res.status;
    web_response_free(&res);
    return NULL;
}

/* Saves sent at once, as from several worker threads: each is made in turn
 * (web_app_begin_save), so each finds only its own commit since the
 * snapshot it began from, and each is patched. */
static void test_saves_at_once_are_each_patched(void **state)
{
    Fixture *f = *state;
    enum { AT_ONCE = 6 };
    SaveAtOnce saves[AT_ONCE];
    pthread_t threads[AT_ONCE];
    int patched = atomic_load(&f->app.saves_patched);
    for (int i = 0; i < AT_ONCE; i++) {
        saves[i] = (SaveAtOnce){.f = f};
        snprintf(saves[i].child, sizeof saves[i].child, "%s",
                 f->app.snapshot->ds.children[10 + 7 * i].id);
    }
    for (int i = 0; i < AT_ONCE; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, save_a_visit, &saves[i]), 0);
    for (int i = 0; i < AT_ONCE; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(saves[i].status, 201);
    }
    assert_int_equal(atomic_load(&f->app.saves_patched), patched + AT_ONCE);
    assert_snapshot_is_a_full_load(f);
}

/* The splice checks what it is given: a child base does not have, or more
 * than one child, builds nothing. */
static void test_the_splice_refuses_what_it_cannot_patch(void **state)
{
    Fixture *f = *state;
    const Dataset *base = &f->app.snapshot->ds;
    Dataset one = {0}, out;
    dataset_add_child(&one, "NOT-A-CHILD", "1", date_from_ymd(2010, 1, 1), "WBRI");
    assert_int_equal(service_splice_child(base, &one, &out), -1);
    assert_null(out.children);
    dataset_add_child(&one, base->children[0].id, "1", date_from_ymd(2010, 1, 1), "WBRI");
    assert_int_equal(service_splice_child(base, &one, &out), -1);
    dataset_free(&one);
    Err err;
    assert_int_equal(service_patch_child(f->db, base, "NOT-A-CHILD", &out, &err), 0);
}

/* The answers the old snapshot kept (a scorecard, every child's worklist)
 * are worked out on the new one after the swap, by the app's preparer: a
 * reader who then asks them works nothing out, and reads the new commit. */
static void test_kept_answers_are_prepared_after_the_swap(void **state)
{
    Fixture *f = *state;
    const char *asks[] = {"/api/v1/scorecard?year=2025/26",
                          "/api/v1/worklist?at=2026-03-31&per_page=500"};
    WebResponse res;
    for (int i = 0; i < 2; i++) {
        call(f, "GET", asks[i], NULL, &res);
        assert_int_equal(res.status, 200);
        web_response_free(&res);
    }
    char child[32];
    snprintf(child, sizeof child, "%s", f->app.snapshot->ds.children[3].id);
    assert_int_equal(save(f, "POST", child, records[1]), 201);
    WebSnapshot *snap = web_app_acquire(&f->app);
    /* The preparer has both answers within a minute (a few milliseconds
     * here), unless a reader... there is none. */
    for (int waited = 0; waited < 600; waited++) {
        pthread_mutex_lock(&snap->cache_lock);
        bool done = snap->n_cards >= 1 && snap->n_answers >= 1;
        pthread_mutex_unlock(&snap->cache_lock);
        if (done) break;
        usleep(100 * 1000);
    }
    int worked_out = atomic_load(&snap->worked_out);
    assert_true(worked_out >= 2);
    for (int i = 0; i < 2; i++) {
        call(f, "GET", asks[i], NULL, &res);
        assert_int_equal(res.status, 200);
        json_t *doc = json_loadb(res.body, res.body_len, 0, NULL);
        assert_int_equal(
            json_integer_value(json_object_get(json_object_get(doc, "meta"), "commit")),
            snap->ds.commit);
        json_decref(doc);
        web_response_free(&res);
    }
    assert_int_equal(atomic_load(&snap->worked_out), worked_out);
    web_app_release(&f->app, snap);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_save_patches_what_a_full_load_gives),
        cmocka_unit_test(test_a_save_after_another_commit_loads_everything),
        cmocka_unit_test(test_saves_at_once_are_each_patched),
        cmocka_unit_test(test_the_splice_refuses_what_it_cannot_patch),
        cmocka_unit_test(test_kept_answers_are_prepared_after_the_swap),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
