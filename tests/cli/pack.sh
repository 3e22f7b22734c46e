#!/usr/bin/env bash
# carepledge pack: the quarterly pack is one PDF whose page count is the one
# its footers give; every section's heading is in it; the first page's 3.13
# figure is the one SQL counts from the issues, the profile's figure the one
# `profile` gives; --publish withholds a small count the unpublished pack
# shows, says so on every page, and shows the scorecard's figures as
# `scorecard --publish` does; bad options are refused by name.
. "$(dirname "$0")/lib.bash"
db=$TMP/t.db
"$CAREPLEDGE" synth --out "$TMP/903" --profile dorset-2010 --seed 11 --children 300 \
  --survey "$TMP/survey.csv" > /dev/null
"$CAREPLEDGE" import --db "$db" "$TMP/903" > /dev/null
"$CAREPLEDGE" survey import "$TMP/survey.csv" --db "$db"
"$CAREPLEDGE" governance demo --db "$db" --out "$TMP/gov" --year 2009/10 > /dev/null

"$CAREPLEDGE" pack --db "$db" --quarter 2010Q1 --out "$TMP/pack.pdf" 2> "$TMP/err"
pages=$(pdfinfo "$TMP/pack.pdf" | awk '/^Pages:/ {print $2}')
grep -q "the quarterly pack 2010Q1: $pages pages" "$TMP/err" || fail "pages said: $(cat "$TMP/err")"
[ "$pages" -ge 8 ] || fail "a pack of $pages pages"
pdftotext -layout "$TMP/pack.pdf" "$TMP/pack.txt"
expect_eq "numbered pages" "$pages" "$(grep -c "Page [0-9]* of $pages" "$TMP/pack.txt")"
for heading in "quarterly pack 2010Q1" "1. Profile of children in care and care leavers" \
  "2. The Pledge scorecard, 2009/10, with its trends" "3. The placement forecast" \
  "4. The action plan" "5. The CiCC's issues and their answers (3.13)" \
  "6. The young people's Pledge survey" "7. Children in Care Council participation" \
  "8. The members' scrutiny items" "9. What the terms of reference make regular"; do
  grep -qF "$heading" "$TMP/pack.txt" || fail "no heading '$heading'"
done
# The first page: every promise, with a direction in words.
sed -n '1,/At a glance/p' "$TMP/pack.txt" > "$TMP/first.txt"
expect_eq "promises on the first page" 27 "$(grep -cE '^3\.[0-9]+ ' "$TMP/first.txt")"
grep -qE "(better|worse|no change)" "$TMP/first.txt" || fail "no direction on the first page"

