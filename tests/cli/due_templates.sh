# The record templates (docs/templates.md): each is recognised by its columns and
# imported beside the 903 in one transaction; a second import changes nothing.
. "$(dirname "$0")/lib.bash"
db="$TMP/t.db"
rec="$TMP/records/2009-10"
mkdir -p "$rec"
printf 'CHILD,VISIT_DATE,SEEN_ALONE\nA003,05/03/2010,YES\nA003,19/03/2010,\n' > "$rec/a.csv"
printf 'HA_TYPE,CHILD,HA_DATE\ninitial,A003,10/03/2010\n' > "$rec/b.csv"
printf 'CHILD,DENTAL_DATE\nA003,11/03/2010\n' > "$rec/c.csv"
printf 'CHILD,IMMS_DATE,IMMS_UP_TO_DATE\nA003,10/03/2010,no\n' > "$rec/d.csv"
printf 'CHILD,SDQ_DATE,SDQ_SCORE\nA003,12/03/2010,17\n' > "$rec/e.csv"
printf 'CHILD,PEP_DATE\nA003,12/03/2010\n' > "$rec/f.csv"
printf 'CHILD,CARE_PLAN_DATE\nA003,02/03/2010\n' > "$rec/g.csv"
printf 'CHILD,NEEDS_ASSESSMENT_DATE\nA001,01/08/2009\n' > "$rec/h.csv"
printf 'CHILD,PATHWAY_PLAN_DATE,PATHWAY_PLAN_TYPE\nA002,01/02/2010,Plan\n' > "$rec/i.csv"
printf 'CHILD,PA_CONTACT_DATE,PA_CONTACT_TYPE\nA002,10/03/2010,phone\n' > "$rec/j.csv"

"$CAREPLEDGE" import --db "$db" "$FIXTURES/small" "$TMP/records" > "$TMP/out"
grep -q "imported 21 rows from 13 files" "$TMP/out" || fail "import summary: $(cat "$TMP/out")"
grep -q "HealthAssessments *1" "$TMP/out" || fail "per-template count: $(cat "$TMP/out")"
for t in health_assessments dental_checks immunisations sdq peps care_plans needs_assessments \
  pathway_plans pa_contacts; do
  expect_eq "$t rows" 1 "$(db_count "$db" "$t")"
done
expect_eq "visits rows" 2 "$(db_count "$db" visits)"
expect_eq "choice stored lower-case" "yes|" \
  "$(sqlite3 "$db" "SELECT group_concat(coalesce(seen_alone, ''), '|') FROM visits")"
expect_eq "ISO date" "2010-02-01|plan" "$(sqlite3 "$db" "SELECT * FROM pathway_plans" | cut -d'|' -f2,3)"

db_dump "$db" > "$TMP/before"
"$CAREPLEDGE" import --db "$db" "$TMP/records" > /dev/null
db_dump "$db" > "$TMP/after"
cmp -s "$TMP/before" "$TMP/after" || fail "a second import of the templates changed the database"

# The 903 validator does not take a template for a 903 table.
if "$CAREPLEDGE" validate --year 2009/10 "$rec/a.csv" > /dev/null 2> "$TMP/err"; then
  fail "validate accepted a template"
fi
grep -q "is a Carepledge record template, not a 903 table" "$TMP/err" || fail "validate message: $(cat "$TMP/err")"
echo "ok"
