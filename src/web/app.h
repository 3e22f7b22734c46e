/* app: what the server holds while it runs — the application context, one
 * Dataset snapshot of the whole history (every part) that every read is
 * answered from, the sessions and the audit log. The snapshot is replaced
 * after an import through the API: readers take a reference under a short
 * lock and keep reading the snapshot they took, which is freed when its last
 * reader lets go, so a read never waits for a load and never reads the disk.
 * A new snapshot is swapped in only once the answers kept with it that take
 * long to work out are there (web/prepare.h), so no reader waits for those
 * either. */
#ifndef CAREPLEDGE_WEB_APP_H
#define CAREPLEDGE_WEB_APP_H

#include "domain/dataset.h"
#include "service/context.h"
#include "service/svc_audit.h"
#include "service/svc_changes.h"
#include "web/session.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

/* A scorecard answered from a snapshot, kept with it: the scorecard of a
 * history is the same until the history changes (a new snapshot), and it
 * takes a second or more on 100,000 children. */
typedef struct WebCachedCard {
    int year;
    bool publish;
    char *body; /* the whole answer, malloc'd */
    size_t len;
} WebCachedCard;

enum { WEB_CACHED_CARDS = 8 };

enum { WEB_QUESTION_MAX = 160 };

/* An answer kept with the snapshot it was made from, by a key that names
 * everything it depends on beyond the snapshot (web_snapshot_answer). */
typedef struct WebCachedAnswer {
    char key[96];
    /* The request that asks it again of another snapshot, "/api/v1/worklist?
     * at=...", when the answer does not depend on who asked (every child's
     * worklist); "" when it does (a caseload's). web/prepare.c asks it of the
     * next snapshot before the swap. */
    char again[WEB_QUESTION_MAX];
    char *body; /* malloc'd */
    size_t len;
} WebCachedAnswer;

/* The answers kept per snapshot: a worklist per caseload and question (a few
 * kilobytes each), the first this many asked; the rest are worked out each
 * time, as all were before. */
enum { WEB_CACHED_ANSWERS = 512 };

typedef struct WebSnapshot {
    Dataset ds;
    pthread_mutex_t cache_lock; /* the cards */
    WebCachedCard cards[WEB_CACHED_CARDS];
    int n_cards;
    WebCachedAnswer *answers; /* WEB_CACHED_ANSWERS, allocated at the first kept */
    int n_answers;
    /* The children's views (web/child_cache.h), made at the first (under
     * cache_lock). */
    struct WebChildCache *child_views;
    /* 31 March of the latest collection year with an episode or review in
     * the history (DATE_NONE when none): where the 903 stops speaking. */
    Date history_end;
    int refs;
    /* The answers worked out and offered to the caches above, by readers or
     * before the snapshot was swapped in (web/prepare.c): how the tests see
     * that the first reader of a new snapshot did not work one out. */
    atomic_int worked_out;
    int prepared; /* of those, worked out before the swap */
} WebSnapshot;

enum {
    /* A history whose latest return ended this many months before today is
     * stale: the next return (the DfE collects it in the months after 31
     * March) is long overdue, so an open episode says nothing about today. */
    WEB_STALE_MONTHS = 18,
};

typedef struct WebApp {
    const char *db_path;
    const AppContext *ctx;
    bool secure_cookies;     /* add Secure to the cookie (behind TLS) */
    const char *webroot;     /* serve the dashboard from this folder, NULL: embedded */
    WebSessionLimits limits; /* a zero field takes its default (web/session.h) */
    time_t (*clock)(void);   /* time(NULL), or the tests' clock */
    pthread_mutex_t snapshot_lock;
    WebSnapshot *snapshot;
    AuditLog *audit;
    SessionBook *book; /* the sessions in the database */
    WebSessions *sessions;
    /* On a database that announces commits (PostgreSQL): a thread that
     * reloads the snapshot when another server or a command commits. */
    ChangeWatch *changes;
    pthread_t watcher;
    atomic_bool stop_watching;
    atomic_bool importing; /* an import through the API is running (web_app_begin_import) */
    /* The preparer (web_app_save): a thread started at the first save that
     * asks the questions of prepare_from, the snapshot a save replaced, of
     * the snapshot in place. */
    pthread_mutex_t prepare_lock;
    pthread_cond_t prepare_wake;
    WebSnapshot *prepare_from; /* held; NULL: nothing to prepare */
    bool prepare_stop;
    bool preparing; /* the thread runs */
    pthread_t preparer;
    /* Saves whose snapshot was the one before with a child's rows read again
     * (web_app_save), and loads of the whole history since the start
     * (web_app_reload: imports, saves after another commit, commits
     * announced): how the tests tell, printed when serve stops. */
    atomic_int saves_patched;
    atomic_int loads_whole;
    /* Saves under way, from before their write to their swap
     * (web_app_begin_save): the watcher of commits waits for them. They
     * take save_lock, one at a time. */
    atomic_int saving;
    pthread_mutex_t save_lock;
} WebApp;

