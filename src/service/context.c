/* context: see context.h. */
#include "service/context.h"

#include "base/mem.h"

#include <stdlib.h>

static void load_rulesets(AppContext *ctx)
{
    const VRule *found[VALIDATE_MAX_RULES];
    for (int i = 0; i < CONTEXT_N_RULESETS; i++) {
        ContextRuleSet *set = &ctx->rulesets[i];
        set->year = VALIDATE_FIRST_YEAR + i;
        set->n_rules = vrules_for_year(set->year, found, VALIDATE_MAX_RULES);
        set->rules = xcalloc((size_t)set->n_rules + 1, sizeof *set->rules);
        for (int k = 0; k < set->n_rules; k++) set->rules[k] = found[k];
    }
}

int context_load(const ContextFiles *files, AppContext **out, Err *err)
{
    static const ContextFiles shipped = {.parts = CONTEXT_ALL};
    if (!files) files = &shipped;
    AppContext *ctx = xcalloc(1, sizeof *ctx);
    ctx->parts = files->parts;
    *out = NULL;
    int rc = 0;
    if (ctx->parts & CONTEXT_CODES) rc = codes_load_default(&ctx->codes, err);
    if (rc == 0 && (ctx->parts & CONTEXT_CALENDAR)) {
        rc = calendar_load_default(&ctx->calendar, err);
        if (rc == 0 && files->holidays_path)
            rc = calendar_load_overrides_file(&ctx->calendar, files->holidays_path, err);
    }
    if (rc == 0 && (ctx->parts & CONTEXT_CATALOGUE))
        rc = files->catalogue_path
                 ? indicators_load_file(files->catalogue_path, &ctx->catalogue, err)
                 : indicators_load_default(&ctx->catalogue, err);
    if (rc == 0 && (ctx->parts & CONTEXT_RULES)) load_rulesets(ctx);
    if (rc < 0) {
        context_free(ctx);
        return rc;
    }
    *out = ctx;
    return 0;
}

void context_free(AppContext *ctx)
{
    if (!ctx) return;
    codes_free(ctx->codes);
    calendar_free(&ctx->calendar);
    indicators_free(ctx->catalogue);
    for (int i = 0; i < CONTEXT_N_RULESETS; i++) free((void *)ctx->rulesets[i].rules);
    free(ctx);
}

int context_require(const AppContext *ctx, unsigned parts, Err *err)
{
    static const char *const names[] = {"code lists", "calendar", "indicator catalogue",
                                        "validation rules"};
    for (int i = 0; i < 4; i++)
        if ((parts & (1u << i)) && !(ctx->parts & (1u << i)))
            return err_set(err, ERR_INTERNAL, "the application context was loaded without its %s",
                           names[i]);
    return 0;
}

const ContextRuleSet *context_ruleset(const AppContext *ctx, int year)
{
    if (!(ctx->parts & CONTEXT_RULES)) return NULL;
    if (year < VALIDATE_FIRST_YEAR || year > VALIDATE_LAST_YEAR) return NULL;
    return &ctx->rulesets[year - VALIDATE_FIRST_YEAR];
}
