#!/usr/bin/env bash
# Saves through the API on PostgreSQL (under scripts/pg-test.sh,
# CAREPLEDGE_TEST_PG; skipped without it): a record and a correction are
# each swapped in as the snapshot before with the child's rows read again
# (web_app_save), not loaded whole, and the server's own commit, announced
# to its watcher (NOTIFY), is not loaded whole again either; the child's view
# shows the record at once, at the commit of the save. An import from the
# command line is still loaded whole. serve says which happened when it
# stops ("snapshot: N saves patched, M loads of the whole history").
. "$(dirname "$0")/lib.bash"
[ -n "${CAREPLEDGE_TEST_PG:-}" ] || { echo "skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)"; exit 77; }
command -v curl > /dev/null || fail "curl is needed (scripts/install-deps.sh)"

name=pgsave_$$
psql -q "$CAREPLEDGE_TEST_PG" -c "CREATE DATABASE $name"
db=${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$name?}
"$CAREPLEDGE" synth --out "$TMP/small" --seed 7 --children 60 --from 2024 --to 2026 > /dev/null
"$CAREPLEDGE" import --db "$db" "$TMP/small" > /dev/null
echo "a password for the test" | "$CAREPLEDGE" user add mgr --role manager --password-stdin --db "$db"

server=""
trap '[ -n "$server" ] && kill "$server" 2> /dev/null; rm -rf "$TMP"' EXIT
"$CAREPLEDGE" serve --db "$db" --listen 127.0.0.1:0 --threads 2 > "$TMP/serve.log" 2>&1 &
server=$!
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$TMP/serve.log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || fail "serve did not start: $(cat "$TMP/serve.log")"
api="http://127.0.0.1:$port/api/v1"
curl -s -c "$TMP/jar" -H 'Content-Type: application/json' \
  -d '{"username": "mgr", "password": "a password for the test"}' "$api/session" > "$TMP/in.json"
json_check "sign in" "$TMP/in.json" '.data.role == "manager"'
csrf=$(jq -r .data.csrf "$TMP/in.json")
child=$(curl -s -b "$TMP/jar" "$api/children?per_page=5" | jq -r '.data[2].id')

save() { # METHOD BODY: the answer's status
  curl -s -o "$TMP/save.json" -w '%{http_code}' -X "$1" -b "$TMP/jar" -H "X-CSRF-Token: $csrf" \
    -H 'Content-Type: application/json' -d "$2" "$api/children/$child/records"
}
expect_eq "a record" 201 "$(save POST '{"kind": "dental_check", "date": "2026-02-03"}')"
expect_eq "a correction" 200 "$(save PUT '{"kind": "dental_check", "date": "2026-02-03",
  "new_date": "2026-02-04", "version": 1, "reason": "the letter says the 4th"}')"
commit=$(jq .meta.commit "$TMP/save.json")
curl -s -b "$TMP/jar" "$api/children/$child?at=2026-03-31" > "$TMP/view.json"
json_check "the child's view shows the moved record at the save's commit" "$TMP/view.json" \
  ".meta.commit == $commit and ([.data.records[] | select(.date == \"2026-02-04\")] | length) == 1 and ([.data.records[] | select(.date == \"2026-02-03\")] | length) == 0"
# The watcher has heard both commits by now (it polls every 250 ms).
sleep 1

# A command-line import: announced, and loaded whole.
mkdir -p "$TMP/more/2025-26"
printf 'CHILD,VISIT_DATE,SEEN_ALONE\n%s,05/03/2026,yes\n' "$child" > "$TMP/more/2025-26/visits.csv"
"$CAREPLEDGE" import --db "$db" "$TMP/more" > /dev/null
for _ in $(seq 1 100); do
  [ "$(curl -s -b "$TMP/jar" "$api/me" | jq .meta.commit)" -gt "$commit" ] 2> /dev/null && break
  sleep 0.1
done
kill -INT "$server"
wait "$server" || true
server=""
grep -q '^snapshot: 2 saves patched, 1 loads of the whole history$' "$TMP/serve.log" ||
  fail "the saves were not patched, or the import not loaded: $(grep '^snapshot:' "$TMP/serve.log")"
echo "ok"
