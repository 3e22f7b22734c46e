#!/usr/bin/env bash
# Installs the Debian packages Carepledge needs to build and test, if missing.
# Safe to run again: it only calls apt-get when something is absent.
set -euo pipefail

packages=(
  gcc make cmake pkg-config      # build
  libsqlite3-dev sqlite3         # the embedded store (sqlite3 CLI is used by tests)
  libpq-dev postgresql           # the PostgreSQL driver (store/pg.c); scripts/pg-test.sh's cluster
  libcmocka-dev                  # unit tests
  libcairo2-dev fonts-dejavu-core # charts and PDF (render/chart)
  clang libclang-rt-14-dev       # sanitizer build and libFuzzer targets
  clang-format                   # the formatting check
  libjansson-dev                 # the one JSON writer (render/json)
  libxml2-dev                    # the 903 XML export (exchange/ssda903_xml)
  jq                             # CLI tests parse JSON output
  poppler-utils                  # pdftotext: tests read the PDF reports' text
  libmicrohttpd-dev              # the web server (web/server.c)
  libssl-dev                     # libcrypto's SHA-256 for the import log (opened when first needed)
  libsodium-dev                  # argon2id passwords, session tokens, the audit chain
  curl                           # the web CLI test signs in over HTTP
  chromium                       # the dashboard's browser tests (tests/e2e/run.sh)
  wrk                            # bench/web.sh: the web server under load
)
# The browser tests drive chromium with npm packages (tests/e2e/package-lock.json,
# `npm ci` in tests/e2e/run.sh, which downloads no browser). Debian's nodejs and
# npm serve; a node that is already installed some other way (which may bundle
# its own npm and conflict with Debian's) is left alone.
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
