# carepledge forecast --by legal_status, and forecasts kept by name: --save
# stores the forecast with its back-test scores, --list lists them, --show
# writes one (its scores too), --compare puts scenarios side by side; a name
# is taken once; care leavers to 25.
. "$(dirname "$0")/lib.bash"
"$CAREPLEDGE" synth --out "$TMP/903" --children 700 --seed 5 > /dev/null
db="$TMP/f.db"
"$CAREPLEDGE" import --db "$db" "$TMP/903" > /dev/null
fc() { "$CAREPLEDGE" forecast --db "$db" --from 2026-03-31 --runs 100 --backtest-runs 20 "$@"; }

# Legal status: the groups add up to the total on the origin, by SQL too.
fc --format csv --by legal_status > "$TMP/ls.csv"
total=$(awk -F, '$1 == "history" && $2 == "2026-03-31" && $3 == "total" { print $4 }' "$TMP/ls.csv")
expect_eq "legal status groups add up" "$total" \
  "$(awk -F, '$1 == "history" && $2 == "2026-03-31" && $3 ~ /^legal_status:/ { n += $4 } END { print n }' "$TMP/ls.csv")"
s20=$(sqlite3 "$db" "SELECT count(DISTINCT e.child) FROM episodes e JOIN header h ON h.child = e.child
  WHERE e.decom <= '2026-03-31' AND (e.dec IS NULL OR e.dec > '2026-03-31') AND e.ls = 'V2'
  AND date(h.dob, '+18 years') > '2026-03-31'")
expect_eq "section 20 on the origin" "$s20" \
  "$(awk -F, '$1 == "history" && $2 == "2026-03-31" && $3 == "legal_status:section_20" { print $4 }' "$TMP/ls.csv")"
grep -q '^forecast,2029-03-31,legal_status:care_order,' "$TMP/ls.csv" || fail "no care order forecast"
grep -q ',former_relevant_21_to_24,' "$TMP/ls.csv" || fail "no care leavers 21 to 24"
grep -q ',qualifying_care_leavers,' "$TMP/ls.csv" || fail "no qualifying care leavers"

# Nothing stored yet.
"$CAREPLEDGE" forecast --db "$db" --list > "$TMP/none.txt"
grep -q "no forecast is stored" "$TMP/none.txt" || fail "empty list: $(cat "$TMP/none.txt")"

# Save a forecast and a scenario (a quarter fewer entrants).
fc --save base > /dev/null 2> "$TMP/save.err"
grep -q "saved as 'base'" "$TMP/save.err" || fail "save: $(cat "$TMP/save.err")"
printf 'what,age,placement,distance,multiply,add\nentrants,all,all,all,0.75,\n' > "$TMP/fewer.csv"
fc --adjust "$TMP/fewer.csv" --save fewer > /dev/null 2>&1
"$CAREPLEDGE" forecast --db "$db" --list > "$TMP/list.txt"
for want in base fewer fewer.csv; do grep -q "$want" "$TMP/list.txt" || fail "list without $want"; done

# The stored document is the forecast as JSON, its back-test scores with it.
"$CAREPLEDGE" forecast --db "$db" --show base --format json > "$TMP/base.json"
json_check "stored with its scores" "$TMP/base.json" '[.backtest.scores[] | select(.figures == "total")] | length == 3'
fc --format json > "$TMP/again.json"
cmp -s <(jq -S .forecast "$TMP/base.json") <(jq -S .forecast "$TMP/again.json") \
  || fail "the stored forecast differs from the same forecast run again"
"$CAREPLEDGE" forecast --db "$db" --show base > "$TMP/show.txt"
for want in "Stored forecast" "back-test stored with it" "MAPE" "placement:fostering"; do
  grep -q "$want" "$TMP/show.txt" || fail "show without '$want'"
done

# Side by side: the scenario with fewer entrants has fewer entrants.
"$CAREPLEDGE" forecast --db "$db" --compare base,fewer --by legal_status > "$TMP/cmp.txt"
grep -q "legal_status:section_20" "$TMP/cmp.txt" || fail "compare without the breakdown"
base_in=$(jq '.forecast[0].year_to_date.entrants.p50' "$TMP/base.json")
fewer_in=$("$CAREPLEDGE" forecast --db "$db" --show fewer --format json | jq '.forecast[0].year_to_date.entrants.p50')
awk -v a="$base_in" -v b="$fewer_in" 'BEGIN { exit !(b < a) }' || fail "fewer entrants: $fewer_in, not below $base_in"
grep -c "back-test stored with it" "$TMP/cmp.txt" | grep -q 2 || fail "compare without each one's scores"

# A name is kept once; an unknown name is an error naming it.
status=0
fc --save base > /dev/null 2> "$TMP/err" || status=$?
[ "$status" -ne 0 ] || fail "a second 'base' was saved"
grep -q "'base'" "$TMP/err" || fail "conflict message: $(cat "$TMP/err")"
status=0
"$CAREPLEDGE" forecast --db "$db" --show nothing > /dev/null 2> "$TMP/err" || status=$?
[ "$status" -ne 0 ] || fail "an unknown forecast was shown"
grep -q "nothing" "$TMP/err" || fail "not-found message: $(cat "$TMP/err")"
# HTML and PDF: the fan charts of the total and each legal status group.
fc --by legal_status --format html --out "$TMP/f.html"
for want in "<svg" "legal_status:section_20" "How good the last forecasts were" "former_relevant_21_to_24"; do
  grep -q "$want" "$TMP/f.html" || fail "html without '$want'"
done
[ "$(grep -c '<svg' "$TMP/f.html")" -eq 5 ] || fail "html: not five charts"
fc --format pdf --out "$TMP/f.pdf"
head -c 5 "$TMP/f.pdf" | grep -q '%PDF-' || fail "not a PDF"
pdftotext "$TMP/f.pdf" - | grep -q "Placement sufficiency forecast" || fail "PDF without its heading"
status=0
fc --format pdf > /dev/null 2> "$TMP/err" || status=$?
expect_eq "pdf without --out" 2 "$status"
# --from is needed to forecast.
status=0
"$CAREPLEDGE" forecast --db "$db" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "no origin" 2 "$status"
echo ok
