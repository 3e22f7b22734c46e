# import --keep-invalid (docs/import.md, "Importing a history with known
# faults"): a history whose only faults are junk codes and a cross-field fault
# is refused without the flag and stored with it, each value at fault stored
# as unknown and marked; structural faults refuse even with it; importing the
# corrected return clears the marks; the profile counts a marked PLACE in no
# placement row and says so; CSV and the 903 XML give the same database.
. "$(dirname "$0")/lib.bash"
fx="$FIXTURES/faults"
convert="$(dirname "$CAREPLEDGE")/csv_to_903xml"

# Without the flag: all or nothing, every fault named, nothing written.
status=0
"$CAREPLEDGE" import --db "$TMP/no.db" "$fx/2016-17" "$fx/2017-18" > /dev/null 2> "$TMP/no.err" ||
  status=$?
expect_eq "refused without --keep-invalid" 2 "$status"
grep -q "2016-17/episodes.csv:2:24: PLACE: 'XX' is not a valid PLACE code in 2016/17" "$TMP/no.err" ||
  fail "junk PLACE not reported: $(cat "$TMP/no.err")"
grep -q "2016-17/episodes.csv:4:42: REC: missing: DEC is 01/03/2017" "$TMP/no.err" ||
  fail "REC without DEC not reported: $(cat "$TMP/no.err")"
grep -q "2016-17/oc3.csv:2:20: ACTIV: 'Q7' is not a valid ACTIV code in 2016/17" "$TMP/no.err" ||
  fail "junk ACTIV not reported"
expect_eq "nothing imported" 0 "$(db_count "$TMP/no.db" episodes)"

# With it: every row stored, the three values as unknown, each marked.
"$CAREPLEDGE" import --keep-invalid --db "$TMP/k.db" "$fx/2016-17" "$fx/2017-18" > "$TMP/k.out"
grep -q "^kept 3 values as unknown" "$TMP/k.out" || fail "import report: $(cat "$TMP/k.out")"
grep -q "  .*2016-17/episodes.csv:2:24: PLACE: 'XX' is not a valid PLACE code in 2016/17" \
  "$TMP/k.out" || fail "the report names the file, line and field"
expect_eq "episodes stored" 5 "$(db_count "$TMP/k.db" episodes)"
expect_eq "PLACE stored as unknown" "" \
  "$(sqlite3 "$TMP/k.db" "SELECT place FROM episodes WHERE child = 'F01'")"
expect_eq "ACTIV stored as unknown" "|F2" \
  "$(sqlite3 "$TMP/k.db" "SELECT group_concat(coalesce(activ, ''), '|') FROM (SELECT activ FROM oc3 WHERE child = 'F04' ORDER BY year)")"
expect_eq "marks" "episodes|F01|2016-05-01|PLACE|XX|2017|1
episodes|F03|2016-09-15|REC||2017|1
oc3|F04|2016/17|ACTIV|Q7|2017|1" \
  "$(sqlite3 "$TMP/k.db" "SELECT table_name, child, row_key, field, value, year, import_id FROM value_marks ORDER BY 1, 2, 3, 4")"

# The same again changes nothing, the marks keep their first import.
db_dump "$TMP/k.db" > "$TMP/k1.dump"
"$CAREPLEDGE" import --keep-invalid --db "$TMP/k.db" "$fx/2016-17" "$fx/2017-18" > /dev/null
db_dump "$TMP/k.db" > "$TMP/k2.dump"
cmp -s "$TMP/k1.dump" "$TMP/k2.dump" || fail "a second import changed the database"

# imports: the marks by field per import, and one per line with --marks.
"$CAREPLEDGE" imports --db "$TMP/k.db" --format csv > "$TMP/imports.csv"
grep -q '^1,.*,ACTIV=1 PLACE=1 REC=1$' "$TMP/imports.csv" ||
  fail "imports lists the marks by field: $(cat "$TMP/imports.csv")"
grep -q '^2,.*,$' "$TMP/imports.csv" || fail "the second import made no marks"
"$CAREPLEDGE" imports --db "$TMP/k.db" --marks --format json > "$TMP/marks.json"
json_check "imports --marks" "$TMP/marks.json" \
  'length == 3 and .[0].table == "episodes" and .[0].child == "F01" and .[0].field == "PLACE"
   and .[0].value == "XX" and .[0].row == "2016-05-01" and .[0].year == "2016/17" and .[0].import == 1'
