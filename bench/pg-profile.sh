#!/usr/bin/env bash
# Where a PostgreSQL import's time goes (issue 14 item 6). One import of a
# generated ten-year history into an empty database, watched every 20 ms: the
# client's processor time (/proc of carepledge), its backend's (/proc of the
# server process serving it) and, from the backend's process title (what
# PostgreSQL shows in ps: idle, COPY, INSERT, COMMIT...), what the import was
# doing then. So each phase gets its wall seconds and the client's and the
# server's processor seconds: reading and parsing the files (the backend idle),
# checking and sorting the rows (idle in the transaction), the COPY into the
# staging tables (the client encoding and sending, the server copying), the
# merges, the commit. The rest of the cluster (WAL writer, checkpointer) is
# counted apart. (Into an empty database as the superuser, the import copies its
# rows straight into the tables: no staging table, no merge; store_stage.c.)
# Then the largest table's rows (visits) are written again by hand, each way:
# the COPY straight in, the staged merge (an ordinary role's route, under
# row-level security), with EXPLAIN (ANALYZE, BUFFERS), and with one cost put
# back or taken away at a time. Throwaway cluster with fsync on (scripts/pg-test.sh), connecting as its
# superuser (row-level security is not applied: bench/pool.sh measures a role
# it holds). Writes bench/RESULTS-pg-profile.md (bench/RESULTS.md is edited by
# hand from it):
#   [BENCH_BIN=FILE] bench/pg-profile.sh [CHILDREN]          (default: 10000)
if [ -z "${CAREPLEDGE_TEST_PG:-}" ]; then
  CAREPLEDGE_PG_FSYNC=on exec "$(dirname "$0")/../scripts/pg-test.sh" --run bash "$0" "$@"
fi
. "$(dirname "$0")/lib.bash"
n=${1:-10000}
data="$out/pg-profile-903-$n"
rm -rf "$data"
"$bin" synth --out "$data" --children "$n" --seed 1 --from 2017 --to 2026 > /dev/null

psql -q "$CAREPLEDGE_TEST_PG" -c "DROP DATABASE IF EXISTS bench_profile" -c "CREATE DATABASE bench_profile"
pgdb=${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/bench_profile?}
"$bin" user list --db "$pgdb" > /dev/null # the schema, before the import is watched

