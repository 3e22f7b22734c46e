/* places: see places.h. */
#include "service/places.h"

#include "exchange/onspd.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int places_check_la(const char *code, char out[10], Err *err)
{
    size_t n = strlen(code);
    bool ok = n == 9 && isalpha((unsigned char)code[0]);
    for (size_t i = 1; ok && i < n; i++) ok = isdigit((unsigned char)code[i]) != 0;
    if (!ok)
        return err_set(err, ERR_USAGE,
                       "--la '%s' is not a local authority code: give the ONS code of the council, "
                       "a letter and 8 digits such as E10000009",
                       code);
    if (code[1] == '0' && code[2] == '7')
        return err_set(
            err, ERR_USAGE,
            "--la '%s' is a shire district: the 903 names a placement's authority by the "
            "upper tier, so give the county council's code (E10...)",
            code);
    for (size_t i = 0; i <= n; i++) out[i] = (char)toupper((unsigned char)code[i]);
    return 0;
}

int places_derive(Dataset *ds, const char *onspd_path, const char *own_la, Err *err)
{
    char own[10] = "";
    if (own_la) {
        int rc = places_check_la(own_la, own, err);
        if (rc < 0) return rc;
        ds->places_derived |= DATASET_PLACES_OWN_LA;
    }
    if (!onspd_path) return 0;
    Onspd *dir = onspd_new();
    for (int i = 0; i < ds->n_places; i++) {
        onspd_want(dir, ds->places[i].home_post);
        onspd_want(dir, ds->places[i].pl_post);
    }
    int rc = onspd_read_file(dir, onspd_path, err);
    for (int i = 0; rc == 0 && i < ds->n_places; i++) {
        EpisodePlace *pl = &ds->places[i];
        const OnspdEntry *home = onspd_lookup(dir, pl->home_post);
        const OnspdEntry *at = onspd_lookup(dir, pl->pl_post);
        long miles10 = onspd_distance_tenths(home, at);
        pl->distance = miles10 > INT32_MAX ? -1 : (int32_t)miles10;
        snprintf(pl->pl_la, sizeof pl->pl_la, "%s", at ? at->la : "");
        pl->location = !pl->pl_la[0] || !own[0] ? 0 : strcmp(pl->pl_la, own) == 0 ? 'I' : 'O';
    }
    onspd_free(dir);
    if (rc == 0) ds->places_derived |= DATASET_PLACES_DIRECTORY;
    return rc;
}
