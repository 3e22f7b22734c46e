#!/usr/bin/env bash
# Import limits and plausibility: each refused as file:line:column: FIELD:
# message, and nothing imported — a CHILD id longer than 10 characters, a UPN,
# postcode or URN too long, invalid UTF-8, a date before 1900 or long after
# the return's year; a file that changes while it is read; and a warning
# naming both lines for two rows of one file with the same key.
. "$(dirname "$0")/lib.bash"

head='CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'
# refused NAME CONTENT... MESSAGE: the import of one header.csv fails with MESSAGE.
refused() {
  local name=$1 message=${*: -1} status=0
  mkdir -p "$TMP/$name"
  printf '%s\n' "$head" "${@:2:$#-2}" > "$TMP/$name/header.csv"
  "$CAREPLEDGE" import --db "$TMP/$name.db" --year 2009/10 "$TMP/$name" > /dev/null 2> "$TMP/err" || status=$?
  expect_eq "$name: exit status" 2 "$status"
  grep -qF -- "$message" "$TMP/err" || fail "$name: expected '$message', got: $(cat "$TMP/err")"
  expect_eq "$name: nothing imported" 0 "$(sqlite3 "$TMP/$name.db" 'SELECT count(*) FROM header' 2> /dev/null || echo 0)"
}

refused long_child 'A0000000001,1,15/06/1993,WBRI,,,' \
  'header.csv:2:1: CHILD: 11 characters, longer than the 10 this field can hold'
refused huge_child "$(head -c 100000 /dev/zero | tr '\0' 'A'),1,15/06/1993,WBRI,,," \
  'header.csv:2:1: CHILD: 100000 characters'
refused long_upn 'A1,1,15/06/1993,WBRI,A12345678901234,,' 'header.csv:2:22: UPN: 15 characters'
refused bad_utf8 "$(printf 'A\xff1'),1,15/06/1993,WBRI,,," 'header.csv:2:1: CHILD: not valid UTF-8 text'
refused overlong_utf8 "$(printf 'A\xc0\xaf1'),1,15/06/1993,WBRI,,," 'CHILD: not valid UTF-8 text'
refused year_one 'A1,1,15/06/0001,WBRI,,,' "header.csv:2:6: DOB: '15/06/0001' is not a plausible date"
refused year_9999 'A1,1,15/06/9999,WBRI,,,' "DOB: '15/06/9999' is not a plausible date"
refused after_year 'A1,1,15/06/2013,WBRI,,,' "DOB: '15/06/2013' is not a plausible date: dates run from 01/01/1900 to 31/03/2011"

# Postcodes and URNs on an episode.
mkdir -p "$TMP/post"
printf '%s\n' "$head" 'A1,1,15/06/1993,WBRI,,,' > "$TMP/post/header.csv"
printf '%s\n' 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN' \
  'A1,01/01/2009,S,C2,N1,F4,PR1,,,,BH19 9EXXX,,SC1234567' > "$TMP/post/episodes.csv"
status=0
"$CAREPLEDGE" import --db "$TMP/post.db" --year 2009/10 "$TMP/post" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "postcode: exit status" 2 "$status"
grep -q "HOME_POST: 10 characters, longer than the 8" "$TMP/err" || fail "postcode: $(cat "$TMP/err")"
grep -q "URN: 9 characters, longer than the 8" "$TMP/err" || fail "URN: $(cat "$TMP/err")"

# OC2's SDQ score runs 0 to 40 (DfE 903 rule 180), as the SDQ template's:
# 41 is refused (or marked with --keep-invalid), 40 is stored.
mkdir -p "$TMP/sdq"
printf '%s\n' "$head" 'A1,1,15/06/1998,WBRI,,,' > "$TMP/sdq/header.csv"
oc2() {
  printf '%s\n' 'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED' \
    "A1,15/06/1998,$1,,0,1,1,1,1,0,," > "$TMP/sdq/oc2.csv"
}
oc2 41
status=0
"$CAREPLEDGE" import --db "$TMP/sdq.db" --year 2009/10 "$TMP/sdq" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "SDQ 41: exit status" 2 "$status"
grep -qF "oc2.csv:2:15: SDQ_SCORE: '41' is not an SDQ total difficulties score (0 to 40" "$TMP/err" ||
  fail "SDQ 41: $(cat "$TMP/err")"
"$CAREPLEDGE" import --db "$TMP/sdq_kept.db" --year 2009/10 --keep-invalid "$TMP/sdq" > /dev/null 2> "$TMP/err" ||
  fail "SDQ 41 kept: $(cat "$TMP/err")"
expect_eq "SDQ 41 kept as unknown" "|41" "$(sqlite3 "$TMP/sdq_kept.db" "SELECT coalesce(o.sdq_score, ''), m.value FROM oc2 o JOIN value_marks m ON m.child = o.child AND m.field = 'SDQ_SCORE'")"
oc2 40
"$CAREPLEDGE" import --db "$TMP/sdq.db" --year 2009/10 "$TMP/sdq" > /dev/null 2> "$TMP/err" || fail "SDQ 40: $(cat "$TMP/err")"
expect_eq "SDQ 40 stored" 40 "$(sqlite3 "$TMP/sdq.db" 'SELECT sdq_score FROM oc2')"

# Duplicate keys in one file: imported, with a warning naming both lines.
mkdir -p "$TMP/dup"
printf '%s\n' "$head" 'A1,1,15/06/1993,WBRI,,,' 'A2,2,01/02/1992,AIND,,,' 'A1,1,15/06/1993,WBRI,,,' > "$TMP/dup/header.csv"
"$CAREPLEDGE" import --db "$TMP/dup.db" --year 2009/10 "$TMP/dup" > "$TMP/out" 2> "$TMP/err"
grep -q "header.csv:2:1: CHILD: warning: lines 2 and 4 are the same Header record of 'A1'" "$TMP/err" ||
  fail "duplicate: $(cat "$TMP/err")"
expect_eq "duplicate: rows stored" 2 "$(db_count "$TMP/dup.db" header)"

# A file that is still being written while the import reads it.
mkdir -p "$TMP/grow"
{ echo "$head"; for i in $(seq 1 40000); do echo "G$i,1,15/06/1993,WBRI,,,"; done; } > "$TMP/grow/header.csv"
( while :; do echo "Z1,1,15/06/1993,WBRI,,," >> "$TMP/grow/header.csv"; done ) &
writer=$!
status=0
"$CAREPLEDGE" import --db "$TMP/grow.db" --year 2009/10 "$TMP/grow" > /dev/null 2> "$TMP/err" || status=$?
kill "$writer"
wait "$writer" 2> /dev/null || true
expect_eq "growing file: exit status" 2 "$status"
grep -q "header.csv: the file changed while it was being read" "$TMP/err" || fail "growing file: $(cat "$TMP/err" | head -3)"
echo "import_limits: ok"
