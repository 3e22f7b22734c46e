/* embed: see embed.h. */
#include "base/embed.h"

#include <string.h>

const EmbeddedFile *embed_find(const char *name)
{
    for (int i = 0; i < n_embedded_files; i++)
        if (strcmp(embedded_files[i].name, name) == 0) return &embedded_files[i];
    return NULL;
}
