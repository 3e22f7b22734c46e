#!/usr/bin/env bash
# Each year's Header on SQLite (schema/sqlite/027_header_years.sql,
# docs/validation.md "Validating the stored return"): validate --db and export
# of 2023/24 use 2023/24's Header, whichever year was imported first; the map
# holds only where a Header changed; importing again changes nothing; migrate
# copies it; erase removes it with the child.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/header_years.bash"
header_years_returns "$TMP/903"

"$CAREPLEDGE" import --db "$TMP/a.db" "$TMP/903" > /dev/null
header_years_check "$TMP/a.db" "both at once"
expect_eq "the one entry" "G1|2024|0" \
  "$(sqlite3 "$TMP/a.db" "SELECT child || '|' || until_year || '|' || mother FROM header_years")"
expect_eq "the latest Header" "|2025" \
  "$(sqlite3 "$TMP/a.db" "SELECT coalesce(mother, '') || '|' || source_year FROM header WHERE child = 'G1'")"

for order in "2023-24 2024-25" "2024-25 2023-24"; do
  db="$TMP/$(echo "$order" | tr -d ' -').db"
  for y in $order; do "$CAREPLEDGE" import --db "$db" "$TMP/903/$y" > /dev/null; done
  header_years_check "$db" "$order"
done

# The same files again change nothing; 2023/24 again, nothing either.
db_dump "$TMP/a.db" > "$TMP/before"
"$CAREPLEDGE" import --db "$TMP/a.db" "$TMP/903" > /dev/null
"$CAREPLEDGE" import --db "$TMP/a.db" "$TMP/903/2023-24" > /dev/null
cmp -s "$TMP/before" <(db_dump "$TMP/a.db") || fail "importing again changed the database"

# A later return with yet another Header keeps both earlier ones.
mkdir -p "$TMP/later/2025-26"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nG1,F,13/01/2007,WBRI,A835254812817,1,02/05/2025\n' \
  > "$TMP/later/2025-26/header.csv"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nG1,01/05/2022,S,C2,N1,U1,PR1,,,,,,\n' \
  > "$TMP/later/2025-26/episodes.csv"
cp "$TMP/a.db" "$TMP/c.db"
"$CAREPLEDGE" import --db "$TMP/c.db" "$TMP/later" > /dev/null
expect_eq "entries after a third Header" "2024|0 2025|" \
  "$(sqlite3 "$TMP/c.db" "SELECT until_year || '|' || coalesce(mother, '') FROM header_years ORDER BY until_year" | tr '\n' ' ' | sed 's/ $//')"
header_years_check "$TMP/c.db" "after 2025/26"

# migrate copies the map, row for row.
"$CAREPLEDGE" migrate --from "$TMP/a.db" --to "$TMP/m.db" > /dev/null
cmp -s <(sqlite3 "$TMP/a.db" "SELECT * FROM header_years") <(sqlite3 "$TMP/m.db" "SELECT * FROM header_years") ||
  fail "migrate lost header_years"
header_years_check "$TMP/m.db" "migrated"

# erase takes the child's map with everything else of the child.
"$CAREPLEDGE" erase --db "$TMP/a.db" --child G1 --reason "test" --yes > /dev/null
expect_eq "erased" 0 "$(db_count "$TMP/a.db" header_years)"
echo ok
