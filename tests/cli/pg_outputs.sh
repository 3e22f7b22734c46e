#!/usr/bin/env bash
# Every command's output on PostgreSQL equals its output on SQLite: the
# outputs test (tests/outputs/outputs.sh) with each history imported into a
# PostgreSQL database, against the same hashes. Runs under scripts/pg-test.sh
# (CAREPLEDGE_TEST_PG); skipped without it.
. "$(dirname "$0")/lib.bash"
[ -n "${CAREPLEDGE_TEST_PG:-}" ] || { echo "skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)"; exit 77; }
out=$("$CAREPLEDGE_SOURCE_DIR/tests/outputs/outputs.sh" "$CAREPLEDGE" check) || fail "outputs on PostgreSQL differ: $out"
echo "$out"
