/* cairo_lib: see cairo_lib.h. */
#include "render/cairo_lib.h"

#include <fontconfig/fontconfig.h>

#include <stddef.h>

CairoLibFunctions cairo_lib;
static const char *const cairo_names[] = {CAIRO_LIB_FUNCTIONS(DYNLIB_NAME) NULL};
static DynLib cairo_dynlib =
    DYNLIB_INIT(CAREPLEDGE_SONAME_LIBCAIRO, "drawing", cairo_names, &cairo_lib);

/* fontconfig only to free its caches (cairo_lib_free_caches): cairo finds the
 * fonts through it by itself. */
#define FONTCONFIG_FUNCTIONS(F) F(FcFini)
static struct {
    FONTCONFIG_FUNCTIONS(DYNLIB_POINTER)
} fontconfig;
static const char *const fontconfig_names[] = {FONTCONFIG_FUNCTIONS(DYNLIB_NAME) NULL};
static DynLib fontconfig_dynlib =
    DYNLIB_INIT(CAREPLEDGE_SONAME_LIBFONTCONFIG, "drawing", fontconfig_names, &fontconfig);

/* dynlib's message names what the library serves; the caller knows better
 * than the shared table which drawing that is. */
static int unavailable(DynLib *lib, const char *what, Err *err)
{
    return err_set(err, ERR_UNAVAILABLE, "%s needs a shared library: %s", what, lib->failure);
}

int cairo_lib_open(const char *what, Err *err)
{
    Err ignored = {0};
    if (dynlib_open(&cairo_dynlib, &ignored) < 0) return unavailable(&cairo_dynlib, what, err);
    if (dynlib_open(&fontconfig_dynlib, &ignored) < 0)
        return unavailable(&fontconfig_dynlib, what, err);
    return 0;
}

void cairo_lib_free_caches(void)
{
    /* Only what was opened has caches (and pointers to call). */
    if (dynlib_opened(&cairo_dynlib)) cairo_lib.cairo_debug_reset_static_data();
    if (dynlib_opened(&fontconfig_dynlib)) fontconfig.FcFini();
}
