#!/usr/bin/env bash
# validate --db: the stored return of a year gives the same failing rules, with
# the same counts, as the year's files with last year's as --prev; with the
# whole history, rules 199, 357, 1001 and 1002 see earlier years
# (docs/validation.md, "Validating the stored return").
set -euo pipefail
: "${CAREPLEDGE:?set CAREPLEDGE to the carepledge binary}"
: "${CAREPLEDGE_SOURCE_DIR:?}"
fx="$CAREPLEDGE_SOURCE_DIR/tests/fixtures/validate/history"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Synthetic returns: files and store agree rule for rule, count for count.
"$CAREPLEDGE" synth --out "$tmp/s" --children 400 --seed 7 --from 2023 --to 2027 > /dev/null
"$CAREPLEDGE" import --db "$tmp/s.db" "$tmp/s" > /dev/null
# An unknown DATE_PERM, given as the DfE asks (ZZ/ZZ/ZZZZ, synth's P4 rows), is
# imported and stored as given, and passes 630.
[ "$(sqlite3 "$tmp/s.db" "SELECT count(*) FROM prev_perm WHERE date_perm = 'ZZ/ZZ/ZZZZ'")" -gt 0 ] ||
  fail "ZZ/ZZ/ZZZZ not stored"
status=0
"$CAREPLEDGE" validate --db "$tmp/s.db" --out "$tmp/db" > "$tmp/db.txt" 2> "$tmp/db.err" || status=$?
[ "$status" -le 1 ] || { cat "$tmp/db.err"; fail "--db exit status $status"; }
grep -q "collection year 2026/27, the latest stored" "$tmp/db.err" || fail "no note of the year"
"$CAREPLEDGE" validate --year 2026/27 --prev "$tmp/s/2025-26" --out "$tmp/files" "$tmp/s/2026-27" \
  > "$tmp/files.txt" 2> /dev/null || true
diff "$tmp/db/error_summary.csv" "$tmp/files/error_summary.csv" || fail "error summaries differ"
[ "$(grep -c ',P4,999,ZZ/ZZ/ZZZZ$' "$tmp/s/2025-26/prev_perm.csv")" -gt 0 ] || fail "no P4 in 2025/26"
"$CAREPLEDGE" validate --db "$tmp/s.db" --year 2025/26 --out "$tmp/db26" > /dev/null 2>&1 || true
[ -s "$tmp/db26/error_summary.csv" ] || fail "no 2025/26 report"
if grep -q '^630,' "$tmp/db26/error_summary.csv"; then fail "630 on the stored P4 rows"; fi
[ "$(wc -l < "$tmp/db/issue_locations.csv")" = "$(wc -l < "$tmp/files/issue_locations.csv")" ] ||
  fail "issue counts differ"
diff <(grep -E '^ *(FAIL|SKIP)' "$tmp/db.txt") <(grep -E '^ *(FAIL|SKIP)' "$tmp/files.txt") ||
  fail "failing or skipped rules differ"

# The history fixture: four children whose earlier years only the store holds.
#   H1 adopted in 2024/25, in care again in 2026/27: 199 fails with the history.
#   H2 left care at 14 in 2022/23, a care leaver in 2026/27: 1001 fails with
#      the history; with no episode in the two years the DfE raises 1002 on
#      both, plainly (the history shows care that ended at 14: no care leaver).
#   H3 a care leaver in 2026/27 never looked after: 1002 fails on both, plainly
#      with the history.
#   H4 in care in 2023/24 and again in 2026/27 (RNE P): the files alone call
#      the 2026/27 episode the first ever (357), as the DfE's check will; with
#      the history it still fails, with Carepledge's advisory beside it.
"$CAREPLEDGE" import --db "$tmp/h.db" "$fx" > /dev/null
"$CAREPLEDGE" validate --db "$tmp/h.db" --year 2026/27 --out "$tmp/hdb" > /dev/null 2>&1 || true
"$CAREPLEDGE" validate --year 2026/27 --prev "$fx/2025-26" --out "$tmp/hfiles" "$fx/2026-27" \
  > /dev/null 2>&1 || true
codes() { tail -n +2 "$1" | cut -d, -f1 | sort; }
[ "$(comm -23 <(codes "$tmp/hdb/error_summary.csv") <(codes "$tmp/hfiles/error_summary.csv") | tr '\n' ' ')" = "1001 199 " ] ||
  fail "history gains: $(comm -3 <(codes "$tmp/hdb/error_summary.csv") <(codes "$tmp/hfiles/error_summary.csv") | tr '\n' ' ')"
[ "$(comm -13 <(codes "$tmp/hdb/error_summary.csv") <(codes "$tmp/hfiles/error_summary.csv") | tr '\n' ' ')" = "" ] ||
  fail "every flag of the files should be raised with --db too"
grep -q '^H4,Episodes,RNE,[0-9]*,357,.*,"the DfE will flag this; it is probably correct because the stored history' \
  "$tmp/hdb/issue_locations.csv" || fail "357 for H4 with --db, with the advisory"
grep -q '^H1,Episodes,CHILD,0,199,' "$tmp/hdb/issue_locations.csv" || fail "199 for H1"
grep -q '^H2,OC3,.*,0,1001,' "$tmp/hdb/issue_locations.csv" || fail "1001 for H2"
grep -q '^H3,OC3,.*,1,1002,.*,$' "$tmp/hdb/issue_locations.csv" || fail "1002 for H3, plain"
grep -q '^H2,OC3,.*,1002,.*,$' "$tmp/hdb/issue_locations.csv" ||
  fail "1002 for H2 with --db, plain (the history shows no care leaver)"
grep -q '^H3,OC3,.*,1002,' "$tmp/hfiles/issue_locations.csv" || fail "1002 for H3 on files"
grep -q '^H4,Episodes,RNE,1,357,' "$tmp/hfiles/issue_locations.csv" || fail "357 for H4 on files"
# A stored row's line is its row_id + 2, as if the year's table were a file.
jq -e 'any(.issues[]; .child_id == "H3" and .table == "OC3" and .row_id == 1 and .line == 3)' \
  "$tmp/hdb/validation.json" > /dev/null || fail "row_id and line of a stored row"

# Usage: --db takes no files and no --prev; a database that is not there is
# not created; an empty database has no return.
status=0
"$CAREPLEDGE" validate --db "$tmp/h.db" --prev "$fx/2025-26" > /dev/null 2>&1 || status=$?
[ "$status" = 2 ] || fail "--db with --prev: exit $status"
status=0
"$CAREPLEDGE" validate --db "$tmp/none.db" > /dev/null 2> "$tmp/err" || status=$?
[ "$status" = 2 ] && [ ! -e "$tmp/none.db" ] || fail "missing database: exit $status"
"$CAREPLEDGE" import --db "$tmp/empty.db" "$fx/2026-27/dolo.csv" > /dev/null
status=0
"$CAREPLEDGE" validate --db "$tmp/empty.db" > /dev/null 2> "$tmp/err" || status=$?
[ "$status" = 2 ] && grep -q "holds no episodes" "$tmp/err" || fail "empty database: exit $status"
echo ok
