#!/usr/bin/env bash
# The dashboard's browser tests (Debian chromium driven by playwright-core,
# with axe-core): tests/e2e/dashboard.test.mjs run by node --test.
#
#   tests/e2e/run.sh [BINARY]     against `BINARY serve` (default build/carepledge)
#                                 on a fresh synthetic database with one user per
#                                 role
#   tests/e2e/run.sh --fixtures   against tests/e2e/fixture_server.py, the test
#                                 double of the API (layout work without a server)
#
# Screenshots: E2E_SHOTS=DIR also writes every page's PNG (desktop and phone);
# E2E_TESTS=0 skips the tests (screenshots only).
#
# Exit status: 0 passed, 1 failed, 77 skipped because chromium cannot start on
# this machine (printed in a banner; scripts/test.sh reports it at the end).
# Anything else missing (node, npm, the packages, the binary) is a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits until URL answers (any HTTP status), or fails after 20 s.
wait_for() {
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.2
  done
  echo "e2e: $1 did not answer" >&2
  return 1
}

mode=server
bin=build/carepledge
if [ "${1:-}" = "--fixtures" ]; then mode=fixtures; elif [ -n "${1:-}" ]; then bin=$1; fi

fail() {
  echo "e2e: FAILED: $*" >&2
  exit 1
}
skip_loudly() {
  {
    echo "########################################################################"
    echo "# e2e: SKIPPED: the browser tests did not run: $*"
    echo "########################################################################"
  } >&2
  exit 77
}

if [ "$mode" = server ]; then
  [ -x "$bin" ] || fail "$bin is not built"
  "$bin" help serve > /dev/null 2>&1 || fail "$bin has no serve command"
fi
command -v node > /dev/null || fail "node is missing: run scripts/install-deps.sh"
command -v npm > /dev/null || fail "npm is missing: run scripts/install-deps.sh"
chromium_bin=${E2E_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium_bin" ] || fail "$chromium_bin is missing: run scripts/install-deps.sh"
# A chromium that is installed but cannot start (no shared memory, a kernel
# without the namespaces it wants, a broken library) is the one reason to
# skip rather than fail; its own message says why.
if ! chromium_err=$(timeout 90 "$chromium_bin" --headless --no-sandbox --disable-gpu \
  --dump-dom about:blank 2>&1 > /dev/null); then
  skip_loudly "$chromium_bin cannot start: $(echo "$chromium_err" | tail -3)"
fi
# The packages are pinned by tests/e2e/package-lock.json; `npm ci` again only
# when the lock file changed since the last install.
installed=tests/e2e/node_modules/.package-lock.json
if [ ! -f "$installed" ] || [ tests/e2e/package-lock.json -nt "$installed" ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund) || fail "npm ci in tests/e2e failed"
fi

tmp=$(mktemp -d)
pid=
cleanup() {
  # The server's exit status on SIGTERM is not the tests' result.
  if [ -n "$pid" ]; then kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
port=$(free_port)
export E2E_BASE_URL="http://127.0.0.1:$port"

if [ "$mode" = fixtures ]; then
  python3 tests/e2e/fixture_server.py "$port" &
  pid=$!
  # The double's accounts (tests/e2e/fixtures.json).
  export E2E_USERS='{"social_worker":["sw1","demo-sw1"],"manager":["mgr","demo-mgr"],"data_analyst":["data","demo-data"],"councillor":["cllr","demo-cllr"],"young_person":["yp","demo-yp"]}'
else
  db=$tmp/e2e.db
  "$bin" synth --out "$tmp/903" --profile dorset-2010 --seed 7 --children 120 > /dev/null
  "$bin" import --db "$db" "$tmp/903" > /dev/null
  users='{'
  "$bin" governance demo --db "$db" --out "$tmp/governance" --year 2009/10 > /dev/null
  for role in social_worker manager data_analyst councillor cicc_facilitator young_person; do
    pass="e2e-$role-$RANDOM$RANDOM"
    echo "$pass" | "$bin" user add "e2e_$role" --role "$role" --password-stdin --db "$db" > /dev/null
    users+="\"$role\":[\"e2e_$role\",\"$pass\"],"
  done
  export E2E_USERS="${users%,}}"
  # The social worker's caseload: children with an overdue visit on the date
  # the pages start from. This history's last return ends on 31/03/2010, long
  # enough ago that the pages start there, not today (docs/dashboard.md).
  "$bin" due --db "$db" --at 2010-03-31 --overdue --format csv |
    awk -F, '$2 == "visit" { print $1 }' | sort -u | head -8 |
    while read -r child; do "$bin" user allocate e2e_social_worker "$child" --db "$db" > /dev/null; done
  # An open survey round and codes for tests/e2e/survey.test.mjs.
  "$bin" survey open "E2E survey" --year 2009/10 --db "$db" > /dev/null
  E2E_SURVEY_CODES=$("$bin" survey codes "E2E survey" --count 3 --db "$db" | grep -v '^#' | paste -sd, -)
  export E2E_SURVEY_CODES
  # Every test signs in from 127.0.0.1, one after another: on a fast machine more
  # than the default 10 a minute (the limit itself is tested in tests/unit and
  # tests/cli, not here), so the suite's server allows more.
  printf 'sign_ins_per_minute = 1000\n' > "$tmp/serve.conf"
  "$bin" serve --db "$db" --config "$tmp/serve.conf" --listen "127.0.0.1:$port" \
    --webroot "${E2E_WEBROOT:-$root/web}" > "$tmp/serve.log" 2>&1 &
  pid=$!
fi
wait_for "$E2E_BASE_URL/"

status=0
# E2E_PATTERN=REGEX runs only the tests whose names match.
pattern=()
[ -n "${E2E_PATTERN:-}" ] && pattern=(--test-name-pattern="$E2E_PATTERN")
[ "${E2E_TESTS:-1}" = 0 ] || node --test --test-concurrency=1 "${pattern[@]}" tests/e2e/*.test.mjs || status=$?
if [ -n "${E2E_SHOTS:-}" ]; then node tests/e2e/screenshots.mjs "$E2E_SHOTS" || status=$?; fi
[ "$status" -ne 0 ] && [ -f "$tmp/serve.log" ] && tail -20 "$tmp/serve.log" >&2
exit "$status"
