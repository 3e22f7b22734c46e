#!/usr/bin/env bash
# A pooled region on PostgreSQL (issue 14 item 6, docs/postgresql.md "Several
# councils in one database"): COUNCILS councils' ten-year histories of CHILDREN
# children each, imported one council at a time (CAREPLEDGE_COUNCIL), then the
# partnership's pooled, suppressed scorecard and one council's scorecard, each
# the fastest of three after a warm-up, with the CPU seconds of that run. Runs
# on a throwaway cluster with fsync on (scripts/pg-test.sh), connecting as an
# ordinary role, as a council's servers would (a superuser skips row-level
# security, and with it the cost of its check on every row). Gives the CPU
# seconds of the client and of the server beside the wall time: the machine is
# shared. Writes bench/RESULTS-pool.md (pasted into bench/RESULTS.md by hand,
# "A pooled region on PostgreSQL"):
#   bench/pool.sh [COUNCILS [CHILDREN]]     (default: 20 1000)
# With CAREPLEDGE_TEST_PG set it uses that cluster instead (PGHOST its socket
# folder); POOL_MEASURE_ONLY=1 then skips the imports and measures the database
# bench_pool already there (a 500,000-child pool takes a quarter of an hour or
# more to import on a shared machine). POOL_DB=NAME names the database (default
# bench_pool), so a small pool for development can sit beside the large one.
if [ -z "${CAREPLEDGE_TEST_PG:-}" ]; then
  CAREPLEDGE_PG_FSYNC=on exec "$(dirname "$0")/../scripts/pg-test.sh" --run bash "$0" "$@"
fi
. "$(dirname "$0")/lib.bash"
councils=${1:-20} n=${2:-1000}

role=carepledge_pool measure_only=${POOL_MEASURE_ONLY:-} db=${POOL_DB:-bench_pool}
[ -n "$measure_only" ] ||
  psql -q "$CAREPLEDGE_TEST_PG" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" \
    -c "DO \$\$ BEGIN CREATE ROLE $role LOGIN NOSUPERUSER NOBYPASSRLS; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$" \
    -c "CREATE DATABASE $db OWNER $role"
pgdb=${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/$db?}
pgdb=${pgdb/user=postgres/user=$role}
add() { awk -v a="$1" -v b="$2" 'BEGIN { print a + b }'; }
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# Council k's code is 800 + k; synth numbers every history's children from
# C000001, so each council's get its code in front (pooled councils need
# distinct identifiers).
import_s=0 rows=0 client_cpu=0 server_s=0 first_s="" last_s=""
for k in $(seq 1 "$councils"); do
  [ -z "$measure_only" ] || break
  la=$((800 + k)) data="$out/pool-903-$k"
  rm -rf "$data"
  "$bin" synth --out "$data" --children "$n" --seed "$k" --from 2017 --to 2026 > /dev/null
  sed -i "s/\bC\([0-9]\{6\}\)\b/$la\1/g" "$data"/*/*.csv
  s0=$(pg_server_cpu)
  CAREPLEDGE_COUNCIL=$la /usr/bin/time -f "%e %U %S" -o "$out/pool-import-$k.time" \
    "$bin" import --db "$pgdb" "$data" > "$out/pool-import-$k.stdout"
  s1=$(pg_server_cpu)
  read -r s user sys < <(tail -n 1 "$out/pool-import-$k.time")
  import_s=$(add "$import_s" "$s")
  client_cpu=$(add "$client_cpu" "$(add "$user" "$sys")")
  server_s=$(add "$server_s" "$(awk -v a="$s1" -v b="$s0" 'BEGIN { print a - b }')")
  [ -n "$first_s" ] || first_s=$s
  last_s=$s
  rm -rf "$data"
  rows=$((rows + $(sed -n 's/^imported \([0-9]*\) rows.*/\1/p' "$out/pool-import-$k.stdout")))
