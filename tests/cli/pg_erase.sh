#!/usr/bin/env bash
# carepledge erase on PostgreSQL, under scripts/pg-test.sh (CAREPLEDGE_TEST_PG;
# skipped without it): the child's rows go from every table, every other
# child's rows stay, the audit chain verifies with one more row, and an
# unknown child is refused with nothing written.
. "$(dirname "$0")/lib.bash"
[ -n "${CAREPLEDGE_TEST_PG:-}" ] || { echo "skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)"; exit 77; }

name="pgerase_$$"
psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" 2> /dev/null
db="${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$name?}"
q() { psql -qtA "$db" -c "$1"; }

"$CAREPLEDGE" synth --out "$TMP/903" --profile dorset-2010 --seed 7 --children 40 > /dev/null
"$CAREPLEDGE" import --db "$db" "$TMP/903" > /dev/null
"$CAREPLEDGE" governance demo --db "$db" --out "$TMP/gov" --year 2009/10 > /dev/null 2>&1
child=$(q "SELECT child FROM cicc_participation GROUP BY child ORDER BY count(*) DESC, child LIMIT 1")
[ -n "$child" ] || child=$(q "SELECT child FROM header ORDER BY child LIMIT 1")

# "table:rows of the child:rows of the others" for every table with a child column.
counts() {
  local t
  for t in $(q "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'child' AND table_name <> 'audit' ORDER BY table_name"); do
    echo "$t:$(q "SELECT count(*) FROM \"$t\" WHERE child = '$child'"):$(q "SELECT count(*) FROM \"$t\" WHERE child <> '$child'")"
  done
}
counts > "$TMP/before"
grep -q '^header:1:' "$TMP/before" || fail "no header row for $child: $(cat "$TMP/before")"
audit_before=$(q "SELECT count(*) FROM audit")

"$CAREPLEDGE" erase --db "$db" --child NO_SUCH_CHILD --yes > /dev/null 2> "$TMP/err" && fail "unknown child erased"
grep -q "holds nothing of child 'NO_SUCH_CHILD'" "$TMP/err" || fail "unknown child: $(cat "$TMP/err")"
expect_eq "audit rows after a refusal" "$audit_before" "$(q "SELECT count(*) FROM audit")"

"$CAREPLEDGE" erase --db "$db" --child "$child" --reason "test" --yes > /dev/null 2> "$TMP/out" ||
  fail "erase: $(cat "$TMP/out")"
counts > "$TMP/after"
expect_eq "after: the child's rows, the others'" "$(sed 's/:[0-9]*:/:0:/' "$TMP/before")" "$(cat "$TMP/after")"
expect_eq "audit rows" "$((audit_before + 1))" "$(q "SELECT count(*) FROM audit")"
"$CAREPLEDGE" audit verify --db "$db" > "$TMP/verify" 2>&1 || fail "audit verify: $(cat "$TMP/verify")"
psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS $name" 2> /dev/null || true
echo "pg_erase: ok"
