/* cmd_indicators: "carepledge indicators", the catalogue of what the Pledge
 * scorecard measures, promise by promise.
 *
 * Prints the shipped catalogue (or a council's own copy given by --catalogue)
 * as text, CSV (the catalogue's own columns), JSON, or the Markdown that is
 * committed as docs/indicators.md. It reads no database and computes no
 * figures: the catalogue is the context's (service/svc_reference.h). */
#include "render/csv.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "render/json.h"
#include "render/table.h"
#include "service/svc_reference.h"

#include <stdio.h>
#include <string.h>

typedef enum IndFormat { IND_TEXT, IND_CSV, IND_JSON, IND_MARKDOWN } IndFormat;

static const char *const indicator_formats[] = {"text", "csv", "json", "markdown", NULL};

static const CliOption indicators_options[] = {
    {"format", NULL, "how to write the catalogue (markdown: docs/indicators.md)", cli_check_choice,
     false, 0, 0, indicator_formats},
    {"catalogue", "FILE", "the council's own copy of data/indicators.csv", NULL, false, 0, 0, NULL},
    CLI_OPTION_OUT,
    CLI_OPTION_CSV_RAW,
};

static void promise_label(const Indicator *ind, char *buf, size_t size)
{
    snprintf(buf, size, "3.%d", ind->promise);
}

static void print_csv(FILE *out, const IndicatorCatalogue *cat)
{
    render_csv_row(out, indicator_columns, INDICATOR_N_COLUMNS);
    for (int i = 0; i < cat->n_items; i++) {
        const Indicator *ind = &cat->items[i];
        char promise[8];
        promise_label(ind, promise, sizeof promise);
        const char *row[INDICATOR_N_COLUMNS] = {
            ind->id,
            promise,
            pledge_themes[ind->theme],
            ind->title,
            ind->definition,
            ind->cohort,
            ind->numerator,
            ind->denominator,
            ind->records,
            indicator_better_name(ind->better),
            ind->target_text,
            indicator_kind_name(ind->kind),
        };
        render_csv_row(out, row, INDICATOR_N_COLUMNS);
    }
}

static json_t *records_array(const char *records)
{
    json_t *list = json_array();
    for (const char *p = records; *p;) {
        size_t n = strcspn(p, ";");
        char rec[128];
        snprintf(rec, sizeof rec, "%.*s", (int)n, p);
        render_json_append(list, render_json_text(rec));
        p += n + (p[n] == ';');
    }
    return list;
}

static void print_json(FILE *out, const IndicatorCatalogue *cat)
{
    RenderJson w;
    render_json_start(&w, out);
    render_json_open_object(&w, NULL);
    render_json_open_array(&w, "indicators");
    for (int i = 0; i < cat->n_items; i++) {
        const Indicator *ind = &cat->items[i];
        char promise[8];
        promise_label(ind, promise, sizeof promise);
        const char *fields[][2] = {
            {"id", ind->id},
            {"promise", promise},
            {"theme", pledge_themes[ind->theme]},
            {"title", ind->title},
            {"definition", ind->definition},
            {"cohort", ind->cohort},
            {"numerator", ind->numerator},
            {"denominator", ind->denominator},
        };
        json_t *item = json_object();
        for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++)
            render_json_set(item, fields[f][0], render_json_text(fields[f][1]));
        render_json_set(item, "records", records_array(ind->records));
        render_json_set(item, "better", render_json_text(indicator_better_name(ind->better)));
        render_json_set(item, "target",
                        ind->has_target ? render_json_double(ind->target) : json_null());
        render_json_set(item, "kind", render_json_text(indicator_kind_name(ind->kind)));
        render_json_put(&w, NULL, item);
    }
    render_json_close(&w);
    render_json_close(&w);
}

static void print_text(FILE *out, const IndicatorCatalogue *cat)
{
    int last_promise = 0;
    for (int i = 0; i < cat->n_items; i++) {
        const Indicator *ind = &cat->items[i];
        if (ind->promise != last_promise) {
            if (last_promise) fputc('\n', out);
            fprintf(out, "3.%d %s  [%s]\n", ind->promise, pledge_promises[ind->promise - 1].words,
                    pledge_themes[ind->theme]);
            last_promise = ind->promise;
        }
        fprintf(out, "  %-8s %-42s %s\n", indicator_kind_name(ind->kind), ind->id, ind->title);
    }
}

/* Writes s with the characters Markdown would read as formatting escaped. */
static void md_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_[]<>|", *s)) fputc('\\', out);
        fputc(*s, out);
    }
}

