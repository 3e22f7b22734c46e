/* svc_changes: the use case "tell me when another process commits to this
 * database", for a server that keeps a loaded snapshot: several servers
 * sharing one PostgreSQL database each hear of an import any of them (or the
 * command line) commits, and swap in a new snapshot (web/app.c). */
#ifndef CAREPLEDGE_SVC_CHANGES_H
#define CAREPLEDGE_SVC_CHANGES_H

#include "base/err.h"

typedef struct ChangeWatch ChangeWatch;

/* Opens a connection of its own listening for commits. ERR_DB when the
 * database cannot announce them (a SQLite file): there is nothing to watch. */
int svc_changes_open(const char *db_path, ChangeWatch **out, Err *err);
/* 1 when a commit was announced within timeout_ms, 0 when none, ERR_DB when
 * the connection was lost. One thread at a time. */
int svc_changes_wait(ChangeWatch *w, int timeout_ms);
/* The database's latest commit (store_current_commit), read on the watch's
 * connection: a server compares it with its snapshot's to know whether the
 * commit announced is one it has already (its own save, web_app_save). -1
 * when it cannot be read. */
long long svc_changes_commit(ChangeWatch *w, Err *err);
void svc_changes_close(ChangeWatch *w);

#endif
