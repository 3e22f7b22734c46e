# A made-up history written with the codes of four eras (tests/fixtures/eras:
# 2009/10, 2015/16, 2021/22, 2025/26) imports whole, and the profile and the
# care leavers on 31 March of each era are the ones worked out by hand below,
# with the older codes read as today's (docs/codes.md).
. "$(dirname "$0")/lib.bash"
db="$TMP/eras.db"
ERAS="$FIXTURES/eras"
"$CAREPLEDGE" import --db "$db" "$ERAS" > "$TMP/out" || fail "import: $(cat "$TMP/out")"
grep -q "collection years 2009/10 to 2025/26" "$TMP/out" || fail "years: $(cat "$TMP/out")"
expect_eq "episodes, each kept once" 18 "$(db_count "$db" episodes)"
# The later return wins: E01's placement, Q2 in 2009/10, is U4 from 2015/16.
expect_eq "E01 revised" "U4" "$(sqlite3 "$db" "SELECT place FROM episodes WHERE child='E01'")"
before=$(db_dump "$db")
"$CAREPLEDGE" import --db "$db" "$ERAS" > /dev/null
[ "$before" = "$(db_dump "$db")" ] || fail "a second import changed the database"

# The same eras as 903 XML exports (tests/tools/csv_to_903xml), each in its
# year's folder: imported into the same database they change nothing, and
# into an empty one they give the same database as the CSV files.
convert="$(dirname "$CAREPLEDGE")/csv_to_903xml"
[ -x "$convert" ] || fail "csv_to_903xml not built next to $CAREPLEDGE"
for era in "$ERAS"/*/; do
  era=$(basename "$era")
  mkdir -p "$TMP/eras-xml/$era"
  "$convert" "$TMP/eras-xml/$era/return.xml" "$ERAS/$era" || fail "convert $era"
done
"$CAREPLEDGE" import --db "$db" "$TMP/eras-xml" > "$TMP/out" || fail "XML import: $(cat "$TMP/out")"
[ "$before" = "$(db_dump "$db")" ] || fail "the XML eras changed the CSV eras' database"
"$CAREPLEDGE" import --db "$TMP/eras-xml.db" "$TMP/eras-xml" > /dev/null
[ "$before" = "$(db_dump "$TMP/eras-xml.db")" ] || fail "the XML eras give another database"

# profile_rows DATE: the profile's non-zero rows as "row=count", one per line.
profile_rows() {
  "$CAREPLEDGE" profile --db "$db" --at "$1" --format csv |
    awk -F, 'NR > 1 && $NF != 0 { print $(NF-1) "=" $NF }'
}
leaver_rows() {
  "$CAREPLEDGE" leavers --db "$db" --at "$1" --format csv | awk -F, 'NR > 1 { print $1 "," $2 "," $3 }'
}

# 31/03/2002: E08 (14, care order, BCRB) in a children's home inside the
# council's boundary, H3, read as K2 (residential).
expect_eq "profile 2002" "In care full time=1
Subject to a Care Order=1
Living in residential placements=1
Aged 13 to 15=1
Ethnic or cultural minority background (ie not White British)=1" "$(profile_rows 2002-03-31)"

# 31/03/2007: E05 (17, care order, F3 = agency foster carer), E06 (14,
# voluntary, F2 = council's foster carer), E12 (14, voluntary, Q2 as her
# 2009/10 return left it), all foster placements. E05 is eligible; E08 (19,
# BCRB) left care at 18 from F5: former relevant.
expect_eq "profile 2007" "In care full time=3
Care leavers (excluding those who are still in care)=1
Voluntary accommodation=2
Subject to a Care Order=1
Living in foster placements=3
Aged 13 to 15=2
Aged 16 to 17=1
Aged 16 to 17 and still in care=1
Aged 18 to 21=1
Ethnic or cultural minority background=1" "$(profile_rows 2007-03-31)"
expect_eq "leavers 2007" "E05,eligible,17
E08,former_relevant,19" "$(leaver_rows 2007-03-31)"

# 31/03/2010. In care full time: E01 (7, care order, Q2 = foster), E02 (16,
# voluntary, H5 = supported, AIND), E03 (4, interim care order, Q1 = foster),
# E04 (12, care order, K2 = residential). Short breaks: E07 (8, V4).
# Care leavers: E02 eligible (in care since 14); E05 former relevant (20, left
# at 18 from F3); E06 relevant (17, left at 16); E08 former relevant (22, OC3
# ACTIV F2 = full-time education, BCRB); E12 left at 16 with REC E4, read as
# E4A (returned home), home more than 6 months: qualifying, not relevant (CA89
# s24). Rows 16-17 no longer in care = E06 + E12; minority = E02 + E08.
expect_eq "profile 2010" "In care full time=4
In care through short breaks=1
Care leavers (excluding those who are still in care)=4
Voluntary accommodation=1
Subject to a Care Order=2
Subject to an Interim Care Order=1
Living in foster placements=2
Living in residential placements=1
Living in supported independent accommodation=1
Aged under 5=1
Aged 5 to 9=1
Aged 10 to 12=1
Aged 16 to 17=1
Ethnic or cultural minority background (ie not White British)=1
Aged 5 to 9=1
Aged 16 to 17 and no longer in care=2
Aged 16 to 17 and still in care=1
Aged 18 to 21=1
Aged 22 to 24 and in full time education=1
Ethnic or cultural minority background=2" "$(profile_rows 2010-03-31)"
expect_eq "leavers 2010" "E02,eligible,16
E05,former_relevant,20
E06,relevant,17
E08,former_relevant,22
E12,qualifying,17" "$(leaver_rows 2010-03-31)"

# 31/03/2016. In care: E01 (13, care order, U4). Short breaks: E07 (14, U6).
# E04 left at 18 on 20/07/2015 from P2 (independent living): former relevant.
# E02 (22, no OC3 in education) and E06 (23) are no longer care leavers.
expect_eq "profile 2016" "In care full time=1
In care through short breaks=1
Care leavers (excluding those who are still in care)=1
Subject to a Care Order=1
Living in foster placements=1
Aged 13 to 15=1
Aged 13 to 15=1
Aged 18 to 21=1" "$(profile_rows 2016-03-31)"
expect_eq "leavers 2016" "E04,former_relevant,18" "$(leaver_rows 2016-03-31)"
# On 31/03/2015 E04 (17) lived in P2, which counts as supported independent
# accommodation (read as K3).
expect_eq "P2 as supported, 2015" "Living in supported independent accommodation=1" \
  "$(profile_rows 2015-03-31 | grep '^Living in supported')"

# 31/03/2022. In care: E09 (11, care order, U3, MWBC), E10 (17, voluntary, Z1:
# no placement row; eligible). E01 left at 18 (E17, staying put): former
# relevant at 19. E11 went home (E4B) 01/06/2021 at 16: qualifying.
expect_eq "profile 2022" "In care full time=2
Care leavers (excluding those who are still in care)=2
Voluntary accommodation=1
Subject to a Care Order=1
Living in foster placements=1
Aged 10 to 12=1
Aged 16 to 17=1
Ethnic or cultural minority background (ie not White British)=1
Aged 16 to 17 and no longer in care=1
Aged 16 to 17 and still in care=1
Aged 18 to 21=1" "$(profile_rows 2022-03-31)"
expect_eq "leavers 2022" "E01,former_relevant,19
E10,eligible,17
E11,qualifying,17" "$(leaver_rows 2022-03-31)"

# 31/03/2026. In care: E09 (15, care order, U3, MWBC), E13 (17, voluntary,
# Z11 then K3 = supported, WOTH; eligible). E10 turned 21 on 03/03/2026 and
# is not in education (F5): no longer a care leaver; nor E01 (23, F5).
expect_eq "profile 2026" "In care full time=2
Voluntary accommodation=1
Subject to a Care Order=1
Living in foster placements=1
Living in supported independent accommodation=1
Aged 13 to 15=1
Aged 16 to 17=1
Ethnic or cultural minority background (ie not White British)=2
Aged 16 to 17 and still in care=1
Ethnic or cultural minority background=1" "$(profile_rows 2026-03-31)"
expect_eq "leavers 2026" "E13,eligible,17" "$(leaver_rows 2026-03-31)"

# Each era's codes belong to it: a code of another era is refused, naming it.
cp -r "$ERAS" "$TMP/bad"
sed -i 's/^E01,01\/06\/2008,S,C2,N1,U4,/E01,01\/06\/2008,S,C2,N1,Q2,/' "$TMP/bad/2015-16/episodes.csv"
sed -i 's/^E10,01\/06\/2020,S,V2,N4,Z1,PR4,,/E10,01\/06\/2020,S,V2,N4,Z11,PR4,,/' "$TMP/bad/2021-22/episodes.csv"
sed -i 's/^E05,01\/01\/1990,YES,F3,/E05,01\/01\/1990,YES,F5,/' "$TMP/bad/2009-10/oc3.csv"
if "$CAREPLEDGE" import --db "$TMP/bad.db" "$TMP/bad" 2> "$TMP/err"; then fail "other eras' codes accepted"; fi
grep -q "2015-16/episodes.csv:2:.*PLACE: 'Q2' is not a valid PLACE code in 2015/16" "$TMP/err" ||
  fail "Q2: $(cat "$TMP/err")"
grep -q "2021-22/episodes.csv:6:.*PLACE: 'Z11' is not a valid PLACE code in 2021/22" "$TMP/err" ||
  fail "Z11: $(cat "$TMP/err")"
grep -q "2009-10/oc3.csv:2:.*ACTIV: 'F5' is not a valid ACTIV code in 2009/10" "$TMP/err" ||
  fail "F5: $(cat "$TMP/err")"
expect_eq "three problems, the --keep-invalid note and the summary" 5 "$(wc -l < "$TMP/err")"
echo ok
