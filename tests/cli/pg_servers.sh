#!/usr/bin/env bash
# Two servers sharing one PostgreSQL database (under scripts/pg-test.sh,
# CAREPLEDGE_TEST_PG; skipped without it): a session started on one is
# signed in on the other, and signing out on either ends it on both; wrong
# passwords through both lock the account on both; sign-ins from one address
# spread over both are refused at the same count as through one (the count is
# a table, migration 022); both append to one audit chain
# while signed-in users read through each at the same time, and the chain
# verifies with every row; a view is answered while an import holds the
# writer lock (the audit chain has a lock of its own); an import from the
# command line is announced (NOTIFY) and both servers swap in the new
# snapshot without a restart.
. "$(dirname "$0")/lib.bash"
[ -n "${CAREPLEDGE_TEST_PG:-}" ] || { echo "skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)"; exit 77; }
command -v curl > /dev/null || fail "curl is needed (scripts/install-deps.sh)"

name=pgservers_$$
psql -q "$CAREPLEDGE_TEST_PG" -c "CREATE DATABASE $name"
db=${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$name?}
"$CAREPLEDGE" synth --out "$TMP/small" --profile dorset-2010 --seed 7 --children 60 > /dev/null
"$CAREPLEDGE" synth --out "$TMP/more" --profile dorset-2010 --seed 8 --children 300 > /dev/null
"$CAREPLEDGE" import --db "$db" "$TMP/small" > /dev/null
echo "a password for the test" | "$CAREPLEDGE" user add mgr --role manager --password-stdin --db "$db"
echo "another password for the test" | "$CAREPLEDGE" user add ann --role manager --password-stdin --db "$db"

servers=()
trap 'kill "${servers[@]}" 2> /dev/null || true; rm -rf "$TMP"' EXIT
printf 'session_recheck_seconds = 1\n' > "$TMP/serve.conf"
start_server() { # N: starts server N and sets apiN to its API's base URL
  "$CAREPLEDGE" serve --db "$db" --listen 127.0.0.1:0 --threads 4 --config "$TMP/serve.conf" \
    > "$TMP/serve$1.log" 2>&1 &
  servers+=($!)
  local port=""
  for _ in $(seq 1 600); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$TMP/serve$1.log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || fail "server $1 did not start: $(cat "$TMP/serve$1.log")"
  printf -v "api$1" '%s' "http://127.0.0.1:$port/api/v1"
}
start_server 1
start_server 2
for i in 1 2; do
  api=$api1; [ $i = 2 ] && api=$api2
  curl -s -c "$TMP/jar$i" -H 'Content-Type: application/json' \
    -d '{"username": "mgr", "password": "a password for the test"}' "$api/session" > "$TMP/in$i.json"
  json_check "sign in on server $i" "$TMP/in$i.json" '.data.role == "manager"'
done

# One session for both servers (sessions are a table): signed in on server 1,
# the cookie reads through server 2, whose sign-out (with server 1's CSRF
# token) ends it on both: at once on 2, on 1 within its recheck (1 s here).
me() { curl -s -o /dev/null -w '%{http_code}' -b "$TMP/shared" "$1/me"; }
curl -s -c "$TMP/shared" -H 'Content-Type: application/json' \
  -d '{"username": "mgr", "password": "a password for the test"}' "$api1/session" > "$TMP/shared.json"
expect_eq "server 1's session on server 2" "mgr manager" \
  "$(curl -s -b "$TMP/shared" "$api2/me" | jq -r '.data.user + " " + .data.role')"
expect_eq "sign out on server 2" 200 "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE \
  -H "X-CSRF-Token: $(jq -r .data.csrf "$TMP/shared.json")" -b "$TMP/shared" "$api2/session")"
expect_eq "signed out on server 2" 401 "$(me "$api2")"
for _ in $(seq 1 50); do [ "$(me "$api1")" = 401 ] && break; sleep 0.1; done
expect_eq "signed out on server 1 within its recheck" 401 "$(me "$api1")"

