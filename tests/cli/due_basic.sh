# carepledge due: the worklist from 903 data and record templates, its filters
# and formats, and its usage errors.
. "$(dirname "$0")/lib.bash"
db="$TMP/t.db"
rec="$TMP/records/2009-10"
mkdir -p "$rec"
printf 'CHILD,VISIT_DATE,SEEN_ALONE\nA003,05/03/2010,yes\n' > "$rec/visits.csv"
printf 'CHILD,DOB,REVIEW,REVIEW_CODE\nA001,15/06/1993,10/02/2010,PN1\n' > "$rec/reviews.csv"
"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" "$TMP/records" > /dev/null

"$CAREPLEDGE" due --db "$db" --at 2010-03-31 --format csv > "$TMP/all"
expect_eq "csv header" "child,item,due,status,days_overdue,rule" "$(head -1 "$TMP/all")"
# A003 became looked after on Monday 01/03/2010: first review 20 working days
# later (29/03), two days overdue on 31/03; the visit of 05/03 puts the next
# one 6 weeks on.
expect_eq "A003 review" "A003,review,2010-03-29,overdue,2" \
  "$(grep '^A003,review,' "$TMP/all" | cut -d, -f1-5)"
expect_eq "A003 visit" "A003,visit,2010-04-16,due,0" \
  "$(grep '^A003,visit,' "$TMP/all" | cut -d, -f1-5)"
grep -q '^A003,review,.*,CPPCR 2010 reg 33(1): ' "$TMP/all" || fail "review rule cited"
# A001's one review (10/02/2010) puts the second 3 months later; A001 is an
# eligible child, 16 on 15/06/2009: needs assessment by 15/09/2009.
expect_eq "A001 review" "A001,review,2010-05-10,due,0" \
  "$(grep '^A001,review,' "$TMP/all" | cut -d, -f1-5)"
expect_eq "A001 needs assessment" "A001,needs_assessment,2009-09-15,overdue,197" \
  "$(grep '^A001,needs_assessment,' "$TMP/all" | cut -d, -f1-5)"
# A002 left care on 01/02/2010 aged 18: no looked-after items, and personal
# adviser contact 2 months after leaving. A004 is on short breaks only.
expect_eq "A002 items" "A002,pa_contact,2010-04-01,due,0" "$(grep '^A002,' "$TMP/all" | cut -d, -f1-5)"
expect_eq "A004 owes nothing here" "" "$(grep '^A004,' "$TMP/all" || true)"
# Every item name and status is from the documented lists.
cut -d, -f2 "$TMP/all" | tail -n +2 | sort -u | while read -r item; do
  case "$item" in
    care_plan|review|visit|health_assessment|dental_check|sdq|education_plan|needs_assessment|pathway_plan_review|pa_contact) ;;
    *) fail "unknown item $item" ;;
  esac
done

# --overdue, --within and --child filter; text and JSON carry the same rows.
"$CAREPLEDGE" due --db "$db" --at 2010-03-31 --format csv --overdue > "$TMP/overdue"
[ "$(tail -n +2 "$TMP/overdue" | cut -d, -f4 | sort -u)" = "overdue" ] || fail "--overdue"
# 10: A003 came into care on an interim care order (C1), so no care plan is
# owed (CPPCR 2010 reg 4(2), CA89 s31A); it was 11 before issue 12.
expect_eq "overdue rows" 10 "$(tail -n +2 "$TMP/overdue" | wc -l)"
"$CAREPLEDGE" due --db "$db" --at 2010-03-31 --format csv --within 16 --child A003 > "$TMP/a003"
expect_eq "--within 16 keeps the visit of 16/04" "A003,visit,2010-04-16" \
  "$(tail -1 "$TMP/a003" | cut -d, -f1-3)"
# 4: no care plan for A003, on an interim care order (CPPCR 2010 reg 4(2),
# CA89 s31A); 5 before issue 12.
expect_eq "--within and --child rows" 4 "$(tail -n +2 "$TMP/a003" | wc -l)"
"$CAREPLEDGE" due --db "$db" --at 31/03/2010 --within 15 --child A003 --format csv > "$TMP/a003b"
expect_eq "--within 15 drops it" 3 "$(tail -n +2 "$TMP/a003b" | wc -l)"
"$CAREPLEDGE" due --db "$db" --at 2010-03-31 --child A003 > "$TMP/text"
grep -Eq '^A003 +review +2010-03-29 +overdue +2 +CPPCR' "$TMP/text" || fail "text: $(cat "$TMP/text")"
"$CAREPLEDGE" due --db "$db" --at 2010-03-31 --child A003 --format json > "$TMP/json"
json_check json "$TMP/json" \
  'any(.[]; .item == "review" and .due == "2010-03-29" and .status == "overdue"
            and .days_overdue == 2)'

# A council's extra holiday moves a working-day due date: the first review, 20
# working days after 01/03/2010 (29/03), moves to 30/03. (This used A003's
# care plan until issue 12: on an interim care order it owes none.)
printf 'date,action,name\n2010-03-10,add,Local test holiday\n' > "$TMP/hol.csv"
expect_eq "--holidays" "A003,review,2010-03-30" \
  "$("$CAREPLEDGE" due --db "$db" --at 2010-03-31 --child A003 --holidays "$TMP/hol.csv" \
      --format csv | grep ',review,' | cut -d, -f1-3)"

# Usage errors: exit 2 with a message.
for args in "--at 2010-03-31" "--db $db --at 31/02/2010" "--db $db --at 2010-03-31 --within x" \
  "--db $db --at 2010-03-31 --child Z9" "--db $db --at 2010-03-31 --format xml" \
  "--db $TMP/none.db --at 2010-03-31"; do
  status=0
  # shellcheck disable=SC2086
  "$CAREPLEDGE" due $args > /dev/null 2> "$TMP/err" || status=$?
  expect_eq "exit status for: $args" 2 "$status"
  grep -q "^carepledge due: " "$TMP/err" || fail "message for $args: $(cat "$TMP/err")"
done
grep -q "no database at" "$TMP/err" || fail "missing database message"
[ ! -e "$TMP/none.db" ] || fail "due created a database"
echo "ok"
