#!/usr/bin/env bash
# The outputs of every command on two generated histories, as one hash each,
# so a change that must not alter what the program writes (a refactor: issue 9)
# can be checked against the outputs captured before it.
#
#   tests/outputs/outputs.sh BINARY capture   writes tests/outputs/expected.txt
#   tests/outputs/outputs.sh BINARY check     compares with it (exit 1 on a difference)
#
# Text, CSV and HTML are hashed byte for byte. JSON is hashed after `jq -S -c`
# (keys sorted, no spacing), because the JSON writer is allowed to change its
# spacing but never its content. PDFs are hashed as pdftotext's text when
# pdftotext is installed (cairo stamps the creation time), else skipped.
# All data is synthetic (carepledge synth).
#
# With CAREPLEDGE_TEST_PG set (scripts/pg-test.sh: a connection string to a
# PostgreSQL server's postgres database), every history is imported into a
# PostgreSQL database of its own instead of a SQLite file: the outputs must
# not differ by a byte (tests/cli/pg_outputs.sh).
set -euo pipefail
bin=$(realpath "$1"); mode=$2
here=$(cd "$(dirname "$0")" && pwd)
expected=$here/expected.txt
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
actual=$work/actual.txt; : > "$actual"

# record NAME FORMAT CMD...: runs CMD, hashes its standard output as FORMAT.
record() {
  local name=$1 fmt=$2 status=0; shift 2
  "$@" > "$work/out" 2> "$work/err" || status=$?
  hash_file "$name" "$fmt" "$work/out" "$status"
}
hash_file() {
  local name=$1 fmt=$2 file=$3 status=$4 h
  case $fmt in
    json) h=$(jq -S -c . "$file" | sha256sum | cut -c1-16) ;;
    pdf) command -v pdftotext > /dev/null || return 0
         h=$(pdftotext -layout "$file" - | sha256sum | cut -c1-16) ;;
    *) h=$(sha256sum < "$file" | cut -c1-16) ;;
  esac
  echo "$name status=$status $h" >> "$actual"
}

db_of() { # NAME: where the history NAME is stored
  if [ -n "${CAREPLEDGE_TEST_PG:-}" ]; then
    echo "${CAREPLEDGE_TEST_PG/\/\/\/postgres\?/\/\/\/outputs_${1}_$$?}"
  else
    echo "$work/$1.db"
  fi
}

dataset() { # NAME SYNTH-ARGS... : a generated history imported into NAME.db
  local name=$1; shift
  [ -n "${CAREPLEDGE_TEST_PG:-}" ] && psql -q "$CAREPLEDGE_TEST_PG" -c "CREATE DATABASE outputs_${name}_$$"
  "$bin" synth --out "$work/$name" "$@" > /dev/null
  (cd "$work/$name" && find . -type f -name '*.csv' | sort | xargs sha256sum) > "$work/synth.txt"
  hash_file "$name.synth" text "$work/synth.txt" 0
  "$bin" import --db "$(db_of "$name")" "$work/$name" > "$work/import.txt"
  hash_file "$name.import" text "$work/import.txt" 0
}

commands() { # NAME AT YEAR
  local n=$1 at=$2 year=$3 db f
  db=$(db_of "$1")
  local from=$(( ${year%%/*} ))-04-01 to=$(( ${year%%/*} + 1 ))-03-31
  for f in text csv json; do
    record "$n.profile.$f" $f "$bin" profile --db "$db" --at "$at" --format $f
    record "$n.profile.publish.$f" $f "$bin" profile --db "$db" --at "$at" --format $f --publish
    record "$n.profile.2010.$f" $f "$bin" profile --db "$db" --at "$at" --format $f --rules 2010
    record "$n.leavers.$f" $f "$bin" leavers --db "$db" --at "$at" --format $f
    record "$n.leavers.2010.$f" $f "$bin" leavers --db "$db" --at "$at" --format $f --rules 2010
    record "$n.due.$f" $f "$bin" due --db "$db" --at "$at" --format $f
    record "$n.due.overdue.$f" $f "$bin" due --db "$db" --at "$at" --format $f --overdue --within 30
    record "$n.compliance.$f" $f "$bin" compliance --db "$db" --from "$from" --to "$to" --format $f
  done
  for f in text csv json html; do
    record "$n.scorecard.$f" $f "$bin" scorecard --db "$db" --year "$year" --years 4 --format $f
    record "$n.scorecard.publish.$f" $f "$bin" scorecard --db "$db" --year "$year" --publish --format $f
  done
  for by in disability ethnicity age placement; do
    record "$n.scorecard.by.$by" csv "$bin" scorecard --db "$db" --year "$year" --by $by --format csv
  done
  "$bin" scorecard --db "$db" --year "$year" --format pdf --out "$work/sc.pdf" > /dev/null
  hash_file "$n.scorecard.pdf" pdf "$work/sc.pdf" 0
}

validate_outputs() { # NAME YEAR-FOLDER YEAR PREV-FOLDER
  local n=$1.${3/\//-} db dir=$2 year=$3 prev=$4 f status
  db=$(db_of "$1")
  for f in text csv json html; do
    record "$n.validate.$f" $f "$bin" validate --year "$year" --prev "$prev" --format $f "$dir"
  done
  status=0
  "$bin" validate --year "$year" --prev "$prev" --out "$work/report" "$dir" > /dev/null || status=$?
  for f in "$work"/report/*; do
    case $f in *.json) hash_file "$n.validate.out.$(basename "$f")" json "$f" $status ;;
               *) hash_file "$n.validate.out.$(basename "$f")" text "$f" $status ;; esac
  done
  rm -rf "$work/report"
  for f in text csv json; do
    record "$n.validate.db.$f" $f "$bin" validate --db "$db" --year "$year" --format $f
  done
}

# The demo of the README: the strategy's 2000-2010 history.
dataset demo --profile dorset-2010 --seed 2010 --children 900
commands demo 2010-03-31 2009/10
# A generated history up to today's collection years.
dataset recent --seed 77 --children 3000 --from 2017 --to 2027
commands recent 2026-03-31 2025/26
validate_outputs recent "$work/recent/2026-27" 2026/27 "$work/recent/2025-26"
validate_outputs recent "$work/recent/2023-24" 2023/24 "$work/recent/2022-23"
for f in text csv json markdown; do record "indicators.$f" $f "$bin" indicators --format $f; done
for f in text csv json; do
  record "calendar.$f" $f "$bin" calendar --from 1999-01-01 --to 2030-12-31 --format $f
  record "calendar.weekends.$f" $f "$bin" calendar --from 2026-01-01 --to 2026-12-31 --weekends --format $f
done

case $mode in
  capture) cp "$actual" "$expected"; echo "captured $(wc -l < "$expected") outputs" ;;
  check) if diff -u "$expected" "$actual"; then echo "$(wc -l < "$expected") outputs unchanged"
         else echo "outputs differ from tests/outputs/expected.txt" >&2; exit 1; fi ;;
  *) echo "usage: outputs.sh BINARY capture|check" >&2; exit 2 ;;
esac