# The lock-out is the database's: five wrong passwords spread over both servers
# lock the account on both (the nine sign-ins from 127.0.0.1 so far stay under
# its limit of 10 a minute).
sign_in_as_ann() { # API PASSWORD: the status of the sign-in
  curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"username\": \"ann\", \"password\": \"$2\"}" "$1/session"
}
for api in "$api1" "$api2" "$api1" "$api2" "$api1"; do
  expect_eq "a wrong password" 401 "$(sign_in_as_ann "$api" "not her password")"
done
expect_eq "the right password, locked out, on server 2" 401 "$(sign_in_as_ann "$api2" "another password for the test")"
"$CAREPLEDGE" user list --db "$db" | grep -q '^ann .* locked$' ||
  fail "ann is not shown locked: $("$CAREPLEDGE" user list --db "$db")"

# The per-address limit is the database's too (sign_in_attempts, migration
# 022): an address gets 10 sign-ins a minute whichever servers it tries. Each
# run comes from an address of its own (curl --interface, loopback's
# 127.0.0.0/8) and starts early in a minute, so that its window is one minute.
sign_in_from() { # ADDRESS API: the status of a wrong sign-in from ADDRESS
  curl -s -o /dev/null -w '%{http_code}' --interface "$1" -H 'Content-Type: application/json' \
    -d '{"username": "nobody", "password": "not a password here"}' "$2/session"
}
early_in_a_minute() { while [ $(($(date +%s) % 60)) -gt 30 ]; do sleep 1; done; }
allowed_before_429() { # ADDRESS API...: sign-ins through the APIs in turn until one is 429
  local address=$1 n=0 code
  shift
  while [ $n -lt 30 ]; do
    code=$(sign_in_from "$address" "${@:$((n % $# + 1)):1}")
    [ "$code" = 429 ] && break
    [ "$code" = 401 ] || fail "sign-in $((n + 1)) from $address: $code"
    n=$((n + 1))
  done
  echo "$n"
}
early_in_a_minute
expect_eq "sign-ins from one address through one server" 10 "$(allowed_before_429 127.0.0.2 "$api1")"
early_in_a_minute
expect_eq "sign-ins from one address through two servers" 10 \
  "$(allowed_before_429 127.0.0.3 "$api1" "$api2")"
expect_eq "the address refused on server 1" 429 "$(sign_in_from 127.0.0.3 "$api1")"
expect_eq "the address refused on server 2" 429 "$(sign_in_from 127.0.0.3 "$api2")"
# Server 1 refused the eleventh from the database and then from its own
# window; server 2 (its own count at 5) asked the database: a twelfth.
expect_eq "the shared count" 12 \
  "$(psql -At "$db" -c "SELECT attempts FROM sign_in_attempts WHERE origin = '127.0.0.3'")"
# Another server's count alone refuses an address this one has not seen (a
# server whose clock is a minute ahead: its minute is kept); a count of a
# minute past starts again at 1.
psql -q "$db" -c "INSERT INTO sign_in_attempts VALUES ('127.0.0.4', $(($(date +%s) / 60 + 1)), 50), ('127.0.0.5', $(($(date +%s) / 60 - 3)), 50)"
expect_eq "an address over the limit elsewhere" 429 "$(sign_in_from 127.0.0.4 "$api2")"
expect_eq "an address whose minute is past" 401 "$(sign_in_from 127.0.0.5 "$api2")"
expect_eq "its new minute's count" 1 \
  "$(psql -At "$db" -c "SELECT attempts FROM sign_in_attempts WHERE origin = '127.0.0.5'")"

