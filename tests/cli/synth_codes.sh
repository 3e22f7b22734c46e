# carepledge synth writes only codes that data/903-codes.csv lists for the
# column, valid in the file's collection year (H5 up to 2024/25, K3 from
# 2025/26, SEX 1/2 up to 2023/24 and M/F after; the foster codes F1-F6, Q1/Q2
# and U1-U6 of their eras, docs/codes.md), in the dorset-2010 demo history, a
# history across the 2013/14-2015/16 changes and a recent one.
. "$(dirname "$0")/lib.bash"
CODES="$CAREPLEDGE_SOURCE_DIR/data/903-codes.csv"

"$CAREPLEDGE" synth --out "$TMP/r" --children 1500 --seed 5 --from 2021 --to 2027 > /dev/null
"$CAREPLEDGE" synth --out "$TMP/d" --profile dorset-2010 --seed 2010 --children 600 > /dev/null
"$CAREPLEDGE" synth --out "$TMP/m" --children 600 --seed 7 --from 2014 --to 2017 > /dev/null

check_year() { # check_year DIR
  local dir=$1 year end
  year=$(basename "$dir")
  end=$((${year%%-*} + 1))
  for f in "$dir"/*.csv; do
    awk -F, -v end="$end" -v file="$year/$(basename "$f")" '
      # data/903-codes.csv: field,code,meaning,from_year,to_year (meanings may be quoted)
      FNR == NR {
        if (FNR == 1) next
        n = split($0, q, "\"")
        line = $0
        if (n > 1) { line = q[1] "x" q[n] }   # drop a quoted meaning
        split(line, p, ",")
        from = p[4]; to = p[5]
        if ((from == "" || end >= from + 0) && (to == "" || end <= to + 0)) ok[p[1] SUBSEP p[2]] = 1
        field[p[1]] = 1
        next
      }
      FNR == 1 { for (i = 1; i <= NF; i++) col[i] = $i; next }
      {
        for (i = 1; i <= NF; i++) {
          if ($i == "" || !(col[i] in field)) continue
          if (col[i] == "UPN" && $i !~ /^UN/) continue   # a real UPN, not a code
          if (!((col[i] SUBSEP $i) in ok)) {
            printf "%s line %d: %s code %s is not valid for %d\n", file, FNR, col[i], $i, end
            bad = 1
          }
        }
      }
      END { exit bad }' "$CODES" "$f" || fail "invalid code in $year/$(basename "$f")"
  done
}
for dir in "$TMP"/r/*/ "$TMP"/d/*/ "$TMP"/m/*/; do check_year "${dir%/}"; done

# Supported accommodation: H5 in 2024/25 and before, K3 from 2025/26, and
# both occur where they may.
grep -q ',H5,' "$TMP/r/2021-22/episodes.csv" || fail "no H5 in 2021-22"
grep -q ',K3,' "$TMP/r/2026-27/episodes.csv" || fail "no K3 in 2026-27"
# Each era's foster and home codes occur in its years.
grep -q ',F[1-6],' "$TMP/d/2004-05/episodes.csv" || fail "no F1-F6 in 2004-05"
grep -q ',H[34],' "$TMP/d/2004-05/episodes.csv" || fail "no H3/H4 in 2004-05"
grep -q ',Q[12],' "$TMP/d/2009-10/episodes.csv" || fail "no Q1/Q2 in 2009-10"
grep -q ',Q[12],' "$TMP/m/2013-14/episodes.csv" || fail "no Q1/Q2 in 2013-14"
grep -q ',U[1-6],' "$TMP/m/2014-15/episodes.csv" || fail "no U1-U6 in 2014-15"
grep -q ',E4,' "$TMP/m/2014-15/episodes.csv" || fail "no E4 in 2014-15"
grep -q ',E4[AB],' "$TMP/m/2016-17/episodes.csv" || fail "no E4A/E4B in 2016-17"
echo ok
