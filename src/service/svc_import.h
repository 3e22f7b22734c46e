/* svc_import: the import use case — 903 returns and the local record
 * templates read into a database as one transaction (service/import.h says
 * how), and svc_synth: a synthetic 903 history written to a folder
 * (synth/synth.h). The two use cases that write. */
#ifndef CAREPLEDGE_SVC_IMPORT_H
#define CAREPLEDGE_SVC_IMPORT_H

#include "service/context.h"
#include "service/import.h"
#include "service/service.h"
#include "synth/synth.h"

typedef struct ImportRequest {
    const char *db_path; /* created when it is not there */
    char *const *paths;  /* files and folders */
    int n_paths;
    int year;                    /* collection end year of every file; 0: work it out */
    const char *disability_path; /* the council's disability list, or NULL */
    bool keep_invalid;           /* ImportOptions.keep_invalid */
} ImportRequest;

typedef struct ImportResult {
    ImportReport report; /* with the marks stored (report.marks) */
    ErrList problems;    /* every problem of the input, located (file, line, column, field) */
} ImportResult;

/* Imports, all or nothing. Returns 0; ERR_INPUT with every problem in
 * out->problems (nothing was written); or another negative code in err (the
 * database could not be opened). Free out with svc_import_free either way. */
int svc_import_run(const AppContext *ctx, const ImportRequest *req, const Actor *actor,
                   ImportResult *out, Err *err);
void svc_import_free(ImportResult *r);

/* Writes the synthetic history req asks for. Returns 0 or a negative code. */
int svc_synth_run(const SynthOptions *req, const Actor *actor, SynthSummary *out, Err *err);

#endif