# Views through both servers at once: each is an audit row of the one chain.
children=$(curl -s -b "$TMP/jar1" "$api1/worklist?at=2010-03-31" | jq -r '[.data[].child] | unique | .[:10] | .[]')
n_children=$(echo "$children" | wc -l)
before=$("$CAREPLEDGE" audit verify --db "$db" | sed -n 's/^audit log intact: \([0-9]*\) rows$/\1/p')
readers=()
for c in $children; do
  curl -s -o /dev/null -b "$TMP/jar1" "$api1/children/$c?at=2010-03-31" &
  readers+=($!)
  curl -s -o /dev/null -b "$TMP/jar2" "$api2/children/$c?at=2010-03-31" &
  readers+=($!)
done
for p in "${readers[@]}"; do wait "$p"; done
"$CAREPLEDGE" audit verify --db "$db" > "$TMP/verify.txt" || fail "audit chain broken: $(cat "$TMP/verify.txt")"
after=$(sed -n 's/^audit log intact: \([0-9]*\) rows$/\1/p' "$TMP/verify.txt")
expect_eq "audit rows from two servers" $((before + 2 * n_children)) "$after"

# A view while an import holds the writer lock (docs/postgresql.md, "One
# writer at a time"): the audit row needs only the chain's lock, so the view
# is answered at once instead of waiting for the import. The import is held
# open in its merge by a lock on header taken from psql for 4 s (under the
# import's 5 s lock_timeout).
psql -q "$db" -c "BEGIN" -c "LOCK TABLE header IN ACCESS EXCLUSIVE MODE" -c "SELECT pg_sleep(4)" \
  -c "COMMIT" > /dev/null &
holder=$!
# In this database only: the tests running beside it take the same lock in theirs.
writer_lock="SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 903903 AND granted
  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
for _ in $(seq 1 50); do
  [ "$(psql -At "$db" -c "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'header' AND l.mode = 'AccessExclusiveLock' AND l.granted")" = 1 ] && break
  sleep 0.1
done
"$CAREPLEDGE" import --db "$db" "$TMP/small" > "$TMP/held-import.txt" 2>&1 &
importer=$!
for _ in $(seq 1 100); do [ "$(psql -At "$db" -c "$writer_lock")" = 1 ] && break; sleep 0.05; done
expect_eq "the import holds the writer lock" 1 "$(psql -At "$db" -c "$writer_lock")"
rows_before=$(psql -At "$db" -c "SELECT count(*) FROM audit")
child=$(echo "$children" | head -1)
view=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -b "$TMP/jar1" "$api1/children/$child?at=2010-03-31")
expect_eq "the import still holds the writer lock after the view" 1 "$(psql -At "$db" -c "$writer_lock")"
expect_eq "a view during the import" 200 "${view% *}"
awk -v t="${view#* }" 'BEGIN { exit !(t < 2) }' || fail "the view waited for the import: ${view#* } s"
expect_eq "the view's audit row" $((rows_before + 1)) "$(psql -At "$db" -c "SELECT count(*) FROM audit")"
wait "$importer" || fail "the held import failed: $(cat "$TMP/held-import.txt")"
wait "$holder"
"$CAREPLEDGE" audit verify --db "$db" > "$TMP/verify.txt" || fail "audit chain broken: $(cat "$TMP/verify.txt")"

# An import from the command line reaches both servers' snapshots.
total() { curl -s -b "$TMP/jar$1" "$2/worklist?at=2010-03-31" | jq '.meta.total'; }
t1=$(total 1 "$api1")
t2=$(total 2 "$api2")
"$CAREPLEDGE" import --db "$db" "$TMP/more" > /dev/null
for _ in $(seq 1 100); do
  n1=$(total 1 "$api1")
  n2=$(total 2 "$api2")
  [ "$n1" != "$t1" ] && [ "$n2" != "$t2" ] && break
  sleep 0.1
done
[ "$n1" != "$t1" ] || fail "server 1 still answers from the old snapshot ($n1 items)"
[ "$n2" != "$t2" ] || fail "server 2 still answers from the old snapshot ($n2 items)"
expect_eq "both servers answer alike" "$n1" "$n2"
echo "pg_servers: ok (audit $before -> $after rows; worklist $t1 -> $n1 items on both servers)"
