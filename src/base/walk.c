/* walk: see walk.h. */
#include "base/walk.h"

#include "base/mem.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef struct FolderId {
    dev_t dev;
    ino_t ino;
} FolderId;

typedef struct Walk {
    bool recurse;
    const char *const *suffixes; /* the file names wanted, NULL-terminated */
    FolderId *seen;              /* every folder read so far */
    int n_seen, cap_seen;
    WalkFiles *out;
    ErrList *errs;
} Walk;

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether the name ends in one of the walk's suffixes (any case). */
static bool has_wanted_suffix(const Walk *w, const char *name)
{
    size_t n = strlen(name);
    for (const char *const *s = w->suffixes; *s; s++) {
        size_t len = strlen(*s);
        if (n > len && strcasecmp(name + n - len, *s) == 0) return true;
    }
    return false;
}

static void add_file(WalkFiles *out, const char *path)
{
    MEM_GROW(out->paths, out->n_paths, out->cap);
    out->paths[out->n_paths++] = xstrdup(path);
}

/* Remembers the folder; false when it was read already (a link loop, or two
 * ways to the same folder). */
static bool first_visit(Walk *w, const struct stat *st)
{
    for (int i = 0; i < w->n_seen; i++)
        if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino) return false;
    MEM_GROW(w->seen, w->n_seen, w->cap_seen);
    w->seen[w->n_seen++] = (FolderId){st->st_dev, st->st_ino};
    return true;
}

/* The entries of a folder, hidden ones left out, as full paths in name order. */
static char **folder_entries(const char *path, int *n, ErrList *errs)
{
    DIR *dir = opendir(path);
    *n = 0;
    if (!dir) {
        errlist_at(errs, path, 0, 0, NULL, "cannot open folder: %s", strerror(errno));
        return NULL;
    }
    char **items = NULL;
    int cap = 0;
    for (struct dirent *de; (de = readdir(dir)) != NULL;) {
        if (de->d_name[0] == '.') continue;
        size_t len = strlen(path) + strlen(de->d_name) + 2;
        MEM_GROW(items, *n, cap);
        items[*n] = xmalloc(len);
        snprintf(items[(*n)++], len, "%s/%s", path, de->d_name);
    }
    closedir(dir);
    qsort(items, (size_t)*n, sizeof *items, compare_strings);
    return items;
}

static void walk_path(Walk *w, const char *path, int depth);

/* An entry of a folder: a file with a wanted suffix (`*.csv`), a folder to go
 * down into, or nothing the walk wants. A wanted name that cannot be followed
 * is a problem. */
static void walk_entry(Walk *w, const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode) ? w->recurse : has_wanted_suffix(w, path))
            walk_path(w, path, depth);
        return;
    }
    if (!has_wanted_suffix(w, path)) return;
    struct stat link;
    if (errno == ELOOP)
        errlist_at(w->errs, path, 0, 0, NULL, "a link that leads round in a circle: not read");
    else if (lstat(path, &link) == 0 && S_ISLNK(link.st_mode))
        errlist_at(w->errs, path, 0, 0, NULL, "a link to a file that is not there: not read");
    else
        errlist_at(w->errs, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
}

static void walk_folder(Walk *w, const char *path, const struct stat *st, int depth)
{
    if (!first_visit(w, st)) {
        errlist_at(w->errs, path, 0, 0, NULL,
                   "a link to a folder already read (a loop?): not followed");
        return;
    }
    int n;
    char **entries = folder_entries(path, &n, w->errs);
    for (int i = 0; i < n; i++) {
        walk_entry(w, entries[i], depth + 1);
        free(entries[i]);
    }
    free(entries);
}

static void walk_path(Walk *w, const char *path, int depth)
{
    struct stat st;
    if (depth > WALK_MAX_DEPTH) {
        errlist_at(w->errs, path, 0, 0, NULL, "folders nested more than %d deep", WALK_MAX_DEPTH);
    } else if (stat(path, &st) != 0) {
        errlist_at(w->errs, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        walk_folder(w, path, &st, depth);
    } else if (S_ISREG(st.st_mode)) {
        add_file(w->out, path);
    } else {
        errlist_at(w->errs, path, 0, 0, NULL, "not a file or a folder (a device or a pipe?)");
    }
}

int walk_files(char *const *paths, int n, bool recurse, const char *const *suffixes, WalkFiles *out,
               ErrList *errs)
{
    Walk w = {.recurse = recurse, .suffixes = suffixes, .out = out, .errs = errs};
    long before = errs->n_total;
    for (int i = 0; i < n; i++) walk_path(&w, paths[i], 0);
    free(w.seen);
    return errs->n_total > before ? ERR_INPUT : 0;
}

int walk_csv_files(char *const *paths, int n, bool recurse, WalkFiles *out, ErrList *errs)
{
    static const char *const csv[] = {".csv", NULL};
    return walk_files(paths, n, recurse, csv, out, errs);
}

void walk_files_free(WalkFiles *files)
{
    for (int i = 0; i < files->n_paths; i++) free(files->paths[i]);
    free(files->paths);
    memset(files, 0, sizeof *files);
}
