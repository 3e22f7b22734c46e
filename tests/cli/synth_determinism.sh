# carepledge synth: the same seed gives the same bytes, another seed other
# data; every file carries the exact 903 column list; every row names a child;
# every date is a real dd/mm/yyyy date; the tables that start in a given year
# (SWEpisodes 2023/24, DoLo 2026/27) appear from that year only. The eleven local
# record templates (docs/templates.md) are in every year folder too: exact
# columns, dates inside the folder's year and in order, one record per child
# and date, every child with a Header row in the same folder.
. "$(dirname "$0")/lib.bash"

gen() { # gen DIR SEED
  "$CAREPLEDGE" synth --out "$1" --children 400 --seed "$2" --from 2022 --to 2027 > /dev/null
}
gen "$TMP/a" 42
gen "$TMP/b" 42
gen "$TMP/c" 43

# Same seed: identical files, byte for byte.
n=0
for f in "$TMP"/a/*/*.csv; do
  rel=${f#"$TMP/a/"}
  cmp -s "$f" "$TMP/b/$rel" || fail "seed 42 twice: $rel differs"
  n=$((n + 1))
done
expect_eq "files per seed" "$n" "$(find "$TMP/b" -name '*.csv' | wc -l | tr -d ' ')"
# Another seed: other data.
diff -rq "$TMP/a" "$TMP/c" > /dev/null && fail "seeds 42 and 43 gave the same data"

# One folder per collection year, named like 2021-22.
expect_eq "year folders" "2021-22 2022-23 2023-24 2024-25 2025-26 2026-27" \
  "$(cd "$TMP/a" && ls -d */ | tr -d / | tr '\n' ' ' | sed 's/ $//')"

# The exact 903 column lists.
declare -A columns=(
  [header]="CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
  [episodes]="CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
  [reviews]="CHILD,DOB,REVIEW,REVIEW_CODE"
  [uasc]="CHILD,SEX,DOB,DUC"
  [oc2]="CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED"
  [oc3]="CHILD,DOB,IN_TOUCH,ACTIV,ACCOM"
  [ad1]="CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR"
  [placed_adoption]="CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED"
  [prev_perm]="CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM"
  [missing]="CHILD,DOB,MISSING,MIS_START,MIS_END"
  [sw_episodes]="CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON"
  [dolo]="CHILD,DOB,DOLO_START,DOLO_END"
  [visits]="CHILD,VISIT_DATE,SEEN_ALONE"
  [health_assessments]="CHILD,HA_DATE,HA_TYPE"
  [dental_checks]="CHILD,DENTAL_DATE"
  [immunisations]="CHILD,IMMS_DATE,IMMS_UP_TO_DATE"
  [sdq]="CHILD,SDQ_DATE,SDQ_SCORE"
  [peps]="CHILD,PEP_DATE"
  [care_plans]="CHILD,CARE_PLAN_DATE"
  [needs_assessments]="CHILD,NEEDS_ASSESSMENT_DATE"
  [pathway_plans]="CHILD,PATHWAY_PLAN_DATE,PATHWAY_PLAN_TYPE"
  [pa_contacts]="CHILD,PA_CONTACT_DATE,PA_CONTACT_TYPE"
  [visit_regimes]="CHILD,REGIME_DATE,REGIME"
)
for dir in "$TMP"/a/*/; do
  year=$(basename "$dir")
  end=$((${year%%-*} + 1))
  for table in "${!columns[@]}"; do
    f="$dir/$table.csv"
    first=0
    case $table in sw_episodes) first=2024 ;; dolo) first=2027 ;; esac
    if [ "$end" -lt "$first" ]; then
      [ ! -e "$f" ] || fail "$year/$table.csv should not exist before $first"
      continue
    fi
    [ -f "$f" ] || fail "$year/$table.csv is missing"
    expect_eq "$year/$table.csv header" "${columns[$table]}" "$(head -1 "$f")"
  done
done

# Rows that matter are there: every year has episodes, reviews and OC3, and
# the records of the duties that fall every few weeks or months.
for dir in "$TMP"/a/*/; do
  for table in header episodes reviews oc2 oc3 visits health_assessments dental_checks sdq peps \
    care_plans pathway_plans pa_contacts; do
    [ "$(wc -l < "$dir/$table.csv")" -gt 10 ] || fail "$(basename "$dir")/$table.csv is nearly empty"
  done
done

# Visit regime statements (reg 19, reg 24 and their ends) for a share of the
# placements with a parent or a relative: rarer than visits, but there.
for word in reg19_assessment_pending reg24_temporary_approval standard; do
  [ "$(cat "$TMP"/a/*/visit_regimes.csv | grep -c ",$word\$")" -ge 3 ] || fail "few $word statements"
done

