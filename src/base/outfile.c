/* outfile: see outfile.h. */
#include "base/outfile.h"

#include "base/mem.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* The folder part of path ("." when none), newly allocated. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return xstrdup(".");
    if (slash == path) return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

static const char *name_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Whether out names the file db + suffix: the same file when both exist, or
 * the same name in the same folder when that file is not there (yet). */
static bool names_companion(const char *out, const char *db, const char *suffix)
{
    size_t n = strlen(db) + strlen(suffix) + 1;
    char *companion = xmalloc(n);
    snprintf(companion, n, "%s%s", db, suffix);
    bool same = same_file(out, companion);
    if (!same) {
        char *dir_out = folder_of(out), *dir_db = folder_of(companion);
        same = strcmp(name_of(out), name_of(companion)) == 0 && same_file(dir_out, dir_db);
        free(dir_out);
        free(dir_db);
    }
    free(companion);
    return same;
}

int outfile_refuse_database(const char *out, const char *db, Err *err)
{
    if (!out || !db) return 0;
    if (same_file(out, db) || names_companion(out, db, ""))
        return err_set(err, ERR_USAGE, "--out %s is the database itself; choose another file", out);
    if (names_companion(out, db, "-wal") || names_companion(out, db, "-shm") ||
        names_companion(out, db, "-journal"))
        return err_set(err, ERR_USAGE,
                       "--out %s is one of the database's own files (-wal, -shm or -journal); "
                       "choose another file",
                       out);
    return 0;
}

int outfile_refuse_input(const char *out, const char *input, Err *err)
{
    if (!out || !input) return 0;
    if (same_file(out, input) || names_companion(out, input, ""))
        return err_set(err, ERR_USAGE,
                       "--out %s is %s, a file this command reads; choose another "
                       "file",
                       out, input);
    return 0;
}

int outfile_open(OutFile *o, const char *path, Err *err)
{
    memset(o, 0, sizeof *o);
    char *dir = folder_of(path);
    size_t n = strlen(dir) + strlen(name_of(path)) + 16;
    o->tmp = xmalloc(n);
    snprintf(o->tmp, n, "%s/.%s.XXXXXX", dir, name_of(path));
    free(dir);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        o->tmp = NULL;
        return err_set(err, ERR_IO, "cannot write in the folder of %s: %s", path, strerror(e));
    }
    /* Reports hold children's records: their owner's only, whatever the
     * umask (mkstemp makes 0600 already; said here so it stays so). */
    fchmod(fd, 0600);
    o->fp = fdopen(fd, "w");
    o->path = xstrdup(path);
    return 0;
}

void outfile_abandon(OutFile *o)
{
    if (o->fp) fclose(o->fp);
    if (o->tmp) unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

int outfile_commit(OutFile *o, Err *err)
{
    int rc = 0;
    /* A write that failed earlier (a full disk) leaves the error flag set even
     * when the last flush in fclose succeeds. */
    bool failed = o->fp && ferror(o->fp);
    if (o->fp && fclose(o->fp) != 0) failed = true;
    if (failed) rc = err_set(err, ERR_IO, "cannot write %s: %s", o->path, strerror(errno));
    o->fp = NULL;
    if (rc == 0 && rename(o->tmp, o->path) != 0)
        rc = err_set(err, ERR_IO, "cannot put %s in place: %s", o->path, strerror(errno));
    if (rc == 0) {
        free(o->tmp);
        o->tmp = NULL;
    }
    outfile_abandon(o);
    return rc;
}
