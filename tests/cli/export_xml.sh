#!/usr/bin/env bash
# export --format xml: every year's return of a synthetic history written as
# one EXPSSDA903 file each, imported into an empty database, gives the same
# data: the CSV exports of both databases are byte-identical, year by year.
. "$(dirname "$0")/lib.bash"

"$CAREPLEDGE" synth --out "$TMP/h" --children 200 --seed 23 --from 2022 --to 2027 > /dev/null
"$CAREPLEDGE" import --db "$TMP/a.db" "$TMP/h" > /dev/null
years="2021-22 2022-23 2023-24 2024-25 2025-26 2026-27"
for y in $years; do
  # Each year in a folder named by it, which tells the import the year.
  "$CAREPLEDGE" export --db "$TMP/a.db" --year "${y/-//}" --format xml --out "$TMP/xml/$y" \
    > "$TMP/out"
  grep -qx "wrote the ${y/-//} return to $TMP/xml/$y/ssda903-$y.xml" <(head -1 "$TMP/out") ||
    fail "summary: $(cat "$TMP/out")"
done
[ "$(ls "$TMP"/xml/*/*.xml | wc -l)" -eq 6 ] || fail "one XML file a year: $(ls -R "$TMP/xml")"
last="$TMP/xml/2026-27/ssda903-2026-27.xml"
head -2 "$last" | tail -1 | grep -qx "<EXPSSDA903>" || fail "not an EXPSSDA903"
[ "$(grep -c "<EPISODE>" "$last")" -gt 50 ] ||
  fail "too few episodes to mean anything"

"$CAREPLEDGE" import --db "$TMP/b.db" "$TMP/xml" > "$TMP/import" || fail "import: $(cat "$TMP/import")"
grep -q "collection years 2021/22 to 2026/27" "$TMP/import" || fail "import: $(cat "$TMP/import")"
for y in $years; do
  "$CAREPLEDGE" export --db "$TMP/a.db" --year "${y/-//}" --out "$TMP/ca/$y" > /dev/null
  "$CAREPLEDGE" export --db "$TMP/b.db" --year "${y/-//}" --out "$TMP/cb/$y" > /dev/null
done
diff -r "$TMP/ca" "$TMP/cb" > "$TMP/diff" || fail "CSV exports differ: $(head -5 "$TMP/diff")"

# A second import of the same XML changes nothing.
before=$(db_dump "$TMP/b.db")
"$CAREPLEDGE" import --db "$TMP/b.db" "$TMP/xml" > /dev/null
[ "$before" = "$(db_dump "$TMP/b.db")" ] || fail "a second XML import changed the database"

# A format that is not one is refused before anything is read.
"$CAREPLEDGE" export --db "$TMP/a.db" --year 2026/27 --format json --out "$TMP/j" 2> "$TMP/err" &&
  fail "--format json accepted"
[ ! -e "$TMP/j" ] || fail "a refused export wrote $TMP/j"
echo ok
