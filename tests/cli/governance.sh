#!/usr/bin/env bash
# carepledge governance: the seed is listed until a table is written; templates
# are recorded all or nothing with every problem named by file, line and
# field; the due report finds a late answer and an overdue one at the 28th and
# 29th days; promise 3.13 of the scorecard is computed once issues are
# recorded (and stays "not available" before); every import is audited.
. "$(dirname "$0")/lib.bash"
db=$TMP/t.db
"$CAREPLEDGE" synth --out "$TMP/903" --profile dorset-2010 --seed 7 --children 40 > /dev/null
"$CAREPLEDGE" import --db "$db" "$TMP/903" > /dev/null
child=$(sqlite3 "$db" "SELECT child FROM header ORDER BY child LIMIT 1")

# Before any issue: 3.13 is not available, as before the governance tables.
"$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --format json > "$TMP/before.json"
json_check "3.13 not available without issues" "$TMP/before.json" \
  '.indicators[] | select(.indicator == "ccc_issues_answered_on_time") | .status == "not available"'

# The seed: four groups, eleven priorities, three scrutiny items.
expect_eq "seeded groups" 5 "$("$CAREPLEDGE" governance list groups --db "$db" | wc -l)"
"$CAREPLEDGE" governance list priorities --db "$db" --format csv > "$TMP/p.csv"
expect_eq "priorities" 11 "$(tail -n +2 "$TMP/p.csv" | grep -c '^P[0-9]')"
expect_eq "issues template" "ID,MEETING_ID,RAISED_ON,ISSUE,NOTED_ON,FORWARDED_ON,DIRECTED_TO,DIRECTED_ON,ANSWERED_ON,RESPONSE,CONVEYED_ON,WE_DID" \
  "$("$CAREPLEDGE" governance template issues)"

# Bad input: every problem named, nothing saved.
cat > "$TMP/meetings.csv" <<CSV
ID,GROUP_ID,HELD_ON,ATTENDANCE,PAPERS,MINUTES,DECISIONS,CICC_REPORT,STRATEGY_REPORT,DIRECTOR_INVITED,LEAD_MEMBER_INVITED,ELECTED_MEMBER_INVITED
M1,cicc,2010-03-01,,,,,N,N,Y,Y,Y
M2,nowhere,2010-02-30,,,,,N,N,N,N,maybe
CSV
cat > "$TMP/issues.csv" <<CSV
ID,MEETING_ID,RAISED_ON,ISSUE,NOTED_ON,FORWARDED_ON,DIRECTED_TO,DIRECTED_ON,ANSWERED_ON,RESPONSE,CONVEYED_ON,WE_DID
I1,M1,2010-03-01,Bus passes,,,,,2010-03-29,Agreed,,Bus passes are paid
I2,M1,2010-03-01,Sleepovers,,,,,2010-03-30,Agreed,,
I3,M1,2010-03-01,Pocket money,,,,,,,,
I4,M9,2010-03-01,Leaflet,,,,,2010-02-01,,,
CSV
status=0
"$CAREPLEDGE" governance import --db "$db" "$TMP/meetings.csv" "$TMP/issues.csv" 2> "$TMP/err" || status=$?
expect_eq "bad import status" 2 "$status"
grep -q "meetings.csv:3:.*GROUP_ID: no groups with id 'nowhere'" "$TMP/err" || fail "group: $(cat "$TMP/err")"
grep -q "meetings.csv:3:.*HELD_ON: '2010-02-30' is not a date" "$TMP/err" || fail "date: $(cat "$TMP/err")"
grep -q "meetings.csv:3:.*ELECTED_MEMBER_INVITED: 'maybe' is not Y or N" "$TMP/err" || fail "flag"
grep -q "issues.csv:5:.*ANSWERED_ON: 2010-02-01 is before the issue was raised" "$TMP/err" || fail "order: $(cat "$TMP/err")"
grep -q "nothing was saved" "$TMP/err" || fail "summary"
expect_eq "nothing saved" 0 "$(sqlite3 "$db" "SELECT count(*) FROM gov_meetings")"