# No empty CHILD; every date field a real dd/mm/yyyy date (DATE_PERM may
# say "zz" for a day not known, as the 903 allows).
for f in "$TMP"/a/*/*.csv; do
  awk -F, -v file="${f#"$TMP/a/"}" '
    function leap(y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    function bad(msg) { printf "%s line %d: %s\n", file, NR, msg; status = 1; exit }
    NR == 1 {
      for (i = 1; i <= NF; i++)
        isdate[i] = ($i ~ /^(DOB|MC_DOB|DECOM|DEC|REVIEW|DUC|DATE_INT|DATE_MATCH|DATE_PLACED|DATE_PLACED_CEASED|DATE_PERM|MIS_START|MIS_END|SW_DECOM|SW_DEC|DOLO_START|DOLO_END|VISIT_DATE|HA_DATE|DENTAL_DATE|IMMS_DATE|SDQ_DATE|PEP_DATE|CARE_PLAN_DATE|NEEDS_ASSESSMENT_DATE|PATHWAY_PLAN_DATE|PA_CONTACT_DATE|REGIME_DATE)$/)
      width = NF
      next
    }
    {
      if (NF != width) bad("has " NF " fields, not " width)
      if ($1 == "") bad("empty CHILD")
      for (i = 1; i <= NF; i++) {
        if (!isdate[i] || $i == "") continue
        v = $i
        if (v == "ZZ/ZZ/ZZZZ") continue # an unknown date as the DfE gives it (DATE_PERM)
        if (v ~ /^zz\//) v = "01" substr(v, 3)
        if (v !~ /^[0-9][0-9]\/[0-9][0-9]\/[0-9][0-9][0-9][0-9]$/) bad("not dd/mm/yyyy: " $i)
        d = substr(v, 1, 2) + 0; m = substr(v, 4, 2) + 0; y = substr(v, 7, 4) + 0
        split("31 28 31 30 31 30 31 31 30 31 30 31", dim, " ")
        max = dim[m] + (m == 2 && leap(y))
        if (m < 1 || m > 12 || d < 1 || d > max || y < 1900) bad("not a real date: " $i)
      }
    }
    END { exit status }' "$f" || fail "bad row in ${f#"$TMP/a/"}"
done

# Child identifiers are unique strings like C000123, one Header row each per year.
for f in "$TMP"/a/*/header.csv; do
  [ -z "$(tail -n +2 "$f" | cut -d, -f1 | sort | uniq -d)" ] || fail "duplicate Header rows in $f"
  tail -n +2 "$f" | cut -d, -f1 | grep -qv '^C[0-9]\{6\}$' && fail "odd CHILD id in $f"
done

# Local records: the record's date (second column) inside the folder's
# collection year, rows in order of child then date with no child and date
# twice, choice words and SDQ scores as the templates allow, and every child
# in the same folder's Header.
for dir in "$TMP"/a/*/; do
  year=$(basename "$dir")
  start=${year%%-*}
  for table in visits health_assessments dental_checks immunisations sdq peps care_plans \
    needs_assessments pathway_plans pa_contacts visit_regimes; do
    f="$dir/$table.csv"
    awk -F, -v file="$year/$table.csv" -v ys="${start}0401" -v ye="$((start + 1))0331" '
      function bad(msg) { printf "%s line %d: %s\n", file, NR, msg; status = 1; exit }
      NR == 1 { col = $3; next }
      {
        key = substr($2, 7, 4) substr($2, 4, 2) substr($2, 1, 2)
        if (key < ys || key > ye) bad("dated outside the year: " $2)
        if ($1 < prev_child || ($1 == prev_child && key <= prev_key)) bad("out of order or twice")
        prev_child = $1; prev_key = key
        if (col == "SEEN_ALONE" || col == "IMMS_UP_TO_DATE") ok = $3 ~ /^(yes|no)$/
        else if (col == "HA_TYPE") ok = $3 ~ /^(initial|review)$/
        else if (col == "PATHWAY_PLAN_TYPE") ok = $3 ~ /^(plan|review)$/
        else if (col == "PA_CONTACT_TYPE") ok = $3 ~ /^(visit|phone|video|message)$/
        else if (col == "SDQ_SCORE") ok = $3 ~ /^[0-9]+$/ && $3 <= 40
        else if (col == "REGIME") ok = $3 ~ /^(reg19_assessment_pending|reg24_temporary_approval|standard)$/
        else ok = 1
        if (!ok) bad("bad " col ": " $3)
      }
      END { exit status }' "$f" || fail "bad row in $year/$table.csv"
    missing=$(comm -23 <(tail -n +2 "$f" | cut -d, -f1 | sort -u) <(tail -n +2 "$dir/header.csv" | cut -d, -f1 | sort -u))
    [ -z "$missing" ] || fail "$year/$table.csv: children without a Header row: $(echo $missing | head -c 80)"
  done
done

# Bad options are refused with exit status 2.
set +e
"$CAREPLEDGE" synth --children 10 > /dev/null 2>&1
expect_eq "no --out" 2 $?
"$CAREPLEDGE" synth --out "$TMP/x" --from 2020 --to 2019 > /dev/null 2>&1
expect_eq "--from after --to" 2 $?
"$CAREPLEDGE" synth --out "$TMP/x" --profile elsewhere > /dev/null 2>&1
expect_eq "unknown profile" 2 $?
set -e
echo ok
