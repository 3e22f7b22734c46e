#!/usr/bin/env bash
# carepledge erase: one child's record goes from every table (903 tables of
# every year, record templates, disability list, participation, allocations)
# in one transaction; every other child is as it was; the audit log keeps its
# earlier rows, gains one naming the child only by a reference that its key
# proves, and still verifies. An unknown child, a missing database, a reason
# too long and an unconfirmed run are refused and change nothing.
. "$(dirname "$0")/lib.bash"
db=$TMP/c.db
"$CAREPLEDGE" synth --out "$TMP/903" --profile dorset-2010 --seed 7 --children 40 > /dev/null
"$CAREPLEDGE" import --db "$db" "$TMP/903" > /dev/null
"$CAREPLEDGE" governance demo --db "$db" --out "$TMP/gov" --year 2009/10 > /dev/null 2> "$TMP/err" ||
  fail "governance demo: $(cat "$TMP/err")"
# The child with the most participation events, so that every kind of table holds it.
child=$(sqlite3 "$db" "SELECT child FROM cicc_participation GROUP BY child ORDER BY count(*) DESC, child LIMIT 1")
[ -n "$child" ] || child=$(sqlite3 "$db" "SELECT child FROM header ORDER BY child LIMIT 1")
printf 'child,disabled\n%s,yes\n' "$child" > "$TMP/dis.csv"
"$CAREPLEDGE" import --db "$db" --disability "$TMP/dis.csv" "$TMP/903" > /dev/null
"$CAREPLEDGE" user add worker --role social_worker --db "$db" < /dev/null > /dev/null 2> "$TMP/err" ||
  fail "user add: $(cat "$TMP/err")"
"$CAREPLEDGE" user allocate worker "$child" --db "$db" > /dev/null 2> "$TMP/err" ||
  fail "user allocate: $(cat "$TMP/err")"

# Every (table, column) holding the child's id, but the audit's.
holders() {
  local t c
  for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'audit'"); do
    for c in $(sqlite3 "$db" "SELECT name FROM pragma_table_info('$t')"); do
      n=$(sqlite3 "$db" "SELECT count(*) FROM \"$t\" WHERE \"$c\" = '$child'")
      [ "$n" = 0 ] || echo "$t.$c:$n"
    done
  done
}
# Everything of the other children: the dump without the child's lines,
# the audit, the commit counter.
others() {
  db_dump "$db" | grep -v -e "'$child'" -e '^INSERT INTO audit ' -e '^INSERT INTO store_commits '
}
holders > "$TMP/holders"
before_holders=$(wc -l < "$TMP/holders")
for t in header episodes disability cicc_participation allocations; do
  grep -q "^$t\.child:" "$TMP/holders" || fail "before the erasure, $t does not hold the child: $(cat "$TMP/holders")"
done
others > "$TMP/others.before"
audit_before=$(db_count "$db" audit)

# Refusals change nothing.
"$CAREPLEDGE" erase --db "$db" --child NO_SUCH_CHILD --yes > /dev/null 2> "$TMP/err" && fail "unknown child erased"
grep -q "holds nothing of child 'NO_SUCH_CHILD'" "$TMP/err" || fail "unknown child: $(cat "$TMP/err")"
"$CAREPLEDGE" erase --db "$db" --child "$child" < /dev/null > /dev/null 2> "$TMP/err" && fail "erased without --yes"
grep -q "give --yes" "$TMP/err" || fail "unconfirmed: $(cat "$TMP/err")"
long=$(printf 'x%.0s' $(seq 1 80))
"$CAREPLEDGE" erase --db "$db" --child "$child" --reason "$long" --yes > /dev/null 2> "$TMP/err" && fail "long reason"
grep -q -- "--reason" "$TMP/err" || fail "long reason: $(cat "$TMP/err")"
"$CAREPLEDGE" erase --db "$TMP/none.db" --child "$child" --yes > /dev/null 2> "$TMP/err" && fail "missing db"
[ ! -e "$TMP/none.db" ] || fail "erase made a database"
expect_eq "audit rows after refusals" "$audit_before" "$(db_count "$db" audit)"
expect_eq "holders after refusals" "$before_holders" "$(holders | wc -l)"

# The erasure.
"$CAREPLEDGE" erase --db "$db" --child "$child" --reason "Art 17 request DPO-17" --yes \
  > /dev/null 2> "$TMP/out" || fail "erase: $(cat "$TMP/out")"
expect_eq "tables still holding the child" "" "$(holders)"
others > "$TMP/others.after"
cmp -s "$TMP/others.before" "$TMP/others.after" ||
  fail "other children changed: $(diff "$TMP/others.before" "$TMP/others.after" | head -5)"
expect_eq "integrity" ok "$(sqlite3 "$db" 'PRAGMA integrity_check')"
expect_eq "audit rows" "$((audit_before + 1))" "$(db_count "$db" audit)"
"$CAREPLEDGE" audit verify --db "$db" > "$TMP/verify" 2>&1 || fail "audit verify: $(cat "$TMP/verify")"

# The audit row: who, why, and the reference, never the id.
ref=$(sed -n 's/.*by reference \([0-9a-f]*\).*/\1/p' "$TMP/out")
key=$(sed -n 's/^key \([0-9a-f]*\):.*/\1/p' "$TMP/out")
[ ${#ref} = 16 ] && [ ${#key} = 32 ] || fail "reference and key: $(cat "$TMP/out")"
expect_eq "reference from its key" "$ref" "$(printf '%s:%s' "$key" "$child" | sha256sum | cut -c1-16)"
row=$(sqlite3 "$db" "SELECT user || '|' || action || '|' || coalesce(child, '') || '|' || origin FROM audit ORDER BY seq DESC LIMIT 1")
expect_eq "audit row" "$(id -un)|erase child $ref: Art 17 request DPO-17||command line" "$row"
sqlite3 "$db" "SELECT action FROM audit ORDER BY seq DESC LIMIT 1" | grep -q -F "$child" &&
  fail "the audit row names the child"

# A second erasure of the same child finds nothing.
"$CAREPLEDGE" erase --db "$db" --child "$child" --yes > /dev/null 2> "$TMP/err" && fail "erased twice"
grep -q "holds nothing of child" "$TMP/err" || fail "second erase: $(cat "$TMP/err")"
echo "erase: ok"
