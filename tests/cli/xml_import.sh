# The 903 XML export: a synthetic ten-year history imported from its CSV
# tables and from the same tables written as one EXPSSDA903 document a year
# (with the local record templates still as CSV) gives the same database and
# the same profile, worklist and validation; importing the XML again changes
# nothing; `validate` reads an XML export as it reads the CSV tables.
. "$(dirname "$0")/lib.bash"
convert="$(dirname "$CAREPLEDGE")/csv_to_903xml"
[ -x "$convert" ] || fail "csv_to_903xml not built next to $CAREPLEDGE"
"$CAREPLEDGE" synth --children 600 --seed 7 --from 2017 --to 2026 --out "$TMP/csv" > /dev/null
tables="header episodes reviews uasc oc2 oc3 ad1 placed_adoption prev_perm missing sw_episodes dolo"
for year_dir in "$TMP"/csv/*/; do
  year=$(basename "$year_dir")
  mkdir -p "$TMP/xml/$year"
  "$convert" "$TMP/xml/$year/return-$year.xml" "$year_dir" || fail "convert $year"
  cp "$year_dir"/*.csv "$TMP/xml/$year/"
  for t in $tables; do rm -f "$TMP/xml/$year/$t.csv"; done
done
head -c 200 "$TMP/xml/2025-26/return-2025-26.xml" | grep -q "<EXPSSDA903>" || fail "no XML written"
[ ! -e "$TMP/xml/2025-26/episodes.csv" ] || fail "episodes.csv left beside the XML"

"$CAREPLEDGE" import --db "$TMP/csv.db" "$TMP/csv" > "$TMP/csv.out"
"$CAREPLEDGE" import --db "$TMP/xml.db" "$TMP/xml" > "$TMP/xml.out"
# The counts of rows by table agree (the file count differs: one XML a year).
diff <(tail -n +2 "$TMP/csv.out") <(tail -n +2 "$TMP/xml.out") || fail "the import reports differ"
db_dump "$TMP/csv.db" > "$TMP/csv.dump"
db_dump "$TMP/xml.db" > "$TMP/xml.dump"
cmp -s "$TMP/csv.dump" "$TMP/xml.dump" || fail "CSV and XML give different databases"
[ "$(db_count "$TMP/xml.db" episodes)" -gt 1000 ] || fail "too few episodes imported"

# Importing the XML again changes nothing.
"$CAREPLEDGE" import --db "$TMP/xml.db" "$TMP/xml" > /dev/null
db_dump "$TMP/xml.db" > "$TMP/again.dump"
cmp -s "$TMP/xml.dump" "$TMP/again.dump" || fail "a second XML import changed the database"

for cmd in "profile --at 2026-03-31 --format csv" "due --at 2026-03-31 --format csv" \
  "validate --year 2025/26"; do
  a=$("$CAREPLEDGE" $cmd --db "$TMP/csv.db" || true)
  b=$("$CAREPLEDGE" $cmd --db "$TMP/xml.db" || true)
  [ -n "$a" ] || fail "$cmd printed nothing"
  expect_eq "$cmd from CSV and from XML" "$a" "$b"
done

# validate reads the XML export of a year and last year's like the CSV tables.
a=$("$CAREPLEDGE" validate --year 2025/26 --prev "$TMP/csv/2024-25" --out "$TMP/vc" \
  "$TMP/csv/2025-26" || true)
b=$("$CAREPLEDGE" validate --year 2025/26 --prev "$TMP/xml/2024-25/return-2024-25.xml" \
  --out "$TMP/vx" "$TMP/xml/2025-26" || true)
expect_eq "validate of CSV and XML files" "$a" "$b"
cmp -s "$TMP/vc/error_summary.csv" "$TMP/vx/error_summary.csv" || fail "error summaries differ"

# The fixtures: the small CSV history as XML gives the same database; the
# one-line export with HEADER leaves for AD1 gives a row in each of its tables.
"$CAREPLEDGE" import --db "$TMP/small-csv.db" "$FIXTURES/small" > /dev/null
"$CAREPLEDGE" import --db "$TMP/small-xml.db" "$FIXTURES/xml/small" > /dev/null
cmp -s <(db_dump "$TMP/small-csv.db") <(db_dump "$TMP/small-xml.db") || fail "small fixture differs"
"$CAREPLEDGE" import --db "$TMP/inline.db" "$FIXTURES/xml/inline" > /dev/null
for t in header episodes reviews ad1 missing prev_perm oc2; do
  expect_eq "inline export: $t rows" 1 "$(db_count "$TMP/inline.db" $t)"
done
expect_eq "inline export: no UASC" 0 "$(db_count "$TMP/inline.db" uasc)"
expect_eq "inline export: PL and AD1 leaves" "A3|F1|L0|2016-01-01" \
  "$(sqlite3 "$TMP/inline.db" "SELECT e.place||'|'||a.sex_adoptr||'|'||a.ls_adoptr||'|'||a.date_int
     FROM episodes e JOIN ad1 a USING (child)")"
echo ok
