#!/usr/bin/env bash
# Files only their owner can read: whatever the umask, the database and its
# -wal and -shm files are made 0600, report folders 0700 and reports 0600.
. "$(dirname "$0")/lib.bash"

umask 022
# mode WHAT EXPECTED PATH
mode() {
  [ -e "$3" ] || fail "$1: $3 was not made"
  expect_eq "$1 ($3)" "$2" "$(stat -c %a "$3")"
}

db="$TMP/c.db"
"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" > /dev/null
mode database 600 "$db"
# A read leaves the -wal and -shm files of WAL mode beside the database.
"$CAREPLEDGE" profile --db "$db" --at 2010-03-31 > /dev/null
mode "database -wal" 600 "$db-wal"
mode "database -shm" 600 "$db-shm"

"$CAREPLEDGE" validate --db "$db" --year 2009/10 --out "$TMP/report" > /dev/null || true
mode "validate's report folder" 700 "$TMP/report"
for f in "$TMP"/report/*; do mode "validate report" 600 "$f"; done

"$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --format pdf --out "$TMP/card.pdf"
mode "scorecard PDF" 600 "$TMP/card.pdf"
"$CAREPLEDGE" due --db "$db" --at 2010-03-31 --format csv --out "$TMP/due.csv"
mode "due --out" 600 "$TMP/due.csv"
"$CAREPLEDGE" export --db "$db" --year 2009/10 --out "$TMP/export/2009-10" > /dev/null
mode "export folder" 700 "$TMP/export"
mode "export year folder" 700 "$TMP/export/2009-10"
for f in "$TMP"/export/2009-10/*; do mode "exported file" 600 "$f"; done
"$CAREPLEDGE" export --db "$db" --year 2009/10 --format xml --out "$TMP/xml" > /dev/null
for f in "$TMP"/xml/*; do mode "exported XML" 600 "$f"; done
echo "permissions: ok"
