# Every case of tests/bad-input: the exact message, exit status 2, and a
# database left exactly as it was.
. "$(dirname "$0")/lib.bash"
base="$TMP/base.db"
"$CAREPLEDGE" import --db "$base" "$FIXTURES/small" > /dev/null
db_dump "$base" > "$TMP/base.dump"
n=0
for case_dir in "$CAREPLEDGE_SOURCE_DIR"/tests/bad-input/*/; do
  name=$(basename "$case_dir")
  cp "$base" "$TMP/case.db"
  args=()
  [ -f "$case_dir/args" ] && read -r -a args < "$case_dir/args"
  status=0
  (cd "$case_dir" && "$CAREPLEDGE" import --db "$TMP/case.db" "${args[@]}" data) \
    > /dev/null 2> "$TMP/stderr" || status=$?
  expect_eq "$name: exit status" 2 "$status"
  diff -u "$case_dir/expected" "$TMP/stderr" || fail "$name: message differs"
  db_dump "$TMP/case.db" > "$TMP/case.dump"
  cmp -s "$TMP/base.dump" "$TMP/case.dump" || fail "$name: the database changed"
  n=$((n + 1))
done
[ "$n" -ge 16 ] || fail "only $n bad-input cases found"
echo "ok: $n cases"
