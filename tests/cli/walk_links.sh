# import and validate find their files with one walker (base/walk): symbolic
# link loops end at once, and a *.csv link that cannot be followed is refused
# with its name instead of being passed over.
. "$(dirname "$0")/lib.bash"
small="$FIXTURES/small/2009-10"
# Three links to the folder itself: followed blindly, 3^16 folders.
mkdir -p "$TMP/loops" && cp "$small"/*.csv "$TMP/loops/"
for i in 1 2 3; do ln -s . "$TMP/loops/s$i"; done
status=0
timeout 60 "$CAREPLEDGE" import --db "$TMP/l.db" "$TMP/loops" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "three loops: exit status" 2 "$status"
expect_eq "three loops: each named once" 3 "$(grep -c 'loops/s[123]: a link to a folder already read' "$TMP/err")"
[ ! -e "$TMP/l.db" ] || [ "$(db_count "$TMP/l.db" episodes)" = 0 ] || fail "loops: something was imported"

# A dangling *.csv link in a folder: import and validate both name it.
mkdir -p "$TMP/dangling" && cp "$small"/*.csv "$TMP/dangling/"
ln -s "$TMP/nowhere.csv" "$TMP/dangling/zz.csv"
status=0
"$CAREPLEDGE" import --db "$TMP/d.db" "$TMP/dangling" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "dangling: import exit status" 2 "$status"
grep -q "dangling/zz.csv: a link to a file that is not there" "$TMP/err" || fail "import: $(cat "$TMP/err")"
status=0
"$CAREPLEDGE" validate --year 2009/10 "$TMP/dangling" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "dangling: validate exit status" 2 "$status"
grep -q "dangling/zz.csv: a link to a file that is not there" "$TMP/err" || fail "validate: $(cat "$TMP/err")"

# A *.csv link that leads round in a circle.
mkdir -p "$TMP/circle" && cp "$small"/*.csv "$TMP/circle/"
ln -s b-loop.csv "$TMP/circle/a-loop.csv" && ln -s a-loop.csv "$TMP/circle/b-loop.csv"
status=0
"$CAREPLEDGE" validate --year 2009/10 "$TMP/circle" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "circle: validate exit status" 2 "$status"
grep -q "circle/a-loop.csv: a link that leads round in a circle" "$TMP/err" || fail "circle: $(cat "$TMP/err")"

# A link to a good file is read like the file.
mkdir -p "$TMP/linked"
for f in "$small"/*.csv; do ln -s "$f" "$TMP/linked/$(basename "$f")"; done
"$CAREPLEDGE" import --db "$TMP/k.db" "$TMP/linked" > "$TMP/out"
"$CAREPLEDGE" import --db "$TMP/s.db" "$small" > "$TMP/want"
cmp -s <(db_dump "$TMP/k.db") <(db_dump "$TMP/s.db") || fail "linked files imported differently"
echo ok
