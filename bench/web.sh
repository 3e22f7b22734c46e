#!/usr/bin/env bash
# Benchmark of the web server (issue 10): `carepledge serve` on loopback with
# the 100,000-child history, signed in, driven by wrk (Debian package `wrk`) at
# 64 connections.
#
#   bench/web.sh [CHILDREN] [SECONDS]        (defaults: 100000, 20 per run)
#     the worklist, a child's record, the scorecard and /me one at a time; the
#     server's CPU time per request; then the worklist again beside a flood of
#     sign-ins (wrk POSTing them, bench/web-signin.lua), against a server that
#     lets one address sign in 10,000 times a minute, so that every sign-in
#     reaches the password check (as a flood from many addresses would).
#     Figures go to bench/RESULTS-web.md (then RESULTS.md).
#   bench/web.sh soak [CHILDREN] [SECONDS]   (defaults: 100000, 300)
#     mixed reads (bench/web-paths.lua) and sign-ins at once, the server's
#     resident memory sampled every 10 s, with the server's own limits; to
#     bench/RESULTS-web-soak.md.
#
# BENCH_BIN=FILE benchmarks that binary (bench/lib.bash); BENCH_BEFORE=FILE runs
# the reads with that binary as well, just before, on the same data and the
# same machine state, for a before-and-after table. wrk runs on the same
# machine as the server and shares its cores: the figures are a floor for a
# server with its own machine, and the CPU time per request says what the
# server itself costs.
source "$(dirname "$0")/lib.bash"
command -v wrk > /dev/null || { echo "bench/web.sh needs wrk: scripts/install-deps.sh" >&2; exit 2; }
mode=reads
if [ "${1:-}" = soak ]; then
  mode=soak
  shift
fi
n=${1:-100000}
secs=${2:-$([ "$mode" = soak ] && echo 300 || echo 20)}
conns=64
data=$out/web-903-$n
ready=$out/web-$n.db # the imported history with the bench users, kept between runs
db=$out/web.db
tick=$(getconf CLK_TCK)

# The history, its users and the social worker's caseload, made once per size
# (by the older binary when there are two: the newer one migrates its copy).
prepare() {
  local bin=${BENCH_BEFORE:-$bin}
  [ -f "$ready" ] && [ -f "$ready.pass" ] && return
  rm -rf "$data" "$ready" "$ready-wal" "$ready-shm"
  "$bin" synth --out "$data" --children "$n" --seed 1 --from 2017 --to 2026 > /dev/null
  "$bin" import --db "$ready" "$data" > /dev/null
  local pass="bench password $RANDOM$RANDOM"
  echo "$pass" | "$bin" user add bench_mgr --role manager --password-stdin --db "$ready" > /dev/null
  echo "$pass" | "$bin" user add bench_sw --role social_worker --password-stdin --db "$ready" > /dev/null
  # The social worker's caseload: 25 children with something due (a typical caseload).
  "$bin" due --db "$ready" --at 2026-03-31 --format csv | awk -F, 'NR > 1 { print $1 }' | sort -u |
    awk 'NR <= 25' | while read -r c; do "$bin" user allocate bench_sw "$c" --db "$ready" > /dev/null; done
  "$bin" due --db "$ready" --at 2026-03-31 --format csv | awk -F, 'NR == 2 { print $1 }' > "$ready.child"
  echo "$pass" > "$ready.pass"
  rm -rf "$data"
}
prepare
pass=$(cat "$ready.pass")
child=$(cat "$ready.child")

server=""
trap '[ -n "$server" ] && kill $server 2> /dev/null || true' EXIT

# start BINARY [CONFIG]: a server on a fresh copy of the history; sets base.
start() {
  rm -f "$db" "$db-wal" "$db-shm"
  cp "$ready" "$db"
  local log=$out/web-serve.log config=()
  [ -n "${2:-}" ] && config=(--config "$2")
  "$1" serve --db "$db" --listen 127.0.0.1:0 --threads "$(nproc)" "${config[@]}" > "$log" 2>&1 &
  server=$!
  local port=""
  for _ in $(seq 1 1200); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "bench/web.sh: serve did not start: $(cat "$log")" >&2; exit 1; }
  base="http://127.0.0.1:$port"
  sw_cookie=$(cookie bench_sw)
  mgr_cookie=$(cookie bench_mgr)
  [ -n "$sw_cookie" ] && [ -n "$mgr_cookie" ] || { echo "bench/web.sh: sign-in failed" >&2; exit 1; }
}

stop() {
  kill -TERM "$server"
  wait "$server" || true
  server=""
}

