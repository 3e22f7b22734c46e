#!/usr/bin/env bash
# The import log (schema/sqlite/005_import_log.sql): each import that commits
# is recorded with who ran it, when, every file with its size and SHA-256, and
# the rows per table (read, added, changed and unchanged:
# tests/cli/pg_import_log.sh has more of these, on both drivers); one that
# fails leaves no entry.
. "$(dirname "$0")/lib.bash"
db="$TMP/log.db"
"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" > /dev/null
"$CAREPLEDGE" import --db "$db" "$FIXTURES/xml/small" > /dev/null
expect_eq "two imports" 2 "$(db_count "$db" imports)"
expect_eq "who ran it" "$(id -un)" "$(sqlite3 "$db" 'SELECT DISTINCT actor FROM imports')"
sqlite3 "$db" 'SELECT imported_at FROM imports' |
  grep -Eqx '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z' || fail "imported_at"
expect_eq "first import: files, rows, years" "3|10|2010|2010" \
  "$(sqlite3 "$db" 'SELECT files, rows, first_year, last_year FROM imports WHERE id = 1')"
for f in header episodes oc3; do
  path="$FIXTURES/small/2009-10/$f.csv"
  expect_eq "$f.csv size and digest" "$(stat -c %s "$path")|$(sha256sum "$path" | cut -d' ' -f1)" \
    "$(sqlite3 "$db" "SELECT size, sha256 FROM import_files WHERE path = '$path'")"
done
expect_eq "rows per table" "episodes|5 header|4 oc3|1" \
  "$(sqlite3 "$db" "SELECT table_name, rows FROM import_rows WHERE import_id = 1 ORDER BY 1" |
    tr '\n' ' ' | sed 's/ $//')"
xml="$FIXTURES/xml/small/2009-10/return.xml"
expect_eq "the XML file" "1|$(sha256sum "$xml" | cut -d' ' -f1)" \
  "$(sqlite3 "$db" "SELECT i.files, f.sha256 FROM imports i JOIN import_files f ON f.import_id = i.id
                    WHERE i.id = 2")"

# A refused import is not logged.
"$CAREPLEDGE" import --db "$db" "$CAREPLEDGE_SOURCE_DIR/tests/bad-input/27-xml-bad-code/data" \
  > /dev/null 2>&1 && fail "a bad file was imported"
expect_eq "still two imports" 2 "$(db_count "$db" imports)"

# `imports` lists the log: a row per file of each import.
"$CAREPLEDGE" imports --db "$db" --format csv > "$TMP/imports.csv"
expect_eq "imports header" \
  "import,imported_at,actor,rows,tables,added,changed,unchanged,file,size,sha256,marks" \
  "$(head -1 "$TMP/imports.csv")"
expect_eq "a row per file" 4 "$(tail -n +2 "$TMP/imports.csv" | wc -l)"
# The XML return holds the same rows as the CSV files: every key unchanged.
grep -q "^2,.*,10,episodes=5 header=4 oc3=1,,,episodes=5 header=4 oc3=1,$xml,$(stat -c %s "$xml"),$(sha256sum "$xml" | cut -d' ' -f1),\$" \
  "$TMP/imports.csv" || fail "the XML import's row: $(cat "$TMP/imports.csv")"
expect_eq "the first import added every key" "episodes=5 header=4 oc3=1||" \
  "$(awk -F, '$1 == 1 { print $6 "|" $7 "|" $8; exit }' "$TMP/imports.csv")"
expect_eq "rows added, changed, unchanged as stored" "episodes|5|0|0 header|4|0|0 oc3|1|0|0" \
  "$(sqlite3 "$db" "SELECT table_name, added, changed, unchanged FROM import_outcomes WHERE import_id = 1
                    ORDER BY 1" | tr '\n' ' ' | sed 's/ $//')"
"$CAREPLEDGE" imports --db "$db" --format json > "$TMP/imports.json"
json_check "imports JSON" "$TMP/imports.json" 'length == 4 and .[1].file != null and .[0].import == 1'
"$CAREPLEDGE" imports --db "$db" | grep -q "return.xml" || fail "text lists the XML file"
"$CAREPLEDGE" imports --db "$TMP/none.db" > /dev/null 2> "$TMP/err" && fail "no database accepted"
grep -q "no database at" "$TMP/err" || fail "missing db message: $(cat "$TMP/err")"
[ ! -e "$TMP/none.db" ] || fail "imports created a database"
echo ok
