/* dataset: see dataset.h. */
#include "domain/dataset.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Child *dataset_add_child(Dataset *ds, const char *id, const char *sex, Date dob, const char *ethnic)
{
    MEM_GROW(ds->children, ds->n_children, ds->cap_children);
    Child *c = &ds->children[ds->n_children++];
    memset(c, 0, sizeof *c);
    c->id = arena_strdup(&ds->strings, id);
    DATASET_SET_CODE(c->sex, sex ? sex : "");
    c->dob = dob;
    DATASET_SET_CODE(c->ethnic, ethnic ? ethnic : "");
    c->first_episode = ds->n_episodes;
    c->first_review = ds->n_reviews;
    c->first_oc3 = ds->n_oc3;
    c->first_record = ds->n_records;
    c->first_oc2 = ds->n_oc2;
    c->first_missing = ds->n_missing;
    c->first_ad1 = ds->n_ad1;
    c->first_placed_adoption = ds->n_placed_adoption;
    return c;
}

EpisodePlace *dataset_add_place(Dataset *ds, const EpisodePlace *pl)
{
    assert(ds->n_episodes > 0);
    while (ds->n_places < ds->n_episodes) {
        MEM_GROW(ds->places, ds->n_places, ds->cap_places);
        EpisodePlace *blank = &ds->places[ds->n_places++];
        memset(blank, 0, sizeof *blank);
        blank->distance = -1;
    }
    EpisodePlace *at = &ds->places[ds->n_episodes - 1];
    *at = *pl;
    return at;
}

static Child *last_child(Dataset *ds)
{
    return &ds->children[ds->n_children - 1];
}

Episode *dataset_add_episode(Dataset *ds, const Episode *ep)
{
    MEM_GROW(ds->episodes, ds->n_episodes, ds->cap_episodes);
    ds->episodes[ds->n_episodes] = *ep;
    last_child(ds)->n_episodes++;
    return &ds->episodes[ds->n_episodes++];
}

Review *dataset_add_review(Dataset *ds, const Review *rv)
{
    MEM_GROW(ds->reviews, ds->n_reviews, ds->cap_reviews);
    ds->reviews[ds->n_reviews] = *rv;
    last_child(ds)->n_reviews++;
    return &ds->reviews[ds->n_reviews++];
}

Oc3 *dataset_add_oc3(Dataset *ds, const Oc3 *oc3)
{
    MEM_GROW(ds->oc3, ds->n_oc3, ds->cap_oc3);
    ds->oc3[ds->n_oc3] = *oc3;
    last_child(ds)->n_oc3++;
    return &ds->oc3[ds->n_oc3++];
}

CareRecord *dataset_add_record(Dataset *ds, const CareRecord *rec)
{
    MEM_GROW(ds->records, ds->n_records, ds->cap_records);
    ds->records[ds->n_records] = *rec;
    last_child(ds)->n_records++;
    return &ds->records[ds->n_records++];
}

Oc2 *dataset_add_oc2(Dataset *ds, const Oc2 *oc2)
{
    MEM_GROW(ds->oc2, ds->n_oc2, ds->cap_oc2);
    ds->oc2[ds->n_oc2] = *oc2;
    last_child(ds)->n_oc2++;
    return &ds->oc2[ds->n_oc2++];
}

MissingEpisode *dataset_add_missing(Dataset *ds, const MissingEpisode *m)
{
    MEM_GROW(ds->missing, ds->n_missing, ds->cap_missing);
    ds->missing[ds->n_missing] = *m;
    last_child(ds)->n_missing++;
    return &ds->missing[ds->n_missing++];
}

Ad1 *dataset_add_ad1(Dataset *ds, const Ad1 *ad1)
{
    MEM_GROW(ds->ad1, ds->n_ad1, ds->cap_ad1);
    ds->ad1[ds->n_ad1] = *ad1;
    last_child(ds)->n_ad1++;
    return &ds->ad1[ds->n_ad1++];
}

PlacedAdoption *dataset_add_placed_adoption(Dataset *ds, const PlacedAdoption *pa)
{
    MEM_GROW(ds->placed_adoption, ds->n_placed_adoption, ds->cap_placed_adoption);
    ds->placed_adoption[ds->n_placed_adoption] = *pa;
    last_child(ds)->n_placed_adoption++;
    return &ds->placed_adoption[ds->n_placed_adoption++];
}

const Child *dataset_find_child(const Dataset *ds, const char *id)
{
    int lo = 0, hi = ds->n_children - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int cmp = strcmp(ds->children[mid].id, id);
        if (cmp == 0) return &ds->children[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

void dataset_set_code(char *dst, size_t n, const char *src)
{
    size_t i = 0;
    /* ASCII upper case, as toupper in the C locale the program runs in,
     * without its call per character: codes are set for every row loaded. */
    for (; src[i] && i + 1 < n; i++) {
        char c = src[i];
        dst[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    dst[i] = '\0';
}

void dataset_add_marks(Dataset *ds, const char *table, const char *field, long n)
{
    MEM_GROW(ds->marks, ds->n_marks, ds->cap_marks);
    DatasetMarks *m = &ds->marks[ds->n_marks++];
    snprintf(m->table, sizeof m->table, "%s", table);
    snprintf(m->field, sizeof m->field, "%s", field);
    m->n = n;
}

long dataset_marked(const Dataset *ds, const char *table, const char *field)
{
    long n = 0;
    for (int i = 0; i < ds->n_marks; i++)
        if (strcmp(ds->marks[i].table, table) == 0 && strcmp(ds->marks[i].field, field) == 0)
            n += ds->marks[i].n;
    return n;
}

void dataset_free(Dataset *ds)
{
    free(ds->marks);
    free(ds->children);
    free(ds->episodes);
    free(ds->reviews);
    free(ds->oc3);
    free(ds->records);
    free(ds->oc2);
    free(ds->missing);
    free(ds->ad1);
    free(ds->placed_adoption);
    free(ds->places);
    arena_free(&ds->strings);
    memset(ds, 0, sizeof *ds);
}
