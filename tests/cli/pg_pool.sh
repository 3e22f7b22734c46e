#!/usr/bin/env bash
# A pooled region's reads (docs/postgresql.md, "Several councils in one database"; issue 14
# item 6), under scripts/pg-test.sh (CAREPLEDGE_TEST_PG; skipped without it). Three councils'
# synthetic returns in one PostgreSQL database, connected as an ordinary role. Checks:
# - a council's load can read its rows through the index leading with la (migration 019):
#   with row-level security on, `la = $1` is the index's condition, not a filter applied
#   after reading every council's rows;
# - a load working for every council walks the key's index in order, with no sort;
# - the policy of migration 019 still shows a connection its own council's rows only, every
#   council's for '*', and no labelled row without the setting;
# - a council's published scorecard from the pool is exactly the scorecard of a database
#   holding that council alone, and the pooled one exactly the same pool's on SQLite, so the
#   council filter in the statements and the plans without sorts change no figure.
. "$(dirname "$0")/lib.bash"
[ -n "${CAREPLEDGE_TEST_PG:-}" ] || { echo "skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)"; exit 77; }

role="cppool_$$"
name="pgpool_$$"
psql -q "$CAREPLEDGE_TEST_PG" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $name" \
  -c "DROP ROLE IF EXISTS $role" -c "CREATE ROLE $role LOGIN NOSUPERUSER NOBYPASSRLS" \
  -c "CREATE DATABASE $name OWNER $role" > /dev/null || fail "cannot make the test role and database"
db="${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$name?}"
db="${db/user=postgres/user=$role}"
as_role() { psql -X -q -t -A "$db" "$@"; }

councils=(835 836 837)
prefixes=(C D E)
for i in 0 1 2; do
  la=${councils[$i]}
  "$CAREPLEDGE" synth --out "$TMP/903_$la" --profile dorset-2010 --seed $((11 + i)) --children 60 > /dev/null
  [ "${prefixes[$i]}" = C ] || sed -i "s/\bC\([0-9]\{6\}\)\b/${prefixes[$i]}\1/g" "$TMP"/903_"$la"/*/*.csv
  CAREPLEDGE_COUNCIL=$la "$CAREPLEDGE" import --db "$db" "$TMP/903_$la" > /dev/null || fail "import of $la into PostgreSQL"
  CAREPLEDGE_COUNCIL=$la "$CAREPLEDGE" import --db "$TMP/pool.db" "$TMP/903_$la" > /dev/null || fail "import of $la into SQLite"
  CAREPLEDGE_COUNCIL=$la "$CAREPLEDGE" import --db "$TMP/alone_$la.db" "$TMP/903_$la" > /dev/null || fail "import of $la alone"
done
expect_eq "migration 019 applied" 1 "$(as_role -c "SELECT count(*) FROM schema_migrations WHERE version = 19")"

# ---- The plans ------------------------------------------------------------------------
# A tiny table is cheaper to scan than to index, so sequential scans are ruled out: the
# question is whether the index can be entered at the council, row-level security or not.
# The tables checked are the larger ones (thousands of rows a council): on a table of a few
# hundred rows the planner may as well walk the primary key and filter.
as_role -c "ANALYZE header, episodes, reviews, visits, care_plans" || fail "cannot analyze the tables"
# Planned as a load plans it: in its read transaction, without sorts (src/store/pg.c).
as_load() { as_role -c "SET carepledge.la = '$1'" -c "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" \
  -c "SET LOCAL enable_sort = off" -c "SET LOCAL enable_seqscan = off" -c "$2" -c "COMMIT"; }
plan=$(as_load 836 "EXPLAIN SELECT child, decom FROM episodes WHERE la = '836' ORDER BY child, decom")
grep -q "using episodes_la on episodes" <<< "$plan" || fail "a council's episodes not read by its index: $plan"
grep -q "Index Cond: (la = '836'::text)" <<< "$plan" || fail "the index not entered at the council: $plan"
! grep -q "Sort" <<< "$plan" || fail "a council's episodes sorted: $plan"
for table in visits reviews care_plans; do
  plan=$(as_load 835 "EXPLAIN SELECT child FROM $table WHERE la = '835' ORDER BY child")
  grep -q "Index Cond: (la = '835'::text)" <<< "$plan" || fail "$table: the index not entered at the council: $plan"
done
# Every council's rows, as a load reads them in its read transaction (src/store/pg.c).
plan=$(as_role -c "SET carepledge.la = '*'" -c "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" \
  -c "SET LOCAL enable_sort = off" -c "EXPLAIN SELECT child, visit_date FROM visits ORDER BY child, visit_date" \
  -c "COMMIT")
grep -q "using visits_pkey on visits" <<< "$plan" || fail "the pooled load does not walk the key: $plan"
! grep -q "Sort" <<< "$plan" || fail "the pooled load sorts: $plan"

# ---- The policy as migration 019 wrote it ---------------------------------------------
total=0
for i in 0 1 2; do
  la=${councils[$i]}
  n=$(as_role -c "SET carepledge.la = '$la'" -c "SELECT count(*) FROM visits")
  expect_eq "$la sees only its visits" "$n" \
    "$(as_role -c "SET carepledge.la = '*'" -c "SELECT count(*) FROM visits WHERE la = '$la'")"
  expect_eq "$la sees no other council's visits" 0 \
    "$(as_role -c "SET carepledge.la = '$la'" -c "SELECT count(*) FROM visits WHERE la <> '$la'")"
  total=$((total + n))
done
[ "$total" -gt 0 ] || fail "no visits imported"
expect_eq "'*' sees every council's visits" "$total" "$(as_role -c "SET carepledge.la = '*'" -c "SELECT count(*) FROM visits")"
expect_eq "no setting, no labelled row" 0 "$(as_role -c "SELECT count(*) FROM visits")"

# ---- The same figures ---------------------------------------------------------------------
card=(scorecard --year 2009/10 --years 3 --publish --format json)
for la in "${councils[@]}"; do
  CAREPLEDGE_COUNCIL=$la "$CAREPLEDGE" "${card[@]}" --db "$db" > "$TMP/card_pg_$la.json"
  CAREPLEDGE_COUNCIL=$la "$CAREPLEDGE" "${card[@]}" --db "$TMP/alone_$la.db" > "$TMP/card_alone_$la.json"
  json_check "$la's scorecard" "$TMP/card_pg_$la.json" '.indicators | length > 10'
  jq -e --slurpfile alone "$TMP/card_alone_$la.json" '. == $alone[0]' "$TMP/card_pg_$la.json" > /dev/null ||
    fail "council $la's scorecard from the pool differs from its own database's"
done
"$CAREPLEDGE" "${card[@]}" --db "$db" > "$TMP/card_pg_all.json"
"$CAREPLEDGE" "${card[@]}" --db "$TMP/pool.db" > "$TMP/card_sqlite_all.json"
jq -e --slurpfile s "$TMP/card_sqlite_all.json" '. == $s[0]' "$TMP/card_pg_all.json" > /dev/null ||
  fail "the pooled scorecard differs between PostgreSQL and SQLite"
jq -e --slurpfile one "$TMP/card_pg_835.json" '. != $one[0]' "$TMP/card_pg_all.json" > /dev/null ||
  fail "the pooled scorecard is one council's"
psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE $name" -c "DROP ROLE $role" > /dev/null
echo "ok"
