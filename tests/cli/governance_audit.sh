#!/usr/bin/env bash
# A governance change and its audit row are one transaction: when the audit
# row cannot be written (a trigger here refuses every insert into the audit
# log), the import fails and no row of it is saved, the seed included; once
# the audit can be written, the same import saves its rows and its audit row.
. "$(dirname "$0")/lib.bash"
db=$TMP/t.db
"$CAREPLEDGE" synth --out "$TMP/903" --profile dorset-2010 --seed 3 --children 30 > /dev/null
"$CAREPLEDGE" import --db "$db" "$TMP/903" > /dev/null
cat > "$TMP/meetings.csv" <<CSV
ID,GROUP_ID,HELD_ON,ATTENDANCE,PAPERS,MINUTES,DECISIONS,CICC_REPORT,STRATEGY_REPORT,DIRECTOR_INVITED,LEAD_MEMBER_INVITED,ELECTED_MEMBER_INVITED
M1,cicc,2010-03-01,,,,,N,N,Y,Y,Y
CSV
cat > "$TMP/issues.csv" <<CSV
ID,MEETING_ID,RAISED_ON,ISSUE,NOTED_ON,FORWARDED_ON,DIRECTED_TO,DIRECTED_ON,ANSWERED_ON,RESPONSE,CONVEYED_ON,WE_DID
I1,M1,2010-03-01,Bus passes,,,,,2010-03-20,Agreed,,Bus passes are paid
CSV
audit_rows() { db_count "$db" audit; }
before=$(audit_rows)
sqlite3 "$db" "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is full'); END;"
status=0
"$CAREPLEDGE" governance import --db "$db" "$TMP/meetings.csv" "$TMP/issues.csv" 2> "$TMP/err" || status=$?
expect_eq "import refused when its audit row fails" 2 "$status"
grep -q "audit" "$TMP/err" || fail "the message: $(cat "$TMP/err")"
expect_eq "no meeting saved" 0 "$(db_count "$db" gov_meetings)"
expect_eq "no issue saved" 0 "$(db_count "$db" cicc_issues)"
expect_eq "the seed not stored either" 0 "$(db_count "$db" gov_groups)"
expect_eq "no audit row" "$before" "$(audit_rows)"

sqlite3 "$db" "DROP TRIGGER refuse_audit"
"$CAREPLEDGE" governance import --db "$db" "$TMP/meetings.csv" "$TMP/issues.csv" > /dev/null
expect_eq "meeting saved" 1 "$(db_count "$db" gov_meetings)"
expect_eq "issue saved" 1 "$(db_count "$db" cicc_issues)"
expect_eq "one audit row a table" $((before + 2)) "$(audit_rows)"
sqlite3 "$db" "SELECT action FROM audit ORDER BY seq" > "$TMP/actions"
grep -qx "governance import meetings" "$TMP/actions" || fail "audit: $(cat "$TMP/actions")"
grep -qx "governance import issues" "$TMP/actions" || fail "audit: $(cat "$TMP/actions")"
"$CAREPLEDGE" audit verify --db "$db" > /dev/null || fail "the chain does not verify"
echo ok
