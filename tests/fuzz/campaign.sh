#!/bin/bash
# campaign.sh: runs fuzz targets from their committed corpora and, once they
# have run, folds what they found back into tests/fuzz/corpus. Not run by
# ctest (ctest replays the corpora); docs/reliability.md says how it was used.
#
#   tests/fuzz/campaign.sh run BUILD OUT SECONDS TARGET...
#       runs each TARGET (nice -n $CAMPAIGN_NICE, 10 unless set; one after
#       the other) for SECONDS from tests/fuzz/corpus/TARGET, writing what it
#       finds to OUT/TARGET/new, its log to OUT/TARGET/log and the processor
#       seconds it was given to OUT/TARGET/time; a crash is left as
#       OUT/TARGET/crash-*.
#   tests/fuzz/campaign.sh merge BUILD OUT TARGET...
#       minimises the committed corpus and OUT/TARGET/new with -merge=1 into a
#       fresh OUT/TARGET/merged, keeps every named input (a regression such as
#       crash-year-1900, or a hand-written seed) under its name, and replaces
#       tests/fuzz/corpus/TARGET with the result.
#   tests/fuzz/campaign.sh stats OUT TARGET...
#       prints each run's figures: time, executions, exec/s, cov and ft at the
#       start and the end, as the runs table of docs/reliability.md gives them,
#       and the processor seconds (user + system) the run had: on a shared
#       machine exec/s measures the share of a core the fuzzer got.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
corpus_root="$here/corpus"

# The longest input each target is given. libFuzzer otherwise takes the
# longest file of the corpus, at least 4096 bytes. The import targets get
# 2048: a 903 table's checks and merge are reached by a few rows (their
# corpora's inputs are under 400 bytes) and every byte more is time spent
# storing rows. The whole-return XML and the indicator catalogue need more.
max_len() {
    case "$1" in
    fuzz_import | fuzz_table | fuzz_disability) echo 2048 ;;
    fuzz_xml) echo 16384 ;;
    fuzz_indicators) echo 65536 ;;
    *) echo 4096 ;;
    esac
}

run_one() {
    local build=$1 out=$2 seconds=$3 target=$4
    mkdir -p "$out/$target/new"
    nice -n "${CAMPAIGN_NICE:-10}" /usr/bin/time -f '%U %S %e' -o "$out/$target/time" \
        "$build/$target" -max_total_time="$seconds" -timeout=30 \
        -max_len="$(max_len "$target")" -print_final_stats=1 \
        -artifact_prefix="$out/$target/" \
        "$out/$target/new" "$corpus_root/$target" >"$out/$target/log" 2>&1 || {
        echo "$target: stopped with a finding, see $out/$target/log" >&2
        return 0
    }
}

# A file named by libFuzzer is the SHA-1 of its contents; any other name was
# given by hand and is kept under it.
is_named() {
    [[ ! $(basename "$1") =~ ^[0-9a-f]{40}$ ]]
}

merge_one() {
    local build=$1 out=$2 target=$3
    local merged="$out/$target/merged"
    rm -rf "$merged"
    mkdir -p "$merged"
    "$build/$target" -merge=1 -timeout=30 -max_len="$(max_len "$target")" \
        "$merged" "$corpus_root/$target" "$out/$target/new" >"$out/$target/merge.log" 2>&1
    local f
    for f in "$corpus_root/$target"/*; do
        is_named "$f" || continue
        rm -f "$merged/$(sha1sum "$f" | cut -c1-40)"
        cp "$f" "$merged/"
    done
    rm -rf "${corpus_root:?}/$target"
    cp -r "$merged" "$corpus_root/$target"
    echo "$target: $(find "$corpus_root/$target" -type f | wc -l) inputs," \
        "$(du -sb "$corpus_root/$target" | cut -f1) bytes"
}

# "#2 INITED cov: 812 ft: 1734 ..." at the start; the last "cov:" line and
# the final stats at the end.
stats_one() {
    local log=$1/$2/log
    local start end runs secs
    start=$(grep -m1 'INITED' "$log" | grep -o 'cov: [0-9]* ft: [0-9]*')
    end=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || true)
    secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | cut -c4- || true)
    local cpu='?'
    # "user system elapsed" as /usr/bin/time -f '%U %S %e' wrote them (the
    # file's last line: a line before it says how a stopped run ended).
    [ -s "$1/$2/time" ] && cpu=$(tail -1 "$1/$2/time" | awk '{printf "%.0f of %.0f", $1 + $2, $3}')
    echo "$2: ${secs:-?} s, ${runs:-?} executions," \
        "$([ -n "$runs" ] && [ -n "$secs" ] && echo $((runs / secs)) || echo '?')/s," \
        "$start -> $end, processor seconds $cpu," \
        "crash files: $(find "$1/$2" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 \
            -name 'leak-*' -o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | wc -l)"
}

cmd=${1:-}
shift || true
case "$cmd" in
run)
    build=$1 out=$2 seconds=$3
    shift 3
    for t in "$@"; do run_one "$build" "$out" "$seconds" "$t"; done
    ;;
merge)
    build=$1 out=$2
    shift 2
    for t in "$@"; do merge_one "$build" "$out" "$t"; done
    ;;
stats)
    out=$1
    shift
    for t in "$@"; do stats_one "$out" "$t"; done
    ;;
*)
    sed -n '2,18p' "$0" >&2
    exit 2
    ;;
esac
