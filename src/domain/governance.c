/* governance: see governance.h. */
#include "domain/governance.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define ID                             \
    {                                  \
        "ID", GOV_TEXT, false, NULL, 0 \
    }
#define TEXT(n)                     \
    {                               \
        n, GOV_TEXT, false, NULL, 0 \
    }
#define TEXT_OPT(n)                \
    {                              \
        n, GOV_TEXT, true, NULL, 0 \
    }
#define DATE(n)                     \
    {                               \
        n, GOV_DATE, false, NULL, 0 \
    }
#define DATE_OPT(n)                \
    {                              \
        n, GOV_DATE, true, NULL, 0 \
    }
#define FLAG(n)                     \
    {                               \
        n, GOV_FLAG, false, NULL, 0 \
    }
#define CHOICE(n, c)               \
    {                              \
        n, GOV_CHOICE, false, c, 0 \
    }
#define CHOICE_OPT(n, c)          \
    {                             \
        n, GOV_CHOICE, true, c, 0 \
    }
#define REF(n, t)                  \
    {                              \
        n, GOV_REF, false, NULL, t \
    }
#define REF_OPT(n, t)             \
    {                             \
        n, GOV_REF, true, NULL, t \
    }

/* The columns follow schema/sqlite/008_governance.sql. What each records, and
 * which part of the strategy asks for it, is in docs/governance.md. */
const GovTable governance_tables[GOV_TABLE_COUNT] = {
    {GOV_GROUPS,
     "groups",
     "gov_groups",
     "the four groups and their terms of reference (Appendix 2)",
     5,
     {ID, TEXT("NAME"), TEXT("MEETS"), REF_OPT("REPORTS_TO", GOV_GROUPS), TEXT("TERMS")}},
    {GOV_MEMBERS,
     "members",
     "gov_members",
     "the members of each group and their roles",
     5,
     {ID, REF("GROUP_ID", GOV_GROUPS), TEXT("NAME"), TEXT("ROLE"),
      CHOICE("KIND", "officer|elected_member|young_person|partner|carer")}},
    {GOV_MEETINGS,
     "meetings",
     "gov_meetings",
     "meetings with attendance, papers, minutes and decisions, and the reports and invitations "
     "the terms of reference ask for",
     12,
     {ID, REF("GROUP_ID", GOV_GROUPS), DATE("HELD_ON"), TEXT_OPT("ATTENDANCE"), TEXT_OPT("PAPERS"),
      TEXT_OPT("MINUTES"), TEXT_OPT("DECISIONS"), FLAG("CICC_REPORT"), FLAG("STRATEGY_REPORT"),
      FLAG("DIRECTOR_INVITED"), FLAG("LEAD_MEMBER_INVITED"), FLAG("ELECTED_MEMBER_INVITED")}},
    {GOV_ACTIONS,
     "actions",
     "gov_actions",
     "actions agreed at a meeting, with an owner and a due date",
     7,
     {ID, REF("MEETING_ID", GOV_MEETINGS), TEXT("ACTION"), TEXT("OWNER"), DATE("DUE_ON"),
      CHOICE("STATUS", "open|done|dropped"), DATE_OPT("DONE_ON")}},
    {GOV_PARTICIPATION,
     "participation",
     "cicc_participation",
     "a child's invitations, meetings offered, attendance and update mailings of the CiCC",
     6,
     {ID,
      {"CHILD", GOV_CHILD, false, NULL, 0},
      CHOICE("EVENT", "invitation|offer|attendance|mailing"),
      DATE("ON_DATE"),
      CHOICE_OPT("MODE", "in_person|post|text|email"),
      REF_OPT("MEETING_ID", GOV_MEETINGS)}},
    {GOV_ISSUES,
     "issues",
     "cicc_issues",
     "issues raised by the CiCC and their path to a written answer within 28 days",
     12,
     {ID, REF_OPT("MEETING_ID", GOV_MEETINGS), DATE("RAISED_ON"), TEXT("ISSUE"),
      DATE_OPT("NOTED_ON"), DATE_OPT("FORWARDED_ON"), TEXT_OPT("DIRECTED_TO"),
      DATE_OPT("DIRECTED_ON"), DATE_OPT("ANSWERED_ON"), TEXT_OPT("RESPONSE"),
      DATE_OPT("CONVEYED_ON"), TEXT_OPT("WE_DID")}},
    {GOV_PRIORITIES,
     "priorities",
     "action_priorities",
     "the action plan's priority issues",
     10,
     {ID,
      TEXT("TITLE"),
      TEXT_OPT("OUTCOME"),
      TEXT_OPT("ACTIVITIES"),
      TEXT_OPT("LEADS"),
      TEXT_OPT("DELIVERY"),
      TEXT_OPT("HCAP_REFS"),
      CHOICE("STATUS", "not_started|in_progress|done"),
      CHOICE_OPT("RAG", "red|amber|green"),
      {"INDICATORS", GOV_INDICATOR, true, NULL, 0}}},
    {GOV_PROGRESS,
     "progress",
     "action_progress",
     "dated progress notes on a priority",
     4,
     {ID, REF("PRIORITY_ID", GOV_PRIORITIES), DATE("NOTED_ON"), TEXT("NOTE")}},
    {GOV_TRAINING,
     "training",
     "gov_training",
     "training in the Pledge of staff, carers and councillors",
     5,
     {ID, TEXT("PERSON"), CHOICE("PERSON_KIND", "staff|carer|councillor"),
      CHOICE("COURSE", "total_respect|corporate_parenting_conference|other"), DATE("ON_DATE")}},
    {GOV_SCRUTINY,
     "scrutiny",
     "gov_scrutiny",
     "the members' scrutiny items on the Panel's agenda",
     6,
     {ID, TEXT("TITLE"), TEXT("NEEDS"), TEXT_OPT("SOURCE"), REF_OPT("MEETING_ID", GOV_MEETINGS),
      CHOICE("STATUS", "planned|on_agenda|done")}},
};

