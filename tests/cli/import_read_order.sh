# The CSV files of an import are parsed two at a time (service/import.c,
# load_files): the problems must still come in the files' order, each file's
# in its own order, as one thread reading them in turn gives, and the good
# files' rows must not be half-written.
. "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/in"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nB1,2,01/02/1995,WBRI,,,\n' > "$TMP/in/a_header.csv"
for name in b c d e f g h; do
  printf 'NOT,A,TABLE\n1,2,3\n' > "$TMP/in/${name}_bad.csv"
done
"$CAREPLEDGE" import --db "$TMP/t.db" "$TMP/in" > "$TMP/out" 2> "$TMP/err" && fail "bad files were accepted"
order=$(grep -o '[a-h]_bad\.csv' "$TMP/err" | uniq | tr '\n' ' ')
expect_eq "problems in the files' order" "b_bad.csv c_bad.csv d_bad.csv e_bad.csv f_bad.csv g_bad.csv h_bad.csv " "$order"
[ ! -s "$TMP/t.db" ] || expect_eq "nothing written" 0 "$(sqlite3 "$TMP/t.db" "SELECT count(*) FROM header" 2> /dev/null || echo 0)"
