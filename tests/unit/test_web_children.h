/* The two made-up children of the web tests, A (born 10/05/2012) and B
 * (01/09/2016), as Header rows imported into a database, so that the routes
 * have children to open and records can be imported for them. */
#ifndef TEST_WEB_CHILDREN_H
#define TEST_WEB_CHILDREN_H

#include "service/svc_import.h"

#include <stdio.h>
#include <sys/stat.h>

/* Writes folder/2025-26/header.csv and imports it into db as actor. */
static inline int web_children_import(const AppContext *ctx, const char *folder, const char *db,
                                      const Actor *actor, Err *err)
{
    char dir[96], path[128];
    snprintf(dir, sizeof dir, "%s/2025-26", folder);
    snprintf(path, sizeof path, "%s/header.csv", dir);
    FILE *out = mkdir(dir, 0700) == 0 ? fopen(path, "w") : NULL;
    if (!out) return -1;
    fprintf(out, "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,10/05/2012,WBRI,,,\n"
                 "B,2,01/09/2016,WBRI,,,\n");
    fclose(out);
    char *paths[] = {dir};
    ImportRequest req = {.db_path = db, .paths = paths, .n_paths = 1};
    ImportResult res;
    int rc = svc_import_run(ctx, &req, actor, &res, err);
    svc_import_free(&res);
    return rc;
}

#endif
