#!/usr/bin/env bash
# Writes to standard output are checked: every command whose result goes to
# standard output fails with a message and exit status 2 when the result
# cannot be written (here /dev/full: "No space left on device").
. "$(dirname "$0")/lib.bash"
[ -w /dev/full ] || { echo "stdout_full: no /dev/full here, skipped"; exit 0; }

db="$TMP/c.db"
"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" > /dev/null

# full WHAT CMD...: exit status 2 and a message saying the write failed.
full() {
  local what=$1 status=0
  shift
  "$@" > /dev/full 2> "$TMP/err" || status=$?
  expect_eq "$what > /dev/full: exit status" 2 "$status"
  grep -q "cannot write to standard output" "$TMP/err" ||
    fail "$what > /dev/full: $(cat "$TMP/err")"
}

full due "$CAREPLEDGE" due --db "$db" --at 2010-03-31
full compliance "$CAREPLEDGE" compliance --db "$db" --from 2009-04-01 --to 2010-03-31
full profile "$CAREPLEDGE" profile --db "$db" --at 2010-03-31
full "profile csv" "$CAREPLEDGE" profile --db "$db" --at 2010-03-31 --format csv
full leavers "$CAREPLEDGE" leavers --db "$db" --at 2010-03-31 --format json
full scorecard "$CAREPLEDGE" scorecard --db "$db" --year 2009/10
full "scorecard html" "$CAREPLEDGE" scorecard --db "$db" --year 2009/10 --format html
full imports "$CAREPLEDGE" imports --db "$db"
full calendar "$CAREPLEDGE" calendar --from 2010-01-01 --to 2010-12-31
full indicators "$CAREPLEDGE" indicators --format markdown
full "audit verify" "$CAREPLEDGE" audit verify --db "$db"
full api-doc "$CAREPLEDGE" api-doc
full validate "$CAREPLEDGE" validate --db "$db" --year 2009/10 --format json
full import "$CAREPLEDGE" import --db "$db" "$FIXTURES/small"
full export "$CAREPLEDGE" export --db "$db" --year 2009/10 --out "$TMP/export"
full synth "$CAREPLEDGE" synth --out "$TMP/synth" --children 5 --from 2009 --to 2010
full help "$CAREPLEDGE" help due
echo "stdout_full: ok"
