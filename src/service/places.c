/* places: see places.h. */
#include "service/places.h"

#include "base/mem.h"
#include "exchange/onspd.h"
#include "service/service.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int places_check_la(const char *code, char out[10], Err *err)
{
    size_t n = strlen(code);
    bool ok = n == 9 && isalpha((unsigned char)code[0]);
    for (size_t i = 1; ok && i < n; i++) ok = isdigit((unsigned char)code[i]) != 0;
    if (!ok)
        return service_invalid(err, "la",
                               "'%s' is not a local authority code: give the ONS code of the "
                               "council, a letter and 8 digits such as E10000009",
                               code);
    if (code[1] == '0' && code[2] == '7')
        return service_invalid(err, "la",
                               "'%s' is a shire district: the 903 names a placement's authority "
                               "by the upper tier, so give the county council's code (E10...)",
                               code);
    for (size_t i = 0; i <= n; i++) out[i] = (char)toupper((unsigned char)code[i]);
    return 0;
}

/* Whether an episode runs at some time from `from` to `to`. */
static bool runs_in(const Episode *e, Date from, Date to)
{
    return e->decom != DATE_NONE && e->decom <= to && (e->dec == DATE_NONE || e->dec > from);
}

/* Wants a postcode, reusing the last handle when it is the same text (a
 * child's episodes mostly share the home postcode, and often the placement's). */
static long want(Onspd *dir, const char *postcode, const char **last, long *handle)
{
    if (!*last || strcmp(*last, postcode) != 0) {
        *handle = onspd_want(dir, postcode);
        *last = postcode;
    }
    return *handle;
}

int places_derive(Dataset *ds, const char *onspd_path, const char *own_la, Date from, Date to,
                  Err *err)
{
    char own[10] = "";
    if (own_la) {
        int rc = places_check_la(own_la, own, err);
        if (rc < 0) return rc;
        ds->places_derived |= DATASET_PLACES_OWN_LA;
    }
    if (!onspd_path) return 0;
    Onspd *dir = onspd_new();
    long *handles = xmalloc(((size_t)ds->n_places * 2 + 1) * sizeof *handles);
    const char *last_home = NULL, *last_pl = NULL;
    long home = -1, pl = -1;
    for (int i = 0; i < ds->n_places; i++) {
        bool needed = runs_in(&ds->episodes[i], from, to);
        handles[2 * i] = needed ? want(dir, ds->places[i].home_post, &last_home, &home) : -1;
        handles[2 * i + 1] = needed ? want(dir, ds->places[i].pl_post, &last_pl, &pl) : -1;
    }
    int rc = onspd_read_file(dir, onspd_path, err);
    for (int i = 0; rc == 0 && i < ds->n_places; i++) {
        EpisodePlace *place = &ds->places[i];
        const OnspdEntry *at = onspd_entry(dir, handles[2 * i + 1]);
        place->distance = (int32_t)onspd_distance_tenths(onspd_entry(dir, handles[2 * i]), at);
        size_t n = at ? strlen(at->la) : 0;
        if (n >= sizeof place->pl_la) n = 0;
        memcpy(place->pl_la, at ? at->la : "", n);
        place->pl_la[n] = '\0';
        place->location = n ? onspd_location(at, own) : 0;
    }
    free(handles);
    onspd_free(dir);
    if (rc == 0) ds->places_derived |= DATASET_PLACES_DIRECTORY;
    return rc;
}
