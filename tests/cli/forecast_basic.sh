# carepledge forecast on synth's history: the count it starts from checked
# against SQL over the database, the breakdowns adding up to the total, the
# fans in order, the same figures for the same seed on one thread or two, the
# back-test's origins and points, and usage errors exiting 2.
. "$(dirname "$0")/lib.bash"
"$CAREPLEDGE" synth --out "$TMP/903" --children 700 --seed 5 --postcodes "$TMP/onspd.csv" > /dev/null
db="$TMP/f.db"
"$CAREPLEDGE" import --db "$db" "$TMP/903" > /dev/null
fc() { "$CAREPLEDGE" forecast --db "$db" --from 2026-03-31 --runs 200 "$@"; }

# Looked after full time on 31 March 2026 (short breaks apart, under 18), by SQL.
expected=$(sqlite3 "$db" "SELECT count(DISTINCT e.child) FROM episodes e JOIN header h ON h.child = e.child
  WHERE e.decom <= '2026-03-31' AND (e.dec IS NULL OR e.dec > '2026-03-31') AND e.ls NOT IN ('V3', 'V4')
  AND date(h.dob, '+18 years') > '2026-03-31'")
[ "$expected" -gt 30 ] || fail "too few in care to test: $expected"
fc --format csv --backtest-runs 0 > "$TMP/a.csv"
expect_eq "in care on the origin" "$expected" \
  "$(awk -F, '$1 == "history" && $2 == "2026-03-31" && $3 == "total" { print $4 }' "$TMP/a.csv")"
expect_eq "placement types add up" "$expected" \
  "$(awk -F, '$1 == "history" && $2 == "2026-03-31" && $3 ~ /^placement:/ { n += $4 } END { print n }' "$TMP/a.csv")"

# Determinism: the same seed, on one thread or two; another seed differs.
fc --format csv --backtest-runs 0 --threads 1 > "$TMP/one.csv"
fc --format csv --backtest-runs 0 --threads 2 > "$TMP/two.csv"
cmp -s "$TMP/one.csv" "$TMP/two.csv" || fail "threads change the figures: $(diff "$TMP/one.csv" "$TMP/two.csv" | head -5)"
cmp -s "$TMP/a.csv" "$TMP/one.csv" || fail "the same seed gives other figures"
fc --format csv --backtest-runs 0 --seed 2 > "$TMP/seed2.csv"
cmp -s "$TMP/a.csv" "$TMP/seed2.csv" && fail "another seed gives the same figures"

# JSON: three years ahead, every fan in order, distance by postcode adding up.
fc --format json --postcodes "$TMP/onspd.csv" --la X10000001 > "$TMP/f.json"
json_check "three years" "$TMP/f.json" '.forecast | length == 3'
json_check "fans in order" "$TMP/f.json" \
  '[.forecast[].looked_after[] | .p2_5 <= .p10 and .p10 <= .p50 and .p50 <= .p90 and .p90 <= .p97_5] | all'
json_check "distance adds up" "$TMP/f.json" \
  '.at_origin as $a | ($a["distance:within_council"] + $a["distance:up_to_20_miles"] + $a["distance:over_20_miles"] + $a["distance:unknown"]) == $a.total'
json_check "distance known for most" "$TMP/f.json" '.at_origin["distance:unknown"] < .at_origin.total / 2'
json_check "back-test scored" "$TMP/f.json" '.backtest.origins | length >= 5'
json_check "back-test origins are 31 March" "$TMP/f.json" '[.backtest.origins[] | endswith("-03-31")] | all'
json_check "scores for three horizons" "$TMP/f.json" '[.backtest.scores[] | select(.figures == "total") | .horizon] == [1, 2, 3]'

# Text: the tables a reader needs, the back-test with every forecast.
fc --by age > "$TMP/f.txt"
for want in "age:16_to_17" "Back-test: the same method from each 31 March" "no change MAPE" "left_at_18"; do
  grep -q "$want" "$TMP/f.txt" || fail "text without '$want'"
done

# --backtest: CSV lists the points, never past the history, up to 3 years ahead.
fc --backtest --runs 100 --format csv > "$TMP/points.csv"
head -1 "$TMP/points.csv" | grep -q '^origin,horizon,date,series,actual,median' || fail "points header"
awk -F, 'NR > 1 && ($2 < 1 || $2 > 3 || $3 > "2026-03-31") { bad = 1 } END { exit bad }' "$TMP/points.csv" \
  || fail "a point beyond the history or the horizons"

# An origin before the history knows no one: a forecast of nothing, said so.
"$CAREPLEDGE" forecast --db "$db" --from 2000-03-31 --runs 10 > "$TMP/empty.txt"
grep -q "No child was looked after full time in the window" "$TMP/empty.txt" || fail "empty: $(head -5 "$TMP/empty.txt")"
# Bad numbers are usage errors.
status=0
fc --years 11 > /dev/null 2> "$TMP/err" || status=$?
expect_eq "years out of range" 2 "$status"
status=0
fc --postcodes "$TMP/onspd.csv" --la E07000049 > /dev/null 2> "$TMP/err" || status=$?
expect_eq "a shire district" 2 "$status"
echo ok
