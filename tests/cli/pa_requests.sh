# The PARequests template (docs/templates.md): a former relevant young person's
# request for advice and support to 25 (Children Act 1989 s23CZB) and its
# withdrawal, imported and read by leavers and due. A001 (tests/fixtures/small)
# was born 15/06/1993 and looked after from 01/01/2008 past the 18th birthday:
# former relevant; 21 on 15/06/2014, 25 on 15/06/2018.
. "$(dirname "$0")/lib.bash"
db="$TMP/t.db"
mkdir -p "$TMP/req/2015-16" "$TMP/bad/2015-16"
printf 'CHILD,PA_REQUEST_DATE,PA_REQUEST\nA001,01/09/2015,Requested\nA001,01/03/2016,withdrawn\n' \
  > "$TMP/req/2015-16/requests.csv"
"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" "$TMP/req" > "$TMP/out"
grep -q "PARequests *2" "$TMP/out" || fail "per-template count: $(cat "$TMP/out")"
expect_eq "stored lower-case, ISO dates" "2015-09-01|requested 2016-03-01|withdrawn" \
  "$(sqlite3 "$db" "SELECT pa_request_date || '|' || pa_request FROM pa_requests ORDER BY 1" | tr '\n' ' ' | sed 's/ $//')"

category_on() { # DATE: A001's category on DATE; "absent" when not listed (none)
  "$CAREPLEDGE" leavers --db "$db" --at "$1" --format json |
    jq -r '[.. | objects | select(.child? == "A001") | .category] | first // "absent"'
}
expect_eq "21, not asked" absent "$(category_on 2015-08-31)"
expect_eq "from the request" former_relevant "$(category_on 2015-09-01)"
expect_eq "withdrawn (s23CZB(3)(b))" absent "$(category_on 2016-03-01)"

# The assessment is owed from the request (s23CZB(4)); one day later, overdue.
"$CAREPLEDGE" due --db "$db" --at 2015-09-02 --child A001 --format csv > "$TMP/due.csv"
grep -q '^A001,needs_assessment,2015-09-01,overdue,1,' "$TMP/due.csv" || fail "due: $(cat "$TMP/due.csv")"
if grep -q 'pa_contact' "$TMP/due.csv"; then fail "no reg 8 visit on request: $(cat "$TMP/due.csv")"; fi

# A row that says neither requested nor withdrawn is refused, naming the cell.
printf 'CHILD,PA_REQUEST_DATE,PA_REQUEST\nA001,01/10/2015,\n' > "$TMP/bad/2015-16/r.csv"
if "$CAREPLEDGE" import --db "$db" "$TMP/bad" > /dev/null 2> "$TMP/err"; then
  fail "an empty PA_REQUEST was accepted"
fi
grep -q "r.csv:2:.*PA_REQUEST.*missing; one of requested|withdrawn is needed" "$TMP/err" ||
  fail "message: $(cat "$TMP/err")"
echo "ok"