# The good rows: I1 answered on the 28th day, I2 on the 29th, I3 not yet.
sed -i '/^M2/d' "$TMP/meetings.csv"
sed -i '/^I4/d' "$TMP/issues.csv"
"$CAREPLEDGE" governance import --db "$db" "$TMP/issues.csv" "$TMP/meetings.csv" > "$TMP/out"
grep -q "^4 governance rows recorded" "$TMP/out" || fail "recorded: $(cat "$TMP/out")"
status=0
"$CAREPLEDGE" governance due --db "$db" --at 2010-03-30 > "$TMP/due" || status=$?
expect_eq "due finds overdue" 1 "$status"
grep -q "^done late .*I2" "$TMP/due" || fail "29th day: $(cat "$TMP/due")"
grep -q "^overdue .*I3" "$TMP/due" || fail "unanswered after 28 days: $(cat "$TMP/due")"
grep -q " I1 " "$TMP/due" && fail "answered on the 28th day is in time"
grep -q "Director of Children's Services.*" "$TMP/due" || fail "regular items"
grep -q "1 of 3 CiCC issues" "$TMP/due" || fail "3.13 in the due report: $(cat "$TMP/due")"

# 3.13 in the scorecard: deadlines 29 March (I1, I2, I3) fall in 2009/10.
"$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --format json > "$TMP/after.json"
json_check "3.13 computed" "$TMP/after.json" \
  '.indicators[] | select(.indicator == "ccc_issues_answered_on_time") | .status == "computed"'
"$CAREPLEDGE" scorecard --db "$db" --year 2009/10 | grep -A1 "28 days" | grep -q "33% (1 of 3)" ||
  fail "3.13 figure"

# You said, we did: only issues with what was done, no names.
"$CAREPLEDGE" governance you-said --db "$db" > "$TMP/said"
expect_eq "you said" 2 "$(wc -l < "$TMP/said")"
grep -q "Bus passes are paid" "$TMP/said" || fail "we did"

# Participation needs a known child and a mode only for attendance.
cat > "$TMP/part.csv" <<CSV
ID,CHILD,EVENT,ON_DATE,MODE,MEETING_ID
E1,$child,attendance,2010-03-01,,M1
E2,NOBODY,offer,2010-03-01,,
CSV
status=0
"$CAREPLEDGE" governance import --db "$db" "$TMP/part.csv" 2> "$TMP/err" || status=$?
expect_eq "participation refused" 2 "$status"
grep -q "part.csv:2:.*MODE: an attendance needs its mode" "$TMP/err" || fail "mode"
grep -q "part.csv:3:.*CHILD: no child 'NOBODY'" "$TMP/err" || fail "child"

# An id given twice in one file is refused at its second line.
printf 'ID,GROUP_ID,HELD_ON,ATTENDANCE,PAPERS,MINUTES,DECISIONS,CICC_REPORT,STRATEGY_REPORT,DIRECTOR_INVITED,LEAD_MEMBER_INVITED,ELECTED_MEMBER_INVITED\nMX1,cicc,2010-03-01,,,,,N,N,Y,Y,Y\nMX1,cicc,2010-03-02,,,,,N,N,Y,Y,Y\n' > "$TMP/dup.csv"
status=0
"$CAREPLEDGE" governance import --db "$db" "$TMP/dup.csv" 2> "$TMP/err" || status=$?
expect_eq "duplicate id refused" 2 "$status"
grep -q "dup.csv:3:1: ID: id 'MX1' is given twice in this file" "$TMP/err" || fail "dup: $(cat "$TMP/err")"

# Every import is audited.
"$CAREPLEDGE" audit show --db "$db" > "$TMP/audit" 2>&1 || true
grep -q "governance import issues" "$TMP/audit" || fail "audit: $(cat "$TMP/audit")"
echo ok