# cookie USER: signs in and prints the session cookie.
cookie() {
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\": \"$1\", \"password\": \"$pass\"}" "$base/api/v1/session" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(cp_session=[0-9a-f]*\).*/\1/p'
}

# The server's CPU time so far (user + system), in clock ticks.
cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$server/stat"
}

rss_kib() {
  awk '/VmRSS/ { print $2 }' "/proc/$server/status"
}

# summary FILE: "requests_per_s p50_ms p90_ms p99_ms errors requests" of a wrk
# output (errors: non-2xx answers and socket errors).
summary() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    / requests in / { reqs = $1 }
    $1 == "50%" { p50 = ms($2) } $1 == "90%" { p90 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { err += $NF }
    /Socket errors/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %.2f %d %d\n", rps, p50, p90, p99, err, reqs }' "$1"
}

# error_kinds FILE: the non-2xx answers and the socket errors of a wrk output.
error_kinds() {
  awk '/Non-2xx/ { n = $NF } /Socket errors/ { gsub(",", ""); c = $4; r = $6; w = $8; t = $10 }
    END { printf "non-2xx %d, connect %d, read %d, write %d, timeout %d", n, c, r, w, t }' "$1"
}

# run NAME COOKIE PATH: wrk at $conns connections for $secs s; prints its
# summary and the server's CPU microseconds per request.
run() {
  local name=$1 c=$2 path=$3
  curl -s -f -o /dev/null -H "Cookie: $c" "$base$path" || { echo "bench/web.sh: $path fails" >&2; exit 1; }
  local before after
  before=$(cpu_ticks)
  wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Cookie: $c" "$base$path" > "$out/web-$name.wrk"
  after=$(cpu_ticks)
  local s
  s=$(summary "$out/web-$name.wrk")
  echo "$s $(awk -v t=$((after - before)) -v hz="$tick" -v r="${s##* }" 'BEGIN { printf "%.0f", r ? t / hz * 1e6 / r : 0 }')"
}

# row LABEL WHO NAME COOKIE PATH: a table row of run's figures.
row() {
  local rps p50 p90 p99 err reqs cpu
  read -r rps p50 p90 p99 err reqs cpu < <(run "$3" "$4" "$5")
  local idle
  idle=$(awk -v c="$cpu" -v n="$(nproc)" 'BEGIN { printf "%.0f", (c > 0 ? n * 1e6 / c : 0) }')
  echo "| $1 | $2 | $rps | $p50 | $p90 | $p99 | $err | $cpu | $idle |"
}

# The four reads, one at a time, as table rows.
reads() {
  row "\`GET /api/v1/worklist?at=2026-03-31\`" "social worker, 25 children" worklist "$sw_cookie" "/api/v1/worklist?at=2026-03-31"
  row "\`GET /api/v1/scorecard?year=2025/26\`" manager scorecard "$mgr_cookie" "/api/v1/scorecard?year=2025/26"
  row "\`GET /api/v1/children/$child?at=2026-03-31\`" "manager (each view audited)" child "$mgr_cookie" "/api/v1/children/$child?at=2026-03-31"
  row "\`GET /api/v1/me\`" "social worker (no service: the floor)" me "$sw_cookie" "/api/v1/me"
}

header() {
  echo "| endpoint | as | requests/s | p50 ms | p90 ms | p99 ms | errors | server CPU µs/request | $(nproc) cores / CPU, requests/s |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
}

machine() {
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr),"
  echo "$(wrk -v 2>&1 | awk 'NR == 1' | cut -d' ' -f1-2). Data: \`carepledge synth --children $n --seed 1 --from 2017 --to 2026\`,"
  echo "imported; \`serve --threads $(nproc)\` on loopback; the binary: \`$bin\`${BENCH_BEFORE:+, before: \`$BENCH_BEFORE\`}."
}

# flood_body USER PASSWORD: the JSON of a sign-in.
flood_body() {
  echo "{\"username\": \"$1\", \"password\": \"$2\"}"
}

