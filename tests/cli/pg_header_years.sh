#!/usr/bin/env bash
# Each year's Header on PostgreSQL (schema/postgresql/027_header_years.sql),
# under scripts/pg-test.sh (CAREPLEDGE_TEST_PG; skipped without it): the
# stage's merge keeps the stored Header it replaces (store_stage.c), so
# validate --db and export of 2023/24 use 2023/24's Header, whichever year was
# imported first; migrate SQLite -> PostgreSQL -> SQLite copies the map row
# for row; in a pooled database, connected as an ordinary role, the map's rows
# carry the council and row-level security hides them from another council.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/header_years.bash"
[ -n "${CAREPLEDGE_TEST_PG:-}" ] || { echo "skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)"; exit 77; }

# pg_db NAME: a new, empty database on the test server; prints its URL.
pg_db() {
  local name="pgyears_$1_$$"
  psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" 2> /dev/null
  echo "${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$name?}"
}
header_years_returns "$TMP/903"

pg=$(pg_db once)
"$CAREPLEDGE" import --db "$pg" "$TMP/903" > /dev/null
header_years_check "$pg" "PostgreSQL, both at once"
expect_eq "the one entry" "G1|2024|0" \
  "$(psql -X -q -t -A "$pg" -c "SELECT child || '|' || until_year || '|' || mother FROM header_years")"
for order in "2023-24 2024-25" "2024-25 2023-24"; do
  db=$(pg_db "$(echo "$order" | tr -d ' -')")
  for y in $order; do "$CAREPLEDGE" import --db "$db" "$TMP/903/$y" > /dev/null; done
  header_years_check "$db" "PostgreSQL, $order"
done

# migrate there and back: the map row for row.
"$CAREPLEDGE" import --db "$TMP/a.db" "$TMP/903" > /dev/null
to=$(pg_db trip)
"$CAREPLEDGE" migrate --from "$TMP/a.db" --to "$to" > /dev/null || fail "migrate to PostgreSQL"
"$CAREPLEDGE" migrate --from "$to" --to "$TMP/b.db" > /dev/null || fail "migrate back to SQLite"
expect_eq "header_years after the round trip" "$(sqlite3 "$TMP/a.db" "SELECT * FROM header_years")" \
  "$(sqlite3 "$TMP/b.db" "SELECT * FROM header_years")"
header_years_check "$to" "migrated to PostgreSQL"

# A pooled database, as an ordinary role: council 835's map, hidden from 836.
role="cpyears_$$" name="pgyears_pool_$$"
psql -q "$CAREPLEDGE_TEST_PG" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $name" \
  -c "DROP ROLE IF EXISTS $role" -c "CREATE ROLE $role LOGIN NOSUPERUSER NOBYPASSRLS" \
  -c "CREATE DATABASE $name OWNER $role" > /dev/null || fail "cannot make the test role and database"
pool="${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$name?}"
pool="${pool/user=postgres/user=$role}"
for y in 2023-24 2024-25; do
  CAREPLEDGE_COUNCIL=835 "$CAREPLEDGE" import --db "$pool" "$TMP/903/$y" > /dev/null || fail "pooled import $y"
done
export CAREPLEDGE_COUNCIL=835
header_years_check "$pool" "council 835"
unset CAREPLEDGE_COUNCIL
as_role() { psql -X -q -t -A "$pool" "$@"; }
expect_eq "the entry labelled" "G1|835" \
  "$(as_role -c "SET carepledge.la = '*'" -c "SELECT child || '|' || la FROM header_years")"
expect_eq "836 sees none of it" 0 \
  "$(as_role -c "SET carepledge.la = '836'" -c "SELECT count(*) FROM header_years")"
echo ok
