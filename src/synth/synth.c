/* synth: see synth.h. Generation happens in memory (synth_history,
 * synth_dorset), then synth_write writes year by year. */
#include "synth/synth.h"
#include "synth/synth_survey.h"

#include "base/mem.h"
#include "synth/synth_dorset.h"
#include "synth/synth_history.h"
#include "synth/synth_write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SYNTH_MAX_CHILDREN = 5000000, SYNTH_FIRST_YEAR = 1990, SYNTH_LAST_YEAR = 2100 };

int synth_parse_profile(const char *s, SynthProfile *out)
{
    if (strcmp(s, "dorset-2010") == 0)
        *out = SYNTH_PROFILE_DORSET_2010;
    else if (strcmp(s, "none") == 0)
        *out = SYNTH_PROFILE_NONE;
    else
        return -1;
    return 0;
}

long synth_profile_children(SynthProfile p)
{
    return p == SYNTH_PROFILE_DORSET_2010 ? SYNTH_DORSET_COHORT : 0;
}

/* The synthetic postcode directory: one row for each postcode the world uses
 * (homes and placements), in order of the encoded postcode. */
static int write_postcodes(const SynthWorld *w, const char *path, long *n_rows, Err *err)
{
    uint32_t max = synth_postcode_max();
    unsigned char *used = xcalloc((size_t)max + 1, 1);
    for (int i = 0; i < w->n_children; i++) used[w->children[i].home_post] = 1;
    for (int i = 0; i < w->n_eps; i++) used[w->eps[i].pl_post] = 1;
    FILE *f = fopen(path, "w");
    if (!f) {
        free(used);
        return err_set(err, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
    }
    fputs("\"pcd\",\"pcds\",\"dointr\",\"doterm\",\"oscty\",\"oslaua\",\"oseast1m\",\"osnrth1m\"\n",
          f);
    *n_rows = 0;
    for (uint32_t code = 1; code <= max; code++) {
        if (!used[code]) continue;
        char pcds[12], pcd[12], cty[16], laua[16];
        long east, north;
        synth_postcode_format(code, pcds);
        synth_postcode_directory_entry(code, &east, &north, cty, laua);
        const char *space = strchr(pcds, ' '); /* pcd: the outward code in 4 characters */
        snprintf(pcd, sizeof pcd, "%-4.*s%s", (int)(space - pcds), pcds, space + 1);
        fprintf(f, "\"%s\",\"%s\",\"199801\",\"\",\"%s\",\"%s\",\"%ld\",\"%ld\"\n", pcd, pcds, cty,
                laua, east, north);
        (*n_rows)++;
    }
    free(used);
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0 || bad) return err_set(err, ERR_IO, "cannot write '%s'", path);
    return 0;
}

int synth_run(const SynthOptions *opt, SynthSummary *summary, Err *err)
{
    memset(summary, 0, sizeof *summary);
    if (opt->from_year < SYNTH_FIRST_YEAR || opt->to_year > SYNTH_LAST_YEAR ||
        opt->from_year > opt->to_year) {
        err_set(err, ERR_USAGE,
                "must not be after the last year, and the years must lie from %d to %d",
                SYNTH_FIRST_YEAR, SYNTH_LAST_YEAR);
        return err_param(err, "from");
    }
    if (opt->n_children < 1 || opt->n_children > SYNTH_MAX_CHILDREN) {
        err_set(err, ERR_USAGE, "must be from 1 to %d", SYNTH_MAX_CHILDREN);
        return err_param(err, "children");
    }
    if (opt->profile == SYNTH_PROFILE_DORSET_2010 &&
        (opt->from_year > 2004 || opt->to_year < 2010)) {
        err_set(err, ERR_USAGE,
                "the dorset-2010 profile needs the years 2004 to 2010 (its care leavers left care "
                "from 2004): start in 2004 or earlier and end in 2010 or later");
        return err->code;
    }

    long n = opt->n_children;
    long need = synth_profile_children(opt->profile);
    if (n < need) n = need;

    SynthWorld w;
    memset(&w, 0, sizeof w);
    w.from_year = opt->from_year;
    w.to_year = opt->to_year;
    w.w0 = date_collection_year_start(opt->from_year);
    w.w1 = date_collection_year_end(opt->to_year);
    w.seed = opt->seed;
    w.n_children = (int)n;
    w.n_social_workers = (int)(n / 25 > 12 ? n / 25 : 12);
    w.children = xcalloc((size_t)n, sizeof *w.children);

    /* Identifiers: a random permutation of 1..n, so that nothing about a
     * child can be read from its number. */
    int *ids = xmalloc((size_t)n * sizeof *ids);
    for (int i = 0; i < (int)n; i++) ids[i] = i + 1;
    SynthRng r;
    synth_rng_seed(&r, synth_mix(opt->seed, 0x1d5));
    synth_rng_shuffle(&r, ids, (int)n);
    for (int i = 0; i < (int)n; i++) w.children[i].number = (uint32_t)ids[i];
    free(ids);

    if (opt->profile == SYNTH_PROFILE_DORSET_2010) {
        synth_dorset_generate(&w);
    } else {
        for (int i = 0; i < (int)n; i++) {
            SynthGen g;
            synth_gen_begin(&g, &w, &w.children[i], synth_mix(opt->seed, (uint64_t)i + 1));
            synth_random_child(&g, NULL);
        }
    }

    SynthCounts counts;
    int rc = synth_write(&w, opt->out_dir, &counts, err);
    if (rc == 0 && opt->postcodes_path)
        rc = write_postcodes(&w, opt->postcodes_path, &summary->n_postcodes, err);
    if (rc == 0 && opt->survey_path) {
        long in_care = 0;
        for (int i = 0; i < w.n_eps; i++)
            if (w.eps[i].decom <= w.w1 && w.w1 < w.eps[i].dec) in_care++;
        rc = synth_survey_write(opt->survey_path, opt->seed, opt->to_year, in_care,
                                &summary->n_survey_rows, err);
    }
    if (rc == 0) {
        summary->n_children = n;
        summary->from_year = opt->from_year;
        summary->to_year = opt->to_year;
        summary->n_episodes = counts.rows[T903_EPISODES];
        summary->n_header_rows = counts.rows[T903_HEADER];
        summary->n_oc3_rows = counts.rows[T903_OC3];
        for (int t = 0; t < T903_COUNT; t++) summary->n_rows += counts.rows[t];
        for (int t = T903_COUNT; t < TABLE_COUNT; t++) summary->n_record_rows += counts.rows[t];
        for (int i = 0; i < w.n_eps; i++)
            if (w.eps[i].decom <= w.w1 && w.w1 < w.eps[i].dec) summary->in_care_last_31_march++;
    }
    free(w.children);
    free(w.eps);
    free(w.oc3);
    return rc;
}
