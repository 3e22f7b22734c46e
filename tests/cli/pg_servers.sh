#!/usr/bin/env bash
# Two servers sharing one PostgreSQL database (under scripts/pg-test.sh,
# CAREPLEDGE_TEST_PG; skipped without it): a session started on one is
# signed in on the other, and signing out on either ends it on both; wrong
# passwords through both lock the account on both; both
# append to one audit chain
# while signed-in users read through each at the same time, and the chain
# verifies with every row; an import from the command line is announced
# (NOTIFY) and both servers swap in the new snapshot without a restart.
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
# lock the account on both (the per-address limit is each server's own and is
# not reached here).
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
