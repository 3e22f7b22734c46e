# validate with the reference files a council supplies: the ONS Postcode
# Directory (--postcodes, --la) and Ofsted's provider lists (--providers, one
# file or several separated by commas). Without them those rules are skipped
# with the reason; with them they run. Unreadable files stop the run (exit 2).
. "$(dirname "$0")/lib.bash"
ret="$FIXTURES/validate/basic"
onspd="$FIXTURES/validate/postcodes/onspd.csv"
printf 'URN,Placement code,Placement provider code,Deregistration date,Setting Postcode\nSC999001,K2,PR4,,ZZ2 2BB\n' > "$TMP/homes.csv"
printf 'URN,Placement code\nSC999002,U4\n' > "$TMP/others.csv"

status_of() { # FILE CODE -> the rule's status in a JSON report
  jq -r --arg code "$2" '.rules[] | select(.code == $code) | .status' "$1"
}

"$CAREPLEDGE" validate --year 2026/27 --format json "$ret" > "$TMP/plain.json" || [ $? -eq 1 ]
expect_eq "164 without postcodes" skipped "$(status_of "$TMP/plain.json" 164)"
expect_eq "221 without providers" skipped "$(status_of "$TMP/plain.json" 221)"
json_check "skip reason" "$TMP/plain.json" \
  'any(.rules[]; .code == "164" and (.reason | contains("needs the ONS Postcode Directory")))'

"$CAREPLEDGE" validate --year 2026/27 --format json --postcodes "$onspd" --la X06000001 \
  --providers "$TMP/homes.csv,$TMP/others.csv" "$ret" > "$TMP/ref.json" || [ $? -eq 1 ]
for code in 164 1015 221; do
  st=$(status_of "$TMP/ref.json" "$code")
  [ "$st" = passed ] || [ "$st" = failed ] || fail "rule $code did not run: [$st]"
done

status=0
"$CAREPLEDGE" validate --year 2026/27 --postcodes "$TMP/none.csv" "$ret" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "missing directory exit" 2 "$status"
grep -q "none.csv" "$TMP/err" || fail "message names the file: $(cat "$TMP/err")"
echo ok