/* Loads the snapshot of db_path, opens its audit log and restores the live
 * sessions saved in it. ctx stays the caller's. On a PostgreSQL database it
 * also listens for commits and swaps in a new snapshot after each
 * (svc_changes.h), so servers sharing the database all answer from the latest
 * import. Free app with web_app_close. */
int web_app_open(WebApp *app, const char *db_path, const AppContext *ctx, Err *err);
void web_app_close(WebApp *app);

/* The current snapshot, held until web_app_release. */
WebSnapshot *web_app_acquire(WebApp *app);
void web_app_release(WebApp *app, WebSnapshot *snap);
/* Copies the cached answer for year and publish into *body (malloc'd) and
 * returns true, or false when none is cached. */
bool web_snapshot_card(WebSnapshot *snap, int year, bool publish, char **body, size_t *len);
/* Keeps a copy of the answer for year and publish (the first WEB_CACHED_CARDS). */
void web_snapshot_keep_card(WebSnapshot *snap, int year, bool publish, const char *body,
                            size_t len);
/* Whether snap keeps as many cards as it can (read under its lock: a
 * request's thread may be keeping one). */
bool web_snapshot_cards_full(WebSnapshot *snap);
/* Copies the answer kept for key into *body (malloc'd) and returns true, or
 * false when none is kept. */
bool web_snapshot_answer(WebSnapshot *snap, const char *key, char **body, size_t *len);
/* Keeps a copy of the answer for key (while fewer than WEB_CACHED_ANSWERS
 * are), with again, the request that asks it of the next snapshot ("" or NULL:
 * none, the answer depends on who asked). */
void web_snapshot_keep_answer(WebSnapshot *snap, const char *key, const char *again,
                              const char *body, size_t len);
/* Loads the database again, works out on the new snapshot the answers its
 * first readers would wait for (web/prepare.h), readers meanwhile answered
 * from the old one, then swaps the new snapshot in. */
int web_app_reload(WebApp *app, Err *err);
/* A save through the API (a record or a correction: one commit that
 * changes child's rows alone) is made between web_app_begin_save, which
 * returns the snapshot in place (before), and web_app_end_save. This
 * server's saves are made one at a time: a save that began while another
 * was writing would find two commits since its snapshot and load the whole
 * history. The snapshot returned was loaded before the save's write, so its
 * commit is earlier than the save's. On a database that announces commits,
 * the watcher (web_app_open) waits for the saves under way before it asks
 * whether the commit announced is in the snapshot already, so that a
 * server's own save is not loaded again whole. */
WebSnapshot *web_app_begin_save(WebApp *app);
void web_app_end_save(WebApp *app, WebSnapshot *before);
/* After the save's commit: swaps in a new snapshot, before with child's rows
 * read again (service/dataset_patch.h), when the database is at the commit
 * right after before's; else loads the whole history as web_app_reload
 * does. The answers kept with the old snapshot that do not depend on who
 * asked (its scorecards, its every-child worklists) are then worked out on
 * the new one by a thread of the app's, not before the swap, so the save's
 * answer does not wait for them; a reader who asks one meanwhile works it
 * out, as for any question not yet asked. */
int web_app_save(WebApp *app, WebSnapshot *before, const char *child, Err *err);
enum { WEB_SAVE_WAIT_MS = 5000 };

/* Takes the server's one place for an import through the API and returns
 * true, or returns false when another import holds it. One at a time: a
 * second would only wait for the first's write lock, holding its upload and
 * a thread meanwhile, and then load and prepare one more snapshot. Give the
 * place back with web_app_end_import. */
bool web_app_begin_import(WebApp *app);
/* The Retry-After of the 409 a second import gets: an import of a year's
 * return takes seconds, a whole history's tens of seconds. */
enum { WEB_IMPORT_RETRY_SECONDS = 10 };
void web_app_end_import(WebApp *app);

time_t web_app_now(const WebApp *app);
/* Today (UTC) by the app's clock. */
Date web_app_today(const WebApp *app);
/* The date the pages and the API answer "as at" when none is asked: today,
 * or the snapshot's history_end when the history is stale (a demo history
 * of 2010 seen years later shows the position of its last return, not 16
 * years of visits "overdue" for children the data has not followed since). */
Date web_app_as_at(const WebApp *app, const WebSnapshot *snap);

#endif
