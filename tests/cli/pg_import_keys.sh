#!/usr/bin/env bash
# A first import on PostgreSQL builds each empty table's primary key after
# its rows are in (store_stage.c, "Keys built after the rows";
# docs/postgresql.md), under scripts/pg-test.sh (CAREPLEDGE_TEST_PG; skipped
# without it):
# - an import refused for a fault found after tables were written (their
#   keys dropped and built again) leaves the schema and the rows exactly as
#   they were;
# - a successful one leaves the same schema as before, every key in place
#   with its name and definition, the keys of the tables it wrote built anew
#   (a new index), and the same rows as SQLite;
# - a table another connection is reading keeps its key (the import does not
#   wait for the reader, nor deadlock with it), and the import still succeeds;
# - a role allowed to write the rows (and to create in the schema, as
#   opening the store asks) but not to alter the tables keeps every
#   key and still imports;
# - an import onto stored rows leaves the keys alone.
. "$(dirname "$0")/lib.bash"
[ -n "${CAREPLEDGE_TEST_PG:-}" ] || { echo "skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)"; exit 77; }

name="pgkeys_$$"
role="pgkeys_loader_$$"
new_db() {
  psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" 2> /dev/null
}
pg="${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$name?}"
cleanup_pg() {
  psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "DROP ROLE IF EXISTS $role" \
    > /dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup_pg EXIT
schema() { pg_dump -s "$pg" | grep -v -e '^--' -e '^$' -e '^.restrict' -e '^.unrestrict'; }
rows() { pg_dump -a "$pg" | grep -v -e '^--' -e '^$' -e '^.restrict' -e '^.unrestrict'; }
# index_of TABLE: the OID of the table's primary key index
index_of() {
  psql -At "$pg" -c "SELECT conindid FROM pg_constraint WHERE conrelid = '$1'::regclass AND contype = 'p'"
}
tables="header episodes reviews visits pa_contacts visit_regimes"
indexes() { for t in $tables; do echo "$t $(index_of "$t")"; done; }

"$CAREPLEDGE" synth --out "$TMP/903" --seed 7 --children 600 --from 2022 --to 2026 > /dev/null
"$CAREPLEDGE" import --db "$TMP/lite.db" "$TMP/903" > "$TMP/lite.out" 2> "$TMP/lite.err" ||
  fail "SQLite: $(cat "$TMP/lite.err")"

# ---- A fault after the keys were set aside ------------------------------------
new_db
"$CAREPLEDGE" user list --db "$pg" > /dev/null # the schema, committed before
schema > "$TMP/schema.sql"
rows > "$TMP/rows.sql"
indexes > "$TMP/indexes.before"
regimes="$TMP/903/2025-26/visit_regimes.csv" # the last table written
cp "$regimes" "$TMP/regimes.csv"
child=$(sed -n 2p "$TMP/903/2025-26/header.csv" | cut -d, -f1)
echo "$child,31/02/2026,reg24_temporary_approval" >> "$regimes"
"$CAREPLEDGE" import --db "$pg" "$TMP/903" > "$TMP/pg.out" 2> "$TMP/pg.err" &&
  fail "PostgreSQL imported a date that does not exist"
grep -q "31/02/2026' is not a valid date" "$TMP/pg.err" || fail "the late fault: $(cat "$TMP/pg.err")"
schema | cmp -s "$TMP/schema.sql" - || fail "the refused import changed the schema: $(schema | diff "$TMP/schema.sql" - | head -5)"
rows | cmp -s "$TMP/rows.sql" - || fail "the refused import left rows"
indexes | cmp -s "$TMP/indexes.before" - || fail "the refused import left new keys: $(indexes | diff "$TMP/indexes.before" -)"
cp "$TMP/regimes.csv" "$regimes"

# ---- A first import: the keys built after the rows -----------------------------
"$CAREPLEDGE" import --db "$pg" "$TMP/903" > "$TMP/pg.out" 2> "$TMP/pg.err" || fail "PostgreSQL: $(cat "$TMP/pg.err")"
cmp -s "$TMP/lite.out" "$TMP/pg.out" || fail "reports differ: $(diff "$TMP/lite.out" "$TMP/pg.out" | head -5)"
schema | cmp -s "$TMP/schema.sql" - || fail "the import changed the schema: $(schema | diff "$TMP/schema.sql" - | head -5)"
while read -r t was; do
  now=$(index_of "$t")
  [ -n "$now" ] || fail "$t has no primary key after the import"
  [ "$now" != "$was" ] || fail "$t's key was not built after its rows (index $was kept)"
done < "$TMP/indexes.before"
expect_eq "visits on both" "$(db_count "$TMP/lite.db" visits)" "$(psql -At "$pg" -c "SELECT count(*) FROM visits")"
# The key refuses a repeated key, as it did before.
key=$(psql -At "$pg" -c "SELECT child || ',' || visit_date FROM visits LIMIT 1")
psql -q "$pg" -c "INSERT INTO visits (child, visit_date, source_year) VALUES ('${key%,*}', '${key#*,}', 2026)" \
  > /dev/null 2>&1 && fail "visits took a second row of one key after the import"

# ---- Onto stored rows: the keys stay -----------------------------------------
indexes > "$TMP/indexes.stored"
"$CAREPLEDGE" import --db "$pg" "$TMP/903/2025-26" > /dev/null 2> "$TMP/again.err" || fail "again: $(cat "$TMP/again.err")"
indexes | cmp -s "$TMP/indexes.stored" - || fail "an import onto stored rows rebuilt keys: $(indexes | diff "$TMP/indexes.stored" -)"

# ---- A reader in visits: its key stays, and nobody waits -------------------------
new_db
"$CAREPLEDGE" user list --db "$pg" > /dev/null
indexes > "$TMP/indexes.before"
psql -q "$pg" -c "BEGIN" -c "SELECT count(*) FROM visits" -c "SELECT pg_sleep(60)" -c "COMMIT" > /dev/null 2>&1 &
reader=$!
for _ in $(seq 1 100); do
  [ "$(psql -At "$pg" -c "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
      WHERE c.relname = 'visits' AND l.mode = 'AccessShareLock' AND l.granted")" -ge 1 ] && break
  sleep 0.1
done
timeout 50 "$CAREPLEDGE" import --db "$pg" "$TMP/903" > "$TMP/pg.out" 2> "$TMP/pg.err" ||
  fail "the import beside a reader: $(cat "$TMP/pg.err")"
kill -0 "$reader" 2> /dev/null || fail "the reader was gone before the import ended"
psql -q "$CAREPLEDGE_TEST_PG" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
  WHERE datname = '$name' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()" > /dev/null
wait "$reader" || true
cmp -s "$TMP/lite.out" "$TMP/pg.out" || fail "reports differ beside a reader: $(diff "$TMP/lite.out" "$TMP/pg.out" | head -5)"
expect_eq "visits' key, kept beside its reader" "$(grep '^visits ' "$TMP/indexes.before")" "visits $(index_of visits)"
[ "$(grep '^episodes ' "$TMP/indexes.before")" != "episodes $(index_of episodes)" ] ||
  fail "episodes' key was not built after its rows beside a reader of visits"

# ---- A role that may write the rows but not alter the tables ------------------------
new_db
"$CAREPLEDGE" user list --db "$pg" > /dev/null
psql -q "$pg" -c "SET client_min_messages = warning" -c "DROP ROLE IF EXISTS $role" \
  -c "CREATE ROLE $role LOGIN NOSUPERUSER BYPASSRLS" \
  -c "GRANT USAGE, CREATE ON SCHEMA public TO $role" \
  -c "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO $role" \
  -c "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO $role" > /dev/null
schema > "$TMP/schema.sql" # its grants included
indexes > "$TMP/indexes.before"
"$CAREPLEDGE" import --db "${pg/user=postgres/user=$role}" "$TMP/903" > "$TMP/pg.out" 2> "$TMP/pg.err" ||
  fail "the role without ALTER: $(cat "$TMP/pg.err")"
cmp -s "$TMP/lite.out" "$TMP/pg.out" || fail "reports differ for the role without ALTER"
indexes | cmp -s "$TMP/indexes.before" - || fail "a role that may not alter the tables changed keys"
schema | cmp -s "$TMP/schema.sql" - || fail "the role without ALTER changed the schema"
