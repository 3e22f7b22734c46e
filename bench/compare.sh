#!/usr/bin/env bash
# Before and after: runs every reading command of two builds of carepledge on
# the same generated history, alternately, and reports for each the fastest of
# three runs of each build, as wall seconds and CPU seconds (user + system),
# with peak memory. CPU time is the fairer figure on a shared machine: it
# counts the work done, not the waiting. Writes bench/RESULTS-compare-CHILDREN.md.
#   bench/compare.sh OLD_BINARY NEW_BINARY [CHILDREN]     (default 100000)
# All data is generated (carepledge synth).
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1"); new=$(realpath "$2"); n=${3:-100000}
command -v /usr/bin/time > /dev/null || { echo "needs GNU time" >&2; exit 2; }
out=bench/out/compare; rm -rf "$out"; mkdir -p "$out"
"$new" synth --out "$out/903" --children "$n" --seed 1 --from 2017 --to 2026 > /dev/null

# run BIN NAME ARGS...: one timed run; prints "wall cpu kib".
run() {
  local bin=$1 name=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$out/t" "$bin" "$@" > "$out/$name.stdout" 2> /dev/null || true
  tail -n 1 "$out/t" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }'
}
# best BIN NAME ARGS...: the fastest (by CPU) of three runs.
best() {
  local r b=""
  for _ in 1 2 3; do
    r=$(run "$@")
    if [ -z "$b" ] || awk -v a="${r#* }" -v c="${b#* }" 'BEGIN { split(a, x); split(c, y); exit !(x[1] < y[1]) }'; then b=$r; fi
  done
  echo "$b"
}

rows=()
import_old=$(run "$old" import-old import --db "$out/old.db" "$out/903")
import_new=$(run "$new" import-new import --db "$out/new.db" "$out/903")
rows+=("| import | $import_old | $import_new |")
cmds=(
  "profile|profile --at 2026-03-31"
  "leavers|leavers --at 2026-03-31 --format csv"
  "due|due --at 2026-03-31 --format csv"
  "compliance|compliance --from 2025-04-01 --to 2026-03-31"
  "scorecard ten years|scorecard --year 2025/26 --years 9 --format csv"
  "validate --db|validate --year 2025/26"
)
for c in "${cmds[@]}"; do
  name=${c%%|*}; args=${c#*|}
  # shellcheck disable=SC2086
  o=$(best "$old" old $args --db "$out/old.db"); w=$(best "$new" new $args --db "$out/new.db")
  cmp -s "$out/old.stdout" "$out/new.stdout" && same=same || same=differs
  rows+=("| $name | $o | $w | $same |")
done
o=$(best "$old" old validate --year 2025/26 --prev "$out/903/2024-25" "$out/903/2025-26")
w=$(best "$new" new validate --year 2025/26 --prev "$out/903/2024-25" "$out/903/2025-26")
rows+=("| validate files | $o | $w |")

{
  echo "# Before and after ($n children, ten years; $(date -u +%Y-%m-%d))"
  echo
  echo "Each cell: wall seconds, CPU seconds (user + system), peak KiB; the fastest of three runs"
  echo "by CPU, the two builds run alternately on the same history. Load average at the end:"
  echo "$(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| command | before | after | output |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "bench/RESULTS-compare-$n.md"
cat "bench/RESULTS-compare-$n.md"
