# What councils' files look like: CRLF, a UTF-8 byte-order mark, quoted fields,
# lower-case codes, columns in another order; the year from --year or the dates.
. "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/in"
printf '\xef\xbb\xbfCHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n"B1",2,"01/02/1995",wbri,,,\r\n' > "$TMP/in/h.csv"
printf 'DECOM,CHILD,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n' > "$TMP/in/e.csv"
printf '01/05/2009,B1,s,c2,n1,q2,pr1,,,,"DT1 1AA","DT2, 2BB",\r\n' >> "$TMP/in/e.csv"
db="$TMP/t.db"
"$CAREPLEDGE" import --db "$db" "$TMP/in" > "$TMP/out" || fail "import: $(cat "$TMP/out")"
grep -q "collection years 2009/10 to 2009/10" "$TMP/out" || fail "year from dates: $(cat "$TMP/out")"
expect_eq "codes upper-cased" "2|WBRI" "$(sqlite3 "$db" "SELECT sex || '|' || ethnic FROM header")"
expect_eq "episode" "S|C2|Q2|DT2, 2BB" "$(sqlite3 "$db" "SELECT rne||'|'||ls||'|'||place||'|'||pl_post FROM episodes")"
expect_eq "source year" 2010 "$(sqlite3 "$db" "SELECT source_year FROM episodes")"
# The date UASC status ceases (DUC, at the latest the 18th birthday) may be
# years ahead: it is no event of the return's year.
mkdir -p "$TMP/uasc"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nU1,1,01/02/1995,WBRI,,,\n' > "$TMP/uasc/h.csv"
printf 'DECOM,CHILD,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' > "$TMP/uasc/e.csv"
printf '01/05/2009,U1,S,C2,N1,Q2,PR1,,,,,,\n' >> "$TMP/uasc/e.csv"
printf 'CHILD,SEX,DOB,DUC\nU1,1,01/02/1995,01/02/2013\n' > "$TMP/uasc/u.csv"
"$CAREPLEDGE" import --db "$TMP/uasc.db" "$TMP/uasc" > "$TMP/out" || fail "import with DUC: $(cat "$TMP/out")"
grep -q "collection years 2009/10 to 2009/10" "$TMP/out" || fail "year from a DUC: $(cat "$TMP/out")"

# --year overrides what the dates say.
db2="$TMP/t2.db"
"$CAREPLEDGE" import --db "$db2" --year 2010/11 "$TMP/in" > /dev/null
expect_eq "forced year" 2011 "$(sqlite3 "$db2" "SELECT source_year FROM episodes")"
if "$CAREPLEDGE" import --db "$db2" --year 2010-2012 "$TMP/in" 2> "$TMP/err"; then fail "bad --year accepted"; fi
grep -q "is not a collection year" "$TMP/err" || fail "bad year message"

# The disability list overrides CIN N2 for the profile.
printf 'child,disabled\nB1,yes\n' > "$TMP/dis.csv"
"$CAREPLEDGE" import --db "$db" --disability "$TMP/dis.csv" "$TMP/in" > /dev/null
expect_eq "disabled override" 1 "$(sqlite3 "$db" "SELECT disabled FROM disability WHERE child='B1'")"
"$CAREPLEDGE" profile --db "$db" --at 2010-03-31 --format csv > "$TMP/p"
grep -qx "Children and young people in care full time,Disabled,1" "$TMP/p" || fail "override not used: $(cat "$TMP/p")"
# A link back up the tree is refused, not followed for ever.
mkdir -p "$TMP/loop/a" && ln -s "$TMP/loop" "$TMP/loop/a/up"
if "$CAREPLEDGE" import --db "$TMP/loop.db" "$TMP/loop" 2> "$TMP/err"; then fail "loop accepted"; fi
grep -q "loop/a/up: a link to a folder already read" "$TMP/err" || fail "loop message: $(cat "$TMP/err")"
echo ok
