/* vfamilies: the rule tables of each family file, joined by vrules.c.
 * Internal to src/validate. */
#ifndef CAREPLEDGE_VFAMILIES_H
#define CAREPLEDGE_VFAMILIES_H

#include "validate/validate.h"

#include <stdbool.h>
#include <strings.h>

extern const VRule vrules_header[]; /* rules_header.c: Header, UASC */
extern const int vrules_header_n;
extern const VRule vrules_episodes[]; /* rules_episodes.c */
extern const int vrules_episodes_n;
extern const VRule vrules_adoption[]; /* rules_adoption.c: AD1, PlacedAdoption, PrevPerm */
extern const int vrules_adoption_n;
extern const VRule vrules_oc[]; /* rules_oc.c: OC2, OC3, Reviews */
extern const int vrules_oc_n;
extern const VRule vrules_missing[]; /* rules_missing.c: Missing, DoLo */
extern const int vrules_missing_n;
extern const VRule vrules_integrity[]; /* rules_integrity.c: INT01..INT36 */
extern const int vrules_integrity_n;
extern const VRule vrules_cla12[]; /* rules_cla12.c: the OC2 cohort (looked after 12 months) */
extern const int vrules_cla12_n;
extern const VRule vrules_ages[]; /* rules_ages.c: Episodes against the child's age (Header) */
extern const int vrules_ages_n;
extern const VRule vrules_lastyear[]; /* rules_lastyear.c: Episodes against Episodes_last */
extern const int vrules_lastyear_n;
extern const VRule vrules_leavers[]; /* rules_leavers.c: who may have OC3 information */
extern const int vrules_leavers_n;
extern const VRule vrules_postcodes[]; /* rules_postcodes.c: postcodes and derived fields */
extern const int vrules_postcodes_n;
extern const VRule vrules_child[]; /* rules_child.c: Header fields against episodes */
extern const int vrules_child_n;
extern const VRule vrules_adopted[]; /* rules_adopted.c: adoption against episodes */
extern const int vrules_adopted_n;
extern const VRule vrules_providers[]; /* rules_providers.c: URNs in Ofsted's lists */
extern const int vrules_providers_n;
extern const VRule vrules_sw[]; /* rules_sw.c: SWEpisodes */
extern const int vrules_sw_n;

#define VRULES_COUNT(table) ((int)(sizeof table / sizeof table[0]))

#endif
