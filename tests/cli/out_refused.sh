#!/usr/bin/env bash
# --out: every command whose result goes to standard output takes --out FILE;
# no command writes over its database (or the database's -wal, -shm or
# -journal file) or over a file it reads; a file is written whole or not at
# all, and a symbolic link at the path is replaced, never followed.
. "$(dirname "$0")/lib.bash"

db="$TMP/c.db"
"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" > /dev/null
db_dump "$db" > "$TMP/before.dump"
hol="$TMP/holidays.csv"
printf 'date,name,kind\n' > "$hol"
cp "$hol" "$TMP/holidays.kept"

# refused WHAT CMD...: exit status 2, a message naming --out, nothing written.
refused() {
  local what=$1 status=0
  shift
  "$@" > /dev/null 2> "$TMP/err" || status=$?
  expect_eq "$what: exit status" 2 "$status"
  grep -q -- "--out" "$TMP/err" || fail "$what: no message naming --out: $(cat "$TMP/err")"
  ! grep -q "unknown option" "$TMP/err" || fail "$what: $(cat "$TMP/err")"
}

for target in "$db" "$db-wal" "$db-shm" "$db-journal"; do
  name=${target#"$TMP/"}
  refused "scorecard csv over $name" "$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --format csv --out "$target"
  refused "scorecard pdf over $name" "$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --format pdf --out "$target"
  refused "profile over $name" "$CAREPLEDGE" profile --db "$db" --at 2010-03-31 --out "$target"
  refused "leavers over $name" "$CAREPLEDGE" leavers --db "$db" --at 2010-03-31 --out "$target"
  refused "due over $name" "$CAREPLEDGE" due --db "$db" --at 2010-03-31 --out "$target"
  refused "compliance over $name" "$CAREPLEDGE" compliance --db "$db" --from 2009-04-01 --to 2010-03-31 --out "$target"
  refused "imports over $name" "$CAREPLEDGE" imports --db "$db" --out "$target"
  refused "audit over $name" "$CAREPLEDGE" audit show --db "$db" --out "$target"
done
# The database by another name (a symbolic link to it) is still the database.
ln -s "$db" "$TMP/alias.db"
refused "scorecard over a link to the database" "$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --out "$TMP/alias.db"
# Reports in a folder: the database among them.
mkdir "$TMP/rep"
cp "$db" "$TMP/rep/validation.json"
refused "validate --out over the database" "$CAREPLEDGE" validate --db "$TMP/rep/validation.json" --year 2009/10 --out "$TMP/rep"
mkdir "$TMP/exp"
cp "$db" "$TMP/exp/episodes.csv"
refused "export over the database" "$CAREPLEDGE" export --db "$TMP/exp/episodes.csv" --year 2009/10 --out "$TMP/exp"
cmp -s "$db" "$TMP/exp/episodes.csv" || fail "export wrote over the database"
[ ! -e "$TMP/rep/validation.html" ] || fail "validate wrote reports after refusing one"
# A file the command reads.
refused "due over its holidays file" "$CAREPLEDGE" due --db "$db" --at 2010-03-31 --holidays "$hol" --out "$hol"
refused "calendar over its holidays file" "$CAREPLEDGE" calendar --from 2010-01-01 --to 2010-12-31 --holidays "$hol" --out "$hol"
cmp -s "$hol" "$TMP/holidays.kept" || fail "the holidays file was written over"
mkdir "$TMP/in"
cp "$FIXTURES/small/2009-10/header.csv" "$TMP/in/issue_locations.csv"
cp "$FIXTURES/small/2009-10/episodes.csv" "$TMP/in/episodes.csv"
refused "validate over its input" "$CAREPLEDGE" validate --year 2009/10 --out "$TMP/in" "$TMP/in/issue_locations.csv" "$TMP/in/episodes.csv"
cmp -s "$FIXTURES/small/2009-10/header.csv" "$TMP/in/issue_locations.csv" || fail "validate wrote over its input"

db_dump "$db" > "$TMP/after.dump"
cmp -s "$TMP/before.dump" "$TMP/after.dump" || fail "the database changed"
"$CAREPLEDGE" profile --db "$db" --at 2010-03-31 > /dev/null || fail "the database no longer reads"

# Every command with a result on standard output writes the same to --out.
same() {
  local what=$1 status=0
  shift
  "$@" > "$TMP/stdout" || status=$?
  "$@" --out "$TMP/file" > "$TMP/stdout2" || fail "$what --out failed"
  cmp -s "$TMP/stdout" "$TMP/file" || fail "$what: --out differs from standard output"
  [ ! -s "$TMP/stdout2" ] || fail "$what: with --out, the result still went to standard output"
  rm -f "$TMP/file"
}
same profile "$CAREPLEDGE" profile --db "$db" --at 2010-03-31
same leavers "$CAREPLEDGE" leavers --db "$db" --at 2010-03-31 --format csv
same due "$CAREPLEDGE" due --db "$db" --at 2010-03-31 --format json
same compliance "$CAREPLEDGE" compliance --db "$db" --from 2009-04-01 --to 2010-03-31
same scorecard "$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --format csv
same imports "$CAREPLEDGE" imports --db "$db" --format csv
same calendar "$CAREPLEDGE" calendar --from 2010-01-01 --to 2010-12-31
same indicators "$CAREPLEDGE" indicators --format csv
same audit "$CAREPLEDGE" audit show --db "$db"
same api-doc "$CAREPLEDGE" api-doc

# A symbolic link at --out is replaced by the file, not followed.
echo "keep me" > "$TMP/target"
ln -s "$TMP/target" "$TMP/link.csv"
"$CAREPLEDGE" due --db "$db" --at 2010-03-31 --format csv --out "$TMP/link.csv"
expect_eq "the link's target" "keep me" "$(cat "$TMP/target")"
[ ! -L "$TMP/link.csv" ] || fail "--out followed the link"

# A failed run leaves the old file as it was and no temporary file behind.
echo "old" > "$TMP/old.pdf"
status=0
"$CAREPLEDGE" scorecard --db "$TMP/nowhere.db" --year 2009/10 --format pdf --out "$TMP/old.pdf" 2> /dev/null || status=$?
expect_eq "scorecard on a missing database" 2 "$status"
expect_eq "the old file" "old" "$(cat "$TMP/old.pdf")"
leftover=$(find "$TMP" -maxdepth 1 -name '.old.pdf.*' | wc -l)
expect_eq "temporary files left" 0 "$leftover"
echo "out_refused: ok"
