# survey: a round with single-use codes printed once; a code answers once, and a
# used or made-up code is refused with the same message; paper answers from a
# CSV, all or nothing, each problem at file:line:column; the results per promise
# and the scorecard's survey indicators with the number who answered, small
# numbers withheld when published; synth --survey fills every survey promise.
. "$(dirname "$0")/lib.bash"
db=$TMP/s.db
"$CAREPLEDGE" synth --out "$TMP/903" --profile dorset-2010 --seed 2010 --children 300 \
  --survey "$TMP/survey.csv" > /dev/null
"$CAREPLEDGE" import --db "$db" "$TMP/903" > /dev/null
s() { "$CAREPLEDGE" survey "$@" --db "$db"; }

# Before any answers, every survey promise shows its question and no figure.
"$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --format json > "$TMP/before.json"
json_check "no survey figures yet" "$TMP/before.json" \
  '[.indicators[] | select(.indicator | startswith("survey_")) | .status] | unique == ["survey"]'

s open "Spring 2010" --year 2009/10 --opened 2010-02-01 > /dev/null
s codes "Spring 2010" --count 3 > "$TMP/codes.txt"
expect_eq "codes printed" 3 "$(grep -c -E '^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$' "$TMP/codes.txt")"
code=$(grep -v '^#' "$TMP/codes.txt" | head -1)
# The code is kept only as a hash.
! sqlite3 "$db" .dump | grep -q -e "$code" -e "${code//-/}" || fail "a code is stored as printed"

s take --code "$code" --version age_8_11 survey_know_me=always survey_feel_settled=never > /dev/null
status=0; s take --code "$code" --version age_8_11 survey_know_me=never 2> "$TMP/used" || status=$?
expect_eq "second use status" 2 "$status"
status=0; s take --code "ABCD-EFGH-JKMN" --version age_8_11 survey_know_me=never 2> "$TMP/never" || status=$?
expect_eq "unknown code status" 2 "$status"
diff "$TMP/used" "$TMP/never" > /dev/null || fail "a used and an unknown code are told apart: $(cat "$TMP/used" "$TMP/never")"
grep -q "this code cannot be used" "$TMP/used" || fail "refusal: $(cat "$TMP/used")"
s rounds | grep -q "^Spring 2010 .* codes 3, used 1$" || fail "rounds: $(s rounds)"

s results "Spring 2010" --format csv > "$TMP/spring.csv"
grep -qx "3.3,survey_know_me,all,1,1,0,0,0,1,100" "$TMP/spring.csv" || fail "results: $(grep know_me "$TMP/spring.csv")"
s results "Spring 2010" --publish --format csv > "$TMP/spring_pub.csv"
grep -qx "3.3,survey_know_me,all,c,c,0,0,0,c,c" "$TMP/spring_pub.csv" \
  || fail "published results: $(grep know_me "$TMP/spring_pub.csv")"

# Paper answers: a bad line names file, line, column and field, and nothing is added.
printf 'round,year,question,version,answer,count\nPaper,2009/10,survey_know_me,age_11_18,always,4\nPaper,2009/10,survey_know_me,age_11_18,often,2\n' > "$TMP/bad.csv"
status=0; s import "$TMP/bad.csv" 2> "$TMP/err" || status=$?
expect_eq "bad import status" 2 "$status"
grep -q "bad.csv:3:40: answer: is one of always, mostly, sometimes, never" "$TMP/err" || fail "bad import: $(cat "$TMP/err")"
s rounds | grep -q "^Paper " && fail "a refused import opened a round"
printf 'round,year,question,version,answer,count\nPaper,2009/10,survey_prepared_for_leaving_care,under_8,always,4\n' > "$TMP/bad2.csv"
status=0; s import "$TMP/bad2.csv" 2> "$TMP/err" || status=$?
grep -q "version: this question is not asked of this age group" "$TMP/err" || fail "bad version: $(cat "$TMP/err")"

# synth's made-up answers: every survey promise gets a figure with the number who answered.
s import "$TMP/survey.csv"
"$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --years 4 --format json > "$TMP/after.json"
json_check "every survey indicator has a figure" "$TMP/after.json" \
  '[.indicators[] | select(.indicator | startswith("survey_")) | .status] | unique == ["computed"]'
"$CAREPLEDGE" scorecard --db "$db" --year 2009/10 > "$TMP/after.txt"
grep -A1 "\[survey_know_me\]" "$TMP/after.txt" | grep -q -E "2009/10: [0-9]+% \([0-9]+ of [0-9]+ answered\)" \
  || fail "n answered: $(grep -A1 survey_know_me "$TMP/after.txt")"
# And in the CSV.
"$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --format csv | grep '^3.3,.*survey_know_me' > /dev/null \
  || fail "csv row"
