/* records: the council's local record templates, for what the SSDA903 does not
 * carry (visits, health assessments, dental checks, immunisations, SDQ scores,
 * education plans, care plans, needs assessments, pathway plans, personal
 * adviser contacts, statements of the visit regime a placement is under, and a
 * former relevant young person's request for advice and support to 25).
 * Each is a CSV table recognised by its column set exactly like a 903 table
 * (ssda903_recognise_any); docs/templates.md documents them with an example
 * each. Dates are dd/mm/yyyy, as in the 903. Text only: no
 * interpretation beyond the column kinds. */
#include "exchange/records_tables.h"

#include <string.h>

#define T  F903_TEXT
#define D  F903_DATE
#define I  F903_INT
#define CH F903_CHOICE

const Ssda903Table records_tables[TABLE_COUNT - T903_COUNT] = {
    {TREC_VISITS, "Visits", "visits", {{"CHILD", T}, {"VISIT_DATE", D}, {"SEEN_ALONE", CH}}, 3, 0},
    {TREC_HEALTH_ASSESSMENTS,
     "HealthAssessments",
     "health_assessments",
     {{"CHILD", T}, {"HA_DATE", D}, {"HA_TYPE", CH}},
     3,
     0},
    {TREC_DENTAL_CHECKS, "DentalChecks", "dental_checks", {{"CHILD", T}, {"DENTAL_DATE", D}}, 2, 0},
    {TREC_IMMUNISATIONS,
     "Immunisations",
     "immunisations",
     {{"CHILD", T}, {"IMMS_DATE", D}, {"IMMS_UP_TO_DATE", CH}},
     3,
     0},
    {TREC_SDQ, "SDQ", "sdq", {{"CHILD", T}, {"SDQ_DATE", D}, {"SDQ_SCORE", I}}, 3, 0},
    {TREC_PEPS, "PEPs", "peps", {{"CHILD", T}, {"PEP_DATE", D}}, 2, 0},
    {TREC_CARE_PLANS, "CarePlans", "care_plans", {{"CHILD", T}, {"CARE_PLAN_DATE", D}}, 2, 0},
    {TREC_NEEDS_ASSESSMENTS,
     "NeedsAssessments",
     "needs_assessments",
     {{"CHILD", T}, {"NEEDS_ASSESSMENT_DATE", D}},
     2,
     0},
    {TREC_PATHWAY_PLANS,
     "PathwayPlans",
     "pathway_plans",
     {{"CHILD", T}, {"PATHWAY_PLAN_DATE", D}, {"PATHWAY_PLAN_TYPE", CH}},
     3,
     0},
    {TREC_PA_CONTACTS,
     "PAContacts",
     "pa_contacts",
     {{"CHILD", T}, {"PA_CONTACT_DATE", D}, {"PA_CONTACT_TYPE", CH}},
     3,
     0},
    {TREC_VISIT_REGIMES,
     "VisitRegimes",
     "visit_regimes",
     {{"CHILD", T}, {"REGIME_DATE", D}, {"REGIME", CH}},
     3,
     0},
    {TREC_PA_REQUESTS,
     "PARequests",
     "pa_requests",
     {{"CHILD", T}, {"PA_REQUEST_DATE", D}, {"PA_REQUEST", CH}},
     3,
     0},
};

#undef T
#undef D
#undef I
#undef CH

static const struct {
    const char *column, *words;
} choices[] = {
    {"SEEN_ALONE", "yes|no"},
    {"HA_TYPE", "initial|review"},
    {"IMMS_UP_TO_DATE", "yes|no"},
    {"PATHWAY_PLAN_TYPE", "plan|review"},
    {"PA_CONTACT_TYPE", "visit|phone|video|message"},
    {"REGIME", "reg19_assessment_pending|reg24_temporary_approval|standard"},
    {"PA_REQUEST", "requested|withdrawn"},
};

const char *records_choices(const char *column)
{
    for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
        if (strcmp(choices[i].column, column) == 0) return choices[i].words;
    return NULL;
}