done
size=$(psql -At "$pgdb" -c "SELECT pg_size_pretty(pg_database_size('$db'))")
children=$(psql -q -At "$pgdb" -c "SET carepledge.la = '*'" -c "SELECT count(*) FROM header")

[ -n "$measure_only" ] || psql -q "$pgdb" -c "ANALYZE" # as autovacuum would, in time
card=(scorecard --year 2025/26 --years 9 --publish --format csv --db "$pgdb")
# card_cpu NAME: one untimed run, then three timed ones; prints the fastest's
# "wall_s peak_kib client_cpu_s server_cpu_s".
card_cpu() {
  local name=$1 best="" s k u y s0 s1
  measure "$name" "$bin" "${card[@]}" > /dev/null
  for _ in 1 2 3; do
    s0=$(pg_server_cpu)
    read -r s k < <(measure "$name" /usr/bin/time -f "%U %S" -o "$out/$name.cpu" "$bin" "${card[@]}")
    s1=$(pg_server_cpu)
    read -r u y < "$out/$name.cpu"
    if [ -z "$best" ] || awk -v a="$s" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$s $k $(add "$u" "$y") $(awk -v a="$s1" -v b="$s0" 'BEGIN { printf "%.2f", a - b }')"
    fi
  done
  echo "$best"
}
read -r pooled_s pooled_k pooled_c pooled_srv < <(card_cpu pool-scorecard-all)
read -r one_s one_k one_c one_srv < <(CAREPLEDGE_COUNCIL=801 card_cpu pool-scorecard-801)
version=$(psql -At "$CAREPLEDGE_TEST_PG" -c "SHOW server_version")
# How a council's load reads its largest table (migration 019: the index leading with la).
plan=$(psql -At "$pgdb" -c "SET carepledge.la = '801'" -c "EXPLAIN SELECT child, visit_date FROM visits \
  WHERE la = '801' ORDER BY child, visit_date" | head -2 | tr '\n' ' ')

imports=""
[ -z "$measure_only" ] || rows="(imported before this run)"
if [ -z "$measure_only" ]; then
  imports="| import, $councils councils one after another, $rows rows ($(awk -v r="$rows" -v s="$import_s" 'BEGIN { printf "%d", r / s }') rows/s; client CPU $client_cpu s, server CPU $server_s s: $(awk -v r="$rows" -v c="$client_cpu" -v s="$server_s" 'BEGIN { printf "%d", r / (c + s) }') rows per CPU s) | $import_s | |
| the first council's import, into an empty database | $first_s | |
| the last council's, beside $((councils - 1)) councils' rows | $last_s | |
"
fi
cat > bench/RESULTS-pool.md <<MD
# A pooled region on PostgreSQL

Generated by \`bench/pool.sh $councils $n\` on $(date -u +%Y-%m-%d) (load average at the start: $load_start;
at the end: $(cut -d' ' -f1-3 /proc/loadavg)), $(nproc) cores, Release build, PostgreSQL $version on the
same machine (a throwaway cluster, Unix socket, fsync and synchronous_commit on, connecting as an
ordinary role, so row-level security checks every row of every child-keyed table).
Data: $councils councils, each \`carepledge synth --children $n --seed K --from 2017 --to 2026\`
with its code (801 to $((800 + councils))) in front of its child identifiers: $children children,
$rows rows ($size on disk). Each council imports its own history (\`CAREPLEDGE_COUNCIL=80K carepledge import\`).
CPU s are user + system seconds of the client and of every process of the PostgreSQL server.

| step | wall s | peak MiB |
|---|---:|---:|
$imports| the partnership's pooled scorecard, \`scorecard --year 2025/26 --years 9 --publish\` ($children children; client CPU $pooled_c s, server CPU $pooled_srv s) | $pooled_s | $((pooled_k / 1024)) |
| one council's scorecard, the same with \`CAREPLEDGE_COUNCIL=801\` (client CPU $one_c s, server CPU $one_srv s) | $one_s | $((one_k / 1024)) |

A council's load of its visits: \`$plan\`
MD
cat bench/RESULTS-pool.md
