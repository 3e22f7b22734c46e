# profile --publish: small numbers withheld as c, with whatever else would give
# them away, in every format; --threshold changes the limit; usage errors exit 2.
. "$(dirname "$0")/lib.bash"
"$CAREPLEDGE" synth --out "$TMP/903" --profile dorset-2010 --seed 2010 --children 900 > /dev/null
"$CAREPLEDGE" import --db "$TMP/demo.db" "$TMP/903" > /dev/null
p() { "$CAREPLEDGE" profile --db "$TMP/demo.db" --at 2010-03-31 "$@"; }

p --publish --format csv > "$TMP/pub.csv"
expect_eq "withheld rows" \
  "Children and young people in care through short breaks,Aged under 5,c
Children and young people in care through short breaks,Aged 5 to 9,c" "$(grep ',c$' "$TMP/pub.csv")"
# Every other row is published unchanged.
p --format csv | grep -v -e ',Aged under 5,1$' -e ',Aged 5 to 9,7$' > "$TMP/plain.csv"
grep -v ',c$' "$TMP/pub.csv" > "$TMP/shown.csv"
diff -u "$TMP/plain.csv" "$TMP/shown.csv" || fail "published rows differ from the profile"
# Zero is a true zero and stays.
grep -qx "Children and young people in care through short breaks,Ethnic or cultural minority background,0" "$TMP/pub.csv" \
  || fail "zero withheld"

p --publish --format json > "$TMP/pub.json"
json_check "json withheld count" "$TMP/pub.json" 'any(.[]; .row == "Aged under 5" and .count == "c")'
json_check "json shown count" "$TMP/pub.json" 'any(.[]; .row == "In care full time" and .count == 274)'
p --publish | grep -q "^Published figures: c = withheld (from 1 to 5" || fail "text legend"

# A higher threshold withholds more: 7 and 12 now, and rows that would give them away.
p --publish --threshold 12 --format csv > "$TMP/pub12.csv"
[ "$(grep -c ',c$' "$TMP/pub12.csv")" -gt 2 ] || fail "threshold 12 withheld no more"
grep -q "Subject to a Placement Order (for adoption),c" "$TMP/pub12.csv" || fail "12 placement orders shown"

status=0; p --threshold 3 2> "$TMP/err" > /dev/null || status=$?
expect_eq "threshold without publish" 2 "$status"
status=0; p --publish --threshold 0 2> "$TMP/err" > /dev/null || status=$?
expect_eq "threshold 0" 2 "$status"
grep -q "from 1 to 100" "$TMP/err" || fail "threshold message: $(cat "$TMP/err")"
echo ok
