/* scorecard_json: the Pledge scorecard as JSON; see scorecard_write.h. */
#include "render/scorecard_write.h"

#include "render/json.h"
#include "render/scorecard_words.h"

/* Sets the value, numerator and denominator of a figure: numbers when they
 * are, "c" (withheld) and "z" (no value) as strings, null when empty. */
static void set_figure(json_t *obj, const ScoreFigure *f)
{
    render_json_set(obj, "value", render_json_number_text(f->value_text));
    render_json_set(obj, "numerator", render_json_number_text(f->num_text));
    render_json_set(obj, "denominator", render_json_number_text(f->den_text));
}

/* {"year" or "group": label, "value": ..., "numerator": ..., "denominator": ...} */
static json_t *labelled_figure(const char *label_key, const char *label, const ScoreFigure *f)
{
    json_t *obj = json_object();
    render_json_set(obj, label_key, render_json_text(label));
    set_figure(obj, f);
    return obj;
}

static json_t *trend(const Scorecard *sc, const ScoreEntry *e)
{
    json_t *list = json_array();
    for (int k = 0; k < sc->n_years; k++) {
        char yl[16];
        scorecard_words_year(sc->opt.year - sc->opt.years + k, yl, sizeof yl);
        if (e->trend_available[k]) {
            render_json_append(list, labelled_figure("year", yl, &e->trend[k]));
        } else {
            json_t *none = json_object();
            render_json_set(none, "year", render_json_text(yl));
            render_json_set(none, "value", json_null());
            render_json_append(list, none);
        }
    }
    return list;
}

/* The figures of a computed indicator: the year's, the trend, and a gap's
 * sides or the groups asked for. */
static void set_computed(json_t *obj, const Scorecard *sc, const ScoreEntry *e)
{
    render_json_set(obj, "unit", render_json_text(e->dfe->unit_name));
    set_figure(obj, scorecard_now(sc, e));
    render_json_set(obj, "rag", e->rag[0] ? render_json_text(e->rag) : json_null());
    render_json_set(obj, "trend", trend(sc, e));
    if (e->sides[0]) {
        json_t *sides = json_array();
        for (int s = 0; s < 2; s++)
            render_json_append(
                sides, labelled_figure("group", e->sides[s], &e->side_figures[sc->n_years - 1][s]));
        render_json_set(obj, "sides", sides);
    } else if (sc->n_groups) {
        json_t *groups = json_array();
        for (int g = 0; g < sc->n_groups; g++)
            render_json_append(groups, labelled_figure("group", sc->groups[g], &e->groups[g]));
        render_json_set(obj, "groups", groups);
    }
}

static json_t *entry(const Scorecard *sc, const ScoreEntry *e)
{
    json_t *obj = json_object();
    char promise[16];
    snprintf(promise, sizeof promise, "3.%d", e->ind->promise);
    render_json_set(obj, "promise", render_json_text(promise));
    render_json_set(obj, "theme", render_json_text(pledge_themes[e->ind->theme]));
    render_json_set(obj, "indicator", render_json_text(e->ind->id));
    render_json_set(obj, "title", render_json_text(e->ind->title));
    render_json_set(obj, "status", render_json_text(scorecard_words_state(e->state)));
    render_json_set(obj, "better", render_json_text(indicator_better_name(e->ind->better)));
    render_json_set(obj, "target",
                    e->ind->has_target ? render_json_double(e->ind->target) : json_null());
    if (e->state == SCORE_SURVEY)
        render_json_set(obj, "question", render_json_text(e->ind->definition));
    else if (e->state == SCORE_NOT_AVAILABLE)
        render_json_set(obj, "reason", render_json_text(e->reason));
    else
        set_computed(obj, sc, e);
    return obj;
}

void scorecard_write_json(FILE *out, const Scorecard *sc)
{
    char y[16];
    scorecard_words_year(sc->opt.year, y, sizeof y);
    RenderJson w;
    render_json_start(&w, out);
    render_json_open_object(&w, NULL);
    render_json_put(&w, "year", render_json_text(y));
    render_json_put(&w, "publish", json_boolean(sc->opt.publish));
    render_json_put(&w, "threshold", json_integer(sc->opt.threshold));
    render_json_put(&w, "by",
                    sc->opt.by ? render_json_text(scorecard_by_name(sc->opt.by)) : json_null());
    render_json_open_array(&w, "indicators");
    for (int i = 0; i < sc->n_entries; i++) render_json_put(&w, NULL, entry(sc, &sc->entries[i]));
    render_json_close(&w);
    render_json_close(&w);
}
