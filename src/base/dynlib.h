/* dynlib: a shared library opened the first time a command needs it, not when
 * the program starts.
 *
 * Every shared library the binary is linked with is mapped, relocated and
 * initialised before main runs, by every command. A library that only one
 * rarely used path calls (libmicrohttpd for `serve`, with GnuTLS and its eight
 * dependencies; libxml2 for 903 XML, with ICU and the C++ runtime) would cost
 * every other command its start-up (about 15 ms of CPU for those two on this
 * machine: bench/RESULTS.md, "Start-up"; cairo, with pixman, FreeType and
 * the X libraries, another 7 ms, for the charts alone). Such a library is opened here
 * instead, by its SONAME, and its functions are looked up by name into a
 * table of typed pointers the calling module declares (DYNLIB_POINTER).
 *
 * Thread-safe: any number of threads may call dynlib_open on the same library
 * at once; the first opens it, the others wait and share the outcome. */
#ifndef CAREPLEDGE_DYNLIB_H
#define CAREPLEDGE_DYNLIB_H

#include "base/err.h"

#include <pthread.h>
#include <stdbool.h>

typedef struct DynLib {
    const char *soname;       /* e.g. "libxml2.so.2" (CAREPLEDGE_SONAME_LIBXML2, from the build) */
    const char *what;         /* what needs it, for the message: "reading 903 XML" */
    const char *const *names; /* the functions to look up, NULL-terminated */
    void **slots;             /* where their addresses go, in the same order */
    pthread_mutex_t lock;
    bool tried;
    char failure[256]; /* "" when open; otherwise why not */
} DynLib;

/* Initialises a DynLib in a static declaration. slots points at a struct of
 * function pointers laid out as names lists them (every data or function
 * pointer has one size and representation on the POSIX systems dlsym serves). */
#define DYNLIB_INIT(soname, what, names, slots)                                           \
    {                                                                                     \
        (soname), (what), (names), (void **)(slots), PTHREAD_MUTEX_INITIALIZER, false, "" \
    }

/* A member of such a struct: a pointer typed like the library's function. */
#define DYNLIB_POINTER(fn) __typeof__(fn) *fn;
/* An element of the names array. */
#define DYNLIB_NAME(fn) #fn,

/* Opens the library and fills its slots, once. Returns 0, or ERR_UNAVAILABLE
 * with err saying which library is missing (or lacks a function) and what
 * needs it. */
int dynlib_open(DynLib *lib, Err *err);
/* True when dynlib_open has opened lib and filled its slots. */
bool dynlib_opened(DynLib *lib);

#endif
