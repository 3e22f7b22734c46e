#!/usr/bin/env bash
# validate: a small return with known failures; every output file and exit status.
set -euo pipefail
: "${CAREPLEDGE:?set CAREPLEDGE to the carepledge binary}"
: "${CAREPLEDGE_SOURCE_DIR:?}"
fx="$CAREPLEDGE_SOURCE_DIR/tests/fixtures/validate/basic"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# json_check WHAT FILE FILTER [JQ-ARGS...]: the jq FILTER is true of FILE's JSON.
json_check() {
  local what=$1 file=$2 filter=$3
  shift 3
  jq -e "$@" "$filter" "$file" > /dev/null || fail "$what"
}
# The rule CODE of a JSON report (null when it is not in the rule set).
rule='[.rules[] | select(.code == $code)][0]'

status=0
"$CAREPLEDGE" validate --year 2026/27 --prev "$fx/prev" --out "$tmp/out" "$fx" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
[ "$status" = 1 ] || { cat "$tmp/stderr"; fail "exit status $status, expected 1"; }
grep -q "against the 2026/27 rules" "$tmp/stdout" || fail "no summary line"
grep -q "FAIL 101 " "$tmp/stdout" || fail "101 not reported"
grep -q "SKIP 104 .*UASC" "$tmp/stdout" || fail "104 not reported as skipped"

head -1 "$tmp/out/issue_locations.csv" | grep -qx 'child_id,tables_affected,columns_affected,row_id,rule_code,rule_description,carepledge_advisory' ||
  fail "issue_locations header"
grep -q '^1002,Header,SEX,1,101,' "$tmp/out/issue_locations.csv" || fail "101 row for child 1002"
grep -q '^1002,Header,DOB,1,102,' "$tmp/out/issue_locations.csv" || fail "102 row for child 1002"
grep -q '^1001,Header,SEX,0,202,' "$tmp/out/issue_locations.csv" || fail "202 against last year"
if grep -q ',103,' "$tmp/out/issue_locations.csv"; then fail "lower-case ethnicity is valid"; fi
head -1 "$tmp/out/error_summary.csv" | grep -qx 'Code,Error Count,Error Description,Affected Fields' ||
  fail "error_summary header"
grep -q '^101,1,' "$tmp/out/error_summary.csv" || fail "101 count"
grep -q '^1002,Header,1,101,.*,SEX,SEX=X$' "$tmp/out/child_summary.csv" || fail "child summary values"
json_check json "$tmp/out/validation.json" 'any(.issues[]; .rule_code == "101" and .child_id == "1002")'
grep -q '<h3>Child 1002</h3>' "$tmp/out/validation.html" || fail "html per child"

# Without last year's files the year-on-year rules are skipped, never passed.
"$CAREPLEDGE" validate --year 2026/27 --format json "$fx" >"$tmp/json" || true
json_check "202 not skipped without --prev" "$tmp/json" "$rule.status == \"skipped\"" --arg code 202

# Rule sets by year (data/903-rule-years.csv): a deleted rule is not run
# after its last year, an added one not before, an amended one takes the form
# of the set's year (101: sex codes 1/2 until 2023/24).
"$CAREPLEDGE" validate --year 2026/27 --ruleset 2022/23 --format json "$fx" >"$tmp/json23" || true
json_check "ruleset not named" "$tmp/json23" '.ruleset == "2022/23"'
json_check "370 not in the 2022/23 set" "$tmp/json23" "$rule != null" --arg code 370
json_check "700 (2026/27) in the 2022/23 set" "$tmp/json23" "$rule == null" --arg code 700
json_check "SW12STG2 (2023/24) in the 2022/23 set" "$tmp/json23" "$rule == null" --arg code SW12STG2
json_check "101 in its 2022/23 form" "$tmp/json23" \
  "$rule | .status == \"failed\" and .error_count == 3
           and (.description | startswith(\"Sex code is not valid (1 or 2)\"))" --arg code 101
json_check "700 not in the 2026/27 set" "$tmp/json" "$rule != null" --arg code 700
json_check "370 (deleted 2024/25) in the 2026/27 set" "$tmp/json" "$rule == null" --arg code 370
json_check "105 not listed as not run" "$tmp/json" \
  "$rule | .status == \"skipped\" and (.reason | startswith(\"not run: cannot fail on a CSV return\"))" \
  --arg code 105
"$CAREPLEDGE" validate --year 2026/27 --ruleset 2023/24 "$fx" >"$tmp/text24" || true
grep -q "^312 rules:" "$tmp/text24" || fail "2023/24 rule count"

# Any collection year may be checked under a rule set that exists; a year
# before the earliest set runs that set and says so; a --ruleset with no set
# is refused (exit 2).
"$CAREPLEDGE" validate --year 2019/20 --ruleset 2022/23 --format json "$fx" >"$tmp/json20" 2>/dev/null || true
json_check "2019/20 under the 2022/23 rules" "$tmp/json20" '.year == "2019/20" and .ruleset == "2022/23"'
"$CAREPLEDGE" validate --year 2019/20 --format json "$fx" >"$tmp/json20b" 2>"$tmp/err20" || true
json_check "2019/20 runs the earliest set" "$tmp/json20b" '.ruleset == "2022/23"'
grep -q "no rule set for 2019/20; running the earliest, 2022/23's" "$tmp/err20" ||
  fail "no note that the earliest rule set runs"
status=0
"$CAREPLEDGE" validate --year 2019/20 --ruleset 2019/20 "$fx" >/dev/null 2>&1 || status=$?
[ "$status" = 2 ] || fail "--ruleset 2019/20 should exit 2, got $status"

# A clean return exits 0.
mkdir "$tmp/clean"
head -2 "$fx/header.csv" >"$tmp/clean/header.csv"
"$CAREPLEDGE" validate --year 2026/27 "$tmp/clean" >/dev/null || fail "clean return should exit 0"

# Could not run: exit 2.
status=0
"$CAREPLEDGE" validate --year 2026/27 --db x.db "$fx" 2>/dev/null || status=$?
[ "$status" = 2 ] || fail "--db should exit 2, got $status"
status=0
"$CAREPLEDGE" validate --year 2030/31 "$fx" 2>/dev/null || status=$?
[ "$status" = 2 ] || fail "a year after the latest rule set should exit 2, got $status"
status=0
"$CAREPLEDGE" validate "$tmp/nonexistent" 2>/dev/null || status=$?
[ "$status" = 2 ] || fail "missing path should exit 2, got $status"
echo ok
