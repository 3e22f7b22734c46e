#!/usr/bin/env bash
# indicators: docs/indicators.md is what the catalogue generates (fails when the
# catalogue changed and the document was not regenerated), the CSV output is the
# shipped catalogue itself, and a council's broken catalogue is refused with the
# place of the problem.
source "$(dirname "$0")/lib.bash"
cd "$CAREPLEDGE_SOURCE_DIR"

"$CAREPLEDGE" indicators --format markdown >"$TMP/indicators.md"
if ! diff -u docs/indicators.md "$TMP/indicators.md" >"$TMP/doc.diff"; then
  head -40 "$TMP/doc.diff" >&2
  fail "docs/indicators.md is out of date: run" \
    "'carepledge indicators --format markdown > docs/indicators.md' and commit it"
fi

"$CAREPLEDGE" indicators --format csv >"$TMP/indicators.csv"
diff -u data/indicators.csv "$TMP/indicators.csv" || fail "CSV output differs from data/indicators.csv"

# Text: one heading line per promise, 3.1 to 3.27.
"$CAREPLEDGE" indicators >"$TMP/indicators.txt"
expect_eq "promises listed" 27 "$(grep -c '^3\.[0-9]* ' "$TMP/indicators.txt")"
grep -q '^3\.9 Professionals and carers only make promises that they can keep\.' "$TMP/indicators.txt" ||
  fail "promise 3.9 missing from the text listing"

# JSON: every DfE indicator, computed; every promise covered.
"$CAREPLEDGE" indicators --format json >"$TMP/indicators.json"
dfe="placement_stability_short placement_stability_long oc2_health_assessment
oc2_immunisations oc2_teeth_check oc2_sdq_average oc2_substance_misuse oc2_convicted
care_leavers_in_touch care_leavers_in_touch_17_18 care_leavers_in_touch_19_21
care_leavers_eet care_leavers_eet_17_18 care_leavers_eet_19_21
care_leavers_suitable_accommodation care_leavers_suitable_accommodation_17_18
care_leavers_suitable_accommodation_19_21 staying_put missing_children
placed_over_20_miles placed_outside_la adoption_a1 adoption_a2 review_participation"
for id in $dfe; do
  json_check "DfE indicator $id, computed" "$TMP/indicators.json" \
    'any(.indicators[]; .id == $id and .kind == "computed")' --arg id "$id"
done
json_check "every promise 3.1 to 3.27" "$TMP/indicators.json" \
  '[.indicators[].promise] | unique == ([range(1; 28) | "3.\(.)"] | sort)'
json_check "survey indicators read the survey and have no target" "$TMP/indicators.json" \
  'all(.indicators[] | select(.kind == "survey"); .records == ["survey"] and .target == null)'

# A council's own catalogue: loaded from --catalogue; errors name line and field.
cp data/indicators.csv "$TMP/local.csv"
"$CAREPLEDGE" indicators --catalogue "$TMP/local.csv" --format csv | diff -q - data/indicators.csv >/dev/null ||
  fail "--catalogue with an unchanged copy gives different output"
sed '5s/,higher,/,bigger,/' data/indicators.csv >"$TMP/bad.csv"
set +e
"$CAREPLEDGE" indicators --catalogue "$TMP/bad.csv" >"$TMP/out" 2>"$TMP/err"
rc=$?
set -e
expect_eq "exit status for a bad catalogue" 2 "$rc"
grep -q "bad.csv:5:[0-9]*: better: 'bigger' is not higher or lower" "$TMP/err" ||
  fail "unexpected error: $(cat "$TMP/err")"

set +e
"$CAREPLEDGE" indicators --format pdf >/dev/null 2>"$TMP/err"
rc=$?
set -e
expect_eq "exit status for a bad format" 2 "$rc"
grep -q "not one of text, csv, json, markdown" "$TMP/err" || fail "unexpected error: $(cat "$TMP/err")"
echo ok
