#!/usr/bin/env bash
# The PostgreSQL driver (store/pg.c) end to end, under scripts/pg-test.sh
# (CAREPLEDGE_TEST_PG; skipped without it): the web server's sign-in, views
# and audit chain on PostgreSQL; `migrate` SQLite -> PostgreSQL -> SQLite with
# nothing lost; and the faults: a wrong connection string, a refused
# connection, a database of a newer schema, a role without rights, a target
# that holds data, and a server connection killed in the middle of an import,
# which leaves the database as it was.
. "$(dirname "$0")/lib.bash"
[ -n "${CAREPLEDGE_TEST_PG:-}" ] || { echo "skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)"; exit 77; }
command -v curl > /dev/null || fail "curl is needed (scripts/install-deps.sh)"

# pg_db NAME: a new, empty database on the test server; prints its URL.
pg_db() {
  local name="pgstore_$1_$$"
  psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" 2> /dev/null
  echo "${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$name?}"
}

# serve_session DB: signs in as mgr and views one child, so the audit log
# gains rows; the server then stops.
serve_session() {
  "$CAREPLEDGE" serve --db "$1" --listen 127.0.0.1:0 --threads 2 > "$TMP/serve.log" 2>&1 &
  local server=$! port="" api
  for _ in $(seq 1 600); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$TMP/serve.log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || fail "serve did not start on $1: $(cat "$TMP/serve.log")"
  api="http://127.0.0.1:$port/api/v1"
  curl -s -c "$TMP/jar" -H 'Content-Type: application/json' \
    -d '{"username": "mgr", "password": "a password for the test"}' "$api/session" > "$TMP/in.json"
  json_check "sign in" "$TMP/in.json" '.data.role == "manager"'
  curl -s -b "$TMP/jar" "$api/worklist?at=2010-03-31&overdue=1" > "$TMP/work.json"
  local child
  child=$(jq -r '.data[0].child' "$TMP/work.json")
  curl -s -b "$TMP/jar" "$api/children/$child?at=2010-03-31" > "$TMP/child.json"
  json_check "child" "$TMP/child.json" '.data.id == $c' --arg c "$child"
  kill -TERM $server
  wait $server || fail "serve did not stop cleanly"
}

audit_rows() { "$CAREPLEDGE" audit verify --db "$1" | sed -n 's/^audit log intact: \([0-9]*\) rows$/\1/p'; }

# ---- A SQLite history with users and an audit chain, copied both ways ----------
"$CAREPLEDGE" synth --out "$TMP/903" --profile dorset-2010 --seed 7 --children 80 > /dev/null
"$CAREPLEDGE" import --db "$TMP/a.db" "$TMP/903" > /dev/null
echo "a password for the test" | "$CAREPLEDGE" user add mgr --role manager --password-stdin --db "$TMP/a.db"
serve_session "$TMP/a.db"
rows_a=$(audit_rows "$TMP/a.db")
[ "${rows_a:-0}" -gt 0 ] || fail "no audit rows on SQLite"

pg=$(pg_db trip)
"$CAREPLEDGE" migrate --from "$TMP/a.db" --to "$pg" > "$TMP/m1.txt" || fail "migrate to PostgreSQL: $(cat "$TMP/m1.txt")"
grep -q "^copied [0-9]* rows of [0-9]* tables$" "$TMP/m1.txt" || fail "migrate says: $(cat "$TMP/m1.txt")"
expect_eq "audit chain on PostgreSQL" "$rows_a" "$(audit_rows "$pg")"
"$CAREPLEDGE" migrate --from "$pg" --to "$TMP/b.db" > /dev/null || fail "migrate back to SQLite"
sqlite3 "$TMP/a.db" .dump > "$TMP/a.dump"
sqlite3 "$TMP/b.db" .dump > "$TMP/b.dump"
cmp -s "$TMP/a.dump" "$TMP/b.dump" || fail "SQLite -> PostgreSQL -> SQLite changed the database: $(diff "$TMP/a.dump" "$TMP/b.dump" | head -5)"
for cmd in "scorecard --year 2009/10" "due --at 2010-03-31" "imports" "user list"; do
  # shellcheck disable=SC2086
  "$CAREPLEDGE" $cmd --db "$TMP/a.db" > "$TMP/on_a.txt"
  # shellcheck disable=SC2086
  "$CAREPLEDGE" $cmd --db "$pg" > "$TMP/on_pg.txt"
  cmp -s "$TMP/on_a.txt" "$TMP/on_pg.txt" || fail "$cmd differs on PostgreSQL: $(diff "$TMP/on_a.txt" "$TMP/on_pg.txt" | head -5)"
