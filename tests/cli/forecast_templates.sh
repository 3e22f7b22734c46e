# carepledge forecast with the council's templates (docs/templates.md): a
# scenario with no entrants, the sufficiency gap as demand less places, costs
# from weekly costs, and a bad row named by file, line, column and field.
. "$(dirname "$0")/lib.bash"
"$CAREPLEDGE" synth --out "$TMP/903" --children 500 --seed 9 > /dev/null
db="$TMP/f.db"
"$CAREPLEDGE" import --db "$db" "$TMP/903" > /dev/null
fc() { "$CAREPLEDGE" forecast --db "$db" --from 2026-03-31 --runs 200 --backtest-runs 0 "$@"; }

# No entrants and nobody leaving before 18: the count falls only by 18th birthdays.
cat > "$TMP/none.csv" <<'CSV'
what,age,placement,distance,multiply,add
entrants,all,all,all,0,
leaving,,,,0,
CSV
fc --adjust "$TMP/none.csv" --format json > "$TMP/none.json"
json_check "no entrants" "$TMP/none.json" '[.forecast[].year_to_date.entrants.p97_5] == [0, 0, 0]'
json_check "leaving only at 18" "$TMP/none.json" \
  '[.forecast[].year_to_date | .leavers.mean == .left_at_18.mean] | all'
json_check "marked as a scenario" "$TMP/none.json" '.scenario == true'
fc --format json > "$TMP/base.json"
json_check "not a scenario" "$TMP/base.json" '.scenario == false and (has("sufficiency_gap") | not)'

# Twenty entrants a year added to fostering, every age: about twenty more entrants.
printf 'what,placement,add\nentrants,fostering,20\n' > "$TMP/more.csv"
fc --adjust "$TMP/more.csv" --format json > "$TMP/more.json"
more=$(jq '.forecast[0].year_to_date.entrants.mean' "$TMP/more.json")
base=$(jq '.forecast[0].year_to_date.entrants.mean' "$TMP/base.json")
awk -v m="$more" -v b="$base" 'BEGIN { exit !(m - b > 10 && m - b < 30) }' || fail "20 added: $base -> $more"

# Keyed by legal status: no section 20 entrants leaves the others' (fewer entrants, not none).
printf 'what,legal_status,multiply\nentrants,section_20,0\n' > "$TMP/no_s20.csv"
fc --adjust "$TMP/no_s20.csv" --format json > "$TMP/no_s20.json"
s20=$(jq '.forecast[0].year_to_date.entrants.mean' "$TMP/no_s20.json")
awk -v m="$s20" -v b="$base" 'BEGIN { exit !(m > 0 && m < b) }' || fail "no s20 entrants: $base -> $s20"

# Capacity: the gap is the forecast less the places, quantile by quantile.
cat > "$TMP/capacity.csv" <<'CSV'
placement,distance,provider,places
fostering,within_council,in_house,40
fostering,unknown,commissioned,5
residential,unknown,commissioned,3
CSV
fc --capacity "$TMP/capacity.csv" --format json > "$TMP/cap.json"
json_check "fostering gap" "$TMP/cap.json" \
  '. as $r | (.sufficiency_gap[] | select(.placement == "fostering" and .distance == "all")) as $g
   | $g.places == 45 and ([range(3) | $g.gap[.].p50 == $r.forecast[.].looked_after["placement:fostering"].p50 - 45] | all)'
json_check "fostering within the council" "$TMP/cap.json" \
  '. as $r | (.sufficiency_gap[] | select(.placement == "fostering" and .distance == "within_council")) as $g
   | $g.places == 40 and $g.gap[0].p50 == $r.forecast[0].looked_after["placement_distance:fostering/within_council"].p50 - 40'

# Costs: nothing costs nothing; a price costs something in every year.
printf 'placement,provider,weekly_cost,inflation_percent\nfostering,in_house,0,0\n' > "$TMP/free.csv"
fc --costs "$TMP/free.csv" --format json > "$TMP/free.json"
json_check "free" "$TMP/free.json" '[.costs_pounds.all[].p97_5] == [0, 0, 0]'
cat > "$TMP/costs.csv" <<'CSV'
placement,provider,weekly_cost,inflation_percent
fostering,in_house,500,3
fostering,commissioned,900,3
residential,commissioned,5000,5
CSV
fc --costs "$TMP/costs.csv" --format json > "$TMP/costs.json"
json_check "costs" "$TMP/costs.json" '([.costs_pounds.all[].p50 > 0] | all) and .costs_pounds.supported[0].p97_5 == 0'
# Into a file, not a pipe: grep -q stops reading at its first match, and the
# command's checked writes then fail on the closed pipe.
fc --costs "$TMP/costs.csv" --format csv > "$TMP/costs.csv.out"
grep -q '^cost,2027-03-31,all,' "$TMP/costs.csv.out" || fail "cost rows in the CSV"

# A bad row: exit 2, named by file, line, column and field.
printf 'what,age,placement,distance,multiply,add\nentrants,all,all,all,1,\nleaving,teen,all,all,1,\n' > "$TMP/bad.csv"
status=0
fc --adjust "$TMP/bad.csv" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "bad scenario" 2 "$status"
grep -q 'bad.csv:3:9: age: one of under_1, 1_to_4' "$TMP/err" || fail "names where: $(cat "$TMP/err")"
printf 'placement,places\nfostering,3\n' > "$TMP/short.csv"
status=0
fc --capacity "$TMP/short.csv" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "capacity without a column" 2 "$status"
grep -q 'distance' "$TMP/err" || fail "names the column: $(cat "$TMP/err")"
printf 'placement,provider,weekly_cost\nfostering,in_house,-4\n' > "$TMP/neg.csv"
status=0
fc --costs "$TMP/neg.csv" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "a negative cost" 2 "$status"
grep -q 'neg.csv:2:20: weekly_cost' "$TMP/err" || fail "names the cost: $(cat "$TMP/err")"
echo ok
