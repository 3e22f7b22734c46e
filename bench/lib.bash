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
