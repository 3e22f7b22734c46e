#!/usr/bin/env bash
# export: every year's return written from a database, imported into an empty
# one, gives back the same history: the second database's exports are
# byte-identical to the first's, and so are profile, leavers and validate --db
# (the local record templates are no part of the 903, so due is not compared).
. "$(dirname "$0")/lib.bash"

"$CAREPLEDGE" synth --out "$TMP/h" --children 300 --seed 11 --from 2021 --to 2027 > /dev/null
"$CAREPLEDGE" import --db "$TMP/a.db" "$TMP/h" > /dev/null
years="2020-21 2021-22 2022-23 2023-24 2024-25 2025-26 2026-27"
for y in $years; do
  "$CAREPLEDGE" export --db "$TMP/a.db" --year "${y/-//}" --out "$TMP/ea/$y" > "$TMP/out"
  grep -q "^wrote the ${y/-//} return to $TMP/ea/$y" "$TMP/out" || fail "summary: $(cat "$TMP/out")"
done
# The files are 903 files: the import reads every one of them.
"$CAREPLEDGE" import --db "$TMP/b.db" "$TMP/ea" > "$TMP/import"
grep -q "collection years 2020/21 to 2026/27" "$TMP/import" || fail "import: $(cat "$TMP/import")"
for y in $years; do
  "$CAREPLEDGE" export --db "$TMP/b.db" --year "${y/-//}" --out "$TMP/eb/$y" > /dev/null
done
diff -r "$TMP/ea" "$TMP/eb" > "$TMP/diff" || fail "exports differ: $(head -5 "$TMP/diff")"
[ "$(ls "$TMP/ea/2026-27" | wc -l)" -eq 12 ] || fail "2026/27 has twelve tables (DoLo from then)"
[ "$(ls "$TMP/ea/2023-24" | wc -l)" -eq 11 ] || fail "2023/24 has eleven tables"
[ "$(wc -l < "$TMP/ea/2026-27/episodes.csv")" -gt 50 ] || fail "too few episodes to mean anything"
head -1 "$TMP/ea/2026-27/header.csv" | grep -qx "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB" ||
  fail "header columns"

for db in a b; do
  "$CAREPLEDGE" profile --db "$TMP/$db.db" --at 2026-03-31 --format csv > "$TMP/profile.$db"
  "$CAREPLEDGE" leavers --db "$TMP/$db.db" --at 2026-11-01 --format csv > "$TMP/leavers.$db"
  "$CAREPLEDGE" validate --db "$TMP/$db.db" --year 2026/27 > "$TMP/validate.$db" 2> /dev/null || true
done
for what in profile leavers validate; do
  cmp -s "$TMP/$what.a" "$TMP/$what.b" || fail "$what differs after the round trip"
done
[ "$(wc -l < "$TMP/leavers.a")" -gt 5 ] || fail "too few leavers to mean anything"

# SEX takes the year's form: 1/2 to 2023/24, M/F from 2024/25 (DfE rule 101).
cut -d, -f2 "$TMP/ea/2023-24/header.csv" | tail -n +2 | sort -u | tr '\n' ' ' | grep -qx "1 2 " ||
  fail "2023/24 SEX is not 1/2"
cut -d, -f2 "$TMP/ea/2024-25/header.csv" | tail -n +2 | sort -u | tr '\n' ' ' | grep -qx "F M " ||
  fail "2024/25 SEX is not M/F"

# Usage errors: exit status 2 with a message; a missing database is not created.
if "$CAREPLEDGE" export --db "$TMP/a.db" --out "$TMP/x" 2> "$TMP/err"; then fail "no --year"; fi
grep -q -- "--year YYYY/YY is required" "$TMP/err" || fail "usage: $(cat "$TMP/err")"
if "$CAREPLEDGE" export --db "$TMP/none.db" --year 2025/26 --out "$TMP/x" 2> "$TMP/err"; then
  fail "missing db accepted"
fi
grep -q "no database at" "$TMP/err" || fail "missing db message: $(cat "$TMP/err")"
[ ! -e "$TMP/none.db" ] || fail "export created a database"
echo ok
