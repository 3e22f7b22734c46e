#!/usr/bin/env bash
# An import on PostgreSQL checks each table and writes the tables already
# checked at once, on a thread of its own (service/import.c,
# check_and_write_at_once; docs/postgresql.md), under scripts/pg-test.sh
# (CAREPLEDGE_TEST_PG; skipped without it). Still one transaction:
# - a fault in the last table written, found after the writer has sent the
#   earlier tables (PostgreSQL's own count of the rows inserted into header
#   says it had), leaves the database exactly as it was, with SQLite's
#   messages, word for word and in the same order;
# - the connection killed while the writer waits in the middle of the
#   overlap (Header sent, the episodes held back by a lock) fails the import,
#   naming the lost connection, and leaves the database as it was;
# - with the fault mended, the same files import, with SQLite's report.
. "$(dirname "$0")/lib.bash"
[ -n "${CAREPLEDGE_TEST_PG:-}" ] || { echo "skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)"; exit 77; }

name="pgoverlap_$$"
psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" 2> /dev/null
pg="${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$name?}"
cleanup_pg() {
  psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" 2> /dev/null || true
  rm -rf "$TMP"
}
trap cleanup_pg EXIT
dump() {
  pg_dump -a "$pg" | grep -v -e '^--' -e '^$' -e '^.restrict' -e '^.unrestrict'
}

"$CAREPLEDGE" synth --out "$TMP/903" --seed 5 --children 4000 --from 2017 --to 2026 > /dev/null
"$CAREPLEDGE" user list --db "$pg" > /dev/null # the schema, committed before
dump > "$TMP/before.sql"

# ---- A fault in the last table written --------------------------------------
# Visit regimes are the last table in the order tables are written.
regimes="$TMP/903/2025-26/visit_regimes.csv"
cp "$regimes" "$TMP/regimes.csv"
child=$(sed -n 2p "$TMP/903/2025-26/header.csv" | cut -d, -f1)
echo "$child,31/02/2026,reg24_temporary_approval" >> "$regimes"
"$CAREPLEDGE" import --db "$TMP/lite.db" "$TMP/903" > "$TMP/lite.out" 2> "$TMP/lite.err" &&
  fail "SQLite imported a date that does not exist"
"$CAREPLEDGE" import --db "$pg" "$TMP/903" > "$TMP/pg.out" 2> "$TMP/pg.err" &&
  fail "PostgreSQL imported a date that does not exist"
grep -q "31/02/2026' is not a valid date" "$TMP/pg.err" || fail "the late fault: $(cat "$TMP/pg.err")"
cmp -s "$TMP/lite.err" "$TMP/pg.err" || fail "messages differ: $(diff "$TMP/lite.err" "$TMP/pg.err" | head -5)"
dump > "$TMP/after.sql"
cmp -s "$TMP/before.sql" "$TMP/after.sql" || fail "the refused import left rows: $(diff "$TMP/before.sql" "$TMP/after.sql" | head -5)"
# The writer had sent Header's rows before the fault was found: PostgreSQL
# counts the rows inserted by a transaction rolled back too. Its backend
# reports them as it ends, just after the import's process.
sent=0
for _ in $(seq 1 100); do
  sent=$(psql -At "$pg" -c "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'header'")
  [ "$sent" -gt 0 ] && break
  sleep 0.1
done
[ "$sent" -gt 0 ] || fail "no Header row was sent before the late fault was found"

# ---- The connection killed in the middle of the overlap -----------------------
cp "$TMP/regimes.csv" "$regimes"
# A lock on episodes holds the writer at its first statement on that table,
# after Header's rows were sent.
psql -q "$pg" -c "BEGIN" -c "LOCK TABLE episodes IN ACCESS EXCLUSIVE MODE" -c "SELECT pg_sleep(20)" \
  -c "COMMIT" > /dev/null 2>&1 &
holder=$!
for _ in $(seq 1 100); do
  [ "$(psql -At "$pg" -c "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
      WHERE c.relname = 'episodes' AND l.mode = 'AccessExclusiveLock' AND l.granted")" = 1 ] && break
  sleep 0.1
done
inserted() { psql -At "$pg" -c "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'header'"; }
sent_before=$(inserted)
"$CAREPLEDGE" import --db "$pg" "$TMP/903" > "$TMP/kill.out" 2> "$TMP/kill.err" &
importer=$!
terminated=""
for _ in $(seq 1 200); do
  terminated=$(psql -At "$pg" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE datname = '$name' AND wait_event_type = 'Lock' AND query LIKE '%episodes%'
      AND pid <> pg_backend_pid()")
  [ -n "$terminated" ] && break
  sleep 0.05
done
psql -q "$CAREPLEDGE_TEST_PG" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
  WHERE datname = '$name' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()" > /dev/null
wait $holder || true
[ "$terminated" = t ] || fail "the import never waited for episodes"
wait $importer && fail "an import whose connection was killed succeeded: $(cat "$TMP/kill.out")"
grep -q -i "terminat\|server closed the connection\|connection" "$TMP/kill.err" ||
  fail "the import killed in the overlap says: $(cat "$TMP/kill.err")"
grep -q "import failed: 1 problem; nothing was imported" "$TMP/kill.err" ||
  fail "the import killed in the overlap says: $(cat "$TMP/kill.err")"
for _ in $(seq 1 100); do
  [ "$(inserted)" -gt "$sent_before" ] && break
  sleep 0.1
done
[ "$(inserted)" -gt "$sent_before" ] || fail "the import was killed before it sent Header's rows"
dump > "$TMP/after.sql"
cmp -s "$TMP/before.sql" "$TMP/after.sql" || fail "the killed import left rows: $(diff "$TMP/before.sql" "$TMP/after.sql" | head -5)"

# ---- Mended: the same report as SQLite's -------------------------------------
"$CAREPLEDGE" import --db "$TMP/lite.db" "$TMP/903" > "$TMP/lite.out" 2> "$TMP/lite.err" ||
  fail "SQLite: $(cat "$TMP/lite.err")"
"$CAREPLEDGE" import --db "$pg" "$TMP/903" > "$TMP/pg.out" 2> "$TMP/pg.err" ||
  fail "PostgreSQL: $(cat "$TMP/pg.err")"
cmp -s "$TMP/lite.out" "$TMP/pg.out" || fail "reports differ: $(diff "$TMP/lite.out" "$TMP/pg.out" | head -5)"
cmp -s "$TMP/lite.err" "$TMP/pg.err" || fail "warnings differ: $(diff "$TMP/lite.err" "$TMP/pg.err" | head -5)"
expect_eq "episodes on both" "$(db_count "$TMP/lite.db" episodes)" \
  "$(psql -At "$pg" -c "SELECT count(*) FROM episodes")"
