# The visit regimes the 903 cannot tell (docs/due.md, docs/templates.md): a
# VisitRegimes statement puts a placement under CPPCR 2010 reg 28(4) (reg 24,
# connected person with temporary approval) or reg 28(3) (reg 19, placed with a
# parent before the assessment is complete), and a later `standard` ends it.
# due and compliance follow it; a child on short breaks only (reg 48) owes no
# visit. Every child here came into care on Monday 01/03/2010.
. "$(dirname "$0")/lib.bash"
db="$TMP/t.db"
d="$TMP/in/2009-10"
mkdir -p "$d"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nB001,2,04/04/2001,WBRI,,,\nB002,1,09/09/2006,WBRI,,,\nB003,1,02/02/2000,WBRI,,,\n' \
  > "$d/header.csv"
printf '%s\n' 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN' \
  'B001,01/03/2010,S,C2,N1,Q1,PR1,,,,,,' \
  'B002,01/03/2010,S,C2,N1,P1,PR0,,,,,,' \
  'B003,01/03/2010,S,V3,N2,Q2,PR1,03/03/2010,E13,,,,' > "$d/episodes.csv"
printf 'CHILD,VISIT_DATE,SEEN_ALONE\nB001,05/03/2010,yes\nB002,05/03/2010,no\nB003,02/03/2010,yes\n' > "$d/visits.csv"
# B002's statement was made on Friday 26/02, before the placement: it counts from 01/03.
printf 'CHILD,REGIME_DATE,REGIME\nB001,01/03/2010,REG24_temporary_approval\nB002,26/02/2010,reg19_assessment_pending\nB003,01/03/2010,reg24_temporary_approval\n' \
  > "$d/regimes.csv"
"$CAREPLEDGE" import --db "$db" "$TMP/in" > "$TMP/out"
grep -q "VisitRegimes *3" "$TMP/out" || fail "per-template count: $(cat "$TMP/out")"
expect_eq "stored lower-case" "reg24_temporary_approval" \
  "$(sqlite3 "$db" "SELECT regime FROM visit_regimes WHERE child = 'B001'")"

# Weekly: the visit of Friday 05/03 makes the next due on Friday 12/03, the
# 7th day after it; on the 8th it is overdue.
"$CAREPLEDGE" due --db "$db" --at 2010-03-12 --format csv > "$TMP/due"
expect_eq "B001 on the 7th day" "B001,visit,2010-03-12,due,0" \
  "$(grep '^B001,visit,' "$TMP/due" | cut -d, -f1-5)"
grep -q '^B001,visit,.*,CPPCR 2010 reg 28(4): placed with a connected person under temporary approval (reg 24): visits at least weekly until the first review$' \
  "$TMP/due" || fail "B001 rule: $(grep '^B001,visit,' "$TMP/due")"
expect_eq "B002 weekly under reg 28(3)" "B002,visit,2010-03-12,due,0" \
  "$(grep '^B002,visit,' "$TMP/due" | cut -d, -f1-5)"
grep -q '^B002,visit,.*,CPPCR 2010 reg 28(3): ' "$TMP/due" || fail "B002 rule"
expect_eq "B003 on short breaks owes nothing" "" "$(grep '^B003,' "$TMP/due" || true)"
"$CAREPLEDGE" due --db "$db" --at 2010-03-13 --child B001 --format csv > "$TMP/due13"
expect_eq "B001 on the 8th day" "B001,visit,2010-03-12,overdue,1" \
  "$(grep '^B001,visit,' "$TMP/due13" | cut -d, -f1-5)"

# Compliance over March: each child's first visit (due 08/03) on time, the
# weekly one due 12/03 not done; nothing for B003.
"$CAREPLEDGE" compliance --db "$db" --from 2010-03-01 --to 2010-03-31 --format csv > "$TMP/comp"
expect_eq "visit compliance" "visit,4,2,0,2,50.0" "$(grep '^visit,' "$TMP/comp")"

# B001's carer is fully approved on Wednesday 10/03: reg 28(2) again, 6 weeks
# after the last visit (05/03 + 42 = 16/04); the weekly visit never fell due.
mkdir -p "$TMP/more/2009-10"
printf 'CHILD,REGIME_DATE,REGIME\nB001,10/03/2010,standard\n' > "$TMP/more/2009-10/regimes.csv"
"$CAREPLEDGE" import --db "$db" "$TMP/more" > /dev/null
"$CAREPLEDGE" due --db "$db" --at 2010-03-13 --child B001 --format csv > "$TMP/due13"
expect_eq "B001 after approval" "B001,visit,2010-04-16,due,0" \
  "$(grep '^B001,visit,' "$TMP/due13" | cut -d, -f1-5)"
grep -q '^B001,visit,.*,CPPCR 2010 reg 28(2): ' "$TMP/due13" || fail "B001 rule after approval"
"$CAREPLEDGE" compliance --db "$db" --from 2010-03-01 --to 2010-03-31 --format csv > "$TMP/comp"
expect_eq "visit compliance after approval" "visit,3,2,0,1,66.7" "$(grep '^visit,' "$TMP/comp")"
echo ok
