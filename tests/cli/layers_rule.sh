# The layer check (cmake/check_layers.cmake, ctest `layers`) passes on the tree
# and fails, naming file and layer, on each kind of include it forbids:
# a layer above, an outside library the layer does not link, and a folder of
# src/ that is not in the table.
. "$(dirname "$0")/lib.bash"

check() {
  cmake -DROOT="$1" -P "$CAREPLEDGE_SOURCE_DIR/cmake/check_layers.cmake" 2>&1
}

check "$CAREPLEDGE_SOURCE_DIR" > "$TMP/tree.log" || fail "the tree breaks the layers: $(cat "$TMP/tree.log")"

# plant ROOT FILE LINE: a copy of src/ with LINE appended to FILE.
plant() {
  rm -rf "$TMP/copy" && mkdir -p "$TMP/copy" && cp -r "$CAREPLEDGE_SOURCE_DIR/src" "$TMP/copy/"
  mkdir -p "$(dirname "$TMP/copy/src/$1")"
  echo "$2" >> "$TMP/copy/src/$1"
}

expect_refused() {
  if check "$TMP/copy" > "$TMP/out.log"; then fail "not refused: $1"; fi
  grep -qF "$2" "$TMP/out.log" || fail "$1: message lacks [$2]: $(cat "$TMP/out.log")"
}

plant domain/care.c '#include "store/store.h"'
expect_refused "domain including store" "src/domain/care.c: domain may not include store/"

plant domain/dataset.h '#include "service/import.h"'
expect_refused "domain including service" "src/domain/dataset.h: domain may not include service/"

plant validate/vrules.c '#include <sqlite3.h>'
expect_refused "validate including SQLite" "src/validate/vrules.c: validate does not link SQLITE3"

plant exchange/ssda903.c '#include <cairo.h>'
expect_refused "exchange including cairo" "src/exchange/ssda903.c: exchange does not link CAIRO"

plant base/date.c '#include "domain/dataset.h"'
expect_refused "base including domain" "src/base/date.c: base may not include domain/"

plant extra/new.c '#include "base/err.h"'
expect_refused "an unknown folder" "src/extra/new.c: folder src/extra/ is not a layer"