done

# The web server on PostgreSQL: sign-in, views, and the chain grows intact.
serve_session "$pg"
rows_pg=$(audit_rows "$pg")
[ "${rows_pg:-0}" -gt "$rows_a" ] || fail "the server on PostgreSQL audited nothing ($rows_pg rows)"

# ---- Faults, each with a message naming what is wrong --------------------------
expect_fail() { # WHAT PATTERN CMD...
  local what=$1 pattern=$2
  shift 2
  "$@" > "$TMP/out.txt" 2> "$TMP/err.txt" && fail "$what: succeeded"
  grep -q -- "$pattern" "$TMP/err.txt" || fail "$what: $(cat "$TMP/err.txt")"
}
expect_fail "a wrong connection string" "not a valid PostgreSQL connection string" \
  "$CAREPLEDGE" due --at 2010-03-31 --db "postgresql://localhost/x?colour=blue"
expect_fail "a refused connection" "cannot connect to PostgreSQL" \
  "$CAREPLEDGE" due --at 2010-03-31 --db "postgresql://carer:secret@127.0.0.1:1/x?connect_timeout=2"
grep -q secret "$TMP/err.txt" && fail "the password was shown: $(cat "$TMP/err.txt")"
grep -q 'carer:\*\*\*@' "$TMP/err.txt" || fail "the target is not named: $(cat "$TMP/err.txt")"
expect_fail "an unknown service" "cannot connect to PostgreSQL" \
  "$CAREPLEDGE" due --at 2010-03-31 --db "postgres:no_such_service"

newer=$(pg_db newer)
"$CAREPLEDGE" migrate --from "$TMP/a.db" --to "$newer" > /dev/null
psql -q "${newer}" -c "INSERT INTO schema_migrations VALUES (999, 'schema/postgresql/999_future.sql', '2030-01-01T00:00:00Z')"
expect_fail "a newer schema" "newer than this program's" "$CAREPLEDGE" due --at 2010-03-31 --db "$newer"
expect_fail "a newer schema (import)" "newer than this program's" "$CAREPLEDGE" import --db "$newer" "$TMP/903"

psql -q "$CAREPLEDGE_TEST_PG" -c "DROP ROLE IF EXISTS pgstore_nobody" -c "CREATE ROLE pgstore_nobody LOGIN" 2> /dev/null
nobody=${pg/user=postgres/user=pgstore_nobody}
expect_fail "a role without rights" "permission denied" "$CAREPLEDGE" due --at 2010-03-31 --db "$nobody"
expect_fail "a role without rights (import)" "permission denied" "$CAREPLEDGE" import --db "$nobody" "$TMP/903"

expect_fail "a target holding data" "already holds data" \
  "$CAREPLEDGE" migrate --from "$TMP/a.db" --to "$pg"
expect_fail "the same database twice" "same database" \
  "$CAREPLEDGE" migrate --from "$pg" --to "$pg"

