#!/usr/bin/env bash
# API reads on PostgreSQL with two servers (issue 14, item 6): two `carepledge
# serve` processes on one PostgreSQL database, each on its own port, and wrk at
# 64 connections in all (32 on each server at once) on the worklist, a child's
# record (each view audited: both servers append to the one audit chain) and
# the scorecard, signed in; then the same reads on one server over the SQLite
# file of the same history, wrk at 64 connections. The two servers share the
# session: the user signs in on server A and reads through B with A's cookie
# (sessions are a table, migration 010), which the script checks before it
# measures.
#
#   bench/pg-web.sh [CHILDREN] [SECONDS]     (defaults: 100000, 20 per run)
#
# PostgreSQL runs on a throwaway cluster on this machine (scripts/pg-test.sh,
# Unix socket) with fsync and synchronous_commit on. wrk, both servers and
# PostgreSQL share the machine's cores: the figures are a floor, and the CPU
# time per request (each server's own, and PostgreSQL's, over the run) says
# what each costs. Writes bench/RESULTS-pg-web.md. BENCH_BIN=FILE benchmarks
# that binary (bench/lib.bash).
if [ -z "${CAREPLEDGE_TEST_PG:-}" ]; then
  CAREPLEDGE_PG_FSYNC=on exec "$(dirname "$0")/../scripts/pg-test.sh" --run bash "$0" "$@"
fi
source "$(dirname "$0")/lib.bash"
command -v wrk > /dev/null || { echo "bench/pg-web.sh needs wrk: scripts/install-deps.sh" >&2; exit 2; }
n=${1:-100000}
secs=${2:-20}
tick=$(getconf CLK_TCK)
data=$out/pgweb-903-$n
lite=$out/pgweb-$n.db
pgdb=${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/pgweb_$n?}
pass="bench password $RANDOM$RANDOM"
at=2026-03-31

servers=()
trap 'for p in "${servers[@]}"; do kill "$p" 2> /dev/null || true; done' EXIT

# users DB: the bench users and the social worker's caseload of 25 children
# with something due (as bench/web.sh).
users() {
  echo "$pass" | "$bin" user add bench_mgr --role manager --password-stdin --db "$1" > /dev/null
  echo "$pass" | "$bin" user add bench_sw --role social_worker --password-stdin --db "$1" > /dev/null
  "$bin" due --db "$1" --at "$at" --format csv | awk -F, 'NR > 1 { print $1 }' | sort -u |
    awk 'NR <= 25' | while read -r c; do "$bin" user allocate bench_sw "$c" --db "$1" > /dev/null; done
}

rm -rf "$data" "$lite" "$lite-wal" "$lite-shm"
"$bin" synth --out "$data" --children "$n" --seed 1 --from 2017 --to 2026 > /dev/null
"$bin" import --db "$lite" "$data" > /dev/null
users "$lite"
psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS pgweb_$n" -c "CREATE DATABASE pgweb_$n"
"$bin" import --db "$pgdb" "$data" > /dev/null
users "$pgdb"
child=$("$bin" due --db "$lite" --at "$at" --format csv | awk -F, 'NR == 2 { print $1 }')
rm -rf "$data"

# serve DB NAME: starts a server on DB; prints its pid and base URL.
serve() {
  local log=$out/pgweb-serve-$2.log
  "$bin" serve --db "$1" --listen 127.0.0.1:0 --threads "$(nproc)" > "$log" 2>&1 &
  local pid=$! port=""
  for _ in $(seq 1 3000); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "bench/pg-web.sh: serve did not start: $(cat "$log")" >&2; exit 1; }
  echo "$pid http://127.0.0.1:$port"
}

# cookie BASE USER: signs in and prints the session cookie.
cookie() {
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\": \"$2\", \"password\": \"$pass\"}" "$1/api/v1/session" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(cp_session=[0-9a-f]*\).*/\1/p'
}

# ticks PID...: user + system CPU of the processes, in clock ticks.
ticks() {
  local p
  for p in "$@"; do awk '{ print $14 + $15 }' "/proc/$p/stat"; done | awk '{ s += $1 } END { print s + 0 }'
}

# pg_ticks: the cluster's CPU so far: the postmaster with its reaped children,
# and every backend still running (the servers' connections stay open).
pg_ticks() {
  local pm
  pm=$(head -1 "$PGHOST/data/postmaster.pid")
  { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pm/stat"
    for c in $(pgrep -P "$pm"); do awk '{ print $14 + $15 }' "/proc/$c/stat" 2> /dev/null || true; done
  } | awk '{ s += $1 } END { print s + 0 }'
}

# summary FILE...: "requests/s p50 p99 errors requests" over wrk outputs run
# at once (rates and requests added, latencies the worst of them).
summary() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps += $2 }
    / requests in / { reqs += $1 }
    $1 == "50%" { v = ms($2); if (v > p50) p50 = v } $1 == "99%" { v = ms($2); if (v > p99) p99 = v }
    /Non-2xx/ { err += $NF }
    /Socket errors/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, err, reqs }' "$@"
}

