#!/usr/bin/env bash
# The libraries every command loads at start-up (issue 9: no command slower):
# libmicrohttpd and libxml2, which bring GnuTLS and ICU with them, are opened
# only by `serve` and 903 XML (base/dynlib.h), so the binary must not be
# linked with them; and they must still open when those paths need them.
. "$(dirname "$0")/lib.bash"

needed=$(objdump -p "$CAREPLEDGE" | awk '$1 == "NEEDED" { print $2 }')
for lib in libmicrohttpd libxml2 libgnutls libicuuc libstdc++; do
  if grep -q "^$lib\.so" <<< "$needed"; then
    fail "the binary is linked with $lib (loaded by every command): $(tr '\n' ' ' <<< "$needed")"
  fi
done

# 903 XML still reads (libxml2 opened when the first XML file is read);
# xml_import.sh and web_serve.sh test those paths in full.
"$CAREPLEDGE" import --db "$TMP/xml.db" "$FIXTURES/xml/small" > "$TMP/out.txt" 2> "$TMP/err.txt" ||
  fail "an XML import failed: $(cat "$TMP/err.txt")"
[ "$(db_count "$TMP/xml.db" episodes)" -gt 0 ] || fail "the XML import stored no episodes"
