#!/usr/bin/env bash
# Crash test: an import killed with SIGKILL at random points (at least ten a
# run, spread over the import's own duration) leaves the database exactly as
# it was before the import or as it is after it, and whole
# (PRAGMA integrity_check). docs/reliability.md records the figures.
. "$(dirname "$0")/lib.bash"

KILLS=${CRASH_KILLS:-12}
"$CAREPLEDGE" synth --out "$TMP/syn" --children 400 --from 2006 --to 2010 > /dev/null
base="$TMP/base.db"
"$CAREPLEDGE" import --db "$base" "$TMP/syn/2005-06" "$TMP/syn/2006-07" > /dev/null
db_dump "$base" > "$TMP/before.dump"
cp "$base" "$TMP/after.db"
start=$(date +%s%N)
"$CAREPLEDGE" import --db "$TMP/after.db" "$TMP/syn" > /dev/null
took_ms=$(( ($(date +%s%N) - start) / 1000000 ))
db_dump "$TMP/after.db" > "$TMP/after.dump"
cmp -s "$TMP/before.dump" "$TMP/after.dump" && fail "the import changed nothing: no test"

n_before=0 n_after=0
for i in $(seq 1 "$KILLS"); do
  db="$TMP/crash$i.db"
  cp "$base" "$db"
  # Kill points spread over the import, with some at random beyond its end.
  delay_ms=$(( (took_ms * (i - 1)) / (KILLS - 1) + RANDOM % 20 ))
  "$CAREPLEDGE" import --db "$db" "$TMP/syn" > /dev/null 2>&1 &
  pid=$!
  sleep "$(printf '0.%03d' $((delay_ms % 1000)))"
  [ "$delay_ms" -lt 1000 ] || sleep $((delay_ms / 1000))
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  expect_eq "kill $i at ${delay_ms} ms: integrity" ok "$(sqlite3 "$db" 'PRAGMA integrity_check')"
  db_dump "$db" > "$TMP/crash.dump"
  if cmp -s "$TMP/crash.dump" "$TMP/before.dump"; then
    n_before=$((n_before + 1))
  elif cmp -s "$TMP/crash.dump" "$TMP/after.dump"; then
    n_after=$((n_after + 1))
  else
    fail "kill $i at ${delay_ms} ms: the database is neither before nor after the import"
  fi
  rm -f "$db" "$db-wal" "$db-shm"
done
echo "crash_import: $KILLS kills over a ${took_ms} ms import: $n_before before, $n_after after"
