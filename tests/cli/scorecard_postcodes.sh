# carepledge scorecard --postcodes ONSPD.csv --la CODE: placed_over_20_miles and
# placed_outside_la from a tiny synthetic ONS Postcode Directory (made-up ZZ
# postcodes, grid references and X codes), with and without the options, by
# group and published; then on synth's history and its synthetic directory,
# the distance figure checked against an awk reading of the database and the
# directory written separately.
. "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/903/2025-26"
cat > "$TMP/903/2025-26/header.csv" <<'CSV'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
P001,1,01/01/2012,WBRI,,,
P002,2,01/01/2012,WBRI,,,
P003,1,01/01/2012,WBRI,,,
P004,2,01/01/2012,WBRI,,,
P005,1,01/01/2012,WBRI,,,
P006,2,01/01/2012,WBRI,,,
P007,1,01/01/2012,WBRI,,,
P008,2,01/01/2012,WBRI,,,
CSV
# Home ZZ1 1AA. P001 20.0 miles (not more than 20), OUT; P002 20.0503 -> 20.1
# (more), OUT; P003 3.1, IN (another district of the county); P004 62.1, OUT;
# P005 home not in the directory: no distance, IN; P006 short breaks: neither;
# P007 left on 30 March: neither; P008 3.1, IN.
# Distance: 2 of 5 (40%); outside: 3 of 6 (50%).
cat > "$TMP/903/2025-26/episodes.csv" <<'CSV'
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
P001,01/06/2024,S,C2,N1,U4,PR1,,,,ZZ1 1AA,ZZ1 2AA,
P002,01/06/2024,S,C2,N1,U4,PR1,,,,ZZ1 1AA,ZZ1 2AD,
P003,01/06/2024,S,C2,N1,U4,PR1,,,,ZZ1 1AA,ZZ2 2BB,
P004,01/06/2024,S,C2,N1,U4,PR1,,,,ZZ1 1AA,ZZ3 3CC,
P005,01/06/2024,S,C2,N1,U4,PR1,,,,ZZ9 9ZZ,ZZ2 2BB,
P006,01/06/2025,S,V3,N2,U4,PR1,,,,ZZ1 1AA,ZZ3 3CC,
P007,01/06/2024,S,C2,N1,U4,PR1,30/03/2026,E4A,,ZZ1 1AA,ZZ3 3CC,
P008,01/06/2024,S,C2,N1,U4,PR1,,,,ZZ1 1AA,ZZ2 2BB,
CSV
onspd="$TMP/onspd.csv"
cat > "$onspd" <<'CSV'
"pcd","pcds","dointr","doterm","oscty","oslaua","oseast1m","osnrth1m"
"ZZ1 1AA","ZZ1 1AA","199801","","X10000001","X07000001","400000","100000"
"ZZ1 2AA","ZZ1 2AA","199801","","X99999999","X06000003","432186","100000"
"ZZ1 2AD","ZZ1 2AD","199801","","X99999999","X06000003","432267","100000"
"ZZ2 2BB","ZZ2 2BB","199801","","X10000001","X07000002","405000","100000"
"ZZ3 3CC","ZZ3 3CC","199801","","X99999999","X06000002","400000","200000"
CSV
db="$TMP/t.db"
"$CAREPLEDGE" import --db "$db" "$TMP/903" > /dev/null
card() { "$CAREPLEDGE" scorecard --db "$db" --year 2025/26 --years 0 --format csv "$@"; }
row() { grep "^3.15,$1,.*,all," || fail "no row for $1"; }

card > "$TMP/none.csv"
row placed_over_20_miles < "$TMP/none.csv" | grep -q ',not available,.*needs the ONS Postcode Directory for' \
  || fail "without --postcodes: $(row placed_over_20_miles < "$TMP/none.csv")"
row placed_outside_la < "$TMP/none.csv" | grep -q ',not available,.*needs the ONS Postcode Directory and the council.s own local authority code' \
  || fail "without either: $(row placed_outside_la < "$TMP/none.csv")"

card --postcodes "$onspd" > "$TMP/dir.csv"
expect_eq "distance with --postcodes" "40,2,5" "$(row placed_over_20_miles < "$TMP/dir.csv" | cut -d, -f3-5)"
row placed_outside_la < "$TMP/dir.csv" | grep -q ',not available,.*needs the council.s own local authority code"\?$' \
  || fail "without --la: $(row placed_outside_la < "$TMP/dir.csv")"

