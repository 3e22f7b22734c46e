#!/usr/bin/env bash
# Benchmark of a save through the API (session 9): `carepledge serve` on
# loopback with a synthetic history, a manager signed in who has read this
# year's scorecard and every child's worklist (so the snapshot keeps answers
# to work out again), then SAVES records POSTed one after another, each for
# another child (a visit), and as many corrections of them (PUT).
#
#   bench/web-save.sh [CHILDREN] [SAVES]      (defaults: 100000, 5)
#
# For each save: the answer's wall time (curl's time_total), the server's CPU
# seconds (user + system, /proc) until the answer, and its CPU seconds until
# it is idle again (what the save cost in all: with the answers kept worked
# out on the new snapshot, after the swap or before it). Figures to
# bench/RESULTS-web-save.md. BENCH_BIN=FILE measures that binary
# (bench/lib.bash); BENCH_BEFORE=FILE measures that one as well, first, on
# the same data. The CPU seconds hold on a shared machine; the wall times
# only on a quiet one.
source "$(dirname "$0")/lib.bash"
n=${1:-100000}
saves=${2:-5}
data=$out/save-903-$n
ready=$out/save-$n.db # the imported history with the bench user, kept between runs
db=$out/save.db
tick=$(getconf CLK_TCK)
results=bench/RESULTS-web-save.md

prepare() {
  [ -f "$ready" ] && [ -f "$ready.pass" ] && return
  rm -rf "$data" "$ready" "$ready-wal" "$ready-shm"
  "$bin" synth --out "$data" --children "$n" --seed 1 --from 2017 --to 2026 > /dev/null
  "$bin" import --db "$ready" "$data" > /dev/null
  local pass="bench password $RANDOM$RANDOM"
  echo "$pass" | "$bin" user add bench_mgr --role manager --password-stdin --db "$ready" > /dev/null
  echo "$pass" > "$ready.pass"
  rm -rf "$data"
}
prepare
pass=$(cat "$ready.pass")

server=""
trap '[ -n "$server" ] && kill $server 2> /dev/null || true' EXIT

# start BINARY: a server on a fresh copy of the history, signed in; sets
# base, cookie and csrf.
start() {
  rm -f "$db" "$db-wal" "$db-shm"
  cp "$ready" "$db"
  local log=$out/save-serve.log
  "$1" serve --db "$db" --listen 127.0.0.1:0 --threads 2 > "$log" 2>&1 &
  server=$!
  local port=""
  for _ in $(seq 1 1200); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "bench/web-save.sh: serve did not start: $(cat "$log")" >&2; exit 1; }
  base="http://127.0.0.1:$port"
  local answer
  answer=$(curl -s -D "$out/save-headers" -H 'Content-Type: application/json' \
    -d "{\"username\": \"bench_mgr\", \"password\": \"$pass\"}" "$base/api/v1/session")
  cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: \(cp_session=[0-9a-f]*\).*/\1/p' "$out/save-headers")
  csrf=$(jq -r .data.csrf <<< "$answer")
  [ -n "$cookie" ] && [ "$csrf" != null ] || { echo "bench/web-save.sh: sign-in failed" >&2; exit 1; }
}

stop() {
  kill -TERM "$server"
  wait "$server" || true
  server=""
}

cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$server/stat"
}

# Waits until the server has used no CPU for a second (at most two minutes).
wait_idle() {
  local a b
  for _ in $(seq 1 120); do
    a=$(cpu_ticks)
    sleep 1
    b=$(cpu_ticks)
    [ "$a" = "$b" ] && return
  done
}

seconds() {
  awk -v t="$1" -v hz="$tick" 'BEGIN { printf "%.2f", t / hz }'
}

# send METHOD CHILD BODY: one save; prints "wall_s answer_cpu_s all_cpu_s".
send() {
  local before answered after wall status
  before=$(cpu_ticks)
  read -r status wall < <(curl -s -o "$out/save-answer" -w '%{http_code} %{time_total}\n' \
    -X "$1" -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d "$3" "$base/api/v1/children/$2/records")
  answered=$(cpu_ticks)
  case $status in
    200 | 201) ;;
    *) echo "bench/web-save.sh: $1 $2 answered $status: $(cat "$out/save-answer")" >&2; exit 1 ;;
  esac
  wait_idle
  after=$(cpu_ticks)
  echo "$wall $(seconds $((answered - before))) $(seconds $((after - before)))"
}

# median: of the numbers on stdin, one a line, to three decimals.
median() {
  sort -g | awk '{ v[NR] = $1 } END { printf "%.3f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure BINARY: a table row for its records and one for its corrections.
measure() {
  start "$1"
  curl -s -f -o /dev/null -H "Cookie: $cookie" "$base/api/v1/scorecard"
  curl -s -f -o /dev/null -H "Cookie: $cookie" "$base/api/v1/worklist?at=2026-03-31&per_page=100"
  wait_idle
  local ids i kind rows=()
  mapfile -t ids < <(curl -s -H "Cookie: $cookie" "$base/api/v1/children?per_page=500" |
    jq -r '.data[].id' | awk -v n="$saves" 'NR % 97 == 1 && c++ < n')
  for kind in record correction; do
    : > "$out/save-$kind"
    for i in "${ids[@]}"; do
      if [ $kind = record ]; then
        send POST "$i" '{"kind": "visit", "date": "2026-03-09", "seen_alone": "yes"}'
      else
        send PUT "$i" '{"kind": "visit", "date": "2026-03-09", "seen_alone": "no", "version": 1, "reason": "bench"}'
      fi >> "$out/save-$kind"
    done
    rows+=("| \`$1\` | $kind | ${#ids[@]} | $(cut -d' ' -f1 "$out/save-$kind" | median) | $(cut -d' ' -f2 "$out/save-$kind" | median) | $(cut -d' ' -f3 "$out/save-$kind" | median) |")
  done
  stop
  printf '%s\n' "${rows[@]}"
}

table=()
[ -n "${BENCH_BEFORE:-}" ] && mapfile -t -O "${#table[@]}" table < <(measure "$BENCH_BEFORE")
mapfile -t -O "${#table[@]}" table < <(measure "$bin")
{
  echo "## The web server: a save (a record, a correction) on $n children"
  echo
  echo "Generated by \`bench/web-save.sh\` on $(date -u +%Y-%m-%d) (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)), $(nproc) cores."
  echo "Data: \`carepledge synth --children $n --seed 1 --from 2017 --to 2026\`, imported; \`serve --threads 2\`; a manager"
  echo "has read this year's scorecard and every child's worklist first. Each save for another child; medians."
  echo "Wall seconds are curl's \`time_total\` (meaningful on a quiet machine only); CPU seconds are the server's"
  echo "user + system time until the answer, and until it is idle again (the answers kept worked out on the new snapshot)."
  echo
  echo "| binary | save | saves | answer wall s | CPU to the answer s | CPU in all s |"
  echo "|---|---|---:|---:|---:|---:|"
  printf '%s\n' "${table[@]}"
} > "$results"
cat "$results"