# ---- The server goes away in the middle of an import: nothing half-imported ----
killed=$(pg_db killed)
"$CAREPLEDGE" import --db "$killed" "$TMP/903" > /dev/null
pg_dump -a "$killed" | grep -v -e '^--' -e '^$' -e '^.restrict' -e '^.unrestrict' > "$TMP/before.sql"
"$CAREPLEDGE" synth --out "$TMP/big" --seed 3 --children 20000 --from 2016 --to 2026 > /dev/null
# kill_import WHAT PATTERN [NOT]: imports the big history and terminates its server
# connection while a statement LIKE PATTERN (and NOT LIKE NOT) runs (the COPY, then
# the merge); the import must fail and leave the database as it was.
kill_import() {
  "$CAREPLEDGE" import --db "$killed" "$TMP/big" > "$TMP/kill.out" 2> "$TMP/kill.err" &
  local importer=$! terminated=""
  for _ in $(seq 1 1200); do
    terminated=$(psql -At "$CAREPLEDGE_TEST_PG" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = '$killed_name' AND query LIKE '$2' AND query NOT LIKE '${3:-}'
        AND pid <> pg_backend_pid()")
    [ -n "$terminated" ] && break
    sleep 0.05
  done
  [ "$terminated" = t ] || fail "the import's $1 was never seen running"
  wait $importer && fail "an import whose connection was killed in its $1 succeeded: $(cat "$TMP/kill.out")"
  grep -q -i "terminat\|server closed the connection\|connection" "$TMP/kill.err" || fail "import killed in its $1 says: $(cat "$TMP/kill.err")"
  pg_dump -a "$killed" | grep -v -e '^--' -e '^$' -e '^.restrict' -e '^.unrestrict' > "$TMP/after.sql"
  cmp -s "$TMP/before.sql" "$TMP/after.sql" || fail "the import killed in its $1 left rows behind: $(diff "$TMP/before.sql" "$TMP/after.sql" | head -5)"
}
killed_name=pgstore_killed_$$
kill_import COPY 'COPY%'
kill_import merge 'INSERT INTO % SELECT %'
# A first import copies its rows straight into the empty tables (store_stage.c,
# "Straight into an empty table"): killed in that COPY, it leaves them empty.
killed=$(pg_db empty) killed_name=pgstore_empty_$$
"$CAREPLEDGE" user list --db "$killed" > /dev/null # the schema, committed before
pg_dump -a "$killed" | grep -v -e '^--' -e '^$' -e '^.restrict' -e '^.unrestrict' > "$TMP/before.sql"
kill_import "COPY into an empty table" 'COPY %' 'COPY stage\_%'

# ---- A re-import rewrites only the rows that changed ---------------------------
# The merge inserts where it can and updates a stored row only when a column
# differs (src/store/store_stage.c): one changed Header row is the only row
# version the second import writes, and the same files again write none.
merged=$(pg_db merged)
"$CAREPLEDGE" import --db "$merged" "$TMP/903" > /dev/null
versions() { # every stored row of the history's tables, with the transaction that wrote it
  local t
  for t in header episodes reviews; do
    psql -At "$merged" -c "SELECT '$t', child, xmin::text FROM $t ORDER BY 2, 3"
  done
}
versions > "$TMP/v1.txt"
cp -r "$TMP/903" "$TMP/903b"
last=$(ls -d "$TMP/903b"/*/ | sort | tail -1)
changed=$(sed -n '2s/,.*//p' "$last/header.csv")
sed -i "2s/,WBRI,/,WIRI,/" "$last/header.csv"
grep -q "^$changed,.*,WIRI," "$last/header.csv" || fail "the test's edit of $last/header.csv did not take"
"$CAREPLEDGE" import --db "$merged" "$TMP/903b" > /dev/null || fail "re-import with one change"
expect_eq "the changed Header row stored" WIRI "$(psql -At "$merged" -c "SELECT ethnic FROM header WHERE child = '$changed'")"
versions > "$TMP/v2.txt"
expect_eq "row versions written by a re-import with one change" "header|$changed" \
  "$(diff "$TMP/v1.txt" "$TMP/v2.txt" | sed -n 's/^> \([a-z]*|[^|]*\)|.*/\1/p')"
"$CAREPLEDGE" import --db "$merged" "$TMP/903b" > /dev/null || fail "re-import of the same files"
versions > "$TMP/v3.txt"
cmp -s "$TMP/v2.txt" "$TMP/v3.txt" || fail "importing the same files again rewrote rows: $(diff "$TMP/v2.txt" "$TMP/v3.txt" | head -3)"
echo "pg_store: ok ($rows_a audit rows on SQLite, $rows_pg after serving on PostgreSQL)"
