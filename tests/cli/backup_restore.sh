#!/usr/bin/env bash
# backup and restore: a backup taken while another import runs is one
# consistent commit, checked whole, owner-only; restore puts it back and the
# database reads exactly as it did; a damaged or foreign backup is refused
# and the database left as it was; an older database is copied aside before
# a migration; a failed migration keeps SQLite's reason.
. "$(dirname "$0")/lib.bash"

umask 022
db="$TMP/c.db"
"$CAREPLEDGE" synth --out "$TMP/syn" --children 200 --from 2008 --to 2010 > /dev/null
"$CAREPLEDGE" import --db "$db" "$TMP/syn/2007-08" > /dev/null
db_dump "$db" > "$TMP/first.dump"

"$CAREPLEDGE" backup --db "$db" --out "$TMP/b1.db" 2> "$TMP/err" || fail "backup: $(cat "$TMP/err")"
expect_eq "backup permissions" 600 "$(stat -c %a "$TMP/b1.db")"
expect_eq "backup integrity" ok "$(sqlite3 "$TMP/b1.db" 'PRAGMA integrity_check')"
db_dump "$TMP/b1.db" > "$TMP/b1.dump"
leftover=$(find "$TMP" -maxdepth 1 -name '.b1.db.*' -o -maxdepth 1 -name 'b1.db-*' | wc -l)
expect_eq "files left beside the backup" 0 "$leftover"
cmp -s "$TMP/first.dump" "$TMP/b1.dump" || fail "the backup differs from the database"
# --to, as the issue writes it, is the same as --out.
"$CAREPLEDGE" backup --db "$db" --to "$TMP/b1to.db" 2> "$TMP/err" || fail "backup --to: $(cat "$TMP/err")"
db_dump "$TMP/b1to.db" | cmp -s - "$TMP/b1.dump" || fail "backup --to differs from backup --out"

# A backup while an import writes: either commit, never half of one.
"$CAREPLEDGE" import --db "$db" "$TMP/syn" > /dev/null &
importer=$!
"$CAREPLEDGE" backup --db "$db" --out "$TMP/b2.db" 2> "$TMP/err" || fail "backup during import: $(cat "$TMP/err")"
wait "$importer"
db_dump "$db" > "$TMP/second.dump"
db_dump "$TMP/b2.db" > "$TMP/b2.dump"
cmp -s "$TMP/b2.dump" "$TMP/first.dump" || cmp -s "$TMP/b2.dump" "$TMP/second.dump" ||
  fail "a backup taken during an import is neither before nor after it"

# Restore the first backup: the database reads as it did.
"$CAREPLEDGE" profile --db "$TMP/b1.db" --at 2008-03-31 --format csv > "$TMP/profile.b1"
"$CAREPLEDGE" restore --db "$db" --from "$TMP/b1.db" 2> "$TMP/err" || fail "restore: $(cat "$TMP/err")"
db_dump "$db" > "$TMP/restored.dump"
cmp -s "$TMP/first.dump" "$TMP/restored.dump" || fail "the restored database differs from the backup"
"$CAREPLEDGE" profile --db "$db" --at 2008-03-31 --format csv > "$TMP/profile.restored"
cmp -s "$TMP/profile.b1" "$TMP/profile.restored" || fail "the restored database reads differently"

# A damaged backup and a file that is no database are refused; the database stays.
cp "$TMP/b1.db" "$TMP/damaged.db"
size=$(stat -c %s "$TMP/damaged.db")
printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' | dd of="$TMP/damaged.db" bs=1 seek=$((size - 3000)) conv=notrunc 2> /dev/null
printf 'CHILD,SEX\n' > "$TMP/text.csv"
for bad in "$TMP/damaged.db" "$TMP/text.csv"; do
  status=0
  "$CAREPLEDGE" restore --db "$db" --from "$bad" > /dev/null 2> "$TMP/err" || status=$?
  expect_eq "restore from $(basename "$bad"): exit status" 2 "$status"
  db_dump "$db" > "$TMP/now.dump"
  cmp -s "$TMP/first.dump" "$TMP/now.dump" || fail "a refused restore changed the database"
done
status=0
"$CAREPLEDGE" backup --db "$db" --out "$db-wal" > /dev/null 2>&1 || status=$?
expect_eq "backup over the database's -wal" 2 "$status"

# An older database is copied aside before it is migrated.
old="$TMP/old.db"
cp "$TMP/b1.db" "$old"
sqlite3 "$old" "DELETE FROM schema_migrations WHERE version >= 5; DROP TABLE IF EXISTS import_outcomes; DROP TABLE IF EXISTS import_rows;
  DROP TABLE IF EXISTS import_files; DROP TABLE IF EXISTS imports; DROP TABLE IF EXISTS audit;
  DROP TABLE IF EXISTS allocations; DROP TABLE IF EXISTS users; DROP TABLE IF EXISTS value_marks;
  DROP TABLE IF EXISTS survey_answers; DROP TABLE IF EXISTS survey_codes;
  DROP TABLE IF EXISTS survey_rounds; DROP TABLE IF EXISTS survey_questions;
  DROP TABLE IF EXISTS web_sessions; DROP TABLE IF EXISTS record_corrections; DROP TABLE IF EXISTS sign_in_attempts;
  DROP TABLE IF EXISTS forecasts"
sqlite3 "$old" "DROP TABLE IF EXISTS pa_requests" # schema 26
sqlite3 "$old" "DROP TABLE IF EXISTS header_years" # schema 27
undo_councils "$old"
db_dump "$old" > "$TMP/old.dump"
"$CAREPLEDGE" import --db "$old" "$TMP/syn/2007-08" > /dev/null
[ -f "$old.before-schema-4" ] || fail "no copy of the database before its migration"
db_dump "$old.before-schema-4" > "$TMP/aside.dump"
cmp -s "$TMP/old.dump" "$TMP/aside.dump" || fail "the copy before the migration differs"

# A migration that fails says why (SQLite's reason, not an empty or garbled message).
broken="$TMP/broken.db"
cp "$TMP/b1.db" "$broken"
sqlite3 "$broken" "DELETE FROM schema_migrations WHERE version >= 5; DROP TABLE IF EXISTS import_outcomes; DROP TABLE IF EXISTS import_rows;
  DROP TABLE IF EXISTS import_files; DROP TABLE IF EXISTS imports; CREATE VIEW imports AS SELECT 1"
status=0
"$CAREPLEDGE" import --db "$broken" "$TMP/syn/2007-08" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "failed migration: exit status" 2 "$status"
grep -q "migration schema/sqlite/005_import_log.sql failed: .*imports" "$TMP/err" ||
  fail "failed migration: $(cat "$TMP/err")"
echo "backup_restore: ok"
