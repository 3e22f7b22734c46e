#!/usr/bin/env bash
# Guards found by issue 12: an existing empty --db is not made into a new,
# empty database by import (a mistyped name reported zeros before); an Ofsted
# provider list whose "Closed Date" cannot be read is refused with its place
# instead of taking the home for open.
. "$(dirname "$0")/lib.bash"

: > "$TMP/empty.db"
status=0
"$CAREPLEDGE" import --db "$TMP/empty.db" "$FIXTURES/small" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "import into an empty file: exit status" 2 "$status"
grep -q "the file is empty, not a Carepledge database" "$TMP/err" || fail "empty file: $(cat "$TMP/err")"
expect_eq "the empty file stays empty" 0 "$(stat -c %s "$TMP/empty.db")"

printf 'URN,Closed Date\nSC123456,31/02/2009\n' > "$TMP/providers.csv"
status=0
"$CAREPLEDGE" validate --year 2009/10 --providers "$TMP/providers.csv" "$FIXTURES/small/2009-10" \
  > /dev/null 2> "$TMP/err" || status=$?
expect_eq "unreadable closed date: exit status" 2 "$status"
grep -q "providers.csv:2:10: Closed Date: '31/02/2009' is not a date" "$TMP/err" ||
  fail "closed date: $(cat "$TMP/err")"
echo "store_guards: ok"
