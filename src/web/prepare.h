/* prepare: the answers a new snapshot is given before any reader sees it.
 *
 * Some answers are kept with the snapshot once worked out (web_snapshot_card,
 * web_snapshot_answer), and the scorecard takes seconds to work out on
 * 100,000 children. Left to the first reader after a swap, that reader, and
 * every other asking the same meanwhile, waited for it. So the thread that
 * loads a snapshot (an import's, a correction's, or the watcher of commits)
 * works them out first, while readers go on being answered from the old
 * snapshot, and only then is the new one swapped in (web_app_reload).
 *
 * It asks what a reader would, through the routes' own handlers, so a
 * prepared answer is byte for byte the one a reader would have worked out.
 * It writes nothing to the database and audits nothing: it opens no child's
 * record, and its questions are not anyone's. */
#ifndef CAREPLEDGE_WEB_PREPARE_H
#define CAREPLEDGE_WEB_PREPARE_H

#include "web/app.h"

enum {
    /* Every child's worklists of the old snapshot asked again of the new one:
     * the first this many kept. Each works out the whole history's due items
     * (tens of milliseconds on 100,000 children), so not all 512 that may be
     * kept; a caseload's (25 children: 170 µs) is never asked again. */
    WEB_PREPARED_WORKLISTS = 8,
};

/* Works out on fresh, which no reader holds yet: the unpublished scorecard of
 * the collection year fresh is answered as at (web_app_as_at); and, when old
 * is not NULL, what old was asked that does not depend on who asked: every
 * scorecard it kept (by year and publication) and the first
 * WEB_PREPARED_WORKLISTS of its every-child worklists. What no one asked of
 * old is left to its first reader, as it was, so that an import's request
 * does not wait for answers no one reads. Each answer is kept with fresh as a
 * reader's would be; fresh->prepared counts them. A question that fails is
 * left to the reader who asks it (who gets the error). */
void web_prepare_snapshot(WebApp *app, WebSnapshot *fresh, WebSnapshot *old);
/* The same questions asked of snap after it was swapped in (web_app_save),
 * readers asking them meanwhile: an answer a reader has kept is not worked
 * out again, and snap->prepared is left as it is. */
void web_prepare_live_snapshot(WebApp *app, WebSnapshot *snap, WebSnapshot *old);

#endif
