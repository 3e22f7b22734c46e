/* fuzz_providers: libFuzzer target for Ofsted's provider lists
 * (validate/vproviders.c), files a council saves from Ofsted's spreadsheets.
 * The input is one or two lists separated by a line "%%" (rows of a URN merge
 * across files). After they are read, the URN rules (rules_providers.c) run
 * over a fixed return whose episodes name URNs, looking the lists up. Any
 * input must be read or refused with a message, never crash; every provider
 * kept fits its fields; the validation result holds together. */
#include "exchange/ssda903_columns.h"
#include "validate/validate.h"
#include "validate/vctx.h"
#include "validate/vfamilies.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { YEAR = 2027 };

/* Made-up children placed with made-up URNs, some open, some unknown. */
static const char HEADER[] = SSDA903_HEADER_LINE(SSDA903_COLUMNS_HEADER) "1,1,01/01/2012,WBRI,,,\n"
                                                                         "2,2,01/01/2010,WBRI,,,\n";
static const char EPISODES[] =
    SSDA903_HEADER_LINE(SSDA903_COLUMNS_EPISODES) "1,01/05/2026,S,C2,N1,K2,PR4,,,,ZZ1 1AA,ZZ1 "
                                                  "1AB,SC100001\n"
                                                  "2,01/05/2026,S,C2,N1,U4,PR4,,,,ZZ1 1AA,ZZ2 "
                                                  "2BB,sc100002\n"
                                                  "2,01/06/2026,S,C2,N1,K2,PR1,,,,ZZ1 1AA,ZZ2 "
                                                  "2BB,SC100003\n";

static void add_fixed(VReturn *r, const char *text)
{
    Ssda903File *f = malloc(sizeof *f);
    ErrList errs = {0};
    Err err;
    if (!f || ssda903_file_load_buffer("fixed.csv", text, strlen(text), f, &errs) < 0 ||
        vreturn_add(r, f, false, &err) < 0)
        abort(); /* the return is fixed: refusing it is a bug */
    errlist_free(&errs);
}

static void load_list(VReturn *r, const char *text, size_t len)
{
    Err err = {0};
    if (vreturn_load_providers_buffer(r, "providers.csv", text, len, &err) < 0 && !err.msg[0])
        __builtin_trap(); /* a refusal says why */
}

static void check_providers(const VProviders *p)
{
    for (int i = 0; p && i < vproviders_count(p); i++) {
        const VProvider *v = vproviders_at(p, i);
        if (strlen(v->places) >= sizeof v->places || strlen(v->providers) >= sizeof v->providers ||
            strlen(v->postcode) >= sizeof v->postcode)
            __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data, *split = NULL;
    for (size_t i = 0; i + 3 <= size; i++)
        if (memcmp(text + i, "%%\n", 3) == 0 && (i == 0 || text[i - 1] == '\n')) {
            split = text + i;
            break;
        }
    VReturn r;
    vreturn_init(&r, YEAR);
    add_fixed(&r, HEADER);
    add_fixed(&r, EPISODES);
    load_list(&r, text, split ? (size_t)(split - text) : size);
    if (split) load_list(&r, split + 3, size - (size_t)(split + 3 - text));
    check_providers(r.providers);
    vreturn_prepare(&r);
    static const VRule *rules[64];
    int n = vrules_providers_n < 64 ? vrules_providers_n : 64;
    for (int i = 0; i < n; i++) rules[i] = &vrules_providers[i];
    VResult res;
    validate_run_rules(&r, YEAR, rules, n, NULL, &res);
    long failed = 0;
    for (int i = 0; i < res.n_outcomes; i++) failed += res.outcomes[i].status == VSTATUS_FAILED;
    if (failed != res.n_failed_rules) __builtin_trap();
    vresult_free(&res);
    vreturn_free(&r);
    return 0;
}