static void md_records(FILE *out, const char *records)
{
    const char *p = records;
    for (int k = 0; *p; k++) {
        const char *semi = strchr(p, ';');
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        fprintf(out, "%s`%.*s`", k ? ", " : "", (int)n, p);
        p += n + (semi ? 1 : 0);
    }
}

static void print_markdown(FILE *out, const IndicatorsResult *res)
{
    const IndicatorCatalogue *cat = res->catalogue;
    int n_computed = res->n_computed, n_survey = res->n_survey;
    fputs("<!-- Generated by `carepledge indicators --format markdown` from "
          "data/indicators.csv. Do not edit: edit the catalogue and regenerate. -->\n\n",
          out);
    fputs("# Indicators of the Pledge\n\n", out);
    fprintf(out,
            "The Pledge makes %d promises under %d headings. Each promise has at least one "
            "indicator: **computed** from the records (%d indicators), or, where records "
            "cannot tell whether the promise is kept, a **survey** question that children in "
            "care and care leavers are asked (%d indicators). A survey indicator is never given "
            "a figure from the records.\n\n",
            PLEDGE_N_PROMISES, PLEDGE_N_THEMES, n_computed, n_survey);
    fputs("The indicators named by the DfE (placement stability, OC2 outcomes, care leavers, "
          "Staying Put, missing children, placement distance and location, adoption A1 and "
          "A2, review participation) follow the DfE definitions; short breaks (legal status "
          "V3/V4) are excluded wherever the DfE excludes them. Survey answers are Always, "
          "Mostly, Sometimes or Never; the figure is the share answering Always or Mostly.\n\n",
          out);
    fputs("Records are named `903:<table>` for the SSDA903 return, `local:<record>` for the "
          "council's own records, and `survey` for the young people's survey. Targets are "
          "local: a council sets them in its copy of the catalogue (`carepledge indicators "
          "--catalogue FILE`).\n\n",
          out);

    fputs("| promise | indicator | kind | better |\n|---|---|---|---|\n", out);
    for (int i = 0; i < cat->n_items; i++) {
        const Indicator *ind = &cat->items[i];
        fprintf(out, "| 3.%d | `%s` | %s | %s |\n", ind->promise, ind->id,
                indicator_kind_name(ind->kind), indicator_better_name(ind->better));
    }

    int last_theme = -1, last_promise = 0;
    for (int i = 0; i < cat->n_items; i++) {
        const Indicator *ind = &cat->items[i];
        if (ind->theme != last_theme) {
            fprintf(out, "\n## %s\n", pledge_themes[ind->theme]);
            last_theme = ind->theme;
        }
        if (ind->promise != last_promise) {
            fprintf(out, "\n### 3.%d ", ind->promise);
            md_text(out, pledge_promises[ind->promise - 1].words);
            fputc('\n', out);
            last_promise = ind->promise;
        }
        fprintf(out, "\n#### `%s`: ", ind->id);
        md_text(out, ind->title);
        fputs("\n\n", out);
        if (ind->kind == INDICATOR_SURVEY) {
            fputs("- **Survey question:** ", out);
            md_text(out, ind->definition);
            fputs("\n- **Asked of:** ", out);
        } else {
            fputs("- **Definition:** ", out);
            md_text(out, ind->definition);
            fputs("\n- **Cohort:** ", out);
        }
        md_text(out, ind->cohort);
        fputs("\n- **Numerator:** ", out);
        md_text(out, ind->numerator);
        fputs("\n- **Denominator:** ", out);
        md_text(out, ind->denominator);
        fputs("\n- **Records:** ", out);
        md_records(out, ind->records);
        fprintf(out, "\n- **Better:** %s", indicator_better_name(ind->better));
        if (ind->has_target) {
            fputs("; **target:** ", out);
            md_text(out, ind->target_text);
        }
        fputc('\n', out);
    }
}

static int run_indicators(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    IndicatorsResult res;
    int rc = svc_indicators_run(ctx, actor, &res, err);
    if (rc < 0) return rc;
    switch ((IndFormat)cli_value(args, "format")->choice) {
    case IND_TEXT: print_text(args->out, res.catalogue); break;
    case IND_CSV: print_csv(args->out, res.catalogue); break;
    case IND_JSON: print_json(args->out, res.catalogue); break;
    case IND_MARKDOWN: print_markdown(args->out, &res); break;
    }
    return CLI_EXIT_OK;
}

const CliCommand cmd_indicators = {
    "indicators",
    "the catalogue of what the Pledge scorecard measures, promise by promise",
    indicators_options,
    (int)(sizeof indicators_options / sizeof indicators_options[0]),
    NULL,
    false,
    run_indicators,
    CONTEXT_CATALOGUE,
};
