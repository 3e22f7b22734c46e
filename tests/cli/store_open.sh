#!/usr/bin/env bash
# Opening a database: reading commands open it read-only and never create or
# migrate one (a mistyped path, an empty file or another file is an error
# saying so); a database written by a newer Carepledge is refused by every
# command, import included, and left as it was.
. "$(dirname "$0")/lib.bash"

db="$TMP/c.db"
"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" > /dev/null
"$CAREPLEDGE" profile --db "$db" --at 2010-03-31 --format csv > "$TMP/profile"

# refuses CMD... MESSAGE: the command fails with exit status 2 and the message.
refuses() {
  local message=${*: -1} status=0
  "${@:1:$#-1}" > /dev/null 2> "$TMP/err" || status=$?
  expect_eq "exit status of ${*:1:3}" 2 "$status"
  grep -qF -- "$message" "$TMP/err" || fail "${*:1:3}: expected '$message', got: $(cat "$TMP/err")"
}

: > "$TMP/empty.db"
refuses "$CAREPLEDGE" profile --db "$TMP/empty.db" --at 2010-03-31 "the file is empty"
expect_eq "an empty file stays empty" 0 "$(stat -c %s "$TMP/empty.db")"
echo "CHILD,SEX" > "$TMP/text.db"
refuses "$CAREPLEDGE" leavers --db "$TMP/text.db" --at 2010-03-31 "file is not a database"
refuses "$CAREPLEDGE" validate --db "$TMP/missing.db" "no database at"
[ ! -e "$TMP/missing.db" ] || fail "validate --db created a database"
sqlite3 "$TMP/other.db" "CREATE TABLE t (x)"
refuses "$CAREPLEDGE" due --db "$TMP/other.db" --at 2010-03-31 "not a Carepledge database"
expect_eq "another program's database untouched" "t" "$(sqlite3 "$TMP/other.db" .tables)"

# An older schema (before the commit counter) is read as it is, not migrated;
# the next import migrates it.
old="$TMP/old.db"
cp "$db" "$old"
sqlite3 "$old" "DELETE FROM schema_migrations WHERE version >= 4; DROP TABLE store_commits;
  DROP TABLE IF EXISTS audit; DROP TABLE IF EXISTS allocations; DROP TABLE IF EXISTS users;
  DROP TABLE IF EXISTS value_marks;
  DROP TABLE IF EXISTS import_outcomes; DROP TABLE IF EXISTS import_rows; DROP TABLE IF EXISTS import_files; DROP TABLE IF EXISTS imports;
  DROP TABLE IF EXISTS survey_answers; DROP TABLE IF EXISTS survey_codes;
  DROP TABLE IF EXISTS survey_rounds; DROP TABLE IF EXISTS survey_questions;
  DROP TABLE IF EXISTS web_sessions; DROP TABLE IF EXISTS record_corrections; DROP TABLE IF EXISTS sign_in_attempts;
  DROP TABLE IF EXISTS forecasts"
sqlite3 "$old" "DROP TABLE IF EXISTS pa_requests" # schema 26
sqlite3 "$old" "DROP TABLE IF EXISTS header_years" # schema 27
undo_councils "$old"
latest=$(ls "$CAREPLEDGE_SOURCE_DIR"/schema/sqlite/ | sed -n 's/^0*\([0-9]*\)_.*\.sql$/\1/p' | sort -n | tail -1)
"$CAREPLEDGE" profile --db "$old" --at 2010-03-31 --format csv > "$TMP/profile.old"
cmp -s "$TMP/profile" "$TMP/profile.old" || fail "an older database reads differently"
expect_eq "read without migrating" 3 "$(sqlite3 "$old" 'SELECT max(version) FROM schema_migrations')"
"$CAREPLEDGE" import --db "$old" "$FIXTURES/small" > /dev/null
expect_eq "import migrates" "$latest" "$(sqlite3 "$old" 'SELECT max(version) FROM schema_migrations')"

# Each import counts one commit, even one that changes nothing: a reader
# compares the count with the one its Dataset was loaded at.
"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" > /dev/null
expect_eq "commits after two imports" 2 "$(sqlite3 "$db" 'SELECT n FROM store_commits')"

# A newer schema: every command refuses it, and nothing is written.
sqlite3 "$db" "INSERT INTO schema_migrations VALUES (99, 'schema/sqlite/099_future.sql', 'x')"
db_dump "$db" > "$TMP/before"
newer="schema version 99, newer than this program's"
refuses "$CAREPLEDGE" profile --db "$db" --at 2010-03-31 "$newer"
refuses "$CAREPLEDGE" scorecard --db "$db" --year 2009/10 "$newer"
refuses "$CAREPLEDGE" validate --db "$db" "$newer"
refuses "$CAREPLEDGE" export --db "$db" --year 2009/10 --out "$TMP/e" "$newer"
refuses "$CAREPLEDGE" import --db "$db" "$FIXTURES/small" "$newer"
db_dump "$db" > "$TMP/after"
cmp -s "$TMP/before" "$TMP/after" || fail "a refused database was changed"

expect_eq "the migrated database counts from its first import" 1 \
  "$(sqlite3 "$old" 'SELECT n FROM store_commits')"
echo ok
