# The demo: synthetic data with the dorset-2010 profile, imported, gives the
# strategy's section 4 on 31/03/2010 row for row (all 30 rows, exact labels).
. "$(dirname "$0")/lib.bash"
"$CAREPLEDGE" synth --out "$TMP/903" --profile dorset-2010 --seed 2010 --children 900 > /dev/null
"$CAREPLEDGE" import --db "$TMP/demo.db" "$TMP/903" > /dev/null
"$CAREPLEDGE" profile --db "$TMP/demo.db" --at 2010-03-31 --format csv > "$TMP/profile.csv"
diff -u "$FIXTURES/dorset-2010-profile.csv" "$TMP/profile.csv" || fail "the demo profile differs from the strategy's"
# The same figures come out as text, under the strategy's headings.
"$CAREPLEDGE" profile --db "$TMP/demo.db" --at 2010-03-31 > "$TMP/profile.txt"
grep -q "^Young people who are eligible for a service as care leavers$" "$TMP/profile.txt" || fail "text headings"
grep -Eq "^  In care full time +274$" "$TMP/profile.txt" || fail "text row"
echo ok
