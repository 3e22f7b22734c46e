#!/usr/bin/env bash
# Pooled councils on SQLite (docs/postgresql.md, "Several councils in one
# database"), without a PostgreSQL server: a council's import labels its rows,
# and an import that would move a stored child to another council is refused
# and leaves the database as it was. The row upsert leaves la out of its
# update and refuses another council's row itself (store.c, check_council), so
# this is what keeps the rule; the triggers of migration 012 keep it for every
# other update.
source "$(dirname "$0")/lib.bash"

db="$TMP/pool.db"
CAREPLEDGE_COUNCIL=835 "$CAREPLEDGE" import --db "$db" "$FIXTURES/small" > /dev/null
expect_eq "every child labelled with its council" 0 \
  "$(sqlite3 "$db" "SELECT count(*) FROM header WHERE la <> '835'")"
expect_eq "every episode labelled with its council" 0 \
  "$(sqlite3 "$db" "SELECT count(*) FROM episodes WHERE la <> '835'")"

db_dump "$db" > "$TMP/before"
status=0
CAREPLEDGE_COUNCIL=836 "$CAREPLEDGE" import --db "$db" "$FIXTURES/small" > /dev/null 2> "$TMP/take.err" ||
  status=$?
[ $status -ne 0 ] || fail "another council's import of the same children was accepted"
grep -q "cannot become another council's" "$TMP/take.err" || fail "take-over refused with: $(cat "$TMP/take.err")"
db_dump "$db" > "$TMP/after"
cmp -s "$TMP/before" "$TMP/after" || fail "a refused take-over changed the database"

# The same council again is no take-over, and neither is an unlabelled
# database's import run twice.
CAREPLEDGE_COUNCIL=835 "$CAREPLEDGE" import --db "$db" "$FIXTURES/small" > /dev/null ||
  fail "the council's own import again was refused"
"$CAREPLEDGE" import --db "$TMP/one.db" "$FIXTURES/small" > /dev/null
"$CAREPLEDGE" import --db "$TMP/one.db" "$FIXTURES/small" > /dev/null || fail "a second import was refused"
echo "councils_sqlite: ok"
