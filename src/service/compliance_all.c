/* compliance_all: see compliance_all.h. */
#include "service/compliance_all.h"

#include "base/mem.h"
#include "service/parallel.h"

#include <stdlib.h>

/* One share: its own Compliance (counts and scratch) over a view of the
 * Dataset holding a slice of the children. */
typedef struct Share {
    Dataset view;
    Compliance cm;
} Share;

static void add_share(void *arg)
{
    Share *sh = arg;
    for (int i = 0; i < sh->view.n_children; i++)
        compliance_add_child(&sh->cm, &sh->view, &sh->view.children[i]);
}

void compliance_add_all(Compliance *cm, const Dataset *ds, int threads)
{
    int n = parallel_share_count(ds, threads);
    Dataset views[PARALLEL_MAX_SHARES];
    parallel_split(ds, n, views);
    Share *shares = xcalloc((size_t)n, sizeof *shares);
    for (int s = 0; s < n; s++) {
        shares[s].view = views[s];
        compliance_init_items(&shares[s].cm, cm->from, cm->to, cm->cal, cm->items);
    }
    parallel_run(n, add_share, shares, sizeof *shares);
    for (int s = 0; s < n; s++) {
        for (int item = 0; item < DUE_ITEM_COUNT; item++) {
            ComplianceCount *to = &cm->counts[item];
            const ComplianceCount *from = &shares[s].cm.counts[item];
            to->fell_due += from->fell_due;
            to->on_time += from->on_time;
            to->late += from->late;
            to->not_done += from->not_done;
        }
        compliance_free(&shares[s].cm);
    }
    free(shares);
}