reads_mode() {
  local before_rows="" flood_config=$out/web-flood.conf
  if [ -n "${BENCH_BEFORE:-}" ]; then
    start "$BENCH_BEFORE"
    before_rows=$(reads)
    stop
  fi
  start "$bin"
  local rss_start after_rows audit_rows
  rss_start=$(rss_kib)
  after_rows=$(reads)
  local rss_end
  rss_end=$(rss_kib)
  stop
  audit_rows=$(sqlite3 "$db" "SELECT count(*) FROM audit")
  # The group commit's batches, as serve reports them at stop (only the
  # child's views are audited among the reads).
  local audit_commits audit_verify
  audit_commits=$(sed -n 's/^audit log: //p' "$out/web-serve.log")
  audit_verify=$("$bin" audit verify --db "$db" 2>&1 | head -1)

  # Reads beside a flood of sign-ins of a user that does not exist: each one
  # that is let through costs the password check of a real user (svc_users).
  echo "sign_ins_per_minute = 10000" > "$flood_config"
  start "$bin" "$flood_config"
  local quiet flooded signins
  quiet=$(row "worklist alone" "social worker" flood-quiet "$sw_cookie" "/api/v1/worklist?at=2026-03-31")
  wrk -t1 -c8 -d"${secs}s" -s bench/web-signin.lua "$base/api/v1/session" \
    -- "$(flood_body nobody "not the password")" > "$out/web-signins.wrk" &
  local flooder=$!
  flooded=$(row "worklist beside the sign-in flood" "social worker" flood-reads "$sw_cookie" "/api/v1/worklist?at=2026-03-31")
  wait $flooder
  signins=$(grep '^sign-ins:' "$out/web-signins.wrk")
  stop

  {
    echo "## The web server: \`serve\` under wrk"
    echo
    echo "Generated by \`bench/web.sh\` on $(date -u +%Y-%m-%d) (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)),"
    machine
    echo "wrk \`-t2 -c$conns -d${secs}s --latency\` with a signed-in session's cookie, one endpoint at a"
    echo "time, on the same machine as the server (they share its cores). Latency in milliseconds;"
    echo "errors are non-2xx answers and socket errors. Server CPU is the server process's user +"
    echo "system time over the run divided by the requests answered: 2 cores / that figure is what"
    echo "an idle 2-core machine with the load generator elsewhere could answer."
    echo
    if [ -n "$before_rows" ]; then
      echo "Before (the binary of the previous session, run just before on the same data):"
      echo
      header
      echo "$before_rows"
      echo
      echo "After (this branch):"
      echo
    fi
    header
    echo "$after_rows"
    echo
    echo "Server resident memory: $((rss_start / 1024)) MiB after start, $((rss_end / 1024)) MiB after the runs;"
    echo "the audit log held $audit_rows rows at the end (one per child view): ${audit_commits:-serve did not report its commits}."
    echo "\`audit verify\` after the runs: $audit_verify"
    echo
    echo "How the reads are answered (docs/web.md): the worklist of a caseload is kept with the"
    echo "snapshot per caseload and question, so all but the first ask copy it; the scorecard"
    echo "likewise per year; /me reads only the session. A child's view is kept with the snapshot"
    echo "per child and date (it depends on nothing else: the caseload is checked first), and"
    echo "every view appends its audit row, which commits durably (SQLite synchronous FULL)"
    echo "before the answer is sent. The view's connection is suspended meanwhile, not its worker"
    echo "thread, and one audit writer thread commits every row queued in one transaction, so a"
    echo "commit (one fsync) holds the views of up to every open connection (the largest batch"
    echo "above). The last column is what the server's own CPU time per request"
    echo "allows on $(nproc) idle cores with wrk elsewhere; the measured rates are below it because"
    echo "wrk and the other work of the machine (the load average above) share the same cores."
    echo
    echo "### Sign-ins under load"
    echo
    echo "The worklist as above, then again while a second wrk (\`-t1 -c8\`, bench/web-signin.lua)"
    echo "POSTs sign-ins of a user that does not exist as fast as it can, on a server configured"
    echo "with \`sign_ins_per_minute = 10000\` so that the per-address limit lets them through to the"
    echo "password check (a flood from many addresses). Sign-ins answered: $signins"
    echo "(401: checked and refused; 429: refused at once, another check in progress). The"
    echo "server checks one password at a time, on a thread of its own with the connection"
    echo "suspended, so no worker thread (nor the connections it serves) waits for argon2id; the"
    echo "CPU column of the flooded row counts the sign-ins' CPU too."
    echo
    header
    echo "$quiet"
    echo "$flooded"
  } > bench/RESULTS-web.md
  # RESULTS.md holds hand-written sections: paste this one in by hand.
  cat bench/RESULTS-web.md
}

