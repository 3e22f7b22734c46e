# One history across years: a later return revises an earlier one (end date
# filled in, code corrected) and wins whatever the order of import; an earlier
# return imported afterwards changes nothing but the Header kept for its own
# year (header_years, schema 27), which each year's stored return carries.
. "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/y1/2009-10" "$TMP/y2/2010-11"
H='CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'
E='CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN'
printf '%s\nC1,1,01/01/2000,WBRI,,,\n' "$H" > "$TMP/y1/2009-10/header.csv"
printf '%s\nC1,01/06/2009,S,V2,N1,Q2,PR1,,,,,,\n' "$E" > "$TMP/y1/2009-10/episodes.csv"
printf '%s\nC1,1,01/01/2000,WIRI,,,\n' "$H" > "$TMP/y2/2010-11/header.csv"
printf '%s\nC1,01/06/2009,S,C2,N1,Q2,PR1,01/09/2010,E4,,,,\nC1,01/12/2010,S,C2,N1,Q2,PR1,,,,,,\n' "$E" > "$TMP/y2/2010-11/episodes.csv"

for order in "y1 y2" "y2 y1"; do
  db="$TMP/$(echo "$order" | tr -d ' ').db"
  for y in $order; do "$CAREPLEDGE" import --db "$db" "$TMP/$y" > /dev/null; done
  expect_eq "$order: one history" 2 "$(db_count "$db" episodes)"
  expect_eq "$order: end date filled in" "2010-09-01|E4|C2" \
    "$(sqlite3 "$db" "SELECT dec||'|'||rec||'|'||ls FROM episodes WHERE decom='2009-06-01'")"
  expect_eq "$order: corrected ethnicity" "WIRI" "$(sqlite3 "$db" "SELECT ethnic FROM header")"
done
# Each year's Header is its own, whatever the order: 2009/10 said WBRI. The
# map may differ (y2 then y1 also keeps WIRI for the years before 2009/10,
# which had no return: ssda903_header_years.h), each year's return does not.
no_years() { db_dump "$1" | grep -v '^INSERT INTO header_years '; }
cmp -s <(no_years "$TMP/y1y2.db") <(no_years "$TMP/y2y1.db") || fail "import order changed the result"
for db in y1y2 y2y1; do
  for y in 2009/10 2010/11; do
    "$CAREPLEDGE" export --db "$TMP/$db.db" --year "$y" --out "$TMP/$db.${y/\//-}" > /dev/null
  done
  expect_eq "$db: 2009/10's own Header" "C1,1,01/01/2000,WBRI,,," "$(tail -1 "$TMP/$db.2009-10/header.csv")"
  expect_eq "$db: 2010/11's Header" "C1,1,01/01/2000,WIRI,,," "$(tail -1 "$TMP/$db.2010-11/header.csv")"
done
diff -r "$TMP/y1y2.2009-10" "$TMP/y2y1.2009-10" > /dev/null || fail "import order changed 2009/10's return"

# Both years in one call, from the parent folder.
mkdir -p "$TMP/all" && cp -r "$TMP/y1/2009-10" "$TMP/y2/2010-11" "$TMP/all/"
"$CAREPLEDGE" import --db "$TMP/all.db" "$TMP/all" > "$TMP/out"
grep -q "collection years 2009/10 to 2010/11" "$TMP/out" || fail "years: $(cat "$TMP/out")"
cmp -s <(db_dump "$TMP/y1y2.db") <(db_dump "$TMP/all.db") || fail "one call differs from two"

# A code valid only in later years is refused in an earlier year's record, and
# a code of earlier years in a later one (U4 from 2014/15, F4 to 2008/09).
mkdir -p "$TMP/k3/2009-10"
cp "$TMP/y1/2009-10/header.csv" "$TMP/k3/2009-10/"
printf '%s\nC1,01/06/2009,S,V2,N1,K3,PR1,,,,,,\n' "$E" > "$TMP/k3/2009-10/episodes.csv"
if "$CAREPLEDGE" import --db "$TMP/k3.db" "$TMP/k3" 2> "$TMP/err"; then fail "K3 accepted in 2009/10"; fi
grep -q "PLACE: 'K3' is not a valid PLACE code in 2009/10" "$TMP/err" || fail "K3 message: $(cat "$TMP/err")"
printf '%s\nC1,01/06/2009,S,V2,N1,U4,PR1,,,,,,\nC1,01/06/2008,S,V2,N1,F4,PR1,01/05/2009,E8,,,,\n' "$E" \
  > "$TMP/k3/2009-10/episodes.csv"
if "$CAREPLEDGE" import --db "$TMP/k3.db" "$TMP/k3" 2> "$TMP/err"; then fail "U4 accepted in 2009/10"; fi
grep -q "episodes.csv:2:.*PLACE: 'U4' is not a valid PLACE code in 2009/10" "$TMP/err" || fail "U4: $(cat "$TMP/err")"
grep -q "episodes.csv:3:.*PLACE: 'F4' is not a valid PLACE code in 2009/10" "$TMP/err" || fail "F4: $(cat "$TMP/err")"
echo ok
