#!/usr/bin/env bash
# The import log's rows added, changed and unchanged per table
# (schema/sqlite/021_import_outcomes.sql) are the same on both drivers: SQLite
# counts them row by row as it upserts, PostgreSQL at its set-based merge
# (store_outcomes.c). The same imports run on a SQLite file and a PostgreSQL
# database (under scripts/pg-test.sh, CAREPLEDGE_TEST_PG; skipped without it):
# a first import, the same files again, a corrected return under a later one,
# and a ten-year history imported in two steps; `imports` must then say the
# same of every import on both, and what it says is checked too.
. "$(dirname "$0")/lib.bash"
[ -n "${CAREPLEDGE_TEST_PG:-}" ] || { echo "skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)"; exit 77; }
export PGOPTIONS="-c client_min_messages=warning"

# pg_db NAME: a new database on the cluster, as a connection string.
pg_db() {
  psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  echo "${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$1?}"
}
faults=$CAREPLEDGE_SOURCE_DIR/tests/fixtures/faults
lite=$TMP/faults.db
pg=$(pg_db pgimportlog_$$)
trap 'psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS pgimportlog_$$" -c "DROP DATABASE IF EXISTS pgimportlog_h_$$"; rm -rf "$TMP"' EXIT

# both ARGS...: the import on each database; both must succeed.
both() {
  "$CAREPLEDGE" import --db "$lite" "$@" > "$TMP/lite.out" 2>&1 || fail "SQLite import $*: $(cat "$TMP/lite.out")"
  "$CAREPLEDGE" import --db "$pg" "$@" > "$TMP/pg.out" 2>&1 || fail "PostgreSQL import $*: $(cat "$TMP/pg.out")"
}

# outcomes DB: per import, "rows|tables|added|changed|unchanged" (the log's
# first row of each import: these are the import's, not the file's).
outcomes() {
  "$CAREPLEDGE" imports --db "$1" --format json |
    jq -r 'group_by(.import) | .[] | .[0] | [.import, .rows, .tables, .added, .changed, .unchanged] | map(tostring) | join("|")'
}

# The four children with known faults (tests/fixtures/faults/README.md): the
# first import, the same files again, then the corrected 2016/17 return.
both --keep-invalid "$faults/2016-17" "$faults/2017-18"
both --keep-invalid "$faults/2016-17" "$faults/2017-18"
both "$faults/corrected"
outcomes "$lite" > "$TMP/lite.txt"
outcomes "$pg" > "$TMP/pg.txt"
diff "$TMP/lite.txt" "$TMP/pg.txt" > "$TMP/diff" || fail "the drivers' import logs differ (SQLite <, PostgreSQL >): $(cat "$TMP/diff")"
# Four children, five episodes and two OC3 rows (one a year): all added at
# first, all unchanged the second time; the corrected return puts right F01's
# and F03's episodes and F04's OC3 of 2016/17 (a per-year row), and its other
# rows are the same as stored, or a 2017/18 row kept over the 2016/17 one.
expect_eq "the log of the three imports" "1|13|episodes=5 header=6 oc3=2|episodes=5 header=4 oc3=2||
2|13|episodes=5 header=6 oc3=2|||episodes=5 header=4 oc3=2
3|9|episodes=4 header=4 oc3=1||episodes=2 oc3=1|episodes=2 header=4" "$(cat "$TMP/lite.txt")"

# A ten-year history in two steps: four years, then all ten (the first four
# again, unchanged, and six more, added, with the Header and the open
# episodes of the first four now sent again, the same or changed).
"$CAREPLEDGE" synth --out "$TMP/h" --children 150 --seed 3 --from 2017 --to 2026 > /dev/null
lite=$TMP/history.db
pg=$(pg_db pgimportlog_h_$$)
both "$TMP"/h/2016-17 "$TMP"/h/2017-18 "$TMP"/h/2018-19 "$TMP"/h/2019-20
both "$TMP/h"
outcomes "$lite" > "$TMP/lite.txt"
outcomes "$pg" > "$TMP/pg.txt"
diff "$TMP/lite.txt" "$TMP/pg.txt" > "$TMP/diff" || fail "the drivers' history logs differ (SQLite <, PostgreSQL >): $(cat "$TMP/diff")"
# What the log says adds up to what is stored: the keys added by both imports
# are every stored row of each table.
for t in header episodes reviews; do
  added=$(sed -n "s/.*[| ]$t=\([0-9]*\).*/\1/p" <(cut -d'|' -f4 "$TMP/lite.txt") | paste -sd+ | bc)
  expect_eq "$t: added in all = stored" "$(db_count "$lite" "$t")" "$added"
done
grep -q '^2|.*|.*|.*header=[0-9]' <(cut -d'|' -f1,4,5,6 "$TMP/lite.txt") || fail "the second step changed or kept no Header: $(cat "$TMP/lite.txt")"
echo "pg_import_log: ok ($(wc -l < "$TMP/lite.txt") imports alike; $(sed -n 2p "$TMP/lite.txt"))"
