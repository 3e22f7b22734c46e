#!/usr/bin/env bash
# Benchmark of a snapshot swap in `carepledge serve` (issue 10): an import
# through the API (a visits template of 200 rows, as a data analyst) and how
# long the readers of the scorecard wait for the new snapshot's answers.
#
#   bench/web-swap.sh [CHILDREN]     (default 100000)
#
# It uses the history, users and caseload bench/web.sh makes (run that first
# for the size), on a fresh copy for each binary. For each: the server's start
# (to its "serving" line), the manager's scorecard of 2025/26 and of the year
# the pages start from, and every child's worklist, asked once; then the
# import, while wrk (-t1 -c8, no timeout under 60 s) asks the scorecard of the
# year the pages start from all along; then, the import answered, the first
# scorecard of each kind and the worklist again, each timed by curl. Figures
# go to bench/RESULTS-web-swap.md (then RESULTS.md).
#
# BENCH_BIN=FILE measures that binary; BENCH_BEFORE=FILE measures that one
# first, on the same data and machine, for a before-and-after table.
source "$(dirname "$0")/lib.bash"
command -v wrk > /dev/null || { echo "bench/web-swap.sh needs wrk: scripts/install-deps.sh" >&2; exit 2; }
n=${1:-100000}
ready=$out/web-$n.db
[ -f "$ready" ] && [ -f "$ready.pass" ] || { echo "bench/web-swap.sh: run bench/web.sh $n first (it makes $ready)" >&2; exit 2; }
pass=$(cat "$ready.pass")
db=$out/web-swap.db
upload=$out/web-swap-visits.csv
server=""
trap '[ -n "$server" ] && kill $server 2> /dev/null || true' EXIT

