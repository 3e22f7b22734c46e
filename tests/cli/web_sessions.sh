#!/usr/bin/env bash
# serve --config FILE and the sessions kept in the database (schema 010): a
# wrong configuration is refused naming file, line and key; a session survives
# a restart of the server; `user revoke`, `user disable` and signing out end
# sessions, and a running server refuses them within session_recheck_seconds.
source "$(dirname "$0")/lib.bash"
command -v curl > /dev/null || fail "curl is needed (scripts/install-deps.sh)"

"$CAREPLEDGE" synth --out "$TMP/903" --profile dorset-2010 --seed 7 --children 20 > /dev/null
"$CAREPLEDGE" import --db "$TMP/db" "$TMP/903" > /dev/null
for u in ana ben cat; do
  echo "a password for $u here" | "$CAREPLEDGE" user add $u --role manager --password-stdin --db "$TMP/db"
done

# Configuration errors name the file, the line and the key.
printf 'threads = 2\n# a comment\nthreads = 3\n' > "$TMP/twice.conf"
"$CAREPLEDGE" serve --db "$TMP/db" --config "$TMP/twice.conf" 2> "$TMP/e1" && fail "a repeated key was accepted"
grep -q "twice.conf:3: threads: 'threads' is given twice" "$TMP/e1" || fail "repeated key: $(cat "$TMP/e1")"
printf 'session_minutes = 0\n' > "$TMP/zero.conf"
"$CAREPLEDGE" serve --db "$TMP/db" --config "$TMP/zero.conf" 2> "$TMP/e2" && fail "0 minutes was accepted"
grep -q "zero.conf:1: session_minutes: '0' is not a whole number from 1 to 10080" "$TMP/e2" ||
  fail "range: $(cat "$TMP/e2")"
printf 'tls_key = /etc/key.pem\n' > "$TMP/tls.conf"
"$CAREPLEDGE" serve --db "$TMP/db" --config "$TMP/tls.conf" 2> "$TMP/e3" && fail "a TLS key was accepted"
grep -q "tls.conf:1: tls_key: .*reverse proxy" "$TMP/e3" || fail "tls: $(cat "$TMP/e3")"
printf 'colour = blue\n' > "$TMP/unknown.conf"
"$CAREPLEDGE" serve --db "$TMP/db" --config "$TMP/unknown.conf" 2> "$TMP/e4" && fail "an unknown key was accepted"
grep -q "unknown.conf:1: colour: no setting 'colour'" "$TMP/e4" || fail "unknown: $(cat "$TMP/e4")"

cat > "$TMP/serve.conf" << 'CONF'
# the test's server
listen = 127.0.0.1:0
threads = 2
session_minutes = 30
session_recheck_seconds = 1
sign_ins_per_minute = 50
CONF
server=""
trap 'kill $server 2> /dev/null || true; rm -rf "$TMP"' EXIT
start() {
  : > "$TMP/serve.log"
  "$CAREPLEDGE" serve --db "$TMP/db" --config "$TMP/serve.conf" > "$TMP/serve.log" 2>&1 &
  server=$!
  port=""
  for _ in $(seq 1 600); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$TMP/serve.log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || fail "serve did not start: $(cat "$TMP/serve.log")"
  api="http://127.0.0.1:$port/api/v1"
}
stop() {
  kill -TERM "$server"
  wait "$server" || fail "serve did not stop cleanly"
}
sign_in() {
  curl -s -D "$TMP/$1.h" -c "$TMP/$1.jar" -H 'Content-Type: application/json' \
    -d "{\"username\": \"$1\", \"password\": \"a password for $1 here\"}" "$api/session" > "$TMP/$1.json"
}
me() { curl -s -o /dev/null -w '%{http_code}' -b "$TMP/$1.jar" "$api/me"; }

start
for u in ana ben cat; do sign_in $u; done
grep -qi '^set-cookie: cp_session=.*Max-Age=1800;' "$TMP/ana.h" || fail "session_minutes sets Max-Age: $(cat "$TMP/ana.h")"
expect_eq "sessions saved" 3 "$(sqlite3 "$TMP/db" 'SELECT count(*) FROM web_sessions WHERE revoked_at IS NULL')"
sqlite3 "$TMP/db" "SELECT token_hash FROM web_sessions" | grep -qf <(sed -n 's/.*cp_session=\([0-9a-f]*\).*/\1/p' "$TMP/ana.h") &&
  fail "the database holds a token, not its hash"
stop

# After a restart every session is still signed in, with the same CSRF token.
start
expect_eq "ana after a restart" 200 "$(me ana)"
curl -s -b "$TMP/ana.jar" "$api/me" > "$TMP/ana.me"
expect_eq "same CSRF token" "$(jq -r .data.csrf "$TMP/ana.json")" "$(jq -r .data.csrf "$TMP/ana.me")"

# Revoked from the command line while the server runs: refused within the recheck.
"$CAREPLEDGE" user revoke ben --db "$TMP/db" > "$TMP/revoke.txt"
grep -q "^ben: 1 session revoked" "$TMP/revoke.txt" || fail "user revoke: $(cat "$TMP/revoke.txt")"
"$CAREPLEDGE" user disable cat --db "$TMP/db"
sleep 2
expect_eq "ben revoked" 401 "$(me ben)"
expect_eq "cat disabled" 401 "$(me cat)"
expect_eq "ana untouched" 200 "$(me ana)"
"$CAREPLEDGE" user revoke nobody --db "$TMP/db" 2> "$TMP/e5" && fail "revoking an unknown user"
grep -q "no user 'nobody'" "$TMP/e5" || fail "unknown user: $(cat "$TMP/e5")"

# Signing out ends the session in the database too: gone after a restart.
csrf=$(jq -r .data.csrf "$TMP/ana.json")
status=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "X-CSRF-Token: $csrf" -b "$TMP/ana.jar" "$api/session")
expect_eq "sign out" 200 "$status"
stop
start
expect_eq "ana signed out, after a restart" 401 "$(me ana)"
expect_eq "ben still revoked, after a restart" 401 "$(me ben)"
stop
echo ok
