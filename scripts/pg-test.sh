#!/usr/bin/env bash
# Runs the tests again against PostgreSQL, on a throwaway cluster:
#
#   scripts/pg-test.sh [BUILD]          the PostgreSQL tests of ctest in BUILD (default
#                                       build/): the store, the CLI and the outputs of
#                                       every command, on both drivers
#   scripts/pg-test.sh --run CMD...     any command, with the cluster up
#
# The cluster lives in a temporary folder: initdb there, a Unix socket there
# (no TCP port, so several runs at once never collide), trust authentication
# for the folder's owner only (the socket is mode 0700). When run as root the
# server runs as the `postgres` user (runuser), which owns the folder. Every
# test gets CAREPLEDGE_TEST_PG, a connection string to the cluster's
# `postgres` database, and makes databases of its own beside it. The cluster
# is stopped and removed however the run ends.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bindir/initdb" ] || { echo "pg-test: PostgreSQL is not installed (scripts/install-deps.sh)" >&2; exit 1; }

dir=$(mktemp -d /tmp/carepledge-pg.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi
cleanup() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
chmod 0700 "$dir"
"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
  > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# Small and fast: no TCP, no durability (a throwaway cluster; CAREPLEDGE_PG_FSYNC=on
# keeps it, as bench/pg.sh does for figures comparable with SQLite's), enough
# connections for the tests running side by side.
fsync=${CAREPLEDGE_PG_FSYNC:-off}
"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=$fsync -c synchronous_commit=$fsync -c full_page_writes=$fsync -c max_connections=200" \
  start || { cat "$dir/server.log" >&2; exit 1; }
export CAREPLEDGE_TEST_PG="postgresql:///postgres?host=$dir&user=postgres"
export PGHOST=$dir PGUSER=postgres

if [ "${1:-}" = "--run" ]; then
  shift
  "$@"
else
  build=${1:-$root/build}
  ctest --test-dir "$build" --output-on-failure -j"$(nproc)" -L pg
fi
