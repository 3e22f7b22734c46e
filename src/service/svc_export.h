/* svc_export: the use case "write a collection year's return from the
 * database": the 903 tables as the DfE would have received them on 31 March
 * (exchange/ssda903_return.h), written as the 903 CSV files or as one 903 XML
 * export (EXPSSDA903, as case-management systems write it), so a council
 * whose records are kept here can submit from it and importing the files gives
 * back the same history. */
#ifndef CAREPLEDGE_SVC_EXPORT_H
#define CAREPLEDGE_SVC_EXPORT_H

#include "exchange/ssda903.h"
#include "service/context.h"
#include "service/service.h"

typedef enum ExportFormat {
    EXPORT_CSV, /* one TABLE.csv per table collected that year */
    EXPORT_XML  /* one ssda903-YYYY-YY.xml holding every table */
} ExportFormat;

typedef struct ExportRequest {
    const char *db_path; /* an existing database, opened read-only */
    int year;            /* collection end year: 2026 is 2025/26 */
    const char *out_dir; /* made, with its parents, when missing */
    ExportFormat format;
} ExportRequest;

typedef struct ExportResult {
    int year;
    int rows[T903_COUNT];     /* rows written per table */
    bool written[T903_COUNT]; /* false for a table not collected that year */
    char xml_path[4200];      /* EXPORT_XML: the file written */
} ExportResult;

/* Writes the files. Returns 0, ERR_FORBIDDEN, ERR_USAGE (out_dir is not a
 * folder; err->param "out"), ERR_IO or the store's errors. */
int svc_export_run(const AppContext *ctx, const ExportRequest *req, const Actor *actor,
                   ExportResult *out, Err *err);

#endif
