#!/usr/bin/env bash
# Builds bench/RESULTS.md from the sections each benchmark script writes
# (bench/RESULTS-core.md from run.sh, bench/RESULTS-due.md from due.sh, ...),
# so that every figure is in one file and no script overwrites another's.
# No script runs it any more: bench/RESULTS.md also holds analysis written by
# hand (before-and-after tables, quiet-machine re-runs) that this would drop.
# Each script writes its own part; paste the new part into RESULTS.md by hand.
set -euo pipefail
cd "$(dirname "$0")"
{
  echo "# Benchmark results"
  echo
  echo "Every figure here was measured by a script in \`bench/\` on generated data; each section"
  echo "says which script, when, and on what machine. Re-run a script to refresh its section."
  for section in RESULTS-core.md RESULTS-due.md RESULTS-*.md; do
    [ -f "$section" ] || continue
    case " ${done_sections:-} " in *" $section "*) continue ;; esac
    done_sections="${done_sections:-} $section"
    echo
    sed 's/^# /## /' "$section"
  done
} > RESULTS.md
