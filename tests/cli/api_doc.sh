#!/usr/bin/env bash
# docs/api.md is what `carepledge api-doc` writes from the route table: fails
# when a route was changed without regenerating it.
source "$(dirname "$0")/lib.bash"
"$CAREPLEDGE" api-doc > "$TMP/api.md"
diff -u "$CAREPLEDGE_SOURCE_DIR/docs/api.md" "$TMP/api.md" > "$TMP/diff" ||
  fail "docs/api.md is stale: run build/carepledge api-doc > docs/api.md
$(cat "$TMP/diff")"
grep -q '^| GET | `/api/v1/children/{id}` | child_read | no |' "$TMP/api.md" ||
  fail "api-doc lacks the child route"
echo ok
