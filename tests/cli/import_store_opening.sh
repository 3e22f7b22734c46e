#!/usr/bin/env bash
# An import opens its database on a thread of its own while it reads the
# files (service/svc_import.c, StoreOpening): a new database's schema is
# made meanwhile. What it says must be what it said when it opened the
# database first:
# - a database that cannot be opened is the one problem reported, even when
#   the files have problems of their own, and nothing is created;
# - files that cannot be read, with a database that opens, are reported as
#   before (the database is created, with its schema, and holds no row);
# - a good import into a new database works, and so does a second one into
#   the database the first made.
. "$(dirname "$0")/lib.bash"

"$CAREPLEDGE" synth --out "$TMP/903" --children 40 --seed 9 --from 2025 --to 2026 > /dev/null
cp -r "$TMP/903" "$TMP/bad"
echo "not-a-child,31/02/2026" >> "$TMP/bad/2025-26/episodes.csv"

# ---- The database cannot be opened: its problem alone ---------------------------
"$CAREPLEDGE" import --db "$TMP/no/such/folder/x.db" "$TMP/bad" > "$TMP/out" 2> "$TMP/err" &&
  fail "an import into a folder that does not exist succeeded"
expect_eq "the message for a database that cannot be opened" \
  "$TMP/no/such/folder/x.db: cannot open the database: unable to open database file" "$(cat "$TMP/err")"
[ ! -s "$TMP/out" ] || fail "it printed: $(cat "$TMP/out")"
[ ! -e "$TMP/no" ] || fail "something was created"

# ---- The files cannot be read: their problem, as before --------------------------------
"$CAREPLEDGE" import --db "$TMP/new.db" "$TMP/missing" > "$TMP/out" 2> "$TMP/err" &&
  fail "an import of a folder that does not exist succeeded"
grep -q "^$TMP/missing: cannot read: No such file or directory$" "$TMP/err" || fail "missing files: $(cat "$TMP/err")"
grep -q "^import failed: 1 problem; nothing was imported$" "$TMP/err" || fail "missing files: $(cat "$TMP/err")"
expect_eq "rows in the database the refused import opened" 0 "$(db_count "$TMP/new.db" episodes)"

# ---- Files with problems, a database that opens: the files' problems -------------------
"$CAREPLEDGE" import --db "$TMP/new.db" "$TMP/bad" > "$TMP/out" 2> "$TMP/err" &&
  fail "an import of a faulty file succeeded"
grep -q "episodes.csv:[0-9]*:1: the row has 2 fields" "$TMP/err" || fail "the faulty row: $(cat "$TMP/err")"

# ---- A good import into a new database, and another into it ------------------------------
"$CAREPLEDGE" import --db "$TMP/fresh.db" "$TMP/903" > "$TMP/out" 2> "$TMP/err" || fail "import: $(cat "$TMP/err")"
grep -q "^imported [0-9]* rows from" "$TMP/out" || fail "the report: $(cat "$TMP/out")"
"$CAREPLEDGE" import --db "$TMP/fresh.db" "$TMP/903/2025-26" > /dev/null 2> "$TMP/err" || fail "again: $(cat "$TMP/err")"
[ "$(db_count "$TMP/fresh.db" header)" -gt 0 ] || fail "no Header row stored"
