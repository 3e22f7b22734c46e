/* dynlib: see dynlib.h. */
#include "base/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>

/* Opens lib and fills its slots; on failure writes why into lib->failure. */
static void open_locked(DynLib *lib)
{
    /* RTLD_LOCAL: the library's symbols serve only the lookups below, so they
     * cannot clash with another library's. */
    void *handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(lib->failure, sizeof lib->failure, "%s could not be loaded (%s)", lib->soname,
                 dlerror());
        return;
    }
    for (int i = 0; lib->names[i]; i++) {
        lib->slots[i] = dlsym(handle, lib->names[i]);
        if (!lib->slots[i]) {
            snprintf(lib->failure, sizeof lib->failure, "%s has no function %s", lib->soname,
                     lib->names[i]);
            return; /* the handle stays open: other slots may already point into it */
        }
    }
}

int dynlib_open(DynLib *lib, Err *err)
{
    pthread_mutex_lock(&lib->lock);
    if (!lib->tried) {
        open_locked(lib);
        lib->tried = true;
    }
    pthread_mutex_unlock(&lib->lock);
    if (!lib->failure[0]) return 0;
    return err_set(err, ERR_UNAVAILABLE, "%s needs a shared library: %s", lib->what, lib->failure);
}

bool dynlib_opened(DynLib *lib)
{
    pthread_mutex_lock(&lib->lock);
    bool open = lib->tried && !lib->failure[0];
    pthread_mutex_unlock(&lib->lock);
    return open;
}
