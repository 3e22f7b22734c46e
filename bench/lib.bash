# Shared by the benchmark scripts: builds the Release binary and gives the two
# ways of timing a command. Sourced from bench/*.sh; it changes to the
# repository root. All data is generated (carepledge synth): never real records.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v /usr/bin/time > /dev/null || { echo "bench needs GNU time: apt-get install time" >&2; exit 2; }

# BENCH_BIN=FILE runs that binary instead (one already built: the machine is
# shared, and a second build of everything costs it minutes).
if [ -n "${BENCH_BIN:-}" ]; then
  bin=$BENCH_BIN
else
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build build-bench -j"$(nproc)" > /dev/null
  bin=build-bench/carepledge
fi
out=bench/out
mkdir -p "$out"

# measure NAME CMD...: runs CMD once (its output goes to bench/out/NAME.stdout)
# and prints "seconds peak_kib" (wall time and peak resident set size). An exit
# status other than those in BENCH_OK_STATUS (default 0; validate exits 1 when
# rules fail) is reported on stderr.
measure() {
  local name=$1 status=0; shift
  /usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" > "$out/$name.stdout" || status=$?
  case " ${BENCH_OK_STATUS:-0} " in
    *" $status "*) ;;
    *) echo "bench: '$*' exited with status $status" >&2 ;;
  esac
  tail -n 1 "$out/$name.time"
}

# fastest NAME CMD...: one untimed run (a warm page cache), then three timed
# runs; prints the fastest "seconds peak_kib" — the machine may be shared, and
# the fastest run is the least disturbed.
fastest() {
  local best="" s k
  measure "$@" > /dev/null
  for _ in 1 2 3; do
    read -r s k < <(measure "$@")
    if [ -z "$best" ] || awk -v a="$s" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$s $k"
    fi
  done
  echo "$best"
}

# files_903 DIR: sets the array files903 to the twelve 903 tables' CSV files in
# DIR's year folders (synth also writes the local record templates there).
files_903() {
  files903=()
  local f
  for f in "$1"/*/*.csv; do
    case $(basename "$f") in
      header.csv|episodes.csv|reviews.csv|uasc.csv|oc2.csv|oc3.csv|ad1.csv|placed_adoption.csv|prev_perm.csv|missing.csv|sw_episodes.csv|dolo.csv) files903+=("$f") ;;
    esac
  done
}

# pg_server_cpu: the CPU seconds the throwaway PostgreSQL cluster (scripts/pg-test.sh,
# $PGHOST/data) has used: the postmaster, the backends it has reaped (its children's
# time) and those still running. It first waits for every client's backend to be gone
# and reaped: one ending while it reads would be counted neither as running nor as reaped.
pg_server_cpu() {
  local pm
  pm=$(head -1 "$PGHOST/data/postmaster.pid")
  until [ "$(psql -At "$CAREPLEDGE_TEST_PG" -c "SELECT count(*) FROM pg_stat_activity
      WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")" = 0 ]; do sleep 0.1; done
  sleep 0.5
  { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pm/stat"
    for c in $(pgrep -P "$pm"); do awk '{ print $14 + $15 }' "/proc/$c/stat" 2> /dev/null || true; done
  } | awk -v t="$(getconf CLK_TCK)" '{ s += $1 } END { printf "%.2f", s / t }'
}