# measure NAME PIDS PATH COOKIE BASE...: wrk on each base at once, 64
# connections split between them; a table row's figures: requests/s, p50,
# p99, errors, the servers' CPU µs per request, PostgreSQL's.
measure() {
  local name=$1 pids=$2 path=$3 c=$4
  shift 4
  local conns=$((64 / $#)) b i=0 files=() waits=()
  for b in "$@"; do curl -s -f -o /dev/null -H "Cookie: $c" "$b$path" || { echo "bench/pg-web.sh: $b$path fails" >&2; exit 1; }; done
  local s0 p0
  s0=$(ticks $pids)
  p0=$(pg_ticks)
  for b in "$@"; do
    i=$((i + 1))
    files+=("$out/pgweb-$name-$i.wrk")
    wrk -t1 -c"$conns" -d"${secs}s" --latency -H "Cookie: $c" "$b$path" > "$out/pgweb-$name-$i.wrk" &
    waits+=($!)
  done
  wait "${waits[@]}"
  local s1 p1 rps p50 p99 err reqs
  s1=$(ticks $pids)
  p1=$(pg_ticks)
  read -r rps p50 p99 err reqs < <(summary "${files[@]}")
  awk -v r="$reqs" -v s=$((s1 - s0)) -v p=$((p1 - p0)) -v hz="$tick" \
    -v line="$rps | $p50 | $p99 | $err" \
    'BEGIN { printf "%s | %.0f | %.0f", line, r ? s / hz * 1e6 / r : 0, r ? p / hz * 1e6 / r : 0 }'
}

# reads LABEL PIDS BASE...: the three endpoints as table rows.
reads() {
  local label=$1 pids=$2
  shift 2
  local sw mgr b
  sw=$(cookie "$1" bench_sw)
  mgr=$(cookie "$1" bench_mgr)
  [ -n "$sw" ] && [ -n "$mgr" ] || { echo "bench/pg-web.sh: sign-in failed" >&2; exit 1; }
  # Signed in on the first server, read through every one with its cookie.
  for b in "$@"; do
    curl -s -f -o /dev/null -H "Cookie: $sw" "$b/api/v1/me" ||
      { echo "bench/pg-web.sh: the session of $1 is not known to $b" >&2; exit 1; }
  done
  echo "| $label | worklist (social worker, 25 children) | $(measure "$label-worklist" "$pids" "/api/v1/worklist?at=$at" "$sw" "$@") |"
  echo "| $label | child $child (manager, each view audited) | $(measure "$label-child" "$pids" "/api/v1/children/$child?at=$at" "$mgr" "$@") |"
  echo "| $label | scorecard 2025/26 (manager) | $(measure "$label-scorecard" "$pids" "/api/v1/scorecard?year=2025/26" "$mgr" "$@") |"
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
read -r pa base_a < <(serve "$pgdb" a)
servers+=("$pa")
read -r pb base_b < <(serve "$pgdb" b)
servers+=("$pb")
audit0=$(psql -At "$pgdb" -c "SELECT count(*) FROM audit")
pg_rows=$(reads "PostgreSQL, two servers" "$pa $pb" "$base_a" "$base_b")
kill "$pa" "$pb"
wait "$pa" "$pb" 2> /dev/null || true
servers=()
audit1=$(psql -At "$pgdb" -c "SELECT count(*) FROM audit")
# Each server prints its audit writer's batches when it stops.
batches=$(grep -h '^audit log:' "$out/pgweb-serve-a.log" "$out/pgweb-serve-b.log" | sed 's/^audit log: /- /')
verify=$("$bin" audit verify --db "$pgdb" 2>&1 | head -1)
load_mid=$(cut -d' ' -f1-3 /proc/loadavg)

read -r pl base_l < <(serve "$lite" sqlite)
servers+=("$pl")
lite_rows=$(reads "SQLite, one server" "$pl" "$base_l" | sed 's/| [0-9]* |$/| – |/')
kill "$pl"
wait "$pl" 2> /dev/null || true
servers=()
version=$(psql -At "$CAREPLEDGE_TEST_PG" -c "SHOW server_version")

cat > bench/RESULTS-pg-web.md <<MD
# API reads on PostgreSQL with two servers

Generated by \`bench/pg-web.sh $n $secs\` on $(date -u +%Y-%m-%d) (load average at the start: $load_start;
after the PostgreSQL runs: $load_mid; at the end: $(cut -d' ' -f1-3 /proc/loadavg)), $(nproc) cores,
the binary \`$bin\`, PostgreSQL $version on the same machine (a throwaway cluster, Unix
socket, fsync and synchronous_commit on), SQLite $(sqlite3 --version | cut -d' ' -f1). Data:
\`carepledge synth --children $n --seed 1 --from 2017 --to 2026\`, imported into each.
PostgreSQL: two \`serve --threads $(nproc)\` on one database, the user signed in on the first
and read through both with its cookie (one session, shared through the database); wrk
\`-t1 -c32 -d${secs}s\` on each at once, 64 connections in all. SQLite: one \`serve\`, wrk
\`-t1 -c64\`. Requests/s adds both servers'; latencies are the worse of the two; errors
are non-2xx answers and socket errors. Server CPU is the \`serve\` processes' user + system
time over the run divided by the requests answered; PostgreSQL CPU the cluster's.

| database | endpoint | requests/s | p50 ms | p99 ms | errors | server CPU µs/request | PostgreSQL CPU µs/request |
|---|---|---:|---:|---:|---:|---:|---:|
$pg_rows
$lite_rows

The child views through the two servers appended $((audit1 - audit0)) rows to the one audit chain;
\`audit verify\` after: $verify. Each server's audit writer (its batches over the whole run):

$batches
MD
cat bench/RESULTS-pg-web.md
