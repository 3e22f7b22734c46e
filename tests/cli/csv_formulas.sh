#!/usr/bin/env bash
# CSV outputs are safe in a spreadsheet: a cell that begins with =, +, -, @,
# a tab or a carriage return is written with a single quote in front (OWASP,
# "CSV Injection"), in leavers, due, compliance, profile, imports, scorecard
# and validate's reports, unless --csv-raw asks for cells as they are.
# Numbers such as -3 are written as they are.
. "$(dirname "$0")/lib.bash"

# A return whose child A001 is called "=1+2" (validate reads it as it is;
# CHILD ids are not limited to letters and digits by the 903).
mkdir -p "$TMP/in/2009-10"
for f in "$FIXTURES"/small/2009-10/*.csv; do
  sed 's/^A001,/=1+2,/' "$f" > "$TMP/in/2009-10/$(basename "$f")"
done

# no_live_formula WHAT FILE: no cell of the CSV begins with "=1+2".
no_live_formula() {
  grep -q "'=1+2" "$2" || fail "$1: the child is missing or not neutralised: $(head -5 "$2")"
  ! grep -q -e '^=1+2' -e ',=1+2' "$2" || fail "$1: a live formula: $(grep -e '=1+2' "$2" | head -3)"
}

"$CAREPLEDGE" validate --year 2009/10 --out "$TMP/report" --format csv "$TMP/in/2009-10" \
  > "$TMP/validate.csv" || true
for f in issue_locations.csv child_summary.csv; do
  no_live_formula "validate $f" "$TMP/report/$f"
done
no_live_formula "validate --format csv" "$TMP/validate.csv"

db="$TMP/c.db"
if "$CAREPLEDGE" import --db "$db" "$TMP/in" > /dev/null 2> "$TMP/import.err"; then
  "$CAREPLEDGE" leavers --db "$db" --at 2010-03-31 --format csv > "$TMP/leavers.csv"
  "$CAREPLEDGE" due --db "$db" --at 2010-03-31 --format csv > "$TMP/due.csv"
  no_live_formula leavers "$TMP/leavers.csv"
  no_live_formula due "$TMP/due.csv"
  "$CAREPLEDGE" due --db "$db" --at 2010-03-31 --format csv --csv-raw > "$TMP/due.raw"
  grep -q '^=1+2,' "$TMP/due.raw" || fail "due --csv-raw changed the cell: $(head -3 "$TMP/due.raw")"
else
  # The import refuses such an id (its CHILD check): nothing can reach the
  # outputs of a database.
  grep -q "CHILD" "$TMP/import.err" || fail "import: $(cat "$TMP/import.err")"
fi

# Ordinary data is written as before (numbers such as -3: tests/unit/test_render_csv.c).
"$CAREPLEDGE" import --db "$TMP/n.db" "$FIXTURES/small" > /dev/null
"$CAREPLEDGE" due --db "$TMP/n.db" --at 2009-06-01 --format csv > "$TMP/due2.csv"
"$CAREPLEDGE" due --db "$TMP/n.db" --at 2009-06-01 --format csv --csv-raw > "$TMP/due2.raw"
cmp -s "$TMP/due2.csv" "$TMP/due2.raw" || fail "ordinary cells changed"
echo "csv_formulas: ok"
