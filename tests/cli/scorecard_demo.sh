# carepledge scorecard on the synthetic demo (2,000 children, 2017 to 2026):
# every catalogue indicator in CSV, JSON, HTML and PDF; figures checked against
# SQL written separately; --publish leaves no count from 1 to the threshold;
# usage errors.
. "$(dirname "$0")/lib.bash"
db="$TMP/demo.db"
"$CAREPLEDGE" synth --out "$TMP/903" --children 2000 --seed 7 --from 2017 --to 2026 > /dev/null
"$CAREPLEDGE" import --db "$db" "$TMP/903" > /dev/null

"$CAREPLEDGE" scorecard --db "$db" --year 2025/26 --format csv > "$TMP/s.csv"
expect_eq "header" "promise,indicator,value,numerator,denominator,group,unit,target,rag,status,2021/22,2022/23,2023/24,2024/25,title,note" \
  "$(head -1 "$TMP/s.csv")"
ids=$("$CAREPLEDGE" indicators --format csv | tail -n +2 | wc -l)
expect_eq "one row per catalogue indicator" "$ids" "$(awk -F, 'NR > 1 && $6 == "all"' "$TMP/s.csv" | wc -l)"

# Every DfE indicator is computed, except the two that need the postcode directory.
for id in placement_stability_short placement_stability_long review_participation staying_put \
  care_leavers_in_touch care_leavers_in_touch_17_18 care_leavers_in_touch_19_21 \
  care_leavers_eet care_leavers_eet_17_18 care_leavers_eet_19_21 \
  care_leavers_suitable_accommodation care_leavers_suitable_accommodation_17_18 \
  care_leavers_suitable_accommodation_19_21 oc2_health_assessment oc2_immunisations \
  oc2_teeth_check oc2_sdq_average oc2_substance_misuse oc2_convicted missing_children \
  adoption_a1 adoption_a2; do
  row=$(grep "^[0-9.]*,$id,.*,all," "$TMP/s.csv") || fail "no row for $id"
  status=$(echo "$row" | cut -d, -f10)
  expect_eq "$id computed" "computed" "$status"
  den=$(echo "$row" | cut -d, -f5)
  [ "$den" -gt 0 ] || fail "$id: empty cohort on the demo: $row"
done
for id in placed_over_20_miles placed_outside_la; do
  grep -q "^3.15,$id,,,,all,%,,,not available,.*Postcode Directory" "$TMP/s.csv" \
    || fail "$id should be not available with the reason"
done
grep -q '^3.1,survey_professionals_work_together,,,,all,,,,survey,.*"survey: Do the adults' "$TMP/s.csv" \
  || fail "survey indicators carry their question and no figure"
# Reviews on time, and its gaps for promise 3.7: a difference in points with
# the two sides below it, and a status against the catalogue's target of 0.
grep -q '^3.2,reviews_on_time,[0-9]*,[0-9]*,[0-9]*,all,%,,,computed,' "$TMP/s.csv" || fail "reviews_on_time"
grep -Eq '^3.7,reviews_on_time_disabled_gap,-?[0-9]+,,,all,points,0,(green|amber|red),computed,' \
  "$TMP/s.csv" || fail "disabled gap: $(grep disabled_gap "$TMP/s.csv")"
grep -q '^3.7,reviews_on_time_disabled_gap,[0-9]*,[0-9]*,[0-9]*,disabled children,%,' "$TMP/s.csv" \
  || fail "disabled gap side"