"$CAREPLEDGE" imports --db "$TMP/k.db" --marks | grep -q "oc3 .*F04 .*2016/17 .*ACTIV .*Q7" ||
  fail "imports --marks as text"

# validate --db lists them beside the rules.
"$CAREPLEDGE" validate --db "$TMP/k.db" --year 2016/17 > "$TMP/v.txt" 2> /dev/null || true
grep -q "^3 values marked at import, stored as unknown" "$TMP/v.txt" || fail "validate --db: $(cat "$TMP/v.txt")"
grep -q "  MARK episodes F01 2016-05-01 PLACE: 'XX' is not a valid PLACE code" "$TMP/v.txt" ||
  fail "validate --db names the mark"
"$CAREPLEDGE" validate --db "$TMP/k.db" --year 2016/17 --format json > "$TMP/v.json" 2> /dev/null || true
json_check "validate --db JSON marks" "$TMP/v.json" '.marks | length == 3'
"$CAREPLEDGE" validate --db "$TMP/k.db" --year 2016/17 --out "$TMP/vout" > /dev/null 2>&1 || true
expect_eq "marks.csv" 4 "$(wc -l < "$TMP/vout/marks.csv")"

# A marked value is not counted: on 01/12/2016 F01 (PLACE marked) is in care
# full time but in no placement row; F03 (U3) and F02 (U6) are fostered.
"$CAREPLEDGE" profile --db "$TMP/k.db" --at 2016-12-01 > "$TMP/p.txt"
grep -q "In care full time  *3$" "$TMP/p.txt" || fail "three in care: $(cat "$TMP/p.txt")"
grep -q "Living in foster placements  *2$" "$TMP/p.txt" || fail "the marked PLACE counted as foster"
grep -q "Living in residential placements  *0$" "$TMP/p.txt" || fail "the marked PLACE guessed"
grep -q "^1 episode with PLACE marked invalid at import" "$TMP/p.txt" || fail "no note of the marked PLACE"
"$CAREPLEDGE" profile --db "$TMP/k.db" --at 2016-12-01 --format json > "$TMP/p.json" 2> "$TMP/p.err"
json_check "profile JSON is unchanged in form" "$TMP/p.json" 'type == "array"'
grep -q "^note: 1 episode with PLACE marked" "$TMP/p.err" || fail "no note beside the JSON"
# due, compliance and the scorecard say so too.
"$CAREPLEDGE" due --db "$TMP/k.db" --at 2016-12-01 > "$TMP/due.txt"
grep -q "^1 OC3 record with ACTIV marked invalid at import" "$TMP/due.txt" || fail "due: $(cat "$TMP/due.txt")"
"$CAREPLEDGE" compliance --db "$TMP/k.db" --from 2016-04-01 --to 2017-03-31 --format json \
  > "$TMP/c.json" 2> "$TMP/c.err"
json_check "compliance JSON" "$TMP/c.json" 'type == "array"'
grep -q "^note: 1 episode with REC marked" "$TMP/c.err" || fail "compliance: $(cat "$TMP/c.err")"
"$CAREPLEDGE" scorecard --db "$TMP/k.db" --year 2016/17 --years 0 > "$TMP/sc.txt"
grep -q "^1 episode with PLACE marked invalid at import" "$TMP/sc.txt" || fail "scorecard"
# Without marks nothing is said.
"$CAREPLEDGE" import --db "$TMP/clean.db" "$fx/corrected" "$fx/2017-18" > /dev/null
"$CAREPLEDGE" profile --db "$TMP/clean.db" --at 2016-12-01 > "$TMP/clean.txt"
grep -q "marked" "$TMP/clean.txt" && fail "a note without marks"
"$CAREPLEDGE" due --db "$TMP/clean.db" --at 2016-12-01 --format json 2> "$TMP/clean.err" > /dev/null
[ ! -s "$TMP/clean.err" ] || fail "a note without marks: $(cat "$TMP/clean.err")"

