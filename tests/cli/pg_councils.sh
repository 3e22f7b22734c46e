#!/usr/bin/env bash
# Regional pooling (docs/postgresql.md, "Several councils in one database"), under
# scripts/pg-test.sh (CAREPLEDGE_TEST_PG; skipped without it). Three councils'
# synthetic returns are imported into one PostgreSQL database, connected as an
# ordinary role (a superuser would skip row-level security). Then:
# - each council's users, signed in on their council's server, find no child of
#   another council through any GET route of the API (the routes of the matrix in
#   tests/unit/test_web_routes.c), and another council's users cannot sign in there;
# - the command-line reports and exports of a council name only its own children;
# - a connection set to one council SELECTs none of another's rows, whatever its
#   WHERE says (row-level security alone, without the application's filter);
# - a council cannot take over another council's child, and the partnership's
#   server gives its users the pooled, suppressed scorecard only.
. "$(dirname "$0")/lib.bash"
[ -n "${CAREPLEDGE_TEST_PG:-}" ] || { echo "skipped: no CAREPLEDGE_TEST_PG (scripts/pg-test.sh)"; exit 77; }
command -v curl > /dev/null || fail "curl is needed (scripts/install-deps.sh)"

role="cpapp_$$"
name="pgcouncils_$$"
psql -q "$CAREPLEDGE_TEST_PG" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $name" -c "DROP ROLE IF EXISTS $role" \
  -c "CREATE ROLE $role LOGIN NOSUPERUSER NOBYPASSRLS" -c "CREATE DATABASE $name OWNER $role" \
  > /dev/null || fail "cannot make the test role and database"
db="${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$name?}"
db="${db/user=postgres/user=$role}"
as_role() { psql -X -q -t -A "$db" "$@"; }

# Three councils; synth numbers every history's children from C000001, so
# councils 836 and 837 rename theirs (the councils of a pool need distinct ids).
councils=(835 836 837)
prefixes=(C D E)
for i in 0 1 2; do
  "$CAREPLEDGE" synth --out "$TMP/903_${councils[$i]}" --profile dorset-2010 --seed $((7 + i)) \
    --children 60 > /dev/null
  [ "${prefixes[$i]}" = C ] || sed -i "s/\bC\([0-9]\{6\}\)\b/${prefixes[$i]}\1/g" "$TMP"/903_"${councils[$i]}"/*/*.csv
  CAREPLEDGE_COUNCIL=${councils[$i]} "$CAREPLEDGE" import --db "$db" "$TMP/903_${councils[$i]}" > /dev/null ||
    fail "import of council ${councils[$i]}"
done
for i in 0 1 2; do
  n=$(cat "$TMP"/903_"${councils[$i]}"/*/header.csv | grep -v '^CHILD,' | cut -d, -f1 | sort -u | wc -l)
  expect_eq "council ${councils[$i]}'s children labelled" "$n" \
    "$(as_role -c "SET carepledge.la = '*'" -c "SELECT count(*) FROM header WHERE la = '${councils[$i]}' AND child LIKE '${prefixes[$i]}%'")"
done

# ---- Row-level security alone ------------------------------------------------------
for table in header episodes reviews visits record_corrections; do
  expect_eq "835 sees none of 836's $table" 0 \
    "$(as_role -c "SET carepledge.la = '835'" -c "SELECT count(*) FROM $table WHERE la = '836' OR child LIKE 'D%'")"
done
[ "$(as_role -c "SET carepledge.la = '835'" -c "SELECT count(*) FROM episodes")" -gt 0 ] ||
  fail "835 sees none of its own episodes"
expect_eq "no setting: no pooled row" 0 "$(as_role -c "SELECT count(*) FROM header")"
# Writing another council's row is refused, not done.
status=0
as_role -c "SET carepledge.la = '835'" -c "INSERT INTO header (child, source_year, la) VALUES ('X1', 2010, '836')" \
  2> "$TMP/rls.err" || status=$?
[ $status -ne 0 ] && grep -q "row-level security" "$TMP/rls.err" || fail "835 wrote a row of 836: $(cat "$TMP/rls.err")"

# ---- A council cannot take over another's child ---------------------------------------
before=$(as_role -c "SET carepledge.la = '*'" -c "SELECT string_agg(la || child, ',' ORDER BY child) FROM header")
status=0
CAREPLEDGE_COUNCIL=836 "$CAREPLEDGE" import --db "$db" "$TMP/903_835" > /dev/null 2> "$TMP/take.err" || status=$?
[ $status -ne 0 ] || fail "836 imported 835's children"
grep -q -e "row-level security" -e "another council" "$TMP/take.err" || fail "take-over refused with: $(cat "$TMP/take.err")"
expect_eq "nothing of the refused import stored" "$before" \
  "$(as_role -c "SET carepledge.la = '*'" -c "SELECT string_agg(la || child, ',' ORDER BY child) FROM header")"

