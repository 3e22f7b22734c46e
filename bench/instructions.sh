#!/usr/bin/env bash
# Before and after, counted in instructions: runs each command of two builds
# of carepledge once under valgrind's callgrind on the same generated history
# and reports the instructions executed (Ir). Unlike seconds, an instruction
# count does not change with the machine's load, so two builds can be compared
# on a busy shared machine; it does not see memory stalls or the processor's
# SHA instructions (valgrind emulates without them), so it complements
# bench/compare.sh rather than replacing it.
# Writes bench/RESULTS-instructions-CHILDREN.md.
#   [OLD_LABEL=… NEW_LABEL=…] bench/instructions.sh OLD_BINARY NEW_BINARY [CHILDREN]  (default 3000)
# All data is generated (carepledge synth).
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1"); new=$(realpath "$2"); n=${3:-3000}
command -v valgrind > /dev/null || { echo "needs valgrind" >&2; exit 2; }
out=bench/out/instructions; rm -rf "$out"; mkdir -p "$out"
"$new" synth --out "$out/903" --children "$n" --seed 1 --from 2017 --to 2026 > /dev/null

# count BIN ARGS...: the instructions one run executes.
count() {
  local bin=$1; shift
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" > "$out/stdout" 2> "$out/err" || true
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/err"
}
# row NAME OLD_IR NEW_IR
row() { awk -v name="$1" -v o="$2" -v w="$3" 'BEGIN { printf "| %s | %.1f | %.1f | %+.1f%% |\n", name, o / 1e6, w / 1e6, 100 * (w - o) / o }'; }

rows=()
rows+=("$(row import "$(count "$old" import --db "$out/old.db" "$out/903")" "$(count "$new" import --db "$out/new.db" "$out/903")")")
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
  rows+=("$(row "$name" "$(count "$old" $args --db "$out/old.db")" "$(count "$new" $args --db "$out/new.db")")")
done
rows+=("$(row "validate files" "$(count "$old" validate --year 2025/26 --prev "$out/903/2024-25" "$out/903/2025-26")" \
  "$(count "$new" validate --year 2025/26 --prev "$out/903/2024-25" "$out/903/2025-26")")")

{
  echo "# Before and after in instructions ($n children, ten years; $(date -u +%Y-%m-%d))"
  echo
  echo "Millions of instructions executed (valgrind callgrind, one run each; the count does not"
  echo "depend on the machine's load). Before: ${OLD_LABEL:-$old}; after: ${NEW_LABEL:-$new}."
  echo
  echo "| command | before (M) | after (M) | change |"
  echo "|---|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} > "bench/RESULTS-instructions-$n.md"
cat "bench/RESULTS-instructions-$n.md"
