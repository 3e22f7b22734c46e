/* pack_write: the quarterly pack (service/svc_pack.h gathers it) as one A4
 * PDF for the Strategy Group and the Corporate Parenting Panel: a first page a
 * councillor reads in a minute (every promise with its figure, its direction
 * since last year in words and an arrow, and its status), then the profile,
 * the scorecard with its trends, the action plan, the CiCC issues and their
 * answers, the survey, participation, the scrutiny items and the regular
 * items of the terms of reference. Tables and charts take the room their
 * content needs, several to a page; every page carries the pack's date, its
 * number of the whole and, when published, which figures are withheld.
 * Draws what it is given: computes, rounds and withholds nothing. */
#ifndef CAREPLEDGE_PACK_WRITE_H
#define CAREPLEDGE_PACK_WRITE_H

#include "base/err.h"
#include "service/svc_pack.h"

/* Writes the pack to path. *pages (may be NULL) is the number of pages.
 * Returns 0, ERR_IO, or ERR_UNAVAILABLE when cairo cannot be opened. */
int pack_write_pdf(const char *path, const PackResult *pack, int *pages, Err *err);

/* The direction of an indicator since the year before, in words a reader
 * needs no colour for: "better", "worse", "no change" (the same as
 * published), or "" when either year has no figure to compare. *arrow is
 * "↑", "↓", "=" or "". Pure; used by the first page. */
const char *pack_direction(const Scorecard *sc, const ScoreEntry *e, const char **arrow);

#endif