soak_mode() {
  start "$bin"
  # Each path asked once first, as the reads runs do: the first scorecard of a
  # snapshot is worked out (seconds on a busy machine) on a worker thread, and
  # every connection that thread serves waits meanwhile (more than wrk's 2 s
  # when two threads work it out at once: one timeout per connection).
  local path
  for path in "/api/v1/worklist?at=2026-03-31" /api/v1/me; do
    curl -s -f -o /dev/null -H "Cookie: $sw_cookie" "$base$path"
  done
  for path in "/api/v1/children/$child?at=2026-03-31" "/api/v1/scorecard?year=2025/26"; do
    curl -s -f -o /dev/null -H "Cookie: $mgr_cookie" "$base$path"
  done
  local rss_log=$out/web-soak-rss.txt
  : > "$rss_log"
  local cpu_start
  cpu_start=$(cpu_ticks)
  wrk -t1 -c32 -d"${secs}s" --latency -H "Cookie: $sw_cookie" -s bench/web-paths.lua "$base" \
    -- "/api/v1/worklist?at=2026-03-31" "/api/v1/me" > "$out/web-soak-sw.wrk" &
  local w1=$!
  wrk -t1 -c32 -d"${secs}s" --latency -H "Cookie: $mgr_cookie" -s bench/web-paths.lua "$base" \
    -- "/api/v1/children/$child?at=2026-03-31" "/api/v1/scorecard?year=2025/26" > "$out/web-soak-mgr.wrk" &
  local w2=$!
  wrk -t1 -c2 -d"${secs}s" -s bench/web-signin.lua "$base/api/v1/session" \
    -- "$(flood_body bench_sw "$pass")" > "$out/web-soak-signins.wrk" &
  local w3=$!
  local t=0
  while [ "$t" -le "$secs" ]; do
    echo "$t $(rss_kib)" >> "$rss_log"
    sleep 10
    t=$((t + 10))
  done
  wait $w1 $w2 $w3
  local cpu_end
  cpu_end=$(cpu_ticks)
  local sw mgr signins
  sw=$(summary "$out/web-soak-sw.wrk")
  mgr=$(summary "$out/web-soak-mgr.wrk")
  signins=$(grep '^sign-ins:' "$out/web-soak-signins.wrk")
  stop
  local audit_rows verify audit_commits
  audit_rows=$(sqlite3 "$db" "SELECT count(*) FROM audit")
  audit_commits=$(sed -n 's/^audit log: //p' "$out/web-serve.log")
  verify=$("$bin" audit verify --db "$db" 2>&1 | head -1)
  {
    echo "## The web server: a ${secs}-second soak"
    echo
    echo "Generated by \`bench/web.sh soak\` on $(date -u +%Y-%m-%d) (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)),"
    machine
    echo "Three wrk at once for ${secs} s, on the same machine: the social worker's worklist and /me"
    echo "in turn (\`-t1 -c32\`, bench/web-paths.lua); the manager's view of a child (audited) and"
    echo "the scorecard in turn (\`-t1 -c32\`); and sign-ins of the social worker with the right"
    echo "password (\`-t1 -c2\`, bench/web-signin.lua) under the server's own limit of"
    echo "$WEB_LIMIT sign-ins a minute per address, the rest refused with 429 and Retry-After. Each"
    echo "path is asked once before (the first scorecard of a snapshot takes seconds to work out)."
    echo
    echo "| load | requests/s | p50 ms | p90 ms | p99 ms | non-2xx and socket errors | requests |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    read -r rps p50 p90 p99 err reqs <<< "$sw"
    echo "| worklist + /me (social worker) | $rps | $p50 | $p90 | $p99 | $err | $reqs |"
    read -r rps p50 p90 p99 err reqs <<< "$mgr"
    echo "| child + scorecard (manager) | $rps | $p50 | $p90 | $p99 | $err | $reqs |"
    echo
    echo "The errors by kind: social worker's $(error_kinds "$out/web-soak-sw.wrk"); manager's"
    echo "$(error_kinds "$out/web-soak-mgr.wrk") (a timeout: no answer within wrk's 2 s)."
    echo "Sign-ins answered: $signins. Server CPU over the soak: $(( (cpu_end - cpu_start) / tick )) s."
    echo "The audit log held $audit_rows rows at the end (${audit_commits:-commits not reported}); \`audit verify\`: $verify"
    echo
    echo "Server resident memory every 10 s from the start of the load (second: MiB):"
    echo "$(awk '{ printf "%s%d: %.1f", (NR > 1 ? ", " : ""), $1, $2 / 1024 }' "$rss_log")."
  } > bench/RESULTS-web-soak.md
  # RESULTS.md holds hand-written sections: paste this one in by hand.
  cat bench/RESULTS-web-soak.md
}

WEB_LIMIT=10
if [ "$mode" = soak ]; then soak_mode; else reads_mode; fi
