/* records_tables: the record-template table definitions, shared by
 * exchange/ssda903.c (the registry) and exchange/records.c (their home).
 * Internal to exchange/: other modules use ssda903_table(). */
#ifndef CAREPLEDGE_RECORDS_TABLES_H
#define CAREPLEDGE_RECORDS_TABLES_H

#include "exchange/ssda903.h"

extern const Ssda903Table records_tables[TABLE_COUNT - T903_COUNT];

#endif
