/* svc_export: see svc_export.h. */
#include "service/svc_export.h"

#include "base/outfile.h"
#include "exchange/ssda903_return.h"
#include "service/dataset_load.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* The folder to write to, made with any missing parents (like mkdir -p). */
static int make_folder(const char *dir, Err *err)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return service_invalid(err, "out", "the path is too long");
    for (char *p = path + 1;; p++) {
        bool end = *p == '\0';
        if (!end && *p != '/') continue;
        *p = '\0';
        struct stat st;
        if (stat(path, &st) != 0 && mkdir(path, 0700) != 0 && errno != EEXIST)
            return err_set(err, ERR_IO, "cannot make the folder %s: %s", path, strerror(errno));
        if (end) break;
        *p = '/';
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return service_invalid(err, "out", "%s is not a folder", dir);
    return 0;
}

/* The year's return as one EXPSSDA903 file in the folder, named by its year. */
static int write_xml_file(const Ssda903Return *r, const char *dir, const char *db,
                          ExportResult *out, Err *err)
{
    snprintf(out->xml_path, sizeof out->xml_path, "%s/ssda903-%d-%02d.xml", dir, r->year - 1,
             r->year % 100);
    OutFile of;
    int rc = outfile_refuse_database(out->xml_path, db, err);
    if (rc == 0) rc = outfile_open(&of, out->xml_path, err);
    if (rc < 0) return rc;
    rc = ssda903_return_write_xml(r, of.fp, err);
    if (rc < 0) {
        outfile_abandon(&of);
        return rc;
    }
    return outfile_commit(&of, err);
}

int svc_export_run(const AppContext *ctx, const ExportRequest *req, const Actor *actor,
                   ExportResult *out, Err *err)
{
    (void)ctx;
    memset(out, 0, sizeof *out);
    int rc = service_check_actor(actor, err);
    if (rc < 0) return rc;
    Ssda903History h;
    rc = service_load_903_history(req->db_path, req->year, 0, false, &h, err);
    if (rc < 0) return rc;
    Ssda903Return r;
    ssda903_return_build(&h, req->year, &r);
    if (req->format == EXPORT_XML) ssda903_return_add_missing_headers(&h, &r);
    rc = make_folder(req->out_dir, err);
    if (rc == 0)
        rc = req->format == EXPORT_XML
                 ? write_xml_file(&r, req->out_dir, req->db_path, out, err)
                 : ssda903_return_write_files(&r, req->out_dir, req->db_path, err);
    out->year = req->year;
    for (int t = 0; rc == 0 && t < T903_COUNT; t++) {
        const Ssda903Table *def = ssda903_table((Ssda903TableId)t);
        out->written[t] = !def->first_year || req->year >= def->first_year;
        out->rows[t] = r.tables[t].n_rows;
    }
    ssda903_return_free(&r);
    ssda903_history_free(&h);
    return rc;
}
