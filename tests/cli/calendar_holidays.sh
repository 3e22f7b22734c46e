#!/usr/bin/env bash
# calendar --holidays FILE: a local override file, and the errors for bad input.
set -euo pipefail
: "${CAREPLEDGE:?set CAREPLEDGE to the carepledge binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/local.csv" <<'CSV'
date,action,name
2026-12-24,add,"Council closure, Christmas Eve"
2026-08-31,remove,Summer bank holiday (worked by agreement)
CSV
"$CAREPLEDGE" calendar --from 2026-08-01 --to 2026-12-31 --holidays "$tmp/local.csv" \
    --format csv >"$tmp/got.csv"
cat >"$tmp/expected.csv" <<'CSV'
date,weekday,name
2026-12-24,Thu,"Council closure, Christmas Eve"
2026-12-25,Fri,Christmas Day
2026-12-28,Mon,Boxing Day (substitute day)
CSV
diff -u "$tmp/expected.csv" "$tmp/got.csv"

# Expects exit status 2 and a message on stderr containing $1.
expect_error() {
    local want=$1
    shift
    local rc=0
    "$CAREPLEDGE" calendar "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
    if [ "$rc" -ne 2 ]; then
        echo "calendar $*: exit $rc, expected 2" >&2
        exit 1
    fi
    if ! grep -qF -- "$want" "$tmp/err"; then
        echo "calendar $*: stderr lacks '$want':" >&2
        cat "$tmp/err" >&2
        exit 1
    fi
    [ ! -s "$tmp/out" ]
}

printf 'date,action,name\n2026-12-24,add,Closure\n2026-02-30,add,Nowhere\n' >"$tmp/bad-date.csv"
expect_error "$tmp/bad-date.csv:3:1: date: '2026-02-30' is not a date" \
    --from 2026-01-01 --to 2026-12-31 --holidays "$tmp/bad-date.csv"

printf 'date,action,name\n2026-05-04,move,Early May\n' >"$tmp/bad-action.csv"
expect_error "$tmp/bad-action.csv:2:12: action: unknown action 'move'" \
    --from 2026-01-01 --to 2026-12-31 --holidays "$tmp/bad-action.csv"

expect_error "$tmp/missing.csv: cannot open" \
    --from 2026-01-01 --to 2026-12-31 --holidays "$tmp/missing.csv"
expect_error "--from: '2026-13-01' is not a date" --from 2026-13-01 --to 2026-12-31
expect_error "--to: '31-12-2026' is not a date" --from 2026-01-01 --to 31-12-2026
expect_error "--to DATE is required" --from 2026-01-01
expect_error "is before --from" --from 2026-12-31 --to 2026-01-01
expect_error "--format: 'xml' is not one of text, csv, json" --from 2026-01-01 --to 2026-12-31 --format xml
expect_error "unknown option --year" --year 2026
expect_error "unexpected argument '2026'" --from 2026-01-01 --to 2026-12-31 2026
echo ok
