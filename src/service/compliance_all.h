/* compliance_all: the compliance counts of every child of a Dataset, worked
 * out on several threads (service/parallel.h). */
#ifndef CAREPLEDGE_COMPLIANCE_ALL_H
#define CAREPLEDGE_COMPLIANCE_ALL_H

#include "domain/compliance.h"

/* Adds every child of ds to cm as compliance_add_child would, one after the
 * other, but with the children shared out over `threads` threads (0: one per
 * processor). cm must have been set up by compliance_init or
 * compliance_init_items; the counts are the same whatever the threads. */
void compliance_add_all(Compliance *cm, const Dataset *ds, int threads);

#endif
