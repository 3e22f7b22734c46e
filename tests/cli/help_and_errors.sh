# Every command's help is written from its option table, and a service's
# error about a request parameter is said with the command's option.
. "$(dirname "$0")/lib.bash"
for cmd in calendar compliance due import indicators leavers profile scorecard synth validate; do
  "$CAREPLEDGE" help "$cmd" > "$TMP/help" || fail "help $cmd"
  head -1 "$TMP/help" | grep -q "^usage: carepledge $cmd " || fail "help $cmd: $(head -1 "$TMP/help")"
  # Each option in the usage line has a line of its own below it.
  for opt in $(head -1 "$TMP/help" | grep -o -- '--[a-z]*'); do
    grep -q "^  $opt" "$TMP/help" || fail "help $cmd: no line for $opt"
  done
done
"$CAREPLEDGE" help due | grep -q '^  --within DAYS  *only what falls due within this many days$' \
  || fail "due --within help: $("$CAREPLEDGE" help due)"

db="$TMP/s.db"
"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" > /dev/null
status=0
"$CAREPLEDGE" due --db "$db" --at 2010-03-31 --child NOBODY > /dev/null 2> "$TMP/err" || status=$?
expect_eq "unknown child: exit status" 2 "$status"
expect_eq "unknown child: message" "carepledge due: --child 'NOBODY' is not in the database" \
  "$(head -1 "$TMP/err")"
status=0
"$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --la E07000001 > /dev/null 2> "$TMP/err" || status=$?
expect_eq "district: exit status" 2 "$status"
grep -q "^carepledge scorecard: --la 'E07000001' is a shire district" "$TMP/err" \
  || fail "district message: $(cat "$TMP/err")"
status=0
"$CAREPLEDGE" validate --year 2030/31 "$FIXTURES/small/2009-10" > /dev/null 2> "$TMP/err" || status=$?
expect_eq "no rule set: exit status" 2 "$status"
grep -q "^carepledge validate: --ruleset is needed: there is no rule set for 2030/31" "$TMP/err" \
  || fail "rule set message: $(cat "$TMP/err")"
echo ok
