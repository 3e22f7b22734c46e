/* walk: the CSV files that a list of paths names, for import and validate.
 *
 * A path that is a file is taken as it is, whatever its name; a folder gives
 * its `*.csv` files (any case, hidden names passed over) in name order and,
 * when asked, the files of its folders below, depth first. Folders are
 * remembered by device and inode, so a symbolic link back to a folder already
 * read (`ln -s . again`) is reported once and never followed: a loop ends at
 * once however many links make it. A `*.csv` link that leads nowhere (dangling)
 * or round in a circle is reported with its path instead of being passed over,
 * because a file silently missing from a return is worse than a refusal.
 *
 * It only finds files: it reads none of them and knows nothing of the 903. */
#ifndef CAREPLEDGE_WALK_H
#define CAREPLEDGE_WALK_H

#include "base/err.h"

#include <stdbool.h>

/* Folders nested deeper than this below a path are refused. */
enum { WALK_MAX_DEPTH = 16 };

typedef struct WalkFiles {
    char **paths; /* in the order found; each owned */
    int n_paths, cap;
} WalkFiles;

/* Adds to out the files that paths[0..n-1] name: with recurse, every `*.csv`
 * below each folder; without it, those directly in the folder. Every problem
 * (a path that cannot be read, a device, a dangling or looping `*.csv` link, a
 * link to a folder already read, folders nested too deep) is added to errs
 * with its path, and the walk goes on so that all of them are reported.
 * Returns 0, or ERR_INPUT when errs gained a problem. Free out with
 * walk_files_free. */
int walk_csv_files(char *const *paths, int n, bool recurse, WalkFiles *out, ErrList *errs);
/* The same walk for the names ending in any of suffixes (a NULL-terminated
 * list such as {".csv", ".xml", NULL}, compared in any case) instead of `.csv`. */
int walk_files(char *const *paths, int n, bool recurse, const char *const *suffixes, WalkFiles *out,
               ErrList *errs);
void walk_files_free(WalkFiles *files);

#endif
