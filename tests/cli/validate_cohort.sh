#!/usr/bin/env bash
# validate: the derived "looked after continuously for 12 months" cohort, with the
# collection year inferred from the episodes (the cohort needs the year).
set -euo pipefail
: "${CAREPLEDGE:?set CAREPLEDGE to the carepledge binary}"
: "${CAREPLEDGE_SOURCE_DIR:?}"
fx="$CAREPLEDGE_SOURCE_DIR/tests/fixtures/validate/cohort"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

status=0
"$CAREPLEDGE" validate --out "$tmp/out" "$fx" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
[ "$status" = 1 ] || { cat "$tmp/stderr"; fail "exit status $status, expected 1"; }
grep -q "inferred" "$tmp/stderr" || fail "year not inferred"
loc="$tmp/out/issue_locations.csv"
# Child 2 started this year: not in the cohort, so no SDQ score or OC2 items.
grep -q '^2,OC2,SDQ_SCORE,1,185,' "$loc" || fail "185 for child 2"
grep -q '^2,OC2,.*,1,190,' "$loc" || fail "190 for child 2"
# Child 1 has been looked after all year: a complete OC2 row raises nothing.
if grep -q '^1,OC2,' "$loc"; then fail "child 1 is in the cohort and complete"; fi
echo ok