# die MESSAGE: stops the server of this (sub)shell and exits 1.
die() {
  echo "bench/web-swap.sh: $*" >&2
  [ -n "$server" ] && kill "$server" 2> /dev/null
  exit 1
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# start BINARY: a server on a fresh copy of the history with a data analyst;
# sets base and started (seconds from launch to its "serving" line).
start() {
  rm -f "$db" "$db-wal" "$db-shm"
  cp "$ready" "$db"
  echo "$pass" | "$1" user add bench_data --role data_analyst --password-stdin --db "$db" > /dev/null
  local log=$out/web-swap-serve.log t0 port=""
  t0=$(now)
  "$1" serve --db "$db" --listen 127.0.0.1:0 --threads "$(nproc)" > "$log" 2>&1 &
  server=$!
  for _ in $(seq 1 6000); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [ -n "$port" ] && break
    sleep 0.05
  done
  [ -n "$port" ] || die "serve did not start: $(cat "$log")"
  started=$(elapsed "$t0" "$(now)")
  base="http://127.0.0.1:$port"
}

stop() {
  kill -TERM "$server"
  wait "$server" || true
  server=""
}

# sign_in USER: prints "cookie csrf". A sign-in refused because another
# password is being checked (429) is tried again.
sign_in() {
  local headers body status
  headers=$(mktemp)
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    body=$(curl -s -D "$headers" -w '\n%{http_code}' -H 'Content-Type: application/json' \
      -d "{\"username\": \"$1\", \"password\": \"$pass\"}" "$base/api/v1/session")
    status=${body##*$'\n'}
    [ "$status" = 200 ] && break
    sleep 1
  done
  [ "$status" = 200 ] || die "sign-in of $1 answered $status: ${body%$'\n'*}"
  echo "$(sed -n 's/^[Ss]et-[Cc]ookie: \(cp_session=[0-9a-f]*\).*/\1/p' "$headers")" \
    "$(echo "${body%$'\n'*}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["csrf"])')"
  rm -f "$headers"
}

# timed COOKIE PATH: the wall seconds of one GET (which must answer 200).
timed() {
  local t
  t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: $1" "$base$2")
  [ "${t% *}" = 200 ] || die "GET $2 answered ${t% *}"
  printf "%.3f" "${t#* }"
}

# The upload: a visit on 31/03/2026 of 200 children of the history.
visits() {
  local mgr=$1
  {
    echo "CHILD,VISIT_DATE,SEEN_ALONE"
    curl -s -H "Cookie: $mgr" "$base/api/v1/children?per_page=200" |
      python3 -c 'import json, sys; [print(c["id"] + ",31/03/2026,yes") for c in json.load(sys.stdin)["data"]]'
  } > "$upload"
}

# measure BINARY: one table row.
measure() {
  start "$1"
  local mgr data csrf
  mgr=$(sign_in bench_mgr)
  mgr=${mgr% *}
  read -r data csrf < <(sign_in bench_data)
  [ -n "$mgr" ] && [ -n "$data" ] || die "sign-in failed"
  local card=/api/v1/scorecard work="/api/v1/worklist?at=2026-03-31&per_page=100"
  local first_card first_work
  first_card=$(timed "$mgr" "$card")
  timed "$mgr" "$card?year=2025/26" > /dev/null
  timed "$mgr" "$card?publish=1" > /dev/null
  first_work=$(timed "$mgr" "$work")
  visits "$mgr"
  # Readers all along the import: wrk stops (and reports) on SIGINT.
  wrk -t1 -c8 -d300s --timeout 60s --latency -H "Cookie: $mgr" "$base$card" > "$out/web-swap-during.wrk" &
  local during=$! t0 status t1
  sleep 2
  t0=$(now)
  status=$(curl -s -o "$out/web-swap-import.json" -w '%{http_code}' -H "Cookie: $data" \
    -H "X-CSRF-Token: $csrf" -F "visits=@$upload;type=text/csv" "$base/api/v1/imports")
  t1=$(now)
  kill -INT "$during"
  wait "$during" || true
  [ "$status" = 200 ] || die "the import answered $status: $(cat "$out/web-swap-import.json")"
  # The first readers of the new snapshot: wrk for 5 s and, at the same time,
  # one request of each kind.
  wrk -t1 -c8 -d5s --timeout 60s --latency -H "Cookie: $mgr" "$base$card" > "$out/web-swap-after.wrk" &
  local after=$!
  local after_card after_year after_pub after_work again never
  after_card=$(timed "$mgr" "$card")
  after_year=$(timed "$mgr" "$card?year=2025/26")
  after_pub=$(timed "$mgr" "$card?publish=1")
  after_work=$(timed "$mgr" "$work")
  again=$(timed "$mgr" "$card")
  never=$(timed "$mgr" "$card?year=2023/24")
  wait "$after"
  stop
  echo "| \`$1\` | $started | $first_card | $first_work | $(elapsed "$t0" "$t1") | $after_card | $after_year | $after_pub | $after_work | $again | $never | $(wrk_summary "$out/web-swap-during.wrk") | $(wrk_summary "$out/web-swap-after.wrk") |"
}

# wrk_summary FILE: "requests | p99 ms | max ms | errors" of a wrk output.
wrk_summary() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    / requests in / { reqs = $1 }
    $1 == "Latency" && $2 != "Distribution" { max = ms($4) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { err += $NF }
    /Socket errors/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
    END { printf "%d | %.0f | %.0f | %d", reqs, p99, max, err }' "$1"
}

rows=""
if [ -n "${BENCH_BEFORE:-}" ]; then rows=$(measure "$BENCH_BEFORE")$'\n'; fi
rows+=$(measure "$bin")
load=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "## The web server: the first readers after an import"
  echo
  echo "Generated by \`bench/web-swap.sh\` on $(date -u +%Y-%m-%d) (load average at the end: $load), $(nproc) cores,"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(wrk -v 2>&1 | awk 'NR == 1' | cut -d' ' -f1-2)."
  echo "Data: \`carepledge synth --children $n --seed 1 --from 2017 --to 2026\`, imported; \`serve --threads $(nproc)\`."
  echo "Each row a server on a fresh copy: its start (to the \"serving\" line); the manager's first scorecard"
  echo "(of the year the pages start from), then that of 2025/26, the published one, and every child's"
  echo "worklist (\`at=2026-03-31&per_page=100\`); then an import through the API (a visits template of"
  echo "200 rows, as a data analyst: the import, the new snapshot's load and its preparation) while wrk"
  echo "(\`-t1 -c8\`) asks the first scorecard all along (\"during\"); then, the import answered, wrk again"
  echo "for 5 s (\"after\") and, at the same time, the first scorecard, of 2025/26, published, the"
  echo "worklist, the first scorecard once more, and that of 2023/24 (asked of no snapshot before)."
  echo "Wall seconds (curl's \`time_total\`); wrk's latency in ms."
  echo
  echo "| binary | start s | first scorecard s | first worklist s | import request s | scorecard after s | 2025/26 after s | published after s | worklist after s | scorecard again s | 2023/24 s | reads during | p99 ms | max ms | errors | reads 5 s after | p99 ms | max ms | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "$rows"
  echo
  echo "Before, a new snapshot was swapped in with no answer kept, so the first readers of each"
  echo "scorecard after an import worked it out themselves, and every reader asking meanwhile waited"
  echo "(or worked it out too). Now the request that imports works out on the new snapshot, before the"
  echo "swap, what the old one had been asked (src/web/prepare.c, docs/web.md \"Prepared before the"
  echo "swap\"): the import's request is longer by that time, its readers are not. A year no snapshot"
  echo "was asked (2023/24) is still worked out by its first reader. A long request holds the"
  echo "libmicrohttpd worker thread it runs on, and the connections that thread serves wait with it: when"
  echo "some of wrk's connections are on the import's thread, \"during\" shows the import's whole time."
} > bench/RESULTS-web-swap.md
# bench/RESULTS.md holds hand-written analysis: paste the new section into it by hand.
cat bench/RESULTS-web-swap.md
