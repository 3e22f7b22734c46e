/* embed: files built into the binary (schema migrations, shipped reference data).
 *
 * The table is generated at build time by cmake/embed.cmake from the files under
 * data/ and schema/, so the binary needs nothing beside it at run time. */
#ifndef CAREPLEDGE_EMBED_H
#define CAREPLEDGE_EMBED_H

#include <stddef.h>

typedef struct EmbeddedFile {
    const char *name;          /* path relative to the source tree, e.g. "data/903-codes.csv" */
    const unsigned char *data; /* NUL-terminated for convenience; len excludes the NUL */
    size_t len;
} EmbeddedFile;

extern const EmbeddedFile embedded_files[];
extern const int n_embedded_files;

/* The embedded file with this name, or NULL. */
const EmbeddedFile *embed_find(const char *name);

#endif
