/* outfile: an output file written whole or not at all, and never over the
 * database it was computed from.
 *
 * outfile_open creates a temporary file in the output's own folder (so that
 * the rename is atomic: same file system); outfile_commit renames it into
 * place, outfile_abandon removes it. A reader of the output path sees the old
 * file or the new one, never half of one. The file is made readable by its
 * owner only (0600), whatever the umask. */
#ifndef CAREPLEDGE_OUTFILE_H
#define CAREPLEDGE_OUTFILE_H

#include "base/err.h"

#include <stdio.h>

typedef struct OutFile {
    char *path; /* where it goes */
    char *tmp;  /* where it is written first */
    FILE *fp;
} OutFile;

/* ERR_USAGE when out is the database db (same device and inode) or one of its
 * -wal, -shm or -journal files (by device and inode when they exist, else by
 * folder and name). */
int outfile_refuse_database(const char *out, const char *db, Err *err);
/* ERR_USAGE when out is the file input, which the command reads (same device
 * and inode, or the same name in the same folder). */
int outfile_refuse_input(const char *out, const char *input, Err *err);

int outfile_open(OutFile *o, const char *path, Err *err);
/* Closes and renames into place; on any failure (a write that failed before,
 * the close, the rename) removes the temporary file and leaves whatever was at
 * the path as it was. */
int outfile_commit(OutFile *o, Err *err);
void outfile_abandon(OutFile *o);

#endif
