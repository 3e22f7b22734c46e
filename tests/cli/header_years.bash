# Shared by tests/cli/validate_db_header_years.sh (SQLite) and
# tests/cli/pg_header_years.sh (PostgreSQL): each year's Header
# (schema/sqlite/027_header_years.sql). A girl (G1) in care in 2023/24 and
# 2024/25 whose MOTHER was 0 in 2023/24's return and blank in 2024/25's, as
# C000048 of the synthetic "recent" history (seed 77); a boy (B1) whose
# Header never changes. Sourced after lib.bash.

# header_years_returns DIR: the two returns, one folder a year.
header_years_returns() {
  local dir=$1 y
  local h='CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'
  local e='CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN'
  mkdir -p "$dir/2023-24" "$dir/2024-25"
  printf '%s\nG1,2,13/01/2007,WBRI,A835254812817,0,\nB1,1,02/02/2008,WBRI,B835254812818,,\n' "$h" \
    > "$dir/2023-24/header.csv"
  printf '%s\nG1,F,13/01/2007,WBRI,A835254812817,,\nB1,M,02/02/2008,WBRI,B835254812818,,\n' "$h" \
    > "$dir/2024-25/header.csv"
  for y in 2023-24 2024-25; do
    printf '%s\nG1,01/05/2022,S,C2,N1,U1,PR1,,,,,,\nB1,01/05/2022,S,C2,N1,U1,PR1,,,,,,\n' "$e" \
      > "$dir/$y/episodes.csv"
  done
}

# rule_rows DB YEAR RULE: the rows validate --db of YEAR names for RULE.
rule_rows() {
  "$CAREPLEDGE" validate --db "$1" --year "$2" --format csv 2> /dev/null | grep -c ",$3," || true
}

# header_years_check DB WHAT: after the two returns are imported into DB, in
# either order: 2023/24 from the store does not fail 393 (nor 165) for G1,
# 2024/25 still does; export of each year writes that year's own Header; one
# entry is stored (B1 has none).
header_years_check() {
  local db=$1 what=$2 y
  expect_eq "$what: 393 in 2023/24" 0 "$(rule_rows "$db" 2023/24 393)"
  expect_eq "$what: 165 in 2023/24" 0 "$(rule_rows "$db" 2023/24 165)"
  expect_eq "$what: 393 in 2024/25 (Header and episode)" 2 "$(rule_rows "$db" 2024/25 393)"
  for y in 2023-24 2024-25; do
    rm -rf "$TMP/export"
    "$CAREPLEDGE" export --db "$db" --year "${y/-//}" --out "$TMP/export" > /dev/null ||
      fail "$what: export of $y"
    diff <(sort "$TMP/export/header.csv") <(sort "$TMP/903/$y/header.csv") > /dev/null ||
      fail "$what: $y's exported Header is not the return's: $(cat "$TMP/export/header.csv")"
  done
}