# 3.13 of 2009/10 from the issues themselves: deadline (raised + 28 days) in
# the year, answered on or before it.
read -r num den < <(sqlite3 -separator ' ' "$db" "
  SELECT sum(answered_on IS NOT NULL AND answered_on <= date(raised_on, '+28 days')), count(*)
  FROM cicc_issues WHERE date(raised_on, '+28 days') BETWEEN '2009-04-01' AND '2010-03-31'")
[ "$den" -gt 0 ] || fail "the demo has no issue due in 2009/10"
pct=$(( (200 * num / den + 1) / 2 ))
first_313=$(grep -E "^3\.13 " "$TMP/first.txt")
[[ "$first_313" == *"$pct% ($num of $den)"* ]] ||
  fail "3.13 on the first page: $first_313, SQL $num of $den"
tr -s " \n" "  " < "$TMP/pack.txt" > "$TMP/pack.line"
grep -q "$num of $den issues whose 28 days ended" "$TMP/pack.line" || fail "3.13 in section 4"

# The profile's figure, as `profile` computes it on the same date.
in_care=$("$CAREPLEDGE" profile --db "$db" --at 2010-03-31 --format csv |
  awk -F, '$2 == "In care full time" {print $3}')
grep -E "In care full time +$in_care\$" "$TMP/pack.txt" > /dev/null || fail "profile: in care $in_care"

# The forecast: the count now and each year's median (80% interval) are those
# of `forecast` from the same date with the pack's settings (svc_pack.h).
"$CAREPLEDGE" forecast --db "$db" --from 2010-03-31 --years 3 --window 3 --runs 200 --seed 1 \
  --format csv > "$TMP/fc.csv"
want=$(awk -F, '$1 == "history" && $2 == "2010-03-31" && $3 == "total" {printf "%d", $4}
  $1 == "forecast" && $3 == "total" {printf " %.0f (%.0f-%.0f)", $9, $7, $11}' "$TMP/fc.csv")
[[ "$want" =~ ^[0-9]+( [0-9]+ \([0-9]+-[0-9]+\)){3}$ ]] || fail "forecast csv gave '$want'"
got=$(sed -n '/^3\. The placement forecast/,/^4\. The action/p' "$TMP/pack.txt" |
  grep -E '^ *All children ' | tr -s ' ' | sed 's/^ *All children //; s/ $//')
expect_eq "forecast total in the pack" "$want" "$got"
forecast_words() {
  pdftotext "$1" - | tr -s ' \n' '  ' | grep -oE "How good past forecasts were: .{0,300}"
}
[[ "$(forecast_words "$TMP/pack.pdf")" == *"no forecast is stored yet"* ]] ||
  fail "no stored forecast: $(forecast_words "$TMP/pack.pdf")"
# With a forecast kept, the pack quotes its back-test as `forecast --list` does.
"$CAREPLEDGE" forecast --db "$db" --from 2010-03-31 --runs 50 --backtest-runs 20 --save kept \
  --format csv > /dev/null 2>&1
read -r mape in80 < <("$CAREPLEDGE" forecast --db "$db" --list | awk '$1 == "kept" {print $(NF-1), $NF}')
[[ "$mape" =~ ^[0-9]+\.[0-9]$ ]] || fail "forecast --list gave MAPE '$mape'"
"$CAREPLEDGE" pack --db "$db" --quarter 2010Q1 --out "$TMP/kept.pdf" 2> /dev/null
words=$(forecast_words "$TMP/kept.pdf")
[[ "$words" == *"'kept' (from 31 March 2010)"*"off by $mape% on average"*"with $in80% of the outcomes"* ]] ||
  fail "stored back-test: '$words', list: $mape $in80"

# Published: a small count of the profile becomes c, and every page says so.
"$CAREPLEDGE" pack --db "$db" --quarter 2010Q1 --publish --out "$TMP/pub.pdf" 2> /dev/null
pdftotext -layout "$TMP/pub.pdf" "$TMP/pub.txt"
pub_pages=$(pdfinfo "$TMP/pub.pdf" | awk '/^Pages:/ {print $2}')
grep -q "Left out of the published pack" "$TMP/pub.txt" || fail "published: forecast not explained"
if grep -qE "^ *(Foster care|Entrants in the year) " "$TMP/pub.txt"; then
  fail "published: the forecast's counts are shown"
fi
expect_eq "withheld on every page" "$pub_pages" \
  "$(grep -c "Published: figures of 1 to 5 withheld" "$TMP/pub.txt")"
section() { sed -n '/^1\. Profile/,/^2\. The Pledge/p' "$1" | grep -E '  +([0-9]+|c)$'; }
section "$TMP/pack.txt" > "$TMP/profile.plain"
section "$TMP/pub.txt" > "$TMP/profile.pub"
expect_eq "profile rows" "$(wc -l < "$TMP/profile.plain")" "$(wc -l < "$TMP/profile.pub")"
paste -d'|' "$TMP/profile.plain" "$TMP/profile.pub" |
  awk -F'|' '{n = split($1, a, " "); m = split($2, b, " "); if (a[n] >= 1 && a[n] <= 5 && b[m] == "c") found = 1}
    END {exit !found}' || fail "no small count withheld in the published profile"
if awk '{print $NF}' "$TMP/profile.pub" | grep -qE '^[1-5]$'; then
  fail "a count from 1 to 5 is published: $(grep -E ' [1-5]$' "$TMP/profile.pub")"
fi
# Its scorecard is `scorecard --publish` of 2009/10 (the first layers of the
# pack's publication; tests/unit/test_pack_publish.c checks every figure).
"$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --years 4 --publish --format csv > "$TMP/card.csv"
sed -n '/^2\. The Pledge/,/^3\. The placement/p' "$TMP/pub.txt" | tr -s ' ' > "$TMP/card.pub"
for id in care_plans_in_place reviews_on_time visits_on_time; do
  want=$(awk -F, -v id="$id" '$2 == id {
      for (i = 11; i <= 15; i++) { v = i < 15 ? $i : $3; printf "%s%s%s", (i > 11 ? " " : ""), v, (v == "c" ? "" : "%") } }' \
    "$TMP/card.csv")
  title=$(awk -F, -v id="$id" '$2 == id {print $15}' "$TMP/card.csv")
  line=$(grep -F "$title" "$TMP/card.pub" | head -1)
  [[ "$line" == *" $want"* ]] || fail "$id: pack '$line', scorecard --publish '$want'"
done
"$CAREPLEDGE" pack --db "$db" --date 2010-03-31 --publish --threshold 10 --out "$TMP/t10.pdf" 2> /dev/null
pdftotext "$TMP/t10.pdf" "$TMP/t10.txt" # a file: grep -q closing a pipe early fails it
grep -q "figures of 1 to 10 withheld" "$TMP/t10.txt" || fail "threshold 10"

# Bad options, each named.
bad() {
  local want=$1
  shift
  local status=0
  "$CAREPLEDGE" pack --db "$db" "$@" 2> "$TMP/bad" || status=$?
  expect_eq "status of $*" 2 "$status"
  grep -q -- "$want" "$TMP/bad" || fail "$*: $(cat "$TMP/bad")"
}
bad "--quarter '2009Q5' is not a quarter" --quarter 2009Q5 --out "$TMP/x.pdf"
bad "--quarter YYYYQn or --date DATE" --quarter 2009Q4 --date 2009-12-31 --out "$TMP/x.pdf"
bad "--threshold goes with --publish" --quarter 2009Q4 --threshold 3 --out "$TMP/x.pdf"
bad "needs --out" --quarter 2009Q4
[ ! -e "$TMP/x.pdf" ] || fail "a refused pack left a file"

# A database with no governance record or survey yet: the seeded action plan,
# and each empty section saying so.
"$CAREPLEDGE" import --db "$TMP/bare.db" "$TMP/903" > /dev/null
"$CAREPLEDGE" pack --db "$TMP/bare.db" --quarter 2009Q4 --out "$TMP/bare.pdf" 2> /dev/null
pdftotext "$TMP/bare.pdf" "$TMP/bare.txt"
grep -q "P11 " "$TMP/bare.txt" || fail "bare database: the seeded priorities"
grep -q "No issue has been raised this year yet" "$TMP/bare.txt" || fail "bare database: issues"
grep -q "No survey round had been opened" "$TMP/bare.txt" || fail "bare database: survey"
echo ok
