#!/usr/bin/env bash
# Values marked at import (import --keep-invalid, docs/import.md) on
# PostgreSQL, under scripts/pg-test.sh (CAREPLEDGE_TEST_PG; skipped without
# it). PostgreSQL imports through its staging tables (store_stage.c), where
# whether a row was written is known only after the merge: the marks must
# still be stored, kept, cleared and left alone exactly as on SQLite. Each
# step runs on both and the marks are compared whole.
. "$(dirname "$0")/lib.bash"
[ -n "${CAREPLEDGE_TEST_PG:-}" ] || { echo "skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)"; exit 77; }
fx="$FIXTURES/faults"

name="pgmarks_$$"
later="pgmarks_later_$$"
psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" \
  -c "DROP DATABASE IF EXISTS $later" -c "CREATE DATABASE $later" 2> /dev/null
pg="${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$name?}"
pg_later="${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$later?}"
cleanup_pg() {
  psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS $name" -c "DROP DATABASE IF EXISTS $later" \
    2> /dev/null || true
  rm -rf "$TMP"
}
trap cleanup_pg EXIT

marks_sql="SELECT table_name || '|' || child || '|' || row_key || '|' || field || '|' || value || '|' || year || '|' || import_id FROM value_marks ORDER BY table_name, child, row_key, field"
pg_marks() { psql -qtA "$1" -c "$marks_sql"; }
lite_marks() { sqlite3 "$1" "$marks_sql"; }
place_sql="SELECT coalesce(place, '') FROM episodes WHERE child = 'F01'"

# import ARGS... on both databases; both must succeed.
both() {
  local lite=$1 server=$2
  shift 2
  "$CAREPLEDGE" import --db "$lite" "$@" > "$TMP/lite.out" 2>&1 || fail "SQLite import $*: $(cat "$TMP/lite.out")"
  "$CAREPLEDGE" import --db "$server" "$@" > "$TMP/pg.out" 2>&1 || fail "PostgreSQL import $*: $(cat "$TMP/pg.out")"
}

# The marked values are stored, as on SQLite.
both "$TMP/k.db" "$pg" --keep-invalid "$fx/2016-17" "$fx/2017-18"
expect_eq "marks on PostgreSQL" "episodes|F01|2016-05-01|PLACE|XX|2017|1
episodes|F03|2016-09-15|REC||2017|1
oc3|F04|2016/17|ACTIV|Q7|2017|1" "$(pg_marks "$pg")"
expect_eq "marks as on SQLite" "$(lite_marks "$TMP/k.db")" "$(pg_marks "$pg")"
expect_eq "PLACE stored as unknown" "" "$(psql -qtA "$pg" -c "$place_sql")"

# The same again: the marks keep their first import.
both "$TMP/k.db" "$pg" --keep-invalid "$fx/2016-17" "$fx/2017-18"
expect_eq "marks after the same import again" "$(lite_marks "$TMP/k.db")" "$(pg_marks "$pg")"
grep -q '|1$' <(pg_marks "$pg") || fail "marks lost their first import"
grep -q '|2$' <(pg_marks "$pg") && fail "marks moved to the second import"

# The corrected return clears them.
both "$TMP/k.db" "$pg" "$fx/corrected"
expect_eq "marks cleared on PostgreSQL" "" "$(pg_marks "$pg")"
expect_eq "marks cleared on SQLite" "" "$(lite_marks "$TMP/k.db")"
expect_eq "PLACE corrected" "U4" "$(psql -qtA "$pg" -c "$place_sql")"

# A marked row from an older return than the one stored is not written, and
# makes no mark: a later return (here 2017-18, resending F01's episode with a
# valid PLACE) stored first.
mkdir -p "$TMP/later/2017-18"
cp "$fx/2017-18"/*.csv "$TMP/later/2017-18/"
grep '^F01,' "$fx/corrected/2016-17/episodes.csv" >> "$TMP/later/2017-18/episodes.csv"
grep "^F01," "$fx/2016-17/header.csv" >> "$TMP/later/2017-18/header.csv"
both "$TMP/later.db" "$pg_later" "$fx/corrected" "$TMP/later/2017-18"
both "$TMP/later.db" "$pg_later" --keep-invalid "$fx/2016-17"
expect_eq "marks beside a later return" "$(lite_marks "$TMP/later.db")" "$(pg_marks "$pg_later")"
pg_marks "$pg_later" | grep -q '^episodes|F01|' && fail "a row not written was marked"
expect_eq "the later return's PLACE kept" "U4" "$(psql -qtA "$pg_later" -c "$place_sql")"
pg_marks "$pg_later" | grep -q '^episodes|F03|2016-09-15|REC|' || fail "the rows written are marked"
echo "pg_marks: ok"
