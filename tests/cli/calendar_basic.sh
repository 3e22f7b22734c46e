#!/usr/bin/env bash
# calendar: the 2022 non-working weekdays of England and Wales, in every format.
set -euo pipefail
: "${CAREPLEDGE:?set CAREPLEDGE to the carepledge binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/expected.csv" <<'CSV'
date,weekday,name
2022-01-03,Mon,New Year's Day (substitute day)
2022-04-15,Fri,Good Friday
2022-04-18,Mon,Easter Monday
2022-05-02,Mon,Early May bank holiday
2022-06-02,Thu,Spring bank holiday
2022-06-03,Fri,Platinum Jubilee bank holiday
2022-08-29,Mon,Summer bank holiday
2022-09-19,Mon,State Funeral of Queen Elizabeth II
2022-12-26,Mon,Boxing Day
2022-12-27,Tue,Christmas Day (substitute day)
CSV

"$CAREPLEDGE" calendar --from 2022-01-01 --to 2022-12-31 --format csv >"$tmp/got.csv"
diff -u "$tmp/expected.csv" "$tmp/got.csv"

# dd/mm/yyyy is accepted too, and the text form lists the same days.
"$CAREPLEDGE" calendar --from 01/01/2022 --to 31/12/2022 >"$tmp/got.txt"
[ "$(wc -l <"$tmp/got.txt")" -eq 10 ]
grep -q '^2022-06-03  Fri  Platinum Jubilee bank holiday$' "$tmp/got.txt"

# The spring bank holiday's usual date was a working day in 2022.
if grep -q '2022-05-30' "$tmp/got.csv"; then
    echo "2022-05-30 listed as a holiday" >&2
    exit 1
fi

# --weekends adds every Saturday and Sunday: 105 in 2022.
"$CAREPLEDGE" calendar --from 2022-01-01 --to 2022-12-31 --weekends --format csv >"$tmp/all.csv"
[ "$(grep -c ',\(Sat\|Sun\),' "$tmp/all.csv")" -eq 105 ]
grep -q '^2022-12-25,Sun,Christmas Day$' "$tmp/all.csv"
grep -q '^2022-01-08,Sat,weekend$' "$tmp/all.csv"

# JSON: the same ten days and the working-day count (365 - 105 - 10).
"$CAREPLEDGE" calendar --from 2022-01-01 --to 2022-12-31 --format json >"$tmp/got.json"
jq -e '.working_days == 250 and (.days | length) == 10
       and .days[8] == {"date": "2022-12-26", "weekday": "Mon", "name": "Boxing Day"}' \
    "$tmp/got.json" >/dev/null

# A range with no holiday prints nothing (CSV: the header only).
"$CAREPLEDGE" calendar --from 2022-07-01 --to 2022-07-31 --format csv >"$tmp/none.csv"
[ "$(cat "$tmp/none.csv")" = "date,weekday,name" ]
"$CAREPLEDGE" calendar --from 2022-07-01 --to 2022-07-31 --format json >"$tmp/none.json"
jq -e '.days == [] and .working_days == 21' "$tmp/none.json" >/dev/null
echo ok