# other_ids I: a grep pattern of the children of every council but the I-th.
other_ids() {
  local i=$1 k pat=""
  for k in 0 1 2; do [ "$k" = "$i" ] || pat="$pat${pat:+|}\\b${prefixes[$k]}[0-9]{6}\\b"; done
  echo "$pat"
}

# ---- The command line, as each council -----------------------------------------------
for i in 0 1 2; do
  la=${councils[$i]} others=$(other_ids "$i")
  export CAREPLEDGE_COUNCIL=$la
  "$CAREPLEDGE" due --db "$db" --at 2010-03-31 --format csv > "$TMP/due_$la.csv"
  "$CAREPLEDGE" leavers --db "$db" --at 2010-03-31 > "$TMP/leavers_$la.txt"
  "$CAREPLEDGE" export --db "$db" --year 2009/10 --out "$TMP/export_$la" > /dev/null
  "$CAREPLEDGE" profile --db "$db" --at 2010-03-31 --format csv > "$TMP/profile_$la.csv"
  grep -q "${prefixes[$i]}[0-9]\{6\}" "$TMP/due_$la.csv" || fail "$la's worklist has none of its children"
  grep -q "${prefixes[$i]}[0-9]\{6\}" "$TMP"/export_"$la"/*.csv || fail "$la's export has none of its children"
  ! grep -q -E "$others" "$TMP/due_$la.csv" "$TMP/leavers_$la.txt" "$TMP"/export_"$la"/*.csv ||
    fail "council $la's reports name another council's child: $(grep -m3 -E "$others" "$TMP/due_$la.csv" "$TMP/leavers_$la.txt" "$TMP"/export_"$la"/*.csv)"
  unset CAREPLEDGE_COUNCIL
done
"$CAREPLEDGE" profile --db "$db" --at 2010-03-31 --format csv > "$TMP/profile_all.csv"
cmp -s "$TMP/profile_835.csv" "$TMP/profile_all.csv" && fail "a council's profile is the pool's"

# ---- The web API, as each council's users ------------------------------------------------
for i in 0 1 2; do
  for role_name in manager; do
    echo "a password for the test" | "$CAREPLEDGE" user add "${role_name}_${councils[$i]}" \
      --role "$role_name" --council "${councils[$i]}" --password-stdin --db "$db" > /dev/null
  done
done
echo "a password for the test" | "$CAREPLEDGE" user add region --role councillor --council '' \
  --password-stdin --db "$db" > /dev/null

# serve_as COUNCIL: a server for COUNCIL ("" the partnership); sets api and server
# (stopped however the test ends).
server=""
trap 'if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; fi; rm -rf "$TMP"' EXIT
# Every sign-in comes from 127.0.0.1 and PostgreSQL shares the per-address count
# across the servers this test starts one after another within a minute
# (docs/web.md): the limit is raised so the walk of every council is not refused.
printf 'sign_ins_per_minute = 1000\n' > "$TMP/serve.conf"
serve_as() {
  CAREPLEDGE_COUNCIL=$1 "$CAREPLEDGE" serve --db "$db" --config "$TMP/serve.conf" --listen 127.0.0.1:0 --threads 2 > "$TMP/serve.log" 2>&1 &
  server=$!
  local port=""
  for _ in $(seq 1 600); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$TMP/serve.log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || fail "serve for '$1' did not start: $(cat "$TMP/serve.log")"
  api="http://127.0.0.1:$port/api/v1"
}
sign_in() { # USER JAR: prints the HTTP status
  curl -s -o "$TMP/in.json" -w '%{http_code}' -c "$2" -H 'Content-Type: application/json' \
    -d "{\"username\": \"$1\", \"password\": \"a password for the test\"}" "$api/session"
}

# no_lost_update CHILD: two corrections of one visit made from the same version
# (two people with the page open): the first is stored, the second gets 409 and
# is told to reload; the stored record keeps the first's value.
no_lost_update() {
  local csrf visit date value other
  csrf=$(jq -r .data.csrf "$TMP/in.json")
  curl -s -b "$TMP/jar" "$api/children/$1?at=2010-03-31" > "$TMP/child.json"
  visit=$(jq -c '[.data.records[] | select(.kind == "visit")][0]' "$TMP/child.json")
  [ "$visit" != null ] || fail "child $1 has no visit to correct"
  date=$(jq -r .date <<< "$visit")
  value=$(jq -r 'if .seen_alone == "yes" then "no" else "yes" end' <<< "$visit")
  other=$([ "$value" = yes ] && echo no || echo yes)
  put() { # VALUE: the HTTP status of a correction from version 1
    curl -s -o "$TMP/put.json" -w '%{http_code}' -X PUT -b "$TMP/jar" -H "X-CSRF-Token: $csrf" \
      -H 'Content-Type: application/json' "$api/children/$1/records" \
      -d "{\"kind\": \"visit\", \"date\": \"$date\", \"version\": 1, \"reason\": \"test\", \"seen_alone\": \"$2\"}"
  }
  expect_eq "the first correction" 200 "$(put "$1" "$value")"
  expect_eq "a correction from the same version" 409 "$(put "$1" "$other")"
  grep -q "changed since it was read.*reload" "$TMP/put.json" || fail "409 says: $(cat "$TMP/put.json")"
  expect_eq "the first correction kept" "$value" \
    "$(as_role -c "SET carepledge.la = '*'" -c "SELECT seen_alone FROM visits WHERE child = '$1' AND visit_date = '$date'")"
}

# Every GET route of the matrix, with the dates of the synthetic history.
sed -n 's|^ *{"GET", "[^"]*", "/api/v1/\([^"]*\)".*|\1|p' "$CAREPLEDGE_SOURCE_DIR/tests/unit/test_web_routes.c" |
  sed -e 's/2026-03-31/2010-03-31/g; s/2025-04-01/2009-04-01/g; s|2025/26|2009/10|g' > "$TMP/routes"
[ "$(wc -l < "$TMP/routes")" -ge 15 ] || fail "the route matrix was not found: $(cat "$TMP/routes")"

for i in 0 1 2; do
  la=${councils[$i]} others=$(other_ids "$i")
  serve_as "$la"
  other=$(( (i + 1) % 3 ))
  expect_eq "another council's manager refused on $la's server" 401 \
    "$(sign_in "manager_${councils[$other]}" "$TMP/jar_x")"
  grep -q "works for council ${councils[$other]}" "$TMP/in.json" || fail "refusal says: $(cat "$TMP/in.json")"
  expect_eq "the partnership's user refused on $la's server" 401 "$(sign_in region "$TMP/jar_x")"
  expect_eq "$la's manager signs in" 200 "$(sign_in "manager_$la" "$TMP/jar")"
  own=$(curl -s -b "$TMP/jar" "$api/worklist?at=2010-03-31&per_page=500" | jq -r '.data[0].child')
  [[ "$own" == ${prefixes[$i]}* ]] || fail "$la's worklist starts with '$own'"
  while read -r route; do
    route=${route//children\/A/children\/$own}
    echo "$(curl -s -o "$TMP/route.json" -w '%{http_code}' -b "$TMP/jar" "$api/$route") $route" >> "$TMP/codes_$la"
    ! grep -q -E "$others" "$TMP/route.json" || fail "$la: GET $route names another council's child"
  done < "$TMP/routes"
  # The walk reads answers, not errors: every route answers the manager but
  # survey results of a round that does not exist, a stored forecast of the
  # unit test's name (none is stored here) and the survey's questions (a young
  # person's, not a manager's).
  ! grep -v -e '^200 ' -e '^404 survey/results' -e '^404 forecasts/.' -e '^403 survey/questions' \
    "$TMP/codes_$la" || fail "$la: routes that failed"
  for k in 0 1 2; do
    [ "$k" = "$i" ] && continue
    stranger="${prefixes[$k]}000001"
    expect_eq "$la: another council's child $stranger" 404 \
      "$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar" "$api/children/$stranger?at=2010-03-31")"
    expect_eq "$la: another council's child's corrections" 404 \
      "$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar" "$api/children/$stranger/corrections")"
  done
  [ "$i" = 0 ] && no_lost_update "$own"
  kill -TERM $server
  wait $server || fail "serve for $la did not stop cleanly"
done

# The partnership's server: its users see the pooled, suppressed scorecard, and
# no council's user signs in there.
serve_as ""
expect_eq "a council's manager refused on the partnership's server" 401 "$(sign_in manager_835 "$TMP/jar_x")"
expect_eq "the partnership's user signs in" 200 "$(sign_in region "$TMP/jar")"
expect_eq "no child for the partnership" 403 \
  "$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar" "$api/children")"
curl -s -b "$TMP/jar" "$api/scorecard?year=2009/10" > "$TMP/card.json"
json_check "pooled scorecard" "$TMP/card.json" '.data != null'
! grep -q -E "\b[CDE][0-9]{6}\b" "$TMP/card.json" || fail "the pooled scorecard names a child"
kill -TERM $server
wait $server || fail "the partnership's server did not stop cleanly"

# ---- SQLite: the same column and application filter (no row-level security) ------------
for i in 0 1; do
  CAREPLEDGE_COUNCIL=${councils[$i]} "$CAREPLEDGE" import --db "$TMP/pool.db" "$TMP/903_${councils[$i]}" > /dev/null
done
CAREPLEDGE_COUNCIL=835 "$CAREPLEDGE" due --db "$TMP/pool.db" --at 2010-03-31 --format csv > "$TMP/sqlite_835.csv"
cmp -s "$TMP/due_835.csv" "$TMP/sqlite_835.csv" || fail "835's worklist differs between SQLite and PostgreSQL"
status=0
CAREPLEDGE_COUNCIL=836 "$CAREPLEDGE" import --db "$TMP/pool.db" "$TMP/903_835" > /dev/null 2> "$TMP/take.err" || status=$?
[ $status -ne 0 ] && grep -q "another council" "$TMP/take.err" || fail "SQLite take-over: $(cat "$TMP/take.err")"

psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE $name" -c "DROP ROLE $role" > /dev/null 2>&1 || true
echo "pg_councils: ok"
