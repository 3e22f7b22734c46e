# Shared by the CLI tests: a temporary folder, and checks that say what failed.
# Each test is run by ctest with CAREPLEDGE (the binary) and
# CAREPLEDGE_SOURCE_DIR (the repository) in the environment.
set -euo pipefail
: "${CAREPLEDGE:?set CAREPLEDGE to the carepledge binary}"
: "${CAREPLEDGE_SOURCE_DIR:?set CAREPLEDGE_SOURCE_DIR to the repository}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FIXTURES="$CAREPLEDGE_SOURCE_DIR/tests/fixtures"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# json_check WHAT FILE FILTER [JQ-ARGS...]: the jq FILTER is true of the JSON
# document in FILE. JSON is checked by parsing it, never by matching its
# spacing (the writer, render/json, may lay it out differently).
json_check() {
  local what=$1 file=$2 filter=$3
  shift 3
  jq -e "$@" "$filter" "$file" > /dev/null || fail "$what: $(head -c 2000 "$file")"
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
  [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
}

# The whole content of a database, for "nothing changed" and "same result"
# checks; the migration rows are left out, since they record the time each
# database was created (to the second), and so are the commit counter, which
# counts every import, even one that changes nothing, and the import log,
# which records every import (tests/cli/import_log.sh checks it).
db_dump() {
  sqlite3 "$1" .dump | grep -v -e '^INSERT INTO schema_migrations ' -e '^INSERT INTO store_commits ' \
    -e '^INSERT INTO imports ' -e '^INSERT INTO import_files ' -e '^INSERT INTO import_rows ' -e '^INSERT INTO import_outcomes '
}

# Makes a database look as it was before schema version 12 (councils): drops
# the la column, its triggers and index, from every table that has them.
undo_councils() {
  local t sql="DROP INDEX IF EXISTS header_la;"
  for t in $(sqlite3 "$1" "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
      WHERE m.type = 'table' AND p.name = 'la'"); do
    sql="$sql DROP TRIGGER IF EXISTS ${t}_one_council; ALTER TABLE $t DROP COLUMN la;"
  done
  sqlite3 "$1" "$sql"
}

db_count() {
  sqlite3 "$1" "SELECT count(*) FROM $2"
}
