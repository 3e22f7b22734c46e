/* csv_to_903xml OUT.xml PATH...: writes the 903 CSV tables found in PATH
 * (files, or folders of .csv files) as one EXPSSDA903 document, with
 * exchange/ssda903_xml.h's writer. The tests and bench/ use it to make an XML
 * export of synthetic data; Carepledge's record templates in the same folders
 * are not part of the 903 and are passed over. Exit status 0, or 2 with a
 * message. */
#include "base/mem.h"
#include "exchange/ssda903_xml.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static int add_table(const char *path, Ssda903File *tables[T903_COUNT], ErrList *errs)
{
    Ssda903File *f = xcalloc(1, sizeof *f);
    if (ssda903_file_load_any(path, f, errs) < 0 || ssda903_is_record_template(f->table->id)) {
        ssda903_file_free(f);
        free(f);
        return errs->n_total ? -1 : 0;
    }
    if (tables[f->table->id]) {
        errlist_at(errs, path, 0, 0, NULL, "a second %s table (also in %s)", f->table->name,
                   tables[f->table->id]->path);
        ssda903_file_free(f);
        free(f);
        return -1;
    }
    tables[f->table->id] = f;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_folder(const char *dir, Ssda903File *tables[T903_COUNT], ErrList *errs)
{
    DIR *d = opendir(dir);
    if (!d) {
        errlist_at(errs, dir, 0, 0, NULL, "cannot open folder");
        return -1;
    }
    char **names = NULL;
    int n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcasecmp(e->d_name + len - 4, ".csv") != 0) continue;
        MEM_GROW(names, n, cap);
        size_t size = strlen(dir) + len + 2;
        names[n] = xmalloc(size);
        snprintf(names[n++], size, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    int rc = 0;
    for (int i = 0; i < n; i++) {
        if (rc == 0) rc = add_table(names[i], tables, errs);
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: csv_to_903xml OUT.xml PATH...\n");
        return 2;
    }
    Ssda903File *tables[T903_COUNT] = {0};
    ErrList errs = {0};
    int rc = 0;
    for (int i = 2; i < argc && rc == 0; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc = add_folder(argv[i], tables, &errs);
        else
            rc = add_table(argv[i], tables, &errs);
    }
    Err err;
    FILE *out = rc == 0 ? fopen(argv[1], "w") : NULL;
    if (rc == 0 && !out) {
        errlist_at(&errs, argv[1], 0, 0, NULL, "cannot write");
        rc = -1;
    }
    if (rc == 0 && ssda903_xml_write(out, (const Ssda903File *const *)tables, &err) < 0) {
        errlist_add(&errs, &err);
        rc = -1;
    }
    if (out && fclose(out) != 0 && rc == 0) {
        errlist_at(&errs, argv[1], 0, 0, NULL, "could not be written");
        rc = -1;
    }
    errlist_print(&errs, stderr);
    errlist_free(&errs);
    for (int t = 0; t < T903_COUNT; t++) {
        if (!tables[t]) continue;
        ssda903_file_free(tables[t]);
        free(tables[t]);
    }
    return rc == 0 ? 0 : 2;
}
