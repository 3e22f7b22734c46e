/* synth_governance: made-up governance records for the demo
 * (docs/governance.md), written as the CSV templates `carepledge governance
 * import` reads: two collection years of meetings of the four groups (a Panel
 * quarter missed, a report not received, a CiCC meeting without an elected
 * member), their actions, the CiCC issues with written answers (some late, a
 * few still open), the children's participation (invitations, meetings
 * offered, attendance, the March mailing), the action plan in progress, the
 * scrutiny items on the Panel's agenda, members and training.
 *
 * It reads the children of an imported history and never changes it, so the
 * 903 data stays byte for byte what synth wrote. All names are invented. */
#ifndef CAREPLEDGE_SYNTH_GOVERNANCE_H
#define CAREPLEDGE_SYNTH_GOVERNANCE_H

#include "base/err.h"
#include "domain/dataset.h"

#include <stdint.h>

/* Writes governance-*.csv into dir (which must exist) for the collection
 * years end_year - 1 and end_year, from seed. Returns 0 or ERR_IO. */
int synth_governance_write(const Dataset *ds, int end_year, uint64_t seed, const char *dir,
                           Err *err);

#endif
