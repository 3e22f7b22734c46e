# Import of a small return: rows land, a second import of the same files leaves
# the database exactly as it was, and the leavers/profile commands read it.
. "$(dirname "$0")/lib.bash"
db="$TMP/t.db"

"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" > "$TMP/out"
grep -q "imported 10 rows from 3 files (collection years 2009/10 to 2009/10)" "$TMP/out" \
  || fail "import summary: $(cat "$TMP/out")"
expect_eq "header rows" 4 "$(db_count "$db" header)"
expect_eq "episode rows" 5 "$(db_count "$db" episodes)"
expect_eq "schema version" 5 "$(sqlite3 "$db" 'SELECT max(version) FROM schema_migrations')"
expect_eq "journal mode" wal "$(sqlite3 "$db" 'PRAGMA journal_mode')"
expect_eq "dates stored as ISO" "2008-01-01" \
  "$(sqlite3 "$db" "SELECT decom FROM episodes WHERE child='A001' ORDER BY decom LIMIT 1")"

db_dump "$db" > "$TMP/before"
"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" > /dev/null
db_dump "$db" > "$TMP/after"
cmp -s "$TMP/before" "$TMP/after" || fail "a second import of the same files changed the database"

"$CAREPLEDGE" leavers --db "$db" --at 2010-03-31 --format csv > "$TMP/leavers"
expect_eq "leavers header" "child,category,age,entitlement,reason" "$(head -1 "$TMP/leavers")"
expect_eq "A001 eligible" "A001,eligible,16" "$(grep '^A001' "$TMP/leavers" | cut -d, -f1-3)"
expect_eq "A002 former relevant" "A002,former_relevant,18" "$(grep '^A002' "$TMP/leavers" | cut -d, -f1-3)"
expect_eq "A004 short breaks is no leaver" "" "$(grep '^A004' "$TMP/leavers" || true)"

"$CAREPLEDGE" profile --db "$db" --at 31/03/2010 --format csv > "$TMP/profile"
expect_eq "profile rows" 31 "$(wc -l < "$TMP/profile")"
grep -qx "All children and young people,In care full time,2" "$TMP/profile" || fail "full time count"
grep -qx "All children and young people,In care through short breaks,1" "$TMP/profile" || fail "short breaks"
"$CAREPLEDGE" profile --db "$db" --at 2010-03-31 --format json > "$TMP/profile.json"
json_check json "$TMP/profile.json" \
  'any(.[]; .row == "In care full time" and .count == 2) and all(.[]; .count | type == "number")'

# Reading commands never create a database.
if "$CAREPLEDGE" profile --db "$TMP/none.db" --at 2010-03-31 2> "$TMP/err"; then fail "missing db accepted"; fi
grep -q "no database at" "$TMP/err" || fail "missing db message: $(cat "$TMP/err")"
[ ! -e "$TMP/none.db" ] || fail "a reading command created a database"
echo "ok"
