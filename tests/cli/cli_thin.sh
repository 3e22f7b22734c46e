# The command line is a thin front end: no file of src/cli/ (nor main.c)
# includes the store's headers, directly or through the headers it includes;
# only service/ drives the store.
. "$(dirname "$0")/lib.bash"
src="$CAREPLEDGE_SOURCE_DIR/src"
cc=$(command -v cc || command -v gcc || command -v clang) || { echo "skip: no C compiler"; exit 0; }
n=0
for f in "$src"/cli/*.c "$src"/main.c; do
  deps=$("$cc" -MM -I "$src" "$f") || fail "cannot read the includes of $f"
  if tr ' ' '\n' <<< "$deps" | grep -q '/store/'; then
    fail "$(basename "$f") includes the store: $(tr ' ' '\n' <<< "$deps" | grep '/store/' | head -3)"
  fi
  n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n files checked"
echo "ok: $n files"
