# carepledge compliance: items that fell due in a period, done on time, late or
# not at all, per item, in every format; usage errors.
. "$(dirname "$0")/lib.bash"
db="$TMP/t.db"
rec="$TMP/records/2009-10"
mkdir -p "$rec"
printf 'CHILD,VISIT_DATE,SEEN_ALONE\nA003,05/03/2010,yes\n' > "$rec/visits.csv"
printf 'CHILD,DOB,REVIEW,REVIEW_CODE\nA003,29/02/1996,31/03/2010,PN1\n' > "$rec/reviews.csv"
"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" "$TMP/records" > /dev/null

"$CAREPLEDGE" compliance --db "$db" --from 2009-04-01 --to 31/03/2010 --format csv > "$TMP/c"
expect_eq "header" "item,fell_due,on_time,late,not_done,on_time_rate" "$(head -1 "$TMP/c")"
expect_eq "one row per item" 11 "$(wc -l < "$TMP/c")"
# A003, looked after from 01/03/2010: visit due 08/03 done 05/03 (on time);
# first review due 29/03 held 31/03 (late); on an interim care order (C1), so
# no 10-working-day care plan fell due (CPPCR 2010 reg 4(2) excepts CA89 s31A;
# before issue 12 it was counted as due 15/03 and not done).
# A001 (eligible, 16 on 15/06/2009): needs assessment due 15/09/2009 not done.
expect_eq "visit" "visit,1,1,0,0,100.0" "$(grep '^visit,' "$TMP/c")"
expect_eq "review" "review,1,0,1,0,0.0" "$(grep '^review,' "$TMP/c")"
expect_eq "care plan" "care_plan,0,0,0,0," "$(grep '^care_plan,' "$TMP/c")"
expect_eq "needs assessment" "needs_assessment,1,0,0,1,0.0" "$(grep '^needs_assessment,' "$TMP/c")"
expect_eq "nothing fell due: no rate" "pa_contact,0,0,0,0," "$(grep '^pa_contact,' "$TMP/c")"
"$CAREPLEDGE" compliance --db "$db" --from 2009-04-01 --to 2010-03-31 --format json > "$TMP/j"
json_check json "$TMP/j" 'any(.[]; . == {"item": "visit", "fell_due": 1, "on_time": 1, "late": 0,
                                          "not_done": 0, "on_time_rate": 100.0})'
json_check "json null rate" "$TMP/j" '(.[] | select(.item == "pa_contact") | .on_time_rate) == null'
"$CAREPLEDGE" compliance --db "$db" --from 2009-04-01 --to 2010-03-31 > "$TMP/t"
grep -Eq '^review +1 +0 +1 +0 +0.0$' "$TMP/t" || fail "text: $(cat "$TMP/t")"

for args in "--db $db --from 2010-03-31" "--db $db --from 2010-04-01 --to 2010-03-31" \
  "--db $db --from 2010-13-01 --to 2011-01-01" "--db $TMP/none.db --from 2010-01-01 --to 2010-03-31"; do
  status=0
  # shellcheck disable=SC2086
  "$CAREPLEDGE" compliance $args > /dev/null 2> "$TMP/err" || status=$?
  expect_eq "exit status for: $args" 2 "$status"
  grep -q "^carepledge compliance: " "$TMP/err" || fail "message for $args: $(cat "$TMP/err")"
done
echo "ok"