# watch_import: runs the import, sampling; prints "phase|wall ns|client ticks|backend ticks".
watch_import() {
  local pm timer client="" backend="" title word phase c b now seen_copy=0 p sfd
  local last_t last_c=0 last_b=0 before
  local -A wall ccpu bcpu
  pm=$(head -1 "$PGHOST/data/postmaster.pid")
  before=" $(pgrep -P "$pm" | tr '\n' ' ') "
  /usr/bin/time -f "%e %M %U %S" -o "$out/pg-profile-import.time" \
    "$bin" import --db "$pgdb" "$data" > "$out/pg-profile-import.stdout" &
  timer=$!
  while [ -z "$client" ]; do client=$(pgrep -P "$timer" || true); done
  exec {sfd}<> <(:)
  ticks() { local f; read -r -a f 2> /dev/null < "/proc/$1/stat" || { echo "$2"; return; }; echo $((f[13] + f[14])); }
  last_t=$(date +%s%N)
  while kill -0 "$client" 2> /dev/null; do
    if [ -z "$backend" ]; then
      for p in $(pgrep -P "$pm"); do
        case $before in *" $p "*) continue ;; esac
        title=""
        read -r -d '' title < "/proc/$p/cmdline" 2> /dev/null || true
        case $title in *" bench_profile "*) backend=$p last_b=$(ticks "$p" 0) ;; esac
      done
    fi
    title="none"
    [ -n "$backend" ] && { read -r -d '' title < "/proc/$backend/cmdline" 2> /dev/null || true; }
    word=${title##*\] }
    case $word in
      none) phase="connecting" ;;
      idle) phase="reading and parsing the files" ;;
      "idle in transaction") [ $seen_copy = 0 ] && phase="checking and sorting the rows" || phase="between statements" ;;
      COPY) seen_copy=1 phase="COPY (into the tables when empty, else into the staging tables)" ;;
      INSERT) phase="the merges (INSERT ... SELECT)" ;;
      COMMIT) phase="COMMIT" ;;
      "") phase="the connection closing" ;;
      *) phase="other statements ($word)" ;;
    esac
    c=$(ticks "$client" "$last_c")
    b=$last_b
    [ -n "$backend" ] && b=$(ticks "$backend" "$last_b")
    now=$(date +%s%N)
    wall[$phase]=$((${wall[$phase]:-0} + now - last_t))
    ccpu[$phase]=$((${ccpu[$phase]:-0} + c - last_c))
    bcpu[$phase]=$((${bcpu[$phase]:-0} + b - last_b))
    last_t=$now last_c=$c last_b=$b
    read -r -t 0.02 -u "$sfd" || true
  done
  wait "$timer" || echo "bench: the import failed: $(head -3 "$out/pg-profile-import.stdout")" >&2
  for p in "${!wall[@]}"; do echo "$p|${wall[$p]}|${ccpu[$p]}|${bcpu[$p]}"; done
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
server0=$(pg_server_cpu)
watch_import > "$out/pg-profile.phases"
server1=$(pg_server_cpu)
read -r wall _ user sys < "$out/pg-profile-import.time"
rows=$(sed -n 's/^imported \([0-9]*\) rows.*/\1/p' "$out/pg-profile-import.stdout")
order="reading and parsing the files|checking and sorting the rows|COPY (into the tables when empty, else into the staging tables)|between statements|the merges (INSERT ... SELECT)|COMMIT"
phases=$(awk -F'|' -v t="$(getconf CLK_TCK)" -v order="$order" '
  { w[$1] = $2 / 1e9; c[$1] = $3 / t; b[$1] = $4 / t; seen[$1] = 1 }
  END {
    k = split(order, names, "|")
    for (i = 1; i <= k; i++) if (names[i] in seen) { line(names[i]); delete seen[names[i]] }
    for (p in seen) line(p)
  }
  function line(p) { printf "| %s | %.2f | %.2f | %.2f |\n", p, w[p], c[p], b[p]; W += w[p]; C += c[p]; B += b[p] }
' "$out/pg-profile.phases")
totals=$(awk -F'|' -v t="$(getconf CLK_TCK)" '{ c += $3; b += $4 } END { printf "%.2f %.2f", c / t, b / t }' "$out/pg-profile.phases")
read -r client_s backend_s <<< "$totals"
rest_s=$(awk -v a="$server1" -v b="$server0" -v k="$backend_s" 'BEGIN { printf "%.2f", a - b - k }')

# The visits merge by hand, on a staging table rebuilt from the stored rows in
# key order (as the import stages them), each variant rolled back.
cols="child, visit_date, seen_alone, source_year, la"
psql -X -q "$pgdb" -c "SET carepledge.la = '*'" \
  -c "CREATE TABLE sv AS SELECT row_number() OVER (ORDER BY child, visit_date) AS seq, $cols FROM visits ORDER BY child, visit_date"
visits=$(psql -At "$pgdb" -c "SELECT count(*) FROM sv")
plain="INSERT INTO visits ($cols) SELECT $cols FROM sv"
conflict="ON CONFLICT (child, visit_date) DO UPDATE SET seen_alone = excluded.seen_alone, source_year = excluded.source_year, la = excluded.la WHERE excluded.source_year >= visits.source_year AND (visits.seen_alone, visits.source_year, visits.la) IS DISTINCT FROM (excluded.seen_alone, excluded.source_year, excluded.la)"
no_pk=(-c 'ALTER TABLE visits DROP CONSTRAINT visits_pkey')
no_la=(-c 'DROP INDEX visits_la')
psql -X -q "$pgdb" -c "SET carepledge.la = '*'" -c "\\copy (SELECT $cols FROM sv ORDER BY seq) TO '$PWD/$out/pg-profile-visits.copy'"
copy_in=("\\copy visits ($cols) FROM '$PWD/$out/pg-profile-visits.copy'")
# The backend's processor milliseconds so far (as the superuser, it reads its own /proc).
cpu_ms="SELECT (split_part(f, ' ', 12)::bigint + split_part(f, ' ', 13)::bigint) * 1000 / $(getconf CLK_TCK)
  FROM (SELECT split_part(pg_read_file('/proc/self/stat'), ') ', 2) AS f) s"
q() { # SQL...: the backend's processor ms for the statement between the two readings
  psql -X -q -At "$pgdb" -c "SET carepledge.la = '*'" "$@" | awk 'NR == 1 { a = $1 } END { print $1 - a }'
}
variant() { # LABEL SETUP... -- MERGE: the least of three, in processor s
  local label=$1 best="" t; shift
  local setup=(); while [ "$1" != -- ]; do setup+=("$1"); shift; done; shift
  for _ in 1 2 3; do
    t=$(q -c BEGIN "${setup[@]}" -c "$cpu_ms" -c "$1" -c "$cpu_ms" -c ROLLBACK)
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  printf '| %s | %.2f |\n' "$label" "$(awk -v t="$best" 'BEGIN { print t / 1000 }')"
}
empty=(-c 'TRUNCATE visits')
variants=$(
  variant "COPY straight into the empty table (a first import's route when row-level security does not apply)" "${empty[@]}" -- "${copy_in[@]}"
  variant "the same without the (la, child, visit_date) index of migration 019" "${no_la[@]}" "${empty[@]}" -- "${copy_in[@]}"
  variant "the staged merge, a plain INSERT ... SELECT into the empty table (the COPY into the staging table not counted)" "${empty[@]}" -- "$plain"
  variant "the same without the (la, child, visit_date) index" "${no_la[@]}" "${empty[@]}" -- "$plain"
  variant "the same without the primary key" "${no_pk[@]}" "${empty[@]}" -- "$plain"
  variant "the merge of a re-import: ON CONFLICT onto the same rows stored (none written)" -- "$plain $conflict"
)
explain=$(psql -X -q -At "$pgdb" -c "SET carepledge.la = '*'" -c BEGIN -c 'TRUNCATE visits' \
  -c "EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) $plain" -c ROLLBACK | sed 's/^/    /')
version=$(psql -At "$CAREPLEDGE_TEST_PG" -c "SHOW server_version")

cat > bench/RESULTS-pg-profile.md <<MD
# Where a PostgreSQL import's time goes

Generated by \`bench/pg-profile.sh $n\` on $(date -u +%Y-%m-%d) (load average at the start: $load_start;
at the end: $(cut -d' ' -f1-3 /proc/loadavg)), $(nproc) cores, ${BENCH_BIN:+the build $BENCH_BIN}${BENCH_BIN:-Release build}, PostgreSQL $version
(a throwaway cluster, Unix socket, fsync and synchronous_commit on, its superuser). Data:
\`carepledge synth --children $n --seed 1 --from 2017 --to 2026\`, $rows rows, imported into an
empty database in $wall s wall: $(awk -v r="$rows" -v w="$wall" 'BEGIN { printf "%d", r / w }') rows/s; processor seconds: client $client_s
(\`time\`: $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')), its backend $backend_s, the rest of the cluster $rest_s (WAL writer, checkpointer):
$(awk -v r="$rows" -v a="$client_s" -v b="$backend_s" -v c="$rest_s" 'BEGIN { printf "%d", r / (a + b + c) }') rows per processor second. Each phase as the backend's process title showed it,
sampled every 20 ms:

| phase | wall s | client CPU s | server CPU s |
|---|---:|---:|---:|
$phases

The visits merge ($visits rows) again by hand, each rolled back; the backend's processor
seconds, the least of three (wall time says more about the machine's other users):

| variant | server CPU s |
|---|---:|
$variants

The staged merge (the third) explained:

$explain
MD
cat bench/RESULTS-pg-profile.md