# The corrected return clears the marks, all or nothing, in one import.
"$CAREPLEDGE" import --db "$TMP/k.db" "$fx/corrected" > /dev/null
expect_eq "marks cleared" 0 "$(db_count "$TMP/k.db" value_marks)"
expect_eq "PLACE corrected" "U4" "$(sqlite3 "$TMP/k.db" "SELECT place FROM episodes WHERE child = 'F01'")"
diff <(db_dump "$TMP/k.db") <(db_dump "$TMP/clean.db") > /dev/null ||
  fail "corrected history differs from one imported clean"

# Structural faults refuse the whole import even with the flag: an
# unparseable date, a ragged row, an unknown table, a missing key.
refused_with_flag() { # WHAT MESSAGE
  local status=0
  "$CAREPLEDGE" import --keep-invalid --db "$TMP/bad.db" "$TMP/bad" > /dev/null 2> "$TMP/bad.err" ||
    status=$?
  expect_eq "$1 refused with --keep-invalid" 2 "$status"
  grep -qF "$2" "$TMP/bad.err" || fail "$1: $(cat "$TMP/bad.err")"
  expect_eq "nothing imported with $1" 0 "$(db_count "$TMP/bad.db" episodes)"
}
fresh_copy() {
  rm -rf "$TMP/bad" "$TMP/bad.db"
  mkdir -p "$TMP/bad/2016-17"
  cp "$fx/2016-17"/*.csv "$TMP/bad/2016-17/"
}
fresh_copy
sed -i 's#^F02,10/06/2016#F02,10/13/2016#' "$TMP/bad/2016-17/episodes.csv"
refused_with_flag "a bad date" "DECOM: '10/13/2016' is not a valid date"
fresh_copy
echo "F05,01/01/2017,S" >> "$TMP/bad/2016-17/episodes.csv"
refused_with_flag "a ragged row" "the row has 3 fields but the Episodes header has 13"
fresh_copy
printf 'CHILD,DECOM,NOT_A_903_FIELD\nF01,01/05/2016,S\n' > "$TMP/bad/2016-17/unknown.csv"
refused_with_flag "an unknown table" "unknown.csv"
fresh_copy
sed -i 's#^F02,10/06/2016#F02,#' "$TMP/bad/2016-17/episodes.csv"
refused_with_flag "a missing key" "DECOM: missing; this field identifies the record"

# A reason that is a junk code keeps its one mark, with the value as given
# (its blank stored value does not make a second, cross-field mark).
fresh_copy
sed -i 's#^F03,15/09/2016,S,C2,N1,U3,PR1,01/03/2017,,#F03,15/09/2016,S,C2,N1,U3,PR1,01/03/2017,E99,#' \
  "$TMP/bad/2016-17/episodes.csv"
"$CAREPLEDGE" import --keep-invalid --db "$TMP/e99.db" "$TMP/bad" > /dev/null
expect_eq "one mark on a junk REC" "E99|'E99' is not a valid REC code in 2016/17" \
  "$(sqlite3 "$TMP/e99.db" "SELECT value, message FROM value_marks WHERE child = 'F03'")"

# The 903 XML: the same faults, the same marks, the same database.
if [ -x "$convert" ]; then
  for y in 2016-17 2017-18; do
    mkdir -p "$TMP/xml/$y"
    "$convert" "$TMP/xml/$y/return.xml" "$fx/$y" || fail "convert $y"
  done
  "$CAREPLEDGE" import --db "$TMP/xno.db" "$TMP/xml" > /dev/null 2> "$TMP/xno.err" &&
    fail "XML with faults imported without --keep-invalid"
  grep -q "return.xml:[0-9]*:[0-9]*: EPISODE/PL: 'XX' is not a valid PLACE code in 2016/17" \
    "$TMP/xno.err" || fail "XML fault message: $(cat "$TMP/xno.err")"
  "$CAREPLEDGE" import --keep-invalid --db "$TMP/x.db" "$TMP/xml" > "$TMP/x.out"
  grep -q "return.xml:[0-9]*:[0-9]*: EPISODE/PL: 'XX'" "$TMP/x.out" || fail "XML mark report"
  diff <(db_dump "$TMP/x.db") "$TMP/k1.dump" > /dev/null || fail "CSV and XML give different databases"
else
  fail "csv_to_903xml not built next to $CAREPLEDGE"
fi
echo ok
