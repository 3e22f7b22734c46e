/* prepare: see prepare.h. */
#include "web/prepare.h"

#include "web/router.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

enum { MAX_QUESTIONS = 1 + WEB_CACHED_CARDS + WEB_PREPARED_WORKLISTS };

/* The requests to ask of the new snapshot, in order ("/api/v1/...?..."). */
typedef struct Questions {
    char items[MAX_QUESTIONS][WEB_QUESTION_MAX];
    int n;
} Questions;

static void add_question(Questions *q, const char *request)
{
    if (q->n < MAX_QUESTIONS) snprintf(q->items[q->n++], WEB_QUESTION_MAX, "%s", request);
}

/* year is the collection year's end (2026: 2025/26), as the cards keep it. */
static void add_scorecard(Questions *q, int year, bool publish)
{
    char request[WEB_QUESTION_MAX];
    snprintf(request, sizeof request, "/api/v1/scorecard?year=%d/%02d&publish=%d", year - 1,
             year % 100, publish);
    add_question(q, request);
}

/* What old was asked that does not depend on who asked: its scorecards and
 * the first of its every-child worklists. */
static void add_old_questions(Questions *q, WebSnapshot *old)
{
    pthread_mutex_lock(&old->cache_lock);
    for (int i = 0; i < old->n_cards; i++)
        add_scorecard(q, old->cards[i].year, old->cards[i].publish);
    int worklists = 0;
    for (int i = 0; i < old->n_answers && worklists < WEB_PREPARED_WORKLISTS; i++) {
        if (!old->answers[i].again[0]) continue; /* a caseload's */
        add_question(q, old->answers[i].again);
        worklists++;
    }
    pthread_mutex_unlock(&old->cache_lock);
}

static const WebRoute *get_route(const char *path)
{
    for (int i = 0; i < web_n_routes; i++)
        if (strcmp(web_routes[i].method, "GET") == 0 && strcmp(web_routes[i].pattern, path) == 0)
            return &web_routes[i];
    return NULL;
}

/* Asks request of snap through its route's handler, as server; the handler
 * keeps the answer with snap. The answer itself is not needed. */
static void ask(WebApp *app, WebSnapshot *snap, WebSession *server, const char *request)
{
    char text[WEB_QUESTION_MAX];
    snprintf(text, sizeof text, "%s", request);
    WebRequest req = {.method = "GET", .path = text, .origin = server->user};
    char *query = strchr(text, '?');
    if (query) *query++ = '\0';
    for (char *save, *p = query ? strtok_r(query, "&", &save) : NULL;
         p && req.n_params < WEB_MAX_PARAMS; p = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(p, '=');
        if (eq) *eq++ = '\0';
        req.params[req.n_params++] = (WebParam){p, eq ? eq : ""};
    }
    const WebRoute *route = get_route(text);
    if (!route) return;
    WebResponse res = {0};
    WebCall call = {.app = app, .req = &req, .res = &res, .session = server, .snap = snap};
    actor_named(&call.actor, server->user);
    route->handler(&call);
    web_response_free(&res);
}

/* Asks of fresh what web_prepare_snapshot says. */
static void ask_questions(WebApp *app, WebSnapshot *fresh, WebSnapshot *old)
{
    /* The server asks as a role that sees every child and every report, so
     * that the answers are the ones kept for every such reader: the
     * worklists' key is "every child", the cards' the year and publication. */
    WebSession server = {.role = svc_role("administrator")};
    assert(server.role && (server.role->capabilities & CAP_ALL_CHILDREN) &&
           (server.role->capabilities & CAP_REPORTS));
    snprintf(server.user, sizeof server.user, "carepledge serve");
    Questions q = {.n = 0};
    /* The dashboard's scorecard page: its year moves with the history's end
     * (a stale history is answered as at its last 31 March), so it is asked
     * even when the old snapshot was asked another year. */
    add_scorecard(&q, date_collection_year(web_app_as_at(app, fresh)), false);
    if (old) add_old_questions(&q, old);
    for (int i = 0; i < q.n; i++) {
        /* A card beyond those kept would be worked out for nothing. */
        bool card = strncmp(q.items[i], "/api/v1/scorecard?", 18) == 0;
        if (card && web_snapshot_cards_full(fresh)) continue;
        ask(app, fresh, &server, q.items[i]);
    }
}

void web_prepare_snapshot(WebApp *app, WebSnapshot *fresh, WebSnapshot *old)
{
    ask_questions(app, fresh, old);
    fresh->prepared = atomic_load(&fresh->worked_out);
}

void web_prepare_live_snapshot(WebApp *app, WebSnapshot *snap, WebSnapshot *old)
{
    ask_questions(app, snap, old);
}