# Checked against SQL: children looked after on 31 March 2026, not V3/V4.
cla=$(sqlite3 "$db" "SELECT count(DISTINCT child) FROM episodes WHERE decom <= '2026-03-31'
  AND (dec IS NULL OR dec > '2026-03-31') AND ls NOT IN ('V3', 'V4')")
expect_eq "placement_stability_short denominator" "$cla" \
  "$(grep '^3.15,placement_stability_short,' "$TMP/s.csv" | cut -d, -f5)"
# Care leavers in touch, 17 to 21: the OC3 cohort is at most the OC3 rows of the year.
oc3=$(sqlite3 "$db" "SELECT count(*) FROM oc3 WHERE year = 2026 AND in_touch NOT IN ('DIED', 'RHOM')")
den=$(grep '^3.22,care_leavers_in_touch,' "$TMP/s.csv" | cut -d, -f5)
[ "$den" -le "$oc3" ] || fail "in touch cohort $den larger than the OC3 rows $oc3"
yes=$(grep '^3.22,care_leavers_in_touch,' "$TMP/s.csv" | cut -d, -f4)
[ "$yes" -le "$(sqlite3 "$db" "SELECT count(*) FROM oc3 WHERE year = 2026 AND in_touch = 'YES'")" ] \
  || fail "in touch numerator"
# The by-age breakdown adds up to the total.
"$CAREPLEDGE" scorecard --db "$db" --year 2025/26 --by age --format csv > "$TMP/age.csv"
sum=$(grep '^3.15,placement_stability_short,' "$TMP/age.csv" | grep -v ',all,' | cut -d, -f5 \
  | awk '{ s += $1 } END { print s }')
expect_eq "groups add up" "$cla" "$sum"

# JSON parses and says the same.
"$CAREPLEDGE" scorecard --db "$db" --year 2025/26 --years 2 --format json > "$TMP/s.json"
json_check json "$TMP/s.json" '
  (.indicators | INDEX(.indicator)) as $ind
  | .year == "2025/26" and (.indicators | length) > 50
  and $ind.placement_stability_short.denominator == $cla
  and ([$ind.placement_stability_short.trend[].year] == ["2023/24", "2024/25", "2025/26"])
  and $ind.survey_know_me.status == "survey" and ($ind.survey_know_me | has("question"))
  and ($ind.placed_outside_la.reason | contains("Postcode"))' --argjson cla "$cla"

# HTML: a section per theme, charts inline, words under each chart.
"$CAREPLEDGE" scorecard --db "$db" --year 2025/26 --by disability --format html --out "$TMP/s.html"
for theme in "Working together" "Staying safe" "Keeping our word" "Listening to you" \
  "Living your life" "Enjoying and achieving" "Moving on" "Being healthy" "Looking to the future"; do
  grep -q "<h2>$theme</h2>" "$TMP/s.html" || fail "html theme $theme"
done
[ "$(grep -c '<svg' "$TMP/s.html")" -ge 20 ] || fail "html charts"
grep -q '<figcaption>How this has changed from 2021/22 to 2025/26' "$TMP/s.html" || fail "html caption"

# PDF: a page per theme at least.
"$CAREPLEDGE" scorecard --db "$db" --year 2025/26 --format pdf --out "$TMP/s.pdf"
expect_eq "pdf header" "%PDF" "$(head -c 4 "$TMP/s.pdf")"
pages=$(grep -a -o '/Count [0-9]*' "$TMP/s.pdf" | head -1 | cut -d' ' -f2)
[ "$pages" -ge 9 ] || fail "pdf pages: $pages"

# --publish: no count from 1 to the threshold in any figure, and small counts are c.
for t in 5 10; do
  "$CAREPLEDGE" scorecard --db "$db" --year 2025/26 --by ethnicity --publish --threshold "$t" \
    --format csv > "$TMP/p.csv"
  awk -F, -v t="$t" 'NR > 1 && $10 == "computed" && $7 == "%" {
      for (f = 4; f <= 5; f++) if ($f ~ /^[0-9]+$/ && $f + 0 >= 1 && $f + 0 <= t) { print; bad = 1 } }
    END { exit bad }' "$TMP/p.csv" || fail "publish --threshold $t left a small count"
  grep -q ',c,c,' "$TMP/p.csv" || fail "publish shows no c"
done
# Unpublished, the same table has small counts (so the check above means something).
"$CAREPLEDGE" scorecard --db "$db" --year 2025/26 --by ethnicity --format csv > "$TMP/u.csv"
awk -F, 'NR > 1 && $10 == "computed" && $7 == "%" && $4 ~ /^[1-5]$/ { found = 1 } END { exit !found }' \
  "$TMP/u.csv" || fail "expected small counts before publishing"
"$CAREPLEDGE" scorecard --db "$db" --year 2025/26 --publish > "$TMP/p.txt"
grep -q "small numbers shown as c" "$TMP/p.txt" || fail "text says it is for publication"

# A council's catalogue with a target gives a RAG status.
"$CAREPLEDGE" indicators --format csv \
  | sed 's/^\(placement_stability_short,.*\),lower,,computed$/\1,lower,5,computed/' > "$TMP/cat.csv"
"$CAREPLEDGE" scorecard --db "$db" --year 2025/26 --catalogue "$TMP/cat.csv" --format csv > "$TMP/t.csv"
rag=$(grep '^3.15,placement_stability_short,' "$TMP/t.csv" | cut -d, -f8,9)
case "$rag" in 5,green | 5,amber | 5,red) ;; *) fail "rag: $rag" ;; esac

# Usage errors: exit 2 with a message.
for args in "--db $db" "--db $db --year 2025/26 --format pdf" "--db $db --year 26/27x" \
  "--db $db --year 2025/26 --by colour" "--db $db --year 2025/26 --years 99" \
  "--db $TMP/none.db --year 2025/26" "--db $db --year 2025/26 --threshold 0" \
  "--db $db --year 2025/26 --holidays $TMP/no-such-holidays.csv"; do
  set +e
  # shellcheck disable=SC2086
  "$CAREPLEDGE" scorecard $args > /dev/null 2> "$TMP/err"
  rc=$?
  set -e
  expect_eq "exit status for: $args" 2 "$rc"
  grep -Eq "carepledge scorecard|no-such-holidays.csv: cannot open" "$TMP/err" || fail "message for: $args: $(cat "$TMP/err")"
done
echo ok
