#!/usr/bin/env bash
# carepledge serve on loopback with a free port: sign in with curl, read the
# worklist and a child, check the security headers and the error envelope,
# then that the view was audited, that `audit verify` finds an altered or a
# removed row, and that the server stops on SIGTERM.
source "$(dirname "$0")/lib.bash"
command -v curl > /dev/null || fail "curl is needed (scripts/install-deps.sh)"

"$CAREPLEDGE" synth --out "$TMP/903" --profile dorset-2010 --seed 7 --children 60 > /dev/null
"$CAREPLEDGE" import --db "$TMP/db" "$TMP/903" > /dev/null
echo "a password for the test" |
  "$CAREPLEDGE" user add mgr --role manager --password-stdin --db "$TMP/db"
"$CAREPLEDGE" user add cllr --role councillor --db "$TMP/db" > "$TMP/cllr.txt"
grep -q "password for cllr (shown once): [A-Za-z0-9]\{20\}$" "$TMP/cllr.txt" ||
  fail "user add prints a generated password once: $(cat "$TMP/cllr.txt")"
"$CAREPLEDGE" user list --db "$TMP/db" | grep -q "^mgr  *manager" || fail "user list"

"$CAREPLEDGE" serve --db "$TMP/db" --listen 127.0.0.1:0 --threads 2 > "$TMP/serve.log" 2>&1 &
server=$!
trap 'kill $server 2> /dev/null || true; rm -rf "$TMP"' EXIT
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$TMP/serve.log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || fail "serve did not start: $(cat "$TMP/serve.log")"
api="http://127.0.0.1:$port/api/v1"

curl -s -D "$TMP/h1" -c "$TMP/jar" -H 'Content-Type: application/json' \
  -d '{"username": "mgr", "password": "a password for the test"}' "$api/session" > "$TMP/in.json"
json_check "sign in" "$TMP/in.json" '.data.role == "manager" and (.data.csrf | length) == 64'
grep -qi '^set-cookie: cp_session=.*HttpOnly; SameSite=Strict' "$TMP/h1" || fail "cookie: $(cat "$TMP/h1")"
grep -qi "^content-security-policy: .*frame-ancestors 'none'" "$TMP/h1" || fail "CSP header"
grep -qi '^x-content-type-options: nosniff' "$TMP/h1" || fail "nosniff header"
grep -qi '^referrer-policy: no-referrer' "$TMP/h1" || fail "referrer header"

curl -s -b "$TMP/jar" "$api/worklist?at=2010-03-31&overdue=1" > "$TMP/work.json"
json_check "worklist" "$TMP/work.json" \
  '.meta.total > 0 and (.data | all(.status == "overdue" and .days_overdue > 0))'
child=$(jq -r '.data[0].child' "$TMP/work.json")
curl -s -b "$TMP/jar" "$api/children/$child?at=2010-03-31" > "$TMP/child.json"
json_check "child" "$TMP/child.json" \
  '.data.id == $c and (.data.episodes | length) > 0 and (.data.care_leaver.category | length) > 0' \
  --arg c "$child"

# A councillor may not open a child; nobody signed in gets 401.
pw=$(sed -n 's/.*(shown once): //p' "$TMP/cllr.txt")
curl -s -c "$TMP/jar2" -H 'Content-Type: application/json' \
  -d "{\"username\": \"cllr\", \"password\": \"$pw\"}" "$api/session" > /dev/null
status=$(curl -s -o "$TMP/no.json" -w '%{http_code}' -b "$TMP/jar2" "$api/children/$child")
expect_eq "councillor opens a child" 403 "$status"
json_check "403 envelope" "$TMP/no.json" '.error.code == "forbidden"'
# The scorecard: a councillor sees it published; it is the command's JSON.
curl -s -b "$TMP/jar2" "$api/scorecard?year=2009/10" > "$TMP/card.json"
json_check "councillor's scorecard" "$TMP/card.json" \
  '.meta.published == true and .data.publish == true and (.data.indicators | length) > 40'
curl -s -b "$TMP/jar" "$api/scorecard?year=2009/10" | jq -S .data > "$TMP/card_api.json"
"$CAREPLEDGE" scorecard --db "$TMP/db" --year 2009/10 --format json | jq -S . > "$TMP/card_cli.json"
cmp -s "$TMP/card_api.json" "$TMP/card_cli.json" || fail "the API's scorecard is not the command's"
# Asked again, it comes from the snapshot's cache: the same answer.
curl -s -b "$TMP/jar" "$api/scorecard?year=2009/10" | jq -S .data > "$TMP/card_api2.json"
cmp -s "$TMP/card_api2.json" "$TMP/card_cli.json" || fail "the cached scorecard is not the command's"
# The forecast: the command's JSON; a councillor may not see it (unpublished counts).
curl -s -b "$TMP/jar" "$api/forecast?from=2010-03-31&runs=50&backtest_runs=20" | jq -S .data > "$TMP/fc_api.json"
"$CAREPLEDGE" forecast --db "$TMP/db" --from 2010-03-31 --runs 50 --backtest-runs 20 --format json \
  | jq -S . > "$TMP/fc_cli.json"
json_check "a forecast" "$TMP/fc_api.json" '.forecast | length == 3'
cmp -s "$TMP/fc_api.json" "$TMP/fc_cli.json" || fail "the API's forecast is not the command's"
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar2" "$api/forecast")
expect_eq "councillor's forecast" 403 "$status"
status=$(curl -s -o "$TMP/anon.json" -w '%{http_code}' "$api/worklist")
expect_eq "no session" 401 "$status"
status=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -b "$TMP/jar" "$api/session")
expect_eq "sign out without the CSRF token" 403 "$status"

kill -TERM $server
wait $server || fail "serve did not stop cleanly on SIGTERM"

"$CAREPLEDGE" audit show --db "$TMP/db" --child "$child" > "$TMP/audit.txt"
grep -q "	mgr	view child	$child	127.0.0.1$" "$TMP/audit.txt" || fail "audit show: $(cat "$TMP/audit.txt")"
"$CAREPLEDGE" audit verify --db "$TMP/db" | grep -q "intact" || fail "audit verify on an intact log"
sqlite3 "$TMP/db" "INSERT INTO audit SELECT seq + 1, at, user, 'view child', 'C9', origin, hash, hash FROM audit"
"$CAREPLEDGE" audit verify --db "$TMP/db" > "$TMP/v1.txt" && fail "a forged row was not found"
grep -q "row 2 was altered" "$TMP/v1.txt" || fail "forged row: $(cat "$TMP/v1.txt")"
sqlite3 "$TMP/db" "DELETE FROM audit WHERE seq = 2; UPDATE audit SET child = 'C0' WHERE seq = 1"
"$CAREPLEDGE" audit verify --db "$TMP/db" > "$TMP/v2.txt" && fail "an altered row was not found"
grep -q "row 1 was altered" "$TMP/v2.txt" || fail "altered row: $(cat "$TMP/v2.txt")"
echo ok