const GovTable *governance_table_find(const char *name)
{
    for (int i = 0; name && i < GOV_TABLE_COUNT; i++)
        if (strcmp(governance_tables[i].name, name) == 0) return &governance_tables[i];
    return NULL;
}

int governance_column(const GovTable *t, const char *name)
{
    for (int i = 0; i < t->n_columns; i++)
        if (strcmp(t->columns[i].name, name) == 0) return i;
    return -1;
}

/* Copies value without the spaces at its ends into out; returns its length. */
static size_t trimmed(const char *value, char *out)
{
    while (*value && isspace((unsigned char)*value)) value++;
    size_t len = strlen(value);
    while (len && isspace((unsigned char)value[len - 1])) len--;
    if (len >= GOV_VALUE_LEN) len = GOV_VALUE_LEN - 1;
    memcpy(out, value, len);
    out[len] = '\0';
    return len;
}

static int check_flag(char *out, char *why)
{
    static const char *const yes[] = {"Y", "y", "1", "yes", "Yes", "YES"};
    static const char *const no[] = {"N", "n", "0", "no", "No", "NO"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(out, yes[i]) == 0) return snprintf(out, GOV_VALUE_LEN, "1"), 0;
        if (strcmp(out, no[i]) == 0) return snprintf(out, GOV_VALUE_LEN, "0"), 0;
    }
    snprintf(why, 200, "'%.40s' is not Y or N", out);
    return -1;
}

/* Whether word (lower-cased in place) is one of the '|'-separated choices. */
static int check_choice(const char *choices, char *out, char *why)
{
    for (char *p = out; *p; p++) *p = (char)tolower((unsigned char)*p);
    size_t len = strlen(out);
    for (const char *c = choices; *c;) {
        size_t n = strcspn(c, "|");
        if (n == len && strncmp(c, out, n) == 0) return 0;
        c += n + (c[n] == '|');
    }
    snprintf(why, 200, "'%.40s' is not one of %s", out, choices);
    return -1;
}

/* An id: 1 to GOV_ID_LEN - 1 letters, digits, '_', '-' or '.'. */
static bool is_id(const char *s, char sep)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!isalnum((unsigned char)s[n]) && !strchr("_-.", s[n]) && s[n] != sep) return false;
    return n > 0 && n < (sep ? GOV_VALUE_LEN : GOV_ID_LEN);
}

int governance_check_value(const GovColumn *c, const char *value, char *out, char *why)
{
    size_t len = trimmed(value ? value : "", out);
    if (len == 0) {
        if (c->optional) return 0;
        snprintf(why, 200, "a value is required");
        return -1;
    }
    switch (c->kind) {
    case GOV_TEXT:
        if (strcmp(c->name, "ID") == 0 && !is_id(out, 0)) {
            snprintf(why, 200, "an id is 1 to %d letters, digits, '_', '-' or '.'", GOV_ID_LEN - 1);
            return -1;
        }
        return 0;
    case GOV_DATE: {
        Date d;
        if (date_parse_any(out, &d) < 0) {
            snprintf(why, 200, "'%.40s' is not a date (YYYY-MM-DD or dd/mm/yyyy)", out);
            return -1;
        }
        date_format_iso(d, out);
        return 0;
    }
    case GOV_FLAG: return check_flag(out, why);
    case GOV_CHOICE: return check_choice(c->choices, out, why);
    case GOV_REF:
    case GOV_CHILD:
        if (is_id(out, 0)) return 0;
        snprintf(why, 200, "'%.40s' is not an id", out);
        return -1;
    case GOV_INDICATOR:
        if (is_id(out, ';')) return 0;
        snprintf(why, 200, "indicator ids separated by ';' are expected");
        return -1;
    }
    return 0;
}