card --postcodes "$onspd" --la x10000001 > "$TMP/both.csv"
expect_eq "distance" "40,2,5" "$(row placed_over_20_miles < "$TMP/both.csv" | cut -d, -f3-5)"
expect_eq "outside" "50,3,6" "$(row placed_outside_la < "$TMP/both.csv" | cut -d, -f3-5)"
expect_eq "status" "computed" "$(row placed_outside_la < "$TMP/both.csv" | cut -d, -f10)"

# By age: all are 14 on 31 March, in "10 to 15"; the groups add up.
card --postcodes "$onspd" --la X10000001 --by age > "$TMP/age.csv"
expect_eq "by age, 10 to 15" "3,6" \
  "$(grep '^3.15,placed_outside_la,.*,10 to 15,' "$TMP/age.csv" | cut -d, -f4-5)"
expect_eq "by age, groups add up" "3 6" \
  "$(awk -F, '$2 == "placed_outside_la" && $6 != "all" { n += $4; d += $5 } END { print n, d }' "$TMP/age.csv")"

# Published: 2 and 3 are from 1 to 5.
card --postcodes "$onspd" --la X10000001 --publish > "$TMP/pub.csv"
expect_eq "published distance" "c,c" "$(row placed_over_20_miles < "$TMP/pub.csv" | cut -d, -f3-4)"
expect_eq "published outside" "c,c" "$(row placed_outside_la < "$TMP/pub.csv" | cut -d, -f3-4)"

# Errors: exit 2 with a message.
status=0
card --postcodes "$TMP/no-such.csv" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "missing directory" 2 "$status"
grep -q "no-such.csv" "$TMP/err" || fail "names the file: $(cat "$TMP/err")"
printf 'pcd,oseast1m,oslaua\n"ZZ1 1AA",1,X\n' > "$TMP/bad.csv"
status=0
card --postcodes "$TMP/bad.csv" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "directory without osnrth1m" 2 "$status"
grep -q "osnrth1m" "$TMP/err" || fail "names the column: $(cat "$TMP/err")"
status=0
card --postcodes "$onspd" --la E07000049 > /dev/null 2> "$TMP/err" || status=$?
expect_eq "a shire district as --la" 2 "$status"
grep -q "county" "$TMP/err" || fail "says to give the county: $(cat "$TMP/err")"
status=0
card --la 838 > /dev/null 2> "$TMP/err" || status=$?
expect_eq "not an ONS code" 2 "$status"

# synth writes a synthetic directory for the postcodes of its history. The
# distance figure for 2025/26 checked against awk: the episode open on 31
# March 2026, not V3/V4, not UASC, both postcodes with grid references.
"$CAREPLEDGE" synth --out "$TMP/s903" --children 600 --seed 3 --postcodes "$TMP/synth-onspd.csv" > "$TMP/synth.out"
grep -q "postcodes in a synthetic ONS Postcode Directory" "$TMP/synth.out" || fail "synth summary"
"$CAREPLEDGE" import --db "$TMP/s.db" "$TMP/s903" > /dev/null
"$CAREPLEDGE" scorecard --db "$TMP/s.db" --year 2025/26 --years 0 --format csv \
  --postcodes "$TMP/synth-onspd.csv" --la X10000001 > "$TMP/synth.csv"
sqlite3 -separator , "$TMP/s.db" "SELECT e.home_post, e.pl_post FROM episodes e JOIN header h ON h.child = e.child
  WHERE e.decom <= '2026-03-31' AND (e.dec IS NULL OR e.dec > '2026-03-31') AND e.ls NOT IN ('V3', 'V4')
  AND e.child NOT IN (SELECT child FROM uasc)" > "$TMP/open.csv"
expected=$(awk -F, '
  NR == FNR { gsub(/"/, ""); if (FNR > 1) { k = $2; gsub(/ /, "", k); e[k] = $7; n[k] = $8 } next }
  { h = $1; p = $2; gsub(/ /, "", h); gsub(/ /, "", p)
    if (!(h in e) || !(p in e) || e[h] == "" || e[p] == "") next
    d = sqrt((e[h] - e[p]) ^ 2 + (n[h] - n[p]) ^ 2) / 1000 / 1.6093
    den++; if (int(d * 10 + 0.5) > 200) num++ }
  END { print num + 0 "," den + 0 }' "$TMP/synth-onspd.csv" "$TMP/open.csv")
expect_eq "synth distance against awk" "$expected" "$(row placed_over_20_miles < "$TMP/synth.csv" | cut -d, -f4-5)"
[ "${expected#*,}" -gt 50 ] || fail "too few children with a distance: $expected"
row placed_outside_la < "$TMP/synth.csv" | grep -q ',computed,' || fail "outside on synth"
echo ok
